//! The command line: argument definitions and dispatch. Each command lives in its own module
//! with a `run` that writes to the given output and error streams and returns an [`Outcome`].

mod check;
mod conflicts;
mod diff;
mod extract;
mod init;
mod log;
mod mark;
mod parallel;
mod review;
mod scan;
mod status;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::Workspace;

pub const EXIT_CODES: &str = "\
Exit status:
  0  clean: the command did its work and found nothing to report
  1  findings: the policy is not met, a file is out of date, or a diff is not empty
  2  error: bad arguments, unreadable or malformed files, bad configuration";

/// How a command ended; becomes the process exit status. Ordered from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Clean = 0,
    Findings = 1,
    Error = 2,
}

impl Outcome {
    /// The worse of two outcomes.
    pub fn and(self, other: Outcome) -> Outcome {
        self.max(other)
    }
}

#[derive(Parser)]
#[command(
    name = "factcheck",
    version,
    about = "Find, review and gate the numeric claims in news articles kept in git",
    long_about = "Find, review and gate the numeric claims in news articles kept in git.\n\n\
        `factcheck extract` lists the claims in articles. The other commands keep one TOML \
        review file per article under annotations/, which reviewers edit and commit.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// When to colour output: auto (a terminal, unless NO_COLOR is set), always or never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

/// Output of reports that people read, paste into a pull request, or feed to other tools.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Readable text, coloured in a terminal
    Human,
    /// One JSON document
    Json,
    /// Markdown to paste into a pull-request comment
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    Extract(extract::Args),
    Scan(scan::Args),
    Mark(mark::Args),
    Init(init::Args),
    Status(status::Args),
    Check(check::Args),
    Conflicts(conflicts::Args),
    Diff(diff::Args),
    Log(log::Args),
    Review(review::Args),
}

/// Parses the command line, runs the command and maps its outcome to an exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    colored::control::set_override(color);
    let mut out = BufWriter::new(io::stdout().lock());
    // Not locked for the whole run: worker threads draw progress on it.
    let mut err = io::stderr();
    let result =
        dispatch(cli.command, &mut out, &mut err).and_then(|outcome| out.flush().map(|_| outcome));
    match result {
        Ok(outcome) => ExitCode::from(outcome as u8),
        // A closed pipe (`factcheck extract | head`) is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(Outcome::Error as u8)
        }
    }
}

fn dispatch(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let cwd = std::env::current_dir()?;
    match command {
        Command::Extract(args) => extract::run(args, out, err),
        Command::Init(args) => init::run(args, &cwd, out, err),
        Command::Scan(args) => in_workspace(&cwd, err, |ws, err| scan::run(args, ws, out, err)),
        Command::Mark(args) => in_workspace(&cwd, err, |ws, err| mark::run(args, ws, out, err)),
        Command::Status(args) => in_workspace(&cwd, err, |ws, err| status::run(args, ws, out, err)),
        Command::Check(args) => in_workspace(&cwd, err, |ws, err| check::run(args, ws, out, err)),
        Command::Conflicts(args) => {
            in_workspace(&cwd, err, |ws, err| conflicts::run(args, ws, out, err))
        }
        Command::Diff(args) => in_workspace(&cwd, err, |ws, err| diff::run(args, ws, out, err)),
        Command::Log(args) => in_workspace(&cwd, err, |ws, err| log::run(args, ws, out, err)),
        Command::Review(args) => in_workspace(&cwd, err, |ws, err| review::run(args, ws, out, err)),
    }
}

/// Runs a command that needs the repository's configuration, reporting a bad one.
fn in_workspace(
    cwd: &std::path::Path,
    err: &mut dyn Write,
    command: impl FnOnce(&Workspace, &mut dyn Write) -> io::Result<Outcome>,
) -> io::Result<Outcome> {
    match Workspace::discover(cwd) {
        Ok(ws) => command(&ws, err),
        Err(e) => {
            report_error(err, e)?;
            Ok(Outcome::Error)
        }
    }
}

/// Writes an error line to the error stream.
pub fn report_error(err: &mut dyn Write, message: impl std::fmt::Display) -> io::Result<()> {
    writeln!(err, "error: {message}")
}

/// The articles a command works on, relative to the root.
pub struct Selection {
    pub articles: Vec<String>,
    /// `Error` when some path was refused (outside the root, or sharing a review file with
    /// another article); the others are still worked on.
    pub outcome: Outcome,
}

/// Selects the given paths, or the configured articles; `None` (after saying why) when there
/// is nothing to work on.
pub fn select_articles(
    ws: &Workspace,
    paths: &[std::path::PathBuf],
    err: &mut dyn Write,
) -> io::Result<Option<Selection>> {
    let mut articles = Vec::new();
    if paths.is_empty() {
        if ws.config.is_none() {
            report_error(err, "no articles given and no factcheck.toml found\n  help: name the articles (`factcheck scan seeds/`) or run `factcheck init` to list them in factcheck.toml")?;
            return Ok(None);
        }
        match ws.configured_articles() {
            Ok(list) => articles = list,
            Err(message) => {
                report_error(err, message)?;
                return Ok(None);
            }
        }
    }
    let mut refused = false;
    for path in crate::input::expand(paths) {
        match crate::review::layout::relative_to_root(&ws.root, &path) {
            Some(rel) => articles.push(rel),
            None => {
                report_error(err, format!("{}: outside the repository root {}; factcheck only works on files under it", path.display(), ws.root.display()))?;
                refused = true;
            }
        }
    }
    articles.dedup();
    let annotations = ws.annotations();
    let mut owners: std::collections::HashMap<std::path::PathBuf, String> = Default::default();
    let mut kept = Vec::with_capacity(articles.len());
    for article in articles {
        let review = crate::review::layout::review_path(&annotations, &article);
        match owners.get(&review) {
            Some(first) => {
                report_error(
                    err,
                    format!(
                        "{first} and {article} would share one review file; rename one of them"
                    ),
                )?;
                refused = true;
            }
            None => {
                owners.insert(review, article.clone());
                kept.push(article);
            }
        }
    }
    if kept.is_empty() && refused {
        return Ok(None);
    }
    let outcome = if refused {
        Outcome::Error
    } else {
        Outcome::Clean
    };
    Ok(Some(Selection {
        articles: kept,
        outcome,
    }))
}
