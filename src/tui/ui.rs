//! Drawing: a pure function of the state.

use super::action::Pane;
use super::app::App;
use super::keymap::Scope;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::{browser, card, drill, help, present, sections, sparks, text};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, app: &App) {
    if app.present.is_some() {
        let area = frame.area();
        present::draw(frame, app, area);
        present::draw_index(frame, app, area);
        if app.help {
            help::draw(frame, app, area);
        }
    } else {
        draw_screen(frame, app);
    }
    app.theme.paint_base(frame.buffer_mut());
    if app.theme.opts.ascii {
        for cell in frame.buffer_mut().content.iter_mut() {
            if let Some(a) = super::theme::ascii_of(cell.symbol()) {
                cell.set_symbol(a);
            }
        }
    }
}

fn draw_screen(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if layout::too_small(area) {
        too_small(frame, area);
        return;
    }
    let a = layout::areas(area);
    header(frame, app, a.header);
    let focus = |p: Pane| app.focus == p && app.drill.is_none() && !app.help;
    sections::draw(frame, app, a.sections, focus(Pane::Sections));
    text::draw(frame, app, a.text, focus(Pane::Text));
    card::draw(frame, app, a.card, focus(Pane::Card));
    browser::draw(frame, app, a.browser, focus(Pane::Browser));
    if a.sparks.height > 0 {
        sparks::draw(frame, app, a.sparks, focus(Pane::Sparks));
    }
    if app.drill.is_some() {
        drill::draw(frame, app, a.drill);
    }
    if let Some(list) = &app.provenance {
        provenance(frame, app, area, list);
    }
    if app.help {
        help::draw(frame, app, area);
    }
    bar(frame, app, a.bar);
}

/// The provenance view's frame on a screen of `area`.
fn provenance_frame(area: Rect) -> Rect {
    Rect {
        x: area.x + 2,
        y: area.y + 1,
        width: area.width.saturating_sub(4),
        height: area.height.saturating_sub(2),
    }
}

/// How far the provenance view scrolls: its last line at the bottom.
pub fn provenance_max_scroll(app: &App) -> u16 {
    let Some(list) = &app.provenance else {
        return 0;
    };
    let r = provenance_frame(Rect::new(0, 0, app.size.0, app.size.1));
    let (w, h) = (r.width.saturating_sub(2), r.height.saturating_sub(2));
    let n = provenance_lines(app, list, w as usize).len();
    n.saturating_sub(h as usize).min(u16::MAX as usize) as u16
}

/// The provenance view: each value's record as labelled rows, over the panes.
fn provenance(frame: &mut Frame, app: &App, area: Rect, list: &[crate::provenance::Provenance]) {
    let t = &app.theme;
    let r = provenance_frame(area);
    frame.render_widget(ratatui::widgets::Clear, r);
    let block = t.block(
        " Where the numbers come from · Esc closes ".to_string(),
        true,
    );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines = provenance_lines(app, list, inner.width as usize);
    frame.render_widget(
        Paragraph::new(lines).scroll((app.provenance_scroll, 0)),
        inner,
    );
}

fn provenance_lines(
    app: &App,
    list: &[crate::provenance::Provenance],
    width: usize,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let label_w = 16usize;
    let w = width.saturating_sub(label_w).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for (i, p) in list.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(p.title.clone(), t.heading())));
        for (label, value) in &p.rows {
            let (wrapped, _) = super::text::wrap(value, w, t.plain(), &[]);
            for (j, l) in wrapped.into_iter().enumerate() {
                let head = if j == 0 {
                    format!("{label:>width$}  ", width = label_w - 2)
                } else {
                    " ".repeat(label_w)
                };
                let mut spans = vec![Span::styled(head, t.dim())];
                spans.extend(l.spans);
                lines.push(Line::from(spans));
            }
        }
    }
    lines
}

fn too_small(frame: &mut Frame, area: Rect) {
    let msg = format!(
        "Terminal too small: enlarge the terminal (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}). Press q to quit.",
        area.width, area.height
    );
    let lines = (area.height / 2).min(area.height.saturating_sub(1));
    let mut text: Vec<Line> = vec![Line::default(); lines as usize];
    text.push(Line::from(msg).centered());
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// The header: the verdict always; then, as room allows, the claim's position, its id,
/// the article's date and its title.
fn header(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let w = area.width as usize;
    let lead = " claimlens ";
    let mut room = w.saturating_sub(lead.width());
    let verdict = app
        .evaluation()
        .map(|e| (t.verdict_text(e.verdict), t.verdict(e.verdict)));
    if let Some((v, _)) = &verdict {
        room = room.saturating_sub(v.width() + 1);
    }
    let mut take = |s: String| -> Option<String> {
        (s.width() <= room).then(|| {
            room -= s.width();
            s
        })
    };
    let (mut pos, mut id) = (None, None);
    if let Some(e) = app.evaluation() {
        let p = app
            .claim_order
            .iter()
            .position(|&i| Some(i) == app.claim)
            .map_or(0, |p| p + 1);
        pos = take(format!("│ claim {p}/{} ", app.claim_order.len()));
        id = take(format!("{} ", e.id));
    }
    let date = take(format!("│ dated {} ", app.case.date));
    let title_room = room.saturating_sub(3);
    let mut title = app.case.article.title.clone();
    if title.width() > title_room {
        title = title
            .chars()
            .take(title_room.saturating_sub(1))
            .collect::<String>();
        if title.chars().count() >= 3 {
            title.push_str(t.ellipsis());
        } else {
            title.clear();
        }
    }
    let mut spans = vec![Span::styled(lead, t.heading())];
    if !title.is_empty() {
        spans.push(Span::styled(format!("│ {title} "), t.plain()));
    }
    if let Some(d) = date {
        spans.push(Span::styled(d, t.dim()));
    }
    if let Some(p) = pos {
        spans.push(Span::styled(p, t.plain()));
    }
    if let Some(i) = id {
        spans.push(Span::styled(i, t.plain()));
    }
    if let Some((v, st)) = verdict {
        spans.push(Span::styled(v, st));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys that apply now, from the keymap table.
fn bar(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0usize;
    let where_ = if app.help {
        "Help".to_string()
    } else if app.provenance.is_some() {
        "Sources".to_string()
    } else if app.filter_before.is_some() {
        "Filter".to_string()
    } else if app.share_chart_open() {
        "Share chart".to_string()
    } else if let Some(e) = &app.drill {
        // A bloc row's chart is `bloc:G7` inside; people read "G7 (bloc)".
        match e.strip_prefix(crate::claims::scope::BLOC_PREFIX) {
            Some(id) => format!("Chart: {id} (bloc)"),
            None => format!("Chart: {e}"),
        }
    } else {
        app.focus.title().to_string()
    };
    if let Some(msg) = &app.status {
        // A message longer than the line ends in `…` rather than stopping mid-word.
        let spans = super::fit::fit_spans(
            vec![
                Span::styled(" Status ", t.selected(true)),
                Span::raw(format!(" {msg}")),
            ],
            area.width as usize,
            usize::MAX,
            t.ellipsis(),
        );
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    let lead = format!(" {where_} ");
    used += lead.width();
    spans.push(Span::styled(lead, t.selected(true)));
    // Reviewing drafts: the review's keys come first (the help lists the rest).
    let mut scopes = app.scopes();
    scopes.sort_by_key(|s| *s != Scope::Review);
    for (keys, word, action) in app.keymap.bar_entries(&scopes, t.opts.ascii) {
        // The bloc view has no aggregate rows to show or hide.
        if action == super::action::Action::ToggleAggregates && app.bloc_view.is_some() {
            continue;
        }
        // The share chart covers the panes: there is none to move to.
        if matches!(
            action,
            super::action::Action::NextPane | super::action::Action::PrevPane
        ) && app.share_chart_open()
        {
            continue;
        }
        // Enter on a bloc row shows or hides its members rather than a source.
        // A bloc's chart steps through the bloc rows.
        let bloc_chart = app
            .drill
            .as_deref()
            .is_some_and(|e| e.starts_with(crate::claims::scope::BLOC_PREFIX));
        let word = match action {
            super::action::Action::Provenance if app.on_bloc_row() => "members",
            super::action::Action::Up if bloc_chart && word == "country" => "bloc",
            _ => word,
        };
        let item = format!(" {keys} {word} ");
        if used + item.width() > area.width as usize {
            break;
        }
        used += item.width();
        spans.push(Span::styled(format!(" {keys}"), t.claim_mark()));
        spans.push(Span::raw(format!(" {word} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
