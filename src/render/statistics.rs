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
use crate::privacy::records::{ColumnRole, RecordRelease};
use crate::privacy::{CellValue, ProtectedTable};
use crate::publish::{
    chart_svg, methodology_markdown, table_element_id, table_html, xlsx_file, DATA_DIR,
};

/// The template that renders a table's statistics page.
pub(super) const TABLE_TEMPLATE: &str = "statistics_table.html";

/// The template of the page that explains the method; its page gets `methodology`.
pub(super) const METHODOLOGY_TEMPLATE: &str = "methodology.html";

/// A date of the data (`YYYY-MM-DD`) as the site prints dates: "30 June 2026". Anything else is
/// kept as written.
pub(super) fn long_date(date: &str, locale: &Locale) -> String {
    locale.date(date).unwrap_or_else(|_| date.to_string())
}

/// The first and last year of a `year` dimension of `table`, as "2015–2024" (one year alone).
fn year_span(table: &ProtectedTable) -> Option<String> {
    let years = &table
        .dimensions
        .iter()
        .find(|d| d.kind == "year")?
        .categories;
    let (first, last) = (&years.first()?.label, &years.last()?.label);
    Some(if first == last {
        first.clone()
    } else {
        format!("{first}–{last}")
    })
}

/// The years a table covers: its year dimension's span; or, for a table without one and without
/// a filter, the span of an unfiltered table of the same dataset that has one (the tables of a
/// dataset count the same cases). `None` when nothing says.
pub(super) fn table_period(table: &ProtectedTable, tables: &[ProtectedTable]) -> Option<String> {
    year_span(table).or_else(|| {
        if !table.filter.is_empty() {
            return None;
        }
        tables
            .iter()
            .filter(|t| t.dataset == table.dataset && t.filter.is_empty())
            .find_map(year_span)
    })
}

/// A table as listed: id, title, description, dataset, filter, period (years covered, or null),
/// data_date (as printed, or null), data_date_iso, permalink and download URLs.
pub(super) fn table_summary(
    table: &ProtectedTable,
    tables: &[ProtectedTable],
    config: &Config,
    locale: &Locale,
    base_url: &str,
) -> Value {
    let data_date = config.privacy.data_date.as_deref();
    json!({
        "id": table.id,
        "title": table.title,
        "description": table.description,
        "dataset": table.dataset,
        "filter": table.filter,
        "period": table_period(table, tables),
        "data_date": data_date.map(|d| long_date(d, locale)),
        "data_date_iso": data_date,
        "permalink": permalink(base_url, &statistics_path(&table.id)),
        "downloads": {
            "csv": permalink(base_url, &format!("{DATA_DIR}/{}.csv", table.id)),
            "json": permalink(base_url, &format!("{DATA_DIR}/{}.json", table.id)),
            "xlsx": permalink(base_url, &format!("{DATA_DIR}/{}", xlsx_file(&table.id))),
            "datapackage": permalink(base_url, &format!("{DATA_DIR}/datapackage.json")),
        },
    })
}

/// Everything `statistics_table.html` shows of one table: the summary plus `chart` (inline SVG or
/// null), `table_html`, `element_id` (the table's id, which the chart points at),
/// `has_suppressed`, `citation`, `privacy` {k, suppressed_text, other_label, unknown_label}.
pub(super) fn table_page(
    table: &ProtectedTable,
    tables: &[ProtectedTable],
    config: &Config,
    privacy: &PrivacyConfig,
    locale: &Locale,
    base_url: &str,
    build_year: Option<i32>,
) -> Value {
    let element_id = table_element_id(&table.id);
    let mut value = table_summary(table, tables, config, locale, base_url);
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
        citation.push_str(&format!(
            ", {}",
            locale.text_with("citation-data-as-of", &[("date", &long_date(date, locale))])
        ));
    }
    citation.push_str(&format!(". {}. {url}", config.title));
    value["chart"] = json!(chart_svg(table, privacy, &element_id, locale));
    value["table_html"] = json!(table_html(table, privacy, &element_id, locale));
    value["element_id"] = json!(element_id);
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

/// The privacy settings in words (from `publish::methodology_markdown`) in `locale`'s language,
/// as HTML.
pub(super) fn methodology_html(
    tables: &[ProtectedTable],
    releases: &[RecordRelease],
    privacy: &PrivacyConfig,
    locale: &Locale,
    base_url: &str,
) -> String {
    let data_url = permalink(base_url, &format!("{DATA_DIR}/"));
    let markdown = methodology_markdown(tables, releases, privacy, &data_url, locale);
    let mut html = String::with_capacity(markdown.len() * 2);
    let parser = pulldown_cmark::Parser::new_ext(&markdown, pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// A record-level release as listed in the statistics section: dataset, title, file name, url
/// (of the file), records (rows), k, l, quasi_identifiers (labels) and sensitive (label or null).
pub(super) fn record_summary(release: &RecordRelease, base_url: &str, locale: &Locale) -> Value {
    let file = release.file_name();
    json!({
        "dataset": release.dataset,
        "title": release.title,
        "file": file,
        "url": permalink(base_url, &format!("{DATA_DIR}/{file}")),
        "records": locale.count(release.len as u64),
        "k": release.report.k,
        "l": release.report.l,
        "quasi_identifiers": release
            .columns
            .iter()
            .filter(|c| matches!(c.role, ColumnRole::QuasiIdentifier { .. }))
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>(),
        "sensitive": release.sensitive_column().map(|c| c.label.as_str()),
    })
}

/// The permalink of the page rendered with `methodology.html`, if the site has one.
pub(super) fn methodology_url(library: &Library) -> Option<String> {
    library
        .pages
        .iter()
        .find(|p| p.template.as_deref() == Some(METHODOLOGY_TEMPLATE))
        .map(|p| p.permalink.clone())
}

/// The home page's key figures (list of id, title, value, display, permalink, period, data_date,
/// data_date_iso): the configured
/// `[[key_figures]]`, or each table's grand total when none are configured. Every number shown is a
/// cell of a protected table; an unknown table or cell fails the build naming `config.toml`.
pub(super) fn key_figures(
    tables: &[ProtectedTable],
    config: &Config,
    figures: &Figures,
    language: &str,
    locale: &Locale,
) -> Result<Value> {
    let data_date = config.privacy.data_date.as_deref();
    // A figure's period: the year it selects, or the years of its table.
    let figure = |table: &ProtectedTable, title: &str, value: CellValue, year: Option<&str>| {
        json!({
            "id": table.id,
            "title": title,
            "value": value.published(),
            "display": figures.display(value),
            "permalink": figures.page_url(&table.id),
            "period": year.map(str::to_string).or_else(|| table_period(table, tables)),
            "data_date": data_date.map(|d| long_date(d, locale)),
            "data_date_iso": data_date,
        })
    };
    if config.key_figures.is_empty() {
        return Ok(Value::Array(
            tables
                .iter()
                .map(|t| figure(t, &t.title, t.grand_total().value, None))
                .collect(),
        ));
    }
    let mut list = Vec::with_capacity(config.key_figures.len());
    for (i, key) in config.key_figures.iter().enumerate() {
        let cell = figures.cell("key_figures", &key.table, &key.cell);
        let table = tables.iter().find(|t| t.id == key.table);
        match (cell, table) {
            (Ok(value), Some(table)) => {
                let year = table.dimensions.iter().find_map(|d| {
                    let code = key.cell.get(&d.id).filter(|_| d.kind == "year")?;
                    let category = d.categories.iter().find(|c| &c.code == code)?;
                    Some(category.label.as_str())
                });
                let label = key.labels.get(language).unwrap_or(&key.label);
                list.push(figure(table, label, value, year))
            }
            (Err(e), _) => bail!(
                "config.toml: [[key_figures]] number {} ({:?}): {e}",
                i + 1,
                key.label
            ),
            (Ok(_), None) => bail!(
                "config.toml: [[key_figures]] number {} ({:?}): no table `{}`",
                i + 1,
                key.label,
                key.table
            ),
        }
    }
    Ok(Value::Array(list))
}
