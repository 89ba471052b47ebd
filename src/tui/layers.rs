//! The overlays that can be open over the panes, as one stack's entries: the
//! one on top takes the keys. Most take every key (the help, the sources,
//! the slides and their index); a chart (the country chart or the share
//! chart, in the slot over the panes) takes only the moves and Esc, so the
//! explorer's other keys still work under it.

use super::action::Action;
use super::component::{Component, Outcome};
use super::context::Context;
use super::drill::Chart;
use super::help::Help;
use super::keymap::Scope;
use super::share_chart::Shares;
use super::slides::{SlideIndex, Slides};
use super::sources::Sources;
use ratatui::Frame;
use ratatui::layout::Rect;

/// An open overlay.
#[derive(Clone, Debug)]
pub enum Layer {
    Help(Help),
    Sources(Sources),
    Chart(Chart),
    Shares(Shares),
    Slides(Slides),
    SlideIndex(SlideIndex),
}

/// `$body` with `$c` bound to the component of whichever overlay `$layer` is.
macro_rules! each {
    ($layer:expr, $c:ident => $body:expr) => {
        match $layer {
            Layer::Help($c) => $body,
            Layer::Sources($c) => $body,
            Layer::Chart($c) => $body,
            Layer::Shares($c) => $body,
            Layer::Slides($c) => $body,
            Layer::SlideIndex($c) => $body,
        }
    };
}

impl Layer {
    fn get(&self) -> &dyn Component {
        each!(self, c => c)
    }

    fn get_mut(&mut self) -> &mut dyn Component {
        each!(self, c => c)
    }

    /// Whether it takes every action (but quitting, resizing and the help's
    /// key): nothing under it changes while it is open.
    pub fn captures(&self) -> bool {
        !self.is_chart()
    }

    /// Whether it is a chart in the slot over the panes.
    pub fn is_chart(&self) -> bool {
        matches!(self, Layer::Chart(_) | Layer::Shares(_))
    }

    /// Whether it covers the whole screen (the explorer is not drawn under it).
    pub fn full_screen(&self) -> bool {
        matches!(self, Layer::Slides(_))
    }

    /// What the bottom bar calls it.
    pub fn title(&self) -> String {
        match self {
            Layer::Help(_) => "Help".into(),
            Layer::Sources(_) => "Sources".into(),
            Layer::Chart(c) => c.title(),
            Layer::Shares(_) => "Share chart".into(),
            Layer::Slides(_) => Scope::Present.title().into(),
            Layer::SlideIndex(_) => Scope::SlideIndex.title().into(),
        }
    }
}

impl Component for Layer {
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        self.get_mut().handle(action, cx)
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        self.get().draw(cx, frame, area);
    }

    fn scopes(&self) -> &'static [Scope] {
        self.get().scopes()
    }

    fn place(&mut self, area: Rect) {
        self.get_mut().place(area);
    }

    fn bar_word(&self, cx: &Context, action: Action, word: &'static str) -> Option<&'static str> {
        self.get().bar_word(cx, action, word)
    }
}
