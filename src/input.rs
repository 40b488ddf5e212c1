//! Reading articles: files, directories of articles and standard input, as UTF-8 text.
//! Errors name the path and, for invalid UTF-8, the byte offset of the first bad byte.

use crate::render::sanitize::terminal;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// File extensions treated as articles when a directory is given.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// An article's text and where it came from (`-` for standard input).
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

/// Why an article could not be read.
#[derive(Debug)]
pub enum InputError {
    NotFound(PathBuf),
    Unreadable(PathBuf, std::io::Error),
    InvalidUtf8 {
        path: PathBuf,
        offset: usize,
    },
    /// UTF-16 text, told by its byte-order mark.
    Utf16(PathBuf),
}

impl InputError {
    pub fn path(&self) -> &Path {
        match self {
            InputError::NotFound(p) | InputError::Unreadable(p, _) => p,
            InputError::InvalidUtf8 { path, .. } | InputError::Utf16(path) => path,
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

/// Reads one article from a file, or from standard input when the path is `-`.
pub fn read(path: &Path) -> Result<Source, InputError> {
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| InputError::Unreadable(path.to_path_buf(), e))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => InputError::NotFound(path.to_path_buf()),
            _ => InputError::Unreadable(path.to_path_buf(), e),
        })?
    };
    Ok(Source {
        path: path.to_path_buf(),
        text: decode(path, bytes)?,
    })
}

/// Expands the given paths: a directory stands for the articles under it, sorted.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            collect_articles(path, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    out
}

fn collect_articles(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_articles(&path, out);
        } else if is_article(&path) {
            out.push(path);
        }
    }
}

/// Whether a path has an article extension.
pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| e.eq_ignore_ascii_case(a)))
}
