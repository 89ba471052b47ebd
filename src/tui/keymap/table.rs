//! The default table: every binding, scope by scope. Scopes are searched most
//! specific first, then Global; within a scope the help and the bar list the
//! bindings in this order.

use super::{Key, Scope};
use crate::tui::action::{Action, Pane};

/// One row of the default table.
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    /// Short words for the bottom bar.
    pub short: &'static str,
    /// What it does, for the help overlay.
    pub help: &'static str,
}

const fn b(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    short: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        short,
        help,
    }
}

use Key::*;
const SECTIONS: Scope = Scope::Pane(Pane::Sections);
const TEXT: Scope = Scope::Pane(Pane::Text);
const CARD: Scope = Scope::Pane(Pane::Card);
const BROWSER: Scope = Scope::Pane(Pane::Browser);
const SPARKS: Scope = Scope::Pane(Pane::Sparks);
const PRESENT: Scope = Scope::Present;
const INDEX: Scope = Scope::SlideIndex;
pub(super) const DIGITS: &[Key] = &[
    Char('0'),
    Char('1'),
    Char('2'),
    Char('3'),
    Char('4'),
    Char('5'),
    Char('6'),
    Char('7'),
    Char('8'),
    Char('9'),
];

/// Every binding (the defaults). Scopes are searched most specific first, then Global.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Sections pane
    b(SECTIONS, &[Up, Char('k')], Action::Up, "claim",
      "previous row: claim, or a section without claims"),
    b(SECTIONS, &[Down, Char('j')], Action::Down, "",
      "next row: claim, or a section without claims"),
    b(SECTIONS, &[PageUp], Action::PageUp, "section", "previous section (selects its first claim)"),
    b(SECTIONS, &[PageDown], Action::PageDown, "", "next section (selects its first claim)"),
    b(SECTIONS, &[Home, Char('g')], Action::First, "", "first section"),
    b(SECTIONS, &[End, Char('G')], Action::Last, "", "last section"),
    b(SECTIONS, &[Enter], Action::Enter, "read", "read the section (focus the article)"),

    // Article pane
    b(TEXT, &[Up, Char('k')], Action::Up, "scroll", "scroll the article up"),
    b(TEXT, &[Down, Char('j')], Action::Down, "", "scroll the article down"),
    b(TEXT, &[PageUp], Action::PageUp, "", "page up"),
    b(TEXT, &[PageDown, Char(' ')], Action::PageDown, "", "page down"),

    // Claim card
    b(CARD, &[Up, Char('k')], Action::Up, "scroll", "scroll the claim card up"),
    b(CARD, &[Down, Char('j')], Action::Down, "", "scroll the claim card down"),
    b(CARD, &[Enter], Action::Provenance, "sources",
      "where each evidence value comes from (file, release, URL, other vintages)"),

    // Browser: what it does first, then how to move (the bar keeps the front when room is short)
    b(BROWSER, &[Up, Char('k')], Action::Up, "row", "previous row"),
    b(BROWSER, &[Down, Char('j')], Action::Down, "", "next row"),
    b(BROWSER, &[Enter], Action::Provenance, "source",
      "where the selected value comes from (file, release, URL, other vintages, claims); on a bloc row: show or hide its members"),
    b(BROWSER, &[Char('/')], Action::StartFilter, "filter",
      "filter rows by name as `show` reads names (each / starts anew)"),
    b(BROWSER, &[Char('s')], Action::SortAsc, "sort", "sort by the selected month, ascending"),
    b(BROWSER, &[Char('S')], Action::SortDesc, "", "sort by the selected month, descending"),
    b(BROWSER, &[Char('m')], Action::CycleMeasure, "measure",
      "next measure (holdings, net purchases, valuation, change)"),
    b(BROWSER, &[Char('a')], Action::ToggleAggregates, "aggregates",
      "show or hide totals, regions and memo rows"),
    b(BROWSER, &[Char('b')], Action::ToggleBlocs, "blocs",
      "countries or blocs (G7, BRICS, ...); Enter on a bloc shows or hides its members"),
    b(BROWSER, &[Char('c')], Action::Chart, "chart", "open the country's chart"),
    b(BROWSER, &[Left, Char('h')], Action::Left, "month", "earlier month"),
    b(BROWSER, &[Right, Char('l')], Action::Right, "", "later month"),
    b(BROWSER, &[Home, Char('g')], Action::First, "", "oldest month"),
    b(BROWSER, &[End, Char('G')], Action::Last, "", "newest month"),
    b(BROWSER, &[PageUp], Action::PageUp, "page", "a page of rows up"),
    b(BROWSER, &[PageDown], Action::PageDown, "", "a page of rows down"),
    b(BROWSER, &[Esc], Action::FilterCancel, "clear filter", "clear the kept filter"),

    // Sparklines
    b(SPARKS, &[Up, Char('k')], Action::Up, "series", "previous series"),
    b(SPARKS, &[Down, Char('j')], Action::Down, "", "next series"),
    b(SPARKS, &[Enter], Action::Enter, "chart", "open the series' country chart"),

    // Country chart (drill-down)
    b(Scope::Drill, &[Esc, Backspace], Action::Back, "back", "close the chart"),
    b(Scope::Drill, &[Up, Char('k')], Action::Up, "country", "previous row's country"),
    b(Scope::Drill, &[Down, Char('j')], Action::Down, "", "next row's country"),
    b(Scope::Drill, &[Char('+'), Char('=')], Action::ZoomIn, "zoom", "zoom in"),
    b(Scope::Drill, &[Char('-')], Action::ZoomOut, "", "zoom out"),
    b(Scope::Drill, &[Char('m')], Action::CycleMeasure, "measure", "next measure"),

    // Share chart
    b(Scope::ShareChart, &[Esc, Backspace], Action::Back, "back", "close the share chart (w too)"),

    // Typing a filter
    b(Scope::Filter, &[Enter], Action::FilterAccept, "keep", "keep the filter"),
    b(Scope::Filter, &[Esc], Action::FilterCancel, "cancel", "cancel the filter"),
    b(Scope::Filter, &[Backspace], Action::FilterBackspace, "delete",
      "delete a character (other keys type)"),

    // Help overlay (and the sources view)
    b(Scope::Help, &[Esc], Action::Back, "close", "close the help"),
    b(Scope::Help, &[Char('?')], Action::ToggleHelp, "", "close the help"),
    b(Scope::Help, &[Up, Char('k')], Action::Up, "scroll", "scroll the help up"),
    b(Scope::Help, &[Down, Char('j')], Action::Down, "", "scroll the help down"),
    b(Scope::Help, &[Char('q'), Ctrl('c')], Action::Quit, "quit", "quit"),

    // Everywhere in the explorer
    b(Scope::Global, &[Tab], Action::NextPane, "pane", "next pane"),
    b(Scope::Global, &[BackTab], Action::PrevPane, "", "previous pane"),
    b(Scope::Global, &[Char(']')], Action::NextClaim, "claim", "next claim"),
    b(Scope::Global, &[Char('[')], Action::PrevClaim, "", "previous claim"),
    b(Scope::Global, &[Char('?')], Action::ToggleHelp, "help", "show or hide this help"),
    b(Scope::Global, &[Char('q'), Ctrl('c')], Action::Quit, "quit", "quit"),
    b(Scope::Global, &[Char('+'), Char('=')], Action::ZoomIn, "zoom",
      "zoom the sparklines and charts in (fewer months around the claim's window)"),
    b(Scope::Global, &[Char('-')], Action::ZoomOut, "", "zoom out (more months)"),
    b(Scope::Global, &[Char('w')], Action::ShareChart, "shares",
      "who holds the debt: each bloc's share of all foreign holdings since 2000"),
    b(Scope::Global, &[Char('p')], Action::Present, "present",
      "present: full-screen slides, starting at this claim"),
    b(Scope::Global, &[Char('e')], Action::Export, "export",
      "export this claim's evidence (CSV) and chart (SVG) into the current folder"),

    // Presentation
    b(PRESENT, &[Right, Char('l'), Char('j'), Down, Char(' '), PageDown], Action::NextSlide, "next",
      "next slide"),
    b(PRESENT, &[Left, Char('h'), Char('k'), Up, PageUp], Action::PrevSlide, "prev",
      "previous slide"),
    b(PRESENT, &[Char('g')], Action::Go, "first", "first slide (after a number: that slide)"),
    b(PRESENT, &[Home], Action::First, "", "first slide"),
    b(PRESENT, &[Char('G'), End], Action::Last, "last",
      "last slide (after a number: that slide, e.g. 12G)"),
    b(PRESENT, DIGITS, Action::Count(0), "", "slide number, then G (or gg) to go there"),
    b(PRESENT, &[Char('i')], Action::SlideIndex, "index", "index of slides (Enter shows one)"),
    b(PRESENT, &[Char('?')], Action::ToggleHelp, "help", "show or hide this help"),
    b(PRESENT, &[Char('D')], Action::DataClaimsOnly, "data only",
      "data claims only: skip the slides of opinion and rhetoric (again: show all)"),
    b(PRESENT, &[Char('q'), Esc], Action::Back, "back",
      "back to the explorer, at this slide's claim"),
    b(PRESENT, &[Ctrl('c')], Action::Quit, "quit", "quit claimlens"),

    // Index of slides
    b(INDEX, &[Up, Char('k')], Action::Up, "slide", "previous slide"),
    b(INDEX, &[Down, Char('j')], Action::Down, "", "next slide"),
    b(INDEX, &[PageUp], Action::PageUp, "", "page up"),
    b(INDEX, &[PageDown], Action::PageDown, "", "page down"),
    b(INDEX, &[Home, Char('g')], Action::First, "", "first slide"),
    b(INDEX, &[End, Char('G')], Action::Last, "", "last slide"),
    b(INDEX, &[Enter], Action::Enter, "show", "show the selected slide"),
    b(INDEX, &[Esc, Char('q')], Action::Back, "close", "close the index"),
    b(INDEX, &[Char('i')], Action::SlideIndex, "", "close the index"),
    b(INDEX, &[Ctrl('c')], Action::Quit, "quit", "quit claimlens"),

    // Reviewing drafts
    b(Scope::Review, &[Char('A')], Action::AcceptDraft, "accept",
      "accept the selected draft as bound now (again: back to draft)"),
    b(Scope::Review, &[Char('R')], Action::RejectDraft, "reject",
      "reject the selected draft: not evaluated once written (again: back to draft)"),
    b(Scope::Review, &[Char('o')], Action::NextAlternative, "other",
      "bind the draft by its next alternative (entity, window or measure); the verdict is recomputed"),
    b(Scope::Review, &[Char('O')], Action::PrevAlternative, "",
      "bind the draft by its previous alternative"),
    b(Scope::Review, &[Char('W')], Action::WriteReview, "write",
      "write the decisions to claims.toml (comments and order kept; q asks first when some are unwritten)"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bound_action_has_a_config_name() {
        for b in BINDINGS {
            if !matches!(b.action, Action::Count(_)) {
                assert!(b.action.name().is_some(), "{:?}", b.action);
            }
        }
    }
}
