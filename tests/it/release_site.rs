//! A site whose dataset declares a `[release]`: the build writes `data/<dataset>-records.csv`, an
//! independent check (the csv crate, QI values compared as written, a blank a value of its own)
//! confirms it k-anonymous and l-diverse, the dataset's tables agree with the released records,
//! `safestat audit` reports the release, and `[release]` mistakes name the schema. The record-level
//! example, `examples/records/`, publishes its release; the root example publishes none.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use safestat::privacy::{CellValue, ProtectedTable};
use safestat::site::{load_config, protect_data, BuildOptions};

use crate::site_fixture::Fixture;

const QIS: [&str; 5] = [
    "year",
    "gender",
    "age_band",
    "citizenship",
    "country_of_exploitation",
];
const K: usize = 11;
/// As many cases as the example site: enough for the release to reach k = 11, l = 2.
const ROWS: usize = 20_000;
const L: usize = 2;

/// The record-level example site, `examples/records/`.
fn records_example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/records")
}

/// The record-level example's schema without its own `[release]`, with `release` appended.
fn schema(release: &str) -> String {
    let example = include_str!("../../examples/records/data/cases.toml");
    let columns = match example.find("\n[release]") {
        Some(at) => {
            // Drop the release and its comment block (the lines starting with `#` just above it).
            let before = &example[..at];
            let mut lines: Vec<&str> = before.lines().collect();
            while lines
                .last()
                .is_some_and(|l| l.starts_with('#') || l.is_empty())
            {
                lines.pop();
            }
            lines.join("\n") + "\n"
        }
        None => example.to_string(),
    };
    format!("{columns}\n{release}")
}

const RELEASE: &str = r#"
[release]
quasi_identifiers = ["year", "gender", "age_band", "citizenship", "country_of_exploitation"]
sensitive = "exploitation_type"
l = 2
max_suppressed_records = 0.1

[release.hierarchy.year]
periods = [[2015, 2019], [2020, 2024], [2025, 2025]]

[release.hierarchy.age_band]
levels = [{ "0-8" = "minor", "9-17" = "minor", "18-20" = "adult", "21-23" = "adult", "24-26" = "adult", "27-29" = "adult", "30-38" = "adult", "39-47" = "adult", "48+" = "adult" }]

[release.hierarchy.citizenship]
builtin = "m49"

[release.hierarchy.country_of_exploitation]
builtin = "m49"
"#;

const TABLES: &str = r#"
[[table]]
id = "by-year"
title = "Victims by year"
dimensions = ["year"]

[[table]]
id = "by-gender-age"
title = "Victims by gender and age"
dimensions = ["gender", "age_band"]

[[table]]
id = "by-exploitation"
title = "Victims by type of exploitation"
dimensions = ["exploitation_type"]

[[table]]
id = "exploitation-by-year"
title = "Type of exploitation by year, 2015–2024"
dimensions = ["exploitation_type", "year"]
filter = { year = { from = 2015, to = 2024 } }
"#;

fn site(rows: usize, release: &str) -> Fixture {
    let f = Fixture::new();
    let mut csv = Vec::new();
    safestat::data::synth::write_cases(&mut csv, rows, 7).unwrap();
    f.file("data/cases.csv", std::str::from_utf8(&csv).unwrap());
    f.file("data/cases.toml", &schema(release));
    f.file("data/tables.toml", TABLES);
    f
}

fn build(f: &Fixture) {
    safestat::site::build(&BuildOptions {
        root: f.root().to_path_buf(),
        ..BuildOptions::default()
    })
    .unwrap();
}

/// The records file as header + rows of strings.
fn read_records(f: &Fixture) -> (Vec<String>, Vec<Vec<String>>) {
    let path = f.out().join("data/cases-records.csv");
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn col(header: &[String], id: &str) -> usize {
    header
        .iter()
        .position(|h| h == id)
        .unwrap_or_else(|| panic!("no column {id} in {header:?}"))
}

/// Smallest class size and fewest distinct sensitive values in a class, grouping by the QI strings
/// as written (a blank is a value of its own).
fn k_and_l(header: &[String], rows: &[Vec<String>]) -> (usize, usize) {
    let qis: Vec<usize> = QIS.iter().map(|q| col(header, q)).collect();
    let sensitive = col(header, "exploitation_type");
    let mut classes: BTreeMap<Vec<&str>, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for row in rows {
        let key: Vec<&str> = qis.iter().map(|&c| row[c].as_str()).collect();
        let class = classes.entry(key).or_default();
        class.0 += 1;
        class.1.insert(row[sensitive].as_str());
    }
    let k = classes.values().map(|c| c.0).min().unwrap_or(0);
    let l = classes.values().map(|c| c.1.len()).min().unwrap_or(0);
    (k, l)
}

#[test]
fn release_site_builds_a_k_anonymous_l_diverse_records_file() {
    let f = site(ROWS, RELEASE);
    build(&f);
    let (header, rows) = read_records(&f);
    assert!(
        rows.len() > ROWS * 9 / 10,
        "most records are released: {}",
        rows.len()
    );
    for id in QIS.iter().chain(&["exploitation_type", "source"]) {
        col(&header, id);
    }
    assert!(
        !header.iter().any(|h| h == "case_ref"),
        "the drop column is never released"
    );
    let (k, l) = k_and_l(&header, &rows);
    assert!(k >= K, "smallest class {k} < k = {K}");
    assert!(l >= L, "a class has {l} < l = {L} exploitation types");

    // Rows are not in input order: the first records of the CSV are not the first cases.
    let mut input = Vec::new();
    safestat::data::synth::write_cases(&mut input, ROWS, 7).unwrap();
    let input = String::from_utf8(input).unwrap();
    let first_sources: Vec<&str> = input
        .lines()
        .skip(1)
        .take(50)
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    let released: Vec<&str> = rows[..50]
        .iter()
        .map(|r| r[col(&header, "source")].as_str())
        .collect();
    assert_ne!(first_sources, released, "rows follow the input order");
}

/// The independent check is not vacuous: it catches a file that is not k-anonymous.
#[test]
fn release_site_check_catches_a_unique_row() {
    let header: Vec<String> = QIS
        .iter()
        .chain(&["exploitation_type"])
        .map(|s| s.to_string())
        .collect();
    let row = |age: &str, t: &str| -> Vec<String> {
        ["2015-2019", "F", age, "", "LB", t]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let mut rows: Vec<Vec<String>> = (0..K)
        .map(|i| row("adult", if i % 2 == 0 { "sexual" } else { "other" }))
        .collect();
    assert_eq!(k_and_l(&header, &rows), (K, 2));
    // A blank matches only blanks: this row is a class of its own.
    rows.push(row("", "sexual"));
    assert_eq!(k_and_l(&header, &rows), (1, 1));
}

fn grand_total(table: &ProtectedTable) -> Option<u64> {
    table
        .cells
        .iter()
        .find(|c| c.key.iter().all(Option::is_none))
        .and_then(|c| c.value.published())
}

#[test]
fn release_site_tables_agree_with_the_released_records() {
    let f = site(ROWS, RELEASE);
    build(&f);
    let (header, rows) = read_records(&f);
    let config = load_config(f.root()).unwrap();
    let protection = protect_data(f.root(), &config).unwrap();
    assert_eq!(protection.releases.len(), 1);
    assert_eq!(protection.releases[0].len, rows.len());

    // Every published cell of every table (margins and the grand total included) equals the count
    // of released records with its categories, a blank counted as the column's Unknown.
    let mut cells_checked = 0;
    for table in &protection.tables {
        if table.filter.is_empty() {
            assert_eq!(
                grand_total(table),
                Some(rows.len() as u64),
                "table {}: grand total is the records file's row count",
                table.id
            );
        }
        let dims: Vec<(usize, String)> = table
            .dimensions
            .iter()
            .map(|d| {
                let unknown = d
                    .categories
                    .iter()
                    .find(|c| c.label == config.privacy.unknown_label)
                    .map_or("unknown".to_string(), |c| c.code.clone());
                (col(&header, &d.id), unknown)
            })
            .collect();
        let year = col(&header, "year");
        // The one filtered table takes years 2015–2024: the released periods 2015-2019 and 2020-2024.
        let in_filter = |row: &Vec<String>| {
            table.filter.is_empty() || ["2015-2019", "2020-2024"].contains(&row[year].as_str())
        };
        for cell in &table.cells {
            let CellValue::Published(n) = cell.value else {
                continue;
            };
            let expected = rows
                .iter()
                .filter(|row| in_filter(row))
                .filter(|row| {
                    cell.key.iter().zip(&table.dimensions).zip(&dims).all(
                        |((key, dim), (c, unknown))| match key {
                            None => true,
                            Some(i) => {
                                let value = if row[*c].is_empty() {
                                    unknown
                                } else {
                                    &row[*c]
                                };
                                *value == dim.categories[*i].code
                            }
                        },
                    )
                })
                .count() as u64;
            assert_eq!(n, expected, "table {}: cell {:?}", table.id, cell.key);
            cells_checked += 1;
        }
    }
    assert!(cells_checked >= 40, "checked {cells_checked} cells");

    // The year table is by the released periods, not by the years recorded.
    let by_year = protection
        .tables
        .iter()
        .find(|t| t.id == "by-year")
        .unwrap();
    let years: Vec<&str> = by_year.dimensions[0]
        .categories
        .iter()
        .map(|c| c.code.as_str())
        .collect();
    let released: BTreeSet<&str> = rows
        .iter()
        .map(|r| r[col(&header, "year")].as_str())
        .filter(|y| !y.is_empty())
        .collect();
    for year in &released {
        assert!(years.contains(year), "{year} not in the table's {years:?}");
    }
    assert!(
        !years.contains(&"2016"),
        "years were generalised to periods: {years:?}"
    );
}

#[test]
fn release_site_audit_shows_the_release_report() {
    let f = site(ROWS, RELEASE);
    let output = Command::new(env!("CARGO_BIN_EXE_safestat"))
        .arg("audit")
        .current_dir(f.root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("Record release `cases-records.csv`"),
        "{stdout}"
    );
    assert!(stdout.contains("k = 11 (achieved"), "{stdout}");
    assert!(stdout.contains("l = 2 (achieved"), "{stdout}");
    assert!(stdout.contains("information loss"), "{stdout}");
    for qi in QIS {
        assert!(stdout.contains(qi), "{qi} missing from:\n{stdout}");
    }

    let report = safestat::site::audit(f.root(), &safestat::site::AuditRequest::default()).unwrap();
    assert_eq!(report.releases.len(), 1);
    let r = &report.releases[0];
    assert!(r.k_achieved >= K as u64);
    assert!(r.l_achieved.unwrap() >= L as u32);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["releases"][0]["dataset"], "cases");
}

#[test]
fn release_site_disabled_release_publishes_no_records() {
    let f = site(
        1000,
        &RELEASE.replace("[release]\n", "[release]\nenabled = false\n"),
    );
    build(&f);
    assert!(f.out().join("index.html").is_file());
    assert!(!f.out().join("data/cases-records.csv").exists());
}

fn build_error(f: &Fixture) -> String {
    let err = safestat::site::check(&BuildOptions {
        root: f.root().to_path_buf(),
        ..BuildOptions::default()
    })
    .unwrap_err();
    format!("{err:#}")
}

#[test]
fn release_site_schema_errors_name_the_file() {
    // An unknown key: a TOML error located in the schema.
    let f = site(300, &RELEASE.replace("l = 2", "l = 2\nkay = 5"));
    let message = build_error(&f);
    assert!(message.contains("cases.toml:"), "{message}");
    assert!(message.contains("kay"), "{message}");

    // A quasi-identifier the dataset does not have: resolved against the data, still named.
    let f = site(300, &RELEASE.replace("\"gender\",", "\"sex\","));
    let message = build_error(&f);
    assert!(message.contains("cases.toml:"), "{message}");
    assert!(message.contains("`sex`"), "{message}");

    // k below [privacy] k.
    let f = site(300, &RELEASE.replace("l = 2", "l = 2\nk = 5"));
    let message = build_error(&f);
    assert!(message.contains("cases.toml:"), "{message}");
    assert!(message.contains("k = 5"), "{message}");

    // A table filter that splits a released period.
    let f = site(ROWS, RELEASE);
    f.file(
        "data/tables.toml",
        &TABLES.replace("to = 2024", "to = 2022"),
    );
    let message = build_error(&f);
    assert!(message.contains("exploitation-by-year"), "{message}");
    assert!(message.contains("splits"), "{message}");
}

/// The record-level example offers its release, and its tables, computed from the released
/// records, need no suppression.
#[test]
fn release_site_records_example_is_k_anonymous_and_its_tables_protect() {
    let root = records_example();
    let config = load_config(&root).unwrap();
    let protection = protect_data(&root, &config).unwrap();
    assert_eq!(
        protection.releases.len(),
        1,
        "the records example declares a release"
    );
    let release = &protection.releases[0];
    let bytes = safestat::privacy::records::records_csv(release).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert!(rows.len() > 19_000, "{} records released", rows.len());
    let (k, l) = k_and_l(&header, &rows);
    assert!(k >= K && l >= L, "k = {k}, l = {l}");
    assert_eq!(protection.report.releases[0].k_achieved, k as u64);

    let totals = &protection.report.totals;
    assert_eq!(totals.tables, protection.tables.len());
    assert!(totals.tables >= 5, "{} tables", totals.tables);
    // Tables of the released records count generalised records: nothing is small enough to hide.
    for table in &protection.report.tables {
        assert_eq!(table.dataset, "cases");
        assert!(table.suppressed.is_empty(), "{} suppresses", table.id);
    }
    for table in &protection.tables {
        if table.filter.is_empty() {
            assert_eq!(
                grand_total(table),
                Some(rows.len() as u64),
                "table {}: grand total is the records file's row count",
                table.id
            );
        }
    }
}

/// The two example sites, built into temporary folders: the record-level example publishes its
/// records file (in the data package, linked from its records page), the root example none.
#[test]
fn release_site_records_example_publishes_records_and_the_root_example_does_not() {
    let out = tempfile::tempdir().unwrap();
    let build_into = |root: &Path, name: &str| -> PathBuf {
        let public = out.path().join(name);
        safestat::site::build(&BuildOptions {
            root: root.to_path_buf(),
            output_dir: Some(public.clone()),
            ..BuildOptions::default()
        })
        .unwrap_or_else(|e| panic!("{}: {e:#}", root.display()));
        public
    };

    let root = records_example();
    let records_csv = std::fs::read(root.join("data/cases.csv")).unwrap();
    let mut generated = Vec::new();
    safestat::data::synth::write_cases(&mut generated, ROWS, 1).unwrap();
    assert!(
        records_csv == generated,
        "examples/records/data/cases.csv is `safestat synth --rows 20000 --seed 1`"
    );
    let public = build_into(&root, "records");
    let download = public.join("data/cases-records.csv");
    assert!(download.is_file(), "{} missing", download.display());
    let mut reader = csv::Reader::from_path(&download).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert!(rows.len() > 19_000, "{} records released", rows.len());
    let (k, l) = k_and_l(&header, &rows);
    assert!(k >= K && l >= L, "k = {k}, l = {l}");
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("data/datapackage.json")).unwrap())
            .unwrap();
    assert!(
        package["resources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["path"] == "cases-records.csv"),
        "the records file is a resource of the data package"
    );
    let page = std::fs::read_to_string(public.join("records/index.html")).unwrap();
    let config = load_config(&root).unwrap();
    assert!(
        page.contains(&format!(
            "href=\"{}data/cases-records.csv\"",
            config.base_url_slash()
        )),
        "the records page links the download"
    );
    check_records_example_explains_its_release(&public, &config.base_url_slash());
    check_downloads_spell_unknown_once(&public);

    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = load_config(repository).unwrap();
    let protection = protect_data(repository, &config).unwrap();
    assert!(
        protection.releases.is_empty(),
        "the root example declares no release"
    );
    let public = build_into(repository, "root");
    assert!(public.join("data/datapackage.json").is_file());
    let records: Vec<String> = crate::site_fixture::files_under(&public)
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| path.ends_with("-records.csv"))
        .collect();
    assert!(records.is_empty(), "the root example publishes {records:?}");
    let package = std::fs::read_to_string(public.join("data/datapackage.json")).unwrap();
    assert!(
        !package.contains("-records"),
        "the data package lists records"
    );
    let methodology = std::fs::read_to_string(public.join("methodology/index.html")).unwrap();
    assert!(
        !methodology.contains("The case records:"),
        "the root example describes no release"
    );
    check_downloads_spell_unknown_once(&public);
}

/// The record-level example says what it releases: the statistics index links the file, the
/// methodology gives k, l, the generalisation and what a blank means, no page says the records
/// are never published, and the data package labels every field of the records file.
fn check_records_example_explains_its_release(public: &Path, base: &str) {
    let link = format!("<a href=\"{base}data/cases-records.csv\">cases-records.csv</a>");
    let index = std::fs::read_to_string(public.join("statistics/index.html")).unwrap();
    assert!(
        index.contains(&link),
        "the statistics index links the records file"
    );
    let methodology = std::fs::read_to_string(public.join("methodology/index.html")).unwrap();
    for needle in [
        format!("<a href=\"{base}data/cases-records.csv\">cases-records.csv</a>"),
        "is shared by at least <strong>11</strong> records".to_string(),
        "at least <strong>2</strong> different values of Type of exploitation".to_string(),
        "<li>Year of registration: generalised to periods: 2015-2019, 2020-2024, 2025</li>".to_string(),
        "<li>Gender: as recorded</li>".to_string(),
        "<li>Age at registration: generalised: Child, Adult</li>".to_string(),
        "<li>Country of exploitation: generalised to M49 region: Asia, Europe, Americas, Oceania, Africa</li>".to_string(),
        "<strong>A blank means unknown or not released</strong>".to_string(),
    ] {
        assert!(methodology.contains(&needle), "the methodology lacks {needle:?}");
    }
    for (path, bytes) in crate::site_fixture::files_under(public) {
        if path.ends_with(".html") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                !text.contains("never published"),
                "{path} denies the release"
            );
        }
    }
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("data/datapackage.json")).unwrap())
            .unwrap();
    let records = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "cases-records.csv")
        .unwrap();
    assert!(records["description"]
        .as_str()
        .unwrap()
        .contains("at least 2 different values"));
    for field in records["schema"]["fields"].as_array().unwrap() {
        let name = field["name"].as_str().unwrap();
        assert!(!field["title"].as_str().unwrap().is_empty(), "{name}");
        assert!(
            field["description"].as_str().unwrap().contains("blank"),
            "{name}"
        );
        if field["type"] == "string" {
            let labels = field["categories"].as_array().unwrap();
            assert_eq!(
                labels.len(),
                field["constraints"]["enum"].as_array().unwrap().len()
            );
            assert!(
                labels
                    .iter()
                    .all(|c| !c["label"].as_str().unwrap().is_empty()),
                "{name}"
            );
        }
    }
    let gender = &records["schema"]["fields"][2];
    assert_eq!(gender["name"], "gender");
    assert_eq!(
        gender["categories"],
        serde_json::json!([{"value": "F", "label": "Female"}, {"value": "M", "label": "Male"}])
    );
}

/// Every table's CSV codes missing values `unknown` (never `Unknown`) with the label beside it,
/// and every table has its spreadsheet.
fn check_downloads_spell_unknown_once(public: &Path) {
    let mut unknowns = 0;
    for (path, bytes) in crate::site_fixture::files_under(public) {
        if !path.starts_with("data/") || !path.ends_with(".csv") || path.ends_with("-records.csv") {
            continue;
        }
        let xlsx = path.replace(".csv", ".xlsx");
        assert!(public.join(&xlsx).is_file(), "{xlsx} missing");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        for record in reader.records() {
            let record = record.unwrap();
            for (i, column) in header.iter().enumerate() {
                if column.ends_with("_label") || column == "count" || column == "flag" {
                    continue;
                }
                assert_ne!(&record[i], "Unknown", "{path}: {column} codes Unknown");
                if &record[i] == "unknown" {
                    assert_eq!(
                        &record[i + 1],
                        "Unknown",
                        "{path}: the label beside `unknown`"
                    );
                    unknowns += 1;
                }
            }
        }
    }
    assert!(unknowns > 0, "the example's tables count missing values");
}

/// A French site: the release's entry in its data package (the records are published in the
/// default language's package) is described in French, from the Fluent messages, and so is the
/// methodology's list of how each characteristic was released.
#[test]
fn release_site_describes_the_records_in_the_default_language() {
    let f = site(ROWS, RELEASE);
    let config = f.read_source("config.toml");
    f.file(
        "config.toml",
        &format!("default_language = \"fr\"\n{config}"),
    );
    build(&f);
    let package: serde_json::Value =
        serde_json::from_str(&f.read("data/datapackage.json")).unwrap();
    let records = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "cases-records")
        .unwrap();
    assert!(
        records["title"]
            .as_str()
            .unwrap()
            .ends_with(": dossiers (k-anonymisés)"),
        "{records}"
    );
    let description = records["description"].as_str().unwrap();
    assert!(
        description.starts_with("Une ligne par dossier"),
        "{description}"
    );
    assert!(description.contains("au moins 11 lignes"), "{description}");
    let fields = records["schema"]["fields"].as_array().unwrap();
    let field = |id: &str| -> String {
        fields.iter().find(|f| f["name"] == id).unwrap()["description"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        field("gender").contains("un quasi-identifiant"),
        "{}",
        field("gender")
    );
    assert!(
        field("exploitation_type").contains("la variable sensible"),
        "{}",
        field("exploitation_type")
    );
    assert!(
        field("source").contains("telle qu’enregistrée"),
        "{}",
        field("source")
    );
    for field in fields {
        let text = field["description"].as_str().unwrap();
        for english in [
            "quasi-identifier (",
            "as recorded",
            "blank when",
            "sensitive column",
        ] {
            assert!(!text.contains(english), "{english}: {text}");
        }
    }
}
