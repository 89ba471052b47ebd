//! The keys in force: one table dispatches keys and writes the help overlay
//! and the bottom bar, so the three can never disagree. The table's rows are in
//! `table.rs`; key names and the config file's `[keys]` are read by `parse.rs`;
//! the help's blocks and the bar's entries are written by `write.rs`.

mod parse;
mod table;
mod write;

pub use parse::{KEY_NAMES, parse_keys};
pub use table::{BINDINGS, Binding};
pub use write::{KEY_W, help_block, keys_label};

use super::action::{Action, Pane};

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
                    (Action::Count(_), Key::Char(c)) => {
                        Action::Count(c.to_digit(10).unwrap_or(0) as u8)
                    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use Key::*;

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
}
