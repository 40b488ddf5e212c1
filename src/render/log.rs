//! Output of `factcheck log`: one claim's history through the commits, for a person or as
//! JSON.

use std::io::{self, Write};

use colored::Colorize;
use serde::Serialize;

use super::audit::{field_lines, headline, json_line, mark, ChangeView, Style};
use super::plural;
use super::sanitize::terminal;
use crate::audit::{ChangeKind, ClaimChange};
use crate::gitio::Touch;

/// Which claim a log is about.
pub struct LogSubject<'a> {
    pub id: &'a str,
    pub article: &'a str,
    pub review_file: &'a str,
}

/// Said at the commit where a shallow clone's history is cut off.
const CUT_OFF: &str = "the history is cut off here (a shallow clone): the claim may be older; \
    `git fetch --unshallow` fetches the rest";

/// A claim's history for a person: each commit that changed it, and what changed. In a
/// shallow clone, the commit where the history is cut off is said to be so.
pub fn human(
    out: &mut dyn Write,
    subject: &LogSubject<'_>,
    steps: &[(&Touch, ClaimChange<'_>)],
    quiet: bool,
    color: bool,
) -> io::Result<()> {
    let style = Style::human(color);
    if !quiet {
        writeln!(
            out,
            "claim {} in {} ({})",
            terminal(subject.id),
            terminal(subject.article),
            terminal(subject.review_file)
        )?;
    }
    for (touch, change) in steps {
        let commit = &touch.commit[..touch.commit.len().min(10)];
        let commit = if color {
            commit.yellow().to_string()
        } else {
            commit.to_string()
        };
        writeln!(
            out,
            "\n{commit} {} {}  {}",
            terminal(&touch.date),
            terminal(&touch.author),
            terminal(&touch.subject)
        )?;
        if touch.cut_off && change.kind == ChangeKind::Added {
            // The commit only looks like the claim's creation: nothing older was fetched.
            let claim = change.new.expect("an added claim");
            writeln!(
                out,
                "  {} “{}” is there where this clone's history begins: {}",
                mark(change.kind, style),
                terminal(&claim.text),
                claim.status
            )?;
            writeln!(out, "      {CUT_OFF}")?;
            continue;
        }
        writeln!(
            out,
            "  {} {}",
            mark(change.kind, style),
            headline(change, style)
        )?;
        if touch.cut_off {
            writeln!(out, "      {CUT_OFF}")?;
        }
        for line in field_lines(change, style) {
            writeln!(out, "      {line}")?;
        }
    }
    writeln!(
        out,
        "\n{} change{} to claim {}",
        steps.len(),
        plural(steps.len()),
        terminal(subject.id)
    )
}

#[derive(Serialize)]
struct LogEntryView<'a> {
    commit: &'a str,
    author: &'a str,
    date: &'a str,
    subject: &'a str,
    review_file: &'a str,
    /// The clone's history is cut off at this commit: a claim "added" here may be older.
    history_cut_off: bool,
    #[serde(flatten)]
    change: ChangeView<'a>,
}

#[derive(Serialize)]
struct LogView<'a> {
    schema_version: u32,
    claim: &'a str,
    article: &'a str,
    review_file: &'a str,
    entries: Vec<LogEntryView<'a>>,
}

/// A claim's history as one JSON document.
pub fn json(
    out: &mut dyn Write,
    subject: &LogSubject<'_>,
    steps: &[(&Touch, ClaimChange<'_>)],
) -> io::Result<()> {
    let entries = steps
        .iter()
        .map(|(t, c)| LogEntryView {
            commit: &t.commit,
            author: &t.author,
            date: &t.date,
            subject: &t.subject,
            review_file: &t.path,
            history_cut_off: t.cut_off,
            change: ChangeView::from(c),
        })
        .collect();
    json_line(
        out,
        &LogView {
            schema_version: super::SCHEMA_VERSION,
            claim: subject.id,
            article: subject.article,
            review_file: subject.review_file,
            entries,
        },
    )
}
