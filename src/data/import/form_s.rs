//! Reader for s1_globl.txt (Form S gross purchases and sales by country). Placeholder until written.
use super::RawFile;
use crate::data::observation::Observation;
use crate::error::InputError;

pub fn read(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    Err(InputError::file(file.name, "reader not written yet"))
}
