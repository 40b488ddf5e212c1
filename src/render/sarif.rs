//! `factcheck check --format sarif`: a SARIF 2.1.0 log for code-scanning dashboards. Every
//! finding code is a rule with the descriptions and help GitHub code scanning shows; each
//! result carries its region (start and end, columns in Unicode code points) and the claim
//! id as its fingerprint, so a finding is followed across pushes while the claim lives.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::check::{message, Report};
use crate::gate::{Code, Finding};

/// Where the rules are explained: the README's section on the gate.
fn help_uri() -> String {
    format!("{}#factcheck-check", env!("CARGO_PKG_HOMEPAGE"))
}

/// A rule's name in PascalCase, as SARIF viewers show it ("NoSource").
fn rule_name(code: Code) -> String {
    code.as_str()
        .split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

fn rule(code: Code) -> Value {
    json!({
        "id": code.as_str(),
        "name": rule_name(code),
        "shortDescription": { "text": format!("Claim {}", code.title()) },
        "fullDescription": { "text": code.description() },
        "help": {
            "text": code.help(),
            "markdown": code.help(),
        },
        "helpUri": help_uri(),
        "defaultConfiguration": { "level": "error" },
        "properties": {
            "tags": ["fact-check", "editorial"],
            "precision": "very-high",
            "problem.severity": "error",
        },
    })
}

/// A relative path as a URI reference: `/` kept, anything outside the unreserved characters
/// percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn result(f: &Finding) -> Value {
    let index = Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0);
    let key = match &f.claim_id {
        Some(id) => format!("{}#{id}", f.path),
        None => format!("{}#{}", f.path, f.code),
    };
    let mut region = json!({
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
    });
    if !f.figure.is_empty() {
        region["snippet"] = json!({ "text": f.figure });
    }
    json!({
        "ruleId": f.code.as_str(),
        "ruleIndex": index,
        "level": f.severity.as_str(),
        "message": { "text": format!("{}\nFix: {}", message(f), f.fix()) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&f.path) },
                "region": region,
            }
        }],
        "partialFingerprints": { "claimId/v1": key },
        "properties": {
            "claimId": f.claim_id,
            "inChangedLines": f.in_changed_lines,
        },
    })
}

/// The log: one run, the rules, the results, and the files that could not be checked as
/// notifications of the invocation.
pub fn sarif(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "descriptor": { "id": e.code.as_str() },
                "message": { "text": match &e.help {
                    Some(help) => format!("{} ({help})", e.message),
                    None => e.message.clone(),
                } },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&e.path) },
                        "region": { "startLine": e.line, "startColumn": e.column },
                    }
                }],
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
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_HOMEPAGE"),
                    "rules": Code::ALL.iter().map(|c| rule(*c)).collect::<Vec<_>>(),
                }
            },
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": report.findings.iter().map(result).collect::<Vec<_>>(),
        }]
    });
    super::sanitize::json(out, &log, true)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("seeds/a b.txt"), "seeds/a%20b.txt");
        assert_eq!(uri("notes/é.md"), "notes/%C3%A9.md");
        assert_eq!(rule_name(Code::NoSource), "NoSource");
    }
}
