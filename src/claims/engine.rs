//! Evaluation: each claim of the claims file checked against the Dataset,
//! from two viewpoints — the data released by the article's date ("as
//! published") and the newest data ("today").

use super::article::{Article, find_quote};
use super::metrics::{self, FORM_S_NET, Valued};
use super::spec::{ClaimSpec, Claimed, ClaimsFile, ContextSpec, SeriesSpec, line_of};
use super::verdict::{Cell, ContextLine, Evaluation, Gap, Outcome, SeriesRef, Verdict};
use crate::data::{Dataset, EntityKind, Period, Vintage};
use crate::report::show::format_value;
use std::collections::BTreeMap;
use toml::Spanned;

/// Combines the verdicts of a section's claims into one mark.
pub fn combine_marks(v: &[Verdict]) -> Option<Verdict> {
    let data: Vec<Verdict> = v.iter().copied().filter(|v| *v != Verdict::NotADataClaim).collect();
    if data.is_empty() {
        return v.first().copied();
    }
    let has = |x| data.contains(&x);
    Some(if has(Verdict::Mixed) || (has(Verdict::Supported) && has(Verdict::Contradicted)) {
        Verdict::Mixed
    } else if has(Verdict::Contradicted) {
        Verdict::Contradicted
    } else if has(Verdict::Supported) {
        Verdict::Supported
    } else {
        Verdict::Unverifiable
    })
}

/// Where errors about one claim point.
struct Here<'a> {
    file: &'a str,
    text: &'a str,
}

impl Here<'_> {
    fn err<T>(&self, span: &Spanned<T>, msg: impl Into<String>) -> crate::error::InputError {
        crate::error::InputError::at(self.file, line_of(self.text, span.span().start), msg.into())
    }
}

/// What a check needs, parsed and validated.
struct Plan<'a> {
    spec: &'a ClaimSpec,
    entities: Vec<String>,
    from: Option<Period>,
    to: Option<Period>,
    unit: String,
    claimed: Option<f64>,
    claimed_period: Option<Period>,
    relation: &'a str,
    tolerance: f64,
    lowest_first: bool,
}

fn parse_period(here: &Here, p: &Option<Spanned<String>>, name: &str) -> Result<Option<Period>, crate::error::InputError> {
    match p {
        None => Ok(None),
        Some(s) => s
            .get_ref()
            .parse::<Period>()
            .map(Some)
            .map_err(|e| here.err(s, format!("{name}: {e}"))),
    }
}

const CHECKS: &[&str] = &["level", "change", "pct_change", "sum", "rank", "record", "streak", "first_above", "none"];
const RELATIONS: &[&str] = &["about", "nearly", "above", "below", "at_least", "at_most"];

fn validate<'a>(ds: &Dataset, article: &Article, c: &'a ClaimSpec, here: &Here) -> Result<Plan<'a>, crate::error::InputError> {
    let section = article
        .section(c.section.get_ref())
        .ok_or_else(|| here.err(&c.section, format!("unknown section {:?}; expected one of the article's section ids", c.section.get_ref())))?;
    if find_quote(&section.text, c.quote.get_ref()).is_none() {
        return Err(here.err(&c.quote, format!("quote not found in section {}: {:?}", section.id, c.quote.get_ref())));
    }
    let check = c.check.get_ref().as_str();
    if !CHECKS.contains(&check) {
        return Err(here.err(&c.check, format!("unknown check {check:?}; expected one of {}", CHECKS.join(", "))));
    }
    let relation = c.relation.as_deref().unwrap_or(match check {
        "streak" => "at_least",
        "rank" | "record" => "about",
        _ => "about",
    });
    if !RELATIONS.contains(&relation) {
        return Err(here.err(&c.check, format!("unknown relation {relation:?}; expected one of {}", RELATIONS.join(", "))));
    }
    let (from, to) = (parse_period(here, &c.from, "from")?, parse_period(here, &c.to, "to")?);
    let period = parse_period(here, &c.period, "period")?;
    let (from, to) = match (from, to, period) {
        (Some(f), Some(t), _) => (Some(f), Some(t)),
        (None, None, Some(p)) => (Some(p), Some(p)),
        (None, None, None) => (None, None),
        _ => return Err(here.err(&c.check, "expected both `from` and `to`, or `period`")),
    };
    if let (Some(f), Some(t)) = (from, to)
        && f.first_day() > t.last_day()
    {
        return Err(here.err(&c.check, format!("window {f}..{t} ends before it starts")));
    }
    let mut plan = Plan {
        spec: c,
        entities: c.entity.as_ref().map(|e| e.to_vec()).unwrap_or_default(),
        from,
        to,
        unit: c.unit.clone().unwrap_or_default(),
        claimed: None,
        claimed_period: None,
        relation,
        tolerance: c.tolerance.unwrap_or(0.05),
        lowest_first: c.order.as_deref() != Some("highest"),
    };
    if check == "none" {
        if c.why.is_none() || c.data_claim.is_none() {
            return Err(here.err(&c.check, "check = \"none\" needs `data_claim` (true/false) and `why`"));
        }
        return Ok(plan);
    }
    if c.series.is_empty() {
        return Err(here.err(&c.check, "expected `series = [{ source = ..., measure = ... }]`"));
    }
    if plan.entities.is_empty() {
        return Err(here.err(&c.check, "expected `entity`"));
    }
    for s in &c.series {
        let measure_known = s.measure == FORM_S_NET && s.source == "s1_globl"
            || ds.all_series().iter().any(|x| x.source == s.source && x.measure == s.measure);
        if !measure_known {
            return Err(here.err(&c.check, format!("unknown source/measure {}/{}: no such series in the data", s.source, s.measure)));
        }
    }
    for e in &mut plan.entities {
        let known = ds.resolve_entity(e).map(str::to_string);
        match known {
            Some(name) => *e = name,
            None => return Err(here.err(&c.check, format!("unknown entity {e:?}"))),
        }
    }
    if from.is_none() && check != "first_above" {
        return Err(here.err(&c.check, "expected `period`, or `from` and `to`"));
    }
    match (&c.claimed, check) {
        (Some(Claimed::Text(t)), "first_above") => {
            plan.claimed_period = Some(t.parse().map_err(|e: String| here.err(&c.check, format!("claimed: {e}")))?);
        }
        (Some(Claimed::Number(n)), "first_above") => plan.claimed_period = Some(Period::year(*n as i32)),
        (Some(Claimed::Number(n)), _) => plan.claimed = Some(*n),
        (Some(Claimed::Text(_)), _) => return Err(here.err(&c.check, "expected a number for `claimed`")),
        (None, _) => return Err(here.err(&c.check, "expected `claimed`")),
    }
    if check == "first_above" && c.threshold.is_none() {
        return Err(here.err(&c.check, "first_above needs `threshold`"));
    }
    if check == "streak" && cond_fn(c.condition.as_deref().unwrap_or("")).is_none() {
        return Err(here.err(&c.check, "streak needs `condition` = negative, positive, above:X or below:X"));
    }
    if matches!(check, "level" | "change" | "sum") && plan.unit.is_empty() {
        return Err(here.err(&c.check, "expected `unit` for the claimed number"));
    }
    Ok(plan)
}

fn kind_plural(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Country => "countries",
        EntityKind::CountryGroup => "country groups",
        EntityKind::Residual => "residual rows",
        EntityKind::Total => "totals",
        EntityKind::Region => "regions",
        EntityKind::Memo => "memo rows",
        EntityKind::IntlOrg => "international organisations",
    }
}

fn cond_fn(cond: &str) -> Option<Box<dyn Fn(f64) -> bool>> {
    match cond {
        "negative" => Some(Box::new(|v| v < 0.0)),
        "positive" => Some(Box::new(|v| v > 0.0)),
        _ => {
            let (kind, x) = cond.split_once(':')?;
            let x: f64 = x.trim().parse().ok()?;
            match kind {
                "above" => Some(Box::new(move |v| v > x)),
                "below" => Some(Box::new(move |v| v < x)),
                _ => None,
            }
        }
    }
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

/// The data of one series spec for one entity in one view, in the claim's unit.
fn series_map(ds: &Dataset, s: &SeriesSpec, entity: &str, view: &Vintage, unit: &str) -> Option<(String, BTreeMap<Period, Valued>)> {
    let (su, mut map) = metrics::points(ds, &s.source, &s.measure, entity, view)?;
    if map.is_empty() {
        return None;
    }
    let target = if unit.is_empty() { su.clone() } else { unit.to_string() };
    let f = metrics::unit_factor(&su, &target)?;
    for v in map.values_mut() {
        v.value *= f;
    }
    Some((target, map))
}

/// A computed result of one viewpoint, before it is compared with the claim.
struct Found {
    value: f64,
    text: String,
    detail: String,
    cells: Vec<Cell>,
    spec: SeriesSpec,
    /// For rank/record/streak: the claim is judged on this number.
    pass: Option<bool>,
}

fn fmt_num(v: f64, unit: &str) -> String {
    if unit.is_empty() { format_value(v) } else { format!("{} {unit}", format_value(v)) }
}

/// Computes the claim's metric for one entity set in one view, trying series in order.
fn compute(ds: &Dataset, plan: &Plan, entities: &[String], view: &Vintage) -> Option<Found> {
    let check = plan.spec.check.get_ref().as_str();
    for s in &plan.spec.series {
        if let Some(found) = compute_with(ds, plan, s, entities, view, check) {
            return Some(found);
        }
        if check == "record" {
            break; // a record combines all its series at once
        }
    }
    None
}

fn per_entity_sum(
    ds: &Dataset,
    s: &SeriesSpec,
    entities: &[String],
    view: &Vintage,
    unit: &str,
    f: impl Fn(&BTreeMap<Period, Valued>) -> Option<Valued>,
) -> Option<(f64, Vec<Cell>, String)> {
    let mut total = 0.0;
    let mut cells = Vec::new();
    let mut u = String::new();
    for e in entities {
        let (unit_used, map) = series_map(ds, s, e, view, unit)?;
        let v = f(&map)?;
        total += v.value;
        cells.extend(v.cells);
        u = unit_used;
    }
    Some((total, cells, u))
}

fn compute_with(ds: &Dataset, plan: &Plan, s: &SeriesSpec, entities: &[String], view: &Vintage, check: &str) -> Option<Found> {
    let (from, to) = (plan.from, plan.to);
    let unit = plan.unit.as_str();
    let found = |value: f64, text: String, cells: Vec<Cell>, pass: Option<bool>| Found { value, text, detail: String::new(), cells, spec: s.clone(), pass };
    match check {
        "level" => {
            let p = from?;
            let (v, cells, u) = per_entity_sum(ds, s, entities, view, unit, |m| metrics::level(m, &p))?;
            Some(found(v, format!("{} in {p}", fmt_num(v, &u)), cells, None))
        }
        "sum" => {
            let (f, t) = (from?, to?);
            let (v, cells, u) = per_entity_sum(ds, s, entities, view, unit, |m| metrics::window_sum(m, &f, &t))?;
            Some(found(v, format!("{} over {}", fmt_num(v, &u), metrics::window_label(&f, &t)), cells, None))
        }
        "change" | "pct_change" => {
            let (f, t) = (from?, to?);
            let (a, mut cells, u) = per_entity_sum(ds, s, entities, view, unit, |m| metrics::level(m, &f))?;
            let (b, cells_b, _) = per_entity_sum(ds, s, entities, view, unit, |m| metrics::level(m, &t))?;
            cells.extend(cells_b);
            if check == "change" {
                let v = b - a;
                Some(found(v, format!("{} from {f} to {t} ({} → {})", fmt_num(v, &u), format_value(a), format_value(b)), cells, None))
            } else {
                let v = (b / a - 1.0) * 100.0;
                Some(found(v, format!("{}% from {f} to {t} ({} → {})", format_value(v), format_value(a), format_value(b)), cells, None))
            }
        }
        "rank" => {
            let (f, t) = (from?, to?);
            let kind: EntityKind = plan.spec.among.as_deref().unwrap_or("country").parse().ok()?;
            let mut items: Vec<(String, f64, Vec<Cell>)> = Vec::new();
            let pool = ds.entities(&s.source, &s.measure, Some(kind));
            for series in pool {
                if let Some((v, cells, _)) = per_entity_sum(ds, s, std::slice::from_ref(&series.entity), view, unit, |m| metrics::window_sum(m, &f, &t)) {
                    items.push((series.entity.clone(), v, cells));
                }
            }
            let target = entities.first()?;
            let mut ranked: Vec<(String, f64)> = items.iter().map(|(e, v, _)| (e.clone(), *v)).collect();
            metrics::sort_ranked(&mut ranked, plan.lowest_first);
            let r = metrics::rank_of(&ranked, target, plan.lowest_first)?;
            let mine = ranked.iter().find(|(e, _)| e == target)?.1;
            let others: Vec<String> = ranked.iter().filter(|(e, _)| e != target).take(2).map(|(e, v)| format!("{e} {}", format_value(*v))).collect();
            let word = if plan.lowest_first { "lowest" } else { "highest" };
            let cells = items.into_iter().filter(|(e, _, _)| e == target || others.iter().any(|o| o.starts_with(e.as_str()))).flat_map(|(_, _, c)| c).collect();
            let u = if unit.is_empty() { String::new() } else { format!(" {unit}") };
            let mut f = found(
                r as f64,
                format!("{target} ranks {r} of {} {} ({word} first) at {}{u}", ranked.len(), kind_plural(kind), format_value(mine)),
                cells,
                plan.claimed.map(|c| r as f64 == c),
            );
            f.detail = format!("next: {}", others.join(", "));
            Some(f)
        }
        "record" => record(ds, plan, entities, view),
        "streak" => {
            let end = to?;
            let cond = cond_fn(plan.spec.condition.as_deref()?)?;
            let mut best: Option<(usize, bool, Vec<Cell>)> = None;
            for e in entities {
                let (_, map) = series_map(ds, s, e, view, unit)?;
                let r = metrics::streak(&map, &end, &cond)?;
                best = Some(r);
            }
            let (n, open, cells) = best?;
            let text = if open {
                format!("{n} periods in a row up to {end} (from the first period with data, so possibly longer)")
            } else {
                format!("{n} periods in a row up to {end}")
            };
            Some(found(n as f64, text, cells, None))
        }
        "first_above" => {
            let threshold = plan.spec.threshold?;
            let e = entities.first()?;
            let (_, map) = series_map(ds, s, e, view, unit)?;
            let (p, v) = metrics::first_above(&map, threshold)?;
            let first = map.keys().next().copied()?;
            let claimed = plan.claimed_period?;
            let pass = match plan.relation {
                "at_most" => p.first_day() <= claimed.last_day(),
                "at_least" => p.first_day() >= claimed.first_day(),
                _ => p.within(&claimed, &claimed),
            };
            Some(found(
                p.first_day().to_string().replace('-', "")[..6].parse().unwrap_or(0.0),
                format!("first above {} in {p} ({}; data from {first})", format_value(threshold), format_value(v.value)),
                v.cells,
                Some(pass),
            ))
        }
        _ => None,
    }
}

/// Record: where the claim's window ranks among all windows of the same length in the history.
fn record(ds: &Dataset, plan: &Plan, entities: &[String], view: &Vintage) -> Option<Found> {
    let (f, t) = (plan.from?, plan.to?);
    let len = t.month_index()? - f.month_index()? + 1;
    let aligned = plan.spec.align.as_deref() != Some("rolling");
    let entity = entities.first()?;
    // Combine the monthly series in order of preference; quarter-level values fill claimed windows.
    let mut monthly: BTreeMap<Period, Valued> = BTreeMap::new();
    let mut window_value: Option<Valued> = None;
    let mut spec_used = None;
    let mut bases = Vec::new();
    for s in &plan.spec.series {
        let Some((_, map)) = series_map(ds, s, entity, view, &plan.unit) else { continue };
        let mut added = false;
        for (p, v) in &map {
            if p.month_index().is_some() {
                if !monthly.contains_key(p) {
                    monthly.insert(*p, v.clone());
                    added = true;
                }
            } else if window_value.is_none()
                && metrics::window_sum(&monthly, &f, &t).is_none()
                && p.first_day() == f.first_day()
                && p.last_day() == t.last_day()
            {
                window_value = Some(v.clone());
                added = true;
            }
        }
        if added {
            spec_used.get_or_insert_with(|| s.clone());
            bases.push(format!("{}/{}", s.source, s.measure));
        }
    }
    let mut windows: Vec<(Period, Period, Valued)> = metrics::window_sums(&monthly, len, aligned);
    let has_target = windows.iter().any(|(a, _, _)| *a == f);
    if !has_target {
        windows.push((f, t, window_value.clone()?));
    }
    if windows.len() < 2 {
        return None;
    }
    let target = windows.iter().find(|(a, _, _)| *a == f)?.2.clone();
    let mut ranked: Vec<(Period, f64)> = windows.iter().map(|(a, _, v)| (*a, v.value)).collect();
    metrics::sort_ranked(&mut ranked, plan.lowest_first);
    let r = metrics::rank_of(&ranked, &f, plan.lowest_first)?;
    let label = |a: &Period| {
        let b = a.add_months(len - 1).unwrap_or(*a);
        metrics::window_label(a, &b)
    };
    let others: Vec<String> = ranked.iter().filter(|(a, _)| *a != f).take(2).map(|(a, v)| format!("{} {}", label(a), format_value(*v))).collect();
    let first = windows.iter().map(|(a, _, _)| *a).min()?;
    let mut cells = target.cells.clone();
    for (a, _, v) in &windows {
        if others.first().is_some_and(|o| o.starts_with(&label(a))) {
            cells.extend(v.cells.iter().cloned());
        }
    }
    let u = if plan.unit.is_empty() { String::new() } else { format!(" {}", plan.unit) };
    let text = format!(
        "{} {}{u}: rank {r} of {} {}-month windows since {}",
        metrics::window_label(&f, &t),
        format_value(target.value),
        ranked.len(),
        len,
        label(&first),
    );
    let detail = format!(
        "next: {}; bases: {}{}",
        others.join(", "),
        bases.join(" + "),
        if bases.len() > 1 { " (a break in basis where they meet)" } else { "" },
    );
    Some(Found { value: r as f64, text, detail, cells, spec: spec_used?, pass: plan.claimed.map(|c| r as f64 == c) })
}

fn outcome(plan: &Plan, found: Option<Found>, what: &str) -> (Outcome, Option<SeriesSpec>) {
    let Some(f) = found else {
        return (
            Outcome {
                observed: None,
                observed_text: "no data".into(),
                detail: String::new(),
                gap: None,
                verdict: Verdict::Unverifiable,
                summary: format!("No {what} data bundled for this claim."),
                evidence: vec![],
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
    let verdict = if pass { Verdict::Supported } else { Verdict::Contradicted };
    let gap_text = gap.map(|g| {
        let rel = g.relative.map(|r| format!(", {:+.1}%", r * 100.0)).unwrap_or_default();
        format!(" (gap {}{}{rel})", if g.absolute >= 0.0 { "+" } else { "" }, format_value(g.absolute))
    });
    let summary = format!("{}{}: {}.", f.text, gap_text.unwrap_or_default(), if pass { "consistent with the claim" } else { "does not match the claim" });
    (
        Outcome { observed: Some(f.value), observed_text: f.text, detail: f.detail, gap, verdict, summary, evidence: f.cells },
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
    match (check, plan.claimed) {
        ("rank", Some(n)) => format!("{who} ranks {} by {measure} in {window} ({} first)", n, if plan.lowest_first { "lowest" } else { "highest" }),
        ("record", Some(n)) => format!("{who}'s {window} {measure} ranks {} over its history ({} first)", n, if plan.lowest_first { "lowest" } else { "highest" }),
        ("streak", Some(n)) => format!("{} {n} periods in a row of {} {measure} for {who} up to {}", relation_words(plan.relation), c.condition.as_deref().unwrap_or("").replace(':', " "), plan.to.map(|p| p.to_string()).unwrap_or_default()),
        ("first_above", _) => format!("{who} first above {} {measure}: {} {}", c.threshold.map(format_value).unwrap_or_default(), relation_words(plan.relation), plan.claimed_period.map(|p| p.to_string()).unwrap_or_default()),
        (_, Some(n)) => format!("{} {} ({check} of {measure}, {who}, {window})", relation_words(plan.relation), fmt_num(n, &plan.unit)),
        _ => String::new(),
    }
}

fn conclusion(verdict: Verdict, published: &Outcome, today: &Outcome, date: &str) -> String {
    match verdict {
        Verdict::Supported if published.verdict == Verdict::Supported && today.verdict == Verdict::Supported => {
            format!("Supported both by the data released by {date} ({}) and by today's data ({}).", published.observed_text, today.observed_text)
        }
        Verdict::Supported if today.verdict == Verdict::Supported => format!("Supported by today's data: {}.", today.observed_text),
        Verdict::Supported => format!("Supported by the data released by {date}: {}.", published.observed_text),
        Verdict::Contradicted if published.verdict == Verdict::Contradicted && today.verdict == Verdict::Contradicted => {
            format!("Contradicted by the data released by {date} ({}) and by today's data ({}).", published.observed_text, today.observed_text)
        }
        Verdict::Contradicted if today.verdict == Verdict::Contradicted => format!("Contradicted by today's data: {}.", today.observed_text),
        Verdict::Contradicted => format!("Contradicted by the data released by {date}: {}.", published.observed_text),
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
fn viewpoint(ds: &Dataset, plan: &Plan, view: &Vintage, what: &str) -> (Outcome, Option<SeriesSpec>) {
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
    let verdicts: Vec<Verdict> = parts.iter().map(|(_, o, _)| o.verdict).filter(|v| *v != Verdict::Unverifiable).collect();
    let verdict = if verdicts.is_empty() {
        Verdict::Unverifiable
    } else if verdicts.iter().all(|v| *v == Verdict::Supported) {
        Verdict::Supported
    } else if verdicts.iter().all(|v| *v == Verdict::Contradicted) {
        Verdict::Contradicted
    } else {
        Verdict::Mixed
    };
    let text = parts.iter().map(|(e, o, _)| format!("{e}: {} {}", o.verdict.symbol(), o.observed_text)).collect::<Vec<_>>().join("; ");
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

fn context_line(ds: &Dataset, c: &ContextSpec, fallback_entities: &[String]) -> Option<ContextLine> {
    let entities: Vec<String> = c
        .entity
        .as_ref()
        .map(|e| e.to_vec())
        .unwrap_or_else(|| fallback_entities.to_vec())
        .into_iter()
        .filter_map(|e| ds.resolve_entity(&e).map(str::to_string))
        .collect();
    let view = Vintage::Latest;
    let unit = c.unit.clone().unwrap_or_default();
    let p = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<Period>().ok());
    let (from, to) = (p(&c.from).or(p(&c.period)), p(&c.to).or(p(&c.period)));
    let mut evidence = Vec::new();
    let mut parts = Vec::new();
    if c.check == "decomposition" {
        // Holdings change = net purchases + valuation change (+ what the publisher leaves unexplained).
        let (f, t) = (from?, to?);
        let before = f.add_months(-1)?;
        let e = entities.first()?;
        let src = c.series.first().map_or("slt_table3", |s| s.source.as_str());
        let get = |m: &str| series_map(ds, &SeriesSpec { source: src.into(), measure: m.into() }, e, &view, &unit);
        let (u, hold) = get("holdings")?;
        let (a, b) = (metrics::level(&hold, &before)?, metrics::level(&hold, &t)?);
        let change = b.value - a.value;
        let mut explained = 0.0;
        let mut terms = Vec::new();
        for (m, label) in [("lt_net_purchases", "LT net purchases"), ("lt_valuation_change", "valuation change"), ("st_net_purchases", "short-term net")] {
            let (_, map) = get(m)?;
            let v = metrics::window_sum(&map, &f, &t)?;
            explained += v.value;
            terms.push(format!("{label} {}", format_value(v.value)));
            evidence.extend(v.cells);
        }
        evidence.extend(a.cells);
        evidence.extend(b.cells);
        parts.push(format!(
            "holdings {before}→{t} {} {u} = {} (other {})",
            format_value(change),
            terms.join(" + "),
            format_value(change - explained)
        ));
    } else {
        for e in &entities {
            let mut done = false;
            for s in &c.series {
                let Some((u, map)) = series_map(ds, s, e, &view, &unit) else { continue };
                let text = match c.check.as_str() {
                    "level" => {
                        let f = from?;
                        metrics::level(&map, &f).map(|v| (format!("{} {u} in {f}", format_value(v.value)), v.cells))
                    }
                    "sum" => {
                        let (f, t) = (from?, to?);
                        metrics::window_sum(&map, &f, &t).map(|v| (format!("{} {u} over {}", format_value(v.value), metrics::window_label(&f, &t)), v.cells))
                    }
                    "change" | "pct_change" => {
                        let (a, b) = (metrics::level(&map, &from?)?, metrics::level(&map, &to?)?);
                        let mut cells = a.cells.clone();
                        cells.extend(b.cells.iter().cloned());
                        let txt = if c.check == "change" {
                            format!("{} {u} ({} → {}, {}..{})", format_value(b.value - a.value), format_value(a.value), format_value(b.value), from?, to?)
                        } else {
                            format!("{:+.2}% ({} → {}, {}..{})", (b.value / a.value - 1.0) * 100.0, format_value(a.value), format_value(b.value), from?, to?)
                        };
                        Some((txt, cells))
                    }
                    "after" => {
                        // What happened from `from` to the newest period.
                        let last = *map.keys().next_back()?;
                        let v = metrics::window_sum(&map, &from?, &last)?;
                        Some((format!("{} {u} over {}..{last} (newest data)", format_value(v.value), from?), v.cells))
                    }
                    "latest" => {
                        let (last, v) = map.iter().next_back()?;
                        Some((format!("{} {u} in {last} (newest data)", format_value(v.value)), v.cells.clone()))
                    }
                    _ => None,
                };
                if let Some((t, cells)) = text {
                    parts.push(if entities.len() > 1 { format!("{e}: {t}") } else { t });
                    evidence.extend(cells);
                    done = true;
                    break;
                }
            }
            if !done {
                parts.push(format!("{e}: no data"));
            }
        }
    }
    Some(ContextLine { label: c.label.clone(), text: parts.join("; "), evidence })
}

fn evaluate(ds: &Dataset, article: &Article, c: &ClaimSpec, date: &str, here: &Here) -> Result<Evaluation, crate::error::InputError> {
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
        as_published: Outcome {
            observed: None,
            observed_text: String::new(),
            detail: String::new(),
            gap: None,
            verdict,
            summary: String::new(),
            evidence: vec![],
        },
        today: Outcome { observed: None, observed_text: String::new(), detail: String::new(), gap: None, verdict, summary: String::new(), evidence: vec![] },
        context: vec![],
        series: vec![],
        note,
    };
    if c.check.get_ref() == "none" {
        let verdict = if c.data_claim == Some(true) { Verdict::Unverifiable } else { Verdict::NotADataClaim };
        let mut e = base(verdict, c.why.clone());
        e.conclusion = c.why.clone().unwrap_or_default();
        return Ok(e);
    }
    let published_view = Vintage::AsOf(date.to_string());
    let (published, _) = viewpoint(ds, &plan, &published_view, &format!("data released by {date}"));
    let (today, today_spec) = viewpoint(ds, &plan, &Vintage::Latest, "current");
    if published.verdict == Verdict::Unverifiable && today.verdict == Verdict::Unverifiable {
        return Err(here.err(&c.check, "the claim's window lies outside the data: no series has values for it"));
    }
    let verdict = overall(published.verdict, today.verdict);
    let mut e = base(verdict, None);
    e.conclusion = conclusion(verdict, &published, &today, date);
    let spec = today_spec.or_else(|| c.series.first().cloned());
    if let (Some(s), Some(f), Some(t)) = (spec, plan.from, plan.to) {
        let s = if s.measure == FORM_S_NET { c.series.iter().find(|x| x.measure != FORM_S_NET).cloned().unwrap_or(s) } else { s };
        for ent in &plan.entities {
            e.series.push(SeriesRef { source: s.source.clone(), measure: s.measure.clone(), entity: ent.clone(), from: f, to: t });
        }
    }
    e.as_published = published;
    e.today = today;
    e.context = c.context.iter().filter_map(|x| context_line(ds, x, &plan.entities)).collect();
    Ok(e)
}

/// Evaluates every claim of a claims file; the first invalid claim stops with an error naming its line.
pub fn evaluate_all(ds: &Dataset, article: &Article, file: &ClaimsFile, claims_file: &str, claims_text: &str) -> Result<Vec<Evaluation>, crate::error::InputError> {
    let here = Here { file: claims_file, text: claims_text };
    let date = file.article.date.get_ref();
    if date.parse::<Period>().map(|p| matches!(p.start, crate::data::Stamp::Day(_))) != Ok(true) {
        return Err(here.err(&file.article.date, format!("expected the article date as YYYY-MM-DD, found {date:?}")));
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for c in &file.claims {
        if !seen.insert(c.id.get_ref().clone()) {
            return Err(here.err(&c.id, format!("claim id {:?} is used twice; expected unique ids", c.id.get_ref())));
        }
        out.push(evaluate(ds, article, c, date, &here)?);
    }
    let missing: Vec<&str> = article.sections.iter().filter(|s| !out.iter().any(|e| e.section == s.id)).map(|s| s.id.as_str()).collect();
    if !missing.is_empty() && !out.is_empty() {
        // Every section should appear, even if only as "not a data claim".
        return Err(crate::error::InputError::file(claims_file, format!("sections without any claim: {}; expected every section to be covered", missing.join(", "))));
    }
    Ok(out)
}
