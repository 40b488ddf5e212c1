//! Output of `factcheck conflicts`: each group of figures for one counted thing in one story,
//! with its id, where each figure was stated (article, line, claim id, verdict, source,
//! attribution), which pairs cannot both be true, and any reviewer's explanation; as text,
//! Markdown or JSON.

use std::io::{self, Write};

use colored::Colorize;

use super::sanitize::{self, table_cell, terminal};
use super::{figure, plural};
use crate::conflicts::{Elsewhere, Figure, Group, Occurrence, State};

/// What to show: the groups found, and whether acknowledged ones are left out.
pub struct Shown<'a> {
    pub groups: &'a [Group],
    pub hide_acknowledged: bool,
}

impl Shown<'_> {
    fn visible(&self) -> impl Iterator<Item = &Group> {
        self.groups
            .iter()
            .filter(|g| !(self.hide_acknowledged && g.state == State::Acknowledged))
    }
}

fn label(f: &Figure) -> String {
    let number = figure(f.value, f.low, f.high, "", f.bound);
    if f.scope.is_empty() {
        number
    } else {
        format!("{number} · {}", terminal(&f.scope.describe()))
    }
}

/// How many times apart the figures that disagree are: "2.37×", "45×".
fn apart(spread: f64) -> String {
    if !spread.is_finite() {
        return "∞×".to_string();
    }
    let digits = if spread < 10.0 { 100.0 } else { 1.0 };
    format!("{}×", super::readable((spread * digits).round() / digits))
}

fn headline(g: &Group) -> String {
    let thing = terminal(&g.thing);
    let n = g.figures.len();
    if g.compatible {
        return format!("{thing}: {n} figures, all can be true");
    }
    let pairs = g.disagreements.len();
    format!(
        "{thing}: {n} figures, {pairs} pair{} cannot both be true, {} apart",
        plural(pairs),
        apart(g.spread)
    )
}

fn place(o: &Occurrence) -> String {
    format!("{}:{}", terminal(&o.path), o.line)
}

/// The reviewer's explanation, as one line.
fn acknowledged_line(g: &Group) -> Option<String> {
    let a = g.acknowledgement.as_ref()?;
    let who = match (a.reviewer.is_empty(), a.acknowledged_at.is_empty()) {
        (false, false) => format!(
            " by {} at {}",
            terminal(&a.reviewer),
            terminal(&a.acknowledged_at)
        ),
        (false, true) => format!(" by {}", terminal(&a.reviewer)),
        _ => String::new(),
    };
    let what = if g.reopened {
        "reopened: a figure joined or changed since it was acknowledged"
    } else {
        "acknowledged"
    };
    Some(format!("{what}{who}: {}", terminal(&a.note)))
}

fn write_group(out: &mut dyn Write, g: &Group, color: bool) -> io::Result<()> {
    let head = format!("[{}] {}", terminal(&g.id), headline(g));
    let paint = |text: String, strong: bool| -> String {
        match (color, g.state) {
            (false, _) => text,
            (true, State::Acknowledged) => text.dimmed().to_string(),
            (true, State::Compatible) if strong => text.green().bold().to_string(),
            (true, State::Open) if strong => text.red().bold().to_string(),
            (true, _) => text,
        }
    };
    writeln!(out, "{}", paint(head, true))?;
    let width = g
        .figures
        .iter()
        .map(|f| label(f).chars().count())
        .max()
        .unwrap_or(0);
    let occurrences = || g.figures.iter().flat_map(|f| &f.occurrences);
    let place_width = occurrences()
        .map(|o| place(o).chars().count())
        .max()
        .unwrap_or(0);
    let id_width = occurrences()
        .map(|o| terminal(&o.claim_id).chars().count())
        .max()
        .unwrap_or(0);
    for f in &g.figures {
        for (k, o) in f.occurrences.iter().enumerate() {
            let shown = if k == 0 { label(f) } else { String::new() };
            let mut line = format!(
                "  {shown:<width$}  {:<place_width$}  {:<id_width$}  {:<9}  \"{}\"",
                place(o),
                terminal(&o.claim_id),
                o.status,
                terminal(&o.text)
            );
            if let Some(who) = &o.attribution {
                line.push_str(&format!("  per {}", terminal(who)));
            }
            if !o.source.is_empty() {
                line.push_str(&format!("  source: {}", terminal(&o.source)));
            }
            writeln!(out, "{}", paint(line, false))?;
        }
    }
    if !g.disagreements.is_empty() {
        writeln!(out, "{}", paint("  cannot both be true:".into(), false))?;
        for (a, f) in g.figures.iter().enumerate() {
            let against: Vec<String> = g
                .disagreements
                .iter()
                .filter(|d| d.a == a)
                .map(|d| label(&g.figures[d.b]))
                .collect();
            if !against.is_empty() {
                let line = format!("    {} vs {}", label(f), against.join(", "));
                writeln!(out, "{}", paint(line, false))?;
            }
        }
    }
    if let Some(line) = acknowledged_line(g) {
        writeln!(out, "{}", paint(format!("  {line}"), false))?;
    }
    if g.state == State::Open {
        writeln!(
            out,
            "  explained? factcheck conflicts --ack {} --note \"why the figures differ\"",
            terminal(&g.id)
        )?;
    }
    writeln!(out)
}

fn count(groups: &[Group], state: State) -> usize {
    groups.iter().filter(|g| g.state == state).count()
}

pub fn human(out: &mut dyn Write, shown: &Shown<'_>, quiet: bool, color: bool) -> io::Result<()> {
    for g in shown.visible() {
        write_group(out, g, color)?;
    }
    if quiet {
        return Ok(());
    }
    let groups = shown.groups;
    let hidden = if shown.hide_acknowledged && count(groups, State::Acknowledged) > 0 {
        " (acknowledged ones not shown)"
    } else {
        ""
    };
    writeln!(
        out,
        "{} group{} of differing figures: {} open, {} acknowledged, {} all compatible{hidden}",
        groups.len(),
        plural(groups.len()),
        count(groups, State::Open),
        count(groups, State::Acknowledged),
        count(groups, State::Compatible),
    )
}

pub fn markdown(out: &mut dyn Write, shown: &Shown<'_>) -> io::Result<()> {
    for g in shown.visible() {
        writeln!(out, "### `{}` {}\n", table_cell(&g.id), headline(g))?;
        writeln!(
            out,
            "| figure | article | claim | text | status | source | attribution |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|---|")?;
        for f in &g.figures {
            for o in &f.occurrences {
                writeln!(
                    out,
                    "| {} | `{}:{}` | `{}` | {} | {} | {} | {} |",
                    table_cell(&label(f)),
                    table_cell(&o.path),
                    o.line,
                    table_cell(&o.claim_id),
                    table_cell(&o.text),
                    o.status,
                    table_cell(&o.source),
                    table_cell(o.attribution.as_deref().unwrap_or(""))
                )?;
            }
        }
        for d in &g.disagreements {
            writeln!(
                out,
                "\n- {} and {} cannot both be true",
                table_cell(&label(&g.figures[d.a])),
                table_cell(&label(&g.figures[d.b]))
            )?;
        }
        if let Some(line) = acknowledged_line(g) {
            writeln!(out, "\n- {}", table_cell(&line))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct ConflictsDocument<'a> {
    schema_version: u32,
    groups: Vec<&'a Group>,
}

pub fn json(out: &mut dyn Write, shown: &Shown<'_>) -> io::Result<()> {
    let doc = ConflictsDocument {
        schema_version: super::SCHEMA_VERSION,
        groups: shown.visible().collect(),
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
