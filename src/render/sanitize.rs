//! The one gate between text factcheck did not write (articles, review files, file names, git
//! authors and commit subjects) and a terminal or a CI log. Control characters, bidirectional
//! overrides and other invisible format characters are shown as visible escapes (`\u{1b}`),
//! and a line break inside a value is shown as `\n`, so a value can neither move the cursor,
//! retitle the window, hide or reorder text, nor start a line of its own (a forged GitHub
//! workflow command). JSON output does not pass through here: serde escapes it exactly.
//!
//! Error messages are built by the core's `Display` implementations, which use [`terminal`]
//! on every value they quote; [`lines`] is the last guard on each line an error prints.
//!
//! JSON stays exact: serde escapes the C0 controls, and [`json`] writes the other hazardous
//! characters as `\u` escapes, which decode to the same text.

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
    if !s.chars().any(hazardous) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn workflow_commands_cannot_be_forged() {
        let forged = "x\n::error::forged 100%";
        assert_eq!(workflow_message(forged), "x\\n::error::forged 100%25");
        assert_eq!(workflow_property("a:b,c\r"), "a%3Ab%2Cc\\r");
    }
}
