//! Output of `factcheck scan`: what a scan did to one review file, in a few words.

use super::plural;
use crate::review::edit::ScanSummary;

/// "created, 10 claims", or "updated: 1 added, 1 retired".
pub fn describe(created: bool, m: &ScanSummary) -> String {
    if created {
        return format!("created, {} claim{}", m.added, plural(m.added));
    }
    let parts = [
        (m.added, "added"),
        (m.retired, "retired"),
        (m.revived, "restored from retired"),
        (m.reopened, "back to pending (figure changed)"),
        (m.flagged, "flagged changed (sentence edited)"),
        (m.pruned, "pruned"),
    ];
    let said: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
    if said.is_empty() {
        "updated positions".into()
    } else {
        format!("updated: {}", said.join(", "))
    }
}
