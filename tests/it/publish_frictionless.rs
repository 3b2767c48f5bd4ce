//! The downloads pass `frictionless validate` (PyPI package `frictionless`). The tool is required:
//! without it these tests fail and say how to install it (`.ci/install-test-tools`).

use std::path::Path;
use std::process::{Command, Output};

use safestat::privacy::ProtectedTable;
use safestat::publish::downloads;

use crate::publish_fixtures::*;

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
    for file in downloads(&tables(), &config()).unwrap() {
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
