//! `claimlens show BLOC` against the members' published values, and blocs
//! added or replaced in the user's config file (file:line errors, exit 2).
//!
//! Members' values read by eye from mfhhis01_20260518.txt, columns Jan, Feb,
//! Mar 2024: Japan 1140.6 1147.6 1167; United Kingdom 701.8 711.5 736.4;
//! Canada 351.3 365.3 369.4; France 256.4 271 271.9; Germany 94.5 95.5 94.3;
//! Italy 45.3 44.9 43.7. The United States holds no foreign claim on itself,
//! so it is the G7's missing member.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary from a temporary folder with `home` as the config folder.
fn run_in(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .env("XDG_CONFIG_HOME", home)
        .env("HOME", home)
        .output()
        .unwrap()
}

fn empty_home(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("claimlens-blocs-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "status {:?}: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The cells of the first line that starts with `prefix`, split on runs of spaces.
fn cells_after<'a>(out: &'a str, prefix: &str, skip: usize) -> Vec<&'a str> {
    let mut lines = out.lines().skip_while(|l| !l.starts_with(prefix));
    let line = lines
        .nth(skip)
        .unwrap_or_else(|| panic!("no {prefix:?} in\n{out}"));
    line.split_whitespace().collect()
}

#[test]
fn show_g7_is_the_sum_of_its_members_with_coverage() {
    let home = empty_home("g7");
    let sums = [
        1140.6 + 701.8 + 351.3 + 256.4 + 94.5 + 45.3,
        1147.6 + 711.5 + 365.3 + 271.0 + 95.5 + 44.9,
        1167.0 + 736.4 + 369.4 + 271.9 + 94.3 + 43.7,
    ];
    let o = run_in(
        &home,
        &[
            "show", "G7", "--from", "2024-01", "--to", "2024-03", "--source", "mfhhis01",
        ],
    );
    let out = stdout(&o);
    // The table: newest month first, then the coverage row under the series.
    let head = cells_after(&out, "measure", 0);
    assert_eq!(head[3..], ["2024-03", "2024-02", "2024-01"], "{out}");
    let row = cells_after(&out, "holdings", 0);
    assert_eq!(row[..3], ["holdings", "mfhhis01", "USD"], "{out}");
    let shown: Vec<f64> = row[4..]
        .iter()
        .map(|v| v.replace(',', "").parse().unwrap())
        .collect();
    assert_eq!(shown.len(), 3, "{out}");
    for (got, want) in shown.iter().zip(sums.iter().rev()) {
        assert!((got - want).abs() < 0.05, "{got} vs {want}\n{out}");
    }
    assert_eq!(
        cells_after(&out, "holdings", 1),
        ["members", "6/7", "6/7", "6/7"],
        "{out}"
    );

    // The long form names the missing member and keeps the published precision.
    let o = run_in(
        &home,
        &[
            "show",
            "g7",
            "--from",
            "2024-01",
            "--to",
            "2024-03",
            "--source",
            "mfhhis01",
            "--measure",
            "holdings",
            "--long",
        ],
    );
    let out = stdout(&o);
    for (month, sum) in ["2024-01", "2024-02", "2024-03"].iter().zip(sums) {
        let line = out
            .lines()
            .find(|l| l.starts_with(month))
            .unwrap_or_else(|| panic!("no {month} in\n{out}"));
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cells[1..3], ["mfhhis01", "holdings"], "{line}");
        let v: f64 = cells[3].parse().unwrap();
        assert!((v - sum).abs() < 1e-6, "{line}");
        assert!(
            line.contains("6/7") && line.ends_with("United States"),
            "{line}"
        );
    }
}

#[test]
fn show_names_blocs_and_keeps_entities() {
    let home = empty_home("names");
    // `bloc:` and the bloc's name reach the bloc; an entity stays an entity.
    let by_prefix = stdout(&run_in(
        &home,
        &["show", "bloc:brics", "--source", "mfhhis01"],
    ));
    assert!(
        by_prefix.starts_with("BRICS (BRICS (the original five))"),
        "{by_prefix}"
    );
    let by_name = stdout(&run_in(
        &home,
        &["show", "group of seven", "--source", "mfhhis01"],
    ));
    assert!(by_name.starts_with("G7 (Group of Seven)"), "{by_name}");
    let japan = stdout(&run_in(&home, &["show", "Japan", "--source", "mfhhis01"]));
    assert!(japan.starts_with("Japan: "), "{japan}");
    // A custodial bloc carries the caveat.
    let c = stdout(&run_in(
        &home,
        &["show", "Custodial", "--source", "mfhhis01"],
    ));
    assert!(c.contains("not the country of their owner"), "{c}");
    // Neither an entity nor a bloc: exit 2, and the blocs are named.
    let o = run_in(&home, &["show", "G8"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("or a bloc: G7, EU"), "{err}");
}

const NORDICS: &str = r#"theme = "light"

[keys]
quit = "x"

[[bloc]]
id = "Nordics"
name = "Nordic countries"
why = "A test bloc: two Nordic holders."
source = "written for this test"
members = [{ entity = "Norway" }, { entity = "Sweden" }]

[[bloc]]
id = "G7"
name = "G7 without Japan"
why = "Replaces the bundled G7 in this test."
source = "written for this test"
members = [{ entity = "Canada" }, { entity = "France" }]
"#;

#[test]
fn config_file_adds_and_replaces_blocs() {
    let home = empty_home("config");
    std::fs::create_dir_all(home.join("claimlens")).unwrap();
    std::fs::write(home.join("claimlens").join("config.toml"), NORDICS).unwrap();
    let out = stdout(&run_in(&home, &["blocs"]));
    assert!(
        out.lines()
            .any(|l| l.starts_with("Nordics") && l.contains("Nordic countries")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("G7") && l.contains("G7 without Japan")),
        "{out}"
    );
    // The replaced G7: Canada + France, 351.3 + 256.4 in 2024-01, 2 of 2 members.
    let out = stdout(&run_in(
        &home,
        &[
            "show", "G7", "--from", "2024-01", "--to", "2024-01", "--source", "mfhhis01", "--long",
        ],
    ));
    let line = out.lines().find(|l| l.starts_with("2024-01")).unwrap();
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert!(
        (cells[3].parse::<f64>().unwrap() - (351.3 + 256.4)).abs() < 1e-6,
        "{line}"
    );
    assert!(line.contains("2/2"), "{line}");
    // --config names another file.
    let other = home.join("other.toml");
    std::fs::write(&other, NORDICS.replace("Nordics", "Norden")).unwrap();
    let out = stdout(&run_in(
        &home,
        &["--config", other.to_str().unwrap(), "blocs", "Norden"],
    ));
    assert!(out.starts_with("Norden: Nordic countries"), "{out}");
}

#[test]
fn bad_config_blocs_give_file_line_and_exit_2() {
    let cases = [
        (
            NORDICS.replace("\"Sweden\"", "\"Swedenn\""),
            11,
            "unknown entity \"Swedenn\"",
        ),
        (
            NORDICS.replace("id = \"G7\"", "id = \"Nordics\""),
            14,
            "defined twice",
        ),
        (
            NORDICS.replace(
                "source = \"written for this test\"\nmembers = [{ entity = \"Norway\" }",
                "source = \"x\"\ncolour = \"red\"\nmembers = [{ entity = \"Norway\" }",
            ),
            11,
            "unknown field `colour`",
        ),
        (
            NORDICS.replace(
                "{ entity = \"Norway\" }",
                "{ entity = \"Norway\", from = \"2024\" }",
            ),
            11,
            "expected a month as YYYY-MM",
        ),
    ];
    for (i, (text, line, what)) in cases.iter().enumerate() {
        let home = empty_home(&format!("bad{i}"));
        let file = home.join("c.toml");
        std::fs::write(&file, text).unwrap();
        let o = run_in(&home, &["--config", file.to_str().unwrap(), "blocs"]);
        assert_eq!(o.status.code(), Some(2), "case {i}");
        let err = String::from_utf8_lossy(&o.stderr);
        let at = format!("{}:{line}:", file.display());
        assert!(err.contains(&at), "case {i}: expected {at} in {err}");
        assert!(err.contains(what), "case {i}: expected {what:?} in {err}");
        assert!(o.stdout.is_empty(), "case {i}");
    }
}

#[test]
fn the_explorer_shows_the_config_files_blocs() {
    let home = empty_home("tui");
    std::fs::create_dir_all(home.join("claimlens")).unwrap();
    std::fs::write(home.join("claimlens").join("config.toml"), NORDICS).unwrap();
    let out = stdout(&run_in(
        &home,
        &[
            "render",
            "--width",
            "160",
            "--height",
            "48",
            "--keys",
            "<Tab><Tab><Tab>b/nordic<Enter><Enter>",
        ],
    ));
    // Only the Nordics match; Enter shows its two members under it.
    assert!(out.contains("1 rows") || out.contains("3 rows"), "{out}");
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("- Nordics") || l.contains("   Norway") || l.contains("   Sweden"))
        .collect();
    assert_eq!(rows.len(), 3, "{out}");
    // slt_table5 (the newest months) lists Norway but not Sweden; Table 3 publishes
    // Sweden's holdings, so both members have values.
    assert!(out.contains("- Nordics     2/2"), "{out}");
}

#[test]
fn share_chart_under_ascii_keeps_gaps_apart_from_bars() {
    let home = empty_home("ascii");
    let out = stdout(&run_in(
        &home,
        &[
            "render", "--ascii", "--width", "80", "--height", "24", "--keys", "w",
        ],
    ));
    assert!(out.is_ascii(), "{out}");
    // BRICS has no member before its first summit: blanks there, `-` for its first share.
    let brics = out
        .lines()
        .find(|l| l.starts_with("|BRICS "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(brics.starts_with("|BRICS                "), "{brics}");
    assert!(brics.contains("      -  "), "{brics}");
}
