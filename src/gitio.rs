//! Reading a git repository through the system `git`, run with its arguments as arguments
//! (never through a shell): resolving revisions, listing trees, renames between trees, file
//! histories, and blobs read in one `git cat-file --batch` pass.

use crate::render::sanitize::terminal;
use std::fmt;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why git could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    /// `git` could not be started.
    Missing(String),
    /// The directory is not inside a git repository.
    NotARepository(PathBuf),
    /// A revision that does not name a commit.
    UnknownRevision(String),
    /// A revision that names no commit in a shallow clone, whose older history is not there.
    CutOff(String),
    /// git failed; its message.
    Failed(String),
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::Missing(e) => write!(f, "cannot run git: {e}\n  help: install git and put it on PATH"),
            GitError::NotARepository(dir) => write!(
                f,
                "{} is not in a git repository\n  help: run factcheck diff and log inside a clone, or compare two files with `factcheck diff --files OLD NEW`",
                terminal(&dir.display().to_string())
            ),
            GitError::UnknownRevision(rev) => write!(
                f,
                "unknown revision `{}`: it names no commit in this repository\n  help: `git log --oneline` lists the commits",
                terminal(rev)
            ),
            GitError::CutOff(rev) => write!(
                f,
                "unknown revision `{}`: this clone is shallow and its history is cut off, so older commits are not there\n  help: fetch the whole history with `git fetch --unshallow` (in GitHub Actions, `fetch-depth: 0` in actions/checkout)",
                terminal(rev)
            ),
            GitError::Failed(message) => write!(f, "git failed: {}", terminal(message.trim_end())),
        }
    }
}

impl std::error::Error for GitError {}

/// A commit that touched a file, and the file's path in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touch {
    pub commit: String,
    pub author: String,
    /// Author date, ISO 8601.
    pub date: String,
    pub subject: String,
    pub path: String,
    /// The commit deleted the file.
    pub deleted: bool,
    /// The clone's history is cut off at this commit (a shallow clone): what came before it
    /// is not known.
    pub cut_off: bool,
}

/// A repository, by its top-level directory.
#[derive(Debug, Clone)]
pub struct Repo {
    pub root: PathBuf,
}

impl Repo {
    /// The repository containing `dir`.
    pub fn discover(dir: &Path) -> Result<Repo, GitError> {
        let out = run_in(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
            GitError::Failed(_) => GitError::NotARepository(dir.to_path_buf()),
            other => other,
        })?;
        let root = PathBuf::from(out.trim_end_matches('\n'));
        Ok(Repo {
            root: root.canonicalize().unwrap_or(root),
        })
    }

    fn run(&self, args: &[&str]) -> Result<String, GitError> {
        run_in(&self.root, args)
    }

    /// The commit a revision names.
    pub fn resolve(&self, rev: &str) -> Result<String, GitError> {
        if rev.starts_with('-') {
            return Err(GitError::UnknownRevision(rev.to_string()));
        }
        self.run(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
        .map(|s| s.trim().to_string())
        .map_err(|_| match self.is_shallow() {
            true => GitError::CutOff(rev.to_string()),
            false => GitError::UnknownRevision(rev.to_string()),
        })
    }

    /// Whether this is a shallow clone, its history cut off.
    pub fn is_shallow(&self) -> bool {
        self.run(&["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|out| out.trim() == "true")
    }

    /// The commits at which a shallow clone's history is cut off (none in a full clone).
    fn cut_off_commits(&self) -> Vec<String> {
        if !self.is_shallow() {
            return Vec::new();
        }
        let Ok(file) = self.run(&["rev-parse", "--git-path", "shallow"]) else {
            return Vec::new();
        };
        std::fs::read_to_string(self.root.join(file.trim()))
            .map(|text| text.lines().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// Every blob under `dir` in a commit, as (path, object id), paths from the root.
    pub fn tree(&self, commit: &str, dir: &str) -> Result<Vec<(String, String)>, GitError> {
        let out = self.run(&["ls-tree", "-r", "-z", "--full-tree", commit, "--", dir])?;
        Ok(out
            .split('\0')
            .filter_map(|entry| {
                let (meta, path) = entry.split_once('\t')?;
                let mut parts = meta.split(' ');
                let (_mode, kind, oid) = (parts.next()?, parts.next()?, parts.next()?);
                (kind == "blob").then(|| (path.to_string(), oid.to_string()))
            })
            .collect())
    }

    /// The files under `dir` in the working tree that git tracks or would track, as paths
    /// from the root.
    pub fn worktree_files(&self, dir: &str) -> Result<Vec<String>, GitError> {
        let out = self.run(&[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
            "--full-name",
            "--",
            dir,
        ])?;
        let mut files: Vec<String> = out
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        files.dedup();
        Ok(files)
    }

    /// The renames between a commit and another commit, or the working tree when `to` is
    /// `None`, among the given paths.
    pub fn renames(
        &self,
        from: &str,
        to: Option<&str>,
        paths: &[&str],
    ) -> Result<Vec<(String, String)>, GitError> {
        let mut args = vec!["diff", "--name-status", "-z", "-M", "--no-color", from];
        args.extend(to);
        args.push("--");
        args.extend(paths);
        let out = self.run(&args)?;
        Ok(renames_in(&out))
    }

    /// The commits that touched `path` along the first-parent line, oldest first: a merge
    /// counts as one commit with what it brought in, so the history reads like the branch it
    /// was merged into. Renames git detects are followed (but not copies: a file copied from
    /// another starts its own history).
    pub fn history(&self, path: &str) -> Result<Vec<Touch>, GitError> {
        let mut touches = Vec::new();
        let mut path = path.to_string();
        let mut until = "HEAD".to_string();
        loop {
            let out = self.run(&[
                "log",
                "--first-parent",
                "--diff-merges=first-parent",
                "--no-color",
                "--date=iso-strict",
                "--format=%x1e%H%x1f%an%x1f%ad%x1f%s",
                "--name-status",
                "-z",
                &until,
                "--",
                &path,
            ])?;
            let found: Vec<Touch> = out.split('\x1e').filter_map(parse_touch).collect();
            let Some(oldest) = found.last().map(|t| t.commit.clone()) else {
                break;
            };
            touches.extend(found);
            match self.rename_source(&oldest, &path)? {
                Some(from) => {
                    path = from;
                    until = format!("{oldest}^");
                }
                None => break,
            }
        }
        touches.reverse();
        let cut_off = self.cut_off_commits();
        for touch in &mut touches {
            touch.cut_off = cut_off.contains(&touch.commit);
        }
        Ok(touches)
    }

    /// The path `path` was renamed from in `commit` (against its first parent), if it was.
    fn rename_source(&self, commit: &str, path: &str) -> Result<Option<String>, GitError> {
        let parent = format!("{commit}^");
        if self.resolve(&parent).is_err() {
            return Ok(None);
        }
        let out = self.run(&[
            "diff",
            "--name-status",
            "-z",
            "-M",
            "--no-color",
            &parent,
            commit,
        ])?;
        Ok(renames_in(&out)
            .into_iter()
            .find_map(|(from, to)| (to == path).then_some(from)))
    }

    /// The contents of objects (`oid` or `rev:path`), read in one `git cat-file --batch`
    /// pass; `None` for an object that does not exist.
    pub fn blobs(&self, names: &[String]) -> Result<Vec<Option<Vec<u8>>>, GitError> {
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let mut child = git()
            .arg("-C")
            .arg(&self.root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| GitError::Missing(e.to_string()))?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let request: String = names.iter().map(|n| format!("{n}\n")).collect();
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut blobs = Vec::with_capacity(names.len());
        for _ in names {
            blobs.push(read_object(&mut reader)?);
        }
        let _ = writer.join();
        let status = child.wait().map_err(|e| GitError::Failed(e.to_string()))?;
        if !status.success() {
            return Err(GitError::Failed("git cat-file --batch failed".into()));
        }
        Ok(blobs)
    }
}

/// The commit where two revisions' histories meet (`git merge-base`).
pub fn merge_base(dir: &Path, a: &str, b: &str) -> Result<String, GitError> {
    run_in(dir, &["merge-base", a, b])
        .map(|s| s.trim().to_string())
        .map_err(|_| GitError::Failed(format!("`{a}` and `{b}` have no commit in common")))
}

/// The files under `dir` that differ between `commit` and the working tree, and the untracked
/// files git would track (not ignored), as paths relative to `dir`.
pub fn changed_files(dir: &Path, commit: &str) -> Result<Vec<String>, GitError> {
    let diff = run_in(
        dir,
        &[
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            "--relative",
            "--no-ext-diff",
            commit,
            "--",
        ],
    )?;
    let untracked = run_in(dir, &["ls-files", "-z", "--others", "--exclude-standard"])?;
    let mut files: Vec<String> = diff
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

/// A file's changed lines: its path, and inclusive ranges of line numbers.
pub type ChangedLines = (String, Vec<(usize, usize)>);

/// For each of `paths` (relative to `dir`) that differs between `commit` and the working
/// tree, the lines of its current text that are new or changed, as inclusive ranges.
pub fn changed_lines(
    dir: &Path,
    commit: &str,
    paths: &[&str],
) -> Result<Vec<ChangedLines>, GitError> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let mut args = vec![
        "-c",
        "core.quotePath=false",
        "diff",
        "-U0",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        "--relative",
        commit,
        "--",
    ];
    args.extend(paths);
    Ok(hunks_in(&run_in(dir, &args)?))
}

/// The new-side line ranges of each file in `git diff -U0` output.
fn hunks_in(diff: &str) -> Vec<ChangedLines> {
    let mut files: Vec<ChangedLines> = Vec::new();
    for line in diff.lines() {
        if let Some(path) = line.strip_prefix("+++ ") {
            let path = path.strip_prefix("b/").unwrap_or(path);
            files.push((path.to_string(), Vec::new()));
        } else if let Some(header) = line.strip_prefix("@@ ") {
            let Some(new) = header.split(' ').find_map(|w| w.strip_prefix('+')) else {
                continue;
            };
            let (start, count) = match new.split_once(',') {
                Some((s, c)) => (s.parse().unwrap_or(0), c.parse().unwrap_or(0)),
                None => (new.parse().unwrap_or(0), 1),
            };
            if let (Some((_, ranges)), true) = (files.last_mut(), count > 0) {
                ranges.push((start, start + count - 1));
            }
        }
    }
    files
}

/// A git configuration value as seen from `dir` (`user.name`), if set.
pub fn config_value(dir: &Path, key: &str) -> Option<String> {
    run_in(dir, &["config", key])
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Sets a git configuration value in the repository containing `dir` (its `.git/config`).
pub fn set_config(dir: &Path, key: &str, value: &str) -> Result<(), GitError> {
    run_in(dir, &["config", "--local", key, value]).map(|_| ())
}

/// Whether `dir` is inside a git working tree.
pub fn in_work_tree(dir: &Path) -> bool {
    run_in(dir, &["rev-parse", "--is-inside-work-tree"]).is_ok_and(|o| o.trim() == "true")
}

/// git's own line-by-line three-way merge of `ours` (rewritten in place, with conflict
/// markers where the sides differ) with `theirs`, from `base`; returns whether it was clean.
pub fn merge_file(ours: &Path, base: &Path, theirs: &Path) -> Result<bool, GitError> {
    let status = git()
        .args([
            "merge-file",
            "-L",
            "ours",
            "-L",
            "common ancestor",
            "-L",
            "theirs",
        ])
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .status()
        .map_err(|e| GitError::Missing(e.to_string()))?;
    match status.code() {
        Some(0) => Ok(true),
        Some(n) if n > 0 && n < 128 => Ok(false),
        _ => Err(GitError::Failed("git merge-file failed".into())),
    }
}

fn git() -> Command {
    let mut command = Command::new("git");
    command.env("GIT_OPTIONAL_LOCKS", "0").env_remove("GIT_DIR");
    command
}

fn run_in(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let output = git()
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| GitError::Missing(e.to_string()))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(GitError::Failed(message));
    }
    String::from_utf8(output.stdout).map_err(|e| GitError::Failed(e.to_string()))
}

/// One object of `git cat-file --batch` output: a header line, then the contents and `\n`.
fn read_object(reader: &mut impl BufRead) -> Result<Option<Vec<u8>>, GitError> {
    let broken = |what: &str| GitError::Failed(format!("git cat-file: {what}"));
    let mut header = String::new();
    reader
        .read_line(&mut header)
        .map_err(|e| broken(&e.to_string()))?;
    if header.trim_end().ends_with(" missing") || header.trim_end().ends_with(" ambiguous") {
        return Ok(None);
    }
    let size: usize = header
        .split_whitespace()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| broken(&format!("unexpected header {header:?}")))?;
    let mut body = vec![0; size + 1];
    reader
        .read_exact(&mut body)
        .map_err(|e| broken(&e.to_string()))?;
    body.pop();
    Ok(Some(body))
}

/// The renames, as (from, to), in `git diff --name-status -z` output.
fn renames_in(out: &str) -> Vec<(String, String)> {
    let mut fields = out.split('\0').filter(|f| !f.is_empty());
    let mut renames = Vec::new();
    while let Some(status) = fields.next() {
        let paths = if status.starts_with('R') || status.starts_with('C') {
            2
        } else {
            1
        };
        let named: Vec<&str> = fields.by_ref().take(paths).collect();
        if let (true, [from, to]) = (status.starts_with('R'), named.as_slice()) {
            renames.push((from.to_string(), to.to_string()));
        }
    }
    renames
}

/// One commit of `history`'s log: the header fields, then the file's name-status.
fn parse_touch(record: &str) -> Option<Touch> {
    let mut fields = record.split('\0');
    let mut head = fields.next()?.split('\x1f');
    let (commit, author, date, subject) = (head.next()?, head.next()?, head.next()?, head.next()?);
    let status = fields.next()?.trim_start_matches('\n');
    let path = if status.starts_with('R') || status.starts_with('C') {
        fields.nth(1)?
    } else {
        fields.next()?
    };
    Some(Touch {
        commit: commit.into(),
        author: author.into(),
        date: date.into(),
        subject: subject.into(),
        path: path.into(),
        deleted: status == "D",
        cut_off: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_status_reads_renames() {
        let out = "M\0a.toml\0C090\0a.toml\0c.toml\0R097\0old.toml\0new.toml\0A\0b.toml\0";
        assert_eq!(
            renames_in(out),
            vec![("old.toml".to_string(), "new.toml".to_string())]
        );
    }

    #[test]
    fn log_records_carry_the_path_at_each_commit() {
        let record = "c1\x1fAda\x1f2024-01-02T03:04:05Z\x1fmove\0\nR100\0a.toml\0b.toml\0";
        let touch = parse_touch(record).unwrap();
        assert_eq!(
            (touch.commit.as_str(), touch.path.as_str()),
            ("c1", "b.toml")
        );
        assert!(!touch.deleted);
    }

    #[test]
    fn diff_hunks_give_the_new_lines() {
        let diff = "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -3 +3 @@ x\n-old\n+new\n@@ -9,0 +10,2 @@\n+a\n+b\n@@ -20,2 +21,0 @@\n-c\n-d\n";
        assert_eq!(
            hunks_in(diff),
            vec![("a.txt".to_string(), vec![(3, 3), (10, 11)])]
        );
    }

    #[test]
    fn batch_output_is_read_object_by_object() {
        let out = b"abc blob 3\nxyz\ndef missing\nghi blob 0\n\n";
        let mut reader = &out[..];
        assert_eq!(read_object(&mut reader).unwrap(), Some(b"xyz".to_vec()));
        assert_eq!(read_object(&mut reader).unwrap(), None);
        assert_eq!(read_object(&mut reader).unwrap(), Some(Vec::new()));
    }
}
