//! The review desk's HTML, through `maud` (every piece of article text and review input is
//! escaped by the template): the overview page, the article page with each claim marked in
//! the colour of its verdict, and an error page. The pages' script fills in the parts that
//! change (the table, the card) from the JSON API, and refreshes them when files change.

use maud::{html, Markup, DOCTYPE};

use crate::review::Status;
use crate::serve::desk::{ArticleView, Card};

/// The keys of the article page, as its footer lists them.
const KEYS: [(&str, &str); 10] = [
    ("j / k", "next / previous claim"),
    ("v", "verified (source)"),
    ("d", "disputed (note)"),
    ("u", "unsourced (note)"),
    ("x", "dismissed"),
    ("s", "skip"),
    ("n", "note"),
    ("b", "back"),
    ("Esc", "leave a field"),
    ("?", "keys"),
];

/// The overview filter's choices: the value the script reads, and its label.
const FILTERS: [(&str, &str); 9] = [
    ("", "all articles"),
    ("open", "need work"),
    ("pending", "with pending claims"),
    ("disputed", "with disputed claims"),
    ("unsourced", "with unsourced claims"),
    ("changed", "changed since review"),
    ("conflicted", "with conflicting verdicts"),
    ("out_of_date", "out of date"),
    ("done", "done"),
];

fn layout(title: &str, token: &str, page: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="factcheck-token" content=(token);
                title { (title) " · factcheck" }
                link rel="stylesheet" href="/assets/desk.css";
                script src="/assets/desk.js" defer {}
            }
            body data-page=(page) {
                header.top {
                    a.brand href="/" { "factcheck review desk" }
                    span #reviewer {}
                }
                (body)
            }
        }
    }
    .into_string()
}

/// The overview: every article's progress and the open conflicts, filled in by the script.
pub fn overview(token: &str) -> String {
    let body = html! {
        main.overview {
            h1 { "Articles" }
            form #filters role="search" {
                label { "Show " select #filter-status {
                    @for (value, label) in FILTERS { option value=(value) { (label) } }
                } }
                label { " Path " input #filter-path type="search" placeholder="seeds/" autocomplete="off"; }
            }
            table #articles {
                thead { tr {
                    th.path { "article" }
                    @for name in ["claims", "verified", "disputed", "unsourced", "dismissed", "pending", "changed", "conflicted"] {
                        th.num { (name) }
                    }
                } }
                tbody {}
            }
            p #empty hidden { "No article matches the filter." }
            ul #problems {}
            h2 { "Open conflicts" }
            p.hint { "Figures that different articles give for the same thing, and that cannot both be true." }
            div #conflicts {}
            noscript { p { "The desk needs JavaScript to show and record verdicts." } }
        }
    };
    layout("Articles", token, "overview", body)
}

fn status_class(status: Status) -> String {
    format!("claim st-{}", status.as_str())
}

/// The article as written, each claim's figure marked with its verdict's colour, beside an
/// empty card the script fills when a claim is selected.
pub fn article(token: &str, view: &ArticleView) -> String {
    let mut marks: Vec<(usize, usize, &Card)> = view
        .claims
        .iter()
        .filter_map(|c| Some((c.start?, c.end?, c)))
        .collect();
    marks.sort_by_key(|m| (m.0, m.1));
    let mut pieces: Vec<(&str, Option<&Card>)> = Vec::with_capacity(2 * marks.len() + 1);
    let mut at = 0;
    for (start, end, card) in marks {
        pieces.push((&view.text[at..start], None));
        pieces.push((&view.text[start..end], Some(card)));
        at = end;
    }
    pieces.push((&view.text[at..], None));
    let text = html! {
        @for (piece, card) in pieces {
            @match card {
                Some(card) => mark class=(status_class(card.claim.status)) data-id=(card.claim.id)
                    id={ "claim-" (card.claim.id) } tabindex="-1" title=(card.figure) { (piece) },
                None => (piece),
            }
        }
    };
    let body = html! {
        main.article data-path=(view.path) data-digest=(view.digest) {
            div.head {
                h1 { (view.title) }
                p.path { (view.path) " · " span #counts {} }
                p #stale .warning hidden[!view.stale] {
                    "This article changed since its last scan, so verdicts cannot be recorded: run "
                    code { "factcheck scan " (view.path) } " and the page updates."
                }
            }
            div.desk {
                article #text .text { (text) }
                aside #card aria-live="polite" {
                    p.hint { "Select a claim (click it, or press j) to review it." }
                }
            }
            footer.keys {
                @for (key, what) in KEYS { span { kbd { (key) } " " (what) } }
            }
        }
    };
    layout(&view.title, token, "article", body)
}

/// A page that says what went wrong and leads back to the overview.
pub fn error(token: &str, message: &str) -> String {
    let body = html! {
        main.error {
            h1 { "Cannot show this page" }
            p { (message) }
            p { a href="/" { "Back to the articles" } }
        }
    };
    layout("Error", token, "error", body)
}
