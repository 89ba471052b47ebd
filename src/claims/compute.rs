//! Computing a claim's metric from the Dataset for one viewpoint.

use super::metrics::{self, CellRef, Valued};
use super::plan::{Plan, cond_fn};
use super::spec::SeriesSpec;
use super::verdict::Cell;
use crate::data::{Dataset, EntityKind, Period, Vintage};
use crate::report::show::format_value;
use chrono::Datelike;
use std::collections::BTreeMap;

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

/// The data of one series spec for one entity in one view, in the claim's unit.
pub(super) fn series_map<'a>(
    ds: &'a Dataset,
    s: &SeriesSpec,
    entity: &str,
    view: &Vintage,
    unit: &str,
) -> Option<(String, BTreeMap<Period, Valued<'a>>)> {
    let (su, mut map) = metrics::points(ds, &s.source, &s.measure, entity, view)?;
    if map.is_empty() {
        return None;
    }
    let target = if unit.is_empty() {
        su.clone()
    } else {
        unit.to_string()
    };
    let f = metrics::unit_factor(&su, &target)?;
    for v in map.values_mut() {
        v.value *= f;
    }
    Some((target, map))
}

/// A computed result of one viewpoint, before it is compared with the claim.
pub(super) struct Found {
    pub(super) value: f64,
    pub(super) text: String,
    pub(super) detail: String,
    pub(super) cells: Vec<Cell>,
    pub(super) spec: SeriesSpec,
    /// For rank/record/streak: the claim is judged on this number.
    pub(super) pass: Option<bool>,
}

pub(super) fn fmt_num(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        format_value(v)
    } else {
        format!("{} {unit}", format_value(v))
    }
}

/// Computes the claim's metric for one entity set in one view, trying series in order.
pub(super) fn compute(
    ds: &Dataset,
    plan: &Plan,
    entities: &[String],
    view: &Vintage,
) -> Option<Found> {
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

fn per_entity_sum<'a>(
    ds: &'a Dataset,
    s: &SeriesSpec,
    entities: &[String],
    view: &Vintage,
    unit: &str,
    f: impl Fn(&BTreeMap<Period, Valued<'a>>) -> Option<Valued<'a>>,
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

fn compute_with(
    ds: &Dataset,
    plan: &Plan,
    s: &SeriesSpec,
    entities: &[String],
    view: &Vintage,
    check: &str,
) -> Option<Found> {
    let (from, to) = (plan.from, plan.to);
    let unit = plan.unit.as_str();
    let found = |value: f64, text: String, cells: Vec<CellRef>, pass: Option<bool>| Found {
        value,
        text,
        detail: String::new(),
        cells: metrics::to_cells(&cells),
        spec: s.clone(),
        pass,
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
                        fmt_num(v, &u),
                        format_value(a),
                        format_value(b)
                    ),
                    cells,
                    None,
                ))
            } else {
                let v = (b / a - 1.0) * 100.0;
                Some(found(
                    v,
                    format!(
                        "{}% from {f} to {t} ({} → {})",
                        format_value(v),
                        format_value(a),
                        format_value(b)
                    ),
                    cells,
                    None,
                ))
            }
        }
        "rank" => {
            let (f, t) = (from?, to?);
            let kind: EntityKind = plan
                .spec
                .among
                .as_deref()
                .unwrap_or("country")
                .parse()
                .ok()?;
            let mut items: Vec<(String, f64, Vec<CellRef>)> = Vec::new();
            let pool = ds.entities(&s.source, &s.measure, Some(kind));
            for series in pool {
                if let Some((v, cells, _)) = per_entity_sum(
                    ds,
                    s,
                    std::slice::from_ref(&series.entity),
                    view,
                    unit,
                    |m| metrics::window_sum(m, &f, &t),
                ) {
                    items.push((series.entity.clone(), v, cells));
                }
            }
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
                .map(|(e, v)| format!("{e} {}", format_value(*v)))
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
            let u = if unit.is_empty() {
                String::new()
            } else {
                format!(" {unit}")
            };
            let mut f = found(
                r as f64,
                format!(
                    "{target} ranks {r} of {} {} ({word} first) at {}{u}",
                    ranked.len(),
                    kind_plural(kind),
                    format_value(mine)
                ),
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
            let mut best: Option<(usize, bool, Vec<CellRef>)> = None;
            for e in entities {
                let (_, map) = series_map(ds, s, e, view, unit)?;
                let r = metrics::streak(&map, &end, &cond)?;
                best = Some(r);
            }
            let (n, open, cells) = best?;
            let text = if open {
                format!(
                    "{n} periods in a row up to {end} (from the first period with data, so possibly longer)"
                )
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
            // The observed value of a first crossing is its date as a decimal year (2011.75 = Oct 2011).
            let day = p.first_day();
            Some(found(
                f64::from(day.year()) + f64::from(day.month0()) / 12.0,
                format!(
                    "first above {} in {p} ({}; data from {first})",
                    format_value(threshold),
                    format_value(v.value)
                ),
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
        let Some((_, map)) = series_map(ds, s, entity, view, &plan.unit) else {
            continue;
        };
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
    let others: Vec<String> = ranked
        .iter()
        .filter(|(a, _)| *a != f)
        .take(2)
        .map(|(a, v)| format!("{} {}", label(a), format_value(*v)))
        .collect();
    let first = windows.iter().map(|(a, _, _)| *a).min()?;
    let mut cells = target.cells.clone();
    for (a, _, v) in &windows {
        if others.first().is_some_and(|o| o.starts_with(&label(a))) {
            cells.extend(v.cells.iter().cloned());
        }
    }
    let u = if plan.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", plan.unit)
    };
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
        if bases.len() > 1 {
            " (a break in basis where they meet)"
        } else {
            ""
        },
    );
    Some(Found {
        value: r as f64,
        text,
        detail,
        cells: metrics::to_cells(&cells),
        spec: spec_used?,
        pass: plan.claimed.map(|c| r as f64 == c),
    })
}
