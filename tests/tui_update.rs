//! State transitions of `update`: each test feeds actions (or keys through the
//! keymap) and checks the state that results.

mod tui_fixture;

use claimlens::browse::{BrowseMeasure, SortDir, SortKey};
use claimlens::data::Period;
use claimlens::tui::keymap::Key;
use claimlens::tui::{Action, Pane, update};
use tui_fixture::{app, fixture_app};

fn first_claim_of(app: &claimlens::tui::App, section: usize) -> Option<String> {
    let id = &app.shared.case.article.sections[section].id;
    app.shared.case.claims_of(id).next().map(|e| e.id.clone())
}

#[test]
fn moving_to_a_section_selects_its_first_claim() {
    let mut a = app();
    let n = a.shared.case.article.sections.len();
    assert_eq!(n, 15, "14 numbered sections and Key Takeaways");
    assert_eq!(a.focus, Pane::Sections);
    update(&mut a, Action::First);
    assert_eq!(a.selection.section, 0);
    for target in 1..n {
        update(&mut a, Action::PageDown);
        assert_eq!(a.selection.section, target);
        let got = a.evaluation().map(|e| e.id.clone());
        assert_eq!(got, first_claim_of(&a, target), "section {target}");
    }
    // Past the end it stays on the last section.
    update(&mut a, Action::PageDown);
    assert_eq!(a.selection.section, n - 1);
    update(&mut a, Action::First);
    assert_eq!(a.selection.section, 0);
}

#[test]
fn j_and_k_in_sections_visit_the_claim_rows() {
    let mut a = app();
    assert_eq!(a.focus, Pane::Sections);
    // The explorer opens on the first claim there is data for.
    assert_eq!(a.evaluation().unwrap().id, "japan-holdings-1.1tn");
    update(&mut a, Action::First);
    // Section 1 has four claims: j visits each, then the next section's first.
    assert_eq!(a.evaluation().unwrap().id, "trump-relief");
    update(&mut a, Action::Down);
    assert_eq!(a.evaluation().unwrap().id, "pm-answer");
    update(&mut a, Action::Down);
    assert_eq!(a.evaluation().unwrap().id, "trump-praise");
    update(&mut a, Action::Down);
    assert_eq!(a.evaluation().unwrap().id, "secret-plans");
    assert_eq!(a.selection.section, 0);
    update(&mut a, Action::Down);
    assert_eq!(a.selection.section, 1);
    assert_eq!(a.evaluation().map(|e| e.id.clone()), first_claim_of(&a, 1));
    update(&mut a, Action::Up);
    assert_eq!(a.evaluation().unwrap().id, "secret-plans");
}

#[test]
fn brackets_move_between_claims_in_reading_order() {
    let mut a = app();
    if a.shared.claim_order.len() < 2 {
        return; // nothing to step through yet
    }
    a.select_claim(Some(a.shared.claim_order[0]));
    a.press(Key::Char(']'));
    assert_eq!(a.selection.claim, Some(a.shared.claim_order[1]));
    // The section follows the claim.
    let sec = &a.evaluation().unwrap().section;
    assert_eq!(a.shared.case.article.sections[a.selection.section].id, *sec);
    a.press(Key::Char('['));
    assert_eq!(a.selection.claim, Some(a.shared.claim_order[0]));
    a.press(Key::Char('['));
    assert_eq!(
        a.selection.claim,
        Some(a.shared.claim_order[0]),
        "stays on the first claim"
    );
}

#[test]
fn m_cycles_the_measure_and_keeps_the_selected_country() {
    let mut a = fixture_app();
    a.focus = Pane::Browser;
    assert_eq!(a.rows().grid().measure, BrowseMeasure::Holdings);
    let j = a
        .rows()
        .visible()
        .iter()
        .position(|&r| a.rows().grid().rows[r].entity == "Japan")
        .unwrap();
    a.select_cell(j, a.rows().sel_col());
    a.press(Key::Char('m'));
    assert_eq!(a.rows().grid().measure, BrowseMeasure::NetPurchases);
    assert_eq!(a.rows().grid().rows[a.row().unwrap()].entity, "Japan");
    let p = a.rows().grid().months[a.rows().sel_col()];
    assert_eq!(
        a.rows().grid().value(a.row().unwrap(), a.rows().sel_col()),
        Some(-29.136),
        "{p}"
    );
    a.press(Key::Char('m'));
    assert_eq!(a.rows().grid().measure, BrowseMeasure::ValuationChange);
    a.press(Key::Char('m'));
    assert_eq!(a.rows().grid().measure, BrowseMeasure::MonthChange);
    a.press(Key::Char('m'));
    assert_eq!(a.rows().grid().measure, BrowseMeasure::Holdings);
}

#[test]
fn filter_narrows_rows_and_esc_restores() {
    let mut a = fixture_app();
    a.focus = Pane::Browser;
    assert_eq!(a.rows().grid().measure, BrowseMeasure::Holdings);
    assert_eq!(a.rows().visible().len(), 3);
    for k in "/KIN".chars() {
        a.press(Key::Char(k));
    }
    let names: Vec<&str> = a
        .rows()
        .visible()
        .iter()
        .map(|&r| a.rows().grid().rows[r].entity.as_str())
        .collect();
    assert_eq!(names, ["United Kingdom"]);
    a.press(Key::Backspace);
    a.press(Key::Backspace);
    assert_eq!(a.rows().filter(), "K");
    a.press(Key::Esc);
    assert_eq!(a.rows().filter(), "", "Esc cancels the edit");
    assert_eq!(a.rows().visible().len(), 3);
    for k in "/chi".chars() {
        a.press(Key::Char(k));
    }
    a.press(Key::Enter);
    assert!(
        !a.rows().editing(),
        "Enter keeps the filter and stops editing"
    );
    assert_eq!(a.rows().visible().len(), 1);
    assert_eq!(
        a.rows().grid().rows[a.rows().visible()[0]].entity,
        "China, Mainland"
    );
    // `/` starts a new filter; while typing, letters are text, not commands.
    a.press(Key::Char('/'));
    assert_eq!(
        a.rows().filter(),
        "",
        "a new filter, not the kept one extended"
    );
    a.press(Key::Char('q'));
    assert!(!a.quit);
    assert_eq!(a.rows().filter(), "q");
    // Esc while typing brings the kept filter back; Esc again clears it.
    a.press(Key::Esc);
    assert_eq!(a.rows().filter(), "chi");
    a.press(Key::Esc);
    assert_eq!(a.rows().filter(), "");
    assert_eq!(a.rows().visible().len(), 3);
}

#[test]
fn sort_by_selected_month_and_aggregates_apart() {
    let mut a = fixture_app();
    a.focus = Pane::Browser;
    assert_eq!(a.rows().grid().measure, BrowseMeasure::Holdings);
    assert!(!a.rows().show_aggregates());
    let col = a.rows().grid().col_of(&Period::month(2024, 11)).unwrap();
    a.select_cell(0, col);
    a.press(Key::Char('s'));
    assert_eq!(
        a.rows().grid().sort,
        (SortKey::Month(Period::month(2024, 11)), SortDir::Asc)
    );
    let names: Vec<&str> = a
        .rows()
        .visible()
        .iter()
        .map(|&r| a.rows().grid().rows[r].entity.as_str())
        .collect();
    assert_eq!(names, ["United Kingdom", "China, Mainland", "Japan"]);
    a.press(Key::Char('S'));
    let names: Vec<&str> = a
        .rows()
        .visible()
        .iter()
        .map(|&r| a.rows().grid().rows[r].entity.as_str())
        .collect();
    assert_eq!(names, ["Japan", "China, Mainland", "United Kingdom"]);
    a.press(Key::Char('a'));
    assert!(a.rows().show_aggregates());
    let last = a.rows().grid().rows[*a.rows().visible().last().unwrap()]
        .entity
        .clone();
    assert_eq!(last, "Grand Total", "aggregates come after the countries");
    a.press(Key::Char('a'));
    assert!(
        a.rows()
            .visible()
            .iter()
            .all(|&r| !a.rows().grid().rows[r].kind.is_aggregate())
    );
}

#[test]
fn c_opens_the_chart_and_esc_closes_it() {
    let mut a = fixture_app();
    a.focus = Pane::Browser;
    // Enter shows where the value comes from; Esc closes that.
    a.press(Key::Enter);
    assert!(a.sources().is_some() && a.chart().is_none());
    a.press(Key::Esc);
    assert!(a.sources().is_none());
    a.press(Key::Char('c'));
    let row = a.row().expect("a row is selected");
    assert_eq!(a.chart(), Some(a.rows().grid().rows[row].entity.as_str()));
    // Up/Down in the chart flip through countries.
    a.press(Key::Down);
    let row = a.row().unwrap();
    assert_eq!(a.chart(), Some(a.rows().grid().rows[row].entity.as_str()));
    a.press(Key::Esc);
    assert!(a.chart().is_none());
}

#[test]
fn help_toggles_and_q_quits() {
    let mut a = app();
    a.press(Key::Char('?'));
    assert!(a.help_open());
    a.press(Key::Char(']'));
    assert!(a.help_open(), "other keys do not leak through the help");
    a.press(Key::Char('?'));
    assert!(!a.help_open());
    a.press(Key::Char('?'));
    a.press(Key::Esc);
    assert!(!a.help_open());
    a.press(Key::Char('q'));
    assert!(a.quit);
    let mut b = app();
    b.press(Key::Ctrl('c'));
    assert!(b.quit);
}

#[test]
fn tab_cycles_the_panes_on_screen() {
    let mut a = app();
    update(
        &mut a,
        Action::Resize {
            width: 160,
            height: 48,
        },
    );
    let mut seen = vec![a.focus];
    for _ in 0..5 {
        a.press(Key::Tab);
        seen.push(a.focus);
    }
    assert_eq!(
        seen,
        [
            Pane::Sections,
            Pane::Text,
            Pane::Card,
            Pane::Browser,
            Pane::Sparks,
            Pane::Sections
        ]
    );
    a.press(Key::BackTab);
    assert_eq!(a.focus, Pane::Sparks);
    // On a small screen the sparklines are not shown, so Tab skips them.
    update(
        &mut a,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    a.focus = Pane::Browser;
    a.press(Key::Tab);
    assert_eq!(a.focus, Pane::Sections);
}

#[test]
fn a_claim_drives_the_browser() {
    let mut a = app();
    let with_series = a.shared.case.evaluations.iter().position(|e| {
        e.series.iter().any(|s| {
            BrowseMeasure::for_measure(&s.measure).is_some()
                && a.shared
                    .ds
                    .series(&s.source, &s.measure, &s.entity)
                    .is_some()
        })
    });
    let Some(c) = with_series else {
        return; // no claim names a browsable series in this data
    };
    a.select_claim(Some(c));
    let e = a.evaluation().unwrap().clone();
    let s = e
        .series
        .iter()
        .find(|s| BrowseMeasure::for_measure(&s.measure).is_some())
        .unwrap();
    assert_eq!(
        Some(a.rows().grid().measure),
        BrowseMeasure::for_measure(&s.measure)
    );
    if let Some(r) = a.row() {
        assert_eq!(a.rows().grid().rows[r].entity, s.entity);
    }
    let cols = a.rows().grid().cols_within(&s.from, &s.to);
    if !cols.is_empty() {
        assert_eq!(
            a.rows().sel_col(),
            cols.end - 1,
            "the cursor sits on the window's last month"
        );
    }
}

#[test]
fn clicks_select_panes_and_rows() {
    let mut a = fixture_app();
    update(
        &mut a,
        Action::Resize {
            width: 160,
            height: 48,
        },
    );
    let areas = a.areas();
    // A click in the browser's third data row (below the border and two header lines).
    let b = areas.browser;
    update(
        &mut a,
        Action::Click {
            x: b.x + 3,
            y: b.y + 1 + 2 + 2,
        },
    );
    assert_eq!(a.focus, Pane::Browser);
    assert_eq!(a.rows().sel_row(), 2);
    // A click on the third section's line.
    let s = areas.sections;
    update(
        &mut a,
        Action::Click {
            x: s.x + 2,
            y: s.y + 1,
        },
    );
    assert_eq!(a.focus, Pane::Sections);
    assert_eq!(a.selection.section, 0);
}

#[test]
fn clicking_a_highlighted_claim_in_the_article_selects_it() {
    let mut a = app();
    update(
        &mut a,
        Action::Resize {
            width: 160,
            height: 48,
        },
    );
    a.select_section(0);
    assert_eq!(a.evaluation().unwrap().id, "trump-relief");
    let screen = claimlens::tui::render_text(&a, 160, 48);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("secret plans"))
        .expect("the second claim's words are on screen");
    let x: Vec<char> = line.chars().collect();
    let col = (0..x.len())
        .find(|&i| {
            x[i..]
                .iter()
                .collect::<String>()
                .starts_with("secret plans")
        })
        .unwrap();
    update(
        &mut a,
        Action::Click {
            x: col as u16 + 2,
            y: y as u16,
        },
    );
    assert_eq!(a.evaluation().unwrap().id, "secret-plans");
    // A click on plain words selects nothing new.
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("precision"))
        .unwrap();
    let chars: Vec<char> = line.chars().collect();
    let col = (0..chars.len())
        .find(|&i| {
            chars[i..]
                .iter()
                .collect::<String>()
                .starts_with("precision")
        })
        .unwrap();
    update(
        &mut a,
        Action::Click {
            x: col as u16,
            y: y as u16,
        },
    );
    assert_eq!(a.evaluation().unwrap().id, "secret-plans");
}
