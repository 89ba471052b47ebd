//! Rendering the main screen at 200×60 into a TestBackend (the TUI's draw path),
//! and key presses in the browser. With `CLAIMLENS_SCALE_DIR` set to a folder of
//! tidy tables (benches/gen_tables.py makes one with a million rows), the key
//! presses are also measured on that data: `CLAIMLENS_SCALE_DIR=/tmp/t1m cargo
//! bench --bench render -- scale`.

use claimlens::data::Dataset;
use claimlens::tui::{Action, App, Options, draw, update};
use criterion::{Criterion, criterion_group};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::sync::Arc;

fn app() -> App {
    app_on(Dataset::embedded().expect("embedded tables parse"))
}

fn app_on(ds: Dataset) -> App {
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

/// Key presses in the browser on a large dataset (`CLAIMLENS_SCALE_DIR`).
fn scale(c: &mut Criterion) {
    let Ok(dir) = std::env::var("CLAIMLENS_SCALE_DIR") else {
        return;
    };
    let ds = Dataset::load_dir(std::path::Path::new(&dir)).expect("scale tables load");
    let rows = ds
        .all_series()
        .iter()
        .map(|s| s.all_points().len())
        .sum::<usize>();
    // Every key starts from the browser on holdings, the measure with the
    // million rows (a bench left on another measure would time a small grid).
    // (The bundled case's section 3 puts the browser on net purchases: turn
    // it back to holdings.)
    let mut base = app_on(ds);
    base.focus = claimlens::tui::Pane::Browser;
    while base.rows().grid().measure != claimlens::browse::BrowseMeasure::Holdings {
        base.press(claimlens::tui::Key::Char('m'));
    }
    // Each key is timed with the frame it leads to (160×48): the browser
    // makes the cells of the rows on show when it draws them.
    let mut term = match Terminal::new(TestBackend::new(160, 48)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    let mut group = c.benchmark_group(format!("scale {rows} rows"));
    group.sample_size(20);
    group.bench_function("m (next measure, cycling all four)", |b| {
        let mut app = base.clone();
        b.iter(|| {
            app.press(claimlens::tui::Key::Char('m'));
            let _ = term.draw(|f| draw(f, &app));
        })
    });
    // The two measures with the million values, each built from nothing (the
    // browser keeps the grids of the last two measures shown).
    for (name, presses) in [
        ("m onto Holdings (from Change in holdings)", 3),
        ("m onto Change in holdings (from Valuation)", 2),
    ] {
        let mut before = base.clone();
        for _ in 0..presses {
            before.press(claimlens::tui::Key::Char('m'));
        }
        group.bench_function(name, |b| {
            b.iter_batched(
                || before.clone(),
                |mut app| {
                    app.press(claimlens::tui::Key::Char('m'));
                    let _ = term.draw(|f| draw(f, &app));
                    app
                },
                criterion::BatchSize::SmallInput,
            )
        });
    }
    for (name, key) in [
        ("a (aggregates)", 'a'),
        ("s (sort)", 's'),
        ("j (down)", 'j'),
    ] {
        group.bench_function(name, |b| {
            let mut app = base.clone();
            b.iter(|| {
                app.press(claimlens::tui::Key::Char(key));
                let _ = term.draw(|f| draw(f, &app));
            })
        });
    }
    group.bench_function("/ filter: type a letter and erase it", |b| {
        let mut app = base.clone();
        app.press(claimlens::tui::Key::Char('/'));
        b.iter(|| {
            app.press(claimlens::tui::Key::Char('y'));
            let _ = term.draw(|f| draw(f, &app));
            app.press(claimlens::tui::Key::Backspace);
            let _ = term.draw(|f| draw(f, &app));
        })
    });
    group.bench_function("draw the frame alone", |b| {
        let app = base.clone();
        b.iter(|| {
            let _ = term.draw(|f| draw(f, &app));
        })
    });
    group.finish();
}

criterion_group!(benches, render, scale);
/// As `criterion_main!`, with the allocator tuned first as the `claimlens`
/// binary tunes it, so that key presses are timed as users meet them.
fn main() {
    use claimlens::heap::Load;
    let load = match std::env::var_os("CLAIMLENS_SCALE_DIR") {
        Some(_) => Load::Tables,
        None => Load::Small,
    };
    // SAFETY: first thing in main, before any other thread starts.
    unsafe { claimlens::heap::tune(load) };
    benches();
    Criterion::default().configure_from_args().final_summary();
}
