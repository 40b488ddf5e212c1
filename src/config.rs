//! `factcheck.toml`: which articles to review, where review files go, and the check policy.
//! Read once, validated, and reported with file, line and column when it is wrong.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{line_col, Diagnostic};
use crate::review::Status;
use crate::walk::Globs;

pub const FILE_NAME: &str = "factcheck.toml";

/// The commented default that `factcheck init` writes.
pub const DEFAULT: &str = r#"# factcheck configuration. Paths are relative to this file's directory.

# The articles to review, as globs (`**` matches any depth).
articles = ["articles/**/*.md", "articles/**/*.txt"]

# Files left out of the articles, as globs. Files that `.gitignore` ignores, hidden files,
# `.git/` and the review files are never articles.
# exclude = ["articles/drafts/**"]

# Where review files go: one TOML file per article, mirroring the article's path.
annotations = "annotations"

# The largest article read (bytes, or with a unit: "64 MiB", "200 MB"); a larger file is
# refused with a message. Review files may be up to four times as large.
# max_article_size = "64 MiB"

# The pre-publish gate run by `factcheck check`.
[check]
# Claim states that fail the gate: "pending", "disputed", "unsourced", and "changed"
# (the sentence was edited after the verdict). "verified" and "dismissed" pass.
fail = ["pending", "disputed", "unsourced", "changed"]
# A verified claim must name its source.
require_source = true
# Every verdict must name its reviewer.
require_reviewer = false
# Figures of the checked articles that cannot both be true of one fact (see `factcheck
# conflicts`) fail the gate until a reviewer explains them with `factcheck conflicts --ack`.
conflicts = false

# Stricter or looser rules for some articles; the last rule whose paths match wins.
# [[check.rule]]
# paths = ["drafts/**"]
# warn_only = true          # report problems but do not fail
#
# [[check.rule]]
# paths = ["news/**"]
# require_reviewer = true
"#;

/// A claim state the gate can fail on: one of the verdicts, or `changed` (the sentence was
/// edited after the verdict). Written in factcheck.toml as the status names and "changed".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailState {
    Status(Status),
    Changed,
}

impl<'de> Deserialize<'de> for FailState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if name == "changed" {
            return Ok(FailState::Changed);
        }
        Status::parse(&name).map(FailState::Status).ok_or_else(|| {
            let known: Vec<String> = Status::ALL
                .iter()
                .map(|s| format!("\"{s}\""))
                .chain(["\"changed\"".to_string()])
                .collect();
            serde::de::Error::custom(format!(
                "unknown claim state \"{name}\"; expected one of {}",
                known.join(", ")
            ))
        })
    }
}

fn default_fail() -> Vec<FailState> {
    vec![
        FailState::Status(Status::Pending),
        FailState::Status(Status::Disputed),
        FailState::Status(Status::Unsourced),
        FailState::Changed,
    ]
}

fn yes() -> bool {
    true
}

/// The gate's policy, with its per-glob rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckPolicy {
    #[serde(default = "default_fail")]
    pub fail: Vec<FailState>,
    #[serde(default = "yes")]
    pub require_source: bool,
    #[serde(default)]
    pub require_reviewer: bool,
    #[serde(default)]
    pub warn_only: bool,
    /// Figures that disagree across the checked articles, unexplained, are findings.
    #[serde(default)]
    pub conflicts: bool,
    #[serde(default)]
    pub rule: Vec<Rule>,
}

impl Default for CheckPolicy {
    fn default() -> Self {
        Self {
            fail: default_fail(),
            require_source: true,
            require_reviewer: false,
            warn_only: false,
            conflicts: false,
            rule: Vec::new(),
        }
    }
}

/// Overrides for the articles matching `paths`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    #[serde(deserialize_with = "globs")]
    pub paths: Globs,
    pub fail: Option<Vec<FailState>>,
    pub require_source: Option<bool>,
    pub require_reviewer: Option<bool>,
    pub warn_only: Option<bool>,
}

/// Globs, compiled when the configuration is read, so that a malformed one is reported with
/// its line instead of never matching.
fn globs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Globs, D::Error> {
    Globs::new(&Vec::<String>::deserialize(d)?).map_err(serde::de::Error::custom)
}

/// The policy that applies to one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub fail: Vec<FailState>,
    pub require_source: bool,
    pub require_reviewer: bool,
    pub warn_only: bool,
}

impl CheckPolicy {
    /// The policy for `article` (relative to the root): the base, then each matching rule.
    pub fn for_article(&self, article: &str) -> Policy {
        let mut p = Policy {
            fail: self.fail.clone(),
            require_source: self.require_source,
            require_reviewer: self.require_reviewer,
            warn_only: self.warn_only,
        };
        for rule in &self.rule {
            if rule.paths.is_match(article) {
                if let Some(f) = &rule.fail {
                    p.fail = f.clone();
                }
                p.require_source = rule.require_source.unwrap_or(p.require_source);
                p.require_reviewer = rule.require_reviewer.unwrap_or(p.require_reviewer);
                p.warn_only = rule.warn_only.unwrap_or(p.warn_only);
            }
        }
        p
    }
}

/// The contents of `factcheck.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub articles: Vec<String>,
    /// Files and directories left out of the articles, whatever glob or directory names them.
    #[serde(default, deserialize_with = "globs")]
    pub exclude: Globs,
    #[serde(default = "default_annotations")]
    pub annotations: toml::Spanned<String>,
    #[serde(default)]
    pub check: CheckPolicy,
    /// The largest article read, in bytes; `None` for the default.
    #[serde(default, deserialize_with = "size")]
    pub max_article_size: Option<u64>,
}

/// A size written as a number of bytes or as text with a unit ("64 MiB").
fn size<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Bytes(u64),
        Text(String),
    }
    match Written::deserialize(d)? {
        Written::Bytes(0) => Err(serde::de::Error::custom("a size must be above 0")),
        Written::Bytes(n) => Ok(Some(n)),
        Written::Text(text) => crate::input::parse_size(&text)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

fn default_annotations() -> toml::Spanned<String> {
    toml::Spanned::new(0..0, "annotations".into())
}

pub(crate) fn load(path: &Path) -> Result<Config, Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::file(path, format!("cannot read: {e}")))?;
    let error_at = |offset: usize, message: String| {
        let (line, column) = line_col(&text, offset);
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            message,
            help: Some(
                "`factcheck init --force` writes a commented default to compare with".into(),
            ),
            fatal: true,
        }
    };
    let config: Config = toml::from_str(&text).map_err(|e| {
        error_at(
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_string(),
        )
    })?;
    let dir = Path::new(config.annotations.get_ref());
    if dir.is_absolute()
        || dir
            .components()
            .any(|c| c == std::path::Component::ParentDir)
    {
        return Err(error_at(
            config.annotations.span().start,
            format!(
                "annotations = {:?} leads outside the repository; use a directory under it",
                config.annotations.get_ref()
            ),
        ));
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_parses_and_rules_layer() {
        let mut config: Config = toml::from_str(DEFAULT).unwrap();
        assert_eq!(config.check.fail.len(), 4);
        assert_eq!(config.max_article_size, None);
        let sized: Config = toml::from_str("max_article_size = \"200 MB\"\n").unwrap();
        assert_eq!(sized.max_article_size, Some(200_000_000));
        assert!(toml::from_str::<Config>("max_article_size = \"big\"\n").is_err());
        config.check.rule =
            toml::from_str::<CheckPolicy>("[[rule]]\npaths = [\"drafts/**\"]\nwarn_only = true\n")
                .unwrap()
                .rule;
        assert!(config.check.for_article("drafts/a/b.md").warn_only);
        assert!(!config.check.for_article("news/a.md").warn_only);
    }

    #[test]
    fn the_readme_shows_the_default_as_init_writes_it() {
        let readme = include_str!("../README.md");
        let body = DEFAULT.split_once('\n').map_or(DEFAULT, |(_, rest)| rest);
        assert!(
            readme.contains(&format!("```toml\n{body}```")),
            "README's Configuration block differs from config::DEFAULT"
        );
    }
}
