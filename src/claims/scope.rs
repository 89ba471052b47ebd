//! What the claims engine evaluates against: the Dataset and the blocs a claim
//! may name (`entity = "bloc:BRICS"`).
//!
//! A bloc entity's series is the sum, period by period, of the members that
//! belong to it then and have a value; its evidence cells are the members'
//! cells, and the members that belong but have no value are reported, never
//! counted as zero.

use super::metrics::{self, Valued, Values};
use super::period_map::PeriodMap;
use crate::data::blocs::{Bloc, Blocs};
use crate::data::{Dataset, Period, Vintage};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The prefix of a bloc entity in a claims file: `bloc:G7`.
pub const BLOC_PREFIX: &str = "bloc:";

/// The data and the blocs a case is evaluated against, with the series views
/// already computed for it (every claim and viewpoint asking for the same
/// series in the same view shares one copy, also across threads).
pub struct Scope<'a> {
    pub ds: &'a Dataset,
    pub blocs: &'a Blocs,
    memo: Memo<'a>,
}

/// Which series in which view: source, measure, entity (or bloc id) and view.
type ViewKey = (String, String, String, Vintage);

/// A series (or a derived measure) in one view, possibly converted to a
/// claim's unit: the unit and the values.
pub(super) type Converted<'a> = (String, Arc<Values<'a>>);

/// Views computed once per scope.
#[derive(Default)]
struct Memo<'a> {
    converted: OnceMap<(ViewKey, String), Option<Converted<'a>>>,
    points: OnceMap<ViewKey, Option<Converted<'a>>>,
    blocs: OnceMap<ViewKey, Option<Arc<BlocMap<'a>>>>,
    /// Records, by what they rank (the same record asked by a statement and
    /// its restatement, or by two claims' readings, is ranked once).
    records: OnceMap<String, Option<super::compute::Found>>,
}

/// Values made once per key. The first thread to ask makes a key's value;
/// another asking meanwhile waits for it. A value may ask for values of the
/// layers below (a converted view for a bloc's, a bloc's for its members'),
/// never above, so no two threads wait on each other.
struct OnceMap<K, V>(Mutex<HashMap<K, Arc<OnceLock<V>>>>);

impl<K, V> Default for OnceMap<K, V> {
    fn default() -> Self {
        OnceMap(Mutex::new(HashMap::new()))
    }
}

impl<K: std::hash::Hash + Eq, V: Clone> OnceMap<K, V> {
    fn get_or_make(&self, key: K, make: impl FnOnce() -> V) -> V {
        let cell = {
            // A poisoned lock only means another thread panicked mid-insert;
            // the map itself is still whole.
            let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(key).or_default().clone()
        };
        cell.get_or_init(make).clone()
    }
}

impl std::fmt::Debug for Scope<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scope")
            .field("series", &self.ds.all_series().len())
            .field("blocs", &self.blocs.blocs.len())
            .finish_non_exhaustive()
    }
}

impl std::ops::Deref for Scope<'_> {
    type Target = Dataset;
    fn deref(&self) -> &Dataset {
        self.ds
    }
}

/// The bloc id of an entity written `bloc:ID` (any case of `bloc:`).
pub fn bloc_id(entity: &str) -> Option<&str> {
    let head = entity.get(..BLOC_PREFIX.len())?;
    head.eq_ignore_ascii_case(BLOC_PREFIX)
        .then(|| entity[BLOC_PREFIX.len()..].trim())
}

/// Some of a bloc's members, in the bloc's order.
pub(super) type Members<'a> = smallvec::SmallVec<[&'a str; 8]>;

/// A bloc's values in one source/measure, with the members missing in each period.
pub(super) struct BlocMap<'a> {
    pub(super) unit: String,
    pub(super) values: Arc<Values<'a>>,
    pub(super) missing: PeriodMap<Members<'a>>,
    /// The members with a value in each period.
    pub(super) present: PeriodMap<Members<'a>>,
}

impl<'a> Scope<'a> {
    /// A scope over a dataset and the blocs claims may name.
    pub fn new(ds: &'a Dataset, blocs: &'a Blocs) -> Scope<'a> {
        Scope {
            ds,
            blocs,
            memo: Memo::default(),
        }
    }

    /// [`metrics::points`], computed once per series and view.
    pub(super) fn points(
        &self,
        source: &str,
        measure: &str,
        entity: &str,
        view: &Vintage,
    ) -> Option<Converted<'a>> {
        let key = (source.into(), measure.into(), entity.into(), view.clone());
        self.memo.points.get_or_make(key, || {
            // The values held at a date are those of what had been released by
            // then that are not stand-ins: read once, for both views.
            if let Vintage::AsOf(date) = view {
                let released = Vintage::Released(date.clone());
                let (u, all) = self.points(source, measure, entity, &released)?;
                let is_held = |v: &Valued| {
                    v.cells
                        .iter()
                        .all(|c| !released.stands_in(&c.series.source, &c.point.vintage))
                };
                let n = all.values().filter(|v| is_held(v)).count();
                // All held: the same values; none: no view.
                if n == all.len() {
                    return Some((u, all));
                }
                if n == 0 {
                    return None;
                }
                let held: Values = all
                    .iter()
                    .filter(|(_, v)| is_held(v))
                    .map(|(p, v)| (*p, v.clone()))
                    .collect();
                return Some((u, Arc::new(held)));
            }
            metrics::points(self.ds, source, measure, entity, view).map(|(u, m)| (u, Arc::new(m)))
        })
    }

    /// A view converted to a unit, computed once by `make` per series, view and unit.
    pub(super) fn converted(
        &self,
        (source, measure, entity): (&str, &str, &str),
        view: &Vintage,
        unit: &str,
        make: impl FnOnce() -> Option<Converted<'a>>,
    ) -> Option<Converted<'a>> {
        let key = (
            (source.into(), measure.into(), entity.into(), view.clone()),
            unit.to_string(),
        );
        self.memo.converted.get_or_make(key, make)
    }

    /// A record's result, made once per key by `make`.
    pub(super) fn record(
        &self,
        key: String,
        make: impl FnOnce() -> Option<super::compute::Found>,
    ) -> Option<super::compute::Found> {
        self.memo.records.get_or_make(key, make)
    }

    /// The bloc an entity `bloc:ID` names.
    pub fn bloc(&self, entity: &str) -> Option<&'a Bloc> {
        self.blocs.get(bloc_id(entity)?)
    }

    /// Canonical name of an entity: a data entity, or `bloc:ID` with the bloc's own id.
    pub fn resolve(&self, name: &str) -> Option<String> {
        match bloc_id(name) {
            Some(id) => self.blocs.get(id).map(|b| format!("{BLOC_PREFIX}{}", b.id)),
            None => self.ds.resolve_entity(name).map(str::to_string),
        }
    }

    /// The members of a bloc entity (none for any other entity).
    pub fn members_of(&self, entity: &str) -> Vec<&'a str> {
        match self.bloc(entity) {
            Some(b) => b.member_names(),
            None => vec![],
        }
    }

    /// The custodial caveat when any of `entities` (blocs expanded to their
    /// members) is a custodial or financial centre.
    pub fn custodial_caveat(&self, entities: &[String]) -> Option<String> {
        let mut names: Vec<&str> = Vec::new();
        for e in entities {
            match self.bloc(e) {
                Some(_) => names.extend(self.members_of(e)),
                None => names.push(e),
            }
        }
        self.blocs.custodial_caveat(&names)
    }

    /// Every bloc as an entity (`bloc:ID`), in definition order.
    pub fn bloc_entities(&self) -> Vec<String> {
        self.blocs
            .blocs
            .iter()
            .map(|b| format!("{BLOC_PREFIX}{}", b.id))
            .collect()
    }

    /// The bloc's series: per period the sum of its members that belong then and
    /// have a value (a derived measure such as Form S net purchases included).
    pub(super) fn bloc_map(
        &self,
        bloc: &'a Bloc,
        source: &str,
        measure: &str,
        view: &Vintage,
    ) -> Option<Arc<BlocMap<'a>>> {
        let key = (source.into(), measure.into(), bloc.id.clone(), view.clone());
        self.memo.blocs.get_or_make(key, || {
            self.make_bloc_map(bloc, source, measure, view)
                .map(Arc::new)
        })
    }

    fn make_bloc_map(
        &self,
        bloc: &'a Bloc,
        source: &str,
        measure: &str,
        view: &Vintage,
    ) -> Option<BlocMap<'a>> {
        let names = bloc.member_names();
        // Each member's memberships as days (from the first day of its first
        // period to the last day of its last), and its values.
        let spans: Vec<Vec<(Option<NaiveDate>, Option<NaiveDate>)>> = names
            .iter()
            .map(|n| {
                bloc.members
                    .iter()
                    .filter(|m| m.entity == *n)
                    .map(|m| (m.from.map(|f| f.first_day()), m.to.map(|t| t.last_day())))
                    .collect()
            })
            .collect();
        let views: Vec<Option<Converted<'a>>> = names
            .iter()
            .map(|n| self.points(source, measure, n, view))
            .collect();
        let unit = views.iter().flatten().next()?.0.clone();
        // Every period a member has a value in, in order: the members' views
        // (each in order) merged.
        let periods = views
            .iter()
            .flatten()
            .fold(Vec::new(), |all, (_, m)| union_in_order(all, m.keys()));
        // Each member's entries are walked alongside the periods, in step.
        let mut walks: Vec<_> = views
            .iter()
            .map(|v| v.as_ref().map(|(_, m)| m.iter().peekable()))
            .collect();
        let (mut values, mut present, mut missing) = (Vec::new(), Vec::new(), Vec::new());
        for p in periods {
            // A member belongs in a period when it does on the period's last day.
            let day = p.last_day();
            let mut sum = Valued {
                value: 0.0,
                cells: metrics::Cells::new(),
            };
            let (mut have, mut gone) = (Members::new(), Members::new());
            for ((name, spans), walk) in names.iter().zip(&spans).zip(&mut walks) {
                let value = walk.as_mut().and_then(|w| {
                    while w.next_if(|(q, _)| **q < p).is_some() {}
                    w.next_if(|(q, _)| **q == p).map(|(_, v)| v)
                });
                let belongs = spans
                    .iter()
                    .any(|(f, t)| f.is_none_or(|f| f <= day) && t.is_none_or(|t| day <= t));
                if !belongs {
                    continue;
                }
                match value {
                    Some(v) => {
                        sum.value += v.value;
                        sum.cells.extend_from_slice(&v.cells);
                        have.push(*name);
                    }
                    None => gone.push(*name),
                }
            }
            if have.is_empty() {
                continue;
            }
            values.push((p, sum));
            present.push((p, have));
            missing.push((p, gone));
        }
        Some(BlocMap {
            unit,
            values: Arc::new(values.into_iter().collect()),
            missing: missing.into_iter().collect(),
            present: present.into_iter().collect(),
        })
    }

    /// Words on the members of a bloc entity that belong but have no value in
    /// `source/measure` in the periods `from..to` (none: an empty string).
    pub(super) fn missing_note(
        &self,
        entity: &str,
        source: &str,
        measure: &str,
        view: &Vintage,
        window: Option<(Period, Period)>,
    ) -> String {
        let Some(bloc) = self.bloc(entity) else {
            return String::new();
        };
        let Some(map) = self.bloc_map(bloc, source, measure, view) else {
            return String::new();
        };
        missing_words(bloc, &map, source, measure, window)
    }
}

impl Scope<'_> {
    /// For a change between two periods of a bloc: words when the members with a
    /// value differ at the two ends (a change that mixes who is counted with what
    /// they hold); empty otherwise.
    pub(super) fn composition_note(
        &self,
        entity: &str,
        (source, measure): (&str, &str),
        view: &Vintage,
        (a, b): (Period, Period),
    ) -> String {
        let Some(bloc) = self.bloc(entity) else {
            return String::new();
        };
        let Some(map) = self.bloc_map(bloc, source, measure, view) else {
            return String::new();
        };
        let (Some(at_a), Some(at_b)) = (map.present.get(&a), map.present.get(&b)) else {
            return String::new();
        };
        let only = |x: &[&str], y: &[&str]| -> Vec<String> {
            x.iter()
                .filter(|m| !y.contains(m))
                .map(|m| m.to_string())
                .collect()
        };
        let (gone, came) = (only(at_a, at_b), only(at_b, at_a));
        if gone.is_empty() && came.is_empty() {
            return String::new();
        }
        let mut parts = Vec::new();
        if !gone.is_empty() {
            parts.push(format!("only in {a}: {}", gone.join(", ")));
        }
        if !came.is_empty() {
            parts.push(format!("only in {b}: {}", came.join(", ")));
        }
        format!(
            "bloc {}: the members counted differ between {a} and {b} ({}), so the change mixes who is counted with what they hold",
            bloc.id,
            parts.join("; ")
        )
    }
}

/// The periods of `all` and of `more`, both in order and without repeats, merged.
fn union_in_order<'p>(
    all: Vec<Period>,
    more: impl ExactSizeIterator<Item = &'p Period>,
) -> Vec<Period> {
    if all.is_empty() {
        return more.copied().collect();
    }
    let mut out = Vec::with_capacity(all.len().max(more.len()));
    let mut more = more.peekable();
    for p in all {
        while let Some(q) = more.next_if(|q| **q < p) {
            out.push(*q);
        }
        more.next_if(|q| **q == p);
        out.push(p);
    }
    out.extend(more);
    out
}

/// "bloc BRICS: no value for Russia (2024-01..2024-03) in mfhhis01/holdings; the sum counts 4 of 5 members, missing ones are not counted as zero".
fn missing_words(
    bloc: &Bloc,
    map: &BlocMap,
    source: &str,
    measure: &str,
    window: Option<(Period, Period)>,
) -> String {
    let inside = |p: &Period| window.is_none_or(|(f, t)| p.within(&f, &t));
    // Each missing member with the periods it is missing in.
    let mut by_member: Vec<(String, Vec<Period>)> = Vec::new();
    let mut least: Option<(usize, usize)> = None;
    for (p, gone) in map.missing.iter().filter(|(p, _)| inside(p)) {
        let have = map.present.get(p).map_or(0, |h| h.len());
        let total = have + gone.len();
        if least.is_none_or(|(h, _)| have < h) {
            least = Some((have, total));
        }
        for m in gone {
            match by_member.iter_mut().find(|(n, _)| n == m) {
                Some((_, ps)) => ps.push(*p),
                None => by_member.push((m.to_string(), vec![*p])),
            }
        }
    }
    if by_member.is_empty() {
        return String::new();
    }
    // Members missing over the same periods are listed together.
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (m, ps) in &by_member {
        let (a, b) = (ps[0], ps[ps.len() - 1]);
        let when = if a == b {
            a.to_string()
        } else {
            format!("{a}..{b}")
        };
        match groups.iter_mut().find(|(w, _)| *w == when) {
            Some((_, ms)) => ms.push(m),
            None => groups.push((when, vec![m])),
        }
    }
    let list: Vec<String> = groups
        .iter()
        .map(|(when, ms)| format!("{} ({when})", ms.join(", ")))
        .collect();
    let (have, total) = least.unwrap_or((0, 0));
    format!(
        "bloc {}: no value in {source}/{measure} for {}; the sum counts only the members with a value (at least {have} of {total}), missing members are not counted as zero",
        bloc.id,
        list.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Stamp;

    proptest::proptest! {
        /// Merging in order gives every period of either list once, in order,
        /// periods of several kinds mixed (months, quarters, years).
        #[test]
        fn union_in_order_is_the_sorted_set_union(
            a in proptest::collection::btree_set((0u8..3, 0i32..30), 0..40),
            b in proptest::collection::btree_set((0u8..3, 0i32..30), 0..40),
        ) {
            let period = |&(kind, n): &(u8, i32)| {
                let s = match kind {
                    0 => Stamp::Month(2000 + n / 12, (n % 12) as u8 + 1),
                    1 => Stamp::Quarter(2000 + n / 4, (n % 4) as u8 + 1),
                    _ => Stamp::Year(2000 + n),
                };
                Period { start: s, end: s }
            };
            let sorted = |set: &std::collections::BTreeSet<(u8, i32)>| {
                let mut v: Vec<Period> = set.iter().map(period).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let (a, b) = (sorted(&a), sorted(&b));
            let mut expected: Vec<Period> = a.iter().chain(&b).copied().collect();
            expected.sort_unstable();
            expected.dedup();
            proptest::prop_assert_eq!(union_in_order(a, b.iter()), expected);
        }
    }
}
