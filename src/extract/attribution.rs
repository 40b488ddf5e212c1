//! Who a sentence says a figure comes from: "according to X", "X said / estimated / reported",
//! "a report by X", "X's analysis shows", a quote's speaker, and "he" or "she" resolved to the
//! person named last before it.

use std::rc::Rc;

use super::lexicon::{ends_phrase, Shapes, WordSet};
use super::text::{ascii_letters_end, lowercase_is, LowerWord};

/// A source named in a sentence, with where its cue stands.
#[derive(Debug, Clone, PartialEq)]
struct Cue {
    /// Byte offset of the cue ("said", "according").
    at: usize,
    source: String,
}

/// A sentence's span and its cues as written, shared by every figure that looks at them.
type SentenceCues = ((usize, usize), Rc<[Cue]>);

/// Finds attributions sentence by sentence; a pronoun source ("He also said") is resolved to
/// the person named last in the sentences just before.
#[derive(Default)]
pub struct Attributions {
    span: Option<(usize, usize)>,
    /// The cues of the sentence at `span`, pronouns resolved, and the speaker of a quote that
    /// names none.
    cues: Vec<Cue>,
    quoted: Option<String>,
    /// The cues as written (pronouns unresolved) of the sentences read last, so that each
    /// sentence is read once however many figures and pronouns look at it.
    written: Vec<SentenceCues>,
    /// The cues of a sentence with none, shared by every such sentence.
    no_cues: Rc<[Cue]>,
}

/// How many sentences back a pronoun may look for the person it stands for.
pub const PRONOUN_REACH: usize = 3;

/// How many sentences' cues are remembered.
const REMEMBERED: usize = 8;

impl Attributions {
    /// The source of the figure at `figure` in the part `span` of sentence `index` of
    /// `sentences`: the nearest cue before the figure, else the nearest after it.
    pub fn source(
        &mut self,
        text: &str,
        sentences: &[(usize, usize)],
        (index, span): (usize, (usize, usize)),
        figure: (usize, usize),
    ) -> Option<&str> {
        if self.span != Some(span) {
            let earlier = &sentences[index.saturating_sub(PRONOUN_REACH)..index];
            self.span = Some(span);
            self.cues = self.resolved(text, span, earlier);
            self.quoted = None;
            if self.cues.is_empty() && opens_with_quote(&text[span.0..span.1]) {
                let later = &sentences[index + 1..(index + 1 + PRONOUN_REACH).min(sentences.len())];
                self.quoted = self.speaker(text, earlier, later);
            }
        }
        let before = self.cues.iter().rev().find(|c| c.at < figure.0);
        let after = self.cues.iter().find(|c| c.at >= figure.1);
        before
            .or(after)
            .map(|c| c.source.as_str())
            .or(self.quoted.as_deref())
    }

    /// The cues of a sentence as written, read once.
    fn written(&mut self, text: &str, span: (usize, usize)) -> Rc<[Cue]> {
        if let Some((_, cues)) = self.written.iter().find(|(s, _)| *s == span) {
            return Rc::clone(cues);
        }
        let cues = read_sentence(text, span);
        let cues: Rc<[Cue]> = if cues.is_empty() {
            Rc::clone(&self.no_cues)
        } else {
            cues.into()
        };
        if self.written.len() == REMEMBERED {
            self.written.remove(0);
        }
        self.written.push((span, Rc::clone(&cues)));
        cues
    }

    /// The cues of a sentence with each "he" or "she" taken for the person named before it
    /// in the sentence, else in the `earlier` sentences; a pronoun with no one to stand for
    /// is dropped.
    fn resolved(
        &mut self,
        text: &str,
        span: (usize, usize),
        earlier: &[(usize, usize)],
    ) -> Vec<Cue> {
        let mut cues: Vec<Cue> = Vec::new();
        for cue in self.written(text, span).iter() {
            if !pronoun(&cue.source) {
                cues.push(cue.clone());
                continue;
            }
            let named = cues
                .iter()
                .rev()
                .map(|c| &c.source)
                .find(|s| person_name(s))
                .cloned();
            if let Some(source) = named.or_else(|| self.person_before(text, earlier)) {
                cues.push(Cue { at: cue.at, source });
            }
        }
        cues
    }

    /// The person named last in `sentences`, nearest sentence first.
    fn person_before(&mut self, text: &str, sentences: &[(usize, usize)]) -> Option<String> {
        sentences.iter().rev().find_map(|&span| {
            self.written(text, span)
                .iter()
                .rev()
                .map(|c| &c.source)
                .find(|s| person_name(s))
                .cloned()
        })
    }

    /// The speaker of a quoted sentence that names none: the cue right after the quote closes
    /// in the sentences that follow ("…,” she said), else the last cue before it ("She said:
    /// …").
    fn speaker(
        &mut self,
        text: &str,
        earlier: &[(usize, usize)],
        later: &[(usize, usize)],
    ) -> Option<String> {
        for &(start, end) in later {
            let sentence = &text[start..end];
            let body = sentence.trim_start().trim_start_matches(['"', '“']);
            let Some(close) = body.find(['"', '”']) else {
                continue;
            };
            let close = start + (sentence.len() - body.len()) + close;
            let cue = self
                .resolved(text, (start, end), earlier)
                .into_iter()
                .find(|c| c.at > close);
            if cue.is_some() {
                return cue.map(|c| c.source);
            }
            break;
        }
        for (k, &span) in earlier.iter().enumerate().rev() {
            if let Some(cue) = self.resolved(text, span, &earlier[..k]).pop() {
                return Some(cue.source);
            }
        }
        None
    }
}

fn opens_with_quote(sentence: &str) -> bool {
    sentence.trim_start().starts_with(['"', '“'])
}

/// The shapes of the words that may make a cue: "according", a reporting verb, a report noun.
const CUE_SHAPES: Shapes = Shapes::of(&[&["according"], REPORTING_VERBS, REPORT_NOUNS]);

/// The words that may make a cue, for looking one up in any case.
const CUE_WORDS: WordSet<{ 1 + REPORTING_VERBS.len() + REPORT_NOUNS.len() }> =
    WordSet::of(&[&["according"], REPORTING_VERBS, REPORT_NOUNS]);

/// Every cue of one sentence as written, in order; a pronoun source is left as written.
fn read_sentence(text: &str, (start, end): (usize, usize)) -> Vec<Cue> {
    let sentence = &text[start..end];
    let mut cues: Vec<Cue> = Vec::new();
    if !may_hold_cue(sentence) {
        return cues;
    }
    let tokens = tokens(sentence);
    for (k, token) in tokens.iter().enumerate() {
        if !CUE_SHAPES.may_hold(token.text.as_bytes()) {
            continue;
        }
        let Some(lower) = LowerWord::new(token.text) else {
            continue;
        };
        let lower = lower.as_str();
        let next = tokens.get(k + 1).map(|t| t.text);
        let source = if lower == "according" && next == Some("to") {
            source_after(sentence, &tokens, k + 2)
        } else if report_noun(lower) && matches!(next, Some("by" | "from")) {
            // "a report by the IMF", "Data from Eurostat".
            name_after(sentence, &tokens, k + 2)
        } else if reporting_verb(lower)
            && next != Some("to")
            && !(noun_form(lower) && next != Some("that"))
        {
            source_before(sentence, &tokens, k).or_else(|| inverted_source(sentence, &tokens, k))
        } else {
            None
        };
        if let Some(source) = source {
            cues.push(Cue {
                at: start + token.start,
                source,
            });
        }
    }
    cues
}

/// Whether some ASCII word of the sentence is a cue word; most sentences hold none, and
/// they are passed over without being split into tokens. Only the words whose shape fits a
/// cue word are lowercased and looked up.
fn may_hold_cue(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        i = ascii_letters_end(bytes, i);
        let word = &bytes[start..i];
        let cue = (3..=11).contains(&word.len())
            && CUE_SHAPES.may_hold(word)
            && CUE_WORDS.contains_lowercased(word);
        if cue {
            return true;
        }
    }
    false
}

/// A run of characters that make a word here: letters, digits, inner apostrophes, hyphens
/// and the dots of abbreviations ("U.S.").
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// Only spacing stands between this token and the next.
    joined_to_next: bool,
}

/// The ASCII bytes that continue a token: letters, digits, apostrophes, hyphens, dots and
/// ampersands.
const IN_TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || matches!(byte, b'\'' | b'-' | b'.' | b'&');
        b += 1;
    }
    table
};

fn tokens(sentence: &str) -> Vec<Token<'_>> {
    let bytes = sentence.as_bytes();
    let char_at = |i: usize| -> (char, usize) {
        match bytes[i] {
            b if b < 0x80 => (char::from(b), 1),
            _ => sentence[i..]
                .chars()
                .next()
                .map_or((' ', 1), |c| (c, c.len_utf8())),
        }
    };
    let mut out: Vec<Token<'_>> = Vec::with_capacity(sentence.len() / 6);
    let mut gap_is_space = true;
    let mut i = 0;
    while i < sentence.len() {
        let (c, len) = char_at(i);
        if !c.is_alphanumeric() {
            gap_is_space &= c.is_whitespace();
            i += len;
            continue;
        }
        if let Some(last) = out.last_mut() {
            last.joined_to_next = gap_is_space;
        }
        let start = i;
        i += len;
        loop {
            // ASCII is taken a byte at a time; only another character is decoded.
            while bytes.get(i).is_some_and(|&b| IN_TOKEN[usize::from(b)]) {
                i += 1;
            }
            if bytes.get(i).is_some_and(|&b| b >= 0x80) {
                let (c, len) = char_at(i);
                if c.is_alphanumeric() || c == '’' {
                    i += len;
                    continue;
                }
            }
            break;
        }
        let word = &sentence[start..i];
        let text = if bytes[i - 1].is_ascii_alphanumeric() {
            word
        } else {
            word.trim_end_matches(['.', '\'', '’', '-'])
        };
        out.push(Token {
            start,
            end: start + text.len(),
            text,
            joined_to_next: false,
        });
        gap_is_space = true;
    }
    out
}

/// Verbs that report what a source says or found.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "estimate",
    "report",
    "predict",
    "believe",
    "calculate",
    "find",
    "warn",
    "claim",
    "argue",
    "suggest",
    "expect",
    "expects",
    "stated",
    "states",
    "revealed",
    "reveals",
    "estimated",
    "estimates",
    "reported",
    "reports",
    "told",
    "tells",
    "added",
    "announced",
    "announces",
    "claimed",
    "claims",
    "warned",
    "warns",
    "noted",
    "notes",
    "mentioned",
    "explained",
    "explains",
    "wrote",
    "writes",
    "insisted",
    "argued",
    "argues",
    "predicted",
    "predicts",
    "forecast",
    "forecasts",
    "confirmed",
    "confirms",
    "showed",
    "shows",
    "show",
    "found",
    "finds",
    "calculated",
    "calculates",
    "projected",
    "projects",
    "disclosed",
    "acknowledged",
    "admitted",
    "suggested",
    "suggests",
    "indicated",
    "indicates",
    "believes",
    "believed",
];

fn reporting_verb(word: &str) -> bool {
    const SHAPES: Shapes = Shapes::of(&[REPORTING_VERBS]);
    const VERBS: WordSet<{ REPORTING_VERBS.len() }> = WordSet::of(&[REPORTING_VERBS]);
    SHAPES.may_hold(word.as_bytes()) && VERBS.contains(word)
}

/// Reporting verbs that are as often plural nouns ("jobless claims jumped"): a cue only
/// before "that".
fn noun_form(word: &str) -> bool {
    matches!(
        word,
        "claims" | "estimates" | "forecasts" | "reports" | "notes" | "states" | "projects"
    )
}

/// Words that may stand between a source and its verb ("the ministry has also said").
fn between_subject_and_verb(word: &str) -> bool {
    matches!(
        word,
        "also"
            | "has"
            | "have"
            | "had"
            | "previously"
            | "later"
            | "earlier"
            | "recently"
            | "reportedly"
            | "separately"
            | "publicly"
            | "again"
            | "once"
            | "further"
            | "last"
            | "yesterday"
            | "today"
            | "on"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Words that join the parts of a source's name ("Bank of England", "a report by the IMF").
fn connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "for" | "and" | "by" | "from" | "the" | "at" | "on" | "in" | "de"
    )
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A word that may be part of a source's name: a capitalised word, or a lowercase noun
/// ("officials", "analysts", "the ministry").
fn name_word(word: &str) -> bool {
    if capitalised(word) {
        return !matches!(
            word,
            "But" | "And" | "However" | "Meanwhile" | "It" | "This" | "That" | "There" | "In"
        );
    }
    word.chars()
        .all(|c| c.is_alphabetic() || c == '’' || c == '\'' || c == '-')
        && !lowercase_is(word, |l| {
            ends_phrase(l) || reporting_verb(l) || between_subject_and_verb(l)
        })
}

/// The subject before the verb at `verb`: "the US State Department said".
fn source_before(sentence: &str, tokens: &[Token<'_>], verb: usize) -> Option<String> {
    let mut k = verb;
    while k > 0 && lowercase_is(tokens[k - 1].text, between_subject_and_verb) {
        if !tokens[k - 1].joined_to_next {
            return None;
        }
        k -= 1;
    }
    let last = k;
    let mut first = k;
    while first > 0 && last - first < 8 {
        let t = &tokens[first - 1];
        if !t.joined_to_next {
            break;
        }
        let joins =
            lowercase_is(t.text, connector) && first < last && capitalised(tokens[first].text);
        if name_word(t.text) || joins || (t.text.eq_ignore_ascii_case("the") && first < last) {
            first -= 1;
        } else if pronoun(t.text) && first == last {
            return Some(t.text.to_string());
        } else {
            break;
        }
    }
    if first == last {
        return appositive_subject(sentence, tokens, last);
    }
    // "his selection claims": a possessive before the words makes them a noun phrase.
    let possessed = first > 0
        && tokens[first - 1].joined_to_next
        && matches!(
            tokens[first - 1].text,
            "his" | "her" | "its" | "their" | "our" | "my" | "your" | "a" | "an"
        );
    if possessed {
        return None;
    }
    clean(sentence, &tokens[first..last])
}

/// "Gomong Hyun, a senior researcher at the institute, said": the name that opens the
/// sentence, when a comma stands right before the verb.
fn appositive_subject(sentence: &str, tokens: &[Token<'_>], verb: usize) -> Option<String> {
    let before_verb = sentence[..tokens.get(verb)?.start].trim_end();
    if !before_verb.ends_with(',') || verb == 0 {
        return None;
    }
    let mut end = 0;
    while end < verb && capitalised(tokens[end].text) && tokens[end].joined_to_next {
        end += 1;
    }
    let opens_with_name = end > 0 && end < verb && capitalised(tokens[end].text);
    if opens_with_name {
        end += 1;
    }
    let comma_after = end > 0
        && sentence[tokens[end - 1].end..]
            .trim_start()
            .starts_with(',');
    (end >= 1 && comma_after && person_name(&join(sentence, &tokens[..end])))
        .then(|| join(sentence, &tokens[..end]))
}

/// "…, said John Smith": a capitalised name right after the verb.
fn inverted_source(sentence: &str, tokens: &[Token<'_>], verb: usize) -> Option<String> {
    let mut after: Vec<Token<'_>> = Vec::new();
    for t in tokens[verb + 1..].iter().take(4) {
        if !(capitalised(t.text) && name_word(t.text)) {
            break;
        }
        after.push(*t);
        // Only spacing may stand between the words of a name.
        if !t.joined_to_next {
            break;
        }
    }
    let preceded_by_comma = verb > 0
        && sentence[..tokens[verb].start]
            .trim_end()
            .ends_with([',', '"', '”']);
    (preceded_by_comma && !after.is_empty()).then(|| join(sentence, &after))
}

/// The source after "according to": up to a comma, a verb or a function word.
fn source_after(sentence: &str, tokens: &[Token<'_>], from: usize) -> Option<String> {
    let mut end = from;
    while end < tokens.len() && end - from < 10 {
        let t = &tokens[end];
        let fits =
            name_word(t.text) || lowercase_is(t.text, |l| connector(l) || matches!(l, "a" | "an"));
        if !fits || t.text.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        end += 1;
        if !t.joined_to_next {
            break;
        }
    }
    while end > from && lowercase_is(tokens[end - 1].text, connector) {
        end -= 1;
    }
    (end > from)
        .then(|| clean(sentence, &tokens[from..end]))
        .flatten()
}

/// The name right after `from`: capitalised words, with "the" and joining words between
/// them ("the Bank of England").
fn name_after(sentence: &str, tokens: &[Token<'_>], from: usize) -> Option<String> {
    let mut end = from;
    while let Some(t) = tokens.get(end) {
        let joins = connector(t.text) && tokens.get(end + 1).is_some_and(|n| capitalised(n.text));
        if !(capitalised(t.text) || joins) {
            break;
        }
        end += 1;
        if !t.joined_to_next {
            break;
        }
    }
    (end > from).then(|| join(sentence, &tokens[from..end]))
}

/// Nouns for a publication of figures, in lowercase (a capitalised one is part of a name, as
/// in "Open Source Centre"); the source is who made it.
const REPORT_NOUNS: &[&str] = &[
    "report",
    "reports",
    "analysis",
    "study",
    "survey",
    "data",
    "figures",
    "estimate",
    "estimates",
    "research",
    "poll",
    "statement",
    "review",
    "source",
    "sources",
    "calculations",
    "forecast",
    "findings",
    "statistics",
    "census",
    "audit",
    "assessment",
];

fn report_noun(word: &str) -> bool {
    const SHAPES: Shapes = Shapes::of(&[REPORT_NOUNS]);
    const NOUNS: WordSet<{ REPORT_NOUNS.len() }> = WordSet::of(&[REPORT_NOUNS]);
    SHAPES.may_hold(word.as_bytes()) && NOUNS.contains(word)
}

/// The source's name from its words: "Bloomberg’s report on Friday" → "Bloomberg", "a recent
/// report from Reuters" → "Reuters", "The Reuters report" → "The Reuters".
fn clean(sentence: &str, words: &[Token<'_>]) -> Option<String> {
    let mut words = words;
    // "a report by X", "data from X": the maker follows.
    let report = |(k, t): (usize, &Token<'_>)| {
        report_noun(t.text) || (k == 0 && lowercase_is(t.text, report_noun))
    };
    if let Some(k) = words.iter().enumerate().position(report) {
        let maker = words
            .get(k + 1)
            .is_some_and(|t| matches!(t.text, "by" | "from" | "of"));
        if maker && k + 2 < words.len() {
            words = &words[k + 2..];
        } else if k > 0 {
            words = &words[..k];
        }
    }
    // "Bloomberg’s report": the possessor.
    let possessive = |t: &Token<'_>| t.text.ends_with("’s") || t.text.ends_with("'s");
    if let Some(k) = words.iter().position(possessive) {
        if words.get(k + 1).is_none_or(|t| report_noun(t.text)) {
            let name = join(sentence, &words[..=k]);
            let name = name
                .trim_end_matches("’s")
                .trim_end_matches("'s")
                .to_string();
            return meaningful(name);
        }
    }
    while let Some((last, rest)) = words.split_last() {
        if lowercase_is(last.text, connector) || matches!(last.text, "a" | "an") {
            words = rest;
        } else {
            break;
        }
    }
    while let Some((first, rest)) = words.split_first() {
        if matches!(first.text, "a" | "an" | "A" | "An")
            || (first.text != "the" && connector(first.text))
        {
            words = rest;
        } else {
            break;
        }
    }
    if words.is_empty() {
        return None;
    }
    meaningful(join(sentence, words))
}

/// A source worth naming: not a lone determiner or pronoun.
fn meaningful(name: String) -> Option<String> {
    let lone = lowercase_is(&name, |l| {
        matches!(l, "the" | "it" | "they" | "this" | "that")
    });
    (!name.is_empty() && !lone).then_some(name)
}

fn join(sentence: &str, words: &[Token<'_>]) -> String {
    match (words.first(), words.last()) {
        (Some(first), Some(last)) => super::text::collapse(&sentence[first.start..last.end]),
        _ => String::new(),
    }
}

fn pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "He" | "She")
}

/// Two to four capitalised words, none of them "The": a person's name ("Shin Wonsik").
fn person_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| capitalised(w) && !matches!(*w, "The" | "A"))
}
