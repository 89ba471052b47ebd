//! Where each pane goes, as a pure function of the screen size (shared by
//! drawing and by mouse hit-testing, so clicks land where things are drawn).

use super::action::Pane;
use ratatui::layout::{Constraint, Layout, Rect};

/// Smallest screen the TUI draws on.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;
/// From this width on, three columns.
pub const WIDE: u16 = 120;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Areas {
    pub header: Rect,
    pub bar: Rect,
    pub sections: Rect,
    pub text: Rect,
    pub card: Rect,
    pub browser: Rect,
    /// Empty when the screen is too low for sparklines.
    pub sparks: Rect,
    /// Where the country chart goes when it is open.
    pub drill: Rect,
}

impl Areas {
    pub fn of(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Sections => self.sections,
            Pane::Text => self.text,
            Pane::Card => self.card,
            Pane::Browser => self.browser,
            Pane::Sparks => self.sparks,
        }
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        Pane::ORDER.into_iter().find(|p| {
            let r = self.of(*p);
            r.width > 0 && r.height > 0 && x >= r.x && x < r.right() && y >= r.y && y < r.bottom()
        })
    }
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn areas(area: Rect) -> Areas {
    if too_small(area) {
        return Areas::default();
    }
    let [header, body, bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    if area.width >= WIDE {
        // The sections pane grows with the screen (its titles are long).
        let side = (area.width / 5).clamp(26, 48);
        let [left, mid, right] = Layout::horizontal([
            Constraint::Length(side),
            Constraint::Percentage(42),
            Constraint::Min(1),
        ])
        .areas(body);
        let [text, card] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Min(1)]).areas(mid);
        let [browser, sparks] =
            Layout::vertical([Constraint::Percentage(58), Constraint::Min(1)]).areas(right);
        let drill = Rect::new(mid.x, body.y, body.right() - mid.x, body.height);
        Areas {
            header,
            bar,
            sections: left,
            text,
            card,
            browser,
            sparks,
            drill,
        }
    } else {
        let (main, sparks) = if body.height >= 34 {
            let [m, s] = Layout::vertical([Constraint::Min(1), Constraint::Length(9)]).areas(body);
            (m, s)
        } else {
            (body, Rect::default())
        };
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Min(1)]).areas(main);
        let [sections, text] = Layout::horizontal([
            Constraint::Length((area.width * 3 / 10).clamp(22, 32)),
            Constraint::Min(1),
        ])
        .areas(top);
        let [card, browser] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Min(1)]).areas(bottom);
        Areas {
            header,
            bar,
            sections,
            text,
            card,
            browser,
            sparks,
            drill: body,
        }
    }
}

/// First index to show so that `sel` is visible in a window of `n` items,
/// moving the old `first` as little as possible.
pub fn fit(first: usize, sel: usize, n: usize, len: usize) -> usize {
    if n == 0 || len == 0 {
        return 0;
    }
    let max_first = len.saturating_sub(n);
    let first = if sel < first {
        sel
    } else if sel >= first + n {
        sel + 1 - n
    } else {
        first
    };
    first.min(max_first)
}
