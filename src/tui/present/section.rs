//! A section's title slide.

use super::super::context::Context;
use super::super::keymap::Scope;
use super::super::text::wrap;
use super::big::{Number, big_size};
use super::{Part, clip, cut, footer, keys_line};
use crate::claims::{Evaluation, Verdict};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The parts of a section's title slide, or the rows it needs. Centred: the
/// section's number in large type when there is room, its title, its mark, and
/// its claims with their verdicts.
pub(super) fn section_parts(
    cx: &Context,
    pos: usize,
    idx: usize,
    width: u16,
    h: u16,
) -> Result<Vec<(Part, u16)>, u16> {
    let t = cx.theme;
    let w = width as usize;
    let ell = t.ellipsis();
    let Some(s) = cx.case.article.sections.get(idx) else {
        return Ok(Vec::new());
    };
    // Counted as the Sections pane lists them: every section, numbered or not.
    let kicker = format!("Section {} of {}", idx + 1, cx.case.article.sections.len());
    let centre = |l: Vec<Line<'static>>| -> Vec<Line<'static>> {
        l.into_iter().map(Line::centered).collect()
    };
    let kicker = centre(vec![Line::from(Span::styled(
        cut(&kicker, w, ell),
        t.dim(),
    ))]);
    let title = centre(clip(wrap(&s.title, w, t.heading(), &[]).0, 3, w, ell));
    let claims: Vec<&Evaluation> = cx
        .claim_order
        .iter()
        .map(|&c| &cx.case.evaluations[c])
        .filter(|e| e.section == s.id)
        .collect();
    let mark = match cx.case.section_verdict(&s.id) {
        Some(v) => Line::from(vec![
            Span::styled("Section mark ", t.dim()),
            Span::styled(t.verdict_text(v), t.verdict(v)),
        ]),
        None => Line::from(Span::styled("No claims in this section.", t.dim())),
    };
    let mut counts: Vec<(Verdict, usize)> = Vec::new();
    for e in &claims {
        match counts.iter_mut().find(|(v, _)| *v == e.verdict) {
            Some((_, c)) => *c += 1,
            None => counts.push((e.verdict, 1)),
        }
    }
    counts.sort();
    let mut tally: Vec<Span<'static>> = Vec::new();
    for (i, (v, c)) in counts.iter().enumerate() {
        if i > 0 {
            tally.push(Span::styled(", ", t.dim()));
        }
        tally.push(Span::styled(
            format!("{c} {}", t.verdict_text(*v)),
            t.verdict(*v),
        ));
    }
    // The claims as a table, every row as wide as the widest so that they
    // stay aligned when centred.
    let (ql, qr) = t.quotes();
    let v_w = claims
        .iter()
        .map(|e| t.verdict_text(e.verdict).width())
        .max()
        .unwrap_or(0);
    let id_w = claims
        .iter()
        .map(|e| e.id.width())
        .max()
        .unwrap_or(0)
        .min(w / 3);
    let quote_w = claims
        .iter()
        .map(|e| {
            e.quote
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .width()
                + 2
        })
        .max()
        .unwrap_or(0)
        .min(w.saturating_sub(v_w + id_w + 4));
    let rows: Vec<Line<'static>> = claims
        .iter()
        .map(|e| {
            let v = t.verdict_text(e.verdict);
            let lead = format!("{v:<v_w$}  {:<id_w$}  ", cut(&e.id, id_w, ell));
            let quote = format!(
                "{ql}{}{qr}",
                e.quote.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            let quote = cut(&quote, quote_w, ell);
            let pad = quote_w.saturating_sub(quote.width());
            Line::from(vec![
                Span::styled(lead, t.verdict(e.verdict)),
                Span::styled(quote, t.plain()),
                Span::raw(" ".repeat(pad)),
            ])
            .centered()
        })
        .collect();
    let claims_word = if claims.len() == 1 { "claim" } else { "claims" };
    let foot = footer(
        cx,
        pos,
        &format!(
            "{} {claims_word} · {} · dated {}",
            claims.len(),
            cx.case.article.title,
            cx.case.date
        ),
        w,
    );
    let shown = rows.len().min(3) as u16;
    let tally_h = u16::from(!tally.is_empty());
    let base = 1 + 1 + title.len() as u16 + 1 + 1 + 1 + shown + tally_h + foot.len() as u16;
    if h < base {
        return Err(base);
    }
    let mut extra = h - base;
    let more = (rows.len() as u16 - shown).min(extra) as usize;
    extra -= more as u16;
    let mut rows = rows;
    if rows.len() > shown as usize + more {
        // Say how many are left out in the last row there is room for.
        let keep = (shown as usize + more).saturating_sub(1);
        let left = rows.len() - keep;
        rows.truncate(keep);
        rows.push(
            Line::from(Span::styled(
                format!("… and {left} more (→ steps through them)"),
                t.dim(),
            ))
            .centered(),
        );
    }
    let number = s.number.map(|k| k.to_string());
    let big_number = |num: &String| Number {
        label: String::new(),
        big: Some(num.clone()),
        caption: String::new(),
        style: t.heading(),
    };
    let big = number
        .as_ref()
        .and_then(|num| big_size(cx, &[big_number(num)], width, extra.saturating_sub(1)));
    if let Some(b) = &big {
        extra -= b.rows + 1;
    }
    let keys = if extra >= 2 {
        extra -= 1;
        Some(keys_line(cx, Scope::Present, w))
    } else {
        None
    };
    let top = extra / 2;
    let mut parts: Vec<(Part, u16)> = vec![(Part::Blank, top), (Part::Lines(kicker), 1)];
    if let (Some(b), Some(num)) = (big, &number) {
        parts.push((Part::Blank, 1));
        let r = b.rows;
        parts.push((Part::Numbers(vec![big_number(num)], Some(b)), r));
    }
    parts.push((Part::Blank, 1));
    let tl = title.len() as u16;
    parts.push((Part::Lines(title), tl));
    parts.push((Part::Blank, 1));
    parts.push((Part::Lines(vec![mark.centered()]), 1));
    parts.push((Part::Blank, 1));
    let rl = rows.len() as u16;
    parts.push((Part::Lines(rows), rl));
    if !tally.is_empty() {
        parts.push((Part::Lines(vec![Line::from(tally).centered()]), 1));
    }
    parts.push((Part::Blank, extra - top));
    let fl = foot.len() as u16;
    parts.push((Part::Lines(foot), fl));
    if let Some(k) = keys {
        parts.push((Part::Lines(vec![k]), 1));
    }
    Ok(parts)
}
