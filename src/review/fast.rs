//! The quick read of a review file, for commands that only read: deserialised straight into
//! the model, without the document tree `parse` builds to point at problems. A file in the
//! plain layout factcheck writes is read in one pass over its lines (see `plain`); any other
//! is split into its top-level tables (see `sections`), read a few hundred at a time as TOML.
//! Both hand each table to the same structs here. It answers only for a file with nothing to
//! report; a file with a syntax error, a conflict marker, an unknown or misspelt key, a bad
//! value or a duplicate id, or with an inline table (which only `parse` tells apart from a
//! table header), gets `None` and is read by `parse`, which says what is wrong and where.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::model::{Alternative, HistoryEntry, ReviewClaim, ReviewFile, Status};
use super::parse::conflict_marker;
use super::plain;
use super::sections::{layout, Part, Section};
use crate::clock::is_rfc3339;
use crate::extract::{Bound, Kind, Trend};

/// Consecutive top-level tables (with the keys before the first, if they come first).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSections<'a> {
    article: Option<RawArticle>,
    #[serde(borrow)]
    claim: Option<Vec<RawClaim<'a>>>,
    #[serde(borrow)]
    retired: Option<Vec<RawClaim<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    path: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    digest: String,
    #[serde(default)]
    previous_paths: Vec<String>,
}

/// A claim's table; the names of a status, bound, kind or trend are borrowed from the file
/// where they can be, as they are only looked up.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim<'a> {
    id: String,
    line: Option<f64>,
    column: Option<f64>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    sentence: String,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    #[serde(default)]
    unit: String,
    #[serde(borrow)]
    bound: Option<Cow<'a, str>>,
    #[serde(borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    trend: Option<Cow<'a, str>>,
    attribution: Option<String>,
    #[serde(borrow)]
    status: Cow<'a, str>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reviewer: String,
    #[serde(default)]
    reviewed_at: String,
    #[serde(default)]
    changed: bool,
    #[serde(default)]
    reviewed_sentence: String,
    #[serde(default)]
    retired_at: String,
    #[serde(borrow)]
    history: Option<Vec<RawHistory<'a>>>,
    #[serde(borrow)]
    conflict: Option<Vec<RawConflict<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHistory<'a> {
    #[serde(borrow)]
    status: Option<Cow<'a, str>>,
    #[serde(default)]
    text: String,
    /// The figure the verdict judged; kept in the file, not read.
    #[serde(rename = "value")]
    _value: Option<IgnoredAny>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reviewer: String,
    #[serde(default)]
    reviewed_at: String,
    #[serde(default)]
    replaced_at: String,
}

/// A merge's other verdict; its keys are not checked, so others are allowed.
#[derive(Deserialize)]
struct RawConflict<'a> {
    #[serde(borrow)]
    status: Option<Cow<'a, str>>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reviewer: String,
    #[serde(default)]
    reviewed_at: String,
}

/// The review file `text` (read from `path`) when it has nothing to report; `None` when it
/// must be read by `parse`. What it returns is what `parse` would, with no warnings.
pub fn read(path: &Path, text: &str) -> Option<ReviewFile> {
    if conflict_marker(text).is_some() {
        return None;
    }
    let runs = match read_plain(text) {
        Some(tables) => vec![tables],
        None => read_runs(text)?,
    };
    assemble(path, runs)
}

/// A file in the plain layout factcheck writes (see `plain`), read in one pass.
fn read_plain(text: &str) -> Option<Tables> {
    let mut tables = Tables {
        article: None,
        claims: Vec::new(),
        retired: Vec::new(),
    };
    plain::each_table(text, |part, table| {
        match part {
            Part::Article => {
                let article = RawArticle::deserialize(table).ok()?;
                tables.article.replace(article).is_none().then_some(())?;
            }
            Part::Claim => tables
                .claims
                .push(claim(RawClaim::deserialize(table).ok()?)?),
            Part::Retired => tables
                .retired
                .push(claim(RawClaim::deserialize(table).ok()?)?),
            Part::Root => return None,
        }
        Some(())
    })?;
    Some(tables)
}

/// Any other file split into its top-level tables, read a few hundred tables at a time as
/// TOML documents (those of a large file on all cores).
fn read_runs(text: &str) -> Option<Vec<Tables>> {
    let layout = layout(text).filter(|l| !l.inline_table)?;
    let runs: Vec<&[Section]> = layout.sections.chunks(SECTIONS_AT_ONCE).collect();
    let read = |run: &&[Section]| read_run(text, run);
    if layout.sections.len() < SECTIONS_FOR_CORES {
        runs.iter().map(read).collect()
    } else {
        crate::parallel::map_on_cores(&runs, read)
            .into_iter()
            .collect()
    }
}

/// Sections deserialised as one document: at most this many claims' values are held at once
/// (on each core), however large the file.
const SECTIONS_AT_ONCE: usize = 256;

/// Files with fewer sections than this are read on one core.
const SECTIONS_FOR_CORES: usize = 4096;

/// What a run of consecutive sections holds.
struct Tables {
    article: Option<RawArticle>,
    claims: Vec<ReviewClaim>,
    retired: Vec<ReviewClaim>,
}

/// The tables of consecutive sections, deserialised as one document; `None` unless they are
/// exactly the claim and retired tables that the sections' headers start.
fn read_run(text: &str, run: &[Section]) -> Option<Tables> {
    let (first, last) = (run.first()?, run.last()?);
    let raw: RawSections = toml::from_str(&text[first.start..last.end]).ok()?;
    let headed = |part| run.iter().filter(|s| s.part == part).count();
    Some(Tables {
        article: raw.article,
        claims: headed_claims(raw.claim, headed(Part::Claim))?,
        retired: headed_claims(raw.retired, headed(Part::Retired))?,
    })
}

/// The claims of a list that `headers` table headers made: a list without headers is an array
/// value (`claim = []`), not tables.
fn headed_claims(list: Option<Vec<RawClaim<'_>>>, headers: usize) -> Option<Vec<ReviewClaim>> {
    match list {
        None if headers == 0 => Some(Vec::new()),
        Some(list) if headers > 0 && list.len() == headers => list.into_iter().map(claim).collect(),
        _ => None,
    }
}

/// The file the runs of sections make, in order: one article, and no id twice.
fn assemble(path: &Path, runs: Vec<Tables>) -> Option<ReviewFile> {
    let mut article = None;
    let (mut claims, mut retired) = (Vec::new(), Vec::new());
    for run in runs {
        if let Some(found) = run.article {
            if article.replace(found).is_some() {
                return None;
            }
        }
        claims.extend(run.claims);
        retired.extend(run.retired);
    }
    let article = article?;
    let mut ids = HashSet::new();
    if !claims
        .iter()
        .chain(&retired)
        .all(|c| c.id.is_empty() || ids.insert(c.id.as_str()))
    {
        return None;
    }
    Some(ReviewFile {
        path: path.to_path_buf(),
        article: article.path,
        title: article.title,
        digest: article.digest,
        previous_paths: article.previous_paths,
        claims,
        retired,
    })
}

/// A list of tables: absent is none, but an empty list is an array value, not tables.
fn tables<T>(list: Option<Vec<T>>) -> Option<Vec<T>> {
    match list {
        Some(list) if list.is_empty() => None,
        list => Some(list.unwrap_or_default()),
    }
}

fn finite(v: Option<f64>) -> Option<Option<f64>> {
    match v {
        Some(v) if !v.is_finite() => None,
        v => Some(v),
    }
}

fn time(text: String) -> Option<String> {
    (text.is_empty() || is_rfc3339(&text)).then_some(text)
}

fn status(name: Option<Cow<'_, str>>) -> Option<Status> {
    name.map_or(Some(Status::Pending), |n| Status::parse(&n))
}

fn claim(raw: RawClaim<'_>) -> Option<ReviewClaim> {
    time(raw.retired_at)?;
    Some(ReviewClaim {
        id: raw.id,
        line: finite(raw.line)?.unwrap_or(0.0) as usize,
        column: finite(raw.column)?.unwrap_or(1.0) as usize,
        text: raw.text,
        sentence: raw.sentence,
        value: finite(raw.value)?.unwrap_or(0.0),
        low: finite(raw.low)?,
        high: finite(raw.high)?,
        unit: raw.unit,
        bound: match raw.bound {
            Some(n) => Bound::parse(&n)?,
            None => Bound::Exact,
        },
        kind: match raw.kind {
            Some(n) => Kind::parse(&n)?,
            None => Kind::Count,
        },
        trend: match raw.trend {
            Some(n) => Some(Trend::parse(&n)?),
            None => None,
        },
        attribution: raw.attribution,
        status: Status::parse(&raw.status)?,
        source: raw.source,
        note: raw.note,
        reviewer: raw.reviewer,
        reviewed_at: time(raw.reviewed_at)?,
        changed: raw.changed,
        reviewed_sentence: raw.reviewed_sentence,
        history: tables(raw.history)?
            .into_iter()
            .map(history)
            .collect::<Option<_>>()?,
        alternatives: tables(raw.conflict)?
            .into_iter()
            .map(alternative)
            .collect::<Option<_>>()?,
    })
}

fn history(raw: RawHistory<'_>) -> Option<HistoryEntry> {
    time(raw.replaced_at)?;
    Some(HistoryEntry {
        status: status(raw.status)?,
        text: raw.text,
        source: raw.source,
        note: raw.note,
        reviewer: raw.reviewer,
        reviewed_at: time(raw.reviewed_at)?,
    })
}

fn alternative(raw: RawConflict<'_>) -> Option<Alternative> {
    Some(Alternative {
        status: status(raw.status)?,
        source: raw.source,
        note: raw.note,
        reviewer: raw.reviewer,
        reviewed_at: time(raw.reviewed_at)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::parse::parse;
    use proptest::prelude::*;

    fn seeds() -> Vec<String> {
        crate::review::seed_review_texts()
    }

    /// Whether the quick read decided the file; when it did, and whenever either of its
    /// readers decided it, it must be what `parse` reads.
    fn decides(text: &str) -> bool {
        let path = Path::new("annotations/a.toml");
        let plain = read_plain(text).and_then(|tables| assemble(path, vec![tables]));
        let runs = read_runs(text).and_then(|runs| assemble(path, runs));
        let file = read(path, text);
        for decided in [&file, &plain, &runs].into_iter().flatten() {
            assert_eq!(
                parse(path, text),
                (Some(decided.clone()), Vec::new()),
                "{text}"
            );
        }
        file.is_some()
    }

    /// Whether the plain reader decided the file.
    fn plain_decides(text: &str) -> bool {
        decides(text) && read_plain(text).is_some()
    }

    /// `base` with `line` put after its first claim's `id` line.
    fn in_first_claim(base: &str, line: &str) -> String {
        let at = base.find("\n[[claim]]\nid = ").unwrap() + 1;
        let at = at + base[at..].find("\nline = ").unwrap() + 1;
        format!("{}{line}\n{}", &base[..at], &base[at..])
    }

    #[test]
    fn the_seeds_are_read_quickly_as_parse_reads_them() {
        for text in seeds() {
            assert!(plain_decides(&text), "{text}");
            assert!(plain_decides(&text.replace('\n', "\r\n")));
            assert!(read_runs(&text).is_some());
        }
    }

    #[test]
    fn the_plain_reader_reads_the_values_factcheck_writes_and_leaves_the_rest() {
        let base = &seeds()[1];
        let plain = [
            base.replacen("note = \"\"", "note = 'a \"quoted\" note'", 1),
            base.replacen(
                "note = \"\"",
                "note = \"tab\\there \\u00e9 \\U0001F600 \\\"\\\\\"",
                1,
            ),
            base.replacen(
                "note = \"\"",
                "  note = \"\"  # indented, with a comment",
                1,
            ),
            base.replacen("note = \"\"", r#"note = """"it's" ""quoted"""""#, 1),
            base.replacen("note = \"\"", r#"note = """\u00e9\"""""#, 1),
            base.replacen("note = \"\"", r#"note = """""""#, 1),
            base.replacen("note = \"\"", r#"note = '''it's "quoted"''''"#, 1),
            base.replacen("value = 4800000", "value = -0", 1),
            base.replacen("value = 4800000", "value = 48e5", 1),
            base.replacen("value = 4800000", "value = 4.8E+6", 1),
            base.replacen("digest = ", "previous_paths = [\"a\", 'b', ]\ndigest = ", 1),
            base.replacen("[[claim]]\n", "[[claim]] # a claim\n", 1),
            in_first_claim(base, "changed = true\nreviewed_sentence = \"before\""),
        ];
        for text in plain {
            assert!(plain_decides(&text), "{text}");
        }
        let other = [
            base.replacen("note = \"\"", "note = \"\"\"\nmulti\"\"\"", 1),
            base.replacen("note = \"\"", r#"note = """six"""""""#, 1),
            base.replacen("note = \"\"", r#"note = """open"#, 1),
            base.replacen("note = \"\"", "note = \"\\e\"", 1),
            base.replacen("note = \"\"", "note = \"\\x41\"", 1),
            base.replacen("note = \"\"", "\"note\" = \"quoted key\"", 1),
            base.replacen("value = 4800000", "value = 4_800_000", 1),
            base.replacen("value = 4800000", "value = +4800000", 1),
            base.replacen("value = 4800000", "value = 0x10", 1),
            base.replacen("value = 4800000", "value = 01", 1),
            base.replacen("value = 4800000", "value = 1.", 1),
            base.replacen("value = 4800000", "value = 1e999", 1),
            base.replacen("[[claim]]\n", "[[ claim ]]\n", 1),
            base.replacen("[article]", "[[article]]", 1),
            in_first_claim(base, "changed = truly"),
            base.replacen("note = \"\"", "note = \"a\" \"b\"", 1),
            base.replacen("note = \"\"", "note = \"\\ud800\"", 1),
            format!("{base}\r"),
        ];
        for text in other {
            decides(&text);
            assert!(read_plain(&text).is_none(), "{text}");
        }
    }

    #[test]
    fn odd_files_are_read_quickly_only_when_parse_has_nothing_to_say() {
        let base = &seeds()[1];
        let history = "[[claim.history]]\nstatus = \"verified\"\ntext = \"x\"\nvalue = 3\nreplaced_at = \"2025-03-01T12:00:00Z\"\n";
        let conflict =
            "[[claim.conflict]]\nstatus = \"disputed\"\nnote = \"no\"\nsorce = \"kept\"\n";
        let retired = "\n[[retired]]\nid = \"aaaaaa\"\ntext = \"3 ships\"\nstatus = \"verified\"\nretired_at = \"2025-03-01T12:00:00Z\"\n";
        let decided = [
            format!("{base}{retired}"),
            format!("{base}\n{}", history.replace("status = \"verified\"\n", "")),
            format!("# {{ not a table }}\n{base}"),
            base.replacen("sentence = \"", "sentence = \"{braces} ", 1),
            in_first_claim(base, "trend = \"up\"\nattribution = \"the agency\""),
            in_first_claim(base, "changed = true\nreviewed_sentence = \"before\""),
            base.replacen("line = 1\ncolumn = 35", "line = 2.0\ncolumn = -3", 1),
            base.replacen("value = 4800000", "value = 4.8e6", 1),
            base.replacen("digest = ", "previous_paths = []\ndigest = ", 1),
        ];
        for text in decided {
            assert!(decides(&text), "{text}");
        }
        let first = base.find("\n[[claim]]\n").unwrap() + 1;
        let second = first + base[first + 1..].find("\n[[claim]]\n").unwrap() + 2;
        let claim_one = format!("{}{}", &base[..second], history);
        assert!(decides(&format!("{claim_one}\n{}", &base[second..])));
        assert!(decides(&format!(
            "{}{conflict}\n{}",
            &base[..second],
            &base[second..]
        )));
        let undecided = [
            String::new(),
            format!("{base}\n[[claim"),
            format!("{base}\n<<<<<<< ours\n"),
            base.replacen("title = ", "titel = \"x\"\ntitle = ", 1),
            in_first_claim(base, "stauts = \"verified\""),
            in_first_claim(base, "desk_checked_by = \"ann\""),
            in_first_claim(base, "history = []"),
            in_first_claim(base, "history = 3"),
            in_first_claim(base, "retired_at = \"yesterday\""),
            in_first_claim(base, "trend = \"sideways\""),
            in_first_claim(base, "unit = 3"),
            in_first_claim(base, "low = nan"),
            in_first_claim(base, "high = inf"),
            format!("claim = []\n{base}"),
            format!("oddity = 1\n{base}"),
            base.replacen("status = \"pending\"", "status = \"pendign\"", 1),
            base.replacen("status = \"pending\"", "status = 1", 1),
            base.replacen("status = \"pending\"\n", "", 1),
            base.replacen(
                "reviewed_at = \"\"",
                "reviewed_at = 2025-03-01T12:00:00Z",
                1,
            ),
            base.replacen("\nline = ", "\nline = \"3\"\n# ", 1),
            base.replacen("\n[[claim]]\n", "\n[claim]\n", 1),
            base.replacen("path = ", "# path = ", 1),
            format!("article.title = \"x\"\n{base}"),
            base.replacen("[article]", "[[article]]", 1),
            base.replacen("\nid = ", "\n# id = ", 1),
            format!("{base}{retired}{}", retired.replace("3 ships", "4 ships")),
            format!("{}{}", &base[..second], &base[first..]),
            format!("{}{conflict}{}", &base[..second], &base[second..])
                .replace("status = \"disputed\"", "status = \"maybe\""),
        ];
        for text in undecided {
            assert!(!decides(&text), "{text}");
        }
        let start = base.find("[article]").unwrap();
        let end = start + base[start..].find("\n\n").unwrap();
        let inline = format!(
            "{}article = {{ path = \"a.txt\", title = \"A\", digest = \"d\" }}{}",
            &base[..start],
            &base[end..]
        );
        assert!(!decides(&inline));
        assert!(parse(Path::new("a.toml"), &inline).0.is_some());
    }

    #[test]
    fn a_large_file_read_on_all_cores_is_read_as_parse_reads_it() {
        let mut text = seeds()[1].clone();
        for k in 0..6000 {
            let table = if k % 3 == 0 { "retired" } else { "claim" };
            text.push_str(&format!(
                "\n[[{table}]]\nid = \"{k:06x}\"\ntext = \"{k} ships\"\nvalue = {k}\nstatus = \"pending\"\n"
            ));
        }
        assert!(decides(&text));
        assert!(!decides(&text.replacen(
            "id = \"0016a8\"",
            "id = \"000001\"",
            1
        )));
        assert!(!decides(&text.replacen(
            "id = \"0016a8\"",
            "idd = \"0016a8\"",
            1
        )));
    }

    #[test]
    fn a_file_read_in_many_runs_is_read_as_parse_reads_it() {
        let base = seeds()[1].clone();
        let start = base.find("[article]").unwrap();
        let end = start + base[start..].find("\n\n").unwrap() + 1;
        let mut claims = String::new();
        for k in 0..600 {
            claims.push_str(&format!(
                "\n[[claim]]\nid = \"{k:06x}\"\ntext = \"{k} ships\"\nvalue = {k}\nstatus = \"pending\"\n"
            ));
        }
        let text = format!("{base}{claims}");
        assert!(decides(&text));
        let article_last = format!(
            "{}{}{claims}\n{}",
            &base[..start],
            &base[end..],
            &base[start..end]
        );
        assert!(decides(&article_last));
        assert!(!decides(&format!("retired = []\n{text}")));
        assert!(!decides(&format!("article.title = \"x\"\n{article_last}")));
    }

    /// Lines that make a review file odd in one way or another.
    const SNIPPETS: &[&str] = &[
        "",
        "[[claim]]",
        "[[retired]]",
        "[[claim.history]]",
        "[[claim.conflict]]",
        "[claim]",
        "[article]",
        "id = \"e0b702\"",
        "id = \"\"",
        "status = \"verified\"",
        "status = \"verifed\"",
        "value = 12",
        "value = 1.5e300",
        "value = -inf",
        "line = \"1\"",
        "changed = \"yes\"",
        "reviewed_at = \"2025-03-01T12:00:00+01:00\"",
        "reviewed_at = \"2025-13-01T12:00:00Z\"",
        "note = { a = 1 }",
        "history = []",
        "extra = [1, 2]",
        "sorce = \"x\"",
        "path = \"other.txt\"",
        "article.title = \"x\"",
        "previous_paths = [\"old.txt\"]",
        "previous_paths = [1]",
        "title = \"\"\"\nmulti\nline\"\"\"",
        "=======",
        "# comment [[claim]]",
        "x = \"unterminated",
        "note = 'literal'",
        r#"note = """"both' "kinds"""""#,
        r#"note = '''it's'''"#,
        r#"note = """a""""""#,
        "note = \"\\u00e9\\t\\\"\"",
        "note = \"\\e\"",
        "value = -0",
        "value = 01",
        "value = 2.5e-3",
        "reviewed_at = 1979-05-27",
        "previous_paths = [\"a\", 'b', ]",
        "  status = \"verified\"  # indented",
        "[[claim]] # a comment",
        "[[retired.history]]",
        "[[retired.conflict]]",
        "[[article]]",
        "history = 3",
        "changed = true",
        "changed = truly",
    ];

    proptest! {
        #[test]
        fn the_quick_read_never_disagrees_with_parse(
            seed in 0usize..5,
            edits in proptest::collection::vec((0usize..400, 0usize..SNIPPETS.len(), 0u8..3), 1..4),
        ) {
            let mut lines: Vec<String> = seeds()[seed].lines().map(str::to_string).collect();
            for (at, snippet, how) in edits {
                let at = at % (lines.len() + 1);
                let snippet = SNIPPETS[snippet].to_string();
                match how {
                    0 => lines.insert(at, snippet),
                    1 if at < lines.len() => lines[at] = snippet,
                    _ if at < lines.len() => {
                        lines.remove(at);
                    }
                    _ => lines.push(snippet),
                }
            }
            decides(&(lines.join("\n") + "\n"));
        }
    }
}
