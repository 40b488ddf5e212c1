//! Notices when review files or articles change on disk (a `scan` in another terminal, a
//! `git checkout`, a hand edit, the desk's own saves) and counts each burst of changes once,
//! so open pages refresh. Watches the annotations directory, the directories holding the
//! served articles, and the root (for `factcheck.toml`); the store's lock and temporary files
//! are not changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::watch::Sender;

use super::Desk;
use crate::review::store::STATE_DIR;

/// How long a burst of changes may go on before pages are told.
const SETTLE: Duration = Duration::from_millis(150);

/// Starts watching; changes are counted on `changed` for as long as the watcher lives.
pub fn start(desk: &Desk, changed: Sender<u64>) -> Result<RecommendedWatcher, String> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| e.to_string())?;
    let ws = &desk.ws;
    let annotations = ws.annotations();
    if annotations.is_dir() {
        watcher
            .watch(&annotations, RecursiveMode::Recursive)
            .map_err(|e| format!("{}: {e}", ws.shown(&annotations)))?;
    }
    for dir in article_dirs(desk) {
        watcher
            .watch(&dir, RecursiveMode::NonRecursive)
            .map_err(|e| format!("{}: {e}", ws.shown(&dir)))?;
    }
    std::thread::Builder::new()
        .name("factcheck-watch".into())
        .spawn(move || count_bursts(&rx, &changed))
        .map_err(|e| e.to_string())?;
    Ok(watcher)
}

/// The root and every directory holding a served article.
fn article_dirs(desk: &Desk) -> BTreeSet<PathBuf> {
    let ws = &desk.ws;
    let mut dirs = BTreeSet::from([ws.root.clone()]);
    for article in ws.select(&desk.given).articles {
        if let Some(parent) = ws.root.join(&article).parent() {
            dirs.insert(parent.to_path_buf());
        }
    }
    dirs
}

/// Waits for a change that matters, lets the burst settle, and counts it once.
fn count_bursts(rx: &mpsc::Receiver<notify::Result<notify::Event>>, changed: &Sender<u64>) {
    while let Ok(event) = rx.recv() {
        if !matters(&event) {
            continue;
        }
        while rx.recv_timeout(SETTLE).is_ok() {}
        changed.send_modify(|n| *n += 1);
        if changed.is_closed() {
            return;
        }
    }
}

fn matters(event: &notify::Result<notify::Event>) -> bool {
    let Ok(event) = event else {
        return true;
    };
    !matches!(event.kind, EventKind::Access(_)) && event.paths.iter().any(|p| !in_store_dir(p))
}

fn in_store_dir(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == STATE_DIR)
}
