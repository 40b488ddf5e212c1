//! The README's console examples, run with the built binary and compared with what it prints.
//!
//! Every ```console block of README.md is run. A line starting with `$ ` is a command (a line
//! ending in `\` continues on the next); the lines after it, up to the next command or the end
//! of the block, are what it prints, standard output and error together. Each command runs with
//! `sh -c` at the root of the block's sandbox, with the built `factcheck` first on the PATH,
//! `NO_COLOR=1`, `FACTCHECK_NOW`, and git's identity and dates fixed (`tests/util/git.rs`).
//! Its exit status is not compared; what it prints is, line for line.
//!
//! Elision, the one rule: a line holding only `…` (indented or not) stands for any number of
//! lines, none included; a `…` within a line stands for any text in that line. Nothing else is
//! stripped or normalised.
//!
//! Each block starts from a fresh sandbox: by default a git repository holding copies of this
//! project's `seeds/`, `annotations/` and `factcheck.toml`, committed as `scan` by Ada, with
//! Ada as git's `user.name` (the repository as a reader finds it). Blocks that need history make
//! it with `$ git …` commands shown in the README. An HTML comment on the line before a block
//! changes that:
//!
//! - `<!-- example: empty directory -->`: an empty directory, not a repository (`init`);
//! - `<!-- example: before the first scan -->`: the repository without `annotations/`;
//! - `<!-- example: after the one above -->`: where the block before left its sandbox;
//! - `<!-- example: not run, REASON -->`: the block is skipped, and the test prints it with
//!   its reason. Skipped: the two `factcheck review` screens (they need a terminal and keys;
//!   `tests/review_tty.rs` drives them), `factcheck serve` (it keeps running) and the `curl`
//!   session with it (it needs the running desk; `tests/serve.rs` covers the API).
//!
//! To update an example after the output changed: run `cargo test --test readme`; each
//! mismatch shows the README's line, the command, the README's text and the real output.

mod util;

use std::path::Path;
use std::process::Stdio;

use util::git::GitRepo;

const MARKER: &str = "<!-- example: ";

/// How a block's sandbox starts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Start {
    Project,
    EmptyDir,
    Unscanned,
    /// The sandbox the block before left.
    Previous,
}

/// One command of a block and the lines the README says it prints.
struct Step {
    line: usize,
    command: String,
    expected: Vec<String>,
}

struct Block {
    line: usize,
    start: Result<Start, String>,
    steps: Vec<Step>,
}

/// The ```console blocks of a Markdown text; `start` is `Err(reason)` for a skipped block.
fn console_blocks(markdown: &str) -> Vec<Block> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i] != "```console" {
            i += 1;
            continue;
        }
        let start = match i.checked_sub(1).map(|p| lines[p]) {
            Some(prev) if prev.starts_with(MARKER) => {
                let what = prev[MARKER.len()..].trim_end_matches("-->").trim();
                match what {
                    "empty directory" => Ok(Start::EmptyDir),
                    "before the first scan" => Ok(Start::Unscanned),
                    "after the one above" => Ok(Start::Previous),
                    _ => match what.strip_prefix("not run, ") {
                        Some(reason) => Err(reason.to_string()),
                        None => panic!("README.md:{i}: unknown example marker {prev:?}"),
                    },
                }
            }
            _ => Ok(Start::Project),
        };
        let line = i + 1;
        let mut steps: Vec<Step> = Vec::new();
        i += 1;
        while i < lines.len() && lines[i] != "```" {
            if let Some(first) = lines[i].strip_prefix("$ ") {
                let at = i + 1;
                let mut command = first.to_string();
                while command.ends_with('\\') && i + 1 < lines.len() {
                    i += 1;
                    command.push('\n');
                    command.push_str(lines[i]);
                }
                steps.push(Step {
                    line: at,
                    command,
                    expected: Vec::new(),
                });
            } else {
                let step = steps.last_mut().unwrap_or_else(|| {
                    panic!("README.md:{}: output before any `$ ` command", i + 1)
                });
                step.expected.push(lines[i].to_string());
            }
            i += 1;
        }
        assert!(i < lines.len(), "README.md:{line}: unclosed console block");
        assert!(
            !steps.is_empty(),
            "README.md:{line}: a console block with no command"
        );
        blocks.push(Block { line, start, steps });
        i += 1;
    }
    blocks
}

/// Whether `actual` matches `expected` under the elision rule.
fn lines_match(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.trim() == "…" => {
            (0..=actual.len()).any(|skip| lines_match(rest, &actual[skip..]))
        }
        Some((first, rest)) => match actual.split_first() {
            Some((line, more)) => line_matches(first, line) && lines_match(rest, more),
            None => false,
        },
    }
}

/// Whether one line matches, each `…` in `expected` standing for any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let mut parts = expected.split('…');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// A fresh sandbox for a block.
fn sandbox(start: Start) -> GitRepo {
    if start == Start::EmptyDir {
        return GitRepo::empty_dir();
    }
    let repo = GitRepo::empty();
    repo.git(&["config", "user.name", "Ada"]);
    repo.git(&["config", "user.email", "ada@example.com"]);
    repo.copy_from_project("seeds");
    repo.copy_from_project("factcheck.toml");
    if start == Start::Project {
        repo.copy_from_project("annotations");
    }
    repo.commit("scan", 1);
    repo
}

/// Runs one command in the sandbox; returns what it printed, standard output and error
/// together in the order written.
fn run(repo: &GitRepo, command: &str) -> String {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("exec 2>&1\n{command}"))
        .current_dir(repo.dir.path())
        .envs(repo.env(1))
        .stdin(Stdio::null())
        .output()
        .expect("run sh");
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{command}: not UTF-8: {e}"))
}

#[test]
fn readme_console_examples_are_the_real_output() {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let text = std::fs::read_to_string(&readme).expect("read README.md");
    let blocks = console_blocks(&text);
    assert!(blocks.len() >= 15, "only {} console blocks", blocks.len());
    let mut failures = Vec::new();
    let mut ran = 0;
    let mut previous: Option<GitRepo> = None;
    for block in &blocks {
        let start = match &block.start {
            Ok(start) => *start,
            Err(reason) => {
                eprintln!("README.md:{}: not run: {reason}", block.line);
                continue;
            }
        };
        let repo = match start {
            Start::Previous => previous
                .take()
                .unwrap_or_else(|| panic!("README.md:{}: no block before to continue", block.line)),
            start => sandbox(start),
        };
        for step in &block.steps {
            let output = run(&repo, &step.command);
            let actual: Vec<&str> = output.lines().collect();
            if !lines_match(&step.expected, &actual) {
                failures.push(format!(
                    "README.md:{}: $ {}\n--- README\n{}\n--- real output\n{}",
                    step.line,
                    step.command,
                    step.expected.join("\n"),
                    output.trim_end_matches('\n'),
                ));
            }
            ran += 1;
        }
        previous = Some(repo);
    }
    eprintln!("{ran} README commands run");
    assert!(
        failures.is_empty(),
        "{} README examples differ from the binary's output:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn elision_matches_lines_and_rests_of_lines() {
    let expected = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert!(lines_match(
        &expected(&["a", "…", "d"]),
        &["a", "b", "c", "d"]
    ));
    assert!(lines_match(&expected(&["a", "  …", "b"]), &["a", "b"]));
    assert!(lines_match(&expected(&["a", "…"]), &["a"]));
    assert!(!lines_match(&expected(&["a", "…", "d"]), &["a", "b", "c"]));
    assert!(!lines_match(&expected(&["a"]), &["a", "b"]));
    assert!(!lines_match(&expected(&["a", "b"]), &["a"]));
    assert!(line_matches("x: …", "x: anything at all"));
    assert!(line_matches("… 2024 Ada", "0bc2524519 2024 Ada"));
    assert!(line_matches("a … b … c", "a 1 b 2 c"));
    assert!(!line_matches("ab…ba", "aba"));
    assert!(!line_matches("x: …", "y: anything"));
    assert!(!line_matches("exact", "exact "));
}
