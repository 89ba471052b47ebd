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
    e.readings
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

/// The readings as a Markdown table under a line saying whether the verdict depends on them.
pub fn markdown(e: &Evaluation) -> String {
    if e.readings.is_empty() {
        return String::new();
    }
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!(
        "Readings: {}.\n\n| Reading | Verdict | Observed | Gap |\n|---|---|---|---|\n",
        e.readings_summary
    );
    for r in rows(e) {
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

/// The readings as indented plain-text lines.
pub fn text(e: &Evaluation) -> String {
    if e.readings.is_empty() {
        return String::new();
    }
    let mut out = format!("  readings:     {}\n", e.readings_summary);
    for r in rows(e) {
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
