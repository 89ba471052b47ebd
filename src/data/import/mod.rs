//! Importers: official files in the raw folder -> tidy tables in data/.
//!
//! Each reader turns one published format into [`Observation`]s, checking
//! every cell it relies on. [`import_dir`] runs all of them, and only when
//! every file has been read does it write any table (each through a temporary
//! file and a rename), so a bad input never leaves a half-written data/.

pub mod csv_sources;
pub mod form_s;
pub mod mfh;
pub mod slt;
pub mod text;

use super::entity::{canonical_name, kind_of};
use super::observation::{Flag, Observation};
use super::period::Period;
use super::tidy;
use crate::error::{Error, InputError};
use std::path::Path;

/// Fixed facts about the values a reader produces.
#[derive(Debug, Clone)]
pub struct Origin<'a> {
    pub file: &'a str,
    pub source: &'a str,
    pub unit: &'a str,
    pub vintage: &'a str,
}

impl Origin<'_> {
    /// An observation of this origin (the entity name is made canonical here).
    pub fn obs(
        &self,
        measure: &str,
        raw_entity: &str,
        period: Period,
        value_text: String,
        line: usize,
    ) -> Observation {
        let (entity, entity_kind) = canonical_with_kind(raw_entity);
        Observation {
            source: self.source.to_string(),
            measure: measure.to_string(),
            entity_kind,
            entity,
            period,
            value_text,
            unit: self.unit.to_string(),
            vintage: self.vintage.to_string(),
            flag: Flag::None,
            source_url: String::new(),
            line,
        }
    }
}

/// The canonical name and kind of a raw entity label. Readers emit many
/// values per row, so the last label's answer is remembered.
fn canonical_with_kind(raw: &str) -> (String, super::entity::EntityKind) {
    use std::cell::RefCell;
    thread_local! {
        static LAST: RefCell<Option<(String, String, super::entity::EntityKind)>> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((r, name, kind)) = last.as_ref()
            && r == raw
        {
            return (name.clone(), *kind);
        }
        let name = canonical_name(raw);
        let kind = kind_of(&name);
        *last = Some((raw.to_string(), name.clone(), kind));
        (name, kind)
    })
}

/// A raw file to read.
pub struct RawFile<'a> {
    /// The file's name, used in error messages.
    pub name: &'a str,
    pub text: &'a str,
}

type Reader = fn(&RawFile) -> Result<Vec<Observation>, InputError>;

/// One tidy table and the raw files it is made from.
pub struct TableSpec {
    /// Source id and table name (`data/<id>.csv`).
    pub id: &'static str,
    /// Raw file names that belong to this table: exact name, or a prefix ending in `*`.
    pub pattern: &'static str,
    pub reader: Reader,
}

/// Every table the importer makes, in file-name order.
pub const TABLES: &[TableSpec] = &[
    TableSpec {
        id: "context_facts",
        pattern: "context_facts.csv",
        reader: csv_sources::read_context_facts,
    },
    TableSpec {
        id: "fred_dgs10",
        pattern: "fred_DGS10_daily.csv",
        reader: csv_sources::read_fred_dgs10,
    },
    TableSpec {
        id: "fred_dtwexbgs",
        pattern: "fred_DTWEXBGS_daily.csv",
        reader: csv_sources::read_fred_dtwexbgs,
    },
    TableSpec {
        id: "fred_sp500",
        pattern: "fred_SP500_daily.csv",
        reader: csv_sources::read_fred_sp500,
    },
    TableSpec {
        id: "mfhhis01",
        pattern: "mfhhis01*",
        reader: mfh::read,
    },
    TableSpec {
        id: "s1_globl",
        pattern: "s1_globl.txt",
        reader: form_s::read,
    },
    TableSpec {
        id: "slt_table1",
        pattern: "slt_table1.txt",
        reader: slt::read_table1,
    },
    TableSpec {
        id: "slt_table3",
        pattern: "slt_table3.txt",
        reader: slt::read_table3,
    },
    TableSpec {
        id: "slt_table5",
        pattern: "slt_table5.txt",
        reader: slt::read_table5,
    },
    TableSpec {
        id: "tic_facts",
        pattern: "tic_transactions_facts.csv",
        reader: csv_sources::read_tic_facts,
    },
    TableSpec {
        id: "wgc_gold_reserves",
        pattern: "wgc_gold_reserves_by_country_quarterly.csv",
        reader: csv_sources::read_wgc,
    },
];

/// True when a raw file name belongs to a table's pattern (exact, or a prefix ending in `*`).
pub fn matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == pattern,
    }
}

/// The packed form of all tables, written beside them (see [`crate::data::packed`]).
pub const PACKED_NAME: &str = "packed.bin";

/// What an import made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// (table file name, rows written)
    pub tables: Vec<(String, usize)>,
    /// Doubts about the inputs that did not stop the import, for stderr.
    pub warnings: Vec<String>,
}

/// Reads raw files (name, bytes) into sorted tables, without touching the disk.
pub fn build_tables(files: &[(String, Vec<u8>)]) -> Result<Vec<Table>, InputError> {
    // Missing files first, so that message does not depend on timing.
    for spec in TABLES {
        if !files.iter().any(|(n, _)| matches(spec.pattern, n)) {
            return Err(InputError::file(
                spec.pattern,
                "missing from the raw folder; expected this official file",
            ));
        }
    }
    // Tables are independent: read them on the machine's cores (a thread per
    // core, not per table: each thread's allocator grows its own heap), then
    // report the first error in table order (the same error whatever the timing).
    let results = crate::par::map_in_order(TABLES, |spec| build_table(spec, files));
    results.into_iter().collect()
}

/// A tidy table made by the importer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// File name in data/, e.g. `slt_table3.csv`.
    pub name: String,
    pub rows: usize,
    /// The table as CSV text.
    pub csv: String,
    /// Doubts that are not errors (e.g. a range shorter than documented).
    pub warnings: Vec<InputError>,
}

/// Reads one raw file of a table as the importer does (decoding, limits,
/// reader, row checks), without the other tables: for tests and the fuzz harness.
pub fn read_one(spec: &TableSpec, name: &str, bytes: &[u8]) -> Result<Table, InputError> {
    build_table(spec, &[(name.to_string(), bytes.to_vec())])
}

/// Reads the raw files of one table into sorted, checked observations, rendered as CSV.
fn build_table(spec: &TableSpec, files: &[(String, Vec<u8>)]) -> Result<Table, InputError> {
    let mut matched: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(n, _)| matches(spec.pattern, n))
        .collect();
    matched.sort_by(|a, b| a.0.cmp(&b.0));
    let copies = matched.len();
    let mut obs = Vec::new();
    let mut file_label = String::new();
    for (name, bytes) in matched {
        let text = text::decode(name, bytes)?;
        let read = (spec.reader)(&RawFile { name, text })?;
        // Rows the tidy reader would refuse, named at the raw file's line.
        tidy::check_observations(name, &read)?;
        obs.extend(read);
        if !file_label.is_empty() {
            file_label.push_str(" + ");
        }
        file_label.push_str(name);
    }
    if copies > 1 {
        obs = merge_copies(&file_label, obs)?;
    }
    tidy::sort_and_check(&file_label, &mut obs)?;
    let warnings = coverage_warning(spec.id, &file_label, &obs)
        .into_iter()
        .collect();
    Ok(Table {
        name: format!("{}.csv", spec.id),
        rows: obs.len(),
        csv: tidy::render(&obs),
        warnings,
    })
}

/// data/SOURCES.md: its table gives the coverage of every raw file.
const SOURCES_MD: &str = include_str!("../../../data/SOURCES.md");

/// Tables whose format cannot show that a file is complete (a FRED or WGC
/// file cut at a line end is still a valid file): their range is compared
/// with the coverage SOURCES.md gives them.
const RANGE_CHECKED: [&str; 4] = [
    "fred_dgs10",
    "fred_dtwexbgs",
    "fred_sp500",
    "wgc_gold_reserves",
];

/// The first `YYYY-MM .. YYYY-MM` in the coverage column of a table's row of SOURCES.md.
pub fn documented_coverage(id: &str) -> Option<(String, String)> {
    let row = SOURCES_MD
        .lines()
        .find(|l| l.starts_with(&format!("| {id}.csv |")))?;
    let coverage = row.trim_end().trim_end_matches('|').rsplit('|').next()?;
    let is_month = |s: &str| {
        s.len() == 7 && s.as_bytes()[4] == b'-' && s.bytes().filter(u8::is_ascii_digit).count() == 6
    };
    let words: Vec<&str> = coverage
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).find_map(|w| {
        (is_month(w[0]) && w[1] == ".." && is_month(w[2]))
            .then(|| (w[0].to_string(), w[2].to_string()))
    })
}

/// The official address of a table's raw file, as data/SOURCES.md gives it
/// (the first `https://` address in the table's row): a file for the TIC
/// tables, a web page for the others.
pub fn documented_url(id: &str) -> Option<String> {
    let row = SOURCES_MD
        .lines()
        .find(|l| l.starts_with(&format!("| {id}.csv |")))?;
    let at = row.find("https://")?;
    let url = row[at..]
        .split(|c: char| c.is_whitespace() || c == '|')
        .next()?;
    Some(url.to_string())
}

/// A warning when a range-checked table starts after or ends before its documented coverage.
fn coverage_warning(id: &str, file: &str, obs: &[Observation]) -> Option<InputError> {
    if !RANGE_CHECKED.contains(&id) {
        return None;
    }
    let (from, to) = documented_coverage(id)?;
    let month = |o: &Observation| o.period.last_day().format("%Y-%m").to_string();
    let first = obs.iter().map(month).min()?;
    let last = obs.iter().map(month).max()?;
    (first > from || last < to).then(|| {
        InputError::file(
            file,
            format!(
                "values run {first} .. {last}, but data/SOURCES.md says the file covers {from} .. {to} (a truncated file, or a different download?)"
            ),
        )
    })
}

/// Two copies of one table (e.g. two releases of mfhhis01) repeat every value
/// that neither revised; such a value carries the same vintage in both (the
/// date since which it has been published), and is one publication seen twice:
/// it is kept once, as printed by the newer copy (files are read oldest first).
/// The same key and vintage with two different values cannot both be true,
/// and is an error naming both lines.
fn merge_copies(file: &str, obs: Vec<Observation>) -> Result<Vec<Observation>, InputError> {
    use std::collections::HashMap;
    type Key = (String, String, Period, String, Flag, String);
    let mut at: HashMap<Key, usize> = HashMap::with_capacity(obs.len());
    let mut out: Vec<Observation> = Vec::with_capacity(obs.len());
    for o in obs {
        let key = (
            o.measure.clone(),
            o.entity.clone(),
            o.period,
            o.vintage.clone(),
            o.flag,
            o.source_url.clone(),
        );
        match at.get(&key) {
            None => {
                at.insert(key, out.len());
                out.push(o);
            }
            Some(&i) if out[i].value() == o.value() => out[i] = o,
            Some(&i) => {
                let first = &out[i];
                return Err(InputError::at(
                    file,
                    o.line,
                    format!(
                        "{} {} {} is {} here but {} on line {} with the same vintage {}; expected a value revised in a newer copy to carry a newer revision date",
                        o.entity,
                        o.measure,
                        o.period,
                        o.value_text,
                        first.value_text,
                        first.line,
                        o.vintage
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// The packed form of exactly these tables, read back with the tidy reader.
pub fn pack(tables: &[Table]) -> Result<Vec<u8>, InputError> {
    let ds =
        crate::data::Dataset::from_files(tables.iter().map(|t| (t.name.clone(), t.csv.as_str())))?;
    Ok(crate::data::packed::encode(&ds))
}

/// Imports every official file in `from` and writes the tidy tables into `out`.
pub fn import_dir(from: &Path, out: &Path) -> Result<Summary, Error> {
    let shown = from.display().to_string();
    let entries = match std::fs::read_dir(from) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(InputError::file(
                shown,
                "no such folder; expected the folder of official files (--from)",
            )
            .into());
        }
        Err(e) => return Err(Error::io(shown, e)),
    };
    if out.exists() && !out.is_dir() {
        return Err(Error::Usage(format!(
            "--out {}: not a folder; expected a folder for the tidy tables",
            out.display()
        )));
    }
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(from.display().to_string(), e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Other entries are skipped, but a table's file that is not a regular
        // file (a FIFO, a device, a folder) is read, and refused, by name.
        let a_table = TABLES.iter().any(|t| matches(t.pattern, &name));
        if name.ends_with(".md") || !(a_table || entry.path().is_file()) {
            continue;
        }
        let path = entry.path();
        let bytes = crate::input::read_file(
            &path,
            &path.display().to_string(),
            crate::input::limits::RAW_FILE,
            "an official file of at most that size",
        )?;
        files.push((name, bytes));
    }
    let tables = build_tables(&files).map_err(|mut e| {
        e.file = from.join(&e.file).display().to_string();
        e
    })?;
    let packed = pack(&tables)?;

    std::fs::create_dir_all(out).map_err(|e| Error::io(out.display().to_string(), e))?;
    let mut files: Vec<(&str, &[u8])> = tables
        .iter()
        .map(|t| (t.name.as_str(), t.csv.as_bytes()))
        .collect();
    files.push((PACKED_NAME, &packed));
    crate::safe_write::write_files(out, &files)?;
    let summary = Summary {
        tables: tables.iter().map(|t| (t.name.clone(), t.rows)).collect(),
        warnings: tables
            .iter()
            .flat_map(|t| &t.warnings)
            .map(|w| {
                let file = from.join(&w.file).display().to_string();
                InputError::new(file, w.line, w.message.clone()).to_string()
            })
            .collect(),
    };
    Ok(summary)
}
