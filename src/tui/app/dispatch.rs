//! The one function that changes the explorer: an action goes to the overlay
//! on top or to the component that owns it (the focused pane for moves), and
//! what the component asks for in its outcome is carried out here.

use super::App;
use crate::tui::action::{Action, Pane};
use crate::tui::component::{Component, Effect, Outcome};
use crate::tui::context::Context;
use crate::tui::deck::{Deck, Start};
use crate::tui::layers::Layer;

/// The state change of one action, and the effects it asks for (no I/O here).
pub fn step(app: &mut App, action: Action) -> Vec<Effect> {
    app.dispatch(action);
    std::mem::take(&mut app.effects)
}

/// Carries out one effect.
pub fn perform(app: &mut App, effect: Effect) {
    let msg = match effect {
        Effect::Export => match app.evaluation() {
            Some(e) => crate::tui::export::export_claim(&app.shared.ds, e, &app.shared.export_dir),
            None => "Nothing to export: select a claim first (] for the next claim).".into(),
        },
        Effect::WriteReview => match app.review.as_mut() {
            Some(r) => r.write(),
            None => "No drafts under review.".into(),
        },
    };
    app.status = Some(msg);
}

/// [`step`], then [`perform`] its effects: what the terminal loop does with each action.
pub fn update(app: &mut App, action: Action) {
    for e in step(app, action) {
        perform(app, e);
    }
}

impl App {
    fn dispatch(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. }) {
            self.status = None;
        }
        if let Some(msg) = self.review.as_mut().and_then(|r| r.forget_quit(action)) {
            self.status = Some(msg);
        }
        match action {
            Action::Quit => {
                let out = match self.review.as_mut() {
                    Some(r) => r.quit(),
                    None => Outcome::Quit,
                };
                self.apply(out);
            }
            Action::Resize { width, height } => {
                self.screen = ratatui::layout::Rect::new(0, 0, width, height);
                self.place();
                // A pane that is no longer drawn cannot keep the focus.
                let panes = self.panes();
                if !panes.is_empty() && !panes.contains(&self.focus) {
                    self.focus = panes[0];
                }
            }
            Action::ToggleHelp => self.toggle_help(),
            _ if self.overlays.last().is_some_and(|l| l.captures()) => self.handle_overlay(action),
            Action::Present => {
                let _ = self.start_presentation(Start::Selection);
            }
            Action::Export => self.effects.push(Effect::Export),
            Action::AcceptDraft
            | Action::RejectDraft
            | Action::NextAlternative
            | Action::PrevAlternative
            | Action::WriteReview => self.handle_review(action),
            Action::NextSlide
            | Action::PrevSlide
            | Action::Go
            | Action::SlideIndex
            | Action::DataClaimsOnly
            | Action::Count(_) => {}
            // The share chart covers the panes: Tab would move the focus unseen.
            Action::NextPane | Action::PrevPane if self.share_chart_open() => {}
            Action::NextPane | Action::PrevPane => self.cycle_focus(action == Action::NextPane),
            Action::NextClaim => self.move_claim(1),
            Action::PrevClaim => self.move_claim(-1),
            Action::Click { x, y } => self.click(x, y),
            Action::Scroll { x, y, down } => {
                if let Some(p) = self.areas().pane_at(x, y)
                    && !self.chart_open()
                {
                    self.focus = p;
                    self.dispatch(if down { Action::Down } else { Action::Up });
                }
            }
            // The browser's own commands, wherever the focus is.
            Action::StartFilter
            | Action::FilterChar(_)
            | Action::FilterBackspace
            | Action::FilterCancel
            | Action::FilterAccept
            | Action::CycleMeasure
            | Action::ToggleAggregates
            | Action::SortAsc
            | Action::SortDesc
            | Action::ToggleBlocs => self.handle_pane(Pane::Browser, action),
            Action::ShareChart => self.toggle_share_chart(),
            // The sparklines' zoom is the charts' too.
            Action::ZoomIn | Action::ZoomOut if self.share_chart_open() => {}
            Action::ZoomIn | Action::ZoomOut => self.handle_pane(Pane::Sparks, action),
            // Moves and Esc: the chart over the panes, else the focused pane.
            Action::Back
            | Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last
            | Action::Left
            | Action::Right
            | Action::Enter
            | Action::Provenance
            | Action::Chart => {
                if self.overlays.is_empty() {
                    self.handle_pane(self.focus, action)
                } else {
                    self.handle_overlay(action)
                }
            }
        }
    }

    /// Calls `f` with pane `p` and its context; carries out the outcome.
    fn with_pane(&mut self, p: Pane, f: impl FnOnce(&mut dyn Component, &Context) -> Outcome) {
        let view = self.view();
        let drafts = self.review.as_ref().map(crate::tui::review::State::drafts);
        let shared = &self.shared;
        let out = self.panes.with(p, |pane, rows| {
            f(pane, &Context::new(shared, view, rows, drafts))
        });
        self.apply(out);
    }

    /// Hands an action to a pane.
    fn handle_pane(&mut self, p: Pane, action: Action) {
        self.with_pane(p, |pane, cx| pane.handle(action, cx));
    }

    /// The overlay that takes an action: the one on top; but the sources view,
    /// while open, takes them even under the help opened over it (as the
    /// explorer always did: there Esc closes the sources behind the help).
    fn receiver(&self) -> Option<usize> {
        let sources = self
            .overlays
            .iter()
            .position(|l| matches!(l, Layer::Sources(_)));
        sources.or(self.overlays.len().checked_sub(1))
    }

    /// Hands an action to the overlay that takes it.
    fn handle_overlay(&mut self, action: Action) {
        let Some(i) = self.receiver() else {
            return;
        };
        let rows = Some(self.panes.browser.rows());
        let drafts = self.review.as_ref().map(crate::tui::review::State::drafts);
        let cx = Context::new(&self.shared, self.view(), rows, drafts);
        let out = self.overlays[i].handle(action, &cx);
        self.apply_from(i, out);
    }

    /// Carries out what overlay `i` asked for: `Close` closes that overlay.
    fn apply_from(&mut self, i: usize, out: Outcome) {
        match out {
            Outcome::Close if i < self.overlays.len() => {
                self.overlays.remove(i);
            }
            Outcome::Many(list) => {
                for o in list {
                    self.apply_from(i, o);
                }
            }
            out => self.apply(out),
        }
    }

    /// A review key: the review changes its decisions; the case may take a re-evaluated claim.
    fn handle_review(&mut self, action: Action) {
        let view = self.view();
        let Some(review) = self.review.as_mut() else {
            return;
        };
        let rows = Some(self.panes.browser.rows());
        let out = review.handle(action, &Context::new(&self.shared, view, rows, None));
        self.apply(out);
    }

    /// Carries out what a component asked for.
    pub(super) fn apply(&mut self, out: Outcome) {
        match out {
            Outcome::Done => {}
            Outcome::SelectClaim(c) => self.select_claim(c),
            Outcome::SelectSection(s) => self.select_section(s),
            Outcome::Focus(p) => self.focus = p,
            Outcome::Open(open) => self.open(open),
            // Only an overlay closes itself (see `apply_from`).
            Outcome::Close => {}
            Outcome::Status(msg) => self.status = Some(msg),
            Outcome::Effect(e) => self.effects.push(e),
            Outcome::Quit => self.quit = true,
            Outcome::StepRow(step) => {
                self.panes.browser.step_row(step);
                self.chart_follows_row(false);
            }
            Outcome::RowsChanged => self.chart_follows_row(true),
            Outcome::Show { measure, entity } => {
                let s = &self.shared;
                self.panes.browser.show(&s.ds, &s.blocs, measure, &entity);
            }
            Outcome::Replace(e) => self.replace(*e),
            Outcome::ShowSlide(i) => self.go_to_slide(i),
            Outcome::DataClaimsOnly(on) => self.set_data_claims_only(on),
            Outcome::Many(list) => {
                for o in list {
                    self.apply(o);
                }
            }
        }
    }

    /// Puts a re-evaluated claim in the case; the deck and the screens follow
    /// it (the card stays where it was read).
    fn replace(&mut self, e: crate::claims::Evaluation) {
        let case = std::sync::Arc::make_mut(&mut self.shared.case);
        if let Some(x) = case.evaluations.iter_mut().find(|x| x.id == e.id) {
            *x = e;
        }
        let s = &mut self.shared;
        s.deck = Deck::new(&s.case, &s.claim_order, s.deck.data_only);
        let keep = self.panes.card.scroll();
        self.select_claim(self.selection.claim);
        self.panes.card.set_scroll(keep);
    }

    /// Tab and S-Tab: the next or previous pane on screen.
    fn cycle_focus(&mut self, forward: bool) {
        let panes = self.panes();
        if let Some(pos) = panes.iter().position(|p| *p == self.focus) {
            let n = panes.len();
            let next = if forward {
                (pos + 1) % n
            } else {
                (pos + n - 1) % n
            };
            self.focus = panes[next];
        } else if let Some(p) = panes.first() {
            self.focus = *p;
        }
    }

    /// A left click: focuses the pane under it, which handles the click (under
    /// a chart, only the sections pane is there to click).
    fn click(&mut self, x: u16, y: u16) {
        let Some(pane) = self.areas().pane_at(x, y) else {
            return;
        };
        if self.chart_open() && pane != Pane::Sections {
            return;
        }
        let again = self.focus == pane;
        self.focus = pane;
        self.with_pane(pane, |p, cx| p.click(x, y, again, cx));
    }
}
