//! The terminal explorer, as components: each pane and each overlay owns its
//! state, its keys and its drawing; the [`App`] holds only what they share.
//!
//! ```text
//!  key ──keymap──▶ Action ──update──▶ App::dispatch
//!  (mouse, resize)   │                  │ the overlay on top (help, sources, slides,
//!                    │                  │ index; a chart takes only moves and Esc),
//!                    │                  │ else the component that owns the action
//!                    │                  │ (the focused pane for moves)
//!                    │                  ▼
//!                    │      component.handle(action, &Context) ──▶ Outcome
//!                    │        changes its own state only; reads the Context:
//!                    │        data, case, theme, keys, Selection, the browser's rows
//!                    │                  │
//!                    │                  ▼
//!                    │      App::apply(outcome): SelectClaim / SelectSection (the
//!                    │        followers: card, article, sparklines, browser, a chart,
//!                    │        are told in App::select_claim), Focus, Open / Close
//!                    │        an overlay, Status, StepRow, Effect(Export, WriteReview)
//!                    │                  │
//!                    ▼                  ▼
//!                draw(frame, &App): every component draws itself from its state
//!                and the Context (render.rs); effects are performed after the
//!                state change (perform), never by a headless render.
//! ```
//!
//! - [`component`]: the [`Component`](component::Component) trait, the
//!   outcomes and effects; [`context`]: what every component reads.
//! - Panes: [`sections`], [`article`], [`card`], [`browser`] (over [`rows`]),
//!   [`sparks`]. Overlays, on one stack ([`layers`]): [`help`], [`sources`],
//!   [`drill`] (the country chart), [`share_chart`], [`slides`] (drawn by
//!   [`present`]) and its index. The review of drafts ([`review`]) adds keys
//!   to every pane's.
//! - [`app`] holds the shared state and dispatches; [`render`] draws (and
//!   renders headless); [`mod@run`] is the terminal loop. No other module knows [`App`].
//! - The keys: [`keymap`] (the table, the parser of key names and config,
//!   the help and bar writer); a component names the scopes it takes.
//!
//! A new pane: a module with a struct that implements `Component` (its keys
//! in a new `Scope::Pane` in `keymap/table.rs` and `keymap::stacks`, its
//! geometry from the area given in `place`), a field of `app::Panes` (with its
//! arms in `Panes::with` and `Panes::get`), a `Pane` (action.rs) and its place
//! in `layout::areas`. A new overlay: a `Component`, a `Layer` variant
//! (layers.rs) and an `Open` outcome that asks for it (`App::open`).

pub mod action;
pub mod app;
pub mod article;
pub mod browser;
pub mod card;
pub mod chart;
pub mod chrome;
pub mod component;
pub mod context;
pub mod deck;
pub mod drill;
pub mod export;
pub mod fit;
pub mod help;
pub mod keymap;
pub mod layers;
pub mod layout;
pub mod present;
pub mod readings;
pub mod render;
pub mod review;
pub mod rows;
pub mod run;
pub mod sections;
pub mod share_chart;
pub mod slides;
pub mod sources;
pub mod sparks;
pub mod terminal;
pub mod text;
pub mod theme;

#[cfg(test)]
mod testkit;

pub use action::{Action, Pane};
pub use app::{App, Effect, perform, step, update};
pub use deck::{Slide, Start};
pub use keymap::{Key, Keymap, parse_keys};
pub use render::{RenderSpec, draw, render_buffer, render_spec, render_text};
pub use run::run;
pub use theme::Options;

/// The largest frame `render` draws: 1,000 columns by 500 rows (half a
/// million cells, about 100 MB while drawing; the largest terminals have a
/// few hundred of each). The whole frame is allocated up front.
pub const MAX_RENDER_WIDTH: u16 = 1000;
pub const MAX_RENDER_HEIGHT: u16 = 500;

/// The TUI's options and keymap from the command line and the config file:
/// `--theme` wins over the file's `theme`; NO_COLOR (in `Options::from_env`)
/// turns colours off whatever the theme.
pub fn settings(
    mut opts: Options,
    theme: Option<theme::ThemeName>,
    config: Option<&crate::config::Config>,
) -> Result<(Options, Keymap), crate::error::InputError> {
    opts.theme = theme.or(config.and_then(|c| c.theme)).unwrap_or_default();
    let keymap = match config {
        Some(c) => Keymap::with_config(c)?,
        None => Keymap::default(),
    };
    Ok((opts, keymap))
}
