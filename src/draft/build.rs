//! The draft of a whole article: each section cut into clauses and pieces
//! (one statement each), the pieces bound in order by `super::statement`
//! with what earlier pieces established (`Ctx`), windows adopted across
//! sections, ids given.

use super::date::infer_date;
use super::entities::Lexicon;
use super::lookup::Env;
use super::measure::Measure;
use super::numbers::{Amount, amounts};
use super::periods::{self, When};
use super::text::clauses;
use super::windows::adopt_windows;
use super::{Draft, DraftClaim};
use crate::claims::Article;
use crate::data::{Dataset, Period};
use chrono::NaiveDate;
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
pub(super) fn quantity_amounts(text: &str) -> Vec<Amount> {
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
                if let Some(c) =
                    super::statement::statement(&env, &lex, &mut ctx, &section.id, text)
                {
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
    mark_repeats(&mut out);
    let mut d = Draft {
        date: date_str,
        date_reason,
        claims: out,
    };
    super::vet::drop_unreadable_alternatives(ds, article, &mut d);
    Ok(d)
}

/// A draft that binds what an earlier draft binds (check, series, entities,
/// window and the fields that shape the check) says it repeats it, so that the
/// statement is counted once.
fn mark_repeats(claims: &mut [DraftClaim]) {
    let key = |c: &DraftClaim| {
        (c.check != "none").then(|| {
            format!(
                "{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
                c.check,
                c.series,
                c.entities,
                c.combine,
                c.from,
                c.to,
                c.order,
                c.condition,
                c.threshold.map(f64::to_bits)
            )
        })
    };
    for i in 0..claims.len() {
        let Some(k) = key(&claims[i]) else { continue };
        if let Some(first) = claims[..i]
            .iter()
            .find(|e| e.repeats.is_none() && key(e).as_ref() == Some(&k))
        {
            claims[i].repeats = Some(first.id.clone());
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
