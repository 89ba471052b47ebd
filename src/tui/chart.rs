//! The one line chart of the TUI, shared by the country chart (drill-down) and
//! the presentation slides: series over periods, the claim's window marked by
//! two edges and its points, the claimed value as a reference line, a zero
//! line for flows, and each series' last value dotted.

use super::theme::Theme;
use crate::data::{Period, Stamp};
use crate::format;
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};
use unicode_width::UnicodeWidthStr;

/// One series on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLine {
    /// Legend name, e.g. `Japan (USD bn)`.
    pub name: String,
    pub points: Vec<(Period, f64)>,
}

/// What to draw (computed from state, so it can be tested without a terminal).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    /// The frame's title.
    pub title: String,
    /// The first line is the main series; the others are drawn with dots.
    pub lines: Vec<ChartLine>,
    /// The unit of the values, as published (`USD billions`); the axis shows its display label.
    pub unit: String,
    /// The claim's window.
    pub window: Option<(Period, Period)>,
    /// The claimed value, in the chart's unit.
    pub claimed: Option<f64>,
    /// Draw (and include) zero: for flows and changes.
    pub zero_line: bool,
    /// What to say when there are no points.
    pub empty: String,
    pub focused: bool,
}

/// How periods map to the x axis: month numbers when every period is a
/// month, else days (daily closes, quarters, years).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scale {
    Months,
    Days(u8),
}

fn days(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// 1 year, 2 quarter, 3 month, 4 day: the finest resolution of the points.
fn resolution(p: &Period) -> u8 {
    match p.start {
        Stamp::Year(_) => 1,
        Stamp::Quarter(..) => 2,
        Stamp::Month(..) => 3,
        Stamp::Day(_) => 4,
    }
}

impl Scale {
    fn of(spec: &ChartSpec) -> Scale {
        let all = spec.lines.iter().flat_map(|l| l.points.iter().map(|p| p.0));
        if all.clone().all(|p| p.month_index().is_some()) {
            Scale::Months
        } else {
            Scale::Days(all.map(|p| resolution(&p)).max().unwrap_or(4))
        }
    }

    fn x(self, p: &Period) -> f64 {
        match self {
            Scale::Months => f64::from(p.month_index().unwrap_or(0)),
            Scale::Days(_) => (days(p.first_day()) + days(p.last_day()) + 1.0) / 2.0,
        }
    }

    /// The x of the left edge of `from` and the right edge of `to`.
    fn edges(self, from: &Period, to: &Period) -> (f64, f64) {
        match self {
            Scale::Months => {
                let m = |d: NaiveDate| f64::from(d.year() * 12 + d.month0() as i32);
                (m(from.first_day()) - 0.5, m(to.last_day()) + 0.5)
            }
            Scale::Days(_) => (days(from.first_day()), days(to.last_day()) + 1.0),
        }
    }

    fn label(self, x: f64) -> String {
        match self {
            Scale::Months => Period::from_month_index(x.round() as i32).short_label(),
            Scale::Days(res) => {
                let d = NaiveDate::from_num_days_from_ce_opt(x.round() as i32)
                    .unwrap_or(NaiveDate::MIN);
                match res {
                    1 => d.year().to_string(),
                    2 => format!("{}-Q{}", d.year(), d.month0() / 3 + 1),
                    3 => Period::month(d.year(), d.month() as u8).short_label(),
                    _ => d.format("%Y-%m-%d").to_string(),
                }
            }
        }
    }
}

/// Draws the chart into `area` (with its frame).
pub fn draw(frame: &mut Frame, t: &Theme, area: Rect, d: &ChartSpec) {
    let block = t.block(d.title.clone(), d.focused, area.width);
    let scale = Scale::of(d);
    let lines: Vec<Vec<(f64, f64)>> = d
        .lines
        .iter()
        .map(|l| l.points.iter().map(|(p, v)| (scale.x(p), *v)).collect())
        .collect();
    let all: Vec<(f64, f64)> = lines.iter().flatten().copied().collect();
    if all.is_empty() {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(Span::styled(d.empty.clone(), t.dim())),
            inner,
        );
        return;
    }
    let (mut x0, mut x1) = all
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (x, _)| {
            (a.min(*x), b.max(*x))
        });
    // The claim's window, with a quarter of its length of context on each side.
    if let Some((f, to)) = d.window {
        let (a, b) = scale.edges(&f, &to);
        let ctx = ((b - a) * 0.25).max(1.0);
        x0 = x0.min(a - ctx);
        x1 = x1.max(b + ctx);
    }
    if x1 <= x0 {
        x0 -= 1.0;
        x1 += 1.0;
    }
    let (mut lo, mut hi) = all
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (_, v)| {
            (a.min(*v), b.max(*v))
        });
    if let Some(c) = d.claimed {
        lo = lo.min(c);
        hi = hi.max(c);
    }
    if d.zero_line {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    let span = (hi - lo).max(1e-9);
    let intervals = (usize::from(area.height.saturating_sub(4)) / 2).clamp(1, 5);
    let (ticks, tlo, thi) = format::nice_ticks(lo - span * 0.02, hi + span * 0.02, intervals);
    (lo, hi) = (tlo, thi);
    let step = ticks.get(1).zip(ticks.first()).map_or(1.0, |(b, a)| b - a);
    let window_pts: Vec<(f64, f64)> = match d.window {
        Some((f, to)) => d
            .lines
            .iter()
            .flat_map(|l| l.points.iter())
            .filter(|(p, _)| p.within(&f, &to))
            .map(|(p, v)| (scale.x(p), *v))
            .collect(),
        None => Vec::new(),
    };
    let edges: Vec<[(f64, f64); 2]> = match d.window {
        Some((f, to)) => {
            let (a, b) = scale.edges(&f, &to);
            [a, b]
                .iter()
                .filter(|x| **x >= x0 && **x <= x1)
                .map(|x| [(*x, lo), (*x, hi)])
                .collect()
        }
        None => Vec::new(),
    };
    let claimed_line = d.claimed.map(|c| [(x0, c), (x1, c)]);
    let zero = [(x0, 0.0), (x1, 0.0)];
    let last_pts: Vec<(f64, f64)> = lines.iter().filter_map(|l| l.last().copied()).collect();
    let marker = t.marker();
    let mut sets = Vec::new();
    for (i, (l, pts)) in d.lines.iter().zip(&lines).enumerate() {
        let (m, style) = if i == 0 {
            (marker, t.line(0))
        } else {
            (Marker::Dot, t.line(3))
        };
        sets.push(
            Dataset::default()
                .name(l.name.clone())
                .marker(m)
                .graph_type(GraphType::Line)
                .style(style)
                .data(pts),
        );
    }
    if d.zero_line {
        sets.push(
            Dataset::default()
                .marker(marker)
                .graph_type(GraphType::Line)
                .style(t.dim())
                .data(&zero),
        );
    }
    for (i, e) in edges.iter().enumerate() {
        let edge = if t.opts.ascii { Marker::Block } else { marker };
        let mut ds = Dataset::default()
            .marker(edge)
            .graph_type(GraphType::Line)
            .style(t.line(1))
            .data(e);
        if i == 0 {
            ds = ds.name("claim window");
        }
        sets.push(ds);
    }
    if !window_pts.is_empty() {
        let m = if t.opts.ascii {
            Marker::Dot
        } else {
            Marker::Block
        };
        sets.push(
            Dataset::default()
                .marker(m)
                .graph_type(GraphType::Scatter)
                .style(t.line(1))
                .data(&window_pts),
        );
    }
    if let (Some(c), Some(cl)) = (d.claimed, claimed_line.as_ref()) {
        sets.push(
            Dataset::default()
                .name(format!("claimed {}", format::level(c, &d.unit)))
                .marker(Marker::Bar)
                .graph_type(GraphType::Line)
                .style(t.line(2))
                .data(cl),
        );
    }
    sets.push(
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(t.heading())
            .data(&last_pts),
    );
    let mid = |a: f64, b: f64| (a + b) / 2.0;
    let x_axis = Axis::default().style(t.dim()).bounds([x0, x1]).labels(
        [scale.label(x0), scale.label(mid(x0, x1)), scale.label(x1)]
            .map(|s| Span::styled(s, Style::new())),
    );
    let y_axis = Axis::default()
        .style(t.dim())
        .title(Span::styled(
            format::unit_for(&d.unit).label.to_string(),
            t.dim(),
        ))
        .bounds([lo, hi])
        .labels(y_labels(&ticks, step));
    // The legend sits in the frame's bottom edge, so it never covers data.
    let block = block.title_bottom(Line::from(legend(t, d)));
    let chart = Chart::new(sets)
        .block(block)
        .x_axis(x_axis)
        .y_axis(y_axis)
        .legend_position(None);
    frame.render_widget(chart, area);
    if let Some(c) = d.claimed {
        label_claimed_line(
            frame,
            t,
            area,
            &format!(" claimed {} ", format::level(c, &d.unit)),
        );
    }
}

/// One legend entry per series, then the claim window and the claimed value.
pub fn legend(t: &Theme, d: &ChartSpec) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let dot = if t.opts.ascii { "*" } else { "⣿" };
    for (i, l) in d.lines.iter().enumerate() {
        let style = if i == 0 { t.line(0) } else { t.line(3) };
        out.push(Span::styled(format!(" {dot} "), style));
        out.push(Span::styled(format!("{} ", l.name), t.plain()));
    }
    if d.window.is_some() {
        out.push(Span::styled(" | ", t.line(1)));
        out.push(Span::styled("claim window ", t.plain()));
    }
    if let Some(c) = d.claimed {
        out.push(Span::styled(" ▄ ", t.line(2)));
        out.push(Span::styled(
            format!("claimed {} ", format::level(c, &d.unit)),
            t.plain(),
        ));
    }
    out
}

/// Writes `text` on the claimed value's line (the row the bar marker fills most), at its left end.
fn label_claimed_line(frame: &mut Frame, t: &Theme, area: Rect, text: &str) {
    let buf = frame.buffer_mut();
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    let mut best: Option<(u16, u16, usize)> = None;
    for y in inner.top()..inner.bottom() {
        let cols: Vec<u16> = (inner.left()..inner.right())
            .filter(|&x| buf[(x, y)].symbol() == "▄")
            .collect();
        if cols.len() > best.map_or(2, |b| b.2) {
            best = Some((y, cols[0], cols.len()));
        }
    }
    if let Some((y, x, n)) = best
        && text.width() + 2 <= n
    {
        buf.set_string(x + 1, y, text, t.line(2).add_modifier(Modifier::BOLD));
    }
}

/// The y axis' labels: round ticks, evenly spaced (ratatui spreads labels evenly).
pub fn y_labels(ticks: &[f64], step: f64) -> Vec<Span<'static>> {
    ticks
        .iter()
        .map(|v| Span::raw(format::tick(*v, step)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(points: Vec<(Period, f64)>) -> ChartSpec {
        ChartSpec {
            title: String::new(),
            lines: vec![ChartLine {
                name: "s".into(),
                points,
            }],
            unit: String::new(),
            window: None,
            claimed: None,
            zero_line: false,
            empty: String::new(),
            focused: false,
        }
    }

    #[test]
    fn months_use_month_numbers_and_other_periods_days() {
        let m = spec(vec![(Period::month(2024, 9), 1.0)]);
        assert_eq!(Scale::of(&m), Scale::Months);
        assert_eq!(
            Scale::Months.label(Scale::Months.x(&Period::month(2024, 9))),
            "2024-09"
        );
        let y = spec(vec![(Period::year(2023), 1.0), (Period::year(2024), 2.0)]);
        let s = Scale::of(&y);
        assert_eq!(s, Scale::Days(1));
        assert_eq!(s.label(s.x(&Period::year(2024))), "2024");
        // A quarter window over monthly points: edges at the quarter's first and last month.
        let q: Period = "2024-Q3".parse().unwrap();
        assert_eq!(Scale::Months.edges(&q, &q), (24293.5, 24296.5));
    }
}
