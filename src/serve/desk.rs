//! What the review desk shows and records, as data: the overview of every article's progress
//! and the figures that disagree across articles, one article with the card of each claim,
//! and a verdict saved through the same store and lock as `factcheck mark`. The HTTP layer
//! serialises these to JSON and the page renders them; nothing here knows about either.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::conflicts::{find, Related, Sourced};
use crate::mark::{mark, MarkError, Request, Suggestion};
use crate::review::decisions;
use crate::review::load::{articles_of, load_with_context, sourced, Loaded};
use crate::review::session::{earlier_source, save_decision, Decision};
use crate::review::{ReviewClaim, ReviewFile, Status};
use crate::status::{count, sort_by_work, ArticleStatus};
use crate::worddiff::{word_diff, Piece};
use crate::workspace::Workspace;

/// The articles the desk serves and who records verdicts by default.
#[derive(Debug, Clone)]
pub struct Desk {
    pub ws: Workspace,
    /// The paths given on the command line; the configured articles when empty.
    pub given: Vec<std::path::PathBuf>,
    /// The reviewer named on the command line or in git; the page asks when `None`.
    pub reviewer: Option<String>,
}

/// Why a request could not be answered.
#[derive(Debug)]
pub enum DeskError {
    /// The article is not one the desk serves (outside the repository, or not configured).
    NotServed(String),
    /// The article or its review file cannot be read.
    Unreadable(String, Vec<String>),
    /// A malformed request.
    BadRequest(String),
    /// No reviewer name is known.
    NoReviewer,
    /// `mark` refused or failed.
    Mark(MarkError),
    /// A note could not be saved.
    Note(String),
}

impl fmt::Display for DeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeskError::NotServed(path) => write!(
                f,
                "{path}: not an article of this repository; open one from the overview"
            ),
            DeskError::Unreadable(path, problems) => {
                write!(f, "{path}: cannot be read: {}", problems.join("; "))
            }
            DeskError::BadRequest(message) => f.write_str(message),
            DeskError::NoReviewer => f.write_str(
                "no reviewer name: git's user.name is not set; enter your name on the page",
            ),
            DeskError::Mark(e) => write!(f, "{e}"),
            DeskError::Note(message) => f.write_str(message),
        }
    }
}

/// One row of the overview: the counts `factcheck status` gives, with the title.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    #[serde(flatten)]
    pub status: ArticleStatus,
    pub title: String,
    /// Claims that still need a person.
    pub open: usize,
}

/// Every served article's progress, the most work first, and the figures that disagree.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub reviewer: Option<String>,
    pub articles: Vec<Row>,
    pub conflicts: Vec<crate::conflicts::Group>,
    /// Articles refused and files that could not be read.
    pub problems: Vec<String>,
}

/// Another article's claim about the same counted thing.
#[derive(Debug, Clone, Serialize)]
pub struct Other {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub claim_id: String,
    pub text: String,
    pub figure: String,
    pub status: Status,
    pub source: String,
}

/// The sentence as reviewed and as it reads now, with the words that changed marked.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceDiff {
    pub before: Vec<Piece>,
    pub after: Vec<Piece>,
}

/// Everything the page's card shows for one claim: the claim as its review file records it,
/// where it stands in the text, and what is known of it elsewhere.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    #[serde(flatten)]
    pub claim: ReviewClaim,
    /// Byte offsets of the figure in the article text, when it is found where the review
    /// file says.
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// The figure as an editor reads it: "≥10,000 containers".
    pub figure: String,
    pub sentence_diff: Option<SentenceDiff>,
    pub elsewhere: Vec<Other>,
    /// A source verified for the same figure earlier in the article, else in another one.
    pub suggested_source: Option<Other>,
}

/// One article: its text and the card of every claim, in the order of the review file.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub path: String,
    pub title: String,
    /// The article digest the review file was made from; changes with every rescan.
    pub digest: String,
    /// The article changed since its last scan.
    pub stale: bool,
    pub counts: ArticleStatus,
    /// Who records verdicts unless the page names someone.
    pub reviewer: Option<String>,
    pub text: String,
    pub claims: Vec<Card>,
}

/// A verdict (or a note alone, with no `status`) asked for by the page or another client.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictRequest {
    pub article: String,
    pub id: String,
    pub status: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub reviewer: Option<String>,
}

/// What was recorded, and where: the claim's verdict as written to its review file.
#[derive(Debug, Clone, Serialize)]
pub struct Saved {
    pub review_file: String,
    pub article: String,
    pub id: String,
    pub status: Status,
    pub source: String,
    pub note: String,
    pub reviewer: String,
    pub reviewed_at: String,
}

impl Saved {
    fn of(ws: &Workspace, article: &str, claim: &ReviewClaim) -> Saved {
        Saved {
            review_file: ws.shown(&ws.review_path(article)),
            article: article.to_string(),
            id: claim.id.clone(),
            status: claim.status,
            source: claim.source.clone(),
            note: claim.note.clone(),
            reviewer: claim.reviewer.clone(),
            reviewed_at: claim.reviewed_at.clone(),
        }
    }
}

impl Desk {
    /// The served articles, and why any given path was refused.
    fn articles(&self) -> (Vec<String>, Vec<String>) {
        let selection = self.ws.select(&self.given);
        let refused = selection.refused.iter().map(|r| r.to_string()).collect();
        (selection.articles, refused)
    }

    /// The article a request names, relative to the root, if the desk serves it.
    pub fn served(&self, path: &str) -> Result<String, DeskError> {
        let rel = self
            .ws
            .relative(Path::new(path))
            .ok_or_else(|| DeskError::NotServed(path.to_string()))?;
        let (articles, _) = self.articles();
        articles
            .into_iter()
            .find(|a| *a == rel)
            .ok_or(DeskError::NotServed(rel))
    }

    /// Every served article's progress, the most work first, and the figures that disagree.
    pub fn overview(&self) -> Overview {
        let (articles, mut problems) = self.articles();
        let loaded = crate::review::load::load_all(&self.ws, &articles);
        problems.extend(
            loaded
                .iter()
                .flat_map(|l| l.problems.iter().filter(|p| p.fatal))
                .map(|p| p.to_string()),
        );
        let mut rows: Vec<ArticleStatus> = loaded.iter().map(count).collect();
        sort_by_work(&mut rows);
        let title = |path: &str| {
            loaded
                .iter()
                .find(|l| l.article == path)
                .and_then(|l| l.review.as_ref())
                .map(|r| r.title.clone())
                .unwrap_or_default()
        };
        let articles = rows
            .into_iter()
            .map(|status| Row {
                title: title(&status.path),
                open: status.open(),
                status,
            })
            .collect();
        let decisions = decisions::read(&self.ws.store()).unwrap_or_else(|e| {
            problems.extend(e.diagnostics().iter().map(|p| p.to_string()));
            Vec::new()
        });
        let conflicts = find(&articles_of(&loaded), &decisions)
            .into_iter()
            .filter(|g| g.is_open())
            .collect();
        Overview {
            reviewer: self.reviewer.clone(),
            articles,
            conflicts,
            problems,
        }
    }

    /// One served article with its text and the card of every claim.
    pub fn article(&self, path: &str) -> Result<ArticleView, DeskError> {
        let article = self.served(path)?;
        let loaded = load_with_context(&self.ws, std::slice::from_ref(&article));
        let own = &loaded[0];
        let Some(review) = &own.review else {
            return Err(unreadable(own));
        };
        let text = read_article(&self.ws, &article)?;
        let all = sourced(&loaded);
        let related = Related::new(&all);
        let spans = locate(&text, &review.claims);
        let claims = review
            .claims
            .iter()
            .zip(spans)
            .map(|(claim, span)| card(review, claim, span, &related))
            .collect();
        Ok(ArticleView {
            path: article.clone(),
            title: review.title.clone(),
            digest: review.digest.clone(),
            stale: own.stale,
            counts: count(own),
            reviewer: self.reviewer.clone(),
            text,
            claims,
        })
    }

    /// Records a verdict, or a note alone, the way `factcheck mark` does: in place, under
    /// the review file's lock, comments and hand edits kept.
    pub fn record(&self, request: &VerdictRequest, now: &str) -> Result<Saved, DeskError> {
        let article = self.served(&request.article)?;
        let reviewer = request
            .reviewer
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .or_else(|| self.reviewer.clone())
            .ok_or(DeskError::NoReviewer)?;
        let Some(name) = request.status.as_deref() else {
            let note = Decision::Note(request.note.clone().unwrap_or_default());
            let file = save_decision(&self.ws, &article, &request.id, &note, &reviewer, now)
                .map_err(DeskError::Note)?;
            let claim = file
                .claim(&request.id)
                .ok_or_else(|| DeskError::Note(format!("claim `{}` vanished", request.id)))?;
            return Ok(Saved::of(&self.ws, &article, claim));
        };
        let status = Status::parse(name).ok_or_else(|| {
            DeskError::BadRequest(format!(
                "unknown status {name:?}; use one of: {}",
                Status::ALL.map(Status::as_str).join(", ")
            ))
        })?;
        let ids = [request.id.clone()];
        let marked = mark(
            &self.ws,
            Path::new(&article),
            &Request {
                ids: &ids,
                status,
                source: request.source.as_deref(),
                note: request.note.as_deref(),
                reviewer: Some(&reviewer),
                no_source: false,
                fresh_only: true,
                now,
            },
        )
        .map_err(DeskError::Mark)?;
        // `mark` sets exactly these on the claim it found; reading the file again would
        // only say the same.
        let before = &marked.claims[0];
        let claim = ReviewClaim {
            status,
            source: request
                .source
                .clone()
                .unwrap_or_else(|| before.source.clone()),
            note: request.note.clone().unwrap_or_else(|| before.note.clone()),
            reviewer,
            reviewed_at: now.to_string(),
            ..before.clone()
        };
        Ok(Saved::of(&self.ws, &article, &claim))
    }
}

impl DeskError {
    /// Sources verified elsewhere for the same figure, when a verdict lacked one.
    pub fn suggestions(&self) -> &[Suggestion] {
        match self {
            DeskError::Mark(MarkError::NoSource { suggestions, .. }) => suggestions,
            _ => &[],
        }
    }
}

fn unreadable(loaded: &Loaded) -> DeskError {
    let problems = loaded.problems.iter().map(|p| p.to_string()).collect();
    match loaded.missing {
        true => DeskError::Unreadable(
            loaded.article.clone(),
            vec![format!(
                "no review file; run `factcheck scan {}`",
                loaded.article
            )],
        ),
        false => DeskError::Unreadable(loaded.article.clone(), problems),
    }
}

fn read_article(ws: &Workspace, article: &str) -> Result<String, DeskError> {
    ws.read_article(article)
        .map(|source| source.body().to_string())
        .map_err(|e| DeskError::Unreadable(article.to_string(), vec![e.reason()]))
}

/// Where each claim's figure stands in `text`, as byte offsets: at its line and column when
/// the figure is written there, else its first occurrence on that line. Spans that would
/// overlap an earlier one are left out, so the page can mark them in one pass.
pub fn locate(text: &str, claims: &[ReviewClaim]) -> Vec<Option<(usize, usize)>> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(k, _)| k + 1))
        .collect();
    let mut found: Vec<Option<(usize, usize)>> = claims
        .iter()
        .map(|c| {
            let start = *line_starts.get(c.line.checked_sub(1)?)?;
            let line_end = text[start..].find('\n').map_or(text.len(), |k| start + k);
            let line = &text[start..line_end];
            let at_column = line
                .char_indices()
                .nth(c.column.saturating_sub(1))
                .map(|(k, _)| k)
                .filter(|k| !c.text.is_empty() && line[*k..].starts_with(&c.text));
            let k = at_column.or_else(|| line.find(&c.text).filter(|_| !c.text.is_empty()))?;
            Some((start + k, start + k + c.text.len()))
        })
        .collect();
    let mut order: Vec<usize> = (0..claims.len()).filter(|k| found[*k].is_some()).collect();
    order.sort_by_key(|k| found[*k]);
    let mut reached = 0;
    for k in order {
        let (start, end) = found[k].expect("only found spans are ordered");
        if start < reached {
            found[k] = None;
        } else {
            reached = end;
        }
    }
    found
}

fn other(o: &Sourced<'_>) -> Other {
    let c = o.claim;
    Other {
        path: o.path.to_string(),
        line: c.line,
        column: c.column,
        claim_id: c.id.clone(),
        text: c.text.clone(),
        figure: crate::render::figure(c.value, c.low, c.high, &c.unit, c.bound),
        status: c.status,
        source: c.source.clone(),
    }
}

fn card(
    file: &ReviewFile,
    c: &ReviewClaim,
    span: Option<(usize, usize)>,
    related: &Related<'_>,
) -> Card {
    let elsewhere = related.elsewhere(&file.article, c);
    let earlier = earlier_source(file, c).map(|claim| Sourced {
        path: &file.article,
        claim,
    });
    let sentence_diff = (c.changed && !c.reviewed_sentence.is_empty()).then(|| {
        let (before, after) = word_diff(&c.reviewed_sentence, &c.sentence);
        SentenceDiff { before, after }
    });
    Card {
        claim: c.clone(),
        start: span.map(|s| s.0),
        end: span.map(|s| s.1),
        figure: crate::render::figure(c.value, c.low, c.high, &c.unit, c.bound),
        sentence_diff,
        elsewhere: elsewhere.others.iter().map(|o| other(o)).collect(),
        suggested_source: earlier.as_ref().or(elsewhere.suggested_source).map(other),
    }
}
