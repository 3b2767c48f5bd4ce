//! The XLSX download, read back with `calamine`: laid out as on the page, the same cells as the CSV
//! (suppressed cells included), notes with the method, k, the dates and the licence, and the same
//! bytes for the same input.

use std::collections::BTreeMap;

use safestat::privacy::ProtectedTable;
use safestat::publish::{sheet_names, table_csv, table_xlsx, EditionDate};
use safestat::render::i18n::Locale;

use crate::publish_fixtures::*;
use crate::xlsx_support::{sheet, text_at, xlsx_sheets, Cells, XlsxCell};

const EDITION: EditionDate = EditionDate {
    year: 2026,
    month: 3,
    day: 1,
    hour: 9,
    minute: 30,
    second: 0,
};

fn tables() -> Vec<ProtectedTable> {
    let mut tables = all_tables();
    tables.push(table("total-only", "All victims", vec![], vec![P(13890)]));
    tables
}

/// What a cell says, as the CSV says it: the count, or `suppressed`.
fn csv_value(count: &str, flag: &str) -> String {
    match flag {
        "suppressed" => "suppressed".to_string(),
        "" => count.to_string(),
        other => panic!("flag {other}"),
    }
}

/// The cells of `table`'s CSV `bytes` as (labels of the cell's categories, value), read through
/// the label columns.
pub fn csv_cells(table: &ProtectedTable, bytes: &[u8]) -> Vec<(Vec<String>, String)> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let labels = table
                .dimensions
                .iter()
                .map(|d| r[at(&format!("{}_label", d.id))].to_string())
                .collect();
            (labels, csv_value(&r[at("count")], &r[at("flag")]))
        })
        .collect()
}

/// A count cell of the sheet as the CSV would say it.
fn sheet_value(cell: Option<&XlsxCell>, suppressed_text: &str) -> String {
    match cell {
        Some(XlsxCell::Number(n)) => {
            assert!(n.fract() == 0.0 && *n >= 0.0, "{n}");
            format!("{}", *n as u64)
        }
        Some(XlsxCell::Text(s)) if s == suppressed_text => "suppressed".to_string(),
        other => panic!("not a count: {other:?}"),
    }
}

/// The first row whose cell in `col` holds `text`.
fn row_of(cells: &Cells, col: u32, text: &str) -> u32 {
    cells
        .iter()
        .find(|((_, c), cell)| *c == col && **cell == XlsxCell::Text(text.to_string()))
        .map(|((r, _), _)| *r)
        .unwrap_or_else(|| panic!("no {text:?} in column {col}"))
}

/// The table sheet read back as the page lays it out, as (labels, value) per count cell, and the
/// labels of its first column in order.
pub fn sheet_cells(
    table: &ProtectedTable,
    cells: &Cells,
    suppressed_text: &str,
) -> (Vec<(Vec<String>, String)>, Vec<String>) {
    let dims = &table.dimensions;
    let mut out = Vec::new();
    let mut first_column = Vec::new();
    if dims.len() == 2 {
        let header = row_of(cells, 0, &dims[0].label);
        assert_eq!(text_at(cells, header - 1, 1), dims[1].label);
        let columns: Vec<String> = (1..)
            .map(|c| text_at(cells, header, c).to_string())
            .take_while(|t| !t.is_empty())
            .collect();
        let mut r = header + 1;
        while cells.contains_key(&(r, 1)) {
            let row_label = text_at(cells, r, 0).to_string();
            for (j, column) in columns.iter().enumerate() {
                let value = sheet_value(cells.get(&(r, j as u32 + 1)), suppressed_text);
                out.push((vec![row_label.clone(), column.clone()], value));
            }
            first_column.push(row_label);
            r += 1;
        }
        let mut expected: Vec<&str> = dims[1]
            .categories
            .iter()
            .map(|c| c.label.as_str())
            .collect();
        expected.push("Total");
        assert_eq!(
            columns, expected,
            "{}: the columns as on the page",
            table.id
        );
    } else {
        let count_col = dims.len().max(1) as u32;
        let header = row_of(cells, count_col, "Count");
        for (d, dim) in dims.iter().enumerate() {
            assert_eq!(text_at(cells, header, d as u32), dim.label);
        }
        let mut r = header + 1;
        while cells.contains_key(&(r, count_col)) {
            let labels: Vec<String> = (0..dims.len() as u32)
                .map(|d| text_at(cells, r, d).to_string())
                .collect();
            first_column.push(text_at(cells, r, 0).to_string());
            out.push((
                labels,
                sheet_value(cells.get(&(r, count_col)), suppressed_text),
            ));
            r += 1;
        }
    }
    (out, first_column)
}

#[test]
fn publish_xlsx_matches_the_csv_cell_for_cell() {
    let config = config();
    let hidden = &config.privacy.suppressed_text;
    for table in tables() {
        let xlsx = table_xlsx(&table, &config, Some(EDITION), &en()).unwrap();
        let cells = sheet(&xlsx, "Table");
        let (mut from_sheet, first_column) = sheet_cells(&table, &cells, hidden);
        let mut from_csv = csv_cells(&table, &table_csv(&table).unwrap());
        assert_eq!(from_sheet.len(), from_csv.len(), "{}", table.id);
        from_sheet.sort();
        from_csv.sort();
        assert_eq!(from_sheet, from_csv, "{}", table.id);
        assert!(
            from_csv.iter().any(|(_, v)| v == "suppressed") || table.id == "total-only",
            "{}: the fixture has suppressed cells",
            table.id
        );

        // Rows as on the page: the categories in order, the total last.
        if table.dimensions.len() <= 2 {
            let mut expected: Vec<&str> = table
                .dimensions
                .first()
                .map(|d| d.categories.iter().map(|c| c.label.as_str()).collect())
                .unwrap_or_default();
            expected.push("Total");
            assert_eq!(first_column, expected, "{}", table.id);
        }

        // No number anywhere but the published counts: one numeric cell per published cell, and
        // the suppressed words once per suppressed cell.
        let published = from_csv.iter().filter(|(_, v)| v != "suppressed").count();
        let suppressed = from_csv.len() - published;
        let sheets = xlsx_sheets(&xlsx);
        assert_eq!(
            sheets.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            ["Table", "Notes"]
        );
        let numbers = sheets
            .iter()
            .flat_map(|(_, c)| c.values())
            .filter(|c| matches!(c, XlsxCell::Number(_)))
            .count();
        assert_eq!(numbers, published, "{}", table.id);
        let words = cells
            .values()
            .filter(|c| **c == XlsxCell::Text(hidden.clone()))
            .count();
        assert_eq!(words, suppressed, "{}", table.id);
    }
}

/// The notes sheet as heading → text.
fn notes(xlsx: &[u8]) -> BTreeMap<String, String> {
    notes_in(xlsx, "Notes")
}

/// The notes sheet called `name` as heading → text.
fn notes_in(xlsx: &[u8], name: &str) -> BTreeMap<String, String> {
    let cells = sheet(xlsx, name);
    let rows: std::collections::BTreeSet<u32> = cells.keys().map(|(r, _)| *r).collect();
    rows.into_iter()
        .map(|r| {
            (
                text_at(&cells, r, 0).to_string(),
                text_at(&cells, r, 1).to_string(),
            )
        })
        .collect()
}

#[test]
fn publish_xlsx_notes_give_the_method_k_dates_and_licence() {
    let config = config();
    let table = by_sex_and_exploitation();
    let notes_with = notes(&table_xlsx(&table, &config, Some(EDITION), &en()).unwrap());
    assert_eq!(notes_with["Table"], table.title);
    assert_eq!(notes_with["Covers"], table.filter);
    assert_eq!(notes_with["By"], "Sex; Type of exploitation");
    assert_eq!(notes_with["Publisher"], "Example Organisation");
    assert_eq!(notes_with["Data as of"], "2024-12-31");
    assert_eq!(notes_with["Date of this edition"], "2026-03-01");
    assert_eq!(
        notes_with["Threshold (k)"],
        "11: every published count is 0 or at least 11."
    );
    assert!(notes_with["Not published"].starts_with("“not published” marks a count"));
    assert!(notes_with["Not published"].contains("from 1 to 10"));
    assert!(notes_with["Method"].contains("Every published count is 0 or at least 11"));
    assert!(notes_with["Method"].contains("A suppressed cell shows \"not published\""));
    assert!(
        !notes_with["Method"].contains("`flag`"),
        "the CSV's wording"
    );
    assert_eq!(
        notes_with["Licence"],
        "CC-BY-4.0 (Creative Commons Attribution 4.0), https://creativecommons.org/licenses/by/4.0/"
    );
    assert_eq!(
        notes_with["Machine-readable"],
        "https://stats.example.org/data/victims-by-sex-and-exploitation.csv: the same cells with codes and labels, one row per cell"
    );

    let notes_without = notes(&table_xlsx(&table, &config, None, &en()).unwrap());
    assert!(!notes_without.contains_key("Date of this edition"));
}

#[test]
fn publish_xlsx_same_input_same_bytes() {
    let config = config();
    let table = three_dims();
    let first = table_xlsx(&table, &config, Some(EDITION), &en()).unwrap();
    let undated = table_xlsx(&table, &config, None, &en()).unwrap();
    // Past a second of the clock: a creation time taken from it would change the bytes.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(
        first,
        table_xlsx(&table, &config, Some(EDITION), &en()).unwrap()
    );
    assert_eq!(undated, table_xlsx(&table, &config, None, &en()).unwrap());
    // The edition date is what the document says it was created: another date, other bytes.
    let later = EditionDate { day: 2, ..EDITION };
    assert_ne!(
        first,
        table_xlsx(&table, &config, Some(later), &en()).unwrap()
    );
    assert_ne!(first, undated);
}

#[test]
fn publish_xlsx_snapshot() {
    let xlsx = table_xlsx(&by_sex_and_exploitation(), &config(), Some(EDITION), &en()).unwrap();
    let mut out = String::new();
    for (name, cells) in xlsx_sheets(&xlsx) {
        out.push_str(&format!("== {name}\n"));
        for ((r, c), cell) in cells {
            let column = char::from(b'A' + c as u8);
            match cell {
                XlsxCell::Number(n) => out.push_str(&format!("{column}{} {n}\n", r + 1)),
                XlsxCell::Text(s) => out.push_str(&format!("{column}{} {s:?}\n", r + 1)),
            }
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn publish_xlsx_sheet_names_headings_and_notes_follow_the_language() {
    let mut config = config();
    config.default_language = "en".into();
    let table = by_sex_and_exploitation();
    for (code, table_sheet, notes_sheet, threshold, total) in [
        ("ar", "الجدول", "ملاحظات", "الحدّ الأدنى (k)", "المجموع"),
        ("fr", "Tableau", "Notes", "Seuil (k)", "Total"),
    ] {
        let wording = locale(code);
        let xlsx = table_xlsx(&table, &config, Some(EDITION), &wording).unwrap();
        let names: Vec<String> = xlsx_sheets(&xlsx).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, [table_sheet, notes_sheet], "{code}");
        let names = sheet_names(&wording);
        assert_eq!(
            (names.table.as_str(), names.notes.as_str()),
            (table_sheet, notes_sheet)
        );
        let notes = notes_in(&xlsx, notes_sheet);
        assert!(notes.contains_key(threshold), "{code}: {notes:?}");
        for english in [
            "Table",
            "Threshold (k)",
            "Not published",
            "Totals",
            "Method",
            "Machine-readable",
            "Publisher",
        ] {
            assert!(
                !notes.contains_key(english),
                "{code}: {english} in {notes:?}"
            );
        }
        // The notes point at the CSV of the same language, beside the spreadsheet.
        assert!(
            notes.values().any(|v| v.starts_with(&format!(
                "https://stats.example.org/{code}/data/victims-by-sex-and-exploitation.csv"
            ))),
            "{code}: {notes:?}"
        );
        let text = crate::xlsx_support::xlsx_text(&xlsx);
        assert!(!text.contains("See the sheet"), "{code}: {text}");
        let cells = sheet(&xlsx, table_sheet);
        assert!(
            cells
                .values()
                .any(|c| *c == XlsxCell::Text(total.to_string())),
            "{code}: the total row is labelled in the language"
        );
        if code == "ar" {
            assert!(!cells.values().any(|c| *c == XlsxCell::Text("Total".into())));
            assert!(!cells.values().any(|c| *c == XlsxCell::Text("Count".into())));
        }
    }
}

#[test]
fn publish_xlsx_sheet_names_from_a_sites_messages_are_made_valid() {
    let site =
        |text: &str| Locale::new("fr", Some((std::path::Path::new("i18n/fr.ftl"), text))).unwrap();
    let wording = site(
        "xlsx-sheet-table = 'Données [2015–2024]: victimes / cas * pays ? \\ par année'\nxlsx-sheet-notes = Notes : méthode\n",
    );
    let names = sheet_names(&wording);
    assert_eq!(names.table, "Données 2015–2024 victimes  ca");
    assert_eq!(names.notes, "Notes  méthode");
    for name in [&names.table, &names.notes] {
        assert!(name.chars().count() <= 31, "{name}");
        assert!(
            !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{name}"
        );
        assert!(!name.starts_with('\'') && !name.ends_with('\''), "{name}");
    }
    let xlsx = table_xlsx(&by_sex_and_exploitation(), &config(), None, &wording).unwrap();
    let sheets: Vec<String> = xlsx_sheets(&xlsx).into_iter().map(|(n, _)| n).collect();
    assert_eq!(sheets, [names.table.clone(), names.notes.clone()]);
    // Apostrophes and spaces at the ends, however mixed, go.
    let names = sheet_names(&site("xlsx-sheet-table = ' 'x' ' \n"));
    assert_eq!(names.table, "x");
    // Two names Excel would take for one (it ignores case), a name with nothing left, or the
    // name Excel keeps for itself: the English names.
    for text in [
        "xlsx-sheet-table = Notes\nxlsx-sheet-notes = NOTES\n",
        "xlsx-sheet-table = [*?]\n",
        "xlsx-sheet-notes = history\n",
    ] {
        let names = sheet_names(&site(text));
        assert_eq!(
            (names.table.as_str(), names.notes.as_str()),
            ("Table", "Notes"),
            "{text}"
        );
    }
}
