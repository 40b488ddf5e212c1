//! Shared helpers for the `scan` and `mark` integration tests: a temporary repository holding
//! copies of the seed articles, a `factcheck` command with a pinned clock and no colour, and
//! readers for the review files it writes.
#![allow(dead_code)]

pub mod desk;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use assert_cmd::Command;
use tempfile::TempDir;

/// The time every command in the tests believes it is.
pub const NOW: &str = "2025-03-01T12:00:00Z";

/// The five seed articles, relative to a sandbox's root.
pub const SEEDS: [&str; 5] = [
    "seeds/000_f2ecfe456393e018.txt",
    "seeds/001_4e05fcd575987f34.txt",
    "seeds/002_2f03f44ce45c4b05.txt",
    "seeds/003_673378493a6c0162.txt",
    "seeds/004_b0d2ffd4993b0c16.txt",
];

/// A temporary directory with copies of the seed articles under `seeds/`.
pub struct Sandbox {
    dir: TempDir,
}

/// What a finished command printed and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit status, showing both streams when it differs.
    #[track_caller]
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "unexpected exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl Sandbox {
    /// A sandbox with the five seeds and no `factcheck.toml`.
    pub fn new() -> Sandbox {
        let dir = tempfile::Builder::new()
            .prefix("factcheck-test-")
            .tempdir()
            .expect("temp dir");
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        std::fs::create_dir_all(dir.path().join("seeds")).expect("mkdir seeds");
        for seed in SEEDS {
            let name = Path::new(seed).file_name().expect("seed file name");
            std::fs::copy(seeds.join(name), dir.path().join(seed)).expect("copy seed");
        }
        Sandbox { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    /// Replaces the one occurrence of `from` in a file with `to`.
    #[track_caller]
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "{rel} should contain {from:?} exactly once"
        );
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// `factcheck` run in `dir` (relative to the root): pinned clock, no colour, and a git
    /// configuration that names no one unless the test sets it.
    pub fn cmd_in(&self, dir: &str) -> Command {
        Command::from_std(self.std_cmd_in(dir))
    }

    /// The same command as a `std::process::Command`, for processes that keep running.
    pub fn std_cmd_in(&self, dir: &str) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"));
        cmd.current_dir(self.path(dir))
            .env("FACTCHECK_NOW", NOW)
            .env("NO_COLOR", "1")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.path(".gitconfig-absent"))
            .env("USER", "sandbox-user")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        cmd
    }

    /// `factcheck` run at the root.
    pub fn cmd(&self) -> Command {
        self.cmd_in(".")
    }

    /// Runs `factcheck ARGS` at the root.
    pub fn run(&self, args: &[&str]) -> Run {
        finish(self.cmd().args(args))
    }

    /// Runs `factcheck ARGS` in `dir`, relative to the root.
    pub fn run_in(&self, dir: &str, args: &[&str]) -> Run {
        finish(self.cmd_in(dir).args(args))
    }

    /// Scans the given paths and expects success.
    #[track_caller]
    pub fn scan(&self, paths: &[&str]) -> Run {
        let mut args = vec!["scan"];
        args.extend_from_slice(paths);
        self.run(&args).expect(0)
    }

    /// The text of an article's review file.
    pub fn review_text(&self, article: &str) -> String {
        self.read(&review_rel(article))
    }

    /// An article's review file, parsed.
    pub fn review(&self, article: &str) -> toml::Table {
        let text = self.review_text(article);
        toml::from_str(&text).unwrap_or_else(|e| panic!("review file of {article}: {e}\n{text}"))
    }

    /// Sets a file's modification time well in the past.
    pub fn age(&self, rel: &str) -> SystemTime {
        let when = UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let file = std::fs::File::options()
            .write(true)
            .open(self.path(rel))
            .expect("open to age");
        file.set_modified(when).expect("set mtime");
        when
    }

    pub fn mtime(&self, rel: &str) -> SystemTime {
        std::fs::metadata(self.path(rel))
            .and_then(|m| m.modified())
            .expect("mtime")
    }

    /// Makes the root a git repository whose local `user.name` is `name`.
    pub fn git_user(&self, name: &str) {
        for args in [vec!["init", "-q"], vec!["config", "user.name", name]] {
            let status = std::process::Command::new("git")
                .args(&args)
                .current_dir(self.root())
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_CONFIG_GLOBAL", self.path(".gitconfig-absent"))
                .status()
                .expect("git");
            assert!(status.success(), "git {args:?}");
        }
    }
}

fn finish(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("run factcheck");
    Run {
        code: out.status.code().expect("an exit status"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// `seeds/a.txt` → `annotations/seeds/a.toml`; `a.md` → `annotations/a.md.toml`.
pub fn review_rel(article: &str) -> String {
    match article.strip_suffix(".txt") {
        Some(stem) => format!("annotations/{stem}.toml"),
        None => format!("annotations/{article}.toml"),
    }
}

/// The tables under `key` (`claim` or `retired`).
pub fn tables<'t>(review: &'t toml::Table, key: &str) -> Vec<&'t toml::Table> {
    review
        .get(key)
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_table).collect())
        .unwrap_or_default()
}

/// The current claims of a review file.
pub fn claims(review: &toml::Table) -> Vec<&toml::Table> {
    tables(review, "claim")
}

/// The retired claims of a review file.
pub fn retired(review: &toml::Table) -> Vec<&toml::Table> {
    tables(review, "retired")
}

/// A string field of a table, or "" when absent.
pub fn s<'t>(table: &'t toml::Table, key: &str) -> &'t str {
    table.get(key).and_then(toml::Value::as_str).unwrap_or("")
}

/// The one table among `tables` whose `text` is `text`.
#[track_caller]
pub fn by_text<'t>(tables: &[&'t toml::Table], text: &str) -> &'t toml::Table {
    let found: Vec<_> = tables.iter().filter(|t| s(t, "text") == text).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one claim with text {text:?}, found {}; texts: {:?}",
        found.len(),
        tables.iter().map(|t| s(t, "text")).collect::<Vec<_>>()
    );
    found[0]
}

/// The one table among `tables` whose `id` is `id`.
#[track_caller]
pub fn by_id<'t>(tables: &[&'t toml::Table], id: &str) -> &'t toml::Table {
    tables.iter().find(|t| s(t, "id") == id).unwrap_or_else(|| {
        panic!(
            "no claim {id}; ids: {:?}",
            tables.iter().map(|t| s(t, "id")).collect::<Vec<_>>()
        )
    })
}

/// The id of the claim whose `text` is `text`.
#[track_caller]
pub fn id_of(review: &toml::Table, text: &str) -> String {
    s(by_text(&claims(review), text), "id").to_string()
}

/// Replaces the line `key = ...` inside the `[[claim]]` with `id`, as a person would.
#[track_caller]
pub fn set_line(review_text: &str, id: &str, key: &str, line: &str) -> String {
    let start = review_text
        .find(&format!("id = \"{id}\""))
        .unwrap_or_else(|| panic!("claim {id} not in the file"));
    let prefix = format!("\n{key} = ");
    let at = start
        + review_text[start..]
            .find(&prefix)
            .unwrap_or_else(|| panic!("no {key} in claim {id}"))
        + 1;
    let end = at
        + review_text[at..]
            .find('\n')
            .unwrap_or(review_text.len() - at);
    format!("{}{line}{}", &review_text[..at], &review_text[end..])
}

/// Inserts `text` (whole lines) just before the line `key = ...` of claim `id`.
#[track_caller]
pub fn insert_before(review_text: &str, id: &str, key: &str, text: &str) -> String {
    let start = review_text
        .find(&format!("id = \"{id}\""))
        .unwrap_or_else(|| panic!("claim {id} not in the file"));
    let at = start
        + review_text[start..]
            .find(&format!("\n{key} = "))
            .unwrap_or_else(|| panic!("no {key} in claim {id}"))
        + 1;
    format!("{}{text}{}", &review_text[..at], &review_text[at..])
}
pub mod git;
