//! Clauses of a section: the units a draft claim quotes.
//!
//! A section is cut at sentence ends (`.`, `!`, `?` followed by white space),
//! at em dashes and semicolons, and at the ends of bullet lines. A line break
//! inside a sentence (a Markdown soft break) does not cut it.

use std::ops::Range;

/// One clause: its byte range in the section text and the sentence it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub range: Range<usize>,
    /// Index of the sentence in the section (clauses cut at dashes share it).
    pub sentence: usize,
}

impl Clause {
    pub fn text<'a>(&self, section: &'a str) -> &'a str {
        &section[self.range.clone()]
    }
}

fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.starts_with("* ")
}

/// Splits a section's text into clauses, trimmed of bullets, white space and closing punctuation.
pub fn clauses(text: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut sentence = 0;
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |a: usize, b: usize, sentence: usize, out: &mut Vec<Clause>| {
        if let Some(r) = trim(text, a, b) {
            out.push(Clause { range: r, sentence });
        }
    };
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if c == '\n' {
            let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
            let line = &text[line_start..i];
            let next = &text[i + 1..];
            let ends = line.trim_end().ends_with(['.', ':', '!', '?']);
            if is_bullet(line) || is_bullet(next) || ends || line.trim().is_empty() {
                push(start, i, sentence, &mut out);
                sentence += 1;
                start = i + 1;
            }
        } else if matches!(c, '.' | '!' | '?')
            && bytes.get(i + 1).is_none_or(|b| *b == b' ')
            && !abbreviation_before(text, i)
        {
            push(start, i, sentence, &mut out);
            sentence += 1;
            start = i + 1;
        } else if c == '—' || c == ';' {
            push(start, i, sentence, &mut out);
            start = i + len;
        }
        i += len;
    }
    push(start, text.len(), sentence, &mut out);
    out
}

/// "U.S." or "U.K." end with a dot that does not end a sentence when a word follows in lower case
/// or a capitalised common word: a single capital letter before the dot marks an abbreviation.
fn abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let word: String = word.chars().rev().collect();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    word.contains('.') && letters <= 3 && {
        // "... the U.S. Then" is ambiguous; prefer not cutting unless a new line follows.
        let after = &text[dot + 1..];
        !after.starts_with('\n')
    }
}

fn trim(text: &str, a: usize, b: usize) -> Option<Range<usize>> {
    let s = &text[a..b];
    let mut lead = s.len() - s.trim_start().len();
    let rest = &s[lead..];
    if let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("* ")) {
        lead += rest.len() - r.len();
        lead += r.len() - r.trim_start().len();
    }
    let body = &s[lead..];
    let body = body
        .trim_end()
        .trim_end_matches([',', '.', ':', ';'])
        .trim_end();
    if body.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
        return None;
    }
    Some(a + lead..a + lead + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        clauses(t).iter().map(|c| c.text(t)).collect()
    }

    #[test]
    fn cuts_sentences_dashes_and_bullets_but_not_soft_breaks() {
        let t = "Japan sold $5 billion in Q3—a record. The U.S. noticed.\nIn just two months, nearly\n$9 billion left:\n- January 2025: $1 billion sold\n- December 2024: $2 billion";
        assert_eq!(
            texts(t),
            vec![
                "Japan sold $5 billion in Q3",
                "a record",
                "The U.S. noticed",
                "In just two months, nearly\n$9 billion left",
                "January 2025: $1 billion sold",
                "December 2024: $2 billion",
            ]
        );
        let c = clauses(t);
        assert_eq!(c[0].sentence, c[1].sentence);
        assert_ne!(c[1].sentence, c[2].sentence);
    }
}
