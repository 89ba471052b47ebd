//! The Form S reader (s1_globl.txt) on a small fixture written in the official
//! format (19 header lines, tabs, CRLF, quoted "2,211" numbers and quoted
//! names), and on broken variants of it.

use claimlens::data::import::{RawFile, form_s, text};
use claimlens::data::{EntityKind, Observation, Period};
use claimlens::error::InputError;

const FORM_S: &str = include_str!("fixtures/raw/form_s/s1_globl.txt");
const FORM_S_LATIN1: &[u8] = include_bytes!("fixtures/raw/form_s/s1_globl_latin1.txt");

const BUY: &str = "gross_purchases_treas_bonds_notes";
const SELL: &str = "gross_sales_treas_bonds_notes";

fn read(text: &str) -> Result<Vec<Observation>, InputError> {
    form_s::read(&RawFile {
        name: "s1_globl.txt",
        text,
    })
}

mod common;
use common::with_line;

fn line(text: &str, n: usize) -> &str {
    text.split("\r\n").nth(n - 1).unwrap()
}

/// Line `n` with its value cell `[k]` (1-based, as in the file's markers) replaced.
fn with_value(text: &str, n: usize, k: usize, new: &str) -> String {
    let mut cells: Vec<&str> = line(text, n).split('\t').collect();
    cells[2 + k] = new;
    with_line(text, n, &cells.join("\t"))
}

fn find<'a>(
    obs: &'a [Observation],
    measure: &str,
    entity: &str,
    period: Period,
) -> &'a Observation {
    obs.iter()
        .find(|o| o.measure == measure && o.entity == entity && o.period == period)
        .unwrap_or_else(|| panic!("no {measure} {entity} {period}"))
}

fn assert_error(result: Result<Vec<Observation>, InputError>, line: usize, words: &[&str]) {
    let e = result.expect_err("the reader should reject this input");
    assert_eq!(e.file, "s1_globl.txt", "{e}");
    assert_eq!(e.line, Some(line), "{e}");
    for w in words {
        assert!(e.message.contains(w), "{w:?} missing from: {e}");
    }
}

// ---- valid input ----

#[test]
fn keeps_only_treasury_bonds_and_notes_purchases_and_sales() {
    let obs = read(FORM_S).unwrap();
    assert_eq!(obs.len(), 12 * 2);
    assert!(obs.iter().all(|o| o.measure == BUY || o.measure == SELL));
    let jan23 = Period::month(2023, 1);
    let buy = find(&obs, BUY, "Austria", jan23);
    assert_eq!(
        (
            buy.value_text.as_str(),
            buy.source.as_str(),
            buy.unit.as_str(),
            buy.vintage.as_str(),
            buy.line
        ),
        ("42", "s1_globl", "USD millions", "2023-03", 20)
    );
    assert_eq!(find(&obs, SELL, "Austria", jan23).value_text, "79");
}

#[test]
fn quoted_thousands_and_quoted_names() {
    let obs = read(FORM_S).unwrap();
    let dec22 = Period::month(2022, 12);
    assert_eq!(find(&obs, BUY, "China, Mainland", dec22).value_text, "2211");
    assert_eq!(
        find(&obs, SELL, "China, Mainland", dec22).value_text,
        "20918"
    );
    assert_eq!(find(&obs, BUY, "Japan", dec22).value_text, "12600");
    let total = find(&obs, BUY, "Grand Total", Period::month(2016, 9));
    assert_eq!(total.value_text, "1221071");
    assert_eq!(total.value(), 1_221_071.0);
    assert_eq!(
        find(&obs, SELL, "Grand Total", Period::month(2016, 9)).value_text,
        "1295400"
    );
    // Net purchases of bonds & notes are [1] - [7], derived later from these two.
    let net = find(&obs, BUY, "Japan", dec22).value() - find(&obs, SELL, "Japan", dec22).value();
    assert_eq!(net, -9400.0);
}

#[test]
fn old_spellings_become_canonical_with_sensible_kinds() {
    let obs = read(FORM_S).unwrap();
    let of = |e: &str| {
        obs.iter()
            .find(|o| o.entity == e)
            .unwrap_or_else(|| panic!("no {e}"))
    };
    assert_eq!(
        of("Belgium-Luxembourg").entity_kind,
        EntityKind::CountryGroup
    );
    assert_eq!(of("Belgium-Luxembourg").value_text, "1561");
    assert_eq!(
        of("Channel Islands and Isle of Man").entity_kind,
        EntityKind::CountryGroup
    );
    assert_eq!(
        of("Total Latin America and Caribbean").entity_kind,
        EntityKind::Region
    );
    assert_eq!(of("China, Mainland").entity_kind, EntityKind::Country);
    assert_eq!(of("Memo: Euro Area").entity_kind, EntityKind::Memo);
    assert_eq!(of("Grand Total").entity_kind, EntityKind::Total);
    assert!(
        !obs.iter()
            .any(|o| o.entity.contains('"') || o.entity == "Belgium and Luxembourg")
    );
}

// ---- broken input ----

#[test]
fn every_value_must_be_a_number_even_the_ones_not_kept() {
    let discarded = with_value(FORM_S, 21, 5, "\"1,48O\"");
    assert_error(
        read(&discarded),
        21,
        &["expected a number", "column [5]", "1,48O"],
    );
    for k in [1, 7, 12] {
        let empty = with_value(FORM_S, 24, k, "");
        assert_error(read(&empty), 24, &[&format!("column [{k}]")]);
    }
    let na = with_value(FORM_S, 26, 3, "n.a.");
    assert_error(read(&na), 26, &["column [3]", "n.a."]);
}

#[test]
fn unknown_layout() {
    let markers = with_line(
        FORM_S,
        18,
        "name\tcode\tmonth\t[1]\t[2]\t[3]\t[4]\t[5]\t[6]\t[7]\t[8]\t[9]\t[10]\t[11]",
    );
    assert_error(
        read(&markers),
        18,
        &["unknown layout", "name, code, month, [1], [2]", "[12]"],
    );
    let shifted = with_line(FORM_S, 18, line(FORM_S, 17));
    assert_error(read(&shifted), 18, &["unknown layout"]);
    let units = with_line(FORM_S, 2, "\t\t\t\t\t\tAll amounts in billions of dollars.");
    assert_error(read(&units), 2, &["millions of dollars"]);
    let groups = with_line(
        FORM_S,
        5,
        "\t\t\tGross sales by foreigners to U.S. residents",
    );
    assert_error(read(&groups), 5, &["Gross purchases by foreigners"]);
}

#[test]
fn wrong_cell_count() {
    let short = with_line(FORM_S, 22, &line(FORM_S, 22).replace("\t\"1,193\"", ""));
    assert_error(
        read(&short),
        22,
        &["expected 15 tab-separated cells", "found 14"],
    );
    // An unquoted name with a comma is still one cell; a stray tab is not.
    let split_name = with_line(
        FORM_S,
        24,
        &line(FORM_S, 24).replace("China, Mainland", "China\tMainland"),
    );
    assert_error(read(&split_name), 24, &["found 16"]);
}

#[test]
fn bad_month_code_and_name() {
    let date = with_line(FORM_S, 27, &line(FORM_S, 27).replace("2000-12", "2000-00"));
    assert_error(read(&date), 27, &["expected a month as YYYY-MM", "2000-00"]);
    let code = with_line(FORM_S, 27, &line(FORM_S, 27).replace("39993", ""));
    assert_error(read(&code), 27, &["numeric country code"]);
    let name = with_line(
        FORM_S,
        27,
        &line(FORM_S, 27).replace("Total Latin America and Caribbean", "\"\""),
    );
    assert_error(read(&name), 27, &["country name"]);
}

#[test]
fn duplicate_row() {
    let dup = with_line(FORM_S, 25, line(FORM_S, 24));
    assert_error(read(&dup), 25, &["duplicate row", "2023-01", "line 24"]);
}

#[test]
fn truncated_or_padded_files() {
    let header: String = FORM_S.split_inclusive("\r\n").take(19).collect();
    assert_error(read(&header), 20, &["no data rows", "line 20"]);
    let cut = &FORM_S[..FORM_S.find("\"China, Mainland\"\t41408\t2022-12").unwrap() + 30];
    assert_error(read(cut), 25, &["expected 15 tab-separated cells"]);
    let stub: String = FORM_S.split_inclusive("\r\n").take(3).collect();
    assert_error(read(&stub), 4, &["the file ends at line 4", "on line 5"]);
    // Blank lines at the end are fine; a row after a blank line is not.
    let padded = format!("{FORM_S}\t\t\t\r\n\r\n");
    assert_eq!(read(&padded).unwrap().len(), 24);
    let gap = with_line(FORM_S, 23, "\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
    assert_error(read(&gap), 24, &["blank line on line 23"]);
}

#[test]
fn non_utf8_and_empty_files_are_refused_by_decode() {
    let e = text::decode("s1_globl.txt", FORM_S_LATIN1).unwrap_err();
    assert_eq!((e.file.as_str(), e.line), ("s1_globl.txt", Some(21)));
    assert!(e.message.contains("UTF-8"), "{e}");
    let e = text::decode("s1_globl.txt", b"").unwrap_err();
    assert!(e.message.contains("empty"), "{e}");
}

#[test]
fn a_file_cut_at_a_line_end_is_refused() {
    let first_lines = |n: usize| -> String { FORM_S.split_inclusive("\r\n").take(n).collect() };
    // Without the Grand Total rows (the real file's last 553 lines).
    assert_error(
        read(&first_lines(28)),
        29,
        &[
            "the rows end with Memo: Euro Area 2022-12 on line 28",
            "truncated file?",
        ],
    );
    // Inside the Grand Total rows.
    assert_error(
        read(&first_lines(30)),
        31,
        &[
            "the Grand Total rows end at 2016-09 on line 30",
            "down to 2000-12",
            "truncated",
        ],
    );
    // The Grand Total rows must also start at the table's newest month.
    let lines: Vec<&str> = FORM_S.split("\r\n").collect();
    let without_29 = [&lines[..28], &lines[29..]].concat().join("\r\n");
    assert_error(
        read(&without_29),
        31,
        &[
            "the Grand Total rows start at 2016-09",
            "should start at 2023-01",
        ],
    );
}
