//! The claims file (TOML): what the article says, bound to series and a check.
//!
//! It holds only the article's own words and numbers; every observed value,
//! gap and verdict is computed by the engine. The schema is documented in
//! docs/claims.md.

use crate::error::InputError;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    pub article: ArticleMeta,
    #[serde(rename = "claim", default)]
    pub claims: Vec<ClaimSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// The article's date (`YYYY-MM-DD`): "as published" uses data released by then.
    pub date: Spanned<String>,
    /// Why this date (the article may carry none).
    pub date_reason: String,
}

/// One series to read, by source and measure.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SeriesSpec {
    pub source: String,
    pub measure: String,
}

/// A string or a list of strings.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// A number or a period (for `first_above`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Claimed {
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimSpec {
    pub id: Spanned<String>,
    pub section: Spanned<String>,
    /// The article's exact words (white space may differ).
    pub quote: Spanned<String>,
    /// level | change | pct_change | sum | rank | record | streak | first_above | none
    pub check: Spanned<String>,
    /// For `check = "none"`: true when it is a data claim that no bundled data can test.
    pub data_claim: Option<bool>,
    /// For `check = "none"`: why it cannot be checked.
    pub why: Option<String>,
    /// Series to read, in order of preference (the first with data in a viewpoint is used).
    #[serde(default)]
    pub series: Vec<SeriesSpec>,
    pub entity: Option<OneOrMany>,
    /// sum (default): add the entities up; each: every entity must satisfy the claim.
    pub combine: Option<String>,
    pub period: Option<Spanned<String>>,
    pub from: Option<Spanned<String>>,
    pub to: Option<Spanned<String>>,
    pub claimed: Option<Claimed>,
    pub unit: Option<String>,
    /// about | nearly | above | below | at_least | at_most
    pub relation: Option<String>,
    /// Relative tolerance for about / nearly (default 0.05).
    pub tolerance: Option<f64>,
    /// rank, record: lowest (most negative first) or highest.
    pub order: Option<String>,
    /// rank: the entity kind to rank among (default country).
    pub among: Option<String>,
    /// record: months in each window (default: the claim's window length).
    pub align: Option<String>,
    /// streak: negative | positive | above:X | below:X
    pub condition: Option<String>,
    /// first_above: the threshold.
    pub threshold: Option<f64>,
    /// Extra measures shown beside the claim.
    #[serde(default)]
    pub context: Vec<ContextSpec>,
    /// draft | accepted | rejected (absent: accepted). Rejected claims are not evaluated.
    pub status: Option<Spanned<String>>,
    /// For drafts: how sure the drafter was of the binding, 0..1.
    pub confidence: Option<Spanned<f64>>,
}

impl ClaimSpec {
    /// True when the claim is marked `status = "rejected"`.
    pub fn is_rejected(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(|s| s.get_ref() == "rejected")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextSpec {
    pub label: String,
    /// level | change | pct_change | sum | decomposition | after
    pub check: String,
    #[serde(default)]
    pub series: Vec<SeriesSpec>,
    pub entity: Option<OneOrMany>,
    pub period: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub unit: Option<String>,
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// Parses a claims file; syntax and schema errors carry the file's line.
pub fn parse(file: &str, text: &str) -> Result<ClaimsFile, InputError> {
    toml::from_str::<ClaimsFile>(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        let msg = e.message().trim().to_string();
        InputError::new(file, line, format!("invalid claims file: {msg}"))
    })
}
