//! Where review files live and how their contents are named: the review path derived from
//! an article's path, the review files present, short stable claim ids, and an article's title.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::decisions::FILE_NAME as DECISIONS;
use crate::digest::fnv1a;
use crate::extract::{front_matter_end, Claim};

/// The review file for an article: `seeds/a.txt` → `<dir>/seeds/a.toml`. A `.txt` extension
/// is replaced; any other is kept (`notes/a.md` → `<dir>/notes/a.md.toml`), so a Markdown and
/// a plain-text article of the same name do not share a file. The one name taken by the
/// decisions file (`conflicts.toml`) goes to `conflicts.txt.review.toml` instead.
pub fn review_path(annotations: &Path, article: &str) -> PathBuf {
    let relative = match article.strip_suffix(".txt") {
        Some(stem) => format!("{stem}.toml"),
        None => format!("{article}.toml"),
    };
    if relative == DECISIONS {
        return annotations.join(format!("{article}.review.toml"));
    }
    annotations.join(relative)
}

/// Whether `path`, relative to the annotations directory, is the decisions file rather than
/// a review file.
pub fn is_decisions_file(relative: &str) -> bool {
    relative == DECISIONS
}

/// Every review file under `annotations`: the `.toml` files outside dot-directories, sorted.
/// Linked directories are not followed; a linked file is listed, for the store to refuse.
pub fn review_files(annotations: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![annotations.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml")
                && !(dir == annotations && entry.file_name() == DECISIONS)
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Picks a short id for each new claim, unique among `taken` (ids already in the file). An
/// id is a hash of the figure and its sentence, salted until it is free; claims with the same
/// figure and sentence go on from the salt the last of them took, since every earlier one is
/// taken, so that a thousand repeats cost a thousand hashes, not half a million.
pub fn new_ids<'a>(
    claims: impl Iterator<Item = &'a Claim>,
    taken: &mut HashSet<String>,
) -> Vec<String> {
    let mut next_salt: HashMap<(&str, &str), u32> = HashMap::new();
    claims
        .map(|c| {
            let salt = next_salt.entry((&c.text, &c.sentence)).or_insert(0);
            loop {
                let hash = fnv1a(&[
                    c.text.as_bytes(),
                    c.sentence.as_bytes(),
                    &salt.to_le_bytes(),
                ]);
                *salt += 1;
                let id = format!("{:06x}", hash & 0xff_ffff);
                if taken.insert(id.clone()) {
                    return id;
                }
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
