//! Sources and measures in words (no terminal types), as data/SOURCES.md describes them.
//!
//! Footers, captions and the provenance view name a publisher and a table
//! ("US Treasury, TIC SLT Table 3, released 2026-06") instead of internal ids;
//! the ids stay visible in the provenance view only.

/// One source table: who publishes it and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceInfo {
    /// The tidy table's source id (`slt_table3`).
    pub id: &'static str,
    pub publisher: &'static str,
    /// Short table name (`TIC SLT Table 3`).
    pub table: &'static str,
    /// What the table holds, in words.
    pub title: &'static str,
    /// The raw file the importer reads.
    pub file: &'static str,
    /// Official URL (empty when each value keeps its own page).
    pub url: &'static str,
}

macro_rules! tic_url {
    ($f:literal) => {
        concat!(
            "https://ticdata.treasury.gov/resource-center/data-chart-center/tic/Documents/",
            $f
        )
    };
}

/// Every source of the bundled tables.
pub const SOURCES: [SourceInfo; 11] = [
    SourceInfo {
        id: "mfhhis01",
        publisher: "US Treasury",
        table: "TIC Major Foreign Holders history",
        title: "Major Foreign Holders of Treasury Securities, history",
        file: "mfhhis01.txt",
        url: tic_url!("mfhhis01.txt"),
    },
    SourceInfo {
        id: "slt_table5",
        publisher: "US Treasury",
        table: "TIC SLT Table 5",
        title: "Major Foreign Holders",
        file: "slt_table5.txt",
        url: tic_url!("slt_table5.txt"),
    },
    SourceInfo {
        id: "slt_table3",
        publisher: "US Treasury",
        table: "TIC SLT Table 3",
        title: "US Treasury securities held by foreign residents",
        file: "slt_table3.txt",
        url: tic_url!("slt_table3.txt"),
    },
    SourceInfo {
        id: "slt_table1",
        publisher: "US Treasury",
        table: "TIC SLT Table 1",
        title: "US long-term securities held by foreign residents, by type",
        file: "slt_table1.txt",
        url: tic_url!("slt_table1.txt"),
    },
    SourceInfo {
        id: "s1_globl",
        publisher: "US Treasury",
        table: "TIC Form S",
        title: "gross purchases and sales by foreigners (discontinued)",
        file: "s1_globl.txt",
        url: "https://treasury.gov/resource-center/data-chart-center/tic/Documents/s1_globl.txt",
    },
    SourceInfo {
        id: "fred_sp500",
        publisher: "FRED (St. Louis Fed)",
        table: "series SP500",
        title: "S&P 500 close",
        file: "fred_SP500_daily.csv",
        url: "https://fred.stlouisfed.org/series/SP500",
    },
    SourceInfo {
        id: "fred_dgs10",
        publisher: "FRED (St. Louis Fed)",
        table: "series DGS10",
        title: "10-year Treasury constant-maturity yield",
        file: "fred_DGS10_daily.csv",
        url: "https://fred.stlouisfed.org/series/DGS10",
    },
    SourceInfo {
        id: "fred_dtwexbgs",
        publisher: "FRED (St. Louis Fed)",
        table: "series DTWEXBGS",
        title: "nominal broad US dollar index",
        file: "fred_DTWEXBGS_daily.csv",
        url: "https://fred.stlouisfed.org/series/DTWEXBGS",
    },
    SourceInfo {
        id: "wgc_gold_reserves",
        publisher: "World Gold Council",
        table: "gold reserves by country",
        title: "official gold holdings (IMF IFS based)",
        file: "wgc_gold_reserves_by_country_quarterly.csv",
        url: "https://www.gold.org/goldhub/data/gold-reserves-by-country",
    },
    SourceInfo {
        id: "context_facts",
        publisher: "public reports",
        table: "figures as quoted",
        title: "figures quoted on public pages (FactSet via news reports, WGC Gold Demand Trends)",
        file: "context_facts.csv",
        url: "",
    },
    SourceInfo {
        id: "tic_facts",
        publisher: "press reports",
        table: "TIC figures as the press reported them",
        title: "TIC figures of the monthly releases as news reports and reposted press releases gave them",
        file: "tic_transactions_facts.csv",
        url: "",
    },
];

/// What is known about a source id.
pub fn source(id: &str) -> Option<&'static SourceInfo> {
    SOURCES.iter().find(|s| s.id == id)
}

/// A source in words: `US Treasury, TIC SLT Table 3`; an unknown id as it is.
pub fn source_name(id: &str) -> String {
    match source(id) {
        Some(s) => format!("{}, {}", s.publisher, s.table),
        None => id.to_string(),
    }
}

/// A citation: `US Treasury, TIC SLT Table 3, released 2026-06`.
pub fn cite(id: &str, vintage: &str) -> String {
    if vintage.is_empty() {
        source_name(id)
    } else {
        format!("{}, released {vintage}", source_name(id))
    }
}

/// Where a figure quoted on a page comes from, by the page's host: who first
/// published the figure, and the site that reposted it (as
/// SOURCES-transactions.md and SOURCES-context.md of the raw files record them).
/// `None` for a page no table here names.
const PRESS_ORIGINS: [(&str, &str); 13] = [
    ("tgstat.com", "Bloomberg"),
    ("fixedincome.fidelity.com", "Reuters"),
    ("thespuzz.com", "Live Mint / Barron's"),
    ("beta.bnnbloomberg.ca", "BNN Bloomberg"),
    ("www.kitco.com", "a wire report"),
    ("bigbreakingwire.in", "a news report"),
    ("dailynewsen.com", "a news report"),
    ("financialregnews.com", "the Treasury's TIC press release"),
    ("monetarybrief.com", "the Treasury's TIC press release"),
    ("peer2peernews.com", "the Treasury's TIC press release"),
    ("thefederalnewswire.com", "the Treasury's TIC press release"),
    ("wenewsenglish.pk", "FactSet via CNBC"),
    ("www.vietnam.vn", "FactSet via CNBC"),
];

/// Sites that publish figures of their own (not reposts), with their names.
const ORIGINAL_SITES: [(&str, &str); 2] = [
    ("beta.bnnbloomberg.ca", "BNN Bloomberg"),
    ("www.gold.org", "World Gold Council (gold.org)"),
];

/// The host of a page address (`tgstat.com`).
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// Who a figure quoted on `url` comes from, in words: `Bloomberg (repost:
/// tgstat.com)`, `the Treasury's TIC press release (repost: peer2peernews.com)`,
/// `World Gold Council (gold.org)`, `a page on goldsilver.com`.
pub fn quoted_origin(url: &str, measure: &str) -> String {
    let h = host(url);
    let short = h.strip_prefix("www.").unwrap_or(h);
    if let Some((_, name)) = ORIGINAL_SITES.iter().find(|(x, _)| *x == h) {
        return name.to_string();
    }
    // The measure names who compiled the figure when the page does not.
    let by_measure = if measure.starts_with("wgc_") {
        Some("World Gold Council figures")
    } else if measure.ends_with("_factset") {
        Some("FactSet figures")
    } else {
        None
    };
    match (PRESS_ORIGINS.iter().find(|(x, _)| *x == h), by_measure) {
        (Some((_, o)), _) => format!("{o} (repost: {short})"),
        (None, Some(o)) => format!("{o} (repost: {short})"),
        (None, None) => format!("a page on {short}"),
    }
}

/// Who a value comes from, without its date: the source's name, or for a
/// figure quoted on a page its origin and repost (`Bloomberg (repost:
/// tgstat.com), a press report of the TIC release`).
pub fn value_source(id: &str, measure: &str, url: Option<&str>) -> String {
    match url.filter(|_| url_of_each_value(id)) {
        Some(u) => {
            let origin = quoted_origin(u, measure);
            match (id, origin.starts_with("the Treasury")) {
                ("tic_facts", true) => origin,
                ("tic_facts", false) => format!("{origin}, a press report of the TIC release"),
                _ => format!("{origin}, a public report"),
            }
        }
        None => source_name(id),
    }
}

/// The citation of one value: [`cite`]; for a figure quoted on a page (the
/// hand-compiled tables), who published it and where it was reposted, never
/// the original publisher's name alone (`Bloomberg (repost: tgstat.com), a
/// press report of the TIC release of 2024-11`); for a value standing in for a
/// first release that is not held, the vintage it comes from.
pub fn cite_value(
    id: &str,
    measure: &str,
    vintage: &str,
    stand_in: bool,
    url: Option<&str>,
) -> String {
    if let Some(u) = url.filter(|_| url_of_each_value(id)) {
        let origin = quoted_origin(u, measure);
        let press_release = origin.starts_with("the Treasury");
        return match (id, press_release) {
            ("tic_facts", true) => format!("{origin}, of {vintage}"),
            ("tic_facts", false) => {
                format!("{origin}, a press report of the TIC release of {vintage}")
            }
            _ => format!("{origin}, reported {vintage}"),
        };
    }
    if stand_in {
        format!(
            "{}; first release not held, value as revised on {vintage}",
            source_name(id)
        )
    } else {
        cite(id, vintage)
    }
}

/// Whether each value of a source keeps the page it was quoted from (the hand-compiled tables).
pub fn url_of_each_value(id: &str) -> bool {
    source(id).is_some_and(|s| s.url.is_empty())
}

/// Citations for several (source, vintage) pairs: one per source, with its newest vintage, in first-seen order.
pub fn cite_all<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (s, v) in pairs {
        match seen.iter_mut().find(|(x, _)| *x == s) {
            Some(e) if v > e.1 => e.1 = v,
            Some(_) => {}
            None => seen.push((s, v)),
        }
    }
    seen.iter()
        .map(|(s, v)| cite(s, v))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Measures that publish the same quantity (the Treasury's tables and the
/// first-release figures reported in the press): a value's other vintages
/// and the claims that use it are looked up across them.
const SAME_QUANTITY: &[&[&str]] = &[
    &[
        "holdings",
        "mfh_holdings",
        "press_mfh_holdings",
        "press_mfh_total_holdings",
    ],
    &[
        "lt_net_purchases",
        "lt_treas_net_purchases",
        "press_lt_treas_net_purchases",
    ],
    &[
        "st_net_purchases",
        "st_treas_net_purchases",
        "press_st_treas_net_purchases",
    ],
    &[
        "lt_net_purchases_agency_bonds",
        "press_agency_bonds_net_purchases",
    ],
    &[
        "lt_net_purchases_corporate_bonds",
        "press_corporate_bonds_net_purchases",
    ],
    &[
        "lt_net_purchases_equities",
        "press_us_equities_net_purchases",
    ],
    &[
        "lt_net_purchases_all_securities",
        "pr_lt_us_securities_net_purchases",
    ],
];

/// Every measure that publishes the same quantity as `measure`, itself first.
pub fn same_quantity(measure: &str) -> Vec<&str> {
    let mut out = vec![measure];
    if let Some(g) = SAME_QUANTITY.iter().find(|g| g.contains(&measure)) {
        out.extend(g.iter().copied().filter(|m| *m != measure));
    }
    out
}

/// A measure in words (`net purchases of Treasury bonds and notes`); unknown ids with spaces.
pub fn measure_name(measure: &str) -> String {
    let (base, note) = match (measure.strip_prefix("press_"), measure.strip_prefix("pr_")) {
        (Some(rest), _) => (rest, ", as the press reported it"),
        (_, Some(rest)) => (rest, ", as the Treasury's press release gave it"),
        _ => (measure, ""),
    };
    let words = match base {
        "holdings" | "mfh_holdings" => "holdings of US Treasury securities",
        "mfh_total_holdings" => "total foreign holdings of US Treasury securities",
        "lt_holdings" => "holdings of Treasury bonds and notes",
        "st_holdings" => "holdings of Treasury bills",
        "net_purchases" => "net purchases of Treasury securities",
        "lt_net_purchases" | "lt_treas_net_purchases" | "net_purchases_treas_bonds_notes" => {
            "net purchases of Treasury bonds and notes"
        }
        "lt_treas_net_purchases_3m" => "net purchases of Treasury bonds and notes over 3 months",
        "st_net_purchases" | "st_treas_net_purchases" => "net purchases of Treasury bills",
        "lt_valuation_change" => "valuation change of Treasury bonds and notes",
        "lt_net_purchases_all_securities" | "lt_us_securities_net_purchases" => {
            "net purchases of all long-term US securities"
        }
        "lt_holdings_agency_bonds" => "holdings of US agency bonds",
        "lt_holdings_corporate_bonds" => "holdings of US corporate bonds",
        "lt_net_purchases_agency_bonds" | "agency_bonds_net_purchases" => {
            "net purchases of US agency bonds"
        }
        "lt_net_purchases_corporate_bonds" | "corporate_bonds_net_purchases" => {
            "net purchases of US corporate bonds"
        }
        "lt_net_purchases_equities" | "us_equities_net_purchases" => "net purchases of US equities",
        "gross_purchases_treas_bonds_notes" => "gross purchases of Treasury bonds and notes",
        "gross_sales_treas_bonds_notes" => "gross sales of Treasury bonds and notes",
        "sp500_close" => "S&P 500 close",
        "sp500_record_close" => "S&P 500 record close",
        "sp500_market_value_loss_factset" => "S&P 500 market value lost (FactSet)",
        "sp500_market_value_loss_reuters_approx" => "S&P 500 market value lost (Reuters, approx.)",
        "sp500_market_cap_factset" => "S&P 500 market value (FactSet)",
        "sp500_change_from_record" => "S&P 500 change from its record",
        "sp500_trailing_pe_factset" => "S&P 500 trailing P/E (FactSet)",
        "treasury_10y_yield" => "10-year Treasury yield",
        "broad_dollar_index" => "broad US dollar index",
        "gold_reserves" => "official gold reserves",
        "wgc_cb_net_purchases" | "wgc_cb_net_purchases_secondary" => {
            "central banks' net gold purchases"
        }
        other => return format!("{}{note}", other.replace('_', " ")),
    };
    format!("{words}{note}")
}

/// Short names for long official entity names, chosen so that each stays distinct
/// (`Of Which: Foreign Official` and `Of Which: Foreign Non-Official` must not both
/// become `Of Which: Foreign…`).
const SHORT_NAMES: [(&str, &str); 10] = [
    (
        "Of Which: Foreign Official T-Bonds & Notes",
        "Official: bonds+notes",
    ),
    (
        "Of Which: Foreign Official Treasury Bills",
        "Official: bills",
    ),
    ("Of Which: Foreign Non-Official", "Foreign private"),
    ("Of Which: Foreign Official", "Foreign official"),
    ("Channel Islands and Isle of Man", "Channel Is. & Man"),
    ("British Virgin Islands", "Br. Virgin Islands"),
    ("Saint Kitts and Nevis", "St Kitts and Nevis"),
    ("Memo: European Union", "Memo: EU"),
    ("Memo: Euro Area", "Memo: Euro Area"),
    ("Total Regional Orgs.", "Regional orgs."),
];

/// The name to show where room is short: a deliberate abbreviation, else the name itself.
pub fn short_entity(name: &str) -> &str {
    SHORT_NAMES
        .iter()
        .find(|(long, _)| *long == name)
        .map_or(name, |(_, short)| short)
}

/// The official URL of a source file, for sources published as one file.
pub fn url(id: &str) -> Option<&'static str> {
    source(id).map(|s| s.url).filter(|u| !u.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES_MD: &str = include_str!("../data/SOURCES.md");

    #[test]
    fn every_source_agrees_with_sources_md() {
        for s in SOURCES {
            assert!(
                SOURCES_MD.contains(&format!("| {}.csv |", s.id)),
                "{} not in data/SOURCES.md",
                s.id
            );
            assert!(
                SOURCES_MD.contains(s.url),
                "{} not in data/SOURCES.md",
                s.url
            );
            assert!(
                SOURCES_MD.contains(s.file),
                "{} not in data/SOURCES.md",
                s.file
            );
        }
    }

    #[test]
    fn short_names_stay_distinct() {
        let shorts: Vec<&str> = SHORT_NAMES.iter().map(|(_, s)| *s).collect();
        let mut dedup = shorts.clone();
        dedup.sort_unstable();
        dedup.dedup();
        assert_eq!(dedup.len(), shorts.len());
        assert_ne!(
            short_entity("Of Which: Foreign Official"),
            short_entity("Of Which: Foreign Non-Official")
        );
        assert_eq!(short_entity("Japan"), "Japan");
    }

    #[test]
    fn citations_in_words() {
        assert_eq!(
            cite("slt_table3", "2026-06"),
            "US Treasury, TIC SLT Table 3, released 2026-06"
        );
        assert_eq!(
            cite_all([
                ("mfhhis01", "2026-03-18"),
                ("slt_table5", "2026-06"),
                ("mfhhis01", "2026-05-18")
            ]),
            "US Treasury, TIC Major Foreign Holders history, released 2026-05-18; \
             US Treasury, TIC SLT Table 5, released 2026-06"
        );
        assert_eq!(
            measure_name("press_lt_treas_net_purchases_3m"),
            "net purchases of Treasury bonds and notes over 3 months, as the press reported it"
        );
        // Press figures name the outlet and the repost, never the Treasury as publisher.
        assert_eq!(
            cite_value(
                "tic_facts",
                "press_lt_treas_net_purchases_3m",
                "2024-11",
                false,
                Some("https://tgstat.com/fa/channel/@TheParadigmShiftChannel/1973")
            ),
            "Bloomberg (repost: tgstat.com), a press report of the TIC release of 2024-11"
        );
        assert_eq!(
            quoted_origin(
                "https://peer2peernews.com/feed/4528987",
                "pr_lt_us_securities_net_purchases"
            ),
            "the Treasury's TIC press release (repost: peer2peernews.com)"
        );
        assert_eq!(
            quoted_origin(
                "https://beta.bnnbloomberg.ca/investing/x",
                "press_lt_treas_net_purchases"
            ),
            "BNN Bloomberg"
        );
        assert_eq!(
            quoted_origin("https://goldsilver.com/x", "wgc_cb_net_purchases"),
            "World Gold Council figures (repost: goldsilver.com)"
        );
        assert_eq!(
            quoted_origin("https://example.org/x", "other"),
            "a page on example.org"
        );
        assert_eq!(
            cite_value("slt_table3", "lt_net_purchases", "2026-06", true, None),
            "US Treasury, TIC SLT Table 3; first release not held, value as revised on 2026-06"
        );
        assert_eq!(measure_name("odd_id"), "odd id");
    }
}
