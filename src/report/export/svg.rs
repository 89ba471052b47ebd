//! The chart of one claim as a hand-written SVG.
//!
//! It plots the claim's series (`Evaluation::series`) on the newest data, in
//! the series' own unit, over the claim window padded by 12 months on each
//! side (the whole series when it has few values), with the window shaded,
//! the claimed number as a dashed line for level claims (when its unit
//! converts into the series unit and the claim speaks of one series), the
//! last value of each series labelled, a title (claim id and quote) and a
//! footer naming source, measure and vintage.

use super::xml_escape;
use crate::claims::Evaluation;
use crate::claims::metrics::{points, unit_factor};
use crate::data::{Dataset, Period, Stamp, Vintage};
use crate::{catalogue, format};
use chrono::{Datelike, Months, NaiveDate};
use std::fmt::Write;

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 440.0;
const LEFT: f64 = 84.0;
const RIGHT: f64 = 640.0;
/// Months of context on each side of the claim window.
const PAD_MONTHS: u32 = 12;
/// Series with at most this many values are drawn whole.
const SHORT_SERIES: usize = 36;
const COLOURS: [&str; 6] = [
    "#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490",
];

/// One plotted series.
struct Line {
    entity: String,
    source: String,
    measure: String,
    /// (x in days, value in the axis unit, period, vintage)
    points: Vec<(f64, f64, Period, String)>,
}

/// Days since the Common Era of a date (the x scale).
fn day(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// The middle of a period on the x scale.
fn mid(p: &Period) -> f64 {
    (day(p.first_day()) + day(p.last_day()) + 1.0) / 2.0
}

/// The SVG of a claim's chart; `level` says the claim is a level check (its
/// claimed number is drawn as a reference line). Errors are messages for
/// the user: a claim with no series, or series with no data.
pub fn render(ds: &Dataset, e: &Evaluation, level: bool) -> Result<String, String> {
    if e.series.is_empty() {
        let why = match &e.note {
            Some(note) => format!("it is not checked against data ({}): {note}", e.verdict),
            None => "its evaluation binds no series window to draw".to_string(),
        };
        return Err(format!("claim {:?} has no chart: {why}", e.id));
    }
    let from = e
        .series
        .iter()
        .map(|s| s.from)
        .min()
        .unwrap_or(e.series[0].from);
    let to = e
        .series
        .iter()
        .map(|s| s.to)
        .max()
        .unwrap_or(e.series[0].to);
    let win_lo = day(from.first_day());
    let win_hi = day(to.last_day()) + 1.0;
    let pad_lo = from
        .first_day()
        .checked_sub_months(Months::new(PAD_MONTHS))
        .unwrap_or(NaiveDate::MIN);
    let pad_hi = to
        .last_day()
        .checked_add_months(Months::new(PAD_MONTHS))
        .unwrap_or(NaiveDate::MAX);

    let mut unit: Option<String> = None;
    let mut lines = Vec::new();
    for s in &e.series {
        let Some((series_unit, map)) =
            points(ds, &s.source, &s.measure, &s.entity, &Vintage::Latest)
        else {
            continue;
        };
        // Dollar amounts in billions (the display unit), other units as published.
        let axis_unit = unit
            .get_or_insert_with(|| {
                if unit_factor(&series_unit, "USD billions").is_some() {
                    "USD billions".to_string()
                } else {
                    series_unit.clone()
                }
            })
            .clone();
        let factor = unit_factor(&series_unit, &axis_unit).unwrap_or(1.0);
        let whole = map.len() <= SHORT_SERIES;
        // A series may mix frequencies (a year and its quarters): keep those of the claim window.
        let same_kind = map.keys().any(|p| resolution(p) == resolution(&s.from));
        let mut pts: Vec<(f64, f64, Period, String)> = map
            .iter()
            .filter(|(p, _)| !same_kind || resolution(p) == resolution(&s.from))
            .filter(|(p, _)| whole || (p.first_day() >= pad_lo && p.last_day() <= pad_hi))
            .map(|(p, v)| {
                let vintage = v
                    .cells
                    .iter()
                    .map(|c| &*c.point.vintage)
                    .max()
                    .unwrap_or("")
                    .to_string();
                (mid(p), v.value * factor, *p, vintage)
            })
            .collect();
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        if !pts.is_empty() {
            lines.push(Line {
                entity: s.entity.clone(),
                source: s.source.clone(),
                measure: s.measure.clone(),
                points: pts,
            });
        }
    }
    let Some(unit) = unit.filter(|_| !lines.is_empty()) else {
        let s = &e.series[0];
        return Err(format!(
            "claim {:?}: no data for {}/{}/{} to chart",
            e.id, s.source, s.measure, s.entity
        ));
    };

    // The claimed number in the series unit, for a level claim about one series.
    let reference = match (level, e.claimed_value, lines.len()) {
        (true, Some(v), 1) => unit_factor(&e.unit, &unit).map(|f| v * f),
        _ => None,
    };

    let values = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .chain(reference);
    let (ymin, ymax) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    // A little room so that no value sits on the frame.
    let room = (ymax - ymin) * 0.04;
    let (ticks, y_lo, y_hi) = format::nice_ticks(ymin - room, ymax + room, 5);
    let step = ticks.get(1).zip(ticks.first()).map_or(1.0, |(b, a)| b - a);
    let xs = lines.iter().flat_map(|l| l.points.iter().map(|p| p.2));
    let x_lo = xs
        .clone()
        .map(|p| day(p.first_day()))
        .fold(win_lo, f64::min);
    let x_hi = xs.map(|p| day(p.last_day()) + 1.0).fold(win_hi, f64::max);

    // Title: the claim id, then the quote wrapped over at most three lines.
    let quote_lines = wrap(
        &format!(
            "“{}”",
            e.quote.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
        92,
        3,
    );
    let legend = lines.len() > 1;
    let top = 40.0 + 18.0 * quote_lines.len() as f64 + if legend { 22.0 } else { 0.0 } + 16.0;
    let bottom = HEIGHT - 76.0;
    let sx = |x: f64| LEFT + (x - x_lo) / (x_hi - x_lo).max(1.0) * (RIGHT - LEFT);
    let sy = |y: f64| bottom - (y - y_lo) / (y_hi - y_lo) * (bottom - top);

    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        o,
        "<title>{}</title>",
        xml_escape(&format!("{}: {}", e.id, e.quote))
    );
    let _ = writeln!(
        o,
        r##"<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        o,
        r##"<text x="{LEFT}" y="26" font-size="15" font-weight="bold" fill="#111111">{}</text>"##,
        xml_escape(&e.id)
    );
    for (i, l) in quote_lines.iter().enumerate() {
        let _ = writeln!(
            o,
            r##"<text x="{LEFT}" y="{}" font-size="13" fill="#333333">{}</text>"##,
            46.0 + 18.0 * i as f64,
            xml_escape(l)
        );
    }
    if legend {
        let y = 46.0 + 18.0 * quote_lines.len() as f64;
        let mut x = LEFT;
        for (i, l) in lines.iter().enumerate() {
            let _ = writeln!(
                o,
                r#"<rect x="{x:.1}" y="{:.1}" width="10" height="10" fill="{}"/>"#,
                y - 9.0,
                COLOURS[i % COLOURS.len()]
            );
            let _ = writeln!(
                o,
                r##"<text x="{:.1}" y="{y:.1}" fill="#333333">{}</text>"##,
                x + 14.0,
                xml_escape(&l.entity)
            );
            x += 28.0 + 7.0 * l.entity.chars().count() as f64;
        }
    }

    // Claim window.
    let (wx0, wx1) = (sx(win_lo), sx(win_hi));
    let _ = writeln!(
        o,
        r##"<rect class="claim-window" x="{wx0:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="#fde68a" fill-opacity="0.5"/>"##,
        (wx1 - wx0).max(1.0),
        bottom - top
    );
    let _ = writeln!(
        o,
        r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#92400e" text-anchor="middle">claim window</text>"##,
        (wx0 + wx1) / 2.0,
        top - 4.0
    );

    // Y grid, tick labels and unit.
    for t in &ticks {
        let y = sy(*t);
        let _ = writeln!(
            o,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#e5e7eb"/>"##
        );
        let _ = writeln!(
            o,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#444444">{}</text>"##,
            LEFT - 6.0,
            y + 4.0,
            format::tick(*t, step)
        );
    }
    if y_lo < 0.0 && y_hi > 0.0 {
        let y = sy(0.0);
        let _ = writeln!(
            o,
            r##"<line class="zero" x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#6b7280"/>"##
        );
    }
    let _ = writeln!(
        o,
        r##"<text x="16" y="{:.1}" transform="rotate(-90 16 {:.1})" text-anchor="middle" fill="#444444">{}</text>"##,
        (top + bottom) / 2.0,
        (top + bottom) / 2.0,
        xml_escape(&unit)
    );

    // X axis with ticks.
    let _ = writeln!(
        o,
        r##"<line x1="{LEFT}" y1="{bottom:.1}" x2="{RIGHT}" y2="{bottom:.1}" stroke="#111111"/>"##
    );
    let _ = writeln!(
        o,
        r##"<line x1="{LEFT}" y1="{top:.1}" x2="{LEFT}" y2="{bottom:.1}" stroke="#111111"/>"##
    );
    for (x, label) in x_ticks(x_lo, x_hi) {
        let x = sx(x);
        let _ = writeln!(
            o,
            r##"<line x1="{x:.1}" y1="{bottom:.1}" x2="{x:.1}" y2="{:.1}" stroke="#111111"/>"##,
            bottom + 5.0
        );
        let _ = writeln!(
            o,
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#444444">{}</text>"##,
            bottom + 18.0,
            xml_escape(&label)
        );
    }

    // Claimed number.
    if let Some(r) = reference {
        let y = sy(r);
        let _ = writeln!(
            o,
            r##"<line class="claimed" x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#b91c1c" stroke-width="1.5" stroke-dasharray="6 4"/>"##
        );
    }

    // Series, then the last value of each, nudged apart.
    let mut last_labels = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        for run in runs(&l.points) {
            if run.len() > 1 {
                let path: Vec<String> = run
                    .iter()
                    .map(|p| format!("{:.1},{:.1}", sx(p.0), sy(p.1)))
                    .collect();
                let _ = writeln!(
                    o,
                    r#"<polyline class="series" fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
                    path.join(" ")
                );
            }
            // Dots for short series, and for values that stand alone.
            if l.points.len() <= 60 || run.len() == 1 {
                for p in run {
                    let _ = writeln!(
                        o,
                        r#"<circle cx="{:.1}" cy="{:.1}" r="2.5" fill="{colour}"/>"#,
                        sx(p.0),
                        sy(p.1)
                    );
                }
            }
        }
        if let Some(p) = l.points.last() {
            last_labels.push((
                sy(p.1),
                sx(p.0),
                colour,
                format::level(p.1, &unit),
                p.2.to_string(),
            ));
        }
    }
    // The claimed number's label, on a pale backing, above the series.
    if let (Some(r), Some(v)) = (reference, e.claimed_value) {
        let text = format!("claimed {}", format::level(v, &e.unit));
        let (x, y) = (LEFT + 6.0, sy(r) - 5.0);
        let w = 6.5 * text.chars().count() as f64 + 6.0;
        let _ = writeln!(
            o,
            r##"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="14" fill="#ffffff" fill-opacity="0.85"/>"##,
            x - 3.0,
            y - 11.0
        );
        let _ = writeln!(
            o,
            r##"<text class="claimed-label" x="{x:.1}" y="{y:.1}" font-size="11" fill="#b91c1c">{}</text>"##,
            xml_escape(&text)
        );
    }

    last_labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut prev = f64::NEG_INFINITY;
    for (y, x, colour, value, period) in last_labels {
        let y = (y + 4.0).max(prev + 28.0);
        prev = y;
        let x = x.max(RIGHT) + 8.0;
        let _ = writeln!(
            o,
            r#"<text class="last-value" x="{x:.1}" y="{y:.1}" fill="{colour}" font-weight="bold">{}</text>"#,
            xml_escape(&value)
        );
        let _ = writeln!(
            o,
            r#"<text x="{x:.1}" y="{:.1}" fill="{colour}" font-size="10">{}</text>"#,
            y + 12.0,
            xml_escape(&period)
        );
    }

    // Footer: what was plotted and from which vintage.
    let mut sources: Vec<String> = lines
        .iter()
        .map(|l| {
            format!(
                "{}: {}",
                catalogue::source_name(&l.source),
                catalogue::measure_name(&l.measure)
            )
        })
        .collect();
    sources.dedup();
    let mut vintages: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.3.as_str()))
        .filter(|v| !v.is_empty())
        .collect();
    vintages.sort_unstable();
    vintages.dedup();
    let vintage = match (vintages.first(), vintages.last()) {
        (Some(a), Some(b)) if a == b => format!("released {a}"),
        (Some(a), Some(b)) => format!("released {a} to {b}"),
        _ => "release date unknown".into(),
    };
    let footer = [
        format!(
            "Source: {} ({}).",
            sources.join("; "),
            format::unit_for(&unit).name
        ),
        format!("Newest data, {vintage}. Chart: claimlens."),
    ];
    for (i, line) in footer.iter().enumerate() {
        let _ = writeln!(
            o,
            r##"<text class="footer" x="{LEFT}" y="{:.1}" font-size="11" fill="#555555">{}</text>"##,
            HEIGHT - 30.0 + 15.0 * i as f64,
            xml_escape(line)
        );
    }
    o.push_str("</svg>\n");
    Ok(o)
}

/// The calendar resolution of a period (year, quarter, month, day, or a span).
fn resolution(p: &Period) -> u8 {
    match (p.is_span(), p.start) {
        (true, _) => 0,
        (false, Stamp::Year(_)) => 1,
        (false, Stamp::Quarter(..)) => 2,
        (false, Stamp::Month(..)) => 3,
        (false, Stamp::Day(_)) => 4,
    }
}

/// True when periods are missing between two consecutive points
/// (more than a week between daily values, allowing for weekends and holidays).
fn is_gap(a: &Period, b: &Period) -> bool {
    match (a.start, b.start) {
        (Stamp::Year(x), Stamp::Year(y)) => y - x > 1,
        (Stamp::Quarter(x, q), Stamp::Quarter(y, r)) => {
            (y * 4 + i32::from(r)) - (x * 4 + i32::from(q)) > 1
        }
        (Stamp::Month(..), Stamp::Month(..)) => b
            .start
            .month_index()
            .zip(a.start.month_index())
            .is_some_and(|(j, i)| j - i > 1),
        (Stamp::Day(x), Stamp::Day(y)) => (y - x).num_days() > 7,
        _ => false,
    }
}

/// Runs of consecutive points, split where periods are missing.
fn runs<T>(points: &[(f64, f64, Period, T)]) -> Vec<&[(f64, f64, Period, T)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..points.len() {
        if is_gap(&points[i - 1].2, &points[i].2) {
            out.push(&points[start..i]);
            start = i;
        }
    }
    if start < points.len() {
        out.push(&points[start..]);
    }
    out
}

/// Tick positions and labels on the x scale (days): the finest of days,
/// weeks, months, quarters or years that gives at most eight ticks.
fn x_ticks(lo: f64, hi: f64) -> Vec<(f64, String)> {
    let (Some(a), Some(b)) = (
        NaiveDate::from_num_days_from_ce_opt(lo as i32),
        NaiveDate::from_num_days_from_ce_opt(hi as i32),
    ) else {
        return Vec::new();
    };
    for step in [1, 2, 7, 14] {
        let ticks: Vec<(f64, String)> = (lo as i32..=hi as i32)
            .filter(|d| d.rem_euclid(step) == 0)
            .filter_map(NaiveDate::from_num_days_from_ce_opt)
            .map(|d| (day(d), d.format("%Y-%m-%d").to_string()))
            .collect();
        if ticks.len() <= 8 {
            return ticks;
        }
    }
    let month = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    for step in [1, 2, 3, 6, 12, 24, 60, 120] {
        let ticks: Vec<(f64, String)> = (month(a)..=month(b))
            .filter(|m| m.rem_euclid(step) == 0)
            .filter_map(|m| {
                let p = Period::from_month_index(m);
                let x = day(p.first_day());
                (x >= lo && x <= hi).then(|| {
                    (
                        x,
                        if step >= 12 {
                            p.first_day().year().to_string()
                        } else {
                            p.short_label()
                        },
                    )
                })
            })
            .collect();
        if ticks.len() <= 8 {
            return ticks;
        }
    }
    Vec::new()
}

/// Splits text into lines of at most `width` characters (at spaces), at most
/// `max` lines; an overlong last line ends with `…`.
fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for w in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            let keep: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{keep}…");
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ticks_for_two_years() {
        let lo = day(NaiveDate::from_ymd_opt(2023, 7, 1).unwrap());
        let hi = day(NaiveDate::from_ymd_opt(2025, 10, 1).unwrap());
        let t = x_ticks(lo, hi);
        assert!(t.len() <= 8 && t.len() >= 4, "{t:?}");
        assert_eq!(t[0].1, "2023-07");
    }

    #[test]
    fn wrap_keeps_words_and_limits_lines() {
        assert_eq!(wrap("a bb ccc dddd", 6, 5), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("a bb ccc dddd", 6, 2), vec!["a bb", "ccc…"]);
    }
}
