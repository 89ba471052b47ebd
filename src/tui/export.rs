//! `e` in the explorer: the selected claim's evidence as CSV and its chart as
//! SVG, written atomically into the export folder under fresh names
//! (`claimlens-<claim-id>.csv`, then `-2`, `-3`, ...; nothing is overwritten).

use crate::claims::Evaluation;
use crate::data::Dataset;
use crate::report::export::{csv, svg, write_atomic};
use std::path::{Path, PathBuf};

/// A file-name-safe form of a claim id.
fn safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// `<base>.<ext>`; `with_extension` would cut a claim id at its dot.
fn with_ext(base: &Path, ext: &str) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// Writes a claim's files into `dir` and returns the one-line status message.
pub fn export_claim(ds: &Dataset, e: &Evaluation, dir: &Path) -> String {
    let base = fresh_base_ext(dir, &e.id);
    let csv_path = with_ext(&base, "csv");
    let text = csv::claim_evidence(ds, e);
    if let Err(err) = write_atomic(&csv_path, text.as_bytes(), false) {
        return format!("Export failed: {err}");
    }
    let csv_shown = csv_path.display();
    match svg::render(ds, e, e.check == "level") {
        Ok(svg) => {
            let svg_path = with_ext(&base, "svg");
            match write_atomic(&svg_path, svg.as_bytes(), false) {
                Ok(()) => format!("Exported {csv_shown} and {}", svg_path.display()),
                Err(err) => format!("Exported {csv_shown}; the chart failed: {err}"),
            }
        }
        Err(why) => format!("Exported {csv_shown} (no chart: {why})"),
    }
}

/// The first `claimlens-<id>[-n]` (no extension) for which neither the
/// `.csv` nor the `.svg` exists.
fn fresh_base_ext(dir: &Path, id: &str) -> PathBuf {
    let id = safe(id);
    let exists = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    (1usize..)
        .map(|n| {
            dir.join(if n == 1 {
                format!("claimlens-{id}")
            } else {
                format!("claimlens-{id}-{n}")
            })
        })
        .find(|b| !exists(&with_ext(b, "csv")) && !exists(&with_ext(b, "svg")))
        .unwrap_or_else(|| dir.join(format!("claimlens-{id}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_the_id_and_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let b = fresh_base_ext(dir.path(), "japan-q3-61.9bn");
        assert_eq!(
            with_ext(&b, "csv"),
            dir.path().join("claimlens-japan-q3-61.9bn.csv")
        );
        std::fs::write(with_ext(&b, "svg"), "x").unwrap();
        let b2 = fresh_base_ext(dir.path(), "japan-q3-61.9bn");
        assert_eq!(
            with_ext(&b2, "csv"),
            dir.path().join("claimlens-japan-q3-61.9bn-2.csv")
        );
        assert_eq!(safe("a/b c"), "a-b-c");
    }
}
