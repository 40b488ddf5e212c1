//! Long runs in a terminal: worker threads draw a progress bar on standard error while the
//! command reports on it too, and the run finishes.

use std::process::Command;

use rexpect::session::spawn_command;

#[test]
fn check_over_many_articles_in_a_terminal_finishes_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for k in 0..1500 {
        let text = format!("Officials counted {} ships and 3 ports.\n", k + 10);
        std::fs::write(articles.join(format!("{k:04}.txt")), text).unwrap();
    }
    std::fs::write(
        dir.path().join("factcheck.toml"),
        "articles = [\"articles/*.txt\"]\n",
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_factcheck");
    let scan = Command::new(bin)
        .arg("scan")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        scan.status.success(),
        "{}",
        String::from_utf8_lossy(&scan.stderr)
    );

    let mut check = Command::new(bin);
    check
        .arg("check")
        .current_dir(dir.path())
        .env("NO_COLOR", "1");
    let mut session = spawn_command(check, Some(30_000)).expect("spawn factcheck check in a pty");
    session
        .exp_string("policy not met: 3000 problems in 3000 claims across 1500 articles")
        .expect("check finishes with its summary");
}
