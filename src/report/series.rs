//! `claimlens series`: every source/measure a claims file can name, with its
//! unit, how many entities have it and the periods it covers, so that nobody
//! has to read the tidy tables to write a case.

use crate::claims::metrics::FORM_S_NET;
use crate::data::{Dataset, Period, Vintage};
use std::collections::BTreeMap;

/// One line of the listing.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesInfo {
    pub source: String,
    pub measure: String,
    pub unit: String,
    pub entities: usize,
    pub first: Option<Period>,
    pub last: Option<Period>,
}

/// Every source/measure of a dataset (with the derived Form S measure), sorted.
pub fn list(ds: &Dataset) -> Vec<SeriesInfo> {
    let mut by: BTreeMap<(String, String), SeriesInfo> = BTreeMap::new();
    for s in ds.all_series() {
        let pts = s.view(&Vintage::Latest);
        let (first, last) = (pts.first().map(|p| p.period), pts.last().map(|p| p.period));
        let e = by
            .entry((s.source.clone(), s.measure.clone()))
            .or_insert_with(|| SeriesInfo {
                source: s.source.clone(),
                measure: s.measure.clone(),
                unit: s.unit.clone(),
                entities: 0,
                first: None,
                last: None,
            });
        e.entities += 1;
        e.first = match (e.first, first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        e.last = match (e.last, last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
    let form_s = (
        "s1_globl".to_string(),
        "gross_purchases_treas_bonds_notes".to_string(),
    );
    if let Some(g) = by.get(&form_s).cloned() {
        by.insert(
            ("s1_globl".into(), FORM_S_NET.into()),
            SeriesInfo {
                measure: FORM_S_NET.into(),
                ..g
            },
        );
    }
    by.into_values().collect()
}

/// The listing as an aligned text table.
pub fn text(ds: &Dataset) -> String {
    let rows: Vec<[String; 5]> = list(ds)
        .into_iter()
        .map(|i| {
            let span = match (i.first, i.last) {
                (Some(a), Some(b)) => format!("{a}..{b}"),
                _ => "no data".into(),
            };
            [i.source, i.measure, i.unit, i.entities.to_string(), span]
        })
        .collect();
    let head = ["source", "measure", "unit", "entities", "periods"];
    let mut w = head.map(str::len);
    for r in &rows {
        for (k, c) in r.iter().enumerate() {
            w[k] = w[k].max(c.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut s = String::new();
        for (k, c) in cells.iter().enumerate() {
            let pad = w[k].saturating_sub(c.chars().count());
            if k == 3 {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                if k + 1 < cells.len() {
                    s.push_str(&" ".repeat(pad));
                }
            }
            if k + 1 < cells.len() {
                s.push_str("  ");
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(head);
    for r in &rows {
        out.push_str(&line([&r[0], &r[1], &r[2], &r[3], &r[4]]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_each_measure_once_with_its_coverage() {
        let t = "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
mfhhis01,holdings,Japan,country,2024-06,1091.4,USD billions,2026-03-18,,
mfhhis01,holdings,Japan,country,2024-07,1093.5,USD billions,2026-03-18,,
mfhhis01,holdings,China,country,2024-05,770.0,USD billions,2026-03-18,,
";
        let ds = Dataset::from_tables([("t".to_string(), t)]).unwrap();
        let l = list(&ds);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].entities, 2);
        assert_eq!(l[0].first.unwrap().to_string(), "2024-05");
        assert_eq!(l[0].last.unwrap().to_string(), "2024-07");
        let txt = text(&ds);
        assert!(
            txt.contains("mfhhis01  holdings  USD billions         2  2024-05..2024-07"),
            "{txt}"
        );
    }
}
