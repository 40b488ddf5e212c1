//! Runs one job per item on all cores and returns the results in item order, telling the
//! progress observer the front end installed (a progress bar, in a terminal) how far it got.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Told `(label, finished, total)` as jobs finish.
pub type Observer = dyn Fn(&str, usize, usize) + Send + Sync;

static OBSERVER: OnceLock<Box<Observer>> = OnceLock::new();

/// Installs the process's progress observer; only the first call counts.
pub fn observe(observer: Box<Observer>) {
    let _ = OBSERVER.set(observer);
}

/// Applies `job` to every item in parallel; `label` names the work in the progress bar.
pub fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    label: &str,
    job: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    let total = items.len();
    let progress = |finished| {
        if let Some(observer) = OBSERVER.get() {
            observer(label, finished, total)
        }
    };
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
                progress(done.fetch_add(1, Ordering::Relaxed) + 1);
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

/// Applies `job` to every item, the items split among the cores (one thread a core: the work
/// computes, it does not wait), and returns the results in item order. For the parts of one
/// large job, so no progress is reported.
pub fn map_on_cores<T: Sync, R: Send>(items: &[T], job: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = items.len().div_ceil(cores).max(1);
    if cores < 2 || items.len() < 2 {
        return items.iter().map(job).collect();
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&job).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}
