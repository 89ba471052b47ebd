//! Reviewing a drafted claims file: the decision on each draft (accept, reject,
//! or leave it a draft), the alternative it is bound by, its evaluation under
//! that binding, and the claims file edited with the decisions, written back
//! atomically with every comment and the order of everything else kept.
//!
//! No terminal types: the explorer maps keys to these calls and draws the state.

use crate::claims::spec::{self, ClaimsFile};
use crate::claims::{Article, Case, Evaluation, Scope, engine};
use crate::data::Dataset;
use crate::data::blocs::Blocs;
use crate::error::{Error, InputError};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml_edit::{DocumentMut, Item, Table};

/// What the reviewer decided about a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Not decided: `status = "draft"`.
    Draft,
    Accepted,
    Rejected,
}

impl Decision {
    /// The `status` value the claims file gets.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Draft => "draft",
            Decision::Accepted => "accepted",
            Decision::Rejected => "rejected",
        }
    }
}

/// One claim that was a draft when the file was loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Reviewed {
    pub id: String,
    /// Its place in the file's `[[claim]]` list.
    pub index: usize,
    /// How sure the drafter was (the file's `confidence`).
    pub confidence: Option<f64>,
    /// The labels of its `[[claim.alternative]]` tables, in file order.
    pub alternatives: Vec<String>,
    /// 0: the binding as drafted; k: the k-th alternative.
    pub choice: usize,
    pub decision: Decision,
    /// The decision the file on disk holds (a draft until written).
    pub written: Decision,
}

impl Reviewed {
    /// The label of the binding in force: "as drafted" or the alternative's.
    pub fn binding(&self) -> &str {
        match self.choice {
            0 => "as drafted",
            k => &self.alternatives[k - 1],
        }
    }
}

/// The review of a claims file's drafts.
#[derive(Clone, Debug)]
pub struct Review {
    path: PathBuf,
    /// The file as messages name it.
    shown: String,
    /// The file's text as loaded (or as last written).
    text: String,
    file: ClaimsFile,
    article: Article,
    blocs: Arc<Blocs>,
    /// Every claim that was a draft at load, in file order.
    pub claims: Vec<Reviewed>,
}

/// Loads a case folder as `claims::load_case` does, with the review of its drafts
/// (`None` when its claims file holds none).
pub fn open(ds: &Dataset, dir: &Path) -> Result<(Case, Option<Review>), Error> {
    let ((af, at), (cf, ct)) = crate::claims::read_case_files(dir)?;
    let blocs = crate::claims::case_blocs(ds, Some(dir))?;
    let case = crate::claims::case_in_scope(Scope::new(ds, &blocs), (&af, &at), (&cf, &ct))?;
    let review = Review::new(dir.join("claims.toml"), cf, ct, case.article.clone(), blocs)?;
    Ok((case, review))
}

impl Review {
    /// The review of the claims file `text` (at `path`, shown as `shown`); `None` when it
    /// has no drafts.
    pub fn new(
        path: PathBuf,
        shown: String,
        text: String,
        article: Article,
        blocs: Blocs,
    ) -> Result<Option<Review>, InputError> {
        let file = spec::parse(&shown, &text)?;
        let claims: Vec<Reviewed> = file
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_draft())
            .map(|(index, c)| Reviewed {
                id: c.id.get_ref().clone(),
                index,
                confidence: c.confidence.as_ref().map(|x| *x.get_ref()),
                alternatives: c
                    .alternatives
                    .iter()
                    .map(|a| a.label.get_ref().clone())
                    .collect(),
                choice: 0,
                decision: Decision::Draft,
                written: Decision::Draft,
            })
            .collect();
        if claims.is_empty() {
            return Ok(None);
        }
        Ok(Some(Review {
            path,
            shown,
            text,
            file,
            article,
            blocs: Arc::new(blocs),
            claims,
        }))
    }

    /// The claims file as messages name it.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The review of a claim, when it was a draft.
    pub fn get(&self, id: &str) -> Option<&Reviewed> {
        self.claims.iter().find(|r| r.id == id)
    }

    fn get_mut(&mut self, id: &str) -> Result<&mut Reviewed, String> {
        self.claims
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or_else(|| format!("{id} is not a draft: nothing to review"))
    }

    /// Decisions not yet written to the file.
    pub fn unwritten(&self) -> usize {
        self.claims
            .iter()
            .filter(|r| r.decision != r.written)
            .count()
    }

    /// Counts of (drafts left, accepted, rejected), as decided now.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |d: Decision| self.claims.iter().filter(|r| r.decision == d).count();
        (
            n(Decision::Draft),
            n(Decision::Accepted),
            n(Decision::Rejected),
        )
    }

    /// Sets a claim's decision; deciding the same again makes it a draft again (until the
    /// decision is written: a written claim can switch between accepted and rejected only).
    pub fn toggle(&mut self, id: &str, d: Decision) -> Result<Decision, String> {
        let r = self.get_mut(id)?;
        let next = if r.decision == d { Decision::Draft } else { d };
        if next == Decision::Draft && r.written != Decision::Draft {
            return Err(format!(
                "{id} is written as {}; edit the claims file to make it a draft again",
                r.written.as_str()
            ));
        }
        r.decision = next;
        Ok(next)
    }

    /// Binds a draft by its next (`step` = 1) or previous (-1) alternative, "as drafted"
    /// included in the cycle, and returns its evaluation under that binding.
    pub fn cycle(&mut self, ds: &Dataset, id: &str, step: isize) -> Result<Evaluation, String> {
        let r = self.get_mut(id)?;
        if r.written != Decision::Draft {
            return Err(format!(
                "{id} is written as {}: its alternatives left the file",
                r.written.as_str()
            ));
        }
        if r.alternatives.is_empty() {
            return Err(format!("{id} has no alternative binding to try"));
        }
        let n = r.alternatives.len() as isize + 1;
        r.choice = (r.choice as isize + step).rem_euclid(n) as usize;
        self.evaluate(ds, id).map_err(|e| e.to_string())
    }

    /// A draft evaluated under its current binding, by the claims engine.
    pub fn evaluate(&self, ds: &Dataset, id: &str) -> Result<Evaluation, InputError> {
        let r = self
            .get(id)
            .ok_or_else(|| InputError::file(&self.shown, format!("{id} is not a draft")))?;
        let claim = &self.file.claims[r.index];
        let bound = match r.choice {
            0 => claim.clone(),
            k => claim.with_alternative(&claim.alternatives[k - 1]),
        };
        let scope = Scope::new(ds, &self.blocs);
        engine::evaluate_claim(
            &scope,
            &self.article,
            &bound,
            self.file.article.date.get_ref(),
            (&self.shown, &self.text),
        )
    }

    /// The claims file with the decisions not yet written: `status` set, an accepted draft's
    /// chosen alternative applied (with a `# review:` comment naming it), and the
    /// alternatives of decided drafts removed. Every other byte of the file is kept.
    pub fn edited_text(&self) -> Result<String, String> {
        let mut doc: DocumentMut = self
            .text
            .parse()
            .map_err(|e| format!("{}: cannot be edited: {e}", self.shown))?;
        let list = doc
            .get_mut("claim")
            .and_then(Item::as_array_of_tables_mut)
            .ok_or_else(|| format!("{}: no [[claim]] tables to edit", self.shown))?;
        for r in self.claims.iter().filter(|r| r.decision != r.written) {
            let table = list
                .get_mut(r.index)
                .ok_or_else(|| format!("{}: claim {} is missing", self.shown, r.id))?;
            if r.written == Decision::Draft {
                if r.decision == Decision::Accepted && r.choice > 0 {
                    let alt = table
                        .get("alternative")
                        .and_then(Item::as_array_of_tables)
                        .and_then(|a| a.get(r.choice - 1))
                        .cloned()
                        .ok_or_else(|| {
                            format!("{}: claim {} lost its alternative", self.shown, r.id)
                        })?;
                    apply(table, &alt);
                    note(
                        table,
                        &format!("accepted bound by the alternative {:?}", r.binding()),
                    );
                }
                if r.decision != Decision::Draft {
                    table.remove("alternative");
                }
            }
            set_value(table, "status", toml_edit::value(r.decision.as_str()));
        }
        Ok(doc.to_string())
    }

    /// Writes the decisions to the claims file atomically; refuses when the file changed on
    /// disk since it was loaded. Returns a line saying what was written.
    pub fn write(&mut self) -> Result<String, Error> {
        let n = self.unwritten();
        if n == 0 {
            return Ok(format!("Nothing to write: {} is up to date.", self.shown));
        }
        let now = crate::input::read_text(
            &self.path,
            &self.shown,
            crate::input::limits::CLAIMS,
            "the claims file under review",
        )?;
        if now != self.text {
            return Err(Error::Usage(format!(
                "{} changed on disk since it was loaded; not written (quit and reopen it to review \
the new version)",
                self.shown
            )));
        }
        let edited = self.edited_text().map_err(Error::Usage)?;
        // The edit must read back as a valid claims file before it replaces the old one.
        let file = spec::parse(&self.shown, &edited)?;
        crate::safe_write::write_file(&self.path, &self.shown, edited.as_bytes(), true)?;
        self.text = edited;
        self.file = file;
        for r in &mut self.claims {
            if r.written == Decision::Draft && r.decision != Decision::Draft {
                // The chosen binding is now the claim's own; its alternatives are gone.
                r.choice = 0;
                r.alternatives.clear();
            }
            r.written = r.decision;
        }
        let (_, a, j) = self.counts();
        Ok(format!(
            "Wrote {n} decision{} to {} ({a} accepted, {j} rejected in all).",
            if n == 1 { "" } else { "s" },
            self.shown
        ))
    }
}

/// Adds a `# review: …` comment line above the claim's `id`, after its other comments.
fn note(table: &mut Table, words: &str) {
    if let Some(mut key) = table.key_mut("id") {
        let decor = key.leaf_decor_mut();
        let before = decor
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string();
        decor.set_prefix(format!("{before}# review: {words}\n"));
    }
}

/// Sets `key` to `value`, keeping the key's place and the spacing and comment around the
/// old value; a new key goes after the others.
fn set_value(table: &mut Table, key: &str, mut value: Item) {
    match table.get_mut(key) {
        Some(old) => {
            if let (Some(o), Some(v)) = (old.as_value(), value.as_value_mut()) {
                *v.decor_mut() = o.decor().clone();
            }
            *old = value;
        }
        None => {
            table.insert(key, value);
        }
    }
}

/// A value copied from an alternative, with default spacing.
fn fresh(item: &Item) -> Item {
    let mut item = item.clone();
    if let Some(v) = item.as_value_mut() {
        v.decor_mut().clear();
    }
    item
}

/// Applies an alternative's fields to a claim's table: each replaces the claim's field of
/// that name in place; a window (`period`, or `from`/`to`) replaces the claim's window where
/// it stood; fields the claim lacks go after its others.
fn apply(table: &mut Table, alt: &Table) {
    const WINDOW: [&str; 3] = ["period", "from", "to"];
    let fields: Vec<(String, Item)> = alt
        .iter()
        .filter(|(k, _)| *k != "label")
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let new_window = fields.iter().any(|(k, _)| WINDOW.contains(&k.as_str()));
    let names: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let old: Vec<(toml_edit::Key, Item)> = names
        .iter()
        .filter_map(|n| table.get_key_value(n))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    table.clear();
    let mut placed: Vec<String> = Vec::new();
    // A field the claim had keeps its key's and value's formatting (a trailing comment too).
    let put = |table: &mut Table, placed: &mut Vec<String>, k: &String, v: &Item| {
        placed.push(k.clone());
        match old.iter().find(|(key, _)| key.get() == k) {
            Some((key, item)) => {
                table.insert_formatted(key, item.clone());
                set_value(table, k, fresh(v));
            }
            None => {
                table.insert(k, fresh(v));
            }
        }
    };
    for (key, item) in &old {
        let name = key.get().to_string();
        if new_window && WINDOW.contains(&name.as_str()) {
            for (k, v) in fields.iter().filter(|(k, _)| WINDOW.contains(&k.as_str())) {
                if !placed.contains(k) {
                    put(table, &mut placed, k, v);
                }
            }
            continue;
        }
        match fields.iter().find(|(k, _)| *k == name) {
            Some((k, v)) => put(table, &mut placed, k, v),
            None => {
                table.insert_formatted(key, item.clone());
            }
        }
    }
    for (k, v) in &fields {
        if !placed.contains(k) {
            table.insert(k, fresh(v));
        }
    }
}
