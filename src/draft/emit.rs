//! The draft as a claims.toml (schema: docs/claims.md), with a `# why:` line
//! per rule that fired and its alternatives as `[[claim.alternative]]` tables
//! (a label and the fields that change), which the explorer cycles through.

use super::{ClaimedValue, Draft, DraftClaim};

/// A TOML basic string.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as TOML writes it (always with a decimal point or as an integer-valued float).
fn num(v: f64) -> String {
    let s = format!("{}", (v * 1e9).round() / 1e9);
    if s.contains('.') || s.contains('e') {
        s
    } else {
        format!("{s}.0")
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn claim(out: &mut String, c: &DraftClaim) {
    fields(out, c);
    for a in c.alternatives.iter().filter(|a| !a.fields.is_empty()) {
        out.push_str("\n[[claim.alternative]]\n");
        out.push_str(&format!("label = {}\n", quoted(&one_line(&a.label))));
        for (k, v) in &a.fields {
            out.push_str(&format!("{k} = {v}\n"));
        }
    }
}

/// The claim's own lines: comments, then its fields.
fn fields(out: &mut String, c: &DraftClaim) {
    out.push_str("\n[[claim]]\n");
    for w in &c.why {
        out.push_str(&format!("# why: {}\n", one_line(w)));
    }
    for a in c.alternatives.iter().filter(|a| a.fields.is_empty()) {
        out.push_str(&format!(
            "# also possible, with no bundled series to bind: {}\n",
            one_line(&a.label)
        ));
    }
    out.push_str(&format!("id = {}\n", quoted(&c.id)));
    out.push_str(&format!("section = {}\n", quoted(&c.section)));
    out.push_str(&format!("quote = {}\n", quoted(&c.quote)));
    out.push_str("status = \"draft\"\n");
    out.push_str(&format!("confidence = {}\n", num(c.confidence)));
    if let Some(r) = &c.repeats {
        out.push_str(&format!("repeats = {}\n", quoted(r)));
    }
    out.push_str(&format!("check = {}\n", quoted(&c.check)));
    if c.check == "none" {
        out.push_str(&format!("data_claim = {}\n", c.data_claim.unwrap_or(false)));
        out.push_str(&format!(
            "why = {}\n",
            quoted(&one_line(c.none_why.as_deref().unwrap_or("drafted")))
        ));
        return;
    }
    if !c.series.is_empty() {
        let list = c
            .series
            .iter()
            .map(|(s, m)| format!("{{ source = {}, measure = {} }}", quoted(s), quoted(m)))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!("series = [{list}]\n"));
    }
    match c.entities.as_slice() {
        [] => {}
        [one] => out.push_str(&format!("entity = {}\n", quoted(one))),
        many => out.push_str(&format!(
            "entity = [{}]\n",
            many.iter()
                .map(|e| quoted(e))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    if let Some(x) = &c.combine {
        out.push_str(&format!("combine = {}\n", quoted(x)));
    }
    match (c.from, c.to) {
        (Some(f), Some(t)) if f == t => out.push_str(&format!("period = \"{f}\"\n")),
        (Some(f), Some(t)) => out.push_str(&format!("from = \"{f}\"\nto = \"{t}\"\n")),
        _ => {}
    }
    if let Some(x) = &c.condition {
        out.push_str(&format!("condition = {}\n", quoted(x)));
    }
    if let Some(x) = c.threshold {
        out.push_str(&format!("threshold = {}\n", num(x)));
    }
    match &c.claimed {
        Some(ClaimedValue::Number(v)) => out.push_str(&format!("claimed = {}\n", num(*v))),
        Some(ClaimedValue::Period(p)) => out.push_str(&format!("claimed = {}\n", quoted(p))),
        None => {}
    }
    if let Some(words) = claimed_words(c) {
        out.push_str(&format!("claimed_words = {}\n", quoted(words)));
    }
    if let Some(x) = &c.order {
        out.push_str(&format!("order = {}\n", quoted(x)));
    }
    if let Some(x) = &c.unit {
        out.push_str(&format!("unit = {}\n", quoted(x)));
    }
    if let Some(x) = &c.relation {
        out.push_str(&format!("relation = {}\n", quoted(x)));
    }
}

/// The words a drafted claimed value stands for, when it is not a number the
/// quote writes (a direction, "for decades"): the statement it was read from.
fn claimed_words(c: &DraftClaim) -> Option<&str> {
    let relation = c.relation.as_deref().unwrap_or("about");
    let ranked = matches!(c.check.as_str(), "rank" | "record");
    let needs = match &c.claimed {
        Some(ClaimedValue::Number(v)) => {
            crate::claims::quoted::check_claimed(&c.quote, *v, relation, ranked, None).is_err()
        }
        Some(ClaimedValue::Period(p)) => !c.quote.contains(p.get(..4).unwrap_or(p)),
        None => false,
    };
    needs.then_some(c.quote.as_str())
}

/// A claims file holding one drafted claim (for checking its alternatives).
pub fn claim_file(date: &str, c: &DraftClaim) -> String {
    let mut out = format!("[article]\ndate = {}\ndate_reason = \"\"\n", quoted(date));
    claim(&mut out, c);
    out
}

/// The whole draft as the text of a claims file.
pub fn to_toml(d: &Draft, article_file: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# Draft claims for {}, written by `claimlens draft`.\n\
# Every claim is a proposal: check its entity, window, value and sign, then set\n\
# status = \"accepted\" or \"rejected\". Observed values and verdicts are computed\n\
# by `claimlens check`; this file holds only what the article says.\n\n",
        one_line(article_file)
    ));
    out.push_str("[article]\n");
    out.push_str(&format!("date = {}\n", quoted(&d.date)));
    out.push_str(&format!(
        "date_reason = {}\n",
        quoted(&one_line(&d.date_reason))
    ));
    for c in &d.claims {
        claim(&mut out, c);
    }
    out
}
