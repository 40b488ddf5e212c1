//! Review audits: what changed between two versions of the review files, claim by claim and
//! keyed by claim id, and (in `log`) the history of one claim through successive versions.
//! Pure data in, structured changes out; rendering lives in `render::audit`.

pub mod log;
pub mod revisions;

use std::collections::HashMap;

use serde::Serialize;

use crate::review::{ReviewClaim, ReviewFile};

/// A part of a claim a reviewer cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Verdict,
    Source,
    Note,
    Figure,
    Sentence,
}

/// How a claim moved between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// New in the article.
    Added,
    /// Left the article: moved to `[[retired]]`, or gone from the file.
    Retired,
    /// Back in the article from `[[retired]]`.
    Restored,
    /// Still there, with some of its fields changed.
    Modified,
}

/// One claim's change; `old` and `new` are its two versions where they exist.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimChange<'a> {
    pub id: &'a str,
    pub kind: ChangeKind,
    pub old: Option<&'a ReviewClaim>,
    pub new: Option<&'a ReviewClaim>,
    pub fields: Vec<Field>,
}

/// A claim as one version records it, and whether it is retired there.
pub type Placed<'a> = (&'a ReviewClaim, bool);

/// The fields that differ between two versions of a claim.
pub fn changed_fields(old: &ReviewClaim, new: &ReviewClaim) -> Vec<Field> {
    let figure = old.text != new.text
        || old.value != new.value
        || old.low != new.low
        || old.high != new.high
        || old.unit != new.unit
        || old.bound != new.bound;
    [
        (old.status != new.status, Field::Verdict),
        (old.source != new.source, Field::Source),
        (old.note != new.note, Field::Note),
        (figure, Field::Figure),
        (old.sentence != new.sentence, Field::Sentence),
    ]
    .into_iter()
    .filter_map(|(differs, field)| differs.then_some(field))
    .collect()
}

/// The change from one placement of a claim to the next, if there is one worth reporting.
pub fn change<'a>(old: Option<Placed<'a>>, new: Option<Placed<'a>>) -> Option<ClaimChange<'a>> {
    let (kind, fields) = match (old, new) {
        (None, Some((_, false))) => (ChangeKind::Added, Vec::new()),
        (Some((_, false)), None | Some((_, true))) => (ChangeKind::Retired, Vec::new()),
        (Some((o, true)), Some((n, false))) => (ChangeKind::Restored, changed_fields(o, n)),
        (Some((o, _)), Some((n, _))) => match changed_fields(o, n) {
            fields if fields.is_empty() => return None,
            fields => (ChangeKind::Modified, fields),
        },
        _ => return None,
    };
    let claim = new.or(old)?.0;
    Some(ClaimChange {
        id: &claim.id,
        kind,
        old: old.map(|p| p.0),
        new: new.map(|p| p.0),
        fields,
    })
}

/// Where each claim of a file is, by id.
fn placements(file: Option<&ReviewFile>) -> HashMap<&str, Placed<'_>> {
    let Some(file) = file else {
        return HashMap::new();
    };
    let current = file.claims.iter().map(|c| (c, false));
    let retired = file.retired.iter().map(|c| (c, true));
    current
        .chain(retired)
        .map(|p| (p.0.id.as_str(), p))
        .collect()
}

/// The claim changes from one version of a review file to another (`None`: no file), in the
/// new file's order, then the claims only the old file had.
pub fn compare<'a>(
    old: Option<&'a ReviewFile>,
    new: Option<&'a ReviewFile>,
) -> Vec<ClaimChange<'a>> {
    let (before, after) = (placements(old), placements(new));
    let ids = [new, old]
        .into_iter()
        .flatten()
        .flat_map(|f| f.claims.iter().chain(&f.retired));
    let mut seen = std::collections::HashSet::new();
    ids.filter(|c| seen.insert(c.id.as_str()))
        .filter_map(|c| {
            change(
                before.get(c.id.as_str()).copied(),
                after.get(c.id.as_str()).copied(),
            )
        })
        .collect()
}

/// One article's changes between two versions of its review file.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleDiff<'a> {
    /// The article's path in the newer version (the older one if the file was deleted).
    pub article: &'a str,
    /// The review file's path in the newer version, as the caller names it.
    pub review_file: String,
    /// The article's earlier path, when it was renamed.
    pub renamed_from: Option<&'a str>,
    pub changes: Vec<ClaimChange<'a>>,
}

impl<'a> ArticleDiff<'a> {
    /// Compares two versions of one article's review file; `None` when nothing changed.
    pub fn of(
        old: Option<&'a ReviewFile>,
        new: Option<&'a ReviewFile>,
        review_file: String,
    ) -> Option<ArticleDiff<'a>> {
        let article = new.or(old)?.article.as_str();
        let renamed_from = old
            .map(|o| o.article.as_str())
            .filter(|from| new.is_some() && *from != article);
        let changes = compare(old, new);
        (!changes.is_empty() || renamed_from.is_some()).then_some(ArticleDiff {
            article,
            review_file,
            renamed_from,
            changes,
        })
    }
}

/// Counts for the summary line: claims added, retired, restored, and claims whose verdict,
/// source or note, and figure or sentence changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub articles: usize,
    pub added: usize,
    pub retired: usize,
    pub restored: usize,
    pub verdicts: usize,
    pub sources_or_notes: usize,
    pub figures_or_sentences: usize,
}

impl Summary {
    pub fn of(diffs: &[ArticleDiff<'_>]) -> Summary {
        let mut s = Summary {
            articles: diffs.len(),
            ..Summary::default()
        };
        for c in diffs.iter().flat_map(|d| &d.changes) {
            match c.kind {
                ChangeKind::Added => s.added += 1,
                ChangeKind::Retired => s.retired += 1,
                ChangeKind::Restored => s.restored += 1,
                ChangeKind::Modified => {}
            }
            let has = |fields: &[Field]| fields.iter().any(|f| c.fields.contains(f));
            s.verdicts += usize::from(has(&[Field::Verdict]));
            s.sources_or_notes += usize::from(has(&[Field::Source, Field::Note]));
            s.figures_or_sentences += usize::from(has(&[Field::Figure, Field::Sentence]));
        }
        s
    }

    pub fn is_empty(&self) -> bool {
        self.articles == 0
    }
}
