//! A one-line editor for sources and notes: typed characters append, Backspace deletes, Enter
//! accepts, Esc cancels; Tab, or Enter on an empty line, takes the offered text.

use super::terminal::Key;

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

/// The line being typed, and the text offered in its place.
pub struct LineEditor {
    pub label: String,
    pub text: String,
    pub offer: Option<String>,
}

impl LineEditor {
    pub fn new(label: &str, initial: &str, offer: Option<&str>) -> LineEditor {
        LineEditor {
            label: label.to_string(),
            text: initial.to_string(),
            offer: offer.map(str::to_string),
        }
    }

    /// Takes one key; `Some` once the edit is over.
    pub fn feed(&mut self, key: Key) -> Option<Ended<String>> {
        match key {
            Key::Char(c) => self.text.push(c),
            Key::Backspace => {
                self.text.pop();
            }
            Key::Tab => {
                if let Some(offer) = &self.offer {
                    self.text = offer.clone();
                }
            }
            Key::Enter if self.text.trim().is_empty() => {
                return Some(Ended::Accepted(self.offer.clone().unwrap_or_default()))
            }
            Key::Enter => return Some(Ended::Accepted(self.text.trim().to_string())),
            Key::Esc => return Some(Ended::Cancelled),
            Key::Interrupt => return Some(Ended::Interrupted),
            Key::Resize | Key::Other => {}
        }
        None
    }

    /// The prompt as shown: the label, the offer if any, and the text typed so far.
    pub fn line(&self) -> String {
        match &self.offer {
            Some(offer) => format!(
                "{} (Tab or Enter takes \"{offer}\"; Esc cancels): {}",
                self.label, self.text
            ),
            None => format!("{} (Enter accepts, Esc cancels): {}", self.label, self.text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(editor: &mut LineEditor, keys: &[Key]) -> Option<Ended<String>> {
        keys.iter().find_map(|k| editor.feed(*k))
    }

    #[test]
    fn edits_and_accepts() {
        let mut e = LineEditor::new("note", "", None);
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
    fn takes_the_offer_on_tab_or_an_empty_enter() {
        let mut e = LineEditor::new("source", "", Some("MoD"));
        assert_eq!(e.feed(Key::Enter), Some(Ended::Accepted("MoD".into())));
        let mut e = LineEditor::new("source", "", Some("MoD"));
        assert_eq!(
            typed(
                &mut e,
                &[Key::Char('x'), Key::Tab, Key::Char('!'), Key::Enter]
            ),
            Some(Ended::Accepted("MoD!".into()))
        );
    }

    #[test]
    fn cancels_and_interrupts() {
        let mut e = LineEditor::new("note", "old", None);
        assert_eq!(e.feed(Key::Esc), Some(Ended::Cancelled));
        assert_eq!(e.feed(Key::Interrupt), Some(Ended::Interrupted));
    }
}
