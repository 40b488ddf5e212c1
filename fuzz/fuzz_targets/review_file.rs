//! Arbitrary bytes read as a review file through the store's decoding and validation, which
//! must refuse what it cannot use and never panic. A file that is read must read the same
//! whole as by sections, read the same again once its document is printed back, and, given a
//! verdict on its first claim, read back with that verdict and every other claim unchanged.
#![no_main]

use std::path::Path;

use factcheck::review::edit::{set_verdict, Verdict};
use factcheck::review::parse_for_edit;
use factcheck::review::store::{decode_review, parse_blob};
use factcheck::review::{ReviewFile, Status};
use libfuzzer_sys::fuzz_target;

const LABEL: &str = "annotations/article.toml";

/// Reads printed text back; it must be usable.
fn reread(text: String, after: &str) -> ReviewFile {
    match parse_blob(LABEL, text.clone().into_bytes()) {
        Ok(review) => review.file,
        Err(e) => panic!("unreadable after {after}: {e}\n{text}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(review) = parse_blob(LABEL, data.to_vec()) else {
        return;
    };
    let (text, _) = decode_review(LABEL, data.to_vec()).expect("a file that was read decodes");
    let (Some((whole, mut doc)), problems) = parse_for_edit(Path::new(LABEL), &text) else {
        panic!("read, but not as a whole document");
    };
    assert_eq!(whole, review.file, "read whole and by sections differ");
    assert_eq!(problems, review.warnings);
    assert_eq!(
        reread(doc.to_string(), "printing"),
        review.file,
        "printed back"
    );

    let Some(first) = review.file.claims.first() else {
        return;
    };
    let verdict = Verdict {
        status: Status::Verified,
        source: Some("https://example.org/report"),
        note: Some("checked"),
        reviewer: "desk",
        now: "2025-03-01T12:00:00Z",
    };
    assert!(
        set_verdict(&mut doc, &first.id, &verdict),
        "no claim {:?}",
        first.id
    );
    let marked = reread(doc.to_string(), "a verdict");
    let claim = &marked.claims[0];
    assert_eq!(
        (claim.status, claim.source.as_str(), claim.note.as_str()),
        (Status::Verified, "https://example.org/report", "checked")
    );
    assert_eq!(
        (claim.reviewer.as_str(), claim.reviewed_at.as_str()),
        ("desk", "2025-03-01T12:00:00Z")
    );
    assert!(!claim.changed && claim.reviewed_sentence.is_empty() && !claim.is_conflicted());
    assert_eq!(
        (&claim.id, &claim.text, &claim.sentence, &claim.unit),
        (&first.id, &first.text, &first.sentence, &first.unit)
    );
    assert_eq!(
        (
            claim.line,
            claim.column,
            claim.kind,
            claim.bound,
            claim.trend
        ),
        (
            first.line,
            first.column,
            first.kind,
            first.bound,
            first.trend
        )
    );
    assert!(claim.value.to_bits() == first.value.to_bits() && claim.low == first.low);
    assert!(claim.high == first.high && claim.attribution == first.attribution);
    let earlier = first.history.len() + first.alternatives.len() + first.is_conflicted() as usize;
    assert_eq!(claim.history.len(), earlier);
    assert_eq!(marked.claims[1..], review.file.claims[1..]);
    assert_eq!(marked.retired, review.file.retired);
    assert_eq!(
        (&marked.article, &marked.title, &marked.digest),
        (
            &review.file.article,
            &review.file.title,
            &review.file.digest
        )
    );
    assert_eq!(marked.previous_paths, review.file.previous_paths);
});
