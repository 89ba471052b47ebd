//! The measure a statement most likely means, chosen from cue words and the
//! kind of number, then bound to the series the dataset actually holds for
//! the entity (its catalogue: `Dataset::all_series()`).

use super::numbers::Kind;
use crate::claims::metrics::FORM_S_NET;
use crate::data::Dataset;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Long-term net purchases of US securities by foreigners (TIC), USD billions.
    NetPurchases,
    /// Holdings of US Treasury securities (TIC), USD billions.
    Holdings,
    /// Central banks' net gold purchases (WGC), tonnes.
    GoldPurchases,
    /// A country's official gold reserves (WGC), tonnes.
    GoldReserves,
    /// The 10-year Treasury yield (FRED), percent.
    Yield10y,
    /// The broad dollar index (FRED).
    DollarIndex,
    /// Market value lost by US stocks over a window (compiled facts), USD trillion.
    StockLoss,
    /// The S&P 500 close (FRED), index points.
    StockIndex,
}

impl Measure {
    pub fn label(self) -> &'static str {
        match self {
            Measure::NetPurchases => "long-term net purchases (TIC)",
            Measure::Holdings => "Treasury holdings (TIC)",
            Measure::GoldPurchases => "central banks' net gold purchases (WGC)",
            Measure::GoldReserves => "gold reserves (WGC)",
            Measure::Yield10y => "10-year Treasury yield (FRED)",
            Measure::DollarIndex => "broad dollar index (FRED)",
            Measure::StockLoss => "US stock market value lost (compiled figure)",
            Measure::StockIndex => "S&P 500 close (FRED)",
        }
    }

    /// Candidate (source, measure) pairs in order of preference.
    pub fn candidates(self, months: i32, record: bool) -> Vec<(&'static str, &'static str)> {
        match self {
            Measure::NetPurchases if record => vec![
                ("slt_table3", "lt_net_purchases"),
                ("s1_globl", FORM_S_NET),
                ("tic_facts", "press_lt_treas_net_purchases_3m"),
            ],
            Measure::NetPurchases if months == 3 => vec![
                ("slt_table3", "lt_net_purchases"),
                ("tic_facts", "press_lt_treas_net_purchases_3m"),
                ("tic_facts", "press_lt_treas_net_purchases"),
            ],
            Measure::NetPurchases => vec![
                ("slt_table3", "lt_net_purchases"),
                ("tic_facts", "press_lt_treas_net_purchases"),
            ],
            Measure::Holdings => vec![
                ("slt_table5", "holdings"),
                ("mfhhis01", "holdings"),
                ("tic_facts", "press_mfh_holdings"),
            ],
            Measure::GoldPurchases => vec![("context_facts", "wgc_cb_net_purchases")],
            Measure::GoldReserves => vec![("wgc_gold_reserves", "gold_reserves")],
            Measure::Yield10y => vec![("fred_dgs10", "treasury_10y_yield")],
            Measure::DollarIndex => vec![("fred_dtwexbgs", "broad_dollar_index")],
            Measure::StockLoss => vec![
                ("context_facts", "sp500_market_value_loss_factset"),
                ("context_facts", "sp500_market_value_loss_reuters_approx"),
            ],
            Measure::StockIndex => vec![("fred_sp500", "sp500_close")],
        }
    }

    /// The unit claims of this measure are written in.
    pub fn unit(self, kind: Option<Kind>, value: f64) -> &'static str {
        match (self, kind) {
            (Measure::GoldPurchases | Measure::GoldReserves, _) => "tonnes",
            (_, Some(Kind::Percent { .. })) => "percent",
            (Measure::Yield10y, _) => "percent",
            (Measure::DollarIndex | Measure::StockIndex, _) => "index points",
            (_, Some(Kind::Money)) if value.abs() >= 1000.0 => "USD trillion",
            _ => "USD billions",
        }
    }

    /// Which entity stands for the statement's holder in this measure's data.
    pub fn entity_for(self, name: &str) -> String {
        use super::entities::{ALL_FOREIGN, CENTRAL_BANKS, FOREIGN_OFFICIAL};
        match self {
            Measure::Yield10y | Measure::DollarIndex | Measure::StockLoss | Measure::StockIndex => {
                "United States".into()
            }
            Measure::GoldPurchases => CENTRAL_BANKS.into(),
            Measure::NetPurchases | Measure::Holdings if name == CENTRAL_BANKS => {
                FOREIGN_OFFICIAL.into()
            }
            Measure::GoldReserves if name == ALL_FOREIGN => CENTRAL_BANKS.into(),
            _ => name.into(),
        }
    }

    /// True when the measure's data have no holder dimension worth naming in the text.
    pub fn needs_holder(self) -> bool {
        matches!(
            self,
            Measure::NetPurchases | Measure::Holdings | Measure::GoldReserves
        )
    }
}

/// The measures a clause could mean, most likely first, with the cue that chose each.
pub fn choose(text: &str, kind: Option<Kind>, has_flow: bool) -> Vec<(Measure, &'static str)> {
    let l = text.to_ascii_lowercase();
    let has = |w: &str| l.contains(w);
    let mut out: Vec<(Measure, &'static str)> = Vec::new();
    let mut add = |m: Measure, why: &'static str| {
        if !out.iter().any(|(x, _)| *x == m) {
            out.push((m, why));
        }
    };
    if matches!(kind, Some(Kind::Tonnes)) || has("gold") {
        if has("central bank") || has_flow {
            add(
                Measure::GoldPurchases,
                "tonnes and central banks' buying: WGC net purchases",
            );
        }
        add(
            Measure::GoldReserves,
            "tonnes of gold held: WGC gold reserves",
        );
    }
    let measured_elsewhere = matches!(kind, Some(Kind::Money | Kind::Tonnes));
    if !measured_elsewhere
        && (matches!(kind, Some(Kind::Percent { .. })) || has("yield") || has("index"))
    {
        if has("yield") {
            add(
                Measure::Yield10y,
                "a yield in percent: the 10-year Treasury yield",
            );
        }
        if has("dollar index") || (has("dollar") && (has("index") || has("weak") || has("strong")))
        {
            add(
                Measure::DollarIndex,
                "the dollar's value: the broad dollar index",
            );
        }
        if has("s&p") || has("stock") {
            add(Measure::StockIndex, "a stock index change: the S&P 500");
        }
    }
    if has("stock market") || has("wall street") || has("s&p") || has("stocks") {
        if matches!(kind, Some(Kind::Money)) {
            add(
                Measure::StockLoss,
                "dollars and the stock market: market value lost",
            );
        }
        if !measured_elsewhere {
            add(Measure::StockIndex, "the stock market: the S&P 500 close");
        }
    }
    let holding = [
        "holding",
        "holds",
        "hold ",
        "holder",
        "stockpile",
        "owns",
        "owned",
    ]
    .iter()
    .any(|w| has(w));
    if matches!(
        kind,
        Some(Kind::Money) | Some(Kind::Count { .. }) | Some(Kind::Rank) | None
    ) {
        if holding && (!has_flow || has("holdings")) {
            add(
                Measure::Holdings,
                "a holding word and no buying or selling: holdings",
            );
            add(
                Measure::NetPurchases,
                "dollars of Treasuries: net purchases",
            );
        } else {
            add(
                Measure::NetPurchases,
                "a buying or selling word: net purchases",
            );
            add(Measure::Holdings, "dollars of Treasuries: holdings");
        }
    }
    out
}

/// The candidate series that exist in the dataset for every entity, in order of preference.
pub fn bind(
    ds: &Dataset,
    m: Measure,
    entities: &[String],
    months: i32,
    record: bool,
) -> Vec<(String, String)> {
    m.candidates(months, record)
        .into_iter()
        .filter(|(src, meas)| {
            entities.iter().all(|e| {
                let probe = if *meas == FORM_S_NET {
                    "gross_purchases_treas_bonds_notes"
                } else {
                    meas
                };
                ds.series(src, probe, e).is_some()
            })
        })
        .map(|(s, m)| (s.to_string(), m.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_choose_measures() {
        let first = |t: &str, k: Option<Kind>, f: bool| choose(t, k, f)[0].0;
        assert_eq!(
            first(
                "Holding over $1.1 trillion worth of U.S. Treasuries",
                Some(Kind::Money),
                false
            ),
            Measure::Holdings
        );
        assert_eq!(
            first("investors offloaded $61.9 billion", Some(Kind::Money), true),
            Measure::NetPurchases
        );
        assert_eq!(
            first(
                "central banks added 1,045 tons of gold",
                Some(Kind::Tonnes),
                true
            ),
            Measure::GoldPurchases
        );
        assert_eq!(
            first(
                "the 10-year yield rose to 4.8%",
                Some(Kind::Percent { points: false }),
                false
            ),
            Measure::Yield10y
        );
        assert_eq!(
            first(
                "the U.S. stock market lost $5 trillion",
                Some(Kind::Money),
                false
            ),
            Measure::StockLoss
        );
        assert_eq!(
            first(
                "the dollar index climbed 7%",
                Some(Kind::Percent { points: false }),
                false
            ),
            Measure::DollarIndex
        );
    }

    #[test]
    fn binding_uses_the_catalogue() {
        let ds = Dataset::embedded().expect("embedded");
        let japan = vec!["Japan".to_string()];
        let b = bind(&ds, Measure::NetPurchases, &japan, 3, true);
        assert_eq!(
            b[0],
            ("slt_table3".to_string(), "lt_net_purchases".to_string())
        );
        assert!(b.iter().any(|(s, _)| s == "s1_globl"));
        let belgium = vec!["Mauritius".to_string()];
        let b = bind(&ds, Measure::Holdings, &belgium, 1, false);
        assert!(b.iter().all(|(s, _)| s != "tic_facts"), "{b:?}");
    }
}
