//! Hostile, huge and odd input, run against the built binary: escape sequences and forged
//! workflow commands in articles, review files, file names and git history; caps on what is
//! read; paths and links that lead out of the repository; what a killed scan leaves; and
//! legal but unusual input.

#[path = "../util/mod.rs"]
mod util;

mod crash;
mod limits;
mod odd;
mod output;
mod paths;
mod support;
