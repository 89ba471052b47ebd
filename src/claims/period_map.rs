//! Values keyed by period, kept as one sorted vector.
//!
//! A series view is built once, in period order, and then read by lookups and
//! in-order walks; a sorted vector does both with one allocation, where a tree
//! map allocates a node every few values and scatters them in memory.

use crate::data::{Period, Stamp};
use chrono::NaiveDate;
use std::sync::OnceLock;

/// Values by period, sorted by period, at most one per period.
#[derive(Debug, Clone)]
pub struct PeriodMap<V> {
    entries: Vec<(Period, V)>,
    /// Made on the first lookup: where each month's value is, so that a
    /// month (most lookups) is found without a search.
    months: OnceLock<Option<MonthIndex>>,
}

/// For each month from `first` on, the position of its entry plus one (0: none).
#[derive(Debug, Clone)]
struct MonthIndex {
    first: i32,
    slots: Vec<u32>,
}

impl MonthIndex {
    /// `None` when the months spread so thinly that a search is the better deal.
    fn of<V>(entries: &[(Period, V)]) -> Option<MonthIndex> {
        let month = |p: &Period| p.month_index().filter(|_| p.start == p.end);
        let mut it = entries.iter().filter_map(|(p, _)| month(p));
        let Some(first) = it.next() else {
            return Some(MonthIndex {
                first: 0,
                slots: Vec::new(),
            });
        };
        let last = it.last().unwrap_or(first);
        let span = usize::try_from(i64::from(last) - i64::from(first) + 1).ok()?;
        if span > 16 * entries.len() + 1024 || entries.len() >= u32::MAX as usize {
            return None;
        }
        let mut slots = vec![0u32; span];
        for (i, (p, _)) in entries.iter().enumerate() {
            if let Some(m) = month(p) {
                slots[(m - first) as usize] = i as u32 + 1;
            }
        }
        Some(MonthIndex { first, slots })
    }

    /// The entry of a single month: `Some(None)` when there is none.
    fn find(&self, p: &Period) -> Option<Option<usize>> {
        if p.start != p.end {
            return None;
        }
        let m = p.month_index()?;
        let slot = usize::try_from(i64::from(m) - i64::from(self.first))
            .ok()
            .and_then(|k| self.slots.get(k));
        Some(slot.and_then(|&s| (s as usize).checked_sub(1)))
    }
}

impl<V> Default for PeriodMap<V> {
    fn default() -> Self {
        PeriodMap {
            entries: Vec::new(),
            months: OnceLock::new(),
        }
    }
}

impl<V: PartialEq> PartialEq for PeriodMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl<V> PeriodMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, p: &Period) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.cmp(p))
    }

    /// The position of a period's entry.
    fn position(&self, p: &Period) -> Option<usize> {
        let index = self.months.get_or_init(|| MonthIndex::of(&self.entries));
        match index.as_ref().and_then(|m| m.find(p)) {
            Some(found) => found,
            None => self.find(p).ok(),
        }
    }

    pub fn get(&self, p: &Period) -> Option<&V> {
        self.position(p).map(|i| &self.entries[i].1)
    }

    pub fn contains_key(&self, p: &Period) -> bool {
        self.position(p).is_some()
    }

    /// Sets the value of a period (replacing one there); cheap when periods
    /// come in order.
    pub fn insert(&mut self, p: Period, v: V) {
        // Positions may move: the month index is made again when next needed.
        self.months = OnceLock::new();
        if self.entries.last().is_none_or(|(k, _)| *k < p) {
            self.entries.push((p, v));
            return;
        }
        match self.find(&p) {
            Ok(i) => self.entries[i].1 = v,
            Err(i) => self.entries.insert(i, (p, v)),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Periods and values in period order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Period, &V)> + ExactSizeIterator {
        self.entries.iter().map(|(p, v)| (p, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Period> + ExactSizeIterator {
        self.entries.iter().map(|(p, _)| p)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// The periods that start on a day from `first` to `last`, in period order.
    pub fn starting_between(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> impl Iterator<Item = (&Period, &V)> {
        // Periods sort by the resolution of their start (year, quarter, month,
        // day), then by the start itself, so within one resolution the first
        // days are in order and each range is found by two binary searches.
        let resolution = |p: &Period| match p.start {
            Stamp::Year(_) => 0,
            Stamp::Quarter(..) => 1,
            Stamp::Month(..) => 2,
            Stamp::Day(_) => 3,
        };
        (0..4).flat_map(move |r| {
            let before = |p: &Period, day: NaiveDate, inclusive: bool| {
                let k = resolution(p);
                k < r
                    || (k == r
                        && if inclusive {
                            p.first_day() <= day
                        } else {
                            p.first_day() < day
                        })
            };
            let lo = self
                .entries
                .partition_point(|(p, _)| before(p, first, false));
            let hi = self.entries.partition_point(|(p, _)| before(p, last, true));
            self.entries[lo..hi.max(lo)].iter().map(|(p, v)| (p, v))
        })
    }

    /// The periods up to and including `end`, in period order.
    pub fn up_to(&self, end: &Period) -> impl DoubleEndedIterator<Item = (&Period, &V)> {
        let n = self.entries.partition_point(|(k, _)| k <= end);
        self.entries[..n].iter().map(|(p, v)| (p, v))
    }
}

impl<V> FromIterator<(Period, V)> for PeriodMap<V> {
    /// Like collecting into a map: for a repeated period the last value wins.
    fn from_iter<I: IntoIterator<Item = (Period, V)>>(iter: I) -> Self {
        let mut entries: Vec<(Period, V)> = iter.into_iter().collect();
        if !entries.is_sorted_by(|a, b| a.0 < b.0) {
            // Stable, so equal periods keep their order and the last one is kept.
            entries.sort_by_key(|e| e.0);
            let mut kept: Vec<(Period, V)> = Vec::with_capacity(entries.len());
            for e in entries {
                match kept.last_mut() {
                    Some(last) if last.0 == e.0 => *last = e,
                    _ => kept.push(e),
                }
            }
            entries = kept;
        }
        PeriodMap {
            entries,
            months: OnceLock::new(),
        }
    }
}

impl<V> IntoIterator for PeriodMap<V> {
    type Item = (Period, V);
    type IntoIter = std::vec::IntoIter<(Period, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(i: i32) -> Period {
        Period::from_month_index(2024 * 12 + i)
    }

    #[test]
    fn behaves_like_an_ordered_map() {
        let mut map: PeriodMap<i32> = [(m(3), 3), (m(1), 1), (m(3), 30), (m(2), 2)]
            .into_iter()
            .collect();
        assert_eq!(map.values().copied().collect::<Vec<_>>(), vec![1, 2, 30]);
        map.insert(m(0), 0);
        map.insert(m(2), 20);
        map.insert(m(9), 9);
        assert_eq!(
            map.iter().map(|(p, v)| (*p, *v)).collect::<Vec<_>>(),
            vec![(m(0), 0), (m(1), 1), (m(2), 20), (m(3), 30), (m(9), 9)]
        );
        assert_eq!(map.get(&m(3)), Some(&30));
        assert!(!map.contains_key(&m(4)));
        assert_eq!(map.up_to(&m(4)).map(|(_, v)| *v).next_back(), Some(30));
        assert_eq!(map.up_to(&m(2)).count(), 3);
        assert_eq!(map.keys().next_back(), Some(&m(9)));
    }

    #[test]
    fn month_lookups_agree_with_a_search_before_and_after_inserts() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        let mut map: PeriodMap<u8> = [
            "2024",
            "2024-Q1",
            "2023-12",
            "2024-02",
            "2024-01/2024-03",
            "2024-01-15",
        ]
        .iter()
        .map(|s| (p(s), 1))
        .collect();
        let probes = [
            "2023-11",
            "2023-12",
            "2024-01",
            "2024-02",
            "2024-03",
            "2024",
            "2024-Q1",
            "2024-01/2024-03",
            "2024-01-15",
            "1999-01",
        ];
        for round in 0..2 {
            for s in probes {
                let k = p(s);
                assert_eq!(
                    map.get(&k).is_some(),
                    map.find(&k).is_ok(),
                    "{s} in round {round}"
                );
            }
            // An insert moves positions: the month index is made again.
            map.insert(p("2024-01"), 2);
            map.insert(p("2022-06"), 3);
        }
        assert_eq!(map.get(&p("2024-01")), Some(&2));
        assert_eq!(map.get(&p("2024-02")), Some(&1));
    }

    #[test]
    fn periods_starting_between_two_days_are_found_at_every_resolution() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        let map: PeriodMap<u8> = [
            "2023",
            "2024",
            "2024-Q1",
            "2024-Q2",
            "2023-12",
            "2024-01",
            "2024-02",
            "2024-01/2024-03",
            "2024-04",
            "2023-12-31",
            "2024-01-01",
            "2024-03-31",
            "2024-04-01",
        ]
        .iter()
        .map(|s| (p(s), 0))
        .collect();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let found: Vec<String> = map
            .starting_between(day("2024-01-01"), day("2024-03-31"))
            .map(|(p, _)| p.to_string())
            .collect();
        let scanned: Vec<String> = map
            .keys()
            .filter(|k| k.first_day() >= day("2024-01-01") && k.first_day() <= day("2024-03-31"))
            .map(|p| p.to_string())
            .collect();
        assert_eq!(found, scanned);
        assert_eq!(
            found,
            vec![
                "2024",
                "2024-Q1",
                "2024-01",
                "2024-01/2024-03",
                "2024-02",
                "2024-01-01",
                "2024-03-31"
            ]
        );
    }
}
