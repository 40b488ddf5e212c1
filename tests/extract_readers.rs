//! Each reader of the grammar on news phrasing of its own: currencies, range assembly, dates
//! and identifiers, trend and qualifier scope, negatives, units and notations, and who said
//! it. Values are compared exactly: they are computed from the digits written.

use factcheck::extract::{extract, Bound, Claim, Format, Kind, Trend};

fn claims(text: &str) -> Vec<Claim> {
    extract(text, Format::Plain)
}

/// The claims' (text, value) pairs.
fn read(text: &str) -> Vec<(String, f64)> {
    claims(text)
        .into_iter()
        .map(|c| (c.text, c.value))
        .collect()
}

fn only(text: &str) -> Claim {
    let found = claims(text);
    assert_eq!(found.len(), 1, "{text:?} gave {found:#?}");
    found.into_iter().next().unwrap()
}

fn pairs(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    list.iter().map(|(t, v)| (t.to_string(), *v)).collect()
}

#[test]
fn currencies_before_or_after_the_figure() {
    let cases = [
        ("a US$75m bond", 75e6, "USD"),
        ("paid $NZ3,250,000 for it", 3_250_000.0, "NZD"),
        ("costs HK$88 a night", 88.0, "HKD"),
        ("a fine of CHF12m", 12e6, "CHF"),
        ("wages of RM1,500 a month", 1500.0, "MYR"),
        ("a Rs. 250 ticket", 250.0, "INR"),
        ("sales of 9.4m euros", 9.4e6, "EUR"),
        ("raised JPY 2bn", 2e9, "JPY"),
        ("worth 300 ringgit", 300.0, "MYR"),
    ];
    for (text, value, unit) in cases {
        let c = only(text);
        assert_eq!(
            (c.value, c.unit.as_str(), c.kind),
            (value, unit, Kind::Money),
            "{text}"
        );
    }
}

#[test]
fn ranges_share_units_currencies_and_scales() {
    let c = only("rents of between €900 and €1,100");
    assert_eq!(
        (c.low, c.high, c.unit.as_str()),
        (Some(900.0), Some(1100.0), "EUR")
    );
    let c = only("a swing of 4% to 6%");
    assert_eq!((c.low, c.high, c.value), (Some(4.0), Some(6.0), 5.0));
    let c = only("from £2 to £3.5 million");
    assert_eq!((c.low, c.high), (Some(2e6), Some(3.5e6)));
    let c = only("five or six wickets");
    assert_eq!(
        (c.low, c.high, c.unit.as_str()),
        (Some(5.0), Some(6.0), "wickets")
    );
    let c = only("a 250 - 300 mile trip");
    assert_eq!((c.low, c.high), (Some(250.0), Some(300.0)));
    // A change from one value to another is two figures, each with the change.
    let found = claims("Fares were raised from £4.20 to £4.90.");
    let got: Vec<(f64, Option<Trend>)> = found.iter().map(|c| (c.value, c.trend)).collect();
    assert_eq!(got, [(4.2, Some(Trend::Up)), (4.9, Some(Trend::Up))]);
}

#[test]
fn dates_years_and_names_are_told_from_quantities() {
    assert!(claims("Results for the quarter to Sept. 30 are due.").is_empty());
    assert!(claims("The 2018/19 accounts were filed late.").is_empty());
    assert!(claims("It marked the 7/7 anniversary.").is_empty());
    assert!(claims("The 2012 Olympics champions returned.").is_empty());
    assert!(claims("She moved to 221 Baker Street.").is_empty());
    assert!(claims("The FTSE 250 and the Nikkei 225 both closed.").is_empty());
    assert!(claims("England beat the Three Lions' rivals.").is_empty());
    assert_eq!(read("a 1600 cc engine"), pairs(&[("1600 cc", 1600.0)]));
    assert_eq!(
        read("in 2000 years of history"),
        pairs(&[("2000 years", 2000.0)])
    );
}

#[test]
fn trends_reach_restatements_lists_and_new_values() {
    let found = claims("The Nikkei shed 420 points, or 1.6%, and the Hang Seng eased 0.9%.");
    let trends: Vec<Option<Trend>> = found.iter().map(|c| c.trend).collect();
    assert_eq!(trends, [Some(Trend::Down); 3]);
    let found = claims("Output slashed by 3%, 5% and 8%.");
    assert!(
        found.iter().all(|c| c.trend == Some(Trend::Down)),
        "{found:#?}"
    );
    assert_eq!(only("Shares are +2.1% today.").trend, Some(Trend::Up));
    assert_eq!(only("a 12% slump in orders").trend, Some(Trend::Down));
    assert_eq!(only("closed 0.7% higher").trend, Some(Trend::Up));
    // An amount raised or lost is no change.
    assert_eq!(only("The charity raised £40,000.").trend, None);
}

#[test]
fn qualifiers_reach_conversions_and_stand_after_the_figure() {
    let found = claims("It flew at least 8,000 ft (2,438 m) up.");
    let bounds: Vec<Bound> = found.iter().map(|c| c.bound).collect();
    assert_eq!(bounds, [Bound::AtLeast, Bound::AtLeast]);
    assert_eq!(only("≈40 km of track").bound, Bound::Approx);
    assert_eq!(only("30 or fewer seats").bound, Bound::AtMost);
    assert_eq!(only("10 minutes or so").bound, Bound::Approx);
    assert_eq!(only("upwards of 70 firms").bound, Bound::MoreThan);
    assert_eq!(only("barely 3% of the vote").bound, Bound::AtMost);
    assert_eq!(only("anyone over the age of 65").bound, Bound::MoreThan);
    assert_eq!(only("a sub-£100 phone").bound, Bound::LessThan);
}

#[test]
fn negatives_scales_units_and_notations() {
    assert_eq!(only("a low of minus 12C").value, -12.0);
    assert_eq!(only("negative 0.5% growth").value, -0.5);
    let c = only("tens of thousands of jobs");
    assert_eq!(
        (c.low, c.high, c.bound),
        (Some(20_000.0), Some(100_000.0), Bound::Vague)
    );
    assert_eq!(only("some 3 thousand million people").value, 3e9);
    assert_eq!(only("a rate of 1.2 x 10^-5").value, 1.2e-5);
    assert_eq!(only("3⁄8 of an inch").value, 0.375);
    assert_eq!(only("a 15pc rise").unit, "%");
    let c = only("profits grew threefold");
    assert_eq!(
        (c.text.as_str(), c.value, c.unit.as_str()),
        ("threefold", 3.0, "fold")
    );
    assert_eq!(only("two out of five homes").value, 0.4);
    assert_eq!(only("a 650bhp car").unit, "bhp");
    assert_eq!(only("a 4,500mAh cell").unit, "mAh");
    assert_eq!(only("120 sq m of floor").unit, "sq m");
    assert_eq!(only("a 1,200m2 site").unit, "m2");
    let c = only("the 800m runners");
    assert_eq!((c.value, c.unit.as_str()), (800.0, "m"));
    assert_eq!(only("inflation of one point eight per cent").value, 1.8);
}

#[test]
fn figures_after_a_determiner_that_state_a_quantity() {
    assert_eq!(
        read("They lost all three of their matches."),
        pairs(&[("three", 3.0)])
    );
    assert_eq!(
        read("Profits rose in the nine months to March."),
        pairs(&[("nine months", 9.0)])
    );
    assert!(claims("The two sides met.").is_empty());
}

#[test]
fn who_said_it() {
    let source = |text: &str| only(text).attribution;
    assert_eq!(
        source("According to the Met Office, 40mm of rain fell.").as_deref(),
        Some("the Met Office")
    );
    assert_eq!(
        source("The regulator estimated that 2,000 homes were affected.").as_deref(),
        Some("The regulator")
    );
    assert_eq!(
        source("\"Sales hit 5,000 units,\" said Tom Price, the founder.").as_deref(),
        Some("Tom Price")
    );
    assert_eq!(
        source("A study by Oxford University found 12% of pupils skip breakfast.").as_deref(),
        Some("Oxford University")
    );
    assert_eq!(
        source("Ofgem's analysis suggests 3 million homes are in debt.").as_deref(),
        Some("Ofgem")
    );
    assert_eq!(source("The bridge carries 40,000 cars a day."), None);
    let found = claims("Ann Lee said the plan works. She added that 300 staff agreed.");
    assert_eq!(found[0].attribution.as_deref(), Some("Ann Lee"));
}
