//! The bundled tidy tables against values read by eye from the official files
//! (slt_table3.txt, slt_table5.txt and s1_globl.txt in the raw folder, June
//! 2026 SLT release and the final Form S file). The tables in data/ are made
//! by `claimlens import --from <raw folder> --out data`.

use claimlens::data::{Dataset, EntityKind, Period, Series, Vintage};

fn dataset() -> Dataset {
    Dataset::embedded().expect("the bundled tables load")
}

fn series<'a>(ds: &'a Dataset, source: &str, measure: &str, entity: &str) -> &'a Series {
    ds.series(source, measure, entity)
        .unwrap_or_else(|| panic!("no {source} {measure} {entity} in the bundled data"))
}

fn at(s: &Series, year: i32, month: u8) -> Option<f64> {
    s.at(&Period::month(year, month), &Vintage::Latest)
        .map(|p| p.value)
}

/// Asserts (year, month, value) points of a series.
fn assert_points(
    ds: &Dataset,
    source: &str,
    measure: &str,
    entity: &str,
    points: &[(i32, u8, f64)],
) {
    let s = series(ds, source, measure, entity);
    for &(y, m, v) in points {
        assert_eq!(
            at(s, y, m),
            Some(v),
            "{source} {measure} {entity} {y}-{m:02}"
        );
    }
}

/// Sum of `[1] - [7]` (net purchases of bonds & notes) over months of one year.
fn form_s_net(ds: &Dataset, entity: &str, year: i32, months: &[u8]) -> f64 {
    let buy = series(ds, "s1_globl", "gross_purchases_treas_bonds_notes", entity);
    let sell = series(ds, "s1_globl", "gross_sales_treas_bonds_notes", entity);
    months
        .iter()
        .map(|&m| at(buy, year, m).unwrap() - at(sell, year, m).unwrap())
        .sum()
}

#[test]
fn japan_and_china_sold_in_the_quarter_to_september_2024() {
    let ds = dataset();
    let japan = [
        (2024, 7, -10903.0),
        (2024, 8, -22321.0),
        (2024, 9, -29136.0),
    ];
    assert_points(&ds, "slt_table3", "lt_net_purchases", "Japan", &japan);
    let china = [
        (2024, 7, -23106.0),
        (2024, 8, -15866.0),
        (2024, 9, -12354.0),
    ];
    assert_points(
        &ds,
        "slt_table3",
        "lt_net_purchases",
        "China, Mainland",
        &china,
    );
    let sum: f64 = japan.iter().map(|p| p.2).sum();
    assert_eq!(sum, -62360.0);
    let s = series(&ds, "slt_table3", "lt_net_purchases", "Japan");
    assert_eq!(
        (s.kind, s.unit.as_str()),
        (EntityKind::Country, "USD millions")
    );
}

#[test]
fn grand_total_uk_and_canada_around_the_turn_of_2025() {
    let ds = dataset();
    assert_points(
        &ds,
        "slt_table3",
        "lt_net_purchases",
        "Grand Total",
        &[
            (2024, 11, -35135.0),
            (2024, 12, -35310.0),
            (2025, 1, -4724.0),
        ],
    );
    assert_points(
        &ds,
        "slt_table3",
        "lt_net_purchases",
        "United Kingdom",
        &[(2024, 12, -34188.0), (2025, 1, 36777.0)],
    );
    assert_points(
        &ds,
        "slt_table3",
        "lt_net_purchases",
        "Canada",
        &[(2025, 1, -30072.0)],
    );
    assert_points(
        &ds,
        "slt_table3",
        "holdings",
        "Canada",
        &[(2025, 1, 350815.0)],
    );
    assert_eq!(
        series(&ds, "slt_table3", "lt_net_purchases", "Grand Total").kind,
        EntityKind::Total
    );
}

#[test]
fn net_flows_start_in_february_2023() {
    let ds = dataset();
    let japan = series(&ds, "slt_table3", "lt_net_purchases", "Japan");
    assert_eq!(at(japan, 2023, 1), None, "2023-01 is n.a. in the file");
    assert_eq!(at(japan, 2023, 2), Some(4458.0));
    let total = series(&ds, "slt_table3", "lt_net_purchases", "Grand Total");
    assert_eq!(at(total, 2023, 1), None);
    // Positions and the short-term net exist before 2023-02.
    assert_points(
        &ds,
        "slt_table3",
        "holdings",
        "Japan",
        &[(2023, 1, 1102923.0)],
    );
    assert_points(
        &ds,
        "slt_table3",
        "st_net_purchases",
        "Japan",
        &[(2023, 1, -7226.0)],
    );
    // A published "-0" reads as zero.
    assert_points(
        &ds,
        "slt_table3",
        "lt_net_purchases",
        "Saint Kitts and Nevis",
        &[(2025, 1, 0.0)],
    );
}

#[test]
fn table5_holdings_match_table3_in_billions() {
    let ds = dataset();
    assert_points(
        &ds,
        "slt_table5",
        "holdings",
        "Japan",
        &[(2026, 4, 1209.9), (2026, 3, 1191.6)],
    );
    assert_points(
        &ds,
        "slt_table5",
        "holdings",
        "Grand Total",
        &[(2026, 4, 9352.6)],
    );
    let s = series(&ds, "slt_table5", "holdings", "Japan");
    assert_eq!(s.unit, "USD billions");
    let t3 = series(&ds, "slt_table3", "holdings", "Japan");
    let millions = at(t3, 2026, 4).unwrap();
    assert_eq!(millions, 1209889.0);
    assert_eq!((millions / 100.0).round() / 10.0, at(s, 2026, 4).unwrap());
    assert_eq!(
        series(&ds, "slt_table5", "holdings", "All Other").kind,
        EntityKind::Residual
    );
}

#[test]
fn form_s_gross_purchases_and_sales() {
    let ds = dataset();
    let buy = "gross_purchases_treas_bonds_notes";
    let sell = "gross_sales_treas_bonds_notes";
    // Small unquoted values.
    assert_points(&ds, "s1_globl", buy, "Austria", &[(2023, 1, 42.0)]);
    assert_points(&ds, "s1_globl", sell, "Austria", &[(2023, 1, 79.0)]);
    // Quoted name, quoted thousands ("16,744").
    assert_points(
        &ds,
        "s1_globl",
        buy,
        "China, Mainland",
        &[(2023, 1, 16744.0), (2022, 12, 21540.0)],
    );
    assert_points(
        &ds,
        "s1_globl",
        sell,
        "China, Mainland",
        &[(2023, 1, 27666.0), (2022, 12, 20918.0)],
    );
    // Millions with two thousands commas ("1,221,071").
    assert_points(&ds, "s1_globl", buy, "Grand Total", &[(2016, 9, 1221071.0)]);
    assert_points(
        &ds,
        "s1_globl",
        sell,
        "Grand Total",
        &[(2016, 9, 1295400.0)],
    );
    // "Belgium and Luxembourg" is stored under its canonical name.
    assert_points(
        &ds,
        "s1_globl",
        buy,
        "Belgium-Luxembourg",
        &[(2000, 12, 1561.0)],
    );
    assert_points(
        &ds,
        "s1_globl",
        sell,
        "Belgium-Luxembourg",
        &[(2000, 12, 1657.0)],
    );
    let s = series(&ds, "s1_globl", buy, "Belgium-Luxembourg");
    assert_eq!(
        (s.kind, s.unit.as_str()),
        (EntityKind::CountryGroup, "USD millions")
    );
    assert_eq!(
        series(&ds, "s1_globl", buy, "Channel Islands and Isle of Man").kind,
        EntityKind::CountryGroup
    );
    assert_eq!(
        series(&ds, "s1_globl", buy, "Total Latin America and Caribbean").kind,
        EntityKind::Region
    );
    // Form S ends with the January-2023 data.
    assert_eq!(at(series(&ds, "s1_globl", buy, "Japan"), 2023, 2), None);
}

#[test]
fn form_s_net_purchases_give_the_earlier_records() {
    let ds = dataset();
    // SOURCES-transactions.md: Japan's next-largest 3-month sale is 2022Q4 at -44.21B,
    // China's record is 2016Q3 at -52.25B, both on the [1] - [7] basis.
    assert_eq!(form_s_net(&ds, "Japan", 2022, &[10, 11, 12]), -44211.0);
    assert_eq!(
        form_s_net(&ds, "China, Mainland", 2016, &[7, 8, 9]),
        -52249.0
    );
}

#[test]
fn table1_net_purchases_by_type_of_security() {
    // slt_table1.txt, Grand Total 2025-01: total 1822, Treasuries -4724 (kept
    // from Table 3), agency 195, corporate 23764, equities -17413.
    let ds = claimlens::data::Dataset::embedded().unwrap();
    let at = |entity: &str, measure: &str, y: i32, m: u8| {
        ds.series("slt_table1", measure, entity)
            .and_then(|s| {
                s.at(
                    &claimlens::data::Period::month(y, m),
                    &claimlens::data::Vintage::Latest,
                )
            })
            .map(|p| p.value)
    };
    assert_eq!(
        at("Grand Total", "lt_net_purchases_all_securities", 2025, 1),
        Some(1822.0)
    );
    assert_eq!(
        at("Grand Total", "lt_net_purchases_agency_bonds", 2025, 1),
        Some(195.0)
    );
    assert_eq!(
        at("Grand Total", "lt_net_purchases_corporate_bonds", 2025, 1),
        Some(23764.0)
    );
    assert_eq!(
        at("Grand Total", "lt_net_purchases_equities", 2025, 1),
        Some(-17413.0)
    );
    // Japan 2024-09: total -16313, agency 7099, corporate 2704, equities 3020.
    assert_eq!(
        at("Japan", "lt_net_purchases_all_securities", 2024, 9),
        Some(-16313.0)
    );
    assert_eq!(
        at("Japan", "lt_net_purchases_equities", 2024, 9),
        Some(3020.0)
    );
    // Net flows are n.a. before 2023-02; the Treasury columns are not duplicated here.
    assert_eq!(
        at("Japan", "lt_net_purchases_all_securities", 2023, 1),
        None
    );
    assert!(
        ds.series("slt_table1", "lt_net_purchases", "Japan")
            .is_none()
    );
}
