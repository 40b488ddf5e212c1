//! Recording verdicts from the command line: find the review file an argument names, check
//! the claim ids and the source rule, and set the verdicts in place under the file's lock.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::conflicts::Related;
use crate::render::sanitize::terminal;
use crate::review::edit::{set_verdict, Verdict};
use crate::review::load::with_related;
use crate::review::parse::closest;
use crate::review::store::StoreError;
use crate::review::{ReviewClaim, ReviewFile, Status};
use crate::workspace::Workspace;

/// A source verified elsewhere for the same figure, offered when a verdict lacks one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub id: String,
    pub path: String,
    pub line: usize,
    pub source: String,
}

/// Why nothing was marked.
#[derive(Debug)]
pub enum MarkError {
    Outside(String),
    /// A `.toml` path that is not under the annotations directory.
    NotAReviewFile {
        given: String,
        annotations: String,
    },
    /// No review file for the article; `near` lists review files with similar names.
    NoReviewFile {
        given: String,
        looked_for: String,
        near: Vec<String>,
    },
    /// A claim id the file does not have, with the ids that resemble it.
    UnknownClaim {
        id: String,
        shown: String,
        near: Vec<(String, String)>,
    },
    /// A claim no longer in the article.
    Retired(String),
    /// The article changed since its last scan (refused only when asked to).
    Stale(String),
    /// `verified` without a source for these claims.
    NoSource {
        missing: Vec<String>,
        suggestions: Vec<Suggestion>,
    },
    NoReviewer,
    Store(StoreError),
}

impl fmt::Display for MarkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = |s: &str| terminal(s).into_owned();
        match self {
            MarkError::Outside(given) => write!(f, "{}: outside the repository root", t(given)),
            MarkError::NotAReviewFile { given, annotations } => write!(
                f,
                "{}: not a review file: review files live under {}",
                t(given),
                t(annotations)
            ),
            MarkError::NoReviewFile {
                given,
                looked_for,
                near,
            } => {
                let given = t(given);
                write!(f, "{given}: no review file found (looked for {})\n  help: run `factcheck scan {given}` first", t(looked_for))?;
                if !near.is_empty() {
                    write!(f, "\n  did you mean: {}", t(&near.join(", ")))?;
                }
                Ok(())
            }
            MarkError::UnknownClaim { id, shown, near } => {
                write!(f, "claim `{}` is not in {}; ", t(id), t(shown))?;
                if near.is_empty() {
                    return write!(f, "the file has no claims");
                }
                let near: Vec<String> = near
                    .iter()
                    .map(|(id, text)| format!("{} ({})", t(id), t(text)))
                    .collect();
                write!(f, "near matches: {}", near.join(", "))
            }
            MarkError::Retired(id) => {
                write!(f, "claim `{}` is retired (no longer in the article)", t(id))
            }
            MarkError::Stale(article) => write!(
                f,
                "{article}: the article changed since its last scan, so its sentences may not be the ones judged\n  help: run `factcheck scan {article}` first"
            ),
            MarkError::NoSource { missing, .. } => write!(
                f,
                "verified needs a source: {} has none\n  help: add --source 'where the figure was checked', or --no-source to mark it anyway",
                t(&missing.join(", "))
            ),
            MarkError::NoReviewer => write!(
                f,
                "no reviewer name: git's user.name is not set\n  help: pass --reviewer NAME"
            ),
            MarkError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl From<StoreError> for MarkError {
    fn from(e: StoreError) -> Self {
        MarkError::Store(e)
    }
}

/// What to record.
pub struct Request<'a> {
    pub ids: &'a [String],
    pub status: Status,
    pub source: Option<&'a str>,
    pub note: Option<&'a str>,
    /// Who; git's `user.name` when `None`.
    pub reviewer: Option<&'a str>,
    /// Allow `verified` without a source.
    pub no_source: bool,
    /// Refuse when the article changed since its last scan.
    pub fresh_only: bool,
    pub now: &'a str,
}

/// What was recorded.
#[derive(Debug)]
pub struct Marked {
    /// The review file, as shown in messages.
    pub shown: String,
    /// The article it covers.
    pub article: String,
    /// The marked claims, as they were before.
    pub claims: Vec<ReviewClaim>,
    /// Other claims of the file that a merge left with two verdicts.
    pub still_conflicted: Vec<String>,
}

impl Marked {
    /// The marked claims that had two verdicts from a merge, now settled.
    pub fn settled(&self) -> impl Iterator<Item = &ReviewClaim> {
        self.claims.iter().filter(|c| c.is_conflicted())
    }
}

/// Finds the review file for an article path or a review file path.
pub fn locate(ws: &Workspace, given: &Path) -> Result<PathBuf, MarkError> {
    let annotations = ws.annotations();
    let named = given.display().to_string();
    let rel = ws
        .relative(given)
        .ok_or_else(|| MarkError::Outside(named.clone()))?;
    let path = if given.extension().is_some_and(|e| e == "toml") {
        let full = ws.root.join(&rel);
        if !full.starts_with(&annotations) {
            return Err(MarkError::NotAReviewFile {
                given: named,
                annotations: ws.shown(&annotations),
            });
        }
        full
    } else {
        ws.review_path(&rel)
    };
    if path.is_file() {
        return Ok(path);
    }
    Err(MarkError::NoReviewFile {
        given: named,
        looked_for: ws.shown(&path),
        near: near_review_files(ws, &annotations, given),
    })
}

fn near_review_files(ws: &Workspace, annotations: &Path, given: &Path) -> Vec<String> {
    let wanted = given
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<String> = crate::review::layout::review_files(annotations)
        .into_iter()
        .filter(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let stem = stem.trim_end_matches(".md");
            stem.contains(&wanted) || wanted.contains(stem) || closest(&wanted, &[stem]).is_some()
        })
        .map(|p| ws.shown(&p))
        .collect();
    found.sort();
    found.truncate(5);
    found
}

/// Ids in the file resembling `id`, with their figures.
fn near_ids(file: &ReviewFile, id: &str) -> Vec<(String, String)> {
    let prefix: String = id.chars().take(2).collect();
    let resembles = |c: &&ReviewClaim| {
        closest(id, &[c.id.as_str()]).is_some() || c.id.starts_with(&prefix) || c.text.contains(id)
    };
    let mut near: Vec<&ReviewClaim> = file.claims.iter().filter(resembles).collect();
    if near.is_empty() {
        near = file.claims.iter().collect();
    }
    near.iter()
        .take(5)
        .map(|c| (c.id.clone(), c.text.clone()))
        .collect()
}

/// Git's `user.name`, or `$USER`.
pub fn default_reviewer(root: &Path) -> Option<String> {
    crate::gitio::config_value(root, "user.name")
        .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
}

/// The sources verified elsewhere for the same figures as `ids`.
fn suggestions(ws: &Workspace, file: &ReviewFile, ids: &[String]) -> Vec<Suggestion> {
    with_related(ws, &file.article, |related: &Related<'_>| {
        ids.iter()
            .filter_map(|id| {
                let claim = file.claim(id)?;
                let verified = related.elsewhere(&file.article, claim).suggested_source?;
                Some(Suggestion {
                    id: id.clone(),
                    path: verified.path.to_string(),
                    line: verified.claim.line,
                    source: verified.claim.source.clone(),
                })
            })
            .collect()
    })
}

/// Records the verdict on the claims of the review file `given` names.
pub fn mark(ws: &Workspace, given: &Path, request: &Request<'_>) -> Result<Marked, MarkError> {
    let path = locate(ws, given)?;
    let store = ws.store();
    let Some(mut edit) = store.edit_claims(&path)? else {
        return Err(MarkError::NoReviewFile {
            given: given.display().to_string(),
            looked_for: ws.shown(&path),
            near: Vec::new(),
        });
    };
    let file = edit.file.clone();
    if request.fresh_only && changed_since_scan(ws, &file) {
        return Err(MarkError::Stale(file.article.clone()));
    }
    for id in request.ids {
        if file.claims.iter().any(|c| &c.id == id) {
            continue;
        }
        if file.retired.iter().any(|c| &c.id == id) {
            return Err(MarkError::Retired(id.clone()));
        }
        return Err(MarkError::UnknownClaim {
            id: id.clone(),
            shown: edit.shown().to_string(),
            near: near_ids(&file, id),
        });
    }
    let has_source = request.source.is_some_and(|s| !s.trim().is_empty());
    if request.status == Status::Verified && !has_source && !request.no_source {
        let missing: Vec<String> = request
            .ids
            .iter()
            .filter(|id| file.claim(id).is_some_and(|c| c.source.trim().is_empty()))
            .cloned()
            .collect();
        if !missing.is_empty() {
            let suggestions = suggestions(ws, &file, &missing);
            return Err(MarkError::NoSource {
                missing,
                suggestions,
            });
        }
    }
    let reviewer = match request.reviewer {
        Some(r) => r.to_string(),
        None => default_reviewer(&ws.root).ok_or(MarkError::NoReviewer)?,
    };
    let verdict = Verdict {
        status: request.status,
        source: request.source,
        note: request.note,
        reviewer: &reviewer,
        now: request.now,
    };
    for id in request.ids {
        if let Some(doc) = edit.document_of(id) {
            set_verdict(doc, id, &verdict);
        }
    }
    edit.save()?;
    Ok(Marked {
        shown: edit.shown().to_string(),
        article: file.article.clone(),
        claims: request
            .ids
            .iter()
            .filter_map(|id| file.claim(id))
            .cloned()
            .collect(),
        still_conflicted: file
            .claims
            .iter()
            .filter(|c| c.is_conflicted() && !request.ids.contains(&c.id))
            .map(|c| c.id.clone())
            .collect(),
    })
}

/// Whether the article no longer has the digest its review file was made from (an article
/// that cannot be read counts as changed).
fn changed_since_scan(ws: &Workspace, file: &ReviewFile) -> bool {
    std::fs::read(ws.root.join(&file.article))
        .ok()
        .and_then(|bytes| crate::input::decode(Path::new(&file.article), bytes).ok())
        .is_none_or(|text| crate::digest::article_digest(&text) != file.digest)
}
