//! `factcheck log`: one claim's history through the commits that touched its review file.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{report_error, Outcome, Ui};
use crate::audit::log::{claim_log, history};
use crate::render::log::{self as render_log, LogSubject};
use crate::workspace::Workspace;

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(clap::Args)]
#[command(
    about = "Show one claim's history through the commits",
    long_about = "Show the history of one claim through the commits that touched its review \
        file, oldest first: when it was added, each change of verdict, figure, sentence, \
        source or note (with the commit, its author and date), and when it was retired. \
        Renames of the review file are followed.",
    after_help = "Examples:\n  factcheck log 4dfe84\n  \
        factcheck log 4dfe84 --article seeds/001_4e05fcd575987f34.txt\n  \
        factcheck log 4dfe84 --format json\n\n\
        With --quiet, the heading line naming the claim is left out.\n\n\
        Exit status: 0 shown, 2 an unknown or ambiguous claim id (pass --article), not a git \
        repository, or a review file that cannot be read."
)]
pub struct Args {
    /// The claim's id, as its review file records it
    #[arg(value_name = "CLAIM_ID")]
    id: String,

    /// The article (or its review file) the claim belongs to; needed when the id is in more
    /// than one
    #[arg(long, value_name = "PATH")]
    article: Option<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

pub fn run(
    args: Args,
    ui: Ui,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let history = match history(ws, &args.id, args.article.as_deref()) {
        Ok(history) => history,
        Err(e) => {
            report_error(err, e)?;
            return Ok(Outcome::Error);
        }
    };
    let steps = claim_log(&args.id, &history.versions);
    let subject = LogSubject {
        id: &args.id,
        article: history.article(&args.id),
        review_file: &history.path,
    };
    match args.format {
        Format::Human => render_log::human(out, &subject, &steps, ui.quiet, ui.color)?,
        Format::Json => render_log::json(out, &subject, &steps)?,
    }
    Ok(Outcome::Clean)
}
