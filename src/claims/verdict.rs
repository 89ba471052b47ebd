//! Verdicts and the results of evaluating a claim.

use crate::data::Period;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Supported,
    Contradicted,
    /// The two viewpoints (or the entities of an "each" claim) disagree.
    Mixed,
    /// A data claim that no bundled data can test.
    Unverifiable,
    /// Opinion, prediction or rhetoric: nothing to measure.
    NotADataClaim,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Mixed => "mixed",
            Verdict::Unverifiable => "unverifiable",
            Verdict::NotADataClaim => "not a data claim",
        }
    }

    /// A symbol that carries the verdict without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Verdict::Supported => "✓",
            Verdict::Contradicted => "✗",
            Verdict::Mixed => "±",
            Verdict::Unverifiable => "?",
            Verdict::NotADataClaim => "·",
        }
    }

    /// Plain-ASCII symbol for terminals without Unicode.
    pub fn ascii_symbol(self) -> &'static str {
        match self {
            Verdict::Supported => "+",
            Verdict::Contradicted => "x",
            Verdict::Mixed => "~",
            Verdict::Unverifiable => "?",
            Verdict::NotADataClaim => ".",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One published value used as evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub source: String,
    pub measure: String,
    pub entity: String,
    #[serde(serialize_with = "ser_period")]
    pub period: Period,
    pub value: f64,
    pub unit: String,
    pub vintage: String,
}

fn ser_period<S: serde::Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string())
}

/// Difference between the observed and the claimed number (observed − claimed).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gap {
    pub absolute: f64,
    /// `absolute / |claimed|`, when the claimed number is not zero.
    pub relative: Option<f64>,
    pub unit: &'static str,
}

/// The outcome from one point of view ("as published" or "today").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// What the data say, in the claim's unit (a number, a rank, a length, ...).
    pub observed: Option<f64>,
    /// The observed result in words, e.g. "-62.36 USD billions" or "rank 2 of 61".
    pub observed_text: String,
    /// Supporting detail: runners-up, bases combined, caveats.
    pub detail: String,
    pub gap: Option<Gap>,
    pub verdict: Verdict,
    /// One sentence built from the numbers.
    pub summary: String,
    pub evidence: Vec<Cell>,
}

impl Outcome {
    /// An outcome with a verdict and nothing observed.
    pub fn empty(verdict: Verdict) -> Outcome {
        Outcome {
            observed: None,
            observed_text: String::new(),
            detail: String::new(),
            gap: None,
            verdict,
            summary: String::new(),
            evidence: vec![],
        }
    }
}

/// A series a claim speaks of, with the window it looks at (for highlighting).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRef {
    pub source: String,
    pub measure: String,
    pub entity: String,
    #[serde(serialize_with = "ser_period")]
    pub from: Period,
    #[serde(serialize_with = "ser_period")]
    pub to: Period,
}

/// An extra measure shown beside the claim (not used for the verdict).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextLine {
    pub label: String,
    pub text: String,
    pub evidence: Vec<Cell>,
}

/// Everything known about one claim after evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub id: String,
    pub section: String,
    pub quote: String,
    /// The check that produced it: level, change, pct_change, sum, rank, record, streak, first_above or none.
    pub check: String,
    /// The claim in words, e.g. "about -61.9 USD billions (sum of lt_net_purchases, 2024-07..2024-09)".
    pub claimed: String,
    /// The claimed number, when there is one.
    pub claimed_value: Option<f64>,
    pub unit: String,
    pub verdict: Verdict,
    pub conclusion: String,
    /// Data released by the article's date.
    pub as_published: Outcome,
    /// The newest data.
    pub today: Outcome,
    pub context: Vec<ContextLine>,
    pub series: Vec<SeriesRef>,
    /// Why the claim cannot be checked, for claims marked so.
    pub note: Option<String>,
}
