//! Hostile input on the built binary: a long line without sentence punctuation must give
//! output and time linear in its length, since each claim carries only a window of its run-on
//! "sentence".

use assert_cmd::Command;
use std::time::{Duration, Instant};

/// Runs `extract --format jsonl -` over `text`; returns the output's size and the time taken.
fn extract_jsonl(text: &str) -> (usize, Duration) {
    let started = Instant::now();
    let out = Command::cargo_bin("factcheck")
        .unwrap()
        .args(["extract", "--format", "jsonl", "-"])
        .write_stdin(text.as_bytes().to_vec())
        .output()
        .unwrap();
    assert!(out.status.success());
    (out.stdout.len(), started.elapsed())
}

fn run_on_line(bytes: usize) -> String {
    "and 5 people went there ".repeat(bytes / 24)
}

#[test]
fn an_unpunctuated_line_gives_output_and_time_linear_in_its_length() {
    let line = run_on_line(256 * 1024);
    let (size, long_time) = extract_jsonl(&line);
    let claims = line.matches("5 people").count();
    assert!(size < 50 << 20, "{size} bytes of output for a 256 KB line");
    assert!(
        size > claims * 100,
        "every claim still carries its text and a window of the line"
    );
    let (_, short_time) = extract_jsonl(&run_on_line(32 * 1024));
    // Eight times the text: linear work takes about eight times as long, quadratic 64.
    assert!(
        long_time < short_time * 24 + Duration::from_millis(500),
        "32 KB took {short_time:?}, 256 KB took {long_time:?}"
    );
}

#[test]
fn each_claim_of_a_run_on_line_shows_the_words_around_it() {
    let line = run_on_line(16 * 1024);
    let out = Command::cargo_bin("factcheck")
        .unwrap()
        .args(["extract", "--format", "jsonl", "-"])
        .write_stdin(line.as_bytes().to_vec())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let middle = stdout.lines().nth(300).unwrap();
    let record: serde_json::Value = serde_json::from_str(middle).unwrap();
    let sentence = record["sentence"].as_str().unwrap();
    assert!(sentence.len() <= 1000, "{} bytes", sentence.len());
    let words = ["and", "5", "people", "went", "there"];
    let (first, last) = (sentence.split(' ').next(), sentence.split(' ').next_back());
    assert!(
        words.contains(&first.unwrap()) && words.contains(&last.unwrap()),
        "cut inside a word: {sentence:?}"
    );
    assert!(sentence.contains("5 people went there"));
}
