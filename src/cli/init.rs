//! `factcheck init`: write a commented default `factcheck.toml` in the current directory.

use std::io::{self, Write};
use std::path::Path;

use super::{report_error, Outcome};
use crate::config::{DEFAULT, FILE_NAME};
use crate::fsutil::write_atomic;

#[derive(clap::Args)]
#[command(
    about = "Write a commented default factcheck.toml",
    after_help = "Exit status: 0 written, 2 factcheck.toml already exists (use --force)."
)]
pub struct Args {
    /// Overwrite an existing factcheck.toml
    #[arg(long)]
    force: bool,
}

pub fn run(
    args: Args,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let path = dir.join(FILE_NAME);
    if path.exists() && !args.force {
        report_error(err, format!("{FILE_NAME} already exists\n  help: edit it, or pass --force to replace it with the default"))?;
        return Ok(Outcome::Error);
    }
    write_atomic(&path, DEFAULT.as_bytes(), dir)?;
    writeln!(
        out,
        "wrote {FILE_NAME}: list your articles under `articles`, then run `factcheck scan`"
    )?;
    Ok(Outcome::Clean)
}
