//! `factcheck mark`: record a verdict on claims from the command line, editing the review
//! file in place as a person would.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{report_error, Outcome, Ui};
use crate::mark::{mark, MarkError, Request};
use crate::render::conflicts::{elsewhere, suggested_source};
use crate::render::sanitize::terminal;
use crate::review::load::elsewhere_each;
use crate::review::Status;
use crate::workspace::Workspace;

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    Pending,
    Verified,
    Disputed,
    Unsourced,
    Dismissed,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Pending => Status::Pending,
            StatusArg::Verified => Status::Verified,
            StatusArg::Disputed => Status::Disputed,
            StatusArg::Unsourced => Status::Unsourced,
            StatusArg::Dismissed => Status::Dismissed,
        }
    }
}

#[derive(clap::Args)]
#[command(
    about = "Set the verdict of claims in an article's review file",
    long_about = "Set the verdict of one or more claims, editing the review file in place: \
        comments and other claims are untouched. Claim ids are in the review file and in \
        `factcheck status ARTICLE --claims`.",
    after_help = "Examples:\n  factcheck mark seeds/001_4e05fcd575987f34.txt 1a2b3c --status verified \\\n      \
        --source 'Bloomberg interview with Shin Won-sik, 2024-06-14'\n  \
        factcheck mark annotations/seeds/001_4e05fcd575987f34.toml 1a2b3c 4d5e6f --status disputed \\\n      \
        --note 'MoD says 5,000'\n\n\
        With --quiet, nothing is printed unless it fails.\n\n\
        Exit status: 0 marked, 2 unknown article or claim id, or a malformed review file."
)]
pub struct Args {
    /// The article, or its review file under annotations/
    #[arg(value_name = "ARTICLE")]
    article: PathBuf,

    /// Ids of the claims to mark
    #[arg(value_name = "CLAIM_ID", required = true)]
    ids: Vec<String>,

    /// The verdict
    #[arg(long, value_enum)]
    status: StatusArg,

    /// Where the figure was checked (required for verified, unless --no-source)
    #[arg(long)]
    source: Option<String>,

    /// A note for other reviewers
    #[arg(long)]
    note: Option<String>,

    /// Who reviewed it (default: git's user.name)
    #[arg(long)]
    reviewer: Option<String>,

    /// Allow verified without a source
    #[arg(long)]
    no_source: bool,
}

pub fn run(
    args: Args,
    ui: Ui,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(now) = super::now(err)? else {
        return Ok(Outcome::Error);
    };
    let request = Request {
        ids: &args.ids,
        status: Status::from(args.status),
        source: args.source.as_deref(),
        note: args.note.as_deref(),
        reviewer: args.reviewer.as_deref(),
        fresh_only: false,
        no_source: args.no_source,
        now: &now,
    };
    let marked = match mark(ws, &args.article, &request) {
        Ok(marked) => marked,
        Err(e) => {
            if let MarkError::NoSource { suggestions, .. } = &e {
                for s in suggestions {
                    writeln!(
                        err,
                        "{}: {}",
                        terminal(&s.id),
                        suggested_source(&s.path, s.line, &s.source)
                    )?;
                }
            }
            report_error(err, e)?;
            return Ok(Outcome::Error);
        }
    };
    if ui.quiet {
        return Ok(Outcome::Clean);
    }
    writeln!(
        out,
        "{}: {} marked {}: {}",
        terminal(&marked.shown),
        args.ids.len(),
        request.status,
        terminal(&args.ids.join(", "))
    )?;
    for claim in marked.settled() {
        writeln!(
            out,
            "  {}: settled the two verdicts a merge left; both are kept in its history",
            claim.id
        )?;
    }
    if !marked.still_conflicted.is_empty() {
        writeln!(
            out,
            "  still needing a decision in this file (two verdicts after a merge): {}",
            marked.still_conflicted.join(", ")
        )?;
    }
    let notes = elsewhere_each(ws, &marked.article, &marked.claims, elsewhere);
    for (claim, notes) in marked.claims.iter().zip(notes) {
        for note in notes {
            writeln!(out, "  {}: {note}", terminal(&claim.id))?;
        }
    }
    Ok(Outcome::Clean)
}
