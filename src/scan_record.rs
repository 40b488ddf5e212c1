//! What earlier scans found up to date, so that a rescan need not extract an article that has
//! not changed since. For each article whose review file a scan found up to date, without a
//! warning, the record keeps the digest of the article's text and the fingerprint of the
//! review file's; while both still match, the file is up to date. It is kept in the
//! annotations directory's `.factcheck/`, one file per build of factcheck, since what a
//! build extracts from a text is its own; without a build to name, nothing is recorded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::digest::fnv1a;
use crate::review::store::Store;

/// An article found up to date: its text and its review file's, as they were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The article's digest.
    pub article: String,
    /// The review file's fingerprint.
    pub review: u64,
    /// The review file has retired claims, so a scan that prunes changes it.
    pub retired: bool,
}

impl Entry {
    /// Whether the review file is still up to date for a scan (pruning or not), given what
    /// the texts are now.
    pub fn holds(&self, article: &str, review: u64, prune: bool) -> bool {
        self.article == article && self.review == review && !(prune && self.retired)
    }
}

/// The record for the running build.
#[derive(Debug, Default)]
pub struct Record {
    /// Its file's name in the state directory; `None` when the build cannot be named.
    name: Option<String>,
    entries: BTreeMap<String, Entry>,
}

const PREFIX: &str = "scan-";
const SUFFIX: &str = ".json";

impl Record {
    /// The record kept for this build under the store's annotations; empty when there is
    /// none or it cannot be read.
    pub fn load(store: &Store<'_>) -> Record {
        let Some(name) = build().map(|b| format!("{PREFIX}{b}{SUFFIX}")) else {
            return Record::default();
        };
        let entries = std::fs::read(store.state_dir().join(&name))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Record {
            name: Some(name),
            entries,
        }
    }

    /// What was recorded for `article`.
    pub fn get(&self, article: &str) -> Option<&Entry> {
        self.entries.get(article)
    }

    /// Records what a scan found for each article (`None`: not found up to date), keeping
    /// the other articles' entries unless `only` those scanned are still wanted, and saves
    /// the record if it changed; records of other builds are removed. A record that cannot
    /// be saved is left as it was: it only saves work.
    pub fn update(
        mut self,
        store: &Store<'_>,
        found: impl IntoIterator<Item = (String, Option<Entry>)>,
        only: bool,
    ) {
        let Some(name) = self.name.take() else {
            return;
        };
        let mut entries = if only {
            BTreeMap::new()
        } else {
            self.entries.clone()
        };
        for (article, entry) in found {
            match entry {
                Some(entry) => entries.insert(article, entry),
                None => entries.remove(&article),
            };
        }
        if entries == self.entries {
            return;
        }
        let Ok(json) = serde_json::to_vec(&entries) else {
            return;
        };
        if store.write_state(&name, &json).is_ok() {
            remove_others(store, &name);
        }
    }
}

/// Removes the records of other builds.
fn remove_others(store: &Store<'_>, name: &str) {
    let dir = store.state_dir();
    let Ok(listing) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in listing.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if file != name && file.starts_with(PREFIX) && file.ends_with(SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A name for the running build: its version and its executable's size and time.
fn build() -> Option<String> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let hash = fnv1a(&[
        env!("CARGO_PKG_VERSION").as_bytes(),
        &meta.len().to_le_bytes(),
        &modified.as_nanos().to_le_bytes(),
    ]);
    Some(format!("{hash:016x}"))
}
