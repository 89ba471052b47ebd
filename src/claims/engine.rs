//! Evaluation: each claim of the claims file checked against the Dataset,
//! from two viewpoints — the data released by the article's date ("as
//! published") and the newest data ("today").

use super::article::Article;
use super::bind::{Bound, bind, view_verdict};
use super::context::context_line;
use super::metrics::FORM_S_NET;
use super::plan::{Here, Plan, article_day, validate};
use super::repeats::unmarked_repeat;
use super::scope::Scope;
use super::spec::{ClaimSpec, ClaimsFile};
use super::verdict::{ContextLine, Evaluation, Outcome, Reading, SeriesRef, Verdict};
use super::words::claimed_words;
use crate::data::{Period, Vintage};

/// Combines the verdicts of a section's claims into one mark: statements that are
/// not data claims and conditionals left aside; one verdict when all agree; `revised`
/// when claims that held when published were revised; `partly` when they disagree.
pub fn combine_marks(v: &[Verdict]) -> Option<Verdict> {
    use Verdict::*;
    let data: Vec<Verdict> = v
        .iter()
        .copied()
        .filter(|v| !matches!(v, NotADataClaim | Conditional | Unverifiable))
        .collect();
    if data.is_empty() {
        for w in [Unverifiable, Conditional] {
            if v.contains(&w) {
                return Some(w);
            }
        }
        return v.first().copied();
    }
    let has = |x| data.contains(&x);
    Some(if data.iter().all(|x| *x == data[0]) {
        data[0]
    } else if !has(Contradicted) && !has(Partly) {
        Revised
    } else {
        Partly
    })
}

/// What each series of a claim covers for its first entity, for error messages.
fn coverage(ds: &Scope, plan: &Plan) -> String {
    let Some(e) = plan.entities.first() else {
        return String::new();
    };
    plan.spec
        .series
        .iter()
        .map(|s| {
            let span = super::compute::series_map(ds, s, e, &Vintage::Latest, "")
                .and_then(|(_, m)| Some((*m.keys().next()?, *m.keys().next_back()?)));
            match span {
                Some((a, b)) => format!("{}/{} for {e} covers {a}..{b}", s.source, s.measure),
                None => format!("{}/{} has no values for {e}", s.source, s.measure),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn reading_of(label: &str, check: &str, b: &Bound, primary: bool) -> Reading {
    let main = if b.today.verdict == Verdict::Unverifiable {
        &b.published
    } else {
        &b.today
    };
    Reading {
        label: label.to_string(),
        check: check.to_string(),
        verdict: b.verdict,
        observed: main.observed,
        observed_as_published: b.published.observed,
        observed_text: main.observed_text.clone(),
        gap: main.gap.clone(),
        verdict_as_published: b.published.verdict,
        verdict_today: b.today.verdict,
        primary,
    }
}

fn evaluate(
    ds: &Scope,
    article: &Article,
    c: &ClaimSpec,
    date: &str,
    here: &Here,
) -> Result<Evaluation, crate::error::InputError> {
    let day = article_day(date).unwrap_or_default();
    let plan = validate(ds, article, c, day, here)?;
    let (main_claimed, main_value, main_unit) = (
        if c.check.get_ref() == "none" {
            String::new()
        } else {
            claimed_words(&plan)
        },
        plan.claimed,
        plan.unit.clone(),
    );
    for x in &c.context {
        super::context::validate(ds, x, here)?;
    }
    let conditional = c.conditional == Some(true);
    let base = |verdict: Verdict, note: Option<String>| Evaluation {
        id: c.id.get_ref().clone(),
        section: c.section.get_ref().clone(),
        quote: c.quote.get_ref().clone(),
        check: c.check.get_ref().clone(),
        claimed: main_claimed.clone(),
        claimed_value: main_value,
        unit: main_unit.clone(),
        verdict,
        conclusion: String::new(),
        as_published: Outcome::empty(verdict),
        today: Outcome::empty(verdict),
        context: vec![],
        series: vec![],
        note,
        readings: vec![],
        readings_summary: String::new(),
        windows: vec![],
        windows_summary: String::new(),
        proxy: c.proxy.clone(),
        claimed_words: c.claimed_words.as_ref().map(|w| w.get_ref().clone()),
        repeats: c.repeats.as_ref().map(|r| r.get_ref().clone()),
        status: if c.is_draft() { "draft" } else { "accepted" }.into(),
    };
    let entities = plan.entities.clone();
    // A context line that a claims file declares must show something: one
    // that yields nothing is an error, not a silent drop.
    let context_of = |entities: &[String]| -> Result<Vec<ContextLine>, crate::error::InputError> {
        c.context
            .iter()
            .map(|x| {
                context_line(ds, x, entities).ok_or_else(|| {
                    here.err(
                        &x.label,
                        format!(
                            "context {:?} yields no value: no series it names has data for {} over its window; expected a window, series and entities with data (a list of entities is added up: each needs a value)",
                            x.label.get_ref(),
                            x.entity
                                .as_ref()
                                .map(|e| e.to_vec())
                                .unwrap_or_else(|| entities.to_vec())
                                .join(" + ")
                        ),
                    )
                })
            })
            .collect()
    };
    // Every entity the claim or its context lines speak of, for the custodial caveat.
    let mut involved = entities.clone();
    for r in &c.readings {
        involved.extend(r.entity.iter().flat_map(|e| e.to_vec()));
    }
    for x in &c.context {
        involved.extend(x.entity.iter().flat_map(|e| e.to_vec()));
    }
    let involved: Vec<String> = involved.iter().filter_map(|e| ds.resolve(e)).collect();
    let caveat = ds.custodial_caveat(&involved).map(|text| ContextLine {
        label: "custodial".into(),
        text,
        evidence: vec![],
    });
    if c.check.get_ref() == "none" {
        if !c.readings.is_empty() {
            return Err(here.err(
                &c.check,
                "check = \"none\" has no readings; remove `readings`",
            ));
        }
        let verdict = if conditional {
            Verdict::Conditional
        } else if c.data_claim == Some(true) {
            Verdict::Unverifiable
        } else {
            Verdict::NotADataClaim
        };
        let mut e = base(verdict, c.why.clone());
        e.conclusion = match (&c.why, conditional) {
            (Some(w), true) => format!("A conditional statement or forecast: no verdict. {w}"),
            (None, true) => "A conditional statement or forecast: no verdict.".into(),
            (w, false) => w.clone().unwrap_or_default(),
        };
        e.context = context_of(&entities)?;
        e.context.extend(caveat);
        return Ok(e);
    }
    // The readings, each a full binding of its own.
    let specs: Vec<ClaimSpec> = c.readings.iter().map(|r| c.with_reading(r)).collect();
    let mut labels: Vec<&str> = vec![c.label.as_deref().unwrap_or("as bound")];
    for r in &c.readings {
        if labels.contains(&r.label.get_ref().as_str()) {
            return Err(here.err(
                &r.label,
                format!("reading label {:?} is used twice", r.label.get_ref()),
            ));
        }
        labels.push(r.label.get_ref());
    }
    if conditional && !c.readings.is_empty() {
        return Err(here.err(
            &c.check,
            "a conditional claim has no readings; remove `readings`",
        ));
    }
    let mut plans = vec![plan];
    for s in &specs {
        plans.push(validate(ds, article, s, day, here)?);
    }
    let primary = match &c.primary {
        None => None,
        Some(p) => {
            if c.readings.is_empty() {
                return Err(here.err(
                    p,
                    "`primary` names a reading, but the claim has no `readings`",
                ));
            }
            let Some(i) = labels.iter().position(|l| *l == p.get_ref()) else {
                return Err(here.err(
                    p,
                    format!(
                        "primary = {:?} is not a reading of this claim; expected one of {}",
                        p.get_ref(),
                        labels.join(", ")
                    ),
                ));
            };
            if c.primary_why.is_none() {
                return Err(here.err(p, "`primary` needs `primary_why`: why this reading"));
            }
            Some(i)
        }
    };
    if c.primary.is_none() && c.primary_why.is_some() {
        return Err(here.err(
            &c.check,
            "`primary_why` without `primary`; name the primary reading",
        ));
    }
    let bounds: Vec<Bound> = plans.iter().map(|p| bind(ds, p, date)).collect();
    for (b, p) in bounds.iter().zip(&plans) {
        if b.published.no_data && b.today.no_data {
            return Err(here.err(
                &p.spec.check,
                format!(
                    "the claim's window lies outside the data: no series has values for it ({})",
                    coverage(ds, p)
                ),
            ));
        }
    }
    // Readings agree when those with data give one verdict; a proxy's
    // "not borne out" (unverifiable with data) counts as a verdict of its own.
    let verdicts: Vec<Verdict> = bounds
        .iter()
        .filter(|b| {
            b.verdict != Verdict::Unverifiable || (!b.published.no_data || !b.today.no_data)
        })
        .map(|b| b.verdict)
        .collect();
    let agree = verdicts.windows(2).all(|w| w[0] == w[1]);
    let shown = primary.unwrap_or(0);
    let (b, plan) = (&bounds[shown], &plans[shown]);
    // What "it depends" means: partly, or for a proxy (which can only bear a claim
    // out or not, never contradict it) unverifiable.
    let proxied = plans.iter().any(|p| p.spec.proxy.is_some());
    let depends = if proxied {
        Verdict::Unverifiable
    } else {
        Verdict::Partly
    };
    let mut verdict = if conditional {
        Verdict::Conditional
    } else if agree || primary.is_some() {
        b.verdict
    } else {
        depends
    };
    // The same binding, and each reading, with each end of its window moved by a month.
    let has_data = |s: &Bound| !s.published.no_data || !s.today.no_data;
    let mut shifts: Vec<(String, Bound)> = Vec::new();
    let mut flipped = false;
    for (i, (p, pb)) in plans.iter().zip(&bounds).enumerate() {
        for (label, spec) in super::windows::shifted(p.spec, p) {
            let Ok(sp) = validate(ds, article, &spec, day, here) else {
                continue;
            };
            let sb = bind(ds, &sp, date);
            let flips = sb.verdict != pb.verdict
                && has_data(&sb)
                && (sb.verdict != Verdict::Unverifiable || p.spec.proxy.is_some());
            flipped |= flips;
            // The shown binding's table in full; another reading's rows where they flip.
            if i == shown {
                shifts.push((label, sb));
            } else if flips {
                shifts.push((format!("{} · {label}", labels[i]), sb));
            }
        }
    }
    let window_named = plan.spec.window_words.as_ref().map(|w| w.get_ref().clone());
    let window_decides = flipped && window_named.is_none() && verdict != depends;
    if window_decides {
        verdict = depends;
    }
    let mut e = base(verdict, None);
    e.conclusion = if conditional {
        format!(
            "A conditional statement or forecast: no verdict. What happened since: {}.",
            b.today.observed_text
        )
    } else {
        b.conclusion.clone()
    };
    if bounds.len() > 1 {
        e.readings = bounds
            .iter()
            .zip(&labels)
            .enumerate()
            .map(|(i, (b, l))| reading_of(l, plans[i].check, b, primary == Some(i)))
            .collect();
        e.readings_summary = if agree {
            "holds under every reading".into()
        } else if let Some(i) = primary {
            format!(
                "depends on the reading; the verdict follows {:?}: {}",
                labels[i],
                c.primary_why.as_deref().unwrap_or("")
            )
        } else {
            "depends on the reading".into()
        };
        if !agree && primary.is_none() {
            let parts: Vec<String> = e
                .readings
                .iter()
                .map(|r| format!("{} under {:?}", r.verdict, r.label))
                .collect();
            e.conclusion = format!("Depends on the reading: {}.", parts.join(", "));
        } else if !agree {
            e.conclusion = format!(
                "{} (Under the primary reading {:?}; {}.)",
                e.conclusion,
                labels[shown],
                c.primary_why.as_deref().unwrap_or("")
            );
        }
    }
    if !shifts.is_empty() {
        let main_label = match (plan.from, plan.to) {
            (Some(f), Some(t)) => format!("{} (as bound)", super::metrics::window_label(&f, &t)),
            _ => "as bound".into(),
        };
        e.windows = std::iter::once(reading_of(&main_label, plan.check, b, false))
            .chain(
                shifts
                    .iter()
                    .map(|(l, s)| reading_of(l, plan.check, s, false)),
            )
            .collect();
        e.windows_summary = match (&window_named, !flipped) {
            (_, true) => "holds when either end of the window moves by a month".into(),
            (Some(w), false) => format!(
                "depends on the window, but the quote names it ({w:?}), so the verdict is that window's"
            ),
            (None, false) => "depends on the window".into(),
        };
        if window_decides {
            let parts: Vec<String> = e
                .windows
                .iter()
                .map(|r| format!("{} over {}", r.verdict, r.label))
                .collect();
            e.conclusion = format!(
                "Depends on the window: {}. The quote does not name its window, so no window decides.",
                parts.join(", ")
            );
        }
    }
    let spec = b
        .today_spec
        .clone()
        .or_else(|| plan.spec.series.first().cloned());
    if let (Some(s), Some(f), Some(t)) = (spec, plan.from, plan.to) {
        let s = if s.measure == FORM_S_NET {
            plan.spec
                .series
                .iter()
                .find(|x| x.measure != FORM_S_NET)
                .cloned()
                .unwrap_or(s)
        } else {
            s
        };
        for ent in &plan.entities {
            // A bloc's series are its members' (the published series behind its sum).
            let names: Vec<String> = match ds.bloc(ent) {
                Some(b) => b
                    .member_names()
                    .into_iter()
                    .filter(|m| ds.series(&s.source, &s.measure, m).is_some())
                    .map(str::to_string)
                    .collect(),
                None => vec![ent.clone()],
            };
            for name in names {
                if !e.series.iter().any(|x| x.entity == name) {
                    e.series.push(SeriesRef {
                        source: s.source.clone(),
                        measure: s.measure.clone(),
                        entity: name,
                        from: f,
                        to: t,
                    });
                }
            }
        }
    }
    let mut published = b.published.clone();
    let mut today = b.today.clone();
    if conditional {
        published.verdict = Verdict::Conditional;
        today.verdict = Verdict::Conditional;
    } else if bounds.len() > 1 && primary.is_none() {
        // Each view's verdict follows the readings in that view: partly where they disagree.
        published.verdict = view_verdict(bounds.iter().map(|b| &b.published), depends);
        today.verdict = view_verdict(bounds.iter().map(|b| &b.today), depends);
    }
    if bounds.len() > 1 {
        // What each view rests on, over all its readings.
        let of = |pick: fn(&Bound) -> &Outcome| {
            bounds
                .iter()
                .map(pick)
                .filter(|o| !o.no_data)
                .map(|o| o.basis)
                .reduce(|a, b| {
                    if a == b {
                        a
                    } else {
                        super::verdict::Basis::Mixed
                    }
                })
        };
        if let Some(b) = of(|b| &b.published) {
            published.basis = b;
        }
        if let Some(b) = of(|b| &b.today) {
            today.basis = b;
        }
    }
    if window_decides {
        // And the windows, in each view.
        let main_published = published.clone();
        let main_today = today.clone();
        published.verdict = view_verdict(
            std::iter::once(&main_published).chain(shifts.iter().map(|(_, s)| &s.published)),
            depends,
        );
        today.verdict = view_verdict(
            std::iter::once(&main_today).chain(shifts.iter().map(|(_, s)| &s.today)),
            depends,
        );
    }
    e.as_published = published;
    e.today = today;
    if conditional {
        e.context.push(ContextLine {
            label: "since then".into(),
            text: e.today.observed_text.clone(),
            evidence: e.today.evidence.clone(),
        });
    }
    for l in &b.later {
        e.context.push(ContextLine {
            label: "since then".into(),
            text: l.clone(),
            evidence: vec![],
        });
    }
    e.context.extend(context_of(&entities)?);
    e.context.extend(caveat);
    Ok(e)
}

/// A draft's alternatives are validated like the claim itself (errors at the alternative's
/// label); any other claim may not carry alternatives.
fn check_alternatives(
    ds: &Scope,
    article: &Article,
    c: &ClaimSpec,
    date: &str,
    here: &Here,
) -> Result<(), crate::error::InputError> {
    let day = article_day(date).unwrap_or_default();
    for a in &c.alternatives {
        if !c.is_draft() {
            return Err(here.err(
                &a.label,
                format!(
                    "alternative {:?} on a claim that is not a draft; alternatives are read only \
with status = \"draft\" (remove the [[claim.alternative]] table)",
                    a.label.get_ref()
                ),
            ));
        }
        validate(ds, article, &c.with_alternative(a), day, here)?;
    }
    Ok(())
}

/// Whether a claim bound by one of its alternatives passes the checks a claims file's
/// claims pass (series, entities, window, unit and the fields its check reads).
pub fn alternative_fits(
    ds: &Scope,
    article: &Article,
    claim: &ClaimSpec,
    alternative: &super::spec::ReadingSpec,
    date: &str,
) -> bool {
    let here = Here { file: "", text: "" };
    let day = article_day(date).unwrap_or_default();
    validate(
        ds,
        article,
        &claim.with_alternative(alternative),
        day,
        &here,
    )
    .is_ok()
}

/// Evaluates one claim of a claims file whose text is `claims_text` (for errors' lines),
/// for an article dated `date` (`YYYY-MM-DD`): a draft re-evaluated under review.
pub fn evaluate_claim(
    ds: &Scope,
    article: &Article,
    claim: &ClaimSpec,
    date: &str,
    (claims_file, claims_text): (&str, &str),
) -> Result<Evaluation, crate::error::InputError> {
    let here = Here {
        file: claims_file,
        text: claims_text,
    };
    evaluate(ds, article, claim, date, &here)
}

/// Evaluates every claim of a claims file; the first invalid claim stops with an error naming its line.
pub fn evaluate_all(
    ds: &Scope,
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
    // The ids first: claims up to the first bad one are evaluated, on every
    // core, and the first error in file order is the one reported.
    let mut seen = std::collections::HashSet::new();
    let mut todo = Vec::new();
    let mut stop = None;
    for c in &file.claims {
        if let Some(r) = &c.repeats
            && !seen.contains(r.get_ref())
        {
            stop = Some(here.err(
                r,
                format!(
                    "repeats = {:?}: expected the id of an earlier claim",
                    r.get_ref()
                ),
            ));
            break;
        }
        if !seen.insert(c.id.get_ref().clone()) {
            stop = Some(here.err(
                &c.id,
                format!(
                    "claim id {:?} is used twice; expected unique ids",
                    c.id.get_ref()
                ),
            ));
            break;
        }
        if !c.is_rejected() {
            todo.push(c);
        }
    }
    if stop.is_none() {
        stop = unmarked_repeat(ds, &todo, &here);
    }
    let evaluated = crate::par::map_in_order(&todo, |c| {
        check_alternatives(ds, article, c, date, &here)?;
        evaluate(ds, article, c, date, &here)
    });
    let mut out = Vec::with_capacity(evaluated.len());
    for e in evaluated {
        out.push(e?);
    }
    if let Some(e) = stop {
        return Err(e);
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

#[cfg(test)]
mod tests {
    use super::super::bind::overall;
    use super::{Verdict::*, combine_marks};

    #[test]
    fn viewpoints_and_sections_combine() {
        assert_eq!(overall(Supported, Contradicted), Revised);
        assert_eq!(overall(Contradicted, Supported), Revised);
        assert_eq!(overall(Unverifiable, Contradicted), Contradicted);
        assert_eq!(overall(Partly, Supported), Partly);
        assert_eq!(combine_marks(&[Supported, Revised]), Some(Revised));
        assert_eq!(combine_marks(&[Supported, Contradicted]), Some(Partly));
        assert_eq!(
            combine_marks(&[Conditional, NotADataClaim]),
            Some(Conditional)
        );
        assert_eq!(
            combine_marks(&[Supported, Conditional, Unverifiable]),
            Some(Supported)
        );
        assert_eq!(combine_marks(&[NotADataClaim]), Some(NotADataClaim));
    }
}
