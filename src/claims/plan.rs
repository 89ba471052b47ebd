//! Validation of one claim of the claims file into a [`Plan`] the engine can run.

use super::article::{Article, find_quote};
use super::metrics::{self, FORM_S_NET};
use super::scope::{Scope, bloc_id};
use super::spec::{ClaimSpec, Claimed, SeriesSpec, line_of};
use crate::data::{EntityKind, Period, Stamp};
use crate::error::InputError;
use chrono::NaiveDate;
use toml::Spanned;

/// Where errors about one claim point.
pub(super) struct Here<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
}

impl Here<'_> {
    pub(super) fn err<T>(&self, span: &Spanned<T>, msg: impl Into<String>) -> InputError {
        InputError::at(self.file, line_of(self.text, span.span().start), msg.into())
    }
}

/// How a record's history is cut into windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    /// Calendar blocks of the window's length (quarters for three months).
    Calendar,
    /// Every run of consecutive months of the window's length.
    Rolling,
}

/// What a check needs, parsed and validated.
pub(super) struct Plan<'a> {
    pub(super) spec: &'a ClaimSpec,
    pub(super) check: &'a str,
    pub(super) entities: Vec<String>,
    pub(super) from: Option<Period>,
    pub(super) to: Option<Period>,
    pub(super) unit: String,
    pub(super) claimed: Option<f64>,
    pub(super) claimed_period: Option<Period>,
    pub(super) relation: &'a str,
    pub(super) tolerance: f64,
    pub(super) lowest_first: bool,
    pub(super) align: Align,
    /// The article's date: histories of first crossings stop there.
    pub(super) article_date: NaiveDate,
}

fn parse_period(
    here: &Here,
    p: &Option<Spanned<String>>,
    name: &str,
) -> Result<Option<Period>, InputError> {
    match p {
        None => Ok(None),
        Some(s) => s
            .get_ref()
            .parse::<Period>()
            .map(Some)
            .map_err(|e| here.err(s, format!("{name}: {e}"))),
    }
}

pub(super) const CHECKS: &[&str] = &[
    "level",
    "change",
    "pct_change",
    "sum",
    "max",
    "min",
    "rank",
    "record",
    "streak",
    "first_above",
    "first_below",
    "since",
    "share",
    "none",
];
const RELATIONS: &[&str] = &["about", "nearly", "above", "below", "at_least", "at_most"];

/// The optional fields each check reads (besides id, section, quote, check, context,
/// readings, label, primary, primary_why and conditional). Anything else is an error.
fn fields_of(check: &str) -> &'static [&'static str] {
    const NUMERIC: &[&str] = &[
        "series",
        "entity",
        "combine",
        "window",
        "claimed",
        "claimed_words",
        "proxy",
        "window_words",
        "unit",
        "relation",
        "tolerance",
    ];
    match check {
        "level" | "change" | "pct_change" | "sum" | "max" | "min" => NUMERIC,
        "share" => &[
            "series",
            "entity",
            "window",
            "claimed",
            "claimed_words",
            "proxy",
            "unit",
            "relation",
            "tolerance",
            "of",
        ],
        "rank" => &[
            "series",
            "entity",
            "combine",
            "window",
            "claimed",
            "claimed_words",
            "proxy",
            "window_words",
            "unit",
            "relation",
            "order",
            "among",
        ],
        "record" => &[
            "series",
            "entity",
            "combine",
            "window",
            "claimed",
            "claimed_words",
            "proxy",
            "window_words",
            "unit",
            "relation",
            "order",
            "align",
        ],
        "streak" => &[
            "series",
            "entity",
            "combine",
            "window",
            "claimed",
            "claimed_words",
            "proxy",
            "window_words",
            "unit",
            "relation",
            "tolerance",
            "condition",
        ],
        "first_above" | "first_below" => &[
            "series",
            "entity",
            "combine",
            "claimed",
            "claimed_words",
            "proxy",
            "unit",
            "relation",
            "threshold",
        ],
        "since" => &[
            "series",
            "entity",
            "combine",
            "window",
            "claimed",
            "claimed_words",
            "proxy",
            "window_words",
            "unit",
            "relation",
            "order",
        ],
        "none" => &["data_claim", "why"],
        _ => &[],
    }
}

/// The optional fields a claim sets, by name (`window` for period/from/to).
fn fields_set(c: &ClaimSpec) -> Vec<&'static str> {
    let mut v = Vec::new();
    let mut add = |set: bool, name: &'static str| {
        if set {
            v.push(name);
        }
    };
    add(c.data_claim.is_some(), "data_claim");
    add(c.why.is_some(), "why");
    add(!c.series.is_empty(), "series");
    add(c.entity.is_some(), "entity");
    add(c.combine.is_some(), "combine");
    add(
        c.period.is_some() || c.from.is_some() || c.to.is_some(),
        "window",
    );
    add(c.claimed.is_some(), "claimed");
    add(c.claimed_words.is_some(), "claimed_words");
    add(c.proxy.is_some(), "proxy");
    add(c.window_words.is_some(), "window_words");
    add(c.unit.is_some(), "unit");
    add(c.relation.is_some(), "relation");
    add(c.tolerance.is_some(), "tolerance");
    add(c.order.is_some(), "order");
    add(c.among.is_some(), "among");
    add(c.align.is_some(), "align");
    add(c.condition.is_some(), "condition");
    add(c.threshold.is_some(), "threshold");
    add(c.of.is_some(), "of");
    v
}

fn field_words(f: &str) -> &str {
    match f {
        "window" => "`period`/`from`/`to`",
        _ => f,
    }
}

/// Checks a series reference against the data; returns the series' unit.
pub(super) fn check_series(ds: &Scope, s: &SeriesSpec) -> Result<String, String> {
    if let Some(k) = &s.scale {
        check_series(ds, &SeriesSpec::new(&s.source, &s.measure))?;
        if !s.plus.is_empty() {
            return Err(format!(
                "{}: a series is scaled or summed, not both",
                s.label()
            ));
        }
        k.period
            .parse::<crate::data::Period>()
            .map_err(|e| format!("{}: scale period: {e}", s.label()))?;
        return check_series(ds, &SeriesSpec::new(&k.source, &k.measure));
    }
    if !s.plus.is_empty() {
        let unit = check_series(ds, &SeriesSpec::new(&s.source, &s.measure))?;
        for p in &s.plus {
            if !p.plus.is_empty() {
                return Err(format!(
                    "{}: a part of `plus` has no `plus` of its own; list every part in the one `plus`",
                    s.label()
                ));
            }
            let pu = check_series(ds, p)?;
            if metrics::unit_factor(&pu, &unit).is_none() && pu != unit {
                return Err(format!(
                    "{}: {} is in {pu:?}, {}/{} in {unit:?}; expected parts in one unit (or USD scales)",
                    s.label(),
                    p.label(),
                    s.source,
                    s.measure
                ));
            }
        }
        return Ok(unit);
    }
    if s.source == "s1_globl" && s.measure == FORM_S_NET {
        return Ok("USD millions".into());
    }
    // The unit of the first series stored of this source and measure.
    if let Some((_, x)) = ds.series_of(&s.source, &s.measure).min_by_key(|(i, _)| *i) {
        return Ok(x.unit.clone());
    }
    let known_source = ds.all_series().iter().any(|x| x.source == s.source);
    Err(if known_source {
        format!(
            "unknown source/measure {}/{}: source {} has no such measure (`claimlens series` lists them)",
            s.source, s.measure, s.source
        )
    } else {
        format!(
            "unknown source/measure {}/{}: no source {:?} in the data (`claimlens series` lists them)",
            s.source, s.measure, s.source
        )
    })
}

/// Checks entity names: each known, none repeated; returns canonical names.
pub(super) fn check_entities(ds: &Scope, names: &[String]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for e in names {
        if let Some(id) = bloc_id(e)
            && ds.blocs.get(id).is_none()
        {
            let known: Vec<&str> = ds.blocs.blocs.iter().map(|b| b.id.as_str()).collect();
            return Err(format!(
                "unknown bloc {id:?}; expected one of {} (written bloc:ID; a case may define more in its blocs.toml)",
                known.join(", ")
            ));
        }
        let Some(name) = ds.resolve(e) else {
            return Err(format!("unknown entity {e:?}"));
        };
        if out.contains(&name) {
            return Err(format!(
                "entity {e:?} is listed twice; expected each entity once"
            ));
        }
        out.push(name);
    }
    Ok(out)
}

/// Checks that `unit` (when given) is the unit of each series or convertible from it.
pub(super) fn check_unit(
    ds: &Scope,
    series: &[SeriesSpec],
    unit: Option<&str>,
) -> Result<(), String> {
    let Some(unit) = unit else { return Ok(()) };
    for s in series {
        let su = check_series(ds, s)?;
        if metrics::resolve_unit(&su, unit).is_none() {
            return Err(format!(
                "unit {unit:?} does not fit {}/{}, whose values are in {su:?}; expected {su:?}{}",
                s.source,
                s.measure,
                if su.starts_with("USD ") {
                    " or another USD scale (USD millions, USD billions, USD trillion)"
                } else {
                    ""
                }
            ));
        }
    }
    Ok(())
}

/// Checks a window: `from` and `to` together or `period`, not reversed.
pub(super) fn window(
    from: Option<Period>,
    to: Option<Period>,
    period: Option<Period>,
) -> Result<(Option<Period>, Option<Period>), String> {
    let (from, to) = match (from, to, period) {
        (Some(f), Some(t), None) => (Some(f), Some(t)),
        (None, None, Some(p)) => (Some(p), Some(p)),
        (None, None, None) => (None, None),
        (_, _, Some(_)) => return Err("expected `period` or `from` and `to`, not both".into()),
        _ => return Err("expected both `from` and `to`, or `period`".into()),
    };
    if let (Some(f), Some(t)) = (from, to)
        && f.first_day() > t.last_day()
    {
        return Err(format!("window {f}..{t} ends before it starts"));
    }
    Ok((from, to))
}

/// Whether a window of months is a calendar block of its own length (a month, a quarter,
/// a half-year or a year).
pub(super) fn is_calendar_block(from: &Period, to: &Period) -> bool {
    match (from.month_index(), to.month_index()) {
        (Some(a), Some(b)) => {
            let len = b - a + 1;
            matches!(len, 1 | 3 | 6 | 12) && a.rem_euclid(len) == 0
        }
        _ => false,
    }
}

pub(super) fn validate<'a>(
    ds: &Scope,
    article: &Article,
    c: &'a ClaimSpec,
    article_date: NaiveDate,
    here: &Here,
) -> Result<Plan<'a>, InputError> {
    let section = article.section(c.section.get_ref()).ok_or_else(|| {
        here.err(
            &c.section,
            format!(
                "unknown section {:?}; expected one of the article's section ids",
                c.section.get_ref()
            ),
        )
    })?;
    if find_quote(&section.text, c.quote.get_ref()).is_none() {
        return Err(here.err(
            &c.quote,
            format!(
                "quote not found in section {}: {:?}",
                section.id,
                c.quote.get_ref()
            ),
        ));
    }
    if let Some(s) = &c.status
        && !["draft", "accepted", "rejected"].contains(&s.get_ref().as_str())
    {
        return Err(here.err(
            s,
            format!(
                "unknown status {:?}; expected draft, accepted or rejected",
                s.get_ref()
            ),
        ));
    }
    if let Some(x) = &c.confidence
        && !(0.0..=1.0).contains(x.get_ref())
    {
        return Err(here.err(
            x,
            format!("confidence {} is not between 0 and 1", x.get_ref()),
        ));
    }
    let check = c.check.get_ref().as_str();
    let bad = |msg: String| here.err(&c.check, msg);
    if !CHECKS.contains(&check) {
        return Err(bad(format!(
            "unknown check {check:?}; expected one of {}",
            CHECKS.join(", ")
        )));
    }
    let conditional = c.conditional == Some(true);
    let allowed = fields_of(check);
    for f in fields_set(c) {
        if !allowed.contains(&f) {
            return Err(bad(format!(
                "{} is not used by check = {check:?}; remove it (fields read by {check}: {})",
                field_words(f),
                allowed
                    .iter()
                    .map(|f| field_words(f))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    let relation = c.relation.as_deref().unwrap_or(match check {
        "streak" => "at_least",
        _ => "about",
    });
    if !RELATIONS.contains(&relation) {
        return Err(bad(format!(
            "unknown relation {relation:?}; expected one of {}",
            RELATIONS.join(", ")
        )));
    }
    let ordinal = matches!(
        check,
        "rank" | "record" | "first_above" | "first_below" | "since"
    );
    if ordinal && relation == "nearly" {
        return Err(bad(format!(
            "relation \"nearly\" does not apply to {check}; expected about, above, below, at_least or at_most"
        )));
    }
    if c.tolerance.is_some() && !matches!(relation, "about" | "nearly") {
        return Err(bad(format!(
            "`tolerance` is only used with relation \"about\" or \"nearly\", not {relation:?}; remove it"
        )));
    }
    if let Some(t) = c.tolerance
        && !(t.is_finite() && t > 0.0 && t <= 1.0)
    {
        return Err(bad(format!(
            "tolerance = {t}: expected a number greater than 0 and at most 1 (a share of the claimed number)"
        )));
    }
    let (from, to) = (
        parse_period(here, &c.from, "from")?,
        parse_period(here, &c.to, "to")?,
    );
    let period = parse_period(here, &c.period, "period")?;
    let (from, to) = window(from, to, period).map_err(bad)?;
    let order = c.order.as_deref().unwrap_or("lowest");
    if !matches!(order, "lowest" | "highest") {
        return Err(bad(format!(
            "order = {order:?}: expected \"lowest\" or \"highest\""
        )));
    }
    let mut plan = Plan {
        spec: c,
        check,
        entities: vec![],
        from,
        to,
        unit: c.unit.clone().unwrap_or_default(),
        claimed: None,
        claimed_period: None,
        relation,
        tolerance: c.tolerance.unwrap_or(0.05),
        lowest_first: order == "lowest",
        align: Align::Calendar,
        article_date,
    };
    if check == "none" {
        if !conditional && (c.why.is_none() || c.data_claim.is_none()) {
            return Err(bad(
                "check = \"none\" needs `data_claim` (true/false) and `why`".into(),
            ));
        }
        return Ok(plan);
    }
    if c.series.is_empty() {
        return Err(bad(
            "expected `series = [{ source = ..., measure = ... }]`".into()
        ));
    }
    for s in &c.series {
        check_series(ds, s).map_err(&bad)?;
    }
    let names = c.entity.as_ref().map(|e| e.to_vec()).unwrap_or_default();
    if names.is_empty() {
        return Err(bad("expected `entity`".into()));
    }
    plan.entities = check_entities(ds, &names).map_err(&bad)?;
    match c.combine.as_deref() {
        None | Some("sum") => {}
        Some("each") if plan.entities.len() > 1 => {}
        Some("each") => {
            return Err(bad(
                "combine = \"each\" needs several entities; remove it".into()
            ));
        }
        Some(x) => {
            return Err(bad(format!(
                "combine = {x:?}: expected \"sum\" or \"each\""
            )));
        }
    }
    let each = c.combine.as_deref() == Some("each");
    let single_only = matches!(
        check,
        "rank" | "record" | "streak" | "first_above" | "first_below" | "since"
    );
    if single_only && plan.entities.len() > 1 && !each {
        return Err(bad(format!(
            "{check} looks at one entity; list one, or add combine = \"each\" to check every entity on its own"
        )));
    }
    if let Some(among) = c.among.as_deref() {
        let blocs = plan.entities.iter().all(|e| bloc_id(e).is_some());
        if among == "bloc" && !blocs {
            return Err(bad(
                "among = \"bloc\" ranks blocs: expected `entity = \"bloc:ID\"`".into(),
            ));
        }
        if among != "bloc" && among.parse::<EntityKind>().is_err() {
            return Err(bad(format!(
                "among = {among:?}: expected \"bloc\" or an entity kind (country, region, ...)"
            )));
        }
    }
    if check == "rank"
        && c.among.as_deref() != Some("bloc")
        && plan.entities.iter().any(|e| bloc_id(e).is_some())
    {
        return Err(bad("a bloc ranks among blocs: add among = \"bloc\"".into()));
    }
    check_unit(ds, &c.series, c.unit.as_deref()).map_err(&bad)?;
    let first_kind = matches!(check, "first_above" | "first_below");
    if first_kind {
        if from.is_some() {
            return Err(bad(format!(
                "{check} looks at the whole history up to the article date; remove `period`/`from`/`to`"
            )));
        }
    } else if from.is_none() {
        return Err(bad("expected `period`, or `from` and `to`".into()));
    }
    if check == "share" {
        let of = c.of.as_deref().unwrap_or("Grand Total");
        check_entities(ds, &[of.to_string()]).map_err(|e| bad(format!("of: {e}")))?;
    }
    match check {
        "level" | "streak" | "share" if from != to => {
            return Err(bad(format!(
                "{check} needs `period` (one period), not a window"
            )));
        }
        "change" | "pct_change" if from == to => {
            return Err(bad(format!(
                "{check} needs `from` and `to` (two different periods)"
            )));
        }
        _ => {}
    }
    let period_claim = first_kind || check == "since";
    match (&c.claimed, period_claim) {
        (Some(Claimed::Text(t)), true) => {
            plan.claimed_period = Some(
                t.parse()
                    .map_err(|e: String| bad(format!("claimed: {e}")))?,
            );
        }
        (Some(Claimed::Number(n)), true) if n.fract() == 0.0 && n.abs() < 10_000.0 => {
            plan.claimed_period = Some(Period::year(*n as i32))
        }
        (Some(Claimed::Number(n)), true) => {
            return Err(bad(format!(
                "claimed = {n}: expected a period (\"2011-10\", or a year such as 2011)"
            )));
        }
        (Some(Claimed::Number(n)), false) if !n.is_finite() => {
            return Err(bad(format!("claimed = {n}: expected a finite number")));
        }
        (Some(Claimed::Number(n)), false) => plan.claimed = Some(*n),
        (Some(Claimed::Text(_)), false) => {
            return Err(bad("expected a number for `claimed`".into()));
        }
        (None, _) if conditional => {}
        (None, _) => return Err(bad("expected `claimed`".into())),
    }
    if let Some(w) = &c.window_words
        && !super::quoted::quote_holds(c.quote.get_ref(), w.get_ref())
    {
        return Err(here.err(
            w,
            format!(
                "window_words = {:?} is not in the quote; expected the quote's words that name the window",
                w.get_ref()
            ),
        ));
    }
    // The claimed value comes from the quote (its number, or words it names).
    let at = |msg: String| match &c.claimed_words {
        Some(w) => here.err(w, msg),
        None => bad(msg),
    };
    if let Some(n) = plan.claimed {
        super::quoted::check_claimed(
            c.quote.get_ref(),
            n,
            relation,
            matches!(check, "rank" | "record"),
            c.claimed_words.as_ref().map(|w| w.get_ref().as_str()),
        )
        .map_err(at)?;
    }
    if let Some(p) = plan.claimed_period {
        let year = p.first_day().format("%Y").to_string();
        match &c.claimed_words {
            Some(w) if !super::quoted::quote_holds(c.quote.get_ref(), w.get_ref()) => {
                return Err(at(format!(
                    "claimed_words = {:?} is not in the quote; expected words of the quote that the claimed period stands for",
                    w.get_ref()
                )));
            }
            Some(_) => {}
            None if !c.quote.get_ref().contains(&year) => {
                return Err(bad(format!(
                    "claimed = {p} is not in the quote; name the quote's words it stands for with claimed_words = \"...\""
                )));
            }
            None => {}
        }
    }
    if c.claimed_words.is_some() && plan.claimed.is_none() && plan.claimed_period.is_none() {
        return Err(at("claimed_words without `claimed`; remove it".into()));
    }
    if period_claim && relation == "about" && c.tolerance.is_some() {
        return Err(bad(format!(
            "`tolerance` is not used by {check}: \"about\" means within the claimed period; remove it"
        )));
    }
    if matches!(check, "rank" | "record") && c.tolerance.is_some() {
        return Err(bad(format!(
            "`tolerance` is not used by {check}: ranks are compared exactly; remove it"
        )));
    }
    if first_kind && c.threshold.is_none() {
        return Err(bad(format!("{check} needs `threshold`")));
    }
    if let Some(t) = c.threshold
        && !t.is_finite()
    {
        return Err(bad(format!("threshold = {t}: expected a finite number")));
    }
    if check == "streak" && cond_fn(c.condition.as_deref().unwrap_or("")).is_none() {
        return Err(bad(
            "streak needs `condition` = negative, positive, above:X or below:X".into(),
        ));
    }
    if matches!(check, "level" | "change" | "sum" | "max" | "min")
        && plan.unit.is_empty()
        && !conditional
    {
        return Err(bad("expected `unit` for the claimed number".into()));
    }
    if check == "record" {
        let (f, t) = (
            from.unwrap_or(Period::year(0)),
            to.unwrap_or(Period::year(0)),
        );
        if f.month_index().is_none() || t.month_index().is_none() {
            return Err(bad(
                "record needs a window of months (`period = \"YYYY-MM\"` or `from`/`to` months)"
                    .into(),
            ));
        }
        let calendar = is_calendar_block(&f, &t);
        plan.align = match c.align.as_deref() {
            None if calendar => Align::Calendar,
            None | Some("rolling") => Align::Rolling,
            Some("quarter" | "calendar") if calendar => Align::Calendar,
            Some("quarter" | "calendar") => {
                return Err(bad(format!(
                    "align = \"calendar\" needs a window that is a calendar block (a quarter, a half-year or a year); {} is not one: use align = \"rolling\"",
                    metrics::window_label(&f, &t)
                )));
            }
            Some(x) => {
                return Err(bad(format!(
                    "align = {x:?}: expected \"quarter\" (calendar blocks) or \"rolling\""
                )));
            }
        };
    }
    Ok(plan)
}

/// The article date of a claims file as a calendar day.
pub(super) fn article_day(date: &str) -> Option<NaiveDate> {
    match date.parse::<Period>().ok()?.start {
        Stamp::Day(d) => Some(d),
        _ => None,
    }
}

pub(super) fn cond_fn(cond: &str) -> Option<Box<dyn Fn(f64) -> bool>> {
    match cond {
        "negative" => Some(Box::new(|v| v < 0.0)),
        "positive" => Some(Box::new(|v| v > 0.0)),
        _ => {
            let (kind, x) = cond.split_once(':')?;
            let x: f64 = x.trim().parse().ok()?;
            if !x.is_finite() {
                return None;
            }
            match kind {
                "above" => Some(Box::new(move |v| v > x)),
                "below" => Some(Box::new(move |v| v < x)),
                _ => None,
            }
        }
    }
}
