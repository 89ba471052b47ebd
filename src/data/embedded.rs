//! The tidy tables in data/, compiled into the binary so that claimlens runs
//! from any folder. They are embedded in their packed form (data/packed.bin,
//! written by the importer from the CSV tables beside it; see
//! [`super::packed`]).

/// The packed tidy tables.
pub const PACKED: &[u8] = include_bytes!("../../data/packed.bin");
