//! Matching what a person types to an entity's canonical name: case and
//! punctuation do not matter (`u.k.`), common aliases are known (`UK`,
//! `Korea`, `Saudi`, `Mainland China`), word order does not matter
//! (`Korea, South` = `South Korea`), and a typo gets the nearest name as a
//! suggestion (`Jpan: did you mean Japan?`).

use std::fmt;

/// Common names → canonical names (keys in [`normalise`]d form).
const ALIASES: [(&str, &str); 24] = [
    ("china", "China, Mainland"),
    ("prc", "China, Mainland"),
    ("uk", "United Kingdom"),
    ("britain", "United Kingdom"),
    ("great britain", "United Kingdom"),
    ("korea", "Korea, South"),
    ("republic of korea", "Korea, South"),
    ("saudi", "Saudi Arabia"),
    ("ksa", "Saudi Arabia"),
    ("uae", "United Arab Emirates"),
    ("emirates", "United Arab Emirates"),
    ("us", "United States"),
    ("usa", "United States"),
    ("america", "United States"),
    ("united states of america", "United States"),
    ("russian federation", "Russia"),
    ("hong kong sar", "Hong Kong"),
    ("taiwan china", "Taiwan"),
    ("cayman", "Cayman Islands"),
    ("total", "Grand Total"),
    ("all foreign", "Grand Total"),
    ("foreign official", "Of Which: Foreign Official"),
    ("official", "Of Which: Foreign Official"),
    ("holland", "Netherlands"),
];

/// The aliases (normalised common name, canonical name), for readers of free text
/// such as the drafter.
pub fn aliases() -> &'static [(&'static str, &'static str)] {
    &ALIASES
}

/// Lower case, dots dropped (`U.K.` → `uk`), other punctuation as spaces, spaces folded.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '.' | '\'' | '’' => {}
            '&' => out.push_str(" and "),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sorted_words(normalised: &str) -> Vec<&str> {
    let mut w: Vec<&str> = normalised.split(' ').collect();
    w.sort_unstable();
    w
}

/// Why a name did not match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameError {
    pub input: String,
    /// The nearest known name, when one is near enough.
    pub suggestion: Option<String>,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.suggestion {
            Some(s) => write!(f, "{}: did you mean {s}?", self.input),
            None => write!(
                f,
                "{}: no such entity; try a name such as Japan, \"China, Mainland\" or \"Grand Total\"",
                self.input
            ),
        }
    }
}

/// The canonical name among `names` that `input` means: exact (ignoring case and
/// punctuation), an alias, or the same words in another order.
pub fn find<'a>(names: &[&'a str], input: &str) -> Option<&'a str> {
    let want = normalise(input);
    if want.is_empty() {
        return None;
    }
    let by_norm = |n: &str| names.iter().copied().find(|c| normalise(c) == n);
    if let Some(c) = by_norm(&want) {
        return Some(c);
    }
    if let Some((_, target)) = ALIASES.iter().find(|(a, _)| *a == want)
        && let Some(c) = names.iter().copied().find(|c| c == target)
    {
        return Some(c);
    }
    let canonical = crate::data::entity::canonical_name(input);
    if let Some(c) = names.iter().copied().find(|c| **c == canonical) {
        return Some(c);
    }
    let words = sorted_words(&want);
    names
        .iter()
        .copied()
        .find(|c| sorted_words(&normalise(c)) == words)
}

/// [`find`], or an error with the nearest name as a suggestion.
pub fn resolve<'a>(names: &[&'a str], input: &str) -> Result<&'a str, NameError> {
    find(names, input).ok_or_else(|| NameError {
        input: input.to_string(),
        suggestion: nearest(names, input).map(str::to_string),
    })
}

/// The name (or an alias's name) nearest to `input` by edit distance, when near enough.
pub fn nearest<'a>(names: &[&'a str], input: &str) -> Option<&'a str> {
    let want = normalise(input);
    if want.is_empty() {
        return None;
    }
    let limit = (want.chars().count() / 3).clamp(1, 3);
    let alias_targets = ALIASES
        .iter()
        .filter_map(|(a, t)| names.iter().copied().find(|c| c == t).map(|c| (*a, c)));
    names
        .iter()
        .map(|c| (normalise(c), *c))
        .chain(alias_targets.map(|(a, c)| (a.to_string(), c)))
        .map(|(n, c)| (distance(&want, &n), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}

/// Whether a browser filter `query` picks `name`, reading names as `claimlens
/// show` does: the name itself in any word order (`south korea`), an alias
/// (`U.K.` picks United Kingdom and not Ukraine; `mainland china`), or, when
/// the query is no alias, each of its words found in the name (`kingd`,
/// `china main`), ignoring case and punctuation.
pub fn filter_matches(name: &str, query: &str) -> bool {
    let q = normalise(query);
    if q.is_empty() {
        return true;
    }
    if find(&[name], query).is_some() {
        return true;
    }
    // An alias names one entity: it picks that one only.
    if ALIASES.iter().any(|(a, _)| *a == q) {
        return false;
    }
    let name_n = normalise(name);
    let by_words = q.split(' ').all(|w| name_n.contains(w));
    by_words
        || ALIASES
            .iter()
            .any(|(a, t)| *t == name && q.len() >= 3 && a.starts_with(&q))
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 8] = [
        "Japan",
        "China, Mainland",
        "United Kingdom",
        "Korea, South",
        "Saudi Arabia",
        "Grand Total",
        "Of Which: Foreign Official",
        "Of Which: Foreign Private",
    ];

    #[test]
    fn case_punctuation_aliases_and_word_order() {
        assert_eq!(find(&NAMES, "japan"), Some("Japan"));
        assert_eq!(find(&NAMES, "china"), Some("China, Mainland"));
        assert_eq!(find(&NAMES, "Mainland China"), Some("China, Mainland"));
        assert_eq!(find(&NAMES, "china, mainland"), Some("China, Mainland"));
        assert_eq!(find(&NAMES, "UK"), Some("United Kingdom"));
        assert_eq!(find(&NAMES, "U.K."), Some("United Kingdom"));
        assert_eq!(find(&NAMES, "Korea"), Some("Korea, South"));
        assert_eq!(find(&NAMES, "South Korea"), Some("Korea, South"));
        assert_eq!(find(&NAMES, "Saudi"), Some("Saudi Arabia"));
        assert_eq!(find(&NAMES, "grand total"), Some("Grand Total"));
        assert_eq!(find(&NAMES, "Atlantis"), None);
        assert_eq!(find(&NAMES, ""), None);
    }

    #[test]
    fn typos_get_the_nearest_name() {
        let e = resolve(&NAMES, "Jpan").unwrap_err();
        assert_eq!(e.to_string(), "Jpan: did you mean Japan?");
        assert_eq!(nearest(&NAMES, "Untied Kingdom"), Some("United Kingdom"));
        assert_eq!(nearest(&NAMES, "Chna"), Some("China, Mainland"));
        assert_eq!(resolve(&NAMES, "Atlantis").unwrap_err().suggestion, None);
    }

    #[test]
    fn filters_match_parts_and_aliases() {
        assert!(filter_matches("United Kingdom", "uk"));
        assert!(filter_matches("United Kingdom", "kingd"));
        assert!(filter_matches("China, Mainland", "china main"));
        assert!(filter_matches("Korea, South", "korea"));
        assert!(!filter_matches("Japan", "uk"));
        assert!(filter_matches("Japan", ""));
        // As `show` reads names: word order, aliases, and an alias picks its entity only.
        assert!(filter_matches("Korea, South", "south korea"));
        assert!(filter_matches("China, Mainland", "Mainland China"));
        assert!(filter_matches("United Kingdom", "U.K."));
        assert!(!filter_matches("Ukraine", "U.K."));
        assert!(filter_matches("Ukraine", "ukr"));
        assert!(filter_matches("United Kingdom", "brit"));
    }
}
