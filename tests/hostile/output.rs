//! Escape sequences, bidirectional overrides and forged workflow commands, planted in an
//! article, its file name, a reviewer's note, source and name, a hand-edited review file and
//! the git history, never reach the output of any command raw.

use crate::support::{assert_inert, assert_only_colour, git};
use crate::util::{claims, s, Sandbox};

/// A line an attacker would like to print on its own.
const MARKER: &str = "FORGED";

const WIRE: &str = "articles/wire.txt";
/// A file name that holds a line break and a workflow command.
const EVIL_NAME: &str = "articles/evil\n::warning file=x::FORGED.txt";

/// Text with one of each kind of hazard: a screen clear, a window title (OSC 0 ended by
/// BEL), an OSC 8 hyperlink, a C1 control sequence introducer, a right-to-left override and
/// an isolate, DEL, a carriage return, and a line break that starts a workflow command.
fn wire_text() -> String {
    [
        "Wire \u{1b}[2Jreport\u{1b}]0;owned\u{7}",
        "The army sent 5,000 troops \u{1b}[2J across the \u{202e}border\u{202c} on Monday.",
        "Officials said 40 tanks \u{1b}]8;;https://evil.example/\u{1b}\\followed\u{1b}]8;;\u{1b}\\ them, \u{9b}31m about 70% of the fleet.",
        "At least 3,000 more troops\u{7f} are\r waiting \u{2066}nearby\u{2069}.",
    ]
    .join("\n")
        + "\n"
}

/// A repository with the hostile article, a hostile file name, a reviewed claim with a
/// hostile note, source and reviewer, and commits by a hostile author.
fn planted() -> (Sandbox, String) {
    let sb = Sandbox::new();
    git(&sb, &["init", "-q", "-b", "main"]);
    sb.write("factcheck.toml", "articles = [\"articles/*.txt\"]\n");
    sb.write(WIRE, &wire_text());
    sb.write(
        EVIL_NAME,
        "Officials counted 12 ships and more than 4,000 troops.\n",
    );
    sb.scan(&[]);
    git(&sb, &["add", "-A"]);
    git(
        &sb,
        &[
            "-c",
            "user.name=Eve \u{1b}]0;owned\u{7}\u{202e}",
            "commit",
            "-q",
            "--author",
            "Eve \u{1b}[2J\u{202e} <eve@example.org>",
            "-m",
            "scan \u{1b}[2J\u{1b}]8;;https://evil.example/\u{1b}\\link",
        ],
    );
    let id = crate::util::id_of(&sb.review(WIRE), "5,000 troops");
    sb.run(&[
        "mark",
        WIRE,
        &id,
        "--status",
        "disputed",
        "--note",
        "line one\n::error::FORGED note\u{1b}[31m",
        "--source",
        "\u{202e}gro.live\nFORGED source",
        "--reviewer",
        "Mallory\u{1b}[2J\n::warning::FORGED reviewer",
    ])
    .expect(0);
    git(&sb, &["add", "-A"]);
    git(
        &sb,
        &[
            "commit",
            "-q",
            "--author",
            "Eve \u{1b}[2J <eve@example.org>",
            "-m",
            "verdicts \u{9b}2J",
        ],
    );
    (sb, id)
}

/// Runs factcheck and checks both output streams, whatever the exit status.
#[track_caller]
fn check_run(sb: &Sandbox, args: &[&str]) {
    let out = sb.cmd().args(args).output().expect("run factcheck");
    assert_inert(&format!("stdout of {args:?}"), &out.stdout, MARKER);
    assert_inert(&format!("stderr of {args:?}"), &out.stderr, MARKER);
    let coloured = sb
        .cmd()
        .args(args)
        .arg("--color")
        .arg("always")
        .output()
        .expect("run factcheck");
    assert_only_colour(&format!("stdout of {args:?} in colour"), &coloured.stdout);
    assert_only_colour(&format!("stderr of {args:?} in colour"), &coloured.stderr);
}

#[test]
fn no_command_prints_planted_escapes_or_workflow_commands() {
    let (sb, id) = planted();
    // The review file keeps the reviewer's text exactly.
    let review = sb.review(WIRE);
    let marked = claims(&review)
        .into_iter()
        .find(|c| s(c, "id") == id)
        .expect("the marked claim");
    assert_eq!(
        s(marked, "note"),
        "line one\n::error::FORGED note\u{1b}[31m"
    );
    let id = id.as_str();
    for args in [
        &["extract", "articles"][..],
        &["extract", "--format", "json", WIRE],
        &["status"],
        &["status", "--format", "markdown"],
        &["status", "--format", "json"],
        &["status", "--claims", WIRE],
        &["check"],
        &["check", "--format", "github"],
        &["check", "--format", "sarif"],
        &["conflicts"],
        &["conflicts", "--format", "markdown"],
        &["diff", "HEAD~1", "HEAD"],
        &["diff", "HEAD~1", "HEAD", "--format", "markdown"],
        &["log", id],
        &["log", id, "--format", "json"],
        &[
            "mark",
            WIRE,
            id,
            "--status",
            "verified",
            "--source",
            "x\n::error::FORGED",
        ],
        &[
            "mark", WIRE, "ffffff", "--status", "verified", "--source", "x",
        ],
    ] {
        check_run(&sb, args);
    }
    // The article changes: scan --check prints the diff it would write, then scan writes it.
    sb.edit(WIRE, "5,000 troops", "6,000 troops \u{1b}]0;again\u{7}");
    check_run(&sb, &["scan", "--check"]);
    check_run(&sb, &["diff"]);
    check_run(&sb, &["scan"]);
}

#[test]
fn json_keeps_the_text_exactly() {
    let (sb, _) = planted();
    let out = sb.run(&["extract", "--format", "jsonl", WIRE]).expect(0);
    let troops = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .find(|c| c["text"] == "5,000 troops")
        .expect("the claim of 5,000 troops");
    assert_eq!(
        troops["sentence"],
        "The army sent 5,000 troops \u{1b}[2J across the \u{202e}border\u{202c} on Monday."
    );
    let status = sb.run(&["status", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&status.stdout).expect("JSON");
    let paths: Vec<&str> = doc["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["path"].as_str())
        .collect();
    assert!(paths.contains(&EVIL_NAME), "{paths:?}");
}

#[test]
fn a_status_that_forges_a_workflow_command_is_reported_inert() {
    let (sb, id) = planted();
    let path = "annotations/articles/wire.toml";
    let text = sb.read(path);
    let forged = crate::util::set_line(
        &text,
        &id,
        "status",
        "status = \"x\\n::error file=articles/wire.txt::FORGED\"",
    );
    sb.write(path, &forged);
    let out = sb
        .cmd()
        .args(["check", "--format", "github"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "a bad status is an error");
    assert_inert("check --format github", &out.stdout, MARKER);
    assert_inert("check --format github (stderr)", &out.stderr, MARKER);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("unknown status"),
        "the problem is still reported: {stdout}"
    );
}

#[test]
fn the_sanitiser_shows_what_was_hidden() {
    let (sb, _) = planted();
    let out = sb.run(&["status", "--claims", WIRE]).expect(0);
    assert!(
        out.stdout
            .contains("\\u{1b}[2J across the \\u{202e}border\\u{202c}"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("note: line one\\n::error::FORGED note\\u{1b}[31m"),
        "{}",
        out.stdout
    );
    let status = sb.run(&["status"]).expect(0);
    assert!(
        status
            .stdout
            .contains("articles/evil\\n::warning file=x::FORGED.txt"),
        "{}",
        status.stdout
    );
}

#[test]
fn the_review_screen_shows_planted_escapes_as_text() {
    let (sb, _) = planted();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"));
    cmd.args(["review", "--all", WIRE, "--reviewer", "Ann"])
        .current_dir(sb.root())
        .env("FACTCHECK_NOW", crate::util::NOW)
        .env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_command(cmd, Some(10_000)).expect("spawn in a pty");
    // Past the first claim (the one in the title's escape) to the army's troops.
    let mut screen = String::new();
    for _ in 0..6 {
        let seen = p.exp_string("q quit").expect("a review screen");
        screen.push_str(&seen);
        if seen.contains("5,000 troops") {
            break;
        }
        p.send("s").expect("skip");
        p.flush().expect("flush");
    }
    p.send("q").expect("quit");
    p.flush().expect("flush");
    let rest = p.exp_eof().expect("the end");
    screen.push_str(&rest);
    assert!(
        screen.contains("\\u{1b}[2J across the \\u{202e}border\\u{202c}"),
        "the sentence shows its escapes as text: {screen:?}"
    );
    assert!(
        screen.contains("one\\n::error::FORGED note\\u{1b}[31m"),
        "the verdict's note too: {screen:?}"
    );
    for planted in [
        "\u{1b}]", "\u{7}", "\u{202e}", "\u{2066}", "\u{9b}", "\u{7f}",
    ] {
        assert!(
            !screen.contains(planted),
            "{planted:?} reached the terminal raw: {screen:?}"
        );
    }
}
