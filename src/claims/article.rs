//! The article under review, split into its sections.
//!
//! Format (assets/article.md): a `# Title` line, then sections headed
//! `## N. Title` (numbered) or `## Title` (e.g. `## Key Takeaways`), each
//! followed by its text, kept word for word from the source document.

use crate::error::InputError;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Stable id: the section number (`"3"`), or the title in lower-case
    /// words joined by `-` for unnumbered sections (`"key-takeaways"`).
    pub id: String,
    pub number: Option<u32>,
    pub title: String,
    /// The section's text without its heading, blank lines around it trimmed.
    pub text: String,
    /// Byte range of `text` in the article file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub title: String,
    pub sections: Vec<Section>,
}

fn slug(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

impl Article {
    pub fn parse(file: &str, text: &str) -> Result<Article, InputError> {
        use crate::input::{human_size, limits, too_big};
        if text.len() as u64 > limits::ARTICLE {
            return Err(too_big(file, limits::ARTICLE, "an article in Markdown"));
        }
        // The paragraph being read: its first line and its size so far.
        let mut paragraph: Option<(usize, usize)> = None;
        let mut title = None;
        let mut sections: Vec<Section> = Vec::new();
        let mut offset = 0;
        let mut body_start = 0;
        let close = |sections: &mut Vec<Section>, end: usize| {
            if let Some(last) = sections.last_mut() {
                let raw = &text[last.span.start..end];
                let lead = raw.len() - raw.trim_start().len();
                let trimmed = raw.trim();
                last.span = last.span.start + lead..last.span.start + lead + trimmed.len();
                last.text = trimmed.to_string();
            }
        };
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let n = i + 1;
            let content = line.trim_end_matches(['\n', '\r']);
            paragraph = match paragraph {
                _ if content.trim().is_empty() => None,
                None => Some((n, line.len())),
                Some((first, size)) => Some((first, size + line.len())),
            };
            if let Some((first, size)) = paragraph
                && size > limits::PARAGRAPH
            {
                return Err(InputError::at(
                    file,
                    first,
                    format!(
                        "the paragraph starting here is longer than the limit of {}; expected paragraphs separated by blank lines",
                        human_size(limits::PARAGRAPH as u64)
                    ),
                ));
            }
            if title.is_none() && !content.trim().is_empty() && !content.starts_with("# ") {
                return Err(InputError::at(
                    file,
                    n,
                    "text before the title; expected the article to start with a `# Title` line",
                ));
            }
            if let Some(t) = content.strip_prefix("# ") {
                if title.is_some() || !sections.is_empty() {
                    return Err(InputError::at(
                        file,
                        n,
                        "expected one `# Title` line, at the top of the article",
                    ));
                }
                title = Some(t.trim().to_string());
            } else if let Some(h) = content.strip_prefix("## ") {
                close(&mut sections, offset);
                let h = h.trim();
                let (number, section_title) = match h.split_once(". ") {
                    Some((num, rest))
                        if num.chars().all(|c| c.is_ascii_digit()) && !num.is_empty() =>
                    {
                        (num.parse::<u32>().ok(), rest.trim().to_string())
                    }
                    _ => (None, h.to_string()),
                };
                let id = number.map_or_else(|| slug(&section_title), |n| n.to_string());
                if id.is_empty() {
                    return Err(InputError::at(
                        file,
                        n,
                        "expected a section title after `## `",
                    ));
                }
                if sections.iter().any(|s| s.id == id) {
                    return Err(InputError::at(
                        file,
                        n,
                        format!("section {id:?} appears twice; expected unique section headings"),
                    ));
                }
                body_start = offset + line.len();
                sections.push(Section {
                    id,
                    number,
                    title: section_title,
                    text: String::new(),
                    span: body_start..body_start,
                });
            } else if sections.is_empty() && !content.trim().is_empty() {
                // Text before the title was refused above.
                return Err(InputError::at(
                    file,
                    n,
                    "expected a `## ` section heading before any text",
                ));
            }
            offset += line.len();
        }
        let _ = body_start;
        close(&mut sections, text.len());
        let title = title.ok_or_else(|| {
            InputError::file(file, "expected a `# Title` line at the top of the article")
        })?;
        if sections.is_empty() {
            return Err(InputError::file(
                file,
                "expected at least one `## ` section",
            ));
        }
        Ok(Article { title, sections })
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }
}

/// Finds `quote` in `text`, treating any run of white space (including line
/// breaks) as equal to any other. Returns the byte range in `text`.
pub fn find_quote(text: &str, quote: &str) -> Option<Range<usize>> {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let first = *words.first()?;
    let mut from = 0;
    while let Some(pos) = text[from..].find(first) {
        let start = from + pos;
        let mut at = start;
        let mut ok = true;
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                let rest = &text[at..];
                let ws = rest.len() - rest.trim_start().len();
                if ws == 0 {
                    ok = false;
                    break;
                }
                at += ws;
            }
            if text[at..].starts_with(w) {
                at += w.len();
            } else {
                ok = false;
                break;
            }
        }
        if ok {
            return Some(start..at);
        }
        from = start + first.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# A Title\n\n## 1. First Part\n\nSome words here.\nMore, across a\nline break.\n\n## Key Takeaways\n\n- one\n";

    #[test]
    fn splits_sections_with_ids_and_spans() {
        let a = Article::parse("a.md", TEXT).unwrap();
        assert_eq!(a.title, "A Title");
        assert_eq!(a.sections.len(), 2);
        assert_eq!(a.sections[0].id, "1");
        assert_eq!(a.sections[0].title, "First Part");
        assert_eq!(
            a.sections[0].text,
            "Some words here.\nMore, across a\nline break."
        );
        assert_eq!(&TEXT[a.sections[0].span.clone()], a.sections[0].text);
        assert_eq!(a.sections[1].id, "key-takeaways");
        assert_eq!(a.sections[1].number, None);
    }

    #[test]
    fn quotes_match_across_line_breaks() {
        let a = Article::parse("a.md", TEXT).unwrap();
        let s = &a.sections[0].text;
        let r = find_quote(s, "across a line break").unwrap();
        assert_eq!(&s[r], "across a\nline break");
        assert!(find_quote(s, "not there").is_none());
    }

    #[test]
    fn rejects_stray_text_and_absurd_sizes() {
        let e = Article::parse("a.md", "\nstray words\n# T\n## 1. A\nx\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("text before the title"), "{e}");
        let e = Article::parse("a.md", "## 1. A\n# T\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        // A huge paragraph, even wrapped over many lines, is refused at its first line.
        let big = "word ".repeat(20_000);
        let text = format!("# T\n\n## 1. A\n\nok\n\n{big}\n{big}\n");
        let e = Article::parse("a.md", &text).unwrap_err();
        assert_eq!(e.line, Some(7));
        assert!(e.message.contains("longer than the limit of 64 KiB"), "{e}");
        let e = Article::parse("a.md", &"x".repeat(2 << 20)).unwrap_err();
        assert!(e.message.contains("limit of 1 MiB"), "{e}");
        // Paragraphs within the limit are fine.
        let ok = format!(
            "# T\n\n## 1. A\n\n{}\n\n{}\n",
            "w ".repeat(30_000),
            "w ".repeat(30_000)
        );
        assert!(Article::parse("a.md", &ok).is_ok());
    }

    #[test]
    fn rejects_bad_layouts() {
        assert!(Article::parse("a.md", "no title\n").is_err());
        let e = Article::parse("a.md", "# T\ntext before sections\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = Article::parse("a.md", "# T\n## 1. A\nx\n## 1. B\ny\n").unwrap_err();
        assert_eq!(e.line, Some(4));
    }
}
