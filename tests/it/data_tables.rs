//! `data/tables.toml`: tables resolved against the datasets, and every declaration error located.

use crate::data_support::DataDir;

const SCHEMA: &str = r#"
[[column]]
id = "case_ref"
role = "drop"

[[column]]
id = "year"
kind = "year"
label = "Year"
from = 2015
to = 2020

[[column]]
id = "gender"
label = "Gender"
[column.values]
F = "Female"
M = "Male"

[[column]]
id = "type"
label = "Type"
[column.values]
sexual = "Sexual"
labour = "Forced labour"
other = "Other"

[[column]]
id = "country"
"#;

const CSV: &[u8] =
    b"case_ref,year,gender,type,country\nC1,2015,F,sexual,UA\nC2,2016,M,labour,PH\nC3,2020,F,other,\n";

fn with_tables(tables: &str) -> DataDir {
    DataDir::new(&[
        ("cases.toml", SCHEMA.as_bytes()),
        ("cases.csv", CSV),
        ("tables.toml", tables.as_bytes()),
    ])
}

#[test]
fn data_tables_resolve_dimensions_and_filters() {
    let dir = with_tables(
        r#"
[[table]]
id = "by-type-gender"
title = "By type and gender"
description = "All cases."
dimensions = ["type", "gender"]

[[table]]
id = "recent"
title = "Recent"
dataset = "cases"
dimensions = ["gender"]
filter = { year = { from = 2016 }, type = ["labour", "other"] }
"#,
    );
    let input = dir.load().unwrap();
    let cases = &input.datasets[0];
    let t = &input.tables[0];
    assert_eq!(
        (t.id.as_str(), t.title.as_str(), t.description.as_str()),
        ("by-type-gender", "By type and gender", "All cases.")
    );
    assert_eq!(t.dataset, 0);
    let ids: Vec<_> = t
        .dimensions
        .iter()
        .map(|&i| cases.columns[i].id.as_str())
        .collect();
    assert_eq!(ids, ["type", "gender"]);
    assert!(t.filters.is_empty());

    let recent = &input.tables[1];
    assert_eq!(recent.filters.len(), 2);
    let year = &recent.filters[0];
    assert_eq!(cases.columns[year.column].id, "year");
    assert_eq!(year.allowed, [false, true, true, true, true, true]);
    assert_eq!(year.description, "Year from 2016");
    let kind = &recent.filters[1];
    assert_eq!(kind.allowed, [false, true, true]);
    assert_eq!(kind.description, "Type: Forced labour, Other");
}

#[test]
fn data_tables_missing_file_means_no_tables() {
    let dir = DataDir::new(&[("cases.toml", SCHEMA.as_bytes()), ("cases.csv", CSV)]);
    assert!(dir.load().unwrap().tables.is_empty());
}

#[test]
fn data_tables_errors_are_located() {
    let table = |rest: &str| format!("[[table]]\nid = \"t\"\ntitle = \"T\"\n{rest}");
    let cases: Vec<(String, &str)> = vec![
        (
            table("dataset = \"victims\"\ndimensions = [\"gender\"]\n"),
            ":4:11: unknown dataset \"victims\"; the datasets are: \"cases\"",
        ),
        (
            table("dimensions = [\"sex\"]\n"),
            ":4:15: unknown column \"sex\" in dataset \"cases\"; its dimension columns are: \"year\", \"gender\", \"type\", \"country\"",
        ),
        (
            table("dimensions = [\"gender\", \"case_ref\"]\n"),
            ":4:25: column \"case_ref\" of dataset \"cases\" is declared role = \"drop\" (an identifier that is never read), so it cannot be tabulated",
        ),
        (
            format!("{}{}", table("dimensions = [\"gender\"]\n"), table("dimensions = [\"year\"]\n")),
            ":6:6: table id \"t\" is already used by the table \"t\" at line 2",
        ),
        (
            format!(
                "{}[[table]]\nid = \"T\"\ntitle = \"T\"\ndimensions = [\"year\"]\n",
                table("dimensions = [\"gender\"]\n")
            ),
            ":6:6: table id \"T\" is already used by the table \"t\" at line 2 (ids are compared ignoring case, as they name download files)",
        ),
        (
            table("dimensions = [\"gender\", \"year\", \"type\", \"country\", \"gender\"]\n"),
            ":4:14: a table has 1 to 4 dimensions; table \"t\" has 5",
        ),
        (
            table("dimensions = []\n"),
            ":4:14: a table has 1 to 4 dimensions; table \"t\" has 0",
        ),
        (
            table("dimensions = [\"gender\", \"gender\"]\n"),
            ":4:25: dimension \"gender\" is listed twice",
        ),
        (
            table("dimensions = [\"gender\"]\nfilter = { type = [\"sexual\", \"trafficking\"] }\n"),
            ":5:19: \"trafficking\" is not a value of column \"type\"; its values are: \"sexual\", \"labour\", \"other\"",
        ),
        (
            table("dimensions = [\"gender\"]\nfilter = { gender = { from = 1 } }\n"),
            ":5:21: column \"gender\" has no numeric values to filter by range; list codes instead, e.g. gender = [\"F\"]",
        ),
        (
            table("dimensions = [\"gender\"]\nfilter = { year = { from = 2030, to = 2040 } }\n"),
            ":5:19: this range matches no value of column \"year\"",
        ),
        (
            table("dimensions = [\"gender\"]\nfilter = { case_ref = [\"C1\"] }\n"),
            ":5:12: column \"case_ref\" of dataset \"cases\" is declared role = \"drop\"",
        ),
        (
            table("dimensions = [\"gender\"]\ncolour = \"red\"\n"),
            ":5:1: unknown field `colour`",
        ),
        (
            "[[table]]\nid = \"a b\"\ntitle = \"T\"\ndimensions = [\"gender\"]\n".to_string(),
            ":2:6: table id \"a b\" may only use letters, digits, '_' and '-'",
        ),
    ];
    for (tables, expected) in cases {
        let dir = with_tables(&tables);
        let err = dir.error();
        let expected = format!("{}{expected}", dir.file("tables.toml"));
        assert!(
            err.starts_with(&expected),
            "\n  got: {err}\n want: {expected}"
        );
    }
}

#[test]
fn data_tables_need_a_dataset_name_when_there_are_several() {
    let schema = "[[column]]\nid = \"g\"\n[column.values]\nF = \"F\"\n";
    let dir = DataDir::new(&[
        ("a.toml", schema.as_bytes()),
        ("a.csv", b"g\nF\n"),
        ("b.toml", schema.as_bytes()),
        ("b.csv", b"g\nF\n"),
        (
            "tables.toml",
            b"[[table]]\nid = \"t\"\ntitle = \"T\"\ndimensions = [\"g\"]\n",
        ),
    ]);
    assert_eq!(
        dir.error(),
        format!(
            "{}:2:6: table \"t\" must name its dataset (dataset = \"...\"): there are 2 datasets: \"a\", \"b\"",
            dir.file("tables.toml")
        )
    );
}

#[test]
fn data_tables_may_not_take_the_file_name_of_a_record_release() {
    let schema = format!(
        "{SCHEMA}\n[release]\nquasi_identifiers = [\"year\", \"gender\"]\nsensitive = \"type\"\n"
    );
    let dir = DataDir::new(&[
        ("cases.toml", schema.as_bytes()),
        ("cases.csv", CSV),
        (
            "tables.toml",
            b"[[table]]\nid = \"Cases-Records\"\ntitle = \"T\"\ndimensions = [\"gender\"]\n",
        ),
    ]);
    let err = dir.error();
    assert_eq!(
        err,
        format!(
            "{}:2:6: table id \"Cases-Records\" is the name of the record-level release of dataset \
             \"cases\" (data/cases-records.csv; ids are compared ignoring case, as they name \
             download files)",
            dir.file("tables.toml")
        )
    );
}
