//! What one article says that the groups need, found on any core: the names it mentions,
//! numbered in the order it first mentions them, and its claims that count something, each
//! with the names of its sentence and of its own text. Interning the names in article order
//! (see `Grouping`) makes the numbers the same whichever core read the article.

use std::borrow::Cow;
use std::collections::HashMap;

use super::story::names_in;
use super::thing::counted_thing;
use super::Article;
use crate::review::{ReviewClaim, ReviewFile};

/// What one article says.
pub struct Facts<'a> {
    pub(super) path: Cow<'a, str>,
    /// The claims `counts` point into: all of the article's, or only those that count
    /// something when the article was read for this alone.
    pub(super) claims: Cow<'a, [ReviewClaim]>,
    /// Each name the article mentions, once, at its number.
    pub(super) names: Vec<String>,
    /// Every name its title and claim sentences mention, each sentence's once.
    pub(super) mentioned: Vec<u32>,
    /// The names of its title.
    pub(super) title: Vec<u32>,
    pub(super) counts: Vec<Count>,
}

/// A claim that counts something.
pub(super) struct Count {
    /// Where the claim is in [`Facts::claims`].
    pub(super) claim: usize,
    pub(super) thing: String,
    /// The names of its sentence.
    pub(super) sentence: Vec<u32>,
    /// The names in the claim's own text.
    pub(super) counted: Vec<u32>,
}

/// The names of one article, numbered in the order first found.
#[derive(Default)]
struct ArticleNames {
    numbers: HashMap<String, u32>,
}

impl ArticleNames {
    fn number(&mut self, names: Vec<String>) -> Vec<u32> {
        names
            .into_iter()
            .map(|name| {
                let next = self.numbers.len() as u32;
                *self.numbers.entry(name).or_insert(next)
            })
            .collect()
    }

    /// The names in the order of their numbers.
    fn into_names(self) -> Vec<String> {
        let mut names = vec![String::new(); self.numbers.len()];
        for (name, k) in self.numbers {
            names[k as usize] = name;
        }
        names
    }
}

/// Sorted, without repeats.
fn distinct(mut numbers: Vec<u32>) -> Vec<u32> {
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// What `article` says, its claims borrowed.
pub fn facts<'a>(article: &Article<'a>) -> Facts<'a> {
    let mut numbered = ArticleNames::default();
    let title = distinct(numbered.number(names_in(article.title)));
    let mut mentioned = title.clone();
    // The names of each sentence, found once however many claims it holds.
    let mut sentences: HashMap<&str, Vec<u32>> = HashMap::new();
    let mut counts = Vec::new();
    for (k, claim) in article.claims.iter().enumerate() {
        let known = sentences.get(claim.sentence.as_str());
        let thing = counted_thing(claim);
        let sentence = match (known, &thing) {
            (Some(_), None) => continue,
            (Some(names), Some(_)) => names.clone(),
            (None, _) => {
                let names = distinct(numbered.number(names_in(&claim.sentence)));
                mentioned.extend(&names);
                sentences.insert(&claim.sentence, names.clone());
                names
            }
        };
        let Some(thing) = thing else {
            continue;
        };
        counts.push(Count {
            claim: k,
            thing,
            sentence,
            counted: distinct(numbered.number(names_in(&claim.text))),
        });
    }
    Facts {
        path: Cow::Borrowed(article.path),
        claims: Cow::Borrowed(article.claims),
        names: numbered.into_names(),
        mentioned,
        title,
        counts,
    }
}

impl Facts<'static> {
    /// What the article at `path` says, by its review `file`, keeping only the claims that
    /// count something: for reading many articles without holding their reviews.
    pub fn kept(path: String, file: ReviewFile) -> Self {
        let Facts {
            names,
            mentioned,
            title,
            mut counts,
            ..
        } = facts(&Article {
            path: &path,
            title: &file.title,
            claims: &file.claims,
        });
        let mut claims = Vec::with_capacity(counts.len());
        let mut wanted = counts.iter_mut().peekable();
        for (k, claim) in file.claims.into_iter().enumerate() {
            if let Some(count) = wanted.next_if(|c| c.claim == k) {
                count.claim = claims.len();
                claims.push(claim);
            }
        }
        Facts {
            path: Cow::Owned(path),
            claims: Cow::Owned(claims),
            names,
            mentioned,
            title,
            counts,
        }
    }
}
