//! Review state through what git does, in real temporary repositories with the merge driver
//! set up by `factcheck init --merge-driver`: articles moved with `git mv` and plain `mv`,
//! copied and deleted; two reviewers' branches merged, rebased and cherry-picked; one claim
//! given two verdicts and settled; parallel marks of one file; audit times.

mod util;

use util::git::GitRepo;

const SEOUL: &str = "seeds/001_4e05fcd575987f34.txt";
const SEOUL_REVIEW: &str = "annotations/seeds/001_4e05fcd575987f34.toml";
/// "at least 10,000 containers" in the Seoul article.
const CONTAINERS: &str = "4dfe84";
/// The Seoul article's headline figure, "4.8 Million Rounds of Shells".
const SHELLS: &str = "c6f06b";
/// "4.8 million rounds of ammunition", attributed to Shin Wonsik.
const ROUNDS: &str = "01df07";

/// A git repository with copies of the seeds, scanned and committed on `main`, with the
/// merge driver set up.
fn repository() -> GitRepo {
    let repo = GitRepo::with_seeds();
    let wired = repo.ok(&["init", "--merge-driver"]);
    assert!(wired.contains("merge=factcheck"), "{wired}");
    repo.ok(&["scan"]);
    repo.commit("Scan the seeds", 1);
    repo
}

/// Sets a verdict with `factcheck mark`, with one `--source` or `--note`.
fn mark(repo: &GitRepo, article: &str, id: &str, status: &str, detail: (&str, &str), who: &str) {
    repo.ok(&[
        "mark",
        article,
        id,
        "--status",
        status,
        detail.0,
        detail.1,
        "--reviewer",
        who,
    ]);
}

/// A claim of a review file as TOML, current or retired.
fn claim(repo: &GitRepo, review: &str, id: &str) -> toml::Table {
    let file: toml::Table = toml::from_str(&repo.read(review)).expect("valid TOML");
    ["claim", "retired"]
        .iter()
        .filter_map(|k| file.get(*k).and_then(|v| v.as_array()))
        .flatten()
        .filter_map(|c| c.as_table())
        .find(|c| c["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("claim {id} is not in {review}"))
        .clone()
}

fn text<'t>(claim: &'t toml::Table, key: &str) -> &'t str {
    claim.get(key).and_then(|v| v.as_str()).unwrap_or("")
}

#[test]
fn git_mv_then_scan_moves_the_review_file_with_its_verdicts() {
    let repo = repository();
    mark(
        &repo,
        SEOUL,
        CONTAINERS,
        "verified",
        ("--source", "Bloomberg"),
        "Ann",
    );
    let mut review = repo.read(SEOUL_REVIEW);
    review = review.replacen(
        "\n[[claim]]\n",
        "\n# desk: call Seoul first\n[[claim]]\n",
        1,
    );
    review = review.replacen(
        "reviewer = \"Ann\"",
        "reviewer = \"Ann\"\ndesk_checked = true",
        1,
    );
    repo.write(SEOUL_REVIEW, &review);
    repo.commit("Verdict", 1);

    repo.git(&["mv", SEOUL, "seeds/seoul.txt"]);
    let (out, _) = repo.expect(1, &["scan", "--check"]);
    assert!(out.contains("would follow its article"), "{out}");
    let out = repo.ok(&["scan"]);
    assert!(
        out.contains(&format!(
            "{SEOUL_REVIEW} → annotations/seeds/seoul.toml: followed its article from {SEOUL} to seeds/seoul.txt"
        )),
        "{out}"
    );
    assert!(!repo.exists(SEOUL_REVIEW));
    let moved = repo.read("annotations/seeds/seoul.toml");
    assert!(moved.contains("# desk: call Seoul first\n"), "{moved}");
    assert!(moved.contains("previous_paths = [\"seeds/001_4e05fcd575987f34.txt\"]"));
    let moved_claim = claim(&repo, "annotations/seeds/seoul.toml", CONTAINERS);
    assert_eq!(text(&moved_claim, "status"), "verified");
    assert_eq!(text(&moved_claim, "source"), "Bloomberg");
    assert_eq!(moved_claim["desk_checked"].as_bool(), Some(true));
    assert!(repo.ok(&["scan", "--check"]).contains("up to date"));

    repo.commit("Move the Seoul article", 1);
    let diff = repo.ok(&["diff", "HEAD~1", "HEAD"]);
    assert!(diff.contains(&format!("renamed from {SEOUL}")), "{diff}");
    assert!(!diff.contains("→ pending"), "{diff}");
    let log = repo.ok(&["log", CONTAINERS]);
    assert!(log.contains("verified by Ann"), "{log}");
}

#[test]
fn a_plain_mv_is_followed_and_a_copy_takes_nothing() {
    let repo = repository();
    mark(&repo, SEOUL, SHELLS, "verified", ("--source", "MoD"), "Ann");
    repo.commit("Verdict", 1);

    std::fs::copy(repo.path(SEOUL), repo.path("seeds/copy.txt")).unwrap();
    repo.ok(&["scan"]);
    assert!(
        repo.exists(SEOUL_REVIEW),
        "the original keeps its review file"
    );
    let copy = claim(&repo, "annotations/seeds/copy.toml", SHELLS);
    assert_eq!(text(&copy, "status"), "pending");

    std::fs::rename(repo.path(SEOUL), repo.path("seeds/renamed.txt")).unwrap();
    repo.ok(&["scan"]);
    let moved = claim(&repo, "annotations/seeds/renamed.toml", SHELLS);
    assert_eq!(text(&moved, "status"), "verified");
    assert_eq!(text(&moved, "source"), "MoD");
}

#[test]
fn a_deleted_article_leaves_an_orphan_until_pruned() {
    let repo = repository();
    std::fs::remove_file(repo.path(SEOUL)).unwrap();
    let (_, warned) = repo.expect(0, &["scan"]);
    assert!(
        warned.contains(&format!(
            "{SEOUL_REVIEW}: its article {SEOUL} no longer exists"
        )),
        "{warned}"
    );
    assert!(warned.contains("factcheck scan --prune"), "{warned}");
    let status = repo.ok(&["status"]);
    assert!(
        status.contains(&format!("{SEOUL} (gone: review file orphaned)")),
        "{status}"
    );
    let (findings, _) = repo.expect(1, &["check"]);
    assert!(
        findings.contains(&format!(
            "{SEOUL_REVIEW}:1:1: orphaned: its article {SEOUL} no longer exists"
        )),
        "{findings}"
    );
    assert!(findings.contains("factcheck scan --prune"), "{findings}");

    let out = repo.ok(&["scan", "--prune"]);
    assert!(
        out.contains(&format!(
            "{SEOUL_REVIEW}: removed, its article {SEOUL} no longer exists"
        )),
        "{out}"
    );
    assert!(!repo.exists(SEOUL_REVIEW));
    let (findings, _) = repo.expect(1, &["check"]);
    assert!(!findings.contains("orphaned"), "{findings}");
}

/// Two reviewers mark different claims on two branches from `main`.
fn two_reviewers(repo: &GitRepo) {
    repo.git(&["checkout", "-q", "-b", "ann"]);
    mark(
        repo,
        SEOUL,
        CONTAINERS,
        "verified",
        ("--source", "Bloomberg"),
        "Ann",
    );
    let review = repo.read(SEOUL_REVIEW).replacen(
        "[article]",
        "# Ann: containers confirmed by phone\n[article]",
        1,
    );
    repo.write(SEOUL_REVIEW, &review);
    repo.commit("Ann's verdict", 1);
    repo.git(&["checkout", "-q", "main"]);
    mark(
        repo,
        SEOUL,
        ROUNDS,
        "disputed",
        ("--note", "MoD says fewer"),
        "Bo",
    );
    repo.commit("Bo's verdict", 1);
}

#[test]
fn different_claims_marked_on_two_branches_merge_cleanly() {
    let repo = repository();
    two_reviewers(&repo);
    repo.git(&["merge", "-q", "--no-edit", "ann"]);

    assert_eq!(
        text(&claim(&repo, SEOUL_REVIEW, CONTAINERS), "status"),
        "verified"
    );
    assert_eq!(
        text(&claim(&repo, SEOUL_REVIEW, ROUNDS), "status"),
        "disputed"
    );
    let merged = repo.read(SEOUL_REVIEW);
    assert!(merged.contains("# Ann: containers confirmed by phone\n"));
    assert!(!merged.contains("<<<<<<<"));
    assert!(repo.ok(&["scan", "--check"]).contains("up to date"));

    // The merged file is what marking both claims on one branch writes.
    repo.git(&["checkout", "-q", "-b", "one-branch", "HEAD~2"]);
    mark(
        &repo,
        SEOUL,
        ROUNDS,
        "disputed",
        ("--note", "MoD says fewer"),
        "Bo",
    );
    mark(
        &repo,
        SEOUL,
        CONTAINERS,
        "verified",
        ("--source", "Bloomberg"),
        "Ann",
    );
    let sequential = repo.read(SEOUL_REVIEW).replacen(
        "[article]",
        "# Ann: containers confirmed by phone\n[article]",
        1,
    );
    assert_eq!(merged, sequential);
}

#[test]
fn rebase_and_cherry_pick_go_through_the_driver() {
    let repo = repository();
    two_reviewers(&repo);
    repo.git(&["checkout", "-q", "ann"]);
    repo.git(&["rebase", "-q", "main"]);
    assert_eq!(
        text(&claim(&repo, SEOUL_REVIEW, CONTAINERS), "status"),
        "verified"
    );
    assert_eq!(
        text(&claim(&repo, SEOUL_REVIEW, ROUNDS), "status"),
        "disputed"
    );

    repo.git(&["checkout", "-q", "-b", "picked", "main"]);
    repo.git(&["reset", "-q", "--hard", "main~1"]);
    mark(
        &repo,
        SEOUL,
        SHELLS,
        "unsourced",
        ("--note", "no source given"),
        "Cy",
    );
    repo.commit("Cy's verdict", 1);
    repo.git(&["cherry-pick", "ann"]);
    assert_eq!(
        text(&claim(&repo, SEOUL_REVIEW, CONTAINERS), "status"),
        "verified"
    );
    assert_eq!(
        text(&claim(&repo, SEOUL_REVIEW, SHELLS), "status"),
        "unsourced"
    );
}

#[test]
fn two_verdicts_on_one_claim_are_kept_and_settled_with_mark() {
    let repo = repository();
    repo.git(&["checkout", "-q", "-b", "cy"]);
    mark(
        &repo,
        SEOUL,
        SHELLS,
        "verified",
        ("--source", "MoD statement"),
        "Cy",
    );
    repo.commit("Cy: verified", 1);
    repo.git(&["checkout", "-q", "main"]);
    mark(
        &repo,
        SEOUL,
        SHELLS,
        "disputed",
        ("--note", "Reuters says 3m"),
        "Di",
    );
    repo.commit("Di: disputed", 1);

    let said = repo.git_fails(&["merge", "--no-edit", "cy"]);
    assert!(said.contains("CONFLICT"), "{said}");
    assert!(said.contains("1 claim got different verdicts"), "{said}");
    let file = repo.read(SEOUL_REVIEW);
    assert!(
        !file.contains("<<<<<<<") && !file.contains(">>>>>>>"),
        "{file}"
    );
    let kept = claim(&repo, SEOUL_REVIEW, SHELLS);
    assert_eq!(text(&kept, "status"), "disputed");
    assert_eq!(
        text(&kept, "source"),
        "",
        "the kept verdict is not mixed with the other"
    );
    let other = kept["conflict"].as_array().expect("the other verdict")[0]
        .as_table()
        .unwrap()
        .clone();
    assert_eq!(
        (
            text(&other, "status"),
            text(&other, "source"),
            text(&other, "reviewer")
        ),
        ("verified", "MoD statement", "Cy")
    );

    let (findings, _) = repo.expect(1, &["check"]);
    assert!(
        findings.contains(&format!(": conflicted [{SHELLS}]: ")),
        "{findings}"
    );
    let status = repo.ok(&["status"]);
    assert!(status.contains("(1 conflicted: two verdicts)"), "{status}");
    let claims = repo.ok(&["status", SEOUL, "--claims"]);
    assert!(claims.contains("or verified by Cy"), "{claims}");

    let said = repo.ok(&[
        "mark",
        SEOUL,
        SHELLS,
        "--status",
        "verified",
        "--source",
        "MoD statement, 14 June",
        "--reviewer",
        "Di",
    ]);
    assert!(said.contains("settled the two verdicts"), "{said}");
    let settled = claim(&repo, SEOUL_REVIEW, SHELLS);
    assert!(settled.get("conflict").is_none());
    let history: Vec<(&str, &str)> = settled["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let h = h.as_table().unwrap();
            (text(h, "status"), text(h, "reviewer"))
        })
        .collect();
    assert_eq!(history, [("disputed", "Di"), ("verified", "Cy")]);
    let (findings, _) = repo.expect(1, &["check"]);
    assert!(!findings.contains("conflicted"), "{findings}");
    repo.commit("Settle the shells", 1);
}

#[test]
fn merging_keeps_hand_added_keys_and_comments_from_both_sides() {
    let repo = repository();
    repo.git(&["checkout", "-q", "-b", "desk"]);
    let review = repo.read(SEOUL_REVIEW).replacen(
        "reviewer = \"\"",
        "reviewer = \"\"\n# from the desk\ndesk_priority = \"high\"",
        1,
    );
    repo.write(SEOUL_REVIEW, &review);
    repo.commit("Desk", 1);
    repo.git(&["checkout", "-q", "main"]);
    let review = repo.read(SEOUL_REVIEW) + "\n# a closing remark\n";
    repo.write(SEOUL_REVIEW, &review);
    mark(
        &repo,
        SEOUL,
        CONTAINERS,
        "dismissed",
        ("--note", "not a claim"),
        "Bo",
    );
    repo.commit("Bo", 1);
    repo.git(&["merge", "-q", "--no-edit", "desk"]);
    let merged = repo.read(SEOUL_REVIEW);
    assert!(
        merged.contains("# from the desk\ndesk_priority = \"high\""),
        "{merged}"
    );
    assert!(merged.contains("# a closing remark"), "{merged}");
    assert_eq!(
        text(&claim(&repo, SEOUL_REVIEW, CONTAINERS), "status"),
        "dismissed"
    );
}

#[test]
fn parallel_marks_of_one_file_lose_nothing() {
    let repo = repository();
    let big = "seeds/big.txt";
    let article: String = (1..=100)
        .map(|k| {
            format!(
                "Paragraph {k}: the ministry counted {} vehicles in {k} convoys.\n",
                k * 1000 + 7
            )
        })
        .collect();
    repo.write(big, &article);
    repo.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    repo.ok(&["scan", big]);
    let claims = repo.json(&["status", big, "--format", "json"]);
    assert!(claims["articles"][0]["claims"].as_u64().unwrap() >= 100);
    let file: toml::Table = toml::from_str(&repo.read("annotations/seeds/big.toml")).unwrap();
    let ids: Vec<String> = file["claim"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .take(100)
        .collect();
    assert_eq!(ids.len(), 100);
    let bin = assert_cmd::cargo::cargo_bin("factcheck");
    let halves: Vec<Vec<String>> = ids.chunks(50).map(<[String]>::to_vec).collect();
    let workers: Vec<_> = halves
        .into_iter()
        .enumerate()
        .map(|(k, half)| {
            let (bin, root, env) = (bin.clone(), repo.path(""), repo.env(1));
            std::thread::spawn(move || {
                for id in half {
                    let out = std::process::Command::new(&bin)
                        .current_dir(&root)
                        .envs(env.clone())
                        .args(["mark", big, &id, "--status", "verified", "--source"])
                        .arg(format!("desk {k}"))
                        .args(["--reviewer", &format!("reviewer {k}")])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    for (k, id) in ids.iter().enumerate() {
        let marked = claim(&repo, "annotations/seeds/big.toml", id);
        assert_eq!(text(&marked, "status"), "verified", "claim {id}");
        assert_eq!(text(&marked, "source"), format!("desk {}", k / 50));
    }
}

#[test]
fn editing_one_figure_reopens_only_that_claim() {
    let repo = repository();
    let poll = "seeds/poll.txt";
    repo.write(
        poll,
        "Turnout was 76% as the £600m scheme, costing $1.13bn in all, went ahead.\n",
    );
    repo.ok(&["scan", poll]);
    let file: toml::Table = toml::from_str(&repo.read("annotations/seeds/poll.toml")).unwrap();
    let ids: Vec<String> = file["claim"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 3, "{file}");
    for id in &ids {
        mark(
            &repo,
            poll,
            id,
            "verified",
            ("--source", "Electoral Commission"),
            "Ann",
        );
    }
    repo.write(
        poll,
        "Turnout was 78% as the £600m scheme, costing $1.13bn in all, went ahead.\n",
    );
    let out = repo.ok(&["scan", poll]);
    assert!(out.contains("1 back to pending"), "{out}");
    assert!(!out.contains("flagged"), "{out}");
    let states: Vec<(String, bool)> = ids
        .iter()
        .map(|id| {
            let c = claim(&repo, "annotations/seeds/poll.toml", id);
            (text(&c, "status").to_string(), c.contains_key("changed"))
        })
        .collect();
    assert_eq!(
        states,
        [
            ("pending".to_string(), false),
            ("verified".to_string(), false),
            ("verified".to_string(), false)
        ]
    );
}

#[test]
fn audit_times_must_be_rfc3339() {
    let repo = repository();
    repo.ok(&[
        "mark",
        SEOUL,
        SHELLS,
        "--status",
        "dismissed",
        "--reviewer",
        "Ann",
    ]);
    let out = repo
        .factcheck()
        .env("FACTCHECK_NOW", "next tuesday")
        .args([
            "mark",
            SEOUL,
            CONTAINERS,
            "--status",
            "dismissed",
            "--reviewer",
            "Ann",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("FACTCHECK_NOW=\"next tuesday\" is not an RFC 3339 time"),
        "{said}"
    );
    assert_eq!(
        text(&claim(&repo, SEOUL_REVIEW, CONTAINERS), "status"),
        "pending"
    );

    let review = repo.read(SEOUL_REVIEW).replacen(
        "reviewed_at = \"2024-06-30T00:00:00Z\"",
        "reviewed_at = \"next tuesday\"",
        1,
    );
    repo.write(SEOUL_REVIEW, &review);
    let line = review
        .lines()
        .position(|l| l == "reviewed_at = \"next tuesday\"")
        .unwrap()
        + 1;
    let (_, said) = repo.expect(2, &["check"]);
    assert!(
        said.contains(&format!(
            "{SEOUL_REVIEW}:{line}:15: `reviewed_at` is not an RFC 3339 time: \"next tuesday\""
        )),
        "{said}"
    );
}

#[test]
fn a_second_process_waits_for_the_lock_and_says_so() {
    let repo = repository();
    let ws = factcheck::workspace::Workspace::discover(repo.dir.path()).unwrap();
    let store = ws.store();
    let held = store.hold(&repo.path(SEOUL_REVIEW)).expect("the lock");
    let mut mark = repo
        .factcheck()
        .args([
            "mark",
            SEOUL,
            SHELLS,
            "--status",
            "dismissed",
            "--reviewer",
            "Ann",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert!(
        mark.try_wait().unwrap().is_none(),
        "mark waits while the lock is held"
    );
    assert_eq!(
        text(&claim(&repo, SEOUL_REVIEW, SHELLS), "status"),
        "pending"
    );
    drop(held);
    let out = mark.wait_with_output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!(
            "waiting for another factcheck process to finish with {SEOUL_REVIEW}"
        )),
        "{said}"
    );
    assert_eq!(
        text(&claim(&repo, SEOUL_REVIEW, SHELLS), "status"),
        "dismissed"
    );
}

#[test]
fn log_shows_a_verdict_that_arrived_with_its_claim() {
    let repo = repository();
    let memo = "seeds/memo.txt";
    repo.write(memo, "The agency sent 40 inspectors to the port.\n");
    repo.ok(&["scan", memo]);
    let file: toml::Table = toml::from_str(&repo.read("annotations/seeds/memo.toml")).unwrap();
    let id = file["claim"][0]["id"].as_str().unwrap().to_string();
    mark(
        &repo,
        memo,
        &id,
        "verified",
        ("--source", "agency press release"),
        "Ann",
    );
    repo.commit("Memo, scanned and checked", 1);
    let log = repo.ok(&["log", &id]);
    assert!(
        log.contains("added “40 inspectors”: verified by Ann; source: agency press release"),
        "{log}"
    );
}

/// The id of the group of differing figures for `thing`.
fn group_id(repo: &GitRepo, thing: &str) -> String {
    let (stdout, _) = repo.expect(1, &["conflicts", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["thing"] == thing)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn ack(repo: &GitRepo, id: &str, note: &str, who: &str) {
    repo.ok(&["conflicts", "--ack", id, "--note", note, "--reviewer", who]);
}

#[test]
fn conflicts_acknowledged_on_two_branches_merge_without_losing_a_note() {
    let repo = repository();
    let shipments = group_id(&repo, "shipment");
    let rounds = group_id(&repo, "round of ammunition");
    repo.git(&["checkout", "-q", "-b", "ann"]);
    ack(&repo, &shipments, "two windows", "Ann");
    repo.commit("Ann explains the shipments", 1);
    repo.git(&["checkout", "-q", "main"]);
    ack(&repo, &rounds, "capacity, not deliveries", "Bo");
    repo.commit("Bo explains the rounds", 1);
    repo.git(&["merge", "-q", "--no-edit", "ann"]);
    let merged = repo.read("annotations/conflicts.toml");
    assert!(!merged.contains("<<<<<<<"), "{merged}");
    assert!(merged.contains("note = \"two windows\""), "{merged}");
    assert!(
        merged.contains("note = \"capacity, not deliveries\""),
        "{merged}"
    );
    repo.ok(&["conflicts"]);

    // Both change one note: ours stays, theirs is kept above it as a comment.
    repo.git(&["checkout", "-q", "-b", "cy"]);
    ack(&repo, &shipments, "two windows; C4ADS confirmed", "Cy");
    repo.commit("Cy's note", 2);
    repo.git(&["checkout", "-q", "main"]);
    ack(&repo, &shipments, "two windows; OSC confirmed", "Bo");
    repo.commit("Bo's note", 2);
    repo.git(&["merge", "-q", "--no-edit", "cy"]);
    let merged = repo.read("annotations/conflicts.toml");
    assert!(
        merged.contains("note = \"two windows; OSC confirmed\""),
        "{merged}"
    );
    assert!(
        merged.contains("# also acknowledged on another branch by Cy at "),
        "{merged}"
    );
    assert!(
        merged.contains(": two windows; C4ADS confirmed\n"),
        "{merged}"
    );
    repo.ok(&["conflicts"]);
}
