//! Reads what stands before a figure: the qualifier ("more than"), the currency symbol, the
//! trend verb ("rose"), a "percent of" written ahead, and the word that tells a date or a name.

use super::claim::{Bound, Kind, Trend};
use super::lexicon::{is_month, qualifier, small_number, trend_word};
use super::tail::Tail;
use super::text::{next_word, prev_word, words_before, Word};

/// What stands before the figure.
pub struct Head {
    pub start: usize,
    pub bound: Bound,
    pub trend: Option<Trend>,
    pub currency: Option<&'static str>,
    /// The word before the figure, once qualifier and currency are set aside.
    pub before: Option<String>,
    /// The word before has a capital letter: a name ("Section", "iPhone").
    pub before_capitalised: bool,
    pub before_is_month: bool,
}

/// Reads qualifier, currency and trend before the figure starting at `start`.
pub fn head_before(text: &str, start: usize) -> Head {
    let mut head = Head {
        start,
        bound: Bound::Exact,
        trend: None,
        currency: None,
        before: None,
        before_capitalised: false,
        before_is_month: false,
    };
    let mut pos = start;
    if let Some((at, code)) = super::currency::before(text, start) {
        head.currency = Some(code);
        pos = at;
    }
    head.start = pos;
    let before = words_before(text, pos, 4);
    let lowered: Vec<&str> = before.iter().map(|(_, l)| l.as_str()).collect();
    let mut used = 0;
    if let Some((bound, n)) = qualifier(&lowered) {
        // "over 20 months" after a noun reads as "during"; handled by the caller via the unit.
        head.bound = bound;
        head.start = before[n - 1].0.start;
        used = n;
    }
    let rest = &before[used..];
    if let Some((w, l)) = rest.first() {
        head.before = Some(l.as_str().to_string());
        head.before_capitalised = w.text.chars().any(char::is_uppercase);
        head.before_is_month = month_word(w);
        head.trend = trend_of(rest.iter().map(|(_, l)| l.as_str()).collect());
    }
    head
}

/// "rose 60%", "fell by 2 points", "an increase of 5%", "rose to 5%".
fn trend_of(words: Vec<&str>) -> Option<Trend> {
    match words.as_slice() {
        ["by" | "of" | "to", verb, ..] | [verb, ..] => trend_word(verb),
        [] => None,
    }
}

/// "64 shipments over 20 months": "over" before a duration means "during", unless it
/// follows "for" ("for over 20 years").
pub fn temporal_over(text: &str, mut head: Head, tail: &Tail, number_start: usize) -> Head {
    let word = &text[head.start..number_start];
    let temporal_word =
        word.trim().eq_ignore_ascii_case("over") || word.trim().eq_ignore_ascii_case("under");
    if temporal_word && tail.kind == Kind::Duration {
        let after_for =
            prev_word(text, head.start).is_some_and(|w| w.text.eq_ignore_ascii_case("for"));
        if !after_for {
            head.bound = Bound::Exact;
            head.start = number_start;
        }
    }
    head
}

/// "percent of 10", "per cent of twenty-two": a percentage written before its figure, when no
/// figure stands before "percent" itself. Returns where "percent" starts.
pub fn percent_before(text: &str, start: usize) -> Option<usize> {
    let of = prev_word(text, start).filter(|w| w.text == "of")?;
    let word = prev_word(text, of.start)?;
    let percent_start = match word.lower()?.as_str() {
        "percent" | "percents" => word.start,
        "cent" => {
            prev_word(text, word.start)
                .filter(|w| w.text.eq_ignore_ascii_case("per"))?
                .start
        }
        _ => return None,
    };
    let figure_before = prev_word(text, percent_start).is_some_and(|w| {
        w.has_digit()
            || w.lower()
                .is_some_and(|l| small_number(l.as_str()).is_some())
    });
    (!figure_before).then_some(percent_start)
}

/// A month name, also when scraping glued it to the word before ("russiaMay").
pub fn month_word(word: &Word<'_>) -> bool {
    if is_month(word.text) {
        return true;
    }
    let bytes = word.text.as_bytes();
    (1..bytes.len()).any(|k| {
        bytes[k - 1].is_ascii_lowercase()
            && bytes[k].is_ascii_uppercase()
            && is_month(&word.text[k..])
    })
}

pub fn next_is_month(text: &str, end: usize) -> bool {
    next_word(text, end).is_some_and(|w| month_word(&w))
}
