//! `claimlens draft`: the draft loads and evaluates as a case, quotes are the
//! article's own words, output is deterministic, and the `--check` figures on
//! the bundled article and on the second fixture article stay where they are.

use claimlens::claims::spec::parse;
use claimlens::claims::{Article, Verdict, case_from_texts};
use claimlens::data::Dataset;
use claimlens::draft::{draft, emit, score};
use std::process::Command;

const BUNDLED_ARTICLE: &str = include_str!("../assets/article.md");
const BUNDLED_CLAIMS: &str = include_str!("../assets/claims.toml");
const FIXTURE_ARTICLE: &str = include_str!("fixtures/case_draft/article.md");
const FIXTURE_CLAIMS: &str = include_str!("fixtures/case_draft/claims.toml");
const FIXTURE_DATE: &str = "2025-08-20";
const BLIND_ARTICLE: &str = include_str!("fixtures/case_draft_blind/article.md");
const BLIND_CLAIMS: &str = include_str!("fixtures/case_draft_blind/claims.toml");
const BLIND_DATE: &str = "2025-05-20";

fn ds() -> Dataset {
    Dataset::embedded().unwrap()
}

fn draft_text(ds: &Dataset, article: &str, date: Option<&str>) -> String {
    let a = Article::parse("article.md", article).unwrap();
    emit::to_toml(&draft(ds, &a, date).unwrap(), "article.md")
}

fn figures(ds: &Dataset, article: &str, reference: &str, date: Option<&str>) -> score::Score {
    let a = Article::parse("article.md", article).unwrap();
    let d = draft_text(ds, article, date);
    let r = parse("claims.toml", reference).unwrap();
    let dd = parse("draft.toml", &d).unwrap();
    score::score(&a, &r.claims, &dd.claims)
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimlens"))
}

#[test]
fn drafts_load_and_evaluate_as_cases() {
    let ds = ds();
    for (article, date) in [
        (BUNDLED_ARTICLE, None),
        (FIXTURE_ARTICLE, Some(FIXTURE_DATE)),
    ] {
        let text = draft_text(&ds, article, date);
        let case = case_from_texts(&ds, "article.md", article, "claims.toml", &text)
            .unwrap_or_else(|e| panic!("draft does not load: {e}\n{text}"));
        let file = parse("claims.toml", &text).unwrap();
        assert_eq!(case.evaluations.len(), file.claims.len());
        let parsed = Article::parse("article.md", article).unwrap();
        for c in &file.claims {
            assert_eq!(
                c.status.as_ref().map(|s| s.get_ref().as_str()),
                Some("draft")
            );
            let conf = *c.confidence.as_ref().unwrap().get_ref();
            assert!((0.0..=1.0).contains(&conf), "{conf}");
            let section = parsed.section(c.section.get_ref()).unwrap();
            assert!(
                section.text.contains(c.quote.get_ref().as_str()),
                "quote is not an exact substring of section {}: {:?}",
                section.id,
                c.quote.get_ref()
            );
        }
        // Every claim says how it was found.
        assert_eq!(
            text.matches("\n[[claim]]\n# why: ").count(),
            file.claims.len()
        );
    }
}

#[test]
fn the_bundled_draft_binds_what_the_fact_checker_bound() {
    let ds = ds();
    let text = draft_text(&ds, BUNDLED_ARTICLE, None);
    let case = case_from_texts(&ds, "a.md", BUNDLED_ARTICLE, "c.toml", &text).unwrap();
    let by_quote = |q: &str| {
        case.evaluations
            .iter()
            .find(|e| e.quote.contains(q))
            .unwrap_or_else(|| panic!("no draft for {q}"))
    };
    // slt_table3 Japan 2024-07..09 sums to -62.36 (issue 8): the window the data search picked.
    let japan = by_quote("$61.9 billion");
    assert_eq!(japan.check, "sum");
    assert!((japan.today.observed.unwrap() + 62.36).abs() < 0.01);
    assert_eq!(japan.verdict, Verdict::Supported);
    // Statements with no number become none drafts.
    assert_eq!(by_quote("China is joining the sell-off").check, "none");
    // The article date is inferred from the newest month it names (January 2025, out on 18 March 2025).
    assert_eq!(case.date, "2025-03-18");
}

#[test]
fn output_is_deterministic() {
    let ds = ds();
    assert_eq!(
        draft_text(&ds, BUNDLED_ARTICLE, None),
        draft_text(&ds, BUNDLED_ARTICLE, None)
    );
    let a = bin().args(["draft", "assets/article.md"]).output().unwrap();
    let b = bin().args(["draft", "assets/article.md"]).output().unwrap();
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn check_figures_on_the_bundled_article() {
    let s = figures(&ds(), BUNDLED_ARTICLE, BUNDLED_CLAIMS, None);
    // japan-trillion-for-decades is bound by hand to what Japan holds now, with "for decades"
    // as a reading; the drafter binds the first crossing of $1 trillion: a different window.
    assert_eq!((s.reference, s.found, s.right, s.drafted), (16, 16, 15, 16));
    assert_eq!((s.data_claims, s.data_claims_right), (36, 21));
    assert!(s.unmatched.is_empty());
}

#[test]
fn check_figures_on_the_fixture_article() {
    let s = figures(&ds(), FIXTURE_ARTICLE, FIXTURE_CLAIMS, Some(FIXTURE_DATE));
    assert_eq!((s.reference, s.found, s.right, s.drafted), (12, 12, 12, 12));
    assert_eq!((s.data_claims, s.data_claims_right), (13, 13));
}

#[test]
fn a_wrong_binding_is_scored_on_each_criterion() {
    let ds = ds();
    let a = Article::parse("a.md", FIXTURE_ARTICLE).unwrap();
    let reference = parse("c.toml", FIXTURE_CLAIMS).unwrap();
    // Flip the sign of one claim, move another's window, change a third's entity.
    let d = draft_text(&ds, FIXTURE_ARTICLE, Some(FIXTURE_DATE))
        .replace("claimed = -57.7", "claimed = 57.7")
        .replace(
            "period = \"2025-05\"\nclaimed = 65.9",
            "period = \"2025-03\"\nclaimed = 65.9",
        )
        .replace("entity = \"India\"", "entity = \"China, Mainland\"");
    let s = score::score(&a, &reference.claims, &parse("d.toml", &d).unwrap().claims);
    let row = |id: &str| s.rows.iter().find(|r| r.id == id).unwrap().clone();
    let r = row("canada-sold-apr-2025");
    assert!(r.entity && r.window && !r.value && !r.sign);
    let r = row("canada-bought-may-2025");
    assert!(r.entity && !r.window && r.value && r.sign);
    let r = row("india-gold-end-2024");
    assert!(!r.entity && r.window && r.value && r.sign);
    assert_eq!(s.right, 9);
}

#[test]
fn cli_check_prints_a_table_and_json() {
    let out = bin()
        .args([
            "draft",
            "tests/fixtures/case_draft/article.md",
            "--date",
            FIXTURE_DATE,
            "--check",
            "tests/fixtures/case_draft/claims.toml",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("canada-sold-apr-2025"), "{text}");
    assert!(text.contains("recall: 12/12 = 100.0%"), "{text}");
    let out = bin()
        .args([
            "draft",
            "tests/fixtures/case_draft/article.md",
            "--date",
            FIXTURE_DATE,
            "--check",
            "tests/fixtures/case_draft/claims.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["reference"], 12);
    assert_eq!(v["right"], 12);
    assert_eq!(v["rows"].as_array().unwrap().len(), 12);
}

#[test]
fn cli_draft_then_check_case() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "tests/fixtures/case_draft/article.md",
        dir.path().join("article.md"),
    )
    .unwrap();
    let out = bin()
        .args([
            "draft",
            "tests/fixtures/case_draft/article.md",
            "--date",
            FIXTURE_DATE,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(dir.path().join("claims.toml"), &out.stdout).unwrap();
    let check = bin()
        .args(["check", "--case", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let text = String::from_utf8(check.stdout).unwrap();
    assert!(text.contains("d2-1-level-canada"), "{text}");
}

#[test]
fn bad_dates_and_undatable_articles_exit_2() {
    let out = bin()
        .args(["draft", "assets/article.md", "--date", "19/03/2025"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected YYYY-MM-DD"));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, "# T\n\n## 1. One\n\nJapan sold $5 billion last year.\n").unwrap();
    let out = bin().args(["draft", p.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--date YYYY-MM-DD"));
}

const ARTICLE: &str = "# T\n\n## 1. One\n\nJapan sold $62 billion in the third quarter of 2024.\n";
const CLAIM: &str = "[article]\ndate = \"2025-03-19\"\ndate_reason = \"test\"\n\n[[claim]]\nid = \"c\"\nsection = \"1\"\nquote = \"Japan sold $62 billion\"\ncheck = \"sum\"\nseries = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\nentity = \"Japan\"\nfrom = \"2024-07\"\nto = \"2024-09\"\nclaimed = -62\nunit = \"USD billions\"\n";

#[test]
fn status_and_confidence_are_validated_and_rejected_claims_skipped() {
    let ds = ds();
    let load = |extra: &str| {
        case_from_texts(
            &ds,
            "a.md",
            ARTICLE,
            "claims.toml",
            &format!("{CLAIM}{extra}"),
        )
    };
    assert_eq!(
        load("status = \"draft\"\nconfidence = 0.5\n")
            .unwrap()
            .evaluations
            .len(),
        1
    );
    let e = load("status = \"maybe\"\n").unwrap_err().to_string();
    assert!(
        e.contains("claims.toml:16") && e.contains("expected draft, accepted or rejected"),
        "{e}"
    );
    let e = load("confidence = 1.5\n").unwrap_err().to_string();
    assert!(
        e.contains("claims.toml:16") && e.contains("between 0 and 1"),
        "{e}"
    );
    let second = "\n[[claim]]\nid = \"d\"\nsection = \"1\"\nquote = \"Japan sold\"\ncheck = \"none\"\ndata_claim = false\nwhy = \"x\"\nstatus = \"rejected\"\n";
    let case = load(second).unwrap();
    assert_eq!(case.evaluations.len(), 1);
    assert_eq!(case.evaluations[0].id, "c");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "Japan",
        "China",
        "U.K.",
        "foreign",
        "investors",
        "central",
        "banks",
        "sold",
        "bought",
        "added",
        "$",
        "5",
        "61.9",
        "1,045",
        "billion",
        "trillion",
        "tons",
        "%",
        "percent",
        "points",
        "in",
        "just",
        "three",
        "0",
        "months",
        "weeks",
        "Q3",
        "January",
        "2025",
        "2024",
        "the",
        "same",
        "period",
        "largest",
        "second-largest",
        "seller",
        "buyer",
        "record",
        "ever",
        "straight",
        "15-month",
        "streak",
        "third",
        "consecutive",
        "year",
        "over",
        "nearly",
        "holdings",
        "yield",
        "rose",
        "by",
        "to",
        "dollar",
        "index",
        "stock",
        "market",
        "lost",
        "first",
        "half",
        "of",
        "end",
        "between",
        "and",
        "that",
        "month",
        "—",
        ",",
        ".",
        "\n",
        "\n- ",
        ":",
        "for",
        "decades",
        "these",
        "two",
        "nations",
        "breaking",
        "gold",
        "reserves",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_text_drafts_and_loads(picks in proptest::collection::vec(0..WORDS.len(), 1..60)) {
            let body: Vec<&str> = picks.iter().map(|i| WORDS[*i]).collect();
            let article = format!("# T\n\n## 1. One\n\nJapan sold $5 billion in January 2025. {}\n", body.join(" "));
            static DS: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
            let ds = DS.get_or_init(super::ds);
            let text = draft_text(ds, &article, Some("2025-03-19"));
            let file = parse("claims.toml", &text).unwrap();
            let a = Article::parse("a.md", &article).unwrap();
            for c in &file.claims {
                prop_assert!(a.sections[0].text.contains(c.quote.get_ref().as_str()));
            }
            prop_assert!(case_from_texts(ds, "a.md", &article, "claims.toml", &text).is_ok(), "{}", text);
        }
    }
}

#[test]
fn check_figures_on_the_small_case() {
    let s = figures(
        &ds(),
        include_str!("fixtures/case_small/article.md"),
        include_str!("fixtures/case_small/claims.toml"),
        None,
    );
    assert_eq!((s.reference, s.found, s.right, s.drafted), (3, 3, 3, 3));
    assert_eq!((s.data_claims, s.data_claims_right), (4, 3));
}

#[test]
fn drafts_carry_their_alternatives_for_review() {
    let ds = ds();
    let a = Article::parse("a.md", BUNDLED_ARTICLE).unwrap();
    let d = draft(&ds, &a, Some("2025-03-19")).unwrap();
    let japan = d
        .claims
        .iter()
        .find(|c| c.quote.contains("$61.9 billion"))
        .unwrap();
    // The window was searched: the other candidate windows are offered, as from/to fields.
    let windows: Vec<_> = japan
        .alternatives
        .iter()
        .filter(|x| x.fields.iter().any(|(k, _)| k == "from"))
        .collect();
    assert_eq!(windows.len(), 2);
    assert!(japan.why.iter().any(|w| w.contains("verify the window")));
    // A measure alternative names the series it would read.
    assert!(japan.alternatives.iter().any(|x| {
        x.label.starts_with("measure Treasury holdings")
            && x.fields
                .iter()
                .any(|(k, v)| k == "series" && v.contains("mfhhis01"))
    }));
    // The TOML carries them as [[claim.alternative]] tables, which the claims file reads.
    let text = emit::to_toml(&d, "a.md");
    assert!(text.contains("\n[[claim.alternative]]\nlabel = \"window "));
    let file = parse("claims.toml", &text).unwrap();
    let alts = |id: &str| {
        file.claims
            .iter()
            .find(|c| c.id.get_ref() == id)
            .map(|c| c.alternatives.len())
    };
    assert_eq!(alts(&japan.id), Some(japan.alternatives.len()));
}

#[test]
fn check_figures_on_the_blind_fixture() {
    // Scored blind at 7/8 (the six-month window); 8/8 since "the past N months" ends at the newest
    // published month.
    let s = figures(&ds(), BLIND_ARTICLE, BLIND_CLAIMS, Some(BLIND_DATE));
    assert_eq!((s.reference, s.found, s.right, s.drafted), (8, 8, 8, 8));
    let six = s
        .rows
        .iter()
        .find(|r| r.id == "foreigners-six-months-300bn")
        .unwrap();
    assert!(six.window);
}
