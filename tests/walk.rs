//! How articles are found, run against the built binary: globs and directories walked like
//! ripgrep (`.gitignore` respected, hidden files skipped, link loops reported once), never
//! inside `.git/` or the review files, `exclude` globs, and paths that name nothing.

mod util;

use std::os::unix::fs::symlink;

use util::{Sandbox, SEEDS};

/// A sandbox that is a git repository, with `factcheck.toml` holding `config`.
fn repo(config: &str) -> Sandbox {
    let sb = Sandbox::new();
    std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(sb.root())
        .status()
        .expect("git init");
    sb.write("factcheck.toml", config);
    sb
}

/// The review files under `annotations/`, relative to it, sorted.
fn review_files(sb: &Sandbox) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![sb.path("annotations")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read annotations").flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else {
                let rel = path.strip_prefix(sb.path("annotations")).expect("under");
                found.push(rel.display().to_string());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_glob_of_everything_never_reads_git_its_review_files_or_its_configuration() {
    let sb = repo("articles = [\"**/*\"]\n");
    let first = sb.run(&["scan"]).expect(0);
    assert!(
        first.stdout.contains("scanned 5 articles: 5 created"),
        "{}",
        first.stdout
    );
    let again = sb.run(&["scan"]).expect(0);
    assert!(
        again
            .stdout
            .contains("scanned 5 articles: 0 created, 0 updated, 5 unchanged"),
        "{}",
        again.stdout
    );
    let expected: Vec<String> = SEEDS.iter().map(|s| s.replace(".txt", ".toml")).collect();
    assert_eq!(review_files(&sb), expected);
}

#[test]
fn gitignored_and_hidden_files_are_not_articles_in_globs_or_directories() {
    let sb = repo("articles = [\"**/*.txt\"]\n");
    sb.write(".gitignore", "scratch/\n");
    sb.write("scratch/notes.txt", "We ordered 40 pizzas.\n");
    sb.write(".drafts/idea.txt", "Maybe 12 more.\n");
    let run = sb.run(&["scan"]).expect(0);
    assert!(run.stdout.contains("scanned 5 articles"), "{}", run.stdout);
    let listed = sb.run(&["extract", "."]).expect(0);
    assert!(!listed.stdout.contains("scratch"), "{}", listed.stdout);
    assert!(!listed.stdout.contains(".drafts"), "{}", listed.stdout);
    assert!(listed.stdout.contains("in 5 files"), "{}", listed.stdout);
}

#[test]
fn exclude_globs_leave_articles_out_unless_they_are_named() {
    let sb = repo("articles = [\"seeds/*.txt\"]\nexclude = [\"seeds/00[34]_*\"]\n");
    let run = sb.run(&["scan"]).expect(0);
    assert!(run.stdout.contains("scanned 3 articles"), "{}", run.stdout);
    assert!(!sb.exists(&util::review_rel(SEEDS[3])));
    let walked = sb.run(&["status", "seeds"]).expect(0);
    assert!(!walked.stdout.contains(SEEDS[4]), "{}", walked.stdout);
    assert!(
        walked.stdout.contains("total (3 articles)"),
        "{}",
        walked.stdout
    );
    sb.run(&["scan", SEEDS[3]]).expect(0);
    assert!(sb.exists(&util::review_rel(SEEDS[3])));
}

#[test]
fn a_directory_listed_without_a_wildcard_stands_for_its_articles() {
    let sb = repo("articles = [\"seeds\"]\nexclude = [\"seeds/000_*\"]\n");
    let run = sb.run(&["scan"]).expect(0);
    assert!(run.stdout.contains("scanned 4 articles"), "{}", run.stdout);
}

#[test]
fn a_bad_exclude_glob_names_the_line_of_the_configuration() {
    let sb = repo("articles = [\"seeds/*.txt\"]\nexclude = [\"seeds/[oops\"]\n");
    let run = sb.run(&["scan"]).expect(2);
    assert!(run.stderr.contains("factcheck.toml:2"), "{}", run.stderr);
    assert!(run.stderr.contains("seeds/[oops"), "{}", run.stderr);
}

#[test]
fn a_link_loop_is_reported_once_and_every_article_read_once() {
    let sb = repo("articles = [\"**/*.txt\"]\n");
    symlink("..", sb.path("seeds/up")).expect("symlink");
    let run = sb.run(&["scan"]).expect(0);
    assert!(run.stdout.contains("scanned 5 articles"), "{}", run.stdout);
    assert_eq!(
        run.stderr
            .matches("warning: seeds/up: a link back to ., a loop")
            .count(),
        1,
        "{}",
        run.stderr
    );
    let listed = sb.run(&["extract", "seeds"]).expect(0);
    assert!(listed.stdout.contains("in 5 files"), "{}", listed.stdout);
}

#[test]
fn a_linked_directory_inside_the_repository_gives_each_article_once() {
    let sb = repo("articles = [\"**/*.txt\"]\n");
    symlink("seeds", sb.path("mirror")).expect("symlink");
    let run = sb.run(&["scan"]).expect(0);
    assert!(run.stdout.contains("scanned 5 articles"), "{}", run.stdout);
    assert!(!sb.exists("annotations/mirror"));
}

#[test]
fn a_linked_directory_outside_the_repository_is_refused_and_the_rest_scanned() {
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("secret.txt"), "The code is 1234.\n").expect("write");
    let sb = repo("articles = [\"**/*.txt\"]\n");
    symlink(outside.path(), sb.path("seeds/elsewhere")).expect("symlink");
    let run = sb.run(&["scan"]).expect(2);
    assert!(
        run.stderr.contains(
            "seeds/elsewhere: a link to a directory outside the repository; not followed"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("scanned 5 articles"), "{}", run.stdout);
    assert!(!sb.exists("annotations/seeds/elsewhere"));
}

#[test]
fn a_linked_file_outside_the_repository_is_refused_whether_globbed_or_named() {
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("secret.txt"), "The code is 1234.\n").expect("write");
    for config in [
        "articles = [\"**/*.txt\"]\n",
        "articles = [\"seeds/secret.txt\"]\n",
    ] {
        let sb = repo(config);
        symlink(
            outside.path().join("secret.txt"),
            sb.path("seeds/secret.txt"),
        )
        .expect("symlink");
        let run = sb.run(&["scan"]).expect(2);
        assert!(
            run.stderr.contains(
                "seeds/secret.txt: outside the repository root (or a link to a file outside it)"
            ),
            "{config}: {}",
            run.stderr
        );
        assert!(!sb.exists("annotations/seeds/secret.toml"), "{config}");
    }
}

#[test]
fn a_path_that_names_nothing_is_an_error() {
    let sb = repo("articles = [\"seeds/*.txt\"]\n");
    sb.run(&["scan"]).expect(0);
    for command in ["status", "check", "scan"] {
        let run = sb.run(&[command, "seeds/nope.txt"]).expect(2);
        assert!(
            run.stderr
                .contains("seeds/nope.txt: no such file, and no review file for it"),
            "{command}: {}",
            run.stderr
        );
    }
    std::fs::remove_file(sb.path(SEEDS[0])).expect("remove");
    let gone = sb.run(&["status", SEEDS[0]]).expect(2);
    assert!(
        gone.stderr.contains("cannot read the article") && !gone.stderr.contains("no review file"),
        "an article gone with its review file left is named as gone, not unknown: {}",
        gone.stderr
    );
}
