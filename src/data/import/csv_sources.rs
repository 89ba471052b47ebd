//! Readers for the CSV sources. Placeholder until written.
use super::RawFile;
use crate::data::observation::Observation;
use crate::error::InputError;

pub fn read_context_facts(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    Err(InputError::file(file.name, "reader not written yet"))
}
pub fn read_tic_facts(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    Err(InputError::file(file.name, "reader not written yet"))
}
pub fn read_fred_dgs10(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    Err(InputError::file(file.name, "reader not written yet"))
}
pub fn read_fred_dtwexbgs(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    Err(InputError::file(file.name, "reader not written yet"))
}
pub fn read_fred_sp500(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    Err(InputError::file(file.name, "reader not written yet"))
}
pub fn read_wgc(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    Err(InputError::file(file.name, "reader not written yet"))
}
