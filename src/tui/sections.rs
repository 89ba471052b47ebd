//! The sections pane: every section with the mark of how its claims fared,
//! and the claims of the selected section below it.

use super::action::{Action, Pane};
use super::component::{Component, Outcome};
use super::context::Context;
use super::fit::cut;
use super::keymap::Scope;
use super::layout;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The sections pane: it has no state of its own but the area it is given.
#[derive(Clone, Debug, Default)]
pub struct Sections {
    area: Rect,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Section(usize),
    /// Index into `case.evaluations`.
    Claim(usize),
}

/// The rows of the pane, top to bottom.
pub fn items(cx: &Context) -> Vec<Item> {
    let mut out = Vec::new();
    for (i, s) in cx.case.article.sections.iter().enumerate() {
        out.push(Item::Section(i));
        if i == cx.selection.section {
            out.extend(
                cx.claim_order
                    .iter()
                    .filter(|&&c| cx.case.evaluations[c].section == s.id)
                    .map(|&c| Item::Claim(c)),
            );
        }
    }
    out
}

/// Where j/k stop: every claim in reading order, and each section that has none.
pub fn stops(cx: &Context) -> Vec<Item> {
    let mut out = Vec::new();
    for (i, s) in cx.case.article.sections.iter().enumerate() {
        let before = out.len();
        out.extend(
            cx.claim_order
                .iter()
                .filter(|&&c| cx.case.evaluations[c].section == s.id)
                .map(|&c| Item::Claim(c)),
        );
        if out.len() == before {
            out.push(Item::Section(i));
        }
    }
    out
}

/// The stop the selection is on.
pub fn current_stop(cx: &Context, stops: &[Item]) -> usize {
    let sel = cx.selection;
    sel.claim
        .and_then(|c| stops.iter().position(|i| *i == Item::Claim(c)))
        .or_else(|| stops.iter().position(|i| *i == Item::Section(sel.section)))
        .unwrap_or(0)
}

fn first_shown(cx: &Context, items: &[Item], height: usize) -> usize {
    let sel = current_stop(cx, items);
    layout::fit(0, sel, height, items.len())
}

/// The item drawn at screen row `y`.
pub fn item_at(cx: &Context, area: Rect, y: u16) -> Option<Item> {
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    if y < inner.y || y >= inner.bottom() {
        return None;
    }
    let items = items(cx);
    let first = first_shown(cx, &items, inner.height as usize);
    items.get(first + (y - inner.y) as usize).copied()
}

fn draw(cx: &Context, frame: &mut Frame, area: Rect) {
    let t = cx.theme;
    let focused = cx.focus == Some(Pane::Sections);
    let block = t.block(" Sections ".to_string(), focused, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let items = items(cx);
    let legend = legend(cx, inner.width as usize);
    let legend_rows = if inner.height as usize > items.len() + legend.len() {
        legend.len() + 1
    } else {
        0
    };
    let height = (inner.height as usize).saturating_sub(legend_rows);
    let first = first_shown(cx, &items, height);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for item in items.iter().skip(first).take(height) {
        match *item {
            Item::Section(i) => {
                let s = &cx.case.article.sections[i];
                let mark = cx.case.section_verdict(&s.id);
                let sym = mark.map_or(" ", |v| t.verdict_symbol(v));
                let label = match s.number {
                    Some(n) => format!("{n:>2}. {}", s.title),
                    None => format!("    {}", s.title),
                };
                let style = if i == cx.selection.section {
                    t.selected(focused)
                } else {
                    t.plain()
                };
                lines.push(Line::from(vec![
                    Span::styled(sym.to_string(), mark.map_or(t.plain(), |v| t.verdict(v))),
                    Span::raw(" "),
                    Span::styled(cut(&label, width.saturating_sub(2), t.ellipsis()), style),
                ]));
            }
            Item::Claim(c) => {
                let e = &cx.case.evaluations[c];
                let selected = cx.selection.claim == Some(c);
                let lead = if selected { t.row_mark() } else { " " };
                let style = if selected { t.claim_mark() } else { t.dim() };
                // A verdict changed by the newest archived vintage.
                let changed = match cx.changed.contains_key(&e.id) {
                    false => " ",
                    true if t.opts.ascii => "!",
                    true => "Δ",
                };
                let mut spans = vec![
                    Span::raw(format!("  {changed}{lead}")),
                    Span::styled(
                        t.verdict_symbol(e.verdict).to_string(),
                        t.verdict(e.verdict),
                    ),
                    Span::raw(" "),
                ];
                // A claim under review carries its mark before its id.
                let mut id_w = width.saturating_sub(6);
                if let Some(d) = super::review::decision(cx, e) {
                    spans.push(Span::styled(t.review_symbol(d).to_string(), t.claim_mark()));
                    id_w = id_w.saturating_sub(1);
                }
                spans.push(Span::styled(cut(&e.id, id_w, t.ellipsis()), style));
                lines.push(Line::from(spans));
            }
        }
    }
    if legend_rows > 0 {
        while lines.len() < height + 1 {
            lines.push(Line::default());
        }
        lines.extend(legend);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The verdict symbols in words, packed into lines of `width`.
fn legend(cx: &Context, width: usize) -> Vec<Line<'static>> {
    let t = cx.theme;
    // Each entry: its symbol, styled, and its word; the review's marks after the verdicts.
    let mut entries: Vec<(Span<'static>, &str)> = crate::claims::Verdict::ALL
        .into_iter()
        .map(|v| {
            let sym = Span::styled(t.verdict_symbol(v).to_string(), t.verdict(v));
            (sym, v.as_str())
        })
        .collect();
    for (sym, word) in super::review::legend(cx) {
        entries.push((Span::styled(sym, t.claim_mark()), word));
    }
    let mut out: Vec<Line> = Vec::new();
    let mut cur: Vec<Span> = Vec::new();
    let mut used = 0;
    for (sym, word) in entries {
        let w = 2 + word.len();
        if used > 0 && used + 2 + w > width {
            out.push(Line::from(std::mem::take(&mut cur)));
            used = 0;
        }
        if used > 0 {
            cur.push(Span::raw("  "));
            used += 2;
        }
        cur.push(sym);
        cur.push(Span::styled(format!(" {word}"), t.dim()));
        used += w;
    }
    if !cur.is_empty() {
        out.push(Line::from(cur));
    }
    out
}

impl Component for Sections {
    /// j/k visit the rows shown (each claim, and the sections without claims),
    /// PgUp/PgDn move by section, Enter reads the section.
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        let n = cx.case.article.sections.len();
        let section = cx.selection.section;
        let target = match action {
            Action::Up | Action::Down => {
                let stops = stops(cx);
                let here = current_stop(cx, &stops);
                let i = if action == Action::Up {
                    here.saturating_sub(1)
                } else {
                    (here + 1).min(stops.len().saturating_sub(1))
                };
                match stops.get(i) {
                    Some(Item::Claim(c)) if cx.selection.claim == Some(*c) => return Outcome::Done,
                    Some(Item::Claim(c)) => return Outcome::SelectClaim(Some(*c)),
                    Some(Item::Section(s)) => *s,
                    None => return Outcome::Done,
                }
            }
            Action::PageUp => section.saturating_sub(1),
            Action::PageDown => (section + 1).min(n.saturating_sub(1)),
            Action::First => 0,
            Action::Last => n.saturating_sub(1),
            Action::Enter => return Outcome::Focus(Pane::Text),
            _ => return Outcome::Done,
        };
        if target != section {
            Outcome::SelectSection(target)
        } else {
            Outcome::Done
        }
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        draw(cx, frame, area);
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Pane(Pane::Sections), Scope::Global]
    }

    fn place(&mut self, area: Rect) {
        self.area = area;
    }

    /// A section's row selects it (and its first claim); a claim's row, the claim.
    fn click(&mut self, _x: u16, y: u16, _again: bool, cx: &Context) -> Outcome {
        match item_at(cx, self.area, y) {
            Some(Item::Section(i)) if i != cx.selection.section => Outcome::SelectSection(i),
            Some(Item::Claim(c)) => Outcome::SelectClaim(Some(c)),
            _ => Outcome::Done,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::context::{Selection, View};
    use crate::tui::testkit;

    #[test]
    fn moves_ask_for_a_selection_and_enter_for_the_article() {
        let shared = testkit::bundled();
        // The first section and its first claim, as the explorer opens.
        let section = &shared.case.article.sections[0].id;
        let claims: Vec<usize> = (shared.claim_order.iter().copied())
            .filter(|&c| shared.case.evaluations[c].section == *section)
            .collect();
        let view = View {
            selection: Selection {
                section: 0,
                claim: Some(claims[0]),
            },
            ..View::default()
        };
        let cx = Context::new(&shared, view, None, None);
        let mut s = Sections::default();
        assert_eq!(s.handle(Action::Enter, &cx), Outcome::Focus(Pane::Text));
        assert_eq!(s.handle(Action::PageDown, &cx), Outcome::SelectSection(1));
        // On the first section already: nothing to select.
        assert_eq!(s.handle(Action::First, &cx), Outcome::Done);
        assert_eq!(s.handle(Action::Up, &cx), Outcome::Done);
        // j: the section's second claim.
        assert_eq!(
            s.handle(Action::Down, &cx),
            Outcome::SelectClaim(Some(claims[1]))
        );
    }
}
