//! CSV, JSON and `datapackage.json` downloads.

use safestat::privacy::CellValue;
use safestat::publish::{
    datapackage_json, downloads, table_csv, table_json, Download, XLSX_MEDIA_TYPE,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::publish_fixtures::*;

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn publish_csv_snapshot() {
    let csv = String::from_utf8(table_csv(&by_sex_and_exploitation()).unwrap()).unwrap();
    insta::assert_snapshot!(csv);
}

#[test]
fn publish_json_snapshot() {
    let json = String::from_utf8(table_json(&by_country()).unwrap()).unwrap();
    insta::assert_snapshot!(json);
}

#[test]
fn publish_datapackage_snapshot() {
    let tables = vec![by_country(), by_sex_and_exploitation()];
    let package =
        String::from_utf8(datapackage_json(&tables, &[], &config(), None, &en()).unwrap()).unwrap();
    insta::assert_snapshot!(package);
}

#[test]
fn publish_csv_has_one_row_per_grid_cell_in_grid_order() {
    for table in all_tables() {
        let (header, rows) = csv_rows(&table_csv(&table).unwrap());
        let grid: usize = table
            .dimensions
            .iter()
            .map(|d| d.categories.len() + 1)
            .product();
        assert_eq!(rows.len(), grid, "{}", table.id);
        let mut expected_header: Vec<String> = table
            .dimensions
            .iter()
            .flat_map(|d| [d.id.clone(), format!("{}_label", d.id)])
            .collect();
        expected_header.extend(["count".into(), "flag".into()]);
        assert_eq!(header, expected_header);
        for (row, cell) in rows.iter().zip(&table.cells) {
            for (d, k) in cell.key.iter().enumerate() {
                let category = k.map(|c| &table.dimensions[d].categories[c]);
                assert_eq!(row[2 * d], category.map_or("Total", |c| c.code.as_str()));
                assert_eq!(
                    row[2 * d + 1],
                    category.map_or("Total", |c| c.label.as_str())
                );
            }
            let n = 2 * table.dimensions.len();
            match cell.value {
                CellValue::Published(v) => {
                    assert_eq!((&*row[n], &*row[n + 1]), (&*v.to_string(), ""))
                }
                CellValue::Suppressed => assert_eq!((&*row[n], &*row[n + 1]), ("", "suppressed")),
            }
        }
    }
}

#[test]
fn publish_json_holds_the_same_cells_as_the_csv() {
    for table in all_tables() {
        let json: Value = serde_json::from_slice(&table_json(&table).unwrap()).unwrap();
        let (header, rows) = csv_rows(&table_csv(&table).unwrap());
        let cells = json["cells"].as_array().unwrap();
        assert_eq!(cells.len(), rows.len());
        for (cell, row) in cells.iter().zip(&rows) {
            let mut columns = 0;
            for (i, column) in header.iter().enumerate() {
                if column.ends_with("_label") {
                    continue;
                }
                columns += 1;
                let expected = match (column.as_str(), row[i].as_str()) {
                    ("count", "") | ("flag", "") => Value::Null,
                    ("count", n) => Value::from(n.parse::<u64>().unwrap()),
                    (_, s) => Value::from(s),
                };
                assert_eq!(cell[column], expected, "{} {column}", table.id);
            }
            assert_eq!(cell.as_object().unwrap().len(), columns);
        }
        assert_eq!(json["id"], table.id.as_str());
        assert_eq!(
            json["dimensions"].as_array().unwrap().len(),
            table.dimensions.len()
        );
        assert_eq!(
            json["dimensions"][0]["categories"][0]["label"],
            table.dimensions[0].categories[0].label.as_str()
        );
    }
}

fn package(files: &[Download]) -> Value {
    let file = files
        .iter()
        .find(|f| f.path == "data/datapackage.json")
        .unwrap();
    serde_json::from_slice(&file.bytes).unwrap()
}

#[test]
fn publish_downloads_layout_and_hashes_match_the_bytes() {
    let tables = all_tables();
    let files = downloads(&tables, &[], &config(), None, &en()).unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths.len(), tables.len() * 3 + 1);
    for t in &tables {
        assert!(paths.contains(&format!("data/{}.csv", t.id).as_str()));
        assert!(paths.contains(&format!("data/{}.json", t.id).as_str()));
        assert!(paths.contains(&format!("data/{}.xlsx", t.id).as_str()));
    }
    let package = package(&files);
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), tables.len() * 2);
    for t in &tables {
        let xlsx = resources
            .iter()
            .find(|r| r["path"] == format!("{}.xlsx", t.id).as_str())
            .expect("every spreadsheet is a resource");
        assert_eq!(xlsx["type"], "file");
        assert_eq!(xlsx["format"], "xlsx");
        assert_eq!(xlsx["mediatype"], XLSX_MEDIA_TYPE);
        assert_eq!(xlsx["name"], format!("{}-xlsx", t.id).as_str());
    }
    for resource in resources {
        let path = format!("data/{}", resource["path"].as_str().unwrap());
        let file = files
            .iter()
            .find(|f| f.path == path)
            .expect("resource path points at a download");
        let digest: String = Sha256::digest(&file.bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(resource["hash"], format!("sha256:{digest}").as_str());
        assert_eq!(resource["bytes"], file.bytes.len());
    }
}

#[test]
fn publish_datapackage_categories_cover_every_value_in_the_csv() {
    let tables = all_tables();
    let package: Value =
        serde_json::from_slice(&datapackage_json(&tables, &[], &config(), None, &en()).unwrap())
            .unwrap();
    for (table, resource) in tables.iter().zip(package["resources"].as_array().unwrap()) {
        let (header, rows) = csv_rows(&table_csv(table).unwrap());
        let fields = resource["schema"]["fields"].as_array().unwrap();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(names, header);
        for (i, field) in fields.iter().enumerate() {
            let Some(categories) = field["categories"].as_array() else {
                continue;
            };
            let values: Vec<&str> = categories
                .iter()
                .map(|c| c["value"].as_str().unwrap())
                .collect();
            assert!(categories.iter().all(|c| c["label"].is_string()));
            for row in &rows {
                assert!(
                    row[i].is_empty() || values.contains(&row[i].as_str()),
                    "{} {}",
                    field["name"],
                    row[i]
                );
            }
        }
        let count = &fields[header.len() - 2];
        assert_eq!(count["type"], "integer");
        assert_eq!(count["missingValues"][0]["value"], "");
        assert_eq!(count["missingValues"][0]["label"], "suppressed");
    }
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    let description = package["description"].as_str().unwrap();
    assert!(
        description.contains("at least 11") && description.contains("2024-12-31"),
        "{description}"
    );
}

#[test]
fn publish_downloads_are_deterministic() {
    let tables = all_tables();
    assert_eq!(
        downloads(&tables, &[], &config(), None, &en()).unwrap(),
        downloads(&tables, &[], &config(), None, &en()).unwrap()
    );
}

#[test]
fn publish_rejects_tables_a_download_cannot_represent() {
    let total_code = table(
        "t",
        "T",
        vec![dim(
            "x",
            "X",
            "category",
            &[("Total", "A category coded Total")],
        )],
        vec![P(20), P(20)],
    );
    let err = table_csv(&total_code).unwrap_err().to_string();
    assert!(err.contains("coded `Total`"), "{err}");

    let clash = table(
        "t",
        "T",
        vec![dim("count", "Count", "category", &[("a", "A")])],
        vec![P(20), P(20)],
    );
    assert!(table_csv(&clash)
        .unwrap_err()
        .to_string()
        .contains("clashes"));

    let label_clash = table(
        "t",
        "T",
        vec![
            dim("x", "X", "category", &[("a", "A")]),
            dim("x_label", "X label", "category", &[("b", "B")]),
        ],
        vec![P(20), P(20), P(20), P(20)],
    );
    let err = table_csv(&label_clash).unwrap_err().to_string();
    assert!(
        err.contains(
            "`x_label` clashes with the column `x_label` that holds the labels of dimension `x`"
        ),
        "{err}"
    );

    let bad_id = table("../etc", "T", vec![sex()], vec![P(20), P(20), P(40)]);
    assert!(table_json(&bad_id)
        .unwrap_err()
        .to_string()
        .contains("cannot name a download"));

    let twice = vec![by_country(), by_country()];
    assert!(datapackage_json(&twice, &[], &config(), None, &en())
        .unwrap_err()
        .to_string()
        .contains("share the id"));
}
