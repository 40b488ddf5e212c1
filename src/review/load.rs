//! Loads the review state of one article for reading commands (`status`, `check`): its
//! review file, parsed and validated, and whether it is up to date with the article.

use std::path::PathBuf;

use super::layout::{review_path, shown_path};
use super::model::ReviewFile;
use super::parse::{parse, Diagnostic};
use crate::config::Workspace;
use crate::digest::article_digest;

/// What is known of one article's review.
#[derive(Debug)]
pub struct Loaded {
    /// The article's path relative to the root.
    pub article: String,
    pub review_path: PathBuf,
    /// The parsed review file; `None` when it is missing or cannot be used.
    pub review: Option<ReviewFile>,
    /// There is no review file.
    pub missing: bool,
    /// Problems in the review file (fatal ones leave `review` empty).
    pub problems: Vec<Diagnostic>,
    /// The article changed since its last scan.
    pub stale: bool,
    /// The article or review file could not be read.
    pub read_error: Option<String>,
}

/// Loads the review of `article` (relative to the root).
pub fn load(ws: &Workspace, article: &str) -> Loaded {
    let review_path = review_path(&ws.annotations(), article);
    let mut loaded = Loaded {
        article: article.to_string(),
        review_path: review_path.clone(),
        review: None,
        missing: false,
        problems: Vec::new(),
        stale: false,
        read_error: None,
    };
    let text = match std::fs::read_to_string(&review_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            loaded.missing = true;
            return loaded;
        }
        Err(e) => {
            loaded.read_error = Some(format!("{}: cannot read: {e}", review_path.display()));
            return loaded;
        }
    };
    let (review, problems) = parse(&shown_path(&ws.root, &review_path), &text);
    loaded.problems = problems;
    match std::fs::read(ws.root.join(article)) {
        Ok(bytes) => {
            let digest = String::from_utf8(bytes).map(|t| article_digest(&t)).ok();
            loaded.stale = review
                .as_ref()
                .is_some_and(|r| digest.as_deref() != Some(r.digest.as_str()));
        }
        Err(e) => loaded.read_error = Some(format!("{article}: cannot read the article: {e}")),
    }
    loaded.review = review;
    loaded
}
