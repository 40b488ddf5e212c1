//! Input that would exhaust memory or never end is capped or refused, with a message: endless
//! standard input, devices and named pipes given as articles, files above the configured
//! limit, review files far larger than any article makes, and a line with no sentence end.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::measured;
use crate::util::Sandbox;

fn factcheck(sb: &Sandbox) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factcheck"));
    cmd.current_dir(sb.root())
        .env("NO_COLOR", "1")
        .env("FACTCHECK_NOW", crate::util::NOW)
        .env_remove("FACTCHECK_MAX_ARTICLE_SIZE");
    cmd
}

/// 200 MiB: far below what the uncapped reads took, far above the 64 MiB cap.
const BOUNDED_KIB: u64 = 200 << 10;

#[test]
fn endless_standard_input_stops_at_the_limit() {
    let sb = Sandbox::new();
    for line in [&b"\0"[..], b"About 5 million people came, 70% of them.\n"] {
        let mut cmd = factcheck(&sb);
        cmd.args(["extract", "--format", "jsonl", "-"]);
        let line = line.to_vec();
        let run = measured(
            cmd,
            Some(Box::new(move |mut stdin| {
                let block = line.repeat((64 << 10) / line.len() + 1);
                while stdin.write_all(&block).is_ok() {}
            })),
        );
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("error: -: larger than 64 MiB, the limit for one article"),
            "{}",
            run.stderr
        );
        assert!(
            run.peak_under(BOUNDED_KIB),
            "peak {} KiB reading endless input",
            run.peak_kib
        );
    }
}

#[test]
fn a_device_or_a_named_pipe_is_refused_without_waiting() {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    let fifo = sb.path("seeds/pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let started = Instant::now();
    let mut cmd = factcheck(&sb);
    cmd.arg("scan");
    let scan = measured(cmd, None);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(scan.code, Some(2), "{}", scan.stderr);
    assert!(
        scan.stderr.contains(
            "error: seeds/pipe.txt: not a regular file but a named pipe (FIFO); factcheck reads regular files"
        ),
        "{}",
        scan.stderr
    );
    let stdout = String::from_utf8_lossy(&scan.stdout);
    assert!(
        stdout.contains("scanned 6 articles: 5 created, 0 updated, 0 unchanged, 1 failed"),
        "the other articles are scanned: {stdout}"
    );
    let mut cmd = factcheck(&sb);
    cmd.args(["extract", "/dev/zero", "seeds/000_f2ecfe456393e018.txt"]);
    let extract = measured(cmd, None);
    assert_eq!(extract.code, Some(2));
    assert!(
        extract
            .stderr
            .contains("error: /dev/zero: not a regular file but a device"),
        "{}",
        extract.stderr
    );
    assert!(String::from_utf8_lossy(&extract.stdout).contains("10 claims in 1 file"));
}

#[test]
fn an_article_above_the_configured_limit_is_refused_and_the_others_scanned() {
    let sb = Sandbox::new();
    sb.write(
        "factcheck.toml",
        "articles = [\"seeds/*.txt\"]\nmax_article_size = \"3 KiB\"\n",
    );
    let big = "seeds/004_b0d2ffd4993b0c16.txt";
    let run = sb.run(&["scan"]).expect(2);
    assert!(
        run.stderr.contains(&format!(
            "error: {big}: larger than 3 KiB, the limit for one article; if it really is one article, raise the limit: `max_article_size` in factcheck.toml"
        )),
        "{}",
        run.stderr
    );
    assert!(!sb.exists("annotations/seeds/004_b0d2ffd4993b0c16.toml"));
    // The environment overrides the file, and extract's flag overrides both.
    let mut cmd = sb.cmd();
    cmd.env("FACTCHECK_MAX_ARTICLE_SIZE", "1MB").arg("scan");
    let out = cmd.output().expect("scan");
    assert_eq!(out.status.code(), Some(0));
    assert!(sb.exists("annotations/seeds/004_b0d2ffd4993b0c16.toml"));
    sb.run(&["extract", big]).expect(2);
    sb.run(&["extract", "--max-article-size", "64KiB", big])
        .expect(0);
    let bad = sb
        .run(&["extract", "--max-article-size", "lots", big])
        .expect(2);
    assert!(
        bad.stderr.contains("`lots` is not a size"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_review_file_far_larger_than_its_article_is_refused() {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    sb.scan(&[]);
    let review = "annotations/seeds/000_f2ecfe456393e018.toml";
    let padded = format!("{}# {}\n", sb.read(review), "x".repeat(9000));
    sb.write(review, &padded);
    sb.write(
        "factcheck.toml",
        "articles = [\"seeds/*.txt\"]\nmax_article_size = 2048\n",
    );
    let run = sb
        .run(&["check", "seeds/000_f2ecfe456393e018.txt"])
        .expect(2);
    assert!(
        run.stderr.contains(&format!(
            "error: {review}:1:1: larger than 8 KiB, the limit for a review file"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_line_without_sentence_punctuation_stays_small() {
    let sb = Sandbox::new();
    sb.write("run-on.txt", &"and 5 people went there ".repeat(11_000));
    let mut cmd = factcheck(&sb);
    cmd.args(["extract", "--format", "jsonl", "run-on.txt"]);
    let run = measured(cmd, None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let claims = run.stdout.iter().filter(|b| **b == b'\n').count();
    assert_eq!(claims, 11_000);
    assert!(
        run.stdout.len() < 64 << 20,
        "{} bytes of output for a 264 KB line",
        run.stdout.len()
    );
    assert!(run.peak_under(64 << 10), "peak {} KiB", run.peak_kib);
}
