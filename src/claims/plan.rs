//! Validation of one claim of the claims file into a [`Plan`] the engine can run.

use super::article::{Article, find_quote};
use super::metrics::FORM_S_NET;
use super::spec::{ClaimSpec, Claimed, line_of};
use crate::data::{Dataset, Period};
use toml::Spanned;

/// Where errors about one claim point.
pub(super) struct Here<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
}

impl Here<'_> {
    pub(super) fn err<T>(
        &self,
        span: &Spanned<T>,
        msg: impl Into<String>,
    ) -> crate::error::InputError {
        crate::error::InputError::at(self.file, line_of(self.text, span.span().start), msg.into())
    }
}

/// What a check needs, parsed and validated.
pub(super) struct Plan<'a> {
    pub(super) spec: &'a ClaimSpec,
    pub(super) entities: Vec<String>,
    pub(super) from: Option<Period>,
    pub(super) to: Option<Period>,
    pub(super) unit: String,
    pub(super) claimed: Option<f64>,
    pub(super) claimed_period: Option<Period>,
    pub(super) relation: &'a str,
    pub(super) tolerance: f64,
    pub(super) lowest_first: bool,
}

fn parse_period(
    here: &Here,
    p: &Option<Spanned<String>>,
    name: &str,
) -> Result<Option<Period>, crate::error::InputError> {
    match p {
        None => Ok(None),
        Some(s) => s
            .get_ref()
            .parse::<Period>()
            .map(Some)
            .map_err(|e| here.err(s, format!("{name}: {e}"))),
    }
}

const CHECKS: &[&str] = &[
    "level",
    "change",
    "pct_change",
    "sum",
    "rank",
    "record",
    "streak",
    "first_above",
    "none",
];
const RELATIONS: &[&str] = &["about", "nearly", "above", "below", "at_least", "at_most"];

pub(super) fn validate<'a>(
    ds: &Dataset,
    article: &Article,
    c: &'a ClaimSpec,
    here: &Here,
) -> Result<Plan<'a>, crate::error::InputError> {
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
    if !CHECKS.contains(&check) {
        return Err(here.err(
            &c.check,
            format!(
                "unknown check {check:?}; expected one of {}",
                CHECKS.join(", ")
            ),
        ));
    }
    let relation = c.relation.as_deref().unwrap_or(match check {
        "streak" => "at_least",
        "rank" | "record" => "about",
        _ => "about",
    });
    if !RELATIONS.contains(&relation) {
        return Err(here.err(
            &c.check,
            format!(
                "unknown relation {relation:?}; expected one of {}",
                RELATIONS.join(", ")
            ),
        ));
    }
    let (from, to) = (
        parse_period(here, &c.from, "from")?,
        parse_period(here, &c.to, "to")?,
    );
    let period = parse_period(here, &c.period, "period")?;
    let (from, to) = match (from, to, period) {
        (Some(f), Some(t), _) => (Some(f), Some(t)),
        (None, None, Some(p)) => (Some(p), Some(p)),
        (None, None, None) => (None, None),
        _ => return Err(here.err(&c.check, "expected both `from` and `to`, or `period`")),
    };
    if let (Some(f), Some(t)) = (from, to)
        && f.first_day() > t.last_day()
    {
        return Err(here.err(&c.check, format!("window {f}..{t} ends before it starts")));
    }
    let mut plan = Plan {
        spec: c,
        entities: c.entity.as_ref().map(|e| e.to_vec()).unwrap_or_default(),
        from,
        to,
        unit: c.unit.clone().unwrap_or_default(),
        claimed: None,
        claimed_period: None,
        relation,
        tolerance: c.tolerance.unwrap_or(0.05),
        lowest_first: c.order.as_deref() != Some("highest"),
    };
    if check == "none" {
        if c.why.is_none() || c.data_claim.is_none() {
            return Err(here.err(
                &c.check,
                "check = \"none\" needs `data_claim` (true/false) and `why`",
            ));
        }
        return Ok(plan);
    }
    if c.series.is_empty() {
        return Err(here.err(
            &c.check,
            "expected `series = [{ source = ..., measure = ... }]`",
        ));
    }
    if plan.entities.is_empty() {
        return Err(here.err(&c.check, "expected `entity`"));
    }
    for s in &c.series {
        let measure_known = s.measure == FORM_S_NET && s.source == "s1_globl"
            || ds
                .all_series()
                .iter()
                .any(|x| x.source == s.source && x.measure == s.measure);
        if !measure_known {
            return Err(here.err(
                &c.check,
                format!(
                    "unknown source/measure {}/{}: no such series in the data",
                    s.source, s.measure
                ),
            ));
        }
    }
    for e in &mut plan.entities {
        let known = ds.resolve_entity(e).map(str::to_string);
        match known {
            Some(name) => *e = name,
            None => return Err(here.err(&c.check, format!("unknown entity {e:?}"))),
        }
    }
    if from.is_none() && check != "first_above" {
        return Err(here.err(&c.check, "expected `period`, or `from` and `to`"));
    }
    match (&c.claimed, check) {
        (Some(Claimed::Text(t)), "first_above") => {
            plan.claimed_period = Some(
                t.parse()
                    .map_err(|e: String| here.err(&c.check, format!("claimed: {e}")))?,
            );
        }
        (Some(Claimed::Number(n)), "first_above") => {
            plan.claimed_period = Some(Period::year(*n as i32))
        }
        (Some(Claimed::Number(n)), _) => plan.claimed = Some(*n),
        (Some(Claimed::Text(_)), _) => {
            return Err(here.err(&c.check, "expected a number for `claimed`"));
        }
        (None, _) => return Err(here.err(&c.check, "expected `claimed`")),
    }
    if check == "first_above" && c.threshold.is_none() {
        return Err(here.err(&c.check, "first_above needs `threshold`"));
    }
    if check == "streak" && cond_fn(c.condition.as_deref().unwrap_or("")).is_none() {
        return Err(here.err(
            &c.check,
            "streak needs `condition` = negative, positive, above:X or below:X",
        ));
    }
    if matches!(check, "level" | "change" | "sum") && plan.unit.is_empty() {
        return Err(here.err(&c.check, "expected `unit` for the claimed number"));
    }
    Ok(plan)
}

pub(super) fn cond_fn(cond: &str) -> Option<Box<dyn Fn(f64) -> bool>> {
    match cond {
        "negative" => Some(Box::new(|v| v < 0.0)),
        "positive" => Some(Box::new(|v| v > 0.0)),
        _ => {
            let (kind, x) = cond.split_once(':')?;
            let x: f64 = x.trim().parse().ok()?;
            match kind {
                "above" => Some(Box::new(move |v| v > x)),
                "below" => Some(Box::new(move |v| v < x)),
                _ => None,
            }
        }
    }
}
