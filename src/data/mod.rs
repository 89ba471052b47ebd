//! Data: readers for the official files, entity names, the tidy tables and the Dataset store.

pub mod blocs;
pub mod calendar;
pub mod dataset;
pub mod embedded;
pub mod entity;
pub mod import;
mod lazy_points;
pub mod names;
pub mod observation;
pub mod packed;
pub mod period;
pub mod tidy;
pub mod tidy_load;

pub use dataset::{Dataset, Point, Series, Sym, Url, Vintage};
pub use entity::EntityKind;
pub use observation::{Flag, Observation};
pub use period::{Period, Stamp};
