//! Markdown read by a CommonMark parser: code (fenced and indented), front matter, footnote
//! markers, link targets, images and HTML are not prose; tables, block quotes, list items and
//! footnote text are, each block a sentence of its own; spans point into the original file.

use factcheck::extract::{extract, Claim, Format};

fn claims(text: &str) -> Vec<Claim> {
    extract(text, Format::Markdown)
}

fn texts(text: &str) -> Vec<String> {
    claims(text).into_iter().map(|c| c.text).collect()
}

#[test]
fn indented_and_fenced_code_and_front_matter_are_skipped() {
    let text = "+++\nships = 40\n+++\n\nThe port took 12 ships.\n\n    let cranes = 5000;\n\n```\n300 trucks\n```\n";
    assert_eq!(texts(text), ["12 ships"]);
}

#[test]
fn a_footnote_marker_is_no_claim_and_its_footnote_is_read() {
    let text = "Rents rose 4%.[^2]\n\n[^2]: The council counted 2,400 homes.\n";
    let found = claims(text);
    let got: Vec<&str> = found.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(got, ["4%", "2,400 homes"]);
    assert_eq!(found[1].sentence, "The council counted 2,400 homes.");
    assert_eq!(&text[found[1].start..found[1].end], "2,400 homes");
}

#[test]
fn table_cells_and_block_quotes_are_read_each_cell_a_sentence() {
    let text = "| team | fans |\n|---|---|\n| Leeds | 36,000 fans |\n\n> Officials said 300 trucks waited.\n";
    let found = claims(text);
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|c| (c.text.as_str(), c.sentence.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("36,000 fans", "36,000 fans"),
            ("300 trucks", "Officials said 300 trucks waited.")
        ]
    );
    assert_eq!(found[1].attribution.as_deref(), Some("Officials"));
}

#[test]
fn link_targets_images_and_html_are_skipped_but_link_text_is_read() {
    let text = "[Nearly 90 flights](https://x.test/2023/77) left; <span class=\"n4\">see</span> <https://x.test/55>\n\n![a chart of 40 days](c-9.png)\n\n<!-- 600 words -->\n";
    assert_eq!(texts(text), ["Nearly 90 flights"]);
}

#[test]
fn list_items_and_headings_end_sentences() {
    let text = "# Budget up 3%\n\n- 15 cranes\n- 7 berths\n";
    let sentences: Vec<String> = claims(text).into_iter().map(|c| c.sentence).collect();
    assert_eq!(sentences, ["Budget up 3%", "15 cranes", "7 berths"]);
}
