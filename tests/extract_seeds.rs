//! The claims of the five seed articles, as an editor reading every sentence would list them,
//! and the dates, times, names and counters that must not be claims.

use factcheck::extract::{extract, Bound, Bound::*, Claim, Format, Kind, Kind::*};

type Expected = (&'static str, f64, &'static str, Bound, Kind);

fn claims(text: &str) -> Vec<Claim> {
    extract(text, Format::Plain)
}

/// Asserts the exact list of (text, value, unit, bound, kind).
fn assert_claims(text: &str, expected: &[Expected]) {
    let got: Vec<Expected> = claims(text)
        .into_iter()
        .map(|c| {
            let text: &'static str = Box::leak(c.text.into_boxed_str());
            let unit: &'static str = Box::leak(c.unit.into_boxed_str());
            (text, c.value, unit, c.bound, c.kind)
        })
        .collect();
    let same = got.len() == expected.len()
        && got.iter().zip(expected).all(|(g, e)| {
            g.0 == e.0
                && (g.1 - e.1).abs() <= 1e-9 * e.1.abs()
                && g.2 == e.2
                && g.3 == e.3
                && g.4 == e.4
        });
    assert!(same, "expected:\n{expected:#?}\ngot:\n{got:#?}");
}

/// Asserts that no claim overlaps any occurrence of `phrase` in `text`.
fn assert_absent(text: &str, phrases: &[&str]) {
    let found = claims(text);
    for phrase in phrases {
        let spans: Vec<usize> = text.match_indices(phrase).map(|(at, _)| at).collect();
        assert!(!spans.is_empty(), "{phrase:?} is not in the seed");
        for at in spans {
            let end = at + phrase.len();
            if let Some(c) = found.iter().find(|c| c.start < end && at < c.end) {
                panic!("{phrase:?} is not a claim, got {:?}", c.text);
            }
        }
    }
}

const SEED_000: &str = include_str!("../seeds/000_f2ecfe456393e018.txt");

#[test]
fn seed_000_claims() {
    assert_claims(
        SEED_000,
        &[
            ("Thousands of Soldiers", 2000.0, "Soldiers", Vague, Count),
            ("Millions of Bullets", 2000000.0, "Bullets", Vague, Count),
            ("millions of shells", 2000000.0, "shells", Vague, Count),
            ("four cargo ships", 4.0, "cargo ships", Exact, Count),
            ("64 round trips", 64.0, "round trips", Exact, Count),
            ("seventy percent", 70.0, "%", Exact, Percent),
            (
                "at least 120 sets of long-range artillery",
                120.0,
                "sets of long-range artillery",
                AtLeast,
                Count,
            ),
            (
                "120 sets of multiple rocket systems",
                120.0,
                "sets of multiple rocket systems",
                Exact,
                Count,
            ),
            (
                "over 4000 North Korean soldiers",
                4000.0,
                "North Korean soldiers",
                MoreThan,
                Count,
            ),
            ("3000", 3000.0, "", Exact, Count),
        ],
    );
}

#[test]
fn seed_000_non_claims() {
    assert_absent(
        SEED_000,
        &[
            "September 2023",
            "April 14th",
            "one of the most",
            "at one point",
            "Maia-1",
        ],
    );
}

const SEED_001: &str = include_str!("../seeds/001_4e05fcd575987f34.txt");

#[test]
fn seed_001_claims() {
    assert_claims(
        SEED_001,
        &[
            (
                "4.8 Million Rounds of Shells",
                4800000.0,
                "Rounds of Shells",
                Exact,
                Count,
            ),
            (
                "4.8 million rounds of ammunition",
                4800000.0,
                "rounds of ammunition",
                Exact,
                Count,
            ),
            (
                "at least 10,000 containers",
                10000.0,
                "containers",
                AtLeast,
                Count,
            ),
            (
                "4.8 million rounds of ammunition",
                4800000.0,
                "rounds of ammunition",
                Exact,
                Count,
            ),
            (
                "dozens of ballistic missiles",
                24.0,
                "ballistic missiles",
                Vague,
                Count,
            ),
            ("billions of dollars", 2000000000.0, "USD", Vague, Money),
            (
                "one-tenth of the invading Russian forces",
                0.1,
                "invading Russian forces",
                Exact,
                Fraction,
            ),
            (
                "one million rounds of ammunition",
                1000000.0,
                "rounds of ammunition",
                Exact,
                Count,
            ),
        ],
    );
}

#[test]
fn seed_001_non_claims() {
    assert_absent(SEED_001, &["July 2000", "the two countries"]);
}

const SEED_002: &str = include_str!("../seeds/002_2f03f44ce45c4b05.txt");

#[test]
fn seed_002_claims() {
    assert_claims(
        SEED_002,
        &[
            (
                "millions of rounds of artillery",
                2000000.0,
                "rounds of artillery",
                Vague,
                Count,
            ),
            (
                "more than half of Russia’s ammunition",
                0.5,
                "Russia’s ammunition",
                MoreThan,
                Fraction,
            ),
            ("64 shipments", 64.0, "shipments", Exact, Count),
            ("20 months", 20.0, "months", Exact, Duration),
            (
                "nearly 16,000 containers",
                16000.0,
                "containers",
                Approx,
                Count,
            ),
            (
                "millions of artillery rounds",
                2000000.0,
                "artillery rounds",
                Vague,
                Count,
            ),
            (
                "thousands of North Korean troops",
                2000.0,
                "North Korean troops",
                Vague,
                Count,
            ),
        ],
    );
}

#[test]
fn seed_002_non_claims() {
    assert_absent(SEED_002, &["since 2023", "March 17", "Of the two"]);
}

const SEED_003: &str = include_str!("../seeds/003_673378493a6c0162.txt");

#[test]
fn seed_003_claims() {
    assert_claims(
        SEED_003,
        &[
            (
                "half of all Russian artillery shells",
                0.5,
                "Russian artillery shells",
                Exact,
                Fraction,
            ),
            ("approximately half", 0.5, "", Approx, Fraction),
            (
                "3 million artillery shells",
                3000000.0,
                "artillery shells",
                Exact,
                Count,
            ),
            ("24 years", 24.0, "years", Exact, Duration),
            (
                "at least 10,000 sea containers",
                10000.0,
                "sea containers",
                AtLeast,
                Count,
            ),
            (
                "up to 4.8 million artillery shells",
                4800000.0,
                "artillery shells",
                AtMost,
                Count,
            ),
            (
                "over 20 military personnel",
                20.0,
                "military personnel",
                MoreThan,
                Count,
            ),
            (
                "six North Korean officers",
                6.0,
                "North Korean officers",
                Exact,
                Count,
            ),
            (
                "three North Korean soldiers",
                3.0,
                "North Korean soldiers",
                Exact,
                Count,
            ),
        ],
    );
}

#[test]
fn seed_003_non_claims() {
    assert_absent(SEED_003, &["70th", "February 2022"]);
}

const SEED_004: &str = include_str!("../seeds/004_b0d2ffd4993b0c16.txt");

#[test]
fn seed_004_claims() {
    assert_claims(
        SEED_004,
        &[
            (
                "1.6 million artillery shells",
                1600000.0,
                "artillery shells",
                Exact,
                Count,
            ),
            (
                "1.6 million artillery shells",
                1600000.0,
                "artillery shells",
                Exact,
                Count,
            ),
            (
                "more than 11,000 containers of ammunition",
                11000.0,
                "containers of ammunition",
                MoreThan,
                Count,
            ),
            (
                "more than 11,000 containers of ammunition",
                11000.0,
                "containers of ammunition",
                MoreThan,
                Count,
            ),
            (
                "more than 74,000 metric tons",
                74000.0,
                "metric tons",
                MoreThan,
                Measure,
            ),
            ("two ports", 2.0, "ports", Exact, Count),
            (
                "about 1.6 million artillery shells",
                1600000.0,
                "artillery shells",
                Approx,
                Count,
            ),
            ("7 North Korean", 7.0, "North Korean vessels", Exact, Count),
            ("2 russian vessels", 2.0, "russian vessels", Exact, Count),
            (
                "27 shipments of ammunition",
                27.0,
                "shipments of ammunition",
                Exact,
                Count,
            ),
            (
                "thousands of containers",
                2000.0,
                "containers",
                Vague,
                Count,
            ),
            ("16 sites", 16.0, "sites", Exact, Count),
            ("12", 12.0, "", Exact, Count),
        ],
    );
}

#[test]
fn seed_004_non_claims() {
    assert_absent(
        SEED_004,
        &[
            "84906\u{a0}views",
            "23783 views",
            "30110 views",
            "May 24 2024",
            "02:26 AM",
            "Feb 21 2024",
            "09:40 AM",
            "C4ADS",
            "Iskander-M",
            "the two countries",
        ],
    );
}

/// The span of a claim: 1-based line, column in characters, byte offsets into the file.
fn assert_span(text: &str, claim_text: &str, line: usize, column: usize) {
    let claim = claims(text)
        .into_iter()
        .find(|c| c.text == claim_text)
        .unwrap_or_else(|| panic!("no claim {claim_text:?}"));
    let start = text
        .find(claim_text)
        .expect("the claim is written in the file");
    assert_eq!(
        (claim.line, claim.column, claim.start, claim.end),
        (line, column, start, start + claim_text.len())
    );
    assert_eq!(&text[claim.start..claim.end], claim_text);
}

#[test]
fn seed_spans() {
    assert_span(SEED_000, "over 4000 North Korean soldiers", 13, 125);
    // A curly apostrophe earlier on the line: the column counts characters, not bytes.
    assert_span(SEED_001, "at least 10,000 containers", 5, 128);
    assert_span(SEED_004, "7 North Korean", 21, 34);
}

#[test]
fn every_seed_span_slices_back_to_its_text() {
    for text in [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004] {
        for c in claims(text) {
            let written: Vec<&str> = text[c.start..c.end].split_whitespace().collect();
            assert_eq!(written.join(" "), c.text);
        }
    }
}

/// The source each seed sentence names for a figure, or `None` when it names none.
fn attribution_of(text: &str, claim_text: &str, nth: usize) -> Option<String> {
    claims(text)
        .into_iter()
        .filter(|c| c.text == claim_text)
        .nth(nth)
        .unwrap_or_else(|| panic!("no claim {claim_text:?}"))
        .attribution
}

#[test]
fn seed_attributions_name_whom_to_call() {
    assert_eq!(
        attribution_of(SEED_001, "at least 10,000 containers", 0).as_deref(),
        Some("Shin Wonsik")
    );
    // "He also mentioned": the person named just before.
    assert_eq!(
        attribution_of(SEED_001, "dozens of ballistic missiles", 0).as_deref(),
        Some("Shin Wonsik")
    );
    assert_eq!(
        attribution_of(SEED_004, "more than 11,000 containers of ammunition", 1).as_deref(),
        Some("the US State Department")
    );
    assert_eq!(
        attribution_of(SEED_003, "approximately half", 0).as_deref(),
        Some("The Times")
    );
    assert_eq!(
        attribution_of(SEED_003, "at least 10,000 sea containers", 0).as_deref(),
        Some("The South Korean Defence Ministry")
    );
    assert_eq!(
        attribution_of(SEED_001, "one-tenth of the invading Russian forces", 0),
        None
    );
    // "North Korea revealed to supply": a passive report names no source.
    assert_eq!(
        attribution_of(SEED_003, "half of all Russian artillery shells", 0),
        None
    );
}
