//! Splits a review file into its top-level tables, so that each can be parsed and checked on
//! its own: `[article]`, each `[[claim]]` (with its `[[claim.history]]` and other sub-tables),
//! each `[[retired]]`, and the keys before the first header. A file of a hundred thousand
//! claims is then read with one claim's document in memory at a time, instead of a document
//! tree of the whole file, which takes some twenty-five times the file's size.
//!
//! The split is made on the tokens of a TOML lexer, so headers inside strings, comments and
//! multi-line arrays are never taken for table headers. A file laid out in any other way
//! (a header out of place, a table defined twice, a quoted header) is not split: it is parsed
//! whole, which gives TOML's own answer. The same pass tells whether the file holds an inline
//! table, which the quick reader leaves to the full parse.

use std::cell::Cell;

use toml_parser::lexer::TokenKind;
use toml_parser::Source;

/// Which top-level table a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// What comes before the first header: comments, and root keys.
    Root,
    Article,
    Claim,
    Retired,
}

impl Part {
    fn of_header(name: &str, array: bool) -> Option<Part> {
        match (name, array) {
            ("article", false) => Some(Part::Article),
            ("claim", true) => Some(Part::Claim),
            ("retired", true) => Some(Part::Retired),
            _ => None,
        }
    }

    /// The header name the section's own sub-tables start with.
    fn name(self) -> &'static str {
        match self {
            Part::Root => "",
            Part::Article => "article",
            Part::Claim => "claim",
            Part::Retired => "retired",
        }
    }
}

/// One top-level table of a review file: which it is and where its text starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub part: Part,
    pub start: usize,
    pub end: usize,
}

/// A table header as the lexer saw it.
struct Header {
    /// Where its line starts.
    line_start: usize,
    array: bool,
    /// The first part of its key, when it is a bare key.
    first: Option<String>,
    dotted: bool,
}

/// A file's sections, and whether it holds an inline table.
pub struct Layout {
    pub sections: Vec<Section>,
    /// A `{` outside strings and comments.
    pub inline_table: bool,
}

/// The sections of `text`, in order and covering all of it; `None` when the file is not laid
/// out as factcheck writes it, and must be parsed whole.
pub fn split(text: &str) -> Option<Vec<Section>> {
    layout(text).map(|l| l.sections)
}

/// The sections of `text`, as [`split`] finds them, with whether it holds an inline table.
pub fn layout(text: &str) -> Option<Layout> {
    let (headers, inline_table) = headers(text);
    Some(Layout {
        sections: sections(text, headers)?,
        inline_table,
    })
}

fn sections(text: &str, headers: Vec<Header>) -> Option<Vec<Section>> {
    let mut sections = vec![Section {
        part: Part::Root,
        start: 0,
        end: text.len(),
    }];
    let mut article_seen = false;
    for header in headers {
        let current = sections.last().expect("a section").part;
        let first = header.first.as_deref()?;
        if let Some(part) = Part::of_header(first, header.array).filter(|_| !header.dotted) {
            if part == Part::Article && std::mem::replace(&mut article_seen, true) {
                return None;
            }
            sections.last_mut().expect("a section").end = header.line_start;
            sections.push(Section {
                part,
                start: header.line_start,
                end: text.len(),
            });
        } else if !(header.dotted && current != Part::Root && first == current.name()) {
            // A table of its own, or a sub-table of another section's: TOML's whole-file
            // rules decide what it means.
            return None;
        }
    }
    Some(sections)
}

/// The table headers of `text` (a `[` that starts a line outside any value), and whether
/// any token is a `{`.
fn headers(text: &str) -> (Vec<Header>, bool) {
    let mut found = Vec::new();
    let curly = Cell::new(false);
    let mut tokens = Source::new(text)
        .lex()
        .inspect(|t| {
            if t.kind() == TokenKind::LeftCurlyBracket {
                curly.set(true);
            }
        })
        .peekable();
    // How deep inside a value's brackets the lexer is, whether a value is expected (after
    // `=`), and whether only whitespace has come since the line began.
    let (mut depth, mut in_value, mut at_line_start) = (0usize, false, true);
    let mut line_start = 0;
    while let Some(token) = tokens.next() {
        let span = token.span();
        match token.kind() {
            TokenKind::Newline => {
                if depth == 0 {
                    in_value = false;
                }
                at_line_start = depth == 0;
                line_start = span.end();
            }
            TokenKind::Whitespace | TokenKind::Comment => {}
            TokenKind::LeftSquareBracket if depth == 0 && !in_value && at_line_start => {
                at_line_start = false;
                let array = tokens
                    .next_if(|t| t.kind() == TokenKind::LeftSquareBracket)
                    .is_some();
                let mut header = Header {
                    line_start,
                    array,
                    first: None,
                    dotted: false,
                };
                for (k, t) in tokens
                    .by_ref()
                    .take_while(|t| {
                        !matches!(t.kind(), TokenKind::RightSquareBracket | TokenKind::Newline)
                    })
                    .filter(|t| t.kind() != TokenKind::Whitespace)
                    .enumerate()
                {
                    match (k, t.kind()) {
                        (0, TokenKind::Atom) => {
                            header.first = Some(text[t.span().start()..t.span().end()].into())
                        }
                        (1, TokenKind::Dot) => header.dotted = true,
                        _ => {}
                    }
                }
                found.push(header);
            }
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                at_line_start = false;
                depth += 1;
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                at_line_start = false;
                depth = depth.saturating_sub(1);
            }
            TokenKind::Equals => {
                at_line_start = false;
                in_value = true;
            }
            _ => at_line_start = false,
        }
    }
    (found, curly.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Option<Vec<(Part, &str)>> {
        split(text).map(|s| s.iter().map(|s| (s.part, &text[s.start..s.end])).collect())
    }

    #[test]
    fn splits_at_top_level_headers_only() {
        let text = "# head\n\n[article]\npath = \"a\"\n\n# a claim\n[[claim]]\nid = \"x\"\nnote = \"\"\"\n[[claim]]\n\"\"\"\nlist = [\n  [1],\n]\n[[claim.history]]\nstatus = \"verified\"\n\n[[retired]]\nid = \"y\"\n";
        let parts = parts(text).expect("the usual layout");
        let kinds: Vec<Part> = parts.iter().map(|p| p.0).collect();
        assert_eq!(
            kinds,
            [Part::Root, Part::Article, Part::Claim, Part::Retired]
        );
        assert_eq!(parts[0].1, "# head\n\n");
        assert!(parts[2].1.starts_with("[[claim]]\nid = \"x\""));
        assert!(parts[2].1.contains("[[claim.history]]"));
        assert_eq!(parts.iter().map(|p| p.1).collect::<String>(), text);
    }

    #[test]
    fn other_layouts_are_parsed_whole() {
        assert_eq!(parts("[other]\nx = 1\n"), None);
        assert_eq!(parts("[article]\n[article]\n"), None);
        assert_eq!(parts("[[claim]]\n[retired.x]\n"), None);
        assert_eq!(parts("[\"claim\"]\n"), None);
        assert!(parts("article = { path = \"a\" }\n[[claim]]\nid = \"x\"\n").is_some());
    }

    #[test]
    fn inline_tables_are_told_from_braces_in_strings_and_comments() {
        let inline = |text| layout(text).map(|l| l.inline_table);
        assert_eq!(inline("[article]\npath = \"{a}\" # {\n"), Some(false));
        assert_eq!(inline("[article]\npath = '''\n{\n'''\n"), Some(false));
        assert_eq!(
            inline("[article]\npath = \"a\"\nx = { y = 1 }\n"),
            Some(true)
        );
        assert_eq!(
            inline("[[claim]]\nid = \"x\"\nl = [{ y = 1 }]\n"),
            Some(true)
        );
    }
}
