//! The labels of columns, categories and tables in the site's other languages, from the dataset
//! schemas (`labels = { ar = "…" }` on a column, `F = { label = "Female", labels = { … } }` in
//! `[column.values]`) and `tables.toml` (`titles`, `descriptions`). A code keeps one meaning in
//! every language; only its label is translated.
//!
//! Never does: read case data (only the schemas and `tables.toml`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::Result;
use toml::Spanned;

use super::{schema, tables};
use crate::diagnostic::{LocatedError, Position};

/// Language code → label.
pub type ByLanguage = BTreeMap<String, String>;

/// Labels as written in a file: language code → (label, where the code is written).
pub(crate) type WrittenLabels = BTreeMap<String, (String, Position)>;

/// The labels of a `labels = { … }` table read from `text`, each with where its language code is.
pub(crate) fn written(labels: &BTreeMap<Spanned<String>, String>, text: &str) -> WrittenLabels {
    labels
        .iter()
        .map(|(code, label)| {
            let at = Position::of_offset(text, code.span().start);
            (code.get_ref().clone(), (label.clone(), at))
        })
        .collect()
}

fn by_language(labels: &WrittenLabels) -> ByLanguage {
    labels
        .iter()
        .map(|(code, (label, _))| (code.clone(), label.clone()))
        .collect()
}

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
/// (`languages`: the codes of its other languages) is an error naming the file, line and column.
pub fn load(data_dir: &Path, languages: &BTreeSet<&str>) -> Result<LabelTranslations> {
    let mut labels = LabelTranslations::default();
    if !data_dir.is_dir() {
        return Ok(labels);
    }
    let check = |file: &Path, place: &str, by: &WrittenLabels| -> Result<ByLanguage> {
        match by.iter().find(|(c, _)| !languages.contains(c.as_str())) {
            Some((code, (_, at))) => Err(anyhow::Error::new(LocatedError::new(
                file,
                Some(*at),
                format!(
                    "{place}: a label in language `{code}`, which config.toml does not declare (add [languages.{code}])"
                ),
            ))),
            None => Ok(by_language(by)),
        }
    };
    for dataset in schema::discover(data_dir)? {
        for column in &dataset.columns {
            let key = (dataset.id.clone(), column.id.clone());
            if !column.labels.is_empty() {
                let by = check(
                    &dataset.schema_path,
                    &format!("column {:?}", column.id),
                    &column.labels,
                )?;
                labels.columns.insert(key.clone(), by);
            }
            for (code, written) in &column.value_labels {
                let by = check(
                    &dataset.schema_path,
                    &format!("column {:?}, value {code:?}", column.id),
                    written,
                )?;
                labels
                    .categories
                    .insert((key.0.clone(), key.1.clone(), code.clone()), by);
            }
        }
    }
    let tables_file = data_dir.join("tables.toml");
    for (id, (titles, descriptions)) in tables::translations(&tables_file)? {
        let titles = check(&tables_file, &format!("table {id:?} titles"), &titles)?;
        let descriptions = check(
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
