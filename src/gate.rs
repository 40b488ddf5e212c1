//! The pre-publish gate: which claims of an article fail the policy, and why. Pure: takes
//! loaded review state and a policy, returns findings. Each finding carries a [`Code`], the
//! one vocabulary the human, JSON, GitHub and SARIF outputs are views of.

use serde::Serialize;

use crate::config::{CheckPolicy, FailState, Policy};
use crate::conflicts::Group;
use crate::diagnostic::Diagnostic;
use crate::moves::Orphan;
use crate::review::load::Loaded;
use crate::review::{ReviewClaim, Status};

/// Whether a finding fails the gate or is only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What is wrong: the machine name of a finding. JSON and SARIF speak these codes; people
/// read [`Code::title`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A merge left two verdicts on the claim (`[[claim.conflict]]`): someone must decide.
    Conflicted,
    /// The claim has no verdict yet.
    Pending,
    Disputed,
    Unsourced,
    /// Only when the policy fails verified claims.
    Verified,
    /// Only when the policy fails dismissed claims.
    Dismissed,
    /// The sentence changed after the verdict was given.
    Changed,
    /// Verified, but no source named.
    NoSource,
    /// A verdict with no reviewer named, where the policy requires one.
    NoReviewer,
    /// The article changed since its last scan.
    OutOfDate,
    /// The article has no review file.
    NotScanned,
    /// A review file whose article no longer exists.
    Orphaned,
    /// Another checked article gives a figure for the same fact that cannot also be true,
    /// and no reviewer has explained the difference (only with `conflicts = true`).
    FiguresDisagree,
}

impl Code {
    pub const ALL: [Code; 13] = [
        Code::Conflicted,
        Code::Pending,
        Code::Disputed,
        Code::Unsourced,
        Code::Verified,
        Code::Dismissed,
        Code::Changed,
        Code::NoSource,
        Code::NoReviewer,
        Code::OutOfDate,
        Code::NotScanned,
        Code::Orphaned,
        Code::FiguresDisagree,
    ];

    /// The code as JSON and SARIF write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Conflicted => "conflicted",
            Code::Pending => "pending",
            Code::Disputed => "disputed",
            Code::Unsourced => "unsourced",
            Code::Verified => "verified",
            Code::Dismissed => "dismissed",
            Code::Changed => "changed",
            Code::NoSource => "no-source",
            Code::NoReviewer => "no-reviewer",
            Code::OutOfDate => "out-of-date",
            Code::NotScanned => "not-scanned",
            Code::Orphaned => "orphaned",
            Code::FiguresDisagree => "figures-disagree",
        }
    }

    /// The code for a claim's verdict.
    pub fn of_status(status: Status) -> Code {
        match status {
            Status::Pending => Code::Pending,
            Status::Verified => Code::Verified,
            Status::Disputed => Code::Disputed,
            Status::Unsourced => Code::Unsourced,
            Status::Dismissed => Code::Dismissed,
        }
    }

    /// A few words for people: "pending", "changed since review".
    pub fn title(self) -> &'static str {
        match self {
            Code::Changed => "changed since review",
            Code::NoSource => "verified without source",
            Code::NoReviewer => "no reviewer",
            Code::OutOfDate => "out of date",
            Code::NotScanned => "not scanned",
            Code::FiguresDisagree => "figures disagree",
            other => other.as_str(),
        }
    }

    /// One sentence on what the finding means.
    pub fn description(self) -> &'static str {
        match self {
            Code::Conflicted => "Two branches gave the claim different verdicts; the merge kept both ([[claim.conflict]]) until a reviewer decides.",
            Code::Orphaned => "The review file's article no longer exists: it was moved or deleted.",
            Code::Pending => "The claim has not been reviewed: no one has checked the figure yet.",
            Code::Disputed => "A reviewer disputed the figure: the sources say otherwise.",
            Code::Unsourced => "A reviewer found no source for the figure.",
            Code::Verified => "The policy for this article does not accept verified claims.",
            Code::Dismissed => "The policy for this article does not accept dismissed claims.",
            Code::Changed => "The sentence around the claim was edited after the verdict was given, so the verdict may no longer hold.",
            Code::NoSource => "The claim is marked verified but its review names no source.",
            Code::NoReviewer => "The claim has a verdict but its review names no reviewer, and the policy requires one.",
            Code::OutOfDate => "The article changed since its review file was last brought up to date, so the review may not match the text.",
            Code::NotScanned => "The article has no review file, so none of its claims has been reviewed.",
            Code::FiguresDisagree => "Another checked article gives a figure for the same fact that cannot also be true, and no reviewer has explained the difference.",
        }
    }

    /// How to fix it, in general terms; [`Finding::fix`] gives the command.
    pub fn help(self) -> &'static str {
        match self {
            Code::Pending | Code::Changed => "Check the figure against a source, then record the verdict with `factcheck mark ARTICLE CLAIM_ID --status verified --source \"…\"`, or go through the article's claims with `factcheck review ARTICLE`.",
            Code::Disputed | Code::Unsourced => "Correct the figure in the article, or find a source and mark it verified with `factcheck mark ARTICLE CLAIM_ID --status verified --source \"…\"`.",
            Code::Verified | Code::Dismissed => "Review the claim again with `factcheck review ARTICLE`, or change the `fail` list of the rule in factcheck.toml that covers the article.",
            Code::NoSource => "Name where the figure was checked: `factcheck mark ARTICLE CLAIM_ID --status verified --source \"…\"`.",
            Code::NoReviewer => "Mark the claim again naming the reviewer: `factcheck mark ARTICLE CLAIM_ID --status STATUS --reviewer NAME`.",
            Code::OutOfDate | Code::NotScanned => "Bring the review file up to date with `factcheck scan ARTICLE`, review what changed, and commit the review file.",
            Code::Conflicted => "Decide between the verdicts: `factcheck review ARTICLE`, or `factcheck mark ARTICLE CLAIM_ID --status STATUS`; both earlier verdicts are kept in the claim's history.",
            Code::Orphaned => "If the article moved, run `factcheck scan` so the review file follows it; if it was deleted, run `factcheck scan --prune`.",
            Code::FiguresDisagree => "Correct the figure that is wrong, or record why the figures differ (another period, another count) with `factcheck conflicts --ack ID --note \"…\"`; `factcheck conflicts` shows the group's id.",
        }
    }

    /// Whether the finding is about the whole article (fixed by a scan), not one claim.
    pub fn is_article_level(self) -> bool {
        matches!(self, Code::OutOfDate | Code::NotScanned | Code::Orphaned)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reason an article is not ready, pointing into the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// Where the figure ends: the line, and the column just past its last character.
    pub end_line: usize,
    pub end_column: usize,
    /// The claim, for claim findings; `None` for the whole article.
    pub claim_id: Option<String>,
    /// The figure as written; empty for the whole article.
    pub figure: String,
    pub sentence: String,
    /// The claim stands in lines changed since the revision checked against.
    pub in_changed_lines: bool,
}

impl Finding {
    /// The command that fixes it.
    pub fn fix(&self) -> String {
        let path = &self.path;
        let id = self.claim_id.as_deref().unwrap_or("CLAIM_ID");
        match self.code {
            Code::OutOfDate | Code::NotScanned => format!("factcheck scan {path}"),
            Code::Orphaned => "factcheck scan --prune".to_string(),
            Code::Conflicted => format!("factcheck review {path}"),
            Code::NoReviewer => {
                format!("factcheck mark {path} {id} --status STATUS --reviewer NAME")
            }
            Code::Verified | Code::Dismissed => format!("factcheck review {path}"),
            Code::FiguresDisagree => "factcheck conflicts".to_string(),
            _ => format!("factcheck mark {path} {id} --status verified --source \"…\""),
        }
    }
}

/// Why a file could not be checked, as a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    /// The review file cannot be used: bad encoding, TOML or contents.
    InvalidReviewFile,
    /// A key in the review file looks like a misspelling of a known one.
    UnknownKey,
    /// The article itself cannot be read.
    UnreadableArticle,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidReviewFile => "invalid-review-file",
            ErrorCode::UnknownKey => "unknown-key",
            ErrorCode::UnreadableArticle => "unreadable-article",
        }
    }
}

/// A file that could not be checked, pointing at where it went wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckError {
    pub code: ErrorCode,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::render::sanitize::terminal;
        write!(
            f,
            "{}:{}:{}: {}",
            terminal(&self.path),
            self.line,
            self.column,
            terminal(&self.message)
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", terminal(help))?;
        }
        Ok(())
    }
}

impl CheckError {
    /// A problem met loading `article`'s review.
    pub fn of(article: &str, problem: &Diagnostic) -> CheckError {
        let path = problem.path.to_string_lossy().replace('\\', "/");
        let code = if !problem.fatal {
            ErrorCode::UnknownKey
        } else if path == article {
            ErrorCode::UnreadableArticle
        } else {
            ErrorCode::InvalidReviewFile
        };
        CheckError {
            code,
            path,
            line: problem.line,
            column: problem.column,
            message: problem.message.clone(),
            help: problem.help.clone(),
        }
    }
}

/// The findings grouped by article, in the order the articles first appear.
pub fn by_article(findings: &[Finding]) -> Vec<(&str, Vec<&Finding>)> {
    let mut articles: Vec<(&str, Vec<&Finding>)> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for f in findings {
        let at = *index.entry(f.path.as_str()).or_insert_with(|| {
            articles.push((f.path.as_str(), Vec::new()));
            articles.len() - 1
        });
        articles[at].1.push(f);
    }
    articles
}

/// The commands that fix one article's findings (see [`by_article`]): a scan for an article
/// whose review file is missing or out of date; for claims, the interactive review and the
/// `mark` command with their ids.
pub fn fix_commands(path: &str, list: &[&Finding]) -> Vec<String> {
    let ids = |keep: &dyn Fn(Code) -> bool| -> Vec<&str> {
        let mut ids: Vec<&str> = list
            .iter()
            .filter(|f| keep(f.code))
            .filter_map(|f| f.claim_id.as_deref())
            .collect();
        ids.dedup();
        ids
    };
    let mut commands = Vec::new();
    for f in list.iter().filter(|f| f.code.is_article_level()) {
        let fix = f.fix();
        if !commands.contains(&fix) {
            commands.push(fix);
        }
    }
    let by_claim = |c: Code| !c.is_article_level() && c != Code::FiguresDisagree;
    if list.iter().any(|f| by_claim(f.code)) {
        commands.push(format!("factcheck review {path}"));
    }
    if list.iter().any(|f| f.code == Code::FiguresDisagree) {
        commands.push("factcheck conflicts".to_string());
    }
    let to_verify = ids(&|c| by_claim(c) && c != Code::NoReviewer);
    if !to_verify.is_empty() {
        commands.push(format!(
            "factcheck mark {path} {} --status verified --source \"…\"",
            to_verify.join(" ")
        ));
    }
    let unnamed = ids(&|c| c == Code::NoReviewer);
    if !unnamed.is_empty() {
        commands.push(format!(
            "factcheck mark {path} {} --status STATUS --reviewer NAME",
            unnamed.join(" ")
        ));
    }
    commands
}

fn fails(policy: &Policy, state: FailState) -> bool {
    policy.fail.contains(&state)
}

/// The reasons one claim fails the policy.
pub fn claim_failures(claim: &ReviewClaim, policy: &Policy) -> Vec<Code> {
    let mut out = Vec::new();
    // Two verdicts from a merge always need a decision, whatever the policy.
    if claim.is_conflicted() {
        out.push(Code::Conflicted);
    }
    if fails(policy, FailState::Status(claim.status)) {
        out.push(Code::of_status(claim.status));
    }
    if claim.changed && fails(policy, FailState::Changed) {
        out.push(Code::Changed);
    }
    if claim.status == Status::Verified && policy.require_source && claim.source.trim().is_empty() {
        out.push(Code::NoSource);
    }
    if claim.status.is_reviewed() && policy.require_reviewer && claim.reviewer.trim().is_empty() {
        out.push(Code::NoReviewer);
    }
    out
}

/// The findings for figures that disagree and that no reviewer has explained: one at each
/// claim of an open group that takes part in a disagreement, naming what it disagrees with.
pub fn conflict_findings(groups: &[Group], policy: &CheckPolicy) -> Vec<Finding> {
    let mut out = Vec::new();
    for g in groups.iter().filter(|g| g.is_open()) {
        for (k, figure) in g.figures.iter().enumerate() {
            let against: Vec<String> = g
                .disagreements
                .iter()
                .filter_map(|d| match (d.a == k, d.b == k) {
                    (true, _) => Some(d.b),
                    (_, true) => Some(d.a),
                    _ => None,
                })
                .filter_map(|other| g.figures[other].occurrences.first())
                .map(|o| format!("\"{}\" ({}:{})", o.text, o.path, o.line))
                .collect();
            if against.is_empty() {
                continue;
            }
            for o in &figure.occurrences {
                let (line, column) = (o.line.max(1), o.column.max(1));
                let (end_line, end_column) = end_of(line, column, &o.text);
                let severity = if policy.for_article(&o.path).warn_only {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                out.push(Finding {
                    code: Code::FiguresDisagree,
                    severity,
                    path: o.path.clone(),
                    line,
                    column,
                    end_line,
                    end_column,
                    claim_id: Some(o.claim_id.clone()),
                    figure: o.text.clone(),
                    sentence: format!(
                        "{}: cannot also be true with {}; group {}",
                        g.thing,
                        against.join(", "),
                        g.id
                    ),
                    in_changed_lines: false,
                });
            }
        }
    }
    out
}

/// The finding for a review file whose article is gone: it fails the gate until the review
/// file follows its article or is pruned.
pub fn orphan_finding(orphan: &Orphan) -> Finding {
    Finding {
        code: Code::Orphaned,
        severity: Severity::Error,
        path: orphan.shown.clone(),
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        claim_id: None,
        figure: String::new(),
        sentence: format!(
            "its article {} no longer exists; if it moved, run `factcheck scan` so the review file follows it; if it was deleted, run `factcheck scan --prune`",
            orphan.article
        ),
        in_changed_lines: false,
    }
}

/// Every finding for one article under `policy`. `changed_lines` tells whether a line of the
/// article changed since the revision checked against.
pub fn evaluate(
    loaded: &Loaded,
    policy: &Policy,
    changed_lines: &dyn Fn(usize) -> bool,
) -> Vec<Finding> {
    let severity = if policy.warn_only {
        Severity::Warning
    } else {
        Severity::Error
    };
    let article_finding = |code: Code, sentence: String| Finding {
        code,
        severity,
        path: loaded.article.clone(),
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        claim_id: None,
        figure: String::new(),
        sentence,
        in_changed_lines: changed_lines(1),
    };
    if loaded.missing {
        return vec![article_finding(
            Code::NotScanned,
            format!("no review file; run `factcheck scan {}`", loaded.article),
        )];
    }
    let Some(review) = &loaded.review else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if loaded.stale {
        out.push(article_finding(
            Code::OutOfDate,
            format!(
                "the article changed since its last scan; run `factcheck scan {}`",
                loaded.article
            ),
        ));
    }
    for claim in &review.claims {
        let (line, column) = (claim.line.max(1), claim.column.max(1));
        let (end_line, end_column) = end_of(line, column, &claim.text);
        for code in claim_failures(claim, policy) {
            out.push(Finding {
                code,
                severity,
                path: loaded.article.clone(),
                line,
                column,
                end_line,
                end_column,
                claim_id: Some(claim.id.clone()),
                figure: claim.text.clone(),
                sentence: claim.sentence.clone(),
                in_changed_lines: (line..=end_line).any(changed_lines),
            });
        }
    }
    out
}

/// Where a figure written from `line`:`column` ends: its last line, and the column just past
/// its last character.
fn end_of(line: usize, column: usize, text: &str) -> (usize, usize) {
    match text.rsplit_once('\n') {
        Some((before, last)) => (
            line + before.matches('\n').count() + 1,
            last.chars().count() + 1,
        ),
        None => (line, column + text.chars().count()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_ends_past_its_last_character() {
        assert_eq!(end_of(5, 128, "at least 10,000 containers"), (5, 154));
        assert_eq!(end_of(2, 70, "4.8\nmillion"), (3, 8));
    }

    #[test]
    fn every_code_has_a_distinct_name() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        for code in Code::ALL {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::json!(code.as_str())
            );
        }
    }
}
