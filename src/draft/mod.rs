//! `claimlens draft`: a first claims file for an article, found by rules over
//! the text and the dataset's catalogue of series (no network, no language
//! model, the same output for the same input).
//!
//! Each section is cut into clauses ([`text`]); in each clause the drafter
//! finds amounts ([`numbers`]), periods ([`periods`]), entities
//! ([`entities`]), directions ([`directions`]) and comparison words
//! ([`comparisons`]); [`measure`] picks the series; `statement` (with `binders`) turns one
//! piece of text into a binding step by step, and [`build`] runs it over the
//! article, carrying the entity and window from earlier clauses when a clause
//! leaves them out (windows in `windows`, data look-ups in `lookup`, the
//! article date in [`date`]); `vet` keeps only the alternatives the claims
//! engine accepts; [`emit`] writes the TOML; [`score`] compares a draft with a
//! hand-written claims file; [`review`] holds a reviewer's decisions and writes
//! them back. The rules are documented in docs/draft.md.

mod binders;
pub mod build;
pub mod comparisons;
pub mod date;
pub mod directions;
pub mod emit;
pub mod entities;
mod lookup;
pub mod measure;
pub mod numbers;
pub mod periods;
pub mod review;
pub mod score;
mod statement;
pub mod text;
mod vet;
mod windows;

use crate::data::Period;

/// A claimed value: a number, or a period (for `first_above`).
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimedValue {
    Number(f64),
    Period(String),
}

/// One other binding a reviewer may pick instead (another entity, window or measure).
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// What differs, in words: "window 2024-10..2024-12 (the newest quarter)".
    pub label: String,
    /// The TOML fields that differ, written as `key = value` pairs.
    pub fields: Vec<(String, String)>,
}

/// One drafted claim.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftClaim {
    pub id: String,
    pub section: String,
    /// An exact substring of the section's text.
    pub quote: String,
    pub check: String,
    pub series: Vec<(String, String)>,
    pub entities: Vec<String>,
    /// "each" when every entity is checked on its own.
    pub combine: Option<String>,
    pub from: Option<Period>,
    pub to: Option<Period>,
    pub claimed: Option<ClaimedValue>,
    pub unit: Option<String>,
    pub relation: Option<String>,
    pub order: Option<String>,
    pub condition: Option<String>,
    pub threshold: Option<f64>,
    /// For `check = "none"`.
    pub data_claim: Option<bool>,
    pub none_why: Option<String>,
    pub confidence: f64,
    /// How the binding was found, one reason per rule that fired.
    pub why: Vec<String>,
    pub alternatives: Vec<Alternative>,
    /// True when no window was named or carried and a default was taken (the newest data).
    pub window_guessed: bool,
    /// The id of an earlier draft with the same binding: the same statement made again.
    pub repeats: Option<String>,
}

impl DraftClaim {
    /// A `check = "none"` draft for a person to classify.
    pub fn none(section: &str, quote: &str, data_claim: bool, why: String) -> DraftClaim {
        DraftClaim {
            id: String::new(),
            section: section.to_string(),
            quote: quote.to_string(),
            check: "none".into(),
            series: vec![],
            entities: vec![],
            combine: None,
            from: None,
            to: None,
            claimed: None,
            unit: None,
            relation: None,
            order: None,
            condition: None,
            threshold: None,
            data_claim: Some(data_claim),
            none_why: Some(why.clone()),
            confidence: 0.2,
            why: vec![why],
            alternatives: vec![],
            window_guessed: false,
            repeats: None,
        }
    }
}

impl DraftClaim {
    /// Where the claim stands, for messages: section and the quote's first words.
    pub fn id_hint(&self) -> String {
        let words: Vec<&str> = self.quote.split_whitespace().take(6).collect();
        format!("section {}: \"{}…\"", self.section, words.join(" "))
    }
}

/// A drafted claims file.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub date: String,
    pub date_reason: String,
    pub claims: Vec<DraftClaim>,
}

pub use build::draft;
pub use date::infer_date;

/// `claimlens draft ARTICLE [--date] [--check CLAIMS]`: the draft's TOML, or its score.
pub fn run(
    ds: &crate::data::Dataset,
    article_path: &std::path::Path,
    date: Option<&str>,
    check: Option<&std::path::Path>,
    format: score::Format,
) -> Result<String, crate::error::Error> {
    use crate::error::{Error, InputError};
    use crate::input::{limits, read_text};
    let read = |p: &std::path::Path, limit: u64, what: &str| -> Result<(String, String), Error> {
        let shown = p.display().to_string();
        let text = read_text(p, &shown, limit, what)?;
        Ok((shown, text))
    };
    let (af, at) = read(
        article_path,
        limits::ARTICLE,
        "the article in Markdown (sections headed `## `)",
    )?;
    let article = crate::claims::Article::parse(&af, &at)?;
    let d = draft(ds, &article, date).map_err(|m| InputError::file(&af, m))?;
    let toml_text = emit::to_toml(&d, &af);
    let Some(check) = check else {
        return Ok(toml_text);
    };
    let (cf, ct) = read(
        check,
        limits::CLAIMS,
        "a claims file (TOML) to score the draft against",
    )?;
    let reference = crate::claims::spec::parse(&cf, &ct)?;
    let drafted = crate::claims::spec::parse("<draft>", &toml_text)?;
    // Both files evaluated as `check` would: the reference's errors are the
    // user's (exit 2 at its line); the draft is ours and always evaluates.
    let by_id = |case: crate::claims::Case| {
        case.evaluations
            .into_iter()
            .map(|e| (e.id, e.verdict))
            .collect::<std::collections::HashMap<_, _>>()
    };
    let verdicts = score::Verdicts {
        reference: by_id(crate::claims::case_from_texts(ds, &af, &at, &cf, &ct)?),
        draft: by_id(crate::claims::case_from_texts(
            ds, &af, &at, "<draft>", &toml_text,
        )?),
    };
    let s = score::score_with(
        &article,
        &reference.claims,
        &drafted.claims,
        Some(&verdicts),
    );
    Ok(match format {
        score::Format::Text => score::text(&s),
        score::Format::Json => score::json(&s),
    })
}
