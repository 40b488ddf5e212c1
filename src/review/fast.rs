//! The quick read of a review file, for commands that only read: each top-level table (see
//! `sections`) deserialised straight into the model, without the document tree `parse`
//! builds to point at problems. It answers only for a file laid out as factcheck writes it
//! with nothing to report; a file with a syntax error, a conflict marker, an unknown or
//! misspelt key, a bad value or a duplicate id, or with an inline table (which only `parse`
//! tells apart from a table header), gets `None` and is read by `parse`, which says what is
//! wrong and where.

use std::collections::HashSet;
use std::path::Path;

use serde::de::IgnoredAny;
use serde::Deserialize;
use toml_parser::lexer::TokenKind;
use toml_parser::Source;

use super::model::{Alternative, HistoryEntry, ReviewClaim, ReviewFile, Status};
use super::parse::conflict_marker;
use super::sections::{split, Part, Section};
use crate::clock::is_rfc3339;
use crate::extract::{Bound, Kind, Trend};

/// One top-level table, or the keys before the first: which it holds tells its part.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    article: Option<RawArticle>,
    claim: Option<Vec<RawClaim>>,
    retired: Option<Vec<RawClaim>>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
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
    bound: Option<String>,
    kind: Option<String>,
    trend: Option<String>,
    attribution: Option<String>,
    status: String,
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
    history: Option<Vec<RawHistory>>,
    conflict: Option<Vec<RawConflict>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHistory {
    status: Option<String>,
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
struct RawConflict {
    status: Option<String>,
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
    if conflict_marker(text).is_some() || has_inline_table(text) {
        return None;
    }
    let sections = split(text)?;
    let (heads, bodies): (Vec<Section>, Vec<Section>) = sections
        .into_iter()
        .partition(|s| matches!(s.part, Part::Root | Part::Article));
    let mut article = None;
    for section in heads {
        let raw: RawSection = toml::from_str(&text[section.start..section.end]).ok()?;
        if raw.claim.is_some() || raw.retired.is_some() {
            return None;
        }
        let Some(found) = raw.article else {
            if section.part == Part::Article {
                return None;
            }
            continue;
        };
        if article.replace(found).is_some() {
            return None;
        }
    }
    let article = article?;
    let read = |chunk: &[Section]| -> Option<Vec<(Part, ReviewClaim)>> {
        chunk
            .iter()
            .map(|s| Some((s.part, one_claim(s, &text[s.start..s.end])?)))
            .collect()
    };
    let parsed = if bodies.len() < SECTIONS_FOR_CORES {
        vec![read(&bodies)]
    } else {
        let chunks: Vec<&[Section]> = bodies.chunks(SECTIONS_FOR_CORES / 4).collect();
        crate::parallel::map_on_cores(&chunks, |chunk| read(chunk))
    };
    let mut file = ReviewFile {
        path: path.to_path_buf(),
        article: article.path,
        title: article.title,
        digest: article.digest,
        previous_paths: article.previous_paths,
        claims: Vec::new(),
        retired: Vec::new(),
    };
    let mut ids = HashSet::new();
    for (part, claim) in parsed
        .into_iter()
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .flatten()
    {
        if !claim.id.is_empty() && !ids.insert(claim.id.clone()) {
            return None;
        }
        match part {
            Part::Retired => file.retired.push(claim),
            _ => file.claims.push(claim),
        }
    }
    Some(file)
}

/// Files with fewer claim tables than this are read on one core.
const SECTIONS_FOR_CORES: usize = 4096;

/// The one claim a `[[claim]]` or `[[retired]]` section holds.
fn one_claim(section: &Section, text: &str) -> Option<ReviewClaim> {
    let raw: RawSection = toml::from_str(text).ok()?;
    let tables = match (section.part, raw) {
        (
            Part::Claim,
            RawSection {
                article: None,
                claim: Some(tables),
                retired: None,
            },
        )
        | (
            Part::Retired,
            RawSection {
                article: None,
                claim: None,
                retired: Some(tables),
            },
        ) => tables,
        _ => return None,
    };
    let [table] = <[RawClaim; 1]>::try_from(tables).ok()?;
    claim(table)
}

/// Whether the text holds an inline table, outside strings and comments.
fn has_inline_table(text: &str) -> bool {
    text.contains('{')
        && Source::new(text)
            .lex()
            .any(|t| t.kind() == TokenKind::LeftCurlyBracket)
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

fn status(name: Option<String>) -> Option<Status> {
    name.map_or(Some(Status::Pending), |n| Status::parse(&n))
}

fn claim(raw: RawClaim) -> Option<ReviewClaim> {
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

fn history(raw: RawHistory) -> Option<HistoryEntry> {
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

fn alternative(raw: RawConflict) -> Option<Alternative> {
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

    /// Whether the quick read decided the file; when it did, it must be what `parse` reads.
    fn decides(text: &str) -> bool {
        let path = Path::new("annotations/a.toml");
        let Some(file) = read(path, text) else {
            return false;
        };
        assert_eq!(parse(path, text), (Some(file), Vec::new()), "{text}");
        true
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
            assert!(decides(&text), "{text}");
            assert!(decides(&text.replace('\n', "\r\n")));
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
        "previous_paths = [\"old.txt\"]",
        "previous_paths = [1]",
        "title = \"\"\"\nmulti\nline\"\"\"",
        "=======",
        "# comment [[claim]]",
        "x = \"unterminated",
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
