//! The command line: argument definitions and dispatch. Each command lives in its own module
//! with a `run` that writes to the given output and error streams and returns an [`Outcome`].

mod check;
mod conflicts;
mod diff;
mod extract;
mod init;
mod log;
mod mark;
mod merge;
mod progress;
mod review;
mod scan;
mod serve;
mod status;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::workspace::Workspace;

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
    Merge(merge::Args),
    Review(review::Args),
    Serve(serve::Args),
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
    progress::install();
    crate::review::store::observe_waits(Box::new(|shown| {
        let _ = writeln!(
            io::stderr(),
            "waiting for another factcheck process to finish with {}",
            crate::render::sanitize::terminal(shown)
        );
    }));
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
            let _ = report_error(&mut err, e);
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
        Command::Merge(args) => in_workspace(&cwd, err, |ws, err| merge::run(args, ws, out, err)),
        Command::Review(args) => in_workspace(&cwd, err, |ws, err| review::run(args, ws, out, err)),
        Command::Serve(args) => in_workspace(&cwd, err, |ws, err| serve::run(args, ws, out, err)),
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

/// Writes an error to the error stream, each of its lines made safe to print.
pub fn report_error(err: &mut dyn Write, message: impl std::fmt::Display) -> io::Result<()> {
    let message = message.to_string();
    writeln!(err, "error: {}", crate::render::sanitize::lines(&message))
}

/// The articles a command works on, and `Error` when some path was refused (the others are
/// still worked on).
pub struct Chosen {
    pub articles: Vec<String>,
    pub outcome: Outcome,
}

/// Selects the given paths, or the configured articles, reporting the refused ones; `None`
/// when nothing is left to work on.
pub fn selected(
    ws: &Workspace,
    paths: &[std::path::PathBuf],
    err: &mut dyn Write,
) -> io::Result<Option<Chosen>> {
    let selection = ws.select(paths);
    for refusal in &selection.refused {
        report_error(err, refusal)?;
    }
    if selection.articles.is_empty() && !selection.refused.is_empty() {
        return Ok(None);
    }
    let outcome = if selection.refused.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Error
    };
    Ok(Some(Chosen {
        articles: selection.articles,
        outcome,
    }))
}

/// The time to record, reporting a bad `FACTCHECK_NOW`.
pub fn now(err: &mut dyn Write) -> io::Result<Option<String>> {
    match crate::clock::now() {
        Ok(now) => Ok(Some(now)),
        Err(e) => {
            report_error(err, e)?;
            Ok(None)
        }
    }
}
