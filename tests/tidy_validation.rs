//! `--data` checks tidy rows exactly as `import` checks its own output (one
//! validation, `Dataset::from_files`): each bad row is exit status 2 naming
//! the file and line.

use std::process::Command;

const HEADER: &str = "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url";
const GOOD: &str = "slt_table5,holdings,Japan,country,2025-04,1135.0,USD billions,2026-06,,";

fn check_with(name: &str, rows: &[&str]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{HEADER}\n{}\n", rows.join("\n"));
    std::fs::write(dir.path().join(name), text).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(["--data"])
        .arg(dir.path())
        .args(["show", "Japan"])
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_good_table_loads() {
    let (code, err) = check_with("slt_table5.csv", &[GOOD]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn bad_rows_exit_2_with_file_and_line() {
    let conflicting = GOOD.replace("1135.0", "9999.9");
    let bad_month = GOOD.replace("2026-06", "2026-13");
    let no_vintage = GOOD.replace("2026-06", "");
    let no_entity = GOOD.replace("Japan", "");
    let other_source = GOOD.replace("slt_table5,", "mfhhis01,");
    let cases: [(&[&str], &str); 6] = [
        (
            &[GOOD, &conflicting],
            "slt_table5.csv:3: conflicting duplicate row",
        ),
        (&[GOOD, GOOD], "slt_table5.csv:3: duplicate row"),
        (
            &[&bad_month],
            "slt_table5.csv:2: expected a vintage YYYY-MM-DD or YYYY-MM, found \"2026-13\"",
        ),
        (&[GOOD, &no_vintage], "slt_table5.csv:3: expected a vintage"),
        (&[&no_entity], "slt_table5.csv:2: empty entity"),
        (
            &[GOOD, &other_source],
            "slt_table5.csv:3: source \"mfhhis01\" in a table named slt_table5.csv",
        ),
    ];
    for (rows, expected) in cases {
        let (code, err) = check_with("slt_table5.csv", rows);
        assert_eq!(code, Some(2), "{rows:?}: {err}");
        assert!(
            err.contains(expected),
            "{rows:?}: expected {expected:?} in {err}"
        );
    }
}

#[test]
fn a_series_that_changes_unit_or_kind_is_refused() {
    let next = GOOD.replace("2025-04", "2025-05");
    let later = GOOD.replace("2025-04", "2025-06");
    let millions = later.replace("USD billions", "USD millions");
    let region = later.replace(",country,", ",region,");
    for (rows, line) in [
        ([GOOD, &next, &millions], 4),
        ([GOOD, &millions, &next], 3),
        ([GOOD, &next, &region], 4),
    ] {
        let (code, err) = check_with("slt_table5.csv", &rows);
        assert_eq!(code, Some(2), "{rows:?}: {err}");
        assert!(
            err.contains(&format!(
                "slt_table5.csv:{line}: series slt_table5/holdings/Japan changes unit or entity kind"
            )),
            "{rows:?}: {err}"
        );
    }
}

/// `n` rows of a large slt_table5: 200 months for each of `n / 200` countries.
fn many_rows(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            format!(
                "slt_table5,holdings,Country {:04},country,{}-{:02},{}.5,USD billions,2026-06,,",
                i / 200,
                2000 + (i % 200) / 12,
                i % 12 + 1,
                i % 977
            )
        })
        .collect()
}

/// A series that comes back in a later block of the file with another unit:
/// the line where it comes back is named.
#[test]
fn a_change_of_unit_in_a_later_block_names_its_line() {
    let rows = many_rows(40_000);
    let mut bad = rows.clone();
    // Line 30,000 (the third block of 1 MiB): Country 0000 again, in millions.
    bad[30_000 - 2] = rows[0]
        .replace("2000-01", "2030-01")
        .replace("USD billions", "USD millions");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("slt_table5.csv"),
        format!("{HEADER}\n{}\n", bad.join("\n")),
    )
    .unwrap();
    let err = claimlens::data::Dataset::load_dir(dir.path())
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("slt_table5.csv:30000: series slt_table5/holdings/Country 0000 changes unit"),
        "{err}"
    );
}

#[test]
fn the_same_figure_from_two_pages_is_not_a_duplicate() {
    let a = "tic_facts,x,Japan,country,2025-01,-13.3,USD billions,2025-03,,https://a";
    let b = "tic_facts,x,Japan,country,2025-01,-13.2,USD billions,2025-03,,https://b";
    let (code, err) = check_with("tic_facts.csv", &[a, b]);
    assert_eq!(code, Some(0), "{err}");
}

/// A table of several read blocks (8 MiB each, each parsed in two halves on
/// two threads): every line is numbered as in the file, wherever it falls.
#[test]
fn a_large_table_names_the_right_line_in_every_block_and_half() {
    let rows: Vec<String> = (0..160_000)
        .map(|i| {
            let (entity, m) = (i / 200, i % 200);
            format!(
                "slt_table5,holdings,Country {entity:04},country,{}-{:02},{}.5,USD billions,2026-06,,",
                2000 + m / 12,
                m % 12 + 1,
                i % 977
            )
        })
        .collect();
    let load = |rows: &[String]| {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{HEADER}\n{}\n", rows.join("\n"));
        std::fs::write(dir.path().join("slt_table5.csv"), text).unwrap();
        claimlens::data::Dataset::load_dir(dir.path()).map_err(|e| e.to_string())
    };
    let ds = load(&rows).unwrap();
    let points: usize = ds.all_series().iter().map(|s| s.all_points().len()).sum();
    assert_eq!(points, rows.len());
    // Line n of the file is row n - 2 (line 1 is the header). Rows take
    // about 77 bytes and the file is read in blocks of 1 MiB (about 13,600
    // rows), parsed in turn by two threads: line 40,000 lies in the third
    // block, 60,000 in the fifth, 100,000 in the eighth, 130,000 in the
    // tenth, and 160,001 is the last. An error in any block also stops the
    // reading and parsing threads (the test would hang otherwise).
    for line in [40_000usize, 60_000, 100_000, 130_000, 160_001] {
        let mut bad = rows.clone();
        bad[line - 2] = bad[line - 2].replace(".5,", ".5x,");
        let err = load(&bad).unwrap_err();
        assert!(
            err.contains(&format!("slt_table5.csv:{line}: expected a number")),
            "{line}: {err}"
        );
        let mut bad = rows.clone();
        bad[line - 2] = bad[line - 2].replace("Country", "Coun\u{0}try");
        let err = load(&bad).unwrap_err();
        assert!(
            err.contains(&format!(
                "slt_table5.csv:{line}: expected UTF-8 text; found a NUL byte"
            )),
            "{line}: {err}"
        );
    }
    // A row of the first series again in the third block: both lines named.
    let mut bad = rows.clone();
    bad[130_000 - 2] = rows[0].replace(".5,", ".25,");
    let err = load(&bad).unwrap_err();
    assert!(
        err.contains(
            "slt_table5.csv:130000: conflicting duplicate row: Country 0000 holdings 2000-01 vintage 2026-06 already given on line 2"
        ),
        "{err}"
    );
    // Two errors, in two blocks: the one earlier in the file is reported.
    let mut bad = rows.clone();
    bad[130_000 - 2] = bad[130_000 - 2].replace("Country", "Coun\u{0}try");
    bad[60_000 - 2] = bad[60_000 - 2].replace(".5,", ".5x,");
    let err = load(&bad).unwrap_err();
    assert!(
        err.contains("slt_table5.csv:60000: expected a number"),
        "{err}"
    );
}

/// A line over the limit is named by its number wherever it lies: one that
/// fits in a block (found by the parser) and one longer than a whole block
/// (found by the reader, which cannot end a block on a line end).
#[test]
fn an_overlong_line_is_named_wherever_the_blocks_fall() {
    let rows = many_rows(100_000);
    let dir = tempfile::tempdir().unwrap();
    for (line, len) in [
        (3usize, 30 << 10),
        (70_000, 30 << 10),
        (70_000, 9 << 20),
        (100_001, 9 << 20),
    ] {
        let mut bad = rows.clone();
        bad[line - 2] = format!("{},{}", bad[line - 2], "x".repeat(len));
        let text = format!("{HEADER}\n{}\n", bad.join("\n"));
        std::fs::write(dir.path().join("slt_table5.csv"), text).unwrap();
        let err = claimlens::data::Dataset::load_dir(dir.path())
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!(
                "slt_table5.csv:{line}: line longer than the limit of 24 KiB"
            )),
            "line {line}, {len} bytes: {err}"
        );
    }
}

#[test]
fn values_near_the_largest_float_or_not_finite_are_refused_with_file_and_line() {
    for (value, says) in [
        ("1.7976931348623157e308", "larger in magnitude than 1e15"),
        ("-1e16", "larger in magnitude than 1e15"),
        ("1e-300", "closer to zero than 1e-15"),
        ("inf", "not a finite number"),
        ("NaN", "not a finite number"),
        (&"9".repeat(400), "not a finite number"),
    ] {
        let next = GOOD.replace("2025-04", "2025-05").replace("1135.0", value);
        let (code, err) = check_with("slt_table5.csv", &[GOOD, &next]);
        assert_eq!(code, Some(2), "{value}: {err}");
        assert!(err.contains("slt_table5.csv:3: value "), "{value}: {err}");
        assert!(err.contains(says), "{value}: {err}");
    }
    // The bounds themselves are values.
    for value in ["1e15", "-1e15", "1e-15", "0", "-0.0"] {
        let next = GOOD.replace("2025-04", "2025-05").replace("1135.0", value);
        let (code, err) = check_with("slt_table5.csv", &[GOOD, &next]);
        assert_eq!(code, Some(0), "{value}: {err}");
    }
}

/// A claim on a sum of members each near the largest float once gave
/// "✓ inf USD bn … supported": such values are refused when the table is read.
#[test]
fn a_sum_that_would_overflow_cannot_be_loaded() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir("data").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "csv") {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    let t5 = dir.path().join("slt_table5.csv");
    let text = std::fs::read_to_string(&t5).unwrap();
    let mut line = 0;
    let huge: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if l.contains(",United Kingdom,") && l.contains(",2025-08,") {
                line = i + 1;
                let mut f: Vec<&str> = l.split(',').collect();
                f[5] = "1.7976931348623157e308";
                f.join(",")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(line > 0);
    std::fs::write(&t5, huge.join("\n") + "\n").unwrap();
    for format in ["text", "json"] {
        let o = Command::new(env!("CARGO_BIN_EXE_claimlens"))
            .arg("--data")
            .arg(dir.path())
            .args([
                "check",
                "--case",
                "tests/fixtures/case_small",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!(
                "slt_table5.csv:{line}: value \"1.7976931348623157e308\""
            )),
            "{err}"
        );
        assert!(o.stdout.is_empty());
    }
}
