//! The spreadsheets of a built site: linked beside the CSV from every table page and from the
//! statistics index, listed in `datapackage.json` with their hash, the same bytes from two builds,
//! dated by `SOURCE_DATE_EPOCH` (never the clock), and holding nothing of a column the schema
//! does not declare.

use std::process::Command;

use sha2::{Digest, Sha256};

use crate::publish_spreadsheets::{csv_cells, sheet_cells};
use crate::site_fixture::Fixture;
use crate::site_statistics::{cases_csv, statistics_site};
use crate::xlsx_support::{sheet, xlsx_text};
use safestat::site::{load_config, protect_data};

/// The statistics fixture with an undeclared column of distinctive notes in its case file.
fn site_with_undeclared_notes() -> Fixture {
    let f = statistics_site();
    let csv: String = cases_csv()
        .lines()
        .enumerate()
        .map(|(i, line)| match i {
            0 => format!("{line},intake_note\n"),
            _ => format!("{line},confidential-note-{i:05}\n"),
        })
        .collect();
    f.file("data/cases.csv", &csv);
    f
}

fn spreadsheets(f: &Fixture) -> Vec<(String, Vec<u8>)> {
    f.files()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".xlsx"))
        .collect()
}

fn build_with_epoch(f: &Fixture, epoch: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_safestat"))
        .args(["build", "--root"])
        .arg(f.root())
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn site_spreadsheets_are_linked_listed_and_hold_no_undeclared_column() {
    let f = site_with_undeclared_notes();
    f.build().unwrap();
    let sheets = spreadsheets(&f);
    let package: serde_json::Value =
        serde_json::from_str(&f.read("data/datapackage.json")).unwrap();
    let resources = package["resources"].as_array().unwrap();
    let tables: Vec<&str> = resources
        .iter()
        .filter(|r| r["type"] == "table")
        .map(|r| r["path"].as_str().unwrap().trim_end_matches(".csv"))
        .collect();
    assert!(!tables.is_empty());
    assert_eq!(sheets.len(), tables.len(), "one spreadsheet per table");
    let index = f.read("statistics/index.html");
    for id in &tables {
        let path = format!("data/{id}.xlsx");
        let (_, bytes) = sheets.iter().find(|(p, _)| *p == path).unwrap();
        let url = format!("https://example.org/lebanon/{path}");
        let page = f.read(&format!("statistics/{id}/index.html"));
        assert!(
            page.contains(&format!("<a href=\"{url}\" download>XLSX</a>")),
            "{id}"
        );
        assert!(
            index.contains(&format!(
                "<a href=\"{url}\">XLSX<span class=\"visually-hidden\">"
            )),
            "{id}"
        );
        let resource = resources
            .iter()
            .find(|r| r["path"] == format!("{id}.xlsx").as_str())
            .unwrap();
        let digest: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(resource["hash"], format!("sha256:{digest}").as_str());
        assert_eq!(resource["bytes"], bytes.len());

        let text = xlsx_text(bytes);
        assert!(
            text.contains("not published")
                || !f.read(&format!("data/{id}.csv")).contains("suppressed")
        );
        assert!(
            !text.contains("confidential-note"),
            "{path} holds an undeclared column"
        );
        assert!(
            !text.contains("intake_note"),
            "{path} names an undeclared column"
        );
        assert!(!text.contains("SR-"), "{path} holds a case reference");
    }
}

/// Each spreadsheet of the built site holds the cells of the CSV beside it, suppressed cells
/// included, read back through the layout of its page.
#[test]
fn site_spreadsheets_match_the_published_csv_cell_for_cell() {
    let f = statistics_site();
    f.build().unwrap();
    let config = load_config(f.root()).unwrap();
    let protection = protect_data(f.root(), &config).unwrap();
    let mut suppressed = 0;
    for table in &protection.tables {
        let xlsx = std::fs::read(f.out().join(format!("data/{}.xlsx", table.id))).unwrap();
        let csv = std::fs::read(f.out().join(format!("data/{}.csv", table.id))).unwrap();
        let cells = sheet(&xlsx, "Table");
        let (mut from_sheet, _) = sheet_cells(table, &cells, &config.privacy.suppressed_text);
        let mut from_csv = csv_cells(table, &csv);
        from_sheet.sort();
        from_csv.sort();
        assert_eq!(from_sheet, from_csv, "{}", table.id);
        suppressed += from_csv.iter().filter(|(_, v)| v == "suppressed").count();
    }
    assert!(suppressed > 0, "the site's tables have suppressed cells");
}

#[test]
fn site_spreadsheets_two_builds_give_the_same_bytes() {
    let f = site_with_undeclared_notes();
    build_with_epoch(&f, "1767225600");
    let first = spreadsheets(&f);
    assert!(!first.is_empty());
    // A second later by the clock; the same input and the same SOURCE_DATE_EPOCH.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build_with_epoch(&f, "1767225600");
    assert_eq!(spreadsheets(&f), first);
    // Another date of this edition is written into every spreadsheet.
    build_with_epoch(&f, "1767312000");
    let later = spreadsheets(&f);
    for ((path, a), (_, b)) in first.iter().zip(&later) {
        assert_ne!(a, b, "{path} carries the edition date");
        assert!(xlsx_text(b).contains("2026-01-02"), "{path}");
        assert!(xlsx_text(a).contains("2026-01-01"), "{path}");
    }
}
