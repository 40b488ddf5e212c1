//! `factcheck check`: the pre-publish gate. Reads only; fails when the policy in
//! factcheck.toml is not met.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{report_error, Outcome};
use crate::gate::{evaluate, orphan_finding, Severity};
use crate::parallel::map_ordered;
use crate::render::check::{self as render, Totals};
use crate::review::load::load;
use crate::workspace::Workspace;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// One line per problem: path:line:col: state: figure: sentence
    Human,
    /// One JSON document
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request)
    Github,
    /// SARIF 2.1.0 for code-scanning dashboards
    Sarif,
}

#[derive(clap::Args)]
#[command(
    about = "The pre-publish gate: fail unless every claim passes the policy",
    long_about = "The pre-publish gate. Reads the review files and fails when the policy in \
        factcheck.toml is not met. By default every claim must be verified (with a source) or \
        dismissed; pending, disputed, unsourced and changed-since-review claims fail, and so \
        does an article changed since its last scan or never scanned. Rules in [check] make \
        this stricter or looser per glob of articles.",
    after_help = "Examples:\n  factcheck check\n  factcheck check --format github   # in GitHub Actions\n  \
        factcheck check --format sarif > factcheck.sarif\n\n\
        Exit status:\n  0  policy met\n  1  policy not met\n  \
        2  could not run: bad configuration, malformed or unreadable files"
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,

    /// Articles or directories (default: the articles in factcheck.toml)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

pub fn run(
    args: Args,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(chosen) = super::selected(ws, &args.paths, err)? else {
        return Ok(Outcome::Error);
    };
    let (articles, selected) = (chosen.articles, chosen.outcome);
    let policy = ws.policy();
    // Each article is evaluated where it is loaded, so only findings are kept in memory.
    let checked = map_ordered(&articles, "checking", |article| {
        let l = load(ws, article);
        let claims = l.review.as_ref().map_or(0, |r| r.claims.len());
        (
            evaluate(&l, &policy.for_article(article)),
            claims,
            l.problems,
        )
    });
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    if args.paths.is_empty() {
        let (orphans, unreadable) = crate::moves::orphans(ws);
        findings.extend(orphans.iter().map(orphan_finding));
        errors.extend(unreadable.iter().flat_map(|e| e.diagnostics()));
    }
    let mut totals = Totals {
        articles: articles.len(),
        ..Default::default()
    };
    for (article_findings, claims, problems) in checked {
        findings.extend(article_findings);
        totals.errors += usize::from(!problems.is_empty());
        errors.extend(problems);
        totals.claims += claims;
    }
    totals.failing = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    totals.warnings = findings.len() - totals.failing;
    for e in &errors {
        report_error(err, e)?;
    }
    match args.format {
        OutputFormat::Human => render::human(out, &findings, &totals)?,
        OutputFormat::Json => render::json(out, &findings, &errors, &totals)?,
        OutputFormat::Github => render::github(out, &findings, &errors, &totals)?,
        OutputFormat::Sarif => render::sarif(out, &findings)?,
    }
    let checked = if !errors.is_empty() {
        Outcome::Error
    } else if totals.failing > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    Ok(checked.and(selected))
}
