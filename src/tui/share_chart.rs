//! The share chart (`w`): who holds America's debt. One row of bars per
//! bloc, each bloc's share of all foreign holdings of Treasuries (mfhhis01's
//! Grand Total) from 2000 to the newest month, all rows on one scale, with
//! the first and last share and the last month's coverage. Rows rather than
//! crossing lines, because blocs overlap (the G7 is in the West) and the
//! chart must read without colour.

use super::action::Action;
use super::component::{Component, Outcome};
use super::context::Context;
use super::keymap::Scope;
use crate::browse::blocs::holdings_shares;
use crate::data::Period;
use crate::format;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The first month of the chart.
pub const SINCE: (i32, u8) = (2000, 1);

/// The share chart, over the panes where the country chart goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shares;

impl Component for Shares {
    /// Esc closes (w too, everywhere). The arrows step the browser's rows
    /// underneath, which marks the selected bloc; no key of this screen binds them.
    fn handle(&mut self, action: Action, _cx: &Context) -> Outcome {
        super::drill::chart_keys(action)
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        draw(cx, frame, area);
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::ShareChart, Scope::Global]
    }

    /// The share chart covers the panes: there is none to move to.
    fn bar_word(&self, _cx: &Context, action: Action, word: &'static str) -> Option<&'static str> {
        match action {
            // The chart covers the panes and has no zoom of its own: Tab and zoom are not offered.
            Action::NextPane | Action::PrevPane | Action::ZoomIn | Action::ZoomOut => None,
            _ => Some(word),
        }
    }
}

/// One bloc's row: shares by month index, and the last month's coverage.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareRow {
    pub id: String,
    pub custodial: bool,
    /// (month index, percent), oldest first.
    pub points: Vec<(i32, f64)>,
    /// Members listed / members that belong, in the last month.
    pub last_coverage: (usize, usize),
}

/// The rows of the chart, computed from the loaded data and blocs.
pub fn rows(cx: &Context) -> Vec<ShareRow> {
    let since = Period::month(SINCE.0, SINCE.1);
    holdings_shares(cx.ds, cx.blocs, since)
        .into_iter()
        .map(|(id, pts)| ShareRow {
            custodial: cx.blocs.get(&id).is_some_and(|b| b.custodial),
            last_coverage: pts.last().map_or((0, 0), |p| p.2),
            points: pts
                .iter()
                .filter_map(|(p, v, _)| p.month_index().map(|i| (i, *v)))
                .collect(),
            id,
        })
        .collect()
}

/// Rows of text the chart needs besides the bars: header, axis, two notes.
const CHROME: usize = 4;
/// The narrowest bars that still show a trend.
const MIN_BARS: usize = 12;

/// The last value in each of `n` equal spans of months `[lo, hi]` (`None` where a span has none).
fn buckets(points: &[(i32, f64)], lo: i32, hi: i32, n: usize) -> Vec<Option<f64>> {
    let span = f64::from(hi - lo + 1);
    let mut out = vec![None; n];
    for (i, v) in points {
        let c = ((f64::from(i - lo) / span) * n as f64).floor() as usize;
        if let Some(slot) = out.get_mut(c.min(n.saturating_sub(1))) {
            *slot = Some(*v);
        }
    }
    out
}

fn draw(cx: &Context, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let t = cx.theme;
    let block = t.block(
        " Who holds the debt · each bloc's share of all foreign holdings of Treasuries ".into(),
        true,
        area.width,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = rows(cx);
    let (w, h) = (inner.width as usize, inner.height as usize);
    let name_w = rows
        .iter()
        .map(|r| r.id.width() + 2)
        .max()
        .unwrap_or(8)
        .max(6);
    let right_w = 20; // "  12.3%  45.6% 13/13"
    let bars_w = w.saturating_sub(name_w + right_w);
    if rows.is_empty() {
        let msg = "No bloc has members in mfhhis01, or no Grand Total: no shares to draw.";
        frame.render_widget(Paragraph::new(Span::styled(msg, t.dim())), inner);
        return;
    }
    if bars_w < MIN_BARS || h < rows.len() + CHROME {
        let msg = format!(
            "Too small for the share chart: it needs {} × {} inside the frame (this is {w} × {h}).",
            name_w + right_w + MIN_BARS,
            rows.len() + CHROME
        );
        frame.render_widget(
            Paragraph::new(Span::styled(msg, t.dim())).wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let lo = rows
        .iter()
        .filter_map(|r| r.points.first())
        .map(|p| p.0)
        .min()
        .unwrap_or(0);
    let hi = rows
        .iter()
        .filter_map(|r| r.points.last())
        .map(|p| p.0)
        .max()
        .unwrap_or(lo);
    let max = rows
        .iter()
        .flat_map(|r| r.points.iter().map(|p| p.1))
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    // Taller rows when there is room: up to 4 lines of bars per bloc.
    let per = ((h - CHROME) / rows.len()).clamp(1, 4);
    let units = per * 8;
    let bars = t.bars();
    // Where no member is listed: `·`, or under --ascii (whose bars use `.` and `*`) a blank and `-`.
    let (gap, none) = if t.opts.ascii {
        (" ", "-")
    } else {
        ("·", "·")
    };
    let selected = cx
        .rows
        .and_then(|rows| rows.bloc_view().zip(rows.row()))
        .and_then(|(v, r)| v.bloc_of(r))
        .map(|b| b.bloc.id.clone());
    let first_label = format::period(&Period::from_month_index(lo));
    let last_label = format::period(&Period::from_month_index(hi));
    let mut lines: Vec<Line> = vec![Line::from(vec![
        Span::styled(format!("{:<name_w$}", "Bloc"), t.heading()),
        Span::styled(
            cut_pad(
                &format!(
                    "{first_label} to {last_label} · scale 0–{}",
                    format::percent(max, 0)
                ),
                bars_w,
            ),
            t.heading(),
        ),
        Span::styled(
            format!(
                "{:>7}{:>7}{:>6}",
                Period::from_month_index(lo)
                    .first_day()
                    .format("%Y")
                    .to_string(),
                Period::from_month_index(hi)
                    .first_day()
                    .format("%Y")
                    .to_string(),
                "have"
            ),
            t.heading(),
        ),
    ])];
    for (k, r) in rows.iter().enumerate() {
        let b = buckets(&r.points, lo, hi, bars_w);
        let style = t.line(k);
        for level in (0..per).rev() {
            let mut spans = Vec::new();
            let name = if level == 0 {
                format!("{}{}", r.id, if r.custodial { "*" } else { "" })
            } else {
                String::new()
            };
            let name_style = if selected.as_deref() == Some(r.id.as_str()) {
                t.selected(true)
            } else {
                t.plain()
            };
            spans.push(Span::styled(name.clone(), name_style));
            spans.push(Span::raw(" ".repeat(name_w - name.width())));
            let bar: String = b
                .iter()
                .map(|v| match v {
                    None if level == 0 => gap,
                    None => " ",
                    Some(v) => {
                        let u = ((v / max) * units as f64).round() as usize;
                        let here = u.saturating_sub(level * 8).min(8);
                        if here == 0 {
                            if level == 0 { bars[0] } else { " " }
                        } else {
                            bars[here - 1]
                        }
                    }
                })
                .collect();
            spans.push(Span::styled(bar, style));
            if level == 0 {
                // The shares in the chart's first and last months ("·" when the bloc has none then).
                let at = |i: i32| {
                    r.points
                        .iter()
                        .find(|p| p.0 == i)
                        .map_or(none.to_string(), |p| format::percent(p.1, 1))
                };
                let (first, last) = (at(lo), at(hi));
                let (have, all) = r.last_coverage;
                spans.push(Span::raw(format!(
                    "{:>7}{:>7}{:>6}",
                    first,
                    last,
                    format!("{have}/{all}")
                )));
            }
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::from(vec![
        Span::raw(" ".repeat(name_w)),
        Span::styled(axis(lo, hi, bars_w), t.dim()),
    ]));
    let gaps = format!(
        "Share of mfhhis01's Grand Total. have = members listed / members, last month; a member not listed is missing, not zero; {} none listed or not yet a member. Blocs overlap.",
        if t.opts.ascii { "blank:" } else { "·" }
    );
    let notes = [
        gaps.as_str(),
        "* custodial centres: TIC records the custodian's country, not the owner's.",
    ];
    // The notes wrap when the rows left over hold them; otherwise each is cut to a line.
    let wrapped: Vec<Line> = notes
        .iter()
        .flat_map(|n| super::text::wrap(n, w, t.dim(), &[]).0)
        .collect();
    let room = h.saturating_sub(lines.len());
    if wrapped.len() <= room {
        lines.extend(wrapped);
    } else {
        // The first note takes the rows the second (cut to one line) leaves it.
        let first = super::text::wrap(notes[0], w, t.dim(), &[]).0;
        let keep = room.saturating_sub(1).max(1);
        if first.len() <= keep {
            lines.extend(first);
        } else {
            lines.extend(first.into_iter().take(keep - 1));
            let rest: String = super::text::wrap(notes[0], w, t.dim(), &[]).0[keep - 1..]
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line::from(Span::styled(cut_pad(&rest, w), t.dim())));
        }
        lines.push(Line::from(Span::styled(cut_pad(notes[1], w), t.dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Years under the bars, as many as fit with a space between.
fn axis(lo: i32, hi: i32, width: usize) -> String {
    let mut out = vec![' '; width];
    let span = f64::from(hi - lo + 1);
    use chrono::Datelike;
    let (y0, y1) = (
        Period::from_month_index(lo).first_day().year(),
        Period::from_month_index(hi).first_day().year(),
    );
    // The first year in full at the left edge, later ones as '05.
    let first = y0.to_string();
    for (k, ch) in first.chars().enumerate().take(width) {
        out[k] = ch;
    }
    let mut last_end = first.len() + 1;
    for step in [1, 2, 5, 10, 25] {
        // The finest step whose labels do not touch.
        let cols_per_year = width as f64 * 12.0 / span;
        if cols_per_year * f64::from(step) >= 6.0 {
            for y in (y0..=y1).filter(|y| y % step == 0) {
                let Some(i) = Period::month(y, 1).month_index() else {
                    continue;
                };
                if i <= lo {
                    continue;
                }
                let c = ((f64::from(i - lo) / span) * width as f64).floor() as usize;
                let label = format!("'{:02}", y % 100);
                if c + label.len() <= width && c >= last_end {
                    for (k, ch) in label.chars().enumerate() {
                        out[c + k] = ch;
                    }
                    last_end = c + label.len() + 1;
                }
            }
            break;
        }
    }
    out.into_iter().collect()
}

fn cut_pad(s: &str, w: usize) -> String {
    if s.width() <= w {
        return format!("{s:<w$}");
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 2 > w {
            break;
        }
        out.push(c);
    }
    out.push('…');
    format!("{out:<w$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_keep_the_last_value_and_leave_gaps_empty() {
        let pts = [(0, 1.0), (1, 2.0), (4, 5.0)];
        assert_eq!(buckets(&pts, 0, 5, 3), vec![Some(2.0), None, Some(5.0)]);
    }

    #[test]
    fn axis_years_do_not_touch() {
        let lo = Period::month(2000, 1).month_index().unwrap();
        let hi = Period::month(2025, 12).month_index().unwrap();
        let a = axis(lo, hi, 40);
        assert!(a.starts_with("2000"), "{a:?}");
        assert_eq!(a.chars().count(), 40);
        assert!(!a.contains("'01"), "{a:?}");
    }
}
