//! Presentation mode: slides drawn headless (snapshots in tests/snapshots/),
//! and the keys that move through them.
//!
//! After a deliberate change, re-accept with:
//!     INSTA_UPDATE=always cargo test --test tui_present
//! and read the changed .snap files before committing.

mod tui_fixture;

use claimlens::tui::keymap::Key;
use claimlens::tui::{Action, App, RenderSpec, Slide, Start, parse_keys, render_spec, update};

/// The bundled case, loaded once.
fn base() -> &'static App {
    static APP: std::sync::OnceLock<App> = std::sync::OnceLock::new();
    APP.get_or_init(tui_fixture::app)
}

fn slide(
    width: u16,
    height: u16,
    section: Option<&str>,
    claim: Option<&str>,
    keys: &str,
) -> String {
    let spec = RenderSpec {
        width,
        height,
        section: section.map(str::to_string),
        claim: claim.map(str::to_string),
        keys: Some(keys.to_string()),
        present: true,
    };
    render_spec(base().clone(), &spec).expect("renders")
}

fn press(app: &mut App, keys: &str) {
    for k in parse_keys(keys).expect("keys parse") {
        app.press(k);
    }
}

fn presenting() -> App {
    let mut a = base().clone();
    update(
        &mut a,
        Action::Resize {
            width: 160,
            height: 48,
        },
    );
    a
}

fn slide_index(a: &App) -> usize {
    a.slide().expect("presenting")
}

// ----- screens ---------------------------------------------------------------

#[test]
fn claim_slide_80x24() {
    let text = slide(80, 24, None, Some("japan-q3-61.9bn"), "");
    assert!(text.contains("CLAIMED") && text.contains("TODAY"), "{text}");
    assert!(text.contains("✓ supported"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn claim_slide_160x48() {
    let text = slide(160, 48, None, Some("japan-q3-61.9bn"), "");
    assert!(text.contains("Sources: "), "{text}");
    assert!(
        text.contains("window 2024-07–2024-09"),
        "the chart names the window it marks: {text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn claim_slide_with_a_level_marks_the_claimed_value_160x48() {
    let text = slide(160, 48, None, Some("japan-holdings-1.1tn"), "");
    assert!(
        text.contains("claimed 1,100.0"),
        "the claimed line is in the legend: {text}"
    );
    // Two readings that disagree: the slide shows them as a small table.
    assert!(text.contains("◐ partly"), "{text}");
    assert!(text.contains("Readings: depends on the reading"), "{text}");
    assert!(text.contains("✓ Treasuries and bonds"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn section_title_slide_80x24() {
    let text = slide(80, 24, Some("3"), None, "");
    assert!(text.contains("The Scale of Japan's Sell-Off"), "{text}");
    assert!(text.contains("Section mark ✓ supported"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn section_title_slide_160x48() {
    insta::assert_snapshot!(slide(160, 48, Some("3"), None, ""));
}

#[test]
fn slide_index_100x30() {
    let text = slide(100, 30, Some("3"), None, "jji");
    assert!(text.contains("Slides · 13 / "), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_slide_that_does_not_fit_says_so() {
    let text = slide(50, 12, None, Some("japan-q3-61.9bn"), "");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("This slide needs 56×") && words.contains("the terminal is 50×12"),
        "{text}"
    );
    insta::assert_snapshot!(text);
    // Wide enough but too low: the width is fine, the height is not.
    let text = slide(100, 12, None, Some("japan-q3-61.9bn"), "");
    assert!(text.contains("; the terminal is 100×12."), "{text}");
    assert!(text.contains("This slide needs 100×"), "{text}");
}

#[test]
fn every_slide_draws_at_both_sizes_without_cutting() {
    let n_slides = base().shared.deck.len();
    for n in 1..=n_slides {
        for (w, h) in [(80, 24), (160, 48)] {
            let text = slide(w, h, None, None, &format!("{n}G"));
            assert!(
                text.contains(&format!("{n} / {n_slides}")),
                "slide {n} at {w}×{h} shows its footer:\n{text}"
            );
            assert!(
                !text.contains("This slide needs"),
                "slide {n} fits {w}×{h}:\n{text}"
            );
        }
    }
}

// ----- keys ------------------------------------------------------------------

#[test]
fn the_deck_has_a_title_slide_per_section_then_its_claims() {
    let a = presenting();
    let sections = a.shared.case.article.sections.len();
    assert_eq!(
        a.shared.deck.len(),
        sections + a.shared.case.evaluations.len()
    );
    assert_eq!(a.shared.deck.slides[0], Slide::Section(0));
    let Slide::Claim(c) = a.shared.deck.slides[1] else {
        panic!("second slide is a claim: {:?}", a.shared.deck.slides[1]);
    };
    assert_eq!(
        a.shared.case.evaluations[c].section,
        a.shared.case.article.sections[0].id
    );
}

#[test]
fn next_previous_first_last_and_numbers() {
    let mut a = presenting();
    a.start_presentation(Start::First).unwrap();
    assert_eq!(slide_index(&a), 0);
    let last = a.shared.deck.len() - 1;
    for k in ["l", "j", "<Right>", "<Space>", "<PgDn>"] {
        let before = slide_index(&a);
        press(&mut a, k);
        assert_eq!(slide_index(&a), before + 1, "{k} goes to the next slide");
    }
    for k in ["h", "k", "<Left>", "<PgUp>"] {
        let before = slide_index(&a);
        press(&mut a, k);
        assert_eq!(
            slide_index(&a),
            before - 1,
            "{k} goes to the previous slide"
        );
    }
    press(&mut a, "G");
    assert_eq!(slide_index(&a), last, "G: last slide");
    press(&mut a, "l");
    assert_eq!(slide_index(&a), last, "stays on the last slide");
    press(&mut a, "g");
    assert_eq!(slide_index(&a), last, "one g waits for the second");
    press(&mut a, "g");
    assert_eq!(slide_index(&a), 0, "gg: first slide");
    press(&mut a, "h");
    assert_eq!(slide_index(&a), 0, "stays on the first slide");
    press(&mut a, "12G");
    assert_eq!(slide_index(&a), 11, "12G: slide 12");
    press(&mut a, "3gg");
    assert_eq!(slide_index(&a), 2, "3gg: slide 3");
    press(&mut a, "999G");
    assert_eq!(slide_index(&a), last, "past the end: the last slide");
    press(&mut a, "5lG");
    assert_eq!(slide_index(&a), last, "a count is dropped by other keys");
    press(&mut a, "<Home>");
    assert_eq!(slide_index(&a), 0);
}

#[test]
fn q_returns_to_the_explorer_at_the_slides_claim() {
    let mut a = presenting();
    a.select_claim_id("japan-q3-61.9bn").unwrap();
    let start = a.selection.claim;
    press(&mut a, "p");
    let (_, s) = a.current_slide().expect("presenting");
    assert_eq!(
        s,
        Slide::Claim(start.unwrap()),
        "p starts at the selected claim"
    );
    press(&mut a, "ll");
    let Some((_, Slide::Claim(c))) = a.current_slide() else {
        panic!("two slides on is a claim");
    };
    press(&mut a, "q");
    assert!(!a.presenting(), "q leaves presentation mode");
    assert!(!a.quit, "q does not quit from a slide");
    assert_eq!(
        a.selection.claim,
        Some(c),
        "the explorer is at the slide's claim"
    );
    assert_eq!(
        a.shared.case.article.sections[a.selection.section].id,
        a.shared.case.evaluations[c].section
    );
    // Esc works too, and a section's title slide selects that section.
    press(&mut a, "p");
    press(&mut a, "5G<Esc>");
    assert!(!a.presenting());
    match a.shared.deck.slides[4] {
        Slide::Section(s) => assert_eq!(a.selection.section, s),
        Slide::Claim(c) => assert_eq!(a.selection.claim, Some(c)),
    }
}

#[test]
fn the_index_picks_a_slide() {
    let mut a = presenting();
    a.start_presentation(Start::Section("2".into())).unwrap();
    let at = slide_index(&a);
    press(&mut a, "i");
    assert_eq!(a.slide_index(), Some(at));
    press(&mut a, "jjj");
    assert_eq!(slide_index(&a), at, "moving in the index keeps the slide");
    press(&mut a, "<Enter>");
    assert_eq!(slide_index(&a), at + 3);
    assert_eq!(a.slide_index(), None, "Enter closes the index");
    press(&mut a, "ij<Esc>");
    assert_eq!(slide_index(&a), at + 3, "Esc closes without moving");
    assert!(a.presenting(), "and stays in presentation mode");
}

#[test]
fn help_opens_over_the_slides_and_lists_presentation_keys_first() {
    let mut a = presenting();
    a.start_presentation(Start::First).unwrap();
    press(&mut a, "?");
    assert!(a.help_open());
    let text = claimlens::tui::render_text(&a, 100, 30);
    let first_block = text.lines().nth(2).unwrap_or_default();
    assert!(first_block.contains("Presentation"), "{text}");
    press(&mut a, "l");
    assert_eq!(slide_index(&a), 0, "keys do not leak through the help");
    press(&mut a, "<Esc>");
    assert!(!a.help_open() && a.presenting());
    a.press(Key::Ctrl('c'));
    assert!(a.quit, "Ctrl-c quits from a slide");
}

#[test]
fn unknown_start_is_an_error() {
    let mut a = presenting();
    assert!(a.start_presentation(Start::Claim("nope".into())).is_err());
    assert!(a.start_presentation(Start::Section("99".into())).is_err());
    assert!(!a.presenting());
}

#[test]
fn e_exports_the_claim_under_fresh_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = presenting();
    a.shared.export_dir = dir.path().to_path_buf();
    a.select_claim_id("japan-q3-61.9bn").unwrap();
    press(&mut a, "e");
    let csv = dir.path().join("claimlens-japan-q3-61.9bn.csv");
    let svg = dir.path().join("claimlens-japan-q3-61.9bn.svg");
    assert!(csv.is_file() && svg.is_file());
    let status = a.status.clone().expect("a status message");
    assert!(status.contains(&csv.display().to_string()), "{status}");
    assert!(status.contains(&svg.display().to_string()), "{status}");
    let text = claimlens::tui::render_text(&a, 160, 48);
    assert!(text.lines().last().unwrap().contains("Exported"), "{text}");
    let first = std::fs::read_to_string(&csv).unwrap();
    assert!(first.lines().count() > 1, "the evidence rows: {first}");
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    // Again: nothing is overwritten.
    press(&mut a, "e");
    assert!(dir.path().join("claimlens-japan-q3-61.9bn-2.csv").is_file());
    assert!(dir.path().join("claimlens-japan-q3-61.9bn-2.svg").is_file());
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), first);
    // The next key clears the message.
    press(&mut a, "j");
    assert!(a.status.is_none());
}

#[test]
fn data_claims_only_skips_opinion_slides_and_comes_back() {
    let mut a = presenting();
    a.start_presentation(claimlens::tui::Start::First).unwrap();
    let all = a.shared.deck.len();
    let opinions = a
        .shared
        .case
        .evaluations
        .iter()
        .filter(|e| e.verdict.as_str() == "not a data claim")
        .count();
    assert_eq!(
        opinions, 9,
        "the bundled article has 9 opinion or rhetoric claims"
    );
    // A section left with no data claim loses its title slide too.
    let case = &a.shared.case;
    let emptied = case
        .article
        .sections
        .iter()
        .filter(|s| {
            case.claims_of(&s.id)
                .all(|e| e.verdict.as_str() == "not a data claim")
        })
        .count();
    assert!(
        emptied >= 1,
        "a section of the bundled article has only opinions"
    );
    press(&mut a, "D");
    assert_eq!(a.shared.deck.len(), all - opinions - emptied);
    for s in a.shared.deck.slides.iter() {
        if let claimlens::tui::Slide::Claim(c) = s {
            assert_ne!(
                a.shared.case.evaluations[*c].verdict.as_str(),
                "not a data claim"
            );
        }
    }
    press(&mut a, "D");
    assert_eq!(a.shared.deck.len(), all);
}

#[test]
fn every_slide_fits_the_smallest_explorer_size() {
    // The explorer accepts 60×20: so does every slide (a chart gives way to a line saying so).
    let n = {
        let mut a = presenting();
        a.start_presentation(claimlens::tui::Start::First).unwrap();
        a.shared.deck.len()
    };
    for i in 1..=n {
        let text = slide(60, 20, None, None, &format!("{i}G"));
        assert!(!text.contains("This slide needs"), "slide {i}:\n{text}");
    }
}

#[test]
fn rank_captions_wrap_and_multi_entity_slides_show_each_number() {
    let text = slide(80, 24, None, Some("japan-q3-record"), "");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("rank 1 of 191"), "{text}");
    // Japan -62.4 and China -51.3 USD bn in 2024-Q3 (slt_table3, June 2026 release).
    let text = slide(80, 30, None, Some("japan-china-113bn"), "");
    assert!(
        text.contains("Each today: Japan -62.4 · China, Mainland -51.3 (USD bn)"),
        "{text}"
    );
}

#[test]
fn charts_label_zero_and_the_claimed_line() {
    // Net purchases cross zero: a round tick at 0 is labelled on the y axis.
    let text = slide(80, 24, None, Some("japan-china-113bn"), "");
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("│0 ")),
        "a labelled zero tick: {text}"
    );
    // A level claim: the claimed value's line carries its number, and the legend sits in
    // the frame's edge (not over the data).
    let text = slide(160, 48, None, Some("japan-holdings-1.1tn"), "");
    assert!(text.contains("▄ claimed 1,100.0 USD bn ▄"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("└ ⣿ Japan")),
        "{text}"
    );
    // A claim over a span of days shows that window with context, in ISO dates.
    let text = slide(100, 34, None, Some("stocks-lost-5tn"), "");
    assert!(
        text.contains("2025-02-13") && text.contains("2025-03-20"),
        "{text}"
    );
}
