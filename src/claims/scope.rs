//! What the claims engine evaluates against: the Dataset and the blocs a claim
//! may name (`entity = "bloc:BRICS"`).
//!
//! A bloc entity's series is the sum, period by period, of the members that
//! belong to it then and have a value; its evidence cells are the members'
//! cells, and the members that belong but have no value are reported, never
//! counted as zero.

use super::metrics::{self, Valued, Values};
use crate::data::blocs::{Bloc, Blocs};
use crate::data::{Dataset, Period, Vintage};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// The prefix of a bloc entity in a claims file: `bloc:G7`.
pub const BLOC_PREFIX: &str = "bloc:";

/// The data and the blocs a case is evaluated against, with the series views
/// already computed for it (every claim and viewpoint asking for the same
/// series in the same view shares one copy).
pub struct Scope<'a> {
    pub ds: &'a Dataset,
    pub blocs: &'a Blocs,
    memo: Memo<'a>,
}

/// Which series in which view: source, measure, entity (or bloc id) and view.
type ViewKey = (String, String, String, Vintage);

/// A series (or a derived measure) in one view, possibly converted to a
/// claim's unit: the unit and the values.
pub(super) type Converted<'a> = (String, Rc<Values<'a>>);

/// Views computed once per scope.
#[derive(Default)]
struct Memo<'a> {
    converted: RefCell<HashMap<(ViewKey, String), Option<Converted<'a>>>>,
    points: RefCell<HashMap<ViewKey, Option<Converted<'a>>>>,
    blocs: RefCell<HashMap<ViewKey, Option<Rc<BlocMap<'a>>>>>,
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

/// A bloc's values in one source/measure, with the members missing in each period.
pub(super) struct BlocMap<'a> {
    pub(super) unit: String,
    pub(super) values: Rc<Values<'a>>,
    pub(super) missing: BTreeMap<Period, Vec<String>>,
    /// The members with a value in each period.
    pub(super) present: BTreeMap<Period, Vec<String>>,
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
        if let Some(hit) = self.memo.points.borrow().get(&key) {
            return hit.clone();
        }
        let made =
            metrics::points(self.ds, source, measure, entity, view).map(|(u, m)| (u, Rc::new(m)));
        self.memo.points.borrow_mut().insert(key, made.clone());
        made
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
        if let Some(hit) = self.memo.converted.borrow().get(&key) {
            return hit.clone();
        }
        let made = make();
        self.memo.converted.borrow_mut().insert(key, made.clone());
        made
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
        bloc: &Bloc,
        source: &str,
        measure: &str,
        view: &Vintage,
    ) -> Option<Rc<BlocMap<'a>>> {
        let key = (source.into(), measure.into(), bloc.id.clone(), view.clone());
        if let Some(hit) = self.memo.blocs.borrow().get(&key) {
            return hit.clone();
        }
        let made = self.make_bloc_map(bloc, source, measure, view).map(Rc::new);
        self.memo.blocs.borrow_mut().insert(key, made.clone());
        made
    }

    fn make_bloc_map(
        &self,
        bloc: &Bloc,
        source: &str,
        measure: &str,
        view: &Vintage,
    ) -> Option<BlocMap<'a>> {
        let mut unit = None;
        let mut values: BTreeMap<Period, Valued<'a>> = BTreeMap::new();
        let mut present: BTreeMap<Period, Vec<&str>> = BTreeMap::new();
        for name in bloc.member_names() {
            let Some(view) = self.points(source, measure, name, view) else {
                continue;
            };
            let (u, map) = &view;
            unit.get_or_insert_with(|| u.clone());
            for (p, v) in map.iter() {
                let p = *p;
                let belongs = bloc
                    .members
                    .iter()
                    .any(|m| m.entity == name && m.belongs(&p));
                if !belongs {
                    continue;
                }
                present.entry(p).or_default().push(name);
                let slot = values.entry(p).or_insert(Valued {
                    value: 0.0,
                    cells: metrics::Cells::new(),
                });
                slot.value += v.value;
                slot.cells.extend_from_slice(&v.cells);
            }
        }
        let missing: BTreeMap<Period, Vec<String>> = present
            .iter()
            .map(|(p, have)| {
                let gone = bloc
                    .members_in(p)
                    .into_iter()
                    .filter(|m| !have.contains(m))
                    .map(str::to_string)
                    .collect();
                (*p, gone)
            })
            .collect();
        Some(BlocMap {
            unit: unit?,
            values: Rc::new(values.into_iter().collect()),
            missing,
            present: present
                .into_iter()
                .map(|(p, v)| (p, v.into_iter().map(str::to_string).collect()))
                .collect(),
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
        let only = |x: &[String], y: &[String]| -> Vec<String> {
            x.iter().filter(|m| !y.contains(m)).cloned().collect()
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
        let total = bloc.members_in(p).len();
        let have = total - gone.len();
        if least.is_none_or(|(h, _)| have < h) {
            least = Some((have, total));
        }
        for m in gone {
            match by_member.iter_mut().find(|(n, _)| n == m) {
                Some((_, ps)) => ps.push(*p),
                None => by_member.push((m.clone(), vec![*p])),
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
