//! A series' values, kept packed until first read.
//!
//! The embedded data hold about 180,000 values, and a check or the explorer's
//! first screen reads a fifth of them. Each series of the embedded data keeps
//! its packed bytes and decodes them the first time it is read (once, also
//! when two threads ask at the same time). Series read from tidy tables or an
//! archive are decoded from the start.

use super::dataset::Point;
use std::sync::{Arc, OnceLock};

/// Where a not yet decoded series' values are: its bytes within the embedded
/// data and the string table their indexes point into.
#[derive(Clone, Debug)]
pub(super) struct Packed {
    pub(super) bytes: &'static [u8],
    pub(super) strings: Arc<super::packed::Strings<'static>>,
}

/// The values of one series, sorted by period then vintage.
#[derive(Clone, Debug, Default)]
pub(super) struct Points {
    decoded: OnceLock<Vec<Point>>,
    packed: Option<Packed>,
    len: usize,
}

impl Points {
    pub(super) fn new(points: Vec<Point>) -> Points {
        Points {
            len: points.len(),
            decoded: OnceLock::from(points),
            packed: None,
        }
    }

    /// `len` values to decode from `packed` when first read.
    pub(super) fn packed(packed: Packed, len: usize) -> Points {
        Points {
            decoded: OnceLock::new(),
            packed: Some(packed),
            len,
        }
    }

    /// How many values, without decoding them.
    pub(super) fn count(&self) -> usize {
        self.decoded.get().map_or(self.len, Vec::len)
    }

    fn vec(&self) -> &Vec<Point> {
        self.decoded.get_or_init(|| match &self.packed {
            // The embedded bytes are checked whole by a test
            // (`embedded_packed_data_equal_the_csv_tables`); a damaged
            // binary shows a series without values rather than wrong ones.
            Some(p) => {
                super::packed::decode_points(p.bytes, self.len, &p.strings).unwrap_or_default()
            }
            None => Vec::new(),
        })
    }

    pub(super) fn into_vec(mut self) -> Vec<Point> {
        self.vec();
        self.decoded.take().unwrap_or_default()
    }
}

impl std::ops::Deref for Points {
    type Target = Vec<Point>;
    fn deref(&self) -> &Vec<Point> {
        self.vec()
    }
}

impl std::ops::DerefMut for Points {
    fn deref_mut(&mut self) -> &mut Vec<Point> {
        if self.decoded.get().is_none() {
            let v = std::mem::take(self).into_vec();
            *self = Points::new(v);
        }
        self.packed = None;
        match self.decoded.get_mut() {
            Some(v) => v,
            None => unreachable!("decoded just above"),
        }
    }
}

impl PartialEq for Points {
    fn eq(&self, other: &Points) -> bool {
        **self == **other
    }
}
