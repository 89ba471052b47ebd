//! Text on screen: word wrapping with styled byte ranges, and the layout of a
//! Markdown text (soft line breaks joined) laid out once per width.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
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

/// Where each screen line of a Markdown text starts and ends (byte ranges)
/// at one width. Lines are joined across soft line breaks: a single newline
/// inside a paragraph is a space, as in Markdown; a blank line, a line that
/// starts a block (list item, heading, quote, table row), a line ending in
/// two spaces or a backslash, and an unindented line after a list item
/// (pasted articles mean a new paragraph there, not Markdown's lazy
/// continuation) break the line. A run of white space inside a screen line
/// is drawn as one space.
#[derive(Debug, PartialEq, Eq)]
pub struct Layout {
    pub lines: Vec<Range<usize>>,
}

/// True when a source line starts a Markdown block, so the newline before it is hard.
fn starts_block(line: &str) -> bool {
    starts_item(line) || {
        let t = line.trim_start_matches(' ');
        line.len() - t.len() <= 3 && ["#", ">", "|", "```"].iter().any(|p| t.starts_with(p))
    }
}

/// True when a source line starts a list item.
fn starts_item(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let ordered = {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && matches!(t.as_bytes().get(digits..digits + 2), Some(b". " | b") "))
    };
    ordered || ["- ", "* ", "+ "].iter().any(|p| t.starts_with(p)) || t == "-"
}

/// Lays `text` out at `width` columns.
pub fn layout(text: &str, width: usize) -> Layout {
    let width = width.max(1);
    let mut lines = Vec::new();
    // The open screen line: its start and end (bytes) and columns used.
    let mut open: Option<(usize, usize, usize)> = None;
    let mut offset = 0;
    let mut in_item = false;
    let mut source = text.split('\n').peekable();
    while let Some(raw) = source.next() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if let Some((s, e, _)) = open.take() {
                lines.push(s..e);
            }
            lines.push(offset..offset);
            in_item = false;
        } else {
            let ends_item = in_item && !line.starts_with([' ', '\t']);
            if (starts_block(line) || ends_item)
                && let Some((s, e, _)) = open.take()
            {
                lines.push(s..e);
            }
            in_item = starts_item(line) || (in_item && !ends_item);
            let mut word_start = None;
            let chars = line
                .char_indices()
                .chain(std::iter::once((line.len(), ' ')));
            for (i, c) in chars {
                if !c.is_whitespace() {
                    word_start.get_or_insert(i);
                    continue;
                }
                let Some(ws) = word_start.take() else {
                    continue;
                };
                let word = &line[ws..i];
                let ww: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
                let (at, end) = (offset + ws, offset + i);
                open = match open {
                    Some((s, _, used)) if used + 1 + ww <= width => Some((s, end, used + 1 + ww)),
                    Some((s, e, _)) => {
                        lines.push(s..e);
                        None
                    }
                    None => None,
                }
                .or_else(|| {
                    if ww <= width {
                        return Some((at, end, ww));
                    }
                    // A word wider than the line is cut into pieces.
                    let (mut s, mut used) = (at, 0);
                    for (ci, c) in word.char_indices() {
                        let cw = c.width().unwrap_or(0);
                        if used + cw > width && used > 0 {
                            lines.push(s..at + ci);
                            (s, used) = (at + ci, 0);
                        }
                        used += cw;
                    }
                    Some((s, end, used))
                });
            }
            let hard = line.ends_with("  ") || line.ends_with('\\');
            let next_blocks = source
                .peek()
                .is_some_and(|n| starts_block(n) || (in_item && !n.starts_with([' ', '\t'])));
            if (hard || next_blocks)
                && let Some((s, e, _)) = open.take()
            {
                lines.push(s..e);
            }
        }
        offset += raw.len() + 1;
    }
    if let Some((s, e, _)) = open.take() {
        lines.push(s..e);
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    Layout { lines }
}

/// The layout of a text at a width, from a small per-thread cache keyed by
/// the text's contents and the width, so scrolling and redrawing do not lay
/// a long section out again.
pub fn cached_layout(text: &str, width: usize) -> std::rc::Rc<Layout> {
    use std::cell::RefCell;
    use std::hash::{Hash, Hasher};
    use std::rc::Rc;
    type Entry = (u64, usize, usize, Rc<Layout>);
    thread_local! {
        static CACHE: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    let key = (h.finish(), text.len(), width);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(i) = cache.iter().position(|e| (e.0, e.1, e.2) == key) {
            let e = cache.remove(i);
            let hit = e.3.clone();
            cache.push(e);
            return hit;
        }
        let made = Rc::new(layout(text, width));
        if cache.len() >= 8 {
            cache.remove(0);
        }
        cache.push((key.0, key.1, key.2, made.clone()));
        made
    })
}

/// Draws lines `range` of a layout of `text`, styling the byte ranges in
/// `marks` (later marks win). White space runs become one space, styled like
/// the text around it when both sides share a style.
pub fn styled_lines(
    text: &str,
    layout: &Layout,
    range: Range<usize>,
    base: Style,
    marks: &[(Range<usize>, Style)],
) -> Vec<Line<'static>> {
    let style_at = |i: usize| {
        marks
            .iter()
            .rev()
            .find(|(r, _)| r.contains(&i))
            .map_or(base, |(_, s)| *s)
    };
    let end = range.end.min(layout.lines.len());
    let start = range.start.min(end);
    layout.lines[start..end]
        .iter()
        .map(|r| {
            let mut spans: Vec<(String, Style)> = Vec::new();
            let push = |spans: &mut Vec<(String, Style)>, c: char, st: Style| match spans.last_mut()
            {
                Some((s, last)) if *last == st => s.push(c),
                _ => spans.push((c.to_string(), st)),
            };
            let mut prev: Option<usize> = None; // byte of the last non-space char
            let mut gap = false;
            for (i, c) in text[r.clone()].char_indices() {
                let at = r.start + i;
                if c.is_whitespace() {
                    gap = true;
                    continue;
                }
                if gap {
                    let st = match prev {
                        Some(p) if style_at(p) == style_at(at) => style_at(at),
                        _ => base,
                    };
                    push(&mut spans, ' ', st);
                    gap = false;
                }
                push(&mut spans, c, style_at(at));
                prev = Some(at);
            }
            Line::from(
                spans
                    .into_iter()
                    .map(|(s, st)| Span::styled(s, st))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// The screen line of a layout where byte `at` is drawn.
pub fn line_of(layout: &Layout, at: usize) -> usize {
    layout
        .lines
        .partition_point(|r| r.start <= at)
        .saturating_sub(1)
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

    fn laid(text: &str, width: usize) -> Vec<String> {
        let l = layout(text, width);
        plain(&styled_lines(text, &l, 0..l.lines.len(), Style::new(), &[]))
    }

    #[test]
    fn soft_line_breaks_join_and_blocks_break() {
        let text = "One two\nthree four.\n\nA list:\n- first\n- second\nHard  \nbreak\\\nhere";
        assert_eq!(
            laid(text, 40),
            [
                "One two three four.",
                "",
                "A list:",
                "- first",
                "- second",
                "Hard",
                "break\\",
                "here"
            ]
        );
        // A numbered item and a heading start their own lines too; an
        // indented line continues an item.
        assert_eq!(laid("a\n1. b\n## c", 40), ["a", "1. b", "## c"]);
        assert_eq!(laid("- a\n  b\nc\nd", 40), ["- a b", "c d"]);
        // Wrapping runs across the soft break.
        assert_eq!(laid("aaa bbb\nccc ddd", 7), ["aaa bbb", "ccc ddd"]);
        assert_eq!(laid("aaa\nbbb ccc", 7), ["aaa bbb", "ccc"]);
        // Words longer than the line are cut.
        assert_eq!(laid("abcdefghij kl", 4), ["abcd", "efgh", "ij", "kl"]);
    }

    #[test]
    fn marks_keep_their_style_and_line_across_soft_breaks() {
        let text = "one two\nthree four";
        let st = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let l = layout(text, 9);
        let lines = styled_lines(text, &l, 0..9, Style::new(), &[(4..13, st)]);
        assert_eq!(plain(&lines), ["one two", "three", "four"]);
        assert_eq!(line_of(&l, 4), 0);
        assert_eq!(line_of(&l, 8), 1);
        assert_eq!(lines[0].spans[1].content, "two");
        assert_eq!(lines[0].spans[1].style, st);
        assert_eq!(lines[1].spans[0].style, st);
    }

    #[test]
    fn a_long_paragraph_is_laid_out_once_and_styled_only_where_drawn() {
        let text = "word ".repeat(13_000); // 65,000 bytes: just under the paragraph limit
        let a = cached_layout(&text, 40);
        let b = cached_layout(&text, 40);
        assert!(
            std::rc::Rc::ptr_eq(&a, &b),
            "the second call is a cache hit"
        );
        assert!(!std::rc::Rc::ptr_eq(&a, &cached_layout(&text, 41)));
        assert_eq!(a.lines.len(), 13_000 / 8);
        let window = styled_lines(&text, &a, 1000..1010, Style::new(), &[]);
        assert_eq!(window.len(), 10);
        assert_eq!(plain(&window)[0], "word word word word word word word word");
    }
}
