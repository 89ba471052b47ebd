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

fn run(args: &[&str]) -> (i32, String, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn cli_bloc_series_is_the_sum_of_the_members_with_its_coverage() {
    let (code, out, err) = run(&[
        "blocs",
        "G7",
        "--series",
        "mfhhis01/holdings",
        "--from",
        "2024-01",
        "--to",
        "2024-03",
    ]);
    assert_eq!(code, 0, "{err}");
    // mfhhis01_20260518.txt, 2024 block: Japan + UK + France + Germany + Italy + Canada;
    // the United States belongs to the G7 but is no foreign holder: missing, 6 of 7.
    let rows: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| l.starts_with("2024-"))
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    let sums = [
        1140.6 + 701.8 + 256.4 + 94.5 + 45.3 + 351.3,
        1147.6 + 711.5 + 271.0 + 95.5 + 44.9 + 365.3,
        1167.0 + 736.4 + 271.9 + 94.3 + 43.7 + 369.4,
    ];
    assert_eq!(rows.len(), 3, "{out}");
    for (i, (row, sum)) in rows.iter().zip(sums).enumerate() {
        assert_eq!(row[0], format!("2024-0{}", i + 1), "{out}");
        let v: f64 = row[1].replace(',', "").parse().unwrap();
        assert!((v - sum).abs() < 1e-6, "{v} vs {sum}");
        assert_eq!(row[2], "6/7", "{out}");
        assert_eq!(row[3], "United States", "{out}");
    }
    assert!(out.contains("USD billions"), "{out}");
}

#[test]
fn cli_lists_blocs_and_shows_one() {
    let (code, out, _) = run(&["blocs"]);
    assert_eq!(code, 0);
    let custodial = out.lines().find(|l| l.starts_with("Custodial")).unwrap();
    assert!(custodial.ends_with("yes"), "{custodial}");
    let g7 = out.lines().find(|l| l.starts_with("G7 ")).unwrap();
    assert!(g7.contains("Group of Seven") && g7.contains(" 7"), "{g7}");

    let (code, out, _) = run(&["blocs", "eu"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("EU: European Union\n"), "{out}");
    let uk = out
        .lines()
        .find(|l| l.starts_with("United Kingdom"))
        .unwrap();
    assert!(uk.contains("1973-01") && uk.contains("2020-01"), "{uk}");
    assert!(out.contains("source:"), "{out}");
    // Per table, how many members have data.
    let mfh = out
        .lines()
        .find(|l| l.starts_with("mfhhis01/holdings"))
        .unwrap();
    assert!(mfh.contains(" of 28"), "{mfh}");

    let (_, out, _) = run(&["blocs", "Custodial"]);
    assert!(out.contains("custodial: yes"), "{out}");
    assert!(out.contains("not the country of their owner"), "{out}");
}

#[test]
fn cli_bad_bloc_input_is_exit_2() {
    let (code, _, err) = run(&["blocs", "G8"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown bloc \"G8\"") && err.contains("G7, EU"),
        "{err}"
    );
    let (code, _, err) = run(&["blocs", "G7", "--series", "holdings"]);
    assert_eq!(code, 2);
    assert!(err.contains("expected SOURCE/MEASURE"), "{err}");
    let (code, _, err) = run(&["blocs", "G7", "--series", "mfhhis01/nope"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn cli_reads_a_case_blocs_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("blocs.toml"),
        "[[bloc]]\nid = \"Pair\"\nname = \"Japan and China\"\nwhy = \"test\"\nsource = \"test\"\nmembers = [{ entity = \"Japan\" }, { entity = \"China, Mainland\" }]\n",
    )
    .unwrap();
    let case = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["blocs", "--case", case]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().any(|l| l.starts_with("Pair")), "{out}");
    std::fs::write(
        dir.path().join("blocs.toml"),
        "[[bloc]]\nid = \"Pair\"\nname = \"x\"\nwhy = \"test\"\nsource = \"test\"\nmembers = [{ entity = \"Japan\", from = \"2024\" }]\n",
    )
    .unwrap();
    let (code, _, err) = run(&["blocs", "--case", case]);
    assert_eq!(code, 2);
    assert!(err.contains("blocs.toml:6:"), "{err}");
    assert!(err.contains("expected a month as YYYY-MM"), "{err}");
}

#[test]
fn the_custodial_caveat_appears_in_every_check_format() {
    let words = "TIC records the country of the custodian that holds the securities, not the country of their owner";
    for format in ["text", "markdown", "json"] {
        let (code, out, err) = run(&["check", "--format", format]);
        assert_eq!(code, 0, "{err}");
        // belgium-custodial (a statement without a check) and uk-largest-seller-dec (a rank).
        assert!(
            out.contains(&format!(
                "Belgium is a custodial or financial centre (bloc Custodial): {words}"
            )),
            "{format}"
        );
        assert!(
            out.contains(&format!(
                "United Kingdom is a custodial or financial centre (bloc Custodial): {words}"
            )),
            "{format}"
        );
    }
}

/// `n` blocs, each including every bloc before it and adding one dated
/// membership of Norway beside Japan: without de-duplication bloc k would
/// hold 2^k memberships.
fn blocs_including_all_before(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let include: Vec<String> = (0..i).map(|j| format!("\"B{j}\"")).collect();
        text.push_str(&format!(
            "[[bloc]]\nid = \"B{i}\"\nname = \"b\"\nwhy = \"w\"\nsource = \"s\"\ninclude = [{}]\nmembers = [{{ entity = \"Japan\" }}, {{ entity = \"Norway\", from = \"2020-{:02}\" }}]\n\n",
            include.join(", "),
            i % 12 + 1
        ));
    }
    text
}

#[test]
fn blocs_that_include_every_bloc_before_them_are_expanded_once() {
    // 200 blocs (170 KB): before, the last would have held 2^200 memberships.
    let text = blocs_including_all_before(200);
    let blocs = Blocs::parse_tables(ds(), "c.toml", &text).unwrap();
    assert_eq!(blocs.blocs.len(), 200);
    // Each distinct membership once: Japan and Norway's twelve dated spells.
    for b in &blocs.blocs {
        assert!(b.members.len() <= 13, "{}: {}", b.id, b.members.len());
    }
    assert_eq!(blocs.get("B199").unwrap().members.len(), 13);
    assert_eq!(
        blocs.get("B199").unwrap().member_names(),
        ["Japan", "Norway"]
    );
}

#[test]
fn include_cycles_and_oversized_blocs_are_refused_with_file_and_line() {
    let bloc = |id: &str, include: &str, members: &str| {
        format!(
            "[[bloc]]\nid = \"{id}\"\nname = \"n\"\nwhy = \"w\"\nsource = \"s\"\ninclude = [{include}]\nmembers = [{members}]\n"
        )
    };
    let japan = "{ entity = \"Japan\" }";
    let err = |text: &str| Blocs::parse_tables(ds(), "c.toml", text).unwrap_err();

    // A bloc including itself, and two blocs including each other.
    let e = err(&bloc("A", "\"A\"", japan));
    assert_eq!(e.line, Some(6), "{e}");
    assert!(
        e.message.contains("includes itself (an include cycle)"),
        "{e}"
    );
    let text = bloc("A", "\"B\"", japan) + &bloc("B", "\"A\"", japan);
    let e = err(&text);
    assert_eq!((e.file.as_str(), e.line), ("c.toml", Some(6)), "{e}");
    assert!(e.message.contains("defined below"), "{e}");

    // 1,001 distinct memberships in one bloc: the one over the bound is named.
    let many: Vec<String> = (0..1001)
        .map(|k| {
            format!(
                "{{ entity = \"Japan\", from = \"{}-{:02}\" }}",
                1900 + k / 12,
                k % 12 + 1
            )
        })
        .collect();
    let text = bloc("Big", "", &many.join(",\n"));
    let e = err(&text);
    assert_eq!(e.line, Some(7 + 1000), "{e}");
    assert!(e.message.contains("more than 1000 members"), "{e}");

    // 1,000 memberships included again by 100 blocs: over 100,000 in all.
    let mut text = bloc("Big", "", &many[..1000].join(",\n"));
    for k in 0..100 {
        text.push_str(&bloc(&format!("C{k}"), "\"Big\"", &many[0]));
    }
    let e = err(&text);
    let line = text.match_indices("id = \"C99\"").next().unwrap().0;
    assert_eq!(e.line, Some(1 + text[..line].matches('\n').count()), "{e}");
    assert!(e.message.contains("more than 100000 members in all"), "{e}");
}
