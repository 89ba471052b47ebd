//! Computing a claim's metric from the Dataset for one viewpoint.

use super::history::{has_stand_ins, history_of, record, since, stand_in_note};
use super::metrics::{self, CellRef, Valued, Values};
use super::plan::{Plan, cond_fn};
use super::scope::{Converted, Scope};
use super::spec::SeriesSpec;
use super::verdict::Cell;
use crate::data::{EntityKind, Period, Stamp, Vintage};
use crate::format;
use chrono::Datelike;
use std::sync::Arc;

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

/// The data of one series spec for one entity in one view, in the claim's unit
/// (computed once per scope and shared).
pub(super) fn series_map<'a>(
    ds: &Scope<'a>,
    s: &SeriesSpec,
    entity: &str,
    view: &Vintage,
    unit: &str,
) -> Option<Converted<'a>> {
    if !s.plus.is_empty() {
        return summed_map(ds, s, entity, view, unit);
    }
    if s.scale.is_some() {
        return scaled_map(ds, s, entity, view, unit);
    }
    ds.converted((&s.source, &s.measure, entity), view, unit, || {
        let (su, map) = match ds.bloc(entity) {
            Some(bloc) => {
                let b = ds.bloc_map(bloc, &s.source, &s.measure, view)?;
                (b.unit.clone(), b.values.clone())
            }
            None => ds.points(&s.source, &s.measure, entity, view)?,
        };
        if map.is_empty() {
            return None;
        }
        let target = metrics::resolve_unit(&su, unit)?;
        let f = metrics::unit_factor(&su, &target).unwrap_or(1.0);
        if f == 1.0 {
            return Some((target, map));
        }
        let mut map = Arc::unwrap_or_clone(map);
        for v in map.values_mut() {
            v.value *= f;
        }
        Some((target, Arc::new(map)))
    })
}

/// A spec with `plus`: its series and each part in the claim's unit, added up
/// in the periods where every part has a value (the cells of every part kept).
fn summed_map<'a>(
    ds: &Scope<'a>,
    s: &SeriesSpec,
    entity: &str,
    view: &Vintage,
    unit: &str,
) -> Option<Converted<'a>> {
    ds.converted(
        (&format!("sum:{}", s.label()), "", entity),
        view,
        unit,
        || {
            let base = SeriesSpec::new(&s.source, &s.measure);
            let (u, first) = series_map(ds, &base, entity, view, unit)?;
            let mut parts = Vec::with_capacity(s.plus.len());
            for p in &s.plus {
                let (pu, m) = series_map(ds, p, entity, view, unit)?;
                // Parts in another unit than the first cannot be added (no claim unit to meet in).
                if pu != u {
                    return None;
                }
                parts.push(m);
            }
            let mut out = Values::new();
            for (period, v) in first.iter() {
                let mut sum = v.clone();
                let mut all = true;
                for m in &parts {
                    match m.get(period) {
                        Some(x) => {
                            sum.value += x.value;
                            sum.cells.extend_from_slice(&x.cells);
                        }
                        None => {
                            all = false;
                            break;
                        }
                    }
                }
                if all {
                    out.insert(*period, sum);
                }
            }
            (!out.is_empty()).then(|| (u, Arc::new(out)))
        },
    )
}

/// A spec with `scale`: the series times one factor, so that its value in the
/// scale's period equals the other series' value then, in the claim's unit;
/// each value keeps its own cells and those of the two values the factor comes from.
fn scaled_map<'a>(
    ds: &Scope<'a>,
    s: &SeriesSpec,
    entity: &str,
    view: &Vintage,
    unit: &str,
) -> Option<Converted<'a>> {
    let k = s.scale.as_ref()?;
    ds.converted(
        (&format!("scaled:{}", s.label()), "", entity),
        view,
        unit,
        || {
            let at: Period = k.period.parse().ok()?;
            let (_, base) = series_map(
                ds,
                &SeriesSpec::new(&s.source, &s.measure),
                entity,
                view,
                "",
            )?;
            let (u, target) = series_map(
                ds,
                &SeriesSpec::new(&k.source, &k.measure),
                entity,
                view,
                unit,
            )?;
            let (b, t) = (metrics::level(&base, &at)?, metrics::level(&target, &at)?);
            if b.value == 0.0 {
                return None;
            }
            let factor = t.value / b.value;
            let mut out = Values::new();
            for (p, v) in base.iter() {
                let mut cells = v.cells.clone();
                cells.extend(b.cells.iter().cloned());
                cells.extend(t.cells.iter().cloned());
                out.insert(
                    *p,
                    metrics::Valued {
                        value: v.value * factor,
                        cells,
                    },
                );
            }
            Some((u, Arc::new(out)))
        },
    )
}

/// A computed result of one viewpoint, before it is compared with the claim.
#[derive(Clone)]
pub(super) struct Found {
    /// `None` when the data answer the claim without a number (e.g. no crossing at all).
    pub(super) value: Option<f64>,
    pub(super) text: String,
    pub(super) detail: String,
    pub(super) cells: Vec<Cell>,
    pub(super) spec: SeriesSpec,
    /// For rank/record/first crossings: the claim is judged on this.
    pub(super) pass: Option<bool>,
    /// What later data show beyond the claim's horizon (context, never the verdict).
    pub(super) later: Vec<String>,
    /// The view ends before the period the claim is about: absence of data is
    /// no evidence, so this view gives no verdict.
    pub(super) undecided: bool,
    /// The history read (beyond the evidence cells) holds stand-ins for first
    /// releases that are not held.
    pub(super) history_stand_ins: bool,
}

/// A period as a decimal year (2011-10 = 2011.75): the observed value of a date.
pub(super) fn decimal_year(p: &Period) -> f64 {
    let day = p.first_day();
    f64::from(day.year()) + f64::from(day.month0()) / 12.0
}

/// What a count of periods like `p` is called: months, quarters, years or days.
pub(super) fn period_words(p: &Period, n: usize) -> &'static str {
    let one = n == 1;
    match (p.start, one) {
        (Stamp::Month(..), true) => "month",
        (Stamp::Month(..), false) => "months",
        (Stamp::Quarter(..), true) => "quarter",
        (Stamp::Quarter(..), false) => "quarters",
        (Stamp::Year(_), true) => "year",
        (Stamp::Year(_), false) => "years",
        (Stamp::Day(_), true) => "day",
        (Stamp::Day(_), false) => "days",
    }
}

/// Whether a found period satisfies a claimed one under a relation.
pub(super) fn period_holds(rel: &str, found: &Period, claimed: &Period) -> bool {
    match rel {
        "at_most" => found.first_day() <= claimed.last_day(),
        "at_least" => found.first_day() >= claimed.first_day(),
        "below" => found.last_day() < claimed.first_day(),
        "above" => found.first_day() > claimed.last_day(),
        _ => found.within(claimed, claimed),
    }
}

/// Whether a rank satisfies the claimed rank: `about` is exact; `at_most 5` = among the top five.
pub(super) fn rank_holds(rel: &str, r: f64, claimed: f64) -> bool {
    match rel {
        "at_most" => r <= claimed,
        "at_least" => r >= claimed,
        "above" => r > claimed,
        "below" => r < claimed,
        _ => r == claimed,
    }
}

/// A value in the claim's unit as every surface writes it (`-62.4 USD bn`, `4.57%`).
pub(super) fn fmt_num(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        format::number(v)
    } else {
        format::level(v, unit)
    }
}

/// The bare number of a value in the display form of `unit` (`1,091.4`).
pub(super) fn num(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        format::number(v)
    } else {
        format::unit_for(unit).number(v)
    }
}

/// Checks that read more than the claim's own window: a history (every
/// earlier period) or a pool (every entity). Under an "as published" view they
/// read it whole, stand-ins for first releases not held included, so that it is
/// never cut short silently.
fn reads_beyond_window(check: &str) -> bool {
    matches!(
        check,
        "record" | "streak" | "since" | "first_above" | "first_below" | "rank"
    )
}

/// Computes the claim's metric for one entity set in one view, trying series in order.
/// Under [`Vintage::Released`] values as first published win over later
/// revisions standing in for them: the series are tried on the values held at
/// the date first, then with the stand-ins.
pub(super) fn compute(
    ds: &Scope,
    plan: &Plan,
    entities: &[String],
    view: &Vintage,
) -> Option<Found> {
    if let Vintage::Released(date) = view
        && !reads_beyond_window(plan.check)
        && let Some(f) = compute_in(ds, plan, entities, &Vintage::AsOf(date.clone()))
    {
        return Some(f);
    }
    compute_in(ds, plan, entities, view)
}

fn compute_in(ds: &Scope, plan: &Plan, entities: &[String], view: &Vintage) -> Option<Found> {
    let check = plan.check;
    for s in &plan.spec.series {
        if let Some(mut found) = compute_with(ds, plan, s, entities, view, check) {
            let window = plan.from.zip(plan.to);
            let sm = (found.spec.source.as_str(), found.spec.measure.as_str());
            let mut notes: Vec<String> = Vec::new();
            for e in entities {
                notes.push(ds.missing_note(e, sm.0, sm.1, view, window));
                if let (true, Some(ends)) = (matches!(check, "change" | "pct_change"), window) {
                    notes.push(ds.composition_note(e, sm, view, ends));
                }
            }
            notes.retain(|n| !n.is_empty());
            if !notes.is_empty() {
                if !found.detail.is_empty() {
                    found.detail.push_str("; ");
                }
                found.detail.push_str(&notes.join("; "));
            }
            return Some(found);
        }
        if check == "record" {
            break; // a record combines all its series at once
        }
    }
    None
}

/// One entity's value of a rank's pool over the window: under
/// [`Vintage::Released`] a value held at the date from any of the claim's
/// series first, then a stand-in; otherwise the series' own.
fn pool_value<'a>(
    ds: &Scope<'a>,
    plan: &Plan,
    s: &SeriesSpec,
    entity: &str,
    view: &Vintage,
    (f, t): (&Period, &Period),
) -> Option<(f64, Vec<CellRef<'a>>, String)> {
    let unit = plan.unit.as_str();
    let one = |x: &SeriesSpec, v: &Vintage| match months_of_series(ds, x, entity, v, unit, (f, t)) {
        Ok(found) => found,
        Err(NotPlain) => per_entity_sum(
            ds,
            x,
            std::slice::from_ref(&entity.to_string()),
            v,
            unit,
            |m| metrics::window_sum(m, f, t),
        ),
    };
    let Vintage::Released(date) = view else {
        return one(s, view);
    };
    let held = Vintage::AsOf(date.clone());
    // The claim's unit, else the first series' own.
    let first_unit = if unit.is_empty() {
        super::plan::check_series(ds, s).ok()?
    } else {
        metrics::resolve_unit(&super::plan::check_series(ds, s).ok()?, unit)?
    };
    // Other series count only in the same unit (or a USD scale of it).
    let convert = |(v, cells, u): (f64, Vec<CellRef<'a>>, String)| {
        metrics::unit_factor(&u, &first_unit).map(|k| (v * k, cells, first_unit.clone()))
    };
    std::iter::once(s)
        .chain(plan.spec.series.iter().filter(|x| *x != s))
        .find_map(|x| one(x, &held).and_then(convert))
        .or_else(|| one(s, view))
}

/// A spec the month-by-month path does not read (a bloc, a sum of series, a
/// scaled or derived series, a window of many months).
struct NotPlain;

/// The value of a plain stored series over one month, read from the series
/// (no view of its whole history is made: a rank's pool asks this of every
/// country): `Ok(None)` when the month has no value in the view.
fn months_of_series<'a>(
    ds: &Scope<'a>,
    s: &SeriesSpec,
    entity: &str,
    view: &Vintage,
    unit: &str,
    (f, t): (&Period, &Period),
) -> Result<Option<(f64, Vec<CellRef<'a>>, String)>, NotPlain> {
    let plain = s.plus.is_empty()
        && s.scale.is_none()
        && s.measure != super::metrics::FORM_S_NET
        && ds.bloc(entity).is_none()
        && f == t
        && f.month_index().is_some();
    if !plain {
        return Err(NotPlain);
    }
    let Some(series) = ds.ds.series(&s.source, &s.measure, entity) else {
        return Ok(None);
    };
    let Some(target) = metrics::resolve_unit(&series.unit, unit) else {
        return Ok(None);
    };
    let factor = metrics::unit_factor(&series.unit, &target).unwrap_or(1.0);
    Ok(series
        .at(f, view)
        .map(|p| (p.value * factor, vec![CellRef { series, point: p }], target)))
}

fn per_entity_sum<'a>(
    ds: &Scope<'a>,
    s: &SeriesSpec,
    entities: &[String],
    view: &Vintage,
    unit: &str,
    mut f: impl FnMut(&Values<'a>) -> Option<Valued<'a>>,
) -> Option<(f64, Vec<CellRef<'a>>, String)> {
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

/// What a scaled series' values are: estimates no source published, named
/// after the two series they come from.
fn estimate_words(s: &SeriesSpec) -> String {
    match &s.scale {
        Some(k) => format!(
            "; estimates: the {} scaled to the {} of {}, values no source published",
            crate::catalogue::measure_name(&s.measure),
            crate::catalogue::measure_name(&k.measure),
            k.period
        ),
        None => String::new(),
    }
}

fn compute_with(
    ds: &Scope,
    plan: &Plan,
    s: &SeriesSpec,
    entities: &[String],
    view: &Vintage,
    check: &str,
) -> Option<Found> {
    let (from, to) = (plan.from, plan.to);
    let unit = plan.unit.as_str();
    let estimate = estimate_words(s);
    let found = |value: f64, text: String, cells: Vec<CellRef>, pass: Option<bool>| Found {
        value: Some(value),
        text: text + &estimate,
        detail: String::new(),
        cells: metrics::to_cells(&cells),
        spec: s.clone(),
        pass,
        later: vec![],
        undecided: false,
        history_stand_ins: false,
    };
    match check {
        "level" => {
            let p = from?;
            let (v, cells, u) =
                per_entity_sum(ds, s, entities, view, unit, |m| metrics::level(m, &p))?;
            Some(found(v, format!("{} in {p}", fmt_num(v, &u)), cells, None))
        }
        "sum" => {
            let (f, t) = (from?, to?);
            let (v, cells, u) = per_entity_sum(ds, s, entities, view, unit, |m| {
                metrics::window_sum(m, &f, &t)
            })?;
            Some(found(
                v,
                format!("{} over {}", fmt_num(v, &u), metrics::window_label(&f, &t)),
                cells,
                None,
            ))
        }
        "change" | "pct_change" => {
            let (f, t) = (from?, to?);
            let (a, mut cells, u) =
                per_entity_sum(ds, s, entities, view, unit, |m| metrics::level(m, &f))?;
            let (b, cells_b, _) =
                per_entity_sum(ds, s, entities, view, unit, |m| metrics::level(m, &t))?;
            cells.extend(cells_b);
            if check == "change" {
                let v = b - a;
                Some(found(
                    v,
                    format!(
                        "{} from {f} to {t} ({} → {})",
                        format::change(v, &u),
                        num(a, &u),
                        num(b, &u)
                    ),
                    cells,
                    None,
                ))
            } else {
                if a == 0.0 {
                    return None;
                }
                let v = (b / a - 1.0) * 100.0;
                Some(found(
                    v,
                    format!(
                        "{} from {f} to {t} ({} → {})",
                        format::percent_share(v / 100.0),
                        num(a, &u),
                        num(b, &u)
                    ),
                    cells,
                    None,
                ))
            }
        }
        "max" | "min" => {
            let (f, t) = (from?, to?);
            let highest = check == "max";
            let mut at = Vec::new();
            let (v, cells, u) = per_entity_sum(ds, s, entities, view, unit, |m| {
                let best = m.iter().filter(|(p, _)| p.within(&f, &t)).max_by(|a, b| {
                    let o =
                        a.1.value
                            .partial_cmp(&b.1.value)
                            .unwrap_or(std::cmp::Ordering::Equal);
                    if highest { o } else { o.reverse() }
                })?;
                at.push(best.0.to_string());
                Some(best.1.clone())
            })?;
            Some(found(
                v,
                format!(
                    "{} {} in {} (the {} of {})",
                    if highest { "peak" } else { "low" },
                    fmt_num(v, &u),
                    at.join(", "),
                    if highest { "highest" } else { "lowest" },
                    metrics::window_label(&f, &t)
                ),
                cells,
                None,
            ))
        }
        "since" => since(ds, plan, s, entities.first()?, view),
        "share" => {
            let p = from?;
            let of = ds.resolve(plan.spec.of.as_deref().unwrap_or("Grand Total"))?;
            let (v, mut cells, u) =
                per_entity_sum(ds, s, entities, view, unit, |m| metrics::level(m, &p))?;
            let (total, total_cells, _) =
                per_entity_sum(ds, s, std::slice::from_ref(&of), view, unit, |m| {
                    metrics::level(m, &p)
                })?;
            if total == 0.0 {
                return None;
            }
            cells.extend(total_cells);
            let share = v / total * 100.0;
            Some(found(
                share,
                format!(
                    "{} of {of} in {p} ({} of {})",
                    format::percent(share, 1),
                    num(v, &u),
                    fmt_num(total, &u)
                ),
                cells,
                None,
            ))
        }
        "rank" => {
            let (f, t) = (from?, to?);
            let among = plan.spec.among.as_deref().unwrap_or("country");
            let (pool, plural): (Vec<String>, &str) = if among == "bloc" {
                (ds.bloc_entities(), "blocs")
            } else {
                let kind: EntityKind = among.parse().ok()?;
                let pool = ds.entities(&s.source, &s.measure, Some(kind));
                (
                    pool.into_iter().map(|x| x.entity.clone()).collect(),
                    kind_plural(kind),
                )
            };
            let mut items: Vec<(String, f64, Vec<CellRef>)> = Vec::new();
            // The unit the values are in (the claim's, else the series').
            let mut shown_unit = unit.to_string();
            for name in pool {
                if let Some((v, cells, u)) = pool_value(ds, plan, s, &name, view, (&f, &t)) {
                    shown_unit = u;
                    items.push((name, v, cells));
                }
            }
            let unit = shown_unit.as_str();
            let pool_stand_ins = items.iter().any(|(_, _, cells)| {
                cells
                    .iter()
                    .any(|c| view.stands_in(&c.series.source, &c.point.vintage))
            });
            let target = entities.first()?;
            let mut ranked: Vec<(String, f64)> =
                items.iter().map(|(e, v, _)| (e.clone(), *v)).collect();
            metrics::sort_ranked(&mut ranked, plan.lowest_first);
            let r = metrics::rank_of(&ranked, target, plan.lowest_first)?;
            let mine = ranked.iter().find(|(e, _)| e == target)?.1;
            let others: Vec<String> = ranked
                .iter()
                .filter(|(e, _)| e != target)
                .take(2)
                .map(|(e, v)| format!("{e} {}", num(*v, unit)))
                .collect();
            let word = if plan.lowest_first {
                "lowest"
            } else {
                "highest"
            };
            let cells = items
                .into_iter()
                .filter(|(e, _, _)| e == target || others.iter().any(|o| o.starts_with(e.as_str())))
                .flat_map(|(_, _, c)| c)
                .collect();
            let mut f = found(
                r as f64,
                format!(
                    "{target} ranks {r} of {} {} ({word} first) at {}",
                    ranked.len(),
                    plural,
                    fmt_num(mine, unit)
                ),
                cells,
                plan.claimed.map(|c| rank_holds(plan.relation, r as f64, c)),
            );
            f.detail = format!("next: {}", others.join(", "));
            if pool_stand_ins {
                f.detail.push_str("; the values ranked include later revisions standing in for first releases not held");
            }
            f.history_stand_ins = pool_stand_ins;
            Some(f)
        }
        "record" => record(ds, plan, entities, view),
        "streak" => {
            let end = to?;
            let cond = cond_fn(plan.spec.condition.as_deref()?)?;
            let mut best: Option<(usize, bool, Vec<CellRef>)> = None;
            let mut history = None;
            for e in entities {
                let (_, map) = history_of(ds, plan, s, e, view, Some(&end))?;
                let r = metrics::streak(&map, &end, &cond)?;
                best = Some(r);
                history = Some(map);
            }
            let (n, open, cells) = best?;
            let what = period_words(&end, n);
            let text = if open {
                format!(
                    "{n} {what} in a row up to {end} (from the first period with data, so possibly longer)"
                )
            } else {
                format!("{n} {what} in a row up to {end}")
            };
            let mut f = found(n as f64, text, cells, None);
            if let Some(map) = history {
                f.history_stand_ins = has_stand_ins(view, &map, Some(&end));
                f.detail = stand_in_note(view, &map, &end);
            }
            Some(f)
        }
        "first_above" | "first_below" => {
            let threshold = plan.spec.threshold?;
            let above = check == "first_above";
            let e = entities.first()?;
            let (_, all) = history_of(ds, plan, s, e, view, None)?;
            // No look-ahead: the history as it stood on the article's date.
            let map: Values = all
                .iter()
                .filter(|(p, _)| p.first_day() <= plan.article_date)
                .map(|(p, v)| (*p, v.clone()))
                .collect();
            let first = map.keys().next().copied()?;
            let claimed = plan.claimed_period?;
            let word = if above { "above" } else { "below" };
            let last = map.keys().next_back().copied()?;
            let history_stand_ins = has_stand_ins(view, &map, None);
            let detail = stand_in_note(view, &map, &last);
            let Some((p, v)) = metrics::first_crossing(&map, threshold, above) else {
                // A history that ends before the claimed period cannot show
                // that no crossing came by then.
                let short = last.last_day() < claimed.last_day();
                return Some(Found {
                    value: None,
                    text: if short {
                        format!(
                            "not {word} {} from {first} to {last}, where this view's data end, before {claimed}: it cannot tell",
                            num(threshold, &plan.unit)
                        )
                    } else {
                        format!(
                            "never {word} {} from {first} to {last}",
                            num(threshold, &plan.unit)
                        )
                    },
                    detail,
                    cells: vec![],
                    spec: s.clone(),
                    pass: Some(false),
                    later: vec![],
                    undecided: short,
                    history_stand_ins,
                });
            };
            // The observed value of a first crossing is its date as a decimal year (2011.75 = Oct 2011).
            let mut f = found(
                decimal_year(&p),
                format!(
                    "first {word} {} in {p} ({}; data from {first})",
                    num(threshold, &plan.unit),
                    num(v.value, &plan.unit)
                ),
                v.cells.to_vec(),
                Some(period_holds(plan.relation, &p, &claimed)),
            );
            f.detail = detail;
            f.history_stand_ins = history_stand_ins;
            Some(f)
        }
        _ => None,
    }
}
