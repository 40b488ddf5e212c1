//! Atomic file writes: a temporary file in the same directory, then a rename, so a crash
//! leaves either the old file or the new one.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically, creating parent directories as needed. A file
/// that existed keeps its permissions; a new one is readable by all (0644 on Unix).
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".factcheck-")
        .tempfile_in(dir)?;
    tmp.write_all(contents.as_bytes())?;
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => new_file_permissions(tmp.as_file().metadata()?.permissions()),
    };
    tmp.as_file().set_permissions(permissions)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
