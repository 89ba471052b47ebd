//! The TUI state and the one function that changes it.

use super::action::{Action, Pane};
use super::keymap::{Key, Keymap, Scope};
use super::layout::{self, Areas};
use super::slides::{self, Present, Slide};
use super::theme::{Options, Theme};
use super::{browser, card, sections, text};
use crate::browse::{BrowseMeasure, Grid, GridCache, SortDir, SortKey, claim_series};
use crate::claims::{Case, Evaluation};
use crate::data::{Dataset, Period};
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::sync::Arc;

/// Months of context around a claim's window, per zoom level.
pub const ZOOM_PADS: [i32; 7] = [3, 6, 12, 24, 60, 120, 600];
const DEFAULT_ZOOM: usize = 2;

#[derive(Clone)]
pub struct App {
    pub ds: Arc<Dataset>,
    pub case: Arc<Case>,
    pub theme: Theme,
    /// Screen size (for layout-dependent moves and mouse clicks).
    pub size: (u16, u16),
    pub focus: Pane,
    pub help: bool,
    /// The provenance view, while open, and its scroll.
    pub provenance: Option<Vec<crate::provenance::Provenance>>,
    pub provenance_scroll: u16,
    /// Effects asked for by the last state change, not yet performed.
    pub effects: Vec<Effect>,
    pub help_scroll: u16,
    pub quit: bool,
    /// Index into `case.article.sections`.
    pub section: usize,
    /// Index into `case.evaluations`.
    pub claim: Option<usize>,
    /// Claims in reading order (by section, then claims-file order).
    pub claim_order: Vec<usize>,
    /// `None`: follow the selected claim's quote.
    pub text_scroll: Option<u16>,
    pub card_scroll: u16,
    pub grid: Grid,
    /// The grids of the last measures shown, with every row (see [`GridCache`]).
    pub grid_cache: GridCache,
    pub show_aggregates: bool,
    /// Rows of the grid that pass the filter, in display order.
    pub visible: Vec<usize>,
    pub filter: String,
    /// The filter before editing began (`Some` while typing).
    pub filter_before: Option<String>,
    /// Index into `visible`.
    pub sel_row: usize,
    /// Index into `grid.months`.
    pub sel_col: usize,
    pub row_first: usize,
    pub col_first: usize,
    /// The country whose chart is open.
    pub drill: Option<String>,
    pub zoom: usize,
    pub spark_sel: usize,
    /// The keys in force (defaults, or with the config file's overrides).
    pub keymap: Arc<Keymap>,
    /// The presentation's deck: section title slides and claim slides.
    pub slides: Arc<Vec<Slide>>,
    /// Presenting skips the slides of claims that are not data claims.
    pub data_claims_only: bool,
    /// Presentation mode (`None`: the explorer).
    pub present: Option<Present>,
    /// A one-line message for the bottom bar (e.g. the files an export wrote);
    /// cleared by the next key.
    pub status: Option<String>,
    /// Where `e` writes its files.
    pub export_dir: PathBuf,
    /// Claims whose verdict changed with the newest archived vintage: id ->
    /// the change in words (see `claimlens changes`).
    pub changed: Arc<std::collections::HashMap<String, String>>,
    /// The blocs the browser's bloc view shows (bundled, config file, case folder).
    pub blocs: Arc<crate::data::blocs::Blocs>,
    /// The browser's bloc view (`b`), while on: `grid` then holds its rows.
    pub bloc_view: Option<crate::browse::blocs::BlocView>,
    /// The review of the case's drafts (`--case DIR` with `status = "draft"` claims).
    pub review: Option<super::review::State>,
}

impl App {
    /// The explorer on a case, with the bundled blocs.
    pub fn new(ds: Arc<Dataset>, case: Arc<Case>, opts: Options) -> App {
        let blocs = crate::data::blocs::Blocs::bundled_for(&ds).unwrap_or_default();
        App::with_grids(ds, case, opts, GridCache::default(), Arc::new(blocs))
    }

    /// The measure the browser opens on.
    pub const FIRST_MEASURE: BrowseMeasure = BrowseMeasure::Holdings;

    /// Like [`App::new`], with grids already built and the blocs the browser
    /// shows (start-up makes both while the claims are evaluated).
    pub fn with_grids(
        ds: Arc<Dataset>,
        case: Arc<Case>,
        opts: Options,
        mut grid_cache: GridCache,
        blocs: Arc<crate::data::blocs::Blocs>,
    ) -> App {
        let grid = grid_cache.grid(&ds, Self::FIRST_MEASURE, false);
        let mut claim_order: Vec<usize> = (0..case.evaluations.len()).collect();
        claim_order.sort_by_key(|&i| {
            case.article
                .section_index(&case.evaluations[i].section)
                .unwrap_or(usize::MAX)
        });
        let sel_col = grid.months.len().saturating_sub(1);
        let slides = Arc::new(slides::build(&case, &claim_order));
        let data_claims_only = false;
        let mut app = App {
            ds,
            case,
            theme: Theme::new(opts),
            size: (160, 48),
            focus: Pane::Sections,
            help: false,
            provenance: None,
            provenance_scroll: 0,
            effects: Vec::new(),
            help_scroll: 0,
            quit: false,
            section: 0,
            claim: None,
            claim_order,
            text_scroll: None,
            card_scroll: 0,
            visible: (0..grid.rows.len()).collect(),
            grid,
            grid_cache,
            show_aggregates: false,
            filter: String::new(),
            filter_before: None,
            sel_row: 0,
            sel_col,
            row_first: 0,
            col_first: 0,
            drill: None,
            zoom: DEFAULT_ZOOM,
            spark_sel: 0,
            keymap: Arc::new(Keymap::default()),
            slides,
            data_claims_only,
            present: None,
            status: None,
            export_dir: PathBuf::from("."),
            changed: Arc::default(),
            blocs,
            bloc_view: None,
            review: None,
        };
        app.select_section(0);
        app
    }

    pub fn opts(&self) -> Options {
        self.theme.opts
    }

    pub fn areas(&self) -> Areas {
        layout::areas(Rect::new(0, 0, self.size.0, self.size.1))
    }

    pub fn evaluation(&self) -> Option<&Evaluation> {
        self.claim.and_then(|i| self.case.evaluations.get(i))
    }

    pub fn zoom_pad(&self) -> i32 {
        ZOOM_PADS[self.zoom.min(ZOOM_PADS.len() - 1)]
    }

    /// The grid row under the cursor.
    pub fn row(&self) -> Option<usize> {
        self.visible.get(self.sel_row).copied()
    }

    /// Scopes that apply now, most specific first (for dispatch, help and the bar).
    pub fn scopes(&self) -> Vec<Scope> {
        if self.help {
            vec![Scope::Help]
        } else if self.provenance.is_some() {
            // Esc closes, arrows scroll: the help's keys.
            vec![Scope::Help, Scope::Global]
        } else if let Some(p) = &self.present {
            if p.index.is_some() {
                vec![Scope::SlideIndex]
            } else {
                vec![Scope::Present]
            }
        } else if self.filter_before.is_some() {
            vec![Scope::Filter]
        } else if self.share_chart_open() {
            vec![Scope::ShareChart, Scope::Global]
        } else if self.drill.is_some() {
            vec![Scope::Drill, Scope::Global]
        } else if self.review.is_some() {
            vec![Scope::Pane(self.focus), Scope::Review, Scope::Global]
        } else {
            vec![Scope::Pane(self.focus), Scope::Global]
        }
    }

    /// Panes that are on screen now, in Tab order.
    pub fn panes(&self) -> Vec<Pane> {
        let a = self.areas();
        Pane::ORDER
            .into_iter()
            .filter(|p| {
                let r = a.of(*p);
                r.width > 0 && r.height > 0
            })
            .collect()
    }

    /// The claim whose highlighted words are drawn at a cell of the article pane.
    fn claim_at(&self, area: Rect, x: u16, y: u16) -> Option<usize> {
        use ratatui::style::Modifier;
        use unicode_width::UnicodeWidthStr;
        let inner = area.inner(ratatui::layout::Margin::new(1, 1));
        if y < inner.y || y >= inner.bottom() || x < inner.x {
            return None;
        }
        let (lines, _) = text::content(self, inner.width as usize);
        let line = lines.get(text::scroll(self, area) as usize + (y - inner.y) as usize)?;
        let mut col = inner.x as usize;
        let span = line.spans.iter().find(|s| {
            let w = s.content.width();
            let hit = (x as usize) < col + w;
            col += w;
            hit
        })?;
        let marked = span
            .style
            .add_modifier
            .intersects(Modifier::UNDERLINED | Modifier::REVERSED);
        let words = span
            .content
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !marked || words.is_empty() {
            return None;
        }
        let section = &self.case.article.sections.get(self.section)?.id;
        self.case.evaluations.iter().position(|e| {
            e.section == *section
                && e.quote
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains(&words)
        })
    }

    /// Opens the provenance of the browser's selected cell.
    pub fn open_cell_provenance(&mut self) {
        let (Some(r), Some(p)) = (self.row(), self.grid.months.get(self.sel_col).copied()) else {
            return;
        };
        let Some(cell) = self.grid.cell(r, self.sel_col) else {
            self.status = Some("No value in this cell.".into());
            return;
        };
        let key = crate::provenance::CellKey {
            source: cell.source.to_string(),
            measure: self.grid.measure.measure_ids()[0].to_string(),
            entity: self.grid.rows[r].entity.clone(),
            period: p,
        };
        let vintage = cell.vintage;
        let prov = crate::provenance::of_cell(&self.ds, &self.case, &key, Some(&vintage));
        self.provenance = Some(vec![prov]);
        self.provenance_scroll = 0;
    }

    /// Opens the provenance of every evidence cell of the selected claim.
    pub fn open_evidence_provenance(&mut self) {
        let Some(e) = self.evaluation() else {
            return;
        };
        let mut keys: Vec<(crate::provenance::CellKey, String)> = Vec::new();
        for c in e.as_published.evidence.iter().chain(&e.today.evidence) {
            let key = crate::provenance::CellKey {
                source: c.source.clone(),
                measure: c.measure.clone(),
                entity: c.entity.clone(),
                period: c.period,
            };
            if !keys.iter().any(|(k, v)| *k == key && *v == c.vintage) {
                keys.push((key, c.vintage.clone()));
            }
        }
        if keys.is_empty() {
            self.status = Some("This claim has no evidence cells.".into());
            return;
        }
        let list = keys
            .iter()
            .map(|(k, v)| crate::provenance::of_cell(&self.ds, &self.case, k, Some(v)))
            .collect();
        self.provenance = Some(list);
        self.provenance_scroll = 0;
    }

    /// Feeds one key through the keymap.
    pub fn press(&mut self, key: Key) {
        if let Some(action) = self.action_for(key) {
            update(self, action);
        }
    }

    /// One key's state change without its effects (for headless renders: `e` writes no file).
    pub fn press_without_effects(&mut self, key: Key) -> Vec<Effect> {
        match self.action_for(key) {
            Some(action) => step(self, action),
            None => Vec::new(),
        }
    }

    pub fn action_for(&self, key: Key) -> Option<Action> {
        let scopes = self.scopes();
        match self.keymap.lookup(&scopes, key) {
            Some(a) => Some(a),
            None if self.filter_before.is_some() && !self.help => match key {
                Key::Char(c) => Some(Action::FilterChar(c)),
                Key::Ctrl('c') => Some(Action::Quit),
                _ => None,
            },
            // Ctrl-c always quits, whatever the config file rebinds.
            None if key == Key::Ctrl('c') => Some(Action::Quit),
            // Esc takes back the question to quit with decisions unwritten.
            None if key == Key::Esc && self.review.as_ref().is_some_and(|s| s.quit_asked) => {
                Some(Action::Back)
            }
            None => None,
        }
    }

    // ----- selection -------------------------------------------------------

    /// Moves to a section and selects its first claim.
    pub fn select_section(&mut self, idx: usize) {
        let n = self.case.article.sections.len();
        if n == 0 {
            return;
        }
        self.section = idx.min(n - 1);
        let id = &self.case.article.sections[self.section].id;
        let first = self
            .claim_order
            .iter()
            .copied()
            .find(|&i| self.case.evaluations[i].section == *id);
        self.select_claim(first);
    }

    /// Selects a section by id (`"3"`, `"key-takeaways"`).
    pub fn select_section_id(&mut self, id: &str) -> Result<(), String> {
        let idx = self.case.article.section_index(id).ok_or_else(|| {
            let ids: Vec<&str> = self
                .case
                .article
                .sections
                .iter()
                .map(|s| s.id.as_str())
                .collect();
            format!("unknown section {id:?}; expected one of {}", ids.join(", "))
        })?;
        self.select_section(idx);
        Ok(())
    }

    /// Selects a claim by id.
    pub fn select_claim_id(&mut self, id: &str) -> Result<(), String> {
        let idx = self
            .case
            .evaluations
            .iter()
            .position(|e| e.id == id)
            .ok_or_else(|| format!("unknown claim {id:?}; see `claimlens check` for the ids"))?;
        self.select_claim(Some(idx));
        Ok(())
    }

    /// Selects a claim; everything else follows it.
    pub fn select_claim(&mut self, idx: Option<usize>) {
        self.claim = idx;
        self.card_scroll = 0;
        self.text_scroll = None;
        self.spark_sel = 0;
        let Some(e) = self.evaluation().cloned() else {
            return;
        };
        if let Some(s) = self.case.article.section_index(&e.section) {
            self.section = s;
        }
        self.follow_claim(&e);
    }

    /// Points the browser at the claim's first series that it can show.
    fn follow_claim(&mut self, e: &Evaluation) {
        let series = claim_series(e);
        let Some((sref, measure)) = series
            .iter()
            .find_map(|s| BrowseMeasure::for_measure(&s.measure).map(|m| (s, m)))
        else {
            return;
        };
        let is_aggregate = self
            .ds
            .series(&sref.source, &sref.measure, &sref.entity)
            .is_some_and(|s| s.kind.is_aggregate());
        if measure != self.grid.measure || (is_aggregate && !self.show_aggregates) {
            self.show_aggregates |= is_aggregate;
            self.rebuild(measure);
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
        if let Some(r) = self.grid.row_of(&sref.entity)
            && let Some(pos) = self.visible.iter().position(|&v| v == r)
        {
            self.sel_row = pos;
        }
        let cols = self.grid.cols_within(&sref.from, &sref.to);
        if !cols.is_empty() {
            self.sel_col = cols.end - 1;
        } else if let Some(c) = self.nearest_col(&sref.to) {
            self.sel_col = c;
        }
        // Show the window with a month of context after it (newest on the right).
        let (_, n) = browser::capacity(self, self.areas().browser);
        self.col_first = (self.sel_col + 2).saturating_sub(n);
        if self.drill.is_some() {
            self.drill = Some(sref.entity.clone());
        }
        self.fit_browser();
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

    /// Rebuilds the grid for a measure, keeping the selected entity, month and sort.
    pub fn rebuild(&mut self, measure: BrowseMeasure) {
        if self.bloc_view.is_some() {
            return self.rebuild_blocs(measure);
        }
        let entity = self.row().map(|r| self.grid.rows[r].entity.clone());
        let month = self.grid.months.get(self.sel_col).copied();
        let sort = self.grid.sort;
        self.grid = self
            .grid_cache
            .grid(&self.ds, measure, self.show_aggregates);
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

    pub(crate) fn select_entity(&mut self, entity: &str) {
        if let Some(r) = self.grid.row_of(entity)
            && let Some(pos) = self.visible.iter().position(|&v| v == r)
        {
            self.sel_row = pos;
        }
    }

    /// Recomputes the visible rows after a filter or sort change.
    pub fn refilter(&mut self) {
        self.visible = match &self.bloc_view {
            Some(v) => v.visible(&self.grid, &self.filter),
            None => self.grid.filter(&self.filter),
        };
        self.sel_row = self.sel_row.min(self.visible.len().saturating_sub(1));
    }

    /// Keeps the selected cell of the browser on screen.
    pub fn fit_browser(&mut self) {
        let area = self.areas().browser;
        let (rows, cols) = browser::capacity(self, area);
        self.row_first = layout::fit(self.row_first, self.sel_row, rows, self.visible.len());
        self.col_first = layout::fit(self.col_first, self.sel_col, cols, self.grid.months.len());
    }

    fn text_scroll_now(&self) -> u16 {
        let a = self.areas().text;
        text::scroll(self, a)
    }

    fn move_claim(&mut self, step: isize) {
        if self.claim_order.is_empty() {
            return;
        }
        let pos = self
            .claim
            .and_then(|c| self.claim_order.iter().position(|&i| i == c));
        let n = self.claim_order.len() as isize;
        let next = match pos {
            Some(p) => (p as isize + step).clamp(0, n - 1),
            None => {
                // From a section without claims: the first claim after (or before) it.
                let after = self.claim_order.iter().position(|&i| {
                    self.case
                        .article
                        .section_index(&self.case.evaluations[i].section)
                        .unwrap_or(0)
                        > self.section
                });
                match (after, step > 0) {
                    (Some(a), true) => a as isize,
                    (Some(a), false) => (a as isize - 1).max(0),
                    (None, _) => n - 1,
                }
            }
        };
        self.select_claim(Some(self.claim_order[next as usize]));
    }

    pub(crate) fn move_row(&mut self, step: isize) {
        let n = self.visible.len() as isize;
        if n == 0 {
            return;
        }
        self.sel_row = (self.sel_row as isize + step).clamp(0, n - 1) as usize;
        if self.drill.is_some()
            && !self.share_chart_open()
            && let Some(r) = self.row()
        {
            self.drill = Some(self.grid.rows[r].entity.clone());
        }
    }

    pub(crate) fn move_col(&mut self, step: isize) {
        let n = self.grid.months.len() as isize;
        if n > 0 {
            self.sel_col = (self.sel_col as isize + step).clamp(0, n - 1) as usize;
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let a = self.areas();
        let Some(pane) = a.pane_at(x, y) else {
            return;
        };
        if self.drill.is_some() && pane != Pane::Sections {
            return;
        }
        let was_focused = self.focus == pane;
        self.focus = pane;
        let r = a.of(pane);
        match pane {
            Pane::Sections => {
                if let Some(item) = sections::item_at(self, r, y) {
                    match item {
                        sections::Item::Section(i) => {
                            if i != self.section {
                                self.select_section(i);
                            }
                        }
                        sections::Item::Claim(c) => self.select_claim(Some(c)),
                    }
                }
            }
            Pane::Browser => {
                if let Some((row, col)) = browser::cell_at(self, r, x, y) {
                    // A second click on a selected bloc row (its name or its selected
                    // cell) shows or hides its members, as Enter does.
                    let again = was_focused
                        && row == Some(self.sel_row)
                        && (col.is_none() || col == Some(self.sel_col));
                    if again && self.toggle_bloc_row() {
                        return;
                    }
                    if let Some(row) = row {
                        self.sel_row = row;
                    }
                    if let Some(col) = col {
                        self.sel_col = col;
                    }
                }
            }
            Pane::Sparks => {
                let i = (y.saturating_sub(r.y + 1) / 3) as usize;
                if i < super::sparks::series(self).len() {
                    self.spark_sel = i;
                }
            }
            Pane::Text => {
                if let Some(c) = self.claim_at(r, x, y) {
                    self.select_claim(Some(c));
                }
            }
            Pane::Card => {}
        }
    }
}

/// Work with the world that a state change asks for; performed outside the state change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write the selected claim's evidence (CSV) and chart (SVG) into the export folder.
    Export,
    /// Write the review's decisions to the claims file.
    WriteReview,
}

/// The state change of one action, and the effects it asks for (no I/O here).
pub fn step(app: &mut App, action: Action) -> Vec<Effect> {
    dispatch(app, action);
    std::mem::take(&mut app.effects)
}

/// Carries out one effect.
pub fn perform(app: &mut App, effect: Effect) {
    match effect {
        Effect::Export => app.status = Some(super::export::export_claim(app)),
        Effect::WriteReview => app.status = Some(super::review::write(app)),
    }
}

/// [`step`], then [`perform`] its effects: what the terminal loop does with each action.
pub fn update(app: &mut App, action: Action) {
    for e in step(app, action) {
        perform(app, e);
    }
}

/// The one function that changes state: a dispatcher to the panes' handlers.
fn dispatch(app: &mut App, action: Action) {
    if !matches!(action, Action::Resize { .. }) {
        app.status = None;
    }
    super::review::forget_quit(app, action);
    match action {
        Action::Quit => super::review::quit(app),
        Action::Resize { width, height } => {
            app.size = (width, height);
            // A pane that is no longer drawn cannot keep the focus.
            let panes = app.panes();
            if !panes.is_empty() && !panes.contains(&app.focus) {
                app.focus = panes[0];
            }
        }
        Action::ToggleHelp => {
            app.help = !app.help;
            app.help_scroll = 0;
        }
        _ if app.provenance.is_some() => match action {
            Action::Back | Action::Enter | Action::Provenance => app.provenance = None,
            Action::Up => app.provenance_scroll = app.provenance_scroll.saturating_sub(1),
            Action::Down => {
                app.provenance_scroll = app
                    .provenance_scroll
                    .saturating_add(1)
                    .min(super::ui::provenance_max_scroll(app).max(app.provenance_scroll))
            }
            _ => {}
        },
        _ if app.help => match action {
            Action::Back => app.help = false,
            Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
            Action::Down => {
                app.help_scroll = app
                    .help_scroll
                    .saturating_add(1)
                    .min(super::help::max_scroll(app).max(app.help_scroll))
            }
            _ => {}
        },
        _ if app.present.is_some() => slides::update(app, action),
        Action::Present => {
            let _ = app.start_presentation(slides::Start::Selection);
        }
        Action::Export => app.effects.push(Effect::Export),
        Action::AcceptDraft
        | Action::RejectDraft
        | Action::NextAlternative
        | Action::PrevAlternative
        | Action::WriteReview => super::review::handle(app, action),
        Action::NextSlide
        | Action::PrevSlide
        | Action::Go
        | Action::SlideIndex
        | Action::DataClaimsOnly
        | Action::Count(_) => {}
        // The share chart covers the panes: Tab would move the focus unseen.
        Action::NextPane | Action::PrevPane if app.share_chart_open() => {}
        Action::NextPane | Action::PrevPane => {
            let panes = app.panes();
            if let Some(pos) = panes.iter().position(|p| *p == app.focus) {
                let n = panes.len();
                let next = if action == Action::NextPane {
                    (pos + 1) % n
                } else {
                    (pos + n - 1) % n
                };
                app.focus = panes[next];
            } else if let Some(p) = panes.first() {
                app.focus = *p;
            }
        }
        Action::NextClaim => app.move_claim(1),
        Action::PrevClaim => app.move_claim(-1),
        Action::Click { x, y } => app.click(x, y),
        Action::Scroll { x, y, down } => {
            if let Some(p) = app.areas().pane_at(x, y)
                && app.drill.is_none()
            {
                app.focus = p;
                dispatch(app, if down { Action::Down } else { Action::Up });
            }
        }
        Action::StartFilter => {
            app.filter_before = Some(app.filter.clone());
            app.focus = Pane::Browser;
        }
        Action::FilterChar(c) => {
            if app.filter_before.is_some() {
                app.filter.push(c);
                app.refilter();
            }
        }
        Action::FilterBackspace => {
            app.filter.pop();
            app.refilter();
        }
        Action::FilterCancel => {
            if let Some(before) = app.filter_before.take() {
                app.filter = before;
                app.refilter();
            }
        }
        Action::FilterAccept => app.filter_before = None,
        Action::CycleMeasure => app.rebuild(app.grid.measure.next()),
        Action::ToggleAggregates if app.bloc_view.is_some() => {
            app.status =
                Some("The bloc view has no aggregate rows: b goes back to countries.".into());
        }
        Action::ToggleAggregates => {
            app.show_aggregates = !app.show_aggregates;
            app.rebuild(app.grid.measure);
        }
        Action::SortAsc | Action::SortDesc => {
            let dir = if action == Action::SortAsc {
                SortDir::Asc
            } else {
                SortDir::Desc
            };
            match app.grid.months.get(app.sel_col).copied() {
                Some(p) => app.sort_rows(SortKey::Month(p), dir),
                None => app.sort_rows(SortKey::Name, dir),
            }
            app.sel_row = 0;
        }
        Action::ToggleBlocs => app.toggle_blocs(),
        Action::ShareChart => app.toggle_share_chart(),
        Action::ZoomIn => app.zoom = app.zoom.saturating_sub(1),
        Action::ZoomOut => app.zoom = (app.zoom + 1).min(ZOOM_PADS.len() - 1),
        Action::Back => {
            if app.drill.is_some() {
                app.drill = None;
            }
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::First
        | Action::Last
        | Action::Left
        | Action::Right
        | Action::Enter
        | Action::Provenance
        | Action::Chart => navigate(app, action),
    }
    app.fit_browser();
}

/// Rows a page key moves by in a pane.
pub(crate) fn page(app: &App, pane: Pane) -> isize {
    (app.areas().of(pane).height.saturating_sub(4) as isize).max(1)
}

/// Movement keys, read by the focused pane (or the chart).
fn navigate(app: &mut App, action: Action) {
    if app.drill.is_some() {
        match action {
            Action::Up => app.move_row(-1),
            Action::Down => app.move_row(1),
            _ => {}
        }
        return;
    }
    match app.focus {
        Pane::Sections => sections::handle(app, action),
        Pane::Text => {
            let cur = app.text_scroll_now() as isize;
            let step = match action {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -page(app, Pane::Text),
                Action::PageDown => page(app, Pane::Text),
                _ => return,
            };
            let max = text::max_scroll(app, app.areas().text) as isize;
            app.text_scroll = Some((cur + step).clamp(0, max) as u16);
        }
        Pane::Card => card::handle(app, action),
        Pane::Browser => browser::handle(app, action),
        Pane::Sparks => super::sparks::handle(app, action),
    }
}
