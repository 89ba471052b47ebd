//! A claim's readings as a small table: one row per reading with its verdict,
//! what was observed and the gap, under a line saying whether the verdict holds
//! under every reading or depends on it. Used by the card and the claim slide.

use super::text::wrap;
use super::theme::Theme;
use crate::claims::Evaluation;
use crate::report::readings::{Row, rows, window_rows};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Cuts `s` to `w` columns, marking the cut with `ell`.
fn fit(s: &str, w: usize, ell: &str) -> String {
    if s.width() <= w {
        return format!("{s:<w$}");
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + c.to_string().width() + ell.width() > w {
            break;
        }
        out.push(c);
    }
    out.push_str(ell);
    format!("{out:<w$}")
}

/// The table's lines at `width` (none when the claim has no readings), then,
/// when the verdict depends on the window, the windows' table.
pub fn lines(t: &Theme, e: &Evaluation, width: usize) -> Vec<Line<'static>> {
    let mut out = table(t, "Readings", &e.readings_summary, rows(e), width);
    if e.windows_summary == "depends on the window" {
        out.extend(table(
            t,
            "Windows",
            &e.windows_summary,
            window_rows(e),
            width,
        ));
    }
    out
}

fn table(
    t: &Theme,
    title: &str,
    summary: &str,
    rows: Vec<Row>,
    width: usize,
) -> Vec<Line<'static>> {
    if rows.is_empty() {
        return vec![];
    }
    let mut out = wrap(&format!("{title}: {summary}"), width, t.heading(), &[]).0;
    let label_w = rows
        .iter()
        .map(|r| r.label.width())
        .max()
        .unwrap_or(0)
        .min(width / 3)
        .max(4);
    let ell = t.ellipsis();
    for r in rows {
        let sym = t.verdict_symbol(r.verdict);
        let rest = width.saturating_sub(label_w + 4);
        let tail = format!("{} · gap {}", r.observed, r.gap);
        out.push(Line::from(vec![
            Span::styled(format!("{sym} "), t.verdict(r.verdict)),
            Span::styled(fit(&r.label, label_w, ell), t.plain()),
            Span::raw("  "),
            Span::styled(fit(&tail, rest, ell).trim_end().to_string(), t.dim()),
        ]));
    }
    out
}
