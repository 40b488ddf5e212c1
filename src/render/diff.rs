//! Line diffs of text files, rendered into a string the way `git diff` shows them, with
//! colour when enabled. Each line is made safe to print.

use colored::Colorize;
use similar::{Algorithm, TextDiff};

use super::sanitize::terminal;

/// A unified diff from `old` to `new`; empty when they are equal.
pub fn unified(old: &str, new: &str, old_label: &str, new_label: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&terminal(old_label), &terminal(new_label))
        .to_string();
    text.split_inclusive('\n')
        .map(|line| {
            let line = line.strip_suffix('\n').unwrap_or(line);
            // A CRLF file's line ends keep their carriage return; nothing else is raw.
            let (body, cr) = match line.strip_suffix('\r') {
                Some(body) => (body, "\r"),
                None => (line, ""),
            };
            let line = format!("{}{cr}", terminal(body));
            if !color {
                line
            } else if line.starts_with("+++") || line.starts_with("---") {
                line.bold().to_string()
            } else if line.starts_with('+') {
                line.green().to_string()
            } else if line.starts_with('-') {
                line.red().to_string()
            } else if line.starts_with("@@") {
                line.cyan().to_string()
            } else {
                line
            }
        })
        .fold(String::new(), |mut acc, l| {
            acc.push_str(&l);
            acc.push('\n');
            acc
        })
}
