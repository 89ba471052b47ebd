//! The one keymap table: it dispatches keys, and it writes the help overlay
//! and the bottom bar, so the three can never disagree.

use super::action::{Action, Pane};
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
    /// Typing a filter.
    Filter,
    /// The help overlay.
    Help,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Pane(p) => p.title(),
            Scope::Drill => "Country chart",
            Scope::Filter => "Filter (typing)",
            Scope::Help => "Help",
        }
    }
}

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

/// Every binding. Scopes are searched most specific first, then Global.
pub static BINDINGS: &[Binding] = &[
    b(
        SECTIONS,
        &[Up, Char('k')],
        Action::Up,
        "section",
        "previous section (selects its first claim)",
    ),
    b(
        SECTIONS,
        &[Down, Char('j')],
        Action::Down,
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
        Action::Enter,
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
    b(
        Scope::Help,
        &[Esc, Char('?')],
        Action::ToggleHelp,
        "close",
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

/// Keys of a binding joined for display, e.g. `↑/k`.
pub fn keys_label(keys: &[Key], ascii: bool) -> String {
    keys.iter()
        .map(|k| k.name(ascii))
        .collect::<Vec<_>>()
        .join("/")
}

/// The action bound to `key` in the first scope (of `scopes`) that binds it.
pub fn lookup(scopes: &[Scope], key: Key) -> Option<Action> {
    scopes.iter().find_map(|s| {
        BINDINGS
            .iter()
            .find(|b| b.scope == *s && b.keys.contains(&key))
            .map(|b| b.action)
    })
}

/// Bindings of the given scopes, in table order, scope by scope.
pub fn bindings_of(scopes: &[Scope]) -> impl Iterator<Item = &'static Binding> + '_ {
    scopes
        .iter()
        .flat_map(|s| BINDINGS.iter().filter(move |b| b.scope == *s))
}

/// Bar entries (`keys`, `short`): bindings with a short word; a binding with an
/// empty word joins its keys to the one before (`↑/k ↓/j row`).
pub fn bar_entries(scopes: &[Scope], ascii: bool) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for b in bindings_of(scopes) {
        let first = b.keys.first().map(|k| k.name(ascii)).unwrap_or_default();
        match out.last_mut() {
            Some(last) if b.short.is_empty() => {
                last.0.push(' ');
                last.0.push_str(&first);
            }
            _ => out.push((first, b.short)),
        }
    }
    out
}

/// Every scope, in the order help lists them.
pub fn all_scopes() -> Vec<Scope> {
    let mut v = vec![Scope::Global];
    v.extend(Pane::ORDER.iter().map(|p| Scope::Pane(*p)));
    v.extend([Scope::Drill, Scope::Filter, Scope::Help]);
    v
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
        let key = match name.to_ascii_lowercase().as_str() {
            "tab" => Tab,
            "s-tab" | "backtab" => BackTab,
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
            n if n.len() == 3 && n.starts_with("c-") => Ctrl(n.chars().nth(2).unwrap_or('c')),
            _ => {
                return Err(format!(
                    "unknown key <{name}>; expected one of Tab, S-Tab, Enter, Esc, Up, Down, Left, Right, PgUp, PgDn, Home, End, Bksp, Space, lt, gt, C-x"
                ));
            }
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
    fn no_key_is_bound_twice_in_one_scope() {
        for s in all_scopes() {
            let mut seen = std::collections::HashSet::new();
            for b in bindings_of(&[s]) {
                for k in b.keys {
                    assert!(seen.insert(*k), "{k:?} bound twice in {s:?}");
                }
            }
        }
    }

    #[test]
    fn specific_scopes_win_over_global() {
        let drill = [Scope::Drill, Scope::Global];
        assert_eq!(lookup(&drill, Esc), Some(Action::Back));
        assert_eq!(lookup(&drill, Char('q')), Some(Action::Quit));
        let browser = [Scope::Pane(Pane::Browser), Scope::Global];
        assert_eq!(lookup(&browser, Char('m')), Some(Action::CycleMeasure));
        assert_eq!(
            lookup(&[Scope::Pane(Pane::Text), Scope::Global], Char('m')),
            None
        );
    }
}
