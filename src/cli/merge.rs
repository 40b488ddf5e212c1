//! `factcheck merge`: git's merge driver for review files.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{report_error, Outcome};
use crate::driver::{run as merge, Outcome as Merged, Versions};
use crate::render::merge as render;
use crate::workspace::Workspace;

#[derive(clap::Args)]
#[command(
    about = "Merge two versions of a review file claim by claim (git's merge driver)",
    long_about = "Merge two versions of a review file claim by claim: git's merge driver for \
        review files, so that two reviewers who marked different claims of one article on two \
        branches merge without a conflict. Each claim is matched by id; a key changed on one \
        side takes that side; claims added on either side are kept; comments and hand-added \
        keys from both sides survive. When the two sides gave one claim different verdicts, \
        both are kept in the file (as valid TOML, the other side's under [[claim.conflict]]) \
        and the merge exits 1, so git reports the file as conflicted; `factcheck status`, \
        `check`, `mark` and `review` show the claim as needing a decision, and marking it \
        settles it.\n\n\
        git runs it with the common ancestor, ours and theirs, and writes the result over \
        OURS. `factcheck init` wires it up; `factcheck init --merge-driver` does only that, \
        in an existing repository.",
    after_help = "Set-up (what `factcheck init --merge-driver` does):\n  \
        .gitattributes:  annotations/**/*.toml merge=factcheck\n  \
        git config merge.factcheck.driver \"factcheck merge %O %A %B %P\"\n\n\
        Exit status: 0 merged, 1 merged with claims left to decide (or git's line merge \
        with conflict markers, when a version cannot be read claim by claim), 2 error."
)]
pub struct Args {
    /// The common ancestor's version (git's %O)
    #[arg(value_name = "BASE")]
    base: PathBuf,

    /// Our version, overwritten with the result (git's %A)
    #[arg(value_name = "OURS")]
    ours: PathBuf,

    /// Their version (git's %B)
    #[arg(value_name = "THEIRS")]
    theirs: PathBuf,

    /// The review file's path in the repository (git's %P), for messages and its lock
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,
}

pub fn run(
    args: Args,
    ws: &Workspace,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let at = |p: &PathBuf| ws.cwd.join(p);
    let (base, ours, theirs) = (at(&args.base), at(&args.ours), at(&args.theirs));
    let versions = Versions {
        base: &base,
        ours: &ours,
        theirs: &theirs,
        path: args.path.as_deref(),
    };
    let shown = args.path.as_ref().map_or_else(
        || args.ours.display().to_string(),
        |p| p.display().to_string(),
    );
    match merge(ws, &versions) {
        Ok(Merged::Clean) => Ok(Outcome::Clean),
        Ok(Merged::Undecided(undecided)) => {
            writeln!(err, "{}", render::undecided(&shown, &undecided))?;
            Ok(Outcome::Findings)
        }
        Ok(Merged::Textual { problems, clean }) => {
            writeln!(err, "{}", render::textual(&shown, &problems, clean))?;
            Ok(if clean {
                Outcome::Clean
            } else {
                Outcome::Findings
            })
        }
        Err(e) => {
            report_error(err, format!("factcheck merge: {e}"))?;
            Ok(Outcome::Error)
        }
    }
}
