//! The terminal is restored when the TUI ends, whatever ends it: `q`, and
//! the signals SIGTERM (exit status 143), SIGHUP (129), SIGUSR1, SIGUSR2 and
//! SIGALRM; it is restored on a suspend (SIGTSTP, Ctrl-Z) and set up and
//! drawn again on SIGCONT. The TUI runs in a pseudo-terminal made here
//! (openpty); the test reads what it wrote and the terminal's settings.

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
    spawn_with(home, &[], None)
}

/// The TUI with these arguments, on a new pty; standard output to `stdout`
/// instead of the pty when given.
fn spawn_with(home: &std::path::Path, args: &[&str], stdout: Option<std::fs::File>) -> Pty {
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
    cmd.args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home)
        .env("TERM", "xterm-256color")
        .stdin(io())
        .stdout(stdout.map_or_else(io, Stdio::from))
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

    /// Everything written so far.
    fn written(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Waits (a hang guard of 20 s) until what was written after byte `from` holds every one of `what`.
    fn wait_for_after(&self, from: usize, what: &[&[u8]]) -> Vec<u8> {
        let start = Instant::now();
        loop {
            let out = self.output.lock().unwrap()[from..].to_vec();
            if what.iter().all(|w| contains(&out, w)) {
                return out;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {what:?} in {}",
                String::from_utf8_lossy(&out).escape_debug()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits (a hang guard of 20 s) until the TUI has stopped itself.
    fn wait_stopped(&self) {
        let start = Instant::now();
        loop {
            let mut status = 0;
            // SAFETY: waitpid on our own child, reporting a stop without reaping it.
            let r = unsafe {
                libc::waitpid(
                    self.child.id() as i32,
                    &mut status,
                    libc::WUNTRACED | libc::WNOHANG,
                )
            };
            if r > 0 && libc::WIFSTOPPED(status) {
                return;
            }
            assert!(r >= 0, "the TUI ended instead of stopping");
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the TUI did not stop"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, sig: i32) {
        // SAFETY: sending a signal to our own child.
        assert_eq!(unsafe { libc::kill(self.child.id() as i32, sig) }, 0);
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
    assert_restored_in(p, &p.tail());
}

/// `tail` (what the TUI wrote last) leaves the alternate screen, shows the
/// cursor and turns mouse reporting off, and the terminal is in cooked mode.
fn assert_restored_in(p: &Pty, tail: &[u8]) {
    let shown = String::from_utf8_lossy(tail).escape_debug().to_string();
    assert!(
        contains(tail, b"\x1b[?1049l"),
        "alternate screen left: {shown}"
    );
    assert!(contains(tail, b"\x1b[?25h"), "cursor shown: {shown}");
    assert!(
        contains(tail, b"\x1b[?1000l"),
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

/// Presses q: the TUI ends with status 0 and the terminal restored.
fn quits_on_q(p: &mut Pty) {
    p.master.write_all(b"q").unwrap();
    let status = p.wait();
    assert_restored(p);
    assert_eq!(status.code(), Some(0));
}

#[test]
fn q_restores_the_terminal_and_exits_0() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path());
    p.wait_for_screen();
    quits_on_q(&mut p);
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

#[test]
fn sigusr1_sigusr2_and_sigalrm_restore_the_terminal_and_exit_128_plus_n() {
    for sig in [libc::SIGUSR1, libc::SIGUSR2, libc::SIGALRM] {
        assert_eq!(ends_on_signal(sig), 128 + sig, "signal {sig}");
    }
}

/// A suspend restores the terminal and stops the process; SIGCONT sets the
/// terminal up again (raw mode, alternate screen, mouse) and draws the whole
/// screen; the TUI then goes on (q quits).
fn suspends_and_resumes(suspend: impl Fn(&mut Pty)) {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path());
    p.wait_for_screen();
    assert!(!p.cooked(), "the TUI runs in raw mode");
    let before = p.written();
    suspend(&mut p);
    p.wait_stopped();
    let stopped = p.wait_for_after(before, &[b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l"]);
    assert_restored_in(&p, &stopped);
    let at = p.written();
    p.signal(libc::SIGCONT);
    // Back: the alternate screen, mouse reporting, and a whole screen drawn again.
    p.wait_for_after(at, &[b"\x1b[?1049h", b"\x1b[?1000h", b"Article"]);
    let start = Instant::now();
    while p.cooked() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "raw mode not re-entered"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    quits_on_q(&mut p);
}

#[test]
fn sigtstp_restores_the_terminal_and_sigcont_redraws_it() {
    suspends_and_resumes(|p| p.signal(libc::SIGTSTP));
}

#[test]
fn ctrl_z_suspends_as_sigtstp_does() {
    suspends_and_resumes(|p| p.master.write_all(b"\x1a").unwrap());
}

#[test]
fn sigterm_during_a_review_says_which_decisions_are_lost() {
    let home = tempfile::tempdir().unwrap();
    let case = home.path().join("case");
    std::fs::create_dir(&case).unwrap();
    for f in ["article.md", "claims.toml"] {
        std::fs::copy(
            std::path::Path::new("tests/fixtures/case_review").join(f),
            case.join(f),
        )
        .unwrap();
    }
    let claims = std::fs::read(case.join("claims.toml")).unwrap();
    let mut p = spawn_with(home.path(), &["--case", case.to_str().unwrap()], None);
    p.wait_for_screen();
    let at = p.written();
    p.master.write_all(b"A").unwrap();
    p.wait_for_after(at, &[b"accepted. 1 decision not written"]);
    p.signal(libc::SIGTERM);
    let status = p.wait();
    assert_eq!(status.code(), Some(128 + libc::SIGTERM));
    assert_restored(&p);
    let tail = String::from_utf8_lossy(&p.tail()).into_owned();
    let restored = tail.rfind("\x1b[?1049l").unwrap();
    let note = format!(
        "claimlens: ended by signal 15 with 1 review decision not written to {}; they are lost",
        case.join("claims.toml").display()
    );
    let said = tail
        .find(&note)
        .unwrap_or_else(|| panic!("{}", tail.escape_debug()));
    assert!(said > restored, "said after the terminal was restored");
    assert_eq!(std::fs::read(case.join("claims.toml")).unwrap(), claims);
}

#[test]
fn standard_output_not_a_terminal_is_refused_with_no_terminal() {
    // `claimlens > file` from a terminal: nothing is drawn into the file.
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("out.txt");
    let file = std::fs::File::create(&out).unwrap();
    let mut p = spawn_with(home.path(), &[], Some(file));
    let status = p.wait();
    assert_eq!(status.code(), Some(1));
    let said = String::from_utf8_lossy(&p.output.lock().unwrap()).into_owned();
    assert!(
        said.contains("claimlens: the terminal: no terminal"),
        "{said}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"");
    assert!(p.cooked(), "the terminal was never changed");
}
