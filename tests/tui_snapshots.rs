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
    // Section 2's first claim is about Japan's holdings; Tab×3 focuses the browser, c opens the chart.
    insta::assert_snapshot!(screen(160, 48, Some("2"), Some("<Tab><Tab><Tab>c")));
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

/// Month names in the `Apr 26` style (ambiguous: a day or a year?).
fn old_style_month(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let chars: Vec<char> = text.chars().collect();
    for m in MONTHS {
        let pat: Vec<char> = format!("{m} ").chars().collect();
        for i in 0..chars.len().saturating_sub(pat.len() + 2) {
            let j = i + pat.len();
            if chars[i..j] == pat[..]
                && chars[j].is_ascii_digit()
                && chars[j + 1].is_ascii_digit()
                && !chars.get(j + 2).is_some_and(|c| c.is_ascii_digit())
            {
                return Some(chars[i..j + 2].iter().collect());
            }
        }
    }
    None
}

/// The browser rows' names (the cells after `││` and the claim mark), in screen order.
fn browser_names(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            // The browser is the right-hand pane (focused: a double frame).
            l.split("│║").nth(1).or_else(|| l.split("││").nth(1))
        })
        .filter(|cell| cell.contains(" USD") || cell.chars().any(|c| c.is_ascii_digit()))
        .map(|cell| {
            let name: String = cell.chars().skip(1).collect();
            let end = name.find("  ").unwrap_or(name.len());
            name[..end].trim().to_string()
        })
        .collect()
}

fn readable_at(width: u16, height: u16) -> String {
    let keys = "<Tab><Tab><Tab>a/which<Enter>";
    let text = screen(width, height, Some("2"), Some(keys));
    let header = text.lines().next().unwrap();
    assert!(
        header.ends_with("◐ partly"),
        "the verdict stays in the header at {width}×{height}: {header}"
    );
    assert_eq!(old_style_month(&text), None, "ISO months only: {text}");
    // The memo rows keep distinct names (no `Of Which: Foreign…` twice).
    let names: Vec<String> = browser_names(&text)
        .into_iter()
        .filter(|n| n.contains("fficial") || n.contains("rivate"))
        .collect();
    assert!(
        names.len() >= 2,
        "the memo rows are on screen: {names:?}\n{text}"
    );
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}\n{text}");
    assert!(!text.contains("Of Which: Foreign…"), "{text}");
    // One number format: thousands separators on values of 1,000 or more.
    assert!(text.contains("3,803.8"), "{text}");
    text
}

#[test]
fn readable_60x20() {
    insta::assert_snapshot!(readable_at(60, 20));
}

#[test]
fn readable_80x24() {
    insta::assert_snapshot!(readable_at(80, 24));
}

#[test]
fn readable_160x48() {
    insta::assert_snapshot!(readable_at(160, 48));
}

#[test]
fn readable_220x60() {
    insta::assert_snapshot!(readable_at(220, 60));
}

#[test]
fn old_style_months_are_caught() {
    assert_eq!(old_style_month("last Apr 26 · x"), Some("Apr 26".into()));
    assert_eq!(old_style_month("2026-04 and Apr 2026"), None);
}

#[test]
fn enter_on_a_browser_cell_shows_where_it_comes_from() {
    // Section 3: Japan's net purchases, 2024-09 selected (read by hand from slt_table3.txt:
    // -29,136 USD millions in the June 2026 release).
    let text = screen(120, 40, Some("3"), Some("<Tab><Tab><Tab><Enter>"));
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("as published -29136 USD millions"), "{text}");
    assert!(words.contains("shown as -29.1 USD bn"), "{text}");
    assert!(words.contains("released 2026-06"), "{text}");
    assert!(
        words.contains("publisher US Treasury, TIC SLT Table 3"),
        "{text}"
    );
    assert!(words.contains("file slt_table3.txt"), "{text}");
    assert!(
        text.contains("japan-q3-61.9bn"),
        "claims that use it: {text}"
    );
    // Esc closes it.
    let closed = screen(120, 40, Some("3"), Some("<Tab><Tab><Tab><Enter><Esc>"));
    assert!(!closed.contains("Where the numbers come from"), "{closed}");
}

#[test]
fn enter_on_the_claim_card_lists_each_evidence_value_with_its_vintages() {
    // Japan's holdings in 2025-01: 1079.3 in mfhhis01 (2026-05-18), also published 2026-03-18.
    let text = screen(160, 48, Some("2"), Some("<Tab><Tab><Enter>"));
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("as published 1079.3 USD billions"), "{text}");
    assert!(words.contains("released 2026-05-18"), "{text}");
    assert!(
        words.contains("released 2026-03-18"),
        "other vintages: {text}"
    );
}

#[test]
fn a_claim_without_country_series_says_so_in_the_browser() {
    // Section 4's first claim is about the 10-year yield: no country × month view.
    let text = screen(160, 48, Some("4"), None);
    assert!(
        text.contains("No country series for: 10-year Treasury yield"),
        "{text}"
    );
}

#[test]
fn ascii_keeps_distinct_symbols_and_no_color_marks_the_focus() {
    use claimlens::tui::Options;
    let base = tui_fixture::app();
    let app = App::new(
        base.shared.ds.clone(),
        base.shared.case.clone(),
        Options {
            ascii: true,
            mouse: true,
            color: false,
            ..Options::default()
        },
    );
    let text = with_app(app, 80, 24, "");
    assert!(text.is_ascii(), "{text}");
    // Truncation is `_`; no verdict uses `~` (partly is `%`).
    assert!(text.contains("_#") || text.contains("_|"), "{text}");
    for l in text.lines() {
        assert!(
            !l.contains("~|") && !l.contains("~#"),
            "a `~` used as truncation: {l}"
        );
    }
    assert!(text.contains("%  2."), "section 2's partly mark: {text}");
    // Without colour the focused pane has its own frame and a marked title.
    assert!(text.contains("#>> Sections ="), "{text}");
}
