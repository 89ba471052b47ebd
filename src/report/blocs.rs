//! `claimlens blocs`: the blocs (list), one bloc (members with their dates, why,
//! source, which tables have its members) and a bloc's series with its
//! coverage per period.

use super::table::{Align, render};
use crate::data::blocs::{Bloc, Blocs, bloc_series};
use crate::data::{Dataset, Period, Vintage};
use crate::format;

/// Every bloc: id, name, members (distinct), custodial.
pub fn list(blocs: &Blocs) -> String {
    let rows: Vec<Vec<String>> = blocs
        .blocs
        .iter()
        .map(|b| {
            vec![
                b.id.clone(),
                b.name.clone(),
                b.member_names().len().to_string(),
                if b.custodial { "yes" } else { "" }.to_string(),
            ]
        })
        .collect();
    render(
        &["id", "name", "members", "custodial"],
        &[Align::Left, Align::Left, Align::Right, Align::Left],
        &rows,
    )
}

/// The bloc of `id`, or an error listing the known ids.
pub fn find<'a>(blocs: &'a Blocs, id: &str) -> Result<&'a Bloc, String> {
    blocs.get(id).ok_or_else(|| {
        let known: Vec<&str> = blocs.blocs.iter().map(|b| b.id.as_str()).collect();
        format!("unknown bloc {id:?}; expected one of {}", known.join(", "))
    })
}

fn month_or(p: &Option<Period>, open: &str) -> String {
    p.map(|p| p.to_string()).unwrap_or_else(|| open.to_string())
}

/// One bloc: name, why, source, its members with their dates, and for every
/// source/measure that lists any member, how many members it lists.
pub fn detail(ds: &Dataset, bloc: &Bloc) -> String {
    let mut out = format!("{}: {}\n", bloc.id, bloc.name);
    out.push_str(&format!("why:       {}\n", bloc.why));
    out.push_str(&format!("source:    {}\n", bloc.source));
    if bloc.custodial {
        out.push_str(&format!(
            "custodial: yes. {}\n",
            crate::data::blocs::CUSTODIAL_CAVEAT
        ));
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = bloc
        .members
        .iter()
        .map(|m| {
            vec![
                m.entity.clone(),
                month_or(&m.from, "-"),
                month_or(&m.to, "-"),
                if m.absent {
                    "absent: no bundled table lists it"
                } else {
                    ""
                }
                .to_string(),
            ]
        })
        .collect();
    out.push_str(&render(
        &["member", "from", "to", "note"],
        &[Align::Left; 4],
        &rows,
    ));
    out.push('\n');
    let names = bloc.member_names();
    let mut pairs: Vec<(&str, &str)> = ds
        .all_series()
        .iter()
        .map(|s| (s.source.as_str(), s.measure.as_str()))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let rows: Vec<Vec<String>> = pairs
        .into_iter()
        .filter_map(|(source, measure)| {
            let have: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| ds.series(source, measure, n).is_some())
                .collect();
            (!have.is_empty()).then(|| {
                let lacking: Vec<&str> = names
                    .iter()
                    .copied()
                    .filter(|n| !have.contains(n))
                    .collect();
                vec![
                    format!("{source}/{measure}"),
                    format!("{} of {}", have.len(), names.len()),
                    lacking.join(", "),
                ]
            })
        })
        .collect();
    if rows.is_empty() {
        out.push_str("No bundled table lists any member.\n");
    } else {
        out.push_str(&render(
            &["source/measure", "members with data", "without"],
            &[Align::Left, Align::Right, Align::Left],
            &rows,
        ));
    }
    out
}

/// The bloc's series in `source/measure` (newest vintage) from `from` to `to`:
/// per period the sum of the members with a value, the coverage and the
/// members that belong but have no value.
pub fn series(
    ds: &Dataset,
    bloc: &Bloc,
    source_measure: &str,
    from: Option<Period>,
    to: Option<Period>,
) -> Result<String, String> {
    let Some((source, measure)) = source_measure.split_once('/') else {
        return Err(format!(
            "--series {source_measure:?}: expected SOURCE/MEASURE, e.g. mfhhis01/holdings (`claimlens series` lists them)"
        ));
    };
    if !ds
        .all_series()
        .iter()
        .any(|s| s.source == source && s.measure == measure)
    {
        return Err(format!(
            "--series {source_measure:?}: no such source/measure in the data (`claimlens series` lists them)"
        ));
    }
    let Some(s) = bloc_series(ds, bloc, source, measure, &Vintage::Latest) else {
        return Err(format!(
            "bloc {}: no member has a series in {source}/{measure}",
            bloc.id
        ));
    };
    let rows: Vec<Vec<String>> = s
        .points
        .iter()
        .filter(|p| from.is_none_or(|f| p.period.first_day() >= f.first_day()))
        .filter(|p| to.is_none_or(|t| p.period.last_day() <= t.last_day()))
        .map(|p| {
            let (have, all) = p.coverage();
            vec![
                p.period.to_string(),
                format::unit_for(&s.unit).number(p.value),
                format!("{have}/{all}"),
                p.missing.join(", "),
            ]
        })
        .collect();
    if rows.is_empty() {
        return Err(format!(
            "bloc {}: no values in {source}/{measure} between {} and {}",
            bloc.id,
            month_or(&from, "the start"),
            month_or(&to, "the end")
        ));
    }
    let mut out = format!(
        "{} in {source}/{measure} ({}): the sum of the members with a value; missing members are not counted as zero\n\n",
        bloc.id, s.unit
    );
    out.push_str(&render(
        &["period", "value", "members", "missing"],
        &[Align::Left, Align::Right, Align::Right, Align::Left],
        &rows,
    ));
    Ok(out)
}
