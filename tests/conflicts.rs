//! `factcheck conflicts` on the seeds and on articles of its own: the figures the articles give
//! for one fact are grouped by thing, story and scope, ranked, acknowledged and reopened, and
//! gate `check` when the policy asks; nothing unrelated is mixed.

mod util;

use serde_json::Value;
use util::{Sandbox, SEEDS};

fn groups(sb: &Sandbox) -> Vec<Value> {
    let run = sb.run(&["conflicts", "--format", "json"]);
    assert!(matches!(run.code, 0 | 1), "{run:?}");
    serde_json::from_str::<Value>(&run.stdout).expect("json")["groups"]
        .as_array()
        .expect("groups")
        .clone()
}

/// The claim texts of a group, sorted.
fn texts(group: &Value) -> Vec<String> {
    let mut out: Vec<String> = group["figures"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["occurrences"].as_array().unwrap().iter())
        .map(|o| o["text"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

fn group<'a>(groups: &'a [Value], thing: &str) -> &'a Value {
    groups
        .iter()
        .find(|g| g["thing"] == thing)
        .unwrap_or_else(|| panic!("no group {thing}: {groups:?}"))
}

fn seeded() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"seeds/*.txt\"]\n");
    sb.scan(&[]);
    sb
}

/// The figure and claim texts of the pairs of a group that cannot both be true.
fn disagreeing(group: &Value) -> Vec<(String, String)> {
    let figures = group["figures"].as_array().unwrap();
    let first = |k: &Value| {
        figures[k.as_u64().unwrap() as usize]["occurrences"][0]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    group["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (first(&d["a"]), first(&d["b"])))
        .collect()
}

#[test]
fn the_seed_figures_fall_into_the_expected_groups() {
    let sb = seeded();
    let groups = groups(&sb);

    let containers = group(&groups, "container");
    assert_eq!(
        texts(containers),
        [
            "at least 10,000 containers",
            "at least 10,000 sea containers",
            "more than 11,000 containers of ammunition",
            "more than 11,000 containers of ammunition",
            "nearly 16,000 containers",
            "thousands of containers",
        ]
    );

    let rounds = group(&groups, "round of ammunition");
    let round_texts = texts(rounds);
    for expected in [
        "4.8 million rounds of ammunition",
        "up to 4.8 million artillery shells",
        "1.6 million artillery shells",
        "3 million artillery shells",
        "millions of shells",
    ] {
        assert!(
            round_texts.iter().any(|t| t == expected),
            "{expected} missing from {round_texts:?}"
        );
    }
    assert!(
        round_texts.iter().all(|t| !t.contains("container")),
        "{round_texts:?}"
    );
    let annual = rounds["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["occurrences"][0]["text"] == "3 million artillery shells")
        .unwrap();
    assert_eq!(annual["scope"]["rate"], "a year", "{annual}");

    assert_eq!(
        texts(group(&groups, "shipment")),
        [
            "27 shipments of ammunition",
            "64 round trips",
            "64 shipments"
        ]
    );
    assert_eq!(
        texts(group(&groups, "north korean soldier")),
        [
            "over 4000 North Korean soldiers",
            "thousands of North Korean troops"
        ]
    );
}

#[test]
fn only_figures_of_one_scope_that_cannot_meet_are_called_contradictory() {
    let sb = seeded();
    let groups = groups(&sb);
    let open: Vec<&str> = groups
        .iter()
        .filter(|g| g["state"] == "open")
        .map(|g| g["thing"].as_str().unwrap())
        .collect();
    assert_eq!(open, ["round of ammunition", "shipment"], "{groups:?}");
    for thing in ["container", "north korean soldier"] {
        let g = group(&groups, thing);
        assert_eq!(g["compatible"], true, "{g}");
        assert_eq!(g["state"], "compatible");
    }
    let rounds = disagreeing(group(&groups, "round of ammunition"));
    assert_eq!(
        rounds,
        [(
            "4.8 Million Rounds of Shells".to_string(),
            "1.6 million artillery shells".to_string()
        )],
        "the annual 3 million is another scope, and up to 4.8 million allows 1.6 million"
    );
    assert_eq!(
        disagreeing(group(&groups, "shipment")),
        [(
            "64 round trips".to_string(),
            "27 shipments of ammunition".to_string()
        )]
    );
}

#[test]
fn groups_come_most_divergent_first_and_every_format_names_the_claims() {
    let sb = seeded();
    let groups = groups(&sb);
    let spreads: Vec<f64> = groups
        .iter()
        .map(|g| g["spread"].as_f64().unwrap())
        .collect();
    assert!(spreads.windows(2).all(|w| w[0] >= w[1]), "{spreads:?}");
    assert_eq!(groups[0]["thing"], "round of ammunition");
    assert_eq!(spreads[0], 3.0, "4.8 million over 1.6 million");

    let rounds = group(&groups, "round of ammunition");
    let id = rounds["id"].as_str().unwrap();
    let occurrence = rounds["figures"][0]["occurrences"][1].clone();
    assert_eq!(occurrence["path"], SEEDS[1]);
    assert_eq!(occurrence["status"], "pending");
    let claim = occurrence["claim_id"].as_str().unwrap();
    let attribution = occurrence["attribution"].as_str().unwrap();

    let human = sb.run(&["conflicts"]).expect(1).stdout;
    assert!(
        human.starts_with(&format!("[{id}] round of ammunition: ")),
        "{human}"
    );
    let place = format!("{}:3 ", SEEDS[1]);
    assert!(
        human
            .lines()
            .any(|l| l.contains(&place) && l.contains(&format!(" {claim}  pending "))),
        "{human}"
    );
    assert!(human.contains(&format!("per {attribution}")), "{human}");
    assert!(human.contains("3 million · a year"), "{human}");
    assert!(
        human.contains(&format!("factcheck conflicts --ack {id} --note")),
        "{human}"
    );
    assert!(
        human
            .ends_with("4 groups of differing figures: 2 open, 0 acknowledged, 2 all compatible\n"),
        "{human}"
    );

    let markdown = sb
        .run(&["conflicts", "--format", "markdown"])
        .expect(1)
        .stdout;
    assert!(
        markdown.contains(&format!("### `{id}` round of ammunition")),
        "{markdown}"
    );
    assert!(
        markdown.contains(&format!("| `{}:3` | `{claim}` |", SEEDS[1])),
        "{markdown}"
    );
    assert!(markdown.contains(attribution), "{markdown}");
}

fn ack(sb: &Sandbox, id: &str, note: &str) -> util::Run {
    sb.run(&["conflicts", "--ack", id, "--note", note, "--reviewer", "ed"])
}

fn id_of_group(sb: &Sandbox, thing: &str) -> String {
    group(&groups(sb), thing)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn an_acknowledged_group_is_settled_until_a_figure_changes() {
    let sb = seeded();
    let shipments = id_of_group(&sb, "shipment");
    let run = ack(
        &sb,
        &shipments,
        "different windows: September to March, and C4ADS's",
    )
    .expect(0);
    assert_eq!(
        run.stdout,
        format!(
            "recorded in annotations/conflicts.toml: {shipments} (shipment) acknowledged by ed\n"
        )
    );
    let decisions = sb.read("annotations/conflicts.toml");
    assert!(
        decisions.contains(&format!("id = \"{shipments}\"")),
        "{decisions}"
    );
    assert!(decisions.contains("reviewer = \"ed\""), "{decisions}");
    assert!(
        decisions.contains(&format!("acknowledged_at = \"{}\"", util::NOW)),
        "{decisions}"
    );
    assert!(
        decisions.contains("text = \"27 shipments of ammunition\""),
        "{decisions}"
    );

    // Still one open group: the rounds.
    let human = sb.run(&["conflicts"]).expect(1).stdout;
    assert!(
        human.contains("acknowledged by ed at 2025-03-01T12:00:00Z: different windows"),
        "{human}"
    );
    assert!(
        human.contains("1 open, 1 acknowledged, 2 all compatible"),
        "{human}"
    );
    let hidden = sb
        .run(&["conflicts", "--hide-acknowledged"])
        .expect(1)
        .stdout;
    assert!(!hidden.contains(&shipments), "{hidden}");
    assert!(hidden.contains("(acknowledged ones not shown)"), "{hidden}");

    // A hand comment and a hand key survive a second acknowledgement.
    let with_comment = decisions
        .replace("note = ", "# asked C4ADS on 3 March\nnote = ")
        .replace(
            "thing = \"shipment\"",
            "thing = \"shipment\"\nticket = \"NEWS-12\"",
        );
    sb.write("annotations/conflicts.toml", &with_comment);
    let bad = sb.run(&["conflicts"]).expect(2);
    assert!(
        bad.stderr.contains("annotations/conflicts.toml:"),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stderr.contains("unknown key `ticket` in [[conflict]]"),
        "{}",
        bad.stderr
    );
    sb.write(
        "annotations/conflicts.toml",
        &decisions.replace("note = ", "# asked C4ADS on 3 March\nnote = "),
    );
    let rounds = id_of_group(&sb, "round of ammunition");
    ack(
        &sb,
        &rounds,
        "4.8 million is what the containers could carry",
    )
    .expect(0);
    ack(&sb, &shipments, "different windows, confirmed").expect(0);
    let decisions = sb.read("annotations/conflicts.toml");
    assert!(
        decisions.contains("# asked C4ADS on 3 March\nnote = \"different windows, confirmed\""),
        "{decisions}"
    );
    assert_eq!(
        decisions.matches("[[conflict]]").count(),
        3,
        "the header mentions it once: {decisions}"
    );

    // Every disagreement explained: exit 0.
    let all = sb.run(&["conflicts"]).expect(0).stdout;
    assert!(all.contains("0 open, 2 acknowledged"), "{all}");

    // A changed figure reopens its group, with the old note shown.
    sb.edit(SEEDS[4], "probably 27 shipments", "probably 29 shipments");
    sb.scan(&[]);
    let reopened = sb.run(&["conflicts"]).expect(1).stdout;
    assert!(
        reopened.contains("reopened: a figure joined or changed since it was acknowledged by ed"),
        "{reopened}"
    );
    let json = groups(&sb);
    let g = group(&json, "shipment");
    assert_eq!(g["state"], "open");
    assert_eq!(g["reopened"], true);
}

#[test]
fn acknowledging_refuses_unknown_ids_empty_notes_and_agreeing_groups() {
    let sb = seeded();
    let shipments = id_of_group(&sb, "shipment");
    let typo = &shipments[..shipments.len() - 1];
    let run = ack(&sb, typo, "x").expect(2);
    assert!(
        run.stderr.contains(&format!(
            "no group of differing figures has the id `{typo}`"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("did you mean `{shipments}`?")),
        "{}",
        run.stderr
    );
    let containers = id_of_group(&sb, "container");
    let run = ack(&sb, &containers, "x").expect(2);
    assert!(
        run.stderr
            .contains("can all be true: there is nothing to acknowledge"),
        "{}",
        run.stderr
    );
    let run = ack(&sb, &shipments, "  ").expect(2);
    assert!(run.stderr.contains("the note is empty"), "{}", run.stderr);
    let run = sb.run(&["conflicts", "--note", "x"]).expect(2);
    assert!(run.stderr.contains("--ack"), "{}", run.stderr);
    assert!(!sb.exists("annotations/conflicts.toml"));
    sb.write(
        "annotations/conflicts.toml",
        "[[conflict]]\nid = \"a\"\nnote = \"unfinished\n",
    );
    let run = sb.run(&["conflicts"]).expect(2);
    assert!(
        run.stderr.contains("annotations/conflicts.toml:3:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("TOML syntax error"), "{}", run.stderr);
    assert_eq!(
        sb.read("annotations/conflicts.toml"),
        "[[conflict]]\nid = \"a\"\nnote = \"unfinished\n"
    );
}

#[test]
fn check_fails_on_unexplained_conflicts_only_when_the_policy_asks() {
    let sb = seeded();
    sb.write(
        "factcheck.toml",
        "articles = [\"seeds/*.txt\"]\n[check]\nfail = []\n",
    );
    sb.run(&["check"]).expect(0);
    sb.write(
        "factcheck.toml",
        "articles = [\"seeds/*.txt\"]\n[check]\nfail = []\nconflicts = true\n",
    );
    let run = sb.run(&["check"]).expect(1);
    assert!(
        run.stdout
            .contains(&format!("{}:27:69: figures disagree", SEEDS[4])),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("cannot also be true with \"64 round trips\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("to fix:\n  factcheck conflicts\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("  factcheck conflicts\n").count(),
        1,
        "{}",
        run.stdout
    );
    let json: Value =
        serde_json::from_str(&sb.run(&["check", "--format", "json"]).expect(1).stdout).unwrap();
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.iter().all(|c| *c == "figures-disagree") && codes.len() == 7,
        "{codes:?}"
    );

    ack(&sb, &id_of_group(&sb, "shipment"), "two windows").expect(0);
    ack(
        &sb,
        &id_of_group(&sb, "round of ammunition"),
        "capacity, not shipments",
    )
    .expect(0);
    sb.run(&["check"]).expect(0);
    // Among the checked articles only: one article alone has nobody to disagree with.
    sb.edit(SEEDS[4], "probably 27 shipments", "probably 29 shipments");
    sb.scan(&[]);
    sb.run(&["check"]).expect(1);
    sb.run(&["check", SEEDS[4]]).expect(0);
}

#[test]
fn a_story_of_its_own_is_read_from_other_phrasing() {
    let sb = Sandbox::new();
    sb.write("factcheck.toml", "articles = [\"news/*.md\"]\n");
    sb.write(
        "news/a.md",
        "# Floods in Valencia\n\nAt least 200 people were killed in Valencia, Spanish officials said on Friday, as the Turia burst its banks.\n\nHalf of the region's farms were flooded.\n",
    );
    sb.write(
        "news/b.md",
        "# Valencia counts the cost\n\nThe floods in Valencia have left 95 people killed, the Turia basin authority said, and 40 bridges down.\n",
    );
    sb.write(
        "news/c.md",
        "# Cup final\n\nMadrid won 3-1 in front of 60,000 fans; 95 people were killed by nothing at all here, says the Bernabeu.\n",
    );
    sb.write(
        "news/d.md",
        "# Valencia's bridges\n\nEngineers in Valencia say 12 bridges a year need repair along the Turia.\n",
    );
    sb.scan(&[]);
    let groups = groups(&sb);
    assert_eq!(groups.len(), 2, "{groups:?}");
    let killed = group(&groups, "people (killed)");
    assert_eq!(texts(killed), ["95 people", "At least 200 people"]);
    assert_eq!(killed["state"], "open");
    let bridges = group(&groups, "bridge");
    assert_eq!(
        bridges["state"], "compatible",
        "12 a year is another scope than 40: {bridges}"
    );
}

#[test]
fn no_group_mixes_unrelated_things() {
    let sb = seeded();
    let groups = groups(&sb);
    assert!(groups.len() >= 4, "{groups:?}");
    for g in groups {
        let all = texts(&g).join(" | ").to_lowercase();
        let mixes_time_and_people = all.contains("months") && all.contains("personnel");
        let mixes_shells_and_containers = all.contains("shells") && all.contains("containers");
        let mixes_nations = all.contains("north korean") && all.contains("russian");
        assert!(
            !mixes_time_and_people && !mixes_shells_and_containers && !mixes_nations,
            "{}: {all}",
            g["thing"]
        );
    }
}

#[test]
fn the_human_report_lists_most_divergent_first_and_mark_suggests_a_verified_source() {
    let sb = seeded();
    let run = sb.run(&["conflicts"]).expect(1);
    assert!(
        run.stdout.starts_with("[round-of-ammunition-"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("cannot both be true:"));

    let first = util::review_rel(SEEDS[1]);
    let review = sb.review(SEEDS[1]);
    let id_of = |review: &toml::Table, text: &str| -> String {
        review["claim"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["text"].as_str() == Some(text))
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let verified = id_of(&review, "at least 10,000 containers");
    sb.run(&[
        "mark",
        &first,
        &verified,
        "--status",
        "verified",
        "--source",
        "Bloomberg, 14 June 2024",
        "--reviewer",
        "ed",
    ])
    .expect(0);
    let other = id_of(&sb.review(SEEDS[3]), "at least 10,000 sea containers");
    let run = sb
        .run(&[
            "mark",
            SEEDS[3],
            &other,
            "--status",
            "verified",
            "--reviewer",
            "ed",
        ])
        .expect(2);
    assert!(run.stderr.contains("suggested source (verified in seeds/001_4e05fcd575987f34.txt:5): Bloomberg, 14 June 2024"), "{}", run.stderr);
    let claims = sb.run(&["status", SEEDS[3], "--claims"]).expect(0).stdout;
    assert!(claims.contains("same thing elsewhere: "), "{claims}");
    assert!(
        claims.contains("suggested source (verified in seeds/001_4e05fcd575987f34.txt:5)"),
        "{claims}"
    );
}

/// The BBC archive beside the project (`../shared/corpus/bbc`), when it is there: 2,225
/// articles of five desks, many of them on the same stories.
#[test]
fn the_bbc_archive_has_a_few_dozen_disagreements_at_most() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is not there", corpus.display());
        return;
    }
    let sb = Sandbox::new();
    let desks = std::fs::read_dir(&corpus).unwrap().flatten();
    for desk in desks.filter(|d| d.path().is_dir()) {
        for file in std::fs::read_dir(desk.path()).unwrap().flatten() {
            let rel = format!(
                "articles/{}/{}",
                desk.file_name().to_string_lossy(),
                file.file_name().to_string_lossy()
            );
            std::fs::create_dir_all(sb.path(&rel).parent().unwrap()).unwrap();
            std::fs::copy(file.path(), sb.path(&rel)).unwrap();
        }
    }
    sb.write("factcheck.toml", "articles = [\"articles/**/*.txt\"]\n");
    // One article is not UTF-8: it is reported, and the others are scanned.
    let scan = sb.run(&["scan", "-q"]).expect(2);
    assert!(
        scan.stderr
            .contains("articles/sport/199.txt: not valid UTF-8"),
        "{}",
        scan.stderr
    );
    let run = sb.run(&["conflicts", "--format", "json"]).expect(1);
    let groups = serde_json::from_str::<Value>(&run.stdout).unwrap()["groups"]
        .as_array()
        .unwrap()
        .clone();
    let open: Vec<&Value> = groups.iter().filter(|g| g["state"] == "open").collect();
    eprintln!("{} groups, {} of them open", groups.len(), open.len());
    assert!(
        !open.is_empty() && open.len() <= 36,
        "{} open groups",
        open.len()
    );
    for g in &groups {
        let thing = g["thing"].as_str().unwrap();
        for word in ["faster", "fewer", "point", "rand", "won", "than"] {
            assert!(!thing.split(' ').any(|w| w == word), "{thing}");
        }
        let articles: std::collections::HashSet<&str> = g["figures"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["occurrences"].as_array().unwrap())
            .map(|o| o["path"].as_str().unwrap())
            .collect();
        assert!(articles.len() >= 2, "{g}");
    }
}
