//! Reader for mfhhis01 (Major Foreign Holders history). Placeholder until written.
use super::RawFile;
use crate::data::observation::Observation;
use crate::error::InputError;

pub fn read(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    Err(InputError::file(file.name, "reader not written yet"))
}
