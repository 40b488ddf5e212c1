//! Where review files live and how their contents are named: the review path derived from
//! an article's path, short stable claim ids, and an article's title.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use crate::digest::fnv1a;
use crate::extract::{front_matter_end, Claim};

/// The review file for an article: `seeds/a.txt` → `<dir>/seeds/a.toml`. A `.txt` extension
/// is replaced; any other is kept (`notes/a.md` → `<dir>/notes/a.md.toml`), so a Markdown and
/// a plain-text article of the same name do not share a file.
pub fn review_path(annotations: &Path, article: &str) -> PathBuf {
    let relative = match article.strip_suffix(".txt") {
        Some(stem) => format!("{stem}.toml"),
        None => format!("{article}.toml"),
    };
    annotations.join(relative)
}

/// An article path relative to the root, with `/` separators, or `None` when it leads out
/// of the root, by `..` or through a symbolic link.
pub fn relative_to_root(root: &Path, path: &Path) -> Option<String> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let normal = normalise(&absolute)?;
    let root = normalise(root)?;
    let rel = normal.strip_prefix(&root).ok()?;
    if !resolve_links(&normal).starts_with(resolve_links(&root)) {
        return None;
    }
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// A path as shown in messages: relative to the root when it is under it.
pub fn shown_path(root: &Path, path: &Path) -> PathBuf {
    relative_to_root(root, path).map_or_else(|| path.to_path_buf(), PathBuf::from)
}

/// The path with symbolic links resolved in the part of it that exists.
fn resolve_links(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
    let mut resolved = std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
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

/// Picks a short id for each new claim, unique among `taken` (ids already in the file).
pub fn new_ids<'a>(
    claims: impl Iterator<Item = &'a Claim>,
    taken: &mut HashSet<String>,
) -> Vec<String> {
    claims
        .map(|c| {
            let mut salt = 0u32;
            loop {
                let hash = fnv1a(&[
                    c.text.as_bytes(),
                    c.sentence.as_bytes(),
                    &salt.to_le_bytes(),
                ]);
                let id = format!("{:06x}", hash & 0xff_ffff);
                if taken.insert(id.clone()) {
                    return id;
                }
                salt += 1;
            }
        })
        .collect()
}

/// The article's title: its first non-blank line, without Markdown heading marks or bullets.
/// Front matter's `title` field wins when there is one.
pub fn title(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}');
    let (front, body) = match front_matter_end(text) {
        Some(end) => text.split_at(end),
        None => ("", text),
    };
    let from_front = front.lines().find_map(|l| {
        let value = l
            .strip_prefix("title:")
            .or_else(|| l.strip_prefix("title ="))?;
        Some(value.trim().trim_matches(['"', '\'']))
    });
    let line = from_front.unwrap_or_else(|| {
        body.lines()
            .map(|l| {
                l.trim_matches(|c: char| c.is_whitespace() || c == '#' || c == '•' || c == '*')
            })
            .find(|l| !l.is_empty() && *l != "---")
            .unwrap_or("")
    });
    line.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_paths_do_not_collide() {
        let dir = Path::new("annotations");
        assert_eq!(
            review_path(dir, "seeds/a.txt"),
            Path::new("annotations/seeds/a.toml")
        );
        assert_eq!(
            review_path(dir, "seeds/a.md"),
            Path::new("annotations/seeds/a.md.toml")
        );
    }

    #[test]
    fn paths_outside_the_root_are_refused() {
        let root = Path::new("/repo");
        assert_eq!(
            relative_to_root(root, Path::new("/repo/seeds/a.txt")).as_deref(),
            Some("seeds/a.txt")
        );
        assert_eq!(
            relative_to_root(root, Path::new("/repo/../etc/passwd")),
            None
        );
        assert_eq!(relative_to_root(root, Path::new("/elsewhere/a.txt")), None);
    }

    #[test]
    fn title_skips_furniture() {
        assert_eq!(title("\n  • Shortlysts\nBody"), "Shortlysts");
        assert_eq!(title("# Big news\n\ntext"), "Big news");
        assert_eq!(title("\u{feff}Ships arrive\n"), "Ships arrive");
        assert_eq!(
            title("---\ntitle: \"Ships: 40 arrived\"\n---\n# Other\n"),
            "Ships: 40 arrived"
        );
        assert_eq!(title("---\nauthor: x\n---\n\n# Heading\n"), "Heading");
    }
}
