//! Reads the counted thing or measure unit after a figure: "rounds of ammunition",
//! "North Korean soldiers", "metric tons", and the phrase after "of".

use std::borrow::Cow;

use super::claim::Kind;
use super::currency::word as currency_word;
use super::lexicon::{
    counter_noun, ends_phrase, partitive, scale_word, small_number, trend_word, unit_kind,
    unit_modifier,
};
use super::number::{read_digits, read_words, DigitRead};
use super::text::{char_at, collapse, next_word, prev_word, skip_space, word_at, LowerWord, Word};

/// A counted thing or unit after a figure.
pub struct Phrase {
    pub end: usize,
    pub unit: Cow<'static, str>,
    pub kind: Kind,
    /// The head noun is a page counter ("84906 views").
    pub counter: bool,
}

/// A word with its hyphenated continuations ("long-range", "North Korean-made").
fn compound_at<'a>(text: &'a str, w: Word<'a>) -> Word<'a> {
    let mut end = w.end;
    while char_at(text, end) == Some('-') {
        match char_at(text, end + 1) {
            Some(c) if c.is_alphabetic() => match word_at(text, end + 1) {
                Some(next) if !next.has_digit() => end = next.end,
                _ => break,
            },
            _ => break,
        }
    }
    Word {
        start: w.start,
        end,
        text: &text[w.start..end],
    }
}

fn is_adverb(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("ly")
        && !matches!(
            word,
            "family" | "supply" | "rally" | "assembly" | "monopoly" | "anomaly" | "italy" | "july"
        )
}

fn is_participle(word: &str) -> bool {
    (word.len() > 3 && word.ends_with("ed")) || (word.len() > 5 && word.ends_with("ing"))
}

/// Reads the counted noun phrase (or measure unit) after `pos`; `allow_of` continues
/// "rounds of ammunition" after a partitive noun.
pub fn counted_phrase(text: &str, pos: usize, allow_of: bool) -> Option<Phrase> {
    let mut end = pos;
    let mut first = true;
    // The phrase's first and last words, and how many it has.
    let mut words: Option<(Word<'_>, Word<'_>)> = None;
    let mut count = 0;
    // "16-meter", "20-year-old": a hyphen joins figure and unit.
    let mut cursor = if char_at(text, pos) == Some('-') {
        word_at(text, pos + 1)
    } else {
        next_word(text, pos)
    };
    while let Some(w) = cursor {
        if w.has_digit() || count >= 4 {
            break;
        }
        let w = compound_at(text, w);
        let lowered = LowerWord::new(w.text);
        let long;
        let l = match &lowered {
            Some(lowered) => lowered.as_str(),
            None => {
                long = w.text.to_ascii_lowercase();
                long.as_str()
            }
        };
        let unit_word = l.split('-').next().unwrap_or(l);
        if ends_phrase(l) || small_number(unit_word).is_some() || scale_word(l).is_some() {
            break;
        }
        if first {
            // "year-old" measures as "year" does.
            if let Some(kind) = unit_kind(l).or_else(|| unit_kind(unit_word)) {
                let mut unit_end = w.end;
                if unit_modifier(l) {
                    if let Some(n) = next_word(text, w.end) {
                        unit_end = n.end;
                    }
                }
                return Some(Phrase {
                    end: unit_end,
                    unit: collapse(&text[w.start..unit_end]).into(),
                    kind,
                    counter: counter_noun(l),
                });
            }
        } else if is_participle(l) || unit_kind(l).is_some() {
            break;
        }
        // "100 rose", "15 launched": a verb after the figure, not a counted thing. A participle
        // opens a phrase only before a noun ("20 armed drones").
        let verb = trend_word(l).is_some()
            || (first
                && is_participle(l)
                && next_word(text, w.end)
                    .is_none_or(|n| n.lower().is_none_or(|nl| ends_phrase(nl.as_str()))));
        if is_adverb(l) || verb {
            break;
        }
        first = false;
        end = w.end;
        words = Some((words.map_or(w, |(first, _)| first), w));
        count += 1;
        cursor = next_word(text, w.end);
        // The phrase does not run across a line break into the next line's words.
        if cursor.is_some_and(|c| text[w.end..c.start].contains('\n')) {
            break;
        }
    }
    let (first_word, last_word) = words?;
    let start = first_word.start;
    // The phrase's head is its last word.
    let head = LowerWord::new(last_word.text);
    let head = head.as_ref().map_or("", LowerWord::as_str);
    let mut kind = Kind::Count;
    if allow_of && partitive(head) {
        if let Some(of) = next_word(text, end).filter(|w| w.text == "of") {
            if let Some(rest) = of_phrase(text, of.end) {
                end = rest.end;
                if rest.kind == Kind::Money {
                    kind = Kind::Money;
                }
            }
        }
    }
    if let Some(code) = currency_word(head) {
        return Some(Phrase {
            end,
            unit: code.into(),
            kind: Kind::Money,
            counter: counter_noun(head),
        });
    }
    let mut unit = collapse(&text[start..end]);
    if let Some(noun) = elided_noun(text, &last_word) {
        unit.push(' ');
        unit.push_str(noun);
    }
    Some(Phrase {
        end,
        unit: unit.into(),
        kind,
        counter: counter_noun(head),
    })
}

/// A nationality adjective ("Korean", "Chinese", "British", "Israeli", "French").
fn nationality_adjective(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.len() > 3
        && ["an", "ese", "ish", "i", "ch"]
            .iter()
            .any(|s| word.ends_with(s))
}

/// "7 North Korean and 2 russian vessels": a nationality adjective that ends the phrase,
/// followed by "and" and another counted phrase, borrows that phrase's head noun.
fn elided_noun<'a>(text: &'a str, last: &Word<'a>) -> Option<&'a str> {
    if !nationality_adjective(last.text) {
        return None;
    }
    let and = next_word(text, last.end).filter(|w| w.text == "and")?;
    let p = skip_space(text, and.end);
    let number = match char_at(text, p)? {
        c if c.is_ascii_digit() => match read_digits(text, p) {
            DigitRead::Number(n) => n,
            DigitRead::Skip { .. } => return None,
        },
        _ => {
            let w = next_word(text, and.end)?;
            small_number(w.lower()?.as_str())?;
            read_words(text, w)?
        }
    };
    let other = counted_phrase(text, number.end, false)?;
    if other.kind != Kind::Count {
        return None;
    }
    prev_word(text, other.end).map(|w| w.text)
}

/// The phrase after "of", skipping one determiner: "of the invading Russian forces".
pub fn of_phrase(text: &str, pos: usize) -> Option<Phrase> {
    let mut p = pos;
    if let Some(det) = next_word(text, p) {
        let l = det.text.to_ascii_lowercase();
        if matches!(
            l.as_str(),
            "the" | "all" | "its" | "their" | "these" | "those" | "his" | "her" | "our"
        ) {
            p = det.end;
            if let Some(the) = next_word(text, p).filter(|w| w.text == "the") {
                p = the.end;
            }
        }
    }
    let w = next_word(text, p)?;
    if let Some(code) = w.lower().and_then(|l| currency_word(l.as_str())) {
        return Some(Phrase {
            end: w.end,
            unit: code.into(),
            kind: Kind::Money,
            counter: false,
        });
    }
    counted_phrase(text, p, true)
}
