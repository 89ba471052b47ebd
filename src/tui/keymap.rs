//! The one keymap table: it dispatches keys, and it writes the help overlay
//! and the bottom bar, so the three can never disagree.

use super::action::{ACTION_NAMES, Action, Pane};
use crate::config::Config;
use crate::error::InputError;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key as the keymap sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    Pane(Pane),
    /// The country chart (drill-down).
    Drill,
    /// The share chart (`w`): nothing under it moves.
    ShareChart,
    /// Typing a filter.
    Filter,
    /// The help overlay.
    Help,
    /// Presentation mode: one slide per claim, full screen.
    Present,
    /// The index of slides (a list to pick from).
    SlideIndex,
    /// The explorer over a claims file with drafts (`--case DIR`).
    Review,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Pane(p) => p.title(),
            Scope::Drill => "Country chart",
            Scope::ShareChart => "Share chart",
            Scope::Filter => "Filter (typing)",
            Scope::Help => "Help",
            Scope::Present => "Presentation",
            Scope::SlideIndex => "Slide index",
            Scope::Review => "Reviewing drafts (--case)",
        }
    }
}

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
const DIGITS: &[Key] = &[
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
pub static BINDINGS: &[Binding] = &[
    b(
        SECTIONS,
        &[Up, Char('k')],
        Action::Up,
        "claim",
        "previous row: claim, or a section without claims",
    ),
    b(
        SECTIONS,
        &[Down, Char('j')],
        Action::Down,
        "",
        "next row: claim, or a section without claims",
    ),
    b(
        SECTIONS,
        &[PageUp],
        Action::PageUp,
        "section",
        "previous section (selects its first claim)",
    ),
    b(
        SECTIONS,
        &[PageDown],
        Action::PageDown,
        "",
        "next section (selects its first claim)",
    ),
    b(
        SECTIONS,
        &[Home, Char('g')],
        Action::First,
        "",
        "first section",
    ),
    b(
        SECTIONS,
        &[End, Char('G')],
        Action::Last,
        "",
        "last section",
    ),
    b(
        SECTIONS,
        &[Enter],
        Action::Enter,
        "read",
        "read the section (focus the article)",
    ),
    b(
        TEXT,
        &[Up, Char('k')],
        Action::Up,
        "scroll",
        "scroll the article up",
    ),
    b(
        TEXT,
        &[Down, Char('j')],
        Action::Down,
        "",
        "scroll the article down",
    ),
    b(TEXT, &[PageUp], Action::PageUp, "", "page up"),
    b(
        TEXT,
        &[PageDown, Char(' ')],
        Action::PageDown,
        "",
        "page down",
    ),
    b(
        CARD,
        &[Up, Char('k')],
        Action::Up,
        "scroll",
        "scroll the claim card up",
    ),
    b(
        CARD,
        &[Down, Char('j')],
        Action::Down,
        "",
        "scroll the claim card down",
    ),
    b(
        CARD,
        &[Enter],
        Action::Provenance,
        "sources",
        "where each evidence value comes from (file, release, URL, other vintages)",
    ),
    b(BROWSER, &[Up, Char('k')], Action::Up, "row", "previous row"),
    b(BROWSER, &[Down, Char('j')], Action::Down, "", "next row"),
    b(
        BROWSER,
        &[Left, Char('h')],
        Action::Left,
        "month",
        "earlier month",
    ),
    b(
        BROWSER,
        &[Right, Char('l')],
        Action::Right,
        "",
        "later month",
    ),
    b(BROWSER, &[PageUp], Action::PageUp, "", "page up"),
    b(BROWSER, &[PageDown], Action::PageDown, "", "page down"),
    b(
        BROWSER,
        &[Home, Char('g')],
        Action::First,
        "",
        "oldest month",
    ),
    b(BROWSER, &[End, Char('G')], Action::Last, "", "newest month"),
    b(
        BROWSER,
        &[Enter],
        Action::Provenance,
        "source",
        "where the selected value comes from (file, release, URL, other vintages, claims); on a bloc row: show or hide its members",
    ),
    b(
        BROWSER,
        &[Char('c')],
        Action::Chart,
        "chart",
        "open the country's chart",
    ),
    b(
        BROWSER,
        &[Char('/')],
        Action::StartFilter,
        "filter",
        "filter rows by name",
    ),
    b(
        BROWSER,
        &[Char('s')],
        Action::SortAsc,
        "sort",
        "sort by the selected month, ascending",
    ),
    b(
        BROWSER,
        &[Char('S')],
        Action::SortDesc,
        "",
        "sort by the selected month, descending",
    ),
    b(
        BROWSER,
        &[Char('m')],
        Action::CycleMeasure,
        "measure",
        "next measure (holdings, net purchases, valuation, change)",
    ),
    b(
        BROWSER,
        &[Char('a')],
        Action::ToggleAggregates,
        "aggregates",
        "show or hide totals, regions and memo rows",
    ),
    b(
        BROWSER,
        &[Char('b')],
        Action::ToggleBlocs,
        "blocs",
        "countries or blocs (G7, BRICS, ...); Enter on a bloc shows or hides its members",
    ),
    b(
        SPARKS,
        &[Up, Char('k')],
        Action::Up,
        "series",
        "previous series",
    ),
    b(SPARKS, &[Down, Char('j')], Action::Down, "", "next series"),
    b(
        SPARKS,
        &[Enter],
        Action::Enter,
        "chart",
        "open the series' country chart",
    ),
    b(
        SPARKS,
        &[Char('+'), Char('=')],
        Action::ZoomIn,
        "zoom",
        "zoom in (fewer months around the window)",
    ),
    b(
        SPARKS,
        &[Char('-')],
        Action::ZoomOut,
        "",
        "zoom out (more months)",
    ),
    b(
        Scope::Drill,
        &[Esc, Backspace],
        Action::Back,
        "back",
        "close the chart",
    ),
    b(
        Scope::Drill,
        &[Up, Char('k')],
        Action::Up,
        "country",
        "previous row's country",
    ),
    b(
        Scope::Drill,
        &[Down, Char('j')],
        Action::Down,
        "",
        "next row's country",
    ),
    b(
        Scope::Drill,
        &[Char('+'), Char('=')],
        Action::ZoomIn,
        "zoom",
        "zoom in",
    ),
    b(Scope::Drill, &[Char('-')], Action::ZoomOut, "", "zoom out"),
    b(
        Scope::Drill,
        &[Char('m')],
        Action::CycleMeasure,
        "measure",
        "next measure",
    ),
    b(
        Scope::ShareChart,
        &[Esc, Backspace],
        Action::Back,
        "back",
        "close the share chart (w too)",
    ),
    b(
        Scope::Filter,
        &[Enter],
        Action::FilterAccept,
        "keep",
        "keep the filter",
    ),
    b(
        Scope::Filter,
        &[Esc],
        Action::FilterCancel,
        "cancel",
        "cancel the filter",
    ),
    b(
        Scope::Filter,
        &[Backspace],
        Action::FilterBackspace,
        "delete",
        "delete a character (other keys type)",
    ),
    b(Scope::Help, &[Esc], Action::Back, "close", "close the help"),
    b(
        Scope::Help,
        &[Char('?')],
        Action::ToggleHelp,
        "",
        "close the help",
    ),
    b(
        Scope::Help,
        &[Up, Char('k')],
        Action::Up,
        "scroll",
        "scroll the help up",
    ),
    b(
        Scope::Help,
        &[Down, Char('j')],
        Action::Down,
        "",
        "scroll the help down",
    ),
    b(
        Scope::Help,
        &[Char('q'), Ctrl('c')],
        Action::Quit,
        "quit",
        "quit",
    ),
    b(Scope::Global, &[Tab], Action::NextPane, "pane", "next pane"),
    b(
        Scope::Global,
        &[BackTab],
        Action::PrevPane,
        "",
        "previous pane",
    ),
    b(
        Scope::Global,
        &[Char(']')],
        Action::NextClaim,
        "claim",
        "next claim",
    ),
    b(
        Scope::Global,
        &[Char('[')],
        Action::PrevClaim,
        "",
        "previous claim",
    ),
    b(
        Scope::Global,
        &[Char('?')],
        Action::ToggleHelp,
        "help",
        "show or hide this help",
    ),
    b(
        Scope::Global,
        &[Char('q'), Ctrl('c')],
        Action::Quit,
        "quit",
        "quit",
    ),
    b(
        Scope::Global,
        &[Char('w')],
        Action::ShareChart,
        "shares",
        "who holds the debt: each bloc's share of all foreign holdings since 2000",
    ),
    b(
        Scope::Global,
        &[Char('p')],
        Action::Present,
        "present",
        "present: full-screen slides, starting at this claim",
    ),
    b(
        Scope::Global,
        &[Char('e')],
        Action::Export,
        "export",
        "export this claim's evidence (CSV) and chart (SVG) into the current folder",
    ),
    b(
        PRESENT,
        &[Right, Char('l'), Char('j'), Down, Char(' '), PageDown],
        Action::NextSlide,
        "next",
        "next slide",
    ),
    b(
        PRESENT,
        &[Left, Char('h'), Char('k'), Up, PageUp],
        Action::PrevSlide,
        "prev",
        "previous slide",
    ),
    b(
        PRESENT,
        &[Char('g')],
        Action::Go,
        "first",
        "first slide (after a number: that slide)",
    ),
    b(PRESENT, &[Home], Action::First, "", "first slide"),
    b(
        PRESENT,
        &[Char('G'), End],
        Action::Last,
        "last",
        "last slide (after a number: that slide, e.g. 12G)",
    ),
    b(
        PRESENT,
        DIGITS,
        Action::Count(0),
        "",
        "slide number, then G (or gg) to go there",
    ),
    b(
        PRESENT,
        &[Char('i')],
        Action::SlideIndex,
        "index",
        "index of slides (Enter shows one)",
    ),
    b(
        PRESENT,
        &[Char('?')],
        Action::ToggleHelp,
        "help",
        "show or hide this help",
    ),
    b(
        PRESENT,
        &[Char('D')],
        Action::DataClaimsOnly,
        "data only",
        "data claims only: skip the slides of opinion and rhetoric (again: show all)",
    ),
    b(
        PRESENT,
        &[Char('q'), Esc],
        Action::Back,
        "back",
        "back to the explorer, at this slide's claim",
    ),
    b(
        PRESENT,
        &[Ctrl('c')],
        Action::Quit,
        "quit",
        "quit claimlens",
    ),
    b(
        INDEX,
        &[Up, Char('k')],
        Action::Up,
        "slide",
        "previous slide",
    ),
    b(INDEX, &[Down, Char('j')], Action::Down, "", "next slide"),
    b(INDEX, &[PageUp], Action::PageUp, "", "page up"),
    b(INDEX, &[PageDown], Action::PageDown, "", "page down"),
    b(INDEX, &[Home, Char('g')], Action::First, "", "first slide"),
    b(INDEX, &[End, Char('G')], Action::Last, "", "last slide"),
    b(
        INDEX,
        &[Enter],
        Action::Enter,
        "show",
        "show the selected slide",
    ),
    b(
        INDEX,
        &[Esc, Char('q')],
        Action::Back,
        "close",
        "close the index",
    ),
    b(
        INDEX,
        &[Char('i')],
        Action::SlideIndex,
        "",
        "close the index",
    ),
    b(INDEX, &[Ctrl('c')], Action::Quit, "quit", "quit claimlens"),
    b(
        Scope::Review,
        &[Char('A')],
        Action::AcceptDraft,
        "accept",
        "accept the selected draft as bound now (again: back to draft)",
    ),
    b(
        Scope::Review,
        &[Char('R')],
        Action::RejectDraft,
        "reject",
        "reject the selected draft: not evaluated once written (again: back to draft)",
    ),
    b(
        Scope::Review,
        &[Char('o')],
        Action::NextAlternative,
        "other",
        "bind the draft by its next alternative (entity, window or measure); the verdict is recomputed",
    ),
    b(
        Scope::Review,
        &[Char('O')],
        Action::PrevAlternative,
        "",
        "bind the draft by its previous alternative",
    ),
    b(
        Scope::Review,
        &[Char('W')],
        Action::WriteReview,
        "write",
        "write the decisions to claims.toml (comments and order kept; q asks first when some are unwritten)",
    ),
];

impl Key {
    /// Name for help and the bar.
    pub fn name(self, ascii: bool) -> String {
        let s = match (self, ascii) {
            (Char(' '), _) => "Space",
            (Char(c), _) => return c.to_string(),
            (Ctrl(c), _) => return format!("Ctrl-{c}"),
            (Enter, _) => "Enter",
            (Esc, _) => "Esc",
            (Tab, _) => "Tab",
            (BackTab, _) => "S-Tab",
            (Up, false) => "↑",
            (Down, false) => "↓",
            (Left, false) => "←",
            (Right, false) => "→",
            (Up, true) => "Up",
            (Down, true) => "Down",
            (Left, true) => "Left",
            (Right, true) => "Right",
            (PageUp, _) => "PgUp",
            (PageDown, _) => "PgDn",
            (Home, _) => "Home",
            (End, _) => "End",
            (Backspace, _) => "Bksp",
        };
        s.to_string()
    }

    /// The key of a terminal event (presses only).
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        Some(match ev.code {
            KeyCode::Char(c) if ctrl => Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(c) => Char(c),
            KeyCode::Enter => Enter,
            KeyCode::Esc => Esc,
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => BackTab,
            KeyCode::Tab => Tab,
            KeyCode::BackTab => BackTab,
            KeyCode::Up => Up,
            KeyCode::Down => Down,
            KeyCode::Left => Left,
            KeyCode::Right => Right,
            KeyCode::PageUp => PageUp,
            KeyCode::PageDown => PageDown,
            KeyCode::Home => Home,
            KeyCode::End => End,
            KeyCode::Backspace => Backspace,
            _ => return None,
        })
    }
}

/// Keys of a binding joined for display, e.g. `↑/k`; digits show as `0-9`
/// and the keys of [`Action::Go`] doubled (`gg`).
pub fn keys_label(keys: &[Key], action: Action, ascii: bool) -> String {
    if matches!(action, Action::Count(_)) {
        return "0-9".into();
    }
    keys.iter()
        .map(|k| {
            let n = k.name(ascii);
            if action == Action::Go {
                format!("{n}{n}")
            } else {
                n
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A binding in force: a row of the default table, its keys possibly replaced
/// by the config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bound {
    pub scope: Scope,
    pub keys: Vec<Key>,
    pub action: Action,
    pub short: &'static str,
    pub help: &'static str,
    /// 1-based line of the config entry that set the keys.
    pub line: Option<usize>,
}

impl Bound {
    pub fn label(&self, ascii: bool) -> String {
        keys_label(&self.keys, self.action, ascii)
    }
}

/// The keymap in force: dispatch, help and the bottom bar all read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Bound>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS
                .iter()
                .map(|b| Bound {
                    scope: b.scope,
                    keys: b.keys.to_vec(),
                    action: b.action,
                    short: b.short,
                    help: b.help,
                    line: None,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The defaults with the config file's `[keys]` applied action by action:
    /// an action named there gets exactly the keys given, in every scope.
    /// A key that would then reach two actions on one screen is an error at
    /// the line of the entry that bound it.
    pub fn with_config(cfg: &Config) -> Result<Keymap, InputError> {
        let mut map = Keymap::default();
        for setting in &cfg.keys {
            let at = |msg: String| InputError::at(&cfg.file, setting.line, msg);
            let action = Action::from_name(&setting.action).ok_or_else(|| {
                let names: Vec<&str> = ACTION_NAMES.iter().map(|(n, _)| *n).collect();
                at(format!(
                    "[keys]: unknown action {:?}; expected one of {}",
                    setting.action,
                    names.join(", ")
                ))
            })?;
            let mut keys: Vec<Key> = Vec::new();
            for n in &setting.keys {
                let key = Key::from_name(n).ok_or_else(|| {
                    at(format!(
                        "[keys] {}: cannot read key {n:?}; expected a single character or one of {KEY_NAMES}",
                        setting.action
                    ))
                })?;
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            for b in map.bindings.iter_mut().filter(|b| b.action == action) {
                b.keys = keys.clone();
                b.line = Some(setting.line);
            }
        }
        if let Some((line, msg)) = map.conflict() {
            return Err(InputError::new(cfg.file.clone(), line, msg));
        }
        Ok(map)
    }

    /// The first key that reaches two different actions on one screen.
    pub fn conflict(&self) -> Option<(Option<usize>, String)> {
        let mut found: Vec<(Option<usize>, String)> = Vec::new();
        for stack in stacks() {
            let list: Vec<&Bound> = self.bindings_of(&stack).collect();
            for (i, x) in list.iter().enumerate() {
                for y in &list[i + 1..] {
                    if x.action == y.action {
                        continue;
                    }
                    if let Some(k) = x.keys.iter().find(|k| y.keys.contains(k)) {
                        let name = |b: &Bound| b.action.name().unwrap_or("a slide number");
                        let (set, other) = if y.line >= x.line { (y, x) } else { (x, y) };
                        found.push((
                            set.line,
                            format!(
                                "key {:?} for {} is already bound to {} in {}; pick another key or rebind {} too",
                                k.config_name(),
                                name(set),
                                name(other),
                                other.scope.title(),
                                name(other),
                            ),
                        ));
                    }
                }
            }
        }
        found.sort_by_key(|(l, _)| *l);
        found.into_iter().next()
    }

    /// The action bound to `key` in the first scope (of `scopes`) that binds it.
    pub fn lookup(&self, scopes: &[Scope], key: Key) -> Option<Action> {
        scopes.iter().find_map(|s| {
            self.bindings
                .iter()
                .find(|b| b.scope == *s && b.keys.contains(&key))
                .map(|b| match (b.action, key) {
                    (Action::Count(_), Char(c)) => Action::Count(c.to_digit(10).unwrap_or(0) as u8),
                    (a, _) => a,
                })
        })
    }

    /// Bindings of the given scopes, in table order, scope by scope.
    pub fn bindings_of<'a>(&'a self, scopes: &'a [Scope]) -> impl Iterator<Item = &'a Bound> + 'a {
        scopes
            .iter()
            .flat_map(|s| self.bindings.iter().filter(move |b| b.scope == *s))
    }

    /// The keys of an action in a scope (for hints in messages).
    pub fn keys_of(&self, scope: Scope, action: Action) -> Option<&[Key]> {
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.action == action)
            .map(|b| b.keys.as_slice())
    }

    /// Bar entries (`keys`, `short`, action): bindings with a short word; a binding with an
    /// empty word joins its keys to the one before (`↑/k ↓/j row`).
    pub fn bar_entries(
        &self,
        scopes: &[Scope],
        ascii: bool,
    ) -> Vec<(String, &'static str, Action)> {
        let mut out: Vec<(String, &'static str, Action)> = Vec::new();
        for b in self.bindings_of(scopes) {
            if matches!(b.action, Action::Count(_)) {
                continue;
            }
            let first = match b.keys.first() {
                Some(k) => keys_label(&[*k], b.action, ascii),
                None => continue,
            };
            match out.last_mut() {
                Some(last) if b.short.is_empty() => {
                    last.0.push(' ');
                    last.0.push_str(&first);
                }
                _ => out.push((first, b.short, b.action)),
            }
        }
        out
    }
}

/// Every scope, in the order help lists them.
pub fn all_scopes() -> Vec<Scope> {
    let mut v = vec![Scope::Global];
    v.extend(Pane::ORDER.iter().map(|p| Scope::Pane(*p)));
    v.push(Scope::Review);
    v.extend([
        Scope::Drill,
        Scope::ShareChart,
        Scope::Filter,
        Scope::Help,
        Scope::Present,
        Scope::SlideIndex,
    ]);
    v
}

/// Every list of scopes the app dispatches through (see `App::scopes`).
pub fn stacks() -> Vec<Vec<Scope>> {
    let mut v: Vec<Vec<Scope>> = Pane::ORDER
        .iter()
        .map(|p| vec![Scope::Pane(*p), Scope::Global])
        .collect();
    // Reviewing drafts adds its keys to every pane's.
    v.extend(
        Pane::ORDER
            .iter()
            .map(|p| vec![Scope::Pane(*p), Scope::Review, Scope::Global]),
    );
    v.push(vec![Scope::Drill, Scope::Global]);
    v.push(vec![Scope::ShareChart, Scope::Global]);
    v.extend([
        vec![Scope::Filter],
        vec![Scope::Help],
        vec![Scope::Present],
        vec![Scope::SlideIndex],
    ]);
    v
}

/// Names accepted for keys, besides a single character.
pub const KEY_NAMES: &str =
    "Space, Enter, Esc, Tab, S-Tab, Up, Down, Left, Right, PgUp, PgDn, Home, End, Bksp, Ctrl-x";

impl Key {
    /// A key from its name: a single character (`x`, `?`), or one of
    /// [`KEY_NAMES`] (any case; `<Tab>` with brackets also works; `C-x` for Ctrl-x).
    pub fn from_name(name: &str) -> Option<Key> {
        let name = name
            .strip_prefix('<')
            .and_then(|n| n.strip_suffix('>'))
            .filter(|n| !n.is_empty())
            .unwrap_or(name);
        let mut chars = name.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(Char(c));
        }
        let lower = name.to_ascii_lowercase();
        for prefix in ["ctrl-", "ctrl+", "c-"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                let mut cs = rest.chars();
                return match (cs.next(), cs.next()) {
                    (Some(c), None) if c.is_ascii_graphic() => Some(Ctrl(c)),
                    _ => None,
                };
            }
        }
        Some(match lower.as_str() {
            "tab" => Tab,
            "s-tab" | "backtab" | "shift-tab" => BackTab,
            "enter" | "cr" | "return" => Enter,
            "esc" | "escape" => Esc,
            "up" => Up,
            "down" => Down,
            "left" => Left,
            "right" => Right,
            "pgup" | "pageup" => PageUp,
            "pgdn" | "pagedown" => PageDown,
            "home" => Home,
            "end" => End,
            "bksp" | "bs" | "backspace" => Backspace,
            "space" => Char(' '),
            "lt" => Char('<'),
            "gt" => Char('>'),
            _ => return None,
        })
    }

    /// The name a config file would use for the key.
    pub fn config_name(self) -> String {
        match self {
            Up => "Up".into(),
            Down => "Down".into(),
            Left => "Left".into(),
            Right => "Right".into(),
            k => k.name(true),
        }
    }
}

/// Parses a key sequence such as `jj]<Tab><Enter>/jap<Esc>`.
/// Names in angle brackets: Tab, S-Tab (BackTab), Enter (CR), Esc, Up, Down,
/// Left, Right, PgUp, PgDn, Home, End, Bksp (BS), Space, lt (a literal `<`), C-x (Ctrl).
pub fn parse_keys(s: &str) -> Result<Vec<Key>, String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '<' {
            out.push(Char(c));
            continue;
        }
        let mut name = String::new();
        let mut closed = false;
        for c in chars.by_ref() {
            if c == '>' {
                closed = true;
                break;
            }
            name.push(c);
        }
        if !closed {
            return Err(format!(
                "unclosed key name <{name} in {s:?}; expected e.g. <Tab>"
            ));
        }
        let Some(key) = Key::from_name(&name).filter(|_| name.chars().count() > 1) else {
            return Err(format!(
                "unknown key <{name}>; expected one of Tab, S-Tab, Enter, Esc, Up, Down, Left, Right, PgUp, PgDn, Home, End, Bksp, Space, lt, gt, C-x"
            ));
        };
        out.push(key);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_sequences() {
        assert_eq!(
            parse_keys("j<Tab><S-Tab><Enter>/<lt>").unwrap(),
            vec![Char('j'), Tab, BackTab, Enter, Char('/'), Char('<')]
        );
        assert!(parse_keys("<Nope>").is_err());
        assert!(parse_keys("<Tab").is_err());
    }

    #[test]
    fn no_key_reaches_two_actions_on_one_screen() {
        let map = Keymap::default();
        assert_eq!(map.conflict(), None);
        for s in all_scopes() {
            let mut seen = std::collections::HashSet::new();
            for b in map.bindings_of(&[s]) {
                for k in &b.keys {
                    assert!(seen.insert(*k), "{k:?} bound twice in {s:?}");
                }
            }
        }
    }

    #[test]
    fn specific_scopes_win_over_global() {
        let map = Keymap::default();
        let drill = [Scope::Drill, Scope::Global];
        assert_eq!(map.lookup(&drill, Esc), Some(Action::Back));
        assert_eq!(map.lookup(&drill, Char('q')), Some(Action::Quit));
        let browser = [Scope::Pane(Pane::Browser), Scope::Global];
        assert_eq!(map.lookup(&browser, Char('m')), Some(Action::CycleMeasure));
        assert_eq!(
            map.lookup(&[Scope::Pane(Pane::Text), Scope::Global], Char('m')),
            None
        );
        assert_eq!(
            map.lookup(&[Scope::Present], Char('7')),
            Some(Action::Count(7))
        );
    }

    #[test]
    fn key_names() {
        assert_eq!(Key::from_name("x"), Some(Char('x')));
        assert_eq!(Key::from_name("X"), Some(Char('X')));
        assert_eq!(Key::from_name("space"), Some(Char(' ')));
        assert_eq!(Key::from_name("<PgDn>"), Some(PageDown));
        assert_eq!(Key::from_name("Ctrl-N"), Some(Ctrl('n')));
        assert_eq!(Key::from_name("C-x"), Some(Ctrl('x')));
        assert_eq!(Key::from_name("Ctrl+"), None);
        assert_eq!(Key::from_name("F13"), None);
        assert_eq!(Key::from_name(""), None);
        assert_eq!(keys_label(&[Char('g')], Action::Go, false), "gg");
        assert_eq!(keys_label(DIGITS, Action::Count(0), false), "0-9");
    }

    #[test]
    fn every_bound_action_has_a_config_name() {
        for b in BINDINGS {
            if !matches!(b.action, Action::Count(_)) {
                assert!(b.action.name().is_some(), "{:?}", b.action);
            }
        }
    }
}
