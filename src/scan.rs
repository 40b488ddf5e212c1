//! Scanning one article: extract its claims now and merge them into its review file,
//! returning the file's text before and after. Writing is left to the caller.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use crate::config::Workspace;
use crate::digest::article_digest;
use crate::extract::{extract, Format};
use crate::input::{self, InputError};
use crate::review::edit::{new_document, rescan, to_text, Fresh, ScanSummary};
use crate::review::layout::{new_ids, relative_to_root, review_path, shown_path, title};
use crate::review::{parse_for_edit, Diagnostic};

/// One article brought up to date.
#[derive(Debug)]
pub struct Scanned {
    pub article: String,
    pub review_path: PathBuf,
    /// The review file's text before the scan; `None` when it did not exist.
    pub before: Option<String>,
    pub after: String,
    pub summary: ScanSummary,
    /// Problems that did not stop the scan (a misspelt key).
    pub warnings: Vec<Diagnostic>,
}

impl Scanned {
    pub fn changed(&self) -> bool {
        self.before.as_deref() != Some(self.after.as_str())
    }
}

/// Why an article could not be scanned; its review file is left untouched.
#[derive(Debug)]
pub enum ScanError {
    Input(InputError),
    Review(Vec<Diagnostic>),
    Outside {
        path: String,
    },
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    Unwritable {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::Input(e) => write!(f, "{e}"),
            ScanError::Review(problems) => {
                for (k, p) in problems.iter().enumerate() {
                    if k > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{p}")?;
                }
                write!(f, "\n  note: the review file was not changed")
            }
            ScanError::Outside { path } => write!(
                f,
                "{path}: outside the repository; factcheck only reads and writes files under the root"
            ),
            ScanError::Unreadable { path, error } => {
                write!(f, "{}: cannot read: {error}", path.display())
            }
            ScanError::Unwritable { path, error } => {
                write!(f, "{}: cannot write: {error}", path.display())
            }
        }
    }
}

/// Brings the review file of `article` (relative to the root) up to date.
pub fn scan_article(
    ws: &Workspace,
    article: &str,
    prune: bool,
    now: &str,
) -> Result<Scanned, ScanError> {
    let source = input::read(&ws.root.join(article)).map_err(ScanError::Input)?;
    let claims = extract(&source.text, Format::from_path(&source.path));
    let review = review_path(&ws.annotations(), article);
    if relative_to_root(&ws.root, &review).is_none() {
        return Err(ScanError::Outside {
            path: review.display().to_string(),
        });
    }
    let before = match std::fs::read_to_string(&review) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            return Err(ScanError::Unreadable {
                path: review,
                error,
            })
        }
    };
    let (mut doc, mut taken, warnings) = match &before {
        Some(text) => match parse_for_edit(&shown_path(&ws.root, &review), text) {
            (Some((file, doc)), problems) => {
                let ids: HashSet<String> = file
                    .claims
                    .iter()
                    .chain(&file.retired)
                    .map(|c| c.id.clone())
                    .collect();
                (doc, ids, problems)
            }
            (None, problems) => return Err(ScanError::Review(problems)),
        },
        None => (new_document(article), HashSet::new(), Vec::new()),
    };
    let ids = new_ids(claims.iter(), &mut taken);
    let digest = article_digest(&source.text);
    let title = title(&source.text);
    let fresh = Fresh {
        article,
        title: &title,
        digest: &digest,
        claims: &claims,
        ids,
    };
    let summary = rescan(&mut doc, &fresh, now, prune);
    let after = match &before {
        Some(text) if !summary.modified => text.clone(),
        Some(text) => to_text(&doc, text),
        None => doc.to_string(),
    };
    Ok(Scanned {
        article: article.to_string(),
        review_path: review,
        before,
        after,
        summary,
        warnings,
    })
}
