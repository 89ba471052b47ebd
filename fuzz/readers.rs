//! Fuzz harness: arbitrary and mutated bytes for every reader of the
//! project — each raw official format, the tidy CSV tables, claims.toml,
//! article.md and the config file.
//!
//! For every input the reader must
//! - not panic (proptest reports a panic as a failure, with the input shrunk);
//! - stay within a memory bound: the peak of the bytes allocated while it
//!   runs, counted by this binary's allocator, is at most a fixed multiple of
//!   the input's size plus a constant (deterministic, unlike a time limit);
//! - fail, when it fails, with an error naming the file it was given and, when
//!   the error names a line, a line of the input.
//!
//! The hostile classes (damaged archives, special files in place of every
//! input, config blocs, the import round trip) are in `hostile.rs`. Every
//! case is counted, and so are panics, hangs (a case still running after two
//! minutes, or a command after one) and silent changes (a damaged archive read
//! as other data); the long run ends with that count.
//!
//! `cargo test --test fuzz` runs the short part (about 1,800 cases in all).
//! The long run is ignored by default: `fuzz/run.sh` (or
//! `FUZZ_CASES=20000 cargo test --release --test fuzz -- --ignored`), which
//! also prints the slowest case of each reader.

mod hostile;
#[allow(dead_code)]
#[path = "../tests/common/hostile.rs"]
mod shared;

use claimlens::claims::case_from_texts;
use claimlens::data::Dataset;
use claimlens::data::import::{TABLES, read_one};
use claimlens::error::InputError;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

// ---- the count of cases, panics, hangs and silent changes ----

/// What the run has seen, for its last line.
#[derive(Default)]
struct Tally {
    cases: AtomicUsize,
    panics: AtomicUsize,
    hangs: AtomicUsize,
    silent: AtomicUsize,
    /// The call under way (what, since when), for the hang guard.
    busy: Mutex<Option<(String, Instant)>>,
}

/// A case still running after this long is a hang: the run stops there.
const HANG: Duration = Duration::from_secs(120);

fn tally() -> &'static Tally {
    static TALLY: OnceLock<Tally> = OnceLock::new();
    let mut first = false;
    let t = TALLY.get_or_init(|| {
        first = true;
        Tally::default()
    });
    if first {
        // The hang guard: a watch on the call under way, not a timing.
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let busy = t.busy.lock().unwrap_or_else(|e| e.into_inner()).clone();
                if let Some((what, since)) = busy
                    && since.elapsed() > HANG
                {
                    t.hang();
                    eprintln!("fuzz: {what}: still running after {} s", HANG.as_secs());
                    println!("{}", t.report());
                    std::process::exit(1);
                }
            }
        });
    }
    t
}

impl Tally {
    fn case(&self) {
        self.cases.fetch_add(1, Ordering::Relaxed);
    }

    fn hang(&self) {
        self.hangs.fetch_add(1, Ordering::Relaxed);
    }

    fn silent(&self) {
        self.silent.fetch_add(1, Ordering::Relaxed);
    }

    /// Runs `f` under the hang guard; a panic is counted and fails the case.
    fn no_panic<T>(&self, what: &str, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
        *self.busy.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((what.to_string(), Instant::now()));
        let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        *self.busy.lock().unwrap_or_else(|e| e.into_inner()) = None;
        got.map_err(|_| {
            self.panics.fetch_add(1, Ordering::Relaxed);
            TestCaseError::fail(format!("{what}: panicked"))
        })
    }

    fn report(&self) -> String {
        let n = |a: &AtomicUsize| a.load(Ordering::Relaxed);
        format!(
            "fuzz: {} cases: {} panics, {} hangs, {} silent changes",
            n(&self.cases),
            n(&self.panics),
            n(&self.hangs),
            n(&self.silent)
        )
    }

    fn clean(&self) -> bool {
        [&self.panics, &self.hangs, &self.silent]
            .iter()
            .all(|a| a.load(Ordering::Relaxed) == 0)
    }
}

// ---- a counting allocator: current and peak bytes ----

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, only counting sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new) };
        if !p.is_null() {
            if new >= layout.size() {
                let now = CURRENT.fetch_add(new - layout.size(), Ordering::Relaxed)
                    + (new - layout.size());
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                CURRENT.fetch_sub(layout.size() - new, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Measurements are made one reader call at a time (tests run on threads).
static MEASURE: Mutex<()> = Mutex::new(());

/// The tests of this file run one at a time: the allocation counter is
/// global, so another test's allocations (a claims file evaluated over the
/// bundled data) would count against the reader being measured.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f`, returning its result and the peak bytes allocated meanwhile
/// above what was allocated before.
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let _one = MEASURE.lock().unwrap_or_else(|e| e.into_inner());
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let out = f();
    (out, PEAK.load(Ordering::SeqCst).saturating_sub(base))
}

/// The memory bound: 200 bytes per input byte (a parsed row costs about 150
/// bytes for a 15-byte FRED line) plus an allowance of 4 MiB, or four times
/// what the valid seed needs when that is more (claims are evaluated over the
/// bundled dataset, which costs the same whatever the claims file's size).
fn bound(t: &Target, input: usize) -> usize {
    limit(t.seed_peak, input)
}

/// [`bound`] for a reader whose valid seed allocates `seed_peak` bytes.
fn limit(seed_peak: usize, input: usize) -> usize {
    200 * input + (4 << 20).max(4 * seed_peak)
}

// ---- inputs ----

/// Seeds: small files in each format (the test fixtures, which the project writes).
fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// One change to a seed: (kind, position, byte, length).
type Edit = (u8, usize, u8, usize);

/// Applies edits: flip a byte, insert bytes, delete a range, cut the file,
/// repeat a line, or insert a run of field separators, quotes or newlines.
fn mutate(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for &(kind, pos, byte, len) in edits {
        let at = if v.is_empty() { 0 } else { pos % (v.len() + 1) };
        match kind % 7 {
            0 if at < v.len() => v[at] ^= byte | 1,
            1 => v
                .splice(at..at, std::iter::repeat_n(byte, len % 8 + 1))
                .for_each(drop),
            2 => {
                let end = (at + len % 64).min(v.len());
                v.drain(at..end);
            }
            3 => v.truncate(at),
            4 => {
                let start = v[..at]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = v[at..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(v.len(), |i| at + i + 1);
                let line = v[start..end].to_vec();
                v.splice(
                    end..end,
                    line.iter()
                        .copied()
                        .cycle()
                        .take(line.len() * (len % 4 + 1)),
                )
                .for_each(drop);
            }
            5 => {
                let sep = [b',', b'\t', b'"', b'\n', b'\r', b' ', b'#', b'['][byte as usize % 8];
                v.splice(at..at, std::iter::repeat_n(sep, len % 4096 + 1))
                    .for_each(drop);
            }
            _ => {
                let s = [
                    "\u{feff}", "\u{0}", "é", "2,211", "-", "n.a.", "9999-99", "\u{202e}",
                ];
                let s = s[byte as usize % s.len()].as_bytes();
                v.splice(at..at, s.iter().copied()).for_each(drop);
            }
        }
    }
    v
}

fn lines_of(bytes: &[u8]) -> usize {
    1 + bytes.iter().filter(|b| **b == b'\n').count()
}

/// The error names the file given and, if it names a line, one of the input.
fn check_error(e: &InputError, file: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    prop_assert!(
        e.file.ends_with(file),
        "error names {:?}, expected {file:?}: {e}",
        e.file
    );
    prop_assert!(!e.message.is_empty());
    if let Some(line) = e.line {
        prop_assert!(
            line >= 1 && line <= lines_of(bytes) + 1,
            "line {line} is outside the input ({} lines): {e}",
            lines_of(bytes)
        );
    }
    prop_assert!(e.to_string().starts_with(&e.file));
    Ok(())
}

// ---- the readers ----

/// A call that reads one input.
type Reader = Box<dyn Fn(&[u8]) -> Result<(), InputError> + Sync + Send>;

/// A reader under test: a name, a seed in its format, and the call.
struct Target {
    name: &'static str,
    file: &'static str,
    seed: Vec<u8>,
    read: Reader,
    /// Peak bytes allocated while reading the seed.
    seed_peak: usize,
    /// Another file the call reads, which its errors may name (a changed
    /// article can leave a quote of claims.toml unmatched).
    other: Option<(&'static str, Vec<u8>)>,
    /// A raw official file (read by the importer).
    raw: bool,
}

fn dataset() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::embedded().unwrap())
}

fn text(file: &str, bytes: &[u8]) -> Result<String, InputError> {
    claimlens::input::decode(file, bytes).map(str::to_string)
}

fn targets() -> Vec<Target> {
    let mut all = unmeasured_targets();
    for t in &mut all {
        t.seed_peak = measured(|| (t.read)(&t.seed)).1;
    }
    all
}

fn unmeasured_targets() -> Vec<Target> {
    let raw = [
        (
            "context_facts",
            "context_facts.csv",
            "tests/fixtures/raw/csv/context_facts.csv",
        ),
        (
            "fred_dgs10",
            "fred_DGS10_daily.csv",
            "tests/fixtures/raw/csv/fred_DGS10_daily.csv",
        ),
        (
            "fred_dtwexbgs",
            "fred_DTWEXBGS_daily.csv",
            "tests/fixtures/raw/csv/fred_DTWEXBGS_daily.csv",
        ),
        (
            "fred_sp500",
            "fred_SP500_daily.csv",
            "tests/fixtures/raw/csv/fred_SP500_daily.csv",
        ),
        (
            "mfhhis01",
            "mfhhis01_20260518.txt",
            "tests/fixtures/raw/mfh/valid.txt",
        ),
        (
            "s1_globl",
            "s1_globl.txt",
            "tests/fixtures/raw/form_s/s1_globl.txt",
        ),
        (
            "slt_table1",
            "slt_table1.txt",
            "tests/fixtures/raw/slt/slt_table1.txt",
        ),
        (
            "slt_table3",
            "slt_table3.txt",
            "tests/fixtures/raw/slt/slt_table3.txt",
        ),
        (
            "slt_table5",
            "slt_table5.txt",
            "tests/fixtures/raw/slt/slt_table5.txt",
        ),
        (
            "tic_facts",
            "tic_transactions_facts.csv",
            "tests/fixtures/raw/csv/tic_transactions_facts.csv",
        ),
        (
            "wgc_gold_reserves",
            "wgc_gold_reserves_by_country_quarterly.csv",
            "tests/fixtures/raw/csv/wgc_gold_reserves_by_country_quarterly.csv",
        ),
    ];
    let mut out: Vec<Target> = raw
        .into_iter()
        .map(|(id, file, seed)| {
            let spec = TABLES.iter().find(|t| t.id == id).unwrap();
            Target {
                name: id,
                file,
                seed: fixture(seed),
                read: Box::new(move |b| {
                    let t = read_one(spec, file, b)?;
                    // The importer must never make a table the tidy reader
                    // refuses (some raw files and tables share a name, so
                    // such an error is told apart by the file it names).
                    Dataset::from_files([(t.name.clone(), t.csv.as_str())])
                        .map(drop)
                        .map_err(|e| {
                            InputError::new("<the table import made>", e.line, e.to_string())
                        })
                }),
                seed_peak: 0,
                other: None,
                raw: true,
            }
        })
        .collect();
    let tidy: String = std::fs::read_to_string("data/slt_table5.csv")
        .unwrap()
        .lines()
        .take(40)
        .map(|l| format!("{l}\n"))
        .collect();
    out.push(Target {
        name: "tidy",
        file: "slt_table5.csv",
        seed: tidy.into_bytes(),
        read: Box::new(|b| {
            let t = text("slt_table5.csv", b)?;
            Dataset::from_files([("slt_table5.csv".to_string(), t.as_str())]).map(drop)
        }),
        seed_peak: 0,
        other: None,
        raw: false,
    });
    let article = fixture("tests/fixtures/case_small/article.md");
    let claims = fixture("tests/fixtures/case_small/claims.toml");
    let article_text = String::from_utf8(article.clone()).unwrap();
    let claims_text = String::from_utf8(claims.clone()).unwrap();
    let claims_seed = claims.clone();
    out.push(Target {
        name: "claims",
        file: "claims.toml",
        seed: claims,
        read: Box::new(move |b| {
            let t = text("claims.toml", b)?;
            case_from_texts(dataset(), "article.md", &article_text, "claims.toml", &t).map(drop)
        }),
        seed_peak: 0,
        other: None,
        raw: false,
    });
    out.push(Target {
        name: "article",
        file: "article.md",
        seed: article,
        read: Box::new(move |b| {
            let t = text("article.md", b)?;
            claimlens::claims::Article::parse("article.md", &t)?;
            case_from_texts(dataset(), "article.md", &t, "claims.toml", &claims_text).map(drop)
        }),
        seed_peak: 0,
        other: Some(("claims.toml", claims_seed)),
        raw: false,
    });
    out.push(Target {
        name: "config",
        file: "config.toml",
        seed: b"theme = \"light\"\n\n[keys]\nquit = \"x\"\nnext_claim = [\"n\", \"N\"]\ndown = \"J\"\n"
            .to_vec(),
        read: Box::new(|b| {
            let t = text("config.toml", b)?;
            claimlens::config::parse("config.toml", &t).map(drop)
        }),
        seed_peak: 0,
        other: None,
        raw: false,
    });
    out
}

/// Runs one target on `cases` arbitrary and `cases` mutated inputs; returns
/// the slowest case (for the long run's report).
fn fuzz(t: &Target, cases: u32) -> (Duration, usize) {
    let slowest = std::cell::Cell::new((Duration::ZERO, 0));
    let one = |bytes: Vec<u8>| -> Result<(), TestCaseError> {
        tally().case();
        let start = Instant::now();
        let (result, peak) = tally().no_panic(t.name, || measured(|| (t.read)(&bytes)))?;
        let took = start.elapsed();
        if took > slowest.get().0 {
            slowest.set((took, bytes.len()));
        }
        prop_assert!(
            peak <= bound(t, bytes.len()),
            "{}: {peak} bytes allocated for {} bytes of input",
            t.name,
            bytes.len()
        );
        if let Err(e) = result {
            match &t.other {
                Some((file, text)) if e.file == *file => check_error(&e, file, text)?,
                _ => check_error(&e, t.file, &bytes)?,
            }
        }
        Ok(())
    };
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config.clone());
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..2048), one)
        .unwrap_or_else(|e| panic!("{} (arbitrary bytes): {e}", t.name));
    let mut runner = TestRunner::new(config);
    let edits = proptest::collection::vec(
        (any::<u8>(), any::<usize>(), any::<u8>(), any::<usize>()),
        1..6,
    );
    runner
        .run(&edits, |e| one(mutate(&t.seed, &e)))
        .unwrap_or_else(|e| panic!("{} (mutated seed): {e}", t.name));
    slowest.get()
}

#[test]
fn every_reader_survives_arbitrary_and_mutated_bytes() {
    let _one = serial();
    // 15 readers x (40 arbitrary + 40 mutated) = 1,200 cases.
    for t in targets() {
        fuzz(&t, 40);
    }
}

#[test]
fn hostile_inputs_are_refused_or_read_as_intact() {
    let _one = serial();
    hostile::damaged_archives(200);
    hostile::config_blocs(100);
    hostile::round_trip(20);
    // A FIFO, /dev/zero and one other kind for each input (every kind in the long run).
    hostile::special_files(false);
    let t = tally();
    println!("{}", t.report());
    assert!(t.clean(), "{}", t.report());
}

#[test]
fn the_seeds_are_valid_inputs() {
    let _one = serial();
    // Otherwise the mutated cases would only ever test error paths.
    for t in targets() {
        if let Err(e) = (t.read)(&t.seed) {
            panic!("{}: the seed is refused: {e}", t.name);
        }
    }
}

#[test]
fn long_lines_of_separators_stay_within_the_memory_bound() {
    let _one = serial();
    // The case that used to cost 1.6 GB for 1 MB: a line of commas (and of
    // tabs, and of quotes), here 256 KiB long (the long run: fuzz/run.sh).
    for t in targets() {
        for sep in [b',', b'\t', b'"'] {
            let mut bytes = t.seed.clone();
            bytes.extend(std::iter::repeat_n(sep, 1 << 18));
            bytes.push(b'\n');
            let (result, peak) = measured(|| (t.read)(&bytes));
            assert!(peak <= bound(&t, bytes.len()), "{}: {peak} bytes", t.name);
            if let Err(e) = result {
                check_error(&e, t.file, &bytes).unwrap();
            }
        }
    }
}

#[test]
#[ignore = "long run: fuzz/run.sh"]
fn long_run() {
    let _one = serial();
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    for t in targets() {
        let (took, len) = fuzz(&t, cases);
        println!(
            "{:<18} {cases} + {cases} cases, slowest {:.1} ms ({len} bytes)",
            t.name,
            took.as_secs_f64() * 1000.0
        );
    }
    type Class = (&'static str, u32, fn(u32));
    let classes: [Class; 3] = [
        ("damaged archives", cases, hostile::damaged_archives),
        ("config blocs", cases, hostile::config_blocs),
        ("import round trip", cases / 10, hostile::round_trip),
    ];
    for (name, n, run) in classes {
        let start = Instant::now();
        run(n);
        println!(
            "{name:<18} {n} cases, {:.1} s",
            start.elapsed().as_secs_f64()
        );
    }
    let start = Instant::now();
    hostile::special_files(true);
    println!(
        "{:<18} every input x every kind, {:.1} s",
        "special files",
        start.elapsed().as_secs_f64()
    );
    let t = tally();
    println!("{}", t.report());
    assert!(t.clean(), "{}", t.report());
}
