//! What changed since a revision, for gating only what a pull request touches: the files that
//! differ from the point where the working tree's history meets the revision (their merge
//! base, as a pull request's diff does), untracked files included, and the lines changed in
//! each article.

use std::collections::{HashMap, HashSet};

use crate::gitio::{self, GitError, Repo};
use crate::workspace::Workspace;

/// The changes since one revision, paths relative to the root.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The revision as given (`origin/main`).
    pub since: String,
    /// The commit compared with: the merge base of the revision and `HEAD`.
    pub commit: String,
    files: HashSet<String>,
    /// Changed line ranges of the articles asked about; an article changed but absent here
    /// is new, every line of it changed.
    lines: HashMap<String, Vec<(usize, usize)>>,
}

impl Changes {
    /// The files changed since `rev` in the repository holding the workspace.
    pub fn since(ws: &Workspace, rev: &str) -> Result<Changes, GitError> {
        let repo = Repo::discover(&ws.root)?;
        let commit = repo.resolve(rev)?;
        let base = match repo.resolve("HEAD") {
            Ok(head) => gitio::merge_base(&ws.root, &commit, &head)?,
            Err(_) => commit,
        };
        let files = gitio::changed_files(&ws.root, &base)?;
        Ok(Changes {
            since: rev.to_string(),
            commit: base,
            files: files.into_iter().collect(),
            lines: HashMap::new(),
        })
    }

    /// Whether the file at `path` (relative to the root) changed.
    pub fn touches(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// Whether an article's text or its review file changed.
    pub fn article_changed(&self, ws: &Workspace, article: &str) -> bool {
        self.touches(article)
            || ws
                .relative(&ws.review_path(article))
                .is_some_and(|review| self.touches(&review))
    }

    /// Reads which lines changed in each of `articles`.
    pub fn read_lines(&mut self, ws: &Workspace, articles: &[String]) -> Result<(), GitError> {
        let changed: Vec<&str> = articles
            .iter()
            .map(String::as_str)
            .filter(|a| self.touches(a))
            .collect();
        for chunk in changed.chunks(500) {
            self.lines
                .extend(gitio::changed_lines(&ws.root, &self.commit, chunk)?);
        }
        Ok(())
    }

    /// Whether `line` (1-based) of `article` is new or changed.
    pub fn line_changed(&self, article: &str, line: usize) -> bool {
        match self.lines.get(article) {
            Some(ranges) => ranges.iter().any(|&(a, b)| (a..=b).contains(&line)),
            None => self.touches(article),
        }
    }
}

/// Whether an article's review file holds verdicts a merge left in conflict
/// (`[[claim.conflict]]`), told from its text without parsing it: such an article is gated
/// whatever changed.
pub fn has_conflicts(ws: &Workspace, article: &str) -> bool {
    std::fs::read(ws.review_path(article)).is_ok_and(|bytes| {
        bytes
            .windows(CONFLICT_TABLE.len())
            .any(|w| w == CONFLICT_TABLE)
    })
}

const CONFLICT_TABLE: &[u8] = b"[[claim.conflict]]";
