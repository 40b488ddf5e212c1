//! git's merge driver on two 500-claim review files with 50 verdicts given on each side:
//! the claim-by-claim merge in memory, and `factcheck merge` run as git runs it.

use std::path::Path;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use factcheck::review::edit::{set_verdict, Verdict};
use factcheck::review::merge::merge;
use factcheck::review::Status;
use factcheck::scan::scan_article;
use factcheck::workspace::Workspace;

const CLAIMS: usize = 500;
const CHANGES: usize = 50;

/// A review file of an article with `CLAIMS` claims, as `scan` writes it.
fn base(dir: &Path) -> String {
    let article: String = (0..CLAIMS)
        .map(|k| {
            format!(
                "Inspectors counted {} crates at depot {k} on the border.\n",
                1000 + k
            )
        })
        .collect();
    std::fs::write(dir.join("article.txt"), article).unwrap();
    let ws = Workspace::bare(dir);
    let scanned = scan_article(&ws, "article.txt", false, "2025-03-01T12:00:00Z").unwrap();
    scanned.texts.expect("a new review file").1
}

/// The base with verdicts on `CHANGES` claims, every `step`-th from `first`.
fn marked(base: &str, first: usize, step: usize, reviewer: &str) -> String {
    let mut doc: toml_edit::DocumentMut = base.parse().unwrap();
    let ids: Vec<String> = doc["claim"]
        .as_array_of_tables()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    let verdict = Verdict {
        status: Status::Verified,
        source: Some("customs register"),
        note: None,
        reviewer,
        now: "2025-03-02T09:00:00Z",
    };
    for id in ids.iter().skip(first).step_by(step).take(CHANGES) {
        set_verdict(&mut doc, id, &verdict);
    }
    doc.to_string()
}

fn merge_driver(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path());
    let ours = marked(&base, 0, 10, "Ann");
    let theirs = marked(&base, 5, 10, "Bo");
    assert!(merge(&base, &ours, &theirs, "a.toml").unwrap().is_clean());

    let mut group = c.benchmark_group("merge_500_claims_50_changes_each");
    group.bench_function("in_memory", |b| {
        b.iter(|| merge(&base, &ours, &theirs, "a.toml").unwrap())
    });
    for (name, text) in [("base.toml", &base), ("theirs.toml", &theirs)] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    group.bench_function("binary", |b| {
        b.iter_batched(
            || std::fs::write(dir.path().join("ours.toml"), &ours).unwrap(),
            |()| {
                let status = Command::new(env!("CARGO_BIN_EXE_factcheck"))
                    .current_dir(dir.path())
                    .args(["merge", "base.toml", "ours.toml", "theirs.toml"])
                    .status()
                    .unwrap();
                assert!(status.success());
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, merge_driver);
criterion_main!(benches);
