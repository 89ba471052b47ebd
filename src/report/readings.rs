//! A claim's readings as table rows, shared by the text and Markdown reports,
//! the card and the slides.

use crate::claims::Evaluation;

/// One row: the reading's label (`*` marks the primary), its verdict, what was
/// observed and the gap to the claimed number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub verdict: crate::claims::Verdict,
    pub observed: String,
    pub gap: String,
}

/// The rows of a claim's readings (none when it has no readings).
pub fn rows(e: &Evaluation) -> Vec<Row> {
    rows_of(&e.readings)
}

/// The rows of a claim's windows: as bound, then each end moved by a month.
pub fn window_rows(e: &Evaluation) -> Vec<Row> {
    rows_of(&e.windows)
}

fn rows_of(readings: &[crate::claims::Reading]) -> Vec<Row> {
    readings
        .iter()
        .map(|r| Row {
            label: if r.primary {
                format!("{} (primary)", r.label)
            } else {
                r.label.clone()
            },
            verdict: r.verdict,
            observed: if r.observed_text.is_empty() {
                "no data".into()
            } else {
                r.observed_text.clone()
            },
            gap: r.gap.as_ref().map_or_else(|| "—".into(), |g| g.words()),
        })
        .collect()
}

/// The readings (and the windows) as Markdown tables, each under a line
/// saying whether the verdict depends on them.
pub fn markdown(e: &Evaluation) -> String {
    let mut out = markdown_table("Readings", "Reading", &e.readings_summary, rows(e));
    out.push_str(&markdown_table(
        "Windows",
        "Window",
        &e.windows_summary,
        window_rows(e),
    ));
    out
}

fn markdown_table(title: &str, head: &str, summary: &str, rows: Vec<Row>) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!(
        "{title}: {summary}.\n\n| {head} | Verdict | Observed | Gap |\n|---|---|---|---|\n"
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} {} | {} | {} |\n",
            esc(&r.label),
            r.verdict.symbol(),
            r.verdict,
            esc(&r.observed),
            r.gap
        ));
    }
    out.push('\n');
    out
}

/// The readings (and the windows) as indented plain-text lines.
pub fn text(e: &Evaluation) -> String {
    let mut out = text_table("readings:", &e.readings_summary, rows(e));
    out.push_str(&text_table("windows:", &e.windows_summary, window_rows(e)));
    out
}

fn text_table(title: &str, summary: &str, rows: Vec<Row>) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = format!("  {title:<13} {summary}\n");
    for r in rows {
        out.push_str(&format!(
            "    {} {}: {} — gap {}\n",
            r.verdict.symbol(),
            r.label,
            r.observed,
            r.gap
        ));
    }
    out
}
