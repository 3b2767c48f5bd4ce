//! Property tests: for random case data and random release settings, the written file is
//! k-anonymous (and l-diverse) by an independent count, and a refusal is justified.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use safestat::data::ColumnKind::{Category as Cat, Year};
use safestat::privacy::records::{records_csv, release, ReleaseError};

use super::records_support::{column, read_csv, resolve, table, table_counts};

const YEARS: &[&str] = &["2019", "2020", "2021", "2022"];
const GENDERS: &[&str] = &["F", "M", "unknown"];
const AGES: &[&str] = &["0-8", "9-17", "18-20", "21-29", "30+", "unknown"];
const COUNTRIES: &[&str] = &["LB", "SY", "IQ", "NG", "GH", "NA", "unknown"];
const TYPES: &[&str] = &["sexual", "labour", "other", "unknown"];
const QIS: &[&str] = &["year", "gender", "age_band", "country"];

type Row = (usize, usize, usize, usize, usize);

/// Skewed rows: small indices are common, so data has both large classes and a long tail.
fn rows() -> impl Strategy<Value = Vec<Row>> {
    let skew = |n: usize| (0..n * n).prop_map(move |x| n - 1 - (x as f64).sqrt() as usize);
    prop::collection::vec((skew(4), skew(3), skew(6), skew(7), skew(4)), 1..400)
}

/// The coarsest value of each quasi-identifier, computed here without the library.
fn top(row: &[&str], gender_any: bool) -> Vec<String> {
    let year = match row[0] {
        "2019" | "2020" => "2019-2020",
        _ => "2021-2022",
    };
    let age = match row[2] {
        "0-8" | "9-17" => "Minor",
        "unknown" => "",
        _ => "Adult",
    };
    let country = match row[3] {
        "LB" | "SY" | "IQ" => "Asia",
        "unknown" => "",
        _ => "Africa",
    };
    let gender = match row[1] {
        "unknown" => "",
        _ if gender_any => "Any",
        g => g,
    };
    vec![year.into(), gender.into(), age.into(), country.into()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn records_release_is_k_anonymous_or_justly_refused(
        rows in rows(),
        k in 2u32..7,
        l in prop::option::of(2u32..4),
        share in prop::sample::select(vec![0.0, 0.05, 0.2, 0.5]),
        gender_any in any::<bool>(),
    ) {
        let strings: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| vec![YEARS[r.0], GENDERS[r.1], AGES[r.2], COUNTRIES[r.3], TYPES[r.4]])
            .collect();
        let columns = vec![
            column("year", Year, YEARS, None),
            column("gender", Cat, GENDERS, Some("unknown")),
            column("age_band", Cat, AGES, Some("unknown")),
            column("country", Cat, COUNTRIES, Some("unknown")),
            column("exploitation_type", Cat, TYPES, Some("unknown")),
        ];
        let data = table(columns.clone(), &strings);
        let spec_text = format!(
            r#"k = {k}
{}
quasi_identifiers = ["year", "gender", "age_band", "country"]
sensitive = "exploitation_type"
max_suppressed_records = {share}
[hierarchy.year]
periods = [[2019, 2020], [2021, 2022]]
[hierarchy.age_band]
levels = [{{ "0-8" = "Minor", "9-17" = "Minor", "18-20" = "Adult", "21-29" = "Adult", "30+" = "Adult" }}]
[hierarchy.country]
builtin = "m49"
{}
"#,
            l.map(|l| format!("l = {l}")).unwrap_or_default(),
            if gender_any { "[hierarchy.gender]\nlevels = [{ F = \"Any\", M = \"Any\" }]" } else { "" }
        );
        let spec = resolve(&data, &spec_text);
        let limit = (share * rows.len() as f64).floor() as u64;
        match release(&data, &spec) {
            Ok(released) => {
                let bytes = records_csv(&released).unwrap();
                let written = read_csv(&bytes);
                prop_assert_eq!(written.rows.len(), released.len);
                let report = &released.report;
                prop_assert_eq!(report.records_released + report.records_removed, rows.len() as u64);
                prop_assert!(report.records_removed <= limit);
                if !written.rows.is_empty() {
                    prop_assert!(written.k(QIS).unwrap() >= k as usize);
                    if let Some(l) = l {
                        prop_assert!(written.l(QIS, "exploitation_type").unwrap() >= l as usize);
                    }
                }
                // The sensitive values published are some of the recorded ones, never invented.
                let mut recorded: BTreeMap<String, i64> = BTreeMap::new();
                for r in &strings {
                    let v = if r[4] == "unknown" { "" } else { r[4] };
                    *recorded.entry(v.to_string()).or_default() += 1;
                }
                let s = written.index("exploitation_type");
                for row in &written.rows {
                    let left = recorded.entry(row[s].clone()).or_default();
                    *left -= 1;
                    prop_assert!(*left >= 0);
                }
                // The table view counts exactly what the file holds.
                let all = ["year", "gender", "age_band", "country", "exploitation_type"];
                prop_assert_eq!(
                    table_counts(&released.case_table(), &all),
                    written.counts(&all, "unknown")
                );
                // Same data in another order: same bytes.
                let mut reversed = strings.clone();
                reversed.reverse();
                let again = release(&table(columns, &reversed), &spec).unwrap();
                prop_assert_eq!(records_csv(&again).unwrap(), bytes);
            }
            Err(ReleaseError::Infeasible { limit: reported, outliers, .. }) => {
                prop_assert_eq!(reported, limit);
                // At the coarsest levels too many records are still in small or uniform classes.
                let mut classes: BTreeMap<Vec<String>, (usize, BTreeSet<&str>)> = BTreeMap::new();
                for r in &strings {
                    let class = classes.entry(top(r, gender_any)).or_default();
                    class.0 += 1;
                    class.1.insert(r[4]);
                }
                let counted: usize = classes
                    .values()
                    .filter(|(n, s)| *n < k as usize || l.is_some_and(|l| s.len() < l as usize))
                    .map(|(n, _)| n)
                    .sum();
                prop_assert_eq!(counted as u64, outliers);
                prop_assert!(outliers > limit);
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }
}
