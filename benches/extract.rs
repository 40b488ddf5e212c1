//! Extraction throughput in MB/s on one core: the seed articles repeated to about 1 MB, and,
//! when the shared BBC corpus sits next to the crate, its 2,225 articles, both held in memory
//! (extraction alone) and streamed from disk one file at a time (memory stays flat); and the
//! binary itself, `factcheck extract --format jsonl` on one 20 MB file of the corpus's text,
//! measured beside `wc -w` on the same file in the same run.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use factcheck::extract::{extract, Format};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const SEEDS: [&str; 5] = [
    include_str!("../seeds/000_f2ecfe456393e018.txt"),
    include_str!("../seeds/001_4e05fcd575987f34.txt"),
    include_str!("../seeds/002_2f03f44ce45c4b05.txt"),
    include_str!("../seeds/003_673378493a6c0162.txt"),
    include_str!("../seeds/004_b0d2ffd4993b0c16.txt"),
];

fn seeds_repeated(target: usize) -> String {
    let mut text = String::with_capacity(target + 4096);
    while text.len() < target {
        for seed in SEEDS {
            text.push_str(seed);
            text.push('\n');
        }
    }
    text
}

/// Every `.txt` file under `dir`, sorted, with the total of their sizes.
fn text_files(dir: &Path) -> (Vec<PathBuf>, u64) {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    let bytes = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    (files, bytes)
}

/// A corpus file as text. One article (sport/199.txt) is not valid UTF-8; it is decoded
/// lossily so that its text is still measured (the CLI reports such a file as an error).
fn read_lossy(path: &Path) -> Option<String> {
    let raw = std::fs::read(path).ok()?;
    Some(
        String::from_utf8(raw)
            .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned()),
    )
}

fn bench_extract(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");

    let seeds = seeds_repeated(1 << 20);
    group.throughput(Throughput::BytesDecimal(seeds.len() as u64));
    group.bench_function("seeds_1mb", |b| {
        b.iter(|| extract(black_box(&seeds), Format::Plain))
    });

    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc");
    if corpus.is_dir() {
        let (files, bytes) = text_files(&corpus);
        group.throughput(Throughput::BytesDecimal(bytes));
        group.sample_size(10);
        let texts: Vec<String> = files.iter().filter_map(|p| read_lossy(p)).collect();
        group.bench_function("bbc_in_memory", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| extract(black_box(t), Format::Plain).len())
                    .sum::<usize>()
            })
        });
        drop(texts);
        group.bench_function("bbc_streamed", |b| {
            b.iter(|| {
                files
                    .iter()
                    .filter_map(|p| read_lossy(p))
                    .map(|t| extract(black_box(&t), Format::Plain).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

/// The size of the one large article the binary is measured on.
const LARGE: usize = 20_000_000;

/// Runs `program` with `args`, its output thrown away, and checks that it succeeded.
fn run_quietly(program: &str, args: &[&str]) {
    let status = Command::new(program)
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .status()
        .expect("runs");
    assert!(status.success(), "{program} {args:?}: {status}");
}

fn bench_binary(c: &mut Criterion) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc");
    if !corpus.is_dir() {
        return;
    }
    // The corpus's valid UTF-8 articles, repeated into one file of about 20 MB.
    let texts: Vec<String> = text_files(&corpus)
        .0
        .iter()
        .filter_map(|p| String::from_utf8(std::fs::read(p).ok()?).ok())
        .collect();
    let mut large = String::with_capacity(LARGE + (1 << 20));
    while large.len() < LARGE {
        for text in &texts {
            large.push_str(text);
            large.push('\n');
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.txt");
    std::fs::write(&path, &large).expect("write the large article");
    let path = path.to_str().expect("a UTF-8 temp path");

    let mut group = c.benchmark_group("extract_20mb");
    group.throughput(Throughput::BytesDecimal(large.len() as u64));
    group.sample_size(10);
    group.bench_function("binary_jsonl", |b| {
        b.iter(|| {
            run_quietly(
                env!("CARGO_BIN_EXE_factcheck"),
                &["extract", "--format", "jsonl", path],
            )
        })
    });
    group.bench_function("wc_w", |b| b.iter(|| run_quietly("wc", &["-w", path])));
    group.finish();
}

criterion_group!(benches, bench_extract, bench_binary);
criterion_main!(benches);
