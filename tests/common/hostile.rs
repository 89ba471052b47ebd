//! Helpers shared by the tests (and the fuzz harness) that put hostile
//! things in place of inputs: the fixture raw folder, a FIFO, a command run
//! within a hang guard.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// The fixture raw files (under tests/fixtures/raw) and the names of the
/// raw folder they stand for.
pub const RAW_FIXTURES: [(&str, &str); 11] = [
    ("mfh/valid.txt", "mfhhis01_20260518.txt"),
    ("slt/slt_table1.txt", "slt_table1.txt"),
    ("slt/slt_table3.txt", "slt_table3.txt"),
    ("slt/slt_table5.txt", "slt_table5.txt"),
    ("form_s/s1_globl.txt", "s1_globl.txt"),
    ("csv/fred_SP500_daily.csv", "fred_SP500_daily.csv"),
    ("csv/fred_DGS10_daily.csv", "fred_DGS10_daily.csv"),
    ("csv/fred_DTWEXBGS_daily.csv", "fred_DTWEXBGS_daily.csv"),
    (
        "csv/wgc_gold_reserves_by_country_quarterly.csv",
        "wgc_gold_reserves_by_country_quarterly.csv",
    ),
    ("csv/context_facts.csv", "context_facts.csv"),
    (
        "csv/tic_transactions_facts.csv",
        "tic_transactions_facts.csv",
    ),
];

/// The bytes of a fixture raw file.
pub fn raw_fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/raw")
            .join(path),
    )
    .unwrap()
}

/// Every fixture raw file written into `dir` under its raw folder name.
pub fn fill_raw_folder(dir: &Path) {
    for (from, name) in RAW_FIXTURES {
        std::fs::write(dir.join(name), raw_fixture(from)).unwrap();
    }
}

/// A FIFO at `path`.
pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads a NUL-terminated path.
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o600) },
        0,
        "{}",
        path.display()
    );
}

/// Runs a command to its end, standard input closed, within a hang guard
/// (not a timing): `None` when it was still running after a minute (it is
/// then killed).
pub fn guarded(cmd: &mut Command) -> Option<Output> {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as i32;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output().unwrap()));
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => Some(out),
        Err(_) => {
            // SAFETY: killing our own child, which has not been waited for.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            None
        }
    }
}

/// Every entry under a folder, with the bytes of its regular files (never
/// opening a FIFO or a device), to show that a command changed nothing.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let kind = format!("{:?}", meta.file_type());
            let bytes = if meta.is_file() {
                std::fs::read(&p).unwrap()
            } else {
                vec![]
            };
            if meta.is_dir() {
                todo.push(p.clone());
            }
            out.push((p, kind, bytes));
        }
    }
    out.sort();
    out
}
