//! Golden tests of `claimlens export` on the bundled case, reviewed on a fixed date.
//!
//! The expected files live in tests/golden/; run with `UPDATE_GOLDEN=1` to
//! rewrite them after an intended change, then review the diff.

use claimlens::claims::{Case, load_case};
use claimlens::data::Dataset;
use claimlens::error::Error;
use claimlens::report::export::{self, Format, Request};
use std::path::PathBuf;
use std::sync::OnceLock;

const REVIEW_DATE: &str = "2026-01-01";

fn bundled() -> &'static (Dataset, Case) {
    static CASE: OnceLock<(Dataset, Case)> = OnceLock::new();
    CASE.get_or_init(|| {
        let ds = Dataset::embedded().unwrap();
        let case = load_case(&ds, None).unwrap();
        (ds, case)
    })
}

fn export(format: Format, claim: Option<&str>, section: Option<&str>) -> Result<String, Error> {
    let (ds, case) = bundled();
    let req = Request {
        format,
        claim: claim.map(String::from),
        section: section.map(String::from),
        review_date: REVIEW_DATE.into(),
    };
    export::render(ds, case, &req)
}

/// Compares `actual` with tests/golden/`name` (or rewrites it under UPDATE_GOLDEN).
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b);
        let at = line.unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs at line {}:\n  expected: {:?}\n  actual:   {:?}\n(UPDATE_GOLDEN=1 rewrites it)",
            path.display(),
            at + 1,
            expected.lines().nth(at),
            actual.lines().nth(at)
        );
    }
}

#[test]
fn markdown_report_matches_golden() {
    let md = export(Format::Markdown, None, None).unwrap();
    golden("report.md", &md);
    assert!(md.starts_with("# Claim check: Japan's Financial Shift"));
    assert!(md.contains("Article date: 2025-03-19. The article carries no date."));
    // Both viewpoints with their cells, in the units of the data.
    let q3 = &md[md.find("## japan-q3-61.9bn").unwrap()..];
    let q3 = &q3[..q3[3..].find("\n## ").unwrap()];
    assert!(
        q3.contains("**As published** (data released by 2025-03-19)"),
        "{q3}"
    );
    // A press figure names its outlet and the repost, never the Treasury as its publisher.
    assert!(q3.contains("| Bloomberg (repost: tgstat.com), a press report of the TIC release | `press_lt_treas_net_purchases_3m` | Japan | 2024-Q3 | -61.9 | USD bn | 2024-11 |"), "{q3}");
    assert!(q3.contains("**Today** (newest data)"), "{q3}");
    // Published as -29,136 USD millions: shown in the display unit.
    assert!(q3.contains("| US Treasury, TIC SLT Table 3 | `lt_net_purchases` | Japan | 2024-09 | -29.1 | USD bn | 2026-06 |"), "{q3}");
    assert!(
        q3.contains("- Why holdings rose while Japan sold:"),
        "context lines: {q3}"
    );
}

#[test]
fn markdown_of_one_section_or_claim() {
    let md = export(Format::Markdown, None, Some("6")).unwrap();
    golden("section-6.md", &md);
    let rows = md.lines().filter(|l| l.starts_with("| 6. ")).count();
    assert_eq!(rows, 8, "section 6 has eight claims");
    assert!(!md.contains("## japan-q3-61.9bn"));
    let one = export(Format::Markdown, Some("dec-2024-49.69bn"), None).unwrap();
    assert_eq!(one.matches("\n## ").count(), 1);
    assert!(
        one.contains("↻ revised")
            && one.contains("| -49.7 | USD bn |")
            && one.contains("| -35.3 | USD bn |"),
        "{one}"
    );
}

#[test]
fn claimreview_matches_golden_and_is_complete_json_ld() {
    let text = export(Format::ClaimReview, None, None).unwrap();
    golden("claimreview.json", &text);
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let reviews = json.as_array().expect("an array");
    assert_eq!(reviews.len(), bundled().1.evaluations.len());
    for r in reviews {
        for key in [
            "@type",
            "claimReviewed",
            "itemReviewed",
            "author",
            "datePublished",
            "url",
        ] {
            assert!(
                r.get(key).is_some_and(|v| !v.is_null()),
                "missing {key} in {r}"
            );
        }
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert_eq!(r["datePublished"], REVIEW_DATE);
        assert_eq!(r["author"]["@type"], "Organization");
        assert_eq!(r["author"]["name"], "claimlens");
        assert!(r["reviewRating"]["alternateName"].is_string(), "{r}");
        assert_eq!(r["reviewRating"]["@type"], "Rating");
        assert!(
            !r["reviewRating"]["ratingExplanation"]
                .as_str()
                .unwrap()
                .is_empty(),
            "{r}"
        );
        let item = &r["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        for k in ["appearance", "firstAppearance"] {
            assert_eq!(item[k]["@type"], "NewsArticle");
            assert_eq!(
                item[k]["headline"],
                "Japan's Financial Shift: Western vs Non-Western Perspectives"
            );
            assert_eq!(item[k]["datePublished"], "2025-03-19");
        }
        assert!(r["url"].as_str().unwrap().starts_with("urn:claimlens:"));
    }
    let q3 = reviews
        .iter()
        .find(|r| r["url"] == "urn:claimlens:japan-q3-61.9bn")
        .unwrap();
    assert_eq!(q3["reviewRating"]["name"], "supported");
    assert_eq!(q3["reviewRating"]["alternateName"], "Accurate");
    assert_eq!(q3["reviewRating"]["ratingValue"], 5);
    assert_eq!(q3["reviewRating"]["bestRating"], 5);
    assert_eq!(q3["reviewRating"]["worstRating"], 1);
    let revised = reviews
        .iter()
        .find(|r| r["url"] == "urn:claimlens:dec-2024-49.69bn")
        .unwrap();
    assert_eq!(revised["reviewRating"]["name"], "revised");
    assert_eq!(revised["reviewRating"]["ratingValue"], 4);
    assert!(
        q3["claimReviewed"]
            .as_str()
            .unwrap()
            .contains("$61.9 billion")
    );
    let opinion = reviews
        .iter()
        .find(|r| r["url"] == "urn:claimlens:trump-relief")
        .unwrap();
    assert_eq!(opinion["reviewRating"]["name"], "not a data claim");
    assert_eq!(
        opinion["reviewRating"]["alternateName"],
        "Not a factual claim"
    );
    assert!(opinion["reviewRating"].get("ratingValue").is_none());
}

#[test]
fn csv_of_all_claims_matches_golden() {
    let text = export(Format::Csv, None, None).unwrap();
    golden("evidence.csv", &text);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "claim_id",
            "viewpoint",
            "source",
            "measure",
            "entity",
            "entity_kind",
            "period",
            "value",
            "unit",
            "vintage",
            "basis"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| r.len() == 11));
    // As published, a later revision standing in for a first release not held says so.
    assert!(
        rows.iter()
            .any(|r| &r[0] == "canada-largest-seller-jan" && &r[10] == "stand-in"),
        "a stand-in row"
    );
    assert!(
        rows.iter()
            .all(|r| &r[10] == "held" || &r[10] == "stand-in")
    );
    // "China, Mainland" needs quoting and comes back whole.
    assert!(
        rows.iter()
            .any(|r| &r[4] == "China, Mainland" && &r[5] == "country")
    );
    // Deduplicated: no cell twice for one claim.
    let mut keys: Vec<String> = rows
        .iter()
        .map(|r| [&r[0], &r[2], &r[3], &r[4], &r[6], &r[9]].join("|"))
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "duplicate evidence rows");
}

#[test]
fn csv_of_one_claim_has_both_viewpoints() {
    let text = export(Format::Csv, Some("japan-q3-61.9bn"), None).unwrap();
    golden("japan-q3-61.9bn.csv", &text);
    assert_eq!(
        text,
        "viewpoint,source,measure,entity,entity_kind,period,value,unit,vintage,basis\n\
         as_published,tic_facts,press_lt_treas_net_purchases_3m,Japan,country,2024-Q3,-61.9,USD billions,2024-11,held\n\
         today,slt_table3,lt_net_purchases,Japan,country,2024-07,-10903,USD millions,2026-06,held\n\
         today,slt_table3,lt_net_purchases,Japan,country,2024-08,-22321,USD millions,2026-06,held\n\
         today,slt_table3,lt_net_purchases,Japan,country,2024-09,-29136,USD millions,2026-06,held\n"
    );
    // The same cells in both viewpoints are listed once, as "both".
    let yields = export(Format::Csv, Some("yields-rise-as-japan-sells"), None).unwrap();
    assert!(
        yields
            .lines()
            .skip(1)
            .all(|l| l.starts_with("both,fred_dgs10,treasury_10y_yield,United States,")),
        "{yields}"
    );
}

#[test]
fn write_table_quotes_arbitrary_rows() {
    let rows = vec![
        vec!["China, Mainland".to_string(), "-51.3".into()],
        vec!["say \"no\"".into(), "1".into()],
    ];
    let text = export::csv::write_table(["entity", "value"], &rows);
    assert_eq!(
        text,
        "entity,value\n\"China, Mainland\",-51.3\n\"say \"\"no\"\"\",1\n"
    );
}

/// Checks that `svg` is well-formed enough: one balanced <svg> root, every
/// tag closed in order, no raw `&` or `<` in text.
fn assert_xmlish(svg: &str) {
    assert!(svg.starts_with("<svg "), "starts with <svg");
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<svg").count(), 1);
    assert_eq!(svg.matches("</svg>").count(), 1);
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        if let Some(amp) = text.find('&') {
            let entity = &text[amp..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "raw & in {text:?}"
            );
        }
        let close = rest[open..].find('>').expect("tag closed") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "'<' inside a tag: {tag}");
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name.trim()), "closing {name}");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap());
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn svg_of_a_level_claim_matches_golden() {
    let svg = export(Format::Svg, Some("japan-holdings-1.1tn"), None).unwrap();
    golden("japan-holdings-1.1tn.svg", &svg);
    assert_xmlish(&svg);
    assert!(
        svg.contains(r#"<rect class="claim-window""#),
        "window shaded"
    );
    // 1.1 USD trillion drawn in the series' unit (USD billions).
    assert!(
        svg.contains(r#"<line class="claimed""#) && svg.contains("stroke-dasharray"),
        "reference line"
    );
    assert!(svg.contains("claimed 1,100.0 USD bn"));
    assert!(
        svg.contains(">1,100</text>"),
        "a tick at the claimed 1100 billions"
    );
    assert!(
        svg.contains("japan-holdings-1.1tn</text>")
            && svg.contains("“Holding over $1.1 trillion worth of U.S. Treasuries and bonds”")
    );
    assert!(svg.contains(
        "Source: US Treasury, TIC Major Foreign Holders history: holdings of US Treasury securities (USD billions)."
    ));
    assert!(svg.contains(r#"class="last-value""#));
}

#[test]
fn svg_of_a_sum_claim_has_no_reference_line() {
    let svg = export(Format::Svg, Some("japan-q3-61.9bn"), None).unwrap();
    golden("japan-q3-61.9bn.svg", &svg);
    assert_xmlish(&svg);
    assert!(svg.contains(r#"<rect class="claim-window""#));
    assert!(
        !svg.contains(r#"class="claimed""#),
        "a sum is not drawn as a level"
    );
    assert!(svg.contains(r#"class="zero""#), "net purchases cross zero");
    assert!(svg.contains(
        "US Treasury, TIC SLT Table 3: net purchases of Treasury bonds and notes (USD billions)"
    ));
    assert!(svg.contains(">0</text>"), "a labelled zero tick");
}

#[test]
fn svg_of_every_charted_claim_is_well_formed() {
    let (_, case) = bundled();
    let mut charted = 0;
    for e in &case.evaluations {
        match export(Format::Svg, Some(&e.id), None) {
            Ok(svg) => {
                assert_xmlish(&svg);
                assert!(svg.contains("claim-window"), "{}", e.id);
                charted += 1;
            }
            Err(err) => {
                assert!(e.series.is_empty(), "{}: {err}", e.id);
                assert_eq!(err.exit_code(), 2);
                assert!(err.to_string().contains("has no chart"), "{err}");
            }
        }
    }
    assert!(charted >= 25, "{charted} charts");
}

#[test]
fn bad_selections_are_usage_errors() {
    let err = export(Format::Svg, None, None).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(err.to_string().contains("--claim"), "{err}");
    let err = export(Format::Svg, Some("trump-relief"), None).unwrap_err();
    assert!(
        err.to_string().contains("not checked against data"),
        "{err}"
    );
    let err = export(Format::Markdown, Some("no-such-claim"), None).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(err.to_string().contains("no-such-claim"), "{err}");
    let err = export(Format::Csv, None, Some("99")).unwrap_err();
    assert!(
        err.to_string().contains("key-takeaways"),
        "lists the section ids: {err}"
    );
    let err = export(Format::Csv, Some("japan-q3-61.9bn"), Some("2")).unwrap_err();
    assert!(err.to_string().contains("section \"3\""), "{err}");
}
