//! Blocs: named groups of countries (G7, BRICS, ASEAN, custodial centres)
//! defined as data in a TOML file, and their series computed from the
//! members' published values.
//!
//! A bloc's value for a period is the sum of the members that belong to it
//! then and have a value; the members that belong but have no value are
//! listed as missing, never counted as zero. Membership is dated by month
//! (`from`, `to`), and a bloc may `include` other blocs with their dates.

use super::dataset::{Dataset, Vintage};
use super::period::Period;
use crate::error::{InputError, line_of};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Why figures for a custodial centre need care.
pub const CUSTODIAL_CAVEAT: &str = "TIC records the country of the custodian that holds the securities, not the country of their owner, so holdings and flows attributed there may belong to investors anywhere.";

/// The most memberships one bloc may have, those of the blocs it includes
/// counted (each distinct membership once): a bloc of every entity the data
/// list, each with a few dated spells, has some hundreds.
pub const MAX_MEMBERS: usize = 1_000;

/// The most memberships the blocs of one file may have in all (a bloc's
/// included members counted again in every bloc that includes it), so that
/// blocs including blocs cannot multiply a small file into a large one.
pub const MAX_FILE_MEMBERS: usize = 100_000;

/// The bundled bloc definitions.
pub const EMBEDDED_BLOCS: &str = include_str!("../../assets/blocs.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BlocsFile {
    #[serde(rename = "bloc", default)]
    blocs: Vec<BlocSpec>,
}

/// The `[[bloc]]` tables of a file that holds other settings too (the config file).
#[derive(Debug, Deserialize)]
struct BlocTables {
    #[serde(rename = "bloc", default)]
    blocs: Vec<BlocSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BlocSpec {
    id: Spanned<String>,
    name: String,
    why: String,
    source: String,
    #[serde(default)]
    custodial: bool,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    members: Vec<MemberSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberSpec {
    entity: Spanned<String>,
    from: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
    #[serde(default)]
    absent: bool,
}

/// One membership: an entity from one month to another (either end open).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Member {
    pub entity: String,
    pub from: Option<Period>,
    pub to: Option<Period>,
    /// Listed in no table of the dataset the blocs were checked against.
    pub absent: bool,
}

impl Member {
    /// True when the member belongs to the bloc in `period` (judged by the period's last day).
    pub fn belongs(&self, period: &Period) -> bool {
        let day = period.last_day();
        self.from.is_none_or(|f| f.first_day() <= day)
            && self.to.is_none_or(|t| day <= t.last_day())
    }
}

/// A bloc with its members resolved (included blocs expanded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bloc {
    pub id: String,
    pub name: String,
    /// Why these members: the definition in words.
    pub why: String,
    pub source: String,
    /// Holdings attributed to it are by custodian, not by owner.
    pub custodial: bool,
    pub members: Vec<Member>,
}

impl Bloc {
    /// Distinct member names, in definition order.
    pub fn member_names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in &self.members {
            if !out.contains(&m.entity.as_str()) {
                out.push(&m.entity);
            }
        }
        out
    }

    /// The members that belong in `period`.
    pub fn members_in(&self, period: &Period) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in self.members.iter().filter(|m| m.belongs(period)) {
            if !out.contains(&m.entity.as_str()) {
                out.push(&m.entity);
            }
        }
        out
    }
}

/// Every bloc of a definitions file (or of several, later ones replacing earlier ids).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocs {
    pub blocs: Vec<Bloc>,
}

impl Blocs {
    /// The bundled definitions, checked against `ds`.
    pub fn embedded(ds: &Dataset) -> Result<Blocs, InputError> {
        Blocs::parse(ds, "<embedded>/blocs.toml", EMBEDDED_BLOCS)
    }

    /// Parses and checks a definitions file: every member must name an entity
    /// of `ds` (or be marked `absent = true`), dates must be months with `from`
    /// not after `to`, includes must name blocs defined above, ids are unique.
    pub fn parse(ds: &Dataset, file: &str, text: &str) -> Result<Blocs, InputError> {
        Blocs::parse_with(ds, file, text, false)
    }

    /// The bundled definitions for any dataset (e.g. tidy tables of `--data` or
    /// a test's few rows): members the data do not list are taken as absent
    /// instead of being errors. `embedded` checks them strictly.
    pub fn bundled_for(ds: &Dataset) -> Result<Blocs, InputError> {
        Blocs::parse_with(ds, "<embedded>/blocs.toml", EMBEDDED_BLOCS, true)
    }

    /// The `[[bloc]]` tables of a file with other settings (the user's config
    /// file), checked as strictly as [`Blocs::parse`]; other keys are left to
    /// the file's own reader.
    pub fn parse_tables(ds: &Dataset, file: &str, text: &str) -> Result<Blocs, InputError> {
        let spec: BlocTables = toml::from_str(text).map_err(|e| {
            let (line, msg) = crate::error::toml_error(text, &e);
            InputError::new(file, line, format!("invalid [[bloc]] table: {msg}"))
        })?;
        Blocs::check(ds, file, text, spec.blocs, false)
    }

    fn parse_with(
        ds: &Dataset,
        file: &str,
        text: &str,
        lenient: bool,
    ) -> Result<Blocs, InputError> {
        let spec: BlocsFile = toml::from_str(text).map_err(|e| {
            let (line, msg) = crate::error::toml_error(text, &e);
            InputError::new(file, line, format!("invalid blocs file: {msg}"))
        })?;
        Blocs::check(ds, file, text, spec.blocs, lenient)
    }

    fn check(
        ds: &Dataset,
        file: &str,
        text: &str,
        specs: Vec<BlocSpec>,
        lenient: bool,
    ) -> Result<Blocs, InputError> {
        let at = |span: std::ops::Range<usize>, msg: String| {
            InputError::at(file, line_of(text, span.start), msg)
        };
        let mut out = Blocs::default();
        let mut in_all = 0usize;
        for (k, b) in specs.iter().enumerate() {
            let id = b.id.get_ref().trim().to_string();
            if id.is_empty() {
                return Err(at(b.id.span(), "expected a non-empty bloc id".into()));
            }
            if out.get(&id).is_some() {
                return Err(at(
                    b.id.span(),
                    format!("bloc {id:?} is defined twice; expected unique ids"),
                ));
            }
            // Each bloc is expanded once, here: an include copies the members
            // of a bloc already expanded, each distinct membership once.
            let mut members = Members::default();
            for inc in &b.include {
                let Some(other) = out.get(inc.get_ref()) else {
                    return Err(at(
                        inc.span(),
                        unknown_include(&id, inc.get_ref(), &specs[k..]),
                    ));
                };
                for m in &other.members {
                    members.add(m.clone(), &id).map_err(|e| at(inc.span(), e))?;
                }
            }
            for m in &b.members {
                let made = member(ds, m, lenient, &at)?;
                members.add(made, &id).map_err(|e| at(m.entity.span(), e))?;
            }
            let members = members.list;
            in_all += members.len();
            if in_all > MAX_FILE_MEMBERS {
                return Err(at(
                    b.id.span(),
                    format!(
                        "the blocs up to {id:?} have more than {MAX_FILE_MEMBERS} members in all (a bloc's included members counted again in each bloc that includes it); expected fewer or smaller blocs"
                    ),
                ));
            }
            if members.is_empty() {
                return Err(at(b.id.span(), format!("bloc {id:?} has no members")));
            }
            out.blocs.push(Bloc {
                id,
                name: b.name.clone(),
                why: b.why.clone(),
                source: b.source.clone(),
                custodial: b.custodial,
                members,
            });
        }
        Ok(out)
    }

    /// A bloc by id, ignoring case (`g7`, `brics`).
    pub fn get(&self, id: &str) -> Option<&Bloc> {
        self.blocs
            .iter()
            .find(|b| b.id.eq_ignore_ascii_case(id.trim()))
    }

    /// Adds the blocs of `other`, replacing bundled blocs of the same id.
    pub fn overlay(&mut self, other: Blocs) {
        for b in other.blocs {
            match self
                .blocs
                .iter_mut()
                .find(|x| x.id.eq_ignore_ascii_case(&b.id))
            {
                Some(slot) => *slot = b,
                None => self.blocs.push(b),
            }
        }
    }

    /// The custodial caveat for a list of entities: `None` when none of them is a
    /// member of a custodial bloc. Each entity is a data name; `members_of`
    /// expands a bloc into its members beforehand.
    pub fn custodial_caveat(&self, entities: &[&str]) -> Option<String> {
        let mut hit: Vec<&str> = Vec::new();
        for e in entities {
            if self.custodial_of(e).is_some() && !hit.contains(e) {
                hit.push(e);
            }
        }
        if hit.is_empty() {
            return None;
        }
        let blocs: Vec<&str> = self
            .blocs
            .iter()
            .filter(|b| b.custodial && hit.iter().any(|h| b.members.iter().any(|m| m.entity == *h)))
            .map(|b| b.id.as_str())
            .collect();
        Some(format!(
            "{} {} (bloc {}): {CUSTODIAL_CAVEAT}",
            hit.join(", "),
            if hit.len() == 1 {
                "is a custodial or financial centre"
            } else {
                "are custodial or financial centres"
            },
            blocs.join(", ")
        ))
    }

    /// The custodial blocs that list an entity.
    pub fn custodial_of(&self, entity: &str) -> Option<&Bloc> {
        self.blocs
            .iter()
            .find(|b| b.custodial && b.members.iter().any(|m| m.entity == entity))
    }
}

/// A bloc's memberships as they are gathered: each distinct one once, at most [`MAX_MEMBERS`].
#[derive(Default)]
struct Members {
    list: Vec<Member>,
    seen: std::collections::HashSet<Member>,
}

impl Members {
    /// Adds a membership (nothing when it is there already); the error says the bloc is too large.
    fn add(&mut self, m: Member, id: &str) -> Result<(), String> {
        if self.seen.contains(&m) {
            return Ok(());
        }
        if self.list.len() == MAX_MEMBERS {
            return Err(format!(
                "bloc {id:?} has more than {MAX_MEMBERS} members (its included blocs' members counted); expected a group of at most {MAX_MEMBERS}"
            ));
        }
        self.seen.insert(m.clone());
        self.list.push(m);
        Ok(())
    }
}

/// Why an include names no bloc above: the bloc itself or one below it would
/// make a cycle (a bloc may include only blocs defined above it), else no
/// bloc of that id exists. `rest`: the specs from the including bloc on.
fn unknown_include(id: &str, include: &str, rest: &[BlocSpec]) -> String {
    if include.trim().eq_ignore_ascii_case(id) {
        return format!(
            "include {include:?}: bloc {id:?} includes itself (an include cycle); expected the id of a bloc defined earlier in the file"
        );
    }
    if rest
        .iter()
        .any(|b| b.id.get_ref().trim().eq_ignore_ascii_case(include.trim()))
    {
        return format!(
            "include {include:?}: that bloc is defined below {id:?}; expected the id of a bloc defined earlier in the file (a bloc includes only blocs above it, so includes never form a cycle)"
        );
    }
    format!(
        "include {include:?}: no such bloc above; expected the id of a bloc defined earlier in the file"
    )
}

fn member(
    ds: &Dataset,
    m: &MemberSpec,
    lenient: bool,
    at: &impl Fn(std::ops::Range<usize>, String) -> InputError,
) -> Result<Member, InputError> {
    let name = m.entity.get_ref().trim();
    let entity = match (ds.resolve_entity(name), m.absent) {
        (Some(known), false) => known.to_string(),
        (None, true) => name.to_string(),
        (Some(known), true) if lenient => known.to_string(),
        (None, false) if lenient => name.to_string(),
        (Some(known), true) => {
            return Err(at(
                m.entity.span(),
                format!("{known:?} is marked absent but the data list it; remove `absent = true`"),
            ));
        }
        (None, false) => {
            return Err(at(
                m.entity.span(),
                format!(
                    "unknown entity {name:?}; expected a name the data use (e.g. \"China, Mainland\"), or `absent = true` for a member no table lists"
                ),
            ));
        }
    };
    let month = |p: &Option<Spanned<String>>, what: &str| -> Result<Option<Period>, InputError> {
        let Some(p) = p else { return Ok(None) };
        match p.get_ref().parse::<Period>() {
            Ok(period) if period.month_index().is_some() && !period.is_span() => Ok(Some(period)),
            _ => Err(at(
                p.span(),
                format!(
                    "{what}: expected a month as YYYY-MM, found {:?}",
                    p.get_ref()
                ),
            )),
        }
    };
    let (from, to) = (month(&m.from, "from")?, month(&m.to, "to")?);
    if let (Some(f), Some(t), Some(span)) = (from, to, m.to.as_ref().map(|s| s.span()))
        && f > t
    {
        return Err(at(
            span,
            format!("to {t} is before from {f}; expected from <= to"),
        ));
    }
    Ok(Member {
        entity,
        from,
        to,
        absent: m.absent || ds.resolve_entity(name).is_none(),
    })
}

/// One period of a bloc series.
#[derive(Debug, Clone, PartialEq)]
pub struct BlocPoint {
    pub period: Period,
    /// The sum over the members with a value.
    pub value: f64,
    /// Members that belong in this period and have a value.
    pub present: Vec<String>,
    /// Members that belong in this period but have no value in the table.
    pub missing: Vec<String>,
}

impl BlocPoint {
    /// Members with a value out of members that belong, e.g. (5, 7).
    pub fn coverage(&self) -> (usize, usize) {
        (self.present.len(), self.present.len() + self.missing.len())
    }
}

/// A bloc's series for one source and measure.
#[derive(Debug, Clone, PartialEq)]
pub struct BlocSeries {
    pub bloc: String,
    pub source: String,
    pub measure: String,
    pub unit: String,
    pub points: Vec<BlocPoint>,
}

/// The bloc's series in one source/measure under a view: one point for every
/// period in which at least one member has a value. `None` when no member has
/// a series there. Members' units must agree (they do within one table).
pub fn bloc_series(
    ds: &Dataset,
    bloc: &Bloc,
    source: &str,
    measure: &str,
    view: &Vintage,
) -> Option<BlocSeries> {
    let mut by_period: BTreeMap<Period, Vec<(&str, f64)>> = BTreeMap::new();
    let mut unit: Option<&str> = None;
    for name in bloc.member_names() {
        let Some(series) = ds.series(source, measure, name) else {
            continue;
        };
        unit.get_or_insert(series.unit.as_str());
        for p in series.view(view) {
            let belongs = bloc
                .members
                .iter()
                .any(|m| m.entity == name && m.belongs(&p.period));
            if belongs {
                by_period.entry(p.period).or_default().push((name, p.value));
            }
        }
    }
    let unit = unit?.to_string();
    let points = by_period
        .into_iter()
        .map(|(period, values)| {
            let present: Vec<String> = values.iter().map(|(n, _)| n.to_string()).collect();
            let missing = bloc
                .members_in(&period)
                .into_iter()
                .filter(|m| !present.iter().any(|p| p == m))
                .map(str::to_string)
                .collect();
            BlocPoint {
                period,
                value: values.iter().map(|(_, v)| v).sum(),
                present,
                missing,
            }
        })
        .collect();
    Some(BlocSeries {
        bloc: bloc.id.clone(),
        source: source.to_string(),
        measure: measure.to_string(),
        unit,
        points,
    })
}

/// A bloc's share of a total (e.g. of all foreign holdings) in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    pub period: Period,
    /// The bloc's value as a percentage of the total's.
    pub percent: f64,
    pub point: BlocPoint,
    pub total: f64,
}

/// The bloc's share of `total_entity` (e.g. `Grand Total`) in the same table,
/// for every period where both have a value. The share counts only members
/// with a value (see each point's `missing`).
pub fn bloc_share(
    ds: &Dataset,
    bloc: &Bloc,
    (source, measure): (&str, &str),
    total_entity: &str,
    view: &Vintage,
) -> Option<Vec<Share>> {
    let total = ds.series(source, measure, total_entity)?;
    let series = bloc_series(ds, bloc, source, measure, view)?;
    let totals: BTreeMap<Period, f64> = total
        .view(view)
        .into_iter()
        .map(|p| (p.period, p.value))
        .collect();
    Some(
        series
            .points
            .into_iter()
            .filter_map(|point| {
                let t = *totals.get(&point.period)?;
                (t != 0.0).then(|| Share {
                    period: point.period,
                    percent: point.value / t * 100.0,
                    total: t,
                    point,
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(s: &str) -> Option<Period> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn membership_by_month() {
        let m = Member {
            entity: "United Kingdom".into(),
            from: month("1973-01"),
            to: month("2020-01"),
            absent: false,
        };
        assert!(m.belongs(&"2020-01".parse().unwrap()));
        assert!(!m.belongs(&"2020-02".parse().unwrap()));
        assert!(!m.belongs(&"1972-12".parse().unwrap()));
        // A quarter counts by its last day: 2019-Q4 yes, 2020-Q1 no.
        assert!(m.belongs(&"2019-Q4".parse().unwrap()));
        assert!(!m.belongs(&"2020-Q1".parse().unwrap()));
        let open = Member {
            entity: "Japan".into(),
            from: None,
            to: None,
            absent: false,
        };
        assert!(open.belongs(&"1900-01".parse().unwrap()));
    }
}
