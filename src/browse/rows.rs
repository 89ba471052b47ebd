//! The rows of the browser grid. A row's cells are made from the dataset when
//! first read: a grid of a million values shows forty rows at a time, so only
//! the rows on show are made, and a sort reads one value per row straight from
//! the series. Which months have a value is found without making any cell.

use super::{BrowseMeasure, to_billions};
use crate::data::{Dataset, EntityKind, Flag, Period, Point, Series, Vintage};
use std::sync::{Arc, Mutex, OnceLock};

/// One value of the grid and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct GridCell {
    /// In USD billions.
    pub value: f64,
    /// The source id (behind one more reference, so that a cell takes 24
    /// bytes instead of 32).
    pub source: &'static &'static str,
    pub vintage: crate::data::Sym,
}

/// One row of the grid: an entity and its value in each month of the grid.
#[derive(Clone)]
pub struct Row {
    pub entity: String,
    pub kind: EntityKind,
    /// Shared by the grids of one measure with and without aggregates, so a
    /// row made in one is made in the other.
    cells: Arc<RowCells>,
}

struct RowCells {
    made: OnceLock<Made>,
    /// How to make the cells; `None` for a row given its cells.
    lazy: Option<Lazy>,
}

/// What a row not made yet is made from, and the value a sort last read.
struct Lazy {
    maker: Maker,
    /// The row's series, in the order of [`measure_series`] (places in
    /// [`Dataset::all_series`]).
    series: Places,
    /// The last value read for a sort (month index and value), so that
    /// sorting again by that month reads no series. Shared with the same row
    /// over other months.
    read: Arc<Mutex<LastRead>>,
}

/// A month index and the row's value in it.
type LastRead = Option<(i32, Option<f64>)>;

/// Places of a row's series in [`Dataset::all_series`], one per series of its measure.
pub(super) type Places = [Option<u32>; 3];

struct Made {
    /// One per month of the grid.
    cells: Box<[Option<GridCell>]>,
    /// Typical size of a move in this row (for marking large moves).
    scale: f64,
}

/// What a row's cells are made from: the dataset, the measure, and the
/// months of the grid (month indexes, oldest first).
#[derive(Clone)]
pub(super) struct Maker {
    pub ds: Arc<Dataset>,
    pub measure: BrowseMeasure,
    pub months: Arc<[i32]>,
}

impl Row {
    /// A row whose cells are made when first read, from these series.
    pub(super) fn lazy(entity: String, kind: EntityKind, maker: Maker, series: Places) -> Row {
        let lazy = Lazy {
            maker,
            series,
            read: Arc::default(),
        };
        Row::of(entity, kind, OnceLock::new(), Some(lazy))
    }

    fn of(entity: String, kind: EntityKind, made: OnceLock<Made>, lazy: Option<Lazy>) -> Row {
        Row {
            entity,
            kind,
            cells: Arc::new(RowCells { made, lazy }),
        }
    }

    /// A row of these cells (one per month of its grid).
    pub fn with_cells(
        entity: String,
        kind: EntityKind,
        measure: BrowseMeasure,
        cells: Vec<Option<GridCell>>,
    ) -> Row {
        let scale = row_scale(measure, &cells);
        let made = Made {
            cells: cells.into(),
            scale,
        };
        Row::of(entity, kind, OnceLock::from(made), None)
    }

    /// The same row over other months of the grid (`keep`: the columns kept).
    pub(super) fn over(&self, measure: BrowseMeasure, months: &Arc<[i32]>, keep: &[usize]) -> Row {
        match &self.cells.lazy {
            Some(lazy) => {
                let lazy = Lazy {
                    maker: Maker {
                        months: months.clone(),
                        ..lazy.maker.clone()
                    },
                    series: lazy.series,
                    read: lazy.read.clone(),
                };
                Row::of(self.entity.clone(), self.kind, OnceLock::new(), Some(lazy))
            }
            None => Row::with_cells(
                self.entity.clone(),
                self.kind,
                measure,
                keep.iter().map(|&c| self.cells()[c].clone()).collect(),
            ),
        }
    }

    fn made(&self) -> &Made {
        self.cells.made.get_or_init(|| match &self.cells.lazy {
            Some(lazy) => lazy.maker.make(lazy.series),
            None => Made {
                cells: Box::default(),
                scale: 0.0,
            },
        })
    }

    /// Whether the cells have been made.
    pub fn is_made(&self) -> bool {
        self.cells.made.get().is_some()
    }

    /// One cell per month of the grid.
    pub fn cells(&self) -> &[Option<GridCell>] {
        &self.made().cells
    }

    pub fn cell(&self, col: usize) -> Option<&GridCell> {
        self.cells().get(col)?.as_ref()
    }

    pub fn value(&self, col: usize) -> Option<f64> {
        self.cell(col).map(|c| c.value)
    }

    /// Typical size of a move in this row (for marking large moves).
    pub fn scale(&self) -> f64 {
        self.made().scale
    }

    /// The value of one column, read from the series when the row is not
    /// made (for sorting, which needs one column of every row).
    pub(super) fn sort_value(&self, col: usize) -> Option<f64> {
        match (self.cells.made.get(), &self.cells.lazy) {
            (None, Some(lazy)) => {
                let m = &lazy.maker;
                let month = *m.months.get(col)?;
                // A poisoned lock only means another reader panicked: the
                // value in it is whole (it is written in one step).
                let mut read = lazy.read.lock().unwrap_or_else(|e| e.into_inner());
                match *read {
                    Some((at, value)) if at == month => value,
                    _ => {
                        let value = value_at(&m.ds, m.measure, lazy.series, month);
                        *read = Some((month, value));
                        value
                    }
                }
            }
            _ => self.value(col),
        }
    }
}

impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        self.entity == other.entity
            && self.kind == other.kind
            && self.cells() == other.cells()
            && self.scale() == other.scale()
    }
}

impl std::fmt::Debug for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Row")
            .field("entity", &self.entity)
            .field("kind", &self.kind)
            .field("cells", &self.cells())
            .field("scale", &self.scale())
            .finish()
    }
}

impl Maker {
    fn make(&self, series: Places) -> Made {
        let mut cells: Vec<Option<GridCell>> = vec![None; self.months.len()];
        for (month, cell) in entity_cells(&self.ds, self.measure, series) {
            if let Ok(k) = self.months.binary_search(&month) {
                cells[k] = Some(cell);
            }
        }
        let scale = row_scale(self.measure, &cells);
        Made {
            cells: cells.into(),
            scale,
        }
    }
}

/// Month-indexed cells of one row, sorted by month, one per month.
type MonthCells = Vec<(i32, GridCell)>;

/// A series of the dataset: its source id and measure.
pub(super) type SeriesId = (&'static &'static str, &'static str);

const MFH: SeriesId = (&"mfhhis01", "holdings");
const SLT: SeriesId = (&"slt_table5", "holdings");
const NET: SeriesId = (&"slt_table3", "lt_net_purchases");
const VALUATION: SeriesId = (&"slt_table3", "lt_valuation_change");
const ALL_HOLDERS: SeriesId = (&"slt_table3", "holdings");

/// The series a measure's cells come from (holdings: the long history, the
/// newest release of the major holders, which wins where both have a month,
/// and Table 3, which publishes the same holdings for every country).
pub(super) fn measure_series(measure: BrowseMeasure) -> &'static [SeriesId] {
    match measure {
        BrowseMeasure::Holdings | BrowseMeasure::MonthChange => &[MFH, SLT, ALL_HOLDERS],
        BrowseMeasure::NetPurchases => &[NET],
        BrowseMeasure::ValuationChange => &[VALUATION],
    }
}

/// One series of a row: its source id, and the series when the entity has it.
type Source<'a> = (&'static &'static str, Option<&'a Series>);

/// The row's series in the order of [`measure_series`].
fn sources(ds: &Dataset, measure: BrowseMeasure, places: Places) -> [Source<'_>; 3] {
    let ids = measure_series(measure);
    let at = |k: usize| {
        let series = places[k].and_then(|i| ds.all_series().get(i as usize));
        (ids.get(k).map_or(&"", |id| id.0), series)
    };
    [at(0), at(1), at(2)]
}

fn cell_of(s: &Series, source: &'static &'static str, p: &Point) -> GridCell {
    GridCell {
        value: p.value * to_billions(&s.unit).unwrap_or(1.0),
        source,
        vintage: p.vintage,
    }
}

/// Month-indexed values of one series (newest vintage), converted to billions.
fn month_cells((source, series): Source) -> MonthCells {
    let Some(s) = series else {
        return MonthCells::new();
    };
    let mut out: MonthCells = s
        .view(&Vintage::Latest)
        .into_iter()
        .filter_map(|p| Some((p.period.month_index()?, cell_of(s, source, p))))
        .collect();
    // Series are sorted by period, so month stamps come in month order.
    if !out.is_sorted_by(|a, b| a.0 < b.0) {
        out.sort_by_key(|(i, _)| *i);
        out.dedup_by_key(|(i, _)| *i);
    }
    out
}

/// The newest-vintage point of one month, as [`Series::at`] finds it. In a
/// series of one point a month its place is known: reading it and its
/// neighbours costs one or two cache lines where a binary search costs nine
/// (at a million values the points are not in the cache).
fn point_of_month(s: &Series, month: i32) -> Option<&Point> {
    let pts = s.all_points();
    let period = Period::from_month_index(month);
    let guess = pts
        .first()
        .and_then(|p| p.period.month_index())
        .and_then(|first| usize::try_from(month - first).ok())
        .filter(|&k| k < pts.len());
    if let Some(k) = guess {
        let alone = pts[k].period == period
            && (k == 0 || pts[k - 1].period != period)
            && pts.get(k + 1).is_none_or(|p| p.period != period);
        if alone {
            return (pts[k].flag == Flag::None).then(|| &pts[k]);
        }
    }
    s.at(&period, &Vintage::Latest)
}

fn cell_in(cells: &MonthCells, month: i32) -> Option<&GridCell> {
    cells
        .binary_search_by_key(&month, |(i, _)| *i)
        .ok()
        .map(|k| &cells[k].1)
}

/// The cells of one row (its series at `places`) in one measure, by month.
fn entity_cells(ds: &Dataset, measure: BrowseMeasure, places: Places) -> MonthCells {
    let cells = sources(ds, measure, places).map(month_cells);
    // Every month either series has a value in, oldest first.
    let mut months: Vec<i32> = cells.iter().flatten().map(|(m, _)| *m).collect();
    months.sort_unstable();
    months.dedup();
    let read = |k: usize, month: i32| cell_in(&cells[k], month).cloned();
    let change = |cell: GridCell, prev: GridCell| GridCell {
        value: cell.value - prev.value,
        ..cell
    };
    months
        .into_iter()
        .filter_map(|m| Some((m, pick(measure, m, read, change)?)))
        .collect()
}

/// The value of one row in one month, as [`entity_cells`] would make it (the
/// value alone: what a sort reads).
pub(super) fn value_at(
    ds: &Dataset,
    measure: BrowseMeasure,
    places: Places,
    month: i32,
) -> Option<f64> {
    let series = sources(ds, measure, places).map(|(_, s)| s);
    let read = |k: usize, month: i32| {
        let s = series[k]?;
        Some(point_of_month(s, month)?.value * to_billions(&s.unit).unwrap_or(1.0))
    };
    pick(measure, month, read, |v, prev| v - prev)
}

/// One month of a row, from `read` (the value of the row's series number `k`,
/// in the order of [`measure_series`], in a month): holdings from the newest
/// release of the major holders where it has the month, else the long
/// history, else Table 3; a change from the same source when it has the month
/// before, else from the next in that order.
fn pick<T>(
    measure: BrowseMeasure,
    month: i32,
    read: impl Fn(usize, i32) -> Option<T>,
    change: impl Fn(T, T) -> T,
) -> Option<T> {
    // Places in `measure_series`: 0 the long history, 1 the newest release, 2 Table 3.
    const ORDER: [usize; 3] = [1, 0, 2];
    match measure {
        BrowseMeasure::Holdings => ORDER.iter().find_map(|&k| read(k, month)),
        BrowseMeasure::MonthChange => {
            let (at, now) = ORDER.iter().find_map(|&k| read(k, month).map(|v| (k, v)))?;
            let prev = std::iter::once(at)
                .chain(ORDER.iter().copied().filter(|&k| k != at))
                .find_map(|k| read(k, month - 1))?;
            Some(change(now, prev))
        }
        BrowseMeasure::NetPurchases | BrowseMeasure::ValuationChange => read(0, month),
    }
}

/// The first and last month a series has a value in (any vintage: a month
/// without a value in the newest view is left out later).
pub(super) fn series_span(s: &Series) -> Option<(i32, i32)> {
    if let Some(run) = s.month_run() {
        return Some(run);
    }
    // Sorted by period: years and quarters before months, days after.
    let pts = s.all_points();
    let first = pts.iter().find_map(|p| p.period.month_index())?;
    let last = pts.iter().rev().find_map(|p| p.period.month_index())?;
    Some((first, last))
}

/// A set of months from the first month of a span, one bit each.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct MonthSet {
    lo: i32,
    words: Vec<u64>,
}

impl MonthSet {
    pub fn new(lo: i32, span: usize) -> MonthSet {
        MonthSet {
            lo,
            words: vec![0; span.div_ceil(64)],
        }
    }

    /// Inserts the months from `first` to `last`.
    fn insert_run(&mut self, (first, last): (i32, i32)) {
        let lo = (first - self.lo).max(0) as usize;
        let hi = usize::try_from(last - self.lo + 1)
            .unwrap_or(0)
            .min(self.words.len() * 64);
        let mut k = lo;
        while k < hi {
            let bits = (hi - k).min(64 - k % 64);
            let mask = if bits == 64 {
                u64::MAX
            } else {
                ((1u64 << bits) - 1) << (k % 64)
            };
            self.words[k / 64] |= mask;
            k += bits;
        }
    }

    fn insert(&mut self, month: i32) {
        if let Ok(k) = usize::try_from(month - self.lo)
            && let Some(w) = self.words.get_mut(k / 64)
        {
            *w |= 1 << (k % 64);
        }
    }

    pub fn union(&mut self, other: &MonthSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// The months that are in the set and whose month before is too.
    fn with_month_before(&self) -> MonthSet {
        let mut carry = 0;
        let words = self
            .words
            .iter()
            .map(|&w| {
                let before = (w << 1) | carry;
                carry = w >> 63;
                w & before
            })
            .collect();
        MonthSet { lo: self.lo, words }
    }

    /// The months in the set, oldest first.
    pub fn months(&self) -> Vec<i32> {
        let mut out = Vec::new();
        for (k, &w) in self.words.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                let bit = w.trailing_zeros() as i32;
                out.push(self.lo + (k as i32) * 64 + bit);
                w &= w - 1;
            }
        }
        out
    }
}

/// The months in which a row (its series at `places`) has a cell in a
/// measure, as [`entity_cells`] would make them, read from the periods alone.
pub(super) fn row_months(
    ds: &Dataset,
    measure: BrowseMeasure,
    places: Places,
    (lo, span): (i32, usize),
) -> MonthSet {
    let mut set = MonthSet::new(lo, span);
    for (_, series) in sources(ds, measure, places) {
        if let Some(run) = series.and_then(Series::month_run) {
            set.insert_run(run);
            continue;
        }
        for p in series.map_or(&[][..], |s| s.all_points()) {
            if p.flag == Flag::None
                && let Some(i) = p.period.month_index()
            {
                set.insert(i);
            }
        }
    }
    match measure {
        BrowseMeasure::MonthChange => set.with_month_before(),
        _ => set,
    }
}

pub(super) fn row_scale(measure: BrowseMeasure, cells: &[Option<GridCell>]) -> f64 {
    let vals: Vec<f64> = if measure.is_flow() {
        cells.iter().flatten().map(|c| c.value.abs()).collect()
    } else {
        cells
            .windows(2)
            .filter_map(|w| match (&w[0], &w[1]) {
                (Some(a), Some(b)) if a.value != 0.0 => Some(((b.value - a.value) / a.value).abs()),
                _ => None,
            })
            .collect()
    };
    if vals.is_empty() {
        return 0.0;
    }
    vals.iter().sum::<f64>() / vals.len() as f64
}

#[cfg(test)]
mod tests {
    use super::super::Grid;
    use super::*;

    /// Every value a sort reads from the series is the value of the made row,
    /// every month of a grid has a value in some row, and every row has one.
    fn lazy_reads_agree_with_made_rows(ds: &Arc<Dataset>) {
        for measure in BrowseMeasure::ALL {
            for aggregates in [true, false] {
                let g = Grid::build(ds, measure, aggregates);
                assert!(!g.rows.is_empty(), "{measure:?}");
                let mut month_has_value = vec![false; g.months.len()];
                for row in &g.rows {
                    assert!(!row.is_made(), "{measure:?} {}", row.entity);
                    let read: Vec<Option<f64>> =
                        (0..g.months.len()).map(|c| row.sort_value(c)).collect();
                    let made: Vec<Option<f64>> =
                        (0..g.months.len()).map(|c| row.value(c)).collect();
                    assert!(row.is_made());
                    assert_eq!(read, made, "{measure:?} {}", row.entity);
                    assert!(made.iter().any(Option::is_some), "{}", row.entity);
                    for (c, v) in made.iter().enumerate() {
                        month_has_value[c] |= v.is_some();
                    }
                }
                assert!(
                    month_has_value.iter().all(|x| *x),
                    "{measure:?} {aggregates}"
                );
            }
        }
    }

    #[test]
    fn lazy_rows_of_the_bundled_data_read_what_made_rows_hold() {
        lazy_reads_agree_with_made_rows(&Arc::new(Dataset::embedded().unwrap()));
    }

    #[test]
    fn lazy_rows_read_newest_vintages_and_skip_old_series_values() {
        // Japan's 2024-03 has two vintages; China's 2024-02 is only an
        // old-series value (no month of its own); slt_table5 starts later.
        let mfh = "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
mfhhis01,holdings,Japan,country,2024-01,1000,USD billions,2024-03-18,,
mfhhis01,holdings,Japan,country,2024-02,1010,USD billions,2024-04-18,,
mfhhis01,holdings,Japan,country,2024-03,1020,USD billions,2024-05-18,,
mfhhis01,holdings,Japan,country,2024-03,1021,USD billions,2024-06-18,,
mfhhis01,holdings,China,country,2024-01,800,USD billions,2024-03-18,,
mfhhis01,holdings,China,country,2024-02,790,USD billions,2024-04-18,old_series,
mfhhis01,holdings,China,country,2024-03,780,USD billions,2024-05-18,,
mfhhis01,holdings,Grand Total,total,2023-12,8000,USD billions,2024-05-18,,
";
        let slt = "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
slt_table5,holdings,Japan,country,2024-03,1030,USD billions,2024-07,,
slt_table5,holdings,Japan,country,2024-04,1040,USD billions,2024-07,,
";
        let t3 = "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
slt_table3,lt_net_purchases,Japan,country,2024-02,-5000,USD millions,2024-07,,
slt_table3,lt_valuation_change,China,country,2024-03,-1500,USD millions,2024-07,,
";
        let tables = [("mfhhis01", mfh), ("slt_table5", slt), ("slt_table3", t3)];
        let ds = Dataset::from_tables(tables.map(|(n, t)| (n.to_string(), t))).unwrap();
        let ds = Arc::new(ds);
        lazy_reads_agree_with_made_rows(&ds);
        let g = Grid::build(&ds, BrowseMeasure::Holdings, true);
        assert_eq!(g.months.first(), Some(&Period::month(2023, 12)));
        let g = Grid::build(&ds, BrowseMeasure::Holdings, false);
        assert_eq!(g.months.first(), Some(&Period::month(2024, 1)));
        let china = g.row_of("China").unwrap();
        assert_eq!(g.value(china, 1), None);
        let g = Grid::build(&ds, BrowseMeasure::MonthChange, false);
        // China has no 2024-02, so no change in 2024-02 or 2024-03.
        assert!(g.row_of("China").is_none());
        let japan = g.row_of("Japan").unwrap();
        let months: Vec<String> = g.months.iter().map(|p| p.to_string()).collect();
        assert_eq!(months, ["2024-02", "2024-03", "2024-04"]);
        assert_eq!(g.value(japan, 1), Some(1030.0 - 1010.0));
    }

    #[test]
    fn month_sets_keep_months_whose_month_before_is_in() {
        let mut set = MonthSet::new(100, 130);
        for m in [100, 101, 163, 164, 165, 200] {
            set.insert(m);
        }
        assert_eq!(set.months(), [100, 101, 163, 164, 165, 200]);
        assert_eq!(set.with_month_before().months(), [101, 164, 165]);
        // Runs across words, within one, and beyond either end.
        let mut runs = MonthSet::new(100, 256);
        runs.insert_run((90, 101));
        runs.insert_run((160, 230));
        runs.insert_run((290, 400));
        let want: Vec<i32> = (100..=101).chain(160..=230).chain(290..=355).collect();
        assert_eq!(runs.months(), want);
        let mut one = MonthSet::new(0, 64);
        one.insert_run((0, 63));
        assert_eq!(one.months(), (0..64).collect::<Vec<_>>());
        assert!(MonthSet::new(0, 10).is_empty());
    }
}
