//! A claim's results in words: what it claims, how a revision moved it, its
//! conclusion, and what an as-published view or a proxy rests on.

use super::compute::{fmt_num, num};
use super::metrics;
use super::plan::Plan;
use super::verdict::{Basis, Outcome, Verdict};
use crate::format;

/// The unit a claim's observed numbers and gaps are in: its unit for checks of
/// amounts, percent for percentage changes, none for counts, ranks and dates.
pub(super) fn amount_unit<'a>(plan: &'a Plan) -> &'a str {
    match plan.check {
        "level" | "sum" | "change" | "max" | "min" => &plan.unit,
        "pct_change" | "share" => "percent",
        _ => "",
    }
}

pub(super) fn relation_words(rel: &str) -> &'static str {
    match rel {
        "above" => "more than",
        "below" => "less than",
        "at_least" => "at least",
        "at_most" => "at most",
        "nearly" => "nearly",
        _ => "about",
    }
}

pub(super) fn claimed_words(plan: &Plan) -> String {
    let c = plan.spec;
    let check = plan.check;
    let who = plan.entities.join(" + ");
    let window = match (plan.from, plan.to) {
        (Some(f), Some(t)) => metrics::window_label(&f, &t),
        _ => String::new(),
    };
    // The one name of the measure every surface uses (catalogue::measure_name).
    let measure = c
        .series
        .first()
        .map(|s| crate::catalogue::measure_name(&s.measure))
        .unwrap_or_default();
    let order = if plan.lowest_first {
        "lowest"
    } else {
        "highest"
    };
    let rank_words = |n: f64| match plan.relation {
        "about" => format!("{n}"),
        r => format!("{} {n}", relation_words(r)),
    };
    let period = plan
        .claimed_period
        .map(|p| p.to_string())
        .unwrap_or_default();
    match (check, plan.claimed) {
        ("rank", Some(n)) => {
            format!(
                "{who} ranks {} by {measure} in {window} ({order} first)",
                rank_words(n)
            )
        }
        ("record", Some(n)) => {
            format!(
                "{who}'s {window} {measure} ranks {} over its history up to then ({order} first)",
                rank_words(n)
            )
        }
        ("streak", Some(n)) => format!(
            "{} {n} {} in a row of {} {measure} for {who} up to {}",
            relation_words(plan.relation),
            plan.to
                .map(|p| super::compute::period_words(&p, n as usize))
                .unwrap_or("periods"),
            c.condition.as_deref().unwrap_or("").replace(':', " "),
            plan.to.map(|p| p.to_string()).unwrap_or_default()
        ),
        ("first_above" | "first_below", _) => format!(
            "{who} first {} {} {measure}: {} {period}",
            if check == "first_above" {
                "above"
            } else {
                "below"
            },
            c.threshold.map(|t| num(t, &plan.unit)).unwrap_or_default(),
            relation_words(plan.relation),
        ),
        ("since", _) => format!(
            "{who}'s {window} {measure} is the {order} since {} {period}",
            relation_words(plan.relation)
        ),
        (_, Some(n)) => {
            let amount = match check {
                "pct_change" => format::level(n, "percent"),
                "change" if !plan.unit.is_empty() => format::change(n, &plan.unit),
                _ => fmt_num(n, &plan.unit),
            };
            format!(
                "{} {amount} ({check} of {measure}, {who}, {window})",
                relation_words(plan.relation),
            )
        }
        (_, None) => format!("{check} of {measure}, {who}, {window}"),
    }
}

/// How much a revision moved the observed value, and whether that weakens or
/// strengthens the claim.
pub(super) fn revision_words(plan: &Plan, published: &Outcome, today: &Outcome) -> String {
    let (Some(p), Some(t)) = (published.observed, today.observed) else {
        return String::new();
    };
    let delta = t - p;
    if delta == 0.0 {
        return String::new();
    }
    // Which way is "more" of what the claim says: +1 larger, -1 smaller.
    let claimed = plan.claimed.unwrap_or(0.0);
    let towards: f64 = match (plan.check, plan.relation) {
        ("first_above" | "first_below" | "since", _) => 0.0,
        ("rank" | "record", "at_least" | "above") => 1.0,
        ("rank" | "record", _) => -1.0,
        (_, "below" | "at_most") => -1.0,
        (_, "above" | "at_least") => 1.0,
        _ if claimed < 0.0 => -1.0,
        _ if claimed > 0.0 => 1.0,
        _ => 0.0,
    };
    // A share of the published value, when that value is a level or a total (not a change or a rank).
    let rel = if p != 0.0 && matches!(plan.check, "level" | "sum" | "max" | "min") {
        format!(" ({:+.1}%)", delta / p.abs() * 100.0)
    } else {
        String::new()
    };
    // A figure the claim gives (about, nearly): whether the revision moved the value
    // away from it or towards it, and to more or less than it; a bound or a
    // direction: whether the revision strengthens or weakens it.
    let figure = matches!(plan.relation, "about" | "nearly")
        && matches!(
            plan.check,
            "level" | "sum" | "change" | "pct_change" | "max" | "min" | "share"
        );
    let effect = if figure && plan.claimed.is_some() {
        let away = (t - claimed).abs() > (p - claimed).abs();
        let size = if t.abs() > claimed.abs() {
            "larger in size than claimed"
        } else {
            "smaller in size than claimed"
        };
        format!(
            ", {} the claimed figure: now {size}",
            if away { "away from" } else { "towards" }
        )
    } else if towards == 0.0 {
        String::new()
    } else if delta * towards > 0.0 {
        ", which strengthens the claim".into()
    } else {
        ", which weakens the claim".into()
    };
    // A revision smaller than the source's usual range says so.
    let noise = published
        .evidence
        .first()
        .and_then(|c| crate::data::calendar::revision_range(&c.source, &c.measure))
        .filter(|(range, u)| delta.abs() < *range && metrics::resolve_unit(u, &plan.unit).is_some())
        .map(|(range, u)| {
            format!(
                " (within the source's usual revision range of ±{} {u})",
                format::number(range)
            )
        })
        .unwrap_or_default();
    format!(
        " Revised from {} to {}: {} by {}{rel}{noise}{effect}.",
        num(p, amount_unit(plan)),
        num(t, amount_unit(plan)),
        if delta > 0.0 { "up" } else { "down" },
        num(delta.abs(), amount_unit(plan))
    )
}

pub(super) fn conclusion(
    plan: &Plan,
    verdict: Verdict,
    published: &Outcome,
    today: &Outcome,
    date: &str,
) -> String {
    match verdict {
        Verdict::Supported | Verdict::Contradicted => {
            let word = if verdict == Verdict::Supported {
                "Supported"
            } else {
                "Contradicted"
            };
            match (published.verdict == verdict, today.verdict == verdict) {
                (true, true) => format!(
                    "{word} both by the data released by {date} ({}) and by today's data ({}).",
                    published.observed_text, today.observed_text
                ),
                (false, true) => format!("{word} by today's data: {}.", today.observed_text),
                _ => format!(
                    "{word} by the data released by {date}: {}.",
                    published.observed_text
                ),
            }
        }
        Verdict::Revised if published.verdict == Verdict::Supported => format!(
            "Right on the data released by {date} ({}), but not on today's data ({}).{}",
            published.observed_text,
            today.observed_text,
            revision_words(plan, published, today)
        ),
        Verdict::Revised => format!(
            "Not borne out by the data released by {date} ({}), but today's data agree ({}).{}",
            published.observed_text,
            today.observed_text,
            revision_words(plan, published, today)
        ),
        Verdict::Partly => format!("Parts of the claim disagree: {}.", today.observed_text),
        _ => "No bundled data can test this claim.".into(),
    }
}

/// The sentence a conclusion ends with when the as-published view does not rest
/// on values held from the article's date only.
pub(super) fn basis_sentence(published: &Outcome) -> String {
    if published.basis == Basis::Held || published.verdict == Verdict::Unverifiable {
        return String::new();
    }
    let mut vintages: Vec<&str> = published
        .evidence
        .iter()
        .filter(|c| c.stand_in)
        .map(|c| c.vintage.as_str())
        .collect();
    vintages.sort_unstable();
    vintages.dedup();
    let which = if vintages.is_empty() {
        String::new()
    } else {
        format!(" (the values as revised on {})", vintages.join(", "))
    };
    format!(
        " As published, the verdict {}{which}.",
        published.basis.words()
    )
}

/// The conclusion of a binding that measures a proxy: what it shows, and what it cannot.
pub(super) fn proxy_conclusion(
    verdict: Verdict,
    published: &Outcome,
    today: &Outcome,
    cannot: &str,
    date: &str,
) -> String {
    let shown = if today.no_data { published } else { today };
    let when = if today.no_data {
        format!("the data released by {date}")
    } else {
        "today's data".to_string()
    };
    let as_published =
        if !today.no_data && !published.no_data && published.observed_text != today.observed_text {
            format!(" (as published: {})", published.observed_text)
        } else {
            String::new()
        };
    match verdict {
        Verdict::Partly => format!(
            "The data can only stand in for this claim, and what they show bears it out: {when} give {}{as_published}. They cannot show {cannot}, so the claim is partly supported at most.",
            shown.observed_text
        ),
        Verdict::Unverifiable if !shown.no_data => format!(
            "The data can only stand in for this claim, and what they show {}: {when} give {}{as_published}. They cannot show {cannot}, so this is no contradiction: the claim is unverifiable with these data.",
            if shown.observed_text.contains("within revision noise") {
                "is within revision noise"
            } else {
                "does not bear it out"
            },
            shown.observed_text
        ),
        _ => format!(
            "The data can only stand in for this claim; they cannot show {cannot}. {}",
            shown.observed_text
        ),
    }
}
