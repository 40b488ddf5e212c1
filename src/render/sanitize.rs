//! The one gate between text factcheck did not write (articles, review files, file names, git
//! authors and commit subjects) and a terminal or a CI log. Control characters, bidirectional
//! overrides and other invisible format characters are shown as visible escapes (`\u{1b}`),
//! and a line break inside a value is shown as `\n`, so a value can neither move the cursor,
//! retitle the window, hide or reorder text, nor start a line of its own (a forged GitHub
//! workflow command). JSON output is escaped here too, so that it stays exact.
//!
//! Error messages are built by the core's `Display` implementations, which use [`terminal`]
//! on every value they quote; [`lines`] is the last guard on each line an error prints.
//!
//! JSON stays exact: serde escapes the C0 controls, and [`json`] writes the other hazardous
//! characters as `\u` escapes, which decode to the same text. [`json_string`] writes one
//! string the same way without serde, for output written a field at a time.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether a character must not reach a terminal as it is: C0 and C1 controls and DEL, the
/// bidirectional marks, embeddings, overrides and isolates, the Unicode line and paragraph
/// separators, the byte-order mark and the interlinear annotation marks (which hide text).
fn hazardous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// Writes `c` as a visible escape: `\n`, `\r`, `\t`, or `\u{hex}`.
fn escape_into(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// `s` made safe to print as one value on one line: every hazardous character, line breaks
/// included, shown as an escape. Borrowed when nothing needed escaping.
pub fn terminal(s: &str) -> Cow<'_, str> {
    // Printable ASCII, as most text is, holds nothing hazardous.
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) || !s.chars().any(hazardous) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hazardous(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A message of several lines made safe: each line as [`terminal`] makes it, the line breaks
/// between them kept.
pub fn lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && hazardous(c)) {
        return Cow::Borrowed(s);
    }
    let parts: Vec<Cow<'_, str>> = s.split('\n').map(terminal).collect();
    Cow::Owned(parts.join("\n"))
}

/// The message of a GitHub Actions workflow command (after `::`): made safe as for a
/// terminal, then `%` escaped as GitHub reads it.
pub fn workflow_message(s: &str) -> String {
    terminal(s).replace('%', "%25")
}

/// A property value of a workflow command (`file=`, `title=`): as a message, with `:` and
/// `,` escaped too, since they end a property.
pub fn workflow_property(s: &str) -> String {
    workflow_message(s).replace(':', "%3A").replace(',', "%2C")
}

/// A Markdown table cell: safe as for a terminal, with `|` escaped so it cannot end the cell.
pub fn table_cell(s: &str) -> String {
    terminal(s).replace('|', "\\|")
}

/// Writes `value` as JSON (indented when `pretty`), with every hazardous character that serde
/// leaves as it is (DEL, C1 controls, bidirectional controls) written as a `\u` escape. Such
/// characters only occur inside strings, so the document means exactly the same.
pub fn json(
    out: &mut dyn std::io::Write,
    value: &impl serde::Serialize,
    pretty: bool,
) -> std::io::Result<()> {
    let text = if pretty {
        serde_json::to_string_pretty(value)?
    } else {
        serde_json::to_string(value)?
    };
    // serde escapes C0 controls in strings, so any left are the layout's line breaks.
    let left_raw = |c: char| hazardous(c) && c > '\u{1f}';
    if !text.chars().any(left_raw) {
        return out.write_all(text.as_bytes());
    }
    let mut safe = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if left_raw(c) {
            let _ = write!(safe, "\\u{:04x}", c as u32);
        } else {
            safe.push(c);
        }
    }
    out.write_all(safe.as_bytes())
}

/// What [`json_string`] does with an ASCII byte: copy it, escape it, or (a byte of a
/// character beyond ASCII that may be hazardous: U+0080 to U+009F, U+061C, U+2000 to U+2FFF
/// and U+F000 to U+FFFF) look at the character it starts.
const COPY: u8 = 0;
const ESCAPE: u8 = 1;
const DECODE: u8 = 2;

const JSON_BYTE: [u8; 256] = {
    let mut table = [COPY; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            0x00..=0x1f | b'"' | b'\\' | 0x7f => ESCAPE,
            0xc2 | 0xd8 | 0xe2 | 0xef => DECODE,
            _ => COPY,
        };
        b += 1;
    }
    table
};

/// How many bytes at the start of `bytes`, eight at a time, JSON takes as they are: printable
/// ASCII other than `"` and `\`, most of any text.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = ONES * 0x80;
    let holds_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let eight = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // ASCII, none below a space, none DEL (the only ASCII byte one short of 0x80), and
        // neither a quote nor a backslash.
        let plain = eight & HIGHS == 0
            && eight.wrapping_sub(ONES * 0x20) & !eight & HIGHS == 0
            && eight.wrapping_add(ONES) & HIGHS == 0
            && !holds_zero(eight ^ (ONES * u64::from(b'"')))
            && !holds_zero(eight ^ (ONES * u64::from(b'\\')));
        if !plain {
            break;
        }
        n += 8;
    }
    n
}

/// Writes `s` as a JSON string, quotes included, exactly as [`json`] writes it: serde's
/// escapes for the quote, the backslash and the C0 controls (`\n`, `\u001b`), and a `\u`
/// escape for every other hazardous character.
pub fn json_string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.push(b'"');
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        i += plain_run(&bytes[i..]);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let (len, escape) = match JSON_BYTE[usize::from(b)] {
            COPY => {
                i += 1;
                continue;
            }
            ESCAPE => (1, u32::from(b)),
            _ => match s[i..].chars().next() {
                Some(c) if hazardous(c) => (c.len_utf8(), u32::from(c)),
                Some(c) => {
                    i += c.len_utf8();
                    continue;
                }
                None => break,
            },
        };
        out.extend_from_slice(&bytes[copied..i]);
        match escape {
            0x22 => out.extend_from_slice(b"\\\""),
            0x5c => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0a => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            0x0d => out.extend_from_slice(b"\\r"),
            c => {
                out.extend_from_slice(b"\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[(c >> shift) as usize & 0xf]);
                }
            }
        }
        i += len;
        copied = i;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_taken_as_they_are_stop_at_any_byte_json_must_look_at() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"abcdefghijklmnop";
                bytes[at] = b;
                let plain = (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\';
                assert_eq!(
                    plain_run(&bytes),
                    if plain { 16 } else { 0 },
                    "{b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn escapes_are_shown_and_text_is_kept() {
        assert_eq!(terminal("plain – text, 5%"), "plain – text, 5%");
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
        assert_eq!(terminal("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal("x\u{1b}]0;title\u{7}y"), "x\\u{1b}]0;title\\u{7}y");
        assert_eq!(terminal("one\ntwo\r\n"), "one\\ntwo\\r\\n");
        assert_eq!(terminal("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(terminal("\u{9b}31m\u{7f}"), "\\u{9b}31m\\u{7f}");
        assert_eq!(terminal("\u{feff}Title"), "\\u{feff}Title");
        // Emoji joiners and accents are text.
        assert_eq!(terminal("👩‍🔬 café"), "👩‍🔬 café");
    }

    #[test]
    fn sanitising_twice_changes_nothing_more() {
        let once = terminal("a\u{1b}[31m\nb\u{2066}").into_owned();
        assert_eq!(terminal(&once), once);
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(lines("a\u{1b}b\n  help: c"), "a\\u{1b}b\n  help: c");
    }

    #[test]
    fn json_escapes_decode_to_the_same_text() {
        let text = "a\u{9b}31m\u{202e}b\u{7f}\n";
        let mut out = Vec::new();
        json(&mut out, &serde_json::json!({ "s": text }), true).unwrap();
        let written = String::from_utf8(out).unwrap();
        assert_eq!(written, "{\n  \"s\": \"a\\u009b31m\\u202eb\\u007f\\n\"\n}");
        let back: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(back["s"], text);
    }

    #[test]
    fn json_strings_are_written_as_serde_and_json_write_them() {
        let mut tricky: Vec<String> = [
            "",
            "plain text, 5%",
            "quote \" and backslash \\ and slash /",
            "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1b}[2J\u{1f} \u{7f}",
            "\u{80}\u{85}\u{9b}\u{9f}\u{a0}\u{a9}é",
            "\u{61c}\u{200b}\u{200e}\u{200f}\u{2028}\u{2029}\u{202a}\u{202e}\u{202f}",
            "\u{2066}\u{2069}\u{206a}’“”–—\u{feff}\u{fff8}\u{fff9}\u{fffb}\u{fffc}\u{fffd}",
            "👩‍🔬 café \u{10ffff}\u{e0001}",
        ]
        .map(String::from)
        .to_vec();
        // Every character up to U+3000 and the top of the basic plane, each between letters.
        let every: String = (0..0x3000)
            .chain(0xf000..0x10000)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'x'])
            .collect();
        tricky.push(every);
        for s in &tricky {
            let mut serde = Vec::new();
            json(&mut serde, &s, false).unwrap();
            let mut direct = Vec::new();
            json_string(&mut direct, s);
            assert_eq!(
                String::from_utf8(direct).unwrap(),
                String::from_utf8(serde).unwrap()
            );
        }
    }

    #[test]
    fn workflow_commands_cannot_be_forged() {
        let forged = "x\n::error::forged 100%";
        assert_eq!(workflow_message(forged), "x\\n::error::forged 100%25");
        assert_eq!(workflow_property("a:b,c\r"), "a%3Ab%2Cc\\r");
    }
}
