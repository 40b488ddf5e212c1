//! One fact, several figures: groups the claims of many articles that count the same thing,
//! and tells figures that can both be true from figures that cannot.
//!
//! Grouping is by the counted thing's head noun, singularised and mapped through a short list
//! of synonyms ("shells" and "rounds", "troops" and "soldiers", "trips" and "shipments"), with
//! casualty figures ("killed", "injured") kept apart from the rest. Only counts are grouped:
//! percentages, fractions, money, measures and durations name no counted thing to compare.
//! Each step is linear in the number of claims; comparisons happen between the distinct
//! figures of one group only.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::extract::{Bound, Kind};
use crate::review::{ReviewClaim, Status};

/// Generic container nouns whose "of" phrase names the counted thing ("sets of artillery").
fn generic_partitive(word: &str) -> bool {
    matches!(
        word,
        "set" | "piece" | "unit" | "type" | "kind" | "batch" | "lot" | "load" | "item" | "pair"
    )
}

/// Singular form of a plural English noun, for the common regular cases.
fn singular(word: &str) -> String {
    let w = word.to_lowercase();
    if w.ends_with("ss") || w.ends_with("us") || w == "personnel" || w.len() <= 3 {
        return w;
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["ches", "shes", "xes", "sses"] {
        if w.ends_with(suffix) {
            return w[..w.len() - 2].to_string();
        }
    }
    w.strip_suffix('s').map_or(w.clone(), str::to_string)
}

/// Words for the same counted thing, mapped to one name.
fn canonical(noun: &str) -> &str {
    match noun {
        "shell" | "round" => "round of ammunition",
        "troop" | "soldier" | "serviceman" | "servicemen" => "soldier",
        "trip" | "shipment" | "voyage" | "delivery" => "shipment",
        "container" => "container",
        other => other,
    }
}

fn is_casualty_word(word: &str) -> bool {
    matches!(
        word,
        "killed" | "injured" | "wounded" | "dead" | "died" | "casualties" | "captured" | "missing"
    )
}

/// A nationality adjective ("Korean", "russian", "Chinese"), which makes "North Korean
/// vessels" and "Russian vessels" different things.
fn is_nationality(word: &str) -> bool {
    word.len() > 4
        && (word.ends_with("an") || word.ends_with("ese") || word.ends_with("ish"))
        && !matches!(
            word,
            "human" | "veteran" | "civilian" | "guardian" | "partisan" | "artisan"
        )
        || matches!(
            word,
            "french" | "dutch" | "swiss" | "greek" | "thai" | "iraqi" | "israeli" | "saudi"
        )
}

/// The nationality in a counted noun phrase, with "north"/"south" kept ("north korean").
fn nationality(words: &[&str]) -> Option<String> {
    let k = words.iter().position(|w| is_nationality(w))?;
    let compass = k
        .checked_sub(1)
        .map(|p| words[p])
        .filter(|w| matches!(*w, "north" | "south" | "east" | "west"));
    Some(match compass {
        Some(c) => format!("{c} {}", words[k]),
        None => words[k].to_string(),
    })
}

/// The counted thing of a claim, or `None` when it has none to group by.
pub fn counted_thing(claim: &ReviewClaim) -> Option<String> {
    if claim.kind != Kind::Count || claim.status == Status::Dismissed {
        return None;
    }
    let lower = claim.unit.to_lowercase();
    let (before_of, after_of) = match lower.split_once(" of ") {
        Some((a, b)) => (a.to_string(), Some(b.to_string())),
        None => (lower.clone(), None),
    };
    let mut head = singular(before_of.split_whitespace().last()?);
    if generic_partitive(&head) {
        head = singular(after_of.as_deref()?.split_whitespace().last()?);
    }
    let words: Vec<&str> = before_of.split_whitespace().collect();
    let mut thing = match nationality(&words) {
        Some(n) => format!("{n} {}", canonical(&head)),
        None => canonical(&head).to_string(),
    };
    // "20 military personnel killed" counts casualties, not a deployment.
    let after = claim
        .sentence
        .split_once(&claim.text)
        .map_or("", |(_, rest)| rest);
    if after
        .split_whitespace()
        .take(4)
        .any(|w| is_casualty_word(w.trim_matches(|c: char| !c.is_alphanumeric())))
    {
        thing.push_str(" (casualties)");
    }
    Some(thing)
}

/// The range of values a figure allows.
fn interval(claim: &ReviewClaim) -> (f64, f64) {
    let v = claim.value;
    match claim.bound {
        Bound::Exact => match (claim.low, claim.high) {
            (Some(l), Some(h)) => (l, h),
            _ => (v, v),
        },
        Bound::Approx => (v * 0.9, v * 1.1),
        Bound::AtLeast => (v, f64::INFINITY),
        Bound::MoreThan => (v + f64::EPSILON * v.abs().max(1.0), f64::INFINITY),
        Bound::AtMost => (0.0, v),
        Bound::LessThan => (0.0, v - f64::EPSILON * v.abs().max(1.0)),
        Bound::Vague => (claim.low.unwrap_or(v), claim.high.unwrap_or(v)),
    }
}

/// Where one figure was stated, and what its reviewer decided.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub claim_id: String,
    pub text: String,
    pub status: String,
    pub source: String,
}

/// One distinct figure in a group, with every place it was stated.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    #[serde(serialize_with = "crate::extract::serialize_value")]
    pub value: f64,
    #[serde(serialize_with = "crate::extract::serialize_optional_value")]
    pub low: Option<f64>,
    #[serde(serialize_with = "crate::extract::serialize_optional_value")]
    pub high: Option<f64>,
    pub bound: Bound,
    pub unit: String,
    pub occurrences: Vec<Occurrence>,
    #[serde(skip)]
    range: (f64, f64),
}

/// Two figures of a group that cannot both be true of the same thing.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub a: usize,
    pub b: usize,
}

/// Claims of several articles about the same counted thing.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub thing: String,
    pub figures: Vec<Figure>,
    /// Every pair of figures can be true at once.
    pub compatible: bool,
    /// Pairs of figure indexes that cannot both be true.
    pub disagreements: Vec<Disagreement>,
    /// Largest over smallest lower bound: how far apart the figures are.
    #[serde(serialize_with = "crate::extract::serialize_value")]
    pub spread: f64,
}

/// A claim and the article it belongs to.
pub struct Sourced<'a> {
    pub path: &'a str,
    pub claim: &'a ReviewClaim,
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Groups claims by counted thing and keeps the groups whose figures differ, most divergent
/// first.
pub fn find(claims: &[Sourced<'_>]) -> Vec<Group> {
    let mut by_thing: BTreeMap<String, Vec<&Sourced<'_>>> = BTreeMap::new();
    for c in claims {
        if let Some(thing) = counted_thing(c.claim) {
            by_thing.entry(thing).or_default().push(c);
        }
    }
    let mut groups: Vec<Group> = by_thing
        .into_iter()
        .filter_map(|(thing, members)| group(thing, &members))
        .collect();
    groups.sort_by(|a, b| {
        b.spread
            .total_cmp(&a.spread)
            .then_with(|| a.thing.cmp(&b.thing))
    });
    groups
}

fn group(thing: String, members: &[&Sourced<'_>]) -> Option<Group> {
    let mut figures: Vec<Figure> = Vec::new();
    for m in members {
        let c = m.claim;
        let occurrence = Occurrence {
            path: m.path.to_string(),
            line: c.line,
            column: c.column,
            claim_id: c.id.clone(),
            text: c.text.clone(),
            status: c.status.as_str().to_string(),
            source: c.source.clone(),
        };
        let same = figures.iter_mut().find(|f| {
            f.value == c.value && f.low == c.low && f.high == c.high && f.bound == c.bound
        });
        match same {
            Some(f) => f.occurrences.push(occurrence),
            None => figures.push(Figure {
                value: c.value,
                low: c.low,
                high: c.high,
                bound: c.bound,
                unit: c.unit.clone(),
                occurrences: vec![occurrence],
                range: interval(c),
            }),
        }
    }
    if figures.len() < 2 {
        return None;
    }
    figures.sort_by(|a, b| b.value.total_cmp(&a.value));
    let mut disagreements = Vec::new();
    for a in 0..figures.len() {
        for b in a + 1..figures.len() {
            if !overlap(figures[a].range, figures[b].range) {
                disagreements.push(Disagreement { a, b });
            }
        }
    }
    let lows: Vec<f64> = figures
        .iter()
        .map(|f| f.range.0.max(f64::MIN_POSITIVE))
        .collect();
    let max = lows.iter().copied().fold(f64::MIN, f64::max);
    let min = lows.iter().copied().fold(f64::MAX, f64::min);
    Some(Group {
        thing,
        compatible: disagreements.is_empty(),
        disagreements,
        spread: max / min,
        figures,
    })
}

/// Every claim's counted thing, to look up the same thing in other articles.
pub struct Related<'a> {
    claims: &'a [Sourced<'a>],
    by_thing: std::collections::HashMap<String, Vec<usize>>,
}

/// What other articles say about a claim's counted thing.
pub struct Elsewhere<'a> {
    pub others: Vec<&'a Sourced<'a>>,
    /// A source already verified elsewhere for the same figure and thing.
    pub suggested_source: Option<&'a Sourced<'a>>,
}

impl<'a> Related<'a> {
    pub fn new(claims: &'a [Sourced<'a>]) -> Self {
        let mut by_thing: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (k, c) in claims.iter().enumerate() {
            if let Some(thing) = counted_thing(c.claim) {
                by_thing.entry(thing).or_default().push(k);
            }
        }
        Self { claims, by_thing }
    }

    /// The same counted thing in other articles, and a verified source for the same figure.
    pub fn elsewhere(&self, path: &str, claim: &ReviewClaim) -> Elsewhere<'a> {
        let members = counted_thing(claim)
            .and_then(|thing| self.by_thing.get(&thing))
            .map_or(&[][..], Vec::as_slice);
        let claims = self.claims;
        let others: Vec<&'a Sourced<'a>> = members
            .iter()
            .map(|k| &claims[*k])
            .filter(|o| o.path != path)
            .collect();
        let suggested_source = others.iter().copied().find(|o| {
            o.claim.status == Status::Verified
                && !o.claim.source.trim().is_empty()
                && o.claim.value == claim.value
                && o.claim.bound == claim.bound
        });
        Elsewhere {
            others,
            suggested_source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::singular;

    #[test]
    fn singularises_regular_plurals() {
        assert_eq!(singular("Soldiers"), "soldier");
        assert_eq!(singular("batches"), "batch");
        assert_eq!(singular("casualties"), "casualty");
        assert_eq!(singular("personnel"), "personnel");
    }
}
