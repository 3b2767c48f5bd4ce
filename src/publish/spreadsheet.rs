//! `data/<table-id>.xlsx`: a table as a spreadsheet, for readers who open downloads in Excel or
//! LibreOffice rather than in R or Python.
//!
//! Two sheets. **Table** holds the table laid out as on its page ([`super::html_table`]): labels,
//! not codes; one dimension as rows with the total last; two as rows × columns with a total row
//! and a total column; three or more in long form, one row per cell. Published counts are numbers
//! (so they can be summed and charted), totals are bold, and a suppressed cell holds the configured
//! words (`[privacy] suppressed_text`) — the same text for every suppressed cell, as on the page.
//! **Notes** holds the method, the threshold k, the dates (data as of, this edition) and the
//! licence. Every word of the workbook — the sheets' names, the headings, the notes — is in the
//! [`Wording`]'s language (`xlsx-*` messages); a sheet name the messages give that Excel would
//! refuse is made valid ([`sheet_names`]).
//!
//! Written from a [`ProtectedTable`] only, like the CSV, so it can publish nothing the CSV does not.
//! Same input, same bytes: the document's creation time is the edition date the build passes in
//! (`SOURCE_DATE_EPOCH`, else the newest page's date), never the clock.

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, RowNum, Workbook, Worksheet,
    XlsxError,
};

use super::downloads::{check_table, licence, method_description, Medium};
use super::format::Wording;
use crate::config::Config;
use crate::privacy::{CellValue, ProtectedTable};

/// The names of the two sheets in a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetNames {
    /// The sheet that holds the table (`xlsx-sheet-table`).
    pub table: String,
    /// The sheet that holds the notes (`xlsx-sheet-notes`).
    pub notes: String,
}

/// The longest sheet name Excel accepts, in characters.
const SHEET_NAME_MAX: usize = 31;

/// The sheets' names in `wording`'s language, as Excel accepts them: without `[ ] : * ? / \`,
/// without an apostrophe at either end, at most 31 characters (any script: Arabic names are
/// fine). A name left empty, or the two names equal (Excel ignores case), falls back to the
/// English `Table` and `Notes`.
pub fn sheet_names(wording: &dyn Wording) -> SheetNames {
    let table = valid_sheet_name(&wording.words("xlsx-sheet-table", &[]));
    let notes = valid_sheet_name(&wording.words("xlsx-sheet-notes", &[]));
    // Excel reserves "History" (its change-tracking sheet), in any case.
    let unusable = |name: &str| name.is_empty() || name.eq_ignore_ascii_case("history");
    if unusable(&table) || unusable(&notes) || table.to_lowercase() == notes.to_lowercase() {
        return SheetNames {
            table: "Table".to_string(),
            notes: "Notes".to_string(),
        };
    }
    SheetNames { table, notes }
}

/// `name` without the characters Excel forbids in a sheet name, cut to 31 characters, without
/// spaces or apostrophes at either end.
fn valid_sheet_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control())
        .collect();
    let cut: String = kept.trim().chars().take(SHEET_NAME_MAX).collect();
    // Nor may a name begin or end with an apostrophe.
    cut.trim_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string()
}

/// The creation time written when the build has no date: the ZIP format's epoch, which the
/// spreadsheet's own archive entries carry too.
const NO_DATE: (u16, u8, u8) = (1980, 1, 1);

/// The date and time of an edition, as the build knows it (no time zone: it is written as given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditionDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl EditionDate {
    /// `YYYY-MM-DD`.
    pub fn iso_date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The formats of the table sheet.
struct Formats {
    title: Format,
    bold: Format,
    count: Format,
    count_total: Format,
    withheld: Format,
    withheld_total: Format,
    wrap: Format,
    heading: Format,
}

impl Formats {
    fn new() -> Formats {
        let count = Format::new()
            .set_num_format("#,##0")
            .set_align(FormatAlign::Right);
        let withheld = Format::new().set_align(FormatAlign::Right);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            count_total: count.clone().set_bold(),
            count,
            withheld_total: withheld.clone().set_bold(),
            withheld,
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            heading: Format::new().set_bold().set_align(FormatAlign::Top),
        }
    }
}

/// The bytes of `<table-id>.xlsx` for `table`. `edition` is the build's date (see the module doc);
/// without one the document carries a fixed creation time and the notes name no edition date.
pub fn table_xlsx(
    table: &ProtectedTable,
    config: &Config,
    edition: Option<EditionDate>,
    wording: &dyn Wording,
) -> Result<Vec<u8>> {
    check_table(table)?;
    let context = || format!("cannot write the spreadsheet of table `{}`", table.id);
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(table, config, edition, wording).with_context(context)?);
    let formats = Formats::new();
    let names = sheet_names(wording);
    table_sheet(
        workbook.add_worksheet(),
        table,
        config,
        wording,
        &names,
        &formats,
    )
    .with_context(context)?;
    notes_sheet(
        workbook.add_worksheet(),
        table,
        config,
        edition,
        wording,
        &names,
        &formats,
    )
    .with_context(context)?;
    workbook.save_to_buffer().with_context(context)
}

fn properties(
    table: &ProtectedTable,
    config: &Config,
    edition: Option<EditionDate>,
    wording: &dyn Wording,
) -> Result<DocProperties, XlsxError> {
    let created = match edition {
        Some(e) => ExcelDateTime::from_ymd(e.year, e.month, e.day)?.and_hms(
            u16::from(e.hour),
            e.minute,
            e.second,
        )?,
        None => ExcelDateTime::from_ymd(NO_DATE.0, NO_DATE.1, NO_DATE.2)?.and_hms(0, 0, 0)?,
    };
    let publisher = publisher(config, wording);
    Ok(DocProperties::new()
        .set_title(&table.title)
        .set_subject(&table.description)
        .set_author(publisher)
        .set_company(publisher)
        .set_comment(wording.words("xlsx-comment", &[("k", &config.privacy.k.to_string())]))
        .set_creation_datetime(&created))
}

/// The organisation, else the site's title in `wording`'s language.
fn publisher<'a>(config: &'a Config, wording: &dyn Wording) -> &'a str {
    if config.organisation.is_empty() {
        config.title_in(wording.language())
    } else {
        &config.organisation
    }
}

/// Writes one count: a number, or the suppressed words; bold when a total.
fn write_count(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: CellValue,
    total: bool,
    suppressed_text: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    match value {
        CellValue::Published(n) => {
            let format = if total { &f.count_total } else { &f.count };
            sheet.write_number_with_format(row, col, n as f64, format)?;
        }
        CellValue::Suppressed => {
            let format = if total {
                &f.withheld_total
            } else {
                &f.withheld
            };
            sheet.write_string_with_format(row, col, suppressed_text, format)?;
        }
    }
    Ok(())
}

/// Writes a row or column header: the label, bold when it is `Total`.
fn write_label(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    label: &str,
    total: bool,
    f: &Formats,
) -> Result<(), XlsxError> {
    if total {
        sheet.write_string_with_format(row, col, label, &f.bold)?;
    } else {
        sheet.write_string(row, col, label)?;
    }
    Ok(())
}

/// A column width (in characters) that fits `texts`, within reason.
fn width<'a>(texts: impl IntoIterator<Item = &'a str>, min: usize, max: usize) -> f64 {
    let widest = texts
        .into_iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0);
    (widest.clamp(min, max) + 2) as f64
}

fn table_sheet(
    sheet: &mut Worksheet,
    table: &ProtectedTable,
    config: &Config,
    wording: &dyn Wording,
    names: &SheetNames,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(&names.table)?;
    let hidden = config.privacy.suppressed_text.as_str();
    let count_heading = wording.words("table-count", &[]);
    let count_heading = count_heading.as_str();
    let total_label = wording.words("table-total", &[]);
    let total_label = total_label.as_str();
    sheet.write_string_with_format(0, 0, &table.title, &f.title)?;
    let mut row: RowNum = 1;
    if !table.description.is_empty() {
        sheet.write_string(row, 0, &table.description)?;
        row += 1;
    }
    if !table.filter.is_empty() {
        sheet.write_string(
            row,
            0,
            wording.words("xlsx-covers", &[("filter", &table.filter)]),
        )?;
        row += 1;
    }
    row += 1;
    let dims = &table.dimensions;
    let count_width = width(
        [hidden, count_heading, total_label, "9,999,999"]
            .into_iter()
            .chain(
                dims.get(1)
                    .iter()
                    .flat_map(|d| d.categories.iter())
                    .map(|c| c.label.as_str()),
            ),
        8,
        30,
    );
    let end = match dims.len() {
        0 => {
            sheet.write_string_with_format(row, 1, count_heading, &f.bold)?;
            write_label(sheet, row + 1, 0, total_label, true, f)?;
            write_count(
                sheet,
                row + 1,
                1,
                table.grand_total().value,
                true,
                hidden,
                f,
            )?;
            sheet.set_column_width(0, width([total_label], 8, 50))?;
            sheet.set_column_width(1, count_width)?;
            row + 2
        }
        1 => {
            let dim = &dims[0];
            sheet.write_string_with_format(row, 0, &dim.label, &f.bold)?;
            sheet.write_string_with_format(row, 1, count_heading, &f.bold)?;
            sheet.set_freeze_panes(row + 1, 0)?;
            let mut r = row + 1;
            for (c, cat) in dim.categories.iter().enumerate() {
                write_label(sheet, r, 0, &cat.label, false, f)?;
                write_count(sheet, r, 1, table.cell(&[Some(c)]).value, false, hidden, f)?;
                r += 1;
            }
            write_label(sheet, r, 0, total_label, true, f)?;
            write_count(sheet, r, 1, table.cell(&[None]).value, true, hidden, f)?;
            let labels = dim.categories.iter().map(|c| c.label.as_str());
            sheet.set_column_width(0, width(labels.chain([dim.label.as_str()]), 8, 50))?;
            sheet.set_column_width(1, count_width)?;
            r + 1
        }
        2 => {
            let (rows, cols) = (&dims[0], &dims[1]);
            let last_col = cols.categories.len() as ColNum + 1;
            if last_col > 1 {
                sheet.merge_range(row, 1, row, last_col, &cols.label, &f.bold)?;
            } else {
                sheet.write_string_with_format(row, 1, &cols.label, &f.bold)?;
            }
            let header = row + 1;
            sheet.write_string_with_format(header, 0, &rows.label, &f.bold)?;
            for (c, cat) in cols.categories.iter().enumerate() {
                sheet.write_string_with_format(header, c as ColNum + 1, &cat.label, &f.bold)?;
            }
            sheet.write_string_with_format(header, last_col, total_label, &f.bold)?;
            sheet.set_freeze_panes(header + 1, 1)?;
            let mut r = header + 1;
            for rk in (0..rows.categories.len()).map(Some).chain([None]) {
                let label = rk.map_or(total_label, |i| rows.categories[i].label.as_str());
                write_label(sheet, r, 0, label, rk.is_none(), f)?;
                for (i, ck) in (0..cols.categories.len())
                    .map(Some)
                    .chain([None])
                    .enumerate()
                {
                    let total = rk.is_none() || ck.is_none();
                    let value = table.cell(&[rk, ck]).value;
                    write_count(sheet, r, i as ColNum + 1, value, total, hidden, f)?;
                }
                r += 1;
            }
            let labels = rows.categories.iter().map(|c| c.label.as_str());
            sheet.set_column_width(0, width(labels.chain([rows.label.as_str()]), 8, 50))?;
            for c in 1..=last_col {
                sheet.set_column_width(c, count_width)?;
            }
            r
        }
        _ => {
            for (d, dim) in dims.iter().enumerate() {
                sheet.write_string_with_format(row, d as ColNum, &dim.label, &f.bold)?;
                let labels = dim.categories.iter().map(|c| c.label.as_str());
                sheet.set_column_width(
                    d as ColNum,
                    width(labels.chain([dim.label.as_str()]), 8, 40),
                )?;
            }
            let count_col = dims.len() as ColNum;
            sheet.write_string_with_format(row, count_col, count_heading, &f.bold)?;
            sheet.set_column_width(count_col, count_width)?;
            sheet.set_freeze_panes(row + 1, 0)?;
            let mut r = row + 1;
            for cell in &table.cells {
                let total = cell.key.iter().any(Option::is_none);
                for (d, k) in cell.key.iter().enumerate() {
                    write_label(
                        sheet,
                        r,
                        d as ColNum,
                        cell.key[d].map_or(total_label, |c| {
                            table.dimensions[d].categories[c].label.as_str()
                        }),
                        k.is_none(),
                        f,
                    )?;
                }
                write_count(sheet, r, count_col, cell.value, total, hidden, f)?;
                r += 1;
            }
            r
        }
    };
    sheet.write_string(
        end + 1,
        0,
        wording.words(
            "xlsx-footnote",
            &[("suppressed", hidden), ("notes-sheet", &names.notes)],
        ),
    )?;
    Ok(())
}

fn notes_sheet(
    sheet: &mut Worksheet,
    table: &ProtectedTable,
    config: &Config,
    edition: Option<EditionDate>,
    wording: &dyn Wording,
    names: &SheetNames,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(&names.notes)?;
    let privacy = &config.privacy;
    let say = |key: &str, args: &[(&str, &str)]| wording.words(key, args);
    let k = privacy.k.to_string();
    let mut notes: Vec<(String, String)> = vec![(say("xlsx-note-table", &[]), table.title.clone())];
    if !table.description.is_empty() {
        notes.push((say("xlsx-note-description", &[]), table.description.clone()));
    }
    if !table.filter.is_empty() {
        notes.push((say("xlsx-note-covers", &[]), table.filter.clone()));
    }
    if !table.dimensions.is_empty() {
        let by: Vec<&str> = table.dimensions.iter().map(|d| d.label.as_str()).collect();
        notes.push((say("xlsx-note-by", &[]), by.join("; ")));
    }
    let publisher = publisher(config, wording);
    if !publisher.is_empty() {
        notes.push((say("xlsx-note-publisher", &[]), publisher.to_string()));
    }
    if let Some(date) = &privacy.data_date {
        notes.push((say("xlsx-note-data-as-of", &[]), date.clone()));
    }
    if let Some(edition) = edition {
        notes.push((say("xlsx-note-edition", &[]), edition.iso_date()));
    }
    notes.push((
        say("xlsx-note-threshold", &[]),
        say("xlsx-note-threshold-text", &[("k", &k)]),
    ));
    notes.push((
        say("xlsx-note-not-published", &[]),
        say(
            "xlsx-note-not-published-text",
            &[
                ("suppressed", &privacy.suppressed_text),
                ("below", &privacy.k.saturating_sub(1).to_string()),
            ],
        ),
    ));
    notes.push((
        say("xlsx-note-totals", &[]),
        say(
            "xlsx-note-totals-text",
            &[("total", &say("table-total", &[]))],
        ),
    ));
    notes.push((
        say("xlsx-note-method", &[]),
        method_description(config, Medium::Spreadsheet, wording),
    ));
    let licence = licence(&config.data_licence);
    let mut licence_text = licence["name"].as_str().unwrap_or_default().to_string();
    if let Some(title) = licence["title"].as_str() {
        licence_text.push_str(&format!(" ({title})"));
    }
    if let Some(path) = licence["path"].as_str() {
        licence_text.push_str(&format!(", {path}"));
    }
    notes.push((say("xlsx-note-licence", &[]), licence_text));
    // The CSV beside this spreadsheet: under /<code>/data/ in a language other than the default.
    let mut file = format!("{}.csv", table.id);
    if !config.base_url.is_empty() {
        let language = wording.language();
        let prefix = if language == config.default_language {
            String::new()
        } else {
            format!("{language}/")
        };
        file = format!("{}{prefix}data/{file}", config.base_url_slash());
    }
    notes.push((
        say("xlsx-note-machine-readable", &[]),
        say("xlsx-note-machine-readable-text", &[("file", &file)]),
    ));
    for (r, (heading, text)) in notes.iter().enumerate() {
        sheet.write_string_with_format(r as RowNum, 0, heading, &f.heading)?;
        sheet.write_string_with_format(r as RowNum, 1, text, &f.wrap)?;
    }
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 100)?;
    Ok(())
}
