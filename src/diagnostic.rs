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
