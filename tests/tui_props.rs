//! Random key sequences at random screen sizes never panic, and every frame
//! fills exactly the screen it was given. The keys reach presentation mode
//! (`p`), its index (`i`), counts (digits) and exports (`e`, into a temporary folder).

mod tui_fixture;

use claimlens::tui::keymap::Key;
use claimlens::tui::{Action, App, render_text, update};
use proptest::prelude::*;
use std::sync::OnceLock;

fn base() -> &'static App {
    static APP: OnceLock<App> = OnceLock::new();
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    APP.get_or_init(|| {
        let mut app = tui_fixture::app();
        app.shared.export_dir = DIR
            .get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
            .path()
            .to_path_buf();
        app
    })
}

fn key() -> impl Strategy<Value = Key> {
    prop_oneof![
        prop::sample::select(vec![
            Key::Tab,
            Key::BackTab,
            Key::Enter,
            Key::Esc,
            Key::Up,
            Key::Down,
            Key::Left,
            Key::Right,
            Key::PageUp,
            Key::PageDown,
            Key::Home,
            Key::End,
            Key::Backspace,
        ]),
        prop::sample::select(
            "jkhlgG[]/sSma+-=? xzJpppi0129qe"
                .chars()
                .collect::<Vec<_>>()
        )
        .prop_map(Key::Char),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic(
        keys in prop::collection::vec(key(), 0..40),
        w in 1u16..=300,
        h in 1u16..=100,
        clicks in prop::collection::vec((0u16..300, 0u16..100), 0..4),
    ) {
        let mut app = base().clone();
        update(&mut app, Action::Resize { width: w, height: h });
        for k in keys {
            app.press(k);
        }
        for (x, y) in clicks {
            update(&mut app, Action::Click { x, y });
            update(&mut app, Action::Scroll { x, y, down: true });
        }
        let text = render_text(&app, w, h);
        prop_assert_eq!(text.lines().count(), h as usize);
        if let Some(slide) = app.slide() {
            prop_assert!(slide < app.shared.deck.len());
            prop_assert!(app.slide_index().is_none_or(|i| i < app.shared.deck.len()));
        }
    }
}
