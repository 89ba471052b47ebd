//! Entities named in the text: the dataset's own country names (and "South
//! Korea" for "Korea, South"), the aliases of `data::names` (those of
//! countries and the group phrases of more than one word), the drafter's own
//! demonyms and capitals, and the groups an article speaks of ("foreign
//! investors" for all countries, "central banks").

use crate::data::{Dataset, EntityKind};
use std::ops::Range;

/// Who "central banks" are; the measure decides which series stands for them.
pub const CENTRAL_BANKS: &str = "Central banks";
pub const ALL_FOREIGN: &str = "Grand Total";
pub const FOREIGN_OFFICIAL: &str = "Of Which: Foreign Official";

/// Alias → canonical name, beyond those of `data::names`: demonyms, capitals and the
/// phrases articles use for groups. Matched whole-word, case-sensitively for capitalised
/// names and case-insensitively for lower-case phrases.
const ALIASES: &[(&str, &str)] = &[
    ("Chinese", "China, Mainland"),
    ("Beijing", "China, Mainland"),
    ("Japanese", "Japan"),
    ("Tokyo", "Japan"),
    ("British", "United Kingdom"),
    ("Canadian", "Canada"),
    ("Ottawa", "Canada"),
    ("Korean", "Korea, South"),
    ("Belgian", "Belgium"),
    ("Indian", "India"),
    ("Russian", "Russia"),
    ("Moscow", "Russia"),
    ("Brazilian", "Brazil"),
    ("Swiss", "Switzerland"),
    ("French", "France"),
    ("German", "Germany"),
    ("Irish", "Ireland"),
    ("Taiwanese", "Taiwan"),
    ("Singaporean", "Singapore"),
    ("Norwegian", "Norway"),
    ("Mexican", "Mexico"),
    ("Turkish", "Turkey"),
    ("Polish", "Poland"),
    ("foreign investors", ALL_FOREIGN),
    ("foreign holders", ALL_FOREIGN),
    ("foreign buyers", ALL_FOREIGN),
    ("foreigners", ALL_FOREIGN),
    ("overseas investors", ALL_FOREIGN),
    ("international investors", ALL_FOREIGN),
    ("official institutions", FOREIGN_OFFICIAL),
    ("foreign central banks", FOREIGN_OFFICIAL),
    ("central banks", CENTRAL_BANKS),
];

/// How an alias of `data::names` (lower case, no dots) is found in running text, and
/// whether case is ignored: an initialism in capitals with or without dots (`UK`, `U.K.`),
/// a longer name in any case. Aliases of the United States (`us` is a word) and the
/// one-word group aliases (`total`, `official`) are not looked for in text.
fn text_forms(alias: &str, name: &str) -> Vec<(String, bool)> {
    let country = crate::data::entity::kind_of(name) == EntityKind::Country;
    if name == "United States" || (!country && !alias.contains(' ')) {
        return vec![];
    }
    if alias.len() <= 3 && alias.chars().all(|c| c.is_ascii_alphabetic()) {
        let upper = alias.to_ascii_uppercase();
        let dotted: String = upper.chars().flat_map(|c| [c, '.']).collect();
        return vec![(upper, false), (dotted, false)];
    }
    vec![(alias.to_string(), true)]
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub name: String,
}

/// The names to look for: the dataset's countries (as published) and the aliases.
pub struct Lexicon {
    /// (text to find, canonical name, case-insensitive), longest first.
    names: Vec<(String, String, bool)>,
}

impl Lexicon {
    pub fn new(ds: &Dataset) -> Lexicon {
        let mut names: Vec<(String, String, bool)> = ds
            .all_series()
            .iter()
            .filter(|s| s.kind == EntityKind::Country && s.entity != "United States")
            .filter(|s| s.entity.len() >= 4 && !s.entity.contains(','))
            .map(|s| (s.entity.clone(), s.entity.clone(), false))
            .collect();
        // "Korea, South" is written "South Korea" in running text.
        for s in ds.all_series() {
            if s.kind == EntityKind::Country
                && let Some((a, b)) = s.entity.split_once(", ")
            {
                names.push((format!("{b} {a}"), s.entity.clone(), false));
            }
        }
        for (alias, name) in crate::data::names::aliases() {
            for (text, ci) in text_forms(alias, name) {
                names.push((text, name.to_string(), ci));
            }
        }
        for (alias, name) in ALIASES {
            let lower = alias.chars().next().is_some_and(char::is_lowercase);
            names.push((alias.to_string(), name.to_string(), lower));
        }
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        names.dedup();
        Lexicon { names }
    }

    /// Every entity named in `text`, in order of appearance (overlaps resolved longest first).
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let lower = text.to_ascii_lowercase();
        let mut taken: Vec<Range<usize>> = Vec::new();
        let mut out = Vec::new();
        for (needle, name, ci) in &self.names {
            let hay = if *ci { &lower } else { text };
            let needle_cmp = if *ci {
                needle.to_ascii_lowercase()
            } else {
                needle.clone()
            };
            let mut from = 0;
            while let Some(p) = hay[from..].find(&needle_cmp) {
                let a = from + p;
                let b = a + needle_cmp.len();
                from = b;
                let before_ok = text[..a]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after = text[b..].chars().next();
                let after_ok = after.is_none_or(|c| !c.is_alphanumeric())
                    || (needle.ends_with('.') && after.is_some_and(|c| c.is_whitespace()));
                // "China's" is China; "Indiana" is not India.
                if !before_ok || !after_ok || taken.iter().any(|r| r.start < b && a < r.end) {
                    continue;
                }
                taken.push(a..b);
                out.push(Mention {
                    range: a..b,
                    name: name.clone(),
                });
            }
        }
        out.sort_by_key(|m| m.range.start);
        out
    }
}

/// "these two nations", "both countries", "combined": how many earlier entities the clause adds up.
pub fn group_reference(text: &str) -> Option<usize> {
    let l = text.to_ascii_lowercase();
    for (n, w) in [(2, "two"), (3, "three"), (4, "four")] {
        for noun in ["nations", "countries", "holders", "economies"] {
            if l.contains(&format!("these {w} {noun}")) || l.contains(&format!("the {w} {noun}")) {
                return Some(n);
            }
        }
    }
    (l.contains("both countries")
        || l.contains("both nations")
        || l.starts_with("combined")
        || l.starts_with("together"))
    .then_some(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds() -> Dataset {
        crate::data::Dataset::embedded().expect("embedded data")
    }

    #[test]
    fn names_aliases_and_groups() {
        let lex = Lexicon::new(&ds());
        let names =
            |t: &str| -> Vec<String> { lex.mentions(t).into_iter().map(|m| m.name).collect() };
        assert_eq!(names("Japanese investors offloaded"), vec!["Japan"]);
        assert_eq!(
            names("China, another holder, and Canada"),
            vec!["China, Mainland", "Canada"]
        );
        assert_eq!(names("The U.K., which had been"), vec!["United Kingdom"]);
        assert_eq!(names("foreign investors have sold"), vec![ALL_FOREIGN]);
        assert_eq!(
            names("Central banks aren't just dumping"),
            vec![CENTRAL_BANKS]
        );
        assert_eq!(
            names("accounts in Belgium and other proxies"),
            vec!["Belgium"]
        );
        assert!(names("U.S. Treasuries in Indiana").is_empty());
        // From data::names: initialisms in capitals (dotted or not), longer aliases in any
        // case, and "South Korea" for "Korea, South"; never "us" or "total" as words.
        assert_eq!(
            names("The UK, the UAE and Holland"),
            vec!["United Kingdom", "United Arab Emirates", "Netherlands"]
        );
        assert_eq!(
            names("Mainland China and South Korea, then Great Britain"),
            vec!["China, Mainland", "Korea, South", "United Kingdom"]
        );
        assert!(names("told us the total was official").is_empty());
        assert_eq!(
            group_reference("Combined, these two nations offloaded"),
            Some(2)
        );
        assert_eq!(group_reference("Japan sold"), None);
    }
}
