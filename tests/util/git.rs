//! A real temporary git repository holding copies of the seed articles, with a fixed identity,
//! clock and configuration, and `factcheck` on the PATH so git can run the merge driver.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

/// A git repository with the seeds under `seeds/` and a `factcheck.toml` listing them.
pub struct GitRepo {
    pub dir: tempfile::TempDir,
}

impl GitRepo {
    /// An empty directory, not yet a repository (for a `git init` of its own).
    pub fn empty_dir() -> GitRepo {
        GitRepo {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// A new, empty repository on branch `main`.
    pub fn empty() -> GitRepo {
        let repo = GitRepo::empty_dir();
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// The seeds in a new repository on branch `main`, nothing committed.
    pub fn with_seeds() -> GitRepo {
        let repo = GitRepo::empty();
        repo.copy_from_project("seeds");
        repo.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
        repo
    }

    /// Copies a file or directory of this project (relative to its root) to the same place in
    /// the repository; a review directory's `.factcheck/` (locks, temporary files) is left out.
    pub fn copy_from_project(&self, rel: &str) {
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(rel),
            &self.path(rel),
        );
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.path(rel), text).unwrap();
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Replaces every `from` in a file with `to`.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{from:?} is not in {rel}");
        self.write(rel, &text.replace(from, to));
    }

    /// A fixed identity, clock and configuration, with commits dated on `day` of June 2024;
    /// `factcheck` on the PATH for git's merge driver.
    pub fn env(&self, day: u32) -> Vec<(&'static str, String)> {
        let date = format!("2024-06-{day:02}T12:00:00Z");
        let bin = assert_cmd::cargo::cargo_bin("factcheck");
        let path = format!(
            "{}:{}",
            bin.parent().unwrap().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        vec![
            ("HOME", self.dir.path().display().to_string()),
            ("PATH", path),
            ("GIT_CONFIG_NOSYSTEM", "1".into()),
            ("GIT_AUTHOR_NAME", "Ada".into()),
            ("GIT_AUTHOR_EMAIL", "ada@example.com".into()),
            ("GIT_COMMITTER_NAME", "Ada".into()),
            ("GIT_COMMITTER_EMAIL", "ada@example.com".into()),
            ("GIT_AUTHOR_DATE", date.clone()),
            ("GIT_COMMITTER_DATE", date),
            ("FACTCHECK_NOW", "2024-06-30T00:00:00Z".into()),
            ("NO_COLOR", "1".into()),
        ]
    }

    fn command(&self, program: &Path, args: &[&str], day: u32) -> Output {
        std::process::Command::new(program)
            .current_dir(self.dir.path())
            .envs(self.env(day))
            .args(args)
            .output()
            .unwrap()
    }

    fn git_output(&self, args: &[&str], day: u32) -> Output {
        self.command(Path::new("git"), args, day)
    }

    /// Runs git, which must succeed; returns its standard output.
    pub fn git(&self, args: &[&str]) -> String {
        let out = self.git_output(args, 1);
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs git, which must stop (a conflict); returns what it printed.
    pub fn git_fails(&self, args: &[&str]) -> String {
        let out = self.git_output(args, 1);
        assert!(!out.status.success(), "git {args:?} should stop");
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }

    /// Commits everything, dated on `day` of June 2024.
    pub fn commit(&self, message: &str, day: u32) {
        self.git(&["add", "-A"]);
        let out = self.git_output(&["commit", "-q", "-m", message], day);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `factcheck` in the repository, not yet run.
    pub fn factcheck(&self) -> std::process::Command {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("factcheck"));
        command.current_dir(self.dir.path()).envs(self.env(1));
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.factcheck().args(args).output().unwrap()
    }

    /// Runs factcheck, expects `code`, and returns standard output and error.
    pub fn expect(&self, code: i32, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        );
        assert_eq!(
            out.status.code(),
            Some(code),
            "factcheck {args:?}\nstdout: {stdout}\nstderr: {stderr}"
        );
        (stdout, stderr)
    }

    /// Runs factcheck, expects success, and returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        self.expect(0, args).0
    }

    /// Runs factcheck, expects exit 2, and returns its standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        self.expect(2, args).1
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            if entry.file_name() != ".factcheck" {
                copy_tree(&entry.path(), &to.join(entry.file_name()));
            }
        }
    } else {
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
    }
}
