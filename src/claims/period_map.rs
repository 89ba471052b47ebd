//! Values keyed by period, kept as one sorted vector.
//!
//! A series view is built once, in period order, and then read by lookups and
//! in-order walks; a sorted vector does both with one allocation, where a tree
//! map allocates a node every few values and scatters them in memory.

use crate::data::{Period, Stamp};
use chrono::NaiveDate;

/// Values by period, sorted by period, at most one per period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodMap<V> {
    entries: Vec<(Period, V)>,
}

impl<V> Default for PeriodMap<V> {
    fn default() -> Self {
        PeriodMap {
            entries: Vec::new(),
        }
    }
}

impl<V> PeriodMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, p: &Period) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.cmp(p))
    }

    pub fn get(&self, p: &Period) -> Option<&V> {
        self.find(p).ok().map(|i| &self.entries[i].1)
    }

    pub fn contains_key(&self, p: &Period) -> bool {
        self.find(p).is_ok()
    }

    /// Sets the value of a period (replacing one there); cheap when periods
    /// come in order.
    pub fn insert(&mut self, p: Period, v: V) {
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
        PeriodMap { entries }
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
