//! Drawing the explorer (every component into its area, the overlays on top,
//! a pure function of the state), and headless rendering: the frame the TUI
//! would show, as plain text, after a selection and keys ([`render_spec`]).

use super::action::{Action, Pane};
use super::app::{App, Effect, Keys};
use super::chrome::{self, Bar};
use super::component::Component;
use super::context::Context;
use super::deck::Start;
use super::keymap::parse_keys;
use super::layout;
use ratatui::Frame;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the app: the panes and the overlays open over them; or, while
/// presenting, the slides and what is open over them.
pub fn draw(frame: &mut Frame, app: &App) {
    let cx = app.context();
    let area = frame.area();
    let overlays = app.overlays();
    match overlays.iter().rposition(|l| l.full_screen()) {
        Some(i) => {
            for l in &overlays[i..] {
                l.draw(&cx, frame, area);
            }
        }
        None => explorer(frame, app, &cx, area),
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

/// The explorer: the header, the panes, the overlays (a chart over the
/// panes, the others over the screen) and the bottom bar.
fn explorer(frame: &mut Frame, app: &App, cx: &Context, area: Rect) {
    if layout::too_small(area) {
        chrome::too_small(frame, area);
        return;
    }
    let a = layout::areas(area);
    chrome::header(frame, cx, a.header);
    for p in Pane::ORDER {
        let r = a.of(p);
        if p != Pane::Sparks || r.height > 0 {
            app.panes.get(p).draw(cx, frame, r);
        }
    }
    for l in app.overlays() {
        l.draw(cx, frame, if l.is_chart() { a.drill } else { area });
    }
    let place = match app.keys() {
        Keys::Layer(l) => l.title(),
        Keys::Filter => "Filter".to_string(),
        Keys::Pane(p) => p.title().to_string(),
    };
    // Every component on screen has its say on the bar's words.
    let word = |action: Action, word: &'static str| {
        let word = Pane::ORDER
            .iter()
            .try_fold(word, |w, p| app.panes.get(*p).bar_word(cx, action, w))?;
        app.overlays()
            .iter()
            .try_fold(word, |w, l| l.bar_word(cx, action, w))
    };
    let bar = Bar {
        place,
        status: app.status.as_deref(),
        scopes: app.scopes(),
        word: &word,
    };
    chrome::bar(frame, cx, a.bar, bar);
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
    use super::{MAX_RENDER_HEIGHT, MAX_RENDER_WIDTH};
    if !(1..=MAX_RENDER_WIDTH).contains(&spec.width)
        || !(1..=MAX_RENDER_HEIGHT).contains(&spec.height)
    {
        return Err(format!(
            "--width {} --height {}: expected a width of 1 to {MAX_RENDER_WIDTH} columns and a height of 1 to {MAX_RENDER_HEIGHT} rows",
            spec.width, spec.height
        ));
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
