//! Writing keys for people: key names, the labels of bindings, the bottom
//! bar's entries and the help overlay's block of a scope.

use super::{Bound, Key, Keymap, Scope};
use crate::tui::action::Action;
use crate::tui::text::wrap;
use crate::tui::theme::Theme;
use Key::*;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Width of the keys' column in the help.
pub const KEY_W: usize = 11;

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

impl Bound {
    pub fn label(&self, ascii: bool) -> String {
        keys_label(&self.keys, self.action, ascii)
    }
}

impl Keymap {
    /// Bar entries (`keys`, `short`, action): bindings with a short word; a binding with an
    /// empty word joins its keys to the one before (`↑/k ↓/j row`).
    pub fn bar_entries(
        &self,
        scopes: &[Scope],
        ascii: bool,
    ) -> Vec<(String, &'static str, Action)> {
        let mut out: Vec<(String, &'static str, Action)> = Vec::new();
        // A key a more specific scope already offers is not offered again
        // (the help's `q quit` hides the explorer's), nor are the keys joined to it.
        let mut seen: Vec<Key> = Vec::new();
        let mut skipping = false;
        for b in self.bindings_of(scopes) {
            if matches!(b.action, Action::Count(_)) {
                continue;
            }
            let Some(key) = b.keys.first().copied() else {
                continue;
            };
            if seen.contains(&key) {
                skipping = skipping || !b.short.is_empty();
                continue;
            }
            seen.extend(b.keys.iter().copied());
            let first = keys_label(&[key], b.action, ascii);
            match out.last_mut() {
                Some(last) if b.short.is_empty() && !skipping => {
                    last.0.push(' ');
                    last.0.push_str(&first);
                }
                _ if b.short.is_empty() => continue,
                _ => {
                    skipping = false;
                    out.push((first, b.short, b.action))
                }
            }
        }
        out
    }
}

/// The help overlay's block of one scope: its title, then each binding's keys
/// and what it does, the descriptions wrapped to `width`.
pub fn help_block(map: &Keymap, t: &Theme, scope: Scope, width: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(Span::styled(
        scope.title().to_string(),
        t.heading(),
    ))];
    let text_w = width.saturating_sub(KEY_W + 3).max(10);
    for b in map.bindings_of(&[scope]) {
        let keys = b.label(t.opts.ascii);
        let pad = KEY_W.saturating_sub(keys.width()).max(1);
        let (wrapped, _) = wrap(b.help, text_w, t.plain(), &[]);
        // Keys wider than their column get a line of their own.
        let own_line = keys.width() > KEY_W;
        if own_line {
            out.push(Line::from(Span::styled(
                format!("  {keys}"),
                t.claim_mark(),
            )));
        }
        for (i, l) in wrapped.into_iter().enumerate() {
            let mut spans = if i == 0 && !own_line {
                vec![
                    Span::styled(format!("  {keys}"), t.claim_mark()),
                    Span::raw(" ".repeat(pad)),
                ]
            } else {
                vec![Span::raw(" ".repeat(KEY_W + 2))]
            };
            spans.extend(l.spans);
            out.push(Line::from(spans));
        }
    }
    out.push(Line::default());
    out
}

#[cfg(test)]
mod tests {
    use super::super::table::DIGITS;
    use super::*;

    #[test]
    fn labels_double_go_and_show_digits_as_a_range() {
        assert_eq!(keys_label(&[Char('g')], Action::Go, false), "gg");
        assert_eq!(keys_label(DIGITS, Action::Count(0), false), "0-9");
        assert_eq!(keys_label(&[Up, Char('k')], Action::Up, true), "Up/k");
    }
}
