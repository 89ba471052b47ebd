//! Checks that read a history, not only the claim's window: records, "since"
//! and the series a streak or a first crossing walks back through, with the
//! stand-ins an "as published" view holds for first releases not held.

use super::compute::{Found, decimal_year, fmt_num, num, period_holds, rank_holds, series_map};
use super::metrics::{self, Valued, Values};
use super::plan::{Align, Plan};
use super::scope::{Converted, Scope};
use super::spec::SeriesSpec;
use crate::data::{Period, Vintage};
use std::sync::Arc;

/// The history a check reads for one entity: the series' own view, or under
/// [`Vintage::Released`] the claim's series merged, period by period: values
/// held at the date first (in the claim's order of series), then the stand-ins.
/// Only periods of the kind of `like` (months with months) and series in the
/// unit of the first are merged.
pub(super) fn history_of<'a>(
    ds: &Scope<'a>,
    plan: &Plan,
    s: &SeriesSpec,
    entity: &str,
    view: &Vintage,
    like: Option<&Period>,
) -> Option<Converted<'a>> {
    let unit = plan.unit.as_str();
    let Vintage::Released(date) = view else {
        return series_map(ds, s, entity, view, unit);
    };
    let held = Vintage::AsOf(date.clone());
    let key: String = plan
        .spec
        .series
        .iter()
        .map(SeriesSpec::label)
        .collect::<Vec<_>>()
        .join(", ");
    let kind = like.map(|p| std::mem::discriminant(&p.start));
    ds.converted((&format!("history:{key}"), "", entity), view, unit, || {
        let mut merged: std::collections::BTreeMap<Period, metrics::Valued<'a>> =
            std::collections::BTreeMap::new();
        let mut unit_used: Option<String> = None;
        for v in [&held, view] {
            for x in &plan.spec.series {
                let Some((u, m)) = series_map(ds, x, entity, v, unit) else {
                    continue;
                };
                // Series in other USD scales are converted to the first one's.
                let first = unit_used.get_or_insert_with(|| u.clone());
                let Some(factor) = metrics::unit_factor(&u, first) else {
                    continue;
                };
                for (p, val) in m.iter() {
                    if p.is_span() || kind.is_some_and(|k| k != std::mem::discriminant(&p.start)) {
                        continue;
                    }
                    merged.entry(*p).or_insert_with(|| Valued {
                        value: val.value * factor,
                        cells: val.cells.clone(),
                    });
                }
            }
        }
        let u = unit_used?;
        (!merged.is_empty()).then(|| (u, Arc::new(merged.into_iter().collect())))
    })
}

/// Whether any value of a history up to `end` stands in, in `view`, for a first release not held.
pub(super) fn has_stand_ins(view: &Vintage, map: &Values, end: Option<&Period>) -> bool {
    if !matches!(view, Vintage::Released(_)) {
        return false;
    }
    map.iter()
        .filter(|(p, _)| end.is_none_or(|e| p.last_day() <= e.last_day()))
        .any(|(_, v)| {
            v.cells
                .iter()
                .any(|c| view.stands_in(&c.series.source, &c.point.vintage))
        })
}

/// Words on the periods of a history up to `end` whose values stand in for first
/// releases not held ("stand-ins for first releases not held: 2023-02..2024-06, as
/// revised on 2026-06"); empty when there are none.
pub(super) fn stand_in_note(view: &Vintage, map: &Values, end: &Period) -> String {
    if !matches!(view, Vintage::Released(_)) {
        return String::new();
    }
    let mut runs: Vec<(Period, Period)> = Vec::new();
    let mut vintages: Vec<String> = Vec::new();
    let mut last: Option<Period> = None;
    for (p, v) in map.iter().filter(|(p, _)| p.last_day() <= end.last_day()) {
        let standing: Vec<&crate::data::Point> = v
            .cells
            .iter()
            .filter(|c| view.stands_in(&c.series.source, &c.point.vintage))
            .map(|c| c.point)
            .collect();
        if standing.is_empty() {
            last = None;
            continue;
        }
        for pt in standing {
            let vint = pt.vintage.to_string();
            if !vintages.contains(&vint) {
                vintages.push(vint);
            }
        }
        match (runs.last_mut(), last) {
            (Some((_, b)), Some(prev)) if prev == *b => *b = *p,
            _ => runs.push((*p, *p)),
        }
        last = Some(*p);
    }
    if runs.is_empty() {
        return String::new();
    }
    vintages.sort();
    let list: Vec<String> = runs
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}..{b}")
            }
        })
        .collect();
    format!(
        "stand-ins for first releases not held: {} (values as revised on {})",
        list.join(", "),
        vintages.join(", ")
    )
}

/// Words for a view in history notes.
fn missing_note(view: &Vintage, gaps: &[(Period, Period)]) -> String {
    if gaps.is_empty() {
        return String::new();
    }
    let runs: Vec<String> = gaps
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}..{b}")
            }
        })
        .collect();
    match view {
        Vintage::AsOf(date) => format!(
            "; no value held as of {date} for {}, so they are not compared",
            runs.join(", ")
        ),
        Vintage::Latest | Vintage::Released(_) => format!(
            "; no data for {}, so they are not compared",
            runs.join(", ")
        ),
    }
}

/// Since: the last period before the claim's window whose value is at or beyond it
/// ("lowest since 2009").
pub(super) fn since(
    ds: &Scope,
    plan: &Plan,
    s: &SeriesSpec,
    entity: &str,
    view: &Vintage,
) -> Option<Found> {
    let (f, t) = (plan.from?, plan.to?);
    let (u, map) = history_of(ds, plan, s, entity, view, Some(&t))?;
    let lowest = plan.lowest_first;
    // Compare like with like: periods of the claim's own kind, or windows of
    // its length (a window's cells are gathered only for the one shown).
    let single = f == t && map.contains_key(&f);
    let (target, items): (Valued, Vec<(Period, f64)>) = if single {
        let same_kind = |p: &Period| {
            std::mem::discriminant(&p.start) == std::mem::discriminant(&f.start) && !p.is_span()
        };
        let items = map
            .iter()
            .filter(|(p, _)| same_kind(p) && **p < f)
            .map(|(p, v)| (*p, v.value))
            .collect();
        (map.get(&f)?.clone(), items)
    } else {
        let len = t.month_index()? - f.month_index()? + 1;
        let target = metrics::window_sum(&map, &f, &t)?;
        let items = metrics::window_sums(&map, len, false)
            .into_iter()
            .filter(|(_, b, _)| b.last_day() < f.first_day())
            .map(|(a, b, v)| (Period::span(a.start, b.end), v))
            .collect();
        (target, items)
    };
    let first = items.iter().map(|(p, _)| *p).min()?;
    let claimed = plan.claimed_period?;
    let word = if lowest { "lowest" } else { "highest" };
    let label =
        |p: &Period| metrics::window_label(&Period::single(p.start), &Period::single(p.end));
    let value_text = fmt_num(target.value, &u);
    let mut cells = target.cells.clone();
    let (value, text, pass) = match metrics::last_at_or_beyond(&items, &f, target.value, lowest) {
        Some((p, v)) => {
            let found = if single {
                map.get(&p).cloned()
            } else {
                metrics::window_sum(&map, &Period::single(p.start), &Period::single(p.end))
            };
            cells.extend(found.iter().flat_map(|w| w.cells.iter().cloned()));
            (
                Some(decimal_year(&p)),
                format!(
                    "{} {value_text}: {word} since {} ({})",
                    metrics::window_label(&f, &t),
                    label(&p),
                    num(v, &u)
                ),
                period_holds(plan.relation, &p, &claimed),
            )
        }
        None if first.first_day() <= claimed.first_day() => (
            None,
            format!(
                "{} {value_text}: {word} of the whole history (data from {})",
                metrics::window_label(&f, &t),
                label(&first)
            ),
            false,
        ),
        // The history does not reach back to the claimed period: nothing to compare.
        None => return None,
    };
    let stand_ins = stand_in_note(view, &map, &t);
    Some(Found {
        value,
        text,
        detail: if stand_ins.is_empty() {
            format!("history from {}", label(&first))
        } else {
            format!("history from {}; {stand_ins}", label(&first))
        },
        cells: metrics::to_cells(&cells),
        spec: s.clone(),
        pass: Some(pass),
        later: vec![],
        undecided: false,
        history_stand_ins: has_stand_ins(view, &map, Some(&t)),
    })
}

/// Record: where the claim's window ranks among the windows of the same length that
/// existed at the time: only windows ending by the end of the claim's window, in the
/// data the view admits. Later windows that beat it are reported apart, as context.
pub(super) fn record(
    ds: &Scope,
    plan: &Plan,
    entities: &[String],
    view: &Vintage,
) -> Option<Found> {
    // Ranked once per series, entity, window, alignment, order, claimed rank and view.
    let key = format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{}|{}|{:?}|{}|{:?}",
        plan.spec
            .series
            .iter()
            .map(SeriesSpec::label)
            .collect::<Vec<_>>(),
        entities,
        plan.from,
        plan.to,
        plan.align,
        plan.lowest_first,
        plan.unit,
        plan.claimed.map(f64::to_bits),
        plan.relation,
        view
    );
    ds.record(key, || record_once(ds, plan, entities, view))
}

fn record_once(ds: &Scope, plan: &Plan, entities: &[String], view: &Vintage) -> Option<Found> {
    let (f, t) = (plan.from?, plan.to?);
    let len = t.month_index()? - f.month_index()? + 1;
    let aligned = plan.align == Align::Calendar;
    let entity = entities.first()?;
    // Combine the monthly series in order of preference; quarter-level values fill claimed windows.
    // Sorted; a later series fills months anywhere among the earlier's.
    let mut merged: Vec<(Period, Valued)> = Vec::new();
    let mut window_value: Option<Valued> = None;
    let mut spec_used = None;
    let mut bases = Vec::new();
    let claimed_months = metrics::months(&f, &t).unwrap_or_default();
    // Under `Released`: every series on the values held at the date first, then
    // the stand-ins filling what is left (a published window value held wins
    // over stand-in months).
    let held = match view {
        Vintage::Released(date) => Some(Vintage::AsOf(date.clone())),
        _ => None,
    };
    let tiers: Vec<(&SeriesSpec, &Vintage)> = held
        .iter()
        .flat_map(|h| plan.spec.series.iter().map(move |s| (s, h)))
        .chain(plan.spec.series.iter().map(|s| (s, view)))
        .collect();
    let mut window_held = false;
    for (s, tier_view) in tiers {
        let Some((_, map)) = series_map(ds, s, entity, tier_view, &plan.unit) else {
            continue;
        };
        let standing_in = held.is_some() && std::ptr::eq(tier_view, view);
        // In the map's order, as the claimed window's cover is judged with
        // the months met so far.
        let mut fresh: Vec<(Period, Valued)> = Vec::new();
        let mut added = false;
        for (p, v) in map.iter() {
            let has = |list: &[(Period, Valued)], m: &Period| {
                list.binary_search_by(|(q, _)| q.cmp(m)).is_ok()
            };
            if p.month_index().is_some() {
                if !has(&merged, p) {
                    fresh.push((*p, v.clone()));
                    added = true;
                }
            } else if window_value.is_none()
                // The months merged so far do not cover the claimed window.
                && !claimed_months
                    .iter()
                    .all(|m| has(&merged, m) || has(&fresh, m))
                && p.first_day() == f.first_day()
                && p.last_day() == t.last_day()
            {
                window_value = Some(v.clone());
                window_held = !standing_in;
                added = true;
            }
        }
        if !fresh.is_empty() {
            merged.extend(fresh);
            merged.sort_by_key(|(p, _)| *p);
        }
        let base = format!("{}/{}", s.source, s.measure);
        if added && !bases.contains(&base) {
            spec_used.get_or_insert_with(|| s.clone());
            bases.push(base);
        }
    }
    let monthly: Values = merged.into_iter().collect();
    let all: Vec<(Period, Period, f64)> = metrics::window_sums(&monthly, len, aligned);
    let (mut windows, after): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|(_, b, _)| b.last_day() <= t.last_day());
    let has_target = windows.iter().any(|(a, _, _)| *a == f);
    // The claim's own window: a published value held (over stand-in months),
    // else summed from the months, else a published value.
    let target = match window_value.clone() {
        Some(v) if window_held || !has_target => {
            windows.retain(|(a, _, _)| *a != f);
            windows.push((f, t, v.value));
            v
        }
        _ => metrics::window_sum(&monthly, &f, &t)?,
    };
    let has_target = has_target && !(window_held && window_value.is_some());
    if windows.len() < 2 {
        return None;
    }
    let mut ranked: Vec<(Period, f64)> = windows.iter().map(|(a, _, v)| (*a, *v)).collect();
    metrics::sort_ranked(&mut ranked, plan.lowest_first);
    let r = metrics::rank_of(&ranked, &f, plan.lowest_first)?;
    let label = |a: &Period| {
        let b = a.add_months(len - 1).unwrap_or(*a);
        metrics::window_label(a, &b)
    };
    let next: Vec<(Period, f64)> = ranked
        .iter()
        .filter(|(a, _)| *a != f)
        .take(2)
        .copied()
        .collect();
    let others: Vec<String> = next
        .iter()
        .map(|(a, v)| format!("{} {}", label(a), num(*v, &plan.unit)))
        .collect();
    let first = windows.iter().map(|(a, _, _)| *a).min()?;
    let mut cells = target.cells.clone();
    // The cells of the next-ranked window too.
    if let Some((a, b, _)) = next
        .first()
        .and_then(|(n, _)| windows.iter().find(|(a, _, _)| a == n))
        && let Some(w) = metrics::window_sum(&monthly, a, b)
    {
        cells.extend(w.cells.iter().cloned());
    }
    let kind = match (aligned, len) {
        (true, 1) => "monthly values".to_string(),
        (true, 3) => "calendar quarters".to_string(),
        (true, 6) => "calendar half-years".to_string(),
        (true, 12) => "calendar years".to_string(),
        _ => format!("rolling {len}-month windows"),
    };
    // Below first place, the windows ahead of it are named (up to three).
    let ahead: Vec<String> = ranked
        .iter()
        .take(r.saturating_sub(1).min(3))
        .filter(|(a, _)| *a != f)
        .map(|(a, v)| format!("{} {}", label(a), num(*v, &plan.unit)))
        .collect();
    let text = format!(
        "{} {}: rank {r} of {} {kind} from {} to {}{}",
        metrics::window_label(&f, &t),
        fmt_num(target.value, &plan.unit),
        ranked.len(),
        label(&first),
        metrics::window_label(&f, &t),
        if ahead.is_empty() {
            String::new()
        } else {
            format!(", behind {}", ahead.join(", "))
        },
    );
    // The claim's own window may come from a published window value: not a gap then.
    let gaps_end = if has_target { t } else { f.add_months(-1)? };
    let gaps = monthly
        .keys()
        .next()
        .map(|m| metrics::missing_months(&monthly, m, &gaps_end))
        .unwrap_or_default();
    let stand_ins = stand_in_note(view, &monthly, &t);
    let detail = format!(
        "next: {}; windows: {kind}, none ending after {t}; bases: {}{}{}{}",
        others.join(", "),
        bases.join(" + "),
        if bases.len() > 1 {
            " (a break in basis where they meet)"
        } else {
            ""
        },
        missing_note(view, &gaps),
        if stand_ins.is_empty() {
            String::new()
        } else {
            format!("; {stand_ins}")
        },
    );
    let better = |v: f64| {
        if plan.lowest_first {
            v < target.value
        } else {
            v > target.value
        }
    };
    let mut beyond: Vec<&(Period, Period, f64)> =
        after.iter().filter(|(_, _, v)| better(*v)).collect();
    beyond.sort_by(|a, b| {
        let o = a.2.partial_cmp(&b.2).unwrap_or(std::cmp::Ordering::Equal);
        if plan.lowest_first { o } else { o.reverse() }
    });
    let later = if beyond.is_empty() {
        vec![]
    } else {
        let list: Vec<String> = beyond
            .iter()
            .take(3)
            .map(|(a, b, v)| format!("{} {}", metrics::window_label(a, b), num(*v, &plan.unit)))
            .collect();
        vec![format!(
            "exceeded later by {} window{}: {}{}",
            beyond.len(),
            if beyond.len() == 1 { "" } else { "s" },
            list.join(", "),
            if beyond.len() > 3 { ", …" } else { "" }
        )]
    };
    Some(Found {
        value: Some(r as f64),
        text,
        detail,
        cells: metrics::to_cells(&cells),
        spec: spec_used?,
        pass: plan.claimed.map(|c| rank_holds(plan.relation, r as f64, c)),
        later,
        undecided: false,
        history_stand_ins: has_stand_ins(view, &monthly, Some(&t)),
    })
}
