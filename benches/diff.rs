//! `factcheck diff` between two revisions of a repository with 1,000 review files, every one
//! of them changed: a figure edited in each article and rescanned, and a verdict given.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/mod.rs"]
mod support;

use support::{run, BIN};

const ARTICLES: usize = 1000;

/// Writes the articles, each a seed with a line of its own holding `count`.
fn write_articles(dir: &Path, seeds: &[String], count: impl Fn(usize) -> usize) {
    for i in 0..ARTICLES {
        let text = format!(
            "{}\nThe depot {i} held {} containers.\n",
            seeds[i % seeds.len()],
            count(i)
        );
        std::fs::write(dir.join(format!("articles/a{i:04}.txt")), text).unwrap();
    }
}

/// A repository whose last two commits differ in every review file.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let seeds: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    std::fs::create_dir(root.join("articles")).unwrap();
    std::fs::write(
        root.join("factcheck.toml"),
        "articles = [\"articles/*.txt\"]\n",
    )
    .unwrap();
    run(root, "git", &["init", "-q", "-b", "main"]);
    write_articles(root, &seeds, |i| i + 100);
    run(root, BIN, &["scan"]);
    run(root, "git", &["add", "-A"]);
    run(root, "git", &["commit", "-q", "-m", "scan"]);
    write_articles(root, &seeds, |i| i + 5000);
    run(root, BIN, &["scan"]);
    for i in 0..ARTICLES {
        let path = root.join(format!("annotations/articles/a{i:04}.toml"));
        let text = std::fs::read_to_string(&path).unwrap().replacen(
            "status = \"pending\"\nsource = \"\"",
            "status = \"verified\"\nsource = \"the wire\"",
            1,
        );
        std::fs::write(path, text).unwrap();
    }
    run(root, "git", &["add", "-A"]);
    run(root, "git", &["commit", "-q", "-m", "rescan and review"]);
    dir
}

fn bench(c: &mut Criterion) {
    let repo = repository();
    let mut group = c.benchmark_group("diff");
    group.sample_size(10);
    for format in ["human", "json"] {
        group.bench_function(format!("1000 review files, {format}"), |b| {
            b.iter(|| {
                run(
                    repo.path(),
                    BIN,
                    &["diff", "HEAD~1", "HEAD", "--format", format],
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
