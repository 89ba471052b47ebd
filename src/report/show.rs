//! `claimlens show`: the published values of one entity as an aligned table.

use super::table::{Align, render};
use crate::data::{Dataset, Flag, Period, Vintage};

/// What to show.
#[derive(Debug, Clone, Default)]
pub struct ShowQuery {
    pub entity: String,
    pub measure: Option<String>,
    pub source: Option<String>,
    pub from: Option<Period>,
    pub to: Option<Period>,
    pub all_vintages: bool,
}

/// A value with up to three decimals, no grouping: kept for the claims engine's texts;
/// new code uses [`crate::format`] (display units) instead.
pub fn format_value(v: f64) -> String {
    crate::format::plain(v)
}

/// The table for a query, or a message explaining why nothing matched.
pub fn show(ds: &Dataset, q: &ShowQuery) -> Result<String, String> {
    let entity = ds.resolve_entity(&q.entity).ok_or_else(|| {
        format!(
            "unknown entity {:?}; try a name such as Japan, \"China, Mainland\" or \"Grand Total\"",
            q.entity
        )
    })?;
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
        return Err(format!(
            "{entity} has no such measure; it has: {}",
            measures.join(", ")
        ));
    }
    series.sort_by(|a, b| (&a.source, &a.measure).cmp(&(&b.source, &b.measure)));
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
