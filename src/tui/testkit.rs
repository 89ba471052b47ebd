//! Fixtures for the components' tests: the shared state of a dataset of many
//! countries under the bundled article (no claims), or of the bundled case on
//! the bundled data.

use super::context::Shared;
use super::theme::{Options, Theme};
use crate::claims::{Article, Case, EMBEDDED_ARTICLE};
use crate::data::Dataset;
use crate::data::blocs::Blocs;
use std::sync::Arc;

/// Holdings of `n` countries (`Country 01`, ...) over six months of 2024,
/// each country holding a little less than the one before; the last has no
/// value in 2024-12.
pub fn dataset(n: usize) -> Dataset {
    let mut csv = String::from(
        "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url\n",
    );
    for i in 0..n {
        for m in 7..=12 {
            if i + 1 == n && m == 12 {
                continue;
            }
            let v = 1000.0 - i as f64 * 10.0 + m as f64;
            csv.push_str(&format!(
                "mfhhis01,holdings,Country {:02},country,2024-{m:02},{v},USD billions,2025-01-15,,\n",
                i + 1
            ));
        }
    }
    Dataset::from_tables([("fixture.csv".to_string(), csv.as_str())]).expect("fixture parses")
}

/// The bundled article with no claims.
pub fn article() -> Case {
    Case {
        article: Article::parse("<embedded>/article.md", EMBEDDED_ARTICLE).expect("article parses"),
        date: "2025-03-19".into(),
        date_reason: String::new(),
        evaluations: Vec::new(),
    }
}

/// The bundled data and the bundled case on them.
pub fn bundled_case() -> (Dataset, Case) {
    let ds = Dataset::embedded().expect("embedded tables parse");
    let case = crate::claims::load_case(&ds, None).expect("bundled case loads");
    (ds, case)
}

fn shared_of(ds: Dataset, case: Case) -> Shared {
    let blocs = Blocs::bundled_for(&ds).unwrap_or_default();
    let theme = Theme::new(Options::default());
    Shared::new(Arc::new(ds), Arc::new(case), theme, Arc::new(blocs))
}

/// The shared state over [`dataset`]`(n)` and the bundled article.
pub fn shared(n: usize) -> Shared {
    shared_of(dataset(n), article())
}

/// The shared state of the bundled case.
pub fn bundled() -> Shared {
    let (ds, case) = bundled_case();
    shared_of(ds, case)
}
