//! The sections pane: every section with the mark of how its claims fared,
//! and the claims of the selected section below it.

use super::action::{Action, Pane};
use super::app::App;
use super::layout;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Section(usize),
    /// Index into `case.evaluations`.
    Claim(usize),
}

/// The rows of the pane, top to bottom.
pub fn items(app: &App) -> Vec<Item> {
    let mut out = Vec::new();
    for (i, s) in app.case.article.sections.iter().enumerate() {
        out.push(Item::Section(i));
        if i == app.section {
            out.extend(
                app.claim_order
                    .iter()
                    .filter(|&&c| app.case.evaluations[c].section == s.id)
                    .map(|&c| Item::Claim(c)),
            );
        }
    }
    out
}

/// Where j/k stop: every claim in reading order, and each section that has none.
pub fn stops(app: &App) -> Vec<Item> {
    let mut out = Vec::new();
    for (i, s) in app.case.article.sections.iter().enumerate() {
        let before = out.len();
        out.extend(
            app.claim_order
                .iter()
                .filter(|&&c| app.case.evaluations[c].section == s.id)
                .map(|&c| Item::Claim(c)),
        );
        if out.len() == before {
            out.push(Item::Section(i));
        }
    }
    out
}

/// The stop the selection is on.
pub fn current_stop(app: &App, stops: &[Item]) -> usize {
    app.claim
        .and_then(|c| stops.iter().position(|i| *i == Item::Claim(c)))
        .or_else(|| stops.iter().position(|i| *i == Item::Section(app.section)))
        .unwrap_or(0)
}

fn first_shown(app: &App, items: &[Item], height: usize) -> usize {
    let sel = app
        .claim
        .and_then(|c| items.iter().position(|i| *i == Item::Claim(c)))
        .or_else(|| items.iter().position(|i| *i == Item::Section(app.section)))
        .unwrap_or(0);
    layout::fit(0, sel, height, items.len())
}

/// The item drawn at screen row `y`.
pub fn item_at(app: &App, area: Rect, y: u16) -> Option<Item> {
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    if y < inner.y || y >= inner.bottom() {
        return None;
    }
    let items = items(app);
    let first = first_shown(app, &items, inner.height as usize);
    items.get(first + (y - inner.y) as usize).copied()
}

fn truncate(s: &str, width: usize, ellipsis: &str) -> String {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 1 + ellipsis.width() > width {
            break;
        }
        out.push(c);
    }
    out.push_str(ellipsis);
    out
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, focused: bool) {
    let t = &app.theme;
    let block = t.block(" Sections ".to_string(), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let items = items(app);
    let legend = legend(app, inner.width as usize);
    let legend_rows = if inner.height as usize > items.len() + legend.len() {
        legend.len() + 1
    } else {
        0
    };
    let height = (inner.height as usize).saturating_sub(legend_rows);
    let first = first_shown(app, &items, height);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for item in items.iter().skip(first).take(height) {
        match *item {
            Item::Section(i) => {
                let s = &app.case.article.sections[i];
                let mark = app.case.section_verdict(&s.id);
                let sym = mark.map_or(" ", |v| t.verdict_symbol(v));
                let label = match s.number {
                    Some(n) => format!("{n:>2}. {}", s.title),
                    None => format!("    {}", s.title),
                };
                let style = if i == app.section {
                    t.selected(focused)
                } else {
                    t.plain()
                };
                lines.push(Line::from(vec![
                    Span::styled(sym.to_string(), mark.map_or(t.plain(), |v| t.verdict(v))),
                    Span::raw(" "),
                    Span::styled(
                        truncate(&label, width.saturating_sub(2), t.ellipsis()),
                        style,
                    ),
                ]));
            }
            Item::Claim(c) => {
                let e = &app.case.evaluations[c];
                let selected = app.claim == Some(c);
                let lead = if selected { t.row_mark() } else { " " };
                let style = if selected { t.claim_mark() } else { t.dim() };
                // A verdict changed by the newest archived vintage.
                let changed = match app.changed.contains_key(&e.id) {
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
                if let Some(d) = super::review::decision(app, e) {
                    spans.push(Span::styled(t.review_symbol(d).to_string(), t.claim_mark()));
                    id_w = id_w.saturating_sub(1);
                }
                spans.push(Span::styled(truncate(&e.id, id_w, t.ellipsis()), style));
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
fn legend(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    // Each entry: its symbol, styled, and its word; the review's marks after the verdicts.
    let mut entries: Vec<(Span<'static>, &str)> = crate::claims::Verdict::ALL
        .into_iter()
        .map(|v| {
            let sym = Span::styled(t.verdict_symbol(v).to_string(), t.verdict(v));
            (sym, v.as_str())
        })
        .collect();
    for (sym, word) in super::review::legend(app) {
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

/// The Sections pane's keys: j/k visit the rows shown (each claim, and the sections
/// without claims), PgUp/PgDn move by section, Enter reads the section.
pub fn handle(app: &mut App, action: Action) {
    let n = app.case.article.sections.len();
    // j/k visit the rows shown: each claim, and the sections without claims.
    let stops = stops(app);
    let here = current_stop(app, &stops);
    let target = match action {
        Action::Up | Action::Down => {
            let i = if action == Action::Up {
                here.saturating_sub(1)
            } else {
                (here + 1).min(stops.len().saturating_sub(1))
            };
            match stops.get(i) {
                Some(Item::Claim(c)) => {
                    if app.claim != Some(*c) {
                        app.select_claim(Some(*c));
                    }
                    return;
                }
                Some(Item::Section(s)) => *s,
                None => return,
            }
        }
        Action::PageUp => app.section.saturating_sub(1),
        Action::PageDown => (app.section + 1).min(n.saturating_sub(1)),
        Action::First => 0,
        Action::Last => n.saturating_sub(1),
        Action::Enter => {
            app.focus = Pane::Text;
            return;
        }
        _ => return,
    };
    if target != app.section {
        app.select_section(target);
    }
}
