//! A compact binary form of the tidy tables, for fast start-up.
//!
//! `claimlens import` writes `data/packed.bin` next to the CSV tables, made
//! from exactly those tables (parsed back with the tidy reader), and the binary
//! embeds it. Reading it takes a few milliseconds where parsing 17 MB of CSV
//! takes several times that. The CSV tables stay the reference: a test checks
//! that the embedded packed data equal the CSV tables in data/, and CI checks
//! that both are what the importer makes from the official files.
//!
//! Layout (little-endian): `CLPK`, version (u32), the string table (count,
//! then length-prefixed UTF-8 strings), then the series (count; per series the
//! string indexes of source, measure, entity and unit, the entity kind, and the
//! points: start and end stamps, value, vintage index, flag, source-URL index
//! or `u32::MAX`).

use super::dataset::Sym;
use super::dataset::{Dataset, Point, Series};
use super::entity::EntityKind;
use super::observation::Flag;
use super::period::{Period, Stamp};
use crate::error::InputError;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

const MAGIC: &[u8; 4] = b"CLPK";
const VERSION: u32 = 1;
const NONE: u32 = u32::MAX;

/// Interns strings into a table of indexes.
#[derive(Default)]
struct Strings<'a> {
    index: HashMap<&'a str, u32>,
    list: Vec<&'a str>,
}

impl<'a> Strings<'a> {
    fn id(&mut self, s: &'a str) -> u32 {
        *self.index.entry(s).or_insert_with(|| {
            self.list.push(s);
            self.list.len() as u32 - 1
        })
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_stamp(out: &mut Vec<u8>, s: Stamp) {
    let (tag, year, a, b) = match s {
        Stamp::Year(y) => (0u8, y, 0u8, 0u8),
        Stamp::Quarter(y, q) => (1, y, q, 0),
        Stamp::Month(y, m) => (2, y, m, 0),
        Stamp::Day(d) => (3, d.year(), d.month() as u8, d.day() as u8),
    };
    out.push(tag);
    out.extend_from_slice(&year.to_le_bytes());
    out.push(a);
    out.push(b);
}

/// Packs a dataset: series sorted by source, measure and entity, points in
/// stored order, so the same tables always give the same bytes.
pub fn encode(ds: &Dataset) -> Vec<u8> {
    let mut strings = Strings::default();
    let mut body = Vec::new();
    let mut all: Vec<&Series> = ds.all_series().iter().collect();
    all.sort_by(|a, b| (&a.source, &a.measure, &a.entity).cmp(&(&b.source, &b.measure, &b.entity)));
    put_u32(&mut body, all.len() as u32);
    for s in all {
        for field in [&s.source, &s.measure, &s.entity, &s.unit] {
            let id = strings.id(field);
            put_u32(&mut body, id);
        }
        let kind = EntityKind::ALL
            .iter()
            .position(|k| *k == s.kind)
            .unwrap_or(0);
        body.push(kind as u8);
        put_u32(&mut body, s.all_points().len() as u32);
        for p in s.all_points() {
            put_stamp(&mut body, p.period.start);
            put_stamp(&mut body, p.period.end);
            body.extend_from_slice(&p.value.to_le_bytes());
            let vintage = strings.id(&p.vintage);
            put_u32(&mut body, vintage);
            body.push(u8::from(p.flag == Flag::OldSeries));
            let url = p.source_url.as_deref().map_or(NONE, |u| strings.id(u));
            put_u32(&mut body, url);
        }
    }
    let mut out = Vec::with_capacity(body.len() + 64 * strings.list.len());
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, VERSION);
    put_u32(&mut out, strings.list.len() as u32);
    for s in &strings.list {
        put_u32(&mut out, s.len() as u32);
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&body);
    out
}

/// A cursor over packed bytes; every read is bounds-checked.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.at))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Bytes of one point: two stamps (7 each), the value (8), the vintage index
/// (4), the flag (1) and the source-URL index (4).
const POINT_BYTES: usize = 31;

fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// A stamp from its 7 bytes (tag, year, two small fields).
fn stamp(b: &[u8]) -> Result<Stamp, String> {
    let year = i32::from_le_bytes([b[1], b[2], b[3], b[4]]);
    let (a, c) = (b[5], b[6]);
    match b[0] {
        2 if (1..=12).contains(&a) => Ok(Stamp::Month(year, a)),
        0 => Ok(Stamp::Year(year)),
        1 if (1..=4).contains(&a) => Ok(Stamp::Quarter(year, a)),
        3 => NaiveDate::from_ymd_opt(year, u32::from(a), u32::from(c))
            .map(Stamp::Day)
            .ok_or_else(|| "bad date".to_string()),
        _ => Err("bad period".to_string()),
    }
}

/// One point from its [`POINT_BYTES`] bytes.
fn point(rec: &[u8], strings: &[Sym]) -> Result<Point, String> {
    let string = |i: u32| -> Result<&Sym, String> {
        strings
            .get(i as usize)
            .ok_or_else(|| format!("string index {i} out of range"))
    };
    let start = stamp(&rec[0..7])?;
    let end = stamp(&rec[7..14])?;
    let mut v = [0u8; 8];
    v.copy_from_slice(&rec[14..22]);
    let vintage = string(le_u32(&rec[22..26]))?.clone();
    let flag = if rec[26] == 1 {
        Flag::OldSeries
    } else {
        Flag::None
    };
    let url = le_u32(&rec[27..31]);
    let source_url = if url == NONE {
        None
    } else {
        Some(string(url)?.clone())
    };
    Ok(Point {
        period: Period { start, end },
        value: f64::from_le_bytes(v),
        vintage,
        flag,
        source_url,
    })
}

/// Unpacks data made by [`encode`]; corrupt input is an error, never a panic.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Dataset, InputError> {
    decode_inner(bytes).map_err(|m| InputError::file(file, format!("corrupt packed data: {m}")))
}

fn decode_inner(bytes: &[u8]) -> Result<Dataset, String> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err("expected the CLPK header".into());
    }
    let version = r.u32()?;
    if version != VERSION {
        return Err(format!("expected version {VERSION}, found {version}"));
    }
    let n = r.u32()? as usize;
    let mut strings: Vec<Sym> = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        let len = r.u32()? as usize;
        let s = std::str::from_utf8(r.take(len)?).map_err(|e| e.to_string())?;
        strings.push(Sym::from(s));
    }
    let string = |i: u32| -> Result<&Sym, String> {
        strings
            .get(i as usize)
            .ok_or_else(|| format!("string index {i} out of range"))
    };
    let count = r.u32()? as usize;
    let mut series = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let source = string(r.u32()?)?.to_string();
        let measure = string(r.u32()?)?.to_string();
        let entity = string(r.u32()?)?.to_string();
        let unit = string(r.u32()?)?.to_string();
        let kind = *EntityKind::ALL
            .get(usize::from(r.u8()?))
            .ok_or("bad entity kind")?;
        let npoints = r.u32()? as usize;
        let block = r.take(npoints.checked_mul(POINT_BYTES).ok_or("bad point count")?)?;
        let mut points = Vec::with_capacity(npoints);
        for rec in block.chunks_exact(POINT_BYTES) {
            points.push(point(rec, &strings)?);
        }
        series.push(Series::from_parts(
            source, measure, entity, kind, unit, points,
        ));
    }
    if r.at != bytes.len() {
        return Err(format!(
            "{} bytes after the last series",
            bytes.len() - r.at
        ));
    }
    Ok(Dataset::from_series(series))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
context_facts,loss,United States,country,2025-02-19/2025-03-13,5.28,USD trillion,2025-03-13,,https://a.example/x
mfhhis01,holdings,\"China, Mainland\",country,2000-03,59.4,USD billions,2026-05-18,old_series,
mfhhis01,holdings,\"China, Mainland\",country,2000-03,71.4,USD billions,2026-05-18,,
wgc,gold,Central banks,total,2024-Q4,-0,tonnes,2025-02-05,,
";

    #[test]
    fn round_trip_keeps_every_field() {
        let ds = Dataset::from_tables([("t".to_string(), TABLE)]).unwrap();
        let back = decode("p", &encode(&ds)).unwrap();
        let mut expected: Vec<&Series> = ds.all_series().iter().collect();
        expected.sort_by(|a, b| {
            (&a.source, &a.measure, &a.entity).cmp(&(&b.source, &b.measure, &b.entity))
        });
        assert_eq!(back.all_series().iter().collect::<Vec<_>>(), expected);
        let loss = back
            .series("context_facts", "loss", "United States")
            .unwrap();
        assert_eq!(
            loss.all_points()[0].source_url.as_deref(),
            Some("https://a.example/x")
        );
        let gold = back.series("wgc", "gold", "Central banks").unwrap();
        assert!(
            gold.all_points()[0].value.is_sign_negative(),
            "-0 keeps its sign"
        );
    }

    #[test]
    fn corrupt_data_is_an_error_not_a_panic() {
        let ds = Dataset::from_tables([("t".to_string(), TABLE)]).unwrap();
        let good = encode(&ds);
        for cut in 0..good.len() {
            assert!(decode("p", &good[..cut]).is_err(), "truncated at {cut}");
        }
        let mut bad = good.clone();
        bad[0] = b'X';
        assert!(decode("p", &bad).unwrap_err().message.contains("CLPK"));
        let mut extra = good;
        extra.push(0);
        assert!(decode("p", &extra).is_err());
    }
}
