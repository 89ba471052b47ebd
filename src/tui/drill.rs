//! The country chart (drill-down): the row's series over a zoomable window,
//! the claim's window marked, the claimed value as a reference line when the
//! claim is about this series, and the last value labelled.

use super::app::App;
use super::card::fmt_num;
use crate::browse::to_billions;
use crate::data::Period;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Span;
use ratatui::widgets::{Axis, Chart, Clear, Dataset, GraphType, Paragraph};

/// What the chart shows, computed from state (tested without a terminal).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    pub entity: String,
    pub points: Vec<(Period, f64)>,
    /// The claim's window, when the claim speaks of this entity.
    pub window: Option<(Period, Period)>,
    /// The claimed value in the grid's unit, when the claim is about this series.
    pub claimed: Option<f64>,
}

pub fn chart_data(app: &App) -> Option<ChartData> {
    let entity = app.drill.clone()?;
    let g = &app.grid;
    let pad = app.zoom_pad();
    let e = app.evaluation();
    let series = e.map(crate::browse::claim_series).unwrap_or_default();
    let sref = series.iter().find(|s| s.entity == entity);
    let row = g.row_of(&entity);
    let points = match (row, sref) {
        (None, _) => Vec::new(),
        (Some(r), Some(s)) => match (s.from.add_months(-pad), s.to.add_months(pad)) {
            (Some(f), Some(t)) => g.row_points(r, Some(&f), Some(&t)),
            _ => g.row_points(r, None, None),
        },
        (Some(r), None) => {
            let all = g.row_points(r, None, None);
            let keep = all.len().saturating_sub(2 * pad as usize + 1);
            all[keep..].to_vec()
        }
    };
    let window = sref.map(|s| (s.from, s.to));
    // A claimed number is drawn only when the claim is about this very series:
    // a level of holdings (any month), or a flow of a single month.
    let claimed = match (e, sref) {
        (Some(e), Some(s)) if g.measure.measure_ids().contains(&s.measure.as_str()) => {
            let same_kind = if g.measure.is_flow() {
                s.from == s.to
            } else {
                s.measure == "holdings"
            };
            match (e.claimed_value, to_billions(&e.unit)) {
                (Some(v), Some(f)) if same_kind => Some(v * f),
                _ => None,
            }
        }
        _ => None,
    };
    Some(ChartData {
        entity,
        points,
        window,
        claimed,
    })
}

fn x_of(p: &Period) -> f64 {
    f64::from(p.month_index().unwrap_or(0))
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    frame.render_widget(Clear, area);
    let Some(d) = chart_data(app) else {
        return;
    };
    let g = &app.grid;
    let last = d.points.last().map(|(p, v)| {
        format!(
            " · last {} {} {}",
            p.short_label(),
            fmt_num(*v),
            g.measure.unit_short()
        )
    });
    let block = t.block(
        format!(
            " {} · {}{} ",
            d.entity,
            g.measure.label(),
            last.unwrap_or_default()
        ),
        true,
    );
    if d.points.is_empty() {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(
                    "No {} values for {} in the browser.",
                    g.measure.label(),
                    d.entity
                ),
                t.dim(),
            )),
            inner,
        );
        return;
    }
    let line: Vec<(f64, f64)> = d.points.iter().map(|(p, v)| (x_of(p), *v)).collect();
    let (mut x0, mut x1) = (line[0].0, line[line.len() - 1].0);
    if x1 <= x0 {
        x0 -= 1.0;
        x1 += 1.0;
    }
    let (mut lo, mut hi) = line
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (_, v)| {
            (a.min(*v), b.max(*v))
        });
    if let Some(c) = d.claimed {
        lo = lo.min(c);
        hi = hi.max(c);
    }
    if g.measure.is_flow() {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    let span = (hi - lo).max(1e-9);
    lo -= span * 0.05;
    hi += span * 0.05;
    let window_pts: Vec<(f64, f64)> = match d.window {
        Some((f, to)) => d
            .points
            .iter()
            .filter(|(p, _)| p.within(&f, &to))
            .map(|(p, v)| (x_of(p), *v))
            .collect(),
        None => Vec::new(),
    };
    let edges: Vec<[(f64, f64); 2]> = match d.window {
        Some((f, to)) => {
            let a = f64::from(f.start.month_index().unwrap_or(0)) - 0.5;
            let b = f64::from(to.end.month_index().unwrap_or(0)) + 0.5;
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
    let last_pt = [line[line.len() - 1]];
    let marker = t.marker();
    let mut sets = vec![
        Dataset::default()
            .name(format!("{} ({})", d.entity, g.measure.unit_short()))
            .marker(marker)
            .graph_type(GraphType::Line)
            .style(t.line(0))
            .data(&line),
    ];
    if g.measure.is_flow() {
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
                .name(format!("claimed {}", fmt_num(c)))
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
            .data(&last_pt),
    );
    let mid = |a: f64, b: f64| (a + b) / 2.0;
    let xl = |x: f64| Period::from_month_index(x.round() as i32).short_label();
    let x_axis = Axis::default()
        .style(t.dim())
        .bounds([x0, x1])
        .labels([xl(x0), xl(mid(x0, x1)), xl(x1)].map(|s| Span::styled(s, Style::new())));
    let y_axis = Axis::default()
        .style(t.dim())
        .title(Span::styled(g.measure.unit_short(), t.dim()))
        .bounds([lo, hi])
        .labels([lo, mid(lo, hi), hi].map(|v| {
            Span::raw(if hi - lo >= 100.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            })
        }));
    let chart = Chart::new(sets).block(block).x_axis(x_axis).y_axis(y_axis);
    frame.render_widget(chart, area);
}
