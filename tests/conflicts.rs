//! `factcheck conflicts` on the seeds: the figures the five articles give for containers,
//! shells, shipments and North Korean troops are grouped, and nothing unrelated is mixed.

mod util;

use serde_json::Value;
use util::{Sandbox, SEEDS};

fn groups(sb: &Sandbox) -> Vec<Value> {
    let run = sb.run(&["conflicts", "--format", "json"]).expect(1);
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

    let rounds = texts(group(&groups, "round of ammunition"));
    for expected in [
        "4.8 million rounds of ammunition",
        "up to 4.8 million artillery shells",
        "1.6 million artillery shells",
        "3 million artillery shells",
        "millions of shells",
    ] {
        assert!(
            rounds.iter().any(|t| t == expected),
            "{expected} missing from {rounds:?}"
        );
    }
    assert!(
        rounds.iter().all(|t| !t.contains("container")),
        "{rounds:?}"
    );

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
fn compatible_and_disagreeing_figures_are_told_apart() {
    let sb = seeded();
    let groups = groups(&sb);
    assert_eq!(group(&groups, "north korean soldier")["compatible"], true);
    let rounds = group(&groups, "round of ammunition");
    assert_eq!(rounds["compatible"], false);
    let figures = rounds["figures"].as_array().unwrap();
    let index = |v: f64, bound: &str| {
        figures
            .iter()
            .position(|f| f["value"].as_f64() == Some(v) && f["bound"] == bound)
            .unwrap()
    };
    let pairs: Vec<(usize, usize)> = rounds["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["a"].as_u64().unwrap() as usize,
                d["b"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    let (big, small) = (index(4_800_000.0, "exact"), index(1_600_000.0, "exact"));
    assert!(
        pairs.contains(&(big.min(small), big.max(small))),
        "4.8 million and 1.6 million should disagree"
    );
    let up_to = index(4_800_000.0, "at_most");
    assert!(
        !pairs.contains(&(up_to.min(small), up_to.max(small))),
        "up to 4.8 million allows 1.6 million"
    );
    let containers = group(&groups, "container")["figures"]
        .as_array()
        .unwrap()
        .clone();
    let at_least = containers
        .iter()
        .position(|f| f["bound"] == "at_least")
        .unwrap();
    let more_than = containers
        .iter()
        .position(|f| f["bound"] == "more_than")
        .unwrap();
    let disagreements = group(&groups, "container")["disagreements"]
        .as_array()
        .unwrap()
        .clone();
    assert!(!disagreements
        .iter()
        .any(|d| [d["a"].as_u64(), d["b"].as_u64()]
            == [
                Some(at_least.min(more_than) as u64),
                Some(at_least.max(more_than) as u64)
            ]));
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
        run.stdout.starts_with("round of ammunition: "),
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
