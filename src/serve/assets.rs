//! The page's script and style, embedded in the binary so the desk works offline and loads
//! nothing from elsewhere.

const SCRIPT: &str = include_str!("assets/desk.js");
const STYLE: &str = include_str!("assets/desk.css");

/// The content type and body of an asset by name.
pub fn find(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "desk.js" => Some(("text/javascript; charset=utf-8", SCRIPT)),
        "desk.css" => Some(("text/css; charset=utf-8", STYLE)),
        _ => None,
    }
}
