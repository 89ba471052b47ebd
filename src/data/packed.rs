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
//! string indexes of source, measure, entity and unit, the entity kind, the
//! point count, the byte length of the points (since version 3, so that a
//! series can be skipped and decoded only when read), and the points).
//!
//! A point is a header byte and only what it does not imply: bit 0 the
//! old-series flag, bit 1 a source URL follows, bit 2 the vintage is the point
//! before's, bit 3 the period is the point before's, bit 4 the period is the
//! one after the point before's (next month, quarter, year or day), bit 5 the
//! period ends where it starts; bits 6-7 how the value is stored: 0-2 as a
//! zig-zag varint count of 1, 1/10 or 1/100 that gives back exactly the same
//! number, 3 as the 8 bytes of the float. Then the start stamp (unless bit 3
//! or 4), the end stamp (unless bit 5), the value, the vintage index (unless
//! bit 2) and the URL index (if bit 1), indexes as varints. A typical monthly
//! value takes 4 bytes instead of 31.

use super::dataset::{Dataset, Point, Series, Sym, Url};
use super::entity::EntityKind;
use super::lazy_points::{Packed, Points};
use super::observation::Flag;
use super::period::{Period, Stamp};
use crate::error::InputError;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

const MAGIC: &[u8; 4] = b"CLPK";
const VERSION: u32 = 3;
/// The oldest version still read (archives written before version 3).
const OLDEST: u32 = 2;

/// Interns strings into a table of indexes.
#[derive(Default)]
struct Interner<'a> {
    index: HashMap<&'a str, u32>,
    list: Vec<&'a str>,
}

impl<'a> Interner<'a> {
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

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The period right after `p`'s start of the same kind (month, quarter, year, day).
fn next_stamp(s: Stamp) -> Option<Stamp> {
    Some(match s {
        Stamp::Year(y) => Stamp::Year(y.checked_add(1)?),
        Stamp::Quarter(y, 4) => Stamp::Quarter(y.checked_add(1)?, 1),
        Stamp::Quarter(y, q) => Stamp::Quarter(y, q + 1),
        Stamp::Month(y, 12) => Stamp::Month(y.checked_add(1)?, 1),
        Stamp::Month(y, m) => Stamp::Month(y, m + 1),
        Stamp::Day(d) => Stamp::Day(d.succ_opt()?),
    })
}

/// How a value is stored: the decimals (0-2) whose zig-zag count gives the
/// same float back bit for bit, with that count; `None`: as the float itself.
fn as_count(v: f64) -> Option<(u8, u64)> {
    for (k, scale) in [(0u8, 1.0), (1, 10.0), (2, 100.0)] {
        let n = (v * scale).round();
        if n.is_nan() || n.abs() >= 9.0e15 {
            continue;
        }
        // Checked as the decoder reads it back, so -0 stays a float.
        let n = n as i64;
        if (n as f64 / scale).to_bits() == v.to_bits() {
            return Some((k, ((n << 1) ^ (n >> 63)) as u64));
        }
    }
    None
}

fn put_point<'a>(
    out: &mut Vec<u8>,
    p: &'a Point,
    prev: Option<&Point>,
    strings: &mut Interner<'a>,
) {
    let mut head = u8::from(p.flag == Flag::OldSeries);
    if p.source_url.is_some() {
        head |= 1 << 1;
    }
    if prev.is_some_and(|q| q.vintage == p.vintage) {
        head |= 1 << 2;
    }
    let start_known = match prev {
        Some(q) if q.period.start == p.period.start => {
            head |= 1 << 3;
            true
        }
        Some(q) if next_stamp(q.period.start) == Some(p.period.start) => {
            head |= 1 << 4;
            true
        }
        _ => false,
    };
    if p.period.end == p.period.start {
        head |= 1 << 5;
    }
    let value = as_count(p.value);
    head |= value.map_or(3, |(k, _)| k) << 6;
    out.push(head);
    if !start_known {
        put_stamp(out, p.period.start);
    }
    if p.period.end != p.period.start {
        put_stamp(out, p.period.end);
    }
    match value {
        Some((_, n)) => put_varint(out, n),
        None => out.extend_from_slice(&p.value.to_le_bytes()),
    }
    if head & (1 << 2) == 0 {
        put_varint(out, u64::from(strings.id(&p.vintage)));
    }
    if let Some(u) = p.source_url.as_deref() {
        put_varint(out, u64::from(strings.id(u)));
    }
}

/// Packs a dataset: series sorted by source, measure and entity, points in
/// stored order, so the same tables always give the same bytes.
pub fn encode(ds: &Dataset) -> Vec<u8> {
    let mut strings = Interner::default();
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
        let mut points = Vec::new();
        let mut prev: Option<&Point> = None;
        for p in s.all_points() {
            put_point(&mut points, p, prev, &mut strings);
            prev = Some(p);
        }
        put_u32(&mut body, points.len() as u32);
        body.extend_from_slice(&points);
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

/// The string table of packed data (the embedded data hold some 12,000
/// strings, mostly the vintages of daily series).
#[derive(Debug)]
pub(super) enum Strings<'b> {
    /// The table of data that live as long as the process (the embedded
    /// data), kept as long: its strings are [`Sym`]s as they are.
    Kept(&'static [&'static str]),
    /// The table of data read from a file, with each string's [`Sym`],
    /// interned when a value first needs it.
    Read(Vec<&'b str>, Vec<OnceLock<Sym>>),
}

impl Strings<'static> {
    /// The table of the embedded data, kept once per table for the process.
    fn kept(texts: Vec<&'static str>) -> Strings<'static> {
        // A table is known by where its first string lies and its length.
        type Key = (usize, usize);
        static KEPT: std::sync::Mutex<Vec<(Key, &'static [&'static str])>> =
            std::sync::Mutex::new(Vec::new());
        let key = (
            texts.first().map_or(0, |t| t.as_ptr() as usize),
            texts.len(),
        );
        let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        match kept.iter().find(|(k, _)| *k == key) {
            Some((_, t)) => Strings::Kept(t),
            None => {
                let t: &'static [&'static str] = Box::leak(texts.into_boxed_slice());
                kept.push((key, t));
                Strings::Kept(t)
            }
        }
    }
}

impl<'b> Strings<'b> {
    fn read(texts: Vec<&'b str>) -> Strings<'b> {
        let made = texts.iter().map(|_| OnceLock::new()).collect();
        Strings::Read(texts, made)
    }

    fn texts(&self) -> &[&'b str] {
        match self {
            Strings::Kept(t) => t,
            Strings::Read(t, _) => t,
        }
    }

    fn get(&self, i: u64) -> Result<Sym, String> {
        let k = usize::try_from(i).unwrap_or(usize::MAX);
        let sym = match self {
            Strings::Kept(t) => t.get(k).map(Sym::of_static),
            Strings::Read(t, made) => t
                .get(k)
                .zip(made.get(k))
                .map(|(text, sym)| *sym.get_or_init(|| Sym::new(text))),
        };
        sym.ok_or_else(|| format!("string index {i} out of range"))
    }
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

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("a number runs past 64 bits at byte {}", self.at))
    }
}

fn stamp(r: &mut Reader) -> Result<Stamp, String> {
    let b = r.take(7)?;
    let year = i32::from_le_bytes([b[1], b[2], b[3], b[4]]);
    let (a, c) = (b[5], b[6]);
    match b[0] {
        2 if (1..=12).contains(&a) => Ok(Stamp::Month(year, a)),
        0 => Ok(Stamp::Year(year)),
        1 if (1..=4).contains(&a) => Ok(Stamp::Quarter(year, a)),
        3 => NaiveDate::from_ymd_opt(year, u32::from(a), u32::from(c))
            .map(Stamp::Day)
            .ok_or_else(|| format!("bad date at byte {}", r.at)),
        _ => Err(format!("bad period at byte {}", r.at)),
    }
}

/// One point after `prev` (see the layout in the module's notes).
fn point(r: &mut Reader, prev: Option<&Point>, strings: &Strings) -> Result<Point, String> {
    let string = |i: u64| strings.get(i);
    let head = r.u8()?;
    let start = if head & (1 << 3) != 0 {
        prev.ok_or("a first point cannot repeat a period")?
            .period
            .start
    } else if head & (1 << 4) != 0 {
        let before = prev.ok_or("a first point cannot follow a period")?;
        next_stamp(before.period.start).ok_or("no period after the last")?
    } else {
        stamp(r)?
    };
    let end = if head & (1 << 5) != 0 {
        start
    } else {
        stamp(r)?
    };
    let value = match head >> 6 {
        3 => {
            let b = r.take(8)?;
            let mut v = [0u8; 8];
            v.copy_from_slice(b);
            f64::from_le_bytes(v)
        }
        k => {
            let z = r.varint()?;
            let n = ((z >> 1) as i64) ^ -((z & 1) as i64);
            n as f64 / [1.0, 10.0, 100.0][usize::from(k)]
        }
    };
    super::tidy::check_value(value)
        .map_err(|why| format!("value {value}: {why}, at byte {}", r.at))?;
    let vintage = if head & (1 << 2) != 0 {
        prev.ok_or("a first point cannot repeat a vintage")?.vintage
    } else {
        string(r.varint()?)?
    };
    let source_url = if head & (1 << 1) != 0 {
        Some(Url::new(&string(r.varint()?)?))
    } else {
        None
    };
    Ok(Point {
        period: Period { start, end },
        value,
        vintage,
        flag: if head & 1 == 1 {
            Flag::OldSeries
        } else {
            Flag::None
        },
        source_url,
    })
}

/// Unpacks data made by [`encode`]; corrupt input is an error, never a panic.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Dataset, InputError> {
    let eager = |r: &mut Reader, version: u32, npoints: usize, strings: &Arc<Strings>| {
        let len = if version >= 3 {
            Some(r.u32()? as usize)
        } else {
            None
        };
        let start = r.at;
        // Every point takes at least two bytes: a count beyond that is corrupt.
        let mut points = Vec::with_capacity(npoints.min((r.bytes.len() - r.at) / 2));
        for _ in 0..npoints {
            let p = point(r, points.last(), strings)?;
            points.push(p);
        }
        if len.is_some_and(|n| n != r.at - start) {
            return Err(format!(
                "a series' length does not match its values at byte {start}"
            ));
        }
        Ok(Points::new(points))
    };
    decode_with(bytes, OLDEST, Strings::read, eager).map_err(|m| corrupt(file, &m))
}

/// Unpacks the embedded data, each series' values left packed until first
/// read (see [`super::lazy_points`]); the layout is checked here, the values
/// when read.
pub fn decode_lazy(file: &str, bytes: &'static [u8]) -> Result<Dataset, InputError> {
    let lazy =
        |r: &mut Reader<'static>, _: u32, npoints: usize, strings: &Arc<Strings<'static>>| {
            let len = r.u32()? as usize;
            if npoints > len {
                return Err(format!("{npoints} values cannot fit in {len} bytes"));
            }
            let bytes = r.take(len)?;
            let packed = Packed {
                bytes,
                strings: strings.clone(),
            };
            Ok(Points::packed(packed, npoints))
        };
    decode_with(bytes, VERSION, Strings::kept, lazy).map_err(|m| corrupt(file, &m))
}

/// The values of one series packed by [`encode`]: exactly `count` of them in `bytes`.
pub(super) fn decode_points(
    bytes: &[u8],
    count: usize,
    strings: &Strings,
) -> Result<Vec<Point>, String> {
    let mut r = Reader { bytes, at: 0 };
    let mut points: Vec<Point> = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let p = point(&mut r, points.last(), strings)?;
        points.push(p);
    }
    if r.at != bytes.len() {
        return Err(format!(
            "{} bytes after a series' values",
            bytes.len() - r.at
        ));
    }
    Ok(points)
}

fn corrupt(file: &str, m: &str) -> InputError {
    InputError::file(file, format!("corrupt packed data: {m}"))
}

/// The `n` strings of a string table, each checked to be UTF-8.
///
/// They are checked in runs, which is several times faster than one by one:
/// a run spans consecutive strings with the lengths between them while those
/// lengths are ASCII bytes (a string shorter than 128 bytes). A string must
/// then begin and end on a character boundary of its run (it always does:
/// the bytes around it are ASCII).
fn texts<'b>(r: &mut Reader<'b>, n: usize) -> Result<Vec<&'b str>, String> {
    // Each string's bytes, and whether its length is ASCII bytes.
    let mut spans = Vec::with_capacity(n.min(r.bytes.len()));
    for _ in 0..n {
        let len = r.u32()?;
        let at = r.at;
        r.take(len as usize)?;
        spans.push((at, r.at, len.to_le_bytes().is_ascii()));
    }
    let mut out = Vec::with_capacity(spans.len());
    let mut rest = &spans[..];
    while let Some(&(first, _, _)) = rest.first() {
        let n = 1 + rest[1..].iter().take_while(|s| s.2).count();
        let (run, after) = rest.split_at(n);
        let end = run[n - 1].1;
        let text = std::str::from_utf8(&r.bytes[first..end]).map_err(|e| e.to_string())?;
        for &(a, b, _) in run {
            let s = text.get(a - first..b - first);
            out.push(s.ok_or_else(|| format!("a string is not UTF-8 at byte {a}"))?);
        }
        rest = after;
    }
    Ok(out)
}

/// The header, the strings and the series of packed data, each series' values
/// read by `values` (given the version, the count and the strings).
fn decode_with<'b>(
    bytes: &'b [u8],
    oldest: u32,
    table: impl FnOnce(Vec<&'b str>) -> Strings<'b>,
    mut values: impl FnMut(&mut Reader<'b>, u32, usize, &Arc<Strings<'b>>) -> Result<Points, String>,
) -> Result<Dataset, String> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err("expected the CLPK header".into());
    }
    let version = r.u32()?;
    if !(oldest..=VERSION).contains(&version) {
        return Err(format!("expected version {VERSION}, found {version}"));
    }
    let n = r.u32()? as usize;
    let strings = Arc::new(table(texts(&mut r, n)?));
    let string = |i: u32| -> Result<String, String> {
        strings
            .texts()
            .get(i as usize)
            .map(|s| s.to_string())
            .ok_or_else(|| format!("string index {i} out of range"))
    };
    let count = r.u32()? as usize;
    let mut series = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let head = [
            string(r.u32()?)?,
            string(r.u32()?)?,
            string(r.u32()?)?,
            string(r.u32()?)?,
        ];
        let kind = *EntityKind::ALL
            .get(usize::from(r.u8()?))
            .ok_or("bad entity kind")?;
        let npoints = r.u32()? as usize;
        let points = values(&mut r, version, npoints, &strings)?;
        series.push(Series::stored(head, kind, points));
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
    fn values_the_tidy_reader_refuses_are_refused_here_too() {
        let ds = Dataset::from_tables([("t".to_string(), TABLE)]).unwrap();
        for (huge, stored) in [(1e300, "as a float"), (9e17, "as a count")] {
            let series: Vec<Series> = ds
                .all_series()
                .iter()
                .map(|s| {
                    let mut points = s.all_points().to_vec();
                    points[0].value = huge;
                    s.with_points(points)
                })
                .collect();
            let e = decode("p", &encode(&Dataset::from_series(series))).unwrap_err();
            assert!(
                e.message.contains("larger in magnitude than 1e15"),
                "{stored}: {e}"
            );
        }
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

    /// A string table as the packed layout writes it: each string's length, then its bytes.
    fn table_bytes(strings: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        for s in strings {
            put_u32(&mut out, s.len() as u32);
            out.extend_from_slice(s);
        }
        out
    }

    #[test]
    fn string_tables_are_read_whole_across_long_strings_and_checked_string_by_string() {
        let long = "é".repeat(100); // 200 bytes: its length is not ASCII, a new run begins
        let strings: [&[u8]; 5] = [
            b"2025-03-18",
            "Côte d'Ivoire".as_bytes(),
            long.as_bytes(),
            b"",
            b"x",
        ];
        let bytes = table_bytes(&strings);
        let read = texts(
            &mut Reader {
                bytes: &bytes,
                at: 0,
            },
            5,
        )
        .unwrap();
        assert_eq!(
            read,
            ["2025-03-18", "Côte d'Ivoire", long.as_str(), "", "x"]
        );
        // "é" cut in two: neither half is UTF-8.
        let e = "é".as_bytes();
        let cut = table_bytes(&[b"a", &e[..1], &e[1..]]);
        assert!(texts(&mut Reader { bytes: &cut, at: 0 }, 3).is_err());
        let bad = table_bytes(&[b"a", b"\xff"]);
        assert!(texts(&mut Reader { bytes: &bad, at: 0 }, 2).is_err());
        assert!(
            texts(
                &mut Reader {
                    bytes: &bytes,
                    at: 0
                },
                6
            )
            .is_err(),
            "one string too many"
        );
    }

    #[test]
    fn lazy_decoding_reads_the_same_values_and_checks_the_layout() {
        let ds = Dataset::from_tables([("t".to_string(), TABLE)]).unwrap();
        let good: &'static [u8] = Box::leak(encode(&ds).into_boxed_slice());
        let eager = decode("p", good).unwrap();
        let lazy = decode_lazy("p", good).unwrap();
        assert_eq!(lazy.len(), eager.len(), "counted before decoding");
        assert_eq!(lazy.all_series(), eager.all_series());
        for cut in 0..good.len() {
            assert!(
                decode_lazy("p", &good[..cut]).is_err(),
                "truncated at {cut}"
            );
        }
    }

    #[test]
    fn archives_of_version_2_are_still_read() {
        let ds = Dataset::from_tables([("t".to_string(), TABLE)]).unwrap();
        // Version 2 had no byte length before each series' values.
        let v3 = encode(&ds);
        let mut r = Reader { bytes: &v3, at: 8 };
        let n = r.u32().unwrap();
        for _ in 0..n {
            let len = r.u32().unwrap() as usize;
            r.take(len).unwrap();
        }
        let mut v2 = v3[..r.at].to_vec();
        v2[4..8].copy_from_slice(&2u32.to_le_bytes());
        let count = r.u32().unwrap();
        put_u32(&mut v2, count);
        for _ in 0..count {
            v2.extend_from_slice(r.take(4 * 4 + 1 + 4).unwrap());
            let len = r.u32().unwrap() as usize;
            v2.extend_from_slice(r.take(len).unwrap());
        }
        assert_eq!(
            decode("p", &v2).unwrap().all_series(),
            decode("p", &v3).unwrap().all_series()
        );
        assert!(
            decode_lazy("p", Box::leak(v2.into_boxed_slice())).is_err(),
            "only the embedded version is read lazily"
        );
    }
}
