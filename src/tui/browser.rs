//! The country × month browser: country column frozen, months newest on the
//! right, values right-aligned with the unit in the header, marks for large
//! moves, the selected claim's rows and months highlighted.

use super::app::App;
use super::layout;
use crate::browse::{SortDir, SortKey, claims_using};
use crate::{catalogue, format};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Width of a month column: 8 for the value, 1 for the move mark.
pub const COL_W: usize = 9;
const HEAD_ROWS: u16 = 2;
const FOOT_ROWS: u16 = 2;

/// The name column: as wide as the longest (short) name plus the claim mark, while at
/// least one month column fits; month columns go before names are cut.
fn name_width(app: &App, inner: Rect) -> usize {
    // A row's label is its short name, except in the bloc view.
    let longest = match app.bloc_view {
        None => app.grid.name_width(),
        Some(_) => (0..app.grid.rows.len())
            .map(|r| row_label(app, r).width())
            .max()
            .unwrap_or(0),
    }
    .max("Country".len())
        + 2
        + cov_width(app);
    let room = (inner.width as usize).saturating_sub(COL_W);
    longest.min(room).max(8)
}

/// The coverage column of the bloc view (`13/13` and a space), else none.
fn cov_width(app: &App) -> usize {
    if app.bloc_view.is_some() { 6 } else { 0 }
}

/// A row's name as shown: a bloc's id after `+` (members hidden) or `-`
/// (shown), a member indented under its bloc, else the short country name.
fn row_label(app: &App, r: usize) -> String {
    use crate::browse::blocs::RowRole;
    let row = &app.grid.rows[r];
    match app
        .bloc_view
        .as_ref()
        .and_then(|v| v.roles.get(r).map(|x| (v, x)))
    {
        Some((v, RowRole::Bloc(b))) => format!(
            "{} {}",
            if v.is_expanded(*b) { "-" } else { "+" },
            v.blocs[*b].bloc.id
        ),
        Some((_, RowRole::Member(_))) => format!("  {}", catalogue::short_entity(&row.entity)),
        None => catalogue::short_entity(&row.entity).to_string(),
    }
}

/// The coverage of a bloc row in a month: `6/7`; empty for other rows.
fn coverage(app: &App, r: usize, col: usize) -> String {
    app.bloc_view
        .as_ref()
        .and_then(|v| v.bloc_cell(r, col))
        .map(|c| {
            let (have, all) = c.coverage();
            format!("{have}/{all}")
        })
        .unwrap_or_default()
}

fn inner(area: Rect) -> Rect {
    area.inner(Margin::new(1, 1))
}

/// How many rows and month columns fit.
pub fn capacity(app: &App, area: Rect) -> (usize, usize) {
    let inner = inner(area);
    let sep = u16::from(app.show_aggregates && app.bloc_view.is_none());
    let rows = inner.height.saturating_sub(HEAD_ROWS + FOOT_ROWS + sep) as usize;
    let cols = (inner.width as usize).saturating_sub(name_width(app, inner)) / COL_W;
    (rows.max(1), cols.max(1))
}

/// What each screen row shows: a grid row (index into `visible`) or the
/// separator before the aggregates (`None`).
fn shown_rows(app: &App, first: usize, n: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    // The bloc view has no aggregates' section: a member's kind does not split it.
    let first_agg = app
        .visible
        .iter()
        .position(|&r| app.grid.rows[r].kind.is_aggregate())
        .filter(|_| app.bloc_view.is_none());
    for i in first..app.visible.len() {
        if out.len() >= n {
            break;
        }
        if Some(i) == first_agg {
            out.push(None);
            if out.len() >= n {
                break;
            }
        }
        out.push(Some(i));
    }
    out
}

/// First row and column shown, keeping the cursor on screen.
fn firsts(app: &App, area: Rect) -> (usize, usize) {
    let (rows, cols) = capacity(app, area);
    (
        layout::fit(app.row_first, app.sel_row, rows, app.visible.len()),
        layout::fit(app.col_first, app.sel_col, cols, app.grid.months.len()),
    )
}

/// The (row in `visible`, month column) at a screen cell.
pub fn cell_at(app: &App, area: Rect, x: u16, y: u16) -> Option<(Option<usize>, Option<usize>)> {
    let inner = inner(area);
    let (rows, cols) = capacity(app, area);
    let (rf, cf) = firsts(app, area);
    let top = inner.y + HEAD_ROWS;
    let row = if y >= top {
        shown_rows(app, rf, rows + 1)
            .get((y - top) as usize)
            .copied()
            .flatten()
    } else {
        None
    };
    let nw = name_width(app, inner) as u16;
    let col = if x >= inner.x + nw {
        let c = ((x - inner.x - nw) as usize) / COL_W;
        (c < cols && cf + c < app.grid.months.len()).then_some(cf + c)
    } else {
        None
    };
    Some((row, col))
}

/// Months the selected claim speaks of (columns) and the entities (rows).
fn claim_focus(app: &App) -> (Vec<String>, Range<usize>) {
    let mut entities = Vec::new();
    let mut cols = 0..0;
    if let Some(e) = app.evaluation() {
        for s in &crate::browse::claim_series(e) {
            entities.push(s.entity.clone());
            if cols.is_empty() {
                cols = app.grid.cols_within(&s.from, &s.to);
            }
        }
    }
    (entities, cols)
}

fn pad_left(s: &str, w: usize) -> String {
    let sw = s.width();
    if sw >= w {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(w - sw))
    }
}

fn cut(s: &str, w: usize, ellipsis: &str) -> String {
    if s.width() <= w {
        return format!("{s:<w$}");
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 1 + ellipsis.width() > w {
            break;
        }
        out.push(c);
    }
    out.push_str(ellipsis);
    format!("{out:<w$}")
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, focused: bool) {
    let t = &app.theme;
    let g = &app.grid;
    let title = format!(" Browser · {} ", g.measure.label());
    let block = t.block(title.to_string(), focused);
    let inner = inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let nw = name_width(app, inner);
    let (rows, cols) = capacity(app, area);
    let (rf, cf) = firsts(app, area);
    let (claim_entities, claim_cols) = claim_focus(app);
    let mut lines: Vec<Line> = Vec::new();

    // Line 1: unit, sort, filter, counts.
    let sort = match g.sort {
        (SortKey::Name, d) => format!("name {}", if d == SortDir::Asc { "A-Z" } else { "Z-A" }),
        (SortKey::Month(p), d) => format!(
            "{} {}",
            p.short_label(),
            if d == SortDir::Asc { "asc" } else { "desc" }
        ),
    };
    // The unit is stated once: in the corner of the column headers when it fits there.
    let unit_in_corner = nw >= 18;
    let mut info = if unit_in_corner {
        Vec::new()
    } else {
        vec![Span::styled(g.measure.unit().to_string(), t.heading())]
    };
    let sep = |info: &Vec<Span>| if info.is_empty() { "" } else { " · " };
    if app.filter_before.is_some() {
        info.push(Span::raw(sep(&info)));
        info.push(Span::styled(format!("/{}_", app.filter), t.selected(true)));
    } else if !app.filter.is_empty() {
        info.push(Span::styled(
            format!("{}filter “{}”", sep(&info), app.filter),
            t.claim_mark(),
        ));
    }
    info.push(Span::styled(
        format!("{}sort {sort} · {} rows", sep(&info), app.visible.len()),
        t.dim(),
    ));
    info.push(Span::styled(
        if app.bloc_view.is_some() {
            " · blocs"
        } else if app.show_aggregates {
            " · +aggregates"
        } else {
            " · countries"
        }
        .to_string(),
        t.dim(),
    ));
    // The view's name goes first when the line is too narrow ("Bloc" heads the rows).
    let mut optional = info.len() - 1;
    // A claim about data with no country breakdown (yields, gold, stocks) says so.
    if let Some(note) = no_country_series(app) {
        info = vec![Span::styled(note, t.claim_mark())];
        optional = 1;
    }
    let info = super::fit::fit_spans(info, inner.width as usize, optional, t.ellipsis());
    lines.push(Line::from(info));

    // Line 2: column headers.
    let what = if app.bloc_view.is_some() {
        "Bloc"
    } else {
        "Country"
    };
    let corner = if unit_in_corner {
        format!("{what} ({})", g.measure.unit_short())
    } else {
        what.to_string()
    };
    let cw = cov_width(app);
    let mut head = vec![Span::styled(
        cut(&corner, nw - cw, t.ellipsis()),
        t.heading(),
    )];
    if cw > 0 {
        head.push(Span::styled(pad_left("have", cw - 1), t.heading()));
        head.push(Span::raw(" "));
    }
    for c in cf..(cf + cols).min(g.months.len()) {
        let mut st = t.heading();
        if claim_cols.contains(&c) {
            st = t.claim_mark().add_modifier(Modifier::UNDERLINED);
        }
        if c == app.sel_col {
            st = st.add_modifier(Modifier::REVERSED);
        }
        head.push(Span::styled(
            pad_left(&g.months[c].short_label(), COL_W - 1),
            st,
        ));
        head.push(Span::raw(" "));
    }
    lines.push(Line::from(head));

    if g.is_empty() || app.visible.is_empty() {
        let msg = if g.is_empty() {
            "No data for this measure in the loaded tables.".to_string()
        } else {
            format!("No row matches “{}”.", app.filter)
        };
        lines.push(Line::from(Span::styled(msg, t.dim())));
    }
    // `capacity` keeps a line for the aggregates' separator: give it back here.
    for item in shown_rows(
        app,
        rf,
        rows + usize::from(app.show_aggregates && app.bloc_view.is_none()),
    ) {
        let Some(vi) = item else {
            let label = format!("{} aggregates (totals, regions, memo) ", t.rule().repeat(2));
            let fill = t
                .rule()
                .repeat((inner.width as usize).saturating_sub(label.width()));
            lines.push(Line::from(Span::styled(format!("{label}{fill}"), t.dim())));
            continue;
        };
        let r = app.visible[vi];
        let row = &g.rows[r];
        let is_claim = claim_entities.contains(&row.entity);
        let selected = vi == app.sel_row;
        let lead = if is_claim { t.row_mark() } else { " " };
        let name_style = if selected {
            t.selected(focused)
        } else if is_claim {
            t.claim_mark()
        } else {
            t.plain()
        };
        let mut spans = vec![
            Span::styled(lead.to_string(), t.claim_mark()),
            Span::styled(
                cut(&row_label(app, r), nw - 1 - cw, t.ellipsis()),
                name_style,
            ),
        ];
        if cw > 0 {
            spans.push(Span::styled(
                pad_left(&coverage(app, r, app.sel_col), cw - 1),
                t.dim(),
            ));
            spans.push(Span::raw(" "));
        }
        for c in cf..(cf + cols).min(g.months.len()) {
            let text = row.value(c).map_or("·".to_string(), fmt_value);
            // A bloc's sum that jumps because other members are listed is no move.
            let mv = g
                .large_move(r, c)
                .filter(|_| app.members_changed(r, c).is_none());
            let mut st = Style::new();
            if is_claim && claim_cols.contains(&c) {
                st = t.claim_mark().add_modifier(Modifier::UNDERLINED);
            }
            if selected && c == app.sel_col {
                st = t.selected(focused);
            }
            spans.push(Span::styled(pad_left(&text, COL_W - 1), st));
            spans.push(Span::styled(
                t.move_symbol(mv).to_string(),
                t.move_style(mv),
            ));
        }
        lines.push(Line::from(spans));
    }
    let body_h = (inner.height.saturating_sub(FOOT_ROWS)) as usize;
    lines.truncate(body_h);
    while lines.len() < body_h {
        lines.push(Line::default());
    }
    lines.extend(footer(app, inner.width as usize));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A grid value (already in USD billions) as every surface writes it, whole above 99,999.
fn fmt_value(v: f64) -> String {
    let du = format::unit_for("USD billions");
    if v.abs() >= 99_999.95 {
        format::group(v, 0)
    } else {
        du.number(v)
    }
}

/// When the selected claim's series have no country × month view here: a note naming them.
pub fn no_country_series(app: &App) -> Option<String> {
    let e = app.evaluation()?;
    let series = crate::browse::claim_series(e);
    if series.is_empty()
        || series
            .iter()
            .any(|s| crate::browse::BrowseMeasure::for_measure(&s.measure).is_some())
    {
        return None;
    }
    let mut names: Vec<String> = series
        .iter()
        .map(|s| catalogue::measure_name(&s.measure))
        .collect();
    names.dedup();
    Some(format!("No country series for: {}", names.join(", ")))
}

/// The selected cell: value, source, vintage and the claims that use it.
fn footer(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let g = &app.grid;
    let (Some(r), Some(p)) = (app.row(), g.months.get(app.sel_col)) else {
        return vec![Line::default(), Line::default()];
    };
    let row = &g.rows[r];
    let bloc_cell = app.bloc_view.as_ref().and_then(|v| {
        let b = v.bloc_of(r).filter(|_| {
            v.roles
                .get(r)
                .is_some_and(|x| matches!(x, crate::browse::blocs::RowRole::Bloc(_)))
        })?;
        Some((b, v.bloc_cell(r, app.sel_col)))
    });
    let first = match (bloc_cell, g.cell(r, app.sel_col)) {
        (Some((b, Some(cell))), _) => {
            let (have, all) = cell.coverage();
            let missing = if cell.missing.is_empty() {
                String::new()
            } else {
                format!(", missing: {}", cell.missing.join(", "))
            };
            // Other members listed than the month before: the sums do not compare.
            match app.members_changed(r, app.sel_col) {
                Some((h, a)) => format!(
                    "{} · {} · {} · {have}/{all} members ({h}/{a} in {}: not comparable){missing}",
                    b.bloc.id,
                    format::period(p),
                    format::level(cell.value, g.measure.unit()),
                    format::period(&g.months[app.sel_col - 1]),
                ),
                None => format!(
                    "{} · {} · {} · sum of {have}/{all} members{missing}",
                    b.bloc.id,
                    format::period(p),
                    format::level(cell.value, g.measure.unit()),
                ),
            }
        }
        (Some((b, None)), _) => format!(
            "{} · {} · no member has a value",
            b.bloc.id,
            format::period(p)
        ),
        (None, Some(c)) => format!(
            "{} · {} · {} · {}",
            row.entity,
            format::period(p),
            format::level(c.value, g.measure.unit()),
            catalogue::cite(c.source, &c.vintage)
        ),
        (None, None) => format!("{} · {} · no value", row.entity, format::period(p)),
    };
    let users = claims_using(&app.case, &row.entity, p);
    // A custodial centre among the row's entities (a bloc's members that month): the caveat.
    let involved = match &bloc_cell {
        Some(_) => app
            .bloc_view
            .as_ref()
            .map(|v| v.members_at(r, app.sel_col))
            .unwrap_or_default(),
        None => vec![row.entity.clone()],
    };
    let caveat = crate::browse::blocs::custodial_note(&app.blocs, &involved);
    let second = if let Some((long, short)) = caveat {
        let text = if users.is_empty() && long.width() <= width {
            long
        } else {
            short
        };
        let mut spans = vec![Span::styled(
            cut(&text, width, t.ellipsis()),
            t.claim_mark(),
        )];
        if !users.is_empty() && text.width() + 12 < width {
            spans.push(Span::styled(
                cut(
                    &format!(
                        " · used by: {}",
                        users
                            .iter()
                            .map(|e| e.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    width - text.width(),
                    t.ellipsis(),
                ),
                t.dim(),
            ));
            spans[0] = Span::styled(text, t.claim_mark());
        }
        Line::from(spans)
    } else if users.is_empty() {
        Line::from(Span::styled("used by no claim", t.dim()))
    } else {
        let mut spans = vec![Span::styled("used by: ", t.dim())];
        for (i, e) in users.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(", "));
            }
            spans.push(Span::styled(
                t.verdict_symbol(e.verdict).to_string(),
                t.verdict(e.verdict),
            ));
            spans.push(Span::styled(format!(" {}", e.id), t.claim_mark()));
        }
        // Claims that do not fit are left out whole, and `…` says so.
        let all = spans.iter().map(|s| s.content.width()).sum::<usize>();
        let mut fitted = spans.clone();
        if all > width {
            fitted = super::fit::fit_spans(spans, width.saturating_sub(2), 1, t.ellipsis());
            // Keep whole claims: end on an id (or on "used by: " itself).
            while fitted.len() > 1 && !fitted.last().is_some_and(|s| s.content.starts_with(' ')) {
                fitted.pop();
            }
            fitted.push(Span::styled(format!(" {}", t.ellipsis()), t.dim()));
        }
        Line::from(fitted)
    };
    vec![
        Line::from(Span::raw(cut(&first, width, t.ellipsis()))),
        second,
    ]
}
/// The browser's keys: move the selected cell, c for the country's chart, Enter for
/// where the value comes from.
pub fn handle(app: &mut App, action: super::action::Action) {
    use super::action::{Action, Pane};
    let page = super::app::page(app, Pane::Browser);
    match action {
        Action::Up => app.move_row(-1),
        Action::Down => app.move_row(1),
        Action::PageUp => app.move_row(-page),
        Action::PageDown => app.move_row(page),
        Action::Left => app.move_col(-1),
        Action::Right => app.move_col(1),
        Action::First => app.sel_col = 0,
        Action::Last => app.sel_col = app.grid.months.len().saturating_sub(1),
        Action::Chart => {
            if let Some(r) = app.row() {
                app.drill = Some(app.grid.rows[r].entity.clone());
            }
        }
        // Enter on a bloc row shows or hides its members; elsewhere, the value's source.
        Action::Enter | Action::Provenance if !app.toggle_bloc_row() => app.open_cell_provenance(),
        _ => {}
    }
}
