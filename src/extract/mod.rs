//! Numeric-claim extraction: the pure core that reads a text and returns the claims in it.
//! It never prints and never touches the file system.

mod attribution;
mod claim;
mod currency;
mod grammar;
mod head;
mod lexicon;
mod markdown;
mod number;
mod phrase;
mod range;
mod scope;
mod sentence;
mod tail;
mod text;
mod vague;
mod value;

pub use claim::{format_value, Bound, Claim, Kind, Trend};
/// The one way values are written in JSON, for every command's output.
pub use claim::{number as serialize_value, optional_number as serialize_optional_value};
pub use markdown::front_matter_end;

/// How a text is written, which decides what is skipped and where sentences end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: every line break ends a sentence (scraped articles keep a paragraph a line).
    Plain,
    /// Markdown: front matter, code, link targets and HTML tags are skipped.
    Markdown,
}

impl Format {
    /// The format a file's extension implies: `.md` and `.markdown` are Markdown.
    pub fn from_path(path: &std::path::Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
                Format::Markdown
            }
            _ => Format::Plain,
        }
    }
}

/// Finds every numeric claim in `text`, in order. Spans are byte offsets into `text`.
pub fn extract(text: &str, format: Format) -> Vec<Claim> {
    let mut claims = Vec::new();
    extract_each(text, format, |claim| claims.push(claim.clone()));
    claims
}

/// Hands each numeric claim in `text` to `each`, in order, as soon as it is read, so that a
/// caller that writes claims out holds one at a time. The claim handed over is reused for
/// the next one: a caller that keeps claims clones them.
pub fn extract_each(text: &str, format: Format, mut each: impl FnMut(&Claim)) {
    let masked;
    let (prose, layout) = match format {
        Format::Plain => (text, sentence::Layout::Lines),
        Format::Markdown => {
            masked = markdown::mask(text);
            (
                masked.text.as_str(),
                sentence::Layout::Blocks(&masked.block_starts),
            )
        }
    };
    let mut sentences = sentence::Window::new(prose, layout, attribution::PRONOUN_REACH);
    let mut lines = sentence::LineIndex::new(text);
    let mut sources = attribution::Attributions::default();
    let mut claim = Claim {
        line: 0,
        column: 0,
        start: 0,
        end: 0,
        text: String::new(),
        value: 0.0,
        low: None,
        high: None,
        unit: String::new(),
        kind: Kind::Count,
        bound: Bound::Exact,
        trend: None,
        attribution: None,
        sentence: String::new(),
    };
    // The span whose collapsed text `claim.sentence` holds: claims of one sentence share it.
    let mut sentence_span = None;
    grammar::find_claims(prose, |d| {
        let (around, index) = sentences.around(d.start);
        let (s, e) = around[index];
        let (line, column) = lines.locate(d.start);
        let whole = (s, e.max(d.end).min(prose.len()));
        let span = sentence::window(prose, whole, (d.start, d.end));
        if sentence_span != Some(span) {
            text::collapse_into(&mut claim.sentence, &prose[span.0..span.1]);
            sentence_span = Some(span);
        }
        text::collapse_into(&mut claim.text, &text[d.start..d.end]);
        match sources.source(prose, around, (index, span), (d.start, d.end)) {
            Some(source) => {
                let attribution = claim.attribution.get_or_insert_with(String::new);
                attribution.clear();
                attribution.push_str(source);
            }
            None => claim.attribution = None,
        }
        claim.line = line;
        claim.column = column;
        claim.start = d.start;
        claim.end = d.end;
        claim.value = value::to_f64(d.value);
        claim.low = d.low.map(value::to_f64);
        claim.high = d.high.map(value::to_f64);
        claim.unit.clear();
        claim.unit.push_str(&d.unit);
        claim.kind = d.kind;
        claim.bound = d.bound;
        claim.trend = d.trend;
        each(&claim);
    });
}
