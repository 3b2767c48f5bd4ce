//! The guarantee on hand-made cases: linked tables, shared cells, pooling, zeros, thresholds.

use safestat::config::ZeroPolicy;
use safestat::data::DataInput;
use safestat::privacy::{protect, CellValue, ProtectionError};

use crate::privacy_oracle::{column, dataset, filter, privacy, rows, suppressed, table, Oracle};

/// A × B and A × C over the same cases. Alone, table `ab` is safe with the textbook pattern: the
/// small cell (a1, b1), its row partner, its column partner and the opposite corner. But (a2, b1)
/// counts exactly the cases of (a2, c1) in table `ac`, so an engine that protects tables one by one
/// publishes (a2, c1) = 40 there, and then (a1, b1) = total(b1) − 40 = 3.
fn linked_tables() -> DataInput {
    let data = dataset(
        vec![
            column("a", &["a1", "a2"]),
            column("b", &["b1", "b2"]),
            column("c", &["c1", "c2"]),
        ],
        &rows(&[
            (&[0, 0, 0], 3),
            (&[0, 1, 0], 20),
            (&[0, 1, 1], 30),
            (&[1, 0, 0], 40),
            (&[1, 1, 1], 40),
        ]),
    );
    DataInput {
        releases: Vec::new(),
        datasets: vec![data],
        tables: vec![table("ab", &[0, 1], vec![]), table("ac", &[0, 2], vec![])],
    }
}

#[test]
fn privacy_naive_per_table_pattern_is_broken_by_the_linked_table() {
    let input = linked_tables();
    let config = privacy(11, ZeroPolicy::Publish);
    let protection = protect(&input, &config).unwrap();
    // An engine protecting table `ab` alone: the rectangle (a1,b1), (a1,b2), (a2,b1), (a2,b2) of
    // its 3×3 grid is suppressed; table `ac` has no small cell and is published in full.
    let mut naive_oracle = Oracle::new(&input, &protection, &config);
    for cell in &mut naive_oracle.cells {
        let rectangle = cell.table == 0 && [0, 1, 3, 4].contains(&cell.grid);
        cell.published = (!rectangle).then_some(cell.value);
    }
    let a1b1 = naive_oracle
        .cells
        .iter()
        .find(|c| c.table == 0 && c.grid == 0)
        .unwrap()
        .members
        .clone();
    assert_eq!(
        naive_oracle.interval(&a1b1),
        (3.0, 3.0),
        "the naive pattern discloses (a1, b1)"
    );

    // safestat's pattern holds up against the attacker who reads both tables.
    let oracle = Oracle::new(&input, &protection, &config);
    oracle.assert_safe(&protection, &config);
    let (ab, ac) = (&protection.tables[0], &protection.tables[1]);
    assert_eq!(ab.cell(&[Some(0), Some(0)]).value, CellValue::Suppressed);
    // (a2, b1) and (a2, c1) are one cell with one status.
    assert_eq!(
        ab.cell(&[Some(1), Some(0)]).value,
        ac.cell(&[Some(1), Some(0)]).value
    );
}

#[test]
fn privacy_shared_cells_have_one_status_across_tables() {
    // a1 has 5 cases: a primary cell in every table that shows the A margin.
    let data = dataset(
        vec![
            column("a", &["a1", "a2", "a3"]),
            column("b", &["b1", "b2"]),
            column("year", &["2019", "2020"]),
        ],
        &rows(&[
            (&[0, 0, 0], 2),
            (&[0, 1, 1], 3),
            (&[1, 0, 0], 30),
            (&[1, 1, 1], 25),
            (&[2, 0, 1], 14),
            (&[2, 1, 0], 12),
        ]),
    );
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![data],
        tables: vec![
            table("a_by_b", &[0, 1], vec![]),
            table("a", &[0], vec![]),
            // A filter that excludes no case: the same cells as the unfiltered table.
            table("a_all_years", &[0], vec![filter(2, 2, &[0, 1])]),
            table("b_by_a", &[1, 0], vec![]),
        ],
    };
    let config = privacy(11, ZeroPolicy::Publish);
    let protection = protect(&input, &config).unwrap();
    Oracle::new(&input, &protection, &config).assert_safe(&protection, &config);
    let [by_b, a, a_all, b_by_a] = &protection.tables[..] else {
        panic!()
    };
    for i in 0..3 {
        let status = a.cell(&[Some(i)]).value;
        assert_eq!(by_b.cell(&[Some(i), None]).value, status, "a{i}");
        assert_eq!(a_all.cell(&[Some(i)]).value, status, "a{i}");
        assert_eq!(b_by_a.cell(&[None, Some(i)]).value, status, "a{i}");
    }
    assert_eq!(a.cell(&[Some(0)]).value, CellValue::Suppressed);
    // One more suppression in the 1-D table keeps a1 from being total − a2 − a3.
    assert_eq!(suppressed(a).len(), 2);
    assert_eq!(a.grand_total().value, CellValue::Published(86));
}

#[test]
fn privacy_pooling_hides_rare_labels_everywhere() {
    let labels = ["Lebanon", "Syria", "Nauru", "Tuvalu", "Unknown"];
    let mut country = column("country", &labels);
    country.pool_rare = true;
    country.unknown = Some(4);
    let data = dataset(
        vec![country, column("sex", &["F", "M"])],
        &rows(&[
            (&[0, 0], 30),
            (&[0, 1], 22),
            (&[1, 0], 15),
            (&[1, 1], 12),
            (&[2, 0], 4),
            (&[3, 1], 8),
            (&[4, 0], 2),
        ]),
    );
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![data],
        tables: vec![
            table("by_country", &[0, 1], vec![]),
            table("country", &[0], vec![]),
        ],
    };
    let config = privacy(11, ZeroPolicy::Publish);
    let protection = protect(&input, &config).unwrap();
    Oracle::new(&input, &protection, &config).assert_safe(&protection, &config);
    let published = serde_json::to_string(&protection.tables).unwrap();
    for rare in ["Nauru", "Tuvalu", "nauru", "tuvalu"] {
        assert!(!published.contains(rare), "{rare} leaked: {published}");
    }
    let dim = &protection.tables[1].dimensions[0];
    let names: Vec<&str> = dim.categories.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(names, vec!["Lebanon", "Syria", "Other", "Unknown"]);
    let other = protection.tables[1]
        .lookup(&[("country", "Other")])
        .unwrap()
        .value;
    assert_eq!(
        protection.tables[0]
            .lookup(&[("country", "Other")])
            .unwrap()
            .value,
        other
    );
    assert_eq!(
        protection.tables[1].grand_total().value,
        CellValue::Published(93)
    );
    // Unknown (2 cases) is kept as its own category, and suppressed.
    assert_eq!(
        protection.tables[1]
            .lookup(&[("country", "Unknown")])
            .unwrap()
            .value,
        CellValue::Suppressed
    );
    // The audit names what was pooled (it is never published).
    assert_eq!(
        protection.report.pooling[0].dimensions[0].pooled_labels,
        vec!["Nauru", "Tuvalu"]
    );
}

#[test]
fn privacy_zeros_follow_the_policy() {
    let data = dataset(
        vec![column("a", &["a1", "a2"]), column("b", &["b1", "b2"])],
        &rows(&[(&[0, 0], 20), (&[0, 1], 30), (&[1, 1], 25)]),
    );
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![data],
        tables: vec![table("ab", &[0, 1], vec![])],
    };
    let publish = privacy(11, ZeroPolicy::Publish);
    let p = protect(&input, &publish).unwrap();
    assert_eq!(
        p.tables[0].cell(&[Some(1), Some(0)]).value,
        CellValue::Published(0)
    );
    assert!(suppressed(&p.tables[0]).is_empty());
    Oracle::new(&input, &p, &publish).assert_safe(&p, &publish);

    let suppress = privacy(11, ZeroPolicy::Suppress);
    let p = protect(&input, &suppress).unwrap();
    assert_eq!(
        p.tables[0].cell(&[Some(1), Some(0)]).value,
        CellValue::Suppressed
    );
    // The zero hides nobody, so it costs no complementary suppression.
    assert_eq!(suppressed(&p.tables[0]), vec![3]);
    Oracle::new(&input, &p, &suppress).assert_safe(&p, &suppress);
    assert_eq!(p.report.tables[0].primary, 1);
    assert_eq!(p.report.tables[0].cases_hidden, 0);
}

#[test]
fn privacy_published_counts_are_zero_or_at_least_k_and_small_cells_are_protected() {
    // gender × year with small cells scattered around; k = 5.
    let mut spec = Vec::new();
    let counts = [[12, 3, 40, 1], [7, 9, 2, 30], [50, 4, 6, 25]];
    for (g, row) in counts.iter().enumerate() {
        for (y, &n) in row.iter().enumerate() {
            spec.push((vec![g as u32, y as u32], n));
        }
    }
    let owned: Vec<(&[u32], usize)> = spec.iter().map(|(c, n)| (c.as_slice(), *n)).collect();
    let data = dataset(
        vec![
            column("gender", &["f", "m", "x"]),
            column("year", &["2019", "2020", "2021", "2022"]),
        ],
        &rows(&owned),
    );
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![data],
        tables: vec![
            table("gy", &[0, 1], vec![]),
            table("y", &[1], vec![]),
            table("g", &[0], vec![]),
        ],
    };
    let config = privacy(5, ZeroPolicy::Publish);
    let p = protect(&input, &config).unwrap();
    Oracle::new(&input, &p, &config).assert_safe(&p, &config);
    let report = &p.report.tables[0];
    assert_eq!(report.primary, 4, "cells 3, 1, 2 and 4");
    assert!(report.secondary >= 3);
    assert!(report
        .suppressed
        .iter()
        .all(|s| s.lo <= s.value && s.value <= s.hi));
}

#[test]
fn privacy_invalid_tables_are_typed_errors() {
    let data = dataset(vec![column("a", &["a1"])], &rows(&[(&[0], 20)]));
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![data],
        tables: vec![table("t", &[3], vec![])],
    };
    let err = protect(&input, &privacy(11, ZeroPolicy::Publish)).unwrap_err();
    let typed = err
        .downcast_ref::<ProtectionError>()
        .expect("a ProtectionError");
    assert!(
        matches!(typed, ProtectionError::InvalidTable { table, .. } if table == "t"),
        "{typed}"
    );
}

/// A table filtered on one of its own dimensions lists only the categories the filter admits: the
/// excluded ones would be empty rows that say nothing (and a chart series of zeros). A table
/// filtered on another column keeps every category.
#[test]
fn privacy_a_filter_on_a_dimension_drops_the_categories_it_excludes() {
    let data = dataset(
        vec![
            column("year", &["2023", "2024", "2025"]),
            column("b", &["b1", "b2"]),
        ],
        &rows(&[
            (&[0, 0], 20),
            (&[0, 1], 30),
            (&[1, 0], 25),
            (&[1, 1], 35),
            (&[2, 0], 40),
            (&[2, 1], 45),
        ]),
    );
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![data],
        tables: vec![
            table("by-year", &[0, 1], vec![filter(0, 3, &[0, 1])]),
            table("by-b", &[1, 0], vec![filter(1, 2, &[0])]),
            table("all", &[0], vec![filter(1, 2, &[0, 1])]),
        ],
    };
    let config = privacy(11, ZeroPolicy::Publish);
    let p = protect(&input, &config).unwrap();
    let labels = |t: usize, d: usize| -> Vec<String> {
        p.tables[t].dimensions[d]
            .categories
            .iter()
            .map(|c| c.label.clone())
            .collect()
    };
    assert_eq!(labels(0, 0), ["2023", "2024"]);
    assert_eq!(labels(0, 1), ["b1", "b2"]);
    assert_eq!(p.tables[0].cells.len(), 3 * 3);
    assert_eq!(
        p.tables[0].cell(&[None, None]).value,
        CellValue::Published(110)
    );
    assert_eq!(labels(1, 0), ["b1"]);
    assert_eq!(labels(1, 1), ["2023", "2024", "2025"]);
    assert_eq!(labels(2, 0), ["2023", "2024", "2025"]);
    Oracle::new(&input, &p, &config).assert_safe(&p, &config);
}
