//! claimlens: check a data-heavy article against official statistics.
//!
//! The library holds everything but the terminal: readers for the official
//! files, the Dataset, the article and its claims, and the evaluation of each
//! claim. The binary adds the command line and the TUI on top.

pub mod archive;
pub mod browse;
pub mod catalogue;
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

#[doc(hidden)]
pub static T0: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
#[doc(hidden)]
#[macro_export]
macro_rules! tl {
    ($l:expr) => {
        if std::env::var_os("TL").is_some() {
            eprintln!(
                "TL {:>8.2} {:?} {}",
                $crate::T0
                    .get_or_init(std::time::Instant::now)
                    .elapsed()
                    .as_secs_f64()
                    * 1000.0,
                std::thread::current().id(),
                $l
            );
        }
    };
}
