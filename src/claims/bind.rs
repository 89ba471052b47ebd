//! One binding of a claim (the main one, a reading or a shifted window)
//! evaluated from both viewpoints: the data released by the article's date and
//! today's, each an [`Outcome`] with its verdict, and the two combined.

use super::compute::{Found, compute};
use super::plan::Plan;
use super::scope::Scope;
use super::spec::SeriesSpec;
use super::verdict::{Basis, Gap, Outcome, Verdict};
use super::words::{amount_unit, basis_sentence, conclusion, proxy_conclusion};
use crate::data::Vintage;
use crate::format;

fn relation_holds(rel: &str, obs: f64, claimed: f64, tol: f64) -> bool {
    match rel {
        "above" => obs > claimed,
        "below" => obs < claimed,
        "at_least" => obs >= claimed,
        "at_most" => obs <= claimed,
        "nearly" => obs.abs() <= claimed.abs() * 1.005 && obs.abs() >= claimed.abs() * (1.0 - tol),
        _ => (obs - claimed).abs() <= tol * claimed.abs().max(f64::EPSILON),
    }
}

/// The outcome of one viewpoint, the series it used, and what later data show.
type Viewed = (Outcome, Option<SeriesSpec>, Vec<String>);

fn outcome(plan: &Plan, found: Option<Found>, view: &Vintage, what: &str) -> Viewed {
    let Some(mut f) = found else {
        return (
            Outcome {
                observed_text: "no data".into(),
                summary: format!("No {what} for this claim in the bundled data."),
                no_data: true,
                ..Outcome::empty(Verdict::Unverifiable)
            },
            None,
            vec![],
        );
    };
    for c in &mut f.cells {
        c.stand_in = view.stands_in(&c.source, &c.vintage);
    }
    let basis = match Basis::of(f.cells.iter().map(|c| c.stand_in)) {
        Basis::Held if f.history_stand_ins => Basis::Mixed,
        b => b,
    };
    if let Some(noise) = revision_noise(plan, &f) {
        f.text = format!("{}: {noise}", f.text);
        f.undecided = true;
    }
    if f.undecided {
        return (
            Outcome {
                observed: None,
                summary: format!("{}.", f.text),
                observed_text: f.text,
                detail: f.detail,
                evidence: f.cells,
                basis,
                ..Outcome::empty(Verdict::Unverifiable)
            },
            Some(f.spec),
            f.later,
        );
    }
    let check = plan.check;
    let numeric = matches!(
        check,
        "level" | "sum" | "change" | "pct_change" | "max" | "min" | "share"
    );
    let pass = match (f.pass, plan.claimed, f.value) {
        (Some(p), _, _) => p,
        (None, Some(c), Some(v)) => relation_holds(plan.relation, v, c, plan.tolerance),
        _ => false,
    };
    let gap = match (numeric || check == "streak", plan.claimed, f.value) {
        (true, Some(c), Some(v)) => Some(Gap {
            absolute: v - c,
            relative: (c != 0.0 && numeric).then(|| (v - c) / c.abs()),
            unit: amount_unit(plan).to_string(),
        }),
        _ => None,
    };
    let verdict = if pass {
        Verdict::Supported
    } else {
        Verdict::Contradicted
    };
    let gap_text = gap.as_ref().map(|g| format!(" (gap {})", g.words()));
    let summary = format!(
        "{}{}: {}.",
        f.text,
        gap_text.unwrap_or_default(),
        if pass {
            "consistent with the claim"
        } else {
            "does not match the claim"
        }
    );
    (
        Outcome {
            observed: f.value,
            observed_text: f.text,
            detail: f.detail,
            gap,
            verdict,
            summary,
            evidence: f.cells,
            basis,
            no_data: false,
        },
        Some(f.spec),
        f.later,
    )
}

/// Why a change is revision noise, when it is: smaller than its source's
/// documented revision range, or computed between two report vintages.
fn revision_noise(plan: &Plan, f: &Found) -> Option<String> {
    if !matches!(plan.check, "change" | "pct_change") {
        return None;
    }
    let first = f.cells.first()?;
    let (range, range_unit) = crate::data::calendar::revision_range(&first.source, &first.measure)?;
    if f.cells
        .iter()
        .any(|c| c.source != first.source || c.measure != first.measure)
    {
        return None;
    }
    let mut vintages: Vec<&str> = f.cells.iter().map(|c| c.vintage.as_str()).collect();
    vintages.sort_unstable();
    vintages.dedup();
    let mut why = Vec::new();
    if vintages.len() > 1 {
        why.push(format!(
            "it compares figures of two report vintages ({})",
            vintages.join(" and ")
        ));
    }
    let unit_matches = super::metrics::resolve_unit(range_unit, &plan.unit).is_some();
    if plan.check == "change" && unit_matches && f.value.is_some_and(|v| v.abs() < range) {
        why.push(format!(
            "the change is smaller than the source's usual revision of ±{} {range_unit}",
            format::number(range)
        ));
    }
    (!why.is_empty()).then(|| {
        format!(
            "within revision noise ({}), so no verdict on its own",
            why.join("; ")
        )
    })
}

/// A proxy's verdict in one view: what it bears out is at most partly, what it
/// does not bear out is no contradiction.
fn proxy_cap(v: Verdict) -> Verdict {
    match v {
        Verdict::Supported => Verdict::Partly,
        Verdict::Contradicted => Verdict::Unverifiable,
        v => v,
    }
}

/// One view's verdict over several readings: theirs when those with data agree,
/// else partly.
pub(super) fn view_verdict<'o>(
    outcomes: impl Iterator<Item = &'o Outcome>,
    depends: Verdict,
) -> Verdict {
    let with_data: Vec<Verdict> = outcomes.filter(|o| !o.no_data).map(|o| o.verdict).collect();
    match with_data.first() {
        None => Verdict::Unverifiable,
        Some(v) if with_data.iter().all(|x| x == v) => *v,
        Some(_) => depends,
    }
}

/// The verdict of both viewpoints together.
pub(super) fn overall(published: Verdict, today: Verdict) -> Verdict {
    use Verdict::*;
    match (published, today) {
        (Unverifiable, t) => t,
        (p, Unverifiable) => p,
        (Partly, _) | (_, Partly) => Partly,
        (p, t) if p == t => p,
        _ => Revised,
    }
}

/// Evaluates one viewpoint, possibly entity by entity (`combine = "each"`).
fn viewpoint(ds: &Scope, plan: &Plan, view: &Vintage, what: &str) -> Viewed {
    if plan.spec.combine.as_deref() != Some("each") || plan.entities.len() < 2 {
        return outcome(plan, compute(ds, plan, &plan.entities, view), view, what);
    }
    let parts: Vec<(String, Viewed)> = plan
        .entities
        .iter()
        .map(|e| {
            let v = outcome(
                plan,
                compute(ds, plan, std::slice::from_ref(e), view),
                view,
                what,
            );
            (e.clone(), v)
        })
        .collect();
    let verdicts: Vec<Verdict> = parts
        .iter()
        .map(|(_, v)| v.0.verdict)
        .filter(|v| *v != Verdict::Unverifiable)
        .collect();
    let verdict = if verdicts.is_empty() {
        Verdict::Unverifiable
    } else if verdicts.iter().all(|v| *v == Verdict::Supported) {
        Verdict::Supported
    } else if verdicts.iter().all(|v| *v == Verdict::Contradicted) {
        Verdict::Contradicted
    } else {
        Verdict::Partly
    };
    let text = parts
        .iter()
        .map(|(e, v)| {
            if plan.spec.conditional == Some(true) {
                format!("{e}: {}", v.0.observed_text)
            } else {
                format!("{e}: {} {}", v.0.verdict.symbol(), v.0.observed_text)
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let spec = parts.iter().find_map(|(_, v)| v.1.clone());
    let later = parts
        .iter()
        .flat_map(|(e, v)| v.2.iter().map(move |l| format!("{e}: {l}")))
        .collect();
    (
        Outcome {
            observed: None,
            observed_text: text.clone(),
            detail: String::new(),
            gap: None,
            verdict,
            summary: format!("{text}."),
            basis: parts
                .iter()
                .map(|(_, v)| v.0.basis)
                .reduce(|a, b| if a == b { a } else { Basis::Mixed })
                .unwrap_or_default(),
            no_data: parts.iter().all(|(_, v)| v.0.no_data),
            evidence: parts.into_iter().flat_map(|(_, v)| v.0.evidence).collect(),
        },
        spec,
        later,
    )
}

/// One binding of a claim (the main one or a reading) evaluated from both viewpoints.
pub(super) struct Bound {
    pub(super) published: Outcome,
    pub(super) today: Outcome,
    pub(super) verdict: Verdict,
    pub(super) conclusion: String,
    pub(super) today_spec: Option<SeriesSpec>,
    /// What later data show beyond the claim's horizon.
    pub(super) later: Vec<String>,
}

pub(super) fn bind(ds: &Scope, plan: &Plan, date: &str) -> Bound {
    let published_view = Vintage::Released(date.to_string());
    let (published, _, _) = viewpoint(
        ds,
        plan,
        &published_view,
        &format!("data released by {date}"),
    );
    let (mut today, today_spec, later) = viewpoint(ds, plan, &Vintage::Latest, "current data");
    let mut published = published;
    if let Some(what) = &plan.spec.proxy {
        published.verdict = proxy_cap(published.verdict);
        today.verdict = proxy_cap(today.verdict);
        let verdict = overall(published.verdict, today.verdict);
        let conclusion =
            proxy_conclusion(verdict, &published, &today, what, date) + &basis_sentence(&published);
        return Bound {
            published,
            today,
            verdict,
            conclusion,
            today_spec,
            later,
        };
    }
    let verdict = overall(published.verdict, today.verdict);
    let conclusion =
        conclusion(plan, verdict, &published, &today, date) + &basis_sentence(&published);
    Bound {
        published,
        today,
        verdict,
        conclusion,
        today_spec,
        later,
    }
}
