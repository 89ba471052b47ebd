//! The browser's last two lines: the selected cell (its value, source and
//! vintage, or a bloc's sum and coverage) and the claims that use it.

use crate::browse::claims_using;
use crate::tui::context::Context;
use crate::tui::rows::Rows;
use crate::{catalogue, format};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub(super) fn pad_left(s: &str, w: usize) -> String {
    let sw = s.width();
    if sw >= w {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(w - sw))
    }
}

/// `s` cut to `w` columns (ending in `ellipsis` when cut), padded to `w`.
pub(super) fn cut(s: &str, w: usize, ellipsis: &str) -> String {
    format!("{:<w$}", crate::tui::fit::cut(s, w, ellipsis))
}

/// The selected cell: value, source, vintage and the claims that use it.
pub(super) fn footer(cx: &Context, rows: &Rows, width: usize) -> Vec<Line<'static>> {
    let t = cx.theme;
    let g = rows.grid();
    let sel_col = rows.sel_col();
    let (Some(r), Some(p)) = (rows.row(), g.months.get(sel_col)) else {
        return vec![Line::default(), Line::default()];
    };
    let row = &g.rows[r];
    let bloc_cell = rows.bloc_view().and_then(|v| {
        let b = v.bloc_of(r).filter(|_| {
            v.roles
                .get(r)
                .is_some_and(|x| matches!(x, crate::browse::blocs::RowRole::Bloc(_)))
        })?;
        Some((b, v.bloc_cell(r, sel_col)))
    });
    let first = match (bloc_cell, g.cell(r, sel_col)) {
        (Some((b, Some(cell))), _) => {
            let (have, all) = cell.coverage();
            let missing = if cell.missing.is_empty() {
                String::new()
            } else {
                format!(", missing: {}", cell.missing.join(", "))
            };
            // Other members listed than the month before: the sums do not compare.
            match rows.members_changed(r, sel_col) {
                Some((h, a)) => format!(
                    "{} · {} · {} · {have}/{all} members ({h}/{a} in {}: not comparable){missing}",
                    b.bloc.id,
                    format::period(p),
                    format::level(cell.value, g.measure.unit()),
                    format::period(&g.months[sel_col - 1]),
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
    // The claims that use this value: the provenance view's answer, from the same function.
    let users = match g.cell(r, sel_col) {
        Some(c) => crate::provenance::users(
            cx.case,
            &crate::provenance::CellKey {
                source: c.source.to_string(),
                measure: g.measure.measure_ids()[0].to_string(),
                entity: row.entity.clone(),
                period: *p,
            },
        ),
        None => claims_using(cx.case, &row.entity, p),
    };
    // A custodial centre among the row's entities (a bloc's members that month): the caveat.
    let involved = match &bloc_cell {
        Some(_) => rows
            .bloc_view()
            .map(|v| v.members_at(r, sel_col))
            .unwrap_or_default(),
        None => vec![row.entity.clone()],
    };
    let caveat = crate::browse::blocs::custodial_note(cx.blocs, &involved);
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
            fitted = crate::tui::fit::fit_spans(spans, width.saturating_sub(2), 1, t.ellipsis());
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
