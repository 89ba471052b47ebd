//! What the dataset holds for a binding: the newest month published by the article date, the value
//! of a window (for the window search), and whether a check would find its data.

use crate::claims::metrics::FORM_S_NET;
use crate::data::{Dataset, Period, Vintage};
use chrono::{Datelike, NaiveDate};

pub(super) struct Env<'a> {
    pub(super) ds: &'a Dataset,
    pub(super) date: NaiveDate,
    pub(super) date_str: String,
}

pub(super) fn month_of_date(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

pub(super) fn months(from: &Period, to: &Period) -> i32 {
    let a = from.first_day();
    let b = to.last_day();
    (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32 + 1
}

fn to_billions(unit: &str) -> f64 {
    match unit {
        "USD millions" => 1e-3,
        "USD trillion" => 1e3,
        _ => 1.0,
    }
}

impl Env<'_> {
    /// The newest month of the series published by the article date: by the values' vintages, or by
    /// the TIC publication lag (a month's data out by the 18th of the second month after it).
    pub(super) fn newest_month(&self, series: &[(String, String)], entities: &[String]) -> i32 {
        let view = Vintage::AsOf(self.date_str.clone());
        // TIC publishes a month's data around the 15th-18th of the second month after it.
        let cap = month_of_date(self.date) - if self.date.day() >= 18 { 2 } else { 3 };
        let mut best: Option<i32> = None;
        let mut fallback: Option<i32> = None;
        for (src, meas) in series {
            for e in entities {
                if let Some(s) = self.ds.series(src, meas, e) {
                    let m = s
                        .view(&view)
                        .iter()
                        .filter_map(|p| p.period.month_index())
                        .max();
                    best = best.max(m);
                    let f = s
                        .view(&Vintage::Latest)
                        .iter()
                        .filter_map(|p| p.period.month_index())
                        .filter(|i| *i <= cap)
                        .max();
                    fallback = fallback.max(f);
                }
            }
        }
        // The newer of: what the vintages say was out, and the series' newest month the publication lag allows.
        best.max(fallback).unwrap_or(cap)
    }

    /// The value of a window (sum of months) or a period under a view, from the first series with it all.
    pub(super) fn value(
        &self,
        series: &[(String, String)],
        entities: &[String],
        (from, to): (&Period, &Period),
        view: &Vintage,
    ) -> Option<f64> {
        let n = months(from, to);
        'series: for (src, meas) in series {
            if meas == FORM_S_NET {
                continue;
            }
            let mut total = 0.0;
            for e in entities {
                let Some(s) = self.ds.series(src, meas, e) else {
                    continue 'series;
                };
                let pts = s.range(from, to, view);
                let monthly: Vec<_> = pts
                    .iter()
                    .filter(|p| p.period.month_index().is_some())
                    .collect();
                let v = if monthly.len() as i32 == n {
                    monthly.iter().map(|p| p.value).sum::<f64>()
                } else if let Some(p) = pts.iter().find(|p| {
                    p.period.first_day() == from.first_day() && p.period.last_day() == to.last_day()
                }) {
                    p.value
                } else {
                    continue 'series;
                };
                total += v * to_billions(&s.unit);
            }
            return Some(total);
        }
        None
    }

    /// True when some series has what the check needs for every entity (today's data): a value in
    /// the window, values at both ends of a change, every month of a sum.
    pub(super) fn has_data(
        &self,
        check: &str,
        series: &[(String, String)],
        entities: &[String],
        from: &Period,
        to: &Period,
    ) -> bool {
        if check == "sum" && !series.iter().all(|(_, m)| m == FORM_S_NET) {
            return self
                .value(series, entities, (from, to), &Vintage::Latest)
                .is_some();
        }
        series.iter().any(|(src, meas)| {
            let probe = if meas == FORM_S_NET {
                "gross_purchases_treas_bonds_notes"
            } else {
                meas.as_str()
            };
            entities.iter().all(|e| {
                self.ds.series(src, probe, e).is_some_and(|s| {
                    let has = |a: &Period, b: &Period| !s.range(a, b, &Vintage::Latest).is_empty();
                    match check {
                        "change" | "pct_change" => has(from, from) && has(to, to),
                        _ => has(from, to),
                    }
                })
            })
        })
    }
}
