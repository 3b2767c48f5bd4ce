//! Property test: random case data and random sets of linked tables, checked by the independent
//! oracle (the attacker's full LP). Case count: `PROPTEST_CASES` (default 64).

use proptest::prelude::*;

use safestat::config::ZeroPolicy;
use safestat::data::DataInput;
use safestat::privacy::protect;

use crate::privacy_oracle::{dataset, filter, privacy, table, ColumnDef, Oracle};

/// Dimensions, and an optional filter: (column, allowed codes as bits).
type RandomTable = (Vec<usize>, Option<(usize, Vec<bool>)>);

#[derive(Debug, Clone)]
struct Case {
    domains: Vec<usize>,
    pool: Vec<bool>,
    rows: Vec<Vec<u32>>,
    tables: Vec<RandomTable>,
    k: u32,
    zeros: ZeroPolicy,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(2usize..=4, 2..=4),
        2u32..=6,
        any::<bool>(),
    )
        .prop_flat_map(|(domains, k, suppress_zeros)| {
            let columns = domains.len();
            // Skewed codes, so that small cells are common.
            let code = |n: usize| {
                prop::sample::select(
                    (0..n as u32)
                        .flat_map(|c| std::iter::repeat(c).take(n - c as usize))
                        .collect::<Vec<u32>>(),
                )
            };
            let row = domains.iter().map(|&n| code(n)).collect::<Vec<_>>();
            let table = (
                prop::sample::subsequence((0..columns).collect::<Vec<_>>(), 1..=columns.min(3))
                    .prop_shuffle(),
                prop::option::weighted(0.3, (0..columns, prop::collection::vec(any::<bool>(), 4))),
            );
            (
                Just(domains.clone()),
                prop::collection::vec(any::<bool>(), columns),
                prop::collection::vec(row, 0..80),
                prop::collection::vec(table, 1..=4),
                Just(k),
                Just(if suppress_zeros {
                    ZeroPolicy::Suppress
                } else {
                    ZeroPolicy::Publish
                }),
            )
        })
        .prop_map(|(domains, pool, rows, tables, k, zeros)| Case {
            domains,
            pool,
            rows,
            tables,
            k,
            zeros,
        })
}

fn input(case: &Case) -> DataInput {
    let names = ["a", "b", "c", "d"];
    let columns = case
        .domains
        .iter()
        .enumerate()
        .map(|(i, &n)| ColumnDef {
            id: names[i],
            labels: (0..n).map(|c| format!("{}{c}", names[i])).collect(),
            pool_rare: case.pool[i],
            unknown: None,
        })
        .collect();
    let tables = case
        .tables
        .iter()
        .enumerate()
        .map(|(t, (dims, f))| {
            let filters = f
                .iter()
                .map(|(c, bits)| {
                    let allowed: Vec<u32> = (0..case.domains[*c] as u32)
                        .filter(|&v| bits[v as usize])
                        .collect();
                    filter(*c, case.domains[*c], &allowed)
                })
                .collect();
            table(&format!("t{t}"), dims, filters)
        })
        .collect();
    DataInput {
        releases: Vec::new(),
        datasets: vec![dataset(columns, &case.rows)],
        tables,
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn privacy_guarantee_holds_for_random_linked_tables(case in case()) {
        let input = input(&case);
        let config = privacy(case.k, case.zeros);
        let protection = protect(&input, &config).expect("protection succeeds");
        let oracle = Oracle::new(&input, &protection, &config);
        oracle.assert_safe(&protection, &config);
    }
}
