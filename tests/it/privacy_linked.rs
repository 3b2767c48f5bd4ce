//! The linked-table attacker on hand-made sets of tables: cycles that need a triangulation,
//! filtered tables, tables over disjoint columns. Every case is checked against the oracle's
//! explicit cover-table LP, interval by interval.

use safestat::config::ZeroPolicy;
use safestat::data::DataInput;
use safestat::privacy::{protect, CellValue};

use crate::privacy_oracle::{
    columns, dataset, filter, privacy, skewed_rows, suppressed, table, Oracle,
};

fn check(input: &DataInput, k: u32) -> safestat::privacy::Protection {
    let config = privacy(k, ZeroPolicy::Publish);
    let protection = protect(input, &config).expect("protection succeeds");
    let oracle = Oracle::new(input, &protection, &config);
    oracle.assert_safe(&protection, &config);
    protection
}

#[test]
fn privacy_a_cycle_of_three_two_way_tables_is_audited_as_one_cover_table() {
    let domains = [3, 3, 3];
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![dataset(columns(&domains), &skewed_rows(&domains, 120, 7))],
        tables: vec![
            table("ab", &[0, 1], vec![]),
            table("bc", &[1, 2], vec![]),
            table("ac", &[0, 2], vec![]),
        ],
    };
    let p = check(&input, 5);
    assert!(
        p.tables.iter().any(|t| !suppressed(t).is_empty()),
        "the case has suppressed cells to audit"
    );
}

#[test]
fn privacy_a_four_cycle_of_tables_is_triangulated_exactly() {
    let domains = [3, 2, 3, 2];
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![dataset(columns(&domains), &skewed_rows(&domains, 150, 11))],
        tables: vec![
            table("ab", &[0, 1], vec![]),
            table("bc", &[1, 2], vec![]),
            table("cd", &[2, 3], vec![]),
            table("da", &[3, 0], vec![]),
        ],
    };
    let p = check(&input, 5);
    assert!(p.tables.iter().any(|t| !suppressed(t).is_empty()));
}

#[test]
fn privacy_filtered_and_three_way_tables_are_audited_exactly() {
    let domains = [3, 3, 2, 3];
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![dataset(columns(&domains), &skewed_rows(&domains, 200, 3))],
        tables: vec![
            table("abc", &[0, 1, 2], vec![]),
            table("ab-d", &[0, 1], vec![filter(3, 3, &[0, 1])]),
            table("d", &[3], vec![]),
            table("cd", &[2, 3], vec![filter(0, 3, &[0])]),
        ],
    };
    let p = check(&input, 4);
    assert!(p.tables.iter().any(|t| !suppressed(t).is_empty()));
}

/// Tables over disjoint columns share only the grand total: the attacker learns nothing about a
/// cell of one from the other. The oracle's interval of every suppressed cell of `ab` is the same
/// whether or not `cd` is published, and so is the engine's.
#[test]
fn privacy_tables_over_disjoint_columns_are_linked_only_through_the_grand_total() {
    let domains = [3, 3, 3, 3];
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![dataset(columns(&domains), &skewed_rows(&domains, 160, 5))],
        tables: vec![table("ab", &[0, 1], vec![]), table("cd", &[2, 3], vec![])],
    };
    let config = privacy(5, ZeroPolicy::Publish);
    let p = protect(&input, &config).unwrap();
    let both = Oracle::new(&input, &p, &config);
    both.assert_safe(&p, &config);
    assert!(!suppressed(&p.tables[0]).is_empty() && !suppressed(&p.tables[1]).is_empty());
    assert_eq!(
        p.tables[0].cell(&[None, None]).value,
        p.tables[1].cell(&[None, None]).value,
        "the grand total is one cell"
    );
    let alone = Oracle {
        variables: both.variables,
        total: both.total,
        cells: both
            .cells
            .iter()
            .map(|c| {
                let mut c = c.clone();
                if c.table == 1 {
                    c.published = None;
                }
                c
            })
            .collect(),
    };
    let report = &p.report.tables[0];
    for cell in both
        .cells
        .iter()
        .filter(|c| c.table == 0 && c.published.is_none())
    {
        let linked = both.interval(&cell.members);
        let single = alone.interval(&cell.members);
        assert!(
            (linked.0 - single.0).abs() < 1e-6 && (linked.1 - single.1).abs() < 1e-6,
            "cell {}: {linked:?} with cd published, {single:?} without",
            cell.grid
        );
        let key = &p.tables[0].cells[cell.grid].key;
        let audited = report.suppressed.iter().find(|s| &s.key == key).unwrap();
        if cell.value > 0 {
            assert!((audited.lp[1] - single.1).abs() < 1e-6);
        }
    }
    assert_ne!(
        p.tables[0].cell(&[None, None]).value,
        CellValue::Suppressed,
        "the grand total is never suppressed"
    );
}

/// Found by the property test: a table filtered on a column no table shows, beside the same
/// dimension unfiltered, with pooled columns and a category left without cases.
#[test]
fn privacy_a_filter_on_an_unshown_column_beside_the_unfiltered_table() {
    let rows = vec![vec![0, 1], vec![0, 1], vec![1, 0], vec![1, 1]];
    let mut columns = columns(&[3, 3]);
    for c in &mut columns {
        c.pool_rare = true;
    }
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![dataset(columns, &rows)],
        tables: vec![
            table("t0", &[0], vec![filter(1, 3, &[1])]),
            table("t1", &[0], vec![]),
        ],
    };
    check(&input, 2);
}

/// Found by the property test: two three-way tables over the same columns in different orders,
/// and a two-way table of two of them.
#[test]
fn privacy_the_same_three_way_table_twice() {
    let rows: Vec<Vec<u32>> = [
        [2, 0, 0],
        [1, 0, 0],
        [2, 2, 2],
        [3, 1, 1],
        [1, 0, 1],
        [1, 2, 0],
        [0, 0, 1],
        [1, 0, 2],
        [0, 2, 2],
        [2, 0, 1],
        [1, 0, 0],
        [0, 2, 0],
        [3, 1, 2],
        [0, 0, 2],
        [1, 0, 1],
        [0, 2, 0],
        [1, 2, 0],
        [0, 2, 0],
        [3, 0, 0],
        [1, 0, 0],
        [0, 2, 0],
        [0, 1, 1],
        [0, 0, 2],
        [3, 0, 0],
        [0, 1, 2],
        [0, 0, 0],
        [2, 0, 2],
        [0, 0, 0],
        [1, 1, 0],
        [2, 0, 1],
        [3, 1, 2],
    ]
    .iter()
    .map(|r| r.to_vec())
    .collect();
    let input = DataInput {
        releases: Vec::new(),
        datasets: vec![dataset(columns(&[4, 3, 3]), &rows)],
        tables: vec![
            table("abc", &[0, 1, 2], vec![]),
            table("ca", &[2, 0], vec![]),
            table("bac", &[1, 0, 2], vec![]),
        ],
    };
    check(&input, 2);
}
