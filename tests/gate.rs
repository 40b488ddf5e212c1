//! `factcheck check` as a CI engineer wires it in: only what a branch changed, findings that
//! name their claim and fix, GitHub-sized annotations with a job summary, SARIF that passes
//! the 2.1.0 schema with what GitHub code scanning needs, and JSON that matches the schemas
//! in `schema/`.

mod util;

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use util::{Sandbox, SEEDS};

const CONFIG: &str = "articles = [\"seeds/*.txt\"]\n";

fn scanned() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", CONFIG);
    sb.scan(&[]);
    sb
}

/// Runs git at the sandbox's root with a fixed identity, expecting success.
#[track_caller]
fn git(sb: &Sandbox, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(sb.root())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", sb.path(".gitconfig-absent"))
        .env("GIT_AUTHOR_NAME", "Dana Editor")
        .env("GIT_AUTHOR_EMAIL", "dana@newsroom.test")
        .env("GIT_COMMITTER_NAME", "Dana Editor")
        .env("GIT_COMMITTER_EMAIL", "dana@newsroom.test")
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A repository whose `main` holds the scanned seeds, checked out on a branch `pr`.
fn repository() -> Sandbox {
    let sb = scanned();
    git(&sb, &["init", "-q", "-b", "main"]);
    git(&sb, &["add", "-A"]);
    git(&sb, &["commit", "-q", "-m", "scan"]);
    git(&sb, &["checkout", "-q", "-b", "pr"]);
    sb
}

/// The one pattern of the published SARIF schema that is not a valid regular expression
/// (`run.language`, which factcheck does not write); it is left out before compiling.
const BROKEN_SARIF_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

fn drop_broken_pattern(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("pattern").and_then(Value::as_str) == Some(BROKEN_SARIF_PATTERN) {
                map.remove("pattern");
            }
            map.values_mut().for_each(drop_broken_pattern);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_broken_pattern),
        _ => {}
    }
}

/// Validates `doc` against a JSON Schema file of the repository, listing every error.
#[track_caller]
fn assert_valid(schema: &str, doc: &Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(schema);
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("schema file")).expect("json");
    drop_broken_pattern(&mut schema);
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn changed_since_checks_only_the_articles_a_branch_changed() {
    let sb = repository();
    sb.edit(
        SEEDS[1],
        "at least 10,000 containers",
        "at least 12,000 containers",
    );
    sb.scan(&[]);
    let marked = util::id_of(&sb.review(SEEDS[3]), "at least 10,000 sea containers");
    sb.run(&[
        "mark",
        SEEDS[3],
        &marked,
        "--status",
        "disputed",
        "--note",
        "MoD says fewer",
    ])
    .expect(0);
    git(&sb, &["commit", "-q", "-am", "more containers"]);
    sb.write("seeds/005_new.txt", "Officials counted 12 ships.\n");

    let run = sb.run(&["check", "--changed-since", "main"]).expect(1);
    let articles: std::collections::BTreeSet<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("seeds/"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        articles.into_iter().collect::<Vec<_>>(),
        [SEEDS[1], SEEDS[3], "seeds/005_new.txt"],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("across 3 articles changed since main"),
        "{}",
        run.stdout
    );

    let doc = json(
        &sb.run(&["check", "--changed-since", "main", "--format", "json"])
            .expect(1)
            .stdout,
    );
    assert_valid("schema/check.json", &doc);
    assert_eq!(doc["changed_since"]["rev"], "main");
    let in_change: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["in_changed_lines"] == true)
        .map(|f| f["figure"].as_str().unwrap())
        .collect();
    assert!(
        in_change.contains(&"at least 12,000 containers") && !in_change.contains(&"one million"),
        "{in_change:?}"
    );
    assert!(
        !in_change.contains(&"at least 10,000 sea containers"),
        "only the review file of {} changed: {in_change:?}",
        SEEDS[3]
    );

    let run = sb
        .run(&["check", "--changed-since", "main", "--format", "github"])
        .expect(1);
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.contains(&format!("file={}", SEEDS[1])) || first.contains("seeds/005_new.txt"),
        "the claims in changed lines come first: {first}"
    );

    git(&sb, &["add", "-A"]);
    git(&sb, &["commit", "-q", "-m", "new article"]);
    let run = sb.run(&["check", "--changed-since", "HEAD"]).expect(0);
    assert!(
        run.stdout
            .starts_with("policy met: 0 claims in 0 articles changed since HEAD checked"),
        "{}",
        run.stdout
    );
    let run = sb
        .run(&["check", "--changed-since", "no-such-branch"])
        .expect(2);
    assert!(
        run.stderr.contains("unknown revision `no-such-branch`"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_finding_names_its_claim_and_the_human_output_ends_with_the_fix() {
    let sb = scanned();
    let id = util::id_of(&sb.review(SEEDS[1]), "at least 10,000 containers");
    let run = sb.run(&["check", SEEDS[1]]).expect(1);
    assert!(
        run.stdout.contains(&format!(
            "{}:5:128: pending [{id}]: at least 10,000 containers: ",
            SEEDS[1]
        )),
        "{}",
        run.stdout
    );
    let tail: Vec<&str> = run.stdout.lines().rev().take(3).collect();
    assert_eq!(tail[2], "to fix:", "{}", run.stdout);
    assert_eq!(tail[1], format!("  factcheck review {}", SEEDS[1]));
    assert!(
        tail[0].starts_with(&format!("  factcheck mark {} ", SEEDS[1]))
            && tail[0].contains(&id)
            && tail[0].ends_with("--status verified --source \"…\""),
        "{}",
        tail[0]
    );

    // The suggested command works as printed, once the source is filled in.
    let mark = tail[0].trim().replace('…', "Bloomberg, 14 June 2024");
    let status = Command::new("sh")
        .arg("-c")
        .arg(mark.replacen(
            "factcheck",
            env!("CARGO_BIN_EXE_factcheck").replace('\'', "").as_str(),
            1,
        ))
        .current_dir(sb.root())
        .env("FACTCHECK_NOW", util::NOW)
        .env("USER", "sandbox-user")
        .env("GIT_CONFIG_GLOBAL", sb.path(".gitconfig-absent"))
        .stdout(std::process::Stdio::null())
        .status()
        .expect("sh");
    assert!(status.success());
    sb.run(&["check", SEEDS[1]]).expect(0);

    let quiet = sb.run(&["check", "--quiet", SEEDS[2]]).expect(1);
    assert!(
        quiet.stdout.lines().all(|l| l.starts_with(SEEDS[2])),
        "{}",
        quiet.stdout
    );
}

#[test]
fn github_output_keeps_within_the_limits_and_writes_the_job_summary() {
    let sb = scanned();
    let summary = sb.path("step-summary.md");
    std::fs::write(&summary, "# earlier step\n").unwrap();
    let out = sb
        .cmd()
        .args(["check", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let errors = stdout.lines().filter(|l| l.starts_with("::error ")).count();
    assert_eq!(errors, 10, "{stdout}");
    let notice = stdout
        .lines()
        .find(|l| l.starts_with("::notice "))
        .expect("a notice");
    assert!(
        notice.contains("37 more problems not shown as annotations")
            && notice.contains("the job summary lists them all"),
        "{notice}"
    );
    for line in stdout.lines().filter(|l| l.starts_with("::error ")) {
        assert!(line.contains("title=factcheck%3A pending ["), "{line}");
        assert!(line.contains("%0Afix: factcheck mark seeds/"), "{line}");
    }

    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(written.starts_with("# earlier step\n### factcheck check: policy not met\n"));
    let rows = written
        .lines()
        .filter(|l| l.starts_with("| `seeds/"))
        .count();
    assert_eq!(rows, 47, "{written}");
    assert!(written.contains("```sh\nfactcheck review seeds/000_f2ecfe456393e018.txt\n"));

    let run = sb
        .run(&["check", "--format", "github", "--max-annotations", "50"])
        .expect(1);
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("::error "))
            .count(),
        47
    );
    assert!(!run.stdout.contains("::notice"));
}

#[test]
fn sarif_passes_the_schema_and_carries_what_code_scanning_needs() {
    let sb = scanned();
    let log = json(&sb.run(&["check", "--format", "sarif"]).expect(1).stdout);
    assert_valid("tests/data/sarif/sarif-schema-2.1.0.json", &log);
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert!(driver["informationUri"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://")));
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = driver["rules"].as_array().unwrap();
    for rule in rules {
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(
                rule[key]["text"].as_str().is_some_and(|t| !t.is_empty()),
                "rule {} lacks {key}",
                rule["id"]
            );
        }
        assert!(rule["helpUri"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://")));
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 47);
    let mut keys = std::collections::HashSet::new();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().is_some_and(|n| n >= 1), "{region}");
        }
        assert!(region["endColumn"].as_u64() > region["startColumn"].as_u64());
        let key = result["partialFingerprints"]["claimId/v1"]
            .as_str()
            .unwrap();
        assert!(keys.insert(key.to_string()), "duplicate fingerprint {key}");
        let id = key.rsplit('#').next().unwrap();
        assert!(result["message"]["text"]
            .as_str()
            .unwrap()
            .contains(&format!("[{id}]")));
    }
    // The fingerprint follows the claim, not its line: text inserted above keeps it.
    let first = results[0]["partialFingerprints"].clone();
    sb.edit(
        SEEDS[0],
        "North Korea Sends",
        "Updated.\n\nNorth Korea Sends",
    );
    sb.scan(&[]);
    let again = json(&sb.run(&["check", "--format", "sarif"]).expect(1).stdout);
    let moved = again["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["partialFingerprints"] == first)
        .expect("the same claim");
    assert_eq!(
        moved["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
}

#[test]
fn json_outputs_match_their_schemas() {
    let sb = repository();
    assert_valid(
        "schema/status.json",
        &json(&sb.run(&["status", "--format", "json"]).expect(0).stdout),
    );
    let conflicts = json(&sb.run(&["conflicts", "--format", "json"]).expect(1).stdout);
    assert_valid("schema/conflicts.json", &conflicts);
    let open = conflicts["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["state"] == "open")
        .expect("an open group");
    let acked = open["id"].as_str().unwrap();
    sb.run(&[
        "conflicts",
        "--ack",
        acked,
        "--note",
        "two periods",
        "--reviewer",
        "ed",
    ])
    .expect(0);
    let conflicts = json(&sb.run(&["conflicts", "--format", "json"]).expect(1).stdout);
    assert!(conflicts["groups"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["acknowledgement"]["note"] == "two periods"));
    assert_valid("schema/conflicts.json", &conflicts);
    let id = util::id_of(&sb.review(SEEDS[1]), "at least 10,000 containers");
    sb.run(&[
        "mark",
        SEEDS[1],
        &id,
        "--status",
        "verified",
        "--source",
        "Bloomberg",
    ])
    .expect(0);
    git(&sb, &["commit", "-q", "-am", "review"]);
    let diff = json(
        &sb.run(&["diff", "main", "HEAD", "--format", "json"])
            .expect(0)
            .stdout,
    );
    assert_valid("schema/diff.json", &diff);
    assert_eq!(diff["articles"][0]["changes"][0]["after"]["value"], 10000);
    assert_valid(
        "schema/log.json",
        &json(&sb.run(&["log", &id, "--format", "json"]).expect(0).stdout),
    );
    let check = json(&sb.run(&["check", "--format", "json"]).expect(1).stdout);
    assert_valid("schema/check.json", &check);

    // Errors are codes with a place, not preformatted strings.
    let review = util::review_rel(SEEDS[0]);
    let text = sb.read(&review).replacen("status = ", "stauts = ", 1);
    sb.write(&review, &text);
    let check = json(&sb.run(&["check", "--format", "json"]).expect(2).stdout);
    assert_valid("schema/check.json", &check);
    let error = &check["errors"][0];
    assert_eq!(error["code"], "unknown-key");
    assert_eq!(error["path"], review.as_str());
    assert!(error["line"].as_u64().unwrap() > 1);
    assert_eq!(error["help"], "did you mean `status`?");
}

#[test]
fn completions_and_the_manual_page_cover_every_command() {
    let sb = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = sb.run(&["completions", shell]).expect(0);
        for command in ["scan", "check", "mark", "completions"] {
            assert!(run.stdout.contains(command), "{shell} lacks {command}");
        }
        assert!(run.stdout.contains("changed-since"), "{shell}");
    }
    let man = sb.run(&["man"]).expect(0);
    assert!(man.stdout.starts_with(".ie \\n(.g .ds Aq") || man.stdout.contains(".TH factcheck"));
    assert!(man.stdout.contains("SUBCOMMANDS"), "{}", man.stdout);
    let check = sb.run(&["man", "check"]).expect(0);
    assert!(
        check.stdout.contains(".TH factcheck-check"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("changed\\-since"));
    let run = sb.run(&["man", "nope"]).expect(2);
    assert!(run.stderr.contains("no command `nope`"), "{}", run.stderr);
}

#[test]
fn colour_is_decided_once_from_the_flag_and_the_environment() {
    let sb = scanned();
    let escape = "\u{1b}[";
    let always = sb.run(&["--color", "always", "check", SEEDS[2]]).expect(1);
    assert!(always.stdout.contains(escape), "{}", always.stdout);
    let never = sb.run(&["check", SEEDS[2]]).expect(1);
    assert!(!never.stdout.contains(escape));

    let bin = env!("CARGO_BIN_EXE_factcheck");
    let in_terminal = |term: &str| {
        let mut cmd = Command::new(bin);
        cmd.args(["status"])
            .current_dir(sb.root())
            .env_remove("NO_COLOR")
            .env("TERM", term);
        let mut session = rexpect::session::spawn_command(cmd, Some(20_000)).expect("a pty");
        session.exp_string("total (5 articles)").expect("the table")
    };
    assert!(in_terminal("xterm").contains(escape));
    assert!(!in_terminal("dumb").contains(escape));
}

#[test]
fn the_pre_commit_hooks_run_the_commands_they_name() {
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .expect("the hooks file");
    let entries: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry: factcheck "))
        .collect();
    assert_eq!(entries, ["scan --check", "check"]);
    let sb = scanned();
    let expected = [0, 1];
    for (entry, code) in entries.iter().zip(expected) {
        let args: Vec<&str> = entry.split(' ').collect();
        sb.run(&args).expect(code);
    }
}
