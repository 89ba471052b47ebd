//! `claimlens import` end to end on a small raw folder made of the fixtures:
//! it writes every table, and on bad input it exits 2 naming file and line,
//! leaving the output folder as it was.

use std::path::Path;
use std::process::Command;

fn copy(from: &str, to: &Path, name: &str) {
    std::fs::copy(Path::new("tests/fixtures/raw").join(from), to.join(name)).unwrap();
}

fn raw_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    copy("mfh/valid.txt", p, "mfhhis01_20260518.txt");
    copy("slt/slt_table1.txt", p, "slt_table1.txt");
    copy("slt/slt_table3.txt", p, "slt_table3.txt");
    copy("slt/slt_table5.txt", p, "slt_table5.txt");
    copy("form_s/s1_globl.txt", p, "s1_globl.txt");
    for f in [
        "fred_SP500_daily.csv",
        "fred_DGS10_daily.csv",
        "fred_DTWEXBGS_daily.csv",
        "wgc_gold_reserves_by_country_quarterly.csv",
        "context_facts.csv",
        "tic_transactions_facts.csv",
    ] {
        copy(&format!("csv/{f}"), p, f);
    }
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
