//! Metrics computed from the Dataset: levels, window sums, ranks, records,
//! streaks and first crossings. Each returns the evidence cells it used.

use super::verdict::Cell;
use crate::data::{Dataset, Period, Series, Stamp, Vintage};
use std::collections::BTreeMap;

/// The derived Form S measure: net purchases of Treasury bonds & notes = gross purchases [1] − gross sales [7].
pub const FORM_S_NET: &str = "net_purchases_treas_bonds_notes";

/// A published value used in a computation: a point of a series. Turned into
/// an owned [`Cell`] only for the evidence a result keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellRef<'a> {
    pub series: &'a Series,
    pub point: &'a crate::data::Point,
}

impl CellRef<'_> {
    pub fn to_cell(&self) -> Cell {
        let (s, p) = (self.series, self.point);
        Cell {
            source: s.source.clone(),
            measure: s.measure.clone(),
            entity: s.entity.clone(),
            period: p.period,
            value: p.value,
            unit: s.unit.clone(),
            vintage: p.vintage.to_string(),
            stand_in: false,
            url: p.source_url.as_deref().map(str::to_string),
        }
    }
}

/// Owned evidence cells of a list of references.
pub fn to_cells(refs: &[CellRef]) -> Vec<Cell> {
    refs.iter().map(CellRef::to_cell).collect()
}

/// A number with the cells it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Valued<'a> {
    pub value: f64,
    pub cells: Cells<'a>,
}

/// The cells behind a number: one or two kept in place (a value, a net of
/// purchases and sales), more on the heap (a sum over a window or a bloc).
/// A series (or derived measure) as values by period.
pub type Values<'a> = super::period_map::PeriodMap<Valued<'a>>;

pub type Cells<'a> = smallvec::SmallVec<[CellRef<'a>; 2]>;

fn cell<'a>(series: &'a Series, point: &'a crate::data::Point) -> CellRef<'a> {
    CellRef { series, point }
}

/// Factor converting `from` units into `to` units (`USD millions` → `USD billions` = 0.001).
pub fn unit_factor(from: &str, to: &str) -> Option<f64> {
    if from == to {
        return Some(1.0);
    }
    fn usd_scale(u: &str) -> Option<f64> {
        let rest = u.strip_prefix("USD ")?;
        match rest.trim_end_matches('s') {
            "million" => Some(1e6),
            "billion" => Some(1e9),
            "trillion" => Some(1e12),
            _ => None,
        }
    }
    Some(usd_scale(from)? / usd_scale(to)?)
}

/// The unit a claim's values are shown in, given the series' unit and the unit the
/// claims file names: the same unit, another USD scale, or an alias of the series'
/// unit (`index` for any index unit, `%`/`pct` for percent, `t`/`tonne` for tonnes).
pub fn resolve_unit(series_unit: &str, wanted: &str) -> Option<String> {
    if wanted.is_empty() || wanted == series_unit {
        return Some(series_unit.to_string());
    }
    if unit_factor(series_unit, wanted).is_some() {
        return Some(wanted.to_string());
    }
    let w = wanted.trim().to_ascii_lowercase();
    let su = series_unit.to_ascii_lowercase();
    let alias = match w.as_str() {
        "index" | "index points" | "points" => su.starts_with("index"),
        "%" | "pct" | "percent" | "per cent" => su == "percent",
        "t" | "tonne" | "tonnes" | "tons" => su == "tonnes",
        _ => false,
    };
    alias.then(|| series_unit.to_string())
}

/// A monthly (or other) series as (period → value, cells), from a stored or derived measure.
pub fn points<'a>(
    ds: &'a Dataset,
    source: &str,
    measure: &str,
    entity: &str,
    view: &Vintage,
) -> Option<(String, Values<'a>)> {
    if source == "s1_globl" && measure == FORM_S_NET {
        let buys = ds.series(source, "gross_purchases_treas_bonds_notes", entity)?;
        let sells = ds.series(source, "gross_sales_treas_bonds_notes", entity)?;
        let sells_by: BTreeMap<Period, &crate::data::Point> = sells
            .view(view)
            .into_iter()
            .map(|p| (p.period, p))
            .collect();
        let mut out = Values::new();
        for b in buys.view(view) {
            if let Some(s) = sells_by.get(&b.period) {
                out.insert(
                    b.period,
                    Valued {
                        value: b.value - s.value,
                        cells: smallvec::smallvec![cell(buys, b), cell(sells, s)],
                    },
                );
            }
        }
        return Some((buys.unit.clone(), out));
    }
    let s = ds.series(source, measure, entity)?;
    let map = s
        .view(view)
        .into_iter()
        .map(|p| {
            (
                p.period,
                Valued {
                    value: p.value,
                    cells: smallvec::smallvec![cell(s, p)],
                },
            )
        })
        .collect();
    Some((s.unit.clone(), map))
}

/// The level of a period: its own value, or the mean of the finer values inside it
/// (e.g. a monthly mean of daily closes).
pub fn level<'a>(map: &Values<'a>, period: &Period) -> Option<Valued<'a>> {
    if let Some(v) = map.get(period) {
        return Some(v.clone());
    }
    let inside: Vec<&Valued> = map
        .starting_between(period.first_day(), period.last_day())
        .filter(|(p, _)| p.within(period, period))
        .map(|(_, v)| v)
        .collect();
    if inside.is_empty() {
        return None;
    }
    let mean = inside.iter().map(|v| v.value).sum::<f64>() / inside.len() as f64;
    let cells = inside
        .iter()
        .flat_map(|v| v.cells.iter().cloned())
        .collect();
    Some(Valued { value: mean, cells })
}

/// The month a decimal year stands for (2011.75 = 2011-10), the inverse of how
/// the engine writes a month-valued result as a number.
pub fn month_of_decimal_year(v: f64) -> Period {
    let year = v.floor();
    let month = ((v - year) * 12.0).round() as i32;
    Period::from_month_index(year as i32 * 12 + month.clamp(0, 11))
}

/// Months from `from` to `to` inclusive, when both are months.
pub fn months(from: &Period, to: &Period) -> Option<Vec<Period>> {
    let (a, b) = (from.month_index()?, to.month_index()?);
    (a <= b).then(|| (a..=b).map(Period::from_month_index).collect())
}

/// Sum over a window: every month in it must have a value; or else one value
/// published for exactly that window (e.g. a quarter).
pub fn window_sum<'a>(map: &Values<'a>, from: &Period, to: &Period) -> Option<Valued<'a>> {
    if let Some(ms) = months(from, to) {
        let vals: Option<Vec<&Valued>> = ms.iter().map(|m| map.get(m)).collect();
        if let Some(vals) = vals {
            return Some(summed(&vals));
        }
    }
    window_value(map, from, to)
}

/// The sum of a window's values, with all their cells.
fn summed<'a>(vals: &[&Valued<'a>]) -> Valued<'a> {
    Valued {
        value: vals.iter().map(|v| v.value).sum(),
        cells: vals.iter().flat_map(|v| v.cells.iter().cloned()).collect(),
    }
}

/// One value published for exactly the window `from..to` (e.g. a quarter).
fn window_value<'a>(map: &Values<'a>, from: &Period, to: &Period) -> Option<Valued<'a>> {
    map.starting_between(from.first_day(), from.first_day())
        .find(|(p, _)| p.last_day() == to.last_day())
        .map(|(_, v)| v.clone())
}

/// How a list of window values ranks: 1-based position of `target` when sorted.
pub fn rank_of<K: PartialEq>(items: &[(K, f64)], target: &K, lowest_first: bool) -> Option<usize> {
    let v = items.iter().find(|(k, _)| k == target)?.1;
    let better = items
        .iter()
        .filter(|(_, x)| if lowest_first { *x < v } else { *x > v })
        .count();
    Some(better + 1)
}

/// Sorts (key, value) pairs best first.
pub fn sort_ranked<K>(items: &mut [(K, f64)], lowest_first: bool) {
    items.sort_by(|a, b| {
        let o = a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal);
        if lowest_first { o } else { o.reverse() }
    });
}

/// All windows of `len` months in a monthly history: calendar quarters
/// (`aligned`, len 3) or every run of `len` consecutive months, as (first
/// month, last month, sum). Each sum is the value [`window_sum`] gives for
/// that window; the cells behind the few windows a verdict shows come from
/// it, so that a history's hundreds of windows do not each gather theirs.
pub fn window_sums(map: &Values<'_>, len: i32, aligned: bool) -> Vec<(Period, Period, f64)> {
    let mut out = Vec::new();
    if len < 1 {
        return out;
    }
    let Some(first) = map.keys().find_map(|p| p.month_index()) else {
        return out;
    };
    let Some(last) = map.keys().rev().find_map(|p| p.month_index()) else {
        return out;
    };
    // Each month's value by its distance from the first month, looked up once.
    let mut by_month: Vec<Option<f64>> = vec![None; (last - first + 1).max(0) as usize];
    for (p, v) in map.iter() {
        if let Some(m) = p.month_index() {
            by_month[(m - first) as usize] = Some(v.value);
        }
    }
    let mut start = first;
    if aligned {
        start += (len - start.rem_euclid(len)) % len;
    }
    while start + len - 1 <= last {
        let (a, b) = (
            Period::from_month_index(start),
            Period::from_month_index(start + len - 1),
        );
        let window = &by_month[(start - first) as usize..(start - first + len) as usize];
        // Summed in month order from -0.0, as `Iterator::sum` in `summed`
        // adds them: the same bits as `window_sum`.
        let sum = window.iter().try_fold(-0.0, |acc, v| v.map(|v| acc + v));
        let v = match sum {
            Some(v) => Some(v),
            None => window_value(map, &a, &b).map(|v| v.value),
        };
        if let Some(v) = v {
            out.push((a, b, v));
        }
        start += if aligned { len } else { 1 };
    }
    out
}

/// Label of a window: a calendar quarter as `2024-Q3`, otherwise `from..to`.
pub fn window_label(from: &Period, to: &Period) -> String {
    if let (Stamp::Month(y, m), Some(a), Some(b)) =
        (from.start, from.month_index(), to.month_index())
        && b - a == 2
        && m % 3 == 1
    {
        return format!("{y}-Q{}", m.div_ceil(3));
    }
    if from == to {
        from.to_string()
    } else {
        format!("{from}..{to}")
    }
}

/// Length of the run of consecutive periods ending at `end` whose values satisfy `cond`,
/// and whether the run reaches the first available period (so it may be longer).
pub fn streak<'a>(
    map: &Values<'a>,
    end: &Period,
    cond: impl Fn(f64) -> bool,
) -> Option<(usize, bool, Vec<CellRef<'a>>)> {
    map.get(end)?;
    let mut n = 0;
    let mut cells = Vec::new();
    let mut reached_start = true;
    for (_, v) in map.up_to(end).rev() {
        if cond(v.value) {
            n += 1;
            cells.extend(v.cells.iter().cloned());
        } else {
            cells.extend(v.cells.iter().cloned());
            reached_start = false;
            break;
        }
    }
    Some((n, reached_start, cells))
}

/// The first period whose value is above `threshold` (`above`), or below it.
pub fn first_crossing<'a>(
    map: &Values<'a>,
    threshold: f64,
    above: bool,
) -> Option<(Period, Valued<'a>)> {
    map.iter()
        .find(|(_, v)| {
            if above {
                v.value > threshold
            } else {
                v.value < threshold
            }
        })
        .map(|(p, v)| (*p, v.clone()))
}

/// The first period whose value is above `threshold`.
pub fn first_above<'a>(map: &Values<'a>, threshold: f64) -> Option<(Period, Valued<'a>)> {
    first_crossing(map, threshold, true)
}

/// The last period before `before` whose value is at or beyond `value`: at or below it
/// (`lowest`) or at or above it. `None` when no earlier period is.
pub fn last_at_or_beyond(
    items: &[(Period, f64)],
    before: &Period,
    value: f64,
    lowest: bool,
) -> Option<(Period, f64)> {
    items
        .iter()
        .filter(|(p, _)| p.last_day() < before.first_day())
        .filter(|(_, v)| if lowest { *v <= value } else { *v >= value })
        .max_by_key(|(p, _)| *p)
        .copied()
}

/// Months between `first` and `last` (inclusive) that have no value, as runs `(from, to)`.
pub fn missing_months(map: &Values, first: &Period, last: &Period) -> Vec<(Period, Period)> {
    let (Some(a), Some(b)) = (first.month_index(), last.month_index()) else {
        return vec![];
    };
    let mut out: Vec<(Period, Period)> = Vec::new();
    for i in a..=b {
        let p = Period::from_month_index(i);
        if map.contains_key(&p) {
            continue;
        }
        match out.last_mut() {
            Some((_, end)) if end.month_index() == Some(i - 1) => *end = p,
            _ => out.push((p, p)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(vals: &[(&str, f64)]) -> Values<'static> {
        vals.iter()
            .map(|(p, v)| {
                (
                    p.parse().unwrap(),
                    Valued {
                        value: *v,
                        cells: Cells::new(),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn unit_aliases_name_the_series_unit() {
        let idx = "index, Jan 2006 = 100";
        assert_eq!(resolve_unit(idx, "index").as_deref(), Some(idx));
        assert_eq!(resolve_unit("percent", "%").as_deref(), Some("percent"));
        assert_eq!(
            resolve_unit("USD millions", "USD billions").as_deref(),
            Some("USD billions")
        );
        assert_eq!(resolve_unit("USD millions", "tonnes"), None);
        assert_eq!(resolve_unit("percent", "index"), None);
    }

    #[test]
    fn units_convert() {
        assert_eq!(unit_factor("USD millions", "USD billions"), Some(0.001));
        assert_eq!(unit_factor("USD billions", "USD trillion"), Some(0.001));
        assert_eq!(unit_factor("tonnes", "tonnes"), Some(1.0));
        assert_eq!(unit_factor("tonnes", "USD billions"), None);
    }

    #[test]
    fn sums_need_every_month_or_an_exact_window_value() {
        let m = map(&[("2024-07", -1.0), ("2024-08", -2.0), ("2024-09", -3.0)]);
        let (a, b) = ("2024-07".parse().unwrap(), "2024-09".parse().unwrap());
        assert_eq!(window_sum(&m, &a, &b).unwrap().value, -6.0);
        assert!(window_sum(&m, &a, &"2024-10".parse().unwrap()).is_none());
        let q = map(&[("2024-Q3", -61.9)]);
        assert_eq!(window_sum(&q, &a, &b).unwrap().value, -61.9);
    }

    proptest::proptest! {
        /// All windows at once give what each window's own sum gives.
        #[test]
        fn window_sums_agree_with_each_windows_sum(
            months in proptest::collection::btree_map(0i32..40, -50i32..50, 0..30),
            quarters in proptest::collection::btree_map(0i32..14, -90i32..90, 0..5),
            len in 1i32..7,
            aligned in proptest::bool::ANY,
        ) {
            let base = 2020 * 12;
            let mut vals: Vec<(String, f64)> = months
                .iter()
                .map(|(m, v)| (Period::from_month_index(base + m).to_string(), f64::from(*v) / 10.0))
                .collect();
            vals.extend(quarters.iter().map(|(q, v)| (format!("{}-Q{}", 2020 + q / 4, q % 4 + 1), f64::from(*v))));
            let refs: Vec<(&str, f64)> = vals.iter().map(|(p, v)| (p.as_str(), *v)).collect();
            let m = map(&refs);
            let len = if aligned { 3 } else { len };
            let all = window_sums(&m, len, aligned);
            let (Some(first), Some(last)) = (
                m.keys().find_map(|p| p.month_index()),
                m.keys().rev().find_map(|p| p.month_index()),
            ) else {
                proptest::prop_assert!(all.is_empty());
                return Ok(());
            };
            let mut start = first;
            if aligned {
                start += (len - start.rem_euclid(len)) % len;
            }
            let mut expected = Vec::new();
            while start + len - 1 <= last {
                let (a, b) = (Period::from_month_index(start), Period::from_month_index(start + len - 1));
                if let Some(v) = window_sum(&m, &a, &b) {
                    expected.push((a, b, v.value.to_bits()));
                }
                start += if aligned { len } else { 1 };
            }
            let got: Vec<(Period, Period, u64)> = all.iter().map(|(a, b, v)| (*a, *b, v.to_bits())).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn daily_levels_average_within_a_month() {
        let m = map(&[
            ("2024-09-02", 4.0),
            ("2024-09-03", 5.0),
            ("2024-10-01", 9.0),
        ]);
        assert_eq!(level(&m, &"2024-09".parse().unwrap()).unwrap().value, 4.5);
    }

    #[test]
    fn quarters_rank_and_streaks() {
        let m = map(&[
            ("2024-01", 1.0),
            ("2024-02", 1.0),
            ("2024-03", 1.0),
            ("2024-04", -5.0),
            ("2024-05", -1.0),
            ("2024-06", -1.0),
            ("2024-07", -1.0),
        ]);
        let q = window_sums(&m, 3, true);
        assert_eq!(q.len(), 2);
        assert_eq!(window_label(&q[1].0, &q[1].1), "2024-Q2");
        let items: Vec<(Period, f64)> = q.iter().map(|(a, _, v)| (*a, *v)).collect();
        assert_eq!(rank_of(&items, &"2024-04".parse().unwrap(), true), Some(1));
        assert_eq!(window_sums(&m, 3, false).len(), 5);
        let (n, from_start, _) = streak(&m, &"2024-07".parse().unwrap(), |v| v < 0.0).unwrap();
        assert_eq!((n, from_start), (4, false));
        let (n, from_start, _) = streak(&m, &"2024-03".parse().unwrap(), |v| v > 0.0).unwrap();
        assert_eq!((n, from_start), (3, true));
        assert_eq!(first_above(&m, 0.5).unwrap().0.to_string(), "2024-01");
        assert_eq!(
            first_crossing(&m, -2.0, false).unwrap().0.to_string(),
            "2024-04"
        );
        let items: Vec<(Period, f64)> = m.iter().map(|(p, v)| (*p, v.value)).collect();
        // -1.0 in 2024-07: the last earlier month at or below it is 2024-06.
        let at = |p: &str| p.parse::<Period>().unwrap();
        assert_eq!(
            last_at_or_beyond(&items, &at("2024-07"), -1.0, true)
                .unwrap()
                .0,
            at("2024-06")
        );
        // -5.0 in 2024-04 is the lowest: nothing earlier at or below it.
        assert!(last_at_or_beyond(&items, &at("2024-04"), -5.0, true).is_none());
        let gaps = missing_months(
            &map(&[("2024-01", 1.0), ("2024-04", 1.0)]),
            &at("2024-01"),
            &at("2024-05"),
        );
        assert_eq!(
            gaps,
            vec![
                (at("2024-02"), at("2024-03")),
                (at("2024-05"), at("2024-05"))
            ]
        );
    }
}
