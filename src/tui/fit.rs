//! Fitting a one-line heading into a pane's width without cutting it silently.

use ratatui::text::Span;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Fits `spans` into `width` columns. Spans from index `optional` on are left out
/// whole when they do not fit (with every span after them); an earlier span that
/// does not fit is cut and ends in `ellipsis`, and nothing follows it.
pub fn fit_spans(
    spans: Vec<Span<'static>>,
    width: usize,
    optional: usize,
    ellipsis: &str,
) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for (i, s) in spans.into_iter().enumerate() {
        let w = s.content.width();
        if used + w <= width {
            used += w;
            out.push(s);
            continue;
        }
        if i < optional {
            let room = width.saturating_sub(used + ellipsis.width());
            let mut cut = String::new();
            let mut cw = 0;
            for c in s.content.chars() {
                let w = c.width().unwrap_or(0);
                if cw + w > room {
                    break;
                }
                cw += w;
                cut.push(c);
            }
            let mut cut = cut.trim_end().to_string();
            if used + cut.width() + ellipsis.width() <= width {
                cut.push_str(ellipsis);
            }
            out.push(Span::styled(cut, s.style));
        }
        break;
    }
    out
}

/// A one-line text cut to `width` columns, ending in `ellipsis` when cut.
pub fn cut(s: &str, width: usize, ellipsis: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn optional_spans_go_whole_and_others_end_in_an_ellipsis() {
        let spans = || {
            vec![
                Span::raw("sort 2026-04 desc"),
                Span::raw(" · 10 rows"),
                Span::raw(" · blocs"),
            ]
        };
        assert_eq!(
            text(&fit_spans(spans(), 40, 2, "…")),
            "sort 2026-04 desc · 10 rows · blocs"
        );
        assert_eq!(
            text(&fit_spans(spans(), 31, 2, "…")),
            "sort 2026-04 desc · 10 rows"
        );
        assert_eq!(
            text(&fit_spans(spans(), 22, 2, "…")),
            "sort 2026-04 desc · 1…"
        );
        assert_eq!(text(&fit_spans(spans(), 10, 2, "_")), "sort 2026_");
    }
}
