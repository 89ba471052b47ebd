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

/// One series to read, by source and measure; with `plus`, the sum of it and
/// other series period by period (long-term debt = Treasury bonds and notes +
/// agency bonds + corporate bonds), where every part has a value.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SeriesSpec {
    pub source: String,
    pub measure: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plus: Vec<SeriesSpec>,
    /// The series rescaled so that its value in `scale.period` equals another
    /// series' value then (a price index scaled to a market value: the value
    /// it implies on other days, if the value moves with the index).
    #[serde(default)]
    pub scale: Option<ScaleSpec>,
}

/// What a series is rescaled to: another series' value in one period.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ScaleSpec {
    pub source: String,
    pub measure: String,
    pub period: String,
}

impl SeriesSpec {
    /// A plain series.
    pub fn new(source: &str, measure: &str) -> SeriesSpec {
        SeriesSpec {
            source: source.into(),
            measure: measure.into(),
            plus: vec![],
            scale: None,
        }
    }

    /// The spec in words for keys and messages: `slt_table3/lt_net_purchases`,
    /// or with its parts `slt_table3/lt_net_purchases + slt_table1/…`.
    pub fn label(&self) -> String {
        let mut s = format!("{}/{}", self.source, self.measure);
        for p in &self.plus {
            s.push_str(" + ");
            s.push_str(&p.label());
        }
        if let Some(k) = &self.scale {
            s.push_str(&format!(
                " scaled to {}/{} of {}",
                k.source, k.measure, k.period
            ));
        }
        s
    }
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
    /// level | change | pct_change | sum | max | min | rank | record | streak |
    /// first_above | first_below | since | none
    pub check: Spanned<String>,
    /// An "if …" or a forecast: no verdict; the check, when given, shows what happened since.
    pub conditional: Option<bool>,
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
    /// The quote's words the claimed value stands for, when it is not a number
    /// the quote writes ("sold" for a claimed 0 below, "for decades").
    pub claimed_words: Option<Spanned<String>>,
    /// The binding measures a proxy of what the quote says (a cause, an intent,
    /// a trend, confidence): what the data cannot show. A proxy reaches at most
    /// `partly`, and never contradicts.
    pub proxy: Option<String>,
    /// The quote's words that name the claim's window ("in Q3 alone"): a verdict
    /// that flips when the window moves by a period stays the window's own.
    pub window_words: Option<Spanned<String>>,
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
    /// first_above, first_below: the threshold.
    pub threshold: Option<f64>,
    /// share: the total the entity is a share of (default "Grand Total").
    pub of: Option<String>,
    /// Extra measures shown beside the claim.
    #[serde(default)]
    pub context: Vec<ContextSpec>,
    /// The id of an earlier claim this one repeats (the same statement made again):
    /// evaluated and shown, but not counted twice.
    pub repeats: Option<Spanned<String>>,
    /// The name of the main binding when the claim has readings (default "as bound").
    pub label: Option<String>,
    /// Other fair readings of the statement: a label and the fields that differ.
    #[serde(default)]
    pub readings: Vec<ReadingSpec>,
    /// The label of the reading the verdict follows when readings disagree.
    pub primary: Option<Spanned<String>>,
    /// Why that reading is the primary one.
    pub primary_why: Option<String>,
    /// draft | accepted | rejected (absent: accepted). Rejected claims are not evaluated.
    pub status: Option<Spanned<String>>,
    /// For drafts: how sure the drafter was of the binding, 0..1.
    pub confidence: Option<Spanned<f64>>,
    /// For drafts only: other bindings a reviewer may pick instead (`[[claim.alternative]]`),
    /// each a label and the fields that differ, read like a reading's.
    #[serde(default, rename = "alternative")]
    pub alternatives: Vec<ReadingSpec>,
}

/// One reading of a claim: the fields that differ from the main binding.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingSpec {
    pub label: Spanned<String>,
    pub check: Option<String>,
    pub series: Option<Vec<SeriesSpec>>,
    pub entity: Option<OneOrMany>,
    pub combine: Option<String>,
    pub period: Option<Spanned<String>>,
    pub from: Option<Spanned<String>>,
    pub to: Option<Spanned<String>>,
    pub claimed: Option<Claimed>,
    pub claimed_words: Option<Spanned<String>>,
    pub proxy: Option<String>,
    pub unit: Option<String>,
    pub relation: Option<String>,
    pub tolerance: Option<f64>,
    pub order: Option<String>,
    pub among: Option<String>,
    pub align: Option<String>,
    pub condition: Option<String>,
    pub threshold: Option<f64>,
}

impl ClaimSpec {
    /// This claim as read by one of its readings: the reading's fields replace the claim's
    /// (a reading's `period` replaces `from`/`to` and the other way round). Errors about the
    /// reading point at its label.
    pub fn with_reading(&self, r: &ReadingSpec) -> ClaimSpec {
        let mut c = self.with_fields_of(r);
        c.label = Some(r.label.get_ref().clone());
        c.repeats = None;
        c.readings = vec![];
        c.primary = None;
        c.primary_why = None;
        c.context = vec![];
        c
    }

    /// This draft bound as one of its alternatives: the alternative's fields replace the
    /// claim's (as a reading's do); everything else (context, readings, label) is kept.
    pub fn with_alternative(&self, a: &ReadingSpec) -> ClaimSpec {
        let mut c = self.with_fields_of(a);
        c.alternatives = vec![];
        c
    }

    /// The claim with the binding fields of `r` in place of its own; errors about the
    /// replaced check point at `r`'s label.
    fn with_fields_of(&self, r: &ReadingSpec) -> ClaimSpec {
        let mut c = self.clone();
        let at = r.label.span();
        if let Some(x) = &r.check {
            c.check = Spanned::new(at.clone(), x.clone());
        } else {
            c.check = Spanned::new(at.clone(), c.check.get_ref().clone());
        }
        if let Some(x) = &r.series {
            c.series = x.clone();
        }
        macro_rules! take {
            ($($f:ident),*) => { $( if r.$f.is_some() { c.$f = r.$f.clone(); } )* };
        }
        take!(
            entity,
            combine,
            claimed,
            claimed_words,
            proxy,
            unit,
            relation,
            tolerance,
            order,
            among,
            align,
            condition,
            threshold
        );
        if r.period.is_some() {
            c.period = r.period.clone();
            c.from = None;
            c.to = None;
        }
        if r.from.is_some() || r.to.is_some() {
            c.from = r.from.clone();
            c.to = r.to.clone();
            c.period = None;
        }
        c
    }

    /// True when the claim is marked `status = "rejected"`.
    pub fn is_rejected(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(|s| s.get_ref() == "rejected")
    }

    /// True when the claim is marked `status = "draft"` (a proposal not yet reviewed).
    pub fn is_draft(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.get_ref() == "draft")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextSpec {
    pub label: Spanned<String>,
    /// level | change | pct_change | sum | decomposition | after | latest
    pub check: Spanned<String>,
    #[serde(default)]
    pub series: Vec<SeriesSpec>,
    pub entity: Option<OneOrMany>,
    pub period: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub unit: Option<String>,
    /// share: the total the entity is a share of (default "Grand Total").
    pub of: Option<String>,
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// The most readings one claim may have, and the most `[[claim.alternative]]`
/// tables: each is evaluated over the data and shown as a row of the claim's
/// table, and a statement has a few fair readings, not thousands (16,000 took
/// minutes, the work growing with the square of the count).
pub const MAX_READINGS: usize = 32;

/// Parses a claims file; syntax and schema errors carry the file's line.
pub fn parse(file: &str, text: &str) -> Result<ClaimsFile, InputError> {
    let parsed = toml::from_str::<ClaimsFile>(text).map_err(|e| {
        let (line, msg) = crate::error::toml_error(text, &e);
        InputError::new(file, line, format!("invalid claims file: {msg}"))
    })?;
    for c in &parsed.claims {
        for (list, what) in [(&c.readings, "readings"), (&c.alternatives, "alternatives")] {
            if let Some(extra) = list.get(MAX_READINGS) {
                return Err(InputError::at(
                    file,
                    line_of(text, extra.label.span().start),
                    format!(
                        "claim {}: more than {MAX_READINGS} {what}; expected at most {MAX_READINGS} (each is evaluated and shown in the claim's table)",
                        c.id.get_ref()
                    ),
                ));
            }
        }
    }
    Ok(parsed)
}
