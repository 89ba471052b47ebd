//! The country × month browser model (no terminal types).
//!
//! A [`Grid`] holds one measure for every entity (rows) and month (columns,
//! oldest first). Holdings read the newest release of the major holders
//! (`slt_table5`) where it has the month, the long history (`mfhhis01`)
//! elsewhere, and Table 3 (`slt_table3`, every country) where neither has it;
//! flows read `slt_table3`. All values are shown in USD billions.

pub mod blocs;
mod rows;

pub use rows::{GridCell, Row};

use crate::claims::{Case, Evaluation, SeriesRef};
use crate::data::{Dataset, EntityKind, Period, Vintage};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// What the grid shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum BrowseMeasure {
    /// Holdings of US Treasury securities (slt_table5, else mfhhis01, else slt_table3).
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

    /// The measure's name: [`crate::catalogue::measure_name`] of the series it
    /// shows, as the card, `check` and provenance name it.
    pub fn label(self) -> String {
        let name = |m: &str| {
            let n = crate::catalogue::measure_name(m);
            let mut c = n.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        };
        match self {
            BrowseMeasure::Holdings => name("holdings"),
            BrowseMeasure::NetPurchases => name("lt_net_purchases"),
            BrowseMeasure::ValuationChange => name("lt_valuation_change"),
            BrowseMeasure::MonthChange => format!(
                "Month-on-month change in {}",
                crate::catalogue::measure_name("holdings")
            ),
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
    if unit == "USD billions" {
        return Some(1.0);
    }
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
    pub fn full(&mut self, ds: &Arc<Dataset>, measure: BrowseMeasure) -> Arc<Grid> {
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
    pub fn grid(
        &mut self,
        ds: &Arc<Dataset>,
        measure: BrowseMeasure,
        include_aggregates: bool,
    ) -> Grid {
        self.full(ds, measure).view(include_aggregates)
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
    /// The months in which a row other than an aggregate has a value (the
    /// months of the grid without aggregates).
    country_months: Vec<Period>,
    /// The width of the longest short name of a row, once measured (a grid
    /// of 15,000 rows would measure every name on every frame).
    name_width: crate::memo::Memo<usize>,
}

impl Grid {
    /// Builds the grid of one measure from the dataset (newest vintages).
    pub fn build(ds: &Arc<Dataset>, measure: BrowseMeasure, include_aggregates: bool) -> Grid {
        Grid::build_all(ds, measure).view(include_aggregates)
    }

    /// The grid of one measure with every row, aggregates included. No row's
    /// cells are made yet: the months come from the series' periods, and the
    /// default sort reads one value per row.
    pub fn build_all(ds: &Arc<Dataset>, measure: BrowseMeasure) -> Grid {
        // Every entity of the measure's series, with the places of its series.
        let mut entities: BTreeMap<&str, (EntityKind, rows::Places)> = BTreeMap::new();
        let mut span: Option<(i32, i32)> = None;
        for (k, (source, m)) in rows::measure_series(measure).iter().enumerate() {
            for (place, s) in ds.series_of(source, m) {
                let entry = entities
                    .entry(s.entity.as_str())
                    .or_insert((s.kind, [None; 3]));
                entry.1[k] = Some(place);
                if let Some((a, b)) = rows::series_span(s) {
                    span = Some(span.map_or((a, b), |(lo, hi)| (lo.min(a), hi.max(b))));
                }
            }
        }
        let entities: Vec<(&str, (EntityKind, rows::Places))> = entities.into_iter().collect();
        let (lo, hi) = span.unwrap_or((0, -1));
        let span = usize::try_from(hi - lo + 1).unwrap_or(0);
        // Which months each entity has a value in, on every core, a few
        // hundred entities at a time; entities without any are left out.
        let chunks: Vec<&[(&str, (EntityKind, rows::Places))]> = entities.chunks(256).collect();
        let parts = crate::par::map_in_order(&chunks, |chunk| {
            let mut all = rows::MonthSet::new(lo, span);
            let mut countries = rows::MonthSet::new(lo, span);
            let mut kept = Vec::with_capacity(chunk.len());
            for (_, (kind, places)) in chunk.iter() {
                let months = rows::row_months(ds, measure, *places, (lo, span));
                kept.push(!months.is_empty());
                if !kind.is_aggregate() {
                    countries.union(&months);
                }
                all.union(&months);
            }
            (kept, all, countries)
        });
        let mut all = rows::MonthSet::new(lo, span);
        let mut countries = rows::MonthSet::new(lo, span);
        let mut kept = Vec::with_capacity(entities.len());
        for (k, a, c) in &parts {
            kept.extend(k);
            all.union(a);
            countries.union(c);
        }
        let maker = rows::Maker {
            ds: ds.clone(),
            measure,
            months: all.months().into(),
        };
        let rows = entities
            .into_iter()
            .zip(kept)
            .filter(|(_, kept)| *kept)
            .map(|((entity, (kind, places)), _)| {
                Row::lazy(entity.to_string(), kind, maker.clone(), places)
            })
            .collect();
        let periods = |m: &[i32]| m.iter().map(|&i| Period::from_month_index(i)).collect();
        // In name order (which reads no values): the grids shown are views
        // of this one, each in its own sort.
        let mut grid = Grid {
            measure,
            include_aggregates: true,
            months: periods(&maker.months),
            rows,
            sort: (SortKey::Name, SortDir::Asc),
            country_months: periods(&countries.months()),
            name_width: crate::memo::Memo::default(),
        };
        grid.sort_by(SortKey::Name, SortDir::Asc);
        grid
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
            country_months: months.clone(),
            name_width: crate::memo::Memo::default(),
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

    /// A grid of rows already in order (the bloc view's).
    pub(crate) fn of_rows(
        measure: BrowseMeasure,
        months: Vec<Period>,
        rows: Vec<Row>,
        sort: (SortKey, SortDir),
    ) -> Grid {
        Grid {
            measure,
            include_aggregates: false,
            country_months: months.clone(),
            name_width: crate::memo::Memo::default(),
            months,
            rows,
            sort,
        }
    }

    /// This grid (built with every row) with or without the aggregate rows,
    /// in the default sort. Rows share their cells with this grid; months no
    /// remaining row has a value in are left out, as a build without the
    /// aggregates would.
    pub fn view(&self, include_aggregates: bool) -> Grid {
        let keep = self
            .rows
            .iter()
            .filter(|r| include_aggregates || !r.kind.is_aggregate());
        let months = if include_aggregates {
            &self.months
        } else {
            &self.country_months
        };
        let rows: Vec<Row> = if months.len() == self.months.len() {
            keep.cloned().collect()
        } else {
            let cols: Vec<usize> = months.iter().filter_map(|p| self.col_of(p)).collect();
            let idx: Arc<[i32]> = months.iter().filter_map(|p| p.month_index()).collect();
            keep.map(|r| r.over(self.measure, &idx, &cols)).collect()
        };
        let mut grid = Grid::sorted(self.measure, include_aggregates, months.clone(), rows);
        grid.country_months = self.country_months.clone();
        grid
    }

    /// The display width of the longest short name of a row (see
    /// [`crate::catalogue::short_entity`]), measured once per grid.
    pub fn name_width(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
        *self.name_width.get_or_init(|| {
            self.rows
                .iter()
                .map(|r| crate::catalogue::short_entity(&r.entity).width())
                .max()
                .unwrap_or(0)
        })
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
        // One value per row, read once (a row not made yet reads it from its series).
        // Reading a row's value from its series mostly waits on memory: a
        // large grid reads on every core, a few thousand rows at a time.
        let values: Vec<Option<f64>> = match col {
            Some(c) => {
                let chunks: Vec<&[Row]> = self.rows.chunks(2048).collect();
                crate::par::map_in_order(&chunks, |rows| {
                    rows.iter().map(|r| r.sort_value(c)).collect::<Vec<_>>()
                })
                .concat()
            }
            None => Vec::new(),
        };
        let mut keyed: Vec<(Option<f64>, Row)> = std::mem::take(&mut self.rows)
            .into_iter()
            .enumerate()
            .map(|(i, r)| (values.get(i).copied().flatten(), r))
            .collect();
        keyed.sort_by(|(va, a), (vb, b)| {
            let group = a.kind.is_aggregate().cmp(&b.kind.is_aggregate());
            let by_value = match col {
                Some(_) => match (va, vb) {
                    (Some(x), Some(y)) => {
                        let o = x.total_cmp(y);
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
        self.rows = keyed.into_iter().map(|(_, r)| r).collect();
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
        self.rows.get(row)?.cell(col)
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
        if x.abs() >= floor && x.abs() >= 3.0 * r.scale() && r.scale() > 0.0 {
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

    fn ds() -> Arc<Dataset> {
        Arc::new(Dataset::from_tables(TABLES.iter().map(|(n, t)| (n.to_string(), *t))).unwrap())
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
            windows: vec![],
            windows_summary: String::new(),
            proxy: None,
            claimed_words: None,
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
        // With a typical size of 1.25, -5 is a large move down.
        let small = g.rows[j].cells()[1]
            .clone()
            .map(|c| GridCell { value: 0.5, ..c });
        let mut cells = vec![g.rows[j].cells()[0].clone()];
        cells.extend(std::iter::repeat_n(small, 5));
        g.rows[j] = Row::with_cells("Japan".into(), EntityKind::Country, g.measure, cells);
        assert_eq!(g.large_move(j, 0), Some(Move::Down));
        assert_eq!(BrowseMeasure::Holdings.next(), BrowseMeasure::NetPurchases);
        assert_eq!(BrowseMeasure::MonthChange.next(), BrowseMeasure::Holdings);
    }
}
