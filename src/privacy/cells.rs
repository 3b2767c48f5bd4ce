//! Counting: the cell system of one dataset, every cell of every table, with cells that count the
//! same cases identified as one cell.
//!
//! Each *used column* (a dimension or a filter column of some table of the dataset) is split into
//! *classes*: codes that no table can tell apart (same published category, same answer from every
//! filter on the column) share a class. A *finest cell* is one occurring combination of the classes
//! of every used column. Each table cell counts a union of finest cells, so two table cells count
//! the same set of cases exactly when they hold the same finest cells; that member set is the
//! identity of a [`Cell`] (compared through a 128-bit sum of per-finest-cell hashes, with the count
//! and value beside it).
//!
//! The finest cells are counting machinery only: they are what occurs in the data, which the
//! attacker does not know. The attacker's variables are the cells of the cover table's cliques
//! ([`super::attacker`]), which are counted here too, from the finest cells.

use std::collections::{HashMap, HashSet};

use anyhow::{bail, Result};

use crate::data::{CaseTable, TableSpec};

use super::pooling::PooledColumn;

/// Index of a distinct cell within a dataset's [`CellSystem`].
pub(crate) type CellId = u32;

/// A distinct cell: its true count and where it appears.
#[derive(Debug)]
pub(crate) struct Cell {
    /// The true count.
    pub value: u64,
    /// `(table position in the dataset, grid index)` of each appearance.
    pub appearances: Vec<(usize, usize)>,
}

/// One table laid over the finest cells.
#[derive(Debug)]
pub(crate) struct TableGrid {
    /// Index of the table in `DataInput::tables`.
    pub spec: usize,
    /// Per dimension, the published categories (indices into the pooled column's categories)
    /// this table shows: all of them, but those a filter of the table on that same column
    /// excludes entirely.
    pub categories: Vec<Vec<u32>>,
    /// Grid size per dimension: its categories plus the total.
    pub sizes: Vec<usize>,
    /// Row-major strides of the grid.
    pub strides: Vec<usize>,
    /// `cells[grid index]`: the distinct cell shown there.
    pub cells: Vec<CellId>,
    /// The used columns (positions in [`CellSystem::used`]) the table reads: its dimensions and
    /// its filter columns, ascending.
    pub columns: Vec<usize>,
    /// Per dimension, in table order: its used position and, per class of that column, the
    /// table's category index (`None` when the table does not count the class).
    dims: Vec<(usize, Vec<Option<u32>>)>,
    /// Per filter column (used position): whether the table counts each class.
    admits: Vec<(usize, Vec<bool>)>,
}

impl TableGrid {
    /// The grid index of the innermost cell counting a combination of classes (`class(p)` for
    /// used position `p`), or `None` when the table does not count it.
    pub fn innermost_of(&self, class: impl Fn(usize) -> u32) -> Option<usize> {
        if !self.admits.iter().all(|(p, ok)| ok[class(*p) as usize]) {
            return None;
        }
        let mut g = 0usize;
        for ((p, map), stride) in self.dims.iter().zip(&self.strides) {
            g += map[class(*p) as usize]? as usize * stride;
        }
        Some(g)
    }

    /// Whether grid cell `g` is a margin: a total in at least one dimension.
    pub fn is_margin(&self, g: usize) -> bool {
        let mut rest = g;
        self.sizes
            .iter()
            .zip(&self.strides)
            .any(|(&size, &stride)| {
                let coord = rest / stride;
                rest %= stride;
                coord == size - 1
            })
    }

    /// Calls `f` with grid index `full` (an innermost cell) and every margin above it.
    pub fn for_each_above(&self, full: usize, mut f: impl FnMut(usize)) {
        let d = self.sizes.len();
        // The amount to add to `full` to move dimension i from its category to its total.
        let mut to_total = [0usize; 4];
        let mut rest = full;
        for (i, step) in to_total.iter_mut().enumerate().take(d) {
            let coord = rest / self.strides[i];
            rest %= self.strides[i];
            *step = (self.sizes[i] - 1 - coord) * self.strides[i];
        }
        for mask in 0u32..(1 << d) {
            let mut g = full;
            for (i, step) in to_total.iter().enumerate().take(d) {
                if mask & (1 << i) != 0 {
                    g += step;
                }
            }
            f(g);
        }
    }
}

/// Every cell of every table of one dataset.
#[derive(Debug)]
pub(crate) struct CellSystem {
    /// Dataset column index of each used column, ascending.
    pub used: Vec<usize>,
    /// Number of classes of each used column.
    pub radices: Vec<u32>,
    /// Per used column and class: whether the class is a category no table lists (a code with no
    /// case that pooling left out). No case has it and every margin is the sum of its listed
    /// cells, so the attacker knows it is empty.
    pub unlisted: Vec<Vec<bool>>,
    /// Case count of each finest cell (all ≥ 1).
    pub finest_counts: Vec<u64>,
    /// The class of each used column in each finest cell: `finest_classes[f * used.len() + p]`.
    pub finest_classes: Vec<u32>,
    pub cells: Vec<Cell>,
    pub tables: Vec<TableGrid>,
    /// Additivity relations: each line lists distinct cells, categories first and the total last.
    /// A line is kept only when it says something (the total is not one of its categories).
    /// The dataset's search adds the lines across tables ([`super::attacker::Cover::links`]).
    pub lines: Vec<Vec<CellId>>,
    /// Number of cases in the dataset.
    pub cases: u64,
}

/// The classes of one used column: codes that no table can tell apart share a class.
struct ColumnClasses {
    column: usize,
    class_of: Vec<u32>,
    /// Published category index of each class (for dimension columns).
    published: Vec<Option<u32>>,
    /// `allowed[class][i]`: whether the i-th filter on this column admits the class.
    allowed: Vec<Vec<bool>>,
}

/// Builds the cell system of `dataset` for the tables `specs` (indices into `all_specs`).
/// `pooled[column]` is the pooled form of every column used as a dimension.
pub(crate) fn build(
    dataset: &CaseTable,
    all_specs: &[TableSpec],
    specs: &[usize],
    pooled: &[Option<PooledColumn>],
) -> Result<CellSystem> {
    // The used columns, and the filters that read each one.
    let mut used: Vec<usize> = Vec::new();
    for &s in specs {
        used.extend(&all_specs[s].dimensions);
        used.extend(all_specs[s].filters.iter().map(|f| f.column));
    }
    used.sort_unstable();
    used.dedup();
    let position = |column: usize| used.binary_search(&column).expect("column is used");

    // Every filter gets a slot among the filters on its column: (used position, slot).
    let mut filters_on: Vec<Vec<&[bool]>> = vec![Vec::new(); used.len()];
    let mut filter_slots: Vec<Vec<(usize, usize)>> = Vec::with_capacity(specs.len());
    for &s in specs {
        let mut slots = Vec::new();
        for filter in &all_specs[s].filters {
            let p = position(filter.column);
            slots.push((p, filters_on[p].len()));
            filters_on[p].push(filter.allowed.as_slice());
        }
        filter_slots.push(slots);
    }

    let mut classes: Vec<ColumnClasses> = Vec::with_capacity(used.len());
    for (p, &column) in used.iter().enumerate() {
        let filters = &filters_on[p];
        let n = dataset.columns[column].categories.len();
        let mut interned: HashMap<(Option<u32>, Vec<bool>), u32> = HashMap::new();
        let mut cc = ColumnClasses {
            column,
            class_of: Vec::with_capacity(n),
            published: Vec::new(),
            allowed: Vec::new(),
        };
        for code in 0..n {
            let published = pooled[column]
                .as_ref()
                .map_or(Some(0), |p| p.published_of[code]);
            let bits: Vec<bool> = filters
                .iter()
                .map(|a| a.get(code).copied().unwrap_or(false))
                .collect();
            let next = interned.len() as u32;
            let class = *interned.entry((published, bits.clone())).or_insert(next);
            if class == next {
                cc.published.push(published);
                cc.allowed.push(bits);
            }
            cc.class_of.push(class);
        }
        classes.push(cc);
    }

    // Pack each case's classes into one key; sort; count runs.
    let radices: Vec<u128> = classes.iter().map(|c| c.published.len() as u128).collect();
    let mut capacity: u128 = 1;
    for &r in &radices {
        capacity = match capacity.checked_mul(r.max(1)) {
            Some(c) => c,
            None => bail!(
                "dataset `{}`: the tables use too many combinations of categories to audit",
                dataset.dataset
            ),
        };
    }
    let rows = dataset.len;
    let mut keys: Vec<u128> = vec![0; rows];
    for (cc, &radix) in classes.iter().zip(&radices) {
        let codes = &dataset.columns[cc.column].codes;
        if codes.len() != rows {
            bail!(
                "dataset `{}`: column `{}` has {} values for {} cases",
                dataset.dataset,
                dataset.columns[cc.column].id,
                codes.len(),
                rows
            );
        }
        for (key, &code) in keys.iter_mut().zip(codes) {
            let Some(&class) = cc.class_of.get(code as usize) else {
                bail!(
                    "dataset `{}`: column `{}` holds code {code} outside its domain",
                    dataset.dataset,
                    dataset.columns[cc.column].id
                );
            };
            *key = *key * radix + u128::from(class);
        }
    }
    keys.sort_unstable();
    let mut finest_keys: Vec<u128> = Vec::new();
    let mut finest_counts: Vec<u64> = Vec::new();
    for key in keys {
        if finest_keys.last() == Some(&key) {
            *finest_counts.last_mut().expect("a count per key") += 1;
        } else {
            finest_keys.push(key);
            finest_counts.push(1);
        }
    }
    // Decode each finest cell's class per used column.
    let u = used.len();
    let mut finest_classes = vec![0u32; finest_keys.len() * u];
    for (f, &key) in finest_keys.iter().enumerate() {
        let mut rest = key;
        for i in (0..u).rev() {
            finest_classes[f * u + i] = (rest % radices[i]) as u32;
            rest /= radices[i];
        }
    }

    // Lay every table over the finest cells and identify equal cells.
    // A cell's identity: the wrapping sum of its finest cells' hashes, their number and its value.
    let mut identity: HashMap<(u128, u64, u64), CellId> = HashMap::new();
    let mut values: Vec<u64> = Vec::new();
    let mut appearances: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut tables = Vec::with_capacity(specs.len());
    for (t, &s) in specs.iter().enumerate() {
        let spec = &all_specs[s];
        if let Err(rule) = crate::data::check_dimension_count(spec.dimensions.len()) {
            bail!(
                "table `{}` has {} dimensions; {rule}",
                spec.id,
                spec.dimensions.len()
            );
        }
        // A filter on a dimension's own column drops the categories it excludes entirely.
        let mut shown: Vec<Vec<u32>> = Vec::with_capacity(spec.dimensions.len());
        let mut local: Vec<Vec<Option<u32>>> = Vec::with_capacity(spec.dimensions.len());
        for &c in &spec.dimensions {
            let column = pooled[c].as_ref().expect("dimension columns are pooled");
            let filters: Vec<&[bool]> = spec
                .filters
                .iter()
                .filter(|f| f.column == c)
                .map(|f| f.allowed.as_slice())
                .collect();
            let mut keep = vec![filters.is_empty(); column.categories.len()];
            for (code, published) in column.published_of.iter().enumerate() {
                let admitted = filters
                    .iter()
                    .all(|a| a.get(code).copied().unwrap_or(false));
                if let (Some(p), true) = (published, admitted) {
                    keep[*p as usize] = true;
                }
            }
            let kept: Vec<u32> = (0..column.categories.len() as u32)
                .filter(|&p| keep[p as usize])
                .collect();
            let mut map = vec![None; column.categories.len()];
            for (j, &p) in kept.iter().enumerate() {
                map[p as usize] = Some(j as u32);
            }
            shown.push(kept);
            local.push(map);
        }
        let sizes: Vec<usize> = shown.iter().map(|kept| kept.len() + 1).collect();
        let mut strides = vec![1usize; sizes.len()];
        for i in (0..sizes.len().saturating_sub(1)).rev() {
            strides[i] = strides[i + 1] * sizes[i + 1];
        }
        let grid_len: usize = sizes.iter().product();
        let dims: Vec<(usize, Vec<Option<u32>>)> = spec
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let p = position(c);
                let map = classes[p]
                    .published
                    .iter()
                    .map(|published| published.and_then(|cat| local[i][cat as usize]))
                    .collect();
                (p, map)
            })
            .collect();
        let mut admits: Vec<(usize, Vec<bool>)> = Vec::new();
        for &(p, slot) in &filter_slots[t] {
            let ok: Vec<bool> = classes[p].allowed.iter().map(|bits| bits[slot]).collect();
            match admits.iter_mut().find(|(q, _)| *q == p) {
                Some((_, all)) => all.iter_mut().zip(ok).for_each(|(a, b)| *a &= b),
                None => admits.push((p, ok)),
            }
        }
        let mut columns: Vec<usize> = dims
            .iter()
            .map(|(p, _)| *p)
            .chain(admits.iter().map(|(p, _)| *p))
            .collect();
        columns.sort_unstable();
        columns.dedup();
        let mut grid = TableGrid {
            spec: s,
            categories: shown,
            sizes,
            strides,
            cells: vec![0; grid_len],
            columns,
            dims,
            admits,
        };
        let mut signature: Vec<(u128, u64, u64)> = vec![(0, 0, 0); grid_len];
        for f in 0..finest_keys.len() {
            let fc = &finest_classes[f * u..(f + 1) * u];
            if !grid.admits.iter().all(|(p, ok)| ok[fc[*p] as usize]) {
                continue;
            }
            let Some(g) = grid.innermost_of(|p| fc[p]) else {
                let unplaced = grid
                    .dims
                    .iter()
                    .find(|(p, _)| classes[*p].published[fc[*p] as usize].is_none());
                if let Some((p, _)) = unplaced {
                    bail!(
                        "dataset `{}`: a case has a code of `{}` that pooling did not place",
                        dataset.dataset,
                        dataset.columns[classes[*p].column].id
                    );
                }
                bail!(
                    "table `{}`: a case its filter admits falls in a category it excludes",
                    spec.id
                );
            };
            let (hash, count) = (finest_hash(f as u64), finest_counts[f]);
            grid.for_each_above(g, |cell| {
                let entry = &mut signature[cell];
                entry.0 = entry.0.wrapping_add(hash);
                entry.1 += 1;
                entry.2 += count;
            });
        }
        for (g, key) in signature.into_iter().enumerate() {
            let next = values.len() as CellId;
            let id = *identity.entry(key).or_insert(next);
            if id == next {
                values.push(key.2);
                appearances.push(Vec::new());
            }
            appearances[id as usize].push((t, g));
            grid.cells[g] = id;
        }
        tables.push(grid);
    }
    let cells: Vec<Cell> = values
        .into_iter()
        .zip(appearances)
        .map(|(value, appearances)| Cell { value, appearances })
        .collect();

    let lines = lines_of(&tables, &cells);
    let unlisted = classes
        .iter()
        .map(|c| c.published.iter().map(Option::is_none).collect())
        .collect();
    Ok(CellSystem {
        used,
        unlisted,
        radices: radices.iter().map(|&r| r as u32).collect(),
        finest_counts,
        finest_classes,
        cells,
        tables,
        lines,
        cases: rows as u64,
    })
}

/// A 128-bit hash of finest cell `f` (two independent splitmix64 finalisers): the identity of a cell is the
/// wrapping sum over its finest cells, so two different member sets collide with probability
/// about 2⁻¹²⁸ per pair.
fn finest_hash(f: u64) -> u128 {
    let mix = |mut z: u64| {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let a = mix(f.wrapping_add(0x9e37_79b9_7f4a_7c15));
    let b = mix(f
        .wrapping_mul(0xd1b5_4a32_d192_ed03)
        .wrapping_add(0x2545_f491_4f6c_dd1d));
    (u128::from(a) << 64) | u128::from(b)
}

/// Every informative additivity relation (total = sum of categories) of every table, deduplicated.
fn lines_of(tables: &[TableGrid], cells: &[Cell]) -> Vec<Vec<CellId>> {
    let mut seen: HashSet<Vec<CellId>> = HashSet::new();
    let mut lines = Vec::new();
    for table in tables {
        for (i, &size) in table.sizes.iter().enumerate() {
            let stride = table.strides[i];
            for start in 0..table.cells.len() {
                if (start / stride) % size != 0 {
                    continue;
                }
                let total = table.cells[start + (size - 1) * stride];
                if cells[total as usize].value == 0 {
                    continue;
                }
                let mut line: Vec<CellId> = (0..size - 1)
                    .map(|j| table.cells[start + j * stride])
                    .filter(|&c| cells[c as usize].value > 0)
                    .collect();
                if line.contains(&total) {
                    continue;
                }
                line.sort_unstable();
                line.dedup();
                line.push(total);
                if seen.insert(line.clone()) {
                    lines.push(line);
                }
            }
        }
    }
    lines
}
