//! The claim card: the claim, what the data say as published and today, the
//! gap, the verdict, the evidence cells with their vintages, and context.

use super::action::{Action, Pane};
use super::component::{Component, Open, Outcome};
use super::context::Context;
use super::keymap::Scope;
use super::text::wrap;
use crate::claims::{Cell, Evaluation, Gap, Outcome as Reading};
use crate::format;
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// A gap in the claim's display unit with its share of the claimed number (`+8.6 USD bn (+1.9%)`).
pub use crate::report::check::observed_text as observed_value;

pub use crate::report::check::cell_line;

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

/// The claim card.
#[derive(Clone, Debug, Default)]
pub struct Card {
    scroll: u16,
    area: Rect,
}

impl Card {
    /// A new claim is selected: its card from the top.
    pub fn follow(&mut self) {
        self.scroll = 0;
    }

    pub fn scroll(&self) -> u16 {
        self.scroll
    }

    /// Keeps a scroll (a re-evaluated claim's card stays where it was read).
    pub fn set_scroll(&mut self, scroll: u16) {
        self.scroll = scroll;
    }
}

/// The card's lines at a width.
pub fn content(cx: &Context, width: usize) -> Vec<Line<'static>> {
    let t = cx.theme;
    let Some(e) = cx.evaluation() else {
        let msg = match cx.case.article.sections.get(cx.selection.section) {
            Some(s) => format!("No claims in “{}”. Press ] for the next claim.", s.title),
            None => "No claims.".into(),
        };
        return wrap(&msg, width, t.dim(), &[]).0;
    };
    let mut out: Vec<Line<'static>> = Vec::new();
    let para =
        |out: &mut Vec<Line<'static>>, s: &str, st: Style| out.extend(wrap(s, width, st, &[]).0);
    let pos = cx.claim_position();
    // The position goes first when the line is too narrow; a long id ends in `…`.
    out.push(Line::from(super::fit::fit_spans(
        vec![
            Span::styled(t.verdict_text(e.verdict), t.verdict(e.verdict)),
            Span::styled(" · ", t.dim()),
            Span::styled(e.id.clone(), t.heading()),
            Span::styled(format!(" ({pos}/{})", cx.claim_order.len()), t.dim()),
        ],
        width,
        3,
        t.ellipsis(),
    )));
    if let Some(change) = cx.changed.get(&e.id) {
        para(
            &mut out,
            &format!("Changed with the newest data: {change}"),
            t.heading(),
        );
    }
    out.extend(super::review::card_lines(cx, e, width));
    para(
        &mut out,
        &format!(
            "“{}”",
            e.quote.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
        t.quote(),
    );
    if !e.claimed.is_empty() {
        para(
            &mut out,
            &format!("Claimed: {}", crate::report::plain::claimed(e)),
            t.plain(),
        );
    } else if let Some(v) = e.claimed_value {
        para(
            &mut out,
            &format!("Claimed: {}", format::level(v, &e.unit)),
            t.plain(),
        );
    }
    if e.verdict.as_str() != "not a data claim" {
        table(&mut out, cx, e, width);
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
    evidence(&mut out, cx, e, width);
    if !e.context.is_empty() {
        out.push(Line::from(Span::styled("Context", t.heading())));
        for c in &e.context {
            para(&mut out, &format!("· {}: {}", c.label, c.text), t.plain());
        }
    }
    out
}

/// Claimed vs observed per viewpoint: side by side when the texts fit, else one after the other.
fn table(out: &mut Vec<Line<'static>>, cx: &Context, e: &Evaluation, width: usize) {
    let t = cx.theme;
    let label_w = 10usize;
    let col_w = width.saturating_sub(label_w) / 2;
    let (p, d) = (&e.as_published, &e.today);
    let gap = |o: &Reading| o.gap.as_ref().map_or("–".to_string(), Gap::words);
    let heads = [
        format!("as published ({})", cx.case.date),
        "today".to_string(),
    ];
    let cells = [
        [observed_value(e, p), observed_value(e, d)],
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

fn evidence(out: &mut Vec<Line<'static>>, cx: &Context, e: &Evaluation, width: usize) {
    let t = cx.theme;
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

fn max_scroll(cx: &Context, area: Rect) -> u16 {
    let inner = area.inner(Margin::new(1, 1));
    content(cx, inner.width as usize)
        .len()
        .saturating_sub(inner.height as usize) as u16
}

/// Where each evidence value of the selected claim comes from: every cell once.
fn evidence_sources(cx: &Context) -> Outcome {
    let Some(e) = cx.evaluation() else {
        return Outcome::Done;
    };
    let mut keys: Vec<(crate::provenance::CellKey, String)> = Vec::new();
    for c in e.as_published.evidence.iter().chain(&e.today.evidence) {
        let key = crate::provenance::CellKey {
            source: c.source.clone(),
            measure: c.measure.clone(),
            entity: c.entity.clone(),
            period: c.period,
        };
        if !keys.iter().any(|(k, v)| *k == key && *v == c.vintage) {
            keys.push((key, c.vintage.clone()));
        }
    }
    if keys.is_empty() {
        return Outcome::Status("This claim has no evidence cells.".into());
    }
    let list = keys
        .iter()
        .map(|(k, v)| crate::provenance::of_cell(cx.ds, cx.case, k, Some(v)))
        .collect();
    Outcome::Open(Open::Sources(list))
}

impl Component for Card {
    /// Scrolls, and Enter for where each evidence value comes from.
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        if matches!(action, Action::Enter | Action::Provenance) {
            return evidence_sources(cx);
        }
        let max = max_scroll(cx, self.area);
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1).min(max),
            _ => self.scroll,
        };
        Outcome::Done
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let t = cx.theme;
        let mut block = t.block(
            " Claim ".to_string(),
            cx.focus == Some(Pane::Card),
            area.width,
        );
        let inner = block.inner(area);
        let lines = content(cx, inner.width as usize);
        let max = lines.len().saturating_sub(inner.height as usize) as u16;
        let first = self.scroll.min(max) as usize;
        // A card longer than its pane says which lines are on screen.
        if max > 0 {
            let mark = format!(
                " lines {}–{} of {} ",
                first + 1,
                (first + inner.height as usize).min(lines.len()),
                lines.len()
            );
            if mark.width() + 2 <= area.width as usize {
                block = block.title_bottom(Line::from(Span::styled(mark, t.dim())).right_aligned());
            }
        }
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new(lines).scroll((first as u16, 0)), inner);
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Pane(Pane::Card), Scope::Global]
    }

    fn place(&mut self, area: Rect) {
        self.area = area;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_use_the_display_unit() {
        assert_eq!(
            format::gap(-20.5, Some(-0.0186), "USD billions"),
            "-20.5 USD bn (-1.9%)"
        );
        assert_eq!(format::gap(0.25, None, "percent"), "+0.25 pp");
        assert_eq!(format::gap(2.0, None, ""), "+2");
    }
}
