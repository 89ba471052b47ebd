//! Colours and symbols. Colour never carries meaning alone: every verdict has a
//! symbol and a word, selection uses REVERSED/BOLD, and NO_COLOR turns colours off.

use crate::browse::Move;
use crate::claims::Verdict;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::symbols::border;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

/// Borders drawn with plain ASCII characters.
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// How the TUI may draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Plain ASCII symbols and chart markers.
    pub ascii: bool,
    /// Mouse capture (clicks select panes and rows).
    pub mouse: bool,
    /// Colours (off when NO_COLOR is set and not empty).
    pub color: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ascii: false,
            mouse: true,
            color: true,
        }
    }
}

impl Options {
    /// Options from the command-line flags and the environment (NO_COLOR).
    pub fn from_env(ascii: bool, no_mouse: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Options {
            ascii,
            mouse: !no_mouse,
            color: !no_color,
        }
    }
}

/// Styles and symbols derived from [`Options`].
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub opts: Options,
}

impl Theme {
    pub fn new(opts: Options) -> Self {
        Theme { opts }
    }

    fn fg(&self, c: Color) -> Style {
        if self.opts.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// A pane's frame with its title.
    pub fn block(&self, title: String, focused: bool) -> Block<'static> {
        let b = Block::default()
            .borders(Borders::ALL)
            .border_style(self.border(focused))
            .title(Span::styled(title, self.heading()));
        if self.opts.ascii {
            b.border_set(ASCII_BORDER)
        } else {
            b
        }
    }

    /// Quotation marks around quoted words.
    pub fn quotes(&self) -> (&'static str, &'static str) {
        if self.opts.ascii {
            ("\"", "\"")
        } else {
            ("“", "”")
        }
    }

    pub fn plain(&self) -> Style {
        Style::new()
    }

    /// Titles and headings.
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Secondary text (units, vintages).
    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        }
    }

    /// The selected item of a list or the selected cell.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// A quoted claim in the article text.
    pub fn quote(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED)
    }

    /// The quote of the selected claim.
    pub fn quote_selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Rows and months a claim speaks of.
    pub fn claim_mark(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn verdict(&self, v: Verdict) -> Style {
        let c = match v {
            Verdict::Supported => Color::Green,
            Verdict::Contradicted => Color::Red,
            Verdict::Mixed => Color::Yellow,
            Verdict::Unverifiable => Color::Blue,
            Verdict::NotADataClaim => return Style::new(),
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }

    pub fn verdict_symbol(&self, v: Verdict) -> &'static str {
        if self.opts.ascii {
            v.ascii_symbol()
        } else {
            v.symbol()
        }
    }

    /// Symbol and word, e.g. `✓ supported`.
    pub fn verdict_text(&self, v: Verdict) -> String {
        format!("{} {}", self.verdict_symbol(v), v.as_str())
    }

    pub fn move_symbol(&self, m: Option<Move>) -> &'static str {
        match (m, self.opts.ascii) {
            (Some(Move::Up), false) => "▲",
            (Some(Move::Down), false) => "▼",
            (Some(Move::Up), true) => "^",
            (Some(Move::Down), true) => "v",
            (None, _) => " ",
        }
    }

    pub fn move_style(&self, m: Option<Move>) -> Style {
        match m {
            Some(Move::Up) => self.fg(Color::Cyan),
            Some(Move::Down) => self.fg(Color::Magenta),
            None => Style::new(),
        }
    }

    pub fn marker(&self) -> Marker {
        if self.opts.ascii {
            Marker::Dot
        } else {
            Marker::Braille
        }
    }

    /// Chart line colours for the series, the window and the claimed value.
    pub fn line(&self, which: usize) -> Style {
        let c = [Color::Cyan, Color::Magenta, Color::Yellow, Color::Blue][which % 4];
        self.fg(c)
    }

    /// Bars for sparklines, lowest first.
    pub fn bars(&self) -> &'static [&'static str] {
        if self.opts.ascii {
            &["_", ".", ",", "-", "=", "+", "*", "#"]
        } else {
            &["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        }
    }

    /// Underline for a claim's window below a sparkline.
    pub fn window_mark(&self) -> &'static str {
        if self.opts.ascii { "^" } else { "▔" }
    }

    pub fn ellipsis(&self) -> &'static str {
        if self.opts.ascii { "~" } else { "…" }
    }

    /// Left edge marker for rows a claim speaks of.
    pub fn row_mark(&self) -> &'static str {
        if self.opts.ascii { ">" } else { "▸" }
    }

    pub fn rule(&self) -> &'static str {
        if self.opts.ascii { "-" } else { "─" }
    }
}

/// Plain-ASCII stand-in for a symbol (for `--ascii`): box drawing, dots,
/// dashes and quotes become their nearest ASCII character.
pub fn ascii_of(sym: &str) -> Option<&'static str> {
    if sym.is_ascii() {
        return None;
    }
    let c = sym.chars().next()?;
    Some(match c {
        '─' | '━' | '═' | '▔' | '⎯' => "-",
        '│' | '┃' | '║' => "|",
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => "+",
        '·' | '•' | '●' => "*",
        '…' => "~",
        '—' | '–' | '−' => "-",
        '“' | '”' | '„' => "\"",
        '‘' | '’' => "'",
        '×' => "x",
        '±' => "~",
        '▸' | '→' => ">",
        '←' => "<",
        '▲' | '↑' => "^",
        '▼' | '↓' => "v",
        '✓' => "+",
        '✗' => "x",
        '█' => "#",
        '▄' | '▀' => "=",
        _ => "?",
    })
}
