//! `factcheck conflicts` through the real binary on 2,000 and 10,000 articles told as 400 and
//! 2,000 stories: each story the five seeds under a title naming its own agency and town, so
//! every story holds the seeds' groups. The two sizes show the cost growing with the number
//! of articles, not its square.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/mod.rs"]
mod support;

use support::{run, run_allowing, BIN};

/// A repository of `n` articles in stories of five, scanned.
fn repository(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(&seeds)
        .expect("seeds")
        .flatten()
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("seed text");
            (e.file_name().to_string_lossy().into_owned(), text)
        })
        .collect();
    texts.sort();
    for k in 0..n {
        let story = k / texts.len();
        let sub = dir.path().join(format!("articles/{:03}", k / 100));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let (_, seed) = &texts[k % texts.len()];
        let body = seed.split_once('\n').map_or("", |(_, rest)| rest);
        let text = format!("Agency{story} reports from Town{story}: edition {k}\n{body}");
        std::fs::write(sub.join(format!("{k:05}.txt")), text).expect("write article");
    }
    std::fs::write(
        dir.path().join("factcheck.toml"),
        "articles = [\"articles/**/*.txt\"]\n",
    )
    .expect("config");
    run(dir.path(), BIN, &["scan", "-q"]);
    dir
}

fn conflicts(c: &mut Criterion) {
    let mut group = c.benchmark_group("conflicts");
    group.sample_size(10);
    for n in [2_000, 10_000] {
        let dir = repository(n);
        group.bench_function(format!("{n}_articles"), |b| {
            b.iter(|| run_allowing(dir.path(), BIN, &["conflicts", "--format", "json"], true))
        });
    }
    group.finish();
}

criterion_group!(benches, conflicts);
criterion_main!(benches);
