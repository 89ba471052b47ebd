//! Headless rendering: the frame the TUI would show, as plain text.

use super::app::App;
use super::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// Draws the app into an in-memory terminal of the given size.
pub fn render_buffer(app: &App, width: u16, height: u16) -> Buffer {
    let mut term = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    let _ = term.draw(|f| ui::draw(f, app));
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
