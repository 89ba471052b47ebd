//! The article pane: the selected section's text with each claim's quoted
//! words highlighted, scrolled to the selected claim until scrolled by hand.

use super::action::{Action, Pane};
use super::component::{Component, Outcome};
use super::context::Context;
use super::keymap::Scope;
use super::text::{Layout, cached_layout, line_of, styled_lines, wrap};
use crate::claims::article::find_quote;
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::ops::Range;

/// The article pane.
#[derive(Clone, Debug, Default)]
pub struct Article {
    /// `None`: follow the selected claim's quote.
    scroll: Option<u16>,
    area: Rect,
}

impl Article {
    /// A new claim is selected: show its quote again.
    pub fn follow(&mut self) {
        self.scroll = None;
    }

    /// The scroll set by hand (`None`: the selected claim's quote is shown).
    pub fn scroll(&self) -> Option<u16> {
        self.scroll
    }

    /// The claim whose highlighted words are drawn at a screen cell of the pane.
    fn claim_at(&self, cx: &Context, x: u16, y: u16) -> Option<usize> {
        use ratatui::style::Modifier;
        use unicode_width::UnicodeWidthStr;
        let inner = inner(self.area);
        if y < inner.y || y >= inner.bottom() || x < inner.x {
            return None;
        }
        let (lines, _) = content(cx, inner.width as usize);
        let top = scroll(cx, self.scroll, self.area) as usize;
        let line = lines.get(top + (y - inner.y) as usize)?;
        let mut col = inner.x as usize;
        let span = line.spans.iter().find(|s| {
            let w = s.content.width();
            let hit = (x as usize) < col + w;
            col += w;
            hit
        })?;
        let marked = span
            .style
            .add_modifier
            .intersects(Modifier::UNDERLINED | Modifier::REVERSED);
        let words = span
            .content
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !marked || words.is_empty() {
            return None;
        }
        let section = &cx.case.article.sections.get(cx.selection.section)?.id;
        cx.case.evaluations.iter().position(|e| {
            e.section == *section
                && e.quote
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains(&words)
        })
    }
}

impl Component for Article {
    /// Scrolls by a line or a page (the pane's height less its frame and two lines).
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        let page = (self.area.height.saturating_sub(4) as isize).max(1);
        let step = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -page,
            Action::PageDown => page,
            _ => return Outcome::Done,
        };
        let cur = scroll(cx, self.scroll, self.area) as isize;
        let max = max_scroll(cx, self.area) as isize;
        self.scroll = Some((cur + step).clamp(0, max) as u16);
        Outcome::Done
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        draw(cx, self.scroll, frame, area);
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Pane(Pane::Text), Scope::Global]
    }

    fn place(&mut self, area: Rect) {
        self.area = area;
    }

    /// A click on a claim's highlighted words selects the claim.
    fn click(&mut self, x: u16, y: u16, _again: bool, cx: &Context) -> Outcome {
        match self.claim_at(cx, x, y) {
            Some(c) => Outcome::SelectClaim(Some(c)),
            None => Outcome::Done,
        }
    }
}

/// The article pane's content at one width: the section heading, a blank
/// line, then the body, laid out once per width and styled only where drawn.
struct Laid {
    heading: Vec<Line<'static>>,
    layout: std::rc::Rc<Layout>,
    marks: Vec<(Range<usize>, Style)>,
    /// The screen line of the selected claim's quote.
    selected: usize,
}

impl Laid {
    fn len(&self) -> usize {
        self.heading.len() + 1 + self.layout.lines.len()
    }
}

fn laid(cx: &Context, width: usize) -> Option<Laid> {
    let t = cx.theme;
    let section = cx.case.article.sections.get(cx.selection.section)?;
    let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
    let mut selected = None;
    for e in cx.case.claims_of(&section.id) {
        if let Some(r) = find_quote(&section.text, &e.quote) {
            let is_sel = cx.evaluation().is_some_and(|s| s.id == e.id);
            if is_sel {
                selected = Some(r.start);
            }
            marks.push((
                r,
                if is_sel {
                    t.quote_selected()
                } else {
                    t.quote()
                },
            ));
        }
    }
    // The selected quote last, so it wins where quotes overlap.
    if let Some(start) = selected
        && let Some(i) = marks.iter().position(|(r, _)| r.start == start)
    {
        let m = marks.remove(i);
        marks.push(m);
    }
    let heading_text = match section.number {
        Some(n) => format!("{n}. {}", section.title),
        None => section.title.clone(),
    };
    let (heading, _) = wrap(&heading_text, width, t.heading(), &[]);
    let layout = cached_layout(&section.text, width);
    let selected = selected.map_or(0, |at| heading.len() + 1 + line_of(&layout, at));
    Some(Laid {
        heading,
        layout,
        marks,
        selected,
    })
}

/// The pane's lines `range` (screen lines from the top of the content).
fn visible(cx: &Context, p: &Laid, range: Range<usize>) -> Vec<Line<'static>> {
    let Some(section) = cx.case.article.sections.get(cx.selection.section) else {
        return Vec::new();
    };
    let head = p.heading.len() + 1;
    let mut out: Vec<Line<'static>> = Vec::new();
    for i in range.start..range.end.min(head) {
        out.push(p.heading.get(i).cloned().unwrap_or_default());
    }
    let body = range.start.max(head) - head..range.end.max(head) - head;
    out.extend(styled_lines(
        &section.text,
        &p.layout,
        body,
        cx.theme.plain(),
        &p.marks,
    ));
    out
}

/// The pane's lines and the line of the selected claim's quote (every line:
/// for tests and small texts; drawing uses only the visible ones).
pub fn content(cx: &Context, width: usize) -> (Vec<Line<'static>>, usize) {
    match laid(cx, width) {
        Some(p) => (visible(cx, &p, 0..p.len()), p.selected),
        None => (Vec::new(), 0),
    }
}

fn inner(area: Rect) -> Rect {
    area.inner(Margin::new(1, 1))
}

/// The scroll offset in use for content of `len` lines with the selected
/// quote on line `sel`: the user's, or one that shows the selected quote.
fn scroll_of(user: Option<u16>, len: usize, sel: usize, height: usize) -> u16 {
    let max = len.saturating_sub(height).min(u16::MAX as usize) as u16;
    match user {
        Some(s) => s.min(max),
        None => (sel.saturating_sub(2).min(u16::MAX as usize) as u16).min(max),
    }
}

fn max_scroll(cx: &Context, area: Rect) -> u16 {
    let inner = inner(area);
    let len = laid(cx, inner.width as usize).map_or(0, |p| p.len());
    len.saturating_sub(inner.height as usize)
        .min(u16::MAX as usize) as u16
}

/// The scroll offset in use: the user's, or one that shows the selected quote.
fn scroll(cx: &Context, user: Option<u16>, area: Rect) -> u16 {
    let inner = inner(area);
    match laid(cx, inner.width as usize) {
        Some(p) => scroll_of(user, p.len(), p.selected, inner.height as usize),
        None => 0,
    }
}

fn draw(cx: &Context, user: Option<u16>, frame: &mut Frame, area: Rect) {
    let t = cx.theme;
    let focused = cx.focus == Some(Pane::Text);
    let title = match cx.case.article.sections.get(cx.selection.section) {
        Some(s) => format!(
            " Article · {} ",
            s.number
                .map_or_else(|| s.title.clone(), |n| format!("section {n}"))
        ),
        None => " Article ".to_string(),
    };
    let block = t.block(title.to_string(), focused, area.width);
    let in_area = block.inner(area);
    frame.render_widget(block, area);
    let Some(p) = laid(cx, in_area.width as usize) else {
        return;
    };
    let height = in_area.height as usize;
    let top = scroll_of(user, p.len(), p.selected, height) as usize;
    let lines = visible(cx, &p, top..top + height);
    frame.render_widget(Paragraph::new(lines), in_area);
}
