//! Wiring factcheck into a git repository: the merge driver that merges review files claim
//! by claim, declared for the review files in `.gitattributes` and defined in the
//! repository's git configuration.

use std::path::Path;

use crate::fsutil::write_atomic;
use crate::gitio::{in_work_tree, set_config, GitError};

/// The command git runs to merge a review file.
pub const DRIVER: &str = "factcheck merge %O %A %B %P";

/// The `.gitattributes` line that sends the review files under `annotations` to the driver.
pub fn attributes_line(annotations: &str) -> String {
    format!("{annotations}/**/*.toml merge=factcheck")
}

/// What setting up the driver changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wired {
    /// The `.gitattributes` line was added (false: it was there already).
    pub attributes_added: bool,
    pub attributes_line: String,
}

/// Why the driver could not be set up.
#[derive(Debug)]
pub enum SetupError {
    NotARepository,
    Git(GitError),
    Attributes(std::io::Error),
}

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetupError::NotARepository => write!(f, "not in a git repository, so there is no merge driver to set up\n  help: run `git init` (or clone the repository) first"),
            SetupError::Git(e) => write!(f, "{e}"),
            SetupError::Attributes(e) => write!(f, ".gitattributes: cannot write: {e}"),
        }
    }
}

/// Declares the driver for the review files under `annotations` (relative to `root`) in
/// `root/.gitattributes` and defines it in the repository's git configuration.
pub fn install_merge_driver(root: &Path, annotations: &str) -> Result<Wired, SetupError> {
    if !in_work_tree(root) {
        return Err(SetupError::NotARepository);
    }
    set_config(
        root,
        "merge.factcheck.name",
        "factcheck review files, claim by claim",
    )
    .map_err(SetupError::Git)?;
    set_config(root, "merge.factcheck.driver", DRIVER).map_err(SetupError::Git)?;
    let line = attributes_line(annotations);
    let path = root.join(".gitattributes");
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(SetupError::Attributes(e)),
    };
    let present = existing.lines().any(|l| l.trim() == line);
    if !present {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&line);
        text.push('\n');
        write_atomic(&path, text.as_bytes(), root).map_err(SetupError::Attributes)?;
    }
    Ok(Wired {
        attributes_added: !present,
        attributes_line: line,
    })
}
