//! The app's share: outcomes carried out, followers told, overlays stacked.

use super::App;
use crate::tui::action::{Action, Pane};
use crate::tui::component::Outcome;
use crate::tui::keymap::Key;
use crate::tui::layers::Layer;
use crate::tui::testkit;
use crate::tui::theme::Options;
use crate::tui::update;
use std::sync::Arc;

/// The explorer over `n` countries and the bundled article (no claims).
fn countries(n: usize) -> App {
    App::new(
        Arc::new(testkit::dataset(n)),
        Arc::new(testkit::article()),
        Options::default(),
    )
}

/// The explorer on the bundled case.
fn bundled() -> App {
    let (ds, case) = testkit::bundled_case();
    App::new(Arc::new(ds), Arc::new(case), Options::default())
}

fn sized(mut app: App) -> App {
    update(
        &mut app,
        Action::Resize {
            width: 160,
            height: 48,
        },
    );
    app
}

fn press(app: &mut App, keys: &str) {
    for k in crate::tui::parse_keys(keys).unwrap() {
        app.press(k);
    }
}

fn claim(app: &App, id: &str) -> usize {
    let evals = &app.shared.case.evaluations;
    evals.iter().position(|e| e.id == id).unwrap()
}

#[test]
fn a_selected_claim_is_followed_by_every_pane_that_follows_it() {
    let mut app = sized(bundled());
    app.select_claim_id("japan-china-113bn").unwrap();
    // Move every follower away from where a new claim puts it.
    for (pane, keys) in [(Pane::Card, "jjj"), (Pane::Text, "jj"), (Pane::Sparks, "j")] {
        app.focus = pane;
        press(&mut app, keys);
    }
    assert!(app.panes.card.scroll() > 0);
    assert!(app.panes.article.scroll().is_some());
    assert_eq!(app.panes.sparks.selected(), 1, "the claim's second series");
    app.focus = Pane::Browser;
    press(&mut app, "jc");
    assert!(app.chart().is_some());

    app.apply(Outcome::SelectClaim(Some(claim(
        &app,
        "japan-holdings-1.1tn",
    ))));
    assert_eq!(app.evaluation().unwrap().id, "japan-holdings-1.1tn");
    assert_eq!(app.panes.card.scroll(), 0);
    assert_eq!(app.panes.article.scroll(), None);
    assert_eq!(app.panes.sparks.selected(), 0);
    assert_eq!(app.rows().entity(), Some("Japan"));
    assert_eq!(
        app.rows().grid().measure,
        crate::browse::BrowseMeasure::Holdings
    );
    assert_eq!(
        app.chart(),
        Some("Japan"),
        "the open chart shows the claim's series"
    );
    let section = &app.shared.case.article.sections[app.selection.section];
    assert_eq!(section.id, app.evaluation().unwrap().section);
}

#[test]
fn a_country_chart_follows_the_browser_row() {
    let mut app = sized(countries(10));
    app.focus = Pane::Browser;
    press(&mut app, "c");
    assert_eq!(app.chart(), Some("Country 01"));
    press(&mut app, "jj");
    assert_eq!(app.chart(), Some("Country 03"));
    assert_eq!(app.rows().sel_row(), 2);
    // The share chart takes the slot; the browser's commands still work under it.
    press(&mut app, "w");
    assert!(app.share_chart_open() && app.chart().is_none());
    update(&mut app, Action::CycleMeasure);
    assert_ne!(
        app.rows().grid().measure,
        crate::browse::BrowseMeasure::Holdings
    );
    press(&mut app, "<Esc>");
    assert!(app.overlays().is_empty());
}

#[test]
fn overlays_stack_and_each_closes_itself() {
    let mut app = sized(bundled());
    app.select_claim_id("japan-q3-61.9bn").unwrap();
    app.focus = Pane::Card;
    press(&mut app, "<Enter>?");
    assert!(matches!(
        app.overlays(),
        [Layer::Sources(_), Layer::Help(_)]
    ));
    assert_eq!(app.scopes(), [crate::tui::keymap::Scope::Help]);
    // As before the components: the sources view, under the help, takes the
    // keys (Esc closes it behind the help).
    press(&mut app, "<Esc>");
    assert!(matches!(app.overlays(), [Layer::Help(_)]));
    press(&mut app, "?");
    assert!(app.overlays().is_empty());

    press(&mut app, "pi");
    let at = app.slide().unwrap();
    assert_eq!(app.slide_index(), Some(at));
    press(&mut app, "jj<Enter>");
    assert_eq!((app.slide(), app.slide_index()), (Some(at + 2), None));
    press(&mut app, "q");
    assert!(!app.presenting() && app.overlays().is_empty());
    assert!(!app.quit);
    app.press(Key::Char('q'));
    assert!(app.quit);
}
