//! `factcheck extract`: print the numeric claims of articles, read and extracted on every
//! core and printed in the order given; writes nothing.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{report_error, Outcome, Ui};
use crate::input::{self, InputError};
use crate::parallel::map_on_cores;
use crate::render::extract::{human, summary, JsonArray, Records};
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

/// The size of the pieces a file's output is handed on in: a very large article's claims are
/// written as they are read, never held together.
const PIECE: usize = 64 << 10;

/// Reads one file and renders its claims in `format`, handing the output to `emit` a piece
/// at a time with the number of claims in it; or says why the file cannot be read. The outer
/// error is `emit`'s.
fn render_file(
    path: &Path,
    max_bytes: u64,
    format: OutputFormat,
    color: bool,
    emit: &mut dyn FnMut(&[u8], usize) -> io::Result<()>,
) -> io::Result<Result<(), InputError>> {
    let source = match input::read(path, max_bytes) {
        Ok(source) => source,
        Err(e) => return Ok(Err(e)),
    };
    let records = match format {
        OutputFormat::Human => {
            // The listing opens with the number of claims, so they are read first.
            let claims = source.claims();
            let mut bytes = Vec::new();
            human(&mut bytes, &source.path, &claims, color).expect("writing to memory cannot fail");
            emit(&bytes, claims.len())?;
            return Ok(Ok(()));
        }
        OutputFormat::Jsonl => Records::lines(&source.path),
        OutputFormat::Json => Records::items(&source.path),
    };
    let mut piece = Vec::with_capacity(PIECE + PIECE / 4);
    let mut in_piece = 0;
    let mut emitted = Ok(());
    source.each_claim(|claim| {
        if emitted.is_err() {
            return;
        }
        records.write(&mut piece, claim);
        in_piece += 1;
        if piece.len() >= PIECE {
            emitted = emit(&piece, in_piece);
            piece.clear();
            in_piece = 0;
        }
    });
    emitted?;
    emit(&piece, in_piece)?;
    Ok(Ok(()))
}

/// Where rendered claims go, and what has been seen: claims, files, and files that could not
/// be read.
struct Output<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    format: OutputFormat,
    array: JsonArray,
    claims: usize,
    files: usize,
    failed: usize,
}

impl Output<'_> {
    fn emit(&mut self, piece: &[u8], claims: usize) -> io::Result<()> {
        self.claims += claims;
        match self.format {
            OutputFormat::Json => self.array.push_rendered(self.out, piece, claims),
            OutputFormat::Human | OutputFormat::Jsonl => self.out.write_all(piece),
        }
    }

    /// Counts a file whose output has been emitted, or reports why it could not be read;
    /// false for the latter.
    fn finished(&mut self, read: Result<(), InputError>) -> io::Result<bool> {
        match read {
            Ok(()) => {
                self.files += 1;
                Ok(true)
            }
            Err(e) => {
                report_error(self.err, e)?;
                self.failed += 1;
                Ok(false)
            }
        }
    }
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
    let walked = Walker::new(cwd).expand(&args.paths);
    for skipped in &walked.skipped {
        if skipped.misses_nothing() {
            writeln!(err, "warning: {skipped}")?;
        } else {
            report_error(err, skipped)?;
            outcome = Outcome::Error;
        }
    }
    let mut output = Output {
        out,
        err,
        format: args.format,
        array: JsonArray::default(),
        claims: 0,
        files: 0,
        failed: 0,
    };
    let window = std::thread::available_parallelism().map_or(2, |n| n.get()) * 4;
    match walked.files.as_slice() {
        // One file is written as it is read.
        [path] => {
            let read = render_file(path, max_bytes, args.format, color, &mut |piece, claims| {
                output.emit(piece, claims)
            })?;
            if !output.finished(read)? {
                outcome = Outcome::Error;
            }
        }
        // Many are read and extracted on every core, a window at a time so that memory
        // holds only a few articles and their output, and written in the order given.
        files => {
            for files in files.chunks(window) {
                let rendered = map_on_cores(files, |path| {
                    let (mut bytes, mut claims) = (Vec::new(), 0);
                    let read = render_file(path, max_bytes, args.format, color, &mut |piece, n| {
                        bytes.extend_from_slice(piece);
                        claims += n;
                        Ok(())
                    })
                    .expect("writing to memory cannot fail");
                    (read, bytes, claims)
                });
                for (read, bytes, claims) in rendered {
                    if read.is_ok() {
                        output.emit(&bytes, claims)?;
                    }
                    if !output.finished(read)? {
                        outcome = Outcome::Error;
                    }
                }
            }
        }
    }
    let Output {
        out,
        array,
        claims,
        files,
        failed,
        ..
    } = output;
    match args.format {
        OutputFormat::Human if !ui.quiet => summary(out, claims, files, failed)?,
        OutputFormat::Human => {}
        OutputFormat::Json => array.finish(out)?,
        OutputFormat::Jsonl => {}
    }
    Ok(outcome)
}
