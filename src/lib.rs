//! claimlens: check a data-heavy article against official statistics.
//!
//! The library holds everything but the terminal: readers for the official
//! files, the Dataset, the article and its claims, and the evaluation of each
//! claim. The binary adds the command line and the TUI on top.

pub mod archive;
pub mod browse;
pub mod catalogue;
pub mod checksum;
pub mod claims;
pub mod config;
pub mod data;
pub mod draft;
pub mod error;
pub mod format;
pub mod heap;
pub mod input;
pub mod memo;
pub mod par;
pub mod provenance;
pub mod report;
pub mod safe_write;
pub mod tui;
pub mod update;
