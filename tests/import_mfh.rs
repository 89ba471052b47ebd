//! The mfhhis01 reader on small hand-written files in the official format
//! (tests/fixtures/raw/mfh/): tabs, CRLF, quoted and footnoted names, series
//! breaks, memo rows, the closing notes with the vintage stamp.

use claimlens::data::import::{RawFile, mfh};
use claimlens::data::{EntityKind, Flag, Observation, Period};
use claimlens::error::InputError;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/raw/mfh/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str, text: &str) -> Result<Vec<Observation>, InputError> {
    mfh::read(&RawFile { name, text })
}

fn read_fixture(name: &str) -> Result<Vec<Observation>, InputError> {
    read(name, &fixture(name))
}

/// The observations of one entity and month, new series first.
fn find<'a>(obs: &'a [Observation], entity: &str, year: i32, month: u8) -> Vec<&'a Observation> {
    let period = Period::month(year, month);
    let mut found: Vec<&Observation> = obs
        .iter()
        .filter(|o| o.entity == entity && o.period == period)
        .collect();
    found.sort_by_key(|o| o.flag);
    found
}

/// The one value of an entity and month in the new series.
fn value<'a>(obs: &'a [Observation], entity: &str, year: i32, month: u8) -> &'a str {
    let found: Vec<&Observation> = find(obs, entity, year, month)
        .into_iter()
        .filter(|o| o.flag == Flag::None)
        .collect();
    assert_eq!(found.len(), 1, "{entity} {year}-{month}: {found:?}");
    &found[0].value_text
}

fn assert_error(name: &str, line: usize, parts: &[&str]) {
    let e = read_fixture(name).expect_err(name);
    assert_eq!(e.file, name);
    assert_eq!(e.line, Some(line), "{e}");
    for part in parts {
        assert!(e.message.contains(part), "{name}: {part:?} not in {e}");
    }
}

#[test]
fn valid_file_values_and_provenance() {
    let obs = read_fixture("valid.txt").unwrap();
    assert_eq!(obs.len(), 113);
    for o in &obs {
        assert_eq!(o.source, "mfhhis01");
        assert_eq!(o.measure, "holdings");
        assert_eq!(o.unit, "USD billions");
        // Each year's values carry the date of its revision note ("(2011
        // revised August 15, 2018)"); a year without a note, the file's stamp.
        let expected = match o.period.to_string().get(..4) {
            Some("2011") => "2018-08-15",
            _ => "2026-05-18",
        };
        assert_eq!(o.vintage, expected, "{} {}", o.entity, o.period);
        assert!(o.source_url.is_empty());
    }
    let japan = find(&obs, "Japan", 2025, 12);
    assert_eq!(japan[0].value_text, "1185.5");
    assert_eq!(japan[0].line, 10);
    assert_eq!(japan[0].entity_kind, EntityKind::Country);
    assert_eq!(japan[0].period.to_string(), "2025-12");
    assert_eq!(value(&obs, "United Kingdom", 2025, 11), "879.8");
    assert_eq!(value(&obs, "Grand Total", 2025, 10), "9232.9");
    assert_eq!(value(&obs, "Japan", 2000, 4), "322.4");
}

#[test]
fn published_digits_are_kept() {
    let obs = read_fixture("valid.txt").unwrap();
    assert_eq!(value(&obs, "Japan", 2025, 10), "1200");
    assert_eq!(value(&obs, "United Kingdom", 2011, 6), "97.0");
    assert_eq!(value(&obs, "China, Mainland", 2011, 6), "1165.5");
    assert_eq!(value(&obs, "Spain", 2000, 12), "19");
}

#[test]
fn names_are_canonical_with_kinds() {
    let obs = read_fixture("valid.txt").unwrap();
    let kind = |entity: &str| {
        obs.iter()
            .find(|o| o.entity == entity)
            .unwrap_or_else(|| panic!("no {entity}"))
            .entity_kind
    };
    // `"China, Mainland"`, `"Korea, South "`, `United Kingdom 2/`, `Belgium  5/`, `Spain `.
    for country in [
        "China, Mainland",
        "Korea, South",
        "United Kingdom",
        "Belgium",
        "Spain",
    ] {
        assert_eq!(kind(country), EntityKind::Country, "{country}");
    }
    assert_eq!(kind("Oil Exporters"), EntityKind::CountryGroup);
    assert_eq!(kind("Belgium-Luxembourg"), EntityKind::CountryGroup);
    assert_eq!(kind("Grand Total"), EntityKind::Total);
    for memo in [
        "Of Which: Foreign Official",
        "Of Which: Foreign Official Treasury Bills",
        "Of Which: Foreign Official T-Bonds & Notes",
    ] {
        assert_eq!(kind(memo), EntityKind::Memo, "{memo}");
    }
    // Both spellings of Korea land in one series, and the memo label row gives nothing.
    assert_eq!(value(&obs, "Korea, South", 2011, 12), "55.1");
    assert_eq!(value(&obs, "Korea, South", 2025, 12), "140.6");
    assert!(
        obs.iter()
            .all(|o| !o.entity.contains('/') && o.entity != "Of which:")
    );
    assert_eq!(
        value(&obs, "Of Which: Foreign Official Treasury Bills", 2011, 12),
        "357.2"
    );
}

#[test]
fn series_break_keeps_the_old_series_flagged() {
    let obs = read_fixture("valid.txt").unwrap();
    let uk = find(&obs, "United Kingdom", 2011, 6);
    assert_eq!(uk.len(), 2);
    assert_eq!(
        (uk[0].value_text.as_str(), uk[0].flag),
        ("97.0", Flag::None)
    );
    assert_eq!(
        (uk[1].value_text.as_str(), uk[1].flag),
        ("333.2", Flag::OldSeries)
    );
    assert_eq!(uk[1].line, 29);
    // March 2000: new series left, old series right, then empty columns.
    let japan = find(&obs, "Japan", 2000, 3);
    let pairs: Vec<(&str, Flag)> = japan
        .iter()
        .map(|o| (o.value_text.as_str(), o.flag))
        .collect();
    assert_eq!(pairs, [("307.6", Flag::None), ("325.8", Flag::OldSeries)]);
    // The months around a break are single.
    assert_eq!(find(&obs, "United Kingdom", 2011, 5).len(), 1);
    assert_eq!(find(&obs, "United Kingdom", 2011, 7).len(), 1);
    let old: Vec<String> = obs
        .iter()
        .filter(|o| o.flag == Flag::OldSeries)
        .map(|o| o.period.to_string())
        .collect();
    assert_eq!(old.len(), 5 + 3 + 7, "{old:?}"); // Belgium's old June is n.a.
    assert!(old.iter().all(|p| p == "2011-06" || p == "2000-03"));
}

#[test]
fn cells_without_value_give_no_observation() {
    let obs = read_fixture("valid.txt").unwrap();
    // `*` (less than $50 million), an empty cell and `n.a.`.
    assert!(find(&obs, "Korea, South", 2025, 11).is_empty());
    assert!(find(&obs, "El Salvador", 2025, 11).is_empty());
    assert_eq!(value(&obs, "El Salvador", 2025, 10), "91.6");
    let belgium = find(&obs, "Belgium", 2011, 6);
    assert_eq!(belgium.len(), 1);
    assert_eq!(belgium[0].value_text, "33.6");
    // Nothing from the trailing empty columns of 2000.
    assert!(obs.iter().all(|o| o.period >= Period::month(2000, 3)));
}

#[test]
fn line_ends_do_not_matter() {
    let crlf = fixture("valid.txt");
    let lf = crlf.replace("\r\n", "\n");
    let (a, b) = (read("a.txt", &crlf).unwrap(), read("a.txt", &lf).unwrap());
    assert_eq!(a, b);
}

#[test]
fn two_digit_year_stamp() {
    let text = fixture("valid.txt")
        .replace("\r\n5/18/2026\t", "\r\n3/18/26\t")
        .replace("2025 revised May 18, 2026", "2025 revised March 18, 2026");
    let obs = read("old.txt", &text).unwrap();
    assert!(
        obs.iter()
            .filter(|o| !o.period.to_string().starts_with("2011"))
            .all(|o| o.vintage == "2026-03-18")
    );
}

#[test]
fn revision_notes_are_checked() {
    let after_stamp = fixture("valid.txt").replace("\r\n5/18/2026\t", "\r\n3/18/26\t");
    let e = read("old.txt", &after_stamp).unwrap_err();
    assert_eq!(e.line, Some(59), "{e}");
    assert!(e.message.contains("after the file's stamp"), "{e}");

    let garbled = fixture("valid.txt").replace(
        "2011 revised August 15, 2018",
        "2011 revised Augst 15, 2018",
    );
    let e = read("a.txt", &garbled).unwrap_err();
    assert_eq!(e.line, Some(60), "{e}");
    assert!(e.message.contains("(YYYY revised Month D, YYYY)"), "{e}");

    let twice =
        fixture("valid.txt").replace("2011 revised August 15, 2018", "2025 revised May 1, 2026");
    let e = read("a.txt", &twice).unwrap_err();
    assert!(e.message.contains("a second revision note for 2025"), "{e}");
}

#[test]
fn truncated_file() {
    assert_error(
        "truncated.txt",
        31,
        &[
            "ends here without",
            "Department of the Treasury",
            "expected the complete published table",
        ],
    );
}

#[test]
fn empty_or_notes_only_file() {
    let e = read("empty.txt", "").unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("vintage stamp"), "{e}");
    let notes_only = "Department of the Treasury/Federal Reserve Board\r\n5/18/2026\r\n";
    let e = read("notes.txt", notes_only).unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("no yearly block"), "{e}");
}

#[test]
fn bad_vintage_stamp() {
    assert_error(
        "bad_stamp.txt",
        23,
        &["expected the vintage stamp as M/D/YYYY", "\"May 2026\""],
    );
    let cut = "Department of the Treasury/Federal Reserve Board\t\t\r\n\t\t\r\n";
    let e = read("cut.txt", cut).unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("expected the vintage stamp"), "{e}");
}

#[test]
fn garbled_number() {
    assert_error(
        "garbled_number.txt",
        12,
        &["expected a number", "China, Mainland 2025-11", "\"68e.9\""],
    );
}

#[test]
fn unknown_layout_month_row() {
    assert_error(
        "unknown_layout.txt",
        6,
        &["expected a month abbreviation", "column 2", "\"Q4\""],
    );
}

#[test]
fn data_row_before_any_header() {
    assert_error(
        "no_header.txt",
        6,
        &[
            "\"Japan\"",
            "outside a yearly block",
            "expected a month row",
        ],
    );
    // A Country row without a month row above it.
    let text = "Country\t2025\r\nJapan\t1\r\nDepartment of the Treasury\r\n5/18/2026\r\n";
    let e = read("x.txt", text).unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(
        e.message.contains("expected a row of month abbreviations"),
        "{e}"
    );
}

#[test]
fn duplicate_row() {
    assert_error(
        "duplicate_row.txt",
        13,
        &[
            "duplicate row",
            "United Kingdom",
            "line 11",
            "expected each holder once",
        ],
    );
}

#[test]
fn year_row_does_not_match_month_row() {
    assert_error(
        "year_mismatch.txt",
        7,
        &[
            "expected one year for each of the 3 month columns on line 6",
            "found 2",
        ],
    );
}

#[test]
fn more_cells_than_columns() {
    assert_error(
        "extra_cell.txt",
        14,
        &["expected at most 3 values", "\"88.6\"", "column 5"],
    );
}

#[test]
fn month_repeated_apart() {
    let text = fixture("valid.txt").replace(
        "\t\r\n\tDec\tNov\tApr\tMar\tMar",
        "\t\r\n\tDec\tMar\tApr\tMar\tMar",
    );
    let e = read("x.txt", &text).unwrap_err();
    assert_eq!(e.line, Some(43));
    assert!(
        e.message.contains("Mar 2000 appears again in column 5"),
        "{e}"
    );
}
