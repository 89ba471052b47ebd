//! Reviewing drafts in the explorer (`claimlens --case DIR` over a claims file
//! with `status = "draft"` claims): keys become calls on the library's review
//! ([`crate::draft::review`]), and drafts get their marks and a line on the card.

use super::action::Action;
use super::app::{App, Effect};
use super::slides;
use super::text::wrap;
use crate::claims::Evaluation;
use crate::draft::review::{Decision, Review};
use ratatui::text::{Line, Span};
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

/// The review under way.
#[derive(Clone, Debug)]
pub struct State {
    pub review: Review,
    /// `q` was pressed with decisions unwritten: the next `q` quits without writing.
    pub quit_asked: bool,
}

impl State {
    pub fn new(review: Review) -> State {
        State {
            review,
            quit_asked: false,
        }
    }
}

/// The decision on a claim, when it is under review.
pub fn decision(app: &App, e: &Evaluation) -> Option<Decision> {
    app.review.as_ref()?.review.get(&e.id).map(|r| r.decision)
}

fn words(d: Decision) -> &'static str {
    match d {
        Decision::Draft => "draft",
        Decision::Accepted => "accepted",
        Decision::Rejected => "rejected",
    }
}

/// A review key on the selected claim.
pub fn handle(app: &mut App, action: Action) {
    let Some(state) = app.review.as_mut() else {
        return;
    };
    if action == Action::WriteReview {
        app.effects.push(Effect::WriteReview);
        return;
    }
    let Some(id) = app
        .claim
        .and_then(|i| app.case.evaluations.get(i))
        .map(|e| e.id.clone())
    else {
        app.status = Some("No claim selected.".into());
        return;
    };
    if state.review.get(&id).is_none() {
        app.status = Some(format!("{id} is not a draft: nothing to review."));
        return;
    }
    let msg = match action {
        Action::AcceptDraft | Action::RejectDraft => {
            let d = if action == Action::AcceptDraft {
                Decision::Accepted
            } else {
                Decision::Rejected
            };
            match state.review.toggle(&id, d) {
                Ok(now) => {
                    let n = state.review.unwritten();
                    format!(
                        "{id}: {}. {n} decision{} not written yet.",
                        words(now),
                        if n == 1 { "" } else { "s" }
                    )
                }
                Err(m) => m,
            }
        }
        Action::NextAlternative | Action::PrevAlternative => {
            let step = if action == Action::NextAlternative {
                1
            } else {
                -1
            };
            let ds = app.ds.clone();
            match state.review.cycle(&ds, &id, step) {
                Ok(e) => {
                    let binding = state
                        .review
                        .get(&id)
                        .map(|r| r.binding().to_string())
                        .unwrap_or_default();
                    let msg = format!("Now {}: {id} bound {binding}.", e.verdict);
                    replace(app, e);
                    msg
                }
                Err(m) => m,
            }
        }
        _ => return,
    };
    app.status = Some(msg);
}

/// Puts a re-evaluated claim in the case, and lets the screens follow it.
fn replace(app: &mut App, e: Evaluation) {
    let case = Arc::make_mut(&mut app.case);
    if let Some(x) = case.evaluations.iter_mut().find(|x| x.id == e.id) {
        *x = e;
    }
    app.slides = Arc::new(slides::build_filtered(
        &app.case,
        &app.claim_order,
        app.data_claims_only,
    ));
    let keep = app.card_scroll;
    app.select_claim(app.claim);
    app.card_scroll = keep;
}

/// Writes the decisions (the effect of `W`); the line says what happened.
pub fn write(app: &mut App) -> String {
    match app.review.as_mut() {
        Some(s) => match s.review.write() {
            Ok(m) => m,
            Err(e) => format!("Not written: {e}"),
        },
        None => "No drafts under review.".into(),
    }
}

/// Quit, unless decisions are unwritten: then the first `q` asks, the second quits.
pub fn quit(app: &mut App) {
    if let Some(s) = app.review.as_mut() {
        let n = s.review.unwritten();
        if n > 0 && !s.quit_asked {
            s.quit_asked = true;
            app.status = Some(format!(
                "{n} decision{} not written: W writes, q again quits without writing ({}).",
                if n == 1 { "" } else { "s" },
                s.review.shown()
            ));
            return;
        }
    }
    app.quit = true;
}

/// Any key but quit takes back a question to quit.
pub fn forget_quit(app: &mut App, action: Action) {
    if !matches!(action, Action::Quit | Action::Resize { .. })
        && let Some(s) = app.review.as_mut()
    {
        if s.quit_asked && action == Action::Back {
            let n = s.review.unwritten();
            app.status = Some(format!(
                "Not quitting: {n} decision{} still not written (W writes).",
                if n == 1 { "" } else { "s" }
            ));
        }
        s.quit_asked = false;
    }
}

/// The card's lines for a claim under review: its mark and decision, the drafter's
/// confidence, and the binding in force among those on offer.
pub fn card_lines(app: &App, e: &Evaluation, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(r) = app.review.as_ref().and_then(|s| s.review.get(&e.id)) else {
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
pub fn legend(app: &App) -> Vec<(String, &'static str)> {
    if app.review.is_none() {
        return vec![];
    }
    let t = &app.theme;
    [Decision::Draft, Decision::Accepted, Decision::Rejected]
        .into_iter()
        .map(|d| (t.review_symbol(d).to_string(), words(d)))
        .collect()
}
