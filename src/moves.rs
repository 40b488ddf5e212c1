//! Following articles that moved. A review file whose article is gone is an orphan; an
//! article with no review file whose claims are the orphan's is the same article under a new
//! name (a `git mv`, a plain `mv`), and its review file moves with it, verdicts, comments and
//! hand-added keys intact, recording where the article used to be. A copy never takes the
//! original's review file: only orphans move.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use toml_edit::{Array, Item, Value};

use crate::input;
use crate::review::layout::review_files;
use crate::review::store::StoreError;
use crate::review::ReviewFile;
use crate::workspace::Workspace;

/// A review file whose article no longer exists.
#[derive(Debug, Clone)]
pub struct Orphan {
    pub review_path: PathBuf,
    /// The review file, as shown in messages.
    pub shown: String,
    /// The article it covers, which is gone.
    pub article: String,
    pub file: ReviewFile,
}

/// The review files under the annotations directory whose article is gone, and the ones that
/// could not be read to tell.
pub fn orphans(ws: &Workspace) -> (Vec<Orphan>, Vec<StoreError>) {
    let annotations = ws.annotations();
    let store = ws.store();
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for path in review_files(&annotations) {
        if likely_article(ws, &annotations, &path).is_some_and(|a| ws.root.join(a).is_file()) {
            continue;
        }
        match store.read(&path) {
            Ok(Some(review)) => {
                let article = review.file.article.clone();
                let gone = article.is_empty() || !ws.root.join(&article).exists();
                if gone {
                    found.push(Orphan {
                        review_path: path,
                        shown: review.shown,
                        article,
                        file: review.file,
                    });
                }
            }
            Ok(None) => {}
            Err(e) => unreadable.push(e),
        }
    }
    (found, unreadable)
}

/// The article a review file's place names when it follows the usual layout (`a.toml` for
/// `a.txt`, `a.md.toml` for `a.md`), to skip reading files whose article is plainly there.
fn likely_article(ws: &Workspace, annotations: &Path, review: &Path) -> Option<String> {
    let rel = review.strip_prefix(annotations).ok()?.to_str()?;
    let stem = rel.strip_suffix(".toml")?;
    let article = if input::is_article(Path::new(stem)) {
        stem.to_string()
    } else {
        format!("{stem}.txt")
    };
    (ws.review_path(&article) == review).then_some(article)
}

/// An orphan's review file that follows its article to a new path.
#[derive(Debug, Clone)]
pub struct Move {
    pub orphan: Orphan,
    /// The article's new path, relative to the root.
    pub article: String,
}

/// How much of what an orphan's review records the article says now: the share of its claims
/// found there with the same figure in the same sentence (1 when the text is unchanged).
fn likeness(orphan: &ReviewFile, digest: &str, found: &HashMap<(&str, &str), usize>) -> f64 {
    if orphan.digest == digest {
        return 1.0;
    }
    if orphan.claims.is_empty() {
        return 0.0;
    }
    let mut left = found.clone();
    let kept = orphan
        .claims
        .iter()
        .filter(|c| {
            left.get_mut(&(c.text.as_str(), c.sentence.as_str()))
                .filter(|n| **n > 0)
                .map(|n| *n -= 1)
                .is_some()
        })
        .count();
    kept as f64 / orphan.claims.len() as f64
}

/// The share of an orphan's claims an article must still hold to be taken for it.
const SAME_ARTICLE: f64 = 0.5;

/// Pairs orphans with the `articles` that have no review file, best likeness first; each
/// orphan and each article at most once.
pub fn plan(ws: &Workspace, orphans: &[Orphan], articles: &[String]) -> Vec<Move> {
    if orphans.is_empty() {
        return Vec::new();
    }
    let unreviewed: Vec<&String> = articles
        .iter()
        .filter(|a| !ws.review_path(a).exists())
        .collect();
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (k, article) in unreviewed.iter().enumerate() {
        let Ok(source) = ws.read_article(article) else {
            continue;
        };
        let claims = source.claims();
        let mut found: HashMap<(&str, &str), usize> = HashMap::new();
        for c in &claims {
            *found
                .entry((c.text.as_str(), c.sentence.as_str()))
                .or_default() += 1;
        }
        let digest = crate::digest::article_digest(&source.text);
        for (o, orphan) in orphans.iter().enumerate() {
            let score = likeness(&orphan.file, &digest, &found);
            if score >= SAME_ARTICLE {
                scored.push((score, o, k));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut orphan_taken, mut article_taken) =
        (vec![false; orphans.len()], vec![false; unreviewed.len()]);
    let mut moves = Vec::new();
    for (_, o, k) in scored {
        if orphan_taken[o] || article_taken[k] {
            continue;
        }
        orphan_taken[o] = true;
        article_taken[k] = true;
        moves.push(Move {
            orphan: orphans[o].clone(),
            article: unreviewed[k].clone(),
        });
    }
    moves.sort_by(|a, b| a.article.cmp(&b.article));
    moves
}

/// Moves an orphan's review file to its article's new place, under both files' locks: the
/// file is written at the new path (with the article's new path and its old one recorded),
/// then the old file is removed, so a crash in between leaves both and loses nothing.
pub fn carry_out(ws: &Workspace, mv: &Move) -> Result<(), StoreError> {
    let store = ws.store();
    let new_path = ws.review_path(&mv.article);
    let Some(mut old) = store.edit_existing(&mv.orphan.review_path)? else {
        return Ok(());
    };
    let new = store.edit(&new_path, &mv.article)?;
    if new.file.is_some() {
        // Another process gave the article a review file meanwhile.
        return Ok(());
    }
    record_move(&mut old.doc, &mv.orphan.article, &mv.article);
    old.write_to(&new_path)?;
    drop(new);
    old.remove()
}

/// Sets the article's new path and appends the old one to `previous_paths`.
fn record_move(doc: &mut toml_edit::DocumentMut, from: &str, to: &str) {
    let Some(article) = doc.get_mut("article").and_then(Item::as_table_like_mut) else {
        return;
    };
    let mut previous = article
        .get("previous_paths")
        .and_then(Item::as_array)
        .cloned()
        .unwrap_or_else(Array::new);
    if !from.is_empty() && !previous.iter().any(|p| p.as_str() == Some(from)) {
        previous.push(from);
    }
    match article.get_mut("path").and_then(Item::as_value_mut) {
        Some(path) => {
            let decor = path.decor().clone();
            *path = Value::from(to);
            *path.decor_mut() = decor;
        }
        None => {
            article.insert("path", toml_edit::value(to));
        }
    }
    article.insert("previous_paths", Item::Value(Value::Array(previous)));
}
