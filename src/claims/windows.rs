//! Robust to the window: a claim of a direction or a bound over a window of
//! months is also evaluated with each end moved by one month either way, and a claim the quote puts in
//! "the last N months" over the N months that end with the newest month
//! published by the article's date. When the verdict flips, the claim depends
//! on the window: `partly`, unless the quote names its window
//! (`window_words`), which then decides.

use super::metrics;
use super::plan::Plan;
use super::quoted;
use super::spec::ClaimSpec;
use crate::data::{Period, calendar};
use chrono::NaiveDate;
use toml::Spanned;

/// The checks whose result depends on where a window of months starts and ends,
/// for a direction or a bound (above, below, at least, at most): a figure the
/// quote gives (about, nearly) pins the window it was measured over.
fn shifts_apply(plan: &Plan) -> bool {
    matches!(plan.check, "sum" | "change" | "pct_change" | "max" | "min")
        && !matches!(plan.relation, "about" | "nearly")
        && plan.spec.conditional != Some(true)
        && match (plan.from, plan.to) {
            (Some(f), Some(t)) => f != t && f.month_index().is_some() && t.month_index().is_some(),
            _ => false,
        }
}

/// Whether the month's value had been published by the article's date, by the
/// release calendar of the claim's first series (unknown calendars: no).
fn published_by(plan: &Plan, month: &Period, date: NaiveDate) -> bool {
    plan.spec
        .series
        .first()
        .and_then(|s| calendar::first_release(&s.source, month))
        .is_some_and(|d| d <= date)
}

/// "the last three months" in the window words: the count of months.
fn last_months(words: &str) -> Option<i32> {
    let lower = words.to_lowercase();
    if !(lower.contains("last") || lower.contains("past")) {
        return None;
    }
    let per = if lower.contains("quarter") {
        3
    } else if lower.contains("month") {
        1
    } else {
        return None;
    };
    let n = quoted::numbers(words).into_iter().find(|n| *n >= 1.0)?;
    Some(n as i32 * per)
}

/// The claim with another window, each shift named ("start a month earlier").
pub(super) fn shifted(c: &ClaimSpec, plan: &Plan) -> Vec<(String, ClaimSpec)> {
    if !shifts_apply(plan) {
        return vec![];
    }
    let (Some(f), Some(t)) = (plan.from, plan.to) else {
        return vec![];
    };
    let date = plan.article_date;
    let min_len = if matches!(plan.check, "change" | "pct_change") {
        2
    } else {
        1
    };
    let len = |a: &Period, b: &Period| -> i32 {
        b.month_index().unwrap_or(0) - a.month_index().unwrap_or(0) + 1
    };
    let mut windows: Vec<(String, Period, Period)> = Vec::new();
    let mut push = |label: &str, a: Option<Period>, b: Option<Period>| {
        if let (Some(a), Some(b)) = (a, b)
            && len(&a, &b) >= min_len
            && !(a == f && b == t)
            && !windows.iter().any(|(_, x, y)| *x == a && *y == b)
        {
            windows.push((label.to_string(), a, b));
        }
    };
    push("start a month earlier", f.add_months(-1), Some(t));
    push("start a month later", f.add_months(1), Some(t));
    push("end a month earlier", Some(f), t.add_months(-1));
    // Moving the end later only to a month that existed at the time.
    if let Some(next) = t.add_months(1)
        && published_by(plan, &next, date)
    {
        push("end a month later", Some(f), Some(next));
    }
    if let Some(n) = c
        .window_words
        .as_ref()
        .and_then(|w| last_months(w.get_ref()))
    {
        // The newest month published by the article's date, and the n months to it.
        let mut newest = t;
        while let Some(next) = newest.add_months(1)
            && published_by(plan, &next, date)
        {
            newest = next;
        }
        while !published_by(plan, &newest, date) {
            match newest.add_months(-1) {
                Some(p) if p >= f => newest = p,
                _ => break,
            }
        }
        push(
            &format!("the last {n} months to the article's date"),
            newest.add_months(1 - n),
            Some(newest),
        );
    }
    windows
        .into_iter()
        .map(|(label, a, b)| {
            let mut spec = c.clone();
            let at = c.check.span();
            spec.period = None;
            spec.from = Some(Spanned::new(at.clone(), a.to_string()));
            spec.to = Some(Spanned::new(at, b.to_string()));
            spec.readings = vec![];
            spec.context = vec![];
            (format!("{} ({label})", metrics::window_label(&a, &b)), spec)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::last_months;

    #[test]
    fn last_months_in_words() {
        assert_eq!(last_months("In the last three months"), Some(3));
        assert_eq!(last_months("over the past 6 months"), Some(6));
        assert_eq!(last_months("in the last two quarters"), Some(6));
        assert_eq!(last_months("in Q3 alone"), None);
        assert_eq!(last_months("In the last three weeks"), None);
    }
}
