//! Reads what stands before a figure: the qualifier ("more than"), the currency symbol, the
//! trend verb ("rose"), a "percent of" written ahead, and the word that tells a date or a name.

use super::claim::{Bound, Kind, Trend};
use super::lexicon::{is_month, qualifier, small_number, trend_word, WordsBack};
use super::tail::Tail;
use super::text::{
    char_before, next_word, prev_word, skip_space_back, LowerWord, Word, WordsBefore,
};

/// What stands before the figure.
pub struct Head<'a> {
    pub start: usize,
    pub bound: Bound,
    pub trend: Option<Trend>,
    pub currency: Option<&'static str>,
    /// "minus 200 degrees", "negative 3%": the figure is below zero.
    pub negated: bool,
    /// "+3.2%": a plus sign glued to the figure.
    pub plus_sign: bool,
    /// The word before the figure, once qualifier and currency are set aside.
    pub before: Option<LowerWord<'a>>,
    /// The word before has a capital letter: a name ("Section", "iPhone").
    pub before_capitalised: bool,
    pub before_is_month: bool,
}

/// How many words before a figure are read for its qualifier and trend.
const HEAD_WORDS: usize = 5;

/// Reads qualifier, currency and trend before the figure starting at `start`.
pub fn head_before(text: &str, start: usize) -> Head<'_> {
    let mut head = Head {
        start,
        bound: Bound::Exact,
        trend: None,
        currency: None,
        negated: false,
        plus_sign: false,
        before: None,
        before_capitalised: false,
        before_is_month: false,
    };
    let mut pos = start;
    if let Some((at, code)) = super::currency::before(text, start) {
        head.currency = Some(code);
        pos = at;
    }
    if char_before(text, pos) == Some('+') {
        head.plus_sign = true;
        pos -= 1;
    }
    if let Some((at, bound)) = bound_sign_before(text, pos) {
        head.bound = bound;
        pos = at;
    }
    head.start = pos;
    let mut before = WordsBefore::<HEAD_WORDS>::new(text, pos);
    let mut used = 0;
    if let Some((w, _)) = before
        .get(0)
        .filter(|(_, l)| matches!(l.as_str(), "minus" | "negative"))
    {
        head.negated = true;
        head.start = w.start;
        used = 1;
    }
    if head.bound == Bound::Exact {
        if let Some((bound, n)) = qualifier(&mut before, used) {
            // "over 20 months" after a noun reads as "during"; handled by the caller via the unit.
            head.bound = bound;
            head.start = before
                .get(used + n - 1)
                .map_or(head.start, |(w, _)| w.start);
            used += n;
        }
    }
    if let Some((w, l)) = before.get(used) {
        head.before = Some(l);
        head.before_capitalised = w.text.chars().any(char::is_uppercase);
        head.before_is_month = month_word(&w) || abbreviated_month_before(text, pos);
        head.trend = trend_of(&mut before, used)
            .filter(|_| !(head.currency.is_some() && amount_verb(l.as_str())));
    } else {
        head.before_is_month = abbreviated_month_before(text, pos);
    }
    head
}

/// A bound written as a sign before the figure ("~2mm", "<5%", "≥10"), or as "sub-"
/// ("sub-5%"): where it starts and the bound.
fn bound_sign_before(text: &str, pos: usize) -> Option<(usize, Bound)> {
    if text[..pos].ends_with("sub-") || text[..pos].ends_with("Sub-") {
        return Some((pos - 4, Bound::LessThan));
    }
    let end = skip_space_back(text, pos);
    let sign = char_before(text, end)?;
    let bound = match sign {
        '~' | '≈' => Bound::Approx,
        '<' => Bound::LessThan,
        '>' => Bound::MoreThan,
        '≤' => Bound::AtMost,
        '≥' => Bound::AtLeast,
        _ => return None,
    };
    Some((end - sign.len_utf8(), bound))
}

/// "Nov. 30", "Feb. 2023": an abbreviated month and its full stop before the figure.
fn abbreviated_month_before(text: &str, pos: usize) -> bool {
    let end = skip_space_back(text, pos);
    end < pos
        && char_before(text, end) == Some('.')
        && prev_word(text, end - 1).is_some_and(|w| w.end == end - 1 && month_word(&w))
}

/// "raised $5m", "lost A$1.2bn": a verb whose direct object is an amount of money, not a
/// change ("raised prices by 5%" and "shares lost 5%" still state one).
fn amount_verb(word: &str) -> bool {
    matches!(
        word,
        "raised"
            | "raise"
            | "raises"
            | "raising"
            | "lost"
            | "lose"
            | "loses"
            | "losing"
            | "added"
            | "adds"
            | "gained"
            | "cut"
    )
}

/// How many words a change verb may stand before "by", "of", "to" or "from" ("cut spending
/// by 4%", "raised its forecast to 3%").
const VERB_REACH: usize = 3;

/// "rose 60%", "fell by 2 points", "an increase of 5%", "rose to 5%", "cut costs by 4%",
/// "fell from 5%": read in `words` from the `from`th word back.
fn trend_of(words: &mut WordsBefore<'_, HEAD_WORDS>, from: usize) -> Option<Trend> {
    // "fines up to a maximum of £2,500": "up to" bounds, it states no rise.
    if words.word_is(from, "to") && words.word_is(from + 1, "up") {
        return None;
    }
    // "makes up two-thirds", "set up 40 firms": a verb with its particle.
    if (words.word_is(from, "up") || words.word_is(from, "down"))
        && phrasal_verb(words.lower(from + 1))
    {
        return None;
    }
    if matches!(words.lower(from), "by" | "of" | "to" | "from") {
        return (1..=VERB_REACH).find_map(|k| trend_word(words.lower(from + k)));
    }
    // "rose just 0.3%", "grew a lacklustre 2.9%": the verb past a modifier.
    let mut after_article = false;
    for k in 0..VERB_REACH {
        let Some((_, lower)) = words.get(from + k) else {
            break;
        };
        let word = lower.as_str();
        if let Some(trend) = trend_word(word) {
            return Some(trend);
        }
        let modifier = matches!(word, "just" | "only" | "another" | "further")
            || (word.len() > 4 && word.ends_with("ly"))
            || (k == 0 && (words.word_is(from + 1, "a") || words.word_is(from + 1, "an")));
        after_article |= matches!(word, "a" | "an");
        if !(modifier || after_article) {
            return None;
        }
    }
    None
}

/// Verbs whose particle "up" or "down" states no change ("makes up", "set up").
fn phrasal_verb(word: &str) -> bool {
    matches!(
        word,
        "make"
            | "makes"
            | "made"
            | "making"
            | "take"
            | "takes"
            | "took"
            | "taken"
            | "set"
            | "sets"
            | "setting"
            | "pick"
            | "picked"
            | "end"
            | "ended"
            | "ends"
            | "wind"
            | "wound"
            | "sum"
            | "summed"
            | "turn"
            | "turned"
            | "back"
            | "backed"
            | "signed"
            | "sign"
            | "shut"
            | "close"
            | "closed"
            | "put"
            | "puts"
            | "broke"
            | "broken"
            | "break"
            | "step"
            | "stepped"
            | "called"
            | "call"
    )
}

/// "64 shipments over 20 months": "over" before a duration means "during", unless it
/// follows "for" ("for over 20 years").
pub fn temporal_over<'a>(
    text: &str,
    mut head: Head<'a>,
    tail: &Tail,
    number_start: usize,
) -> Head<'a> {
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
