//! Context lines: extra numbers shown beside a claim, always on the newest data.

use super::compute::series_map;
use super::metrics;
use super::plan::{Here, check_entities, check_series, check_unit, window};
use super::scope::Scope;
use super::spec::{ContextSpec, SeriesSpec};
use super::verdict::ContextLine;
use crate::data::{Period, Vintage};
use crate::error::InputError;

const CHECKS: &[&str] = &[
    "level",
    "change",
    "pct_change",
    "sum",
    "after",
    "latest",
    "decomposition",
    "share",
];

/// Validates a context line as strictly as a claim: its check, series, entities,
/// unit and window, each error naming the line.
pub(super) fn validate(ds: &Scope, c: &ContextSpec, here: &Here) -> Result<(), InputError> {
    let check = c.check.get_ref().as_str();
    let bad = |msg: String| here.err(&c.check, format!("context {:?}: {msg}", c.label.get_ref()));
    if !CHECKS.contains(&check) {
        return Err(bad(format!(
            "unknown check {check:?}; expected one of {}",
            CHECKS.join(", ")
        )));
    }
    if check != "decomposition" && c.series.is_empty() {
        return Err(bad(
            "expected `series = [{ source = ..., measure = ... }]`".into()
        ));
    }
    for s in &c.series {
        check_series(ds, s).map_err(&bad)?;
    }
    if check == "decomposition" && c.series.iter().any(|s| s.measure != "holdings") {
        return Err(bad(
            "decomposition reads holdings, net purchases and valuation change of its source; expected `series = [{ source = ..., measure = \"holdings\" }]`".into(),
        ));
    }
    if let Some(e) = &c.entity {
        check_entities(ds, &e.to_vec()).map_err(&bad)?;
    }
    match (&c.of, check) {
        (Some(of), "share") => {
            check_entities(ds, std::slice::from_ref(of)).map_err(&bad)?;
        }
        (Some(_), _) => {
            return Err(bad(
                "`of` is only read by check = \"share\"; remove it".into()
            ));
        }
        _ => {}
    }
    check_unit(ds, &c.series, c.unit.as_deref()).map_err(&bad)?;
    let parse = |name: &str, v: &Option<String>| -> Result<Option<Period>, InputError> {
        v.as_deref()
            .map(|t| t.parse::<Period>().map_err(|e| bad(format!("{name}: {e}"))))
            .transpose()
    };
    let (from, to, period) = (
        parse("from", &c.from)?,
        parse("to", &c.to)?,
        parse("period", &c.period)?,
    );
    let needs_window = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(bad(format!("{check} needs {what}")))
        }
    };
    match check {
        "after" => needs_window(
            from.is_some() && to.is_none() && period.is_none(),
            "`from` (and nothing else: it runs to the newest data)",
        )?,
        "latest" => needs_window(
            from.is_none() && to.is_none() && period.is_none(),
            "no window (it shows the newest value)",
        )?,
        _ => {
            let (f, t) = window(from, to, period).map_err(&bad)?;
            needs_window(f.is_some(), "`period`, or `from` and `to`")?;
            if matches!(check, "level" | "share") {
                needs_window(f == t, "`period` (one period)")?;
            }
            if matches!(check, "change" | "pct_change" | "decomposition") {
                needs_window(f != t || check == "decomposition", "`from` and `to`")?;
            }
        }
    }
    Ok(())
}
use super::compute::{fmt_num, num};
use crate::format;

pub(super) fn context_line(
    ds: &Scope,
    c: &ContextSpec,
    fallback_entities: &[String],
) -> Option<ContextLine> {
    let entities: Vec<String> = c
        .entity
        .as_ref()
        .map(|e| e.to_vec())
        .unwrap_or_else(|| fallback_entities.to_vec())
        .into_iter()
        .filter_map(|e| ds.resolve(&e))
        .collect();
    let view = Vintage::Latest;
    let unit = c.unit.clone().unwrap_or_default();
    let p = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<Period>().ok());
    let (from, to) = (p(&c.from).or(p(&c.period)), p(&c.to).or(p(&c.period)));
    let mut evidence = Vec::new();
    let mut parts = Vec::new();
    if c.check.get_ref() == "decomposition" {
        // Holdings change = net purchases + valuation change (+ what the publisher leaves unexplained).
        let (f, t) = (from?, to?);
        let before = f.add_months(-1)?;
        let e = entities.first()?;
        let src = c.series.first().map_or("slt_table3", |s| s.source.as_str());
        let get = |m: &str| series_map(ds, &SeriesSpec::new(src, m), e, &view, &unit);
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
            terms.push(format!("{label} {}", format::change(v.value, &u)));
            evidence.extend(v.cells);
        }
        evidence.extend(a.cells);
        evidence.extend(b.cells);
        parts.push(format!(
            "holdings {before}→{t} {} = {} (other {})",
            format::change(change, &u),
            terms.join(" + "),
            format::change(change - explained, &u)
        ));
    } else {
        let mut any = false;
        for e in &entities {
            let mut done = false;
            for s in &c.series {
                let Some((u, map)) = series_map(ds, s, e, &view, &unit) else {
                    continue;
                };
                let text = match c.check.get_ref().as_str() {
                    "level" => {
                        let f = from?;
                        metrics::level(&map, &f)
                            .map(|v| (format!("{} in {f}", fmt_num(v.value, &u)), v.cells))
                    }
                    "sum" => {
                        let (f, t) = (from?, to?);
                        metrics::window_sum(&map, &f, &t).map(|v| {
                            (
                                format!(
                                    "{} over {}",
                                    fmt_num(v.value, &u),
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
                        let txt = if c.check.get_ref() == "change" {
                            format!(
                                "{} ({} → {}, {}..{})",
                                format::change(b.value - a.value, &u),
                                num(a.value, &u),
                                num(b.value, &u),
                                from?,
                                to?
                            )
                        } else {
                            format!(
                                "{} ({} → {}, {}..{})",
                                format::percent_share(b.value / a.value - 1.0),
                                num(a.value, &u),
                                num(b.value, &u),
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
                                "{} over {}..{last} (newest data)",
                                fmt_num(v.value, &u),
                                from?
                            ),
                            v.cells,
                        ))
                    }
                    "share" => {
                        // The entity's level as a share of a total in the same table and period.
                        let f = from?;
                        let of = c.of.as_deref().unwrap_or("Grand Total");
                        let of = ds.resolve(of)?;
                        let (_, totals) = series_map(ds, s, &of, &view, &unit)?;
                        let (v, t) = (metrics::level(&map, &f)?, metrics::level(&totals, &f)?);
                        if t.value == 0.0 {
                            return None;
                        }
                        let pct = v.value / t.value * 100.0;
                        let mut cells = v.cells.clone();
                        cells.extend(t.cells.iter().cloned());
                        Some((
                            format!(
                                "{} of {} in {f} = {:.1}% of {of}; the rest ({of} minus {e}, not itself a bloc) {} = {:.1}%",
                                num(v.value, &u),
                                fmt_num(t.value, &u),
                                pct,
                                num(t.value - v.value, &u),
                                100.0 - pct
                            ),
                            cells,
                        ))
                    }
                    "latest" => {
                        let (last, v) = map.iter().next_back()?;
                        Some((
                            format!("{} in {last} (newest data)", fmt_num(v.value, &u)),
                            v.cells.clone(),
                        ))
                    }
                    _ => None,
                };
                if let Some((t, cells)) = text {
                    let window = match c.check.get_ref().as_str() {
                        "after" => from.zip(map.keys().next_back().copied()),
                        "latest" => map.keys().next_back().map(|l| (*l, *l)),
                        _ => from.zip(to),
                    };
                    let mut note = ds.missing_note(e, &s.source, &s.measure, &view, window);
                    if let ("change" | "pct_change", Some(ends)) =
                        (c.check.get_ref().as_str(), from.zip(to))
                    {
                        let mix = ds.composition_note(e, (&s.source, &s.measure), &view, ends);
                        if !mix.is_empty() {
                            if !note.is_empty() {
                                note.push_str("; ");
                            }
                            note.push_str(&mix);
                        }
                    }
                    let t = if note.is_empty() {
                        t
                    } else {
                        format!("{t} ({note})")
                    };
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
            any |= done;
        }
        // A line with no value for any of its entities shows nothing.
        if !any {
            return None;
        }
    }
    Some(ContextLine {
        label: c.label.get_ref().clone(),
        text: parts.join("; "),
        evidence: metrics::to_cells(&evidence),
    })
}
