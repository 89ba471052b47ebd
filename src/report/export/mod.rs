//! `claimlens export`: the evaluated claims as files for other tools.
//!
//! Formats: a Markdown report ([`markdown`]), schema.org ClaimReview JSON-LD
//! ([`claimreview`]), the tidy observations behind the claims as CSV
//! ([`csv`]) and a hand-written SVG chart of one claim ([`svg`]).
//!
//! Everything here returns text; [`write_output`] puts it on stdout or writes
//! it to a file through [`crate::safe_write`], never replacing an existing
//! file unless asked to.

pub mod claimreview;
pub mod csv;
pub mod markdown;
pub mod svg;

use crate::claims::{Case, Evaluation};
use crate::data::Dataset;
use crate::error::Error;
use std::io::Write;
use std::path::Path;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    ClaimReview,
    Csv,
    Svg,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::ClaimReview => "claimreview",
            Format::Csv => "csv",
            Format::Svg => "svg",
        }
    }
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub format: Format,
    /// Only this claim (by id).
    pub claim: Option<String>,
    /// Only the claims of this section (by id: `3`, `key-takeaways`).
    pub section: Option<String>,
    /// The date of the review (`YYYY-MM-DD`) for ClaimReview's `datePublished`.
    /// The CLI passes today's date; tests pass a fixed one.
    pub review_date: String,
}

/// The claims a request selects, in claims-file order; unknown ids are usage errors.
pub fn select<'a>(
    case: &'a Case,
    claim: Option<&str>,
    section: Option<&str>,
) -> Result<Vec<&'a Evaluation>, Error> {
    if let Some(sid) = section
        && case.article.section(sid).is_none()
    {
        let ids: Vec<&str> = case
            .article
            .sections
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        return Err(Error::Usage(format!(
            "--section: no section {sid:?}; expected one of: {}",
            ids.join(", ")
        )));
    }
    if let Some(cid) = claim {
        let Some(e) = case.evaluations.iter().find(|e| e.id == cid) else {
            return Err(Error::Usage(format!(
                "--claim: no claim {cid:?}; `claimlens check` lists every claim id"
            )));
        };
        if let Some(sid) = section
            && e.section != sid
        {
            return Err(Error::Usage(format!(
                "--claim {cid:?} belongs to section {:?}, not to --section {sid:?}",
                e.section
            )));
        }
        return Ok(vec![e]);
    }
    Ok(case
        .evaluations
        .iter()
        .filter(|e| section.is_none_or(|s| e.section == s))
        .collect())
}

/// Renders an export of a case as text.
pub fn render(ds: &Dataset, case: &Case, req: &Request) -> Result<String, Error> {
    let selected = select(case, req.claim.as_deref(), req.section.as_deref())?;
    match req.format {
        Format::Markdown => Ok(markdown::report(case, &selected)),
        Format::ClaimReview => Ok(claimreview::render(case, &selected, &req.review_date)),
        Format::Csv => Ok(if req.claim.is_some() {
            csv::claim_evidence(ds, selected[0])
        } else {
            csv::all_evidence(ds, &selected)
        }),
        Format::Svg => {
            if req.claim.is_none() {
                return Err(Error::Usage(
                    "--format svg draws one claim: pass --claim ID (`claimlens check` lists the ids)"
                        .into(),
                ));
            }
            let e = selected[0];
            svg::render(ds, e, e.check == "level").map_err(Error::Usage)
        }
    }
}

/// Prints `text` to stdout (no `--out`, or `--out -`), or writes it to
/// `out` safely (see [`crate::safe_write`]): atomically for a regular file,
/// in place for a device such as `/dev/null`.
pub fn write_output(out: Option<&Path>, text: &str, force: bool) -> Result<(), Error> {
    match out {
        Some(path) if path != Path::new("-") => {
            crate::safe_write::write_file(path, &path.display().to_string(), text.as_bytes(), force)
        }
        _ => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| Error::io("<stdout>", e))
        }
    }
}

/// Writes `bytes` to `path` safely (see [`crate::safe_write::write_file`]);
/// an existing `path` is a usage error unless `force`.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    crate::safe_write::write_file(path, &path.display().to_string(), bytes, force)
}

/// Escapes text for XML content and attribute values.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_covers_markup_and_control_characters() {
        assert_eq!(
            xml_escape("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
    }
}
