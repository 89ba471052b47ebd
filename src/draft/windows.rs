//! Windows: a period mention resolved to months, relative windows anchored or searched, spans of
//! series published over their own periods, and windows adopted from the article's other claims.

use super::build::Ctx;
use super::lookup::Env;
use super::numbers::CountUnit;
use super::periods::When;
use super::{Alternative, DraftClaim};
use crate::data::{Period, Vintage};
use chrono::NaiveDate;

/// Resolves a mention to a window of months (or a year/day window as is).
pub(super) fn resolve(env: &Env, ctx: &Ctx, when: When, newest: i32) -> Option<(Period, Period)> {
    match when {
        When::Month(Some(y), m) => Some((Period::month(y, m), Period::month(y, m))),
        When::Month(None, m) => {
            let mut i = newest;
            while (i.rem_euclid(12) + 1) as u8 != m {
                i -= 1;
            }
            let p = Period::from_month_index(i);
            Some((p, p))
        }
        When::Quarter(y, q) => {
            let end = match y {
                Some(y) => y * 12 + q as i32 * 3 - 1,
                None => {
                    let mut i = newest;
                    while (i.rem_euclid(12) + 1) as u8 != q * 3 {
                        i -= 1;
                    }
                    i
                }
            };
            Some((
                Period::from_month_index(end - 2),
                Period::from_month_index(end),
            ))
        }
        When::Year(y) => Some((Period::year(y), Period::year(y))),
        When::Half(y, h) => {
            let end = match y {
                Some(y) => y * 12 + h as i32 * 6 - 1,
                None => {
                    let mut i = newest;
                    while (i.rem_euclid(12) + 1) as u8 != h * 6 {
                        i -= 1;
                    }
                    i
                }
            };
            Some((
                Period::from_month_index(end - 5),
                Period::from_month_index(end),
            ))
        }
        When::Same => ctx.last_window,
        When::Recent(n, unit) => {
            let months = n as i32
                * match unit {
                    CountUnit::Quarter => 3,
                    CountUnit::Year => 12,
                    _ => 1,
                };
            Some((
                Period::from_month_index(newest - months.max(1) + 1),
                Period::from_month_index(newest),
            ))
        }
        When::Relative(n, CountUnit::Week | CountUnit::Day) => {
            let days = if matches!(when, When::Relative(_, CountUnit::Week)) {
                7 * n
            } else {
                n
            };
            let start = env.date - chrono::Duration::days(i64::from(days));
            Some((Period::day(start), Period::day(env.date)))
        }
        When::Relative(..) => None,
    }
}

/// A relative window of `n` months: the months the section named last, when they make a run of `n`,
/// else the run ending within the year before the newest published month whose value is nearest the claim.
#[allow(clippy::too_many_arguments)]
pub(super) fn relative_months(
    env: &Env,
    ctx: &Ctx,
    n: u32,
    newest: i32,
    series: &[(String, String)],
    entities: &[String],
    claimed_bn: Option<f64>,
    quarters_only: bool,
    why: &mut Vec<String>,
    alts: &mut Vec<Alternative>,
) -> (Period, Period) {
    let n = (n as i32).clamp(1, 120);
    let mut named = ctx.section_months.clone();
    named.sort_unstable();
    named.dedup();
    if named.len() as i32 >= n {
        let last = &named[named.len() - n as usize..];
        if last[n as usize - 1] - last[0] == n - 1 {
            why.push(format!(
                "window: the {n} months the section named just before ({}..{})",
                Period::from_month_index(last[0]),
                Period::from_month_index(last[n as usize - 1])
            ));
            return (
                Period::from_month_index(last[0]),
                Period::from_month_index(last[n as usize - 1]),
            );
        }
    }
    // The candidates' values as published by the article date (what its writer could see); today's
    // data only when nothing was published for any candidate then.
    let candidates = |view: &Vintage| {
        let mut out: Vec<(f64, i32)> = Vec::new();
        for end in (newest - 11..=newest).rev() {
            if quarters_only && (end.rem_euclid(12) + 1) % 3 != 0 {
                continue;
            }
            let (f, t) = (
                Period::from_month_index(end - n + 1),
                Period::from_month_index(end),
            );
            if let (Some(c), Some(v)) = (claimed_bn, env.value(series, entities, (&f, &t), view)) {
                out.push(((v - c).abs(), end));
            }
        }
        out
    };
    let by_nearest = |mut c: Vec<(f64, i32)>| {
        c.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        c
    };
    let published = by_nearest(candidates(&Vintage::AsOf(env.date_str.clone())));
    let today = by_nearest(candidates(&Vintage::Latest));
    let data_words = if published.is_empty() {
        "on today's data (none was published for them by the article date)".to_string()
    } else {
        format!("on the data published by {}", env.date_str)
    };
    // The published ranking first; the other windows (today's data) stay on offer as alternatives.
    let mut cands = published;
    for c in today {
        if !cands.iter().any(|x| x.1 == c.1) {
            cands.push(c);
        }
    }
    match cands.first() {
        Some(&(_, end)) => {
            why.push(format!(
                "window: \"{n} months\" has no anchor in the text; of the {}runs of {n} months ending in the year to \
{}, the one whose value {data_words} is nearest the claimed figure (verify the window)",
                if quarters_only { "calendar-quarter " } else { "" },
                Period::from_month_index(newest)
            ));
            for &(_, e) in cands.iter().skip(1).take(2) {
                let (f, t) = (
                    Period::from_month_index(e - n + 1),
                    Period::from_month_index(e),
                );
                alts.push(Alternative {
                    label: format!("window {f}..{t}"),
                    fields: vec![
                        ("from".into(), format!("\"{f}\"")),
                        ("to".into(), format!("\"{t}\"")),
                    ],
                });
            }
            (
                Period::from_month_index(end - n + 1),
                Period::from_month_index(end),
            )
        }
        None => {
            why.push(format!(
                "window: the {n} months to the newest month published by the article date"
            ));
            (
                Period::from_month_index(newest - n + 1),
                Period::from_month_index(newest),
            )
        }
    }
}

/// A claim whose window was guessed takes the window the article gives elsewhere for the same
/// check on the same entities (a summary repeats a claim made in full earlier or later).
pub(super) fn adopt_windows(sections: &mut [Vec<DraftClaim>]) {
    let flat: Vec<(usize, usize)> = sections
        .iter()
        .enumerate()
        .flat_map(|(s, v)| (0..v.len()).map(move |i| (s, i)))
        .collect();
    for (k, &(s, i)) in flat.iter().enumerate() {
        if !sections[s][i].window_guessed {
            continue;
        }
        let me = sections[s][i].clone();
        let donor = flat
            .iter()
            .enumerate()
            .filter(|(_, (s2, i2))| {
                let d = &sections[*s2][*i2];
                !d.window_guessed
                    && d.check == me.check
                    && d.entities == me.entities
                    && d.series == me.series
                    && d.from.is_some()
            })
            .min_by_key(|(k2, _)| (*k2 as i64 - k as i64).abs())
            .map(|(_, &(s2, i2))| sections[s2][i2].clone());
        if let Some(d) = donor {
            let c = &mut sections[s][i];
            if (c.from, c.to) == (d.from, d.to) {
                c.window_guessed = false;
                continue;
            }
            if let (Some(f), Some(t)) = (c.from, c.to) {
                c.alternatives.insert(
                    0,
                    Alternative {
                        label: format!("window {f}..{t} (the newest data by the article date)"),
                        fields: vec![
                            ("from".into(), format!("\"{f}\"")),
                            ("to".into(), format!("\"{t}\"")),
                        ],
                    },
                );
            }
            c.why
                .retain(|w| !w.starts_with("window") && !w.starts_with("period"));
            c.why.push(format!(
                "window: none named; the window of the article's {} claim on the same entity ({}, {}..{})",
                d.check,
                d.id_hint(),
                d.from.map(|p| p.to_string()).unwrap_or_default(),
                d.to.map(|p| p.to_string()).unwrap_or_default()
            ));
            c.from = d.from;
            c.to = d.to;
            c.window_guessed = false;
            c.confidence = ((c.confidence + 0.1).min(0.95) * 100.0).round() / 100.0;
        }
    }
}

/// The period of a span-published series that overlaps `[a, b]` most (nearest before when none overlaps).
pub(super) fn best_span(
    env: &Env,
    series: &[(String, String)],
    entities: &[String],
    a: NaiveDate,
    b: NaiveDate,
) -> Option<Period> {
    let mut best: Option<(i64, Period)> = None;
    for (src, meas) in series {
        for e in entities {
            let Some(s) = env.ds.series(src, meas, e) else {
                continue;
            };
            for p in s.view(&Vintage::Latest) {
                let (pa, pb) = (p.period.first_day(), p.period.last_day());
                if pa > env.date {
                    continue;
                }
                let overlap = (b.min(pb) - a.max(pa)).num_days();
                if best.is_none_or(|(o, _)| overlap > o) {
                    best = Some((overlap, p.period));
                }
            }
        }
    }
    best.map(|(_, p)| p)
}
