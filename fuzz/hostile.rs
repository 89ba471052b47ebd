//! The hostile classes of the fuzz harness, beyond bytes for each reader:
//!
//! - **damaged archives**: an archive of one vintage, its index and vintage
//!   file mutated (flipped bits, cut, bytes inserted or deleted, JSON fields
//!   changed), must be refused naming the damaged file, or read exactly as
//!   the intact archive: anything else is a *silent change*;
//! - **special files**: a FIFO with no writer, a device (`/dev/zero`,
//!   `/dev/null`, `/dev/urandom`), a socket, a folder and a link to a FIFO in
//!   place of every input the binary reads: exit status 2 naming the path,
//!   within a hang guard (a command still running after a minute is a *hang*);
//! - **config blocs**: `[[bloc]]` tables with random includes (earlier,
//!   later, itself, unknown), members and dates, and blocs including every
//!   bloc before them: within the memory bound, each bloc's memberships
//!   distinct and bounded, errors naming the file and a line of it;
//! - **round trip**: a mutated raw file that `import` accepts is written out
//!   and read back as `--data` reads it, value for value.

use super::{check_error, limit, measured, mutate, tally};
use claimlens::archive::{Archive, VintageRecord};
use claimlens::data::Dataset;
use claimlens::data::import::{TABLES, read_one};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::path::{Path, PathBuf};
use std::process::Command;

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

fn edits() -> impl Strategy<Value = Vec<(u8, usize, u8, usize)>> {
    proptest::collection::vec(
        (any::<u8>(), any::<usize>(), any::<u8>(), any::<usize>()),
        1..6,
    )
}

// ---- damaged archives ----

/// An archive of one vintage (the fixture slt_table5, which revises the
/// embedded data) in a folder of its own.
struct Intact {
    _home: tempfile::TempDir,
    dir: PathBuf,
    files: Vec<(PathBuf, Vec<u8>)>,
    index: claimlens::archive::Index,
    values: Vec<claimlens::data::Series>,
}

fn intact_archive() -> Intact {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("claimlens");
    let spec = TABLES.iter().find(|t| t.id == "slt_table5").unwrap();
    let raw = super::fixture("tests/fixtures/raw/slt/slt_table5.txt");
    let table = read_one(spec, "slt_table5.txt", &raw).unwrap();
    let add = Dataset::from_files([(table.name.clone(), table.csv.as_str())]).unwrap();
    let fresh = claimlens::archive::merge(&super::dataset().clone(), &add).fresh;
    let lock = claimlens::archive::lock(&dir).unwrap();
    let mut archive = Archive::open_locked(&dir, &lock).unwrap();
    let record = VintageRecord {
        id: "20260701T120000Z".into(),
        fetched: "2026-07-01T12:00:00Z".into(),
        from: "official".into(),
        files: vec!["slt_table5.txt".into()],
        values: fresh.len(),
        size: None,
        checksum: None,
    };
    let packed = claimlens::data::packed::encode(&fresh);
    archive
        .commit(&lock, Some((record, packed)), vec![])
        .unwrap();
    drop(lock);
    let files = [
        dir.join("archive.json"),
        dir.join("vintages/20260701T120000Z.bin"),
    ]
    .into_iter()
    .map(|p| {
        let b = std::fs::read(&p).unwrap();
        (p, b)
    })
    .collect();
    let (index, values) = read_archive(&dir).unwrap();
    assert!(!values.is_empty());
    Intact {
        _home: home,
        dir,
        files,
        index,
        values,
    }
}

/// What a command would take from the archive: its index and the values of its vintages.
fn read_archive(
    dir: &Path,
) -> Result<(claimlens::archive::Index, Vec<claimlens::data::Series>), claimlens::error::Error> {
    let a = Archive::open(dir)?;
    let mut values = Vec::new();
    for v in &a.index.vintages {
        values.extend(a.read_vintage(v)?.all_series().iter().cloned());
    }
    Ok((a.index, values))
}

/// One JSON field of the index changed (a value replaced by another of its kind).
fn reshape(index: &[u8], pick: usize, byte: u8) -> Vec<u8> {
    let Ok(mut v) = serde_json::from_slice::<serde_json::Value>(index) else {
        return index.to_vec();
    };
    fn leaves(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::Object(m) => m.values().map(leaves).sum(),
            serde_json::Value::Array(a) => a.iter().map(leaves).sum(),
            _ => 1,
        }
    }
    /// Changes leaf number `k` (in walking order); returns how many leaves it walked past.
    fn change(v: &mut serde_json::Value, k: usize, byte: u8) -> usize {
        let children: Vec<&mut serde_json::Value> = match v {
            serde_json::Value::Object(m) => m.values_mut().collect(),
            serde_json::Value::Array(a) => a.iter_mut().collect(),
            leaf => {
                if k == 0 {
                    *leaf = match leaf {
                        serde_json::Value::Number(n) => {
                            (n.as_u64().unwrap_or(0) + 1 + u64::from(byte)).into()
                        }
                        serde_json::Value::String(s) => {
                            format!("{s}{}", char::from(b'a' + byte % 26)).into()
                        }
                        serde_json::Value::Bool(b) => (!*b).into(),
                        _ => u64::from(byte).into(),
                    };
                }
                return 1;
            }
        };
        let mut seen = 0;
        for c in children {
            if seen <= k {
                seen += change(c, k - seen, byte);
            }
        }
        seen
    }
    let n = leaves(&v);
    if n == 0 {
        return index.to_vec();
    }
    change(&mut v, pick % n, byte);
    let mut out = serde_json::to_vec_pretty(&v).unwrap();
    out.push(b'\n');
    out
}

/// Damaged archives: each refused naming the damaged file, or read exactly as the intact one.
pub fn damaged_archives(cases: u32) {
    let intact = intact_archive();
    let mut r = runner(cases);
    let strategy = (any::<u8>(), any::<usize>(), any::<u8>(), edits());
    let result = r.run(&strategy, |(which, pick, byte, edits)| {
        tally().case();
        let mut damaged: Vec<Vec<u8>> = intact.files.iter().map(|(_, b)| b.clone()).collect();
        match which % 4 {
            0 => damaged[0] = mutate(&damaged[0], &edits),
            1 => damaged[1] = mutate(&damaged[1], &edits),
            2 => damaged[0] = reshape(&damaged[0], pick, byte),
            _ => {
                damaged[0] = mutate(&damaged[0], &edits[..1]);
                damaged[1] = mutate(&damaged[1], &edits[edits.len() - 1..]);
            }
        }
        for ((path, _), bytes) in intact.files.iter().zip(&damaged) {
            std::fs::write(path, bytes).unwrap();
        }
        let changed: Vec<&PathBuf> = intact
            .files
            .iter()
            .zip(&damaged)
            .filter(|((_, good), bad)| good != *bad)
            .map(|((p, _), _)| p)
            .collect();
        let got = tally().no_panic("damaged archive", || read_archive(&intact.dir));
        // The intact archive again, for the next case (an upgrade may have written).
        for (path, good) in &intact.files {
            std::fs::write(path, good).unwrap();
        }
        match got? {
            Err(e) => {
                let text = e.to_string();
                prop_assert!(e.exit_code() == 2, "exit {}: {text}", e.exit_code());
                prop_assert!(
                    changed
                        .iter()
                        .any(|p| text.starts_with(&p.display().to_string())),
                    "names no damaged file ({changed:?}): {text}"
                );
                prop_assert!(text.contains("rm -r"), "{text}");
            }
            Ok((index, values)) => {
                if index != intact.index || values != intact.values {
                    tally().silent();
                    prop_assert!(false, "a damaged archive read as other data: {changed:?}");
                }
            }
        }
        Ok(())
    });
    result.unwrap_or_else(|e| panic!("damaged archives: {e}"));
}

// ---- special files in place of every input ----

/// The binary with a home of its own, within the hang guard (`None`: it hung).
fn run_guarded(home: &Path, args: &[&str]) -> Option<std::process::Output> {
    super::shared::guarded(
        Command::new(env!("CARGO_BIN_EXE_claimlens"))
            .args(args)
            .current_dir(home)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share")),
    )
}

/// Something that is not a regular file, made at a path.
#[derive(Clone, Copy, Debug)]
enum Special {
    Fifo,
    Zero,
    Null,
    Random,
    Socket,
    Folder,
    LinkToFifo,
}

impl Special {
    const ALL: [Special; 7] = [
        Special::Fifo,
        Special::Zero,
        Special::Null,
        Special::Random,
        Special::Socket,
        Special::Folder,
        Special::LinkToFifo,
    ];

    /// Puts it at `path` (whatever was there goes); a socket's listener is returned to keep.
    fn make(self, path: &Path) -> Option<std::os::unix::net::UnixListener> {
        let _ = std::fs::remove_file(path);
        let fifo = super::shared::mkfifo;
        let link = |to: &str| std::os::unix::fs::symlink(to, path).unwrap();
        match self {
            Special::Fifo => fifo(path),
            Special::Zero => link("/dev/zero"),
            Special::Null => link("/dev/null"),
            Special::Random => link("/dev/urandom"),
            Special::Socket => return Some(std::os::unix::net::UnixListener::bind(path).unwrap()),
            Special::Folder => std::fs::create_dir(path).unwrap(),
            Special::LinkToFifo => {
                let target = path.with_extension("fifo");
                fifo(&target);
                link(target.to_str().unwrap());
            }
        }
        None
    }

    /// What the error must say.
    fn words(self) -> &'static str {
        match self {
            Special::Fifo | Special::LinkToFifo => "is a FIFO",
            Special::Zero | Special::Null | Special::Random => "is a device",
            Special::Socket => "is a socket",
            Special::Folder => "is a folder",
        }
    }
}

/// A home with a case folder, an article, a data folder, a config folder, an
/// archive of one vintage and a raw folder, each of whose inputs a command reads.
fn home_with_every_input(h: &Path, archive: &Intact) {
    let case = h.join("case");
    std::fs::create_dir_all(&case).unwrap();
    for f in ["article.md", "claims.toml"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/case_small")
            .join(f);
        std::fs::copy(&from, case.join(f)).unwrap();
    }
    std::fs::copy(case.join("article.md"), h.join("article.md")).unwrap();
    std::fs::copy(case.join("claims.toml"), h.join("claims.toml")).unwrap();
    std::fs::create_dir_all(h.join("data")).unwrap();
    std::fs::create_dir_all(h.join(".config/claimlens")).unwrap();
    let share = h.join(".local/share/claimlens/vintages");
    std::fs::create_dir_all(&share).unwrap();
    for (path, bytes) in &archive.files {
        let rel = path.strip_prefix(&archive.dir).unwrap();
        std::fs::write(h.join(".local/share/claimlens").join(rel), bytes).unwrap();
    }
    let raw = h.join("raw");
    std::fs::create_dir_all(&raw).unwrap();
    super::shared::fill_raw_folder(&raw);
}

/// Every input the binary reads (the path to replace, the command that reads it).
const INPUTS: [(&str, &[&str]); 13] = [
    ("case/claims.toml", &["check", "--case", "case"]),
    ("case/article.md", &["check", "--case", "case"]),
    ("case/blocs.toml", &["blocs", "--case", "case"]),
    ("data/slt_table5.csv", &["--data", "data", "series"]),
    ("c.toml", &["--config", "c.toml", "render"]),
    (".config/claimlens/config.toml", &["render"]),
    ("article.md", &["draft", "article.md"]),
    (
        "claims.toml",
        &["draft", "case/article.md", "--check", "claims.toml"],
    ),
    (".local/share/claimlens/archive.json", &["check"]),
    (
        ".local/share/claimlens/vintages/20260701T120000Z.bin",
        &["check"],
    ),
    (
        "raw/slt_table5.txt",
        &["import", "--from", "raw", "--out", "out"],
    ),
    ("case/claims.toml", &["--case", "case"]),
    ("case/article.md", &["present", "--case", "case"]),
];

/// Every kind of special file (`all`; else a FIFO, /dev/zero and one other
/// kind in turn) in place of every input: exit 2 naming the path, nothing
/// printed, nothing on disk changed, no hang.
pub fn special_files(all: bool) {
    let archive = intact_archive();
    let mut failures = Vec::new();
    for (i, (file, args)) in INPUTS.into_iter().enumerate() {
        let kinds = match all {
            true => Special::ALL.to_vec(),
            false => vec![Special::Fifo, Special::Zero, Special::ALL[2 + i % 5]],
        };
        for kind in kinds {
            tally().case();
            let home = tempfile::tempdir().unwrap();
            let h = home.path();
            home_with_every_input(h, &archive);
            let _keep = kind.make(&h.join(file));
            let before = super::shared::snapshot(h);
            let Some(o) = run_guarded(h, args) else {
                tally().hang();
                failures.push(format!("{file} as {kind:?}: hung ({args:?})"));
                continue;
            };
            let err = String::from_utf8_lossy(&o.stderr);
            // A folder where a file is expected may be named by the folder's own message.
            let named = err.contains(&format!("{file}: {}", kind.words()))
                || err.contains(&format!("{file}: the archive"))
                || (matches!(kind, Special::Folder) && err.contains(file));
            if o.status.code() != Some(2) || !named || !o.stdout.is_empty() {
                failures.push(format!(
                    "{file} as {kind:?} ({args:?}): exit {:?}: {err}",
                    o.status.code()
                ));
            }
            if super::shared::snapshot(h) != before {
                failures.push(format!("{file} as {kind:?} ({args:?}): changed the files"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- config blocs ----

/// A `[[bloc]]` file made from random choices: `n` blocs, each including
/// blocs by index (some later, some itself, some unknown) and listing members.
fn bloc_config(choices: &[(u8, u8, u8)], all_before: bool) -> String {
    let entities = [
        "Japan",
        "Norway",
        "China, Mainland",
        "United Kingdom",
        "Atlantis",
        "Japan ",
    ];
    let mut text = String::from("theme = \"light\"\n\n");
    let n = choices.len();
    for (i, &(a, b, c)) in choices.iter().enumerate() {
        let mut include: Vec<String> = if all_before {
            (0..i).map(|j| format!("\"B{j}\"")).collect()
        } else {
            (0..a % 4)
                .map(|k| {
                    let j = (usize::from(b) + usize::from(k)) % (n + 2);
                    match j {
                        j if j == n + 1 => "\"nowhere\"".to_string(),
                        j => format!("\"B{j}\""),
                    }
                })
                .collect()
        };
        include.dedup();
        let members: Vec<String> = (0..c % 5)
            .map(|k| {
                let e = entities[usize::from(c.wrapping_add(k)) % entities.len()];
                let from = match (a.wrapping_add(k)) % 4 {
                    0 => String::new(),
                    1 => format!(", from = \"20{:02}-{:02}\"", b % 30, k % 12 + 1),
                    2 => format!(", from = \"2020-01\", to = \"20{:02}-06\"", b % 30),
                    _ => ", absent = true".into(),
                };
                format!("{{ entity = \"{e}\"{from} }}")
            })
            .collect();
        text.push_str(&format!(
            "[[bloc]]\nid = \"B{i}\"\nname = \"n\"\nwhy = \"w\"\nsource = \"s\"\ninclude = [{}]\nmembers = [{}]\n\n",
            include.join(", "),
            members.join(", ")
        ));
    }
    text
}

/// Random bloc tables in a config file: within the memory bound, memberships
/// distinct and bounded, errors naming the file and one of its lines.
pub fn config_blocs(cases: u32) {
    let ds = super::dataset();
    let mut r = runner(cases);
    let strategy = (
        proptest::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 1..60),
        any::<bool>(),
    );
    let result = r.run(&strategy, |(choices, all_before)| {
        tally().case();
        let text = bloc_config(&choices, all_before);
        let (got, peak) = tally().no_panic("config blocs", || {
            measured(|| claimlens::data::blocs::Blocs::parse_tables(ds, "config.toml", &text))
        })?;
        prop_assert!(
            peak <= limit(0, text.len()),
            "{peak} bytes for {} bytes of blocs",
            text.len()
        );
        match got {
            Ok(blocs) => {
                for b in &blocs.blocs {
                    prop_assert!(b.members.len() <= claimlens::data::blocs::MAX_MEMBERS);
                    let distinct: std::collections::HashSet<_> = b.members.iter().collect();
                    prop_assert!(
                        distinct.len() == b.members.len(),
                        "{}: repeated members",
                        b.id
                    );
                }
            }
            Err(e) => check_error(&e, "config.toml", text.as_bytes())?,
        }
        Ok(())
    });
    result.unwrap_or_else(|e| panic!("config blocs: {e}"));
}

// ---- what import writes, --data reads ----

/// Mutated raw files: whatever `import` accepts reads back through `--data`'s
/// reader (the table written to a folder and loaded from it) value for value.
pub fn round_trip(cases: u32) {
    let dir = tempfile::tempdir().unwrap();
    for t in super::unmeasured_targets().into_iter().filter(|t| t.raw) {
        let spec = TABLES.iter().find(|s| s.id == t.name).unwrap();
        let mut r = runner(cases);
        let result = r.run(&edits(), |e| {
            tally().case();
            let bytes = mutate(&t.seed, &e);
            let Ok(table) = tally().no_panic(t.name, || read_one(spec, t.file, &bytes))? else {
                return Ok(());
            };
            let path = dir.path().join(&table.name);
            std::fs::write(&path, &table.csv).unwrap();
            let back = tally().no_panic(t.name, || Dataset::load_dir(dir.path()))?;
            std::fs::remove_file(&path).unwrap();
            let made = Dataset::from_files([(table.name.clone(), table.csv.as_str())]);
            match (back, made) {
                (Ok(back), Ok(made)) => {
                    prop_assert!(
                        back.all_series() == made.all_series(),
                        "{}: read back otherwise",
                        t.name
                    )
                }
                (back, _) => prop_assert!(
                    false,
                    "{}: import accepted what --data refuses: {:?}",
                    t.name,
                    back.err().map(|e| e.to_string())
                ),
            }
            Ok(())
        });
        result.unwrap_or_else(|e| panic!("round trip {}: {e}", t.name));
    }
}
