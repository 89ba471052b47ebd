//! Small helpers shared by the readers of the official text formats.

use crate::error::InputError;

/// Checks that raw bytes are non-empty UTF-8 text within the line limits
/// ([`crate::input::limits`]) and returns them as `&str`.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    use crate::input::{self, limits};
    let text = input::decode(file, bytes)?;
    if text.trim().is_empty() {
        return Err(InputError::file(
            file,
            "the file is empty; expected a published table",
        ));
    }
    input::check_lines(file, text, limits::LINE, limits::RAW_LINES)?;
    Ok(text)
}

/// Lines with their 1-based numbers, CR removed.
pub fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
}

/// Tab-separated fields of a line.
pub fn tab_fields(line: &str) -> Vec<&str> {
    line.split('\t').collect()
}

/// True when a line holds nothing but tabs and spaces.
pub fn is_blank(line: &str) -> bool {
    line.trim_matches(|c: char| c == '\t' || c == ' ')
        .is_empty()
}

/// A published number as tidy text: surrounding quotes and spaces and thousands
/// commas removed, the digits otherwise untouched (`"2,211"` -> `2211`,
/// `1200` stays `1200`, `-0.5` stays `-0.5`). `None` when the cell is not a number.
pub fn number_text(cell: &str) -> Option<String> {
    let s = cell.trim().trim_matches('"').trim();
    let s: String = s.chars().filter(|c| *c != ',').collect();
    let body = s.strip_prefix('-').unwrap_or(&s);
    let mut dots = 0;
    let ok = !body.is_empty()
        && body.chars().all(|c| {
            if c == '.' {
                dots += 1;
                true
            } else {
                c.is_ascii_digit()
            }
        })
        && dots <= 1
        && body != ".";
    ok.then_some(s)
}

/// Like [`number_text`], but an error naming file, line and column when the cell is not a number.
pub fn require_number(
    file: &str,
    line: usize,
    what: &str,
    cell: &str,
) -> Result<String, InputError> {
    number_text(cell).ok_or_else(|| {
        InputError::at(
            file,
            line,
            format!("expected a number for {what}, found {cell:?}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_published_digits() {
        assert_eq!(number_text("\"2,211\"").as_deref(), Some("2211"));
        assert_eq!(number_text(" 1200 ").as_deref(), Some("1200"));
        assert_eq!(number_text("-0.5").as_deref(), Some("-0.5"));
        assert_eq!(number_text("1200.0").as_deref(), Some("1200.0"));
        for bad in ["", "n.a.", "*", "1.2.3", "-", "abc", "."] {
            assert_eq!(number_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn decode_reports_encoding_line() {
        let bytes = b"a\nb\n\xff\n";
        let e = decode("f.txt", bytes).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(
            decode("f.txt", b"  \n")
                .unwrap_err()
                .message
                .contains("empty")
        );
    }
}
