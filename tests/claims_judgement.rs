//! The rules that keep a verdict defensible, each on a small dataset written
//! here: a claimed value comes from its quote; a proxy never contradicts; a
//! change within revision noise gets no verdict; a direction over a window says
//! when it depends on the window; readings set each view's verdict; repeats are
//! marked; a context line that yields nothing is an error. (Stand-ins for first
//! releases not held, and no verdict from a history that ends early, are in
//! claims_rules.rs.)

use claimlens::claims::{Evaluation, Verdict, case_from_texts};
use claimlens::data::Dataset;

const HEADER: &str =
    "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url\n";

/// Monthly long-term net purchases of Japan (USD millions), all of one vintage.
fn japan(values: &[(&str, f64)]) -> String {
    values
        .iter()
        .map(|(p, v)| {
            format!("slt_table3,lt_net_purchases,Japan,country,{p},{v},USD millions,2025-02-18,,\n")
        })
        .collect()
}

fn ds(text: &str) -> Dataset {
    Dataset::from_tables([("t.csv".to_string(), format!("{HEADER}{text}").as_str())]).unwrap()
}

const ARTICLE: &str = "# T\n\n## 1. One\n\nJapan sold $30 billion in the fourth quarter. \
Japan is inching away from the dollar. Tariffs caused the selling. \
Japan kept selling. Japan sold $30 billion in the fourth quarter, again.\n";

fn claims(body: &str) -> String {
    format!(
        "[article]\ndate = \"2025-03-19\"\ndate_reason = \"test\"\n\n[[claim]]\nid = \"c\"\nsection = \"1\"\n{body}"
    )
}

fn load(d: &Dataset, text: &str) -> Result<Vec<Evaluation>, claimlens::error::InputError> {
    case_from_texts(d, "a.md", ARTICLE, "claims.toml", text).map(|c| c.evaluations)
}

fn one(d: &Dataset, body: &str) -> Evaluation {
    load(d, &claims(body))
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0)
}

/// Oct 2024 to Jan 2025: +31, -20, -10, +4 (USD billions): net buying over the
/// four months, net selling over the last three.
fn flows() -> Dataset {
    ds(&japan(&[
        ("2024-09", -29_000.0),
        ("2024-10", 31_000.0),
        ("2024-11", -20_000.0),
        ("2024-12", -10_000.0),
        ("2025-01", 4_000.0),
    ]))
}

const SUM: &str = "check = \"sum\"\nseries = [{ source = \"slt_table3\", measure = \"lt_net_purchases\" }]\n\
entity = \"Japan\"\nunit = \"USD billions\"\n";

#[test]
fn a_claimed_value_comes_from_the_quote() {
    let d = flows();
    // The quote writes 30: a claimed 45 is an invented number.
    let e = load(
        &d,
        &claims(&format!(
            "quote = \"Japan sold $30 billion in the fourth quarter\"\n{SUM}from = \"2024-10\"\nto = \"2024-12\"\nclaimed = -45\n"
        )),
    )
    .unwrap_err();
    assert_eq!(e.line, Some(9));
    assert!(
        e.message
            .contains("claimed = -45 is not a number of the quote"),
        "{e}"
    );
    // A direction from a selling word of the quote; its opposite is refused.
    let body = format!(
        "quote = \"Japan kept selling\"\n{SUM}from = \"2024-11\"\nto = \"2025-01\"\nclaimed = 0\nrelation = \"below\"\nwindow_words = \"kept selling\"\n"
    );
    assert_eq!(one(&d, &body).verdict, Verdict::Supported);
    let e = load(&d, &claims(&body.replace("\"below\"", "\"at_least\""))).unwrap_err();
    assert!(e.message.contains("the opposite"), "{e}");
    // Words with no direction must be named, and must be the quote's.
    let body = format!(
        "quote = \"Japan is inching away from the dollar\"\n{SUM}from = \"2024-11\"\nto = \"2025-01\"\nclaimed = 0\nrelation = \"below\"\n"
    );
    let e = load(&d, &claims(&body)).unwrap_err();
    assert!(e.message.contains("claimed_words"), "{e}");
    let named = one(&d, &format!("{body}claimed_words = \"inching away\"\n"));
    assert_eq!(named.claimed_words.as_deref(), Some("inching away"));
    let e = load(
        &d,
        &claims(&format!("{body}claimed_words = \"racing away\"\n")),
    )
    .unwrap_err();
    assert!(e.message.contains("is not in the quote"), "{e}");
}

#[test]
fn a_proxy_reaches_at_most_partly_and_never_contradicts() {
    let d = flows();
    let proxy = format!(
        "quote = \"Japan is inching away from the dollar\"\n{SUM}claimed = 0\nclaimed_words = \"inching away\"\n\
relation = \"below\"\nproxy = \"Japan's intent\"\n"
    );
    // Nov-Jan: -26 bn of net sales bear it out, as far as a proxy can.
    let pass = one(
        &d,
        &format!("{proxy}from = \"2024-11\"\nto = \"2025-01\"\nwindow_words = \"inching away\"\n"),
    );
    assert_eq!(pass.verdict, Verdict::Partly, "{}", pass.conclusion);
    assert!(
        pass.conclusion.contains("cannot show Japan's intent"),
        "{}",
        pass.conclusion
    );
    // Oct-Jan: +5 bn of net buying does not bear it out, which is no contradiction.
    let fail = one(
        &d,
        &format!("{proxy}from = \"2024-10\"\nto = \"2025-01\"\nwindow_words = \"inching away\"\n"),
    );
    assert_eq!(fail.verdict, Verdict::Unverifiable, "{}", fail.conclusion);
    assert_eq!(fail.today.verdict, Verdict::Unverifiable);
    assert!(
        fail.conclusion.contains("no contradiction"),
        "{}",
        fail.conclusion
    );
    // The same binding without the proxy contradicts.
    let plain = format!(
        "quote = \"Japan kept selling\"\n{SUM}claimed = 0\nrelation = \"below\"\nfrom = \"2024-10\"\nto = \"2025-01\"\nwindow_words = \"Japan kept selling\"\n"
    );
    assert_eq!(one(&d, &plain).verdict, Verdict::Contradicted);
}

#[test]
fn a_direction_over_a_window_says_when_it_depends_on_the_window() {
    let d = flows();
    let body = format!(
        "quote = \"Japan kept selling\"\n{SUM}claimed = 0\nrelation = \"below\"\nfrom = \"2024-10\"\nto = \"2025-01\"\n"
    );
    // Oct-Jan: +5 (bought); Nov-Jan, the start a month later: -26 (sold).
    let e = one(&d, &body);
    assert_eq!(e.verdict, Verdict::Partly, "{}", e.conclusion);
    assert_eq!(e.windows_summary, "depends on the window");
    assert!(
        e.conclusion.starts_with("Depends on the window"),
        "{}",
        e.conclusion
    );
    let later = e
        .windows
        .iter()
        .find(|w| w.label.contains("start a month later"))
        .unwrap();
    assert_eq!(later.verdict, Verdict::Supported);
    assert!((later.observed.unwrap() - -26.0).abs() < 1e-9);
    // No window ends after what had been published by the article's date: TIC's
    // February data came out in April.
    assert!(!e.windows.iter().any(|w| w.label.contains("2025-02")));
    // When the quote names its window, that window decides, and the table stays.
    let named = one(&d, &format!("{body}window_words = \"kept selling\"\n"));
    assert_eq!(named.verdict, Verdict::Contradicted);
    assert!(
        named.windows_summary.contains("the quote names it"),
        "{}",
        named.windows_summary
    );
    // A figure the quote gives pins its window: no shifts for "about".
    let about = one(
        &d,
        &format!(
            "quote = \"Japan sold $30 billion in the fourth quarter\"\n{SUM}from = \"2024-11\"\nto = \"2024-12\"\nclaimed = -30\n"
        ),
    );
    assert!(about.windows.is_empty());
    assert_eq!(about.verdict, Verdict::Supported);
}

#[test]
fn readings_set_each_views_verdict() {
    let d = flows();
    let body = format!(
        "quote = \"Japan kept selling\"\n{SUM}claimed = 0\nrelation = \"below\"\nfrom = \"2024-11\"\nto = \"2025-01\"\n\
window_words = \"kept selling\"\nreadings = [{{ label = \"January\", from = \"2025-01\", to = \"2025-01\" }}]\n"
    );
    let e = one(&d, &body);
    assert_eq!(e.verdict, Verdict::Partly);
    // Both views hold the same data here, and the readings disagree in each.
    assert_eq!(e.as_published.verdict, Verdict::Partly);
    assert_eq!(e.today.verdict, Verdict::Partly);
    assert_eq!(e.readings[0].verdict, Verdict::Supported);
    assert_eq!(e.readings[1].verdict, Verdict::Contradicted);
    let json: serde_json::Value = serde_json::from_str(&claimlens::report::check::json(
        &case_from_texts(&d, "a.md", ARTICLE, "claims.toml", &claims(&body)).unwrap(),
    ))
    .unwrap();
    assert_eq!(json[0]["verdict_as_published"], "partly");
    assert_eq!(json[0]["verdict_today"], "partly");
}

#[test]
fn a_change_within_revision_noise_gets_no_verdict_on_its_own() {
    // Central banks' gold purchases from two report vintages: 1,082 t for 2022
    // (a report of 2024-10) and 1,092 t for 2024 (one of 2026-01).
    let rows = "context_facts,wgc_cb_net_purchases,Central banks,country,2022,1082,tonnes,2024-10,,\n\
context_facts,wgc_cb_net_purchases,Central banks,country,2024,1092.4,tonnes,2026-01-29,,\n\
context_facts,wgc_cb_net_purchases,Central banks,country,2023,900,tonnes,2026-01-29,,\n";
    let d = ds(rows);
    let article = "# T\n\n## 1. One\n\nGold buying is accelerating.\n";
    let body = "[article]\ndate = \"2026-03-01\"\ndate_reason = \"test\"\n\n[[claim]]\nid = \"c\"\nsection = \"1\"\n\
quote = \"Gold buying is accelerating\"\ncheck = \"change\"\n\
series = [{ source = \"context_facts\", measure = \"wgc_cb_net_purchases\" }]\nentity = \"Central banks\"\n\
from = \"2022\"\nto = \"2024\"\nclaimed = 0\nclaimed_words = \"accelerating\"\nunit = \"tonnes\"\nrelation = \"above\"\n";
    let e = case_from_texts(&d, "a.md", article, "claims.toml", body)
        .unwrap_or_else(|e| panic!("{e}"))
        .evaluations
        .remove(0);
    assert_eq!(e.verdict, Verdict::Unverifiable, "{}", e.conclusion);
    assert!(
        e.today.observed_text.contains("within revision noise"),
        "{}",
        e.today.observed_text
    );
    assert!(
        e.today.observed_text.contains("two report vintages"),
        "{}",
        e.today.observed_text
    );
    assert!(
        e.today.observed_text.contains("±50 tonnes"),
        "{}",
        e.today.observed_text
    );
    // One vintage and a change beyond the range: a verdict.
    let one_vintage = body.replace("from = \"2022\"", "from = \"2023\"");
    let e = case_from_texts(&d, "a.md", article, "claims.toml", &one_vintage)
        .unwrap()
        .evaluations
        .remove(0);
    assert_eq!(e.verdict, Verdict::Supported, "{}", e.conclusion);
}

#[test]
fn a_restatement_must_say_it_repeats() {
    let d = flows();
    let first = format!(
        "quote = \"Japan sold $30 billion in the fourth quarter\"\n{SUM}from = \"2024-11\"\nto = \"2024-12\"\nclaimed = -30\n"
    );
    let again = format!(
        "\n[[claim]]\nid = \"d\"\nsection = \"1\"\nquote = \"Japan kept selling\"\n{SUM}from = \"2024-11\"\nto = \"2024-12\"\nclaimed = 0\nrelation = \"below\"\n"
    );
    let text = claims(&format!("{first}{again}"));
    let e = load(&d, &text).unwrap_err();
    assert_eq!(e.line, Some(18));
    assert!(
        e.message
            .contains("checks the same series, entities and window as claim \"c\""),
        "{e}"
    );
    let marked = text.replace("id = \"d\"\n", "id = \"d\"\nrepeats = \"c\"\n");
    let evs = load(&d, &marked).unwrap();
    assert_eq!(evs[1].repeats.as_deref(), Some("c"));
    // The same words twice, bound differently, are one statement too.
    let twice = claims(&format!(
        "{first}\n[[claim]]\nid = \"d\"\nsection = \"1\"\nquote = \"Japan sold $30 billion in the fourth quarter\"\ncheck = \"none\"\ndata_claim = true\nwhy = \"x\"\n"
    ));
    let e = load(&d, &twice).unwrap_err();
    assert!(
        e.message.contains("quotes the same words as claim \"c\""),
        "{e}"
    );
}

#[test]
fn a_context_line_that_yields_nothing_is_an_error() {
    let d = flows();
    let body = format!(
        "quote = \"Japan kept selling\"\n{SUM}claimed = 0\nrelation = \"below\"\nfrom = \"2024-11\"\nto = \"2024-12\"\n\
context = [\n  {{ label = \"Japan in 2019\", check = \"sum\", from = \"2019-01\", to = \"2019-03\", series = [{{ source = \"slt_table3\", measure = \"lt_net_purchases\" }}], unit = \"USD billions\" }},\n]\n"
    );
    let e = load(&d, &claims(&body)).unwrap_err();
    // The line of the context line's label.
    assert_eq!(e.line, Some(18));
    assert!(
        e.message
            .contains("context \"Japan in 2019\" yields no value"),
        "{e}"
    );
}

#[test]
fn a_share_is_a_check() {
    let rows = "mfhhis01,holdings,Japan,country,2025-01,1079.3,USD billions,2025-02-18,,\n\
mfhhis01,holdings,Grand Total,total,2025-01,8617.8,USD billions,2025-02-18,,\n";
    let d = ds(rows);
    let article = "# T\n\n## 1. One\n\nJapan holds an eighth of all foreign holdings.\n";
    let body = "[article]\ndate = \"2025-03-19\"\ndate_reason = \"test\"\n\n[[claim]]\nid = \"c\"\nsection = \"1\"\n\
quote = \"Japan holds an eighth of all foreign holdings\"\ncheck = \"share\"\n\
series = [{ source = \"mfhhis01\", measure = \"holdings\" }]\nentity = \"Japan\"\nperiod = \"2025-01\"\n\
claimed = 12.5\nclaimed_words = \"an eighth\"\ntolerance = 0.05\n";
    let e = case_from_texts(&d, "a.md", article, "claims.toml", body)
        .unwrap_or_else(|e| panic!("{e}"))
        .evaluations
        .remove(0);
    // 1079.3 / 8617.8 = 12.52 %.
    assert!((e.today.observed.unwrap() - 1079.3 / 8617.8 * 100.0).abs() < 1e-9);
    assert_eq!(e.verdict, Verdict::Supported);
    assert!(
        e.today.observed_text.contains("12.5% of Grand Total"),
        "{}",
        e.today.observed_text
    );
}
