//! factcheck: find the numeric claims in news articles, keep their review state in TOML files
//! next to the articles, and gate publication on that review.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod audit;
pub mod changes;
pub mod cli;
pub mod clock;
pub mod config;
pub mod conflicts;
pub mod diagnostic;
pub mod digest;
pub mod driver;
pub mod extract;
pub mod fsutil;
pub mod gate;
pub mod gitio;
pub mod input;
pub mod mark;
pub mod moves;
pub mod parallel;
pub mod paths;
pub mod render;
pub mod review;
pub mod scan;
pub mod scan_record;
pub mod serve;
pub mod setup;
pub mod status;
pub mod walk;
pub mod worddiff;
pub mod workspace;
