//! An interactive review pass without the terminal: the queue of claims that need a person,
//! what each key decides and how it changes a review document, and the tally at the end.

use toml_edit::DocumentMut;

use std::path::Path;

use super::edit::{set_note, set_verdict, Verdict};
use super::model::{ReviewClaim, ReviewFile, Status};
use crate::workspace::Workspace;

/// Whether a claim waits for a person: never reviewed, its sentence changed since, or a
/// merge left it with two verdicts.
pub fn needs_person(claim: &ReviewClaim) -> bool {
    claim.status == Status::Pending || claim.changed || claim.is_conflicted()
}

/// A claim verified with a source earlier in the same review file, for the same figure
/// (value, range, bound and unit) as `claim`: its source can be offered for `claim` too.
pub fn earlier_source<'a>(file: &'a ReviewFile, claim: &ReviewClaim) -> Option<&'a ReviewClaim> {
    file.claims
        .iter()
        .take_while(|c| c.id != claim.id)
        .find(|c| {
            c.status == Status::Verified
                && !c.source.trim().is_empty()
                && (c.value, c.low, c.high, c.bound)
                    == (claim.value, claim.low, claim.high, claim.bound)
                && c.unit.eq_ignore_ascii_case(&claim.unit)
        })
}

/// What a reviewer decided on one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Verified {
        source: String,
    },
    Disputed {
        note: String,
    },
    Unsourced {
        note: String,
    },
    Dismissed,
    /// A new note; the verdict stays as it is.
    Note(String),
}

impl Decision {
    /// The verdict the decision records, or `None` for a note alone.
    pub fn status(&self) -> Option<Status> {
        match self {
            Decision::Verified { .. } => Some(Status::Verified),
            Decision::Disputed { .. } => Some(Status::Disputed),
            Decision::Unsourced { .. } => Some(Status::Unsourced),
            Decision::Dismissed => Some(Status::Dismissed),
            Decision::Note(_) => None,
        }
    }
}

/// Records `decision` on claim `id` of a review document, as `factcheck mark` would.
pub fn apply(
    doc: &mut DocumentMut,
    id: &str,
    decision: &Decision,
    reviewer: &str,
    now: &str,
) -> Result<(), String> {
    let (source, note) = match decision {
        Decision::Verified { source } if source.trim().is_empty() => {
            return Err("verified needs a source; the claim was not marked".into())
        }
        Decision::Verified { source } => (Some(source.as_str()), None),
        Decision::Disputed { note } | Decision::Unsourced { note } => (None, Some(note.as_str())),
        Decision::Dismissed => (None, None),
        Decision::Note(note) => {
            return set_note(doc, id, note)
                .then_some(())
                .ok_or_else(|| gone(id));
        }
    };
    let status = decision.status().unwrap_or(Status::Pending);
    let verdict = Verdict {
        status,
        source,
        note,
        reviewer,
        now,
    };
    set_verdict(doc, id, &verdict)
        .then_some(())
        .ok_or_else(|| gone(id))
}

/// Records `decision` on claim `id` of `article`'s review file, re-read under its lock so
/// edits made meanwhile survive; returns the file as saved, or what went wrong.
pub fn save_decision(
    ws: &Workspace,
    article: &str,
    id: &str,
    decision: &Decision,
    reviewer: &str,
    now: &str,
) -> Result<ReviewFile, String> {
    let store = ws.store();
    let mut edit = match store.edit_existing(&ws.review_path(article)) {
        Ok(Some(edit)) => edit,
        Ok(None) => {
            return Err(format!(
                "{article}: its review file is gone; nothing was saved"
            ))
        }
        Err(e) => return Err(e.to_string()),
    };
    apply(&mut edit.doc, id, decision, reviewer, now)?;
    edit.save().map_err(|e| e.to_string())?;
    let saved = edit.after();
    match super::parse(Path::new(edit.shown()), &saved) {
        (Some(file), _) => Ok(file),
        (None, _) => Err(format!("{}: saved but unreadable", edit.shown())),
    }
}

fn gone(id: &str) -> String {
    format!("claim `{id}` is no longer in the review file; it was not marked")
}

/// What became of a claim in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Unseen,
    Skipped,
    Decided(Status),
}

struct Slot {
    file: usize,
    claim: ReviewClaim,
    mark: Mark,
}

/// The claim on screen.
pub struct Current<'a> {
    /// 1-based position in the queue.
    pub index: usize,
    pub total: usize,
    pub file: &'a ReviewFile,
    pub file_index: usize,
    pub claim: &'a ReviewClaim,
}

/// How the pass went, for the closing summary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub total: usize,
    /// Verdicts given, by status, in `Status::ALL` order.
    pub decided: Vec<(Status, usize)>,
    pub notes: usize,
    pub skipped: usize,
    pub unseen: usize,
    /// Articles whose review file was written.
    pub saved: Vec<String>,
}

/// A pass through the queued claims of some review files, article by article.
pub struct Session {
    files: Vec<ReviewFile>,
    queue: Vec<Slot>,
    pos: usize,
    notes: usize,
    saved: Vec<bool>,
}

impl Session {
    /// Queues the claims that need a person, or every current claim with `all`.
    pub fn new(files: Vec<ReviewFile>, all: bool) -> Session {
        let queue = files
            .iter()
            .enumerate()
            .flat_map(|(k, f)| f.claims.iter().map(move |c| (k, c)))
            .filter(|(_, c)| all || needs_person(c))
            .map(|(file, claim)| Slot {
                file,
                claim: claim.clone(),
                mark: Mark::Unseen,
            })
            .collect();
        let saved = vec![false; files.len()];
        Session {
            files,
            queue,
            pos: 0,
            notes: 0,
            saved,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// The claim to decide on, or `None` when the pass is over.
    pub fn current(&self) -> Option<Current<'_>> {
        let slot = self.queue.get(self.pos)?;
        Some(Current {
            index: self.pos + 1,
            total: self.queue.len(),
            file: &self.files[slot.file],
            file_index: slot.file,
            claim: &slot.claim,
        })
    }

    /// Notes that `decision` was saved for the current claim (its file re-read as `file`),
    /// and moves on unless it was a note alone.
    pub fn record(&mut self, decision: &Decision, file: ReviewFile) {
        let Some(slot) = self.queue.get_mut(self.pos) else {
            return;
        };
        let k = slot.file;
        match decision.status() {
            Some(status) => {
                slot.mark = Mark::Decided(status);
                self.pos += 1;
            }
            None => self.notes += 1,
        }
        self.saved[k] = true;
        for slot in self.queue.iter_mut().filter(|s| s.file == k) {
            if let Some(c) = file.claim(&slot.claim.id) {
                slot.claim = c.clone();
            }
        }
        self.files[k] = file;
    }

    /// Leaves the current claim as it is and moves on.
    pub fn skip(&mut self) {
        if let Some(slot) = self.queue.get_mut(self.pos) {
            if slot.mark == Mark::Unseen {
                slot.mark = Mark::Skipped;
            }
            self.pos += 1;
        }
    }

    /// Goes back to the previous claim; false at the first.
    pub fn back(&mut self) -> bool {
        let moved = self.pos > 0;
        self.pos = self.pos.saturating_sub(1);
        moved
    }

    pub fn summary(&self) -> Summary {
        let count = |m: Mark| self.queue.iter().filter(|s| s.mark == m).count();
        let decided = Status::ALL
            .into_iter()
            .map(|st| (st, count(Mark::Decided(st))))
            .filter(|(_, n)| *n > 0)
            .collect();
        Summary {
            total: self.queue.len(),
            decided,
            notes: self.notes,
            skipped: count(Mark::Skipped),
            unseen: count(Mark::Unseen),
            saved: self
                .files
                .iter()
                .zip(&self.saved)
                .filter(|(_, saved)| **saved)
                .map(|(f, _)| f.article.clone())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::parse_for_edit;

    const FILE: &str = r#"# desk comment
[article]
path = "a.txt"
title = "A"
digest = "d"

[[claim]]
id = "c1"
line = 1
column = 1
text = "10 ships"
sentence = "There were 10 ships."
value = 10
unit = "ships"
bound = "exact"
kind = "count"
status = "pending"
source = ""
note = ""
reviewer = ""
reviewed_at = ""

[[claim]]
id = "c2"
line = 2
column = 1
text = "5 tanks"
sentence = "And 5 tanks."
value = 5
unit = "tanks"
bound = "exact"
kind = "count"
status = "verified"
source = "MoD"
note = ""
reviewer = "Ann"
reviewed_at = "2025-01-01T00:00:00Z"
"#;

    fn parsed(text: &str) -> (ReviewFile, DocumentMut) {
        parse_for_edit(Path::new("a.toml"), text)
            .0
            .expect("a valid review file")
    }

    #[test]
    fn offers_the_source_of_the_same_figure_verified_earlier() {
        let ships = &FILE[FILE.find("[[claim]]").unwrap()..FILE.rfind("[[claim]]").unwrap()];
        let text = format!("{FILE}\n{}", ships.replace("\"c1\"", "\"c3\""));
        let (mut file, _) = parsed(&text);
        let later = file.claim("c3").expect("c3").clone();
        assert_eq!(earlier_source(&file, &later), None, "c1 is pending");
        file.claims[0].status = Status::Verified;
        file.claims[0].source = "Port log".into();
        let first = file.claims[0].clone();
        assert_eq!(
            earlier_source(&file, &later).map(|c| c.id.as_str()),
            Some("c1")
        );
        assert_eq!(
            earlier_source(&file, &first),
            None,
            "nothing before the first"
        );
    }

    #[test]
    fn queues_pending_claims_unless_all() {
        let (file, _) = parsed(FILE);
        assert_eq!(Session::new(vec![file.clone()], false).queue.len(), 1);
        assert_eq!(Session::new(vec![file], true).queue.len(), 2);
    }

    #[test]
    fn applies_decisions_in_place() {
        let (_, mut doc) = parsed(FILE);
        let verified = Decision::Verified {
            source: "Reuters".into(),
        };
        apply(&mut doc, "c1", &verified, "Bo", "2025-01-02T00:00:00Z").expect("applied");
        let text = doc.to_string();
        assert!(text.starts_with("# desk comment\n"));
        assert!(text.contains("status = \"verified\"\nsource = \"Reuters\""));
        let empty = Decision::Verified { source: " ".into() };
        assert!(apply(&mut doc, "c1", &empty, "Bo", "2025-01-02T00:00:00Z").is_err());
        assert!(apply(
            &mut doc,
            "zz",
            &Decision::Dismissed,
            "Bo",
            "2025-01-02T00:00:00Z"
        )
        .is_err());
        apply(
            &mut doc,
            "c2",
            &Decision::Note("see desk".into()),
            "Bo",
            "2025-01-03T00:00:00Z",
        )
        .expect("noted");
        let (file, _) = parsed(&doc.to_string());
        let c2 = file.claim("c2").expect("c2");
        assert_eq!(
            (c2.note.as_str(), c2.reviewer.as_str()),
            ("see desk", "Ann")
        );
    }

    #[test]
    fn tallies_the_last_word_on_each_claim() {
        let (file, mut doc) = parsed(FILE);
        let mut session = Session::new(vec![file], true);
        session.skip();
        assert!(session.back());
        assert!(!session.back());
        let disputed = Decision::Disputed { note: "no".into() };
        apply(&mut doc, "c1", &disputed, "Bo", "2025-01-02T00:00:00Z").expect("applied");
        let (after, _) = parsed(&doc.to_string());
        session.record(&disputed, after);
        assert!(session.back());
        assert_eq!(
            session.current().map(|c| c.claim.status),
            Some(Status::Disputed)
        );
        session.skip();
        let summary = session.summary();
        assert_eq!(summary.decided, vec![(Status::Disputed, 1)]);
        assert_eq!((summary.skipped, summary.unseen), (0, 1));
        assert_eq!(summary.saved, vec!["a.txt".to_string()]);
    }
}
