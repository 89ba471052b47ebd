//! What the explorer's components share: the data, the case and the settings
//! ([`Shared`], held by the app), the one [`Selection`], and the read-only
//! [`Context`] a component is handed to handle a key or to draw.

use super::deck::Deck;
use super::keymap::Keymap;
use super::rows::Rows;
use super::theme::Theme;
use crate::claims::{Case, Evaluation};
use crate::data::Dataset;
use crate::data::blocs::Blocs;
use crate::draft::review::Review;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Months of context around a claim's window, per zoom level.
pub const ZOOM_PADS: [i32; 7] = [3, 6, 12, 24, 60, 120, 600];

/// The selected section and claim: what every pane shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Index into `case.article.sections`.
    pub section: usize,
    /// Index into `case.evaluations`.
    pub claim: Option<usize>,
}

/// The data, the case and the settings: read by every component, changed only
/// by the app (a review's re-evaluated claim, the deck's filter, the keys).
#[derive(Clone)]
pub struct Shared {
    pub ds: Arc<Dataset>,
    pub case: Arc<Case>,
    /// Claims in reading order (by section, then claims-file order).
    pub claim_order: Vec<usize>,
    pub theme: Theme,
    /// The keys in force (defaults, or with the config file's overrides).
    pub keymap: Arc<Keymap>,
    /// Claims whose verdict changed with the newest archived vintage: id ->
    /// the change in words (see `claimlens changes`).
    pub changed: Arc<HashMap<String, String>>,
    /// The blocs the browser's bloc view shows (bundled, config file, case folder).
    pub blocs: Arc<Blocs>,
    /// The presentation's slides.
    pub deck: Deck,
    /// Where `e` writes its files.
    pub export_dir: PathBuf,
}

/// What the app's own state puts in a context, besides the shared data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    pub selection: Selection,
    /// Months of context around the claim's window (the sparklines' zoom).
    pub zoom_pad: i32,
    /// The pane drawn as focused (none while a chart or the help covers the panes).
    pub focus: Option<super::action::Pane>,
}

impl Default for View {
    fn default() -> Self {
        View {
            selection: Selection::default(),
            zoom_pad: ZOOM_PADS[2],
            focus: None,
        }
    }
}

impl Shared {
    /// The case's claims in reading order and its deck, the default keys, no
    /// changes known, exports into the current folder.
    pub fn new(ds: Arc<Dataset>, case: Arc<Case>, theme: Theme, blocs: Arc<Blocs>) -> Shared {
        let mut claim_order: Vec<usize> = (0..case.evaluations.len()).collect();
        claim_order.sort_by_key(|&i| {
            case.article
                .section_index(&case.evaluations[i].section)
                .unwrap_or(usize::MAX)
        });
        let deck = Deck::new(&case, &claim_order, false);
        Shared {
            ds,
            case,
            claim_order,
            theme,
            keymap: Arc::new(Keymap::default()),
            changed: Arc::default(),
            blocs,
            deck,
            export_dir: PathBuf::from("."),
        }
    }
}

/// What a component reads (never changes) to handle a key or to draw. Built by
/// the app for each key and each frame.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub ds: &'a Arc<Dataset>,
    pub case: &'a Case,
    pub claim_order: &'a [usize],
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub changed: &'a HashMap<String, String>,
    pub blocs: &'a Blocs,
    pub deck: &'a Deck,
    pub selection: Selection,
    /// Months of context around the claim's window (the sparklines' zoom).
    pub zoom_pad: i32,
    /// The pane drawn as focused (none while a chart or the help covers the panes).
    pub focus: Option<super::action::Pane>,
    /// The browser's rows, for the panes that chart them (`None` only while
    /// the browser itself handles a key: it has them).
    pub rows: Option<&'a Rows>,
    /// The drafts under review (`None` when there are none, and while the
    /// review itself handles a key).
    pub drafts: Option<&'a Review>,
}

impl<'a> Context<'a> {
    /// The context of `shared` and `view`; the browser's rows and the drafts
    /// are left out for the component that holds them.
    pub fn new(
        shared: &'a Shared,
        view: View,
        rows: Option<&'a Rows>,
        drafts: Option<&'a Review>,
    ) -> Context<'a> {
        Context {
            ds: &shared.ds,
            case: &shared.case,
            claim_order: &shared.claim_order,
            theme: &shared.theme,
            keymap: &shared.keymap,
            changed: &shared.changed,
            blocs: &shared.blocs,
            deck: &shared.deck,
            selection: view.selection,
            zoom_pad: view.zoom_pad,
            focus: view.focus,
            rows,
            drafts,
        }
    }

    /// The selected claim.
    pub fn evaluation(&self) -> Option<&'a Evaluation> {
        self.selection
            .claim
            .and_then(|i| self.case.evaluations.get(i))
    }

    /// The selected claim's place in reading order, from 1 (0 when there is none).
    pub fn claim_position(&self) -> usize {
        self.claim_order
            .iter()
            .position(|&i| Some(i) == self.selection.claim)
            .map_or(0, |p| p + 1)
    }

    /// Whether the browser shows blocs.
    pub fn bloc_view(&self) -> bool {
        self.rows.is_some_and(|r| r.bloc_view().is_some())
    }
}
