//! `claimlens update`: fetch the newest official files, check them with the
//! importer's readers, and keep what they add as a new vintage in the archive
//! ([`crate::archive`]).
//!
//! Which files: one per table the importer makes ([`TABLES`]).
//! - Official (no `--from`): the address data/SOURCES.md gives for the table,
//!   when it is a file (`.txt`, `.csv`): the TIC tables. The other tables
//!   (FRED, World Gold Council, the hand-compiled facts) are documented by a
//!   web page, not a file, and are left as they are.
//! - A mirror (`--from URL`) serves the files under the names of the raw
//!   folder (`URL/slt_table3.txt`, `URL/mfhhis01_20260518.txt`). To learn
//!   the dated names, claimlens reads `URL/index.txt`, else the page at
//!   `URL/` (a directory listing), and takes every name in it that a table's
//!   pattern matches; for a table whose pattern is a prefix (`mfhhis01*`) the
//!   greatest such name, i.e. the newest dated copy. A table not listed is
//!   fetched under its exact name, or for a prefix pattern under the base
//!   name of its official address (`mfhhis01.txt`).
//!
//! Every file is fetched and checked before anything is written: a failed
//! request, an HTML page, a truncated or malformed file stops the update with
//! the archive as it was. Files a table's reader dates itself (mfhhis01's
//! stamp, FRED's days, the facts' reports) keep their dates; the tables whose
//! file carries no date ([`UNDATED`]) are dated by the day of the fetch (UTC).

pub mod http;

use crate::archive::{self, Archive, FileState, VintageRecord};
use crate::data::import::{self, TABLES, TableSpec};
use crate::data::{Dataset, Point, Sym};
use crate::error::{Error, InputError};
use http::{Client, Fetched, Known, RedirectPolicy, Settings};
use std::path::Path;

/// Tables whose raw file carries no publication date, so the reader gives
/// every value one fixed vintage (see the vintage column of data/SOURCES.md);
/// a newer copy of such a file is dated by the day it was fetched.
pub const UNDATED: [&str; 5] = [
    "slt_table1",
    "slt_table3",
    "slt_table5",
    "s1_globl",
    "wgc_gold_reserves",
];

/// One file to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub table: &'static str,
    /// The name the importer reads it under.
    pub name: String,
    pub url: String,
}

/// What an update did, for the user.
#[derive(Debug, Default)]
pub struct Report {
    /// One line per file and one for the vintage, for stdout.
    pub lines: Vec<String>,
    /// Doubts that did not stop the update, for stderr.
    pub warnings: Vec<String>,
    /// The new vintage, when the release added one.
    pub vintage: Option<VintageRecord>,
}

fn spec(id: &str) -> &'static TableSpec {
    TABLES
        .iter()
        .find(|t| t.id == id)
        .expect("table ids come from TABLES")
}

/// The base name of a URL (`.../Documents/mfhhis01.txt` -> `mfhhis01.txt`).
fn base_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

/// The official files: the tables whose documented address is a file.
pub fn official_plan() -> (Vec<Planned>, Vec<&'static str>) {
    let mut plan = Vec::new();
    let mut skipped = Vec::new();
    for t in TABLES {
        match import::documented_url(t.id) {
            Some(url)
                if (url.ends_with(".txt") || url.ends_with(".csv"))
                    && import::matches(t.pattern, base_name(&url)) =>
            {
                plan.push(Planned {
                    table: t.id,
                    name: base_name(&url).to_string(),
                    url,
                });
            }
            _ => skipped.push(t.id),
        }
    }
    (plan, skipped)
}

/// The files of a mirror at `base`, given the text of its listing (if any).
pub fn mirror_plan(base: &str, listing: Option<&str>) -> Vec<Planned> {
    let base = base.trim_end_matches('/');
    let names: Vec<&str> = listing
        .map(|text| {
            text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
                .filter(|w| !w.is_empty())
                .collect()
        })
        .unwrap_or_default();
    TABLES
        .iter()
        .map(|t| {
            let listed = names
                .iter()
                .filter(|n| import::matches(t.pattern, n))
                .max()
                .map(|n| n.to_string());
            let name = listed.unwrap_or_else(|| match t.pattern.strip_suffix('*') {
                None => t.pattern.to_string(),
                Some(_) => import::documented_url(t.id)
                    .map(|u| base_name(&u).to_string())
                    .unwrap_or_else(|| t.pattern.trim_end_matches('*').to_string()),
            });
            Planned {
                table: t.id,
                url: format!("{base}/{name}"),
                name,
            }
        })
        .collect()
}

/// Why a mirror's address cannot be fetched from, when it cannot: not
/// http(s), no host, a port that is no port number, spaces or control
/// characters. Checked before anything else, so that a mistyped address is
/// bad input (exit 2) instead of a connection tried and retried.
pub fn check_mirror(base: &str) -> Result<(), String> {
    let rest = base
        .strip_prefix("http://")
        .or_else(|| base.strip_prefix("https://"))
        .ok_or("not an http:// or https:// address")?;
    if base.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("the address holds spaces or control characters".into());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    // `[::1]:8080`: the port follows the bracket.
    let (host, port) = match host_port.rfind(']') {
        Some(end) => match &host_port[end + 1..] {
            "" => (&host_port[..=end], None),
            p => (
                &host_port[..=end],
                Some(p.strip_prefix(':').ok_or("a bad host")?),
            ),
        },
        None => match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        },
    };
    if host.is_empty() || host == "[]" {
        return Err("no host".into());
    }
    if let Some(p) = port
        && !p.is_empty()
        && !p.parse::<u16>().is_ok_and(|n| n > 0)
    {
        return Err(format!("port {p} is not a port number (1 to 65535)"));
    }
    Ok(())
}

/// The values of a checked table, with the fetch date as the vintage of a
/// table whose file carries no date.
fn table_values(table: &import::Table, id: &str, date: &str) -> Result<Dataset, InputError> {
    let ds = Dataset::from_files([(table.name.clone(), table.csv.as_str())])?;
    if !UNDATED.contains(&id) {
        return Ok(ds);
    }
    let vintage: Sym = Sym::from(date);
    let series = ds
        .all_series()
        .iter()
        .map(|s| {
            let mut points: Vec<Point> = s
                .all_points()
                .iter()
                .map(|p| Point {
                    vintage,
                    ..p.clone()
                })
                .collect();
            points.sort_by_key(|a| a.period);
            s.with_points(points)
        })
        .collect();
    Ok(Dataset::from_series(series))
}

/// Runs an update into the archive at `dir`, from the mirror `from` or the
/// official sources.
pub fn run(dir: &Path, from: Option<&str>) -> Result<Report, Error> {
    if let Some(base) = from {
        check_mirror(base).map_err(|why| {
            Error::Usage(format!(
                "--from {base}: {why}; expected the http:// or https:// address of a mirror (e.g. http://127.0.0.1:8000/); nothing was fetched"
            ))
        })?;
    }
    // Held until the index is written: a second update waits, then starts
    // from the index this one wrote.
    let lock = archive::lock(dir)?;
    let mut archive = Archive::open_locked(dir, &lock)?;
    let current = archive.dataset(Dataset::embedded()?)?;
    let settings = Settings::from_env();
    let mut report = Report::default();
    let (client, plan) = match from {
        Some(base) => {
            let client = Client::new(settings, RedirectPolicy::SameOrigin(base.to_string()));
            let b = base.trim_end_matches('/');
            let listing = [format!("{b}/index.txt"), format!("{b}/")]
                .iter()
                .find_map(
                    |u| match client.fetch(u, "index", &Known::default(), true) {
                        Ok(Fetched::Body { bytes, .. }) => {
                            Some(String::from_utf8_lossy(&bytes).into_owned())
                        }
                        _ => None,
                    },
                );
            (client, mirror_plan(base, listing.as_deref()))
        }
        None => {
            let (plan, skipped) = official_plan();
            for id in skipped {
                report.lines.push(format!(
                    "{:<44} kept (data/SOURCES.md documents a web page, not a file)",
                    spec(id).pattern
                ));
            }
            (Client::new(settings, RedirectPolicy::HttpsOnly), plan)
        }
    };
    let now = chrono::Utc::now();
    let fetched = now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let date = now.format("%Y-%m-%d").to_string();
    let untouched = "; nothing was changed (the archive and the data are as before)";

    // Fetch and check every file before anything is written.
    let mut accepted: Vec<(Planned, FileState, Dataset)> = Vec::new();
    for p in &plan {
        let state = archive.file_state(&p.url);
        let known = Known {
            etag: state.and_then(|s| s.etag.clone()),
            last_modified: state.and_then(|s| s.last_modified.clone()),
        };
        let got = client.fetch(&p.url, &p.name, &known, false).map_err(|m| {
            Error::io(
                p.name.clone(),
                std::io::Error::other(format!("{m}{untouched}")),
            )
        })?;
        let (bytes, etag, last_modified) = match got {
            Fetched::NotModified => {
                report
                    .lines
                    .push(format!("{:<44} unchanged (304 Not Modified)", p.name));
                continue;
            }
            Fetched::Body {
                bytes,
                etag,
                last_modified,
            } => (bytes, etag, last_modified),
        };
        let relabel = |mut e: InputError| {
            e.file = p.url.clone();
            e.message.push_str(untouched);
            e
        };
        let table = import::read_one(spec(p.table), &p.name, &bytes).map_err(relabel)?;
        for w in &table.warnings {
            report
                .warnings
                .push(InputError::new(p.url.clone(), w.line, w.message.clone()).to_string());
        }
        let values = table_values(&table, p.table, &date).map_err(relabel)?;
        report.lines.push(format!(
            "{:<44} fetched, {} ({} rows)",
            p.name,
            crate::input::human_size(bytes.len() as u64),
            table.rows
        ));
        let file = FileState {
            url: p.url.clone(),
            name: p.name.clone(),
            etag,
            last_modified,
            fetched: fetched.clone(),
            bytes: bytes.len() as u64,
        };
        accepted.push((p.clone(), file, values));
    }

    if accepted.is_empty() {
        report
            .lines
            .push("up to date: no file changed since the last update".into());
        return Ok(report);
    }
    let mut merged = current;
    let mut fresh = Dataset::default();
    let mut count = 0;
    for (_, _, values) in &accepted {
        let m = archive::merge(&merged, values);
        count += m.count;
        fresh = archive::merge(&fresh, &m.fresh).merged;
        merged = m.merged;
    }
    let record = VintageRecord {
        id: archive.new_id(&now.format("%Y%m%dT%H%M%SZ").to_string()),
        fetched,
        from: from.unwrap_or("official").to_string(),
        files: accepted.iter().map(|(p, _, _)| p.name.clone()).collect(),
        values: count,
        size: None,
        checksum: None,
    };
    let packed = crate::data::packed::encode(&fresh);
    archive.commit(
        &lock,
        Some((record.clone(), packed)),
        accepted.into_iter().map(|(_, f, _)| f).collect(),
    )?;
    report.lines.push(format!(
        "vintage {}: {} new or revised values (claimlens changes lists them)",
        record.id,
        crate::format::number(count as f64)
    ));
    report.vintage = Some(record);
    Ok(report)
}

/// `claimlens vintages`: the embedded data and every archived vintage.
pub fn vintages_text(dir: Option<&Path>) -> Result<String, Error> {
    let mut out = String::from("embedded  the data built into claimlens (always the base)\n");
    let Some(dir) = dir else {
        out.push_str("no archive folder (neither XDG_DATA_HOME nor HOME is set)\n");
        return Ok(out);
    };
    let archive = Archive::open(dir)?;
    if archive.index.vintages.is_empty() {
        out.push_str(&format!(
            "no vintages archived in {} yet (claimlens update fetches the newest data)\n",
            dir.display()
        ));
        return Ok(out);
    }
    for v in &archive.index.vintages {
        out.push_str(&format!(
            "{}  fetched {} from {}: {} values, files {}\n",
            v.id,
            v.fetched,
            v.from,
            crate::format::number(v.values as f64),
            v.files.join(", ")
        ));
    }
    out.push_str(&format!("archive: {}\n", dir.display()));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mirror_plan_takes_the_newest_dated_copy_and_exact_names() {
        let listing = "<a href=\"mfhhis01_20260318.txt\">x</a>\n<a href=\"mfhhis01_20260518.txt\">y</a> slt_table3.txt";
        let plan = mirror_plan("http://127.0.0.1:1/raw/", Some(listing));
        let mfh = plan.iter().find(|p| p.table == "mfhhis01").unwrap();
        assert_eq!(mfh.url, "http://127.0.0.1:1/raw/mfhhis01_20260518.txt");
        let slt = plan.iter().find(|p| p.table == "slt_table1").unwrap();
        assert_eq!(slt.name, "slt_table1.txt");
        assert_eq!(plan.len(), TABLES.len());
        // Without a listing, a prefix table falls back to its official name.
        let plan = mirror_plan("http://127.0.0.1:1", None);
        let mfh = plan.iter().find(|p| p.table == "mfhhis01").unwrap();
        assert_eq!(mfh.name, "mfhhis01.txt");
    }

    #[test]
    fn mirror_addresses_are_checked_before_any_request() {
        for ok in [
            "http://127.0.0.1:8000/",
            "https://mirror.example/raw",
            "http://[::1]:65535/x",
            "http://localhost",
        ] {
            assert_eq!(check_mirror(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("http://127.0.0.1:99999/", "port 99999 is not a port number"),
            ("http://127.0.0.1:0/", "port 0"),
            ("http://host:80x/", "port 80x"),
            ("http:///raw", "no host"),
            ("ftp://h/", "not an http"),
            ("http://h /", "spaces"),
        ] {
            let e = check_mirror(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn official_files_are_the_tic_tables() {
        let (plan, skipped) = official_plan();
        let ids: Vec<&str> = plan.iter().map(|p| p.table).collect();
        assert_eq!(
            ids,
            [
                "mfhhis01",
                "s1_globl",
                "slt_table1",
                "slt_table3",
                "slt_table5"
            ]
        );
        assert!(plan.iter().all(|p| p.url.starts_with("https://")));
        assert!(skipped.contains(&"fred_sp500"));
    }

    #[test]
    fn undated_tables_have_one_vintage_in_the_embedded_data() {
        let ds = Dataset::embedded().unwrap();
        for id in UNDATED {
            let mut v: Vec<&str> = ds
                .all_series()
                .iter()
                .filter(|s| s.source == id)
                .flat_map(|s| s.vintages())
                .collect();
            v.sort_unstable();
            v.dedup();
            assert_eq!(v.len(), 1, "{id}: {v:?}");
        }
    }
}
