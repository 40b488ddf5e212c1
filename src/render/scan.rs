//! Output of `factcheck scan`: what a scan did to each review file, in a few words, the
//! review files that followed their article or lost it, and the closing count.

use super::plural;
use super::sanitize::terminal;
use crate::moves::{Move, Orphan};
use crate::review::edit::ScanSummary;

/// The counts for the closing line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub moved: usize,
    pub orphans: usize,
    pub pruned_orphans: bool,
}

/// A review file that followed its article: "annotations/a.toml → annotations/b.toml: …".
pub fn moved(mv: &Move, new: &str, check: bool) -> String {
    let verb = if check { "would follow" } else { "followed" };
    format!(
        "{} → {}: {verb} its article from {} to {}, verdicts kept",
        terminal(&mv.orphan.shown),
        terminal(new),
        terminal(&mv.orphan.article),
        terminal(&mv.article)
    )
}

/// A review file whose article is gone, with the ways out.
pub fn orphan(o: &Orphan) -> String {
    format!(
        "{}: its article {} no longer exists\n  help: if it moved, scan it at its new path and the review file follows; if it was deleted, `factcheck scan --prune` removes the review file",
        terminal(&o.shown),
        terminal(shown_article(o))
    )
}

/// A review file removed because its article is gone.
pub fn pruned_orphan(o: &Orphan) -> String {
    format!(
        "{}: removed, its article {} no longer exists",
        terminal(&o.shown),
        terminal(shown_article(o))
    )
}

fn shown_article(o: &Orphan) -> &str {
    if o.article.is_empty() {
        "(none named)"
    } else {
        &o.article
    }
}

/// The closing line: what the scan did, or with `--check` what is out of date.
pub fn closing(t: &Tally, check: bool) -> String {
    let total = t.created + t.updated + t.unchanged;
    let extra = |line: &mut String| {
        if t.moved > 0 {
            line.push_str(&format!(", {} moved", t.moved));
        }
        if t.orphans > 0 && t.pruned_orphans {
            line.push_str(&format!(", {} orphaned removed", t.orphans));
        } else if t.orphans > 0 {
            line.push_str(&format!(
                ", {} orphaned review file{}",
                t.orphans,
                plural(t.orphans)
            ));
        }
    };
    if check {
        let stale = t.created + t.updated + t.moved;
        let mut line = if stale > 0 {
            format!(
                "{stale} of {} review file{} out of date; run `factcheck scan`",
                total + t.moved,
                plural(total + t.moved)
            )
        } else {
            format!("{total} review file{} up to date", plural(total))
        };
        if t.orphans > 0 {
            line.push_str(&format!(
                "; {} orphaned review file{}",
                t.orphans,
                plural(t.orphans)
            ));
        }
        return line;
    }
    let attempted = total + t.failed;
    let mut line = format!(
        "scanned {attempted} article{}: {} created, {} updated, {} unchanged",
        plural(attempted),
        t.created,
        t.updated,
        t.unchanged
    );
    if t.failed > 0 {
        line.push_str(&format!(", {} failed", t.failed));
    }
    extra(&mut line);
    line
}

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
        "updated positions and details".into()
    } else {
        format!("updated: {}", said.join(", "))
    }
}
