//! Which words of a sentence changed between two versions, as data: each side split into
//! pieces that are either kept or changed. Printers (the terminal, Markdown, the review desk's
//! page) decide how a changed piece is emphasised.

use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};

/// A run of text on one side of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub text: String,
    /// Removed (on the old side) or added (on the new side).
    pub changed: bool,
}

/// The old and the new sentence, each as pieces, from `similar`'s inline diff. Identical
/// sentences give two empty sides.
pub fn word_diff(old: &str, new: &str) -> (Vec<Piece>, Vec<Piece>) {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_lines(old, new);
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for op in diff.ops() {
        for change in diff.iter_inline_changes(op) {
            let side = match change.tag() {
                ChangeTag::Delete => &mut before,
                ChangeTag::Insert => &mut after,
                ChangeTag::Equal => continue,
            };
            for (changed, part) in change.iter_strings_lossy() {
                let text = part.trim_end_matches('\n');
                if !text.is_empty() {
                    side.push(Piece {
                        text: text.to_string(),
                        changed,
                    });
                }
            }
        }
    }
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_words_that_changed_on_each_side() {
        let (before, after) = word_diff("at least 10,000 containers", "at least 12,000 containers");
        let changed = |side: &[Piece]| -> Vec<String> {
            side.iter()
                .filter(|p| p.changed)
                .map(|p| p.text.clone())
                .collect()
        };
        assert_eq!(changed(&before), vec!["10,000"]);
        assert_eq!(changed(&after), vec!["12,000"]);
        let whole: String = after.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(whole, "at least 12,000 containers");
        assert_eq!(word_diff("same", "same"), (vec![], vec![]));
    }
}
