//! The embedded mfhhis01 table against values read by eye from the two
//! published copies, mfhhis01_20260318.txt (stamped 3/18/26) and
//! mfhhis01_20260518.txt (stamped 5/18/2026).

use claimlens::data::{Dataset, EntityKind, Flag, Period, Series, Vintage};

const SOURCE: &str = "mfhhis01";
const OLD_VINTAGE: &str = "2026-03-18";
const NEW_VINTAGE: &str = "2026-05-18";

fn dataset() -> Dataset {
    Dataset::embedded().unwrap()
}

fn series<'a>(ds: &'a Dataset, entity: &str) -> &'a Series {
    ds.series(SOURCE, "holdings", entity)
        .unwrap_or_else(|| panic!("no mfhhis01 holdings series for {entity}"))
}

/// The value of a month under a view, if any.
fn value_as_of(ds: &Dataset, entity: &str, year: i32, month: u8, vintage: &Vintage) -> Option<f64> {
    series(ds, entity)
        .at(&Period::month(year, month), vintage)
        .map(|p| p.value)
}

/// The newest value of a month.
fn latest(ds: &Dataset, entity: &str, year: i32, month: u8) -> f64 {
    value_as_of(ds, entity, year, month, &Vintage::Latest)
        .unwrap_or_else(|| panic!("no value for {entity} {year}-{month:02}"))
}

/// The old-series ("for comparison only") values of a month, one per vintage.
fn old_series(ds: &Dataset, entity: &str, year: i32, month: u8) -> Vec<f64> {
    let period = Period::month(year, month);
    series(ds, entity)
        .all_points()
        .iter()
        .filter(|p| p.period == period && p.flag == Flag::OldSeries)
        .map(|p| p.value)
        .collect()
}

fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{what}: expected {expected}, found {actual}"
    );
}

/// Checks a series-break month: the value, and the old series (once per
/// vintage: `copies` is 1 where both copies date the year by the same
/// revision note, 2 where each copy's stamp dates it).
fn assert_break(
    ds: &Dataset,
    entity: &str,
    (year, month): (i32, u8),
    new: f64,
    old: f64,
    copies: usize,
) {
    let what = format!("{entity} {year}-{month:02}");
    assert_close(latest(ds, entity, year, month), new, &what);
    let olds = old_series(ds, entity, year, month);
    assert_eq!(olds.len(), copies, "{what}: old series per vintage");
    for v in olds {
        assert_close(v, old, &format!("{what} old series"));
    }
}

#[test]
fn both_vintages_are_present() {
    let ds = dataset();
    let japan = series(&ds, "Japan");
    // Each year's values carry the date of its last revision (the notes below
    // the stamp); years without a note, the copy's stamp.
    let vintages = japan.vintages();
    for v in [
        "2018-08-15",
        "2025-03-19",
        "2026-01-15",
        OLD_VINTAGE,
        NEW_VINTAGE,
    ] {
        assert!(vintages.contains(&v), "{v} in {vintages:?}");
    }
    let vintage_of = |y, m| {
        let p = Period::month(y, m);
        let pts: Vec<&str> = japan
            .all_points()
            .iter()
            .filter(|x| x.period == p && x.flag == Flag::None)
            .map(|x| &*x.vintage)
            .collect();
        pts
    };
    // "(2022 revised March 19, 2025)": one value, published since then, in both copies.
    assert_eq!(vintage_of(2022, 6), ["2025-03-19"]);
    // "(2024 revised January 15, 2026)".
    assert_eq!(vintage_of(2024, 6), ["2026-01-15"]);
    // 2025 was revised between the copies: one value per copy.
    assert_eq!(vintage_of(2025, 12), [OLD_VINTAGE, NEW_VINTAGE]);
    // 2012 has no note: each copy's stamp is all that is known.
    assert_eq!(vintage_of(2012, 6), [OLD_VINTAGE, NEW_VINTAGE]);
    assert_eq!(japan.unit, "USD billions");
    assert_eq!(japan.kind, EntityKind::Country);
    let months = japan.view(&Vintage::Latest);
    assert_eq!(
        months.first().map(|p| p.period),
        Some(Period::month(2000, 3))
    );
    assert_eq!(
        months.last().map(|p| p.period),
        Some(Period::month(2025, 12))
    );
}

#[test]
fn japan_and_china() {
    let ds = dataset();
    assert_close(latest(&ds, "Japan", 2024, 6), 1091.4, "Japan 2024-06");
    assert_close(latest(&ds, "Japan", 2024, 9), 1095.5, "Japan 2024-09");
    assert_close(latest(&ds, "Japan", 2025, 12), 1185.5, "Japan 2025-12");
    assert_close(latest(&ds, "Japan", 2000, 12), 317.7, "Japan 2000-12");
    assert_close(
        latest(&ds, "China, Mainland", 2024, 6),
        780.2,
        "China 2024-06",
    );
    assert_close(
        latest(&ds, "China, Mainland", 2000, 12),
        60.3,
        "China 2000-12",
    );
    // `"Korea, South "` in 2002.
    assert_close(latest(&ds, "Korea, South", 2002, 12), 38.0, "Korea 2002-12");
    assert_close(latest(&ds, "Canada", 2025, 1), 350.8, "Canada 2025-01");
    assert_close(latest(&ds, "Canada", 2024, 12), 378.8, "Canada 2024-12");
}

#[test]
fn revised_values_differ_between_vintages() {
    let ds = dataset();
    let before = Vintage::AsOf("2026-04-01".into());
    let uk = |y, m, v: &Vintage| value_as_of(&ds, "United Kingdom", y, m, v).unwrap();
    assert_close(uk(2025, 12, &Vintage::Latest), 863.1, "UK 2025-12 latest");
    assert_close(uk(2025, 12, &before), 866.0, "UK 2025-12 as of 2026-04-01");
    assert_close(uk(2025, 11, &Vintage::Latest), 879.8, "UK 2025-11 latest");
    assert_close(uk(2025, 11, &before), 889.0, "UK 2025-11 as of 2026-04-01");
    let official =
        |v: &Vintage| value_as_of(&ds, "Of Which: Foreign Official", 2025, 12, v).unwrap();
    assert_close(
        official(&Vintage::Latest),
        3877.6,
        "official 2025-12 latest",
    );
    assert_close(
        official(&before),
        3887.0,
        "official 2025-12 as of 2026-04-01",
    );
    // Unrevised months agree.
    assert_close(uk(2025, 10, &before), 875.4, "UK 2025-10");
    // 2024 as revised on January 15, 2026 is visible from that day, not before.
    let after_revision = Vintage::AsOf("2026-01-15".into());
    let before_revision = Vintage::AsOf("2026-01-14".into());
    assert_eq!(
        value_as_of(&ds, "Japan", 2024, 6, &after_revision),
        Some(1091.4)
    );
    assert_eq!(value_as_of(&ds, "Japan", 2024, 6, &before_revision), None);
    // On the article's date (2025-03-19) the history through 2022 is there, 2023 on is not.
    let article = Vintage::AsOf("2025-03-19".into());
    assert!(value_as_of(&ds, "Japan", 2022, 12, &article).is_some());
    assert_eq!(value_as_of(&ds, "Japan", 2023, 1, &article), None);
}

#[test]
fn series_breaks_keep_the_new_series_as_value() {
    let ds = dataset();
    // June 2011 (Series XII left, XI right).
    assert_break(&ds, "United Kingdom", (2011, 6), 135.7, 347.0, 1);
    assert_break(&ds, "Grand Total", (2011, 6), 4690.6, 4533.6, 1);
    assert_break(
        &ds,
        "Of Which: Foreign Official",
        (2011, 6),
        3514.6,
        3242.0,
        1,
    );
    // March 2000 (Series II left, I right).
    assert_break(&ds, "United Kingdom", (2000, 3), 78.6, 235.7, 2);
    assert_break(&ds, "Grand Total", (2000, 3), 1085.0, 1252.1, 2);
    assert_break(&ds, "Japan", (2000, 3), 307.6, 325.8, 2);
    assert_break(
        &ds,
        "Of Which: Foreign Official Treasury Bills",
        (2000, 3),
        164.8,
        164.8,
        2,
    );
    // June 2002, from the footnoted `Belgium  5/` row.
    // Footnote 5/: before June 2002 the Belgium line covers Belgium and
    // Luxembourg, so the old-series June 2002 estimate belongs to the group.
    assert_close(latest(&ds, "Belgium", 2002, 6), 11.3, "Belgium 2002-06");
    assert!(old_series(&ds, "Belgium", 2002, 6).is_empty());
    let olds = old_series(&ds, "Belgium-Luxembourg", 2002, 6);
    assert_eq!(olds.len(), 2);
    assert_close(olds[0], 22.9, "Belgium-Luxembourg 2002-06 old series");
    // The Nov/Dec 2011 break (Series 17/) repeats no month.
    assert!(old_series(&ds, "United Kingdom", 2011, 12).is_empty());
    assert_close(latest(&ds, "United Kingdom", 2011, 12), 114.3, "UK 2011-12");
    assert_close(latest(&ds, "United Kingdom", 2011, 5), 344.5, "UK 2011-05");
}

#[test]
fn footnoted_and_grouped_names() {
    let ds = dataset();
    // `United Kingdom 2/` and `Belgium  5/` in 2002.
    assert_close(latest(&ds, "United Kingdom", 2002, 12), 80.8, "UK 2002-12");
    assert_close(latest(&ds, "Belgium", 2002, 12), 13.0, "Belgium 2002-12");
    let bl = series(&ds, "Belgium-Luxembourg");
    assert_eq!(bl.kind, EntityKind::CountryGroup);
    assert_close(
        latest(&ds, "Belgium-Luxembourg", 2000, 12),
        29.6,
        "B-L 2000-12",
    );
    assert_close(
        latest(&ds, "Belgium-Luxembourg", 2001, 6),
        21.6,
        "B-L 2001-06",
    );
    // The `Belgium  5/` line of January-May 2002 is still the combined figure.
    assert_close(
        latest(&ds, "Belgium-Luxembourg", 2002, 4),
        21.8,
        "B-L 2002-04",
    );
    let last = bl.view(&Vintage::Latest).last().map(|p| p.period);
    assert_eq!(last, Some(Period::month(2002, 5)));
    // Luxembourg is `n.a.` until May 2002.
    assert_close(
        latest(&ds, "Luxembourg", 2002, 6),
        23.1,
        "Luxembourg 2002-06",
    );
    assert_eq!(
        value_as_of(&ds, "Luxembourg", 2002, 5, &Vintage::Latest),
        None
    );
    assert_eq!(
        series(&ds, "Of Which: Foreign Official").kind,
        EntityKind::Memo
    );
    assert_close(
        latest(&ds, "Of Which: Foreign Official", 2011, 12),
        3620.6,
        "official 2011-12",
    );
}

#[test]
fn aggregates_are_not_countries() {
    let ds = dataset();
    let countries = ds.entities(SOURCE, "holdings", Some(EntityKind::Country));
    let names: Vec<&str> = countries.iter().map(|s| s.entity.as_str()).collect();
    assert!(names.contains(&"Japan") && names.contains(&"Korea, South"));
    for aggregate in [
        "Grand Total",
        "All Other",
        "Oil Exporters",
        "Carib Bnkng Ctrs",
        "Belgium-Luxembourg",
        "Of Which: Foreign Official",
    ] {
        assert!(!names.contains(&aggregate), "{aggregate}");
    }
}
