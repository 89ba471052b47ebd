//! A value worked out from its owner when first asked for and kept: a cache
//! that is not part of what its owner is (two owners are equal, and print
//! alike, whether or not either has been asked).

use std::sync::OnceLock;

#[derive(Clone, Default)]
pub struct Memo<T>(OnceLock<T>);

impl<T> Memo<T> {
    /// The kept value, worked out by `make` the first time.
    pub fn get_or_init(&self, make: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(make)
    }
}

impl<T> PartialEq for Memo<T> {
    fn eq(&self, _: &Memo<T>) -> bool {
        true
    }
}

impl<T> std::fmt::Debug for Memo<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}
