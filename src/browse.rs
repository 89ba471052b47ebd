//! The country × month browser model (no terminal types).
//!
//! A [`Grid`] holds one measure for every entity (rows) and month (columns,
//! oldest first). Holdings read the newest release (`slt_table5`) where it has
//! the month and the long history (`mfhhis01`) elsewhere; flows read
//! `slt_table3`. All values are shown in USD billions.

pub mod blocs;

use crate::claims::{Case, Evaluation, SeriesRef};
use crate::data::{Dataset, EntityKind, Period, Vintage};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// What the grid shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum BrowseMeasure {
    /// Holdings of US Treasury securities (slt_table5, else mfhhis01).
    #[default]
    Holdings,
    /// Net purchases of long-term Treasuries (slt_table3 `lt_net_purchases`).
    NetPurchases,
    /// Valuation change of long-term Treasuries (slt_table3 `lt_valuation_change`).
    ValuationChange,
    /// Month-on-month change of holdings.
    MonthChange,
}

impl BrowseMeasure {
    pub const ALL: [BrowseMeasure; 4] = [
        BrowseMeasure::Holdings,
        BrowseMeasure::NetPurchases,
        BrowseMeasure::ValuationChange,
        BrowseMeasure::MonthChange,
    ];

    /// The next measure in [`BrowseMeasure::ALL`], wrapping around.
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|m| *m == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            BrowseMeasure::Holdings => "Holdings",
            BrowseMeasure::NetPurchases => "Net purchases, long-term",
            BrowseMeasure::ValuationChange => "Valuation change, long-term",
            BrowseMeasure::MonthChange => "Change in holdings, m/m",
        }
    }

    /// Unit of every value in the grid.
    pub fn unit(self) -> &'static str {
        "USD billions"
    }

    /// Short unit for column headers.
    pub fn unit_short(self) -> &'static str {
        "USD bn"
    }

    /// True for flows and changes (values around zero), false for levels.
    pub fn is_flow(self) -> bool {
        self != BrowseMeasure::Holdings
    }

    /// The dataset measure ids this view shows (to match claims' series).
    pub fn measure_ids(self) -> &'static [&'static str] {
        match self {
            BrowseMeasure::Holdings | BrowseMeasure::MonthChange => &["holdings"],
            BrowseMeasure::NetPurchases => &["lt_net_purchases", "net_purchases"],
            BrowseMeasure::ValuationChange => &["lt_valuation_change"],
        }
    }

    /// The browser measure that shows a dataset measure, if any.
    pub fn for_measure(measure: &str) -> Option<BrowseMeasure> {
        match measure {
            "holdings" => Some(BrowseMeasure::Holdings),
            "lt_net_purchases" | "net_purchases" => Some(BrowseMeasure::NetPurchases),
            "lt_valuation_change" => Some(BrowseMeasure::ValuationChange),
            _ => None,
        }
    }
}

/// Factor that turns a value in `unit` into USD billions, when `unit` is a USD amount.
pub fn to_billions(unit: &str) -> Option<f64> {
    match unit.trim() {
        "USD billions" => Some(1.0),
        "USD millions" => Some(1e-3),
        "USD thousands" => Some(1e-6),
        "USD trillions" | "USD trillion" => Some(1e3),
        "USD billion" => Some(1.0),
        "USD million" => Some(1e-3),
        _ => None,
    }
}

/// The grids of the measures last shown, each with every row, so that
/// toggling the aggregates or coming back to a measure rebuilds nothing. At
/// most two are kept (at a million values a grid takes about 30 MiB).
#[derive(Clone, Debug, Default)]
pub struct GridCache {
    /// Most recently used last.
    grids: Vec<Arc<Grid>>,
}

impl GridCache {
    const KEEP: usize = 2;

    /// The grid of `measure` with every row, built on first use.
    pub fn full(&mut self, ds: &Dataset, measure: BrowseMeasure) -> Arc<Grid> {
        let grid = match self.grids.iter().position(|g| g.measure == measure) {
            Some(i) => self.grids.remove(i),
            None => Arc::new(Grid::build_all(ds, measure)),
        };
        self.grids.push(grid.clone());
        if self.grids.len() > Self::KEEP {
            self.grids.remove(0);
        }
        grid
    }

    /// The grid of `measure` as the browser shows it (with or without aggregates).
    pub fn grid(&mut self, ds: &Dataset, measure: BrowseMeasure, include_aggregates: bool) -> Grid {
        self.full(ds, measure).view(include_aggregates)
    }
}

/// One value of the grid and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct GridCell {
    /// In USD billions.
    pub value: f64,
    /// The source id (behind one more reference, so that a cell takes 24
    /// bytes instead of 32: a million cells are a million of these).
    pub source: &'static &'static str,
    pub vintage: crate::data::Sym,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub entity: String,
    pub kind: EntityKind,
    /// One per month of the grid (shared by the grids of one measure with and
    /// without aggregates, so switching between them copies no values).
    pub cells: Arc<[Option<GridCell>]>,
    /// Typical size of a move in this row (for marking large moves).
    scale: f64,
}

impl Row {
    pub fn value(&self, col: usize) -> Option<f64> {
        self.cells.get(col)?.as_ref().map(|c| c.value)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortDir {
    Asc,
    Desc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    /// By the value of one month (missing values last).
    Month(Period),
}

/// A large move in a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

/// The country × month table of one measure.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub measure: BrowseMeasure,
    pub include_aggregates: bool,
    /// Months, oldest first.
    pub months: Vec<Period>,
    /// Countries first, then aggregates; each group in sort order.
    pub rows: Vec<Row>,
    pub sort: (SortKey, SortDir),
}

/// Month-indexed cells of one row, sorted by month, one per month.
type Cells = Vec<(i32, GridCell)>;

fn cell_at(cells: &Cells, month: i32) -> Option<&GridCell> {
    cells
        .binary_search_by_key(&month, |(i, _)| *i)
        .ok()
        .map(|k| &cells[k].1)
}

/// Month-indexed values of one series (newest vintage), converted to billions.
fn month_cells(
    ds: &Dataset,
    (source, measure): (&'static &'static str, &str),
    entity: &str,
) -> Cells {
    let Some(s) = ds.series(source, measure, entity) else {
        return Cells::new();
    };
    let factor = to_billions(&s.unit).unwrap_or(1.0);
    let mut out: Cells = s
        .view(&Vintage::Latest)
        .into_iter()
        .filter_map(|p| {
            let i = p.period.month_index()?;
            let cell = GridCell {
                value: p.value * factor,
                source,
                vintage: p.vintage.clone(),
            };
            Some((i, cell))
        })
        .collect();
    // Series are sorted by period, so month stamps come in month order.
    if !out.is_sorted_by(|a, b| a.0 < b.0) {
        out.sort_by_key(|(i, _)| *i);
        out.dedup_by_key(|(i, _)| *i);
    }
    out
}

const HOLDINGS_SOURCES: [&str; 2] = ["mfhhis01", "slt_table5"];

fn entity_list(
    ds: &Dataset,
    sources: &[&'static str],
    measure: &str,
    include_aggregates: bool,
) -> Vec<(String, EntityKind)> {
    let mut seen: BTreeMap<String, EntityKind> = BTreeMap::new();
    for src in sources {
        for s in ds.entities(src, measure, None) {
            if include_aggregates || !s.kind.is_aggregate() {
                seen.entry(s.entity.clone()).or_insert(s.kind);
            }
        }
    }
    seen.into_iter().collect()
}

/// Holdings of one entity: mfhhis01, overwritten by slt_table5 where it has the month.
fn holdings_cells(ds: &Dataset, entity: &str) -> (Cells, Cells, Cells) {
    let mfh = month_cells(ds, (&"mfhhis01", "holdings"), entity);
    let slt = month_cells(ds, (&"slt_table5", "holdings"), entity);
    let merged = merged_cells(
        mfh.iter().cloned(),
        slt.iter().cloned(),
        mfh.len().max(slt.len()),
    );
    (merged, mfh, slt)
}

/// The cells of two sources month by month, the second's where both have one.
fn merged_cells(
    a: impl Iterator<Item = (i32, GridCell)>,
    b: impl Iterator<Item = (i32, GridCell)>,
    size: usize,
) -> Cells {
    let mut merged = Cells::with_capacity(size);
    let (mut a, mut b) = (a.peekable(), b.peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.0 < y.0 => a.next(),
            (Some(x), Some(y)) if x.0 == y.0 => {
                a.next();
                b.next()
            }
            (Some(_), Some(_)) | (None, Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, None) => break,
        };
        merged.extend(next);
    }
    merged
}

/// Month-on-month change, reading both months from one source when it has both.
fn change_cells(merged: &Cells, by_source: &[&Cells]) -> Cells {
    let mut out = Cells::new();
    for (i, cell) in merged {
        let i = *i;
        let same = by_source
            .iter()
            .find(|c| cell_at(c, i).is_some_and(|x| x.source == cell.source))
            .and_then(|c| cell_at(c, i - 1));
        let prev = same.or_else(|| cell_at(merged, i - 1));
        if let Some(prev) = prev {
            out.push((
                i,
                GridCell {
                    value: cell.value - prev.value,
                    source: cell.source,
                    vintage: cell.vintage.clone(),
                },
            ));
        }
    }
    out
}

/// A row before its scale is known: entity, kind, one cell per month of the span.
type FilledRow = (String, EntityKind, Arc<[Option<GridCell>]>);

/// The series a measure's cells come from.
fn measure_series(measure: BrowseMeasure) -> &'static [(&'static str, &'static str)] {
    match measure {
        BrowseMeasure::Holdings | BrowseMeasure::MonthChange => {
            &[("mfhhis01", "holdings"), ("slt_table5", "holdings")]
        }
        BrowseMeasure::NetPurchases => &[("slt_table3", "lt_net_purchases")],
        BrowseMeasure::ValuationChange => &[("slt_table3", "lt_valuation_change")],
    }
}

/// The first and last month any of the entities' series has a value in (any
/// vintage: a month without a value in the newest view is dropped later).
fn month_span(
    ds: &Dataset,
    measure: BrowseMeasure,
    entities: &[(String, EntityKind)],
) -> Option<(i32, i32)> {
    let mut span: Option<(i32, i32)> = None;
    for (entity, _) in entities {
        for (source, m) in measure_series(measure) {
            let Some(s) = ds.series(source, m, entity) else {
                continue;
            };
            // Sorted by period: years and quarters before months, days after.
            let pts = s.all_points();
            let first = pts.iter().find_map(|p| p.period.month_index());
            let last = pts.iter().rev().find_map(|p| p.period.month_index());
            if let (Some(a), Some(b)) = (first, last) {
                span = Some(span.map_or((a, b), |(lo, hi)| (lo.min(a), hi.max(b))));
            }
        }
    }
    span
}

/// The rows of these entities, each over the `span` months from `lo`
/// (entities without any value left out).
fn entity_rows(
    ds: &Dataset,
    measure: BrowseMeasure,
    entities: &[(String, EntityKind)],
    (lo, span): (i32, usize),
) -> Vec<FilledRow> {
    let mut out = Vec::with_capacity(entities.len());
    for (entity, kind, cells) in entity_cells(ds, measure, entities) {
        let mut row: Vec<Option<GridCell>> = vec![None; span];
        for (i, cell) in cells {
            if let Some(slot) = usize::try_from(i - lo).ok().and_then(|k| row.get_mut(k)) {
                *slot = Some(cell);
            }
        }
        out.push((entity, kind, row.into()));
    }
    out
}

/// The cells of each entity in one measure (entities without any left out),
/// made one entity at a time.
fn entity_cells<'a>(
    ds: &'a Dataset,
    measure: BrowseMeasure,
    entities: &'a [(String, EntityKind)],
) -> impl Iterator<Item = (String, EntityKind, Cells)> + 'a {
    entities.iter().filter_map(move |(entity, kind)| {
        let cells = match measure {
            BrowseMeasure::Holdings => {
                let mfh = month_cells(ds, (&"mfhhis01", "holdings"), entity);
                let slt = month_cells(ds, (&"slt_table5", "holdings"), entity);
                let size = mfh.len().max(slt.len());
                merged_cells(mfh.into_iter(), slt.into_iter(), size)
            }
            BrowseMeasure::MonthChange => {
                let (merged, mfh, slt) = holdings_cells(ds, entity);
                change_cells(&merged, &[&slt, &mfh])
            }
            BrowseMeasure::NetPurchases => {
                month_cells(ds, (&"slt_table3", "lt_net_purchases"), entity)
            }
            BrowseMeasure::ValuationChange => {
                month_cells(ds, (&"slt_table3", "lt_valuation_change"), entity)
            }
        };
        (!cells.is_empty()).then(|| (entity.clone(), *kind, cells))
    })
}

fn row_scale(measure: BrowseMeasure, cells: &[Option<GridCell>]) -> f64 {
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

impl Grid {
    /// Builds the grid of one measure from the dataset (newest vintages).
    pub fn build(ds: &Dataset, measure: BrowseMeasure, include_aggregates: bool) -> Grid {
        Grid::build_all(ds, measure).view(include_aggregates)
    }

    /// The grid of one measure with every row, aggregates included.
    pub fn build_all(ds: &Dataset, measure: BrowseMeasure) -> Grid {
        let include_aggregates = true;
        let entities: Vec<(String, EntityKind)> = match measure {
            BrowseMeasure::Holdings | BrowseMeasure::MonthChange => {
                entity_list(ds, &HOLDINGS_SOURCES, "holdings", include_aggregates)
            }
            BrowseMeasure::NetPurchases => {
                entity_list(ds, &["slt_table3"], "lt_net_purchases", include_aggregates)
            }
            BrowseMeasure::ValuationChange => entity_list(
                ds,
                &["slt_table3"],
                "lt_valuation_change",
                include_aggregates,
            ),
        };
        // Every row spans the months from the first to the last any series
        // has; each row's cells are filled in place (no per-entity lists held
        // for the whole table), and months left without any value dropped.
        let (lo, hi) = month_span(ds, measure, &entities).unwrap_or((0, -1));
        let span = usize::try_from(hi - lo + 1).unwrap_or(0);
        // The rows are independent: two halves are built at once.
        let half = entities.len() / 2;
        let (first, second) = entities.split_at(half);
        let filled: Vec<FilledRow> = if half < 64 {
            entity_rows(ds, measure, &entities, (lo, span))
        } else {
            std::thread::scope(|scope| {
                let other = scope.spawn(|| entity_rows(ds, measure, second, (lo, span)));
                let mut mine = entity_rows(ds, measure, first, (lo, span));
                match other.join() {
                    Ok(rest) => mine.extend(rest),
                    Err(_) => mine.extend(entity_rows(ds, measure, second, (lo, span))),
                }
                mine
            })
        };
        let used: Vec<bool> = (0..span)
            .map(|c| filled.iter().any(|(_, _, cells)| cells[c].is_some()))
            .collect();
        let month_idx: Vec<i32> = (0..span)
            .filter(|&c| used[c])
            .map(|c| lo + c as i32)
            .collect();
        let rows = filled
            .into_iter()
            .map(|(entity, kind, cells)| {
                let cells: Arc<[Option<GridCell>]> = if month_idx.len() == span {
                    cells
                } else {
                    (0..span)
                        .filter(|&c| used[c])
                        .map(|c| cells[c].clone())
                        .collect()
                };
                let scale = row_scale(measure, &cells);
                Row {
                    entity,
                    kind,
                    cells,
                    scale,
                }
            })
            .collect();
        let months: Vec<Period> = month_idx
            .into_iter()
            .map(Period::from_month_index)
            .collect();
        Grid::sorted(measure, include_aggregates, months, rows)
    }

    /// A grid of these rows in the default sort: the newest month, largest first.
    fn sorted(
        measure: BrowseMeasure,
        include_aggregates: bool,
        months: Vec<Period>,
        rows: Vec<Row>,
    ) -> Grid {
        let mut grid = Grid {
            measure,
            include_aggregates,
            sort: (SortKey::Name, SortDir::Asc),
            months,
            rows,
        };
        let default_sort = match grid.months.last() {
            Some(p) => (SortKey::Month(*p), SortDir::Desc),
            None => (SortKey::Name, SortDir::Asc),
        };
        grid.sort_by(default_sort.0, default_sort.1);
        grid
    }

    /// This grid (built with every row) with or without the aggregate rows,
    /// in the default sort. Rows share their cells with this grid; months no
    /// remaining row has a value in are left out, as a build without the
    /// aggregates would.
    pub fn view(&self, include_aggregates: bool) -> Grid {
        let keep: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| include_aggregates || !r.kind.is_aggregate())
            .collect();
        let used: Vec<bool> = (0..self.months.len())
            .map(|c| keep.iter().any(|r| r.cells[c].is_some()))
            .collect();
        let (months, rows): (Vec<Period>, Vec<Row>) = if used.iter().all(|u| *u) {
            (self.months.clone(), keep.into_iter().cloned().collect())
        } else {
            let months = (0..self.months.len())
                .filter(|&c| used[c])
                .map(|c| self.months[c])
                .collect();
            let rows = keep
                .into_iter()
                .map(|r| {
                    let cells: Vec<Option<GridCell>> = (0..self.months.len())
                        .filter(|&c| used[c])
                        .map(|c| r.cells[c].clone())
                        .collect();
                    Row {
                        entity: r.entity.clone(),
                        kind: r.kind,
                        scale: row_scale(self.measure, &cells),
                        cells: cells.into(),
                    }
                })
                .collect();
            (months, rows)
        };
        Grid::sorted(self.measure, include_aggregates, months, rows)
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() || self.months.is_empty()
    }

    /// Sorts rows: countries first, then aggregates, each group by `key`;
    /// missing values go last in either direction, ties by name.
    pub fn sort_by(&mut self, key: SortKey, dir: SortDir) {
        let col = match key {
            SortKey::Month(p) => self.col_of(&p),
            SortKey::Name => None,
        };
        let key = if col.is_none() { SortKey::Name } else { key };
        self.rows.sort_by(|a, b| {
            let group = a.kind.is_aggregate().cmp(&b.kind.is_aggregate());
            let by_value = match col {
                Some(c) => match (a.value(c), b.value(c)) {
                    (Some(x), Some(y)) => {
                        let o = x.total_cmp(&y);
                        if dir == SortDir::Desc { o.reverse() } else { o }
                    }
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                },
                None => {
                    let o = a.entity.cmp(&b.entity);
                    if dir == SortDir::Desc { o.reverse() } else { o }
                }
            };
            group.then(by_value).then_with(|| a.entity.cmp(&b.entity))
        });
        self.sort = (key, dir);
    }

    /// Sorts by the value of column `col`.
    pub fn sort_by_col(&mut self, col: usize, dir: SortDir) {
        match self.months.get(col) {
            Some(p) => self.sort_by(SortKey::Month(*p), dir),
            None => self.sort_by(SortKey::Name, dir),
        }
    }

    /// Row indexes whose name contains `needle` or is one of its aliases (see `data::names`), in display order.
    pub fn filter(&self, needle: &str) -> Vec<usize> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| crate::data::names::filter_matches(&r.entity, needle))
            .map(|(i, _)| i)
            .collect()
    }

    /// Index of the first aggregate row, if any.
    pub fn first_aggregate(&self) -> Option<usize> {
        self.rows.iter().position(|r| r.kind.is_aggregate())
    }

    pub fn row_of(&self, entity: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.entity == entity)
    }

    /// Column of a single month.
    pub fn col_of(&self, period: &Period) -> Option<usize> {
        let i = period.month_index()?;
        self.months
            .binary_search_by_key(&i, |p| p.month_index().unwrap_or(i32::MIN))
            .ok()
    }

    /// Columns whose month lies within `[from, to]` (empty when none does).
    pub fn cols_within(&self, from: &Period, to: &Period) -> Range<usize> {
        let start = self
            .months
            .partition_point(|p| p.last_day() < from.first_day());
        let end = self
            .months
            .partition_point(|p| p.first_day() <= to.last_day());
        start..end.max(start)
    }

    pub fn cell(&self, row: usize, col: usize) -> Option<&GridCell> {
        self.rows.get(row)?.cells.get(col)?.as_ref()
    }

    pub fn value(&self, row: usize, col: usize) -> Option<f64> {
        self.cell(row, col).map(|c| c.value)
    }

    /// A mark for a move that stands out in its row: for holdings a monthly
    /// change of at least 3 times the row's typical change (and 2%); for flows
    /// a value at least 3 times the row's typical size (and 1 USD bn).
    pub fn large_move(&self, row: usize, col: usize) -> Option<Move> {
        let r = self.rows.get(row)?;
        let v = r.value(col)?;
        let (x, floor) = if self.measure.is_flow() {
            (v, 1.0)
        } else {
            let prev = r.value(col.checked_sub(1)?)?;
            if prev == 0.0 {
                return None;
            }
            ((v - prev) / prev, 0.02)
        };
        if x.abs() >= floor && x.abs() >= 3.0 * r.scale && r.scale > 0.0 {
            Some(if x > 0.0 { Move::Up } else { Move::Down })
        } else {
            None
        }
    }

    /// `(period, value)` of one row within `[from, to]` (all months when `None`).
    pub fn row_points(
        &self,
        row: usize,
        from: Option<&Period>,
        to: Option<&Period>,
    ) -> Vec<(Period, f64)> {
        let Some(r) = self.rows.get(row) else {
            return Vec::new();
        };
        let range = match (from, to) {
            (Some(f), Some(t)) => self.cols_within(f, t),
            _ => 0..self.months.len(),
        };
        range
            .filter_map(|c| r.value(c).map(|v| (self.months[c], v)))
            .collect()
    }
}

/// Claims whose series (see [`claim_series`]) include `entity` over a window that covers `period`.
pub fn claims_using<'a>(case: &'a Case, entity: &str, period: &Period) -> Vec<&'a Evaluation> {
    case.evaluations
        .iter()
        .filter(|e| {
            claim_series(e)
                .iter()
                .any(|s| s.entity == entity && period.within(&s.from, &s.to))
        })
        .collect()
}

/// The series a claim speaks of: its `series`, or, when it names none, the
/// series of its evidence cells (each over the months the cells cover).
pub fn claim_series(e: &Evaluation) -> Vec<SeriesRef> {
    if !e.series.is_empty() {
        return e.series.clone();
    }
    let mut out: Vec<SeriesRef> = Vec::new();
    for c in e.today.evidence.iter().chain(&e.as_published.evidence) {
        match out
            .iter_mut()
            .find(|s| s.source == c.source && s.measure == c.measure && s.entity == c.entity)
        {
            Some(s) => {
                s.from = s.from.min(c.period);
                s.to = s.to.max(c.period);
            }
            None => out.push(SeriesRef {
                source: c.source.clone(),
                measure: c.measure.clone(),
                entity: c.entity.clone(),
                from: c.period,
                to: c.period,
            }),
        }
    }
    out
}

/// The values of a series around a claim's window.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSeries {
    pub label: String,
    pub unit: String,
    pub points: Vec<(Period, f64)>,
    /// The claim's window.
    pub from: Period,
    pub to: Period,
}

impl LineSeries {
    /// True when a point's period lies within the claim's window.
    pub fn in_window(&self, p: &Period) -> bool {
        p.within(&self.from, &self.to)
    }
}

/// The first day of a period moved by `months` (for padding windows of any resolution).
fn shift(p: &Period, months: i32, end: bool) -> Period {
    use chrono::Months;
    let day = if end { p.last_day() } else { p.first_day() };
    let moved = if months >= 0 {
        day.checked_add_months(Months::new(months as u32))
    } else {
        day.checked_sub_months(Months::new(months.unsigned_abs()))
    };
    Period::day(moved.unwrap_or(day))
}

/// Values of a claim's series from `pad_months` before its window to `pad_months` after (newest vintage).
pub fn series_window(ds: &Dataset, sref: &SeriesRef, pad_months: i32) -> LineSeries {
    let from = shift(&sref.from, -pad_months, false);
    let (unit, points) = match ds.series(&sref.source, &sref.measure, &sref.entity) {
        Some(s) => {
            // From `pad_months` before the claim to the newest data, so that the
            // line always reaches today.
            let newest = s.view(&Vintage::Latest).last().map(|p| p.period);
            let to = match newest {
                Some(n) if n.last_day() >= sref.to.last_day() => n,
                Some(_) => sref.to,
                None => shift(&sref.to, pad_months, true),
            };
            (
                s.unit.clone(),
                s.range(&from, &to, &Vintage::Latest)
                    .into_iter()
                    .map(|p| (p.period, p.value))
                    .collect(),
            )
        }
        None => (String::new(), Vec::new()),
    };
    LineSeries {
        label: format!(
            "{} · {}",
            sref.entity,
            crate::catalogue::measure_name(&sref.measure)
        ),
        unit,
        points,
        from: sref.from,
        to: sref.to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Outcome, Verdict};

    const TABLES: [(&str, &str); 3] = [
        (
            "mfh",
            "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
mfhhis01,holdings,Japan,country,2024-01,1000,USD billions,2024-03-18,,
mfhhis01,holdings,Japan,country,2024-02,1010,USD billions,2024-04-18,,
mfhhis01,holdings,Japan,country,2024-03,1020,USD billions,2024-05-18,,
mfhhis01,holdings,Japan,country,2024-03,1021,USD billions,2024-06-18,,
mfhhis01,holdings,China,country,2024-01,800,USD billions,2024-03-18,,
mfhhis01,holdings,China,country,2024-02,790,USD billions,2024-04-18,,
mfhhis01,holdings,China,country,2024-03,780,USD billions,2024-05-18,,
mfhhis01,holdings,Grand Total,total,2024-03,8000,USD billions,2024-05-18,,
",
        ),
        (
            "t5",
            "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
slt_table5,holdings,Japan,country,2024-03,1030,USD billions,2024-07,,
slt_table5,holdings,Japan,country,2024-04,1040,USD billions,2024-07,,
",
        ),
        (
            "t3",
            "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
slt_table3,lt_net_purchases,Japan,country,2024-02,-5000,USD millions,2024-07,,
slt_table3,lt_net_purchases,Japan,country,2024-03,2500,USD millions,2024-07,,
slt_table3,lt_net_purchases,China,country,2024-03,-1500,USD millions,2024-07,,
",
        ),
    ];

    fn ds() -> Dataset {
        Dataset::from_tables(TABLES.iter().map(|(n, t)| (n.to_string(), *t))).unwrap()
    }

    #[test]
    fn holdings_prefer_slt_table5_and_newest_vintage() {
        let g = Grid::build(&ds(), BrowseMeasure::Holdings, false);
        assert_eq!(
            g.months.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            ["2024-01", "2024-02", "2024-03", "2024-04"]
        );
        let j = g.row_of("Japan").unwrap();
        let c = g.col_of(&Period::month(2024, 3)).unwrap();
        let cell = g.cell(j, c).unwrap();
        assert_eq!((cell.value, *cell.source), (1030.0, "slt_table5"));
        assert_eq!(g.value(j, 1), Some(1010.0));
        assert_eq!(*g.cell(j, 1).unwrap().source, "mfhhis01");
        assert!(g.row_of("Grand Total").is_none());
        // Default sort: newest month, largest first; China has no value there, so last.
        assert_eq!(g.rows[0].entity, "Japan");
        assert_eq!(g.rows[1].entity, "China");
    }

    #[test]
    fn aggregates_come_after_countries() {
        let mut g = Grid::build(&ds(), BrowseMeasure::Holdings, true);
        g.sort_by_col(2, SortDir::Desc);
        let names: Vec<&str> = g.rows.iter().map(|r| r.entity.as_str()).collect();
        assert_eq!(names, ["Japan", "China", "Grand Total"]);
        assert_eq!(g.first_aggregate(), Some(2));
        g.sort_by_col(2, SortDir::Asc);
        let names: Vec<&str> = g.rows.iter().map(|r| r.entity.as_str()).collect();
        assert_eq!(names, ["China", "Japan", "Grand Total"]);
        g.sort_by(SortKey::Name, SortDir::Desc);
        assert_eq!(g.rows[0].entity, "Japan");
    }

    #[test]
    fn flows_are_shown_in_billions_and_changes_use_one_source() {
        let d = ds();
        let g = Grid::build(&d, BrowseMeasure::NetPurchases, false);
        let j = g.row_of("Japan").unwrap();
        assert_eq!(
            g.value(j, g.col_of(&Period::month(2024, 2)).unwrap()),
            Some(-5.0)
        );
        let g = Grid::build(&d, BrowseMeasure::MonthChange, false);
        let j = g.row_of("Japan").unwrap();
        // 2024-04 from slt_table5 minus 2024-03 from slt_table5.
        assert_eq!(
            g.value(j, g.col_of(&Period::month(2024, 4)).unwrap()),
            Some(10.0)
        );
        // 2024-03 (slt_table5 1030) has no 2024-02 in slt_table5: falls back to the merged row.
        assert_eq!(
            g.value(j, g.col_of(&Period::month(2024, 3)).unwrap()),
            Some(20.0)
        );
        assert_eq!(
            g.value(j, g.col_of(&Period::month(2024, 2)).unwrap()),
            Some(10.0)
        );
    }

    #[test]
    fn filter_is_case_insensitive_substring() {
        let g = Grid::build(&ds(), BrowseMeasure::Holdings, true);
        let rows = g.filter("AP");
        assert_eq!(rows.len(), 1);
        assert_eq!(g.rows[rows[0]].entity, "Japan");
        assert_eq!(g.filter("").len(), 3);
        assert!(g.filter("zzz").is_empty());
    }

    #[test]
    fn windows_and_points() {
        let g = Grid::build(&ds(), BrowseMeasure::Holdings, false);
        let q: Period = "2024-Q1".parse().unwrap();
        assert_eq!(g.cols_within(&q, &q), 0..3);
        let j = g.row_of("Japan").unwrap();
        let pts = g.row_points(
            j,
            Some(&Period::month(2024, 2)),
            Some(&Period::month(2024, 3)),
        );
        assert_eq!(pts.len(), 2);
        assert_eq!(pts[1].1, 1030.0);
    }

    fn eval_with(series: Vec<SeriesRef>) -> Evaluation {
        let o = Outcome::empty(Verdict::Unverifiable);
        Evaluation {
            id: "c1".into(),
            section: "1".into(),
            quote: "q".into(),
            check: "sum".into(),
            claimed: String::new(),
            claimed_value: None,
            unit: String::new(),
            verdict: Verdict::Unverifiable,
            conclusion: String::new(),
            as_published: o.clone(),
            today: o,
            context: vec![],
            series,
            note: None,
            readings: vec![],
            readings_summary: String::new(),
            repeats: None,
            status: "accepted".into(),
        }
    }

    #[test]
    fn cells_know_their_claims_and_series_windows_pad() {
        let sref = SeriesRef {
            source: "slt_table3".into(),
            measure: "lt_net_purchases".into(),
            entity: "Japan".into(),
            from: Period::month(2024, 3),
            to: Period::month(2024, 3),
        };
        let article = crate::claims::Article::parse("a.md", "# T\n## 1. A\nq\n").unwrap();
        let case = Case {
            article,
            date: "2024-05-01".into(),
            date_reason: String::new(),
            evaluations: vec![eval_with(vec![sref.clone()])],
        };
        assert_eq!(
            claims_using(&case, "Japan", &Period::month(2024, 3)).len(),
            1
        );
        assert!(claims_using(&case, "Japan", &Period::month(2024, 2)).is_empty());
        assert!(claims_using(&case, "China", &Period::month(2024, 3)).is_empty());
        let d = ds();
        let w = series_window(&d, &sref, 1);
        assert_eq!(w.points.len(), 2);
        assert!(w.in_window(&w.points[1].0) && !w.in_window(&w.points[0].0));
        assert_eq!(series_window(&d, &sref, 0).points.len(), 1);
    }

    #[test]
    fn large_moves_are_marked() {
        let mut g = Grid::build(&ds(), BrowseMeasure::NetPurchases, false);
        let j = g.row_of("Japan").unwrap();
        // Japan's typical size is 3.75; neither value is 3 times that.
        assert_eq!(g.large_move(j, 0), None);
        g.rows[j].scale = 1.0;
        assert_eq!(g.large_move(j, 0), Some(Move::Down));
        assert_eq!(BrowseMeasure::Holdings.next(), BrowseMeasure::NetPurchases);
        assert_eq!(BrowseMeasure::MonthChange.next(), BrowseMeasure::Holdings);
    }
}
