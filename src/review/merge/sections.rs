//! The quick way through a merge: review files cut at their `[[claim]]` and `[[retired]]`
//! headers, so that a claim only one side touched is taken as that side wrote it, without
//! parsing the rest. Only the claims both sides changed are merged key by key. Files this
//! cannot cut safely (multi-line strings, tables after the claims, repeated ids) go the
//! whole-document way.

use std::collections::{HashMap, HashSet};

use toml_edit::{DocumentMut, Item};

use super::{merge_claim, pick, Pick, Undecided};

/// One claim as written: its header line to the next header.
struct Section<'t> {
    retired: bool,
    id: &'t str,
    text: &'t str,
}

/// A review file cut at its claim headers: what precedes the first claim, then the claims.
struct Sections<'t> {
    head: &'t str,
    claims: Vec<Section<'t>>,
}

impl<'t> Sections<'t> {
    fn by_id(&self) -> HashMap<&'t str, &Section<'t>> {
        self.claims.iter().map(|s| (s.id, s)).collect()
    }
}

/// The `id = "..."` of a claim section, written the way factcheck writes it.
fn id_of(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.strip_prefix("id = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .filter(|id| !id.contains(['"', '\\']))
}

/// Cuts a review file at its claim headers, or `None` when that would not be safe. The blank
/// lines and comments just above a header belong to its claim, as TOML reads them.
fn cut(text: &str) -> Option<Sections<'_>> {
    if text.contains("\"\"\"") || text.contains("'''") {
        return None;
    }
    let mut starts: Vec<(usize, bool)> = Vec::new();
    // Where the run of blank and comment lines before the current line began.
    let mut run_start: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let header = line.trim_end();
        let quiet = header.trim_start().is_empty() || header.trim_start().starts_with('#');
        if header == "[[claim]]" || header == "[[retired]]" {
            starts.push((run_start.unwrap_or(offset), header == "[[retired]]"));
        } else if line.starts_with('[') {
            let nested = header.starts_with("[[claim.") || header.starts_with("[[retired.");
            let allowed = if starts.is_empty() {
                header.starts_with("[article]")
            } else {
                nested
            };
            if !allowed {
                return None;
            }
        }
        run_start = match (quiet, run_start) {
            (true, None) => Some(offset),
            (true, start) => start,
            (false, _) => None,
        };
        offset += line.len();
    }
    let head_end = starts.first().map_or(text.len(), |s| s.0);
    let mut claims = Vec::with_capacity(starts.len());
    let mut seen = HashSet::new();
    for (k, (start, retired)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |s| s.0);
        let section = &text[*start..end];
        let id = id_of(section)?;
        if !seen.insert(id) {
            return None;
        }
        claims.push(Section {
            retired: *retired,
            id,
            text: section,
        });
    }
    Some(Sections {
        head: &text[..head_end],
        claims,
    })
}

/// The merged text, or `None` when the files must be merged as whole documents: they cannot
/// be cut, both sides changed what precedes the claims, or a claim moved between current and
/// retired on one side and changed on the other.
pub(super) fn merge(base: &str, ours: &str, theirs: &str) -> Option<(String, Vec<Undecided>)> {
    let (b, o, t) = (cut(base)?, cut(ours)?, cut(theirs)?);
    let head = match pick(&Some(b.head), &Some(o.head), &Some(t.head)) {
        Pick::Ours => o.head,
        Pick::Theirs => t.head,
        Pick::Both => return None,
    };
    // The side whose header changed rescanned the article; its order of claims stands.
    let (first, second) = if head == t.head && t.head != o.head {
        (&t, &o)
    } else {
        (&o, &t)
    };
    let (bb, ob, tb) = (b.by_id(), o.by_id(), t.by_id());
    let mut text = head.to_string();
    let mut undecided = Vec::new();
    let mut seen = HashSet::new();
    for id in first.claims.iter().chain(&second.claims).map(|s| s.id) {
        if !seen.insert(id) {
            continue;
        }
        let (bs, os, ts) = (bb.get(id), ob.get(id), tb.get(id));
        let texts = (bs.map(|s| s.text), os.map(|s| s.text), ts.map(|s| s.text));
        let kept = match texts {
            (_, Some(o), Some(t)) if o == t => Some(o.to_string()),
            (b, Some(o), Some(t)) if b == Some(t) => Some(o.to_string()),
            (b, Some(o), Some(t)) if b == Some(o) => Some(t.to_string()),
            (_, Some(o), Some(t)) => {
                let (os, ts) = (os?, ts?);
                if os.retired != ts.retired || bs.is_some_and(|b| b.retired != os.retired) {
                    return None;
                }
                let (merged, keys) = merge_section(texts.0, o, t, os.retired)?;
                if !keys.is_empty() {
                    undecided.push(Undecided::Verdicts {
                        claim: id.to_string(),
                        keys,
                    });
                }
                Some(merged)
            }
            // Kept on one side and gone from the other: gone only if it was not changed.
            (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                (kept != b).then(|| kept.to_string())
            }
            (None, Some(kept), None) | (None, None, Some(kept)) => Some(kept.to_string()),
            (_, None, None) => None,
        };
        if let Some(section) = kept {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&section);
        }
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Some((text, undecided))
}

/// Merges one claim both sides changed; `None` when a version does not parse, or the
/// figures were rescanned differently (which needs the whole document).
fn merge_section(
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    retired: bool,
) -> Option<(String, Vec<String>)> {
    let key = if retired { "retired" } else { "claim" };
    let table = |text: &str| -> Option<toml_edit::Table> {
        let doc: DocumentMut = text.parse().ok()?;
        doc.get(key)?.as_array_of_tables()?.get(0).cloned()
    };
    let base = match base {
        Some(b) => Some(table(b)?),
        None => None,
    };
    let merged = merge_claim(base.as_ref(), &table(ours)?, &table(theirs)?);
    if merged.stale {
        return None;
    }
    let trailing = ours
        .parse::<DocumentMut>()
        .ok()
        .map(|d| d.trailing().as_str().unwrap_or("").to_string())
        .unwrap_or_default();
    let mut doc = DocumentMut::new();
    let mut array = toml_edit::ArrayOfTables::new();
    array.push(merged.table);
    doc.insert(key, Item::ArrayOfTables(array));
    doc.set_trailing(trailing);
    Some((doc.to_string(), merged.undecided))
}
