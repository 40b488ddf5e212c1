//! A problem in a file the user wrote, pointing at its line and column, with a hint on how
//! to fix it: the one error shape for review files and the configuration.

use crate::render::sanitize::terminal;
use std::fmt;
use std::path::PathBuf;

/// One problem in a file, pointing at where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
    /// The file cannot be used at all (as opposed to a suspicious key).
    pub fatal: bool,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            terminal(&self.path.display().to_string()),
            self.line,
            self.column,
            terminal(&self.message)
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", terminal(help))?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// A fatal problem with a whole file, reported at its first line.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            line: 1,
            column: 1,
            message: message.into(),
            help: None,
            fatal: true,
        }
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Lines and columns of byte offsets into one text, found by scanning on from the offset
/// asked for last: offsets asked for in order cost one pass over the text, however many.
pub struct Positions<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'t> Positions<'t> {
    pub fn new(text: &'t str) -> Self {
        Positions {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// 1-based line and character column of `offset`.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Positions::new(self.text);
        }
        let passed = &self.text[self.offset..offset];
        self.line += passed.matches('\n').count();
        if let Some(k) = passed.rfind('\n') {
            self.line_start = self.offset + k + 1;
        }
        self.offset = offset;
        let column = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_agree_with_line_col_in_any_order() {
        let text = "ab\n€x\n\nlast line";
        let mut positions = Positions::new(text);
        for offset in [0, 6, 2, 9, 100, 3, 8, 1] {
            assert_eq!(positions.at(offset), line_col(text, offset), "{offset}");
        }
    }
}
