//! The claim card: the claim, what the data say as published and today, the
//! gap, the verdict, the evidence cells with their vintages, and context.

use super::app::App;
use super::text::wrap;
use crate::claims::{Cell, Evaluation, Gap, Outcome};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn fmt_num(v: f64) -> String {
    if v.is_nan() {
        return "n/a".into();
    }
    let digits = if v.fract() == 0.0 {
        0
    } else if v.abs() >= 100.0 {
        1
    } else {
        2
    };
    let s = format!("{:.*}", digits, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

pub fn fmt_gap(g: &Gap) -> String {
    let abs = format!(
        "{}{}",
        if g.absolute > 0.0 { "+" } else { "" },
        fmt_num(g.absolute)
    );
    let unit = if g.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", g.unit)
    };
    match g.relative {
        Some(r) => format!("{abs}{unit} ({:+.1}%)", r * 100.0),
        None => format!("{abs}{unit}"),
    }
}

fn observed(o: &Outcome) -> String {
    if !o.observed_text.is_empty() {
        o.observed_text.clone()
    } else if let Some(v) = o.observed {
        fmt_num(v)
    } else {
        "no data".into()
    }
}

fn cell_line(c: &Cell) -> String {
    format!(
        "{} {} {} {} = {} {} (vintage {})",
        c.source,
        c.measure,
        c.entity,
        c.period,
        fmt_num(c.value),
        c.unit,
        c.vintage
    )
}

fn fit(s: &str, w: usize) -> String {
    if s.width() <= w {
        return format!("{s:<w$}");
    }
    let mut out: String = String::new();
    for c in s.chars() {
        if out.width() + 2 > w {
            break;
        }
        out.push(c);
    }
    format!("{out:<w$}")
}

/// The card's lines at a width.
pub fn content(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(e) = app.evaluation() else {
        let msg = match app.case.article.sections.get(app.section) {
            Some(s) => format!("No claims in “{}”. Press ] for the next claim.", s.title),
            None => "No claims.".into(),
        };
        return wrap(&msg, width, t.dim(), &[]).0;
    };
    let mut out: Vec<Line<'static>> = Vec::new();
    let para =
        |out: &mut Vec<Line<'static>>, s: &str, st: Style| out.extend(wrap(s, width, st, &[]).0);
    let pos = app
        .claim_order
        .iter()
        .position(|&i| Some(i) == app.claim)
        .map_or(0, |p| p + 1);
    out.push(Line::from(vec![
        Span::styled(t.verdict_text(e.verdict), t.verdict(e.verdict)),
        Span::styled(" · ", t.dim()),
        Span::styled(e.id.clone(), t.heading()),
        Span::styled(format!(" ({pos}/{})", app.claim_order.len()), t.dim()),
    ]));
    para(
        &mut out,
        &format!(
            "“{}”",
            e.quote.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
        t.quote(),
    );
    if !e.claimed.is_empty() {
        para(&mut out, &format!("Claimed: {}", e.claimed), t.plain());
    } else if let Some(v) = e.claimed_value {
        para(
            &mut out,
            &format!("Claimed: {} {}", fmt_num(v), e.unit),
            t.plain(),
        );
    }
    if e.verdict != crate::claims::Verdict::NotADataClaim {
        table(&mut out, app, e, width);
    }
    if !e.conclusion.is_empty() {
        para(
            &mut out,
            &format!("Conclusion: {}", e.conclusion),
            t.plain(),
        );
    }
    out.extend(super::readings::lines(t, e, width));
    if let Some(n) = e.note.as_ref().filter(|n| **n != e.conclusion) {
        para(&mut out, &format!("Note: {n}"), t.dim());
    }
    evidence(&mut out, app, e, width);
    if !e.context.is_empty() {
        out.push(Line::from(Span::styled("Context", t.heading())));
        for c in &e.context {
            para(&mut out, &format!("· {}: {}", c.label, c.text), t.plain());
        }
    }
    out
}

/// Claimed vs observed per viewpoint: side by side when the texts fit, else one after the other.
fn table(out: &mut Vec<Line<'static>>, app: &App, e: &Evaluation, width: usize) {
    let t = &app.theme;
    let label_w = 10usize;
    let col_w = width.saturating_sub(label_w) / 2;
    let (p, d) = (&e.as_published, &e.today);
    let gap = |o: &Outcome| o.gap.as_ref().map_or("–".to_string(), fmt_gap);
    let heads = [
        format!("as published ({})", app.case.date),
        "today".to_string(),
    ];
    let cells = [
        [observed(p), observed(d)],
        [gap(p), gap(d)],
        [t.verdict_text(p.verdict), t.verdict_text(d.verdict)],
    ];
    let fits = cells
        .iter()
        .chain(std::iter::once(&heads))
        .all(|r| r.iter().all(|c| c.width() < col_w));
    if fits {
        let row = |label: &str, a: &str, b: &str, sa: Style, sb: Style| {
            Line::from(vec![
                Span::styled(fit(label, label_w), t.dim()),
                Span::styled(fit(a, col_w), sa),
                Span::styled(fit(b, col_w), sb),
            ])
        };
        out.push(row("", &heads[0], &heads[1], t.heading(), t.heading()));
        out.push(row(
            "observed",
            &cells[0][0],
            &cells[0][1],
            t.plain(),
            t.plain(),
        ));
        out.push(row("gap", &cells[1][0], &cells[1][1], t.plain(), t.plain()));
        out.push(row(
            "verdict",
            &cells[2][0],
            &cells[2][1],
            t.verdict(p.verdict),
            t.verdict(d.verdict),
        ));
        for (label, o) in [("as published", p), ("today", d)] {
            if !o.summary.is_empty() {
                out.extend(wrap(&format!("{label}: {}", o.summary), width, t.plain(), &[]).0);
            }
            if !o.detail.is_empty() {
                out.extend(wrap(&format!("  ({})", o.detail), width, t.dim(), &[]).0);
            }
        }
        return;
    }
    for (i, o) in [p, d].into_iter().enumerate() {
        out.push(Line::from(vec![
            Span::styled(format!("{}: ", ["as published", "today"][i]), t.heading()),
            Span::styled(t.verdict_text(o.verdict), t.verdict(o.verdict)),
        ]));
        let text = if o.summary.is_empty() {
            format!("observed {}; gap {}", cells[0][i], cells[1][i])
        } else {
            o.summary.clone()
        };
        out.extend(wrap(&text, width, t.plain(), &[]).0);
        if !o.detail.is_empty() {
            out.extend(wrap(&format!("  ({})", o.detail), width, t.dim(), &[]).0);
        }
    }
}

fn evidence(out: &mut Vec<Line<'static>>, app: &App, e: &Evaluation, width: usize) {
    let t = &app.theme;
    let mut cells: Vec<(&str, &Cell)> = Vec::new();
    for (label, o) in [("published", &e.as_published), ("today", &e.today)] {
        for c in &o.evidence {
            if let Some(existing) = cells.iter_mut().find(|(_, x)| *x == c) {
                existing.0 = "both";
            } else {
                cells.push((label, c));
            }
        }
    }
    if cells.is_empty() {
        return;
    }
    out.push(Line::from(Span::styled(
        format!(
            "Evidence ({} cell{})",
            cells.len(),
            if cells.len() == 1 { "" } else { "s" }
        ),
        t.heading(),
    )));
    for (label, c) in cells {
        out.extend(
            wrap(
                &format!("{label:>9}: {}", cell_line(c)),
                width,
                t.dim(),
                &[],
            )
            .0,
        );
    }
}

pub fn max_scroll(app: &App, area: Rect) -> u16 {
    let inner = area.inner(Margin::new(1, 1));
    content(app, inner.width as usize)
        .len()
        .saturating_sub(inner.height as usize) as u16
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, focused: bool) {
    let t = &app.theme;
    let block = t.block(" Claim ".to_string(), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = content(app, inner.width as usize);
    let max = lines.len().saturating_sub(inner.height as usize) as u16;
    frame.render_widget(
        Paragraph::new(lines).scroll((app.card_scroll.min(max), 0)),
        inner,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(fmt_num(1234567.0), "1,234,567");
        assert_eq!(fmt_num(-1060.34), "-1,060.3");
        assert_eq!(fmt_num(0.25), "0.25");
        let g = Gap {
            absolute: -20.5,
            relative: Some(-0.0186),
            unit: "USD billions",
        };
        assert_eq!(fmt_gap(&g), "-20.50 USD billions (-1.9%)");
    }
}
