//! The statement one piece of text makes, as a drafted claim. [`statement`] runs the
//! steps in order:
//!
//! 1. [`Read`]: the amounts, periods, entities, directions and comparison words of the text;
//! 2. [`entities`]: a group reference ("these two nations"), the entities named, or those
//!    carried from earlier in the sentence or section;
//! 3. [`without_number`]: a piece with no quantity and no comparison is at most a
//!    `check = "none"` draft;
//! 4. [`measure`]: the series it most likely means, and [`measure_alternatives`];
//! 5. [`window`]: the window the text names (or its two ends, or a relative "three months"),
//!    else the one carried from earlier in the sentence;
//! 6. [`over_levels`]: records, ranks and streaks are drafted over flows only;
//! 7. one binder per kind of statement ([`super::binders`]): streak, record, rank, amount;
//! 8. [`finish`]: the data must hold the window; what the piece established is remembered.

use super::binders;
use super::build::Ctx;
use super::comparisons::{Comparison, comparison, window_months};
use super::directions::{Direction, direction, flow};
use super::entities::{ALL_FOREIGN, Lexicon, group_reference};
use super::lookup::Env;
use super::measure::{Measure, bind, choose};
use super::numbers::{Amount, CountUnit, Kind};
use super::periods::{self, When};
use super::windows::{relative_months, resolve};
use super::{Alternative, DraftClaim};
use crate::data::{Dataset, EntityKind, Period, Stamp};
use std::ops::ControlFlow::{self, Break, Continue};

/// What a piece of text says, read once.
pub(super) struct Read<'t> {
    pub(super) text: &'t str,
    pub(super) nums: Vec<Amount>,
    pub(super) pers: Vec<periods::Mention>,
    pub(super) ents: Vec<super::entities::Mention>,
    pub(super) fl: Option<(Direction, String)>,
    pub(super) dir: Option<(Direction, String)>,
    pub(super) cmp: Option<Comparison>,
}

impl<'t> Read<'t> {
    fn new(lex: &Lexicon, text: &'t str) -> Read<'t> {
        Read {
            text,
            nums: super::build::quantity_amounts(text),
            pers: periods::mentions(text),
            ents: lex.mentions(text),
            fl: flow(text),
            dir: direction(text),
            cmp: comparison(text),
        }
    }

    /// The amount a level or change claims (money, percent, tonnes).
    pub(super) fn quantity(&self) -> Option<&Amount> {
        self.nums
            .iter()
            .find(|a| matches!(a.kind, Kind::Money | Kind::Percent { .. } | Kind::Tonnes))
    }

    /// A count ("three straight months").
    pub(super) fn count(&self) -> Option<&Amount> {
        self.nums
            .iter()
            .find(|a| matches!(a.kind, Kind::Count { .. }))
    }

    /// A rank ("second-largest").
    pub(super) fn rank(&self) -> Option<&Amount> {
        self.nums.iter().find(|a| a.kind == Kind::Rank)
    }

    /// A streak (with its count), a record or a rank; `None` for a level or change.
    pub(super) fn comparison(&self) -> Option<Comparison> {
        match self.cmp {
            Some(Comparison::Streak) if self.count().is_some() => Some(Comparison::Streak),
            Some(Comparison::Record) => Some(Comparison::Record),
            Some(Comparison::Rank) => Some(Comparison::Rank),
            _ => None,
        }
    }

    /// A selling word ("sold", "offloaded").
    pub(super) fn sells(&self) -> bool {
        matches!(self.fl, Some((Direction::Sell, _)))
    }

    pub(super) fn lower(&self) -> String {
        self.text.to_ascii_lowercase()
    }
}

/// What the rules found so far: a reason per rule, the alternatives, the confidence.
pub(super) struct Notes {
    pub(super) why: Vec<String>,
    pub(super) alts: Vec<Alternative>,
    pub(super) confidence: f64,
}

/// What the binders share: the data, the measure and who it is about.
pub(super) struct Bind<'a> {
    pub(super) env: &'a Env<'a>,
    pub(super) section: &'a str,
    pub(super) measure: Measure,
    pub(super) entities: Vec<String>,
    /// The newest month the measure's series hold for the entities by the article date.
    pub(super) newest: i32,
    pub(super) all_series: Vec<(String, String)>,
}

/// The claim's window and where it came from.
pub(super) struct Window {
    pub(super) span: Option<(Period, Period)>,
    /// True unless a default or the previous claim's window was taken.
    pub(super) from_text: bool,
    /// The text names a period (not a relative count of months).
    pub(super) explicit: bool,
    /// The text names a relative window ("in just three months").
    pub(super) relative: bool,
}

/// The statement a piece of text makes, if any.
pub(super) fn statement(
    env: &Env,
    lex: &Lexicon,
    ctx: &mut Ctx,
    section: &str,
    text: &str,
) -> Option<DraftClaim> {
    let r = Read::new(lex, text);
    let mut n = Notes {
        why: Vec::new(),
        alts: Vec::new(),
        confidence: 0.9,
    };
    let (entities, carried_entity) = entities(&r, ctx, &mut n);
    if let Break(out) = without_number(&r, ctx, section) {
        return out;
    }
    let (measure, entities) = match measure(env, &r, section, entities, carried_entity, &mut n) {
        Continue(x) => x,
        Break(out) => return out,
    };
    let is_record = r.comparison() == Some(Comparison::Record);
    let all_series = bind(env.ds, measure, &entities, 3, is_record);
    let newest = env.newest_month(&all_series, &entities);
    let b = Bind {
        env,
        section,
        measure,
        entities,
        newest,
        all_series,
    };
    let mut w = window(&b, &r, ctx, &mut n);
    if let Break(out) = over_levels(&b, &r) {
        return out;
    }
    let mut c = DraftClaim::none(section, text, true, String::new());
    c.none_why = None;
    c.data_claim = None;
    c.why.clear();
    c.entities = b.entities.clone();
    let bound = match r.comparison() {
        Some(Comparison::Streak) => binders::streak(&b, &r, ctx, &mut n, &w, &mut c),
        Some(Comparison::Record) => binders::record(&b, &r, ctx, &mut n, &mut w, &mut c),
        Some(Comparison::Rank) => binders::rank(&b, &r, &mut n, &w, &mut c),
        _ => binders::amount(&b, &r, ctx, &mut n, &mut w, &mut c),
    };
    if let Break(out) = bound {
        return out;
    }
    finish(&b, &r, ctx, n, &w, carried_entity, c)
}

/// Entities: a group reference, the piece's own, or carried from earlier in the sentence or
/// section. Returns them and whether they were carried; remembers what the piece named.
fn entities(r: &Read, ctx: &mut Ctx, n: &mut Notes) -> (Vec<String>, bool) {
    let text = r.text;
    let mut entities: Vec<String> = Vec::new();
    if let Some(k) = group_reference(text) {
        let mut picked: Vec<String> = Vec::new();
        for e in ctx.seen.iter().rev() {
            if e != ALL_FOREIGN && !picked.contains(e) {
                picked.push(e.clone());
            }
            if picked.len() == k {
                break;
            }
        }
        picked.reverse();
        if picked.len() == k {
            n.why.push(format!(
                "entities: \"{}\" refers to the last {k} named: {}",
                text.split(',').next().unwrap_or(text),
                picked.join(", ")
            ));
            entities = picked;
        }
    }
    if entities.is_empty() && !r.ents.is_empty() {
        let mut names: Vec<String> = Vec::new();
        for m in &r.ents {
            if !names.contains(&m.name) {
                names.push(m.name.clone());
            }
        }
        n.why.push(format!(
            "entity: \"{}\" in the text",
            &text[r.ents[0].range.clone()]
        ));
        for other in names.iter().skip(1) {
            n.alts.push(Alternative {
                label: format!("entity {other}"),
                fields: vec![("entity".into(), super::emit::quoted(other))],
            });
        }
        entities.push(names[0].clone());
    }
    let carried = entities.is_empty();
    if carried
        && let Some(e) = ctx
            .sentence_entity
            .clone()
            .or_else(|| ctx.section_entity.clone())
    {
        n.why
            .push(format!("entity: {e}, carried from an earlier clause"));
        n.confidence -= 0.15;
        entities.push(e);
    }
    // Remember what this piece named, whatever it claims.
    for m in &r.ents {
        ctx.seen.push(m.name.clone());
        ctx.section_entity = Some(m.name.clone());
        ctx.sentence_entity = Some(m.name.clone());
    }
    (entities, carried)
}

/// The months the piece names with their year, for "in just three months" later on.
fn remember_months(r: &Read, ctx: &mut Ctx) {
    for m in &r.pers {
        if let When::Month(Some(y), mo) = m.when {
            ctx.section_months.push(y * 12 + mo as i32 - 1);
        }
    }
}

/// A piece with no quantity and no comparison: a `check = "none"` draft when it speaks of
/// someone doing something, else nothing (`Break`); `Continue` when there is a statement.
fn without_number(r: &Read, ctx: &mut Ctx, section: &str) -> ControlFlow<Option<DraftClaim>> {
    if r.comparison().is_some() || r.quantity().is_some() {
        return Continue(());
    }
    remember_months(r, ctx);
    let text = r.text;
    let words = text.split_whitespace().count();
    if words >= 4
        && (!r.ents.is_empty() && (r.fl.is_some() || r.dir.is_some())
            || r.fl.is_some() && words >= 6)
    {
        let data = r.fl.is_some();
        return Break(Some(DraftClaim::none(
            section,
            text,
            data,
            format!(
                "no number; {} (data_claim unknown: guessed {data}; classify it or bind it)",
                match (&r.fl, r.ents.first()) {
                    (Some((_, w)), Some(e)) => format!("\"{w}\" about {}", e.name),
                    (Some((_, w)), None) => format!("the word \"{w}\""),
                    (None, Some(e)) => format!("a statement about {}", e.name),
                    _ => "a statement".into(),
                }
            ),
        )));
    }
    Break(None)
}

/// The measure the statement most likely means (from the measure catalogue's cues), the
/// entities bound for it (all foreign holders when none is named), and the other measures
/// as alternatives. `Break` with a `none` draft when no bundled measure fits.
fn measure(
    env: &Env,
    r: &Read,
    section: &str,
    mut entities: Vec<String>,
    carried_entity: bool,
    n: &mut Notes,
) -> ControlFlow<Option<DraftClaim>, (Measure, Vec<String>)> {
    let quantity = r.quantity();
    let statement_kind = r.comparison();
    let measures = choose(r.text, quantity.map(|a| a.kind), r.fl.is_some());
    if let Some(a) = quantity
        && measures.is_empty()
    {
        return Break(Some(DraftClaim::none(
            section,
            r.text,
            true,
            format!(
                "\"{}\" but no bundled measure is written in that unit for what the text speaks of \
(data_claim unknown: guessed true)",
                &r.text[a.range.clone()]
            ),
        )));
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
            .any(|e| crate::data::entity::kind_of(e) == EntityKind::Country)
    {
        (
            Measure::GoldReserves,
            "tonnes added by a named country: its gold reserves",
        )
    } else {
        (measure, measure_why)
    };
    n.why
        .push(format!("measure: {} ({measure_why})", measure.label()));
    let other_measures: Vec<(Measure, &'static str)> = measures
        .iter()
        .filter(|(m, _)| *m != measure)
        .take(2)
        .copied()
        .collect();
    if !measure.needs_holder() && measure != Measure::GoldPurchases {
        // Market series have no holder: whatever the text named or carried does not bind them.
        if carried_entity && !entities.is_empty() {
            n.confidence += 0.15;
        }
        n.why.retain(|w| !w.starts_with("entity"));
        n.alts.retain(|a| !a.label.starts_with("entity"));
    }
    if entities.is_empty() {
        if measure.needs_holder() {
            n.why
                .push("entity: none named; all foreign holders assumed".into());
            n.confidence -= 0.3;
        }
        entities.push(ALL_FOREIGN.into());
    }
    let mut bound: Vec<String> = Vec::new();
    for e in &entities {
        let x = measure.entity_for(e);
        if !bound.contains(&x) {
            bound.push(x);
        }
    }
    if statement_kind.is_none() {
        measure_alternatives(env.ds, &other_measures, &bound, n);
    }
    Continue((measure, bound))
}

/// Other measures as alternatives, bound to the series the dataset holds for the same holders.
fn measure_alternatives(
    ds: &Dataset,
    others: &[(Measure, &'static str)],
    entities: &[String],
    n: &mut Notes,
) {
    for &(m, w) in others {
        let ents: Vec<String> = entities.iter().map(|e| m.entity_for(e)).collect();
        let series = bind(ds, m, &ents, 1, false);
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
        n.alts.push(Alternative {
            label: format!("measure {} ({w})", m.label()),
            fields,
        });
    }
}

/// The window named in the text (both ends, one period, or a relative count of months),
/// else the one carried from earlier in the sentence. Monthly and quarterly series read a
/// year as its twelve months.
fn window(b: &Bind, r: &Read, ctx: &mut Ctx, n: &mut Notes) -> Window {
    let (env, text, pers) = (b.env, r.text, &r.pers);
    let explicit = pers.iter().find(|p| {
        !matches!(
            p.when,
            When::Relative(_, CountUnit::Month | CountUnit::Quarter | CountUnit::Year)
        )
    });
    let relative = pers.iter().find_map(|p| match p.when {
        When::Relative(k, CountUnit::Month) => Some(k),
        When::Relative(k, CountUnit::Quarter) => Some(k * 3),
        _ => None,
    });
    let claimed_bn = r
        .quantity()
        .map(|a| if r.sells() { -a.value } else { a.value });
    let between = periods::is_between(text, pers);
    let mut span = match (explicit, relative) {
        (Some(_), _) if between => {
            let a = resolve(env, ctx, pers[0].when, b.newest);
            let z = resolve(env, ctx, pers[1].when, b.newest);
            match (a, z) {
                (Some((f, _)), Some((_, t))) => {
                    n.why.push(format!(
                        "window: \"{}\" names its two ends: {f}..{t}",
                        &text[pers[0].range.start..pers[1].range.end]
                    ));
                    Some((f, t))
                }
                _ => None,
            }
        }
        (Some(p), _) => {
            let w = resolve(env, ctx, p.when, b.newest);
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
                n.why
                    .push(format!("window: \"{}\" {how}", &text[p.range.clone()]));
            }
            w
        }
        (None, Some(k)) => {
            let quarters = window_months(text) == Some(3);
            n.confidence -= 0.15;
            Some(relative_months(
                env,
                ctx,
                k,
                b.newest,
                &b.all_series,
                &b.entities,
                claimed_bn,
                quarters,
                &mut n.why,
                &mut n.alts,
            ))
        }
        (None, None) => None,
    };
    if span.is_none()
        && let Some(w) = ctx.sentence_window
    {
        n.why.push(format!(
            "window: {}..{}, carried from earlier in the sentence",
            w.0, w.1
        ));
        span = Some(w);
        n.confidence -= 0.1;
    }
    remember_months(r, ctx);
    if let Some((f, _)) = span
        && explicit.is_some_and(|p| matches!(p.when, When::Month(None, _)))
        && let Some(i) = f.month_index()
    {
        ctx.section_months.push(i);
    }
    if let Some((f, t)) = span
        && b.measure != Measure::GoldPurchases
        && let (Stamp::Year(a), Stamp::Year(z)) = (f.start, t.end)
    {
        span = Some((Period::month(a, 1), Period::month(z, 12)));
    }
    Window {
        span,
        from_text: true,
        explicit: explicit.is_some(),
        relative: relative.is_some(),
    }
}

/// Records, ranks and streaks are drafted over flows only (net purchases; streaks also over
/// central banks' annual gold buying), ranks among countries for a country only: over
/// levels they need a person to say what is compared (`Break` with a `none` draft).
fn over_levels(b: &Bind, r: &Read) -> ControlFlow<Option<DraftClaim>> {
    let m = b.measure;
    let flows_only = match r.comparison() {
        Some(Comparison::Streak) => !matches!(m, Measure::NetPurchases | Measure::GoldPurchases),
        Some(Comparison::Rank) => {
            m != Measure::NetPurchases
                || b.entities
                    .iter()
                    .any(|e| crate::data::entity::kind_of(e) != EntityKind::Country)
        }
        Some(_) => m != Measure::NetPurchases,
        None => false,
    };
    if !flows_only {
        return Continue(());
    }
    Break(Some(DraftClaim::none(
        b.section,
        r.text,
        true,
        format!(
            "a comparison over {}: records, ranks and streaks are drafted over flows only, and \
ranks among countries for a country only (data_claim unknown: guessed true)",
            m.label()
        ),
    )))
}

/// The bound claim, when the data hold its window; remembers the window and entity for the
/// pieces that follow.
fn finish(
    b: &Bind,
    r: &Read,
    ctx: &mut Ctx,
    n: Notes,
    w: &Window,
    carried_entity: bool,
    mut c: DraftClaim,
) -> Option<DraftClaim> {
    let (Some(f), Some(t)) = (c.from, c.to) else {
        return None;
    };
    if !b.env.has_data(&c.check, &c.series, &c.entities, &f, &t) {
        return Some(DraftClaim::none(
            b.section,
            r.text,
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
            b.section,
            r.text,
            true,
            format!(
                "a {} statement about {}, but no bundled series holds it (data_claim unknown: guessed true)",
                c.check,
                c.entities.join(", ")
            ),
        ));
    }
    if c.entities.len() > 1 && r.lower().contains("each") {
        c.combine = Some("each".into());
    }
    if w.from_text || w.explicit || w.relative {
        if let Some(s) = w.span {
            ctx.last_window = Some(s);
            ctx.last_measure = Some(b.measure);
            ctx.sentence_window = Some(s);
        }
    } else if ctx.sentence_window.is_none() {
        ctx.sentence_window = w.span;
    }
    if carried_entity {
        ctx.sentence_entity = c.entities.first().cloned().or(ctx.sentence_entity.take());
    }
    c.why = n.why;
    c.alternatives = n.alts;
    c.confidence = (n.confidence.clamp(0.1, 0.95) * 100.0).round() / 100.0;
    Some(c)
}
