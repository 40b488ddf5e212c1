//! `factcheck check --format github`: GitHub Actions workflow commands, so problems show on
//! the pull request's diff, within GitHub's limits: the files that could not be checked and
//! the claims in changed lines first, at most a set number of annotations of each level, the
//! rest counted in a last notice. And the Markdown summary for the job's page.

use std::io::{self, Write};

use super::check::{fix_lines, summary, Report};
use super::plural;
use super::sanitize::{table_cell, terminal, workflow_message, workflow_property};
use crate::gate::{Finding, Severity};

/// The figure and its sentence: what an annotation says under its title.
fn described(f: &Finding) -> String {
    if f.figure.is_empty() {
        f.sentence.clone()
    } else {
        format!("{}: {}", f.figure, f.sentence)
    }
}

/// The findings in the order they are worth a reviewer's attention: claims in lines the
/// change touched, then the others, each in article order.
fn by_priority(findings: &[Finding]) -> Vec<&Finding> {
    let mut ordered: Vec<&Finding> = findings.iter().collect();
    ordered.sort_by_key(|f| !f.in_changed_lines);
    ordered
}

/// Workflow commands for the report: at most `cap` annotations of each level, then a notice
/// counting the rest; `summarised` says the step summary lists them all.
pub fn annotations(
    out: &mut dyn Write,
    report: &Report,
    cap: usize,
    summarised: bool,
    quiet: bool,
) -> io::Result<()> {
    let (mut errors, mut warnings, mut left_out) = (0, 0, 0);
    let mut room = |level: Severity| {
        let used = match level {
            Severity::Error => &mut errors,
            Severity::Warning => &mut warnings,
        };
        *used += 1;
        *used <= cap
    };
    for e in &report.errors {
        if !room(Severity::Error) {
            left_out += 1;
            continue;
        }
        let message = match &e.help {
            Some(help) => format!("{} ({help})", e.message),
            None => e.message.clone(),
        };
        writeln!(
            out,
            "::error file={},line={},col={},title={}::{}",
            workflow_property(&e.path),
            e.line,
            e.column,
            workflow_property(&format!(
                "factcheck: cannot check this file ({})",
                e.code.as_str()
            )),
            workflow_message(&message)
        )?;
    }
    for f in by_priority(&report.findings) {
        if !room(f.severity) {
            left_out += 1;
            continue;
        }
        let title = match &f.claim_id {
            Some(id) => format!("factcheck: {} [{id}]", f.code.title()),
            None => format!("factcheck: {}", f.code.title()),
        };
        writeln!(
            out,
            // A line break of the message's own (%0A), between what is wrong and the fix.
            "::{} file={},line={},endLine={},col={},endColumn={},title={}::{}%0Afix: {}",
            f.severity.as_str(),
            workflow_property(&f.path),
            f.line,
            f.end_line,
            f.column,
            f.end_column,
            workflow_property(&title),
            workflow_message(&described(f)),
            workflow_message(&f.fix())
        )?;
    }
    if left_out > 0 {
        let rest = if summarised {
            "the job summary lists them all"
        } else {
            "run `factcheck check` to see them all"
        };
        writeln!(
            out,
            "::notice title=factcheck::{left_out} more problem{} not shown as annotations (GitHub shows {cap} of each level per step); {rest}",
            plural(left_out)
        )?;
    }
    if !quiet {
        writeln!(out, "{}", summary(&report.totals, report.since.as_ref()))?;
    }
    Ok(())
}

/// How many findings the summary table lists before it stops.
const SUMMARY_ROWS: usize = 200;

/// The job summary: the total, a table of the problems (those in changed lines first), and
/// the commands that fix them.
pub fn step_summary(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let verdict = if report.passed() {
        "policy met"
    } else {
        "policy not met"
    };
    writeln!(out, "### factcheck check: {verdict}\n")?;
    writeln!(
        out,
        "{}\n",
        table_cell(&summary(&report.totals, report.since.as_ref()))
    )?;
    if !report.errors.is_empty() {
        writeln!(out, "| file | problem |\n|---|---|")?;
        for e in &report.errors {
            writeln!(
                out,
                "| `{}:{}:{}` | {} |",
                terminal(&e.path),
                e.line,
                e.column,
                table_cell(&e.message)
            )?;
        }
        writeln!(out)?;
    }
    if report.findings.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "| article | line | claim | problem | figure | in this change |\n|---|---:|---|---|---|---|"
    )?;
    let ordered = by_priority(&report.findings);
    for f in ordered.iter().take(SUMMARY_ROWS) {
        writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            terminal(&f.path),
            f.line,
            f.claim_id
                .as_deref()
                .map_or(String::new(), |id| format!("`{}`", terminal(id))),
            f.code.title(),
            table_cell(&f.figure),
            if f.in_changed_lines { "yes" } else { "" }
        )?;
    }
    let more = ordered.len().saturating_sub(SUMMARY_ROWS);
    if more > 0 {
        writeln!(
            out,
            "\n… and {more} more; run `factcheck check` to see them all."
        )?;
    }
    writeln!(out, "\nTo fix:\n\n```sh")?;
    for line in fix_lines(&report.findings) {
        writeln!(out, "{}", terminal(&line))?;
    }
    writeln!(out, "```")
}
