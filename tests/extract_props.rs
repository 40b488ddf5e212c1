//! Properties every extraction keeps, on arbitrary text: no panic, spans on character
//! boundaries that slice back to the claim's text, claims in order without overlap, and
//! line and column consistent with the span, in plain text and in Markdown.

use factcheck::extract::{extract, Format};
use proptest::prelude::*;

/// Pieces that exercise the grammar: digits, separators, number words, units, dates,
/// non-breaking and thin spaces, curly quotes, Markdown syntax and multibyte letters.
const PIECES: &[&str] = &[
    "0",
    "7",
    "12",
    "1,000",
    "84\u{a0}906",
    "4.8",
    ".5",
    "-3",
    "−2",
    "1e6",
    "2½",
    "½",
    "3/4",
    "%",
    "$",
    "£",
    "€",
    "US$",
    "km",
    "°C",
    "mg",
    "bn",
    "k",
    "M",
    "million",
    "dozen",
    "dozens",
    "one",
    "two",
    "twenty",
    "hundred",
    "and",
    "a",
    "half",
    "third",
    "quarter",
    "percent",
    "per cent",
    "of",
    "to",
    "between",
    "more than",
    "at least",
    "about",
    "-",
    "–",
    " ",
    "\u{a0}",
    "\u{202f}",
    "\n",
    "\n\n",
    ".",
    ",",
    ":",
    "’",
    "“",
    "”",
    "(",
    ")",
    "#",
    "- ",
    "* ",
    "`",
    "```",
    "[",
    "](",
    "<b>",
    "<!--",
    "-->",
    "---\n",
    "March",
    "May",
    "2024",
    "02:26 AM",
    "views",
    "North Korean",
    "Maia-1",
    "é",
    "日本",
    "🙂",
    "ß",
    "İ",
    "ﬁ",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

fn lossy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<u8>(), 0..200)
        .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

fn check(text: &str, format: Format) -> Result<(), TestCaseError> {
    let claims = extract(text, format);
    let mut previous_end = 0;
    for c in &claims {
        prop_assert!(
            c.start < c.end && c.end <= text.len(),
            "span {}..{}",
            c.start,
            c.end
        );
        prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        let written: Vec<&str> = text[c.start..c.end].split_whitespace().collect();
        prop_assert_eq!(written.join(" "), c.text.clone());
        prop_assert!(
            c.start >= previous_end,
            "claims overlap or are out of order"
        );
        previous_end = c.end;
        let before = &text[..c.start];
        let line_start = before.rfind('\n').map_or(0, |k| k + 1);
        prop_assert_eq!(c.line, before.matches('\n').count() + 1);
        prop_assert_eq!(c.column, text[line_start..c.start].chars().count() + 1);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plain_mixed(text in mixed_text()) {
        check(&text, Format::Plain)?;
    }

    #[test]
    fn markdown_mixed(text in mixed_text()) {
        check(&text, Format::Markdown)?;
    }

    #[test]
    fn plain_lossy(text in lossy_text()) {
        check(&text, Format::Plain)?;
    }

    #[test]
    fn markdown_lossy(text in lossy_text()) {
        check(&text, Format::Markdown)?;
    }
}

/// Inputs the properties once failed on.
#[test]
fn regressions() {
    // A currency prefix read back over the unit of the claim before ("0°C" then "C$2024").
    for text in ["0°C$2024-"] {
        for format in [Format::Plain, Format::Markdown] {
            check(text, format).expect("the properties hold");
        }
    }
}
