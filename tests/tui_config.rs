//! The configuration file: key overrides reach dispatch, help and the bottom
//! bar; bad files are errors naming the file and line; themes and NO_COLOR.

mod tui_fixture;

use claimlens::config::{self, ThemeName};
use claimlens::tui::keymap::{Key, Scope};
use claimlens::tui::theme::Palette;
use claimlens::tui::{Action, App, Options, Pane, render_buffer, render_text, settings, update};
use std::process::Command;
use std::sync::Arc;

fn base() -> &'static App {
    static APP: std::sync::OnceLock<App> = std::sync::OnceLock::new();
    APP.get_or_init(tui_fixture::app)
}

/// The app with the keys of a config file's text.
fn configured(text: &str) -> App {
    let cfg = config::parse("test.toml", text).expect("config parses");
    let (_, keymap) = settings(Options::default(), None, Some(&cfg)).expect("keymap builds");
    let mut a = base().clone();
    a.shared.keymap = Arc::new(keymap);
    update(
        &mut a,
        Action::Resize {
            width: 160,
            height: 48,
        },
    );
    a
}

fn error_of(text: &str) -> String {
    match config::parse("my/config.toml", text)
        .and_then(|c| settings(Options::default(), None, Some(&c)).map(|_| ()))
    {
        Ok(()) => panic!("expected an error for {text:?}"),
        Err(e) => e.to_string(),
    }
}

fn help_text(a: &App) -> String {
    let mut a = a.clone();
    a.press(Key::Char('?'));
    if !a.help_open() {
        update(&mut a, Action::ToggleHelp);
    }
    render_text(&a, 160, 48)
}

#[test]
fn quit_rebound() {
    let mut a = configured("[keys]\nquit = \"x\"\n");
    let help = help_text(&a);
    assert!(help.contains("  x          quit"), "{help}");
    assert!(!help.contains("q/Ctrl-c   quit"), "{help}");
    let bar = render_text(&a, 160, 48);
    assert!(bar.lines().last().unwrap().contains("x quit"), "{bar}");
    a.press(Key::Char('q'));
    assert!(!a.quit, "the old key no longer quits");
    a.press(Key::Char('x'));
    assert!(a.quit);
}

#[test]
fn next_claim_rebound_to_two_keys() {
    let mut a = configured("[keys]\nnext_claim = [\"n\", \"N\"]\n");
    assert!(help_text(&a).contains("n/N        next claim"));
    let first = a.selection.claim;
    a.press(Key::Char(']'));
    assert_eq!(a.selection.claim, first, "] no longer moves");
    a.press(Key::Char('n'));
    assert_ne!(a.selection.claim, first);
    let second = a.selection.claim;
    a.press(Key::Char('N'));
    assert_ne!(a.selection.claim, second);
}

#[test]
fn present_and_presentation_keys_rebound() {
    let mut a =
        configured("[keys]\npresent = \"P\"\nnext_slide = [\"n\", \"Space\"]\nback = \"Esc\"\n");
    a.press(Key::Char('p'));
    assert!(!a.presenting(), "p no longer presents");
    a.press(Key::Char('P'));
    assert!(a.presenting());
    let at = a.slide().unwrap();
    a.press(Key::Char('l'));
    assert_eq!(a.slide().unwrap(), at, "l no longer steps");
    a.press(Key::Char('n'));
    assert_eq!(a.slide().unwrap(), at + 1);
    // The slide's key line is written from the table in force.
    let text = render_text(&a, 160, 48);
    assert!(text.contains("n next"), "{text}");
    a.press(Key::Char('q'));
    assert!(a.presenting(), "q no longer leaves");
    a.press(Key::Esc);
    assert!(!a.presenting());
}

#[test]
fn movement_rebound_everywhere_it_is_bound() {
    let mut a = configured("[keys]\ndown = \"J\"\n");
    a.focus = Pane::Sections;
    let c = a.selection.claim;
    a.press(Key::Char('j'));
    assert_eq!(a.selection.claim, c);
    a.press(Key::Char('J'));
    assert_ne!(a.selection.claim, c, "J visits the next claim row");
    // The browser's down, too.
    a.focus = Pane::Browser;
    let row = a.rows().sel_row();
    a.press(Key::Down);
    assert_eq!(a.rows().sel_row(), row, "the arrow was replaced as well");
    a.press(Key::Char('J'));
    assert_eq!(a.rows().sel_row(), row + 1);
    let bar = render_text(&a, 160, 48);
    assert!(bar.lines().last().unwrap().contains("J row"), "{bar}");
}

#[test]
fn ctrl_c_still_quits_when_quit_is_rebound() {
    let mut a = configured("[keys]\nquit = \"x\"\n");
    a.press(Key::Ctrl('c'));
    assert!(a.quit);
}

#[test]
fn unknown_action_names_the_line() {
    let e = error_of("theme = \"dark\"\n\n[keys]\nquit = \"x\"\nfly = \"f\"\n");
    assert!(e.starts_with("my/config.toml:5: "), "{e}");
    assert!(e.contains("unknown action \"fly\""), "{e}");
    assert!(
        e.contains("next_claim"),
        "the message lists the actions: {e}"
    );
}

#[test]
fn bad_key_names_the_line() {
    let e = error_of("[keys]\nquit = \"x\"\nnext_claim = [\"n\", \"Ctrl+\"]\n");
    assert!(e.starts_with("my/config.toml:3: "), "{e}");
    assert!(e.contains("cannot read key \"Ctrl+\""), "{e}");
    let e = error_of("[keys]\nquit = 3\n");
    assert!(e.starts_with("my/config.toml:2: "), "{e}");
    assert!(e.contains("expected a key name"), "{e}");
    let e = error_of("[keys]\nquit = []\n");
    assert!(e.contains("at least one key"), "{e}");
}

#[test]
fn bad_theme_names_the_line() {
    let e = error_of("# mine\ntheme = \"neon\"\n");
    assert!(e.starts_with("my/config.toml:2: "), "{e}");
    assert!(
        e.contains(
            "unknown theme \"neon\"; expected one of dark, light, high-contrast, colorblind"
        ),
        "{e}"
    );
}

#[test]
fn syntax_error_names_the_line() {
    let e = error_of("theme = \"light\"\n[keys]\nquit = \"x\n");
    assert!(e.starts_with("my/config.toml:3: "), "{e}");
    assert!(e.contains("invalid config file"), "{e}");
    let e = error_of("colour = \"light\"\n");
    assert!(e.starts_with("my/config.toml:1: "), "{e}");
    assert!(e.contains("unknown field `colour`"), "{e}");
}

#[test]
fn a_key_that_would_reach_two_actions_is_an_error() {
    // In the browser, j moves down: quit cannot have it as well.
    let e = error_of("[keys]\n\nquit = \"j\"\n");
    assert!(e.starts_with("my/config.toml:3: "), "{e}");
    assert!(
        e.contains("key \"j\" for quit is already bound to down"),
        "{e}"
    );
    // Swapping two keys is fine when both are rebound.
    configured("[keys]\nnext_claim = \"[\"\nprev_claim = \"]\"\n");
}

#[test]
fn theme_from_file_flag_and_no_color() {
    let cfg = config::parse("c.toml", "theme = \"light\"\n").unwrap();
    let (o, _) = settings(Options::default(), None, Some(&cfg)).unwrap();
    assert_eq!(o.theme, ThemeName::Light);
    let (o, _) = settings(Options::default(), Some(ThemeName::Colorblind), Some(&cfg)).unwrap();
    assert_eq!(o.theme, ThemeName::Colorblind, "--theme wins over the file");
    assert_eq!(
        Palette::of(ThemeName::Colorblind).contradicted,
        ratatui::style::Color::Rgb(213, 94, 0),
        "Okabe–Ito vermillion"
    );
    // High contrast paints black under everything; NO_COLOR paints nothing.
    let mut a = base().clone();
    for (color, want_black) in [(true, true), (false, false)] {
        a.shared.theme = claimlens::tui::theme::Theme::new(Options {
            color,
            theme: ThemeName::HighContrast,
            ..Options::default()
        });
        let buf = render_buffer(&a, 100, 30);
        let black = buf
            .content
            .iter()
            .all(|c| c.bg == ratatui::style::Color::Black);
        let plain = buf
            .content
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset);
        assert_eq!(black, want_black, "color {color}");
        assert_eq!(
            plain, !want_black,
            "no colour at all without colour (color {color})"
        );
    }
}

#[test]
fn every_theme_keeps_symbols_and_words() {
    for theme in ThemeName::ALL {
        let mut a = base().clone();
        a.shared.theme = claimlens::tui::theme::Theme::new(Options {
            theme,
            ..Options::default()
        });
        let text = render_text(&a, 160, 48);
        assert!(text.contains("✓ supported"), "{theme}: {text}");
        assert!(text.contains("· not a data claim"), "{theme}");
    }
}

#[test]
fn help_lists_every_scope_from_the_table() {
    let a = configured("");
    let help = help_text(&a);
    for s in [Scope::Present, Scope::SlideIndex] {
        assert!(help.contains(s.title()), "{help}");
    }
    assert_eq!(
        a.shared.keymap.lookup(&[Scope::Present], Key::Char('G')),
        Some(Action::Last)
    );
}

fn claimlens(args: &[&str], config_home: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .env_remove("NO_COLOR")
        .output()
        .expect("runs")
}

#[test]
fn cli_reads_the_config_folder_and_config_flag() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("claimlens");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[keys]\npresent = \"P\"\n").unwrap();
    let out = claimlens(&["render", "--width", "160", "--height", "48"], home.path());
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().last().unwrap().contains("P present"), "{text}");

    let bad = home.path().join("bad.toml");
    std::fs::write(&bad, "theme = \"light\"\n[keys]\nquit = \"Hyper-x\"\n").unwrap();
    let out = claimlens(
        &[
            "--config",
            bad.to_str().unwrap(),
            "render",
            "--width",
            "80",
            "--height",
            "24",
        ],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}:3: ", bad.display())), "{err}");
    assert!(err.contains("cannot read key \"Hyper-x\""), "{err}");

    let out = claimlens(
        &["--config", "/nonexistent/claimlens.toml", "render"],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(2));

    let out = claimlens(&["--theme", "neon", "render"], home.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown theme \"neon\""));

    let out = claimlens(
        &[
            "render",
            "--present",
            "--claim",
            "japan-q3-61.9bn",
            "--width",
            "80",
            "--height",
            "24",
        ],
        home.path(),
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("CLAIMED"));
}
