//! Output of `factcheck diff` and `factcheck log`: a readable report with the sentence edits
//! shown as an inline word diff, Markdown for a pull-request comment, and JSON for machines.

use std::io::{self, Write};

use colored::Colorize;
use serde::Serialize;

use super::figure;
use super::plural;
use super::sanitize::{self, terminal};
use crate::audit::{ArticleDiff, ChangeKind, ClaimChange, Field, Summary};
use crate::extract::Bound;
use crate::review::ReviewClaim;

/// How emphasis is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Plain text: `[-removed-]` and `{+added+}`.
    Plain,
    /// Terminal colour.
    Color,
    /// Markdown: `~~removed~~` and `**added**`.
    Markdown,
}

impl Style {
    /// The style for a person's terminal.
    pub fn human(color: bool) -> Style {
        if color {
            Style::Color
        } else {
            Style::Plain
        }
    }

    fn removed(self, s: &str) -> String {
        match self {
            Style::Plain => format!("[-{s}-]"),
            Style::Color => s.red().bold().underline().to_string(),
            Style::Markdown => format!("~~{s}~~"),
        }
    }

    fn added(self, s: &str) -> String {
        match self {
            Style::Plain => format!("{{+{s}+}}"),
            Style::Color => s.green().bold().underline().to_string(),
            Style::Markdown => format!("**{s}**"),
        }
    }

    /// Text from a review file or git, made safe to print (and escaped for Markdown).
    fn text(self, s: &str) -> String {
        match self {
            Style::Markdown => markdown_escape(&terminal(s)),
            _ => terminal(s).into_owned(),
        }
    }
}

/// Escapes the characters Markdown would read as formatting.
fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_~[]<>|#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn figure_of(c: &ReviewClaim) -> String {
    figure(c.value, c.low, c.high, &c.unit, c.bound)
}

fn or_none(s: &str) -> &str {
    if s.is_empty() {
        "(none)"
    } else {
        s
    }
}

/// The old and new sentence with the changed words emphasised.
pub fn word_diff(old: &str, new: &str, style: Style) -> (String, String) {
    let (before, after) = crate::worddiff::word_diff(old, new);
    let side = |pieces: Vec<crate::worddiff::Piece>, emphasis: fn(Style, &str) -> String| {
        pieces
            .iter()
            .map(|p| match p.changed {
                false => style.text(&p.text),
                true => emphasis(style, &style.text(&p.text)),
            })
            .collect::<String>()
    };
    (side(before, Style::removed), side(after, Style::added))
}

/// One line per changed field: the verdict with its reviewer and source, the note, the figure
/// and the sentence (as a word diff, over two lines).
pub fn field_lines(change: &ClaimChange<'_>, style: Style) -> Vec<String> {
    let (Some(old), Some(new)) = (change.old, change.new) else {
        return Vec::new();
    };
    let q = |s: &str| style.text(or_none(s));
    let mut lines = Vec::new();
    for field in &change.fields {
        match field {
            Field::Verdict => {
                let status = match style {
                    Style::Markdown => format!("**{}**", new.status),
                    Style::Color => new.status.as_str().bold().to_string(),
                    Style::Plain => new.status.to_string(),
                };
                let mut line = format!("verdict: {} → {status}", old.status);
                if !new.reviewer.is_empty() {
                    line.push_str(&format!(" by {}", style.text(&new.reviewer)));
                }
                if new.status.is_reviewed() || new.source != old.source {
                    line.push_str(&format!("; source: {}", q(&new.source)));
                }
                lines.push(line);
            }
            Field::Source if !change.fields.contains(&Field::Verdict) => {
                lines.push(format!("source: {} → {}", q(&old.source), q(&new.source)));
            }
            Field::Source => {}
            Field::Note => lines.push(format!("note: {} → {}", q(&old.note), q(&new.note))),
            Field::Figure => lines.push(format!(
                "figure: {} → {} (“{}” → “{}”)",
                style.text(&figure_of(old)),
                style.text(&figure_of(new)),
                style.text(&old.text),
                style.text(&new.text)
            )),
            Field::Sentence => {
                let (before, after) = word_diff(&old.sentence, &new.sentence, style);
                lines.push(format!("sentence: - {before}"));
                lines.push(format!("          + {after}"));
            }
        }
    }
    lines
}

/// A verdict with who gave it and its source or note: "verified by Ann; source: MoD".
fn verdict_given(claim: &ReviewClaim, style: Style) -> String {
    let mut text = claim.status.to_string();
    if !claim.reviewer.is_empty() {
        text.push_str(&format!(" by {}", style.text(&claim.reviewer)));
    }
    if !claim.source.is_empty() {
        text.push_str(&format!("; source: {}", style.text(&claim.source)));
    }
    if !claim.note.is_empty() {
        text.push_str(&format!("; note: {}", style.text(&claim.note)));
    }
    text
}

/// What happened to the claim, in a few words: "added", "retired (was verified)".
pub fn headline(change: &ClaimChange<'_>, style: Style) -> String {
    let claim = change.new.or(change.old).expect("a change has a claim");
    let text = style.text(&claim.text);
    match change.kind {
        ChangeKind::Added => format!("added “{text}”: {}", verdict_given(claim, style)),
        ChangeKind::Retired => {
            let was = change.old.map_or(claim.status, |c| c.status);
            let how = if change.new.is_some() {
                "retired"
            } else {
                "removed"
            };
            format!("{how} “{text}” (was {was})")
        }
        ChangeKind::Restored => format!("restored “{text}”: {}", claim.status),
        ChangeKind::Modified => format!("“{text}”"),
    }
}

pub(super) fn mark(kind: ChangeKind, style: Style) -> String {
    let (sign, paint): (&str, fn(&str) -> colored::ColoredString) = match kind {
        ChangeKind::Added => ("+", |s| s.green()),
        ChangeKind::Retired => ("-", |s| s.red()),
        ChangeKind::Restored => ("+", |s| s.green()),
        ChangeKind::Modified => ("~", |s| s.yellow()),
    };
    if style == Style::Color {
        paint(sign).to_string()
    } else {
        sign.to_string()
    }
}

/// The summary line: "2 articles changed: 1 claim added, …".
pub fn summary_line(s: &Summary, between: &str) -> String {
    let between = terminal(between);
    if s.is_empty() {
        return format!("no claim changes between {between}");
    }
    let parts = [
        (s.added, "added"),
        (s.retired, "retired"),
        (s.restored, "restored"),
        (s.verdicts, "with a new verdict"),
        (s.sources_or_notes, "with a new source or note"),
        (s.figures_or_sentences, "with a new figure or sentence"),
    ];
    let said: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} claim{} {what}", plural(*n)))
        .collect();
    let detail = if said.is_empty() {
        "renamed only".to_string()
    } else {
        said.join(", ")
    };
    format!(
        "{} article{} changed between {between}: {detail}",
        s.articles,
        plural(s.articles)
    )
}

/// The report for a person.
pub fn human(
    out: &mut dyn Write,
    diffs: &[ArticleDiff<'_>],
    between: &str,
    quiet: bool,
    color: bool,
) -> io::Result<()> {
    let style = Style::human(color);
    for d in diffs {
        let title = terminal(d.article);
        let title = if color {
            title.bold().to_string()
        } else {
            title.into_owned()
        };
        writeln!(out, "{title} ({})", terminal(&d.review_file))?;
        if let Some(from) = d.renamed_from {
            writeln!(out, "  renamed from {}", terminal(from))?;
        }
        for c in &d.changes {
            writeln!(
                out,
                "  {} {} {}",
                mark(c.kind, style),
                style.text(c.id),
                headline(c, style)
            )?;
            for line in field_lines(c, style) {
                writeln!(out, "      {line}")?;
            }
        }
        writeln!(out)?;
    }
    if quiet {
        return Ok(());
    }
    writeln!(out, "{}", summary_line(&Summary::of(diffs), between))
}

/// The report as a pull-request comment.
pub fn markdown(out: &mut dyn Write, diffs: &[ArticleDiff<'_>], between: &str) -> io::Result<()> {
    let style = Style::Markdown;
    writeln!(out, "### Fact-check review changes\n")?;
    writeln!(
        out,
        "{}",
        markdown_escape(&summary_line(&Summary::of(diffs), between))
    )?;
    for d in diffs {
        writeln!(out, "\n#### `{}`\n", terminal(d.article))?;
        if let Some(from) = d.renamed_from {
            writeln!(out, "_renamed from `{}`_\n", terminal(from))?;
        }
        for c in &d.changes {
            writeln!(out, "- `{}` {}", terminal(c.id), headline(c, style))?;
            for line in field_lines(c, style) {
                writeln!(out, "  - {}", line.trim_start())?;
            }
        }
    }
    Ok(())
}

/// A claim as JSON reports it.
#[derive(Serialize)]
struct ClaimView<'a> {
    text: &'a str,
    figure: String,
    #[serde(serialize_with = "crate::extract::serialize_value")]
    value: f64,
    #[serde(serialize_with = "crate::extract::serialize_optional_value")]
    low: Option<f64>,
    #[serde(serialize_with = "crate::extract::serialize_optional_value")]
    high: Option<f64>,
    unit: &'a str,
    bound: Bound,
    sentence: &'a str,
    status: &'static str,
    source: &'a str,
    note: &'a str,
    reviewer: &'a str,
    reviewed_at: &'a str,
}

impl<'a> From<&'a ReviewClaim> for ClaimView<'a> {
    fn from(c: &'a ReviewClaim) -> Self {
        ClaimView {
            text: &c.text,
            figure: figure_of(c),
            value: c.value,
            low: c.low,
            high: c.high,
            unit: &c.unit,
            bound: c.bound,
            sentence: &c.sentence,
            status: c.status.as_str(),
            source: &c.source,
            note: &c.note,
            reviewer: &c.reviewer,
            reviewed_at: &c.reviewed_at,
        }
    }
}

#[derive(Serialize)]
pub(super) struct ChangeView<'a> {
    id: &'a str,
    change: ChangeKind,
    fields: &'a [Field],
    before: Option<ClaimView<'a>>,
    after: Option<ClaimView<'a>>,
}

impl<'a> From<&'a ClaimChange<'a>> for ChangeView<'a> {
    fn from(c: &'a ClaimChange<'a>) -> Self {
        ChangeView {
            id: c.id,
            change: c.kind,
            fields: &c.fields,
            before: c.old.map(ClaimView::from),
            after: c.new.map(ClaimView::from),
        }
    }
}

#[derive(Serialize)]
struct ArticleView<'a> {
    article: &'a str,
    review_file: &'a str,
    renamed_from: Option<&'a str>,
    changes: Vec<ChangeView<'a>>,
}

#[derive(Serialize)]
struct DiffView<'a> {
    schema_version: u32,
    from: &'a str,
    to: &'a str,
    summary: Summary,
    articles: Vec<ArticleView<'a>>,
}

pub(super) fn json_line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    sanitize::json(out, value, true)?;
    writeln!(out)
}

/// The report as one JSON document.
pub fn json(
    out: &mut dyn Write,
    diffs: &[ArticleDiff<'_>],
    from: &str,
    to: &str,
) -> io::Result<()> {
    let articles = diffs
        .iter()
        .map(|d| ArticleView {
            article: d.article,
            review_file: &d.review_file,
            renamed_from: d.renamed_from,
            changes: d.changes.iter().map(ChangeView::from).collect(),
        })
        .collect();
    json_line(
        out,
        &DiffView {
            schema_version: super::SCHEMA_VERSION,
            from,
            to,
            summary: Summary::of(diffs),
            articles,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_only_the_changed_words() {
        let (before, after) = word_diff(
            "Seoul found at least 10,000 containers.",
            "Seoul found at least 12,000 containers.",
            Style::Plain,
        );
        assert_eq!(before, "Seoul found at least [-10,000-] containers.");
        assert_eq!(after, "Seoul found at least {+12,000+} containers.");
    }

    #[test]
    fn markdown_text_is_escaped() {
        assert_eq!(markdown_escape("a*b_c"), "a\\*b\\_c");
    }
}
