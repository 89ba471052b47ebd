//! Presentation mode's screens, full screen without the explorer's chrome:
//! a title slide per section (its title and its claims' verdict marks) and a
//! slide per claim (the quote, the claimed and observed numbers in large type,
//! the gap and verdict in words and symbols, the claim's chart, and a footer
//! with the position and the sources with their vintages). Content is centred
//! at most [`MAX_WIDTH`] columns wide; a slide that does not fit says so.

mod big;
mod claim;
mod claim_chart;
mod index;
mod section;

pub use big::fmt_big;
pub use index::draw_index;

use super::action::Action;
use super::chart::{self, ChartSpec};
use super::context::Context;
use super::deck::Slide;
use super::fit::cut;
use super::keymap::Scope;
use super::text::wrap;
use big::{BigPlan, Number, draw_numbers};
use claim::claim_parts;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use section::section_parts;
use unicode_width::UnicodeWidthStr;

/// Widest the content gets, in columns.
pub const MAX_WIDTH: u16 = 100;

/// Narrowest terminal a slide is drawn on.
pub const MIN_WIDTH: u16 = 56;

/// The part of a slide drawn in one band of rows.
enum Part {
    Lines(Vec<Line<'static>>),
    Numbers(Vec<Number>, Option<BigPlan>),
    Chart(Box<ChartSpec>),
    Blank,
}

/// `lines` cut to `max`, the last one ending in an ellipsis when cut.
fn clip(mut lines: Vec<Line<'static>>, max: usize, width: usize, ell: &str) -> Vec<Line<'static>> {
    if lines.len() <= max {
        return lines;
    }
    lines.truncate(max);
    if let Some(last) = lines.last_mut() {
        let style = last.spans.first().map_or(Style::new(), |s| s.style);
        let mut text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
        while !text.is_empty() && text.width() + ell.width() > width {
            text.pop();
        }
        text.push_str(ell);
        *last = Line::from(Span::styled(text, style));
    }
    lines
}

/// The keys of a scope (presentation mode, the index), from the keymap table.
fn keys_line(cx: &Context, scope: Scope, width: usize) -> Line<'static> {
    let t = cx.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    for (keys, word, _) in cx.keymap.bar_entries(&[scope], t.opts.ascii) {
        let item = format!("{keys} {word}  ");
        if used + item.width() > width {
            break;
        }
        used += item.width();
        spans.push(Span::styled(keys, t.claim_mark()));
        spans.push(Span::styled(format!(" {word}  "), t.dim()));
    }
    Line::from(spans)
}

/// `current / total · text`, on up to two lines.
fn footer(cx: &Context, pos: usize, right: &str, width: usize) -> Vec<Line<'static>> {
    let t = cx.theme;
    // The deck without opinion and rhetoric says so beside its count.
    let left = if cx.deck.data_only {
        format!("{} / {} data claims only (D)", pos + 1, cx.deck.len())
    } else {
        format!("{} / {}", pos + 1, cx.deck.len())
    };
    let lead = format!("{left} · ");
    let room = width.saturating_sub(lead.width()).max(1);
    let lines = clip(wrap(right, room, t.dim(), &[]).0, 2, room, t.ellipsis());
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let mut spans = if i == 0 {
                vec![
                    Span::styled(left.clone(), t.heading()),
                    Span::styled(" · ", t.dim()),
                ]
            } else {
                vec![Span::raw(" ".repeat(lead.width()))]
            };
            spans.extend(l.spans);
            Line::from(spans)
        })
        .collect()
}

/// The content's columns: centred, at most [`MAX_WIDTH`] wide.
fn content_rect(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(MAX_WIDTH);
    Rect::new(area.x + (area.width - w) / 2, area.y, w, area.height)
}

/// The parts of slide `pos` of the deck.
fn parts_of(
    cx: &Context,
    (pos, slide): (usize, Slide),
    width: u16,
    h: u16,
) -> Result<Vec<(Part, u16)>, u16> {
    match slide {
        Slide::Section(i) => section_parts(cx, pos, i, width, h),
        Slide::Claim(c) => match cx.case.evaluations.get(c) {
            Some(e) => claim_parts(cx, pos, e, width, h),
            None => Ok(Vec::new()),
        },
    }
}

/// The size slide `pos` needs when it does not fit `area`: `(width, height)`.
pub fn needs(cx: &Context, slide: (usize, Slide), area: Rect) -> Option<(u16, u16)> {
    if area.width < MIN_WIDTH {
        let w = content_rect(Rect::new(0, 0, MIN_WIDTH, area.height)).width;
        let h = match parts_of(cx, slide, w, area.height) {
            Ok(_) => area.height,
            Err(h) => h,
        };
        return Some((MIN_WIDTH, h));
    }
    let r = content_rect(area);
    match parts_of(cx, slide, r.width, r.height) {
        Ok(_) => None,
        Err(h) => Some((area.width, h)),
    }
}

fn does_not_fit(frame: &mut Frame, cx: &Context, area: Rect, pos: usize, need: (u16, u16)) {
    let t = cx.theme;
    let back = cx
        .keymap
        .keys_of(Scope::Present, Action::Back)
        .and_then(|k| k.first())
        .map_or("q".to_string(), |k| k.name(t.opts.ascii));
    let msgs = [
        (
            format!(
                "This slide needs {}×{}; the terminal is {}×{}.",
                need.0, need.1, area.width, area.height
            ),
            t.heading(),
        ),
        (
            format!("Enlarge the terminal, or press {back} to go back."),
            t.plain(),
        ),
        (format!("slide {} / {}", pos + 1, cx.deck.len()), t.dim()),
    ];
    let top = (area.height / 2).saturating_sub(2);
    let mut lines = vec![Line::default(); top as usize];
    lines.extend(
        msgs.into_iter()
            .map(|(m, st)| Line::from(Span::styled(m, st)).centered()),
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

/// Draws slide `pos` of the deck over the whole of `area`.
pub fn draw(cx: &Context, frame: &mut Frame, area: Rect, pos: usize) {
    frame.render_widget(Clear, area);
    let Some(slide) = cx.deck.get(pos) else {
        frame.render_widget(
            Paragraph::new("No slides: the article has no sections."),
            area,
        );
        return;
    };
    if let Some(need) = needs(cx, (pos, slide), area) {
        does_not_fit(frame, cx, area, pos, need);
        return;
    }
    let r = content_rect(area);
    let Ok(parts) = parts_of(cx, (pos, slide), r.width, r.height) else {
        return;
    };
    let mut y = r.y;
    for (part, h) in parts {
        let h = h.min(r.bottom().saturating_sub(y));
        if h == 0 {
            continue;
        }
        let band = Rect::new(r.x, y, r.width, h);
        match part {
            Part::Lines(lines) => frame.render_widget(Paragraph::new(lines), band),
            Part::Numbers(nums, big) => draw_numbers(frame, cx, band, &nums, big.as_ref()),
            Part::Chart(spec) => chart::draw(frame, cx.theme, band, &spec),
            Part::Blank => {}
        }
        y += h;
    }
}
