//! Presentation mode: the slide shown of the deck, a typed count for `<n>G`
//! and a pending `g` for `gg`; and the index of slides over it. The
//! explorer's selection follows the slide, so leaving lands on the slide's
//! claim. The slides are drawn by [`super::present`].

use super::action::Action;
use super::component::{Component, Open, Outcome};
use super::context::Context;
use super::deck::Slide;
use super::keymap::Scope;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Presentation mode, full screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slides {
    /// Index into the deck.
    slide: usize,
    /// Digits typed so far (for `<n>G` and `<n>gg`).
    count: Option<usize>,
    /// A first `g` waits for its second.
    g: bool,
}

impl Slides {
    /// The slide shown (an index into the deck).
    pub fn slide(&self) -> usize {
        self.slide
    }

    /// Shows slide `i` of the deck (clamped); the selection follows it.
    pub fn go_to(&mut self, i: usize, cx: &Context) -> Outcome {
        let n = cx.deck.len();
        if n == 0 {
            self.slide = 0;
            return Outcome::Done;
        }
        self.slide = i.min(n - 1);
        match cx.deck.get(self.slide) {
            Some(Slide::Claim(c)) if cx.selection.claim != Some(c) => Outcome::SelectClaim(Some(c)),
            Some(Slide::Section(s)) if cx.selection.section != s => Outcome::SelectSection(s),
            _ => Outcome::Done,
        }
    }
}

impl Component for Slides {
    /// Next and previous, first and last, `<n>G` and `gg`, the index, data
    /// claims only, and back to the explorer.
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        let last = cx.deck.len().saturating_sub(1);
        // A typed number means "slide n" (1-based) for G and gg.
        let numbered = |count: Option<usize>, default: usize| {
            count.map_or(default, |c| c.saturating_sub(1).min(last))
        };
        let target = match action {
            Action::Count(d) => {
                self.count = Some(
                    self.count
                        .unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(usize::from(d))
                        .min(1_000_000),
                );
                self.g = false;
                return Outcome::Done;
            }
            Action::Go if !self.g => {
                self.g = true;
                return Outcome::Done;
            }
            Action::Go => Some(numbered(self.count, 0)),
            Action::Last => Some(numbered(self.count, last)),
            Action::First => Some(0),
            Action::NextSlide => Some((self.slide + 1).min(last)),
            Action::PrevSlide => Some(self.slide.saturating_sub(1)),
            Action::Scroll { down, .. } => Some(if down {
                (self.slide + 1).min(last)
            } else {
                self.slide.saturating_sub(1)
            }),
            Action::DataClaimsOnly => {
                let on = !cx.deck.data_only;
                return Outcome::Many(vec![
                    Outcome::DataClaimsOnly(on),
                    Outcome::Status(if on {
                        "Data claims only: opinion and rhetoric slides skipped (D shows them again)"
                            .into()
                    } else {
                        "Every claim's slide".into()
                    }),
                ]);
            }
            Action::Back => return Outcome::Close,
            _ => None,
        };
        // Any other key forgets a count and a pending `g`.
        self.count = None;
        self.g = false;
        match (action, target) {
            (Action::SlideIndex, _) => Outcome::Open(Open::SlideIndex(self.slide)),
            (_, Some(t)) => self.go_to(t, cx),
            (_, None) => Outcome::Done,
        }
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        super::present::draw(cx, frame, area, self.slide);
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Present]
    }
}

/// Rows the index moves by on PgUp/PgDn.
const INDEX_PAGE: usize = 10;

/// The index of slides over the presentation: a list to pick one from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlideIndex {
    cursor: usize,
}

impl SlideIndex {
    /// The index, its cursor on slide `cursor`.
    pub fn new(cursor: usize) -> SlideIndex {
        SlideIndex { cursor }
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }
}

impl Component for SlideIndex {
    /// Moves the cursor; Enter shows its slide; Esc or `i` closes.
    fn handle(&mut self, action: Action, cx: &Context) -> Outcome {
        let last = cx.deck.len().saturating_sub(1);
        let cur = self.cursor;
        self.cursor = match action {
            Action::Up => cur.saturating_sub(1),
            Action::Down => (cur + 1).min(last),
            Action::PageUp => cur.saturating_sub(INDEX_PAGE),
            Action::PageDown => (cur + INDEX_PAGE).min(last),
            Action::First => 0,
            Action::Last => last,
            Action::Enter => return Outcome::Many(vec![Outcome::Close, Outcome::ShowSlide(cur)]),
            Action::Back | Action::SlideIndex => return Outcome::Close,
            _ => cur,
        };
        Outcome::Done
    }

    fn draw(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        super::present::draw_index(cx, frame, area, self.cursor);
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::SlideIndex]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::context::View;
    use crate::tui::testkit;

    #[test]
    fn a_count_then_g_goes_to_that_slide_and_the_selection_follows() {
        let shared = testkit::bundled();
        let cx = Context::new(&shared, View::default(), None, None);
        let mut s = Slides::default();
        assert_eq!(s.handle(Action::Count(1), &cx), Outcome::Done);
        assert_eq!(s.handle(Action::Count(2), &cx), Outcome::Done);
        let out = s.handle(Action::Last, &cx);
        assert_eq!(s.slide(), 11);
        let want = match cx.deck.get(11) {
            Some(Slide::Claim(c)) => Outcome::SelectClaim(Some(c)),
            Some(Slide::Section(i)) => Outcome::SelectSection(i),
            None => unreachable!("the bundled deck has more than 12 slides"),
        };
        assert_eq!(out, want);
        // A key in between forgets the count: G goes to the last slide.
        s.handle(Action::Count(3), &cx);
        s.handle(Action::Enter, &cx);
        s.handle(Action::Last, &cx);
        assert_eq!(s.slide(), cx.deck.len() - 1);
        assert_eq!(
            s.handle(Action::SlideIndex, &cx),
            Outcome::Open(Open::SlideIndex(cx.deck.len() - 1))
        );
        assert_eq!(s.handle(Action::Back, &cx), Outcome::Close);
    }

    #[test]
    fn the_index_moves_its_cursor_and_enter_shows_that_slide() {
        let shared = testkit::bundled();
        let cx = Context::new(&shared, View::default(), None, None);
        let mut i = SlideIndex::new(3);
        i.handle(Action::Down, &cx);
        i.handle(Action::PageDown, &cx);
        assert_eq!(i.cursor(), 14);
        assert_eq!(
            i.handle(Action::Enter, &cx),
            Outcome::Many(vec![Outcome::Close, Outcome::ShowSlide(14)])
        );
        assert_eq!(i.handle(Action::SlideIndex, &cx), Outcome::Close);
    }
}
