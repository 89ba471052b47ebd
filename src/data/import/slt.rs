//! Readers for TIC SLT tables 1, 3 and 5 (`slt_table1.txt`, `slt_table3.txt`,
//! `slt_table5.txt`).
//!
//! Both files are tab-separated text with CRLF line ends. Every line, blank
//! ones included, is padded with tabs to the table's width. After the data
//! comes a blank line, `Notes:` and free text; the notes are checked but not
//! read, and a file without them is taken to be truncated.
//!
//! **Table 3**: U.S. Treasury securities held by foreign residents, USD millions.
//! - Lines 1-5 hold the title, the scope, the sign note, `Millions of dollars`
//!   and `Link:`. Line 6 is blank, line 7 is a group header and line 8 holds the
//!   labels. Line 9 holds the machine names (`country, country_code, date,
//!   for_treas_pos, ...`), which identify the layout.
//! - From line 10 there is one row per country and month: the name, a numeric
//!   country code, the month as `YYYY-MM`, then seven whole numbers without
//!   thousands separators. Rows are sorted by country, newest month first.
//! - `n.a.` marks a value that is not published. Net flows are `n.a.` before
//!   2023-02. For a few countries (Greece, Guernsey, Jersey, Poland, Syria, ...)
//!   the total and short-term columns are `n.a.` in every month. These cells
//!   give no observation.
//! - The net columns are labelled "Net U.S. Sales" (sales to foreigners), so a
//!   positive value is foreign net buying. Signs are kept as published, and so
//!   are the few `-0` values.
//!
//! **Table 1**: U.S. long-term securities held by foreign residents, by type,
//! USD millions: the same layout as Table 3 with fifteen value columns
//! (holdings, net purchases and valuation change of all long-term securities,
//! Treasuries, agency bonds, corporate bonds and equities).
//!
//! **Table 5**: Major Foreign Holders of Treasury Securities, USD billions.
//! - Lines 1-4 hold the title, `Holdings at end of time period`,
//!   `Billions of dollars` and `Link:`. Line 5 is blank.
//! - Line 6 is `Country` and then 13 months as `YYYY-MM`, newest first.
//! - From line 7 there is one row per holder. Values have one decimal, kept as
//!   published (`1200.0`). Names with commas are not quoted (`China, Mainland`).
//!   `All Other`, `Grand Total` and `Of Which:` memo rows follow the countries.
//!
//! The small cell helpers here are shared with the Form S reader.

use super::text::{self, is_blank, numbered_lines};
use super::{Origin, RawFile};
use crate::data::observation::Observation;
use crate::data::period::{Period, Stamp};
use crate::error::InputError;
use std::collections::HashMap;
use std::fmt::Display;

/// Release of both files: SOURCES-transactions.md calls slt_table3 "a revised
/// vintage, as of the June 2026 release"; slt_table5 was fetched with it (on
/// 2026-07-01) and ends in the same month, 2026-04.
const VINTAGE: &str = "2026-06";

/// The headings that open the notes after the data.
const NOTES_HEADINGS: [&str; 2] = ["Notes:", "Definitions:"];

/// A cell that holds no published value.
const NOT_AVAILABLE: &str = "n.a.";

/// Tables 1 and 3: machine names of the key columns (line 9) before the values.
const KEY_COLUMNS: [&str; 3] = ["country", "country_code", "date"];

/// A "long" by-country table (one row per country and month): its source id,
/// and its value columns in file order with the measure each becomes (`None`:
/// read and checked, not kept).
struct LongTable {
    source: &'static str,
    columns: &'static [(&'static str, Option<&'static str>)],
}

const TABLE3: LongTable = LongTable {
    source: "slt_table3",
    columns: &[
        ("for_treas_pos", Some("holdings")),
        ("for_treas_net", Some("net_purchases")),
        ("for_lt_treas_pos", Some("lt_holdings")),
        ("for_lt_treas_net", Some("lt_net_purchases")),
        ("for_lt_treas_valchg", Some("lt_valuation_change")),
        ("for_st_treas_pos", Some("st_holdings")),
        ("for_st_treas_net", Some("st_net_purchases")),
    ],
};

/// Table 1 keeps the net purchases of each kind of long-term security; its
/// Treasury columns repeat Table 3 and its positions are not used, so they
/// are checked but not kept (this keeps the embedded data small).
const TABLE1: LongTable = LongTable {
    source: "slt_table1",
    columns: &[
        ("for_lt_total_pos", None),
        ("for_lt_total_net", Some("lt_net_purchases_all_securities")),
        ("for_lt_total_valchg", None),
        ("for_lt_treas_pos", None),
        ("for_lt_treas_net", None),
        ("for_lt_treas_valchg", None),
        ("for_lt_agcy_pos", Some("lt_holdings_agency_bonds")),
        ("for_lt_agcy_net", Some("lt_net_purchases_agency_bonds")),
        ("for_lt_agcy_valchg", None),
        ("for_lt_corp_pos", Some("lt_holdings_corporate_bonds")),
        ("for_lt_corp_net", Some("lt_net_purchases_corporate_bonds")),
        ("for_lt_corp_valchg", None),
        ("for_lt_eqty_pos", None),
        ("for_lt_eqty_net", Some("lt_net_purchases_equities")),
        ("for_lt_eqty_valchg", None),
    ],
};

const LONG_COLUMNS_LINE: usize = 9;
const LONG_FIRST_ROW: usize = 10;

const TABLE5_MONTHS_LINE: usize = 6;
const TABLE5_FIRST_ROW: usize = 7;

/// Reads Table 3: seven measures per country and month, in USD millions.
pub fn read_table3(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    read_long(file, &TABLE3)
}

/// Reads Table 1: net purchases of all long-term securities, agency bonds,
/// corporate bonds and equities, and the holdings of agency and corporate
/// bonds ("Treasuries and bonds"), per country and month, in USD millions.
pub fn read_table1(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    read_long(file, &TABLE1)
}

fn read_long(file: &RawFile, table: &LongTable) -> Result<Vec<Observation>, InputError> {
    let lines: Vec<&str> = numbered_lines(file.text).map(|(_, l)| l).collect();
    expect_text(file.name, &lines, 4, "Millions of dollars")?;
    check_long_columns(file.name, &lines, table)?;
    let rows = data_rows(file.name, &lines, LONG_FIRST_ROW)?;
    let origin = Origin {
        file: file.name,
        source: table.source,
        unit: "USD millions",
        vintage: VINTAGE,
    };
    let width = KEY_COLUMNS.len() + table.columns.len();
    let mut out = Vec::with_capacity(rows.len() * table.columns.len());
    let mut seen = HashMap::with_capacity(rows.len());
    for (i, line) in rows.iter().enumerate() {
        let n = LONG_FIRST_ROW + i;
        let cells = text::tab_fields(line);
        if cells.len() != width {
            return Err(InputError::at(
                file.name,
                n,
                format!(
                    "expected {width} tab-separated cells (country, country code, date and {} values), found {}",
                    table.columns.len(),
                    cells.len()
                ),
            ));
        }
        let (name, period) = row_key(file.name, n, [cells[0], cells[1], cells[2]], &mut seen)?;
        for ((column, measure), cell) in table.columns.iter().zip(&cells[KEY_COLUMNS.len()..]) {
            if let Some(value) = value_or_na(file.name, n, column, cell)?
                && let Some(measure) = measure
            {
                out.push(origin.obs(measure, name, period, value, n));
            }
        }
    }
    Ok(out)
}

/// Reads Table 5: holdings per major holder and month, in USD billions.
pub fn read_table5(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    let lines: Vec<&str> = numbered_lines(file.text).map(|(_, l)| l).collect();
    expect_text(file.name, &lines, 3, "Billions of dollars")?;
    let months = table5_months(file.name, &lines)?;
    let rows = data_rows(file.name, &lines, TABLE5_FIRST_ROW)?;
    let origin = Origin {
        file: file.name,
        source: "slt_table5",
        unit: "USD billions",
        vintage: VINTAGE,
    };
    let mut out = Vec::with_capacity(rows.len() * months.len());
    let mut seen = HashMap::with_capacity(rows.len());
    for (i, line) in rows.iter().enumerate() {
        let n = TABLE5_FIRST_ROW + i;
        let cells = text::tab_fields(line);
        let Some((name, values)) = cells
            .split_first()
            .filter(|(_, values)| values.len() == months.len())
        else {
            return Err(InputError::at(
                file.name,
                n,
                format!(
                    "expected {} tab-separated cells (holder and one value per month of line {TABLE5_MONTHS_LINE}), found {}",
                    months.len() + 1,
                    cells.len()
                ),
            ));
        };
        let name = entity_cell(file.name, n, name)?;
        if let Some(first) = seen.insert(name, n) {
            return Err(InputError::at(
                file.name,
                n,
                format!(
                    "duplicate row: {name} already given on line {first}; expected one row per holder"
                ),
            ));
        }
        for (period, cell) in months.iter().zip(values) {
            if let Some(value) = value_or_na(file.name, n, period, cell)? {
                out.push(origin.obs("holdings", name, *period, value, n));
            }
        }
    }
    Ok(out)
}

/// Checks line 9 of a long table against the machine names the reader knows.
fn check_long_columns(file: &str, lines: &[&str], table: &LongTable) -> Result<(), InputError> {
    let expected = KEY_COLUMNS
        .iter()
        .copied()
        .chain(table.columns.iter().map(|(column, _)| *column));
    let found = header_line(file, lines, LONG_COLUMNS_LINE, "the column names")?;
    if found.split('\t').eq(expected.clone()) {
        return Ok(());
    }
    let expected: Vec<&str> = expected.collect();
    Err(InputError::at(
        file,
        LONG_COLUMNS_LINE,
        format!(
            "unknown layout: expected the column names `{}`, found {found:?}",
            expected.join(", ")
        ),
    ))
}

/// The months of Table 5's header row (`Country`, then `YYYY-MM` cells).
fn table5_months(file: &str, lines: &[&str]) -> Result<Vec<Period>, InputError> {
    let n = TABLE5_MONTHS_LINE;
    let found = header_line(file, lines, n, "the months")?;
    let layout_error = || {
        InputError::at(
            file,
            n,
            format!(
                "unknown layout: expected `Country` and then months as YYYY-MM, found {found:?}"
            ),
        )
    };
    let mut cells = found.split('\t');
    if cells.next().map(str::trim) != Some("Country") {
        return Err(layout_error());
    }
    let mut months: Vec<Period> = Vec::new();
    for cell in cells {
        let period = month(file, n, cell).map_err(|_| layout_error())?;
        if months.contains(&period) {
            return Err(InputError::at(
                file,
                n,
                format!("month {period} appears twice; expected each month once"),
            ));
        }
        months.push(period);
    }
    if months.is_empty() {
        return Err(layout_error());
    }
    Ok(months)
}

/// The data rows that start on line `first` and run to the blank line before
/// `Notes:`. There must be at least one, and only notes may follow them.
fn data_rows<'a, 'b>(
    file: &str,
    lines: &'b [&'a str],
    first: usize,
) -> Result<&'b [&'a str], InputError> {
    let body = lines.get(first - 1..).unwrap_or_default();
    let count = body.iter().position(|l| is_blank(l)).unwrap_or(body.len());
    if count == 0 {
        return Err(InputError::at(
            file,
            first.min(lines.len()),
            format!("no data rows; expected the first row on line {first}"),
        ));
    }
    let (rows, rest) = body.split_at(count);
    let after_rows = first + count;
    let Some(notes) = rest.iter().position(|l| !is_blank(l)) else {
        return Err(InputError::at(
            file,
            lines.len(),
            "the file ends without notes; expected a blank line and `Notes:` after the data (is the file truncated?)",
        ));
    };
    let notes_line = after_rows + notes;
    // Tables 3 and 5 head their notes `Notes:`, Table 1 `Definitions:`.
    if !NOTES_HEADINGS.iter().any(|h| rest[notes].starts_with(h)) {
        return Err(InputError::at(
            file,
            notes_line,
            format!(
                "expected `Notes:` (or `Definitions:`) after the blank line that ends the data on line {after_rows}, found {:?}",
                rest[notes]
            ),
        ));
    }
    for (i, line) in rest.iter().enumerate().skip(notes + 1) {
        if line.split('\t').skip(1).any(|c| !c.trim().is_empty()) {
            return Err(InputError::at(
                file,
                after_rows + i,
                format!(
                    "expected only notes after `Notes:` (line {notes_line}), found a data row; data rows end at the blank line on line {after_rows}"
                ),
            ));
        }
    }
    Ok(rows)
}

/// A value cell: `None` for `n.a.`, the number text otherwise.
fn value_or_na(
    file: &str,
    line: usize,
    column: impl Display,
    cell: &str,
) -> Result<Option<String>, InputError> {
    if cell.trim() == NOT_AVAILABLE {
        return Ok(None);
    }
    text::number_text(cell).map(Some).ok_or_else(|| {
        InputError::at(
            file,
            line,
            format!("expected a number or {NOT_AVAILABLE} for {column}, found {cell:?}"),
        )
    })
}

/// Checks that header line `n` mentions `expected` (the units, a group title).
/// Line `n` of the header, or an error at the file's last line when the file
/// ends before it.
pub(super) fn header_line<'a>(
    file: &str,
    lines: &[&'a str],
    n: usize,
    what: &str,
) -> Result<&'a str, InputError> {
    lines.get(n - 1).copied().ok_or_else(|| {
        InputError::at(
            file,
            lines.len(),
            format!(
                "the file ends at line {}; expected {what} on line {n}",
                lines.len()
            ),
        )
    })
}

pub(super) fn expect_text(
    file: &str,
    lines: &[&str],
    n: usize,
    expected: &str,
) -> Result<(), InputError> {
    match lines.get(n - 1) {
        Some(line) if line.contains(expected) => Ok(()),
        Some(line) => Err(InputError::at(
            file,
            n,
            format!("unknown layout: expected {expected:?} on line {n}, found {line:?}"),
        )),
        None => Err(InputError::at(
            file,
            lines.len(),
            format!(
                "the file ends at line {}; expected {expected:?} on line {n}",
                lines.len()
            ),
        )),
    }
}

/// Exactly `N` tab-separated cells of a line, without allocating.
pub(super) fn fixed_cells<'a, const N: usize>(
    file: &str,
    line_no: usize,
    line: &'a str,
    what: &str,
) -> Result<[&'a str; N], InputError> {
    let mut out = [""; N];
    let mut count = 0;
    for part in line.split('\t') {
        if let Some(slot) = out.get_mut(count) {
            *slot = part;
        }
        count += 1;
    }
    if count == N {
        return Ok(out);
    }
    Err(InputError::at(
        file,
        line_no,
        format!("expected {N} tab-separated cells ({what}), found {count}"),
    ))
}

/// The key cells of a by-country row — name, numeric country code, month —
/// checked; a (name, month) pair already seen is a duplicate row.
pub(super) fn row_key<'a>(
    file: &str,
    line: usize,
    [name, code, date]: [&'a str; 3],
    seen: &mut HashMap<(&'a str, Period), usize>,
) -> Result<(&'a str, Period), InputError> {
    let name = entity_cell(file, line, name)?;
    country_code(file, line, code)?;
    let period = month(file, line, date)?;
    if let Some(first) = seen.insert((name, period), line) {
        return Err(InputError::at(
            file,
            line,
            format!(
                "duplicate row: {name} {period} already given on line {first}; expected one row per country and month"
            ),
        ));
    }
    Ok((name, period))
}

/// The entity name cell: anything but empty.
pub(super) fn entity_cell<'a>(
    file: &str,
    line: usize,
    cell: &'a str,
) -> Result<&'a str, InputError> {
    let name = cell.trim();
    if name.trim_matches('"').trim().is_empty() {
        return Err(InputError::at(
            file,
            line,
            "expected a country name in the first cell, found an empty cell",
        ));
    }
    Ok(name)
}

/// Checks that a country code cell is numeric.
pub(super) fn country_code(file: &str, line: usize, cell: &str) -> Result<(), InputError> {
    let code = cell.trim();
    if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(());
    }
    Err(InputError::at(
        file,
        line,
        format!("expected a numeric country code, found {cell:?}"),
    ))
}

/// A month cell (`YYYY-MM`).
pub(super) fn month(file: &str, line: usize, cell: &str) -> Result<Period, InputError> {
    match cell.trim().parse::<Stamp>() {
        Ok(stamp @ Stamp::Month(..)) => Ok(Period::single(stamp)),
        _ => Err(InputError::at(
            file,
            line,
            format!("expected a month as YYYY-MM, found {cell:?}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_cells_takes_exactly_n() {
        assert_eq!(
            fixed_cells::<3>("f", 1, "a\tb\tc", "x").unwrap(),
            ["a", "b", "c"]
        );
        for bad in ["a\tb", "a\tb\tc\td", "a"] {
            let e = fixed_cells::<3>("f", 7, bad, "three things").unwrap_err();
            assert_eq!(e.line, Some(7));
            assert!(
                e.message
                    .contains("expected 3 tab-separated cells (three things)")
            );
        }
    }

    #[test]
    fn months_and_codes() {
        assert_eq!(month("f", 1, "2024-07").unwrap(), Period::month(2024, 7));
        for bad in ["2024", "2024-7", "2024-13", "Jul 2024", "", "2024-07-01"] {
            assert!(month("f", 1, bad).is_err(), "{bad}");
        }
        assert!(country_code("f", 1, "42609").is_ok());
        for bad in ["", "4260x", "-1", "n.a."] {
            assert!(country_code("f", 1, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn values_skip_na_and_reject_other_text() {
        assert_eq!(
            value_or_na("f", 1, "c", "-10903").unwrap().as_deref(),
            Some("-10903")
        );
        assert_eq!(
            value_or_na("f", 1, "c", "-0").unwrap().as_deref(),
            Some("-0")
        );
        assert_eq!(value_or_na("f", 1, "c", "n.a.").unwrap(), None);
        let e = value_or_na("f", 3, "for_lt_treas_net", "1O").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("for_lt_treas_net"), "{}", e.message);
    }

    #[test]
    fn data_rows_stop_at_the_blank_line_before_notes() {
        let lines = ["h", "r1", "r2", "\t\t", "Notes:\t\t", "text\t\t", ""];
        assert_eq!(data_rows("f", &lines, 2).unwrap(), ["r1", "r2"]);
        let no_notes = ["h", "r1", "r2", ""];
        assert_eq!(data_rows("f", &no_notes, 2).unwrap_err().line, Some(4));
        let late_row = ["h", "r1", "\t", "Notes:\t", "x\t2024-01\t5"];
        assert_eq!(data_rows("f", &late_row, 2).unwrap_err().line, Some(5));
        let empty = ["h", "\t", "Notes:"];
        assert_eq!(data_rows("f", &empty, 2).unwrap_err().line, Some(2));
        assert!(data_rows("f", &["h"], 2).is_err());
    }

    #[test]
    fn table3_columns_come_from_the_measure_table() {
        let mut lines = vec![""; 8];
        lines.push(
            "country\tcountry_code\tdate\tfor_treas_pos\tfor_treas_net\tfor_lt_treas_pos\tfor_lt_treas_net\tfor_lt_treas_valchg\tfor_st_treas_pos\tfor_st_treas_net",
        );
        assert!(check_long_columns("f", &lines, &TABLE3).is_ok());
        lines[8] = "country\tcountry_code\tdate\tfor_treas_pos";
        let e = check_long_columns("f", &lines, &TABLE3).unwrap_err();
        assert_eq!(e.line, Some(9));
        assert!(e.message.contains("for_st_treas_net"));
    }
}
