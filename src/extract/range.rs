//! Ranges: two figures joined by a dash ("3-5", "2000 - 2500 kcal"), "to", "or" ("two or
//! three ships"), or "and" after "between", with a unit, currency or scale written at either
//! end or at both ("3% to 4%", "between $40 and $45", "from $8 to $12 billion").

use super::claim::Kind;
use super::currency;
use super::lexicon::{small_number, trend_word};
use super::number::{minus_sign, read_signed, read_words, scale_after, DigitRead, Form, Number};
use super::tail::{tail_after, Tail};
use super::text::{char_at, next_word, prev_word, skip_space, word_at, Word};
use super::value::Decimal;

/// The second number of a range, and what the first may share with it.
#[derive(Clone, Copy)]
pub struct Range {
    /// Where "between" or "from" starts, when one opens the range.
    pub opener: Option<usize>,
    pub second: Number,
    /// A scale written after the second number only ("3 to 5 million", "3-4bn").
    pub shared_scale: Option<Decimal>,
    /// The ends are joined by a dash, not a word.
    pub hyphen: bool,
    /// The dash is set apart by spaces ("2000 - 2500 kcal"): a range only when the second end
    /// names the unit and the ends rise.
    pub spaced: bool,
    /// "rose from 8 to 12": a change verb before "from" makes the ends an old and a new value.
    pub change: bool,
}

/// The second number of a range right after the first: "3-5", "3 to 5", "between 3 and 5",
/// "2 or 3", "from $8 to $12 billion".
pub fn after(text: &str, first: &Number) -> Option<Range> {
    let mut p = first.end;
    // "8- to 16-meter": a dangling hyphen.
    if char_at(text, p) == Some('-') && text[p + 1..].starts_with(' ') {
        p += 1;
    }
    let q = skip_space(text, p);
    let hyphen = matches!(char_at(text, q), Some('-' | '–'));
    let mut spaced = false;
    let mut either = false;
    // The word before the first end, once it has been read.
    let mut opener = None;
    let connector_end = match char_at(text, q) {
        // "3-5", "2010–15"; a dash set apart by spaces is punctuation unless the second end
        // names the unit ("£50bn - 14% more" is two claims).
        Some(dash @ ('-' | '–')) => {
            let after = q + dash.len_utf8();
            let space_after = char_at(text, after).is_some_and(char::is_whitespace);
            if q != p || space_after {
                if !(q != p && space_after) {
                    return None;
                }
                spaced = true;
            }
            after
        }
        _ => {
            let w = next_word(text, p)?;
            let lw = w.lower()?;
            match lw.as_str() {
                "to" => w.end,
                "and" => {
                    let before = opener_before(text, first);
                    if !before.is_some_and(|o| o.text.eq_ignore_ascii_case("between")) {
                        return None;
                    }
                    opener = Some(before);
                    w.end
                }
                "or" => {
                    either = true;
                    w.end
                }
                _ => return None,
            }
        }
    };
    let mut s = skip_space(text, connector_end);
    // "between $40 and $45": the currency written again.
    if let Some(symbol) = currency::symbol_at(text, s) {
        // "in 2019 to $3.5bn": a currency at the second end only is no range.
        currency::before(text, first.start)?;
        s = skip_space(text, s + symbol.len_utf8());
    }
    let mut second = match char_at(text, s)? {
        c if c.is_ascii_digit() || minus_sign(text, s).is_some() => match read_signed(text, s) {
            DigitRead::Number(n) => n,
            DigitRead::Skip { .. } => return None,
        },
        // "three-nought-four" is a sequence of digits read out, not a range.
        c if c.is_alphabetic() && !(hyphen && first.form == Form::Words) => {
            let w = word_at(text, s)?;
            let lw = w.lower()?;
            small_number(lw.as_str())?;
            read_words(text, w)?
        }
        _ => return None,
    };
    if first.form == Form::Fraction || second.form == Form::Fraction {
        return None;
    }
    // "two or three", "5 or 6": alternatives read as a range only when they rise and are
    // written alike.
    let alike = (first.form == Form::Words) == (second.form == Form::Words);
    if either && !(alike && second.value > first.value) {
        return None;
    }
    let glued = glued_scale_of(text, &second);
    let spelled = scale_after(text, &second);
    if let Some((scale, end)) = spelled {
        second.value = second.value.checked_mul(scale)?;
        second.end = end;
    }
    let opener = opener.unwrap_or_else(|| opener_before(text, first));
    let opener_word = opener.and_then(|w| w.lower());
    let opener_word = opener_word.as_ref().map(|l| l.as_str());
    let opens = matches!(opener_word, Some("between" | "from"));
    let change = opener_word == Some("from")
        && opener
            .and_then(|w| prev_word(text, w.start))
            .and_then(|w| w.lower())
            .is_some_and(|l| trend_word(l.as_str()).is_some());
    Some(Range {
        opener: opens.then(|| opener.map(|w| w.start)).flatten(),
        second,
        shared_scale: spelled.map(|(s, _)| s).or(glued),
        hyphen,
        spaced,
        change,
    })
}

/// The word before the first end and its currency: "between" or "from" when one opens the
/// range. It is read only once a connector follows the first end.
fn opener_before<'a>(text: &'a str, first: &Number) -> Option<Word<'a>> {
    let lead = currency::before(text, first.start).map_or(first.start, |(at, _)| at);
    prev_word(text, lead)
}

/// "44 mg to 50 mg", "3% to 4%", "between $40 and $45": a range whose ends both carry the
/// same unit or currency. Returns the range and the second end's unit.
pub fn with_units(text: &str, first: &Number, tail: &Tail) -> Option<(Range, Tail)> {
    if tail.unit.is_empty() || tail.kind == Kind::Count {
        return None;
    }
    let with_unit = Number {
        end: tail.end,
        ..*first
    };
    let range = after(text, &with_unit).filter(|r| !r.change)?;
    let currency = (tail.kind == Kind::Money && repeated_symbol(text, &range))
        .then(|| currency::code(&tail.unit))
        .flatten();
    let second_tail = tail_after(text, &range.second, currency);
    (second_tail.unit == tail.unit).then_some((range, second_tail))
}

/// Whether a currency symbol stands right before the second end ("$40 and $45").
fn repeated_symbol(text: &str, range: &Range) -> bool {
    let before = super::text::skip_space_back(text, range.second.start);
    super::text::char_before(text, before).is_some_and(currency::is_symbol)
}

/// Whether a spaced-dash range holds: the ends rise and the second names a unit.
pub fn spaced_dash_holds(text: &str, first: &Number, range: &Range) -> bool {
    let unit = tail_after(text, &range.second, None);
    first.value < range.second.value && !unit.unit.is_empty() && unit.kind != Kind::Count
}

/// The multiplier of a scale glued to a number's digits ("4bn" → 1e9).
fn glued_scale_of(text: &str, number: &Number) -> Option<Decimal> {
    let written = &text[number.start..number.end];
    let letters = written.len() - written.trim_end_matches(char::is_alphabetic).len();
    super::lexicon::glued_scale(&written[written.len() - letters..])
}
