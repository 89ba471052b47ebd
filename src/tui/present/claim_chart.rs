//! The chart on a claim's slide: the claim's series (at most three) on the
//! newest data, the claim window padded by the explorer's zoom on each side,
//! the claimed value as a reference line.

use super::super::chart::{ChartLine, ChartSpec};
use super::super::context::Context;
use crate::browse::claim_series;
use crate::catalogue;
use crate::claims::Evaluation;
use crate::claims::metrics::{points, unit_factor};
use crate::data::{Period, Vintage};
use crate::format;
use chrono::Months;

/// Fewest rows a chart is drawn in (frame included).
pub(super) const CHART_MIN: u16 = 8;

/// Most series on one slide's chart.
pub(super) const MAX_SERIES: usize = 3;

/// What a claim's chart shows, or why there is none.
pub(super) enum ChartOf {
    Chart(Box<ChartSpec>),
    Missing(String),
    None,
}

/// The chart of a claim's series on the newest data, the claim window padded
/// by the explorer's zoom on each side.
pub(super) fn claim_chart(cx: &Context, e: &Evaluation) -> ChartOf {
    let series = claim_series(e);
    if series.is_empty() {
        return ChartOf::None;
    }
    let from = series
        .iter()
        .map(|s| s.from)
        .min()
        .unwrap_or(series[0].from);
    let to = series.iter().map(|s| s.to).max().unwrap_or(series[0].to);
    let pad = Months::new(cx.zoom_pad.unsigned_abs());
    let lo = from
        .first_day()
        .checked_sub_months(pad)
        .unwrap_or(from.first_day());
    let hi = to
        .last_day()
        .checked_add_months(pad)
        .unwrap_or(to.last_day());
    let mut unit: Option<String> = None;
    let mut lines = Vec::new();
    let mut extra = 0usize;
    for s in &series {
        let Some((series_unit, map)) =
            points(cx.ds, &s.source, &s.measure, &s.entity, &Vintage::Latest)
        else {
            continue;
        };
        // The claim's unit when the series converts into it, else billions
        // rather than millions of dollars.
        let axis = unit
            .get_or_insert_with(|| {
                if unit_factor(&series_unit, &e.unit).is_some() {
                    e.unit.clone()
                } else if unit_factor(&series_unit, "USD billions").is_some() {
                    "USD billions".to_string()
                } else {
                    series_unit.clone()
                }
            })
            .clone();
        let Some(f) = unit_factor(&series_unit, &axis) else {
            extra += 1;
            continue;
        };
        let kind = |p: &Period| (p.is_span(), std::mem::discriminant(&p.start));
        let same_kind = map.keys().any(|p| kind(p) == kind(&s.from));
        let pts: Vec<(Period, f64)> = map
            .iter()
            .filter(|(p, _)| !same_kind || kind(p) == kind(&s.from))
            .filter(|(p, _)| p.first_day() >= lo && p.last_day() <= hi)
            .map(|(p, v)| (*p, v.value * f))
            .collect();
        if pts.is_empty() {
            continue;
        }
        if lines.len() == MAX_SERIES {
            extra += 1;
            continue;
        }
        lines.push(ChartLine {
            name: line_name(&s.entity, &s.measure),
            points: pts,
        });
    }
    let Some(axis) = unit.filter(|_| !lines.is_empty()) else {
        let names: Vec<String> = series
            .iter()
            .map(|s| {
                format!(
                    "{} {} ({})",
                    s.entity,
                    catalogue::measure_name(&s.measure),
                    catalogue::source_name(&s.source)
                )
            })
            .collect();
        return ChartOf::Missing(format!(
            "No chart: no values of {} around {from}–{to} in the loaded tables.",
            names.join(", ")
        ));
    };
    let single = from == to;
    let claimed = match (e.claimed_value, e.check.as_str()) {
        (Some(v), "level") => unit_factor(&e.unit, &axis).map(|f| v * f),
        (Some(v), "sum") if single => unit_factor(&e.unit, &axis).map(|f| v * f),
        _ => None,
    };
    let negative = lines
        .iter()
        .flat_map(|l| l.points.iter())
        .any(|(_, v)| *v < 0.0)
        || claimed.is_some_and(|c| c < 0.0);
    let window = if single {
        from.to_string()
    } else {
        format!("{from}–{to}")
    };
    // "Japan + China, Mainland · lt_net_purchases".
    let mut entities: Vec<&str> = Vec::new();
    let mut measures: Vec<String> = Vec::new();
    for s in &series {
        if lines
            .iter()
            .any(|l| l.name == line_name(&s.entity, &s.measure))
        {
            if !entities.contains(&s.entity.as_str()) {
                entities.push(&s.entity);
            }
            let words = catalogue::measure_name(&s.measure);
            if !measures.contains(&words) {
                measures.push(words);
            }
        }
    }
    let names = [entities.join(" + "), measures.join(", ")];
    let more = if extra > 0 {
        format!(" +{extra} more")
    } else {
        String::new()
    };
    let claimed_note = match (claimed, e.claimed_value) {
        (None, Some(v)) if matches!(e.check.as_str(), "sum" | "change") => {
            format!(" · claimed {} ({})", format::level(v, &e.unit), e.check)
        }
        _ => String::new(),
    };
    ChartOf::Chart(Box::new(ChartSpec {
        title: format!(
            " {}{more} · {} · window {window}{claimed_note} ",
            names.join(" · "),
            format::unit_for(&axis).label
        ),
        lines,
        unit: axis,
        window: Some((from, to)),
        claimed,
        zero_line: negative,
        empty: String::new(),
        focused: false,
    }))
}

/// The chart legend's name of a series: `Japan · net purchases of Treasury bonds and notes`.
fn line_name(entity: &str, measure: &str) -> String {
    format!("{entity} · {}", catalogue::measure_name(measure))
}
