//! One claim's history: the committed versions of its review file (found by claim id, and
//! followed across renames), and the claim's changes through them, oldest first, each tagged
//! with whatever identifies the version (a commit, in practice).

use std::fmt;
use std::path::Path;

use super::revisions::{in_repo, RevisionError};
use super::{change, ClaimChange, Placed};
use crate::gitio::{Repo, Touch};
use crate::render::sanitize::terminal;
use crate::review::layout::review_files;
use crate::review::store::{parse_blob, StoreError};
use crate::review::ReviewFile;
use crate::workspace::Workspace;

/// Why a claim's history cannot be told.
#[derive(Debug)]
pub enum LogError {
    Revisions(RevisionError),
    /// No review file in the working tree holds the id.
    UnknownClaim {
        id: String,
        annotations: String,
    },
    /// Several do; `--article` must choose.
    Ambiguous {
        id: String,
        articles: Vec<String>,
    },
    /// No commit touches the review file.
    Uncommitted(String),
    /// The id is in none of the file's versions.
    NeverPresent {
        id: String,
        path: String,
    },
    /// A committed version cannot be read, so the history stops there.
    Unreadable(StoreError),
}

impl fmt::Display for LogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogError::Revisions(e) => write!(f, "{e}"),
            LogError::UnknownClaim { id, annotations } => write!(f, "claim `{}` is in no review file under {}/\n  help: ids are listed in the review files; for a claim whose file is gone, pass --article PATH", terminal(id), terminal(annotations)),
            LogError::Ambiguous { id, articles } => write!(f, "claim id `{}` is in {} articles: {}\n  help: pass --article PATH to choose one", terminal(id), articles.len(), terminal(&articles.join(", "))),
            LogError::Uncommitted(path) => write!(f, "{}: no commit touches this review file\n  help: commit it first; `factcheck diff` shows uncommitted changes", terminal(path)),
            LogError::NeverPresent { id, path } => write!(f, "claim `{}` never appears in the history of {}", terminal(id), terminal(path)),
            LogError::Unreadable(e) => write!(f, "{e}\n  note: the claim's history stops there"),
        }
    }
}

impl<E: Into<RevisionError>> From<E> for LogError {
    fn from(e: E) -> Self {
        LogError::Revisions(e.into())
    }
}

/// The review file holding a claim, and each committed version of it, oldest first (`None`
/// where a commit deleted it).
#[derive(Debug)]
pub struct History {
    pub path: String,
    pub versions: Vec<(Touch, Option<ReviewFile>)>,
}

impl History {
    /// The article the claim was last seen in.
    pub fn article(&self, id: &str) -> &str {
        self.versions
            .iter()
            .rev()
            .filter_map(|(_, f)| f.as_ref())
            .find(|f| f.claim(id).is_some())
            .map_or(self.path.as_str(), |f| f.article.as_str())
    }
}

/// The history of claim `id`, in the review file of `article` when given, else in the one
/// review file of the working tree that holds it.
pub fn history(ws: &Workspace, id: &str, article: Option<&Path>) -> Result<History, LogError> {
    let repo = Repo::discover(&ws.root)?;
    let annotations = in_repo(ws, &repo, &ws.annotations())?;
    let path = match article {
        Some(given) => {
            let rel = in_repo(ws, &repo, given)?;
            if rel.ends_with(".toml") {
                rel
            } else {
                crate::review::layout::review_path(Path::new(&annotations), &rel)
                    .to_string_lossy()
                    .into_owned()
            }
        }
        None => holder(ws, &repo, &annotations, id)?,
    };
    let touches = repo.history(&path)?;
    if touches.is_empty() {
        return Err(LogError::Uncommitted(path));
    }
    let names: Vec<String> = touches
        .iter()
        .filter(|t| !t.deleted)
        .map(|t| format!("{}:{}", t.commit, t.path))
        .collect();
    let mut blobs = repo.blobs(&names)?.into_iter();
    let mut versions = Vec::with_capacity(touches.len());
    for touch in touches {
        let bytes = if touch.deleted {
            None
        } else {
            blobs.next().flatten()
        };
        let file = match bytes {
            Some(bytes) => {
                let label = format!(
                    "{}:{}",
                    &touch.commit[..touch.commit.len().min(10)],
                    touch.path
                );
                Some(
                    parse_blob(&label, bytes)
                        .map_err(LogError::Unreadable)?
                        .file,
                )
            }
            None => None,
        };
        versions.push((touch, file));
    }
    if !versions
        .iter()
        .any(|(_, f)| f.as_ref().is_some_and(|f| f.claim(id).is_some()))
    {
        return Err(LogError::NeverPresent {
            id: id.to_string(),
            path,
        });
    }
    Ok(History { path, versions })
}

/// The one review file in the working tree that holds claim `id`.
fn holder(ws: &Workspace, repo: &Repo, annotations: &str, id: &str) -> Result<String, LogError> {
    let needle = format!("\"{id}\"");
    let store = ws.store();
    let found: Vec<(String, String)> = review_files(&ws.annotations())
        .into_iter()
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(&needle)))
        .filter_map(|p| {
            let review = store.read(&p).ok()??;
            let article = Some(review.file).filter(|f| f.claim(id).is_some())?.article;
            let rel = crate::paths::relative_to_root(&repo.root, &ws.cwd, &p)?;
            Some((rel, article))
        })
        .collect();
    match found.as_slice() {
        [] => Err(LogError::UnknownClaim {
            id: id.to_string(),
            annotations: annotations.to_string(),
        }),
        [(path, _)] => Ok(path.clone()),
        many => Err(LogError::Ambiguous {
            id: id.to_string(),
            articles: many.iter().map(|(_, a)| a.clone()).collect(),
        }),
    }
}

/// Where the claim `id` is in a version of the file, if it is there.
fn place<'a>(file: Option<&'a ReviewFile>, id: &str) -> Option<Placed<'a>> {
    let file = file?;
    let current = file.claims.iter().find(|c| c.id == id).map(|c| (c, false));
    current.or_else(|| file.retired.iter().find(|c| c.id == id).map(|c| (c, true)))
}

/// The changes to claim `id` across `versions` (each a tag and the file then, `None` when it
/// did not exist), with the tag of the version that made each change.
pub fn claim_log<'a, T>(
    id: &str,
    versions: &'a [(T, Option<ReviewFile>)],
) -> Vec<(&'a T, ClaimChange<'a>)> {
    let mut previous = None;
    let mut steps = Vec::new();
    for (tag, file) in versions {
        let now = place(file.as_ref(), id);
        if let Some(step) = change(previous, now) {
            steps.push((tag, step));
        }
        previous = now;
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{ChangeKind, Field};
    use crate::review::{parse, Status};
    use std::path::Path;

    fn file(status: &str, value: &str, retired: bool) -> ReviewFile {
        let table = if retired { "retired" } else { "claim" };
        let text = format!(
            "[article]\npath = \"a.txt\"\ntitle = \"A\"\ndigest = \"d\"\n\n[[{table}]]\nid = \"abc123\"\nline = 1\ncolumn = 1\ntext = \"{value} ships\"\nsentence = \"There were {value} ships.\"\nvalue = {value}\nunit = \"ships\"\nbound = \"exact\"\nkind = \"count\"\nstatus = \"{status}\"\nsource = \"\"\nnote = \"\"\nreviewer = \"\"\nreviewed_at = \"\"\n"
        );
        parse(Path::new("a.toml"), &text)
            .0
            .expect("a valid review file")
    }

    #[test]
    fn follows_a_claim_from_birth_to_retirement() {
        let versions = vec![
            ("c0", None),
            ("c1", Some(file("pending", "7", false))),
            ("c2", Some(file("pending", "7", false))),
            ("c3", Some(file("disputed", "7", false))),
            ("c4", Some(file("pending", "9", false))),
            ("c5", Some(file("pending", "9", true))),
        ];
        let log = claim_log("abc123", &versions);
        let tags: Vec<(&str, ChangeKind)> = log.iter().map(|(t, c)| (**t, c.kind)).collect();
        assert_eq!(
            tags,
            vec![
                ("c1", ChangeKind::Added),
                ("c3", ChangeKind::Modified),
                ("c4", ChangeKind::Modified),
                ("c5", ChangeKind::Retired),
            ]
        );
        assert_eq!(log[1].1.new.map(|c| c.status), Some(Status::Disputed));
        assert_eq!(
            log[2].1.fields,
            vec![Field::Verdict, Field::Figure, Field::Sentence]
        );
    }
}
