//! The one way review files are read and written. Opening reads strict UTF-8 (a byte-order
//! mark is kept for the save), refuses files outside the repository or behind a symbolic
//! link, and reports every problem as a diagnostic with its position. Editing takes a lock
//! on the file first, so two processes never overwrite each other's work, and saving is one
//! atomic write that keeps the file's line endings. Versions read from git go through the
//! same parser.
//!
//! Locks, temporary files and the record of scans live in a `.factcheck/` directory inside
//! the annotations directory, which ignores itself in git.

use std::fmt;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use toml_edit::{DocumentMut, Table};

use super::edit::new_document;
use super::model::ReviewClaim;
use super::model::ReviewFile;
use super::parse::{parse_by_section, parse_for_edit, BySection, Diagnostic};
use super::sections::Part;
use crate::digest::fnv1a;
use crate::fsutil::{remove_stale_temporaries, write_atomic};
use crate::input::{decode, format_size, read_file, InputError, BOM};
use crate::paths::{self, ConfinedRoot, Refused};
use crate::workspace::REVIEW_FILE_FACTOR;

/// The directory, inside the annotations directory, for locks and temporary files.
pub const STATE_DIR: &str = ".factcheck";

/// How long an edit waits for another process's lock before it gives up.
const LOCK_TIMEOUT: Duration = Duration::from_secs(120);
/// How long an edit waits before it says that it is waiting.
const LOCK_PATIENCE: Duration = Duration::from_secs(1);

/// Why a review file could not be read or written. The file is left as it was.
#[derive(Debug)]
pub enum StoreError {
    /// The path leads outside the repository.
    Outside { shown: String },
    /// The review file is a symbolic link.
    Link { shown: String },
    /// Reading or writing failed.
    Io {
        shown: String,
        doing: &'static str,
        error: io::Error,
    },
    /// The file cannot be used: bad encoding, bad TOML, or bad contents.
    Invalid(Vec<Diagnostic>),
    /// Another process held the file's lock for too long.
    Busy { shown: String },
}

impl StoreError {
    /// The problems as diagnostics, for reports that list them per file.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            StoreError::Invalid(problems) => problems.clone(),
            other => vec![Diagnostic::file(other.shown(), other.reason())],
        }
    }

    fn shown(&self) -> &str {
        match self {
            StoreError::Outside { shown }
            | StoreError::Link { shown }
            | StoreError::Io { shown, .. }
            | StoreError::Busy { shown } => shown,
            StoreError::Invalid(problems) => {
                problems.first().and_then(|p| p.path.to_str()).unwrap_or("")
            }
        }
    }

    fn reason(&self) -> String {
        match self {
            StoreError::Outside { .. } => {
                "outside the repository; factcheck only reads and writes files under the root"
                    .into()
            }
            StoreError::Link { .. } => "a symbolic link; review files must be regular files \
                 (replace the link with the file it points to)"
                .into(),
            StoreError::Io { doing, error, .. } => format!("cannot {doing}: {error}"),
            StoreError::Invalid(_) => "cannot be used".into(),
            StoreError::Busy { .. } => format!(
                "another factcheck process has been editing it for over {} s; \
                 try again when it has finished",
                LOCK_TIMEOUT.as_secs()
            ),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, d) in self.diagnostics().iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for StoreError {}

/// The text a review file held when it was opened, with what a save must keep.
#[derive(Debug, Clone)]
pub(super) struct Original {
    /// Without the byte-order mark.
    text: String,
    bom: bool,
}

impl Original {
    /// The text, without the byte-order mark.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// A digest of the text and its byte-order mark.
    fn fingerprint(&self) -> u64 {
        fnv1a(&[&[u8::from(self.bom)], self.text.as_bytes()])
    }
}

/// A review file read from disk or from git.
#[derive(Debug, Clone)]
pub struct Review {
    /// The file's path on disk (or its label for a git version).
    pub path: PathBuf,
    /// The path as shown in messages.
    pub shown: String,
    pub file: ReviewFile,
    /// Problems that do not stop the file being used (a misspelt key).
    pub warnings: Vec<Diagnostic>,
}

/// A review file opened for editing: the parsed view and the document to change in place.
/// Only an [`Edit`] (which holds the lock) can save it.
pub struct Draft {
    path: PathBuf,
    shown: String,
    tmp_dir: PathBuf,
    original: Option<Original>,
    /// The file as it was; `None` for a new one.
    pub file: Option<ReviewFile>,
    pub doc: DocumentMut,
    pub warnings: Vec<Diagnostic>,
}

impl Draft {
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The file's text when it was opened (without a byte-order mark), `None` for a new file.
    pub fn before(&self) -> Option<&str> {
        self.original.as_ref().map(|o| o.text.as_str())
    }

    /// The text a save writes now: the document, in the line endings of the original.
    pub fn after(&self) -> String {
        in_line_endings_of(self.original.as_ref(), self.doc.to_string())
    }

    /// Whether saving would change the file.
    pub fn changed(&self) -> bool {
        self.before() != Some(self.after().as_str())
    }
}

/// A review file opened for editing under its lock; the lock is released when it is dropped.
pub struct Edit {
    draft: Draft,
    _lock: File,
}

impl std::ops::Deref for Edit {
    type Target = Draft;
    fn deref(&self) -> &Draft {
        &self.draft
    }
}

impl std::ops::DerefMut for Edit {
    fn deref_mut(&mut self) -> &mut Draft {
        &mut self.draft
    }
}

impl Edit {
    /// Writes the document if it changed; returns whether it did.
    pub fn save(&self) -> Result<bool, StoreError> {
        if !self.changed() {
            return Ok(false);
        }
        self.write_to(&self.path)?;
        Ok(true)
    }

    /// Writes the document to `path` (another review file, which the caller has locked too).
    pub fn write_to(&self, path: &Path) -> Result<(), StoreError> {
        self.write_text(path, &self.after())
    }

    /// Writes `text` as the review file, which did not exist when it was opened: the text of
    /// a new file made without a document (see `edit::new_file_text`).
    pub fn create(&self, text: &str) -> Result<(), StoreError> {
        debug_assert!(self.original.is_none(), "create is for new files");
        self.write_text(&self.path, text)
    }

    fn write_text(&self, path: &Path, text: &str) -> Result<(), StoreError> {
        let bytes = file_bytes(self.original.as_ref(), text);
        write_atomic(path, &bytes, &self.tmp_dir).map_err(|error| StoreError::Io {
            shown: self.shown.clone(),
            doing: "write",
            error,
        })
    }

    /// Deletes the review file.
    pub fn remove(self) -> Result<(), StoreError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(error) => Err(StoreError::Io {
                shown: self.shown.clone(),
                doing: "remove",
                error,
            }),
        }
    }
}

/// Told the shown path of a review file when an edit has waited a moment for its lock.
pub type WaitObserver = dyn Fn(&str) + Send + Sync;

static ON_WAIT: OnceLock<Box<WaitObserver>> = OnceLock::new();

/// Installs the process's observer of waits for locks; only the first call counts.
pub fn observe_waits(observer: Box<WaitObserver>) {
    let _ = ON_WAIT.set(observer);
}

/// A review file's lock, held until dropped.
pub struct Hold {
    _lock: File,
}

/// Reads and writes the review files of one repository.
pub struct Store<'a> {
    root: &'a Path,
    /// The root that every review file is confined to; it resolves each directory once.
    confined: ConfinedRoot,
    annotations: PathBuf,
    /// The largest review file read, in bytes.
    max_bytes: u64,
}

impl<'a> Store<'a> {
    /// The store for review files under `annotations`, in the repository at `root`, each
    /// read only up to `max_bytes`.
    pub fn new(root: &'a Path, annotations: PathBuf, max_bytes: u64) -> Store<'a> {
        Store {
            root,
            confined: ConfinedRoot::new(root),
            annotations,
            max_bytes,
        }
    }

    /// The largest review file read, in bytes.
    pub(super) fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    pub fn annotations(&self) -> &Path {
        &self.annotations
    }

    pub fn shown(&self, path: &Path) -> String {
        paths::shown(self.root, path)
    }

    /// The directory for locks, temporary files and what factcheck keeps for itself.
    pub fn state_dir(&self) -> PathBuf {
        self.annotations.join(STATE_DIR)
    }

    /// Writes one of factcheck's own files into the state directory, atomically.
    pub fn write_state(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let dir = self.prepare_state_dir()?;
        write_atomic(&dir.join(name), bytes, &self.tmp_dir())
    }

    /// Refuses a path outside the repository or a symbolic link; else the path as shown.
    pub(super) fn confine(&self, path: &Path) -> Result<String, StoreError> {
        self.confined.confine(path).map_err(|refused| {
            let shown = self.shown(path);
            match refused {
                Refused::Link => StoreError::Link { shown },
                Refused::Outside => StoreError::Outside { shown },
            }
        })
    }

    /// Reads a review file; `None` when there is none.
    pub fn read(&self, path: &Path) -> Result<Option<Review>, StoreError> {
        let shown = self.confine(path)?;
        let Some(original) = read_original(path, &shown, self.max_bytes)? else {
            return Ok(None);
        };
        let (file, warnings) = parse_checked(&shown, &original.text)?;
        Ok(Some(Review {
            path: path.to_path_buf(),
            shown,
            file,
            warnings,
        }))
    }

    /// Reads a review file one table at a time, without holding its document, handing each
    /// checked claim table to `each` (see [`parse_by_section`]): the file without its claims,
    /// its warnings, and what `each` returned, with the text's [`Store::fingerprint`]. `None`
    /// when there is no file, or it must be read whole (opening it for an edit says why, if
    /// it cannot be used).
    pub fn inspect<T: Send>(
        &self,
        path: &Path,
        each: &(dyn Fn(Part, usize, &Table, ReviewClaim) -> T + Sync),
    ) -> Result<Option<(BySection<T>, u64)>, StoreError> {
        let shown = self.confine(path)?;
        let Some(original) = read_original(path, &shown, self.max_bytes)? else {
            return Ok(None);
        };
        let read = parse_by_section(Path::new(&shown), &original.text, each);
        Ok(read.map(|r| (r, original.fingerprint())))
    }

    /// The fingerprint of a review file's text as a read would take it, for telling whether
    /// it changed, with the file's path as shown; `None` when there is no file or it cannot
    /// be read.
    pub fn fingerprint(&self, path: &Path) -> Option<(u64, String)> {
        let shown = self.confine(path).ok()?;
        let original = read_original(path, &shown, self.max_bytes).ok()??;
        Some((original.fingerprint(), shown))
    }

    /// Opens a review file for editing without locking it, to see what an edit would do.
    pub fn draft(&self, path: &Path, article: &str) -> Result<Draft, StoreError> {
        let shown = self.confine(path)?;
        let original = read_original(path, &shown, self.max_bytes)?;
        let (file, doc, warnings) = match &original {
            Some(o) => match parse_for_edit(Path::new(&shown), &o.text) {
                (Some((file, doc)), warnings) => (Some(file), doc, warnings),
                (None, problems) => return Err(StoreError::Invalid(problems)),
            },
            None => (None, new_document(article), Vec::new()),
        };
        Ok(Draft {
            path: path.to_path_buf(),
            shown,
            tmp_dir: self.tmp_dir(),
            original,
            file,
            doc,
            warnings,
        })
    }

    /// Opens a review file for editing: waits for its lock, then reads it. A file that does
    /// not exist yet opens as a new document for `article`.
    pub fn edit(&self, path: &Path, article: &str) -> Result<Edit, StoreError> {
        let shown = self.confine(path)?;
        let lock = self.lock(&shown)?;
        let draft = self.draft(path, article)?;
        Ok(Edit { draft, _lock: lock })
    }

    /// Holds the lock of a review file while something other than an [`Edit`] writes what
    /// will become it (git's merge driver writes the merged version to git's own file).
    pub fn hold(&self, path: &Path) -> Result<Hold, StoreError> {
        let shown = self.confine(path)?;
        Ok(Hold {
            _lock: self.lock(&shown)?,
        })
    }

    /// Opens an existing review file for editing; `None` when there is none.
    pub fn edit_existing(&self, path: &Path) -> Result<Option<Edit>, StoreError> {
        let edit = self.edit(path, "")?;
        Ok(edit.file.is_some().then_some(edit))
    }

    pub(super) fn tmp_dir(&self) -> PathBuf {
        self.state_dir().join("tmp")
    }

    /// Makes the state directory, which tells git to ignore it. The ignore file is written
    /// first, in one small write with nothing else in the directory yet (a temporary file
    /// beside it would be seen by git until the rename), and written again whenever it does
    /// not say what it should. The threads of a process do this one at a time, so that none
    /// takes the ignore file another has just created, still empty, for a wrong one and
    /// empties it again while the directory fills.
    fn prepare_state_dir(&self) -> io::Result<PathBuf> {
        const IGNORE: &str = "# factcheck's locks and temporary files\n*\n";
        static PREPARING: Mutex<()> = Mutex::new(());
        let _one_at_a_time = PREPARING.lock().unwrap_or_else(PoisonError::into_inner);
        let dir = self.state_dir();
        let ignore = dir.join(".gitignore");
        if std::fs::read(&ignore).ok().as_deref() != Some(IGNORE.as_bytes()) {
            std::fs::create_dir_all(&dir)?;
            File::options()
                .write(true)
                .create(true)
                .truncate(true)
                .open(&ignore)?
                .write_all(IGNORE.as_bytes())?;
        }
        Ok(dir)
    }

    /// Takes the lock of one review file, waiting for another process to release it.
    pub(super) fn lock(&self, shown: &str) -> Result<File, StoreError> {
        let io_error = |error| StoreError::Io {
            shown: shown.to_string(),
            doing: "lock",
            error,
        };
        let locks = self.prepare_state_dir().map_err(io_error)?.join("locks");
        std::fs::create_dir_all(&locks).map_err(io_error)?;
        let name = format!("{:016x}.lock", fnv1a(&[shown.as_bytes()]));
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(locks.join(name))
            .map_err(io_error)?;
        let started = Instant::now();
        let mut said = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => return Err(io_error(e)),
            }
            let waited = started.elapsed();
            if waited > LOCK_TIMEOUT {
                return Err(StoreError::Busy {
                    shown: shown.to_string(),
                });
            }
            if waited > LOCK_PATIENCE && !said {
                if let Some(observer) = ON_WAIT.get() {
                    observer(shown);
                }
                said = true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Removes temporary files that killed processes left behind, in the state directory and
    /// (from older versions) beside the review files. Returns their shown paths.
    pub fn remove_leftovers(&self) -> Vec<String> {
        let mut removed = remove_stale_temporaries(&self.tmp_dir(), false);
        removed.extend(remove_stale_temporaries(&self.annotations, true));
        removed.iter().map(|p| self.shown(p)).collect()
    }
}

/// `text` with the line endings of the file it replaces: CRLF if the file had them.
pub(super) fn in_line_endings_of(original: Option<&Original>, text: String) -> String {
    match original {
        Some(o) if o.text.contains("\r\n") => text.replace("\r\n", "\n").replace('\n', "\r\n"),
        _ => text,
    }
}

/// The bytes a save writes: `text`, after the byte-order mark when the original had one.
pub(super) fn file_bytes(original: Option<&Original>, text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() + BOM.len());
    if original.is_some_and(|o| o.bom) {
        bytes.extend_from_slice(BOM.as_bytes());
    }
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// Reads a file's bytes (at most `max_bytes`, and only from a regular file) and decodes
/// them; `None` when it does not exist.
pub(super) fn read_original(
    path: &Path,
    shown: &str,
    max_bytes: u64,
) -> Result<Option<Original>, StoreError> {
    let bytes = match read_file(path, max_bytes) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(None),
        Err(InputError::Unreadable(_, error)) => {
            return Err(StoreError::Io {
                shown: shown.to_string(),
                doing: "read",
                error,
            })
        }
        Err(InputError::TooLarge { limit, .. }) => {
            let mut d = Diagnostic::file(
                shown,
                format!(
                    "larger than {}, the limit for a review file",
                    format_size(limit)
                ),
            );
            d.help = Some(format!(
                "review files may be {REVIEW_FILE_FACTOR} times `max_article_size` in factcheck.toml; \
                 a file this large was not written by factcheck for one article"
            ));
            return Err(StoreError::Invalid(vec![d]));
        }
        Err(other) => {
            return Err(StoreError::Invalid(vec![Diagnostic::file(
                shown,
                other.reason(),
            )]))
        }
    };
    decode_original(shown, bytes).map(Some)
}

/// Decodes a review file's bytes as the store does: strict UTF-8, returned without its
/// byte-order mark, and whether it had one.
pub fn decode_review(label: &str, bytes: Vec<u8>) -> Result<(String, bool), StoreError> {
    decode_original(label, bytes).map(|o| (o.text, o.bom))
}

fn decode_original(shown: &str, bytes: Vec<u8>) -> Result<Original, StoreError> {
    let text = decode(Path::new(shown), bytes).map_err(|e| {
        let offset = match &e {
            InputError::InvalidUtf8 { offset, .. } => Some(*offset),
            _ => None,
        };
        let mut d = Diagnostic::file(shown, e.reason());
        if let Some(offset) = offset {
            d.message = format!("not valid UTF-8 at byte {offset}");
            d.help = Some(
                "review files are UTF-8; convert it (for example `iconv -f windows-1252 -t utf-8`)"
                    .into(),
            );
        }
        StoreError::Invalid(vec![d])
    })?;
    Ok(match text.strip_prefix(BOM) {
        Some(rest) => Original {
            text: rest.to_string(),
            bom: true,
        },
        None => Original { text, bom: false },
    })
}

/// Reads a review file for a command that only reads: quickly when it has nothing to report,
/// else through the full parse, which says what is wrong and where.
fn parse_checked(shown: &str, text: &str) -> Result<(ReviewFile, Vec<Diagnostic>), StoreError> {
    if let Some(file) = super::fast::read(Path::new(shown), text) {
        return Ok((file, Vec::new()));
    }
    match super::parse::parse(Path::new(shown), text) {
        (Some(file), warnings) => Ok((file, warnings)),
        (None, problems) => Err(StoreError::Invalid(problems)),
    }
}

/// Parses a version of a review file read from git; `label` names it (`HEAD:annotations/a.toml`).
pub fn parse_blob(label: &str, bytes: Vec<u8>) -> Result<Review, StoreError> {
    let original = decode_original(label, bytes)?;
    let (file, warnings) = parse_checked(label, &original.text)?;
    Ok(Review {
        path: PathBuf::from(label),
        shown: label.to_string(),
        file,
        warnings,
    })
}
