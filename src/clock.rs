//! Audit times: the current time as RFC 3339 text, and the check that a time read from a
//! review file or from `FACTCHECK_NOW` (which pins "now" for tests and audits) is one.

use std::fmt;

/// The environment variable that pins the current time.
pub const PINNED: &str = "FACTCHECK_NOW";

/// `FACTCHECK_NOW` holds something that is not an RFC 3339 time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPinnedTime(pub String);

impl fmt::Display for BadPinnedTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{PINNED}={:?} is not an RFC 3339 time\n  help: write it like 2025-03-01T12:00:00Z, or unset {PINNED} to use the clock",
            self.0
        )
    }
}

impl std::error::Error for BadPinnedTime {}

/// Now, in UTC to the second (`2025-03-01T12:00:00Z`), or the value of `FACTCHECK_NOW`
/// when it is set, which must be an RFC 3339 time.
pub fn now() -> Result<String, BadPinnedTime> {
    match std::env::var_os(PINNED).filter(|v| !v.is_empty()) {
        Some(pinned) => {
            let pinned = pinned.to_string_lossy().into_owned();
            if is_rfc3339(&pinned) {
                Ok(pinned)
            } else {
                Err(BadPinnedTime(pinned))
            }
        }
        None => Ok(format_instant(jiff::Timestamp::now())),
    }
}

fn format_instant(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Whether `text` is an RFC 3339 date and time with an offset (`2025-03-01T12:00:00Z`,
/// `2025-03-01T13:00:00.5+01:00`).
pub fn is_rfc3339(text: &str) -> bool {
    // jiff also reads RFC 9557 time zone annotations and a few ISO 8601 forms; RFC 3339 has
    // a `T` (or space) between date and time, an offset, and nothing after it.
    let shape = text.len() >= 20
        && text.as_bytes()[4] == b'-'
        && text.as_bytes()[7] == b'-'
        && matches!(text.as_bytes()[10], b'T' | b't' | b' ')
        && !text.contains('[');
    shape && text.parse::<jiff::Timestamp>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        let at = |secs| format_instant(jiff::Timestamp::from_second(secs).unwrap());
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_796_000_000), "2026-11-30T00:53:20Z");
    }

    #[test]
    fn only_rfc3339_is_a_time() {
        for good in [
            "2025-03-01T12:00:00Z",
            "2025-03-01T13:00:00+01:00",
            "2025-03-01t12:00:00.25z",
        ] {
            assert!(is_rfc3339(good), "{good}");
        }
        for bad in [
            "next tuesday",
            "2025-03-01",
            "2025-03-01T12:00:00",
            "2025-13-01T12:00:00Z",
            "2025-03-01T12:00:00Z[Europe/London]",
            "1 March 2025",
            "",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}
