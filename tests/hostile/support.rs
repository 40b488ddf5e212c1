//! Helpers for the hostile-input tests: git in a sandbox, and the checks on raw output bytes.

use std::path::Path;

use crate::util::Sandbox;

/// A sandbox whose `factcheck.toml` lists the seeds, scanned.
pub fn scanned() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    sb.scan(&[]);
    sb
}

/// Runs git in the sandbox with a fixed identity; panics when it fails.
pub fn git(sb: &Sandbox, args: &[&str]) -> String {
    git_in(sb.root(), args)
}

/// Runs git in `dir` with a fixed identity; panics when it fails.
pub fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Dana Editor")
        .env("GIT_AUTHOR_EMAIL", "dana@example.org")
        .env("GIT_COMMITTER_NAME", "Dana Editor")
        .env("GIT_COMMITTER_EMAIL", "dana@example.org")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Characters that must never reach a terminal raw, as inclusive ranges: C0 controls but the
/// line feed, DEL and the C1 controls, the Arabic letter mark, the left-to-right and
/// right-to-left marks, the embeddings and overrides, the line and paragraph separators, the
/// isolates, and the byte-order mark.
const FORBIDDEN: [(u32, u32); 10] = [
    (0x00, 0x09),
    (0x0b, 0x1f),
    (0x7f, 0x9f),
    (0x61c, 0x61c),
    (0x200e, 0x200f),
    (0x2028, 0x2029),
    (0x202a, 0x202e),
    (0x2066, 0x2069),
    (0xfeff, 0xfeff),
    (0xfff9, 0xfffb),
];

fn forbidden(c: char) -> bool {
    FORBIDDEN
        .iter()
        .any(|(low, high)| (*low..=*high).contains(&(c as u32)))
}

/// Asserts that `bytes`, printed by `what`, hold no character that could act on a terminal,
/// and that no line starts a workflow command or a line an attacker wrote (`marker`).
#[track_caller]
pub fn assert_inert(what: &str, bytes: &[u8], marker: &str) {
    let text = String::from_utf8(bytes.to_vec())
        .unwrap_or_else(|e| panic!("{what}: output is not UTF-8: {e}"));
    if let Some((at, c)) = text.char_indices().find(|(_, c)| forbidden(*c)) {
        let from = text[..at]
            .char_indices()
            .rev()
            .nth(40)
            .map_or(0, |(k, _)| k);
        panic!(
            "{what}: raw {:?} (U+{:04X}) at byte {at}, after {:?}",
            c,
            c as u32,
            &text[from..at]
        );
    }
    for line in text.lines() {
        assert!(
            !line.starts_with(marker),
            "{what}: a value started a line of its own: {line:?}"
        );
        assert!(
            !line.starts_with("::") || is_workflow_annotation(line),
            "{what}: a forged workflow command: {line:?}"
        );
    }
}

/// A workflow command factcheck itself writes: `::error` or `::warning` with exactly the
/// `file`, `line`, `col` and `title` properties (and `endLine`, `endColumn` for a claim), or
/// the closing `::notice` with only a `title`, their values free of `:` and `,`.
fn is_workflow_annotation(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix("::notice ") {
        return rest
            .split_once("::")
            .is_some_and(|(properties, _)| properties == "title=factcheck");
    }
    let Some(rest) = line
        .strip_prefix("::error ")
        .or_else(|| line.strip_prefix("::warning "))
    else {
        return false;
    };
    let Some((properties, _message)) = rest.split_once("::") else {
        return false;
    };
    let names: Vec<&str> = properties
        .split(',')
        .map(|p| p.split_once('=').map_or("", |(name, _)| name))
        .collect();
    names == ["file", "line", "col", "title"]
        || names == ["file", "line", "endLine", "col", "endColumn", "title"]
}

/// Asserts that the only escape sequences in `bytes` are colour (SGR) sequences.
#[track_caller]
pub fn assert_only_colour(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let mut rest = text.as_ref();
    while let Some(at) = rest.find('\u{1b}') {
        let seq = &rest[at + 1..];
        let body = seq
            .strip_prefix('[')
            .unwrap_or_else(|| panic!("{what}: an escape that is not CSI: {seq:.20?}"));
        let end = body
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(body.len());
        assert_eq!(
            body[end..].chars().next(),
            Some('m'),
            "{what}: an escape that is not a colour: {seq:.20?}"
        );
        rest = &body[end + 1..];
    }
}

/// What a command run by [`measured`] printed, how it exited, and its peak memory.
pub struct Measured {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
    /// The largest resident set the process reached, in KiB.
    pub peak_kib: u64,
    /// The largest resident set of this test process, in KiB. The kernel counts the memory
    /// a child shares with its parent between spawn and exec in the child's peak, so a
    /// child's peak below this says only that its own was no larger.
    pub parent_peak_kib: u64,
}

impl Measured {
    /// Whether the process's own peak memory stayed under `limit_kib`, as far as the
    /// kernel's account of it can tell (see `parent_peak_kib`).
    pub fn peak_under(&self, limit_kib: u64) -> bool {
        self.peak_kib < limit_kib.max(self.parent_peak_kib + 1)
    }
}

/// This process's peak resident memory in KiB, from `/proc/self/status`.
fn own_peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("read /proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

/// Runs `cmd` to the end, feeding its standard input from `feed` (until it stops reading),
/// and reads its peak resident memory from the kernel's account of the process.
pub fn measured(
    mut cmd: std::process::Command,
    feed: Option<Box<dyn FnOnce(std::process::ChildStdin) + Send>>,
) -> Measured {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(match feed {
            Some(_) => Stdio::piped(),
            None => Stdio::null(),
        });
    // Reaped below by `wait4`, which reports the child's resource usage; `Child::wait` cannot.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().expect("spawn");
    let feeder = feed.map(|f| {
        let stdin = child.stdin.take().expect("stdin");
        std::thread::spawn(move || f(stdin))
    });
    let mut stdout_pipe = child.stdout.take().expect("stdout");
    let mut stderr_pipe = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout_pipe.read_to_end(&mut bytes).expect("read stdout");
        bytes
    });
    let mut stderr = String::new();
    stderr_pipe
        .read_to_string(&mut stderr)
        .expect("read stderr");
    let stdout = reader.join().expect("stdout reader");
    // Reaped here, not by `Child::wait`, to read this child's own resource usage.
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4");
    if let Some(feeder) = feeder {
        feeder.join().expect("feeder");
    }
    Measured {
        code: std::process::ExitStatus::from_raw(status).code(),
        stdout,
        stderr,
        peak_kib: usage.ru_maxrss as u64,
        parent_peak_kib: own_peak_kib(),
    }
}
