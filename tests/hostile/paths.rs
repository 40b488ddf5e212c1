//! One confinement rule for every path read or written: review files and articles that are
//! links out of the repository are refused by every command, with a message, and a link that
//! loops back up a directory is not followed.

use std::os::unix::fs::symlink;

use crate::support::scanned;
use crate::util::{claims, s, Sandbox, SEEDS};

#[test]
fn a_review_file_linked_to_a_file_outside_is_refused_everywhere() {
    let sb = scanned();
    let review = "annotations/seeds/000_f2ecfe456393e018.toml";
    let outside = tempfile::tempdir().expect("temp dir");
    let target = outside.path().join("verdicts.toml");
    // The outside copy says every claim is verified, so that counting it would pass the gate.
    let verified = sb
        .read(review)
        .replace("status = \"pending\"", "status = \"verified\"")
        .replace("source = \"\"", "source = \"trust me\"");
    std::fs::write(&target, &verified).expect("write outside");
    std::fs::remove_file(sb.path(review)).expect("remove");
    symlink(&target, sb.path(review)).expect("symlink");
    let id = s(claims(&toml::from_str(&verified).expect("toml"))[0], "id").to_string();

    let refused =
        format!("error: {review}:1:1: a symbolic link; review files must be regular files");
    for args in [
        vec!["status"],
        vec!["check", SEEDS[0]],
        vec!["conflicts"],
        vec!["scan", SEEDS[0]],
        vec!["mark", SEEDS[0], &id, "--status", "dismissed"],
    ] {
        let run = sb.run(&args).expect(2);
        assert!(run.stderr.contains(&refused), "{args:?}: {}", run.stderr);
    }
    // The gate counts nothing from the link; the link and its target are as they were.
    let check = sb.run(&["check", SEEDS[0]]).expect(2);
    assert!(
        check.stdout.contains("0 claims in 1 article"),
        "{}",
        check.stdout
    );
    assert!(std::fs::symlink_metadata(sb.path(review))
        .expect("still there")
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).expect("target"), verified);
}

#[test]
fn an_article_linked_to_a_file_outside_is_refused_with_a_message() {
    let sb = scanned();
    let outside = tempfile::tempdir().expect("temp dir");
    let target = outside.path().join("secret.txt");
    std::fs::write(&target, "The budget was $4 million.\n").expect("write");
    symlink(&target, sb.path("seeds/secret.txt")).expect("symlink");
    let run = sb.run(&["scan"]).expect(2);
    assert!(
        run.stderr.contains(
            "error: seeds/secret.txt: outside the repository root (or a link to a file outside it)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("scanned 5 articles"),
        "the others are scanned: {}",
        run.stdout
    );
    assert!(!sb.exists("annotations/seeds/secret.toml"));
    for command in ["status", "check"] {
        let run = sb.run(&[command]);
        assert_eq!(run.code, 2, "{command}: {}", run.stdout);
        assert!(
            run.stderr
                .contains("seeds/secret.txt: outside the repository root"),
            "{command}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_directory_link_back_up_is_not_followed() {
    let sb = scanned();
    symlink("..", sb.path("seeds/loop")).expect("symlink");
    let run = sb.run(&["scan", "seeds"]).expect(0);
    assert!(
        run.stdout
            .contains("scanned 5 articles: 0 created, 0 updated, 5 unchanged"),
        "{}",
        run.stdout
    );
    assert!(!sb.exists("annotations/seeds/loop"));
}

#[test]
fn an_annotations_directory_linked_outside_is_refused() {
    let sb = Sandbox::new();
    let outside = tempfile::tempdir().expect("temp dir");
    symlink(outside.path(), sb.path("notes")).expect("symlink");
    sb.write(
        "factcheck.toml",
        "articles = [\"seeds/*.txt\"]\nannotations = \"notes\"\n",
    );
    let run = sb.run(&["scan"]).expect(2);
    assert!(
        run.stderr.contains(
            "outside the repository; factcheck only reads and writes files under the root"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_dir(outside.path()).expect("read").count(),
        0,
        "nothing was written outside"
    );
}
