//! The pattern on a single two-way table, and on two linked ones, is the cheapest safe one: every
//! pattern that costs less (a cell's count, four times over for a margin, as
//! `src/privacy/pattern.rs` prices it) is shown unsafe by the oracle's own cover-table LP, by
//! enumerating them all. (The greedy search alone fails this: it was tried.)

use safestat::config::ZeroPolicy;
use safestat::data::DataInput;
use safestat::privacy::protect;

use crate::privacy_oracle::{columns, dataset, filter, privacy, skewed_rows, table, Oracle};

/// What a margin costs over an interior cell of the same count (`MARGIN_WEIGHT`).
const MARGIN_WEIGHT: u64 = 4;

/// Slack of the engine's rounding of LP bounds to whole cases.
const ROUNDING: f64 = 1e-6;

/// Whether the pattern `hidden` (oracle cell indices) is safe under the oracle's LP.
fn safe(oracle: &mut Oracle, hidden: &[usize], primary: &[usize], k: u64) -> bool {
    for (i, cell) in oracle.cells.iter_mut().enumerate() {
        cell.published = (!hidden.contains(&i)).then_some(cell.value);
    }
    hidden.iter().all(|&i| {
        let cell = &oracle.cells[i];
        if cell.value == 0 {
            return true;
        }
        let (lo, hi) = oracle.interval(&cell.members);
        let (lo, hi) = ((lo - ROUNDING).ceil(), (hi + ROUNDING).floor());
        if primary.contains(&i) {
            hi >= k as f64 && hi - lo >= k as f64
        } else {
            hi > lo
        }
    })
}

#[test]
fn privacy_a_single_two_way_table_gets_the_cheapest_safe_pattern() {
    for (domains, n, seed) in [
        ([3usize, 2usize], 40, 1u64),
        ([3, 2], 30, 2),
        ([2, 3], 36, 3),
        ([3, 2], 50, 4),
        ([4, 2], 60, 5),
        ([2, 4], 45, 6),
    ] {
        let input = DataInput {
            releases: Vec::new(),
            datasets: vec![dataset(
                columns(&domains),
                &skewed_rows(&domains, n, seed.wrapping_add(0x9e37_79b9)),
            )],
            tables: vec![table("ab", &[0, 1], vec![])],
        };
        assert_cheapest(&input, &format!("{domains:?}, seed {seed}"));
    }
}

#[test]
fn privacy_two_linked_tables_get_the_cheapest_safe_pattern() {
    for (domains, n, seed) in [
        ([2usize, 2usize, 2usize], 40, 11u64),
        ([2, 2, 2], 30, 12),
        ([2, 2, 2], 50, 13),
        ([3, 2, 2], 45, 14),
        ([2, 2, 3], 60, 15),
    ] {
        let input = DataInput {
            releases: Vec::new(),
            datasets: vec![dataset(
                columns(&domains),
                &skewed_rows(&domains, n, seed.wrapping_add(0x9e37_79b9)),
            )],
            tables: vec![table("ab", &[0, 1], vec![]), table("bc", &[1, 2], vec![])],
        };
        assert_cheapest(&input, &format!("ab and bc {domains:?}, seed {seed}"));
    }
}

/// A table filtered to some categories of another table's column (sector of forced labour by
/// gender, beside type of exploitation by gender): its totals are sums of the other table's
/// margins, a relation between the tables that the search must price in.
#[test]
fn privacy_a_filtered_table_linked_to_another_gets_the_cheapest_safe_pattern() {
    for (domains, n, seed) in [
        ([3usize, 2usize, 2usize], 40, 21u64),
        ([3, 2, 2], 30, 22),
        ([3, 2, 2], 50, 23),
        ([3, 2, 3], 45, 24),
    ] {
        let input = DataInput {
            releases: Vec::new(),
            datasets: vec![dataset(
                columns(&domains),
                &skewed_rows(&domains, n, seed.wrapping_add(0x9e37_79b9)),
            )],
            tables: vec![
                table("ab", &[0, 1], vec![]),
                table("cb", &[2, 1], vec![filter(0, domains[0], &[0, 1])]),
            ],
        };
        assert_cheapest(
            &input,
            &format!("ab and cb for a < 2 {domains:?}, seed {seed}"),
        );
    }
}

/// Every pattern cheaper than the engine's is unsafe under the oracle.
fn assert_cheapest(input: &DataInput, fixture: &str) {
    let k = 5;
    let config = privacy(k as u32, ZeroPolicy::Publish);
    let protection = protect(input, &config).expect("protection succeeds");
    let mut oracle = Oracle::new(input, &protection, &config);
    oracle.assert_safe(&protection, &config);
    let mut checked = 0;
    let cells = oracle.cells.clone();
    // Distinct cells: table cells that count the same cases are one cell, with one status.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..cells.len() {
        match groups
            .iter_mut()
            .find(|g| cells[g[0]].cases == cells[i].cases)
        {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    let value = |g: &Vec<usize>| cells[g[0]].value;
    let cost = |g: &Vec<usize>| {
        let margin = g.iter().any(|&i| {
            let table = &protection.tables[cells[i].table];
            table.cells[cells[i].grid].key.iter().any(Option::is_none)
        });
        value(g) * if margin { MARGIN_WEIGHT } else { 1 }
    };
    let is_primary = |g: &Vec<usize>| value(g) >= 1 && value(g) < k;
    let primary: Vec<usize> = groups
        .iter()
        .filter(|g| is_primary(g))
        .flatten()
        .copied()
        .collect();
    let ours: u64 = groups
        .iter()
        .filter(|g| cells[g[0]].published.is_none() && !is_primary(g))
        .map(cost)
        .sum();
    // The cells a pattern may add: nonzero, not primary, not the grand total.
    let open: Vec<&Vec<usize>> = groups
        .iter()
        .filter(|g| value(g) > 0 && value(g) < oracle.total && !is_primary(g))
        .collect();
    assert!(open.len() <= 14, "a fixture small enough to enumerate");
    for mask in 0u32..(1 << open.len()) {
        let chosen: Vec<&Vec<usize>> = (0..open.len())
            .filter(|&b| mask & (1 << b) != 0)
            .map(|b| open[b])
            .collect();
        let spent: u64 = chosen.iter().map(|g| cost(g)).sum();
        if spent >= ours {
            continue;
        }
        let hidden: Vec<usize> = primary
            .iter()
            .copied()
            .chain(chosen.iter().flat_map(|g| g.iter().copied()))
            .collect();
        assert!(
            !safe(&mut oracle, &hidden, &primary, k),
            "{fixture}: a pattern costing {spent} < {ours} is safe: hide {:?} besides the \
             primary cells",
            chosen
                .iter()
                .map(|g| (cells[g[0]].grid, value(g)))
                .collect::<Vec<_>>()
        );
        checked += 1;
    }
    assert!(
        ours == 0 || checked > 0,
        "{fixture}: some cheaper pattern was tried"
    );
}
