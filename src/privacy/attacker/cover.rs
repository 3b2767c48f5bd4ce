//! The cover table, without writing it down: the columns graph, its triangulation, the maximal
//! cliques and a junction tree over them, and every table cell as a sum of clique cells.
//!
//! The *cover table* crosses every used column (dimensions and filter columns) of a dataset's
//! tables; the attacker's unknowns are its cells. Join two columns when some table reads both:
//! that is the *columns graph*. Triangulated (made chordal by adding edges), its maximal cliques
//! form a junction tree, and the LP over the cover table projects exactly onto the LP over the
//! cliques' cells, with adjacent cliques held to equal marginals on their separator: any
//! non-negative clique marginals that agree on the separators extend to a non-negative cover table
//! (glue them along the tree, one separator cell at a time). Every table fits inside one clique,
//! so each of its cells is a sum of one clique's cells. The variables number the clique cells:
//! fixed by the tables' categories, never by the rows.

use std::collections::{BTreeSet, HashMap, HashSet};

use anyhow::{bail, Result};

use super::super::cells::{CellId, CellSystem};
use super::Components;

/// The most clique cells (attacker's variables) one dataset's tables may need.
pub(crate) const MAX_VARIABLES: u128 = 4_000_000;

/// One maximal clique of the triangulated columns graph: a table over its columns.
#[derive(Debug)]
struct Clique {
    /// Used positions (see [`CellSystem::used`]), ascending.
    columns: Vec<usize>,
    /// Row-major strides over `columns`.
    strides: Vec<u32>,
    /// The clique's first variable.
    offset: u32,
    /// Number of cells.
    size: u32,
}

impl Clique {
    /// The class of each of the clique's columns in its cell `local`, written into `classes`
    /// (indexed by used position).
    fn decode(&self, system: &CellSystem, local: u32, classes: &mut [u32]) {
        let mut rest = local;
        for (&p, &stride) in self.columns.iter().zip(&self.strides) {
            classes[p] = rest / stride;
            rest %= stride;
        }
        debug_assert!(self.columns.iter().all(|&p| classes[p] < system.radices[p]));
    }

    /// The clique cell holding a combination of classes (`classes` indexed by used position).
    fn encode(&self, classes: &[u32]) -> u32 {
        self.columns
            .iter()
            .zip(&self.strides)
            .map(|(&p, &stride)| classes[p] * stride)
            .sum()
    }
}

/// The two sides of one separator cell: the variables of each adjacent clique that agree with it,
/// and the distinct cell (if any) whose expression they are.
#[derive(Debug)]
pub(crate) struct SeparatorCell {
    pub sides: [Vec<u32>; 2],
    pub cells: [Option<CellId>; 2],
}

/// What [`Cover::links`] sums a cell's expression from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum By {
    Cells,
    OtherTables,
    Separators,
}

/// The attacker's view of one dataset's tables.
#[derive(Debug)]
pub(crate) struct Cover {
    /// Every separator cell of every junction-tree edge.
    pub separators: Vec<SeparatorCell>,
    /// The true count of every variable.
    pub truth: Vec<u64>,
    /// Variables with a class no table lists ([`CellSystem::unlisted`]): known to be empty.
    pub void: Vec<bool>,
    /// Per distinct cell: each different sum of variables it is (one per clique holding a table
    /// it appears in, or more when tables count it differently), each ascending; the first is
    /// the one bounded.
    pub expressions: Vec<Vec<Vec<u32>>>,
}

impl Cover {
    /// Number of variables.
    pub fn variables(&self) -> usize {
        self.truth.len()
    }

    /// The additivity relations that join tables: a cell that is the sum of separator cells of
    /// its clique, each of them a cell of another table on the other side (a table filtered to
    /// some types of exploitation, whose gender totals are the sum of those types' gender totals
    /// in a table by type of exploitation). Each is a line as [`CellSystem::lines`] are (parts
    /// ascending, nonzero, the total last), and none of those already there.
    pub fn links(&self, system: &CellSystem) -> Vec<Vec<CellId>> {
        let mut sides_of: Vec<Vec<(u32, usize)>> = vec![Vec::new(); self.variables()];
        for (s, sep) in self.separators.iter().enumerate() {
            for (side, vars) in sep.sides.iter().enumerate() {
                for &v in vars {
                    sides_of[v as usize].push((s as u32, side));
                }
            }
        }
        // Per variable, the cells with an expression holding it, and that expression.
        let mut users: Vec<Vec<(CellId, &[u32])>> = vec![Vec::new(); self.variables()];
        for (d, list) in self.expressions.iter().enumerate() {
            for f in list {
                for &v in f {
                    users[v as usize].push((d as CellId, f));
                }
            }
        }
        let mut seen: HashSet<Vec<CellId>> = system.lines.iter().cloned().collect();
        let mut links = Vec::new();
        let mut inside = vec![false; self.variables()];
        for (c, list) in self.expressions.iter().enumerate() {
            if system.cells[c].value == 0 {
                continue;
            }
            let tables: Vec<usize> = system.cells[c].appearances.iter().map(|a| a.0).collect();
            let elsewhere = |d: CellId| {
                system.cells[d as usize]
                    .appearances
                    .iter()
                    .all(|a| !tables.contains(&a.0))
            };
            for e in list {
                // By cells of the same clique (the largest first; of any table, then of other
                // tables only), and by separator cells with a cell on their other side.
                for by in [By::Cells, By::OtherTables, By::Separators] {
                    for &v in e {
                        inside[v as usize] = !self.void[v as usize];
                    }
                    let mut parts = Some(Vec::new());
                    for &v in e {
                        if !inside[v as usize] {
                            continue;
                        }
                        let within = |vars: &[u32]| {
                            vars.iter()
                                .all(|&w| inside[w as usize] || self.void[w as usize])
                        };
                        let fits = match by {
                            By::Separators => sides_of[v as usize].iter().find_map(|&(s, side)| {
                                let sep = &self.separators[s as usize];
                                let other = sep.cells[1 - side]?;
                                let vars = &sep.sides[side][..];
                                (within(vars) && other as usize != c).then_some((vars, other))
                            }),
                            By::Cells | By::OtherTables => users[v as usize]
                                .iter()
                                .filter(|&&(d, f)| {
                                    d as usize != c
                                        && (by == By::Cells || elsewhere(d))
                                        && within(f)
                                })
                                .max_by_key(|&&(d, f)| (f.len(), std::cmp::Reverse(d)))
                                .map(|&(d, f)| (f, d)),
                        };
                        match (fits, parts.as_mut()) {
                            (Some((vars, other)), Some(parts)) => {
                                for &w in vars {
                                    inside[w as usize] = false;
                                }
                                parts.push(other);
                            }
                            _ => {
                                parts = None;
                                break;
                            }
                        }
                    }
                    for &v in e {
                        inside[v as usize] = false;
                    }
                    let Some(mut parts) = parts else { continue };
                    let count = parts.len();
                    parts.sort_unstable();
                    parts.dedup();
                    if count < 2 || parts.len() < count {
                        continue;
                    }
                    parts.retain(|&d| system.cells[d as usize].value > 0);
                    parts.push(c as CellId);
                    if seen.insert(parts.clone()) {
                        links.push(parts);
                    }
                }
            }
        }
        links
    }

    pub fn build(system: &CellSystem, dataset: &str) -> Result<Cover> {
        let u = system.used.len();
        let mut edges: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); u];
        for table in &system.tables {
            for &a in &table.columns {
                for &b in &table.columns {
                    if a != b {
                        edges[a].insert(b);
                    }
                }
            }
        }
        let sets = triangulate(edges, &system.radices);
        let mut cliques = Vec::with_capacity(sets.len());
        let mut offset: u128 = 0;
        for columns in sets {
            let mut strides = vec![1u32; columns.len()];
            let mut size: u128 = 1;
            for i in (0..columns.len()).rev() {
                strides[i] = size.min(u128::from(u32::MAX)) as u32;
                size *= u128::from(system.radices[columns[i]]);
            }
            if offset + size > MAX_VARIABLES {
                bail!(
                    "dataset `{dataset}`: its tables link their columns into more than {MAX_VARIABLES} \
                     combinations of categories, too many to audit; publish fewer or smaller \
                     tables that cross the same columns"
                );
            }
            cliques.push(Clique {
                columns,
                strides,
                offset: offset as u32,
                size: size as u32,
            });
            offset += size;
        }
        let variables = offset as usize;

        let mut truth = vec![0u64; variables];
        for (f, &count) in system.finest_counts.iter().enumerate() {
            let classes = &system.finest_classes[f * u..(f + 1) * u];
            for clique in &cliques {
                truth[(clique.offset + clique.encode(classes)) as usize] += count;
            }
        }

        let mut classes = vec![0u32; u];
        let mut void = vec![false; variables];
        for clique in &cliques {
            for local in 0..clique.size {
                clique.decode(system, local, &mut classes);
                void[(clique.offset + local) as usize] = clique
                    .columns
                    .iter()
                    .any(|&p| system.unlisted[p][classes[p] as usize]);
            }
        }

        let mut expressions: Vec<Vec<Vec<u32>>> = vec![Vec::new(); system.cells.len()];
        for table in &system.tables {
            for clique in &cliques {
                if !table.columns.iter().all(|p| clique.columns.contains(p)) {
                    continue;
                }
                let mut lists: Vec<Vec<u32>> = vec![Vec::new(); table.cells.len()];
                for local in 0..clique.size {
                    clique.decode(system, local, &mut classes);
                    if let Some(g) = table.innermost_of(|p| classes[p]) {
                        table.for_each_above(g, |cell| lists[cell].push(clique.offset + local));
                    }
                }
                for (g, list) in lists.into_iter().enumerate() {
                    expressions[table.cells[g] as usize].push(list);
                }
            }
        }
        for list in &mut expressions {
            list.sort_unstable();
            list.dedup();
        }

        let tree = junction_tree(&cliques);
        let mut by_expression: HashMap<&[u32], CellId> = HashMap::new();
        for (c, list) in expressions.iter().enumerate() {
            for e in list {
                by_expression.entry(e.as_slice()).or_insert(c as CellId);
            }
        }
        let mut separators = Vec::new();
        for &(a, b) in &tree {
            let shared: Vec<usize> = cliques[a]
                .columns
                .iter()
                .copied()
                .filter(|p| cliques[b].columns.contains(p))
                .collect();
            let mut size = 1usize;
            let mut strides = vec![0usize; shared.len()];
            for i in (0..shared.len()).rev() {
                strides[i] = size;
                size *= system.radices[shared[i]] as usize;
            }
            let mut sides: [Vec<Vec<u32>>; 2] = [vec![Vec::new(); size], vec![Vec::new(); size]];
            for (side, &q) in [a, b].iter().enumerate() {
                let clique = &cliques[q];
                for local in 0..clique.size {
                    clique.decode(system, local, &mut classes);
                    let s: usize = shared
                        .iter()
                        .zip(&strides)
                        .map(|(&p, &st)| classes[p] as usize * st)
                        .sum();
                    sides[side][s].push(clique.offset + local);
                }
            }
            let [left, right] = sides;
            for (l, r) in left.into_iter().zip(right) {
                let cells = [
                    by_expression.get(l.as_slice()).copied(),
                    by_expression.get(r.as_slice()).copied(),
                ];
                separators.push(SeparatorCell {
                    sides: [l, r],
                    cells,
                });
            }
        }
        Ok(Cover {
            separators,
            truth,
            void,
            expressions,
        })
    }
}

/// Triangulates the columns graph by greedy elimination (fewest fill-in edges first, then the
/// smallest clique it creates, then the lowest position) and returns its maximal cliques, each
/// ascending, in a deterministic order. Every set of columns that some table reads lies inside
/// one of them.
pub(crate) fn triangulate(mut edges: Vec<BTreeSet<usize>>, radices: &[u32]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut alive = vec![true; n];
    let mut candidates: Vec<Vec<usize>> = Vec::with_capacity(n);
    for _ in 0..n {
        let mut best: Option<(usize, u128, usize)> = None;
        for v in (0..n).filter(|&v| alive[v]) {
            let nbrs: Vec<usize> = edges[v].iter().copied().collect();
            let mut fill = 0usize;
            for (i, &a) in nbrs.iter().enumerate() {
                fill += nbrs[i + 1..]
                    .iter()
                    .filter(|&&b| !edges[a].contains(&b))
                    .count();
            }
            let weight = nbrs.iter().chain(std::iter::once(&v)).fold(1u128, |w, &p| {
                w.saturating_mul(u128::from(radices[p].max(1)))
            });
            let key = (fill, weight, v);
            if best.map_or(true, |b| key < b) {
                best = Some(key);
            }
        }
        let (_, _, v) = best.expect("a column is left");
        let nbrs: Vec<usize> = edges[v].iter().copied().collect();
        for &a in &nbrs {
            for &b in &nbrs {
                if a != b {
                    edges[a].insert(b);
                }
            }
            edges[a].remove(&v);
        }
        let mut clique = nbrs;
        clique.push(v);
        clique.sort_unstable();
        candidates.push(clique);
        alive[v] = false;
        edges[v].clear();
    }
    let mut maximal: Vec<Vec<usize>> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let inside = |other: &Vec<usize>| c.iter().all(|p| other.contains(p));
        let covered = candidates
            .iter()
            .enumerate()
            .any(|(j, o)| j != i && inside(o) && (o.len() > c.len() || j < i));
        if !covered {
            maximal.push(c.clone());
        }
    }
    maximal.sort();
    maximal
}

/// A junction tree over `cliques`: a maximum-weight spanning tree of their intersection sizes
/// (Kruskal, ties by clique index), which for the cliques of a chordal graph has the running
/// intersection property. Cliques sharing no column are joined through the grand total.
fn junction_tree(cliques: &[Clique]) -> Vec<(usize, usize)> {
    let n = cliques.len();
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let shared = cliques[a]
                .columns
                .iter()
                .filter(|p| cliques[b].columns.contains(p))
                .count();
            pairs.push((shared, a, b));
        }
    }
    pairs.sort_by_key(|&(shared, a, b)| (std::cmp::Reverse(shared), a, b));
    let mut joined = Components::new(n);
    let mut tree = Vec::with_capacity(n.saturating_sub(1));
    for (_, a, b) in pairs {
        if joined.find(a as u32) != joined.find(b as u32) {
            joined.join([a as u32, b as u32].into_iter());
            tree.push((a, b));
        }
    }
    tree
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize)]) -> Vec<BTreeSet<usize>> {
        let mut g = vec![BTreeSet::new(); n];
        for &(a, b) in edges {
            g[a].insert(b);
            g[b].insert(a);
        }
        g
    }

    #[test]
    fn a_four_cycle_gets_a_chord() {
        let cliques = triangulate(graph(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]), &[2, 2, 2, 2]);
        assert_eq!(cliques.len(), 2);
        assert!(cliques.iter().all(|c| c.len() == 3));
        let shared: Vec<usize> = cliques[0]
            .iter()
            .copied()
            .filter(|p| cliques[1].contains(p))
            .collect();
        assert_eq!(shared.len(), 2, "the chord is the separator");
    }

    #[test]
    fn a_triangle_is_one_clique_and_isolated_columns_their_own() {
        let cliques = triangulate(graph(5, &[(0, 1), (1, 2), (0, 2)]), &[3, 3, 3, 2, 2]);
        assert_eq!(cliques, vec![vec![0, 1, 2], vec![3], vec![4]]);
    }
}
