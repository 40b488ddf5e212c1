//! A one-line editor for sources and notes, on `tui-input`: the cursor moves by character or
//! word (arrows, Ctrl-arrows, Home/End, Ctrl-A/E), Backspace, Delete, Ctrl-W, Ctrl-U and
//! Ctrl-K delete, Up and Down recall earlier entries, Enter accepts and Esc cancels; Tab, or
//! Enter on an empty line, takes the offered text.

use tui_input::{Input, InputRequest};

use super::terminal::Key;
use crate::render::review::Prompt;

/// How an edit ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended<T> {
    Accepted(T),
    Cancelled,
    Interrupted,
}

impl<T> Ended<T> {
    /// Turns accepted text into what it stands for.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Ended<U> {
        match self {
            Ended::Accepted(t) => Ended::Accepted(f(t)),
            Ended::Cancelled => Ended::Cancelled,
            Ended::Interrupted => Ended::Interrupted,
        }
    }
}

/// The line being typed, the text offered in its place, and the earlier entries.
pub struct LineEditor<'h> {
    label: String,
    input: Input,
    offer: Option<String>,
    history: &'h [String],
    /// Which earlier entry is shown (0 is the latest), and what was typed before.
    recalled: Option<(usize, String)>,
}

impl<'h> LineEditor<'h> {
    pub fn new(
        label: &str,
        initial: &str,
        offer: Option<&str>,
        history: &'h [String],
    ) -> LineEditor<'h> {
        LineEditor {
            label: label.to_string(),
            input: Input::new(initial.to_string()),
            offer: offer.map(str::to_string),
            history,
            recalled: None,
        }
    }

    /// Takes one key; `Some` once the edit is over.
    pub fn feed(&mut self, key: Key) -> Option<Ended<String>> {
        let request = match key {
            Key::Char(c) => InputRequest::InsertChar(c),
            Key::Backspace => InputRequest::DeletePrevChar,
            Key::Delete => InputRequest::DeleteNextChar,
            Key::Left => InputRequest::GoToPrevChar,
            Key::Right => InputRequest::GoToNextChar,
            Key::WordLeft => InputRequest::GoToPrevWord,
            Key::WordRight => InputRequest::GoToNextWord,
            Key::Home => InputRequest::GoToStart,
            Key::End => InputRequest::GoToEnd,
            Key::DeleteWord => InputRequest::DeletePrevWord,
            Key::DeleteToStart => InputRequest::DeleteFromStart,
            Key::DeleteToEnd => InputRequest::DeleteTillEnd,
            Key::Up => return self.recall(1),
            Key::Down => return self.recall(-1),
            Key::Tab => {
                if let Some(offer) = &self.offer {
                    self.input = Input::new(offer.clone());
                }
                return None;
            }
            Key::Enter if self.input.value().trim().is_empty() => {
                return Some(Ended::Accepted(self.offer.clone().unwrap_or_default()))
            }
            Key::Enter => return Some(Ended::Accepted(self.input.value().trim().to_string())),
            Key::Esc => return Some(Ended::Cancelled),
            Key::Interrupt => return Some(Ended::Interrupted),
            Key::Resize | Key::Other => return None,
        };
        self.input.handle(request);
        None
    }

    /// Shows an earlier (`by` = 1) or later (`by` = -1) entry; past the latest, what was
    /// typed before.
    fn recall(&mut self, by: isize) -> Option<Ended<String>> {
        let shown = self.recalled.as_ref().map(|(k, _)| *k as isize);
        let next = shown.unwrap_or(-1) + by;
        if next >= self.history.len() as isize {
            return None;
        }
        if next < 0 {
            if let Some((_, typed)) = self.recalled.take() {
                self.input = Input::new(typed);
            }
            return None;
        }
        let typed = match self.recalled.take() {
            Some((_, typed)) => typed,
            None => self.input.value().to_string(),
        };
        let entry = &self.history[self.history.len() - 1 - next as usize];
        self.input = Input::new(entry.clone());
        self.recalled = Some((next as usize, typed));
        None
    }

    /// The prompt as shown: the label with the offer if any, and as much of the line as
    /// fits in `width` columns around the cursor.
    pub fn prompt(&self, width: usize) -> Prompt {
        let keys = if self.history.is_empty() {
            "Esc cancels"
        } else {
            "Esc cancels, ↑ earlier entries"
        };
        let label = match &self.offer {
            Some(offer) => format!("{} (Tab or Enter takes \"{offer}\"; {keys}):", self.label),
            None => format!("{} (Enter accepts, {keys}):", self.label),
        };
        let room = width.saturating_sub(3).max(1);
        let scroll = self.input.visual_scroll(room);
        Prompt {
            label,
            line: self.input.value().chars().skip(scroll).take(room).collect(),
            cursor: self.input.visual_cursor() - scroll,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(editor: &mut LineEditor<'_>, keys: &[Key]) -> Option<Ended<String>> {
        keys.iter().find_map(|k| editor.feed(*k))
    }

    fn chars(text: &str) -> Vec<Key> {
        text.chars().map(Key::Char).collect()
    }

    #[test]
    fn edits_and_accepts() {
        let mut e = LineEditor::new("note", "", None, &[]);
        let keys = [
            Key::Char('a'),
            Key::Char('x'),
            Key::Backspace,
            Key::Char('b'),
        ];
        assert_eq!(typed(&mut e, &keys), None);
        assert_eq!(e.feed(Key::Enter), Some(Ended::Accepted("ab".into())));
    }

    #[test]
    fn moves_the_cursor_to_edit_inside_the_line() {
        let mut e = LineEditor::new("source", "Reuters", None, &[]);
        typed(&mut e, &[Key::Home, Key::Delete]);
        typed(&mut e, &chars("AP, r"));
        typed(&mut e, &[Key::End]);
        typed(&mut e, &chars(" June"));
        assert_eq!(e.prompt(200).line, "AP, reuters June");
        typed(&mut e, &[Key::WordLeft, Key::DeleteWord]);
        assert_eq!(e.prompt(200).line, "AP, June");
        typed(&mut e, &[Key::End, Key::Left, Key::Left, Key::DeleteToEnd]);
        assert_eq!(e.prompt(200).line, "AP, Ju");
        typed(&mut e, &[Key::DeleteToStart]);
        assert_eq!(e.prompt(200).line, "");
    }

    #[test]
    fn recalls_earlier_entries_and_what_was_typed() {
        let history = ["MoD".to_string(), "Reuters".to_string()];
        let mut e = LineEditor::new("source", "", None, &history);
        typed(&mut e, &chars("draft"));
        typed(&mut e, &[Key::Up]);
        assert_eq!(e.prompt(200).line, "Reuters");
        typed(&mut e, &[Key::Up, Key::Up]);
        assert_eq!(e.prompt(200).line, "MoD");
        typed(&mut e, &[Key::Down]);
        assert_eq!(e.prompt(200).line, "Reuters");
        typed(&mut e, &[Key::Down]);
        assert_eq!(e.prompt(200).line, "draft");
        assert!(e.prompt(80).label.contains("↑ earlier entries"));
    }

    #[test]
    fn takes_the_offer_on_tab_or_an_empty_enter() {
        let mut e = LineEditor::new("source", "", Some("MoD"), &[]);
        assert_eq!(e.feed(Key::Enter), Some(Ended::Accepted("MoD".into())));
        let mut e = LineEditor::new("source", "", Some("MoD"), &[]);
        assert_eq!(
            typed(
                &mut e,
                &[Key::Char('x'), Key::Tab, Key::Char('!'), Key::Enter]
            ),
            Some(Ended::Accepted("MoD!".into()))
        );
    }

    #[test]
    fn a_long_line_scrolls_to_keep_the_cursor_in_view() {
        let long = "a".repeat(50) + "XYZ";
        let e = LineEditor::new("note", &long, None, &[]);
        let prompt = e.prompt(23);
        assert_eq!(prompt.line.chars().count(), 20);
        assert!(prompt.line.ends_with("XYZ"), "{}", prompt.line);
        assert!(prompt.cursor <= 20);
    }

    #[test]
    fn cancels_and_interrupts() {
        let mut e = LineEditor::new("note", "old", None, &[]);
        assert_eq!(e.feed(Key::Esc), Some(Ended::Cancelled));
        assert_eq!(e.feed(Key::Interrupt), Some(Ended::Interrupted));
    }
}
