//! The researcher downloads under `public/data/`:
//!
//! ```text
//! data/datapackage.json   Frictionless Data Package (v2) describing every table's CSV
//! data/<table-id>.csv     one row per cell of the full grid, margins included
//! data/<table-id>.json    the same cells, with the table's dimensions, codes and labels
//! data/<table-id>.xlsx    the table as a spreadsheet, laid out as on its page, with notes
//! data/<dataset>-records.csv   a k-anonymous record-level release, when a dataset declares one
//! ```
//!
//! Resource paths in `datapackage.json` are relative to the package (`<table-id>.csv`), so the folder
//! can be downloaded and validated as it is.

use anyhow::{bail, Context, Result};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::format::Wording;
use super::spreadsheet::{sheet_names, table_xlsx, EditionDate};
use crate::config::{Config, ZeroPolicy};
use crate::privacy::records::{records_csv, RecordRelease};
use crate::privacy::{CellValue, ProtectedCell, ProtectedTable};

/// The folder of the downloads, relative to the site root.
pub const DATA_DIR: &str = "data";
/// The value a collapsed dimension holds in downloads.
pub const TOTAL_CODE: &str = "Total";
/// The value of the `flag` column for a suppressed cell.
const SUPPRESSED_FLAG: &str = "suppressed";
/// The end of the name of the column that holds a coded column's labels.
const LABEL_SUFFIX: &str = "_label";

const PACKAGE_PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";
const RESOURCE_PROFILE: &str = "https://datapackage.org/profiles/2.0/dataresource.json";
const SCHEMA_PROFILE: &str = "https://datapackage.org/profiles/2.0/tableschema.json";

/// One file to write, at `path` relative to the site root (e.g. `data/victims.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub path: String,
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Each record-level release's CSV: `data/<dataset>-records.csv`.
pub fn record_downloads(releases: &[RecordRelease]) -> Result<Vec<Download>> {
    releases
        .iter()
        .map(|release| {
            Ok(Download {
                path: format!("{DATA_DIR}/{}", release.file_name()),
                media_type: "text/csv",
                bytes: records_csv(release)?,
            })
        })
        .collect()
}

/// Every download of a build: each table's CSV, JSON and XLSX, each record-level release's
/// records CSV, then `data/datapackage.json` describing all of them. `edition` is the build's
/// date, written into the spreadsheets (see [`table_xlsx`]). The descriptions in
/// `datapackage.json` (and the spreadsheets' method note) are in `wording`'s language; the
/// numbers stay plain and machine-readable.
pub fn downloads(
    tables: &[ProtectedTable],
    releases: &[RecordRelease],
    config: &Config,
    edition: Option<EditionDate>,
    wording: &dyn Wording,
) -> Result<Vec<Download>> {
    let mut files = Vec::with_capacity(tables.len() * 3 + releases.len() + 1);
    let mut spreadsheets = Vec::with_capacity(tables.len());
    for table in tables {
        files.push(Download {
            path: format!("{DATA_DIR}/{}.csv", table.id),
            media_type: "text/csv",
            bytes: table_csv(table)?,
        });
        files.push(Download {
            path: format!("{DATA_DIR}/{}.json", table.id),
            media_type: "application/json",
            bytes: table_json(table)?,
        });
        let xlsx = table_xlsx(table, config, edition, wording)?;
        spreadsheets.push(xlsx_resource(table, &xlsx, wording));
        files.push(Download {
            path: format!("{DATA_DIR}/{}", xlsx_file(&table.id)),
            media_type: XLSX_MEDIA_TYPE,
            bytes: xlsx,
        });
    }
    let records = record_downloads(releases)?;
    let mut other_resources = Vec::with_capacity(releases.len() + spreadsheets.len());
    for (release, file) in releases.iter().zip(&records) {
        other_resources.push(records_resource(release, &file.bytes, wording));
    }
    other_resources.extend(spreadsheets);
    files.extend(records);
    files.push(Download {
        path: format!("{DATA_DIR}/datapackage.json"),
        media_type: "application/json",
        bytes: package_json(tables, other_resources, config, wording)?,
    });
    Ok(files)
}

/// The spreadsheet's file name: `<table-id>.xlsx`.
pub fn xlsx_file(table_id: &str) -> String {
    format!("{table_id}.xlsx")
}

/// A spreadsheet's resource in `datapackage.json`: a file resource (not a table: its sheet is laid
/// out for reading, with titles and notes), pointing at the CSV that holds the same cells.
fn xlsx_resource(table: &ProtectedTable, xlsx: &[u8], wording: &dyn Wording) -> Value {
    let sheets = sheet_names(wording);
    json!({
        "$schema": RESOURCE_PROFILE,
        "name": format!("{}-xlsx", table.id.to_lowercase()),
        "path": xlsx_file(&table.id),
        "type": "file",
        "title": wording.words("datapackage-xlsx-title", &[("title", &table.title)]),
        "description": wording.words(
            "datapackage-xlsx",
            &[("id", &table.id), ("table-sheet", &sheets.table), ("notes-sheet", &sheets.notes)]
        ),
        "format": "xlsx",
        "mediatype": XLSX_MEDIA_TYPE,
        "bytes": xlsx.len(),
        "hash": sha256_hash(xlsx),
    })
}

/// Checks that a table can be written unambiguously: a file-safe id, no dimension named like the
/// `count`/`flag` columns or like another dimension, and no category code equal to `Total`.
pub(super) fn check_table(table: &ProtectedTable) -> Result<()> {
    let id = &table.id;
    if id.is_empty()
        || id.starts_with('.')
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        bail!("table id `{id}` cannot name a download: use letters, digits, `-`, `_` and `.`");
    }
    for (i, dim) in table.dimensions.iter().enumerate() {
        if dim.id == "count" || dim.id == "flag" {
            bail!(
                "table `{id}`: dimension `{}` clashes with the `count`/`flag` columns of the download",
                dim.id
            );
        }
        if table.dimensions[..i].iter().any(|d| d.id == dim.id) {
            bail!("table `{id}`: dimension `{}` appears twice", dim.id);
        }
        if let Some(other) = table
            .dimensions
            .iter()
            .find(|d| label_column(&d.id) == dim.id)
        {
            bail!(
                "table `{id}`: dimension `{}` clashes with the column `{}` that holds the labels of dimension `{}`",
                dim.id,
                label_column(&other.id),
                other.id
            );
        }
        for (j, cat) in dim.categories.iter().enumerate() {
            if cat.code == TOTAL_CODE {
                bail!(
                    "table `{id}`: dimension `{}` has a category coded `{TOTAL_CODE}`, which downloads use for the total",
                    dim.id
                );
            }
            if dim.categories[..j].iter().any(|c| c.code == cat.code) {
                bail!(
                    "table `{id}`: dimension `{}` has the category code `{}` twice",
                    dim.id,
                    cat.code
                );
            }
        }
    }
    Ok(())
}

/// The code a cell holds in dimension `d`: the category's code, or `Total`.
fn key_code<'a>(table: &'a ProtectedTable, cell: &ProtectedCell, d: usize) -> &'a str {
    match cell.key[d] {
        Some(c) => &table.dimensions[d].categories[c].code,
        None => TOTAL_CODE,
    }
}

/// The label a cell holds in dimension `d`: the category's label, or `Total`.
fn key_label<'a>(table: &'a ProtectedTable, cell: &ProtectedCell, d: usize) -> &'a str {
    match cell.key[d] {
        Some(c) => &table.dimensions[d].categories[c].label,
        None => TOTAL_CODE,
    }
}

/// The name of the column beside a coded column that holds its labels: `<id>_label`.
pub fn label_column(dimension_id: &str) -> String {
    format!("{dimension_id}{LABEL_SUFFIX}")
}

/// `<table-id>.csv`: for each dimension its id (the code) and `<id>_label` (the label readers see
/// on the page), then `count`, then `flag`; one row per grid cell in the table's order (margins
/// included, a collapsed dimension holds `Total` in both columns). A suppressed cell has an empty
/// `count` and the flag `suppressed`; a published one a count and an empty flag.
pub fn table_csv(table: &ProtectedTable) -> Result<Vec<u8>> {
    check_table(table)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut header: Vec<String> = Vec::with_capacity(table.dimensions.len() * 2 + 2);
    for d in &table.dimensions {
        header.push(d.id.clone());
        header.push(label_column(&d.id));
    }
    header.extend(["count".to_string(), "flag".to_string()]);
    writer.write_record(&header)?;
    for cell in &table.cells {
        let mut record: Vec<String> = Vec::with_capacity(header.len());
        for d in 0..table.dimensions.len() {
            record.push(key_code(table, cell, d).to_string());
            record.push(key_label(table, cell, d).to_string());
        }
        match cell.value {
            CellValue::Published(n) => record.extend([n.to_string(), String::new()]),
            CellValue::Suppressed => record.extend([String::new(), SUPPRESSED_FLAG.to_string()]),
        }
        writer.write_record(&record)?;
    }
    writer
        .into_inner()
        .with_context(|| format!("cannot write the CSV of table `{}`", table.id))
}

/// One cell of the JSON download: dimension codes in the table's order, then `count` and `flag`.
struct JsonCell<'a> {
    table: &'a ProtectedTable,
    cell: &'a ProtectedCell,
}

impl Serialize for JsonCell<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let dims = &self.table.dimensions;
        let mut map = serializer.serialize_map(Some(dims.len() + 2))?;
        for (d, dim) in dims.iter().enumerate() {
            map.serialize_entry(&dim.id, key_code(self.table, self.cell, d))?;
        }
        match self.cell.value {
            CellValue::Published(n) => {
                map.serialize_entry("count", &n)?;
                map.serialize_entry("flag", &Value::Null)?;
            }
            CellValue::Suppressed => {
                map.serialize_entry("count", &Value::Null)?;
                map.serialize_entry("flag", SUPPRESSED_FLAG)?;
            }
        }
        map.end()
    }
}

#[derive(Serialize)]
struct JsonTable<'a> {
    id: &'a str,
    title: &'a str,
    description: &'a str,
    filter: &'a str,
    total_code: &'static str,
    dimensions: Vec<Value>,
    cells: Vec<JsonCell<'a>>,
}

/// `<table-id>.json`: the table's id, title, description, filter, its dimensions (codes and labels)
/// and the same cells as the CSV — `{"<dim>": "<code>|Total", …, "count": n|null, "flag": null|"suppressed"}`.
pub fn table_json(table: &ProtectedTable) -> Result<Vec<u8>> {
    check_table(table)?;
    let doc = JsonTable {
        id: &table.id,
        title: &table.title,
        description: &table.description,
        filter: &table.filter,
        total_code: TOTAL_CODE,
        dimensions: table
            .dimensions
            .iter()
            .map(|d| {
                json!({
                    "id": d.id,
                    "label": d.label,
                    "kind": d.kind,
                    "categories": d.categories.iter()
                        .map(|c| json!({"code": c.code, "label": c.label}))
                        .collect::<Vec<_>>(),
                })
            })
            .collect(),
        cells: table
            .cells
            .iter()
            .map(|cell| JsonCell { table, cell })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&doc)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The lowercase hex sha256 of `bytes`, as `sha256:<hex>` (the Data Package `hash` form).
pub(crate) fn sha256_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::from("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The media type of an XLSX file.
pub const XLSX_MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A licence object for the Data Package: the id as `name`, and the licence's URL when known.
pub(super) fn licence(id: &str) -> Value {
    let known = [
        (
            "CC-BY-4.0",
            "https://creativecommons.org/licenses/by/4.0/",
            "Creative Commons Attribution 4.0",
        ),
        (
            "CC-BY-SA-4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "Creative Commons Attribution-ShareAlike 4.0",
        ),
        (
            "CC0-1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "CC0 1.0 Universal",
        ),
        (
            "ODC-BY-1.0",
            "https://opendatacommons.org/licenses/by/1-0/",
            "Open Data Commons Attribution License 1.0",
        ),
        (
            "PDDL-1.0",
            "https://opendatacommons.org/licenses/pddl/1-0/",
            "Open Data Commons Public Domain Dedication and License 1.0",
        ),
    ];
    match known.iter().find(|(k, _, _)| k.eq_ignore_ascii_case(id)) {
        Some((name, path, title)) => json!({"name": name, "path": path, "title": title}),
        None => json!({"name": id}),
    }
}

/// A Data Package name: lowercase letters, digits and `-`.
fn package_name(title: &str) -> String {
    let mut name = String::new();
    for ch in title.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            name.push(ch);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "statistics".to_string()
    } else {
        name.to_string()
    }
}

/// Where the method is described: the marker of a suppressed cell and of a total differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Medium {
    /// The CSV and JSON downloads (`datapackage.json`): codes, `count` and `flag`.
    Csv,
    /// The spreadsheet: labels, and the suppressed words in the cell.
    Spreadsheet,
}

/// The plain-language description of the method in `wording`'s language, shared by the package
/// and the spreadsheets.
pub(super) fn method_description(config: &Config, medium: Medium, wording: &dyn Wording) -> String {
    let p = &config.privacy;
    let k = p.k.to_string();
    let below = p.k.saturating_sub(1).to_string();
    let zeros = match p.zeros {
        ZeroPolicy::Publish => "datapackage-zeros-published",
        ZeroPolicy::Suppress => "datapackage-zeros-suppressed",
    };
    let marker = match medium {
        Medium::Csv => wording.words(
            "datapackage-marker-csv",
            &[("flag", SUPPRESSED_FLAG), ("total", TOTAL_CODE)],
        ),
        Medium::Spreadsheet => wording.words(
            "datapackage-marker-spreadsheet",
            &[
                ("suppressed", &p.suppressed_text),
                ("total", &wording.words("table-total", &[])),
            ],
        ),
    };
    let mut description = [
        wording.words("datapackage-method", &[("k", &k), ("below", &below)]),
        wording.words(zeros, &[]),
        marker,
        wording.words(
            "datapackage-pooling",
            &[("other", &p.other_label), ("unknown", &p.unknown_label)],
        ),
    ]
    .join(" ");
    if let Some(date) = &p.data_date {
        description.push(' ');
        description.push_str(&wording.words("datapackage-data-as-of", &[("date", date)]));
    }
    description
}

fn resource(table: &ProtectedTable, csv: &[u8], config: &Config, wording: &dyn Wording) -> Value {
    let mut fields: Vec<Value> = table
        .dimensions
        .iter()
        .flat_map(|d| {
            let mut categories: Vec<Value> = d
                .categories
                .iter()
                .map(|c| json!({"value": c.code, "label": c.label}))
                .collect();
            categories.push(json!({"value": TOTAL_CODE, "label": TOTAL_CODE}));
            let mut allowed: Vec<&str> = d.categories.iter().map(|c| c.code.as_str()).collect();
            allowed.push(TOTAL_CODE);
            [
                json!({
                    "name": d.id,
                    "title": d.label,
                    "description": wording.words(
                        "datapackage-dimension",
                        &[
                            ("label", &d.label),
                            ("kind", &d.kind),
                            ("column", &label_column(&d.id)),
                            ("total", TOTAL_CODE),
                        ],
                    ),
                    "type": "string",
                    "categories": categories,
                    "constraints": {"required": true, "enum": allowed},
                    "missingValues": [],
                }),
                json!({
                    "name": label_column(&d.id),
                    "title": wording.words("datapackage-label-title", &[("label", &d.label)]),
                    "description": wording.words(
                        "datapackage-label",
                        &[("id", &d.id), ("total", TOTAL_CODE)],
                    ),
                    "type": "string",
                    "constraints": {"required": true},
                    "missingValues": [],
                }),
            ]
        })
        .collect();
    fields.push(json!({
        "name": "count",
        "title": wording.words("datapackage-count-title", &[]),
        "description": wording.words("datapackage-count", &[("k", &config.privacy.k.to_string())]),
        "type": "integer",
        "constraints": {"minimum": 0},
        "missingValues": [{"value": "", "label": SUPPRESSED_FLAG}],
    }));
    fields.push(json!({
        "name": "flag",
        "title": wording.words("datapackage-flag-title", &[]),
        "description": wording.words(
            "datapackage-flag",
            &[("flag", SUPPRESSED_FLAG), ("suppressed", &config.privacy.suppressed_text)],
        ),
        "type": "string",
        "categories": [{"value": SUPPRESSED_FLAG, "label": config.privacy.suppressed_text}],
        "constraints": {"enum": [SUPPRESSED_FLAG]},
        "missingValues": [""],
    }));
    let primary_key: Vec<&str> = table.dimensions.iter().map(|d| d.id.as_str()).collect();
    let mut schema = json!({
        "$schema": SCHEMA_PROFILE,
        "fields": fields,
    });
    if !primary_key.is_empty() {
        schema["primaryKey"] = json!(primary_key);
    }
    let mut description = table.description.clone();
    if !table.filter.is_empty() {
        if !description.is_empty() {
            description.push(' ');
        }
        description.push_str(&wording.words("datapackage-filter", &[("filter", &table.filter)]));
    }
    if !table.dimensions.is_empty() {
        if !description.is_empty() {
            description.push(' ');
        }
        description.push_str(&wording.words("datapackage-rows", &[("total", TOTAL_CODE)]));
    }
    json!({
        "$schema": RESOURCE_PROFILE,
        "name": table.id.to_lowercase(),
        "path": format!("{}.csv", table.id),
        "type": "table",
        "title": table.title,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": csv.len(),
        "hash": sha256_hash(csv),
        "schema": schema,
    })
}

/// `data/datapackage.json`: a Frictionless Data Package (v2) describing every table's CSV, with
/// field types, category labels, the suppressed marker as a labelled missing value, each file's
/// sha256, the data licence and the method, every record-level release's file, and every table's
/// spreadsheet (written for `edition`, as [`downloads`] writes it), described in `wording`'s
/// language.
pub fn datapackage_json(
    tables: &[ProtectedTable],
    releases: &[RecordRelease],
    config: &Config,
    edition: Option<EditionDate>,
    wording: &dyn Wording,
) -> Result<Vec<u8>> {
    let mut resources = releases
        .iter()
        .map(|r| Ok(records_resource(r, &records_csv(r)?, wording)))
        .collect::<Result<Vec<_>>>()?;
    for table in tables {
        let xlsx = table_xlsx(table, config, edition, wording)?;
        resources.push(xlsx_resource(table, &xlsx, wording));
    }
    package_json(tables, resources, config, wording)
}

/// A release's resource: its own description and schema (from `privacy`), with the profile,
/// size and hash of the bytes written.
fn records_resource(release: &RecordRelease, csv: &[u8], wording: &dyn Wording) -> Value {
    let mut resource = super::records::records_resource(release, &release.file_name(), wording);
    resource["$schema"] = json!(RESOURCE_PROFILE);
    resource["type"] = json!("table");
    resource["bytes"] = json!(csv.len());
    resource["hash"] = json!(sha256_hash(csv));
    resource["schema"]["$schema"] = json!(SCHEMA_PROFILE);
    resource
}

/// The package in `wording`'s language: its title is the site's in that language
/// ([`Config::title_in`]), every description is in that language, and `languages` names it (the
/// Frictionless "language support" pattern; each language has a package of its own, so every
/// title and description stays a plain string, as the Data Package profile requires). Its `name`
/// is the package's identifier, the same in every language: made from the default language's
/// title.
fn package_json(
    tables: &[ProtectedTable],
    other_resources: Vec<Value>,
    config: &Config,
    wording: &dyn Wording,
) -> Result<Vec<u8>> {
    let mut resources = Vec::with_capacity(tables.len() + other_resources.len());
    for (i, table) in tables.iter().enumerate() {
        if tables[..i]
            .iter()
            .any(|t| t.id.eq_ignore_ascii_case(&table.id))
        {
            bail!("two tables share the id `{}`", table.id);
        }
        resources.push(resource(table, &table_csv(table)?, config, wording));
    }
    for other in other_resources {
        let name = other["name"].as_str().unwrap_or_default().to_string();
        if resources
            .iter()
            .any(|r| r["name"].as_str() == Some(name.as_str()))
        {
            let what = if other["format"] == "xlsx" {
                "a table's spreadsheet"
            } else {
                "a record release"
            };
            bail!("a table and {what} share the name `{name}`: rename the table");
        }
        resources.push(other);
    }
    let title = match config.title_in(wording.language()) {
        "" => "Statistics",
        title => title,
    };
    let mut package = json!({
        "$schema": PACKAGE_PROFILE,
        "name": package_name(&config.title),
        "title": title,
        "description": method_description(config, Medium::Csv, wording),
        "languages": [wording.language()],
        "licenses": [licence(&config.data_licence)],
        "resources": resources,
    });
    if !config.organisation.is_empty() {
        package["contributors"] = json!([{"title": config.organisation, "roles": ["publisher"]}]);
    }
    if !config.base_url.is_empty() {
        package["homepage"] = json!(config.base_url_slash());
    }
    let mut bytes = serde_json::to_vec_pretty(&package)?;
    bytes.push(b'\n');
    Ok(bytes)
}
