//! The article, its claims, and their evaluation against the Dataset.

pub mod article;
mod bind;
mod compute;
mod context;
pub mod engine;
mod history;
pub mod metrics;
pub mod period_map;
mod plan;
pub mod quoted;
mod repeats;
pub mod scope;
pub mod spec;
pub mod verdict;
mod windows;
mod words;

pub use article::{Article, Section};
pub use verdict::{
    Basis, Cell, ContextLine, Evaluation, Gap, Outcome, Reading, SeriesRef, Verdict,
};

use crate::data::Dataset;
use crate::data::blocs::Blocs;
use crate::error::{Error, InputError};
pub use scope::Scope;
use std::path::Path;

/// The bundled case: the article under review and its claims file.
pub const EMBEDDED_ARTICLE: &str = include_str!("../../assets/article.md");
pub const EMBEDDED_CLAIMS: &str = include_str!("../../assets/claims.toml");

/// An article with its evaluated claims.
#[derive(Debug, Clone)]
pub struct Case {
    pub article: Article,
    /// The article's date as recorded in the claims file (`YYYY-MM-DD`).
    pub date: String,
    /// Why that date (the claims file's `date_reason`).
    pub date_reason: String,
    /// One per claim, in claims-file order.
    pub evaluations: Vec<Evaluation>,
}

impl Case {
    /// Evaluations of one section, in claims-file order.
    pub fn claims_of<'a>(
        &'a self,
        section_id: &'a str,
    ) -> impl Iterator<Item = &'a Evaluation> + 'a {
        self.evaluations
            .iter()
            .filter(move |e| e.section == section_id)
    }

    /// The overall mark of a section: the verdicts of its claims combined.
    pub fn section_verdict(&self, section_id: &str) -> Option<Verdict> {
        let verdicts: Vec<Verdict> = self.claims_of(section_id).map(|e| e.verdict).collect();
        engine::combine_marks(&verdicts)
    }
}

/// Builds a case from article and claims texts (file names are for messages).
pub fn case_from_texts(
    ds: &Dataset,
    article_file: &str,
    article_text: &str,
    claims_file: &str,
    claims_text: &str,
) -> Result<Case, InputError> {
    let blocs = Blocs::bundled_for(ds)?;
    case_in_scope(
        Scope::new(ds, &blocs),
        (article_file, article_text),
        (claims_file, claims_text),
    )
}

/// Builds a case from article and claims texts (file name, text), evaluated
/// against the data and blocs of `scope`.
pub fn case_in_scope(
    scope: Scope,
    (article_file, article_text): (&str, &str),
    (claims_file, claims_text): (&str, &str),
) -> Result<Case, InputError> {
    let article = Article::parse(article_file, article_text)?;
    let file = spec::parse(claims_file, claims_text)?;
    let evaluations = engine::evaluate_all(&scope, &article, &file, claims_file, claims_text)?;
    Ok(Case {
        article,
        date: file.article.date.get_ref().clone(),
        date_reason: file.article.date_reason.clone(),
        evaluations,
    })
}

/// The bundled case, or `article.md` + `claims.toml` from a folder.
pub fn load_case(ds: &Dataset, dir: Option<&Path>) -> Result<Case, Error> {
    match dir {
        None => Ok(case_from_texts(
            ds,
            "<embedded>/article.md",
            EMBEDDED_ARTICLE,
            "<embedded>/claims.toml",
            EMBEDDED_CLAIMS,
        )?),
        Some(dir) => {
            let ((af, at), (cf, ct)) = read_case_files(dir)?;
            let blocs = case_blocs(ds, Some(dir))?;
            Ok(case_in_scope(
                Scope::new(ds, &blocs),
                (&af, &at),
                (&cf, &ct),
            )?)
        }
    }
}

/// The blocs a user sees: the bundled ones, then the `[[bloc]]` tables of the
/// config file, then the case folder's blocs.toml (each replacing blocs of the
/// same id). A case's claims bind to [`case_blocs`] only, so that they check
/// alike on every machine.
pub fn user_blocs(
    ds: &Dataset,
    config: Option<&crate::config::Config>,
    dir: Option<&Path>,
) -> Result<Blocs, Error> {
    let mut blocs = Blocs::bundled_for(ds)?;
    if let Some(c) = config
        && let Some(text) = &c.blocs_text
    {
        blocs.overlay(Blocs::parse_tables(ds, &c.file, text)?);
    }
    if let Some(own) = case_own_blocs(ds, dir)? {
        blocs.overlay(own);
    }
    Ok(blocs)
}

/// A file's name as messages show it, and its text.
pub type NamedText = (String, String);

/// The article.md and claims.toml of a case folder, read within the input limits.
pub fn read_case_files(dir: &Path) -> Result<(NamedText, NamedText), Error> {
    use crate::input::{self, limits};
    let read = |name: &str, limit: u64, what: &str| -> Result<(String, String), Error> {
        let path = dir.join(name);
        let shown = path.display().to_string();
        let bytes = input::read_file(&path, &shown, limit, what)?;
        let text = input::decode(&shown, &bytes)?.to_string();
        Ok((shown, text))
    };
    Ok((
        read(
            "article.md",
            limits::ARTICLE,
            "the article in Markdown (a case folder holds article.md and claims.toml)",
        )?,
        read(
            "claims.toml",
            limits::CLAIMS,
            "the claims file (a case folder holds article.md and claims.toml)",
        )?,
    ))
}

/// The bundled blocs, with those of `dir/blocs.toml` added (a bloc of the same
/// id replaces the bundled one) when the case folder holds that file.
pub fn case_blocs(ds: &Dataset, dir: Option<&Path>) -> Result<Blocs, Error> {
    let mut blocs = Blocs::bundled_for(ds)?;
    if let Some(own) = case_own_blocs(ds, dir)? {
        blocs.overlay(own);
    }
    Ok(blocs)
}

/// The blocs of `dir/blocs.toml`, when the case folder has one.
fn case_own_blocs(ds: &Dataset, dir: Option<&Path>) -> Result<Option<Blocs>, Error> {
    let Some(dir) = dir else { return Ok(None) };
    let path = dir.join("blocs.toml");
    if !path.exists() {
        return Ok(None);
    }
    use crate::input::{self, limits};
    let shown = path.display().to_string();
    let bytes = input::read_file(
        &path,
        &shown,
        limits::CLAIMS,
        "the case's own blocs (docs/blocs.md)",
    )?;
    let text = input::decode(&shown, &bytes)?;
    Ok(Some(Blocs::parse(ds, &shown, text)?))
}
