//! Input errors never leak case data: a value of a `drop` column or of a column the schema does
//! not declare is never printed, and any other value is shortened, however long it is.

use crate::data_support::dataset;

const SCHEMA: &str = "[[column]]\nid = \"case_ref\"\nrole = \"drop\"\n\n[[column]]\nid = \"gender\"\n[column.values]\nF = \"Female\"\nM = \"Male\"\n";

#[test]
fn invalid_utf8_in_a_drop_column_is_located_but_not_printed() {
    let dir = dataset(
        SCHEMA,
        b"case_ref,gender,notes\nC-00001,F,x\nC\xff\xfe00002,M,x\n",
    );
    let err = dir.error();
    assert_eq!(
        err,
        format!(
            "{}:3:1: invalid UTF-8 in field 1 (header \"case_ref\"): a value of column \
             \"case_ref\", which is declared role = \"drop\": its values are never shown; save the \
             file as UTF-8",
            dir.file("cases.csv")
        )
    );
    assert!(!err.contains("00002"), "{err}");
}

#[test]
fn invalid_utf8_in_an_undeclared_column_is_located_but_not_printed() {
    let dir = dataset(
        SCHEMA,
        b"case_ref,gender,notes\nC-00001,F,x\nC-00002,M,case\xe9management\n",
    );
    let err = dir.error();
    assert_eq!(
        err,
        format!(
            "{}:3:11: invalid UTF-8 in field 3 (header \"notes\"): a value of a column the schema \
             does not declare: its values are never shown; save the file as UTF-8",
            dir.file("cases.csv")
        )
    );
    assert!(!err.contains("management"), "{err}");
}

#[test]
fn invalid_utf8_in_a_dimension_is_shortened() {
    let mut csv = b"case_ref,gender\nC-1,F\nC-2,".to_vec();
    csv.extend(std::iter::repeat(b'Q').take(100));
    csv.push(0xff);
    csv.push(b'\n');
    let dir = dataset(SCHEMA, &csv);
    let err = dir.error();
    assert!(
        err.starts_with(&format!("{}:3:5: ", dir.file("cases.csv"))),
        "{err}"
    );
    assert!(
        err.contains(&format!("\"{}\"… (101 bytes)", "Q".repeat(60))),
        "{err}"
    );
    assert!(!err.contains(&"Q".repeat(61)), "{err}");
}

#[test]
fn a_huge_unknown_value_is_shortened() {
    let huge = "X".repeat(4 << 20);
    let csv = format!("case_ref,gender\nC-1,F\nC-2,{huge}\n");
    let dir = dataset(SCHEMA, csv.as_bytes());
    let err = dir.error();
    assert!(err.len() < 500, "{} bytes: {}", err.len(), &err[..500]);
    assert_eq!(
        err,
        format!(
            "{}:3:5: column \"gender\": value \"{}\"… ({} bytes) is not allowed; allowed values: \
             \"F\", \"M\"; missing: \"\"",
            dir.file("cases.csv"),
            "X".repeat(60),
            4 << 20
        )
    );
}

#[test]
fn long_year_and_integer_values_are_shortened() {
    let schema = "[[column]]\nid = \"year\"\nkind = \"year\"\n\n[[column]]\nid = \"age\"\nkind = \"integer\"\n";
    let long = "9".repeat(1000);
    let dir = dataset(schema, format!("year,age\n2020,{long}\n").as_bytes());
    let err = dir.error();
    assert!(
        err.contains(&format!(
            "value \"{}\"… (1000 bytes) is not a whole number",
            "9".repeat(60)
        )),
        "{err}"
    );
    let dir = dataset(schema, format!("year,age\n{long},3\n").as_bytes());
    let err = dir.error();
    assert!(
        err.contains(&format!(
            "value \"{}\"… (1000 bytes) is not a year",
            "9".repeat(60)
        )),
        "{err}"
    );
}
