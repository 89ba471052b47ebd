//! The help overlay, written from the keymap table that dispatches keys.

use super::action::Action;
use super::component::{Component, Outcome};
use super::context::Context;
use super::keymap::{self, Scope};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

const COL: usize = 46;
use keymap::KEY_W;

/// The help overlay: every scope's keys from the keymap table, the verdicts
/// and the marks; scrolled.
#[derive(Clone, Debug, Default)]
pub struct Help {
    scroll: u16,
    /// Over the slides: their keys first.
    /// The scopes of the screen under the help, listed first (Global last among them).
    first: Vec<Scope>,
    /// The screen it is drawn over (its scroll stops at its last line there).
    screen: Rect,
}

impl Help {
    pub fn new(first: Vec<Scope>) -> Help {
        Help {
            first,
            ..Help::default()
        }
    }
}

impl Component for Help {
    /// Esc closes; the arrows scroll, stopping at the last line.
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        match action {
            Action::Back => return Outcome::Close,
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => {
                let max = max_scroll(cx, self.screen, &self.first);
                self.scroll = self.scroll.saturating_add(1).min(max.max(self.scroll));
            }
            _ => {}
        }
        Outcome::Done
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        draw(cx, frame, area, self.scroll, &self.first);
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Help]
    }

    fn place(&mut self, area: Rect) {
        self.screen = area;
    }
}

/// The verdict symbols and what each means.
fn verdict_lines(cx: &Context, width: usize) -> Vec<Line<'static>> {
    let t = cx.theme;
    let mut out = vec![Line::from(Span::styled("Verdicts", t.heading()))];
    for v in crate::claims::Verdict::ALL {
        let head = format!("  {} {}: ", t.verdict_symbol(v), v.as_str());
        let text_w = width.saturating_sub(head.width()).max(10);
        let (wrapped, _) = super::text::wrap(v.meaning(), text_w, t.plain(), &[]);
        for (i, l) in wrapped.into_iter().enumerate() {
            let mut spans = if i == 0 {
                vec![Span::styled(head.clone(), t.verdict(v))]
            } else {
                vec![Span::raw(" ".repeat(head.width()))]
            };
            spans.extend(l.spans);
            out.push(Line::from(spans));
        }
    }
    out.push(Line::default());
    out
}

/// What the marks on screen mean.
fn marks(cx: &Context, width: usize) -> Vec<Line<'static>> {
    use crate::browse::Move;
    let t = cx.theme;
    let mut out = vec![Line::from(Span::styled("Marks", t.heading()))];
    let up = t.move_symbol(Some(Move::Up));
    let down = t.move_symbol(Some(Move::Down));
    let items = [
        (
            format!("{up} {down}"),
            "a large move: for holdings a monthly change of 3× the row's usual (and 2%); for flows 3× the usual size (and 1 USD bn)",
        ),
        (
            "·".to_string(),
            "in a grid cell: no value published for that month",
        ),
        (
            "underline".to_string(),
            "the selected claim's countries and months in the browser; the claim's words in the article",
        ),
        (
            t.row_mark().to_string(),
            "a row the selected claim speaks of",
        ),
        (
            t.window_mark().to_string(),
            "under a sparkline: the claim's window",
        ),
        (
            t.ellipsis().to_string(),
            "text cut for want of room (Enter shows a value's full record)",
        ),
    ];
    let text_w = width.saturating_sub(KEY_W + 3).max(10);
    for (mark, what) in items {
        let (wrapped, _) = super::text::wrap(what, text_w, t.plain(), &[]);
        for (i, l) in wrapped.into_iter().enumerate() {
            let head = if i == 0 {
                format!("  {mark:<KEY_W$} ")
            } else {
                " ".repeat(KEY_W + 3)
            };
            let mut spans = vec![Span::styled(head, t.claim_mark())];
            spans.extend(l.spans);
            out.push(Line::from(spans));
        }
    }
    out
}

/// All help lines, flowed into as many columns as fit: the keys of the screen
/// under the help (`first`, most specific first) before the others.
pub fn content(cx: &Context, width: usize, first: &[Scope]) -> Vec<Line<'static>> {
    let ncols = (width / COL).clamp(1, 3);
    let cw = width / ncols;
    let mut scopes = keymap::all_scopes();
    // The review's keys, only while drafts are under review.
    scopes.retain(|s| *s != Scope::Review || cx.drafts.is_some());
    // The screen's own keys first (Global, which every screen has, keeps its place after them).
    scopes.sort_by_key(|s| {
        first
            .iter()
            .filter(|f| **f != Scope::Global && **f != Scope::Help)
            .position(|f| f == s)
            .unwrap_or(usize::MAX)
    });
    let mut blocks: Vec<Vec<Line>> = scopes
        .into_iter()
        .map(|s| keymap::help_block(cx.keymap, cx.theme, s, cw.saturating_sub(1)))
        .collect();
    blocks.push(verdict_lines(cx, cw.saturating_sub(1)));
    blocks.push(marks(cx, cw.saturating_sub(1)));
    let total: usize = blocks.iter().map(Vec::len).sum();
    let per = total.div_ceil(ncols);
    let mut cols: Vec<Vec<Line>> = vec![Vec::new()];
    for b in blocks {
        let cur = cols.last().map_or(0, Vec::len);
        if cur > 0 && cur + b.len() > per && cols.len() < ncols {
            cols.push(Vec::new());
        }
        if let Some(c) = cols.last_mut() {
            c.extend(b);
        }
    }
    if cols.len() == 1 {
        return cols.pop().unwrap_or_default();
    }
    let rows = cols.iter().map(Vec::len).max().unwrap_or(0);
    (0..rows)
        .map(|r| {
            let mut spans: Vec<Span> = Vec::new();
            for (ci, c) in cols.iter().enumerate() {
                let line = c.get(r).cloned().unwrap_or_default();
                let w = line.width();
                spans.extend(line.spans);
                if ci + 1 < cols.len() {
                    spans.push(Span::raw(" ".repeat(cw.saturating_sub(w))));
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// The help's frame on a screen of `area`.
fn frame_of(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(3 * COL as u16 + 2);
    let h = area.height.saturating_sub(2);
    Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h)
}

/// How far the help scrolls on a screen: its last line at the bottom.
fn max_scroll(cx: &Context, screen: Rect, first: &[Scope]) -> u16 {
    let r = frame_of(screen);
    let (w, h) = (r.width.saturating_sub(2), r.height.saturating_sub(2));
    let n = content(cx, w as usize, first).len();
    n.saturating_sub(h as usize).min(u16::MAX as usize) as u16
}

fn draw(cx: &Context, frame: &mut Frame, area: Rect, scroll: u16, first: &[Scope]) {
    let t = cx.theme;
    let r = frame_of(area);
    frame.render_widget(Clear, r);
    let block = t.block(" Help · keys ".to_string(), true, r.width);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines = content(cx, inner.width as usize, first);
    let max = lines.len().saturating_sub(inner.height as usize) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(max), 0)), inner);
}
