//! The index of slides: a list to pick one from.

use super::super::context::Context;
use super::super::deck::Slide;
use super::super::keymap::Scope;
use super::{MAX_WIDTH, cut, keys_line};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The index of slides: every slide with its mark, the cursor on slide `cur`.
pub fn draw_index(cx: &Context, frame: &mut Frame, area: Rect, cur: usize) {
    let t = cx.theme;
    let w = area.width.saturating_sub(4).min(MAX_WIDTH);
    let h = area.height.saturating_sub(2).max(1);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + 1.min(area.height),
        w,
        h,
    );
    frame.render_widget(Clear, r);
    let block = t.block(
        format!(" Slides · {} / {} ", cur + 1, cx.deck.len()),
        true,
        r.width,
    );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let list_h = inner.height.saturating_sub(1).max(1) as usize;
    let first = crate::tui::layout::fit(cur.saturating_sub(list_h / 2), cur, list_h, cx.deck.len());
    let iw = inner.width as usize;
    let (ql, qr) = t.quotes();
    let mut lines: Vec<Line> = Vec::new();
    for (i, s) in cx.deck.slides.iter().enumerate().skip(first).take(list_h) {
        let (text, style) = match *s {
            Slide::Section(k) => {
                let sec = &cx.case.article.sections[k];
                let mark = cx
                    .case
                    .section_verdict(&sec.id)
                    .map_or(" ", |v| t.verdict_symbol(v));
                let name = match sec.number {
                    Some(n) => format!("{n}. {}", sec.title),
                    None => sec.title.clone(),
                };
                (format!("{:>3}  {mark} {name}", i + 1), t.heading())
            }
            Slide::Claim(c) => {
                let e = &cx.case.evaluations[c];
                let q = e.quote.split_whitespace().collect::<Vec<_>>().join(" ");
                (
                    format!(
                        "{:>3}      {} {}  {ql}{q}{qr}",
                        i + 1,
                        t.verdict_symbol(e.verdict),
                        e.id
                    ),
                    t.plain(),
                )
            }
        };
        // The cursor row is marked in text as well as reversed.
        let lead = if i == cur { t.row_mark() } else { " " };
        let text = format!("{lead}{text}");
        let text = format!("{:<iw$}", cut(&text, iw, t.ellipsis()));
        let style = if i == cur { t.selected(true) } else { style };
        lines.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(inner.x, inner.y, inner.width, list_h as u16),
    );
    if inner.height > 1 {
        let bar = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        frame.render_widget(Paragraph::new(keys_line(cx, Scope::SlideIndex, iw)), bar);
    }
}
