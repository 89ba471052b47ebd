//! schema.org ClaimReview JSON-LD: a JSON array with one `ClaimReview` per claim.
//!
//! - `claimReviewed`: the article's words; `itemReviewed`: a `Claim` whose
//!   `appearance` and `firstAppearance` are the article (`NewsArticle` with its
//!   `headline` and, as `datePublished`, the case's article date).
//! - `reviewRating`: a `Rating` whose `name` is the verdict word, whose
//!   `alternateName` says it in a reader's words, and whose `ratingExplanation`
//!   is the conclusion. Verdicts that judge the claim carry a `ratingValue` on
//!   a scale from `worstRating` 1 to `bestRating` 5 (see [`rating`]); the others
//!   (conditional, unverifiable, not a data claim) carry no value. The mapping
//!   is documented in docs/claims.md.
//! - `author`: the Organization `claimlens`; `datePublished`: the date of the
//!   review, passed in by the caller.
//! - `url`: claims files carry no web address for a review, so each review is
//!   identified by the URN `urn:claimlens:<claim id>` (characters outside
//!   `A-Z a-z 0-9 - . _ ~` percent-encoded). Claim ids are unique within a case.

use crate::claims::{Case, Evaluation};
use serde::Serialize;

#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Article<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
}

#[derive(Serialize)]
struct Claim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    appearance: Article<'a>,
    #[serde(rename = "firstAppearance")]
    first_appearance: Article<'a>,
}

#[derive(Serialize)]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
    #[serde(rename = "alternateName")]
    alternate_name: &'static str,
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    rating_value: Option<u8>,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    best_rating: Option<u8>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u8>,
    #[serde(rename = "ratingExplanation")]
    rating_explanation: &'a str,
}

#[derive(Serialize)]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
    author: Thing<'a>,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: &'a str,
    #[serde(rename = "itemReviewed")]
    item_reviewed: Claim<'a>,
    #[serde(rename = "reviewRating")]
    review_rating: Rating<'a>,
}

/// A verdict on ClaimReview's scale: its value from 1 (worst) to 5 (best), when the
/// verdict judges the claim, and its `alternateName`.
pub fn rating(e: &Evaluation) -> (Option<u8>, &'static str) {
    use crate::claims::Verdict::*;
    match e.verdict {
        Supported => (Some(5), "Accurate"),
        Revised if e.as_published.verdict == Supported => (
            Some(4),
            "Accurate when published, changed by later revisions",
        ),
        Revised => (
            Some(2),
            "Inaccurate when published, borne out by revised data",
        ),
        Partly => (Some(3), "Partly accurate"),
        Contradicted => (Some(1), "Inaccurate"),
        Conditional => (None, "Conditional or forecast: no rating"),
        Unverifiable => (None, "Unverifiable with the available data"),
        NotADataClaim => (None, "Not a factual claim"),
    }
}

/// The identifier of a claim's review: `urn:claimlens:<claim id>`.
pub fn review_url(claim_id: &str) -> String {
    let mut out = String::from("urn:claimlens:");
    for b in claim_id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn review<'a>(case: &'a Case, e: &'a Evaluation, review_date: &'a str) -> ClaimReview<'a> {
    let article = || Article {
        kind: "NewsArticle",
        headline: &case.article.title,
        date_published: &case.date,
    };
    ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        url: review_url(&e.id),
        date_published: review_date,
        author: Thing {
            kind: "Organization",
            name: "claimlens",
        },
        claim_reviewed: &e.quote,
        item_reviewed: Claim {
            kind: "Claim",
            appearance: article(),
            first_appearance: article(),
        },
        review_rating: {
            let (value, words) = rating(e);
            Rating {
                kind: "Rating",
                name: e.verdict.as_str(),
                alternate_name: words,
                rating_value: value,
                best_rating: value.map(|_| 5),
                worst_rating: value.map(|_| 1),
                rating_explanation: &e.conclusion,
            }
        },
    }
}

/// The JSON-LD array of the given claims, reviewed on `review_date` (`YYYY-MM-DD`).
pub fn render(case: &Case, evaluations: &[&Evaluation], review_date: &str) -> String {
    let reviews: Vec<ClaimReview> = evaluations
        .iter()
        .map(|e| review(case, e, review_date))
        .collect();
    // Serialising plain strings into a String cannot fail.
    let mut s = serde_json::to_string_pretty(&reviews).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::review_url;

    #[test]
    fn urls_percent_encode_unsafe_characters() {
        assert_eq!(
            review_url("japan-q3-61.9bn"),
            "urn:claimlens:japan-q3-61.9bn"
        );
        assert_eq!(review_url("a b/ü"), "urn:claimlens:a%20b%2F%C3%BC");
    }
}
