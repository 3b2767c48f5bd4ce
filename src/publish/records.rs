//! The record-level release's entry in `datapackage.json`: its fields (types, categories) and
//! every description in the package's language (`records-*` messages), with the column labels
//! the release carries (the default language's: the records are published once, in the default
//! language's package). How a quasi-identifier was generalised is worded here too, for the
//! package and the methodology page alike.
//!
//! Never does: read case data. A [`RecordRelease`] is already k-anonymous.

use serde_json::{json, Value};

use super::format::Wording;
use crate::data::ColumnKind;
use crate::privacy::records::{ColumnRole, RecordRelease, ReleasedColumn};

/// The release's resource for `datapackage.json`, with the file at `path` (relative to the
/// package), described in `wording`'s language. Blank is declared as the missing value.
pub fn records_resource(release: &RecordRelease, path: &str, wording: &dyn Wording) -> Value {
    let separator = wording.words("list-separator", &[]);
    let fields: Vec<Value> = release
        .columns
        .iter()
        .map(|c| {
            let mut field = json!({
                "name": c.id,
                "title": c.label,
                "description": field_description(release, c, wording),
            });
            match c.kind {
                ColumnKind::Year => field["type"] = "year".into(),
                ColumnKind::Integer => field["type"] = "integer".into(),
                ColumnKind::Category => {
                    field["type"] = "string".into();
                    let codes: Vec<&str> = c.categories.iter().map(|c| c.code.as_str()).collect();
                    field["categories"] = c
                        .categories
                        .iter()
                        .map(|c| json!({ "value": c.code, "label": c.label }))
                        .collect();
                    field["constraints"] = json!({ "enum": codes });
                }
            }
            field
        })
        .collect();
    let quasi: Vec<&str> = release
        .columns
        .iter()
        .filter(|c| matches!(c.role, ColumnRole::QuasiIdentifier { .. }))
        .map(|c| c.id.as_str())
        .collect();
    let quasi = quasi.join(&separator);
    let k = release.report.k.to_string();
    let description = match (release.report.l, release.sensitive_column()) {
        (Some(l), Some(sensitive)) => wording.words(
            "records-description-l-diverse",
            &[
                ("quasi", &quasi),
                ("k", &k),
                ("l", &l.to_string()),
                ("sensitive", &sensitive.id),
            ],
        ),
        _ => wording.words("records-description", &[("quasi", &quasi), ("k", &k)]),
    };
    json!({
        "name": format!("{}-records", release.dataset),
        "path": path,
        "title": wording.words("records-title", &[("title", &release.title)]),
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": { "fields": fields, "missingValues": [""] },
    })
}

/// A field's description: its role in the protection and what a blank is.
fn field_description(
    release: &RecordRelease,
    column: &ReleasedColumn,
    wording: &dyn Wording,
) -> String {
    let label = column.label.as_str();
    match (column.role, release.report.l) {
        (ColumnRole::QuasiIdentifier { .. }, _) => wording.words(
            "records-field-quasi",
            &[
                ("label", label),
                ("generalisation", &generalisation(release, column, wording)),
            ],
        ),
        (ColumnRole::Sensitive, Some(l)) => wording.words(
            "records-field-sensitive-l-diverse",
            &[("label", label), ("l", &l.to_string())],
        ),
        (ColumnRole::Sensitive, None) => {
            wording.words("records-field-sensitive", &[("label", label)])
        }
        (ColumnRole::Other, _) => wording.words("records-field-other", &[("label", label)]),
    }
}

/// How a quasi-identifier was released, in `wording`'s language: as recorded, or generalised (to
/// the level's name, unless it is only a number) with its categories when there are few.
pub(super) fn generalisation(
    release: &RecordRelease,
    column: &ReleasedColumn,
    wording: &dyn Wording,
) -> String {
    let level = release
        .report
        .generalisation
        .iter()
        .find(|g| g.column == column.id);
    let Some(g) = level.filter(|g| g.level > 0) else {
        return wording.words("records-as-recorded", &[]);
    };
    let labels: Vec<&str> = column.categories.iter().map(|c| c.label.as_str()).collect();
    let count = labels.len().to_string();
    let categories = labels.join(&wording.words("list-separator", &[]));
    // An explicit level is named by its number only: its categories say more.
    let named = !g.name.starts_with("level ");
    match (named, labels.len() <= 6) {
        (true, true) => wording.words(
            "records-generalised-to",
            &[("level", &g.name), ("categories", &categories)],
        ),
        (true, false) => wording.words(
            "records-generalised-to-count",
            &[("level", &g.name), ("count", &count)],
        ),
        (false, true) => wording.words("records-generalised", &[("categories", &categories)]),
        (false, false) => wording.words("records-generalised-count", &[("count", &count)]),
    }
}
