//! One claim's history: its changes through successive versions of its review file, oldest
//! first, each tagged with whatever identifies the version (a commit, in practice).

use super::{change, ClaimChange, Placed};
use crate::review::ReviewFile;

/// Where the claim `id` is in a version of the file, if it is there.
fn place<'a>(file: Option<&'a ReviewFile>, id: &str) -> Option<Placed<'a>> {
    let file = file?;
    let current = file.claims.iter().find(|c| c.id == id).map(|c| (c, false));
    current.or_else(|| file.retired.iter().find(|c| c.id == id).map(|c| (c, true)))
}

/// The changes to claim `id` across `versions` (each a tag and the file then, `None` when it
/// did not exist), with the tag of the version that made each change.
pub fn claim_log<'a, T>(
    id: &str,
    versions: &'a [(T, Option<ReviewFile>)],
) -> Vec<(&'a T, ClaimChange<'a>)> {
    let mut previous = None;
    let mut steps = Vec::new();
    for (tag, file) in versions {
        let now = place(file.as_ref(), id);
        if let Some(step) = change(previous, now) {
            steps.push((tag, step));
        }
        previous = now;
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{ChangeKind, Field};
    use crate::review::{parse, Status};
    use std::path::Path;

    fn file(status: &str, value: &str, retired: bool) -> ReviewFile {
        let table = if retired { "retired" } else { "claim" };
        let text = format!(
            "[article]\npath = \"a.txt\"\ntitle = \"A\"\ndigest = \"d\"\n\n[[{table}]]\nid = \"abc123\"\nline = 1\ncolumn = 1\ntext = \"{value} ships\"\nsentence = \"There were {value} ships.\"\nvalue = {value}\nunit = \"ships\"\nbound = \"exact\"\nkind = \"count\"\nstatus = \"{status}\"\nsource = \"\"\nnote = \"\"\nreviewer = \"\"\nreviewed_at = \"\"\n"
        );
        parse(Path::new("a.toml"), &text)
            .0
            .expect("a valid review file")
    }

    #[test]
    fn follows_a_claim_from_birth_to_retirement() {
        let versions = vec![
            ("c0", None),
            ("c1", Some(file("pending", "7", false))),
            ("c2", Some(file("pending", "7", false))),
            ("c3", Some(file("disputed", "7", false))),
            ("c4", Some(file("pending", "9", false))),
            ("c5", Some(file("pending", "9", true))),
        ];
        let log = claim_log("abc123", &versions);
        let tags: Vec<(&str, ChangeKind)> = log.iter().map(|(t, c)| (**t, c.kind)).collect();
        assert_eq!(
            tags,
            vec![
                ("c1", ChangeKind::Added),
                ("c3", ChangeKind::Modified),
                ("c4", ChangeKind::Modified),
                ("c5", ChangeKind::Retired),
            ]
        );
        assert_eq!(log[1].1.new.map(|c| c.status), Some(Status::Disputed));
        assert_eq!(
            log[2].1.fields,
            vec![Field::Verdict, Field::Figure, Field::Sentence]
        );
    }
}
