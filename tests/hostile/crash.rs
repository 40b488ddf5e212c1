//! A scan killed with SIGKILL while it writes leaves no temporary file where git would
//! commit it, every review file whole, and the next scan removes what it left.

use std::path::Path;
use std::time::Duration;

use crate::support::git;
use crate::util::Sandbox;

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|k| k.is_dir()) {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out
}

#[test]
fn a_killed_scan_leaves_nothing_for_git_and_the_next_scan_cleans_up() {
    let sb = Sandbox::new();
    git(&sb, &["init", "-q"]);
    sb.write("factcheck.toml", "articles = [\"news/**/*.txt\"]\n");
    let seed = sb.read("seeds/004_b0d2ffd4993b0c16.txt");
    for k in 0..600 {
        sb.write(
            &format!("news/{}/{k}.txt", k % 30),
            &format!("Edition {k}\n{seed}"),
        );
    }
    for (round, wait) in [60, 150, 300, 500, 800].into_iter().enumerate() {
        if round > 0 {
            // Give every article a new figure so that the next run writes again.
            for k in 0..600 {
                let path = format!("news/{}/{k}.txt", k % 30);
                sb.write(
                    &path,
                    &format!("Edition {k}, round {round}: 3 ships\n{seed}"),
                );
            }
        }
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .arg("scan")
            .current_dir(sb.root())
            .env("FACTCHECK_NOW", crate::util::NOW)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn scan");
        std::thread::sleep(Duration::from_millis(wait));
        let _ = child.kill();
        let _ = child.wait();
        let strays: Vec<String> = files_under(&sb.path("annotations"))
            .into_iter()
            .filter(|f| !f.starts_with(".factcheck/"))
            .filter(|f| !f.ends_with(".toml"))
            .collect();
        assert!(
            strays.is_empty(),
            "round {round}: left beside the review files: {strays:?}"
        );
        let untracked = git(
            &sb,
            &[
                "status",
                "--porcelain",
                "--untracked-files=all",
                "annotations",
            ],
        );
        assert!(
            !untracked.contains(".factcheck"),
            "round {round}: git would commit {untracked}"
        );
        // Whatever was written is whole: every review file parses.
        for f in files_under(&sb.path("annotations")) {
            if f.ends_with(".toml") && !f.starts_with(".factcheck/") {
                let text = sb.read(&format!("annotations/{f}"));
                toml::from_str::<toml::Table>(&text)
                    .unwrap_or_else(|e| panic!("round {round}: {f} is not whole: {e}"));
            }
        }
    }
    let run = sb.run(&["scan"]).expect(0);
    assert!(
        run.stdout.contains("scanned 600 articles"),
        "{}",
        run.stdout
    );
    let tmp = sb.path("annotations/.factcheck/tmp");
    assert_eq!(files_under(&tmp), Vec::<String>::new(), "{}", run.stderr);
}
