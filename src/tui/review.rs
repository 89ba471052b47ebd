//! Reviewing drafts in the explorer (`claimlens --case DIR` over a claims file
//! with `status = "draft"` claims): keys become calls on the library's review
//! ([`crate::draft::review`]), and drafts get their marks (in the sections pane)
//! and a line on the card. The review adds its keys to every pane's.

use super::action::Action;
use super::component::{Effect, Outcome};
use super::context::Context;
use super::keymap::Scope;
use super::text::wrap;
use crate::claims::Evaluation;
use crate::draft::review::{Decision, Review};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The review under way.
#[derive(Clone, Debug)]
pub struct State {
    pub review: Review,
    /// `q` was pressed with decisions unwritten: the next `q` quits without writing.
    pub quit_asked: bool,
}

impl State {
    /// The keys the review adds to every pane's.
    pub const SCOPE: Scope = Scope::Review;

    pub fn new(review: Review) -> State {
        State {
            review,
            quit_asked: false,
        }
    }

    /// The drafts and the decisions on them (for the marks on other panes).
    pub fn drafts(&self) -> &Review {
        &self.review
    }

    /// Whether `q` asked to quit with decisions unwritten (Esc then takes it back).
    pub fn asking_to_quit(&self) -> bool {
        self.quit_asked
    }

    /// A review key on the selected claim.
    pub fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        if action == Action::WriteReview {
            return Outcome::Effect(Effect::WriteReview);
        }
        let Some(id) = cx.evaluation().map(|e| e.id.clone()) else {
            return Outcome::Status("No claim selected.".into());
        };
        if self.review.get(&id).is_none() {
            return Outcome::Status(format!("{id} is not a draft: nothing to review."));
        }
        match action {
            Action::AcceptDraft | Action::RejectDraft => {
                let d = if action == Action::AcceptDraft {
                    Decision::Accepted
                } else {
                    Decision::Rejected
                };
                Outcome::Status(match self.review.toggle(&id, d) {
                    Ok(now) => {
                        let n = self.review.unwritten();
                        format!(
                            "{id}: {}. {n} decision{} not written yet.",
                            words(now),
                            if n == 1 { "" } else { "s" }
                        )
                    }
                    Err(m) => m,
                })
            }
            Action::NextAlternative | Action::PrevAlternative => {
                let step = if action == Action::NextAlternative {
                    1
                } else {
                    -1
                };
                match self.review.cycle(cx.ds, &id, step) {
                    Ok(e) => {
                        let binding = self
                            .review
                            .get(&id)
                            .map(|r| r.binding().to_string())
                            .unwrap_or_default();
                        let msg = format!("Now {}: {id} bound {binding}.", e.verdict);
                        // The case takes the re-evaluated claim; the screens follow it.
                        Outcome::Many(vec![Outcome::Replace(Box::new(e)), Outcome::Status(msg)])
                    }
                    Err(m) => Outcome::Status(m),
                }
            }
            _ => Outcome::Done,
        }
    }

    /// Writes the decisions (the effect of `W`); the line says what happened.
    pub fn write(&mut self) -> String {
        match self.review.write() {
            Ok(m) => m,
            Err(e) => format!("Not written: {e}"),
        }
    }

    /// Quit, unless decisions are unwritten: then the first `q` asks, the second quits.
    pub fn quit(&mut self) -> Outcome {
        let n = self.review.unwritten();
        if n > 0 && !self.quit_asked {
            self.quit_asked = true;
            return Outcome::Status(format!(
                "{n} decision{} not written: W writes, q again quits without writing ({}).",
                if n == 1 { "" } else { "s" },
                self.review.shown()
            ));
        }
        Outcome::Quit
    }

    /// Any key but quit takes back a question to quit (Esc says so).
    pub fn forget_quit(&mut self, action: Action) -> Option<String> {
        if matches!(action, Action::Quit | Action::Resize { .. }) {
            return None;
        }
        let asked = std::mem::take(&mut self.quit_asked);
        (asked && action == Action::Back).then(|| {
            let n = self.review.unwritten();
            format!(
                "Not quitting: {n} decision{} still not written (W writes).",
                if n == 1 { "" } else { "s" }
            )
        })
    }
}

/// The decision on a claim, when it is under review.
pub fn decision(cx: &Context, e: &Evaluation) -> Option<Decision> {
    cx.drafts?.get(&e.id).map(|r| r.decision)
}

fn words(d: Decision) -> &'static str {
    match d {
        Decision::Draft => "draft",
        Decision::Accepted => "accepted",
        Decision::Rejected => "rejected",
    }
}

/// The card's lines for a claim under review: its mark and decision, the drafter's
/// confidence, and the binding in force among those on offer.
pub fn card_lines(cx: &Context, e: &Evaluation, width: usize) -> Vec<Line<'static>> {
    let t = cx.theme;
    let Some(r) = cx.drafts.and_then(|d| d.get(&e.id)) else {
        return vec![];
    };
    let mut head = format!("{} {}", t.review_symbol(r.decision), words(r.decision));
    if r.decision != r.written {
        head.push_str(" (not written yet)");
    } else if r.written != Decision::Draft {
        head.push_str(" (written)");
    }
    let mut rest = String::new();
    if let Some(c) = r.confidence {
        rest.push_str(&format!(
            " · drafter's confidence {}",
            crate::format::group(c, 2)
        ));
    }
    let n = r.alternatives.len() + 1;
    if n > 1 {
        rest.push_str(&format!(
            " · binding {} of {n}: {}",
            r.choice + 1,
            r.binding()
        ));
    }
    let text = format!("Review: {head}{rest}");
    if text.width() <= width {
        // The mark and decision stand out; the rest is plain.
        return vec![Line::from(vec![
            Span::styled("Review: ".to_string(), t.heading()),
            Span::styled(head, t.claim_mark()),
            Span::styled(rest, t.plain()),
        ])];
    }
    wrap(&text, width, t.claim_mark(), &[]).0
}

/// The review marks in words, for the sections pane's legend.
pub fn legend(cx: &Context) -> Vec<(String, &'static str)> {
    if cx.drafts.is_none() {
        return vec![];
    }
    let t = cx.theme;
    [Decision::Draft, Decision::Accepted, Decision::Rejected]
        .into_iter()
        .map(|d| (t.review_symbol(d).to_string(), words(d)))
        .collect()
}
