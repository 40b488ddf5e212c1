//! `factcheck status` and `factcheck check` on copies of the seeds: the gate fails on a fresh
//! scan, passes once every claim is verified with a source, honours per-glob rules, and each
//! output format has the shape its consumers need.

mod util;

use serde_json::Value;
use util::{Sandbox, SEEDS};

const CONFIG: &str = "articles = [\"seeds/*.txt\"]\n";

fn scanned(config: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", config);
    sb.scan(&[]);
    sb
}

fn ids(sb: &Sandbox, article: &str) -> Vec<String> {
    sb.review(article)["claim"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["id"].as_str().expect("id").to_string())
        .collect()
}

/// Replaces the first occurrence of `from` in a file.
fn edit_first(sb: &Sandbox, rel: &str, from: &str, to: &str) {
    let text = sb.read(rel);
    assert!(text.contains(from), "{rel} lacks {from:?}");
    sb.write(rel, &text.replacen(from, to, 1));
}

fn verify_all(sb: &Sandbox) {
    for seed in SEEDS {
        let mut args = vec!["mark".to_string(), seed.to_string()];
        args.extend(ids(sb, seed));
        args.extend(
            [
                "--status",
                "verified",
                "--source",
                "desk check",
                "--reviewer",
                "ed",
            ]
            .map(String::from),
        );
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        sb.run(&args).expect(0);
    }
}

#[test]
fn a_fresh_scan_fails_the_gate_listing_every_claim() {
    let sb = scanned(CONFIG);
    let run = sb.run(&["check"]).expect(1);
    let problems: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(": pending ["))
        .collect();
    let claims: usize = SEEDS.iter().map(|s| ids(&sb, s).len()).sum();
    assert_eq!(problems.len(), claims, "{}", run.stdout);
    let id = util::id_of(&sb.review(SEEDS[1]), "at least 10,000 containers");
    assert!(run.stdout.contains(&format!("seeds/001_4e05fcd575987f34.txt:5:128: pending [{id}]: at least 10,000 containers: According to Bloomberg")), "{}", run.stdout);
    assert!(
        run.stdout.lines().any(|l| l
            == format!("policy not met: {claims} problems in {claims} claims across 5 articles")),
        "{}",
        run.stdout
    );
}

#[test]
fn verified_claims_with_sources_pass_and_one_disputed_claim_fails() {
    let sb = scanned(CONFIG);
    verify_all(&sb);
    let run = sb.run(&["check"]).expect(0);
    assert!(run.stdout.starts_with("policy met: "), "{}", run.stdout);

    let seed = SEEDS[2];
    let id = ids(&sb, seed)[0].clone();
    sb.run(&[
        "mark",
        seed,
        &id,
        "--status",
        "disputed",
        "--note",
        "MoD says fewer",
        "--reviewer",
        "ed",
    ])
    .expect(0);
    let run = sb.run(&["check"]).expect(1);
    let problems: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("seeds/"))
        .collect();
    assert_eq!(problems.len(), 1, "{}", run.stdout);
    assert!(
        problems[0].starts_with(&format!("{seed}:"))
            && problems[0].contains(&format!(": disputed [{id}]: ")),
        "{}",
        problems[0]
    );
}

#[test]
fn verified_without_a_source_fails_unless_the_policy_allows_it() {
    let sb = scanned(CONFIG);
    verify_all(&sb);
    edit_first(
        &sb,
        &util::review_rel(SEEDS[0]),
        "source = \"desk check\"",
        "source = \"\"",
    );
    let run = sb.run(&["check"]).expect(1);
    assert!(
        run.stdout.contains(": verified without source ["),
        "{}",
        run.stdout
    );
    sb.write(
        "factcheck.toml",
        &format!("{CONFIG}[check]\nrequire_source = false\n"),
    );
    sb.run(&["check"]).expect(0);
}

#[test]
fn per_glob_rules_make_some_articles_warn_only() {
    let config =
        format!("{CONFIG}\n[[check.rule]]\npaths = [\"seeds/00[0-3]*\"]\nwarn_only = true\n");
    let sb = scanned(&config);
    let run = sb.run(&["check"]).expect(1);
    let errors: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(": pending ["))
        .collect();
    let warnings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(": warning: pending ["))
        .collect();
    assert!(
        errors
            .iter()
            .all(|l| l.starts_with(SEEDS[4]) || l.contains("warning:")),
        "{}",
        run.stdout
    );
    assert_eq!(errors.len() - warnings.len(), ids(&sb, SEEDS[4]).len());
    let only_last = format!("{CONFIG}\n[[check.rule]]\npaths = [\"seeds/*\"]\nwarn_only = true\n");
    sb.write("factcheck.toml", &only_last);
    let run = sb.run(&["check"]).expect(0);
    assert!(run.stdout.contains("warning"), "{}", run.stdout);
}

#[test]
fn an_article_changed_since_its_scan_or_never_scanned_fails() {
    let sb = scanned(CONFIG);
    verify_all(&sb);
    sb.edit(SEEDS[1], "one million rounds", "two million rounds");
    sb.write("seeds/005_new.txt", "Officials counted 12 ships.\n");
    let run = sb.run(&["check"]).expect(1);
    assert!(
        run.stdout.contains(&format!(
            "{}:1:1: out of date: the article changed since its last scan; run `factcheck scan {}`",
            SEEDS[1], SEEDS[1]
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("seeds/005_new.txt:1:1: not scanned: no review file"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_github_and_sarif_have_the_shape_their_readers_need() {
    let sb = scanned(CONFIG);
    let run = sb.run(&["check", "--format", "json"]).expect(1);
    let doc: Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(doc["passed"], false);
    let first = &doc["findings"][0];
    for key in [
        "path", "line", "column", "code", "claim_id", "figure", "sentence", "severity",
    ] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }

    let run = sb.run(&["check", "--format", "github"]).expect(1);
    let commands: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error"))
        .collect();
    assert!(!commands.is_empty());
    for line in &commands {
        let (props, message) = line
            .strip_prefix("::error ")
            .expect("an error command")
            .split_once("::")
            .expect("message");
        let keys: Vec<&str> = props
            .split(',')
            .map(|p| p.split('=').next().unwrap())
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "endLine", "col", "endColumn", "title"],
            "{line}"
        );
        assert!(!message.is_empty() && !message.contains('\n'));
    }

    let run = sb.run(&["check", "--format", "sarif"]).expect(1);
    let sarif: Value = serde_json::from_str(&run.stdout).expect("sarif json");
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "factcheck");
    let rules: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for result in run0["results"].as_array().expect("results") {
        assert!(rules.contains(&result["ruleId"].as_str().unwrap()));
        assert!(result["message"]["text"].is_string());
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(
            region["startLine"].as_u64().unwrap() >= 1
                && region["startColumn"].as_u64().unwrap() >= 1
        );
        assert!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("seeds/")
        );
    }
}

#[test]
fn malformed_config_and_review_files_exit_2_naming_file_and_line() {
    let sb = scanned(CONFIG);
    sb.write(
        "factcheck.toml",
        "articles = [\"seeds/*.txt\"]\n[check]\nfail = [\"pending\"]\nstrict = yes\n",
    );
    let run = sb.run(&["check"]).expect(2);
    assert!(run.stderr.contains("factcheck.toml:4:"), "{}", run.stderr);

    sb.write("factcheck.toml", CONFIG);
    let review = util::review_rel(SEEDS[0]);
    edit_first(
        &sb,
        &review,
        "status = \"pending\"",
        "stauts = \"verified\"\nstatus = \"pending\"",
    );
    let run = sb.run(&["check"]).expect(2);
    assert!(
        run.stderr.contains("unknown key `stauts`")
            && run.stderr.contains("did you mean `status`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&format!("{review}:")), "{}", run.stderr);

    let review2 = util::review_rel(SEEDS[1]);
    edit_first(
        &sb,
        &review2,
        "status = \"pending\"",
        "status = \"verifed\"",
    );
    let run = sb.run(&["check"]).expect(2);
    assert!(
        run.stderr.contains("unknown status") && run.stderr.contains("did you mean \"verified\"?"),
        "{}",
        run.stderr
    );
}

#[test]
fn status_puts_the_most_work_first_in_every_format() {
    let sb = scanned(CONFIG);
    let seed = SEEDS[4];
    let all = ids(&sb, seed);
    let mut args = vec!["mark", seed];
    args.extend(all.iter().map(String::as_str));
    args.extend([
        "--status",
        "verified",
        "--source",
        "desk",
        "--reviewer",
        "ed",
    ]);
    sb.run(&args).expect(0);

    let run = sb.run(&["status"]).expect(0);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert!(rows[0].starts_with("article") && rows[0].contains("pending"));
    assert!(
        rows[rows.len() - 2].starts_with(seed),
        "the finished article comes last: {}",
        run.stdout
    );
    assert!(rows.last().unwrap().starts_with("total (5 articles)"));

    let md = sb.run(&["status", "--format", "markdown"]).expect(0).stdout;
    assert!(
        md.starts_with("| article | claims |") && md.contains("|---|---:|"),
        "{md}"
    );

    let json: Value =
        serde_json::from_str(&sb.run(&["status", "--format", "json"]).expect(0).stdout).unwrap();
    assert_eq!(
        json["total"]["verified"].as_u64().unwrap() as usize,
        all.len()
    );

    let claims = sb.run(&["status", seed, "--claims"]).expect(0).stdout;
    for id in &all {
        assert!(claims.contains(&format!("  {id}  verified")), "{claims}");
    }
    assert!(
        claims.contains("[more than 11,000 containers of ammunition]"),
        "{claims}"
    );
}

#[test]
fn the_bundled_review_files_are_up_to_date() {
    let run = assert_cmd::Command::cargo_bin("factcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(["scan", "--check"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "run `cargo run -- scan`:\n{}",
        String::from_utf8_lossy(&run.stdout)
    );
}

#[test]
fn a_file_that_cannot_be_checked_is_counted_once_annotated_and_marked_in_status() {
    let sb = scanned(CONFIG);
    let review = util::review_rel(SEEDS[0]);
    edit_first(&sb, &review, "status = \"pending\"", "stauts = \"pending\"");
    let run = sb.run(&["check"]).expect(2);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("policy") && l.ends_with(", 1 file could not be checked")),
        "{}",
        run.stdout
    );
    let alone = sb.run(&["check", SEEDS[0]]).expect(2);
    assert!(
        alone
            .stdout
            .lines()
            .any(|l| l
                == "check incomplete: 0 claims in 1 article checked, 1 file could not be checked"),
        "a file not read is not a policy met: {}",
        alone.stdout
    );

    let run = sb.run(&["check", "--format", "github"]).expect(2);
    let annotation = run
        .stdout
        .lines()
        .find(|l| l.contains("cannot check this file"))
        .expect("an annotation");
    assert!(
        annotation.starts_with(&format!("::error file={review},line=")),
        "{annotation}"
    );
    assert!(annotation.contains("unknown key `stauts`"), "{annotation}");

    sb.write(&review, "[article\n");
    let run = sb.run(&["status"]).expect(2);
    assert!(
        run.stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with(&format!("{} (cannot be read)", SEEDS[0])),
        "{}",
        run.stdout
    );
}

#[test]
fn a_malformed_rule_glob_is_reported_with_its_line() {
    let sb = scanned(CONFIG);
    sb.write(
        "factcheck.toml",
        &format!("{CONFIG}\n[[check.rule]]\npaths = [\"drafts/[**\"]\nwarn_only = true\n"),
    );
    let run = sb.run(&["check"]).expect(2);
    assert!(
        run.stderr
            .contains("factcheck.toml:4:9: bad glob `drafts/[**`"),
        "{}",
        run.stderr
    );
}
