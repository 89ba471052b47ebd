//! The browser's bloc view (no terminal types): one row per bloc with, for
//! each month, the sum of the members that belong to it that month and have a
//! value in the country grid, and the coverage (members with a value out of
//! members that month). A member without a value is missing, never zero; a
//! month in which no member has a value is empty. A bloc row expands to its
//! members' rows, each showing only the months in which it belongs.
//!
//! The view hands the TUI an ordinary [`Grid`] of the rows on show (bloc rows
//! named `bloc:ID`, then the members of expanded blocs) and, beside it, what
//! each row is ([`RowRole`]), so that selection, columns, charts and
//! sparklines work as in the country view.

use super::{BrowseMeasure, Grid, Row, SortDir, SortKey};
use crate::claims::scope::BLOC_PREFIX;
use crate::data::blocs::{Bloc, Blocs};
use crate::data::{Dataset, EntityKind, Period};
use std::collections::BTreeSet;
use std::sync::Arc;

/// One month of a bloc row.
#[derive(Clone, Debug, PartialEq)]
pub struct BlocCell {
    /// In USD billions: the sum over `present`.
    pub value: f64,
    /// Members that belong that month and have a value.
    pub present: Vec<String>,
    /// Members that belong that month but have no value.
    pub missing: Vec<String>,
}

impl BlocCell {
    /// Members with a value out of members that belong, e.g. (6, 7).
    pub fn coverage(&self) -> (usize, usize) {
        (self.present.len(), self.present.len() + self.missing.len())
    }
}

/// One bloc over the months of the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct BlocRow {
    pub bloc: Bloc,
    /// One per month of the grid; `None` when no member has a value.
    pub cells: Vec<Option<BlocCell>>,
}

impl BlocRow {
    /// The entity name of the row in the shown grid: `bloc:ID`.
    pub fn entity(&self) -> String {
        format!("{BLOC_PREFIX}{}", self.bloc.id)
    }
}

/// What a row of the shown grid is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowRole {
    /// A bloc (index into [`BlocView::blocs`]).
    Bloc(usize),
    /// A member of an expanded bloc (index of the bloc).
    Member(usize),
}

/// The bloc view of one measure.
#[derive(Clone, Debug, PartialEq)]
pub struct BlocView {
    pub measure: BrowseMeasure,
    /// Months, oldest first (those of the country grid).
    pub months: Vec<Period>,
    /// In sort order.
    pub blocs: Vec<BlocRow>,
    /// Ids of the expanded blocs.
    pub expanded: BTreeSet<String>,
    pub sort: (SortKey, SortDir),
    /// Every country and aggregate of the measure: where members' values come from.
    countries: Grid,
    /// Parallel to the rows of the last [`BlocView::shown`] grid.
    pub roles: Vec<RowRole>,
}

impl BlocView {
    /// The blocs' rows of one measure, from the same values the country view shows.
    pub fn build(ds: &Arc<Dataset>, blocs: &Blocs, measure: BrowseMeasure) -> BlocView {
        let countries = Grid::build(ds, measure, true);
        let row_of: std::collections::HashMap<&str, usize> = countries
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.entity.as_str(), i))
            .collect();
        let rows = blocs
            .blocs
            .iter()
            .map(|b| BlocRow {
                bloc: b.clone(),
                cells: countries
                    .months
                    .iter()
                    .enumerate()
                    .map(|(c, p)| bloc_cell(&countries, &row_of, b, (c, p)))
                    .collect(),
            })
            .collect();
        let mut view = BlocView {
            measure,
            months: countries.months.clone(),
            blocs: rows,
            expanded: BTreeSet::new(),
            sort: (SortKey::Name, SortDir::Asc),
            countries,
            roles: Vec::new(),
        };
        let default = match view.months.last() {
            Some(p) => (SortKey::Month(*p), SortDir::Desc),
            None => (SortKey::Name, SortDir::Asc),
        };
        view.sort_by(default.0, default.1);
        view
    }

    fn col_of(&self, p: &Period) -> Option<usize> {
        self.months.iter().position(|m| m == p)
    }

    /// Sorts the blocs (and, within an expanded bloc, its members) by name or by
    /// one month's value; missing values last either way, ties by id.
    pub fn sort_by(&mut self, key: SortKey, dir: SortDir) {
        let col = match key {
            SortKey::Month(p) => self.col_of(&p),
            SortKey::Name => None,
        };
        let key = if col.is_none() { SortKey::Name } else { key };
        self.blocs.sort_by(|a, b| {
            let by = match col {
                Some(c) => by_value(
                    a.cells[c].as_ref().map(|x| x.value),
                    b.cells[c].as_ref().map(|x| x.value),
                    dir,
                ),
                None => directed(a.bloc.id.cmp(&b.bloc.id), dir),
            };
            by.then_with(|| a.bloc.id.cmp(&b.bloc.id))
        });
        self.sort = (key, dir);
    }

    /// Sorts by the value of column `col`.
    pub fn sort_by_col(&mut self, col: usize, dir: SortDir) {
        match self.months.get(col) {
            Some(p) => self.sort_by(SortKey::Month(*p), dir),
            None => self.sort_by(SortKey::Name, dir),
        }
    }

    /// Expands a collapsed bloc, collapses an expanded one.
    pub fn toggle(&mut self, bloc: usize) {
        let Some(id) = self.blocs.get(bloc).map(|b| b.bloc.id.clone()) else {
            return;
        };
        if !self.expanded.remove(&id) {
            self.expanded.insert(id);
        }
    }

    pub fn is_expanded(&self, bloc: usize) -> bool {
        self.blocs
            .get(bloc)
            .is_some_and(|b| self.expanded.contains(&b.bloc.id))
    }

    /// The grid of the rows on show: every bloc in sort order, each expanded
    /// bloc followed by its members (sorted like the blocs; a member never in
    /// any table shows as a row without values). Sets [`BlocView::roles`].
    pub fn shown(&mut self) -> Grid {
        let mut rows = Vec::new();
        let mut roles = Vec::new();
        let n = self.months.len();
        for (bi, b) in self.blocs.iter().enumerate() {
            let cells: Vec<_> = b
                .cells
                .iter()
                .zip(&self.months)
                .map(|(c, p)| {
                    c.as_ref().map(|c| super::GridCell {
                        value: c.value,
                        source: self.source_of(&c.present, p),
                        vintage: crate::data::Sym::from(""),
                    })
                })
                .collect();
            rows.push(Row::with_cells(
                b.entity(),
                EntityKind::CountryGroup,
                self.measure,
                cells,
            ));
            roles.push(RowRole::Bloc(bi));
            if !self.expanded.contains(&b.bloc.id) {
                continue;
            }
            let mut members: Vec<Row> = b
                .bloc
                .member_names()
                .into_iter()
                .map(|name| {
                    let from = self.countries.row_of(name).map(|r| &self.countries.rows[r]);
                    let cells: Vec<_> = (0..n)
                        .map(|c| {
                            let belongs = b
                                .bloc
                                .members
                                .iter()
                                .any(|m| m.entity == name && m.belongs(&self.months[c]));
                            from.and_then(|r| r.cell(c).cloned()).filter(|_| belongs)
                        })
                        .collect();
                    Row::with_cells(
                        name.to_string(),
                        from.map_or(EntityKind::Country, |r| r.kind),
                        self.measure,
                        cells,
                    )
                })
                .collect();
            let col = match self.sort.0 {
                SortKey::Month(p) => self.col_of(&p),
                SortKey::Name => None,
            };
            let dir = self.sort.1;
            members.sort_by(|a, b| {
                let by = match col {
                    Some(c) => by_value(a.value(c), b.value(c), dir),
                    None => directed(a.entity.cmp(&b.entity), dir),
                };
                by.then_with(|| a.entity.cmp(&b.entity))
            });
            for m in members {
                rows.push(m);
                roles.push(RowRole::Member(bi));
            }
        }
        self.roles = roles;
        Grid::of_rows(self.measure, self.months.clone(), rows, self.sort)
    }

    /// The rows of `shown` that pass a filter, in display order: a bloc when its
    /// id or name matches or one of its members does, and the members of an
    /// expanded bloc that is shown.
    pub fn visible(&self, shown: &Grid, needle: &str) -> Vec<usize> {
        use crate::data::names::filter_matches;
        let passes = |b: &BlocRow| {
            filter_matches(&b.bloc.id, needle)
                || filter_matches(&b.bloc.name, needle)
                || b.bloc
                    .member_names()
                    .iter()
                    .any(|m| filter_matches(m, needle))
        };
        (0..shown.rows.len())
            .filter(|&r| match self.roles.get(r) {
                Some(RowRole::Bloc(b) | RowRole::Member(b)) => passes(&self.blocs[*b]),
                None => false,
            })
            .collect()
    }

    /// The bloc cell of a shown row (a bloc row) and column.
    pub fn bloc_cell(&self, row: usize, col: usize) -> Option<&BlocCell> {
        match self.roles.get(row)? {
            RowRole::Bloc(b) => self.blocs.get(*b)?.cells.get(col)?.as_ref(),
            RowRole::Member(_) => None,
        }
    }

    /// The bloc a shown row belongs to (itself for a bloc row).
    pub fn bloc_of(&self, row: usize) -> Option<&BlocRow> {
        match self.roles.get(row)? {
            RowRole::Bloc(b) | RowRole::Member(b) => self.blocs.get(*b),
        }
    }

    /// Members of a shown bloc row that belong in month `col` (present or missing).
    pub fn members_at(&self, row: usize, col: usize) -> Vec<String> {
        let (Some(b), Some(p)) = (self.bloc_of(row), self.months.get(col)) else {
            return Vec::new();
        };
        b.bloc
            .members_in(p)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// A member's values in the months it belongs to the bloc of a shown row.
    pub fn member_points(&self, row: usize, name: &str) -> Vec<(Period, f64)> {
        let (Some(b), Some(r)) = (self.bloc_of(row), self.countries.row_of(name)) else {
            return Vec::new();
        };
        self.countries
            .row_points(r, None, None)
            .into_iter()
            .filter(|(p, _)| {
                b.bloc
                    .members
                    .iter()
                    .any(|m| m.entity == name && m.belongs(p))
            })
            .collect()
    }

    /// The source of a bloc cell: the members' when they agree, else "mixed".
    fn source_of(&self, present: &[String], p: &Period) -> &'static &'static str {
        let Some(c) = self.col_of(p) else {
            return &"";
        };
        let mut sources = present.iter().filter_map(|m| {
            let r = self.countries.row_of(m)?;
            self.countries.rows[r].cell(c).map(|x| x.source)
        });
        let first = sources.next().unwrap_or(&"");
        if sources.all(|s| s == first) {
            first
        } else {
            &"mixed"
        }
    }
}

/// The custodial caveat of the selected row and month in the bloc or country
/// view, when an entity involved (the row's own, or a bloc's members that
/// month) is a custodial centre: a long form and a short one for narrow screens.
pub fn custodial_note(blocs: &Blocs, entities: &[String]) -> Option<(String, String)> {
    let refs: Vec<&str> = entities.iter().map(String::as_str).collect();
    let long = blocs.custodial_caveat(&refs)?;
    let hit: Vec<&str> = refs
        .iter()
        .copied()
        .filter(|e| blocs.custodial_of(e).is_some())
        .collect();
    let short = format!(
        "{}: TIC records the custodian's country, not the owner's",
        if hit.len() == 1 {
            format!("{} is a custodial centre", hit[0])
        } else {
            format!("{} custodial centres", hit.len())
        }
    );
    Some((long, short))
}

fn directed(o: std::cmp::Ordering, dir: SortDir) -> std::cmp::Ordering {
    if dir == SortDir::Desc { o.reverse() } else { o }
}

fn by_value(a: Option<f64>, b: Option<f64>, dir: SortDir) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(x), Some(y)) => directed(x.total_cmp(&y), dir),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// One month of a bloc from the country grid's values.
fn bloc_cell(
    countries: &Grid,
    row_of: &std::collections::HashMap<&str, usize>,
    bloc: &Bloc,
    (col, period): (usize, &Period),
) -> Option<BlocCell> {
    let mut present = Vec::new();
    let mut missing = Vec::new();
    let mut value = 0.0;
    for name in bloc.members_in(period) {
        match row_of.get(name).and_then(|&r| countries.value(r, col)) {
            Some(v) => {
                value += v;
                present.push(name.to_string());
            }
            None => missing.push(name.to_string()),
        }
    }
    (!present.is_empty()).then_some(BlocCell {
        value,
        present,
        missing,
    })
}

/// One month of a bloc's share: the period, the percent, and the coverage.
pub type SharePoint = (Period, f64, (usize, usize));

/// Each bloc's share of all foreign holdings of Treasuries (mfhhis01, the
/// `Grand Total` row) from `since` on, for the share chart: one line per bloc,
/// `(period, percent, coverage)`; blocs no table lists are left out.
pub fn holdings_shares(
    ds: &Dataset,
    blocs: &Blocs,
    since: Period,
) -> Vec<(String, Vec<SharePoint>)> {
    blocs
        .blocs
        .iter()
        .filter_map(|b| {
            let shares = crate::data::blocs::bloc_share(
                ds,
                b,
                ("mfhhis01", "holdings"),
                "Grand Total",
                &crate::data::Vintage::Latest,
            )?;
            let pts: Vec<_> = shares
                .into_iter()
                .filter(|s| s.period >= since)
                .map(|s| (s.period, s.percent, s.point.coverage()))
                .collect();
            (!pts.is_empty()).then(|| (b.id.clone(), pts))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MFH: &str = "source,measure,entity,entity_kind,period,value,unit,vintage,flag,source_url
mfhhis01,holdings,Japan,country,2024-01,1000,USD billions,2024-03-18,,
mfhhis01,holdings,Japan,country,2024-02,1010,USD billions,2024-04-18,,
mfhhis01,holdings,Japan,country,2024-03,1020,USD billions,2024-05-18,,
mfhhis01,holdings,Canada,country,2024-01,300,USD billions,2024-03-18,,
mfhhis01,holdings,Canada,country,2024-03,320,USD billions,2024-05-18,,
mfhhis01,holdings,Cayman Islands,country,2024-02,400,USD billions,2024-04-18,,
mfhhis01,holdings,Grand Total,total,2024-01,8000,USD billions,2024-03-18,,
mfhhis01,holdings,Grand Total,total,2024-02,8000,USD billions,2024-04-18,,
mfhhis01,holdings,Grand Total,total,2024-03,8000,USD billions,2024-05-18,,
";

    const BLOCS: &str = r#"
[[bloc]]
id = "Pair"
name = "Japan and Canada"
why = "test"
source = "test"
members = [{ entity = "Japan" }, { entity = "Canada", to = "2024-02" }, { entity = "Nowhere", absent = true }]

[[bloc]]
id = "Islands"
name = "Islands"
why = "test"
source = "test"
custodial = true
members = [{ entity = "Cayman Islands" }]
"#;

    fn fixture() -> (Arc<Dataset>, Blocs) {
        let ds = Dataset::from_tables([("mfh".to_string(), MFH)]).unwrap();
        let blocs = Blocs::parse(&ds, "b.toml", BLOCS).unwrap();
        (Arc::new(ds), blocs)
    }

    #[test]
    fn bloc_rows_sum_members_present_and_count_the_missing() {
        let (ds, blocs) = fixture();
        let mut v = BlocView::build(&ds, &blocs, BrowseMeasure::Holdings);
        let g = v.shown();
        assert_eq!(g.months.len(), 3);
        let pair = g.row_of("bloc:Pair").unwrap();
        // 2024-01: Japan + Canada, Nowhere missing.
        let c = v.bloc_cell(pair, 0).unwrap();
        assert_eq!((c.value, c.coverage()), (1300.0, (2, 3)));
        assert_eq!(c.missing, ["Nowhere"]);
        // 2024-02: Canada belongs but has no value: missing, not zero.
        let c = v.bloc_cell(pair, 1).unwrap();
        assert_eq!((c.value, c.coverage()), (1010.0, (1, 3)));
        assert!(c.missing.contains(&"Canada".to_string()));
        // 2024-03: Canada no longer belongs; its 320 is not counted.
        let c = v.bloc_cell(pair, 2).unwrap();
        assert_eq!((c.value, c.coverage()), (1020.0, (1, 2)));
        // A month with no member value is empty.
        let isl = g.row_of("bloc:Islands").unwrap();
        assert!(v.bloc_cell(isl, 0).is_none() && g.value(isl, 0).is_none());
        assert_eq!(g.value(isl, 1), Some(400.0));
    }

    #[test]
    fn expand_collapse_sort_and_filter() {
        let (ds, blocs) = fixture();
        let mut v = BlocView::build(&ds, &blocs, BrowseMeasure::Holdings);
        // Default: newest month, largest first; Islands has no 2024-03 value, so last.
        let g = v.shown();
        assert_eq!(g.rows[0].entity, "bloc:Pair");
        assert_eq!(g.rows.len(), 2);
        v.toggle(0);
        let g = v.shown();
        let names: Vec<&str> = g.rows.iter().map(|r| r.entity.as_str()).collect();
        assert_eq!(
            names,
            ["bloc:Pair", "Japan", "Canada", "Nowhere", "bloc:Islands"]
        );
        assert_eq!(v.roles[1], RowRole::Member(0));
        // Canada's 2024-03 value is hidden: it no longer belongs then.
        assert_eq!(g.value(2, 2), None);
        assert_eq!(g.value(2, 0), Some(300.0));
        // A member's name finds its bloc and the bloc's members.
        assert_eq!(v.visible(&g, "canada"), vec![0, 1, 2, 3]);
        assert_eq!(v.visible(&g, "isl"), vec![4]);
        v.sort_by(SortKey::Name, SortDir::Asc);
        let g = v.shown();
        assert_eq!(g.rows[0].entity, "bloc:Islands");
        assert_eq!(g.rows[2].entity, "Canada");
        v.toggle(1);
        assert_eq!(v.shown().rows.len(), 2);
    }

    #[test]
    fn custodial_rows_and_shares() {
        let (ds, blocs) = fixture();
        let (long, short) = custodial_note(&blocs, &["Cayman Islands".into()]).unwrap();
        assert!(long.contains("not the country of their owner"), "{long}");
        assert!(
            short.starts_with(
                "Cayman Islands is a custodial centre: TIC records the custodian's country"
            ),
            "{short}"
        );
        assert!(custodial_note(&blocs, &["Japan".into()]).is_none());
        let shares = holdings_shares(&ds, &blocs, Period::month(2024, 2));
        let pair = &shares.iter().find(|(id, _)| id == "Pair").unwrap().1;
        assert_eq!(pair.len(), 2);
        assert_eq!(pair[0].1, 1010.0 / 8000.0 * 100.0);
        assert_eq!(pair[0].2, (1, 3));
    }
}
