//! Blocs: the bundled definitions, bloc series against members' published
//! values (read by eye from mfhhis01_20260518.txt), coverage and errors.

use claimlens::data::blocs::{Blocs, bloc_series, bloc_share};
use claimlens::data::{Dataset, Period, Vintage};
use std::sync::OnceLock;

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::embedded().unwrap())
}

fn bundled() -> Blocs {
    Blocs::embedded(ds()).unwrap()
}

#[test]
fn bundled_blocs_parse_and_name_known_entities() {
    let blocs = bundled();
    for id in [
        "G7",
        "EU",
        "Euro area",
        "West",
        "BRICS",
        "BRICS+",
        "ASEAN",
        "ASEAN+3",
        "Gulf",
        "Custodial",
    ] {
        assert!(blocs.get(id).is_some(), "{id}");
    }
    // Included blocs bring their members and dates.
    let west = blocs.get("west").unwrap();
    for m in ["Japan", "Germany", "Poland", "Norway", "Australia"] {
        assert!(west.member_names().contains(&m), "{m}");
    }
    let uk_2021 = west.members_in(&Period::month(2021, 6));
    // The UK stays in the West through the G7 after leaving the EU.
    assert!(uk_2021.contains(&"United Kingdom"));
    let eu = blocs.get("EU").unwrap();
    assert!(
        !eu.members_in(&Period::month(2021, 6))
            .contains(&"United Kingdom")
    );
    assert!(
        eu.members_in(&Period::month(2020, 1))
            .contains(&"United Kingdom")
    );
    assert!(!eu.members_in(&Period::month(2013, 6)).contains(&"Croatia"));
    assert!(eu.members_in(&Period::month(2013, 7)).contains(&"Croatia"));
    // BRICS+: Indonesia from 2025-01.
    let plus = blocs.get("BRICS+").unwrap();
    assert!(
        !plus
            .members_in(&Period::month(2024, 12))
            .contains(&"Indonesia")
    );
    assert!(
        plus.members_in(&Period::month(2025, 1))
            .contains(&"Indonesia")
    );
    assert!(blocs.custodial_of("Cayman Islands").is_some());
    assert!(blocs.custodial_of("Japan").is_none());
}

#[test]
fn g7_holdings_equal_the_sum_of_members_published_values() {
    let blocs = bundled();
    let g7 = blocs.get("G7").unwrap();
    let s = bloc_series(ds(), g7, "mfhhis01", "holdings", &Vintage::Latest).unwrap();
    assert_eq!(s.unit, "USD billions");
    // mfhhis01_20260518.txt, 2024 block: Japan, UK, France, Germany, Italy, Canada.
    let expected = [
        (1, 1140.6 + 701.8 + 256.4 + 94.5 + 45.3 + 351.3),
        (2, 1147.6 + 711.5 + 271.0 + 95.5 + 44.9 + 365.3),
        (3, 1167.0 + 736.4 + 271.9 + 94.3 + 43.7 + 369.4),
    ];
    for (month, sum) in expected {
        let p = s
            .points
            .iter()
            .find(|p| p.period == Period::month(2024, month))
            .unwrap();
        assert!(
            (p.value - sum).abs() < 1e-9,
            "2024-{month:02}: {} vs {sum}",
            p.value
        );
        // The United States holds no foreign-held US debt: missing, not zero.
        assert_eq!(p.missing, ["United States"]);
        assert_eq!(p.coverage(), (6, 7));
    }
}

#[test]
fn a_member_that_left_a_table_is_missing_not_zero() {
    let blocs = bundled();
    let brics = blocs.get("BRICS").unwrap();
    let s = bloc_series(ds(), brics, "mfhhis01", "holdings", &Vintage::Latest).unwrap();
    // Russia is listed among the major holders until December 2018 (13.2).
    let dec18 = s
        .points
        .iter()
        .find(|p| p.period == Period::month(2018, 12))
        .unwrap();
    assert!(dec18.present.iter().any(|m| m == "Russia"));
    let jun24 = s
        .points
        .iter()
        .find(|p| p.period == Period::month(2024, 6))
        .unwrap();
    assert!(jun24.missing.iter().any(|m| m == "Russia"), "{jun24:?}");
    assert!(jun24.present.iter().any(|m| m == "China, Mainland"));
    // Before the first BRIC summit there is no bloc.
    assert!(s.points.iter().all(|p| p.period >= Period::month(2009, 6)));
}

fn parse_err(text: &str) -> String {
    Blocs::parse(ds(), "blocs.toml", text)
        .unwrap_err()
        .to_string()
}

#[test]
fn errors_name_the_line_and_what_was_expected() {
    let head = "[[bloc]]\nid = \"X\"\nname = \"x\"\nwhy = \"w\"\nsource = \"s\"\n";
    let e = parse_err(&format!(
        "{head}members = [\n  {{ entity = \"Jpan\" }},\n]\n"
    ));
    assert!(
        e.starts_with("blocs.toml:7:") && e.contains("unknown entity \"Jpan\""),
        "{e}"
    );
    let e = parse_err(&format!(
        "{head}members = [\n  {{ entity = \"Japan\", absent = true }},\n]\n"
    ));
    assert!(
        e.starts_with("blocs.toml:7:") && e.contains("marked absent"),
        "{e}"
    );
    let e = parse_err(&format!(
        "{head}members = [\n  {{ entity = \"Japan\", from = \"2024-13\" }},\n]\n"
    ));
    assert!(
        e.starts_with("blocs.toml:7:") && e.contains("YYYY-MM"),
        "{e}"
    );
    let e = parse_err(&format!(
        "{head}members = [\n  {{ entity = \"Japan\", from = \"2024-05\", to = \"2024-01\" }},\n]\n"
    ));
    assert!(e.contains("before from"), "{e}");
    let e = parse_err(&format!("{head}include = [\"Nope\"]\n"));
    assert!(
        e.starts_with("blocs.toml:6:") && e.contains("no such bloc above"),
        "{e}"
    );
    let e = parse_err(&format!(
        "{head}members = [{{ entity = \"Japan\" }}]\n{head}members = [{{ entity = \"Japan\" }}]\n"
    ));
    assert!(
        e.starts_with("blocs.toml:8:") && e.contains("defined twice"),
        "{e}"
    );
    let e = parse_err(&format!(
        "{head}members = [{{ entity = \"Japan\", colour = 1 }}]\n"
    ));
    assert!(
        e.starts_with("blocs.toml:6:") && e.contains("colour"),
        "{e}"
    );
    let e = parse_err(&format!("{head}\n"));
    assert!(e.contains("has no members"), "{e}");
}

#[test]
fn a_case_can_define_and_replace_blocs() {
    let mut blocs = bundled();
    let own = Blocs::parse(
        ds(),
        "case/blocs.toml",
        "[[bloc]]\nid = \"g7\"\nname = \"G7 without Japan\"\nwhy = \"test\"\nsource = \"test\"\nmembers = [{ entity = \"united kingdom\" }, { entity = \"Canada\" }]\n\n[[bloc]]\nid = \"Pair\"\nname = \"Japan and China\"\nwhy = \"the article's two sellers\"\nsource = \"the article\"\nmembers = [{ entity = \"Japan\" }, { entity = \"China, Mainland\" }]\n",
    )
    .unwrap();
    blocs.overlay(own);
    let g7 = blocs.get("G7").unwrap();
    assert_eq!(g7.member_names(), ["United Kingdom", "Canada"]);
    let pair = blocs.get("pair").unwrap();
    let s = bloc_series(ds(), pair, "mfhhis01", "holdings", &Vintage::Latest).unwrap();
    let p = s
        .points
        .iter()
        .find(|p| p.period == Period::month(2024, 6))
        .unwrap();
    // Japan 1091.4 + China 780.2 in June 2024.
    assert!((p.value - (1091.4 + 780.2)).abs() < 1e-9, "{}", p.value);
}

#[test]
fn share_of_all_foreign_holdings() {
    let blocs = bundled();
    let g7 = blocs.get("G7").unwrap();
    let shares = bloc_share(
        ds(),
        g7,
        ("mfhhis01", "holdings"),
        "Grand Total",
        &Vintage::Latest,
    )
    .unwrap();
    let jan = shares
        .iter()
        .find(|s| s.period == Period::month(2024, 1))
        .unwrap();
    // Grand Total 2024-01: 7953.8 (mfhhis01_20260518.txt).
    assert!((jan.total - 7953.8).abs() < 1e-9);
    let members = 1140.6 + 701.8 + 256.4 + 94.5 + 45.3 + 351.3;
    assert!(
        (jan.percent - members / 7953.8 * 100.0).abs() < 1e-9,
        "{}",
        jan.percent
    );
    assert_eq!(jan.point.missing, ["United States"]);
    // The picture starts where the table does (2000-03) and is never above 100 %.
    assert_eq!(
        shares.first().map(|s| s.period),
        Some(Period::month(2000, 3))
    );
    assert!(shares.iter().all(|s| s.percent > 0.0 && s.percent < 100.0));
}
