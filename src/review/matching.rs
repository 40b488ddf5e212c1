//! Pairs the claims a review file records with the claims found in the article now, by
//! content rather than position, so that verdicts follow their figures when text moves.
//!
//! Three passes, strictest first: the same figure in the same sentence; the same figure in a
//! similar sentence (a word fixed nearby); a different figure in a nearly identical sentence
//! (the number was edited). Whatever is left is new or gone.
//!
//! The second and third passes compare sentences word by word. When an article is large and
//! much of it changed, comparing every open claim with every other would take hours, so past
//! a budget of comparisons each claim is compared only with the old claims most likely to be
//! it: the nearest in the article with the same figure, or with the rarest words of its
//! sentence, nearest first.

use std::collections::{HashMap, VecDeque};

use similar::TextDiff;

/// What a matched claim has in common with its earlier record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Same figure, same sentence (it may have moved).
    None,
    /// Same figure; its sentence was edited.
    Sentence,
    /// The figure's wording changed but not its number or bound ("10,000" → "10000").
    Wording,
    /// The number or its bound changed.
    Figure,
}

/// The parts of a claim that matching compares.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    pub text: &'a str,
    pub sentence: &'a str,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub bound: &'a str,
    /// Where the claim stands (its line), to prefer near candidates in a large article.
    pub line: usize,
}

impl Key<'_> {
    fn same_figure(&self, other: &Key<'_>) -> bool {
        self.value == other.value
            && self.low == other.low
            && self.high == other.high
            && self.bound == other.bound
    }

    /// The sentence with the figure taken out: what stays when only the number is edited.
    fn context(&self) -> String {
        self.sentence.replacen(self.text, " ", 1)
    }
}

const SIMILAR_SENTENCE: f32 = 0.5;
const SIMILAR_CONTEXT: f32 = 0.75;

/// Comparisons a pass makes at most between every open new and every open old claim; past
/// it, each new claim is compared with at most [`NEAREST`] candidates.
const EXHAUSTIVE: usize = 1 << 18;
const NEAREST: usize = 48;
/// How many of a sentence's rarest words find its candidates in the third pass.
const RARE_WORDS: usize = 4;

/// The `NEAREST` candidates closest to `line`, when there are more, in their order.
fn nearest(mut candidates: Vec<usize>, old: &[Key<'_>], line: usize) -> Vec<usize> {
    if candidates.len() > NEAREST {
        candidates.select_nth_unstable_by_key(NEAREST, |i| (old[*i].line.abs_diff(line), *i));
        candidates.truncate(NEAREST);
        candidates.sort_unstable();
    }
    candidates
}

fn similarity(a: &str, b: &str) -> f32 {
    TextDiff::from_words(a, b).ratio()
}

/// For each new claim, the old claim it continues and how it changed. Old claims named by no
/// pair are gone from the article.
pub fn match_claims(old: &[Key<'_>], new: &[Key<'_>]) -> Vec<Option<(usize, Change)>> {
    let mut pairs: Vec<Option<(usize, Change)>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];

    // Pass 1: identical figure text and sentence, in order of appearance.
    let mut exact: HashMap<(&str, &str), VecDeque<usize>> = HashMap::new();
    for (i, o) in old.iter().enumerate() {
        exact.entry((o.text, o.sentence)).or_default().push_back(i);
    }
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = exact
            .get_mut(&(n.text, n.sentence))
            .and_then(VecDeque::pop_front)
        {
            pairs[j] = Some((i, Change::None));
            taken[i] = true;
        }
    }

    // Pass 2: the same figure text in a similar sentence.
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, o) in old.iter().enumerate().filter(|(i, _)| !taken[*i]) {
        by_text.entry(o.text).or_default().push(i);
    }
    let open_new = pairs.iter().filter(|p| p.is_none()).count();
    let open_old = taken.iter().filter(|t| !**t).count();
    let bounded = open_new.saturating_mul(open_old) > EXHAUSTIVE;
    for (j, n) in new.iter().enumerate() {
        if pairs[j].is_some() {
            continue;
        }
        let Some(candidates) = by_text.get(n.text) else {
            continue;
        };
        let open: Vec<usize> = candidates.iter().copied().filter(|i| !taken[*i]).collect();
        let candidates = if bounded {
            nearest(open, old, n.line)
        } else {
            open
        };
        let best = candidates
            .iter()
            .map(|i| (*i, similarity(old[*i].sentence, n.sentence)))
            .filter(|(_, s)| *s >= SIMILAR_SENTENCE)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = best {
            pairs[j] = Some((i, Change::Sentence));
            taken[i] = true;
        }
    }

    // Pass 3: a different figure in what is otherwise the same sentence.
    let open_old: Vec<usize> = (0..old.len()).filter(|i| !taken[*i]).collect();
    if !open_old.is_empty() {
        let contexts: HashMap<usize, String> =
            open_old.iter().map(|i| (*i, old[*i].context())).collect();
        let open_new = pairs.iter().filter(|p| p.is_none()).count();
        let index = (open_new.saturating_mul(open_old.len()) > EXHAUSTIVE)
            .then(|| WordIndex::new(&open_old, &contexts));
        for (j, n) in new.iter().enumerate() {
            if pairs[j].is_some() {
                continue;
            }
            let context = n.context();
            let candidates = match &index {
                Some(index) => nearest(index.sharing_rare_words(&context), old, n.line),
                None => open_old.clone(),
            };
            let best = candidates
                .iter()
                .filter(|i| !taken[**i])
                .map(|i| (*i, similarity(&contexts[i], &context)))
                .filter(|(_, s)| *s >= SIMILAR_CONTEXT)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((i, _)) = best {
                let change = if old[i].same_figure(n) {
                    Change::Wording
                } else {
                    Change::Figure
                };
                pairs[j] = Some((i, change));
                taken[i] = true;
            }
        }
    }

    pairs
}

/// The old claims each word of their sentences' contexts occurs in.
struct WordIndex<'a> {
    claims_with: HashMap<&'a str, Vec<usize>>,
}

impl<'a> WordIndex<'a> {
    fn new(open: &[usize], contexts: &'a HashMap<usize, String>) -> Self {
        let mut claims_with: HashMap<&str, Vec<usize>> = HashMap::new();
        for i in open {
            let mut words: Vec<&str> = contexts[i].split_whitespace().collect();
            words.sort_unstable();
            words.dedup();
            for word in words {
                claims_with.entry(word).or_default().push(*i);
            }
        }
        WordIndex { claims_with }
    }

    /// The old claims that share one of the rarest words of `context`.
    fn sharing_rare_words(&self, context: &str) -> Vec<usize> {
        let mut postings: Vec<&Vec<usize>> = context
            .split_whitespace()
            .filter_map(|w| self.claims_with.get(w))
            .collect();
        postings.sort_by_key(|p| p.len());
        let mut found: Vec<usize> = postings
            .into_iter()
            .take(RARE_WORDS)
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Whether two versions of a sentence say the same apart from the figures each holds: the
/// words around the claims are unchanged, so editing one figure ("76%" to "78%") leaves the
/// other claims of the sentence as they were reviewed.
pub fn same_but_figures(old: &str, old_figures: &[&str], new: &str, new_figures: &[&str]) -> bool {
    fn masked(sentence: &str, figures: &[&str]) -> String {
        let mut figures: Vec<&str> = figures.iter().copied().filter(|f| !f.is_empty()).collect();
        figures.sort_by_key(|f| std::cmp::Reverse(f.len()));
        let mut text = sentence.to_string();
        for figure in figures {
            text = text.replace(figure, "\u{0}");
        }
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
    old == new || masked(old, old_figures) == masked(new, new_figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(text: &'a str, sentence: &'a str, value: f64) -> Key<'a> {
        Key {
            text,
            sentence,
            value,
            low: None,
            high: None,
            bound: "exact",
            line: 1,
        }
    }

    #[test]
    fn follows_a_moved_claim_and_spots_an_edited_figure() {
        let old = [
            key("64 shipments", "They tracked 64 shipments.", 64.0),
            key(
                "16,000 containers",
                "Nearly 16,000 containers went.",
                16000.0,
            ),
        ];
        let new = [
            key(
                "18,000 containers",
                "Nearly 18,000 containers went.",
                18000.0,
            ),
            key("64 shipments", "They tracked 64 shipments.", 64.0),
        ];
        let m = match_claims(&old, &new);
        assert_eq!(m, vec![Some((1, Change::Figure)), Some((0, Change::None))]);
    }

    #[test]
    fn a_large_article_with_every_figure_edited_keeps_every_claim() {
        let n = 800;
        let sentences: Vec<(String, String, String, String)> = (0..n)
            .map(|k| {
                (
                    format!("{} crates", 1000 + k),
                    format!(
                        "Inspectors at depot {k} counted {} crates on day {k}.",
                        1000 + k
                    ),
                    format!("{} crates", 5000 + k),
                    format!(
                        "Inspectors at depot {k} counted {} crates on day {k}.",
                        5000 + k
                    ),
                )
            })
            .collect();
        let at = |k: usize, text: &'static str, sentence: &'static str| Key {
            line: k + 1,
            ..key(text, sentence, k as f64)
        };
        let leak = |s: &String| -> &'static str { Box::leak(s.clone().into_boxed_str()) };
        let old: Vec<Key<'_>> = (0..n)
            .map(|k| at(k, leak(&sentences[k].0), leak(&sentences[k].1)))
            .collect();
        let new: Vec<Key<'_>> = (0..n)
            .map(|k| at(k, leak(&sentences[k].2), leak(&sentences[k].3)))
            .collect();
        let pairs = match_claims(&old, &new);
        for (j, pair) in pairs.iter().enumerate() {
            assert_eq!(*pair, Some((j, Change::Wording)), "claim {j}");
        }
    }

    #[test]
    fn a_reworded_sentence_keeps_the_claim() {
        let old = [key(
            "20 months",
            "It took 20 months to build the port.",
            20.0,
        )];
        let new = [key(
            "20 months",
            "It took 20 months to build the new port.",
            20.0,
        )];
        assert_eq!(match_claims(&old, &new), vec![Some((0, Change::Sentence))]);
    }

    #[test]
    fn another_figure_edited_is_not_a_reworded_sentence() {
        let old = "Turnout was 76% and the £600m scheme cost $1.13bn.";
        let new = "Turnout was 78% and the £600m scheme cost $1.13bn.";
        let figures_before = ["76%", "£600m", "$1.13bn"];
        let figures_now = ["78%", "£600m", "$1.13bn"];
        assert!(same_but_figures(old, &figures_before, new, &figures_now));
        let reworded = "Turnout was 78% and the £600m plan cost $1.13bn.";
        assert!(!same_but_figures(
            old,
            &figures_before,
            reworded,
            &figures_now
        ));
    }

    #[test]
    fn an_unrelated_claim_is_new() {
        let old = [key(
            "20 months",
            "It took 20 months to build the port.",
            20.0,
        )];
        let new = [key(
            "3 ships",
            "Three ships sailed on Monday with 3 ships.",
            3.0,
        )];
        let m = match_claims(&old, &new);
        assert_eq!(m, vec![None]);
    }
}
