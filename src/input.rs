//! Reading articles: files, directories of articles and standard input, as UTF-8 text, each
//! read with a cap on its size so that no input can exhaust memory. Only regular files (and
//! standard input) are read: a named pipe, a device or a socket is refused rather than waited
//! on. Errors name the path and, for invalid UTF-8, the byte offset of the first bad byte.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::extract::{extract_each, Claim, Format};
use crate::render::sanitize::terminal;

/// File extensions treated as articles when a directory is given.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// The largest article read unless configured otherwise: 64 MiB, some thousand times a long
/// feature, small enough that its claims fit in memory on any machine.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 64 << 20;

/// The environment variable that sets the largest article, overriding `factcheck.toml`.
pub const MAX_ARTICLE_ENV: &str = "FACTCHECK_MAX_ARTICLE_SIZE";

/// An article's text and where it came from (`-` for standard input).
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    /// The text as read, with its byte-order mark if it has one.
    pub text: String,
}

impl Source {
    /// The text after the byte-order mark, if any: what is read for claims and the title.
    pub fn body(&self) -> &str {
        self.text.strip_prefix(BOM).unwrap_or(&self.text)
    }

    /// The article's claims, their spans byte offsets into the file as read (a byte-order
    /// mark is not a character: columns do not count it, offsets step over it).
    pub fn claims(&self) -> Vec<Claim> {
        let mut claims = Vec::new();
        self.each_claim(|claim| claims.push(claim.clone()));
        claims
    }

    /// Hands each of [`Source::claims`] to `each` as it is read, holding one at a time; as
    /// with [`extract_each`], the claim handed over is reused for the next.
    pub fn each_claim(&self, mut each: impl FnMut(&Claim)) {
        let skipped = self.text.len() - self.body().len();
        extract_each(self.body(), Format::from_path(&self.path), |claim| {
            if skipped == 0 {
                return each(claim);
            }
            let mut shifted = claim.clone();
            shifted.start += skipped;
            shifted.end += skipped;
            each(&shifted)
        });
    }
}

/// Why an article could not be read.
#[derive(Debug)]
pub enum InputError {
    NotFound(PathBuf),
    Unreadable(PathBuf, io::Error),
    InvalidUtf8 {
        path: PathBuf,
        offset: usize,
    },
    /// UTF-16 text, told by its byte-order mark.
    Utf16(PathBuf),
    /// Not a regular file: a named pipe, a device, a socket or a directory.
    NotAFile {
        path: PathBuf,
        kind: &'static str,
    },
    /// Larger than the limit, in bytes.
    TooLarge {
        path: PathBuf,
        limit: u64,
    },
}

impl InputError {
    pub fn path(&self) -> &Path {
        match self {
            InputError::NotFound(p) | InputError::Unreadable(p, _) | InputError::Utf16(p) => p,
            InputError::InvalidUtf8 { path, .. }
            | InputError::NotAFile { path, .. }
            | InputError::TooLarge { path, .. } => path,
        }
    }

    /// The same error, naming the file as `path` (relative to the root, say).
    pub fn shown_as(self, path: impl Into<PathBuf>) -> InputError {
        let path = path.into();
        match self {
            InputError::NotFound(_) => InputError::NotFound(path),
            InputError::Unreadable(_, e) => InputError::Unreadable(path, e),
            InputError::InvalidUtf8 { offset, .. } => InputError::InvalidUtf8 { path, offset },
            InputError::Utf16(_) => InputError::Utf16(path),
            InputError::NotAFile { kind, .. } => InputError::NotAFile { path, kind },
            InputError::TooLarge { limit, .. } => InputError::TooLarge { path, limit },
        }
    }

    /// What went wrong, without the path.
    pub fn reason(&self) -> String {
        match self {
            InputError::NotFound(_) => "no such file or directory".into(),
            InputError::Unreadable(_, e) => format!("cannot read: {e}"),
            InputError::InvalidUtf8 { offset, .. } => format!(
                "not valid UTF-8 at byte {offset}; convert the file to UTF-8 \
                 (for example `iconv -f windows-1252 -t utf-8`)"
            ),
            InputError::Utf16(_) => "UTF-16 text (it starts with a UTF-16 byte-order mark); \
                 convert the file to UTF-8 (for example `iconv -f utf-16 -t utf-8`)"
                .into(),
            InputError::NotAFile { kind, .. } => format!(
                "not a regular file but {kind}; factcheck reads regular files, and \
                 standard input given as `-`"
            ),
            InputError::TooLarge { limit, .. } => format!(
                "larger than {}, the limit for one article; if it really is one article, \
                 raise the limit: `max_article_size` in factcheck.toml, {MAX_ARTICLE_ENV}, \
                 or --max-article-size for extract",
                format_size(*limit)
            ),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            terminal(&self.path().display().to_string()),
            self.reason()
        )
    }
}

impl std::error::Error for InputError {}

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// Decodes bytes read from `path` as UTF-8 (a leading byte-order mark stays in the text).
/// UTF-16 is recognised by its byte-order mark and refused with a hint.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(InputError::Utf16(path.to_path_buf()));
    }
    String::from_utf8(bytes).map_err(|e| InputError::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Reads one article of at most `max_bytes` from a file, or from standard input when the
/// path is `-`.
pub fn read(path: &Path, max_bytes: u64) -> Result<Source, InputError> {
    let bytes = if path == Path::new("-") {
        read_capped(io::stdin().lock(), 0, max_bytes)
            .map_err(|e| e.at(path, max_bytes))?
            .ok_or_else(|| too_large(path, max_bytes))?
    } else {
        read_file(path, max_bytes)?.ok_or_else(|| InputError::NotFound(path.to_path_buf()))?
    };
    Ok(Source {
        path: path.to_path_buf(),
        text: decode(path, bytes)?,
    })
}

/// The bytes of a regular file of at most `max_bytes`; `None` when there is no such file.
/// Anything that is not a regular file is refused without waiting on it.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Option<Vec<u8>>, InputError> {
    let file = match open_without_waiting(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(InputError::Unreadable(path.to_path_buf(), e)),
    };
    let meta = file
        .metadata()
        .map_err(|e| InputError::Unreadable(path.to_path_buf(), e))?;
    if !meta.is_file() {
        return Err(InputError::NotAFile {
            path: path.to_path_buf(),
            kind: kind_of(&meta),
        });
    }
    if meta.len() > max_bytes {
        return Err(too_large(path, max_bytes));
    }
    match read_capped(file, meta.len(), max_bytes) {
        Ok(Some(bytes)) => Ok(Some(bytes)),
        Ok(None) => Err(too_large(path, max_bytes)),
        Err(e) => Err(e.at(path, max_bytes)),
    }
}

fn too_large(path: &Path, limit: u64) -> InputError {
    InputError::TooLarge {
        path: path.to_path_buf(),
        limit,
    }
}

/// A read that failed, before its path is known.
struct ReadFailure(io::Error);

impl ReadFailure {
    fn at(self, path: &Path, limit: u64) -> InputError {
        match self.0.kind() {
            io::ErrorKind::OutOfMemory => too_large(path, limit),
            _ => InputError::Unreadable(path.to_path_buf(), self.0),
        }
    }
}

/// Reads at most `max_bytes` from `reader`; `None` when there is more.
fn read_capped(
    reader: impl Read,
    expected: u64,
    max_bytes: u64,
) -> Result<Option<Vec<u8>>, ReadFailure> {
    let mut bytes = Vec::new();
    bytes
        .try_reserve(expected.min(max_bytes) as usize)
        .map_err(|_| ReadFailure(io::ErrorKind::OutOfMemory.into()))?;
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadFailure)?;
    Ok((bytes.len() as u64 <= max_bytes).then_some(bytes))
}

/// Opens a file for reading; a named pipe with no writer opens at once instead of blocking,
/// so that it can be told from a file and refused.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// What a file that is not a regular file is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// A size as people write it: "64 MiB", "1.5 GiB", "900 bytes".
pub fn format_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            let value = bytes as f64 / unit as f64;
            let shown = format!("{value:.1}");
            return format!("{} {name}", shown.trim_end_matches(".0"));
        }
    }
    format!("{bytes} bytes")
}

/// Parses a size: a number of bytes, or a number with a unit: `KB`, `MB`, `GB` (powers of
/// 1000) or `KiB`, `MiB`, `GiB` (powers of 1024), in any case, a space allowed between.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size"))?;
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" | "bytes" => 1,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "kib" | "k" => 1 << 10,
        "mib" | "m" => 1 << 20,
        "gib" | "g" => 1 << 30,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{text}`; use bytes, KB, MB, GB, KiB, MiB or GiB"
            ))
        }
    };
    let bytes = number * scale as f64;
    if bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("`{text}` is not a usable size"));
    }
    Ok(bytes as u64)
}

/// Whether a path has an article extension.
pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| e.eq_ignore_ascii_case(a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_print_as_people_write_them() {
        assert_eq!(parse_size("64 MiB"), Ok(64 << 20));
        assert_eq!(parse_size("200MB"), Ok(200_000_000));
        assert_eq!(parse_size("1.5gib"), Ok(3 << 29));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert!(parse_size("0").is_err());
        assert_eq!(format_size(64 << 20), "64 MiB");
        assert_eq!(format_size(3 << 29), "1.5 GiB");
        assert_eq!(format_size(900), "900 bytes");
    }
}
