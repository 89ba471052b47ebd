//! Statements counted once: a claim that checks what an earlier claim
//! checks, or quotes the same words, must say `repeats`.

use super::plan::Here;
use super::scope::Scope;
use super::spec::ClaimSpec;

/// What a claim's binding reads, for telling two claims that check the same
/// thing: its check, series, entities, window and the fields that shape the
/// check, and those of its readings (not the claimed number or relation, so
/// "sold $51.3 billion" and "is joining the sell-off" over the same series and
/// window are one binding).
fn binding_key(ds: &Scope, c: &ClaimSpec) -> Option<String> {
    // A proxy measures something else than what its words say; a conditional has no verdict.
    if c.check.get_ref() == "none" || c.conditional == Some(true) || c.proxy.is_some() {
        return None;
    }
    let entities = |e: &Option<super::spec::OneOrMany>| -> Vec<String> {
        e.as_ref()
            .map(|e| e.to_vec())
            .unwrap_or_default()
            .iter()
            .map(|n| ds.resolve(n).unwrap_or_else(|| n.clone()))
            .collect()
    };
    let window = |p: &Option<toml::Spanned<String>>| p.as_ref().map(|x| x.get_ref().clone());
    let mut key = format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        c.check.get_ref(),
        c.series,
        entities(&c.entity),
        c.combine,
        window(&c.period),
        window(&c.from),
        window(&c.to),
        c.order,
        c.among,
        c.align,
        c.condition,
        c.threshold.map(f64::to_bits),
    );
    for r in &c.readings {
        key.push_str(&format!(
            "|reading {:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            r.check,
            r.series,
            entities(&r.entity),
            window(&r.period),
            window(&r.from),
            window(&r.to),
            r.order,
            r.among,
            r.align,
            r.condition,
            r.threshold.map(f64::to_bits),
        ));
    }
    Some(key)
}

/// The first claim that checks what an earlier claim checks, or states the same
/// words, without saying `repeats`: the summary would count one statement twice.
pub(super) fn unmarked_repeat(
    ds: &Scope,
    claims: &[&ClaimSpec],
    here: &Here,
) -> Option<crate::error::InputError> {
    let words = |q: &str| {
        q.split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut seen: Vec<(Option<String>, String, &str)> = Vec::new();
    for c in claims {
        let key = binding_key(ds, c);
        let quote = words(c.quote.get_ref());
        let earlier = seen
            .iter()
            .find(|(k, q, _)| (key.is_some() && *k == key) || (!quote.is_empty() && *q == quote));
        if let Some((k, _, id)) = earlier
            && c.repeats.is_none()
        {
            let what = if key.is_some() && *k == key {
                "checks the same series, entities and window as"
            } else {
                "quotes the same words as"
            };
            return Some(here.err(
                &c.id,
                format!(
                    "claim {:?} {what} claim {id:?}; mark it repeats = {id:?} (counted once), or bind it to what it says that the other does not",
                    c.id.get_ref()
                ),
            ));
        }
        seen.push((key, quote, c.id.get_ref()));
    }
    None
}
