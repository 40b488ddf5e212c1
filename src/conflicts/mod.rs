//! One fact, several figures: groups the claims of many articles that count the same thing in
//! the same story with the same scope, tells figures that can both be true from figures that
//! cannot, ranks the groups by how far apart their figures are, and applies the decisions
//! reviewers recorded about them.
//!
//! Each step is linear in the number of claims: stories have a bounded size (see `story`), and
//! figures are compared only within one group.

mod facts;
mod scope;
mod story;
mod thing;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

pub use facts::Facts;
pub use scope::Scope;
pub use thing::counted_thing;

use crate::digest::fnv1a;
use crate::extract::Bound;
use crate::review::decisions::DecidedClaim;
use crate::review::{Decision, ReviewClaim, Status};

/// The range of values a figure allows. A vague figure ("thousands") allows anything from
/// half its lower bound to ten times it; an approximate one ten per cent either way.
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
        Bound::Vague => {
            let low = claim.low.unwrap_or(v);
            (low * 0.5, claim.high.unwrap_or(v).max(low * 10.0))
        }
    }
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// How far apart two ranges that do not overlap are: the higher one's floor over the lower
/// one's ceiling.
fn gap(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (low, high) = if a.1 < b.0 { (a, b) } else { (b, a) };
    high.0 / low.1.max(f64::MIN_POSITIVE)
}

/// One article as the groups see it.
pub struct Article<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub claims: &'a [ReviewClaim],
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
    /// Who the article says the figure comes from.
    pub attribution: Option<String>,
    #[serde(skip)]
    names: Vec<u32>,
}

/// One distinct figure in a group, with its scope and every place it was stated.
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
    pub scope: Scope,
    pub occurrences: Vec<Occurrence>,
    #[serde(skip)]
    range: (f64, f64),
}

impl Figure {
    fn articles(&self) -> impl Iterator<Item = &str> {
        self.occurrences.iter().map(|o| o.path.as_str())
    }
}

/// Two figures of a group that cannot both be true of the same thing.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub a: usize,
    pub b: usize,
}

/// Where a group stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Some figures cannot both be true, and no reviewer has explained them.
    Open,
    /// A reviewer explained the disagreement, and no figure changed since.
    Acknowledged,
    /// Every figure can be true at once (or they are of different scopes).
    Compatible,
}

/// A reviewer's explanation of a group, as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct Acknowledgement {
    pub note: String,
    pub reviewer: String,
    pub acknowledged_at: String,
}

/// Claims of several articles about the same counted thing in one story.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Stable while the group's figures stay: the name to acknowledge it by.
    pub id: String,
    pub thing: String,
    pub state: State,
    /// Most divergent first; within a figure, in article order.
    pub figures: Vec<Figure>,
    /// Every pair of figures can be true at once.
    pub compatible: bool,
    /// Pairs of figure indexes that cannot both be true.
    pub disagreements: Vec<Disagreement>,
    /// How far apart the figures that disagree are (the higher floor over the lower ceiling);
    /// 1 when they all agree.
    #[serde(serialize_with = "crate::extract::serialize_value")]
    pub spread: f64,
    /// The reviewer's explanation, when one covers the group.
    pub acknowledgement: Option<Acknowledgement>,
    /// A reviewer explained an earlier state of the group, and a figure has since joined or
    /// changed.
    pub reopened: bool,
}

impl Group {
    /// Whether the group needs a reviewer: figures disagree and nobody has explained them.
    pub fn is_open(&self) -> bool {
        self.state == State::Open
    }

    /// Every claim of the group as (article, claim id, claim text).
    pub fn claims(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.figures.iter().flat_map(|f| {
            f.occurrences
                .iter()
                .map(|o| (o.path.as_str(), o.claim_id.as_str(), o.text.as_str()))
        })
    }
}

/// An article's claims that count something, their names interned.
struct Kept<'a> {
    path: Cow<'a, str>,
    claims: Cow<'a, [ReviewClaim]>,
    counts: Vec<Interned>,
}

/// A claim that counts something, with the interned names of the story its sentence tells.
struct Interned {
    claim: usize,
    thing: String,
    names: Vec<u32>,
}

/// A claim that counts something, with what it needs to be grouped.
struct Member<'a> {
    article: usize,
    claim: &'a ReviewClaim,
    thing: &'a str,
    names: &'a [u32],
}

/// What the articles say, taken in article order, to be grouped once all are in.
#[derive(Default)]
pub struct Grouping<'a> {
    names: story::Names,
    /// Every name each article mentions (repeats counted).
    mentions: Vec<Vec<u32>>,
    articles: Vec<Kept<'a>>,
}

impl<'a> Grouping<'a> {
    /// Takes in what the next article says, interning its names. Every claim's sentence tells
    /// the story, whether or not its figure is grouped.
    pub fn add(&mut self, facts: Facts<'a>) {
        let ids: Vec<u32> = facts.names.iter().map(|n| self.names.id(n)).collect();
        let interned = |numbers: &[u32]| {
            let mut interned: Vec<u32> = numbers.iter().map(|&k| ids[k as usize]).collect();
            interned.sort_unstable();
            interned
        };
        let title = interned(&facts.title);
        let counts = facts
            .counts
            .into_iter()
            .map(|count| {
                let mut names = interned(&count.sentence);
                // "41 Britons" and "3 million Britons" share no entity: the name counted is
                // not the story.
                let counted = interned(&count.counted);
                names.retain(|n| counted.binary_search(n).is_err());
                if names.is_empty() {
                    names = title.clone();
                }
                Interned {
                    claim: count.claim,
                    thing: count.thing,
                    names,
                }
            })
            .collect();
        self.mentions
            .push(facts.mentioned.iter().map(|&k| ids[k as usize]).collect());
        self.articles.push(Kept {
            path: facts.path,
            claims: facts.claims,
            counts,
        });
    }

    /// Groups the claims that count the same thing in the same story and keeps those whose
    /// figures differ, most divergent first, with `decisions` applied.
    pub fn groups(self, decisions: &[Decision]) -> Vec<Group> {
        let stories = story::assign(self.mentions, self.names.len());
        let articles = &self.articles;
        let members: Vec<Member<'_>> = articles
            .iter()
            .enumerate()
            .flat_map(|(k, kept)| {
                kept.counts.iter().map(move |count| Member {
                    article: k,
                    claim: &kept.claims[count.claim],
                    thing: &count.thing,
                    names: &count.names,
                })
            })
            .collect();
        let mut by_fact: BTreeMap<(usize, &str), Vec<&Member<'_>>> = BTreeMap::new();
        for m in &members {
            by_fact
                .entry((stories[m.article], m.thing))
                .or_default()
                .push(m);
        }
        let facts: Vec<Vec<&Member<'_>>> = by_fact.into_values().collect();
        let mut groups: Vec<Group> =
            crate::parallel::map_on_cores(&facts, |members| group(articles, members))
                .into_iter()
                .flatten()
                .collect();
        for g in &mut groups {
            settle(g, decisions);
        }
        groups.sort_by(|a, b| {
            b.spread
                .total_cmp(&a.spread)
                .then_with(|| a.thing.cmp(&b.thing))
                .then_with(|| a.id.cmp(&b.id))
        });
        groups
    }
}

/// Articles read on all cores at a time, before their names are interned in article order.
const ARTICLES_AT_ONCE: usize = 512;

/// Groups the claims of `articles` that count the same thing in the same story and keep
/// those whose figures differ, most divergent first, with `decisions` applied.
pub fn find(articles: &[Article<'_>], decisions: &[Decision]) -> Vec<Group> {
    let mut grouping = Grouping::default();
    for chunk in articles.chunks(ARTICLES_AT_ONCE) {
        for facts in crate::parallel::map_on_cores(chunk, facts::facts) {
            grouping.add(facts);
        }
    }
    grouping.groups(decisions)
}

/// What makes two claims one figure: value, range, bound and scope.
type FigureKey = (u64, Option<u64>, Option<u64>, Bound, Scope);

fn group(articles: &[Kept<'_>], members: &[&Member<'_>]) -> Option<Group> {
    let first = members.first()?.article;
    if members.iter().all(|m| m.article == first) {
        return None;
    }
    let mut figures: Vec<Figure> = Vec::new();
    let mut index: HashMap<FigureKey, usize> = HashMap::new();
    for m in members {
        let c = m.claim;
        let scope = scope::of_sentence(&c.sentence);
        let occurrence = Occurrence {
            path: articles[m.article].path.to_string(),
            line: c.line,
            column: c.column,
            claim_id: c.id.clone(),
            text: c.text.clone(),
            status: c.status.as_str().to_string(),
            source: c.source.clone(),
            attribution: c.attribution.clone(),
            names: m.names.to_vec(),
        };
        let key = (
            c.value.to_bits(),
            c.low.map(f64::to_bits),
            c.high.map(f64::to_bits),
            c.bound,
            scope.clone(),
        );
        match index.get(&key) {
            Some(&k) => figures[k].occurrences.push(occurrence),
            None => {
                index.insert(key, figures.len());
                figures.push(Figure {
                    value: c.value,
                    low: c.low,
                    high: c.high,
                    bound: c.bound,
                    unit: c.unit.clone(),
                    scope,
                    occurrences: vec![occurrence],
                    range: interval(c),
                });
            }
        }
    }
    if figures.len() < 2 {
        return None;
    }
    figures.sort_by(|a, b| {
        b.value
            .total_cmp(&a.value)
            .then_with(|| a.scope.cmp(&b.scope))
    });
    let mut disagreements = Vec::new();
    let mut spread = 1.0f64;
    for a in 0..figures.len() {
        for b in a + 1..figures.len() {
            if disagree(&figures[a], &figures[b]) {
                spread = spread.max(gap(figures[a].range, figures[b].range));
                disagreements.push(Disagreement { a, b });
            }
        }
    }
    let thing = members[0].thing.to_string();
    let id = group_id(&thing, &figures);
    Some(Group {
        id,
        thing,
        state: State::Compatible,
        compatible: disagreements.is_empty(),
        disagreements,
        spread,
        figures,
        acknowledgement: None,
        reopened: false,
    })
}

/// Whether two figures of one group cannot both be true: of the same scope, with ranges
/// that do not meet, stated in different articles (an article giving both knows they
/// differ) by sentences that name a common entity.
fn disagree(a: &Figure, b: &Figure) -> bool {
    if !a.scope.comparable(&b.scope) || overlap(a.range, b.range) {
        return false;
    }
    let in_a: HashSet<&str> = a.articles().collect();
    if b.articles().any(|p| in_a.contains(p)) {
        return false;
    }
    a.occurrences.iter().any(|x| {
        b.occurrences
            .iter()
            .any(|y| x.names.iter().any(|n| y.names.binary_search(n).is_ok()))
    })
}

/// The group's id: its thing as a slug and a short hash of its first claim.
fn group_id(thing: &str, figures: &[Figure]) -> String {
    let first = figures
        .iter()
        .flat_map(|f| &f.occurrences)
        .map(|o| (o.path.as_str(), o.claim_id.as_str()))
        .min()
        .unwrap_or_default();
    let mut slug = String::new();
    for c in thing.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let hash = fnv1a(&[thing.as_bytes(), first.0.as_bytes(), first.1.as_bytes()]);
    format!("{slug}-{:06x}", hash & 0xff_ffff)
}

/// Applies the first decision about the group: one that names every claim as it reads now
/// acknowledges it; one about an earlier state (by id or a shared claim) reopens it.
fn settle(g: &mut Group, decisions: &[Decision]) {
    if g.compatible {
        return;
    }
    g.state = State::Open;
    let claims: Vec<(&str, &str, &str)> = g.claims().collect();
    let about = decisions.iter().find(|d| {
        d.id == g.id
            || d.claims.iter().any(|f| {
                claims
                    .iter()
                    .any(|c| (c.0, c.1) == (&f.article[..], &f.claim[..]))
            })
    });
    let Some(d) = about else {
        return;
    };
    let covered = claims.iter().all(|c| {
        d.claims
            .iter()
            .any(|f| (&f.article[..], &f.claim[..], &f.text[..]) == *c)
    });
    if covered {
        g.state = State::Acknowledged;
    } else {
        g.reopened = true;
    }
    g.acknowledgement = Some(Acknowledgement {
        note: d.note.clone(),
        reviewer: d.reviewer.clone(),
        acknowledged_at: d.acknowledged_at.clone(),
    });
}

/// The decision that acknowledges `group` as it stands, explained by `note`.
pub fn decision_for(group: &Group, note: &str, reviewer: &str, at: &str) -> Decision {
    Decision {
        id: group.id.clone(),
        thing: group.thing.clone(),
        note: note.to_string(),
        reviewer: reviewer.to_string(),
        acknowledged_at: at.to_string(),
        claims: group
            .claims()
            .map(|(article, claim, text)| DecidedClaim {
                article: article.to_string(),
                claim: claim.to_string(),
                text: text.to_string(),
            })
            .collect(),
    }
}

/// A claim and the article it belongs to.
pub struct Sourced<'a> {
    pub path: &'a str,
    pub claim: &'a ReviewClaim,
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
