//! Evaluation: each claim of the claims file checked against the Dataset,
//! from two viewpoints — the data released by the article's date ("as
//! published") and the newest data ("today").

use super::article::Article;
use super::compute::{Found, compute, fmt_num, num};
use super::context::context_line;
use super::metrics::{self, FORM_S_NET};
use super::plan::{Here, Plan, article_day, validate};
use super::scope::Scope;
use super::spec::{ClaimSpec, ClaimsFile, SeriesSpec};
use super::verdict::{Basis, ContextLine, Evaluation, Gap, Outcome, Reading, SeriesRef, Verdict};
use crate::data::{Period, Vintage};
use crate::format;

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

/// The unit a claim's observed numbers and gaps are in: its unit for checks of
/// amounts, percent for percentage changes, none for counts, ranks and dates.
fn amount_unit<'a>(plan: &'a Plan) -> &'a str {
    match plan.check {
        "level" | "sum" | "change" | "max" | "min" => &plan.unit,
        "pct_change" => "percent",
        _ => "",
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
    if f.undecided {
        return (
            Outcome {
                observed: None,
                summary: format!(
                    "{}: absence of data is no evidence, so no verdict here.",
                    f.text
                ),
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
        "level" | "sum" | "change" | "pct_change" | "max" | "min"
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

fn claimed_words(plan: &Plan) -> String {
    let c = plan.spec;
    let check = plan.check;
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
    let rank_words = |n: f64| match plan.relation {
        "about" => format!("{n}"),
        r => format!("{} {n}", relation_words(r)),
    };
    let period = plan
        .claimed_period
        .map(|p| p.to_string())
        .unwrap_or_default();
    match (check, plan.claimed) {
        ("rank", Some(n)) => {
            format!(
                "{who} ranks {} by {measure} in {window} ({order} first)",
                rank_words(n)
            )
        }
        ("record", Some(n)) => {
            format!(
                "{who}'s {window} {measure} ranks {} over its history up to then ({order} first)",
                rank_words(n)
            )
        }
        ("streak", Some(n)) => format!(
            "{} {n} periods in a row of {} {measure} for {who} up to {}",
            relation_words(plan.relation),
            c.condition.as_deref().unwrap_or("").replace(':', " "),
            plan.to.map(|p| p.to_string()).unwrap_or_default()
        ),
        ("first_above" | "first_below", _) => format!(
            "{who} first {} {} {measure}: {} {period}",
            if check == "first_above" {
                "above"
            } else {
                "below"
            },
            c.threshold.map(|t| num(t, &plan.unit)).unwrap_or_default(),
            relation_words(plan.relation),
        ),
        ("since", _) => format!(
            "{who}'s {window} {measure} is the {order} since {} {period}",
            relation_words(plan.relation)
        ),
        (_, Some(n)) => {
            let amount = match check {
                "pct_change" => format::level(n, "percent"),
                "change" if !plan.unit.is_empty() => format::change(n, &plan.unit),
                _ => fmt_num(n, &plan.unit),
            };
            format!(
                "{} {amount} ({check} of {measure}, {who}, {window})",
                relation_words(plan.relation),
            )
        }
        (_, None) => format!("{check} of {measure}, {who}, {window}"),
    }
}

/// How much a revision moved the observed value, and whether that weakens or
/// strengthens the claim.
fn revision_words(plan: &Plan, published: &Outcome, today: &Outcome) -> String {
    let (Some(p), Some(t)) = (published.observed, today.observed) else {
        return String::new();
    };
    let delta = t - p;
    if delta == 0.0 {
        return String::new();
    }
    // Which way is "more" of what the claim says: +1 larger, -1 smaller.
    let claimed = plan.claimed.unwrap_or(0.0);
    let towards: f64 = match (plan.check, plan.relation) {
        ("first_above" | "first_below" | "since", _) => 0.0,
        ("rank" | "record", "at_least" | "above") => 1.0,
        ("rank" | "record", _) => -1.0,
        (_, "below" | "at_most") => -1.0,
        (_, "above" | "at_least") => 1.0,
        _ if claimed < 0.0 => -1.0,
        _ if claimed > 0.0 => 1.0,
        _ => 0.0,
    };
    // A share of the published value, when that value is a level or a total (not a change or a rank).
    let rel = if p != 0.0 && matches!(plan.check, "level" | "sum" | "max" | "min") {
        format!(" ({:+.1}%)", delta / p.abs() * 100.0)
    } else {
        String::new()
    };
    let effect = if towards == 0.0 {
        String::new()
    } else if delta * towards > 0.0 {
        ", which strengthens the claim".into()
    } else {
        ", which weakens the claim".into()
    };
    format!(
        " Revised from {} to {}: {} by {}{rel}{effect}.",
        num(p, amount_unit(plan)),
        num(t, amount_unit(plan)),
        if delta > 0.0 { "up" } else { "down" },
        num(delta.abs(), amount_unit(plan))
    )
}

fn conclusion(
    plan: &Plan,
    verdict: Verdict,
    published: &Outcome,
    today: &Outcome,
    date: &str,
) -> String {
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
        Verdict::Revised if published.verdict == Verdict::Supported => format!(
            "Right on the data released by {date} ({}), but not on today's data ({}).{}",
            published.observed_text,
            today.observed_text,
            revision_words(plan, published, today)
        ),
        Verdict::Revised => format!(
            "Not borne out by the data released by {date} ({}), but today's data agree ({}).{}",
            published.observed_text,
            today.observed_text,
            revision_words(plan, published, today)
        ),
        Verdict::Partly => format!("Parts of the claim disagree: {}.", today.observed_text),
        _ => "No bundled data can test this claim.".into(),
    }
}

/// The sentence a conclusion ends with when the as-published view does not rest
/// on values held from the article's date only.
fn basis_sentence(published: &Outcome) -> String {
    if published.basis == Basis::Held || published.verdict == Verdict::Unverifiable {
        return String::new();
    }
    let mut vintages: Vec<&str> = published
        .evidence
        .iter()
        .filter(|c| c.stand_in)
        .map(|c| c.vintage.as_str())
        .collect();
    vintages.sort_unstable();
    vintages.dedup();
    let which = if vintages.is_empty() {
        String::new()
    } else {
        format!(" (the values as revised on {})", vintages.join(", "))
    };
    format!(
        " As published, the verdict {}{which}.",
        published.basis.words()
    )
}

/// The verdict of both viewpoints together.
fn overall(published: Verdict, today: Verdict) -> Verdict {
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
struct Bound {
    published: Outcome,
    today: Outcome,
    verdict: Verdict,
    conclusion: String,
    today_spec: Option<SeriesSpec>,
    /// What later data show beyond the claim's horizon.
    later: Vec<String>,
}

fn bind(ds: &Scope, plan: &Plan, date: &str) -> Bound {
    let published_view = Vintage::Released(date.to_string());
    let (published, _, _) = viewpoint(
        ds,
        plan,
        &published_view,
        &format!("data released by {date}"),
    );
    let (today, today_spec, later) = viewpoint(ds, plan, &Vintage::Latest, "current data");
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
        repeats: c.repeats.as_ref().map(|r| r.get_ref().clone()),
        status: if c.is_draft() { "draft" } else { "accepted" }.into(),
    };
    let entities = plan.entities.clone();
    let context_of = |entities: &[String]| -> Vec<ContextLine> {
        c.context
            .iter()
            .filter_map(|x| context_line(ds, x, entities))
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
        e.context = context_of(&entities);
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
    let verdicts: Vec<Verdict> = bounds
        .iter()
        .map(|b| b.verdict)
        .filter(|v| *v != Verdict::Unverifiable)
        .collect();
    let agree = verdicts.windows(2).all(|w| w[0] == w[1]);
    let shown = primary.unwrap_or(0);
    let (b, plan) = (&bounds[shown], &plans[shown]);
    let verdict = if conditional {
        Verdict::Conditional
    } else if agree || primary.is_some() {
        b.verdict
    } else {
        Verdict::Partly
    };
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
    e.context.extend(context_of(&entities));
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
    use super::{Verdict::*, combine_marks, overall};

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
