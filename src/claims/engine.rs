//! Evaluation of claims (being written: placeholder marks every claim unverifiable).

use super::article::{Article, find_quote};
use super::spec::{ClaimsFile, line_of};
use super::verdict::{Evaluation, Outcome, Verdict};
use crate::data::Dataset;
use crate::error::InputError;

pub fn combine_marks(v: &[Verdict]) -> Option<Verdict> {
    v.iter().copied().min()
}

pub fn evaluate_all(_ds: &Dataset, article: &Article, file: &ClaimsFile, claims_file: &str, claims_text: &str) -> Result<Vec<Evaluation>, InputError> {
    let mut out = Vec::new();
    for c in &file.claims {
        let section = article.section(c.section.get_ref()).ok_or_else(|| InputError::at(claims_file, line_of(claims_text, c.section.span().start), "unknown section"))?;
        if find_quote(&section.text, c.quote.get_ref()).is_none() {
            return Err(InputError::at(claims_file, line_of(claims_text, c.quote.span().start), "quote not found in section"));
        }
        let outcome = Outcome { observed: None, observed_text: String::new(), gap: None, verdict: Verdict::Unverifiable, summary: String::new(), evidence: vec![] };
        out.push(Evaluation { id: c.id.get_ref().clone(), section: c.section.get_ref().clone(), quote: c.quote.get_ref().clone(), claimed: String::new(), claimed_value: None, unit: String::new(), verdict: Verdict::Unverifiable, conclusion: String::new(), as_published: outcome.clone(), today: outcome, context: vec![], series: vec![], note: None });
    }
    Ok(out)
}
