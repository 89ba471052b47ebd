//! The tidy table format: one CSV per source, one row per published value.
//!
//! Columns: `source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url`.
//! Rows are sorted by measure, entity, period, vintage and flag, so the same
//! input always gives the same bytes. The reader is hand-written for speed: the
//! whole bundled data set is parsed at every start-up.

use super::entity::EntityKind;
use super::observation::{Flag, Observation};
use super::period::Period;
use crate::error::InputError;
use std::fmt::Write as _;

pub const HEADER: &str =
    "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url";

/// One row of a tidy table as read back (no raw line number).
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub source: &'a str,
    pub measure: &'a str,
    pub entity: std::borrow::Cow<'a, str>,
    pub entity_kind: EntityKind,
    pub period: Period,
    pub value: f64,
    pub unit: std::borrow::Cow<'a, str>,
    pub vintage: &'a str,
    pub flag: Flag,
    pub source_url: std::borrow::Cow<'a, str>,
    /// True when this row belongs to the same series as the row before it.
    pub same_series: bool,
    /// True when, besides its series, the row repeats the row before's text
    /// after the value (unit, vintage, flag and page): it differs from that
    /// row only in period and value.
    pub same_tail: bool,
    /// 1-based line number in the table.
    pub line: usize,
}

/// True for a vintage as tables write them: a date `YYYY-MM-DD` or a month `YYYY-MM`.
pub fn valid_vintage(v: &str) -> bool {
    let b = v.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    if !(b.len() == 7 || b.len() == 10) || b[4] != b'-' {
        return false;
    }
    let (Some(year), Some(month)) = (num(0..4), num(5..7)) else {
        return false;
    };
    if !(1..=12).contains(&month) {
        return false;
    }
    if b.len() == 7 {
        return true;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    b[7] == b'-' && num(8..10).is_some_and(|d| (1..=days).contains(&d))
}

/// The checks every tidy row passes, whether it comes from `import` or from
/// `--data`: a known vintage, an entity and a measure, and (for a table read
/// from `<source>.csv`) the file's source.
pub fn check_row(file: &str, row: &Row, source: Option<&str>) -> Result<(), InputError> {
    let err = |m: String| Err(InputError::at(file, row.line, m));
    if let Some(s) = source
        && row.source != s
    {
        return err(format!(
            "source {:?} in a table named {s}.csv; expected {s:?} (one source per file)",
            row.source
        ));
    }
    check_fields(row.measure, &row.entity, row.vintage).or_else(err)
}

/// The part of [`check_row`] the importer runs on what it read (naming the
/// raw file's line): an entity, a measure and a known vintage.
fn check_fields(measure: &str, entity: &str, vintage: &str) -> Result<(), String> {
    if measure.trim().is_empty() {
        return Err("empty measure; expected a measure name".into());
    }
    if entity.trim().is_empty() {
        return Err("empty entity; expected an entity name".into());
    }
    if !valid_vintage(vintage) {
        return Err(format!(
            "expected a vintage YYYY-MM-DD or YYYY-MM, found {vintage:?}"
        ));
    }
    Ok(())
}

/// The largest magnitude a value may have (a hundred million times the
/// largest published one, 9.5 million USD millions), and the smallest
/// non-zero one. Within these, no sum of values, unit conversion or ratio
/// can overflow to infinity (a sum of a billion values stays below 1e24, a
/// ratio below 1e39), so every loader refuses the same values: the importer
/// (naming the raw file's line), tidy tables (`--data`) and packed data.
pub const MAX_VALUE: f64 = 1e15;
pub const MIN_VALUE: f64 = 1e-15;

/// Why a value cannot be read, when it cannot: not finite, or outside
/// [`MAX_VALUE`] and [`MIN_VALUE`].
pub fn check_value(v: f64) -> Result<(), String> {
    if !v.is_finite() {
        Err(format!(
            "not a finite number; expected a value of magnitude at most {MAX_VALUE:e}"
        ))
    } else if v.abs() > MAX_VALUE {
        Err(format!(
            "larger in magnitude than {MAX_VALUE:e}, the largest value read (its sums and conversions must stay finite)"
        ))
    } else if v != 0.0 && v.abs() < MIN_VALUE {
        Err(format!(
            "closer to zero than {MIN_VALUE:e}, the smallest non-zero value read (ratios of it must stay finite)"
        ))
    } else {
        Ok(())
    }
}

/// What is wrong with the text of a value that [`parse_number`] refuses.
fn value_error(text: &str) -> String {
    let shown: String = if text.chars().count() > 40 {
        let head: String = text.chars().take(24).collect();
        format!("{head}… ({} characters)", text.chars().count())
    } else {
        text.to_string()
    };
    match text.trim().parse::<f64>().map(check_value) {
        Ok(Err(why)) => format!("value {shown:?}: {why}"),
        _ => format!("expected a number in the value column, found {shown:?}"),
    }
}

/// Checks every observation an importer read from one raw file as the tidy
/// reader will check its row ([`check_row`], [`check_value`]), so that what
/// import writes `--data` reads: an error names the raw file and line.
pub fn check_observations(file: &str, obs: &[Observation]) -> Result<(), InputError> {
    for o in obs {
        let at = |m: String| InputError::at(file, o.line, m);
        // A table has one row a line: a field may not break one.
        let fields = [
            ("measure", &o.measure),
            ("entity", &o.entity),
            ("unit", &o.unit),
            ("source_url", &o.source_url),
        ];
        if let Some((name, _)) = fields.iter().find(|(_, f)| f.contains(['\n', '\r'])) {
            return Err(at(format!(
                "a line break in the {name} field; expected a field on one line"
            )));
        }
        check_fields(&o.measure, &o.entity, &o.vintage).map_err(at)?;
        if parse_number(&o.value_text).is_none() {
            return Err(at(value_error(&o.value_text)));
        }
    }
    Ok(())
}

/// Sorts observations into table order and rejects exact duplicates
/// (same series, period, vintage and flag, from the same page).
pub fn sort_and_check(file: &str, obs: &mut [Observation]) -> Result<(), InputError> {
    // Every row has a distinct raw line within its file (and the files of a
    // table differ in vintage), so the order is total and an unstable sort
    // is deterministic.
    //
    // Measures and entities are compared as their ranks among the distinct
    // names (a table has a few hundred names and tens of thousands of rows),
    // so most comparisons compare numbers, not strings.
    let ranks = |name: fn(&Observation) -> &str| -> Vec<u32> {
        let distinct: std::collections::HashSet<&str> = obs.iter().map(name).collect();
        let mut names: Vec<&str> = distinct.into_iter().collect();
        names.sort_unstable();
        let rank: std::collections::HashMap<&str, u32> = names
            .iter()
            .enumerate()
            .map(|(k, n)| (*n, k as u32))
            .collect();
        obs.iter().map(|o| rank[name(o)]).collect()
    };
    let (measure, entity) = (ranks(|o| &o.measure), ranks(|o| &o.entity));
    let mut order: Vec<u32> = (0..obs.len() as u32).collect();
    order.sort_unstable_by(|&i, &j| {
        let (a, b) = (&obs[i as usize], &obs[j as usize]);
        let (i, j) = (i as usize, j as usize);
        (measure[i], entity[i])
            .cmp(&(measure[j], entity[j]))
            .then_with(|| a.period.cmp(&b.period))
            .then_with(|| a.vintage.cmp(&b.vintage))
            .then_with(|| a.flag.cmp(&b.flag))
            .then_with(|| a.source_url.cmp(&b.source_url))
            .then_with(|| a.line.cmp(&b.line))
    });
    // Moves the rows into that order, one cycle of the permutation at a time
    // (position k takes the row that was at order[k]).
    for start in 0..order.len() {
        let mut at = start;
        while order[at] as usize != start {
            let from = order[at] as usize;
            obs.swap(at, from);
            order[at] = at as u32;
            at = from;
        }
        order[at] = at as u32;
    }
    for w in obs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        // One unit and entity kind per series, as the tidy reader demands.
        if a.measure == b.measure
            && a.entity == b.entity
            && (a.unit != b.unit || a.entity_kind != b.entity_kind)
        {
            let (first, later) = if a.line < b.line { (a, b) } else { (b, a) };
            return Err(InputError::at(
                file,
                later.line,
                format!(
                    "series {}/{}/{} changes unit or entity kind ({} {} on line {} vs {} {}); expected one of each per series",
                    later.source,
                    later.measure,
                    later.entity,
                    first.unit,
                    first.entity_kind,
                    first.line,
                    later.unit,
                    later.entity_kind
                ),
            ));
        }
        if a.measure == b.measure
            && a.entity == b.entity
            && a.period == b.period
            && a.vintage == b.vintage
            && a.flag == b.flag
            && a.source_url == b.source_url
        {
            return Err(InputError::at(
                file,
                b.line.max(a.line),
                format!(
                    "duplicate row: {} {} {} already given on line {}; expected one value per entity and period",
                    a.entity,
                    a.measure,
                    a.period,
                    a.line.min(b.line)
                ),
            ));
        }
    }
    Ok(())
}

fn push_field(out: &mut String, field: &str) {
    if field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Renders observations (already sorted) as a tidy CSV.
pub fn render(obs: &[Observation]) -> String {
    let mut out = String::with_capacity(obs.len() * 96 + HEADER.len() + 1);
    out.push_str(HEADER);
    out.push('\n');
    // Rows of one series share their first four fields: render them once.
    let mut prefix = String::new();
    let mut prev: Option<&Observation> = None;
    for o in obs {
        let same = prev.is_some_and(|p| {
            p.measure == o.measure && p.entity == o.entity && p.source == o.source
        });
        if !same {
            prefix.clear();
            push_field(&mut prefix, &o.source);
            prefix.push(',');
            push_field(&mut prefix, &o.measure);
            prefix.push(',');
            push_field(&mut prefix, &o.entity);
            prefix.push(',');
            prefix.push_str(o.entity_kind.as_str());
            prefix.push(',');
        }
        prev = Some(o);
        out.push_str(&prefix);
        let _ = write!(out, "{}", o.period);
        out.push(',');
        push_field(&mut out, &o.value_text);
        out.push(',');
        push_field(&mut out, &o.unit);
        out.push(',');
        push_field(&mut out, &o.vintage);
        out.push(',');
        out.push_str(o.flag.as_str());
        out.push(',');
        push_field(&mut out, &o.source_url);
        out.push('\n');
    }
    out
}

/// Splits one CSV line into fields, honouring double quotes.
fn split_fields<'a>(line: &'a str, out: &mut Vec<std::borrow::Cow<'a, str>>) -> Result<(), String> {
    use std::borrow::Cow;
    out.clear();
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        if i < bytes.len() && bytes[i] == b'"' {
            let mut s = String::new();
            let mut j = i + 1;
            loop {
                match bytes.get(j) {
                    None => return Err("a quoted field is not closed".into()),
                    Some(b'"') if bytes.get(j + 1) == Some(&b'"') => {
                        s.push('"');
                        j += 2;
                    }
                    Some(b'"') => {
                        j += 1;
                        break;
                    }
                    Some(_) => {
                        let next = line[j..].find('"').map_or(bytes.len(), |k| j + k);
                        s.push_str(&line[j..next]);
                        j = next;
                    }
                }
            }
            out.push(Cow::Owned(s));
            match bytes.get(j) {
                None => return Ok(()),
                Some(b',') => i = j + 1,
                Some(_) => return Err("expected a comma after a quoted field".into()),
            }
        } else {
            // Manual scan: fields are short, so a plain loop beats a memchr call per field.
            let end = bytes[i..]
                .iter()
                .position(|&b| b == b',')
                .map_or(bytes.len(), |k| i + k);
            out.push(Cow::Borrowed(&line[i..end]));
            if end == bytes.len() {
                return Ok(());
            }
            i = end + 1;
        }
    }
}

/// A number: plain decimals (most published values) without the float
/// parser; `None` also for a value [`check_value`] refuses (a plain decimal,
/// of at most 15 digits, never is).
fn parse_number(s: &str) -> Option<f64> {
    match plain_decimal(s.as_bytes()) {
        Some((v, len)) if len == s.len() => Some(v),
        _ => s.parse::<f64>().ok().filter(|&v| check_value(v).is_ok()),
    }
}

/// A plain decimal at the start of `b` (`-1095.5`: a sign, at most 15
/// digits, a point only between digits), read up to the first byte that is
/// neither a digit nor its point: its value and its length in bytes. The
/// digits as an integer and a power of ten are both exact in a float, so one
/// division rounds the value as the float parser would.
#[inline(always)]
fn plain_decimal(b: &[u8]) -> Option<(f64, usize)> {
    let (neg, digits) = match b {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    // At most 16 digits and point are read (so no overflow), then one more
    // byte to see that the number ends.
    let (mut n, mut point, mut len) = (0u64, usize::MAX, digits.len());
    for (i, &c) in digits.iter().take(17).enumerate() {
        let x = c.wrapping_sub(b'0');
        if x < 10 {
            n = n * 10 + u64::from(x);
        } else if c == b'.' && point == usize::MAX {
            point = i;
        } else {
            len = i;
            break;
        }
    }
    let (int_digits, decimals) = match point {
        usize::MAX => (len, 0),
        p => (p, len - p - 1),
    };
    if len > 16
        || int_digits == 0
        || point != usize::MAX && decimals == 0
        || int_digits + decimals > 15
    {
        return None;
    }
    let v = n as f64 / POWERS_OF_TEN[decimals];
    // -0 stays -0.0, as the float parser would give.
    Some((if neg { -v } else { v }, b.len() - digits.len() + len))
}

/// A month `YYYY-MM`, a comma and a plain decimal ended by a comma, read in
/// one pass: the period, the value and where the comma after the value is.
/// Only what [`Period::parse_fast`] and [`parse_number`] read to the same
/// period and value (anything else: `None`, and the row is read field by field).
fn month_and_number(b: &[u8]) -> Option<(Period, f64, usize)> {
    let head: &[u8; 8] = b.get(..8)?.try_into().ok()?;
    if head[4] != b'-' || head[7] != b',' {
        return None;
    }
    let d = |k: usize| u32::from(head[k].wrapping_sub(b'0'));
    let ds = [d(0), d(1), d(2), d(3), d(5), d(6)];
    if ds.iter().any(|&x| x > 9) {
        return None;
    }
    let (y, m) = (
        ds[0] * 1000 + ds[1] * 100 + ds[2] * 10 + ds[3],
        ds[4] * 10 + ds[5],
    );
    if !(1..=12).contains(&m) {
        return None;
    }
    let (v, len) = plain_decimal(&b[8..])?;
    let at = 8 + len;
    (b.get(at) == Some(&b',')).then_some((Period::month(y as i32, m as u8), v, at))
}

/// 10⁰ to 10¹⁵, each exact in a float.
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// Byte offsets of the commas after the first and the second field, when
/// neither of the two fields holds a quote.
fn split_two(text: &str) -> Option<(usize, usize)> {
    let mut first = None;
    for (i, b) in text.bytes().enumerate() {
        match (b, first) {
            (b'"', _) => return None,
            (b',', None) => first = Some(i),
            (b',', Some(f)) => return Some((f, i)),
            _ => {}
        }
    }
    None
}

/// Byte offset of the comma that ends field number `n` (1-based), honouring quotes.
fn field_end(line: &str, n: usize) -> Option<usize> {
    let mut quoted = false;
    let mut count = 0;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                count += 1;
                if count == n {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The lines of a text split at `\n` (as `str::split` would), found with memchr.
fn memchr_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut from = Some(0);
    std::iter::from_fn(move || {
        let start = from?;
        match ends.next() {
            Some(at) => {
                from = Some(at + 1);
                text.get(start..at)
            }
            None => {
                from = None;
                text.get(start..)
            }
        }
    })
}

/// True when two texts are equal, without comparing them when they are the
/// same slice of one text.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    (std::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len()) || a == b
}

/// Reads a tidy table, calling `each` for every row in file order.
///
/// Rows of one series share their first four fields, so when a line starts
/// with the previous line's first four fields they are not parsed again and
/// the row says so in `same_series`: this keeps start-up fast.
pub fn read<'a>(
    file: &str,
    text: &'a str,
    each: impl FnMut(Row<'a>) -> Result<(), InputError>,
) -> Result<(), InputError> {
    read_part(file, text, (1, true), each)
}

/// [`read`] for a part of a table that starts on line `first_line`; `header`:
/// the part is the table's beginning, with the header row. Lines longer than
/// the tidy line limit are errors.
pub fn read_part<'a>(
    file: &str,
    text: &'a str,
    (first_line, header): (usize, bool),
    mut each: impl FnMut(Row<'a>) -> Result<(), InputError>,
) -> Result<(), InputError> {
    use crate::input::{limits, line_too_long};
    use std::borrow::Cow;
    let mut lines = memchr_lines(text).enumerate();
    if header {
        match lines.next() {
            Some((_, h)) if h.trim_end_matches('\r') == HEADER => {}
            Some((_, h)) if h.len() > limits::TIDY_LINE => {
                return Err(line_too_long(file, 1, limits::TIDY_LINE));
            }
            Some((_, h)) if !h.is_empty() => {
                return Err(InputError::at(
                    file,
                    1,
                    format!("expected the header {HEADER:?}, found {h:?}"),
                ));
            }
            _ => {
                return Err(InputError::file(
                    file,
                    "the file is empty; expected a tidy table with a header row",
                ));
            }
        }
    }
    let mut head: Vec<Cow<'a, str>> = Vec::with_capacity(4);
    let mut tail: Vec<Cow<'a, str>> = Vec::with_capacity(6);
    let mut prefix: &'a str = "";
    // The text of the row before from the comma after its value ("" when
    // its period or value was quoted).
    let mut tail_after: &'a str = "";
    let mut kind = EntityKind::Country;
    for (i, line) in lines {
        let n = first_line + i;
        if line.len() > limits::TIDY_LINE {
            return Err(line_too_long(file, n, limits::TIDY_LINE));
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let err = |m: String| InputError::at(file, n, m);
        let same_series = !prefix.is_empty()
            && line.len() > prefix.len()
            && line.as_bytes()[prefix.len()] == b','
            && line.starts_with(prefix);
        if !same_series {
            let end = field_end(line, 4)
                .ok_or_else(|| err("expected 10 comma-separated fields".into()))?;
            prefix = &line[..end];
            split_fields(prefix, &mut head).map_err(err)?;
            if head.len() != 4 {
                return Err(err(format!(
                    "expected 10 comma-separated fields, found {}",
                    head.len() + 6
                )));
            }
            for (k, f) in head.iter().enumerate().filter(|(k, _)| *k != 2) {
                if matches!(f, Cow::Owned(_)) {
                    return Err(err(format!("field {} may not be quoted", k + 1)));
                }
            }
            kind = head[3].parse::<EntityKind>().map_err(err)?;
        }
        let rest = &line[prefix.len() + 1..];
        // The commonest row of a large table: a month and a plain decimal,
        // then the same text as the row before after its value. Both are
        // read in one pass over the bytes, which also finds where they end.
        let fused = (same_series && !tail_after.is_empty())
            .then(|| month_and_number(rest.as_bytes()))
            .flatten()
            .filter(|&(_, _, end)| rest.get(end..) == Some(tail_after));
        let (period, value, same_tail) = match fused {
            Some((period, value, _)) => (period, value, true),
            None => {
                // Rows of a series mostly differ from the row before only in
                // period and value: when the text after the value is the
                // same, so are the fields there, and only the first two are split.
                let two = split_two(rest);
                let same_tail = match two
                    .filter(|&(_, at)| !tail_after.is_empty() && rest[at..] == *tail_after)
                {
                    Some((first, at)) => {
                        tail[0] = Cow::Borrowed(&rest[..first]);
                        tail[1] = Cow::Borrowed(&rest[first + 1..at]);
                        true
                    }
                    None => {
                        split_fields(rest, &mut tail).map_err(err)?;
                        if tail.len() != 6 {
                            return Err(err(format!(
                                "expected 10 comma-separated fields, found {}",
                                tail.len() + 4
                            )));
                        }
                        false
                    }
                };
                tail_after = two.map_or("", |(_, at)| &rest[at..]);
                let period = Period::parse_fast(&tail[0]).map_err(err)?;
                let value = parse_number(&tail[1]).ok_or_else(|| err(value_error(&tail[1])))?;
                (period, value, same_tail)
            }
        };
        let flag = Flag::parse(&tail[4]).ok_or_else(|| {
            err(format!(
                "expected an empty flag or old_series, found {:?}",
                tail[4]
            ))
        })?;
        let vintage = match &tail[3] {
            Cow::Borrowed(s) => *s,
            Cow::Owned(_) => return Err(err("field 8 may not be quoted".into())),
        };
        let borrowed = |k: usize| match &head[k] {
            Cow::Borrowed(s) => *s,
            Cow::Owned(_) => "",
        };
        each(Row {
            source: borrowed(0),
            measure: borrowed(1),
            entity: head[2].clone(),
            entity_kind: kind,
            period,
            value,
            unit: tail[2].clone(),
            vintage,
            flag,
            source_url: tail[5].clone(),
            same_series,
            same_tail: same_series && same_tail,
            line: n,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_finite_and_within_the_bounds() {
        for ok in [0.0, -0.0, 1e15, -1e15, 1e-15, 1095.5] {
            assert_eq!(check_value(ok), Ok(()), "{ok}");
        }
        for bad in [
            f64::INFINITY,
            f64::NAN,
            f64::MAX,
            1.0000001e15,
            1e-16,
            -1e-300,
        ] {
            assert!(check_value(bad).is_err(), "{bad}");
        }
        // Every plain decimal the fast path reads is within the bounds.
        assert_eq!(parse_number("999999999999999"), Some(999999999999999.0));
        assert_eq!(parse_number("0.00000000000001"), Some(1e-14));
        assert_eq!(parse_number("1e16"), None);
        assert!(value_error("1e16").contains("larger in magnitude"));
        assert!(value_error("x").starts_with("expected a number"));
    }

    #[test]
    fn vintages_are_dates_or_months() {
        for ok in ["2026-06", "2026-01-29", "2024-02-29", "2000-02-29"] {
            assert!(valid_vintage(ok), "{ok}");
        }
        for bad in [
            "",
            "2026-13",
            "2026-00",
            "2026-6",
            "2025-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-01-00",
            "2026/01",
            "20260101",
            "2026-01-1x",
            "x026-01",
        ] {
            assert!(!valid_vintage(bad), "{bad}");
        }
    }

    #[test]
    fn numbers_parse_like_the_float_parser() {
        for s in [
            "0",
            "-0",
            "1091",
            "-29136",
            "1095.5",
            "-4.724",
            "123456789012345",
            "1e3",
            "0.1",
        ] {
            assert_eq!(
                parse_number(s).map(f64::to_bits),
                s.parse::<f64>().ok().map(f64::to_bits),
                "{s}"
            );
        }
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number(""), None);
        for odd in [
            ".5",
            "5.",
            "-.5",
            "1.2.3",
            "1,5",
            "+1.5",
            "0.000000000000001",
        ] {
            assert_eq!(
                parse_number(odd).map(f64::to_bits),
                odd.parse::<f64>().ok().map(f64::to_bits),
                "{odd}"
            );
        }
    }

    proptest::proptest! {
        /// Decimals read by the fast path are the floats the parser gives.
        #[test]
        fn decimals_read_as_the_float_parser_reads_them(
            neg in proptest::bool::ANY,
            int in "[0-9]{1,12}",
            frac in "[0-9]{0,9}",
        ) {
            let s = format!("{}{int}{}{frac}", if neg { "-" } else { "" }, if frac.is_empty() { "" } else { "." });
            proptest::prop_assert_eq!(
                parse_number(&s).map(f64::to_bits),
                s.parse::<f64>().ok().map(f64::to_bits),
                "{}", s
            );
        }

        /// The one-pass reading of `month,value,` gives what the period and
        /// number parsers give for the two fields, or leaves the row to them.
        #[test]
        fn month_and_number_agrees_with_the_field_parsers(
            period in "[0-9]{4}-[0-9]{2}|[0-9]{3}-[0-9]{2}|[0-9]{4}-[0-9]|[0-9]{4}-Q[1-4]|[0-9]{4}",
            value in "-?[0-9]{0,17}(\\.[0-9]{0,9})?|[-.0-9e+]{0,6}|[0-9]{20,30}",
            after in ",.*|",
        ) {
            let text = format!("{period},{value}{after}");
            if let Some((p, v, end)) = month_and_number(text.as_bytes()) {
                proptest::prop_assert_eq!(Period::parse_fast(&period), Ok(p));
                proptest::prop_assert_eq!(parse_number(&value).map(f64::to_bits), Some(v.to_bits()));
                proptest::prop_assert_eq!(end, period.len() + 1 + value.len());
                proptest::prop_assert!(after.starts_with(','));
            }
        }

        /// Plain month rows are read by the one-pass path.
        #[test]
        fn plain_month_rows_take_the_one_pass_path(
            y in 0u32..10000, m in 1u8..=12, int in "[0-9]{1,9}", frac in "(\\.[0-9]{1,5})?",
        ) {
            let text = format!("{y:04}-{m:02},{int}{frac},USD billions");
            let (p, v, _) = month_and_number(text.as_bytes()).expect("read in one pass");
            proptest::prop_assert_eq!(p, Period::month(y as i32, m));
            proptest::prop_assert_eq!(Some(v), parse_number(&format!("{int}{frac}")));
        }
    }

    #[test]
    fn rows_that_repeat_the_text_after_the_value_read_as_if_split() {
        let text = format!(
            "{HEADER}
t,m,E,country,2024-01,1,USD billions,2026-05,,
t,m,E,country,2024-02,2.5,USD billions,2026-05,,
t,m,E,country,2024-03,3,USD billions,2026-06,,
t,m,E,country,\"2024-04\",4,USD billions,2026-06,,
t,m,E,country,2024-05,5,\"USD, billions\",2026-06,,
t,m,E,country,2024-06,6,\"USD, billions\",2026-06,,
t,m,F,country,2024-06,7,\"USD, billions\",2026-06,old_series,https://x.example/a,b
t,m,F,country,2024-07,8,\"USD, billions\",2026-06,old_series,https://x.example/a,b
"
        );
        let mut got = Vec::new();
        let r = read("t.csv", &text, |row| {
            got.push(format!(
                "{} {} {} {} {} {:?} {}",
                row.entity, row.period, row.value, row.unit, row.vintage, row.flag, row.source_url
            ));
            Ok(())
        });
        // The page address has a comma outside quotes: the last two rows
        // have 11 fields.
        assert_eq!(
            r.unwrap_err().to_string(),
            "t.csv:8: expected 10 comma-separated fields, found 11"
        );
        assert_eq!(
            got,
            [
                "E 2024-01 1 USD billions 2026-05 None ",
                "E 2024-02 2.5 USD billions 2026-05 None ",
                "E 2024-03 3 USD billions 2026-06 None ",
                "E 2024-04 4 USD billions 2026-06 None ",
                "E 2024-05 5 USD, billions 2026-06 None ",
                "E 2024-06 6 USD, billions 2026-06 None ",
            ]
        );
    }

    fn obs(entity: &str, period: &str, value: &str, line: usize) -> Observation {
        Observation {
            source: "mfhhis01".into(),
            measure: "holdings".into(),
            entity: entity.into(),
            entity_kind: EntityKind::Country,
            period: period.parse().unwrap(),
            value_text: value.into(),
            unit: "USD billions".into(),
            vintage: "2026-05-18".into(),
            flag: Flag::None,
            source_url: String::new(),
            line,
        }
    }

    #[test]
    fn round_trips_with_quoted_names() {
        let mut v = vec![
            obs("Japan", "2024-09", "1095.5", 3),
            obs("China, Mainland", "2024-09", "772", 4),
        ];
        sort_and_check("t", &mut v).unwrap();
        let text = render(&v);
        assert!(text.contains("\"China, Mainland\""));
        let mut back = Vec::new();
        read("t", &text, |r| {
            back.push((r.entity.to_string(), r.value));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            back,
            vec![
                ("China, Mainland".to_string(), 772.0),
                ("Japan".to_string(), 1095.5)
            ]
        );
    }

    #[test]
    fn duplicate_rows_are_rejected_with_both_lines() {
        let mut v = vec![
            obs("Japan", "2024-09", "1095.5", 7),
            obs("Japan", "2024-09", "1095.5", 12),
        ];
        let e = sort_and_check("raw.txt", &mut v).unwrap_err();
        assert_eq!(e.line, Some(12));
        assert!(e.message.contains("line 7"), "{e}");
    }

    #[test]
    fn bad_rows_name_line_and_expectation() {
        let text = format!(
            "{HEADER}\nmfhhis01,holdings,Japan,country,2024-09,abc,USD billions,2026-05-18,,\n"
        );
        let e = read("x.csv", &text, |_| Ok(())).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("expected a number"));
        let e = read("x.csv", "", |_| Ok(())).unwrap_err();
        assert!(e.message.contains("empty"));
        let e = read("x.csv", "a,b\n", |_| Ok(())).unwrap_err();
        assert!(e.message.contains("expected the header"));
    }
}
