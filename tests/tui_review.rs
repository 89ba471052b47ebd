//! Reviewing drafts in the explorer: marks, keys, the verdict recomputed when an
//! alternative is tried, and decisions written back through the keys.

use claimlens::data::Dataset;
use claimlens::tui::keymap::parse_keys;
use claimlens::tui::{App, Options, RenderSpec, render_spec};
use std::sync::Arc;

const ARTICLE: &str = include_str!("fixtures/case_review/article.md");
const CLAIMS: &str = include_str!("fixtures/case_review/claims.toml");

/// The review fixture copied into a fresh folder, opened as `claimlens --case DIR` opens it.
fn review_app(ascii: bool) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("claims.toml"), CLAIMS).unwrap();
    let ds = Dataset::embedded().unwrap();
    let (case, review) = claimlens::draft::review::open(&ds, dir.path()).unwrap();
    let mut app = App::new(
        Arc::new(ds),
        Arc::new(case),
        Options {
            ascii,
            mouse: true,
            color: false,
            ..Options::default()
        },
    );
    app.review = review.map(claimlens::tui::review::State::new);
    (app, dir)
}

fn screen(app: App, width: u16, height: u16, keys: &str) -> String {
    let spec = RenderSpec {
        width,
        height,
        section: None,
        claim: None,
        keys: Some(keys.into()),
        present: false,
    };
    render_spec(app, &spec).expect("renders")
}

fn press(app: &mut App, keys: &str) {
    for k in parse_keys(keys).unwrap() {
        app.press(k);
    }
}

#[test]
fn drafts_carry_a_mark_in_the_sections_pane_and_on_the_card() {
    let (app, _dir) = review_app(false);
    let text = screen(app, 100, 30, "");
    assert!(text.contains("▸✗ ✎d1-1-level-norway"), "{text}");
    assert!(text.contains(" ✓ ✎d1-2-rank-norway"), "{text}");
    assert!(
        text.contains("Review: ✎ draft · drafter's confidence 0.40"),
        "{text}"
    );
    // The accepted claim of section 2 has no mark.
    let (app, _dir) = review_app(false);
    let text = screen(app, 100, 30, "<PgDn>");
    assert!(text.contains("▸✓ uk-900bn"), "{text}");
    assert!(!text.contains("Review:"), "{text}");
    // ASCII: the marks are the keys that decide.
    let (app, _dir) = review_app(true);
    let text = screen(app, 100, 30, "jR");
    assert!(text.is_ascii(), "{text}");
    assert!(text.contains(" x !d1-1-level-norway"), "{text}");
    assert!(text.contains(">+ Rd1-2-rank-norway"), "{text}");
    assert!(
        text.contains("Review: R rejected (not written yet)"),
        "{text}"
    );
}

#[test]
fn cycling_an_alternative_recomputes_the_verdict_on_screen() {
    let header = |keys: &str| {
        let (app, _dir) = review_app(false);
        let text = screen(app, 100, 30, keys);
        let first = text.lines().next().unwrap().to_string();
        (first, text)
    };
    let (h, _) = header("");
    assert!(h.ends_with("d1-1-level-norway ✗ contradicted"), "{h}");
    let (h, text) = header("o");
    assert!(h.ends_with("d1-1-level-norway ✓ supported"), "{h}");
    assert!(text.contains("binding 2 of 3:"), "{text}");
    assert!(
        text.contains("window 2025-01 (the month the text names)"),
        "{text}"
    );
    // The status line says what the binding gave; the section's mark follows.
    assert!(text.contains("✓  1. Norway Steps In"), "{text}");
    let (_, text) = header("oo");
    assert!(
        text.contains("binding 3 of 3: sum over 2024-11..2025-01"),
        "{text}"
    );
    // Round to the binding as drafted; O goes backwards.
    let (h, _) = header("ooo");
    assert!(h.ends_with("✗ contradicted"), "{h}");
    let (h, text) = header("O");
    assert!(text.contains("binding 3 of 3"), "{text}");
    assert!(
        !h.ends_with("✗ contradicted") || text.contains("sum"),
        "{h}"
    );
    // A claim that is not a draft says so.
    let (_, text) = header("<PgDn>o");
    assert!(
        text.contains("uk-900bn is not a draft: nothing to review."),
        "{text}"
    );
}

#[test]
fn keys_decide_write_and_guard_quitting() {
    let (mut app, dir) = review_app(false);
    // Accept the first draft under its second binding, reject the second.
    press(&mut app, "oAjR");
    assert_eq!(app.review.as_ref().unwrap().review.unwritten(), 2);
    // q with decisions unwritten asks first; any other key takes the question back.
    press(&mut app, "q");
    assert!(!app.quit);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("2 decisions not written: W writes, q again quits without writing ("),
        "{:?}",
        app.status
    );
    press(&mut app, "jq");
    assert!(!app.quit, "j took the question back");
    press(&mut app, "W");
    let status = app.status.clone().unwrap();
    assert!(status.starts_with("Wrote 2 decisions to "), "{status}");
    let text = std::fs::read_to_string(dir.path().join("claims.toml")).unwrap();
    assert!(text.contains(
        "status = \"accepted\"\nconfidence = 0.4\ncheck = \"level\"\nseries = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\nentity = \"Norway\"\nperiod = \"2025-01\" # the drafted window\n"
    ), "{text}");
    assert!(text.contains(
        "quote = \"the second-largest purchase of any country that month\"\nstatus = \"rejected\"\n"
    ));
    assert!(!text.contains("[[claim.alternative]]"), "{text}");
    // Everything written: q quits at once.
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn a_headless_render_never_writes() {
    let (app, dir) = review_app(false);
    let text = screen(app, 100, 30, "oAW");
    assert!(
        text.contains("Decisions not written: render only prints a frame"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("claims.toml")).unwrap(),
        CLAIMS
    );
}

#[test]
fn a_changed_file_is_refused_on_screen() {
    let (mut app, dir) = review_app(false);
    press(&mut app, "A");
    std::fs::write(dir.path().join("claims.toml"), format!("{CLAIMS}\n")).unwrap();
    press(&mut app, "W");
    let status = app.status.clone().unwrap();
    assert!(
        status.starts_with("Not written: ")
            && status.contains("changed on disk since it was loaded"),
        "{status}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("claims.toml")).unwrap(),
        format!("{CLAIMS}\n")
    );
}

#[test]
fn help_lists_the_review_keys() {
    let (app, _dir) = review_app(false);
    let text = screen(app, 220, 60, "?");
    assert!(text.contains("Reviewing drafts (--case)"), "{text}");
    for k in ["A", "R", "o", "O", "W"] {
        assert!(
            text.lines().any(|l| l.contains(&format!("  {k} "))),
            "{k}: {text}"
        );
    }
}

#[test]
fn draft_card_80x24() {
    let (app, _dir) = review_app(false);
    insta::assert_snapshot!(screen(app, 80, 24, "o"));
}

#[test]
fn draft_card_ascii_80x24() {
    let (app, _dir) = review_app(true);
    insta::assert_snapshot!(screen(app, 80, 24, "A"));
}

#[test]
fn review_at_60x20_still_draws() {
    let (app, _dir) = review_app(false);
    let text = screen(app, 60, 20, "oA");
    assert_eq!(text.lines().count(), 20);
    assert!(text.lines().next().unwrap().contains("✓"), "{text}");
}
