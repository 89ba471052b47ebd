//! Sparklines: one per series of the selected claim, over a zoomable window
//! around the claim's months, the window marked underneath.

use super::action::{Action, Pane};
use super::component::{Component, Open, Outcome};
use super::context::{Context, ZOOM_PADS};
use super::keymap::Scope;
use crate::browse::{LineSeries, series_window};
use crate::claims::SeriesRef;
use crate::format;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The zoom the sparklines open on.
const DEFAULT_ZOOM: usize = 2;

/// The sparklines: the selected series and the zoom (which the country chart
/// and the slides use too).
#[derive(Clone, Debug)]
pub struct Sparks {
    /// Index into [`ZOOM_PADS`].
    zoom: usize,
    /// The selected series.
    sel: usize,
    area: Rect,
}

impl Default for Sparks {
    fn default() -> Self {
        Sparks {
            zoom: DEFAULT_ZOOM,
            sel: 0,
            area: Rect::default(),
        }
    }
}

impl Sparks {
    /// The zoom level (an index into [`ZOOM_PADS`]).
    pub fn zoom(&self) -> usize {
        self.zoom
    }

    /// Months of context around a claim's window.
    pub fn zoom_pad(&self) -> i32 {
        ZOOM_PADS[self.zoom.min(ZOOM_PADS.len() - 1)]
    }

    /// A new claim is selected: its first series.
    pub fn follow(&mut self) {
        self.sel = 0;
    }

    /// The selected series.
    pub fn selected(&self) -> usize {
        self.sel
    }
}

/// The series shown: those of the selected claim, without repeats.
pub fn series(cx: &Context) -> Vec<SeriesRef> {
    let mut out: Vec<SeriesRef> = Vec::new();
    // The bloc view shows the selected bloc and its members instead (see `bloc_series`).
    if cx.bloc_view() {
        return out;
    }
    if let Some(e) = cx.evaluation() {
        for s in &crate::browse::claim_series(e) {
            if !out
                .iter()
                .any(|o| o.source == s.source && o.measure == s.measure && o.entity == s.entity)
            {
                out.push(s.clone());
            }
        }
    }
    out
}

/// One bar per column (or several columns per point when there is room):
/// the last value of each bucket of points, and whether it touches the window.
fn buckets(ls: &LineSeries, width: usize, mark: bool) -> Vec<(f64, bool)> {
    let n = ls.points.len();
    if n == 0 || width == 0 {
        return Vec::new();
    }
    let per = n.div_ceil(width);
    let repeat = (width / n).clamp(1, 3);
    ls.points
        .chunks(per)
        .flat_map(|c| {
            let b = (
                c[c.len() - 1].1,
                mark && c.iter().any(|(p, _)| ls.in_window(p)),
            );
            std::iter::repeat_n(b, repeat)
        })
        .collect()
}

fn spark_lines(
    cx: &Context,
    ls: &LineSeries,
    width: usize,
    selected: bool,
    focused: bool,
    mark: bool,
) -> [Line<'static>; 3] {
    let t = cx.theme;
    let bars = t.bars();
    let b = buckets(ls, width, mark);
    let (lo, hi) = b
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (v, _)| {
            (lo.min(*v), hi.max(*v))
        });
    let level = |v: f64| -> usize {
        if hi > lo {
            (((v - lo) / (hi - lo)) * (bars.len() - 1) as f64).round() as usize
        } else {
            bars.len() / 2
        }
    };
    let last = ls.points.last();
    // Too narrow: the first month goes before the series' name is cut (with `…`).
    let label = match last {
        Some((p, v)) => {
            let head = format!("last {} {}", format::period(p), format::level(*v, &ls.unit));
            let from = format!(" · from {}", format::period(&ls.points[0].0));
            let name = format!(" · {}", ls.label);
            let spans = if head.width() + from.width() + name.width() <= width {
                vec![head, from, name]
            } else {
                vec![head, name]
            };
            super::fit::fit_spans(
                spans.into_iter().map(Span::raw).collect(),
                width,
                usize::MAX,
                t.ellipsis(),
            )
            .into_iter()
            .map(|s| s.content.into_owned())
            .collect::<String>()
        }
        None => format!("{} · no data in the loaded tables", ls.label),
    };
    let label_style = if selected {
        t.selected(focused)
    } else {
        t.heading()
    };
    let spark: Vec<Span> = b
        .iter()
        .map(|(v, w)| {
            Span::styled(
                bars[level(*v).min(bars.len() - 1)].to_string(),
                if *w { t.claim_mark() } else { t.line(0) },
            )
        })
        .collect();
    let marks: String = b
        .iter()
        .map(|(_, w)| if *w { t.window_mark() } else { " " })
        .collect();
    let window = format!(
        "{} {}",
        marks.trim_end(),
        if b.iter().any(|x| x.1) {
            "claim window"
        } else {
            ""
        }
    );
    [
        Line::from(Span::styled(label, label_style)),
        Line::from(spark),
        Line::from(Span::styled(window, t.claim_mark())),
    ]
}

fn draw(sparks: &Sparks, cx: &Context, frame: &mut Frame, area: Rect) {
    let t = cx.theme;
    let focused = cx.focus == Some(Pane::Sparks);
    let pad = sparks.zoom_pad();
    let block = t.block(
        format!(" Series · claim −{pad} months to newest "),
        focused,
        area.width,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let list = series(cx);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(rows) = cx.rows.filter(|r| r.bloc_view().is_some()) {
        for ls in bloc_series(rows, (2 * pad as usize + 1).min(width)) {
            lines.extend(spark_lines(cx, &ls, width, false, focused, false));
        }
        if lines.is_empty() {
            lines.push(Line::from(Span::styled("No values in this row.", t.dim())));
        }
    } else if list.is_empty() {
        // No claim series: the browser's selected row over the last months.
        if let Some(rows) = cx.rows
            && let Some(r) = rows.row()
        {
            let g = rows.grid();
            let pts = g.row_points(r, None, None);
            let keep = pts.len().saturating_sub((2 * pad as usize + 1).min(width));
            let pts = pts[keep..].to_vec();
            let window = pts.last().map(|p| p.0);
            if let Some(w) = window {
                let ls = LineSeries {
                    label: format!("{} (browser row)", g.rows[r].entity),
                    unit: g.measure.unit().into(),
                    points: pts,
                    from: w,
                    to: w,
                };
                lines.extend(spark_lines(cx, &ls, width, false, focused, false));
            }
        }
        // A data claim whose series gave no values (say, none in its window) names one.
        let names_one = cx.evaluation().is_some_and(|e| e.check != "none");
        lines.push(Line::from(Span::styled(
            if names_one {
                "The claim's series gave no values."
            } else {
                "The selected claim names no series."
            },
            t.dim(),
        )));
    } else {
        for (i, s) in list.iter().enumerate() {
            let ls = series_window(cx.ds, s, pad);
            lines.extend(spark_lines(cx, &ls, width, i == sparks.sel, focused, true));
        }
    }
    let first = (sparks.sel * 3 + 3).saturating_sub(inner.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((first as u16, 0)), inner);
}
/// In the bloc view: the selected row's series (a bloc, or a member), then,
/// for a bloc, its members with a value in the selected month, largest first;
/// each over the last `months` months of the grid.
fn bloc_series(rows: &crate::tui::rows::Rows, months: usize) -> Vec<LineSeries> {
    let (Some(view), Some(r)) = (rows.bloc_view(), rows.row()) else {
        return Vec::new();
    };
    let g = rows.grid();
    let sel_col = rows.sel_col();
    let line = |label: String, pts: Vec<(crate::data::Period, f64)>| {
        let keep = pts.len().saturating_sub(months);
        let pts = pts[keep..].to_vec();
        let last = pts.last().map(|p| p.0)?;
        Some(LineSeries {
            label,
            unit: g.measure.unit().into(),
            points: pts,
            from: last,
            to: last,
        })
    };
    let mut out = Vec::new();
    let own = match view.bloc_cell(r, sel_col) {
        Some(c) => {
            let (have, all) = c.coverage();
            format!(
                "{} (bloc, {have}/{all} members in {})",
                view.bloc_of(r).map_or("", |b| b.bloc.id.as_str()),
                format::period(&g.months[sel_col])
            )
        }
        None => g.rows[r].entity.clone(),
    };
    out.extend(line(own, g.row_points(r, None, None)));
    if let Some(c) = view.bloc_cell(r, sel_col) {
        let mut members: Vec<(&String, Vec<(crate::data::Period, f64)>)> = c
            .present
            .iter()
            .map(|m| (m, view.member_points(r, m)))
            .collect();
        let at = |pts: &[(crate::data::Period, f64)]| {
            pts.iter()
                .find(|p| p.0 == g.months[sel_col])
                .map_or(f64::NEG_INFINITY, |p| p.1)
        };
        members.sort_by(|a, b| at(&b.1).total_cmp(&at(&a.1)));
        for (m, pts) in members {
            out.extend(line(format!("{m} (member)"), pts));
        }
    }
    out
}

impl Component for Sparks {
    /// Choose a series; Enter opens its country's chart; zoom in and out.
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        match action {
            Action::Up => self.sel = self.sel.saturating_sub(1),
            Action::Down => self.sel = (self.sel + 1).min(series(cx).len().saturating_sub(1)),
            Action::ZoomIn | Action::ZoomOut => {
                self.zoom = if action == Action::ZoomIn {
                    self.zoom.saturating_sub(1)
                } else {
                    (self.zoom + 1).min(ZOOM_PADS.len() - 1)
                };
                // With no Series pane on screen the zoom still applies to the charts: say so.
                if self.area.height == 0 {
                    let pad = self.zoom_pad();
                    return Outcome::Status(format!(
                        "Zoom: {pad} months around the claim's window, in the charts (c); the Series pane shows from 120 columns or 36 rows"
                    ));
                }
            }
            Action::Enter => {
                if let Some(s) = series(cx).get(self.sel) {
                    let measure = crate::browse::BrowseMeasure::for_measure(&s.measure);
                    return Outcome::Many(vec![
                        Outcome::Show {
                            measure,
                            entity: s.entity.clone(),
                        },
                        Outcome::Open(Open::Chart(s.entity.clone())),
                    ]);
                }
            }
            _ => {}
        }
        Outcome::Done
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        draw(self, cx, frame, area);
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Pane(Pane::Sparks), Scope::Global]
    }

    fn place(&mut self, area: Rect) {
        self.area = area;
    }

    /// A click on a series (three rows each) selects it.
    fn click(&mut self, _x: u16, y: u16, _again: bool, cx: &Context) -> Outcome {
        let i = (y.saturating_sub(self.area.y + 1) / 3) as usize;
        if i < series(cx).len() {
            self.sel = i;
        }
        Outcome::Done
    }
}
