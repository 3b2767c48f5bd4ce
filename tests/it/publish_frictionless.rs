//! The downloads pass `frictionless validate` (PyPI package `frictionless`). The tool is required:
//! without it these tests fail and say how to install it (`.ci/install-test-tools`).

use std::path::Path;
use std::process::{Command, Output};

use safestat::data::ColumnKind;
use safestat::privacy::records::{release, RecordRelease};
use safestat::privacy::ProtectedTable;
use safestat::publish::downloads;

use crate::publish_fixtures::*;
use crate::records_support::{column, resolve, table as case_table};

pub fn frictionless_validate(package: &Path) -> Output {
    match Command::new("frictionless").arg("validate").arg(package).output() {
        Ok(output) => output,
        Err(e) => panic!(
            "cannot run `frictionless` ({e}); install the test tools with `bash .ci/install-test-tools`"
        ),
    }
}

/// The fixtures, plus a table without dimensions and one whose codes need CSV quoting.
fn tables() -> Vec<ProtectedTable> {
    let mut tables = all_tables();
    tables.push(table("total-only", "All victims", vec![], vec![P(13890)]));
    tables.push(table(
        "quirky",
        "Codes that need quoting",
        vec![dim(
            "place",
            "Place",
            "category",
            &[("Beirut, \"centre\"", "Beyrouth — centre"), ("Tyre", "Ṣūr")],
        )],
        vec![S, P(25), P(40)],
    ));
    tables
}

fn write_downloads(root: &Path) {
    for file in downloads(&tables(), &[], &config(), None, &en()).unwrap() {
        let path = root.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.bytes).unwrap();
    }
}

pub fn report(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn publish_frictionless_validate_passes() {
    let dir = tempfile::tempdir().unwrap();
    write_downloads(dir.path());
    let output = frictionless_validate(&dir.path().join("data/datapackage.json"));
    assert!(
        output.status.success(),
        "frictionless validate failed:\n{}",
        report(&output)
    );
}

#[test]
fn publish_frictionless_validate_catches_a_changed_file() {
    let dir = tempfile::tempdir().unwrap();
    write_downloads(dir.path());
    let csv = dir.path().join("data/victims-by-country.csv");
    let text = std::fs::read_to_string(&csv)
        .unwrap()
        .replace("12345", "12346");
    std::fs::write(&csv, text).unwrap();
    let output = frictionless_validate(&dir.path().join("data/datapackage.json"));
    assert!(
        !output.status.success(),
        "a changed CSV must not validate:\n{}",
        report(&output)
    );
    assert!(report(&output).contains("hash"), "{}", report(&output));
}

/// A small k-anonymous release (k = 3) of a year, a category with a blank, and an open column.
pub fn records() -> RecordRelease {
    let rows: Vec<Vec<&str>> = (0..40)
        .map(|i| {
            vec![
                ["2019", "2020", "2021"][i % 3],
                ["F", "M", "unknown"][(i / 3) % 3],
                ["sexual", "labour, \"forced\""][i % 2],
            ]
        })
        .collect();
    let data = case_table(
        vec![
            column("year", ColumnKind::Year, &["2019", "2020", "2021"], None),
            column(
                "gender",
                ColumnKind::Category,
                &["F", "M", "unknown"],
                Some("unknown"),
            ),
            column(
                "exploitation_type",
                ColumnKind::Category,
                &["sexual", "labour, \"forced\""],
                None,
            ),
        ],
        &rows,
    );
    let spec = resolve(
        &data,
        "k = 3\nquasi_identifiers = [\"year\", \"gender\"]\nsensitive = \"exploitation_type\"\nl = 2\n",
    );
    release(&data, &spec).unwrap()
}

fn write_downloads_with_records(root: &Path) {
    for file in downloads(&tables(), &[records()], &config(), None, &en()).unwrap() {
        let path = root.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.bytes).unwrap();
    }
}

#[test]
fn publish_frictionless_validate_passes_with_a_records_resource() {
    let dir = tempfile::tempdir().unwrap();
    write_downloads_with_records(dir.path());
    let package = dir.path().join("data/datapackage.json");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&package).unwrap()).unwrap();
    let resources = json["resources"].as_array().unwrap();
    let records = resources
        .iter()
        .find(|r| r["path"] == "cases-records.csv")
        .expect("the records file is a resource of the package");
    assert_eq!(records["name"], "cases-records");
    assert!(records["hash"].as_str().unwrap().starts_with("sha256:"));
    assert!(dir.path().join("data/cases-records.csv").is_file());
    let output = frictionless_validate(&package);
    assert!(
        output.status.success(),
        "frictionless validate failed:\n{}",
        report(&output)
    );

    // The check is not vacuous: a records file edited after the build fails.
    let csv = dir.path().join("data/cases-records.csv");
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text.push_str("2019,F,sexual\n");
    std::fs::write(&csv, text).unwrap();
    let output = frictionless_validate(&package);
    assert!(
        !output.status.success(),
        "a changed records file must not validate:\n{}",
        report(&output)
    );
}

#[test]
fn publish_records_resource_is_the_same_in_both_package_writers_and_names_never_clash() {
    let files = downloads(&tables(), &[records()], &config(), None, &en()).unwrap();
    let package = files
        .iter()
        .find(|f| f.path == "data/datapackage.json")
        .unwrap();
    let alone =
        safestat::publish::datapackage_json(&tables(), &[records()], &config(), None, &en())
            .unwrap();
    assert_eq!(package.bytes, alone);
    assert_eq!(
        files
            .iter()
            .filter(|f| f.path.ends_with("-records.csv"))
            .count(),
        1
    );

    let mut clashing = tables();
    clashing.push(table(
        "cases-records",
        "A table named like the release",
        vec![],
        vec![P(40)],
    ));
    let err = downloads(&clashing, &[records()], &config(), None, &en()).unwrap_err();
    assert!(err.to_string().contains("cases-records"), "{err}");
}
