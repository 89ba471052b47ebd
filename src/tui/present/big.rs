//! Numbers in large type (tui-big-text), falling back to normal type when
//! the columns are too narrow.

use super::super::context::Context;
use super::cut;
use crate::claims::Evaluation;
use crate::format;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

/// Large-type sizes, largest first: (pixel size, columns and rows per
/// character). Full and Quadrant keep the proportions of text; HalfHeight is
/// squarer; HalfWidth (tall and thin) is left out.
pub(super) const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

/// Large type for a numbers block: the size, its rows, and each column's width.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct BigPlan {
    pub(super) size: PixelSize,
    pub(super) rows: u16,
    pub(super) widths: Vec<u16>,
}

/// A claim's number for large type, as every surface writes it: amounts in
/// their display unit (`1,095.5`, `-61.9`), ranks and counts as they are.
pub fn fmt_big(e: &Evaluation, v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    match e.check.as_str() {
        "rank" | "record" | "streak" => format::number(v),
        _ => format::unit_for(&e.unit).number(v),
    }
}

/// One column of the numbers block.
pub(super) struct Number {
    pub(super) label: String,
    pub(super) big: Option<String>,
    pub(super) caption: String,
    pub(super) style: Style,
}

/// Column widths for the numbers when each needs `need` columns: the room
/// left over shared out equally; `None` when they do not fit.
pub(super) fn share(need: &[u16], width: u16) -> Option<Vec<u16>> {
    let total: u16 = need.iter().sum();
    if total > width || need.is_empty() {
        return None;
    }
    let n = need.len() as u16;
    let slack = (width - total) / n;
    Some(need.iter().map(|w| w + slack).collect())
}

/// Equal columns (for numbers in normal type).
pub(super) fn equal(n: usize, width: u16) -> Vec<u16> {
    let n = n.max(1) as u16;
    vec![width / n; n as usize]
}

/// The largest type whose numbers fit their columns, at most `rows` high.
/// `--ascii` uses only full blocks (drawn as `#`).
pub(super) fn big_size(cx: &Context, nums: &[Number], width: u16, rows: u16) -> Option<BigPlan> {
    nums.iter().find(|x| x.big.is_some())?;
    SIZES
        .iter()
        .filter(|(ps, ..)| !cx.theme.opts.ascii || *ps == PixelSize::Full)
        .filter(|(_, _, ch)| *ch <= rows)
        .find_map(|(ps, cw, ch)| {
            let need: Vec<u16> = nums
                .iter()
                .map(|x| {
                    let big = x.big.as_ref().map_or(7, |s| s.chars().count() as u16 * cw);
                    big.max(x.label.width() as u16).max(10) + 2
                })
                .collect();
            share(&need, width).map(|widths| BigPlan {
                size: *ps,
                rows: *ch,
                widths,
            })
        })
}

pub(super) fn draw_numbers(
    frame: &mut Frame,
    cx: &Context,
    area: Rect,
    nums: &[Number],
    big: Option<&BigPlan>,
) {
    let t = cx.theme;
    let widths = big.map_or_else(|| equal(nums.len(), area.width), |b| b.widths.clone());
    // Centred as a group.
    let mut x0 = area.x + (area.width.saturating_sub(widths.iter().sum())) / 2;
    let labelled = nums.iter().any(|x| !x.label.is_empty());
    for (x, col) in nums.iter().zip(widths) {
        let r = Rect::new(x0, area.y, col, area.height);
        x0 += col;
        let mut y = r.y;
        if labelled {
            // A label too wide for its column drops its date (`AS PUBLISHED 2025-03-19`).
            let text = if x.label.width() > col as usize {
                x.label
                    .rsplit_once(' ')
                    .map_or(x.label.as_str(), |(a, _)| a)
            } else {
                x.label.as_str()
            };
            let label =
                Paragraph::new(Span::styled(cut(text, col as usize, t.ellipsis()), t.dim()))
                    .alignment(Alignment::Center);
            frame.render_widget(label, Rect::new(r.x, y, r.width, 1));
            y += 1;
        }
        let rows = big.map_or(1, |b| b.rows);
        let value = Rect::new(r.x, y, r.width, rows.min(r.bottom().saturating_sub(y)));
        match (&x.big, big) {
            (Some(s), Some(b)) => {
                let widget = BigText::builder()
                    .pixel_size(b.size)
                    .style(x.style)
                    .lines(vec![Line::from(s.clone())])
                    .centered()
                    .build();
                frame.render_widget(widget, value);
            }
            (Some(s), None) => {
                frame.render_widget(
                    Paragraph::new(Span::styled(s.clone(), x.style)).alignment(Alignment::Center),
                    Rect::new(value.x, value.y, value.width, 1),
                );
            }
            (None, _) => {
                // No number to show large: the words take its place, wrapped over
                // the number's rows and the caption's.
                let room = (r.bottom().saturating_sub(value.y)).max(1) as usize;
                let w = col.saturating_sub(1).max(1) as usize;
                let lines = super::super::text::wrap(&x.caption, w, x.style, &[]).0;
                let lines = super::clip(lines, room, w, t.ellipsis());
                let top = value.y + (room.saturating_sub(lines.len()) / 2) as u16;
                let n = lines.len() as u16;
                frame.render_widget(
                    Paragraph::new(lines).alignment(Alignment::Center),
                    Rect::new(value.x, top, value.width, n),
                );
            }
        }
        y += rows;
        if labelled && x.big.is_some() && y < r.bottom() {
            // The caption wraps over the rows left (`rank 1 of 18` is never cut mid-number).
            let room = r.bottom().saturating_sub(y) as usize;
            let w = (col as usize).saturating_sub(1).max(1);
            let lines = super::super::text::wrap(&x.caption, w, t.dim(), &[]).0;
            let lines = super::clip(lines, room, w, t.ellipsis());
            let n = lines.len() as u16;
            let cap = Paragraph::new(lines).alignment(Alignment::Center);
            frame.render_widget(cap, Rect::new(r.x, y, r.width, n));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_numbers_keep_their_digits() {
        // fmt_big follows the claim's display unit; format.rs tests the unit rules.
        assert_eq!(format::unit_for("USD billions").number(-61.94), "-61.9");
        assert_eq!(format::unit_for("USD billions").number(1095.5), "1,095.5");
    }
}
