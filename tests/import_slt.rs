//! The SLT Table 3 and Table 5 readers on small fixtures written in the
//! official formats (tabs, CRLF, padded lines, `n.a.` cells, notes at the end),
//! and on broken variants of them.

use claimlens::data::import::{RawFile, slt, text};
use claimlens::data::{EntityKind, Observation, Period};
use claimlens::error::InputError;

const TABLE3: &str = include_str!("fixtures/raw/slt/slt_table3.txt");
const TABLE3_TRUNCATED: &str = include_str!("fixtures/raw/slt/slt_table3_truncated.txt");
const TABLE5: &str = include_str!("fixtures/raw/slt/slt_table5.txt");

fn read3(text: &str) -> Result<Vec<Observation>, InputError> {
    slt::read_table3(&RawFile {
        name: "slt_table3.txt",
        text,
    })
}

fn read5(text: &str) -> Result<Vec<Observation>, InputError> {
    slt::read_table5(&RawFile {
        name: "slt_table5.txt",
        text,
    })
}

mod common;
use common::with_line;

/// The fixture with line `n` inserted before the current line `n`.
fn insert_line(text: &str, n: usize, new: &str) -> String {
    let mut lines: Vec<&str> = text.split("\r\n").collect();
    lines.insert(n - 1, new);
    lines.join("\r\n")
}

fn line(text: &str, n: usize) -> &str {
    text.split("\r\n").nth(n - 1).unwrap()
}

fn find<'a>(
    obs: &'a [Observation],
    measure: &str,
    entity: &str,
    period: Period,
) -> Option<&'a Observation> {
    obs.iter()
        .find(|o| o.measure == measure && o.entity == entity && o.period == period)
}

fn value<'a>(obs: &'a [Observation], measure: &str, entity: &str, period: Period) -> &'a str {
    &find(obs, measure, entity, period)
        .unwrap_or_else(|| panic!("no {measure} {entity} {period}"))
        .value_text
}

fn assert_error(
    result: Result<Vec<Observation>, InputError>,
    file: &str,
    line: usize,
    words: &[&str],
) {
    let e = result.expect_err("the reader should reject this input");
    assert_eq!(e.file, file, "{e}");
    assert_eq!(e.line, Some(line), "{e}");
    for w in words {
        assert!(e.message.contains(w), "{w:?} missing from: {e}");
    }
}

// ---- Table 3: valid input ----

#[test]
fn table3_reads_every_measure_with_signs_as_published() {
    let obs = read3(TABLE3).unwrap();
    let sep = Period::month(2024, 9);
    assert_eq!(value(&obs, "holdings", "Japan", sep), "1095000");
    assert_eq!(value(&obs, "net_purchases", "Japan", sep), "-16800");
    assert_eq!(value(&obs, "lt_holdings", "Japan", sep), "992000");
    assert_eq!(value(&obs, "lt_net_purchases", "Japan", sep), "-29100");
    assert_eq!(value(&obs, "lt_valuation_change", "Japan", sep), "3600");
    assert_eq!(value(&obs, "st_holdings", "Japan", sep), "103000");
    assert_eq!(value(&obs, "st_net_purchases", "Japan", sep), "12300");
    // Positive = foreign net buying, negative = net selling; nothing is flipped.
    let jan25 = Period::month(2025, 1);
    assert_eq!(
        value(&obs, "lt_net_purchases", "United Kingdom", jan25),
        "36700"
    );
    assert_eq!(
        value(
            &obs,
            "lt_net_purchases",
            "United Kingdom",
            Period::month(2024, 12)
        ),
        "-34100"
    );
    assert_eq!(
        value(&obs, "lt_net_purchases", "Saint Kitts and Nevis", jan25),
        "-0"
    );
}

#[test]
fn table3_observations_carry_source_unit_vintage_and_line() {
    let obs = read3(TABLE3).unwrap();
    let o = find(&obs, "lt_net_purchases", "Japan", Period::month(2024, 7)).unwrap();
    assert_eq!(o.source, "slt_table3");
    assert_eq!(o.unit, "USD millions");
    assert_eq!(o.vintage, "2026-06");
    assert_eq!(o.line, 19);
    assert_eq!(o.value(), -10900.0);
}

#[test]
fn table3_na_cells_give_no_observation() {
    let obs = read3(TABLE3).unwrap();
    let jan23 = Period::month(2023, 1);
    for measure in ["net_purchases", "lt_net_purchases", "lt_valuation_change"] {
        assert!(find(&obs, measure, "Japan", jan23).is_none(), "{measure}");
    }
    assert_eq!(value(&obs, "holdings", "Japan", jan23), "1102000");
    assert_eq!(value(&obs, "st_net_purchases", "Japan", jan23), "-7200");
    // Greece: total and short-term columns are n.a. in every month.
    let sep = Period::month(2024, 9);
    assert!(find(&obs, "holdings", "Greece", sep).is_none());
    assert!(find(&obs, "st_holdings", "Greece", sep).is_none());
    assert_eq!(value(&obs, "lt_net_purchases", "Greece", sep), "-48");
    // 16 rows x 7 values, less 3 n.a. for Japan 2023-01 and 4 for each Greece row.
    assert_eq!(obs.len(), 16 * 7 - 3 - 2 * 4);
}

#[test]
fn table3_names_are_canonical_with_kinds() {
    let obs = read3(TABLE3).unwrap();
    let kind = |entity: &str| {
        obs.iter()
            .find(|o| o.entity == entity)
            .unwrap_or_else(|| panic!("no {entity}"))
            .entity_kind
    };
    assert_eq!(kind("China, Mainland"), EntityKind::Country);
    assert_eq!(kind("Japan"), EntityKind::Country);
    assert_eq!(kind("Grand Total"), EntityKind::Total);
    assert_eq!(kind("Total IROs"), EntityKind::IntlOrg);
    assert_eq!(kind("Memo: Euro Area"), EntityKind::Memo);
    assert_eq!(kind("Of Which: Foreign Official"), EntityKind::Memo);
}

// ---- Table 3: broken input ----

#[test]
fn table3_unknown_layout_names_line_9_and_the_expected_columns() {
    let renamed = with_line(
        TABLE3,
        9,
        &line(TABLE3, 9).replace("for_lt_treas_net", "for_lt_treas_netx"),
    );
    assert_error(
        read3(&renamed),
        "slt_table3.txt",
        9,
        &[
            "unknown layout",
            "country, country_code, date, for_treas_pos",
            "for_st_treas_net",
        ],
    );
    let reordered = with_line(
        TABLE3,
        9,
        "country\tcountry_code\tdate\tfor_treas_net\tfor_treas_pos\tfor_lt_treas_pos\tfor_lt_treas_net\tfor_lt_treas_valchg\tfor_st_treas_pos\tfor_st_treas_net",
    );
    assert_error(read3(&reordered), "slt_table3.txt", 9, &["unknown layout"]);
}

#[test]
fn table3_units_other_than_millions_are_refused() {
    let billions = with_line(TABLE3, 4, "Billions of dollars\t\t\t\t\t\t\t\t\t");
    assert_error(
        read3(&billions),
        "slt_table3.txt",
        4,
        &["Millions of dollars"],
    );
}

#[test]
fn table3_garbled_number_names_line_and_column() {
    let garbled = with_line(TABLE3, 18, &line(TABLE3, 18).replace("-22300", "-22 3OO"));
    assert_error(
        read3(&garbled),
        "slt_table3.txt",
        18,
        &["expected a number", "for_lt_treas_net", "-22 3OO"],
    );
    let dash = with_line(TABLE3, 18, &line(TABLE3, 18).replace("-22300", "-"));
    assert_error(read3(&dash), "slt_table3.txt", 18, &["for_lt_treas_net"]);
}

#[test]
fn table3_wrong_cell_count() {
    let short = with_line(
        TABLE3,
        17,
        "Japan\t42609\t2024-09\t1095000\t-16800\t992000\t-29100\t3600\t103000",
    );
    assert_error(
        read3(&short),
        "slt_table3.txt",
        17,
        &["expected 10 tab-separated cells", "found 9"],
    );
    let long = with_line(TABLE3, 17, &format!("{}\t", line(TABLE3, 17)));
    assert_error(read3(&long), "slt_table3.txt", 17, &["found 11"]);
}

#[test]
fn table3_bad_date_and_country_code() {
    let date = with_line(TABLE3, 20, &line(TABLE3, 20).replace("2023-02", "2023-13"));
    assert_error(
        read3(&date),
        "slt_table3.txt",
        20,
        &["expected a month as YYYY-MM", "2023-13"],
    );
    let iso_day = with_line(
        TABLE3,
        20,
        &line(TABLE3, 20).replace("2023-02", "2023-02-28"),
    );
    assert_error(read3(&iso_day), "slt_table3.txt", 20, &["YYYY-MM"]);
    let code = with_line(TABLE3, 20, &line(TABLE3, 20).replace("42609", "JP"));
    assert_error(
        read3(&code),
        "slt_table3.txt",
        20,
        &["numeric country code", "JP"],
    );
    let name = with_line(TABLE3, 20, &line(TABLE3, 20).replace("Japan", " "));
    assert_error(read3(&name), "slt_table3.txt", 20, &["country name"]);
}

#[test]
fn table3_duplicate_row_names_both_lines() {
    let dup = insert_line(TABLE3, 19, line(TABLE3, 18));
    assert_error(
        read3(&dup),
        "slt_table3.txt",
        19,
        &["duplicate row", "Japan 2024-08", "line 18"],
    );
}

#[test]
fn table3_truncated_file() {
    // Cut in the middle of a row (line 15): the notes are missing.
    assert_error(
        read3(TABLE3_TRUNCATED),
        "slt_table3.txt",
        15,
        &["ends without notes", "truncated"],
    );
    // Cut at a row's end: the notes are missing.
    let at_row_end: String = TABLE3.split_inclusive("\r\n").take(25).collect();
    assert_error(
        read3(&at_row_end),
        "slt_table3.txt",
        26,
        &["Notes:", "truncated"],
    );
    // Only the header.
    let header: String = TABLE3.split_inclusive("\r\n").take(9).collect();
    assert_error(
        read3(&header),
        "slt_table3.txt",
        10,
        &["no data rows", "line 10"],
    );
    let header_and_notes = format!("{header}\t\t\t\t\t\t\t\t\t\r\nNotes:\r\n");
    assert_error(
        read3(&header_and_notes),
        "slt_table3.txt",
        10,
        &["no data rows"],
    );
    let few_lines: String = TABLE3.split_inclusive("\r\n").take(5).collect();
    // The error names the file's last line, not a line past its end.
    assert_error(
        read3(&few_lines),
        "slt_table3.txt",
        6,
        &["the file ends at line 6", "the column names on line 9"],
    );
}

#[test]
fn table3_data_after_the_notes_or_a_blank_line_in_the_data() {
    let late = format!("{TABLE3}Japan\t42609\t2022-12\t1\t2\t3\t4\t5\t6\t7\r\n");
    assert_error(
        read3(&late),
        "slt_table3.txt",
        33,
        &[
            "expected only notes after `Notes:`",
            "found a data row",
            "line 27",
        ],
    );
    let gap = insert_line(TABLE3, 15, "\t\t\t\t\t\t\t\t\t");
    assert_error(
        read3(&gap),
        "slt_table3.txt",
        16,
        &["expected `Notes:`", "line 15"],
    );
}

#[test]
fn table3_non_utf8_and_empty_files_are_refused_by_decode() {
    let mut bytes = TABLE3.as_bytes().to_vec();
    let at = TABLE3.find("Japan").unwrap();
    bytes[at + 1] = 0xE4; // a Latin-1 "ä"
    let e = text::decode("slt_table3.txt", &bytes).unwrap_err();
    assert_eq!((e.file.as_str(), e.line), ("slt_table3.txt", Some(17)));
    assert!(e.message.contains("UTF-8"));
    let e = text::decode("slt_table3.txt", b"\r\n\t\t\r\n").unwrap_err();
    assert!(e.message.contains("empty"), "{e}");
}

// ---- Table 5 ----

#[test]
fn table5_reads_holdings_per_month() {
    let obs = read5(TABLE5).unwrap();
    assert_eq!(obs.len(), 8 * 3);
    let apr = Period::month(2026, 4);
    let o = find(&obs, "holdings", "Japan", apr).unwrap();
    assert_eq!(
        (
            o.value_text.as_str(),
            o.source.as_str(),
            o.unit.as_str(),
            o.vintage.as_str(),
            o.line
        ),
        ("1209.9", "slt_table5", "USD billions", "2026-06", 7)
    );
    assert_eq!(
        value(&obs, "holdings", "Japan", Period::month(2026, 2)),
        "1239.3"
    );
    // Published digits are kept, including a trailing zero.
    assert_eq!(
        value(&obs, "holdings", "Canada", Period::month(2026, 2)),
        "1200.0"
    );
    // Unquoted name with a comma, and a stray space.
    assert_eq!(value(&obs, "holdings", "China, Mainland", apr), "651.1");
    assert_eq!(value(&obs, "holdings", "Korea, South", apr), "135.2");
}

#[test]
fn table5_kinds() {
    let obs = read5(TABLE5).unwrap();
    let kind = |e: &str| obs.iter().find(|o| o.entity == e).unwrap().entity_kind;
    assert_eq!(kind("China, Mainland"), EntityKind::Country);
    assert_eq!(kind("All Other"), EntityKind::Residual);
    assert_eq!(kind("Grand Total"), EntityKind::Total);
    assert_eq!(kind("Of Which: Foreign Official"), EntityKind::Memo);
}

#[test]
fn table5_na_cell_is_skipped() {
    let na = with_line(TABLE5, 8, "United Kingdom\t937.5\tn.a.\t897.3");
    let obs = read5(&na).unwrap();
    assert!(find(&obs, "holdings", "United Kingdom", Period::month(2026, 3)).is_none());
    assert_eq!(obs.len(), 8 * 3 - 1);
}

#[test]
fn table5_header_row_layout() {
    let renamed = with_line(TABLE5, 6, "Holder\t2026-04\t2026-03\t2026-02");
    assert_error(
        read5(&renamed),
        "slt_table5.txt",
        6,
        &["unknown layout", "`Country`", "YYYY-MM"],
    );
    let bad_month = with_line(TABLE5, 6, "Country\t2026-04\tApr 2026\t2026-02");
    assert_error(read5(&bad_month), "slt_table5.txt", 6, &["unknown layout"]);
    let no_months = with_line(TABLE5, 6, "Country");
    assert_error(read5(&no_months), "slt_table5.txt", 6, &["unknown layout"]);
    let twice = with_line(TABLE5, 6, "Country\t2026-04\t2026-03\t2026-04");
    assert_error(
        read5(&twice),
        "slt_table5.txt",
        6,
        &["2026-04 appears twice"],
    );
    let units = with_line(TABLE5, 3, "Millions of dollars\t\t\t");
    assert_error(read5(&units), "slt_table5.txt", 3, &["Billions of dollars"]);
}

#[test]
fn table5_broken_rows() {
    let short = with_line(TABLE5, 9, "China, Mainland\t651.1\t652.3");
    assert_error(
        read5(&short),
        "slt_table5.txt",
        9,
        &["expected 4 tab-separated cells", "found 3"],
    );
    let garbled = with_line(TABLE5, 9, "China, Mainland\t651.1\t652,3x\t693.3");
    assert_error(
        read5(&garbled),
        "slt_table5.txt",
        9,
        &["expected a number", "2026-03", "652,3x"],
    );
    let dup = with_line(TABLE5, 10, "Japan\t1.0\t2.0\t3.0");
    assert_error(
        read5(&dup),
        "slt_table5.txt",
        10,
        &["duplicate row", "Japan", "line 7"],
    );
    let cut: String = TABLE5.split_inclusive("\r\n").take(14).collect();
    assert_error(read5(&cut), "slt_table5.txt", 15, &["Notes:"]);
    let late = format!("{TABLE5}Japan\t1.0\t2.0\t3.0\r\n");
    assert_error(
        read5(&late),
        "slt_table5.txt",
        18,
        &["expected only notes after `Notes:`", "found a data row"],
    );
    let header: String = TABLE5.split_inclusive("\r\n").take(6).collect();
    assert_error(read5(&header), "slt_table5.txt", 7, &["no data rows"]);
}

fn table1(text: &str) -> Result<Vec<claimlens::data::Observation>, claimlens::error::InputError> {
    claimlens::data::import::slt::read_table1(&claimlens::data::import::RawFile {
        name: "slt_table1.txt",
        text,
    })
}

#[test]
fn table1_keeps_net_purchases_by_type_and_skips_na() {
    let text = std::fs::read_to_string("tests/fixtures/raw/slt/slt_table1.txt").unwrap();
    let obs = table1(&text).unwrap();
    let get = |entity: &str, measure: &str, period: &str| {
        obs.iter()
            .find(|o| o.entity == entity && o.measure == measure && o.period.to_string() == period)
            .map(|o| o.value_text.as_str())
    };
    assert_eq!(
        get("Grand Total", "lt_net_purchases_corporate_bonds", "2025-01"),
        Some("23764")
    );
    assert_eq!(
        get("Grand Total", "lt_net_purchases_equities", "2025-01"),
        Some("-17413")
    );
    assert_eq!(
        get(
            "China, Mainland",
            "lt_net_purchases_all_securities",
            "2025-01"
        ),
        Some("-9000")
    );
    assert_eq!(
        get(
            "China, Mainland",
            "lt_net_purchases_agency_bonds",
            "2023-01"
        ),
        None,
        "n.a. gives no row"
    );
    // Agency and corporate bonds held ("Treasuries and bonds"), positions kept even where the
    // net columns are n.a.
    assert_eq!(
        get("Grand Total", "lt_holdings_agency_bonds", "2025-01"),
        Some("1355416")
    );
    assert_eq!(
        get("China, Mainland", "lt_holdings_corporate_bonds", "2023-01"),
        Some("9000")
    );
    // The other positions, the valuation changes and the Treasury columns are checked but
    // not kept: 8 net values and 6 holdings.
    assert_eq!(obs.len(), 14);
    assert!(
        obs.iter()
            .all(|o| o.source == "slt_table1" && o.unit == "USD millions")
    );
}

#[test]
fn table1_errors_name_line_and_expectation() {
    let text = std::fs::read_to_string("tests/fixtures/raw/slt/slt_table1.txt").unwrap();
    let e = table1(&text.replace("for_lt_agcy_net", "for_lt_agency_net")).unwrap_err();
    assert_eq!(e.line, Some(9));
    assert!(e.message.contains("unknown layout"), "{e}");
    let e = table1(&text.replace("\t23764\t", "\t23,7x4\t")).unwrap_err();
    assert_eq!(e.line, Some(12));
    let e = table1(&text.replace("Definitions:", "")).unwrap_err();
    assert!(e.message.contains("Notes:"), "{e}");
}
