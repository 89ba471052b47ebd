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
//!
//! Checksums (format 2): every vintage file ends with its own CRC-32 (the
//! tag `CLCS` and four bytes), the index records each vintage file's size and
//! CRC-32, and the index ends with the CRC-32 of every byte before it
//! (`"checksum": "crc32:…"`, its last field). A mismatch is an error naming the
//! file, with the command that removes the archive. An archive written before
//! checksums (format 1) is upgraded once, by the first command that opens it:
//! each vintage file must still decode, gets its checksum, and the index is
//! written anew.
//!
//! Locking: `update` (and the upgrade) holds an exclusive `flock` on the
//! archive folder from reading the index to writing it ([`lock`]); a second
//! update waits for the first, with a message, and then starts from the
//! index the first wrote. Readers take no lock: the index is only ever
//! replaced whole (a temporary file and a rename), and a vintage file is
//! written before the index names it and never changed after.

use crate::data::{Dataset, Point, Series};
use crate::error::{Error, InputError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The index file in the archive folder.
pub const INDEX: &str = "archive.json";
/// The folder of vintage files in the archive folder.
pub const VINTAGES: &str = "vintages";
/// The format written: with checksums.
const FORMAT: u32 = 2;
/// The format of archives written before checksums, upgraded when opened.
const FORMAT_UNCHECKED: u32 = 1;
/// The largest index read (a vintage's record takes a few hundred bytes).
const INDEX_LIMIT: u64 = 4 << 20;
/// The largest vintage file read (a release's values in the packed form).
const VINTAGE_LIMIT: u64 = crate::input::limits::TIDY_FILE;
/// What ends a vintage file: this tag and the CRC-32 of the bytes before it.
const TRAILER: &[u8; 4] = b"CLCS";
/// What comes before the index's checksum at its end.
const SUM_KEY: &str = ",\n  \"checksum\": \"";
/// What comes after it.
const SUM_END: &str = "\"\n}\n";

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
    /// The vintage file's size in bytes (none in an archive written before checksums).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// The vintage file's checksum, `crc32:` and eight hex digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum: Option<String>,
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

/// An exclusive lock on the archive folder, held until dropped.
pub struct Lock {
    _dir: std::fs::File,
}

/// Takes the exclusive lock on the archive folder `dir` (made if missing):
/// when another process holds it (an update running), says so on stderr and
/// waits for it. The lock is a `flock` on the folder itself, so no lock file
/// is left behind, and the system releases it when the process ends, however it ends.
pub fn lock(dir: &Path) -> Result<Lock, Error> {
    let shown = dir.display().to_string();
    std::fs::create_dir_all(dir).map_err(|e| Error::io(&shown, e))?;
    let file = std::fs::File::open(dir).map_err(|e| Error::io(&shown, e))?;
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        let take = |how: libc::c_int| loop {
            // SAFETY: flock on a descriptor this function owns.
            if unsafe { libc::flock(fd, how) } == 0 {
                return Ok(());
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e);
            }
        };
        match take(libc::LOCK_EX | libc::LOCK_NB) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "claimlens: the archive {shown} is locked by another claimlens (an update); waiting for it to finish"
                );
                take(libc::LOCK_EX).map_err(|e| Error::io(&shown, e))?;
            }
            Err(e) => return Err(Error::io(&shown, e)),
        }
    }
    Ok(Lock { _dir: file })
}

/// An index as read: current, or written before checksums (to be upgraded).
enum Read {
    Current(Index),
    Unchecked(Index),
}

/// The bytes the index is written as: its JSON with, as its last field, the
/// checksum of every byte before that field.
fn index_bytes(index: &Index) -> Result<Vec<u8>, Error> {
    let json = serde_json::to_string_pretty(index)
        .map_err(|e| Error::Usage(format!("archive index: {e}")))?;
    let body = json
        .strip_suffix("\n}")
        .ok_or_else(|| Error::Usage("archive index: not a JSON object".into()))?;
    let sum = crate::checksum::text(body.as_bytes());
    Ok(format!("{body}{SUM_KEY}{sum}{SUM_END}").into_bytes())
}

/// The part of an index its checksum covers, and the checksum written, when it ends with one.
fn split_sum(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let rest = bytes.strip_suffix(SUM_END.as_bytes())?;
    let at = rest.len().checked_sub("crc32:".len() + 8)?;
    let (head, sum) = rest.split_at(at);
    Some((head.strip_suffix(SUM_KEY.as_bytes())?, sum))
}

/// A vintage file as written: its packed values, then [`TRAILER`] and their CRC-32.
fn with_trailer(mut body: Vec<u8>) -> Vec<u8> {
    let sum = crate::checksum::crc32(&body);
    body.extend_from_slice(TRAILER);
    body.extend_from_slice(&sum.to_le_bytes());
    body
}

/// The packed values of a vintage file, when it ends with their checksum.
fn body_of(bytes: &[u8]) -> Option<&[u8]> {
    let (body, tail) = bytes.split_at(bytes.len().checked_sub(8)?);
    let sum = u32::from_le_bytes(tail[4..].try_into().ok()?);
    (&tail[..4] == TRAILER && crate::checksum::crc32(body) == sum).then_some(body)
}

/// True for an id as `update` makes them (`20260701T120000Z`, `-2`): a file
/// name that stays inside the vintages folder.
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl Archive {
    /// Opens the archive in `dir`; a missing folder or index is an empty
    /// archive. An archive written before checksums is upgraded first (under the lock).
    pub fn open(dir: &Path) -> Result<Archive, Error> {
        Archive::open_with(dir, None)
    }

    /// [`Archive::open`] for a process that holds the lock already (`update`).
    pub fn open_locked(dir: &Path, lock: &Lock) -> Result<Archive, Error> {
        Archive::open_with(dir, Some(lock))
    }

    fn open_with(dir: &Path, held: Option<&Lock>) -> Result<Archive, Error> {
        let index = match Archive::read_index(dir)? {
            None => Index::default(),
            Some(Read::Current(index)) => index,
            Some(Read::Unchecked(_)) => match held {
                Some(lock) => Archive::upgrade(dir, lock)?,
                None => Archive::upgrade(dir, &lock(dir)?)?,
            },
        };
        Ok(Archive {
            dir: dir.to_path_buf(),
            index,
        })
    }

    /// The index of the archive in `dir`, checked (`None`: there is none).
    fn read_index(dir: &Path) -> Result<Option<Read>, Error> {
        let path = dir.join(INDEX);
        if !path.exists() {
            return Ok(None);
        }
        let bytes = Archive::read_archive_file(dir, &path, INDEX_LIMIT, "the archive index")?;
        let bad = |what: String| corrupt(dir, &path, what);
        let summed = split_sum(&bytes);
        if let Some((body, sum)) = summed {
            let want = crate::checksum::text(body);
            if sum != want.as_bytes() {
                return Err(bad(format!(
                    "checksum {} does not match its contents ({want}): the file was changed or damaged",
                    String::from_utf8_lossy(sum)
                )));
            }
        }
        let index: Index =
            serde_json::from_slice(&bytes).map_err(|e| bad(format!("line {}: {e}", e.line())))?;
        if let Some(v) = index.vintages.iter().find(|v| !valid_id(&v.id)) {
            return Err(bad(format!(
                "vintage id {:?}: expected letters, digits and '-'",
                v.id
            )));
        }
        match (index.format, summed.is_some()) {
            (FORMAT, true) => {
                if let Some(v) = index
                    .vintages
                    .iter()
                    .find(|v| v.size.is_none() || v.checksum.is_none())
                {
                    return Err(bad(format!(
                        "vintage {} has no size or checksum; expected both",
                        v.id
                    )));
                }
                Ok(Some(Read::Current(index)))
            }
            (FORMAT, false) => Err(bad(
                "no checksum at its end; expected `\"checksum\": \"crc32:…\"` as its last field"
                    .into(),
            )),
            // Written before checksums: no record has a size or checksum either
            // (one that has is a damaged index, not an old one).
            (FORMAT_UNCHECKED, false)
                if index
                    .vintages
                    .iter()
                    .all(|v| v.size.is_none() && v.checksum.is_none()) =>
            {
                Ok(Some(Read::Unchecked(index)))
            }
            (f, _) => Err(bad(format!(
                "format {f} (expected {FORMAT}, written by another claimlens)"
            ))),
        }
    }

    /// Upgrades an archive written before checksums, once: every vintage
    /// file must decode; it gets its checksum (a file an interrupted upgrade
    /// already rewrote keeps it), and the index is written with the sizes and
    /// checksums. Another process may have upgraded it meanwhile: then its index is taken.
    fn upgrade(dir: &Path, lock: &Lock) -> Result<Index, Error> {
        let mut index = match Archive::read_index(dir)? {
            None => return Ok(Index::default()),
            Some(Read::Current(index)) => return Ok(index),
            Some(Read::Unchecked(index)) => index,
        };
        for v in &mut index.vintages {
            let path = dir.join(v.file());
            let shown = path.display().to_string();
            let mut bytes =
                Archive::read_archive_file(dir, &path, VINTAGE_LIMIT, "a vintage file")?;
            let summed = body_of(&bytes).is_some();
            crate::data::packed::decode(&shown, body_of(&bytes).unwrap_or(&bytes))
                .map_err(|e| corrupt(dir, &path, e.message))?;
            if !summed {
                bytes = with_trailer(bytes);
                crate::safe_write::write_file(&path, &shown, &bytes, true)?;
            }
            v.size = Some(bytes.len() as u64);
            v.checksum = Some(crate::checksum::text(&bytes));
        }
        index.format = FORMAT;
        Archive::write_index(dir, lock, &index)?;
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "claimlens: upgraded the archive {} (written before checksums): {} vintage files checked and given checksums, once",
            dir.display(),
            index.vintages.len()
        );
        Ok(index)
    }

    /// The bytes of a file of the archive: one that is missing, too large or
    /// not a regular file is a damaged archive (an error with the way out).
    fn read_archive_file(
        dir: &Path,
        path: &Path,
        limit: u64,
        what: &str,
    ) -> Result<Vec<u8>, Error> {
        let shown = path.display().to_string();
        match crate::input::read_file(path, &shown, limit, what) {
            Ok(b) => Ok(b),
            Err(Error::Input(e)) => Err(corrupt(dir, path, e.message)),
            Err(e) => Err(e),
        }
    }

    /// Writes the index (through a temporary file and a rename).
    fn write_index(dir: &Path, _lock: &Lock, index: &Index) -> Result<(), Error> {
        let path = dir.join(INDEX);
        let bytes = index_bytes(index)?;
        crate::safe_write::write_file(&path, &path.display().to_string(), &bytes, true)
    }

    /// The values of one vintage file, checked against the size and checksum
    /// the index records and against its own checksum.
    pub fn read_vintage(&self, v: &VintageRecord) -> Result<Dataset, Error> {
        let path = self.dir.join(v.file());
        let shown = path.display().to_string();
        let bytes = Archive::read_archive_file(&self.dir, &path, VINTAGE_LIMIT, "a vintage file")?;
        let bad = |what: String| corrupt(&self.dir, &path, what);
        let (Some(size), Some(sum)) = (v.size, &v.checksum) else {
            return Err(bad("archive.json records no checksum for it".into()));
        };
        if bytes.len() as u64 != size {
            return Err(bad(format!(
                "{} bytes, but archive.json records {size} (cut short or replaced)",
                bytes.len()
            )));
        }
        let got = crate::checksum::text(&bytes);
        if got != *sum {
            return Err(bad(format!(
                "checksum {got}, but archive.json records {sum}: the file was changed or damaged"
            )));
        }
        let body = body_of(&bytes).ok_or_else(|| {
            bad("its own checksum (its last 8 bytes) does not match its contents".into())
        })?;
        crate::data::packed::decode(&shown, body).map_err(|e| bad(e.message))
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
    /// one, with its checksum), then the index with the new file states and
    /// the vintage's size and checksum. Each write goes through a temporary
    /// file and a rename; the index, written last, is what makes the vintage
    /// part of the archive. `lock`: held since the index was read.
    pub fn commit(
        &mut self,
        lock: &Lock,
        vintage: Option<(VintageRecord, Vec<u8>)>,
        files: Vec<FileState>,
    ) -> Result<(), Error> {
        let mut index = self.index.clone();
        std::fs::create_dir_all(self.dir.join(VINTAGES))
            .map_err(|e| Error::io(self.dir.join(VINTAGES).display().to_string(), e))?;
        if let Some((mut rec, packed)) = vintage {
            let path = self.dir.join(rec.file());
            let bytes = with_trailer(packed);
            crate::safe_write::write_file(&path, &path.display().to_string(), &bytes, false)?;
            rec.size = Some(bytes.len() as u64);
            rec.checksum = Some(crate::checksum::text(&bytes));
            index.vintages.push(rec);
        }
        for f in files {
            match index.files.iter_mut().find(|s| s.url == f.url) {
                Some(s) => *s = f,
                None => index.files.push(f),
            }
        }
        Archive::write_index(&self.dir, lock, &index)?;
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

    fn record(id: &str) -> VintageRecord {
        VintageRecord {
            id: id.into(),
            fetched: "2026-07-01T12:00:00Z".into(),
            from: "official".into(),
            files: vec!["slt_table5.txt".into()],
            values: 1,
            size: None,
            checksum: None,
        }
    }

    #[test]
    fn vintages_and_the_index_carry_checksums_every_flipped_bit_is_caught() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path()).unwrap();
        let add = table(&[("2025-03", "30", "2026-07-01")]);
        let lock = lock(dir.path()).unwrap();
        let packed = crate::data::packed::encode(&add);
        a.commit(&lock, Some((record("20260701T120000Z"), packed)), vec![])
            .unwrap();
        drop(lock);
        let intact = values(
            &Archive::open(dir.path())
                .unwrap()
                .dataset(table(&[]))
                .unwrap(),
        );
        assert_eq!(intact.len(), 1);
        let index = dir.path().join(INDEX);
        let bin = dir.path().join("vintages/20260701T120000Z.bin");
        for file in [&index, &bin] {
            let good = std::fs::read(file).unwrap();
            // Every byte, a different bit of each in turn.
            for at in 0..good.len() {
                let bit = at * 8 + at % 8;
                let mut bad = good.clone();
                bad[at] ^= 1 << (at % 8);
                std::fs::write(file, &bad).unwrap();
                let got = Archive::open(dir.path()).and_then(|a| a.dataset(table(&[])));
                match got {
                    Err(e) => {
                        assert_eq!(e.exit_code(), 2, "{e}");
                        assert!(e.to_string().contains("rm -r"), "{e}");
                    }
                    Ok(ds) => panic!("bit {bit} of {} passed: {:?}", file.display(), values(&ds)),
                }
            }
            std::fs::write(file, &good).unwrap();
        }
    }

    #[test]
    fn an_archive_written_before_checksums_is_upgraded_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(VINTAGES)).unwrap();
        let add = table(&[("2025-03", "30", "2026-07-01")]);
        std::fs::write(
            dir.path().join("vintages/20260701T120000Z.bin"),
            crate::data::packed::encode(&add),
        )
        .unwrap();
        let old = Index {
            format: FORMAT_UNCHECKED,
            files: vec![],
            vintages: vec![record("20260701T120000Z")],
        };
        std::fs::write(
            dir.path().join(INDEX),
            serde_json::to_string_pretty(&old).unwrap(),
        )
        .unwrap();
        let a = Archive::open(dir.path()).unwrap();
        assert_eq!(a.index.format, FORMAT);
        let v = &a.index.vintages[0];
        assert!(v.size.is_some() && v.checksum.is_some());
        assert_eq!(values(&a.dataset(table(&[])).unwrap()).len(), 1);
        let written = std::fs::read(dir.path().join(INDEX)).unwrap();
        assert!(split_sum(&written).is_some());
        // Opened again: nothing more to do, the same bytes.
        Archive::open(dir.path()).unwrap();
        assert_eq!(std::fs::read(dir.path().join(INDEX)).unwrap(), written);
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
