//! Runs one job per item on all cores and returns the results in item order, with a
//! progress bar on standard error when it is a terminal and the work takes more than a moment.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long work runs before a progress bar appears.
const PATIENCE: Duration = Duration::from_millis(300);

/// Applies `job` to every item in parallel; `label` names the work in the progress bar.
pub fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    label: &str,
    job: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    let progress = Progress::new(label, items.len());
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
                progress.show(done.fetch_add(1, Ordering::Relaxed) + 1);
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

/// A one-line progress bar, drawn only in a terminal once the work has taken a moment.
struct Progress<'a> {
    label: &'a str,
    total: usize,
    started: Instant,
    enabled: bool,
    /// Keeps two workers from drawing at once.
    drawing: Mutex<()>,
}

impl<'a> Progress<'a> {
    fn new(label: &'a str, total: usize) -> Self {
        Self {
            label,
            total,
            started: Instant::now(),
            enabled: std::io::stderr().is_terminal(),
            drawing: Mutex::new(()),
        }
    }

    fn show(&self, finished: usize) {
        let step = (self.total / 100).max(1);
        let due = finished % step == 0 || finished == self.total;
        if !self.enabled || !due || self.started.elapsed() < PATIENCE {
            return;
        }
        let _drawing = self.drawing.lock().unwrap_or_else(|p| p.into_inner());
        const WIDTH: usize = 30;
        let filled = WIDTH * finished / self.total.max(1);
        let end = if finished == self.total { "\n" } else { "" };
        let _ = write!(
            std::io::stderr(),
            "\r{} [{}{}] {finished}/{}{end}",
            self.label,
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            self.total
        );
    }
}
