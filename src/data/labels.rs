//! The labels of columns, categories and tables in the site's other languages, from the dataset
//! schemas (`labels = { ar = "…" }` on a column, `F = { label = "Female", labels = { … } }` in
//! `[column.values]`) and `tables.toml` (`titles`, `descriptions`). A code keeps one meaning in
//! every language; only its label is translated.
//!
//! Never does: read case data (only the schemas and `tables.toml`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{bail, Result};

use super::{schema, tables};

/// Language code → label.
pub type ByLanguage = BTreeMap<String, String>;

/// Every translated label of `data/`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelTranslations {
    /// (dataset id, column id) → the column's label by language.
    pub columns: BTreeMap<(String, String), ByLanguage>,
    /// (dataset id, column id, category code) → the category's label by language.
    pub categories: BTreeMap<(String, String, String), ByLanguage>,
    /// Table id → title by language.
    pub titles: BTreeMap<String, ByLanguage>,
    /// Table id → description by language.
    pub descriptions: BTreeMap<String, ByLanguage>,
}

/// Reads the translated labels of `data_dir`; a label in a language the site does not have
/// (`languages`: the codes of its other languages) is an error naming the file and the place.
pub fn load(data_dir: &Path, languages: &BTreeSet<&str>) -> Result<LabelTranslations> {
    let mut labels = LabelTranslations::default();
    if !data_dir.is_dir() {
        return Ok(labels);
    }
    let check = |file: &Path, place: &str, by: &ByLanguage| -> Result<()> {
        if let Some(code) = by.keys().find(|c| !languages.contains(c.as_str())) {
            bail!(
                "{}: {place}: a label in language `{code}`, which config.toml does not declare (add [languages.{code}])",
                file.display()
            );
        }
        Ok(())
    };
    for dataset in schema::discover(data_dir)? {
        for column in &dataset.columns {
            let key = (dataset.id.clone(), column.id.clone());
            if !column.labels.is_empty() {
                check(
                    &dataset.schema_path,
                    &format!("column {:?}", column.id),
                    &column.labels,
                )?;
                labels.columns.insert(key.clone(), column.labels.clone());
            }
            for (code, by) in &column.value_labels {
                check(
                    &dataset.schema_path,
                    &format!("column {:?}, value {code:?}", column.id),
                    by,
                )?;
                labels
                    .categories
                    .insert((key.0.clone(), key.1.clone(), code.clone()), by.clone());
            }
        }
    }
    let tables_file = data_dir.join("tables.toml");
    for (id, (titles, descriptions)) in tables::translations(&tables_file)? {
        check(&tables_file, &format!("table {id:?} titles"), &titles)?;
        check(
            &tables_file,
            &format!("table {id:?} descriptions"),
            &descriptions,
        )?;
        if !titles.is_empty() {
            labels.titles.insert(id.clone(), titles);
        }
        if !descriptions.is_empty() {
            labels.descriptions.insert(id, descriptions);
        }
    }
    Ok(labels)
}
