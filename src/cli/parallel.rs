//! Runs one job per item on all cores and returns the results in item order, with an
//! optional progress line on standard error for long runs in a terminal.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Below this many items no progress line is shown.
const PROGRESS_THRESHOLD: usize = 500;

/// Applies `job` to every item in parallel; `label` names the work in the progress line.
pub fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    label: &str,
    job: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    let progress = items.len() >= PROGRESS_THRESHOLD && std::io::stderr().is_terminal();
    // Jobs wait on the file system as much as they compute: four threads a core keep the
    // cores busy while others wait on reads, creates and renames.
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .saturating_mul(4)
        .min(16);
    std::thread::scope(|scope| {
        for _ in 0..workers.min(items.len().max(1)) {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(k) else { break };
                let result = job(item);
                slots.lock().unwrap_or_else(|p| p.into_inner())[k] = Some(result);
                let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                if progress && (finished % 100 == 0 || finished == items.len()) {
                    let end = if finished == items.len() { "\n" } else { "" };
                    let _ = write!(
                        std::io::stderr(),
                        "\r{label} {finished}/{}{end}",
                        items.len()
                    );
                }
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .flatten()
        .collect()
}
