//! `factcheck conflicts`: the figures that different articles give for the same fact, and
//! `--ack` to record that a group is explained.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{report_error, Outcome, ReportFormat, Ui};
use crate::conflicts::{decision_for, Facts, Group, Grouping};
use crate::diagnostic::Diagnostic;
use crate::mark::default_reviewer;
use crate::render::conflicts as render;
use crate::render::sanitize::terminal;
use crate::review::decisions::{self, decisions_path};
use crate::review::load::{load_each, Freshness, Loaded};
use crate::review::parse::closest;
use crate::workspace::Workspace;

#[derive(clap::Args)]
#[command(
    about = "Show the figures different articles give for the same fact, and settle them",
    long_about = "Group the claims of all articles that count the same thing (\"containers\", \
        \"sea containers\" and \"containers of ammunition\"; \"shells\" and \"rounds\"; \
        \"troops\" and \"soldiers\") in the same story (articles and sentences that share \
        the names that make it: North Korea, Russia, C4ADS) and show each group whose figures \
        differ, the most divergent first, with the article, line, claim id, verdict, source and \
        attribution of every figure. Figures that can both be true (at least 10,000 and more \
        than 11,000) are compatible; figures that cannot (4.8 million and 1.6 million, both \
        exact) disagree, for a reviewer to judge. A figure's scope (\"annually\", \"over 20 \
        months\", \"since September\") is shown beside it, and figures of different scopes \
        are never set against each other. When a reviewer has explained a disagreement, \
        `--ack ID --note TEXT` records it in annotations/conflicts.toml; the group is then \
        shown dimmed until a figure joins or changes. Reads the review files, so run \
        `factcheck scan` first.",
    after_help = "Examples:\n  factcheck conflicts\n  factcheck conflicts --format markdown\n  \
        factcheck conflicts --ack shipment-8d2f1a --note \"different periods: Sept-March vs 20 months\"\n  \
        factcheck conflicts --hide-acknowledged\n\n\
        With --quiet, the closing count is left out.\n\n\
        Exit status: 0 no figures disagree or every disagreement is acknowledged (and an \
        --ack was recorded), 1 some group's figures disagree and nobody has explained them, \
        2 a review file or annotations/conflicts.toml could not be read, or --ack failed."
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,

    /// Record that the group with this id is explained (ids are shown in every format)
    #[arg(long, value_name = "ID", requires = "note")]
    ack: Option<String>,

    /// Why the figures of the acknowledged group differ
    #[arg(long, value_name = "TEXT", requires = "ack")]
    note: Option<String>,

    /// Who acknowledges (default: git's user.name)
    #[arg(long, value_name = "NAME", requires = "ack")]
    reviewer: Option<String>,

    /// Leave acknowledged groups out
    #[arg(long)]
    hide_acknowledged: bool,

    /// Articles or directories (default: the articles in factcheck.toml)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Reports the review files that cannot be read; returns whether there were any.
pub fn report_unreadable(loaded: &[Loaded], err: &mut dyn Write) -> io::Result<bool> {
    report_fatal(loaded.iter().flat_map(|l| &l.problems), err)
}

/// Reports the problems that keep a file from being read; returns whether there were any.
fn report_fatal<'a>(
    problems: impl IntoIterator<Item = &'a Diagnostic>,
    err: &mut dyn Write,
) -> io::Result<bool> {
    let mut failed = false;
    for p in problems.into_iter().filter(|p| p.fatal) {
        report_error(err, p)?;
        failed = true;
    }
    Ok(failed)
}

pub fn run(
    args: Args,
    ui: Ui,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(chosen) = super::selected(ws, &args.paths, err)? else {
        return Ok(Outcome::Error);
    };
    let mut grouping = Grouping::default();
    let mut problems = Vec::new();
    load_each(
        ws,
        &chosen.articles,
        Freshness::Unchecked,
        |loaded| {
            let facts = loaded
                .review
                .map(|review| Facts::kept(loaded.article, review));
            (loaded.problems, facts)
        },
        |(found, facts)| {
            problems.extend(found);
            if let Some(facts) = facts {
                grouping.add(facts);
            }
        },
    );
    let mut failed = report_fatal(&problems, err)?;
    let store = ws.store();
    let decided = decisions::read(&store).unwrap_or_else(|e| {
        failed = true;
        for d in e.diagnostics() {
            let _ = report_error(err, d);
        }
        Vec::new()
    });
    let groups = grouping.groups(&decided);
    if let (Some(id), Some(note)) = (&args.ack, &args.note) {
        if failed {
            return Ok(Outcome::Error);
        }
        return acknowledge(ws, &groups, id, note, args.reviewer, out, err);
    }
    let shown = render::Shown {
        groups: &groups,
        hide_acknowledged: args.hide_acknowledged,
    };
    match args.format {
        ReportFormat::Human => render::human(out, &shown, ui.quiet, ui.color)?,
        ReportFormat::Json => render::json(out, &shown)?,
        ReportFormat::Markdown => render::markdown(out, &shown)?,
    }
    let found = if failed {
        Outcome::Error
    } else if groups.iter().any(Group::is_open) {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    Ok(found.and(chosen.outcome))
}

/// Records that the group `id` is explained by `note`.
fn acknowledge(
    ws: &Workspace,
    groups: &[Group],
    id: &str,
    note: &str,
    reviewer: Option<String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(group) = groups.iter().find(|g| g.id == id) else {
        let ids: Vec<&str> = groups
            .iter()
            .filter(|g| !g.compatible)
            .map(|g| g.id.as_str())
            .collect();
        let near = closest(id, &ids)
            .map(|n| format!("did you mean `{n}`? "))
            .unwrap_or_default();
        report_error(
            err,
            format!(
                "no group of differing figures has the id `{id}`\n  help: {near}`factcheck conflicts` shows each group's id in brackets"
            ),
        )?;
        return Ok(Outcome::Error);
    };
    if group.compatible {
        report_error(
            err,
            format!("the figures of `{id}` can all be true: there is nothing to acknowledge"),
        )?;
        return Ok(Outcome::Error);
    }
    if note.trim().is_empty() {
        report_error(err, "the note is empty\n  help: say why the figures differ, e.g. --note \"different periods\"")?;
        return Ok(Outcome::Error);
    }
    let Some(reviewer) = reviewer.or_else(|| default_reviewer(&ws.root)) else {
        report_error(
            err,
            "no reviewer name: git's user.name is not set\n  help: pass --reviewer NAME",
        )?;
        return Ok(Outcome::Error);
    };
    let Some(now) = super::now(err)? else {
        return Ok(Outcome::Error);
    };
    let decision = decision_for(group, note, &reviewer, &now);
    match decisions::record(&ws.store(), &decision) {
        Ok(replaced) => {
            let verb = if replaced { "updated" } else { "recorded" };
            writeln!(
                out,
                "{verb} in {}: {} ({}) acknowledged by {}",
                terminal(&ws.shown(&decisions_path(&ws.annotations()))),
                terminal(id),
                terminal(&group.thing),
                terminal(&reviewer)
            )?;
            Ok(Outcome::Clean)
        }
        Err(e) => {
            report_error(err, e)?;
            Ok(Outcome::Error)
        }
    }
}
