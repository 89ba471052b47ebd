//! The event loop on a real terminal. The terminal is restored on quit, on
//! error (the guard's Drop), on panic (the hook), on Ctrl-C (a key in raw
//! mode) and on every signal whose default action ends the process
//! ([`SIGNALS`]): the signal handlers (from signal-hook, which crossterm
//! already uses) only set a flag that the loop reads between events, so the
//! terminal is restored by ordinary code, then the caller exits with the
//! conventional status 128 + signal. A watchdog thread ends the process the
//! same way if the loop is stuck (a closed terminal can keep crossterm's
//! reader spinning on end-of-file). Suspend (Ctrl-Z, SIGTSTP) and resume
//! (SIGCONT) are in [`super::terminal`]; so is the refusal to start without a
//! terminal on standard output.

use super::action::Action;
use super::app::{App, update};
use super::keymap::Key;
use super::render;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A signal asked the process to end (its number).
    Signal(i32),
}

impl Ended {
    /// The exit status the process should end with, when not the usual one:
    /// 128 + the signal's number, as shells report a process ended by a signal.
    pub fn exit_status(self) -> Option<i32> {
        match self {
            Ended::Quit => None,
            Ended::Signal(s) => Some(128 + s),
        }
    }
}

/// The signals that end the TUI with the terminal restored: every signal
/// whose default action ends the process and that can be caught, but SIGPIPE
/// (ignored by Rust programs) and SIGPROF (a profiler's).
pub const SIGNALS: [i32; 10] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGUSR1,
    signal_hook::consts::SIGUSR2,
    signal_hook::consts::SIGALRM,
    signal_hook::consts::SIGVTALRM,
    signal_hook::consts::SIGXCPU,
    signal_hook::consts::SIGXFSZ,
];

/// Signal handlers that record the last signal caught; removed when dropped.
///
/// A watchdog thread backs the flag up: when the terminal is gone (SIGHUP on a
/// closed terminal), crossterm's reader can spin on end-of-file without ever
/// returning to the loop that reads the flag. If the loop has not ended
/// [`GRACE`] after a signal, the watchdog restores what it can and exits with
/// the same status the loop would have given.
pub struct SignalWatch {
    caught: Arc<AtomicUsize>,
    ids: Vec<signal_hook::SigId>,
    done: Arc<AtomicBool>,
}

/// How long the event loop has to end by itself after a signal.
pub const GRACE: Duration = Duration::from_secs(1);

impl SignalWatch {
    pub fn new() -> io::Result<SignalWatch> {
        let caught = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for sig in SIGNALS {
            ids.push(signal_hook::flag::register_usize(
                sig,
                caught.clone(),
                sig as usize,
            )?);
        }
        let done = Arc::new(AtomicBool::new(false));
        let (flag, finished) = (caught.clone(), done.clone());
        std::thread::Builder::new()
            .name("signal-watchdog".into())
            .spawn(move || watchdog(&flag, &finished))?;
        Ok(SignalWatch { caught, ids, done })
    }

    /// The signal caught so far, if any.
    pub fn caught(&self) -> Option<i32> {
        match self.caught.load(Ordering::SeqCst) {
            0 => None,
            s => Some(s as i32),
        }
    }
}

/// Waits for a signal; exits the process when the event loop does not end within [`GRACE`].
fn watchdog(caught: &AtomicUsize, done: &AtomicBool) {
    const STEP: Duration = Duration::from_millis(50);
    let mut since: Option<std::time::Instant> = None;
    while !done.load(Ordering::SeqCst) {
        std::thread::sleep(STEP);
        let sig = caught.load(Ordering::SeqCst);
        if sig == 0 {
            continue;
        }
        let at = *since.get_or_insert_with(std::time::Instant::now);
        if at.elapsed() >= GRACE && !done.load(Ordering::SeqCst) {
            super::terminal::leave(true);
            std::process::exit(128 + sig as i32);
        }
    }
}

impl Drop for SignalWatch {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Restores the terminal when dropped, however the loop ends.
struct Guard {
    mouse: bool,
}

impl Drop for Guard {
    fn drop(&mut self) {
        super::terminal::leave(self.mouse);
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

/// Runs the TUI until the user quits or a signal asks it to end.
pub fn run(mut app: App) -> io::Result<Ended> {
    super::terminal::require_terminal()?;
    let mouse = app.opts().mouse;
    // Before the terminal changes, so that no signal can leave it changed.
    let signals = SignalWatch::new()?;
    let suspend = super::terminal::Suspend::new()?;
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
    let ended = event_loop(&mut app, &mut terminal, (&signals, &suspend));
    drop(guard);
    drop(signals);
    if let Ok(Ended::Signal(sig)) = ended
        && let Some(note) = super::terminal::lost_decisions(&app, sig)
    {
        use std::io::Write;
        let _ = writeln!(io::stderr(), "{note}");
    }
    ended
}

/// Draws and dispatches events until the user quits or a signal arrives. An
/// I/O error once a signal has been caught (the terminal hung up) ends the
/// loop as that signal, not as an error.
fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    (signals, suspend): (&SignalWatch, &super::terminal::Suspend),
) -> io::Result<Ended> {
    let result = event_loop_inner(app, terminal, (signals, suspend));
    match (result, signals.caught()) {
        (Err(_), Some(sig)) => Ok(Ended::Signal(sig)),
        (r, _) => r,
    }
}

fn event_loop_inner(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    (signals, suspend): (&SignalWatch, &super::terminal::Suspend),
) -> io::Result<Ended> {
    let mut ended = Ended::Quit;
    while !app.quit {
        if let Some(sig) = signals.caught() {
            ended = Ended::Signal(sig);
            break;
        }
        // Ctrl-Z or SIGTSTP: back from a suspend, the screen is drawn whole at its size now.
        if suspend.handle(terminal, app.opts().mouse)? {
            let size = terminal.size()?;
            update(
                app,
                Action::Resize {
                    width: size.width,
                    height: size.height,
                },
            );
        }
        terminal.draw(|f| render::draw(f, app))?;
        if !poll(Duration::from_millis(250))? {
            continue;
        }
        // Handle every pending event before drawing again.
        loop {
            let ev = event::read()?;
            if super::terminal::is_suspend_key(app, &ev) {
                suspend.request();
                break;
            }
            if let Some(a) = action_of(app, &ev) {
                update(app, a);
            }
            if app.quit || signals.caught().is_some() || !poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(ended)
}

/// `event::poll`, where a signal interrupting the wait is no event.
fn poll(timeout: Duration) -> io::Result<bool> {
    match event::poll(timeout) {
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(false),
        r => r,
    }
}
