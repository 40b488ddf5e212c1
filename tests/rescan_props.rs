//! Property test of rescanning through the library API: random sequences of article edits
//! (inserted, deleted, moved and reworded sentences, changed digits) and verdicts never lose a
//! verdict (each one is on its claim, in that claim's history, or retired), and a scan right
//! after a scan changes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use factcheck::review::edit::{set_verdict, Verdict};
use factcheck::review::Status;
use factcheck::scan::{scan_article, Scanned};
use factcheck::workspace::Workspace;
use proptest::prelude::*;
use proptest::test_runner::Config;
use toml_edit::DocumentMut;

const NOW: &str = "2025-03-01T12:00:00Z";
const ARTICLE: &str = "news/port.txt";
const REVIEW: &str = "annotations/news/port.toml";

/// Sentences with one figure (`{n}`) and one word a copy editor may fix (`{w}`).
const TEMPLATES: [&str; 6] = [
    "The northern harbour handled {n} containers during the busy autumn season, officials {w} on Monday.",
    "Inspectors counted {n} trucks waiting at the border crossing near the {w} customs house.",
    "A local survey found that {n} percent of residents {w} the new ferry line to the islands.",
    "The city council approved {n} new bus routes for the {w} eastern districts this spring.",
    "Workers repaired {n} kilometres of railway track along the coast before the {w} storms arrived.",
    "The ministry said {n} families were moved to {w} shelters after the river flooded its banks.",
];

/// Each template's word, misspelt and fixed.
const WORDS: [(&str, &str); 6] = [
    ("sayd", "said"),
    ("olde", "old"),
    ("suport", "support"),
    ("groing", "growing"),
    ("wintre", "winter"),
    ("temporery", "temporary"),
];

const VERDICTS: [Status; 4] = [
    Status::Verified,
    Status::Disputed,
    Status::Unsourced,
    Status::Dismissed,
];

#[derive(Debug, Clone, PartialEq)]
struct Sentence {
    template: usize,
    n: u32,
    fixed: bool,
}

impl Sentence {
    fn render(&self) -> String {
        let (typo, fixed) = WORDS[self.template];
        TEMPLATES[self.template]
            .replace("{n}", &self.n.to_string())
            .replace("{w}", if self.fixed { fixed } else { typo })
    }
}

type Article = Vec<Vec<Sentence>>;

fn render(article: &Article) -> String {
    let mut out = String::from("Port traffic report\n");
    for paragraph in article.iter().filter(|p| !p.is_empty()) {
        out.push('\n');
        let sentences: Vec<String> = paragraph.iter().map(Sentence::render).collect();
        out.push_str(&sentences.join(" "));
        out.push('\n');
    }
    out
}

#[derive(Debug, Clone)]
enum Op {
    Insert {
        paragraph: usize,
        at: usize,
        template: usize,
        n: u32,
    },
    Delete(usize),
    Digit {
        sentence: usize,
        place: usize,
        digit: u32,
    },
    Move {
        from: usize,
        to: usize,
    },
    FixWord(usize),
    Mark {
        claim: usize,
        verdict: usize,
    },
}

/// Figures from 11 to 999: never read as a year.
fn figure() -> impl Strategy<Value = u32> {
    11u32..1000
}

fn sentence() -> impl Strategy<Value = Sentence> {
    (0..TEMPLATES.len(), figure(), any::<bool>()).prop_map(|(template, n, fixed)| Sentence {
        template,
        n,
        fixed,
    })
}

fn article() -> impl Strategy<Value = Article> {
    prop::collection::vec(prop::collection::vec(sentence(), 1..3), 1..4)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..8usize, 0..4usize, 0..TEMPLATES.len(), figure()).prop_map(
            |(paragraph, at, template, n)| Op::Insert { paragraph, at, template, n }
        ),
        2 => (0..16usize).prop_map(Op::Delete),
        2 => (0..16usize, 0..3usize, 0..10u32)
            .prop_map(|(sentence, place, digit)| Op::Digit { sentence, place, digit }),
        1 => (0..8usize, 0..8usize).prop_map(|(from, to)| Op::Move { from, to }),
        2 => (0..16usize).prop_map(Op::FixWord),
        4 => (0..16usize, 0..VERDICTS.len()).prop_map(|(claim, verdict)| Op::Mark { claim, verdict }),
    ]
}

/// The sentence at position `k` (modulo their number), as (paragraph, index).
fn nth(article: &Article, k: usize) -> Option<(usize, usize)> {
    let all: Vec<(usize, usize)> = article
        .iter()
        .enumerate()
        .flat_map(|(p, s)| (0..s.len()).map(move |i| (p, i)))
        .collect();
    (!all.is_empty()).then(|| all[k % all.len()])
}

/// `n` with the digit at `place` (from the right) set to `digit`, still 11..=999 and changed.
fn change_digit(n: u32, place: usize, digit: u32) -> u32 {
    let digits: Vec<u32> = n
        .to_string()
        .chars()
        .map(|c| c.to_digit(10).unwrap())
        .collect();
    let mut digits = digits;
    let k = digits.len() - 1 - place % digits.len();
    let mut d = digit;
    for _ in 0..10 {
        if d != digits[k] && !(k == 0 && d == 0) {
            break;
        }
        d = (d + 1) % 10;
    }
    digits[k] = d;
    let out = digits.iter().fold(0, |acc, d| acc * 10 + d);
    if (11..1000).contains(&out) && out != n {
        out
    } else {
        n + 1
    }
}

/// Applies an article edit; returns false for a verdict, which is not an article edit.
fn edit(article: &mut Article, op: &Op) -> bool {
    match *op {
        Op::Insert {
            paragraph,
            at,
            template,
            n,
        } => {
            let p = paragraph % (article.len() + 1);
            if p == article.len() {
                article.push(Vec::new());
            }
            let at = at % (article[p].len() + 1);
            article[p].insert(
                at,
                Sentence {
                    template,
                    n,
                    fixed: false,
                },
            );
        }
        Op::Delete(k) => {
            if let Some((p, i)) = nth(article, k) {
                article[p].remove(i);
                if article[p].is_empty() {
                    article.remove(p);
                }
            }
        }
        Op::Digit {
            sentence,
            place,
            digit,
        } => {
            if let Some((p, i)) = nth(article, sentence) {
                let s = &mut article[p][i];
                s.n = change_digit(s.n, place, digit);
            }
        }
        Op::Move { from, to } => {
            if !article.is_empty() {
                let from = from % article.len();
                let moved = article.remove(from);
                let to = to % (article.len() + 1);
                article.insert(to, moved);
            }
        }
        Op::FixWord(k) => {
            if let Some((p, i)) = nth(article, k) {
                let s = &mut article[p][i];
                s.fixed = !s.fixed;
            }
        }
        Op::Mark { .. } => return false,
    }
    true
}

fn workspace(root: &Path) -> Workspace {
    Workspace::bare(root)
}

fn scan(ws: &Workspace) -> Result<Scanned, TestCaseError> {
    scan_article(ws, ARTICLE, false, NOW)
        .map_err(|e| TestCaseError::fail(format!("scan failed: {e}")))
}

/// Scans and saves the review file, then checks a second scan would change nothing.
fn scan_and_save(ws: &Workspace) -> Result<String, TestCaseError> {
    let first = scan(ws)?;
    let after = match &first.texts {
        Some((_, after)) => after.clone(),
        None => std::fs::read_to_string(&first.review_path).unwrap(),
    };
    std::fs::create_dir_all(first.review_path.parent().unwrap()).unwrap();
    std::fs::write(&first.review_path, &after).unwrap();
    let second = scan(ws)?;
    prop_assert!(
        !second.changed(),
        "a scan right after a scan changed the review file:\n--- first\n{}\n--- second\n{:?}",
        after,
        second.texts
    );
    Ok(after)
}

fn tables<'t>(table: &'t toml::Table, key: &str) -> Vec<&'t toml::Table> {
    table
        .get(key)
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_table).collect())
        .unwrap_or_default()
}

fn field<'t>(table: &'t toml::Table, key: &str) -> &'t str {
    table.get(key).and_then(toml::Value::as_str).unwrap_or("")
}

/// Every verdict given (the latest for each claim) is still on its claim, in that claim's
/// history, or on the retired claim; and ids are unique.
fn verdicts_kept(
    text: &str,
    given: &BTreeMap<String, (String, Status)>,
) -> Result<(), TestCaseError> {
    let review: toml::Table = toml::from_str(text)
        .map_err(|e| TestCaseError::fail(format!("review file does not parse: {e}\n{text}")))?;
    let all: Vec<&toml::Table> = tables(&review, "claim")
        .into_iter()
        .chain(tables(&review, "retired"))
        .collect();
    let mut ids: Vec<&str> = all.iter().map(|t| field(t, "id")).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    prop_assert_eq!(before, ids.len(), "duplicate ids in\n{}", text);
    for (id, (token, status)) in given {
        let holder = all.iter().find(|t| field(t, "id") == id);
        let Some(holder) = holder else {
            return Err(TestCaseError::fail(format!(
                "claim {id} (verdict {status} {token}) vanished from\n{text}"
            )));
        };
        let here =
            |t: &toml::Table| field(t, "note") == token && field(t, "status") == status.as_str();
        let kept = here(holder) || tables(holder, "history").into_iter().any(here);
        prop_assert!(
            kept,
            "verdict {} {} on {} lost in\n{}",
            status,
            token,
            id,
            text
        );
    }
    Ok(())
}

fn run(start: Article, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    std::fs::create_dir_all(dir.path().join("news")).unwrap();
    let article_path = dir.path().join(ARTICLE);
    let review_path = dir.path().join(REVIEW);
    let mut article = start;
    std::fs::write(&article_path, render(&article)).unwrap();
    let mut text = scan_and_save(&ws)?;
    let mut given: BTreeMap<String, (String, Status)> = BTreeMap::new();

    for (step, op) in ops.iter().enumerate() {
        if edit(&mut article, op) {
            std::fs::write(&article_path, render(&article)).unwrap();
        } else if let Op::Mark { claim, verdict } = *op {
            let review: toml::Table = toml::from_str(&text).unwrap();
            let current = tables(&review, "claim");
            if current.is_empty() {
                continue;
            }
            let id = field(current[claim % current.len()], "id").to_string();
            let token = format!("verdict-{step}");
            let status = VERDICTS[verdict];
            let mut doc: DocumentMut = text.parse().unwrap();
            let found = set_verdict(
                &mut doc,
                &id,
                &Verdict {
                    status,
                    source: Some(&token),
                    note: Some(&token),
                    reviewer: "prop",
                    now: NOW,
                },
            );
            prop_assert!(found, "set_verdict did not find {}", id);
            std::fs::write(&review_path, doc.to_string()).unwrap();
            given.insert(id, (token, status));
        }
        text = scan_and_save(&ws)?;
        verdicts_kept(&text, &given)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: 32,
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn rescans_keep_every_verdict_and_are_idempotent(
        start in article(),
        ops in prop::collection::vec(op(), 1..10),
    ) {
        run(start, ops)?;
    }
}

#[test]
fn the_generated_sentences_each_hold_one_claim() {
    for (k, template) in TEMPLATES.iter().enumerate() {
        for fixed in [false, true] {
            let s = Sentence {
                template: k,
                n: 412,
                fixed,
            };
            let text = format!("Title\n\n{}\n", s.render());
            let claims = factcheck::extract::extract(&text, factcheck::extract::Format::Plain);
            assert_eq!(claims.len(), 1, "{template}: {claims:?}");
            assert!(claims[0].text.starts_with("412"), "{claims:?}");
        }
    }
}
