//! schema.org ClaimReview JSON-LD: a JSON array with one `ClaimReview` per claim.
//!
//! - `claimReviewed`: the article's words; `itemReviewed`: a `Claim` whose
//!   `appearance` and `firstAppearance` are the article (`NewsArticle` with its
//!   `headline` and, as `datePublished`, the case's article date).
//! - `reviewRating`: a `Rating` whose `alternateName` is the verdict word
//!   (`supported`, `contradicted`, `mixed`, `unverifiable`, `not a data claim`)
//!   and whose `ratingExplanation` is the conclusion.
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
    #[serde(rename = "alternateName")]
    alternate_name: &'static str,
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
        review_rating: Rating {
            kind: "Rating",
            alternate_name: e.verdict.as_str(),
            rating_explanation: &e.conclusion,
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
