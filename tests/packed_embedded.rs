//! The embedded data (packed form) hold exactly the CSV tables in data/.

use claimlens::data::{Dataset, Series};

fn sorted(ds: &Dataset) -> Vec<&Series> {
    let mut v: Vec<&Series> = ds.all_series().iter().collect();
    v.sort_by(|a, b| (&a.source, &a.measure, &a.entity).cmp(&(&b.source, &b.measure, &b.entity)));
    v
}

#[test]
fn embedded_packed_data_equal_the_csv_tables() {
    let packed = Dataset::embedded().unwrap();
    let csv = Dataset::load_dir(std::path::Path::new("data")).unwrap();
    assert_eq!(packed.len(), csv.len());
    assert!(packed.len() > 150_000, "the bundled data are not empty");
    let (a, b) = (sorted(&packed), sorted(&csv));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{}/{}/{}", y.source, y.measure, y.entity);
    }
}
