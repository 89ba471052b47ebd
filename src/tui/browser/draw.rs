//! Drawing the browser: the country column frozen, months newest on the right,
//! values right-aligned with the unit in the header, marks for large moves,
//! the selected claim's rows and months highlighted; and which cell is where
//! (for clicks).

use super::Browser;
use super::footer::{cut, footer, pad_left};
use crate::browse::{SortDir, SortKey};
use crate::catalogue;
use crate::format;
use crate::tui::action::Pane;
use crate::tui::context::Context;
use crate::tui::layout;
use crate::tui::rows::Rows;
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
fn name_width(rows: &Rows, inner: Rect) -> usize {
    // A row's label is its short name, except in the bloc view.
    let longest = match rows.bloc_view() {
        None => rows.grid().name_width(),
        Some(_) => (0..rows.grid().rows.len())
            .map(|r| row_label(rows, r, 0).width())
            .max()
            .unwrap_or(0),
    }
    .max("Country".len())
        + 2
        + cov_width(rows);
    let room = (inner.width as usize).saturating_sub(COL_W);
    longest.min(room).max(8)
}

/// The coverage column of the bloc view (`13/13` and a space), else none.
fn cov_width(rows: &Rows) -> usize {
    if rows.bloc_view().is_some() { 6 } else { 0 }
}

/// A row's name as shown: a bloc's id after `+` (members hidden) or `-`
/// (shown), a member indented under its bloc, else the country. The official
/// name (as `check`, the card and provenance print it) where it fits in
/// `room` columns, else its deliberate short form.
fn row_label(rows: &Rows, r: usize, room: usize) -> String {
    use crate::browse::blocs::RowRole;
    let row = &rows.grid().rows[r];
    let name = |indent: usize| {
        if row.entity.width() + indent <= room {
            row.entity.as_str()
        } else {
            catalogue::short_entity(&row.entity)
        }
    };
    match rows
        .bloc_view()
        .and_then(|v| v.roles.get(r).map(|x| (v, x)))
    {
        Some((v, RowRole::Bloc(b))) => format!(
            "{} {}",
            if v.is_expanded(*b) { "-" } else { "+" },
            v.blocs[*b].bloc.id
        ),
        Some((_, RowRole::Member(_))) => format!("  {}", name(2)),
        None => name(0).to_string(),
    }
}

/// The coverage of a bloc row in a month: `6/7`; empty for other rows.
fn coverage(rows: &Rows, r: usize, col: usize) -> String {
    rows.bloc_view()
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

/// How many rows and month columns of `rows` fit in `area`.
pub fn capacity(rows: &Rows, area: Rect) -> (usize, usize) {
    let inner = inner(area);
    let n = inner
        .height
        .saturating_sub(HEAD_ROWS + FOOT_ROWS + separator(rows)) as usize;
    let cols = (inner.width as usize).saturating_sub(name_width(rows, inner)) / COL_W;
    (n.max(1), cols.max(1))
}

/// The line kept for the aggregates' separator: one when aggregates are shown.
fn separator(rows: &Rows) -> u16 {
    u16::from(rows.show_aggregates() && rows.bloc_view().is_none())
}

/// What each screen row shows: a grid row (index into `visible`) or the
/// separator before the aggregates (`None`).
fn shown_rows(rows: &Rows, first: usize, n: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    // The bloc view has no aggregates' section: a member's kind does not split it.
    let first_agg = rows
        .visible()
        .iter()
        .position(|&r| rows.grid().rows[r].kind.is_aggregate())
        .filter(|_| rows.bloc_view().is_none());
    for i in first..rows.visible().len() {
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

/// First row and column shown in `area`, keeping the cursor on screen.
pub(super) fn firsts(b: &Browser, area: Rect) -> (usize, usize) {
    let rows = &b.rows;
    let (n, cols) = capacity(rows, area);
    (
        layout::fit(b.row_first, rows.sel_row(), n, rows.visible().len()),
        layout::fit(b.col_first, rows.sel_col(), cols, rows.grid().months.len()),
    )
}

/// The (row in `visible`, month column) at a screen cell.
pub(super) fn cell_at(b: &Browser, area: Rect, x: u16, y: u16) -> (Option<usize>, Option<usize>) {
    let rows = &b.rows;
    let inner = inner(area);
    let (n, cols) = capacity(rows, area);
    let (rf, cf) = firsts(b, area);
    let top = inner.y + HEAD_ROWS;
    let row = if y >= top {
        shown_rows(rows, rf, n + 1)
            .get((y - top) as usize)
            .copied()
            .flatten()
    } else {
        None
    };
    let nw = name_width(rows, inner) as u16;
    let col = if x >= inner.x + nw {
        let c = ((x - inner.x - nw) as usize) / COL_W;
        (c < cols && cf + c < rows.grid().months.len()).then_some(cf + c)
    } else {
        None
    };
    (row, col)
}

/// Months the selected claim speaks of (columns) and the entities (rows).
fn claim_focus(cx: &Context, rows: &Rows) -> (Vec<String>, Range<usize>) {
    let mut entities = Vec::new();
    let mut cols = 0..0;
    if let Some(e) = cx.evaluation() {
        for s in &crate::browse::claim_series(e) {
            entities.push(s.entity.clone());
            if cols.is_empty() {
                cols = rows.grid().cols_within(&s.from, &s.to);
            }
        }
    }
    (entities, cols)
}

pub(super) fn draw(b: &Browser, cx: &Context, frame: &mut Frame, area: Rect) {
    let t = cx.theme;
    let focused = cx.focus == Some(Pane::Browser);
    let rows = &b.rows;
    let g = rows.grid();
    let title = format!(" Browser · {} ", g.measure.label());
    let block = t.block(title.to_string(), focused, area.width);
    let inner = inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let nw = name_width(rows, inner);
    let (n, cols) = capacity(rows, area);
    let (rf, cf) = firsts(b, area);
    let (claim_entities, claim_cols) = claim_focus(cx, rows);
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
    if rows.editing() {
        info.push(Span::raw(sep(&info)));
        info.push(Span::styled(
            format!("/{}_", rows.filter()),
            t.selected(true),
        ));
    } else if !rows.filter().is_empty() {
        info.push(Span::styled(
            format!("{}filter “{}”", sep(&info), rows.filter()),
            t.claim_mark(),
        ));
    }
    // Where the rows on screen are among all of them, when not all fit.
    let total = rows.visible().len();
    let count = if total > n && n > 0 {
        format!("rows {}–{} of {total}", rf + 1, (rf + n).min(total))
    } else {
        format!("{total} rows")
    };
    info.push(Span::styled(
        format!("{}sort {sort} · {count}", sep(&info)),
        t.dim(),
    ));
    info.push(Span::styled(
        if rows.bloc_view().is_some() {
            " · blocs"
        } else if rows.show_aggregates() {
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
    if let Some(note) = no_country_series(cx) {
        info = vec![Span::styled(note, t.claim_mark())];
        optional = 1;
    }
    let info = crate::tui::fit::fit_spans(info, inner.width as usize, optional, t.ellipsis());
    lines.push(Line::from(info));

    // Line 2: column headers.
    let what = if rows.bloc_view().is_some() {
        "Bloc"
    } else {
        "Country"
    };
    let corner = if unit_in_corner {
        format!("{what} ({})", g.measure.unit_short())
    } else {
        what.to_string()
    };
    let cw = cov_width(rows);
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
        if c == rows.sel_col() {
            st = st.add_modifier(Modifier::REVERSED);
        }
        head.push(Span::styled(
            pad_left(&g.months[c].short_label(), COL_W - 1),
            st,
        ));
        head.push(Span::raw(" "));
    }
    lines.push(Line::from(head));

    if g.is_empty() || rows.visible().is_empty() {
        let msg = if g.is_empty() {
            "No data for this measure in the loaded tables.".to_string()
        } else {
            format!("No row matches “{}”.", rows.filter())
        };
        lines.push(Line::from(Span::styled(msg, t.dim())));
    }
    // `capacity` keeps a line for the aggregates' separator: give it back here.
    for item in shown_rows(rows, rf, n + usize::from(separator(rows))) {
        let Some(vi) = item else {
            let label = format!("{} aggregates (totals, regions, memo) ", t.rule().repeat(2));
            let fill = t
                .rule()
                .repeat((inner.width as usize).saturating_sub(label.width()));
            lines.push(Line::from(Span::styled(format!("{label}{fill}"), t.dim())));
            continue;
        };
        let r = rows.visible()[vi];
        let row = &g.rows[r];
        let is_claim = claim_entities.contains(&row.entity);
        let selected = vi == rows.sel_row();
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
                cut(&row_label(rows, r, nw - 1 - cw), nw - 1 - cw, t.ellipsis()),
                name_style,
            ),
        ];
        if cw > 0 {
            spans.push(Span::styled(
                pad_left(&coverage(rows, r, rows.sel_col()), cw - 1),
                t.dim(),
            ));
            spans.push(Span::raw(" "));
        }
        for c in cf..(cf + cols).min(g.months.len()) {
            let text = row.value(c).map_or("·".to_string(), fmt_value);
            // A bloc's sum that jumps because other members are listed is no move.
            let mv = g
                .large_move(r, c)
                .filter(|_| rows.members_changed(r, c).is_none());
            let mut st = Style::new();
            if is_claim && claim_cols.contains(&c) {
                st = t.claim_mark().add_modifier(Modifier::UNDERLINED);
            }
            if selected && c == rows.sel_col() {
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
    lines.extend(footer(cx, rows, inner.width as usize));
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
pub fn no_country_series(cx: &Context) -> Option<String> {
    let e = cx.evaluation()?;
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
