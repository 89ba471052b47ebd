//! Colours and symbols. Colour never carries meaning alone: every verdict has a
//! symbol and a word, selection uses REVERSED/BOLD, and NO_COLOR turns colours off.
//! Four palettes ([`ThemeName`]): dark (default), light, high-contrast and
//! colour-blind safe (Okabe–Ito).

use crate::browse::Move;
use crate::claims::Verdict;
pub use crate::config::ThemeName;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::symbols::border;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

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

/// The focused pane's frame under --ascii without colour.
pub const ASCII_FOCUSED_BORDER: border::Set<'static> = border::Set {
    top_left: "#",
    top_right: "#",
    bottom_left: "#",
    bottom_right: "#",
    vertical_left: "#",
    vertical_right: "#",
    horizontal_top: "=",
    horizontal_bottom: "=",
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
    /// The palette (only used when `color`).
    pub theme: ThemeName,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ascii: false,
            mouse: true,
            color: true,
            theme: ThemeName::Dark,
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
            theme: ThemeName::Dark,
        }
    }
}

/// The colours of a theme, by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Titles, headings, the focused pane's border.
    pub heading: Color,
    /// Quoted claims in the article.
    pub quote: Color,
    /// Rows, months and keys a claim or a binding points at.
    pub mark: Color,
    pub supported: Color,
    pub contradicted: Color,
    /// Revised and partly: neither plainly right nor plainly wrong.
    pub mixed: Color,
    pub unverifiable: Color,
    /// Large moves up and down in the browser.
    pub up: Color,
    pub down: Color,
    /// Chart lines: the series, the claim window, the claimed value, a second series.
    pub lines: [Color; 4],
    /// Foreground and background painted under everything (high contrast).
    pub base: Option<(Color, Color)>,
    /// Whether secondary text is dimmed (not in high contrast).
    pub dim: bool,
}

impl Palette {
    pub fn of(name: ThemeName) -> Palette {
        match name {
            ThemeName::Dark => Palette {
                heading: Color::Cyan,
                quote: Color::Magenta,
                mark: Color::Magenta,
                supported: Color::Green,
                contradicted: Color::Red,
                mixed: Color::Yellow,
                unverifiable: Color::Blue,
                up: Color::Cyan,
                down: Color::Magenta,
                lines: [Color::Cyan, Color::Magenta, Color::Yellow, Color::Blue],
                base: None,
                dim: true,
            },
            // Darker shades (256-colour indexes) that read on white.
            ThemeName::Light => Palette {
                heading: Color::Indexed(25),
                quote: Color::Indexed(90),
                mark: Color::Indexed(90),
                supported: Color::Indexed(28),
                contradicted: Color::Indexed(160),
                mixed: Color::Indexed(130),
                unverifiable: Color::Indexed(25),
                up: Color::Indexed(25),
                down: Color::Indexed(90),
                lines: [
                    Color::Indexed(25),
                    Color::Indexed(90),
                    Color::Indexed(130),
                    Color::Indexed(28),
                ],
                base: None,
                dim: true,
            },
            ThemeName::HighContrast => Palette {
                heading: Color::LightYellow,
                quote: Color::LightCyan,
                mark: Color::LightYellow,
                supported: Color::LightGreen,
                contradicted: Color::LightRed,
                mixed: Color::LightYellow,
                unverifiable: Color::LightCyan,
                up: Color::LightCyan,
                down: Color::LightMagenta,
                lines: [
                    Color::White,
                    Color::LightYellow,
                    Color::LightMagenta,
                    Color::LightCyan,
                ],
                base: Some((Color::White, Color::Black)),
                dim: false,
            },
            // Okabe & Ito (2008): blue, sky blue, bluish green, yellow, orange,
            // vermillion and reddish purple stay apart for most colour-vision deficiencies.
            ThemeName::Colorblind => {
                let blue = Color::Rgb(0, 114, 178);
                let sky = Color::Rgb(86, 180, 233);
                let green = Color::Rgb(0, 158, 115);
                let yellow = Color::Rgb(240, 228, 66);
                let orange = Color::Rgb(230, 159, 0);
                let vermillion = Color::Rgb(213, 94, 0);
                let purple = Color::Rgb(204, 121, 167);
                Palette {
                    heading: sky,
                    quote: purple,
                    mark: purple,
                    supported: green,
                    contradicted: vermillion,
                    mixed: yellow,
                    unverifiable: sky,
                    up: sky,
                    down: orange,
                    lines: [sky, purple, orange, blue],
                    base: None,
                    dim: true,
                }
            }
        }
    }
}

/// Styles and symbols derived from [`Options`].
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub opts: Options,
    pub palette: Palette,
}

impl Theme {
    pub fn new(opts: Options) -> Self {
        Theme {
            opts,
            palette: Palette::of(opts.theme),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.opts.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Paints the theme's base colours under cells that have none (after drawing).
    pub fn paint_base(&self, buf: &mut Buffer) {
        let Some((fg, bg)) = self.palette.base.filter(|_| self.opts.color) else {
            return;
        };
        for cell in buf.content.iter_mut() {
            if cell.fg == Color::Reset {
                cell.fg = fg;
            }
            if cell.bg == Color::Reset {
                cell.bg = bg;
            }
        }
    }

    /// A pane's frame with its title.
    /// Without colour the focused pane has a double frame (`=` and `#` under --ascii)
    /// and a marked title, not only a bold one.
    /// A title longer than the frame's `width` is cut, ending in `…`.
    pub fn block(&self, title: String, focused: bool, width: u16) -> Block<'static> {
        let marked = focused && !self.opts.color;
        let title = if marked {
            format!("{}{}", if self.opts.ascii { ">>" } else { "▶" }, title)
        } else {
            title
        };
        // Both corners stay; a title cut for room ends in the ellipsis and a space.
        let room = (width as usize).saturating_sub(2);
        let title = if title.width() > room {
            format!(
                "{} ",
                super::fit::cut(title.trim_end(), room.saturating_sub(1), self.ellipsis())
            )
        } else {
            title
        };
        let b = Block::default()
            .borders(Borders::ALL)
            .border_style(self.border(focused))
            .title(Span::styled(title, self.heading()));
        match (self.opts.ascii, marked) {
            (true, true) => b.border_set(ASCII_FOCUSED_BORDER),
            (true, false) => b.border_set(ASCII_BORDER),
            (false, true) => b.border_type(ratatui::widgets::BorderType::Double),
            (false, false) => b,
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
        self.fg(self.palette.heading).add_modifier(Modifier::BOLD)
    }

    /// Secondary text (units, vintages).
    pub fn dim(&self) -> Style {
        if self.palette.dim {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.palette.heading).add_modifier(Modifier::BOLD)
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
        self.fg(self.palette.quote)
            .add_modifier(Modifier::UNDERLINED)
    }

    /// The quote of the selected claim.
    pub fn quote_selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Rows and months a claim speaks of.
    pub fn claim_mark(&self) -> Style {
        self.fg(self.palette.mark).add_modifier(Modifier::BOLD)
    }

    pub fn verdict(&self, v: Verdict) -> Style {
        let p = &self.palette;
        let c = match v {
            Verdict::Supported => p.supported,
            Verdict::Contradicted => p.contradicted,
            Verdict::Revised | Verdict::Partly => p.mixed,
            Verdict::Conditional => p.unverifiable,
            Verdict::Unverifiable => p.unverifiable,
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
            Some(Move::Up) => self.fg(self.palette.up),
            Some(Move::Down) => self.fg(self.palette.down),
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
        self.fg(self.palette.lines[which % 4])
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
        // `_`, a character no verdict symbol uses under --ascii.
        if self.opts.ascii { "_" } else { "…" }
    }

    /// The mark of a claim under review: a draft, accepted or rejected (ASCII: the key
    /// that decides it).
    pub fn review_symbol(&self, d: crate::draft::review::Decision) -> &'static str {
        use crate::draft::review::Decision;
        match (d, self.opts.ascii) {
            (Decision::Draft, false) => "✎",
            (Decision::Accepted, false) => "☑",
            (Decision::Rejected, false) => "☒",
            (Decision::Draft, true) => "!",
            (Decision::Accepted, true) => "A",
            (Decision::Rejected, true) => "R",
        }
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
        '╔' | '╗' | '╚' | '╝' => "#",
        '▶' => ">",
        '·' | '•' | '●' => "*",
        '…' => "_",
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
        '↻' => "r",
        '◐' => "%",
        '◇' => "c",
        '✎' => "!",
        '☑' => "A",
        '☒' => "R",
        '█' => "#",
        '▄' | '▀' => "=",
        _ => "?",
    })
}
