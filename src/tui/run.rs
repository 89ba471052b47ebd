//! The event loop on a real terminal. The terminal is restored on quit, on
//! error (the guard's Drop), on panic (the hook) and on Ctrl-C (a key in raw mode).

use super::action::Action;
use super::app::{App, update};
use super::keymap::Key;
use super::ui;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use std::io;
use std::time::Duration;

/// Restores the terminal when dropped, however the loop ends.
struct Guard {
    mouse: bool,
}

impl Drop for Guard {
    fn drop(&mut self) {
        if self.mouse {
            let _ = execute!(io::stdout(), DisableMouseCapture);
        }
        ratatui::restore();
    }
}

/// The action of one terminal event.
pub fn action_of(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) => Key::from_event(k).and_then(|key| app.action_for(key)),
        Event::Resize(w, h) => Some(Action::Resize {
            width: *w,
            height: *h,
        }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                x: m.column,
                y: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                x: m.column,
                y: m.row,
                down: false,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Runs the TUI until the user quits.
pub fn run(mut app: App) -> io::Result<()> {
    let mouse = app.opts().mouse;
    let mut terminal = ratatui::try_init()?;
    let guard = Guard { mouse };
    if mouse {
        // Also release the mouse when panicking (ratatui's hook restores the rest).
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            previous(info);
        }));
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    let size = terminal.size()?;
    update(
        &mut app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    while !app.quit {
        terminal.draw(|f| ui::draw(f, &app))?;
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        // Handle every pending event before drawing again.
        loop {
            let ev = event::read()?;
            if let Some(a) = action_of(&app, &ev) {
                update(&mut app, a);
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    drop(guard);
    Ok(())
}
