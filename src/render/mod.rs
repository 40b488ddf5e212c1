//! The rendering layer: turns the core's data into text for people (colour optional) and
//! JSON for machines. Everything writes to a caller-supplied writer.

pub mod audit;
pub mod check;
pub mod conflicts;
pub mod desk;
pub mod diff;
pub mod extract;
pub mod github;
pub mod log;
pub mod merge;
pub mod review;
pub mod sanitize;
pub mod sarif;
pub mod scan;
pub mod status;

/// The version of the shape of every `--format json` document (its `schema_version`; the
/// schemas are in `schema/`). It goes up only when a field is removed or changes meaning;
/// new fields may appear without it.
pub const SCHEMA_VERSION: u32 = 1;

use colored::Colorize;

use crate::extract::{format_value, Bound, Trend};

/// The figure with its bound, range and unit, as an editor reads it: "≥10,000 containers",
/// "1.13 bn USD", "2–10 million rounds (vague)". The unit is made safe to print.
pub fn figure(value: f64, low: Option<f64>, high: Option<f64>, unit: &str, bound: Bound) -> String {
    let symbol = match bound {
        Bound::Exact | Bound::Vague => "",
        Bound::Approx => "≈",
        Bound::AtLeast => "≥",
        Bound::MoreThan => ">",
        Bound::AtMost => "≤",
        Bound::LessThan => "<",
    };
    let number = match (low, high) {
        (Some(l), Some(h)) => readable_range(l, h),
        _ => readable(value),
    };
    let unit = match unit {
        "" => String::new(),
        "%" => "%".to_string(),
        u => format!(" {}", sanitize::terminal(u)),
    };
    let vague = if bound == Bound::Vague {
        " (vague)"
    } else {
        ""
    };
    format!("{symbol}{number}{unit}{vague}")
}

/// A value as a person reads it: "4.8 million", "1.13 bn", "10,000", "0.3". Large round
/// values take a scale word; any other value is written out in full with thousands groups.
pub fn readable(value: f64) -> String {
    match scale_of(value) {
        Some((divisor, word)) => format!("{} {word}", grouped(value / divisor)),
        None => grouped(value),
    }
}

/// "2–10 million" when both ends read with one scale, else each end on its own.
fn readable_range(low: f64, high: f64) -> String {
    match scale_of(high) {
        Some((divisor, word)) if short_decimal(low / divisor) => {
            format!(
                "{}–{} {word}",
                grouped(low / divisor),
                grouped(high / divisor)
            )
        }
        _ => format!("{}–{}", readable(low), readable(high)),
    }
}

/// The scale word a value reads with, when it is a million or more and has at most three
/// decimals once scaled ("4.8 million", not "4.812345 million").
fn scale_of(value: f64) -> Option<(f64, &'static str)> {
    const SCALES: [(f64, &str); 3] = [(1e12, "tn"), (1e9, "bn"), (1e6, "million")];
    SCALES
        .into_iter()
        .find(|(divisor, _)| value.abs() >= *divisor)
        .filter(|(divisor, _)| short_decimal(value / divisor))
}

fn short_decimal(value: f64) -> bool {
    let written = format_value(value);
    written
        .split_once('.')
        .is_none_or(|(_, decimals)| decimals.len() <= 3)
}

/// The value as the JSON output writes it, with thousands groups in its whole part.
fn grouped(value: f64) -> String {
    let written = format_value(value);
    if written.contains('e') {
        return written;
    }
    let (sign, unsigned) = match written.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", written.as_str()),
    };
    let (whole, decimals) = match unsigned.split_once('.') {
        Some((w, d)) => (w, Some(d)),
        None => (unsigned, None),
    };
    let mut out = String::from(sign);
    for (k, digit) in whole.chars().enumerate() {
        if k > 0 && (whole.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(d) = decimals {
        out.push('.');
        out.push_str(d);
    }
    out
}

/// An arrow for a stated trend.
pub fn trend_mark(trend: Option<Trend>) -> &'static str {
    match trend {
        Some(Trend::Up) => " ↑",
        Some(Trend::Down) => " ↓",
        None => "",
    }
}

/// The sentence with the figure emphasised: bold yellow in colour, in brackets without. Both
/// are made safe to print.
pub fn highlight(sentence: &str, figure: &str, color: bool) -> String {
    use sanitize::terminal;
    match sentence.find(figure).filter(|_| !figure.is_empty()) {
        Some(at) => {
            let (before, rest) = sentence.split_at(at);
            let (hit, after) = rest.split_at(figure.len());
            let hit = terminal(hit);
            let hit = if color {
                hit.yellow().bold().to_string()
            } else {
                format!("[{hit}]")
            };
            format!("{}{hit}{}", terminal(before), terminal(after))
        }
        None => terminal(sentence).into_owned(),
    }
}

/// Whether colour is on for this process (decided once by the CLI).
pub fn color_enabled() -> bool {
    colored::control::SHOULD_COLORIZE.should_colorize()
}

/// The plural ending for a count: "1 claim", "2 claims".
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_a_person_writes_them() {
        assert_eq!(readable(4_800_000.0), "4.8 million");
        assert_eq!(readable(1_130_000_000.0), "1.13 bn");
        assert_eq!(readable(10_000.0), "10,000");
        assert_eq!(readable(4_812_345.0), "4,812,345");
        assert_eq!(readable(0.3), "0.3");
        assert_eq!(readable(-200.0), "-200");
        let money = figure(1.13e9, None, None, "USD", Bound::Exact);
        assert_eq!(money, "1.13 bn USD");
        let vague = figure(2e6, Some(2e6), Some(1e7), "rounds", Bound::Vague);
        assert_eq!(vague, "2–10 million rounds (vague)");
        assert_eq!(
            figure(1e4, None, None, "containers", Bound::AtLeast),
            "≥10,000 containers"
        );
        assert_eq!(
            figure(4.5, Some(4.0), Some(5.0), "%", Bound::Approx),
            "≈4–5%"
        );
    }
}
