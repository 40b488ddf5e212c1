//! Hides the parts of a Markdown file that are not prose (front matter, code, link targets,
//! HTML tags and comments, emphasis marks) by overwriting them with spaces, so byte offsets
//! stay those of the original file.

/// Returns `text` with non-prose regions blanked out; line breaks are kept.
pub fn mask(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    let bytes = text.as_bytes();
    let mut blank = |from: usize, to: usize, out: &mut Vec<u8>| {
        for b in &mut out[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    let mut i = front_matter_end(text).unwrap_or(0);
    blank(0, i, &mut out);
    let mut fence: Option<&str> = None;
    while i < bytes.len() {
        let line_end = text[i..].find('\n').map_or(text.len(), |k| i + k);
        let line = &text[i..line_end];
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            blank(i, line_end, &mut out);
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            blank(i, line_end, &mut out);
        } else if is_reference_definition(trimmed) {
            blank(i, line_end, &mut out);
        } else {
            mask_inline(bytes, i, line_end, &mut out, &mut blank);
        }
        i = line_end + 1;
    }
    mask_comments(text, &mut out);
    // Only ASCII bytes were written, each over a whole character's bytes.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The end of a front matter block (`---` or `+++` fenced) opening the text, if any.
pub fn front_matter_end(text: &str) -> Option<usize> {
    let marker = if text.starts_with("---\n") || text.starts_with("---\r\n") {
        "---"
    } else if text.starts_with("+++\n") || text.starts_with("+++\r\n") {
        "+++"
    } else {
        return None;
    };
    let mut pos = text.find('\n')? + 1;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |k| pos + k);
        if text[pos..end].trim_end() == marker {
            return Some(end);
        }
        pos = end + 1;
    }
    None
}

fn is_reference_definition(line: &str) -> bool {
    line.starts_with('[') && line.find("]:").is_some_and(|k| k > 1)
}

/// Inline code spans, link targets and HTML tags within one line.
fn mask_inline(
    bytes: &[u8],
    from: usize,
    to: usize,
    out: &mut Vec<u8>,
    blank: &mut impl FnMut(usize, usize, &mut Vec<u8>),
) {
    let mut i = from;
    while i < to {
        match bytes[i] {
            b'`' => {
                if let Some(k) = bytes[i + 1..to].iter().position(|b| *b == b'`') {
                    blank(i, i + k + 2, out);
                    i += k + 2;
                    continue;
                }
            }
            b'(' if i > from && bytes[i - 1] == b']' => {
                if let Some(k) = bytes[i + 1..to].iter().position(|b| *b == b')') {
                    blank(i, i + k + 2, out);
                    i += k + 2;
                    continue;
                }
            }
            b'<' if bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/') =>
            {
                if let Some(k) = bytes[i + 1..to].iter().position(|b| *b == b'>') {
                    blank(i, i + k + 2, out);
                    i += k + 2;
                    continue;
                }
            }
            // Emphasis and link brackets: "**1,200** containers" reads as "1,200 containers".
            b'*' | b'~' | b'[' | b']' => blank(i, i + 1, out),
            b'_' if !word_byte(bytes, i.wrapping_sub(1)) || !word_byte(bytes, i + 1) => {
                blank(i, i + 1, out)
            }
            _ => {}
        }
        i += 1;
    }
}

fn word_byte(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric())
}

/// HTML comments, which may span lines.
fn mask_comments(text: &str, out: &mut [u8]) {
    let mut pos = 0;
    while let Some(k) = text[pos..].find("<!--") {
        let start = pos + k;
        let end = text[start..]
            .find("-->")
            .map_or(text.len(), |e| start + e + 3);
        for b in &mut out[start..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        pos = end;
    }
}
