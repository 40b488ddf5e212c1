//! `factcheck check`: the pre-publish gate. Reads only; fails when the policy in
//! factcheck.toml is not met.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{report_error, Outcome, Ui};
use crate::changes::{has_conflicts, Changes};
use crate::config::CheckPolicy;
use crate::conflicts::find;
use crate::gate::{conflict_findings, evaluate, orphan_finding, CheckError, Severity};
use crate::parallel::map_ordered;
use crate::render::check::{self as render, Report, Since, Totals};
use crate::render::{github, sarif};
use crate::review::decisions;
use crate::review::load::{articles_of, load, load_all};
use crate::workspace::Workspace;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// One line per problem (path:line:col: problem [claim id]: figure: sentence), the
    /// total, and the commands that fix it
    Human,
    /// One JSON document (schema/check.json)
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request, and a job summary
    /// when GITHUB_STEP_SUMMARY is set
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
        this stricter or looser per glob of articles.\n\n\
        Every problem names the article, line, claim id and figure; the human output ends \
        with the commands that fix them. With --changed-since, only the articles whose text \
        or review file changed since a revision are checked: on a pull request, its base.\n\n\
        With --quiet, only the problems are printed: no total and no fix commands.",
    after_help = "Examples:\n  factcheck check\n  \
        factcheck check --changed-since origin/main      # only what this branch changed\n  \
        factcheck check --format github --changed-since \"origin/$GITHUB_BASE_REF\"   # in GitHub Actions\n  \
        factcheck check --format sarif > factcheck.sarif\n  \
        factcheck check --format json | jq '.findings[] | select(.code == \"disputed\")'\n\n\
        Exit status:\n  0  policy met\n  1  policy not met\n  \
        2  could not run: bad configuration, an unknown revision, malformed or unreadable files"
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,

    /// Check only the articles whose text or review file changed since REV (a branch, tag or
    /// commit), counting from where REV and HEAD meet, uncommitted and untracked files
    /// included
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,

    /// With --format github, at most N annotations of each level (GitHub shows 10 per step);
    /// the rest are counted in a last notice
    #[arg(long, value_name = "N", default_value_t = 10)]
    max_annotations: usize,

    /// Articles or directories (default: the articles in factcheck.toml)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

pub fn run(
    args: Args,
    ui: Ui,
    ws: &Workspace,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(chosen) = super::selected(ws, &args.paths, err)? else {
        return Ok(Outcome::Error);
    };
    let (mut articles, selected) = (chosen.articles, chosen.outcome);
    let changes = match &args.changed_since {
        None => None,
        Some(rev) => match changed(ws, rev, articles) {
            Ok((changes, kept)) => {
                articles = kept;
                Some(changes)
            }
            Err(e) => {
                report_error(err, e)?;
                return Ok(Outcome::Error);
            }
        },
    };
    let mut report = gate(ws, &articles, changes.as_ref());
    if args.paths.is_empty() {
        add_orphans(ws, &mut report);
    }
    for e in &report.errors {
        report_error(err, e)?;
    }
    match args.format {
        OutputFormat::Human => render::human(out, &report, ui.quiet, ui.color)?,
        OutputFormat::Json => render::json(out, &report)?,
        OutputFormat::Github => {
            let summary = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty());
            if let Some(path) = &summary {
                let written = std::fs::OpenOptions::new()
                    .append(true)
                    .create(true)
                    .open(path)
                    .and_then(|mut file| github::step_summary(&mut file, &report));
                if let Err(e) = written {
                    let shown = PathBuf::from(path).display().to_string();
                    report_error(err, format!("cannot write the job summary {shown}: {e}"))?;
                }
            }
            github::annotations(
                out,
                &report,
                args.max_annotations,
                summary.is_some(),
                ui.quiet,
            )?
        }
        OutputFormat::Sarif => sarif::sarif(out, &report)?,
    }
    let checked = if !report.errors.is_empty() {
        Outcome::Error
    } else if report.totals.failing > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    Ok(checked.and(selected))
}

/// Adds a finding at each claim whose figure disagrees, unexplained, with another checked
/// article's figure for the same fact.
fn add_conflicts(ws: &Workspace, articles: &[String], policy: &CheckPolicy, report: &mut Report) {
    let decided = match decisions::read(&ws.store()) {
        Ok(decided) => decided,
        Err(e) => {
            report.totals.errors += 1;
            report
                .errors
                .extend(e.diagnostics().iter().map(|d| CheckError::of("", d)));
            return;
        }
    };
    let loaded = load_all(ws, articles);
    let groups = find(&articles_of(&loaded), &decided);
    report.findings.extend(conflict_findings(&groups, policy));
}

/// Adds the review files whose article is gone, and those that could not be read to tell.
fn add_orphans(ws: &Workspace, report: &mut Report) {
    let (orphans, unreadable) = crate::moves::orphans(ws);
    report.findings.extend(orphans.iter().map(orphan_finding));
    report.totals.failing += orphans.len();
    report.totals.errors += unreadable.len();
    report.errors.extend(
        unreadable
            .iter()
            .flat_map(|e| e.diagnostics())
            .map(|d| CheckError::of("", &d)),
    );
}

/// The changes since `rev`, and the articles to gate for them: those whose text or review
/// file changed, and those with conflicting verdicts left by a merge.
fn changed(
    ws: &Workspace,
    rev: &str,
    articles: Vec<String>,
) -> Result<(Changes, Vec<String>), crate::gitio::GitError> {
    let mut changes = Changes::since(ws, rev)?;
    let kept = articles
        .into_iter()
        .filter(|a| changes.article_changed(ws, a) || has_conflicts(ws, a))
        .collect::<Vec<_>>();
    changes.read_lines(ws, &kept)?;
    Ok((changes, kept))
}

/// Evaluates every article where it is loaded, so only findings are kept in memory.
fn gate(ws: &Workspace, articles: &[String], changes: Option<&Changes>) -> Report {
    let policy = ws.policy();
    let store = ws.store();
    let checked = map_ordered(articles, "checking", |article| {
        let l = load(ws, &store, article);
        let claims = l.review.as_ref().map_or(0, |r| r.claims.len());
        let in_change = |line| changes.is_some_and(|c| c.line_changed(article, line));
        let errors: Vec<CheckError> = l
            .problems
            .iter()
            .map(|p| CheckError::of(article, p))
            .collect();
        (
            evaluate(&l, &policy.for_article(article), &in_change),
            claims,
            errors,
        )
    });
    let mut report = Report {
        findings: Vec::new(),
        errors: Vec::new(),
        totals: Totals {
            articles: articles.len(),
            ..Default::default()
        },
        since: changes.map(|c| Since {
            rev: c.since.clone(),
            commit: c.commit.clone(),
        }),
    };
    for (findings, claims, errors) in checked {
        report.findings.extend(findings);
        report.totals.errors += usize::from(!errors.is_empty());
        report.errors.extend(errors);
        report.totals.claims += claims;
    }
    if policy.conflicts {
        add_conflicts(ws, articles, &policy, &mut report);
    }
    report.totals.failing = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    report.totals.warnings = report.findings.len() - report.totals.failing;
    report
}
