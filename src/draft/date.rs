//! The article date when `--date` is not given.

use super::periods::{self, When};
use crate::claims::Article;
use crate::data::{Dataset, Period};

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
    let date = match first.as_deref() {
        Some(v) if v.len() == 10 => v.to_string(),
        Some(v) => v.parse::<Period>().ok().map(|p| p.last_day().to_string())?,
        None => month.add_months(2)?.last_day().to_string(),
    };
    let reason = format!(
        "Inferred by claimlens draft: the newest month the article names is {month}; the bundled files date its \
first publication no later than {date} (the end of the release's month when only the month is known), and the article \
cannot predate the data it quotes. This is a guess: check the real date and set it with --date."
    );
    Some((date, reason))
}
