//! Periods named in the text: months ("January 2025", "in January"),
//! quarters ("Q3 2024", "in Q3 alone", "the third quarter"), years ("in 2024
//! alone"), relative windows ("in just three months", "in the last three
//! weeks") and back-references ("during the same period").

use super::numbers::{CountUnit, word_value};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A month; the year is None when the text leaves it out ("in January").
    Month(Option<i32>, u8),
    Quarter(Option<i32>, u8),
    Year(i32),
    /// A half year: "the first half of 2025", "H2 2024".
    Half(Option<i32>, u8),
    /// "in just three months", "in the last three weeks": N units, anchor unknown.
    Relative(u32, CountUnit),
    /// "over the past six months", "in the last two quarters": N units up to now.
    Recent(u32, CountUnit),
    /// "during the same period", "over the same months".
    Same,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub when: When,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(w: &str) -> Option<u8> {
    let w = w.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w) && w != "may"))
        .or_else(|| (w == "may").then_some(4))
        .map(|i| i as u8 + 1)
}

fn year_of(w: &str) -> Option<i32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || (c == '-' && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn unit_of(w: &str) -> Option<CountUnit> {
    match w.to_ascii_lowercase().trim_end_matches('s') {
        "day" => Some(CountUnit::Day),
        "week" => Some(CountUnit::Week),
        "month" => Some(CountUnit::Month),
        "quarter" => Some(CountUnit::Quarter),
        "year" => Some(CountUnit::Year),
        _ => None,
    }
}

/// True when the text names a span by its two ends ("between X and Y", "from X to Y").
pub fn is_between(text: &str, ms: &[Mention]) -> bool {
    if ms.len() != 2 {
        return false;
    }
    let gap = text[ms[0].range.end..ms[1].range.start]
        .trim()
        .to_ascii_lowercase();
    let before = text[..ms[0].range.start].to_ascii_lowercase();
    (gap == "and" && before.trim_end().ends_with("between"))
        || ((gap == "to" || gap == "through") && before.trim_end().ends_with("from"))
}

/// Every period mention in `text`, in order.
pub fn mentions(text: &str) -> Vec<Mention> {
    let w = words(text);
    let low: Vec<String> = w.iter().map(|(_, s)| s.to_ascii_lowercase()).collect();
    let end = |k: usize| w[k].0 + w[k].1.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let s = low[i].as_str();
        // Quarter: Q3, Q3 2024, 2024 Q3, the third quarter (of 2024)
        let q = s
            .strip_prefix('q')
            .filter(|d| d.len() == 1)
            .and_then(|d| d.parse::<u8>().ok())
            .filter(|d| (1..=4).contains(d));
        if let Some(q) = q {
            let year = low.get(i + 1).and_then(|y| year_of(y));
            let last = if year.is_some() { i + 1 } else { i };
            out.push(Mention {
                range: w[i].0..end(last),
                when: When::Quarter(year, q),
            });
            i = last + 1;
            continue;
        }
        if let (Some((n, true)), Some("quarter")) =
            (word_value(s), low.get(i + 1).map(String::as_str))
            && (1.0..=4.0).contains(&n)
        {
            let mut last = i + 1;
            let mut year = None;
            if low.get(i + 2).is_some_and(|x| x == "of")
                && let Some(y) = low.get(i + 3).and_then(|y| year_of(y))
            {
                year = Some(y);
                last = i + 3;
            }
            out.push(Mention {
                range: w[i].0..end(last),
                when: When::Quarter(year, n as u8),
            });
            i = last + 1;
            continue;
        }
        // Half years: "first half of 2025", "H1 2025"
        let half = match (s, low.get(i + 1).map(String::as_str)) {
            ("first", Some("half")) => Some((1u8, i + 1)),
            ("second", Some("half")) => Some((2u8, i + 1)),
            ("h1", _) => Some((1u8, i)),
            ("h2", _) => Some((2u8, i)),
            _ => None,
        };
        if let Some((h, mut last)) = half {
            let mut year = None;
            if low.get(last + 1).is_some_and(|x| x == "of") {
                year = low.get(last + 2).and_then(|y| year_of(y));
                if year.is_some() {
                    last += 2;
                }
            } else if let Some(y) = low.get(last + 1).and_then(|y| year_of(y)) {
                year = Some(y);
                last += 1;
            }
            out.push(Mention {
                range: w[i].0..end(last),
                when: When::Half(year, h),
            });
            i = last + 1;
            continue;
        }
        // "the end of 2024", "end-2024": the year's last month
        if (s == "end" && low.get(i + 1).is_some_and(|x| x == "of"))
            && let Some(y) = low.get(i + 2).and_then(|y| year_of(y))
        {
            out.push(Mention {
                range: w[i].0..end(i + 2),
                when: When::Month(Some(y), 12),
            });
            i += 3;
            continue;
        }
        if let Some(y) = s.strip_prefix("end-").and_then(year_of) {
            out.push(Mention {
                range: w[i].0..end(i),
                when: When::Month(Some(y), 12),
            });
            i += 1;
            continue;
        }
        if let Some(m) = month_of(s).filter(|_| w[i].1.starts_with(char::is_uppercase)) {
            let year = low.get(i + 1).and_then(|y| year_of(y));
            let last = if year.is_some() { i + 1 } else { i };
            // "May" alone is too often the verb: keep it only with a year.
            if m != 5 || year.is_some() {
                out.push(Mention {
                    range: w[i].0..end(last),
                    when: When::Month(year, m),
                });
            }
            i = last + 1;
            continue;
        }
        if let Some(y) = year_of(s) {
            out.push(Mention {
                range: w[i].0..end(i),
                when: When::Year(y),
            });
            i += 1;
            continue;
        }
        // "that month", "that quarter", "that year": the window just named
        if s == "that"
            && low
                .get(i + 1)
                .is_some_and(|x| matches!(x.as_str(), "month" | "quarter" | "year" | "period"))
        {
            out.push(Mention {
                range: w[i].0..end(i + 1),
                when: When::Same,
            });
            i += 2;
            continue;
        }
        // "in just three months", "in the last three weeks", "over the past two years", "in weeks"
        if matches!(s, "in" | "over" | "within" | "during" | "for") {
            let mut k = i + 1;
            let recent = low.get(k..(k + 3).min(low.len())).is_some_and(|x| {
                x.iter()
                    .any(|y| matches!(y.as_str(), "last" | "past" | "previous"))
            });
            while low.get(k).is_some_and(|x| {
                matches!(
                    x.as_str(),
                    "just" | "only" | "the" | "last" | "past" | "a" | "mere" | "previous"
                )
            }) {
                k += 1;
            }
            let n = low.get(k).and_then(|x| {
                x.parse::<u32>()
                    .ok()
                    .or_else(|| word_value(x).filter(|v| !v.1).map(|v| v.0 as u32))
            });
            // A count of periods, not a year: "in 2025 months" is no window.
            let n = n.filter(|n| (1..=60).contains(n));
            if let Some(n) = n
                && let Some(u) = low.get(k + 1).and_then(|x| unit_of(x))
                && !low.get(k + 1).is_some_and(|x| x.ends_with("-month"))
            {
                // "for three straight months" is a streak, not a window.
                let calendar = !matches!(u, CountUnit::Day | CountUnit::Week);
                out.push(Mention {
                    range: w[i].0..end(k + 1),
                    when: if recent && calendar {
                        When::Recent(n, u)
                    } else {
                        When::Relative(n, u)
                    },
                });
                i = k + 2;
                continue;
            }
            if low.get(k).is_some_and(|x| x == "same")
                && low
                    .get(k + 1)
                    .and_then(|x| unit_of(x).map(|_| ()).or((x == "period").then_some(())))
                    .is_some()
            {
                out.push(Mention {
                    range: w[i].0..end(k + 1),
                    when: When::Same,
                });
                i = k + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whens(t: &str) -> Vec<When> {
        mentions(t).into_iter().map(|m| m.when).collect()
    }

    #[test]
    fn months_quarters_years() {
        assert_eq!(
            whens("January 2025: $13.3 billion"),
            vec![When::Month(Some(2025), 1)]
        );
        assert_eq!(
            whens("the largest seller in January"),
            vec![When::Month(None, 1)]
        );
        assert_eq!(whens("in Q3 alone"), vec![When::Quarter(None, 3)]);
        assert_eq!(whens("in Q4 2024"), vec![When::Quarter(Some(2024), 4)]);
        assert_eq!(
            whens("in the third quarter of 2023"),
            vec![When::Quarter(Some(2023), 3)]
        );
        assert_eq!(
            whens("In 2024 alone, central banks"),
            vec![When::Year(2024)]
        );
        assert_eq!(whens("they may sell"), vec![]);
        assert_eq!(
            whens("Over the first half of 2025, the"),
            vec![When::Half(Some(2025), 1)]
        );
        assert_eq!(
            whens("876 tonnes at the end of 2024"),
            vec![When::Month(Some(2024), 12)]
        );
        assert_eq!(
            whens("between September 2024 and January 2025"),
            vec![When::Month(Some(2024), 9), When::Month(Some(2025), 1)]
        );
    }

    #[test]
    fn relative_windows_and_back_references() {
        assert_eq!(
            whens("in just three months"),
            vec![When::Relative(3, CountUnit::Month)]
        );
        assert_eq!(
            whens("In the last three weeks, the"),
            vec![When::Relative(3, CountUnit::Week)]
        );
        assert_eq!(
            whens("dumped $51.3 billion during the same period"),
            vec![When::Same]
        );
        assert_eq!(whens("for three straight months"), vec![]);
        assert_eq!(
            whens("Over the past six months, foreigners"),
            vec![When::Recent(6, CountUnit::Month)]
        );
        assert_eq!(whens("of any country that month"), vec![When::Same]);
        assert_eq!(whens("of any country that month"), vec![When::Same]);
    }
}
