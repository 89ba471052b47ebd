//! When each source first publishes the value of a period, and how far its
//! figures are known to move in revisions: the release calendar and revision
//! ranges that data/SOURCES.md documents, kept here and nowhere else.
//!
//! The "as published" view of a date needs it twice. A period whose first
//! release comes after the date did not exist then: the view leaves it out. A
//! period published by the date of which no vintage of that time is held (the
//! copies here are later revisions) still existed: the view shows the earliest
//! value held, marked as a stand-in for the first release.

use super::period::{Period, Stamp};
use chrono::{Datelike, Months, NaiveDate};

/// How a source's periods are first published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// TIC: the data of a month are released on about the 18th of the second
    /// month after it (a quarter or a year with its last month).
    Tic,
    /// A daily series published the next business day (FRED's H.15 yields, the
    /// S&P 500 closes): a Friday's value on Monday; a month or a span with its
    /// last day.
    NextBusinessDay,
    /// A daily series published weekly (the Fed's H.10 dollar indices): a
    /// day's value on the Monday after its week.
    WeeklyMonday,
    /// World Gold Council reserves (from IMF IFS): a quarter's values by the
    /// end of the second month after the quarter.
    WgcReserves,
    /// Figures quoted in public reports: a year in the full-year report of
    /// early February of the next year; a quarter in the report at the end
    /// of the month after it; a day or a span on its last day.
    Reports,
}

/// The day of the month on which TIC releases its monthly data (releases
/// fall between the 15th and the 19th; the 18th is the usual day).
pub const TIC_RELEASE_DAY: u32 = 18;

/// The release rule of a source (`None` for a source of unknown calendar,
/// such as a user's own table: its values count only from their vintages).
pub fn rule(source: &str) -> Option<Rule> {
    Some(match source {
        "mfhhis01" | "slt_table5" | "slt_table3" | "slt_table1" | "s1_globl" | "tic_facts" => {
            Rule::Tic
        }
        "fred_sp500" | "fred_dgs10" => Rule::NextBusinessDay,
        "fred_dtwexbgs" => Rule::WeeklyMonday,
        "wgc_gold_reserves" => Rule::WgcReserves,
        "context_facts" => Rule::Reports,
        _ => return None,
    })
}

impl Rule {
    /// The rule in words, as data/SOURCES.md gives it.
    pub fn words(self) -> &'static str {
        match self {
            Rule::Tic => {
                "a month's data on the 18th of the second month after it (a quarter or a year with its last month)"
            }
            Rule::NextBusinessDay => {
                "each day's value on the next business day (a Friday's on Monday); a month or a span with its last day"
            }
            Rule::WeeklyMonday => {
                "each day's value on the Monday after its week; a month or a span with its last day"
            }
            Rule::WgcReserves => {
                "a quarter's values by the last day of the second month after the quarter"
            }
            Rule::Reports => {
                "a year's figure on 5 February of the next year (the full-year report); a quarter's on the last day of the month after it; a day or a span on its last day"
            }
        }
    }

    /// The day a period is first published.
    pub fn first_release(self, period: &Period) -> Option<NaiveDate> {
        let last = period.last_day();
        let month_end_after = |months: u32| -> Option<NaiveDate> {
            let first = NaiveDate::from_ymd_opt(last.year(), last.month(), 1)?;
            let next = first.checked_add_months(Months::new(months + 1))?;
            next.pred_opt()
        };
        match self {
            Rule::Tic => {
                let first = NaiveDate::from_ymd_opt(last.year(), last.month(), 1)?;
                first
                    .checked_add_months(Months::new(2))?
                    .with_day(TIC_RELEASE_DAY)
            }
            Rule::NextBusinessDay => {
                let days = match last.weekday() {
                    chrono::Weekday::Fri => 3,
                    chrono::Weekday::Sat => 2,
                    _ => 1,
                };
                last.checked_add_days(chrono::Days::new(days))
            }
            Rule::WeeklyMonday => {
                let days = 7 - u64::from(last.weekday().num_days_from_monday());
                last.checked_add_days(chrono::Days::new(days))
            }
            Rule::WgcReserves => month_end_after(2),
            Rule::Reports => match (period.start, period.end) {
                (Stamp::Year(_), Stamp::Year(y)) => NaiveDate::from_ymd_opt(y + 1, 2, 5),
                (Stamp::Quarter(..), Stamp::Quarter(..)) => month_end_after(1),
                _ => Some(last),
            },
        }
    }

    /// The day a vintage written as a month only (`2025-03`) counts from: a
    /// TIC release on its usual day, any other at the month's end, so that a
    /// view never takes it before it could have appeared.
    fn month_vintage_day(self) -> u32 {
        match self {
            Rule::Tic => TIC_RELEASE_DAY,
            _ => 31,
        }
    }
}

/// How far a source's figures of a measure are documented to move between
/// report vintages (the amount and its unit): a change smaller than that, or
/// one between values of two different reports, is revision noise.
pub fn revision_range(source: &str, measure: &str) -> Option<(f64, &'static str)> {
    // WGC and Metals Focus revise central banks' purchases "often by ±50 t or
    // more" (SOURCES-context.md of the raw files).
    (source == "context_facts" && measure.starts_with("wgc_cb_net_purchases"))
        .then_some((50.0, "tonnes"))
}

/// A date written `YYYY-MM-DD` as (year, month, day), read without a date library.
pub fn ymd(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Some((
        s[..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..10].parse().ok()?,
    ))
}

/// Whether `source` had first published `period` by `cutoff` (year, month,
/// day); `false` when its calendar is not known. The same answer as
/// [`first_release`] compared with the date, without making dates for the
/// months of TIC tables (most of the periods asked about).
pub fn released_by(source: &str, period: &Period, cutoff: (i32, u32, u32)) -> bool {
    let Some(rule) = rule(source) else {
        return false;
    };
    if let (Rule::Tic, Some(m)) = (rule, period.end.month_index()) {
        let release = m + 2;
        let (y, mo) = (release.div_euclid(12), release.rem_euclid(12) as u32 + 1);
        return (y, mo, TIC_RELEASE_DAY) <= cutoff;
    }
    rule.first_release(period)
        .is_some_and(|d| (d.year(), d.month(), d.day()) <= cutoff)
}

/// The first release of a source's period (`None`: the source's calendar is not known).
pub fn first_release(source: &str, period: &Period) -> Option<NaiveDate> {
    rule(source)?.first_release(period)
}

/// Whether a value of `source` with vintage `vintage` (`YYYY-MM-DD`, or
/// `YYYY-MM` when only the month is known) had been published by `cutoff`
/// (`YYYY-MM-DD`). Both are ISO dates or their prefixes, so text order is date
/// order; a month-only vintage in the cutoff's own month counts from its
/// source's release day.
pub fn published_by(source: &str, vintage: &str, cutoff: &str) -> bool {
    if vintage.len() == 7 && cutoff.len() >= 10 && cutoff.starts_with(vintage) {
        let day: u32 = cutoff[8..10].parse().unwrap_or(0);
        let from = rule(source).map_or(31, Rule::month_vintage_day);
        return day >= from;
    }
    vintage <= cutoff
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn tic_months_are_released_two_months_later_on_the_18th() {
        let r = Rule::Tic;
        assert_eq!(
            r.first_release(&"2025-01".parse().unwrap()),
            Some(day("2025-03-18"))
        );
        assert_eq!(
            r.first_release(&"2024-12".parse().unwrap()),
            Some(day("2025-02-18"))
        );
        // A quarter with its last month, a year with December.
        assert_eq!(
            r.first_release(&"2024-Q3".parse().unwrap()),
            Some(day("2024-11-18"))
        );
        assert_eq!(
            r.first_release(&"2023".parse().unwrap()),
            Some(day("2024-02-18"))
        );
    }

    #[test]
    fn released_by_agrees_with_first_release() {
        for source in [
            "slt_table3",
            "fred_dgs10",
            "wgc_gold_reserves",
            "context_facts",
        ] {
            for p in ["2024-12", "2025-01", "2024-Q4", "2024", "2025-03-13"] {
                let p: Period = p.parse().unwrap();
                for cutoff in [
                    "2025-02-18",
                    "2025-02-28",
                    "2025-03-17",
                    "2025-03-18",
                    "2026-01-01",
                ] {
                    let by_date = first_release(source, &p)
                        .is_some_and(|d| d.format("%Y-%m-%d").to_string().as_str() <= cutoff);
                    assert_eq!(
                        released_by(source, &p, ymd(cutoff).unwrap()),
                        by_date,
                        "{source} {p} {cutoff}"
                    );
                }
            }
        }
        assert!(!released_by(
            "a_users_table",
            &"2020-01".parse().unwrap(),
            (2030, 1, 1)
        ));
    }

    #[test]
    fn other_calendars() {
        // Thursday 13 March 2025 on Friday; Friday 14 March on Monday 17.
        assert_eq!(
            Rule::NextBusinessDay.first_release(&"2025-03-13".parse().unwrap()),
            Some(day("2025-03-14"))
        );
        assert_eq!(
            Rule::NextBusinessDay.first_release(&"2025-03-14".parse().unwrap()),
            Some(day("2025-03-17"))
        );
        assert_eq!(
            Rule::NextBusinessDay.first_release(&"2025-02".parse().unwrap()),
            Some(day("2025-03-03"))
        );
        // The dollar index of Monday 17 March to Friday 21 March comes out on Monday 24 March.
        assert_eq!(
            Rule::WeeklyMonday.first_release(&"2025-03-17".parse().unwrap()),
            Some(day("2025-03-24"))
        );
        assert_eq!(
            Rule::WeeklyMonday.first_release(&"2025-03-14".parse().unwrap()),
            Some(day("2025-03-17"))
        );
        assert_eq!(
            Rule::WgcReserves.first_release(&"2024-12".parse().unwrap()),
            Some(day("2025-02-28"))
        );
        assert_eq!(
            Rule::Reports.first_release(&"2024".parse().unwrap()),
            Some(day("2025-02-05"))
        );
        assert_eq!(
            Rule::Reports.first_release(&"2024-Q3".parse().unwrap()),
            Some(day("2024-10-31"))
        );
        assert_eq!(
            Rule::Reports.first_release(&"2025-02-19/2025-03-13".parse().unwrap()),
            Some(day("2025-03-13"))
        );
        assert_eq!(rule("a_users_table"), None);
        assert_eq!(
            revision_range("context_facts", "wgc_cb_net_purchases"),
            Some((50.0, "tonnes"))
        );
        assert_eq!(revision_range("slt_table3", "lt_net_purchases"), None);
    }

    #[test]
    fn a_month_only_vintage_counts_from_its_release_day() {
        // The January-2025 TIC release (18 March) was out on the 19th, not on the 10th.
        assert!(published_by("tic_facts", "2025-03", "2025-03-19"));
        assert!(published_by("tic_facts", "2025-03", "2025-03-18"));
        assert!(!published_by("tic_facts", "2025-03", "2025-03-10"));
        // Reports dated by month only count from the month's end.
        assert!(!published_by("context_facts", "2024-10", "2024-10-20"));
        assert!(published_by("context_facts", "2024-10", "2024-11-01"));
        // Full dates and other months compare as dates.
        assert!(published_by("mfhhis01", "2025-02-18", "2025-03-19"));
        assert!(!published_by("mfhhis01", "2026-01-15", "2025-03-19"));
        assert!(published_by("slt_table3", "2025-02", "2025-03-19"));
        assert!(!published_by("slt_table3", "2026-06", "2025-03-19"));
    }

    #[test]
    fn sources_md_gives_every_rule_in_the_same_words() {
        const SOURCES_MD: &str = include_str!("../../data/SOURCES.md");
        let flat = SOURCES_MD.split_whitespace().collect::<Vec<_>>().join(" ");
        for r in [
            Rule::Tic,
            Rule::NextBusinessDay,
            Rule::WeeklyMonday,
            Rule::WgcReserves,
            Rule::Reports,
        ] {
            assert!(
                flat.contains(r.words()),
                "data/SOURCES.md lacks: {}",
                r.words()
            );
        }
        for s in crate::catalogue::SOURCES {
            let r = rule(s.id).expect("every bundled source has a calendar");
            assert!(
                flat.contains(&format!("| {} | {} |", s.id, r.words())),
                "data/SOURCES.md's release calendar lacks the row of {}",
                s.id
            );
        }
    }
}
