//! `factcheck diff`: what changed in the review files between two revisions, a revision and
//! the working tree, or two review files, claim by claim.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{report_error, Outcome, ReportFormat};
use crate::audit::ArticleDiff;
use crate::config::Workspace;
use crate::gitio::{GitError, Repo};
use crate::render::audit as render;
use crate::review::layout::{relative_to_root, review_path};
use crate::review::{parse, Diagnostic, ReviewFile};

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
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,

    /// Exit 1 when anything changed
    #[arg(long)]
    exit_code: bool,
}

/// Parses one version of a review file; its fatal problems when it cannot be used.
fn parse_review(label: &str, bytes: &[u8]) -> Result<ReviewFile, Vec<Diagnostic>> {
    let text = String::from_utf8_lossy(bytes);
    match parse(Path::new(label), &text) {
        (Some(file), _) => Ok(file),
        (None, problems) => Err(problems.into_iter().filter(|p| p.fatal).collect()),
    }
}

/// Parses one version of a review file, reporting it when it cannot be used.
pub(super) fn read_review(
    label: &str,
    bytes: &[u8],
    err: &mut dyn Write,
) -> io::Result<Option<ReviewFile>> {
    match parse_review(label, bytes) {
        Ok(file) => Ok(Some(file)),
        Err(problems) => {
            for p in problems {
                report_error(err, p)?;
            }
            Ok(None)
        }
    }
}

/// One version of a review file as read: a label for messages, and its contents.
type Version = Option<(String, Vec<u8>)>;

/// Both versions of one review file, `None` where it does not exist, and the name to show.
struct Pair<T> {
    old: T,
    new: T,
    shown: String,
}

/// What is compared and how to name it.
struct Loaded {
    pairs: Vec<Pair<Version>>,
    from: String,
    to: String,
}

pub fn run(
    args: Args,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let loaded = match &args.files {
        Some(files) => load_files(&files[0], &files[1]),
        None => load_revisions(&args, ws),
    };
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            report_error(err, e)?;
            return Ok(Outcome::Error);
        }
    };
    let parse_side = |v: &Version| match v {
        Some((label, bytes)) => parse_review(label, bytes).map(Some),
        None => Ok(None),
    };
    let parsed = super::parallel::map_ordered(&loaded.pairs, "reading", |p| {
        (parse_side(&p.old), parse_side(&p.new))
    });
    let mut failed = false;
    let mut pairs = Vec::with_capacity(parsed.len());
    for ((old, new), pair) in parsed.into_iter().zip(&loaded.pairs) {
        match (old, new) {
            (Ok(old), Ok(new)) => pairs.push(Pair {
                old,
                new,
                shown: pair.shown.clone(),
            }),
            (old, new) => {
                failed = true;
                for p in [old.err(), new.err()].into_iter().flatten().flatten() {
                    report_error(err, p)?;
                }
            }
        }
    }
    let diffs: Vec<ArticleDiff<'_>> = pairs
        .iter()
        .filter_map(|p| ArticleDiff::of(p.old.as_ref(), p.new.as_ref(), p.shown.clone()))
        .collect();
    let between = format!("{} and {}", loaded.from, loaded.to);
    match args.format {
        ReportFormat::Human => {
            render::human(out, &diffs, &between, crate::render::color_enabled())?
        }
        ReportFormat::Markdown => render::markdown(out, &diffs, &between)?,
        ReportFormat::Json => render::json(out, &diffs, &loaded.from, &loaded.to)?,
    }
    Ok(if failed {
        Outcome::Error
    } else if args.exit_code && !diffs.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn load_files(old: &Path, new: &Path) -> Result<Loaded, String> {
    let read = |path: &Path| -> Result<Version, String> {
        let label = path.display().to_string();
        std::fs::read(path)
            .map(|bytes| Some((label.clone(), bytes)))
            .map_err(|e| format!("{label}: cannot read: {e}"))
    };
    Ok(Loaded {
        pairs: vec![Pair {
            old: read(old)?,
            new: read(new)?,
            shown: new.display().to_string(),
        }],
        from: old.display().to_string(),
        to: new.display().to_string(),
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

fn load_revisions(args: &Args, ws: &Workspace) -> Result<Loaded, String> {
    let git = |e: GitError| e.to_string();
    let repo = Repo::discover(&ws.root).map_err(git)?;
    let annotations = in_repo(&repo, &ws.annotations())?;
    let selection = selection(&repo, &annotations, &args.paths)?;
    let from_rev = args.revs.first().map_or("HEAD", String::as_str);
    let to_rev = args.revs.get(1).map(String::as_str);
    let to_name = to_rev.unwrap_or("the working tree");
    let from = repo.resolve(from_rev).map_err(git)?;
    let to = to_rev.map(|r| repo.resolve(r)).transpose().map_err(git)?;
    let old = listing(&repo, Some(&from), &annotations).map_err(git)?;
    let new = listing(&repo, to.as_deref(), &annotations).map_err(git)?;
    let renames = repo.renames(&from, to.as_deref(), &[]).map_err(git)?;
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
    let mut oids: Vec<&str> = wanted
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
        .zip(repo.blobs(&names).map_err(git)?)
        .filter_map(|(oid, blob)| Some((oid, blob?)))
        .collect();
    let version = |rev: &str, path: &Option<String>, listing: &Listing| -> Version {
        let path = path.as_ref()?;
        match &listing[path] {
            Some(oid) => Some((format!("{rev}:{path}"), blobs.get(oid.as_str())?.clone())),
            None => Some((path.clone(), std::fs::read(repo.root.join(path)).ok()?)),
        }
    };
    let pairs = wanted
        .iter()
        .map(|(o, n)| Pair {
            old: version(from_rev, o, &old),
            new: version(to_name, n, &new),
            shown: n.clone().or_else(|| o.clone()).unwrap_or_default(),
        })
        .filter(|p| match (&p.old, &p.new) {
            (Some((_, a)), Some((_, b))) => a != b,
            _ => true,
        })
        .collect();
    Ok(Loaded {
        pairs,
        from: from_rev.to_string(),
        to: to_name.to_string(),
    })
}
