//! factcheck: find the numeric claims in news articles, keep their review state in TOML files
//! next to the articles, and gate publication on that review.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod extract;
pub mod input;
pub mod render;
