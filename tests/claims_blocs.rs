//! Claims bound to blocs (`entity = "bloc:ID"`): the sum of the members with a
//! value, missing members named (never zero), members' cells as evidence,
//! `combine = "each"`, rank among blocs, a case's own blocs.toml, the
//! custodial caveat and validation errors. Small datasets written here.

mod common;

use claimlens::claims::{Case, Evaluation, Verdict, case_from_texts, load_case};
use claimlens::data::Dataset;

const HEADER: &str =
    "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url\n";

fn row(entity: &str, period: &str, value: f64) -> String {
    format!(
        "slt_table3,lt_net_purchases,\"{entity}\",country,{period},{value},USD millions,2025-02-18,,\n"
    )
}

/// Net purchases in 2024-07..09 of three BRICS members (Russia and South Africa
/// have no rows), two G7 members and Belgium.
fn ds() -> Dataset {
    let mut t = String::from(HEADER);
    let data: &[(&str, [f64; 3])] = &[
        ("China, Mainland", [-10_000.0, -20_000.0, -30_000.0]),
        ("Brazil", [1_000.0, 2_000.0, 3_000.0]),
        ("India", [500.0, 500.0, 500.0]),
        ("Japan", [-5_000.0, -5_000.0, -5_000.0]),
        ("United Kingdom", [4_000.0, 4_000.0, 4_000.0]),
        ("Belgium", [100.0, 200.0, 300.0]),
    ];
    for (e, vals) in data {
        for (m, v) in ["2024-07", "2024-08", "2024-09"].iter().zip(vals) {
            t.push_str(&row(e, m, *v));
        }
    }
    Dataset::from_tables([("t.csv".to_string(), t.as_str())]).unwrap()
}

const ARTICLE: &str = "# T\n\n## 1. One\n\nBRICS sold Treasuries in the third quarter. \
The West bought. BRICS was the largest seller among the blocs.\n";

fn claims(body: &str) -> String {
    let body = common::quote_gives_claimed(body);
    format!(
        "[article]\ndate = \"2025-03-19\"\ndate_reason = \"test\"\n\n[[claim]]\nid = \"c\"\nsection = \"1\"\n{body}"
    )
}

fn case(ds: &Dataset, body: &str) -> Case {
    case_from_texts(ds, "a.md", ARTICLE, "claims.toml", &claims(body))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn one(ds: &Dataset, body: &str) -> Evaluation {
    case(ds, body).evaluations.remove(0)
}

const SERIES: &str = "series = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\n";

fn sum_claim(entity: &str, claimed: f64) -> String {
    format!(
        "quote = \"BRICS sold Treasuries\"\ncheck = \"sum\"\n{SERIES}entity = {entity}\nfrom = \"2024-07\"\nto = \"2024-09\"\nclaimed = {claimed}\nunit = \"USD billions\"\n"
    )
}

#[test]
fn a_bloc_is_the_sum_of_its_members_with_a_value() {
    let e = one(&ds(), &sum_claim("\"bloc:brics\"", -53.0));
    // China -60 bn + Brazil 6 bn + India 1.5 bn = -52.5 bn.
    let v = e.today.observed.unwrap();
    assert!((v - (-52.5)).abs() < 1e-9, "{v}");
    assert_eq!(e.verdict, Verdict::Supported);
    // The evidence cells are the members' own published cells.
    let mut who: Vec<&str> = e.today.evidence.iter().map(|c| c.entity.as_str()).collect();
    who.sort_unstable();
    who.dedup();
    assert_eq!(who, ["Brazil", "China, Mainland", "India"]);
    assert_eq!(e.today.evidence.len(), 9);
    // Russia and South Africa belong but have no value: named, not counted as zero.
    let d = &e.today.detail;
    assert!(d.contains("bloc BRICS"), "{d}");
    assert!(
        d.contains(
            "no value in slt_table3/lt_net_purchases for Russia, South Africa (2024-07..2024-09)"
        ),
        "{d}"
    );
    assert!(d.contains("at least 3 of 5"), "{d}");
    assert!(d.contains("not counted as zero"), "{d}");
    // The series behind the claim are the members' series.
    let refs: Vec<&str> = e.series.iter().map(|s| s.entity.as_str()).collect();
    assert!(
        refs.contains(&"China, Mainland") && refs.contains(&"India"),
        "{refs:?}"
    );
    assert!(!refs.iter().any(|r| r.starts_with("bloc:")));
}

#[test]
fn blocs_mix_with_countries_and_combine_each() {
    // A bloc and a country added up: BRICS -52.5 + Japan -15 = -67.5.
    let e = one(&ds(), &sum_claim("[\"bloc:BRICS\", \"Japan\"]", -67.5));
    assert!((e.today.observed.unwrap() - (-67.5)).abs() < 1e-9);
    // Each on its own: BRICS about -52.5 holds, G7 (Japan -15 + UK 12 = -3) does not.
    let body = format!(
        "{}combine = \"each\"\n",
        sum_claim("[\"bloc:BRICS\", \"bloc:G7\"]", -52.5)
    );
    let e = one(&ds(), &body);
    assert_eq!(e.verdict, Verdict::Partly);
    assert!(
        e.today.observed_text.contains("bloc:G7: "),
        "{}",
        e.today.observed_text
    );
    assert!(
        e.today.observed_text.contains("-3.0 USD bn"),
        "{}",
        e.today.observed_text
    );
}

#[test]
fn rank_among_blocs() {
    let body = format!(
        "quote = \"BRICS was the largest seller among the blocs\"\ncheck = \"rank\"\n{SERIES}entity = \"bloc:BRICS\"\nfrom = \"2024-07\"\nto = \"2024-09\"\norder = \"lowest\"\namong = \"bloc\"\nclaimed = 1\nunit = \"USD billions\"\n"
    );
    let e = one(&ds(), &body);
    // Eight blocs have members with data (not ASEAN, not the Gulf). ASEAN+3
    // (China -60 + Japan -15 = -75 bn) sells more than BRICS (-52.5 bn):
    // BRICS ranks second, and the claim of first is contradicted.
    assert_eq!(e.today.observed, Some(2.0), "{}", e.today.observed_text);
    assert_eq!(e.verdict, Verdict::Contradicted);
    let t = &e.today.observed_text;
    assert!(
        t.starts_with("bloc:BRICS ranks 2 of 8 blocs (lowest first) at -52.5"),
        "{t}"
    );
    assert!(
        e.today.detail.starts_with("next: bloc:ASEAN+3 -75"),
        "{}",
        e.today.detail
    );
    let e = one(&ds(), &body.replace("claimed = 1", "claimed = 2"));
    assert_eq!(e.verdict, Verdict::Supported);
}

#[test]
fn among_bloc_needs_a_bloc_and_a_bloc_ranks_among_blocs() {
    let rank = |entity: &str, among: &str| {
        format!(
            "quote = \"BRICS was the largest seller\"\ncheck = \"rank\"\n{SERIES}entity = \"{entity}\"\nperiod = \"2024-07\"\n{among}claimed = 1\n"
        )
    };
    let msg = |body: &str| {
        case_from_texts(&ds(), "a.md", ARTICLE, "claims.toml", &claims(body))
            .unwrap_err()
            .to_string()
    };
    let m = msg(&rank("Japan", "among = \"bloc\"\n"));
    assert!(m.starts_with("claims.toml:"), "{m}");
    assert!(m.contains("expected `entity = \"bloc:ID\"`"), "{m}");
    let m = msg(&rank("bloc:G7", ""));
    assert!(m.contains("add among = \"bloc\""), "{m}");
}

#[test]
fn an_unknown_bloc_names_its_line_and_the_known_ids() {
    let body = sum_claim("\"bloc:BRICZ\"", -52.5);
    let m = case_from_texts(&ds(), "a.md", ARTICLE, "claims.toml", &claims(&body))
        .unwrap_err()
        .to_string();
    assert!(m.starts_with("claims.toml:9:"), "{m}");
    assert!(m.contains("unknown bloc \"BRICZ\""), "{m}");
    assert!(m.contains("G7, EU, Euro area, West, BRICS"), "{m}");
    // Inside a context line too.
    let body = format!(
        "{}context = [{{ label = \"x\", check = \"sum\", {}, entity = \"bloc:Nope\", from = \"2024-07\", to = \"2024-09\" }}]\n",
        sum_claim("\"bloc:BRICS\"", -52.5),
        SERIES.trim().replace('\n', "")
    );
    let m = case_from_texts(&ds(), "a.md", ARTICLE, "claims.toml", &claims(&body))
        .unwrap_err()
        .to_string();
    assert!(m.contains("unknown bloc \"Nope\""), "{m}");
}

#[test]
fn custodial_centres_carry_the_caveat() {
    // The West holds the UK and Belgium (custodial centres).
    let e = one(
        &ds(),
        &sum_claim("\"bloc:West\"", 0.0).replace("claimed = 0", "claimed = 1"),
    );
    let line = e
        .context
        .iter()
        .find(|c| c.label == "custodial")
        .expect("custodial caveat");
    assert!(line.text.contains("United Kingdom"), "{}", line.text);
    assert!(line.text.contains("Belgium"), "{}", line.text);
    assert!(line.text.contains("custodian"), "{}", line.text);
    assert!(
        line.text.contains("not the country of their owner"),
        "{}",
        line.text
    );
    // A context line about the UK brings it as well; a claim on India alone does not.
    let india = sum_claim("\"India\"", 1.5);
    assert!(
        !one(&ds(), &india)
            .context
            .iter()
            .any(|c| c.label == "custodial")
    );
    let with_uk = format!(
        "{india}context = [{{ label = \"UK\", check = \"sum\", {}, entity = \"United Kingdom\", from = \"2024-07\", to = \"2024-09\" }}]\n",
        SERIES.trim()
    );
    let e = one(&ds(), &with_uk);
    let c = e.context.iter().find(|c| c.label == "custodial").unwrap();
    assert!(
        c.text.starts_with("United Kingdom is a custodial"),
        "{}",
        c.text
    );
}

#[test]
fn a_context_line_on_a_bloc_names_its_missing_members() {
    let body = format!(
        "{}context = [{{ label = \"BRICS\", check = \"sum\", {}, entity = \"bloc:BRICS\", from = \"2024-07\", to = \"2024-09\", unit = \"USD billions\" }}]\n",
        sum_claim("\"India\"", 1.5),
        SERIES.trim()
    );
    let e = one(&ds(), &body);
    let c = e.context.iter().find(|c| c.label == "BRICS").unwrap();
    assert!(
        c.text.starts_with("-52.5 USD bn over 2024-Q3"),
        "{}",
        c.text
    );
    assert!(
        c.text.contains("Russia, South Africa (2024-07..2024-09)"),
        "{}",
        c.text
    );
    assert_eq!(c.evidence.len(), 9);
}

fn case_dir(blocs: &str, body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("claims.toml"), claims(body)).unwrap();
    std::fs::write(dir.path().join("blocs.toml"), blocs).unwrap();
    dir
}

const OWN_BLOCS: &str = r#"
[[bloc]]
id = "Sellers"
name = "China and Japan"
why = "The two largest holders"
source = "test"
members = [{ entity = "China, Mainland" }, { entity = "Japan", from = "2024-08" }]

[[bloc]]
id = "BRICS"
name = "Only Brazil"
why = "replaces the bundled BRICS"
source = "test"
members = [{ entity = "Brazil" }]
"#;

#[test]
fn a_case_defines_and_replaces_blocs() {
    let ds = ds();
    // Sellers: China -60, Japan from 2024-08 only (-10) = -70.
    let dir = case_dir(OWN_BLOCS, &sum_claim("\"bloc:sellers\"", -70.0));
    let case = load_case(&ds, Some(dir.path())).unwrap();
    let e = &case.evaluations[0];
    assert!((e.today.observed.unwrap() - (-70.0)).abs() < 1e-9);
    assert_eq!(e.verdict, Verdict::Supported);
    // Japan did not belong in 2024-07: not listed as missing.
    assert!(e.today.detail.is_empty(), "{}", e.today.detail);
    // The case's BRICS replaces the bundled one: Brazil alone, 6 bn.
    let dir = case_dir(OWN_BLOCS, &sum_claim("\"bloc:BRICS\"", 6.0));
    let case = load_case(&ds, Some(dir.path())).unwrap();
    assert!((case.evaluations[0].today.observed.unwrap() - 6.0).abs() < 1e-9);
}

#[test]
fn errors_in_a_case_blocs_file_name_its_line() {
    let ds = ds();
    let bad = OWN_BLOCS.replace("{ entity = \"Brazil\" }", "{ entity = \"Brasil\" }");
    let dir = case_dir(&bad, &sum_claim("\"bloc:BRICS\"", 6.0));
    let e = load_case(&ds, Some(dir.path())).unwrap_err();
    let m = e.to_string();
    assert!(m.contains("blocs.toml:14:"), "{m}");
    assert!(m.contains("unknown entity \"Brasil\""), "{m}");
    assert_eq!(e.exit_code(), 2);
}

#[test]
fn a_change_says_when_the_members_counted_differ_at_its_ends() {
    let ds = ds();
    // Sellers: China throughout, Japan from 2024-08: 2024-07 counts China (-10), 2024-09 both (-35).
    let body = "quote = \"BRICS sold Treasuries\"\ncheck = \"change\"\nseries = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\nentity = \"bloc:Sellers\"\nfrom = \"2024-07\"\nto = \"2024-09\"\nclaimed = -25\nunit = \"USD billions\"\n";
    let dir = case_dir(OWN_BLOCS, body);
    let case = load_case(&ds, Some(dir.path())).unwrap();
    let e = &case.evaluations[0];
    assert!((e.today.observed.unwrap() - (-25.0)).abs() < 1e-9);
    assert!(
        e.today
            .detail
            .contains("bloc Sellers: the members counted differ between 2024-07 and 2024-09 (only in 2024-09: Japan)"),
        "{}",
        e.today.detail
    );
    // The same members at both ends: no such words.
    let same = body.replace("bloc:Sellers", "bloc:BRICS");
    let case = load_case(&ds, Some(case_dir(OWN_BLOCS, &same).path())).unwrap();
    assert!(!case.evaluations[0].today.detail.contains("differ"));
}

#[test]
fn a_bloc_window_outside_the_data_says_what_the_bloc_covers() {
    let body = sum_claim("\"bloc:BRICS\"", -52.5)
        .replace("2024-07", "2023-01")
        .replace("2024-09", "2023-03");
    let m = case_from_texts(&ds(), "a.md", ARTICLE, "claims.toml", &claims(&body))
        .unwrap_err()
        .to_string();
    assert!(
        m.contains("slt_table3/lt_net_purchases for bloc:BRICS covers 2024-07..2024-09"),
        "{m}"
    );
}
