//! `claimlens check`: every claim with its verdict and numbers (being written).

use crate::claims::Case;

pub fn text(case: &Case) -> String {
    case.evaluations.iter().map(|e| format!("{} {} {}\n", e.verdict.symbol(), e.id, e.verdict)).collect()
}

pub fn markdown(case: &Case) -> String {
    text(case)
}

pub fn json(case: &Case) -> String {
    serde_json::to_string_pretty(&case.evaluations).unwrap_or_default()
}
