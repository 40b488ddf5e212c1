//! `factcheck conflicts`: the figures that different articles give for the same thing.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{report_error, Outcome, ReportFormat, Ui};
use crate::conflicts::find;
use crate::render::conflicts as render;
use crate::review::load::{load_all, sourced, Loaded};
use crate::workspace::Workspace;

#[derive(clap::Args)]
#[command(
    about = "Show the figures different articles give for the same thing",
    long_about = "Group the claims of all articles that count the same thing (\"containers\", \
        \"sea containers\" and \"containers of ammunition\"; \"shells\" and \"rounds\"; \
        \"troops\" and \"soldiers\") and show each group whose figures differ, the most \
        divergent first, with verdicts and sources. Figures that can both be true (at least \
        10,000 and more than 11,000) are compatible; figures that cannot (4.8 million and \
        1.6 million, both exact) disagree, for a reviewer to judge: they may cover different \
        periods. Reads the review files, so run `factcheck scan` first.",
    after_help = "Examples:\n  factcheck conflicts\n  factcheck conflicts --format markdown\n\n\
        With --quiet, the closing count is left out.\n\n\
        Exit status: 0 no figures disagree, 1 some group has figures that disagree, \
        2 a review file could not be read."
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,

    /// Articles or directories (default: the articles in factcheck.toml)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Reports the review files that cannot be read; returns whether there were any.
pub fn report_unreadable(loaded: &[Loaded], err: &mut dyn Write) -> io::Result<bool> {
    let mut failed = false;
    for l in loaded {
        for p in l.problems.iter().filter(|p| p.fatal) {
            report_error(err, p)?;
            failed = true;
        }
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
    let loaded = load_all(ws, &chosen.articles);
    let failed = report_unreadable(&loaded, err)?;
    let groups = find(&sourced(&loaded));
    match args.format {
        ReportFormat::Human => render::human(out, &groups, ui.quiet, ui.color)?,
        ReportFormat::Json => render::json(out, &groups)?,
        ReportFormat::Markdown => render::markdown(out, &groups)?,
    }
    let found = if failed {
        Outcome::Error
    } else if groups.iter().any(|g| !g.compatible) {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    Ok(found.and(chosen.outcome))
}
