//! The presentation's deck: a title slide per section, then one slide per
//! claim, in reading order; with only the claims data can test when asked.

use crate::claims::Case;
use std::sync::Arc;

/// One slide of the deck.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    /// A section's title slide (index into `case.article.sections`).
    Section(usize),
    /// A claim's slide (index into `case.evaluations`).
    Claim(usize),
}

/// Where to start presenting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// The selected claim's slide (or the section's title slide when it has no claim).
    Selection,
    /// The first slide.
    First,
    /// A section's title slide, by id (`3`, `key-takeaways`).
    Section(String),
    /// A claim's slide, by id.
    Claim(String),
}

/// The slides, and whether the claims that are not data claims are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deck {
    pub slides: Arc<Vec<Slide>>,
    /// Presenting skips the slides of claims that are not data claims.
    pub data_only: bool,
}

impl Deck {
    /// The deck of a case whose claims are in `claim_order`.
    pub fn new(case: &Case, claim_order: &[usize], data_only: bool) -> Deck {
        Deck {
            slides: Arc::new(build_filtered(case, claim_order, data_only)),
            data_only,
        }
    }

    /// The slide showing a claim, or the title slide of a section.
    pub fn position(&self, want: Slide) -> Option<usize> {
        self.slides.iter().position(|s| *s == want)
    }

    pub fn len(&self) -> usize {
        self.slides.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slides.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<Slide> {
        self.slides.get(i).copied()
    }
}

/// The deck: each section's title slide followed by its claims' slides.
pub fn build(case: &Case, claim_order: &[usize]) -> Vec<Slide> {
    build_filtered(case, claim_order, false)
}

/// Whether a claim says something data can test (opinion and rhetoric do not).
pub fn is_data_claim(case: &Case, c: usize) -> bool {
    case.evaluations[c].verdict.as_str() != "not a data claim"
}

/// The deck, with only the claims data can test when `data_only`: the others'
/// slides are left out, and so is the title slide of a section left with none.
pub fn build_filtered(case: &Case, claim_order: &[usize], data_only: bool) -> Vec<Slide> {
    let mut out = Vec::new();
    for (i, s) in case.article.sections.iter().enumerate() {
        let claims: Vec<Slide> = claim_order
            .iter()
            .filter(|&&c| case.evaluations[c].section == s.id)
            .filter(|&&c| !data_only || is_data_claim(case, c))
            .map(|&c| Slide::Claim(c))
            .collect();
        if data_only && claims.is_empty() {
            continue;
        }
        out.push(Slide::Section(i));
        out.extend(claims);
    }
    out
}
