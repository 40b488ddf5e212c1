//! Edits review files in place with `toml_edit`: a rescan merges freshly extracted claims into
//! the existing document, and a verdict is set on a claim, while comments, blank lines, key
//! order and keys factcheck does not know survive untouched.

use toml_edit::{value, ArrayOfTables, DocumentMut, Item, Table, TableLike, Value};

use std::collections::HashMap;

use super::matching::{match_claims, same_but_figures, Change, Key};
use super::model::ReviewFile;
use super::model::Status;
use super::sections::Part;
use crate::extract::Claim;

/// The comment that opens every review file.
pub const HEADER: &str = "\
# factcheck review file: one [[claim]] per numeric claim in the article below.
#
# To review a claim, set `status` to \"verified\", \"disputed\" or \"unsourced\" (or
# \"dismissed\" when the figure is not a claim) and fill in `source`, `note` and `reviewer`.
# `factcheck mark` does this for you. `factcheck scan` keeps your edits, comments and extra
# keys when the article changes; claims that leave the article move to [[retired]].
";

/// What the article says now.
pub struct Fresh<'a> {
    pub article: &'a str,
    pub title: &'a str,
    pub digest: &'a str,
    pub claims: &'a [Claim],
    /// An unused id for each claim, used when the claim is new.
    pub ids: Vec<String>,
}

/// What a rescan did to one review file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScanSummary {
    pub added: usize,
    pub retired: usize,
    pub revived: usize,
    /// Reviewed claims whose figure changed, sent back to pending.
    pub reopened: usize,
    /// Reviewed claims whose sentence changed, flagged for confirmation.
    pub flagged: usize,
    pub pruned: usize,
    /// The document differs from what was parsed; when false it would print unchanged.
    pub modified: bool,
}

/// A new, empty review document for an article.
pub fn new_document(article: &str) -> DocumentMut {
    let mut doc: DocumentMut = format!("{HEADER}\n[article]\npath = \"\"\n")
        .parse()
        .expect("the review file header is valid TOML");
    doc["article"]["path"] = value(article);
    doc
}

/// The text of a new review file for what the article says now: exactly what [`rescan`]
/// of a [`new_document`] prints, made one claim at a time, so that a file of a hundred
/// thousand claims is never held as one document.
pub fn new_file_text(fresh: &Fresh<'_>) -> String {
    let mut doc = new_document(fresh.article);
    let article_only = Fresh {
        claims: &[],
        ids: Vec::new(),
        ..*fresh
    };
    rescan(&mut doc, &article_only, "", false);
    let mut text = doc.to_string();
    for (claim, id) in fresh.claims.iter().zip(&fresh.ids) {
        let mut one = DocumentMut::new();
        let mut array = ArrayOfTables::new();
        array.push(new_claim_table(id, claim));
        one.insert("claim", Item::ArrayOfTables(array));
        text.push('\n');
        text.push_str(&one.to_string());
    }
    text
}

fn str_of<'t>(table: &'t Table, key: &str) -> &'t str {
    table.get(key).and_then(Item::as_str).unwrap_or("")
}

fn num_of(table: &Table, key: &str) -> Option<f64> {
    let item = table.get(key)?;
    item.as_float()
        .or_else(|| item.as_integer().map(|i| i as f64))
}

fn key_of(table: &Table) -> Key<'_> {
    Key {
        text: str_of(table, "text"),
        sentence: str_of(table, "sentence"),
        value: num_of(table, "value").unwrap_or(0.0),
        low: num_of(table, "low"),
        high: num_of(table, "high"),
        bound: str_of(table, "bound"),
        line: num_of(table, "line").unwrap_or(0.0) as usize,
    }
}

fn key_of_claim(c: &Claim) -> Key<'_> {
    Key {
        text: &c.text,
        sentence: &c.sentence,
        value: c.value,
        low: c.low,
        high: c.high,
        bound: c.bound.as_str(),
        line: c.line,
    }
}

fn number_value(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

fn same_value(old: &Value, new: &Value) -> bool {
    match (old, new) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        (Value::Float(a), Value::Float(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Float(b)) | (Value::Float(b), Value::Integer(a)) => {
            *a.value() as f64 == *b.value()
        }
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        _ => false,
    }
}

/// Sets `key` only when its value differs, so untouched values keep their formatting.
/// Returns whether the table changed.
fn set(table: &mut dyn TableLike, key: &str, new: Value) -> bool {
    match table.get_mut(key) {
        Some(item) => {
            let decor = match item.as_value() {
                Some(old) if same_value(old, &new) => return false,
                // Keep the spacing and any trailing comment a person wrote on the value.
                Some(old) => old.decor().clone(),
                None => toml_edit::Decor::new(" ", ""),
            };
            let mut new = new;
            *new.decor_mut() = decor;
            *item = Item::Value(new);
        }
        None => {
            table.insert(key, Item::Value(new));
        }
    }
    true
}

/// Removes `key`; returns whether it was there.
fn unset(table: &mut Table, key: &str) -> bool {
    table.remove(key).is_some()
}

/// The fields extraction decides, as a claim's table records them; `None` for a field the
/// claim does not have (its key is removed).
fn figure_fields(c: &Claim) -> [(&'static str, Option<Value>); 12] {
    [
        ("line", Some(Value::from(c.line as i64))),
        ("column", Some(Value::from(c.column as i64))),
        ("text", Some(Value::from(c.text.as_str()))),
        ("sentence", Some(Value::from(c.sentence.as_str()))),
        ("value", Some(number_value(c.value))),
        ("low", c.low.map(number_value)),
        ("high", c.high.map(number_value)),
        ("unit", Some(Value::from(c.unit.as_str()))),
        ("bound", Some(Value::from(c.bound.as_str()))),
        ("kind", Some(Value::from(c.kind.as_str()))),
        ("trend", c.trend.map(|t| Value::from(t.as_str()))),
        ("attribution", c.attribution.as_deref().map(Value::from)),
    ]
}

/// Writes the extracted fields of a claim into its table; returns whether any changed.
fn write_figure(table: &mut Table, c: &Claim) -> bool {
    let mut changed = false;
    for (key, new) in figure_fields(c) {
        changed |= match new {
            Some(v) => set(table, key, v),
            None => unset(table, key),
        };
    }
    changed
}

/// Whether [`write_figure`] would change the table.
fn figure_differs(table: &Table, c: &Claim) -> bool {
    figure_fields(c).into_iter().any(|(key, new)| match new {
        Some(v) => !table
            .get(key)
            .and_then(Item::as_value)
            .is_some_and(|old| same_value(old, &v)),
        None => table.contains_key(key),
    })
}

fn new_claim_table(id: &str, c: &Claim) -> Table {
    let mut table = Table::new();
    table.insert("id", value(id));
    write_figure(&mut table, c);
    for key in ["status", "source", "note", "reviewer", "reviewed_at"] {
        let initial = if key == "status" { "pending" } else { "" };
        table.insert(key, value(initial));
    }
    table
}

fn status_of(table: &Table) -> Status {
    Status::parse(str_of(table, "status")).unwrap_or(Status::Pending)
}

/// Appends to the claim's history the verdict `from` holds (the claim's own, or one a merge
/// left beside it), for the claim's figure as it is.
fn keep_in_history(table: &mut Table, from: &Table, now: &str) {
    let mut entry = Table::new();
    // The status as it is read: a merge's verdict written without one is pending.
    entry.insert("status", value(status_of(from).as_str()));
    for key in ["text", "source", "note", "reviewer", "reviewed_at"] {
        let source = if key == "text" { &*table } else { from };
        entry.insert(key, value(str_of(source, key)));
    }
    if let Some(v) = num_of(table, "value") {
        entry.insert("value", Item::Value(number_value(v)));
    }
    entry.insert("replaced_at", value(now));
    match table.get_mut("history") {
        Some(Item::ArrayOfTables(history)) => history.push(entry),
        _ => {
            let mut history = ArrayOfTables::new();
            history.push(entry);
            table.insert("history", Item::ArrayOfTables(history));
        }
    }
}

/// Moves the current verdict into the claim's history and sets it back to pending.
fn reopen(table: &mut Table, now: &str) {
    let own = table.clone();
    keep_in_history(table, &own, now);
    set(table, "status", Value::from("pending"));
    for key in ["source", "note", "reviewer", "reviewed_at"] {
        set(table, key, Value::from(""));
    }
    clear_changed(table);
}

fn clear_changed(table: &mut Table) {
    table.remove("changed");
    table.remove("reviewed_sentence");
}

/// Flags a reviewed claim whose sentence changed, remembering the sentence that was reviewed.
/// Returns whether the claim was not flagged before.
fn flag_changed(table: &mut Table, old_sentence: &str) -> bool {
    if table.get("reviewed_sentence").is_none() {
        table.insert("reviewed_sentence", value(old_sentence));
    }
    set(table, "changed", Value::from(true))
}

fn take_tables(doc: &mut DocumentMut, key: &str) -> Vec<Table> {
    match doc.get_mut(key) {
        Some(item) => match std::mem::take(item) {
            Item::ArrayOfTables(a) => a.into_iter().collect(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    }
}

/// Puts tables back under `key`, keeping the key where it was in the document.
fn put_tables(doc: &mut DocumentMut, key: &str, tables: Vec<Table>) {
    let mut array = ArrayOfTables::new();
    for t in tables {
        array.push(t);
    }
    if array.is_empty() {
        doc.remove(key);
        return;
    }
    match doc.get_mut(key) {
        Some(item) => *item = Item::ArrayOfTables(array),
        None => {
            doc.insert(key, Item::ArrayOfTables(array));
        }
    }
}

/// Merges the claims found now into the review document.
pub fn rescan(doc: &mut DocumentMut, fresh: &Fresh<'_>, now: &str, prune: bool) -> ScanSummary {
    let mut summary = ScanSummary::default();
    let mut modified = false;
    // `[article]`, or `article = { ... }` as a person may write it.
    let article = doc
        .entry("article")
        .or_insert(Item::Table(Table::new()))
        .as_table_like_mut();
    if let Some(article) = article {
        modified |= set(article, "path", Value::from(fresh.article));
        modified |= set(article, "title", Value::from(fresh.title));
        modified |= set(article, "digest", Value::from(fresh.digest));
    }

    let current = take_tables(doc, "claim");
    let retired = take_tables(doc, "retired");
    let old_count = current.len();
    let mut old: Vec<Option<Table>> = current.into_iter().chain(retired).map(Some).collect();
    let pairs = {
        let old_keys: Vec<Key<'_>> = old.iter().flatten().map(key_of).collect();
        let new_keys: Vec<Key<'_>> = fresh.claims.iter().map(key_of_claim).collect();
        match_claims(&old_keys, &new_keys)
    };

    // The figures each sentence holds, before and now: a sentence that changed only in
    // another claim's figure has not changed for this claim.
    let mut old_figures: HashMap<String, Vec<String>> = HashMap::new();
    for table in old[..old_count].iter().flatten() {
        old_figures
            .entry(str_of(table, "sentence").to_string())
            .or_default()
            .push(str_of(table, "text").to_string());
    }
    let mut new_figures: HashMap<&str, Vec<&str>> = HashMap::new();
    for c in fresh.claims {
        new_figures.entry(&c.sentence).or_default().push(&c.text);
    }
    let figures_in = |sentence: &str| -> Vec<&str> {
        old_figures
            .get(sentence)
            .map_or_else(Vec::new, |f| f.iter().map(String::as_str).collect())
    };

    let mut claims = Vec::with_capacity(fresh.claims.len());
    let mut previous: Option<usize> = None;
    for (j, (claim, pair)) in fresh.claims.iter().zip(&pairs).enumerate() {
        let Some((i, change)) = *pair else {
            claims.push(new_claim_table(&fresh.ids[j], claim));
            summary.added += 1;
            continue;
        };
        let mut table = old[i].take().expect("each old claim is matched once");
        // A claim that moved before an earlier one reorders the file.
        modified |= previous.is_some_and(|p| i < p);
        previous = Some(i);
        if i >= old_count {
            table.remove("retired_at");
            summary.revived += 1;
        }
        let reviewed = status_of(&table).is_reviewed();
        match change {
            Change::None => {}
            Change::Sentence | Change::Wording if reviewed => {
                let old_sentence = str_of(&table, "sentence").to_string();
                let reworded = !same_but_figures(
                    &old_sentence,
                    &figures_in(&old_sentence),
                    &claim.sentence,
                    new_figures
                        .get(claim.sentence.as_str())
                        .map_or(&[][..], Vec::as_slice),
                );
                if reworded && flag_changed(&mut table, &old_sentence) {
                    summary.flagged += 1;
                }
            }
            Change::Figure if reviewed => {
                reopen(&mut table, now);
                summary.reopened += 1;
            }
            Change::Sentence | Change::Wording | Change::Figure => {}
        }
        modified |= write_figure(&mut table, claim);
        claims.push(table);
    }

    // Claims retired earlier keep their place; claims retired now follow them.
    let (current_slots, retired_slots) = old.split_at_mut(old_count);
    let mut retired_now: Vec<Table> = retired_slots.iter_mut().filter_map(Option::take).collect();
    for slot in current_slots {
        if let Some(mut table) = slot.take() {
            table.insert("retired_at", value(now));
            summary.retired += 1;
            retired_now.push(table);
        }
    }
    if prune {
        summary.pruned = retired_now.len();
        retired_now.clear();
    }
    summary.modified = modified
        || summary.added + summary.retired + summary.revived + summary.pruned > 0
        || summary.reopened + summary.flagged > 0;
    put_tables(doc, "claim", claims);
    put_tables(doc, "retired", retired_now);
    renumber(doc);
    summary
}

/// Decides, one table at a time as a review file is read, whether [`rescan`] would leave it
/// exactly as it is, so that an unchanged file is never held whole. That is so when the
/// article's path, title and digest are recorded as they are, the current claims are the
/// claims found, in order, each with the same figure text and sentence (which matching pairs
/// first, in order) and every extracted field as recorded, and `prune` has no retired claim
/// to remove.
pub struct UpToDate<'a> {
    fresh: &'a Fresh<'a>,
    prune: bool,
}

impl<'a> UpToDate<'a> {
    pub fn new(fresh: &'a Fresh<'a>, prune: bool) -> Self {
        UpToDate { fresh, prune }
    }

    /// Whether one checked claim table of the file, the `place`-th current or retired claim,
    /// stays as it is.
    pub fn table_holds(&self, part: Part, place: usize, table: &Table) -> bool {
        match part {
            Part::Claim => self.fresh.claims.get(place).is_some_and(|c| {
                str_of(table, "text") == c.text
                    && str_of(table, "sentence") == c.sentence
                    && !figure_differs(table, c)
            }),
            Part::Retired => !self.prune,
            Part::Root | Part::Article => true,
        }
    }

    /// Whether the file stays as it is: its article recorded as it is now, `current` claims
    /// as many as were found, and every table holding.
    pub fn holds(&self, file: &ReviewFile, current: usize, tables_hold: bool) -> bool {
        tables_hold
            && current == self.fresh.claims.len()
            && file.article == self.fresh.article
            && file.title == self.fresh.title
            && file.digest == self.fresh.digest
    }
}

/// A verdict to record on a claim.
pub struct Verdict<'a> {
    pub status: Status,
    pub source: Option<&'a str>,
    pub note: Option<&'a str>,
    pub reviewer: &'a str,
    pub now: &'a str,
}

/// Records a verdict on the claim with `id`; returns false when there is no such claim.
/// Settling a claim a merge left with two verdicts keeps both earlier verdicts in its history.
pub fn set_verdict(doc: &mut DocumentMut, id: &str, verdict: &Verdict<'_>) -> bool {
    let Some(table) = claim_table(doc, id) else {
        return false;
    };
    if let Some(Item::ArrayOfTables(alternatives)) = table.remove("conflict") {
        let own = table.clone();
        keep_in_history(table, &own, verdict.now);
        for alternative in alternatives.iter() {
            keep_in_history(table, alternative, verdict.now);
        }
    }
    set(table, "status", Value::from(verdict.status.as_str()));
    if let Some(source) = verdict.source {
        set(table, "source", Value::from(source));
    }
    if let Some(note) = verdict.note {
        set(table, "note", Value::from(note));
    }
    set(table, "reviewer", Value::from(verdict.reviewer));
    set(table, "reviewed_at", Value::from(verdict.now));
    clear_changed(table);
    true
}

/// Sets the note of the claim with `id`, leaving its verdict, reviewer and date as they are;
/// returns false when there is no such claim.
pub fn set_note(doc: &mut DocumentMut, id: &str, note: &str) -> bool {
    claim_table(doc, id).is_some_and(|table| {
        set(table, "note", Value::from(note));
        true
    })
}

/// The table of the current claim with `id`.
fn claim_table<'d>(doc: &'d mut DocumentMut, id: &str) -> Option<&'d mut Table> {
    let Some(Item::ArrayOfTables(claims)) = doc.get_mut("claim") else {
        return None;
    };
    claims.iter_mut().find(|t| str_of(t, "id") == id)
}

/// Gives every table a position in document order, so tables that were moved between arrays
/// print where they now stand.
pub(super) fn renumber(doc: &mut DocumentMut) {
    fn walk(table: &mut Table, next: &mut isize) {
        for (_, item) in table.iter_mut() {
            match item {
                Item::Table(t) => {
                    t.set_position(Some(*next));
                    *next += 1;
                    walk(t, next);
                }
                Item::ArrayOfTables(array) => {
                    for t in array.iter_mut() {
                        t.set_position(Some(*next));
                        *next += 1;
                        walk(t, next);
                    }
                }
                _ => {}
            }
        }
    }
    let mut next = 1;
    walk(doc.as_table_mut(), &mut next);
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::review::layout::{new_ids, title};
    use crate::review::parse::{parse_by_section, parse_for_edit};

    /// A seed article's claims, title and digest, and its review file as committed.
    fn seed(name: &str) -> (Vec<Claim>, String, String, String) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(root.join(format!("seeds/{name}.txt"))).unwrap();
        let source = crate::input::Source {
            path: PathBuf::from(format!("seeds/{name}.txt")),
            text,
        };
        let review =
            std::fs::read_to_string(root.join(format!("annotations/seeds/{name}.toml"))).unwrap();
        (
            source.claims(),
            title(&source.text),
            crate::digest::article_digest(&source.text),
            review,
        )
    }

    /// Asserts that reading `text` table by table says "up to date" exactly when a rescan
    /// leaves it as it is.
    #[track_caller]
    fn agree(
        name: &str,
        text: &str,
        claims: &[Claim],
        title: &str,
        digest: &str,
        prune: bool,
    ) -> bool {
        let article = format!("seeds/{name}.txt");
        let (parsed, problems) = parse_for_edit(Path::new("a.toml"), text);
        let (file, mut doc) = parsed.unwrap_or_else(|| panic!("{problems:?}\n{text}"));
        let mut taken: HashSet<String> = file
            .claims
            .iter()
            .chain(&file.retired)
            .map(|c| c.id.clone())
            .collect();
        let fresh = Fresh {
            article: &article,
            title,
            digest,
            claims,
            ids: new_ids(claims.iter(), &mut taken),
        };
        let check = UpToDate::new(&fresh, prune);
        let read = parse_by_section(Path::new("a.toml"), text, &|part, k, t, _| {
            (part, check.table_holds(part, k, t))
        })
        .expect("read by section");
        let tables = read.tables;
        let current = tables.iter().filter(|(p, _)| *p == Part::Claim).count();
        let holds = check.holds(&read.file, current, tables.iter().all(|(_, h)| *h));
        let summary = rescan(&mut doc, &fresh, "2025-03-01T12:00:00Z", prune);
        let unchanged = !summary.modified;
        assert_eq!(holds, unchanged, "prune {prune}:\n{text}");
        if unchanged {
            assert_eq!(doc.to_string(), text);
        }
        unchanged
    }

    #[test]
    fn a_new_file_is_written_as_a_rescan_of_a_new_document_prints_it() {
        for name in [
            "000_f2ecfe456393e018",
            "002_2f03f44ce45c4b05",
            "004_b0d2ffd4993b0c16",
        ] {
            let (claims, title, digest, _) = seed(name);
            let article = format!("seeds/{name}.txt");
            for claims in [&claims[..], &claims[..1], &[]] {
                let fresh = Fresh {
                    article: &article,
                    title: &title,
                    digest: &digest,
                    claims,
                    ids: new_ids(claims.iter(), &mut HashSet::new()),
                };
                let mut doc = new_document(&article);
                rescan(&mut doc, &fresh, "2025-03-01T12:00:00Z", false);
                assert_eq!(new_file_text(&fresh), doc.to_string());
            }
        }
    }

    #[test]
    fn the_table_by_table_check_agrees_with_a_rescan() {
        let name = "001_4e05fcd575987f34";
        let (claims, title, digest, review) = seed(name);
        let first = review.find("\n[[claim]]\n").unwrap() + 1;
        let second = first + review[first..].find("\n[[claim]]\n").unwrap() + 1;
        let third = second + review[second..].find("\n[[claim]]\n").unwrap() + 1;
        let swapped = format!(
            "{}{}{}{}",
            &review[..first],
            &review[second..third],
            &review[first..second],
            &review[third..]
        );
        let retired = format!(
            "{review}\n[[retired]]\nid = \"aaaaaa\"\ntext = \"3 ships\"\nstatus = \"verified\"\nretired_at = \"2025-03-01T12:00:00Z\"\n"
        );
        let variants = [
            review.clone(),
            review.replacen("value = 4800000", "value = 4800000.0", 1),
            review.replacen("value = 4800000", "value = 4900000", 1),
            review.replacen("line = 3\n", "line = 4\n", 1),
            review.replacen("line = 3\n", "line = 3.0\n", 1),
            review.replacen("text = \"4.8", "text = \"4.9", 1),
            review.replacen("Russia\"\n", "Russia.\"\n", 1),
            review.replacen("title = \"", "title = \"The ", 1),
            review.replacen("digest = \"fnv1a64:", "digest = \"fnv1a64:0", 1),
            review.replacen("\nattribution = ", "\nwho = ", 1),
            review.replacen(
                "kind = \"count\"\n",
                "kind = \"count\"\ntrend = \"up\"\n",
                1,
            ),
            format!("{}{}", &review[..first], &review[second..]),
            swapped,
            retired.clone(),
            review.replacen("status = \"pending\"", "status = \"verified\"", 1),
        ];
        let mut up_to_date = Vec::new();
        for text in &variants {
            for prune in [false, true] {
                up_to_date.push(agree(name, text, &claims, &title, &digest, prune));
            }
        }
        // The committed file, a float written for an integer, and a verdict are up to date;
        // the retired claim is unless pruned; every other edit is undone by a rescan.
        let expected: Vec<bool> =
            [0, 1, 4, 13, 14]
                .iter()
                .fold(vec![false; variants.len() * 2], |mut e, k| {
                    e[2 * k] = true;
                    e[2 * k + 1] = *k != 13;
                    e
                });
        assert_eq!(up_to_date, expected);
        // A claim more in the article than in the file.
        assert!(!agree(
            name,
            &review,
            &claims[..claims.len() - 1],
            &title,
            &digest,
            false
        ));
    }
}
