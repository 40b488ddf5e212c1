//! Output of `factcheck extract`: a readable listing grouped by file, JSON Lines, or one JSON
//! array. Every format carries the same claim records.

use std::io::{self, Write};
use std::path::Path;

use colored::Colorize;

use super::sanitize::{json_string, terminal};
use super::{figure, highlight, plural, trend_mark};
use crate::extract::{Bound, Claim, Kind, Trend};

/// Writes one claim with the path of the file it came from, as one JSON object: the shape
/// other tools rely on, byte for byte what serde writes for the claim with `path` first.
/// Written a field at a time, since an article may hold tens of thousands of claims.
/// `path` is the file's path as a JSON string, written once for all of its claims.
fn record(out: &mut Vec<u8>, path: &[u8], c: &Claim) {
    out.extend_from_slice(b"{\"path\":");
    out.extend_from_slice(path);
    let mut number = itoa::Buffer::new();
    for (key, n) in [
        (&b",\"line\":"[..], c.line),
        (b",\"column\":", c.column),
        (b",\"start\":", c.start),
        (b",\"end\":", c.end),
    ] {
        out.extend_from_slice(key);
        out.extend_from_slice(number.format(n).as_bytes());
    }
    out.extend_from_slice(b",\"text\":");
    json_string(out, &c.text);
    out.extend_from_slice(b",\"value\":");
    value(out, c.value);
    out.extend_from_slice(b",\"low\":");
    optional(out, c.low, value);
    out.extend_from_slice(b",\"high\":");
    optional(out, c.high, value);
    out.extend_from_slice(b",\"unit\":");
    json_string(out, &c.unit);
    out.extend_from_slice(b",\"kind\":\"");
    out.extend_from_slice(Kind::as_str(c.kind).as_bytes());
    out.extend_from_slice(b"\",\"bound\":\"");
    out.extend_from_slice(Bound::as_str(c.bound).as_bytes());
    out.extend_from_slice(b"\",\"trend\":");
    optional(out, c.trend, |out, t| {
        out.push(b'"');
        out.extend_from_slice(Trend::as_str(t).as_bytes());
        out.push(b'"');
    });
    out.extend_from_slice(b",\"attribution\":");
    optional(out, c.attribution.as_deref(), json_string);
    out.extend_from_slice(b",\"sentence\":");
    json_string(out, &c.sentence);
    out.push(b'}');
}

/// A value as [`crate::extract::serialize_value`] writes it: whole values as integers.
fn value(out: &mut Vec<u8>, v: f64) {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        out.extend_from_slice(itoa::Buffer::new().format(v as i64).as_bytes());
    } else {
        serde_json::to_writer(out, &v).expect("writing to memory cannot fail");
    }
}

fn optional<T>(out: &mut Vec<u8>, v: Option<T>, write: impl FnOnce(&mut Vec<u8>, T)) {
    match v {
        Some(v) => write(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

/// Writes one file's claims for a person: position, figure, and the sentence.
pub fn human(out: &mut dyn Write, path: &Path, claims: &[Claim], color: bool) -> io::Result<()> {
    let noun = format!("claim{}", plural(claims.len()));
    let title = terminal(&path.display().to_string()).into_owned();
    let title = if color {
        title.bold().to_string()
    } else {
        title
    };
    writeln!(out, "{title}: {} {noun}", claims.len())?;
    for c in claims {
        let position = format!("{}:{}", c.line, c.column);
        let described = figure(c.value, c.low, c.high, &c.unit, c.bound);
        let mut details = format!("{described} · {}{}", c.kind, trend_mark(c.trend));
        if let Some(source) = &c.attribution {
            details.push_str(&format!(" · per {}", terminal(source)));
        }
        let details = if color {
            details.dimmed().to_string()
        } else {
            details
        };
        writeln!(out, "  {position:>8}  {}  {details}", terminal(&c.text))?;
        writeln!(
            out,
            "            {}",
            highlight(&c.sentence, &c.text, color)
        )?;
    }
    Ok(())
}

/// Writes one file's claims a record at a time, as JSON Lines or as the items of the array
/// [`JsonArray`] streams, so that no file's claims need be held together.
pub struct Records {
    /// The path as a JSON string.
    path: Vec<u8>,
    items: bool,
}

impl Records {
    /// One JSON object per claim, a line each.
    pub fn lines(path: &Path) -> Self {
        Self {
            path: path_json(path),
            items: false,
        }
    }

    /// Items of the array [`JsonArray`] streams, each after ",\n  ".
    pub fn items(path: &Path) -> Self {
        Self {
            path: path_json(path),
            items: true,
        }
    }

    pub fn write(&self, out: &mut Vec<u8>, claim: &Claim) {
        if self.items {
            out.extend_from_slice(b",\n  ");
            record(out, &self.path, claim);
        } else {
            record(out, &self.path, claim);
            out.push(b'\n');
        }
    }
}

/// A path as a JSON string.
fn path_json(path: &Path) -> Vec<u8> {
    let mut json = Vec::new();
    json_string(&mut json, &path.display().to_string());
    json
}

/// Streams records into one JSON array, file by file, so memory stays flat.
#[derive(Default)]
pub struct JsonArray {
    written: usize,
}

impl JsonArray {
    /// Writes `count` records rendered by [`Records::items`].
    pub fn push_rendered(
        &mut self,
        out: &mut dyn Write,
        rendered: &[u8],
        count: usize,
    ) -> io::Result<()> {
        match rendered.split_first() {
            // The first record of the array opens it: "[\n  " in place of ",\n  ".
            Some((_, rest)) if self.written == 0 => {
                out.write_all(b"[")?;
                out.write_all(rest)?;
            }
            _ => out.write_all(rendered)?,
        }
        self.written += count;
        Ok(())
    }

    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })
    }
}

/// The closing line of the human listing.
pub fn summary(out: &mut dyn Write, claims: usize, files: usize, errors: usize) -> io::Result<()> {
    let mut line = format!(
        "{claims} claim{} in {files} file{}",
        plural(claims),
        plural(files)
    );
    if errors > 0 {
        line.push_str(&format!(
            ", {errors} file{} could not be read",
            plural(errors)
        ));
    }
    writeln!(out, "{line}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{extract, Format};

    /// The record as serde writes it, the shape the direct writer must match.
    #[derive(serde::Serialize)]
    struct Serded<'a> {
        path: &'a str,
        #[serde(flatten)]
        claim: &'a Claim,
    }

    #[test]
    fn records_are_written_as_serde_writes_them() {
        let text = "Prices rose \"4.5%\" in\u{7f} March, \u{202e}the ONS said. About 1,200 \
            people\\ died\u{1b}[2J, up 0.3 points; 2-3 million cars fell by 1/3.\n\
            \u{feff}He estimated between $5m and $7.25bn, about 1e-7 of it.";
        let mut claims = extract(text, Format::Plain);
        let mut odd = claims[0].clone();
        odd.value = f64::NAN;
        odd.low = Some(1e20);
        odd.high = Some(-2.5e-9);
        odd.trend = Some(Trend::Down);
        odd.attribution = Some("the \"Bank\"\u{2028}".into());
        claims.push(odd);
        for path in ["a.txt", "dir/we\"ird\\\u{9b}\u{2066}.md"] {
            for c in &claims {
                let mut serde = Vec::new();
                let serded = Serded { path, claim: c };
                super::super::sanitize::json(&mut serde, &serded, false).unwrap();
                let mut direct = Vec::new();
                record(&mut direct, &path_json(Path::new(path)), c);
                assert_eq!(
                    String::from_utf8(direct).unwrap(),
                    String::from_utf8(serde).unwrap()
                );
            }
        }
    }
}
