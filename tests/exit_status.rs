//! Bad input is exit status 2 with the file (and line) named, for every input
//! the user gives: case files, the config file, tidy tables. Exit status 1 is
//! left for the environment.

use std::path::Path;
use std::process::{Command, Output};

fn claimlens(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .output()
        .unwrap()
}

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
    let o = claimlens(&["--config", cfg.to_str().unwrap(), "render"], home.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("c.toml: larger than the limit of 256 KiB"),
        "{err}"
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
