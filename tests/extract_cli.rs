//! `factcheck extract` run as a user runs it: the three formats on the seeds, Markdown
//! skipped where it is not prose, standard input, and bad input that is reported by name
//! while the other files are still read.

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = "seeds/001_4e05fcd575987f34.txt";
const KEYS: [&str; 15] = [
    "path",
    "line",
    "column",
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "unit",
    "kind",
    "bound",
    "trend",
    "attribution",
    "sentence",
];

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn factcheck(args: &[&str], stdin: &[u8]) -> Run {
    let out = Command::cargo_bin("factcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn records(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn jsonl_has_exactly_the_documented_keys_and_spans_slice_the_file() {
    let run = factcheck(&["extract", "--format", "jsonl", SEED], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    let records = records(&run.stdout);
    assert_eq!(records.len(), 8);
    let first = run.stdout.lines().next().unwrap();
    let order: Vec<usize> = KEYS
        .iter()
        .map(|k| first.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "keys out of order: {first}"
    );
    for r in &records {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = KEYS.to_vec();
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected);
        let (start, end) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            std::str::from_utf8(&file[start..end]).unwrap(),
            r["text"].as_str().unwrap()
        );
    }
    let containers = records
        .iter()
        .find(|r| r["text"] == "at least 10,000 containers")
        .unwrap();
    assert_eq!(containers["value"], 10000);
    assert_eq!(containers["bound"], "at_least");
    assert_eq!(containers["unit"], "containers");
    assert_eq!(
        (containers["line"].as_u64(), containers["column"].as_u64()),
        (Some(5), Some(128))
    );
    assert!(containers["low"].is_null() && containers["trend"].is_null());
}

#[test]
fn json_is_one_array_of_the_same_records_and_human_highlights_the_figure() {
    let jsonl = records(&factcheck(&["extract", "--format", "jsonl", SEED], b"").stdout);
    let json: Value =
        serde_json::from_str(&factcheck(&["extract", "--format", "json", SEED], b"").stdout)
            .unwrap();
    assert_eq!(json.as_array().unwrap(), &jsonl);

    let human = factcheck(&["extract", SEED], b"").stdout;
    assert!(human.starts_with(&format!("{SEED}: 8 claims\n")), "{human}");
    assert!(
        human.contains("Seoul has discovered [at least 10,000 containers] being transported"),
        "{human}"
    );
    assert!(human.trim_end().ends_with("8 claims in 1 file"), "{human}");
}

#[test]
fn markdown_skips_front_matter_code_links_and_tags_but_reads_emphasis() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("port.md");
    let text = "---\ntitle: 40 ships\n---\n# Port\n\nAbout **1,200** containers arrived, per [the 2023 report](https://x.test/2023/99).\n\n```\nx = 5000\n```\n\n<img src=\"chart-77.png\"> More than 3 ships waited.\n";
    std::fs::write(&md, text).unwrap();
    let run = factcheck(&["extract", "--format", "jsonl", md.to_str().unwrap()], b"");
    let found = records(&run.stdout);
    let texts: Vec<&str> = found.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["About **1,200** containers", "More than 3 ships"]);
    assert_eq!(found[0]["bound"], "approx");
    assert_eq!(found[0]["unit"], "containers");
    let start = found[1]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 17], "More than 3 ships");
}

#[test]
fn standard_input_and_empty_input() {
    let run = factcheck(
        &["extract", "--format", "jsonl", "-"],
        "Prices rose 4.5% in March.".as_bytes(),
    );
    let found = records(&run.stdout);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0]["path"].as_str(), found[0]["trend"].as_str()),
        (Some("-"), Some("up"))
    );
    let run = factcheck(&["extract", "-"], b"");
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "-: 0 claims\n0 claims in 1 file\n");
}

#[test]
fn bad_files_are_named_and_the_others_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"It cost 5 euros \xe9t\xe9.\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let run = factcheck(
        &[
            "extract",
            "--format",
            "jsonl",
            latin1.to_str().unwrap(),
            missing.to_str().unwrap(),
            SEED,
        ],
        b"",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&format!(
            "error: {}: not valid UTF-8 at byte 16",
            latin1.display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "error: {}: no such file or directory",
            missing.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(records(&run.stdout).len(), 8, "the seed is still read");
}

#[test]
fn a_directory_stands_for_its_articles() {
    let run = factcheck(&["extract", "seeds"], b"");
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.trim_end().ends_with("47 claims in 5 files"),
        "{}",
        run.stdout
    );
}

#[test]
fn values_are_written_as_the_digits_say_with_their_source() {
    let run = factcheck(
        &["extract", "--format", "jsonl", "-"],
        "The villa sold for $4.1m, a rise of 0.3%, the agency said.".as_bytes(),
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].contains(r#""value":4100000,"#), "{}", lines[0]);
    assert!(lines[1].contains(r#""value":0.3,"#), "{}", lines[1]);
    let found = records(&run.stdout);
    assert_eq!(found[0]["attribution"], "the agency");
    assert_eq!(found[1]["trend"], "up");
    let human = factcheck(
        &["extract", "-"],
        "Sales hit $1.13bn, the firm said.".as_bytes(),
    );
    assert!(
        human
            .stdout
            .contains("$1.13bn  1.13 bn USD · money · per the firm"),
        "{}",
        human.stdout
    );
}

#[test]
fn many_files_come_out_in_order_whatever_the_cores_do() {
    // Files of very different sizes, so that a parallel run finishes them out of order.
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    let mut names = Vec::new();
    for k in 0..40 {
        let name = format!("{k:02}.txt");
        let text = if k % 7 == 0 {
            seed.repeat(30)
        } else {
            format!("Article {k} counts {k} ships and {} boats.\n", k * 3 + 2)
        };
        std::fs::write(dir.path().join(&name), text).unwrap();
        names.push(name);
    }
    std::fs::write(dir.path().join("20.txt"), b"bad \xff byte\n").unwrap();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    for format in ["human", "jsonl", "json"] {
        let all = factcheck(
            &["extract", "--format", format, &dir.path().to_string_lossy()],
            b"",
        );
        assert_eq!(all.code, 2, "{}", all.stderr);
        let mut one_by_one = String::new();
        let mut json_records: Vec<Value> = Vec::new();
        for name in &names {
            let run = factcheck(
                &["extract", "--format", format, "--quiet", &path(name)],
                b"",
            );
            match format {
                "json" if run.code == 0 => {
                    json_records.extend(serde_json::from_str::<Vec<Value>>(&run.stdout).unwrap())
                }
                _ => one_by_one.push_str(&run.stdout),
            }
        }
        match format {
            "json" => assert_eq!(
                serde_json::from_str::<Vec<Value>>(&all.stdout).unwrap(),
                json_records
            ),
            "human" => {
                let (body, last) = all.stdout.trim_end().rsplit_once('\n').unwrap();
                assert!(
                    last.ends_with("claims in 39 files, 1 file could not be read"),
                    "{last}"
                );
                assert_eq!(format!("{body}\n"), one_by_one);
            }
            _ => assert_eq!(all.stdout, one_by_one),
        }
        assert!(
            all.stderr.contains("20.txt: not valid UTF-8"),
            "{}",
            all.stderr
        );
    }
}
