//! Everyday news phrasing beyond the seeds: ranges, scores, times, names, proportions, units
//! joined by hyphens and the two meanings of a glued "m", each with the values an editor
//! would check.

use factcheck::extract::{extract, Bound, Claim, Format, Kind, Trend};

fn claims(text: &str) -> Vec<Claim> {
    extract(text, Format::Plain)
}

/// The one claim in `text`.
fn only(text: &str) -> Claim {
    let found = claims(text);
    assert_eq!(found.len(), 1, "{text:?} gave {found:#?}");
    found.into_iter().next().unwrap()
}

fn none(text: &str) {
    let found = claims(text);
    assert!(found.is_empty(), "{text:?} gave {found:#?}");
}

#[test]
fn a_scale_written_once_applies_to_both_ends_of_a_range() {
    let c = only("between 3 and 5 million workers");
    assert_eq!((c.low, c.high, c.value), (Some(3e6), Some(5e6), 4e6));
    assert_eq!(c.unit, "workers");
    let c = only("10-20 million subscribers");
    assert_eq!((c.low, c.high), (Some(1e7), Some(2e7)));
    let c = only("3-4bn dollars");
    assert_eq!((c.low, c.high, c.kind), (Some(3e9), Some(4e9), Kind::Money));
    let c = only("from 500 to 2 million people");
    assert_eq!((c.low, c.high), (Some(500.0), Some(2e6)));
}

#[test]
fn a_spaced_dash_is_punctuation_and_a_falling_dash_pair_is_a_score() {
    let found = claims("The deal was worth £50bn - 14% more than planned.");
    let texts: Vec<&str> = found.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["£50bn", "14%"]);
    none("She won 6-4 6-3 and they took a 3-0 win.");
    let c = only("growth of 1-2% a year");
    assert_eq!(
        (c.low, c.high, c.unit.as_str()),
        (Some(1.0), Some(2.0), "%")
    );
}

#[test]
fn dates_times_and_names_are_not_claims() {
    none("The summit is on 5-6 March, and talks ran between 24 and 26 December.");
    none("The vote closes at 5 pm; polls opened at 0700 GMT.");
    none("It filed for Chapter 11 bankruptcy protection.");
    none("The new iPhone 15 launched; see page 12.");
    none("He left No. 10 Downing Street.");
    none("Arsenal scores again.");
}

#[test]
fn proportions_hyphenated_units_and_points() {
    let found = claims("Nearly one in five adults (19%) smoke.");
    let c = &found[0];
    assert_eq!(
        (c.value, c.kind, c.bound),
        (0.2, Kind::Fraction, Bound::Approx)
    );
    assert_eq!(
        (c.text.as_str(), c.unit.as_str()),
        ("Nearly one in five adults", "adults")
    );
    assert_eq!((found[1].value, found[1].unit.as_str()), (19.0, "%"));
    let c = only("a 10-year-old boy");
    assert_eq!(
        (c.value, c.kind, c.unit.as_str()),
        (10.0, Kind::Duration, "year-old")
    );
    let c = only("The FTSE index rose 72 points.");
    assert_eq!(
        (c.kind, c.unit.as_str(), c.trend),
        (Kind::Count, "points", Some(Trend::Up))
    );
    let c = only("up 2.3 percentage points");
    assert_eq!(
        (c.kind, c.unit.as_str()),
        (Kind::Percent, "percentage points")
    );
    let c = only("Interest rates rose to 5%.");
    assert_eq!(c.trend, Some(Trend::Up));
}

#[test]
fn a_glued_m_is_millions_of_money_or_things_and_metres_in_a_race() {
    assert_eq!(only("a £60m deal").value, 6e7);
    assert_eq!(only("60m people watched").value, 6e7);
    let c = only("She won the 60m hurdles.");
    assert_eq!(
        (c.value, c.unit.as_str(), c.kind),
        (60.0, "m", Kind::Measure)
    );
    let c = only("He ran the 5,000m.");
    assert_eq!((c.value, c.unit.as_str()), (5000.0, "m"));
}

#[test]
fn pence_verbs_and_oversized_numbers() {
    let found = claims("Shares fell 3.5% to 120p.");
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[1].value, found[1].unit.as_str(), found[1].kind),
        (120.0, "GBP pence", Kind::Money)
    );
    let c = only("Officials said 15 launched from the coast.");
    assert_eq!(c.unit, "");
    let c = only("20 armed drones");
    assert_eq!(c.unit, "armed drones");
    none("1e999 stars");
}
