//! Claims without an exact figure: vague magnitudes ("dozens of missiles", "several
//! hundred") and halves ("half of all shells", "more than half").

use std::borrow::Cow;

use super::claim::{Bound, Kind};
use super::grammar::{build, Draft, Drafts};
use super::head::head_before;
use super::lexicon::{scale_word, small_number, vague_magnitude};
use super::number::{Form, Number};
use super::phrase::of_phrase;
use super::text::{char_at, char_before, next_word, prev_word, skip_space_back, Word};
use super::value::{int, Decimal};

/// "dozens of missiles", "tens of thousands of troops", "Thousands of Soldiers".
pub fn vague(text: &str, word: Word<'_>, unit: Decimal, out: &mut Drafts<'_>) -> Option<usize> {
    let mut magnitude = unit;
    let mut end = word.end;
    let lw = word.text.to_ascii_lowercase();
    // "scores of people", but "Arsenal scores again".
    if lw == "scores" && next_word(text, end).is_none_or(|w| w.text != "of") {
        return None;
    }
    // "tens of thousands", "hundreds of millions".
    if let Some(of) = next_word(text, end).filter(|w| w.text == "of") {
        if let Some(next) = next_word(text, of.end) {
            if let Some(inner) = next.lower().and_then(|l| vague_magnitude(l.as_str())) {
                if inner > unit || lw == "tens" {
                    magnitude = inner * if lw == "tens" { int(10) } else { unit };
                    end = next.end;
                }
            }
        }
    }
    // A number before it makes it a scale, not a vague magnitude ("3 dozens").
    if prev_word(text, word.start).is_some_and(|w| {
        w.lower()
            .is_some_and(|l| small_number(l.as_str()).is_some())
    }) || char_before(text, skip_space_back(text, word.start))
        .is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    vague_claim(text, word.start, end, magnitude, 2, 10, out)
}

/// "several hundred", "a few thousand".
pub fn vague_several(text: &str, word: Word<'_>, lw: &str, out: &mut Drafts<'_>) -> Option<usize> {
    let start = if lw == "few" {
        let article = prev_word(text, word.start).filter(|w| w.text.eq_ignore_ascii_case("a"))?;
        article.start
    } else {
        word.start
    };
    let scale_w = next_word(text, word.end)?;
    let scale = scale_word(&scale_w.text.to_ascii_lowercase()).filter(|s| *s >= int(100))?;
    let low = if lw == "few" { 2 } else { 3 };
    vague_claim(text, start, scale_w.end, scale, low, 9, out)
}

fn vague_claim(
    text: &str,
    start: usize,
    end: usize,
    magnitude: Decimal,
    low: i64,
    high: i64,
    out: &mut Drafts<'_>,
) -> Option<usize> {
    let (end, unit, kind) = match next_word(text, end).filter(|w| w.text == "of") {
        Some(of) => match of_phrase(text, of.end) {
            Some(p) => (p.end, p.unit, p.kind),
            None => (end, Cow::Borrowed(""), Kind::Count),
        },
        None => (end, Cow::Borrowed(""), Kind::Count),
    };
    out.push(Draft {
        start,
        end,
        value: int(low) * magnitude,
        low: Some(int(low) * magnitude),
        high: Some(int(high) * magnitude),
        unit,
        kind,
        bound: Bound::Vague,
        trend: None,
    });
    Some(end)
}

/// "half of all Russian artillery shells", "more than half", "half a million".
pub fn half(text: &str, word: Word<'_>, out: &mut Drafts<'_>) -> Option<usize> {
    let head = head_before(text, word.start);
    let next = next_word(text, word.end);
    let next_lower = next.and_then(|w| w.lower()).map(|l| l.as_str().to_string());
    if char_at(text, word.end) == Some('-') {
        return None;
    }
    // "half a million", "half a dozen", "half million".
    let article_scale = match next_lower.as_deref() {
        Some("a") => next
            .and_then(|a| next_word(text, a.end))
            .and_then(|s| Some((s, scale_word(&s.text.to_ascii_lowercase())?))),
        Some(l) => next.and_then(|s| Some((s, scale_word(l)?))),
        None => None,
    };
    if let Some((scale_w, scale)) = article_scale {
        let number = Number {
            start: word.start,
            end: scale_w.end,
            value: scale / int(2),
            form: Form::Words,
            glued_unit: None,
            int_digits: 0,
        };
        return Some(build(text, number, out));
    }
    let before_a = prev_word(text, word.start).is_some_and(|w| w.text.eq_ignore_ascii_case("a"));
    let opens = matches!(
        next_lower.as_deref(),
        Some("of" | "the" | "all" | "its" | "their")
    );
    if before_a || !(opens || head.bound != Bound::Exact) {
        return None;
    }
    let (end, unit) = match next.filter(|w| w.text == "of" || w.text == "the") {
        Some(w) => {
            let from = if w.text == "the" { w.start } else { w.end };
            match of_phrase(text, from) {
                Some(p) => (p.end, p.unit),
                None => (word.end, Cow::Borrowed("")),
            }
        }
        None => (word.end, Cow::Borrowed("")),
    };
    out.push(Draft {
        start: head.start.min(word.start),
        end,
        value: Decimal::new(5, 1),
        low: None,
        high: None,
        unit,
        kind: Kind::Fraction,
        bound: head.bound,
        trend: head.trend,
    });
    Some(end)
}
