//! Helpers shared by the importer tests.

/// The fixture with line `n` (1-based) replaced; line ends stay CRLF.
pub fn with_line(text: &str, n: usize, new: &str) -> String {
    assert!(text.contains("\r\n"), "fixtures keep the official CRLF");
    let mut lines: Vec<&str> = text.split("\r\n").collect();
    assert!(n <= lines.len(), "line {n} is past the fixture's end");
    lines[n - 1] = new;
    lines.join("\r\n")
}
