//! Reading a published XLSX back with `calamine`, an independent reader: every non-empty cell of
//! every sheet, decoded (the file is a zip, so its bytes say nothing searchable).

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

/// A decoded cell: a number, or text.
#[derive(Debug, Clone, PartialEq)]
pub enum XlsxCell {
    Number(f64),
    Text(String),
}

/// A sheet's non-empty cells by `(row, column)` (absolute, 0-based).
pub type Cells = BTreeMap<(u32, u32), XlsxCell>;

/// Every sheet by name, in workbook order.
pub fn xlsx_sheets(bytes: &[u8]) -> Vec<(String, Cells)> {
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("calamine opens the XLSX");
    let names = workbook.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells = range
                .cells()
                .filter_map(|(r, c, data)| {
                    let cell = match data {
                        Data::Empty => return None,
                        Data::Float(f) => XlsxCell::Number(*f),
                        Data::Int(i) => XlsxCell::Number(*i as f64),
                        Data::String(s) => XlsxCell::Text(s.clone()),
                        other => panic!("sheet {name}: unexpected cell {other:?}"),
                    };
                    Some(((r0 + r as u32, c0 + c as u32), cell))
                })
                .collect();
            (name, cells)
        })
        .collect()
}

/// All the text of a workbook, one cell a line, numbers written as integers where they are.
pub fn xlsx_text(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (_, cells) in xlsx_sheets(bytes) {
        for cell in cells.values() {
            match cell {
                XlsxCell::Number(n) => out.push_str(&format!("{n}")),
                XlsxCell::Text(s) => out.push_str(s),
            }
            out.push('\n');
        }
    }
    out
}

/// The sheet `name`'s cells.
pub fn sheet(bytes: &[u8], name: &str) -> Cells {
    xlsx_sheets(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

/// The text of a cell, or "" when it is empty or a number.
pub fn text_at(cells: &Cells, row: u32, col: u32) -> &str {
    match cells.get(&(row, col)) {
        Some(XlsxCell::Text(s)) => s,
        _ => "",
    }
}
