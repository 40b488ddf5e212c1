//! Where the work happens: the repository root (the directory holding `factcheck.toml`,
//! found by walking up from the current directory), its configuration, where review files
//! live, and which articles a command works on.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::{load, CheckPolicy, Config, FILE_NAME};
use crate::diagnostic::Diagnostic;
use crate::input::{self, InputError, Source, DEFAULT_MAX_ARTICLE_BYTES};
use crate::paths;
use crate::render::sanitize::terminal;
use crate::review::layout::review_path;
use crate::review::store::Store;

/// The root, the directory the command was run in, and the configuration (if any).
#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
    /// The directory the command was run in; relative paths on the command line start here.
    pub cwd: PathBuf,
    pub config: Option<Config>,
    /// The largest article read, in bytes (from the configuration unless overridden).
    pub max_article_bytes: u64,
}

/// How much larger than the largest article a review file may be: a review file holds each
/// claim's sentence and verdict, some 1.7 times its article's size for dense copy.
pub const REVIEW_FILE_FACTOR: u64 = 4;

/// Why an article given or configured is not worked on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No paths given and no `factcheck.toml` to list articles.
    NothingToDo,
    /// A configured glob is malformed or leads out of the root.
    BadGlob(String),
    /// A path outside the root.
    Outside(String),
    /// Two articles whose review files would be the same file.
    SharedReview { first: String, second: String },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NothingToDo => write!(f, "no articles given and no factcheck.toml found\n  help: name the articles (`factcheck scan seeds/`) or run `factcheck init` to list them in factcheck.toml"),
            Refusal::BadGlob(message) => f.write_str(&terminal(message)),
            Refusal::Outside(path) => write!(f, "{}: outside the repository root (or a link to a file outside it); factcheck only works on files under it", terminal(path)),
            Refusal::SharedReview { first, second } => write!(f, "{} and {} would share one review file; rename one of them", terminal(first), terminal(second)),
        }
    }
}

/// The articles a command works on, relative to the root, and the paths refused (the
/// others are still worked on).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub articles: Vec<String>,
    pub refused: Vec<Refusal>,
}

impl Workspace {
    /// Finds `factcheck.toml` in `cwd` or a parent; without one, `cwd` is the root.
    pub fn discover(cwd: &Path) -> Result<Workspace, Diagnostic> {
        let mut dir = Some(cwd);
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                let config = load(&candidate)?;
                return Ok(Workspace {
                    root: d.to_path_buf(),
                    cwd: cwd.to_path_buf(),
                    max_article_bytes: config.max_article_size.unwrap_or(DEFAULT_MAX_ARTICLE_BYTES),
                    config: Some(config),
                });
            }
            dir = d.parent();
        }
        Ok(Workspace::bare(cwd))
    }

    /// A workspace at `root` with no configuration.
    pub fn bare(root: &Path) -> Workspace {
        Workspace {
            root: root.to_path_buf(),
            cwd: root.to_path_buf(),
            config: None,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }

    /// The directory review files go in.
    pub fn annotations(&self) -> PathBuf {
        let dir = self
            .config
            .as_ref()
            .map_or("annotations", |c| c.annotations.get_ref().as_str());
        self.root.join(dir)
    }

    /// The review file of an article (relative to the root).
    pub fn review_path(&self, article: &str) -> PathBuf {
        review_path(&self.annotations(), article)
    }

    /// Reads an article (relative to the root) under the size limit; errors name it as given.
    pub fn read_article(&self, article: &str) -> Result<Source, InputError> {
        let mut source = input::read(&self.root.join(article), self.max_article_bytes)
            .map_err(|e| e.shown_as(article))?;
        source.path = PathBuf::from(article);
        Ok(source)
    }

    /// The store that reads and writes this repository's review files.
    pub fn store(&self) -> Store<'_> {
        Store::new(
            &self.root,
            self.annotations(),
            self.max_article_bytes.saturating_mul(REVIEW_FILE_FACTOR),
        )
    }

    pub fn policy(&self) -> CheckPolicy {
        self.config
            .as_ref()
            .map(|c| c.check.clone())
            .unwrap_or_default()
    }

    /// A path given on the command line, relative to the root; `None` outside it.
    pub fn relative(&self, path: &Path) -> Option<String> {
        paths::relative_to_root(&self.root, &self.cwd, path)
    }

    /// A path as shown in messages: relative to the root when under it.
    pub fn shown(&self, path: &Path) -> String {
        paths::shown(&self.root, path)
    }

    /// The article globs, expanded and sorted; each relative to the root.
    pub fn configured_articles(&self) -> Result<Vec<String>, String> {
        self.expand_globs().map(|(articles, _)| articles)
    }

    /// The article globs, expanded and sorted, and the matches refused because they lead
    /// out of the repository (a link to a file outside it). Whatever a glob matches that is
    /// not a directory is an article: a named pipe or a device matched is refused when read.
    fn expand_globs(&self) -> Result<(Vec<String>, Vec<Refusal>), String> {
        let Some(config) = &self.config else {
            return Ok(Default::default());
        };
        let mut out = Vec::new();
        let mut refused = Vec::new();
        for pattern in &config.articles {
            if Path::new(pattern).is_absolute() || pattern.split('/').any(|p| p == "..") {
                return Err(format!(
                    "article glob `{pattern}` leads outside the repository; use a path relative to {}",
                    self.root.display()
                ));
            }
            let full = self.root.join(pattern);
            let found = glob::glob(&full.to_string_lossy())
                .map_err(|e| format!("bad article glob `{pattern}`: {e}"))?;
            for path in found.flatten() {
                if path.is_dir() {
                    continue;
                }
                match paths::relative_to_root(&self.root, &self.root, &path) {
                    Some(rel) => out.push(rel),
                    None => refused.push(Refusal::Outside(self.shown(&path))),
                }
            }
        }
        out.sort();
        out.dedup();
        refused.dedup();
        Ok((out, refused))
    }

    /// The articles named by `given` (files or directories), or the configured articles when
    /// none are given. Paths outside the root, and articles that would share a review file,
    /// are refused.
    pub fn select(&self, given: &[PathBuf]) -> Selection {
        let mut selection = Selection::default();
        let mut articles = Vec::new();
        if given.is_empty() {
            if self.config.is_none() {
                selection.refused.push(Refusal::NothingToDo);
                return selection;
            }
            match self.expand_globs() {
                Ok((list, refused)) => {
                    articles = list;
                    selection.refused.extend(refused);
                }
                Err(message) => {
                    selection.refused.push(Refusal::BadGlob(message));
                    return selection;
                }
            }
        }
        for path in given {
            if self.relative(path).is_none() {
                selection
                    .refused
                    .push(Refusal::Outside(path.display().to_string()));
                continue;
            }
            for found in crate::input::expand(&[self.cwd.join(path)]) {
                match self.relative(&found) {
                    Some(rel) => articles.push(rel),
                    None => selection.refused.push(Refusal::Outside(self.shown(&found))),
                }
            }
        }
        articles.dedup();
        let mut owners: HashMap<PathBuf, String> = HashMap::new();
        for article in articles {
            let review = self.review_path(&article);
            match owners.get(&review) {
                Some(first) => selection.refused.push(Refusal::SharedReview {
                    first: first.clone(),
                    second: article,
                }),
                None => {
                    owners.insert(review, article.clone());
                    selection.articles.push(article);
                }
            }
        }
        selection
    }
}
