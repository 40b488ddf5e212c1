//! Output of `factcheck status`: a coloured table, a Markdown table for pull requests, JSON,
//! and the per-claim listing of one article.

use std::io::{self, Write};

use colored::Colorize;
use serde::Serialize;

use super::sanitize::{self, table_cell, terminal};
use super::{figure, highlight, plural};
use crate::review::{ReviewClaim, Status};
use crate::status::ArticleStatus;

const HEADERS: [&str; 9] = [
    "article",
    "claims",
    "verified",
    "disputed",
    "unsourced",
    "dismissed",
    "pending",
    "changed",
    "retired",
];

fn cells(row: &ArticleStatus) -> [String; 9] {
    let mut path = terminal(&row.path).into_owned();
    if row.orphaned {
        path.push_str(" (gone: review file orphaned)");
    } else if row.unreadable {
        path.push_str(" (cannot be read)");
    } else if row.not_scanned {
        path.push_str(" (not scanned)");
    } else if row.out_of_date {
        path.push_str(" (out of date)");
    }
    if row.conflicted > 0 {
        path.push_str(&format!(" ({} conflicted: two verdicts)", row.conflicted));
    }
    [
        path,
        row.claims.to_string(),
        row.verified.to_string(),
        row.disputed.to_string(),
        row.unsourced.to_string(),
        row.dismissed.to_string(),
        row.pending.to_string(),
        row.changed.to_string(),
        row.retired.to_string(),
    ]
}

fn paint(column: usize, text: &str, count_nonzero: bool, color: bool) -> String {
    if !color || !count_nonzero {
        return text.to_string();
    }
    match HEADERS[column] {
        "verified" => text.green().to_string(),
        "disputed" => text.red().to_string(),
        "unsourced" | "changed" => text.magenta().to_string(),
        "pending" => text.yellow().to_string(),
        _ => text.to_string(),
    }
}

/// "total (5 articles)": the articles that exist, not the orphaned review files.
fn total_label(rows: &[ArticleStatus]) -> String {
    let n = rows.iter().filter(|r| !r.orphaned).count();
    format!("total ({n} article{})", plural(n))
}

/// The table for a terminal, with a total row.
pub fn table(
    out: &mut dyn Write,
    rows: &[ArticleStatus],
    total: &ArticleStatus,
    quiet: bool,
    color: bool,
) -> io::Result<()> {
    let mut all: Vec<[String; 9]> = rows.iter().map(cells).collect();
    let mut total_cells = cells(total);
    total_cells[0] = total_label(rows);
    all.push(total_cells);
    let mut widths: Vec<usize> = HEADERS.iter().map(|h| h.len()).collect();
    for r in &all {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String], paint_counts: bool| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let pad = widths[k] - c.chars().count();
                let padded = if k == 0 {
                    format!("{c}{}", " ".repeat(pad))
                } else {
                    format!("{}{c}", " ".repeat(pad))
                };
                paint(k, &padded, paint_counts && c != "0", color)
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    let header: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
    let head = line(&header, false);
    writeln!(
        out,
        "{}",
        if color { head.bold().to_string() } else { head }
    )?;
    let (body, last) = all.split_at(all.len() - 1);
    for r in body {
        writeln!(out, "{}", line(r, true))?;
    }
    if quiet {
        return Ok(());
    }
    let total_line = line(&last[0], true);
    writeln!(
        out,
        "{}",
        if color {
            total_line.bold().to_string()
        } else {
            total_line
        }
    )
}

/// A GitHub-flavoured Markdown table, to paste into a pull-request comment.
pub fn markdown(
    out: &mut dyn Write,
    rows: &[ArticleStatus],
    total: &ArticleStatus,
    quiet: bool,
) -> io::Result<()> {
    writeln!(out, "| {} |", HEADERS.join(" | "))?;
    writeln!(out, "|---|{}", "---:|".repeat(HEADERS.len() - 1))?;
    for r in rows {
        let c = cells(r);
        writeln!(out, "| `{}` | {} |", table_cell(&c[0]), c[1..].join(" | "))?;
    }
    if quiet {
        return Ok(());
    }
    let mut t = cells(total);
    t[0] = format!("**{}**", total_label(rows));
    writeln!(out, "| {} |", t.join(" | "))
}

#[derive(Serialize)]
struct StatusDocument<'a> {
    schema_version: u32,
    articles: &'a [ArticleStatus],
    total: &'a ArticleStatus,
}

pub fn json(out: &mut dyn Write, rows: &[ArticleStatus], total: &ArticleStatus) -> io::Result<()> {
    sanitize::json(
        out,
        &StatusDocument {
            schema_version: super::SCHEMA_VERSION,
            articles: rows,
            total,
        },
        true,
    )?;
    writeln!(out)
}

fn paint_status(claim: &ReviewClaim, color: bool) -> String {
    let status = claim.status;
    let label = if claim.is_conflicted() {
        "conflicted".to_string()
    } else if claim.changed {
        format!("{status}, changed")
    } else {
        status.to_string()
    };
    let changed = claim.changed || claim.is_conflicted();
    let label = format!("{label:<18}");
    if !color {
        return label;
    }
    match status {
        Status::Verified if !changed => label.green().to_string(),
        Status::Disputed => label.red().to_string(),
        Status::Pending => label.yellow().to_string(),
        _ => label.magenta().to_string(),
    }
}

/// One article's claims: id, state, figure, and the sentence with the figure highlighted.
/// `notes` holds, for each claim, lines on what other articles say about it.
pub fn claims(
    out: &mut dyn Write,
    article: &str,
    claims: &[ReviewClaim],
    notes: &[Vec<String>],
    color: bool,
) -> io::Result<()> {
    writeln!(out, "{}", terminal(article))?;
    for (k, c) in claims.iter().enumerate() {
        let described = figure(c.value, c.low, c.high, &c.unit, c.bound);
        writeln!(
            out,
            "  {}  {}  {}:{}  {described}",
            terminal(&c.id),
            paint_status(c, color),
            c.line,
            c.column
        )?;
        writeln!(out, "      {}", highlight(&c.sentence, &c.text, color))?;
        if let Some(who) = &c.attribution {
            writeln!(out, "      according to: {}", terminal(who))?;
        }
        for line in super::review::alternatives(c) {
            writeln!(out, "      {line}")?;
        }
        if !c.source.is_empty() || !c.note.is_empty() {
            writeln!(
                out,
                "      source: {}  note: {}",
                terminal(&c.source),
                terminal(&c.note)
            )?;
        }
        for note in notes.get(k).into_iter().flatten() {
            let note = if color {
                note.dimmed().to_string()
            } else {
                note.clone()
            };
            writeln!(out, "      {note}")?;
        }
    }
    Ok(())
}
