//! `factcheck conflicts`: the figures that different articles give for the same thing.

use std::io::{self, Write};
use std::path::PathBuf;

use super::parallel::map_ordered;
use super::{report_error, select_articles, Outcome, ReportFormat, Selection};
use crate::config::Workspace;
use crate::conflicts::{find, Related, Sourced};
use crate::render::conflicts as render;
use crate::render::conflicts::elsewhere;
use crate::review::load::{load, Loaded};
use crate::review::ReviewClaim;

#[derive(clap::Args)]
#[command(
    about = "Show the figures different articles give for the same thing",
    long_about = "Group the claims of all articles that count the same thing (\"containers\", \
        \"sea containers\" and \"containers of ammunition\"; \"shells\" and \"rounds\"; \
        \"troops\" and \"soldiers\") and show each group whose figures differ, the most \
        divergent first, with verdicts and sources. Figures that can both be true (at least \
        10,000 and more than 11,000) are compatible; figures that cannot (4.8 million and \
        1.6 million, both exact) disagree, for a reviewer to judge: they may cover different \
        periods. Reads the review files, so run `factcheck scan` first.",
    after_help = "Examples:\n  factcheck conflicts\n  factcheck conflicts --format markdown\n\n\
        Exit status: 0 no figures disagree, 1 some group has figures that disagree, \
        2 a review file could not be read."
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,

    /// Articles or directories (default: the articles in factcheck.toml)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Loads every article's review, reporting the ones that cannot be read.
pub fn load_reviews(
    ws: &Workspace,
    articles: &[String],
    err: &mut dyn Write,
) -> io::Result<(Vec<Loaded>, bool)> {
    let loaded = map_ordered(articles, "reading", |a| load(ws, a));
    let mut failed = false;
    for l in &loaded {
        for p in l.problems.iter().filter(|p| p.fatal) {
            report_error(err, p)?;
            failed = true;
        }
    }
    Ok((loaded, failed))
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
pub fn with_related<R>(
    ws: &Workspace,
    article: &str,
    f: impl FnOnce(&Related<'_>) -> R,
) -> io::Result<R> {
    let mut articles = ws.configured_articles().unwrap_or_default();
    if !articles.iter().any(|a| a == article) {
        articles.push(article.to_string());
    }
    let (loaded, _) = load_reviews(ws, &articles, &mut io::sink())?;
    let all = sourced(&loaded);
    Ok(f(&Related::new(&all)))
}

/// For each claim, what the other configured articles say about the same thing.
pub fn related_notes(
    ws: &Workspace,
    article: &str,
    claims: &[ReviewClaim],
) -> io::Result<Vec<Vec<String>>> {
    with_related(ws, article, |related| {
        claims
            .iter()
            .map(|c| elsewhere(&related.elsewhere(article, c)))
            .collect()
    })
}

pub fn run(
    args: Args,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(Selection {
        articles,
        outcome: selected,
    }) = select_articles(ws, &args.paths, err)?
    else {
        return Ok(Outcome::Error);
    };
    let (loaded, failed) = load_reviews(ws, &articles, err)?;
    let groups = find(&sourced(&loaded));
    match args.format {
        ReportFormat::Human => render::human(out, &groups, crate::render::color_enabled())?,
        ReportFormat::Json => render::json(out, &groups)?,
        ReportFormat::Markdown => render::markdown(out, &groups)?,
    }
    let found = if failed {
        Outcome::Error
    } else if groups.iter().any(|g| !g.compatible) {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    Ok(found.and(selected))
}
