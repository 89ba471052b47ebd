//! The overlay stack: opening and closing the help, the sources, the charts
//! and the slides, and what the app reads of them.

use super::App;
use crate::tui::component::{Component, Open, Outcome};
use crate::tui::context::Context;
use crate::tui::deck::{Deck, Slide, Start};
use crate::tui::drill::Chart;
use crate::tui::help::Help;
use crate::tui::layers::Layer;
use crate::tui::share_chart::Shares;
use crate::tui::slides::{SlideIndex, Slides};
use crate::tui::sources::Sources;

impl App {
    /// The overlays open, bottom first.
    pub fn overlays(&self) -> &[Layer] {
        &self.overlays
    }

    pub fn help_open(&self) -> bool {
        self.overlays.iter().any(|l| matches!(l, Layer::Help(_)))
    }

    /// The sources view, while open.
    pub fn sources(&self) -> Option<&Sources> {
        self.overlays.iter().find_map(|l| match l {
            Layer::Sources(s) => Some(s),
            _ => None,
        })
    }

    /// The entity whose country chart is open.
    pub fn chart(&self) -> Option<&str> {
        match self.chart_slot().map(|i| &self.overlays[i]) {
            Some(Layer::Chart(c)) => Some(c.entity()),
            _ => None,
        }
    }

    pub fn share_chart_open(&self) -> bool {
        matches!(
            self.chart_slot().map(|i| &self.overlays[i]),
            Some(Layer::Shares(_))
        )
    }

    pub fn presenting(&self) -> bool {
        self.slides().is_some()
    }

    /// The slide shown while presenting (an index into the deck).
    pub fn slide(&self) -> Option<usize> {
        self.slides().map(Slides::slide)
    }

    /// The cursor of the index of slides, while it is open.
    pub fn slide_index(&self) -> Option<usize> {
        self.overlays.iter().find_map(|l| match l {
            Layer::SlideIndex(i) => Some(i.cursor()),
            _ => None,
        })
    }

    /// The current slide, while presenting.
    pub fn current_slide(&self) -> Option<(usize, Slide)> {
        let i = self.slide()?;
        self.shared.deck.get(i).map(|s| (i, s))
    }

    /// The slide showing a claim, or the title slide of a section.
    pub fn slide_of(&self, want: Slide) -> Option<usize> {
        self.shared.deck.position(want)
    }

    fn slides(&self) -> Option<&Slides> {
        self.overlays.iter().rev().find_map(|l| match l {
            Layer::Slides(s) => Some(s),
            _ => None,
        })
    }

    /// Puts an overlay on top, over the screen it is drawn on.
    fn push(&mut self, mut layer: Layer) {
        layer.place(self.screen);
        self.overlays.push(layer);
    }

    /// `?`: the help over whatever is open, or closed again.
    pub(super) fn toggle_help(&mut self) {
        if self.help_open() {
            self.overlays.retain(|l| !matches!(l, Layer::Help(_)));
        } else {
            // The help lists the keys of the screen it covers first.
            let first = self.scopes();
            self.push(Layer::Help(Help::new(first)));
        }
    }

    /// Opens what a component asked for.
    pub(super) fn open(&mut self, open: Open) {
        match open {
            Open::Sources(list) => self.push(Layer::Sources(Sources::new(list))),
            Open::Chart(entity) => self.set_chart(Layer::Chart(Chart::new(entity))),
            Open::SlideIndex(cursor) => self.push(Layer::SlideIndex(SlideIndex::new(cursor))),
        }
    }

    /// Where the chart over the panes (a country's or the share chart) is in the stack.
    fn chart_slot(&self) -> Option<usize> {
        self.overlays.iter().position(Layer::is_chart)
    }

    /// Puts a chart in the slot over the panes, in place of the one there.
    fn set_chart(&mut self, chart: Layer) {
        match self.chart_slot() {
            Some(i) => self.overlays[i] = chart,
            None => self.push(chart),
        }
    }

    /// `w`: the share chart in the slot over the panes, or the slot emptied.
    pub(super) fn toggle_share_chart(&mut self) {
        if self.share_chart_open() {
            self.overlays.retain(|l| !l.is_chart());
        } else {
            self.set_chart(Layer::Shares(Shares));
        }
    }

    /// Whether a chart (either) is over the panes.
    pub(super) fn chart_open(&self) -> bool {
        self.chart_slot().is_some()
    }

    /// A new claim's series: an open chart (either) becomes the chart of its entity.
    pub(super) fn chart_follows(&mut self, entity: String) {
        if self.chart_open() {
            self.set_chart(Layer::Chart(Chart::new(entity)));
        }
    }

    /// The browser's cursor moved: an open country chart shows its row; with
    /// `or_close`, a chart with no row left to show closes.
    pub(super) fn chart_follows_row(&mut self, or_close: bool) {
        let Some(i) = self.chart_slot() else { return };
        let entity = self.panes.browser.rows().entity();
        match (&mut self.overlays[i], entity) {
            (Layer::Chart(c), Some(e)) => c.follow(e),
            (Layer::Chart(_), None) if or_close => {
                self.overlays.remove(i);
            }
            _ => {}
        }
    }

    /// Enters presentation mode (over whatever the explorer shows, the help closed).
    pub fn start_presentation(&mut self, start: Start) -> Result<(), String> {
        let slide = match start {
            Start::First => 0,
            Start::Selection => self
                .selection
                .claim
                .and_then(|c| self.slide_of(Slide::Claim(c)))
                .or_else(|| self.slide_of(Slide::Section(self.selection.section)))
                .unwrap_or(0),
            Start::Section(id) => {
                self.select_section_id(&id)?;
                self.slide_of(Slide::Section(self.selection.section))
                    .unwrap_or(0)
            }
            Start::Claim(id) => {
                self.select_claim_id(&id)?;
                self.selection
                    .claim
                    .and_then(|c| self.slide_of(Slide::Claim(c)))
                    .unwrap_or(0)
            }
        };
        self.overlays
            .retain(|l| !matches!(l, Layer::Help(_) | Layer::Slides(_) | Layer::SlideIndex(_)));
        self.push(Layer::Slides(Slides::default()));
        self.go_to_slide(slide);
        Ok(())
    }

    /// Shows slide `i` (clamped) and moves the explorer's selection with it.
    pub fn go_to_slide(&mut self, i: usize) {
        let rows = Some(self.panes.browser.rows());
        let drafts = self.review.as_ref().map(crate::tui::review::State::drafts);
        let cx = Context::new(&self.shared, self.view(), rows, drafts);
        let Some(slides) = self.overlays.iter_mut().rev().find_map(|l| match l {
            Layer::Slides(s) => Some(s),
            _ => None,
        }) else {
            return;
        };
        let out: Outcome = slides.go_to(i, &cx);
        self.apply(out);
    }

    /// Shows or hides the slides of claims that are not data claims, staying on the
    /// current slide (or the nearest one before it).
    pub fn set_data_claims_only(&mut self, on: bool) {
        let current = self.current_slide().map(|c| c.1);
        let s = &mut self.shared;
        s.deck = Deck::new(&s.case, &s.claim_order, on);
        let Some(cur) = current else {
            return;
        };
        // The slide itself, else the nearest one before it in reading order.
        let s = &self.shared;
        let key = |sl: Slide| match sl {
            Slide::Section(k) => (k, 0),
            Slide::Claim(c) => (
                s.case
                    .article
                    .section_index(&s.case.evaluations[c].section)
                    .unwrap_or(0),
                1 + s.claim_order.iter().position(|&x| x == c).unwrap_or(0),
            ),
        };
        let i = self.slide_of(cur).unwrap_or_else(|| {
            (0..s.deck.len())
                .rev()
                .find(|&i| s.deck.get(i).is_some_and(|sl| key(sl) <= key(cur)))
                .unwrap_or(0)
        });
        self.go_to_slide(i);
    }
}
