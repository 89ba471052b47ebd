//! `claimlens import` end to end on a small raw folder made of the fixtures:
//! it writes every table, and on bad input it exits 2 naming file and line,
//! leaving the output folder as it was.

use std::path::Path;
use std::process::Command;

#[allow(dead_code)]
#[path = "common/hostile.rs"]
mod hostile;

fn raw_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    hostile::fill_raw_folder(dir.path());
    dir
}

fn import(raw: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(["import", "--from"])
        .arg(raw)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn imports_every_table_and_the_data_loads() {
    let raw = raw_folder();
    let out = tempfile::tempdir().unwrap();
    let o = import(raw.path(), out.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names: Vec<String> = listing(out.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.len(), 12, "{names:?}");
    assert!(names.contains(&"packed.bin".to_string()));
    let ds = claimlens::data::Dataset::load_dir(out.path()).unwrap();
    // The packed form holds the same values as the CSV tables.
    let packed = std::fs::read(out.path().join("packed.bin")).unwrap();
    let unpacked = claimlens::data::packed::decode("packed.bin", &packed).unwrap();
    assert_eq!(unpacked.len(), ds.len());
    for s in ds.all_series() {
        assert_eq!(unpacked.series(&s.source, &s.measure, &s.entity), Some(s));
    }
    let sp = ds
        .series("fred_sp500", "sp500_close", "United States")
        .unwrap();
    assert_eq!(sp.all_points().len(), 2, "the holiday row gives no value");
    let gold = ds
        .series("context_facts", "wgc_cb_net_purchases", "Central banks")
        .unwrap();
    assert_eq!(gold.vintages(), ["2025-02-05", "2026-01-29"]);
    // Importing twice gives the same bytes.
    let again = tempfile::tempdir().unwrap();
    assert!(import(raw.path(), again.path()).status.success());
    assert_eq!(listing(out.path()), listing(again.path()));
}

#[test]
fn bad_input_exits_2_and_leaves_the_output_untouched() {
    let raw = raw_folder();
    let out = tempfile::tempdir().unwrap();
    assert!(import(raw.path(), out.path()).status.success());
    let before = listing(out.path());
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "fred_SP500_daily.csv",
            b"date,value\n2025-02-19,6144.15\n2025-02-20,six\n",
            "fred_SP500_daily.csv:3: expected a number",
        ),
        (
            "context_facts.csv",
            b"",
            "context_facts.csv: the file is empty",
        ),
        (
            "wgc_gold_reserves_by_country_quarterly.csv",
            b"Date,Country,Tonnes\n2024-12,Japan,845.97\n2024-12,Japan,845.97\n",
            "wgc_gold_reserves_by_country_quarterly.csv:3: duplicate row",
        ),
        (
            "tic_transactions_facts.csv",
            b"month,country,series,value_usd_billions,source_url\n2025-01,Japan,press_x,\xe9,u\n",
            "tic_transactions_facts.csv:2: expected UTF-8",
        ),
    ];
    for (name, bytes, expected) in cases {
        let broken = raw_folder();
        std::fs::write(broken.path().join(name), bytes).unwrap();
        let o = import(broken.path(), out.path());
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{name}: expected {expected:?} in {stderr}"
        );
        assert_eq!(listing(out.path()), before, "{name}: output folder changed");
    }
}

#[test]
fn a_missing_file_is_named() {
    let raw = raw_folder();
    std::fs::remove_file(raw.path().join("slt_table5.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = import(raw.path(), out.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("slt_table5.txt"));
    assert!(listing(out.path()).is_empty());
}

#[test]
fn a_long_line_in_any_raw_file_is_refused_with_file_and_line() {
    let out = tempfile::tempdir().unwrap();
    let long = ",".repeat(100_000);
    for (name, head) in [
        ("fred_SP500_daily.csv", "date,value\n2025-02-19,6144.15\n"),
        (
            "wgc_gold_reserves_by_country_quarterly.csv",
            "Date,Country,Tonnes\n",
        ),
        (
            "context_facts.csv",
            "date_or_period,series,value,unit,source_url\n",
        ),
        (
            "tic_transactions_facts.csv",
            "month,country,series,value_usd_billions,source_url\n",
        ),
        ("slt_table5.txt", "x\n"),
        ("s1_globl.txt", "x\n"),
    ] {
        let broken = raw_folder();
        let lines = head.lines().count();
        std::fs::write(broken.path().join(name), format!("{head}{long}\n")).unwrap();
        let o = import(broken.path(), out.path());
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name}: {stderr}");
        let expected = format!("{name}:{}: line longer than the limit of 8 KiB", lines + 1);
        assert!(stderr.contains(&expected), "{name}: {stderr}");
        assert!(listing(out.path()).is_empty());
    }
}

#[test]
fn a_line_of_commas_is_not_a_blank_line() {
    let broken = raw_folder();
    std::fs::write(
        broken.path().join("fred_DGS10_daily.csv"),
        "date,value\n2025-02-19,4.5\n,,,,\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = import(broken.path(), out.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("fred_DGS10_daily.csv:3: expected 2 fields"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn planted_symlinks_in_the_output_folder_are_not_followed() {
    let raw = raw_folder();
    let out = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // The temporary names of earlier versions, and every table's own name
    // with the .tmp suffix, all point outside --out.
    for t in claimlens::data::import::TABLES {
        std::os::unix::fs::symlink(&victim, out.path().join(format!(".{}.csv.tmp", t.id))).unwrap();
    }
    std::os::unix::fs::symlink(&victim, out.path().join(".packed.bin.tmp")).unwrap();
    let o = import(raw.path(), out.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    // A table that is itself a symlink is replaced, not written through.
    std::fs::remove_file(out.path().join("tic_facts.csv")).unwrap();
    std::os::unix::fs::symlink(&victim, out.path().join("tic_facts.csv")).unwrap();
    assert!(import(raw.path(), out.path()).status.success());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let meta = std::fs::symlink_metadata(out.path().join("tic_facts.csv")).unwrap();
    assert!(meta.is_file());
    // No temporary file is left behind (only the planted symlinks remain).
    let leftovers: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().unwrap().is_symlink())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_range_shorter_than_sources_md_says_is_a_warning_naming_the_file() {
    // The FRED and WGC formats cannot show a cut: their range is compared
    // with data/SOURCES.md (FRED SP500: 2016-01 .. 2025-12).
    for id in [
        "fred_dgs10",
        "fred_dtwexbgs",
        "fred_sp500",
        "wgc_gold_reserves",
    ] {
        assert!(
            claimlens::data::import::documented_coverage(id).is_some(),
            "{id}"
        );
    }
    assert_eq!(
        claimlens::data::import::documented_coverage("fred_sp500"),
        Some(("2016-01".to_string(), "2025-12".to_string()))
    );
    let raw = raw_folder();
    std::fs::write(
        raw.path().join("fred_SP500_daily.csv"),
        "date,value\n2016-01-04,2012.66\n2023-08-31,4507.66\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = import(raw.path(), out.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: ")
            && stderr.contains("fred_SP500_daily.csv: values run 2016-01 .. 2023-08, but data/SOURCES.md says the file covers 2016-01 .. 2025-12"),
        "{stderr}"
    );
}

#[test]
fn a_missing_from_folder_or_a_file_as_out_is_bad_input() {
    let out = tempfile::tempdir().unwrap();
    let o = import(Path::new("/nonexistent/raw"), out.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("/nonexistent/raw: no such folder"),
        "{stderr}"
    );
    let raw = raw_folder();
    let file = out.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = import(raw.path(), &file);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a folder"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn a_fifo_or_a_device_in_place_of_a_raw_file_exits_2_naming_it() {
    let out = tempfile::tempdir().unwrap();
    for fifo in [true, false] {
        let raw = raw_folder();
        let path = raw.path().join("slt_table5.txt");
        std::fs::remove_file(&path).unwrap();
        if fifo {
            hostile::mkfifo(&path);
        } else {
            std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        }
        let o = import(raw.path(), out.path());
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        let kind = if fifo { "is a FIFO" } else { "is a device" };
        assert!(
            stderr.contains(&format!("{}: {kind}", path.display())),
            "{stderr}"
        );
        assert!(listing(out.path()).is_empty());
    }
}

#[test]
fn a_400_digit_value_is_named_at_the_raw_files_line() {
    let out = tempfile::tempdir().unwrap();
    let digits = "9".repeat(400);
    // (file, text replaced, line of the value)
    for (name, from, line) in [
        ("tic_transactions_facts.csv", ",-13.3,", 3),
        ("slt_table5.txt", "\t1200.0", 10),
    ] {
        let raw = raw_folder();
        let path = raw.path().join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{name}");
        let to = from.replace(|c: char| c.is_ascii_digit() || c == '.' || c == '-', "");
        let to = match from.chars().next() {
            Some(',') => format!(",{digits},"),
            _ => format!("{to}{digits}"),
        };
        std::fs::write(&path, text.replace(from, &to)).unwrap();
        let o = import(raw.path(), out.path());
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("{}:{line}: value \"9999", path.display()))
                && stderr.contains("(400 characters)\": not a finite number"),
            "{name}: {stderr}"
        );
        assert!(listing(out.path()).is_empty(), "{name}");
    }
}

/// What import writes, --data reads: rows the tidy reader would refuse (a
/// series whose unit changes, a field holding a line break) are refused by
/// the importer, at the raw file's line, and the output folder is left as it was.
#[test]
fn rows_the_tidy_reader_would_refuse_are_named_at_the_raw_line() {
    let out = tempfile::tempdir().unwrap();
    let name = "context_facts.csv";
    let good = std::fs::read_to_string(Path::new("tests/fixtures/raw/csv").join(name)).unwrap();
    for (from, to, says) in [
        (
            "1092.4,tonnes",
            "1092.4,metric tonnes",
            "series context_facts/wgc_cb_net_purchases/Central banks changes unit or entity kind (tonnes total on line 2 vs metric tonnes total)",
        ),
        (
            "https://example.org/b",
            "\"https://example.org/b\nsecond line\"",
            "a line break in the source_url field",
        ),
    ] {
        let raw = raw_folder();
        std::fs::write(raw.path().join(name), good.replace(from, to)).unwrap();
        let o = import(raw.path(), out.path());
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        let at = format!("{}:3: {says}", raw.path().join(name).display());
        assert!(stderr.contains(&at), "expected {at:?} in {stderr}");
        assert!(listing(out.path()).is_empty());
    }
}
