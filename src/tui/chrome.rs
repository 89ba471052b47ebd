//! The explorer's chrome around the panes: the header (the verdict, the
//! claim's position, the article), the bottom bar (the keys in force, from the
//! keymap table, or a status message), and the note on a screen too small.

use super::action::Action;
use super::context::Context;
use super::keymap::Scope;
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn too_small(frame: &mut Frame, area: Rect) {
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
pub fn header(frame: &mut Frame, cx: &Context, area: Rect) {
    let t = cx.theme;
    let w = area.width as usize;
    let lead = " claimlens ";
    let mut room = w.saturating_sub(lead.width());
    let verdict = cx
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
    if let Some(e) = cx.evaluation() {
        let p = cx.claim_position();
        pos = take(format!("│ claim {p}/{} ", cx.claim_order.len()));
        id = take(format!("{} ", e.id));
    }
    let date = take(format!("│ dated {} ", cx.case.date));
    let title_room = room.saturating_sub(3);
    let mut title = cx.case.article.title.clone();
    if title.width() > title_room {
        title = title
            .chars()
            .take(title_room.saturating_sub(1))
            .collect::<String>();
        // A stub of a title says nothing: below a dozen columns it is left out.
        if title.chars().count() >= 12 {
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

/// What the bottom bar says.
pub struct Bar<'a> {
    /// Where the keys go: the focused pane's name, or the overlay's.
    pub place: String,
    /// A message instead of the keys.
    pub status: Option<&'a str>,
    /// The scopes in force, most specific first.
    pub scopes: Vec<Scope>,
    /// The word for a binding on this screen (`None`: not offered).
    pub word: &'a dyn Fn(Action, &'static str) -> Option<&'static str>,
}

/// The keys that apply now, from the keymap table.
pub fn bar(frame: &mut Frame, cx: &Context, area: Rect, bar: Bar) {
    let t = cx.theme;
    if let Some(msg) = bar.status {
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
    let mut spans: Vec<Span> = Vec::new();
    let lead = format!(" {} ", bar.place);
    let mut used = lead.width();
    spans.push(Span::styled(lead, t.selected(true)));
    // Reviewing drafts: the review's keys come first (the help lists the rest).
    let mut scopes = bar.scopes;
    scopes.sort_by_key(|s| *s != Scope::Review);
    let entries: Vec<(String, &str, Action)> = cx
        .keymap
        .bar_entries(&scopes, t.opts.ascii)
        .into_iter()
        .filter_map(|(k, w, a)| (bar.word)(a, w).map(|w| (k, w, a)))
        .collect();
    // When the line cannot hold every entry, the last place says where the rest are.
    let help = entries
        .iter()
        .find(|(_, _, a)| *a == Action::ToggleHelp)
        .map(|(k, _, _)| format!(" {k} all keys "));
    let width = area.width as usize;
    let all: usize = entries
        .iter()
        .map(|(k, w, _)| format!(" {k} {w} ").width())
        .sum();
    // The hint only when the help's own entry would not be on the line.
    let fits_alone = |room: usize| {
        let mut u = used;
        for (k, w, a) in &entries {
            u += format!(" {k} {w} ").width();
            if u > room {
                return false;
            }
            if *a == Action::ToggleHelp {
                return true;
            }
        }
        true
    };
    let room = match &help {
        Some(h) if used + all > width && !fits_alone(width) => width.saturating_sub(h.width()),
        _ => width,
    };
    let mut cut = false;
    for (keys, word, _) in &entries {
        let item = format!(" {keys} {word} ");
        if used + item.width() > room {
            cut = true;
            break;
        }
        used += item.width();
        spans.push(Span::styled(format!(" {keys}"), t.claim_mark()));
        spans.push(Span::raw(format!(" {word} ")));
    }
    if cut
        && room < width
        && let Some(h) = help
    {
        let (k, w) = h.trim().split_once(' ').unwrap_or(("?", "all keys"));
        spans.push(Span::styled(format!(" {k}"), t.claim_mark()));
        spans.push(Span::raw(format!(" {w} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
