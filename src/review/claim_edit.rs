//! Changing a few claims of a review file (a verdict, a note) under the file's lock without
//! holding the whole file as a document: a file laid out as factcheck writes it keeps its
//! text, only the tables of the claims changed are parsed as documents, and the save puts
//! their new text in their place. The result is what editing the whole document would have
//! written. A file laid out in any other way is edited as a whole document.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use super::model::ReviewFile;
use super::parse::{parse_by_section, BySection, Diagnostic};
use super::sections::{split, Part, Section};
use super::store::{
    file_bytes, in_line_endings_of, read_original, Edit, Original, Store, StoreError,
};
use crate::fsutil::write_atomic;

/// A review file opened to change some of its claims.
pub struct ClaimEdit {
    held: Held,
    /// The file as it was opened.
    pub file: ReviewFile,
    pub warnings: Vec<Diagnostic>,
}

enum Held {
    /// The whole file as one document.
    Whole(Box<Edit>),
    /// The file's text, and the documents of the claim tables opened so far.
    Sections {
        path: PathBuf,
        shown: String,
        tmp_dir: PathBuf,
        original: Original,
        /// Each current claim's section, and its id, in file order.
        claims: Vec<(Section, String)>,
        opened: BTreeMap<usize, DocumentMut>,
        _lock: File,
    },
}

impl Store<'_> {
    /// Opens an existing review file to change some of its claims, waiting for its lock;
    /// `None` when there is no such file.
    pub fn edit_claims(&self, path: &Path) -> Result<Option<ClaimEdit>, StoreError> {
        let shown = self.confine(path)?;
        let lock = self.lock(&shown)?;
        let Some(original) = read_original(path, &shown, self.max_bytes())? else {
            return Ok(None);
        };
        let by_section = parse_by_section(Path::new(&shown), original.text(), &|part, _, _, c| {
            (part, c)
        });
        let Some(BySection {
            mut file,
            warnings,
            tables,
        }) = by_section
        else {
            drop(lock);
            let Some(edit) = self.edit_existing(path)? else {
                return Ok(None);
            };
            let file = edit
                .file
                .clone()
                .expect("an existing review file is parsed");
            let warnings = edit.warnings.clone();
            return Ok(Some(ClaimEdit {
                held: Held::Whole(Box::new(edit)),
                file,
                warnings,
            }));
        };
        for (part, claim) in tables {
            match part {
                Part::Retired => file.retired.push(claim),
                _ => file.claims.push(claim),
            }
        }
        let sections = split(original.text()).expect("a file read by section splits");
        let claims = sections
            .into_iter()
            .filter(|s| s.part == Part::Claim)
            .zip(file.claims.iter().map(|c| c.id.clone()))
            .collect();
        Ok(Some(ClaimEdit {
            held: Held::Sections {
                path: path.to_path_buf(),
                shown,
                tmp_dir: self.tmp_dir(),
                original,
                claims,
                opened: BTreeMap::new(),
                _lock: lock,
            },
            file,
            warnings,
        }))
    }
}

impl ClaimEdit {
    pub fn shown(&self) -> &str {
        match &self.held {
            Held::Whole(edit) => edit.shown(),
            Held::Sections { shown, .. } => shown,
        }
    }

    /// The document that holds the current claim `id`: the whole file's, or the claim's own
    /// table's. `None` when the file has no current claim `id`.
    pub fn document_of(&mut self, id: &str) -> Option<&mut DocumentMut> {
        match &mut self.held {
            Held::Whole(edit) => Some(&mut edit.doc),
            Held::Sections {
                original,
                claims,
                opened,
                ..
            } => {
                let k = claims.iter().position(|(_, claim)| claim == id)?;
                let section = claims[k].0;
                Some(opened.entry(k).or_insert_with(|| {
                    original.text()[section.start..section.end]
                        .parse()
                        .expect("a section read by section parses")
                }))
            }
        }
    }

    /// Writes the file if it changed; returns whether it did.
    pub fn save(&self) -> Result<bool, StoreError> {
        let Held::Sections {
            path,
            shown,
            tmp_dir,
            original,
            claims,
            opened,
            ..
        } = &self.held
        else {
            let Held::Whole(edit) = &self.held else {
                unreachable!()
            };
            return edit.save();
        };
        let text = original.text();
        let mut after = String::with_capacity(text.len() + 256);
        let mut at = 0;
        for (k, doc) in opened {
            let section = claims[*k].0;
            after.push_str(&text[at..section.start]);
            after.push_str(&doc.to_string());
            at = section.end;
        }
        after.push_str(&text[at..]);
        let after = in_line_endings_of(Some(original), after);
        if after == text {
            return Ok(false);
        }
        write_atomic(path, &file_bytes(Some(original), &after), tmp_dir).map_err(|error| {
            StoreError::Io {
                shown: shown.clone(),
                doing: "write",
                error,
            }
        })?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::edit::{set_verdict, Verdict};
    use crate::review::Status;

    /// Marks each claim of each seed's review file, once through the whole document and once
    /// through its own table: the files written are the same.
    #[test]
    fn editing_one_table_writes_what_editing_the_document_writes() {
        let root = tempfile::tempdir().unwrap();
        let annotations = root.path().join("annotations");
        std::fs::create_dir_all(&annotations).unwrap();
        let store = Store::new(root.path(), annotations.clone(), 1 << 30);
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/seeds");
        let verdict = Verdict {
            status: Status::Verified,
            source: Some("MoD briefing\nday two"),
            note: None,
            reviewer: "Ann",
            now: "2025-03-01T12:00:00Z",
        };
        for entry in std::fs::read_dir(seeds).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for crlf in [false, true] {
                let text = if crlf {
                    text.replace('\n', "\r\n")
                } else {
                    text.clone()
                };
                let file = crate::review::parse(Path::new("a.toml"), &text).0.unwrap();
                for claim in &file.claims {
                    let path = annotations.join("a.toml");
                    std::fs::write(&path, &text).unwrap();
                    let mut whole = store.edit_existing(&path).unwrap().unwrap();
                    set_verdict(&mut whole.doc, &claim.id, &verdict);
                    let expected = whole.after();
                    drop(whole);
                    let mut edit = store.edit_claims(&path).unwrap().unwrap();
                    assert!(matches!(edit.held, Held::Sections { .. }));
                    let doc = edit.document_of(&claim.id).unwrap();
                    assert!(set_verdict(doc, &claim.id, &verdict));
                    assert!(edit.save().unwrap());
                    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
                }
            }
        }
    }
}
