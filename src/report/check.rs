//! `claimlens check`: every claim with its verdict and numbers, as text,
//! Markdown or JSON.

use crate::claims::{Basis, Case, Cell, Evaluation, Gap, Outcome};
use crate::{catalogue, format};
use serde::Serialize;

/// The observed number of a viewpoint in the claim's display unit (`-62.4 USD bn over
/// 2024-Q3`), else the engine's words (`rank 2 of 61`), else `no data`.
pub fn observed_text(e: &Evaluation, o: &Outcome) -> String {
    let amount = matches!(e.check.as_str(), "level" | "sum" | "latest" | "after");
    let number = match o.observed {
        Some(v) if amount && !e.unit.is_empty() => Some((v, format::level(v, &e.unit))),
        Some(v) if e.check == "change" && !e.unit.is_empty() => {
            Some((v, format::change(v, &e.unit)))
        }
        _ => None,
    };
    match number {
        // Keep the engine's words after its number (`over 2024-Q3`, `in 2025-01`).
        Some((v, text)) => {
            // The engine may already write the display form; else swap its number for it.
            if o.observed_text.starts_with(&text) {
                return o.observed_text.clone();
            }
            let head = format!("{} {}", format::plain(v), e.unit);
            match o.observed_text.strip_prefix(&head) {
                Some(rest) => format!("{text}{rest}"),
                None => text,
            }
        }
        None if !o.observed_text.is_empty() => o.observed_text.clone(),
        None => match o.observed {
            Some(v) => format::number(v),
            None => "no data".into(),
        },
    }
}

/// The observed number for a summary table: blank when there is none.
fn table_observed(e: &Evaluation, o: &Outcome) -> String {
    if o.observed.is_none() && o.observed_text.is_empty() {
        String::new()
    } else {
        observed_text(e, o)
    }
}

/// The gap of a viewpoint in words, e.g. `-0.5 USD bn (-0.7%)`, or `—`.
pub(crate) fn gap_text(o: &Outcome) -> String {
    o.gap.as_ref().map_or_else(|| "—".into(), Gap::words)
}

/// An evidence cell in words, the same on every surface (the card, `check`):
/// `Japan · 2024-09 · net purchases of Treasury bonds and notes · -29.1 USD bn · US Treasury, TIC SLT Table 3, released 2026-06`.
pub fn cell_line(c: &Cell) -> String {
    format!(
        "{} · {} · {} · {} · {}",
        c.entity,
        format::period(&c.period),
        catalogue::measure_name(&c.measure),
        format::level(c.value, &c.unit),
        c.citation()
    )
}

fn cells_text(cells: &[Cell]) -> String {
    let mut v: Vec<String> = cells.iter().take(6).map(cell_line).collect();
    if cells.len() > 6 {
        v.push(format!("… and {} more cells", cells.len() - 6));
    }
    v.join("\n      ")
}

/// A section's heading as the article prints it (`3. Title`).
pub(crate) fn section_title(case: &Case, id: &str) -> String {
    case.article.section(id).map_or_else(
        || id.to_string(),
        |s| match s.number {
            Some(n) => format!("{n}. {}", s.title),
            None => s.title.clone(),
        },
    )
}

/// Plain-text report.
pub fn text(case: &Case) -> String {
    let mut out = format!(
        "{}\nArticle date: {} (\"as published\" = data released by then)\n",
        case.article.title, case.date
    );
    let mut last_section = "";
    for e in &case.evaluations {
        if e.section != last_section {
            out.push_str(&format!("\n== {} ==\n", section_title(case, &e.section)));
            last_section = &e.section;
        }
        out.push_str(&format!(
            "\n{} [{}] {}{}{}\n  \"{}\"\n",
            e.verdict.symbol(),
            e.verdict.as_str().to_uppercase(),
            e.id,
            draft_mark(e, " [DRAFT: not reviewed]"),
            e.repeats
                .as_ref()
                .map(|r| format!(" (repeats {r})"))
                .unwrap_or_default(),
            e.quote
        ));
        if let Some(note) = &e.note {
            out.push_str(&format!("  {note}\n"));
            for c in &e.context {
                out.push_str(&format!("  context:      {}: {}\n", c.label, c.text));
            }
            continue;
        }
        out.push_str(&format!("  claimed:      {}\n", claimed_line(e)));
        if let Some(p) = &e.proxy {
            out.push_str(&format!(
                "  proxy:        the data stand in for the claim; they cannot show {p}\n"
            ));
        }
        for (label, o) in [("as published", &e.as_published), ("today", &e.today)] {
            out.push_str(&format!(
                "  {label:<13} {} {} — gap {}\n",
                o.verdict.symbol(),
                observed_text(e, o),
                gap_text(o)
            ));
            if !o.detail.is_empty() {
                out.push_str(&format!("                {}\n", o.detail));
            }
            if o.basis != Basis::Held {
                out.push_str(&format!(
                    "                basis: {} — {}\n",
                    o.basis.as_str(),
                    o.basis.words()
                ));
            }
            if !o.evidence.is_empty() {
                out.push_str(&format!("      {}\n", cells_text(&o.evidence)));
            }
        }
        out.push_str(&super::readings::text(e));
        for c in &e.context {
            out.push_str(&format!("  context:      {}: {}\n", c.label, c.text));
        }
        out.push_str(&format!("  conclusion:   {}\n", e.conclusion));
    }
    out.push_str(&summary_line(case));
    out
}

/// What the claim says, with the quote's words that give its value when they are not a number.
pub fn claimed_line(e: &Evaluation) -> String {
    match &e.claimed_words {
        Some(w) => format!("{} — from the words “{w}”", e.claimed),
        None => e.claimed.clone(),
    }
}

/// The count line every surface uses: the claims as the explorer numbers
/// them (repeats included, "claim 5/64"), then the verdicts of the distinct ones.
pub fn summary_line(case: &Case) -> String {
    use crate::claims::Verdict::*;
    // A statement made again (`repeats`) is counted once among the verdicts.
    let distinct = || case.evaluations.iter().filter(|e| e.repeats.is_none());
    let n = |v| distinct().filter(|e| e.verdict == v).count();
    let all = case.evaluations.len();
    let repeated = all - distinct().count();
    let not_data = n(NotADataClaim);
    let verdicts = format!(
        "{} supported, {} contradicted, {} revised, {} partly, {} conditional, {} unverifiable, {} {}",
        n(Supported),
        n(Contradicted),
        n(Revised),
        n(Partly),
        n(Conditional),
        n(Unverifiable),
        not_data,
        if not_data == 1 {
            "not a data claim"
        } else {
            "not data claims"
        },
    );
    let noun = |k: usize| if k == 1 { "claim" } else { "claims" };
    if repeated == 0 {
        format!("\n{all} {}: {verdicts}\n", noun(all))
    } else {
        format!(
            "\n{all} {}, {repeated} of them repeating an earlier one; the {} distinct: {verdicts}\n",
            noun(all),
            all - repeated
        )
    }
}

/// Text made safe for a Markdown table cell.
pub(crate) fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The head of a Markdown report: title, article date with its reason, and the
/// table of the given claims (shared with `report::export::markdown`).
pub(crate) fn markdown_head<'a>(
    case: &Case,
    evaluations: impl IntoIterator<Item = &'a Evaluation>,
) -> String {
    let mut out = format!(
        "# Claim check: {}\n\nArticle date: {}. {}\n\n",
        case.article.title, case.date, case.date_reason
    );
    out.push_str("| Section | Claim | Verdict | As published | Today | Gap (today) |\n|---|---|---|---|---|---|\n");
    for e in evaluations {
        out.push_str(&format!(
            "| {} | {} | {} {}{} | {} | {} | {} |\n",
            md_escape(&section_title(case, &e.section)),
            md_escape(&e.quote),
            e.verdict.symbol(),
            e.verdict,
            draft_mark(e, " (draft)"),
            md_escape(&table_observed(e, &e.as_published)),
            md_escape(&table_observed(e, &e.today)),
            gap_text(&e.today)
        ));
    }
    out
}

/// `mark` for a claim still marked `status = "draft"`, else nothing.
fn draft_mark(e: &Evaluation, mark: &'static str) -> &'static str {
    if e.is_draft() { mark } else { "" }
}

/// Markdown report: a table, then one paragraph per claim with its evidence.
pub fn markdown(case: &Case) -> String {
    let mut out = markdown_head(case, &case.evaluations);
    for e in &case.evaluations {
        out.push_str(&format!(
            "\n## {} — {} {}{}\n\n> {}\n\n",
            e.id,
            e.verdict.symbol(),
            e.verdict,
            draft_mark(e, " (draft: not reviewed)"),
            e.quote
        ));
        if let Some(note) = &e.note {
            out.push_str(&format!("{note}\n"));
            for c in &e.context {
                out.push_str(&format!("- {}: {}\n", c.label, c.text));
            }
            continue;
        }
        out.push_str(&format!("Claimed: {}. {}\n\n", e.claimed, e.conclusion));
        out.push_str(&super::readings::markdown(e));
        for c in e.today.evidence.iter().take(8) {
            out.push_str(&format!(
                "- {} {}, {}: {} ({}; `{}`)\n",
                c.entity,
                c.period,
                catalogue::measure_name(&c.measure),
                format::level(c.value, &c.unit),
                c.citation(),
                c.measure
            ));
        }
        for c in &e.context {
            out.push_str(&format!("- {}: {}\n", c.label, c.text));
        }
    }
    out
}

#[derive(Serialize)]
struct JsonObserved<'a> {
    viewpoint: &'a str,
    source: &'a str,
    measure: &'a str,
    entity: &'a str,
    period: String,
    value: f64,
    unit: &'a str,
    vintage: &'a str,
    /// A later revision standing in for a first release not held.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    stand_in: bool,
}

#[derive(Serialize)]
struct JsonGap {
    absolute: f64,
    relative: Option<f64>,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    id: &'a str,
    section: &'a str,
    quote: &'a str,
    verdict: &'a str,
    claimed: &'a str,
    claimed_value: Option<f64>,
    unit: &'a str,
    observed: Vec<JsonObserved<'a>>,
    /// A number, or for a result that is a month (a first crossing, "since") the month, `"2025-04"`.
    observed_today: serde_json::Value,
    observed_as_published: serde_json::Value,
    gap: Option<JsonGap>,
    verdict_as_published: &'a str,
    verdict_today: &'a str,
    /// What each view rests on: `held`, `stand-in` (later revisions standing in for
    /// first releases not held) or `mixed`; null for a view with no data.
    basis_as_published: Option<&'a str>,
    basis_today: Option<&'a str>,
    conclusion: &'a str,
    context: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    readings: Vec<JsonReading<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    readings_summary: &'a str,
    /// The binding as bound, then with each end of its window moved by a month.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    windows: Vec<JsonReading<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    windows_summary: &'a str,
    /// What the data cannot show, for a binding that measures a proxy.
    #[serde(skip_serializing_if = "Option::is_none")]
    proxy: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    repeats: Option<&'a str>,
    /// "draft" (not reviewed yet) or "accepted"; rejected claims are not evaluated.
    status: &'a str,
}

#[derive(Serialize)]
struct JsonReading<'a> {
    label: &'a str,
    verdict: &'a str,
    observed: serde_json::Value,
    observed_as_published: serde_json::Value,
    observed_text: &'a str,
    gap: Option<JsonGap>,
    verdict_as_published: &'a str,
    verdict_today: &'a str,
    primary: bool,
}

/// An observed result for JSON: a month for the checks whose result is one
/// (the engine keeps it as a decimal year, 2011.75 = 2011-10), else the number.
fn json_observed(check: &str, v: Option<f64>) -> serde_json::Value {
    match v {
        None => serde_json::Value::Null,
        Some(x) if matches!(check, "first_above" | "first_below" | "since") => {
            serde_json::Value::String(crate::claims::metrics::month_of_decimal_year(x).to_string())
        }
        Some(x) => serde_json::json!(x),
    }
}

/// A view's basis for JSON: none for a view without data (or a claim without a check).
fn basis_of<'a>(e: &Evaluation, o: &'a Outcome) -> Option<&'a str> {
    (e.check != "none" && !o.no_data && (o.observed.is_some() || !o.evidence.is_empty()))
        .then(|| o.basis.as_str())
}

fn json_reading(r: &crate::claims::Reading) -> JsonReading<'_> {
    JsonReading {
        label: &r.label,
        verdict: r.verdict.as_str(),
        observed: json_observed(r.check.as_str(), r.observed),
        observed_as_published: json_observed(r.check.as_str(), r.observed_as_published),
        observed_text: &r.observed_text,
        gap: r.gap.as_ref().map(|g| JsonGap {
            absolute: g.absolute,
            relative: g.relative,
        }),
        verdict_as_published: r.verdict_as_published.as_str(),
        verdict_today: r.verdict_today.as_str(),
        primary: r.primary,
    }
}

fn json_claim(e: &Evaluation) -> JsonClaim<'_> {
    let mut observed = Vec::new();
    for (vp, o) in [("as_published", &e.as_published), ("today", &e.today)] {
        for c in &o.evidence {
            observed.push(JsonObserved {
                viewpoint: vp,
                source: &c.source,
                measure: &c.measure,
                entity: &c.entity,
                period: c.period.to_string(),
                value: c.value,
                unit: &c.unit,
                vintage: &c.vintage,
                stand_in: c.stand_in,
            });
        }
    }
    JsonClaim {
        id: &e.id,
        section: &e.section,
        quote: &e.quote,
        verdict: e.verdict.as_str(),
        claimed: &e.claimed,
        claimed_value: e.claimed_value,
        unit: &e.unit,
        observed,
        observed_today: json_observed(&e.check, e.today.observed),
        observed_as_published: json_observed(&e.check, e.as_published.observed),
        gap: e
            .today
            .gap
            .as_ref()
            .or(e.as_published.gap.as_ref())
            .map(|g| JsonGap {
                absolute: g.absolute,
                relative: g.relative,
            }),
        verdict_as_published: e.as_published.verdict.as_str(),
        verdict_today: e.today.verdict.as_str(),
        basis_as_published: basis_of(e, &e.as_published),
        basis_today: basis_of(e, &e.today),
        conclusion: &e.conclusion,
        context: e
            .context
            .iter()
            .map(|c| format!("{}: {}", c.label, c.text))
            .collect(),
        readings: e.readings.iter().map(json_reading).collect(),
        readings_summary: &e.readings_summary,
        windows: e.windows.iter().map(json_reading).collect(),
        windows_summary: &e.windows_summary,
        proxy: e.proxy.as_deref(),
        repeats: e.repeats.as_deref(),
        status: &e.status,
    }
}

/// JSON: an array with one object per claim.
pub fn json(case: &Case) -> String {
    let claims: Vec<JsonClaim> = case.evaluations.iter().map(json_claim).collect();
    let mut s = serde_json::to_string_pretty(&claims).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
