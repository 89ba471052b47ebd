//! One way to write numbers and months on every surface (no terminal types).
//!
//! Every measure has a display unit: dollar amounts in USD billions with one
//! decimal, rates in percent (their changes in percentage points), gold in
//! tonnes, indices in points. [`unit_for`] maps a publisher's unit to it;
//! levels, changes and gaps are then written with the same precision and
//! thousands separators wherever they appear.

use crate::data::Period;

/// How the values of one published unit are shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DisplayUnit {
    /// Short label written after a level (`USD bn`, `%`, `t`).
    pub label: &'static str,
    /// Label written after a change or gap (`USD bn`, `pp`).
    pub change_label: &'static str,
    /// The unit in words, for headers (`USD billions`).
    pub name: &'static str,
    /// Published value × factor = displayed value.
    pub factor: f64,
    pub decimals: usize,
}

const USD_BN: DisplayUnit = DisplayUnit {
    label: "USD bn",
    change_label: "USD bn",
    name: "USD billions",
    factor: 1.0,
    decimals: 1,
};

/// The display unit of values published in `unit`.
pub fn unit_for(unit: &str) -> DisplayUnit {
    let u = unit.trim();
    let usd = |factor| DisplayUnit { factor, ..USD_BN };
    match u {
        "USD billions" | "USD billion" => usd(1.0),
        "USD millions" | "USD million" => usd(1e-3),
        "USD thousands" | "USD thousand" => usd(1e-6),
        // Every dollar amount in billions, also where the publisher or the
        // claim's words use trillions (a claim may quote "$1.1 trillion").
        "USD trillion" | "USD trillions" => usd(1e3),
        "percent" | "%" => DisplayUnit {
            label: "%",
            change_label: "pp",
            name: "percent",
            factor: 1.0,
            decimals: 2,
        },
        "tonnes" => DisplayUnit {
            label: "t",
            change_label: "t",
            name: "tonnes",
            factor: 1.0,
            decimals: 1,
        },
        "tonnes per year" => DisplayUnit {
            label: "t/yr",
            change_label: "t/yr",
            name: "tonnes per year",
            factor: 1.0,
            decimals: 1,
        },
        "index points" => DisplayUnit {
            label: "pts",
            change_label: "pts",
            name: "index points",
            factor: 1.0,
            decimals: 2,
        },
        _ if u.starts_with("index") => DisplayUnit {
            label: "pts",
            change_label: "pts",
            name: "index (Jan 2006 = 100)",
            factor: 1.0,
            decimals: 2,
        },
        _ if u.starts_with("times") => DisplayUnit {
            label: "× earnings",
            change_label: "× earnings",
            name: "times earnings",
            factor: 1.0,
            decimals: 1,
        },
        "" => DisplayUnit {
            label: "",
            change_label: "",
            name: "",
            factor: 1.0,
            decimals: 0,
        },
        _ => DisplayUnit {
            label: "",
            change_label: "",
            name: "",
            factor: 1.0,
            decimals: 2,
        },
    }
}

fn attach(number: String, label: &str) -> String {
    match label {
        "" => number,
        "%" => format!("{number}%"),
        l => format!("{number} {l}"),
    }
}

impl DisplayUnit {
    /// The unit of a change in words, for headers (`percentage points` for a rate).
    pub fn change_name(&self) -> &'static str {
        if self.change_label == "pp" {
            "percentage points"
        } else {
            self.name
        }
    }

    /// A published value in this display unit.
    pub fn convert(&self, v: f64) -> f64 {
        v * self.factor
    }

    /// The number of a published value, converted, without a label (`1,091.0`).
    pub fn number(&self, v: f64) -> String {
        if self.name.is_empty() && self.decimals == 0 {
            return number(v);
        }
        group(self.convert(v), self.decimals)
    }

    /// A published level with its label (`1,091.0 USD bn`, `4.57%`).
    pub fn level(&self, v: f64) -> String {
        attach(self.number(v), self.label)
    }

    /// A published change, signed, with its label (`+8.6 USD bn`, `-0.45 pp`).
    pub fn change(&self, v: f64) -> String {
        attach(self.signed_number(v), self.change_label)
    }

    /// The signed number of a change, without a label (`+8.6`).
    pub fn signed_number(&self, v: f64) -> String {
        let n = self.number(v);
        if v > 0.0 && n.chars().any(|c| c.is_ascii_digit() && c != '0') {
            format!("+{n}")
        } else {
            n
        }
    }
}

/// A value in the display unit of `unit` with its label.
pub fn level(v: f64, unit: &str) -> String {
    unit_for(unit).level(v)
}

/// A change or gap in the display unit of `unit`, signed, with its label.
pub fn change(v: f64, unit: &str) -> String {
    unit_for(unit).change(v)
}

/// `v` with `decimals` decimals and thousands separators (`-1,060.3`); `n/a` for NaN.
pub fn group(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "n/a".into();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::with_capacity(s.len() + int.len() / 3 + 1);
    let zero = s.bytes().all(|b| b == b'0' || b == b'.');
    if v < 0.0 && !zero {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A count or a number without a unit: whole numbers as they are, others with up to two decimals.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        group(v, 0)
    } else {
        let s = group(v, 2);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }
}

/// A number with up to three decimals and no grouping, for machine-read text (`-29.136`).
pub fn plain(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A gap (observed − claimed) in the display unit of `unit`, with its share of the claimed
/// number when there is one: `-0.5 USD bn (-0.7%)`.
pub fn gap(absolute: f64, relative: Option<f64>, unit: &str) -> String {
    let abs = change(absolute, unit);
    match relative {
        Some(r) => format!("{abs} ({})", percent_share(r)),
        None => abs,
    }
}

/// A share as a signed percentage with one decimal (`+1.9%`).
pub fn percent_share(r: f64) -> String {
    format!("{:+.1}%", r * 100.0)
}

/// A number that is already a percentage, unsigned, with `decimals` decimals (`47.1%`).
pub fn percent(v: f64, decimals: usize) -> String {
    format!("{}%", group(v, decimals))
}

/// A period as written on every surface: ISO months (`2026-04`), quarters, years, days.
pub fn period(p: &Period) -> String {
    p.to_string()
}

/// Round tick values covering `[lo, hi]` in about `intervals` steps of 1, 2, 2.5 or 5 × 10ⁿ:
/// (ticks, axis low, axis high). Zero is a tick whenever the range spans it.
pub fn nice_ticks(lo: f64, hi: f64, intervals: usize) -> (Vec<f64>, f64, f64) {
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON * hi.abs().max(1.0) {
        let pad = (lo.abs() * 0.1).max(1.0);
        (lo - pad, hi + pad)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / intervals.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let (first, last) = ((lo / step).floor() as i64, (hi / step).ceil() as i64);
    let ticks = (first..=last).map(|i| i as f64 * step).collect();
    (ticks, first as f64 * step, last as f64 * step)
}

/// A tick value with the decimals its step needs (`2.5`, `-1,000`, `0`).
pub fn tick(v: f64, step: f64) -> String {
    let decimals = (0..=4)
        .find(|d| {
            let x = step.abs() * 10f64.powi(*d);
            (x - x.round()).abs() < 1e-6 * x.max(1.0)
        })
        .unwrap_or(4) as usize;
    group(v, decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_grouped_and_never_minus_zero() {
        assert_eq!(percent(47.06, 1), "47.1%");
        assert_eq!(percent(58.6, 0), "59%");
        assert_eq!(percent(-0.01, 1), "0.0%");
        assert_eq!(percent(1234.5, 1), "1,234.5%");
    }

    #[test]
    fn dollars_are_billions_with_one_decimal() {
        assert_eq!(level(-29_136.0, "USD millions"), "-29.1 USD bn");
        assert_eq!(level(1_091.0, "USD billions"), "1,091.0 USD bn");
        assert_eq!(level(1_234_567.0, "USD millions"), "1,234.6 USD bn");
        assert_eq!(change(8_576.0, "USD millions"), "+8.6 USD bn");
        assert_eq!(change(-0.01, "USD billions"), "0.0 USD bn");
        assert_eq!(level(-0.0, "USD millions"), "0.0 USD bn");
    }

    #[test]
    fn rates_levels_in_percent_changes_in_points() {
        assert_eq!(level(4.567, "percent"), "4.57%");
        assert_eq!(change(0.45, "percent"), "+0.45 pp");
        assert_eq!(change(-1.2, "percent"), "-1.20 pp");
    }

    #[test]
    fn tonnes_and_index_points() {
        assert_eq!(level(2_279.56, "tonnes"), "2,279.6 t");
        assert_eq!(level(5_618.26, "index points"), "5,618.26 pts");
        assert_eq!(level(121.5, "index, Jan 2006 = 100"), "121.50 pts");
    }

    #[test]
    fn bare_numbers() {
        assert_eq!(number(1_234_567.0), "1,234,567");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-3.5), "-3.5");
        assert_eq!(plain(-29.1364), "-29.136");
        assert_eq!(plain(-0.0), "0");
        assert_eq!(group(f64::NAN, 1), "n/a");
        assert_eq!(percent_share(-0.0186), "-1.9%");
    }

    #[test]
    fn ticks_are_round_include_zero_and_cover_the_range() {
        let (t, lo, hi) = nice_ticks(-29.1, 12.3, 5);
        assert_eq!((lo, hi), (-30.0, 20.0));
        assert_eq!(t, vec![-30.0, -20.0, -10.0, 0.0, 10.0, 20.0]);
        let (t, lo, hi) = nice_ticks(5.0, 5.0, 5);
        assert!(lo < 5.0 && hi > 5.0 && t.len() >= 2);
        assert_eq!(tick(2.5, 2.5), "2.5");
        assert_eq!(tick(-1000.0, 500.0), "-1,000");
        assert_eq!(tick(0.0, 0.25), "0.00");
    }

    #[test]
    fn months_are_iso() {
        assert_eq!(period(&Period::month(2026, 4)), "2026-04");
    }
}
