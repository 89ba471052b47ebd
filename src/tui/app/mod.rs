//! The explorer's state: what the components share (the data and settings,
//! the selection, the focus, the overlay stack, pending effects) and the
//! components themselves. The one function that changes it is [`update`]
//! (in `dispatch.rs`); the overlays open and close in `overlays.rs`.

mod dispatch;
mod overlays;
#[cfg(test)]
mod tests;

pub use super::component::Effect;
pub use dispatch::{perform, step, update};

use super::action::{Action, Pane};
use super::article::Article;
use super::browser::Browser;
use super::card::Card;
use super::component::Component;
use super::context::{Context, Selection, Shared, View};
use super::keymap::{Key, Scope};
use super::layers::Layer;
use super::layout::{self, Areas};
use super::rows::Rows;
use super::sections::Sections;
use super::sparks::Sparks;
use super::theme::{Options, Theme};
use crate::browse::{BrowseMeasure, GridCache};
use crate::claims::{Case, Evaluation};
use crate::data::Dataset;
use ratatui::layout::Rect;
use std::sync::Arc;

/// The five panes of the explorer.
#[derive(Clone)]
pub struct Panes {
    pub sections: Sections,
    pub article: Article,
    pub card: Card,
    pub browser: Browser,
    pub sparks: Sparks,
}

impl Panes {
    /// Calls `f` with pane `p` to change and the browser's rows for its context
    /// (none when `p` is the browser: it has them).
    fn with<R>(&mut self, p: Pane, f: impl FnOnce(&mut dyn Component, Option<&Rows>) -> R) -> R {
        let Panes {
            sections,
            article,
            card,
            browser,
            sparks,
        } = self;
        match p {
            Pane::Browser => f(browser, None),
            Pane::Sections => f(sections, Some(browser.rows())),
            Pane::Text => f(article, Some(browser.rows())),
            Pane::Card => f(card, Some(browser.rows())),
            Pane::Sparks => f(sparks, Some(browser.rows())),
        }
    }

    pub(crate) fn get(&self, p: Pane) -> &dyn Component {
        match p {
            Pane::Sections => &self.sections,
            Pane::Text => &self.article,
            Pane::Card => &self.card,
            Pane::Browser => &self.browser,
            Pane::Sparks => &self.sparks,
        }
    }
}

#[derive(Clone)]
pub struct App {
    /// The data, the case and the settings every component reads.
    pub shared: Shared,
    pub selection: Selection,
    pub focus: Pane,
    /// The screen (for the layout, mouse clicks and the overlays' frames).
    pub screen: Rect,
    /// Effects asked for by the last state change, not yet performed.
    pub effects: Vec<Effect>,
    /// A one-line message for the bottom bar (e.g. the files an export wrote);
    /// cleared by the next key.
    pub status: Option<String>,
    pub quit: bool,
    pub(crate) panes: Panes,
    /// The overlays open, bottom first: the top one takes the keys.
    pub(crate) overlays: Vec<Layer>,
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
        grid_cache: GridCache,
        blocs: Arc<crate::data::blocs::Blocs>,
    ) -> App {
        let rows = Rows::new(&ds, grid_cache, Self::FIRST_MEASURE);
        let mut app = App {
            shared: Shared::new(ds, case, Theme::new(opts), blocs),
            selection: Selection::default(),
            focus: Pane::Sections,
            screen: Rect::new(0, 0, 160, 48),
            effects: Vec::new(),
            status: None,
            quit: false,
            panes: Panes {
                sections: Sections::default(),
                article: Article::default(),
                card: Card::default(),
                browser: Browser::new(rows),
                sparks: Sparks::default(),
            },
            overlays: Vec::new(),
            review: None,
        };
        app.place();
        app.select_section(0);
        // Open on the first claim there is data for: an opinion or a claim
        // no data can test leaves the card and the charts empty.
        let first_data = {
            let case = &app.shared.case;
            app.shared
                .claim_order
                .iter()
                .copied()
                .find(|&i| case.evaluations[i].check != "none")
        };
        if first_data.is_some() {
            app.select_claim(first_data);
        }
        app
    }

    pub fn opts(&self) -> Options {
        self.shared.theme.opts
    }

    /// Where each pane is on the screen.
    pub fn areas(&self) -> Areas {
        layout::areas(self.screen)
    }

    /// The selected claim.
    pub fn evaluation(&self) -> Option<&Evaluation> {
        self.selection
            .claim
            .and_then(|i| self.shared.case.evaluations.get(i))
    }

    /// Months of context around a claim's window (the sparklines' zoom).
    pub fn zoom_pad(&self) -> i32 {
        self.panes.sparks.zoom_pad()
    }

    /// The zoom level of the sparklines (and the charts).
    pub fn zoom(&self) -> usize {
        self.panes.sparks.zoom()
    }

    pub fn browser(&self) -> &Browser {
        &self.panes.browser
    }

    /// What the browser shows.
    pub fn rows(&self) -> &Rows {
        self.panes.browser.rows()
    }

    /// The grid row under the browser's cursor.
    pub fn row(&self) -> Option<usize> {
        self.rows().row()
    }

    /// Puts the browser's cursor on a row (of the visible ones) and a month.
    pub fn select_cell(&mut self, row: usize, col: usize) {
        self.panes.browser.select_cell(row, col);
    }

    /// The pane drawn as focused: none while a chart or the help covers the panes.
    fn shown_focus(&self) -> Option<Pane> {
        let covered = self
            .overlays
            .iter()
            .any(|l| l.is_chart() || matches!(l, Layer::Help(_)));
        (!covered).then_some(self.focus)
    }

    /// What the app's state puts in every context.
    fn view(&self) -> View {
        View {
            selection: self.selection,
            zoom_pad: self.zoom_pad(),
            focus: self.shown_focus(),
        }
    }

    /// The drafts under review, if any.
    fn drafts(&self) -> Option<&crate::draft::review::Review> {
        self.review.as_ref().map(super::review::State::drafts)
    }

    /// The context of every component, for drawing.
    pub fn context(&self) -> Context<'_> {
        Context::new(&self.shared, self.view(), Some(self.rows()), self.drafts())
    }

    /// Gives every pane its area on the screen, and the overlays the screen.
    fn place(&mut self) {
        let a = self.areas();
        for p in Pane::ORDER {
            self.panes.with(p, |pane, _| pane.place(a.of(p)));
        }
        for l in &mut self.overlays {
            l.place(self.screen);
        }
    }

    /// Who takes the keys now.
    pub(crate) fn keys(&self) -> Keys<'_> {
        match self.overlays.last() {
            Some(l) if l.captures() => Keys::Layer(l),
            // Typing a filter takes the keys, even over a chart.
            _ if self.rows().editing() => Keys::Filter,
            Some(l) => Keys::Layer(l),
            None => Keys::Pane(self.focus),
        }
    }

    /// Scopes that apply now, most specific first (for dispatch, help and the bar).
    pub fn scopes(&self) -> Vec<Scope> {
        match self.keys() {
            Keys::Layer(l) => l.scopes().to_vec(),
            Keys::Filter => vec![Scope::Filter],
            Keys::Pane(p) => {
                let mut scopes = self.panes.get(p).scopes().to_vec();
                if self.review.is_some() {
                    // Reviewing drafts adds its keys to every pane's.
                    scopes.insert(1, super::review::State::SCOPE);
                }
                scopes
            }
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
        match self.shared.keymap.lookup(&scopes, key) {
            Some(a) => Some(a),
            None if self.rows().editing() && !self.help_open() => match key {
                Key::Char(c) => Some(Action::FilterChar(c)),
                Key::Ctrl('c') => Some(Action::Quit),
                _ => None,
            },
            // Ctrl-c always quits, whatever the config file rebinds.
            None if key == Key::Ctrl('c') => Some(Action::Quit),
            // Esc takes back the question to quit with decisions unwritten.
            None if key == Key::Esc && self.review.as_ref().is_some_and(|s| s.asking_to_quit()) => {
                Some(Action::Back)
            }
            None => None,
        }
    }

    // ----- selection -------------------------------------------------------

    /// Moves to a section and selects its first claim.
    pub fn select_section(&mut self, idx: usize) {
        let case = &self.shared.case;
        let n = case.article.sections.len();
        if n == 0 {
            return;
        }
        self.selection.section = idx.min(n - 1);
        let id = &case.article.sections[self.selection.section].id;
        let first = self
            .shared
            .claim_order
            .iter()
            .copied()
            .find(|&i| case.evaluations[i].section == *id);
        self.select_claim(first);
    }

    /// Selects a section by id (`"3"`, `"key-takeaways"`).
    pub fn select_section_id(&mut self, id: &str) -> Result<(), String> {
        let article = &self.shared.case.article;
        let idx = article.section_index(id).ok_or_else(|| {
            let ids: Vec<&str> = article.sections.iter().map(|s| s.id.as_str()).collect();
            format!("unknown section {id:?}; expected one of {}", ids.join(", "))
        })?;
        self.select_section(idx);
        Ok(())
    }

    /// Selects a claim by id.
    pub fn select_claim_id(&mut self, id: &str) -> Result<(), String> {
        let idx = self
            .shared
            .case
            .evaluations
            .iter()
            .position(|e| e.id == id)
            .ok_or_else(|| format!("unknown claim {id:?}; see `claimlens check` for the ids"))?;
        self.select_claim(Some(idx));
        Ok(())
    }

    /// Selects a claim; everything that follows it is told here, and only here.
    pub fn select_claim(&mut self, idx: Option<usize>) {
        self.selection.claim = idx;
        let p = &mut self.panes;
        p.card.follow();
        p.article.follow();
        p.sparks.follow();
        let Some(e) = self.evaluation().cloned() else {
            return;
        };
        if let Some(s) = self.shared.case.article.section_index(&e.section) {
            self.selection.section = s;
        }
        let s = &self.shared;
        if let Some(entity) = self.panes.browser.follow(&s.ds, &s.blocs, &e) {
            // An open chart shows the claim's series (the share chart too gives way to it).
            self.chart_follows(entity);
        }
    }

    /// `]` and `[`: the next or previous claim in reading order.
    fn move_claim(&mut self, step: isize) {
        let order = &self.shared.claim_order;
        if order.is_empty() {
            return;
        }
        let case = &self.shared.case;
        let pos = self
            .selection
            .claim
            .and_then(|c| order.iter().position(|&i| i == c));
        let n = order.len() as isize;
        let next = match pos {
            Some(p) => (p as isize + step).clamp(0, n - 1),
            None => {
                // From a section without claims: the first claim after (or before) it.
                let after = order.iter().position(|&i| {
                    case.article
                        .section_index(&case.evaluations[i].section)
                        .unwrap_or(0)
                        > self.selection.section
                });
                match (after, step > 0) {
                    (Some(a), true) => a as isize,
                    (Some(a), false) => (a as isize - 1).max(0),
                    (None, _) => n - 1,
                }
            }
        };
        self.select_claim(Some(order[next as usize]));
    }
}

/// Who takes the keys: an overlay, the filter being typed, or the focused pane.
pub(crate) enum Keys<'a> {
    Layer(&'a Layer),
    Filter,
    Pane(Pane),
}
