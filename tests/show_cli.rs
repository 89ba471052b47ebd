//! `claimlens show` and `check` run from another folder on the embedded data.

use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap()
}

#[test]
fn show_japan_mid_2024_from_another_folder() {
    let o = run(&[
        "show", "Japan", "--from", "2024-06", "--to", "2024-09", "--long",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let line = |needle: &[&str]| out.lines().any(|l| needle.iter().all(|n| l.contains(n)));
    assert!(
        line(&[
            "2024-06",
            "mfhhis01",
            "holdings",
            "1091.4",
            "USD billions",
            "2026-01-15"
        ]),
        "{out}"
    );
    assert!(
        line(&["2024-09", "mfhhis01", "holdings", "1095.5"]),
        "{out}"
    );
    assert!(
        line(&[
            "2024-07",
            "slt_table3",
            "lt_net_purchases",
            "-10903",
            "USD millions"
        ]),
        "{out}"
    );
    assert!(
        line(&["2024-09", "slt_table3", "lt_valuation_change", "3617"]),
        "{out}"
    );
    assert!(
        !out.contains("2024-05") && !out.contains("2024-10"),
        "outside the range: {out}"
    );
}

#[test]
fn show_all_vintages_lists_both_mfh_files() {
    let o = run(&[
        "show",
        "United Kingdom",
        "--measure",
        "holdings",
        "--source",
        "mfhhis01",
        "--from",
        "2025-12",
        "--to",
        "2025-12",
        "--all-vintages",
    ]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("866") && out.contains("2026-03-18"), "{out}");
    assert!(out.contains("863.1") && out.contains("2026-05-18"), "{out}");
}

#[test]
fn show_rejects_unknown_entities_and_bad_periods() {
    let o = run(&["show", "Atlantis"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Atlantis: no such entity"));
    let o = run(&["show", "Japan", "--from", "2024-13"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--from"));
}

#[test]
fn check_prints_every_claim_in_each_format() {
    let text = String::from_utf8(run(&["check"]).stdout).unwrap();
    assert!(text.contains("japan-q3-61.9bn") && text.contains("takeaway-financial-war"));
    // One count on every surface: the explorer's "claim 5/64", then the verdicts of the distinct claims.
    assert!(
        text.contains("\n64 claims, 4 of them repeating an earlier one; the 60 distinct: "),
        "summary line"
    );
    assert!(text.contains(" not data claims\n") || text.contains(" not a data claim\n"));
    let md = String::from_utf8(run(&["check", "--format", "markdown"]).stdout).unwrap();
    assert!(md.starts_with("# Claim check"));
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["check", "--format", "json"]).stdout).unwrap();
    let arr = json.as_array().unwrap();
    assert!(arr.len() >= 40);
    for c in arr {
        for key in [
            "id",
            "section",
            "quote",
            "verdict",
            "claimed",
            "observed",
            "gap",
            "conclusion",
        ] {
            assert!(c.get(key).is_some(), "missing {key} in {c}");
        }
    }
    let japan = arr.iter().find(|c| c["id"] == "japan-q3-61.9bn").unwrap();
    assert_eq!(japan["verdict"], "supported");
    let obs = japan["observed"].as_array().unwrap();
    assert!(
        obs.iter().any(|o| o["period"] == "2024-09"
            && o["value"] == -29136.0
            && o["vintage"] == "2026-06")
    );
}

#[test]
fn render_takes_another_case_folder() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case_small");
    let o = run(&[
        "render",
        "--width",
        "100",
        "--height",
        "24",
        "--case",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let screen = String::from_utf8(o.stdout).unwrap();
    assert!(
        screen.contains("Quiet Buyers") && screen.contains("norway-jan"),
        "{screen}"
    );
}

/// Runs claimlens, reads the first bytes of its output and closes the pipe.
fn run_closing_early(args: &[&str]) -> std::process::Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here: the rest of the output meets a closed pipe.
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Each output is larger than a pipe's buffer (64 KiB), so writing meets the closed pipe.
    for args in [
        &["show", "Japan", "--long"][..],
        &["check", "--format", "json"][..],
        &["check"][..],
    ] {
        let o = run_closing_early(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn names_match_aliases_and_typos_suggest() {
    for (typed, name) in [
        ("china", "China, Mainland"),
        ("Mainland China", "China, Mainland"),
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("Korea", "Korea, South"),
        ("Saudi", "Saudi Arabia"),
        ("JAPAN", "Japan"),
    ] {
        let o = run(&["show", typed, "--measure", "holdings"]);
        assert!(
            o.status.success(),
            "{typed}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.starts_with(&format!("{name}:")), "{typed}: {out}");
    }
    let o = run(&["show", "Jpan"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "claimlens: Jpan: did you mean Japan?"
    );
}

#[test]
fn show_prints_a_measure_by_month_table_newest_first() {
    let o = run(&["show", "Japan", "--from", "2024-07", "--to", "2024-09"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let header = out.lines().find(|l| l.starts_with("measure")).unwrap();
    let (a, b) = (
        header.find("2024-09").unwrap(),
        header.find("2024-07").unwrap(),
    );
    assert!(a < b, "newest month first: {header}");
    // slt_table3 publishes -10,903 / -22,321 / -29,136 USD millions: shown in USD billions.
    let row = out
        .lines()
        .find(|l| l.starts_with("lt_net_purchases ") && l.contains("slt_table3"))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells[2..],
        ["USD", "bn", "-29.1", "-22.3", "-10.9"],
        "{row}"
    );
    // Without a range: a screenful.
    let o = run(&["show", "Japan"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.lines().count() < 30, "{out}");
}

#[test]
fn each_subcommand_help_lists_its_own_options() {
    let help = |cmd: &str| String::from_utf8(run(&[cmd, "--help"]).stdout).unwrap();
    for cmd in ["show", "check", "export", "import"] {
        let h = help(cmd);
        for tui_only in ["--no-mouse", "--theme", "--ascii", "--config"] {
            assert!(!h.contains(tui_only), "{cmd} --help lists {tui_only}: {h}");
        }
    }
    assert!(!help("import").contains("--data"));
    assert!(help("present").contains("--theme"));
    // Options before the subcommand still count.
    let o = run(&["--data", "/nonexistent-claimlens", "show", "Japan"]);
    assert_ne!(o.status.code(), Some(0));
}

#[test]
fn render_keys_print_a_frame_and_write_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args([
            "render",
            "--width",
            "80",
            "--height",
            "24",
            "--section",
            "3",
            "--keys",
            "e",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let screen = String::from_utf8(o.stdout).unwrap();
    assert!(screen.contains("Export not written"), "{screen}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file written"
    );
    // Keys may start with `-` without `--keys=`; `<lt>` types a literal `<`.
    let o = run(&["render", "--width", "80", "--height", "24", "--keys", "-"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&[
        "render", "--width", "80", "--height", "24", "--keys", "<lt>",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_wrong_option_is_named_for_what_it_is() {
    let err = |args: &[&str]| {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        String::from_utf8(o.stderr).unwrap()
    };
    let e = err(&["show", "Japan", "--source", "foo"]);
    assert!(e.contains("unknown source \"foo\"; expected one of"), "{e}");
    assert!(e.contains("slt_table3"), "{e}");
    let e = err(&["show", "Japan", "--measure", "bar"]);
    assert!(e.contains("unknown measure \"bar\""), "{e}");
    // A known source that has nothing for the entity says so.
    let e = err(&["show", "Japan", "--source", "fred_dgs10"]);
    assert!(
        e.contains("Japan has no values in fred_dgs10; it has:"),
        "{e}"
    );
    let e = err(&["show", "Japan", "--from", "2025-01", "--to", "2024-01"]);
    assert!(e.contains("the range ends before it starts"), "{e}");
}

#[test]
fn changes_without_an_archive_speaks_json_when_asked_and_checks_its_date() {
    let home = tempfile::tempdir().unwrap();
    let changes = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_claimlens"))
            .arg("changes")
            .args(args)
            .env("XDG_DATA_HOME", home.path())
            .output()
            .unwrap()
    };
    let o = changes(&["--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["claims"].as_array().unwrap().len(), 0);
    assert!(
        v["after"]
            .as_str()
            .unwrap()
            .contains("no vintage archived yet")
    );
    let o = changes(&["--since", "yesterday"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("expected a date YYYY-MM-DD"));
}
