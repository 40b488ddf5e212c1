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
use crate::walk::{Skipped, Walked, Walker};

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
    /// A directory a walk could not read, or a linked one leading out of the root.
    Skipped(Skipped),
    /// A path given that is neither a file nor an article with a review file.
    Missing(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NothingToDo => write!(f, "no articles given and no factcheck.toml found\n  help: name the articles (`factcheck scan seeds/`) or run `factcheck init` to list them in factcheck.toml"),
            Refusal::BadGlob(message) => f.write_str(&terminal(message)),
            Refusal::Outside(path) => write!(f, "{}: outside the repository root (or a link to a file outside it); factcheck only works on files under it", terminal(path)),
            Refusal::SharedReview { first, second } => write!(f, "{} and {} would share one review file; rename one of them", terminal(first), terminal(second)),
            Refusal::Skipped(skipped) => skipped.fmt(f),
            Refusal::Missing(path) => write!(f, "{}: no such file, and no review file for it\n  help: check the path; with no paths, commands work on the articles factcheck.toml lists", terminal(path)),
        }
    }
}

/// The articles a command works on, relative to the root, and the paths refused (the
/// others are still worked on).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub articles: Vec<String>,
    pub refused: Vec<Refusal>,
    /// What the walk passed over without missing a file (a link loop).
    pub warnings: Vec<Skipped>,
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
        let mut selection = Selection::default();
        self.expand_globs(&self.walker(), &mut selection)?;
        Ok(selection.articles)
    }

    /// How this repository's files are walked: `.gitignore` respected, `exclude` globs left
    /// out, never inside `.git/` or the review files, and no linked directory followed out
    /// of the root.
    pub fn walker(&self) -> Walker {
        let exclude = self
            .config
            .as_ref()
            .map(|c| c.exclude.clone())
            .unwrap_or_default();
        Walker::new(&self.root)
            .excluding(exclude)
            .never(Path::new(".git"))
            .never(&self.annotations())
            .never(Path::new(FILE_NAME))
            .confined()
    }

    /// Adds the files the article globs match to `selection`, refusing those that lead out
    /// of the repository (a link to a file outside it). Whatever a glob matches that is not
    /// a directory is an article: a named pipe or a device matched is refused when read.
    fn expand_globs(&self, walker: &Walker, selection: &mut Selection) -> Result<(), String> {
        let Some(config) = &self.config else {
            return Ok(());
        };
        for pattern in &config.articles {
            if Path::new(pattern).is_absolute() || pattern.split('/').any(|p| p == "..") {
                return Err(format!(
                    "article glob `{pattern}` leads outside the repository; use a path relative to {}",
                    self.root.display()
                ));
            }
            let walked = walker
                .matching(pattern)
                .map_err(|e| format!("article {e}"))?;
            self.take(walked, selection);
        }
        selection.articles.sort();
        selection.articles.dedup();
        selection.refused.dedup();
        Ok(())
    }

    /// Adds the files of a walk (relative to the root, or absolute) to `selection`.
    fn take(&self, walked: Walked, selection: &mut Selection) {
        for found in walked.outside {
            selection
                .refused
                .push(Refusal::Outside(self.shown(&self.root.join(found))));
        }
        for found in walked.files {
            // A confined walk names what it found inside the root relative to it, links
            // already judged; a path given as written is judged here.
            let relative = match found.is_relative() {
                true => paths::plain_relative(&found),
                false => self.relative(&found),
            };
            match relative {
                Some(rel) => selection.articles.push(rel),
                None => selection.refused.push(Refusal::Outside(self.shown(&found))),
            }
        }
        for skipped in walked.skipped {
            if skipped.misses_nothing() {
                selection.warnings.push(skipped);
            } else {
                selection.refused.push(Refusal::Skipped(skipped));
            }
        }
    }

    /// The articles named by `given` (files or directories), or the configured articles when
    /// none are given. Paths outside the root, and articles that would share a review file,
    /// are refused.
    pub fn select(&self, given: &[PathBuf]) -> Selection {
        let mut selection = Selection::default();
        let walker = self.walker();
        if given.is_empty() {
            if self.config.is_none() {
                selection.refused.push(Refusal::NothingToDo);
                return selection;
            }
            if let Err(message) = self.expand_globs(&walker, &mut selection) {
                selection.refused.push(Refusal::BadGlob(message));
                return selection;
            }
        }
        for path in given {
            let Some(rel) = self.relative(path) else {
                selection
                    .refused
                    .push(Refusal::Outside(path.display().to_string()));
                continue;
            };
            let full = self.cwd.join(path);
            if !full.exists() && !self.review_path(&rel).exists() {
                selection
                    .refused
                    .push(Refusal::Missing(path.display().to_string()));
                continue;
            }
            self.take(walker.expand(&[full]), &mut selection);
        }
        let mut articles = std::mem::take(&mut selection.articles);
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
