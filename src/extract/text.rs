//! Byte-offset navigation over UTF-8 text: words, spacing and neighbouring characters.
//! Every offset handed out lies on a character boundary.

use super::lexicon::WordsBack;

/// A run of letters, digits and inner apostrophes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl<'a> Word<'a> {
    /// The word in ASCII lowercase, or `None` when it is too long to be a vocabulary word.
    pub fn lower(&self) -> Option<LowerWord<'a>> {
        LowerWord::new(self.text)
    }

    pub fn has_digit(&self) -> bool {
        self.text.bytes().any(|b| b.is_ascii_digit())
    }
}

/// A short word in ASCII lowercase: the word itself when it has no capital, else lowered
/// into a fixed buffer, so lookups allocate nothing.
#[derive(Clone, Copy)]
pub struct LowerWord<'a>(Lowered<'a>);

#[derive(Clone, Copy)]
enum Lowered<'a> {
    /// The word as written, already lowercase.
    Written(&'a str),
    /// The word's bytes lowered, and their number.
    Copied([u8; 24], u8),
}

impl<'a> LowerWord<'a> {
    pub fn new(word: &'a str) -> Option<Self> {
        let bytes = word.as_bytes();
        if bytes.len() > 24 {
            return None;
        }
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return Some(Self(Lowered::Written(word)));
        }
        let mut buf = [0u8; 24];
        for (slot, b) in buf.iter_mut().zip(bytes) {
            *slot = b.to_ascii_lowercase();
        }
        Some(Self(Lowered::Copied(buf, bytes.len() as u8)))
    }

    /// The lowercase bytes, read without checking them as text.
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Lowered::Written(word) => word.as_bytes(),
            Lowered::Copied(buf, len) => &buf[..usize::from(*len)],
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Lowered::Written(word) => word,
            // Lowercasing ASCII bytes of a valid UTF-8 string keeps it valid UTF-8.
            Lowered::Copied(buf, len) => {
                std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or("")
            }
        }
    }
}

/// Whether `word` in ASCII lowercase passes `test`, which knows only short words: a word too
/// long for a [`LowerWord`] passes none.
pub fn lowercase_is(word: &str, test: impl FnOnce(&str) -> bool) -> bool {
    LowerWord::new(word).is_some_and(|l| test(l.as_str()))
}

/// One in each byte of a word read eight bytes at a time, and the high bit of each byte.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x80 * ONES;

/// The end of the run of ASCII letters at `i`, found eight bytes at a time: most words are
/// passed over, so finding where each ends is most of reading a text.
pub fn ascii_letters_end(bytes: &[u8], mut i: usize) -> usize {
    const LOW7: u64 = 0x7f * ONES;
    const CASE: u64 = 0x20 * ONES;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Setting bit 5 lowercases a letter and turns no other byte into one; a byte is
        // then a letter when it is ASCII and between b'a' and b'z'.
        let lowered = word | CASE;
        let seven = lowered & LOW7;
        let from_a = seven.wrapping_add(0x1f1f_1f1f_1f1f_1f1f);
        let past_z = seven.wrapping_add(0x0505_0505_0505_0505);
        let letters = from_a & !past_z & !lowered & HIGHS;
        let others = !letters & HIGHS;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count()
}

/// Spacing that may stand inside a claim: spaces, tabs, non-breaking and thin spaces, and a
/// single line break (a blank line ends a paragraph).
pub fn is_inline_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\r' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}'
    )
}

/// Apostrophes that can stand inside a word ("Russia’s").
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

pub fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// The word starting at `i`, which must be the first character of a word.
pub fn word_at(text: &str, i: usize) -> Option<Word<'_>> {
    if !text.is_char_boundary(i) {
        return None;
    }
    // ASCII letters and digits are taken a byte at a time; anything else is decoded.
    let bytes = text.as_bytes();
    let mut end = i + bytes[i..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if bytes.get(end).is_none_or(|&b| plain_break(b)) {
        return (end > i).then(|| Word {
            start: i,
            end,
            text: &text[i..end],
        });
    }
    let from = end;
    let mut chars = text[from..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if is_word_char(c) {
            end = from + off + c.len_utf8();
        } else if is_apostrophe(c) && end == from + off && end > i {
            match chars.peek() {
                Some(&(_, next)) if next.is_alphabetic() => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    (end > i).then(|| Word {
        start: i,
        end,
        text: &text[i..end],
    })
}

/// Whether the byte `b` after (or before) a run of ASCII letters and digits ends the word
/// there without being decoded: ASCII, and no apostrophe.
fn plain_break(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'\''
}

/// Skips inline spacing forward from `i`; stops before a second line break.
pub fn skip_space(text: &str, i: usize) -> usize {
    let mut newlines = 0;
    let mut pos = i;
    while let Some(&b) = text.as_bytes().get(pos) {
        match space_step(b, &mut newlines, || char_at(text, pos)) {
            Some(len) => pos += len,
            None => break,
        }
    }
    pos
}

/// Skips inline spacing backward from `i`; stops after a second line break.
pub fn skip_space_back(text: &str, i: usize) -> usize {
    let mut newlines = 0;
    let mut pos = i;
    while pos > 0 {
        match space_step(text.as_bytes()[pos - 1], &mut newlines, || {
            char_before(text, pos)
        }) {
            Some(len) => pos -= len,
            None => break,
        }
    }
    pos
}

/// The length of the inline space at the byte `b` (the first of its character going forward,
/// the last going back), counting line breaks in `newlines`; `None` at anything else or a
/// second line break. ASCII is told from the byte; only another character is decoded.
fn space_step(b: u8, newlines: &mut usize, decode: impl FnOnce() -> Option<char>) -> Option<usize> {
    match b {
        b'\n' => {
            *newlines += 1;
            (*newlines == 1).then_some(1)
        }
        b' ' | b'\t' | b'\r' => Some(1),
        0..=0x7f => None,
        _ => decode().filter(|c| is_inline_space(*c)).map(char::len_utf8),
    }
}

/// The word that follows `i` after spacing, if the next thing there is a word.
pub fn next_word(text: &str, i: usize) -> Option<Word<'_>> {
    let start = skip_space(text, i);
    // An ASCII byte is a word's first character or not by itself; another is decoded.
    match text.as_bytes().get(start)? {
        b if b.is_ascii_alphanumeric() => word_at(text, start),
        b if b.is_ascii() => None,
        _ => match char_at(text, start) {
            Some(c) if is_word_char(c) => word_at(text, start),
            _ => None,
        },
    }
}

/// The word that ends just before `i` after spacing, if the previous thing there is a word.
pub fn prev_word(text: &str, i: usize) -> Option<Word<'_>> {
    let end = skip_space_back(text, i);
    // ASCII letters and digits are taken a byte at a time; anything else is decoded.
    let start_of_ascii = end
        - text.as_bytes()[..end]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
    let mut start = start_of_ascii;
    let mut last_was_word = start < end;
    let before = start_of_ascii.checked_sub(1).map(|k| text.as_bytes()[k]);
    let decoded = before.is_some_and(|b| !plain_break(b));
    for (off, c) in text[..start_of_ascii]
        .char_indices()
        .rev()
        .take_while(|_| decoded)
    {
        if is_word_char(c) {
            start = off;
            last_was_word = true;
        } else if is_apostrophe(c) && last_was_word && off > 0 {
            start = off;
            last_was_word = false;
        } else {
            break;
        }
    }
    // A leading apostrophe belongs to no word.
    while text
        .as_bytes()
        .get(start)
        .is_some_and(|&b| !plain_break(b) && !b.is_ascii_alphanumeric())
    {
        match char_at(text, start) {
            Some(c) if is_apostrophe(c) => start += c.len_utf8(),
            _ => break,
        }
    }
    (start < end).then(|| Word {
        start,
        end,
        text: &text[start..end],
    })
}

/// Up to `N` words before an offset, nearest first, lowercased, read back only as far as
/// they are asked for; reading stops at anything but spacing. Held without allocating.
pub struct WordsBefore<'a, const N: usize> {
    text: &'a str,
    words: [(Word<'a>, LowerWord<'a>); N],
    len: usize,
    /// Where the next word back ends, or `None` once reading has stopped.
    next: Option<usize>,
}

impl<'a, const N: usize> WordsBefore<'a, N> {
    pub fn new(text: &'a str, i: usize) -> Self {
        let none = Word {
            start: i,
            end: i,
            text: "",
        };
        Self {
            text,
            words: [(none, LowerWord(Lowered::Written(""))); N],
            len: 0,
            next: Some(i),
        }
    }

    /// The `k`th word back (0 is the nearest), or `None` when there is none within `N`.
    pub fn get(&mut self, k: usize) -> Option<(Word<'a>, LowerWord<'a>)> {
        self.read_to(k).then(|| self.words[k])
    }

    /// The `k`th word back in lowercase; empty when there is none.
    pub fn lower(&mut self, k: usize) -> &str {
        if self.read_to(k) {
            self.words[k].1.as_str()
        } else {
            ""
        }
    }

    /// Whether there is a `k`th word back, read now if need be.
    #[inline]
    fn read_to(&mut self, k: usize) -> bool {
        k < self.len || self.read_on(k)
    }

    /// Reads back to the `k`th word; whether there is one.
    fn read_on(&mut self, k: usize) -> bool {
        while self.len <= k && self.len < N {
            let Some(pos) = self.next else { break };
            match prev_word(self.text, pos).and_then(|w| Some((w, w.lower()?))) {
                Some((w, l)) => {
                    self.words[self.len] = (w, l);
                    self.len += 1;
                    self.next = Some(w.start);
                }
                None => self.next = None,
            }
        }
        k < self.len
    }
}

impl<'a, const N: usize> WordsBack<'a> for WordsBefore<'a, N> {
    fn word(&mut self, k: usize) -> Option<LowerWord<'a>> {
        self.get(k).map(|(_, lower)| lower)
    }

    fn word_is(&mut self, k: usize, word: &str) -> bool {
        self.read_to(k) && self.words[k].1.as_bytes() == word.as_bytes()
    }
}

/// Whitespace runs (including non-breaking spaces and line breaks) as single spaces.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(&mut out, s);
    out
}

/// [`collapse`] written into `out` in place of what it held, reusing its memory.
pub fn collapse_into(out: &mut String, s: &str) {
    out.clear();
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && space_len(s, i) > 0 {
            i += space_len(s, i);
        }
        if i == bytes.len() {
            return;
        }
        // A stretch of words joined by single spaces is copied as it is.
        let start = i;
        i = stretch_end(s, i);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..i]);
    }
}

/// The end of the stretch of words joined by single spaces at `i`: the first whitespace
/// character at or after `i` that is not a lone space before a word, else the end of `s`.
/// Eight bytes are passed over at a time when none of them may end it.
fn stretch_end(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Marked: bytes below b'!' and the lead bytes from 0xC0, which hold every byte
        // [`may_be_space`] lets through. No such byte goes unmarked; a byte above a marked
        // one may be marked too, which only costs a closer look.
        let spacing = word.wrapping_sub(0x21 * ONES) & !word & HIGHS;
        let lead = word & (word << 1) & HIGHS;
        let marked = spacing | lead;
        // Spaces, likewise, and among them those a marked byte follows or that end the
        // eight, whose next byte is out of sight.
        let xored = word ^ (0x20 * ONES);
        let spaces = xored.wrapping_sub(ONES) & !xored & HIGHS;
        let ending = (spaces & (marked >> 8)) | (spaces & (HIGHS << 56)) | (marked & !spaces);
        if ending == 0 {
            i += 8;
            continue;
        }
        let k = i + (ending.trailing_zeros() / 8) as usize;
        if ends_stretch(s, k) {
            return k;
        }
        i = k + 1;
    }
    while i < bytes.len() && !ends_stretch(s, i) {
        i += 1;
    }
    i
}

/// Whether the byte at `i` starts whitespace other than a lone space before a word.
fn ends_stretch(s: &str, i: usize) -> bool {
    let bytes = s.as_bytes();
    if bytes[i] == b' ' {
        return i + 1 == bytes.len() || space_len(s, i + 1) > 0;
    }
    may_be_space(bytes[i]) && space_len(s, i) > 0
}

/// Whether a byte may start a whitespace character: ASCII spacing and controls, and the
/// lead bytes [`space_len`] decodes.
fn may_be_space(b: u8) -> bool {
    b <= b' ' || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The byte length of the whitespace character starting at byte `i`, or 0. Only the lead
/// bytes of Unicode spaces (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000) are decoded.
fn space_len(s: &str, i: usize) -> usize {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return usize::from(b.is_ascii_whitespace() || b == 0x0b);
    }
    if !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        return 0;
    }
    match char_at(s, i) {
        Some(c) if c.is_whitespace() => c.len_utf8(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_leaves_words_between_single_spaces() {
        for s in [
            "",
            " ",
            "a",
            " a  b\tc\n\nd\u{b}e\u{c} f\r ",
            "x\u{a0}y\u{2009}\u{202f}z\u{3000}w\u{85}v\u{1680}u",
            "  lead and trail  ",
            "’quoted’ “text” – é 👩‍🔬 \u{200b}zero-width is no space",
            "one\u{0}two\u{1f}three",
        ] {
            let words: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(collapse(s), words.join(" "), "{s:?}");
        }
    }

    #[test]
    fn collapse_finds_every_space_at_every_offset_of_a_chunk() {
        let spaces = (0..=0x3100u32).filter_map(char::from_u32);
        for c in spaces.chain(['’', '“', '£', '€', '👩']) {
            for k in 0..12 {
                let s = format!("{}{c}{c}qrstuvwxyz0123456", &"abcdefghijklmnop"[..k]);
                let words: Vec<&str> = s.split_whitespace().collect();
                assert_eq!(collapse(&s), words.join(" "), "{c:?} after {k}");
            }
        }
    }

    #[test]
    fn collapse_finds_every_space_beside_a_lone_space_at_every_offset_of_a_chunk() {
        let spaces = (0..=0x3100u32).filter_map(char::from_u32);
        for c in spaces.chain(['’', '“', '£', '€', '👩']) {
            for k in 0..20 {
                let head = &"ab cd efghijklmnopqrst"[..k];
                for s in [
                    format!("{head} {c}uv wxyz 0123456"),
                    format!("{head}{c} uv wxyz 0123456"),
                    format!("{head}{c}"),
                    format!("{head} {c}"),
                    format!("{head} "),
                ] {
                    let words: Vec<&str> = s.split_whitespace().collect();
                    assert_eq!(collapse(&s), words.join(" "), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn the_end_of_a_run_of_letters_is_found_whatever_byte_ends_it() {
        for stop in 0..=255u8 {
            for len in 0..20 {
                let mut bytes: Vec<u8> = (0..len).map(|k| [b'a', b'Z', b'q'][k % 3]).collect();
                bytes.push(stop);
                bytes.extend_from_slice(b"abcdefghij");
                let expected = if stop.is_ascii_alphabetic() {
                    bytes.len()
                } else {
                    len
                };
                assert_eq!(
                    ascii_letters_end(&bytes, 0),
                    expected,
                    "{stop:#x} after {len}"
                );
            }
        }
    }
}
