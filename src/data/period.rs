//! Periods of observations: a year, a quarter, a month, a day, or a span
//! between two of those (`2025-02-19/2025-03-13`, ISO 8601 interval style).

use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// One point on the calendar at the resolution a publisher used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stamp {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
    Day(NaiveDate),
}

/// A period: a single stamp (`start == end`) or a span from `start` to `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub start: Stamp,
    pub end: Stamp,
}

impl Stamp {
    /// Months since year 0 for a month stamp.
    pub fn month_index(self) -> Option<i32> {
        match self {
            Stamp::Month(y, m) => Some(y * 12 + i32::from(m) - 1),
            _ => None,
        }
    }

    /// The first calendar day the stamp covers.
    pub fn first_day(self) -> NaiveDate {
        let d = match self {
            Stamp::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Stamp::Quarter(y, q) => NaiveDate::from_ymd_opt(y, u32::from(q) * 3 - 2, 1),
            Stamp::Month(y, m) => NaiveDate::from_ymd_opt(y, u32::from(m), 1),
            Stamp::Day(d) => Some(d),
        };
        d.unwrap_or(NaiveDate::MIN)
    }

    /// The last calendar day the stamp covers.
    pub fn last_day(self) -> NaiveDate {
        let next_first = match self {
            Stamp::Year(y) => NaiveDate::from_ymd_opt(y + 1, 1, 1),
            Stamp::Quarter(y, q) => {
                if q == 4 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, u32::from(q) * 3 + 1, 1)
                }
            }
            Stamp::Month(y, m) => {
                if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, u32::from(m) + 1, 1)
                }
            }
            Stamp::Day(d) => return d,
        };
        next_first
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stamp::Year(y) => write!(f, "{y:04}"),
            Stamp::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Stamp::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Stamp::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl FromStr for Stamp {
    type Err = String;

    /// Parses `YYYY`, `YYYY-Qn`, `YYYY-MM` or `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let expected =
            || format!("expected a period as YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, found {s:?}");
        let b = s.as_bytes();
        let year = |t: &str| -> Option<i32> {
            (t.len() == 4 && t.bytes().all(|c| c.is_ascii_digit())).then(|| t.parse().ok())?
        };
        match b.len() {
            4 => year(s).map(Stamp::Year).ok_or_else(expected),
            7 if b[4] == b'-' && b[5] == b'Q' => {
                let y = year(&s[..4]).ok_or_else(expected)?;
                match b[6] {
                    b'1'..=b'4' => Ok(Stamp::Quarter(y, b[6] - b'0')),
                    _ => Err(expected()),
                }
            }
            7 if b[4] == b'-' => {
                let y = year(&s[..4]).ok_or_else(expected)?;
                let m: u8 = s[5..]
                    .parse()
                    .ok()
                    .filter(|m| (1..=12).contains(m) && s[5..].bytes().all(|c| c.is_ascii_digit()))
                    .ok_or_else(expected)?;
                Ok(Stamp::Month(y, m))
            }
            10 if b[4] == b'-' && b[7] == b'-' => {
                let num = |t: &str| -> Option<u32> {
                    t.bytes()
                        .all(|c| c.is_ascii_digit())
                        .then(|| t.parse().ok())?
                };
                let y = year(&s[..4]).ok_or_else(expected)?;
                let (m, d) = (num(&s[5..7]), num(&s[8..]));
                m.zip(d)
                    .and_then(|(m, d)| NaiveDate::from_ymd_opt(y, m, d))
                    .map(Stamp::Day)
                    .ok_or_else(expected)
            }
            _ => Err(expected()),
        }
    }
}

impl Period {
    pub fn single(stamp: Stamp) -> Self {
        Period {
            start: stamp,
            end: stamp,
        }
    }

    pub fn span(start: Stamp, end: Stamp) -> Self {
        Period { start, end }
    }

    pub fn month(year: i32, month: u8) -> Self {
        Self::single(Stamp::Month(year, month))
    }

    pub fn year(year: i32) -> Self {
        Self::single(Stamp::Year(year))
    }

    pub fn day(date: NaiveDate) -> Self {
        Self::single(Stamp::Day(date))
    }

    /// The month with the given index (see [`Stamp::month_index`]).
    pub fn from_month_index(index: i32) -> Self {
        Self::month(index.div_euclid(12), (index.rem_euclid(12) + 1) as u8)
    }

    pub fn is_span(&self) -> bool {
        self.start != self.end
    }

    /// Month index when this period is a single month.
    pub fn month_index(&self) -> Option<i32> {
        if self.is_span() {
            None
        } else {
            self.start.month_index()
        }
    }

    /// The month `n` months after this one (negative goes back); `None` when not a month.
    pub fn add_months(&self, n: i32) -> Option<Period> {
        self.month_index().map(|i| Self::from_month_index(i + n))
    }

    pub fn first_day(&self) -> NaiveDate {
        self.start.first_day()
    }

    pub fn last_day(&self) -> NaiveDate {
        self.end.last_day()
    }

    /// True when the whole of `self` lies within `[from, to]` (by calendar days).
    pub fn within(&self, from: &Period, to: &Period) -> bool {
        // Months compare as month numbers, without making dates.
        if let (Some(a), Some(b), Some(f), Some(t)) = (
            self.start.month_index(),
            self.end.month_index(),
            from.start.month_index(),
            to.end.month_index(),
        ) {
            return a >= f && b <= t;
        }
        self.first_day() >= from.first_day() && self.last_day() <= to.last_day()
    }

    /// Label for axes and headers, the same as everywhere else: `2024-09`, `2024-Q3`, `2024`.
    pub fn short_label(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_span() {
            write!(f, "{}/{}", self.start, self.end)
        } else {
            self.start.fmt(f)
        }
    }
}

impl Period {
    /// Parses a period, with a fast path for the common `YYYY-MM` and
    /// `YYYY-MM-DD` forms (start-up parses some 190,000 of them).
    pub fn parse_fast(s: &str) -> Result<Period, String> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            b.get(r)?.iter().try_fold(0u32, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        let fast = match b.len() {
            7 if b[4] == b'-' => digits(0..4)
                .zip(digits(5..7))
                .filter(|(_, m)| (1..=12).contains(m))
                .map(|(y, m)| Period::month(y as i32, m as u8)),
            10 if b[4] == b'-' && b[7] == b'-' => {
                match (digits(0..4), digits(5..7), digits(8..10)) {
                    (Some(y), Some(m), Some(d)) => {
                        NaiveDate::from_ymd_opt(y as i32, m, d).map(Period::day)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match fast {
            Some(p) => Ok(p),
            None => s.parse(),
        }
    }
}

impl FromStr for Period {
    type Err = String;

    /// Parses a stamp, or two stamps joined by `/` for a span.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once('/') {
            Some((a, b)) => {
                let (a, b): (Stamp, Stamp) = (a.parse()?, b.parse()?);
                if a > b {
                    return Err(format!("span {s:?} ends before it starts"));
                }
                Ok(Period::span(a, b))
            }
            None => s.parse().map(Period::single),
        }
    }
}

/// Month number (1-12) from an English month abbreviation such as `Sep`.
pub fn month_from_abbrev(s: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = s.trim().to_ascii_lowercase();
    NAMES
        .iter()
        .position(|n| lower.starts_with(n))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_every_form() {
        for s in [
            "2024",
            "2024-Q3",
            "2024-09",
            "2025-02-19",
            "2025-02-19/2025-03-13",
            "2024-Q1/2024-Q3",
            "2010/2021",
        ] {
            let p: Period = s.parse().unwrap();
            assert_eq!(p.to_string(), s);
        }
    }

    #[test]
    fn fast_parse_agrees_with_from_str() {
        for s in [
            "2024-09",
            "2025-02-19",
            "2024",
            "2024-Q3",
            "2024-13",
            "2025-02-30",
            "20a4-01",
            "2024-Q1/2024-Q3",
        ] {
            assert_eq!(Period::parse_fast(s), s.parse::<Period>(), "{s}");
        }
    }

    proptest::proptest! {
        /// Any text of a month's or a day's length, digits or not, parses
        /// as the full parser parses it.
        #[test]
        fn fast_parse_agrees_with_from_str_on_any_short_text(
            s in "[0-9]{4}-[0-9]{2}(-[0-9]{2})?|[0-9 a/Q-]{7}|[0-9 a/-]{10}|[0-9]{4}-1[0-9]|[0-9]{4}-0[0-9]-[0-3][0-9]",
        ) {
            proptest::prop_assert_eq!(Period::parse_fast(&s), s.parse::<Period>(), "{}", s);
        }
    }

    #[test]
    fn rejects_malformed_periods() {
        for s in [
            "",
            "24",
            "2024-13",
            "2024-00",
            "2024-Q5",
            "2024-9",
            "2025-02-30",
            "2025-03/2025-01",
            "abcd",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s} should not parse");
        }
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        let p = Period::month(2024, 11);
        assert_eq!(p.add_months(2).unwrap().to_string(), "2025-01");
        assert_eq!(p.add_months(-11).unwrap().to_string(), "2023-12");
    }

    #[test]
    fn calendar_bounds() {
        let q: Period = "2024-Q3".parse().unwrap();
        assert_eq!(q.first_day().to_string(), "2024-07-01");
        assert_eq!(q.last_day().to_string(), "2024-09-30");
        let m = Period::month(2024, 2);
        assert_eq!(m.last_day().to_string(), "2024-02-29");
        assert!(m.within(&"2024".parse().unwrap(), &"2024".parse().unwrap()));
    }

    #[test]
    fn month_abbreviations() {
        assert_eq!(month_from_abbrev("Sep"), Some(9));
        assert_eq!(month_from_abbrev(" Dec "), Some(12));
        assert_eq!(month_from_abbrev("Series"), None);
    }
}
