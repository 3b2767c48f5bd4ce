//! A second, independent check of the privacy guarantee, written from the rules alone.
//!
//! It rebuilds every table cell from the raw codes (no shared code with `privacy`), checks the
//! published numbers, the one-status rule and the threshold, and solves the attacker's LP over the
//! whole cover table written out: one variable ≥ 0 per combination of *original* codes of every
//! column the dataset's tables use (dimensions and filter columns), whether it occurs or not,
//! constrained by every published cell. Splitting the attacker's variables more finely than the
//! tables can tell apart changes nothing the tables constrain, so this is the attacker's LP of the
//! rules, solved by another solver (microlp) than the engine's; the engine's intervals must agree
//! with it.

use std::collections::{BTreeMap, HashMap};

use good_lp::{
    microlp, variable, Expression, ProblemVariables, ResolutionError, Solution, SolverModel,
};

use safestat::config::{PrivacyConfig, ZeroPolicy};
use safestat::data::{
    CaseColumn, CaseTable, Category, ColumnKind, DataInput, FilterSelection, TableFilter, TableSpec,
};
use safestat::privacy::{CellValue, ProtectedTable, Protection};

/// A column for a test dataset: id, category labels, whether rare ones are pooled, the unknown code.
pub struct ColumnDef<'a> {
    pub id: &'a str,
    pub labels: Vec<String>,
    pub pool_rare: bool,
    pub unknown: Option<u32>,
}

pub fn column<'a>(id: &'a str, labels: &[&str]) -> ColumnDef<'a> {
    ColumnDef {
        id,
        labels: labels.iter().map(|s| s.to_string()).collect(),
        pool_rare: false,
        unknown: None,
    }
}

/// A dataset from rows of codes (one `Vec` per case, one code per column).
pub fn dataset(columns: Vec<ColumnDef<'_>>, rows: &[Vec<u32>]) -> CaseTable {
    let columns: Vec<CaseColumn> = columns
        .into_iter()
        .enumerate()
        .map(|(i, c)| CaseColumn {
            id: c.id.to_string(),
            label: c.id.to_string(),
            kind: ColumnKind::Category,
            categories: c
                .labels
                .iter()
                .map(|l| Category {
                    code: l.to_lowercase(),
                    label: l.clone(),
                })
                .collect(),
            unknown: c.unknown,
            pool_rare: c.pool_rare,
            codes: rows.iter().map(|r| r[i]).collect(),
        })
        .collect();
    CaseTable {
        dataset: "cases".into(),
        title: "Cases".into(),
        source: "cases.csv".into(),
        len: rows.len(),
        columns,
    }
}

/// Rows repeating each code tuple `n` times.
pub fn rows(spec: &[(&[u32], usize)]) -> Vec<Vec<u32>> {
    spec.iter()
        .flat_map(|(codes, n)| std::iter::repeat(codes.to_vec()).take(*n))
        .collect()
}

pub fn table(id: &str, dimensions: &[usize], filters: Vec<TableFilter>) -> TableSpec {
    TableSpec {
        id: id.into(),
        title: format!("Table {id}"),
        description: String::new(),
        dataset: 0,
        dimensions: dimensions.to_vec(),
        filters,
    }
}

pub fn privacy(k: u32, zeros: ZeroPolicy) -> PrivacyConfig {
    PrivacyConfig {
        k,
        zeros,
        ..PrivacyConfig::default()
    }
}

/// One cell of one table as the oracle sees it.
#[derive(Debug, Clone)]
pub struct OracleCell {
    pub table: usize,
    pub grid: usize,
    /// Indices of the cover-table cells counted, ascending (the attacker's variables).
    pub members: Vec<usize>,
    /// The occurring ones among them: the set of cases the cell counts.
    pub cases: Vec<usize>,
    pub value: u64,
    pub published: Option<u64>,
}

/// The attacker's view of a build.
pub struct Oracle {
    /// Number of cover-table cells.
    pub variables: usize,
    /// Cases in the dataset.
    pub total: u64,
    pub cells: Vec<OracleCell>,
}

/// For each original code of `column`, the index of the published category counting it.
fn published_index(
    column: &CaseColumn,
    published: &ProtectedTable,
    dim: usize,
    config: &PrivacyConfig,
) -> Vec<Option<usize>> {
    let categories = &published.dimensions[dim].categories;
    column
        .categories
        .iter()
        .enumerate()
        .map(|(code, c)| {
            // Only a code with cases can have been pooled into Other.
            let occurs = column.codes.contains(&(code as u32));
            categories
                .iter()
                .position(|p| p.code == c.code && p.label == c.label)
                .or_else(|| {
                    categories
                        .iter()
                        .position(|p| p.label == config.other_label)
                        .filter(|_| occurs)
                })
        })
        .collect()
}

impl Oracle {
    /// Rebuilds every cell of every table of `input` (dataset 0) from the raw codes.
    pub fn new(input: &DataInput, protection: &Protection, config: &PrivacyConfig) -> Oracle {
        let data = &input.datasets[0];
        let mut used: Vec<usize> = input
            .tables
            .iter()
            .flat_map(|t| {
                t.dimensions
                    .iter()
                    .copied()
                    .chain(t.filters.iter().map(|f| f.column))
            })
            .collect();
        used.sort();
        used.dedup();
        let domains: Vec<usize> = used
            .iter()
            .map(|&c| data.columns[c].categories.len())
            .collect();
        let variables: usize = domains.iter().product();
        let decode = |mut v: usize| -> Vec<u32> {
            let mut key = vec![0u32; domains.len()];
            for i in (0..domains.len()).rev() {
                key[i] = (v % domains[i]) as u32;
                v /= domains[i];
            }
            key
        };
        let mut counts: BTreeMap<usize, u64> = BTreeMap::new();
        for r in 0..data.len {
            let mut v = 0usize;
            for (i, &c) in used.iter().enumerate() {
                v = v * domains[i] + data.columns[c].codes[r] as usize;
            }
            *counts.entry(v).or_default() += 1;
        }
        // A code without cases that no table lists (left out by pooling) is known to be empty:
        // every margin is the sum of its listed cells.
        let mut listed: HashMap<usize, Vec<bool>> = HashMap::new();
        for (t, spec) in input.tables.iter().enumerate() {
            for (i, &c) in spec.dimensions.iter().enumerate() {
                let map = published_index(&data.columns[c], &protection.tables[t], i, config);
                let entry = listed.entry(c).or_insert_with(|| vec![false; map.len()]);
                for (code, p) in map.iter().enumerate() {
                    entry[code] |= p.is_some() || data.columns[c].codes.contains(&(code as u32));
                }
            }
        }
        let void = |key: &[u32]| {
            used.iter()
                .zip(key)
                .any(|(c, &code)| listed.get(c).is_some_and(|l| !l[code as usize]))
        };
        let mut cells = Vec::new();
        for (t, spec) in input.tables.iter().enumerate() {
            let published = &protection.tables[t];
            assert_eq!(
                published.id, spec.id,
                "tables come out in declaration order"
            );
            let maps: Vec<Vec<Option<usize>>> = spec
                .dimensions
                .iter()
                .enumerate()
                .map(|(i, &c)| published_index(&data.columns[c], published, i, config))
                .collect();
            for (g, cell) in published.cells.iter().enumerate() {
                let mut members = Vec::new();
                let mut cases = Vec::new();
                let mut value = 0;
                for v in 0..variables {
                    let key = decode(v);
                    if void(&key) {
                        continue;
                    }
                    let code = |c: usize| key[used.iter().position(|&u| u == c).unwrap()];
                    let admitted = spec
                        .filters
                        .iter()
                        .all(|flt| flt.allowed[code(flt.column) as usize]);
                    let inside =
                        spec.dimensions
                            .iter()
                            .enumerate()
                            .all(|(i, &c)| match cell.key[i] {
                                None => true,
                                Some(want) => maps[i][code(c) as usize] == Some(want),
                            });
                    if admitted && inside {
                        members.push(v);
                        if let Some(&n) = counts.get(&v) {
                            cases.push(v);
                            value += n;
                        }
                    }
                }
                cells.push(OracleCell {
                    table: t,
                    grid: g,
                    members,
                    cases,
                    value,
                    published: cell.value.published(),
                });
            }
        }
        Oracle {
            variables,
            total: data.len as u64,
            cells,
        }
    }

    /// The attacker's `[min, max]` of a set of cover-table cells under the full LP (`max` may be
    /// ∞). The attacker knows every published cell, and that two table cells counting the same
    /// cases are equal.
    pub fn interval(&self, objective: &[usize]) -> (f64, f64) {
        (
            self.optimise(objective, false),
            self.optimise(objective, true),
        )
    }

    fn optimise(&self, objective: &[usize], maximise: bool) -> f64 {
        let mut vars = ProblemVariables::new();
        let x = vars.add_vector(variable().min(0.0), self.variables);
        let target: Expression = objective.iter().map(|&f| x[f]).sum();
        let problem = if maximise {
            vars.maximise(target.clone())
        } else {
            vars.minimise(target.clone())
        };
        let mut model = problem.using(microlp);
        let mut first_of: HashMap<&[usize], &[usize]> = HashMap::new();
        for cell in &self.cells {
            let lhs: Expression = cell.members.iter().map(|&f| x[f]).sum();
            if let Some(n) = cell.published {
                model = model.with(lhs.clone().eq(n as f64));
            }
            let first = *first_of.entry(&cell.cases).or_insert(&cell.members);
            if first != cell.members.as_slice() {
                let rhs: Expression = first.iter().map(|&f| x[f]).sum();
                model = model.with(lhs.eq(rhs));
            }
        }
        match model.solve() {
            Ok(solution) => solution.eval(&target),
            Err(ResolutionError::Unbounded) => f64::INFINITY,
            Err(e) => panic!("the attacker's LP failed: {e}"),
        }
    }

    /// Checks every rule; panics with a description of the first broken one.
    pub fn assert_safe(&self, protection: &Protection, config: &PrivacyConfig) {
        let k = u64::from(config.k);
        // Published numbers are true, and 0 or ≥ k (0 only when zeros are published).
        for cell in &self.cells {
            match cell.published {
                Some(n) => {
                    assert_eq!(n, cell.value, "published value of cell {cell:?}");
                    assert!(n == 0 || n >= k, "published small count {cell:?}");
                    assert!(
                        n > 0 || config.zeros == ZeroPolicy::Publish,
                        "published zero {cell:?}"
                    );
                }
                None => assert!(
                    cell.value > 0 || config.zeros == ZeroPolicy::Suppress,
                    "suppressed zero under zeros = publish: {cell:?}"
                ),
            }
        }
        // One status per set of cases.
        let mut status: HashMap<&[usize], bool> = HashMap::new();
        for cell in &self.cells {
            let published = cell.published.is_some();
            let seen = *status.entry(&cell.cases).or_insert(published);
            assert_eq!(seen, published, "cell {cell:?} has two statuses");
        }
        // The attacker's LP.
        let report: HashMap<(String, usize), (u64, u64, [f64; 2])> = protection
            .report
            .tables
            .iter()
            .flat_map(|t| {
                let table = protection.tables.iter().find(|p| p.id == t.id).unwrap();
                t.suppressed
                    .iter()
                    .map(move |s| ((t.id.clone(), table.index_of(&s.key)), (s.lo, s.hi, s.lp)))
            })
            .collect();
        let mut solved: HashMap<&[usize], (f64, f64)> = HashMap::new();
        for cell in &self.cells {
            if cell.published.is_some() || cell.value == 0 {
                continue;
            }
            let (lo, hi) = *solved
                .entry(&cell.members)
                .or_insert_with(|| self.interval(&cell.members));
            let id = &protection.tables[cell.table].id;
            let primary = cell.value < k;
            if primary {
                assert!(
                    hi >= k as f64 - 1e-6,
                    "{id} cell {}: true {} confined to [{lo}, {hi}]",
                    cell.grid,
                    cell.value
                );
                assert!(
                    hi - lo >= k as f64 - 1e-6,
                    "{id} cell {}: true {} narrowed to [{lo}, {hi}]",
                    cell.grid,
                    cell.value
                );
            }
            assert!(
                hi > lo + 0.5,
                "{id} cell {}: true {} pinned to [{lo}, {hi}]",
                cell.grid,
                cell.value
            );
            let (rlo, rhi, [elo, ehi]) = report[&(id.clone(), cell.grid)];
            assert!(
                lo <= rlo as f64 + 1e-6 && rhi as f64 <= hi + 1e-6,
                "{id} cell {}: reported [{rlo}, {rhi}] is not inside the attacker's [{lo}, {hi}]",
                cell.grid
            );
            // The engine's LP interval is the attacker's, to 1e-6 (above N + k the engine stops
            // looking: there it need only reach that far).
            let cap = (self.total + k) as f64;
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * (1.0 + b.abs());
            assert!(
                close(elo, lo) && (close(ehi, hi) || (hi >= cap && ehi >= cap - 1e-6)),
                "{id} cell {}: the engine's interval [{elo}, {ehi}] is not the attacker's [{lo}, {hi}]",
                cell.grid
            );
        }
    }
}

/// Suppressed cells of a published table, as grid indices.
pub fn suppressed(table: &ProtectedTable) -> Vec<usize> {
    table
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.value == CellValue::Suppressed)
        .map(|(g, _)| g)
        .collect()
}

/// A filter on `column` admitting the codes in `allowed`.
pub fn filter(column: usize, domain: usize, allowed: &[u32]) -> TableFilter {
    TableFilter {
        column,
        allowed: (0..domain as u32).map(|c| allowed.contains(&c)).collect(),
        description: "filtered".into(),
        selection: FilterSelection::Values(Vec::new()),
    }
}

/// `n` cases over columns with the given domains, codes skewed towards 0 so that small cells are
/// common (a fixed linear congruential sequence: the same rows every run).
pub fn skewed_rows(domains: &[usize], n: usize, seed: u64) -> Vec<Vec<u32>> {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    (0..n)
        .map(|_| {
            domains
                .iter()
                .map(|&d| ((next() * next()) * d as f64) as u32)
                .collect()
        })
        .collect()
}

/// Columns `a`, `b`, … with `domains[i]` categories each.
pub fn columns(domains: &[usize]) -> Vec<ColumnDef<'static>> {
    let names = ["a", "b", "c", "d"];
    domains
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let labels: Vec<String> = (0..n).map(|j| format!("{}{j}", names[i])).collect();
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            column(names[i], &labels)
        })
        .collect()
}
