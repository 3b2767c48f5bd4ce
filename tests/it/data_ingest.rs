//! Ingest of well-formed data: the example site, the CTDC layout, missing values, kinds, quoting.

use std::path::Path;

use safestat::config::Config;
use safestat::data::{self, ColumnKind};

use crate::data_support::{column, count_of, counts, dataset, example_data_dir, DataDir};

#[test]
fn data_example_site_loads_with_every_table() {
    let input = data::load(example_data_dir(), &Config::default()).unwrap();
    let names: Vec<&str> = input.datasets.iter().map(|d| d.dataset.as_str()).collect();
    assert_eq!(names, ["cases", "referrals"]);
    let cases = &input.datasets[0];
    assert_eq!(cases.len, 20_000);
    assert!(
        cases.column_index("case_ref").is_none(),
        "drop columns are not kept"
    );
    assert_eq!(cases.columns.len(), 9);
    for c in &cases.columns {
        assert_eq!(c.codes.len(), 20_000, "{}", c.id);
        assert!(c
            .codes
            .iter()
            .all(|&code| (code as usize) < c.categories.len()));
    }
    let age = column(cases, "age_band");
    let codes: Vec<_> = age.categories.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        ["0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+", "unknown"]
    );
    assert_eq!(age.unknown, Some(9));
    let children = count_of(age, "0-8") + count_of(age, "9-17");
    assert!((4_400..5_600).contains(&children), "{children} children");
    // What a country office publishes, by single year and by country.
    let of_cases: Vec<&str> = input
        .tables
        .iter()
        .filter(|t| t.dataset == 0)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(of_cases, crate::data_support::OFFICE_TABLES);
    assert!(input.tables.iter().any(|t| t.dataset == 1));
    for t in &input.tables {
        assert!((1..=3).contains(&t.dimensions.len()), "{}", t.id);
    }
    let three_way: Vec<&str> = input
        .tables
        .iter()
        .filter(|t| t.dimensions.len() == 3)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(three_way, ["exploitation-by-gender-age"]);
    let filtered = input
        .tables
        .iter()
        .find(|t| t.id == "exploitation-by-year")
        .unwrap();
    let year = &cases.columns[filtered.filters[0].column];
    assert_eq!(year.id, "year");
    let allowed: Vec<_> = year
        .categories
        .iter()
        .zip(&filtered.filters[0].allowed)
        .filter(|(_, &a)| a)
        .map(|(c, _)| c.code.as_str())
        .collect();
    assert_eq!(allowed.first(), Some(&"2015"));
    assert_eq!(allowed.last(), Some(&"2024"));
    assert_eq!(allowed.len(), 10);
    assert_eq!(
        filtered.filters[0].description,
        "Year of registration 2015–2024"
    );
}

#[test]
fn data_ctdc_layout_reads_through_a_schema_alone() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ctdc/data"
    ));
    let input = data::load(dir, &Config::default()).unwrap();
    let cases = &input.datasets[0];
    assert_eq!(cases.len, 10);
    assert_eq!(cases.columns.len(), 8, "only declared columns are kept");

    let citizenship = column(cases, "citizenship");
    assert_eq!(count_of(citizenship, "NA"), 4, "NA is Namibia, not missing");
    assert_eq!(citizenship.categories[1].label, "Namibia");
    assert_eq!(count_of(citizenship, "unknown"), 1);
    let destination = column(cases, "country_of_exploitation");
    assert_eq!(count_of(destination, "NA"), 2);
    assert_eq!(count_of(destination, "unknown"), 1);

    let age = column(cases, "age");
    assert_eq!(count_of(age, "18-20"), 2, "18--20 recoded");
    assert_eq!(count_of(age, "9-17"), 2);
    assert_eq!(count_of(age, "48+"), 1);
    assert_eq!(count_of(age, "unknown"), 1);
    assert_eq!(age.categories.last().unwrap().label, "Unknown");

    let gender = column(cases, "gender");
    assert_eq!(
        counts(gender),
        [
            ("Female".into(), 6),
            ("Male".into(), 3),
            ("unknown".into(), 1)
        ]
    );
    let recruiter = column(cases, "recruiter");
    assert_eq!(count_of(recruiter, "family"), 3);
    assert_eq!(count_of(recruiter, "unknown"), 2);

    let year = column(cases, "year");
    assert_eq!(year.kind, ColumnKind::Year);
    let years: Vec<_> = year.categories.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(years, ["2015", "2016", "2017", "2018", "2019", "2020"]);
    assert_eq!(
        count_of(year, "2015"),
        0,
        "every year of the range is a category"
    );

    assert_eq!(input.tables.len(), 2);
    let by_age = &input.tables[1];
    assert_eq!(
        by_age.dimensions,
        vec![
            cases.column_index("age").unwrap(),
            cases.column_index("gender").unwrap()
        ]
    );
    assert_eq!(
        by_age.filters[0].allowed,
        [false, true, true, true, true, false]
    );
}

#[test]
fn data_missing_values_count_as_unknown_with_the_configured_label() {
    let dir = dataset(
        "[dataset]\nmissing = [\"\", \"-99\", \"ZZ\"]\n[[column]]\nid = \"g\"\n[column.values]\nF = \"Female\"\nM = \"Male\"\n",
        b"g,notes\nF,x\n-99,y\nM,z\nZZ,\n,w\nF,v\n",
    );
    let mut config = Config::default();
    config.privacy.unknown_label = "Not recorded".into();
    let input = data::load(&dir.path, &config).unwrap();
    let g = &input.datasets[0].columns[0];
    assert_eq!(
        counts(g),
        [("F".into(), 2), ("M".into(), 1), ("unknown".into(), 3)]
    );
    assert_eq!(g.unknown, Some(2));
    assert_eq!(g.categories[2].label, "Not recorded");
    assert!(g.pool_rare);
}

#[test]
fn data_no_unknown_category_without_missing_values() {
    let dir = dataset(
        "[[column]]\nid = \"g\"\npool_rare = false\n[column.values]\nF = \"Female\"\nM = \"Male\"\n",
        b"g\nF\nM\n",
    );
    let input = dir.load().unwrap();
    let g = &input.datasets[0].columns[0];
    assert_eq!(g.unknown, None);
    assert_eq!(g.categories.len(), 2);
    assert!(!g.pool_rare);
}

#[test]
fn data_no_data_folder_means_no_datasets() {
    let dir = tempfile::tempdir().unwrap();
    let input = data::load(&dir.path().join("data"), &Config::default()).unwrap();
    assert!(input.datasets.is_empty() && input.tables.is_empty());
}

#[test]
fn data_undeclared_columns_are_never_read() {
    let mut csv = b"free_text,g\n".to_vec();
    csv.extend_from_slice(b"\"Jane Doe, jane@example.org, +44 20 7946 0958\",F\n");
    csv.extend_from_slice(b"anything at all,M\n");
    let dir = dataset(
        "[[column]]\nid = \"g\"\n[column.values]\nF = \"F\"\nM = \"M\"\n",
        &csv,
    );
    let input = dir.load().unwrap();
    assert_eq!(input.datasets[0].columns.len(), 1);
    assert_eq!(input.datasets[0].len, 2);
}

#[test]
fn data_tab_delimiter_quoting_bom_and_crlf() {
    let schema = "[dataset]\ndelimiter = \"\\t\"\n[[column]]\nid = \"place\"\nheader = \"Place of exploitation\"\n[column.values]\n\"Port, north\" = \"Northern port\"\n\"Farm \\\"A\\\"\" = \"Farm A\"\n";
    let csv = b"\xEF\xBB\xBFPlace of exploitation\tnote\r\n\"Port, north\"\t1\r\n\"Farm \"\"A\"\"\"\t2\r\nPort, north\t3\r\n";
    let dir = dataset(schema, csv);
    let input = dir.load().unwrap();
    let place = &input.datasets[0].columns[0];
    assert_eq!(
        counts(place),
        [("Port, north".into(), 2), ("Farm \"A\"".into(), 1)]
    );
}

#[test]
fn data_quoting_off_keeps_quotes_as_text() {
    let schema =
        "[dataset]\nquoting = false\n[[column]]\nid = \"v\"\n[column.values]\n'\"a' = \"A\"\n";
    let dir = dataset(schema, b"v\n\"a\n");
    let input = dir.load().unwrap();
    assert_eq!(counts(&input.datasets[0].columns[0]), [("\"a".into(), 1)]);
}

#[test]
fn data_open_year_and_integer_domains() {
    let schema = r#"
[[column]]
id = "region"

[[column]]
id = "year"
kind = "year"

[[column]]
id = "age"
kind = "integer"
bands = [0, 18, 25]

[[column]]
id = "children"
kind = "integer"
from = 0
to = 20
"#;
    let csv = b"region,year,age,children\nnorth,2020,17,2\nsouth,2018,18,0\nnorth,2020,40,2\n,2018,24,\neast,,0,10\n";
    let dir = dataset(schema, csv);
    let input = dir.load().unwrap();
    let cases = &input.datasets[0];
    assert_eq!(
        counts(column(cases, "region")),
        [
            ("east".into(), 1),
            ("north".into(), 2),
            ("south".into(), 1),
            ("unknown".into(), 1)
        ]
    );
    assert_eq!(
        counts(column(cases, "year")),
        [
            ("2018".into(), 2),
            ("2020".into(), 2),
            ("unknown".into(), 1)
        ]
    );
    let age = column(cases, "age");
    assert_eq!(age.kind, ColumnKind::Integer);
    assert_eq!(
        counts(age),
        [("0-17".into(), 2), ("18-24".into(), 2), ("25+".into(), 1)]
    );
    assert_eq!(age.categories[1].label, "18–24");
    assert_eq!(
        counts(column(cases, "children")),
        [
            ("0".into(), 1),
            ("2".into(), 2),
            ("10".into(), 1),
            ("unknown".into(), 1)
        ]
    );
}

#[test]
fn data_recode_to_a_missing_token_counts_as_unknown() {
    let schema = "[[column]]\nid = \"g\"\n[column.values]\nF = \"Female\"\n[column.recode]\n\"not known\" = \"\"\nf = \"F\"\n";
    let dir = dataset(schema, b"g\nf\nnot known\nF\n");
    let input = dir.load().unwrap();
    assert_eq!(
        counts(&input.datasets[0].columns[0]),
        [("F".into(), 2), ("unknown".into(), 1)]
    );
}

#[test]
fn data_column_missing_tokens_replace_the_dataset_ones() {
    let schema = "[dataset]\nmissing = [\"\", \"NA\"]\n[[column]]\nid = \"country\"\nmissing = [\"\"]\n[column.values]\nNA = \"Namibia\"\n[[column]]\nid = \"g\"\n[column.values]\nF = \"F\"\n";
    let dir = dataset(schema, b"country,g\nNA,NA\n,F\n");
    let input = dir.load().unwrap();
    let cases = &input.datasets[0];
    assert_eq!(
        counts(column(cases, "country")),
        [("NA".into(), 1), ("unknown".into(), 1)]
    );
    assert_eq!(
        counts(column(cases, "g")),
        [("F".into(), 1), ("unknown".into(), 1)]
    );
}

#[test]
fn data_several_datasets_are_read_in_name_order() {
    let schema = "[[column]]\nid = \"g\"\n[column.values]\nF = \"F\"\n";
    let dir = DataDir::new(&[
        ("b.toml", schema.as_bytes()),
        ("b.csv", b"g\nF\nF\n"),
        ("a.toml", schema.as_bytes()),
        ("a.csv", b"g\nF\n"),
        (
            "tables.toml",
            b"[[table]]\nid = \"t\"\ntitle = \"T\"\ndataset = \"b\"\ndimensions = [\"g\"]\n",
        ),
    ]);
    let input = dir.load().unwrap();
    let names: Vec<_> = input.datasets.iter().map(|d| d.dataset.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    assert_eq!(input.tables[0].dataset, 1);
    assert_eq!(input.datasets[1].len, 2);
}

#[test]
fn data_blank_lines_are_skipped_and_lines_still_counted() {
    let schema = "[[column]]\nid = \"g\"\n[column.values]\nF = \"F\"\n";
    let dir = dataset(schema, b"g\n\nF\n\nF\n\nQ\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:7:1: column \"g\": value \"Q\" is not allowed; allowed values: \"F\"; missing: \"\"",
            dir.file("cases.csv")
        )
    );
    let dir = dataset(schema, b"g\n\nF\n\nF\n\n");
    assert_eq!(dir.load().unwrap().datasets[0].len, 2);
}

#[test]
fn data_error_line_counts_quoted_line_breaks() {
    let schema = "[[column]]\nid = \"g\"\n[column.values]\nF = \"F\"\n";
    let dir = dataset(schema, b"note,g\n\"two\nlines\",F\n\"\xc3\xa9\",Q\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:4:5: column \"g\": value \"Q\" is not allowed; allowed values: \"F\"; missing: \"\"",
            dir.file("cases.csv")
        )
    );
}
