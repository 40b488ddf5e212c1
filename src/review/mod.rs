//! Review files: one TOML file per article under `annotations/`, edited by people and by
//! factcheck. `parse` reads and validates one (`fast` reads one that has nothing to report
//! quicker, for commands that only read, through `plain` when it is laid out as factcheck
//! writes it), `edit` changes one in place, `matching` pairs old
//! and new claims, `decisions` keeps reviewers' explanations of differing figures, `layout`
//! decides where each file lives and how claims are named,
//! `sections` splits a file into its top-level tables for reading one at a time, and `store`
//! is the one way files are opened, locked and saved (`claim_edit` changes a few claims of a
//! large file through it).

pub mod claim_edit;
pub mod decisions;
pub mod edit;
pub mod fast;
pub mod layout;
pub mod load;
pub mod matching;
pub mod merge;
pub mod model;
pub mod parse;
mod plain;
pub mod sections;
pub mod session;
pub mod store;

pub use decisions::Decision;
pub use model::{HistoryEntry, ReviewClaim, ReviewFile, Status};
pub use parse::{parse, parse_for_edit, Diagnostic};

/// The texts of this project's seed review files (`annotations/seeds/`), in text order.
#[cfg(test)]
pub(crate) fn seed_review_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/seeds");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    files.sort();
    files
}
