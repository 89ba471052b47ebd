//! `claimlens draft --check`: a draft against a hand-written claims file.
//!
//! Definitions (docs/draft.md): a *numeric statement* is a claim with a check
//! other than `none` whose quote holds an amount as [`super::numbers`] reads
//! them (money, percent, tonnes, a count of periods, an ordinal rank; years
//! alone are not amounts). A reference statement is *found* when a draft
//! claim with a check other than `none` quotes text of the same section that
//! overlaps its quote. Among the drafts found, the best one is scored on four
//! criteria: entity, window, claimed value and sign. It is *right* when all
//! four hold and, when both files are evaluated against the data (as
//! `claimlens draft --check` does), the two claims reach the same verdict:
//! a draft that binds the right numbers to data that turn the verdict round
//! is not right. Recall = right / reference numeric statements; precision =
//! right / draft numeric statements.

use super::numbers::amounts;
use crate::claims::Verdict;
use crate::claims::article::{Article, find_quote};
use crate::claims::spec::{ClaimSpec, Claimed};
use crate::data::Period;
use crate::data::entity::canonical_name;
use std::collections::HashMap;
use std::ops::Range;

/// The verdict of every claim of each file, by id, as `check` gives them.
#[derive(Debug, Clone, Default)]
pub struct Verdicts {
    pub reference: HashMap<String, Verdict>,
    pub draft: HashMap<String, Verdict>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// The four criteria of one reference statement against its best draft.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    pub id: String,
    pub section: String,
    /// The draft claim that covers it, if any.
    pub draft: Option<String>,
    pub entity: bool,
    pub window: bool,
    pub value: bool,
    pub sign: bool,
    /// The reference claim's verdict, when the files were evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_verdict: Option<&'static str>,
    /// The draft claim's verdict, when the files were evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft_verdict: Option<&'static str>,
}

impl Row {
    /// Both verdicts known and equal; `None` when they were not compared.
    pub fn same_verdict(&self) -> Option<bool> {
        match (self.reference_verdict, self.draft_verdict) {
            (Some(a), Some(b)) => Some(a == b),
            _ => None,
        }
    }

    pub fn right(&self) -> bool {
        self.draft.is_some()
            && self.entity
            && self.window
            && self.value
            && self.sign
            && self.same_verdict() != Some(false)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Score {
    pub rows: Vec<Row>,
    /// Reference numeric statements.
    pub reference: usize,
    /// Of those, covered by a draft claim with a check.
    pub found: usize,
    /// Of those, right on all four criteria.
    pub right: usize,
    /// Draft numeric statements.
    pub drafted: usize,
    /// Draft numeric statements that overlap no reference numeric statement.
    pub unmatched: Vec<String>,
    pub recall: f64,
    pub precision: f64,
    /// Secondary figure: every reference claim with a check other than `none` (numeric or not),
    /// and how many of those a draft gets right on the same four criteria.
    pub data_claims: usize,
    pub data_claims_right: usize,
    /// Whether verdicts were compared (both files evaluated against the data).
    pub verdicts_compared: bool,
    /// Of the reference numeric statements found, how many reach the draft's verdict.
    pub same_verdict: usize,
}

/// True when the claim is a numeric statement (see the module docs).
pub fn is_numeric(c: &ClaimSpec) -> bool {
    c.check.get_ref() != "none" && !c.is_rejected() && !amounts(c.quote.get_ref()).is_empty()
}

fn range_of(article: &Article, c: &ClaimSpec) -> Option<Range<usize>> {
    let s = article.section(c.section.get_ref())?;
    find_quote(&s.text, c.quote.get_ref())
}

fn to_base(v: f64, unit: Option<&str>) -> f64 {
    match unit {
        Some("USD millions") => v / 1e3,
        Some("USD trillion") => v * 1e3,
        _ => v,
    }
}

/// (first day, last day) of the claim's window.
fn window(c: &ClaimSpec) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let p = |s: &Option<toml::Spanned<String>>| {
        s.as_ref().and_then(|x| x.get_ref().parse::<Period>().ok())
    };
    match (p(&c.from), p(&c.to), p(&c.period)) {
        (Some(f), Some(t), _) => Some((f.first_day(), t.last_day())),
        (_, _, Some(x)) => Some((x.first_day(), x.last_day())),
        _ => None,
    }
}

fn entities(c: &ClaimSpec) -> Vec<String> {
    let mut v: Vec<String> = c
        .entity
        .as_ref()
        .map(|e| e.to_vec())
        .unwrap_or_default()
        .iter()
        .map(|e| canonical_name(e))
        .collect();
    v.sort();
    v.dedup();
    v
}

fn family(check: &str) -> &str {
    match check {
        "level" | "sum" | "change" | "pct_change" => "amount",
        other => other,
    }
}

fn sign_of(c: &ClaimSpec) -> String {
    let check = c.check.get_ref().as_str();
    match family(check) {
        "amount" => match &c.claimed {
            Some(Claimed::Number(v)) if *v < 0.0 => "amount-".into(),
            Some(Claimed::Number(v)) if *v > 0.0 => "amount+".into(),
            _ => "amount0".into(),
        },
        "record" | "rank" => format!("{check}:{}", c.order.as_deref().unwrap_or("lowest")),
        "streak" => format!(
            "streak:{}",
            c.condition
                .as_deref()
                .unwrap_or("")
                .split(':')
                .next()
                .unwrap_or("")
        ),
        other => other.to_string(),
    }
}

fn same_value(r: &ClaimSpec, d: &ClaimSpec) -> bool {
    match (&r.claimed, &d.claimed) {
        (Some(Claimed::Number(a)), Some(Claimed::Number(b))) => {
            let (a, b) = (
                to_base(*a, r.unit.as_deref()),
                to_base(*b, d.unit.as_deref()),
            );
            (a - b).abs() <= 0.005 * a.abs().max(b.abs()).max(1e-9)
        }
        (Some(Claimed::Text(a)), Some(Claimed::Text(b))) => a == b,
        (None, None) => true,
        _ => false,
    }
}

fn criteria(r: &ClaimSpec, d: &ClaimSpec) -> [bool; 4] {
    [
        entities(r) == entities(d),
        window(r) == window(d),
        same_value(r, d),
        sign_of(r) == sign_of(d),
    ]
}

/// Scores `draft` against `reference`, both parsed claims files over the same article,
/// on the four criteria only.
pub fn score(article: &Article, reference: &[ClaimSpec], draft: &[ClaimSpec]) -> Score {
    score_with(article, reference, draft, None)
}

/// As [`score`], and with `verdicts` a draft is right only where its verdict
/// is the reference claim's.
pub fn score_with(
    article: &Article,
    reference: &[ClaimSpec],
    draft: &[ClaimSpec],
    verdicts: Option<&Verdicts>,
) -> Score {
    let mut rows = Vec::new();
    let overlapping = |r: &ClaimSpec| -> Vec<&ClaimSpec> {
        let Some(rr) = range_of(article, r) else {
            return vec![];
        };
        draft
            .iter()
            .filter(|d| {
                d.section.get_ref() == r.section.get_ref()
                    && d.check.get_ref() != "none"
                    && !d.is_rejected()
            })
            .filter(|d| {
                range_of(article, d).is_some_and(|dr| dr.start < rr.end && rr.start < dr.end)
            })
            .collect()
    };
    let all_rows: Vec<Row> = reference
        .iter()
        .filter(|c| c.check.get_ref() != "none" && !c.is_rejected())
        .map(|r| best_row(r, &overlapping(r), verdicts))
        .collect();
    for r in reference.iter().filter(|c| is_numeric(c)) {
        rows.push(best_row(r, &overlapping(r), verdicts));
    }
    let mut s = finish(article, reference, draft, rows, &all_rows);
    s.verdicts_compared = verdicts.is_some();
    s
}

/// The reference claim against the overlapping draft that meets most criteria.
fn best_row(r: &ClaimSpec, cands: &[&ClaimSpec], verdicts: Option<&Verdicts>) -> Row {
    let best = cands
        .iter()
        .map(|d| (criteria(r, d), *d))
        .max_by_key(|(c, d)| {
            (
                c.iter().filter(|x| **x).count(),
                std::cmp::Reverse(d.id.get_ref().clone()),
            )
        });
    match best {
        Some((c, d)) => Row {
            id: r.id.get_ref().clone(),
            section: r.section.get_ref().clone(),
            draft: Some(d.id.get_ref().clone()),
            entity: c[0],
            window: c[1],
            value: c[2],
            sign: c[3],
            reference_verdict: verdicts
                .and_then(|v| v.reference.get(r.id.get_ref()))
                .map(|v| v.as_str()),
            draft_verdict: verdicts
                .and_then(|v| v.draft.get(d.id.get_ref()))
                .map(|v| v.as_str()),
        },
        None => Row {
            id: r.id.get_ref().clone(),
            section: r.section.get_ref().clone(),
            draft: None,
            entity: false,
            window: false,
            value: false,
            sign: false,
            reference_verdict: verdicts
                .and_then(|v| v.reference.get(r.id.get_ref()))
                .map(|v| v.as_str()),
            draft_verdict: None,
        },
    }
}

fn finish(
    article: &Article,
    reference: &[ClaimSpec],
    draft: &[ClaimSpec],
    rows: Vec<Row>,
    all_rows: &[Row],
) -> Score {
    let drafted: Vec<&ClaimSpec> = draft.iter().filter(|c| is_numeric(c)).collect();
    let right_drafts: std::collections::BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.right())
        .filter_map(|r| r.draft.as_deref())
        .collect();
    let refs: Vec<&ClaimSpec> = reference.iter().filter(|c| is_numeric(c)).collect();
    let unmatched = drafted
        .iter()
        .filter(|d| {
            let Some(dr) = range_of(article, d) else {
                return true;
            };
            !refs.iter().any(|r| {
                r.section.get_ref() == d.section.get_ref()
                    && range_of(article, r).is_some_and(|rr| dr.start < rr.end && rr.start < dr.end)
            })
        })
        .map(|d| d.id.get_ref().clone())
        .collect();
    let right = rows.iter().filter(|r| r.right()).count();
    let reference_n = rows.len();
    Score {
        found: rows.iter().filter(|r| r.draft.is_some()).count(),
        right,
        reference: reference_n,
        drafted: drafted.len(),
        unmatched,
        data_claims: all_rows.len(),
        data_claims_right: all_rows.iter().filter(|r| r.right()).count(),
        verdicts_compared: false,
        same_verdict: rows
            .iter()
            .filter(|r| r.same_verdict() == Some(true))
            .count(),
        recall: if reference_n == 0 {
            0.0
        } else {
            right as f64 / reference_n as f64
        },
        precision: if drafted.is_empty() {
            0.0
        } else {
            right_drafts.len() as f64 / drafted.len() as f64
        },
        rows,
    }
}

fn mark(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The score as a table and totals.
pub fn text(s: &Score) -> String {
    let w = s.rows.iter().map(|r| r.id.len()).max().unwrap_or(5).max(5);
    let dw = s
        .rows
        .iter()
        .filter_map(|r| r.draft.as_ref())
        .map(|d| d.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let verdict_col = |r: &Row| -> String {
        match (r.reference_verdict, r.draft_verdict) {
            (Some(a), Some(b)) if a == b => format!("yes ({a})"),
            (Some(a), Some(b)) => format!("no ({a} / draft {b})"),
            _ => "-".into(),
        }
    };
    let mut out = if s.verdicts_compared {
        format!(
            "{:<w$}  {:<dw$}  entity  window  value  sign  right  verdict\n",
            "claim", "draft"
        )
    } else {
        format!(
            "{:<w$}  {:<dw$}  entity  window  value  sign  right\n",
            "claim", "draft"
        )
    };
    for r in &s.rows {
        let d = r.draft.as_deref().unwrap_or("-");
        if r.draft.is_some() {
            let line = format!(
                "{:<w$}  {:<dw$}  {:<6}  {:<6}  {:<5}  {:<4}  {:<5}",
                r.id,
                d,
                mark(r.entity),
                mark(r.window),
                mark(r.value),
                mark(r.sign),
                mark(r.right())
            );
            if s.verdicts_compared {
                out.push_str(&format!("{line}  {}\n", verdict_col(r)));
            } else {
                out.push_str(line.trim_end());
                out.push('\n');
            }
        } else {
            out.push_str(&format!("{:<w$}  {:<dw$}  not found\n", r.id, d));
        }
    }
    if s.verdicts_compared {
        out.push_str(&format!(
            "\nnumeric statements: {} in the claims file, {} found, {} with the same verdict, {} right on entity, window, value, sign and verdict\n",
            s.reference, s.found, s.same_verdict, s.right
        ));
    } else {
        out.push_str(&format!(
            "\nnumeric statements: {} in the claims file, {} found, {} right on entity, window, value and sign\n",
            s.reference, s.found, s.right
        ));
    }
    out.push_str(&format!(
        "recall: {}/{} = {:.1}%\nprecision: {}/{} draft numeric statements right = {:.1}%\n",
        s.right,
        s.reference,
        s.recall * 100.0,
        (s.precision * s.drafted as f64).round() as usize,
        s.drafted,
        s.precision * 100.0
    ));
    out.push_str(&format!(
        "all data claims (any claim with a check, numeric or not): {}/{} right\n",
        s.data_claims_right, s.data_claims
    ));
    if !s.unmatched.is_empty() {
        out.push_str(&format!(
            "draft numeric statements with no counterpart: {}\n",
            s.unmatched.join(", ")
        ));
    }
    out
}

pub fn json(s: &Score) -> String {
    serde_json::to_string_pretty(s).unwrap_or_default() + "\n"
}
