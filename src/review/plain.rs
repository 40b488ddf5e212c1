//! The quick reader's first try: a review file in the plain layout factcheck writes, read in
//! one pass over its lines. Every line must be blank, a comment, a review file's table header
//! (`[article]`, `[[claim]]`, `[[retired]]`, and a claim's `[[claim.history]]` or
//! `[[claim.conflict]]`, or the same of a retired claim), or `key = value` with a bare key
//! and a value on that line: a basic or literal string (between one quote or three), a
//! decimal integer or float, a boolean, or an array of those. Each top-level table is handed
//! on as a serde map as soon as it ends, so that what a table may hold is decided by the same
//! structs whichever reader read it, and a file of any size holds one table's values at a
//! time. A file laid out in any other way (a key before the first header, a dotted or quoted
//! key, a string over several lines, a date, an escape other than TOML 1.0's) is `None`, for
//! the TOML parser to read.

use std::borrow::Cow;

use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::sections::Part;

/// One table's keys and values in file order, deserialised as a map.
pub(super) struct Table<'a>(Vec<(&'a str, Value<'a>)>);

/// A value as the file wrote it.
enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Array(Vec<Value<'a>>),
    /// An array of tables, one header each (`[[claim.history]]`).
    Tables(Vec<Table<'a>>),
}

/// Room for the keys factcheck writes in a claim's table, allocated at once: as many as fit in
/// less than 1 KiB, above which glibc's malloc takes its slow path (tidying its free lists).
const TABLE_KEYS: usize = 1000 / std::mem::size_of::<(&str, Value<'_>)>();
const _: () = assert!(
    TABLE_KEYS >= 20,
    "a claim table has room for every key factcheck writes"
);

/// Hands each top-level table of `text` to `each`, in order, with the part its header names;
/// `None` when the file is not in the plain layout or `each` returned `None`.
pub(super) fn each_table<'a>(
    text: &'a str,
    mut each: impl FnMut(Part, Table<'a>) -> Option<()>,
) -> Option<()> {
    let mut current: Option<(Part, Table<'a>)> = None;
    // The array of sub-tables that key lines go to, after a `[[claim.history]]` header.
    let mut sub: Option<&'a str> = None;
    for line in lines(text) {
        let line = line
            .strip_suffix("\r\n")
            .or_else(|| line.strip_suffix('\n'))
            .unwrap_or(line);
        let line = skip_blanks(line);
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            is_comment(comment).then_some(())?;
        } else if line.starts_with('[') {
            let (part, key) = header(line)?;
            match key {
                None => {
                    let table = Table(Vec::with_capacity(TABLE_KEYS));
                    if let Some((part, table)) = current.replace((part, table)) {
                        each(part, table)?;
                    }
                    sub = None;
                }
                Some(key) => {
                    let (open, table) = current.as_mut()?;
                    (*open == part).then_some(())?;
                    table.open_sub_table(key)?;
                    sub = Some(key);
                }
            }
        } else {
            let (key, value) = key_value(line)?;
            let table = &mut current.as_mut()?.1;
            match sub {
                None => table.0.push((key, value)),
                Some(name) => table.last_sub_table(name)?.insert(key, value)?,
            }
        }
    }
    match current {
        Some((part, table)) => each(part, table),
        None => Some(()),
    }
}

/// The lines of `text`, each with its line break, as `split_inclusive('\n')` gives them,
/// the breaks found with memchr.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|at| at + 1)
        .chain(std::iter::once(text.len()))
        .filter_map(move |end| {
            let line = (end > start).then(|| &text[start..end]);
            start = end;
            line
        })
}

impl<'a> Table<'a> {
    /// Starts another table of the array of tables at `key`.
    fn open_sub_table(&mut self, key: &'a str) -> Option<()> {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, Value::Tables(tables))) => tables.push(Table(Vec::new())),
            Some(_) => return None,
            None => self.0.push((key, Value::Tables(vec![Table(Vec::new())]))),
        }
        Some(())
    }

    fn last_sub_table(&mut self, key: &str) -> Option<&mut Table<'a>> {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, Value::Tables(tables))) => tables.last_mut(),
            _ => None,
        }
    }

    /// Adds a key, unless the table has it already (for tables whose struct allows any key).
    fn insert(&mut self, key: &'a str, value: Value<'a>) -> Option<()> {
        self.0.iter().all(|(k, _)| *k != key).then_some(())?;
        self.0.push((key, value));
        Some(())
    }
}

/// The part a header line names, and for a sub-table header the key of its array.
fn header(line: &str) -> Option<(Part, Option<&'static str>)> {
    let (name, rest) = match line.strip_prefix("[[") {
        Some(array) => {
            // No header this reader takes has a `]` in its name.
            let close = array.find(']')?;
            array[close..]
                .starts_with("]]")
                .then_some((&array[..close], &array[close + 2..]))?
        }
        None => match line[1..].split_once(']')? {
            ("article", rest) => ("[article]", rest),
            _ => return None,
        },
    };
    is_line_end(rest).then_some(())?;
    Some(match name {
        "[article]" => (Part::Article, None),
        "claim" => (Part::Claim, None),
        "retired" => (Part::Retired, None),
        "claim.history" => (Part::Claim, Some("history")),
        "claim.conflict" => (Part::Claim, Some("conflict")),
        "retired.history" => (Part::Retired, Some("history")),
        "retired.conflict" => (Part::Retired, Some("conflict")),
        _ => return None,
    })
}

/// A `key = value` line.
fn key_value(line: &str) -> Option<(&str, Value<'_>)> {
    let end = line
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(line.len());
    let (key, rest) = line.split_at(end);
    let rest = skip_blanks(rest).strip_prefix('=')?;
    let (value, rest) = value(skip_blanks(rest))?;
    (!key.is_empty() && is_line_end(rest)).then_some((key, value))
}

/// Whether what follows a header or a value is only blanks and perhaps a comment.
fn is_line_end(rest: &str) -> bool {
    let rest = skip_blanks(rest);
    rest.is_empty() || rest.strip_prefix('#').is_some_and(is_comment)
}

/// `s` without the spaces and tabs it starts with.
fn skip_blanks(s: &str) -> &str {
    let blanks = s.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    &s[blanks..]
}

/// Whether a comment's text holds no control character but tab, as TOML requires.
fn is_comment(text: &str) -> bool {
    !has_control(text.as_bytes())
}

/// Whether `bytes` hold a control character other than tab (control characters are ASCII:
/// the bytes tell), looked at all at once.
fn has_control(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| {
        found | (b < b' ' && b != b'\t') | (b == 0x7f)
    })
}

/// The value at the start of `s`, and what follows it.
fn value(s: &str) -> Option<(Value<'_>, &str)> {
    match s.as_bytes().first()? {
        b'"' | b'\'' => string(s),
        b'[' => array(&s[1..]),
        b'-' | b'0'..=b'9' => number(s),
        _ => {
            let (value, rest) = [("true", true), ("false", false)]
                .into_iter()
                .find_map(|(word, value)| Some((value, s.strip_prefix(word)?)))?;
            Some((Value::Bool(value), rest))
        }
    }
}

/// A string that ends on its line: basic (`"…"`, with escapes) or literal (`'…'`), or either
/// between three quotes, as factcheck writes a string that holds both kinds of quote.
fn string(s: &str) -> Option<(Value<'_>, &str)> {
    let quote = s.as_bytes()[0];
    let triple = if quote == b'"' { "\"\"\"" } else { "'''" };
    let (body, multi) = match s.strip_prefix(triple) {
        Some(body) => (body, true),
        None => (&s[1..], false),
    };
    let mut decoded = String::new();
    // How much of `body` is in `decoded`, once an escape made it needed.
    let mut copied = None;
    // Quotes, backslashes and control characters are ASCII: the scan looks for bytes.
    let bytes = body.as_bytes();
    let mut at = 0;
    loop {
        let next = at + memchr::memchr2(quote, b'\\', &bytes[at..])?;
        (!has_control(&bytes[at..next])).then_some(())?;
        at = next;
        if bytes[at] == quote {
            let run = if multi {
                bytes[at..].iter().take_while(|&&q| q == quote).count()
            } else {
                1
            };
            if run < 3 && multi {
                // One or two quotes are text in a string between three.
                at += run;
                continue;
            }
            // Up to two quotes before the closing three are text.
            let end = at + run.saturating_sub(3);
            (run <= 5).then_some(())?;
            let text = match copied {
                None => Cow::Borrowed(&body[..end]),
                Some(from) => {
                    decoded.push_str(&body[from..end]);
                    Cow::Owned(decoded)
                }
            };
            return Some((Value::Str(text), &body[at + run..]));
        }
        if quote == b'"' {
            decoded.push_str(&body[copied.unwrap_or(0)..at]);
            let mut chars = body[at + 1..].char_indices();
            decoded.push(escape(&mut chars)?);
            at += 1 + chars.offset();
            copied = Some(at);
        } else {
            // A backslash is text in a literal string.
            at += 1;
        }
    }
}

/// The character a basic string's escape stands for, after its backslash; only TOML 1.0's.
fn escape(chars: &mut std::str::CharIndices<'_>) -> Option<char> {
    Some(match chars.next()?.1 {
        'b' => '\u{8}',
        't' => '\t',
        'n' => '\n',
        'f' => '\u{c}',
        'r' => '\r',
        '"' => '"',
        '\\' => '\\',
        'u' => unicode(chars, 4)?,
        'U' => unicode(chars, 8)?,
        _ => return None,
    })
}

/// The character of a `\u` or `\U` escape's `digits` hexadecimal digits.
fn unicode(chars: &mut std::str::CharIndices<'_>, digits: usize) -> Option<char> {
    let mut code = 0;
    for _ in 0..digits {
        code = code * 16 + chars.next()?.1.to_digit(16)?;
    }
    char::from_u32(code)
}

/// An array on one line, after its opening bracket.
fn array(mut s: &str) -> Option<(Value<'_>, &str)> {
    let mut items = Vec::new();
    loop {
        s = skip_blanks(s);
        if let Some(rest) = s.strip_prefix(']') {
            return Some((Value::Array(items), rest));
        }
        let (item, rest) = value(s)?;
        items.push(item);
        s = skip_blanks(rest);
        match s.strip_prefix(',') {
            Some(rest) => s = rest,
            None => s.starts_with(']').then_some(())?,
        }
    }
}

/// A decimal integer or a finite float: `-`, an integer part without leading zeros, and for
/// a float a fraction, an exponent or both.
fn number(s: &str) -> Option<(Value<'_>, &str)> {
    let bytes = s.as_bytes();
    let digits_from = |at: usize| {
        at + bytes[at.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let start = usize::from(bytes[0] == b'-');
    let mut end = digits_from(start);
    if end == start || (bytes[start] == b'0' && end > start + 1) {
        return None;
    }
    let integral = end;
    if bytes.get(end) == Some(&b'.') {
        let fraction = digits_from(end + 1);
        (fraction > end + 1).then_some(())?;
        end = fraction;
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = end + 1 + usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        let exponent = digits_from(sign);
        (exponent > sign).then_some(())?;
        end = exponent;
    }
    let (number, rest) = s.split_at(end);
    let value = if end == integral {
        Value::Int(number.parse().ok()?)
    } else {
        Value::Float(number.parse().ok().filter(|f: &f64| f.is_finite())?)
    };
    Some((value, rest))
}

impl<'de> serde::Deserializer<'de> for Table<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let mut map = MapDeserializer::new(self.0.into_iter());
        let value = visitor.visit_map(&mut map)?;
        map.end()?;
        Ok(value)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Error> for Table<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> serde::Deserializer<'de> for Value<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Value::Str(Cow::Owned(s)) => visitor.visit_string(s),
            Value::Int(n) => visitor.visit_i64(n),
            Value::Float(f) => visitor.visit_f64(f),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Array(items) => visit_seq(items, visitor),
            Value::Tables(tables) => visit_seq(tables, visitor),
        }
    }

    /// A key that is present is a value that is there.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Error> for Value<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

fn visit_seq<'de, T, V>(items: Vec<T>, visitor: V) -> Result<V::Value, Error>
where
    T: IntoDeserializer<'de, Error>,
    V: Visitor<'de>,
{
    let mut seq = SeqDeserializer::new(items.into_iter());
    let value = visitor.visit_seq(&mut seq)?;
    seq.end()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn lines_are_split_as_split_inclusive_splits_them() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\r\nb\n\n", "\n\nx", "é\nü"] {
            let expected: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(lines(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
