//! The terminal explorer: keys become typed [`Action`]s through the [`keymap`]
//! table, one [`update`] changes the [`App`], and [`draw`] is a pure function of
//! the state, so every screen can be rendered headless ([`render_text`]).

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
pub mod text;
pub mod theme;

pub use action::{Action, Pane};
pub use app::{App, Effect, perform, step, update};
pub use deck::{Slide, Start};
pub use keymap::{Key, Keymap, parse_keys};
pub use render::{RenderSpec, draw, render_buffer, render_spec, render_text};
pub use run::run;
pub use theme::Options;

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
