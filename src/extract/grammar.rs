//! Turns the numbers in a text into claims: finds each figure, joins its scale and range, puts
//! together what stands before it (`head`) and after it (`tail`), and drops what is not a claim
//! (dates, clock times, names with digits, page counters, "one" as a pronoun).

use std::borrow::Cow;

use super::claim::{Bound, Kind, Trend};
use super::head::{head_before, next_is_month, percent_before, temporal_over, Head};
use super::lexicon::{
    anaphoric_determiner, article_number_word, ends_phrase, may_open_claim, one_idiom_follower,
    opens_claim, qualifier, scale_word, small_number, trailing_qualifier, trend_after, unit_kind,
    vague_magnitude, vulgar_fraction, year_preposition,
};
use super::number::{
    glued_to_name, minus_sign, read_digits, read_signed, read_words, scale_after, DigitRead, Form,
    Number,
};
use super::range::{self, Range};
use super::tail::{tail_after, Tail};
use super::text::{
    ascii_letters_end, char_at, char_before, next_word, prev_word, skip_space, skip_space_back,
    word_at, LowerWord, Word,
};
use super::vague;
use super::value::{int, midpoint, Decimal};

/// A claim before its line, column and sentence are known.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub unit: Cow<'static, str>,
    pub kind: Kind,
    pub bound: Bound,
    pub trend: Option<Trend>,
}

/// What a byte may open: nothing (spacing, most punctuation), digits, an ASCII word, or
/// something to look at closely (a decimal point, a minus sign, a non-ASCII character).
const QUIET: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const CLOSER_LOOK: u8 = 3;

const BYTE_CLASS: [u8; 256] = {
    let mut table = [QUIET; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'.' | b'-' | 0x80..=0xff => CLOSER_LOOK,
            _ => QUIET,
        };
        b += 1;
    }
    table
};

fn class(b: u8) -> u8 {
    BYTE_CLASS[usize::from(b)]
}

/// Hands each claim in `text` to `each`, in order of position.
pub fn find_claims(text: &str, mut each: impl FnMut(Draft)) {
    let bytes = text.as_bytes();
    let mut out = Drafts {
        text,
        held: Vec::with_capacity(BATCH + 2),
        each: &mut each,
    };
    let mut i = 0;
    loop {
        while i < bytes.len() && class(bytes[i]) == QUIET {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let next = match class(b) {
            DIGIT => at_digits(text, i, &mut out),
            LETTER => {
                // Words that open nothing, each after one space, are passed over here.
                let mut word = i;
                loop {
                    match plain_ascii_word(bytes, word) {
                        Some(end) if !opens_claim_word(&bytes[word..end]) => {
                            let next_is_word = bytes.get(end) == Some(&b' ')
                                && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic);
                            if next_is_word {
                                word = end + 1;
                                continue;
                            }
                            break end;
                        }
                        Some(end)
                            if is_article(&bytes[word..end])
                                && !ascii_number_word_after(bytes, end) =>
                        {
                            break end;
                        }
                        _ => break at_word(text, word, &mut out),
                    }
                }
            }
            _ if starts_decimal(bytes, i) || minus_sign(text, i).is_some() => {
                at_digits(text, i, &mut out)
            }
            _ if b >= 0x80 => match char_at(text, i) {
                Some(c) if c.is_alphabetic() => at_word(text, i, &mut out),
                Some(c) => match vulgar_fraction(c) {
                    Some(value) => {
                        build(text, Number::fraction(i, i + c.len_utf8(), value), &mut out)
                    }
                    None => i + c.len_utf8(),
                },
                None => i + 1,
            },
            _ => i + 1,
        };
        i = next.max(i + 1);
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out.held.drain(..).for_each(out.each);
}

/// The end of the ASCII word of letters at `i`, when nothing can extend it (a digit, an
/// apostrophe or a non-ASCII letter); `None` sends the word down the full path.
fn plain_ascii_word(bytes: &[u8], i: usize) -> Option<usize> {
    let end = ascii_letters_end(bytes, i);
    match bytes.get(end) {
        Some(b) if b.is_ascii_digit() || *b == b'\'' || *b >= 0x80 => None,
        _ => Some(end),
    }
}

/// Whether a word of ASCII letters may open a claim. The shape test comes first, on the raw
/// bytes; only the few words that pass it are lowercased and looked up. It is asked of
/// nearly every word, so it is kept inside the scan loop.
#[inline(always)]
fn opens_claim_word(word: &[u8]) -> bool {
    may_open_claim(word) && opens_claim(word)
}

fn is_article(word: &[u8]) -> bool {
    word.eq_ignore_ascii_case(b"a") || word.eq_ignore_ascii_case(b"an")
}

/// Whether the word after `end` may make the article before it a numeral ("a dozen"); true
/// whenever the text there is not plain enough to tell at a glance.
fn ascii_number_word_after(bytes: &[u8], end: usize) -> bool {
    let start = end
        + bytes[end..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
    let Some(word_end) = plain_ascii_word(bytes, start) else {
        return true;
    };
    let word = &bytes[start..word_end];
    if word.is_empty() {
        return bytes.get(start).is_some_and(|b| matches!(b, b'\n' | b'\r'));
    }
    article_number_word(word)
}

/// ".08": a decimal point that opens a number, not one inside a name or after a word.
fn starts_decimal(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'.'
        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'(' | b'$'))
}

fn at_digits(text: &str, i: usize, out: &mut Drafts<'_>) -> usize {
    // "EUR40m", "$US12,400,000": a currency code glued to the digits is no name.
    let sub = i >= 4
        && text
            .get(i - 4..i)
            .is_some_and(|p| p.eq_ignore_ascii_case("sub-"));
    if glued_to_name(text, i) && super::currency::before(text, i).is_none() && !sub {
        return super::number::skip_identifier(text, i);
    }
    match read_signed(text, i) {
        DigitRead::Skip { end } => end,
        DigitRead::Number(number) => build(text, number, out),
    }
}

fn at_word(text: &str, i: usize, out: &mut Drafts<'_>) -> usize {
    let Some(word) = word_at(text, i) else {
        return i + 1;
    };
    if word.has_digit() {
        let digits = i + word.text.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        let letters_then_digits = word.text[..digits - i]
            .bytes()
            .all(|b| b.is_ascii_alphabetic());
        if letters_then_digits && super::currency::before(text, digits).is_some() {
            return at_digits(text, digits, out);
        }
        return super::number::skip_identifier(text, i);
    }
    let Some(lower) = word.lower() else {
        return word.end;
    };
    let lw = lower.as_str();
    if let Some(unit) = vague_magnitude(lw) {
        return vague::vague(text, word, unit, out).unwrap_or(word.end);
    }
    if lw == "several" || lw == "few" {
        return vague::vague_several(text, word, lw, out).unwrap_or(word.end);
    }
    if lw == "half" {
        return vague::half(text, word, out).unwrap_or(word.end);
    }
    // "the last-eight match", "a top-four finish": a number word glued into a compound name.
    let compound = char_before(text, word.start) == Some('-')
        && prev_word(text, word.start - 1).is_some_and(|w| {
            w.end == word.start - 1
                && !w.has_digit()
                && w.lower()
                    .is_some_and(|l| small_number(l.as_str()).is_none())
        });
    if compound {
        return word.end;
    }
    if let Some(number) = fold_word(word, lw) {
        return build(text, number, out);
    }
    let starts_number = small_number(lw).is_some()
        || ((lw == "a" || lw == "an") && article_opens_number(text, word));
    if !starts_number {
        return word.end;
    }
    match read_words(text, word) {
        Some(number) => build(text, number, out),
        None => word.end,
    }
}

/// "fivefold", "tenfold": a number word with "fold" glued on, read as the number with the
/// unit "fold".
fn fold_word(word: Word<'_>, lower: &str) -> Option<Number> {
    let stem = lower.strip_suffix("fold")?;
    let value = small_number(stem)
        .map(int)
        .or_else(|| scale_word(stem).filter(|_| matches!(stem, "hundred" | "thousand")))?;
    let stem_end = word.start + stem.len();
    Some(Number {
        start: word.start,
        end: word.end,
        value,
        form: Form::Digits,
        glued_unit: Some((stem_end, word.end)),
        int_digits: 0,
    })
}

/// "a dozen", "a hundred", "a third": an article that is the numeral one.
fn article_opens_number(text: &str, article: Word<'_>) -> bool {
    next_word(text, article.end).is_some_and(|w| article_number_word(w.text.as_bytes()))
}

pub fn build(text: &str, mut number: Number, out: &mut Drafts<'_>) -> usize {
    if let Some(ratio) = ratio_after(text, &number) {
        number = ratio;
    }
    let resume = number.end;
    let mut scaled = false;
    if matches!(number.form, Form::BareDigits | Form::Digits) {
        if let Some((value, end)) = scale_after(text, &number)
            .and_then(|(scale, end)| Some((number.value.checked_mul(scale)?, end)))
        {
            number.value = value;
            number.end = end;
            number.form = Form::Digits;
            scaled = true;
        }
    }
    let mut head = head_before(text, number.start);
    if head.negated {
        number.value = -number.value;
    }
    let mut range = range::after(text, &number)
        .filter(|r| !r.change && (!r.spaced || range::spaced_dash_holds(text, &number, r)));
    if let Some(r) = &range {
        // "6-4", "3-0 win": a score, not a range of values.
        let score = r.hyphen && number.form == Form::BareDigits && number.value >= r.second.value;
        if score {
            return r.second.end.max(resume);
        }
        // "between 3 and 5 million": the scale belongs to both ends.
        if let Some(scale) = r.shared_scale.filter(|_| !scaled) {
            match number.value.checked_mul(scale) {
                Some(value) if value <= r.second.value => number.value = value,
                _ => {}
            }
        }
    }
    let last = range.map_or(number, |r| r.second);
    let (mut tail, mut trailing_bound) = tail_with_bound(text, &last, head.currency);
    tail.scaled |= scaled;
    if range.is_none() {
        if let Some((r, second_tail)) = range::with_units(text, &number, &tail) {
            range = Some(r);
            (tail, trailing_bound) = with_trailing_bound(text, second_tail);
        }
    }
    if metres_not_millions(text, &number, &head, &tail) {
        number.value /= int(1_000_000);
        tail.end = number.end;
        tail.unit = "m".into();
        tail.kind = Kind::Measure;
    }
    if tail.unit.is_empty() {
        if let Some(percent_start) = percent_before(text, head.start) {
            head.start = percent_start;
            tail.unit = "%".into();
            tail.kind = Kind::Percent;
        }
    }

    if let Some(skip) = not_a_claim(text, &number, last.end, range.is_some(), &head, &tail) {
        return skip.max(resume);
    }
    let head = temporal_over(text, head, &tail, number.start);
    let bound = match (head.bound, trailing_bound) {
        (Bound::Exact, Some(trailing)) => trailing,
        (bound, _) => bound,
    };
    let (value, low, high, start) = match range {
        Some(Range { opener, second, .. }) => {
            let (lo, hi) = (
                number.value.min(second.value),
                number.value.max(second.value),
            );
            let start = opener.unwrap_or(head.start.min(number.start));
            (midpoint(lo, hi), Some(lo), Some(hi), start)
        }
        None => (number.value, None, None, head.start),
    };
    let kind = if number.form == Form::Fraction && tail.kind == Kind::Count {
        Kind::Fraction
    } else {
        tail.kind
    };
    let trend = head
        .trend
        .or_else(|| stated_change(text, &tail, &head, value));
    out.push(Draft {
        start,
        end: tail.end,
        value,
        low,
        high,
        unit: tail.unit,
        kind,
        bound,
        trend,
    });
    tail_end_resume(out, resume)
}

/// The tail after `last`, with a bound written after the figure ("20 or more people", "15
/// years or so").
fn tail_with_bound(
    text: &str,
    last: &Number,
    currency: Option<&'static str>,
) -> (Tail, Option<Bound>) {
    let tail = tail_after(text, last, currency);
    if tail.unit.is_empty() {
        if let Some((bound, end)) = trailing_bound_at(text, last.end) {
            let past = Number { end, ..*last };
            let mut tail = tail_after(text, &past, currency);
            tail.end = tail.end.max(end);
            return (tail, Some(bound));
        }
    }
    with_trailing_bound(text, tail)
}

fn with_trailing_bound(text: &str, mut tail: Tail) -> (Tail, Option<Bound>) {
    match trailing_bound_at(text, tail.end) {
        Some((bound, end)) => {
            tail.end = end;
            (tail, Some(bound))
        }
        None => (tail, None),
    }
}

/// "or more", "or so" right after `end`: the bound and where it ends.
fn trailing_bound_at(text: &str, end: usize) -> Option<(Bound, usize)> {
    let first = next_word(text, end)
        .filter(|w| w.text.eq_ignore_ascii_case("or") || w.text.eq_ignore_ascii_case("and"))?;
    let second = next_word(text, first.end)?;
    let bound = trailing_qualifier(first.lower()?.as_str(), second.lower()?.as_str())?;
    Some((bound, second.end))
}

/// A change stated by the figure itself: a sign on a percentage or points ("-0.4%",
/// "+3.2%"), or a noun or comparative after it ("a 15% fall", "2.5% lower").
fn stated_change(text: &str, tail: &Tail, head: &Head, value: Decimal) -> Option<Trend> {
    let rate = tail.kind == Kind::Percent || tail.unit == "points";
    if rate && value.is_sign_negative() && !head.negated {
        return Some(Trend::Down);
    }
    if rate && head.plus_sign {
        return Some(Trend::Up);
    }
    let changes = rate || tail.kind == Kind::Money;
    next_word(text, tail.end)
        .filter(|_| changes)
        .and_then(|w| trend_after(w.lower()?.as_str()))
}

/// The claims found so far, handed on in batches (a batch is read through before the
/// next is found, which keeps each stage's code and tables warm). The last is held back
/// until the next is found, which may not start before it ends and may take its trend or
/// bound (`scope`).
pub struct Drafts<'a> {
    text: &'a str,
    held: Vec<Draft>,
    each: &'a mut dyn FnMut(Draft),
}

/// How many claims are found before they are handed on.
const BATCH: usize = 256;

impl Drafts<'_> {
    /// Adds a claim; a head read back over the previous claim ("0°C$5" reading "C$") is cut
    /// at that claim's end, so claims never overlap.
    pub fn push(&mut self, mut draft: Draft) {
        if let Some(previous) = self.held.last() {
            draft.start = draft.start.max(previous.end);
            super::scope::carry(self.text, previous, &mut draft);
        }
        if self.held.len() > BATCH {
            let last = self.held.pop();
            self.held.drain(..).for_each(&mut *self.each);
            self.held.extend(last);
        }
        self.held.push(draft);
    }

    fn last(&self) -> Option<&Draft> {
        self.held.last()
    }
}

fn tail_end_resume(out: &Drafts<'_>, resume: usize) -> usize {
    out.last().map_or(resume, |d| d.end.max(resume))
}

/// Why the number is not a claim, as the offset to resume from; `None` when it is one.
fn not_a_claim(
    text: &str,
    number: &Number,
    last_end: usize,
    is_range: bool,
    head: &Head,
    tail: &Tail,
) -> Option<usize> {
    let before = head.before.as_ref().map_or("", LowerWord::as_str);
    let qualified = head.bound != Bound::Exact || head.currency.is_some();
    let has_unit = !tail.unit.is_empty();
    // "5 pm", "0700 GMT": a clock time.
    let hour_like = number.form == Form::BareDigits && number.value <= int(2400);
    let clock = || {
        next_word(text, last_end).is_some_and(|w| {
            clock_word(w.text) || (matches!(w.text, "a" | "p") && text[w.end..].starts_with(".m"))
        })
    };
    if !qualified && hour_like && clock() {
        return Some(last_end);
    }
    match number.form {
        Form::BareDigits => {
            let v = number.value;
            // "March 17", "17 March", "May 24 2024", "5-6 March".
            let day =
                number.int_digits <= 2 && (int(1)..=int(31)).contains(&v) && v.fract().is_zero();
            let month_after = next_is_month(text, number.end) || next_is_month(text, last_end);
            if day && (head.before_is_month || month_after) {
                return Some(last_end);
            }
            // "February 2022", "since 2023", "the 2024 election", "in 1979".
            let year = number.int_digits == 4 && (int(1000)..=int(2100)).contains(&v);
            // "the 1200 hp engine", "in 2000 years": a unit keeps a four-digit figure a
            // quantity; "1995 champions", "the 2016 referendum" name a year.
            let counted = tail.kind == Kind::Count;
            let modifies = counted && tail.unit.split(' ').next().is_some_and(year_modifier);
            if year
                && (head.before_is_month
                    || (!qualified && counted && year_preposition(before))
                    || (!qualified && counted && (!has_unit || modifies)))
            {
                return Some(tail_or_range_end(number, tail, is_range));
            }
            // "84906 views": a page counter.
            if tail.counter && !tail.scaled {
                return Some(tail.end);
            }
            // "Section 427", "Voyager 2", "Chapter 11 bankruptcy", "iPhone 15", "page 12": a
            // name or a place in a sequence, not a quantity.
            let possessive = before.ends_with("'s") || before.ends_with("’s");
            let named = head.before_capitalised
                && !possessive
                && !ends_phrase(before)
                && head
                    .before
                    .is_none_or(|b| qualifier(&mut [b][..], 0).is_none())
                && unit_kind(before).is_none();
            let numbered = text[..number.start].trim_end().ends_with("No.");
            if !qualified && !is_range && (named || numbered || locator_word(before)) {
                return Some(number.end);
            }
            // "10 Downing Street", "42 Acacia Avenue": a street number.
            if !qualified && street_address(&tail.unit) {
                return Some(tail.end);
            }
            None
        }
        Form::Words => {
            // "the RBS Six Nations", "the Three Lions": a capitalised number word inside a
            // name, not at the start of a sentence.
            if !qualified && capitalised_name(text, number) {
                return Some(number.end);
            }
            let small = number.value < int(100) && !tail.scaled;
            // "the two countries", "Of the two"; but "the six months to June" and "all four
            // of their games" state a figure.
            let stated = tail.kind != Kind::Count
                || next_word(text, number.end).is_some_and(|w| w.text == "of");
            // "all four contestants" counts them.
            let counted = before == "all";
            if small && !qualified && anaphoric_determiner(before) && !stated && !counted {
                return Some(number.end);
            }
            if number.value == Decimal::ONE && !qualified && !is_range {
                let follower = next_word(text, number.end)
                    .and_then(|w| w.lower())
                    .map(|l| l.as_str().to_string());
                let idiom = match follower.as_deref() {
                    None => true,
                    Some(f) => one_idiom_follower(f),
                };
                // "one-off", "one-sided"; but "a one-year ban" states a duration.
                let joined = char_at(text, number.end) == Some('-');
                let measured = joined && tail.kind != Kind::Count;
                let idiom = idiom && !measured;
                if idiom || (joined && !measured) || !has_unit || before == "no" || before == "at" {
                    return Some(number.end);
                }
            }
            None
        }
        Form::Digits | Form::Fraction => None,
    }
}

/// "one in five", "1 in 10": a proportion, read as the fraction it states.
fn ratio_after(text: &str, first: &Number) -> Option<Number> {
    if !matches!(first.form, Form::BareDigits | Form::Words) || first.value < Decimal::ONE {
        return None;
    }
    let rest = text[first.end..].trim_start_matches(' ');
    let connector_end = if rest.starts_with("in ") {
        next_word(text, first.end).filter(|w| w.text == "in")?.end
    } else if rest.starts_with("out of ") {
        let out = next_word(text, first.end)?;
        next_word(text, out.end).filter(|w| w.text == "of")?.end
    } else {
        return None;
    };
    let s = skip_space(text, connector_end);
    let second = match char_at(text, s)? {
        c if c.is_ascii_digit() => match read_digits(text, s) {
            DigitRead::Number(n) if n.form == Form::BareDigits || n.form == Form::Digits => n,
            _ => return None,
        },
        c if c.is_alphabetic() => {
            let w = word_at(text, s)?;
            small_number(w.lower()?.as_str())?;
            read_words(text, w)?
        }
        _ => return None,
    };
    let year = second.form == Form::BareDigits && second.int_digits == 4;
    (second.value > first.value && second.glued_unit.is_none() && !year)
        .then(|| Number::fraction(first.start, second.end, first.value / second.value))
}

/// "60m hurdles", "won the 5,000m": a glued "m" that means metres. It means millions after a
/// currency ("£60m") or before a counted thing ("60m people").
fn metres_not_millions(text: &str, number: &Number, head: &Head, tail: &Tail) -> bool {
    let written = &text[number.start..number.end];
    let glued_m = written.ends_with('m')
        && written[..written.len() - 1].ends_with(|c: char| c.is_ascii_digit());
    if !glued_m || head.currency.is_some() {
        return false;
    }
    let event = next_word(text, number.end).is_some_and(|w| {
        w.lower().is_some_and(|l| {
            matches!(
                l.as_str(),
                "hurdles"
                    | "race"
                    | "sprint"
                    | "relay"
                    | "freestyle"
                    | "butterfly"
                    | "backstroke"
                    | "breaststroke"
                    | "medley"
                    | "final"
                    | "finals"
                    | "title"
                    | "record"
                    | "dash"
                    | "event"
                    | "steeplechase"
                    | "heat"
                    | "heats"
                    | "champion"
                    | "gold"
                    | "silver"
                    | "bronze"
                    | "run"
                    | "swim"
                    | "runner"
                    | "runners"
                    | "sprinter"
                    | "sprinters"
                    | "hurdler"
                    | "hurdlers"
                    | "swimmer"
                    | "swimmers"
                    | "specialist"
                    | "champions"
                    | "medallist"
                    | "medalist"
                    | "winner"
                    | "runner-up"
                    | "world"
                    | "olympic"
                    | "personal"
                    | "season's"
            )
        })
    });
    let after_article = matches!(
        head.before.as_ref().map(LowerWord::as_str),
        Some("the" | "a" | "an")
    );
    event || (after_article && tail.unit.is_empty())
}

/// Words after a number that make it a clock time ("5 pm", "0700 GMT").
fn clock_word(word: &str) -> bool {
    matches!(
        word,
        "am" | "pm"
            | "AM"
            | "PM"
            | "GMT"
            | "BST"
            | "UTC"
            | "CET"
            | "CEST"
            | "EST"
            | "EDT"
            | "PST"
            | "PDT"
    )
}

/// Nouns a year stands before as a modifier: "1995 champions", "the 2024 election".
fn year_modifier(noun: &str) -> bool {
    matches!(
        noun.to_ascii_lowercase().as_str(),
        "champions"
            | "champion"
            | "winners"
            | "winner"
            | "finalists"
            | "runners-up"
            | "election"
            | "elections"
            | "season"
            | "campaign"
            | "budget"
            | "census"
            | "tournament"
            | "final"
            | "olympics"
            | "olympic"
            | "edition"
            | "model"
            | "vintage"
            | "class"
            | "referendum"
            | "manifesto"
            | "crisis"
            | "recession"
            | "crash"
            | "invasion"
            | "war"
            | "uprising"
            | "revolution"
            | "earthquake"
            | "tsunami"
            | "floods"
            | "attacks"
            | "riots"
            | "summit"
            | "treaty"
            | "accord"
            | "agreement"
            | "act"
            | "merger"
            | "takeover"
            | "world"
            | "cup"
            | "ryder"
            | "grand"
            | "general"
            | "presidential"
            | "nobel"
            | "oscar"
            | "oscars"
            | "winter"
            | "summer"
            | "spring"
            | "autumn"
            | "report"
            | "review"
    )
}

/// A spelled-out number written with a capital inside a sentence and followed by another
/// capitalised word: part of a name ("Six Nations", "Formula One").
fn capitalised_name(text: &str, number: &Number) -> bool {
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let Some(first) = word_at(text, number.start) else {
        return false;
    };
    let before = skip_space_back(text, number.start);
    let opens_sentence = before == 0
        || char_before(text, before)
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | '\n' | '"' | '“' | '‘' | '\'' | ':'));
    let next_capital = next_word(text, number.end).is_some_and(|w| capital(w.text));
    let prev_capital = prev_word(text, number.start).is_some_and(|w| capital(w.text));
    capital(first.text) && !opens_sentence && (next_capital || prev_capital)
}

/// "Downing Street", "Acacia Avenue": capitalised words that end in a street name.
fn street_address(unit: &str) -> bool {
    let words: Vec<&str> = unit.split(' ').collect();
    let capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    capitalised
        && words.len() >= 2
        && words.last().is_some_and(|w| {
            matches!(
                *w,
                "Street"
                    | "St"
                    | "Road"
                    | "Rd"
                    | "Avenue"
                    | "Ave"
                    | "Lane"
                    | "Drive"
                    | "Way"
                    | "Place"
                    | "Square"
                    | "Terrace"
                    | "Crescent"
                    | "Close"
                    | "Boulevard"
                    | "Court"
                    | "Gardens"
                    | "Row"
                    | "Hill"
                    | "Parade"
                    | "Mews"
                    | "Broadway"
            )
        })
}

/// Lowercase words that place a number in a sequence rather than count with it.
fn locator_word(word: &str) -> bool {
    matches!(
        word,
        "page"
            | "pages"
            | "room"
            | "number"
            | "no"
            | "article"
            | "chapter"
            | "section"
            | "clause"
            | "platform"
            | "gate"
            | "flight"
            | "channel"
            | "top"
            | "version"
            | "level"
            | "grade"
            | "route"
            | "exit"
            | "junction"
            | "paragraph"
            | "rule"
            | "resolution"
    )
}

fn tail_or_range_end(number: &Number, tail: &Tail, is_range: bool) -> usize {
    if is_range {
        tail.end
    } else {
        number.end
    }
}
