//! `factcheck diff` and `factcheck log` run as a user would, in real temporary git
//! repositories: a scan of the seeds, reviewer verdicts, an article figure changed and
//! rescanned, an article renamed; human, Markdown and JSON output, and the error exits.

mod util;

use assert_cmd::Command;
use serde_json::Value;
use util::git::GitRepo as Repo;

const SEOUL: &str = "seeds/001_4e05fcd575987f34.txt";
const REUTERS: &str = "seeds/002_2f03f44ce45c4b05.txt";
const RENAMED: &str = "seeds/reuters.txt";
/// "at least 10,000 containers" in the Seoul article.
const CONTAINERS: &str = "4dfe84";
/// The Seoul article's headline figure.
const SHELLS: &str = "c6f06b";
/// "4.8 million rounds of ammunition" in a sentence the third commit removes.
const ROUNDS: &str = "01df07";
/// "millions of rounds of artillery" in the Reuters article.
const ARTILLERY: &str = "709000";

/// The four commits of a review: scan, verdicts, a figure changed, a rename.
fn reviewed() -> Repo {
    let repo = Repo::with_seeds();
    repo.ok(&["scan"]);
    repo.commit("Scan the seeds", 1);
    repo.ok(&[
        "mark",
        SEOUL,
        CONTAINERS,
        SHELLS,
        "--status",
        "verified",
        "--source",
        "Bloomberg interview",
        "--reviewer",
        "Bob",
    ]);
    repo.ok(&[
        "mark",
        REUTERS,
        ARTILLERY,
        "--status",
        "disputed",
        "--note",
        "MoD says otherwise",
        "--reviewer",
        "Bob",
    ]);
    repo.commit("Verdicts", 2);
    repo.edit(
        SEOUL,
        "at least 10,000 containers",
        "at least 12,000 containers",
    );
    repo.edit(
        SEOUL,
        "has sent 4.8 million rounds of ammunition to Russia",
        "has sent many rounds of ammunition to Russia",
    );
    repo.ok(&["scan"]);
    repo.commit("Seoul: 12,000 containers", 3);
    repo.git(&["mv", REUTERS, RENAMED]);
    repo.git(&[
        "mv",
        "annotations/seeds/002_2f03f44ce45c4b05.toml",
        "annotations/seeds/reuters.toml",
    ]);
    repo.edit("annotations/seeds/reuters.toml", REUTERS, RENAMED);
    repo.ok(&["scan"]);
    repo.commit("Rename the Reuters article", 4);
    repo
}

fn article<'v>(diff: &'v Value, path: &str) -> &'v Value {
    diff["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"] == path)
        .unwrap_or_else(|| panic!("{path} is not in {diff:#}"))
}

fn change<'v>(article: &'v Value, id: &str) -> &'v Value {
    article["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} is not in {article:#}"))
}

#[test]
fn verdicts_are_reported_with_reviewer_and_source() {
    let repo = reviewed();
    let out = repo.ok(&["diff", "HEAD~3", "HEAD~2", "--", REUTERS]);
    assert_eq!(
        out,
        "seeds/002_2f03f44ce45c4b05.txt (annotations/seeds/002_2f03f44ce45c4b05.toml)\n  \
         ~ 709000 “millions of rounds of artillery”\n      \
         verdict: pending → disputed by Bob; source: (none)\n      \
         note: (none) → MoD says otherwise\n\n\
         1 article changed between HEAD~3 and HEAD~2: 1 claim with a new verdict, \
         1 claim with a new source or note\n"
    );
    let all = repo.ok(&["diff", "HEAD~3", "HEAD~2"]);
    assert!(all.contains(
        "  ~ 4dfe84 “at least 10,000 containers”\n      verdict: pending → verified by Bob; source: Bloomberg interview\n"
    ));
    assert!(all.ends_with("2 articles changed between HEAD~3 and HEAD~2: 3 claims with a new verdict, 3 claims with a new source or note\n"));
}

#[test]
fn a_changed_figure_shows_a_word_diff_and_a_retired_claim() {
    let repo = reviewed();
    let out = repo.ok(&["diff", "HEAD~2", "HEAD~1"]);
    assert!(out.contains("verdict: verified → pending"), "{out}");
    assert!(
        out.contains("figure: ≥10,000 containers → ≥12,000 containers"),
        "{out}"
    );
    assert!(
        out.contains("discovered at least [-10,000-] containers being transported"),
        "{out}"
    );
    assert!(
        out.contains("discovered at least {+12,000+} containers being transported"),
        "{out}"
    );
    assert!(
        out.contains("  - 01df07 retired “4.8 million rounds of ammunition” (was pending)\n"),
        "{out}"
    );
    assert!(out.ends_with("1 claim retired, 1 claim with a new verdict, 1 claim with a new source or note, 2 claims with a new figure or sentence\n"), "{out}");

    let diff = repo.json(&["diff", "HEAD~2", "HEAD~1", "--format", "json"]);
    assert_eq!(diff["from"], "HEAD~2");
    assert_eq!(diff["to"], "HEAD~1");
    assert_eq!(diff["summary"]["retired"], 1);
    assert_eq!(diff["summary"]["figures_or_sentences"], 2);
    let seoul = article(&diff, SEOUL);
    let containers = change(seoul, CONTAINERS);
    assert_eq!(containers["change"], "modified");
    assert_eq!(
        containers["fields"],
        serde_json::json!(["verdict", "source", "figure", "sentence"])
    );
    assert_eq!(containers["before"]["value"], 10000.0);
    assert_eq!(containers["after"]["value"], 12000.0);
    assert_eq!(containers["before"]["status"], "verified");
    let rounds = change(seoul, ROUNDS);
    assert_eq!(rounds["change"], "retired");
    assert_eq!(rounds["after"]["text"], "4.8 million rounds of ammunition");
}

#[test]
fn a_renamed_article_is_followed() {
    let repo = reviewed();
    let out = repo.ok(&["diff", "HEAD~1", "HEAD"]);
    assert_eq!(
        out,
        "seeds/reuters.txt (annotations/seeds/reuters.toml)\n  renamed from seeds/002_2f03f44ce45c4b05.txt\n\n\
         1 article changed between HEAD~1 and HEAD: renamed only\n"
    );
    let diff = repo.json(&["diff", "HEAD~2", "HEAD", "--format", "json", "--", RENAMED]);
    let reuters = article(&diff, RENAMED);
    assert_eq!(reuters["renamed_from"], REUTERS);
    assert_eq!(reuters["changes"], serde_json::json!([]));
    let since_verdicts = repo.json(&["diff", "HEAD~3", "HEAD", "--format", "json", "--", RENAMED]);
    assert_eq!(
        change(article(&since_verdicts, RENAMED), ARTILLERY)["fields"],
        serde_json::json!(["verdict", "note"])
    );
}

#[test]
fn the_working_tree_is_compared_with_the_last_commit() {
    let repo = reviewed();
    assert_eq!(
        repo.ok(&["diff"]),
        "no claim changes between HEAD and the working tree\n"
    );
    assert_eq!(
        repo.expect(0, &["diff", "--exit-code"]).0,
        "no claim changes between HEAD and the working tree\n"
    );
    repo.ok(&[
        "mark",
        RENAMED,
        "f50249",
        "--status",
        "dismissed",
        "--reviewer",
        "Cy",
    ]);
    let out = repo.expect(1, &["diff", "--exit-code"]).0;
    assert!(out.contains("verdict: pending → dismissed by Cy"), "{out}");
    assert!(
        out.ends_with("between HEAD and the working tree: 1 claim with a new verdict\n"),
        "{out}"
    );
    let since = repo.ok(&["diff", "HEAD~3"]);
    assert!(
        since.contains("between HEAD~3 and the working tree"),
        "{since}"
    );
    assert!(
        since.contains("renamed from seeds/002_2f03f44ce45c4b05.txt"),
        "{since}"
    );
}

#[test]
fn markdown_is_a_pull_request_comment() {
    let repo = reviewed();
    let out = repo.ok(&["diff", "HEAD~2", "HEAD~1", "--format", "markdown"]);
    assert!(
        out.starts_with("### Fact-check review changes\n\n1 article changed"),
        "{out}"
    );
    assert!(
        out.contains("\n#### `seeds/001_4e05fcd575987f34.txt`\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "- `4dfe84` “at least 12,000 containers”\n  - verdict: verified → **pending**"
        ),
        "{out}"
    );
    assert!(out.contains("at least ~~10,000~~ containers"), "{out}");
    assert!(out.contains("at least **12,000** containers"), "{out}");
}

#[test]
fn two_review_files_outside_git() {
    let repo = reviewed();
    let outside = tempfile::tempdir().unwrap();
    let old = outside.path().join("old.toml");
    let new = outside.path().join("new.toml");
    std::fs::copy(
        repo.path("annotations/seeds/001_4e05fcd575987f34.toml"),
        &new,
    )
    .unwrap();
    let text = std::fs::read_to_string(&new)
        .unwrap()
        .replace("12000", "12500");
    std::fs::write(&old, text).unwrap();
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let out = repo
        .expect(1, &["diff", "--exit-code", "--files", old, new])
        .0;
    assert!(
        out.contains("figure: ≥12,500 containers → ≥12,000 containers"),
        "{out}"
    );
    assert!(repo
        .ok(&["diff", "--files", new, new])
        .starts_with("no claim changes"));
}

#[test]
fn log_follows_a_claim_through_its_commits() {
    let repo = reviewed();
    let out = repo.ok(&["log", CONTAINERS]);
    let commits: Vec<&str> = out.lines().filter(|l| l.contains(" Ada  ")).collect();
    assert_eq!(commits.len(), 3, "{out}");
    assert!(
        commits[0].ends_with("2024-06-01T12:00:00Z Ada  Scan the seeds"),
        "{out}"
    );
    assert!(
        commits[1].ends_with("2024-06-02T12:00:00Z Ada  Verdicts"),
        "{out}"
    );
    assert!(
        commits[2].ends_with("2024-06-03T12:00:00Z Ada  Seoul: 12,000 containers"),
        "{out}"
    );
    assert!(out.starts_with("claim 4dfe84 in seeds/001_4e05fcd575987f34.txt (annotations/seeds/001_4e05fcd575987f34.toml)\n"));
    assert!(
        out.contains("  + added “at least 10,000 containers”: pending\n"),
        "{out}"
    );
    assert!(
        out.contains("verdict: pending → verified by Bob; source: Bloomberg interview"),
        "{out}"
    );
    assert!(
        out.contains("figure: ≥10,000 containers → ≥12,000 containers"),
        "{out}"
    );
    assert!(out.ends_with("\n3 changes to claim 4dfe84\n"), "{out}");

    let log = repo.json(&["log", ROUNDS, "--format", "json"]);
    let kinds: Vec<&str> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["change"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["added", "retired"]);
    assert_eq!(log["entries"][1]["subject"], "Seoul: 12,000 containers");
}

#[test]
fn log_follows_a_renamed_review_file() {
    let repo = reviewed();
    let log = repo.json(&["log", ARTILLERY, "--format", "json"]);
    assert_eq!(log["article"], RENAMED);
    assert_eq!(log["review_file"], "annotations/seeds/reuters.toml");
    let entries = log["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(
        entries[0]["review_file"],
        "annotations/seeds/002_2f03f44ce45c4b05.toml"
    );
    assert_eq!(entries[1]["after"]["status"], "disputed");
    assert_eq!(entries[1]["after"]["note"], "MoD says otherwise");
    assert_eq!(entries[1]["author"], "Ada");
}

#[test]
fn an_ambiguous_claim_id_asks_for_the_article() {
    let repo = reviewed();
    std::fs::copy(repo.path(SEOUL), repo.path("seeds/copy.txt")).unwrap();
    repo.ok(&["scan"]);
    repo.commit("A copy", 5);
    let err = repo.fails(&["log", SHELLS]);
    assert!(
        err.contains("is in 2 articles: seeds/001_4e05fcd575987f34.txt, seeds/copy.txt"),
        "{err}"
    );
    assert!(err.contains("--article"), "{err}");
    let log = repo.json(&[
        "log",
        SHELLS,
        "--article",
        "seeds/copy.txt",
        "--format",
        "json",
    ]);
    assert_eq!(log["entries"].as_array().unwrap().len(), 1);
    assert_eq!(log["entries"][0]["subject"], "A copy");
}

#[test]
fn bad_revisions_paths_and_directories_exit_2() {
    let repo = reviewed();
    assert!(repo
        .fails(&["diff", "no-such-branch"])
        .contains("unknown revision `no-such-branch`"));
    assert!(repo
        .fails(&["diff", "HEAD", "--", "/etc"])
        .contains("/etc: outside the repository"));
    assert!(repo
        .fails(&["log", "ffffff"])
        .contains("claim `ffffff` is in no review file"));
    let plain = tempfile::tempdir().unwrap();
    let mut command = Command::cargo_bin("factcheck").unwrap();
    let out = command
        .current_dir(plain.path())
        .env("GIT_CEILING_DIRECTORIES", plain.path().parent().unwrap())
        .args(["diff"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not in a git repository"));
}

#[test]
fn a_deleted_article_retires_its_claims_and_paths_select_articles() {
    let repo = reviewed();
    repo.git(&[
        "rm",
        "-q",
        SEOUL,
        "annotations/seeds/001_4e05fcd575987f34.toml",
    ]);
    repo.commit("Drop the Seoul article", 5);
    let diff = repo.json(&["diff", "HEAD~1", "HEAD", "--format", "json"]);
    assert_eq!(diff["summary"]["articles"], 1);
    let seoul = article(&diff, SEOUL);
    assert_eq!(change(seoul, SHELLS)["change"], "retired");
    assert_eq!(change(seoul, SHELLS)["after"], Value::Null);
    let out = repo.ok(&["diff", "HEAD~1", "HEAD"]);
    assert!(
        out.contains("  - c6f06b removed “4.8 Million Rounds of Shells” (was verified)\n"),
        "{out}"
    );

    let by_review_file = repo.ok(&[
        "diff",
        "HEAD~4",
        "HEAD~3",
        "--",
        "annotations/seeds/001_4e05fcd575987f34.toml",
    ]);
    let by_directory = repo.ok(&["diff", "HEAD~4", "HEAD~3", "--", "seeds"]);
    assert!(
        by_review_file.starts_with("seeds/001_4e05fcd575987f34.txt "),
        "{by_review_file}"
    );
    assert!(by_review_file.ends_with("1 article changed between HEAD~4 and HEAD~3: 2 claims with a new verdict, 2 claims with a new source or note\n"));
    assert!(
        by_directory.starts_with("seeds/001_4e05fcd575987f34.txt "),
        "{by_directory}"
    );
    assert!(
        by_directory.contains("2 articles changed"),
        "{by_directory}"
    );
}

#[test]
fn a_large_diff_is_read_in_windows_and_keeps_renames_and_order() {
    let repo = Repo::empty();
    repo.write("factcheck.toml", "articles = [\"news/**/*.txt\"]\n");
    std::fs::create_dir_all(repo.path("news/moved")).unwrap();
    for k in 0..300 {
        repo.write(
            &format!("news/a{k:03}.txt"),
            &format!(
                "Council {k}\n\nThe council of town {k} counted {} buses.\n",
                k + 10
            ),
        );
    }
    repo.ok(&["scan", "-q"]);
    repo.commit("scan", 1);
    // Every review file changes (a line added above every article), two of them in ways a
    // reviewer sees: a verdict, and an article moved by hand that scan follows.
    for k in 0..300 {
        let path = format!("news/a{k:03}.txt");
        let text = repo.read(&path);
        repo.write(&path, &format!("Updated.\n\n{text}"));
    }
    repo.git(&["mv", "news/a010.txt", "news/moved/a010.txt"]);
    repo.ok(&["scan", "-q"]);
    let id = util::id_of(&repo_review(&repo, "news/a280.toml"), "290 buses");
    repo.ok(&[
        "mark",
        "news/a280.txt",
        &id,
        "--status",
        "verified",
        "--source",
        "council minutes",
        "--reviewer",
        "Bob",
    ]);
    let diff = repo.json(&["diff", "--format", "json"]);
    let articles: Vec<&str> = diff["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["article"].as_str().unwrap())
        .collect();
    assert_eq!(articles, ["news/a280.txt", "news/moved/a010.txt"], "{diff}");
    assert_eq!(
        article(&diff, "news/moved/a010.txt")["renamed_from"],
        "news/a010.txt"
    );
    assert_eq!(diff["summary"]["verdicts"], 1);
}

fn repo_review(repo: &Repo, rel: &str) -> toml::Table {
    toml::from_str(&repo.read(&format!("annotations/{rel}"))).unwrap()
}
