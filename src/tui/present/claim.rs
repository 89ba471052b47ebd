//! A claim's slide: the quote, the numbers, the gap and verdict, the chart
//! of its series, and the sources with their vintages.

use super::super::context::Context;
use super::super::keymap::Scope;
use super::super::text::wrap;
use super::big::{Number, big_size, fmt_big};
use super::claim_chart::{CHART_MIN, ChartOf, claim_chart};
use super::{Part, clip, cut, footer, keys_line};
use crate::browse::claim_series;
use crate::claims::Gap;
use crate::claims::metrics::unit_factor;
use crate::claims::{Evaluation, Outcome};
use crate::{catalogue, format};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub(super) fn observed_text(o: &Outcome) -> String {
    if !o.observed_text.is_empty() {
        o.observed_text.clone()
    } else {
        "no data".into()
    }
}

/// "Source: US Treasury, TIC SLT Table 3 (released 2026-06)".
pub(super) fn sources(e: &Evaluation) -> String {
    let mut by: Vec<(String, Vec<String>)> = Vec::new();
    // Sources whose values stand in, as published, for first releases not held.
    let mut standing: Vec<&str> = Vec::new();
    for c in e.as_published.evidence.iter().chain(&e.today.evidence) {
        if c.stand_in && !standing.contains(&c.source.as_str()) {
            standing.push(&c.source);
        }
        match by.iter_mut().find(|(s, _)| *s == c.source) {
            Some((_, v)) => {
                if !v.contains(&c.vintage) {
                    v.push(c.vintage.clone());
                }
            }
            None => by.push((c.source.clone(), vec![c.vintage.clone()])),
        }
    }
    if by.is_empty() {
        let mut names: Vec<String> = claim_series(e)
            .into_iter()
            .map(|s| catalogue::source_name(&s.source))
            .collect();
        names.dedup();
        return if names.is_empty() {
            "No data source: nothing here to measure.".into()
        } else {
            format!("Source: {} (no values bundled)", names.join(", "))
        };
    }
    let parts: Vec<String> = by
        .into_iter()
        .map(|(s, mut v)| {
            v.sort();
            let when = match v.len() {
                1 => format!("released {}", v[0]),
                2 | 3 => format!("released {}", v.join(", ")),
                n => format!("{n} releases, {} to {}", v[0], v[n - 1]),
            };
            let stand_in = if standing.contains(&s.as_str()) {
                "; as published, first releases not held: revised values stand in"
            } else {
                ""
            };
            format!("{} ({when}{stand_in})", catalogue::source_name(&s))
        })
        .collect();
    let word = if parts.len() == 1 {
        "Source"
    } else {
        "Sources"
    };
    format!("{word}: {}", parts.join("; "))
}

/// The claimed and observed numbers.
pub(super) fn numbers(cx: &Context, e: &Evaluation) -> Vec<Number> {
    let t = cx.theme;
    let (p, d) = (&e.as_published, &e.today);
    if e.claimed_value.is_none() && p.observed.is_none() && d.observed.is_none() {
        return Vec::new();
    }
    // A "first above" claim is about a date: its values are periods, not quantities.
    let quantity = e.check != "first_above";
    let big = |v: Option<f64>| v.filter(|_| quantity).map(|v| fmt_big(e, v));
    let mut out = Vec::new();
    match e.claimed_value {
        Some(v) if quantity => out.push(Number {
            label: "CLAIMED".into(),
            big: Some(fmt_big(e, v)),
            caption: match e.check.as_str() {
                "rank" | "record" => "rank".to_string(),
                "streak" => "in a row".to_string(),
                "change" => format::unit_for(&e.unit).change_name().to_string(),
                _ => format::unit_for(&e.unit).name.to_string(),
            },
            style: t.line(2).add_modifier(Modifier::BOLD),
        }),
        _ if !e.claimed.is_empty() => out.push(Number {
            label: "CLAIMED".into(),
            big: None,
            caption: e.claimed.clone(),
            style: t.line(2).add_modifier(Modifier::BOLD),
        }),
        _ => {}
    }
    // Under a number in large type, its unit; the engine's words otherwise (ranks, dates).
    let caption = |o: &Outcome| {
        let v = o.observed.filter(|_| quantity);
        match (v, e.check.as_str()) {
            (Some(_), "change") if !e.unit.is_empty() => {
                format::unit_for(&e.unit).change_name().to_string()
            }
            (Some(_), "level" | "sum" | "latest" | "after") if !e.unit.is_empty() => {
                format::unit_for(&e.unit).name.to_string()
            }
            // Under a rank, what it ranks among (`rank 1 of 185 3-month windows since 1977-Q1`).
            (Some(_), "rank" | "record") => {
                let text = observed_text(o);
                match text.find("rank ") {
                    Some(i) => text[i..].to_string(),
                    None => text,
                }
            }
            _ => observed_text(o),
        }
    };
    out.push(Number {
        label: "TODAY".into(),
        big: big(d.observed),
        caption: caption(d),
        style: t.line(0).add_modifier(Modifier::BOLD),
    });
    if big(p.observed) != big(d.observed) || p.observed_text != d.observed_text {
        out.push(Number {
            label: format!("AS PUBLISHED {}", cx.case.date),
            big: big(p.observed),
            caption: caption(p),
            style: t.plain().add_modifier(Modifier::BOLD),
        });
    }
    out
}

/// For a claim about several entities: each one's number today (`Japan -62.4 · China,
/// Mainland -51.3 USD bn`), from the evidence cells of its series in the claim's window.
fn each_entity(cx: &Context, e: &Evaluation, width: usize) -> Vec<Line<'static>> {
    let series = claim_series(e);
    let mut entities: Vec<&str> = Vec::new();
    for s in &series {
        if !entities.contains(&s.entity.as_str()) {
            entities.push(&s.entity);
        }
    }
    if entities.len() < 2 || !matches!(e.check.as_str(), "sum" | "level") || e.unit.is_empty() {
        return Vec::new();
    }
    let mut parts = Vec::new();
    for ent in &entities {
        let cells = e.today.evidence.iter().filter(|c| {
            c.entity == *ent
                && series.iter().any(|s| {
                    s.entity == c.entity
                        && s.source == c.source
                        && s.measure == c.measure
                        && c.period.within(&s.from, &s.to)
                })
        });
        let mut total = None;
        for c in cells {
            let Some(f) = unit_factor(&c.unit, &e.unit) else {
                continue;
            };
            total = Some(total.unwrap_or(0.0) + c.value * f);
        }
        if let Some(v) = total {
            parts.push(format!("{ent} {}", format::unit_for(&e.unit).number(v)));
        }
    }
    if parts.len() < 2 {
        return Vec::new();
    }
    let text = format!(
        "Each today: {} ({})",
        parts.join(" · "),
        format::unit_for(&e.unit).label
    );
    let t = cx.theme;
    clip(wrap(&text, width, t.plain(), &[]).0, 2, width, t.ellipsis())
}

pub(super) fn verdict_lines(cx: &Context, e: &Evaluation, width: usize) -> Vec<Line<'static>> {
    let t = cx.theme;
    let (p, d) = (&e.as_published, &e.today);
    let gap = |o: &Outcome| o.gap.as_ref().map(Gap::words);
    let mut first = vec![
        Span::styled("Verdict ", t.dim()),
        Span::styled(t.verdict_text(e.verdict), t.verdict(e.verdict)),
    ];
    if let Some(g) = gap(d) {
        first.push(Span::styled("   gap today ", t.dim()));
        first.push(Span::styled(g, t.plain()));
    }
    let mut out = vec![Line::from(first)];
    if p.verdict != d.verdict || gap(p) != gap(d) {
        let mut text = format!(
            "as published ({}): {}",
            cx.case.date,
            t.verdict_text(p.verdict)
        );
        if let Some(g) = gap(p) {
            text.push_str(&format!(", gap {g}"));
        }
        if d.verdict != e.verdict {
            text.push_str(&format!(" · today: {}", t.verdict_text(d.verdict)));
        }
        out.extend(wrap(&text, width, t.plain(), &[]).0);
    }
    out
}

/// The parts of a claim slide laid out in `h` rows, or the rows it needs.
pub(super) fn claim_parts(
    cx: &Context,
    pos: usize,
    e: &Evaluation,
    width: u16,
    h: u16,
) -> Result<Vec<(Part, u16)>, u16> {
    let t = cx.theme;
    let w = width as usize;
    let ell = t.ellipsis();
    let sec = cx
        .case
        .article
        .section(&e.section)
        .map(|s| match s.number {
            Some(n) => format!("{n}. {}", s.title),
            None => s.title.clone(),
        })
        .unwrap_or_default();
    let id = format!("  {}", e.id);
    let head = Line::from(vec![
        Span::styled(cut(&sec, w.saturating_sub(id.width()), ell), t.dim()),
        Span::styled(id, t.dim()),
    ]);
    let (ql, qr) = t.quotes();
    let quote_text = format!(
        "{ql}{}{qr}",
        e.quote.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let quote_style = t
        .quote()
        .remove_modifier(Modifier::UNDERLINED)
        .add_modifier(Modifier::BOLD);
    let quote = clip(wrap(&quote_text, w, quote_style, &[]).0, 4, w, ell);
    let nums = numbers(cx, e);
    let mut verdict = verdict_lines(cx, e, w);
    verdict.extend(super::super::readings::lines(t, e, w));
    let note: Vec<Line<'static>> = match &e.note {
        Some(n) if nums.is_empty() => clip(wrap(n, w, t.plain(), &[]).0, 3, w, ell),
        _ => Vec::new(),
    };
    let mut chart = claim_chart(cx, e);
    let footer = footer(cx, pos, &sources(e), w);

    let q = quote.len() as u16;
    // Label, number, and a caption: two lines when one is too long for its column.
    let col_w = w / nums.len().max(1);
    let cap_rows: u16 = if nums.iter().any(|n| n.caption.width() + 2 > col_w) {
        2
    } else {
        1
    };
    let numbers_h = if nums.is_empty() { 0 } else { 3 + cap_rows };
    let each = each_entity(cx, e, w);
    let rest = 2
        + q
        + 1
        + numbers_h
        + each.len() as u16
        + verdict.len() as u16
        + note.len() as u16
        + footer.len() as u16;
    let chart_min = |c: &ChartOf| match c {
        ChartOf::Chart(_) => CHART_MIN,
        ChartOf::Missing(_) => 1,
        ChartOf::None => 0,
    };
    // On a small screen the chart gives way to a line saying how to see it.
    if h < rest + chart_min(&chart) && matches!(chart, ChartOf::Chart(_)) {
        chart = ChartOf::Missing(format!(
            "Chart hidden: {} more rows show it.",
            rest + CHART_MIN - h
        ));
    }
    let chart_min = chart_min(&chart);
    let mut required = rest + chart_min;
    // Then the readings' rows give way, beyond the verdict's own line or two.
    let keep = verdict_lines(cx, e, w).len() + 1;
    if h < required && verdict.len() > keep + 1 {
        let over = usize::from(required - h);
        let cut_to = verdict.len().saturating_sub(over + 1).max(keep);
        let hidden = verdict.len() - cut_to;
        verdict.truncate(cut_to);
        verdict.push(Line::from(Span::styled(
            format!("{ell} {hidden} more lines of readings: a taller terminal shows them"),
            t.dim(),
        )));
        required = required + 1 - hidden as u16;
    }
    if h < required {
        return Err(required);
    }
    let mut extra = h - required;
    // Large type first: it is what the audience reads.
    // At most a fifth of the screen, so that the chart keeps its share.
    let big = big_size(cx, &nums, width, (extra + 1).min(h / 5));
    if let Some(b) = &big {
        extra -= b.rows - 1;
    }
    let claimed: Vec<Line<'static>> = if e.claimed.is_empty() {
        Vec::new()
    } else {
        clip(
            wrap(
                &format!("Claimed: {}", crate::report::plain::claimed(e)),
                w,
                t.dim(),
                &[],
            )
            .0,
            2,
            w,
            ell,
        )
    };
    // Optional lines only while the chart keeps a few rows more than its least.
    let claimed = if claimed.len() as u16 + 2 <= extra {
        extra -= claimed.len() as u16;
        claimed
    } else {
        Vec::new()
    };
    let conclusion = if e.conclusion.is_empty() || !note.is_empty() {
        Vec::new()
    } else {
        clip(wrap(&e.conclusion, w, t.dim(), &[]).0, 3, w, ell)
    };
    // The conclusion only when the chart keeps room to grow too.
    let conclusion = if conclusion.len() as u16 + 4 <= extra {
        extra -= conclusion.len() as u16;
        conclusion
    } else {
        Vec::new()
    };
    let keys = if extra >= 3 {
        extra -= 1;
        Some(keys_line(cx, Scope::Present, w))
    } else {
        None
    };
    let mut parts: Vec<(Part, u16)> = vec![(Part::Lines(vec![head]), 1), (Part::Blank, 1)];
    // Without a chart the rest sits in the middle of the screen.
    let top = match chart {
        ChartOf::Chart(_) => 0,
        _ => extra / 2,
    };
    extra -= top;
    parts.push((Part::Blank, top));
    let push_lines = |parts: &mut Vec<(Part, u16)>, l: Vec<Line<'static>>| {
        if !l.is_empty() {
            let n = l.len() as u16;
            parts.push((Part::Lines(l), n));
        }
    };
    push_lines(&mut parts, quote);
    push_lines(&mut parts, claimed);
    parts.push((Part::Blank, 1));
    if !nums.is_empty() {
        let rows = big.as_ref().map_or(1, |b| b.rows);
        parts.push((Part::Numbers(nums, big), rows + 1 + cap_rows));
        push_lines(&mut parts, each);
        parts.push((Part::Blank, 1));
    }
    push_lines(&mut parts, verdict);
    push_lines(&mut parts, conclusion);
    push_lines(&mut parts, note);
    match chart {
        ChartOf::Chart(spec) => parts.push((Part::Chart(spec), chart_min + extra)),
        ChartOf::Missing(msg) => {
            push_lines(
                &mut parts,
                vec![Line::from(Span::styled(cut(&msg, w, ell), t.dim()))],
            );
            parts.push((Part::Blank, extra));
        }
        ChartOf::None => parts.push((Part::Blank, extra)),
    }
    push_lines(&mut parts, footer);
    if let Some(k) = keys {
        push_lines(&mut parts, vec![k]);
    }
    Ok(parts)
}
