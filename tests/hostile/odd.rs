//! Odd but legal input, each with a correct result or a clear error: figures of hundreds of
//! digits, UTF-16 and byte-order marks, an inline `[article]` table, a Latin-1 byte in a
//! review file, broken TOML that once made the TOML parser panic, and a shallow clone's
//! cut-off history.

use crate::support::{git, git_in, scanned};
use crate::util::{claims, id_of, s, set_line, Sandbox, NOW, SEEDS};

#[test]
fn figures_of_hundreds_of_digits_never_give_a_null_or_infinite_value() {
    let sb = Sandbox::new();
    let nines = "9".repeat(300);
    let groups = vec!["999"; 120].join(",");
    let text = format!(
        "The debt was ${nines}.\nThe deficit was {nines} billion dollars.\nIt rose {nines}%.\n\
         They counted {groups} ships.\nA share of 0.{}1 percent.\nIt cost 1e400 dollars.\n",
        "0".repeat(300)
    );
    sb.write("figures.txt", &text);
    sb.write("factcheck.toml", "articles = [\"figures.txt\"]\n");
    let out = sb
        .run(&["extract", "--format", "jsonl", "figures.txt"])
        .expect(0);
    for line in out.stdout.lines() {
        let claim: serde_json::Value = serde_json::from_str(line).expect("JSON");
        assert!(
            claim["value"].as_f64().is_some_and(f64::is_finite),
            "a value that is not a finite number: {line}"
        );
        for end in ["low", "high"] {
            assert!(
                claim[end].is_null() || claim[end].as_f64().is_some_and(f64::is_finite),
                "{end}: {line}"
            );
        }
    }
    sb.scan(&[]);
    let review = sb.read("annotations/figures.toml");
    for bad in ["inf", "nan"] {
        assert!(
            !review.lines().any(|l| l
                .split_once(" = ")
                .is_some_and(|(_, v)| v.trim_start_matches(['-', '+']) == bad)),
            "{bad} in the review file:\n{review}"
        );
    }
}

#[test]
fn a_hand_written_infinite_value_is_an_error_at_its_line() {
    let sb = scanned();
    let rel = "annotations/seeds/000_f2ecfe456393e018.toml";
    let id = s(claims(&sb.review(SEEDS[0]))[0], "id").to_string();
    let text = set_line(&sb.read(rel), &id, "value", "value = inf");
    sb.write(rel, &text);
    let line = text.lines().position(|l| l == "value = inf").unwrap() + 1;
    let run = sb.run(&["check", SEEDS[0]]).expect(2);
    assert!(
        run.stderr.contains(&format!(
            "error: {rel}:{line}:9: `value` must be a finite number, not inf"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn utf16_is_named_as_such() {
    let sb = Sandbox::new();
    let mut bytes = vec![0xff, 0xfe];
    for unit in "It cost 5 dollars.\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(sb.path("wide.txt"), &bytes).unwrap();
    for args in [&["extract", "wide.txt"][..], &["scan", "wide.txt"]] {
        let run = sb.run(args).expect(2);
        assert!(
            run.stderr.contains(
                "error: wide.txt: UTF-16 text (it starts with a UTF-16 byte-order mark); convert the file to UTF-8 (for example `iconv -f utf-16 -t utf-8`)"
            ),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("windows-1252"), "{}", run.stderr);
    }
}

#[test]
fn a_byte_order_mark_is_not_a_character() {
    let sb = Sandbox::new();
    let text = "\u{feff}Ships: 40 arrived\nThen 7 more left.\n";
    sb.write("bom.txt", text);
    let out = sb
        .run(&["extract", "--format", "jsonl", "bom.txt"])
        .expect(0);
    let first: serde_json::Value =
        serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(8))
    );
    let (start, end) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &text[start..end],
        "40",
        "offsets point into the file as it is"
    );
    assert_eq!(first["sentence"], "Ships: 40 arrived");
    sb.scan(&["bom.txt"]);
    let review = sb.review("bom.txt");
    let article = review["article"].as_table().unwrap();
    assert_eq!(s(article, "title"), "Ships: 40 arrived");
    assert_eq!(s(claims(&review)[0], "sentence"), "Ships: 40 arrived");
    assert_eq!(claims(&review)[0]["column"].as_integer(), Some(8));
}

#[test]
fn mark_keeps_a_review_files_byte_order_mark() {
    let sb = scanned();
    let rel = "annotations/seeds/001_4e05fcd575987f34.toml";
    let text = sb.read(rel);
    sb.write(rel, &format!("\u{feff}{text}"));
    let id = s(claims(&sb.review(SEEDS[1]))[0], "id").to_string();
    sb.run(&[
        "mark",
        SEEDS[1],
        &id,
        "--status",
        "dismissed",
        "--reviewer",
        "Ann",
    ])
    .expect(0);
    let after = std::fs::read(sb.path(rel)).unwrap();
    assert!(
        after.starts_with("\u{feff}".as_bytes()),
        "the mark was dropped"
    );
    sb.run(&["scan"]).expect(0);
    assert!(std::fs::read(sb.path(rel))
        .unwrap()
        .starts_with("\u{feff}".as_bytes()));
}

#[test]
fn an_inline_article_table_is_read_and_kept() {
    let sb = scanned();
    let rel = "annotations/seeds/002_2f03f44ce45c4b05.toml";
    let text = sb.read(rel);
    let review = sb.review(SEEDS[2]);
    let article = review["article"].as_table().unwrap();
    let start = text.find("[article]\n").unwrap();
    let end = text[start..].find("\n\n").unwrap() + start;
    let inline = format!(
        "article = {{ path = \"{}\", title = \"{}\", digest = \"stale\" }}",
        s(article, "path"),
        s(article, "title").replace('"', "\\\"")
    );
    sb.write(rel, &format!("{}{inline}{}", &text[..start], &text[end..]));
    let status = sb.run(&["status", SEEDS[2]]).expect(0);
    assert!(
        status
            .stdout
            .contains("seeds/002_2f03f44ce45c4b05.txt (out of date)"),
        "{}",
        status.stdout
    );
    sb.run(&["scan"]).expect(0);
    let after = sb.read(rel);
    assert!(
        after.contains("article = { path = "),
        "the inline form is kept:\n{after}"
    );
    assert!(
        !after.contains("digest = \"stale\""),
        "the digest is brought up to date"
    );
    sb.run(&["scan", "--check"]).expect(0);
}

/// Broken TOML that once made the TOML parser panic while it described the error.
#[test]
fn a_review_file_the_toml_parser_once_panicked_on_is_a_syntax_error() {
    let sb = scanned();
    let rel = "annotations/seeds/000_f2ecfe456393e018.toml";
    sb.write(rel, "\n=={\u{1}\n&\t.i");
    for command in ["scan", "status", "check"] {
        let run = sb.run(&[command]).expect(2);
        assert!(
            run.stderr
                .contains(&format!("error: {rel}:2:2: TOML syntax error")),
            "{command}: {}",
            run.stderr
        );
    }
}

#[test]
fn scan_reports_a_latin1_byte_in_a_review_file_by_its_relative_path_and_offset() {
    let sb = scanned();
    let rel = "annotations/seeds/003_673378493a6c0162.toml";
    let mut bytes = std::fs::read(sb.path(rel)).unwrap();
    let at = bytes.len() - 2;
    bytes.insert(at, 0xe9);
    std::fs::write(sb.path(rel), &bytes).unwrap();
    for command in ["scan", "status", "check"] {
        let run = sb.run(&[command]).expect(2);
        assert!(
            run.stderr
                .contains(&format!("error: {rel}:1:1: not valid UTF-8 at byte {at}")),
            "{command}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains(&sb.root().display().to_string()));
    }
    assert_eq!(
        std::fs::read(sb.path(rel)).unwrap(),
        bytes,
        "nothing is lost"
    );
}

#[test]
fn a_shallow_clone_says_its_history_is_cut_off() {
    let origin = scanned();
    git(&origin, &["init", "-q", "-b", "main"]);
    git(&origin, &["add", "-A"]);
    git(&origin, &["commit", "-q", "-m", "scan"]);
    let id = id_of(&origin.review(SEEDS[1]), "at least 10,000 containers");
    origin
        .run(&[
            "mark",
            SEEDS[1],
            &id,
            "--status",
            "disputed",
            "--note",
            "MoD",
            "--reviewer",
            "Ann",
        ])
        .expect(0);
    git(&origin, &["commit", "-q", "-am", "verdict"]);
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.root().display());
    git_in(
        clones.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    git_in(clones.path(), &["clone", "-q", &url, "full"]);
    let run = |dir: &str, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args(args)
            .current_dir(clones.path().join(dir))
            .env("NO_COLOR", "1")
            .env("FACTCHECK_NOW", NOW)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, _, stderr) = run("shallow", &["diff", "HEAD~1"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(
            "error: unknown revision `HEAD~1`: this clone is shallow and its history is cut off"
        ) && stderr.contains("git fetch --unshallow"),
        "{stderr}"
    );
    let (code, stdout, _) = run("shallow", &["log", &id]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains(
            "“at least 10,000 containers” is there where this clone's history begins: disputed"
        ) && stdout.contains("the history is cut off here (a shallow clone)"),
        "{stdout}"
    );
    assert!(!stdout.contains("added"), "{stdout}");
    let (_, json, _) = run("shallow", &["log", &id, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["entries"][0]["history_cut_off"], true);
    let (code, full, _) = run("full", &["log", &id]);
    assert_eq!(code, Some(0));
    assert!(
        full.contains("+ added “at least 10,000 containers”: pending"),
        "{full}"
    );
    assert!(!full.contains("cut off"), "{full}");
}
