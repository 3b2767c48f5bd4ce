//! `data/tables.toml`: the tables a site publishes, resolved against the datasets into [`TableSpec`]s.
//!
//! Every table names its dataset (optional when there is only one), 1 to [`MAX_DIMENSIONS`]
//! dimension columns and optional filters. Every mistake — an unknown dataset or column, a `drop`
//! column used as a dimension, a repeated table id or one taken by a record-level release
//! (compared ignoring case, as ids name download files), too many dimensions, a filter value
//! outside the domain — is an error naming `file:line:column`. These are the rules of a table;
//! later stages take [`TableSpec`]s as checked.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;
use toml::Spanned;

use super::labels::{written, WrittenLabels};
use super::pairs::Pairs;
use super::schema::{is_identifier, quoted_list, DatasetSchema, Role};
use super::{CaseTable, ColumnKind, FilterSelection, TableFilter, TableSpec};
use crate::diagnostic::{source_text, toml_error, LocatedError, Position};

/// The most dimensions a table may have.
pub const MAX_DIMENSIONS: usize = 4;

/// The one rule on how many dimensions a table has (1 to [`MAX_DIMENSIONS`]): `Err` says it.
pub fn check_dimension_count(n: usize) -> Result<(), String> {
    if (1..=MAX_DIMENSIONS).contains(&n) {
        Ok(())
    } else {
        Err(format!("a table has 1 to {MAX_DIMENSIONS} dimensions"))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TablesFile {
    #[serde(default, rename = "table")]
    tables: Vec<TableDecl>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableDecl {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    description: String,
    /// The title in other languages: `titles = { ar = "…", fr = "…" }`.
    #[serde(default)]
    titles: BTreeMap<Spanned<String>, String>,
    /// The description in other languages.
    #[serde(default)]
    descriptions: BTreeMap<Spanned<String>, String>,
    dataset: Option<Spanned<String>>,
    dimensions: Spanned<Vec<Spanned<String>>>,
    filter: Option<Spanned<Pairs<Spanned<String>, Spanned<toml::Value>>>>,
}

/// Each table's title and description in other languages (table id → (titles, descriptions)),
/// read from `path` if it exists; [`load`] checks everything else of the file.
pub(crate) fn translations(
    path: &Path,
) -> Result<BTreeMap<String, (WrittenLabels, WrittenLabels)>> {
    if !path.exists() {
        return Ok(BTreeMap::new());
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = source_text(path, bytes)?;
    let file: TablesFile =
        toml::from_str(&text).map_err(|e| anyhow::Error::new(toml_error(path, &text, &e)))?;
    Ok(file
        .tables
        .into_iter()
        .map(|t| {
            let titles = written(&t.titles, &text);
            let descriptions = written(&t.descriptions, &text);
            (t.id.into_inner(), (titles, descriptions))
        })
        .collect())
}

/// Reads `path` if it exists; no file means no tables.
pub(crate) fn load(
    path: &Path,
    schemas: &[DatasetSchema],
    datasets: &[CaseTable],
) -> Result<Vec<TableSpec>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse(path, &source_text(path, bytes)?, schemas, datasets)
}

/// Parses and resolves the text of a `tables.toml` read from `path`.
pub(crate) fn parse(
    path: &Path,
    text: &str,
    schemas: &[DatasetSchema],
    datasets: &[CaseTable],
) -> Result<Vec<TableSpec>> {
    let file: TablesFile =
        toml::from_str(text).map_err(|e| anyhow::Error::new(toml_error(path, text, &e)))?;
    let at = |span: Range<usize>, message: String| -> anyhow::Error {
        anyhow::Error::new(LocatedError::new(
            path,
            Some(Position::of_offset(text, span.start)),
            message,
        ))
    };

    let mut specs = Vec::with_capacity(file.tables.len());
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    for decl in file.tables {
        let id = decl.id.get_ref().clone();
        if !is_identifier(&id) {
            return Err(at(
                decl.id.span(),
                format!("table id {id:?} may only use letters, digits, '_' and '-'"),
            ));
        }
        // Ids name download files and Data Package resources, which are compared ignoring case.
        let line = Position::of_offset(text, decl.id.span().start).line;
        if let Some((first_id, first_line)) = seen.get(&id.to_ascii_lowercase()) {
            return Err(at(
                decl.id.span(),
                format!(
                    "table id {id:?} is already used by the table {first_id:?} at line \
                     {first_line} (ids are compared ignoring case, as they name download files)"
                ),
            ));
        }
        seen.insert(id.to_ascii_lowercase(), (id.clone(), line));
        let release_named = schemas.iter().find(|s| {
            s.release.as_ref().is_some_and(|(spec, _)| spec.enabled)
                && format!("{}-records", s.id).eq_ignore_ascii_case(&id)
        });
        if let Some(schema) = release_named {
            return Err(at(
                decl.id.span(),
                format!(
                    "table id {id:?} is the name of the record-level release of dataset {:?} \
                     (data/{}-records.csv; ids are compared ignoring case, as they name download \
                     files)",
                    schema.id, schema.id
                ),
            ));
        }

        let dataset = match &decl.dataset {
            Some(name) => schemas
                .iter()
                .position(|s| &s.id == name.get_ref())
                .ok_or_else(|| {
                    at(
                        name.span(),
                        format!(
                            "unknown dataset {:?}; the datasets are: {}",
                            name.get_ref(),
                            dataset_list(schemas)
                        ),
                    )
                })?,
            None if schemas.len() == 1 => 0,
            None => {
                return Err(at(
                    decl.id.span(),
                    format!(
                        "table {id:?} must name its dataset (dataset = \"...\"): there are {} \
                         datasets: {}",
                        schemas.len(),
                        dataset_list(schemas)
                    ),
                ))
            }
        };
        let schema = &schemas[dataset];
        let cases = &datasets[dataset];

        let dims = decl.dimensions.get_ref();
        if let Err(rule) = check_dimension_count(dims.len()) {
            return Err(at(
                decl.dimensions.span(),
                format!("{rule}; table {id:?} has {}", dims.len()),
            ));
        }
        let mut dimensions = Vec::with_capacity(dims.len());
        for dim in dims {
            let index = resolve_column(schema, cases, dim.get_ref())
                .map_err(|message| at(dim.span(), message))?;
            if dimensions.contains(&index) {
                return Err(at(
                    dim.span(),
                    format!("dimension {:?} is listed twice", dim.get_ref()),
                ));
            }
            dimensions.push(index);
        }

        let mut filters = Vec::new();
        if let Some(filter) = &decl.filter {
            for (column_id, value) in &filter.get_ref().0 {
                let index = resolve_column(schema, cases, column_id.get_ref())
                    .map_err(|message| at(column_id.span(), message))?;
                if filters.iter().any(|f: &TableFilter| f.column == index) {
                    return Err(at(
                        column_id.span(),
                        format!("column {:?} is filtered twice", column_id.get_ref()),
                    ));
                }
                filters.push(resolve_filter(&cases.columns[index], index, value, &at)?);
            }
        }

        specs.push(TableSpec {
            id,
            title: decl.title,
            description: decl.description,
            dataset,
            dimensions,
            filters,
        });
    }
    Ok(specs)
}

fn dataset_list(schemas: &[DatasetSchema]) -> String {
    if schemas.is_empty() {
        "none (add data/<dataset>.toml beside its CSV)".to_string()
    } else {
        quoted_list(schemas.iter().map(|s| s.id.as_str()))
    }
}

/// The index of dimension column `id` in the dataset's [`CaseTable`], or why it cannot be used.
fn resolve_column(schema: &DatasetSchema, cases: &CaseTable, id: &str) -> Result<usize, String> {
    match schema.column(id) {
        Some(column) if column.role == Role::Drop => Err(format!(
            "column {id:?} of dataset {:?} is declared role = \"drop\" (an identifier that is never \
             read), so it cannot be tabulated",
            schema.id
        )),
        Some(_) => cases
            .column_index(id)
            .ok_or_else(|| format!("column {id:?} was not read")),
        None => Err(format!(
            "unknown column {id:?} in dataset {:?}; its dimension columns are: {}",
            schema.id,
            quoted_list(cases.columns.iter().map(|c| c.id.as_str()))
        )),
    }
}

/// `{ from = 2015, to = 2024 }` (year and integer columns) or a list of codes.
fn resolve_filter(
    column: &super::CaseColumn,
    index: usize,
    value: &Spanned<toml::Value>,
    at: &dyn Fn(Range<usize>, String) -> anyhow::Error,
) -> Result<TableFilter> {
    let span = value.span();
    let numeric = column.kind != ColumnKind::Category
        && column
            .categories
            .iter()
            .enumerate()
            .all(|(i, c)| Some(i as u32) == column.unknown || c.code.parse::<i64>().is_ok());
    match value.get_ref() {
        toml::Value::Table(range) => {
            if !numeric {
                return Err(at(
                    span,
                    format!(
                        "column {:?} has no numeric values to filter by range; list codes instead, \
                         e.g. {} = [{:?}]",
                        column.id,
                        column.id,
                        column.categories.first().map_or("", |c| c.code.as_str())
                    ),
                ));
            }
            let mut bounds = [None, None];
            for (key, bound) in range {
                let slot = match key.as_str() {
                    "from" => 0,
                    "to" => 1,
                    _ => {
                        return Err(at(
                            span,
                            format!("unknown key {key:?} in a range filter: use from and to"),
                        ))
                    }
                };
                bounds[slot] =
                    Some(bound.as_integer().ok_or_else(|| {
                        at(span.clone(), format!("{key} must be a whole number"))
                    })?);
            }
            let [from, to] = bounds;
            if from.is_none() && to.is_none() {
                return Err(at(
                    span,
                    "a range filter needs from, to or both".to_string(),
                ));
            }
            let allowed: Vec<bool> = column
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    Some(i as u32) != column.unknown
                        && c.code.parse::<i64>().is_ok_and(|n| {
                            from.map_or(true, |f| n >= f) && to.map_or(true, |t| n <= t)
                        })
                })
                .collect();
            if !allowed.contains(&true) {
                return Err(at(
                    span,
                    format!("this range matches no value of column {:?}", column.id),
                ));
            }
            let description = match (from, to) {
                (Some(f), Some(t)) => format!("{} {f}–{t}", column.label),
                (Some(f), None) => format!("{} from {f}", column.label),
                (None, Some(t)) => format!("{} up to {t}", column.label),
                (None, None) => unreachable!("checked above"),
            };
            Ok(TableFilter {
                column: index,
                allowed,
                description,
                selection: FilterSelection::Range { from, to },
            })
        }
        toml::Value::Array(items) => {
            if items.is_empty() {
                return Err(at(
                    span,
                    "a filter list needs at least one value".to_string(),
                ));
            }
            let mut allowed = vec![false; column.categories.len()];
            let mut values = Vec::new();
            for item in items {
                let code = match item {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Integer(n) => n.to_string(),
                    other => {
                        return Err(at(
                            span,
                            format!(
                                "filter values are codes (text or numbers), not {}",
                                other.type_str()
                            ),
                        ))
                    }
                };
                let Some(i) = column.categories.iter().position(|c| c.code == code) else {
                    return Err(at(
                        span,
                        format!(
                            "{code:?} is not a value of column {:?}; its values are: {}",
                            column.id,
                            quoted_list(column.categories.iter().map(|c| c.code.as_str()))
                        ),
                    ));
                };
                if !allowed[i] {
                    allowed[i] = true;
                    values.push(column.categories[i].clone());
                }
            }
            let labels: Vec<&str> = values.iter().map(|c| c.label.as_str()).collect();
            Ok(TableFilter {
                column: index,
                allowed,
                description: format!("{}: {}", column.label, labels.join(", ")),
                selection: FilterSelection::Values(values),
            })
        }
        other => Err(at(
            span,
            format!(
                "a filter is a range {{ from = …, to = … }} or a list of codes, not {}",
                other.type_str()
            ),
        )),
    }
}
