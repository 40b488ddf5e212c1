//! Review files: one TOML file per article under `annotations/`, edited by people and by
//! factcheck. `parse` reads and validates one, `edit` changes one in place, `matching` pairs old
//! and new claims, `layout` decides where each file lives and how claims are named, and
//! `store` is the one way files are opened, locked and saved.

pub mod edit;
pub mod layout;
pub mod load;
pub mod matching;
pub mod merge;
pub mod model;
pub mod parse;
pub mod session;
pub mod store;

pub use model::{HistoryEntry, ReviewClaim, ReviewFile, Status};
pub use parse::{parse, parse_for_edit, Diagnostic};
