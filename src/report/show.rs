//! `claimlens show`: the values of one entity, as a measure × month table in
//! display units (newest month first, a screenful), or in the tidy long form
//! exactly as published (`--long`).

use super::table::{Align, render};
use crate::data::{Dataset, Flag, Period, Series, Vintage};
use crate::format;

/// What to show.
#[derive(Debug, Clone, Default)]
pub struct ShowQuery {
    pub entity: String,
    pub measure: Option<String>,
    pub source: Option<String>,
    pub from: Option<Period>,
    pub to: Option<Period>,
    pub all_vintages: bool,
    /// The tidy long form (one row per value, as published) instead of the table.
    pub long: bool,
}

/// Months in the table when no period range is given.
pub const SHOW_MONTHS: usize = 6;

/// A value with up to three decimals, no grouping: kept for the claims engine's texts;
/// new code uses [`crate::format`] (display units) instead.
pub fn format_value(v: f64) -> String {
    crate::format::plain(v)
}

/// The table for a query, or a message explaining why nothing matched.
pub fn show(ds: &Dataset, q: &ShowQuery) -> Result<String, String> {
    if let (Some(f), Some(t)) = (q.from, q.to)
        && f.first_day() > t.last_day()
    {
        return Err(format!(
            "--from {f} --to {t}: the range ends before it starts; expected --from no later than --to"
        ));
    }
    let entity = ds.match_entity(&q.entity).map_err(|e| e.to_string())?;
    if let Some(src) = &q.source
        && !ds.all_series().iter().any(|s| &s.source == src)
    {
        let mut sources: Vec<&str> = ds.all_series().iter().map(|s| s.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        return Err(format!(
            "unknown source {src:?}; expected one of {} (`claimlens series` lists them)",
            sources.join(", ")
        ));
    }
    if let Some(m) = &q.measure
        && !ds.all_series().iter().any(|s| &s.measure == m)
    {
        return Err(format!(
            "unknown measure {m:?} (`claimlens series` lists every source and measure)"
        ));
    }
    let mut series: Vec<_> = ds
        .series_of_entity(entity)
        .filter(|s| q.measure.as_ref().is_none_or(|m| &s.measure == m))
        .filter(|s| q.source.as_ref().is_none_or(|src| &s.source == src))
        .collect();
    if series.is_empty() {
        let mut measures: Vec<String> = ds
            .series_of_entity(entity)
            .map(|s| format!("{} ({})", s.measure, s.source))
            .collect();
        measures.sort();
        let asked = match (&q.measure, &q.source) {
            (Some(m), Some(src)) => format!("measure {m} in {src}"),
            (Some(m), None) => format!("measure {m}"),
            (None, Some(src)) => format!("values in {src}"),
            (None, None) => "values".into(),
        };
        return Err(format!(
            "{entity} has no {asked}; it has: {}",
            measures.join(", ")
        ));
    }
    series.sort_by(|a, b| (&a.source, &a.measure).cmp(&(&b.source, &b.measure)));
    if !q.long && !q.all_vintages {
        return wide(entity, &series, q);
    }
    let in_range = |p: &Period| {
        q.from.is_none_or(|f| p.last_day() >= f.first_day())
            && q.to.is_none_or(|t| p.first_day() <= t.last_day())
    };
    let mut rows = Vec::new();
    for s in series {
        let points: Vec<_> = if q.all_vintages {
            s.all_points().iter().collect()
        } else {
            s.view(&Vintage::Latest)
        };
        for p in points.into_iter().filter(|p| in_range(&p.period)) {
            let mut vintage = p.vintage.to_string();
            if p.flag == Flag::OldSeries {
                vintage.push_str(" (old series)");
            }
            rows.push(vec![
                p.period.to_string(),
                s.source.clone(),
                s.measure.clone(),
                format_value(p.value),
                s.unit.clone(),
                vintage,
            ]);
        }
    }
    if rows.is_empty() {
        return Err(format!("{entity} has no values in that period range"));
    }
    let header = ["period", "source", "measure", "value", "unit", "vintage"];
    let align = [
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Left,
        Align::Left,
    ];
    Ok(format!("{entity}\n\n{}", render(&header, &align, &rows)))
}

impl ShowQuery {
    /// True when month index `i` lies within `--from`/`--to`.
    pub(super) fn admits_month(&self, i: i32) -> bool {
        self.from
            .is_none_or(|f| f.month_index().is_none_or(|f| i >= f))
            && self
                .to
                .is_none_or(|t| t.month_index().is_none_or(|t| i <= t))
    }
}

/// The months of a measure × month table, newest first, and its header: the
/// span the series cover within `--from`/`--to`, or the last [`SHOW_MONTHS`]
/// when no range is given. `None` when no series has a monthly value.
pub(super) fn month_columns<S, T>(
    monthly: &[(S, Vec<(i32, T)>)],
    q: &ShowQuery,
) -> Option<(Vec<i32>, Vec<String>)> {
    let newest = monthly
        .iter()
        .filter_map(|(_, p)| p.last().map(|x| x.0))
        .max()?;
    let oldest = if q.from.is_some() || q.to.is_some() {
        monthly
            .iter()
            .filter_map(|(_, p)| p.first().map(|x| x.0))
            .min()
            .unwrap_or(newest)
    } else {
        newest - SHOW_MONTHS as i32 + 1
    };
    let months: Vec<i32> = (oldest..=newest).rev().collect();
    let mut header: Vec<String> = vec!["measure".into(), "source".into(), "unit".into()];
    header.extend(
        months
            .iter()
            .map(|i| Period::from_month_index(*i).to_string()),
    );
    Some((months, header))
}

/// The measure × month table: one row per series, months newest first, values in display units.
fn wide(entity: &str, series: &[&Series], q: &ShowQuery) -> Result<String, String> {
    let monthly: Vec<(&Series, Vec<(i32, f64)>)> = series
        .iter()
        .map(|s| {
            let pts: Vec<(i32, f64)> = s
                .view(&Vintage::Latest)
                .into_iter()
                .filter_map(|p| p.period.month_index().map(|i| (i, p.value)))
                .filter(|(i, _)| q.admits_month(*i))
                .collect();
            (*s, pts)
        })
        .filter(|(_, pts)| !pts.is_empty())
        .collect();
    let (months, header) = month_columns(&monthly, q)
        .ok_or_else(|| format!("{entity} has no monthly values in that period range"))?;
    let mut rows = Vec::new();
    for (s, pts) in &monthly {
        if !pts.iter().any(|(i, _)| months.contains(i)) {
            continue;
        }
        let du = format::unit_for(&s.unit);
        let mut row = vec![s.measure.clone(), s.source.clone(), du.label.to_string()];
        for m in &months {
            row.push(
                pts.iter()
                    .find(|(i, _)| i == m)
                    .map_or("·".to_string(), |(_, v)| du.number(*v)),
            );
        }
        rows.push(row);
    }
    let mut align = vec![Align::Left; 3];
    align.extend(std::iter::repeat_n(Align::Right, months.len()));
    let head: Vec<&str> = header.iter().map(String::as_str).collect();
    let others = series.len() - monthly.len();
    let note = if others > 0 {
        format!(
            "\n{others} series without monthly values in range (daily, quarterly or spans): see --long\n"
        )
    } else {
        String::new()
    };
    Ok(format!(
        "{entity}: newest month first, in display units (· no value); --long lists every value as published\n\n{}{note}",
        render(&head, &align, &rows)
    ))
}
