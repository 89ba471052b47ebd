//! Evaluation: each claim of the claims file checked against the Dataset,
//! from two viewpoints — the data released by the article's date ("as
//! published") and the newest data ("today").

use super::article::Article;
use super::compute::{Found, compute, fmt_num};
use super::context::context_line;
use super::metrics::{self, FORM_S_NET};
use super::plan::{Here, Plan, validate};
use super::spec::{ClaimSpec, ClaimsFile, SeriesSpec};
use super::verdict::{Evaluation, Gap, Outcome, SeriesRef, Verdict};
use crate::data::{Dataset, Period, Vintage};
use crate::report::show::format_value;

/// Combines the verdicts of a section's claims into one mark.
pub fn combine_marks(v: &[Verdict]) -> Option<Verdict> {
    let data: Vec<Verdict> = v
        .iter()
        .copied()
        .filter(|v| *v != Verdict::NotADataClaim)
        .collect();
    if data.is_empty() {
        return v.first().copied();
    }
    let has = |x| data.contains(&x);
    Some(
        if has(Verdict::Mixed) || (has(Verdict::Supported) && has(Verdict::Contradicted)) {
            Verdict::Mixed
        } else if has(Verdict::Contradicted) {
            Verdict::Contradicted
        } else if has(Verdict::Supported) {
            Verdict::Supported
        } else {
            Verdict::Unverifiable
        },
    )
}

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

fn relation_words(rel: &str) -> &'static str {
    match rel {
        "above" => "more than",
        "below" => "less than",
        "at_least" => "at least",
        "at_most" => "at most",
        "nearly" => "nearly",
        _ => "about",
    }
}

fn outcome(plan: &Plan, found: Option<Found>, what: &str) -> (Outcome, Option<SeriesSpec>) {
    let Some(f) = found else {
        return (
            Outcome {
                observed_text: "no data".into(),
                summary: format!("No {what} data bundled for this claim."),
                ..Outcome::empty(Verdict::Unverifiable)
            },
            None,
        );
    };
    let check = plan.spec.check.get_ref().as_str();
    let numeric = matches!(check, "level" | "sum" | "change" | "pct_change");
    let pass = match (f.pass, plan.claimed) {
        (Some(p), _) => p,
        (None, Some(c)) => relation_holds(plan.relation, f.value, c, plan.tolerance),
        (None, None) => false,
    };
    let gap = match (numeric || check == "streak", plan.claimed) {
        (true, Some(c)) => Some(Gap {
            absolute: f.value - c,
            relative: (c != 0.0 && numeric).then(|| (f.value - c) / c.abs()),
            unit: "",
        }),
        _ => None,
    };
    let verdict = if pass {
        Verdict::Supported
    } else {
        Verdict::Contradicted
    };
    let gap_text = gap.map(|g| {
        let rel = g
            .relative
            .map(|r| format!(", {:+.1}%", r * 100.0))
            .unwrap_or_default();
        format!(
            " (gap {}{}{rel})",
            if g.absolute >= 0.0 { "+" } else { "" },
            format_value(g.absolute)
        )
    });
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
            observed: Some(f.value),
            observed_text: f.text,
            detail: f.detail,
            gap,
            verdict,
            summary,
            evidence: f.cells,
        },
        Some(f.spec),
    )
}

fn claimed_words(plan: &Plan) -> String {
    let c = plan.spec;
    let check = c.check.get_ref().as_str();
    let who = plan.entities.join(" + ");
    let window = match (plan.from, plan.to) {
        (Some(f), Some(t)) => metrics::window_label(&f, &t),
        _ => String::new(),
    };
    let measure = c.series.first().map(|s| s.measure.as_str()).unwrap_or("");
    let order = if plan.lowest_first {
        "lowest"
    } else {
        "highest"
    };
    match (check, plan.claimed) {
        ("rank", Some(n)) => {
            format!("{who} ranks {n} by {measure} in {window} ({order} first)")
        }
        ("record", Some(n)) => {
            format!("{who}'s {window} {measure} ranks {n} over its history ({order} first)")
        }
        ("streak", Some(n)) => format!(
            "{} {n} periods in a row of {} {measure} for {who} up to {}",
            relation_words(plan.relation),
            c.condition.as_deref().unwrap_or("").replace(':', " "),
            plan.to.map(|p| p.to_string()).unwrap_or_default()
        ),
        ("first_above", _) => format!(
            "{who} first above {} {measure}: {} {}",
            c.threshold.map(format_value).unwrap_or_default(),
            relation_words(plan.relation),
            plan.claimed_period
                .map(|p| p.to_string())
                .unwrap_or_default()
        ),
        (_, Some(n)) => format!(
            "{} {} ({check} of {measure}, {who}, {window})",
            relation_words(plan.relation),
            fmt_num(n, &plan.unit)
        ),
        _ => String::new(),
    }
}

fn conclusion(verdict: Verdict, published: &Outcome, today: &Outcome, date: &str) -> String {
    match verdict {
        Verdict::Supported | Verdict::Contradicted => {
            let word = if verdict == Verdict::Supported {
                "Supported"
            } else {
                "Contradicted"
            };
            match (published.verdict == verdict, today.verdict == verdict) {
                (true, true) => format!(
                    "{word} both by the data released by {date} ({}) and by today's data ({}).",
                    published.observed_text, today.observed_text
                ),
                (false, true) => format!("{word} by today's data: {}.", today.observed_text),
                _ => format!(
                    "{word} by the data released by {date}: {}.",
                    published.observed_text
                ),
            }
        }
        Verdict::Mixed if published.verdict == Verdict::Supported => format!(
            "Matched the data released by {date} ({}), but the data as revised since do not ({}).",
            published.observed_text, today.observed_text
        ),
        Verdict::Mixed if today.verdict == Verdict::Supported => format!(
            "Not borne out by the data released by {date} ({}), but today's data agree ({}).",
            published.observed_text, today.observed_text
        ),
        Verdict::Mixed => format!("The entities disagree: {}.", today.observed_text),
        _ => "No bundled data can test this claim.".into(),
    }
}

fn overall(published: Verdict, today: Verdict) -> Verdict {
    use Verdict::*;
    match (published, today) {
        (Unverifiable, t) => t,
        (p, Unverifiable) => p,
        (p, t) if p == t => p,
        _ => Mixed,
    }
}

/// Evaluates one viewpoint, possibly entity by entity (`combine = "each"`).
fn viewpoint(
    ds: &Dataset,
    plan: &Plan,
    view: &Vintage,
    what: &str,
) -> (Outcome, Option<SeriesSpec>) {
    if plan.spec.combine.as_deref() != Some("each") || plan.entities.len() < 2 {
        return outcome(plan, compute(ds, plan, &plan.entities, view), what);
    }
    let parts: Vec<(String, Outcome, Option<SeriesSpec>)> = plan
        .entities
        .iter()
        .map(|e| {
            let (o, s) = outcome(plan, compute(ds, plan, std::slice::from_ref(e), view), what);
            (e.clone(), o, s)
        })
        .collect();
    let verdicts: Vec<Verdict> = parts
        .iter()
        .map(|(_, o, _)| o.verdict)
        .filter(|v| *v != Verdict::Unverifiable)
        .collect();
    let verdict = if verdicts.is_empty() {
        Verdict::Unverifiable
    } else if verdicts.iter().all(|v| *v == Verdict::Supported) {
        Verdict::Supported
    } else if verdicts.iter().all(|v| *v == Verdict::Contradicted) {
        Verdict::Contradicted
    } else {
        Verdict::Mixed
    };
    let text = parts
        .iter()
        .map(|(e, o, _)| format!("{e}: {} {}", o.verdict.symbol(), o.observed_text))
        .collect::<Vec<_>>()
        .join("; ");
    let spec = parts.iter().find_map(|(_, _, s)| s.clone());
    (
        Outcome {
            observed: None,
            observed_text: text.clone(),
            detail: String::new(),
            gap: None,
            verdict,
            summary: format!("{text}."),
            evidence: parts.into_iter().flat_map(|(_, o, _)| o.evidence).collect(),
        },
        spec,
    )
}

fn evaluate(
    ds: &Dataset,
    article: &Article,
    c: &ClaimSpec,
    date: &str,
    here: &Here,
) -> Result<Evaluation, crate::error::InputError> {
    let plan = validate(ds, article, c, here)?;
    let base = |verdict: Verdict, note: Option<String>| Evaluation {
        id: c.id.get_ref().clone(),
        section: c.section.get_ref().clone(),
        quote: c.quote.get_ref().clone(),
        check: c.check.get_ref().clone(),
        claimed: claimed_words(&plan),
        claimed_value: plan.claimed,
        unit: plan.unit.clone(),
        verdict,
        conclusion: String::new(),
        as_published: Outcome::empty(verdict),
        today: Outcome::empty(verdict),
        context: vec![],
        series: vec![],
        note,
    };
    if c.check.get_ref() == "none" {
        let verdict = if c.data_claim == Some(true) {
            Verdict::Unverifiable
        } else {
            Verdict::NotADataClaim
        };
        let mut e = base(verdict, c.why.clone());
        e.conclusion = c.why.clone().unwrap_or_default();
        return Ok(e);
    }
    let published_view = Vintage::AsOf(date.to_string());
    let (published, _) = viewpoint(
        ds,
        &plan,
        &published_view,
        &format!("data released by {date}"),
    );
    let (today, today_spec) = viewpoint(ds, &plan, &Vintage::Latest, "current");
    if published.verdict == Verdict::Unverifiable && today.verdict == Verdict::Unverifiable {
        return Err(here.err(
            &c.check,
            "the claim's window lies outside the data: no series has values for it",
        ));
    }
    let verdict = overall(published.verdict, today.verdict);
    let mut e = base(verdict, None);
    e.conclusion = conclusion(verdict, &published, &today, date);
    let spec = today_spec.or_else(|| c.series.first().cloned());
    if let (Some(s), Some(f), Some(t)) = (spec, plan.from, plan.to) {
        let s = if s.measure == FORM_S_NET {
            c.series
                .iter()
                .find(|x| x.measure != FORM_S_NET)
                .cloned()
                .unwrap_or(s)
        } else {
            s
        };
        for ent in &plan.entities {
            e.series.push(SeriesRef {
                source: s.source.clone(),
                measure: s.measure.clone(),
                entity: ent.clone(),
                from: f,
                to: t,
            });
        }
    }
    e.as_published = published;
    e.today = today;
    e.context = c
        .context
        .iter()
        .filter_map(|x| context_line(ds, x, &plan.entities))
        .collect();
    Ok(e)
}

/// Evaluates every claim of a claims file; the first invalid claim stops with an error naming its line.
pub fn evaluate_all(
    ds: &Dataset,
    article: &Article,
    file: &ClaimsFile,
    claims_file: &str,
    claims_text: &str,
) -> Result<Vec<Evaluation>, crate::error::InputError> {
    let here = Here {
        file: claims_file,
        text: claims_text,
    };
    let date = file.article.date.get_ref();
    if date
        .parse::<Period>()
        .map(|p| matches!(p.start, crate::data::Stamp::Day(_)))
        != Ok(true)
    {
        return Err(here.err(
            &file.article.date,
            format!("expected the article date as YYYY-MM-DD, found {date:?}"),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for c in &file.claims {
        if !seen.insert(c.id.get_ref().clone()) {
            return Err(here.err(
                &c.id,
                format!(
                    "claim id {:?} is used twice; expected unique ids",
                    c.id.get_ref()
                ),
            ));
        }
        if c.is_rejected() {
            continue;
        }
        out.push(evaluate(ds, article, c, date, &here)?);
    }
    let missing: Vec<&str> = article
        .sections
        .iter()
        .filter(|s| !out.iter().any(|e| e.section == s.id))
        // A section whose claims were all rejected in review is covered all the same.
        .filter(|s| !file.claims.iter().any(|c| c.section.get_ref() == &s.id))
        .map(|s| s.id.as_str())
        .collect();
    if !missing.is_empty() && !out.is_empty() {
        // Every section should appear, even if only as "not a data claim".
        return Err(crate::error::InputError::file(
            claims_file,
            format!(
                "sections without any claim: {}; expected every section to be covered",
                missing.join(", ")
            ),
        ));
    }
    Ok(out)
}
