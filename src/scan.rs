//! Scanning: extract each article's claims now and merge them into its review file, in place
//! and under the file's lock, or (with `check`) only work out what would change.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use crate::digest::article_digest;
use crate::input::InputError;
use crate::moves::{carry_out, orphans, plan, Move, Orphan};
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
    let source = ws.read_article(article).map_err(ScanError::Input)?;
    let claims = source.claims();
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

/// What a scan of many articles did.
#[derive(Debug, Default)]
pub struct Run {
    /// Temporary files an interrupted run left behind, removed.
    pub leftovers: Vec<String>,
    /// Review files that followed their article to a new path (with `check`: would follow).
    pub moved: Vec<Move>,
    /// Each article scanned, in order (with `check`, the moved ones are left out).
    pub scanned: Vec<Result<Scanned, ScanError>>,
    /// Review files whose article is gone; with `prune` (on a full scan) they were removed.
    pub orphans: Vec<Orphan>,
    pub pruned_orphans: bool,
    /// Files that could not be read or written while following or pruning.
    pub failures: Vec<StoreError>,
}

/// Scans `articles` on all cores. First removes what interrupted runs left, and moves each
/// orphaned review file whose article now stands under another name; a `full` scan (of every
/// configured article) with `prune` also removes the review files of deleted articles.
pub fn scan_all(
    ws: &Workspace,
    articles: &[String],
    options: Options,
    full: bool,
    now: &str,
) -> Run {
    let mut run = Run::default();
    if !options.check {
        run.leftovers = ws.store().remove_leftovers();
    }
    let (orphans, unreadable) = orphans(ws);
    run.failures.extend(unreadable);
    let moves = plan(ws, &orphans, articles);
    let mut skipped = Vec::new();
    for mv in moves {
        if options.check {
            skipped.push(mv.article.clone());
            run.moved.push(mv);
            continue;
        }
        match carry_out(ws, &mv) {
            Ok(()) => run.moved.push(mv),
            Err(e) => run.failures.push(e),
        }
    }
    let moved_from: Vec<&str> = run.moved.iter().map(|m| m.orphan.shown.as_str()).collect();
    run.orphans = orphans
        .into_iter()
        .filter(|o| !moved_from.contains(&o.shown.as_str()))
        .collect();
    if full && options.prune && !options.check {
        for orphan in &run.orphans {
            let removed = ws
                .store()
                .edit_existing(&orphan.review_path)
                .and_then(|edit| edit.map_or(Ok(()), |e| e.remove()));
            if let Err(e) = removed {
                run.failures.push(e);
            }
        }
        run.pruned_orphans = true;
    }
    let to_scan: Vec<String> = articles
        .iter()
        .filter(|a| !skipped.contains(a))
        .cloned()
        .collect();
    run.scanned = map_ordered(&to_scan, "scanning", |article| {
        scan_one(ws, article, options, now)
    });
    run
}
