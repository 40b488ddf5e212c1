//! Accuracy on news sentences no rule was written from: value F1 and value-and-bound F1 over
//! `tests/data/news/quantities.txt` (see its README), for the part written while the rules
//! were built and the part written after. `cargo test --test extract_news_eval -- --nocapture`
//! prints the figures and every miss.

use factcheck::extract::{extract, Bound, Claim, Format, Trend};

const QUANTITIES: &str = include_str!("data/news/quantities.txt");

/// One quantity a fact-checker would flag.
#[derive(Debug)]
struct Expected {
    text: String,
    value: f64,
    range: Option<(f64, f64)>,
    bound: Bound,
    trend: Option<Trend>,
    attribution: Option<String>,
}

struct Sentence {
    part: String,
    text: String,
    format: Format,
    expected: Vec<Expected>,
}

fn number(s: &str) -> f64 {
    s.trim()
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

fn parse_expected(line: &str) -> Expected {
    let mut fields = line.split(" | ");
    let text = fields.next().unwrap().to_string();
    let value = fields.next().unwrap_or_else(|| panic!("no value: {line}"));
    let range = value
        .split_once("..")
        .map(|(low, high)| (number(low), number(high)));
    let mut expected = Expected {
        text,
        value: range.map_or_else(|| number(value), |(l, h)| (l + h) / 2.0),
        range,
        bound: Bound::Exact,
        trend: None,
        attribution: None,
    };
    let keys = fields.next().unwrap_or("");
    for pair in keys.split("; ").filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or_else(|| panic!("{pair:?}"));
        match key {
            "b" => expected.bound = Bound::parse(value).unwrap_or_else(|| panic!("{value}")),
            "t" => expected.trend = Trend::parse(value),
            "src" => expected.attribution = Some(value.to_string()),
            "u" => {}
            _ => panic!("unknown key {key:?} in {line}"),
        }
    }
    // A vague magnitude's value is its lower end ("thousands" is 2,000).
    if let (Bound::Vague, Some((low, _))) = (expected.bound, expected.range) {
        expected.value = low;
    }
    expected
}

fn sentences() -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut part = String::new();
    for line in QUANTITIES.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            part = name.trim().to_string();
        } else if let Some((format, text)) = line
            .strip_prefix("> ")
            .map(|t| (Format::Plain, t))
            .or_else(|| line.strip_prefix("md> ").map(|t| (Format::Markdown, t)))
        {
            out.push(Sentence {
                part: part.clone(),
                text: text.to_string(),
                format,
                expected: Vec::new(),
            });
        } else if let Some(quantity) = line.strip_prefix("- ") {
            let sentence = out.last_mut().expect("a quantity follows its sentence");
            assert!(
                sentence
                    .text
                    .contains(quantity.split(" | ").next().unwrap()),
                "{quantity:?} is not in {:?}",
                sentence.text
            );
            sentence.expected.push(parse_expected(quantity));
        }
    }
    out
}

fn same(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Whether the claim covers some occurrence of the expected text.
fn overlaps(sentence: &str, claim: &Claim, expected: &Expected) -> bool {
    sentence
        .match_indices(expected.text.as_str())
        .any(|(at, t)| claim.start < at + t.len() && at < claim.end)
}

fn bound_matches(claim: &Claim, expected: &Expected) -> bool {
    let range = match (claim.low, claim.high) {
        (Some(l), Some(h)) => Some((l, h)),
        _ => None,
    };
    let same_range = match (range, expected.range) {
        (Some(a), Some(b)) => same(a.0, b.0) && same(a.1, b.1),
        (None, None) => true,
        _ => false,
    };
    claim.bound == expected.bound && same_range
}

#[derive(Default)]
struct Score {
    expected: usize,
    found: usize,
    value: usize,
    value_and_bound: usize,
    trend: usize,
    attribution: usize,
    misses: Vec<String>,
}

impl Score {
    fn f1(&self, hits: usize) -> f64 {
        let precision = hits as f64 / self.found.max(1) as f64;
        let recall = hits as f64 / self.expected.max(1) as f64;
        if hits == 0 {
            0.0
        } else {
            100.0 * 2.0 * precision * recall / (precision + recall)
        }
    }

    fn add(&mut self, sentence: &Sentence) {
        let found = extract(&sentence.text, sentence.format);
        self.expected += sentence.expected.len();
        self.found += found.len();
        let mut used = vec![false; found.len()];
        for e in &sentence.expected {
            let hit = (0..found.len()).find(|&k| {
                !used[k] && overlaps(&sentence.text, &found[k], e) && same(found[k].value, e.value)
            });
            let Some(k) = hit else {
                self.misses.push(format!(
                    "missed {:?} = {} in {:?}",
                    e.text, e.value, sentence.text
                ));
                continue;
            };
            used[k] = true;
            let c = &found[k];
            self.value += 1;
            if bound_matches(c, e) {
                self.value_and_bound += 1;
            } else {
                self.misses.push(format!(
                    "bound of {:?}: {:?} {:?}–{:?}, expected {:?} {:?}",
                    e.text, c.bound, c.low, c.high, e.bound, e.range
                ));
            }
            if c.trend == e.trend {
                self.trend += 1;
            } else {
                self.misses.push(format!(
                    "trend of {:?}: {:?}, expected {:?}",
                    e.text, c.trend, e.trend
                ));
            }
            if c.attribution == e.attribution {
                self.attribution += 1;
            } else {
                self.misses.push(format!(
                    "source of {:?}: {:?}, expected {:?}",
                    e.text, c.attribution, e.attribution
                ));
            }
        }
        for (c, _) in found.iter().zip(&used).filter(|(_, u)| !**u) {
            self.misses.push(format!(
                "extra {:?} = {} in {:?}",
                c.text, c.value, sentence.text
            ));
        }
    }

    fn report(&self, part: &str) -> (f64, f64) {
        let (value, bound) = (self.f1(self.value), self.f1(self.value_and_bound));
        let share = |n: usize| 100.0 * n as f64 / self.value.max(1) as f64;
        println!(
            "{part}: {} expected, {} found; value F1 {value:.1}, value-and-bound F1 {bound:.1}; \
             of the values found, trend right {:.1}%, source right {:.1}%",
            self.expected,
            self.found,
            share(self.trend),
            share(self.attribution)
        );
        for miss in &self.misses {
            println!("  {miss}");
        }
        (value, bound)
    }
}

fn score(part: &str) -> (f64, f64) {
    let mut score = Score::default();
    for sentence in sentences().iter().filter(|s| s.part == part) {
        score.add(sentence);
    }
    assert!(score.expected > 0, "no sentences in part {part:?}");
    score.report(part)
}

#[test]
fn dev_sentences() {
    let (value, bound) = score("dev");
    assert!(
        value >= 0.0 && bound >= 0.0,
        "value F1 {value:.1}, value-and-bound F1 {bound:.1}"
    );
}

#[test]
fn held_out_sentences() {
    let (value, bound) = score("held-out");
    assert!(
        value >= 94.0 && bound >= 92.0,
        "value F1 {value:.1}, value-and-bound F1 {bound:.1}"
    );
}
