//! The terminal between the explorer's start and end (which [`super::run`]
//! sets up and restores): no start without a terminal to draw on, suspending
//! on Ctrl-Z or SIGTSTP and resuming on SIGCONT as full-screen programs do,
//! and a word on stderr about review decisions a signal left unwritten.
//!
//! Suspend: the handler of SIGTSTP only sets a flag; the event loop then
//! restores the terminal (raw mode off, main screen, cursor shown, mouse
//! reporting off) and stops the process (SIGSTOP, the default action of
//! SIGTSTP). After `fg` (SIGCONT) it re-enters raw mode, the alternate screen
//! and mouse reporting, and draws the whole screen again. A SIGCONT without
//! a suspend of ours (the process was stopped from outside) re-enters the
//! same way: the shell may have reset the terminal meanwhile.

use super::app::App;
use super::keymap::Key;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};
use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// An error unless standard output is a terminal: the explorer draws there,
/// and escape codes in a file or a pipe (`claimlens > file`) are of no use.
pub fn require_terminal() -> io::Result<()> {
    if io::stdout().is_terminal() {
        return Ok(());
    }
    Err(io::Error::other(
        "no terminal: standard output is not a terminal, and the explorer draws on it \
         (for text, `claimlens check` prints the verdicts and `claimlens render` a screen)",
    ))
}

/// Restores the terminal as the explorer found it (what [`super::run`]'s guard does at the end).
pub fn leave(mouse: bool) {
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = ratatui::try_restore();
    let _ = execute!(io::stdout(), cursor::Show);
}

/// Sets the terminal up again after a suspend, and makes the next draw a whole screen.
fn enter(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    // Clears the screen and forgets what was drawn (the next draw writes every
    // cell), without asking the terminal where its cursor is, as `clear` would.
    let size = terminal.size()?;
    terminal.resize(size.into())
}

/// Suspend and resume requests: flags set by the SIGTSTP and SIGCONT
/// handlers (and by Ctrl-Z); the handlers are removed when dropped.
pub struct Suspend {
    stop: Arc<AtomicBool>,
    resumed: Arc<AtomicBool>,
    ids: Vec<signal_hook::SigId>,
}

impl Suspend {
    pub fn new() -> io::Result<Suspend> {
        let stop = Arc::new(AtomicBool::new(false));
        let resumed = Arc::new(AtomicBool::new(false));
        let mut ids = Vec::new();
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGCONT, SIGTSTP};
            ids.push(signal_hook::flag::register(SIGTSTP, stop.clone())?);
            ids.push(signal_hook::flag::register(SIGCONT, resumed.clone())?);
        }
        Ok(Suspend { stop, resumed, ids })
    }

    /// Asks for a suspend (the Ctrl-Z key: raw mode turns it into a key, not a signal).
    pub fn request(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// Suspends when asked (returning once the process is continued), or
    /// sets the terminal up again after a SIGCONT; true when it did either,
    /// and the screen must be drawn whole (the terminal's buffers are reset).
    pub fn handle(&self, terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> io::Result<bool> {
        if self.stop.swap(false, Ordering::SeqCst) {
            leave(mouse);
            #[cfg(unix)]
            signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
            // Here after `fg`: the SIGCONT that woke the process is handled now.
            self.resumed.store(false, Ordering::SeqCst);
            enter(terminal, mouse)?;
            return Ok(true);
        }
        if self.resumed.swap(false, Ordering::SeqCst) {
            enter(terminal, mouse)?;
            return Ok(true);
        }
        Ok(false)
    }
}

impl Drop for Suspend {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// True for Ctrl-Z when the keymap gives it no action: the suspend key.
pub fn is_suspend_key(app: &App, ev: &Event) -> bool {
    match ev {
        Event::Key(k) => Key::from_event(k)
            .is_some_and(|key| key == Key::Ctrl('z') && app.action_for(key).is_none()),
        _ => false,
    }
}

/// What to say on stderr when a signal ended a review with decisions not
/// yet written to the claims file (they are lost with the process).
pub fn lost_decisions(app: &App, signal: i32) -> Option<String> {
    let state = app.review.as_ref()?;
    let n = state.review.unwritten();
    (n > 0).then(|| {
        format!(
            "claimlens: ended by signal {signal} with {n} review decision{} not written to {}; they are lost (W writes the decisions before quitting)",
            if n == 1 { "" } else { "s" },
            state.review.shown()
        )
    })
}
