//! The review-file data model as read: the article it covers and each claim's figure and
//! verdict. Editing happens in place on the TOML document (see `edit`); this is the read view.

use std::path::PathBuf;

use serde::Serialize;

use crate::extract::{Bound, Kind, Trend};

/// A reviewer's verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pending,
    Verified,
    Disputed,
    Unsourced,
    Dismissed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Pending,
        Status::Verified,
        Status::Disputed,
        Status::Unsourced,
        Status::Dismissed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Verified => "verified",
            Status::Disputed => "disputed",
            Status::Unsourced => "unsourced",
            Status::Dismissed => "dismissed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether a person has decided on the claim.
    pub fn is_reviewed(self) -> bool {
        self != Status::Pending
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A verdict that no longer applies, kept when the figure it judged changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub status: Status,
    pub text: String,
    pub source: String,
    pub note: String,
    pub reviewer: String,
    pub reviewed_at: String,
}

/// A verdict that a merge could not reconcile with the claim's own: the other side's, kept
/// in a `[[claim.conflict]]` table until a reviewer settles the claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternative {
    pub status: Status,
    pub source: String,
    pub note: String,
    pub reviewer: String,
    pub reviewed_at: String,
}

/// One claim as its review file records it (serialised with the review file's keys).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewClaim {
    pub id: String,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub sentence: String,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: String,
    pub bound: Bound,
    pub kind: Kind,
    pub trend: Option<Trend>,
    /// Who the article says the figure comes from.
    pub attribution: Option<String>,
    pub status: Status,
    pub source: String,
    pub note: String,
    pub reviewer: String,
    pub reviewed_at: String,
    /// The sentence changed after the verdict was given; a reviewer should confirm it.
    pub changed: bool,
    /// The sentence as it read when the verdict was given, kept while `changed`; else empty.
    pub reviewed_sentence: String,
    pub history: Vec<HistoryEntry>,
    /// Verdicts given on other branches that a merge could not reconcile with this one;
    /// while there are any, the claim needs a decision.
    pub alternatives: Vec<Alternative>,
}

impl ReviewClaim {
    /// Whether a merge left the claim with two verdicts.
    pub fn is_conflicted(&self) -> bool {
        !self.alternatives.is_empty()
    }
}

/// A parsed review file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewFile {
    /// Where the review file is, as given.
    pub path: PathBuf,
    /// The article's path relative to the repository root, with `/` separators.
    pub article: String,
    pub title: String,
    pub digest: String,
    /// Where the article was before it moved, oldest first.
    pub previous_paths: Vec<String>,
    pub claims: Vec<ReviewClaim>,
    /// Claims no longer in the article, verdicts intact.
    pub retired: Vec<ReviewClaim>,
}

impl ReviewFile {
    /// Finds a current or retired claim by id.
    pub fn claim(&self, id: &str) -> Option<&ReviewClaim> {
        self.claims.iter().chain(&self.retired).find(|c| c.id == id)
    }
}
