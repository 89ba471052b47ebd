//! The tidy tables in data/, compiled into the binary so that claimlens runs from any folder.

/// (file name, contents) of every bundled tidy table.
pub const TABLES: &[(&str, &str)] = &[
    (
        "context_facts.csv",
        include_str!("../../data/context_facts.csv"),
    ),
    ("fred_dgs10.csv", include_str!("../../data/fred_dgs10.csv")),
    (
        "fred_dtwexbgs.csv",
        include_str!("../../data/fred_dtwexbgs.csv"),
    ),
    ("fred_sp500.csv", include_str!("../../data/fred_sp500.csv")),
    ("mfhhis01.csv", include_str!("../../data/mfhhis01.csv")),
    ("s1_globl.csv", include_str!("../../data/s1_globl.csv")),
    ("slt_table1.csv", include_str!("../../data/slt_table1.csv")),
    ("slt_table3.csv", include_str!("../../data/slt_table3.csv")),
    ("slt_table5.csv", include_str!("../../data/slt_table5.csv")),
    ("tic_facts.csv", include_str!("../../data/tic_facts.csv")),
    (
        "wgc_gold_reserves.csv",
        include_str!("../../data/wgc_gold_reserves.csv"),
    ),
];
