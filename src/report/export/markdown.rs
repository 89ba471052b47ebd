//! The Markdown export: the claims table of `check --format markdown`, then one
//! paragraph per claim with every evidence cell of both viewpoints and the
//! context lines.

use crate::claims::{Case, Cell, Evaluation, Outcome};
use crate::report::check::{gap_text, markdown_head, md_escape, observed_text, section_title};
use crate::{catalogue, format};
use std::fmt::Write;

/// A report of the given claims of a case.
pub fn report(case: &Case, evaluations: &[&Evaluation]) -> String {
    let mut out = markdown_head(case, evaluations.iter().copied());
    for e in evaluations {
        trim_blank_lines(&mut out);
        claim(&mut out, case, e);
    }
    trim_blank_lines(&mut out);
    out
}

/// Leaves exactly one line break at the end of `out`.
fn trim_blank_lines(out: &mut String) {
    while out.ends_with("\n\n") {
        out.pop();
    }
}

fn claim(out: &mut String, case: &Case, e: &Evaluation) {
    let _ = write!(
        out,
        "\n## {} — {} {}\n\nSection {}.\n\n> {}\n\n",
        e.id,
        e.verdict.symbol(),
        e.verdict,
        section_title(case, &e.section),
        e.quote.replace('\n', " ")
    );
    if let Some(note) = &e.note {
        let _ = writeln!(out, "Not checked against data: {note}");
        if !e.context.is_empty() {
            out.push_str("\nContext (newest data):\n\n");
            for c in &e.context {
                let _ = writeln!(out, "- {}: {}", c.label, c.text);
            }
        }
        return;
    }
    let _ = write!(out, "Claimed: {}. {}\n\n", e.claimed, e.conclusion);
    out.push_str(&crate::report::readings::markdown(e));
    let published = format!("data released by {}", case.date);
    viewpoint(out, e, "As published", &published, &e.as_published, None);
    let same = (!e.today.evidence.is_empty() && e.today.evidence == e.as_published.evidence)
        .then_some("as published");
    viewpoint(out, e, "Today", "newest data", &e.today, same);
    if !e.context.is_empty() {
        out.push_str("Context (newest data):\n\n");
        for c in &e.context {
            let _ = writeln!(out, "- {}: {}", c.label, c.text);
        }
        out.push('\n');
    }
}

/// One viewpoint: its verdict, observed value and gap, then its evidence cells
/// (or a pointer to the other viewpoint's when they are the same cells).
fn viewpoint(
    out: &mut String,
    e: &Evaluation,
    label: &str,
    basis: &str,
    o: &Outcome,
    same_as: Option<&str>,
) {
    let observed = observed_text(e, o);
    let _ = writeln!(
        out,
        "**{label}** ({basis}): {} {} — {}; gap {}.",
        o.verdict.symbol(),
        o.verdict,
        observed,
        gap_text(o)
    );
    if !o.detail.is_empty() {
        let _ = writeln!(out, "{}", o.detail);
    }
    out.push('\n');
    match same_as {
        _ if o.evidence.is_empty() => out.push_str("No evidence cells.\n\n"),
        Some(other) => {
            let _ = write!(
                out,
                "Evidence: the same {} cells as {other}.\n\n",
                o.evidence.len()
            );
        }
        None => cells_table(out, &o.evidence),
    }
}

fn cells_table(out: &mut String, cells: &[Cell]) {
    out.push_str("| Source | Measure | Entity | Period | Value | Unit | Released |\n|---|---|---|---|---:|---|---|\n");
    for c in cells {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} | {} |",
            md_escape(&catalogue::value_source(
                &c.source,
                &c.measure,
                c.url.as_deref()
            )),
            md_escape(&c.measure),
            md_escape(&c.entity),
            c.period,
            format::unit_for(&c.unit).number(c.value),
            md_escape(format::unit_for(&c.unit).label),
            if c.stand_in {
                format!(
                    "{} (first release not held: this later value stands in)",
                    md_escape(&c.vintage)
                )
            } else {
                md_escape(&c.vintage)
            }
        );
    }
    out.push('\n');
}
