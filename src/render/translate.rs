//! Protected tables in another language: the same cells, codes and order, with the title,
//! description, column labels and category labels of that language (from
//! [`LabelTranslations`]). A label missing in a language falls back to the default language's,
//! with a warning for `safestat check`. Pooled `Other` and missing-value `Unknown` categories
//! take the language's words (`category-other`, `category-unknown`). What a table covers (its
//! filters) is described in every language, the default one included, from the Fluent messages
//! `filter-range`, `filter-from`, `filter-up-to` and `filter-values`, with the column's and the
//! categories' labels in that language and years in its digits (never grouped: 2015, not 2,015).
//!
//! Never does: change a cell. A translated table is published exactly like the original.

use crate::config::PrivacyConfig;
use crate::data::labels::LabelTranslations;
use crate::language::Language;
use crate::privacy::{ProtectedTable, PublishedSelection};

use super::i18n::Locale;

/// `tables` in `language`, and a warning for each label that had to fall back.
pub fn tables_in(
    tables: &[ProtectedTable],
    labels: &LabelTranslations,
    language: &Language,
    locale: &Locale,
    privacy: &PrivacyConfig,
) -> (Vec<ProtectedTable>, Vec<String>) {
    let mut warnings = Vec::new();
    if language.is_default {
        let described = tables
            .iter()
            .map(|table| {
                let mut t = table.clone();
                t.filter = filter_text(table, labels, &language.code, locale);
                t
            })
            .collect();
        return (described, warnings);
    }
    let code = &language.code;
    let mut missing = |what: String| {
        warnings.push(format!(
            "{what} has no {} label ({code}): the default language's is shown",
            language.name
        ))
    };
    // Values without a label, per (dataset, column): one warning per column, not per value.
    let mut values: std::collections::BTreeMap<
        (String, String),
        std::collections::BTreeSet<String>,
    > = Default::default();
    let translated = tables
        .iter()
        .map(|table| {
            let mut t = table.clone();
            t.filter = filter_text(table, labels, code, locale);
            match labels.titles.get(&t.id).and_then(|by| by.get(code)) {
                Some(title) => t.title = title.clone(),
                None => missing(format!("table {:?} (titles in data/tables.toml)", t.id)),
            }
            if !t.description.is_empty() {
                match labels.descriptions.get(&t.id).and_then(|by| by.get(code)) {
                    Some(d) => t.description = d.clone(),
                    None => missing(format!(
                        "table {:?} (descriptions in data/tables.toml)",
                        t.id
                    )),
                }
            }
            for dimension in &mut t.dimensions {
                let column = (t.dataset.clone(), dimension.id.clone());
                match labels.columns.get(&column).and_then(|by| by.get(code)) {
                    Some(label) => dimension.label = label.clone(),
                    None => missing(format!(
                        "column {:?} of data/{}.toml (labels)",
                        dimension.id, t.dataset
                    )),
                }
                for category in &mut dimension.categories {
                    let key = (column.0.clone(), column.1.clone(), category.code.clone());
                    if let Some(label) = labels.categories.get(&key).and_then(|by| by.get(code)) {
                        category.label = label.clone();
                    } else if category.label == privacy.other_label {
                        category.label = locale.text("category-other");
                    } else if category.label == privacy.unknown_label {
                        category.label = locale.text("category-unknown");
                    } else if dimension.kind == "category" {
                        values
                            .entry(column.clone())
                            .or_default()
                            .insert(category.code.clone());
                    }
                }
            }
            t
        })
        .collect();
    for ((dataset, column), codes) in values {
        let shown: Vec<String> = codes.iter().take(3).map(|c| format!("{c:?}")).collect();
        let more = if codes.len() > 3 { ", …" } else { "" };
        missing(format!(
            "{} value(s) of column {column:?} in data/{dataset}.toml ({}{more})",
            codes.len(),
            shown.join(", ")
        ));
    }
    warnings.sort();
    warnings.dedup();
    (translated, warnings)
}

/// What `table` covers, in the language `code`: each filter through its message, joined by `; `
/// (a table made without its filters keeps its text). A label the language lacks is the default
/// language's.
fn filter_text(
    table: &ProtectedTable,
    labels: &LabelTranslations,
    code: &str,
    locale: &Locale,
) -> String {
    if table.filters.is_empty() {
        return table.filter.clone();
    }
    let in_language = |by: Option<&crate::data::labels::ByLanguage>, default: &str| {
        by.and_then(|by| by.get(code))
            .cloned()
            .unwrap_or_else(|| default.to_string())
    };
    let year = |n: i64| locale.numbers.localise_digits(&n.to_string());
    table
        .filters
        .iter()
        .map(|filter| {
            let column_key = (table.dataset.clone(), filter.column.clone());
            let column = in_language(labels.columns.get(&column_key), &filter.label);
            let column = column.as_str();
            match &filter.selection {
                PublishedSelection::Range {
                    from: Some(from),
                    to: Some(to),
                } => locale.text_with(
                    "filter-range",
                    &[
                        ("column", column),
                        ("from", &year(*from)),
                        ("to", &year(*to)),
                    ],
                ),
                PublishedSelection::Range {
                    from: Some(from),
                    to: None,
                } => locale.text_with("filter-from", &[("column", column), ("from", &year(*from))]),
                PublishedSelection::Range { from: None, to } => locale.text_with(
                    "filter-up-to",
                    &[
                        ("column", column),
                        ("to", &to.map(year).unwrap_or_default()),
                    ],
                ),
                PublishedSelection::Values(values) => {
                    let values: Vec<String> = values
                        .iter()
                        .map(|c| {
                            let key =
                                (table.dataset.clone(), filter.column.clone(), c.code.clone());
                            in_language(labels.categories.get(&key), &c.label)
                        })
                        .collect();
                    let separator = locale.text("list-separator");
                    locale.text_with(
                        "filter-values",
                        &[("column", column), ("values", &values.join(&separator))],
                    )
                }
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}
