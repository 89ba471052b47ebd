//! Presentation mode's state: the current slide of the deck, a typed count
//! for `<n>G`, a pending `g` for `gg`, and the index of slides. The
//! explorer's selection follows the slide, so leaving lands on the slide's claim.

use super::action::Action;
use super::app::App;
pub use super::deck::{Slide, Start, build, build_filtered, is_data_claim};

/// Where presentation mode is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Present {
    /// Index into `App::slides`.
    pub slide: usize,
    /// Digits typed so far (for `<n>G` and `<n>gg`).
    pub count: Option<usize>,
    /// A first `g` waits for its second.
    pub g: bool,
    /// The cursor of the slide index, while it is open.
    pub index: Option<usize>,
}

/// Rows the index moves by on PgUp/PgDn.
const INDEX_PAGE: usize = 10;

impl App {
    /// The slide showing a claim, or the title slide of a section.
    pub fn slide_of(&self, want: Slide) -> Option<usize> {
        self.shared.deck.position(want)
    }

    /// Enters presentation mode.
    pub fn start_presentation(&mut self, start: Start) -> Result<(), String> {
        let slide = match start {
            Start::First => 0,
            Start::Selection => self
                .selection
                .claim
                .and_then(|c| self.slide_of(Slide::Claim(c)))
                .or_else(|| self.slide_of(Slide::Section(self.selection.section)))
                .unwrap_or(0),
            Start::Section(id) => {
                self.select_section_id(&id)?;
                self.slide_of(Slide::Section(self.selection.section))
                    .unwrap_or(0)
            }
            Start::Claim(id) => {
                self.select_claim_id(&id)?;
                self.selection
                    .claim
                    .and_then(|c| self.slide_of(Slide::Claim(c)))
                    .unwrap_or(0)
            }
        };
        self.present = Some(Present::default());
        self.help = false;
        self.go_to_slide(slide);
        Ok(())
    }

    /// Shows slide `i` (clamped) and moves the explorer's selection with it.
    pub fn go_to_slide(&mut self, i: usize) {
        let n = self.shared.deck.len();
        let Some(p) = self.present.as_mut() else {
            return;
        };
        if n == 0 {
            p.slide = 0;
            return;
        }
        p.slide = i.min(n - 1);
        match self.shared.deck.slides[p.slide] {
            Slide::Claim(c) => {
                if self.selection.claim != Some(c) {
                    self.select_claim(Some(c));
                }
            }
            Slide::Section(s) => {
                if self.selection.section != s {
                    self.select_section(s);
                }
            }
        }
    }

    /// Shows or hides the slides of claims that are not data claims, staying on the
    /// current slide (or the nearest one before it).
    pub fn set_data_claims_only(&mut self, on: bool) {
        let current = self.current_slide().map(|c| c.1);
        let s = &mut self.shared;
        s.deck = super::deck::Deck::new(&s.case, &s.claim_order, on);
        let Some(cur) = current else {
            return;
        };
        let i = self.slide_of(cur).unwrap_or_else(|| {
            let sec = match cur {
                Slide::Claim(c) => self
                    .shared
                    .case
                    .article
                    .section_index(&self.shared.case.evaluations[c].section)
                    .unwrap_or(0),
                Slide::Section(s) => s,
            };
            self.slide_of(Slide::Section(sec)).unwrap_or(0)
        });
        self.go_to_slide(i);
    }

    /// The current slide, while presenting.
    pub fn current_slide(&self) -> Option<(usize, Slide)> {
        let p = self.present.as_ref()?;
        self.shared.deck.get(p.slide).map(|s| (p.slide, s))
    }
}

/// Presentation mode's share of `update`.
pub fn update(app: &mut App, action: Action) {
    let Some(mut p) = app.present.clone() else {
        return;
    };
    let n = app.shared.deck.len();
    let last = n.saturating_sub(1);
    if let Some(cur) = p.index {
        let cur = match action {
            Action::Up => cur.saturating_sub(1),
            Action::Down => (cur + 1).min(last),
            Action::PageUp => cur.saturating_sub(INDEX_PAGE),
            Action::PageDown => (cur + INDEX_PAGE).min(last),
            Action::First => 0,
            Action::Last => last,
            Action::Enter => {
                if let Some(q) = app.present.as_mut() {
                    q.index = None;
                }
                app.go_to_slide(cur);
                return;
            }
            Action::Back | Action::SlideIndex => {
                if let Some(q) = app.present.as_mut() {
                    q.index = None;
                }
                return;
            }
            _ => cur,
        };
        if let Some(q) = app.present.as_mut() {
            q.index = Some(cur);
        }
        return;
    }
    // A typed number means "slide n" (1-based) for G and gg.
    let numbered = |count: Option<usize>, default: usize| {
        count.map_or(default, |c| c.saturating_sub(1).min(last))
    };
    let target = match action {
        Action::Count(d) => {
            p.count = Some(
                p.count
                    .unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(usize::from(d))
                    .min(1_000_000),
            );
            p.g = false;
            app.present = Some(p);
            return;
        }
        Action::Go if !p.g => {
            p.g = true;
            app.present = Some(p);
            return;
        }
        Action::Go => Some(numbered(p.count, 0)),
        Action::Last => Some(numbered(p.count, last)),
        Action::First => Some(0),
        Action::NextSlide => Some((p.slide + 1).min(last)),
        Action::PrevSlide => Some(p.slide.saturating_sub(1)),
        Action::Scroll { down, .. } => Some(if down {
            (p.slide + 1).min(last)
        } else {
            p.slide.saturating_sub(1)
        }),
        Action::SlideIndex => {
            p.index = Some(p.slide);
            None
        }
        Action::DataClaimsOnly => {
            app.present = Some(p);
            let on = !app.shared.deck.data_only;
            app.set_data_claims_only(on);
            app.status = Some(if on {
                "Data claims only: opinion and rhetoric slides skipped (D shows them again)".into()
            } else {
                "Every claim's slide".into()
            });
            return;
        }
        Action::Back => {
            app.present = None;
            return;
        }
        _ => None,
    };
    p.count = None;
    p.g = false;
    app.present = Some(p);
    if let Some(t) = target {
        app.go_to_slide(t);
    }
}
