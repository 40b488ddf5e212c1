//! Scanning: extract each article's claims now and merge them into its review file, in place
//! and under the file's lock, or (with `check`) only work out what would change.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use crate::digest::article_digest;
use crate::extract::Claim;
use crate::input::{InputError, Source};
use crate::moves::{carry_out, orphans, plan, Move, Orphan};
use crate::parallel::map_ordered;
use crate::review::edit::{new_file_text, rescan, Fresh, ScanSummary, UpToDate};
use crate::review::layout::{new_ids, title};
use crate::review::parse::BySection;
use crate::review::sections::Part;
use crate::review::store::{Draft, StoreError};
use crate::review::{Diagnostic, ReviewClaim};
use crate::scan_record::{Entry, Record};
use crate::workspace::Workspace;
use toml_edit::Table;

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
    /// There was no review file.
    pub created: bool,
    /// The review file changed (or, with `check`, would change).
    pub changed: bool,
    /// With `check`, for a file that would change: its text before (`None` for a new one)
    /// and after.
    pub texts: Option<(Option<String>, String)>,
    pub summary: ScanSummary,
    /// Problems that did not stop the scan (a misspelt key).
    pub warnings: Vec<Diagnostic>,
}

impl Scanned {
    pub fn changed(&self) -> bool {
        self.changed
    }

    pub fn created(&self) -> bool {
        self.created
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

/// What an article says now.
struct Found {
    claims: Vec<Claim>,
    title: String,
    digest: String,
}

impl Found {
    /// Reads and extracts the article; its text is not kept.
    fn read(ws: &Workspace, article: &str) -> Result<Found, ScanError> {
        let source = ws.read_article(article).map_err(ScanError::Input)?;
        let digest = article_digest(&source.text);
        Ok(Found::extract(&source, digest))
    }

    /// Extracts an article read, whose digest is `digest`.
    fn extract(source: &Source, digest: String) -> Found {
        Found {
            claims: source.claims(),
            title: title(&source.text),
            digest,
        }
    }

    fn fresh<'a>(&'a self, article: &'a str, ids: Vec<String>) -> Fresh<'a> {
        Fresh {
            article,
            title: &self.title,
            digest: &self.digest,
            claims: &self.claims,
            ids,
        }
    }
}

/// Merges what the article says now into an opened review file.
fn merge_into(
    draft: &mut Draft,
    article: &str,
    found: &Found,
    prune: bool,
    now: &str,
) -> ScanSummary {
    let mut taken: HashSet<String> = draft
        .file
        .iter()
        .flat_map(|f| f.claims.iter().chain(&f.retired))
        .map(|c| c.id.clone())
        .collect();
    let ids = new_ids(found.claims.iter(), &mut taken);
    rescan(&mut draft.doc, &found.fresh(article, ids), now, prune)
}

fn scanned(article: &str, draft: &Draft, summary: ScanSummary, check: bool) -> Scanned {
    let changed = summary.modified && draft.changed();
    Scanned {
        article: article.to_string(),
        review_path: draft.path().to_path_buf(),
        shown: draft.shown().to_string(),
        created: draft.before().is_none(),
        changed,
        texts: (check && changed).then(|| (draft.before().map(str::to_string), draft.after())),
        summary,
        warnings: draft.warnings.clone(),
    }
}

/// The scan of an article whose review file is already up to date, decided one claim at a
/// time so that a large file is never held whole, with what to record of it (nothing when
/// the file has warnings); `None` when it is not, or cannot be told that way.
fn up_to_date(
    ws: &Workspace,
    article: &str,
    found: &Found,
    prune: bool,
) -> Result<Option<(Scanned, Option<Entry>)>, ScanError> {
    let path = ws.review_path(article);
    let fresh = found.fresh(article, Vec::new());
    let check = UpToDate::new(&fresh, prune);
    let store = ws.store();
    let each = |part: Part, place: usize, table: &Table, _: ReviewClaim| {
        (part, check.table_holds(part, place, table))
    };
    let Some((
        BySection {
            file,
            warnings,
            tables,
        },
        fingerprint,
    )) = store.inspect(&path, &each)?
    else {
        return Ok(None);
    };
    let current = tables.iter().filter(|(p, _)| *p == Part::Claim).count();
    if !check.holds(&file, current, tables.iter().all(|(_, h)| *h)) {
        return Ok(None);
    }
    let entry = warnings.is_empty().then(|| Entry {
        article: found.digest.clone(),
        review: fingerprint,
        retired: tables.iter().any(|(p, _)| *p == Part::Retired),
    });
    let shown = store.shown(&path);
    Ok(Some((unchanged(article, path, shown, warnings), entry)))
}

/// The scan of an article whose review file (at `path`, shown as `shown`) is up to date.
fn unchanged(article: &str, path: PathBuf, shown: String, warnings: Vec<Diagnostic>) -> Scanned {
    Scanned {
        article: article.to_string(),
        shown,
        review_path: path,
        created: false,
        changed: false,
        texts: None,
        summary: ScanSummary::default(),
        warnings,
    }
}

/// The scan of an article that has no review file yet: its text, made one claim at a time.
fn created(article: &str, draft: &Draft, found: &Found, check: bool) -> (Scanned, String) {
    let ids = new_ids(found.claims.iter(), &mut HashSet::new());
    let text = new_file_text(&found.fresh(article, ids));
    let scanned = Scanned {
        article: article.to_string(),
        review_path: draft.path().to_path_buf(),
        shown: draft.shown().to_string(),
        created: true,
        changed: true,
        texts: check.then(|| (None, text.clone())),
        summary: ScanSummary {
            added: found.claims.len(),
            modified: true,
            ..Default::default()
        },
        warnings: Vec::new(),
    };
    (scanned, text)
}

/// What scanning `article` (relative to the root) would write, without writing or locking.
pub fn scan_article(
    ws: &Workspace,
    article: &str,
    prune: bool,
    now: &str,
) -> Result<Scanned, ScanError> {
    let found = Found::read(ws, article)?;
    if let Some((scanned, _)) = up_to_date(ws, article, &found, prune)? {
        return Ok(scanned);
    }
    would_change(ws, article, &found, prune, now)
}

/// What scanning `article` as `found` would write to a review file that is not up to date,
/// without writing or locking.
fn would_change(
    ws: &Workspace,
    article: &str,
    found: &Found,
    prune: bool,
    now: &str,
) -> Result<Scanned, ScanError> {
    let mut draft = ws.store().draft(&ws.review_path(article), article)?;
    if draft.file.is_none() {
        return Ok(created(article, &draft, found, true).0);
    }
    let summary = merge_into(&mut draft, article, found, prune, now);
    Ok(scanned(article, &draft, summary, true))
}

/// Brings the review file of `article` up to date under its lock and saves it; with
/// `check`, only works out what would change. An article that `record` holds up to date is
/// not extracted. Returns what to record of the article now.
fn scan_one(
    ws: &Workspace,
    article: &str,
    options: Options,
    now: &str,
    record: &Record,
) -> (Result<Scanned, ScanError>, Option<Entry>) {
    let source = match ws.read_article(article) {
        Ok(source) => source,
        Err(e) => return (Err(ScanError::Input(e)), None),
    };
    let digest = article_digest(&source.text);
    if let Some(entry) = record.get(article) {
        let path = ws.review_path(article);
        if let Some((review, shown)) = ws.store().fingerprint(&path) {
            if entry.holds(&digest, review, options.prune) {
                let scanned = unchanged(article, path, shown, Vec::new());
                return (Ok(scanned), Some(entry.clone()));
            }
        }
    }
    let found = Found::extract(&source, digest);
    drop(source);
    match up_to_date(ws, article, &found, options.prune) {
        Ok(Some((scanned, entry))) => return (Ok(scanned), entry),
        Ok(None) => {}
        Err(e) => return (Err(e), None),
    }
    if options.check {
        return (would_change(ws, article, &found, options.prune, now), None);
    }
    let written = write(ws, article, &found, options, now);
    // A file just written is recorded when it reads back up to date, as the next scan would.
    let entry = match &written {
        Ok(_) => up_to_date(ws, article, &found, options.prune)
            .ok()
            .flatten()
            .and_then(|(_, entry)| entry),
        Err(_) => None,
    };
    (written, entry)
}

/// Merges what the article says now into its review file under the file's lock, or makes
/// the file, and saves it if it changed.
fn write(
    ws: &Workspace,
    article: &str,
    found: &Found,
    options: Options,
    now: &str,
) -> Result<Scanned, ScanError> {
    let store = ws.store();
    let mut edit = store.edit(&ws.review_path(article), article)?;
    if edit.file.is_none() {
        let (scanned, text) = created(article, &edit, found, false);
        edit.create(&text)?;
        return Ok(scanned);
    }
    let summary = merge_into(&mut edit, article, found, options.prune, now);
    let result = scanned(article, &edit, summary, false);
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
    let record = Record::load(&ws.store());
    let results = map_ordered(&to_scan, "scanning", |article| {
        scan_one(ws, article, options, now, &record)
    });
    let mut found = Vec::with_capacity(results.len());
    for (article, (scanned, entry)) in to_scan.into_iter().zip(results) {
        run.scanned.push(scanned);
        found.push((article, entry));
    }
    if !options.check {
        record.update(&ws.store(), found, full);
    }
    run
}
