//! Every input error names `file:line:column`, the offending value and what is allowed.

use crate::data_support::{dataset, DataDir};

const GENDER: &str = "[[column]]\nid = \"gender\"\n[column.values]\nF = \"Female\"\nM = \"Male\"\n";

#[test]
fn data_error_unknown_category() {
    let dir = dataset(GENDER, b"id,gender\n1,F\n2,Q\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:3:3: column \"gender\": value \"Q\" is not allowed; allowed values: \"F\", \"M\"; missing: \"\"",
            dir.file("cases.csv")
        )
    );
}

#[test]
fn data_error_unknown_category_lists_recodings_and_missing_tokens() {
    let schema = "[dataset]\nmissing = [\"\", \"-99\"]\n[[column]]\nid = \"age\"\n[column.values]\n\"0-8\" = \"0–8\"\n[column.recode]\n\"0--8\" = \"0-8\"\n";
    let dir = dataset(schema, b"x,age\n\"a;b\",0--8\n\"a;b\",0-9\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:3:7: column \"age\": value \"0-9\" is not allowed; allowed values: \"0-8\"; recoded: \"0--8\"; missing: \"\", \"-99\"",
            dir.file("cases.csv")
        )
    );
}

#[test]
fn data_error_bad_year() {
    let schema = "[[column]]\nid = \"year\"\nkind = \"year\"\nfrom = 2015\nto = 2025\n";
    let dir = dataset(schema, b"year\n2016\n20x5\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:3:1: column \"year\": value \"20x5\" is not a year; allowed: years 2015 to 2025; missing: \"\"",
            dir.file("cases.csv")
        )
    );
    let dir = dataset(schema, b"year\n2016\n2031\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:3:1: column \"year\": year 2031 is outside the allowed range; allowed: years 2015 to 2025; missing: \"\"",
            dir.file("cases.csv")
        )
    );
}

#[test]
fn data_error_bad_integer() {
    let schema = "[[column]]\nid = \"age\"\nkind = \"integer\"\nfrom = 0\nto = 120\n";
    let dir = dataset(schema, b"name,age\n\"D\xc3\xa9j\xc3\xa0, vu\",12.5\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:2:12: column \"age\": value \"12.5\" is not a whole number; allowed: whole numbers from 0 to 120; missing: \"\"",
            dir.file("cases.csv")
        )
    );
}

#[test]
fn data_error_wrong_field_count() {
    let dir = dataset(GENDER, b"id,gender\n1,F\n2,M,extra\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:3:1: this record has 3 fields but the header row (line 1) has 2",
            dir.file("cases.csv")
        )
    );
}

#[test]
fn data_error_missing_declared_column() {
    let dir = dataset(GENDER, b"id,sex\n1,F\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:1:1: no column has the header \"gender\" (declared as column \"gender\" at {}:2:6); the headers are: \"id\", \"sex\"",
            dir.file("cases.csv"),
            dir.file("cases.toml")
        )
    );
}

#[test]
fn data_error_duplicate_header() {
    let dir = dataset(GENDER, b"gender,id,gender\nF,1,F\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:1:11: duplicate header \"gender\": it names fields 1 and 3, so column \"gender\" is ambiguous",
            dir.file("cases.csv")
        )
    );
}

#[test]
fn data_error_invalid_utf8_in_a_record() {
    let dir = dataset(GENDER, b"id,gender\n1,F\n2,F\xe9\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:3:3: invalid UTF-8 in field 2 (header \"gender\"): \"F\u{FFFD}\"; save the file as UTF-8",
            dir.file("cases.csv")
        )
    );
    let dir = dataset(GENDER, b"id,gender\n1,F\n2\xe9,M\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:3:1: invalid UTF-8 in field 1 (header \"id\"): a value of a column the schema does not declare: its values are never shown; save the file as UTF-8",
            dir.file("cases.csv")
        )
    );
}

#[test]
fn data_error_invalid_utf8_in_the_header() {
    let dir = dataset(GENDER, b"gender,r\xe9gion\nF,x\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:1:8: invalid UTF-8 in header \"r\u{FFFD}gion\": save the file as UTF-8",
            dir.file("cases.csv")
        )
    );
}

#[test]
fn data_error_empty_file() {
    let dir = dataset(GENDER, b"");
    assert_eq!(
        dir.error(),
        format!(
            "{}:1:1: the file is empty: expected a header row naming the columns",
            dir.file("cases.csv")
        )
    );
}

#[test]
fn data_error_missing_csv_names_the_schema() {
    let dir = DataDir::new(&[("cases.toml", GENDER.as_bytes())]);
    let err = format!("{:#}", dir.load().unwrap_err());
    assert!(
        err.contains(&format!("cannot open {}", dir.file("cases.csv"))),
        "{err}"
    );
    assert!(err.contains(&dir.file("cases.toml")), "{err}");
}

#[test]
fn data_error_schema_typo_is_located() {
    let dir = dataset("[[column]]\nid = \"g\"\nlabl = \"Gender\"\n", b"g\nF\n");
    let err = dir.error();
    let expected = format!("{}:3:1: unknown field `labl`", dir.file("cases.toml"));
    assert!(err.starts_with(&expected), "{err}");
}

#[test]
fn data_error_schema_checks() {
    let cases: &[(&str, &str)] = &[
        (
            "[[column]]\nid = \"g\"\nkind = \"categorie\"\n",
            ":3:8: unknown variant `categorie`",
        ),
        (
            "[[column]]\nid = \"g\"\n[column.values]\nF = \"F\"\n[column.recode]\nf = \"W\"\n",
            ":6:5: recode target \"W\" is not a declared value of column \"g\" nor a missing-value token; allowed: \"F\"",
        ),
        (
            "[[column]]\nid = \"g\"\n[[column]]\nid = \"g\"\n",
            ":4:6: column id \"g\" is declared twice (first at line 2)",
        ),
        (
            "[dataset]\ndelimiter = \";;\"\n[[column]]\nid = \"g\"\n",
            ":2:13: delimiter \";;\" must be one ASCII character such as \",\", \";\" or \"\\t\"",
        ),
        (
            "[[column]]\nid = \"y\"\nkind = \"year\"\nfrom = 2020\nto = 2015\n",
            ":5:6: to = 2015 is below from = 2020",
        ),
        (
            "[[column]]\nid = \"y\"\nkind = \"year\"\n[column.values]\nA = \"a\"\n",
            ":4:1: values are for category columns; a year column takes from/to",
        ),
        (
            "[[column]]\nid = \"a\"\nkind = \"integer\"\nbands = [0, 18, 18]\n",
            ":4:9: bands must be a non-empty list of strictly ascending lower bounds, e.g. [0, 18, 25]",
        ),
        (
            "[dataset]\nmissing = [\"\", \"NA\"]\n[[column]]\nid = \"c\"\n[column.values]\nNA = \"Namibia\"\n",
            ":5:1: \"NA\" is both a value and a missing-value token of column \"c\"; set this column's own missing = [...] without it",
        ),
        (
            "[[column]]\nid = \"g\"\n[column.values]\nF = \"F\"\n[column.recode]\n\"\" = \"F\"\n",
            ":6:6: \"\" is a missing-value token of column \"g\", so it cannot be recoded; set this column's own missing = [...] without it",
        ),
    ];
    for (schema, expected) in cases {
        let dir = dataset(schema, b"g\nF\n");
        let err = dir.error();
        let expected = format!("{}{expected}", dir.file("cases.toml"));
        assert!(
            err.starts_with(&expected),
            "\n  got: {err}\n want: {expected}"
        );
    }
}

/// `n` rows whose only column holds distinct values made by `value`.
fn unique_rows(header: &str, n: usize, value: impl Fn(usize) -> String) -> Vec<u8> {
    let mut csv = format!("{header}\n");
    for i in 0..n {
        csv.push_str(&value(i));
        csv.push('\n');
    }
    csv.into_bytes()
}

const DROP_ADVICE: &str = "Declare it role = \"drop\" (its header is then checked but its values are never read), or, if it is a true category, list its values in [column.values]";

#[test]
fn data_error_identifier_guard_mostly_unique_values() {
    let schema = "[[column]]\nid = \"case_ref\"\n";
    let dir = dataset(schema, &unique_rows("case_ref", 30, |i| format!("C{i:05}")));
    assert_eq!(
        dir.error(),
        format!(
            "{}:2:6: column \"case_ref\" looks like a direct identifier: 30 distinct values among 30 cases with a value. {DROP_ADVICE}",
            dir.file("cases.toml")
        )
    );
    let dropped = dataset(
        "[[column]]\nid = \"case_ref\"\nrole = \"drop\"\n",
        &unique_rows("case_ref", 30, |i| format!("C{i:05}")),
    );
    let input = dropped.load().unwrap();
    assert!(input.datasets[0].columns.is_empty());
    assert_eq!(input.datasets[0].len, 30);
}

#[test]
fn data_error_identifier_guard_integer_numbers() {
    let schema = "[[column]]\nid = \"file_no\"\nkind = \"integer\"\n";
    let dir = dataset(
        schema,
        &unique_rows("file_no", 40, |i| format!("{}", 1000 + i * 7)),
    );
    assert!(dir
        .error()
        .starts_with(&format!("{}:2:6: column \"file_no\" looks like a direct identifier: 40 distinct values among 40 cases with a value.", dir.file("cases.toml"))));
}

#[test]
fn data_error_identifier_guard_contact_details_and_free_text() {
    let cases = [
        (
            "contact",
            "x\njane@example.org\njane@example.org\n",
            "e-mail addresses (e.g. data record 2)",
        ),
        (
            "phone",
            "+44 20 7946 0958\n+44 20 7946 0958\n",
            "phone numbers (e.g. data record 1)",
        ),
        (
            "story",
            "\"She was met at the bus station by a man who offered work\"\n",
            "free text (e.g. data record 1)",
        ),
    ];
    for (id, rows, what) in cases {
        let dir = dataset(
            &format!("[[column]]\nid = \"{id}\"\n"),
            format!("{id}\n{rows}").as_bytes(),
        );
        assert_eq!(
            dir.error(),
            format!(
                "{}:2:6: column \"{id}\" looks like a direct identifier: its values look like {what}. {DROP_ADVICE}",
                dir.file("cases.toml")
            )
        );
        assert!(
            !dir.error().contains("jane@"),
            "the value itself is never printed"
        );
    }
}

#[test]
fn data_identifier_guard_passes_ordinary_open_columns() {
    let schema = "[[column]]\nid = \"region\"\n[[column]]\nid = \"year\"\nkind = \"year\"\n";
    let mut csv = String::from("region,year\n");
    for i in 0..200 {
        csv.push_str(&format!("r{},{}\n", i % 25, 2000 + i % 24));
    }
    let input = dataset(schema, csv.as_bytes()).load().unwrap();
    assert_eq!(input.datasets[0].columns[0].categories.len(), 25);
}

#[test]
fn data_error_columns_do_not_count_a_byte_order_mark() {
    let dir = dataset(GENDER, b"\xEF\xBB\xBFgender,id,gender\nF,1,F\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:1:11: duplicate header \"gender\": it names fields 1 and 3, so column \"gender\" is ambiguous",
            dir.file("cases.csv")
        )
    );
}
