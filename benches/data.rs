//! Benchmarks of the data layer: importing every raw file, and loading the
//! embedded tidy tables at start-up. Run with `cargo bench --bench data`.
//! The import benchmark reads the raw folder from CLAIMLENS_RAW (default
//! ../shared/data/raw) and is skipped when it is absent.

use claimlens::claims::load_case;
use claimlens::data::Dataset;
use claimlens::data::import::build_tables;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

fn raw_files() -> Option<Vec<(String, Vec<u8>)>> {
    let dir = PathBuf::from(
        std::env::var("CLAIMLENS_RAW").unwrap_or_else(|_| "../shared/data/raw".into()),
    );
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        let name = path.file_name()?.to_string_lossy().into_owned();
        if !name.ends_with(".md") {
            files.push((name, std::fs::read(&path).ok()?));
        }
    }
    Some(files)
}

fn bench(c: &mut Criterion) {
    if let Some(files) = raw_files() {
        c.bench_function(
            "import all raw files (parse, check, render tables, pack)",
            |b| {
                b.iter(|| {
                    let tables = build_tables(black_box(&files)).expect("raw files import");
                    let packed = claimlens::data::import::pack(&tables).expect("tables pack");
                    let bytes: usize =
                        tables.iter().map(|t| t.csv.len()).sum::<usize>() + packed.len();
                    black_box(bytes)
                })
            },
        );
    } else {
        eprintln!("raw folder not found: skipping the import benchmark");
    }
    c.bench_function("load embedded tidy tables", |b| {
        b.iter(|| black_box(Dataset::embedded().expect("embedded data")))
    });
    // The same tables parsed from their CSV form (what `--data data` does, after reading the files).
    let csv: Vec<(String, String)> = std::fs::read_dir("data")
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "csv"))
                .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    if !csv.is_empty() {
        c.bench_function("load the CSV tables", |b| {
            b.iter(|| {
                black_box(
                    Dataset::from_tables(csv.iter().map(|(n, t)| (n.clone(), t.as_str())))
                        .expect("csv tables"),
                )
            })
        });
    }
    let ds = Dataset::embedded().expect("embedded data");
    c.bench_function("evaluate the bundled claims", |b| {
        b.iter(|| black_box(load_case(&ds, None).expect("case")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
