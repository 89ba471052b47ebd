//! Reading keys: terminal events, key names (the config file's and `render
//! --keys`'), and the config file's `[keys]` over the default table.

use super::{Key, Keymap};
use crate::config::Config;
use crate::error::InputError;
use crate::tui::action::{ACTION_NAMES, Action};
use Key::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

impl Key {
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
    }
}
