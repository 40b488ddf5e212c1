//! Reads what stands after a figure: a percent sign, a currency word, a degree sign, a
//! measure unit or the counted thing, and says what kind of quantity they make.

use std::borrow::Cow;

use super::claim::Kind;
use super::currency::word as currency_word;
use super::lexicon::unit_kind;
use super::number::{letters_end, Form, Number};
use super::phrase::{counted_phrase, of_phrase};
use super::text::{char_at, next_word, skip_space};

/// What stands after the figure: the unit and the kind of quantity it makes.
pub struct Tail {
    pub end: usize,
    pub unit: Cow<'static, str>,
    pub kind: Kind,
    /// The counted thing is a page counter ("views").
    pub counter: bool,
    /// A scale word followed the digits ("million").
    pub scaled: bool,
}

/// Reads what follows the figure: percent, currency, measure unit or counted thing.
pub fn tail_after(text: &str, last: &Number, currency: Option<&'static str>) -> Tail {
    let mut tail = Tail {
        end: last.end,
        unit: Cow::Borrowed(""),
        kind: Kind::Count,
        counter: false,
        scaled: false,
    };
    if let Some((s, e)) = last.glued_unit {
        // "120p" is money; "29km" a measure.
        let glued = &text[s..e];
        match currency_word(glued).filter(|_| glued == "p") {
            Some(code) => {
                tail.unit = code.into();
                tail.kind = Kind::Money;
            }
            // "a 20pc discount".
            None if glued == "pc" => {
                tail.unit = "%".into();
                tail.kind = Kind::Percent;
            }
            None => {
                tail.unit = glued.to_string().into();
                tail.kind = unit_kind(&glued.to_ascii_lowercase()).unwrap_or(Kind::Measure);
            }
        }
        return tail;
    }
    // "70%", "70 %".
    let p = skip_space(text, last.end);
    if char_at(text, p) == Some('%') && !text[last.end..p].contains('\n') {
        tail.end = p + 1;
        tail.unit = "%".into();
        tail.kind = Kind::Percent;
        return tail;
    }
    // "-18 °C": a degree sign set apart from the figure.
    if char_at(text, p) == Some('°') && !text[last.end..p].contains('\n') {
        let end = letters_end(text, p);
        let unit = &text[p..end];
        if let Some(kind) = unit_kind(&unit.to_lowercase()) {
            tail.end = end;
            tail.unit = unit.to_string().into();
            tail.kind = kind;
            return tail;
        }
    }
    if let Some(code) = currency {
        tail.unit = code.into();
        tail.kind = Kind::Money;
        // "$3.2bn worth" stops here; "US$16 million dollars" would be unusual.
        return tail;
    }
    // "a 10-year-old boy", "a 16-meter telescope": a hyphen joins figure and unit.
    if char_at(text, last.end) == Some('-') {
        if let Some(phrase) = counted_phrase(text, last.end, true) {
            tail.end = phrase.end;
            tail.kind = phrase.kind;
            tail.unit = phrase.unit;
        }
        return tail;
    }
    let Some(w) = next_word(text, last.end) else {
        return tail;
    };
    let Some(lower) = w.lower() else {
        return tail;
    };
    let l = lower.as_str();
    // "one-tenth of the invading Russian forces".
    if last.form == Form::Fraction && l == "of" {
        if let Some(phrase) = of_phrase(text, w.end) {
            tail.end = phrase.end;
            tail.unit = phrase.unit;
            if phrase.kind == Kind::Money {
                tail.kind = Kind::Money;
            }
        }
        return tail;
    }
    match l {
        "percent" | "percents" | "percentage" | "pct" | "pc" => {
            tail.end = w.end;
            tail.unit = "%".into();
            tail.kind = Kind::Percent;
            if let Some(points) =
                next_word(text, w.end).filter(|n| n.text.eq_ignore_ascii_case("points"))
            {
                tail.end = points.end;
                tail.unit = "percentage points".into();
            }
            return tail;
        }
        "per" => {
            if let Some(cent) =
                next_word(text, w.end).filter(|n| n.text.eq_ignore_ascii_case("cent"))
            {
                tail.end = cent.end;
                tail.unit = "%".into();
                tail.kind = Kind::Percent;
            }
            return tail;
        }
        // Points on a scale, an index or a scoreboard: a count of points, not a percentage
        // ("percentage points" is read above).
        "points" | "pts" => {
            tail.end = w.end;
            tail.unit = "points".into();
            return tail;
        }
        _ => {}
    }
    if let Some(code) = currency_word(l)
        .filter(|_| l.len() > 1)
        .or_else(|| super::currency::code(w.text))
    {
        tail.end = w.end;
        tail.unit = code.into();
        tail.kind = Kind::Money;
        return tail;
    }
    if let Some(phrase) = counted_phrase(text, last.end, true) {
        tail.end = phrase.end;
        tail.kind = phrase.kind;
        tail.counter = phrase.counter;
        tail.unit = phrase.unit;
    }
    tail
}
