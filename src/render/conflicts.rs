//! Output of `factcheck conflicts`: each group of figures for one counted thing, with where
//! each was stated and which pairs cannot both be true; as text, Markdown or JSON.

use std::io::{self, Write};

use colored::Colorize;

use super::sanitize::{self, table_cell, terminal};
use super::{figure, plural};
use crate::conflicts::{Elsewhere, Figure, Group};

fn label(f: &Figure) -> String {
    figure(f.value, f.low, f.high, "", f.bound)
}

fn headline(g: &Group) -> String {
    if g.compatible {
        format!(
            "{}: {} figures, all compatible",
            terminal(&g.thing),
            g.figures.len()
        )
    } else {
        format!(
            "{}: {} figures, {} pair{} cannot both be true",
            terminal(&g.thing),
            g.figures.len(),
            g.disagreements.len(),
            plural(g.disagreements.len())
        )
    }
}

pub fn human(out: &mut dyn Write, groups: &[Group], quiet: bool, color: bool) -> io::Result<()> {
    for g in groups {
        let head = headline(g);
        let head = match (color, g.compatible) {
            (false, _) => head,
            (true, true) => head.green().bold().to_string(),
            (true, false) => head.red().bold().to_string(),
        };
        writeln!(out, "{head}")?;
        let width = g
            .figures
            .iter()
            .map(|f| label(f).chars().count())
            .max()
            .unwrap_or(0);
        let place = |o: &crate::conflicts::Occurrence| {
            format!("{}:{}:{}", terminal(&o.path), o.line, o.column)
        };
        let place_width = g
            .figures
            .iter()
            .flat_map(|f| &f.occurrences)
            .map(|o| place(o).len())
            .max()
            .unwrap_or(0);
        for f in &g.figures {
            for (k, o) in f.occurrences.iter().enumerate() {
                let shown = if k == 0 { label(f) } else { String::new() };
                let source = if o.source.is_empty() {
                    String::new()
                } else {
                    format!("  source: {}", terminal(&o.source))
                };
                writeln!(
                    out,
                    "  {shown:<width$}  {:<place_width$}  {:<9}  \"{}\"{source}",
                    place(o),
                    o.status,
                    terminal(&o.text)
                )?;
            }
        }
        if !g.disagreements.is_empty() {
            writeln!(out, "  cannot both be true:")?;
            for (a, f) in g.figures.iter().enumerate() {
                let against: Vec<String> = g
                    .disagreements
                    .iter()
                    .filter(|d| d.a == a)
                    .map(|d| label(&g.figures[d.b]))
                    .collect();
                if !against.is_empty() {
                    writeln!(out, "    {} vs {}", label(f), against.join(", "))?;
                }
            }
        }
        writeln!(out)?;
    }
    if quiet {
        return Ok(());
    }
    let disagreeing = groups.iter().filter(|g| !g.compatible).count();
    writeln!(
        out,
        "{} group{} of differing figures, {disagreeing} with figures that disagree",
        groups.len(),
        plural(groups.len())
    )
}

pub fn markdown(out: &mut dyn Write, groups: &[Group]) -> io::Result<()> {
    for g in groups {
        writeln!(out, "### {}\n", headline(g))?;
        writeln!(out, "| figure | article | claim | status | source |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for f in &g.figures {
            for o in &f.occurrences {
                writeln!(
                    out,
                    "| {} | `{}:{}` | {} | {} | {} |",
                    label(f),
                    table_cell(&o.path),
                    o.line,
                    table_cell(&o.text),
                    o.status,
                    table_cell(&o.source)
                )?;
            }
        }
        for d in &g.disagreements {
            writeln!(
                out,
                "\n- {} and {} cannot both be true",
                label(&g.figures[d.a]),
                label(&g.figures[d.b])
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct ConflictsDocument<'a> {
    schema_version: u32,
    groups: &'a [Group],
}

pub fn json(out: &mut dyn Write, groups: &[Group]) -> io::Result<()> {
    let doc = ConflictsDocument {
        schema_version: super::SCHEMA_VERSION,
        groups,
    };
    sanitize::json(out, &doc, true)?;
    writeln!(out)
}

/// Lines telling a reviewer what other articles say about a claim's counted thing.
pub fn elsewhere(e: &Elsewhere<'_>) -> Vec<String> {
    let mut lines = Vec::new();
    if !e.others.is_empty() {
        let shown: Vec<String> = e
            .others
            .iter()
            .take(6)
            .map(|o| {
                let c = o.claim;
                format!(
                    "{} in {}:{} ({})",
                    figure(c.value, c.low, c.high, "", c.bound),
                    terminal(o.path),
                    c.line,
                    c.status
                )
            })
            .collect();
        let more = e.others.len().saturating_sub(6);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        lines.push(format!("same thing elsewhere: {}{more}", shown.join("; ")));
    }
    if let Some(s) = e.suggested_source {
        lines.push(suggested_source(s.path, s.claim.line, &s.claim.source));
    }
    lines
}

/// The line offering a source verified elsewhere (in `path` at `line`) for the same figure.
pub fn suggested_source(path: &str, line: usize, source: &str) -> String {
    format!(
        "suggested source (verified in {}:{line}): {}",
        terminal(path),
        terminal(source)
    )
}
