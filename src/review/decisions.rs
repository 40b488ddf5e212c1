//! Reviewers' decisions about groups of differing figures, in `annotations/conflicts.toml`:
//! one `[[conflict]]` table per group explained, with its id, the note, who and when, and the
//! claims as they read then. Read with every problem placed at its line; recorded in place
//! (comments and hand edits kept), under the file's lock, atomically.

use std::path::{Path, PathBuf};

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::merge::Merged;
use super::parse::{conflict_marker, string_item};
use super::store::{file_bytes, in_line_endings_of, read_original, Store, StoreError};
use crate::diagnostic::{line_col, Diagnostic};
use crate::fsutil::write_atomic;

/// The decisions file's name in the annotations directory.
pub const FILE_NAME: &str = "conflicts.toml";

/// Where the decisions are kept.
pub fn decisions_path(annotations: &Path) -> PathBuf {
    annotations.join(FILE_NAME)
}

/// A claim as it read when its group was explained.
#[derive(Debug, Clone, PartialEq)]
pub struct DecidedClaim {
    pub article: String,
    pub claim: String,
    pub text: String,
}

/// A reviewer's explanation of one group of differing figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: String,
    pub thing: String,
    pub note: String,
    pub reviewer: String,
    pub acknowledged_at: String,
    pub claims: Vec<DecidedClaim>,
}

const HEADER: &str = "\
# Groups of differing figures that a reviewer has explained, one [[conflict]] table each.
# `factcheck conflicts --ack ID --note TEXT` adds one; edit the note by hand as you like.
# A group whose claims change (a new figure, an edited one) opens again.
";

const KEYS: &[&str] = &[
    "id",
    "thing",
    "note",
    "reviewer",
    "acknowledged_at",
    "claims",
];

struct Reader<'t> {
    shown: &'t str,
    text: &'t str,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn report(&mut self, span: Option<std::ops::Range<usize>>, message: String, help: &str) {
        let (line, column) = line_col(self.text, span.map_or(0, |s| s.start));
        self.problems.push(Diagnostic {
            path: self.shown.into(),
            line,
            column,
            message,
            help: Some(help.to_string()),
            fatal: true,
        });
    }

    fn string(&mut self, table: &Table, key: &str, required: bool) -> String {
        match string_item(table, key) {
            Some(Ok(s)) => s,
            Some(Err(span)) => {
                self.report(
                    span,
                    format!("`{key}` must be a string"),
                    "put the value in double quotes",
                );
                String::new()
            }
            None if required => {
                self.report(
                    table.span(),
                    format!("this [[conflict]] has no `{key}`"),
                    "every [[conflict]] names the group's `id`, as `factcheck conflicts` shows it",
                );
                String::new()
            }
            None => String::new(),
        }
    }

    fn claims(&mut self, table: &Table) -> Vec<DecidedClaim> {
        let Some(item) = table.get("claims") else {
            return Vec::new();
        };
        let Some(array) = item.as_array() else {
            self.report(
                item.span(),
                "`claims` must be an array of { article, claim, text }".into(),
                "write claims = [{ article = \"…\", claim = \"…\", text = \"…\" }]",
            );
            return Vec::new();
        };
        let mut claims = Vec::new();
        for value in array {
            let Some(t) = value.as_inline_table() else {
                self.report(
                    value.span(),
                    "each of `claims` must be { article, claim, text }".into(),
                    "write { article = \"…\", claim = \"…\", text = \"…\" }",
                );
                continue;
            };
            let field = |key: &str| t.get(key).and_then(Value::as_str).map(str::to_string);
            match (field("article"), field("claim"), field("text")) {
                (Some(article), Some(claim), Some(text)) => claims.push(DecidedClaim {
                    article,
                    claim,
                    text,
                }),
                _ => self.report(
                    value.span(),
                    "a claim needs `article`, `claim` and `text`, all strings".into(),
                    "write { article = \"…\", claim = \"…\", text = \"…\" }",
                ),
            }
        }
        claims
    }
}

/// Reads decisions from the text of a decisions file shown as `shown`.
pub fn parse(shown: &str, text: &str) -> Result<Vec<Decision>, Vec<Diagnostic>> {
    let mut reader = Reader {
        shown,
        text,
        problems: Vec::new(),
    };
    if let Some(offset) = conflict_marker(text) {
        reader.report(
            Some(offset..offset),
            "unresolved git conflict marker".into(),
            "finish the merge: keep both sides' [[conflict]] tables, delete the <<<<<<< ======= >>>>>>> lines",
        );
        return Err(reader.problems);
    }
    let doc = match toml_edit::Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            reader.report(
                e.span(),
                format!("TOML syntax error: {}", e.message().trim()),
                "fix the syntax by hand; `git diff` shows what changed since the last commit",
            );
            return Err(reader.problems);
        }
    };
    let mut decisions = Vec::new();
    for (key, item) in doc.as_table().iter() {
        if key != "conflict" {
            let span = doc.as_table().key(key).and_then(|k| k.span());
            reader.report(
                span,
                format!("unknown key `{key}`"),
                "the decisions file holds only [[conflict]] tables",
            );
            continue;
        }
        let Some(tables) = item.as_array_of_tables() else {
            reader.report(
                item.span(),
                "`conflict` must be a list of [[conflict]] tables".into(),
                "write each decision as a [[conflict]] table",
            );
            continue;
        };
        for t in tables {
            for (k, _) in t.iter().filter(|(k, _)| !KEYS.contains(k)) {
                let span = t.key(k).and_then(|key| key.span());
                reader.report(
                    span,
                    format!("unknown key `{k}` in [[conflict]]"),
                    "a [[conflict]] has id, thing, note, reviewer, acknowledged_at and claims",
                );
            }
            decisions.push(Decision {
                id: reader.string(t, "id", true),
                thing: reader.string(t, "thing", false),
                note: reader.string(t, "note", false),
                reviewer: reader.string(t, "reviewer", false),
                acknowledged_at: reader.string(t, "acknowledged_at", false),
                claims: reader.claims(t),
            });
        }
    }
    if reader.problems.is_empty() {
        Ok(decisions)
    } else {
        Err(reader.problems)
    }
}

/// Reads the decisions of the annotations directory; none when there is no file.
pub fn read(store: &Store<'_>) -> Result<Vec<Decision>, StoreError> {
    let path = decisions_path(store.annotations());
    let shown = store.confine(&path)?;
    match read_original(&path, &shown, store.max_bytes())? {
        Some(original) => parse(&shown, original.text()).map_err(StoreError::Invalid),
        None => Ok(Vec::new()),
    }
}

fn table_of(d: &Decision) -> Table {
    let mut t = Table::new();
    t["id"] = toml_edit::value(&d.id);
    t["thing"] = toml_edit::value(&d.thing);
    t["note"] = toml_edit::value(&d.note);
    t["reviewer"] = toml_edit::value(&d.reviewer);
    t["acknowledged_at"] = toml_edit::value(&d.acknowledged_at);
    let mut claims = Array::new();
    for c in &d.claims {
        let mut claim = InlineTable::new();
        claim.insert("article", c.article.as_str().into());
        claim.insert("claim", c.claim.as_str().into());
        claim.insert("text", c.text.as_str().into());
        claim.decor_mut().set_prefix("\n  ");
        claims.push_formatted(Value::InlineTable(claim));
    }
    claims.set_trailing("\n");
    claims.set_trailing_comma(true);
    t["claims"] = toml_edit::value(claims);
    t
}

/// The `[[conflict]]` table with the id `id`.
fn with_id<'t>(tables: &'t mut ArrayOfTables, id: &str) -> Option<&'t mut Table> {
    tables
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
}

/// Puts `decision` in the document: over the keys of the table with its id (comments and
/// keys added by hand stay), or as a new table at the end. Returns whether it replaced one.
fn put(doc: &mut DocumentMut, decision: &Decision) -> bool {
    let fresh = table_of(decision);
    let root = doc.as_table_mut();
    if !root.contains_key("conflict") {
        root.insert("conflict", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(tables) = root["conflict"].as_array_of_tables_mut() else {
        return false;
    };
    match with_id(tables, &decision.id) {
        Some(t) => {
            for (key, item) in fresh.iter() {
                t[key] = item.clone();
            }
            true
        }
        None => {
            tables.push(fresh);
            false
        }
    }
}

/// Merges three versions of the decisions file, for git's merge driver: ours, with every
/// decision only theirs made or changed. A decision both sides changed keeps ours, with
/// theirs written above it as a comment, so no note is lost; one that ours removed and
/// theirs left alone stays removed. An empty ours (the file added on both sides) starts from
/// the header.
pub fn merge(base: &str, ours: &str, theirs: &str, label: &str) -> Result<Merged, Vec<Diagnostic>> {
    let base_decisions = parse(label, base)?;
    let our_decisions = parse(label, ours)?;
    let their_decisions = parse(label, theirs)?;
    let start = if ours.trim().is_empty() {
        format!("{HEADER}\n")
    } else {
        ours.to_string()
    };
    let mut doc: DocumentMut = start
        .parse()
        .map_err(|_| vec![Diagnostic::file(label, "cannot be parsed as TOML")])?;
    let by_id = |list: &[Decision], id: &str| list.iter().find(|d| d.id == id).cloned();
    for theirs in &their_decisions {
        let before = by_id(&base_decisions, &theirs.id);
        match by_id(&our_decisions, &theirs.id) {
            Some(ours) if ours == *theirs || before.as_ref() == Some(theirs) => {}
            Some(ours) if before.as_ref() == Some(&ours) => {
                put(&mut doc, theirs);
            }
            Some(_) => note_theirs(&mut doc, theirs),
            None if before.as_ref() == Some(theirs) => {}
            None => {
                put(&mut doc, theirs);
            }
        }
    }
    Ok(Merged {
        text: doc.to_string(),
        undecided: Vec::new(),
    })
}

/// Writes theirs of a decision both sides changed as a comment above ours.
fn note_theirs(doc: &mut DocumentMut, theirs: &Decision) {
    let Some(tables) = doc
        .as_table_mut()
        .get_mut("conflict")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return;
    };
    let Some(t) = with_id(tables, &theirs.id) else {
        return;
    };
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    let comment = format!(
        "# also acknowledged on another branch by {} at {}: {}\n",
        one_line(&theirs.reviewer),
        one_line(&theirs.acknowledged_at),
        one_line(&theirs.note)
    );
    let prefix = t
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    t.decor_mut().set_prefix(format!("{prefix}{comment}"));
}

/// Records `decision`, replacing the keys of an earlier one with the same id in place (its
/// comments and any keys added by hand stay), or appending it. Returns whether it replaced one.
pub fn record(store: &Store<'_>, decision: &Decision) -> Result<bool, StoreError> {
    let path = decisions_path(store.annotations());
    let shown = store.confine(&path)?;
    let _lock = store.lock(&shown)?;
    let original = read_original(&path, &shown, store.max_bytes())?;
    let text = original.as_ref().map_or("", |o| o.text());
    parse(&shown, text).map_err(StoreError::Invalid)?;
    let mut doc: DocumentMut = text.parse().map_err(|_| {
        StoreError::Invalid(vec![Diagnostic::file(&shown, "cannot be parsed as TOML")])
    })?;
    let replaced = put(&mut doc, decision);
    let text = match &original {
        Some(_) => doc.to_string(),
        None => format!("{HEADER}\n{doc}"),
    };
    let text = in_line_endings_of(original.as_ref(), text);
    write_atomic(
        &path,
        &file_bytes(original.as_ref(), &text),
        &store.tmp_dir(),
    )
    .map_err(|error| StoreError::Io {
        shown: shown.clone(),
        doing: "write",
        error,
    })?;
    Ok(replaced)
}

#[cfg(test)]
mod tests {
    use super::{parse, DecidedClaim, Decision};

    #[test]
    fn a_decision_reads_back_and_mistakes_are_placed() {
        let text = "# ours\n[[conflict]]\nid = \"shipment-1\"\nnote = \"two periods\"\n\
                    claims = [{ article = \"a.txt\", claim = \"k1\", text = \"64 trips\" }]\n";
        let decisions = parse("conflicts.toml", text).unwrap();
        assert_eq!(
            decisions,
            [Decision {
                id: "shipment-1".into(),
                thing: String::new(),
                note: "two periods".into(),
                reviewer: String::new(),
                acknowledged_at: String::new(),
                claims: vec![DecidedClaim {
                    article: "a.txt".into(),
                    claim: "k1".into(),
                    text: "64 trips".into(),
                }],
            }]
        );
        let problems = parse("conflicts.toml", "[[conflict]]\nnote = 3\n").unwrap_err();
        assert_eq!(
            problems
                .iter()
                .map(|p| (p.line, p.column))
                .collect::<Vec<_>>(),
            [(1, 1), (2, 8)]
        );
    }
}
