//! Review state through what git does, in real temporary repositories with the merge driver
//! set up by `factcheck init --merge-driver`: articles moved with `git mv` and plain `mv`,
//! copied and deleted; two reviewers' branches merged, rebased and cherry-picked; one claim
//! given two verdicts and settled; parallel marks of one file; audit times.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

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
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("a temporary directory"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        std::fs::create_dir(repo.path("seeds")).unwrap();
        for entry in std::fs::read_dir(seeds).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), repo.path("seeds").join(entry.file_name())).unwrap();
        }
        repo.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
        let wired = repo.ok(&["init", "--merge-driver"]);
        assert!(wired.contains("merge=factcheck"), "{wired}");
        repo.ok(&["scan"]);
        repo.commit("Scan the seeds");
        repo
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.path(rel), text).unwrap();
    }

    fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// A fixed identity and clock; `factcheck` on the PATH for git's merge driver.
    fn env(&self) -> Vec<(&'static str, String)> {
        let bin = assert_cmd::cargo::cargo_bin("factcheck");
        let path = format!(
            "{}:{}",
            bin.parent().unwrap().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        vec![
            ("HOME", self.dir.path().display().to_string()),
            ("PATH", path),
            ("GIT_CONFIG_NOSYSTEM", "1".into()),
            ("GIT_AUTHOR_NAME", "Ada".into()),
            ("GIT_AUTHOR_EMAIL", "ada@example.com".into()),
            ("GIT_COMMITTER_NAME", "Ada".into()),
            ("GIT_COMMITTER_EMAIL", "ada@example.com".into()),
            ("FACTCHECK_NOW", "2025-03-01T12:00:00Z".into()),
            ("NO_COLOR", "1".into()),
        ]
    }

    fn command(&self, program: &str, args: &[&str]) -> Output {
        std::process::Command::new(program)
            .current_dir(self.dir.path())
            .envs(self.env())
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs git, which must succeed; returns its standard output.
    fn git(&self, args: &[&str]) -> String {
        let out = self.command("git", args);
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs git, which must fail (a conflict); returns what it printed.
    fn git_fails(&self, args: &[&str]) -> String {
        let out = self.command("git", args);
        assert!(!out.status.success(), "git {args:?} should stop");
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn run(&self, args: &[&str]) -> Output {
        let bin = assert_cmd::cargo::cargo_bin("factcheck");
        self.command(bin.to_str().unwrap(), args)
    }

    /// Runs factcheck, expects `code`, and returns standard output and error.
    fn expect(&self, code: i32, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        );
        assert_eq!(
            out.status.code(),
            Some(code),
            "factcheck {args:?}\nstdout: {stdout}\nstderr: {stderr}"
        );
        (stdout, stderr)
    }

    fn ok(&self, args: &[&str]) -> String {
        self.expect(0, args).0
    }

    fn mark(&self, article: &str, id: &str, status: &str, detail: (&str, &str), who: &str) {
        self.ok(&[
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
    fn claim(&self, review: &str, id: &str) -> toml::Table {
        let file: toml::Table = toml::from_str(&self.read(review)).expect("valid TOML");
        ["claim", "retired"]
            .iter()
            .filter_map(|k| file.get(*k).and_then(|v| v.as_array()))
            .flatten()
            .filter_map(|c| c.as_table())
            .find(|c| c["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("claim {id} is not in {review}"))
            .clone()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }
}

fn text<'t>(claim: &'t toml::Table, key: &str) -> &'t str {
    claim.get(key).and_then(|v| v.as_str()).unwrap_or("")
}

#[test]
fn git_mv_then_scan_moves_the_review_file_with_its_verdicts() {
    let repo = Repo::new();
    repo.mark(
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
    repo.commit("Verdict");

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
    let claim = repo.claim("annotations/seeds/seoul.toml", CONTAINERS);
    assert_eq!(text(&claim, "status"), "verified");
    assert_eq!(text(&claim, "source"), "Bloomberg");
    assert_eq!(claim["desk_checked"].as_bool(), Some(true));
    assert!(repo.ok(&["scan", "--check"]).contains("up to date"));

    repo.commit("Move the Seoul article");
    let diff = repo.ok(&["diff", "HEAD~1", "HEAD"]);
    assert!(diff.contains(&format!("renamed from {SEOUL}")), "{diff}");
    assert!(!diff.contains("→ pending"), "{diff}");
    let log = repo.ok(&["log", CONTAINERS]);
    assert!(log.contains("verified by Ann"), "{log}");
}

#[test]
fn a_plain_mv_is_followed_and_a_copy_takes_nothing() {
    let repo = Repo::new();
    repo.mark(SEOUL, SHELLS, "verified", ("--source", "MoD"), "Ann");
    repo.commit("Verdict");

    std::fs::copy(repo.path(SEOUL), repo.path("seeds/copy.txt")).unwrap();
    repo.ok(&["scan"]);
    assert!(
        repo.exists(SEOUL_REVIEW),
        "the original keeps its review file"
    );
    let copy = repo.claim("annotations/seeds/copy.toml", SHELLS);
    assert_eq!(text(&copy, "status"), "pending");

    std::fs::rename(repo.path(SEOUL), repo.path("seeds/renamed.txt")).unwrap();
    repo.ok(&["scan"]);
    let moved = repo.claim("annotations/seeds/renamed.toml", SHELLS);
    assert_eq!(text(&moved, "status"), "verified");
    assert_eq!(text(&moved, "source"), "MoD");
}

#[test]
fn a_deleted_article_leaves_an_orphan_until_pruned() {
    let repo = Repo::new();
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
fn two_reviewers(repo: &Repo) {
    repo.git(&["checkout", "-q", "-b", "ann"]);
    repo.mark(
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
    repo.commit("Ann's verdict");
    repo.git(&["checkout", "-q", "main"]);
    repo.mark(
        SEOUL,
        ROUNDS,
        "disputed",
        ("--note", "MoD says fewer"),
        "Bo",
    );
    repo.commit("Bo's verdict");
}

#[test]
fn different_claims_marked_on_two_branches_merge_cleanly() {
    let repo = Repo::new();
    two_reviewers(&repo);
    repo.git(&["merge", "-q", "--no-edit", "ann"]);

    assert_eq!(
        text(&repo.claim(SEOUL_REVIEW, CONTAINERS), "status"),
        "verified"
    );
    assert_eq!(
        text(&repo.claim(SEOUL_REVIEW, ROUNDS), "status"),
        "disputed"
    );
    let merged = repo.read(SEOUL_REVIEW);
    assert!(merged.contains("# Ann: containers confirmed by phone\n"));
    assert!(!merged.contains("<<<<<<<"));
    assert!(repo.ok(&["scan", "--check"]).contains("up to date"));

    // The merged file is what marking both claims on one branch writes.
    repo.git(&["checkout", "-q", "-b", "one-branch", "HEAD~2"]);
    repo.mark(
        SEOUL,
        ROUNDS,
        "disputed",
        ("--note", "MoD says fewer"),
        "Bo",
    );
    repo.mark(
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
    let repo = Repo::new();
    two_reviewers(&repo);
    repo.git(&["checkout", "-q", "ann"]);
    repo.git(&["rebase", "-q", "main"]);
    assert_eq!(
        text(&repo.claim(SEOUL_REVIEW, CONTAINERS), "status"),
        "verified"
    );
    assert_eq!(
        text(&repo.claim(SEOUL_REVIEW, ROUNDS), "status"),
        "disputed"
    );

    repo.git(&["checkout", "-q", "-b", "picked", "main"]);
    repo.git(&["reset", "-q", "--hard", "main~1"]);
    repo.mark(
        SEOUL,
        SHELLS,
        "unsourced",
        ("--note", "no source given"),
        "Cy",
    );
    repo.commit("Cy's verdict");
    repo.git(&["cherry-pick", "ann"]);
    assert_eq!(
        text(&repo.claim(SEOUL_REVIEW, CONTAINERS), "status"),
        "verified"
    );
    assert_eq!(
        text(&repo.claim(SEOUL_REVIEW, SHELLS), "status"),
        "unsourced"
    );
}

#[test]
fn two_verdicts_on_one_claim_are_kept_and_settled_with_mark() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "cy"]);
    repo.mark(
        SEOUL,
        SHELLS,
        "verified",
        ("--source", "MoD statement"),
        "Cy",
    );
    repo.commit("Cy: verified");
    repo.git(&["checkout", "-q", "main"]);
    repo.mark(
        SEOUL,
        SHELLS,
        "disputed",
        ("--note", "Reuters says 3m"),
        "Di",
    );
    repo.commit("Di: disputed");

    let said = repo.git_fails(&["merge", "--no-edit", "cy"]);
    assert!(said.contains("CONFLICT"), "{said}");
    assert!(said.contains("1 claim got different verdicts"), "{said}");
    let file = repo.read(SEOUL_REVIEW);
    assert!(
        !file.contains("<<<<<<<") && !file.contains(">>>>>>>"),
        "{file}"
    );
    let claim = repo.claim(SEOUL_REVIEW, SHELLS);
    assert_eq!(text(&claim, "status"), "disputed");
    assert_eq!(
        text(&claim, "source"),
        "",
        "the kept verdict is not mixed with the other"
    );
    let other = claim["conflict"].as_array().expect("the other verdict")[0]
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
    assert!(findings.contains(": conflicted: "), "{findings}");
    let status = repo.ok(&["status"]);
    assert!(status.contains("(1 conflicted: two verdicts)"), "{status}");
    let claims = repo.ok(&["status", SEOUL, "--claims"]);
    assert!(claims.contains("or verified by Cy"), "{claims}");

    repo.mark(
        SEOUL,
        SHELLS,
        "verified",
        ("--source", "MoD statement, 14 June"),
        "Di",
    );
    let settled = repo.claim(SEOUL_REVIEW, SHELLS);
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
    repo.commit("Settle the shells");
}

#[test]
fn merging_keeps_hand_added_keys_and_comments_from_both_sides() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "desk"]);
    let review = repo.read(SEOUL_REVIEW).replacen(
        "reviewer = \"\"",
        "reviewer = \"\"\n# from the desk\ndesk_priority = \"high\"",
        1,
    );
    repo.write(SEOUL_REVIEW, &review);
    repo.commit("Desk");
    repo.git(&["checkout", "-q", "main"]);
    let review = repo.read(SEOUL_REVIEW) + "\n# a closing remark\n";
    repo.write(SEOUL_REVIEW, &review);
    repo.mark(
        SEOUL,
        CONTAINERS,
        "dismissed",
        ("--note", "not a claim"),
        "Bo",
    );
    repo.commit("Bo");
    repo.git(&["merge", "-q", "--no-edit", "desk"]);
    let merged = repo.read(SEOUL_REVIEW);
    assert!(
        merged.contains("# from the desk\ndesk_priority = \"high\""),
        "{merged}"
    );
    assert!(merged.contains("# a closing remark"), "{merged}");
    assert_eq!(
        text(&repo.claim(SEOUL_REVIEW, CONTAINERS), "status"),
        "dismissed"
    );
}

#[test]
fn parallel_marks_of_one_file_lose_nothing() {
    let repo = Repo::new();
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
            let (bin, root, env) = (bin.clone(), repo.path(""), repo.env());
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
        let claim = repo.claim("annotations/seeds/big.toml", id);
        assert_eq!(text(&claim, "status"), "verified", "claim {id}");
        assert_eq!(text(&claim, "source"), format!("desk {}", k / 50));
    }
}

#[test]
fn editing_one_figure_reopens_only_that_claim() {
    let repo = Repo::new();
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
        repo.mark(
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
            let c = repo.claim("annotations/seeds/poll.toml", id);
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
    let repo = Repo::new();
    let out = repo.command(
        assert_cmd::cargo::cargo_bin("factcheck").to_str().unwrap(),
        &[
            "mark",
            SEOUL,
            SHELLS,
            "--status",
            "dismissed",
            "--reviewer",
            "Ann",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("factcheck"));
    let out = cmd
        .current_dir(repo.path(""))
        .envs(repo.env())
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
        text(&repo.claim(SEOUL_REVIEW, CONTAINERS), "status"),
        "pending"
    );

    let review = repo.read(SEOUL_REVIEW).replacen(
        "reviewed_at = \"2025-03-01T12:00:00Z\"",
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
    let repo = Repo::new();
    let ws = factcheck::workspace::Workspace::discover(repo.dir.path()).unwrap();
    let store = ws.store();
    let held = store.hold(&repo.path(SEOUL_REVIEW)).expect("the lock");
    let mut mark = std::process::Command::new(assert_cmd::cargo::cargo_bin("factcheck"))
        .current_dir(repo.dir.path())
        .envs(repo.env())
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
    assert_eq!(text(&repo.claim(SEOUL_REVIEW, SHELLS), "status"), "pending");
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
        text(&repo.claim(SEOUL_REVIEW, SHELLS), "status"),
        "dismissed"
    );
}

#[test]
fn log_shows_a_verdict_that_arrived_with_its_claim() {
    let repo = Repo::new();
    let memo = "seeds/memo.txt";
    repo.write(memo, "The agency sent 40 inspectors to the port.\n");
    repo.ok(&["scan", memo]);
    let file: toml::Table = toml::from_str(&repo.read("annotations/seeds/memo.toml")).unwrap();
    let id = file["claim"][0]["id"].as_str().unwrap().to_string();
    repo.mark(
        memo,
        &id,
        "verified",
        ("--source", "agency press release"),
        "Ann",
    );
    repo.commit("Memo, scanned and checked");
    let log = repo.ok(&["log", &id]);
    assert!(
        log.contains("added “40 inspectors”: verified by Ann; source: agency press release"),
        "{log}"
    );
}
