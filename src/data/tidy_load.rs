//! Reading tidy tables into a [`Dataset`]: rows gathered into series, a large
//! text parsed in two halves at once, and files read in blocks (parsed two
//! at a time) so a table's text and its values are never held whole at the
//! same time.

use super::dataset::{Dataset, Point, Series, SeriesKey, check_duplicates};
use super::dataset::{Sym, Url};
use super::tidy;
use crate::error::InputError;
use std::collections::HashMap;

/// Bytes of a table read at once (files are read in blocks of this size).
pub const BLOCK: usize = 1 << 20;

/// At most this many values are reserved for a new series on a guess.
const MAX_GUESS: usize = 1 << 14;

/// Texts smaller than this are parsed on one thread.
const SPLIT_AT: usize = 256 << 10;

/// The source a table file's rows must name: its file name without `.csv`.
pub fn source_of_file(name: &str) -> &str {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    file.strip_suffix(".csv").unwrap_or(file)
}

/// Series as they are gathered, found by their key.
#[derive(Default)]
struct Gathered {
    series: Vec<Series>,
    index: HashMap<SeriesKey, usize>,
}

/// The file lines of a series' points, in point order, as runs of
/// consecutive lines (a sorted table gives each series one run per block).
#[derive(Default)]
struct Lines(Vec<(u32, u32)>);

impl Lines {
    #[inline]
    fn push(&mut self, line: u32) {
        self.push_run(line, 1);
    }

    /// `n` lines from `first`, joined to the last run when they go on from it.
    #[inline]
    fn push_run(&mut self, first: u32, n: u32) {
        match self.0.last_mut() {
            Some((f, m)) if f.checked_add(*m) == Some(first) => *m += n,
            _ => self.0.push((first, n)),
        }
    }

    fn extend(&mut self, other: Lines) {
        for (first, n) in other.0 {
            self.push_run(first, n);
        }
    }

    /// One line per point.
    fn each(&self) -> Vec<u32> {
        self.0
            .iter()
            .flat_map(|&(first, n)| (0..n).map(move |k| first.saturating_add(k)))
            .collect()
    }
}

/// Series gathered from rows, with the line and table of every point (for
/// the duplicate check).
#[derive(Default)]
pub struct Builder {
    ds: Gathered,
    /// Per series: the line of each point, as runs.
    lines: Vec<Lines>,
    /// Per series: the table it was first seen in.
    tables: Vec<usize>,
    /// A series whose unit or entity kind differs between two parts of the
    /// data: the table and first line of the series in the later part, and the message.
    conflict: Option<(usize, Option<usize>, String)>,
}

impl Builder {
    /// Adds the rows of `text` (table number and name, first line, header).
    fn add(
        &mut self,
        (table, name): (usize, &str),
        text: &str,
        at: (usize, bool),
        source: Option<&str>,
    ) -> Result<(), InputError> {
        let ds = &mut self.ds;
        let (lines, tables) = (&mut self.lines, &mut self.tables);
        // Interned vintage strings (daily series have one per day).
        let mut vintages: HashMap<&str, Sym> = HashMap::new();
        let mut last_vintage: Sym = Sym::from("");
        let mut last_vintage_text = "";
        let mut current: Option<usize> = None;
        let mut checked_vintage = "";
        // The unit text of the current series' row before (when not quoted).
        let mut checked_unit = "";
        tidy::read_part(name, text, at, |row| {
            let line = u32::try_from(row.line).unwrap_or(u32::MAX);
            // A row that repeats the row before but for period and value
            // (most rows) passes as that row did, with its vintage, flag and page.
            if row.same_tail
                && let Some(idx) = current
                && let Some(last) = ds.series[idx].points.last()
            {
                let point = Point {
                    period: row.period,
                    value: row.value,
                    ..last.clone()
                };
                lines[idx].push(line);
                ds.series[idx].points.push(point);
                return Ok(());
            }
            // A row of the series before with its vintage passes as that row did.
            let same_vintage = tidy::same_text(row.vintage, checked_vintage);
            if !(row.same_series && current.is_some() && same_vintage) {
                tidy::check_row(name, &row, source)?;
                checked_vintage = row.vintage;
            }
            if !(row.same_series && current.is_some()) {
                let key = SeriesKey {
                    source: row.source.to_string(),
                    measure: row.measure.to_string(),
                    entity: row.entity.to_string(),
                };
                // The series before is usually complete (tables are sorted):
                // its length is the guess for the next one's (series of a
                // table are mostly alike), so that a series' vectors are
                // not grown and copied a value at a time.
                let guess = current.map_or(0, |p| ds.series[p].points.len().min(MAX_GUESS));
                let idx = *ds.index.entry(key).or_insert_with(|| {
                    ds.series.push(Series::from_parts(
                        row.source.to_string(),
                        row.measure.to_string(),
                        row.entity.to_string(),
                        row.entity_kind,
                        row.unit.to_string(),
                        Vec::with_capacity(guess),
                    ));
                    lines.push(Lines::default());
                    tables.push(table);
                    ds.series.len() - 1
                });
                // Give back what the series before reserved beyond its values.
                if let Some(prev) = current.filter(|&p| p != idx) {
                    ds.series[prev].points.shrink_to_fit();
                }
                current = Some(idx);
                checked_unit = "";
            }
            let idx = current.unwrap_or_default();
            let series = &mut ds.series[idx];
            let unit_checked = matches!(row.unit, std::borrow::Cow::Borrowed(u) if tidy::same_text(u, checked_unit));
            if !unit_checked && (series.unit != row.unit || series.kind != row.entity_kind) {
                return Err(InputError::at(
                    name,
                    row.line,
                    format!(
                        "series {}/{}/{} changes unit or entity kind ({} {} vs {} {}); expected one of each per series",
                        series.source,
                        series.measure,
                        series.entity,
                        series.unit,
                        series.kind,
                        row.unit,
                        row.entity_kind
                    ),
                ));
            }
            if let std::borrow::Cow::Borrowed(u) = row.unit {
                checked_unit = u;
            }
            if !tidy::same_text(last_vintage_text, row.vintage) && *last_vintage != *row.vintage {
                last_vintage_text = row.vintage;
                last_vintage = *vintages
                    .entry(row.vintage)
                    .or_insert_with(|| Sym::from(row.vintage));
            }
            lines[idx].push(line);
            series.points.push(Point {
                period: row.period,
                value: row.value,
                vintage: last_vintage,
                flag: row.flag,
                source_url: (!row.source_url.is_empty()).then(|| Url::new(&row.source_url)),
            });
            Ok(())
        })
    }

    /// Takes in the series of a builder made from later text (points of a
    /// series both know are appended after this one's).
    pub fn absorb(&mut self, other: Builder) {
        if self.ds.series.is_empty() && self.conflict.is_none() {
            *self = other;
            return;
        }
        let Builder {
            ds,
            lines,
            tables,
            conflict,
        } = other;
        if self.conflict.is_none() {
            self.conflict = conflict;
        }
        for ((s, l), t) in ds.series.into_iter().zip(lines).zip(tables) {
            let key = SeriesKey {
                source: s.source.clone(),
                measure: s.measure.clone(),
                entity: s.entity.clone(),
            };
            match self.ds.index.get(&key) {
                Some(&i) => {
                    let mine = &mut self.ds.series[i];
                    if (mine.unit != s.unit || mine.kind != s.kind) && self.conflict.is_none() {
                        let line = l.0.first().map(|&(first, _)| first as usize);
                        self.conflict = Some((
                            t,
                            line,
                            format!(
                                "series {}/{}/{} changes unit or entity kind ({} {} vs {} {}); expected one of each per series",
                                s.source, s.measure, s.entity, mine.unit, mine.kind, s.unit, s.kind
                            ),
                        ));
                    }
                    mine.points.extend(s.points.into_vec());
                    self.lines[i].extend(l);
                }
                None => {
                    self.ds.index.insert(key, self.ds.series.len());
                    self.ds.series.push(s);
                    self.lines.push(l);
                    self.tables.push(t);
                }
            }
        }
    }

    /// Checks for duplicate rows and sorts every series (`names`: the tables' names).
    pub fn finish(mut self, names: &[String]) -> Result<Dataset, InputError> {
        let name = |t: usize| names.get(t).cloned().unwrap_or_default();
        if let Some((t, line, message)) = self.conflict {
            return Err(InputError::new(name(t), line, message));
        }
        // Each series is checked on its own, on every core; the first error
        // in series order is the one reported.
        let order: Vec<usize> = (0..self.ds.series.len()).collect();
        let unsorted = crate::par::map_in_order(&order, |&i| {
            let s = &self.ds.series[i];
            // Periods that only ever rise: sorted, and no two rows alike. A
            // month run (one plain value a month, which the browser asks for)
            // is such a series: found first, it spares most series a second pass.
            if s.month_run().is_some() || s.points.windows(2).all(|w| w[0].period < w[1].period) {
                return Ok(false);
            }
            check_duplicates(&name(self.tables[i]), s, &self.lines[i].each())?;
            let sorted = s
                .points
                .is_sorted_by(|a, b| (a.period, &a.vintage) <= (b.period, &b.vintage));
            Ok::<bool, InputError>(!sorted)
        });
        for (s, unsorted) in self.ds.series.iter_mut().zip(unsorted) {
            if unsorted? {
                s.points
                    .sort_by(|a, b| (a.period, &a.vintage).cmp(&(b.period, &b.vintage)));
            }
        }
        Ok(Dataset::from_series(self.ds.series))
    }
}

/// Parses a text (a table, or a part of one starting at `at`: first line and
/// whether it holds the header) on the calling thread.
fn parse_text(
    (table, name): (usize, &str),
    text: &str,
    at: (usize, bool),
    source: Option<&str>,
) -> Result<Builder, InputError> {
    let mut b = Builder::default();
    b.add((table, name), text, at, source)?;
    Ok(b)
}

/// [`parse_text`] in two halves on two threads when the text is large.
pub fn parse_parallel(
    (table, name): (usize, &str),
    text: &str,
    at: (usize, bool),
    source: Option<&str>,
) -> Result<Builder, InputError> {
    let parse = |part: &str, at| parse_text((table, name), part, at, source);
    let split = (text.len() >= SPLIT_AT)
        .then(|| memchr::memchr(b'\n', &text.as_bytes()[text.len() / 2..]))
        .flatten()
        .map(|i| text.len() / 2 + i + 1);
    let Some(mid) = split else {
        return parse(text, at);
    };
    // Just after a line end: a character boundary.
    let (left, right) = text.split_at(mid);
    let (a, b) = std::thread::scope(|scope| {
        // The second half counts the lines of the first to know where it starts.
        let other = scope.spawn(|| {
            let before = memchr::memchr_iter(b'\n', left.as_bytes()).count();
            parse(right, (at.0 + before, false))
        });
        let mine = parse(left, at);
        let other = other
            .join()
            .unwrap_or_else(|_| Err(InputError::file(name, "a table reader failed")));
        (mine, other)
    });
    // The first error in the text is the one reported.
    let mut a = a?;
    a.absorb(b?);
    Ok(a)
}

/// Parses a block of a table file as read (bytes not yet checked as text),
/// on the calling thread ([`crate::input::read_blocks`] parses two blocks at once).
pub fn parse_block(
    (table, name): (usize, &str),
    block: crate::input::Block<'_>,
    source: Option<&str>,
) -> Result<Builder, InputError> {
    let text = block.decode(name)?;
    parse_text((table, name), text, (block.first_line, block.start), source)
}

#[cfg(test)]
mod tests {
    use super::Lines;
    use crate::data::{Dataset, Flag};

    /// Rows that repeat the row before but for period and value take its
    /// vintage, flag and page; any change after the value is read anew.
    #[test]
    fn repeated_rows_keep_the_vintage_flag_and_page_of_the_row_before() {
        let table = "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
s,m,E,country,2024-01,1,USD billions,2026-06,old_series,https://a.example/x
s,m,E,country,2024-02,1.5,USD billions,2026-06,old_series,https://a.example/x
s,m,E,country,2024-01,2,USD billions,2026-06,,
s,m,E,country,2024-02,3,USD billions,2026-06,,
s,m,E,country,2024-03,4,USD billions,2026-07,,
s,m,E,country,2024-04,5,USD billions,2026-07,,https://b.example/y
s,m,E,country,2024-05,6,USD billions,2026-07,,https://b.example/y
s,m,F,country,2024-05,7,USD billions,2026-07,,https://b.example/y
";
        let ds = Dataset::from_tables([("s".to_string(), table)]).unwrap();
        let got = |entity: &str| -> Vec<String> {
            ds.series("s", "m", entity)
                .unwrap()
                .all_points()
                .iter()
                .map(|p| {
                    format!(
                        "{} {} {} {} {}",
                        p.period,
                        p.value,
                        p.vintage,
                        if p.flag == Flag::OldSeries {
                            "old"
                        } else {
                            "-"
                        },
                        p.source_url.as_deref().unwrap_or("-")
                    )
                })
                .collect()
        };
        assert_eq!(
            got("E"),
            [
                "2024-01 1 2026-06 old https://a.example/x",
                "2024-01 2 2026-06 - -",
                "2024-02 1.5 2026-06 old https://a.example/x",
                "2024-02 3 2026-06 - -",
                "2024-03 4 2026-07 - -",
                "2024-04 5 2026-07 - https://b.example/y",
                "2024-05 6 2026-07 - https://b.example/y",
            ]
        );
        assert_eq!(got("F"), ["2024-05 7 2026-07 - https://b.example/y"]);
    }

    #[test]
    fn lines_kept_as_runs_give_back_every_line_in_point_order() {
        let mut a = Lines::default();
        for line in [2, 3, 4, 9, 10, 7] {
            a.push(line);
        }
        assert_eq!(a.0, vec![(2, 3), (9, 2), (7, 1)]);
        let mut b = Lines::default();
        for line in [8, 9, 40] {
            b.push(line);
        }
        // A part that goes on where the other stopped joins its last run.
        a.extend(b);
        assert_eq!(a.0, vec![(2, 3), (9, 2), (7, 3), (40, 1)]);
        assert_eq!(a.each(), vec![2, 3, 4, 9, 10, 7, 8, 9, 40]);
        let mut top = Lines::default();
        top.push(u32::MAX);
        top.push(u32::MAX);
        assert_eq!(top.each(), vec![u32::MAX, u32::MAX]);
    }
}
