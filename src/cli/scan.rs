//! `factcheck scan`: bring review files up to date with their articles, or with `--check`
//! report which are out of date without writing.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{report_error, Outcome, Ui};
use crate::render::diff::unified;
use crate::render::sanitize::terminal;
use crate::render::scan as render;
use crate::scan::{scan_all, Options};
use crate::workspace::Workspace;

#[derive(clap::Args)]
#[command(
    about = "Write or update one review file per article under annotations/",
    long_about = "Write or update one review file per article under annotations/.\n\n\
        Without PATHs, scans the articles that factcheck.toml lists. Rescanning keeps every \
        verdict, note, comment and extra key: claims are matched by content, so text moved \
        or inserted around them changes nothing. A claim whose number or bound changed goes \
        back to pending with its old verdict kept in its history; a reviewed claim whose \
        sentence changed is flagged `changed = true` until someone confirms it; a claim that \
        left the article moves to [[retired]].",
    after_help = "Examples:\n  factcheck scan\n  factcheck scan seeds/000_f2ecfe456393e018.txt\n  \
        factcheck scan --check      # in CI: fail if a review file is out of date\n\n\
        With --quiet, only errors, warnings and (with --check) what would change are \
        printed.\n\n\
        Exit status: 0 up to date (or updated), 1 with --check: a review file is out of date, \
        2 an article or review file could not be read (the others are still scanned)."
)]
pub struct Args {
    /// Change nothing; print what would change as a diff and exit 1 if anything would
    #[arg(long)]
    check: bool,

    /// Remove retired claims from the review files, and (when scanning every configured
    /// article) the review files of articles that no longer exist
    #[arg(long)]
    prune: bool,

    /// Articles or directories of articles (default: the articles in factcheck.toml)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

pub fn run(
    args: Args,
    ui: Ui,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(articles) = super::selected(ws, &args.paths, err)? else {
        return Ok(Outcome::Error);
    };
    let mut outcome = articles.outcome;
    let Some(now) = super::now(err)? else {
        return Ok(Outcome::Error);
    };
    let options = Options {
        check: args.check,
        prune: args.prune,
    };
    let run = scan_all(ws, &articles.articles, options, args.paths.is_empty(), &now);
    for leftover in &run.leftovers {
        if !ui.quiet {
            writeln!(
                err,
                "note: removed {}, left by an interrupted run",
                terminal(leftover)
            )?;
        }
    }
    for failure in &run.failures {
        report_error(err, failure)?;
        outcome = Outcome::Error;
    }
    for mv in &run.moved {
        let new = ws.shown(&ws.review_path(&mv.article));
        if args.check || !ui.quiet {
            writeln!(out, "{}", render::moved(mv, &new, args.check))?;
        }
    }
    if args.check && !run.moved.is_empty() {
        outcome = outcome.and(Outcome::Findings);
    }
    let color = ui.color;
    let mut tally = render::Tally {
        moved: run.moved.len(),
        ..Default::default()
    };
    for result in run.scanned {
        let scanned = match result {
            Ok(r) => r,
            Err(e) => {
                report_error(err, e)?;
                outcome = Outcome::Error;
                tally.failed += 1;
                continue;
            }
        };
        for w in &scanned.warnings {
            writeln!(err, "warning: {w}")?;
        }
        if !scanned.changed() {
            tally.unchanged += 1;
            continue;
        }
        if scanned.created() {
            tally.created += 1;
        } else {
            tally.updated += 1;
        }
        if let Some((before, after)) = &scanned.texts {
            let shown = &scanned.shown;
            let diff = unified(
                before.as_deref().unwrap_or(""),
                after,
                &format!("{shown} (on disk)"),
                &format!("{shown} (after scan)"),
                color,
            );
            write!(out, "{diff}")?;
            outcome = outcome.and(Outcome::Findings);
        } else if !ui.quiet {
            writeln!(
                out,
                "{}: {}",
                terminal(&scanned.shown),
                render::describe(scanned.created(), &scanned.summary)
            )?;
        }
    }
    for orphan in &run.orphans {
        if run.pruned_orphans {
            if !ui.quiet {
                writeln!(out, "{}", render::pruned_orphan(orphan))?;
            }
        } else {
            writeln!(err, "warning: {}", render::orphan(orphan))?;
        }
    }
    tally.orphans = run.orphans.len();
    tally.pruned_orphans = run.pruned_orphans;
    if !ui.quiet {
        writeln!(out, "{}", render::closing(&tally, args.check))?;
    }
    Ok(outcome)
}
