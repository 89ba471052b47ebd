//! The verdict rules on small datasets written for the tests: no look-ahead,
//! revised / partly / conditional, readings, the since / first_below / max checks,
//! relations on ranks, rolling windows, unit aliases, and validation errors.

mod common;

use claimlens::claims::{Case, Evaluation, Verdict, case_from_texts};
use claimlens::data::Dataset;

const HEADER: &str =
    "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url\n";

/// A tidy row.
fn row(
    source: &str,
    measure: &str,
    entity: &str,
    period: &str,
    value: f64,
    unit: &str,
    vintage: &str,
) -> String {
    format!("{source},{measure},{entity},country,{period},{value},{unit},{vintage},,\n")
}

/// Monthly net purchases of `entity` (USD millions) from `start` (a month index
/// offset from 2023-01), all with one vintage.
fn monthly(entity: &str, values: &[(&str, f64)], vintage: &str) -> String {
    values
        .iter()
        .map(|(p, v)| {
            row(
                "slt_table3",
                "lt_net_purchases",
                entity,
                p,
                *v,
                "USD millions",
                vintage,
            )
        })
        .collect()
}

fn months(from_year: i32, n: usize, f: impl Fn(usize) -> f64) -> Vec<(String, f64)> {
    (0..n)
        .map(|i| {
            let y = from_year + (i / 12) as i32;
            let m = i % 12 + 1;
            (format!("{y}-{m:02}"), f(i))
        })
        .collect()
}

fn ds(text: &str) -> Dataset {
    Dataset::from_tables([("t.csv".to_string(), format!("{HEADER}{text}").as_str())]).unwrap()
}

const ARTICLE: &str = "# T\n\n## 1. One\n\nJapan sold a record amount in the third quarter of 2024. \
It was the lowest since 2009. Japan first fell below zero long ago. \
Japan was among the five largest sellers. Its holdings peaked above a level. \
If Japan keeps selling, yields will rise. The dollar index stood at 120.\n";

fn claims(date: &str, body: &str) -> String {
    let body = common::quote_gives_claimed(body);
    format!(
        "[article]\ndate = \"{date}\"\ndate_reason = \"test\"\n\n[[claim]]\nid = \"c\"\nsection = \"1\"\n{body}"
    )
}

fn case(ds: &Dataset, date: &str, body: &str) -> Case {
    case_from_texts(ds, "a.md", ARTICLE, "claims.toml", &claims(date, body))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn one(ds: &Dataset, date: &str, body: &str) -> Evaluation {
    case(ds, date, body).evaluations.remove(0)
}

fn err(ds: &Dataset, body: &str) -> claimlens::error::InputError {
    case_from_texts(
        ds,
        "a.md",
        ARTICLE,
        "claims.toml",
        &claims("2025-03-19", body),
    )
    .unwrap_err()
}

/// Japan: small sales every month 2022-01..2025-12, a large 2024-Q3 (-60 bn in
/// total), and a larger 2025-Q4 (-90 bn) after the article.
fn japan_history(vintage_old: &str, vintage_new: &str) -> String {
    let vals = months(2022, 48, |i| match i {
        30..=32 => -20_000.0, // 2024-07..09
        45..=47 => -30_000.0, // 2025-10..12
        _ => -1_000.0,
    });
    let (old, new): (Vec<_>, Vec<_>) = vals.iter().partition(|(p, _)| p.as_str() < "2025-01");
    let old: Vec<(&str, f64)> = old.iter().map(|(p, v)| (p.as_str(), *v)).collect();
    let new: Vec<(&str, f64)> = new.iter().map(|(p, v)| (p.as_str(), *v)).collect();
    format!(
        "{}{}",
        monthly("Japan", &old, vintage_old),
        monthly("Japan", &new, vintage_new)
    )
}

const RECORD: &str = "quote = \"Japan sold a record amount\"\ncheck = \"record\"\n\
series = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\nentity = \"Japan\"\n\
from = \"2024-07\"\nto = \"2024-09\"\nclaimed = 1\nunit = \"USD billions\"\norder = \"lowest\"\n";

#[test]
fn a_later_larger_window_does_not_change_a_record_verdict() {
    let with_later = ds(&japan_history("2025-02-15", "2026-02-15"));
    let e = one(&with_later, "2025-03-19", RECORD);
    assert_eq!(e.verdict, Verdict::Supported, "{}", e.conclusion);
    assert_eq!(e.today.observed, Some(1.0));
    assert!(
        e.today.detail.contains("none ending after 2024-09"),
        "{}",
        e.today.detail
    );
    // The later record is context, never the verdict.
    let since: Vec<&str> = e
        .context
        .iter()
        .filter(|c| c.label == "since then")
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(since.len(), 1, "{:?}", e.context);
    assert!(since[0].contains("2025-Q4 -90"), "{}", since[0]);
    // The same claim without the later data: the same verdict and rank.
    let vals = months(2022, 36, |i| {
        if (30..=32).contains(&i) {
            -20_000.0
        } else {
            -1_000.0
        }
    });
    let v: Vec<(&str, f64)> = vals.iter().map(|(p, v)| (p.as_str(), *v)).collect();
    let without = ds(&monthly("Japan", &v, "2025-02-15"));
    let w = one(&without, "2025-03-19", RECORD);
    assert_eq!(w.verdict, e.verdict);
    assert_eq!(w.today.observed, e.today.observed);
    assert!(!w.context.iter().any(|c| c.label == "since then"));
    // A relation on a record: "among the two largest" holds for rank 1.
    let top2 = one(
        &with_later,
        "2025-03-19",
        &RECORD.replace("claimed = 1\n", "claimed = 2\nrelation = \"at_most\"\n"),
    );
    assert_eq!(top2.verdict, Verdict::Supported);
    let exactly2 = one(
        &with_later,
        "2025-03-19",
        &RECORD.replace("claimed = 1\n", "claimed = 2\n"),
    );
    assert_eq!(exactly2.verdict, Verdict::Contradicted);
}

#[test]
fn the_as_published_history_keeps_unheld_first_releases_as_stand_ins() {
    // 2023 values carry a vintage after the article date, though TIC had
    // published them by then: as published they stand in for the first releases.
    let vals = months(2022, 36, |i| {
        if (30..=32).contains(&i) {
            -20_000.0
        } else {
            -1_000.0
        }
    });
    let (early, late): (Vec<_>, Vec<_>) = vals
        .iter()
        .map(|(p, v)| (p.as_str(), *v))
        .partition(|(p, _)| p.starts_with("2022") || p.starts_with("2024"));
    let d = ds(&format!(
        "{}{}",
        monthly("Japan", &early, "2025-02-15"),
        monthly("Japan", &late, "2025-06-15")
    ));
    let e = one(&d, "2025-03-19", RECORD);
    assert!(
        e.as_published.detail.contains(
            "stand-ins for first releases not held: 2023-01..2023-12 (values as revised on 2025-06-15)"
        ),
        "{}",
        e.as_published.detail
    );
    // The history is not cut short: both views rank over the same 11 quarters (2022-Q1 to 2024-Q3).
    assert!(
        e.as_published.observed_text.contains("rank 1 of 11"),
        "{}",
        e.as_published.observed_text
    );
    assert!(
        e.today.observed_text.contains("rank 1 of 11"),
        "{}",
        e.today.observed_text
    );
    assert_eq!(e.as_published.basis, claimlens::claims::Basis::Mixed);
    assert_eq!(e.today.basis, claimlens::claims::Basis::Held);
    assert!(
        e.conclusion.contains("rests partly on later revisions"),
        "{}",
        e.conclusion
    );
    assert!(!e.today.detail.contains("stand-in"), "{}", e.today.detail);
}

#[test]
fn a_month_not_yet_published_by_the_date_is_absent_not_a_stand_in() {
    // January 2025 came out on 18 March 2025; the only copy held is of 2026.
    let d = ds(&monthly("Japan", &[("2025-01", -13_300.0)], "2026-06"));
    let body = "quote = \"Japan sold a record amount\"\ncheck = \"level\"\n\
series = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\nentity = \"Japan\"\n\
period = \"2025-01\"\nclaimed = -13.3\nunit = \"USD billions\"\n";
    // Dated the day after the release: the revised value stands in for it, marked.
    let after = one(&d, "2025-03-19", body);
    assert_eq!(after.as_published.verdict, Verdict::Supported);
    assert_eq!(after.as_published.basis, claimlens::claims::Basis::StandIn);
    let cell = &after.as_published.evidence[0];
    assert!(cell.stand_in);
    assert_eq!(
        cell.citation(),
        "US Treasury, TIC SLT Table 3; first release not held, value as revised on 2026-06"
    );
    assert!(
        after
            .conclusion
            .contains("As published, the verdict rests on later revisions")
    );
    // Dated before the release: the month did not exist yet, so that view has no data
    // (and no verdict), while today's data decide.
    let before = one(&d, "2025-03-10", body);
    assert_eq!(before.as_published.verdict, Verdict::Unverifiable);
    assert!(before.as_published.evidence.is_empty());
    assert_eq!(before.verdict, Verdict::Supported);
    // Under JSON each view names its basis.
    let json = claimlens::report::check::json(&case(&d, "2025-03-19", body));
    assert!(
        json.contains("\"basis_as_published\": \"stand-in\""),
        "{json}"
    );
    assert!(json.contains("\"basis_today\": \"held\""), "{json}");
    assert!(json.contains("\"stand_in\": true"), "{json}");
}

#[test]
fn a_figure_right_when_published_and_revised_since_is_revised() {
    let d = ds(&format!(
        "{}{}",
        monthly("Japan", &[("2024-12", -49_690.0)], "2025-02-18"),
        monthly("Japan", &[("2024-12", -35_310.0)], "2026-02-18")
    ));
    let body = "quote = \"Japan sold a record amount\"\ncheck = \"level\"\n\
series = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\nentity = \"Japan\"\n\
period = \"2024-12\"\nclaimed = -49.69\nunit = \"USD billions\"\ntolerance = 0.01\n";
    let e = one(&d, "2025-03-19", body);
    assert_eq!(e.verdict, Verdict::Revised);
    assert_eq!(e.as_published.verdict, Verdict::Supported);
    assert_eq!(e.today.verdict, Verdict::Contradicted);
    assert!(
        e.conclusion
            .contains("Revised from -49.7 to -35.3: up by 14.4 (+28.9%), away from the claimed figure: now smaller in size than claimed"),
        "{}",
        e.conclusion
    );
}

#[test]
fn readings_that_disagree_make_a_claim_partly_unless_one_is_primary() {
    // Calendar quarters: 2024-Q3 (-65) is the largest. Rolling: 2024-05..07 (-80) is larger.
    let vals = months(2022, 36, |i| match i {
        28 => -30_000.0,
        29 | 30 => -25_000.0,
        31 | 32 => -20_000.0,
        _ => -1_000.0,
    });
    let v: Vec<(&str, f64)> = vals.iter().map(|(p, v)| (p.as_str(), *v)).collect();
    let d = ds(&monthly("Japan", &v, "2025-02-15"));
    let readings = format!(
        "{RECORD}label = \"calendar quarters\"\nreadings = [{{ label = \"any three months\", align = \"rolling\" }}]\n"
    );
    let e = one(&d, "2025-03-19", &readings);
    assert_eq!(e.verdict, Verdict::Partly, "{}", e.conclusion);
    assert_eq!(e.readings.len(), 2);
    assert_eq!(e.readings[0].label, "calendar quarters");
    assert_eq!(e.readings[0].verdict, Verdict::Supported);
    assert_eq!(e.readings[1].verdict, Verdict::Contradicted);
    // 2024-05..07 (-80) and 2024-06..08 (-70) are larger than 2024-07..09 (-65).
    assert_eq!(e.readings[1].observed, Some(3.0));
    assert_eq!(e.readings_summary, "depends on the reading");
    let primary = format!(
        "{readings}primary = \"calendar quarters\"\nprimary_why = \"TIC publishes quarters\"\n"
    );
    let p = one(&d, "2025-03-19", &primary);
    assert_eq!(p.verdict, Verdict::Supported);
    assert!(
        p.readings_summary.contains("TIC publishes quarters"),
        "{}",
        p.readings_summary
    );
    assert!(p.readings[0].primary);
    // Readings that agree: the claim holds under every reading.
    let agree =
        format!("{RECORD}readings = [{{ label = \"in millions\", unit = \"USD millions\" }}]\n");
    let a = one(&d, "2025-03-19", &agree);
    assert_eq!(a.readings_summary, "holds under every reading");
    // A text report and the JSON carry the table.
    let c = case(&d, "2025-03-19", &readings);
    let json = claimlens::report::check::json(&c);
    assert!(
        json.contains("\"readings\"") && json.contains("\"any three months\""),
        "{json}"
    );
    let md = claimlens::report::readings::markdown(&c.evaluations[0]);
    assert!(md.contains("| any three months | ✗ contradicted |"), "{md}");
}

#[test]
fn a_conditional_gets_no_verdict_and_shows_what_happened_since() {
    let d = ds(&japan_history("2025-02-15", "2026-02-15"));
    let body = "quote = \"If Japan keeps selling, yields will rise.\"\ncheck = \"sum\"\nconditional = true\n\
series = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\nentity = \"Japan\"\n\
from = \"2025-04\"\nto = \"2025-12\"\nunit = \"USD billions\"\n";
    let e = one(&d, "2025-03-19", body);
    assert_eq!(e.verdict, Verdict::Conditional);
    assert_eq!(e.today.verdict, Verdict::Conditional);
    let since = e.context.iter().find(|c| c.label == "since then").unwrap();
    // 2025-04..09 at -1 bn, 2025-10..12 at -30 bn.
    assert!(since.text.contains("-96.0 USD bn"), "{}", since.text);
}

fn yields() -> Dataset {
    // Yearly-ish: monthly yields 2008-01..2010-12 with 2009-03 at 2.0 and a 2010-12 value of 2.1.
    let vals = months(2008, 36, |i| match i {
        14 => 2.0,
        35 => 2.1,
        _ => 3.0 + (i % 5) as f64 * 0.1,
    });
    let text: String = vals
        .iter()
        .map(|(p, v)| {
            row(
                "fred_dgs10",
                "treasury_10y_yield",
                "United States",
                p,
                *v,
                "percent",
                "2025-01-02",
            )
        })
        .collect();
    ds(&text)
}

#[test]
fn since_finds_the_last_earlier_period_at_or_beyond_the_value() {
    let d = yields();
    let body = "quote = \"It was the lowest since 2009.\"\ncheck = \"since\"\n\
series = [{ source = \"fred_dgs10\", measure = \"treasury_10y_yield\" }]\nentity = \"United States\"\n\
period = \"2010-12\"\norder = \"lowest\"\nclaimed = 2009\n";
    let e = one(&d, "2025-03-19", body);
    assert_eq!(e.verdict, Verdict::Supported, "{}", e.conclusion);
    assert!(
        e.today.observed_text.contains("lowest since 2009-03"),
        "{}",
        e.today.observed_text
    );
    let wrong = one(
        &d,
        "2025-03-19",
        &body.replace("claimed = 2009", "claimed = 2008"),
    );
    assert_eq!(wrong.verdict, Verdict::Contradicted);
}

#[test]
fn first_below_takes_the_first_period_under_the_threshold_up_to_the_article_date() {
    let d = yields();
    let body = "quote = \"Japan first fell below zero long ago.\"\ncheck = \"first_below\"\n\
series = [{ source = \"fred_dgs10\", measure = \"treasury_10y_yield\" }]\nentity = \"United States\"\n\
threshold = 2.5\nclaimed = \"2009-03\"\n";
    let e = one(&d, "2025-03-19", body);
    assert_eq!(e.verdict, Verdict::Supported, "{}", e.conclusion);
    // A year claims any month of it; another month does not match "about".
    let year = one(&d, "2025-03-19", &body.replace("\"2009-03\"", "2009"));
    assert_eq!(year.verdict, Verdict::Supported);
    let other = one(&d, "2025-03-19", &body.replace("2009-03", "2009-04"));
    assert_eq!(other.verdict, Verdict::Contradicted);
    // With the article dated before the claimed month, the history it may read
    // ends first: absence of data is no evidence, so no verdict either way.
    let early = one(&d, "2009-01-15", body);
    assert_eq!(early.verdict, Verdict::Unverifiable, "{}", early.conclusion);
    assert!(
        early.today.observed_text.contains("cannot tell"),
        "{}",
        early.today.observed_text
    );
    // Claimed at a month the history covers, never crossing is a contradiction.
    let covered = one(&d, "2009-01-15", &body.replace("2009-03", "2008-06"));
    assert_eq!(
        covered.verdict,
        Verdict::Contradicted,
        "{}",
        covered.conclusion
    );
    assert!(covered.today.observed_text.contains("never below"));
}

#[test]
fn rank_at_most_means_among_the_top_and_max_finds_a_peak() {
    let mut text = String::new();
    for (e, v) in [
        ("Japan", -5_000.0),
        ("China", -9_000.0),
        ("Canada", -7_000.0),
        ("France", 1_000.0),
    ] {
        text.push_str(&monthly(e, &[("2024-09", v)], "2025-01-15"));
    }
    let d = ds(&text);
    let body = "quote = \"Japan was among the five largest sellers.\"\ncheck = \"rank\"\n\
series = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\nentity = \"Japan\"\n\
period = \"2024-09\"\norder = \"lowest\"\nclaimed = 2\nrelation = \"at_most\"\n";
    let e = one(&d, "2025-03-19", body);
    assert_eq!(e.today.observed, Some(3.0));
    assert_eq!(e.verdict, Verdict::Contradicted);
    let five = one(
        &d,
        "2025-03-19",
        &body.replace("claimed = 2", "claimed = 5"),
    );
    assert_eq!(five.verdict, Verdict::Supported);
    let exact = one(
        &d,
        "2025-03-19",
        &body.replace("relation = \"at_most\"\n", ""),
    );
    assert_eq!(exact.verdict, Verdict::Contradicted);

    let holdings: String = [
        ("2024-08", 1100.0),
        ("2024-09", 1123.3),
        ("2024-10", 1101.0),
    ]
    .iter()
    .map(|(p, v)| {
        row(
            "mfhhis01",
            "holdings",
            "Japan",
            p,
            *v,
            "USD billions",
            "2025-01-15",
        )
    })
    .collect();
    let h = ds(&holdings);
    let body = "quote = \"Its holdings peaked above a level.\"\ncheck = \"max\"\n\
series = [{ source = \"mfhhis01\", measure = \"holdings\" }]\nentity = \"Japan\"\n\
from = \"2024-08\"\nto = \"2024-10\"\nclaimed = 1.1\nunit = \"USD trillion\"\nrelation = \"above\"\n";
    let e = one(&h, "2025-03-19", body);
    assert!((e.today.observed.unwrap() - 1.1233).abs() < 1e-9);
    assert!(
        e.today.observed_text.contains("2024-09"),
        "{}",
        e.today.observed_text
    );
    assert_eq!(e.verdict, Verdict::Supported);
    let low = one(&h, "2025-03-19", &body.replace("\"max\"", "\"min\""));
    assert!((low.today.observed.unwrap() - 1.1).abs() < 1e-9);
    assert!(
        low.today.observed_text.contains("2024-08"),
        "{}",
        low.today.observed_text
    );
    // The low of Aug-Oct is not above 1.1, but that of Sep-Oct is: a bound
    // over a window the quote does not name depends on the window.
    assert_eq!(low.today.verdict, Verdict::Partly);
    assert_eq!(low.verdict, Verdict::Partly);
    assert_eq!(low.windows_summary, "depends on the window");
    assert!(
        low.conclusion.starts_with("Depends on the window"),
        "{}",
        low.conclusion
    );
}

#[test]
fn a_window_that_is_not_a_quarter_ranks_rolling_windows_and_says_so() {
    let d = ds(&japan_history("2025-02-15", "2026-02-15"));
    let body = RECORD
        .replace("from = \"2024-07\"", "from = \"2024-08\"")
        .replace("to = \"2024-09\"", "to = \"2024-10\"");
    let e = one(&d, "2025-03-19", &body);
    assert!(
        e.today.observed_text.contains("rolling 3-month windows"),
        "{}",
        e.today.observed_text
    );
    let forced = err(&d, &format!("{body}align = \"quarter\"\n"));
    assert!(
        forced.message.contains("not one: use align = \"rolling\""),
        "{forced}"
    );
}

#[test]
fn unit_aliases_and_percentage_points() {
    let text: String = [("2025-01", 129.5), ("2025-03", 127.0)]
        .iter()
        .map(|(p, v)| {
            row(
                "fred_dtwexbgs",
                "broad_dollar_index",
                "United States",
                p,
                *v,
                "\"index, Jan 2006 = 100\"",
                "2025-04-01",
            )
        })
        .collect();
    let d = ds(&text);
    let body = "quote = \"The dollar index stood at 120.\"\ncheck = \"level\"\n\
series = [{ source = \"fred_dtwexbgs\", measure = \"broad_dollar_index\" }]\nentity = \"United States\"\n\
period = \"2025-01\"\nclaimed = 120\nunit = \"index\"\nrelation = \"above\"\n";
    let e = one(&d, "2025-03-19", body);
    assert_eq!(e.verdict, Verdict::Supported);
    let pct = one(
        &d,
        "2025-03-19",
        &body
            .replace("check = \"level\"", "check = \"pct_change\"")
            .replace(
                "period = \"2025-01\"",
                "from = \"2025-01\"\nto = \"2025-03\"",
            )
            .replace("claimed = 120", "claimed = -2")
            .replace("relation = \"above\"", "relation = \"below\""),
    );
    assert!(pct.claimed.contains("-2.00%"), "{}", pct.claimed);
    assert!((pct.today.observed.unwrap() - (127.0 / 129.5 - 1.0) * 100.0).abs() < 1e-9);
    let y = yields();
    let change = one(
        &y,
        "2025-03-19",
        "quote = \"It was the lowest since 2009.\"\ncheck = \"change\"\n\
series = [{ source = \"fred_dgs10\", measure = \"treasury_10y_yield\" }]\nentity = \"United States\"\n\
from = \"2009-03\"\nto = \"2010-12\"\nclaimed = 0.1\nunit = \"percent\"\n",
    );
    assert!(
        change.today.observed_text.starts_with("+0.10 pp"),
        "{}",
        change.today.observed_text
    );
    // A unit that does not fit the series names the real problem.
    let e = err(
        &d,
        &body.replace("unit = \"index\"", "unit = \"USD billions\""),
    );
    assert!(
        e.message
            .contains("does not fit fred_dtwexbgs/broad_dollar_index"),
        "{e}"
    );
    assert_eq!(e.line, Some(9));
}

fn bundled() -> Dataset {
    Dataset::embedded().unwrap()
}

const GOOD: &str = "quote = \"Japan sold a record amount\"\ncheck = \"sum\"\n\
series = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\nentity = \"Japan\"\n\
from = \"2024-07\"\nto = \"2024-09\"\nclaimed = -62\nunit = \"USD billions\"\n";

#[test]
fn context_lines_are_validated_like_claims() {
    let d = bundled();
    let ctx = |c: &str| err(&d, &format!("{GOOD}context = [\n  {c},\n]\n"));
    let base = "{ label = \"x\", check = \"level\", series = [{ source = \"mfhhis01\", measure = \"holdings\" }], period = \"2024-09\" }";
    // The context line is line 17 of the file.
    for (bad, words) in [
        (
            base.replace("\"level\"", "\"levle\""),
            "unknown check \"levle\"",
        ),
        (
            base.replace(
                "period = \"2024-09\"",
                "period = \"2024-09\", entity = \"Atlantis\"",
            ),
            "unknown entity",
        ),
        (
            base.replace("mfhhis01", "mfhhis02"),
            "no source \"mfhhis02\"",
        ),
        (
            base.replace(
                "period = \"2024-09\"",
                "period = \"2024-09\", unit = \"tonnes\"",
            ),
            "does not fit",
        ),
        (
            base.replace("check = \"level\"", "check = \"change\"")
                .replace(
                    "period = \"2024-09\"",
                    "from = \"2024-09\", to = \"2024-01\"",
                ),
            "ends before it starts",
        ),
        (base.replace("\"2024-09\"", "\"2024-9\""), "period:"),
    ] {
        let e = ctx(&bad);
        assert!(e.message.contains(words), "{bad}: {e}");
        assert_eq!(e.line, Some(17), "{bad}: {e}");
    }
    assert!(
        case_from_texts(
            &d,
            "a.md",
            ARTICLE,
            "claims.toml",
            &claims("2025-03-19", &format!("{GOOD}context = [\n  {base},\n]\n"))
        )
        .is_ok()
    );
}

#[test]
fn numbers_entities_and_unused_fields_are_checked() {
    let d = bundled();
    for (body, words) in [
        (GOOD.replace("claimed = -62", "claimed = nan"), "finite"),
        (GOOD.replace("claimed = -62", "claimed = inf"), "finite"),
        (format!("{GOOD}tolerance = 0.0\n"), "greater than 0"),
        (format!("{GOOD}tolerance = 1.5\n"), "at most 1"),
        (format!("{GOOD}tolerance = nan\n"), "tolerance"),
        (
            GOOD.replace("entity = \"Japan\"", "entity = [\"Japan\", \"japan\"]"),
            "listed twice",
        ),
        (
            format!("{GOOD}threshold = 3\n"),
            "threshold is not used by check = \"sum\"",
        ),
        (format!("{GOOD}order = \"lowest\"\n"), "order is not used"),
        (
            format!("{GOOD}relation = \"above\"\ntolerance = 0.1\n"),
            "only used with relation",
        ),
        (
            GOOD.replace("check = \"sum\"", "check = \"level\""),
            "needs `period`",
        ),
        (
            format!("{GOOD}combine = \"each\"\n"),
            "needs several entities",
        ),
        (
            format!("{GOOD}primary = \"x\"\nprimary_why = \"y\"\n"),
            "no `readings`",
        ),
    ] {
        let e = err(&d, &body);
        assert!(e.message.contains(words), "{body}: {e}");
        assert!(e.line.is_some(), "{e}");
    }
    // A reading's error points at the reading's line.
    let e = err(
        &d,
        &format!("{GOOD}readings = [\n  {{ label = \"r\", entity = \"Atlantis\" }},\n]\n"),
    );
    assert!(e.message.contains("unknown entity"), "{e}");
    assert_eq!(e.line, Some(17));
}

#[test]
fn series_lists_measures_with_unit_entities_and_coverage() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .arg("series")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("fred_dtwexbgs "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("broad_dollar_index") && line.contains("index, Jan 2006 = 100"),
        "{line}"
    );
    assert!(text.contains("net_purchases_treas_bonds_notes"), "{text}");
}

#[test]
fn a_bad_context_line_stops_check_with_its_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    let body = format!(
        "{GOOD}context = [\n  {{ label = \"x\", check = \"level\", series = [{{ source = \"mfhhis01\", measure = \"holdings\" }}], period = \"2024-09\", entity = \"Atlantis\" }},\n]\n"
    );
    std::fs::write(dir.path().join("claims.toml"), claims("2025-03-19", &body)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimlens"))
        .args(["check", "--case"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("claims.toml:17:") && stderr.contains("unknown entity \"Atlantis\""),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}
