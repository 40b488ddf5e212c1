//! `factcheck man`: the manual page in roff, generated from the command line's own
//! definition: the main page, or one command's.

use std::io::{self, Write};

use super::{report_error, Outcome};

#[derive(clap::Args)]
#[command(
    about = "Print the manual page (roff), for man(1)",
    after_help = "Examples:\n  factcheck man | man -l -\n  \
        factcheck man check > factcheck-check.1\n  \
        factcheck man > /usr/local/share/man/man1/factcheck.1\n\n\
        Exit status: 0 printed, 2 no such command."
)]
pub struct Args {
    /// A command, for its own page (default: the main page)
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

pub fn run(
    args: Args,
    command: clap::Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let command = command.version(env!("CARGO_PKG_VERSION"));
    let page = match &args.command {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                report_error(
                    err,
                    format!("no command `{name}`\n  help: `factcheck --help` lists them"),
                )?;
                return Ok(Outcome::Error);
            };
            sub.clone()
                .name(format!("factcheck-{name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(Outcome::Clean)
}
