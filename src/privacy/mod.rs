//! Disclosure control: aggregation, pooling of rare categories, primary and secondary suppression,
//! and the audit that proves the result safe.
//!
//! Owns: turning [`CaseTable`](crate::data::CaseTable)s and [`TableSpec`](crate::data::TableSpec)s into
//! [`ProtectedTable`]s and an [`AuditReport`].
//!
//! Never does: rendering. A [`ProtectedTable`] carries no true value of a suppressed cell, so nothing
//! downstream can leak one.
//!
//! # The rules
//!
//! **Pooling.** In every dimension that allows it (`pool_rare`), a category with fewer than `k`
//! cases in the whole dataset is counted in one `Other` category (labelled `other_label`), the same
//! in every table. `Unknown` is never pooled. If the domain already has a category labelled like
//! `Other`, that category is the pool. If `Other` would itself hold fewer than `k` cases (but some),
//! the next-smallest category is pooled in too, and so on, until it holds `k` or nothing is left to
//! pool; then it is an ordinary small category, suppressed like any small cell. A category with no
//! case at all is not listed in a pooled dimension. A pooled label appears in no published table.
//!
//! **Tables.** Every table is published as its full grid: every combination of categories, every
//! margin and the grand total. A filter on one of the table's own dimensions drops the categories
//! it excludes entirely (a table of 2015–2024 has no 2025 column).
//!
//! **Primary suppression.** Every cell with 1 ≤ count < `k` is suppressed; so is every zero when
//! `zeros = "suppress"`. A published count is therefore 0 or at least `k`.
//!
//! **One cell, one status.** Two cells of any tables of a dataset are the same cell when they count
//! the same set of cases (same dataset, same filter effect, same category in each dimension used,
//! totals over the rest) — decided on the actual data, so a filter that excludes no case or a
//! category that equals its total is recognised. Such a cell is published or suppressed everywhere.
//!
//! **Attacker and guarantee.** The attacker is the one of τ-Argus and sdcTable (the linked-table
//! model, its "cover table"). They know every published cell of every table of the dataset
//! exactly; that the tables add up (every margin is the sum of its cells, and the same cases
//! counted in two tables are the same cases, so two cells that count the same cases are equal);
//! that counts are non-negative; and every published zero. They do **not** know which finest
//! combinations of the columns occur, unless the published cells imply it. Their unknowns are the
//! cells of the cover table (every combination of the categories of every column the dataset's
//! tables use, dimensions and filter columns, occurring or not), each ≥ 0, with one equality per
//! published cell. For every suppressed cell with at least one case, the audit solves that LP for
//! its minimum and maximum, `[lo, hi]` (rounded inward to integers), and requires:
//! - a primary cell: `hi ≥ k` — it cannot be confined below `k` — **and** `hi − lo ≥ k` — it cannot
//!   be narrowed to fewer than `k + 1` values. The second half is stronger than the first whenever
//!   the attacker can prove a lower bound above zero: a cell of 10 proven to lie in `[9, 11]`
//!   reaches `k = 11` but is all but disclosed; this rule refuses it.
//! - a secondary cell: `hi > lo` — it is not pinned to a single value.
//!
//! A suppressed zero (`zeros = "suppress"`) hides no case, so it is not held to these rules.
//!
//! The LP is solved exactly, at any number of rows: the cover table is never written down. The
//! columns graph (columns joined when a table reads both) is triangulated, and the LP over the
//! cover table equals the LP over the cells of its maximal cliques, adjacent cliques agreeing on
//! their separators ([`attacker`]). Its size is fixed by the tables' categories. Each bound is
//! certified by a point checked here, and is that point's value: the interval reported is one the
//! attacker cannot rule out (to the checking tolerance, 10⁻⁶ of a case). `safestat audit
//! --integer` also asks, as an integer program, whether each small cell can still reach `k` when
//! every cell is a whole number of cases (this can fail where the LP passes, in three-way and
//! linked tables), and reports any that cannot, or that the solver could not decide in its time.
//!
//! **Record-level releases.** [`protect`] first makes each dataset's enabled
//! `[release]` ([`records`]); every table of that dataset is then computed from the released
//! records (a blank counted as Unknown, generalised columns with their released categories), so a
//! table can never undo a suppression in the records file. The rules above then apply unchanged.
//!
//! **Choosing the pattern.** Secondary suppression is chosen over all tables of a dataset together
//! to hide few cases and keep the figures readers need: the cost of a cell is its count, more for
//! a margin, and the grand total is never chosen ([`pattern`]). The cheapest safe pattern is
//! searched for exactly first ([`master`]: Fischetti and Salazar's integer program, with cuts
//! learnt from the attacker's LP); where that search does not finish within its bounded work, a
//! greedy search from each table's own cheapest pattern repairs what the linked tables still
//! give away. The pipeline, per dataset: count
//! the cells ([`cells`]) → primary suppression → choose the pattern ([`pattern`], which proposes)
//! → the audit of record ([`audit`], which decides). Every build runs that audit on the final
//! pattern and fails with [`ProtectionError::UnsafeTable`] if any guarantee fails.

mod attacker;
mod audit;
mod cells;
mod master;
mod pattern;
mod pooling;
pub mod records;
mod report;
mod table;

pub use report::{
    AuditReport, AuditTotals, DatasetPooling, PatternFailure, PoolingAudit, SuppressedCellAudit,
    Suppression, TableAudit,
};
pub use table::{
    CellValue, ProtectedCell, ProtectedTable, PublishedCategory, PublishedDimension,
    PublishedFilter, PublishedSelection,
};

use anyhow::{Context, Result};

use crate::config::{PatternCell, PrivacyConfig};
use crate::data::{CaseTable, ColumnKind, DataInput, FilterSelection, TableSpec};

use attacker::{Cover, Interval, Status};
use cells::CellSystem;
use pooling::PooledColumn;

/// The output of protection: what may be published, and the report that proves it (which holds true
/// values and must never be written under `public/`).
#[derive(Debug)]
pub struct Protection {
    pub tables: Vec<ProtectedTable>,
    /// The enabled record-level releases, in dataset order; each dataset's tables were computed
    /// from its release.
    pub releases: Vec<records::RecordRelease>,
    pub report: AuditReport,
}

/// Errors a caller or test must tell apart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtectionError {
    /// The final audit found a cell the attacker could disclose: nothing may be published.
    #[error("would publish an unsafe table: table `{table}`, cell {cell}: {reason}")]
    UnsafeTable {
        table: String,
        cell: String,
        reason: String,
    },
    /// A table declaration does not fit its dataset.
    #[error("table `{table}`: {reason}")]
    InvalidTable { table: String, reason: String },
}

/// Disclosure control, start to end: makes every enabled record-level release, then protects
/// every declared table together, each dataset with a release tabulated from its released
/// records (blanks counted as Unknown, table filters carried over), so tables and records cannot
/// be combined to undo a suppression. Errors about a release name its schema.
pub fn protect(input: &DataInput, config: &PrivacyConfig) -> Result<Protection> {
    let mut made: Vec<records::RecordRelease> = Vec::new();
    for declared in input.releases.iter().filter(|r| r.spec.enabled) {
        let Some(dataset) = input.datasets.get(declared.dataset) else {
            return Err(declared.error(format!(
                "[release]: dataset #{} does not exist",
                declared.dataset
            )));
        };
        if made.iter().any(|m| m.dataset == dataset.dataset) {
            return Err(declared.error(format!(
                "[release]: dataset `{}` has two releases",
                dataset.dataset
            )));
        }
        let resolved = declared
            .spec
            .resolve(dataset, config.k, &config.unknown_label)
            .map_err(|e| declared.error(format!("{e:#}")))?;
        let released = records::release(dataset, &resolved).map_err(|e| declared.error(e))?;
        made.push(released);
    }
    if made.is_empty() {
        return protect_tables(input, config);
    }
    let index = |d: usize| {
        made.iter()
            .position(|m| m.dataset == input.datasets[d].dataset)
    };
    let datasets: Vec<CaseTable> = (0..input.datasets.len())
        .map(|d| match index(d) {
            Some(m) => made[m].case_table(),
            None => input.datasets[d].clone(),
        })
        .collect();
    let tables: Vec<TableSpec> = input
        .tables
        .iter()
        .map(|spec| {
            // A table of a dataset that does not exist is reported by `protect`.
            let released = (spec.dataset < input.datasets.len())
                .then(|| index(spec.dataset))
                .flatten();
            let Some(m) = released else {
                return Ok(spec.clone());
            };
            let filters = spec
                .filters
                .iter()
                .map(|f| made[m].view_filter(f))
                .collect::<Result<Vec<_>>>()
                .with_context(|| format!("table `{}`", spec.id))?;
            Ok(TableSpec {
                filters,
                ..spec.clone()
            })
        })
        .collect::<Result<_>>()?;
    let view = DataInput {
        datasets,
        tables,
        releases: Vec::new(),
    };
    let mut protection = protect_tables(&view, config)?;
    protection.report.releases = made.iter().map(|m| m.report.clone()).collect();
    protection.releases = made;
    Ok(protection)
}

/// Each table of a dataset with several on its own, for the pattern search.
fn singles(
    dataset: &CaseTable,
    input: &DataInput,
    specs: &[usize],
    pooled: &[Option<PooledColumn>],
) -> Result<Vec<pattern::Single>> {
    if specs.len() < 2 {
        return Ok(Vec::new());
    }
    specs
        .iter()
        .enumerate()
        .map(|(table, &s)| {
            let on_its_own =
                || format!("cannot tabulate table `{}` on its own", input.tables[s].id);
            let system =
                cells::build(dataset, &input.tables, &[s], pooled).with_context(on_its_own)?;
            let cover = Cover::build(&system, &dataset.dataset).with_context(on_its_own)?;
            Ok(pattern::Single {
                system,
                cover,
                table,
            })
        })
        .collect()
}

/// The pipeline for the tables of every dataset of `input` (its releases already applied): count
/// the cells → primary suppression → choose the pattern → the audit of record.
fn protect_tables(input: &DataInput, config: &PrivacyConfig) -> Result<Protection> {
    let k = u64::from(config.k);
    for spec in &input.tables {
        let invalid = |reason: String| ProtectionError::InvalidTable {
            table: spec.id.clone(),
            reason,
        };
        let Some(dataset) = input.datasets.get(spec.dataset) else {
            return Err(invalid(format!("dataset #{} does not exist", spec.dataset)).into());
        };
        let columns = spec
            .dimensions
            .iter()
            .chain(spec.filters.iter().map(|f| &f.column));
        if let Some(c) = columns.copied().find(|&c| c >= dataset.columns.len()) {
            return Err(invalid(format!("column #{c} does not exist")).into());
        }
        if let Err(rule) = crate::data::check_dimension_count(spec.dimensions.len()) {
            return Err(invalid(format!("{} dimensions; {rule}", spec.dimensions.len())).into());
        }
    }

    let mut tables: Vec<Option<ProtectedTable>> = vec![None; input.tables.len()];
    let mut report = AuditReport {
        k: config.k,
        zeros: config.zeros,
        rules: rules(config),
        integer: config.audit.integer,
        checked_pattern: config.audit.pattern.is_some(),
        ..AuditReport::default()
    };
    let mut table_audits: Vec<Option<TableAudit>> = vec![None; input.tables.len()];
    for (d, dataset) in input.datasets.iter().enumerate() {
        let specs: Vec<usize> = (0..input.tables.len())
            .filter(|&t| input.tables[t].dataset == d)
            .collect();
        if specs.is_empty() {
            continue;
        }
        let mut pooled: Vec<Option<PooledColumn>> = vec![None; dataset.columns.len()];
        for &s in &specs {
            for &c in &input.tables[s].dimensions {
                if pooled[c].is_none() {
                    pooled[c] = Some(pooling::pool_column(&dataset.columns[c], config));
                }
            }
        }
        let mut dims: Vec<PoolingAudit> = pooled
            .iter()
            .flatten()
            .filter_map(|p| p.pooled.clone())
            .collect();
        dims.retain(|p| !p.pooled_labels.is_empty());
        if !dims.is_empty() {
            report.pooling.push(DatasetPooling {
                dataset: dataset.dataset.clone(),
                dimensions: dims,
            });
        }

        let mut system = cells::build(dataset, &input.tables, &specs, &pooled)
            .with_context(|| format!("cannot tabulate dataset `{}`", dataset.dataset))?;
        let cover = Cover::build(&system, &dataset.dataset)?;
        // Lines across tables: the search must know what they pin.
        let links = cover.links(&system);
        system.lines.extend(links);
        let mut partial: Vec<(u32, (usize, usize))> = Vec::new();
        let mut hints = Vec::new();
        let status = match &config.audit.pattern {
            Some(given) => {
                let (status, split) = given_pattern(input, &system, &pooled, given, k)?;
                partial = split;
                status
            }
            None => match pattern::choose(
                &system,
                &cover,
                &singles(dataset, input, &specs, &pooled)?,
                k,
                config.zeros,
            ) {
                Ok(chosen) => {
                    hints = chosen.points;
                    chosen.status
                }
                Err(reason) => {
                    return Err(ProtectionError::UnsafeTable {
                        table: dataset.dataset.clone(),
                        cell: "(any)".to_string(),
                        reason,
                    }
                    .into())
                }
            },
        };
        let record = audit::of_record(&system, &cover, &status, k, config.audit.integer, &hints);
        let built: Vec<ProtectedTable> = system
            .tables
            .iter()
            .map(|grid| protected_table(input, &pooled, &system, &status, grid.spec))
            .collect::<Result<_>>()?;
        let mut failures = verify(&system, &record, &built, k, config);
        for (cell, (t, g)) in partial {
            failures.push((
                ProtectionError::UnsafeTable {
                    table: built[t].id.clone(),
                    cell: cell_labels(&built[t], g).join(" × "),
                    reason: "the pattern publishes this cell here but suppresses it in another \
                             table (it counts the same cases): audited as published"
                        .to_string(),
                },
                system.cells[cell as usize].value,
            ));
        }
        if config.audit.pattern.is_some() {
            report
                .pattern_failures
                .extend(failures.into_iter().map(|(f, value)| match f {
                    ProtectionError::UnsafeTable {
                        table,
                        cell,
                        reason,
                    } => PatternFailure {
                        table,
                        cell,
                        value,
                        reason,
                    },
                    ProtectionError::InvalidTable { table, reason } => PatternFailure {
                        table,
                        cell: String::new(),
                        value,
                        reason,
                    },
                }));
        } else if let Some((first, _)) = failures.into_iter().next() {
            return Err(first.into());
        }
        let margin = pattern::margins(&system);
        for (grid, table) in system.tables.iter().zip(&built) {
            table_audits[grid.spec] =
                Some(table_audit(&system, &status, &record, &margin, grid, table));
            tables[grid.spec] = Some(table.clone());
        }
        add_totals(&mut report.totals, &system, &status, &margin);
    }
    report.tables = table_audits.into_iter().flatten().collect();
    report.totals.tables = report.tables.len();
    Ok(Protection {
        tables: tables.into_iter().flatten().collect(),
        releases: Vec::new(),
        report,
    })
}

fn rules(config: &PrivacyConfig) -> Vec<String> {
    let k = config.k;
    vec![
        format!("every published count is 0 or at least k = {k}; categories with fewer than {k} cases are pooled into `{}`", config.other_label),
        "a cell shown in several tables has one status everywhere".to_string(),
        format!("every primary cell's feasible interval [lo, hi] under the attacker's LP has hi ≥ {k} and hi − lo ≥ {k}"),
        "no secondary cell is pinned to one value (hi > lo)".to_string(),
    ]
}

/// Every way the final pattern breaks the guarantee, with the true count of the cell: the audit
/// of record's failures, and any published count below `k` (or zero, when zeros are suppressed).
fn verify(
    system: &CellSystem,
    record: &audit::Audit,
    tables: &[ProtectedTable],
    k: u64,
    config: &PrivacyConfig,
) -> Vec<(ProtectionError, u64)> {
    let mut failures = Vec::new();
    for &(cell, ref reason) in &record.failing {
        let (t, g) = system.cells[cell as usize].appearances[0];
        let table = &tables[t];
        failures.push((
            ProtectionError::UnsafeTable {
                table: table.id.clone(),
                cell: cell_labels(table, g).join(" × "),
                reason: reason.clone(),
            },
            system.cells[cell as usize].value,
        ));
    }
    for table in tables {
        for (g, cell) in table.cells.iter().enumerate() {
            if let CellValue::Published(n) = cell.value {
                let bad = (n > 0 && n < k)
                    || (n == 0 && config.zeros == crate::config::ZeroPolicy::Suppress);
                if bad {
                    failures.push((
                        ProtectionError::UnsafeTable {
                            table: table.id.clone(),
                            cell: cell_labels(table, g).join(" × "),
                            reason: format!("published count {n} is below k = {k}"),
                        },
                        n,
                    ));
                }
            }
        }
    }
    failures
}

/// The statuses of a pattern given by another tool: the listed cells suppressed (primary when
/// small, else secondary), every other cell published. A cell that counts the same cases as
/// another is one cell here; listed in some of its appearances but not all, it is published (the
/// attacker reads it where it is shown) and returned with an appearance where it is shown.
/// Errors name the entry.
#[allow(clippy::type_complexity)]
fn given_pattern(
    input: &DataInput,
    system: &CellSystem,
    pooled: &[Option<PooledColumn>],
    given: &[PatternCell],
    k: u64,
) -> Result<(Vec<Status>, Vec<(u32, (usize, usize))>)> {
    let mut listed: std::collections::BTreeMap<u32, std::collections::BTreeSet<(usize, usize)>> =
        std::collections::BTreeMap::new();
    for entry in given {
        let Some((t, grid)) = system
            .tables
            .iter()
            .enumerate()
            .find(|(_, g)| input.tables[g.spec].id == entry.table)
        else {
            if input.tables.iter().any(|t| t.id == entry.table) {
                continue; // a table of another dataset
            }
            anyhow::bail!("{}: no table `{}`", entry.place, entry.table);
        };
        let spec = &input.tables[grid.spec];
        let dataset = &input.datasets[spec.dataset];
        if let Some((unknown, _)) = entry
            .key
            .iter()
            .find(|(d, _)| !spec.dimensions.iter().any(|&c| &dataset.columns[c].id == d))
        {
            anyhow::bail!(
                "{}: table `{}` has no dimension `{}`",
                entry.place,
                spec.id,
                crate::diagnostic::shorten(unknown, 60)
            );
        }
        let mut g = 0usize;
        for (i, &c) in spec.dimensions.iter().enumerate() {
            let id = &dataset.columns[c].id;
            let Some((_, code)) = entry.key.iter().find(|(d, _)| d == id) else {
                anyhow::bail!(
                    "{}: table `{}` needs dimension `{id}`",
                    entry.place,
                    spec.id
                );
            };
            let coordinate = match code {
                None => grid.sizes[i] - 1,
                Some(code) => {
                    let categories = &pooled[c].as_ref().expect("pooled").categories;
                    grid.categories[i]
                        .iter()
                        .position(|&p| &categories[p as usize].code == code)
                        .with_context(|| {
                            format!(
                                "{}: table `{}` has no category `{}` in `{id}`",
                                entry.place,
                                spec.id,
                                crate::diagnostic::shorten(code, 60)
                            )
                        })?
                }
            };
            g += coordinate * grid.strides[i];
        }
        listed.entry(grid.cells[g]).or_default().insert((t, g));
    }
    let mut status = vec![Status::Published; system.cells.len()];
    let mut partial = Vec::new();
    for (cell, places) in listed {
        let shown = system.cells[cell as usize]
            .appearances
            .iter()
            .find(|a| !places.contains(a));
        match shown {
            Some(&place) => partial.push((cell, place)),
            None => {
                let value = system.cells[cell as usize].value;
                status[cell as usize] = if value < k {
                    Status::Primary
                } else {
                    Status::Secondary
                };
            }
        }
    }
    Ok((status, partial))
}

fn kind_name(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Category => "category",
        ColumnKind::Year => "year",
        ColumnKind::Integer => "integer",
    }
}

fn protected_table(
    input: &DataInput,
    pooled: &[Option<PooledColumn>],
    system: &CellSystem,
    status: &[Status],
    spec_index: usize,
) -> Result<ProtectedTable> {
    let spec = &input.tables[spec_index];
    let dataset = &input.datasets[spec.dataset];
    let grid = system
        .tables
        .iter()
        .find(|g| g.spec == spec_index)
        .expect("every table of the dataset has a grid");
    let dimensions = spec
        .dimensions
        .iter()
        .zip(&grid.categories)
        .map(|(&c, shown)| {
            let column = &dataset.columns[c];
            let categories = &pooled[c]
                .as_ref()
                .expect("dimension columns are pooled")
                .categories;
            PublishedDimension {
                id: column.id.clone(),
                label: column.label.clone(),
                kind: kind_name(column.kind).to_string(),
                categories: shown
                    .iter()
                    .map(|&p| categories[p as usize].clone())
                    .collect(),
            }
        })
        .collect();
    let values = grid
        .cells
        .iter()
        .map(|&c| match status[c as usize] {
            Status::Published => CellValue::Published(system.cells[c as usize].value),
            Status::Primary | Status::Secondary => CellValue::Suppressed,
        })
        .collect();
    let filter = spec
        .filters
        .iter()
        .map(|f| f.description.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let filters = spec
        .filters
        .iter()
        .map(|f| {
            let column = &dataset.columns[f.column];
            PublishedFilter {
                column: column.id.clone(),
                label: column.label.clone(),
                selection: match &f.selection {
                    FilterSelection::Range { from, to } => PublishedSelection::Range {
                        from: *from,
                        to: *to,
                    },
                    FilterSelection::Values(values) => PublishedSelection::Values(
                        values
                            .iter()
                            .map(|c| PublishedCategory {
                                code: c.code.clone(),
                                label: c.label.clone(),
                            })
                            .collect(),
                    ),
                },
            }
        })
        .collect();
    Ok(ProtectedTable::from_grid(
        spec.id.clone(),
        spec.title.clone(),
        spec.description.clone(),
        dataset.dataset.clone(),
        filter,
        dimensions,
        values,
    )?
    .with_filters(filters))
}

/// `Dimension: Category` for each dimension of grid cell `g`.
fn cell_labels(table: &ProtectedTable, g: usize) -> Vec<String> {
    table.cells[g]
        .key
        .iter()
        .zip(&table.dimensions)
        .map(|(k, d)| {
            let category = k.map_or("Total", |i| d.categories[i].label.as_str());
            format!("{}: {category}", d.label)
        })
        .collect()
}

fn table_audit(
    system: &CellSystem,
    status: &[Status],
    record: &audit::Audit,
    margin: &[bool],
    grid: &cells::TableGrid,
    table: &ProtectedTable,
) -> TableAudit {
    let intervals: &[Option<Interval>] = &record.intervals;
    let mut distinct: Vec<u32> = grid.cells.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let mut audit = TableAudit {
        id: table.id.clone(),
        title: table.title.clone(),
        dataset: table.dataset.clone(),
        cells: grid.cells.len(),
        primary: 0,
        secondary: 0,
        margins_suppressed: 0,
        cases_hidden_secondary: 0,
        cases_hidden: 0,
        suppressed: Vec::new(),
    };
    for &c in &distinct {
        let value = system.cells[c as usize].value;
        if status[c as usize] != Status::Published && margin[c as usize] {
            audit.margins_suppressed += 1;
        }
        match status[c as usize] {
            Status::Published => {}
            Status::Primary => {
                audit.primary += 1;
                audit.cases_hidden += value;
            }
            Status::Secondary => {
                audit.secondary += 1;
                audit.cases_hidden += value;
                audit.cases_hidden_secondary += value;
            }
        }
    }
    for (g, &c) in grid.cells.iter().enumerate() {
        let suppression = match status[c as usize] {
            Status::Published => continue,
            Status::Primary => Suppression::Primary,
            Status::Secondary => Suppression::Secondary,
        };
        let value = system.cells[c as usize].value;
        let (lo, hi, lp) = match intervals[c as usize] {
            Some(i) => (i.lo_int(), i.hi_int(), [i.lo, i.hi]),
            None => (value, value, [value as f64; 2]),
        };
        audit.suppressed.push(SuppressedCellAudit {
            key: table.cells[g].key.clone(),
            labels: cell_labels(table, g),
            value,
            suppression,
            lo,
            hi,
            lp,
            integer_reaches_k: record.integer[c as usize],
        });
    }
    audit
}

fn add_totals(totals: &mut AuditTotals, system: &CellSystem, status: &[Status], margin: &[bool]) {
    totals.cells += system.cells.len();
    for (c, cell) in system.cells.iter().enumerate() {
        if status[c] != Status::Published && margin[c] {
            totals.margins_suppressed += 1;
        }
        match status[c] {
            Status::Published => {}
            Status::Primary => {
                totals.primary += 1;
                totals.cases_hidden += cell.value;
            }
            Status::Secondary => {
                totals.secondary += 1;
                totals.cases_hidden += cell.value;
                totals.cases_hidden_secondary += cell.value;
            }
        }
    }
}
