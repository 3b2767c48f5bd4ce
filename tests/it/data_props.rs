//! Property: for any CSV the schema accepts, every column's code counts equal a naive count of
//! the raw values (after recoding and missing-value handling). Values hold delimiters, quotes and
//! line breaks; the open `text` column's alphabet is kept small enough (at most 12 distinct values)
//! that the identifier guard never fires.

use std::collections::BTreeMap;

use proptest::prelude::*;

use crate::data_support::{counts, dataset};

/// Raw spellings of column `a` (a closed domain with a recoding and two missing tokens).
const A_RAW: [&str; 6] = ["x", "y", "z", "X", "", "-99"];
/// What each spelling is counted as.
const A_CODE: [&str; 6] = ["x", "y", "z", "x", "unknown", "unknown"];

fn field(value: &str, quote: bool) -> String {
    if quote {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn data_prop_code_counts_match_a_naive_count(
        rows in proptest::collection::vec(
            (
                0usize..6,
                proptest::option::of(2000i64..2010),
                "[;\"\n]{0,2}",
                "[a,;\"\n]{0,4}",
                any::<bool>(),
            ),
            0..120,
        ),
        semicolon in any::<bool>(),
    ) {
        let delimiter = if semicolon { ';' } else { ',' };
        let schema = format!(
            "[dataset]\ndelimiter = \"{delimiter}\"\nmissing = [\"\", \"-99\"]\n\
             [[column]]\nid = \"a\"\n[column.values]\nx = \"X\"\ny = \"Y\"\nz = \"Z\"\n[column.recode]\nX = \"x\"\n\
             [[column]]\nid = \"year\"\nkind = \"year\"\n\
             [[column]]\nid = \"text\"\n"
        );
        let mut csv = format!("a{delimiter}year{delimiter}ignored{delimiter}text\n");
        let mut naive: [BTreeMap<String, usize>; 3] = Default::default();
        for (a, year, text, ignored, quote) in &rows {
            let year_raw = year.map_or(String::new(), |y| y.to_string());
            csv.push_str(&format!(
                "{}{delimiter}{}{delimiter}{}{delimiter}{}\n",
                field(A_RAW[*a], *quote),
                year_raw,
                field(ignored, true),
                field(text, true),
            ));
            *naive[0].entry(A_CODE[*a].to_string()).or_default() += 1;
            *naive[1].entry(year.map_or("unknown".into(), |y| y.to_string())).or_default() += 1;
            let text_code = if text.is_empty() { "unknown".to_string() } else { text.clone() };
            *naive[2].entry(text_code).or_default() += 1;
        }
        let dir = dataset(&schema, csv.as_bytes());
        let input = dir.load().unwrap();
        let cases = &input.datasets[0];
        prop_assert_eq!(cases.len, rows.len());
        for (column, expected) in cases.columns.iter().zip(&naive) {
            prop_assert_eq!(column.codes.len(), rows.len());
            let got: BTreeMap<String, usize> =
                counts(column).into_iter().filter(|(_, n)| *n > 0).collect();
            prop_assert_eq!(&got, expected, "column {}", column.id);
            if let Some(unknown) = column.unknown {
                prop_assert_eq!(column.categories[unknown as usize].code.as_str(), "unknown");
                prop_assert_eq!(unknown as usize, column.categories.len() - 1);
            }
        }
    }
}
