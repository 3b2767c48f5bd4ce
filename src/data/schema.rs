//! Dataset schemas: `data/<dataset>.toml`, read and checked into a [`DatasetSchema`].
//!
//! A schema says how to read one CSV (delimiter, quoting, missing-value tokens) and declares the
//! columns to use: each column's source header, kind, role, label, domain and recoding. Columns of
//! the CSV that the schema does not declare are never looked at. The format is documented in
//! `docs/data.md`; every mistake in a schema is an error naming `file:line:column`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;
use toml::Spanned;

use super::labels::{written, WrittenLabels};
use super::pairs::Pairs;
use super::ReleaseSpec;
use super::{Category, ColumnKind};
use crate::diagnostic::{shorten, source_text, toml_error, LocatedError, Position};

/// The code of the category that missing values are counted in. No declared value may use it.
pub const UNKNOWN_CODE: &str = "unknown";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaFile {
    #[serde(default)]
    dataset: DatasetDecl,
    #[serde(default, rename = "column")]
    columns: Vec<ColumnDecl>,
    /// `[release]`: a k-anonymous record-level download, checked against the data by `privacy`.
    release: Option<Spanned<ReleaseSpec>>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DatasetDecl {
    title: Option<String>,
    file: Option<Spanned<String>>,
    delimiter: Option<Spanned<String>>,
    quoting: Option<bool>,
    missing: Option<Vec<String>>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
enum KindDecl {
    #[default]
    Category,
    Year,
    Integer,
}

/// Whether a column may be tabulated.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Role {
    /// May be used as a table dimension; read into the [`CaseTable`](super::CaseTable).
    #[default]
    Dimension,
    /// A direct identifier or other column that must never be tabulated: its header must exist,
    /// its values are never read.
    Drop,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnDecl {
    id: Spanned<String>,
    header: Option<String>,
    #[serde(default)]
    kind: KindDecl,
    #[serde(default)]
    role: Role,
    label: Option<String>,
    /// The column's label in the site's other languages: `labels = { ar = "…", fr = "…" }`.
    #[serde(default)]
    labels: BTreeMap<Spanned<String>, String>,
    values: Option<Spanned<Pairs<String, ValueDecl>>>,
    recode: Option<Spanned<Pairs<String, Spanned<String>>>>,
    missing: Option<Vec<String>>,
    pool_rare: Option<bool>,
    from: Option<Spanned<i64>>,
    to: Option<Spanned<i64>>,
    bands: Option<Spanned<Vec<i64>>>,
}

/// One entry of `[column.values]`: a label (`F = "Female"`), or a label with its translations
/// (`F = { label = "Female", labels = { ar = "أنثى", fr = "Femme" } }`). Deserialized by hand,
/// not as an untagged enum, so that the translations keep where their language codes are.
enum ValueDecl {
    Label(String),
    Translated(TranslatedValue),
}

impl<'de> Deserialize<'de> for ValueDecl {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ValueDecl;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a label, or { label = \"…\", labels = { <language> = \"…\" } }")
            }
            fn visit_str<E: serde::de::Error>(self, label: &str) -> Result<ValueDecl, E> {
                Ok(ValueDecl::Label(label.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ValueDecl, A::Error> {
                let deserializer = serde::de::value::MapAccessDeserializer::new(map);
                TranslatedValue::deserialize(deserializer).map(ValueDecl::Translated)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedValue {
    label: String,
    #[serde(default)]
    labels: BTreeMap<Spanned<String>, String>,
}

/// The set of values a column accepts, and so its categories.
#[derive(Debug, Clone)]
pub(crate) enum Domain {
    /// `category` with `[column.values]`: exactly these codes, in this order; anything else is an error.
    Closed(Vec<Category>),
    /// `category` without `values`: the values found, sorted; checked by the identifier guard.
    Open,
    /// `year`: whole numbers 1000–9999. With a range, every year of it is a category (a year
    /// without cases is a true zero); without one, the years found, ascending.
    Years { range: Option<(i64, i64)> },
    /// `integer`: whole numbers, optionally limited to a range; with `bands` (ascending lower
    /// bounds) the categories are the bands, otherwise the values found, ascending.
    Integers {
        range: Option<(i64, i64)>,
        bands: Option<Vec<i64>>,
    },
}

/// One declared column, checked.
#[derive(Debug, Clone)]
pub(crate) struct ColumnSchema {
    pub id: String,
    /// Where the column's `id` is written in the schema, for messages about the column.
    pub position: Position,
    pub header: String,
    pub kind: ColumnKind,
    pub role: Role,
    pub label: String,
    pub domain: Domain,
    /// Source value → value (a declared code, a number, or a missing-value token).
    pub recode: Vec<(String, String)>,
    /// Tokens that mean "missing" in this column.
    pub missing: Vec<String>,
    pub pool_rare: bool,
    /// The column's label in other languages, by language code.
    pub labels: WrittenLabels,
    /// Each declared value's label in other languages: code → language → label.
    pub value_labels: BTreeMap<String, WrittenLabels>,
}

/// One dataset's schema, checked.
#[derive(Debug, Clone)]
pub(crate) struct DatasetSchema {
    pub id: String,
    pub title: String,
    pub schema_path: PathBuf,
    pub csv_path: PathBuf,
    /// Where the schema names the CSV (`file = ...`), or its start when it takes the default.
    pub csv_position: Position,
    pub delimiter: u8,
    pub quoting: bool,
    pub columns: Vec<ColumnSchema>,
    /// The `[release]` table as written, and where it starts in the schema.
    pub release: Option<(ReleaseSpec, Position)>,
}

impl DatasetSchema {
    pub fn column(&self, id: &str) -> Option<&ColumnSchema> {
        self.columns.iter().find(|c| c.id == id)
    }
}

/// Every `*.toml` in `data_dir` except `tables.toml`, in file-name order.
pub(crate) fn discover(data_dir: &Path) -> Result<Vec<DatasetSchema>> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(data_dir)
        .with_context(|| format!("cannot read the folder {}", data_dir.display()))?
    {
        let path = entry
            .with_context(|| format!("cannot read the folder {}", data_dir.display()))?
            .path();
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        let is_tables = path.file_name().is_some_and(|n| n == "tables.toml");
        if is_toml && !is_tables && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            parse(path, &source_text(path, bytes)?)
        })
        .collect()
}

/// Parses and checks the schema text read from `path` (`data/<dataset>.toml`).
pub(crate) fn parse(path: &Path, text: &str) -> Result<DatasetSchema> {
    let file: SchemaFile =
        toml::from_str(text).map_err(|e| anyhow::Error::new(toml_error(path, text, &e)))?;
    let at = |span: std::ops::Range<usize>, message: String| -> anyhow::Error {
        anyhow::Error::new(LocatedError::new(
            path,
            Some(Position::of_offset(text, span.start)),
            message,
        ))
    };

    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_identifier(&id) {
        return Err(anyhow::Error::new(LocatedError::new(
            path,
            None,
            format!("dataset id {id:?} (the file name) may only use letters, digits, '_' and '-'"),
        )));
    }
    let dataset = file.dataset;
    let csv_name = match &dataset.file {
        Some(f) if f.get_ref().is_empty() => {
            return Err(at(f.span(), "file must name a CSV file".into()))
        }
        Some(f) => match inside_data(f.get_ref()) {
            Some(relative) => relative,
            None => {
                let message = format!(
                    "file = {:?} must be a path inside data/, relative to it (like \"cases.csv\" \
                     or \"2025/cases.csv\"), without `..`",
                    shorten(f.get_ref(), 60)
                );
                return Err(at(f.span(), message));
            }
        },
        None => PathBuf::from(format!("{id}.csv")),
    };
    let delimiter = match &dataset.delimiter {
        None => b',',
        Some(d) => match d.get_ref().as_bytes() {
            [b] if b.is_ascii() && !matches!(b, b'"' | b'\n' | b'\r') => *b,
            _ => {
                return Err(at(
                    d.span(),
                    format!(
                    "delimiter {:?} must be one ASCII character such as \",\", \";\" or \"\\t\"",
                    d.get_ref()
                ),
                ))
            }
        },
    };
    let dataset_missing = dataset.missing.unwrap_or_else(|| vec![String::new()]);

    if file.columns.is_empty() {
        // Where a first [[column]] would go: the end of the text.
        return Err(anyhow::Error::new(LocatedError::new(
            path,
            Some(Position::of_offset(text, text.trim_end().len())),
            "the schema declares no columns: add at least one [[column]]",
        )));
    }
    let mut columns: Vec<ColumnSchema> = Vec::with_capacity(file.columns.len());
    let mut seen_ids: HashMap<String, Position> = HashMap::new();
    let mut seen_headers: HashMap<String, String> = HashMap::new();
    for decl in file.columns {
        let id_span = decl.id.span();
        let column_id = decl.id.get_ref().clone();
        let position = Position::of_offset(text, id_span.start);
        if !is_identifier(&column_id) {
            return Err(at(
                id_span,
                format!("column id {column_id:?} may only use letters, digits, '_' and '-'"),
            ));
        }
        if let Some(first) = seen_ids.insert(column_id.clone(), position) {
            return Err(at(
                id_span,
                format!(
                    "column id {column_id:?} is declared twice (first at line {})",
                    first.line
                ),
            ));
        }
        let header = decl.header.unwrap_or_else(|| column_id.clone());
        if let Some(other) = seen_headers.insert(header.clone(), column_id.clone()) {
            return Err(at(
                id_span,
                format!("columns {other:?} and {column_id:?} both read the header {header:?}"),
            ));
        }
        let kind = match decl.kind {
            KindDecl::Category => ColumnKind::Category,
            KindDecl::Year => ColumnKind::Year,
            KindDecl::Integer => ColumnKind::Integer,
        };
        let missing = decl.missing.unwrap_or_else(|| dataset_missing.clone());

        let range = match (&decl.from, &decl.to) {
            (Some(from), Some(to)) if from.get_ref() > to.get_ref() => {
                return Err(at(
                    to.span(),
                    format!("to = {} is below from = {}", to.get_ref(), from.get_ref()),
                ))
            }
            (Some(from), Some(to)) => Some((*from.get_ref(), *to.get_ref())),
            (Some(only), None) | (None, Some(only)) => {
                return Err(at(
                    only.span(),
                    "give both from and to (a range needs both ends)".into(),
                ))
            }
            (None, None) => None,
        };
        if kind == ColumnKind::Category {
            if let Some(r) = decl.from.as_ref().or(decl.to.as_ref()) {
                return Err(at(
                    r.span(),
                    "from/to are for year and integer columns; a category column lists its values"
                        .into(),
                ));
            }
        }
        if kind != ColumnKind::Category {
            if let Some(v) = &decl.values {
                return Err(at(
                    v.span(),
                    format!(
                        "values are for category columns; a {} column takes from/to{}",
                        kind_name(kind),
                        if kind == ColumnKind::Integer {
                            " and bands"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        }
        if kind != ColumnKind::Integer {
            if let Some(b) = &decl.bands {
                return Err(at(b.span(), "bands are for integer columns".into()));
            }
        }
        if kind == ColumnKind::Year {
            if let Some((from, to)) = range {
                if from < 1000 || to > 9999 {
                    let span = decl
                        .from
                        .as_ref()
                        .map(|s| s.span())
                        .unwrap_or(id_span.clone());
                    return Err(at(span, "a year range must lie within 1000 to 9999".into()));
                }
            }
        }

        let mut value_labels = BTreeMap::new();
        let domain = match kind {
            ColumnKind::Category => match &decl.values {
                None => Domain::Open,
                Some(values) => {
                    let mut categories: Vec<Category> = Vec::new();
                    for (code, value) in &values.get_ref().0 {
                        let label = match value {
                            ValueDecl::Label(label) => label,
                            ValueDecl::Translated(t) => {
                                value_labels.insert(code.clone(), written(&t.labels, text));
                                &t.label
                            }
                        };
                        if code == UNKNOWN_CODE {
                            return Err(at(
                                values.span(),
                                format!(
                                    "the value code {UNKNOWN_CODE:?} is reserved for missing values; \
                                     list the source's token in missing instead"
                                ),
                            ));
                        }
                        if missing.contains(code) {
                            return Err(at(
                                values.span(),
                                format!(
                                    "{code:?} is both a value and a missing-value token of column \
                                     {column_id:?}; set this column's own missing = [...] without it"
                                ),
                            ));
                        }
                        categories.push(Category {
                            code: code.clone(),
                            label: label.clone(),
                        });
                    }
                    if categories.is_empty() {
                        return Err(at(
                            values.span(),
                            "values is empty: list at least one value".into(),
                        ));
                    }
                    Domain::Closed(categories)
                }
            },
            ColumnKind::Year => Domain::Years { range },
            ColumnKind::Integer => {
                let bands = match &decl.bands {
                    None => None,
                    Some(b) => {
                        let bounds = b.get_ref();
                        if bounds.is_empty() || bounds.windows(2).any(|w| w[0] >= w[1]) {
                            return Err(at(
                                b.span(),
                                "bands must be a non-empty list of strictly ascending lower bounds, \
                                 e.g. [0, 18, 25]"
                                    .into(),
                            ));
                        }
                        Some(bounds.clone())
                    }
                };
                Domain::Integers { range, bands }
            }
        };

        let mut recode = Vec::new();
        if let Some(pairs) = &decl.recode {
            for (from, to) in &pairs.get_ref().0 {
                let target = to.get_ref();
                if missing.contains(from) {
                    return Err(at(
                        to.span(),
                        format!(
                            "{from:?} is a missing-value token of column {column_id:?}, so it cannot \
                             be recoded; set this column's own missing = [...] without it"
                        ),
                    ));
                }
                if let Domain::Closed(categories) = &domain {
                    if categories.iter().any(|c| &c.code == from) {
                        return Err(at(
                            to.span(),
                            format!("{from:?} is a declared value, so it cannot be recoded"),
                        ));
                    }
                    let known = categories.iter().any(|c| &c.code == target);
                    if !known && !missing.contains(target) {
                        return Err(at(
                            to.span(),
                            format!(
                                "recode target {target:?} is not a declared value of column \
                                 {column_id:?} nor a missing-value token; allowed: {}",
                                quoted_list(categories.iter().map(|c| c.code.as_str()))
                            ),
                        ));
                    }
                }
                recode.push((from.clone(), target.clone()));
            }
        }

        let label = decl.label.unwrap_or_else(|| column_id.clone());
        columns.push(ColumnSchema {
            id: column_id,
            position,
            header,
            kind,
            role: decl.role,
            label,
            domain,
            recode,
            missing,
            pool_rare: decl.pool_rare.unwrap_or(true),
            labels: written(&decl.labels, text),
            value_labels,
        });
    }

    let csv_path = path.parent().unwrap_or(Path::new("")).join(csv_name);
    let csv_position = dataset
        .file
        .as_ref()
        .map_or(Position { line: 1, column: 1 }, |f| {
            Position::of_offset(text, f.span().start)
        });
    Ok(DatasetSchema {
        title: dataset.title.unwrap_or_else(|| id.clone()),
        id,
        schema_path: path.to_path_buf(),
        csv_path,
        csv_position,
        delimiter,
        quoting: dataset.quoting.unwrap_or(true),
        columns,
        release: file.release.map(|r| {
            let position = Position::of_offset(text, r.span().start);
            (r.into_inner(), position)
        }),
    })
}

/// The `file` of a dataset as a path under `data/`, or `None` if it could lead outside it (an
/// absolute path, a drive or `..`). Only the path is checked: a symbolic link under `data/` is the
/// site's own choice (a CSV kept on an encrypted volume).
fn inside_data(file: &str) -> Option<PathBuf> {
    let mut relative = PathBuf::new();
    for component in Path::new(file).components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!relative.as_os_str().is_empty()).then_some(relative)
}

/// Letters, digits, `_` and `-`, starting with a letter or digit: safe in file names and URLs.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

pub(crate) fn kind_name(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Category => "category",
        ColumnKind::Year => "year",
        ColumnKind::Integer => "integer",
    }
}

/// `"a", "b", "c"` — at most 40 items, then how many more.
pub(crate) fn quoted_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    const SHOWN: usize = 40;
    let items: Vec<&str> = items.collect();
    let mut out = items
        .iter()
        .take(SHOWN)
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        out.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    out
}
