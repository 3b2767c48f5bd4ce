//! Record-level releases on small, hand-made datasets, checked from the written CSV.

use safestat::data::ColumnKind::{Category as Cat, Year};
use safestat::data::{FilterSelection, TableFilter};
use safestat::privacy::records::{
    records_csv, release, ColumnRole, ReleaseError, ReleaseSpec, BLANK,
};

use super::records_support::{column, read_csv, resolve, table, table_counts};

const GENDERS: &[&str] = &["F", "M", "unknown"];
const AGES: &[&str] = &["0-8", "9-17", "18-20", "21-29", "30+", "unknown"];
const COUNTRIES: &[&str] = &["LB", "SY", "IQ", "NG", "GH", "NA", "unknown"];
const TYPES: &[&str] = &["sexual", "labour", "other", "unknown"];

fn cases(rows: &[Vec<&'static str>]) -> safestat::data::CaseTable {
    table(
        vec![
            column("year", Year, &["2019", "2020", "2021", "2022"], None),
            column("gender", Cat, GENDERS, Some("unknown")),
            column("age_band", Cat, AGES, Some("unknown")),
            column("country", Cat, COUNTRIES, Some("unknown")),
            column("exploitation_type", Cat, TYPES, Some("unknown")),
        ],
        rows,
    )
}

const SPEC: &str = r#"
k = 5
quasi_identifiers = ["year", "gender", "age_band", "country"]
sensitive = "exploitation_type"
max_suppressed_records = 0.1

[hierarchy.age_band]
levels = [{ "0-8" = "Minor", "9-17" = "Minor", "18-20" = "Adult", "21-29" = "Adult", "30+" = "Adult" }]

[hierarchy.country]
builtin = "m49"

[hierarchy.year]
periods = [[2019, 2020], [2021, 2022]]
"#;

const QIS: &[&str] = &["year", "gender", "age_band", "country"];

/// A few hundred records with plenty of common combinations and a long tail.
fn realistic() -> Vec<Vec<&'static str>> {
    let mut rows = Vec::new();
    let mut state = 7u64;
    let mut pick = |options: &[&'static str], weights: &[u64]| -> &'static str {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let total: u64 = weights.iter().sum();
        let mut x = (state >> 33) % total;
        for (o, w) in options.iter().zip(weights) {
            if x < *w {
                return o;
            }
            x -= w;
        }
        unreachable!()
    };
    for _ in 0..600 {
        rows.push(vec![
            pick(&["2019", "2020", "2021", "2022"], &[2, 3, 3, 2]),
            pick(GENDERS, &[70, 28, 2]),
            pick(AGES, &[5, 20, 20, 30, 20, 5]),
            pick(COUNTRIES, &[40, 30, 10, 8, 6, 1, 5]),
            pick(TYPES, &[45, 40, 10, 5]),
        ]);
    }
    rows
}

#[test]
fn records_file_is_k_anonymous_by_an_outside_count() {
    let data = cases(&realistic());
    let spec = resolve(&data, SPEC);
    let released = release(&data, &spec).unwrap();
    let written = read_csv(&records_csv(&released).unwrap());
    assert_eq!(
        written.header,
        ["year", "gender", "age_band", "country", "exploitation_type"]
    );
    assert_eq!(written.rows.len(), released.len);
    assert!(written.k(QIS).unwrap() >= 5);
    assert_eq!(written.k(QIS).unwrap() as u64, released.report.k_achieved);
    assert_eq!(
        written.l(QIS, "exploitation_type").map(|l| l as u32),
        released.report.l_achieved
    );
    let report = &released.report;
    assert_eq!(report.records, 600);
    assert_eq!(report.records_released + report.records_removed, 600);
    assert!(report.records_outlying <= 60, "{report:?}");
    assert!(report.information_loss > 0.0 && report.information_loss < 1.0);
    assert_eq!(
        report.equivalence_classes as usize,
        written.classes(QIS).len()
    );
    // The blanks the release introduced are at most what the report says, plus the data's Unknowns.
    let blanks: usize = QIS
        .iter()
        .map(|q| {
            let i = written.index(q);
            written.rows.iter().filter(|r| r[i].is_empty()).count()
        })
        .sum();
    let unknowns: usize = QIS
        .iter()
        .map(|q| {
            let c = &data.columns[data.column_index(q).unwrap()];
            c.codes
                .iter()
                .filter(|&&code| Some(code) == c.unknown)
                .count()
        })
        .sum();
    assert!(blanks as u64 >= report.values_suppressed);
    let by_column: u64 = report
        .generalisation
        .iter()
        .map(|g| g.values_suppressed)
        .sum();
    assert_eq!(by_column, report.values_suppressed);
    assert!(blanks as u64 <= report.values_suppressed + unknowns as u64);
    let json = serde_json::to_value(report).unwrap();
    for key in [
        "k_achieved",
        "l_achieved",
        "generalisation",
        "values_suppressed",
    ] {
        assert!(json.get(key).is_some(), "report lacks {key}");
    }
}

#[test]
fn a_rare_combination_never_survives_below_k() {
    let mut rows = realistic();
    // One victim from Namibia, a 30+ man in 2019: unique in the data.
    rows.push(vec!["2019", "M", "30+", "NA", "labour"]);
    let data = cases(&rows);
    for k in [3, 5, 11] {
        let spec = resolve(
            &data,
            &SPEC
                .replace("k = 5", &format!("k = {k}"))
                .replace("0.1", "0.3"),
        );
        let released = release(&data, &spec).unwrap();
        let written = read_csv(&records_csv(&released).unwrap());
        let classes = written.classes(QIS);
        let rare = classes.get(&vec![
            "2019".to_string(),
            "M".to_string(),
            "30+".to_string(),
            "NA".to_string(),
        ]);
        assert!(rare.map_or(true, |rows| rows.len() >= k), "k = {k}");
        assert!(written.k(QIS).unwrap() >= k, "k = {k}");
        // No row anywhere names Namibia: one victim cannot share its country with k - 1 others.
        let country = written.index("country");
        assert!(written.rows.iter().all(|r| r[country] != "NA"));
    }
}

#[test]
fn generalises_only_as_far_as_needed() {
    // Ages are too fine for k = 4 but minor/adult is enough; years and countries are fine as they are.
    let mut rows = Vec::new();
    for (age, n) in [
        ("0-8", 2),
        ("9-17", 2),
        ("18-20", 1),
        ("21-29", 2),
        ("30+", 1),
    ] {
        for _ in 0..n {
            rows.push(vec!["2020", "F", age, "LB", "sexual"]);
            rows.push(vec!["2021", "M", age, "SY", "labour"]);
        }
    }
    let data = cases(&rows);
    let spec = resolve(
        &data,
        &SPEC
            .replace("k = 5", "k = 4")
            .replace("max_suppressed_records = 0.1", "max_suppressed_records = 0"),
    );
    let released = release(&data, &spec).unwrap();
    let levels: Vec<(String, u8)> = released
        .report
        .generalisation
        .iter()
        .map(|g| (g.column.clone(), g.level))
        .collect();
    assert_eq!(
        levels,
        [
            ("year".to_string(), 0),
            ("gender".to_string(), 0),
            ("age_band".to_string(), 1),
            ("country".to_string(), 0)
        ]
    );
    assert_eq!(released.report.values_suppressed, 0);
    assert_eq!(released.report.records_removed, 0);
    let written = read_csv(&records_csv(&released).unwrap());
    let counts = written.counts(&["year", "age_band"], "");
    assert_eq!(counts[&vec!["2020".to_string(), "Minor".to_string()]], 4);
    assert_eq!(counts[&vec!["2020".to_string(), "Adult".to_string()]], 4);
    let age = &released.columns[2];
    assert_eq!(age.role, ColumnRole::QuasiIdentifier { level: 1 });
    // Loss: every age value merged 2 (minors) or 3 (adults) of 5 known bands, one QI of four.
    let expected = (8.0 * 1.0 / 4.0 + 8.0 * 2.0 / 4.0) / (16.0 * 4.0);
    assert!((released.report.information_loss - expected).abs() < 1e-12);
}

#[test]
fn a_blank_joins_only_other_blanks() {
    let g = column("gender", Cat, GENDERS, Some("unknown"));
    let c = column("country", Cat, COUNTRIES, Some("unknown"));
    let mut rows = vec![vec!["F", "LB"]; 3];
    rows.extend(vec![vec!["F", "unknown"]; 3]);
    rows.push(vec!["F", "SY"]);
    let data = table(vec![g.clone(), c.clone()], &rows);
    let spec = resolve(
        &data,
        "k = 3\nquasi_identifiers = [\"gender\", \"country\"]\nmax_suppressed_records = 0.5",
    );
    let released = release(&data, &spec).unwrap();
    let report = &released.report;
    assert_eq!(
        (
            report.values_suppressed,
            report.records_removed,
            report.records_fully_suppressed
        ),
        (1, 0, 0)
    );
    assert_eq!(report.generalisation[1].values_suppressed, 1);
    let written = read_csv(&records_csv(&released).unwrap());
    let counts = written.counts(&["gender", "country"], "");
    assert_eq!(counts[&vec!["F".to_string(), "".to_string()]], 4);
    assert_eq!(counts[&vec!["F".to_string(), "LB".to_string()]], 3);

    // Without blanks to join, a record that fits nowhere is removed, not published alone.
    let mut rows = vec![vec!["F", "LB"]; 3];
    rows.push(vec!["M", "SY"]);
    let data = table(vec![g, c], &rows);
    let released = release(&data, &spec).unwrap();
    assert_eq!(released.report.records_removed, 1);
    assert_eq!(released.len, 3);
    assert_eq!(released.report.k_achieved, 3);
}

#[test]
fn l_diversity_holds_in_the_file() {
    // Every 2020 woman from Lebanon was sexually exploited: knowing she is in the file tells it.
    let mut rows = Vec::new();
    for _ in 0..6 {
        rows.push(vec!["2020", "F", "21-29", "LB", "sexual"]);
    }
    for t in ["sexual", "labour", "other", "labour", "sexual", "labour"] {
        rows.push(vec!["2021", "F", "21-29", "LB", t]);
        rows.push(vec!["2020", "M", "21-29", "SY", t]);
    }
    let data = cases(&rows);
    let base = SPEC.replace("k = 5", "k = 3");
    let spec = resolve(&data, &base);
    let plain = release(&data, &spec).unwrap();
    let written = read_csv(&records_csv(&plain).unwrap());
    assert_eq!(written.l(QIS, "exploitation_type"), Some(1));

    let spec = resolve(&data, &format!("l = 2\n{base}").replace("0.1", "0.4"));
    let diverse = release(&data, &spec).unwrap();
    let written = read_csv(&records_csv(&diverse).unwrap());
    assert!(written.l(QIS, "exploitation_type").unwrap() >= 2);
    assert!(written.k(QIS).unwrap() >= 3);
    assert!(diverse.report.l_achieved.unwrap() >= 2);
}

#[test]
fn infeasible_release_is_a_typed_error() {
    let data = cases(&[
        vec!["2019", "F", "0-8", "LB", "sexual"],
        vec!["2022", "M", "30+", "NG", "labour"],
    ]);
    let spec = resolve(&data, &SPEC.replace("0.1", "0"));
    let err = release(&data, &spec).unwrap_err();
    assert!(
        matches!(
            err,
            ReleaseError::Infeasible {
                limit: 0,
                outliers: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("max_suppressed_records"));
}

#[test]
fn row_order_depends_on_the_data_not_the_input_order() {
    let mut rows = realistic();
    rows.sort();
    let data = cases(&rows);
    let spec = resolve(&data, SPEC);
    let bytes = records_csv(&release(&data, &spec).unwrap()).unwrap();
    rows.reverse();
    let reversed = cases(&rows);
    let again = records_csv(&release(&reversed, &spec).unwrap()).unwrap();
    assert_eq!(bytes, again);
    let written = read_csv(&bytes);
    let mut sorted = written.rows.clone();
    sorted.sort();
    assert_ne!(
        written.rows, sorted,
        "rows came out in sorted (input) order"
    );
}

#[test]
fn table_view_agrees_with_the_released_records() {
    let data = cases(&realistic());
    let spec = resolve(&data, SPEC);
    let released = release(&data, &spec).unwrap();
    let view = released.case_table();
    let written = read_csv(&records_csv(&released).unwrap());
    assert_eq!(view.len, written.rows.len());
    for dims in [
        vec!["country"],
        vec!["year", "gender"],
        vec!["age_band", "exploitation_type"],
        vec!["year", "gender", "age_band", "country", "exploitation_type"],
    ] {
        assert_eq!(
            table_counts(&view, &dims),
            written.counts(&dims, "unknown"),
            "{dims:?}"
        );
    }
    // An ungeneralised column keeps the dataset's categories and codes; a generalised one gets
    // its level's categories and an Unknown.
    let gender = &view.columns[1];
    assert_eq!(gender.categories, data.columns[1].categories);
    assert_eq!(gender.unknown, data.columns[1].unknown);
    for (c, column) in released.columns.iter().enumerate() {
        let level = match column.role {
            ColumnRole::QuasiIdentifier { level } => level,
            _ => 0,
        };
        if level > 0 {
            assert_eq!(view.columns[c].kind, safestat::data::ColumnKind::Category);
            assert_eq!(
                view.columns[c].categories.len(),
                column.categories.len() + 1
            );
        }
        assert!(column
            .codes
            .iter()
            .all(|&x| x == BLANK || (x as usize) < column.categories.len()));
    }
}

#[test]
fn spec_errors_name_the_key() {
    let data = cases(&realistic());
    let parse = |text: &str| toml::from_str::<ReleaseSpec>(text);
    let err = parse("quasi_identifiers = [\"year\"]\nkk = 3")
        .unwrap_err()
        .to_string();
    assert!(err.contains("kk"), "{err}");
    let resolve_err = |text: &str| {
        parse(text)
            .unwrap()
            .resolve(&data, 11, "Unknown")
            .unwrap_err()
            .to_string()
    };
    let err = resolve_err("quasi_identifiers = [\"yr\"]");
    assert!(
        err.contains("no dimension column `yr`") && err.contains("year, gender"),
        "{err}"
    );
    let err = resolve_err("quasi_identifiers = [\"year\"]\nsensitive = \"year\"");
    assert!(err.contains("also a quasi-identifier"), "{err}");
    let err = resolve_err("quasi_identifiers = [\"year\"]\nl = 2");
    assert!(err.contains("needs a `sensitive`"), "{err}");
    let err = resolve_err("quasi_identifiers = [\"year\"]\nk = 5");
    assert!(err.contains("below [privacy] k = 11"), "{err}");
    let err = resolve_err("quasi_identifiers = [\"year\"]\n[hierarchy.gender]\nwidth = 2");
    assert!(err.contains("not one of the quasi_identifiers"), "{err}");
    let err = resolve_err(
        "quasi_identifiers = [\"country\"]\n[hierarchy.country]\nbuiltin = \"m49\"\nwidth = 3",
    );
    assert!(
        err.contains("[release.hierarchy.country]: give exactly one"),
        "{err}"
    );
    let err = resolve_err(&format!(
        "quasi_identifiers = [{}]",
        vec!["\"year\""; 13].join(", ")
    ));
    assert!(err.contains("at most 12"), "{err}");
    let spec = parse("quasi_identifiers = [\"year\"]").unwrap();
    assert!(spec.enabled);
    assert_eq!(spec.max_suppressed_records, 0.05);
    assert_eq!(spec.resolve(&data, 11, "Unknown").unwrap().k, 11);
}

#[test]
fn empty_dataset_releases_a_header_only() {
    let data = cases(&[]);
    let spec = resolve(&data, SPEC);
    let released = release(&data, &spec).unwrap();
    assert_eq!(released.len, 0);
    assert_eq!(released.report.k_achieved, 0);
    let bytes = records_csv(&released).unwrap();
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        "year,gender,age_band,country,exploitation_type\n"
    );
}

#[test]
fn datapackage_resource_describes_the_file() {
    let data = cases(&realistic());
    let released = release(&data, &resolve(&data, SPEC)).unwrap();
    assert_eq!(released.file_name(), "cases-records.csv");
    let english = safestat::render::i18n::Locale::new("en", None).unwrap();
    let resource =
        safestat::publish::records_resource(&released, "data/cases-records.csv", &english);
    assert_eq!(resource["name"], "cases-records");
    assert_eq!(resource["schema"]["missingValues"][0], "");
    let fields = resource["schema"]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 5);
    // Years were generalised to periods, so the column is a category now.
    assert_eq!(fields[0]["type"], "string");
    let written = read_csv(&records_csv(&released).unwrap());
    for (f, field) in fields.iter().enumerate() {
        let allowed: Vec<&str> = field["constraints"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(written
            .rows
            .iter()
            .all(|r| r[f].is_empty() || allowed.contains(&r[f].as_str())));
    }
    assert!(resource["description"]
        .as_str()
        .unwrap()
        .contains("at least 5 rows"));
}

#[test]
fn table_filters_carry_over_to_the_view_unless_they_split_a_category() {
    let data = cases(&realistic());
    let released = release(&data, &resolve(&data, SPEC)).unwrap();
    assert_eq!(
        released.columns[0].role,
        ColumnRole::QuasiIdentifier { level: 1 }
    );
    let view = released.case_table();
    let years = |allowed: [bool; 4], description: &str| TableFilter {
        column: 0,
        allowed: allowed.to_vec(),
        description: description.into(),
        selection: FilterSelection::Range {
            from: None,
            to: None,
        },
    };
    let filter = released
        .view_filter(&years([true, true, false, false], "2019–2020"))
        .unwrap();
    let year = &view.columns[0];
    let kept: Vec<&str> = year
        .categories
        .iter()
        .zip(&filter.allowed)
        .filter(|(_, a)| **a)
        .map(|(c, _)| c.code.as_str())
        .collect();
    assert_eq!(kept, ["2019-2020"]);
    let err = released
        .view_filter(&years([true, true, true, false], "2019–2021"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("splits `2021-2022`"), "{err}");
    // An ungeneralised column keeps its filter as it is.
    let gender = TableFilter {
        column: 1,
        allowed: vec![true, false, true],
        description: "women and unknown".into(),
        selection: FilterSelection::Values(Vec::new()),
    };
    assert_eq!(
        released.view_filter(&gender).unwrap().allowed,
        gender.allowed
    );
}
