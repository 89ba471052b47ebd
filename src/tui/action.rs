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
    /// Where a number comes from: the browser's cell or the claim's evidence.
    Provenance,
    /// The chart of the browser's selected country.
    Chart,
    /// Presenting: show only the claims that data can test.
    DataClaimsOnly,
    NextClaim,
    PrevClaim,
    CycleMeasure,
    ToggleAggregates,
    /// The browser: countries or blocs.
    ToggleBlocs,
    /// Each bloc's share of all foreign holdings since 2000.
    ShareChart,
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
    /// Start presenting: full-screen slides from the selected claim.
    Present,
    /// Write the selected claim's evidence (CSV) and chart (SVG) to the current folder.
    Export,
    NextSlide,
    PrevSlide,
    /// `g`: a second `g` goes to the first slide (or to slide n after digits).
    Go,
    /// Open or close the index of slides.
    SlideIndex,
    /// A digit typed before `G` (`12G` goes to slide 12).
    Count(u8),
    /// Reviewing drafts: accept the selected draft under the binding shown (again: undo).
    AcceptDraft,
    /// Reviewing drafts: reject the selected draft (again: undo).
    RejectDraft,
    /// Reviewing drafts: bind the selected draft by its next alternative.
    NextAlternative,
    /// Reviewing drafts: bind the selected draft by its previous alternative.
    PrevAlternative,
    /// Reviewing drafts: write the decisions to the claims file.
    WriteReview,
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

/// Names of the actions a person can bind in the config file (`[keys]`),
/// e.g. `quit = "x"`. Digits (counts) and mouse events are not bindable.
pub const ACTION_NAMES: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("next_pane", Action::NextPane),
    ("prev_pane", Action::PrevPane),
    ("up", Action::Up),
    ("down", Action::Down),
    ("left", Action::Left),
    ("right", Action::Right),
    ("page_up", Action::PageUp),
    ("page_down", Action::PageDown),
    ("first", Action::First),
    ("last", Action::Last),
    ("enter", Action::Enter),
    ("back", Action::Back),
    ("provenance", Action::Provenance),
    ("chart", Action::Chart),
    ("data_claims_only", Action::DataClaimsOnly),
    ("next_claim", Action::NextClaim),
    ("prev_claim", Action::PrevClaim),
    ("measure", Action::CycleMeasure),
    ("aggregates", Action::ToggleAggregates),
    ("blocs", Action::ToggleBlocs),
    ("share_chart", Action::ShareChart),
    ("sort_asc", Action::SortAsc),
    ("sort_desc", Action::SortDesc),
    ("filter", Action::StartFilter),
    ("filter_backspace", Action::FilterBackspace),
    ("filter_cancel", Action::FilterCancel),
    ("filter_accept", Action::FilterAccept),
    ("zoom_in", Action::ZoomIn),
    ("zoom_out", Action::ZoomOut),
    ("help", Action::ToggleHelp),
    ("present", Action::Present),
    ("export", Action::Export),
    ("next_slide", Action::NextSlide),
    ("prev_slide", Action::PrevSlide),
    ("go", Action::Go),
    ("slide_index", Action::SlideIndex),
    ("accept_draft", Action::AcceptDraft),
    ("reject_draft", Action::RejectDraft),
    ("next_alternative", Action::NextAlternative),
    ("prev_alternative", Action::PrevAlternative),
    ("write_review", Action::WriteReview),
];

impl Action {
    /// The action of a config-file name (`"next_claim"`).
    pub fn from_name(name: &str) -> Option<Action> {
        ACTION_NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| *a)
    }

    /// The config-file name of a bindable action.
    pub fn name(self) -> Option<&'static str> {
        ACTION_NAMES
            .iter()
            .find(|(_, a)| *a == self)
            .map(|(n, _)| *n)
    }
}
