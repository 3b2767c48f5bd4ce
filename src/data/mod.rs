//! Case data: dataset schemas, CSV ingest into a columnar [`CaseTable`], and table declarations.
//!
//! Owns: reading `data/` — each dataset's schema (TOML) and CSV, validation with `file:line:column`
//! errors, and `data/tables.toml`, resolved against the schemas into [`TableSpec`]s. The layout is
//! documented for site authors in `docs/data.md`.
//!
//! Never does: anything publishable. None of the types here implement `Serialize`, so a case record
//! cannot enter a template context or a download; the only way out of this module is through
//! `privacy`, which turns a [`CaseTable`] into protected aggregates.
//!
//! How it fits together:
//! - `schema` reads `data/<dataset>.toml` into a checked `DatasetSchema` (every `*.toml` but
//!   `tables.toml` is one). Columns have a kind (`category`, `year`, `integer`), a role
//!   (`dimension`, or `drop` for identifiers that are checked to exist and never read) and a
//!   domain: closed (declared values; anything else is an error) or open (values found).
//! - `ingest` streams the CSV as byte records into one `u32` code per case and dimension, through
//!   `lookup`'s inline table of raw spellings, so a value is parsed, recoded and checked once per
//!   distinct spelling. Missing values become an explicit `Unknown` category (code `unknown`, label
//!   `[privacy] unknown_label`) so totals add up; `locate` turns a failing record into
//!   `line:column`; `quote` decides how (and whether) a cell of the CSV appears in a message.
//! - `guard` stops a dimension that looks like a direct identifier (contact details, free text,
//!   or, for open domains, mostly unique values) and tells the author to declare it `drop`.
//! - `tables` resolves `data/tables.toml`; `synth` writes the synthetic example data.

mod guard;
mod ingest;
pub mod labels;
mod locate;
mod lookup;
mod pairs;
mod quote;
mod release;
mod schema;
pub mod synth;
mod tables;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::config::Config;
use crate::diagnostic::{LocatedError, Position};

pub use release::{Builtin, HierarchySpec, ReleaseSpec};
pub use schema::UNKNOWN_CODE;
pub use tables::{check_dimension_count, MAX_DIMENSIONS};

/// Everything read from `data/`: the datasets, the tables declared over them, and every
/// dataset's `[release]` (enabled or not), in dataset order. Disclosure control takes all of it
/// at once, so no caller can protect the tables and forget a release.
#[derive(Debug, Default)]
pub struct DataInput {
    pub datasets: Vec<CaseTable>,
    pub tables: Vec<TableSpec>,
    pub releases: Vec<DeclaredRelease>,
}

/// What a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Category,
    Year,
    Integer,
}

/// One category of a dimension: the code used in the data and downloads, and its display label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub code: String,
    pub label: String,
}

/// One dimension column of a dataset, stored as small integer codes, one per case.
#[derive(Debug, Clone)]
pub struct CaseColumn {
    /// Column id from the schema (used in tables.toml and downloads).
    pub id: String,
    /// Display label of the dimension.
    pub label: String,
    pub kind: ColumnKind,
    /// The domain in display order. `codes[i]` indexes into this.
    /// For `year` and `integer` columns the categories are the values, in ascending order.
    pub categories: Vec<Category>,
    /// The code of the explicit `Unknown` category that missing values are counted in, if any.
    pub unknown: Option<u32>,
    /// Whether categories rarer than k over the dataset are pooled into `Other` (on by default).
    pub pool_rare: bool,
    /// One code per case.
    pub codes: Vec<u32>,
}

/// A dataset's cases in columnar form. Only `dimension` columns are kept; `drop` columns are read
/// no further than validation.
#[derive(Debug, Clone)]
pub struct CaseTable {
    /// Dataset id (the schema's file stem, e.g. `cases`).
    pub dataset: String,
    /// Human title of the dataset.
    pub title: String,
    /// The CSV it was read from, for messages.
    pub source: PathBuf,
    /// Number of cases.
    pub len: usize,
    pub columns: Vec<CaseColumn>,
}

impl CaseTable {
    /// Index of the column with this id.
    pub fn column_index(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }
}

/// A restriction of a table to some categories of one column (e.g. years 2015–2024),
/// resolved against the dataset: `allowed[code]` says whether cases with that code are counted.
#[derive(Debug, Clone)]
pub struct TableFilter {
    pub column: usize,
    pub allowed: Vec<bool>,
    /// Plain-language description for readers, e.g. "registration year 2015–2024".
    pub description: String,
    /// What the filter keeps, as declared, so that it can be described in any language.
    pub selection: FilterSelection,
}

/// What a filter keeps, as declared in `data/tables.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterSelection {
    /// The numbers from `from` to `to` (years, ages); either end may be open.
    Range { from: Option<i64>, to: Option<i64> },
    /// These categories, in the order listed.
    Values(Vec<Category>),
}

/// A table declared in `data/tables.toml`, resolved against its dataset.
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Index into [`DataInput::datasets`].
    pub dataset: usize,
    /// Column indices into the dataset's columns, 1 to 4 of them, in table order.
    pub dimensions: Vec<usize>,
    pub filters: Vec<TableFilter>,
}

/// A dataset's `[release]` table (a k-anonymous record-level download), as written in its schema.
/// `privacy` resolves it against the dataset and makes the release.
#[derive(Debug, Clone)]
pub struct DeclaredRelease {
    /// Index into [`DataInput::datasets`].
    pub dataset: usize,
    /// The schema it was declared in, and where its `[release]` table starts, for messages.
    pub schema: PathBuf,
    pub position: Position,
    pub spec: ReleaseSpec,
}

impl DeclaredRelease {
    /// `schema:line:column: message`, for an error about this release.
    pub fn error(&self, message: impl std::fmt::Display) -> anyhow::Error {
        anyhow::Error::new(LocatedError::new(
            &self.schema,
            Some(self.position),
            message.to_string(),
        ))
    }
}

/// Reads every dataset and the table declarations under `data_dir`.
/// A site without a `data/` folder has no datasets and no tables.
///
/// Each `data/<dataset>.toml` (every `*.toml` but `tables.toml`) is a dataset schema naming its
/// CSV; `data/tables.toml` declares the tables. Any error names the file, line and column, and
/// nothing is returned after one.
pub fn load(data_dir: &Path, config: &Config) -> Result<DataInput> {
    if !data_dir.exists() {
        return Ok(DataInput::default());
    }
    let schemas = schema::discover(data_dir)?;
    let datasets = schemas
        .iter()
        .map(|s| ingest::read_dataset(s, &config.privacy.unknown_label))
        .collect::<Result<Vec<_>>>()?;
    let tables = tables::load(&data_dir.join("tables.toml"), &schemas, &datasets)?;
    let releases = schemas
        .iter()
        .enumerate()
        .filter_map(|(dataset, s)| {
            s.release.as_ref().map(|(spec, position)| DeclaredRelease {
                dataset,
                schema: s.schema_path.clone(),
                position: *position,
                spec: spec.clone(),
            })
        })
        .collect();
    Ok(DataInput {
        datasets,
        tables,
        releases,
    })
}
