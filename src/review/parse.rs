//! Reads and validates a review file, reporting each problem at its line and column with a
//! hint: TOML syntax, git conflict markers, unknown statuses, duplicate ids, wrong types and
//! misspelt keys. Keys factcheck does not know, and that resemble none it does, are kept.

use std::borrow::Cow;
use std::path::Path;

use toml_edit::{Document, DocumentMut, Item, Table};

use super::model::{Alternative, HistoryEntry, ReviewClaim, ReviewFile, Status};
use super::sections::{Part, Section};
pub use crate::diagnostic::{line_col, Diagnostic, Positions};
use crate::extract::{Bound, Kind, Trend};

const STATUS_NAMES: &[&str] = &["pending", "verified", "disputed", "unsourced", "dismissed"];

pub const ROOT_KEYS: &[&str] = &["article", "claim", "retired"];
pub const ARTICLE_KEYS: &[&str] = &["path", "title", "digest", "previous_paths"];
pub const CLAIM_KEYS: &[&str] = &[
    "id",
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
    "status",
    "source",
    "note",
    "reviewer",
    "reviewed_at",
    "changed",
    "reviewed_sentence",
    "retired_at",
    "history",
    "conflict",
];
pub const CONFLICT_KEYS: &[&str] = &["status", "source", "note", "reviewer", "reviewed_at"];
pub const HISTORY_KEYS: &[&str] = &[
    "status",
    "text",
    "value",
    "source",
    "note",
    "reviewer",
    "reviewed_at",
    "replaced_at",
];

struct Checker<'a> {
    path: &'a Path,
    positions: Positions<'a>,
    /// Where the document being checked starts in the file (a section's offset).
    base: usize,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// The file as its `[article]` table describes it, without claims yet.
    fn article(&mut self, path: &Path, table: Option<&Table>) -> ReviewFile {
        let (article, title, digest, previous_paths) = match table {
            Some(t) => {
                self.keys(t, ARTICLE_KEYS, "[article]");
                (
                    self.string(t, "path", true),
                    self.string(t, "title", false),
                    self.string(t, "digest", false),
                    self.strings(t, "previous_paths"),
                )
            }
            None => {
                self.report(None, "missing the [article] table".into(), Some("a review file starts with [article] and the article's `path`; `factcheck scan ARTICLE` writes one".into()), true);
                Default::default()
            }
        };
        ReviewFile {
            path: path.to_path_buf(),
            article,
            title,
            digest,
            previous_paths,
            claims: Vec::new(),
            retired: Vec::new(),
        }
    }

    fn report(
        &mut self,
        span: Option<std::ops::Range<usize>>,
        message: String,
        help: Option<String>,
        fatal: bool,
    ) {
        let (line, column) = self.positions.at(span.map_or(0, |s| self.base + s.start));
        self.problems.push(Diagnostic {
            path: self.path.to_path_buf(),
            line,
            column,
            message,
            help,
            fatal,
        });
    }

    /// Reports keys that look like misspellings of known ones.
    fn keys(&mut self, table: &Table, known: &[&str], what: &str) {
        for (key, _) in table.iter() {
            if known.contains(&key) {
                continue;
            }
            if let Some(guess) = closest(key, known) {
                let span = table.key(key).and_then(|k| k.span());
                self.report(
                    span,
                    format!("unknown key `{key}` in {what}"),
                    Some(format!("did you mean `{guess}`?")),
                    false,
                );
            }
        }
    }

    fn string(&mut self, table: &Table, key: &str, required: bool) -> String {
        match string_item(table, key) {
            Some(Ok(s)) => s,
            Some(Err(span)) => {
                self.report(
                    span,
                    format!("`{key}` must be a string"),
                    Some(format!("write it in quotes: {key} = \"...\"")),
                    true,
                );
                String::new()
            }
            None => {
                if required {
                    self.report(
                        table.span(),
                        format!("missing `{key}`"),
                        Some(format!(
                            "add `{key} = \"...\"` to the claim, or check for a misspelt key"
                        )),
                        true,
                    );
                }
                String::new()
            }
        }
    }

    /// A list of strings; empty when the key is absent.
    fn strings(&mut self, table: &Table, key: &str) -> Vec<String> {
        let Some(item) = table.get(key) else {
            return Vec::new();
        };
        let strings: Option<Vec<String>> = item
            .as_array()
            .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect());
        strings.unwrap_or_else(|| {
            self.report(
                item.span(),
                format!("`{key}` must be a list of strings"),
                Some(format!("write it as {key} = [\"...\"]")),
                true,
            );
            Vec::new()
        })
    }

    fn boolean(&mut self, table: &Table, key: &str) -> bool {
        let Some(item) = table.get(key) else {
            return false;
        };
        item.as_bool().unwrap_or_else(|| {
            self.report(
                item.span(),
                format!("`{key}` must be true or false"),
                Some(format!(
                    "write `{key} = true` without quotes, or delete the line"
                )),
                true,
            );
            false
        })
    }

    fn number(&mut self, table: &Table, key: &str) -> Option<f64> {
        let item = table.get(key)?;
        match item
            .as_float()
            .or_else(|| item.as_integer().map(|i| i as f64))
        {
            Some(v) if v.is_finite() => Some(v),
            Some(_) => {
                self.report(
                    item.span(),
                    format!(
                        "`{key}` must be a finite number, not {}",
                        item.to_string().trim()
                    ),
                    Some(format!("write the figure's value, like {key} = 4800000")),
                    true,
                );
                None
            }
            None => {
                self.report(item.span(), format!("`{key}` must be a number"), None, true);
                None
            }
        }
    }

    fn choice<T>(
        &mut self,
        table: &Table,
        key: &str,
        parse: fn(&str) -> Option<T>,
        names: &[&str],
    ) -> Option<T> {
        let item = table.get(key)?;
        let raw = item.as_str().unwrap_or_default();
        match parse(raw) {
            Some(v) => Some(v),
            None => {
                let help = match closest(raw, names) {
                    Some(g) => format!("did you mean \"{g}\"? (one of: {})", names.join(", ")),
                    None => format!("use one of: {}", names.join(", ")),
                };
                self.report(
                    item.span(),
                    format!(
                        "unknown {key} {}",
                        item.as_value()
                            .map_or(String::new(), |v| v.to_string().trim().to_string())
                    ),
                    Some(help),
                    true,
                );
                None
            }
        }
    }

    /// An audit time: empty, or RFC 3339.
    fn time(&mut self, table: &Table, key: &str) -> String {
        let text = self.string(table, key, false);
        if !text.is_empty() && !crate::clock::is_rfc3339(&text) {
            self.report(
                table.get(key).and_then(Item::span),
                format!("`{key}` is not an RFC 3339 time: {text:?}"),
                Some(format!(
                    "write it like {key} = \"2025-03-01T12:00:00Z\" (UTC) or with an offset, or leave it empty"
                )),
                true,
            );
        }
        text
    }

    fn claim(&mut self, table: &Table) -> ReviewClaim {
        self.keys(table, CLAIM_KEYS, "[[claim]]");
        self.time(table, "retired_at");
        let history = match table.get("history") {
            Some(Item::ArrayOfTables(entries)) => entries.iter().map(|t| self.history(t)).collect(),
            Some(item) => {
                self.report(
                    item.span(),
                    "`history` must be a list of [[claim.history]] tables".into(),
                    None,
                    true,
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        let alternatives = match table.get("conflict") {
            Some(Item::ArrayOfTables(entries)) => {
                entries.iter().map(|t| self.alternative(t)).collect()
            }
            Some(item) => {
                self.report(
                    item.span(),
                    "`conflict` must be a list of [[claim.conflict]] tables".into(),
                    None,
                    true,
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        ReviewClaim {
            id: self.string(table, "id", true),
            line: self.number(table, "line").unwrap_or(0.0) as usize,
            column: self.number(table, "column").unwrap_or(1.0) as usize,
            text: self.string(table, "text", false),
            sentence: self.string(table, "sentence", false),
            value: self.number(table, "value").unwrap_or(0.0),
            low: self.number(table, "low"),
            high: self.number(table, "high"),
            unit: self.string(table, "unit", false),
            bound: self
                .choice(table, "bound", Bound::parse, Bound::NAMES)
                .unwrap_or(Bound::Exact),
            kind: self
                .choice(table, "kind", Kind::parse, Kind::NAMES)
                .unwrap_or(Kind::Count),
            trend: self.choice(table, "trend", Trend::parse, Trend::NAMES),
            attribution: table
                .contains_key("attribution")
                .then(|| self.string(table, "attribution", false)),
            status: match table.get("status") {
                Some(_) => self
                    .choice(table, "status", Status::parse, STATUS_NAMES)
                    .unwrap_or(Status::Pending),
                None => {
                    self.string(table, "status", true);
                    Status::Pending
                }
            },
            source: self.string(table, "source", false),
            note: self.string(table, "note", false),
            reviewer: self.string(table, "reviewer", false),
            reviewed_at: self.time(table, "reviewed_at"),
            changed: self.boolean(table, "changed"),
            reviewed_sentence: self.string(table, "reviewed_sentence", false),
            history,
            alternatives,
        }
    }

    /// The other side's verdict, left by a merge.
    fn alternative(&mut self, table: &Table) -> Alternative {
        Alternative {
            status: self
                .choice(table, "status", Status::parse, STATUS_NAMES)
                .unwrap_or(Status::Pending),
            source: self.string(table, "source", false),
            note: self.string(table, "note", false),
            reviewer: self.string(table, "reviewer", false),
            reviewed_at: self.time(table, "reviewed_at"),
        }
    }

    fn history(&mut self, table: &Table) -> HistoryEntry {
        self.keys(table, HISTORY_KEYS, "[[claim.history]]");
        self.time(table, "replaced_at");
        HistoryEntry {
            status: self
                .choice(table, "status", Status::parse, STATUS_NAMES)
                .unwrap_or(Status::Pending),
            text: self.string(table, "text", false),
            source: self.string(table, "source", false),
            note: self.string(table, "note", false),
            reviewer: self.string(table, "reviewer", false),
            reviewed_at: self.time(table, "reviewed_at"),
        }
    }

    fn claims(&mut self, root: &Table, key: &str) -> Vec<ReviewClaim> {
        match root.get(key) {
            None => Vec::new(),
            Some(Item::ArrayOfTables(tables)) => tables.iter().map(|t| self.claim(t)).collect(),
            Some(item) => {
                self.report(
                    item.span(),
                    format!("`{key}` must be written as [[{key}]] tables"),
                    None,
                    true,
                );
                Vec::new()
            }
        }
    }
}

/// The string at `key`: `None` when there is none, the value's span when it is not a string.
pub(super) fn string_item(
    table: &Table,
    key: &str,
) -> Option<Result<String, Option<std::ops::Range<usize>>>> {
    let item = table.get(key)?;
    Some(item.as_str().map(str::to_string).ok_or_else(|| item.span()))
}

/// Git's conflict markers left in a file by an unfinished merge.
pub(super) fn conflict_marker(text: &str) -> Option<usize> {
    // Each marker starts with seven of one character; most files have none of those.
    if !["<<<<<<<", "=======", ">>>>>>>"]
        .iter()
        .any(|run| memchr::memmem::find(text.as_bytes(), run.as_bytes()).is_some())
    {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("<<<<<<< ")
            || line.starts_with("=======") && line.trim_end() == "======="
            || line.starts_with(">>>>>>> ")
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Parses a review file; every problem found is returned, fatal ones with no file. A file
/// laid out as factcheck writes it is read one table at a time.
pub fn parse(path: &Path, text: &str) -> (Option<ReviewFile>, Vec<Diagnostic>) {
    let by_section = parse_by_section(path, text, &|part, _, _, claim| (part, claim));
    if let Some(BySection {
        mut file,
        warnings,
        tables,
    }) = by_section
    {
        for (part, claim) in tables {
            match part {
                Part::Retired => file.retired.push(claim),
                _ => file.claims.push(claim),
            }
        }
        return (Some(file), warnings);
    }
    let (parsed, problems) = parse_document(path, text);
    (parsed.map(|(file, _)| file), problems)
}

/// Parses a review file for editing: the model and the document to edit in place.
pub fn parse_for_edit(
    path: &Path,
    text: &str,
) -> (Option<(ReviewFile, DocumentMut)>, Vec<Diagnostic>) {
    let (parsed, problems) = parse_document(path, text);
    (parsed.map(|(file, doc)| (file, doc.into_mut())), problems)
}

fn parse_document<'t>(
    path: &Path,
    text: &'t str,
) -> (Option<(ReviewFile, Document<&'t str>)>, Vec<Diagnostic>) {
    let mut checker = Checker {
        path,
        positions: Positions::new(text),
        base: 0,
        problems: Vec::new(),
    };
    if let Some(offset) = conflict_marker(text) {
        checker.report(
            Some(offset..offset),
            "unresolved git conflict marker".into(),
            Some("finish the merge: keep the right version of each conflicting claim, delete the <<<<<<< ======= >>>>>>> lines, then run `factcheck scan`".into()),
            true,
        );
        return (None, checker.problems);
    }
    let doc = match Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let message = e.message().trim().to_string();
            checker.report(
                e.span(),
                format!("TOML syntax error: {message}"),
                Some(
                    "fix the syntax by hand; `git diff` shows what changed since the last commit"
                        .into(),
                ),
                true,
            );
            return (None, checker.problems);
        }
    };
    let root = doc.as_table();
    checker.keys(root, ROOT_KEYS, "the review file");
    let mut file = checker.article(path, article_table(root).as_deref());
    file.claims = checker.claims(root, "claim");
    file.retired = checker.claims(root, "retired");
    duplicate_ids(&mut checker, root, &file.claims, &file.retired);
    let fatal = checker.problems.iter().any(|p| p.fatal);
    let problems = checker.problems;
    ((!fatal).then_some((file, doc)), problems)
}

/// `[article]`, or the same table written inline: `article = { path = "...", ... }`.
fn article_table(root: &Table) -> Option<Cow<'_, Table>> {
    match root.get("article") {
        Some(Item::Table(t)) => Some(Cow::Borrowed(t)),
        Some(Item::Value(toml_edit::Value::InlineTable(t))) => {
            Some(Cow::Owned(t.clone().into_table()))
        }
        _ => None,
    }
}

/// A review file read by [`parse_by_section`].
pub struct BySection<T> {
    /// The file, without its claims.
    pub file: ReviewFile,
    pub warnings: Vec<Diagnostic>,
    /// What was made of each claim table, current or retired, in file order.
    pub tables: Vec<T>,
}

/// One claim table, checked.
struct Checked<T> {
    part: Part,
    id: String,
    problems: Vec<Diagnostic>,
    made: T,
}

/// Files with fewer sections than this are read on one core.
const SECTIONS_FOR_CORES: usize = 4096;

/// Parses a review file one top-level table at a time (see [`super::sections`]), so that
/// memory holds a few claims' documents, not the whole file's; a large file's tables are
/// parsed on all cores. `each` is handed every checked claim table, current or retired (with
/// its place among those), and what it returns is returned in file order with the file
/// (without its claims) and its warnings. `None` when the file must be parsed whole: it is
/// laid out in some other way, or it has a problem that stops its use (the whole parse says
/// what, exactly as it would have).
pub fn parse_by_section<T: Send>(
    path: &Path,
    text: &str,
    each: &(dyn Fn(Part, usize, &Table, ReviewClaim) -> T + Sync),
) -> Option<BySection<T>> {
    if conflict_marker(text).is_some() {
        return None;
    }
    let mut checker = Checker {
        path,
        positions: Positions::new(text),
        base: 0,
        problems: Vec::new(),
    };
    let mut file = None;
    let mut claims = Vec::new();
    let (mut current, mut retired) = (0, 0);
    for section in super::sections::split(text)? {
        checker.base = section.start;
        let counter = match section.part {
            Part::Claim => &mut current,
            Part::Retired => &mut retired,
            Part::Root | Part::Article => {
                let doc = Document::parse(&text[section.start..section.end]).ok()?;
                let root = doc.as_table();
                let article = if section.part == Part::Root {
                    checker.keys(root, ROOT_KEYS, "the review file");
                    if root
                        .iter()
                        .any(|(k, _)| k != "article" && ROOT_KEYS.contains(&k))
                    {
                        return None;
                    }
                    article_table(root)
                } else {
                    Some(Cow::Borrowed(root.get("article").and_then(Item::as_table)?))
                };
                if let Some(t) = article {
                    if file.is_some() {
                        return None;
                    }
                    file = Some(checker.article(path, Some(&t)));
                }
                continue;
            }
        };
        claims.push((section, *counter));
        *counter += 1;
    }
    let mut file = file?;
    let read = |chunk: &[(Section, usize)]| -> Option<Vec<Checked<T>>> {
        let mut checker = Checker {
            path,
            positions: Positions::new(text),
            base: 0,
            problems: Vec::new(),
        };
        let mut out = Vec::with_capacity(chunk.len());
        for (section, place) in chunk {
            checker.base = section.start;
            let doc = Document::parse(&text[section.start..section.end]).ok()?;
            let key = if section.part == Part::Claim {
                "claim"
            } else {
                "retired"
            };
            let table = match doc.as_table().get(key) {
                Some(Item::ArrayOfTables(tables)) if tables.len() == 1 => tables.get(0)?,
                _ => return None,
            };
            let claim = checker.claim(table);
            let problems = std::mem::take(&mut checker.problems);
            if problems.iter().any(|p| p.fatal) {
                return None;
            }
            out.push(Checked {
                part: section.part,
                id: claim.id.clone(),
                problems,
                made: each(section.part, *place, table, claim),
            });
        }
        Some(out)
    };
    let chunks: Vec<&[(Section, usize)]> = claims.chunks(SECTIONS_FOR_CORES / 4).collect();
    let parsed = if claims.len() < SECTIONS_FOR_CORES {
        vec![read(&claims)]
    } else {
        crate::parallel::map_on_cores(&chunks, |chunk| read(chunk))
    };
    // Warnings come in the whole parse's order: the root and the article, claims, retired.
    let mut retired_problems = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut results = Vec::with_capacity(claims.len());
    let parsed: Vec<Vec<_>> = parsed.into_iter().collect::<Option<_>>()?;
    for mut checked in parsed.into_iter().flatten() {
        if !ids.insert(checked.id) {
            return None;
        }
        match checked.part {
            Part::Retired => retired_problems.append(&mut checked.problems),
            _ => checker.problems.append(&mut checked.problems),
        }
        results.push(checked.made);
    }
    checker.problems.append(&mut retired_problems);
    if checker.problems.iter().any(|p| p.fatal) {
        return None;
    }
    file.path = path.to_path_buf();
    Some(BySection {
        file,
        warnings: checker.problems,
        tables: results,
    })
}

fn duplicate_ids(
    checker: &mut Checker<'_>,
    root: &Table,
    claims: &[ReviewClaim],
    retired: &[ReviewClaim],
) {
    let spans: Vec<_> = ["claim", "retired"]
        .iter()
        .filter_map(|k| root.get(k).and_then(Item::as_array_of_tables))
        .flat_map(|a| a.iter().map(|t| t.get("id").and_then(Item::span)))
        .collect();
    let all: Vec<&ReviewClaim> = claims.iter().chain(retired).collect();
    let mut seen = std::collections::HashSet::new();
    for (k, claim) in all.iter().enumerate() {
        if !claim.id.is_empty() && !seen.insert(claim.id.as_str()) {
            checker.report(
                spans.get(k).cloned().flatten(),
                format!("duplicate claim id \"{}\"", claim.id),
                Some("ids must be unique in a file: give one of them a new id, or delete the stale copy".into()),
                true,
            );
        }
    }
}

/// The known word nearest to `word`, if it is close enough to be a misspelling.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(&word.to_lowercase(), k), *k))
        .filter(|(d, k)| *d <= 2.min(k.len() / 2).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_match_the_statuses() {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, STATUS_NAMES);
    }

    #[test]
    fn suggests_misspelt_keys() {
        assert_eq!(closest("stauts", CLAIM_KEYS), Some("status"));
        assert_eq!(closest("sorce", CLAIM_KEYS), Some("source"));
        assert_eq!(closest("desk_checked_by", CLAIM_KEYS), None);
    }

    /// The seed review files, and versions of them with misspelt keys, an inline article
    /// table, history, retired claims and comments, as reviewers write them.
    fn review_files() -> Vec<String> {
        let mut files = crate::review::seed_review_texts();
        let base = files[1].clone();
        let second = base.match_indices("\n[[claim]]\n").nth(1).unwrap().0 + 1;
        files.push(base.replacen("title = ", "titel = \"x\"\ntitle = ", 1));
        files.push(format!(
            "{}stauts = \"verified\"\n{}",
            &base[..second],
            &base[second..]
        ));
        files.push(format!(
            "{base}\n# gone\n[[retired]]\nid = \"aaaaaa\"\ntext = \"3 ships\"\nstatus = \"verified\"\nsorce = \"x\"\nretired_at = \"2025-03-01T12:00:00Z\"\n"
        ));
        files.push(format!(
            "{}[[claim.history]]\nstatus = \"verified\"\ntext = \"x\"\nreplaced_at = \"2025-03-01T12:00:00Z\"\n\n{}",
            &base[..second],
            &base[second..]
        ));
        let start = base.find("[article]").unwrap();
        let end = start + base[start..].find("\n\n").unwrap();
        files.push(format!(
            "{}article = {{ path = \"a.txt\", title = \"A\", digest = \"d\" }}{}",
            &base[..start],
            &base[end..]
        ));
        files
    }

    #[test]
    fn reading_by_section_agrees_with_the_whole_parse() {
        for text in review_files() {
            let path = Path::new("a.toml");
            assert!(
                parse_by_section(path, &text, &|_, _, _, _| ()).is_some(),
                "read whole:\n{text}"
            );
            let (whole, whole_problems) = parse_document(path, &text);
            let (by_section, problems) = parse(path, &text);
            assert_eq!(by_section, whole.map(|(file, _)| file), "{text}");
            assert_eq!(problems, whole_problems, "{text}");
        }
    }

    #[test]
    fn a_large_file_read_on_all_cores_agrees_with_the_whole_parse() {
        let mut text = review_files()[1].clone();
        for k in 0..6000 {
            let (table, typo) = if k % 3 == 0 {
                ("retired", "sorce")
            } else {
                ("claim", "stauts")
            };
            text.push_str(&format!(
                "\n[[{table}]]\nid = \"{k:06x}\"\ntext = \"{k} ships\"\nsentence = \"There were {k} ships.\"\nvalue = {k}\nstatus = \"pending\"\n"
            ));
            if k % 1000 == 7 {
                text.push_str(&format!("{typo} = \"x\"\n"));
            }
        }
        let path = Path::new("a.toml");
        let (whole, whole_problems) = parse_document(path, &text);
        let (by_section, problems) = parse(path, &text);
        assert!(
            problems.len() == 6 && problems == whole_problems,
            "{problems:?}"
        );
        assert_eq!(by_section, whole.map(|(file, _)| file));
        let duplicate = text.replacen("id = \"0016a8\"", "id = \"000001\"", 1);
        assert!(parse_by_section(path, &duplicate, &|_, _, _, _| ()).is_none());
    }

    #[test]
    fn unusual_files_are_read_whole_with_the_same_errors() {
        let base = &review_files()[1];
        for text in [
            format!("{base}\n[article]\npath = \"b\"\n"),
            base.replacen("status = \"pending\"", "status = \"pendign\"", 1),
            format!("{base}\n[other]\nx = 1\n"),
            base.replacen("id = \"01df07\"", "id = \"c6f06b\"", 1),
        ] {
            assert!(parse_by_section(Path::new("a.toml"), &text, &|_, _, _, _| ()).is_none());
            let (whole, problems) = parse_document(Path::new("a.toml"), &text);
            assert_eq!(
                parse(Path::new("a.toml"), &text),
                (whole.map(|(f, _)| f), problems)
            );
        }
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n€x", 6), (2, 2));
    }
}
