//! Atomic file writes: a temporary file, synced, then renamed over the target, so a crash
//! leaves either the old file or the new one. Each temporary file is locked while it is being
//! written, so one left behind by a killed process is told from one in use and removed.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What temporary files are called, wherever they are made.
const PREFIX: &str = ".factcheck-";

/// Writes `contents` to `path` atomically, creating parent directories as needed; the
/// temporary file is made in `tmp_dir` (on the same file system). A file that existed keeps
/// its permissions; a new one is readable by all (0644 on Unix).
pub fn write_atomic(path: &Path, contents: &[u8], tmp_dir: &Path) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    std::fs::create_dir_all(tmp_dir)?;
    let mut tmp = locked_temporary(tmp_dir)?;
    tmp.write_all(contents)?;
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => new_file_permissions(tmp.as_file().metadata()?.permissions()),
    };
    tmp.as_file().set_permissions(permissions)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A new temporary file in `dir`, locked by this process. A cleaner may remove a file in
/// the instant between its creation and its lock; then it is made again.
fn locked_temporary(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    loop {
        let tmp = tempfile::Builder::new().prefix(PREFIX).tempfile_in(dir)?;
        tmp.as_file().try_lock().map_err(io::Error::from)?;
        if same_file(tmp.as_file(), tmp.path()) {
            return Ok(tmp);
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// Removes the temporary files in `dir` (and, with `recursive`, below it) that no running
/// process holds: leftovers of a process that was killed while writing. Returns them.
pub fn remove_stale_temporaries(dir: &Path, recursive: bool) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && recursive {
                stack.push(path);
            } else if kind.is_file()
                && entry.file_name().to_string_lossy().starts_with(PREFIX)
                && is_abandoned(&path)
                && std::fs::remove_file(&path).is_ok()
            {
                removed.push(path);
            }
        }
    }
    removed.sort();
    removed
}

/// Whether no process holds the lock of a temporary file.
fn is_abandoned(path: &Path) -> bool {
    File::open(path).is_ok_and(|f| f.try_lock().is_ok())
}

#[cfg(unix)]
fn new_file_permissions(mut p: std::fs::Permissions) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    p.set_mode(0o644);
    p
}

#[cfg(not(unix))]
fn new_file_permissions(p: std::fs::Permissions) -> std::fs::Permissions {
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_in_use_is_kept_and_an_abandoned_one_removed() {
        let dir = tempfile::tempdir().unwrap();
        let in_use = locked_temporary(dir.path()).unwrap();
        let abandoned = dir.path().join(".factcheck-left");
        std::fs::write(&abandoned, "half").unwrap();
        assert_eq!(remove_stale_temporaries(dir.path(), false), vec![abandoned]);
        assert!(in_use.path().exists());
    }

    #[test]
    fn writes_replace_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b.toml");
        write_atomic(&target, b"one", &dir.path().join("tmp")).unwrap();
        write_atomic(&target, b"two", &dir.path().join("tmp")).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        assert_eq!(
            std::fs::read_dir(dir.path().join("tmp")).unwrap().count(),
            0
        );
    }
}
