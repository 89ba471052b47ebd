//! From the extracted pieces of each clause to bindings: which check, which
//! entity, window, claimed value and sign, carrying the entity and window
//! from earlier clauses when a clause leaves them out.

use super::comparisons::{Bound, Comparison, bound_before, comparison, window_months};
use super::directions::{Direction, direction, flow};
use super::entities::{ALL_FOREIGN, Lexicon, group_reference};
use super::measure::{Measure, bind, choose};
use super::numbers::{Amount, CountUnit, Kind, amounts};
use super::periods::{self, When};
use super::text::clauses;
use super::{Alternative, ClaimedValue, Draft, DraftClaim};
use crate::claims::Article;
use crate::claims::metrics::FORM_S_NET;
use crate::data::{Dataset, Period, Stamp, Vintage};
use chrono::{Datelike, NaiveDate};
use std::ops::Range;

/// What earlier clauses established.
#[derive(Default)]
struct Ctx {
    /// The window of the latest claim bound from the text (for "the same period").
    last_window: Option<(Period, Period)>,
    /// The measure of that window's claim: a window is carried only to claims of the same measure.
    last_measure: Option<Measure>,
    /// Entities in order of mention (article-wide).
    seen: Vec<String>,
    section_entity: Option<String>,
    section_months: Vec<i32>,
    sentence: usize,
    sentence_entity: Option<String>,
    sentence_window: Option<(Period, Period)>,
    /// The latest monthly streak: (last month index, length).
    last_streak: Option<(i32, u32)>,
}

struct Env<'a> {
    ds: &'a Dataset,
    date: NaiveDate,
    date_str: String,
}

fn month_of_date(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

fn months(from: &Period, to: &Period) -> i32 {
    let a = from.first_day();
    let b = to.last_day();
    (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32 + 1
}

fn to_billions(unit: &str) -> f64 {
    match unit {
        "USD millions" => 1e-3,
        "USD trillion" => 1e3,
        _ => 1.0,
    }
}

impl Env<'_> {
    /// The newest month of the series published by the article date: by the values' vintages, or by
    /// the TIC publication lag (a month's data out by the 18th of the second month after it).
    fn newest_month(&self, series: &[(String, String)], entities: &[String]) -> i32 {
        let view = Vintage::AsOf(self.date_str.clone());
        // TIC publishes a month's data around the 15th-18th of the second month after it.
        let cap = month_of_date(self.date) - if self.date.day() >= 18 { 2 } else { 3 };
        let mut best: Option<i32> = None;
        let mut fallback: Option<i32> = None;
        for (src, meas) in series {
            for e in entities {
                if let Some(s) = self.ds.series(src, meas, e) {
                    let m = s
                        .view(&view)
                        .iter()
                        .filter_map(|p| p.period.month_index())
                        .max();
                    best = best.max(m);
                    let f = s
                        .view(&Vintage::Latest)
                        .iter()
                        .filter_map(|p| p.period.month_index())
                        .filter(|i| *i <= cap)
                        .max();
                    fallback = fallback.max(f);
                }
            }
        }
        // The newer of: what the vintages say was out, and the series' newest month the publication lag allows.
        best.max(fallback).unwrap_or(cap)
    }

    /// The value of a window (sum of months) or a period, on today's data, from the first series with it all.
    fn value(
        &self,
        series: &[(String, String)],
        entities: &[String],
        from: &Period,
        to: &Period,
    ) -> Option<f64> {
        let n = months(from, to);
        'series: for (src, meas) in series {
            if meas == FORM_S_NET {
                continue;
            }
            let mut total = 0.0;
            for e in entities {
                let Some(s) = self.ds.series(src, meas, e) else {
                    continue 'series;
                };
                let pts = s.range(from, to, &Vintage::Latest);
                let monthly: Vec<_> = pts
                    .iter()
                    .filter(|p| p.period.month_index().is_some())
                    .collect();
                let v = if monthly.len() as i32 == n {
                    monthly.iter().map(|p| p.value).sum::<f64>()
                } else if let Some(p) = pts.iter().find(|p| {
                    p.period.first_day() == from.first_day() && p.period.last_day() == to.last_day()
                }) {
                    p.value
                } else {
                    continue 'series;
                };
                total += v * to_billions(&s.unit);
            }
            return Some(total);
        }
        None
    }

    /// True when some series has what the check needs for every entity (today's data): a value in
    /// the window, values at both ends of a change, every month of a sum.
    fn has_data(
        &self,
        check: &str,
        series: &[(String, String)],
        entities: &[String],
        from: &Period,
        to: &Period,
    ) -> bool {
        if check == "sum" && !series.iter().all(|(_, m)| m == FORM_S_NET) {
            return self.value(series, entities, from, to).is_some();
        }
        series.iter().any(|(src, meas)| {
            let probe = if meas == FORM_S_NET {
                "gross_purchases_treas_bonds_notes"
            } else {
                meas.as_str()
            };
            entities.iter().all(|e| {
                self.ds.series(src, probe, e).is_some_and(|s| {
                    let has = |a: &Period, b: &Period| !s.range(a, b, &Vintage::Latest).is_empty();
                    match check {
                        "change" | "pct_change" => has(from, from) && has(to, to),
                        _ => has(from, to),
                    }
                })
            })
        })
    }
}

/// A piece of a clause that makes (at most) one statement.
struct Piece {
    range: Range<usize>,
}

fn superlatives(text: &str) -> Vec<usize> {
    let l = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for w in ["largest", "biggest", "highest", "lowest"] {
        let mut from = 0;
        while let Some(p) = l[from..].find(w) {
            out.push(from + p);
            from += p + w.len();
        }
    }
    out
}

/// Statements a text makes: quantity amounts and superlatives not inside an amount.
fn statement_count(text: &str, nums: &[Amount]) -> usize {
    let sup = superlatives(text)
        .into_iter()
        .filter(|p| !nums.iter().any(|a| a.range.contains(p)))
        .count();
    nums.len() + sup
}

/// Cuts a clause at commas when it makes more than one statement.
fn pieces(section: &str, clause: Range<usize>) -> Vec<Piece> {
    let text = &section[clause.clone()];
    let nums = quantity_amounts(text);
    if statement_count(text, &nums) < 2 {
        return vec![Piece { range: clause }];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(", ") {
        out.push(Piece {
            range: clause.start + start..clause.start + i,
        });
        start = i + 2;
    }
    out.push(Piece {
        range: clause.start + start..clause.end,
    });
    out
}

/// Amounts that are statements (not the count inside a relative window like "in just three months").
fn quantity_amounts(text: &str) -> Vec<Amount> {
    let pers = periods::mentions(text);
    amounts(text)
        .into_iter()
        .filter(|a| {
            !pers.iter().any(|p| {
                matches!(p.when, When::Relative(..) | When::Recent(..))
                    && p.range.start <= a.range.start
                    && a.range.end <= p.range.end
            })
        })
        .collect()
}

/// Infers the article date from its newest month named with a year.
pub fn infer_date(ds: &Dataset, article: &Article) -> Option<(String, String)> {
    let mut newest: Option<i32> = None;
    for s in &article.sections {
        for m in periods::mentions(&s.text) {
            let idx = match m.when {
                When::Month(Some(y), mo) => Some(y * 12 + mo as i32 - 1),
                When::Quarter(Some(y), q) => Some(y * 12 + q as i32 * 3 - 1),
                _ => None,
            };
            newest = newest.max(idx);
        }
    }
    let idx = newest?;
    let month = Period::from_month_index(idx);
    // The earliest publication of that month's data in the dataset (TIC, press figures).
    let first = ds
        .all_series()
        .iter()
        .filter(|s| s.source.starts_with("tic") || s.source.starts_with("slt"))
        .flat_map(|s| s.all_points().iter())
        .filter(|p| p.period == month)
        .map(|p| p.vintage.to_string())
        .min();
    let date = match first.as_deref() {
        Some(v) if v.len() == 10 => v.to_string(),
        Some(v) => v.parse::<Period>().ok().map(|p| p.last_day().to_string())?,
        None => month.add_months(2)?.last_day().to_string(),
    };
    let reason = format!(
        "Inferred by claimlens draft: the newest month the article names is {month}; the bundled files date its \
first publication no later than {date} (the end of the release's month when only the month is known), and the article \
cannot predate the data it quotes. This is a guess: check the real date and set it with --date."
    );
    Some((date, reason))
}

/// Drafts the claims of an article. `date` is `YYYY-MM-DD`; without it the date is inferred
/// ([`infer_date`]) or an error says to give one.
pub fn draft(ds: &Dataset, article: &Article, date: Option<&str>) -> Result<Draft, String> {
    let (date_str, date_reason) = match date {
        Some(d) => (d.to_string(), "Given with --date.".to_string()),
        None => infer_date(ds, article).ok_or_else(|| {
            "the article names no month with its year, so its date cannot be inferred; expected --date YYYY-MM-DD".to_string()
        })?,
    };
    let date = NaiveDate::parse_from_str(&date_str, "%Y-%m-%d")
        .map_err(|_| format!("--date: expected YYYY-MM-DD, found {date_str:?}"))?;
    let env = Env {
        ds,
        date,
        date_str: date_str.clone(),
    };
    let lex = Lexicon::new(ds);
    let mut ctx = Ctx::default();
    let mut out: Vec<DraftClaim> = Vec::new();
    let mut out_sections: Vec<Vec<DraftClaim>> = Vec::new();
    for section in &article.sections {
        ctx.section_entity = None;
        ctx.section_months.clear();
        ctx.sentence = usize::MAX;
        let mut mine: Vec<DraftClaim> = Vec::new();
        let cls = clauses(&section.text);
        for cl in &cls {
            if cl.sentence != ctx.sentence {
                ctx.sentence = cl.sentence;
                ctx.sentence_entity = None;
                ctx.sentence_window = None;
            }
            for piece in pieces(&section.text, cl.range.clone()) {
                let text = &section.text[piece.range.clone()];
                if let Some(c) = statement(&env, &lex, &mut ctx, &section.id, text) {
                    mine.push(c);
                }
            }
        }
        if mine.is_empty()
            && let Some(cl) = cls.first()
        {
            mine.push(DraftClaim::none(
                &section.id,
                cl.text(&section.text),
                false,
                "no statement with a number, entity or direction in this section; its first sentence is \
listed so the section is covered (data_claim unknown: guessed false)"
                    .into(),
            ));
        }
        out_sections.push(mine);
    }
    adopt_windows(&mut out_sections);
    for (section, mine) in article.sections.iter().zip(out_sections) {
        for (i, mut c) in mine.into_iter().enumerate() {
            c.id = claim_id(&section.id, i + 1, &c);
            out.push(c);
        }
    }
    Ok(Draft {
        date: date_str,
        date_reason,
        claims: out,
    })
}

/// A claim whose window was guessed takes the window the article gives elsewhere for the same
/// check on the same entities (a summary repeats a claim made in full earlier or later).
fn adopt_windows(sections: &mut [Vec<DraftClaim>]) {
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

fn claim_id(section: &str, n: usize, c: &DraftClaim) -> String {
    let who = c
        .entities
        .first()
        .map(|e| {
            e.split(|ch: char| !ch.is_alphanumeric())
                .find(|w| !w.is_empty() && *w != "Of" && *w != "Which")
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let mut id = format!("d{section}-{n}-{}", c.check);
    if !who.is_empty() {
        id.push('-');
        id.push_str(&who);
    }
    id
}

/// Resolves a mention to a window of months (or a year/day window as is).
fn resolve(env: &Env, ctx: &Ctx, when: When, newest: i32) -> Option<(Period, Period)> {
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
fn relative_months(
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
    let mut cands: Vec<(f64, i32)> = Vec::new();
    for end in (newest - 11..=newest).rev() {
        if quarters_only && (end.rem_euclid(12) + 1) % 3 != 0 {
            continue;
        }
        let (f, t) = (
            Period::from_month_index(end - n + 1),
            Period::from_month_index(end),
        );
        if let (Some(c), Some(v)) = (claimed_bn, env.value(series, entities, &f, &t)) {
            cands.push(((v - c).abs(), end));
        }
    }
    cands.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    match cands.first() {
        Some(&(_, end)) => {
            why.push(format!(
                "window: \"{n} months\" has no anchor in the text; of the {}runs of {n} months ending in the year to \
{}, the one whose value on today's data is nearest the claimed figure (verify the window)",
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

fn lower(t: &str) -> String {
    t.to_ascii_lowercase()
}

/// The statement a piece of text makes, if any.
fn statement(
    env: &Env,
    lex: &Lexicon,
    ctx: &mut Ctx,
    section: &str,
    text: &str,
) -> Option<DraftClaim> {
    let nums = quantity_amounts(text);
    let pers = periods::mentions(text);
    let ents = lex.mentions(text);
    let fl = flow(text);
    let dir = direction(text);
    let cmp = comparison(text);
    let mut why: Vec<String> = Vec::new();
    let mut alts: Vec<Alternative> = Vec::new();
    let mut confidence: f64 = 0.9;

    // Entities: a group reference, the clause's own, or carried.
    let mut entities: Vec<String> = Vec::new();
    if let Some(n) = group_reference(text) {
        let mut picked: Vec<String> = Vec::new();
        for e in ctx.seen.iter().rev() {
            if e != ALL_FOREIGN && !picked.contains(e) {
                picked.push(e.clone());
            }
            if picked.len() == n {
                break;
            }
        }
        picked.reverse();
        if picked.len() == n {
            why.push(format!(
                "entities: \"{}\" refers to the last {n} named: {}",
                text.split(',').next().unwrap_or(text),
                picked.join(", ")
            ));
            entities = picked;
        }
    }
    if entities.is_empty() && !ents.is_empty() {
        let mut names: Vec<String> = Vec::new();
        for m in &ents {
            if !names.contains(&m.name) {
                names.push(m.name.clone());
            }
        }
        why.push(format!(
            "entity: \"{}\" in the text",
            &text[ents[0].range.clone()]
        ));
        for other in names.iter().skip(1) {
            alts.push(Alternative {
                label: format!("entity {other}"),
                fields: vec![("entity".into(), format!("\"{other}\""))],
            });
        }
        entities.push(names[0].clone());
    }
    let carried_entity = entities.is_empty();
    if carried_entity
        && let Some(e) = ctx
            .sentence_entity
            .clone()
            .or_else(|| ctx.section_entity.clone())
    {
        {
            why.push(format!("entity: {e}, carried from an earlier clause"));
            confidence -= 0.15;
            entities.push(e);
        }
    }
    // Remember what this piece named, whatever it claims.
    for m in &ents {
        ctx.seen.push(m.name.clone());
        ctx.section_entity = Some(m.name.clone());
        ctx.sentence_entity = Some(m.name.clone());
    }
    let remember_months = |ctx: &mut Ctx| {
        for m in &pers {
            if let When::Month(Some(y), mo) = m.when {
                ctx.section_months.push(y * 12 + mo as i32 - 1);
            }
        }
    };

    let quantity = nums
        .iter()
        .find(|a| matches!(a.kind, Kind::Money | Kind::Percent { .. } | Kind::Tonnes));
    let count = nums.iter().find(|a| matches!(a.kind, Kind::Count { .. }));
    let rank = nums.iter().find(|a| a.kind == Kind::Rank);

    let kind_for_measure = quantity.map(|a| a.kind);
    let measures = choose(text, kind_for_measure, fl.is_some());
    let statement_kind = match cmp {
        Some(Comparison::Streak) if count.is_some() => Some(Comparison::Streak),
        Some(Comparison::Record) => Some(Comparison::Record),
        Some(Comparison::Rank) => Some(Comparison::Rank),
        _ => None,
    };
    if statement_kind.is_none() && quantity.is_none() {
        remember_months(ctx);
        // No number: a check = "none" draft when the clause speaks of someone doing something.
        let words = text.split_whitespace().count();
        if words >= 4
            && (!ents.is_empty() && (fl.is_some() || dir.is_some()) || fl.is_some() && words >= 6)
        {
            let data = fl.is_some();
            return Some(DraftClaim::none(
                section,
                text,
                data,
                format!(
                    "no number; {} (data_claim unknown: guessed {data}; classify it or bind it)",
                    match (&fl, ents.first()) {
                        (Some((_, w)), Some(e)) => format!("\"{w}\" about {}", e.name),
                        (Some((_, w)), None) => format!("the word \"{w}\""),
                        (None, Some(e)) => format!("a statement about {}", e.name),
                        _ => "a statement".into(),
                    }
                ),
            ));
        }
        return None;
    }
    if let Some(a) = quantity
        && measures.is_empty()
    {
        return Some(DraftClaim::none(
            section,
            text,
            true,
            format!(
                "\"{}\" but no bundled measure is written in that unit for what the text speaks of \
(data_claim unknown: guessed true)",
                &text[a.range.clone()]
            ),
        ));
    }
    let (measure, measure_why) = match (statement_kind, measures.first()) {
        (Some(Comparison::Rank | Comparison::Record), _) if quantity.is_none() => (
            Measure::NetPurchases,
            "a ranking of buyers or sellers: net purchases",
        ),
        (_, Some(first)) => *first,
        (_, None) => (Measure::NetPurchases, "no other cue: net purchases"),
    };
    // Tonnes bought by a named country are a change in its reserves, not the central banks' total.
    let (measure, measure_why) = if measure == Measure::GoldPurchases
        && entities
            .iter()
            .any(|e| crate::data::entity::kind_of(e) == crate::data::EntityKind::Country)
    {
        (
            Measure::GoldReserves,
            "tonnes added by a named country: its gold reserves",
        )
    } else {
        (measure, measure_why)
    };
    why.push(format!("measure: {} ({measure_why})", measure.label()));
    let other_measures: Vec<(Measure, &'static str)> = measures
        .iter()
        .filter(|(m, _)| *m != measure)
        .take(2)
        .copied()
        .collect();
    if !measure.needs_holder() && measure != Measure::GoldPurchases {
        // Market series have no holder: whatever the text named or carried does not bind them.
        if carried_entity && !entities.is_empty() {
            confidence += 0.15;
        }
        why.retain(|w| !w.starts_with("entity"));
        alts.retain(|a| !a.label.starts_with("entity"));
    }
    if entities.is_empty() {
        if measure.needs_holder() {
            why.push("entity: none named; all foreign holders assumed".into());
            confidence -= 0.3;
        }
        entities.push(ALL_FOREIGN.into());
    }
    let entities: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for e in &entities {
            let x = measure.entity_for(e);
            if !v.contains(&x) {
                v.push(x);
            }
        }
        v
    };
    // Other measures, bound to the series the dataset holds for the same holders.
    for (m, w) in other_measures
        .into_iter()
        .filter(|_| statement_kind.is_none())
    {
        let ents: Vec<String> = entities.iter().map(|e| m.entity_for(e)).collect();
        let series = bind(env.ds, m, &ents, 1, false);
        let mut fields = Vec::new();
        if !series.is_empty() {
            let list = series
                .iter()
                .map(|(a, b)| format!("{{ source = \"{a}\", measure = \"{b}\" }}"))
                .collect::<Vec<_>>()
                .join(", ");
            fields.push(("series".to_string(), format!("[{list}]")));
        }
        if ents != entities {
            fields.push(("entity".to_string(), format!("\"{}\"", ents.join("\", \""))));
        }
        alts.push(Alternative {
            label: format!("measure {} ({w})", m.label()),
            fields,
        });
    }
    let record = statement_kind == Some(Comparison::Record);
    let all_series = bind(env.ds, measure, &entities, 3, record);
    let newest = env.newest_month(&all_series, &entities);
    let sell = matches!(fl, Some((Direction::Sell, _)));

    // The window named in the text, or carried.
    let explicit = pers.iter().find(|p| {
        !matches!(
            p.when,
            When::Relative(_, CountUnit::Month | CountUnit::Quarter | CountUnit::Year)
        )
    });
    let relative = pers.iter().find_map(|p| match p.when {
        When::Relative(n, CountUnit::Month) => Some(n),
        When::Relative(n, CountUnit::Quarter) => Some(n * 3),
        _ => None,
    });
    let claimed_bn = quantity.map(|a| if sell { -a.value } else { a.value });
    let mut window_from_text = true;
    let between = periods::is_between(text, &pers);
    let mut window = match (explicit, relative) {
        (Some(_), _) if between => {
            let a = resolve(env, ctx, pers[0].when, newest);
            let b = resolve(env, ctx, pers[1].when, newest);
            match (a, b) {
                (Some((f, _)), Some((_, t))) => {
                    why.push(format!(
                        "window: \"{}\" names its two ends: {f}..{t}",
                        &text[pers[0].range.start..pers[1].range.end]
                    ));
                    Some((f, t))
                }
                _ => None,
            }
        }
        (Some(p), _) => {
            let w = resolve(env, ctx, p.when, newest);
            if let Some((f, t)) = w {
                let how = match p.when {
                    When::Same => "refers to the window of the previous claim".to_string(),
                    When::Month(None, _) | When::Quarter(None, _) => {
                        format!("the latest one published by the article date: {f}..{t}")
                    }
                    When::Recent(..) => {
                        format!("ends at the newest month published by the article date: {f}..{t}")
                    }
                    _ => format!("{f}..{t}"),
                };
                why.push(format!("window: \"{}\" {how}", &text[p.range.clone()]));
            }
            w
        }
        (None, Some(n)) => {
            let quarters = window_months(text) == Some(3);
            confidence -= 0.15;
            Some(relative_months(
                env,
                ctx,
                n,
                newest,
                &all_series,
                &entities,
                claimed_bn,
                quarters,
                &mut why,
                &mut alts,
            ))
        }
        (None, None) => None,
    };
    if window.is_none()
        && let Some(w) = ctx.sentence_window
    {
        why.push(format!(
            "window: {}..{}, carried from earlier in the sentence",
            w.0, w.1
        ));
        window = Some(w);
        confidence -= 0.1;
    }
    remember_months(ctx);
    if let Some((f, _)) = window
        && explicit.is_some_and(|p| matches!(p.when, When::Month(None, _)))
        && let Some(i) = f.month_index()
    {
        ctx.section_months.push(i);
    }

    // Monthly and quarterly series read a year as its twelve months; only annual series keep it whole.
    if let Some((f, t)) = window
        && measure != Measure::GoldPurchases
        && let (Stamp::Year(a), Stamp::Year(b)) = (f.start, t.end)
    {
        window = Some((Period::month(a, 1), Period::month(b, 12)));
    }
    // Records, ranks and streaks are drafted over flows only (net purchases; streaks also over
    // central banks' annual gold buying): over levels they need a person to say what is compared.
    let flows_only = match statement_kind {
        Some(Comparison::Streak) => {
            !matches!(measure, Measure::NetPurchases | Measure::GoldPurchases)
        }
        Some(Comparison::Rank) => {
            measure != Measure::NetPurchases
                || entities
                    .iter()
                    .any(|e| crate::data::entity::kind_of(e) != crate::data::EntityKind::Country)
        }
        Some(_) => measure != Measure::NetPurchases,
        None => false,
    };
    if flows_only {
        return Some(DraftClaim::none(
            section,
            text,
            true,
            format!(
                "a comparison over {}: records, ranks and streaks are drafted over flows only, and \
ranks among countries for a country only (data_claim unknown: guessed true)",
                measure.label()
            ),
        ));
    }
    let mut c = DraftClaim::none(section, text, true, String::new());
    c.none_why = None;
    c.data_claim = None;
    c.why.clear();
    c.entities = entities.clone();

    match statement_kind {
        Some(Comparison::Streak) => {
            let cnt = count.expect("streak has a count");
            let Kind::Count { unit, .. } = cnt.kind else {
                return None;
            };
            let threshold = quantity.map(|a| (a, bound_before(text, a.range.start)));
            let condition = match (threshold, &fl) {
                (Some((a, Bound::Under)), _) => format!("below:{}", a.value),
                (Some((a, _)), _) => format!("above:{}", a.value),
                (None, Some((Direction::Sell, _))) => "negative".into(),
                (None, Some((Direction::Buy, _))) => "positive".into(),
                _ => return None,
            };
            let l = lower(text);
            let end: Period = if let Some((f, t)) =
                window.filter(|_| explicit.is_some() || unit == CountUnit::Year)
            {
                let _ = f;
                t
            } else if (l.contains("breaking")
                || l.contains("broke")
                || l.contains("ending")
                || l.contains("snapping"))
                && let Some((end, len)) = ctx.last_streak
            {
                why.push(format!(
                    "period: the streak ended before the streak of {len} months just named began"
                ));
                Period::from_month_index(end - len as i32)
            } else {
                why.push("period: a streak up to now ends at the newest month published by the article date".into());
                Period::from_month_index(newest)
            };
            if unit == CountUnit::Month
                && let Some(i) = end.month_index()
            {
                ctx.last_streak = Some((i, cnt.value as u32));
            }
            why.push(format!(
                "streak: \"{}\" counts {} {} in a row ({condition})",
                &text[cnt.range.clone()],
                cnt.value,
                match unit {
                    CountUnit::Year => "years",
                    _ => "periods",
                }
            ));
            c.check = "streak".into();
            c.series = bind(env.ds, measure, &entities, 1, false);
            c.from = Some(end);
            c.to = Some(end);
            c.condition = Some(condition);
            c.claimed = Some(ClaimedValue::Number(cnt.value));
        }
        Some(Comparison::Record) => {
            let n = rank.map_or(1.0, |a| a.value);
            let order = if sell || matches!(dir, Some((Direction::Down, _))) {
                "lowest"
            } else {
                "highest"
            };
            let (f, t) = match window {
                Some(w) => w,
                None => match ctx
                    .last_window
                    .filter(|_| ctx.last_measure == Some(measure))
                {
                    Some(w) => {
                        why.push(format!(
                            "window: {}..{}, the window of the latest claim",
                            w.0, w.1
                        ));
                        confidence -= 0.2;
                        w
                    }
                    None => {
                        c.window_guessed = true;
                        let end = newest - (newest.rem_euclid(12) + 1) % 3;
                        why.push("window: none named; the newest calendar quarter published by the article date".into());
                        confidence -= 0.35;
                        (
                            Period::from_month_index(end - 2),
                            Period::from_month_index(end),
                        )
                    }
                },
            };
            // Records compare calendar quarters (the engine's default alignment); other windows
            // need a person to choose how to align them.
            let quarter = months(&f, &t) == 3 && f.first_day().month() % 3 == 1;
            if !quarter {
                return Some(DraftClaim::none(
                    section,
                    text,
                    true,
                    format!(
                        "a record over {f}..{t}, which is not a calendar quarter: choose `align` by hand \
(data_claim unknown: guessed true)"
                    ),
                ));
            }
            if let Some(k) = window_months(text)
                && k != months(&f, &t)
            {
                why.push(format!(
                    "note: the text speaks of {k}-month windows but the window has {}",
                    months(&f, &t)
                ));
                confidence -= 0.2;
            }
            why.push(format!(
                "record: rank {n} over the entity's history ({order} first)"
            ));
            c.check = "record".into();
            c.series = all_series.clone();
            c.from = Some(f);
            c.to = Some(t);
            c.order = Some(order.into());
            c.claimed = Some(ClaimedValue::Number(n));
            c.unit = Some(measure.unit(quantity.map(|a| a.kind), 0.0).into());
            window_from_text = false;
        }
        Some(Comparison::Rank) => {
            let n = rank.map_or(1.0, |a| a.value);
            let l = lower(text);
            let order = if l.contains("seller") || sell {
                "lowest"
            } else {
                "highest"
            };
            let Some((f, t)) = window else {
                return Some(DraftClaim::none(
                    section,
                    text,
                    true,
                    "a ranking with no period named (data_claim unknown: guessed true)".into(),
                ));
            };
            why.push(format!(
                "rank: position {n} among countries ({order} first)"
            ));
            c.check = "rank".into();
            c.series = bind(env.ds, measure, &entities, 1, false)
                .into_iter()
                .take(1)
                .collect();
            c.from = Some(f);
            c.to = Some(t);
            c.order = Some(order.into());
            c.claimed = Some(ClaimedValue::Number(n));
            c.unit = Some(measure.unit(quantity.map(|a| a.kind), 0.0).into());
        }
        _ => {
            let a = quantity?;
            let bound = bound_before(text, a.range.start);
            let unit = measure.unit(Some(a.kind), a.value);
            let mut value = if unit == "USD trillion" {
                a.value / 1e3
            } else {
                a.value
            };
            let (level_words, by) = level_or_change(&text[..a.range.start]);
            let change_words = !level_words
                && (by
                    || matches!(a.kind, Kind::Percent { points: true })
                    || fl.is_some()
                    || matches!(dir, Some((Direction::Up | Direction::Down, _))));
            let negative = match measure {
                Measure::NetPurchases | Measure::GoldPurchases => sell,
                _ if level_words || !change_words => false,
                Measure::Yield10y
                | Measure::DollarIndex
                | Measure::StockIndex
                | Measure::Holdings
                | Measure::GoldReserves => {
                    matches!(dir, Some((Direction::Down | Direction::Sell, _)))
                }
                Measure::StockLoss => false,
            };
            if negative {
                value = -value;
                why.push(format!(
                    "sign: \"{}\" makes it negative",
                    dir.as_ref()
                        .or(fl.as_ref())
                        .map(|d| d.1.as_str())
                        .unwrap_or("")
                ));
            }
            let check = match measure {
                Measure::NetPurchases | Measure::GoldPurchases => "flow",
                Measure::Holdings | Measure::GoldReserves
                    if change_words || (measure == Measure::GoldReserves && fl.is_some()) =>
                {
                    "change"
                }
                Measure::Holdings | Measure::GoldReserves => "level",
                Measure::Yield10y if change_words => "change",
                Measure::Yield10y => "level",
                Measure::DollarIndex | Measure::StockIndex
                    if matches!(a.kind, Kind::Percent { .. }) =>
                {
                    "pct_change"
                }
                Measure::DollarIndex | Measure::StockIndex => "level",
                Measure::StockLoss => "level",
            };
            let series = bind(
                env.ds,
                measure,
                &entities,
                window.map_or(1, |(f, t)| months(&f, &t)),
                false,
            );
            if series.is_empty() {
                return Some(DraftClaim::none(
                    section,
                    text,
                    true,
                    format!(
                        "{} but no bundled series of {} for {} (data_claim unknown: guessed true)",
                        &text[a.range.clone()],
                        measure.label(),
                        entities.join(", ")
                    ),
                ));
            }
            let newest = env.newest_month(&series, &entities);
            let (mut f, mut t) = match window {
                Some(w) => w,
                None => {
                    window_from_text = false;
                    match (
                        check,
                        ctx.last_window
                            .filter(|_| ctx.last_measure == Some(measure)),
                    ) {
                        ("flow", Some(w)) => {
                            why.push(format!(
                                "window: {}..{}, the window of the latest claim",
                                w.0, w.1
                            ));
                            confidence -= 0.3;
                            w
                        }
                        _ => {
                            c.window_guessed = true;
                            why.push(format!("period: none named; the newest month published by the article date ({})", Period::from_month_index(newest)));
                            confidence -= 0.15;
                            (
                                Period::from_month_index(newest),
                                Period::from_month_index(newest),
                            )
                        }
                    }
                }
            };
            // Series published over their own spans (compiled facts): take the span that fits the window best.
            if series.iter().all(|(s, _)| s == "context_facts")
                && !matches!(f.start, Stamp::Year(_))
                && let Some(p) = best_span(env, &series, &entities, f.first_day(), t.last_day())
            {
                {
                    why.push(format!("window: the series is published for {p}, the span nearest the text's window"));
                    f = p;
                    t = p;
                }
            }
            let check = match check {
                "flow" if months(&f, &t) > 1 && !matches!(f.start, Stamp::Year(_)) => "sum",
                "flow" if matches!(f.start, Stamp::Year(_)) && series[0].0 != "context_facts" => {
                    "sum"
                }
                "flow" => "level",
                "change" | "pct_change" => {
                    if between {
                        // the text names both ends
                    } else if f == t && f.month_index().is_some() {
                        f = f.add_months(-1).unwrap_or(f);
                    } else if let Some(p) = f.add_months(-1) {
                        f = p;
                    } else if let Stamp::Year(y) = f.start {
                        f = Period::month(y - 1, 12);
                        t = Period::month(y, 12);
                    }
                    why.push(format!(
                        "change: from {f} (the end of the period before) to {t}"
                    ));
                    check
                }
                other => other,
            };
            if check == "level"
                && f != t
                && !(f.is_span() || t.is_span())
                && f.month_index().is_some()
            {
                f = t;
            }
            let relation = match (bound, value < 0.0) {
                (Bound::About, _) => "about",
                (Bound::Nearly, _) => "nearly",
                (Bound::Over, false) | (Bound::Under, true) => "above",
                (Bound::Over, true) | (Bound::Under, false) => "below",
            };
            why.push(format!(
                "claimed: \"{}\" = {value} {unit}, {relation}",
                &text[a.range.clone()]
            ));
            c.check = check.into();
            c.series = series;
            c.from = Some(f);
            c.to = Some(t);
            c.claimed = Some(ClaimedValue::Number(value));
            // "for decades, ... holding over $1 trillion": the first month above the amount, at least
            // two decades (or the N years said) before the article.
            if check == "level"
                && measure == Measure::Holdings
                && bound == Bound::Over
                && let Some(years) = duration_years(&lower(text))
            {
                let first = Period::from_month_index(month_of_date(env.date) - 12 * years);
                why.retain(|w| !w.starts_with("period") && !w.starts_with("claimed"));
                why.push(format!(
                    "first_above: \"{}\" held for {years} years or more: first above {} USD billions by {first}",
                    if years == 20 { "for decades" } else { "for years" },
                    a.value
                ));
                c.check = "first_above".into();
                c.from = None;
                c.to = None;
                c.series = c_series_holdings(env.ds, &entities);
                c.threshold = Some(a.value);
                c.claimed = Some(ClaimedValue::Period(first.to_string()));
                c.unit = Some("USD billions".into());
                c.relation = Some("at_most".into());
                c.window_guessed = false;
                c.why = why;
                c.alternatives = alts;
                c.confidence = (confidence.clamp(0.1, 0.95) * 100.0).round() / 100.0;
                return (!c.series.is_empty()).then_some(c);
            }
            // pct_change is in percent whatever the series' unit: no unit to convert.
            // Index levels are read in the series' own unit.
            c.unit = (check != "pct_change"
                && !matches!(measure, Measure::DollarIndex | Measure::StockIndex))
            .then(|| unit.to_string());
            c.relation = (relation != "about").then(|| relation.to_string());
            window = Some((f, t));
        }
    }
    let (Some(f), Some(t)) = (c.from, c.to) else {
        return None;
    };
    if !env.has_data(&c.check, &c.series, &c.entities, &f, &t) {
        return Some(DraftClaim::none(
            section,
            text,
            true,
            format!(
                "a {} statement about {} in {f}..{t}, but no bundled series has values there (data_claim unknown: guessed true)",
                c.check,
                c.entities.join(", ")
            ),
        ));
    }
    if c.series.is_empty() {
        return Some(DraftClaim::none(
            section,
            text,
            true,
            format!(
                "a {} statement about {}, but no bundled series holds it (data_claim unknown: guessed true)",
                c.check,
                c.entities.join(", ")
            ),
        ));
    }
    if c.entities.len() > 1 && lower(text).contains("each") {
        c.combine = Some("each".into());
    }
    if window_from_text || explicit.is_some() || relative.is_some() {
        if let Some(w) = window {
            ctx.last_window = Some(w);
            ctx.last_measure = Some(measure);
            ctx.sentence_window = Some(w);
        }
    } else if ctx.sentence_window.is_none() {
        ctx.sentence_window = window;
    }
    if carried_entity {
        ctx.sentence_entity = c.entities.first().cloned().or(ctx.sentence_entity.take());
    }
    c.why = why;
    c.alternatives = alts;
    c.confidence = (confidence.clamp(0.1, 0.95) * 100.0).round() / 100.0;
    Some(c)
}

/// "for decades" (20 years), "for 15 years".
fn duration_years(l: &str) -> Option<i32> {
    if l.contains("for decades") {
        return Some(20);
    }
    let w: Vec<&str> = l.split_whitespace().collect();
    w.windows(3).find_map(|x| match x {
        ["for", n, "years"] => n.parse::<i32>().ok().or_else(|| {
            super::numbers::word_value(n)
                .filter(|v| !v.1)
                .map(|v| v.0 as i32)
        }),
        _ => None,
    })
}

/// Holdings series with a long history (the first crossing needs it).
fn c_series_holdings(ds: &Dataset, entities: &[String]) -> Vec<(String, String)> {
    bind(ds, Measure::Holdings, entities, 1, false)
        .into_iter()
        .filter(|(s, _)| s == "mfhhis01")
        .collect()
}

/// Reads the words before an amount: (a level is stated, "by" states a change).
/// "rose to $5 billion", "stood at 876 tonnes", "averaged 4.6%" are levels; "rose by 0.8" is a change.
fn level_or_change(before: &str) -> (bool, bool) {
    const SKIP: &[&str] = &[
        "about", "nearly", "almost", "over", "more", "than", "some", "roughly", "around", "just",
        "a", "net", "an", "only", "under", "less", "above", "below",
    ];
    let words: Vec<String> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let prev = words.iter().rev().find(|w| !SKIP.contains(&w.as_str()));
    match prev.map(String::as_str) {
        Some("by") => (false, true),
        Some(
            "to" | "at" | "reached" | "averaged" | "of" | "hit" | "stood" | "was" | "were" | "is"
            | "holding" | "held" | "holds",
        ) => (true, false),
        _ => (false, false),
    }
}

/// The period of a span-published series that overlaps `[a, b]` most (nearest before when none overlaps).
fn best_span(
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
