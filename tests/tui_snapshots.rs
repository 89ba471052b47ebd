//! Screens of the TUI, drawn headless with ratatui's TestBackend (the same draw
//! code as the terminal) and compared with the snapshots in tests/snapshots/.
//!
//! After the data or the claims change, review and re-accept with:
//!     INSTA_UPDATE=always cargo test --test tui_snapshots
//! then read the changed tests/snapshots/*.snap files (git diff) before committing.

mod tui_fixture;

use claimlens::tui::{App, RenderSpec, render_spec};

fn screen(width: u16, height: u16, section: Option<&str>, keys: Option<&str>) -> String {
    let spec = RenderSpec {
        width,
        height,
        section: section.map(str::to_string),
        claim: None,
        keys: keys.map(str::to_string),
        present: false,
    };
    render_spec(tui_fixture::app(), &spec).expect("renders")
}

fn with_app(app: App, width: u16, height: u16, keys: &str) -> String {
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

#[test]
fn main_80x24_section_3() {
    insta::assert_snapshot!(screen(80, 24, Some("3"), None));
}

#[test]
fn main_160x48_section_3() {
    insta::assert_snapshot!(screen(160, 48, Some("3"), None));
}

#[test]
fn main_160x48_section_2() {
    insta::assert_snapshot!(screen(160, 48, Some("2"), None));
}

#[test]
fn main_80x24_key_takeaways() {
    insta::assert_snapshot!(screen(80, 24, Some("key-takeaways"), None));
}

#[test]
fn help_overlay_160x48() {
    insta::assert_snapshot!(screen(160, 48, None, Some("?")));
}

#[test]
fn help_overlay_80x24() {
    insta::assert_snapshot!(screen(80, 24, None, Some("?")));
}

#[test]
fn drill_down_160x48() {
    // Section 2's first claim is about Japan's holdings; Tab×3 focuses the browser.
    insta::assert_snapshot!(screen(160, 48, Some("2"), Some("<Tab><Tab><Tab><Enter>")));
}

#[test]
fn browser_sorted_and_filtered_160x48() {
    // Browser: net purchases (m), sort ascending by the selected month (s), filter "an" kept.
    insta::assert_snapshot!(screen(
        160,
        48,
        Some("1"),
        Some("<Tab><Tab><Tab>ms/an<Enter>")
    ));
}

#[test]
fn browser_fixture_sorted_desc_filtered_100x30() {
    // Values from the test fixture, independent of the bundled data.
    insta::assert_snapshot!(with_app(
        tui_fixture::fixture_app(),
        100,
        30,
        "<Tab><Tab><Tab>S/a<Enter>"
    ));
}

#[test]
fn too_small_message() {
    let text = screen(50, 12, None, None);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("enlarge the terminal (need 60×20, have 50×12)"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}
