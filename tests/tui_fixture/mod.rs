//! Shared set-up for the TUI tests: the bundled case over the bundled data,
//! or over a small fixture when the bundled tables are still empty.

#![allow(dead_code)]

use claimlens::data::Dataset;
use claimlens::tui::{App, Options};
use std::sync::Arc;

/// Holdings for three countries and a total, and long-term flows, over six months.
pub const FIXTURE: &str =
    "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
mfhhis01,holdings,Japan,country,2024-07,1110.0,USD billions,2025-01-15,,
mfhhis01,holdings,Japan,country,2024-08,1120.0,USD billions,2025-01-15,,
mfhhis01,holdings,Japan,country,2024-09,1095.5,USD billions,2025-01-15,,
mfhhis01,holdings,Japan,country,2024-10,1100.0,USD billions,2025-01-15,,
mfhhis01,holdings,Japan,country,2024-11,1090.0,USD billions,2025-01-15,,
mfhhis01,holdings,Japan,country,2024-12,1079.3,USD billions,2025-01-15,,
mfhhis01,holdings,\"China, Mainland\",country,2024-07,770.0,USD billions,2025-01-15,,
mfhhis01,holdings,\"China, Mainland\",country,2024-08,775.0,USD billions,2025-01-15,,
mfhhis01,holdings,\"China, Mainland\",country,2024-09,772.0,USD billions,2025-01-15,,
mfhhis01,holdings,\"China, Mainland\",country,2024-10,761.0,USD billions,2025-01-15,,
mfhhis01,holdings,\"China, Mainland\",country,2024-11,768.0,USD billions,2025-01-15,,
mfhhis01,holdings,\"China, Mainland\",country,2024-12,759.0,USD billions,2025-01-15,,
mfhhis01,holdings,United Kingdom,country,2024-07,720.0,USD billions,2025-01-15,,
mfhhis01,holdings,United Kingdom,country,2024-08,740.0,USD billions,2025-01-15,,
mfhhis01,holdings,United Kingdom,country,2024-09,730.0,USD billions,2025-01-15,,
mfhhis01,holdings,United Kingdom,country,2024-10,735.0,USD billions,2025-01-15,,
mfhhis01,holdings,United Kingdom,country,2024-11,765.0,USD billions,2025-01-15,,
mfhhis01,holdings,United Kingdom,country,2024-12,723.0,USD billions,2025-01-15,,
mfhhis01,holdings,Grand Total,total,2024-12,8500.0,USD billions,2025-01-15,,
slt_table3,lt_net_purchases,Japan,country,2024-07,-10903,USD millions,2025-01,,
slt_table3,lt_net_purchases,Japan,country,2024-08,-22321,USD millions,2025-01,,
slt_table3,lt_net_purchases,Japan,country,2024-09,-29136,USD millions,2025-01,,
slt_table3,lt_net_purchases,United Kingdom,country,2024-09,-2600,USD millions,2025-01,,
slt_table3,lt_valuation_change,Japan,country,2024-09,12000,USD millions,2025-01,,
";

pub fn fixture() -> Dataset {
    Dataset::from_tables([("fixture.csv".to_string(), FIXTURE)]).expect("fixture parses")
}

/// The bundled data, or the fixture while the bundled tables are empty.
pub fn dataset() -> Dataset {
    let ds = Dataset::embedded().expect("embedded tables parse");
    if ds.is_empty() { fixture() } else { ds }
}

pub fn app_over(ds: Dataset) -> App {
    let case = claimlens::claims::load_case(&ds, None).expect("bundled case loads");
    App::new(
        Arc::new(ds),
        Arc::new(case),
        Options {
            ascii: false,
            mouse: true,
            color: false,
            ..Options::default()
        },
    )
}

/// The app over the fixture data (for tests that assert values): the bundled
/// article, no claims (the bundled claims name series the fixture lacks).
pub fn fixture_app() -> App {
    use claimlens::claims::{Article, Case, EMBEDDED_ARTICLE};
    let case = Case {
        article: Article::parse("<embedded>/article.md", EMBEDDED_ARTICLE).expect("article parses"),
        date: "2025-03-19".into(),
        date_reason: String::new(),
        evaluations: Vec::new(),
    };
    App::new(
        Arc::new(fixture()),
        Arc::new(case),
        Options {
            ascii: false,
            mouse: true,
            color: false,
            ..Options::default()
        },
    )
}

/// The app over the bundled data (for screens).
pub fn app() -> App {
    app_over(dataset())
}
