//! The data one numeric claim carries: where it stands, what it says and how it is bounded.

use serde::{Deserialize, Serialize, Serializer};

/// What sort of quantity a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Count,
    Percent,
    Fraction,
    Money,
    Measure,
    Duration,
}

/// How the text bounds the figure ("at least 10,000" is `AtLeast`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    Approx,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    Vague,
}

/// A change the text states ("rose 60%").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Up,
    Down,
}

macro_rules! names {
    ($ty:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// The name used in files and output.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),* }
            }
            /// Parses the name used in files and output.
            pub fn parse(name: &str) -> Option<Self> {
                match name { $($name => Some(Self::$variant),)* _ => None }
            }
            /// Every name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($name),*];
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

names!(Kind { Count => "count", Percent => "percent", Fraction => "fraction", Money => "money", Measure => "measure", Duration => "duration" });
names!(Bound { Exact => "exact", Approx => "approx", AtLeast => "at_least", MoreThan => "more_than", AtMost => "at_most", LessThan => "less_than", Vague => "vague" });
names!(Trend { Up => "up", Down => "down" });

/// One numeric claim found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// 1-based line of the claim's first byte.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte offset of the first byte of the quantity expression.
    pub start: usize,
    /// Byte offset just past the quantity expression.
    pub end: usize,
    /// The quantity expression as written: qualifier, number and unit.
    pub text: String,
    /// The normalised value; the midpoint for a range, the lower end for a vague magnitude.
    #[serde(serialize_with = "number")]
    pub value: f64,
    #[serde(serialize_with = "optional_number")]
    pub low: Option<f64>,
    #[serde(serialize_with = "optional_number")]
    pub high: Option<f64>,
    /// The unit or counted thing ("containers", "%", "USD"); empty when the text names none.
    pub unit: String,
    pub kind: Kind,
    pub bound: Bound,
    pub trend: Option<Trend>,
    /// Who the text says the figure comes from ("Shin Wonsik", "the US State Department");
    /// `None` when the sentence names no source.
    pub attribution: Option<String>,
    /// The sentence the claim stands in, with its whitespace collapsed; a sentence that runs
    /// on without an end is cut to a window around the figure.
    pub sentence: String,
}

/// Writes whole values as integers (4800000, not 4800000.0).
pub fn number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// [`number`] for a value that may be absent.
pub fn optional_number<S: Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => number(v, serializer),
        None => serializer.serialize_none(),
    }
}

/// Formats a value exactly as the JSON output writes it: whole values as integers, others in
/// shortest round-trip form ("4100000", "0.3").
pub fn format_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        format!("{}", value as i64)
    } else {
        serde_json::Number::from_f64(value).map_or_else(|| value.to_string(), |n| n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_value_agrees_with_the_json_output() {
        for value in [4_100_000.0, 0.3, 1e20, 1.5e-7, -2.25, 0.1 + 0.2] {
            assert_eq!(
                format_value(value),
                serde_json::to_string(&serde_json::json!(value))
                    .unwrap()
                    .trim_end_matches(".0"),
                "{value}"
            );
        }
    }
}
