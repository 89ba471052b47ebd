//! From the extracted pieces of each clause to bindings: which check, which
//! entity, window, claimed value and sign, carrying the entity and window
//! from earlier clauses when a clause leaves them out.

use super::comparisons::{Bound, Comparison, bound_before, comparison, window_months};
use super::date::infer_date;
use super::directions::{Direction, direction, flow};
use super::entities::{ALL_FOREIGN, Lexicon, group_reference};
use super::lookup::{Env, month_of_date, months};
use super::measure::{Measure, bind, choose};
use super::numbers::{Amount, CountUnit, Kind, amounts};
use super::periods::{self, When};
use super::text::clauses;
use super::windows::{adopt_windows, best_span, relative_months, resolve};
use super::{Alternative, ClaimedValue, Draft, DraftClaim};
use crate::claims::Article;
use crate::data::{Dataset, Period, Stamp};
use chrono::{Datelike, NaiveDate};
use std::ops::Range;

/// What earlier clauses established.
#[derive(Default)]
pub(super) struct Ctx {
    /// The window of the latest claim bound from the text (for "the same period").
    pub(super) last_window: Option<(Period, Period)>,
    /// The measure of that window's claim: a window is carried only to claims of the same measure.
    pub(super) last_measure: Option<Measure>,
    /// Entities in order of mention (article-wide).
    pub(super) seen: Vec<String>,
    pub(super) section_entity: Option<String>,
    pub(super) section_months: Vec<i32>,
    pub(super) sentence: usize,
    pub(super) sentence_entity: Option<String>,
    pub(super) sentence_window: Option<(Period, Period)>,
    /// The latest monthly streak: (last month index, length).
    pub(super) last_streak: Option<(i32, u32)>,
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
    let mut d = Draft {
        date: date_str,
        date_reason,
        claims: out,
    };
    super::vet::drop_unreadable_alternatives(ds, article, &mut d);
    Ok(d)
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
                fields: vec![("entity".into(), super::emit::quoted(other))],
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
            let list = ents
                .iter()
                .map(|e| super::emit::quoted(e))
                .collect::<Vec<_>>()
                .join(", ");
            let value = if ents.len() == 1 {
                list
            } else {
                format!("[{list}]")
            };
            fields.push(("entity".to_string(), value));
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
