//! Context lines: extra numbers shown beside a claim, always on the newest data.

use super::compute::series_map;
use super::metrics;
use super::spec::{ContextSpec, SeriesSpec};
use super::verdict::ContextLine;
use crate::data::{Dataset, Period, Vintage};
use crate::report::show::format_value;

pub(super) fn context_line(
    ds: &Dataset,
    c: &ContextSpec,
    fallback_entities: &[String],
) -> Option<ContextLine> {
    let entities: Vec<String> = c
        .entity
        .as_ref()
        .map(|e| e.to_vec())
        .unwrap_or_else(|| fallback_entities.to_vec())
        .into_iter()
        .filter_map(|e| ds.resolve_entity(&e).map(str::to_string))
        .collect();
    let view = Vintage::Latest;
    let unit = c.unit.clone().unwrap_or_default();
    let p = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<Period>().ok());
    let (from, to) = (p(&c.from).or(p(&c.period)), p(&c.to).or(p(&c.period)));
    let mut evidence = Vec::new();
    let mut parts = Vec::new();
    if c.check == "decomposition" {
        // Holdings change = net purchases + valuation change (+ what the publisher leaves unexplained).
        let (f, t) = (from?, to?);
        let before = f.add_months(-1)?;
        let e = entities.first()?;
        let src = c.series.first().map_or("slt_table3", |s| s.source.as_str());
        let get = |m: &str| {
            series_map(
                ds,
                &SeriesSpec {
                    source: src.into(),
                    measure: m.into(),
                },
                e,
                &view,
                &unit,
            )
        };
        let (u, hold) = get("holdings")?;
        let (a, b) = (metrics::level(&hold, &before)?, metrics::level(&hold, &t)?);
        let change = b.value - a.value;
        let mut explained = 0.0;
        let mut terms = Vec::new();
        for (m, label) in [
            ("lt_net_purchases", "LT net purchases"),
            ("lt_valuation_change", "valuation change"),
            ("st_net_purchases", "short-term net"),
        ] {
            let (_, map) = get(m)?;
            let v = metrics::window_sum(&map, &f, &t)?;
            explained += v.value;
            terms.push(format!("{label} {}", format_value(v.value)));
            evidence.extend(v.cells);
        }
        evidence.extend(a.cells);
        evidence.extend(b.cells);
        parts.push(format!(
            "holdings {before}→{t} {} {u} = {} (other {})",
            format_value(change),
            terms.join(" + "),
            format_value(change - explained)
        ));
    } else {
        for e in &entities {
            let mut done = false;
            for s in &c.series {
                let Some((u, map)) = series_map(ds, s, e, &view, &unit) else {
                    continue;
                };
                let text = match c.check.as_str() {
                    "level" => {
                        let f = from?;
                        metrics::level(&map, &f)
                            .map(|v| (format!("{} {u} in {f}", format_value(v.value)), v.cells))
                    }
                    "sum" => {
                        let (f, t) = (from?, to?);
                        metrics::window_sum(&map, &f, &t).map(|v| {
                            (
                                format!(
                                    "{} {u} over {}",
                                    format_value(v.value),
                                    metrics::window_label(&f, &t)
                                ),
                                v.cells,
                            )
                        })
                    }
                    "change" | "pct_change" => {
                        let (a, b) = (metrics::level(&map, &from?)?, metrics::level(&map, &to?)?);
                        let mut cells = a.cells.clone();
                        cells.extend(b.cells.iter().cloned());
                        let txt = if c.check == "change" {
                            format!(
                                "{} {u} ({} → {}, {}..{})",
                                format_value(b.value - a.value),
                                format_value(a.value),
                                format_value(b.value),
                                from?,
                                to?
                            )
                        } else {
                            format!(
                                "{:+.2}% ({} → {}, {}..{})",
                                (b.value / a.value - 1.0) * 100.0,
                                format_value(a.value),
                                format_value(b.value),
                                from?,
                                to?
                            )
                        };
                        Some((txt, cells))
                    }
                    "after" => {
                        // What happened from `from` to the newest period.
                        let last = *map.keys().next_back()?;
                        let v = metrics::window_sum(&map, &from?, &last)?;
                        Some((
                            format!(
                                "{} {u} over {}..{last} (newest data)",
                                format_value(v.value),
                                from?
                            ),
                            v.cells,
                        ))
                    }
                    "latest" => {
                        let (last, v) = map.iter().next_back()?;
                        Some((
                            format!("{} {u} in {last} (newest data)", format_value(v.value)),
                            v.cells.clone(),
                        ))
                    }
                    _ => None,
                };
                if let Some((t, cells)) = text {
                    parts.push(if entities.len() > 1 {
                        format!("{e}: {t}")
                    } else {
                        t
                    });
                    evidence.extend(cells);
                    done = true;
                    break;
                }
            }
            if !done {
                parts.push(format!("{e}: no data"));
            }
        }
    }
    Some(ContextLine {
        label: c.label.clone(),
        text: parts.join("; "),
        evidence: metrics::to_cells(&evidence),
    })
}
