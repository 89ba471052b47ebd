//! Alternatives are offered only when the claims engine would read them: each
//! is checked as the claims file checks it (series, entity, window, unit, the
//! fields its check reads), and one that fails is dropped from the draft.

use super::{Draft, emit};
use crate::claims::{Article, Scope, engine, spec};
use crate::data::Dataset;
use crate::data::blocs::Blocs;

/// Drops the alternatives of each drafted claim that would not pass the claims file's checks.
pub fn drop_unreadable_alternatives(ds: &Dataset, article: &Article, d: &mut Draft) {
    let Ok(blocs) = Blocs::bundled_for(ds) else {
        return;
    };
    let scope = Scope::new(ds, &blocs);
    for c in d.claims.iter_mut().filter(|c| !c.alternatives.is_empty()) {
        let text = emit::claim_file(&d.date, c);
        let Ok(file) = spec::parse("<draft>", &text) else {
            c.alternatives.retain(|a| a.fields.is_empty());
            continue;
        };
        let Some(parsed) = file.claims.first() else {
            continue;
        };
        // The TOML holds the alternatives with fields, in order; label-only ones are comments.
        let mut fits = parsed
            .alternatives
            .iter()
            .map(|a| engine::alternative_fits(&scope, article, parsed, a, &d.date));
        c.alternatives
            .retain(|a| a.fields.is_empty() || fits.next().unwrap_or(false));
    }
}
