//! The article date when `--date` is not given.

use super::periods::{self, When};
use crate::claims::Article;
use crate::data::{Dataset, Period};
use chrono::Datelike;

/// Infers the article date from its newest month named with a year.
pub fn infer_date(ds: &Dataset, article: &Article) -> Option<(String, String)> {
    let mut newest: Option<i32> = None;
    for s in &article.sections {
        for m in periods::mentions(&s.text) {
            let idx = match m.when {
                When::Month(Some(y), mo) => Some(y * 12 + mo as i32 - 1),
                When::Quarter(Some(y), q) => Some(y * 12 + q as i32 * 3 - 1),
                _ => None,
            };
            newest = newest.max(idx);
        }
    }
    let idx = newest?;
    let month = Period::from_month_index(idx);
    // The earliest publication of that month's data in the dataset (TIC, press figures).
    let first = ds
        .all_series()
        .iter()
        .filter(|s| s.source.starts_with("tic") || s.source.starts_with("slt"))
        .flat_map(|s| s.all_points().iter())
        .filter(|p| p.period == month)
        .map(|p| p.vintage.to_string())
        .min();
    let vintage = match first.as_deref() {
        Some(v) if v.len() == 10 => Some(v.to_string()),
        Some(v) => v.parse::<Period>().ok().map(|p| p.last_day().to_string()),
        None => None,
    };
    // TIC publishes a month's data around the 18th of the second month after it.
    let lag = month.add_months(2)?.first_day().with_day(18)?.to_string();
    let date = match vintage {
        Some(v) if v < lag => v,
        _ => lag,
    };
    let reason = format!(
        "Inferred by claimlens draft: the newest month the article names is {month}, whose TIC data come out \
around the 18th of the second month after it (or earlier where the bundled files show an earlier release), so \
the article is no older than {date}. This is a guess: check the real date and set it with --date."
    );
    Some((date, reason))
}
