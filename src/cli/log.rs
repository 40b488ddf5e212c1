//! `factcheck log`: one claim's history through the commits that touched its review file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::diff::{in_repo, read_review};
use super::{report_error, Outcome};
use crate::audit::log::claim_log;
use crate::config::Workspace;
use crate::gitio::{GitError, Repo, Touch};
use crate::render::log::{self as render_log, LogSubject};
use crate::review::layout::review_path;
use crate::review::ReviewFile;

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(clap::Args)]
#[command(
    about = "Show one claim's history through the commits",
    long_about = "Show the history of one claim through the commits that touched its review \
        file, oldest first: when it was added, each change of verdict, figure, sentence, \
        source or note (with the commit, its author and date), and when it was retired. \
        Renames of the review file are followed.",
    after_help = "Examples:\n  factcheck log 4dfe84\n  \
        factcheck log 4dfe84 --article seeds/001_4e05fcd575987f34.txt\n  \
        factcheck log 4dfe84 --format json\n\n\
        Exit status: 0 shown, 2 an unknown or ambiguous claim id (pass --article), not a git \
        repository, or a review file that cannot be read."
)]
pub struct Args {
    /// The claim's id, as its review file records it
    #[arg(value_name = "CLAIM_ID")]
    id: String,

    /// The article (or its review file) the claim belongs to; needed when the id is in more
    /// than one
    #[arg(long, value_name = "PATH")]
    article: Option<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

pub fn run(
    args: Args,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    match history(&args, ws, err)? {
        Ok((path, versions)) => show(&args, &path, &versions, out),
        Err(message) => {
            report_error(err, message)?;
            Ok(Outcome::Error)
        }
    }
}

fn show(
    args: &Args,
    path: &str,
    versions: &[(Touch, Option<ReviewFile>)],
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let steps = claim_log(&args.id, versions);
    let article = versions
        .iter()
        .rev()
        .filter_map(|(_, f)| f.as_ref())
        .find(|f| f.claim(&args.id).is_some())
        .map_or(path, |f| f.article.as_str());
    let subject = LogSubject {
        id: &args.id,
        article,
        review_file: path,
    };
    match args.format {
        Format::Human => render_log::human(out, &subject, &steps, crate::render::color_enabled())?,
        Format::Json => render_log::json(out, &subject, &steps)?,
    }
    Ok(Outcome::Clean)
}

/// The review file holding the claim, and each committed version of it, oldest first.
type History = (String, Vec<(Touch, Option<ReviewFile>)>);

fn history(
    args: &Args,
    ws: &Workspace,
    err: &mut dyn Write,
) -> io::Result<Result<History, String>> {
    let Committed {
        path,
        touches,
        blobs,
    } = match committed(args, ws) {
        Ok(found) => found,
        Err(e) => return Ok(Err(e)),
    };
    let mut blobs = blobs.into_iter();
    let mut versions = Vec::with_capacity(touches.len());
    for touch in touches {
        let bytes = if touch.deleted {
            None
        } else {
            blobs.next().flatten()
        };
        let file = match bytes {
            Some(bytes) => {
                let label = format!(
                    "{}:{}",
                    &touch.commit[..touch.commit.len().min(10)],
                    touch.path
                );
                match read_review(&label, &bytes, err)? {
                    Some(file) => Some(file),
                    None => {
                        return Ok(Err(format!(
                            "{label}: cannot be read, so the claim's history stops there"
                        )))
                    }
                }
            }
            None => None,
        };
        versions.push((touch, file));
    }
    if !versions
        .iter()
        .any(|(_, f)| f.as_ref().is_some_and(|f| f.claim(&args.id).is_some()))
    {
        return Ok(Err(format!(
            "claim `{}` never appears in the history of {path}",
            args.id
        )));
    }
    Ok(Ok((path, versions)))
}

/// The claim's review file, the commits that touched it, and its contents after each commit
/// that did not delete it.
struct Committed {
    path: String,
    touches: Vec<Touch>,
    blobs: Vec<Option<Vec<u8>>>,
}

fn committed(args: &Args, ws: &Workspace) -> Result<Committed, String> {
    let git = |e: GitError| e.to_string();
    let repo = Repo::discover(&ws.root).map_err(git)?;
    let annotations = in_repo(&repo, &ws.annotations())?;
    let path = match &args.article {
        Some(given) => {
            let rel = in_repo(&repo, given)?;
            if rel.ends_with(".toml") {
                rel
            } else {
                review_path(Path::new(&annotations), &rel)
                    .to_string_lossy()
                    .into_owned()
            }
        }
        None => holder(&repo, &annotations, &args.id)?,
    };
    let touches = repo.history(&path).map_err(git)?;
    if touches.is_empty() {
        return Err(format!("{path}: no commit touches this review file\n  help: commit it first; `factcheck diff` shows uncommitted changes"));
    }
    let names: Vec<String> = touches
        .iter()
        .filter(|t| !t.deleted)
        .map(|t| format!("{}:{}", t.commit, t.path))
        .collect();
    let blobs = repo.blobs(&names).map_err(git)?;
    Ok(Committed {
        path,
        touches,
        blobs,
    })
}

/// The one review file in the working tree that holds claim `id`.
fn holder(repo: &Repo, annotations: &str, id: &str) -> Result<String, String> {
    let files = repo
        .worktree_files(annotations)
        .map_err(|e| e.to_string())?;
    let needle = format!("\"{id}\"");
    let found: Vec<(String, String)> = files
        .into_iter()
        .filter(|p| p.ends_with(".toml"))
        .filter_map(|p| {
            let text = std::fs::read_to_string(repo.root.join(&p)).ok()?;
            if !text.contains(&needle) {
                return None;
            }
            let (file, _) = crate::review::parse(Path::new(&p), &text);
            let article = file.filter(|f| f.claim(id).is_some())?.article;
            Some((p, article))
        })
        .collect();
    match found.as_slice() {
        [] => Err(format!("claim `{id}` is in no review file under {annotations}/\n  help: ids are listed in the review files; for a claim whose file is gone, pass --article PATH")),
        [(path, _)] => Ok(path.clone()),
        many => {
            let articles: Vec<&str> = many.iter().map(|(_, a)| a.as_str()).collect();
            Err(format!("claim id `{id}` is in {} articles: {}\n  help: pass --article PATH to choose one", many.len(), articles.join(", ")))
        }
    }
}
