//! `factcheck mark` run as a user would on scanned copies of the seed articles: finding the
//! review file from an article or review path, editing verdicts in place, refusing unknown
//! articles and ids with near matches, the source rule, and the default reviewer.

mod util;

use util::{by_id, claims, id_of, retired, review_rel, s, Sandbox, NOW};

const SEOUL: &str = "seeds/001_4e05fcd575987f34.txt";

fn scanned() -> Sandbox {
    let sb = Sandbox::new();
    sb.scan(&["seeds"]);
    sb
}

#[test]
fn marks_by_article_path_editing_the_file_in_place() {
    let sb = scanned();
    let review = review_rel(SEOUL);
    let text = sb.review_text(SEOUL);
    let containers = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    let commented = text.replacen("[article]", "# Seoul desk, June batch\n[article]", 1);
    let commented = util::insert_before(
        &commented,
        &containers,
        "status",
        "# ask Bloomberg for the container count\ndesk_checked_by = \"Lee\"\n",
    );
    sb.write(&review, &commented);

    let run = sb
        .run(&[
            "mark",
            SEOUL,
            &containers,
            "--status",
            "verified",
            "--source",
            "Bloomberg interview with Shin Won-sik, 2024-06-14",
            "--note",
            "matches the ministry",
            "--reviewer",
            "Ann",
        ])
        .expect(0);
    assert!(
        run.stdout.starts_with(&format!(
            "annotations/seeds/001_4e05fcd575987f34.toml: 1 marked verified: {containers}\n"
        )),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");

    let after = sb.review_text(SEOUL);
    assert!(after.contains("# Seoul desk, June batch\n[article]"));
    assert!(after.contains(
        "# ask Bloomberg for the container count\ndesk_checked_by = \"Lee\"\nstatus = \"verified\"\n"
    ));
    let t = sb.review(SEOUL);
    let c = by_id(&claims(&t), &containers);
    assert_eq!(s(c, "status"), "verified");
    assert_eq!(
        s(c, "source"),
        "Bloomberg interview with Shin Won-sik, 2024-06-14"
    );
    assert_eq!(s(c, "note"), "matches the ministry");
    assert_eq!(s(c, "reviewer"), "Ann");
    assert_eq!(s(c, "reviewed_at"), NOW);

    // Only that claim's lines changed.
    let changed: Vec<(&str, &str)> = commented
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 5, "{changed:?}");
    assert_eq!(commented.lines().count(), after.lines().count());

    // A marked file needs no rescan.
    sb.run(&["scan", "--check", "seeds"]).expect(0);
}

#[test]
fn marks_several_ids_by_review_file_path() {
    let sb = scanned();
    let review = sb.review(SEOUL);
    let a = id_of(&review, "dozens of ballistic missiles");
    let b = id_of(&review, "billions of dollars");
    let run = sb
        .run(&[
            "mark",
            &review_rel(SEOUL),
            &a,
            &b,
            "--status",
            "disputed",
            "--note",
            "MoD says 5,000",
            "--reviewer",
            "Kim",
        ])
        .expect(0);
    assert!(
        run.stdout.contains(&format!("2 marked disputed: {a}, {b}")),
        "{}",
        run.stdout
    );
    let after = sb.review(SEOUL);
    for id in [&a, &b] {
        let c = by_id(&claims(&after), id);
        assert_eq!(s(c, "status"), "disputed");
        assert_eq!(s(c, "note"), "MoD says 5,000");
        assert_eq!(s(c, "source"), "");
    }
    let untouched = claims(&after)
        .iter()
        .filter(|c| s(c, "status") == "pending")
        .count();
    assert_eq!(untouched, claims(&after).len() - 2);

    // With a factcheck.toml at the root, a path relative to a subdirectory finds the file.
    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    sb.run_in(
        "seeds",
        &[
            "mark",
            "001_4e05fcd575987f34.txt",
            &a,
            "--status",
            "dismissed",
            "--reviewer",
            "Kim",
        ],
    )
    .expect(0);
    assert_eq!(
        s(by_id(&claims(&sb.review(SEOUL)), &a), "status"),
        "dismissed"
    );
}

#[test]
fn an_unknown_id_is_refused_with_near_matches() {
    let sb = scanned();
    let before = sb.review_text(SEOUL);
    let id = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    let mut typo = id.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '0' { '1' } else { '0' });
    let run = sb
        .run(&[
            "mark",
            SEOUL,
            &typo,
            "--status",
            "dismissed",
            "--reviewer",
            "A",
        ])
        .expect(2);
    assert!(
        run.stderr
            .starts_with(&format!("error: claim `{typo}` is not in ")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("near matches: {id} (at least 10,000 containers)")),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    assert_eq!(sb.review_text(SEOUL), before);

    // One bad id among good ones marks none of them.
    let good = id_of(&sb.review(SEOUL), "dozens of ballistic missiles");
    sb.run(&[
        "mark",
        SEOUL,
        &good,
        "zzzzzz",
        "--status",
        "dismissed",
        "--reviewer",
        "A",
    ])
    .expect(2);
    assert_eq!(sb.review_text(SEOUL), before);
}

#[test]
fn an_unknown_article_is_refused_with_near_matches() {
    let sb = scanned();
    let run = sb
        .run(&[
            "mark",
            "seeds/001_4e05fcd57598.txt",
            "abcdef",
            "--status",
            "dismissed",
            "--reviewer",
            "A",
        ])
        .expect(2);
    assert!(
        run.stderr
            .contains("seeds/001_4e05fcd57598.txt: no review file found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: run `factcheck scan seeds/001_4e05fcd57598.txt` first"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean: ")
            && run
                .stderr
                .contains("annotations/seeds/001_4e05fcd575987f34.toml"),
        "{}",
        run.stderr
    );

    // An article never scanned.
    sb.write("new.md", "# New\n\nIt has 12 rooms.\n");
    let run = sb
        .run(&[
            "mark",
            "new.md",
            "abcdef",
            "--status",
            "dismissed",
            "--reviewer",
            "A",
        ])
        .expect(2);
    assert!(
        run.stderr.contains("no review file found"),
        "{}",
        run.stderr
    );
    assert!(!sb.exists("annotations/new.md.toml"));
}

#[test]
fn verified_needs_a_source_unless_no_source() {
    let sb = scanned();
    let before = sb.review_text(SEOUL);
    let id = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    let run = sb
        .run(&[
            "mark",
            SEOUL,
            &id,
            "--status",
            "verified",
            "--reviewer",
            "A",
        ])
        .expect(2);
    assert!(
        run.stderr
            .contains(&format!("verified needs a source: {id} has none")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--no-source"), "{}", run.stderr);
    assert_eq!(sb.review_text(SEOUL), before);

    let run = sb
        .run(&[
            "mark",
            SEOUL,
            &id,
            "--status",
            "verified",
            "--source",
            "  ",
            "--reviewer",
            "A",
        ])
        .expect(2);
    assert!(
        run.stderr.contains("verified needs a source"),
        "{}",
        run.stderr
    );

    sb.run(&[
        "mark",
        SEOUL,
        &id,
        "--status",
        "verified",
        "--no-source",
        "--reviewer",
        "A",
    ])
    .expect(0);
    let c = by_id(&claims(&sb.review(SEOUL)), &id).clone();
    assert_eq!(s(&c, "status"), "verified");
    assert_eq!(s(&c, "source"), "");

    // A claim that already names its source can be verified without repeating it.
    let other = id_of(&sb.review(SEOUL), "dozens of ballistic missiles");
    let text = util::set_line(
        &sb.review_text(SEOUL),
        &other,
        "source",
        "source = \"NIS briefing\"",
    );
    sb.write(&review_rel(SEOUL), &text);
    sb.run(&[
        "mark",
        SEOUL,
        &other,
        "--status",
        "verified",
        "--reviewer",
        "A",
    ])
    .expect(0);
    let c = by_id(&claims(&sb.review(SEOUL)), &other).clone();
    assert_eq!(s(&c, "status"), "verified");
    assert_eq!(s(&c, "source"), "NIS briefing");
}

#[test]
fn the_reviewer_defaults_to_git_user_name() {
    let sb = scanned();
    sb.git_user("Grace Hopper");
    let id = id_of(&sb.review(SEOUL), "billions of dollars");
    sb.run(&["mark", SEOUL, &id, "--status", "dismissed"])
        .expect(0);
    let c = by_id(&claims(&sb.review(SEOUL)), &id).clone();
    assert_eq!(s(&c, "reviewer"), "Grace Hopper");
    assert_eq!(s(&c, "reviewed_at"), NOW);

    sb.run(&[
        "mark",
        SEOUL,
        &id,
        "--status",
        "disputed",
        "--reviewer",
        "Ada",
    ])
    .expect(0);
    let c = by_id(&claims(&sb.review(SEOUL)), &id).clone();
    assert_eq!(s(&c, "reviewer"), "Ada");
    assert_eq!(s(&c, "status"), "disputed");
}

#[test]
fn re_marking_a_flagged_claim_clears_the_flag() {
    let sb = scanned();
    let id = id_of(&sb.review(SEOUL), "dozens of ballistic missiles");
    sb.run(&[
        "mark",
        SEOUL,
        &id,
        "--status",
        "verified",
        "--source",
        "NIS",
        "--reviewer",
        "A",
    ])
    .expect(0);
    sb.edit(
        SEOUL,
        "attacking neighboring countries",
        "attacking nearby countries",
    );
    sb.scan(&[SEOUL]);
    let c = by_id(&claims(&sb.review(SEOUL)), &id).clone();
    assert_eq!(c.get("changed").and_then(toml::Value::as_bool), Some(true));
    assert_eq!(s(&c, "status"), "verified");

    sb.run(&[
        "mark",
        SEOUL,
        &id,
        "--status",
        "verified",
        "--reviewer",
        "B",
    ])
    .expect(0);
    let text = sb.review_text(SEOUL);
    let c = by_id(&claims(&sb.review(SEOUL)), &id).clone();
    assert!(c.get("changed").is_none(), "{c:?}");
    assert!(c.get("reviewed_sentence").is_none(), "{c:?}");
    assert_eq!(s(&c, "source"), "NIS");
    assert_eq!(s(&c, "reviewer"), "B");
    assert!(!text.contains("\nchanged = "));
    sb.run(&["scan", "--check", SEOUL]).expect(0);
}

#[test]
fn a_retired_claim_cannot_be_marked() {
    let sb = scanned();
    let id = id_of(&sb.review(SEOUL), "dozens of ballistic missiles");
    sb.edit(
        SEOUL,
        " He also mentioned that North Korea has already sent dozens of ballistic missiles to Russia to assist Putin in attacking neighboring countries.",
        "",
    );
    sb.scan(&[SEOUL]);
    assert_eq!(retired(&sb.review(SEOUL)).len(), 1);
    let before = sb.review_text(SEOUL);
    let run = sb
        .run(&[
            "mark",
            SEOUL,
            &id,
            "--status",
            "dismissed",
            "--reviewer",
            "A",
        ])
        .expect(2);
    assert!(
        run.stderr.contains(&format!(
            "claim `{id}` is retired (no longer in the article)"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(sb.review_text(SEOUL), before);
}

#[test]
fn a_malformed_review_file_is_reported_and_not_marked() {
    let sb = scanned();
    let id = id_of(&sb.review(SEOUL), "dozens of ballistic missiles");
    let broken = sb
        .review_text(SEOUL)
        .replacen("status = \"pending\"", "status = \"maybe\"", 1);
    sb.write(&review_rel(SEOUL), &broken);
    let run = sb
        .run(&[
            "mark",
            SEOUL,
            &id,
            "--status",
            "dismissed",
            "--reviewer",
            "A",
        ])
        .expect(2);
    assert!(
        run.stderr
            .contains("annotations/seeds/001_4e05fcd575987f34.toml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown status \"maybe\""),
        "{}",
        run.stderr
    );
    assert_eq!(sb.review_text(SEOUL), broken);
}

#[test]
fn an_inline_comment_on_a_marked_value_survives() {
    let sb = scanned();
    let id = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    let text = util::set_line(
        &sb.review_text(SEOUL),
        &id,
        "status",
        "status = \"pending\" # ask the ministry first",
    );
    sb.write(&review_rel(SEOUL), &text);
    sb.run(&[
        "mark",
        SEOUL,
        &id,
        "--status",
        "disputed",
        "--reviewer",
        "A",
    ])
    .expect(0);
    let after = sb.review_text(SEOUL);
    assert_eq!(
        s(by_id(&claims(&sb.review(SEOUL)), &id), "status"),
        "disputed"
    );
    assert!(
        after.contains("# ask the ministry first"),
        "mark dropped the reviewer's comment"
    );
}

#[test]
fn a_non_ascii_id_is_refused_without_a_panic() {
    let sb = scanned();
    let run = sb.run(&[
        "mark",
        SEOUL,
        "aé",
        "--status",
        "dismissed",
        "--reviewer",
        "A",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("claim `aé` is not in"),
        "{}",
        run.stderr
    );
}

#[test]
fn settling_a_merge_verdict_written_without_a_status_keeps_the_file_usable() {
    let sb = scanned();
    let review = sb.review(SEOUL);
    let id = s(claims(&review).last().expect("claims"), "id").to_string();
    // The last claim ends the file; a merge's verdict given without a status is pending.
    let text = sb.review_text(SEOUL);
    sb.write(
        &review_rel(SEOUL),
        &format!("{text}\n[[claim.conflict]]\nsource = \"wire copy\"\nreviewer = \"Bob\"\n"),
    );
    sb.run(&["scan", "--check", SEOUL]).expect(0);

    let run = sb
        .run(&[
            "mark",
            SEOUL,
            &id,
            "--status",
            "verified",
            "--source",
            "NIS",
            "--reviewer",
            "Ann",
        ])
        .expect(0);
    assert!(
        run.stdout.contains("settled the two verdicts"),
        "{}",
        run.stdout
    );
    sb.run(&["scan", "--check", SEOUL]).expect(0);
    let review = sb.review(SEOUL);
    let claim = by_id(&claims(&review), &id);
    assert_eq!(s(claim, "status"), "verified");
    let history = claim["history"].as_array().expect("history");
    let kept: Vec<(&str, &str)> = history
        .iter()
        .map(|h| {
            let h = h.as_table().expect("a history table");
            (s(h, "status"), s(h, "reviewer"))
        })
        .collect();
    assert_eq!(kept, [("pending", ""), ("pending", "Bob")]);
}
