//! The progress bar on standard error: drawn only in a terminal, once work has taken a
//! moment, for the runs the core reports through `parallel::observe`.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long work runs before a progress bar appears.
const PATIENCE: Duration = Duration::from_millis(300);
const WIDTH: usize = 30;

/// The run being drawn: its label, size, when it started and how far it got.
struct Run {
    label: String,
    total: usize,
    started: Instant,
    finished: usize,
}

/// Installs the bar when standard error is a terminal.
pub fn install() {
    if !std::io::stderr().is_terminal() {
        return;
    }
    let current: Mutex<Option<Run>> = Mutex::new(None);
    crate::parallel::observe(Box::new(move |label, finished, total| {
        let mut current = current.lock().unwrap_or_else(|p| p.into_inner());
        let same_run = current
            .as_ref()
            .is_some_and(|r| r.label == label && r.total == total && r.finished < finished);
        if !same_run {
            *current = Some(Run {
                label: label.to_string(),
                total,
                started: Instant::now(),
                finished,
            });
        }
        let Some(run) = current.as_mut() else {
            return;
        };
        run.finished = finished;
        let step = (total / 100).max(1);
        let due = finished % step == 0 || finished == total;
        if !due || run.started.elapsed() < PATIENCE {
            return;
        }
        let filled = WIDTH * finished / total.max(1);
        let end = if finished == total { "\n" } else { "" };
        let _ = write!(
            std::io::stderr(),
            "\r{label} [{}{}] {finished}/{total}{end}",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
        );
    }));
}
