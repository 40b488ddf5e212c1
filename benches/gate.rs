//! `factcheck check --changed-since main` on a branch of a repository with 10,000 reviewed
//! articles, one of which the branch edits and rescans: the pull-request gate.

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/mod.rs"]
mod support;

use support::{run, run_allowing, BIN};

const ARTICLES: usize = 10_000;

/// A repository of `ARTICLES` short articles, every claim verified on `main`, and a branch
/// `edit` that changes one figure of one article and rescans it.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("articles")).unwrap();
    std::fs::write(
        root.join("factcheck.toml"),
        "articles = [\"articles/*.txt\"]\n",
    )
    .unwrap();
    for i in 0..ARTICLES {
        let text = format!(
            "Depot {i} held {} containers on Monday.\nAbout {}% of them were empty.\n",
            i + 100,
            i % 90 + 5
        );
        std::fs::write(root.join(format!("articles/a{i:05}.txt")), text).unwrap();
    }
    run(root, "git", &["init", "-q", "-b", "main"]);
    run(root, BIN, &["scan"]);
    for i in 0..ARTICLES {
        let path = root.join(format!("annotations/articles/a{i:05}.toml"));
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("status = \"pending\"", "status = \"verified\"")
            .replace("source = \"\"", "source = \"the depot's ledger\"");
        std::fs::write(path, text).unwrap();
    }
    run(root, "git", &["add", "-A"]);
    run(root, "git", &["commit", "-q", "-m", "reviewed"]);
    run(root, BIN, &["check"]); // every claim verified on main

    run(root, "git", &["checkout", "-q", "-b", "edit"]);
    let edited = root.join("articles/a04242.txt");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, text.replace("4342 containers", "4343 containers")).unwrap();
    run(root, BIN, &["scan", "articles/a04242.txt"]);
    run(root, "git", &["commit", "-q", "-am", "edit one figure"]);
    dir
}

fn bench(c: &mut Criterion) {
    let repo = repository();
    let mut group = c.benchmark_group("gate");
    group.sample_size(10);
    for format in ["human", "github"] {
        group.bench_function(
            format!("check --changed-since main, 10000 articles, 1 changed, {format}"),
            |b| {
                b.iter(|| {
                    let code = run_allowing(
                        repo.path(),
                        BIN,
                        &["check", "--changed-since", "main", "--format", format],
                        true,
                    );
                    assert_eq!(code, 1, "the edited claim fails the gate");
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
