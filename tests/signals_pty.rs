//! The terminal is restored when the TUI ends, whatever ends it: `q`, and
//! the signals SIGTERM (exit status 143) and SIGHUP (129). The TUI runs in a
//! pseudo-terminal made here (openpty); the test reads what it wrote and the
//! terminal's settings after it ended.

#![cfg(target_os = "linux")]

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Pty {
    child: Child,
    master: std::fs::File,
    /// Kept open to read the terminal's settings after the child ends.
    slave: OwnedFd,
    output: Arc<Mutex<Vec<u8>>>,
}

fn spawn(home: &std::path::Path) -> Pty {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new descriptors into the integers given.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(r, 0, "openpty failed");
    // SAFETY: both descriptors were just opened and are owned here.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let io = || Stdio::from(slave.try_clone().unwrap());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimlens"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("TERM", "xterm-256color")
        .stdin(io())
        .stdout(io())
        .stderr(io());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            // A session of its own, with the pty as its controlling terminal.
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn().unwrap();
    let master = std::fs::File::from(master);
    let output = Arc::new(Mutex::new(Vec::new()));
    let mut reader = master.try_clone().unwrap();
    let sink = output.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    Pty {
        child,
        master,
        slave,
        output,
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

impl Pty {
    /// Waits (at most 20 s) until the TUI has drawn its first screen.
    fn wait_for_screen(&self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if contains(&self.output.lock().unwrap(), b"Article") {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the TUI drew nothing");
    }

    fn wait(&mut self) -> std::process::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what is left.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("the TUI did not end");
    }

    /// What was written after the first screen: the restoring sequences.
    fn tail(&self) -> Vec<u8> {
        let out = self.output.lock().unwrap();
        let at = out.windows(7).rposition(|w| w == b"Article").unwrap_or(0);
        out[at..].to_vec()
    }

    /// True when the terminal is back in cooked mode (line editing and echo).
    fn cooked(&self) -> bool {
        // SAFETY: tcgetattr fills the struct for an open terminal descriptor.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(
            unsafe { libc::tcgetattr(self.slave.as_raw_fd(), &mut t) },
            0
        );
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }
}

fn assert_restored(p: &Pty) {
    let tail = p.tail();
    let shown = String::from_utf8_lossy(&tail).escape_debug().to_string();
    assert!(
        contains(&tail, b"\x1b[?1049l"),
        "alternate screen left: {shown}"
    );
    assert!(contains(&tail, b"\x1b[?25h"), "cursor shown: {shown}");
    assert!(
        contains(&tail, b"\x1b[?1000l"),
        "mouse reporting off: {shown}"
    );
    assert!(p.cooked(), "raw mode turned off");
}

fn ends_on_signal(sig: i32) -> i32 {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path());
    p.wait_for_screen();
    assert!(!p.cooked(), "the TUI runs in raw mode");
    // SAFETY: sending a signal to our own child.
    assert_eq!(unsafe { libc::kill(p.child.id() as i32, sig) }, 0);
    let status = p.wait();
    assert_restored(&p);
    status
        .code()
        .expect("an exit status, not a death by signal")
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    assert_eq!(ends_on_signal(libc::SIGTERM), 128 + libc::SIGTERM);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    assert_eq!(ends_on_signal(libc::SIGHUP), 128 + libc::SIGHUP);
}

#[test]
fn q_restores_the_terminal_and_exits_0() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path());
    p.wait_for_screen();
    p.master.write_all(b"q").unwrap();
    let status = p.wait();
    assert_restored(&p);
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_closed_terminal_ends_the_tui() {
    // The terminal hangs up (as when its window or tmux pane is closed): reads
    // on it return end-of-file and the session gets SIGHUP. crossterm's reader
    // spins on end-of-file, so the TUI must still end by itself, with 129.
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path());
    p.wait_for_screen();
    // SAFETY: TIOCVHANGUP on a terminal descriptor we own; it takes no argument.
    let hung = unsafe { libc::ioctl(p.slave.as_raw_fd(), libc::TIOCVHANGUP, 0) };
    if hung != 0 {
        // Hanging up a terminal needs CAP_SYS_ADMIN; without it, nothing to test here.
        let _ = p.child.kill();
        eprintln!("skipped: TIOCVHANGUP not permitted here");
        return;
    }
    let status = p.wait();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        status.code(),
        Some(128 + libc::SIGHUP),
        "{:?}",
        status.signal()
    );
}
