//! Readers for slt_table3.txt and slt_table5.txt. Placeholder until written.
use super::RawFile;
use crate::data::observation::Observation;
use crate::error::InputError;

pub fn read_table3(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    Err(InputError::file(file.name, "reader not written yet"))
}

pub fn read_table5(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    Err(InputError::file(file.name, "reader not written yet"))
}
