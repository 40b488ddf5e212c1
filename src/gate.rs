//! The pre-publish gate: which claims of an article fail the policy, and why. Pure: takes
//! loaded review state and a policy, returns findings.

use serde::Serialize;

use crate::config::{FailState, Policy};
use crate::moves::Orphan;
use crate::review::load::Loaded;
use crate::review::{ReviewClaim, Status};

/// Whether a finding fails the gate or is only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One reason an article is not ready, pointing into the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// What is wrong: a claim state ("pending"), or "no source", "out of date", "not scanned".
    pub state: String,
    pub claim_id: Option<String>,
    /// The figure as written.
    pub figure: String,
    pub sentence: String,
    pub severity: Severity,
}

fn fails(policy: &Policy, state: FailState) -> bool {
    policy.fail.contains(&state)
}

fn fail_state(status: Status) -> FailState {
    match status {
        Status::Pending => FailState::Pending,
        Status::Verified => FailState::Verified,
        Status::Disputed => FailState::Disputed,
        Status::Unsourced => FailState::Unsourced,
        Status::Dismissed => FailState::Dismissed,
    }
}

/// The reasons one claim fails the policy.
pub fn claim_failures(claim: &ReviewClaim, policy: &Policy) -> Vec<String> {
    let mut out = Vec::new();
    // Two verdicts from a merge always need a decision, whatever the policy.
    if claim.is_conflicted() {
        out.push("conflicted".to_string());
    }
    if fails(policy, fail_state(claim.status)) {
        out.push(claim.status.as_str().to_string());
    }
    if claim.changed && fails(policy, FailState::Changed) {
        out.push("changed since review".into());
    }
    if claim.status == Status::Verified && policy.require_source && claim.source.trim().is_empty() {
        out.push("verified without source".into());
    }
    if claim.status.is_reviewed() && policy.require_reviewer && claim.reviewer.trim().is_empty() {
        out.push("no reviewer".into());
    }
    out
}

/// The finding for a review file whose article is gone: it fails the gate until the review
/// file follows its article or is pruned.
pub fn orphan_finding(orphan: &Orphan) -> Finding {
    Finding {
        path: orphan.shown.clone(),
        line: 1,
        column: 1,
        state: "orphaned".into(),
        claim_id: None,
        figure: String::new(),
        sentence: format!(
            "its article {} no longer exists; if it moved, run `factcheck scan` so the review file follows it; if it was deleted, run `factcheck scan --prune`",
            orphan.article
        ),
        severity: Severity::Error,
    }
}

/// Every finding for one article under `policy`.
pub fn evaluate(loaded: &Loaded, policy: &Policy) -> Vec<Finding> {
    let severity = if policy.warn_only {
        Severity::Warning
    } else {
        Severity::Error
    };
    let article_finding = |state: &str, sentence: String| Finding {
        path: loaded.article.clone(),
        line: 1,
        column: 1,
        state: state.into(),
        claim_id: None,
        figure: String::new(),
        sentence,
        severity,
    };
    if loaded.missing {
        return vec![article_finding(
            "not scanned",
            format!("no review file; run `factcheck scan {}`", loaded.article),
        )];
    }
    let Some(review) = &loaded.review else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if loaded.stale {
        out.push(article_finding(
            "out of date",
            format!(
                "the article changed since its last scan; run `factcheck scan {}`",
                loaded.article
            ),
        ));
    }
    for claim in &review.claims {
        for state in claim_failures(claim, policy) {
            out.push(Finding {
                path: loaded.article.clone(),
                line: claim.line.max(1),
                column: claim.column.max(1),
                state,
                claim_id: Some(claim.id.clone()),
                figure: claim.text.clone(),
                sentence: claim.sentence.clone(),
                severity,
            });
        }
    }
    out
}
