//! Readers for the CSV sources: FRED daily series, the World Gold Council
//! reserves table, and the two hand-compiled facts tables.
//!
//! - FRED files have the header `date,value`; market holidays have an empty
//!   value and give no observation.
//! - The WGC table has `Date,Country,Tonnes`, `Date` being a quarter-end month.
//! - `context_facts.csv` (`date_or_period,series,value,unit,source_url`) and
//!   `tic_transactions_facts.csv` (`month,country,series,value_usd_billions,source_url`)
//!   carry figures quoted on public pages, each with its page address. Their
//!   series names encode the publication they come from
//!   (`..._vintage_FY2024`, `..._first_release`, `..._as_of_2025-02-18`); the
//!   reader moves that part into the vintage column so that one measure has
//!   several vintages, as the official tables do.

use super::{Origin, RawFile, text};
use crate::data::observation::Observation;
use crate::data::period::{Period, Stamp};
use crate::error::InputError;

/// Commit date of the WGC reserves scrape (SOURCES-context.md).
const WGC_VINTAGE: &str = "2026-02-25";

/// Publication dates of the World Gold Council reports named in series ids.
/// FY2024 and FY2025 are given in SOURCES-context.md; for the others only
/// the month is known: full-year reports appear in the February after the
/// year (end of January at the earliest), the Q3 report at the end of October.
fn wgc_report_vintage(tag: &str) -> Option<String> {
    match tag {
        "FY2024" => Some("2025-02-05".into()),
        "FY2025" => Some("2026-01-29".into()),
        _ => match tag.strip_prefix("FY").and_then(|y| y.parse::<i32>().ok()) {
            Some(y) => Some(format!("{:04}-02", y + 1)),
            None => tag
                .strip_prefix("Q3-")
                .and_then(|y| y.parse::<i32>().ok())
                .map(|y| format!("{y:04}-10")),
        },
    }
}

/// Splits a CSV text into records with their line numbers, checking the header.
fn records(file: &RawFile, header: &[&str]) -> Result<Vec<(usize, csv::StringRecord)>, InputError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(file.text.as_bytes());
    let found = rdr
        .headers()
        .map_err(|e| InputError::at(file.name, 1, format!("unreadable header: {e}")))?
        .clone();
    if found.iter().map(str::trim).ne(header.iter().copied()) {
        return Err(InputError::at(
            file.name,
            1,
            format!(
                "expected the header {:?}, found {:?}",
                header.join(","),
                found.iter().collect::<Vec<_>>().join(",")
            ),
        ));
    }
    // The csv crate's own line count lags by one after a CRLF, so lines are
    // counted from byte offsets instead, in one pass: record positions only
    // grow. (Line lengths are bounded before any reader runs, see text::decode.)
    let bytes = file.text.as_bytes();
    let (mut counted_to, mut line_no) = (0usize, 1usize);
    let mut line_at = |byte: u64| -> usize {
        let mut at = (byte as usize).min(bytes.len());
        while at < bytes.len() && (bytes[at] == b'\r' || bytes[at] == b'\n') {
            at += 1;
        }
        if at > counted_to {
            line_no += bytes[counted_to..at]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted_to = at;
        }
        line_no
    };
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = line_at(e.position().map_or(u64::MAX, |p| p.byte()));
                return Err(InputError::at(
                    file.name,
                    line,
                    format!("malformed CSV row: {e}"),
                ));
            }
        }
        let line = line_at(rec.position().map_or(u64::MAX, |p| p.byte()));
        // Only a truly empty line is blank (the csv crate skips those); a
        // line of commas is a row with the wrong number of fields.
        if rec.len() == 1 && rec[0].trim().is_empty() {
            continue;
        }
        if rec.len() != header.len() {
            return Err(InputError::at(
                file.name,
                line,
                format!(
                    "expected {} fields ({}), found {}",
                    header.len(),
                    header.join(","),
                    rec.len()
                ),
            ));
        }
        out.push((line, rec.clone()));
    }
    if out.is_empty() {
        return Err(InputError::file(
            file.name,
            "no data rows; expected at least one row after the header",
        ));
    }
    Ok(out)
}

/// A series name: letters, digits, `_`, `-` and `.` (it becomes a measure
/// name, which the tidy format keeps unquoted).
fn series_name<'a>(file: &RawFile, line: usize, cell: &'a str) -> Result<&'a str, InputError> {
    let name = cell.trim();
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if ok {
        Ok(name)
    } else {
        Err(InputError::at(
            file.name,
            line,
            format!("expected a series name of letters, digits and _, found {name:?}"),
        ))
    }
}

fn parse_period(file: &RawFile, line: usize, cell: &str) -> Result<Period, InputError> {
    cell.trim()
        .parse::<Period>()
        .map_err(|e| InputError::at(file.name, line, e))
}

fn read_fred(
    file: &RawFile,
    source: &str,
    measure: &str,
    unit: &str,
) -> Result<Vec<Observation>, InputError> {
    // A daily value is not revised afterwards, so its vintage is the day it is
    // first published, by the release calendar (the next business day; the
    // weekly dollar index the Monday after its week). The copy was taken on
    // 2026-01-02.
    let mut out = Vec::new();
    for (line, rec) in records(file, &["date", "value"])? {
        let period = parse_period(file, line, &rec[0])?;
        if !matches!(period.start, Stamp::Day(_)) || period.is_span() {
            return Err(InputError::at(
                file.name,
                line,
                format!("expected a date YYYY-MM-DD, found {:?}", &rec[0]),
            ));
        }
        let cell = rec[1].trim();
        if cell.is_empty() || cell == "." {
            continue; // market holiday
        }
        let value = text::require_number(file.name, line, measure, cell)?;
        let vintage = crate::data::calendar::first_release(source, &period)
            .unwrap_or_else(|| period.last_day())
            .format("%Y-%m-%d")
            .to_string();
        let origin = Origin {
            file: file.name,
            source,
            unit,
            vintage: &vintage,
        };
        out.push(origin.obs(measure, "United States", period, value, line));
    }
    Ok(out)
}

pub fn read_fred_sp500(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    read_fred(file, "fred_sp500", "sp500_close", "index points")
}

pub fn read_fred_dgs10(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    read_fred(file, "fred_dgs10", "treasury_10y_yield", "percent")
}

pub fn read_fred_dtwexbgs(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    read_fred(
        file,
        "fred_dtwexbgs",
        "broad_dollar_index",
        "index, Jan 2006 = 100",
    )
}

pub fn read_wgc(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    let origin = Origin {
        file: file.name,
        source: "wgc_gold_reserves",
        unit: "tonnes",
        vintage: WGC_VINTAGE,
    };
    let mut out = Vec::new();
    for (line, rec) in records(file, &["Date", "Country", "Tonnes"])? {
        let period = parse_period(file, line, &rec[0])?;
        if period.month_index().is_none() {
            return Err(InputError::at(
                file.name,
                line,
                format!("expected a quarter-end month YYYY-MM, found {:?}", &rec[0]),
            ));
        }
        let value = text::require_number(file.name, line, "Tonnes", &rec[2])?;
        out.push(origin.obs("gold_reserves", &rec[1], period, value, line));
    }
    Ok(out)
}

/// Parses the facts tables' period notation: a period, an ISO span `A/B`, or
/// `A..B` where `B` may drop the leading part it shares with `A` (`2024-Q1..Q3`).
fn facts_period(cell: &str) -> Result<Period, String> {
    let cell = cell.trim();
    if let Some((a, b)) = cell.split_once("..") {
        let full_b = if b.len() < a.len() {
            format!("{}{}", &a[..a.len() - b.len()], b)
        } else {
            b.to_string()
        };
        return format!("{a}/{full_b}").parse();
    }
    if let Some((y, q)) = cell.split_once('Q').filter(|(y, _)| y.len() == 4) {
        return format!("{y}-Q{q}").parse();
    }
    cell.parse()
}

/// Which entity a context series speaks of.
fn context_entity(series: &str) -> Result<String, String> {
    if series.starts_with("sp500_") {
        Ok("United States".into())
    } else if let Some(country) = series.strip_prefix("wgc_cb_buyer_") {
        let mut c = country.chars();
        let first = c.next().ok_or("empty country in series name")?;
        Ok(first.to_uppercase().chain(c).collect())
    } else if series.starts_with("wgc_cb_") {
        Ok("Central banks".into())
    } else if series.starts_with("wgc_total_gold_demand") {
        Ok("World".into())
    } else {
        Err(format!(
            "unknown series {series:?}; expected one starting with sp500_, wgc_cb_ or wgc_total_gold_demand"
        ))
    }
}

/// Splits `<measure>_vintage_<report>` / `<measure>_as_cited_<YYYY-MM>` /
/// `<measure>_secondary_atlas` into the measure and its publication vintage.
fn context_measure(series: &str, period: &Period) -> Result<(String, String), String> {
    if let Some((m, tag)) = series.split_once("_vintage_") {
        let v = wgc_report_vintage(tag)
            .ok_or_else(|| format!("unknown report {tag:?} in series {series:?}"))?;
        return Ok((m.to_string(), v));
    }
    if let Some((m, date)) = series.split_once("_as_cited_") {
        if !crate::data::tidy::valid_vintage(date) {
            return Err(format!(
                "expected a month or date after _as_cited_ in series {series:?}, found {date:?}"
            ));
        }
        return Ok((m.to_string(), date.to_string()));
    }
    if let Some(m) = series.strip_suffix("_secondary_atlas") {
        // A hand compilation whose newest figures come from the FY2025 report.
        return Ok((format!("{m}_secondary"), "2026-01-29".into()));
    }
    // A market figure reported the day its period ended.
    Ok((
        series.to_string(),
        period.last_day().format("%Y-%m-%d").to_string(),
    ))
}

pub fn read_context_facts(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    let mut out = Vec::new();
    for (line, rec) in records(
        file,
        &["date_or_period", "series", "value", "unit", "source_url"],
    )? {
        let at = |m: String| InputError::at(file.name, line, m);
        let period = facts_period(&rec[0]).map_err(at)?;
        let series = series_name(file, line, &rec[1])?;
        let entity = context_entity(series).map_err(at)?;
        let (measure, vintage) = context_measure(series, &period).map_err(at)?;
        let value = text::require_number(file.name, line, "value", &rec[2])?;
        let origin = Origin {
            file: file.name,
            source: "context_facts",
            unit: rec[3].trim(),
            vintage: &vintage,
        };
        let mut o = origin.obs(&measure, &entity, period, value, line);
        o.source_url = rec[4].trim().to_string();
        out.push(o);
    }
    Ok(out)
}

/// TIC data for a month are first released in the middle of the second month after it.
fn first_release_month(period: &Period) -> String {
    let (y, m) = match period.end {
        Stamp::Month(y, m) => (y, m),
        Stamp::Quarter(y, q) => (y, q * 3),
        Stamp::Year(y) => (y, 12),
        Stamp::Day(_) => return period.last_day().format("%Y-%m-%d").to_string(),
    };
    let next = Period::month(y, m).add_months(2).unwrap_or(*period);
    next.to_string()
}

pub fn read_tic_facts(file: &RawFile) -> Result<Vec<Observation>, InputError> {
    let mut out = Vec::new();
    for (line, rec) in records(
        file,
        &[
            "month",
            "country",
            "series",
            "value_usd_billions",
            "source_url",
        ],
    )? {
        let at = |m: String| InputError::at(file.name, line, m);
        let period = facts_period(&rec[0]).map_err(at)?;
        let series = series_name(file, line, &rec[2])?;
        let (measure, vintage) = if let Some((m, date)) = series.split_once("_as_of_") {
            if !crate::data::tidy::valid_vintage(date) {
                return Err(at(format!(
                    "expected a date after _as_of_ in series {series:?}, found {date:?}"
                )));
            }
            (m.to_string(), date.to_string())
        } else {
            let m = series.strip_suffix("_first_release").unwrap_or(series);
            (m.to_string(), first_release_month(&period))
        };
        let value = text::require_number(file.name, line, "value_usd_billions", &rec[3])?;
        let origin = Origin {
            file: file.name,
            source: "tic_facts",
            unit: "USD billions",
            vintage: &vintage,
        };
        let mut o = origin.obs(&measure, &rec[1], period, value, line);
        o.source_url = rec[4].trim().to_string();
        out.push((o, series.contains("_as_of_")));
    }
    Ok(date_by_page(out))
}

/// A page reports one TIC release: the newest month it reports dates every
/// figure on it (a report of the March release that also quotes December's
/// figure gives December as it stood in March, not its first release). A
/// figure `..._as_of_<date>` keeps its own date.
fn date_by_page(rows: Vec<(Observation, bool)>) -> Vec<Observation> {
    let mut newest: std::collections::HashMap<String, Period> = std::collections::HashMap::new();
    for (o, as_of) in &rows {
        if !as_of {
            let e = newest.entry(o.source_url.clone()).or_insert(o.period);
            if o.period.last_day() > e.last_day() {
                *e = o.period;
            }
        }
    }
    rows.into_iter()
        .map(|(mut o, as_of)| {
            if !as_of && let Some(p) = newest.get(&o.source_url) {
                o.vintage = first_release_month(p);
            }
            o
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw<'a>(name: &'a str, text: &'a str) -> RawFile<'a> {
        RawFile { name, text }
    }

    #[test]
    fn fred_skips_holidays_and_keeps_digits() {
        let f = raw(
            "fred_SP500_daily.csv",
            "date,value\r\n2025-01-01,\r\n2025-02-19,6144.15\r\n",
        );
        let obs = read_fred_sp500(&f).unwrap();
        assert_eq!(obs.len(), 1);
        assert_eq!(obs[0].value_text, "6144.15");
        assert_eq!(obs[0].line, 3);
        assert_eq!(obs[0].entity, "United States");
    }

    #[test]
    fn fred_errors_name_the_line() {
        let e = read_fred_dgs10(&raw(
            "f.csv",
            "date,value\n2025-01-02,4.5\n2025-01-03,high\n",
        ))
        .unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("expected a number"), "{e}");
        let e = read_fred_dgs10(&raw("f.csv", "day,close\n")).unwrap_err();
        assert!(e.message.contains("expected the header"), "{e}");
        let e = read_fred_dgs10(&raw("f.csv", "date,value\n2025-13-01,4\n")).unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = read_fred_dgs10(&raw("f.csv", "date,value\n")).unwrap_err();
        assert!(e.message.contains("no data rows"), "{e}");
    }

    #[test]
    fn wgc_names_become_canonical() {
        let f = raw(
            "wgc.csv",
            "Date,Country,Tonnes\n2024-12,China,2279.56\n2024-12,\"Taiwan, China\",422.69\n2024-12,Russian Federation,2332.74\n",
        );
        let names: Vec<String> = read_wgc(&f)
            .unwrap()
            .into_iter()
            .map(|o| o.entity)
            .collect();
        assert_eq!(names, ["China, Mainland", "Taiwan", "Russia"]);
    }

    #[test]
    fn facts_periods_and_vintages() {
        assert_eq!(
            facts_period("2024-Q1..Q3").unwrap().to_string(),
            "2024-Q1/2024-Q3"
        );
        assert_eq!(facts_period("2010..2021").unwrap().to_string(), "2010/2021");
        assert_eq!(facts_period("2024Q3").unwrap().to_string(), "2024-Q3");
        let text = "date_or_period,series,value,unit,source_url\n\
            2024,wgc_cb_net_purchases_vintage_FY2024,1045,tonnes,https://a\n\
            2024,wgc_cb_net_purchases_vintage_FY2025,1092.4,tonnes,https://b\n\
            2025-02-19/2025-03-13,sp500_market_value_loss_factset,5.28,USD trillion,https://c\n\
            2024,wgc_cb_buyer_poland,90,tonnes,https://d\n";
        let obs = read_context_facts(&raw("c.csv", text)).unwrap();
        assert_eq!(
            (obs[0].measure.as_str(), obs[0].vintage.as_str()),
            ("wgc_cb_net_purchases", "2025-02-05")
        );
        assert_eq!(obs[1].vintage, "2026-01-29");
        assert_eq!(obs[0].entity, "Central banks");
        assert_eq!(
            (obs[2].entity.as_str(), obs[2].vintage.as_str()),
            ("United States", "2025-03-13")
        );
        assert_eq!(obs[3].entity, "Poland");
        assert_eq!(obs[3].source_url, "https://d");
    }

    #[test]
    fn tic_facts_first_release_vintage() {
        let text = "month,country,series,value_usd_billions,source_url\n\
            2025-01,All foreign,press_lt_treas_net_purchases,-13.3,https://a\n\
            2024Q3,Japan,press_lt_treas_net_purchases_3m,-61.9,https://b\n\
            2024-11,Japan,press_mfh_holdings_as_of_2025-02-18,1087.0,https://c\n\
            2024-11,Japan,press_mfh_holdings_first_release,1099.0,https://d\n";
        let obs = read_tic_facts(&raw("t.csv", text)).unwrap();
        assert_eq!(
            (obs[0].entity.as_str(), obs[0].vintage.as_str()),
            ("Grand Total", "2025-03")
        );
        assert_eq!(
            (obs[1].period.to_string().as_str(), obs[1].vintage.as_str()),
            ("2024-Q3", "2024-11")
        );
        assert_eq!(
            (obs[2].measure.as_str(), obs[2].vintage.as_str()),
            ("press_mfh_holdings", "2025-02-18")
        );
        assert_eq!(
            (obs[3].measure.as_str(), obs[3].vintage.as_str()),
            ("press_mfh_holdings", "2025-01")
        );
    }

    #[test]
    fn series_names_and_their_dates_are_checked() {
        // Found by the fuzz harness: these made tables the tidy reader refused.
        let text =
            "month,country,series,value_usd_billions,source_url\n2025-01,Japan,\"press,x\",1,u\n";
        let e = read_tic_facts(&raw("t.csv", text)).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("expected a series name"), "{e}");
        let text = "month,country,series,value_usd_billions,source_url\n2025-01,Japan,x_as_of_2025-02-30,1,u\n";
        let e = read_tic_facts(&raw("t.csv", text)).unwrap_err();
        assert!(e.message.contains("expected a date after _as_of_"), "{e}");
        let text =
            "date_or_period,series,value,unit,source_url\n2024,sp500_x_as_cited_soon,1,t,u\n";
        let e = read_context_facts(&raw("c.csv", text)).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("after _as_cited_"), "{e}");
    }

    #[test]
    fn facts_errors() {
        let text = "date_or_period,series,value,unit,source_url\n2024,mystery_series,1,t,u\n";
        let e = read_context_facts(&raw("c.csv", text)).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("unknown series"), "{e}");
        let text = "date_or_period,series,value,unit,source_url\n2024,sp500_close,1\n";
        let e = read_context_facts(&raw("c.csv", text)).unwrap_err();
        assert!(e.message.contains("expected 5 fields"), "{e}");
    }
}
