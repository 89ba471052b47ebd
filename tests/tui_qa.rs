//! Findings of a quality pass over the bloc view, the share chart, draft review
//! and the help overlay: each test pins one fix.

mod tui_fixture;

use claimlens::tui::{Action, App};

fn press(app: &mut App, keys: &str) {
    for k in claimlens::tui::parse_keys(keys).unwrap() {
        app.press(k);
    }
}

fn sized(w: u16, h: u16) -> App {
    let mut app = tui_fixture::app();
    claimlens::tui::update(
        &mut app,
        Action::Resize {
            width: w,
            height: h,
        },
    );
    app
}

/// The last line of the screen: the bottom bar.
fn bar(app: &App, w: u16, h: u16) -> String {
    let text = claimlens::tui::render_text(app, w, h);
    text.lines().last().unwrap_or_default().to_string()
}

#[test]
fn share_chart_lists_and_obeys_only_its_own_keys() {
    let mut app = sized(160, 48);
    press(&mut app, "<Tab><Tab><Tab>b");
    let (row, zoom, measure) = (app.rows().sel_row(), app.zoom(), app.rows().grid().measure);
    press(&mut app, "w");
    let line = bar(&app, 160, 48);
    assert!(line.contains("Esc back"), "{line}");
    for dead in ["zoom", "measure", "country"] {
        assert!(
            !line.contains(dead),
            "{dead} in the share chart's bar: {line}"
        );
    }
    // Keys of the screens underneath do nothing while the chart is open.
    press(&mut app, "jj+m");
    assert!(app.share_chart_open());
    assert_eq!(
        (app.rows().sel_row(), app.zoom(), app.rows().grid().measure),
        (row, zoom, measure)
    );
    press(&mut app, "<Bksp>");
    assert!(!app.share_chart_open());
    // The help has the chart's own block.
    press(&mut app, "w?");
    let text = claimlens::tui::render_text(&app, 160, 48);
    assert!(text.contains("Share chart"), "{text}");
}

/// The screen cell (x, y) where `needle` starts.
fn find(app: &App, w: u16, h: u16, needle: &str) -> (u16, u16) {
    let text = claimlens::tui::render_text(app, w, h);
    for (y, line) in text.lines().enumerate() {
        if let Some(i) = line.find(needle) {
            let x = line[..i].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{text}");
}

fn click(app: &mut App, (x, y): (u16, u16)) {
    claimlens::tui::update(app, Action::Click { x, y });
}

#[test]
fn enter_on_a_bloc_row_is_named_members_and_a_second_click_expands() {
    let mut app = sized(160, 48);
    press(&mut app, "<Tab><Tab><Tab>b");
    let line = bar(&app, 160, 48);
    assert!(line.contains("Enter members"), "{line}");
    assert!(!line.contains("Enter source"), "{line}");

    // The first click on the G7's name selects the row; a second shows its members.
    let at = find(&app, 160, 48, "+ G7 ");
    click(&mut app, at);
    let g7 = app.rows().grid().row_of("bloc:G7").unwrap();
    assert_eq!(app.row(), Some(g7));
    assert_eq!(
        app.rows().grid().rows.len(),
        app.shared.blocs.blocs.len(),
        "not expanded yet"
    );
    click(&mut app, at);
    assert!(
        app.rows().grid().row_of("Japan").is_some(),
        "the second click shows the G7's members"
    );
    assert_eq!(
        app.row(),
        app.rows().grid().row_of("bloc:G7"),
        "the bloc stays selected"
    );
    // On a member's row Enter is the value's source again.
    press(&mut app, "j");
    let line = bar(&app, 160, 48);
    assert!(line.contains("Enter source"), "{line}");
    // Clicking the expanded bloc again hides its members.
    press(&mut app, "k");
    let at = find(&app, 160, 48, "- G7 ");
    click(&mut app, at);
    assert!(app.rows().grid().row_of("Japan").is_none(), "hidden again");
}

#[test]
fn esc_takes_back_the_question_to_quit() {
    use claimlens::data::Dataset;
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new("tests/fixtures/case_review");
    for f in ["article.md", "claims.toml"] {
        std::fs::copy(fixture.join(f), dir.path().join(f)).unwrap();
    }
    let ds = Dataset::embedded().unwrap();
    let (case, review) = claimlens::draft::review::open(&ds, dir.path()).unwrap();
    let mut app = App::new(
        Arc::new(ds),
        Arc::new(case),
        claimlens::tui::Options::default(),
    );
    app.review = review.map(claimlens::tui::review::State::new);
    press(&mut app, "Aq");
    assert!(!app.quit);
    assert!(app.review.as_ref().unwrap().quit_asked);
    press(&mut app, "<Esc>");
    assert!(
        !app.review.as_ref().unwrap().quit_asked,
        "Esc takes it back"
    );
    let status = app.status.clone().unwrap_or_default();
    assert_eq!(
        status,
        "Not quitting: 1 decision still not written (W writes)."
    );
    // The next q asks again rather than quitting without writing.
    press(&mut app, "q");
    assert!(!app.quit, "q after Esc asks again");
}

#[test]
fn help_and_sources_stop_scrolling_at_their_last_line() {
    let mut app = sized(80, 24);
    press(&mut app, "?");
    press(&mut app, &"j".repeat(400));
    let bottom = claimlens::tui::render_text(&app, 80, 24);
    // One key up moves the text at once (no presses wasted past the end).
    press(&mut app, "k");
    let up = claimlens::tui::render_text(&app, 80, 24);
    assert_ne!(bottom, up, "k scrolls back from the bottom at once");
    // The bottom shows the help's last line (the last mark), not an empty box.
    assert!(bottom.contains("text cut for want of room"), "{bottom}");

    let mut app = sized(80, 24);
    press(&mut app, "<Tab><Tab><Tab><Enter>");
    assert!(app.sources().is_some());
    // A record that fits does not scroll off into an empty box.
    press(&mut app, &"j".repeat(400));
    assert_eq!(app.sources().map(|s| s.scroll()), Some(0));
    let text = claimlens::tui::render_text(&app, 80, 24);
    assert!(text.contains("as published"), "{text}");
}

#[test]
fn a_bloc_sum_that_jumps_because_other_members_are_listed_is_no_large_move() {
    let mut app = sized(220, 60);
    press(&mut app, "<Tab><Tab><Tab>b");
    let eu = app.rows().grid().row_of("bloc:EU").unwrap();
    let view = app.rows().bloc_view().unwrap();
    // Find a month whose listed members differ from the month before's.
    let cols = app.rows().grid().months.len();
    let c = (1..cols)
        .find(
            |&c| match (view.bloc_cell(eu, c - 1), view.bloc_cell(eu, c)) {
                (Some(a), Some(b)) => a.present != b.present,
                _ => false,
            },
        )
        .expect("the EU's listed members change in some month");
    let before = view.bloc_cell(eu, c - 1).unwrap().coverage();
    assert!(app.rows().members_changed(eu, c).is_some());
    // No ▲/▼ after that month's value, whatever the raw grid says.
    let row = app.rows().visible().iter().position(|&r| r == eu).unwrap();
    app.select_cell(row, c);
    let text = claimlens::tui::render_text(&app, 220, 60);
    let value = claimlens::format::group(app.rows().grid().value(eu, c).unwrap(), 1);
    let line = text.lines().find(|l| l.contains("+ EU ")).unwrap();
    assert!(line.contains(&value), "{value} in {line}");
    assert!(
        !line.contains(&format!("{value}▼")) && !line.contains(&format!("{value}▲")),
        "{line}"
    );
    // The selected cell's line says why the sums do not compare.
    let want = format!(
        "({}/{} in {}: not comparable)",
        before.0,
        before.1,
        claimlens::format::period(&app.rows().grid().months[c - 1])
    );
    assert!(text.contains(&want), "{want}:\n{text}");
}

#[test]
fn a_long_status_ends_in_an_ellipsis() {
    let mut app = sized(60, 20);
    app.status = Some(
        "Wrote 3 decisions to /a/rather/long/folder/name/for/the/case/claims.toml (backup kept)."
            .into(),
    );
    let line = bar(&app, 60, 20);
    assert!(line.trim_end().ends_with('…'), "{line}");
    assert!(line.contains(" Status  Wrote 3 decisions"), "{line}");
}

#[test]
fn a_data_claim_without_values_is_not_said_to_name_no_series() {
    let mut app = sized(120, 40);
    // The first claim, an opinion with no series (the explorer opens on the first data claim).
    claimlens::tui::update(&mut app, Action::First);
    let text = claimlens::tui::render_text(&app, 120, 40);
    assert!(
        text.contains("The selected claim names no series."),
        "{text}"
    );
    // The same claim as a data claim whose series gave nothing (no series, no evidence).
    let i = app.selection.claim.unwrap();
    let case = std::sync::Arc::make_mut(&mut app.shared.case);
    case.evaluations[i].check = "level".into();
    let text = claimlens::tui::render_text(&app, 120, 40);
    assert!(!text.contains("names no series"), "{text}");
    assert!(
        text.contains("The claim's series gave no values."),
        "{text}"
    );
}

#[test]
fn share_chart_notes_wrap_into_the_rows_left_over() {
    // At 60×20 two rows are left below the notes: the first note uses them.
    let mut app = sized(60, 20);
    press(&mut app, "w");
    let text = claimlens::tui::render_text(&app, 60, 20);
    assert!(text.contains("members, last month;"), "{text}");
    assert!(text.contains("* custodial centres"), "{text}");
    // Every note line stays inside the frame.
    for l in text.lines() {
        assert!(l.chars().count() <= 60, "{l}");
    }
}

#[test]
fn claims_using_a_cell_end_in_an_ellipsis_when_they_do_not_fit() {
    // Japan's row is used by several claims; at 60×20 they cannot all be listed.
    let mut app = sized(60, 20);
    press(&mut app, "]]]]]<Tab><Tab><Tab>");
    let text = claimlens::tui::render_text(&app, 60, 20);
    let line = text
        .lines()
        .find(|l| l.contains("used by: "))
        .unwrap_or_else(|| panic!("no 'used by' line:\n{text}"));
    let inner = line.trim_end_matches('│').trim_end_matches('║');
    let used = &inner[inner.find("used by: ").unwrap()..];
    // Either every id is whole or the list ends in the ellipsis.
    let ids: Vec<String> = app
        .shared
        .case
        .evaluations
        .iter()
        .map(|e| e.id.clone())
        .collect();
    let last = used
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap()
        .trim_end_matches(',');
    assert!(
        last.ends_with('…') || ids.iter().any(|i| i == last),
        "{last:?} cut mid-id in {used:?}"
    );
}

#[test]
fn aggregates_key_is_not_offered_in_the_bloc_view_and_changes_nothing_there() {
    let mut app = sized(220, 60);
    press(&mut app, "<Tab><Tab><Tab>b");
    let line = bar(&app, 220, 60);
    assert!(!line.contains("aggregates"), "{line}");
    let before = app.rows().show_aggregates();
    press(&mut app, "a");
    assert_eq!(
        app.rows().show_aggregates(),
        before,
        "no hidden change for later"
    );
    assert_eq!(
        app.status.as_deref(),
        Some("The bloc view has no aggregate rows: b goes back to countries.")
    );
    // Back in the country view, a works as before.
    press(&mut app, "ba");
    assert_eq!(app.rows().show_aggregates(), !before);
    let line = bar(&app, 220, 60);
    assert!(line.contains("a aggregates"), "{line}");
}
