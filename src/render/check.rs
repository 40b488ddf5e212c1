//! Output of `factcheck check`: one line per problem (`path:line:col: state: figure:
//! sentence`), GitHub workflow commands, SARIF 2.1.0, or JSON.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use crate::diagnostic::Diagnostic;
use crate::gate::{Finding, Severity};
use crate::render::plural;
use crate::render::sanitize::{self, terminal, workflow_message, workflow_property};

/// Totals for the closing line.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Totals {
    pub articles: usize,
    pub claims: usize,
    pub failing: usize,
    pub warnings: usize,
    pub errors: usize,
}

pub fn human(out: &mut dyn Write, findings: &[Finding], totals: &Totals) -> io::Result<()> {
    for f in findings {
        let severity = match f.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        let figure = if f.figure.is_empty() {
            String::new()
        } else {
            format!("{}: ", terminal(&f.figure))
        };
        writeln!(
            out,
            "{}:{}:{}: {severity}{}: {figure}{}",
            terminal(&f.path),
            f.line,
            f.column,
            terminal(&f.state),
            terminal(&f.sentence)
        )?;
    }
    writeln!(out, "{}", summary(totals))
}

/// The one-line total.
pub fn summary(t: &Totals) -> String {
    let mut line = if t.failing == 0 {
        format!(
            "policy met: {} claim{} in {} article{} checked",
            t.claims,
            plural(t.claims),
            t.articles,
            plural(t.articles)
        )
    } else {
        format!(
            "policy not met: {} problem{} in {} claim{} across {} article{}",
            t.failing,
            plural(t.failing),
            t.claims,
            plural(t.claims),
            t.articles,
            plural(t.articles)
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

/// GitHub Actions workflow commands, so problems show on the pull request's diff; a file that
/// could not be checked is an error on the line where it went wrong.
pub fn github(
    out: &mut dyn Write,
    findings: &[Finding],
    errors: &[Diagnostic],
    totals: &Totals,
) -> io::Result<()> {
    for e in errors {
        let message = match &e.help {
            Some(help) => format!("{} ({help})", e.message),
            None => e.message.clone(),
        };
        writeln!(
            out,
            "::error file={},line={},col={},title={}::{}",
            workflow_property(&e.path.display().to_string()),
            e.line,
            e.column,
            workflow_property("factcheck: cannot check this file"),
            workflow_message(&message)
        )?;
    }
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let title = workflow_property(&format!("factcheck: {}", f.state));
        let message = if f.figure.is_empty() {
            f.sentence.clone()
        } else {
            format!("{}: {}", f.figure, f.sentence)
        };
        writeln!(
            out,
            "::{level} file={},line={},col={},title={title}::{}",
            workflow_property(&f.path),
            f.line,
            f.column,
            workflow_message(&message)
        )?;
    }
    writeln!(out, "{}", summary(totals))
}

fn rule_id(state: &str) -> String {
    state.replace(' ', "-")
}

/// A SARIF 2.1.0 log for code-scanning dashboards.
pub fn sarif(out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
    let mut rules: Vec<String> = findings.iter().map(|f| rule_id(&f.state)).collect();
    rules.sort();
    rules.dedup();
    let results: Vec<_> = findings
        .iter()
        .map(|f| {
            let text = if f.figure.is_empty() {
                format!("{}: {}", f.state, f.sentence)
            } else {
                format!("{}: {}: {}", f.state, f.figure, f.sentence)
            };
            json!({
                "ruleId": rule_id(&f.state),
                "level": match f.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": f.path },
                        "region": { "startLine": f.line, "startColumn": f.column }
                    }
                }]
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "factcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(|r| json!({
                        "id": r,
                        "shortDescription": { "text": format!("claim state: {}", r.replace('-', " ")) }
                    })).collect::<Vec<_>>()
                }
            },
            "results": results
        }]
    });
    sanitize::json(out, &log, true)?;
    writeln!(out)
}

#[derive(Serialize)]
struct CheckDocument<'a> {
    passed: bool,
    findings: &'a [Finding],
    errors: &'a [String],
    totals: &'a Totals,
}

pub fn json(
    out: &mut dyn Write,
    findings: &[Finding],
    errors: &[Diagnostic],
    totals: &Totals,
) -> io::Result<()> {
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let doc = CheckDocument {
        passed: totals.failing == 0 && totals.errors == 0,
        findings,
        errors: &errors,
        totals,
    };
    sanitize::json(out, &doc, true)?;
    writeln!(out)
}
