//! `claimlens export` from the command line: output files are written
//! atomically and never replaced without --force.

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

const REVIEW: [&str; 2] = ["--review-date", "2026-01-01"];

#[test]
fn out_writes_the_same_text_as_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let printed = run(
        dir.path(),
        &["export", "--format", "claimreview", REVIEW[0], REVIEW[1]],
    );
    assert!(
        printed.status.success(),
        "{}",
        String::from_utf8_lossy(&printed.stderr)
    );
    let o = run(
        dir.path(),
        &[
            "export",
            "--format",
            "claimreview",
            REVIEW[0],
            REVIEW[1],
            "--out",
            "reviews.json",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty());
    assert_eq!(
        std::fs::read(dir.path().join("reviews.json")).unwrap(),
        printed.stdout
    );
    assert_eq!(
        names(dir.path()),
        ["reviews.json"],
        "no temporary files left"
    );
}

#[test]
fn existing_file_is_kept_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("chart.svg");
    std::fs::write(&target, "old contents").unwrap();
    let args = [
        "export",
        "--format",
        "svg",
        "--claim",
        "japan-holdings-1.1tn",
        "--out",
        "chart.svg",
    ];

    let o = run(dir.path(), &args);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an existing file is a usage error"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "old contents",
        "untouched"
    );
    assert_eq!(names(dir.path()), ["chart.svg"]);

    let o = run(dir.path(), &[&args[..], &["--force"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&target).unwrap();
    assert!(
        svg.starts_with("<svg ") && svg.contains("japan-holdings-1.1tn"),
        "replaced"
    );
    assert_eq!(names(dir.path()), ["chart.svg"], "no temporary files left");
}

#[test]
fn unwritable_destination_is_an_io_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &["export", "--format", "csv", "--out", "missing/evidence.csv"],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing"));
    assert!(names(dir.path()).is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for (args, needle) in [
        (&["export", "--format", "svg"][..], "--claim"),
        (
            &["export", "--format", "svg", "--claim", "secret-plans"][..],
            "no chart",
        ),
        (
            &["export", "--format", "markdown", "--claim", "nope"][..],
            "nope",
        ),
        (
            &["export", "--format", "csv", "--section", "nope"][..],
            "key-takeaways",
        ),
        (
            &[
                "export",
                "--format",
                "claimreview",
                "--review-date",
                "01/02/2026",
            ][..],
            "--review-date",
        ),
    ] {
        let o = run(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    assert!(names(dir.path()).is_empty());
}

#[test]
fn export_reads_a_case_folder() {
    let dir = tempfile::tempdir().unwrap();
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case_small");
    let o = run(
        dir.path(),
        &[
            "export",
            "--format",
            "claimreview",
            "--case",
            case.to_str().unwrap(),
            REVIEW[0],
            REVIEW[1],
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!json.as_array().unwrap().is_empty());
}

#[test]
fn library_write_atomic_honours_force() {
    use claimlens::report::export::write_atomic;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    write_atomic(&path, b"one", false).unwrap();
    let err = write_atomic(&path, b"two", false).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
    write_atomic(&path, b"three", true).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
    assert_eq!(names(dir.path()), ["a.md"]);
}

#[test]
fn out_dash_prints_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["export", "--format", "claimreview", REVIEW[0], REVIEW[1]];
    let printed = run(dir.path(), &args);
    let dashed = run(dir.path(), &[&args[..], &["--out", "-"]].concat());
    assert!(
        dashed.status.success(),
        "{}",
        String::from_utf8_lossy(&dashed.stderr)
    );
    assert!(!printed.stdout.is_empty());
    assert_eq!(dashed.stdout, printed.stdout);
    assert!(names(dir.path()).is_empty(), "no file named -");
}

#[cfg(unix)]
#[test]
fn a_device_is_written_in_place_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &["export", "--format", "csv", "--out", "/dev/null", "--force"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let kind = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
    assert!(kind.is_char_device(), "/dev/null is still a device");
    // Without --force an existing device is refused like any existing file.
    let o = run(
        dir.path(),
        &["export", "--format", "csv", "--out", "/dev/null"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/dev/null already exists"));
}

#[test]
fn write_errors_name_the_path_given_not_a_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &["export", "--format", "csv", "--out", "missing/evidence.csv"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("claimlens: missing/evidence.csv: "),
        "{err}"
    );
    assert!(!err.contains(".tmp"), "{err}");
}
