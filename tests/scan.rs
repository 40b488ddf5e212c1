//! `factcheck scan` and `factcheck init` run as a user would, on copies of the seed articles:
//! review file layout, idempotence, survival of hand edits, how claims follow article edits,
//! `--check`, `--prune`, malformed review files, the configuration and the repository boundary.

mod util;

use util::{by_id, by_text, claims, id_of, insert_before, retired, review_rel, s, set_line};
use util::{Run, Sandbox, NOW, SEEDS};

const SEOUL: &str = "seeds/001_4e05fcd575987f34.txt";
const REUTERS: &str = "seeds/000_f2ecfe456393e018.txt";

fn ids(tables: &[&toml::Table]) -> Vec<String> {
    tables.iter().map(|t| s(t, "id").to_string()).collect()
}

fn int(table: &toml::Table, key: &str) -> i64 {
    table
        .get(key)
        .and_then(toml::Value::as_integer)
        .unwrap_or_else(|| panic!("`{key}` is not an integer in {table:?}"))
}

fn history(table: &toml::Table) -> Vec<&toml::Table> {
    util::tables(table, "history")
}

/// The text of the `[[claim]]` or `[[retired]]` block holding `id`, up to the next header.
fn block<'t>(text: &'t str, id: &str) -> &'t str {
    let at = text
        .find(&format!("id = \"{id}\""))
        .unwrap_or_else(|| panic!("no claim {id} in\n{text}"));
    let start = text[..at].rfind("\n[[").map_or(0, |k| k + 1);
    let end = text[at..].find("\n[[").map_or(text.len(), |k| at + k + 1);
    &text[start..end]
}

/// Records a verdict by editing the review file's text, as a reviewer would.
fn hand_mark(sb: &Sandbox, article: &str, id: &str, lines: &[(&str, &str)]) {
    let mut text = sb.review_text(article);
    for (key, value) in lines {
        text = set_line(&text, id, key, &format!("{key} = {value}"));
    }
    sb.write(&review_rel(article), &text);
}

#[test]
fn issue_scenario_human_edits_survive_article_edits() {
    let sb = Sandbox::new();
    sb.scan(&[SEOUL]);
    let first = sb.review(SEOUL);
    let before_ids = ids(&claims(&first));
    let containers = id_of(&first, "at least 10,000 containers");
    let missiles = id_of(&first, "dozens of ballistic missiles");
    let billions = id_of(&first, "billions of dollars");
    let million = id_of(&first, "one million rounds of ammunition");
    let million_line = int(by_id(&claims(&first), &million), "line");

    // The reviewer's edits, made in a text editor.
    let mut text = sb.review_text(SEOUL);
    text = text.replacen(
        "[article]",
        "# Reviewed by the Seoul desk.\ndesk = \"seoul\"\n\n[article]",
        1,
    );
    text = set_line(&text, &containers, "status", "status = \"disputed\"");
    text = set_line(&text, &containers, "note", "note = \"MoD says 8,000\"");
    text = set_line(&text, &containers, "reviewer", "reviewer = \"Lee\"");
    text = insert_before(
        &text,
        &containers,
        "note",
        "# desk: call the ministry again on Monday\n",
    );
    text = insert_before(&text, &containers, "status", "desk_checked_by = \"Lee\"\n");
    text = set_line(&text, &missiles, "status", "status = \"verified\"");
    text = set_line(
        &text,
        &missiles,
        "source",
        "source = \"Bloomberg interview, 2024-06-14\"",
    );
    text = set_line(&text, &billions, "status", "status = \"dismissed\"");
    text = set_line(&text, &billions, "note", "note = \"a figure of speech\"");
    text = set_line(&text, &million, "status", "status = \"verified\"");
    text = set_line(
        &text,
        &million,
        "source",
        "source = \"EU Council\" # press release of 2024-03-20",
    );
    text = insert_before(&text, &million, "status", "\n");
    sb.write(&review_rel(SEOUL), &text);

    // Hand edits alone leave nothing for a scan to do.
    sb.run(&["scan", "--check", SEOUL]).expect(0);

    // The article's edits: a paragraph above, a changed figure, a fixed word, a deleted sentence.
    sb.edit(
        SEOUL,
        "to Russia\n\nRecently,",
        "to Russia\n\nCustoms officials in Vladivostok logged 350 rail wagons of cargo from Rajin in May.\n\nRecently,",
    );
    sb.edit(
        SEOUL,
        "at least 10,000 containers",
        "at least 12,000 containers",
    );
    sb.edit(
        SEOUL,
        "attacking neighboring countries",
        "attacking neighbouring countries",
    );
    sb.edit(
        SEOUL,
        "As Ukraine secures billions of dollars worth of new weapons from the US and the EU, Russia’s potential breakthrough in the war is diminishing, although it continues to launch missiles and drones towards Ukrainian cities.",
        "",
    );

    let run = sb.scan(&[SEOUL]);
    assert!(
        run.stdout.contains("annotations/seeds/001_4e05fcd575987f34.toml: updated: 1 added, 1 retired, 1 back to pending (figure changed), 1 flagged changed (sentence edited)"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("scanned 1 article: 0 created, 1 updated, 0 unchanged"));

    let after_text = sb.review_text(SEOUL);
    let after = sb.review(SEOUL);
    let now = claims(&after);

    // Every comment, blank line, extra key and key order the reviewer wrote is still there.
    assert!(after_text.starts_with("# factcheck review file:"));
    assert!(after_text.contains("# Reviewed by the Seoul desk.\ndesk = \"seoul\"\n\n[article]"));
    assert_eq!(s(&after, "desk"), "seoul");
    let c = block(&after_text, &containers);
    assert!(
        c.contains("desk_checked_by = \"Lee\"\nstatus = \"pending\""),
        "{c}"
    );
    assert!(
        c.contains("# desk: call the ministry again on Monday\nnote = \"\""),
        "{c}"
    );
    let m = block(&after_text, &million);
    assert!(
        m.contains("kind = \"count\"\n\nstatus = \"verified\"\nsource = \"EU Council\" # press release of 2024-03-20\n"),
        "{m}"
    );

    // The changed figure: same id, back to pending, the old verdict in its history.
    let t = by_id(&now, &containers);
    assert_eq!(s(t, "text"), "at least 12,000 containers");
    assert_eq!(int(t, "value"), 12000);
    assert_eq!(s(t, "status"), "pending");
    assert_eq!(s(t, "note"), "");
    assert_eq!(s(t, "reviewer"), "");
    assert_eq!(s(t, "desk_checked_by"), "Lee");
    assert!(t.get("changed").is_none());
    let h = history(t);
    assert_eq!(h.len(), 1);
    assert_eq!(s(h[0], "status"), "disputed");
    assert_eq!(s(h[0], "note"), "MoD says 8,000");
    assert_eq!(s(h[0], "reviewer"), "Lee");
    assert_eq!(s(h[0], "text"), "at least 10,000 containers");
    assert_eq!(int(h[0], "value"), 10000);
    assert_eq!(s(h[0], "replaced_at"), NOW);

    // The fixed word: verdict kept, flagged until someone re-marks it.
    let t = by_id(&now, &missiles);
    assert_eq!(s(t, "status"), "verified");
    assert_eq!(s(t, "source"), "Bloomberg interview, 2024-06-14");
    assert_eq!(t.get("changed").and_then(toml::Value::as_bool), Some(true));
    assert!(s(t, "sentence").contains("neighbouring countries"));
    assert!(s(t, "reviewed_sentence").contains("neighboring countries"));
    assert!(history(t).is_empty());

    // The deleted sentence: retired, verdict intact.
    assert!(now.iter().all(|t| s(t, "id") != billions));
    let gone = by_id(&retired(&after), &billions);
    assert_eq!(s(gone, "status"), "dismissed");
    assert_eq!(s(gone, "note"), "a figure of speech");
    assert_eq!(s(gone, "text"), "billions of dollars");
    assert_eq!(s(gone, "retired_at"), NOW);

    // The claim below the new paragraph: same id and verdict, new position.
    let t = by_id(&now, &million);
    assert_eq!(s(t, "status"), "verified");
    assert_eq!(s(t, "source"), "EU Council");
    assert_eq!(int(t, "line"), million_line + 2);
    assert!(t.get("changed").is_none());

    // The new claim is pending; every other claim kept its id.
    let added = by_text(&now, "350 rail wagons of cargo");
    assert_eq!(s(added, "status"), "pending");
    let mut expected: Vec<String> = before_ids.into_iter().filter(|i| *i != billions).collect();
    expected.push(s(added, "id").to_string());
    expected.sort();
    let mut got = ids(&now);
    got.sort();
    assert_eq!(got, expected);

    // And a further scan changes nothing.
    let run = sb.scan(&[SEOUL]);
    assert!(
        run.stdout.contains("0 updated, 1 unchanged"),
        "{}",
        run.stdout
    );
    assert_eq!(sb.review_text(SEOUL), after_text);
}

#[test]
fn review_files_mirror_article_paths() {
    let sb = Sandbox::new();
    sb.write("a.md", "# Buses\n\nThe city runs 450 buses on 31 routes.\n");
    sb.write("notes/b.md", "# Ferries\n\nSome 12 ferries sail daily.\n");
    let run = sb.scan(&["seeds", "a.md", "notes/b.md"]);
    for seed in SEEDS {
        let rel = review_rel(seed);
        assert!(rel.starts_with("annotations/seeds/") && rel.ends_with(".toml"));
        assert!(sb.exists(&rel), "{rel} missing");
        assert!(
            run.stdout.contains(&format!("{rel}: created, ")),
            "{}",
            run.stdout
        );
        assert_eq!(
            s(sb.review(seed)["article"].as_table().unwrap(), "path"),
            seed
        );
    }
    assert!(sb.exists("annotations/seeds/000_f2ecfe456393e018.toml"));
    assert!(sb.exists("annotations/a.md.toml"));
    assert!(sb.exists("annotations/notes/b.md.toml"));
    assert!(run
        .stdout
        .contains("annotations/a.md.toml: created, 2 claims"));
    assert!(run
        .stdout
        .contains("scanned 7 articles: 7 created, 0 updated, 0 unchanged"));
    let review = sb.review("a.md");
    assert_eq!(s(review["article"].as_table().unwrap(), "title"), "Buses");
    for claim in claims(&review) {
        assert_eq!(s(claim, "status"), "pending");
        assert_eq!(s(claim, "id").len(), 6);
    }
}

#[test]
fn a_second_scan_rewrites_nothing() {
    let sb = Sandbox::new();
    sb.scan(&["seeds"]);
    let texts: Vec<String> = SEEDS.iter().map(|a| sb.review_text(a)).collect();
    let aged: Vec<_> = SEEDS.iter().map(|a| sb.age(&review_rel(a))).collect();
    let run = sb.scan(&["seeds"]);
    assert_eq!(
        run.stdout,
        "scanned 5 articles: 0 created, 0 updated, 5 unchanged\n"
    );
    for ((article, text), when) in SEEDS.iter().zip(&texts).zip(&aged) {
        assert_eq!(&sb.review_text(article), text, "{article} rewritten");
        assert_eq!(sb.mtime(&review_rel(article)), *when, "{article} touched");
    }
    let leftovers: Vec<_> = std::fs::read_dir(sb.path("annotations/seeds"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".toml"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The records of earlier scans kept under the annotations directory.
fn scan_records(sb: &Sandbox) -> Vec<std::path::PathBuf> {
    let Ok(listing) = std::fs::read_dir(sb.path("annotations/.factcheck")) else {
        return Vec::new();
    };
    listing
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("scan-")
        })
        .collect()
}

/// `factcheck ARGS`, checked to say and write what it does without the record of earlier
/// scans; the record it leaves is kept.
fn run_as_without_record(sb: &Sandbox, args: &[&str]) -> Run {
    let texts = || SEEDS.map(|a| sb.review_text(a));
    let before = texts();
    let with = sb.run(args);
    let after = texts();
    let records: Vec<_> = scan_records(sb)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            std::fs::remove_file(&p).unwrap();
            (p, bytes)
        })
        .collect();
    for (article, text) in SEEDS.iter().zip(&before) {
        sb.write(&review_rel(article), text);
    }
    let without = sb.run(args);
    assert_eq!(
        (with.code, &with.stdout, &with.stderr),
        (without.code, &without.stdout, &without.stderr),
        "{args:?}"
    );
    assert!(
        after == texts(),
        "{args:?} wrote otherwise without the record"
    );
    for path in scan_records(sb) {
        std::fs::remove_file(path).unwrap();
    }
    for (path, bytes) in records {
        std::fs::write(path, bytes).unwrap();
    }
    with
}

#[test]
fn a_rescan_skips_an_article_only_while_it_and_its_review_file_are_as_recorded() {
    let sb = Sandbox::new();
    sb.scan(&["seeds"]);
    assert_eq!(scan_records(&sb).len(), 1);
    let run = run_as_without_record(&sb, &["scan", "seeds"]);
    assert!(run.stdout.contains("5 unchanged"), "{}", run.stdout);
    let reuters = sb.review(REUTERS);
    let first = id_of(&reuters, "Thousands of Soldiers");
    let changes: [&dyn Fn(); 5] = [
        &|| {
            let text = sb.review_text(REUTERS);
            sb.write(
                &review_rel(REUTERS),
                &set_line(&text, &first, "text", "text = \"By hand\""),
            );
        },
        &|| {
            let text = sb.review_text(REUTERS);
            sb.write(
                &review_rel(REUTERS),
                &set_line(&text, &first, "note", "nott = \"misspelt\""),
            );
        },
        &|| sb.edit(SEOUL, "South Korea:", "South  Korea:"),
        &|| sb.edit(SEOUL, "South  Korea:", "South Korea:"),
        &|| sb.edit(REUTERS, "Thousands of Soldiers", "Soldiers"),
    ];
    for change in changes {
        change();
        for args in [
            &["scan", "--check", "seeds"][..],
            &["scan", "--check", "--prune", "seeds"],
            &["scan", "seeds"],
            &["scan", "seeds"],
            &["scan", "--prune", "seeds"],
            &["scan", "--prune", "seeds"],
        ] {
            run_as_without_record(&sb, args);
        }
    }
    assert_eq!(scan_records(&sb).len(), 1);
}

#[test]
fn inserting_text_above_keeps_ids_and_verdicts() {
    let sb = Sandbox::new();
    sb.scan(&[REUTERS]);
    let first = sb.review(REUTERS);
    let trips = id_of(&first, "64 round trips");
    hand_mark(
        &sb,
        REUTERS,
        &trips,
        &[("status", "\"verified\""), ("source", "\"Reuters\"")],
    );
    let text = sb.read(REUTERS);
    let (title, body) = text.split_once("\n\n").unwrap();
    sb.write(
        REUTERS,
        &format!("{title}\n\nEditor's note: this story was updated.\n\nIt has been read 90 times.\n\n{body}"),
    );
    sb.scan(&[REUTERS]);
    let after = sb.review(REUTERS);
    let t = by_id(&claims(&after), &trips);
    assert_eq!(s(t, "status"), "verified");
    assert_eq!(s(t, "source"), "Reuters");
    assert_eq!(int(t, "line"), 9);
    assert!(t.get("changed").is_none());
    assert!(retired(&after).is_empty());
    for old in claims(&first) {
        let now = by_id(&claims(&after), s(old, "id"));
        assert_eq!(s(now, "text"), s(old, "text"));
        assert_eq!(s(now, "sentence"), s(old, "sentence"));
    }
    assert_eq!(claims(&after).len(), claims(&first).len() + 1);
}

#[test]
fn moving_paragraphs_keeps_ids_and_verdicts() {
    let sb = Sandbox::new();
    sb.scan(&[REUTERS]);
    let first = sb.review(REUTERS);
    let artillery = id_of(&first, "at least 120 sets of long-range artillery");
    let soldiers = id_of(&first, "over 4000 North Korean soldiers");
    hand_mark(
        &sb,
        REUTERS,
        &artillery,
        &[("status", "\"disputed\""), ("note", "\"ISW counts 80\"")],
    );
    hand_mark(&sb, REUTERS, &soldiers, &[("status", "\"unsourced\"")]);
    let text = sb.read(REUTERS);
    let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
    let first_body = paragraphs.remove(1);
    let last = paragraphs.len();
    paragraphs.insert(last, first_body);
    paragraphs.swap(2, 5);
    sb.write(REUTERS, &paragraphs.join("\n\n"));

    let run = sb.scan(&[REUTERS]);
    assert!(
        run.stdout.contains(": updated positions and details"),
        "{}",
        run.stdout
    );
    let after = sb.review(REUTERS);
    assert_eq!(ids(&claims(&after)).len(), claims(&first).len());
    assert!(retired(&after).is_empty());
    let t = by_id(&claims(&after), &artillery);
    assert_eq!(s(t, "status"), "disputed");
    assert_eq!(s(t, "note"), "ISW counts 80");
    assert_eq!(s(by_id(&claims(&after), &soldiers), "status"), "unsourced");
    let mut before = ids(&claims(&first));
    let mut now = ids(&claims(&after));
    before.sort();
    now.sort();
    assert_eq!(before, now);
    for t in claims(&after) {
        assert!(t.get("changed").is_none());
        assert!(history(t).is_empty());
    }
}

#[test]
fn a_typo_fixed_in_a_reviewed_sentence_flags_it_until_re_marked() {
    let sb = Sandbox::new();
    sb.scan(&[SEOUL]);
    let first = sb.review(SEOUL);
    let missiles = id_of(&first, "dozens of ballistic missiles");
    let containers = id_of(&first, "at least 10,000 containers");
    hand_mark(
        &sb,
        SEOUL,
        &missiles,
        &[("status", "\"verified\""), ("source", "\"Bloomberg\"")],
    );
    sb.edit(SEOUL, "He also mentioned", "He also mentiond");
    sb.scan(&[SEOUL]);
    sb.edit(SEOUL, "He also mentiond", "He also noted");
    // A pending claim whose sentence changes is simply updated.
    sb.edit(SEOUL, "Seoul has discovered", "Seoul has found");
    sb.scan(&[SEOUL]);
    let after = sb.review(SEOUL);
    let t = by_id(&claims(&after), &missiles);
    assert_eq!(s(t, "status"), "verified");
    assert_eq!(s(t, "source"), "Bloomberg");
    assert_eq!(t.get("changed").and_then(toml::Value::as_bool), Some(true));
    assert!(s(t, "sentence").starts_with("He also noted"));
    assert!(
        s(t, "reviewed_sentence").starts_with("He also mentioned"),
        "the sentence that was reviewed, not an intermediate one: {:?}",
        s(t, "reviewed_sentence")
    );
    let p = by_id(&claims(&after), &containers);
    assert_eq!(s(p, "status"), "pending");
    assert!(s(p, "sentence").contains("Seoul has found"));
    assert!(p.get("changed").is_none() && p.get("reviewed_sentence").is_none());
}

#[test]
fn a_changed_figure_or_bound_reopens_the_claim_with_its_history() {
    let sb = Sandbox::new();
    sb.scan(&[SEOUL]);
    let first = sb.review(SEOUL);
    let containers = id_of(&first, "at least 10,000 containers");
    let headline = id_of(&first, "4.8 Million Rounds of Shells");
    hand_mark(
        &sb,
        SEOUL,
        &containers,
        &[
            ("status", "\"verified\""),
            ("source", "\"Bloomberg\""),
            ("reviewer", "\"Kim\""),
        ],
    );
    sb.edit(
        SEOUL,
        "at least 10,000 containers",
        "more than 10,000 containers",
    );
    // A pending claim whose figure changes stays pending, with no history.
    sb.edit(SEOUL, "has Sent 4.8 Million", "has Sent 4.9 Million");
    let run = sb.scan(&[SEOUL]);
    assert!(
        run.stdout.contains("1 back to pending (figure changed)"),
        "{}",
        run.stdout
    );
    let after = sb.review(SEOUL);
    let t = by_id(&claims(&after), &containers);
    assert_eq!(s(t, "bound"), "more_than");
    assert_eq!(s(t, "status"), "pending");
    assert_eq!(s(t, "source"), "");
    let h = history(t);
    assert_eq!(h.len(), 1);
    assert_eq!(s(h[0], "status"), "verified");
    assert_eq!(s(h[0], "source"), "Bloomberg");
    assert_eq!(s(h[0], "reviewer"), "Kim");
    assert_eq!(s(h[0], "text"), "at least 10,000 containers");
    let p = by_id(&claims(&after), &headline);
    assert_eq!(s(p, "text"), "4.9 Million Rounds of Shells");
    assert_eq!(s(p, "status"), "pending");
    assert!(history(p).is_empty());

    // A second change appends to the history; the first entry stays.
    hand_mark(
        &sb,
        SEOUL,
        &containers,
        &[("status", "\"disputed\""), ("note", "\"only 9,000\"")],
    );
    sb.edit(
        SEOUL,
        "more than 10,000 containers",
        "more than 11,000 containers",
    );
    sb.scan(&[SEOUL]);
    let after = sb.review(SEOUL);
    let h = history(by_id(&claims(&after), &containers));
    assert_eq!(h.len(), 2);
    assert_eq!(s(h[0], "status"), "verified");
    assert_eq!(s(h[1], "status"), "disputed");
    assert_eq!(s(h[1], "note"), "only 9,000");
}

#[test]
fn a_claim_that_leaves_is_retired_restored_when_it_returns_and_pruned_on_request() {
    let sb = Sandbox::new();
    sb.scan(&[SEOUL]);
    let original = sb.read(SEOUL);
    let first = sb.review(SEOUL);
    let dozens = id_of(&first, "dozens of ballistic missiles");
    hand_mark(
        &sb,
        SEOUL,
        &dozens,
        &[("status", "\"disputed\""), ("note", "\"NIS says 40\"")],
    );
    let sentence = " He also mentioned that North Korea has already sent dozens of ballistic missiles to Russia to assist Putin in attacking neighboring countries.";
    sb.edit(SEOUL, sentence, "");
    let run = sb.scan(&[SEOUL]);
    assert!(run.stdout.contains("updated: 1 retired"), "{}", run.stdout);
    let after = sb.review(SEOUL);
    assert!(claims(&after).iter().all(|t| s(t, "id") != dozens));
    let r = by_id(&retired(&after), &dozens);
    assert_eq!(s(r, "status"), "disputed");
    assert_eq!(s(r, "note"), "NIS says 40");
    assert_eq!(s(r, "retired_at"), NOW);
    sb.run(&["scan", "--check", SEOUL]).expect(0);

    // Put back, it is the same claim with the same verdict.
    sb.write(SEOUL, &original);
    let run = sb.scan(&[SEOUL]);
    assert!(
        run.stdout.contains("1 restored from retired"),
        "{}",
        run.stdout
    );
    let back = sb.review(SEOUL);
    assert!(retired(&back).is_empty());
    let t = by_id(&claims(&back), &dozens);
    assert_eq!(s(t, "status"), "disputed");
    assert!(t.get("retired_at").is_none());

    // Gone again, then pruned: the retired entry is dropped, the rest is untouched.
    sb.edit(SEOUL, sentence, "");
    sb.scan(&[SEOUL]);
    let with_retired = sb.review(SEOUL);
    assert_eq!(retired(&with_retired).len(), 1);
    let run = sb.scan(&["--prune", SEOUL]);
    assert!(run.stdout.contains("updated: 1 pruned"), "{}", run.stdout);
    let pruned = sb.review(SEOUL);
    assert!(retired(&pruned).is_empty());
    assert!(!sb.review_text(SEOUL).contains("\n[[retired]]\n"));
    assert_eq!(ids(&claims(&pruned)), ids(&claims(&with_retired)));
    let run = sb.scan(&["--prune", SEOUL]);
    assert!(run.stdout.contains("1 unchanged"), "{}", run.stdout);
}

#[test]
fn check_reports_stale_files_with_a_diff_and_changes_nothing() {
    let sb = Sandbox::new();

    // Nothing scanned yet: every file would be created.
    let run = sb.run(&["scan", "--check", "seeds"]).expect(1);
    assert!(run
        .stdout
        .contains("5 of 5 review files out of date; run `factcheck scan`"));
    assert!(run
        .stdout
        .contains("+++ annotations/seeds/000_f2ecfe456393e018.toml (after scan)"));
    assert!(!sb.exists("annotations"));

    sb.scan(&["seeds"]);
    let run = sb.run(&["scan", "--check", "seeds"]).expect(0);
    assert_eq!(run.stdout, "5 review files up to date\n");
    assert_eq!(run.stderr, "");

    let before = sb.review_text(SEOUL);
    let when = sb.age(&review_rel(SEOUL));
    sb.edit(
        SEOUL,
        "at least 10,000 containers",
        "at least 12,000 containers",
    );
    let run = sb.run(&["scan", "--check", "seeds"]).expect(1);
    assert!(run.stdout.contains(
        "--- annotations/seeds/001_4e05fcd575987f34.toml (on disk)\n+++ annotations/seeds/001_4e05fcd575987f34.toml (after scan)\n"
    ), "{}", run.stdout);
    assert!(run
        .stdout
        .contains("\n-text = \"at least 10,000 containers\"\n"));
    assert!(run
        .stdout
        .contains("\n+text = \"at least 12,000 containers\"\n"));
    assert!(run.stdout.contains("1 of 5 review files out of date"));
    assert!(!run.stdout.contains("000_f2ecfe456393e018.toml (on disk)"));
    assert!(
        !run.stdout.contains('\u{1b}'),
        "NO_COLOR output has escapes"
    );
    assert_eq!(sb.review_text(SEOUL), before);
    assert_eq!(sb.mtime(&review_rel(SEOUL)), when);

    sb.scan(&["seeds"]);
    sb.run(&["scan", "--check"]).expect(2);
    sb.run(&["scan", "--check", "seeds"]).expect(0);
}

/// Writes `broken` over the Seoul review file, changes both articles, and checks the broken
/// file is reported at its line (and column, when given) and left alone while the other is
/// still scanned. Returns what the scan printed on stderr.
fn malformed(broken: &str, line: usize, col: Option<usize>, message: &str) -> String {
    let sb = Sandbox::new();
    sb.scan(&[SEOUL, REUTERS]);
    sb.write(&review_rel(SEOUL), broken);
    sb.edit(
        SEOUL,
        "at least 10,000 containers",
        "at least 12,000 containers",
    );
    sb.edit(REUTERS, "64 round trips", "65 round trips");
    let when = sb.age(&review_rel(SEOUL));

    let run = sb.run(&["scan", SEOUL, REUTERS]).expect(2);
    let file = "annotations/seeds/001_4e05fcd575987f34.toml";
    let at = format!("{file}:{line}:");
    let rest = run
        .stderr
        .split_once(&at)
        .unwrap_or_else(|| panic!("want {at:?} in\n{}", run.stderr))
        .1;
    let (column, said) = rest.split_once(": ").expect("file:line:col: message");
    assert!(column.parse::<usize>().is_ok(), "column {column:?}");
    if let Some(col) = col {
        assert_eq!(column, col.to_string(), "{}", run.stderr);
    }
    assert!(
        said.starts_with(message),
        "want {message:?} in\n{}",
        run.stderr
    );
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("\n  help: "), "{}", run.stderr);
    assert!(
        run.stderr.contains("the review file was not changed"),
        "{}",
        run.stderr
    );
    assert_eq!(sb.review_text(SEOUL), broken);
    assert_eq!(sb.mtime(&review_rel(SEOUL)), when);
    assert!(
        run.stdout
            .contains("annotations/seeds/000_f2ecfe456393e018.toml: updated"),
        "{}",
        run.stdout
    );
    assert!(sb.review_text(REUTERS).contains("65 round trips"));

    let check = sb.run(&["scan", "--check", SEOUL]).expect(2);
    assert!(check.stderr.contains(&at), "{}", check.stderr);
    assert_eq!(sb.review_text(SEOUL), broken);
    run.stderr
}

/// The 1-based line and column of the first `needle` in `text`, plus `skip` characters.
fn line_col_of(text: &str, needle: &str, skip: usize) -> (usize, usize) {
    let at = text.find(needle).expect("needle") + skip;
    let line = text[..at].matches('\n').count() + 1;
    let col = text[text[..at].rfind('\n').map_or(0, |k| k + 1)..at]
        .chars()
        .count()
        + 1;
    (line, col)
}

fn seoul_review() -> String {
    let sb = Sandbox::new();
    sb.scan(&[SEOUL]);
    sb.review_text(SEOUL)
}

#[test]
fn malformed_toml_syntax_is_reported_and_left_alone() {
    let text = seoul_review();
    let broken = text.replacen("note = \"\"", "note = \"unterminated", 1);
    let (line, _) = line_col_of(&broken, "note = \"unterminated", 0);
    malformed(&broken, line, None, "TOML syntax error");
}

#[test]
fn an_unknown_status_is_reported_with_the_allowed_values() {
    let text = seoul_review();
    let broken = text.replacen("status = \"pending\"", "status = \"verifed\"", 1);
    let (line, col) = line_col_of(&broken, "status = \"verifed\"", "status = ".len());
    let stderr = malformed(&broken, line, Some(col), "unknown status \"verifed\"");
    assert!(stderr.contains("did you mean \"verified\"?"), "{stderr}");
}

#[test]
fn a_duplicate_id_is_reported() {
    let text = seoul_review();
    let review: toml::Table = toml::from_str(&text).unwrap();
    let ids = ids(&claims(&review));
    let second = format!("id = \"{}\"", ids[1]);
    let (line, col) = line_col_of(&text, &second, "id = ".len());
    let broken = text.replacen(&second, &format!("id = \"{}\"", ids[0]), 1);
    malformed(
        &broken,
        line,
        Some(col),
        &format!("duplicate claim id \"{}\"", ids[0]),
    );
}

#[test]
fn git_conflict_markers_are_reported() {
    let text = seoul_review();
    let (line, _) = line_col_of(&text, "status = \"pending\"", 0);
    let broken = text.replacen(
        "status = \"pending\"\n",
        "<<<<<<< HEAD\nstatus = \"verified\"\n=======\nstatus = \"disputed\"\n>>>>>>> desk\n",
        1,
    );
    malformed(&broken, line, Some(1), "unresolved git conflict marker");
}

#[test]
fn a_config_at_the_root_lists_articles_and_the_review_directory() {
    let sb = Sandbox::new();
    sb.write(
        "factcheck.toml",
        "# ours\narticles = [\"seeds/*.txt\", \"drafts/**/*.md\"]\nannotations = \"reviews\"\n",
    );
    sb.write("drafts/x/a.md", "# A\n\nThe city runs 450 buses.\n");
    sb.write("elsewhere/b.md", "# B\n\nThe city runs 12 trams.\n");
    std::fs::create_dir_all(sb.path("seeds/deep")).unwrap();
    let run = sb.run_in("seeds/deep", &["scan"]).expect(0);
    assert!(
        run.stdout
            .contains("scanned 6 articles: 6 created, 0 updated, 0 unchanged"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("reviews/drafts/x/a.md.toml: created, 1 claim\n"));
    assert!(sb.exists("reviews/seeds/000_f2ecfe456393e018.toml"));
    assert!(sb.exists("reviews/drafts/x/a.md.toml"));
    assert!(!sb.exists("reviews/elsewhere"));
    assert!(!sb.exists("annotations"));
    assert!(!sb.exists("seeds/deep/annotations"));
    sb.run_in("drafts", &["scan", "--check"]).expect(0);

    // A path given on the command line is resolved from the current directory.
    sb.edit("drafts/x/a.md", "450 buses", "460 buses");
    let run = sb.run_in("drafts/x", &["scan", "a.md"]).expect(0);
    assert!(
        run.stdout.contains("reviews/drafts/x/a.md.toml: updated"),
        "{}",
        run.stdout
    );
}

#[test]
fn without_a_config_scan_needs_paths_and_writes_under_the_current_directory() {
    let sb = Sandbox::new();
    let run = sb.run(&["scan"]).expect(2);
    assert!(
        run.stderr.contains("no factcheck.toml found"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: "), "{}", run.stderr);
    sb.scan(&[SEOUL]);
    assert!(sb.exists("annotations/seeds/001_4e05fcd575987f34.toml"));
}

#[test]
fn init_writes_a_commented_default_and_will_not_overwrite_it() {
    let sb = Sandbox::new();
    let run = sb.run(&["init"]).expect(0);
    assert!(run.stdout.contains("wrote factcheck.toml"));
    let text = sb.read("factcheck.toml");
    assert!(text.starts_with("# "));
    assert!(
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            > 5
    );
    let config: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(config["annotations"].as_str(), Some("annotations"));
    assert!(config["articles"].as_array().is_some_and(|a| !a.is_empty()));

    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    let run = sb.run(&["init"]).expect(2);
    assert!(
        run.stderr.contains("factcheck.toml already exists"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(sb.read("factcheck.toml"), "articles = [\"seeds/*.txt\"]\n");
    sb.run(&["init", "--force"]).expect(0);
    assert_eq!(sb.read("factcheck.toml"), text);
}

#[test]
fn paths_outside_the_repository_are_refused() {
    let outer = tempfile::tempdir().unwrap();
    let outside = outer.path().join("elsewhere.txt");
    std::fs::write(&outside, "It has 12 rooms.\n").unwrap();
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");

    let run = sb.run(&["scan", outside.to_str().unwrap()]).expect(2);
    assert!(
        run.stderr.contains("outside the repository"),
        "{}",
        run.stderr
    );
    let run = sb.run(&["scan", "../elsewhere.txt"]).expect(2);
    assert!(
        run.stderr
            .contains("error: ../elsewhere.txt: outside the repository root"),
        "{}",
        run.stderr
    );
    assert!(!sb.exists("annotations"));
    assert!(!outer.path().join("annotations").exists());

    // One bad path does not stop the good ones, but the exit status says so.
    sb.run(&["scan", "../elsewhere.txt", SEOUL]).expect(2);
    assert!(sb.exists(&review_rel(SEOUL)));

    // A glob that climbs out of the root.
    sb.write("factcheck.toml", "articles = [\"../*.txt\"]\n");
    let run = sb.run(&["scan"]).expect(2);
    assert!(
        run.stderr
            .contains("article glob `../*.txt` leads outside the repository"),
        "{}",
        run.stderr
    );
    sb.write("factcheck.toml", "articles = [\"seeds/../../*.txt\"]\n");
    sb.run(&["scan"]).expect(2);

    // A review directory outside the root.
    let escape = format!(
        "../{}-reviews",
        sb.root().file_name().unwrap().to_string_lossy()
    );
    sb.write(
        "factcheck.toml",
        &format!("articles = [\"seeds/*.txt\"]\nannotations = \"{escape}\"\n"),
    );
    let run = sb.run(&["scan"]).expect(2);
    assert!(
        run.stderr.contains("outside the repository"),
        "{}",
        run.stderr
    );
    assert!(!sb.path(&escape).exists());
}

#[test]
fn an_inline_comment_on_a_reopened_claims_status_survives() {
    let sb = Sandbox::new();
    sb.scan(&[SEOUL]);
    let id = id_of(&sb.review(SEOUL), "at least 10,000 containers");
    hand_mark(
        &sb,
        SEOUL,
        &id,
        &[("status", "\"disputed\" # the ministry disagrees")],
    );
    sb.edit(
        SEOUL,
        "at least 10,000 containers",
        "at least 12,000 containers",
    );
    sb.scan(&[SEOUL]);
    let text = sb.review_text(SEOUL);
    assert_eq!(
        s(by_id(&claims(&sb.review(SEOUL)), &id), "status"),
        "pending"
    );
    assert!(
        text.contains("# the ministry disagrees"),
        "the reviewer's comment was dropped:\n{}",
        block(&text, &id)
    );
}

#[test]
fn a_review_file_with_crlf_line_endings_is_not_rewritten() {
    let sb = Sandbox::new();
    sb.scan(&[SEOUL]);
    let crlf = sb.review_text(SEOUL).replace('\n', "\r\n");
    sb.write(&review_rel(SEOUL), &crlf);
    let when = sb.age(&review_rel(SEOUL));
    let run = sb.run(&["scan", "--check", SEOUL]);
    assert_eq!(run.code, 0, "--check calls it stale:\n{}", run.stdout);
    let run = sb.scan(&[SEOUL]);
    assert!(run.stdout.contains("1 unchanged"), "{}", run.stdout);
    assert_eq!(sb.read(&review_rel(SEOUL)), crlf);
    assert_eq!(sb.mtime(&review_rel(SEOUL)), when);
}
