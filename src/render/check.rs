//! Output of `factcheck check` for people and for tools: one line per problem
//! (`path:line:col: problem [claim]: figure: sentence`), a total and the commands that fix
//! it, or one JSON document. The GitHub and SARIF views are in `render::github` and
//! `render::sarif`.

use std::io::{self, Write};

use colored::Colorize;
use serde::Serialize;

use super::sanitize::{self, terminal};
use super::{plural, SCHEMA_VERSION};
use crate::gate::{by_article, fix_commands, CheckError, Finding, Severity};

/// Totals for the closing line.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Totals {
    pub articles: usize,
    pub claims: usize,
    pub failing: usize,
    pub warnings: usize,
    pub errors: usize,
}

/// The revision a run was limited to.
#[derive(Debug, Clone, Serialize)]
pub struct Since {
    /// As given (`origin/main`).
    pub rev: String,
    /// The commit compared with: where the history of the revision and `HEAD` meet.
    pub commit: String,
}

/// Everything one run of the gate found.
#[derive(Debug, Clone)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub errors: Vec<CheckError>,
    pub totals: Totals,
    pub since: Option<Since>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.totals.failing == 0 && self.totals.errors == 0
    }
}

/// The claim id as findings show it: " [4dfe84]"; empty for the whole article.
fn id_part(f: &Finding) -> String {
    f.claim_id
        .as_deref()
        .map_or(String::new(), |id| format!(" [{id}]"))
}

/// The figure as findings show it, before the sentence: "at least 10,000 containers: ".
fn figure_part(f: &Finding) -> String {
    if f.figure.is_empty() {
        String::new()
    } else {
        format!("{}: ", f.figure)
    }
}

/// What a finding says, without its place: "pending [4dfe84]: at least 10,000 containers:
/// the sentence".
pub fn message(f: &Finding) -> String {
    format!(
        "{}{}: {}{}",
        f.code.title(),
        id_part(f),
        figure_part(f),
        f.sentence
    )
}

/// One line per problem, the total, and the commands that fix it.
pub fn human(out: &mut dyn Write, report: &Report, quiet: bool, color: bool) -> io::Result<()> {
    for f in &report.findings {
        let place = format!("{}:{}:{}:", terminal(&f.path), f.line, f.column);
        let warning = if f.severity == Severity::Warning {
            "warning: "
        } else {
            ""
        };
        let title = format!("{warning}{}", f.code.title());
        let (id, figure) = (id_part(f), figure_part(f));
        let (id, figure) = (terminal(&id), terminal(&figure));
        if color {
            let title = match f.severity {
                Severity::Error => title.red().bold(),
                Severity::Warning => title.yellow().bold(),
            };
            writeln!(
                out,
                "{} {title}{}: {}{}",
                place.bold(),
                id.cyan(),
                figure.yellow(),
                terminal(&f.sentence)
            )?;
        } else {
            writeln!(
                out,
                "{place} {title}{id}: {figure}{}",
                terminal(&f.sentence)
            )?;
        }
    }
    if quiet {
        return Ok(());
    }
    let total = summary(&report.totals, report.since.as_ref());
    let total = match (color, report.totals.failing == 0) {
        (false, _) => total,
        (true, true) => total.green().bold().to_string(),
        (true, false) => total.red().bold().to_string(),
    };
    writeln!(out, "{total}")?;
    fixes(out, &report.findings, color)
}

/// How many articles the fix list names before it stops.
const FIX_ARTICLES: usize = 10;

/// The commands that fix the findings, for the first few articles, and a line counting the
/// rest.
pub fn fix_lines(findings: &[Finding]) -> Vec<String> {
    let articles = by_article(findings);
    let mut lines: Vec<String> = articles
        .iter()
        .take(FIX_ARTICLES)
        .flat_map(|(path, list)| fix_commands(path, list))
        .collect();
    // One command can fix findings of several articles (`factcheck conflicts`).
    let mut seen = std::collections::HashSet::new();
    lines.retain(|l| seen.insert(l.clone()));
    let more = articles.len().saturating_sub(FIX_ARTICLES);
    if more > 0 {
        lines.push(format!(
            "# … and {more} more article{}: `factcheck status` lists them",
            plural(more)
        ));
    }
    lines
}

/// The commands that fix the findings.
fn fixes(out: &mut dyn Write, findings: &[Finding], color: bool) -> io::Result<()> {
    let lines = fix_lines(findings);
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out, "to fix:")?;
    for line in lines {
        let line = terminal(&line);
        let line = if color {
            line.cyan().to_string()
        } else {
            line.into_owned()
        };
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// The one-line total.
pub fn summary(t: &Totals, since: Option<&Since>) -> String {
    let articles = match since {
        Some(s) => format!(
            "{} article{} changed since {}",
            t.articles,
            plural(t.articles),
            s.rev
        ),
        None => format!("{} article{}", t.articles, plural(t.articles)),
    };
    let mut line = if t.failing == 0 {
        // Files that could not be read were not checked, so the policy cannot be said met.
        let verdict = if t.errors == 0 {
            "policy met"
        } else {
            "check incomplete"
        };
        format!(
            "{verdict}: {} claim{} in {articles} checked",
            t.claims,
            plural(t.claims),
        )
    } else {
        format!(
            "policy not met: {} problem{} in {} claim{} across {articles}",
            t.failing,
            plural(t.failing),
            t.claims,
            plural(t.claims),
        )
    };
    if t.warnings > 0 {
        line.push_str(&format!(", {} warning{}", t.warnings, plural(t.warnings)));
    }
    if t.errors > 0 {
        line.push_str(&format!(
            ", {} file{} could not be checked",
            t.errors,
            plural(t.errors)
        ));
    }
    line
}

/// A finding as JSON writes it: its fields, what it says, and the command that fixes it.
#[derive(Serialize)]
struct FindingView<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    message: String,
    fix: String,
}

#[derive(Serialize)]
struct CheckDocument<'a> {
    schema_version: u32,
    passed: bool,
    changed_since: Option<&'a Since>,
    totals: &'a Totals,
    findings: Vec<FindingView<'a>>,
    errors: &'a [CheckError],
}

pub fn json(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let doc = CheckDocument {
        schema_version: SCHEMA_VERSION,
        passed: report.passed(),
        changed_since: report.since.as_ref(),
        totals: &report.totals,
        findings: report
            .findings
            .iter()
            .map(|finding| FindingView {
                finding,
                message: message(finding),
                fix: finding.fix(),
            })
            .collect(),
        errors: &report.errors,
    };
    sanitize::json(out, &doc, true)?;
    writeln!(out)
}
