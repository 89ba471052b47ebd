//! Reader for `mfhhis01`, the US Treasury (TIC) history table "Major Foreign
//! Holders of Treasury Securities": holdings at the end of each month, in
//! billions of dollars, 2000 onwards.
//!
//! # Format
//!
//! A tab-separated text file (CRLF line ends in the newer copies, LF in
//! others; both are read). After a few title lines come yearly blocks, newest
//! year first. A block is:
//!
//! ```text
//!         Series 16/  Series           <- only in series-break years
//!          XII         XI
//!   Dec   ... Jun     Jun   ... Jan    <- month row, first cell empty
//! Country 2011 ... 2011   2011 ... 2011    <- the year of each column
//!   ------ ------ ...                  <- rule
//! Japan   1058.4 ...                   <- data rows, one per holder
//! ...
//! Grand Total ...
//! Of which:
//!   For. Official ...                  <- three memo rows
//!     Treasury Bills ...
//!     T-Bonds & Notes ...
//! ```
//!
//! The table ends at a `Department of the Treasury/Federal Reserve Board`
//! line. The next non-blank line is the vintage stamp, `M/D/YYYY` or, in
//! older copies, `M/D/YY` (read as 20YY). Revision notes follow, one per
//! year whose data were revised (`"(2022 revised March 19, 2025)"`), then
//! the footnotes (not read).
//!
//! # Vintages
//!
//! A value's vintage is the date since which it has been published as it
//! stands: for a year with a revision note, that note's date (the values of
//! 2022 in the 5/18/2026 copy were already published on March 19, 2025);
//! for a year without one, the file's stamp, since nothing in the file says
//! the value is older. A note dated after the stamp, a year noted twice, or
//! a note that does not read `(YYYY revised Month D, YYYY)` is an error.
//!
//! # Quirks
//!
//! - Series breaks: a month appears twice side by side (`Jun Jun`, and
//!   `Mar Mar` in 2000). The left column is the new series and is the value;
//!   the right one is the old series "shown for comparison only" and is kept
//!   with [`Flag::OldSeries`]. The `Series n/` labels above are not needed.
//!   (The `Series 17/` label of 2011 marks the Nov/Dec change, which has no
//!   repeated month and so no old-series value.)
//! - Years with fewer than 13 columns end their lines with extra tabs (2000
//!   has only Dec..Mar plus the old March), so trailing empty cells are
//!   ignored in the header rows and the data rows.
//! - Names are quoted when they hold a comma (`"China, Mainland"`), carry
//!   footnote markers (`United Kingdom 2/`, `Belgium  5/`) and stray spaces
//!   (`"Korea, South "`, `Spain `), and the memo rows are indented in some
//!   years; [`Origin::obs`] makes them canonical (`For. Official` becomes
//!   `Of Which: Foreign Official`, and so on).
//! - Cells that hold no value give no observation: an empty cell (the holder
//!   is not listed that month), `*` (less than $50 million; explained in the
//!   notes, not seen in a cell so far) and `n.a.` (Luxembourg before June
//!   2002, when it was part of Belgium-Luxembourg). Anything else must be a
//!   number; its text is kept as published (`1200` stays `1200`, `97.0` stays
//!   `97.0`; copies differ on writing `.0`).
//!
//! Errors name the line and what was expected: a data row outside a block, a
//! month row with a cell that is not a month, a year row that does not match
//! the month row, a cell that is not a number, a value beyond the last month
//! column, the same holder twice in one block, a month repeated other than
//! side by side, and a file with no block or no vintage stamp.

use super::text::{is_blank, number_text, numbered_lines, tab_fields};
use super::{Origin, RawFile};
use crate::data::entity::canonical_name;
use crate::data::observation::{Flag, Observation};
use crate::data::period::{Period, month_from_abbrev};
use crate::error::InputError;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

const SOURCE: &str = "mfhhis01";
const MEASURE: &str = "holdings";
const UNIT: &str = "USD billions";
/// First cell of the line that closes the table; the vintage stamp follows it.
const NOTES_START: &str = "Department of the Treasury";

/// One month column of a yearly block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Column {
    year: i32,
    month: u8,
    flag: Flag,
}

/// The yearly block being read.
struct Block {
    columns: Vec<Column>,
    /// Line of each holder's row so far (canonical name), to catch duplicates.
    rows: HashMap<String, usize>,
}

/// Reads one copy of mfhhis01 into observations of `holdings`.
pub fn read(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    let lines: Vec<(usize, &str)> = numbered_lines(file.text).collect();
    let (notes_at, stamp) = find_vintage(file.name, &lines)?;
    let revised = revision_dates(file.name, &lines[notes_at + 1..], stamp)?;
    let vintage = stamp.format("%Y-%m-%d").to_string();
    let origin = Origin {
        file: file.name,
        source: SOURCE,
        unit: UNIT,
        vintage: &vintage,
    };
    let mut out = Vec::new();
    let mut block: Option<Block> = None;
    let mut blocks = 0;
    // The previous non-blank line, when its first cell was empty (a possible month row).
    let mut above: Option<(usize, Vec<&str>)> = None;
    for &(n, line) in &lines[..notes_at] {
        if is_blank(line) {
            continue;
        }
        let fields = tab_fields(line);
        let Some((&name, cells)) = fields.split_first() else {
            continue;
        };
        let header_above = above.take();
        if name.trim().is_empty() {
            // Titles, series labels, month rows and rules. Only the rule may sit inside a block.
            if !is_rule(cells) {
                block = None;
                above = Some((n, cells.to_vec()));
            }
            continue;
        }
        if name.trim() == "Country" {
            let Some((month_line, months)) = header_above else {
                return Err(InputError::at(
                    file.name,
                    n,
                    "expected a row of month abbreviations (Dec, Nov, ...) just above this Country row",
                ));
            };
            let columns = columns(file.name, (month_line, &months), (n, cells))?;
            block = Some(Block {
                columns,
                rows: HashMap::new(),
            });
            blocks += 1;
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue; // a label such as `Of which:`
        }
        let Some(block) = block.as_mut() else {
            return Err(InputError::at(
                file.name,
                n,
                format!(
                    "found a data row for {:?} outside a yearly block; expected a month row and a Country row with the year of each column first",
                    name.trim()
                ),
            ));
        };
        read_row(&origin, block, n, name, cells, &mut out)?;
    }
    for o in &mut out {
        if let Some(date) = revised.get(&o.period.first_day().year()) {
            o.vintage.clone_from(date);
        }
    }
    if blocks == 0 {
        let at = lines.get(notes_at).map_or(1, |l| l.0);
        return Err(InputError::at(
            file.name,
            at,
            "no yearly block before the notes; expected a month row and a Country row followed by data rows",
        ));
    }
    Ok(out)
}

/// Finds the line that closes the table and the vintage stamp after it.
/// Returns the index (into `lines`) of the closing line and the stamp's date.
fn find_vintage(file: &str, lines: &[(usize, &str)]) -> Result<(usize, NaiveDate), InputError> {
    let last = lines
        .iter()
        .rev()
        .find(|(_, l)| !is_blank(l))
        .map_or(1, |l| l.0);
    let notes_at = lines
        .iter()
        .position(|(_, l)| first_cell(l).starts_with(NOTES_START))
        .ok_or_else(|| {
            InputError::at(
                file,
                last,
                "the file ends here without the `Department of the Treasury/Federal Reserve Board` line and the vintage stamp below it; expected the complete published table (truncated file?)",
            )
        })?;
    let Some(&(n, line)) = lines[notes_at + 1..].iter().find(|(_, l)| !is_blank(l)) else {
        return Err(InputError::at(
            file,
            last,
            "the file ends after the `Department of the Treasury` line; expected the vintage stamp (M/D/YYYY) below it",
        ));
    };
    let stamp = first_cell(line);
    let date = parse_stamp(stamp).ok_or_else(|| {
        InputError::at(
            file,
            n,
            format!("expected the vintage stamp as M/D/YYYY or M/D/YY, found {stamp:?}"),
        )
    })?;
    Ok((notes_at, date))
}

/// The revision notes below the stamp: year -> date of its last revision (`YYYY-MM-DD`).
fn revision_dates(
    file: &str,
    notes: &[(usize, &str)],
    stamp: NaiveDate,
) -> Result<HashMap<i32, String>, InputError> {
    let mut out: HashMap<i32, String> = HashMap::new();
    for &(n, line) in notes {
        let cell = first_cell(line).trim_matches('"').trim();
        if !(cell.starts_with('(') && cell.contains(" revised ")) {
            continue;
        }
        let (year, date) = parse_revision(cell).ok_or_else(|| {
            InputError::at(
                file,
                n,
                format!("expected a revision note as (YYYY revised Month D, YYYY), found {cell:?}"),
            )
        })?;
        if date > stamp {
            return Err(InputError::at(
                file,
                n,
                format!(
                    "the revision note for {year} is dated {date}, after the file's stamp {stamp}; expected a date on or before the stamp"
                ),
            ));
        }
        if out
            .insert(year, date.format("%Y-%m-%d").to_string())
            .is_some()
        {
            return Err(InputError::at(
                file,
                n,
                format!("a second revision note for {year}; expected one per year"),
            ));
        }
    }
    Ok(out)
}

/// `(2022 revised March 19, 2025)` -> (2022, 2025-03-19).
fn parse_revision(cell: &str) -> Option<(i32, NaiveDate)> {
    let inner = cell.strip_prefix('(')?.strip_suffix(')')?;
    let (year, date) = inner.split_once(" revised ")?;
    let year = year_number(year)?;
    let date = NaiveDate::parse_from_str(date.trim(), "%B %d, %Y").ok()?;
    Some((year, date))
}

/// The columns of a block from its month row and its `Country` (year) row.
fn columns(
    file: &str,
    (month_line, months): (usize, &[&str]),
    (year_line, years): (usize, &[&str]),
) -> Result<Vec<Column>, InputError> {
    let (months, years) = (
        without_trailing_empty(months),
        without_trailing_empty(years),
    );
    if months.len() != years.len() {
        return Err(InputError::at(
            file,
            year_line,
            format!(
                "expected one year for each of the {} month columns on line {month_line}, found {} years",
                months.len(),
                years.len()
            ),
        ));
    }
    let mut columns: Vec<Column> = Vec::with_capacity(months.len());
    for (i, (m, y)) in months.iter().zip(years).enumerate() {
        let col = i + 2; // 1-based, after the name column
        let month = month_number(m).ok_or_else(|| {
            InputError::at(
                file,
                month_line,
                format!("expected a month abbreviation (Jan to Dec) in column {col}, found {m:?}"),
            )
        })?;
        let year = year_number(y).ok_or_else(|| {
            InputError::at(
                file,
                year_line,
                format!("expected a four-digit year in column {col}, found {y:?}"),
            )
        })?;
        let same = |c: &Column| c.year == year && c.month == month;
        let flag = match columns.last() {
            Some(prev) if same(prev) && prev.flag == Flag::None => Flag::OldSeries,
            _ if columns.iter().any(same) => {
                return Err(InputError::at(
                    file,
                    month_line,
                    format!(
                        "{m} {y} appears again in column {col}; expected each month once, or twice side by side at a series break"
                    ),
                ));
            }
            _ => Flag::None,
        };
        columns.push(Column { year, month, flag });
    }
    Ok(columns)
}

/// Turns one data row into observations.
fn read_row(
    origin: &Origin,
    block: &mut Block,
    line: usize,
    name: &str,
    cells: &[&str],
    out: &mut Vec<Observation>,
) -> Result<(), InputError> {
    let entity = canonical_name(name);
    if let Some(first) = block.rows.insert(entity.clone(), line) {
        return Err(InputError::at(
            origin.file,
            line,
            format!(
                "duplicate row: {entity} already has a row in this yearly block (line {first}); expected each holder once per year"
            ),
        ));
    }
    for (i, cell) in cells.iter().enumerate() {
        if is_no_value(cell) {
            continue;
        }
        let Some(column) = block.columns.get(i) else {
            return Err(InputError::at(
                origin.file,
                line,
                format!(
                    "expected at most {} values (one per month column), found {cell:?} in column {}",
                    block.columns.len(),
                    i + 2
                ),
            ));
        };
        let period = Period::month(column.year, column.month);
        let value = number_text(cell).ok_or_else(|| {
            InputError::at(
                origin.file,
                line,
                format!(
                    "expected a number (or an empty cell, `*` or `n.a.`) for {entity} {period}, found {cell:?}"
                ),
            )
        })?;
        let mut obs = origin.obs(MEASURE, name, period, value, line);
        obs.flag = column.flag;
        belgium_before_split(&mut obs);
        out.push(obs);
    }
    Ok(())
}

/// Footnote 5/: "Prior to June 2002, the Belgium line in this table includes
/// holdings for both Belgium and Luxembourg." Those cells (and the old-series
/// estimate for June 2002) belong to the group, not to Belgium alone.
fn belgium_before_split(obs: &mut Observation) {
    let split = Period::month(2002, 6);
    let before = obs.period < split || (obs.period == split && obs.flag == Flag::OldSeries);
    if obs.entity == "Belgium" && before {
        obs.entity = "Belgium-Luxembourg".to_string();
        obs.entity_kind = crate::data::entity::kind_of(&obs.entity);
    }
}

/// The first tab-separated cell of a line, trimmed.
fn first_cell(line: &str) -> &str {
    line.split('\t').next().unwrap_or_default().trim()
}

/// True for the `------` rule under a block's year row.
fn is_rule(cells: &[&str]) -> bool {
    cells.iter().any(|c| !c.trim().is_empty())
        && cells.iter().all(|c| c.trim().chars().all(|ch| ch == '-'))
}

/// The cells up to the last non-empty one.
fn without_trailing_empty<'a, 'b>(cells: &'a [&'b str]) -> &'a [&'b str] {
    let end = cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1);
    &cells[..end]
}

/// Month number of an exact three-letter abbreviation (`Dec` -> 12).
fn month_number(cell: &str) -> Option<u8> {
    let cell = cell.trim();
    (cell.len() == 3).then(|| month_from_abbrev(cell)).flatten()
}

/// A four-digit year.
fn year_number(cell: &str) -> Option<i32> {
    let cell = cell.trim();
    (cell.len() == 4 && cell.bytes().all(|b| b.is_ascii_digit()))
        .then(|| cell.parse().ok())
        .flatten()
}

/// Cells that stand for "no value": empty, `*` (less than $50 million) and `n.a.`.
fn is_no_value(cell: &str) -> bool {
    matches!(cell.trim(), "" | "*" | "n.a.")
}

/// The vintage stamp: `5/18/2026`, or `3/18/26` (read as 2026).
fn parse_stamp(cell: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = cell.trim().split('/').collect();
    let [m, d, y] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = match y.len() {
        2 => 2000 + number(y)?,
        4 => number(y)?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, number(m)?, number(d)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<String> {
        parse_stamp(s).map(|d| d.to_string())
    }

    #[test]
    fn stamps_with_four_or_two_digit_years() {
        assert_eq!(date("5/18/2026").as_deref(), Some("2026-05-18"));
        assert_eq!(date("3/18/26").as_deref(), Some("2026-03-18"));
        assert_eq!(date(" 12/01/2025 ").as_deref(), Some("2025-12-01"));
        for bad in [
            "",
            "5/18",
            "5/18/202",
            "13/1/2026",
            "2/30/2026",
            "a/b/c",
            "5/18/2026/1",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_and_year_cells() {
        assert_eq!(month_number("Dec"), Some(12));
        assert_eq!(month_number(" Jun "), Some(6));
        assert_eq!(month_number("Decimal"), None);
        assert_eq!(month_number("Q4"), None);
        assert_eq!(month_number(""), None);
        assert_eq!(year_number("2011"), Some(2011));
        for bad in ["11", "20x1", "", "-201"] {
            assert_eq!(year_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn cells_without_value() {
        for cell in ["", " ", "*", "n.a."] {
            assert!(is_no_value(cell), "{cell:?}");
        }
        assert!(!is_no_value("0"));
        assert!(!is_no_value("n.a"));
    }

    #[test]
    fn rules_and_trailing_cells() {
        assert!(is_rule(&["------", "------", ""]));
        assert!(!is_rule(&["", ""]));
        assert!(!is_rule(&["Series 6/", "Series"]));
        assert_eq!(
            without_trailing_empty(&["Dec", "Mar", "", " "]),
            ["Dec", "Mar"]
        );
        assert!(without_trailing_empty(&["", ""]).is_empty());
        assert_eq!(first_cell("  For. Official\t1\t2"), "For. Official");
    }

    #[test]
    fn repeated_month_side_by_side_is_the_old_series() {
        let cols = columns(
            "f",
            (1, &["Jul", "Jun", "Jun", "May", ""]),
            (2, &["2011", "2011", "2011", "2011"]),
        )
        .unwrap();
        let flags: Vec<Flag> = cols.iter().map(|c| c.flag).collect();
        assert_eq!(flags, [Flag::None, Flag::None, Flag::OldSeries, Flag::None]);
        assert_eq!((cols[2].year, cols[2].month), (2011, 6));
    }

    #[test]
    fn bad_header_rows() {
        let msg =
            |months: &[&str], years: &[&str]| columns("f", (1, months), (2, years)).unwrap_err();
        let e = msg(&["Dec", "Nov"], &["2025"]);
        assert_eq!(e.line, Some(2));
        assert!(
            e.message
                .contains("one year for each of the 2 month columns"),
            "{}",
            e.message
        );
        let e = msg(&["Dec", "Nox"], &["2025", "2025"]);
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("found \"Nox\""), "{}", e.message);
        let e = msg(&["Dec", "Nov"], &["2025", "25"]);
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("four-digit year"), "{}", e.message);
        // Three times, or twice but not side by side.
        for months in [&["Jun", "Jun", "Jun"][..], &["Jun", "May", "Jun"][..]] {
            let e = msg(months, &["2011", "2011", "2011"]);
            assert!(
                e.message.contains("appears again in column 4"),
                "{}",
                e.message
            );
        }
    }
}
