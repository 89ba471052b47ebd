//! Drawing the explorer (every component into its area, the overlays on top,
//! a pure function of the state), and headless rendering: the frame the TUI
//! would show, as plain text, after a selection and keys ([`render_spec`]).

use super::action::Action;
use super::app::{App, Effect};
use super::chrome::{self, Bar};
use super::component::Component;
use super::keymap::parse_keys;
use super::layout;
use super::slides::Start;
use ratatui::Frame;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the app: the explorer, or the slides while presenting.
pub fn draw(frame: &mut Frame, app: &App) {
    let cx = app.context();
    let area = frame.area();
    if let Some(p) = &app.present {
        super::present::draw(&cx, frame, area, p.slide);
        if let Some(cur) = p.index {
            super::present::draw_index(&cx, frame, area, cur);
        }
        if app.help {
            super::help::draw(&cx, frame, area, app.help_scroll, true);
        }
    } else {
        explorer(frame, app, area);
    }
    cx.theme.paint_base(frame.buffer_mut());
    if cx.theme.opts.ascii {
        for cell in frame.buffer_mut().content.iter_mut() {
            if let Some(a) = super::theme::ascii_of(cell.symbol()) {
                cell.set_symbol(a);
            }
        }
    }
}

fn explorer(frame: &mut Frame, app: &App, area: Rect) {
    if layout::too_small(area) {
        chrome::too_small(frame, area);
        return;
    }
    let cx = app.context();
    let a = layout::areas(area);
    chrome::header(frame, &cx, a.header);
    let p = &app.panes;
    p.sections.draw(&cx, frame, a.sections);
    p.article.draw(&cx, frame, a.text);
    p.card.draw(&cx, frame, a.card);
    p.browser.draw(&cx, frame, a.browser);
    if a.sparks.height > 0 {
        p.sparks.draw(&cx, frame, a.sparks);
    }
    if app.share_chart_open() {
        super::share_chart::draw(&cx, frame, a.drill);
    } else if let Some(e) = &app.drill {
        super::drill::draw(&cx, frame, a.drill, e);
    }
    if let Some(list) = &app.provenance {
        super::sources::draw(&cx, frame, area, list, app.provenance_scroll);
    }
    if app.help {
        super::help::draw(&cx, frame, area, app.help_scroll, false);
    }
    let place = if app.help {
        "Help".to_string()
    } else if app.provenance.is_some() {
        "Sources".to_string()
    } else if app.rows().editing() {
        "Filter".to_string()
    } else if app.share_chart_open() {
        "Share chart".to_string()
    } else if let Some(e) = &app.drill {
        // A bloc row's chart is `bloc:G7` inside; people read "G7 (bloc)".
        match e.strip_prefix(crate::claims::scope::BLOC_PREFIX) {
            Some(id) => format!("Chart: {id} (bloc)"),
            None => format!("Chart: {e}"),
        }
    } else {
        app.focus.title().to_string()
    };
    let bloc_chart = app
        .drill
        .as_deref()
        .is_some_and(|e| e.starts_with(crate::claims::scope::BLOC_PREFIX));
    let word = |action: Action, word: &'static str| {
        let word = p.browser.bar_word(&cx, action, word)?;
        match action {
            // The share chart covers the panes: there is none to move to.
            Action::NextPane | Action::PrevPane if app.share_chart_open() => None,
            // A bloc's chart steps through the bloc rows.
            Action::Up if bloc_chart && word == "country" => Some("bloc"),
            _ => Some(word),
        }
    };
    let bar = Bar {
        place,
        status: app.status.as_deref(),
        scopes: app.scopes(),
        word: &word,
    };
    chrome::bar(frame, &cx, a.bar, bar);
}

/// Draws the app into an in-memory terminal of the given size.
pub fn render_buffer(app: &App, width: u16, height: u16) -> Buffer {
    let mut term = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    let _ = term.draw(|f| draw(f, app));
    term.backend().buffer().clone()
}

/// A buffer as lines of text, trailing spaces trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let w = buf.area.width as usize;
    let mut out = String::new();
    if w == 0 {
        return out;
    }
    for row in buf.content.chunks(w) {
        let mut line = String::new();
        let mut skip = 0usize;
        for c in row {
            if skip == 0 {
                line.push_str(c.symbol());
            }
            skip = skip
                .max(unicode_width::UnicodeWidthStr::width(c.symbol()))
                .saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen as text.
pub fn render_text(app: &App, width: u16, height: u16) -> String {
    buffer_text(&render_buffer(app, width, height))
}

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
/// Keys move by the geometry of the spec's screen: the app is resized to it first.
pub fn render_spec(mut app: App, spec: &RenderSpec) -> Result<String, String> {
    if spec.width == 0 || spec.height == 0 {
        return Err("expected --width and --height of at least 1".into());
    }
    super::update(
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
                app.status = Some(match effect {
                    Effect::Export => {
                        "Export not written: render only prints a frame (press e in the explorer)."
                    }
                    Effect::WriteReview => {
                        "Decisions not written: render only prints a frame (press w in the explorer)."
                    }
                }
                .into());
            }
        }
    }
    Ok(render_text(&app, spec.width, spec.height))
}
