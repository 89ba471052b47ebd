//! The binders of [`super::statement`], one per kind of statement: a streak, a record, a
//! rank among countries, and an amount (a level, a change, a sum of flows, or the first
//! month above a level). Each fills the claim from what the piece says, or ends the
//! statement early (`Break`) with a `none` draft or nothing.

use super::build::Ctx;
use super::comparisons::{Bound, bound_before, window_months};
use super::directions::Direction;
use super::lookup::{month_of_date, months};
use super::measure::{Measure, bind};
use super::numbers::{CountUnit, Kind};
use super::periods;
use super::statement::{Bind, Notes, Read, Window};
use super::windows::best_span;
use super::{ClaimedValue, DraftClaim};
use crate::data::{Dataset, Period, Stamp};
use chrono::Datelike;
use std::ops::ControlFlow::{self, Break, Continue};

/// "Three straight months of selling": a streak ending at the window named, before the
/// streak just named ("breaking …"), or at the newest month.
pub(super) fn streak(
    b: &Bind,
    r: &Read,
    ctx: &mut Ctx,
    n: &mut Notes,
    w: &Window,
    c: &mut DraftClaim,
) -> ControlFlow<Option<DraftClaim>> {
    let text = r.text;
    let Some(cnt) = r.count() else {
        return Break(None);
    };
    let Kind::Count { unit, .. } = cnt.kind else {
        return Break(None);
    };
    let threshold = r.quantity().map(|a| (a, bound_before(text, a.range.start)));
    let condition = match (threshold, &r.fl) {
        (Some((a, Bound::Under)), _) => format!("below:{}", a.value),
        (Some((a, _)), _) => format!("above:{}", a.value),
        (None, Some((Direction::Sell, _))) => "negative".into(),
        (None, Some((Direction::Buy, _))) => "positive".into(),
        _ => return Break(None),
    };
    let l = r.lower();
    let end: Period = if let Some((_, t)) = w.span.filter(|_| w.explicit || unit == CountUnit::Year)
    {
        t
    } else if (l.contains("breaking")
        || l.contains("broke")
        || l.contains("ending")
        || l.contains("snapping"))
        && let Some((end, len)) = ctx.last_streak
    {
        n.why.push(format!(
            "period: the streak ended before the streak of {len} months just named began"
        ));
        Period::from_month_index(end - len as i32)
    } else {
        n.why.push(
            "period: a streak up to now ends at the newest month published by the article date"
                .into(),
        );
        Period::from_month_index(b.newest)
    };
    if unit == CountUnit::Month
        && let Some(i) = end.month_index()
    {
        ctx.last_streak = Some((i, cnt.value as u32));
    }
    n.why.push(format!(
        "streak: \"{}\" counts {} {} in a row ({condition})",
        &text[cnt.range.clone()],
        cnt.value,
        match unit {
            CountUnit::Year => "years",
            _ => "periods",
        }
    ));
    c.check = "streak".into();
    c.series = bind(b.env.ds, b.measure, &b.entities, 1, false);
    c.from = Some(end);
    c.to = Some(end);
    c.condition = Some(condition);
    c.claimed = Some(ClaimedValue::Number(cnt.value));
    Continue(())
}

/// "The largest quarterly sell-off ever": rank n of a calendar quarter over the entity's
/// history (the window named, the previous claim's, or the newest quarter).
pub(super) fn record(
    b: &Bind,
    r: &Read,
    ctx: &Ctx,
    n: &mut Notes,
    w: &mut Window,
    c: &mut DraftClaim,
) -> ControlFlow<Option<DraftClaim>> {
    let text = r.text;
    let k = r.rank().map_or(1.0, |a| a.value);
    let order = if r.sells() || matches!(r.dir, Some((Direction::Down, _))) {
        "lowest"
    } else {
        "highest"
    };
    let (f, t) = match w.span {
        Some(s) => s,
        None => match ctx
            .last_window
            .filter(|_| ctx.last_measure == Some(b.measure))
        {
            Some(s) => {
                n.why.push(format!(
                    "window: {}..{}, the window of the latest claim",
                    s.0, s.1
                ));
                n.confidence -= 0.2;
                s
            }
            None => {
                c.window_guessed = true;
                let end = b.newest - (b.newest.rem_euclid(12) + 1) % 3;
                n.why.push(
                    "window: none named; the newest calendar quarter published by the article date"
                        .into(),
                );
                n.confidence -= 0.35;
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
        return Break(Some(DraftClaim::none(
            b.section,
            text,
            true,
            format!(
                "a record over {f}..{t}, which is not a calendar quarter: choose `align` by hand \
(data_claim unknown: guessed true)"
            ),
        )));
    }
    if let Some(m) = window_months(text)
        && m != months(&f, &t)
    {
        n.why.push(format!(
            "note: the text speaks of {m}-month windows but the window has {}",
            months(&f, &t)
        ));
        n.confidence -= 0.2;
    }
    n.why.push(format!(
        "record: rank {k} over the entity's history ({order} first)"
    ));
    c.check = "record".into();
    c.series = b.all_series.clone();
    c.from = Some(f);
    c.to = Some(t);
    c.order = Some(order.into());
    c.claimed = Some(ClaimedValue::Number(k));
    c.unit = Some(b.measure.unit(r.quantity().map(|a| a.kind), 0.0).into());
    w.from_text = false;
    Continue(())
}

/// "The largest net seller in April": position n among countries in the window named.
pub(super) fn rank(
    b: &Bind,
    r: &Read,
    n: &mut Notes,
    w: &Window,
    c: &mut DraftClaim,
) -> ControlFlow<Option<DraftClaim>> {
    let k = r.rank().map_or(1.0, |a| a.value);
    let order = if r.lower().contains("seller") || r.sells() {
        "lowest"
    } else {
        "highest"
    };
    let Some((f, t)) = w.span else {
        return Break(Some(DraftClaim::none(
            b.section,
            r.text,
            true,
            "a ranking with no period named (data_claim unknown: guessed true)".into(),
        )));
    };
    n.why.push(format!(
        "rank: position {k} among countries ({order} first)"
    ));
    c.check = "rank".into();
    c.series = bind(b.env.ds, b.measure, &b.entities, 1, false)
        .into_iter()
        .take(1)
        .collect();
    c.from = Some(f);
    c.to = Some(t);
    c.order = Some(order.into());
    c.claimed = Some(ClaimedValue::Number(k));
    c.unit = Some(b.measure.unit(r.quantity().map(|a| a.kind), 0.0).into());
    Continue(())
}

/// An amount: a level, a change, a sum of flows, or (held "for decades") the first month
/// above it. Sign from the direction words, window from the text, the previous claim or the
/// newest month, relation from "over", "nearly" and the like.
pub(super) fn amount(
    b: &Bind,
    r: &Read,
    ctx: &Ctx,
    n: &mut Notes,
    w: &mut Window,
    c: &mut DraftClaim,
) -> ControlFlow<Option<DraftClaim>> {
    let (env, text, measure) = (b.env, r.text, b.measure);
    let Some(a) = r.quantity() else {
        return Break(None);
    };
    let sell = r.sells();
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
            || r.fl.is_some()
            || matches!(r.dir, Some((Direction::Up | Direction::Down, _))));
    let negative = match measure {
        Measure::NetPurchases | Measure::GoldPurchases => sell,
        _ if level_words || !change_words => false,
        Measure::Yield10y
        | Measure::DollarIndex
        | Measure::StockIndex
        | Measure::Holdings
        | Measure::GoldReserves => matches!(r.dir, Some((Direction::Down | Direction::Sell, _))),
        Measure::StockLoss => false,
    };
    if negative {
        value = -value;
        n.why.push(format!(
            "sign: \"{}\" makes it negative",
            r.dir
                .as_ref()
                .or(r.fl.as_ref())
                .map(|d| d.1.as_str())
                .unwrap_or("")
        ));
    }
    let check = match measure {
        Measure::NetPurchases | Measure::GoldPurchases => "flow",
        Measure::Holdings | Measure::GoldReserves
            if change_words || (measure == Measure::GoldReserves && r.fl.is_some()) =>
        {
            "change"
        }
        Measure::Holdings | Measure::GoldReserves => "level",
        Measure::Yield10y if change_words => "change",
        Measure::Yield10y => "level",
        Measure::DollarIndex | Measure::StockIndex if matches!(a.kind, Kind::Percent { .. }) => {
            "pct_change"
        }
        Measure::DollarIndex | Measure::StockIndex => "level",
        Measure::StockLoss => "level",
    };
    let series = bind(
        env.ds,
        measure,
        &b.entities,
        w.span.map_or(1, |(f, t)| months(&f, &t)),
        false,
    );
    if series.is_empty() {
        return Break(Some(DraftClaim::none(
            b.section,
            text,
            true,
            format!(
                "{} but no bundled series of {} for {} (data_claim unknown: guessed true)",
                &text[a.range.clone()],
                measure.label(),
                b.entities.join(", ")
            ),
        )));
    }
    let newest = env.newest_month(&series, &b.entities);
    let (mut f, mut t) = match w.span {
        Some(s) => s,
        None => {
            w.from_text = false;
            match (
                check,
                ctx.last_window
                    .filter(|_| ctx.last_measure == Some(measure)),
            ) {
                ("flow", Some(s)) => {
                    n.why.push(format!(
                        "window: {}..{}, the window of the latest claim",
                        s.0, s.1
                    ));
                    n.confidence -= 0.3;
                    s
                }
                _ => {
                    c.window_guessed = true;
                    n.why.push(format!(
                        "period: none named; the newest month published by the article date ({})",
                        Period::from_month_index(newest)
                    ));
                    n.confidence -= 0.15;
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
        && let Some(p) = best_span(env, &series, &b.entities, f.first_day(), t.last_day())
    {
        n.why.push(format!(
            "window: the series is published for {p}, the span nearest the text's window"
        ));
        f = p;
        t = p;
    }
    let between = periods::is_between(text, &r.pers);
    let check = match check {
        "flow" if months(&f, &t) > 1 && !matches!(f.start, Stamp::Year(_)) => "sum",
        "flow" if matches!(f.start, Stamp::Year(_)) && series[0].0 != "context_facts" => "sum",
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
            n.why.push(format!(
                "change: from {f} (the end of the period before) to {t}"
            ));
            check
        }
        other => other,
    };
    if check == "level" && f != t && !(f.is_span() || t.is_span()) && f.month_index().is_some() {
        f = t;
    }
    let relation = match (bound, value < 0.0) {
        (Bound::About, _) => "about",
        (Bound::Nearly, _) => "nearly",
        (Bound::Over, false) | (Bound::Under, true) => "above",
        (Bound::Over, true) | (Bound::Under, false) => "below",
    };
    n.why.push(format!(
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
        && let Some(years) = duration_years(&r.lower())
    {
        let first = Period::from_month_index(month_of_date(env.date) - 12 * years);
        n.why
            .retain(|w| !w.starts_with("period") && !w.starts_with("claimed"));
        n.why.push(format!(
            "first_above: \"{}\" held for {years} years or more: first above {} USD billions by {first}",
            if years == 20 { "for decades" } else { "for years" },
            a.value
        ));
        c.check = "first_above".into();
        c.from = None;
        c.to = None;
        c.series = holdings_history(env.ds, &b.entities);
        c.threshold = Some(a.value);
        c.claimed = Some(ClaimedValue::Period(first.to_string()));
        c.unit = Some("USD billions".into());
        c.relation = Some("at_most".into());
        c.window_guessed = false;
        c.why = std::mem::take(&mut n.why);
        c.alternatives = std::mem::take(&mut n.alts);
        c.confidence = (n.confidence.clamp(0.1, 0.95) * 100.0).round() / 100.0;
        let c = std::mem::replace(c, DraftClaim::none(b.section, text, false, String::new()));
        return Break((!c.series.is_empty()).then_some(c));
    }
    // pct_change is in percent whatever the series' unit: no unit to convert.
    // Index levels are read in the series' own unit.
    c.unit = (check != "pct_change"
        && !matches!(measure, Measure::DollarIndex | Measure::StockIndex))
    .then(|| unit.to_string());
    c.relation = (relation != "about").then(|| relation.to_string());
    w.span = Some((f, t));
    Continue(())
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
fn holdings_history(ds: &Dataset, entities: &[String]) -> Vec<(String, String)> {
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
