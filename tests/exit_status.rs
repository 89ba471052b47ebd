//! Bad input is exit status 2 with the file (and line) named, for every input
//! the user gives: case files, the config file, tidy tables. Exit status 1 is
//! left for the environment.

use std::path::Path;
use std::process::{Command, Output};

fn claimlens(args: &[&str], home: &Path) -> Output {
    guarded(
        Command::new(env!("CARGO_BIN_EXE_claimlens"))
            .args(args)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share")),
    )
}

#[allow(dead_code)]
#[path = "common/hostile.rs"]
mod hostile;

/// Runs a command to its end; a command still running after a minute (a read
/// blocked on a FIFO) fails the test.
fn guarded(cmd: &mut Command) -> Output {
    let shown = format!("{cmd:?}");
    hostile::guarded(cmd).unwrap_or_else(|| panic!("hung: {shown}"))
}

use hostile::snapshot;

const CASE: &str = "tests/fixtures/case_small";

/// A copy of the small case with one file replaced (None removes it).
fn case_with(name: &str, bytes: Option<&[u8]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["article.md", "claims.toml"] {
        std::fs::copy(Path::new(CASE).join(f), dir.path().join(f)).unwrap();
    }
    match bytes {
        Some(b) => std::fs::write(dir.path().join(name), b).unwrap(),
        None => std::fs::remove_file(dir.path().join(name)).unwrap(),
    }
    dir
}

fn utf16(text: &str) -> Vec<u8> {
    let mut v = vec![0xff, 0xfe];
    v.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    v
}

fn check_fails(case: &Path, home: &Path, expected: &str) {
    let o = claimlens(&["check", "--case", case.to_str().unwrap()], home);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(expected), "expected {expected:?} in {err}");
}

#[test]
fn case_files_in_other_encodings_or_missing_exit_2_naming_file_and_line() {
    let home = tempfile::tempdir().unwrap();
    let claims = std::fs::read_to_string(Path::new(CASE).join("claims.toml")).unwrap();
    let article = std::fs::read_to_string(Path::new(CASE).join("article.md")).unwrap();

    let latin1 = claims.replacen("Written", "Writt\u{e9}n", 1);
    let latin1: Vec<u8> = latin1
        .chars()
        .map(|c| if c == '\u{e9}' { 0xe9 } else { c as u8 })
        .collect();
    let line = 1 + claims[..claims.find("Written").unwrap()]
        .matches('\n')
        .count();
    let dir = case_with("claims.toml", Some(&latin1));
    check_fails(
        dir.path(),
        home.path(),
        &format!("claims.toml:{line}: expected UTF-8 text"),
    );

    let dir = case_with("claims.toml", Some(&utf16(&claims)));
    check_fails(
        dir.path(),
        home.path(),
        "claims.toml:1: expected UTF-8 text; found UTF-16",
    );
    let dir = case_with("article.md", Some(&utf16(&article)));
    check_fails(
        dir.path(),
        home.path(),
        "article.md:1: expected UTF-8 text; found UTF-16",
    );

    let dir = case_with("claims.toml", None);
    check_fails(dir.path(), home.path(), "claims.toml: no such file");
    check_fails(
        Path::new("/nonexistent/case"),
        home.path(),
        "/nonexistent/case/article.md: no such file",
    );
}

#[test]
fn a_bom_before_utf8_case_files_is_accepted() {
    let home = tempfile::tempdir().unwrap();
    let mut with_bom = b"\xef\xbb\xbf".to_vec();
    with_bom.extend(std::fs::read(Path::new(CASE).join("article.md")).unwrap());
    let dir = case_with("article.md", Some(&with_bom));
    let plain = claimlens(&["check", "--case", CASE], home.path());
    let bom = claimlens(
        &["check", "--case", dir.path().to_str().unwrap()],
        home.path(),
    );
    assert!(
        bom.status.success(),
        "{}",
        String::from_utf8_lossy(&bom.stderr)
    );
    assert_eq!(bom.stdout, plain.stdout);
}

/// `render` with this config file exits 2 with `expected` in its message.
fn config_fails(cfg: &Path, home: &Path, expected: &str) {
    let o = claimlens(&["--config", cfg.to_str().unwrap(), "render"], home);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(expected), "expected {expected:?} in {err}");
}

#[test]
fn a_config_file_in_utf16_or_over_the_limit_exits_2() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("c.toml");
    std::fs::write(&cfg, utf16("theme = \"light\"\n")).unwrap();
    let o = claimlens(
        &[
            "--config",
            cfg.to_str().unwrap(),
            "render",
            "--width",
            "80",
            "--height",
            "24",
        ],
        home.path(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("c.toml:1: expected UTF-8 text; found UTF-16"),
        "{err}"
    );

    std::fs::write(&cfg, "# x\n".repeat(100_000)).unwrap();
    config_fails(
        &cfg,
        home.path(),
        "c.toml: larger than the limit of 256 KiB",
    );
}

#[test]
fn a_folder_in_place_of_a_file_or_a_missing_data_folder_exits_2() {
    let home = tempfile::tempdir().unwrap();
    let dir = case_with("article.md", None);
    std::fs::create_dir(dir.path().join("article.md")).unwrap();
    check_fails(dir.path(), home.path(), "article.md: is a folder");
    let o = claimlens(&["--data", "/nonexistent/data", "check"], home.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("/nonexistent/data: no such folder"), "{err}");
}

#[test]
fn stray_text_and_absurd_articles_exit_2_naming_the_line() {
    let home = tempfile::tempdir().unwrap();
    let article = std::fs::read_to_string(Path::new(CASE).join("article.md")).unwrap();
    let stray = format!("Subscribe now!\n{article}");
    let dir = case_with("article.md", Some(stray.as_bytes()));
    check_fails(
        dir.path(),
        home.path(),
        "article.md:1: text before the title",
    );

    // A paragraph of 100,000 words (600 KB) on line 5.
    let (head, tail) = article.split_at(article.find("\n\n").unwrap() + 2);
    let (head2, tail2) = tail.split_at(tail.find("\n\n").unwrap() + 2);
    let huge = format!("{head}{head2}{}\n\n{tail2}", "words ".repeat(100_000));
    let dir = case_with("article.md", Some(huge.as_bytes()));
    check_fails(
        dir.path(),
        home.path(),
        "article.md:5: the paragraph starting here is longer than the limit of 64 KiB",
    );

    let dir = case_with("article.md", Some("x".repeat(3 << 20).as_bytes()));
    check_fails(
        dir.path(),
        home.path(),
        "article.md: larger than the limit of 1 MiB",
    );
}

#[test]
fn draft_reads_its_files_as_check_does_exit_2_naming_them() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let article = std::fs::read_to_string(Path::new(CASE).join("article.md")).unwrap();
    let u16 = h.join("u16.md");
    std::fs::write(&u16, utf16(&article)).unwrap();
    let big = h.join("big.md");
    std::fs::write(&big, "x".repeat(5 << 20)).unwrap();
    let good = h.join("a.md");
    std::fs::write(&good, &article).unwrap();
    let before = snapshot(h);
    let path = |p: &Path| p.to_str().unwrap().to_string();
    let cases = [
        (
            vec!["draft".to_string(), path(&h.join("none.md"))],
            format!(
                "{}: no such file; expected the article",
                path(&h.join("none.md"))
            ),
        ),
        (
            vec!["draft".to_string(), path(&u16)],
            format!("{}:1: expected UTF-8 text; found UTF-16", path(&u16)),
        ),
        (
            vec!["draft".to_string(), path(&big)],
            format!("{}: larger than the limit of 1 MiB", path(&big)),
        ),
        (
            vec!["draft".into(), path(&good), "--check".into(), path(&big)],
            format!("{}: larger than the limit of 4 MiB", path(&big)),
        ),
        (
            vec!["draft".into(), path(&good), "--check".into(), path(&u16)],
            format!("{}:1: expected UTF-8 text; found UTF-16", path(&u16)),
        ),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = claimlens(&args, h);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&expected),
            "{args:?}: expected {expected:?} in {err}"
        );
    }
    assert_eq!(snapshot(h), before);
}

#[test]
fn a_file_given_as_the_case_folder_exits_2_naming_it() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("notes.txt");
    std::fs::write(&file, "not a folder").unwrap();
    for cmd in [&["check", "--case"][..], &["--case"][..]] {
        let mut args = cmd.to_vec();
        args.push(file.to_str().unwrap());
        let o = claimlens(&args, home.path());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("{} is a file, not a folder", file.display())),
            "{err}"
        );
    }
}

#[test]
fn blocs_including_every_bloc_before_them_load_and_cycles_exit_2() {
    // 200 blocs, each including all before it (170 KB): once 2^200 memberships.
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let mut text = String::new();
    for i in 0..200 {
        let include: Vec<String> = (0..i).map(|j| format!("\"B{j}\"")).collect();
        text.push_str(&format!(
            "[[bloc]]\nid = \"B{i}\"\nname = \"b\"\nwhy = \"w\"\nsource = \"s\"\ninclude = [{}]\nmembers = [{{ entity = \"Japan\" }}]\n\n",
            include.join(", ")
        ));
    }
    let cfg = h.join("c.toml");
    std::fs::write(&cfg, &text).unwrap();
    let o = claimlens(&["--config", cfg.to_str().unwrap(), "blocs", "B199"], h);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.starts_with("B199: b"), "{out}");

    // The same through a case's blocs.toml, with a cycle at its end.
    let case = h.join("case");
    std::fs::create_dir(&case).unwrap();
    for f in ["article.md", "claims.toml"] {
        std::fs::copy(Path::new(CASE).join(f), case.join(f)).unwrap();
    }
    text.push_str(
        "[[bloc]]\nid = \"Z\"\nname = \"z\"\nwhy = \"w\"\nsource = \"s\"\ninclude = [\"Z\"]\n",
    );
    std::fs::write(case.join("blocs.toml"), &text).unwrap();
    let line = text.lines().count();
    let before = snapshot(h);
    check_fails(
        &case,
        h,
        &format!("blocs.toml:{line}: include \"Z\": bloc \"Z\" includes itself (an include cycle)"),
    );
    assert_eq!(snapshot(h), before);
}

#[test]
fn a_render_larger_than_the_limit_is_refused_before_anything_is_drawn() {
    let home = tempfile::tempdir().unwrap();
    let before = snapshot(home.path());
    for (w, h, says) in [
        ("65535", "65535", "65535 is not in 1..=1000"),
        ("20000", "20", "20000 is not in 1..=1000"),
        ("80", "501", "501 is not in 1..=500"),
        ("0", "24", "0 is not in 1..=1000"),
    ] {
        let o = claimlens(&["render", "--width", w, "--height", h], home.path());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{w}x{h}: {err}");
        assert!(err.contains(says), "{w}x{h}: {err}");
        assert!(o.stdout.is_empty());
    }
    assert_eq!(snapshot(home.path()), before);
    // The limit is the one --help states, and a frame of that size is drawn.
    let (w, h) = (
        claimlens::tui::MAX_RENDER_WIDTH,
        claimlens::tui::MAX_RENDER_HEIGHT,
    );
    let help = claimlens(&["render", "--help"], home.path());
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains(&format!("columns, 1 to {w}")), "{help}");
    assert!(help.contains(&format!("rows, 1 to {h}")), "{help}");
    let o = claimlens(
        &[
            "render",
            "--width",
            &w.to_string(),
            "--height",
            &h.to_string(),
        ],
        home.path(),
    );
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).lines().count(),
        h as usize
    );
}

/// The small case's claims file with `extra` inserted after the first claim's
/// fields (before the second `[[claim]]`), and the line where it starts.
fn claims_with(extra: &str) -> (String, usize) {
    let claims = std::fs::read_to_string(Path::new(CASE).join("claims.toml")).unwrap();
    let second = claims.match_indices("[[claim]]").nth(1).unwrap().0;
    let line = 1 + claims[..second].matches('\n').count();
    (
        format!("{}{extra}\n{}", &claims[..second], &claims[second..]),
        line,
    )
}

#[test]
fn sixteen_thousand_readings_or_alternatives_are_refused_past_the_bound() {
    let home = tempfile::tempdir().unwrap();
    let max = claimlens::claims::spec::MAX_READINGS;
    for (table, what, draft) in [
        ("readings", "readings", ""),
        ("alternative", "alternatives", "status = \"draft\"\n"),
    ] {
        let tables: String = (0..16_000)
            .map(|k| format!("[[claim.{table}]]\nlabel = \"r{k}\"\nperiod = \"2025-02\"\n"))
            .collect();
        let (text, at) = claims_with(&format!("{draft}{tables}"));
        assert!(text.len() < 4 << 20);
        let dir = case_with("claims.toml", Some(text.as_bytes()));
        let before = snapshot(dir.path());
        // The label of the first table past the bound.
        let line = at + draft.lines().count() + 3 * max + 1;
        check_fails(
            dir.path(),
            home.path(),
            &format!("claims.toml:{line}: claim norway-jan: more than {max} {what}"),
        );
        assert_eq!(snapshot(dir.path()), before);
        // As many as the bound are read and evaluated.
        let (text, _) = claims_with(&format!(
            "{draft}{}",
            &tables[..tables.match_indices("[[claim").nth(max).unwrap().0]
        ));
        let dir = case_with("claims.toml", Some(text.as_bytes()));
        let o = claimlens(
            &["check", "--case", dir.path().to_str().unwrap()],
            home.path(),
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn keys_of_too_many_dotted_parts_name_their_line() {
    let home = tempfile::tempdir().unwrap();
    let deep: Vec<String> = (0..300).map(|k| format!("k{k}")).collect();
    let key = format!("x.{} = 1", deep.join("."));
    let (text, line) = claims_with(&key);
    let dir = case_with("claims.toml", Some(text.as_bytes()));
    check_fails(
        dir.path(),
        home.path(),
        &format!("claims.toml:{line}: invalid claims file: a key of too many dotted parts"),
    );
    std::fs::write(
        dir.path().join("claims.toml"),
        std::fs::read(Path::new(CASE).join("claims.toml")).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("blocs.toml"),
        format!("\n[{}]\n", deep.join(".")),
    )
    .unwrap();
    check_fails(
        dir.path(),
        home.path(),
        "blocs.toml:2: invalid blocs file: a key of too many dotted parts",
    );
    let cfg = home.path().join("c.toml");
    std::fs::write(&cfg, format!("theme = \"light\"\n{key}\n")).unwrap();
    config_fails(
        &cfg,
        home.path(),
        "c.toml:2: invalid config file: a key of too many dotted parts",
    );
}
