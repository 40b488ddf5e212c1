//! Arbitrary bytes read as an article the way the binary reads one: decoded as UTF-8 (UTF-16
//! and bad bytes refused), then its claims extracted, as Markdown when the first byte is odd
//! and as plain text otherwise. Every claim keeps what extraction promises: a non-empty span
//! on character boundaries inside the file as read, whose text, whitespace collapsed, is the
//! claim's text; claims in order without overlap; line and column those of the span (a
//! byte-order mark is not counted); finite values.
#![no_main]

use std::path::Path;

use factcheck::input::{decode, InputError, Source, BOM};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flag, bytes)) = data.split_first() else {
        return;
    };
    let path = Path::new(if flag & 1 == 1 {
        "article.md"
    } else {
        "article.txt"
    });
    let text = match decode(path, bytes.to_vec()) {
        Ok(text) => text,
        Err(InputError::InvalidUtf8 { offset, .. }) => {
            assert!(std::str::from_utf8(&bytes[..offset]).is_ok());
            assert!(std::str::from_utf8(bytes).is_err());
            return;
        }
        Err(InputError::Utf16(_)) => return,
        Err(e) => panic!("decoding gave {e:?}"),
    };
    let source = Source {
        path: path.to_path_buf(),
        text,
    };
    let text = &source.text;
    let skipped = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut previous_end = skipped;
    for c in source.claims() {
        assert!(
            c.start < c.end && c.end <= text.len(),
            "span {}..{} in {} bytes",
            c.start,
            c.end,
            text.len()
        );
        assert!(
            c.start >= previous_end,
            "claims overlap or are out of order"
        );
        previous_end = c.end;
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        let written: Vec<&str> = text[c.start..c.end].split_whitespace().collect();
        assert_eq!(written.join(" "), c.text);
        let before = &text[skipped..c.start];
        let line_start = before.rfind('\n').map_or(0, |k| k + 1);
        assert_eq!(c.line, before.matches('\n').count() + 1);
        assert_eq!(c.column, before[line_start..].chars().count() + 1);
        assert!(c.value.is_finite(), "value {}", c.value);
        assert!(c.low.is_none_or(f64::is_finite) && c.high.is_none_or(f64::is_finite));
    }
});
