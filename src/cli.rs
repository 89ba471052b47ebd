//! Command-line definitions.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "claimlens", version, about = "Check a data-heavy article against official statistics, in the terminal")]
pub struct Cli {
    /// Load tidy tables from this folder instead of the data bundled in the binary.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
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
    /// Print the published values of one entity as a table.
    Show {
        /// Entity name, e.g. Japan, "China, Mainland", "Grand Total".
        entity: String,
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
        /// Show every vintage (and old-series comparison values), not just the newest.
        #[arg(long)]
        all_vintages: bool,
    },
    /// Print every claim of the article with its verdict and numbers.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// A folder with article.md and claims.toml (default: the bundled case).
        #[arg(long, value_name = "DIR")]
        case: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}
