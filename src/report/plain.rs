//! A claim in plain words for an audience: the engine's description (which
//! names each measure as the catalogue does), numbers in their display unit,
//! and the check's jargon (`level of`, `sum of`, `lowest first`) said plainly.

use crate::claims::Evaluation;
use crate::format;

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
    if !e.unit.is_empty() {
        s = display_numbers(&s, &e.unit);
    }
    s
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
    fn numbers_in_their_display_unit() {
        assert_eq!(
            display_numbers("about -61.9 USD billions (x)", "USD billions"),
            "about -61.9 USD bn (x)"
        );
        assert_eq!(
            display_numbers("more than 1.1 USD trillion", "USD trillion"),
            "more than 1,100.0 USD bn"
        );
    }
}
