//! What the browser shows: the grid of a measure (countries, or the bloc view's
//! blocs and members), the rows that pass the filter, and the selected cell.
//! The browser owns it and changes it; the panes that chart its rows (the
//! sparklines, the country chart, the share chart) read it in the
//! [`Context`](super::context::Context). No terminal types here.

use crate::browse::blocs::{BlocView, RowRole};
use crate::browse::{BrowseMeasure, Grid, GridCache, SortDir, SortKey, claim_series};
use crate::claims::Evaluation;
use crate::data::blocs::Blocs;
use crate::data::{Dataset, Period};
use std::sync::Arc;

#[derive(Clone)]
pub struct Rows {
    grid: Grid,
    /// The grids of the last measures shown, with every row (see [`GridCache`]).
    cache: GridCache,
    show_aggregates: bool,
    /// Rows of the grid that pass the filter, in display order.
    visible: Vec<usize>,
    filter: String,
    /// The filter before editing began (`Some` while typing).
    filter_before: Option<String>,
    /// Index into `visible`.
    sel_row: usize,
    /// Index into `grid.months`.
    sel_col: usize,
    /// The bloc view (`b`), while on: `grid` then holds its rows.
    bloc_view: Option<BlocView>,
}

impl Rows {
    /// The rows of a measure's grid, the newest month selected.
    pub fn new(ds: &Arc<Dataset>, mut cache: GridCache, measure: BrowseMeasure) -> Rows {
        let grid = cache.grid(ds, measure, false);
        Rows {
            visible: (0..grid.rows.len()).collect(),
            sel_col: grid.months.len().saturating_sub(1),
            grid,
            cache,
            show_aggregates: false,
            filter: String::new(),
            filter_before: None,
            sel_row: 0,
            bloc_view: None,
        }
    }

    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// Rows of the grid that pass the filter, in display order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// The selected row, as an index into [`Rows::visible`].
    pub fn sel_row(&self) -> usize {
        self.sel_row
    }

    /// The selected month, as an index into the grid's months.
    pub fn sel_col(&self) -> usize {
        self.sel_col
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// Whether a filter is being typed.
    pub fn editing(&self) -> bool {
        self.filter_before.is_some()
    }

    pub fn show_aggregates(&self) -> bool {
        self.show_aggregates
    }

    pub fn bloc_view(&self) -> Option<&BlocView> {
        self.bloc_view.as_ref()
    }

    /// The grid row under the cursor.
    pub fn row(&self) -> Option<usize> {
        self.visible.get(self.sel_row).copied()
    }

    /// The entity of the row under the cursor.
    pub fn entity(&self) -> Option<&str> {
        self.row().map(|r| self.grid.rows[r].entity.as_str())
    }

    /// Whether the selected row is a bloc (where Enter shows or hides members).
    pub fn on_bloc_row(&self) -> bool {
        let (Some(v), Some(r)) = (self.bloc_view.as_ref(), self.row()) else {
            return false;
        };
        matches!(v.roles.get(r), Some(RowRole::Bloc(_)))
    }

    /// A bloc row whose members listed in month `col` are not those of the month
    /// before: its two sums are not comparable. The coverage then, if so.
    pub fn members_changed(&self, row: usize, col: usize) -> Option<(usize, usize)> {
        let v = self.bloc_view.as_ref()?;
        let prev = v.bloc_cell(row, col.checked_sub(1)?)?;
        let now = v.bloc_cell(row, col)?;
        (prev.present != now.present).then(|| prev.coverage())
    }

    // ----- the cursor ------------------------------------------------------

    pub fn move_row(&mut self, step: isize) {
        let n = self.visible.len() as isize;
        if n > 0 {
            self.sel_row = (self.sel_row as isize + step).clamp(0, n - 1) as usize;
        }
    }

    pub fn move_col(&mut self, step: isize) {
        let n = self.grid.months.len() as isize;
        if n > 0 {
            self.sel_col = (self.sel_col as isize + step).clamp(0, n - 1) as usize;
        }
    }

    /// Puts the cursor on a row (of `visible`) and a month, as given.
    pub fn set_cursor(&mut self, row: usize, col: usize) {
        self.sel_row = row;
        self.sel_col = col;
    }

    pub fn first_col(&mut self) {
        self.sel_col = 0;
    }

    pub fn last_col(&mut self) {
        self.sel_col = self.grid.months.len().saturating_sub(1);
    }

    pub fn select_entity(&mut self, entity: &str) {
        if let Some(r) = self.grid.row_of(entity)
            && let Some(pos) = self.visible.iter().position(|&v| v == r)
        {
            self.sel_row = pos;
        }
    }

    fn nearest_col(&self, p: &Period) -> Option<usize> {
        if self.grid.months.is_empty() {
            return None;
        }
        let i = self
            .grid
            .months
            .partition_point(|m| m.last_day() < p.first_day());
        Some(i.min(self.grid.months.len() - 1))
    }

    // ----- the grid --------------------------------------------------------

    /// Rebuilds the grid for a measure, keeping the selected entity, month and sort.
    pub fn rebuild(&mut self, ds: &Arc<Dataset>, blocs: &Blocs, measure: BrowseMeasure) {
        if self.bloc_view.is_some() {
            return self.rebuild_blocs(ds, blocs, measure);
        }
        let entity = self.entity().map(str::to_string);
        let month = self.grid.months.get(self.sel_col).copied();
        let sort = self.grid.sort;
        self.grid = self.cache.grid(ds, measure, self.show_aggregates);
        match sort {
            // Already in that order (the default sort).
            _ if sort == self.grid.sort => {}
            (SortKey::Month(p), dir) => {
                if self.grid.col_of(&p).is_some() {
                    self.grid.sort_by(SortKey::Month(p), dir);
                }
            }
            (key, dir) => self.grid.sort_by(key, dir),
        }
        self.refilter();
        self.sel_col = month
            .and_then(|m| self.nearest_col(&m))
            .unwrap_or(self.grid.months.len().saturating_sub(1));
        if let Some(e) = entity {
            self.select_entity(&e);
        }
    }

    /// `m`: the next measure.
    pub fn cycle_measure(&mut self, ds: &Arc<Dataset>, blocs: &Blocs) {
        self.rebuild(ds, blocs, self.grid.measure.next());
    }

    /// `a`: shows or hides the aggregates; the bloc view has none (the message says so).
    pub fn toggle_aggregates(&mut self, ds: &Arc<Dataset>, blocs: &Blocs) -> Option<String> {
        if self.bloc_view.is_some() {
            return Some("The bloc view has no aggregate rows: b goes back to countries.".into());
        }
        self.show_aggregates = !self.show_aggregates;
        self.rebuild(ds, blocs, self.grid.measure);
        None
    }

    /// `s`/`S`: sorts by the selected month (by name when there is none), the cursor on top.
    pub fn sort(&mut self, dir: SortDir) {
        match self.grid.months.get(self.sel_col).copied() {
            Some(p) => self.sort_rows(SortKey::Month(p), dir),
            None => self.sort_rows(SortKey::Name, dir),
        }
        self.sel_row = 0;
    }

    /// Recomputes the visible rows after a filter or sort change.
    fn refilter(&mut self) {
        self.visible = match &self.bloc_view {
            Some(v) => v.visible(&self.grid, &self.filter),
            None => self.grid.filter(&self.filter),
        };
        self.sel_row = self.sel_row.min(self.visible.len().saturating_sub(1));
    }

    /// Sorts the rows of either view, keeping the selected row.
    fn sort_rows(&mut self, key: SortKey, dir: SortDir) {
        match self.bloc_view.as_mut() {
            Some(v) => {
                v.sort_by(key, dir);
                self.reshow_blocs();
            }
            None => {
                self.grid.sort_by(key, dir);
                self.refilter();
            }
        }
    }

    // ----- the filter ------------------------------------------------------

    /// `/`: a new filter (the kept one comes back if this one is cancelled).
    pub fn start_filter(&mut self) {
        self.filter_before = Some(std::mem::take(&mut self.filter));
        self.refilter();
    }

    pub fn filter_char(&mut self, c: char) {
        if self.filter_before.is_some() {
            self.filter.push(c);
            self.refilter();
        }
    }

    pub fn filter_backspace(&mut self) {
        self.filter.pop();
        self.refilter();
    }

    /// Esc: while typing, back to the filter kept before; else the kept filter cleared.
    pub fn filter_cancel(&mut self) {
        self.filter = self.filter_before.take().unwrap_or_default();
        self.refilter();
    }

    pub fn filter_accept(&mut self) {
        self.filter_before = None;
    }

    // ----- the bloc view ---------------------------------------------------

    /// `b`: countries ⇄ blocs, keeping the measure and the month; the first row selected.
    pub fn toggle_blocs(&mut self, ds: &Arc<Dataset>, blocs: &Blocs) {
        let measure = self.grid.measure;
        if self.bloc_view.take().is_some() {
            self.rebuild(ds, blocs, measure);
        } else {
            let month = self.grid.months.get(self.sel_col).copied();
            self.bloc_view = Some(BlocView::build(ds, blocs, measure));
            self.reshow_blocs();
            if let Some(c) = month.and_then(|m| self.grid.col_of(&m)) {
                self.sel_col = c;
            }
        }
        self.sel_row = 0;
    }

    /// Rebuilds the bloc view for a measure, keeping expanded blocs, sort and selection.
    fn rebuild_blocs(&mut self, ds: &Arc<Dataset>, blocs: &Blocs, measure: BrowseMeasure) {
        let Some(old) = self.bloc_view.take() else {
            return;
        };
        let entity = self.entity().map(str::to_string);
        let month = self.grid.months.get(self.sel_col).copied();
        let mut view = BlocView::build(ds, blocs, measure);
        view.expanded = old.expanded;
        match old.sort {
            (SortKey::Month(p), dir) if view.months.contains(&p) => {
                view.sort_by(SortKey::Month(p), dir)
            }
            (SortKey::Name, dir) => view.sort_by(SortKey::Name, dir),
            _ => {}
        }
        self.bloc_view = Some(view);
        self.reshow_blocs();
        self.sel_col = month
            .and_then(|m| self.grid.col_of(&m))
            .unwrap_or(self.grid.months.len().saturating_sub(1));
        if let Some(e) = entity {
            self.select_entity(&e);
        }
    }

    /// The grid of the bloc view's rows on show, filtered.
    fn reshow_blocs(&mut self) {
        if let Some(v) = self.bloc_view.as_mut() {
            self.grid = v.shown();
            self.refilter();
        }
    }

    /// Enter on a bloc row: shows or hides its members. False on any other row.
    pub fn toggle_bloc_row(&mut self) -> bool {
        let Some(r) = self.row() else { return false };
        let Some(v) = self.bloc_view.as_mut() else {
            return false;
        };
        let Some(RowRole::Bloc(b)) = v.roles.get(r).cloned() else {
            return false;
        };
        let entity = self.grid.rows[r].entity.clone();
        v.toggle(b);
        self.reshow_blocs();
        self.select_entity(&entity);
        true
    }

    // ----- following the claim ---------------------------------------------

    /// Points the rows at the claim's first series that they can show: its
    /// measure, its entity, the window's last month, ranked by that month when
    /// ranked by a month. The entity, when there is such a series.
    pub fn follow(&mut self, ds: &Arc<Dataset>, blocs: &Blocs, e: &Evaluation) -> Option<String> {
        let series = claim_series(e);
        let (sref, measure) = series
            .iter()
            .find_map(|s| BrowseMeasure::for_measure(&s.measure).map(|m| (s, m)))?;
        let is_aggregate = ds
            .series(&sref.source, &sref.measure, &sref.entity)
            .is_some_and(|s| s.kind.is_aggregate());
        if measure != self.grid.measure || (is_aggregate && !self.show_aggregates) {
            self.show_aggregates |= is_aggregate;
            self.rebuild(ds, blocs, measure);
        }
        if !self.filter.is_empty() && self.grid.row_of(&sref.entity).is_some() {
            self.filter.clear();
            self.refilter();
        }
        // Rank the rows by the claim's last month when they are ranked by a
        // month: sellers first for claims about selling or "lowest first",
        // the largest values first otherwise.
        if matches!(self.grid.sort.0, SortKey::Month(_))
            && let Some(end) = self.nearest_col(&sref.to).map(|c| self.grid.months[c])
        {
            let sellers_first =
                e.claimed.contains("lowest first") || e.claimed_value.is_some_and(|v| v < 0.0);
            let dir = if sellers_first {
                SortDir::Asc
            } else {
                SortDir::Desc
            };
            self.sort_rows(SortKey::Month(end), dir);
        }
        self.select_entity(&sref.entity);
        let cols = self.grid.cols_within(&sref.from, &sref.to);
        if !cols.is_empty() {
            self.sel_col = cols.end - 1;
        } else if let Some(c) = self.nearest_col(&sref.to) {
            self.sel_col = c;
        }
        Some(sref.entity.clone())
    }

    /// Shows an entity, on a measure when given (the sparklines' Enter).
    pub fn show(
        &mut self,
        ds: &Arc<Dataset>,
        blocs: &Blocs,
        measure: Option<BrowseMeasure>,
        entity: &str,
    ) {
        if let Some(m) = measure
            && m != self.grid.measure
        {
            self.rebuild(ds, blocs, m);
        }
        self.select_entity(entity);
    }
}
