//! Hides the parts of a Markdown file that are not prose (front matter, code, link targets,
//! HTML, footnote markers, emphasis and block marks) by overwriting them with spaces, so byte
//! offsets stay those of the original file. The file is read by a CommonMark parser
//! (`pulldown-cmark`); only its text runs are kept.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// The prose of a Markdown file, masked in place, with where each block starts (a paragraph,
/// heading, list item, table cell, quote or footnote), since a block ends a sentence.
pub struct Prose {
    pub text: String,
    pub block_starts: Vec<usize>,
}

/// Returns `text` with everything but its prose blanked out; line breaks are kept.
pub fn mask(text: &str) -> Prose {
    let mut out: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    let mut block_starts = Vec::new();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // Text inside code, metadata, images and bare links is not prose; `open` holds, for
    // each tag not yet closed, whether it hides its text.
    let mut open: Vec<bool> = Vec::new();
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let hides_text = hides(&tag);
                if hides_text {
                    hidden += 1;
                } else if opens_block(&tag) {
                    block_starts.push(range.start);
                }
                open.push(hides_text);
            }
            Event::End(_) if open.pop() == Some(true) => hidden -= 1,
            Event::Text(_) if hidden == 0 => {
                out[range.clone()].copy_from_slice(&text.as_bytes()[range]);
            }
            _ => {}
        }
    }
    block_starts.sort_unstable();
    block_starts.dedup();
    Prose {
        // Whole text runs were copied over spaces, so every character is intact.
        text: String::from_utf8(out).unwrap_or_else(|_| text.to_string()),
        block_starts,
    }
}

fn hides(tag: &Tag<'_>) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } | Tag::HtmlBlock => true,
        Tag::Link { link_type, .. } => matches!(link_type, LinkType::Autolink | LinkType::Email),
        _ => false,
    }
}

fn opens_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::Item
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
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
