//! `claimlens update` against a mirror served by the test itself on
//! 127.0.0.1 (a minimal HTTP/1.1 responder on a thread): a normal update, an
//! unchanged file (304), a changed file (a new vintage and a `changes`
//! entry), and failures (404, HTML page, truncated body, malformed file, slow
//! server, redirects) that each leave the archive as it was. Every request
//! is bounded by CLAIMLENS_HTTP_TIMEOUT_MS; nothing but 127.0.0.1 is addressed.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the mirror answers one name.
#[derive(Clone)]
enum Answer {
    /// The file, with an ETag; a matching If-None-Match gets 304.
    File(Vec<u8>),
    NotFound,
    /// A 200 HTML page.
    Html,
    /// A Content-Length larger than the body sent.
    Truncated(Vec<u8>),
    /// No answer for this long.
    Slow(Duration),
    /// A redirect to this Location.
    Redirect(String),
    /// 503 Service Unavailable.
    Unavailable,
    /// The file, once the gate is open (a slow mirror the test controls).
    Gated(Vec<u8>, Gate),
}

/// A gate that answers of [`Answer::Gated`] wait on until it opens.
#[derive(Clone, Default)]
struct Gate(Arc<(Mutex<bool>, std::sync::Condvar)>);

impl Gate {
    fn open(&self) {
        *self.0.0.lock().unwrap() = true;
        self.0.1.notify_all();
    }

    fn wait(&self) {
        let mut open = self.0.0.lock().unwrap();
        while !*open {
            open = self.0.1.wait(open).unwrap();
        }
    }
}

/// A request seen: its path and its If-None-Match header.
type Seen = (String, Option<String>);

#[derive(Clone, Default)]
struct Mirror {
    answers: Arc<Mutex<HashMap<String, Answer>>>,
    /// Every request: (path, if-none-match header).
    log: Arc<Mutex<Vec<Seen>>>,
}

impl Mirror {
    fn set(&self, name: &str, a: Answer) {
        self.answers.lock().unwrap().insert(name.to_string(), a);
    }

    fn requests(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }

    /// Starts serving on 127.0.0.1 (port chosen by the system); returns the base URL.
    fn serve(&self) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let me = self.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let me = me.clone();
                std::thread::spawn(move || me.answer(conn));
            }
        });
        base
    }

    fn answer(&self, mut conn: TcpStream) {
        conn.set_read_timeout(Some(Duration::from_secs(5))).ok();
        let mut reader = BufReader::new(conn.try_clone().unwrap());
        let mut first = String::new();
        if reader.read_line(&mut first).is_err() {
            return;
        }
        let mut etag_asked = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("if-none-match")
            {
                etag_asked = Some(v.trim().to_string());
            }
        }
        let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
        self.log
            .lock()
            .unwrap()
            .push((path.clone(), etag_asked.clone()));
        let name = path.trim_start_matches('/');
        let answer = if name == "index.txt" {
            let mut names: Vec<String> = self.answers.lock().unwrap().keys().cloned().collect();
            names.sort();
            Answer::File(names.join("\n").into_bytes())
        } else {
            self.answers
                .lock()
                .unwrap()
                .get(name)
                .cloned()
                .unwrap_or(Answer::NotFound)
        };
        let send = |conn: &mut TcpStream, status: &str, headers: &str, body: &[u8], len: usize| {
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {len}\r\nConnection: close\r\n{headers}\r\n"
            );
            let _ = conn.write_all(head.as_bytes());
            let _ = conn.write_all(body);
            let _ = conn.flush();
        };
        let answer = match answer {
            Answer::Gated(body, gate) => {
                gate.wait();
                Answer::File(body)
            }
            a => a,
        };
        match answer {
            Answer::Gated(..) => unreachable!("opened above"),
            Answer::File(body) => {
                let etag = format!(
                    "\"{}-{}\"",
                    body.len(),
                    body.iter().map(|&b| u64::from(b)).sum::<u64>()
                );
                if etag_asked.as_deref() == Some(etag.as_str()) {
                    send(
                        &mut conn,
                        "304 Not Modified",
                        &format!("ETag: {etag}\r\n"),
                        b"",
                        0,
                    );
                } else {
                    let h = format!("ETag: {etag}\r\nContent-Type: text/plain\r\n");
                    send(&mut conn, "200 OK", &h, &body, body.len());
                }
            }
            Answer::NotFound => send(&mut conn, "404 Not Found", "", b"no such file", 12),
            Answer::Html => {
                let page = b"<html><body>Service temporarily unavailable</body></html>";
                send(
                    &mut conn,
                    "200 OK",
                    "Content-Type: text/html\r\n",
                    page,
                    page.len(),
                );
            }
            Answer::Truncated(body) => {
                let half = &body[..body.len() / 2];
                send(
                    &mut conn,
                    "200 OK",
                    "Content-Type: text/plain\r\n",
                    half,
                    body.len(),
                );
            }
            Answer::Slow(d) => {
                std::thread::sleep(d);
                send(&mut conn, "200 OK", "", b"late", 4);
            }
            Answer::Unavailable => send(&mut conn, "503 Service Unavailable", "", b"busy", 4),
            Answer::Redirect(to) => {
                send(
                    &mut conn,
                    "302 Found",
                    &format!("Location: {to}\r\n"),
                    b"",
                    0,
                );
            }
        }
    }
}

#[allow(dead_code)]
#[path = "common/hostile.rs"]
mod hostile;

fn fixture(path: &str) -> Vec<u8> {
    hostile::raw_fixture(path)
}

/// The fixture files under the names of the raw folder.
fn fixture_mirror() -> Mirror {
    let m = Mirror::default();
    for (from, name) in hostile::RAW_FIXTURES {
        m.set(name, Answer::File(fixture(from)));
    }
    m
}

/// claimlens with the archive in `xdg`, requests bounded by `timeout_ms`, no proxy.
fn command(xdg: &Path, args: &[&str], timeout_ms: u32) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimlens"));
    cmd.args(args)
        .env("XDG_DATA_HOME", xdg)
        .env("CLAIMLENS_HTTP_TIMEOUT_MS", timeout_ms.to_string())
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy");
    cmd
}

fn claimlens(xdg: &Path, args: &[&str]) -> Output {
    command(xdg, args, 300).output().unwrap()
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Every file of the archive with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn vintage_count(xdg: &Path) -> usize {
    let a = claimlens::archive::Archive::open(&xdg.join("claimlens")).unwrap();
    a.index.vintages.len()
}

/// The Canada 2026-02 holdings of slt_table5 in the data the binary would load.
fn canada_feb(xdg: &Path) -> f64 {
    let a = claimlens::archive::Archive::open(&xdg.join("claimlens")).unwrap();
    canada_feb_in(
        &a.dataset(claimlens::data::Dataset::embedded().unwrap())
            .unwrap(),
    )
}

/// The Canada 2026-02 holdings of slt_table5 in `ds`, newest vintage.
fn canada_feb_in(ds: &claimlens::data::Dataset) -> f64 {
    let s = ds.series("slt_table5", "holdings", "Canada").unwrap();
    s.at(
        &"2026-02".parse().unwrap(),
        &claimlens::data::Vintage::Latest,
    )
    .unwrap()
    .value
}

/// An archive made by one update from the fixture mirror, and the mirror.
fn updated_archive() -> (tempfile::TempDir, Mirror, String) {
    let xdg = tempfile::tempdir().unwrap();
    let m = fixture_mirror();
    let base = m.serve();
    updated(xdg.path(), &base);
    (xdg, m, base)
}

fn updated(xdg: &Path, base: &str) -> String {
    let o = claimlens(xdg, &["update", "--from", base]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}\n{err}");
    out
}

#[test]
fn update_unchanged_and_changed_files() {
    let xdg = tempfile::tempdir().unwrap();
    let m = fixture_mirror();
    let base = m.serve();
    let out = updated(xdg.path(), &base);
    assert!(out.contains("slt_table5.txt"), "{out}");
    assert!(out.contains("mfhhis01_20260518.txt"), "{out}");
    assert_eq!(vintage_count(xdg.path()), 1);
    // The fixture's Canada 2026-02 (1200.0, typed in the fixture) is now the newest value.
    assert_eq!(canada_feb(xdg.path()), 1200.0);
    // "As published" before the fetch still sees the embedded value.
    let embedded = claimlens::data::Dataset::embedded().unwrap();
    let feb = "2026-02".parse().unwrap();
    let as_of = claimlens::data::Vintage::AsOf("2026-07-01".into());
    let was = |ds: &claimlens::data::Dataset| {
        ds.series("slt_table5", "holdings", "Canada")
            .unwrap()
            .at(&feb, &as_of)
            .unwrap()
            .value
    };
    let archived = claimlens::archive::Archive::open(&xdg.path().join("claimlens"))
        .unwrap()
        .dataset(embedded.clone())
        .unwrap();
    assert_eq!(was(&archived), was(&embedded));
    let (list, _) = text(&claimlens(xdg.path(), &["vintages"]));
    assert!(list.contains(&format!("from {base}")), "{list}");

    // The same files again: every request conditional, every answer 304, no new vintage.
    let before = m.requests().len();
    let out = updated(xdg.path(), &base);
    assert!(out.contains("unchanged (304 Not Modified)"), "{out}");
    assert!(out.contains("up to date"), "{out}");
    assert_eq!(vintage_count(xdg.path()), 1);
    let files: Vec<_> = m.requests()[before..]
        .iter()
        .filter(|(p, _)| p != "/index.txt")
        .cloned()
        .collect();
    assert_eq!(files.len(), 11);
    assert!(files.iter().all(|(_, etag)| etag.is_some()), "{files:?}");

    // A revised slt_table5 and a slt_table3 with the Grand Total of January 2025.
    let t5 = String::from_utf8(fixture("slt/slt_table5.txt"))
        .unwrap()
        .replace("439.4\t1200.0", "439.4\t1300.0");
    m.set("slt_table5.txt", Answer::File(t5.into_bytes()));
    let t3 = String::from_utf8(fixture("slt/slt_table3.txt")).unwrap().replace(
        "Grand Total\t99996\t2024-09",
        "Grand Total\t99996\t2025-01\t8600000\t-5000\t7300000\t-13300\t1000\t1300000\t8300\r\nGrand Total\t99996\t2024-09",
    );
    m.set("slt_table3.txt", Answer::File(t3.into_bytes()));
    let out = updated(xdg.path(), &base);
    assert!(
        out.contains("slt_table5.txt") && out.contains("fetched"),
        "{out}"
    );
    assert_eq!(vintage_count(xdg.path()), 2);
    assert_eq!(canada_feb(xdg.path()), 1300.0);

    let o = claimlens(xdg.path(), &["changes", "--format", "json"]);
    let (json, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let revised = v["revised"].as_array().unwrap();
    let canada = revised
        .iter()
        .find(|r| r["entity"] == "Canada" && r["source"] == "slt_table5")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(
        (canada["before"].as_f64(), canada["after"].as_f64()),
        (Some(1200.0), Some(1300.0))
    );
    // The claim on January 2025's Grand Total now sees the value of the new file.
    let old = embedded
        .series("slt_table3", "lt_net_purchases", "Grand Total")
        .unwrap()
        .at(
            &"2025-01".parse().unwrap(),
            &claimlens::data::Vintage::Latest,
        )
        .unwrap()
        .value;
    let claim = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "jan-2025-13.3bn")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(claim["observed_before"].as_f64(), Some(old / 1000.0));
    assert_eq!(claim["observed_after"].as_f64(), Some(-13.3));
    assert_ne!(claim["verdict_before"], claim["verdict_after"], "{claim}");
    // The explorer marks the claim and its card says what changed.
    let o = claimlens(
        xdg.path(),
        &[
            "render",
            "--claim",
            "jan-2025-13.3bn",
            "--width",
            "160",
            "--height",
            "48",
        ],
    );
    let (screen, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(screen.contains("Δ▸✓ jan-2025-13.3bn"), "{screen}");
    assert!(
        screen.contains("Changed with the newest data: jan-2025-13.3bn:"),
        "{screen}"
    );
    // Since a day before any update: from the embedded data, both updates' changes.
    let o = claimlens(
        xdg.path(),
        &["changes", "--since", "2000-01-01", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["before"], "the embedded data");
    let canada = v["revised"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["entity"] == "Canada" && r["source"] == "slt_table5")
        .unwrap();
    assert_eq!(canada["after"].as_f64(), Some(1300.0));
    assert_eq!(canada["before"].as_f64(), Some(was(&embedded)));
    let (txt, _) = text(&claimlens(xdg.path(), &["changes"]));
    assert!(txt.contains("jan-2025-13.3bn: "), "{txt}");
    assert!(txt.contains("slt_table5 holdings Canada 2026-02"), "{txt}");
}

/// Each failure leaves the archive byte for byte as it was, says what failed, exits non-zero.
#[test]
fn failures_leave_the_archive_untouched() {
    let (xdg, m, base) = updated_archive();
    let kept = snapshot(xdg.path());
    let good = fixture("slt/slt_table3.txt");
    // (answer, words the message must hold, exit status, requests for the file)
    let cases: Vec<(Answer, &str, i32, usize)> = vec![
        (Answer::NotFound, "404", 1, 1),
        (Answer::Html, "HTML page", 1, 1),
        (Answer::Unavailable, "503", 1, 3),
        (Answer::Truncated(good.clone()), "truncated", 1, 3),
        (
            Answer::File(fixture("slt/slt_table3_truncated.txt")),
            "slt_table3.txt:",
            2,
            1,
        ),
        (Answer::Slow(Duration::from_secs(3)), "timed out", 1, 3),
        (
            Answer::Redirect("http://127.0.0.1:1/slt_table3.txt".into()),
            "not allowed",
            1,
            1,
        ),
        (
            Answer::Redirect("/slt_table3.txt".into()),
            "redirects",
            1,
            4,
        ),
    ];
    for (answer, says, status, requests) in cases {
        m.set("slt_table3.txt", answer);
        let seen = m.requests().len();
        let o = claimlens(xdg.path(), &["update", "--from", &base]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(status), "{says}: {out}\n{err}");
        assert!(err.contains(says), "expected {says:?} in: {err}");
        assert!(err.contains("nothing was changed"), "{err}");
        assert!(err.contains("slt_table3.txt"), "{err}");
        assert_eq!(snapshot(xdg.path()), kept, "{says}");
        let asked = m.requests()[seen..]
            .iter()
            .filter(|(p, _)| p == "/slt_table3.txt")
            .count();
        assert_eq!(asked, requests, "{says}: requests for the file");
    }
    // A damaged vintage file stops every command that reads the data, naming it.
    let vintages = xdg.path().join("claimlens").join("vintages");
    let bin = std::fs::read_dir(&vintages)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let bytes = std::fs::read(&bin).unwrap();
    std::fs::write(&bin, &bytes[..bytes.len() / 2]).unwrap();
    let o = claimlens(xdg.path(), &["check"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&bin.display().to_string()) && err.contains("rm -r"),
        "{err}"
    );
    std::fs::write(&bin, &bytes).unwrap();
    // A redirect within the mirror is followed.
    m.set("moved/slt_table3.txt", Answer::File(good));
    m.set(
        "slt_table3.txt",
        Answer::Redirect("/moved/slt_table3.txt".into()),
    );
    let out = updated(xdg.path(), &base);
    assert!(out.contains("slt_table3.txt"), "{out}");
}

#[test]
fn offline_never_touches_the_network_and_a_damaged_archive_is_named() {
    let xdg = tempfile::tempdir().unwrap();
    let m = fixture_mirror();
    let base = m.serve();
    let o = claimlens(xdg.path(), &["--offline", "update", "--from", &base]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("--offline"));
    assert!(m.requests().is_empty());

    let dir = xdg.path().join("claimlens");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("archive.json"), "{\"format\": 1, \"files\": [").unwrap();
    let o = claimlens(xdg.path(), &["check"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("archive.json") && err.contains("rm -r"),
        "{err}"
    );
}

/// A mirror of the real raw folder gives a vintage that evaluates to the
/// verdicts of the embedded data (skipped where the folder is absent).
#[test]
fn a_mirror_of_the_raw_folder_keeps_the_verdicts() {
    let raw = Path::new("../shared/data/raw");
    let raw = if raw.is_dir() {
        raw.to_path_buf()
    } else {
        Path::new("/work/shared/data/raw").to_path_buf()
    };
    if !raw.is_dir() {
        eprintln!("skipped: no raw folder");
        return;
    }
    let m = Mirror::default();
    for e in std::fs::read_dir(&raw).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".md") {
            m.set(&name, Answer::File(std::fs::read(&p).unwrap()));
        }
    }
    let base = m.serve();
    let xdg = tempfile::tempdir().unwrap();
    let out = updated(xdg.path(), &base);
    assert!(out.contains("mfhhis01_20260518.txt"), "{out}");
    assert_eq!(vintage_count(xdg.path()), 1);
    let empty = tempfile::tempdir().unwrap();
    let verdicts = |xdg: &Path| -> Vec<(String, String)> {
        let o = claimlens(xdg, &["check", "--format", "json"]);
        assert!(o.status.success());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| (c["id"].to_string(), c["verdict"].to_string()))
            .collect()
    };
    assert_eq!(verdicts(xdg.path()), verdicts(empty.path()));
    let (changes, _) = text(&claimlens(xdg.path(), &["changes", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&changes).unwrap();
    let changed: Vec<_> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["verdict_before"] != c["verdict_after"])
        .collect();
    assert!(changed.is_empty(), "{changed:?}");
}

/// Waits (a hang guard of a minute, not a timing) until `done` is true.
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(60), "hung: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn two_updates_at_once_keep_both_vintages() {
    // The first update holds the archive's lock while the mirror keeps its
    // slt_table5 waiting; the second, started meanwhile, says it waits; the
    // mirror then answers both, each with another revision of Canada 2026-02.
    use std::io::Read;
    let xdg = tempfile::tempdir().unwrap();
    let m = fixture_mirror();
    let t5 = String::from_utf8(fixture("slt/slt_table5.txt")).unwrap();
    let revised = |v: &str| {
        t5.replace("439.4\t1200.0", &format!("439.4\t{v}"))
            .into_bytes()
    };
    let gate = Gate::default();
    m.set(
        "slt_table5.txt",
        Answer::Gated(revised("1250.0"), gate.clone()),
    );
    let base = m.serve();
    let spawn = || {
        command(xdg.path(), &["update", "--from", &base], 60_000)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let asked = |m: &Mirror| {
        m.requests()
            .iter()
            .filter(|(p, _)| p == "/slt_table5.txt")
            .count()
    };
    let first = spawn();
    wait_until("the first update's request", || asked(&m) == 1);
    let mut second = spawn();
    let mut err = second.stderr.take().unwrap();
    let said = Arc::new(Mutex::new(Vec::new()));
    let sink = said.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 256];
        while let Ok(n) = err.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let waiting =
        || String::from_utf8_lossy(&said.lock().unwrap()).contains("waiting for it to finish");
    wait_until("the second update to say it waits", waiting);
    // Only the first has asked for the file.
    assert_eq!(asked(&m), 1);
    m.set("slt_table5.txt", Answer::File(revised("1300.0")));
    gate.open();
    let one = first.wait_with_output().unwrap();
    let two = second.wait_with_output().unwrap();
    reader.join().unwrap();
    let (out1, err1) = text(&one);
    assert!(one.status.success(), "{out1}\n{err1}");
    let out2 = String::from_utf8_lossy(&two.stdout);
    assert!(
        two.status.success(),
        "{out2}\n{}",
        String::from_utf8_lossy(&said.lock().unwrap())
    );
    assert!(
        out1.contains("vintage ") && out2.contains("vintage "),
        "{out1}\n{out2}"
    );

    // Both vintages are listed, each with its file, and no file is orphaned.
    let dir = xdg.path().join("claimlens");
    let a = claimlens::archive::Archive::open(&dir).unwrap();
    assert_eq!(a.index.vintages.len(), 2);
    let mut listed: Vec<String> = a.index.vintages.iter().map(|v| v.file()).collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(dir.join("vintages"))
        .unwrap()
        .map(|e| format!("vintages/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    listed.sort();
    on_disk.sort();
    assert_eq!(listed, on_disk);
    let embedded = claimlens::data::Dataset::embedded().unwrap();
    let first = a.dataset_upto(embedded.clone(), 1).unwrap();
    assert_eq!(canada_feb_in(&first), 1250.0);
    assert_eq!(canada_feb_in(&a.dataset(embedded).unwrap()), 1300.0);
}

#[test]
fn a_flipped_bit_in_a_vintage_file_or_the_index_is_named_and_changes_nothing() {
    let (xdg, _mirror, base) = updated_archive();
    let dir = xdg.path().join("claimlens");
    let index = dir.join("archive.json");
    let bin = std::fs::read_dir(dir.join("vintages"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let intact = claimlens(xdg.path(), &["check", "--format", "json"]);
    assert!(intact.status.success());
    for file in [&bin, &index] {
        let good = std::fs::read(file).unwrap();
        // A bit in the middle, and one in the checksum at the end.
        for at in [good.len() / 2, good.len() - 6] {
            let mut bad = good.clone();
            bad[at] ^= 0x04;
            std::fs::write(file, &bad).unwrap();
            let kept = snapshot(xdg.path());
            for args in [&["check"][..], &["changes"], &["update", "--from", &base]] {
                let o = claimlens(xdg.path(), args);
                let (out, err) = text(&o);
                assert_eq!(
                    o.status.code(),
                    Some(2),
                    "{args:?} {}: {out}{err}",
                    file.display()
                );
                assert!(
                    err.contains(&format!("{}: ", file.display())) && err.contains("rm -r"),
                    "{args:?}: {err}"
                );
                assert!(err.contains("checksum"), "{args:?}: {err}");
                assert!(out.is_empty(), "{args:?}: {out}");
                assert_eq!(snapshot(xdg.path()), kept, "{args:?}");
            }
        }
        std::fs::write(file, &good).unwrap();
    }
    assert_eq!(
        claimlens(xdg.path(), &["check", "--format", "json"]).stdout,
        intact.stdout
    );
}

#[test]
fn an_archive_written_before_checksums_is_upgraded_once_by_the_first_command() {
    let (xdg, _, _) = updated_archive();
    let intact = claimlens(xdg.path(), &["check", "--format", "json"]);
    let dir = xdg.path().join("claimlens");
    let upgraded = snapshot(xdg.path());
    // The archive as the claimlens before checksums wrote it: format 1, no
    // size or checksum in the index, no checksum at the end of the vintage file.
    let index = dir.join("archive.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&index).unwrap()).unwrap();
    v["format"] = 1.into();
    v.as_object_mut().unwrap().remove("checksum");
    for r in v["vintages"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("size");
        r.as_object_mut().unwrap().remove("checksum");
    }
    std::fs::write(&index, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
    for e in std::fs::read_dir(dir.join("vintages")).unwrap() {
        let p = e.unwrap().path();
        let b = std::fs::read(&p).unwrap();
        std::fs::write(&p, &b[..b.len() - 8]).unwrap();
    }
    let o = claimlens(xdg.path(), &["check", "--format", "json"]);
    let (_, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("upgraded the archive"), "{err}");
    assert_eq!(o.stdout, intact.stdout);
    // The same archive as one written with checksums, and no second upgrade.
    assert_eq!(snapshot(xdg.path()), upgraded);
    let o = claimlens(xdg.path(), &["check", "--format", "json"]);
    assert!(o.stderr.is_empty(), "{}", text(&o).1);
}

#[test]
fn a_mirror_address_with_a_bad_port_is_refused_before_any_request() {
    let xdg = tempfile::tempdir().unwrap();
    for base in [
        "http://127.0.0.1:99999/",
        "http://127.0.0.1:8x/",
        "http:///raw",
    ] {
        let o = claimlens(xdg.path(), &["update", "--from", base]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{base}: {out}{err}");
        assert!(err.contains(&format!("--from {base}: ")), "{err}");
        assert!(!err.contains("attempts"), "{err}");
        assert!(snapshot(xdg.path()).is_empty(), "{base}");
    }
    let (_, err) = text(&claimlens(
        xdg.path(),
        &["update", "--from", "http://127.0.0.1:99999/"],
    ));
    assert!(err.contains("port 99999 is not a port number"), "{err}");
}
