//! Sentence boundaries and line/column positions. Headlines, captions and list items are
//! sentences of their own: a line break ends a sentence in plain text, a blank line, heading or
//! list item does in Markdown.

use super::lexicon::month_abbreviation;
use super::text::char_at;

/// Abbreviations whose full stop does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Capt"
            | "Jr"
            | "Sr"
            | "Inc"
            | "Ltd"
            | "Co"
            | "Corp"
            | "Gov"
            | "Sen"
            | "Rep"
            | "Prof"
            | "No"
            | "vs"
            | "etc"
            | "approx"
            | "U.S"
            | "U.K"
            | "U.N"
            | "e.g"
            | "i.e"
            | "Mt"
            | "Ft"
            | "Rev"
    ) || month_abbreviation(word)
        || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
}

/// How a text's lines and blocks end sentences.
#[derive(Clone, Copy)]
pub enum Layout<'a> {
    /// Every line break ends a sentence (scraped articles keep a paragraph a line).
    Lines,
    /// A blank line ends one, and so does the start of each block (sorted byte offsets).
    Blocks(&'a [usize]),
}

/// The sentences of a text, split only as far as they are asked for. Only those near the one
/// asked for last are held (the `reach` on either side of it, and at most a few hundred more
/// split ahead or not yet dropped), so memory stays the same however long the text.
pub struct Window<'a> {
    splitter: Splitter<'a>,
    held: Vec<(usize, usize)>,
    /// Where in `held` the sentence asked for last is.
    at: usize,
    reach: usize,
}

/// How many sentences before the `reach` are let pile up before they are dropped at once.
const SPARE: usize = 256;

/// How many sentences are split past the one asked for.
const AHEAD: usize = 256;

impl<'a> Window<'a> {
    pub fn new(text: &'a str, layout: Layout<'a>, reach: usize) -> Self {
        Self {
            splitter: Splitter::new(text, layout),
            held: Vec::new(),
            at: 0,
            reach,
        }
    }

    /// The sentence that holds `offset` (the last one when none does) as an index into the
    /// sentences returned, which hold the `reach` sentences before and after it wherever
    /// the text has them. Offsets must not decrease between calls.
    pub fn around(&mut self, offset: usize) -> (&[(usize, usize)], usize) {
        // A text has at least one sentence, if an empty one.
        self.holds(self.at);
        while self.held[self.at].1 <= offset && self.holds(self.at + 1) {
            self.at += 1;
        }
        self.holds(self.at + self.reach);
        if self.at > self.reach + SPARE {
            let passed = self.at - self.reach;
            self.held.drain(..passed);
            self.at -= passed;
        }
        (&self.held, self.at)
    }

    /// Whether the sentence at `index` of `held` exists, split now if need be. Sentences are
    /// split `AHEAD` at a time, which keeps the splitter's code warm.
    fn holds(&mut self, index: usize) -> bool {
        if self.held.len() <= index {
            while self.held.len() <= index + AHEAD && self.splitter.split_next(&mut self.held) {}
        }
        self.held.len() > index
    }
}

/// Splits a text into sentence spans `(start, end)`, covering every non-blank stretch.
struct Splitter<'a> {
    text: &'a str,
    layout: Layout<'a>,
    /// Where the sentence being read starts.
    start: usize,
    /// Where to look for the next stop.
    next: usize,
    blocks: std::iter::Peekable<std::iter::Copied<std::slice::Iter<'a, usize>>>,
    stops: Stops<'a>,
    done: bool,
}

impl<'a> Splitter<'a> {
    fn new(text: &'a str, layout: Layout<'a>) -> Self {
        let blocks = match layout {
            Layout::Lines => &[][..],
            Layout::Blocks(starts) => starts,
        };
        Self {
            text,
            layout,
            start: 0,
            next: 0,
            blocks: blocks.iter().copied().peekable(),
            stops: Stops::new(text.as_bytes()),
            done: false,
        }
    }

    /// Reads on to the next stop, adding to `out` the sentences it ends (none, one, or more
    /// when blocks start before it); `false` once the last sentence has been added.
    fn split_next(&mut self, out: &mut Vec<(usize, usize)>) -> bool {
        if self.done {
            return false;
        }
        let text = self.text;
        let stop = self.stops.next(self.next);
        // A block that starts before the next stop ends the sentence before it.
        while let Some(&block) = self.blocks.peek() {
            if stop.is_some_and(|k| block > k) || (stop.is_none() && block >= text.len()) {
                break;
            }
            self.blocks.next();
            if block > self.start {
                out.push((self.start, block));
                self.start = block;
            }
        }
        let Some(i) = stop else {
            out.push((self.start, text.len()));
            self.done = true;
            return true;
        };
        let cut = match text.as_bytes()[i] {
            b'\n' => {
                let blank = || {
                    text[i + 1..]
                        .trim_start_matches([' ', '\t', '\r'])
                        .starts_with('\n')
                };
                (matches!(self.layout, Layout::Lines) || blank()).then_some(i)
            }
            b'.' | b'!' | b'?' => sentence_end(text, self.start, i),
            _ => None,
        };
        if let Some(end) = cut {
            out.push((self.start, end));
            self.start = end;
        }
        self.next = i + 1;
        true
    }
}

/// Finds the bytes that may end a sentence (a line break, `.`, `!` or `?`) with vector
/// instructions: three at once, and the rarer `!` on its own, looked for again only once
/// the scan has passed the one found.
struct Stops<'a> {
    bytes: &'a [u8],
    /// The next `!` at or after where it was last looked for, or `None` past the last.
    bang: Option<usize>,
}

impl<'a> Stops<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            bang: memchr::memchr(b'!', bytes),
        }
    }

    /// The next byte at or after `from` that may end a sentence.
    fn next(&mut self, from: usize) -> Option<usize> {
        if self.bang.is_some_and(|k| k < from) {
            self.bang = memchr::memchr(b'!', &self.bytes[from..]).map(|k| from + k);
        }
        let common = memchr::memchr3(b'\n', b'.', b'?', &self.bytes[from..]).map(|k| from + k);
        match (common, self.bang) {
            (Some(c), Some(b)) => Some(c.min(b)),
            (c, b) => c.or(b),
        }
    }
}

/// Where the sentence ends if the `.`, `!` or `?` at `i` ends it (after closing quotes).
fn sentence_end(text: &str, start: usize, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // A decimal point or a dotted abbreviation continues ("4.8", "U.S.").
    if bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    // Closing quotes and brackets stay with the sentence; ASCII is told from the byte.
    let mut j = i + 1;
    loop {
        match bytes.get(j) {
            Some(b'"' | b'\'' | b')' | b']') => j += 1,
            Some(&b) if b >= 0x80 => match char_at(text, j) {
                Some(c @ ('”' | '’' | '»')) => j += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    // Spaces, tabs and non-breaking spaces after it.
    let mut rest = j;
    loop {
        match bytes.get(rest) {
            Some(b' ' | b'\t') => rest += 1,
            Some(0xC2) if bytes.get(rest + 1) == Some(&0xA0) => rest += 2,
            _ => break,
        }
    }
    if rest == j && rest < bytes.len() && !matches!(bytes[rest], b'\n' | b'\r') {
        return None;
    }
    if bytes[i] == b'.' {
        // ASCII letters and digits are passed over a byte at a time; anything else is decoded.
        let ascii = bytes[start..i]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'.')
            .count();
        let mut word_start = i - ascii;
        if word_start > start && bytes[word_start - 1] >= 0x80 {
            word_start = text[start..word_start]
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
                .map_or(start, |(k, c)| start + k + c.len_utf8());
        }
        if is_abbreviation(&text[word_start..i]) {
            return None;
        }
    }
    match bytes.get(rest) {
        Some(b) if b.is_ascii_lowercase() => None,
        Some(&b) if b >= 0x80 && char_at(text, rest).is_some_and(char::is_lowercase) => None,
        _ => Some(j),
    }
}

/// The longest sentence kept whole; a longer one (a text without sentence punctuation) is
/// cut to at most `WINDOW` bytes on either side of each figure.
pub const LONGEST_SENTENCE: usize = 1200;
pub const WINDOW: usize = 400;

/// The part of the sentence `(start, end)` shown with the figure `(at, to)`: the whole sentence
/// when it is not over `LONGEST_SENTENCE`, else a window around the figure cut at spaces, so
/// output stays linear in the length of the text.
pub fn window(
    text: &str,
    (start, end): (usize, usize),
    (at, to): (usize, usize),
) -> (usize, usize) {
    if end - start <= LONGEST_SENTENCE {
        return (start, end);
    }
    let from = if at - start > WINDOW {
        cut_forward(text, at - WINDOW, at)
    } else {
        start
    };
    let until = if end - to > WINDOW {
        cut_back(text, to, to + WINDOW)
    } else {
        end
    };
    (from, until)
}

/// The first word start at or after `i` (and before `limit`).
fn cut_forward(text: &str, i: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let mut k = i;
    while k < limit && !bytes[k - 1].is_ascii_whitespace() {
        k += 1;
    }
    while k < limit && !text.is_char_boundary(k) {
        k += 1;
    }
    k
}

/// The last word end at or before `i` (and after `floor`).
fn cut_back(text: &str, floor: usize, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut k = i;
    while k > floor && !bytes[k].is_ascii_whitespace() {
        k -= 1;
    }
    while k > floor && !text.is_char_boundary(k) {
        k -= 1;
    }
    k
}

/// Converts increasing byte offsets into 1-based lines and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    /// The 1-based column of `pos`, so claims on one long line are counted from the last one.
    column: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            line: 1,
            column: 1,
        }
    }

    /// Line and column of `offset`; offsets must not decrease between calls.
    pub fn locate(&mut self, offset: usize) -> (usize, usize) {
        let passed = &self.text.as_bytes()[self.pos..offset];
        let mut last_break = None;
        for k in memchr::memchr_iter(b'\n', passed) {
            self.line += 1;
            last_break = Some(k);
        }
        let from = match last_break {
            Some(k) => {
                self.column = 1;
                self.pos + k + 1
            }
            None => self.pos,
        };
        self.column += self.text[from..offset].chars().count();
        self.pos = offset;
        (self.line, self.column)
    }
}
