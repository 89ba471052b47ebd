//! `claimlens show BLOC`: a bloc's series in every source and measure that
//! lists one of its members, as the measure × month table of `show` with a
//! coverage row under each series (members with a value / members that
//! month), or in the long form with the missing members named (`--long`).

use super::show::{ShowQuery, month_columns};
use super::table::{Align, render};
use crate::data::blocs::{Bloc, BlocSeries, Blocs, bloc_series};
use crate::data::{Dataset, Period, Vintage};
use crate::format;

/// The bloc a `show` argument names: `bloc:ID`, a bloc id or a bloc name
/// (ignoring case and punctuation). A name the data use for an entity is
/// that entity, not a bloc, unless written `bloc:ID`.
pub fn bloc_named<'a>(ds: &Dataset, blocs: &'a Blocs, input: &str) -> Option<&'a Bloc> {
    if let Some(id) = input.trim().strip_prefix("bloc:") {
        return blocs.get(id);
    }
    if ds.match_entity(input).is_ok() {
        return None;
    }
    let names: Vec<&str> = blocs
        .blocs
        .iter()
        .flat_map(|b| [b.id.as_str(), b.name.as_str()])
        .collect();
    let hit = crate::data::names::find(&names, input)?;
    blocs.blocs.iter().find(|b| b.id == hit || b.name == hit)
}

/// The bloc's series in every source/measure where a member has one, sorted.
fn all_series(ds: &Dataset, bloc: &Bloc, q: &ShowQuery) -> Vec<BlocSeries> {
    let mut pairs: Vec<(&str, &str)> = ds
        .all_series()
        .iter()
        .filter(|s| q.measure.as_ref().is_none_or(|m| &s.measure == m))
        .filter(|s| q.source.as_ref().is_none_or(|src| &s.source == src))
        .map(|s| (s.source.as_str(), s.measure.as_str()))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .filter_map(|(source, measure)| bloc_series(ds, bloc, source, measure, &Vintage::Latest))
        .collect()
}

/// The table (or long form) for a bloc, or a message explaining why nothing matched.
pub fn show_bloc(ds: &Dataset, bloc: &Bloc, q: &ShowQuery) -> Result<String, String> {
    let series = all_series(ds, bloc, q);
    if series.is_empty() {
        return Err(format!(
            "bloc {}: no member has a series{}; `claimlens blocs {}` lists which tables have its members",
            bloc.id,
            if q.measure.is_some() || q.source.is_some() {
                " in that source/measure"
            } else {
                ""
            },
            bloc.id
        ));
    }
    let head = format!(
        "{} ({}): the sum of the members with a value; a member without one is missing, never zero",
        bloc.id, bloc.name
    );
    let caveat = if bloc.custodial {
        format!("\n{}", crate::data::blocs::CUSTODIAL_CAVEAT)
    } else {
        String::new()
    };
    let in_range = |p: &Period| {
        q.from.is_none_or(|f| p.last_day() >= f.first_day())
            && q.to.is_none_or(|t| p.first_day() <= t.last_day())
    };
    if q.long || q.all_vintages {
        let mut rows = Vec::new();
        for s in &series {
            for p in s.points.iter().filter(|p| in_range(&p.period)) {
                let (have, all) = p.coverage();
                rows.push(vec![
                    p.period.to_string(),
                    s.source.clone(),
                    s.measure.clone(),
                    super::show::format_value(p.value),
                    s.unit.clone(),
                    format!("{have}/{all}"),
                    p.missing.join(", "),
                ]);
            }
        }
        if rows.is_empty() {
            return Err(format!(
                "bloc {} has no values in that period range",
                bloc.id
            ));
        }
        let header = [
            "period", "source", "measure", "value", "unit", "members", "missing",
        ];
        let align = [
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Left,
            Align::Right,
            Align::Left,
        ];
        return Ok(format!(
            "{head}{caveat}\n\n{}",
            render(&header, &align, &rows)
        ));
    }
    wide(&head, &caveat, &series, q)
}

fn wide(head: &str, caveat: &str, series: &[BlocSeries], q: &ShowQuery) -> Result<String, String> {
    let monthly: Vec<(&BlocSeries, Vec<(i32, usize)>)> = series
        .iter()
        .map(|s| {
            let pts: Vec<(i32, usize)> = s
                .points
                .iter()
                .enumerate()
                .filter_map(|(k, p)| p.period.month_index().map(|i| (i, k)))
                .filter(|(i, _)| q.admits_month(*i))
                .collect();
            (s, pts)
        })
        .filter(|(_, pts)| !pts.is_empty())
        .collect();
    let (months, header) =
        month_columns(&monthly, q).ok_or("no monthly values for this bloc in that period range")?;
    let mut rows = Vec::new();
    for (s, pts) in &monthly {
        if !pts.iter().any(|(i, _)| months.contains(i)) {
            continue;
        }
        let du = format::unit_for(&s.unit);
        let at = |m: &i32| pts.iter().find(|(i, _)| i == m).map(|(_, k)| &s.points[*k]);
        let mut row = vec![s.measure.clone(), s.source.clone(), du.label.to_string()];
        let mut cov = vec![String::new(), String::new(), "members".to_string()];
        for m in &months {
            match at(m) {
                Some(p) => {
                    let (have, all) = p.coverage();
                    row.push(du.number(p.value));
                    cov.push(format!("{have}/{all}"));
                }
                None => {
                    row.push("·".into());
                    cov.push(String::new());
                }
            }
        }
        rows.push(row);
        rows.push(cov);
    }
    let mut align = vec![Align::Left; 3];
    align.extend(std::iter::repeat_n(Align::Right, months.len()));
    let head_cells: Vec<&str> = header.iter().map(String::as_str).collect();
    Ok(format!(
        "{head}{caveat}\nNewest month first, in display units (· no member has a value); \"members\" counts those with a value out of those that belong; --long names the missing\n\n{}",
        render(&head_cells, &align, &rows)
    ))
}
