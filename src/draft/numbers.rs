//! Amounts in the text: money with scale words, percentages, tonnes, and
//! counts written in digits or words ("three straight months", "15-month",
//! "third consecutive year", "second-largest").

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// US dollars; the value is in billions.
    Money,
    /// Percent (or percentage points when `points`).
    Percent { points: bool },
    /// Metric tonnes (the text may say tons).
    Tonnes,
    /// A count of periods: "three straight months", "15-month streak", "third consecutive year".
    Count { unit: CountUnit, ordinal: bool },
    /// A rank: "second-largest" (2), "largest" is not a number and is left to comparisons.
    Rank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountUnit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub range: Range<usize>,
    pub value: f64,
    pub kind: Kind,
}

pub use crate::claims::quoted::word_value;

fn count_unit(w: &str) -> Option<CountUnit> {
    let w = w.to_ascii_lowercase();
    let w = w.trim_end_matches('s');
    Some(match w {
        "day" => CountUnit::Day,
        "week" => CountUnit::Week,
        "month" => CountUnit::Month,
        "quarter" => CountUnit::Quarter,
        "year" => CountUnit::Year,
        _ => return None,
    })
}

/// Scale of a word relative to billions.
fn scale(w: &str) -> Option<f64> {
    Some(match w.to_ascii_lowercase().as_str() {
        "thousand" => 1e-6,
        "million" | "mn" | "m" => 1e-3,
        "billion" | "bn" | "b" => 1.0,
        "trillion" | "tn" | "t" => 1e3,
        _ => return None,
    })
}

/// A token: a run of letters/digits with inner `.` `,` `-` `'` kept.
#[derive(Debug, Clone)]
struct Tok<'a> {
    s: &'a str,
    at: usize,
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|x| x.1);
        let inner = matches!(c, '.' | ',' | '-' | '\'')
            && start.is_some()
            && next.is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || c == '$' || c == '%' || inner {
            if c == '%' || c == '$' {
                if let Some(s) = start.take() {
                    out.push(Tok {
                        s: &text[s..i],
                        at: s,
                    });
                }
                out.push(Tok {
                    s: &text[i..i + 1],
                    at: i,
                });
                continue;
            }
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Tok {
                s: &text[s..i],
                at: s,
            });
        }
    }
    if let Some(s) = start {
        out.push(Tok {
            s: &text[s..],
            at: s,
        });
    }
    out
}

fn parse_digits(s: &str) -> Option<f64> {
    let first = s.chars().next()?;
    if !first.is_ascii_digit() {
        return None;
    }
    let cleaned: String = s.chars().filter(|c| *c != ',').collect();
    if !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    cleaned.parse().ok()
}

fn is_year(v: f64, s: &str) -> bool {
    !s.contains([',', '.']) && (1900.0..=2100.0).contains(&v)
}

/// Every amount in `text`, in order.
pub fn amounts(text: &str) -> Vec<Amount> {
    let toks = tokens(text);
    let lower: Vec<String> = toks.iter().map(|t| t.s.to_ascii_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let dollar = t.s == "$";
        let at = if dollar { i + 1 } else { i };
        let Some(tok) = toks.get(at) else { break };
        let end_of = |k: usize| toks[k].at + toks[k].s.len();
        // "15-month", "second-largest", "three-month"
        if let Some((num, rest)) = tok.s.split_once('-') {
            let v = parse_digits(num)
                .map(|v| (v, false))
                .or_else(|| word_value(num));
            if let (Some((v, ord)), false) = (v, dollar) {
                let rest_l = rest.to_ascii_lowercase();
                if let Some(unit) = count_unit(&rest_l) {
                    out.push(Amount {
                        range: tok.at..end_of(at),
                        value: v,
                        kind: Kind::Count { unit, ordinal: ord },
                    });
                } else if ord
                    && (rest_l.starts_with("larg")
                        || rest_l.starts_with("bigg")
                        || rest_l.starts_with("high")
                        || rest_l.starts_with("low")
                        || rest_l.starts_with("small"))
                {
                    out.push(Amount {
                        range: tok.at..end_of(at),
                        value: v,
                        kind: Kind::Rank,
                    });
                }
                i = at + 1;
                continue;
            }
        }
        let digits = parse_digits(tok.s);
        let word = if digits.is_none() {
            word_value(tok.s)
        } else {
            None
        };
        let a_scale = (lower[at] == "a" || lower[at] == "one")
            && lower.get(at + 1).and_then(|w| scale(w)).is_some();
        if digits.is_none() && word.is_none() && !a_scale {
            i += 1;
            continue;
        }
        let (mut value, ordinal) = match (digits, word) {
            (Some(v), _) => (v, false),
            (None, Some(w)) => w,
            _ => (1.0, false),
        };
        let mut k = at + 1;
        let mut scaled = false;
        if let Some(sc) = lower.get(k).and_then(|w| scale(w)) {
            value *= sc;
            scaled = true;
            k += 1;
        }
        let next = lower.get(k).map(String::as_str);
        let kind = if dollar
            || (scaled && matches!(next, Some("dollars" | "dollar" | "usd")))
            || (scaled && a_scale)
        {
            if !scaled {
                value /= 1e9;
            }
            if matches!(next, Some("dollars" | "dollar" | "usd")) {
                k += 1;
            }
            Some(Kind::Money)
        } else if matches!(next, Some("%" | "percent" | "per")) {
            let points = matches!(next, Some("percentage"))
                || lower
                    .get(k + 1)
                    .is_some_and(|w| w == "point" || w == "points");
            k += 1;
            if next == Some("per") {
                k += 1;
            }
            Some(Kind::Percent { points })
        } else if matches!(next, Some("percentage")) {
            k += 2;
            Some(Kind::Percent { points: true })
        } else if matches!(next, Some("tons" | "tonnes" | "ton" | "tonne" | "t")) && !scaled {
            k += 1;
            Some(Kind::Tonnes)
        } else if let Some(unit) = next.and_then(count_unit) {
            k += 1;
            Some(Kind::Count { unit, ordinal })
        } else if !scaled
            && word.is_some()
            && lower.get(k + 1).and_then(|w| count_unit(w)).is_some()
            && matches!(
                next,
                Some("straight" | "consecutive" | "successive" | "full" | "more" | "whole")
            )
        {
            let unit = count_unit(&lower[k + 1]);
            k += 2;
            unit.map(|unit| Kind::Count { unit, ordinal })
        } else if ordinal
            && next.is_some_and(|n| {
                n.starts_with("larg") || n.starts_with("bigg") || n.starts_with("high")
            })
        {
            Some(Kind::Rank)
        } else {
            None
        };
        // "first tons" is no amount: ordinals count periods or rank, they do not measure.
        let kind = kind.filter(|k| !ordinal || matches!(k, Kind::Count { .. } | Kind::Rank));
        match kind {
            Some(kind) => {
                if digits.is_some()
                    && !dollar
                    && is_year(value, tok.s)
                    && !matches!(kind, Kind::Tonnes | Kind::Money)
                {
                    i = at + 1;
                    continue;
                }
                let start = if dollar { t.at } else { tok.at };
                let end = end_of((k - 1).max(at));
                let end = if kind == Kind::Rank { end_of(at) } else { end };
                out.push(Amount {
                    range: start..end,
                    value,
                    kind,
                });
                i = k;
            }
            None => i = at + 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(t: &str) -> (f64, Kind, &str) {
        let a = amounts(t);
        assert_eq!(a.len(), 1, "{t}: {a:?}");
        (a[0].value, a[0].kind, &t[a[0].range.clone()])
    }

    #[test]
    fn money_with_scale_words() {
        assert_eq!(one("offloaded $61.9 billion worth").0, 61.9);
        assert_eq!(one("Holding over $1.1 trillion worth").0, 1100.0);
        assert_eq!(
            one("holding over a trillion dollars in U.S. debt").0,
            1000.0
        );
        assert_eq!(one("sold $750 million").0, 0.75);
        let (v, k, s) = one("lost $5 trillion.");
        assert_eq!((v, k, s), (5000.0, Kind::Money, "$5 trillion"));
    }

    #[test]
    fn tonnes_percent_and_thousands_separators() {
        assert_eq!(
            one("added 1,045 tons of gold"),
            (1045.0, Kind::Tonnes, "1,045 tons")
        );
        assert_eq!(one("yield rose to 4.57%").0, 4.57);
        assert_eq!(
            one("up 0.5 percentage points").1,
            Kind::Percent { points: true }
        );
        assert_eq!(one("fell 3 percent").1, Kind::Percent { points: false });
    }

    #[test]
    fn counts_ranks_and_years_left_out() {
        let (v, k, _) = one("sold for three straight months");
        assert_eq!(
            (v, k),
            (
                3.0,
                Kind::Count {
                    unit: CountUnit::Month,
                    ordinal: false
                }
            )
        );
        let (v, k, _) = one("breaking a 15-month streak");
        assert_eq!(
            (v, k),
            (
                15.0,
                Kind::Count {
                    unit: CountUnit::Month,
                    ordinal: false
                }
            )
        );
        let (v, k, _) = one("the third consecutive year that");
        assert_eq!(
            (v, k),
            (
                3.0,
                Kind::Count {
                    unit: CountUnit::Year,
                    ordinal: true
                }
            )
        );
        assert_eq!(one("the second-largest quarterly drop").0, 2.0);
        assert_eq!(one("the second largest drop").1, Kind::Rank);
        assert!(amounts("In 2024 alone, January 2025 and Q3").is_empty());
    }
}
