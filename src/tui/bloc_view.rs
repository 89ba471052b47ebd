//! The browser's bloc view and the share chart, as state changes of [`App`]:
//! the model is `browse::blocs` (no terminal types); this file only switches
//! between it and the country grid and keeps the selection.

use super::app::App;
use crate::browse::blocs::{BlocView, RowRole};
use crate::browse::{BrowseMeasure, SortDir, SortKey};

/// The drill-down slot's name for the share chart (never an entity's name).
pub const SHARE_CHART: &str = "Shares of foreign holdings";

impl App {
    /// `b`: countries ⇄ blocs, keeping the measure and the month.
    pub fn toggle_blocs(&mut self) {
        let measure = self.grid.measure;
        if self.bloc_view.take().is_some() {
            self.rebuild(measure);
            self.sel_row = 0;
            self.row_first = 0;
        } else {
            let month = self.grid.months.get(self.sel_col).copied();
            self.bloc_view = Some(BlocView::build(&self.ds, &self.blocs, measure));
            self.reshow_blocs();
            if let Some(c) = month.and_then(|m| self.grid.col_of(&m)) {
                self.sel_col = c;
            }
            self.sel_row = 0;
            self.row_first = 0;
        }
        if self.drill.is_some() && !self.share_chart_open() {
            self.drill = self.row().map(|r| self.grid.rows[r].entity.clone());
        }
    }

    /// Rebuilds the bloc view for a measure, keeping expanded blocs, sort and selection.
    pub(crate) fn rebuild_blocs(&mut self, measure: BrowseMeasure) {
        let Some(old) = self.bloc_view.take() else {
            return;
        };
        let entity = self.row().map(|r| self.grid.rows[r].entity.clone());
        let month = self.grid.months.get(self.sel_col).copied();
        let mut view = BlocView::build(&self.ds, &self.blocs, measure);
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

    /// Sorts the rows of either view, keeping the selected row.
    pub(crate) fn sort_rows(&mut self, key: SortKey, dir: SortDir) {
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

    /// Whether the browser's selected row is a bloc (where Enter shows or hides members).
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

    /// Enter on a bloc row: shows or hides its members. False on any other row.
    pub(crate) fn toggle_bloc_row(&mut self) -> bool {
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

    pub fn share_chart_open(&self) -> bool {
        self.drill.as_deref() == Some(SHARE_CHART)
    }

    /// `w`: opens the share chart over the browser, or closes it.
    pub fn toggle_share_chart(&mut self) {
        self.drill = if self.share_chart_open() {
            None
        } else {
            Some(SHARE_CHART.to_string())
        };
    }
}
