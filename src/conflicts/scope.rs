//! The scope a figure carries in its sentence: a rate ("annually", "a month") and a period
//! ("since September", "over 20 months", "from August to January", "last year"). Figures of
//! different scopes count different things and are never set against each other.

use serde::Serialize;

/// A figure's rate and period, in a normalised wording ("a year", "20 months").
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Scope {
    /// How often: "a year", "a month", "a week", "a day".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
    /// Over when: "20 months", "since september", "from august to january", "last year".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
}

/// A period named without saying which ("over the past period", "in recent months"): it may
/// be any other, so it is compared with every period.
const UNSPECIFIC: &str = "an unspecified period";

impl Scope {
    /// Whether two figures with these scopes can be held against each other.
    pub fn comparable(&self, other: &Scope) -> bool {
        let unspecific = |s: &Scope| s.period.as_deref() == Some(UNSPECIFIC);
        self.rate == other.rate
            && (self.period == other.period || unspecific(self) || unspecific(other))
    }

    pub fn is_empty(&self) -> bool {
        self.rate.is_none() && self.period.is_none()
    }

    /// The scope in words ("a year, since september"), empty when it has none.
    pub fn describe(&self) -> String {
        [self.rate.as_deref(), self.period.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
];

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.starts_with(['1', '2']) && word.bytes().all(|b| b.is_ascii_digit())
}

fn is_date_word(word: &str) -> bool {
    MONTHS.contains(&word) || is_year(word)
}

fn is_count_word(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
        || matches!(
            word,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "several"
                | "few"
        )
}

/// The singular of a time unit ("months" → "month").
fn unit_singular(word: &str) -> &str {
    word.strip_suffix('s').unwrap_or(word)
}

/// The scope of a figure stated in `sentence`.
pub fn of_sentence(sentence: &str) -> Scope {
    let words: Vec<String> = sentence
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let w = |k: usize| words.get(k).map_or("", String::as_str);
    let mut scope = Scope::default();
    for k in 0..words.len() {
        if scope.rate.is_none() {
            scope.rate = rate_at(&w, k);
        }
        if scope.period.is_none() {
            scope.period = period_at(&w, k);
        }
    }
    scope
}

fn rate_at<'a>(w: &impl Fn(usize) -> &'a str, k: usize) -> Option<String> {
    let per = |unit: &str| match unit_singular(unit) {
        "year" | "annum" => Some("a year"),
        "month" => Some("a month"),
        "week" => Some("a week"),
        "day" => Some("a day"),
        "hour" => Some("an hour"),
        _ => None,
    };
    let single = match w(k) {
        "annually" | "yearly" | "annual" => Some("a year"),
        "monthly" => Some("a month"),
        "weekly" => Some("a week"),
        "daily" => Some("a day"),
        _ => None,
    };
    if single.is_some() {
        return single.map(str::to_string);
    }
    let unit = w(k + 1);
    let follows_time = matches!(w(k + 2), "ago" | "after" | "before" | "later" | "earlier");
    match w(k) {
        "a" | "an" | "per" | "each" | "every" if !follows_time => per(unit).map(str::to_string),
        _ => None,
    }
}

fn period_at<'a>(w: &impl Fn(usize) -> &'a str, k: usize) -> Option<String> {
    match w(k) {
        "since" if !w(k + 1).is_empty() => {
            let mut end = k + 2;
            if (is_date_word(w(k + 1)) && is_year(w(k + 2))) || matches!(w(k + 1), "the" | "last") {
                end += 1;
            }
            Some((k..end).map(w).collect::<Vec<_>>().join(" "))
        }
        "from" if is_date_word(w(k + 1)) => {
            let mut to = k + 2;
            if is_year(w(to)) {
                to += 1;
            }
            if !matches!(w(to), "to" | "until" | "till" | "through") || !is_date_word(w(to + 1)) {
                return None;
            }
            Some(format!("from {} to {}", w(k + 1), w(to + 1)))
        }
        "over" | "in" | "during" | "within" | "for" | "throughout" => {
            let mut j = k + 1;
            if w(j) == "the" {
                j += 1;
            }
            let recent = matches!(
                w(j),
                "past" | "last" | "previous" | "recent" | "first" | "next"
            );
            if recent {
                j += 1;
            }
            if w(j) == "period" && recent {
                return Some(UNSPECIFIC.to_string());
            }
            if w(k + 1) == "recent" && UNITS.contains(&w(k + 2)) {
                return Some(UNSPECIFIC.to_string());
            }
            if is_count_word(w(j)) && UNITS.contains(&w(j + 1)) {
                return Some(format!("{} {}s", w(j), unit_singular(w(j + 1))));
            }
            if recent && UNITS.contains(&w(j)) {
                return Some(format!("past {}", unit_singular(w(j))));
            }
            if w(k) == "in" && is_year(w(k + 1)) {
                return Some(format!("in {}", w(k + 1)));
            }
            None
        }
        "last" | "this" | "next" if matches!(w(k + 1), "year" | "month" | "week" | "season") => {
            Some(format!("{} {}", w(k), w(k + 1)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::of_sentence;

    fn scope(sentence: &str) -> String {
        of_sentence(sentence).describe()
    }

    #[test]
    fn rates_and_periods_are_read_in_their_many_wordings() {
        assert_eq!(
            scope("3 million artillery shells used annually by Russia"),
            "a year"
        );
        assert_eq!(scope("It makes 2 million shells a year."), "a year");
        assert_eq!(scope("tracked 64 shipments over 20 months"), "20 months");
        assert_eq!(scope("in the past 20 months, 64 shipments"), "20 months");
        assert_eq!(
            scope("from September 2023 to March, 64 trips"),
            "from september to march"
        );
        assert_eq!(
            scope("27 shipments over the past period"),
            "an unspecified period"
        );
        assert_eq!(
            scope("Since September, 300 ships docked."),
            "since september"
        );
        assert_eq!(scope("Last year 4,000 jobs went."), "last year");
        assert_eq!(scope("In 2004, 4,000 jobs went."), "in 2004");
        assert_eq!(scope("He left a year ago with 40 staff."), "");
        assert_eq!(scope("Some 64 shipments were sent."), "");
    }

    #[test]
    fn an_unspecified_period_meets_every_period_but_rates_must_agree() {
        let unspecific = of_sentence("27 shipments over the past period");
        let months = of_sentence("64 shipments over 20 months");
        let annual = of_sentence("3 million shells a year");
        assert!(unspecific.comparable(&months));
        assert!(!annual.comparable(&of_sentence("4.8 million shells")));
        assert!(!months.comparable(&of_sentence("64 shipments since May")));
    }
}
