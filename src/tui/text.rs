//! The article pane: the selected section's text with each claim's quoted
//! words highlighted, scrolled to the selected claim.

use super::app::App;
use crate::claims::article::find_quote;
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Word-wraps `text` to `width` columns; each line of `text` starts a new
/// line. Byte ranges in `marks` get their style (later marks win). Returns the
/// lines and, for each mark, the line where it starts.
pub fn wrap(
    text: &str,
    width: usize,
    base: Style,
    marks: &[(Range<usize>, Style)],
) -> (Vec<Line<'static>>, Vec<usize>) {
    let width = width.max(1);
    let style_at = |i: usize| {
        marks
            .iter()
            .rev()
            .find(|(r, _)| r.contains(&i))
            .map_or(base, |(_, s)| *s)
    };
    let mut mark_lines = vec![usize::MAX; marks.len()];
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut offset = 0;
    for raw in text.split('\n') {
        let mut spans: Vec<(String, Style)> = Vec::new();
        let mut used = 0usize;
        let push = |spans: &mut Vec<(String, Style)>, c: char, st: Style| match spans.last_mut() {
            Some((s, last)) if *last == st => s.push(c),
            _ => spans.push((c.to_string(), st)),
        };
        let flush = |spans: &mut Vec<(String, Style)>, lines: &mut Vec<Line<'static>>| {
            let taken = std::mem::take(spans);
            lines.push(Line::from(
                taken
                    .into_iter()
                    .map(|(s, st)| Span::styled(s, st))
                    .collect::<Vec<_>>(),
            ));
        };
        // Words with their byte offsets.
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut start = None;
        for (i, c) in raw.char_indices() {
            if c.is_whitespace() {
                if let Some(s) = start.take() {
                    words.push((s, &raw[s..i]));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            words.push((s, &raw[s..]));
        }
        let mut prev_end: Option<usize> = None;
        for (ws, w) in words {
            let ww: usize = w.chars().map(|c| c.width().unwrap_or(0)).sum();
            if used > 0 && used + 1 + ww > width {
                flush(&mut spans, &mut lines);
                used = 0;
            }
            if used > 0 {
                // The space takes the style of the text around it when both sides share it.
                let st = match prev_end {
                    Some(pe) if style_at(offset + pe - 1) == style_at(offset + ws) => {
                        style_at(offset + ws)
                    }
                    _ => base,
                };
                push(&mut spans, ' ', st);
                used += 1;
            }
            for (ci, c) in w.char_indices() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    flush(&mut spans, &mut lines);
                    used = 0;
                }
                let at = offset + ws + ci;
                for (k, (r, _)) in marks.iter().enumerate() {
                    if r.start == at && mark_lines[k] == usize::MAX {
                        mark_lines[k] = lines.len();
                    }
                }
                push(&mut spans, c, style_at(at));
                used += cw;
            }
            prev_end = Some(ws + w.len());
        }
        flush(&mut spans, &mut lines);
        offset += raw.len() + 1;
    }
    for l in &mut mark_lines {
        if *l == usize::MAX {
            *l = 0;
        }
    }
    (lines, mark_lines)
}

/// The pane's lines and the line of the selected claim's quote.
pub fn content(app: &App, width: usize) -> (Vec<Line<'static>>, usize) {
    let t = &app.theme;
    let Some(section) = app.case.article.sections.get(app.section) else {
        return (Vec::new(), 0);
    };
    let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
    let mut selected = None;
    for e in app.case.claims_of(&section.id) {
        if let Some(r) = find_quote(&section.text, &e.quote) {
            let is_sel = app.evaluation().is_some_and(|s| s.id == e.id);
            if is_sel {
                selected = Some(marks.len());
            }
            marks.push((
                r,
                if is_sel {
                    t.quote_selected()
                } else {
                    t.quote()
                },
            ));
        }
    }
    // The selected quote last, so it wins where quotes overlap.
    if let Some(s) = selected {
        let m = marks.remove(s);
        marks.push(m);
        selected = Some(marks.len() - 1);
    }
    let heading = match section.number {
        Some(n) => format!("{n}. {}", section.title),
        None => section.title.clone(),
    };
    let (mut lines, _) = wrap(&heading, width, t.heading(), &[]);
    lines.push(Line::default());
    let head = lines.len();
    let (body, at) = wrap(&section.text, width, t.plain(), &marks);
    lines.extend(body);
    let sel_line = selected.map_or(0, |s| head + at[s]);
    (lines, sel_line)
}

fn inner(area: Rect) -> Rect {
    area.inner(Margin::new(1, 1))
}

pub fn max_scroll(app: &App, area: Rect) -> u16 {
    let inner = inner(area);
    let (lines, _) = content(app, inner.width as usize);
    lines.len().saturating_sub(inner.height as usize) as u16
}

/// The scroll offset in use: the user's, or one that shows the selected quote.
pub fn scroll(app: &App, area: Rect) -> u16 {
    let inner = inner(area);
    let (lines, sel) = content(app, inner.width as usize);
    let max = lines.len().saturating_sub(inner.height as usize) as u16;
    match app.text_scroll {
        Some(s) => s.min(max),
        None => (sel.saturating_sub(2) as u16).min(max),
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, focused: bool) {
    let t = &app.theme;
    let title = match app.case.article.sections.get(app.section) {
        Some(s) => format!(
            " Article · {} ",
            s.number
                .map_or_else(|| s.title.clone(), |n| format!("section {n}"))
        ),
        None => " Article ".to_string(),
    };
    let block = t.block(title.to_string(), focused);
    let in_area = block.inner(area);
    frame.render_widget(block, area);
    let (lines, _) = content(app, in_area.width as usize);
    let scroll = scroll(app, area);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), in_area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_words_and_finds_marks() {
        let text = "one two three four\nfive";
        let st = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let (lines, at) = wrap(text, 9, Style::new(), &[(8..18, st), (19..23, st)]);
        assert_eq!(plain(&lines), ["one two", "three", "four", "five"]);
        assert_eq!(at, vec![1, 3]);
        assert_eq!(lines[1].spans[0].style, st);
        let (lines, _) = wrap("abcdefghij", 4, Style::new(), &[]);
        assert_eq!(plain(&lines), ["abcd", "efgh", "ij"]);
    }
}
