//! `factcheck diff`: what changed in the review files between two revisions, a revision and
//! the working tree, or two review files, claim by claim.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{report_error, Outcome, ReportFormat, Ui};
use crate::audit::revisions::{between_files, between_revisions};
use crate::audit::ArticleDiff;
use crate::render::audit as render;
use crate::workspace::Workspace;

#[derive(clap::Args)]
#[command(
    about = "Show how claims and verdicts changed between revisions",
    long_about = "Show how the review files changed between two revisions, claim by claim: \
        claims added and retired, verdicts given or changed (with reviewer and source), \
        sources and notes edited, and figures or sentences that changed in the article, the \
        sentence shown as a word diff. An article renamed between the revisions is followed \
        when git detects the rename.\n\n\
        With no REV, compares the last commit with the working tree; with one, that revision \
        with the working tree; with two, the two revisions.",
    after_help = "Examples:\n  factcheck diff                       # HEAD against the working tree\n  \
        factcheck diff main                  # main against the working tree\n  \
        factcheck diff v1.0 HEAD -- seeds/   # two revisions, articles under seeds/ only\n  \
        factcheck diff origin/main HEAD --format markdown   # a pull-request comment\n  \
        factcheck diff --files old.toml new.toml            # two review files outside git\n\n\
        With --quiet, the closing summary is left out.\n\n\
        Exit status: 0 compared (any differences are printed), 1 with --exit-code: something \
        changed, 2 an unknown revision, a path outside the repository, not a git repository, \
        or a malformed review file."
)]
pub struct Args {
    /// Revisions to compare: none, one (against the working tree) or two
    #[arg(value_name = "REV", num_args = 0..=2)]
    revs: Vec<String>,

    /// Only these articles, review files or directories
    #[arg(last = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Compare two review files instead of revisions
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with_all = ["revs", "paths"])]
    files: Option<Vec<PathBuf>>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,

    /// Exit 1 when anything changed
    #[arg(long)]
    exit_code: bool,
}

pub fn run(
    args: Args,
    ui: Ui,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let compared = match &args.files {
        Some(files) => between_files(&ws.cwd.join(&files[0]), &ws.cwd.join(&files[1])),
        None => between_revisions(ws, &args.revs, &args.paths),
    };
    let compared = match compared {
        Ok(compared) => compared,
        Err(e) => {
            report_error(err, e)?;
            return Ok(Outcome::Error);
        }
    };
    for e in &compared.unreadable {
        report_error(err, e)?;
    }
    let diffs: Vec<ArticleDiff<'_>> = compared
        .pairs
        .iter()
        .filter_map(|p| {
            ArticleDiff::of(
                p.old.as_ref().map(|r| &r.file),
                p.new.as_ref().map(|r| &r.file),
                p.shown.clone(),
            )
        })
        .collect();
    let between = format!("{} and {}", compared.from, compared.to);
    match args.format {
        ReportFormat::Human => render::human(out, &diffs, &between, ui.quiet, ui.color)?,
        ReportFormat::Markdown => render::markdown(out, &diffs, &between)?,
        ReportFormat::Json => render::json(out, &diffs, &compared.from, &compared.to)?,
    }
    Ok(if !compared.unreadable.is_empty() {
        Outcome::Error
    } else if args.exit_code && !diffs.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
