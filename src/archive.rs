//! The archive of data vintages that `claimlens update` keeps in the user's
//! data folder (`$XDG_DATA_HOME/claimlens`, else `~/.local/share/claimlens`).
//!
//! Layout:
//! - `archive.json`: the index: for every file fetched, its URL and the
//!   validators of the last accepted copy (ETag, Last-Modified) for
//!   conditional requests; and the list of vintages, oldest first.
//! - `vintages/<id>.bin`: one per accepted release, in the packed form of
//!   [`crate::data::packed`], holding only the values that release added to
//!   what was known before it (the embedded data and the older vintages).
//!
//! The dataset every command reads is the embedded data with the vintages
//! merged in, oldest first ([`merge`]): a value equal to the one already
//! known for its period (the newest older vintage) collapses into that older
//! one, so "as published" keeps the date a value first appeared. The index is
//! written last, through a temporary file and a rename: an interrupted update
//! leaves the archive as it was.

use crate::data::{Dataset, Point, Series};
use crate::error::{Error, InputError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The index file in the archive folder.
pub const INDEX: &str = "archive.json";
/// The folder of vintage files in the archive folder.
pub const VINTAGES: &str = "vintages";
const FORMAT: u32 = 1;
/// The largest index read (a vintage's record takes a few hundred bytes).
const INDEX_LIMIT: u64 = 4 << 20;

/// What is remembered about one fetched file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    pub url: String,
    /// The name the importer reads it under (e.g. `slt_table3.txt`).
    pub name: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When the accepted copy was fetched (`YYYY-MM-DDTHH:MM:SSZ`).
    pub fetched: String,
    pub bytes: u64,
}

/// One accepted release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VintageRecord {
    /// `YYYYMMDDTHHMMSSZ` of the fetch (a suffix `-N` keeps ids unique).
    pub id: String,
    /// When it was fetched (`YYYY-MM-DDTHH:MM:SSZ`).
    pub fetched: String,
    /// The mirror (`--from`) or `official`.
    pub from: String,
    /// The files that were new in this release.
    pub files: Vec<String>,
    /// How many values it added or replaced.
    pub values: usize,
}

impl VintageRecord {
    /// The vintage file, relative to the archive folder.
    pub fn file(&self) -> String {
        format!("{VINTAGES}/{}.bin", self.id)
    }

    /// The day of the fetch, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        self.fetched.get(..10).unwrap_or(&self.fetched)
    }
}

/// The archive index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub format: u32,
    pub files: Vec<FileState>,
    pub vintages: Vec<VintageRecord>,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            format: FORMAT,
            files: vec![],
            vintages: vec![],
        }
    }
}

/// The archive folder and its index.
#[derive(Debug, Clone)]
pub struct Archive {
    pub dir: PathBuf,
    pub index: Index,
}

/// `$XDG_DATA_HOME/claimlens` (an absolute XDG_DATA_HOME only, as the XDG
/// spec asks), else `$HOME/.local/share/claimlens`; `None` without either.
pub fn default_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .map(|h| h.join(".local").join("share"))
    })?;
    Some(base.join("claimlens"))
}

/// An error about a damaged archive file: exit status 2, with the way out.
fn corrupt(dir: &Path, file: &Path, what: impl std::fmt::Display) -> Error {
    InputError::file(
        file.display().to_string(),
        format!(
            "{what}; the archive of updates is damaged: remove it (rm -r {}) and run `claimlens update` again, or pass --data; the embedded data need no archive",
            dir.display()
        ),
    )
    .into()
}

impl Archive {
    /// Opens the archive in `dir`; a missing folder or index is an empty archive.
    pub fn open(dir: &Path) -> Result<Archive, Error> {
        let path = dir.join(INDEX);
        let shown = path.display().to_string();
        let index = if path.exists() {
            let bytes = crate::input::read_file(&path, &shown, INDEX_LIMIT, "the archive index")?;
            let index: Index = serde_json::from_slice(&bytes)
                .map_err(|e| corrupt(dir, &path, format!("line {}: {e}", e.line())))?;
            if index.format != FORMAT {
                return Err(corrupt(
                    dir,
                    &path,
                    format!(
                        "format {} (expected {FORMAT}, written by another claimlens)",
                        index.format
                    ),
                ));
            }
            index
        } else {
            Index::default()
        };
        Ok(Archive {
            dir: dir.to_path_buf(),
            index,
        })
    }

    /// The values of one vintage file.
    pub fn read_vintage(&self, v: &VintageRecord) -> Result<Dataset, Error> {
        let path = self.dir.join(v.file());
        let shown = path.display().to_string();
        let bytes = match crate::input::read_file(
            &path,
            &shown,
            crate::input::limits::TIDY_FILE,
            "a vintage file",
        ) {
            Ok(b) => b,
            Err(Error::Input(e)) => return Err(corrupt(&self.dir, &path, e.message)),
            Err(e) => return Err(e),
        };
        crate::data::packed::decode(&shown, &bytes)
            .map_err(|e| corrupt(&self.dir, &path, e.message))
    }

    /// `base` with the first `upto` vintages merged in, oldest first.
    pub fn dataset_upto(&self, base: Dataset, upto: usize) -> Result<Dataset, Error> {
        let mut ds = base;
        for v in self.index.vintages.iter().take(upto) {
            ds = merge(&ds, &self.read_vintage(v)?).merged;
        }
        Ok(ds)
    }

    /// `base` with every vintage merged in.
    pub fn dataset(&self, base: Dataset) -> Result<Dataset, Error> {
        self.dataset_upto(base, self.index.vintages.len())
    }

    /// The remembered state of a URL.
    pub fn file_state(&self, url: &str) -> Option<&FileState> {
        self.index.files.iter().find(|f| f.url == url)
    }

    /// A fresh vintage id for a fetch at `stamp` (`YYYYMMDDTHHMMSSZ`).
    pub fn new_id(&self, stamp: &str) -> String {
        let taken = |id: &str| {
            self.index.vintages.iter().any(|v| v.id == id)
                || self.dir.join(VINTAGES).join(format!("{id}.bin")).exists()
        };
        let mut id = stamp.to_string();
        let mut n = 1;
        while taken(&id) {
            n += 1;
            id = format!("{stamp}-{n}");
        }
        id
    }

    /// Records an accepted release: writes its vintage file (when there is
    /// one), then the index with the new file states. Each write goes through
    /// a temporary file and a rename; the index, written last, is what makes
    /// the vintage part of the archive.
    pub fn commit(
        &mut self,
        vintage: Option<(VintageRecord, Vec<u8>)>,
        files: Vec<FileState>,
    ) -> Result<(), Error> {
        let mut index = self.index.clone();
        std::fs::create_dir_all(self.dir.join(VINTAGES))
            .map_err(|e| Error::io(self.dir.join(VINTAGES).display().to_string(), e))?;
        if let Some((rec, bytes)) = vintage {
            let path = self.dir.join(rec.file());
            crate::safe_write::write_file(&path, &path.display().to_string(), &bytes, false)?;
            index.vintages.push(rec);
        }
        for f in files {
            match index.files.iter_mut().find(|s| s.url == f.url) {
                Some(s) => *s = f,
                None => index.files.push(f),
            }
        }
        let mut json = serde_json::to_string_pretty(&index)
            .map_err(|e| Error::Usage(format!("archive index: {e}")))?;
        json.push('\n');
        let path = self.dir.join(INDEX);
        crate::safe_write::write_file(&path, &path.display().to_string(), json.as_bytes(), true)?;
        self.index = index;
        Ok(())
    }
}

/// The result of merging a release into a dataset.
pub struct Merged {
    pub merged: Dataset,
    /// Only the values the release added or replaced.
    pub fresh: Dataset,
    /// How many values that is.
    pub count: usize,
}

/// Merges `add` into `base`. For each value of `add`, among the values of
/// `base` for the same series, period, flag and page:
/// - one of the same vintage and value: nothing new;
/// - one of the same vintage and another value: the later release replaces it;
/// - the newest of older vintages has the same value: it collapses into that
///   older value (nothing new);
/// - otherwise the value is added.
pub fn merge(base: &Dataset, add: &Dataset) -> Merged {
    let mut series: Vec<Series> = base.all_series().to_vec();
    let mut at: HashMap<(String, String, String), usize> = series
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.source.clone(), s.measure.clone(), s.entity.clone()), i))
        .collect();
    let mut fresh_series = Vec::new();
    let mut count = 0;
    for s in add.all_series() {
        let key = (s.source.clone(), s.measure.clone(), s.entity.clone());
        let existing = at.get(&key).map(|&i| series[i].all_points());
        let (points, fresh) = merge_points(existing.unwrap_or(&[]), s.all_points());
        if fresh.is_empty() {
            continue;
        }
        count += fresh.len();
        fresh_series.push(s.with_points(fresh));
        match at.get(&key) {
            Some(&i) => series[i] = s.with_points(points),
            None => {
                at.insert(key, series.len());
                series.push(s.with_points(points));
            }
        }
    }
    Merged {
        merged: Dataset::from_series(series),
        fresh: Dataset::from_series(fresh_series),
        count,
    }
}

/// The merged points of one series (sorted by period, then vintage) and the
/// points that were new or replaced.
fn merge_points(base: &[Point], add: &[Point]) -> (Vec<Point>, Vec<Point>) {
    let mut points = base.to_vec();
    let mut extra = Vec::new();
    let mut fresh = Vec::new();
    for p in add {
        let start = base.partition_point(|q| q.period < p.period);
        let slot: Vec<usize> = (start..base.len())
            .take_while(|&i| base[i].period == p.period)
            .filter(|&i| base[i].flag == p.flag && base[i].source_url == p.source_url)
            .collect();
        if let Some(&i) = slot.iter().find(|&&i| base[i].vintage == p.vintage) {
            if points[i].value != p.value {
                points[i] = p.clone();
                fresh.push(p.clone());
            }
            continue;
        }
        let older = slot
            .iter()
            .filter(|&&i| base[i].vintage < p.vintage)
            .max_by(|&&a, &&b| base[a].vintage.cmp(&base[b].vintage));
        if older.is_some_and(|&i| points[i].value == p.value) {
            continue;
        }
        extra.push(p.clone());
        fresh.push(p.clone());
    }
    if !extra.is_empty() {
        points.extend(extra);
        points.sort_by(|a, b| a.period.cmp(&b.period).then(a.vintage.cmp(&b.vintage)));
    }
    (points, fresh)
}

/// The dataset at start-up: the embedded data with the archive's vintages
/// merged in (no archive: the embedded data alone).
pub fn startup_dataset() -> Result<Dataset, Error> {
    let base = Dataset::embedded()?;
    match default_dir() {
        Some(dir) if dir.join(INDEX).exists() => Archive::open(&dir)?.dataset(base),
        _ => Ok(base),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[(&str, &str, &str)]) -> Dataset {
        let mut csv = String::from(
            "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url\n",
        );
        for (period, value, vintage) in rows {
            csv.push_str(&format!(
                "t,m,Japan,country,{period},{value},USD billions,{vintage},,\n"
            ));
        }
        Dataset::from_files([("t.csv".to_string(), csv.as_str())]).unwrap()
    }

    fn values(ds: &Dataset) -> Vec<(String, f64, String)> {
        ds.series("t", "m", "Japan")
            .map(|s| {
                s.all_points()
                    .iter()
                    .map(|p| (p.period.to_string(), p.value, p.vintage.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn equal_values_collapse_into_the_older_vintage_and_revisions_are_added() {
        let base = table(&[("2025-01", "10", "2025-03"), ("2025-02", "20", "2025-04")]);
        let add = table(&[
            ("2025-01", "10", "2026-07-01"),
            ("2025-02", "21", "2026-07-01"),
            ("2025-03", "30", "2026-07-01"),
        ]);
        let m = merge(&base, &add);
        assert_eq!(m.count, 2);
        assert_eq!(
            values(&m.merged),
            vec![
                ("2025-01".into(), 10.0, "2025-03".into()),
                ("2025-02".into(), 20.0, "2025-04".into()),
                ("2025-02".into(), 21.0, "2026-07-01".into()),
                ("2025-03".into(), 30.0, "2026-07-01".into()),
            ]
        );
        assert_eq!(values(&m.fresh).len(), 2);
        // The same release again adds nothing.
        assert_eq!(merge(&m.merged, &add).count, 0);
        // A later release with the same vintage and another value replaces it.
        let again = table(&[("2025-03", "31", "2026-07-01")]);
        let m2 = merge(&m.merged, &again);
        assert_eq!(m2.count, 1);
        assert_eq!(
            values(&m2.merged)[3],
            ("2025-03".into(), 31.0, "2026-07-01".into())
        );
    }

    #[test]
    fn a_damaged_index_names_the_file_and_the_way_out() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(INDEX), "{ not json").unwrap();
        let e = Archive::open(dir.path()).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let text = e.to_string();
        assert!(text.contains("archive.json"), "{text}");
        assert!(text.contains("rm -r"), "{text}");
    }
}
