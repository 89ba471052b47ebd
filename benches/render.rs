//! Rendering the main screen at 200×60 into a TestBackend (the TUI's draw path).

use claimlens::data::Dataset;
use claimlens::tui::{Action, App, Options, draw, update};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::sync::Arc;

fn app() -> App {
    let ds = Dataset::embedded().expect("embedded tables parse");
    let case = claimlens::claims::load_case(&ds, None).expect("bundled case loads");
    let mut app = App::new(
        Arc::new(ds),
        Arc::new(case),
        Options {
            ascii: false,
            mouse: true,
            color: true,
            ..Options::default()
        },
    );
    update(
        &mut app,
        Action::Resize {
            width: 200,
            height: 60,
        },
    );
    let _ = app.select_section_id("3");
    app
}

fn render(c: &mut Criterion) {
    let app = app();
    let mut term = match Terminal::new(TestBackend::new(200, 60)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    c.bench_function("main screen 200x60", |b| {
        b.iter(|| {
            let _ = term.draw(|f| draw(f, black_box(&app)));
        })
    });
    let mut drill = app.clone();
    drill.focus = claimlens::tui::Pane::Browser;
    drill.press(claimlens::tui::Key::Enter);
    c.bench_function("country chart 200x60", |b| {
        b.iter(|| {
            let _ = term.draw(|f| draw(f, black_box(&drill)));
        })
    });
    c.bench_function("switch measure (grid rebuild)", |b| {
        let mut a = app.clone();
        a.focus = claimlens::tui::Pane::Browser;
        b.iter(|| a.press(claimlens::tui::Key::Char('m')))
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
