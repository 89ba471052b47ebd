//! Command-line definitions.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "claimlens",
    version,
    about = "Check a data-heavy article against official statistics, in the terminal"
)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArg,

    #[command(flatten)]
    pub look: LookArgs,

    /// Leave the mouse to the terminal (no click selection in the TUI).
    #[arg(long)]
    pub no_mouse: bool,

    /// For the explorer: a folder with article.md and claims.toml (default: the bundled case).
    #[arg(long, value_name = "DIR")]
    pub case: Option<PathBuf>,

    /// Never touch the network (`update` then refuses to run); the data are the embedded data and the archived vintages.
    #[arg(long, global = true)]
    pub offline: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The folder of tidy tables the command loads, given before or after the
    /// subcommand (none: the embedded data).
    pub fn data_dir(&self) -> Option<&std::path::Path> {
        let sub = match &self.command {
            Some(
                Command::Show { data, .. }
                | Command::Series { data }
                | Command::Blocs { data, .. }
                | Command::Check { data, .. }
                | Command::Export { data, .. }
                | Command::Present { data, .. }
                | Command::Draft { data, .. }
                | Command::Render { data, .. },
            ) => data.data.as_deref(),
            _ => None,
        };
        sub.or(self.data.data.as_deref())
    }
}

/// `--data`, for every command that reads the tidy tables.
#[derive(Args, Debug, Default, Clone)]
pub struct DataArg {
    /// Load tidy tables from this folder instead of the data bundled in the binary.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

/// How the TUI looks, for the commands that draw it.
#[derive(Args, Debug, Default, Clone)]
pub struct LookArgs {
    /// Plain ASCII symbols and chart markers (for terminals without Unicode).
    #[arg(long)]
    pub ascii: bool,

    /// Colour theme of the TUI: dark, light, high-contrast or colorblind (NO_COLOR still turns colours off).
    #[arg(long, value_name = "THEME", value_parser = clap::value_parser!(claimlens::config::ThemeName))]
    pub theme: Option<claimlens::config::ThemeName>,

    /// TUI settings file (theme, [keys]); default: $XDG_CONFIG_HOME/claimlens/config.toml or ~/.config/claimlens/config.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read the official files in a raw folder and write the tidy tables.
    Import {
        /// Folder with the official files (e.g. ../shared/data/raw).
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
        /// Folder to write the tidy tables into (e.g. data).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Fetch the newest official files (or a mirror's) and keep what they add as a new vintage in the archive ($XDG_DATA_HOME/claimlens).
    Update {
        /// A mirror serving the files under the raw folder's names (URL/slt_table3.txt, URL/mfhhis01_20260518.txt); its URL/index.txt or URL/ listing names the dated files.
        #[arg(long, value_name = "URL")]
        from: Option<String>,
    },
    /// List the archived vintages (what each update fetched and added).
    Vintages,
    /// Which values were revised and which verdicts changed between two vintages.
    Changes {
        /// Compare with the data as they were after the updates of this day (YYYY-MM-DD; default: before the newest update).
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ChangesFormat::Text)]
        format: ChangesFormat,
        /// A folder with article.md and claims.toml (default: the bundled case).
        #[arg(long, value_name = "DIR")]
        case: Option<PathBuf>,
    },
    /// Print the values of one entity: a measure × month table (newest first), or every value as published (--long).
    Show {
        /// Entity name, e.g. Japan, china, UK, "Mainland China", "Grand Total" (case and word order do not matter).
        entity: String,
        #[command(flatten)]
        data: DataArg,
        /// Only this measure (holdings, lt_net_purchases, lt_valuation_change, ...).
        #[arg(long)]
        measure: Option<String>,
        /// Only this source (mfhhis01, slt_table3, slt_table5, s1_globl, ...).
        #[arg(long)]
        source: Option<String>,
        /// First period, e.g. 2024-06.
        #[arg(long, value_name = "YYYY-MM")]
        from: Option<String>,
        /// Last period, e.g. 2024-09.
        #[arg(long, value_name = "YYYY-MM")]
        to: Option<String>,
        /// Show every vintage (and old-series comparison values), not just the newest (implies --long).
        #[arg(long)]
        all_vintages: bool,
        /// One row per value as published (period, source, measure, value, unit, vintage).
        #[arg(long)]
        long: bool,
    },
    /// List every source and measure a claims file can name: unit, entities, periods covered.
    Series {
        #[command(flatten)]
        data: DataArg,
    },
    /// List the blocs (groups of countries), or show one: members, dates, sources, series.
    Blocs {
        #[command(flatten)]
        data: DataArg,
        /// A bloc id (e.g. G7, BRICS): its members with their dates and which tables list them.
        id: Option<String>,
        /// Print the bloc's series in SOURCE/MEASURE (e.g. mfhhis01/holdings) with its coverage.
        #[arg(long, value_name = "SOURCE/MEASURE", requires = "id")]
        series: Option<String>,
        /// First period of --series, e.g. 2024-01.
        #[arg(long, value_name = "YYYY-MM", requires = "series")]
        from: Option<String>,
        /// Last period of --series, e.g. 2024-03.
        #[arg(long, value_name = "YYYY-MM", requires = "series")]
        to: Option<String>,
        /// A case folder whose blocs.toml adds or replaces blocs.
        #[arg(long, value_name = "DIR")]
        case: Option<PathBuf>,
    },
    /// Print every claim of the article with its verdict and numbers.
    Check {
        #[command(flatten)]
        data: DataArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// A folder with article.md and claims.toml (default: the bundled case).
        #[arg(long, value_name = "DIR")]
        case: Option<PathBuf>,
    },
    /// Export the claims as a Markdown report, ClaimReview JSON-LD, CSV evidence or an SVG chart.
    Export {
        #[command(flatten)]
        data: DataArg,
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Only this claim, by id (required for svg).
        #[arg(long, value_name = "ID")]
        claim: Option<String>,
        /// Only the claims of this section: its number, or e.g. key-takeaways.
        #[arg(long, value_name = "ID")]
        section: Option<String>,
        /// Write to this file (atomically; a device such as /dev/null is written in place) instead of printing; `-` prints.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
        /// A folder with article.md and claims.toml (default: the bundled case).
        #[arg(long, value_name = "DIR")]
        case: Option<PathBuf>,
        /// Date of the review for ClaimReview's datePublished (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        review_date: Option<String>,
    },
    /// Present the claims full screen: a title slide per section, a slide per claim (q returns to the explorer).
    Present {
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        look: LookArgs,
        /// Leave the mouse to the terminal (no click selection in the TUI).
        #[arg(long)]
        no_mouse: bool,
        /// Start at this section's title slide: its number, or e.g. key-takeaways.
        #[arg(long, value_name = "ID")]
        section: Option<String>,
        /// Start at this claim's slide, by id.
        #[arg(long, value_name = "ID")]
        claim: Option<String>,
        /// A folder with article.md and claims.toml (default: the bundled case).
        #[arg(long, value_name = "DIR")]
        case: Option<PathBuf>,
        /// Only the claims data can test: skip the slides of opinion and rhetoric (key D toggles).
        #[arg(long)]
        data_claims: bool,
    },
    /// Propose a claims.toml for an article (every claim a draft to review); or, with --check, score a draft.
    Draft {
        #[command(flatten)]
        data: DataArg,
        /// The article (Markdown, sections headed `## `).
        article: PathBuf,
        /// The article's date; without it the date is inferred from the newest month the article names.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Compare the draft with this claims file: recall and precision of the numeric statements.
        #[arg(long, value_name = "CLAIMS.toml")]
        check: Option<PathBuf>,
        /// Output format of --check.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the screen the TUI would show, as plain text (no terminal needed).
    Render {
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        look: LookArgs,
        /// A folder with article.md and claims.toml (default: the bundled case).
        #[arg(long, value_name = "DIR")]
        case: Option<PathBuf>,
        /// Screen width in columns, 1 to 1000 (larger is refused: the frame is allocated whole).
        #[arg(long, default_value_t = 160, value_parser = clap::value_parser!(u16).range(1..=claimlens::tui::MAX_RENDER_WIDTH as i64))]
        width: u16,
        /// Screen height in rows, 1 to 500 (larger is refused).
        #[arg(long, default_value_t = 48, value_parser = clap::value_parser!(u16).range(1..=claimlens::tui::MAX_RENDER_HEIGHT as i64))]
        height: u16,
        /// Section to select: its number, or e.g. key-takeaways.
        #[arg(long, value_name = "ID")]
        section: Option<String>,
        /// Claim to select, by id.
        #[arg(long, value_name = "ID")]
        claim: Option<String>,
        /// Show presentation mode (the claim's slide, else the section's title slide, else the first slide).
        #[arg(long)]
        present: bool,
        /// Keys to press first, e.g. "jj]<Tab><Enter>" (names: <Tab> <S-Tab> <Enter> <Esc> <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End> <Bksp> <Space>; <lt> for a literal <; keys may start with -, e.g. --keys -). Exports (e) are not written.
        #[arg(long, value_name = "KEYS", allow_hyphen_values = true)]
        keys: Option<String>,
    },
}

/// Formats of `claimlens export`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// A report: the claims table, then each claim with every evidence cell of both viewpoints.
    Markdown,
    /// schema.org ClaimReview JSON-LD, one object per claim.
    #[value(name = "claimreview")]
    ClaimReview,
    /// The tidy observations behind the claims.
    Csv,
    /// The chart of one claim (needs --claim).
    Svg,
}

/// Formats of `claimlens changes`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ChangesFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}
