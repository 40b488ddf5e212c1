//! `factcheck review` driven through a pseudo-terminal as an editor would: keystrokes over
//! scanned copies of the seed articles, then the review files and the printed summary. Covers
//! a full pass, quitting midway, a process killed midway, no terminal, and comments surviving.

mod util;

use std::process::{Command, Stdio};

use rexpect::process::{Signal, WaitStatus};
use rexpect::session::{spawn_command, PtySession};
use util::{by_id, claims, s, Sandbox, NOW};

const SEOUL: &str = "seeds/001_4e05fcd575987f34.txt";

/// A sandbox configured for the seeds and scanned.
fn scanned() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    sb.scan(&[]);
    sb
}

/// `factcheck review ARGS` at the sandbox's root, with a pinned clock and no colour.
fn command(sb: &Sandbox, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factcheck"));
    cmd.arg("review")
        .args(args)
        .current_dir(sb.root())
        .env("FACTCHECK_NOW", NOW)
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", sb.path(".gitconfig-absent"))
        .env("USER", "sandbox-user")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
    cmd
}

/// `factcheck review ARGS` in a pseudo-terminal.
fn review(sb: &Sandbox, args: &[&str]) -> PtySession {
    spawn_command(command(sb, args), Some(5_000)).expect("spawn factcheck review in a pty")
}

/// Types `keys` and waits until the screen shows `then`.
#[track_caller]
fn press(p: &mut PtySession, keys: &str, then: &str) {
    p.send(keys).expect("send keys");
    p.flush().expect("flush keys");
    if let Err(e) = p.exp_string(then) {
        panic!("after {keys:?}, expected {then:?} on screen: {e}");
    }
}

/// Waits for the process to end and returns its exit code.
fn exit_code(p: &mut PtySession) -> i32 {
    match p.process_mut().wait().expect("wait for factcheck") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("factcheck did not exit normally: {other:?}"),
    }
}

/// The ids of the seed's claims, in file order, and how many there are.
fn ids(sb: &Sandbox) -> Vec<String> {
    claims(&sb.review(SEOUL))
        .iter()
        .map(|c| s(c, "id").to_string())
        .collect()
}

fn status_of(sb: &Sandbox, id: &str) -> String {
    s(by_id(&claims(&sb.review(SEOUL)), id), "status").to_string()
}

#[test]
fn a_full_pass_saves_each_decision_and_sums_up() {
    let sb = scanned();
    let ids = ids(&sb);
    let n = ids.len();
    let mut p = review(&sb, &[SEOUL, "--reviewer", "Ann"]);
    p.exp_string(&format!("Reviewing [1/{n}]"))
        .expect("first claim");
    p.exp_string("[4.8 Million Rounds of Shells]")
        .expect("the figure highlighted in its sentence");
    press(&mut p, "v", "Source (");
    press(&mut p, "MoD briefing\r", &format!("Reviewing [2/{n}]"));
    press(&mut p, "d", "Note (why disputed)");
    press(&mut p, "MoD says 5,000\r", &format!("Reviewing [3/{n}]"));
    press(&mut p, "x", &format!("Reviewing [4/{n}]"));
    press(&mut p, "s", &format!("Reviewing [5/{n}]"));
    press(&mut p, "b", &format!("Reviewing [4/{n}]"));
    press(&mut p, "q", "Reviewed 3 of");
    let rest = p.exp_eof().expect("the summary, then the end");
    assert_eq!(exit_code(&mut p), 0);
    assert!(
        rest.contains(&format!(
            " {n} claims: 1 verified, 1 disputed, 1 dismissed.\r\n1 skipped, {} not reached.",
            n - 4
        )),
        "{rest}"
    );
    assert!(rest.contains("Saved the review of seeds/001_4e05fcd575987f34.txt."));

    let t = sb.review(SEOUL);
    let c = claims(&t);
    let first = by_id(&c, &ids[0]);
    assert_eq!(
        [
            s(first, "status"),
            s(first, "source"),
            s(first, "reviewer"),
            s(first, "reviewed_at")
        ],
        ["verified", "MoD briefing", "Ann", NOW]
    );
    let second = by_id(&c, &ids[1]);
    assert_eq!(
        [s(second, "status"), s(second, "note")],
        ["disputed", "MoD says 5,000"]
    );
    assert_eq!(s(by_id(&c, &ids[2]), "status"), "dismissed");
    for id in &ids[3..] {
        assert_eq!(s(by_id(&c, id), "status"), "pending", "{id}");
    }
}

#[test]
fn quitting_midway_keeps_the_decisions_made() {
    let sb = scanned();
    let ids = ids(&sb);
    let mut p = review(&sb, &[SEOUL]);
    p.exp_string("Reviewing [1/").expect("first claim");
    press(&mut p, "x", "Reviewing [2/");
    press(&mut p, "u", "Note (what is missing)");
    press(&mut p, "no figure from Kyiv\r", "Reviewing [3/");
    press(&mut p, "d", "Note (");
    press(&mut p, "nope\x1b", "Cancelled; nothing was changed.");
    // Ctrl-C quits like q, leaving the terminal as it was.
    press(&mut p, "\x03", "\x1b[?1049lReviewed 2 of");
    p.exp_eof().expect("the end");
    assert_eq!(exit_code(&mut p), 0);
    assert_eq!(status_of(&sb, &ids[0]), "dismissed");
    assert_eq!(status_of(&sb, &ids[1]), "unsourced");
    let t = sb.review(SEOUL);
    let second = by_id(&claims(&t), &ids[1]);
    assert_eq!(
        [s(second, "note"), s(second, "reviewer")],
        ["no figure from Kyiv", "sandbox-user"]
    );
    assert_eq!(status_of(&sb, &ids[2]), "pending");
}

#[test]
fn a_killed_session_keeps_what_was_saved_and_valid_files() {
    let sb = scanned();
    let ids = ids(&sb);
    let mut p = review(&sb, &[]);
    p.exp_string("Reviewing [1/").expect("first claim");
    press(&mut p, "x", "Reviewing [2/");
    press(&mut p, "v", "Source (");
    press(&mut p, "Reuters\r", "Reviewing [3/");
    // A prompt left open when the process dies.
    press(&mut p, "d", "Note (");
    p.send("half a no").expect("send");
    p.flush().expect("flush");
    let status = p.process_mut().kill(Signal::SIGKILL).expect("kill");
    assert!(matches!(status, WaitStatus::Signaled(..)), "{status:?}");

    let first = claims(&sb.review(util::SEEDS[0]))
        .iter()
        .map(|c| s(c, "status").to_string())
        .collect::<Vec<_>>();
    assert_eq!(&first[..2], ["dismissed", "verified"]);
    assert!(first[2..].iter().all(|st| st == "pending"), "{first:?}");
    for seed in util::SEEDS {
        sb.review(seed);
    }
    let leftovers: Vec<_> = std::fs::read_dir(sb.path("annotations/seeds"))
        .expect("annotations")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".factcheck-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(ids.iter().all(|id| status_of(&sb, id) == "pending"));
}

#[test]
fn refuses_without_a_terminal() {
    let sb = scanned();
    let before = sb.review_text(SEOUL);
    let run = command(&sb, &[])
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("`factcheck mark"), "{stderr}");
    assert_eq!(sb.review_text(SEOUL), before);
}

#[test]
fn comments_and_hand_edits_survive() {
    let sb = scanned();
    let ids = ids(&sb);
    let rel = util::review_rel(SEOUL);
    let commented =
        sb.review_text(SEOUL)
            .replacen("[article]", "# Seoul desk, June batch\n[article]", 1);
    let commented = util::insert_before(&commented, &ids[0], "status", "# call the ministry\n");
    sb.write(&rel, &commented);

    let mut p = review(&sb, &[SEOUL]);
    p.exp_string("Reviewing [1/").expect("first claim");
    // A colleague edits the file while the pass is open.
    sb.edit(
        &rel,
        "# call the ministry\n",
        "# call the ministry\n# called: no answer\n",
    );
    press(&mut p, "n", "Note (");
    press(&mut p, "ask again Monday\r", "Saved the note");
    press(&mut p, "x", "Reviewing [2/");
    press(&mut p, "q", "Reviewed 1 of");
    p.exp_eof().expect("the end");
    assert_eq!(exit_code(&mut p), 0);

    let after = sb.review_text(SEOUL);
    assert!(
        after.contains("# Seoul desk, June batch\n[article]"),
        "{after}"
    );
    assert!(
        after.contains("# call the ministry\n# called: no answer\nstatus = \"dismissed\""),
        "{after}"
    );
    let t = sb.review(SEOUL);
    let first = by_id(&claims(&t), &ids[0]);
    assert_eq!(s(first, "note"), "ask again Monday");
}

#[test]
fn a_narrow_terminal_wraps_the_sentence() {
    let sb = scanned();
    let wide = command(&sb, &[SEOUL]);
    let mut narrow = Command::new("sh");
    narrow
        .arg("-c")
        .arg("stty cols 40 rows 40 && exec \"$0\" review \"$1\"")
        .arg(wide.get_program())
        .arg(SEOUL)
        .current_dir(sb.root())
        .envs(wide.get_envs().filter_map(|(k, v)| Some((k, v?))));
    let mut p = spawn_command(narrow, Some(5_000)).expect("spawn in a pty");
    let screen = p.exp_string("? keys").expect("the first screen");
    assert!(
        screen.contains("\r\n  South Korea: North Korea has Sent [4.8\r\n  Million Rounds of Shells] to Russia\r\n"),
        "{screen}"
    );
    let widest = screen
        .split("\r\n")
        .skip(1)
        // The pty's bytes arrive one char each: count UTF-8 lead bytes only.
        .map(|line| {
            line.chars()
                .filter(|c| !('\u{80}'..='\u{bf}').contains(c))
                .count()
        })
        .max();
    assert!(widest <= Some(40), "{screen}");
    press(&mut p, "q", "Reviewed 0 of");
    p.exp_eof().expect("the end");
    assert_eq!(exit_code(&mut p), 0);
}

#[test]
fn verifying_offers_a_source_verified_elsewhere() {
    let sb = scanned();
    let elsewhere = util::SEEDS[3];
    let id = util::id_of(&sb.review(elsewhere), "at least 10,000 sea containers");
    let source = "Bloomberg interview with Shin Won-sik, 2024-06-14";
    sb.run(&[
        "mark", elsewhere, &id, "--status", "verified", "--source", source,
    ])
    .expect(0);
    let containers = util::id_of(&sb.review(SEOUL), "at least 10,000 containers");
    let mut p = review(&sb, &[SEOUL]);
    p.exp_string("Reviewing [1/").expect("first claim");
    press(&mut p, "x", "Reviewing [2/");
    press(&mut p, "x", "suggested source (verified in seeds/003");
    press(&mut p, "v", &format!("Tab or Enter takes \"{source}\""));
    press(&mut p, "\r", "Reviewing [4/");
    press(&mut p, "q", "Reviewed 3 of");
    p.exp_eof().expect("the end");
    assert_eq!(exit_code(&mut p), 0);
    let t = sb.review(SEOUL);
    let c = by_id(&claims(&t), &containers);
    assert_eq!([s(c, "status"), s(c, "source")], ["verified", source]);
}

#[test]
fn refuses_an_article_changed_since_its_scan() {
    let sb = scanned();
    let article = sb.read(SEOUL);
    sb.write(
        SEOUL,
        &format!("{article}\nSeoul later counted 12,000 containers.\n"),
    );
    let mut p = review(&sb, &[SEOUL]);
    p.exp_string("seeds/001_4e05fcd575987f34.txt: the article changed since its last scan")
        .expect("the refusal");
    p.exp_string("run `factcheck scan").expect("the help");
    p.exp_eof().expect("the end");
    assert_eq!(exit_code(&mut p), 2);
}

#[test]
fn the_card_shows_the_id_attribution_and_the_changed_words() {
    let sb = scanned();
    let containers = util::id_of(&sb.review(SEOUL), "at least 10,000 containers");
    sb.run(&[
        "mark",
        SEOUL,
        &containers,
        "--status",
        "verified",
        "--source",
        "Bloomberg",
    ])
    .expect(0);
    sb.edit(
        SEOUL,
        "Seoul has discovered at least",
        "Seoul has found at least",
    );
    sb.scan(&[]);
    let mut p = review(&sb, &[SEOUL]);
    p.exp_string("Reviewing [1/").expect("first claim");
    press(&mut p, "s", "Reviewing [2/");
    press(&mut p, "s", &format!("· claim {containers}"));
    let attribution = s(
        by_id(&claims(&sb.review(SEOUL)), &containers),
        "attribution",
    )
    .to_string();
    assert!(!attribution.is_empty(), "the claim names its source");
    p.exp_string(&format!("Attribution: {attribution}"))
        .expect("who says so");
    p.exp_string("The sentence changed since the verdict was given")
        .expect("the flag");
    p.exp_string("was: According to")
        .expect("the sentence as reviewed");
    p.exp_string("Seoul has [-discovered-] at least")
        .expect("the old words");
    p.exp_string("now: According to").expect("the sentence now");
    p.exp_string("Seoul has {+found+} at least")
        .expect("the new words");
    press(&mut p, "q", "Reviewed 0 of");
    p.exp_eof().expect("the end");
}

#[test]
fn sources_are_offered_from_earlier_in_the_article_and_typed_with_line_editing() {
    let sb = scanned();
    let review_now = sb.review(SEOUL);
    let all = claims(&review_now);
    let rounds: Vec<&str> = all
        .iter()
        .filter(|c| s(c, "text") == "4.8 million rounds of ammunition")
        .map(|c| s(c, "id"))
        .collect();
    let (first, second) = (rounds[0].to_string(), rounds[1].to_string());
    let missiles = util::id_of(&review_now, "dozens of ballistic missiles");
    sb.run(&[
        "mark", SEOUL, &first, "--status", "verified", "--source", "Yonhap",
    ])
    .expect(0);
    let mut p = review(&sb, &[SEOUL]);
    p.exp_string("Reviewing [1/").expect("first claim");
    press(&mut p, "s", "Reviewing [2/");
    press(&mut p, "s", &format!("· claim {second}"));
    p.exp_string(&format!("suggested source (verified in {SEOUL}:"))
        .expect("the earlier claim's source is offered");
    press(&mut p, "v", "Tab or Enter takes \"Yonhap\"");
    // Home, End and the arrows move the cursor inside the line.
    press(&mut p, "Reuters", "> Reuters");
    press(&mut p, "\x1b[HAP, ", "> AP, Reuters");
    press(&mut p, "\x1b[F 14 June", "> AP, Reuters 14 June");
    let left = "\x1b[D".repeat(8);
    press(&mut p, &format!("{left}\x1b[3~"), "> AP, Reuters14 June");
    press(&mut p, " \r", &format!("· claim {missiles}"));
    // Up recalls the source typed before.
    press(&mut p, "v", "earlier entries");
    press(&mut p, "\x1b[A", "> AP, Reuters 14 June");
    press(&mut p, "\r", "Reviewing [");
    press(&mut p, "q", "Reviewed 2 of");
    p.exp_eof().expect("the end");
    assert_eq!(exit_code(&mut p), 0);
    let after = sb.review(SEOUL);
    for id in [&second, &missiles] {
        let c = by_id(&claims(&after), id);
        assert_eq!(
            [s(c, "status"), s(c, "source")],
            ["verified", "AP, Reuters 14 June"],
            "{id}"
        );
    }
}

#[test]
fn a_claim_with_two_verdicts_from_a_merge_is_shown_and_settled() {
    let sb = scanned();
    let first = ids(&sb)[0].clone();
    sb.run(&[
        "mark",
        SEOUL,
        &first,
        "--status",
        "verified",
        "--source",
        "MoD",
        "--reviewer",
        "Ann",
    ])
    .expect(0);
    let file = util::review_rel(SEOUL);
    let text = sb.read(&file);
    let at = text.find("\n[[claim]]").map(|k| k + 1).unwrap();
    let second_claim = text[at + 1..]
        .find("\n[[claim]]")
        .map(|k| at + 2 + k)
        .unwrap();
    let other = "[[claim.conflict]]\nstatus = \"disputed\"\nsource = \"\"\nnote = \"Reuters says 3m\"\nreviewer = \"Bo\"\nreviewed_at = \"2025-02-01T00:00:00Z\"\n\n";
    sb.write(
        &file,
        &format!("{}{other}{}", &text[..second_claim], &text[second_claim..]),
    );
    let mut p = review(&sb, &[SEOUL, "--reviewer", "Cy"]);
    p.exp_string("Two verdicts after a merge")
        .expect("both verdicts on screen");
    p.exp_string("or disputed by Bo")
        .expect("the other verdict");
    press(&mut p, "x", "Saved");
    press(&mut p, "q", "Reviewed");
    assert_eq!(exit_code(&mut p), 0);
    let settled = by_id(&claims(&sb.review(SEOUL)), &first).clone();
    assert_eq!(s(&settled, "status"), "dismissed");
    assert!(settled.get("conflict").is_none());
    let kept: Vec<&str> = settled["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["reviewer"].as_str().unwrap())
        .collect();
    assert_eq!(kept, ["Ann", "Bo"]);
}
