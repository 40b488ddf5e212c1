//! `factcheck completions SHELL`: the shell completion script, generated from the command
//! line's own definition so it never falls behind.

use std::io::{self, Write};

use clap_complete::Shell;

use super::Outcome;

#[derive(clap::Args)]
#[command(
    about = "Print the completion script for a shell",
    long_about = "Print the completion script for a shell, to be saved where the shell looks \
        for completions. It covers every command, flag and value.",
    after_help = "Examples:\n  \
        factcheck completions bash > ~/.local/share/bash-completion/completions/factcheck\n  \
        factcheck completions zsh > \"${fpath[1]}/_factcheck\"\n  \
        factcheck completions fish > ~/.config/fish/completions/factcheck.fish\n  \
        factcheck completions powershell >> $PROFILE\n\n\
        Exit status: 0 printed."
)]
pub struct Args {
    /// The shell
    #[arg(value_enum)]
    shell: ShellArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

impl From<ShellArg> for Shell {
    fn from(s: ShellArg) -> Shell {
        match s {
            ShellArg::Bash => Shell::Bash,
            ShellArg::Zsh => Shell::Zsh,
            ShellArg::Fish => Shell::Fish,
            ShellArg::Powershell => Shell::PowerShell,
            ShellArg::Elvish => Shell::Elvish,
        }
    }
}

pub fn run(args: Args, mut command: clap::Command, out: &mut dyn Write) -> io::Result<Outcome> {
    clap_complete::generate(Shell::from(args.shell), &mut command, "factcheck", out);
    Ok(Outcome::Clean)
}
