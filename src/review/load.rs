//! Loads the review state of one article for reading commands (`status`, `check`): its
//! review file, parsed and validated, and whether it is up to date with the article.

use std::path::Path;

use super::layout::{review_path, shown_path};
use super::model::ReviewFile;
use super::parse::{parse, Diagnostic};
use crate::config::Workspace;
use crate::digest::article_digest;
use crate::input::decode;

/// What is known of one article's review.
#[derive(Debug)]
pub struct Loaded {
    /// The article's path relative to the root.
    pub article: String,
    /// The parsed review file; `None` when it is missing or cannot be used.
    pub review: Option<ReviewFile>,
    /// There is no review file.
    pub missing: bool,
    /// Problems reading the article or its review file; fatal ones leave `review` empty.
    pub problems: Vec<Diagnostic>,
    /// The article changed since its last scan.
    pub stale: bool,
}

impl Loaded {
    /// Whether anything kept this article from being read completely.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }
}

/// Loads the review of `article` (relative to the root).
pub fn load(ws: &Workspace, article: &str) -> Loaded {
    let review_path = review_path(&ws.annotations(), article);
    let shown = shown_path(&ws.root, &review_path);
    let mut loaded = Loaded {
        article: article.to_string(),
        review: None,
        missing: false,
        problems: Vec::new(),
        stale: false,
    };
    let text = match std::fs::read(&review_path) {
        Ok(bytes) => match decode(&shown, bytes) {
            Ok(text) => text,
            Err(e) => {
                loaded.problems.push(Diagnostic::file(&shown, e.reason()));
                return loaded;
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            loaded.missing = true;
            return loaded;
        }
        Err(e) => {
            loaded
                .problems
                .push(Diagnostic::file(&shown, format!("cannot read: {e}")));
            return loaded;
        }
    };
    let (review, problems) = parse(&shown, &text);
    loaded.problems = problems;
    let article_text = std::fs::read(ws.root.join(article))
        .map_err(|e| format!("cannot read the article: {e}"))
        .and_then(|bytes| decode(Path::new(article), bytes).map_err(|e| e.reason()));
    match article_text {
        Ok(text) => {
            let digest = article_digest(&text);
            loaded.stale = review.as_ref().is_some_and(|r| r.digest != digest);
        }
        Err(message) => loaded.problems.push(Diagnostic::file(article, message)),
    }
    loaded.review = review;
    loaded
}
