//! What a pane or an overlay of the explorer is: a [`Component`] owns its
//! state, changes it for an [`Action`], draws it, and names the keys it takes.
//! Anything it wants beyond its own state it asks for in an [`Outcome`],
//! which the app carries out.

use super::action::{Action, Pane};
use super::context::Context;
use super::keymap::Scope;
use crate::browse::BrowseMeasure;
use crate::claims::Evaluation;
use crate::provenance::Provenance;
use ratatui::Frame;
use ratatui::layout::Rect;

/// A pane or an overlay.
pub trait Component {
    /// Changes the component's own state for an action; everything else it
    /// asks for in the outcome.
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome;

    /// Draws the component into `area`: a pure function of its state and the context.
    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect);

    /// The keymap's scopes whose keys it takes, most specific first: what it
    /// contributes to dispatch, the help and the bottom bar.
    fn scopes(&self) -> &'static [Scope];

    /// The area the component is given on the screen (at the start and on each
    /// resize): where the geometry of its moves (rows that fit, scroll limits)
    /// and of clicks comes from.
    fn place(&mut self, _area: Rect) {}

    /// A left click at a screen cell inside its area; `again` when it had the focus already.
    fn click(&mut self, _x: u16, _y: u16, _again: bool, _cx: &Context) -> Outcome {
        Outcome::Done
    }

    /// The bottom bar's word for one of the bindings in force (`None`: not
    /// offered now). Every component on screen is asked.
    fn bar_word(&self, _cx: &Context, _action: Action, word: &'static str) -> Option<&'static str> {
        Some(word)
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

/// An overlay a component asks to open.
#[derive(Clone, Debug, PartialEq)]
pub enum Open {
    /// Where numbers come from: each value's record.
    Sources(Vec<Provenance>),
    /// The chart of a row of the browser (an entity).
    Chart(String),
    /// The index of slides, the cursor on a slide.
    SlideIndex(usize),
}

/// What a component asks of the app after a key.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Nothing beyond the component's own state.
    Done,
    /// Select a claim (or none): the panes that follow the claim are told.
    SelectClaim(Option<usize>),
    /// Select a section and its first claim.
    SelectSection(usize),
    Focus(Pane),
    Open(Open),
    /// Close the overlay that handled the key.
    Close,
    /// A message for the bottom bar.
    Status(String),
    Effect(Effect),
    /// End the explorer.
    Quit,
    /// Move the browser's cursor by rows (the charts' up and down): a
    /// country chart follows it.
    StepRow(isize),
    /// The browser's rows changed under an open chart: it follows the cursor's
    /// row, or closes when there is none.
    RowsChanged,
    /// Show an entity in the browser, on a measure when given.
    Show {
        measure: Option<BrowseMeasure>,
        entity: String,
    },
    /// Put a re-evaluated claim in the case (a review's alternative binding).
    Replace(Box<Evaluation>),
    /// Show a slide of the deck.
    ShowSlide(usize),
    /// Leave the slides of claims that are not data claims out of the deck, or not.
    DataClaimsOnly(bool),
    /// Several, in order.
    Many(Vec<Outcome>),
}
