//! How far a trend or qualifier reaches: from one figure into the next when only a joining
//! word stands between them. "fell 150 points, or 0.5%" and "more than 50 km (31 miles)"
//! carry trend and bound; a list ("rose 15%, 18% and 21%") and the new value of "rose from
//! $8 to $12" carry the trend.

use super::claim::Bound;
use super::grammar::Draft;
use super::text::prev_word;

/// How the text between two figures joins them.
#[derive(PartialEq)]
enum Join {
    /// ", or", "(": the second restates the first in other terms.
    Restated,
    /// ",", "and": the next item of a list.
    Listed,
    /// "to" after a figure that followed "from": the new value of a change.
    NewValue,
}

/// The longest stretch of text between two figures that can still join them.
const LONGEST_JOIN: usize = 24;

fn join(text: &str, first: &Draft, second: &Draft) -> Option<Join> {
    let between = text.get(first.end..second.start)?;
    if between.len() > LONGEST_JOIN || between.contains(['\n', '.', ';', ':', '!', '?']) {
        return None;
    }
    let words: Vec<&str> = between
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let from_before = || prev_word(text, first.start).is_some_and(|w| w.text == "from");
    match words.as_slice() {
        ["or"] | ["("] => Some(Join::Restated),
        [] if between.contains(',') => Some(Join::Listed),
        ["and"] => Some(Join::Listed),
        [.., "to"] if from_before() && words.len() <= 3 => Some(Join::NewValue),
        _ => None,
    }
}

/// Carries trend and bound from a claim into the next one when the text joins them.
pub fn carry(text: &str, first: &Draft, second: &mut Draft) {
    let Some(join) = join(text, first, second) else {
        return;
    };
    if second.trend.is_none() {
        second.trend = first.trend;
    }
    if join == Join::Restated && second.bound == Bound::Exact {
        second.bound = first.bound;
    }
}
