//! The two sides `factcheck diff` compares: the review files of two revisions, of a revision
//! and the working tree, or two files. Pairs each review file with its other version, by path
//! or across a rename (git's, or the one a review file records after `scan` followed its
//! article), and reads the versions through the store.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::ArticleDiff;
use crate::gitio::{GitError, Repo};
use crate::render::sanitize::terminal;
use crate::review::layout::{is_decisions_file, review_path};
use crate::review::store::{parse_blob, Review, StoreError};
use crate::workspace::Workspace;

/// Both versions of one review file, `None` where it does not exist, and its name.
#[derive(Debug)]
pub struct VersionPair {
    pub old: Option<Review>,
    pub new: Option<Review>,
    /// The review file, named by its newer path.
    pub shown: String,
}

/// What was compared: the pairs with changes to report, the names of the two sides, and the
/// versions that could not be read.
#[derive(Debug)]
pub struct Compared {
    pub pairs: Vec<VersionPair>,
    pub from: String,
    pub to: String,
    pub unreadable: Vec<StoreError>,
}

/// Why the sides could not be found.
#[derive(Debug)]
pub enum RevisionError {
    Git(GitError),
    Outside(String),
    Unreadable { path: String, error: std::io::Error },
}

impl fmt::Display for RevisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RevisionError::Git(e) => write!(f, "{e}"),
            RevisionError::Outside(message) => f.write_str(&terminal(message)),
            RevisionError::Unreadable { path, error } => {
                write!(f, "{}: cannot read: {error}", terminal(path))
            }
        }
    }
}

impl From<GitError> for RevisionError {
    fn from(e: GitError) -> Self {
        RevisionError::Git(e)
    }
}

/// One version as read: a label for messages, and its bytes.
type Version = Option<(String, Vec<u8>)>;

/// Compares two review files outside git.
pub fn between_files(old: &Path, new: &Path) -> Result<Compared, RevisionError> {
    let read = |path: &Path| -> Result<Version, RevisionError> {
        let label = path.display().to_string();
        std::fs::read(path)
            .map(|bytes| Some((label.clone(), bytes)))
            .map_err(|error| RevisionError::Unreadable { path: label, error })
    };
    let raw = vec![(read(old)?, read(new)?, new.display().to_string())];
    Ok(parse_pairs(
        raw,
        old.display().to_string(),
        new.display().to_string(),
    ))
}

/// Parses both sides of each pair, keeping the readable pairs and collecting the rest.
fn parse_pairs(raw: Vec<(Version, Version, String)>, from: String, to: String) -> Compared {
    let mut compared = Compared {
        pairs: Vec::with_capacity(raw.len()),
        from,
        to,
        unreadable: Vec::new(),
    };
    parse_into(&mut compared, raw);
    pair_recorded_renames(&mut compared.pairs);
    compared
}

/// Parses both sides of each pair into `compared`: the pairs with something to report (one
/// side alone, which a recorded rename may join, or claims that changed), and the versions
/// that cannot be read.
fn parse_into(compared: &mut Compared, raw: Vec<(Version, Version, String)>) {
    let parse = |v: Version| {
        v.map(|(label, bytes)| parse_blob(&label, bytes))
            .transpose()
    };
    let parsed = crate::parallel::map_ordered(&raw, "reading", |(old, new, shown)| {
        let (old, new) = (parse(old.clone()), parse(new.clone()));
        let reported = match (&old, &new) {
            (Ok(Some(o)), Ok(Some(n))) => {
                ArticleDiff::of(Some(&o.file), Some(&n.file), String::new()).is_some()
            }
            _ => true,
        };
        (old, new, shown.clone(), reported)
    });
    drop(raw);
    for (old, new, shown, reported) in parsed {
        match (old, new) {
            (Ok(old), Ok(new)) if reported => compared.pairs.push(VersionPair { old, new, shown }),
            (Ok(_), Ok(_)) => {}
            (old, new) => compared
                .unreadable
                .extend([old.err(), new.err()].into_iter().flatten()),
        }
    }
}

/// Joins a review file that only the new side has with the one only the old side has when
/// the new one records the old one's article among its earlier paths: `scan` moved it after
/// its article, and git did not see the move as a rename.
fn pair_recorded_renames(pairs: &mut Vec<VersionPair>) {
    let gone: HashMap<String, usize> = pairs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.new.is_none())
        .filter_map(|(k, p)| Some((p.old.as_ref()?.file.article.clone(), k)))
        .collect();
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for (k, pair) in pairs.iter().enumerate() {
        let (None, Some(new)) = (&pair.old, &pair.new) else {
            continue;
        };
        if let Some(&from) = new
            .file
            .previous_paths
            .iter()
            .rev()
            .find_map(|p| gone.get(p))
        {
            if !joined.iter().any(|(_, f)| *f == from) {
                joined.push((k, from));
            }
        }
    }
    let mut removed = Vec::new();
    for (k, from) in joined {
        pairs[k].old = pairs[from].old.take();
        removed.push(from);
    }
    removed.sort_unstable();
    for k in removed.into_iter().rev() {
        pairs.remove(k);
    }
}

/// A path relative to the repository root, `/`-separated; `""` for the root itself.
pub fn in_repo(ws: &Workspace, repo: &Repo, path: &Path) -> Result<String, RevisionError> {
    let absolute = ws.cwd.join(path);
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    if absolute == repo.root {
        return Ok(String::new());
    }
    crate::paths::relative_to_root(&repo.root, &ws.cwd, &absolute).ok_or_else(|| {
        RevisionError::Outside(format!(
            "{}: outside the repository {}",
            path.display(),
            repo.root.display()
        ))
    })
}

/// The review-file paths (or directories of them) that the given paths stand for.
fn selection(
    ws: &Workspace,
    repo: &Repo,
    annotations: &str,
    paths: &[PathBuf],
) -> Result<Vec<String>, RevisionError> {
    paths
        .iter()
        .map(|p| {
            let rel = in_repo(ws, repo, p)?;
            Ok(
                if rel.is_empty()
                    || rel == annotations
                    || rel.starts_with(&format!("{annotations}/"))
                {
                    rel
                } else if crate::input::is_article(Path::new(&rel)) {
                    review_path(Path::new(annotations), &rel)
                        .to_string_lossy()
                        .into_owned()
                } else {
                    format!("{annotations}/{rel}")
                },
            )
        })
        .collect()
}

fn selected(selection: &[String], path: &str) -> bool {
    selection.is_empty()
        || selection.iter().any(|s| {
            s.is_empty()
                || path == s
                || path
                    .strip_prefix(s.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        })
}

/// The review files of one side: each path with its blob id, `None` for the working tree.
type Listing = BTreeMap<String, Option<String>>;

fn listing(repo: &Repo, commit: Option<&str>, annotations: &str) -> Result<Listing, GitError> {
    let files: Listing = match commit {
        Some(c) => repo
            .tree(c, annotations)?
            .into_iter()
            .map(|(path, oid)| (path, Some(oid)))
            .collect(),
        None => repo
            .worktree_files(annotations)?
            .into_iter()
            .filter(|p| repo.root.join(p).is_file())
            .map(|p| (p, None))
            .collect(),
    };
    Ok(files
        .into_iter()
        .filter(|(p, _)| p.ends_with(".toml"))
        .filter(|(p, _)| {
            let relative = p.strip_prefix(annotations).unwrap_or(p);
            !is_decisions_file(relative.trim_start_matches('/'))
        })
        .collect())
}

/// Pairs old and new review paths: the same path, or a rename git reports of the review file
/// or of its article.
fn pair_paths(
    old: &Listing,
    new: &Listing,
    renames: &[(String, String)],
    annotations: &str,
) -> Vec<(Option<String>, Option<String>)> {
    let under = |p: &str| p.starts_with(&format!("{annotations}/"));
    let review = |article: &str| {
        review_path(Path::new(annotations), article)
            .to_string_lossy()
            .into_owned()
    };
    let mut moved: HashMap<String, String> = HashMap::new();
    for (from, to) in renames {
        let (from, to) = if under(from) && under(to) {
            (from.clone(), to.clone())
        } else {
            (review(from), review(to))
        };
        if old.contains_key(&from) && new.contains_key(&to) && !old.contains_key(&to) {
            moved.entry(to).or_insert(from);
        }
    }
    let mut used = HashSet::new();
    let mut pairs = Vec::new();
    for path in new.keys() {
        let before = moved
            .get(path)
            .cloned()
            .or_else(|| old.contains_key(path).then(|| path.clone()));
        if let Some(b) = &before {
            used.insert(b.clone());
        }
        pairs.push((before, Some(path.clone())));
    }
    pairs.extend(
        old.keys()
            .filter(|p| !used.contains(*p))
            .map(|p| (Some(p.clone()), None)),
    );
    pairs
}

/// Compares the review files of revision `revs[0]` (default `HEAD`) with those of `revs[1]`
/// (default: the working tree), limited to `paths` when some are given.
pub fn between_revisions(
    ws: &Workspace,
    revs: &[String],
    paths: &[PathBuf],
) -> Result<Compared, RevisionError> {
    let repo = Repo::discover(&ws.root)?;
    let annotations = in_repo(ws, &repo, &ws.annotations())?;
    let selection = selection(ws, &repo, &annotations, paths)?;
    let from_rev = revs.first().map_or("HEAD", String::as_str);
    let to_rev = revs.get(1).map(String::as_str);
    let to_name = to_rev.unwrap_or("the working tree");
    let from = repo.resolve(from_rev)?;
    let to = to_rev.map(|r| repo.resolve(r)).transpose()?;
    let old = listing(&repo, Some(&from), &annotations)?;
    let new = listing(&repo, to.as_deref(), &annotations)?;
    let renames = repo.renames(&from, to.as_deref(), &[])?;
    let wanted: Vec<(Option<String>, Option<String>)> =
        pair_paths(&old, &new, &renames, &annotations)
            .into_iter()
            .filter(|(o, n)| {
                [o, n]
                    .into_iter()
                    .flatten()
                    .any(|p| selected(&selection, p))
            })
            .filter(|(o, n)| match (o, n) {
                (Some(o), Some(n)) => new[n].is_none() || old[o] != new[n],
                _ => true,
            })
            .collect();
    // A window of pairs at a time is fetched, parsed and compared, and only the pairs with
    // something to report are kept, so memory grows with the changes, not the archive.
    let mut compared = Compared {
        pairs: Vec::new(),
        from: from_rev.to_string(),
        to: to_name.to_string(),
        unreadable: Vec::new(),
    };
    for window in wanted.chunks(WINDOW) {
        let mut oids: Vec<&str> = window
            .iter()
            .flat_map(|(o, n)| {
                [
                    o.as_ref().and_then(|p| old[p].as_deref()),
                    n.as_ref().and_then(|p| new[p].as_deref()),
                ]
            })
            .flatten()
            .collect();
        oids.sort_unstable();
        oids.dedup();
        let names: Vec<String> = oids.iter().map(|o| o.to_string()).collect();
        let blobs: HashMap<&str, Vec<u8>> = oids
            .into_iter()
            .zip(repo.blobs(&names)?)
            .filter_map(|(oid, blob)| Some((oid, blob?)))
            .collect();
        let version = |rev: &str, path: &Option<String>, listing: &Listing| -> Version {
            let path = path.as_ref()?;
            match &listing[path] {
                Some(oid) => Some((format!("{rev}:{path}"), blobs.get(oid.as_str())?.clone())),
                None => Some((path.clone(), std::fs::read(repo.root.join(path)).ok()?)),
            }
        };
        let raw: Vec<(Version, Version, String)> = window
            .iter()
            .map(|(o, n)| {
                (
                    version(from_rev, o, &old),
                    version(to_name, n, &new),
                    n.clone().or_else(|| o.clone()).unwrap_or_default(),
                )
            })
            .filter(|(old, new, _)| match (old, new) {
                (Some((_, a)), Some((_, b))) => a != b,
                _ => true,
            })
            .collect();
        parse_into(&mut compared, raw);
    }
    pair_recorded_renames(&mut compared.pairs);
    Ok(compared)
}

/// How many pairs of versions are read at once.
const WINDOW: usize = 256;
