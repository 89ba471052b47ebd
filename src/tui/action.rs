//! Everything a person can ask the TUI to do, as a typed value.

/// A pane that can take the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    Sections,
    Text,
    Card,
    Browser,
    Sparks,
}

impl Pane {
    /// Focus order for Tab.
    pub const ORDER: [Pane; 5] = [
        Pane::Sections,
        Pane::Text,
        Pane::Card,
        Pane::Browser,
        Pane::Sparks,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Sections => "Sections",
            Pane::Text => "Article",
            Pane::Card => "Claim",
            Pane::Browser => "Browser",
            Pane::Sparks => "Series",
        }
    }
}

/// One step of state change; produced by the keymap (or the mouse, or a resize).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    NextPane,
    PrevPane,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    First,
    Last,
    /// Drill in (open the chart of a country).
    Enter,
    /// Close the drill-down (or the help).
    Back,
    NextClaim,
    PrevClaim,
    CycleMeasure,
    ToggleAggregates,
    SortAsc,
    SortDesc,
    StartFilter,
    FilterChar(char),
    FilterBackspace,
    FilterCancel,
    FilterAccept,
    ZoomIn,
    ZoomOut,
    ToggleHelp,
    /// A left click at a screen cell.
    Click {
        x: u16,
        y: u16,
    },
    /// Mouse wheel over a screen cell (`down` = towards the end).
    Scroll {
        x: u16,
        y: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
}
