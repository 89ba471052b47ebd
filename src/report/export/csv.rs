//! CSV exports: the tidy observations behind claims, and any table of rows
//! (the TUI's browser exports its current view with [`write_table`]).
//!
//! Evidence columns: `viewpoint,source,measure,entity,entity_kind,period,value,unit,vintage,basis`
//! (with `claim_id` first when several claims are exported). A cell used by
//! both viewpoints is listed once with viewpoint `both`; otherwise the
//! viewpoint is `as_published` or `today`. Values are written in full
//! precision, in the unit of their series. `basis` is `held`, or `stand-in`
//! when the as-published view uses that later revision in place of a first
//! release not held (a cell listed as `both` keeps that mark).

use crate::claims::{Cell, Evaluation};
use crate::data::Dataset;
use crate::data::entity::kind_of;

/// Evidence columns of one claim.
pub const EVIDENCE_HEADER: [&str; 10] = [
    "viewpoint",
    "source",
    "measure",
    "entity",
    "entity_kind",
    "period",
    "value",
    "unit",
    "vintage",
    "basis",
];

/// Writes a header and rows as CSV (RFC 4180 quoting) to a writer. Rows may
/// have a different number of fields than the header.
pub fn write_table_to<W, H, R, F>(writer: W, header: H, rows: R) -> std::io::Result<()>
where
    W: std::io::Write,
    H: IntoIterator,
    H::Item: AsRef<[u8]>,
    R: IntoIterator,
    R::Item: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(writer);
    w.write_record(header).map_err(std::io::Error::other)?;
    for row in rows {
        w.write_record(row).map_err(std::io::Error::other)?;
    }
    w.flush()
}

/// A header and rows as CSV text, e.g.
/// `write_table(["entity", "value"], [["Japan", "1079.3"]])`.
pub fn write_table<H, R, F>(header: H, rows: R) -> String
where
    H: IntoIterator,
    H::Item: AsRef<[u8]>,
    R: IntoIterator,
    R::Item: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut buf = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_table_to(&mut buf, header, rows);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The evidence cells of a claim, both viewpoints, each cell once:
/// `(viewpoint, cell)` in the order first used (as published, then today).
pub fn evidence_rows(e: &Evaluation) -> Vec<(&'static str, &Cell)> {
    let mut rows: Vec<(&'static str, &Cell)> = Vec::new();
    let key = |c: &Cell| {
        (
            c.source.clone(),
            c.measure.clone(),
            c.entity.clone(),
            c.period,
            c.vintage.clone(),
        )
    };
    let mut seen = std::collections::HashMap::new();
    for (vp, cells) in [
        ("as_published", &e.as_published.evidence),
        ("today", &e.today.evidence),
    ] {
        for c in cells {
            match seen.get(&key(c)) {
                None => {
                    seen.insert(key(c), rows.len());
                    rows.push((vp, c));
                }
                Some(&i) if rows[i].0 != vp => rows[i].0 = "both",
                Some(_) => {}
            }
        }
    }
    rows
}

fn cell_fields(ds: &Dataset, viewpoint: &str, c: &Cell) -> Vec<String> {
    let kind = ds
        .series(&c.source, &c.measure, &c.entity)
        .map_or_else(|| kind_of(&c.entity), |s| s.kind);
    vec![
        viewpoint.to_string(),
        c.source.clone(),
        c.measure.clone(),
        c.entity.clone(),
        kind.to_string(),
        c.period.to_string(),
        c.value.to_string(),
        c.unit.clone(),
        c.vintage.clone(),
        if c.stand_in { "stand-in" } else { "held" }.to_string(),
    ]
}

/// The evidence of one claim (no `claim_id` column).
pub fn claim_evidence(ds: &Dataset, e: &Evaluation) -> String {
    let rows = evidence_rows(e)
        .into_iter()
        .map(|(vp, c)| cell_fields(ds, vp, c));
    write_table(EVIDENCE_HEADER, rows)
}

/// The evidence of several claims, with a `claim_id` column first.
pub fn all_evidence(ds: &Dataset, evaluations: &[&Evaluation]) -> String {
    let header = std::iter::once("claim_id").chain(EVIDENCE_HEADER);
    let rows = evaluations.iter().flat_map(|e| {
        evidence_rows(e).into_iter().map(move |(vp, c)| {
            let mut fields = vec![e.id.clone()];
            fields.extend(cell_fields(ds, vp, c));
            fields
        })
    });
    write_table(header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_quote_commas_quotes_and_line_breaks() {
        let out = write_table(
            ["entity", "value"],
            [["China, Mainland", "1"], ["say \"hi\"", "a\nb"]],
        );
        assert_eq!(
            out,
            "entity,value\n\"China, Mainland\",1\n\"say \"\"hi\"\"\",\"a\nb\"\n"
        );
        let owned: Vec<Vec<String>> = vec![vec!["x".into()]];
        assert_eq!(write_table(["only"], owned), "only\nx\n");
    }
}
