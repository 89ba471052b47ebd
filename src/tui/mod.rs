//! The terminal explorer: keys become typed [`Action`]s through the [`keymap`]
//! table, one [`update`] changes the [`App`], and [`draw`] is a pure function of
//! the state, so every screen can be rendered headless ([`render_text`]).

pub mod action;
pub mod app;
pub mod bloc_view;
pub mod browser;
pub mod card;
pub mod chart;
pub mod drill;
pub mod export;
pub mod fit;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod present;
pub mod readings;
pub mod render;
pub mod review;
pub mod run;
pub mod sections;
pub mod share_chart;
pub mod slides;
pub mod sparks;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;

pub use action::{Action, Pane};
pub use app::{App, Effect, perform, step, update};
pub use keymap::{Key, Keymap, parse_keys};
pub use render::{render_buffer, render_text};
pub use run::run;
pub use slides::{Slide, Start};
pub use theme::Options;
pub use ui::draw;

/// The largest frame `render` draws: 1,000 columns by 500 rows (half a
/// million cells, about 100 MB while drawing; the largest terminals have a
/// few hundred of each). The whole frame is allocated up front.
pub const MAX_RENDER_WIDTH: u16 = 1000;
pub const MAX_RENDER_HEIGHT: u16 = 500;

/// Selection and keys for a headless render.
#[derive(Clone, Debug, Default)]
pub struct RenderSpec {
    pub width: u16,
    pub height: u16,
    /// Section id, e.g. `3` or `key-takeaways`.
    pub section: Option<String>,
    pub claim: Option<String>,
    /// Key sequence, e.g. `jj]<Tab><Enter>`.
    pub keys: Option<String>,
    /// Show presentation mode: the claim's slide, else the section's title
    /// slide, else the first slide (the keys are then pressed on the slides).
    pub present: bool,
}

/// The screen the TUI would show after the spec's selection and keys, as text.
pub fn render_spec(mut app: App, spec: &RenderSpec) -> Result<String, String> {
    if !(1..=MAX_RENDER_WIDTH).contains(&spec.width)
        || !(1..=MAX_RENDER_HEIGHT).contains(&spec.height)
    {
        return Err(format!(
            "--width {} --height {}: expected a width of 1 to {MAX_RENDER_WIDTH} columns and a height of 1 to {MAX_RENDER_HEIGHT} rows",
            spec.width, spec.height
        ));
    }
    update(
        &mut app,
        Action::Resize {
            width: spec.width,
            height: spec.height,
        },
    );
    if spec.present {
        let start = match (&spec.claim, &spec.section) {
            (Some(c), _) => Start::Claim(c.clone()),
            (None, Some(s)) => Start::Section(s.clone()),
            (None, None) => Start::First,
        };
        app.start_presentation(start)?;
    } else {
        if let Some(s) = &spec.section {
            app.select_section_id(s)?;
        }
        if let Some(c) = &spec.claim {
            app.select_claim_id(c)?;
        }
    }
    if let Some(k) = &spec.keys {
        for key in parse_keys(k)? {
            if app.quit {
                break;
            }
            // A render prints a frame and nothing else: effects (exports) are not performed.
            for effect in app.press_without_effects(key) {
                match effect {
                    app::Effect::Export => app.status = Some(
                        "Export not written: render only prints a frame (press e in the explorer)."
                            .into(),
                    ),
                    app::Effect::WriteReview => app.status = Some(
                        "Decisions not written: render only prints a frame (press w in the explorer)."
                            .into(),
                    ),
                }
            }
        }
    }
    Ok(render_text(&app, spec.width, spec.height))
}

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
