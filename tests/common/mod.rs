//! Helpers shared by the importer tests.

/// The fixture with line `n` (1-based) replaced; line ends stay CRLF.
#[allow(dead_code)]
pub fn with_line(text: &str, n: usize, new: &str) -> String {
    assert!(text.contains("\r\n"), "fixtures keep the official CRLF");
    let mut lines: Vec<&str> = text.split("\r\n").collect();
    assert!(n <= lines.len(), "line {n} is past the fixture's end");
    lines[n - 1] = new;
    lines.join("\r\n")
}

/// A claim body (TOML lines) whose whole quote stands for its claimed value
/// (`claimed_words`), for the tests of rules other than where a claimed value
/// comes from (those are in claims_rules.rs and src/claims/quoted.rs). A body
/// that names its words, or has no claimed value, is left as it is.
#[allow(dead_code)]
pub fn quote_gives_claimed(body: &str) -> String {
    let has_claimed = body
        .lines()
        .any(|l| l.trim_start().starts_with("claimed ="));
    if !has_claimed || body.contains("claimed_words") {
        return body.to_string();
    }
    // Added after the claim's own keys (before any sub-table), so the lines
    // that errors name stay where they were.
    let quote = body
        .lines()
        .find_map(|l| l.strip_prefix("quote = "))
        .unwrap_or("\"\"");
    let mut lines: Vec<String> = body.lines().map(str::to_string).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("[["))
        .unwrap_or(lines.len());
    lines.insert(at, format!("claimed_words = {quote}"));
    lines.join("\n") + "\n"
}
