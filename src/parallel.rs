//! Runs one job per item on all cores and returns the results in item order, telling the
//! progress observer the front end installed (a progress bar, in a terminal) how far it got.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, OnceLock};

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
    let mut results = Vec::with_capacity(items.len());
    each_in_order(items, label, job, |result| results.push(result));
    results
}

/// Applies `job` to every item in parallel, as [`map_ordered`] does, and hands each result to
/// `take` on the calling thread, in item order, as soon as it and those before it are done:
/// what `take` keeps of them is all that stays.
pub fn each_in_order<T: Sync, R: Send>(
    items: &[T],
    label: &str,
    job: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(R),
) {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
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
    let (sender, finished) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..workers.min(items.len().max(1)) {
            let sender = sender.clone();
            let (next, done, job, progress) = (&next, &done, &job, &progress);
            scope.spawn(move || loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(k) else { break };
                if sender.send((k, job(item))).is_err() {
                    break;
                }
                progress(done.fetch_add(1, Ordering::Relaxed) + 1);
            });
        }
        drop(sender);
        // Results that came before the ones ahead of them.
        let mut waiting: Vec<Option<R>> = (0..total).map(|_| None).collect();
        let mut front = 0;
        for (k, result) in finished {
            waiting[k] = Some(result);
            while let Some(result) = waiting.get_mut(front).and_then(Option::take) {
                take(result);
                front += 1;
            }
        }
    });
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
