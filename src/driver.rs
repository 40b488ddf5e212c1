//! git's merge driver for review files (`factcheck merge %O %A %B %P`): reads the common
//! ancestor, ours and theirs that git hands over, merges them claim by claim (the decisions
//! file, `conflicts.toml`, decision by decision), and writes the result over ours, where git
//! takes it from. A version that cannot be parsed (say, one
//! already holding conflict markers) falls back to git's line merge, markers and all.

use std::path::{Path, PathBuf};

use crate::fsutil::write_atomic;
use crate::gitio::{merge_file, GitError};
use crate::input::BOM;
use crate::review::decisions::{self, decisions_path};
use crate::review::merge::{merge, Undecided};
use crate::review::parse::Diagnostic;
use crate::review::store::{decode_review, StoreError};
use crate::workspace::Workspace;

/// The three versions git hands the driver, and the review file's path in the repository.
pub struct Versions<'a> {
    pub base: &'a Path,
    pub ours: &'a Path,
    pub theirs: &'a Path,
    /// The file being merged, relative to the repository (git's `%P`).
    pub path: Option<&'a Path>,
}

/// How the merge went.
#[derive(Debug)]
pub enum Outcome {
    /// Merged with nothing left for a person.
    Clean,
    /// Merged, but some claims have two verdicts (or keys two values) for a reviewer.
    Undecided(Vec<Undecided>),
    /// Some version could not be read claim by claim; git's line merge was used instead.
    Textual {
        problems: Vec<Diagnostic>,
        clean: bool,
    },
}

/// Why the driver could not write a result.
#[derive(Debug)]
pub enum DriverError {
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Store(StoreError),
    Git(GitError),
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DriverError::Read { path, error } => {
                write!(f, "{}: cannot read: {error}", path.display())
            }
            DriverError::Store(e) => write!(f, "{e}"),
            DriverError::Git(e) => write!(f, "{e}"),
            DriverError::Write { path, error } => {
                write!(f, "{}: cannot write: {error}", path.display())
            }
        }
    }
}

impl From<StoreError> for DriverError {
    fn from(e: StoreError) -> Self {
        DriverError::Store(e)
    }
}

/// One version's text (without a byte-order mark, line endings as written), an empty text
/// for a version that does not exist, and whether it had a byte-order mark.
fn read_version(path: &Path, label: &str) -> Result<(String, bool), DriverError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(decode_review(label, bytes)?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((String::new(), false)),
        Err(error) => Err(DriverError::Read {
            path: path.to_path_buf(),
            error,
        }),
    }
}

/// Merges the versions and writes the result over ours, holding the review file's lock.
pub fn run(ws: &Workspace, versions: &Versions<'_>) -> Result<Outcome, DriverError> {
    let label = versions.path.map_or_else(
        || versions.ours.display().to_string(),
        |p| p.display().to_string(),
    );
    let (base, _) = read_version(versions.base, &label)?;
    let (ours, bom) = read_version(versions.ours, &label)?;
    let (theirs, _) = read_version(versions.theirs, &label)?;
    let store = ws.store();
    let _lock = match versions.path.map(|p| ws.root.join(p)) {
        Some(review) if review.starts_with(ws.annotations()) => Some(store.hold(&review)?),
        _ => None,
    };
    let decisions_file = versions
        .path
        .is_some_and(|p| ws.root.join(p) == decisions_path(&ws.annotations()));
    let merged = if decisions_file {
        decisions::merge(&base, &ours, &theirs, &label)
    } else {
        merge(&base, &ours, &theirs, &label)
    };
    let merged = match merged {
        Ok(merged) => merged,
        Err(problems) => {
            let clean = merge_file(versions.ours, versions.base, versions.theirs)
                .map_err(DriverError::Git)?;
            return Ok(Outcome::Textual { problems, clean });
        }
    };
    let clean = merged.is_clean();
    let mut text = merged.text;
    if ours.contains("\r\n") {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    if bom {
        text.insert_str(0, BOM);
    }
    let dir = versions
        .ours
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    write_atomic(versions.ours, text.as_bytes(), dir).map_err(|error| DriverError::Write {
        path: versions.ours.to_path_buf(),
        error,
    })?;
    Ok(if clean {
        Outcome::Clean
    } else {
        Outcome::Undecided(merged.undecided)
    })
}
