//! Output of `factcheck merge`: what git's merge of a review file left for a person.

use crate::render::plural;
use crate::render::sanitize::terminal;
use crate::review::merge::Undecided;
use crate::review::parse::Diagnostic;

/// The claims with two verdicts and the keys with two values, and how to settle them.
pub fn undecided(shown: &str, undecided: &[Undecided]) -> String {
    let shown = terminal(shown);
    let claims: Vec<String> = undecided
        .iter()
        .filter_map(|u| match u {
            Undecided::Verdicts { claim, .. } => Some(terminal(claim).into_owned()),
            Undecided::Key { .. } => None,
        })
        .collect();
    let keys: Vec<String> = undecided
        .iter()
        .filter_map(|u| match u {
            Undecided::Key { table, key } if table.is_empty() => {
                Some(format!("`{}`", terminal(key)))
            }
            Undecided::Key { table, key } => {
                Some(format!("`{}.{}`", terminal(table), terminal(key)))
            }
            Undecided::Verdicts { .. } => None,
        })
        .collect();
    let mut lines = Vec::new();
    if !claims.is_empty() {
        lines.push(format!(
            "factcheck merge: {shown}: {} claim{} got different verdicts on the two sides: {}; both verdicts are kept in the file (the other side's under [[claim.conflict]])\n  help: settle each with `factcheck mark ARTICLE ID --status STATUS` or `factcheck review`, then `git add {shown}`",
            claims.len(),
            plural(claims.len()),
            claims.join(", ")
        ));
    }
    if !keys.is_empty() {
        lines.push(format!(
            "factcheck merge: {shown}: both sides changed {}; ours is kept, with the other side's value in a comment above it\n  help: edit the file to keep the right value, then `git add {shown}`",
            keys.join(", ")
        ));
    }
    lines.join("\n")
}

/// A merge that fell back to git's line merge.
pub fn textual(shown: &str, problems: &[Diagnostic], clean: bool) -> String {
    let why: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let outcome = if clean {
        "git's line merge was clean"
    } else {
        "git's line merge left conflict markers in it\n  help: resolve them by hand, then run `factcheck scan`"
    };
    format!(
        "factcheck merge: {}: a version cannot be read claim by claim, so {outcome}\n{}",
        terminal(shown),
        why.join("\n")
    )
}
