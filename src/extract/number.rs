//! Reads one number as written, in digits ("84 906", "3.2bn", "2 1/2") or in words
//! ("one hundred and twenty", "two-thirds", "a dozen"), and reports what sort of number it is.

use super::lexicon::{
    denominator, glued_scale, plural_scale, scale_word, small_number, vulgar_fraction,
};
use super::text::{char_at, char_before, is_word_char, next_word, skip_space, LowerWord, Word};
use super::value::{int, parse_digits, shift, Decimal};

/// How a number was written; the grammar uses it to tell claims from dates and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Plain digits with no separator, decimal or scale ("2024", "84906").
    BareDigits,
    /// Digits with separators, decimals or a scale ("10,000", "4.8 million").
    Digits,
    /// Spelled out ("seventy", "one hundred").
    Words,
    /// A fraction ("two-thirds", "3/4", "half").
    Fraction,
}

/// A number read from the text.
#[derive(Debug, Clone, Copy)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
    pub form: Form,
    /// A measure unit glued to the digits ("29km"), as a span.
    pub glued_unit: Option<(usize, usize)>,
    /// Number of digits before any separator or decimal point, for year and day tests.
    pub int_digits: usize,
}

impl Number {
    /// A fraction written as one character ("½").
    pub fn fraction(start: usize, end: usize, value: Decimal) -> Self {
        Self {
            start,
            end,
            value,
            form: Form::Fraction,
            glued_unit: None,
            int_digits: 0,
        }
    }
}

/// What the characters starting with a digit turned out to be.
pub enum DigitRead {
    Number(Number),
    /// Not a quantity (a time, an ordinal, a version, a date, a name); skip to `end`.
    Skip {
        end: usize,
    },
}

fn digits_end(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < bytes.len() && bytes[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// A thousands group after a separator: exactly three digits, then no further digit.
fn group_of_three(bytes: &[u8], at: usize) -> bool {
    digits_end(bytes, at) == at + 3
}

/// Reads the number whose first digit (or decimal point) is at `i`.
pub fn read_digits(text: &str, i: usize) -> DigitRead {
    let bytes = text.as_bytes();
    let mut j = digits_end(bytes, i);
    let int_digits = j - i;
    let mut separated = false;
    let mut decimal = false;

    if int_digits > 0 {
        loop {
            // "10,000" and "84 906" / "84\u{a0}906" (only after a group of at most three digits).
            if j < bytes.len() && bytes[j] == b',' && group_of_three(bytes, j + 1) {
                j += 4;
                separated = true;
                continue;
            }
            if int_digits <= 3 && (!separated || space_grouped(text, i)) {
                if let Some(c) = char_at(text, j) {
                    if matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
                        && group_of_three(bytes, j + c.len_utf8())
                        && !followed_by_fraction(bytes, j + c.len_utf8() + 3)
                    {
                        j += c.len_utf8() + 3;
                        separated = true;
                        continue;
                    }
                }
            }
            break;
        }
    }
    if j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit() {
        j = digits_end(bytes, j + 1);
        decimal = true;
        // "192.168.1.2", "1.2.3": a version or address, not a quantity.
        if j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit() {
            return DigitRead::Skip {
                end: skip_identifier(text, j),
            };
        }
    }
    // "02:26": a clock time. "5/17/2018": a date. "3/4": a fraction.
    if !decimal && j + 1 < bytes.len() && bytes[j] == b':' && bytes[j + 1].is_ascii_digit() {
        let end = digits_end(bytes, j + 1);
        return DigitRead::Skip {
            end: skip_meridiem(text, end),
        };
    }
    if !decimal && !separated {
        if let Some(read) = slash_fraction(text, i, j, int_digits) {
            return read;
        }
    }
    // "1e999" or four hundred digits: too large to be a figure anyone checks.
    let too_large = || DigitRead::Skip {
        end: skip_identifier(text, i),
    };
    let Some(mut value) = parse_digits(&text[i..j]) else {
        return too_large();
    };
    let mut form = if separated || decimal {
        Form::Digits
    } else {
        Form::BareDigits
    };
    let mut glued_unit = None;
    if let Some((power, end)) = exponent(bytes, j).or_else(|| times_ten_to(text, j)) {
        // Beyond 10^±28 a decimal cannot hold it: no figure a news reader checks.
        let Some(shifted) = shift(value, power) else {
            return DigitRead::Skip { end };
        };
        value = shifted;
        j = end;
        form = Form::Digits;
    }
    // A mixed number: "2 1/2", "2½".
    if let Some(fraction) = char_at(text, j).and_then(vulgar_fraction) {
        if form == Form::BareDigits {
            value += fraction;
            j += char_at(text, j).map_or(0, char::len_utf8);
            form = Form::Digits;
        }
    }
    if form == Form::BareDigits {
        if let Some(frac_end) = mixed_fraction(text, j) {
            let (num, den) = mixed_parts(text, j, frac_end);
            return DigitRead::Number(Number {
                start: i,
                end: frac_end,
                value: value + num / den,
                form: Form::Digits,
                glued_unit: None,
                int_digits,
            });
        }
    }
    // Letters glued to the digits: a scale ("5k"), a unit ("29km"), an ordinal or a name.
    if let Some(c) = char_at(text, j) {
        if c.is_alphabetic() || c == '°' {
            let suffix_end = letters_end(text, j);
            let suffix = &text[j..suffix_end];
            let lower = LowerWord::new(suffix);
            let lower = lower.as_ref().map_or("", |l| l.as_str());
            if suffix_end < text.len()
                && char_at(text, suffix_end).is_some_and(|c| c.is_ascii_digit())
                && squared_unit(text, lower, suffix_end).is_none()
            {
                return DigitRead::Skip {
                    end: skip_identifier(text, suffix_end),
                };
            }
            if matches!(
                lower,
                "st" | "nd" | "rd" | "th" | "s" | "am" | "pm" | "a.m" | "p.m"
            ) {
                return DigitRead::Skip { end: suffix_end };
            }
            if let Some(end) = squared_unit(text, lower, suffix_end) {
                // "85m2", "400km²".
                glued_unit = Some((j, end));
                form = Form::Digits;
                j = end;
            } else if let Some(scale) = glued_scale(suffix) {
                let Some(scaled) = value.checked_mul(scale) else {
                    return too_large();
                };
                value = scaled;
                form = Form::Digits;
                j = suffix_end;
            } else if (super::lexicon::unit_kind(lower).is_some() && suffix != "G")
                || matches!(suffix, "p" | "C" | "F" | "pc")
            {
                glued_unit = Some((j, suffix_end));
                form = Form::Digits;
                j = suffix_end;
            } else {
                return DigitRead::Skip {
                    end: skip_identifier(text, suffix_end),
                };
            }
        }
    }
    DigitRead::Number(Number {
        start: i,
        end: j,
        value,
        form,
        glued_unit,
        int_digits,
    })
}

/// The length of a fraction slash at `j`: "/" or the fraction slash U+2044 ("1⁄64").
fn slash_len(text: &str, j: usize) -> usize {
    match char_at(text, j) {
        Some('/') => 1,
        Some('⁄') => '⁄'.len_utf8(),
        _ => 0,
    }
}

/// Denominators a written fraction uses; "9/11" and "7/7" are names of days, not fractions.
fn fraction_denominator(den: Decimal) -> bool {
    [2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 32, 50, 64, 100, 1000]
        .iter()
        .any(|d| den == int(*d))
}

/// What digits followed by a slash are: a fraction ("3/4", "1⁄64", "1/7 of"), or a date,
/// fiscal year or name to skip ("5/17/2018", "2011/12", "9/11", "24/7"). `None` when no
/// slash and digits follow.
fn slash_fraction(text: &str, i: usize, j: usize, int_digits: usize) -> Option<DigitRead> {
    let bytes = text.as_bytes();
    let slash = slash_len(text, j);
    let den_start = j + slash;
    let den_end = digits_end(bytes, den_start);
    if slash == 0 || den_end == den_start {
        return None;
    }
    let skip = DigitRead::Skip {
        end: skip_identifier(text, den_end),
    };
    let more_digits = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let date = match bytes.get(den_end) {
        Some(b'/' | b'-') => true,
        Some(b'.') => more_digits(den_end + 1),
        _ => false,
    };
    let num = parse_digits(&text[i..j])?;
    let den = parse_digits(&text[den_start..den_end])?;
    // "2011/12", "2019/2020": a fiscal year or season.
    let year_pair = int_digits == 4 && matches!(den_end - den_start, 2 | 4);
    if date || year_pair || followed_by_word_char(text, den_end) {
        return Some(skip);
    }
    let of_follows = next_word(text, den_end).is_some_and(|w| w.text == "of");
    let proper = num < den && !den.is_zero();
    if proper && (fraction_denominator(den) || of_follows) {
        return Some(DigitRead::Number(Number {
            start: i,
            end: den_end,
            value: num / den,
            form: Form::Fraction,
            glued_unit: None,
            int_digits,
        }));
    }
    Some(skip)
}

/// "m2", "km3": a length unit with its power glued after it; the end of the unit.
pub fn squared_unit(text: &str, unit: &str, at: usize) -> Option<usize> {
    let power = char_at(text, at).filter(|c| matches!(c, '2' | '3'))?;
    let end = at + power.len_utf8();
    (matches!(unit, "m" | "km" | "cm" | "mm" | "ft") && !followed_by_word_char(text, end))
        .then_some(end)
}

/// Whether digits grouped by spaces were grouped that way from the start ("1 234 567").
fn space_grouped(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    let first = digits_end(bytes, i);
    char_at(text, first).is_some_and(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
}

/// A fraction or clock time after a digit group ("2 1/2", "at 5 10:30"); a decimal point
/// continues the grouped number ("1 234 567.89").
fn followed_by_fraction(bytes: &[u8], at: usize) -> bool {
    at < bytes.len() && matches!(bytes[at], b'/' | b':')
}

/// A decimal exponent after the mantissa ("1.3e6", "12.32e+14", "1e-3"): its value and end.
fn exponent(bytes: &[u8], at: usize) -> Option<(i32, usize)> {
    if !matches!(bytes.get(at), Some(b'e' | b'E')) {
        return None;
    }
    let sign_len = usize::from(matches!(bytes.get(at + 1), Some(b'+' | b'-')));
    let digits = at + 1 + sign_len;
    let end = digits_end(bytes, digits);
    if end == digits || end - digits > 3 || bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let magnitude: i32 = std::str::from_utf8(&bytes[digits..end])
        .ok()?
        .parse()
        .ok()?;
    Some((
        if bytes[at + 1] == b'-' {
            -magnitude
        } else {
            magnitude
        },
        end,
    ))
}

/// A power of ten written as multiplication after the mantissa ("6.0×10−24", "3 x 10^8",
/// "1.5×10⁻³"): its exponent and end. Plain digits after "10" with no caret, sign or
/// superscript are a product ("3 x 104"), not a power.
fn times_ten_to(text: &str, at: usize) -> Option<(i32, usize)> {
    let mut p = skip_space(text, at);
    let times = char_at(text, p).filter(|c| matches!(c, '×' | 'x' | '*'))?;
    p = skip_space(text, p + times.len_utf8());
    if !text[p..].starts_with("10") {
        return None;
    }
    p += 2;
    let caret = text[p..].starts_with('^');
    p += usize::from(caret);
    let sign = char_at(text, p).filter(|c| matches!(c, '-' | '−' | '⁻' | '+' | '⁺'));
    p += sign.map_or(0, char::len_utf8);
    let (mut power, mut digits, mut superscript) = (0i32, 0, false);
    while let Some(c) = char_at(text, p) {
        let Some(d) = exponent_digit(c) else { break };
        power = power.checked_mul(10)?.checked_add(d)?;
        digits += 1;
        superscript |= !c.is_ascii_digit();
        p += c.len_utf8();
    }
    let marked = caret || sign.is_some() || superscript;
    if digits == 0 || digits > 3 || !marked || followed_by_word_char(text, p) {
        return None;
    }
    let negative = matches!(sign, Some('-' | '−' | '⁻'));
    Some((if negative { -power } else { power }, p))
}

/// A digit of an exponent, plain or superscript.
fn exponent_digit(c: char) -> Option<i32> {
    let d = match c {
        '0'..='9' => c as i32 - '0' as i32,
        '⁰' => 0,
        '¹' => 1,
        '²' => 2,
        '³' => 3,
        '⁴' => 4,
        '⁵' => 5,
        '⁶' => 6,
        '⁷' => 7,
        '⁸' => 8,
        '⁹' => 9,
        _ => return None,
    };
    Some(d)
}

fn followed_by_word_char(text: &str, at: usize) -> bool {
    char_at(text, at).is_some_and(is_word_char)
}

pub fn letters_end(text: &str, i: usize) -> usize {
    let mut end = i;
    for (off, c) in text[i..].char_indices() {
        if c.is_alphabetic() || (c == '°' && off == 0) || c == '²' {
            end = i + off + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Skips the rest of a name or code made of letters, digits and joiners ("J1149.5+6663").
pub fn skip_identifier(text: &str, i: usize) -> usize {
    let mut end = i;
    let mut prev_joiner = false;
    for (off, c) in text[i..].char_indices() {
        if c.is_alphanumeric() {
            end = i + off + c.len_utf8();
            prev_joiner = false;
        } else if matches!(c, '.' | '-' | '+' | '/' | '_' | ':' | '⁄') && !prev_joiner {
            prev_joiner = true;
        } else if c == ',' && !prev_joiner && group_of_three(text.as_bytes(), i + off + 1) {
            // "US12,400,000": a digit group never restarts a number.
            prev_joiner = true;
        } else {
            break;
        }
    }
    end.max(i)
}

fn skip_meridiem(text: &str, i: usize) -> usize {
    let start = skip_space(text, i);
    match super::text::word_at(text, start) {
        Some(w) if matches!(w.text, "AM" | "PM" | "am" | "pm" | "a" | "p") => {
            let mut end = w.end;
            if w.text.len() == 1 && text[end..].starts_with(".m.") {
                end += 3;
            }
            end
        }
        _ => i,
    }
}

/// "2 1/2": a space, then a proper digit fraction.
fn mixed_fraction(text: &str, j: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let start = skip_space(text, j);
    if start == j || start >= bytes.len() || !bytes[start].is_ascii_digit() {
        return None;
    }
    let num_end = digits_end(bytes, start);
    if num_end >= bytes.len() || bytes[num_end] != b'/' {
        return None;
    }
    let den_end = digits_end(bytes, num_end + 1);
    if den_end == num_end + 1 || followed_by_word_char(text, den_end) {
        return None;
    }
    if den_end < bytes.len() && bytes[den_end] == b'/' {
        return None;
    }
    let (num, den) = mixed_parts(text, j, den_end);
    (den > num && num > Decimal::ZERO).then_some(den_end)
}

fn mixed_parts(text: &str, j: usize, end: usize) -> (Decimal, Decimal) {
    let frac = text[j..end].trim_start_matches(|c: char| !c.is_ascii_digit());
    let (n, d) = frac.split_once('/').unwrap_or(("0", "1"));
    let part = |digits: &str| parse_digits(digits).unwrap_or_default();
    (part(n), part(d).max(Decimal::ONE))
}

/// Whether a hyphen or a spaced hyphen joins two parts of one written number ("twenty-one").
fn joined_word(text: &str, end: usize) -> Option<Word<'_>> {
    let after = skip_space(text, end);
    if char_at(text, after) == Some('-') {
        return next_word(text, after + 1);
    }
    next_word(text, end)
}

/// "and a half", "and three fifths": the fraction of a mixed number, with its end.
fn fraction_after_and(text: &str, and_end: usize) -> Option<(Decimal, usize)> {
    let numerator_word = next_word(text, and_end)?;
    let numerator = match numerator_word.lower()?.as_str() {
        "a" | "an" => 1,
        l => small_number(l).filter(|v| (1..20).contains(v))?,
    };
    let den_word = joined_word(text, numerator_word.end)?;
    let den = denominator(den_word.lower()?.as_str())?;
    Some((int(numerator) / den, den_word.end))
}

/// Whether the ordinal `word` ending at `end` stands before a content word, as in "a fifth
/// straight win"; "half" and "quarter" are always fractions.
fn ordinal_before_noun(text: &str, word: &str, end: usize) -> bool {
    if matches!(word, "half" | "quarter" | "halves" | "quarters") {
        return false;
    }
    next_word(text, end)
        .and_then(|w| w.lower())
        .is_some_and(|l| {
            !super::lexicon::ends_phrase(l.as_str()) && scale_word(l.as_str()).is_none()
        })
}

/// The digits read out after "point" ("three", "two five"), as a fraction below one, and
/// where they end.
fn spoken_decimals(text: &str, from: usize) -> Option<(Decimal, usize)> {
    let mut digits = String::from("0.");
    let mut end = from;
    while let Some(w) = next_word(text, end) {
        match w.lower().and_then(|l| small_number(l.as_str())) {
            Some(d @ 0..=9) => {
                digits.push(char::from(b'0' + d as u8));
                end = w.end;
            }
            _ => break,
        }
    }
    (end > from)
        .then(|| Some((parse_digits(&digits)?, end)))
        .flatten()
}

/// "two and a half", and "one and a half million" with its scale.
fn mixed_number(text: &str, start: usize, value: Decimal, end: usize) -> Option<Number> {
    let scale = next_word(text, end).and_then(|w| {
        let lower = w.lower()?;
        let l = lower.as_str();
        if plural_scale(l) {
            return None;
        }
        scale_word(l).map(|s| (s, w.end))
    });
    let (value, end) = match scale {
        Some((s, e)) => (value.checked_mul(s)?, e),
        None => (value, end),
    };
    Some(Number {
        start,
        end,
        value,
        form: Form::Words,
        glued_unit: None,
        int_digits: 0,
    })
}

/// Reads a spelled-out number starting with `first`: cardinals ("one hundred and twenty"),
/// "a dozen", "a hundred", and fractions ("two-thirds", "a quarter", "one-tenth").
pub fn read_words(text: &str, first: Word<'_>) -> Option<Number> {
    let mut total = Decimal::ZERO;
    let mut current = Decimal::ZERO;
    let mut end = first.start;
    let mut words = 0;
    let mut last_small: Option<i64> = None;
    let mut pending_and = false;
    let mut cursor = Some(first);
    let mut leading_article = false;

    while let Some(w) = cursor {
        let lower = w.lower()?;
        let word = lower.as_str();
        if words == 0 && (word == "a" || word == "an") {
            leading_article = true;
            end = w.end;
            cursor = next_word(text, w.end);
            words += 1;
            continue;
        }
        if let Some(v) = small_number(word) {
            if leading_article {
                return None;
            }
            // "twenty one" combines; "five three" does not.
            match last_small {
                Some(prev) if prev >= 20 && prev % 10 == 0 && (1..10).contains(&v) => {}
                Some(_) => break,
                None => {}
            }
            current += int(v);
            last_small = Some(v);
        } else if let Some(scale) = scale_word(word) {
            if plural_scale(word) || (word == "dozens" && current.is_zero()) {
                break;
            }
            let base = if current.is_zero() {
                Decimal::ONE
            } else {
                current
            };
            if scale == int(12) {
                // "three hundred and two dozen": the dozen counts the last group only.
                let small = current % int(100);
                current = if small.is_zero() {
                    base.checked_mul(scale)?
                } else {
                    current - small + small * scale
                };
            } else if scale == int(100) {
                current = base.checked_mul(scale)?;
            } else {
                total = total.checked_add(base.checked_mul(scale)?)?;
                current = Decimal::ZERO;
            }
            last_small = None;
            leading_article = false;
        } else if word == "point" && words > 0 && !pending_and {
            // "one point three per cent": decimals read out digit by digit.
            let Some((decimals, digits_end)) = spoken_decimals(text, w.end) else {
                break;
            };
            let value = total.checked_add(current)?.checked_add(decimals)?;
            return mixed_number(text, first.start, value, digits_end);
        } else if word == "and" && words > 0 && !pending_and {
            if let Some((fraction, frac_end)) = fraction_after_and(text, w.end) {
                let value = total.checked_add(current)?.checked_add(fraction)?;
                return mixed_number(text, first.start, value, frac_end);
            }
            pending_and = true;
            cursor = next_word(text, w.end);
            continue;
        } else if let Some(den) = denominator(word) {
            // A fraction needs a numerator: "two thirds", "a quarter", "one-tenth".
            let numerator = if leading_article {
                Decimal::ONE
            } else {
                current
            };
            if pending_and || !total.is_zero() || numerator.is_zero() || numerator > int(20) {
                break;
            }
            if words == 0 {
                break;
            }
            // "a fifth straight win", "a third term": an ordinal before a noun, not a fraction
            // ("a fifth of the budget", "cut by a fifth" are).
            if leading_article && ordinal_before_noun(text, word, w.end) {
                return None;
            }
            return Some(Number {
                start: first.start,
                end: w.end,
                value: numerator / den,
                form: Form::Fraction,
                glued_unit: None,
                int_digits: 0,
            });
        } else {
            break;
        }
        pending_and = false;
        words += 1;
        end = w.end;
        cursor = joined_word(text, w.end);
    }
    if leading_article {
        return None;
    }
    let value = total.checked_add(current)?;
    (words > 0 && end > first.start).then_some(Number {
        start: first.start,
        end,
        value,
        form: Form::Words,
        glued_unit: None,
        int_digits: 0,
    })
}

/// The character before `i` makes the digits part of a name or code ("Maia-1", "C4ADS", "v2").
pub fn glued_to_name(text: &str, i: usize) -> bool {
    match char_before(text, i) {
        Some(c) if c.is_alphanumeric() => true,
        Some(c) if matches!(c, '-' | '+' | '/' | '_' | '#' | '.' | '\\' | '@' | '=') => {
            char_before(text, i - c.len_utf8()).is_some_and(|p| p.is_alphanumeric())
                || matches!(c, '/' | '_' | '#' | '\\' | '@' | '=')
        }
        _ => false,
    }
}

/// The length of a minus sign glued to the digits after it ("-5", "−0.3", "($-99.99)"), when
/// it stands after spacing, an opening bracket or a currency symbol, not inside a name.
pub fn minus_sign(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes[i] != b'-' && bytes[i] != 0xE2 {
        return None;
    }
    let sign = char_at(text, i)
        .filter(|c| matches!(c, '-' | '−'))?
        .len_utf8();
    let digit_at = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let opens_number =
        digit_at(i + sign) || (bytes.get(i + sign) == Some(&b'.') && digit_at(i + sign + 1));
    let after_space = match char_before(text, i) {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '$' | '€' | '£' | '¥'),
    };
    (opens_number && after_space).then_some(sign)
}

/// Reads the digits at `start`, after a minus sign if one stands there.
pub fn read_signed(text: &str, start: usize) -> DigitRead {
    let sign = minus_sign(text, start).unwrap_or(0);
    match read_digits(text, start + sign) {
        DigitRead::Number(mut number) if sign > 0 => {
            number.start = start;
            number.value = -number.value;
            DigitRead::Number(number)
        }
        read => read,
    }
}

/// A scale word after digits: "4.8 million", "2 dozen", "10 bn", a capital scale letter set
/// apart after a figure with separators or decimals ("1,674.5 M", "2.5 B"), and scales
/// written one after another ("5 hundred million", "1.5 thousand million").
pub fn scale_after(text: &str, number: &Number) -> Option<(Decimal, usize)> {
    let w = next_word(text, number.end)?;
    if number.form == Form::Digits {
        let letter = match w.text {
            "K" => Some(int(1_000)),
            "M" => Some(int(1_000_000)),
            "B" | "G" => Some(int(1_000_000_000)),
            _ => None,
        };
        if let Some(scale) = letter {
            return Some((scale, w.end));
        }
    }
    let (mut scale, mut end) = (spelled_scale(&w)?, w.end);
    while let Some(next) = next_word(text, end) {
        match spelled_scale(&next) {
            Some(larger) if larger > scale && !is_dozen(scale) => {
                scale = scale.checked_mul(larger)?;
                end = next.end;
            }
            _ => break,
        }
    }
    Some((scale, end))
}

/// The multiplier of a scale word that is not a vague plural ("million", not "millions").
fn spelled_scale(word: &Word<'_>) -> Option<Decimal> {
    let lower = word.lower()?;
    let l = lower.as_str();
    if plural_scale(l) {
        return None;
    }
    scale_word(l)
}

fn is_dozen(scale: Decimal) -> bool {
    scale == int(12)
}
