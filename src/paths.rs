//! Paths inside the repository: the one confinement rule every file factcheck reads or writes
//! goes through, and how paths are named in messages (relative to the root, `/`-separated).
//! The current directory is always an argument, never read from the process. A
//! [`ConfinedRoot`] applies the rule to many files under one root, resolving the root's links
//! once and each directory's once for all the files in it.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

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

/// Why [`ConfinedRoot::confine`] refuses a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The path is itself a symbolic link.
    Link,
    /// The path leads out of the root.
    Outside,
}

/// A root that many paths are confined to, as [`relative_to_root`] confines them.
pub struct ConfinedRoot {
    root: PathBuf,
    /// The root normalised, and with its links resolved; `None` when it climbs past the top.
    resolved_root: OnceLock<Option<(PathBuf, PathBuf)>>,
    dirs: ResolvedDirs,
}

impl ConfinedRoot {
    pub fn new(root: &Path) -> ConfinedRoot {
        ConfinedRoot {
            root: root.to_path_buf(),
            resolved_root: OnceLock::new(),
            dirs: ResolvedDirs::default(),
        }
    }

    /// `path` as `relative_to_root(root, root, path)` gives it, unless `path` is itself a
    /// symbolic link.
    pub fn confine(&self, path: &Path) -> Result<String, Refused> {
        if is_symlink(path) {
            return Err(Refused::Link);
        }
        let (root, real_root) = self
            .resolved_root
            .get_or_init(|| {
                let root = normalise(&self.root.join(&self.root))?;
                let real = resolve_links(&root);
                Some((root, real))
            })
            .as_ref()
            .ok_or(Refused::Outside)?;
        let normal = normalise(&self.root.join(path)).ok_or(Refused::Outside)?;
        // A path that is no link resolves as its directory does; unless it was not written
        // normalised, when the file found is not the one just seen to be no link.
        let real = match normal.parent().zip(normal.file_name()) {
            Some((dir, name)) if normal == path => self.dirs.resolved(dir).join(name),
            _ => resolve_links(&normal),
        };
        if !real.starts_with(real_root) {
            return Err(Refused::Outside);
        }
        written_under(root, &normal).ok_or(Refused::Outside)
    }
}

/// Directories with their links resolved, each resolved once however many files in it are
/// looked at.
#[derive(Default)]
pub struct ResolvedDirs(Mutex<HashMap<PathBuf, PathBuf>>);

impl ResolvedDirs {
    /// `dir` with the links in the part of it that exists resolved.
    pub fn resolved(&self, dir: &Path) -> PathBuf {
        let dirs = || self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(real) = dirs().get(dir) {
            return real.clone();
        }
        let real = resolve_links(dir);
        dirs().insert(dir.to_path_buf(), real.clone());
        real
    }
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
    fn a_confined_root_refuses_what_relative_to_root_refuses() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        let (o, r) = (outside.path(), root.path());
        std::fs::create_dir_all(r.join("in/deep")).unwrap();
        std::fs::write(o.join("secret.toml"), "x").unwrap();
        std::fs::write(r.join("in/a.toml"), "x").unwrap();
        std::os::unix::fs::symlink(o, r.join("out")).unwrap();
        std::os::unix::fs::symlink(r.join("in"), r.join("inner")).unwrap();
        std::os::unix::fs::symlink(o.join("secret.toml"), r.join("in/link.toml")).unwrap();
        let confined = ConfinedRoot::new(r);
        for path in [
            "in/a.toml",
            "in/deep/new.toml",
            "in/gone/new.toml",
            "out/secret.toml",
            "out/new.toml",
            "inner/a.toml",
            "inner/../in/a.toml",
            "in/deep/../a.toml",
            "out/../in/a.toml",
            "../elsewhere.toml",
            "",
        ] {
            let path = r.join(path);
            for _twice in 0..2 {
                let expected = match relative_to_root(r, r, &path) {
                    _ if is_symlink(&path) => Err(Refused::Link),
                    Some(shown) => Ok(shown),
                    None => Err(Refused::Outside),
                };
                assert_eq!(confined.confine(&path), expected, "{}", path.display());
            }
        }
        assert_eq!(
            confined.confine(&r.join("in/link.toml")),
            Err(Refused::Link)
        );
        assert_eq!(
            confined.confine(&r.join("out/secret.toml")),
            Err(Refused::Outside)
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
