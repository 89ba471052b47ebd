//! Verdicts and the results of evaluating a claim.

use crate::data::Period;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    Supported,
    Contradicted,
    /// Right on the data available when published, different on today's data
    /// (or the other way round): a revision changed the verdict.
    Revised,
    /// Parts of the claim disagree: the entities of a `combine = "each"` claim,
    /// or its readings.
    Partly,
    /// An "if …" or a forecast: no verdict, what happened since is context.
    Conditional,
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
            Verdict::Revised => "revised",
            Verdict::Partly => "partly",
            Verdict::Conditional => "conditional",
            Verdict::Unverifiable => "unverifiable",
            Verdict::NotADataClaim => "not a data claim",
        }
    }

    /// A symbol that carries the verdict without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Verdict::Supported => "✓",
            Verdict::Contradicted => "✗",
            Verdict::Revised => "↻",
            Verdict::Partly => "◐",
            Verdict::Conditional => "◇",
            Verdict::Unverifiable => "?",
            Verdict::NotADataClaim => "·",
        }
    }

    /// Plain-ASCII symbol for terminals without Unicode.
    pub fn ascii_symbol(self) -> &'static str {
        match self {
            Verdict::Supported => "+",
            Verdict::Contradicted => "x",
            Verdict::Revised => "r",
            Verdict::Partly => "%",
            Verdict::Conditional => "c",
            Verdict::Unverifiable => "?",
            Verdict::NotADataClaim => ".",
        }
    }
}

impl Verdict {
    /// What the verdict means, in one line.
    pub fn meaning(self) -> &'static str {
        match self {
            Verdict::Supported => "the data agree, as published and today",
            Verdict::Contradicted => "the data disagree",
            Verdict::Revised => "right on the data of the day, different on today's revised data",
            Verdict::Partly => "parts or fair readings of the claim disagree",
            Verdict::Conditional => {
                "an \"if\" or a forecast: no verdict, what happened since shown"
            }
            Verdict::Unverifiable => "a data claim no bundled data can test",
            Verdict::NotADataClaim => "opinion or rhetoric: nothing to measure",
        }
    }

    /// Every verdict, in the order legends list them.
    pub const ALL: [Verdict; 7] = [
        Verdict::Supported,
        Verdict::Contradicted,
        Verdict::Revised,
        Verdict::Partly,
        Verdict::Conditional,
        Verdict::Unverifiable,
        Verdict::NotADataClaim,
    ];
}

impl Serialize for Verdict {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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
    /// In an "as published" view: the first release of this value is not held,
    /// and this later vintage (the earliest held) stands in for it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stand_in: bool,
    /// The page a hand-compiled figure was quoted from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Cell {
    /// Where the value comes from, as every surface cites it: `US Treasury, TIC
    /// SLT Table 3, released 2026-06`, or for a stand-in `…; first release not
    /// held, value as revised on 2026-06`.
    pub fn citation(&self) -> String {
        crate::catalogue::cite_value(
            &self.source,
            &self.measure,
            &self.vintage,
            self.stand_in,
            self.url.as_deref(),
        )
    }
}

/// What the values of a viewpoint rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Basis {
    /// Values as they were published then (or, today, the newest vintages).
    #[default]
    Held,
    /// Only later revisions standing in for first releases that are not held.
    StandIn,
    /// Some of each.
    Mixed,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Held => "held",
            Basis::StandIn => "stand-in",
            Basis::Mixed => "mixed",
        }
    }

    /// The basis of a set of values, given whether each stands in.
    pub fn of(stand_ins: impl IntoIterator<Item = bool>) -> Basis {
        let (mut held, mut standing) = (false, false);
        for s in stand_ins {
            if s {
                standing = true;
            } else {
                held = true;
            }
        }
        match (held, standing) {
            (_, false) => Basis::Held,
            (false, true) => Basis::StandIn,
            (true, true) => Basis::Mixed,
        }
    }

    /// Words for a viewpoint that does not rest on held values only (empty for `Held`).
    pub fn words(self) -> &'static str {
        match self {
            Basis::Held => "",
            Basis::StandIn => {
                "rests on later revisions: the first releases are not held, so the earliest values held stand in for them"
            }
            Basis::Mixed => {
                "rests partly on later revisions: where a first release is not held, the earliest value held stands in for it"
            }
        }
    }
}

impl Serialize for Basis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

fn ser_period<S: serde::Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string())
}

/// Difference between the observed and the claimed number (observed − claimed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub absolute: f64,
    /// `absolute / |claimed|`, when the claimed number is not zero.
    pub relative: Option<f64>,
    /// The unit of `absolute` (the claim's unit for amounts, `percent` for percentage
    /// changes, empty for counts).
    pub unit: String,
}

impl Gap {
    /// The gap as every surface writes it: `-0.5 USD bn (-0.7%)`, `-0.58 pp`, `+1`.
    pub fn words(&self) -> String {
        crate::format::gap(self.absolute, self.relative, &self.unit)
    }
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
    /// Held values only, stand-ins for first releases not held, or both.
    pub basis: Basis,
    /// No series had any value for the claim in this view.
    #[serde(skip)]
    pub no_data: bool,
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
            basis: Basis::Held,
            no_data: false,
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

/// One reading of a claim and its verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    pub label: String,
    /// The reading's check (it may differ from the claim's).
    pub check: String,
    pub verdict: Verdict,
    /// Today's observed value (the as-published one when today has none).
    pub observed: Option<f64>,
    /// The observed value as published.
    pub observed_as_published: Option<f64>,
    /// The observed result in words.
    pub observed_text: String,
    pub gap: Option<Gap>,
    pub verdict_as_published: Verdict,
    pub verdict_today: Verdict,
    /// The reading the claims file names as primary.
    pub primary: bool,
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
    /// The readings of the claim (the main binding first), when it lists any.
    pub readings: Vec<Reading>,
    /// "holds under every reading" or "depends on the reading" (with the primary's reason),
    /// when the claim has readings.
    pub readings_summary: String,
    /// The claim's binding with each end of its window moved by a month (the
    /// binding as bound first), when its check reads a window of months.
    pub windows: Vec<Reading>,
    /// "holds when either end of the window moves by a month", "depends on the
    /// window", or that the quote names its window and so decides.
    pub windows_summary: String,
    /// What the data cannot show, when the binding measures a proxy of the claim.
    pub proxy: Option<String>,
    /// The quote's words the claimed value stands for, when it is not a number the quote writes.
    pub claimed_words: Option<String>,
    /// The id of an earlier claim this one repeats (not counted twice).
    pub repeats: Option<String>,
    /// The claims file's `status`: "draft" (a proposal not yet reviewed) or "accepted"
    /// (also when the file says nothing). Rejected claims are not evaluated.
    pub status: String,
}

impl Evaluation {
    /// True for a claim marked `status = "draft"`.
    pub fn is_draft(&self) -> bool {
        self.status == "draft"
    }
}

#[cfg(test)]
mod tests {
    use super::Verdict;

    #[test]
    fn every_verdict_has_its_own_word_and_symbols() {
        let all = Verdict::ALL;
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.as_str(), b.as_str());
                assert_ne!(a.symbol(), b.symbol(), "{a} / {b}");
                assert_ne!(a.ascii_symbol(), b.ascii_symbol(), "{a} / {b}");
            }
            assert!(a.ascii_symbol().is_ascii());
            // `~` stands for a cut text in --ascii: no verdict may use it.
            assert_ne!(a.ascii_symbol(), "~");
        }
        let json = serde_json::to_string(&Verdict::NotADataClaim).unwrap();
        assert_eq!(json, "\"not a data claim\"");
    }
}
