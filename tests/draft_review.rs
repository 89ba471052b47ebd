//! Reviewing drafts (src/draft/review.rs): cycling alternatives re-evaluates the claim,
//! decisions are written back atomically, byte-exact outside the edited claims, and a
//! file changed on disk is never overwritten.

use claimlens::claims::Verdict;
use claimlens::data::Dataset;
use claimlens::draft::review::{self, Decision, Review};
use std::path::Path;

const ARTICLE: &str = include_str!("fixtures/case_review/article.md");
const CLAIMS: &str = include_str!("fixtures/case_review/claims.toml");

fn ds() -> Dataset {
    Dataset::embedded().unwrap()
}

/// A copy of the review fixture in a fresh folder (the tests write to it).
fn case_dir(claims: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("claims.toml"), claims).unwrap();
    dir
}

fn open(ds: &Dataset, dir: &Path) -> Review {
    let (_, r) = review::open(ds, dir).unwrap();
    r.expect("the fixture has drafts")
}

fn read(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("claims.toml")).unwrap()
}

/// The text of one claim's `[[claim.alternative]]` tables: from the blank line before the
/// first to the end of the last (the next `[[claim]]` keeps its own blank line).
fn alternatives_of(text: &str, first_label: &str) -> String {
    let start = text
        .find(&format!("\n[[claim.alternative]]\nlabel = \"{first_label}"))
        .unwrap();
    let end = start + text[start..].find("\n[[claim]]").unwrap();
    text[start..end].to_string()
}

#[test]
fn the_fixture_is_a_valid_drafted_case() {
    let ds = ds();
    let dir = case_dir(CLAIMS);
    let (case, r) = review::open(&ds, dir.path()).unwrap();
    let r = r.unwrap();
    let ids: Vec<&str> = r.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["d1-1-level-norway", "d1-2-rank-norway", "india-adds"]);
    assert_eq!(
        r.get("d1-1-level-norway").unwrap().alternatives,
        [
            "window 2025-01 (the month the text names)",
            "sum over 2024-11..2025-01"
        ]
    );
    assert_eq!(r.get("d1-1-level-norway").unwrap().confidence, Some(0.4));
    let status: Vec<(&str, &str)> = case
        .evaluations
        .iter()
        .map(|e| (e.id.as_str(), e.status.as_str()))
        .collect();
    assert_eq!(
        status,
        [
            ("d1-1-level-norway", "draft"),
            ("d1-2-rank-norway", "draft"),
            ("uk-900bn", "accepted"),
            ("india-adds", "draft"),
            ("markets-decide", "accepted"),
        ]
    );
}

#[test]
fn cycling_an_alternative_reevaluates_the_claim() {
    let ds = ds();
    let dir = case_dir(CLAIMS);
    let mut r = open(&ds, dir.path());
    let id = "d1-1-level-norway";
    // As drafted: the wrong month (December 2024: Norway sold, 15.7 is far off).
    let drafted = r.evaluate(&ds, id).unwrap();
    assert_eq!(drafted.verdict, Verdict::Contradicted);
    let e = r.cycle(&ds, id, 1).unwrap();
    assert_eq!(
        r.get(id).unwrap().binding(),
        "window 2025-01 (the month the text names)"
    );
    assert_eq!(e.verdict, Verdict::Supported, "{}", e.conclusion);
    assert_eq!(
        e.today.observed,
        Some(15.689),
        "Norway 2025-01, SLT Table 3"
    );
    let e = r.cycle(&ds, id, 1).unwrap();
    assert_eq!(e.check, "sum");
    // Back round to the binding as drafted, and backwards to the last alternative.
    let e = r.cycle(&ds, id, 1).unwrap();
    assert_eq!(r.get(id).unwrap().choice, 0);
    assert_eq!(e, drafted);
    r.cycle(&ds, id, -1).unwrap();
    assert_eq!(r.get(id).unwrap().binding(), "sum over 2024-11..2025-01");
    // Nothing to cycle on a claim without alternatives, or on one that is not a draft.
    assert!(r.cycle(&ds, "india-adds", 1).is_err());
    assert!(r.cycle(&ds, "uk-900bn", 1).is_err());
    // Cycling decides nothing.
    assert_eq!(r.unwritten(), 0);
}

#[test]
fn decisions_toggle_and_count() {
    let ds = ds();
    let dir = case_dir(CLAIMS);
    let mut r = open(&ds, dir.path());
    let id = "d1-2-rank-norway";
    assert_eq!(r.toggle(id, Decision::Accepted), Ok(Decision::Accepted));
    assert_eq!(r.toggle(id, Decision::Rejected), Ok(Decision::Rejected));
    assert_eq!(r.counts(), (2, 0, 1));
    assert_eq!(r.unwritten(), 1);
    // The same key again: a draft again, nothing to write.
    assert_eq!(r.toggle(id, Decision::Rejected), Ok(Decision::Draft));
    assert_eq!(r.unwritten(), 0);
    assert!(r.toggle("uk-900bn", Decision::Accepted).is_err());
    assert_eq!(
        r.write().unwrap(),
        format!(
            "Nothing to write: {} is up to date.",
            dir.path().join("claims.toml").display()
        )
    );
    assert_eq!(read(dir.path()), CLAIMS);
}

#[test]
fn accepting_an_alternative_edits_only_that_claim_byte_for_byte() {
    let ds = ds();
    let dir = case_dir(CLAIMS);
    let mut r = open(&ds, dir.path());
    r.cycle(&ds, "d1-1-level-norway", 1).unwrap();
    r.toggle("d1-1-level-norway", Decision::Accepted).unwrap();
    r.toggle("d1-2-rank-norway", Decision::Rejected).unwrap();
    let msg = r.write().unwrap();
    assert!(msg.starts_with("Wrote 2 decisions to "), "{msg}");
    assert!(msg.ends_with("(1 accepted, 1 rejected in all)."), "{msg}");

    // The expected file: the original with exactly these edits.
    let alts1 = alternatives_of(CLAIMS, "window 2025-01");
    let alts2 = alternatives_of(CLAIMS, "entity United Kingdom");
    assert!(
        alts1.contains("sum over") && !alts1.contains("d1-2"),
        "{alts1}"
    );
    let mut want = CLAIMS.replacen(&alts1, "", 1).replacen(&alts2, "", 1);
    want = want.replacen(
        "id = \"d1-1-level-norway\"\nsection = \"1\"\nquote = \"Norway bought $15.7 billion of long-term Treasuries\"\nstatus = \"draft\"",
        "id = \"d1-1-level-norway\"\nsection = \"1\"\nquote = \"Norway bought $15.7 billion of long-term Treasuries\"\nstatus = \"accepted\"",
        1,
    );
    want = want.replacen(
        "# why: window: guessed (the month before the one the text names)\n",
        "# why: window: guessed (the month before the one the text names)\n\
# review: accepted bound by the alternative \"window 2025-01 (the month the text names)\"\n",
        1,
    );
    want = want.replacen(
        "period = \"2024-12\" # the drafted window",
        "period = \"2025-01\" # the drafted window",
        1,
    );
    want = want.replacen(
        "quote = \"the second-largest purchase of any country that month\"\nstatus = \"draft\"",
        "quote = \"the second-largest purchase of any country that month\"\nstatus = \"rejected\"",
        1,
    );
    let got = read(dir.path());
    assert_eq!(got, want);
    assert!(got.starts_with("# A drafted claims file for the review tests"));
    assert!(got.contains("# why: window: guessed (the month before the one the text names)\n"));

    // The written file reads back: the accepted claim under its new window, the rejected
    // one not evaluated, the untouched draft still a draft.
    let (case, again) = review::open(&ds, dir.path()).unwrap();
    let ids: Vec<(&str, &str, Verdict)> = case
        .evaluations
        .iter()
        .map(|e| (e.id.as_str(), e.status.as_str(), e.verdict))
        .collect();
    assert_eq!(
        ids[..2],
        [
            ("d1-1-level-norway", "accepted", Verdict::Supported),
            ("uk-900bn", "accepted", Verdict::Supported)
        ]
    );
    assert!(!ids.iter().any(|x| x.0 == "d1-2-rank-norway"));
    let again = again.unwrap();
    assert_eq!(again.claims.len(), 1);
    assert_eq!(again.claims[0].id, "india-adds");

    // In the session, the written decisions stand; a written claim cannot become a draft.
    assert_eq!(r.unwritten(), 0);
    assert!(r.toggle("d1-1-level-norway", Decision::Accepted).is_err());
    assert!(r.cycle(&ds, "d1-1-level-norway", 1).is_err());
    // but it can switch between accepted and rejected (the status only).
    r.toggle("d1-2-rank-norway", Decision::Accepted).unwrap();
    r.write().unwrap();
    let now = read(dir.path());
    assert_eq!(
        now,
        got.replacen(
            "quote = \"the second-largest purchase of any country that month\"\nstatus = \"rejected\"",
            "quote = \"the second-largest purchase of any country that month\"\nstatus = \"accepted\"",
            1
        )
    );
}

#[test]
fn a_window_alternative_replaces_the_window_where_it_stood() {
    let ds = ds();
    let dir = case_dir(CLAIMS);
    let mut r = open(&ds, dir.path());
    r.cycle(&ds, "d1-1-level-norway", -1).unwrap();
    r.toggle("d1-1-level-norway", Decision::Accepted).unwrap();
    let text = r.edited_text().unwrap();
    let start = text.find("id = \"d1-1-level-norway\"").unwrap();
    let end = text[start..].find("\n\n").unwrap() + start;
    assert_eq!(
        &text[start..end],
        "id = \"d1-1-level-norway\"
section = \"1\"
quote = \"Norway bought $15.7 billion of long-term Treasuries\"
status = \"accepted\"
confidence = 0.4
check = \"sum\"
series = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]
entity = \"Norway\"
from = \"2024-11\"
to = \"2025-01\"
claimed = 15.7
unit = \"USD billions\"
tolerance = 0.01"
    );
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let ds = ds();
    let dir = case_dir(CLAIMS);
    let mut r = open(&ds, dir.path());
    r.toggle("india-adds", Decision::Rejected).unwrap();
    let edited_elsewhere = CLAIMS.replace("confidence = 0.2", "confidence = 0.3");
    std::fs::write(dir.path().join("claims.toml"), &edited_elsewhere).unwrap();
    let err = r.write().unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(
        err.to_string()
            .contains("changed on disk since it was loaded; not written"),
        "{err}"
    );
    assert_eq!(read(dir.path()), edited_elsewhere);
    assert_eq!(r.unwritten(), 1);
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn an_untouched_file_round_trips_byte_for_byte() {
    let ds = ds();
    // The bundled claims file and a fresh draft of the bundled article, through the editor.
    for text in [claimlens::claims::EMBEDDED_CLAIMS.to_string(), {
        let a =
            claimlens::claims::Article::parse("article.md", claimlens::claims::EMBEDDED_ARTICLE)
                .unwrap();
        let d = claimlens::draft::draft(&ds, &a, None).unwrap();
        claimlens::draft::emit::to_toml(&d, "article.md")
    }] {
        let doc: toml_edit::DocumentMut = text.parse().unwrap();
        assert_eq!(doc.to_string(), text);
    }
    let dir = case_dir(CLAIMS);
    let r = open(&ds, dir.path());
    assert_eq!(r.edited_text().unwrap(), CLAIMS);
}

#[test]
fn alternatives_are_validated_and_read_only_on_drafts() {
    let ds = ds();
    let check = |claims: &str| {
        claimlens::claims::case_from_texts(&ds, "article.md", ARTICLE, "claims.toml", claims)
            .map(|_| ())
            .unwrap_err()
    };
    let line_of =
        |text: &str, needle: &str| 1 + text[..text.find(needle).unwrap()].matches('\n').count();
    // An unknown field in an alternative.
    let bad = CLAIMS.replacen(
        "period = \"2025-01\"\n",
        "period = \"2025-01\"\nwindow = 3\n",
        1,
    );
    let e = check(&bad);
    assert_eq!(e.line, Some(line_of(&bad, "window = 3")));
    assert!(
        e.message.contains("unknown field `window`"),
        "{}",
        e.message
    );
    // An alternative that does not fit its check (level over a window).
    let bad = CLAIMS.replacen(
        "label = \"sum over 2024-11..2025-01\"\ncheck = \"sum\"\n",
        "label = \"sum over 2024-11..2025-01\"\n",
        1,
    );
    let e = check(&bad);
    assert_eq!(e.line, Some(line_of(&bad, "label = \"sum over")));
    // Alternatives on a claim that is not a draft.
    let bad = CLAIMS.replacen(
        "status = \"draft\"\nconfidence = 0.9",
        "status = \"accepted\"\nconfidence = 0.9",
        1,
    );
    let e = check(&bad);
    assert_eq!(
        e.line,
        Some(line_of(&bad, "label = \"entity United Kingdom\""))
    );
    assert!(e.message.contains("not a draft"), "{}", e.message);
}

#[test]
fn check_marks_drafts_in_text_markdown_and_json() {
    use claimlens::report::check;
    let ds = ds();
    let dir = case_dir(CLAIMS);
    let (case, _) = review::open(&ds, dir.path()).unwrap();
    let text = check::text(&case);
    assert!(text.contains("✗ [CONTRADICTED] d1-1-level-norway [DRAFT: not reviewed]\n"));
    assert!(text.contains("? [UNVERIFIABLE] india-adds [DRAFT: not reviewed]\n"));
    assert!(text.contains("✓ [SUPPORTED] uk-900bn\n"), "{text}");
    let md = check::markdown(&case);
    assert!(md.contains("| ✗ contradicted (draft) |"), "{md}");
    assert!(md.contains("## d1-2-rank-norway — ✓ supported (draft: not reviewed)\n"));
    assert!(md.contains("## uk-900bn — ✓ supported\n"));
    let json: serde_json::Value = serde_json::from_str(&check::json(&case)).unwrap();
    let status: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        [
            ("d1-1-level-norway", "draft"),
            ("d1-2-rank-norway", "draft"),
            ("uk-900bn", "accepted"),
            ("india-adds", "draft"),
            ("markets-decide", "accepted"),
        ]
    );
}
