//! `factcheck extract`: print the numeric claims of articles, read and extracted on every
//! core and printed in the order given; writes nothing.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{report_error, Outcome, Ui};
use crate::input::{self, InputError};
use crate::parallel::map_on_cores;
use crate::render::extract::{human, json_items, jsonl, summary, JsonArray};
use crate::walk::Walker;

#[derive(clap::Args)]
#[command(
    about = "Print the numeric claims found in articles",
    long_about = "Print the numeric claims found in articles. Nothing is written.\n\n\
        Each PATH is a plain-text or Markdown article, a directory (its .txt, .md and \
        .markdown files), or - for standard input. In Markdown, front matter, code, link \
        targets and HTML tags are skipped.\n\n\
        Each article, standard input too, is read up to a limit (64 MiB unless set): a \
        larger one is reported and skipped. Only regular files are read; a named pipe or a \
        device is refused (pipe it to standard input instead).",
    after_help = "Examples:\n  factcheck extract seeds/\n  \
        factcheck extract --format jsonl article.md | jq .text\n  \
        echo 'Prices rose 4.5% in March.' | factcheck extract -\n  \
        factcheck extract --max-article-size 512MiB dump.txt   # one very large article\n\n\
        With --quiet, the human format leaves out the closing count.\n\n\
        Exit status: 0 all files read, 2 a file could not be read (the others are still \
        processed)."
)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,

    /// The largest article read (bytes, or with a unit: 64MiB, 200MB); default: 64 MiB, or
    /// max_article_size in factcheck.toml, or FACTCHECK_MAX_ARTICLE_SIZE
    #[arg(long, value_name = "SIZE", value_parser = input::parse_size)]
    max_article_size: Option<u64>,

    /// Articles, directories of articles, or - for standard input
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Readable listing with the figure highlighted in its sentence
    Human,
    /// One JSON array of claim objects
    Json,
    /// One JSON object per claim per line
    Jsonl,
}

/// One file's claims rendered in `format`, and how many there are; or why it cannot be read.
fn render_file(
    path: &Path,
    max_bytes: u64,
    format: OutputFormat,
    color: bool,
) -> Result<(Vec<u8>, usize), InputError> {
    let source = input::read(path, max_bytes)?;
    let claims = source.claims();
    let mut bytes = Vec::new();
    match format {
        OutputFormat::Human => {
            human(&mut bytes, &source.path, &claims, color).expect("writing to memory cannot fail")
        }
        OutputFormat::Jsonl => jsonl(&mut bytes, &source.path, &claims),
        OutputFormat::Json => json_items(&mut bytes, &source.path, &claims),
    }
    Ok((bytes, claims.len()))
}

pub fn run(
    args: Args,
    ui: Ui,
    cwd: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let color = ui.color;
    let max_bytes = match super::workspace(cwd, args.max_article_size) {
        Ok(ws) => ws.max_article_bytes,
        Err(e) => {
            report_error(err, e)?;
            return Ok(Outcome::Error);
        }
    };
    let mut outcome = Outcome::Clean;
    let mut array = JsonArray::default();
    let (mut claims_seen, mut files_seen, mut failed) = (0, 0, 0);
    let walked = Walker::new(cwd).expand(&args.paths);
    for skipped in &walked.skipped {
        if skipped.misses_nothing() {
            writeln!(err, "warning: {skipped}")?;
        } else {
            report_error(err, skipped)?;
            outcome = Outcome::Error;
        }
    }
    // Files are read and extracted on every core, a window at a time so that memory holds
    // only a few articles and their output, and written in the order given.
    let window = std::thread::available_parallelism().map_or(2, |n| n.get()) * 4;
    for files in walked.files.chunks(window) {
        let rendered = map_on_cores(files, |path| {
            render_file(path, max_bytes, args.format, color)
        });
        for result in rendered {
            match result {
                Ok((bytes, claims)) => {
                    match args.format {
                        OutputFormat::Json => array.push_rendered(out, &bytes, claims)?,
                        OutputFormat::Human | OutputFormat::Jsonl => out.write_all(&bytes)?,
                    }
                    claims_seen += claims;
                    files_seen += 1;
                }
                Err(e) => {
                    report_error(err, e)?;
                    outcome = Outcome::Error;
                    failed += 1;
                }
            }
        }
    }
    match args.format {
        OutputFormat::Human if !ui.quiet => summary(out, claims_seen, files_seen, failed)?,
        OutputFormat::Human => {}
        OutputFormat::Json => array.finish(out)?,
        OutputFormat::Jsonl => {}
    }
    Ok(outcome)
}
