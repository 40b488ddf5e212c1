//! Archive-scale runs of the commands through the real binary, on 1,000 and 10,000 generated
//! articles (`FACTCHECK_SCALE=10000,50000` for other sizes): a first scan, a no-change rescan,
//! a rescan after every article was edited, `check`, `status`, `conflicts`, and `diff`
//! between the commits before and after the edit. Each is printed as wall time, as a ratio to
//! reading the same files once with `find … | xargs -0 cat | wc -w` (articles and review files
//! for a scan, review files for the others, twice the review files for `diff`), and with the
//! process's peak resident memory. The articles are the BBC archive beside the project
//! (`../shared/corpus/bbc`) when it is there, else the seeds, each copy under a line of its
//! own. A table, not a criterion bench: one run of the largest size takes minutes.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "support/mod.rs"]
mod support;

use support::{run, BIN};

/// The texts the articles are copied from.
fn sources() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bbc = root.join("../shared/corpus/bbc");
    let dir = if bbc.is_dir() {
        bbc
    } else {
        root.join("seeds")
    };
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("corpus").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .iter()
        .filter_map(|p| String::from_utf8(std::fs::read(p).ok()?).ok())
        .collect()
}

fn write_articles(dir: &Path, n: usize, texts: &[String]) {
    for k in 0..n {
        let sub = dir.join(format!("articles/{:03}", k / 500));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let text = format!("Edition {k}\n\n{}", texts[k % texts.len()]);
        std::fs::write(sub.join(format!("{k:05}.txt")), text).expect("write article");
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// How long reading the files `find` selects under `dir` takes, as the shell does it:
/// `find … -print0 | xargs -0 cat | wc -w`, every byte read once and its words counted.
fn read_once(dir: &Path, selection: &str) -> Duration {
    let script = format!("find {selection} -print0 | xargs -0 cat | wc -w");
    measure(dir, "sh", &["-c", &script]).0
}

/// Runs a command in `dir`; its wall time and peak resident memory in KiB.
#[expect(
    clippy::zombie_processes,
    reason = "wait4 reaps the child, with its resource usage"
)]
fn measure(dir: &Path, program: &str, args: &[&str]) -> (Duration, u64) {
    let start = Instant::now();
    let child = Command::new(program)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; the pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(waited, pid, "wait4");
    let code = libc::WEXITSTATUS(status);
    assert!(code <= 1, "{program} {args:?} exited {code}");
    (elapsed, usage.ru_maxrss as u64)
}

fn row(what: &str, n: usize, (time, rss): (Duration, u64), baseline: Duration) {
    println!(
        "| {what} | {n} | {:.2} s | {:.1}× | {} MiB |",
        time.as_secs_f64(),
        time.as_secs_f64() / baseline.as_secs_f64().max(1e-6),
        rss / 1024
    );
}

fn main() {
    // cargo passes `--bench`; the sizes come from the environment.
    let sizes: Vec<usize> = std::env::var("FACTCHECK_SCALE")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let texts = sources();
    println!("| command | articles | wall | × reading the files once | peak RSS |");
    println!("|---|---|---|---|---|");
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        run(root, "git", &["init", "-q"]);
        write_articles(root, n, &texts);
        std::fs::write(
            root.join("factcheck.toml"),
            "articles = [\"articles/**/*.txt\"]\n",
        )
        .expect("config");
        let articles = files_under(&root.join("articles"));
        let read_articles = read_once(root, "articles -name '*.txt'");
        let first = measure(root, BIN, &["scan", "-q"]);
        let read_reviews = read_once(root, "annotations -name '*.toml'");
        let read_all = read_once(
            root,
            "articles annotations -type f \\( -name '*.txt' -o -name '*.toml' \\)",
        );
        row("first `scan`", n, first, read_articles);
        row(
            "`scan`, nothing changed",
            n,
            measure(root, BIN, &["scan", "-q"]),
            read_all,
        );
        row(
            "`check`",
            n,
            measure(root, BIN, &["check", "-q"]),
            read_reviews,
        );
        row("`status`", n, measure(root, BIN, &["status"]), read_reviews);
        row(
            "`conflicts`",
            n,
            measure(root, BIN, &["conflicts"]),
            read_reviews,
        );
        run(root, "git", &["add", "-A"]);
        run(root, "git", &["commit", "-qm", "scan"]);
        for path in &articles {
            let text = std::fs::read_to_string(path).expect("article");
            std::fs::write(path, format!("Updated at noon.\n\n{text}")).expect("edit");
        }
        let edited = measure(root, BIN, &["scan", "-q"]);
        row("`scan`, every article edited", n, edited, read_all);
        run(root, "git", &["commit", "-qam", "rescan"]);
        let both = read_reviews * 2;
        row(
            "`diff HEAD~1 HEAD`",
            n,
            measure(root, BIN, &["diff", "HEAD~1", "HEAD"]),
            both,
        );
    }
}
