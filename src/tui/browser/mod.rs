//! The country × month browser: the [`Rows`] it shows, the first row and
//! month on screen, and its keys. Drawing is in `draw.rs`, the selected
//! cell's two lines in `footer.rs`.

mod draw;
mod footer;

pub use draw::{COL_W, capacity, no_country_series};

use super::action::{Action, Pane};
use super::component::{Component, Open, Outcome};
use super::context::Context;
use super::keymap::Scope;
use super::layout;
use super::rows::Rows;
use crate::browse::{BrowseMeasure, SortDir};
use crate::claims::Evaluation;
use crate::data::Dataset;
use crate::data::blocs::Blocs;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::sync::Arc;

/// The browser pane.
#[derive(Clone)]
pub struct Browser {
    rows: Rows,
    /// First row (of the visible ones) and first month on screen.
    row_first: usize,
    col_first: usize,
    area: Rect,
}

impl Browser {
    pub fn new(rows: Rows) -> Browser {
        Browser {
            rows,
            row_first: 0,
            col_first: 0,
            area: Rect::default(),
        }
    }

    /// What the browser shows (for the panes that chart its rows).
    pub fn rows(&self) -> &Rows {
        &self.rows
    }

    /// Rows a page key moves by: the pane's height less its frame and two lines.
    fn page(&self) -> isize {
        (self.area.height.saturating_sub(4) as isize).max(1)
    }

    /// Keeps the selected cell on screen in the browser's area.
    fn fit(&mut self) {
        let (rows, cols) = capacity(&self.rows, self.area);
        let r = &self.rows;
        self.row_first = layout::fit(self.row_first, r.sel_row(), rows, r.visible().len());
        self.col_first = layout::fit(self.col_first, r.sel_col(), cols, r.grid().months.len());
    }

    /// A new claim is selected: the browser shows its first series that it can,
    /// the window's months with one after it on screen. That series' entity.
    pub fn follow(&mut self, ds: &Arc<Dataset>, blocs: &Blocs, e: &Evaluation) -> Option<String> {
        let entity = self.rows.follow(ds, blocs, e)?;
        let (_, n) = capacity(&self.rows, self.area);
        self.col_first = (self.rows.sel_col() + 2).saturating_sub(n);
        self.fit();
        Some(entity)
    }

    /// Shows an entity, on a measure when given.
    pub fn show(
        &mut self,
        ds: &Arc<Dataset>,
        blocs: &Blocs,
        m: Option<BrowseMeasure>,
        entity: &str,
    ) {
        self.rows.show(ds, blocs, m, entity);
        self.fit();
    }

    /// Moves the cursor by rows (a chart's up and down).
    pub fn step_row(&mut self, step: isize) {
        self.rows.move_row(step);
        self.fit();
    }

    /// Puts the cursor on a row (of the visible ones) and a month.
    pub fn select_cell(&mut self, row: usize, col: usize) {
        self.rows.set_cursor(row, col);
        self.fit();
    }

    /// Where the selected cell's value comes from.
    fn cell_sources(&self, cx: &Context) -> Outcome {
        let g = self.rows.grid();
        let col = self.rows.sel_col();
        let (Some(r), Some(p)) = (self.rows.row(), g.months.get(col).copied()) else {
            return Outcome::Done;
        };
        let Some(cell) = g.cell(r, col) else {
            return Outcome::Status("No value in this cell.".into());
        };
        let key = crate::provenance::CellKey {
            source: cell.source.to_string(),
            measure: g.measure.measure_ids()[0].to_string(),
            entity: g.rows[r].entity.clone(),
            period: p,
        };
        let prov = crate::provenance::of_cell(cx.ds, cx.case, &key, Some(&cell.vintage));
        Outcome::Open(Open::Sources(vec![prov]))
    }

    fn handle_rows(&mut self, action: Action, cx: &Context) -> Outcome {
        let page = self.page();
        let rows = &mut self.rows;
        match action {
            Action::Up => rows.move_row(-1),
            Action::Down => rows.move_row(1),
            Action::PageUp => rows.move_row(-page),
            Action::PageDown => rows.move_row(page),
            Action::Left => rows.move_col(-1),
            Action::Right => rows.move_col(1),
            Action::First => rows.first_col(),
            Action::Last => rows.last_col(),
            Action::Chart => {
                if let Some(e) = rows.entity() {
                    return Outcome::Open(Open::Chart(e.to_string()));
                }
            }
            // Enter on a bloc row shows or hides its members; elsewhere, the value's source.
            Action::Enter | Action::Provenance if !rows.toggle_bloc_row() => {
                return self.cell_sources(cx);
            }
            Action::StartFilter => {
                rows.start_filter();
                return Outcome::Focus(Pane::Browser);
            }
            Action::FilterChar(c) => rows.filter_char(c),
            Action::FilterBackspace => rows.filter_backspace(),
            Action::FilterCancel => rows.filter_cancel(),
            Action::FilterAccept => rows.filter_accept(),
            Action::CycleMeasure => rows.cycle_measure(cx.ds, cx.blocs),
            Action::ToggleAggregates => {
                if let Some(msg) = rows.toggle_aggregates(cx.ds, cx.blocs) {
                    return Outcome::Status(msg);
                }
            }
            Action::SortAsc => rows.sort(SortDir::Asc),
            Action::SortDesc => rows.sort(SortDir::Desc),
            Action::ToggleBlocs => {
                rows.toggle_blocs(cx.ds, cx.blocs);
                self.row_first = 0;
                return Outcome::RowsChanged;
            }
            _ => {}
        }
        Outcome::Done
    }
}

impl Component for Browser {
    /// Moves the selected cell; c for the row's chart; Enter for where the value
    /// comes from (a bloc row: its members); the filter, sort, measure,
    /// aggregates and bloc view.
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        let out = self.handle_rows(action, cx);
        self.fit();
        out
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        draw::draw(self, cx, frame, area);
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Pane(Pane::Browser), Scope::Global]
    }

    fn place(&mut self, area: Rect) {
        self.area = area;
        self.fit();
    }

    /// A click selects the cell under it; a second click on a selected bloc row
    /// (its name or its selected cell) shows or hides its members, as Enter does.
    fn click(&mut self, x: u16, y: u16, again: bool, _cx: &Context) -> Outcome {
        let (row, col) = draw::cell_at(self, self.area, x, y);
        let on_selected =
            row == Some(self.rows.sel_row()) && (col.is_none() || col == Some(self.rows.sel_col()));
        if !(again && on_selected && self.rows.toggle_bloc_row()) {
            self.rows.set_cursor(
                row.unwrap_or(self.rows.sel_row()),
                col.unwrap_or(self.rows.sel_col()),
            );
        }
        self.fit();
        Outcome::Done
    }

    /// The bloc view has no aggregates to show; Enter on a bloc row shows its members.
    fn bar_word(&self, _cx: &Context, action: Action, word: &'static str) -> Option<&'static str> {
        match action {
            Action::ToggleAggregates if self.rows.bloc_view().is_some() => None,
            Action::Provenance if self.rows.on_bloc_row() => Some("members"),
            Action::FilterCancel if self.rows.filter().is_empty() => None,
            _ => Some(word),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::browse::GridCache;
    use crate::tui::context::{Shared, View};
    use crate::tui::testkit;

    /// A browser over 30 countries, given an area 60 wide and `height` high.
    fn browser(height: u16) -> (Shared, Browser) {
        let shared = testkit::shared(30);
        let rows = Rows::new(&shared.ds, GridCache::default(), BrowseMeasure::Holdings);
        let mut b = Browser::new(rows);
        b.place(Rect::new(0, 0, 60, height));
        (shared, b)
    }

    #[test]
    fn moves_keep_the_cursor_in_the_rows_that_fit_the_area() {
        let (shared, mut b) = browser(12);
        let cx = Context::new(&shared, View::default(), None, None);
        // 12 rows less the frame, two header and two footer lines: 6 rows fit.
        assert_eq!(capacity(b.rows(), b.area).0, 6);
        for _ in 0..5 {
            assert_eq!(b.handle(Action::Down, &cx), Outcome::Done);
        }
        assert_eq!((b.rows().sel_row(), b.row_first), (5, 0));
        b.handle(Action::Down, &cx);
        assert_eq!((b.rows().sel_row(), b.row_first), (6, 1));
        // A page is the area's height less four lines.
        b.handle(Action::PageDown, &cx);
        assert_eq!((b.rows().sel_row(), b.row_first), (14, 9));
        b.handle(Action::PageUp, &cx);
        b.handle(Action::PageUp, &cx);
        assert_eq!((b.rows().sel_row(), b.row_first), (0, 0));
        // A smaller area scrolls the same cursor into view.
        b.handle(Action::Last, &cx);
        b.select_cell(20, b.rows().sel_col());
        b.place(Rect::new(0, 0, 60, 8));
        assert_eq!(capacity(b.rows(), b.area).0, 2);
        assert_eq!(b.row_first, 19);
    }

    #[test]
    fn clicks_pick_the_row_drawn_there() {
        let (shared, mut b) = browser(12);
        let cx = Context::new(&shared, View::default(), None, None);
        // The frame's line and two header lines, then the rows.
        b.click(3, 1 + 2 + 4, false, &cx);
        assert_eq!(b.rows().sel_row(), 4);
        assert_eq!(b.rows().entity(), Some("Country 05"));
    }

    #[test]
    fn the_chart_and_the_sources_are_asked_of_the_app() {
        let (shared, mut b) = browser(12);
        let cx = Context::new(&shared, View::default(), None, None);
        b.handle(Action::Down, &cx);
        assert_eq!(
            b.handle(Action::Chart, &cx),
            Outcome::Open(Open::Chart("Country 02".into()))
        );
        assert!(matches!(
            b.handle(Action::Enter, &cx),
            Outcome::Open(Open::Sources(list)) if list.len() == 1
        ));
        // The last country has no value in the newest month.
        b.select_cell(29, b.rows().sel_col());
        assert_eq!(
            b.handle(Action::Provenance, &cx),
            Outcome::Status("No value in this cell.".into())
        );
        // The filter takes the focus to the browser.
        assert_eq!(
            b.handle(Action::StartFilter, &cx),
            Outcome::Focus(Pane::Browser)
        );
        b.handle(Action::FilterChar('3'), &cx);
        assert_eq!(b.rows().visible().len(), 4, "Country 03, 13, 23 and 30");
        b.handle(Action::FilterChar('0'), &cx);
        assert_eq!(b.rows().entity(), Some("Country 30"));
    }
}
