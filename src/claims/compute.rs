//! Computing a claim's metric from the Dataset for one viewpoint.

use super::metrics::{self, CellRef, Valued, Values};
use super::plan::{Align, Plan, cond_fn};
use super::scope::{Converted, Scope};
use super::spec::SeriesSpec;
use super::verdict::Cell;
use crate::data::{EntityKind, Period, Vintage};
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

/// A computed result of one viewpoint, before it is compared with the claim.
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
fn decimal_year(p: &Period) -> f64 {
    let day = p.first_day();
    f64::from(day.year()) + f64::from(day.month0()) / 12.0
}

/// Whether a found period satisfies a claimed one under a relation.
fn period_holds(rel: &str, found: &Period, claimed: &Period) -> bool {
    match rel {
        "at_most" => found.first_day() <= claimed.last_day(),
        "at_least" => found.first_day() >= claimed.first_day(),
        "below" => found.last_day() < claimed.first_day(),
        "above" => found.first_day() > claimed.last_day(),
        _ => found.within(claimed, claimed),
    }
}

/// Whether a rank satisfies the claimed rank: `about` is exact; `at_most 5` = among the top five.
fn rank_holds(rel: &str, r: f64, claimed: f64) -> bool {
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

/// The history a check reads for one entity: the series' own view, or under
/// [`Vintage::Released`] the claim's series merged, period by period: values
/// held at the date first (in the claim's order of series), then the stand-ins.
/// Only periods of the kind of `like` (months with months) and series in the
/// unit of the first are merged.
fn history_of<'a>(
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
        .map(|x| format!("{}/{}", x.source, x.measure))
        .collect::<Vec<_>>()
        .join("+");
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
                if unit_used.get_or_insert_with(|| u.clone()) != &u {
                    continue;
                }
                for (p, val) in m.iter() {
                    if p.is_span() || kind.is_some_and(|k| k != std::mem::discriminant(&p.start)) {
                        continue;
                    }
                    merged.entry(*p).or_insert_with(|| val.clone());
                }
            }
        }
        let u = unit_used?;
        (!merged.is_empty()).then(|| (u, Arc::new(merged.into_iter().collect())))
    })
}

/// Whether any value of a history up to `end` stands in, in `view`, for a first release not held.
fn has_stand_ins(view: &Vintage, map: &Values, end: Option<&Period>) -> bool {
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
fn stand_in_note(view: &Vintage, map: &Values, end: &Period) -> String {
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
    let found = |value: f64, text: String, cells: Vec<CellRef>, pass: Option<bool>| Found {
        value: Some(value),
        text,
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
                if let Some((v, cells, u)) =
                    per_entity_sum(ds, s, std::slice::from_ref(&name), view, unit, |m| {
                        metrics::window_sum(m, &f, &t)
                    })
                {
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
            let text = if open {
                format!(
                    "{n} periods in a row up to {end} (from the first period with data, so possibly longer)"
                )
            } else {
                format!("{n} periods in a row up to {end}")
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
fn since(ds: &Scope, plan: &Plan, s: &SeriesSpec, entity: &str, view: &Vintage) -> Option<Found> {
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
fn record(ds: &Scope, plan: &Plan, entities: &[String], view: &Vintage) -> Option<Found> {
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
    let text = format!(
        "{} {}: rank {r} of {} {kind} from {} to {}",
        metrics::window_label(&f, &t),
        fmt_num(target.value, &plan.unit),
        ranked.len(),
        label(&first),
        metrics::window_label(&f, &t),
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
