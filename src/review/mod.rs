//! Review files: one TOML file per article under `annotations/`, edited by people and by
//! factcheck. `parse` reads and validates one (`fast` reads one that has nothing to report
//! quicker, for commands that only read), `edit` changes one in place, `matching` pairs old
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
pub mod sections;
pub mod session;
pub mod store;

pub use decisions::Decision;
pub use model::{HistoryEntry, ReviewClaim, ReviewFile, Status};
pub use parse::{parse, parse_for_edit, Diagnostic};
