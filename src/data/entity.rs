//! Entity names and kinds.
//!
//! Official files spell the same holder in several ways ("China, Mainland",
//! `"Korea, South "`, "United Kingdom 2/", "For. Official", WGC's "China").
//! [`canonical_name`] turns each spelling into one name used everywhere, and
//! [`kind_of`] says what sort of entity that name is, so rankings of
//! "countries" never include totals, regions or memo rows.

use std::fmt;
use std::str::FromStr;

/// What sort of holder a row describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// A single economy (as the publisher attributes it, e.g. by custodian).
    Country,
    /// A published aggregate of named countries (Oil Exporters, Carib Bnkng Ctrs, Belgium-Luxembourg).
    CountryGroup,
    /// What is left after the listed holders (All Other).
    Residual,
    /// A grand total (Grand Total, All Countries, all central banks).
    Total,
    /// A regional subtotal (Total Europe, Total Asia, ...).
    Region,
    /// A memo or "of which" row (foreign official, bills, Euro Area, ...).
    Memo,
    /// International and regional organisations.
    IntlOrg,
}

impl EntityKind {
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Country,
        EntityKind::CountryGroup,
        EntityKind::Residual,
        EntityKind::Total,
        EntityKind::Region,
        EntityKind::Memo,
        EntityKind::IntlOrg,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Country => "country",
            EntityKind::CountryGroup => "country_group",
            EntityKind::Residual => "residual",
            EntityKind::Total => "total",
            EntityKind::Region => "region",
            EntityKind::Memo => "memo",
            EntityKind::IntlOrg => "intl_org",
        }
    }

    /// True for everything that is not a single country.
    pub fn is_aggregate(self) -> bool {
        self != EntityKind::Country
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "expected an entity kind (country, country_group, residual, total, region, memo, intl_org), found {s:?}"
                )
            })
    }
}

/// Removes footnote markers (`2/`, `5/`), surrounding quotes and stray spaces.
pub fn clean_label(raw: &str) -> String {
    let mut s = raw.trim().trim_matches('"').trim().to_string();
    // Footnote markers: a trailing token of digits followed by '/'.
    loop {
        let trimmed = s.trim_end();
        let Some(without_slash) = trimmed.strip_suffix('/') else {
            break;
        };
        let digits = without_slash.trim_end_matches(|c: char| c.is_ascii_digit());
        if digits.len() == without_slash.len() || !digits.ends_with(' ') {
            break;
        }
        s = digits.trim_end().to_string();
    }
    // Fold runs of inner white space.
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The one name used for an entity across all files.
pub fn canonical_name(raw: &str) -> String {
    let label = clean_label(raw);
    let mapped = match label.as_str() {
        // Memo rows of the Major Foreign Holders tables.
        "For. Official" => "Of Which: Foreign Official",
        "Treasury Bills" => "Of Which: Foreign Official Treasury Bills",
        "T-Bonds & Notes" => "Of Which: Foreign Official T-Bonds & Notes",
        // Form S spellings.
        "Belgium and Luxembourg" => "Belgium-Luxembourg",
        // World Gold Council spellings.
        "China" => "China, Mainland",
        "Russian Federation" => "Russia",
        "United States of America" => "United States",
        "Taiwan, China" => "Taiwan",
        "Hong Kong SAR" => "Hong Kong",
        "South Korea" => "Korea, South",
        "Syrian Arab Republic" => "Syria",
        // Hand-compiled press figures.
        "All foreign" => "Grand Total",
        "Foreign official" => "Of Which: Foreign Official",
        "Foreign private" => "Of Which: Foreign Non-Official",
        other => other,
    };
    mapped.to_string()
}

/// The kind of a canonical entity name.
pub fn kind_of(name: &str) -> EntityKind {
    match name {
        "Grand Total" | "All Countries" | "Central banks" | "World" => EntityKind::Total,
        "All Other" => EntityKind::Residual,
        "International" | "Total IROs" | "Total Regional Orgs." => EntityKind::IntlOrg,
        "Oil Exporters"
        | "Carib Bnkng Ctrs"
        | "Belgium-Luxembourg"
        | "Channel Islands and Isle of Man"
        | "British West Indies" => EntityKind::CountryGroup,
        _ if name.starts_with("Total ") => EntityKind::Region,
        _ if name.starts_with("Memo:") || name.starts_with("Of Which:") => EntityKind::Memo,
        _ => EntityKind::Country,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_footnotes_quotes_and_spaces() {
        assert_eq!(clean_label("United Kingdom 2/"), "United Kingdom");
        assert_eq!(clean_label("Belgium  5/"), "Belgium");
        assert_eq!(clean_label("\"Korea, South \""), "Korea, South");
        assert_eq!(clean_label("Spain "), "Spain");
        assert_eq!(clean_label("Carib Bnkng Ctrs 4/"), "Carib Bnkng Ctrs");
        assert_eq!(clean_label("  For. Official"), "For. Official");
        assert_eq!(clean_label("Series 6/"), "Series");
    }

    #[test]
    fn one_name_across_files() {
        assert_eq!(canonical_name("\"China, Mainland\""), "China, Mainland");
        assert_eq!(canonical_name("China"), "China, Mainland");
        assert_eq!(canonical_name("Russian Federation"), "Russia");
        assert_eq!(
            canonical_name("    T-Bonds & Notes"),
            "Of Which: Foreign Official T-Bonds & Notes"
        );
        assert_eq!(canonical_name("Belgium-Luxembourg "), "Belgium-Luxembourg");
        assert_eq!(
            canonical_name("Belgium and Luxembourg"),
            "Belgium-Luxembourg"
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of("Japan"), EntityKind::Country);
        assert_eq!(kind_of("Grand Total"), EntityKind::Total);
        assert_eq!(kind_of("All Countries"), EntityKind::Total);
        assert_eq!(kind_of("All Other"), EntityKind::Residual);
        assert_eq!(kind_of("Total Europe"), EntityKind::Region);
        assert_eq!(kind_of("Total IROs"), EntityKind::IntlOrg);
        assert_eq!(kind_of("Memo: Euro Area"), EntityKind::Memo);
        assert_eq!(kind_of("Of Which: Foreign Official"), EntityKind::Memo);
        assert_eq!(kind_of("Oil Exporters"), EntityKind::CountryGroup);
        assert_eq!(kind_of("Belgium-Luxembourg"), EntityKind::CountryGroup);
        for k in EntityKind::ALL {
            assert_eq!(k.as_str().parse::<EntityKind>().unwrap(), k);
        }
    }
}
