//! The released records as columns, their published order, their CSV bytes, and their view as a
//! [`CaseTable`] for the table protection.

use std::cmp::Ordering;

use anyhow::{bail, Context, Result};

use super::hierarchy::BLANK;
use super::keys::{mix, Layout};
use super::spec::ResolvedReleaseSpec;
use super::{ColumnRole, RecordRelease, ReleasedColumn};
use crate::data::{CaseColumn, CaseTable, Category, ColumnKind, TableFilter, UNKNOWN_CODE};

/// The released columns for the kept records, in the order of `kept`.
/// `published[i]` is the packed key (quasi-identifiers as published) of record `kept[i]`.
pub(super) fn columns(
    table: &CaseTable,
    spec: &ResolvedReleaseSpec,
    layout: &Layout,
    node: &[u8],
    kept: &[u32],
    published: &[u64],
) -> Vec<ReleasedColumn> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let qi = spec.quasi_identifiers.iter().position(|q| q.column == c);
            let fallback_unknown = Category {
                code: UNKNOWN_CODE.to_string(),
                label: spec.unknown_label.clone(),
            };
            match qi {
                Some(q) => {
                    let level = node[q];
                    let categories = spec.quasi_identifiers[q].hierarchy.levels[level as usize]
                        .categories
                        .clone();
                    let codes = published
                        .iter()
                        .map(|&key| match layout.field(key, q) {
                            0 => BLANK,
                            v => (v - 1) as u32,
                        })
                        .collect();
                    let generalised = level > 0;
                    let unknown = column.unknown.map(|u| &column.categories[u as usize]);
                    let recode = spec.quasi_identifiers[q].hierarchy.levels[level as usize]
                        .map
                        .clone();
                    ReleasedColumn {
                        recode,
                        id: column.id.clone(),
                        label: column.label.clone(),
                        kind: if generalised {
                            ColumnKind::Category
                        } else {
                            column.kind
                        },
                        role: ColumnRole::QuasiIdentifier { level },
                        unknown_position: match column.unknown {
                            Some(u) if !generalised => u as usize,
                            _ => categories.len(),
                        },
                        categories,
                        codes,
                        unknown: unknown.cloned().unwrap_or(fallback_unknown),
                        pool_rare: column.pool_rare,
                    }
                }
                None => {
                    let unknown = column.unknown;
                    let recode: Vec<u32> = (0..column.categories.len() as u32)
                        .map(|code| match unknown {
                            Some(u) if code == u => BLANK,
                            Some(u) if code > u => code - 1,
                            _ => code,
                        })
                        .collect();
                    let categories = column
                        .categories
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| Some(*i as u32) != unknown)
                        .map(|(_, c)| c.clone())
                        .collect();
                    let codes = kept
                        .iter()
                        .map(|&r| recode[column.codes[r as usize] as usize])
                        .collect();
                    ReleasedColumn {
                        recode,
                        id: column.id.clone(),
                        label: column.label.clone(),
                        kind: column.kind,
                        role: if spec.sensitive == Some(c) {
                            ColumnRole::Sensitive
                        } else {
                            ColumnRole::Other
                        },
                        categories,
                        codes,
                        unknown: unknown
                            .map(|u| column.categories[u as usize].clone())
                            .unwrap_or(fallback_unknown),
                        unknown_position: unknown.map_or(column.categories.len(), |u| u as usize),
                        pool_rare: column.pool_rare,
                    }
                }
            }
        })
        .collect()
}

/// Puts the rows in a pseudo-random order that depends only on the released content: rows are
/// sorted by a hash of their values keyed with a seed summed over all rows, so neither the input
/// order nor anything but the data can show through. Equal hashes fall back to the values.
pub(super) fn shuffle(mut columns: Vec<ReleasedColumn>, rows: usize) -> Vec<ReleasedColumn> {
    let row_hash = |r: usize| -> u64 {
        columns
            .iter()
            .fold(0x5afe_57a7_u64, |h, c| mix(h ^ u64::from(c.codes[r])))
    };
    let hashes: Vec<u64> = (0..rows).map(row_hash).collect();
    let seed = hashes.iter().fold(0u64, |s, &h| s.wrapping_add(h));
    let order_keys: Vec<u64> = hashes.iter().map(|&h| mix(h ^ mix(seed))).collect();
    let mut order: Vec<u32> = (0..rows as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        order_keys[a as usize]
            .cmp(&order_keys[b as usize])
            .then_with(|| {
                columns
                    .iter()
                    .map(|c| c.codes[a as usize].cmp(&c.codes[b as usize]))
                    .find(|o| *o != Ordering::Equal)
                    .unwrap_or(Ordering::Equal)
            })
    });
    for column in &mut columns {
        column.codes = order.iter().map(|&r| column.codes[r as usize]).collect();
    }
    columns
}

/// The bytes of `<dataset>-records.csv`: a header of column ids, then one row per released record,
/// each value its category's code, blank for Unknown or suppressed.
pub fn records_csv(release: &RecordRelease) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::with_capacity(release.len * release.columns.len() * 8));
    writer
        .write_record(release.columns.iter().map(|c| c.id.as_str()))
        .context("cannot write the records header")?;
    let mut row: Vec<&str> = Vec::with_capacity(release.columns.len());
    for r in 0..release.len {
        row.clear();
        row.extend(release.columns.iter().map(|c| match c.codes[r] {
            BLANK => "",
            code => c.categories[code as usize].code.as_str(),
        }));
        writer
            .write_record(&row)
            .with_context(|| format!("cannot write record {}", r + 1))?;
    }
    writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("cannot finish the records CSV: {}", e.error()))
}

impl RecordRelease {
    /// A table filter on the dataset, carried over to the case-table view. A filter on a
    /// generalised column must keep or drop whole released categories (years 2015–2019 when years
    /// were released as 2015–2019 and 2020–2024); one that would split a category is an error.
    pub fn view_filter(&self, filter: &TableFilter) -> Result<TableFilter> {
        let column = &self.columns[filter.column];
        let mut allowed: Vec<Option<bool>> = vec![None; column.categories.len() + 1];
        for (code, &keep) in filter.allowed.iter().enumerate() {
            let view = column.view_code(column.recode[code]) as usize;
            match allowed[view] {
                Some(kept) if kept != keep => {
                    let name = if view == column.unknown_position {
                        &column.unknown.label
                    } else {
                        &column.categories[column.recode[code] as usize].label
                    };
                    bail!(
                        "the filter \"{}\" splits `{name}`, a released category of `{}`: \
                         the record release publishes it as one, so tables of dataset `{}` must \
                         take all of it or none",
                        filter.description,
                        column.id,
                        self.dataset
                    );
                }
                _ => allowed[view] = Some(keep),
            }
        }
        Ok(TableFilter {
            column: filter.column,
            allowed: allowed.into_iter().map(|a| a.unwrap_or(false)).collect(),
            description: filter.description.clone(),
            selection: filter.selection.clone(),
        })
    }

    /// The download's file name: `<dataset>-records.csv`.
    pub fn file_name(&self) -> String {
        format!("{}-records.csv", self.dataset)
    }

    /// The sensitive column, if the release declares one.
    pub fn sensitive_column(&self) -> Option<&ReleasedColumn> {
        self.columns
            .iter()
            .find(|c| c.role == ColumnRole::Sensitive)
    }

    /// The released records as a [`CaseTable`], so every table of the dataset can be computed from
    /// what was released: blanks are counted in the column's Unknown category, generalised values
    /// are categories of their own. Columns keep their order; an ungeneralised column keeps its
    /// categories and codes exactly, so table filters on it still apply.
    pub fn case_table(&self) -> CaseTable {
        let columns = self
            .columns
            .iter()
            .map(|c| {
                let at = c.unknown_position as u32;
                let mut categories = c.categories.clone();
                categories.insert(c.unknown_position, c.unknown.clone());
                let codes = c.codes.iter().map(|&code| c.view_code(code)).collect();
                CaseColumn {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    kind: c.kind,
                    categories,
                    unknown: Some(at),
                    pool_rare: c.pool_rare,
                    codes,
                }
            })
            .collect();
        CaseTable {
            dataset: self.dataset.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
            len: self.len,
            columns,
        }
    }
}
