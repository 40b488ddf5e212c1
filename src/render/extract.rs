//! Output of `factcheck extract`: a readable listing grouped by file, JSON Lines, or one JSON
//! array. Every format carries the same claim records.

use std::io::{self, Write};
use std::path::Path;

use colored::Colorize;
use serde::Serialize;

use super::sanitize::{self, terminal};
use super::{figure, highlight, plural, trend_mark};
use crate::extract::Claim;

/// One claim with the path of the file it came from; the JSON shape other tools rely on.
#[derive(Serialize)]
pub struct ClaimRecord<'a> {
    pub path: String,
    #[serde(flatten)]
    pub claim: &'a Claim,
}

impl<'a> ClaimRecord<'a> {
    pub fn new(path: &Path, claim: &'a Claim) -> Self {
        Self {
            path: path.display().to_string(),
            claim,
        }
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

/// Writes one JSON object per line.
pub fn jsonl(out: &mut dyn Write, records: &[ClaimRecord<'_>]) -> io::Result<()> {
    for record in records {
        sanitize::json(out, record, false)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Writes records as items of the JSON array [`JsonArray`] streams, each after ",\n  ".
pub fn json_items(out: &mut dyn Write, records: &[ClaimRecord<'_>]) -> io::Result<()> {
    for record in records {
        out.write_all(b",\n  ")?;
        sanitize::json(out, record, false)?;
    }
    Ok(())
}

/// Streams records into one JSON array, file by file, so memory stays flat.
#[derive(Default)]
pub struct JsonArray {
    written: usize,
}

impl JsonArray {
    /// Writes `count` records rendered by [`json_items`].
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
