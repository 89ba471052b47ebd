//! The one function that changes the explorer: an action goes to the overlay
//! on top or to the component that owns it (the focused pane for moves), and
//! what the component asks for in its outcome is carried out here.

use super::App;
use crate::tui::action::{Action, Pane};
use crate::tui::component::{Effect, Open, Outcome};
use crate::tui::context::Context;
use crate::tui::slides;

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
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            _ if self.provenance.is_some() => match action {
                Action::Back | Action::Enter | Action::Provenance => self.provenance = None,
                Action::Up => self.provenance_scroll = self.provenance_scroll.saturating_sub(1),
                Action::Down => {
                    let max = crate::tui::sources::max_scroll(
                        &self.context(),
                        self.provenance.as_deref().unwrap_or_default(),
                        self.screen,
                    );
                    self.provenance_scroll = self
                        .provenance_scroll
                        .saturating_add(1)
                        .min(max.max(self.provenance_scroll))
                }
                _ => {}
            },
            _ if self.help => match action {
                Action::Back => self.help = false,
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Down => {
                    let presenting = self.present.is_some();
                    let max =
                        crate::tui::help::max_scroll(&self.context(), self.screen, presenting);
                    self.help_scroll = self
                        .help_scroll
                        .saturating_add(1)
                        .min(max.max(self.help_scroll))
                }
                _ => {}
            },
            _ if self.present.is_some() => slides::update(self, action),
            Action::Present => {
                let _ = self.start_presentation(slides::Start::Selection);
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
                    && self.drill.is_none()
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
            Action::ShareChart => {
                self.drill = if self.share_chart_open() {
                    None
                } else {
                    Some(crate::tui::share_chart::SHARE_CHART.to_string())
                };
            }
            // The sparklines' zoom is the charts' too.
            Action::ZoomIn | Action::ZoomOut => self.handle_pane(Pane::Sparks, action),
            Action::Back => {
                if self.drill.is_some() {
                    self.drill = None;
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
            | Action::Chart => {
                if self.drill.is_some() {
                    // The chart's arrows step through the browser's rows.
                    match action {
                        Action::Up => self.apply(Outcome::StepRow(-1)),
                        Action::Down => self.apply(Outcome::StepRow(1)),
                        _ => {}
                    }
                } else {
                    self.handle_pane(self.focus, action)
                }
            }
        }
    }

    /// Hands an action to a pane and carries out its outcome.
    fn handle_pane(&mut self, p: Pane, action: Action) {
        let (zoom_pad, focus) = (self.zoom_pad(), self.shown_focus());
        let drafts = self.review.as_ref().map(|r| &r.review);
        let (shared, selection) = (&self.shared, self.selection);
        let out = self.panes.with(p, |pane, rows| {
            let cx = Context {
                zoom_pad,
                focus,
                rows,
                drafts,
                ..Context::new(shared, selection)
            };
            pane.handle(action, &cx)
        });
        self.apply(out);
    }

    /// A review key: the review changes its decisions; the case may take a re-evaluated claim.
    fn handle_review(&mut self, action: Action) {
        let Some(review) = self.review.as_mut() else {
            return;
        };
        let cx = Context {
            zoom_pad: self.panes.sparks.zoom_pad(),
            rows: Some(self.panes.browser.rows()),
            ..Context::new(&self.shared, self.selection)
        };
        let out = review.handle(action, &cx);
        self.apply(out);
    }

    /// Carries out what a component asked for.
    pub(super) fn apply(&mut self, out: Outcome) {
        match out {
            Outcome::Done => {}
            Outcome::SelectClaim(c) => self.select_claim(c),
            Outcome::SelectSection(s) => self.select_section(s),
            Outcome::Focus(p) => self.focus = p,
            Outcome::Open(Open::Sources(list)) => {
                self.provenance = Some(list);
                self.provenance_scroll = 0;
            }
            Outcome::Open(Open::Chart(entity)) => self.drill = Some(entity),
            Outcome::Open(Open::SlideIndex(_)) | Outcome::Close => {}
            Outcome::Status(msg) => self.status = Some(msg),
            Outcome::Effect(e) => self.effects.push(e),
            Outcome::Quit => self.quit = true,
            Outcome::StepRow(step) => {
                self.panes.browser.step_row(step);
                if self.drill.is_some()
                    && !self.share_chart_open()
                    && let Some(e) = self.rows().entity()
                {
                    self.drill = Some(e.to_string());
                }
            }
            Outcome::RowsChanged => {
                if self.drill.is_some() && !self.share_chart_open() {
                    self.drill = self.rows().entity().map(str::to_string);
                }
            }
            Outcome::Show { measure, entity } => {
                let s = &self.shared;
                self.panes.browser.show(&s.ds, &s.blocs, measure, &entity);
            }
            Outcome::Replace(e) => {
                let case = std::sync::Arc::make_mut(&mut self.shared.case);
                if let Some(x) = case.evaluations.iter_mut().find(|x| x.id == e.id) {
                    *x = *e;
                }
                let s = &mut self.shared;
                s.deck = crate::tui::deck::Deck::new(&s.case, &s.claim_order, s.deck.data_only);
                let keep = self.panes.card.scroll();
                self.select_claim(self.selection.claim);
                self.panes.card.set_scroll(keep);
            }
            Outcome::ShowSlide(_) | Outcome::DataClaimsOnly(_) => {}
            Outcome::Many(list) => {
                for o in list {
                    self.apply(o);
                }
            }
        }
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

    /// A left click: focuses the pane under it, which handles the click.
    fn click(&mut self, x: u16, y: u16) {
        let Some(pane) = self.areas().pane_at(x, y) else {
            return;
        };
        if self.drill.is_some() && pane != Pane::Sections {
            return;
        }
        let again = self.focus == pane;
        self.focus = pane;
        let (zoom_pad, focus) = (self.zoom_pad(), self.shown_focus());
        let drafts = self.review.as_ref().map(|r| &r.review);
        let (shared, selection) = (&self.shared, self.selection);
        let out = self.panes.with(pane, |p, rows| {
            let cx = Context {
                zoom_pad,
                focus,
                rows,
                drafts,
                ..Context::new(shared, selection)
            };
            p.click(x, y, again, &cx)
        });
        self.apply(out);
    }
}
