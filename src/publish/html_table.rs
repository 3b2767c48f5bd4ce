//! The HTML table of a protected table: the accessible, complete form of every chart.
//!
//! Layout by number of dimensions: none — one row with the total; one — a row per category, then
//! the total; two — a row per category of the first dimension, a column per category of the
//! second, with a total row and a total column; three or more — long format, one row per cell with
//! a column per dimension. Numbers are right-aligned and written as the page's language writes
//! them ([`Wording::numbers`]: `1,234`, `1 234`), and so are the words "Count" and "Total"; totals
//! are marked with the class `total` and bold; a suppressed cell shows the configured words, the
//! same for every suppressed cell.

use std::fmt::Write;

use crate::config::PrivacyConfig;
use crate::privacy::{CellValue, ProtectedTable};

use super::format::Wording;
use crate::html;

const NUM: &str = "class=\"num\" style=\"text-align:right\"";

/// One count cell (`<td>`): the formatted count, or the suppressed words; bold when a total.
fn count_cell(value: CellValue, total: bool, privacy: &PrivacyConfig, words: &Words) -> String {
    let (class, text) = match value {
        CellValue::Published(n) => ("num", html::escape(&words.numbers.count(n))),
        CellValue::Suppressed => ("num suppressed", html::escape(&privacy.suppressed_text)),
    };
    let class = if total {
        format!("{class} total")
    } else {
        class.to_string()
    };
    let text = if total {
        format!("<strong>{text}</strong>")
    } else {
        text
    };
    format!("<td class=\"{class}\" style=\"text-align:right\">{text}</td>")
}

/// The language's words and numbers for one table, looked up once.
struct Words<'a> {
    numbers: &'a super::format::NumberFormat,
    count: String,
    total: String,
}

fn row_header(label: &str, total: bool) -> String {
    if total {
        format!(
            "<th scope=\"row\" class=\"total\"><strong>{}</strong></th>",
            html::escape(label)
        )
    } else {
        format!("<th scope=\"row\">{}</th>", html::escape(label))
    }
}

/// The HTML id given to the table of `table_id` on its page, which its chart points at as its long
/// description.
pub fn table_element_id(table_id: &str) -> String {
    let safe: String = table_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("table-{safe}")
}

/// The `<table>` fragment for `table`, with `id="{element_id}"` (the id charts point at), in the
/// words and numbers of `wording`'s language.
pub fn table_html(
    table: &ProtectedTable,
    privacy: &PrivacyConfig,
    element_id: &str,
    wording: &dyn Wording,
) -> String {
    let words = Words {
        numbers: wording.numbers(),
        count: html::escape(&wording.words("table-count", &[])),
        total: wording.words("table-total", &[]),
    };
    let words = &words;
    let mut out = String::new();
    let _ = write!(
        out,
        "<table id=\"{}\" class=\"stat-table\">\n<caption>{}</caption>\n",
        html::escape(element_id),
        html::escape(&table.title)
    );
    let dims = &table.dimensions;
    match dims.len() {
        0 => {
            let _ = write!(
                out,
                "<thead><tr><td></td><th scope=\"col\" {NUM}>{}</th></tr></thead>\n<tbody>\n<tr class=\"total\">{}{}</tr>\n</tbody>\n",
                words.count,
                row_header(&words.total, true),
                count_cell(table.grand_total().value, true, privacy, words)
            );
        }
        1 => {
            let _ = write!(
                out,
                "<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" {NUM}>{}</th></tr></thead>\n<tbody>\n",
                html::escape(&dims[0].label),
                words.count
            );
            for (c, cat) in dims[0].categories.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "<tr>{}{}</tr>",
                    row_header(&cat.label, false),
                    count_cell(table.cell(&[Some(c)]).value, false, privacy, words)
                );
            }
            let _ = write!(
                out,
                "<tr class=\"total\">{}{}</tr>\n</tbody>\n",
                row_header(&words.total, true),
                count_cell(table.cell(&[None]).value, true, privacy, words)
            );
        }
        2 => cross_table(&mut out, table, privacy, words),
        _ => long_table(&mut out, table, privacy, words),
    }
    out.push_str("</table>\n");
    out
}

/// Two dimensions: rows × columns, with a total column and a total row.
fn cross_table(out: &mut String, table: &ProtectedTable, privacy: &PrivacyConfig, words: &Words) {
    let (rows, cols) = (&table.dimensions[0], &table.dimensions[1]);
    let _ = write!(
        out,
        "<thead>\n<tr><td></td><th scope=\"colgroup\" colspan=\"{}\">{}</th></tr>\n<tr><th scope=\"col\">{}</th>",
        cols.categories.len() + 1,
        html::escape(&cols.label),
        html::escape(&rows.label)
    );
    for cat in &cols.categories {
        let _ = write!(
            out,
            "<th scope=\"col\" {NUM}>{}</th>",
            html::escape(&cat.label)
        );
    }
    let _ = write!(
        out,
        "<th scope=\"col\" class=\"num total\" style=\"text-align:right\"><strong>{}</strong></th></tr>\n</thead>\n<tbody>\n",
        html::escape(&words.total)
    );
    let row_keys = (0..rows.categories.len()).map(Some).chain([None]);
    for r in row_keys {
        let total_row = r.is_none();
        let label = r.map_or(words.total.as_str(), |r| rows.categories[r].label.as_str());
        let _ = write!(
            out,
            "<tr{}>{}",
            if total_row { " class=\"total\"" } else { "" },
            row_header(label, total_row)
        );
        for c in (0..cols.categories.len()).map(Some).chain([None]) {
            let value = table.cell(&[r, c]).value;
            out.push_str(&count_cell(value, total_row || c.is_none(), privacy, words));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n");
}

/// Three or more dimensions: long format, one row per cell in the table's order.
fn long_table(out: &mut String, table: &ProtectedTable, privacy: &PrivacyConfig, words: &Words) {
    let dims = &table.dimensions;
    out.push_str("<thead><tr>");
    for dim in dims {
        let _ = write!(out, "<th scope=\"col\">{}</th>", html::escape(&dim.label));
    }
    let _ = write!(
        out,
        "<th scope=\"col\" {NUM}>{}</th></tr></thead>\n<tbody>\n",
        words.count
    );
    for cell in &table.cells {
        let total = cell.key.iter().any(Option::is_none);
        let _ = write!(out, "<tr{}>", if total { " class=\"total\"" } else { "" });
        for (d, k) in cell.key.iter().enumerate() {
            let label = k.map_or(words.total.as_str(), |c| {
                dims[d].categories[c].label.as_str()
            });
            out.push_str(&row_header(label, k.is_none()));
        }
        out.push_str(&count_cell(cell.value, total, privacy, words));
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n");
}
