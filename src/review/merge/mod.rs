//! A three-way merge of review files, claim by claim, for git's merge driver. Each claim is
//! matched by id across the common ancestor and the two sides; a key changed on one side
//! takes that side, claims added on either side are kept, and comments and hand-added keys
//! from both sides survive. When the two sides gave one claim different verdicts, both are
//! kept: the claim holds one, and a `[[claim.conflict]]` table holds the other, until a
//! reviewer settles it. Figures both sides rescanned differently are left to the next scan:
//! the article's digest is cleared, so the file reads as out of date.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Key, Table, Value};

mod sections;

use super::edit::renumber;
use super::parse::{parse_for_edit, Diagnostic};

/// The keys that make a verdict; two different verdicts on one claim are a conflict.
const VERDICT: [&str; 3] = ["status", "source", "note"];
/// Who gave the verdict and when; they follow the verdict kept.
const AUDIT: [&str; 2] = ["reviewer", "reviewed_at"];
/// Keys that only `scan` writes, from the article.
const FIGURE: [&str; 13] = [
    "line",
    "column",
    "text",
    "sentence",
    "value",
    "low",
    "high",
    "unit",
    "bound",
    "kind",
    "trend",
    "attribution",
    "retired_at",
];
/// The flags of a sentence edited since the verdict; they follow the verdict kept.
const FLAGS: [&str; 2] = ["changed", "reviewed_sentence"];
/// Lists merged as unions rather than values.
const LISTS: [&str; 2] = ["history", "conflict"];

/// What the merge could not decide by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecided {
    /// Two verdicts (or two values of a reviewer's own key) for one claim; both are in the file.
    Verdicts { claim: String, keys: Vec<String> },
    /// A key outside the claims that both sides changed; ours is kept, theirs is in a comment.
    Key { table: String, key: String },
}

/// The merged review file and what is left for a person.
#[derive(Debug)]
pub struct Merged {
    pub text: String,
    pub undecided: Vec<Undecided>,
}

impl Merged {
    pub fn is_clean(&self) -> bool {
        self.undecided.is_empty()
    }
}

/// Parses one side; an empty or missing version (a file added on both sides) is an empty
/// document.
fn side(label: &str, text: &str) -> Result<DocumentMut, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Ok(DocumentMut::new());
    }
    match parse_for_edit(Path::new(label), text) {
        (Some((_, doc)), _) => Ok(doc),
        (None, problems) => Err(problems.into_iter().filter(|p| p.fatal).collect()),
    }
}

/// A key's line as written: its leading comments and spacing, and its value. Two keys are the
/// same when these are.
fn line_of(table: &Table, key: &str) -> Option<String> {
    let (k, item) = table.get_key_value(key)?;
    let prefix = k
        .leaf_decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("");
    Some(match item {
        Item::Value(v) => format!("{prefix}{v}"),
        other => {
            let mut doc = DocumentMut::new();
            doc.insert_formatted(k, other.clone());
            doc.to_string()
        }
    })
}

/// Which side a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    Ours,
    Theirs,
    Both,
}

fn pick<T: PartialEq>(base: &Option<T>, ours: &Option<T>, theirs: &Option<T>) -> Pick {
    if ours == theirs || theirs == base {
        Pick::Ours
    } else if ours == base {
        Pick::Theirs
    } else {
        Pick::Both
    }
}

/// Copies `key` from `from` into `to` as written there, or removes it when `from` lacks it.
fn take(to: &mut Table, from: &Table, key: &str) {
    match from.get_key_value(key) {
        Some((k, item)) => {
            let k = k.clone();
            to.insert_formatted(&k, item.clone());
        }
        None => {
            to.remove(key);
        }
    }
}

/// Every key of the tables, ours first, then keys only theirs or the base has.
fn keys_of(tables: [Option<&Table>; 3]) -> Vec<&str> {
    let mut seen = HashSet::new();
    let mut keys = Vec::new();
    for table in [tables[1], tables[2], tables[0]].into_iter().flatten() {
        for (k, _) in table.iter() {
            if seen.insert(k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// Merges the keys of a table key by key; returns the keys both sides changed differently
/// (ours is kept for them).
fn merge_keys(out: &mut Table, base: Option<&Table>, theirs: &Table, skip: &[&str]) -> Vec<String> {
    let ours = out.clone();
    let mut both = Vec::new();
    for key in keys_of([base, Some(&ours), Some(theirs)]) {
        if skip.contains(&key) {
            continue;
        }
        let lines = (
            base.and_then(|t| line_of(t, key)),
            line_of(&ours, key),
            line_of(theirs, key),
        );
        match pick(&lines.0, &lines.1, &lines.2) {
            Pick::Ours => {}
            Pick::Theirs => take(out, theirs, key),
            Pick::Both => both.push(key.to_string()),
        }
    }
    order_like(out, &ours, theirs);
    both
}

/// Puts keys only theirs had after the key they follow there, so a key a reviewer added in
/// the middle of a claim stays where it was written.
fn order_like(out: &mut Table, ours: &Table, theirs: &Table) {
    let mut order: Vec<&str> = ours.iter().map(|(k, _)| k).collect();
    let mut after: Option<&str> = None;
    for (k, _) in theirs.iter() {
        if !order.contains(&k) {
            let at = after
                .and_then(|a| order.iter().position(|o| *o == a))
                .map_or(0, |p| p + 1);
            order.insert(at, k);
        }
        after = Some(k);
    }
    let rank: HashMap<&str, usize> = order.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let place = |k: &Key| rank.get(k.get()).copied().unwrap_or(usize::MAX);
    out.sort_values_by(|a, _, b, _| place(a).cmp(&place(b)));
}

/// Merges the comments and spacing above a table's header: one side's change is taken; when
/// both changed them, ours come first and theirs' new lines follow.
fn merge_decor(out: &mut Table, base: Option<&Table>, theirs: &Table) {
    let prefix = |t: &Table| -> Option<String> {
        Some(
            t.decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string(),
        )
    };
    let (b, o, t) = (base.and_then(prefix), prefix(out), prefix(theirs));
    let merged = match pick(&b, &o, &t) {
        Pick::Ours => return,
        Pick::Theirs => t.unwrap_or_default(),
        Pick::Both => joined(o.as_deref().unwrap_or(""), t.as_deref().unwrap_or("")),
    };
    out.decor_mut().set_prefix(merged);
}

/// Ours, then the lines of theirs that ours lacks.
fn joined(ours: &str, theirs: &str) -> String {
    let mut text = ours.to_string();
    for line in theirs.split_inclusive('\n') {
        if !line.trim().is_empty() && !ours.contains(line) {
            text.push_str(line);
        }
    }
    text
}

fn str_of<'t>(table: &'t Table, key: &str) -> &'t str {
    table.get(key).and_then(Item::as_str).unwrap_or("")
}

/// The tables of an array of tables under `key`, in order.
fn tables_of(table: &Table, key: &str) -> Vec<Table> {
    table
        .get(key)
        .and_then(Item::as_array_of_tables)
        .map(|a| a.iter().cloned().collect())
        .unwrap_or_default()
}

/// Ours' entries of a list, then theirs' that ours lacks.
fn union(ours: &Table, theirs: &Table, key: &str) -> Vec<Table> {
    let mut out = tables_of(ours, key);
    let seen: HashSet<String> = out.iter().map(ToString::to_string).collect();
    out.extend(
        tables_of(theirs, key)
            .into_iter()
            .filter(|t| !seen.contains(&t.to_string())),
    );
    out
}

fn put_list(table: &mut Table, key: &str, entries: Vec<Table>) {
    if entries.is_empty() {
        table.remove(key);
        return;
    }
    let mut array = ArrayOfTables::new();
    for t in entries {
        array.push(t);
    }
    table.insert(key, Item::ArrayOfTables(array));
}

/// Whether theirs' verdict was given after ours.
fn theirs_later(ours: &Table, theirs: &Table) -> bool {
    let at = |t: &Table| str_of(t, "reviewed_at").parse::<jiff::Timestamp>().ok();
    at(theirs) > at(ours)
}

/// The outcome of merging one claim.
struct ClaimMerge {
    table: Table,
    /// Keys whose two values are both kept (the verdict, or a reviewer's own key).
    undecided: Vec<String>,
    /// Both sides rescanned the figure differently; the next scan must settle it.
    stale: bool,
}

/// The verdict a claim table holds, as written.
fn verdict_of(table: Option<&Table>) -> Vec<Option<String>> {
    VERDICT
        .iter()
        .map(|k| table.and_then(|t| line_of(t, k)))
        .collect()
}

/// Merges one claim both sides have. A verdict is one decision: when both sides changed it
/// to different verdicts, the claim keeps ours whole and theirs goes beside it, never a mix
/// of the two.
fn merge_claim(base: Option<&Table>, ours: &Table, theirs: &Table) -> ClaimMerge {
    let mut table = ours.clone();
    merge_decor(&mut table, base, theirs);
    let mut both = merge_keys(&mut table, base, theirs, &LISTS);
    let known = |k: &str| VERDICT.contains(&k) || AUDIT.contains(&k) || FLAGS.contains(&k);
    let (was, ours_verdict, theirs_verdict) = (
        verdict_of(base),
        verdict_of(Some(ours)),
        verdict_of(Some(theirs)),
    );
    let verdict_differs =
        ours_verdict != was && theirs_verdict != was && ours_verdict != theirs_verdict;
    if verdict_differs {
        for key in VERDICT.iter().chain(&AUDIT).chain(&FLAGS) {
            take(&mut table, ours, key);
            if !both.iter().any(|k| k == key) && line_of(ours, key) != line_of(theirs, key) {
                both.push(key.to_string());
            }
        }
    }
    let own_keys: Vec<String> = both
        .iter()
        .filter(|k| !known(k) && !FIGURE.contains(&k.as_str()) && k.as_str() != "id")
        .cloned()
        .collect();
    let stale = both.iter().any(|k| FIGURE.contains(&k.as_str()));
    let mut conflicts = union(ours, theirs, "conflict");
    let mut undecided = Vec::new();
    if verdict_differs || !own_keys.is_empty() {
        let mut alternative = Table::new();
        let mut keys: Vec<&str> = VERDICT.iter().chain(&AUDIT).copied().collect();
        keys.extend(own_keys.iter().map(String::as_str));
        for key in &keys {
            take(&mut alternative, theirs, key);
        }
        if !conflicts
            .iter()
            .any(|c| c.to_string() == alternative.to_string())
        {
            conflicts.push(alternative);
        }
        undecided = both
            .into_iter()
            .filter(|k| !FIGURE.contains(&k.as_str()))
            .collect();
    } else if theirs_later(ours, theirs) {
        // The same verdict given on both sides: the later reviewer and time stand.
        for key in AUDIT.iter().chain(&FLAGS) {
            if both.iter().any(|k| k == key) {
                take(&mut table, theirs, key);
            }
        }
    }
    put_list(&mut table, "history", union(ours, theirs, "history"));
    put_list(&mut table, "conflict", conflicts);
    ClaimMerge {
        table,
        undecided,
        stale,
    }
}

/// Where a claim stands in one version: its table and whether it is retired.
type Placed = (Table, bool);

fn placed(doc: &DocumentMut) -> (HashMap<String, Placed>, Vec<String>) {
    let mut by_id = HashMap::new();
    let mut order = Vec::new();
    for (key, retired) in [("claim", false), ("retired", true)] {
        for table in tables_of(doc.as_table(), key) {
            let id = str_of(&table, "id").to_string();
            order.push(id.clone());
            by_id.insert(id, (table, retired));
        }
    }
    (by_id, order)
}

/// Merges `ours` and `theirs`, both descended from `base`; `label` names the file in errors.
/// Fails only when a version cannot be parsed.
pub fn merge(base: &str, ours: &str, theirs: &str, label: &str) -> Result<Merged, Vec<Diagnostic>> {
    if let Some((text, undecided)) = sections::merge(base, ours, theirs) {
        if text.parse::<DocumentMut>().is_ok() {
            return Ok(Merged { text, undecided });
        }
    }
    merge_documents(base, ours, theirs, label)
}

/// Merges the three versions as whole documents.
fn merge_documents(
    base: &str,
    ours: &str,
    theirs: &str,
    label: &str,
) -> Result<Merged, Vec<Diagnostic>> {
    let base = side(&format!("{label} (common ancestor)"), base)?;
    let ours = side(&format!("{label} (ours)"), ours)?;
    let theirs = side(&format!("{label} (theirs)"), theirs)?;
    let mut out = ours.clone();
    let mut undecided = Vec::new();

    for key in merge_keys(
        out.as_table_mut(),
        Some(base.as_table()),
        theirs.as_table(),
        &["article", "claim", "retired"],
    ) {
        note_theirs(out.as_table_mut(), theirs.as_table(), &key);
        undecided.push(Undecided::Key {
            table: String::new(),
            key,
        });
    }
    let mut stale = merge_article(&mut out, &base, &theirs, &mut undecided);
    merge_trailing(&mut out, &base, &theirs);

    let (b, _) = placed(&base);
    let (o, ours_order) = placed(&ours);
    let (t, theirs_order) = placed(&theirs);
    let mut seen = HashSet::new();
    let mut current = Vec::new();
    let mut retired = Vec::new();
    for id in ours_order.iter().chain(&theirs_order) {
        if !seen.insert(id.as_str()) {
            continue;
        }
        let merged: Option<Placed> = match (b.get(id), o.get(id), t.get(id)) {
            (_, Some(o), Some(t)) => {
                let m = merge_claim(b.get(id).map(|p| &p.0), &o.0, &t.0);
                stale |= m.stale;
                if !m.undecided.is_empty() {
                    undecided.push(Undecided::Verdicts {
                        claim: id.clone(),
                        keys: m.undecided,
                    });
                }
                let base_retired = b.get(id).map(|p| p.1);
                let retired = match (base_retired, o.1, t.1) {
                    (Some(was), now_ours, now_theirs) if now_ours == was => now_theirs,
                    (_, now_ours, _) => now_ours,
                };
                Some((m.table, retired))
            }
            // Kept on one side and gone from the other: gone only if it was not changed.
            (Some(base), Some(kept), None) | (Some(base), None, Some(kept)) => {
                (kept.0.to_string() != base.0.to_string() || kept.1 != base.1).then(|| kept.clone())
            }
            (None, Some(kept), None) | (None, None, Some(kept)) => Some(kept.clone()),
            (_, None, None) => None,
        };
        match merged {
            Some((table, false)) => current.push(table),
            Some((table, true)) => retired.push(table),
            None => {}
        }
    }
    current.sort_by_key(|t| (number(t, "line"), number(t, "column")));
    put_array(&mut out, "claim", current);
    put_array(&mut out, "retired", retired);
    if stale {
        if let Some(article) = out.get_mut("article").and_then(Item::as_table_like_mut) {
            article.insert("digest", toml_edit::value(""));
        }
    }
    renumber(&mut out);
    Ok(Merged {
        text: out.to_string(),
        undecided,
    })
}

/// Merges what follows the last table (closing comments).
fn merge_trailing(out: &mut DocumentMut, base: &DocumentMut, theirs: &DocumentMut) {
    let trailing = |d: &DocumentMut| Some(d.trailing().as_str().unwrap_or("").to_string());
    let (b, o, t) = (trailing(base), trailing(out), trailing(theirs));
    let merged = match pick(&b, &o, &t) {
        Pick::Ours => return,
        Pick::Theirs => t.unwrap_or_default(),
        Pick::Both => joined(o.as_deref().unwrap_or(""), t.as_deref().unwrap_or("")),
    };
    out.set_trailing(merged);
}

fn number(table: &Table, key: &str) -> i64 {
    table.get(key).and_then(Item::as_integer).unwrap_or(0)
}

fn put_array(doc: &mut DocumentMut, key: &str, tables: Vec<Table>) {
    let mut array = ArrayOfTables::new();
    for t in tables {
        array.push(t);
    }
    if array.is_empty() {
        doc.remove(key);
    } else {
        doc.insert(key, Item::ArrayOfTables(array));
    }
}

/// Merges the `[article]` table; returns whether the figures must be rescanned.
fn merge_article(
    out: &mut DocumentMut,
    base: &DocumentMut,
    theirs: &DocumentMut,
    undecided: &mut Vec<Undecided>,
) -> bool {
    let table = |doc: &DocumentMut| doc.get("article").and_then(Item::as_table).cloned();
    let (Some(theirs_article), Some(mut merged)) = (table(theirs), table(out)) else {
        if out.get("article").is_none() {
            if let Some(t) = theirs.get("article") {
                out.insert("article", t.clone());
            }
        }
        return false;
    };
    let base_article = table(base);
    merge_decor(&mut merged, base_article.as_ref(), &theirs_article);
    let both = merge_keys(&mut merged, base_article.as_ref(), &theirs_article, &[]);
    let mut stale = false;
    for key in both {
        match key.as_str() {
            // The article itself was edited on both sides; the next scan reads the merged one.
            "digest" | "title" => stale = true,
            "previous_paths" => {
                let mut paths = merged
                    .get(&key)
                    .and_then(Item::as_array)
                    .cloned()
                    .unwrap_or_default();
                for p in theirs_article
                    .get(&key)
                    .and_then(Item::as_array)
                    .into_iter()
                    .flatten()
                {
                    if !paths.iter().any(|q| q.as_str() == p.as_str()) {
                        paths.push(p.clone());
                    }
                }
                merged.insert(&key, Item::Value(Value::Array(paths)));
            }
            _ => {
                note_theirs(&mut merged, &theirs_article, &key);
                undecided.push(Undecided::Key {
                    table: "article".into(),
                    key,
                });
            }
        }
    }
    *out.get_mut("article").expect("ours has [article]") = Item::Table(merged);
    stale
}

/// Keeps theirs' version of a key both sides changed as a comment above ours.
fn note_theirs(out: &mut Table, theirs: &Table, key: &str) {
    let Some(line) = line_of(theirs, key) else {
        return;
    };
    let comment: String = line
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            format!(
                "# the other side of a merge had: {}\n",
                l.trim_start_matches('#').trim()
            )
        })
        .collect();
    if let Some(mut k) = out.key_mut(key) {
        let prefix = k
            .leaf_decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string();
        k.leaf_decor_mut().set_prefix(format!("{prefix}{comment}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{extract, Format};
    use crate::review::edit::{new_document, rescan, set_verdict, Fresh, Verdict};
    use crate::review::layout::new_ids;
    use crate::review::{parse, ReviewFile, Status};

    const ARTICLE: &str = "Officials counted 40 trucks at the border.\nAbout 300 people crossed on Monday.\nThe fund lost $2m in a year.\n";

    /// The review file `scan` writes for `article`, updating `previous` when given.
    fn scanned(article: &str, previous: Option<&str>) -> String {
        let claims = extract(article, Format::Plain);
        let mut doc = match previous {
            Some(text) => text.parse().unwrap(),
            None => new_document("a.txt"),
        };
        let mut taken = Default::default();
        let fresh = Fresh {
            article: "a.txt",
            title: "t",
            digest: &crate::digest::article_digest(article),
            claims: &claims,
            ids: new_ids(claims.iter(), &mut taken),
        };
        rescan(&mut doc, &fresh, "2025-03-01T12:00:00Z", false);
        doc.to_string()
    }

    fn ids(text: &str) -> Vec<String> {
        read(text).claims.iter().map(|c| c.id.clone()).collect()
    }

    fn read(text: &str) -> ReviewFile {
        parse(Path::new("a.toml"), text)
            .0
            .expect("a valid review file")
    }

    fn marked(text: &str, id: &str, status: Status, who: &str) -> String {
        let mut doc: DocumentMut = text.parse().unwrap();
        let verdict = Verdict {
            status,
            source: Some(who),
            note: None,
            reviewer: who,
            now: "2025-03-02T00:00:00Z",
        };
        assert!(set_verdict(&mut doc, id, &verdict));
        doc.to_string()
    }

    /// Merges both ways (by sections where that applies, and as whole documents) and checks
    /// they agree on every claim.
    fn both_ways(base: &str, ours: &str, theirs: &str) -> (ReviewFile, Vec<Undecided>) {
        let whole = merge_documents(base, ours, theirs, "a.toml").unwrap();
        if let Some((text, undecided)) = sections::merge(base, ours, theirs) {
            assert_eq!(read(&text), read(&whole.text), "the two ways disagree");
            assert_eq!(undecided, whole.undecided);
        }
        (read(&whole.text), whole.undecided)
    }

    #[test]
    fn verdicts_on_different_claims_both_stand() {
        let base = scanned(ARTICLE, None);
        let ids = ids(&base);
        let ours = marked(&base, &ids[0], Status::Verified, "Ann");
        let theirs = marked(&base, &ids[1], Status::Disputed, "Bo");
        let (file, undecided) = both_ways(&base, &ours, &theirs);
        assert!(undecided.is_empty());
        let statuses: Vec<Status> = file.claims.iter().map(|c| c.status).collect();
        assert_eq!(
            statuses,
            [Status::Verified, Status::Disputed, Status::Pending]
        );
        let quick = sections::merge(&base, &ours, &theirs)
            .expect("cut at claims")
            .0;
        assert_eq!(quick, marked(&ours, &ids[1], Status::Disputed, "Bo"));
    }

    #[test]
    fn two_verdicts_on_one_claim_are_both_kept() {
        let base = scanned(ARTICLE, None);
        let id = &ids(&base)[2];
        let ours = marked(&base, id, Status::Verified, "Ann");
        let theirs = marked(&base, id, Status::Disputed, "Bo");
        let (file, undecided) = both_ways(&base, &ours, &theirs);
        assert!(matches!(&undecided[..], [Undecided::Verdicts { claim, .. }] if claim == id));
        let claim = file.claim(id).unwrap();
        assert_eq!(
            (claim.status, claim.source.as_str()),
            (Status::Verified, "Ann")
        );
        let other = &claim.alternatives[0];
        assert_eq!(
            (other.status, other.reviewer.as_str()),
            (Status::Disputed, "Bo")
        );
    }

    #[test]
    fn a_rescan_on_one_side_and_verdicts_on_the_other_combine() {
        let base = scanned(ARTICLE, None);
        let first = ids(&base)[0].clone();
        let ours = marked(&base, &first, Status::Verified, "Ann");
        let edited = format!("Police said 12 roads were shut.\n{ARTICLE}");
        let theirs = scanned(&edited, Some(&base));
        let (file, undecided) = both_ways(&base, &ours, &theirs);
        assert!(undecided.is_empty());
        assert_eq!(file.claims.len(), 4);
        let kept = file.claim(&first).unwrap();
        assert_eq!((kept.status, kept.line), (Status::Verified, 2));
        assert_eq!(file.digest, crate::digest::article_digest(&edited));
    }

    #[test]
    fn two_different_rescans_leave_the_file_out_of_date() {
        let base = scanned(ARTICLE, None);
        let ours = scanned(&ARTICLE.replace("40 trucks", "41 trucks"), Some(&base));
        let theirs = scanned(&ARTICLE.replace("300 people", "350 people"), Some(&base));
        let (file, _) = both_ways(&base, &ours, &theirs);
        assert_eq!(file.digest, "", "the next scan reads the merged article");
    }

    #[test]
    fn a_claim_gone_on_one_side_stays_if_the_other_changed_it() {
        let base = scanned(ARTICLE, None);
        let ids = ids(&base);
        let pruned = |text: &str| {
            let mut doc: DocumentMut = text.parse().unwrap();
            let claims = doc["claim"].as_array_of_tables_mut().unwrap();
            claims.retain(|t| t["id"].as_str() != Some(ids[1].as_str()));
            doc.to_string()
        };
        let theirs = pruned(&base);
        let (file, _) = both_ways(&base, &base, &theirs);
        assert!(file.claim(&ids[1]).is_none());
        let ours = marked(&base, &ids[1], Status::Verified, "Ann");
        let (file, _) = both_ways(&base, &ours, &theirs);
        assert_eq!(
            file.claim(&ids[1]).map(|c| c.status),
            Some(Status::Verified)
        );
    }

    #[test]
    fn comments_and_own_keys_from_both_sides_survive() {
        let base = scanned(ARTICLE, None);
        let ours = base.replacen("[article]", "# ours: desk note\n[article]", 1);
        let theirs = base.replacen(
            "reviewer = \"\"",
            "reviewer = \"\"\n# theirs: why\ndesk = \"late\"",
            1,
        );
        let merged = merge(&base, &ours, &theirs, "a.toml").unwrap();
        assert!(merged.is_clean());
        assert!(
            merged.text.contains("# ours: desk note\n[article]"),
            "{}",
            merged.text
        );
        assert!(
            merged.text.contains("# theirs: why\ndesk = \"late\""),
            "{}",
            merged.text
        );
        let whole = merge_documents(&base, &ours, &theirs, "a.toml").unwrap();
        assert_eq!(whole.text, merged.text);
    }
}
