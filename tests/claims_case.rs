//! The engine is not tied to the seed: a second small case, and bad claims files.

use claimlens::claims::{Verdict, case_from_texts, load_case};
use claimlens::data::Dataset;
use std::path::Path;

fn ds() -> Dataset {
    Dataset::embedded().unwrap()
}

#[test]
fn a_second_case_evaluates_from_its_folder() {
    let case = load_case(&ds(), Some(Path::new("tests/fixtures/case_small"))).unwrap();
    let v = |id: &str| case.evaluations.iter().find(|e| e.id == id).unwrap();
    // slt_table3 Norway 2025-01 for_lt_treas_net = 15689.
    assert_eq!(v("norway-jan").today.observed, Some(15.689));
    assert_eq!(v("norway-jan").verdict, Verdict::Supported);
    assert_eq!(v("norway-second").today.observed, Some(2.0));
    // slt_table5 / mfhhis01 UK 2025-08 = 901.4.
    assert_eq!(v("uk-900bn").today.observed, Some(901.4));
    assert_eq!(v("uk-900bn").verdict, Verdict::Supported);
    // mfhhis01 India 2024-12 219.1 -> 2025-12 182.9.
    assert!((v("india-adds").today.observed.unwrap() - (182.9 - 219.1)).abs() < 1e-9);
    assert_eq!(v("india-adds").verdict, Verdict::Contradicted);
    assert_eq!(v("markets-decide").verdict, Verdict::NotADataClaim);
}

const ARTICLE: &str = "# T\n\n## 1. One\n\nJapan sold $62 billion in the third quarter of 2024.\n";

fn claims(body: &str) -> String {
    format!(
        "[article]\ndate = \"2025-03-19\"\ndate_reason = \"test\"\n\n[[claim]]\nid = \"c\"\nsection = \"1\"\n{body}"
    )
}

const GOOD: &str = "quote = \"Japan sold $62 billion\"\ncheck = \"sum\"\nseries = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\nentity = \"Japan\"\nfrom = \"2024-07\"\nto = \"2024-09\"\nclaimed = -62\nunit = \"USD billions\"\n";

fn err(body: &str) -> claimlens::error::InputError {
    case_from_texts(&ds(), "a.md", ARTICLE, "claims.toml", &claims(body)).unwrap_err()
}

#[test]
fn a_valid_minimal_claims_file() {
    let case = case_from_texts(&ds(), "a.md", ARTICLE, "claims.toml", &claims(GOOD)).unwrap();
    assert_eq!(case.evaluations[0].verdict, Verdict::Supported);
}

#[test]
fn quote_not_in_section_names_its_line() {
    let e = err(&GOOD.replace("Japan sold $62 billion", "Japan bought"));
    assert_eq!(e.file, "claims.toml");
    assert_eq!(e.line, Some(8));
    assert!(e.message.contains("quote not found"), "{e}");
}

#[test]
fn unknown_entity_measure_and_window() {
    let e = err(&GOOD.replace("\"Japan\"", "\"Atlantis\""));
    assert!(e.message.contains("unknown entity"), "{e}");
    assert_eq!(e.line, Some(9));
    let e = err(&GOOD.replace("lt_net_purchases", "lt_net_buying"));
    assert!(e.message.contains("unknown source/measure"), "{e}");
    let e = err(&GOOD
        .replace("2024-07", "1960-01")
        .replace("2024-09", "1960-03"));
    assert!(e.message.contains("outside the data"), "{e}");
    assert!(
        e.message
            .contains("slt_table3/lt_net_purchases for Japan covers 2023-02.."),
        "the error names what the data cover: {e}"
    );
}

#[test]
fn malformed_period_and_toml_syntax() {
    let e = err(&GOOD.replace("\"2024-07\"", "\"2024-7\""));
    assert!(
        e.message.contains("from:") && e.message.contains("YYYY-MM"),
        "{e}"
    );
    assert_eq!(e.line, Some(12));
    let e = err(&GOOD.replace("claimed = -62", "claimed = = -62"));
    assert!(e.message.contains("invalid claims file"), "{e}");
    assert_eq!(e.line, Some(14));
    let e = err(&format!("{GOOD}colour = \"red\"\n"));
    assert!(e.message.contains("unknown field"), "{e}");
}

#[test]
fn check_exits_2_on_a_bad_case_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    std::fs::write(
        dir.path().join("claims.toml"),
        claims(&GOOD.replace("Japan sold", "Japan bought")),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(["check", "--case"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("claims.toml:8:") && stderr.contains("quote not found"),
        "{stderr}"
    );
}
