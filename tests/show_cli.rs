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
    let o = run(&["show", "Japan", "--from", "2024-06", "--to", "2024-09"]);
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
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown entity"));
    let o = run(&["show", "Japan", "--from", "2024-13"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--from"));
}

#[test]
fn check_prints_every_claim_in_each_format() {
    let text = String::from_utf8(run(&["check"]).stdout).unwrap();
    assert!(text.contains("japan-q3-61.9bn") && text.contains("takeaway-financial-war"));
    assert!(text.contains("claims:"), "summary line");
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
