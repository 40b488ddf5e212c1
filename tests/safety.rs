//! The repository boundary and the reviewer's files: nothing outside the root is read or
//! written, line endings and permissions survive edits, and values of the wrong type are
//! reported rather than guessed.

mod util;

use std::os::unix::fs::PermissionsExt;

use util::{review_rel, Sandbox, SEEDS};

fn scanned() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    sb.scan(&[]);
    sb
}

fn first_id(sb: &Sandbox, article: &str) -> String {
    sb.review(article)["claim"][0]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn mark_refuses_a_review_file_outside_the_annotations() {
    let sb = scanned();
    let outside = tempfile::tempdir().unwrap();
    let stray = outside.path().join("x.toml");
    let text = sb.review_text(SEEDS[0]);
    std::fs::write(&stray, &text).unwrap();
    let id = first_id(&sb, SEEDS[0]);
    let run = sb
        .run(&[
            "mark",
            stray.to_str().unwrap(),
            &id,
            "--status",
            "dismissed",
        ])
        .expect(2);
    assert!(
        run.stderr.contains("outside the repository root"),
        "{}",
        run.stderr
    );
    sb.write("notes.toml", &text);
    let run = sb
        .run(&["mark", "notes.toml", &id, "--status", "dismissed"])
        .expect(2);
    assert!(run.stderr.contains("not a review file"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&stray).unwrap(), text);
    assert_eq!(sb.read("notes.toml"), text);
}

#[test]
fn mark_keeps_crlf_line_endings() {
    let sb = scanned();
    let rel = review_rel(SEEDS[0]);
    let crlf = sb.read(&rel).replace('\n', "\r\n");
    sb.write(&rel, &crlf);
    let id = first_id(&sb, SEEDS[0]);
    sb.run(&[
        "mark",
        SEEDS[0],
        &id,
        "--status",
        "dismissed",
        "--reviewer",
        "ed",
    ])
    .expect(0);
    let after = sb.read(&rel);
    assert!(after.contains("status = \"dismissed\"\r\n"), "{after}");
    assert_eq!(after.matches('\n').count(), after.matches("\r\n").count());
}

#[test]
fn review_files_are_readable_by_all_and_keep_their_mode() {
    let sb = scanned();
    let rel = review_rel(SEEDS[0]);
    let mode = |rel: &str| {
        std::fs::metadata(sb.path(rel))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&rel), 0o644);
    std::fs::set_permissions(sb.path(&rel), std::fs::Permissions::from_mode(0o664)).unwrap();
    let id = first_id(&sb, SEEDS[0]);
    sb.run(&[
        "mark",
        SEEDS[0],
        &id,
        "--status",
        "dismissed",
        "--reviewer",
        "ed",
    ])
    .expect(0);
    assert_eq!(mode(&rel), 0o664);
}

#[test]
fn a_symbolic_link_out_of_the_repository_is_refused() {
    let sb = scanned();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("evil.txt"), "It cost 5 dollars.\n").unwrap();
    std::os::unix::fs::symlink(outside.path(), sb.path("seeds/link")).unwrap();
    let run = sb.run(&["scan", "seeds/link/evil.txt"]).expect(2);
    assert!(
        run.stderr.contains("outside the repository"),
        "{}",
        run.stderr
    );
    assert!(!sb.exists("annotations/seeds/link"));
}

#[test]
fn an_annotations_directory_outside_the_root_is_a_configuration_error() {
    let sb = scanned();
    sb.write(
        "factcheck.toml",
        "articles = [\"seeds/*.txt\"]\nannotations = \"../elsewhere\"\n",
    );
    for command in ["scan", "check", "status"] {
        let run = sb.run(&[command]).expect(2);
        assert!(
            run.stderr.contains(
                "factcheck.toml:2:15: annotations = \"../elsewhere\" leads outside the repository"
            ),
            "{command}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_changed_flag_that_is_not_a_boolean_is_an_error() {
    let sb = scanned();
    let rel = review_rel(SEEDS[0]);
    let text = sb.read(&rel).replacen(
        "reviewed_at = \"\"",
        "reviewed_at = \"\"\nchanged = \"true\"",
        1,
    );
    sb.write(&rel, &text);
    let run = sb.run(&["check"]).expect(2);
    assert!(
        run.stderr.contains("`changed` must be true or false"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_articles_that_would_share_a_review_file_are_refused_and_the_first_is_scanned() {
    let sb = Sandbox::new();
    sb.write("notes/a.md", "Officials counted 12 ships.\n");
    sb.write("notes/a.md.txt", "Officials counted 14 ships.\n");
    let run = sb.run(&["scan", "notes/a.md", "notes/a.md.txt"]).expect(2);
    assert!(
        run.stderr
            .contains("notes/a.md and notes/a.md.txt would share one review file"),
        "{}",
        run.stderr
    );
    assert!(sb.read("annotations/notes/a.md.toml").contains("12 ships"));
}
