//! One published number and where it came from.

use super::entity::EntityKind;
use super::period::Period;

/// Marks on an observation beyond its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Flag {
    /// An ordinary value.
    #[default]
    None,
    /// In a series-break year the publisher shows the old series' estimate
    /// "for comparison only"; it is kept, but never used as the value.
    OldSeries,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::None => "",
            Flag::OldSeries => "old_series",
        }
    }

    pub fn parse(s: &str) -> Option<Flag> {
        match s {
            "" => Some(Flag::None),
            "old_series" => Some(Flag::OldSeries),
            _ => None,
        }
    }
}

/// A value as an importer read it from an official file.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// Source id, e.g. `mfhhis01` or `slt_table3`.
    pub source: String,
    /// Measure id, e.g. `holdings` or `lt_net_purchases`.
    pub measure: String,
    /// Canonical entity name.
    pub entity: String,
    pub entity_kind: EntityKind,
    pub period: Period,
    /// The value as published (thousands separators removed, digits untouched).
    pub value_text: String,
    /// Unit as published, e.g. `USD billions`.
    pub unit: String,
    /// Publication date (`YYYY-MM-DD`, or `YYYY-MM` when only the month is known).
    pub vintage: String,
    pub flag: Flag,
    /// For hand-compiled facts: the page the figure was quoted from.
    pub source_url: String,
    /// Line in the raw file, for error messages (not written to tidy tables).
    pub line: usize,
}

impl Observation {
    pub fn value(&self) -> f64 {
        self.value_text.parse().unwrap_or(f64::NAN)
    }
}
