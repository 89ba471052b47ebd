//! The country chart (drill-down): the row's series over a zoomable window,
//! the claim's window marked, the claimed value as a reference line when the
//! claim is about this series, and the last value labelled. Drawn by
//! [`chart::draw`], the chart the presentation slides use too.

use super::action::Action;
use super::chart::{self, ChartLine, ChartSpec};
use super::component::{Component, Outcome};
use super::context::Context;
use super::keymap::Scope;
use super::rows::Rows;
use crate::browse::to_billions;
use crate::claims::scope::BLOC_PREFIX;
use crate::data::Period;
use crate::format;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

/// The country chart of a row of the browser (an entity: a country, or a bloc).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    entity: String,
}

impl Chart {
    pub fn new(entity: String) -> Chart {
        Chart { entity }
    }

    pub fn entity(&self) -> &str {
        &self.entity
    }

    /// The chart of another row (the browser's cursor moved).
    pub fn follow(&mut self, entity: &str) {
        entity.clone_into(&mut self.entity);
    }

    fn is_bloc(&self) -> bool {
        self.entity.starts_with(BLOC_PREFIX)
    }

    /// The bar's name for it: a bloc row's chart is `bloc:G7` inside; people read "G7 (bloc)".
    pub fn title(&self) -> String {
        match self.entity.strip_prefix(BLOC_PREFIX) {
            Some(id) => format!("Chart: {id} (bloc)"),
            None => format!("Chart: {}", self.entity),
        }
    }
}

/// The keys of a chart over the panes (this one, or the share chart): up and
/// down step through the browser's rows; Esc closes.
pub fn chart_keys(action: Action) -> Outcome {
    match action {
        Action::Up => Outcome::StepRow(-1),
        Action::Down => Outcome::StepRow(1),
        Action::Back => Outcome::Close,
        _ => Outcome::Done,
    }
}

impl Component for Chart {
    /// Up and down step through the browser's rows (the chart follows them); Esc closes.
    fn handle(&mut self, action: Action, _cx: &Context) -> Outcome {
        chart_keys(action)
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        draw(cx, frame, area, &self.entity);
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Drill, Scope::Global]
    }

    /// A bloc's chart steps through the bloc rows.
    fn bar_word(&self, _cx: &Context, action: Action, word: &'static str) -> Option<&'static str> {
        match action {
            Action::Up if self.is_bloc() && word == "country" => Some("bloc"),
            _ => Some(word),
        }
    }
}

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

/// The chart of `entity`'s row of the browser, the claim's window padded by the zoom.
pub fn chart_data(cx: &Context, rows: &Rows, entity: &str) -> ChartData {
    let entity = entity.to_string();
    let g = rows.grid();
    let pad = cx.zoom_pad;
    let e = cx.evaluation();
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
    ChartData {
        entity,
        points,
        window,
        claimed,
    }
}

/// For a bloc row's chart whose months do not all have the same members with
/// values: the fewest and most members with values, and the most that belong.
pub fn bloc_coverage(rows: &Rows, d: &ChartData) -> Option<(usize, usize, usize)> {
    let view = rows.bloc_view()?;
    let row = rows.grid().row_of(&d.entity)?;
    let covs: Vec<(usize, usize)> = d
        .points
        .iter()
        .filter_map(|(p, _)| view.bloc_cell(row, rows.grid().col_of(p)?))
        .map(|c| c.coverage())
        .collect();
    let lo = covs.iter().map(|c| c.0).min()?;
    let hi = covs.iter().map(|c| c.0).max()?;
    let all = covs.iter().map(|c| c.1).max()?;
    (lo != hi).then_some((lo, hi, all))
}

/// Draws the chart of `entity` over `area`.
fn draw(cx: &Context, frame: &mut Frame, area: Rect, entity: &str) {
    frame.render_widget(Clear, area);
    let Some(rows) = cx.rows else {
        return;
    };
    let d = chart_data(cx, rows, entity);
    let g = rows.grid();
    let last = d.points.last().map(|(p, v)| {
        format!(
            " · last {} {}",
            format::period(p),
            format::level(*v, g.measure.unit())
        )
    });
    // A bloc row's chart: "G7 (bloc)" rather than its row name `bloc:G7`.
    let shown = match d.entity.strip_prefix(BLOC_PREFIX) {
        Some(id) => format!("{id} (bloc)"),
        None => d.entity.clone(),
    };
    // A bloc's sum moves when members drop in or out of the tables: say so when coverage varies.
    let coverage = bloc_coverage(rows, &d)
        .map(|(lo, hi, all)| {
            format!(" · {lo} to {hi} of {all} members have values: a step may be coverage")
        })
        .unwrap_or_default();
    let spec = ChartSpec {
        title: format!(
            " {} · {}{}{coverage} ",
            shown,
            g.measure.label(),
            last.unwrap_or_default()
        ),
        lines: vec![ChartLine {
            name: format!("{} ({})", shown, g.measure.unit_short()),
            points: d.points,
        }],
        unit: g.measure.unit().to_string(),
        window: d.window,
        claimed: d.claimed,
        zero_line: g.measure.is_flow(),
        empty: format!(
            "No {} values for {} in the browser.",
            g.measure.label(),
            shown
        ),
        focused: true,
    };
    chart::draw(frame, cx.theme, area, &spec);
}
