//! `factcheck status`: review progress per article, or one article's claims.

use std::io::{self, Write};
use std::path::PathBuf;

use super::conflicts::report_unreadable;
use super::{report_error, Outcome, ReportFormat, Ui};
use crate::parallel::map_ordered;
use crate::render::conflicts::elsewhere;
use crate::render::sanitize::terminal;
use crate::render::status as render;
use crate::review::load::{elsewhere_each, load};
use crate::review::Diagnostic;
use crate::status::{count, count_orphan, sort_by_work, ArticleStatus};
use crate::workspace::Workspace;

#[derive(clap::Args)]
#[command(
    about = "Show how far the review of each article has got",
    long_about = "Show how far the review of each article has got: one row per article with \
        its claims by state, the articles that need the most work first, and a total.",
    after_help = "Examples:\n  factcheck status\n  factcheck status --format markdown   # for a PR comment\n  \
        factcheck status seeds/001_4e05fcd575987f34.txt --claims\n\n\
        With --quiet, the human and Markdown tables leave out the total row.\n\n\
        Exit status: 0 shown, 2 a path that does not exist or a review file that could not \
        be read."
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,

    /// List the claims of one article: id, state, figure and sentence
    #[arg(long)]
    claims: bool,

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
    let color = ui.color;
    let Some(chosen) = super::selected(ws, &args.paths, err)? else {
        return Ok(Outcome::Error);
    };
    let (articles, selected) = (chosen.articles, chosen.outcome);
    if args.claims && articles.len() != 1 {
        report_error(
            err,
            "--claims lists one article's claims: name exactly one article",
        )?;
        return Ok(Outcome::Error);
    }
    if args.claims {
        let l = load(ws, &ws.store(), &articles[0]);
        let failed = report_unreadable(std::slice::from_ref(&l), err)?;
        let outcome = if failed { Outcome::Error } else { selected };
        match &l.review {
            Some(review) => {
                let notes = elsewhere_each(ws, &l.article, &review.claims, elsewhere);
                render::claims(out, &l.article, &review.claims, &notes, color)?
            }
            None if l.missing => {
                report_error(
                    err,
                    format!(
                        "{}: no review file; run `factcheck scan {}`",
                        terminal(&l.article),
                        terminal(&l.article)
                    ),
                )?;
                return Ok(Outcome::Error);
            }
            None => {}
        }
        return Ok(outcome);
    }
    // Each article is counted where it is read: only its row and its problems are kept.
    let store = ws.store();
    let counted = map_ordered(&articles, "reading", |article| {
        let l = load(ws, &store, article);
        let fatal: Vec<Diagnostic> = l.problems.iter().filter(|p| p.fatal).cloned().collect();
        (count(&l), fatal)
    });
    let mut outcome = selected;
    let mut rows: Vec<ArticleStatus> = Vec::with_capacity(counted.len());
    for (row, fatal) in counted {
        for p in &fatal {
            report_error(err, p)?;
            outcome = Outcome::Error;
        }
        rows.push(row);
    }
    if args.paths.is_empty() {
        let (orphans, unreadable) = crate::moves::orphans(ws);
        for e in &unreadable {
            report_error(err, e)?;
            outcome = Outcome::Error;
        }
        rows.extend(orphans.iter().map(count_orphan));
    }
    sort_by_work(&mut rows);
    let mut total = ArticleStatus::default();
    for r in rows.iter().filter(|r| !r.orphaned) {
        total.add(r);
    }
    match args.format {
        ReportFormat::Human => render::table(out, &rows, &total, ui.quiet, color)?,
        ReportFormat::Json => render::json(out, &rows, &total)?,
        ReportFormat::Markdown => render::markdown(out, &rows, &total, ui.quiet)?,
    }
    Ok(outcome)
}
