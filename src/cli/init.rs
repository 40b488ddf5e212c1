//! `factcheck init`: write a commented default `factcheck.toml` in the current directory and,
//! in a git repository, set up the merge driver for review files.

use std::io::{self, Write};
use std::path::Path;

use super::{report_error, Outcome, Ui};
use crate::config::{DEFAULT, FILE_NAME};
use crate::fsutil::write_atomic;
use crate::setup::{install_merge_driver, SetupError, Wired, DRIVER};
use crate::workspace::Workspace;

#[derive(clap::Args)]
#[command(
    about = "Write a commented default factcheck.toml and set up git's merge driver",
    long_about = "Write a commented default factcheck.toml in the current directory. In a git \
        repository, also set up the merge driver that merges review files claim by claim \
        (`factcheck merge`): a line in .gitattributes and the driver in .git/config. git \
        does not copy .git/config on clone, so each clone runs `factcheck init \
        --merge-driver` once.",
    after_help = "Examples:\n  factcheck init\n  \
        factcheck init --merge-driver     # in a clone of an existing repository\n\n\
        Exit status: 0 written, 2 factcheck.toml already exists (use --force), or the \
        merge driver could not be set up.\n\n\
        With --quiet, nothing is printed unless it fails."
)]
pub struct Args {
    /// Overwrite an existing factcheck.toml
    #[arg(long)]
    force: bool,

    /// Only set up git's merge driver for review files (for an existing repository)
    #[arg(long, conflicts_with = "force")]
    merge_driver: bool,
}

pub fn run(
    args: Args,
    ui: Ui,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    if args.merge_driver {
        let ws = match Workspace::discover(dir) {
            Ok(ws) => ws,
            Err(e) => {
                report_error(err, e)?;
                return Ok(Outcome::Error);
            }
        };
        let annotations = ws.shown(&ws.annotations());
        return match install_merge_driver(&ws.root, &annotations) {
            Ok(wired) => {
                if !ui.quiet {
                    say_wired(out, &wired)?;
                }
                Ok(Outcome::Clean)
            }
            Err(e) => {
                report_error(err, e)?;
                Ok(Outcome::Error)
            }
        };
    }
    let path = dir.join(FILE_NAME);
    if path.exists() && !args.force {
        report_error(err, format!("{FILE_NAME} already exists\n  help: edit it, or pass --force to replace it with the default; `factcheck init --merge-driver` only sets up git's merge driver"))?;
        return Ok(Outcome::Error);
    }
    write_atomic(&path, DEFAULT.as_bytes(), dir)?;
    if !ui.quiet {
        writeln!(
            out,
            "wrote {FILE_NAME}: list your articles under `articles`, then run `factcheck scan`"
        )?;
    }
    match install_merge_driver(dir, "annotations") {
        Ok(wired) if !ui.quiet => say_wired(out, &wired)?,
        Ok(_) => {}
        Err(SetupError::NotARepository) => {}
        Err(e) => {
            report_error(err, e)?;
            return Ok(Outcome::Error);
        }
    }
    Ok(Outcome::Clean)
}

fn say_wired(out: &mut dyn Write, wired: &Wired) -> io::Result<()> {
    let attributes = if wired.attributes_added {
        format!("added `{}` to .gitattributes", wired.attributes_line)
    } else {
        format!(".gitattributes already has `{}`", wired.attributes_line)
    };
    writeln!(
        out,
        "set up git's merge driver for review files: {attributes}; merge.factcheck.driver = \"{DRIVER}\" in .git/config"
    )
}
