//! Text reports: the `show` table, and (later) claim checks and exports.

pub mod blocs;
pub mod changes;
pub mod check;
pub mod export;
pub mod plain;
pub mod readings;
pub mod series;
pub mod show;
pub mod show_bloc;
pub mod table;
