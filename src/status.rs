//! Review progress per article: how many claims are in each state. Pure counting over
//! loaded review files.

use serde::Serialize;

use crate::moves::Orphan;
use crate::review::load::Loaded;
use crate::review::{ReviewFile, Status};

/// One row of `factcheck status`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArticleStatus {
    pub path: String,
    pub claims: usize,
    pub verified: usize,
    pub disputed: usize,
    pub unsourced: usize,
    pub dismissed: usize,
    pub pending: usize,
    pub changed: usize,
    pub retired: usize,
    /// Claims a merge left with two verdicts, waiting for a decision.
    pub conflicted: usize,
    /// No review file yet.
    pub not_scanned: bool,
    /// The review file exists but cannot be read (see the errors reported).
    pub unreadable: bool,
    /// The article changed since its last scan.
    pub out_of_date: bool,
    /// The article is gone; its review file remains (see `scan --prune`).
    pub orphaned: bool,
}

impl ArticleStatus {
    /// Claims that still need a person: pending, disputed, unsourced, changed or conflicted.
    pub fn open(&self) -> usize {
        self.pending + self.disputed + self.unsourced + self.changed + self.conflicted
    }

    pub fn add(&mut self, other: &ArticleStatus) {
        self.claims += other.claims;
        self.verified += other.verified;
        self.disputed += other.disputed;
        self.unsourced += other.unsourced;
        self.dismissed += other.dismissed;
        self.pending += other.pending;
        self.changed += other.changed;
        self.retired += other.retired;
        self.conflicted += other.conflicted;
    }
}

/// Counts one article's claims by state.
pub fn count(loaded: &Loaded) -> ArticleStatus {
    let row = ArticleStatus {
        path: loaded.article.clone(),
        not_scanned: loaded.missing,
        unreadable: loaded.review.is_none() && !loaded.missing,
        out_of_date: loaded.stale,
        ..Default::default()
    };
    match &loaded.review {
        Some(review) => tally(row, review),
        None => row,
    }
}

/// The row of a review file whose article is gone.
pub fn count_orphan(orphan: &Orphan) -> ArticleStatus {
    let row = ArticleStatus {
        path: orphan.article.clone(),
        orphaned: true,
        ..Default::default()
    };
    tally(row, &orphan.file)
}

fn tally(mut row: ArticleStatus, review: &ReviewFile) -> ArticleStatus {
    row.claims = review.claims.len();
    row.retired = review.retired.len();
    for claim in &review.claims {
        match claim.status {
            Status::Pending => row.pending += 1,
            Status::Verified => row.verified += 1,
            Status::Disputed => row.disputed += 1,
            Status::Unsourced => row.unsourced += 1,
            Status::Dismissed => row.dismissed += 1,
        }
        if claim.changed {
            row.changed += 1;
        }
        if claim.is_conflicted() {
            row.conflicted += 1;
        }
    }
    row
}

/// Rows with the most open work first, then by path; rows that cannot be counted first.
pub fn sort_by_work(rows: &mut [ArticleStatus]) {
    rows.sort_by(|a, b| {
        let blocked = |r: &ArticleStatus| r.unreadable || r.not_scanned || r.orphaned;
        (blocked(b), b.open())
            .cmp(&(blocked(a), a.open()))
            .then_with(|| a.path.cmp(&b.path))
    });
}
