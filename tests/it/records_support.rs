//! Builders for case tables, and an independent checker of a released records file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use safestat::data::{CaseColumn, CaseTable, Category, ColumnKind};
use safestat::privacy::records::{ReleaseSpec, ResolvedReleaseSpec};

/// A column with these category codes (labels are the codes upper-cased); `unknown` names the code
/// that missing values are counted in.
pub fn column(id: &str, kind: ColumnKind, codes: &[&str], unknown: Option<&str>) -> CaseColumn {
    CaseColumn {
        id: id.into(),
        label: id.to_uppercase(),
        kind,
        categories: codes
            .iter()
            .map(|c| Category {
                code: (*c).into(),
                label: c.to_uppercase(),
            })
            .collect(),
        unknown: unknown.map(|u| codes.iter().position(|c| *c == u).unwrap() as u32),
        pool_rare: true,
        codes: Vec::new(),
    }
}

/// A case table from rows of category codes (strings, by column).
pub fn table(mut columns: Vec<CaseColumn>, rows: &[Vec<&str>]) -> CaseTable {
    for (c, column) in columns.iter_mut().enumerate() {
        column.codes = rows
            .iter()
            .map(|row| {
                column
                    .categories
                    .iter()
                    .position(|cat| cat.code == row[c])
                    .unwrap_or_else(|| panic!("{} is not a category of {}", row[c], column.id))
                    as u32
            })
            .collect();
    }
    CaseTable {
        dataset: "cases".into(),
        title: "Cases".into(),
        source: PathBuf::from("data/cases.csv"),
        len: rows.len(),
        columns,
    }
}

/// Parses a `[release]` table and resolves it against `table` with `[privacy] k = 2`.
pub fn resolve(table: &CaseTable, toml_text: &str) -> ResolvedReleaseSpec {
    let spec: ReleaseSpec = toml::from_str(toml_text).unwrap();
    spec.resolve(table, 2, "Unknown").unwrap()
}

/// A records CSV read back as strings: header and rows.
pub struct Written {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub fn read_csv(bytes: &[u8]) -> Written {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    Written { header, rows }
}

impl Written {
    pub fn index(&self, id: &str) -> usize {
        self.header.iter().position(|h| h == id).unwrap()
    }

    /// Rows per combination of the `qis` columns as written (a blank is just the empty string).
    pub fn classes(&self, qis: &[&str]) -> BTreeMap<Vec<String>, Vec<usize>> {
        let idx: Vec<usize> = qis.iter().map(|q| self.index(q)).collect();
        let mut classes: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
        for (r, row) in self.rows.iter().enumerate() {
            classes
                .entry(idx.iter().map(|&i| row[i].clone()).collect())
                .or_default()
                .push(r);
        }
        classes
    }

    /// The smallest class over `qis` (`None` for an empty file).
    pub fn k(&self, qis: &[&str]) -> Option<usize> {
        self.classes(qis).values().map(Vec::len).min()
    }

    /// The fewest distinct values of `sensitive` in a class over `qis`.
    pub fn l(&self, qis: &[&str], sensitive: &str) -> Option<usize> {
        let s = self.index(sensitive);
        self.classes(qis)
            .values()
            .map(|rows| {
                rows.iter()
                    .map(|&r| self.rows[r][s].as_str())
                    .collect::<BTreeSet<_>>()
                    .len()
            })
            .min()
    }

    /// Counts of each combination of the `ids` columns, blanks read as `blank`.
    pub fn counts(&self, ids: &[&str], blank: &str) -> BTreeMap<Vec<String>, u64> {
        let idx: Vec<usize> = ids.iter().map(|q| self.index(q)).collect();
        let mut counts = BTreeMap::new();
        for row in &self.rows {
            let key = idx
                .iter()
                .map(|&i| {
                    if row[i].is_empty() {
                        blank.to_string()
                    } else {
                        row[i].clone()
                    }
                })
                .collect();
            *counts.entry(key).or_insert(0) += 1;
        }
        counts
    }
}

/// Counts of each combination of the `ids` columns of a case table, by category code.
pub fn table_counts(table: &CaseTable, ids: &[&str]) -> BTreeMap<Vec<String>, u64> {
    let cols: Vec<&CaseColumn> = ids
        .iter()
        .map(|id| &table.columns[table.column_index(id).unwrap()])
        .collect();
    let mut counts = BTreeMap::new();
    for r in 0..table.len {
        let key = cols
            .iter()
            .map(|c| c.categories[c.codes[r] as usize].code.clone())
            .collect();
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}
