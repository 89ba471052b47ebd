//! The browser's bloc view (`b`) and the share chart (`w`): values against the
//! members' published figures, expand/collapse, sort, filter, and snapshots at
//! 60×20, 80×24, 160×48 and 220×60.
//!
//! Re-accept after reviewing: INSTA_UPDATE=always cargo test --test tui_blocs

mod tui_fixture;

use claimlens::data::Period;
use claimlens::tui::{App, RenderSpec, render_spec};

fn screen(width: u16, height: u16, keys: &str) -> String {
    let spec = RenderSpec {
        width,
        height,
        section: None,
        claim: None,
        keys: Some(keys.into()),
        present: false,
    };
    render_spec(tui_fixture::app(), &spec).expect("renders")
}

fn press(app: &mut App, keys: &str) {
    for k in claimlens::tui::parse_keys(keys).unwrap() {
        app.press(k);
    }
}

/// The bundled app at 160×48 with the browser focused and the bloc view on.
fn bloc_app() -> App {
    let mut app = tui_fixture::app();
    app.update_size(160, 48);
    press(&mut app, "<Tab><Tab><Tab>b");
    app
}

trait Size {
    fn update_size(&mut self, w: u16, h: u16);
}

impl Size for App {
    fn update_size(&mut self, w: u16, h: u16) {
        claimlens::tui::update(
            self,
            claimlens::tui::Action::Resize {
                width: w,
                height: h,
            },
        );
    }
}

#[test]
fn g7_row_is_the_sum_of_its_members_with_coverage() {
    let mut app = bloc_app();
    let g7 = app.rows().grid().row_of("bloc:G7").expect("a G7 row");
    let col = app.rows().grid().col_of(&Period::month(2024, 1)).unwrap();
    // Read by eye from mfhhis01_20260518.txt, January 2024: Japan 1140.6, United
    // Kingdom 701.8, Canada 351.3, France 256.4, Germany 94.5, Italy 45.3.
    let want = 1140.6 + 701.8 + 351.3 + 256.4 + 94.5 + 45.3;
    let got = app.rows().grid().value(g7, col).unwrap();
    assert!((got - want).abs() < 1e-6, "{got} vs {want}");
    let view = app.rows().bloc_view().unwrap();
    let cell = view.bloc_cell(g7, col).unwrap();
    assert_eq!(cell.coverage(), (6, 7));
    assert_eq!(cell.missing, ["United States"]);

    // Enter on the G7 row shows its members; their values add up to the bloc's.
    let row = app.rows().visible().iter().position(|&r| r == g7).unwrap();
    app.select_cell(row, col);
    press(&mut app, "<Enter>");
    assert!(app.sources().is_none(), "Enter on a bloc row expands it");
    let g7 = app.rows().grid().row_of("bloc:G7").unwrap();
    let members: Vec<&str> = app.rows().grid().rows[g7 + 1..g7 + 8]
        .iter()
        .map(|r| r.entity.as_str())
        .collect();
    for m in [
        "Japan",
        "United Kingdom",
        "Canada",
        "France",
        "Germany",
        "Italy",
        "United States",
    ] {
        assert!(members.contains(&m), "{m} in {members:?}");
    }
    let sum: f64 = (g7 + 1..g7 + 8)
        .filter_map(|r| app.rows().grid().value(r, col))
        .sum();
    assert!((sum - want).abs() < 1e-6, "{sum}");
    // The United States is shown without a value, never as zero.
    let us = app.rows().grid().row_of("United States").unwrap();
    assert_eq!(app.rows().grid().value(us, col), None);
    // The text on screen: the coverage column and the missing member in the footer.
    let text = claimlens::tui::render_text(&app, 160, 48);
    assert!(
        text.lines()
            .any(|l| l.contains("║ - G7 ") && l.contains(" 6/7  2,589.9")),
        "{text}"
    );
    assert!(
        text.contains("G7 · 2024-01 · 2,589.9 USD bn · sum of 6/7 members"),
        "{text}"
    );
    // Enter again collapses.
    press(&mut app, "<Enter>");
    assert!(app.rows().grid().row_of("United States").is_none());
}

#[test]
fn filter_and_sort_work_in_the_bloc_view() {
    let mut app = bloc_app();
    press(&mut app, "/brics<Enter>");
    let names: Vec<&str> = app
        .rows()
        .visible()
        .iter()
        .map(|&r| app.rows().grid().rows[r].entity.as_str())
        .collect();
    assert_eq!(names, ["bloc:BRICS+", "bloc:BRICS"]);
    // A member's name finds its blocs.
    press(&mut app, "/<Bksp><Bksp><Bksp><Bksp><Bksp>cayman<Enter>");
    let names: Vec<&str> = app
        .rows()
        .visible()
        .iter()
        .map(|&r| app.rows().grid().rows[r].entity.as_str())
        .collect();
    assert_eq!(names, ["bloc:Custodial"]);
    press(&mut app, "/<Bksp><Bksp><Bksp><Bksp><Bksp><Bksp><Enter>");
    assert_eq!(app.rows().visible().len(), app.shared.blocs.blocs.len());
    // s: ascending by the selected month; the smallest bloc with a value comes first.
    press(&mut app, "s");
    let col = app.rows().sel_col();
    let vals: Vec<f64> = app
        .rows()
        .visible()
        .iter()
        .filter_map(|&r| app.rows().grid().value(r, col))
        .collect();
    assert!(vals.windows(2).all(|w| w[0] <= w[1]), "{vals:?}");
    // b again: back to countries, with the same month selected.
    let month = app.rows().grid().months[app.rows().sel_col()];
    press(&mut app, "b");
    assert!(app.rows().bloc_view().is_none());
    assert!(app.rows().grid().row_of("Japan").is_some());
    assert_eq!(app.rows().grid().months[app.rows().sel_col()], month);
}

#[test]
fn custodial_rows_carry_the_caveat() {
    let mut app = bloc_app();
    press(&mut app, "/custodial<Enter>");
    let text = claimlens::tui::render_text(&app, 160, 48);
    assert!(
        text.contains("13 custodial centres: TIC records the custodian's country"),
        "{text}"
    );
    // In the country view too, when the selected country is a custodial centre.
    let mut app = tui_fixture::app();
    app.update_size(160, 48);
    press(&mut app, "<Tab><Tab><Tab>/cayman<Enter>");
    let text = claimlens::tui::render_text(&app, 160, 48);
    assert!(
        text.contains("Cayman Islands is a custodial centre: TIC records the cust"),
        "{text}"
    );
}

#[test]
fn share_chart_opens_and_closes() {
    let mut app = tui_fixture::app();
    app.update_size(80, 24);
    press(&mut app, "w");
    assert!(app.share_chart_open());
    let text = claimlens::tui::render_text(&app, 80, 24);
    assert!(text.contains("Who holds the debt"), "{text}");
    assert!(text.contains("G7 "), "{text}");
    // Up/down keep the share chart (and leave the browser underneath alone).
    press(&mut app, "j");
    assert!(app.share_chart_open());
    press(&mut app, "<Esc>");
    assert!(!app.share_chart_open() && app.chart().is_none());
    press(&mut app, "ww");
    assert!(!app.share_chart_open());
}

#[test]
fn tab_over_the_share_chart_leaves_the_hidden_panes_alone() {
    let mut app = tui_fixture::app();
    app.update_size(80, 24);
    let before = app.focus;
    press(&mut app, "w<Tab><Tab><S-Tab>");
    assert!(app.share_chart_open());
    assert_eq!(app.focus, before, "focus moved under the chart");
    let text = claimlens::tui::render_text(&app, 80, 24);
    let bar = text.lines().last().unwrap_or("");
    assert!(
        bar.contains("Share chart") && !bar.contains("pane"),
        "{bar}"
    );
    press(&mut app, "<Esc><Tab>");
    assert_ne!(
        app.focus, before,
        "Tab moves the focus again once the chart is closed"
    );
}

#[test]
fn share_chart_too_small_says_so() {
    let text = screen(60, 20, "w");
    assert!(!text.contains("Too small"), "60×20 fits:\n{text}");
    let spec = RenderSpec {
        width: 70,
        height: 14,
        section: None,
        claim: None,
        keys: Some("w".into()),
        present: false,
    };
    let text = render_spec(tui_fixture::app(), &spec).unwrap();
    assert!(
        text.contains("Too small for the share chart") || text.contains("too small"),
        "{text}"
    );
}

// Snapshots: the bloc view with the G7 expanded, and the share chart.

const BLOCS_KEYS: &str = "<Tab><Tab><Tab>b/g7<Enter>j<Enter>";

#[test]
fn bloc_view_60x20() {
    insta::assert_snapshot!(screen(60, 20, BLOCS_KEYS));
}

#[test]
fn bloc_view_80x24() {
    insta::assert_snapshot!(screen(80, 24, BLOCS_KEYS));
}

#[test]
fn bloc_view_160x48() {
    insta::assert_snapshot!(screen(160, 48, BLOCS_KEYS));
}

#[test]
fn bloc_view_220x60() {
    insta::assert_snapshot!(screen(220, 60, BLOCS_KEYS));
}

#[test]
fn share_chart_60x20() {
    insta::assert_snapshot!(screen(60, 20, "w"));
}

#[test]
fn share_chart_80x24() {
    insta::assert_snapshot!(screen(80, 24, "w"));
}

#[test]
fn share_chart_160x48() {
    insta::assert_snapshot!(screen(160, 48, "<Tab><Tab><Tab>bw"));
}

#[test]
fn share_chart_220x60() {
    insta::assert_snapshot!(screen(220, 60, "w"));
}

#[test]
fn a_blocs_chart_says_its_arrows_step_through_blocs() {
    let mut app = bloc_app();
    press(&mut app, "c");
    assert!(app.chart().is_some_and(|d| d.starts_with("bloc:")));
    let text = claimlens::tui::render_text(&app, 160, 48);
    let bar = text.lines().last().unwrap_or("");
    assert!(bar.contains("bloc") && !bar.contains("country"), "{bar}");
    // A country's chart keeps its word.
    let mut app = tui_fixture::app();
    app.update_size(160, 48);
    press(&mut app, "<Tab><Tab><Tab>c");
    let text = claimlens::tui::render_text(&app, 160, 48);
    let bar = text.lines().last().unwrap_or("");
    assert!(bar.contains("country"), "{bar}");
}
