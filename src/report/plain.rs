//! A claim in plain words for an audience: the engine's description with measure
//! ids named in words (from the catalogue), numbers in their display unit, and the
//! check's jargon (`level of`, `sum of`, `lowest first`) said plainly. The ids stay
//! in the provenance view and in `check`.

use crate::claims::Evaluation;
use crate::{catalogue, format};

/// The claimed statement in words, e.g. `about -61.9 USD bn (net purchases of Treasury
/// bonds and notes in total, Japan, 2024-Q3)`.
pub fn claimed(e: &Evaluation) -> String {
    let mut s = e.claimed.clone();
    for (jargon, words) in [
        ("(level of ", "("),
        ("(sum of ", "(total "),
        ("(change of ", "(change in "),
        (" (lowest first)", " (counting from the largest sales)"),
        (" (highest first)", " (counting from the largest purchases)"),
        (" over its history", " in its history"),
    ] {
        s = s.replace(jargon, words);
    }
    // Measure ids in words, longest first so that no id is cut inside a longer one.
    let mut ids: Vec<&str> = e
        .series
        .iter()
        .map(|r| r.measure.as_str())
        .chain(e.as_published.evidence.iter().map(|c| c.measure.as_str()))
        .chain(e.today.evidence.iter().map(|c| c.measure.as_str()))
        .collect();
    ids.sort_by_key(|m| std::cmp::Reverse(m.len()));
    ids.dedup();
    for id in ids {
        if id.contains('_') || id == "holdings" {
            s = replace_word(&s, id, &catalogue::measure_name(id));
        }
    }
    if !e.unit.is_empty() {
        s = display_numbers(&s, &e.unit);
    }
    s
}

/// Replaces `id` where it stands as a whole word.
fn replace_word(s: &str, id: &str, words: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(id) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + id.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        out.push_str(&rest[..i]);
        if word(before) || word(after) {
            out.push_str(id);
        } else {
            out.push_str(words);
        }
        rest = &rest[i + id.len()..];
    }
    out.push_str(rest);
    out
}

/// `-61.9 USD billions` → `-61.9 USD bn`, `1.1 USD trillion` → `1,100.0 USD bn`.
fn display_numbers(s: &str, unit: &str) -> String {
    let tail = format!(" {unit}");
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(&tail) {
        let head = &rest[..i];
        let start = head
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == ','))
            .map_or(0, |j| j + 1);
        match head[start..].replace(',', "").parse::<f64>() {
            Ok(v) => {
                out.push_str(&head[..start]);
                out.push_str(&format::level(v, unit));
            }
            Err(_) => {
                out.push_str(head);
                out.push_str(&tail);
            }
        }
        rest = &rest[i + tail.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ids_in_words() {
        assert_eq!(
            display_numbers("about -61.9 USD billions (x)", "USD billions"),
            "about -61.9 USD bn (x)"
        );
        assert_eq!(
            display_numbers("more than 1.1 USD trillion", "USD trillion"),
            "more than 1,100.0 USD bn"
        );
        assert_eq!(
            replace_word(
                "sum of lt_net_purchases, x",
                "lt_net_purchases",
                "net sales"
            ),
            "sum of net sales, x"
        );
        assert_eq!(
            replace_word("lt_net_purchases_equities", "lt_net_purchases", "y"),
            "lt_net_purchases_equities"
        );
    }
}
