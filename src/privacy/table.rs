//! [`ProtectedTable`]: the only form in which case data leaves `privacy`.
//!
//! A protected table holds every cell of its full grid (each dimension's categories plus its total),
//! published or suppressed. A suppressed cell carries no value at all — not its true count, not a
//! hint of whether it was a primary or a secondary suppression — so whatever renders it cannot leak
//! what it hides (invariant 3).

use anyhow::{bail, Result};
use serde::Serialize;

/// One category as published: its code (in downloads) and label (on pages).
/// Pooled rare categories appear as one `Other` category; missing values as `Unknown`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedCategory {
    pub code: String,
    pub label: String,
}

/// A dimension of a protected table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedDimension {
    /// Column id in the dataset schema.
    pub id: String,
    pub label: String,
    /// `category`, `year` or `integer`.
    pub kind: String,
    /// The categories in display order (the dimension's total is not among them).
    pub categories: Vec<PublishedCategory>,
}

/// A table's restriction to some values of one column, as published: enough to describe it in
/// any language ("Year of registration 2015–2024").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedFilter {
    /// Column id in the dataset schema.
    pub column: String,
    /// The column's label.
    pub label: String,
    pub selection: PublishedSelection,
}

/// What a published filter keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedSelection {
    /// The numbers from `from` to `to` (years, ages); either end may be open.
    Range { from: Option<i64>, to: Option<i64> },
    /// These categories, in the order declared.
    Values(Vec<PublishedCategory>),
}

/// A cell's published value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "count", rename_all = "lowercase")]
pub enum CellValue {
    Published(u64),
    Suppressed,
}

impl CellValue {
    pub fn published(self) -> Option<u64> {
        match self {
            CellValue::Published(n) => Some(n),
            CellValue::Suppressed => None,
        }
    }
}

/// One cell. `key[i]` is `Some(index into dimensions[i].categories)`, or `None` for that dimension's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProtectedCell {
    pub key: Vec<Option<usize>>,
    pub value: CellValue,
}

/// A declared table after protection.
///
/// `cells` lists the full grid in row-major order: the first dimension varies slowest, and within
/// each dimension the categories come in order followed by the total. So the grand total is last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProtectedTable {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Dataset id.
    pub dataset: String,
    /// Plain-language description of any filter ("registration year 2015–2024"), empty when none.
    pub filter: String,
    /// The filters that description is made of, in the order declared (empty when none).
    pub filters: Vec<PublishedFilter>,
    pub dimensions: Vec<PublishedDimension>,
    pub cells: Vec<ProtectedCell>,
}

impl ProtectedTable {
    /// Builds the table from the value of every grid cell in the documented order.
    /// Fails if the number of values does not match the grid.
    pub fn from_grid(
        id: String,
        title: String,
        description: String,
        dataset: String,
        filter: String,
        dimensions: Vec<PublishedDimension>,
        values: Vec<CellValue>,
    ) -> Result<ProtectedTable> {
        let sizes: Vec<usize> = dimensions.iter().map(|d| d.categories.len() + 1).collect();
        let expected: usize = sizes.iter().product();
        if values.len() != expected {
            bail!(
                "table {id}: {} values for a grid of {expected} cells",
                values.len()
            );
        }
        let cells = values
            .into_iter()
            .enumerate()
            .map(|(flat, value)| ProtectedCell {
                key: unflatten(flat, &sizes, &dimensions),
                value,
            })
            .collect();
        Ok(ProtectedTable {
            id,
            title,
            description,
            dataset,
            filter,
            filters: Vec::new(),
            dimensions,
            cells,
        })
    }

    /// The table with the filters its `filter` describes.
    pub fn with_filters(mut self, filters: Vec<PublishedFilter>) -> ProtectedTable {
        self.filters = filters;
        self
    }

    /// The flat index of a key in `cells`.
    pub fn index_of(&self, key: &[Option<usize>]) -> usize {
        let mut flat = 0;
        for (dim, k) in self.dimensions.iter().zip(key) {
            let size = dim.categories.len() + 1;
            flat = flat * size + k.unwrap_or(dim.categories.len());
        }
        flat
    }

    /// The cell at `key`.
    pub fn cell(&self, key: &[Option<usize>]) -> &ProtectedCell {
        &self.cells[self.index_of(key)]
    }

    /// The grand total cell.
    pub fn grand_total(&self) -> &ProtectedCell {
        self.cells
            .last()
            .expect("a grid always has its grand total")
    }

    /// Looks a cell up by dimension id and category code (or label); dimensions not named are taken
    /// at their total. An unknown dimension or category is an error that lists what exists.
    pub fn lookup(&self, selection: &[(&str, &str)]) -> Result<&ProtectedCell> {
        let mut key = vec![None; self.dimensions.len()];
        for (dim_id, value) in selection {
            let Some(d) = self.dimensions.iter().position(|d| d.id == *dim_id) else {
                let known: Vec<&str> = self.dimensions.iter().map(|d| d.id.as_str()).collect();
                bail!(
                    "table `{}` has no dimension `{dim_id}`; its dimensions are: {}",
                    self.id,
                    known.join(", ")
                );
            };
            let dim = &self.dimensions[d];
            if value.eq_ignore_ascii_case("total") {
                key[d] = None;
                continue;
            }
            let Some(c) = dim
                .categories
                .iter()
                .position(|c| c.code == *value)
                .or_else(|| dim.categories.iter().position(|c| c.label == *value))
            else {
                let known: Vec<&str> = dim.categories.iter().map(|c| c.code.as_str()).collect();
                bail!(
                    "table `{}`: dimension `{dim_id}` has no category `{value}`; it has: {}, Total",
                    self.id,
                    known.join(", ")
                );
            };
            key[d] = Some(c);
        }
        Ok(self.cell(&key))
    }
}

fn unflatten(
    mut flat: usize,
    sizes: &[usize],
    dimensions: &[PublishedDimension],
) -> Vec<Option<usize>> {
    let mut key = vec![None; sizes.len()];
    for i in (0..sizes.len()).rev() {
        let k = flat % sizes[i];
        flat /= sizes[i];
        key[i] = (k < dimensions[i].categories.len()).then_some(k);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dim(id: &str, codes: &[&str]) -> PublishedDimension {
        PublishedDimension {
            id: id.into(),
            label: id.into(),
            kind: "category".into(),
            categories: codes
                .iter()
                .map(|c| PublishedCategory {
                    code: (*c).into(),
                    label: c.to_uppercase(),
                })
                .collect(),
        }
    }

    fn table() -> ProtectedTable {
        // gender (f, m) × year (2020, 2021): 3 × 3 = 9 cells
        let values = vec![
            CellValue::Published(20),
            CellValue::Published(30),
            CellValue::Published(50),
            CellValue::Suppressed,
            CellValue::Suppressed,
            CellValue::Published(40),
            CellValue::Published(35),
            CellValue::Published(55),
            CellValue::Published(90),
        ];
        ProtectedTable::from_grid(
            "t".into(),
            "T".into(),
            String::new(),
            "cases".into(),
            String::new(),
            vec![dim("gender", &["f", "m"]), dim("year", &["2020", "2021"])],
            values,
        )
        .unwrap()
    }

    #[test]
    fn grid_order_is_row_major_with_totals_last() {
        let t = table();
        assert_eq!(t.cells[2].key, vec![Some(0), None]);
        assert_eq!(t.cells[6].key, vec![None, Some(0)]);
        assert_eq!(t.grand_total().value, CellValue::Published(90));
        assert_eq!(t.cell(&[Some(1), Some(0)]).value, CellValue::Suppressed);
    }

    #[test]
    fn lookup_by_code_label_and_total() {
        let t = table();
        assert_eq!(
            t.lookup(&[("gender", "f")]).unwrap().value,
            CellValue::Published(50)
        );
        assert_eq!(
            t.lookup(&[("gender", "M"), ("year", "2021")])
                .unwrap()
                .value,
            CellValue::Suppressed
        );
        assert_eq!(t.lookup(&[]).unwrap().value, CellValue::Published(90));
        let err = t.lookup(&[("gender", "x")]).unwrap_err().to_string();
        assert!(err.contains("f, m, Total"), "{err}");
        assert!(t.lookup(&[("sex", "f")]).is_err());
    }

    #[test]
    fn wrong_grid_size_is_an_error() {
        let r = ProtectedTable::from_grid(
            "t".into(),
            "T".into(),
            String::new(),
            "cases".into(),
            String::new(),
            vec![dim("gender", &["f"])],
            vec![CellValue::Suppressed],
        );
        assert!(r.is_err());
    }
}
