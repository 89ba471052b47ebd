//! Reader for `s1_globl.txt`: Form S gross purchases and sales of long-term
//! securities by foreigners, by country and month, 1977-01 to 2023-01.
//! Form S was discontinued; from 2023-02 the SLT tables carry the flows.
//!
//! The format:
//! - Tab-separated text with CRLF line ends. There are 19 header lines: the
//!   title, `All amounts in millions of dollars.`, a note on country codes, a
//!   blank line, the group header `Gross purchases by foreigners from U.S.
//!   residents` / `Gross sales by foreigners to U.S. residents`, column labels
//!   spread over several lines, then on line 18 the column markers
//!   `name, code, month, [1] .. [12]` (which identify the layout), and on line
//!   19 a rule of dashes.
//! - From line 20 there is one row per country and month: the name, a numeric
//!   code, the month as `YYYY-MM`, then 12 values, newest month first. The file
//!   ends after the last row; there are no notes.
//! - Columns `[1]`..`[6]` are gross purchases by foreigners of Treasury bonds &
//!   notes, agency bonds, corporate bonds, corporate stocks, foreign bonds and
//!   foreign stocks. `[7]`..`[12]` are gross sales in the same order.
//! - Values of 1,000 or more are quoted with thousands commas (`"2,211"`,
//!   `"1,221,071"`), and names containing a comma are quoted
//!   (`"China, Mainland"`).
//! - The names include old aggregates (`Belgium and Luxembourg`, which becomes
//!   `Belgium-Luxembourg`; `Channel Islands and Isle of Man`; `British West
//!   Indies`; `Total Latin America and Caribbean`) and economies that no longer
//!   exist (`German Democratic Republic`, `Netherlands Antilles`).
//!
//! Only `[1]` and `[7]` are kept. Net purchases of Treasury bonds & notes
//! (`[1]` − `[7]`) are computed later by the library, not stored. All 12 values
//! are still checked to be numbers.

use super::slt::{expect_text, fixed_cells, header_line, row_key};
use super::{Origin, RawFile, text};
use crate::data::observation::Observation;
use crate::data::period::Period;
use crate::error::InputError;
use std::collections::HashMap;

/// Form S was discontinued after the January-2023 data, which were published
/// in March 2023; the file has not changed since.
const VINTAGE: &str = "2023-03";

/// Line 18: the column markers that identify the layout.
const MARKERS: [&str; 15] = [
    "name", "code", "month", "[1]", "[2]", "[3]", "[4]", "[5]", "[6]", "[7]", "[8]", "[9]", "[10]",
    "[11]", "[12]",
];
const MARKERS_LINE: usize = 18;
const FIRST_ROW: usize = 20;

/// The kept columns (0-based index among the 12 values) and their measures.
const KEPT: [(usize, &str); 2] = [
    (0, "gross_purchases_treas_bonds_notes"),
    (6, "gross_sales_treas_bonds_notes"),
];

/// Reads the Treasury bonds & notes purchases and sales of every row.
pub fn read(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    let lines: Vec<&str> = text::numbered_lines(file.text).map(|(_, l)| l).collect();
    check_header(file.name, &lines)?;
    let rows = data_rows(file.name, &lines)?;
    let origin = Origin {
        file: file.name,
        source: "s1_globl",
        unit: "USD millions",
        vintage: VINTAGE,
    };
    let mut out = Vec::with_capacity(rows.len() * KEPT.len());
    let mut seen = HashMap::with_capacity(rows.len());
    let mut span = Span::default();
    for (i, line) in rows.iter().enumerate() {
        let n = FIRST_ROW + i;
        let [name, code, date, values @ ..] = fixed_cells::<{ MARKERS.len() }>(
            file.name,
            n,
            line,
            "name, code, month and values [1] to [12]",
        )?;
        let (name, period) = row_key(file.name, n, [name, code, date], &mut seen)?;
        span.add(name, period, n);
        for (column, cell) in values.iter().enumerate() {
            if !is_number(cell) {
                return Err(InputError::at(
                    file.name,
                    n,
                    format!(
                        "expected a number for column [{}], found {cell:?}",
                        column + 1
                    ),
                ));
            }
        }
        for (column, measure) in KEPT {
            let value = text::require_number(file.name, n, measure, values[column])?;
            out.push(origin.obs(measure, name, period, value, n));
        }
    }
    span.check_complete(file.name)?;
    Ok(out)
}

/// The aggregate row Form S puts last, one per month of the table.
const TOTAL: &str = "Grand Total";

/// What the completeness check needs to know about the rows.
#[derive(Default)]
struct Span<'a> {
    oldest: Option<Period>,
    newest: Option<Period>,
    /// The newest month of the Grand Total block.
    total_newest: Option<Period>,
    /// The last row: name, month, line.
    last: Option<(&'a str, Period, usize)>,
}

impl<'a> Span<'a> {
    fn add(&mut self, name: &'a str, period: Period, line: usize) {
        self.oldest = Some(self.oldest.map_or(period, |p| p.min(period)));
        self.newest = Some(self.newest.map_or(period, |p| p.max(period)));
        let total_started = self.last.is_some_and(|(n, _, _)| n == TOTAL);
        if name == TOTAL && !total_started {
            self.total_newest = Some(period);
        }
        self.last = Some((name, period, line));
    }

    /// A file cut at a line end still parses, so the table must show that it
    /// is whole: Form S ends with the Grand Total rows, newest first, which
    /// run from the table's newest month down to its oldest.
    fn check_complete(&self, file: &str) -> Result<(), InputError> {
        let (Some(oldest), Some(newest), Some((name, period, line))) =
            (self.oldest, self.newest, self.last)
        else {
            return Ok(());
        };
        let cut = |what: String| {
            Err(InputError::at(
                file,
                line + 1,
                format!("{what} (truncated file?); expected the complete published table"),
            ))
        };
        if name != TOTAL {
            return cut(format!(
                "the rows end with {name} {period} on line {line}, not with the {TOTAL} rows"
            ));
        }
        if period != oldest {
            return cut(format!(
                "the {TOTAL} rows end at {period} on line {line}; they should run down to {oldest}, the oldest month of the table"
            ));
        }
        match self.total_newest {
            Some(first) if first != newest => cut(format!(
                "the {TOTAL} rows start at {first}; they should start at {newest}, the newest month of the table"
            )),
            _ => Ok(()),
        }
    }
}

/// Checks the header lines the reader relies on: units, group titles, column markers.
fn check_header(file: &str, lines: &[&str]) -> Result<(), InputError> {
    expect_text(file, lines, 2, "All amounts in millions of dollars.")?;
    expect_text(
        file,
        lines,
        5,
        "Gross purchases by foreigners from U.S. residents",
    )?;
    expect_text(
        file,
        lines,
        5,
        "Gross sales by foreigners to U.S. residents",
    )?;
    let found = header_line(file, lines, MARKERS_LINE, "the column markers")?;
    if !found.split('\t').eq(MARKERS) {
        return Err(InputError::at(
            file,
            MARKERS_LINE,
            format!(
                "unknown layout: expected the column markers `{}`, found {found:?}",
                MARKERS.join(", ")
            ),
        ));
    }
    expect_text(file, lines, MARKERS_LINE + 1, "----------")
}

/// The data rows from line 20 to the end; only blank lines may end the file.
fn data_rows<'a, 'b>(file: &str, lines: &'b [&'a str]) -> Result<&'b [&'a str], InputError> {
    let body = lines.get(FIRST_ROW - 1..).unwrap_or_default();
    let count = body
        .iter()
        .position(|l| text::is_blank(l))
        .unwrap_or(body.len());
    if count == 0 {
        return Err(InputError::at(
            file,
            FIRST_ROW.min(lines.len()),
            format!("no data rows; expected the first row on line {FIRST_ROW}"),
        ));
    }
    let (rows, rest) = body.split_at(count);
    if let Some(i) = rest.iter().position(|l| !text::is_blank(l)) {
        return Err(InputError::at(
            file,
            FIRST_ROW + count + i,
            format!(
                "a row after the blank line on line {}; expected the data rows to run to the end of the file",
                FIRST_ROW + count
            ),
        ));
    }
    Ok(rows)
}

/// True when [`text::number_text`] would accept the cell; checked without
/// allocating, since ten of the twelve values are only validated.
fn is_number(cell: &str) -> bool {
    let s = cell.trim().trim_matches('"').trim();
    let body = s.strip_prefix('-').unwrap_or(s);
    let (mut digits, mut dots) = (0, 0);
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' => dots += 1,
            ',' => {}
            _ => return false,
        }
    }
    digits > 0 && dots <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_number_agrees_with_number_text() {
        for cell in [
            "42",
            "\"2,211\"",
            "\"1,221,071\"",
            "0",
            "-5",
            "1.5",
            " 7 ",
            "",
            "n.a.",
            "*",
            "-",
            ".",
            "1.2.3",
            "\"\"",
            "abc",
            "1e5",
            "\"2,211",
        ] {
            assert_eq!(
                is_number(cell),
                text::number_text(cell).is_some(),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn markers_name_twelve_values() {
        assert_eq!(MARKERS.len(), 3 + 12);
        assert_eq!(KEPT.map(|(c, _)| MARKERS[3 + c]), ["[1]", "[7]"]);
    }
}
