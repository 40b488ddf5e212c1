//! Scanning: extract each article's claims now and merge them into its review file, in place
//! and under the file's lock, or (with `check`) only work out what would change.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use crate::digest::article_digest;
use crate::extract::{extract, Format};
use crate::input::{self, InputError};
use crate::parallel::map_ordered;
use crate::review::edit::{rescan, Fresh, ScanSummary};
use crate::review::layout::{new_ids, title};
use crate::review::store::{Draft, StoreError};
use crate::review::Diagnostic;
use crate::workspace::Workspace;

/// How a scan runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Change nothing; only report what would change.
    pub check: bool,
    /// Remove retired claims.
    pub prune: bool,
}

/// One article brought up to date.
#[derive(Debug)]
pub struct Scanned {
    pub article: String,
    pub review_path: PathBuf,
    /// The review file as shown in messages.
    pub shown: String,
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

    pub fn created(&self) -> bool {
        self.before.is_none()
    }
}

/// Why an article could not be scanned; its review file is left untouched.
#[derive(Debug)]
pub enum ScanError {
    Input(InputError),
    Review(StoreError),
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::Input(e) => write!(f, "{e}"),
            ScanError::Review(e @ StoreError::Invalid(_)) => {
                write!(f, "{e}\n  note: the review file was not changed")
            }
            ScanError::Review(e) => write!(f, "{e}"),
        }
    }
}

impl From<StoreError> for ScanError {
    fn from(e: StoreError) -> Self {
        ScanError::Review(e)
    }
}

/// Merges what `article` says now into an opened review file.
fn merge_into(
    ws: &Workspace,
    draft: &mut Draft,
    article: &str,
    prune: bool,
    now: &str,
) -> Result<ScanSummary, ScanError> {
    let source =
        input::read(&ws.root.join(article)).map_err(|e| ScanError::Input(e.shown_as(article)))?;
    let claims = extract(&source.text, Format::from_path(&source.path));
    let mut taken: HashSet<String> = draft
        .file
        .iter()
        .flat_map(|f| f.claims.iter().chain(&f.retired))
        .map(|c| c.id.clone())
        .collect();
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
    Ok(rescan(&mut draft.doc, &fresh, now, prune))
}

fn scanned(article: &str, draft: &Draft, summary: ScanSummary) -> Scanned {
    let before = draft.before().map(str::to_string);
    let after = match &before {
        Some(text) if !summary.modified => text.clone(),
        _ => draft.after(),
    };
    Scanned {
        article: article.to_string(),
        review_path: draft.path().to_path_buf(),
        shown: draft.shown().to_string(),
        before,
        after,
        summary,
        warnings: draft.warnings.clone(),
    }
}

/// What scanning `article` (relative to the root) would write, without writing or locking.
pub fn scan_article(
    ws: &Workspace,
    article: &str,
    prune: bool,
    now: &str,
) -> Result<Scanned, ScanError> {
    let mut draft = ws.store().draft(&ws.review_path(article), article)?;
    let summary = merge_into(ws, &mut draft, article, prune, now)?;
    Ok(scanned(article, &draft, summary))
}

/// Brings the review file of `article` up to date under its lock and saves it; with
/// `check`, only works out what would change.
pub fn scan_one(
    ws: &Workspace,
    article: &str,
    options: Options,
    now: &str,
) -> Result<Scanned, ScanError> {
    if options.check {
        return scan_article(ws, article, options.prune, now);
    }
    let store = ws.store();
    let mut edit = store.edit(&ws.review_path(article), article)?;
    let summary = merge_into(ws, &mut edit, article, options.prune, now)?;
    let result = scanned(article, &edit, summary);
    if result.changed() {
        edit.save()?;
    }
    Ok(result)
}

/// Removes the temporary files a killed scan or mark left in the annotations directory;
/// returns their shown paths.
pub fn remove_leftovers(ws: &Workspace) -> Vec<String> {
    ws.store().remove_leftovers()
}

/// Scans every article on all cores, in article order.
pub fn scan_all(
    ws: &Workspace,
    articles: &[String],
    options: Options,
    now: &str,
) -> Vec<Result<Scanned, ScanError>> {
    map_ordered(articles, "scanning", |article| {
        scan_one(ws, article, options, now)
    })
}
