//! What a review pass shows for one claim (the card the review desk's page shows too), laid
//! out as lines that fit the terminal's width, and the summary printed when the pass ends.

use std::io::{self, Write};

use colored::Colorize;

use crate::render::audit::{word_diff, Style};
use crate::render::sanitize::terminal;
use crate::render::{figure, highlight, trend_mark};
use crate::review::session::{Current, Summary};
use crate::review::{HistoryEntry, ReviewClaim, Status};

/// The keys, one line each, for `?`.
const KEYS: [&str; 9] = [
    "v  verified: asks for the source (Tab takes a source verified elsewhere)",
    "d  disputed: asks for a note",
    "u  unsourced: asks for a note",
    "x  dismissed: not a claim",
    "s  skip: leave it as it is",
    "n  edit the note, keeping the verdict",
    "b  back to the previous claim",
    "q  quit (every decision is already saved)",
    "?  show or hide this list",
];

const KEY_LINE: &str =
    "v verified  d disputed  u unsourced  x dismissed  s skip  n note  b back  q quit  ? keys";

/// An open prompt: what it asks for, and the part of the line being typed that fits on the
/// screen, with the cursor's column in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub label: String,
    pub line: String,
    pub cursor: usize,
}

/// Everything on screen besides the claim.
pub struct Extras<'a> {
    /// What other articles say about the same thing, and sources offered for it.
    pub related: &'a [String],
    /// The outcome of the last key, if worth saying.
    pub message: Option<&'a str>,
    pub help: bool,
    /// The line being edited, when a prompt is open.
    pub prompt: Option<Prompt>,
}

/// What to draw: the lines, and where the cursor stands (column, line) when a prompt is open.
pub struct Screen {
    pub lines: Vec<String>,
    pub cursor: Option<(usize, usize)>,
}

/// Where the typed line of a prompt starts.
const INPUT_MARK: &str = "> ";

/// The screen for the current claim, wrapped to `width` columns.
pub fn screen(current: &Current<'_>, extras: &Extras<'_>, width: usize, color: bool) -> Screen {
    let claim = current.claim;
    let bold = |s: &str| {
        if color {
            s.bold().to_string()
        } else {
            s.to_string()
        }
    };
    let mut out = Vec::new();
    let mut push = |text: &str, indent: usize| out.extend(wrap(text, width, indent));
    push(
        &format!(
            "{} {}:{} · claim {}",
            bold(&format!("Reviewing [{}/{}]", current.index, current.total)),
            terminal(&current.file.article),
            claim.line,
            terminal(&claim.id)
        ),
        0,
    );
    if !current.file.title.is_empty() {
        push(&bold(&terminal(&current.file.title)), 0);
    }
    push("", 0);
    push(
        &format!("  {}", highlight(&claim.sentence, &claim.text, color)),
        2,
    );
    push("", 0);
    push(
        &format!(
            "Figure: {}{} ({})",
            figure(claim.value, claim.low, claim.high, &claim.unit, claim.bound),
            trend_mark(claim.trend),
            claim.kind.as_str()
        ),
        0,
    );
    if let Some(who) = &claim.attribution {
        push(&format!("Attribution: {}", terminal(who)), 2);
    }
    push(&format!("Verdict: {}", verdict(claim)), 2);
    if claim.changed {
        push(
            "  The sentence changed since the verdict was given: confirm or change it.",
            2,
        );
        if !claim.reviewed_sentence.is_empty() {
            let (was, now) = word_diff(
                &claim.reviewed_sentence,
                &claim.sentence,
                Style::human(color),
            );
            push(&format!("  was: {was}"), 7);
            push(&format!("  now: {now}"), 7);
        }
    }
    for line in alternatives(claim) {
        push(&format!("  {line}"), 4);
    }
    if !claim.history.is_empty() {
        push("History:", 0);
        for h in &claim.history {
            push(&format!("  {}", past(h)), 4);
        }
    }
    if !extras.related.is_empty() {
        push("Elsewhere:", 0);
        for note in extras.related {
            push(&format!("  {}", terminal(note)), 4);
        }
    }
    push("", 0);
    if let Some(message) = extras.message {
        push(&terminal(message), 0);
    }
    if extras.help {
        for key in KEYS {
            push(key, 3);
        }
    } else {
        push(KEY_LINE, 0);
    }
    let Some(prompt) = &extras.prompt else {
        return Screen {
            lines: out,
            cursor: None,
        };
    };
    push(&terminal(&prompt.label), 2);
    let before: String = prompt.line.chars().take(prompt.cursor).collect();
    out.push(format!("{INPUT_MARK}{}", terminal(&prompt.line)));
    let column = INPUT_MARK.len() + terminal(&before).chars().count();
    let cursor = Some((column, out.len() - 1));
    Screen { lines: out, cursor }
}

fn verdict(c: &ReviewClaim) -> String {
    if c.status == Status::Pending && c.note.is_empty() {
        return "pending".into();
    }
    let mut text = c.status.to_string();
    if !c.reviewer.is_empty() {
        text.push_str(&format!(" by {}", terminal(&c.reviewer)));
    }
    if !c.reviewed_at.is_empty() {
        text.push_str(&format!(" at {}", terminal(&c.reviewed_at)));
    }
    text.push_str(&details(&c.source, &c.note));
    text
}

/// The verdicts a merge left beside the claim's own, and how to settle them.
pub fn alternatives(c: &ReviewClaim) -> Vec<String> {
    if !c.is_conflicted() {
        return Vec::new();
    }
    let mut lines = vec![format!(
        "Two verdicts after a merge, needs a decision: {} (kept in the claim)",
        verdict(c)
    )];
    for a in &c.alternatives {
        let mut text = format!("or {}", a.status);
        if !a.reviewer.is_empty() {
            text.push_str(&format!(" by {}", terminal(&a.reviewer)));
        }
        if !a.reviewed_at.is_empty() {
            text.push_str(&format!(" at {}", terminal(&a.reviewed_at)));
        }
        text.push_str(&details(&a.source, &a.note));
        lines.push(text);
    }
    lines.push("a new verdict settles it; both are kept in its history".into());
    lines
}

fn past(h: &HistoryEntry) -> String {
    let by = if h.reviewer.is_empty() {
        String::new()
    } else {
        format!(" by {}", terminal(&h.reviewer))
    };
    format!(
        "{}{by} of \"{}\"{}",
        h.status,
        terminal(&h.text),
        details(&h.source, &h.note)
    )
}

fn details(source: &str, note: &str) -> String {
    let mut text = String::new();
    if !source.is_empty() {
        text.push_str(&format!("; source: {}", terminal(source)));
    }
    if !note.is_empty() {
        text.push_str(&format!("; note: {}", terminal(note)));
    }
    text
}

/// The columns `text` takes on screen, not counting colour escapes.
fn visible_width(text: &str) -> usize {
    let mut width = 0;
    let mut escape = false;
    for c in text.chars() {
        match (escape, c) {
            (false, '\u{1b}') => escape = true,
            (true, c) if c.is_ascii_alphabetic() => escape = false,
            (true, _) => {}
            (false, _) => width += 1,
        }
    }
    width
}

/// Breaks `text` into lines of at most `width` columns at spaces, continuing lines after an
/// indent of `indent` spaces. Runs of spaces inside a line are kept; a word longer than a
/// line gets a line of its own.
pub fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let lead = text.len() - text.trim_start_matches(' ').len();
    let pad = " ".repeat(indent.min(width / 2));
    let mut lines = Vec::new();
    let mut line = " ".repeat(lead);
    let mut used = lead;
    let mut fresh = true;
    for word in text[lead..].split(' ') {
        let w = visible_width(word);
        if fresh && w == 0 {
            continue;
        }
        if !fresh && w > 0 && used + 1 + w > width {
            let done = std::mem::replace(&mut line, pad.clone());
            lines.push(done.trim_end().to_string());
            used = pad.len();
            fresh = true;
        }
        if !fresh {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
        fresh = false;
    }
    lines.push(line);
    lines
}

/// The closing summary.
pub fn summary(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let decided: usize = s.decided.iter().map(|(_, n)| n).sum();
    let verdicts: Vec<String> = s
        .decided
        .iter()
        .map(|(status, n)| format!("{n} {status}"))
        .collect();
    let verdicts = if verdicts.is_empty() {
        String::new()
    } else {
        format!(": {}", verdicts.join(", "))
    };
    writeln!(out, "Reviewed {decided} of {} claims{verdicts}.", s.total)?;
    let mut rest = Vec::new();
    if s.notes > 0 {
        rest.push(format!("{} notes edited", s.notes));
    }
    if s.skipped > 0 {
        rest.push(format!("{} skipped", s.skipped));
    }
    if s.unseen > 0 {
        rest.push(format!("{} not reached", s.unseen));
    }
    if !rest.is_empty() {
        writeln!(out, "{}.", rest.join(", "))?;
    }
    for article in &s.saved {
        writeln!(out, "Saved the review of {}.", terminal(article))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_with_an_indent() {
        assert_eq!(
            wrap("  one two three four", 11, 2),
            vec!["  one two", "  three", "  four"]
        );
        assert_eq!(wrap("", 10, 0), vec![""]);
        assert_eq!(wrap("v  one  x", 6, 0), vec!["v  one", "x"]);
        assert_eq!(
            wrap("unbreakable-word x", 5, 0),
            vec!["unbreakable-word", "x"]
        );
    }

    #[test]
    fn colour_escapes_take_no_room() {
        let red = "\u{1b}[31mred\u{1b}[0m";
        assert_eq!(
            wrap(&format!("a {red} b"), 7, 0),
            vec![format!("a {red} b")]
        );
    }
}
