//! The template values of the statistics: a page per protected table (`statistics_table.html` at
//! `/statistics/<table-id>/`), the list of tables for the statistics section, the methodology text,
//! and the home page's key figures.
//!
//! Never does: read case data. Everything here comes from [`ProtectedTable`]s through `publish`, so
//! a suppressed cell is shown as the configured words wherever it appears.

use anyhow::{bail, Result};
use serde_json::{json, Value};

use super::figures::{statistics_path, Figures};
use super::i18n::Locale;
use crate::config::{Config, PrivacyConfig};
use crate::content::slug::permalink;
use crate::content::Library;
use crate::privacy::{CellValue, ProtectedTable};
use crate::publish::{chart_svg, methodology_markdown, table_element_id, table_html, DATA_DIR};

/// The template that renders a table's statistics page.
pub(super) const TABLE_TEMPLATE: &str = "statistics_table.html";

/// The template of the page that explains the method; its page gets `methodology`.
pub(super) const METHODOLOGY_TEMPLATE: &str = "methodology.html";

/// A table as listed: id, title, description, filter, permalink and download URLs.
pub(super) fn table_summary(table: &ProtectedTable, base_url: &str) -> Value {
    json!({
        "id": table.id,
        "title": table.title,
        "description": table.description,
        "filter": table.filter,
        "permalink": permalink(base_url, &statistics_path(&table.id)),
        "downloads": {
            "csv": permalink(base_url, &format!("{DATA_DIR}/{}.csv", table.id)),
            "json": permalink(base_url, &format!("{DATA_DIR}/{}.json", table.id)),
            "datapackage": permalink(base_url, &format!("{DATA_DIR}/datapackage.json")),
        },
    })
}

/// Everything `statistics_table.html` shows of one table: the summary plus `chart` (inline SVG or
/// null), `table_html`, `element_id` (the table's id, which the chart points at), `data_date`,
/// `has_suppressed`, `citation`, `privacy` {k, suppressed_text, other_label, unknown_label}.
pub(super) fn table_page(
    table: &ProtectedTable,
    config: &Config,
    privacy: &PrivacyConfig,
    locale: &Locale,
    base_url: &str,
    build_year: Option<i32>,
) -> Value {
    let element_id = table_element_id(&table.id);
    let mut value = table_summary(table, base_url);
    let url = permalink(base_url, &statistics_path(&table.id));
    let year = privacy
        .data_date
        .as_deref()
        .and_then(|d| d.get(..4))
        .map(str::to_string)
        .or_else(|| build_year.map(|y| y.to_string()));
    let publisher = if config.organisation.is_empty() {
        &config.title
    } else {
        &config.organisation
    };
    let mut citation = publisher.clone();
    if let Some(year) = &year {
        citation.push_str(&format!(" ({year})"));
    }
    citation.push_str(&format!(". {}", table.title));
    if let Some(date) = &privacy.data_date {
        // ISO 8601 in every language: a citation is copied across languages.
        citation.push_str(&format!(
            ", {}",
            locale.text_with("citation-data-as-of", &[("date", date)])
        ));
    }
    citation.push_str(&format!(". {}. {url}", config.title));
    value["chart"] = json!(chart_svg(table, privacy, &element_id));
    value["table_html"] = json!(table_html(table, privacy, &element_id));
    value["element_id"] = json!(element_id);
    value["data_date"] = json!(privacy.data_date);
    value["has_suppressed"] = json!(table.cells.iter().any(|c| c.value == CellValue::Suppressed));
    value["citation"] = json!(citation);
    value["privacy"] = json!({
        "k": privacy.k,
        "suppressed_text": privacy.suppressed_text,
        "other_label": privacy.other_label,
        "unknown_label": privacy.unknown_label,
    });
    value
}

/// The privacy settings in words (from `publish::methodology_markdown`), as HTML.
pub(super) fn methodology_html(tables: &[ProtectedTable], config: &Config) -> String {
    let markdown = methodology_markdown(tables, &config.privacy);
    let mut html = String::with_capacity(markdown.len() * 2);
    let parser = pulldown_cmark::Parser::new_ext(&markdown, pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// The permalink of the page rendered with `methodology.html`, if the site has one.
pub(super) fn methodology_url(library: &Library) -> Option<String> {
    library
        .pages
        .iter()
        .find(|p| p.template.as_deref() == Some(METHODOLOGY_TEMPLATE))
        .map(|p| p.permalink.clone())
}

/// The home page's key figures (list of id, title, value, display, permalink): the configured
/// `[[key_figures]]`, or each table's grand total when none are configured. Every number shown is a
/// cell of a protected table; an unknown table or cell fails the build naming `config.toml`.
pub(super) fn key_figures(
    tables: &[ProtectedTable],
    config: &Config,
    figures: &Figures,
    language: &str,
) -> Result<Value> {
    let figure = |id: &str, title: &str, value: CellValue| {
        json!({
            "id": id,
            "title": title,
            "value": value.published(),
            "display": figures.display(value),
            "permalink": figures.page_url(id),
        })
    };
    if config.key_figures.is_empty() {
        return Ok(Value::Array(
            tables
                .iter()
                .map(|t| figure(&t.id, &t.title, t.grand_total().value))
                .collect(),
        ));
    }
    let mut list = Vec::with_capacity(config.key_figures.len());
    for (i, key) in config.key_figures.iter().enumerate() {
        match figures.cell("key_figures", &key.table, &key.cell) {
            Ok(value) => {
                let label = key.labels.get(language).unwrap_or(&key.label);
                list.push(figure(&key.table, label, value))
            }
            Err(e) => bail!(
                "config.toml: [[key_figures]] number {} ({:?}): {e}",
                i + 1,
                key.label
            ),
        }
    }
    Ok(Value::Array(list))
}
