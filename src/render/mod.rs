//! The rendering layer: turns the core's data into text for people (colour optional) and
//! JSON for machines. Everything writes to a caller-supplied writer.

pub mod audit;
pub mod check;
pub mod conflicts;
pub mod diff;
pub mod extract;
pub mod log;
pub mod review;
pub mod scan;
pub mod status;

use colored::Colorize;

use crate::extract::{format_value, Bound, Trend};

/// The figure with its bound, range and unit, as an editor reads it: "≥10000 containers".
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
        (Some(l), Some(h)) => format!("{}–{}", format_value(l), format_value(h)),
        _ => format_value(value),
    };
    let unit = match unit {
        "" => String::new(),
        "%" => "%".to_string(),
        u => format!(" {u}"),
    };
    let vague = if bound == Bound::Vague {
        " (vague)"
    } else {
        ""
    };
    format!("{symbol}{number}{unit}{vague}")
}

/// An arrow for a stated trend.
pub fn trend_mark(trend: Option<Trend>) -> &'static str {
    match trend {
        Some(Trend::Up) => " ↑",
        Some(Trend::Down) => " ↓",
        None => "",
    }
}

/// The sentence with the figure emphasised: bold yellow in colour, in brackets without.
pub fn highlight(sentence: &str, figure: &str, color: bool) -> String {
    match sentence.find(figure).filter(|_| !figure.is_empty()) {
        Some(at) => {
            let (before, rest) = sentence.split_at(at);
            let (hit, after) = rest.split_at(figure.len());
            let hit = if color {
                hit.yellow().bold().to_string()
            } else {
                format!("[{hit}]")
            };
            format!("{before}{hit}{after}")
        }
        None => sentence.to_string(),
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
