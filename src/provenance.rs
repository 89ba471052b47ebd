//! Where one number comes from (no terminal types): the value as published with
//! its unit, the publisher and table, the file, the vintage, the URL, the other
//! vintages of the same value, and the claims that use it.

use crate::claims::Case;
use crate::data::{Dataset, Flag, Period};
use crate::{catalogue, format};

/// Which published value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellKey {
    pub source: String,
    pub measure: String,
    pub entity: String,
    pub period: Period,
}

/// A provenance record as labelled rows, ready to print or draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    pub title: String,
    pub rows: Vec<(&'static str, String)>,
}

/// The provenance of one value (its newest vintage when `vintage` is `None`).
pub fn of_cell(ds: &Dataset, case: &Case, key: &CellKey, vintage: Option<&str>) -> Provenance {
    let title = format!(
        "{} · {} · {}",
        key.entity,
        catalogue::measure_name(&key.measure),
        key.period
    );
    let mut rows: Vec<(&'static str, String)> = Vec::new();
    let Some(series) = ds.series(&key.source, &key.measure, &key.entity) else {
        rows.push((
            "value",
            format!(
                "no {} series for {} in the loaded tables",
                key.measure, key.entity
            ),
        ));
        return Provenance { title, rows };
    };
    let points: Vec<_> = series
        .all_points()
        .iter()
        .filter(|p| p.period == key.period)
        .collect();
    let shown = points
        .iter()
        .filter(|p| p.flag == Flag::None)
        .filter(|p| vintage.is_none_or(|v| &*p.vintage == v))
        .max_by(|a, b| a.vintage.cmp(&b.vintage));
    let info = catalogue::source(&key.source);
    match shown {
        Some(p) => {
            rows.push((
                "as published",
                format!("{} {}", format::plain(p.value), series.unit),
            ));
            rows.push(("shown as", format::level(p.value, &series.unit)));
            rows.push(("released", p.vintage.to_string()));
            // As published at the article's date, the earliest copy held
            // stands in for a first release of then that is not held.
            let held_then = points.iter().any(|q| {
                q.flag == Flag::None
                    && crate::data::calendar::published_by(&key.source, &q.vintage, &case.date)
            });
            let earliest = points
                .iter()
                .filter(|q| q.flag == Flag::None)
                .map(|q| &*q.vintage)
                .min();
            if !held_then
                && earliest == Some(&*p.vintage)
                && crate::data::calendar::first_release(&key.source, &key.period)
                    .is_some_and(|d| d.format("%Y-%m-%d").to_string() <= case.date)
            {
                rows.push((
                    "first release",
                    format!(
                        "not held: {} was first published by {}, but the earliest copy held is of {}, so this later value stands in for it as published",
                        key.period, case.date, p.vintage
                    ),
                ));
            }
            let url = p
                .source_url
                .as_deref()
                .map(str::to_string)
                .or_else(|| catalogue::url(&key.source).map(str::to_string));
            if let Some(u) = url {
                rows.push(("url", u));
            }
        }
        None => rows.push(("as published", "no value for this period".into())),
    }
    // A figure quoted on a page: who published it and where it was reposted.
    let quoted = shown
        .and_then(|p| p.source_url.as_deref())
        .filter(|_| catalogue::url_of_each_value(&key.source));
    rows.push((
        "publisher",
        match quoted {
            Some(u) => format!(
                "{}, as compiled in {}",
                catalogue::quoted_origin(u, &key.measure),
                catalogue::source_name(&key.source)
            ),
            None => catalogue::source_name(&key.source),
        },
    ));
    if let Some(i) = info {
        rows.push(("table", i.title.to_string()));
        rows.push(("file", i.file.to_string()));
    }
    rows.push((
        "ids",
        format!(
            "{} / {} (tidy table {}.csv)",
            key.source, key.measure, key.source
        ),
    ));
    let mut others: Vec<String> = points
        .iter()
        .filter(|p| shown.is_none_or(|s| p.vintage != s.vintage || p.flag != s.flag))
        .map(|p| {
            let old = if p.flag == Flag::OldSeries {
                " (old series, for comparison)"
            } else {
                ""
            };
            format!(
                "{} {} released {}{old}",
                format::plain(p.value),
                series.unit,
                p.vintage
            )
        })
        .collect();
    // The same value as other tables publish it (a first release reported in the press among them).
    for (source, measure, p, unit) in same_value_elsewhere(ds, key) {
        others.push(format!(
            "{} {unit} in {source} / {measure}: {}",
            format::plain(p.value),
            catalogue::cite_value(source, &measure, &p.vintage, false, p.source_url.as_deref())
        ));
    }
    rows.push((
        "other vintages",
        if others.is_empty() {
            "none".into()
        } else {
            others.join("; ")
        },
    ));
    let users: Vec<String> = users(case, key)
        .iter()
        .map(|e| format!("{} {}", e.verdict.symbol(), e.id))
        .collect();
    rows.push((
        "used by",
        if users.is_empty() {
            "no claim's evidence".into()
        } else {
            users.join(", ")
        },
    ));
    Provenance { title, rows }
}

/// The same entity and period in the other tables that publish the same
/// quantity ([`catalogue::same_quantity`]): (source, measure, point, unit),
/// in the order of the loaded sources.
fn same_value_elsewhere<'a>(
    ds: &'a Dataset,
    key: &CellKey,
) -> Vec<(&'a str, String, &'a crate::data::Point, &'a str)> {
    let mut out = Vec::new();
    let measures = catalogue::same_quantity(&key.measure);
    for source in ds.sources() {
        for m in &measures {
            if source == key.source && *m == key.measure {
                continue;
            }
            let Some(series) = ds.series(source, m, &key.entity) else {
                continue;
            };
            for p in series
                .all_points()
                .iter()
                .filter(|p| p.period == key.period)
            {
                if p.flag == Flag::None {
                    out.push((source, m.to_string(), p, series.unit.as_str()));
                }
            }
        }
    }
    out
}

/// The claims whose evidence (as published or today) holds this value, in
/// any table that publishes the same quantity: the one answer to "used by"
/// for the provenance view and the browser.
pub fn users<'a>(case: &'a Case, key: &CellKey) -> Vec<&'a crate::claims::Evaluation> {
    let measures = catalogue::same_quantity(&key.measure);
    case.evaluations
        .iter()
        .filter(|e| {
            e.as_published
                .evidence
                .iter()
                .chain(&e.today.evidence)
                .any(|c| {
                    measures.contains(&c.measure.as_str())
                        && c.entity == key.entity
                        && c.period == key.period
                })
        })
        .collect()
}
