//! Finding files the way ripgrep does: the articles under a directory and the files an
//! article glob matches, with `.gitignore` (and `.ignore`) respected, hidden files skipped,
//! linked directories followed once with loops reported, each file found once however many
//! links lead to it, and some directories and files (`.git/`, the review files) never entered
//! or matched.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};

use crate::input::is_article;
use crate::paths::ResolvedDirs;
use crate::render::sanitize::terminal;

/// Globs as written in `factcheck.toml` (relative to the root, `/`-separated; `*` stays
/// within one directory, `**` crosses any number), compiled once.
#[derive(Debug, Clone, Default)]
pub struct Globs {
    set: GlobSet,
}

impl Globs {
    /// Compiles `patterns`; the error names the first malformed one.
    pub fn new(patterns: &[String]) -> Result<Globs, String> {
        let mut set = GlobSetBuilder::new();
        for pattern in patterns {
            set.add(compile(pattern)?.glob().clone());
        }
        let set = set.build().map_err(|e| e.to_string())?;
        Ok(Globs { set })
    }

    /// Whether any glob matches `path` (relative to the root, `/`-separated).
    pub fn is_match(&self, path: &str) -> bool {
        self.set.is_match(path)
    }

    /// Whether there are no globs, which match nothing.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

fn compile(pattern: &str) -> Result<GlobMatcher, String> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| format!("bad glob `{pattern}`: {}", e.kind()))
}

/// Something a walk passed over, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// A linked directory leading back to a directory the walk is already in.
    Loop { link: PathBuf, target: PathBuf },
    /// A linked directory leading out of the root the walk is confined to.
    Outside(PathBuf),
    /// A directory or file that could not be read.
    Unreadable { path: PathBuf, reason: String },
}

impl Skipped {
    /// Whether the walk still found every file: a loop only leads back to files it reads
    /// anyway, so it is a warning, while the other skips leave files unread.
    pub fn misses_nothing(&self) -> bool {
        matches!(self, Skipped::Loop { .. })
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skipped::Loop { link, target } => {
                let target = match target.as_os_str().is_empty() {
                    true => ".".to_string(),
                    false => target.display().to_string(),
                };
                write!(
                    f,
                    "{}: a link back to {}, a loop; not followed",
                    terminal(&link.display().to_string()),
                    terminal(&target)
                )
            }
            Skipped::Outside(link) => write!(
                f,
                "{}: a link to a directory outside the repository; not followed",
                terminal(&link.display().to_string())
            ),
            Skipped::Unreadable { path, reason } => write!(
                f,
                "{}: cannot be read ({}); skipped",
                terminal(&path.display().to_string()),
                terminal(reason)
            ),
        }
    }
}

/// The files a walk found, sorted, and what it passed over.
#[derive(Debug, Default)]
pub struct Walked {
    /// The files found; from a confined walk, only those whose links stay inside the base.
    pub files: Vec<PathBuf>,
    /// Files found whose links lead out of the base (a confined walk only).
    pub outside: Vec<PathBuf>,
    pub skipped: Vec<Skipped>,
}

/// How to walk: from which directory paths are judged, what to leave out, and whether
/// linked directories may lead outside it.
#[derive(Debug, Clone)]
pub struct Walker {
    base: PathBuf,
    /// The base with links resolved, which resolved paths are judged against.
    real_base: PathBuf,
    exclude: Globs,
    /// Directories never entered and files never matched, as resolved absolute paths.
    never: Vec<PathBuf>,
    confined: bool,
}

impl Walker {
    /// A walker for paths relative to `base` (the root, or the directory a command ran in).
    pub fn new(base: &Path) -> Walker {
        Walker {
            base: base.to_path_buf(),
            real_base: resolved(base),
            exclude: Globs::default(),
            never: Vec::new(),
            confined: false,
        }
    }

    /// Leaves out the files and directories these globs (relative to the base) match.
    pub fn excluding(mut self, globs: Globs) -> Walker {
        self.exclude = globs;
        self
    }

    /// Never enters this directory or matches this file (relative to the base or absolute),
    /// whatever path or link leads to it.
    pub fn never(mut self, path: &Path) -> Walker {
        self.never.push(resolved(&self.base.join(path)));
        self
    }

    /// Does not follow a linked directory that leads out of the base.
    pub fn confined(mut self) -> Walker {
        self.confined = true;
        self
    }

    /// Each path as given, a directory replaced by the articles under it (by extension).
    pub fn expand(&self, paths: &[PathBuf]) -> Walked {
        let mut walked = Walked::default();
        for path in paths {
            if self.base.join(path).is_dir() {
                let found = self.walk(path, &|rel: &Path| is_article(rel));
                walked.files.extend(found.files);
                walked.outside.extend(found.outside);
                walked.skipped.extend(found.skipped);
            } else {
                walked.files.push(path.clone());
            }
        }
        walked
    }

    /// The files (relative to the base) that `pattern` matches. A pattern with no wildcard
    /// names its file whether or not it is ignored, or a directory of articles.
    pub fn matching(&self, pattern: &str) -> Result<Walked, String> {
        let glob = compile(pattern)?;
        let prefix = literal_prefix(pattern);
        if prefix == pattern && self.base.join(pattern).is_dir() {
            return Ok(self.walk(Path::new(pattern), &|rel: &Path| is_article(rel)));
        }
        if prefix == pattern {
            let file = self.base.join(pattern);
            let mut walked = Walked::default();
            let real = resolved(&file);
            if file.is_file() && !self.never.contains(&real) {
                match self.leads_out(&real) {
                    true => walked.outside.push(PathBuf::from(pattern)),
                    false => walked.files.push(PathBuf::from(pattern)),
                }
            }
            return Ok(walked);
        }
        if !self.base.join(&prefix).is_dir() {
            return Ok(Walked::default());
        }
        Ok(self.walk(Path::new(&prefix), &|rel: &Path| {
            glob.is_match(&*slashed(rel))
        }))
    }

    /// The files under `start` (relative to the base, or absolute) that `keep` takes, judged
    /// by their path relative to the base.
    fn walk(&self, start: &Path, keep: &dyn Fn(&Path) -> bool) -> Walked {
        let skipped = Arc::new(Mutex::new(Vec::new()));
        let mut builder = ignore::WalkBuilder::new(self.base.join(start));
        builder
            .follow_links(true)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b));
        let judge = self.clone();
        let noted = Arc::clone(&skipped);
        builder.filter_entry(move |entry| {
            if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            let real = resolved(entry.path());
            if judge.leads_out(&real) {
                let mut noted = noted.lock().unwrap_or_else(|e| e.into_inner());
                noted.push(Skipped::Outside(judge.shown(entry.path())));
                return false;
            }
            !judge.never.contains(&real) && !judge.excluded(entry.path(), &real)
        });
        // Each file once, under the path that involves no link when there is one.
        let mut seen: HashMap<PathBuf, usize> = HashMap::new();
        let mut files: Vec<PathBuf> = Vec::new();
        let mut outside = Vec::new();
        let mut passed_over = Vec::new();
        let dirs = ResolvedDirs::default();
        for entry in builder.build() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    passed_over.push(self.skipped(&err));
                    continue;
                }
            };
            // Whatever is not a directory is kept: a named pipe or a device is refused when read.
            if entry.file_type().is_none_or(|t| t.is_dir()) {
                continue;
            }
            let real = resolved_file(&dirs, &entry);
            let shown = self.shown(entry.path());
            if self.never.contains(&real) || self.excluded(entry.path(), &real) || !keep(&shown) {
                continue;
            }
            if self.leads_out(&real) {
                outside.push(shown);
                continue;
            }
            let direct = real == self.real_base.join(&shown);
            match seen.entry(real) {
                Entry::Occupied(at) if direct => files[*at.get()] = shown,
                Entry::Occupied(_) => {}
                Entry::Vacant(slot) => {
                    slot.insert(files.len());
                    files.push(shown);
                }
            }
        }
        files.sort();
        let mut skipped = std::mem::take(&mut *skipped.lock().unwrap_or_else(|e| e.into_inner()));
        skipped.extend(passed_over);
        Walked {
            files,
            outside,
            skipped,
        }
    }

    /// Whether a confined walk must refuse a file whose resolved path is `real`.
    fn leads_out(&self, real: &Path) -> bool {
        self.confined && !real.starts_with(&self.real_base)
    }

    /// Whether an exclude glob matches the path as found or as resolved.
    fn excluded(&self, found: &Path, real: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let under = |path: &Path, base: &Path| {
            path.strip_prefix(base)
                .is_ok_and(|rel| self.exclude.is_match(&slashed(rel)))
        };
        under(found, &self.base) || under(real, &self.real_base)
    }

    /// A found path relative to the base when it is under it, else as found.
    fn shown(&self, found: &Path) -> PathBuf {
        found
            .strip_prefix(&self.base)
            .map_or_else(|_| found.to_path_buf(), Path::to_path_buf)
    }

    fn skipped(&self, err: &ignore::Error) -> Skipped {
        let mut err = err;
        let mut path = None;
        loop {
            match err {
                ignore::Error::WithPath {
                    path: p,
                    err: inner,
                } => {
                    path.get_or_insert_with(|| p.clone());
                    err = inner;
                }
                ignore::Error::WithDepth { err: inner, .. }
                | ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
                ignore::Error::Loop { ancestor, child } => {
                    return Skipped::Loop {
                        link: self.shown(child),
                        target: self.shown(ancestor),
                    }
                }
                other => {
                    return Skipped::Unreadable {
                        path: path.map(|p| self.shown(&p)).unwrap_or_default(),
                        reason: other.to_string(),
                    }
                }
            }
        }
    }
}

/// The leading directories of a glob that hold no wildcard (`seeds` for `seeds/*.txt`), or
/// the whole pattern when it has none.
fn literal_prefix(pattern: &str) -> String {
    let wild = |part: &str| part.contains(['*', '?', '[', '{', '\\']);
    let parts: Vec<&str> = pattern.split('/').collect();
    match parts.iter().position(|p| wild(p)) {
        None => pattern.to_string(),
        Some(at) => parts[..at].join("/"),
    }
}

/// A path with `/` separators, as globs are written: a relative path of plain names as it
/// is, any other by its components.
fn slashed(path: &Path) -> Cow<'_, str> {
    if let Some(text) = path.to_str() {
        if text.split('/').all(|part| !part.is_empty() && part != ".") {
            return Cow::Borrowed(text);
        }
    }
    Cow::Owned(
        path.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// The absolute path with links resolved, or the path itself when it does not exist.
fn resolved(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A found file's path with links resolved: its directory's, each directory resolved once
/// for all its files, and its name unless the file is itself a link.
fn resolved_file(dirs: &ResolvedDirs, entry: &ignore::DirEntry) -> PathBuf {
    let path = entry.path();
    match path.parent().zip(path.file_name()) {
        Some((dir, name)) if !entry.path_is_symlink() => dirs.resolved(dir).join(name),
        _ => resolved(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_literal_part_of_a_glob_is_where_its_walk_starts() {
        assert_eq!(literal_prefix("seeds/*.txt"), "seeds");
        assert_eq!(literal_prefix("articles/**/*.md"), "articles");
        assert_eq!(literal_prefix("**/*"), "");
        assert_eq!(literal_prefix("news/today.md"), "news/today.md");
    }

    #[test]
    fn a_path_is_slashed_by_its_components() {
        for path in [
            "a/b.txt", "a//b", "./a/b", "a/./b/", "/abs/a", "../a", "", ".",
        ] {
            let by_components = Path::new(path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            assert_eq!(slashed(Path::new(path)), by_components, "{path}");
        }
    }

    #[test]
    fn a_star_stays_within_one_directory_and_two_cross_any_number() {
        let globs = Globs::new(&["drafts/*.md".into(), "news/**/*.txt".into()]).expect("globs");
        assert!(globs.is_match("drafts/a.md"));
        assert!(!globs.is_match("drafts/old/a.md"));
        assert!(globs.is_match("news/a.txt"));
        assert!(globs.is_match("news/2026/12/a.txt"));
        assert!(Globs::new(&["news/[a".into()]).is_err());
    }
}
