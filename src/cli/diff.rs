//! `factcheck diff`: what changed in the review files between two revisions, a revision and
//! the working tree, or two review files, claim by claim.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{report_error, Outcome};
use crate::audit::ArticleDiff;
use crate::config::Workspace;
use crate::gitio::{GitError, Repo};
use crate::render::audit as render;
use crate::review::layout::{relative_to_root, review_path};
use crate::review::{parse, ReviewFile};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Markdown,
}

#[derive(clap::Args)]
#[command(
    about = "Show how claims and verdicts changed between revisions",
    long_about = "Show how the review files changed between two revisions, claim by claim: \
        claims added and retired, verdicts given or changed (with reviewer and source), \
        sources and notes edited, and figures or sentences that changed in the article, the \
        sentence shown as a word diff. An article renamed between the revisions is followed \
        when git detects the rename.\n\n\
        With no REV, compares the last commit with the working tree; with one, that revision \
        with the working tree; with two, the two revisions.",
    after_help = "Examples:\n  factcheck diff                       # HEAD against the working tree\n  \
        factcheck diff main                  # main against the working tree\n  \
        factcheck diff v1.0 HEAD -- seeds/   # two revisions, articles under seeds/ only\n  \
        factcheck diff origin/main HEAD --format markdown   # a pull-request comment\n  \
        factcheck diff --files old.toml new.toml            # two review files outside git\n\n\
        Exit status: 0 compared (any differences are printed), 1 with --exit-code: something \
        changed, 2 an unknown revision, a path outside the repository, not a git repository, \
        or a malformed review file."
)]
pub struct Args {
    /// Revisions to compare: none, one (against the working tree) or two
    #[arg(value_name = "REV", num_args = 0..=2)]
    revs: Vec<String>,

    /// Only these articles, review files or directories
    #[arg(last = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Compare two review files instead of revisions
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with_all = ["revs", "paths"])]
    files: Option<Vec<PathBuf>>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Exit 1 when anything changed
    #[arg(long)]
    exit_code: bool,
}

/// Parses one version of a review file, reporting it when it cannot be used.
pub(super) fn read_review(
    label: &str,
    bytes: &[u8],
    err: &mut dyn Write,
) -> io::Result<Option<ReviewFile>> {
    let text = String::from_utf8_lossy(bytes);
    let (file, problems) = parse(Path::new(label), &text);
    if file.is_none() {
        for p in problems.iter().filter(|p| p.fatal) {
            report_error(err, p)?;
        }
    }
    Ok(file)
}

/// Both versions of one review file, `None` where it does not exist.
struct Pair {
    old: Option<ReviewFile>,
    new: Option<ReviewFile>,
    shown: String,
}

/// What was compared and how to name it.
struct Loaded {
    pairs: Vec<Pair>,
    from: String,
    to: String,
    failed: bool,
}

pub fn run(
    args: Args,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let loaded = match &args.files {
        Some(files) => load_files(&files[0], &files[1], err)?,
        None => match load_revisions(&args, ws, err)? {
            Ok(loaded) => loaded,
            Err(e) => {
                report_error(err, e)?;
                return Ok(Outcome::Error);
            }
        },
    };
    let diffs: Vec<ArticleDiff<'_>> = loaded
        .pairs
        .iter()
        .filter_map(|p| ArticleDiff::of(p.old.as_ref(), p.new.as_ref(), p.shown.clone()))
        .collect();
    let between = format!("{} and {}", loaded.from, loaded.to);
    match args.format {
        Format::Human => render::human(out, &diffs, &between, crate::render::color_enabled())?,
        Format::Markdown => render::markdown(out, &diffs, &between)?,
        Format::Json => render::json(out, &diffs, &loaded.from, &loaded.to)?,
    }
    Ok(if loaded.failed {
        Outcome::Error
    } else if args.exit_code && !diffs.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn load_files(old: &Path, new: &Path, err: &mut dyn Write) -> io::Result<Loaded> {
    let mut failed = false;
    let mut versions = Vec::new();
    for path in [old, new] {
        let label = path.display().to_string();
        let file = match std::fs::read(path) {
            Ok(bytes) => read_review(&label, &bytes, err)?,
            Err(e) => {
                report_error(err, format!("{label}: cannot read: {e}"))?;
                None
            }
        };
        failed |= file.is_none();
        versions.push(file);
    }
    let new_file = versions.pop().flatten();
    let old_file = versions.pop().flatten();
    let pairs = if failed {
        Vec::new()
    } else {
        vec![Pair {
            old: old_file,
            new: new_file,
            shown: new.display().to_string(),
        }]
    };
    Ok(Loaded {
        pairs,
        from: old.display().to_string(),
        to: new.display().to_string(),
        failed,
    })
}

/// A path relative to the repository root, `/`-separated; `""` for the root itself.
pub(super) fn in_repo(repo: &Repo, path: &Path) -> Result<String, String> {
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    if absolute == repo.root {
        return Ok(String::new());
    }
    relative_to_root(&repo.root, &absolute).ok_or_else(|| {
        format!(
            "{}: outside the repository {}",
            path.display(),
            repo.root.display()
        )
    })
}

/// The review-file paths (or directories of them) that the given paths stand for.
fn selection(repo: &Repo, annotations: &str, paths: &[PathBuf]) -> Result<Vec<String>, String> {
    paths
        .iter()
        .map(|p| {
            let rel = in_repo(repo, p)?;
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

fn load_revisions(
    args: &Args,
    ws: &Workspace,
    err: &mut dyn Write,
) -> io::Result<Result<Loaded, String>> {
    let repo = match Repo::discover(&ws.root) {
        Ok(r) => r,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let annotations = match in_repo(&repo, &ws.annotations()) {
        Ok(a) => a,
        Err(e) => return Ok(Err(e)),
    };
    let selection = match selection(&repo, &annotations, &args.paths) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let from_rev = args.revs.first().map_or("HEAD", String::as_str);
    let to_rev = args.revs.get(1).map(String::as_str);
    let git = || -> Result<_, GitError> {
        let from = repo.resolve(from_rev)?;
        let to = to_rev.map(|r| repo.resolve(r)).transpose()?;
        let old = listing(&repo, Some(&from), &annotations)?;
        let new = listing(&repo, to.as_deref(), &annotations)?;
        let renames = repo.renames(&from, to.as_deref(), &[])?;
        Ok((old, new, renames))
    };
    let (old, new, renames) = match git() {
        Ok(found) => found,
        Err(e) => return Ok(Err(e.to_string())),
    };
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
    let mut oids: Vec<String> = wanted
        .iter()
        .flat_map(|(o, n)| {
            [
                o.as_ref().and_then(|p| old[p].clone()),
                n.as_ref().and_then(|p| new[p].clone()),
            ]
        })
        .flatten()
        .collect();
    oids.sort();
    oids.dedup();
    let blobs: HashMap<String, Vec<u8>> = match repo.blobs(&oids) {
        Ok(b) => oids
            .into_iter()
            .zip(b)
            .filter_map(|(oid, blob)| Some((oid, blob?)))
            .collect(),
        Err(e) => return Ok(Err(e.to_string())),
    };
    let to_name = to_rev.unwrap_or("the working tree");
    let mut failed = false;
    let mut pairs = Vec::new();
    for (o, n) in wanted {
        let old_bytes = o
            .as_ref()
            .and_then(|p| old[p].as_ref())
            .and_then(|oid| blobs.get(oid).cloned());
        let new_bytes = match &n {
            Some(p) => match &new[p] {
                Some(oid) => blobs.get(oid).cloned(),
                None => std::fs::read(repo.root.join(p)).ok(),
            },
            None => None,
        };
        if old_bytes.is_some() && old_bytes == new_bytes {
            continue;
        }
        let mut side = |path: &Option<String>,
                        rev: &str,
                        bytes: Option<Vec<u8>>|
         -> io::Result<Option<Option<ReviewFile>>> {
            match (path, bytes) {
                (Some(p), Some(b)) => Ok(read_review(&format!("{rev}:{p}"), &b, err)?.map(Some)),
                _ => Ok(Some(None)),
            }
        };
        let (Some(old_file), Some(new_file)) = (
            side(&o, from_rev, old_bytes)?,
            side(&n, to_name, new_bytes)?,
        ) else {
            failed = true;
            continue;
        };
        let shown = n.or(o).unwrap_or_default();
        pairs.push(Pair {
            old: old_file,
            new: new_file,
            shown,
        });
    }
    Ok(Ok(Loaded {
        pairs,
        from: from_rev.to_string(),
        to: to_name.to_string(),
        failed,
    }))
}
