//! Scale benchmarks of the review commands, run through the real binary on 10,000 articles
//! generated from the seeds: a first `scan`, a rescan after every article was edited, a
//! no-change rescan, `check`, and `conflicts` over all their claims.

use std::path::Path;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};

const ARTICLES: usize = 10_000;

/// A repository of `ARTICLES` articles: the seeds, each copy with a distinct first line.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts: Vec<String> = std::fs::read_dir(&seeds)
        .expect("seeds")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).expect("seed text"))
        .collect();
    texts.sort();
    let articles = dir.path().join("articles");
    for k in 0..ARTICLES {
        let sub = articles.join(format!("{:03}", k / 100));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let text = format!("Edition {k}\n\n{}", texts[k % texts.len()]);
        std::fs::write(sub.join(format!("{k:05}.txt")), text).expect("write article");
    }
    std::fs::write(
        dir.path().join("factcheck.toml"),
        "articles = [\"articles/**/*.txt\"]\n",
    )
    .expect("config");
    dir
}

/// Inserts a paragraph above every article's text, so every review file must be rewritten.
fn prepend_to_every_article(dir: &Path, paragraph: &str) {
    let mut stack = vec![dir.join("articles")];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("articles dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = std::fs::read_to_string(&path).expect("article");
                std::fs::write(&path, format!("{paragraph}{text}")).expect("write article");
            }
        }
    }
}

fn factcheck(dir: &Path, args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run factcheck");
    assert!(
        status.code().is_some_and(|c| c <= 1),
        "factcheck {args:?} failed"
    );
}

fn review_commands(c: &mut Criterion) {
    let mut group = c.benchmark_group("review_10k_articles");
    group.sample_size(10);
    group.bench_function("scan_fresh", |b| {
        b.iter_batched(
            repository,
            |dir| {
                factcheck(dir.path(), &["scan"]);
                dir
            },
            criterion::BatchSize::PerIteration,
        )
    });
    let dir = repository();
    factcheck(dir.path(), &["scan"]);
    let mut edition = 0;
    group.bench_function("rescan_every_article_edited", |b| {
        b.iter_batched(
            || {
                edition += 1;
                prepend_to_every_article(dir.path(), &format!("Update {edition}.\n\n"));
            },
            |()| factcheck(dir.path(), &["scan"]),
            criterion::BatchSize::PerIteration,
        )
    });
    group.bench_function("rescan_unchanged", |b| {
        b.iter(|| factcheck(dir.path(), &["scan"]))
    });
    group.bench_function("check", |b| b.iter(|| factcheck(dir.path(), &["check"])));
    group.bench_function("conflicts", |b| {
        b.iter(|| factcheck(dir.path(), &["conflicts"]))
    });
    group.finish();
}

criterion_group!(benches, review_commands);
criterion_main!(benches);
