//! What the benchmarks that build git repositories share: running a program in one with a
//! fixed identity, clock and no colour.

use std::path::Path;
use std::process::Command;

/// The built binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_factcheck");

/// Runs `program ARGS` in `dir` with a fixed identity and clock; the exit status it gave,
/// which must be 0, or 1 when `findings_allowed`.
pub fn run_allowing(dir: &Path, program: &str, args: &[&str], findings_allowed: bool) -> i32 {
    let out = Command::new(program)
        .current_dir(dir)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.com")
        .env("GIT_COMMITTER_NAME", "Bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.com")
        .env("FACTCHECK_NOW", "2024-06-30T00:00:00Z")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("runs");
    let code = out.status.code().expect("exit status");
    assert!(
        code == 0 || (findings_allowed && code == 1),
        "{program} {args:?} exited {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    code
}

/// Runs `program ARGS` in `dir`, which must succeed.
pub fn run(dir: &Path, program: &str, args: &[&str]) {
    run_allowing(dir, program, args, false);
}
