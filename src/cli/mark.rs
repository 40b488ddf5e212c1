//! `factcheck mark`: record a verdict on claims from the command line, editing the review
//! file in place as a person would.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::conflicts::{related_notes, with_related};
use super::{report_error, Outcome};
use crate::config::Workspace;
use crate::fsutil::write_atomic;
use crate::input::decode;
use crate::render::conflicts::suggested_source;
use crate::review::edit::{set_verdict, to_text, Verdict};
use crate::review::layout::{relative_to_root, review_path, shown_path};
use crate::review::{parse_for_edit, ReviewClaim, ReviewFile, Status};

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    Pending,
    Verified,
    Disputed,
    Unsourced,
    Dismissed,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Pending => Status::Pending,
            StatusArg::Verified => Status::Verified,
            StatusArg::Disputed => Status::Disputed,
            StatusArg::Unsourced => Status::Unsourced,
            StatusArg::Dismissed => Status::Dismissed,
        }
    }
}

#[derive(clap::Args)]
#[command(
    about = "Set the verdict of claims in an article's review file",
    long_about = "Set the verdict of one or more claims, editing the review file in place: \
        comments and other claims are untouched. Claim ids are in the review file and in \
        `factcheck status ARTICLE --claims`.",
    after_help = "Examples:\n  factcheck mark seeds/001_4e05fcd575987f34.txt 1a2b3c --status verified \\\n      \
        --source 'Bloomberg interview with Shin Won-sik, 2024-06-14'\n  \
        factcheck mark annotations/seeds/001_4e05fcd575987f34.toml 1a2b3c 4d5e6f --status disputed \\\n      \
        --note 'MoD says 5,000'\n\n\
        Exit status: 0 marked, 2 unknown article or claim id, or a malformed review file."
)]
pub struct Args {
    /// The article, or its review file under annotations/
    #[arg(value_name = "ARTICLE")]
    article: PathBuf,

    /// Ids of the claims to mark
    #[arg(value_name = "CLAIM_ID", required = true)]
    ids: Vec<String>,

    /// The verdict
    #[arg(long, value_enum)]
    status: StatusArg,

    /// Where the figure was checked (required for verified, unless --no-source)
    #[arg(long)]
    source: Option<String>,

    /// A note for other reviewers
    #[arg(long)]
    note: Option<String>,

    /// Who reviewed it (default: git's user.name)
    #[arg(long)]
    reviewer: Option<String>,

    /// Allow verified without a source
    #[arg(long)]
    no_source: bool,
}

/// Finds the review file for an article path or a review file path.
pub fn locate_review(ws: &Workspace, given: &Path) -> Result<PathBuf, String> {
    let annotations = ws.annotations();
    let outside = || {
        format!(
            "{}: outside the repository root {}",
            given.display(),
            ws.root.display()
        )
    };
    let rel = relative_to_root(&ws.root, given).ok_or_else(outside)?;
    let path = if given.extension().is_some_and(|e| e == "toml") {
        let in_annotations = relative_to_root(&annotations, given).is_some();
        if !in_annotations {
            return Err(format!(
                "{}: not a review file: review files live under {}",
                given.display(),
                shown_path(&ws.root, &annotations).display()
            ));
        }
        ws.root.join(rel)
    } else {
        review_path(&annotations, &rel)
    };
    if path.is_file() {
        return Ok(path);
    }
    let mut message = format!(
        "{}: no review file found (looked for {})\n  help: run `factcheck scan {}` first",
        given.display(),
        shown_path(&ws.root, &path).display(),
        given.display()
    );
    let near = near_review_files(&annotations, given);
    if !near.is_empty() {
        message.push_str(&format!("\n  did you mean: {}", near.join(", ")));
    }
    Err(message)
}

fn near_review_files(annotations: &Path, given: &Path) -> Vec<String> {
    let wanted = given
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut found = Vec::new();
    let mut stack = vec![annotations.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "toml") {
                let stem = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                let stem = stem.trim_end_matches(".md").to_string();
                if !wanted.is_empty()
                    && (stem.contains(&wanted)
                        || wanted.contains(&stem)
                        || crate::review::parse::closest(&wanted, &[stem.as_str()]).is_some())
                {
                    found.push(p.display().to_string());
                }
            }
        }
    }
    found.sort();
    found.truncate(5);
    found
}

/// Ids in the file resembling `id`, with their figures, for an error message.
pub fn near_ids(file: &ReviewFile, id: &str) -> String {
    let ids: Vec<&str> = file.claims.iter().map(|c| c.id.as_str()).collect();
    let mut near: Vec<String> = file
        .claims
        .iter()
        .filter(|c| {
            crate::review::parse::closest(id, &[c.id.as_str()]).is_some()
                || c.id
                    .starts_with(id.chars().take(2).collect::<String>().as_str())
                || c.text.contains(id)
        })
        .map(|c| format!("{} ({})", c.id, c.text))
        .collect();
    if near.is_empty() {
        near = file
            .claims
            .iter()
            .take(5)
            .map(|c| format!("{} ({})", c.id, c.text))
            .collect();
    }
    near.truncate(5);
    if ids.is_empty() {
        "the file has no claims".into()
    } else {
        format!("near matches: {}", near.join(", "))
    }
}

/// Git's `user.name`, or `$USER`.
pub fn default_reviewer(root: &Path) -> Option<String> {
    crate::gitio::config_value(root, "user.name")
        .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
}

pub fn run(
    args: Args,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let path = match locate_review(ws, &args.article) {
        Ok(p) => p,
        Err(message) => {
            report_error(err, message)?;
            return Ok(Outcome::Error);
        }
    };
    let shown = shown_path(&ws.root, &path);
    let text = match std::fs::read(&path).map(|bytes| decode(&shown, bytes)) {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => {
            report_error(err, e)?;
            return Ok(Outcome::Error);
        }
        Err(e) => {
            report_error(err, format!("{}: cannot read: {e}", shown.display()))?;
            return Ok(Outcome::Error);
        }
    };
    let (file, mut doc) = match parse_for_edit(&shown, &text) {
        (Some(parsed), _) => parsed,
        (None, problems) => {
            for p in problems.iter().filter(|p| p.fatal) {
                report_error(err, p)?;
            }
            return Ok(Outcome::Error);
        }
    };
    let status = Status::from(args.status);
    for id in &args.ids {
        if file.claims.iter().any(|c| &c.id == id) {
            continue;
        }
        let why = if file.retired.iter().any(|c| &c.id == id) {
            "is retired (no longer in the article)".to_string()
        } else {
            format!("is not in {}; {}", shown.display(), near_ids(&file, id))
        };
        report_error(err, format!("claim `{id}` {why}"))?;
        return Ok(Outcome::Error);
    }
    let has_source = args.source.as_deref().is_some_and(|s| !s.trim().is_empty());
    if status == Status::Verified && !has_source && !args.no_source {
        let missing: Vec<&str> = args
            .ids
            .iter()
            .filter(|id| file.claim(id).is_some_and(|c| c.source.trim().is_empty()))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let suggestions = with_related(ws, &file.article, |related| {
                missing
                    .iter()
                    .filter_map(|id| {
                        let claim = file.claim(id)?;
                        let verified = related.elsewhere(&file.article, claim).suggested_source?;
                        Some(format!("{id}: {}", suggested_source(verified)))
                    })
                    .collect::<Vec<_>>()
            })?;
            for line in suggestions {
                writeln!(err, "{line}")?;
            }
            report_error(err, format!("verified needs a source: {} has none\n  help: add --source 'where the figure was checked', or --no-source to mark it anyway", missing.join(", ")))?;
            return Ok(Outcome::Error);
        }
    }
    let Some(reviewer) = args.reviewer.clone().or_else(|| default_reviewer(&ws.root)) else {
        report_error(
            err,
            "no reviewer name: git's user.name is not set\n  help: pass --reviewer NAME",
        )?;
        return Ok(Outcome::Error);
    };
    let now = crate::clock::now();
    let verdict = Verdict {
        status,
        source: args.source.as_deref(),
        note: args.note.as_deref(),
        reviewer: &reviewer,
        now: &now,
    };
    for id in &args.ids {
        set_verdict(&mut doc, id, &verdict);
    }
    write_atomic(&path, &to_text(&doc, &text))?;
    writeln!(
        out,
        "{}: {} marked {status}: {}",
        shown.display(),
        args.ids.len(),
        args.ids.join(", ")
    )?;
    let marked: Vec<ReviewClaim> = args
        .ids
        .iter()
        .filter_map(|id| file.claim(id))
        .cloned()
        .collect();
    for (claim, notes) in marked
        .iter()
        .zip(related_notes(ws, &file.article, &marked)?)
    {
        for note in notes {
            writeln!(out, "  {}: {note}", claim.id)?;
        }
    }
    Ok(Outcome::Clean)
}
