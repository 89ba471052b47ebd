//! `claimlens changes`: what a newer vintage changed, as values (revised or
//! new) and as claim verdicts (the case evaluated on both datasets).

use crate::claims::{Case, Verdict};
use crate::data::{Dataset, Vintage};
use serde::Serialize;

/// A value whose newest figure differs between the two datasets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub source: String,
    pub measure: String,
    pub entity: String,
    pub period: String,
    pub before: f64,
    pub after: f64,
    pub unit: String,
    /// The vintage of the newer figure.
    pub vintage: String,
}

/// Periods a series has only in the newer dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Added {
    pub source: String,
    pub measure: String,
    pub entity: String,
    pub first: String,
    pub last: String,
    pub count: usize,
}

/// A claim whose verdict or observed value differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimChange {
    pub id: String,
    pub observed_before: Option<f64>,
    pub observed_after: Option<f64>,
    pub unit: String,
    pub verdict_before: Verdict,
    pub verdict_after: Verdict,
}

impl ClaimChange {
    pub fn verdict_changed(&self) -> bool {
        self.verdict_before != self.verdict_after
    }

    /// `jan-2025-13.3bn: -13.3 -> -4.7, supported -> revised`.
    pub fn line(&self) -> String {
        let unit = crate::format::unit_for(&self.unit);
        let n = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), |v| unit.number(v));
        let verdict = if self.verdict_changed() {
            format!("{} -> {}", self.verdict_before, self.verdict_after)
        } else {
            format!("{} (unchanged)", self.verdict_after)
        };
        format!(
            "{}: {} -> {}, {verdict}",
            self.id,
            n(self.observed_before),
            n(self.observed_after)
        )
    }
}

/// Everything that differs between an older and a newer dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// What the older side is, in words (e.g. `embedded data`).
    pub before: String,
    /// What the newer side is.
    pub after: String,
    pub revised: Vec<Revision>,
    pub added: Vec<Added>,
    pub claims: Vec<ClaimChange>,
}

/// Compares two datasets and the case evaluated on each.
pub fn compare(
    (before_label, before, case_before): (String, &Dataset, &Case),
    (after_label, after, case_after): (String, &Dataset, &Case),
) -> Changes {
    let mut revised = Vec::new();
    let mut added = Vec::new();
    for s in after.all_series() {
        let old = before.series(&s.source, &s.measure, &s.entity);
        let mut new_periods = Vec::new();
        for p in s.view(&Vintage::Latest) {
            match old.and_then(|o| o.at(&p.period, &Vintage::Latest)) {
                Some(q) if q.value != p.value => revised.push(Revision {
                    source: s.source.clone(),
                    measure: s.measure.clone(),
                    entity: s.entity.clone(),
                    period: p.period.to_string(),
                    before: q.value,
                    after: p.value,
                    unit: s.unit.clone(),
                    vintage: p.vintage.to_string(),
                }),
                Some(_) => {}
                None => new_periods.push(p.period.to_string()),
            }
        }
        if let (Some(first), Some(last)) = (new_periods.first(), new_periods.last()) {
            added.push(Added {
                source: s.source.clone(),
                measure: s.measure.clone(),
                entity: s.entity.clone(),
                first: first.clone(),
                last: last.clone(),
                count: new_periods.len(),
            });
        }
    }
    Changes {
        before: before_label,
        after: after_label,
        revised,
        added,
        claims: claim_changes(case_before, case_after),
    }
}

/// The claims of a case whose verdict or observed value differ between two
/// evaluations of it.
pub fn claim_changes(case_before: &Case, case_after: &Case) -> Vec<ClaimChange> {
    case_after
        .evaluations
        .iter()
        .filter_map(|a| {
            let b = case_before.evaluations.iter().find(|b| b.id == a.id)?;
            let changed = a.verdict != b.verdict || a.today.observed != b.today.observed;
            changed.then(|| ClaimChange {
                id: a.id.clone(),
                observed_before: b.today.observed,
                observed_after: a.today.observed,
                unit: a.unit.clone(),
                verdict_before: b.verdict,
                verdict_after: a.verdict,
            })
        })
        .collect()
}

/// The changes as text.
pub fn text(c: &Changes) -> String {
    let mut out = format!("changes from {} to {}\n", c.before, c.after);
    let verdicts = c.claims.iter().filter(|x| x.verdict_changed()).count();
    out.push_str(&format!(
        "\nclaims: {} verdicts changed, {} observed values moved\n",
        crate::format::number(verdicts as f64),
        crate::format::number((c.claims.len() - verdicts) as f64)
    ));
    for x in &c.claims {
        out.push_str(&format!("  {}\n", x.line()));
    }
    out.push_str(&format!(
        "\nrevised values: {}\n",
        crate::format::number(c.revised.len() as f64)
    ));
    for r in &c.revised {
        out.push_str(&format!(
            "  {} {} {} {}: {} -> {} (vintage {})\n",
            r.source,
            r.measure,
            r.entity,
            r.period,
            crate::format::level(r.before, &r.unit),
            crate::format::level(r.after, &r.unit),
            r.vintage
        ));
    }
    out.push_str(&format!(
        "\nnew periods: {} series\n",
        crate::format::number(c.added.len() as f64)
    ));
    for a in &c.added {
        out.push_str(&format!(
            "  {} {} {}: {} .. {} ({} values)\n",
            a.source,
            a.measure,
            a.entity,
            a.first,
            a.last,
            crate::format::number(a.count as f64)
        ));
    }
    out
}

/// The changes as JSON.
/// The JSON of "no vintage archived yet": the same fields, nothing changed.
pub fn json_none() -> String {
    json(&Changes {
        before: "the embedded data".into(),
        after:
            "the embedded data (no vintage archived yet; claimlens update fetches the newest data)"
                .into(),
        revised: vec![],
        added: vec![],
        claims: vec![],
    })
}

pub fn json(c: &Changes) -> String {
    let mut s = serde_json::to_string_pretty(c).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The changes the archive at `dir` holds: from the embedded data with the
/// vintages fetched on or before `since` (`YYYY-MM-DD`; default: all but the
/// newest) to the data with every vintage, the case (bundled, or the folder
/// `case`) evaluated on both. `None` when no vintage is archived.
pub fn from_archive(
    dir: &std::path::Path,
    since: Option<&str>,
    case: Option<&std::path::Path>,
) -> Result<Option<Changes>, crate::error::Error> {
    use crate::error::Error;
    // The date is checked first: a bad one is wrong with or without an archive.
    if let Some(d) = since {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            Error::Usage(format!("--since: expected a date YYYY-MM-DD, found {d:?}"))
        })?;
    }
    let archive = crate::archive::Archive::open(dir)?;
    let all = &archive.index.vintages;
    let Some(newest) = all.last() else {
        return Ok(None);
    };
    let upto = match since {
        Some(d) => {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                Error::Usage(format!("--since: expected a date YYYY-MM-DD, found {d:?}"))
            })?;
            all.iter().filter(|v| v.date() <= d).count()
        }
        None => all.len() - 1,
    };
    let embedded = Dataset::embedded()?;
    let before = archive.dataset_upto(embedded.clone(), upto)?;
    let after = archive.dataset(embedded)?;
    let case_before = crate::claims::load_case(&before, case)?;
    let case_after = crate::claims::load_case(&after, case)?;
    let label = |v: &crate::archive::VintageRecord| format!("vintage {} ({})", v.id, v.date());
    let before_label = match upto {
        0 => "the embedded data".to_string(),
        k => label(&all[k - 1]),
    };
    Ok(Some(compare(
        (before_label, &before, &case_before),
        (label(newest), &after, &case_after),
    )))
}

/// The claims whose verdict the newest archived vintage changed (id -> the
/// change in words), for the explorer's marker; empty without an archive.
///
/// `now`: the case (from `case`) already evaluated on the newest data, as
/// the explorer opens it ([`crate::archive::startup_dataset`]); it is then
/// not evaluated again, only the side before the newest vintage.
pub fn newest_verdicts(
    case: Option<&std::path::Path>,
    now: Option<&Case>,
) -> Result<std::collections::HashMap<String, String>, crate::error::Error> {
    let Some(dir) = crate::archive::default_dir() else {
        return Ok(Default::default());
    };
    if !dir.join(crate::archive::INDEX).exists() {
        return Ok(Default::default());
    }
    // As `from_archive` with its default, but only the claims: the data's
    // own changes (every series of both sides walked) are what `claimlens
    // changes` lists, not the explorer.
    let archive = crate::archive::Archive::open(&dir)?;
    let Some(newest) = archive.index.vintages.len().checked_sub(1) else {
        return Ok(Default::default());
    };
    let embedded = Dataset::embedded()?;
    let before = archive.dataset_upto(embedded.clone(), newest)?;
    let case_before = crate::claims::load_case(&before, case)?;
    let made;
    let now = match now {
        Some(c) => c,
        None => {
            made = crate::claims::load_case(&archive.dataset(embedded)?, case)?;
            &made
        }
    };
    Ok(claim_changes(&case_before, now)
        .iter()
        .filter(|x| x.verdict_changed())
        .map(|x| (x.id.clone(), x.line()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_change_reads_as_numbers_and_verdicts() {
        let c = ClaimChange {
            id: "c1".into(),
            observed_before: Some(-4.71),
            observed_after: Some(-13.3),
            unit: "USD billions".into(),
            verdict_before: Verdict::Revised,
            verdict_after: Verdict::Supported,
        };
        assert_eq!(c.line(), "c1: -4.7 -> -13.3, revised -> supported");
        let same = ClaimChange {
            observed_after: None,
            verdict_after: Verdict::Revised,
            ..c
        };
        assert!(!same.verdict_changed());
        assert_eq!(same.line(), "c1: -4.7 -> n/a, revised (unchanged)");
    }
}
