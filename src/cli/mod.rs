//! The command line: argument definitions and dispatch. Each command lives in its own module
//! with a `run` that writes to the given output and error streams and returns an [`Outcome`].

mod check;
mod completions;
mod conflicts;
mod diff;
mod extract;
mod init;
mod log;
mod man;
mod mark;
mod merge;
mod progress;
mod review;
mod scan;
mod serve;
mod status;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

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
    /// When to colour output: auto (a terminal, unless NO_COLOR is set or TERM=dumb), always
    /// or never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,

    /// Print only findings and errors: no progress, notes or summaries (each command's
    /// --help says what it leaves out)
    #[arg(short, long, global = true)]
    quiet: bool,

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

impl ColorChoice {
    /// Whether to colour: `auto` colours a terminal unless `NO_COLOR` is set (to anything
    /// but the empty string) or `TERM` is `dumb`.
    fn decide(self, terminal: bool) -> bool {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !set("NO_COLOR") && !dumb_terminal(),
        }
    }
}

/// `TERM=dumb`: a terminal that understands no escape sequences.
fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// How output is shown, decided once from the command line and the environment and handed
/// to each command.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Colour the output.
    pub color: bool,
    /// Leave out progress, notes and summaries; findings and errors stay.
    pub quiet: bool,
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
    Completions(completions::Args),
    Man(man::Args),
}

/// Parses the command line, runs the command and maps its outcome to an exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui {
        color: cli.color.decide(io::stdout().is_terminal()),
        quiet: cli.quiet,
    };
    colored::control::set_override(ui.color);
    if !ui.quiet && !dumb_terminal() {
        progress::install();
    }
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
    let result = dispatch(cli.command, ui, &mut out, &mut err)
        .and_then(|outcome| out.flush().map(|_| outcome));
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

fn dispatch(
    command: Command,
    ui: Ui,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let cwd = std::env::current_dir()?;
    let here = cwd.as_path();
    match command {
        Command::Extract(args) => extract::run(args, ui, here, out, err),
        Command::Init(args) => init::run(args, ui, here, out, err),
        Command::Scan(args) => in_workspace(here, err, |ws, err| scan::run(args, ui, ws, out, err)),
        Command::Mark(args) => in_workspace(here, err, |ws, err| mark::run(args, ui, ws, out, err)),
        Command::Status(args) => {
            in_workspace(here, err, |ws, err| status::run(args, ui, ws, out, err))
        }
        Command::Check(args) => {
            in_workspace(here, err, |ws, err| check::run(args, ui, ws, out, err))
        }
        Command::Conflicts(args) => {
            in_workspace(here, err, |ws, err| conflicts::run(args, ui, ws, out, err))
        }
        Command::Diff(args) => in_workspace(here, err, |ws, err| diff::run(args, ui, ws, out, err)),
        Command::Log(args) => in_workspace(here, err, |ws, err| log::run(args, ui, ws, out, err)),
        Command::Merge(args) => in_workspace(here, err, |ws, err| merge::run(args, ws, out, err)),
        Command::Review(args) => {
            in_workspace(here, err, |ws, err| review::run(args, ui, ws, out, err))
        }
        Command::Completions(args) => completions::run(args, Cli::command(), out),
        Command::Man(args) => man::run(args, Cli::command(), out, err),
        Command::Serve(args) => in_workspace(here, err, |ws, err| serve::run(args, ws, out, err)),
    }
}

/// Runs a command that needs the repository's configuration, reporting a bad one.
fn in_workspace(
    cwd: &std::path::Path,
    err: &mut dyn Write,
    command: impl FnOnce(&Workspace, &mut dyn Write) -> io::Result<Outcome>,
) -> io::Result<Outcome> {
    match workspace(cwd, None) {
        Ok(ws) => command(&ws, err),
        Err(e) => {
            report_error(err, e)?;
            Ok(Outcome::Error)
        }
    }
}

/// The workspace around `cwd`, its article size limit taken from `flag`, else from
/// `FACTCHECK_MAX_ARTICLE_SIZE`, else from `factcheck.toml`.
pub fn workspace(cwd: &std::path::Path, flag: Option<u64>) -> Result<Workspace, String> {
    let from_env = match std::env::var(crate::input::MAX_ARTICLE_ENV) {
        Ok(text) if !text.trim().is_empty() => Some(
            crate::input::parse_size(&text)
                .map_err(|e| format!("{}: {e}", crate::input::MAX_ARTICLE_ENV))?,
        ),
        _ => None,
    };
    let mut ws = Workspace::discover(cwd).map_err(|e| e.to_string())?;
    if let Some(limit) = flag.or(from_env) {
        ws.max_article_bytes = limit;
    }
    Ok(ws)
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
    for warning in &selection.warnings {
        writeln!(err, "warning: {warning}")?;
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
