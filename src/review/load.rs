//! Loads the review state of articles for reading commands (`status`, `check`, `conflicts`,
//! `review`): each review file, parsed and validated through the store, and whether it is up
//! to date with its article.

use super::model::{ReviewClaim, ReviewFile};
use super::parse::Diagnostic;
use super::store::Store;
use crate::conflicts::{Article, Elsewhere, Related, Sourced};
use crate::digest::article_digest;
use crate::parallel::{each_in_order, map_ordered};
use crate::workspace::Workspace;

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
    /// The article changed since its last scan (never told by a [`Freshness::Unchecked`]
    /// load).
    pub stale: bool,
}

/// Whether a load tells if each article changed since its last scan, which takes hashing its
/// text, or only that it can still be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Checked,
    Unchecked,
}

impl Loaded {
    /// Whether anything kept this article from being read completely.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// Whether some problem keeps the article from being read at all.
    pub fn has_fatal(&self) -> bool {
        self.problems.iter().any(|p| p.fatal)
    }
}

/// Loads the review of `article` (relative to the root) through `store`, the workspace's.
pub fn load(ws: &Workspace, store: &Store, article: &str) -> Loaded {
    load_as(ws, store, article, Freshness::Checked)
}

/// [`load`], telling whether the article changed only when `freshness` asks for it.
fn load_as(ws: &Workspace, store: &Store, article: &str, freshness: Freshness) -> Loaded {
    let mut loaded = Loaded {
        article: article.to_string(),
        review: None,
        missing: false,
        problems: Vec::new(),
        stale: false,
    };
    let review = match store.read(&ws.review_path(article)) {
        Ok(Some(review)) => review,
        Ok(None) => {
            loaded.missing = true;
            return loaded;
        }
        Err(e) => {
            loaded.problems = e.diagnostics();
            return loaded;
        }
    };
    loaded.problems = review.warnings;
    match ws.read_article(article) {
        Ok(source) => {
            loaded.stale = freshness == Freshness::Checked
                && review.file.digest != article_digest(&source.text)
        }
        Err(e) => loaded.problems.push(Diagnostic::file(
            article,
            format!("cannot read the article: {}", e.reason()),
        )),
    }
    loaded.review = Some(review.file);
    loaded
}

/// Loads the reviews of many articles on all cores, in article order.
pub fn load_all(ws: &Workspace, articles: &[String]) -> Vec<Loaded> {
    let store = ws.store();
    map_ordered(articles, "reading", |a| load(ws, &store, a))
}

/// Loads the reviews of many articles on all cores, as [`load_all`] does but telling whether
/// each article changed only when `freshness` asks for it, and hands what `job` makes of each
/// (on the core that read it) to `take`, in article order, without holding them all.
pub fn load_each<R: Send>(
    ws: &Workspace,
    articles: &[String],
    freshness: Freshness,
    job: impl Fn(Loaded) -> R + Sync,
    take: impl FnMut(R),
) {
    let store = ws.store();
    each_in_order(
        articles,
        "reading",
        |a| job(load_as(ws, &store, a, freshness)),
        take,
    );
}

/// Loads the reviews of `articles` and, for looking up the same thing elsewhere, of every
/// other configured article after them.
pub fn load_with_context(ws: &Workspace, articles: &[String]) -> Vec<Loaded> {
    let mut all = articles.to_vec();
    all.extend(
        ws.configured_articles()
            .unwrap_or_default()
            .into_iter()
            .filter(|a| !articles.contains(a)),
    );
    load_all(ws, &all)
}

/// The loaded reviews as articles with their current claims, for grouping figures.
pub fn articles_of(loaded: &[Loaded]) -> Vec<Article<'_>> {
    loaded
        .iter()
        .filter_map(|l| {
            l.review.as_ref().map(|r| Article {
                path: &l.article,
                title: &r.title,
                claims: &r.claims,
            })
        })
        .collect()
}

/// Every current claim of the loaded reviews, with its article.
pub fn sourced(loaded: &[Loaded]) -> Vec<Sourced<'_>> {
    loaded
        .iter()
        .filter_map(|l| l.review.as_ref().map(|r| (l.article.as_str(), r)))
        .flat_map(|(path, r)| r.claims.iter().map(move |claim| Sourced { path, claim }))
        .collect()
}

/// Runs `f` on what every configured article (and `article`) says, to look up the same
/// counted thing elsewhere.
pub fn with_related<R>(ws: &Workspace, article: &str, f: impl FnOnce(&Related<'_>) -> R) -> R {
    let loaded = load_with_context(ws, &[article.to_string()]);
    let all = sourced(&loaded);
    f(&Related::new(&all))
}

/// For each claim of `article`, what the other configured articles say about the same thing,
/// handed to `f` to render.
pub fn elsewhere_each<R>(
    ws: &Workspace,
    article: &str,
    claims: &[ReviewClaim],
    f: impl Fn(&Elsewhere<'_>) -> R,
) -> Vec<R> {
    with_related(ws, article, |related| {
        claims
            .iter()
            .map(|c| f(&related.elsewhere(article, c)))
            .collect()
    })
}
