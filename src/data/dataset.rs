//! The in-memory store of tidy observations, grouped into series.

use super::entity::EntityKind;
use super::lazy_points::Points;
use super::observation::Flag;
use super::period::Period;
use crate::error::{Error, InputError};
use std::collections::HashMap;
use std::path::Path;

/// One published value of a series (40 bytes: a million values take 38 MiB).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub period: Period,
    pub value: f64,
    /// Publication date of the file the value came from.
    pub vintage: Sym,
    pub flag: Flag,
    /// For hand-compiled facts: the page the figure was quoted from.
    pub source_url: Option<Url>,
}

/// A page address, interned for the life of the process behind a 4-byte
/// handle (few values have one, and a value is 8 bytes smaller for it).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Url(std::num::NonZeroU32);

/// Every page address seen, in the order first seen; a handle is its place plus one.
struct Urls {
    list: Vec<&'static str>,
    index: HashMap<&'static str, u32>,
}

fn urls() -> std::sync::MutexGuard<'static, Urls> {
    static URLS: std::sync::OnceLock<std::sync::Mutex<Urls>> = std::sync::OnceLock::new();
    URLS.get_or_init(|| {
        std::sync::Mutex::new(Urls {
            list: Vec::new(),
            index: HashMap::new(),
        })
    })
    .lock()
    // The lists are only ever appended to: a panic elsewhere leaves them whole.
    .unwrap_or_else(|e| e.into_inner())
}

impl Url {
    pub fn new(s: &str) -> Url {
        let mut urls = urls();
        let n = match urls.index.get(s) {
            Some(&n) => n,
            None => {
                // Kept until the process ends, like the data that name it.
                let text: &'static str = Box::leak(Box::from(s));
                urls.list.push(text);
                let n = u32::try_from(urls.list.len()).unwrap_or(u32::MAX);
                urls.index.insert(text, n);
                n
            }
        };
        Url(std::num::NonZeroU32::MIN.saturating_add(n - 1))
    }

    pub fn as_str(&self) -> &'static str {
        let urls = urls();
        urls.list
            .get(self.0.get() as usize - 1)
            .copied()
            .unwrap_or("")
    }
}

impl std::ops::Deref for Url {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// A string kept for the life of the process behind a one-word pointer: the
/// vintage of a value. A vintage repeats across thousands of values, so each
/// is stored once, and a copy is a copy of the pointer (no count to keep, no
/// allocation). The strings of the embedded data are their bytes in the
/// binary; any other is interned once per process, so loading the same data
/// again adds nothing (there is one vintage per publication day).
#[derive(Clone, Copy)]
pub struct Sym(&'static &'static str);

/// Every string interned by [`Sym::new`].
fn syms() -> std::sync::MutexGuard<'static, HashMap<&'static str, Sym>> {
    static SYMS: std::sync::OnceLock<std::sync::Mutex<HashMap<&'static str, Sym>>> =
        std::sync::OnceLock::new();
    SYMS.get_or_init(Default::default)
        .lock()
        // Only ever added to: a panic elsewhere leaves the map whole.
        .unwrap_or_else(|e| e.into_inner())
}

impl Sym {
    /// The process's one copy of `s`, made the first time it is asked for.
    pub fn new(s: &str) -> Sym {
        let mut syms = syms();
        if let Some(&sym) = syms.get(s) {
            return sym;
        }
        let text: &'static str = Box::leak(Box::from(s));
        let sym = Sym(Box::leak(Box::new(text)));
        syms.insert(text, sym);
        sym
    }

    /// A string that lives as long as the process already (the embedded data's).
    pub(super) fn of_static(s: &'static &'static str) -> Sym {
        Sym(s)
    }
}

impl PartialEq for Sym {
    fn eq(&self, other: &Sym) -> bool {
        std::ptr::eq(self.0, other.0) || **self == **other
    }
}

impl Eq for Sym {}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Sym) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl std::hash::Hash for Sym {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl std::ops::Deref for Sym {
    type Target = str;
    fn deref(&self) -> &'static str {
        self.0
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::borrow::Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}

impl std::fmt::Display for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl std::fmt::Debug for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// Which vintage of each value to use.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Vintage {
    /// The newest published value of each period.
    #[default]
    Latest,
    /// The newest value published on or before this date (`YYYY-MM-DD`):
    /// only the vintages held.
    AsOf(String),
    /// What had been published by this date (`YYYY-MM-DD`): the newest value
    /// held from then, or, for a period its source had published by then
    /// (see [`super::calendar`]) of which no vintage of the time is held, the
    /// earliest value held, standing in for the first release. A period not
    /// yet published is left out.
    Released(String),
}

impl Vintage {
    fn admits(&self, source: &str, vintage: &str) -> bool {
        match self {
            Vintage::Latest => true,
            Vintage::AsOf(cutoff) | Vintage::Released(cutoff) => {
                super::calendar::published_by(source, vintage, cutoff)
            }
        }
    }

    /// The date of an "as published" view.
    pub fn cutoff(&self) -> Option<&str> {
        match self {
            Vintage::Latest => None,
            Vintage::AsOf(c) | Vintage::Released(c) => Some(c),
        }
    }

    /// Whether a value of `source` with this vintage stands in, in this view,
    /// for a first release that is not held (its vintage is later than the view).
    pub fn stands_in(&self, source: &str, vintage: &str) -> bool {
        matches!(self, Vintage::Released(_)) && !self.admits(source, vintage)
    }

    /// For [`Vintage::Released`]: whether the source had published `period` by the view's date.
    fn released(&self, source: &str, period: &Period) -> bool {
        let Vintage::Released(cutoff) = self else {
            return false;
        };
        super::calendar::ymd(cutoff)
            .is_some_and(|c| super::calendar::released_by(source, period, c))
    }
}

/// All published values of one measure for one entity from one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub source: String,
    pub measure: String,
    pub entity: String,
    pub kind: EntityKind,
    pub unit: String,
    /// Sorted by period, then vintage (oldest first).
    pub(super) points: Points,
    /// The months of the points when they are one plain run (see
    /// [`Series::month_run`]), found when first asked for.
    run: crate::memo::Memo<Option<(i32, i32)>>,
}

impl Series {
    /// A series from its parts; `points` must be sorted by period, then vintage.
    pub(crate) fn from_parts(
        source: String,
        measure: String,
        entity: String,
        kind: EntityKind,
        unit: String,
        points: Vec<Point>,
    ) -> Series {
        Series::stored([source, measure, entity, unit], kind, Points::new(points))
    }

    /// A series from its source, measure, entity and unit, its kind and its
    /// values (decoded already, or when first read).
    pub(super) fn stored(head: [String; 4], kind: EntityKind, points: Points) -> Series {
        let [source, measure, entity, unit] = head;
        Series {
            source,
            measure,
            entity,
            kind,
            unit,
            points,
            run: crate::memo::Memo::default(),
        }
    }

    /// The first and last month of the series when its points are one value
    /// a month, month after month without a gap, none flagged and no other
    /// periods: then the months from first to last are exactly the months it
    /// has a value in, under any view that admits every vintage. `None` for
    /// any other series. Found by one pass over the points, once.
    pub fn month_run(&self) -> Option<(i32, i32)> {
        *self.run.get_or_init(|| {
            let pts = self.all_points();
            let first = pts.first()?.period.month_index()?;
            let plain = pts
                .iter()
                .zip(first..)
                .all(|(p, month)| p.flag == Flag::None && p.period.month_index() == Some(month));
            plain.then(|| (first, first + pts.len() as i32 - 1))
        })
    }

    /// How many values are stored (all vintages and flags), without decoding them.
    pub fn len(&self) -> usize {
        self.points.count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The same series (source, measure, entity, kind, unit) with other points;
    /// `points` must be sorted by period, then vintage.
    pub(crate) fn with_points(&self, points: Vec<Point>) -> Series {
        Series::from_parts(
            self.source.clone(),
            self.measure.clone(),
            self.entity.clone(),
            self.kind,
            self.unit.clone(),
            points,
        )
    }

    /// Every stored value, all vintages and flags, sorted by period then vintage.
    pub fn all_points(&self) -> &[Point] {
        &self.points
    }

    /// One value per period: the newest vintage the view admits, old-series
    /// comparison values left out. Under [`Vintage::Released`] a period with no
    /// admitted vintage that its source had published by then gets its
    /// earliest value held (a stand-in, see [`Vintage::stands_in`]).
    pub fn view(&self, vintage: &Vintage) -> Vec<&Point> {
        let mut out: Vec<&Point> = Vec::with_capacity(self.points.len());
        // Under `Released`: the period of the last point pushed had only a stand-in so far.
        let mut standing_in = false;
        for p in self.points.iter() {
            if p.flag != Flag::None {
                continue;
            }
            let admitted = vintage.admits(&self.source, &p.vintage);
            match out.last_mut() {
                Some(last) if last.period == p.period => {
                    let newer = admitted && (standing_in || *p.vintage >= *last.vintage);
                    if newer {
                        *last = p;
                        standing_in = false;
                    }
                }
                _ if admitted => {
                    out.push(p);
                    standing_in = false;
                }
                // Points come oldest vintage first: the first of a period is the earliest held.
                _ if vintage.released(&self.source, &p.period) => {
                    out.push(p);
                    standing_in = true;
                }
                _ => {}
            }
        }
        out
    }

    /// The value of one period under a view.
    pub fn at(&self, period: &Period, vintage: &Vintage) -> Option<&Point> {
        let start = self.points.partition_point(|p| p.period < *period);
        let same = || {
            self.points[start..]
                .iter()
                .take_while(|p| p.period == *period)
                .filter(|p| p.flag == Flag::None)
        };
        same()
            .filter(|p| vintage.admits(&self.source, &p.vintage))
            .max_by(|a, b| a.vintage.cmp(&b.vintage))
            .or_else(|| {
                if vintage.released(&self.source, period) {
                    same().min_by(|a, b| a.vintage.cmp(&b.vintage))
                } else {
                    None
                }
            })
    }

    /// Values of the periods that lie within `[from, to]`.
    pub fn range(&self, from: &Period, to: &Period, vintage: &Vintage) -> Vec<&Point> {
        self.view(vintage)
            .into_iter()
            .filter(|p| p.period.within(from, to))
            .collect()
    }

    /// The distinct vintages present, oldest first.
    pub fn vintages(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.points.iter().map(|p| &*p.vintage).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Identifies a series.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SeriesKey {
    pub source: String,
    pub measure: String,
    pub entity: String,
}

/// The bundled (or a user-supplied) set of tidy tables.
#[derive(Debug, Default, Clone)]
pub struct Dataset {
    pub(super) series: Vec<Series>,
    /// Positions of the series in key order (source, measure, entity), for
    /// lookups by binary search without making a key.
    index: Vec<u32>,
    /// Each entity name in ASCII lower case, with the place of the first
    /// series that names it so: made when first needed.
    entities: crate::memo::Memo<HashMap<String, u32>>,
}

/// What the index of a dataset orders series by: source, measure, entity.
fn key_of(s: &Series) -> (&str, &str, &str) {
    (&s.source, &s.measure, &s.entity)
}

/// Rejects two rows of a series with the same period, vintage, flag and page:
/// the importer never writes them, and a reader could not tell which to use.
pub(super) fn check_duplicates(file: &str, s: &Series, lines: &[u32]) -> Result<(), InputError> {
    fn key(p: &Point) -> (Period, &str, Flag, Option<&str>) {
        (p.period, &p.vintage, p.flag, p.source_url.as_deref())
    }
    // Tables are written sorted, so usually the points already are.
    let in_order = s.points.windows(2).all(|w| key(&w[0]) <= key(&w[1]));
    let mut order: Vec<usize> = (0..s.points.len()).collect();
    if !in_order {
        order.sort_by(|&a, &b| {
            key(&s.points[a])
                .cmp(&key(&s.points[b]))
                .then(lines[a].cmp(&lines[b]))
        });
    }
    for w in order.windows(2) {
        let (a, b) = (&s.points[w[0]], &s.points[w[1]]);
        if key(a) == key(b) {
            let what = if a.value == b.value {
                "duplicate row"
            } else {
                "conflicting duplicate row"
            };
            return Err(InputError::at(
                file,
                lines[w[1]] as usize,
                format!(
                    "{what}: {} {} {} vintage {} already given on line {} (value {} here, {} there); expected one row per series, period, vintage and page",
                    s.entity, s.measure, a.period, a.vintage, lines[w[0]], b.value, a.value
                ),
            ));
        }
    }
    Ok(())
}

impl Dataset {
    /// The tidy tables compiled into the binary (in their packed form, see
    /// [`super::packed`]).
    pub fn embedded() -> Result<Dataset, InputError> {
        super::packed::decode_lazy("<embedded>/packed.bin", super::embedded::PACKED)
    }

    /// A dataset of the given series (keys must be unique).
    pub(crate) fn from_series(series: Vec<Series>) -> Dataset {
        let key = |i: &u32| key_of(&series[*i as usize]);
        let mut index: Vec<u32> = (0..series.len() as u32).collect();
        // Packed data come in key order already.
        if !index.is_sorted_by(|a, b| key(a) <= key(b)) {
            index.sort_by(|a, b| key(a).cmp(&key(b)));
        }
        Dataset {
            series,
            index,
            entities: Default::default(),
        }
    }

    /// Every `*.csv` tidy table in a folder, each checked as the importer
    /// checks its own output (see [`Dataset::from_files`]).
    pub fn load_dir(dir: &Path) -> Result<Dataset, Error> {
        use crate::input::{self, limits};
        let shown = dir.display().to_string();
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(InputError::file(
                    shown,
                    "no such folder; expected a folder of tidy tables (*.csv)",
                )
                .into());
            }
            Err(e) => return Err(Error::io(shown, e)),
        };
        let mut files = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| Error::io(shown.clone(), e))?.path();
            if path.extension().is_some_and(|e| e == "csv") {
                files.push(path);
            }
        }
        if files.is_empty() {
            return Err(InputError::file(shown, "no tidy tables (*.csv) in this folder").into());
        }
        files.sort();
        let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        let mut all = super::tidy_load::Builder::default();
        for (t, path) in files.iter().enumerate() {
            let name = &names[t];
            let source = super::tidy_load::source_of_file(name);
            input::read_blocks(
                path,
                (name, "a tidy table"),
                (limits::TIDY_FILE, limits::TIDY_LINE),
                super::tidy_load::BLOCK,
                |block| {
                    Ok(super::tidy_load::parse_block(
                        (t, name),
                        block,
                        Some(source),
                    )?)
                },
                |part| {
                    all.absorb(part);
                    Ok(())
                },
            )?;
        }
        Ok(all.finish(&names)?)
    }

    /// Like [`Dataset::from_tables`], for tables read from files named
    /// `<source>.csv`: every row's source must match its file's name.
    pub fn from_files<'a>(
        tables: impl IntoIterator<Item = (String, &'a str)>,
    ) -> Result<Dataset, InputError> {
        Self::build(tables, true)
    }

    /// Builds a dataset from named tidy CSV texts (the tables are parsed on two threads).
    pub fn from_tables<'a>(
        tables: impl IntoIterator<Item = (String, &'a str)>,
    ) -> Result<Dataset, InputError> {
        Self::build(tables, false)
    }

    fn build<'a>(
        tables: impl IntoIterator<Item = (String, &'a str)>,
        source_is_file: bool,
    ) -> Result<Dataset, InputError> {
        use super::tidy_load::{Builder, parse_parallel, source_of_file};
        let tables: Vec<(String, &'a str)> = tables.into_iter().collect();
        let names: Vec<String> = tables.iter().map(|(n, _)| n.clone()).collect();
        let mut all = Builder::default();
        for (t, (name, text)) in tables.iter().enumerate() {
            let source = source_is_file.then(|| source_of_file(name));
            all.absorb(parse_parallel((t, name), text, (1, true), source)?);
        }
        all.finish(&names)
    }

    pub fn all_series(&self) -> &[Series] {
        &self.series
    }

    /// The series of one source and measure in entity order, each with its
    /// place in [`Dataset::all_series`].
    pub fn series_of<'a>(
        &'a self,
        source: &str,
        measure: &str,
    ) -> impl Iterator<Item = (u32, &'a Series)> + 'a {
        let key = |i: &u32| {
            let (source, measure, _) = key_of(&self.series[*i as usize]);
            (source, measure)
        };
        let from = self.index.partition_point(|i| key(i) < (source, measure));
        let to = from + self.index[from..].partition_point(|i| key(i) <= (source, measure));
        self.index[from..to]
            .iter()
            .map(|&i| (i, &self.series[i as usize]))
    }

    pub fn series(&self, source: &str, measure: &str, entity: &str) -> Option<&Series> {
        let wanted = (source, measure, entity);
        let k = self
            .index
            .binary_search_by(|&i| key_of(&self.series[i as usize]).cmp(&wanted))
            .ok()?;
        Some(&self.series[self.index[k] as usize])
    }

    /// All series of an entity, in every source.
    pub fn series_of_entity<'a>(
        &'a self,
        entity: &'a str,
    ) -> impl Iterator<Item = &'a Series> + 'a {
        self.series.iter().filter(move |s| s.entity == entity)
    }

    /// Entities that have a series for `measure` in `source`, optionally of one kind, sorted by name.
    pub fn entities(&self, source: &str, measure: &str, kind: Option<EntityKind>) -> Vec<&Series> {
        let mut v: Vec<&Series> = self
            .series
            .iter()
            .filter(|s| {
                s.source == source && s.measure == measure && kind.is_none_or(|k| s.kind == k)
            })
            .collect();
        v.sort_by(|a, b| a.entity.cmp(&b.entity));
        v
    }

    /// Case-insensitive lookup of an entity's canonical name.
    pub fn resolve_entity(&self, name: &str) -> Option<&str> {
        let wanted = crate::data::entity::canonical_name(name).to_ascii_lowercase();
        let entities = self.entities.get_or_init(|| {
            let mut map = HashMap::new();
            for (i, s) in self.series.iter().enumerate() {
                map.entry(s.entity.to_ascii_lowercase()).or_insert(i as u32);
            }
            map
        });
        let i = *entities.get(&wanted)?;
        Some(self.series[i as usize].entity.as_str())
    }

    /// Every entity name, sorted, without repeats.
    pub fn entity_names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.series.iter().map(|s| s.entity.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The entity a person means (case, punctuation and word order ignored, common
    /// aliases known), or an error suggesting the nearest name.
    pub fn match_entity(&self, name: &str) -> Result<&str, super::names::NameError> {
        super::names::resolve(&self.entity_names(), name)
    }

    /// Distinct source ids, sorted.
    pub fn sources(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.series.iter().map(|s| s.source.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Number of stored values.
    pub fn len(&self) -> usize {
        self.series.iter().map(Series::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sym_is_one_copy_per_string_and_compares_by_its_text() {
        let a = Sym::new("2025-03-18");
        let b = Sym::new(&String::from("2025-03-18"));
        assert!(std::ptr::eq(a.0, b.0), "interned once");
        static KEPT: &str = "2025-03-18";
        let kept = Sym::of_static(&KEPT);
        assert_eq!(kept, a, "the same text, kept elsewhere");
        let later = Sym::new("2025-04-16");
        assert!(a < later && later > kept);
        let mut set = std::collections::HashSet::new();
        set.extend([a, kept, later]);
        assert_eq!(set.len(), 2);
        assert_eq!(&*later, "2025-04-16");
    }

    const TABLE: &str =
        "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
mfhhis01,holdings,Japan,country,2024-06,1091.4,USD billions,2026-03-18,,
mfhhis01,holdings,Japan,country,2024-06,1091.0,USD billions,2026-05-18,,
mfhhis01,holdings,Japan,country,2024-06,1200,USD billions,2026-05-18,old_series,
mfhhis01,holdings,Japan,country,2024-07,1093.5,USD billions,2026-05-18,,
";

    #[test]
    fn a_value_takes_40_bytes_and_page_addresses_are_interned() {
        // A million values are 38 MiB; a larger Point shows at once in peak memory.
        assert_eq!(std::mem::size_of::<Point>(), 40);
        let (a, b) = (
            Url::new("https://a.example/x"),
            Url::new("https://a.example/x"),
        );
        assert_eq!(a, b);
        assert_ne!(a, Url::new("https://b.example/"));
        assert_eq!(&*b, "https://a.example/x");
        assert_eq!(format!("{a:?}"), "\"https://a.example/x\"");
    }

    #[test]
    fn a_month_run_is_one_plain_value_a_month_without_gaps() {
        let head = "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url\n";
        let run = |rows: &[&str]| {
            let text: String = std::iter::once(head.to_string())
                .chain(
                    rows.iter()
                        .map(|r| format!("t,m,E,country,{r},1,USD billions,2026-05,,\n")),
                )
                .collect();
            let ds = Dataset::from_tables([("t".to_string(), text.as_str())]).unwrap();
            ds.series("t", "m", "E").unwrap().month_run()
        };
        let first = Period::month(2024, 11).month_index().unwrap();
        assert_eq!(
            run(&["2024-11", "2024-12", "2025-01"]),
            Some((first, first + 2))
        );
        assert_eq!(run(&["2024-11", "2025-01"]), None, "a gap");
        assert_eq!(run(&["2024", "2024-11", "2024-12"]), None, "a year");
        assert_eq!(run(&["2024-11", "2024-12", "2024-12-31"]), None, "a day");
        // Two vintages of one month, and a flagged value (the main table).
        let ds = Dataset::from_tables([("t".to_string(), TABLE)]).unwrap();
        assert_eq!(
            ds.series("mfhhis01", "holdings", "Japan")
                .unwrap()
                .month_run(),
            None
        );
        let flagged = TABLE.replace(
            "2024-06,1091.4,USD billions,2026-03-18,,",
            "2024-05,1,USD billions,2026-03-18,old_series,",
        );
        let flagged = flagged.replace(
            "mfhhis01,holdings,Japan,country,2024-06,1091.0,USD billions,2026-05-18,,\n",
            "",
        );
        let ds = Dataset::from_tables([("t".to_string(), flagged.as_str())]).unwrap();
        let s = ds.series("mfhhis01", "holdings", "Japan").unwrap();
        assert_eq!(s.all_points().len(), 3);
        assert_eq!(s.month_run(), None, "a flagged value");
    }

    #[test]
    fn views_pick_vintages_and_skip_old_series() {
        let ds = Dataset::from_tables([("t".to_string(), TABLE)]).unwrap();
        let s = ds.series("mfhhis01", "holdings", "Japan").unwrap();
        let latest: Vec<f64> = s.view(&Vintage::Latest).iter().map(|p| p.value).collect();
        assert_eq!(latest, vec![1091.0, 1093.5]);
        let old: Vec<f64> = s
            .view(&Vintage::AsOf("2026-04-01".into()))
            .iter()
            .map(|p| p.value)
            .collect();
        assert_eq!(old, vec![1091.4]);
        assert_eq!(
            s.at(&Period::month(2024, 6), &Vintage::Latest)
                .unwrap()
                .value,
            1091.0
        );
        assert_eq!(s.all_points().len(), 4);
        assert_eq!(s.vintages(), vec!["2026-03-18", "2026-05-18"]);
    }
}
