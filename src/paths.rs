//! Paths inside the repository: the one confinement rule every file factcheck reads or writes
//! goes through, and how paths are named in messages (relative to the root, `/`-separated).
//! The current directory is always an argument, never read from the process.

use std::path::{Component, Path, PathBuf};

/// A path relative to the root, with `/` separators, or `None` when it leads out of the
/// root: by `..`, or through a symbolic link (in any part that exists) whose target is
/// outside. A relative `path` is taken from `cwd`.
pub fn relative_to_root(root: &Path, cwd: &Path, path: &Path) -> Option<String> {
    let normal = normalise(&cwd.join(path))?;
    let root = normalise(&cwd.join(root))?;
    if !resolve_links(&normal).starts_with(resolve_links(&root)) {
        return None;
    }
    written_under(&root, &normal)
}

/// `path` relative to `root` as written (both normalised), with `/` separators, links not
/// followed; `None` when it is not under it.
fn written_under(root: &Path, path: &Path) -> Option<String> {
    let parts: Vec<String> = path
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// A path relative to the root whose links were already judged, with `/` separators;
/// `None` unless it is made of plain names only.
pub fn plain_relative(path: &Path) -> Option<String> {
    let parts: Option<Vec<String>> = path
        .components()
        .map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.filter(|p| !p.is_empty()).map(|p| p.join("/"))
}

/// Whether the last component of `path` is itself a symbolic link.
pub fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// A path as shown in messages: relative to the root when it is under it, as written (a
/// link to somewhere outside is still named by where it stands).
pub fn shown(root: &Path, path: &Path) -> String {
    relative_to_root(root, root, path)
        .or_else(|| written_under(&normalise(root)?, &normalise(&root.join(path))?))
        .unwrap_or_else(|| path.display().to_string())
}

/// The path with symbolic links resolved in the part of it that exists.
fn resolve_links(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
    // A dangling link resolves to nothing; it is judged by where it points.
    let mut resolved = match std::fs::canonicalize(existing) {
        Ok(p) => p,
        Err(_) => match std::fs::read_link(existing) {
            Ok(target) => {
                let base = existing.parent().unwrap_or(Path::new("/"));
                normalise(&base.join(target)).unwrap_or_default()
            }
            Err(_) => existing.to_path_buf(),
        },
    };
    resolved.extend(rest.iter().rev());
    resolved
}

/// Resolves `.` and `..` without touching the file system; `None` if `..` climbs past the top.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confined(root: &Path, path: &Path) -> bool {
        relative_to_root(root, root, path).is_some()
    }

    #[test]
    fn paths_outside_the_root_are_refused() {
        let root = Path::new("/repo");
        let cwd = Path::new("/repo/seeds");
        assert_eq!(
            relative_to_root(root, cwd, Path::new("a.txt")).as_deref(),
            Some("seeds/a.txt")
        );
        assert_eq!(
            relative_to_root(root, cwd, Path::new("/repo/../etc/passwd")),
            None
        );
        assert_eq!(relative_to_root(root, cwd, Path::new("../../x")), None);
        assert_eq!(
            relative_to_root(root, cwd, Path::new("/elsewhere/a.txt")),
            None
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_that_leave_the_root_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.toml"), "x").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.toml"),
            root.path().join("link.toml"),
        )
        .unwrap();
        std::os::unix::fs::symlink(outside.path().join("gone"), root.path().join("dangling"))
            .unwrap();
        std::fs::write(root.path().join("inside.toml"), "x").unwrap();
        assert!(!confined(root.path(), &root.path().join("link.toml")));
        assert!(!confined(root.path(), &root.path().join("dangling")));
        assert!(confined(root.path(), &root.path().join("inside.toml")));
        assert!(confined(
            root.path(),
            &root.path().join("not/yet/there.toml")
        ));
    }
}
