//! The sources view: where each number comes from, as labelled rows (file,
//! release, URL, other vintages, the claims that use it), over the panes.

use super::action::Action;
use super::component::{Component, Outcome};
use super::context::Context;
use super::keymap::Scope;
use crate::provenance::Provenance;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The sources view: the records of the values it was opened on, scrolled.
#[derive(Clone, Debug)]
pub struct Sources {
    list: Vec<Provenance>,
    scroll: u16,
    /// The screen it is drawn over (its scroll stops at its last line there).
    screen: Rect,
}

impl Sources {
    pub fn new(list: Vec<Provenance>) -> Sources {
        Sources {
            list,
            scroll: 0,
            screen: Rect::default(),
        }
    }

    pub fn scroll(&self) -> u16 {
        self.scroll
    }
}

impl Component for Sources {
    /// Esc (or Enter again) closes; the arrows scroll, stopping at the last line.
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        match action {
            Action::Back | Action::Enter | Action::Provenance => return Outcome::Close,
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => {
                let max = max_scroll(cx, &self.list, self.screen);
                self.scroll = self.scroll.saturating_add(1).min(max.max(self.scroll));
            }
            _ => {}
        }
        Outcome::Done
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        draw(cx, frame, area, &self.list, self.scroll);
    }

    /// Esc closes, arrows scroll: the help's keys (and the global ones, which do nothing here).
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Help, Scope::Global]
    }

    fn place(&mut self, area: Rect) {
        self.screen = area;
    }
}

/// The view's frame on a screen of `area`.
fn frame_of(area: Rect) -> Rect {
    Rect {
        x: area.x + 2,
        y: area.y + 1,
        width: area.width.saturating_sub(4),
        height: area.height.saturating_sub(2),
    }
}

/// How far the view scrolls on a screen: its last line at the bottom.
fn max_scroll(cx: &Context, list: &[Provenance], screen: Rect) -> u16 {
    let r = frame_of(screen);
    let (w, h) = (r.width.saturating_sub(2), r.height.saturating_sub(2));
    let n = lines(cx, list, w as usize).len();
    n.saturating_sub(h as usize).min(u16::MAX as usize) as u16
}

/// Each value's record as labelled rows, over the panes.
fn draw(cx: &Context, frame: &mut Frame, area: Rect, list: &[Provenance], scroll: u16) {
    let t = cx.theme;
    let r = frame_of(area);
    frame.render_widget(ratatui::widgets::Clear, r);
    let block = t.block(
        " Where the numbers come from · Esc closes ".to_string(),
        true,
        r.width,
    );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines = lines(cx, list, inner.width as usize);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

fn lines(cx: &Context, list: &[Provenance], width: usize) -> Vec<Line<'static>> {
    let t = cx.theme;
    let label_w = 16usize;
    let w = width.saturating_sub(label_w).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for (i, p) in list.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(p.title.clone(), t.heading())));
        for (label, value) in &p.rows {
            let (wrapped, _) = super::text::wrap(value, w, t.plain(), &[]);
            for (j, l) in wrapped.into_iter().enumerate() {
                let head = if j == 0 {
                    format!("{label:>width$}  ", width = label_w - 2)
                } else {
                    " ".repeat(label_w)
                };
                let mut spans = vec![Span::styled(head, t.dim())];
                spans.extend(l.spans);
                lines.push(Line::from(spans));
            }
        }
    }
    lines
}
