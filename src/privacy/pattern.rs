//! Choosing the complementary (secondary) cells of one dataset. This module proposes a pattern;
//! the audit of record ([`super::audit`]) decides whether it is safe.
//!
//! The search hides few cases and keeps the figures readers need. A cell's *cost* is its count,
//! times [`MARGIN_WEIGHT`] when it is a margin anywhere (a country's or a year's total), so an
//! interior cell is preferred whenever one will do; the dataset's grand total is never chosen.
//!
//! First the exact search ([`super::master`]): an integer program over which cells to suppress,
//! with the cuts each table gives on its own (an attacker who knows one table knows less, so what
//! it needs every safe pattern needs) and the cuts the dataset's attacker gives. When its pattern
//! passes the attacker's LP, that pattern is the cheapest safe one, and it is the pattern. When
//! it does not within its bounded work (a three-way table linked to many others can need many
//! rounds of cuts), the greedy search below runs from the primary cells, in rounds:
//! 1. *Lines*: a line (a total and its categories, in any table, or a cell that is the sum of
//!    other tables' cells) holding exactly one suppressed cell would give it away by subtraction,
//!    so its cheapest published cell with room enough (at least k minus the small count when the
//!    lone cell is primary) is suppressed too, until no such line is left.
//! 2. *Attack*: every suppressed cell not yet shown safe is bounded in the attacker's LP
//!    ([`super::attacker`]), first from the points already found for other cells, then in its own
//!    LPs. A cell shown safe stays safe: more suppression only removes constraints.
//! 3. *Openings*: for each cell still unsafe, in turn, the cheapest set of published cells that
//!    would let it move as far as it must ([`AttackerLp::openings`]: an LP over the attacker's
//!    unknowns that prices every published cell it moves, at the cell's cost over the amount asked)
//!    is suppressed; cells opened for one are free for the next. Should that name nothing, one
//!    published cell with the room it needs: the cheapest among the rows that price in the dual of
//!    its failing bound, else on its own lines, in its tables, in the dataset. Then back to 1.
//! 4. Once no cell fails: *publish again* the costliest secondary cells, one by one, wherever
//!    every suppressed cell is still shown safe without it.
//!
//! Every round suppresses at least one more cell, so the search ends; with everything but the
//! grand total suppressed, a cell that is still unsafe makes the search give up (an error, never
//! an unsafe publication).

use std::collections::HashMap;

use rayon::prelude::*;

use super::attacker::{verdict, AttackerLp, Cover, Cut, Depth, Interval, Move, Status, Witness};
use super::cells::{CellId, CellSystem};
use crate::config::ZeroPolicy;

/// How much more a margin costs to suppress than an interior cell of the same count.
pub(crate) const MARGIN_WEIGHT: u64 = 4;

/// Primary suppression: 1 ≤ count < k, and zeros when `zeros = "suppress"`.
pub(crate) fn primary(system: &CellSystem, k: u64, zeros: ZeroPolicy) -> Vec<Status> {
    system
        .cells
        .iter()
        .map(|cell| {
            let small = cell.value >= 1 && cell.value < k;
            let zero = cell.value == 0 && zeros == ZeroPolicy::Suppress;
            if small || zero {
                Status::Primary
            } else {
                Status::Published
            }
        })
        .collect()
}

/// Whether each distinct cell is a margin in some table it appears in.
pub(crate) fn margins(system: &CellSystem) -> Vec<bool> {
    system
        .cells
        .iter()
        .map(|cell| {
            cell.appearances
                .iter()
                .any(|&(t, g)| system.tables[t].is_margin(g))
        })
        .collect()
}

/// What suppressing each cell costs, and whether the search may choose it at all.
struct Costs {
    cost: Vec<u64>,
    choosable: Vec<bool>,
}

impl Costs {
    fn new(system: &CellSystem) -> Costs {
        let margin = margins(system);
        let cost = system
            .cells
            .iter()
            .zip(&margin)
            .map(|(cell, &m)| cell.value * if m { MARGIN_WEIGHT } else { 1 })
            .collect();
        // The grand total counts every case; so does any cell that equals it.
        let choosable = system
            .cells
            .iter()
            .map(|cell| cell.value > 0 && cell.value < system.cases)
            .collect();
        Costs { cost, choosable }
    }

    /// The cheapest cell among `candidates` that is published, choosable and holds `need` cases
    /// (ties: the lower id).
    fn cheapest(
        &self,
        system: &CellSystem,
        status: &[Status],
        candidates: impl Iterator<Item = CellId>,
        need: u64,
    ) -> Option<CellId> {
        candidates
            .filter(|&c| self.open(status, c) && system.cells[c as usize].value >= need)
            .min_by_key(|&c| (self.cost[c as usize], c))
    }

    /// The largest open cell among `candidates`.
    fn largest(
        &self,
        system: &CellSystem,
        status: &[Status],
        candidates: impl Iterator<Item = CellId>,
    ) -> Option<CellId> {
        candidates
            .filter(|&c| self.open(status, c))
            .max_by_key(|&c| (system.cells[c as usize].value, std::cmp::Reverse(c)))
    }

    fn prices(&self) -> super::master::Prices<'_> {
        super::master::Prices {
            cost: &self.cost,
            choosable: &self.choosable,
        }
    }

    fn open(&self, status: &[Status], c: CellId) -> bool {
        status[c as usize] == Status::Published && self.choosable[c as usize]
    }
}

/// One table of a dataset on its own: its cells and attacker, and its index among the dataset's
/// tables.
pub(crate) struct Single {
    pub system: CellSystem,
    pub cover: Cover,
    pub table: usize,
}

/// Chooses the suppression pattern of one dataset. Fails only if no choosable cell is left to
/// protect a cell that is still unsafe.
pub(crate) fn choose(
    system: &CellSystem,
    cover: &Cover,
    singles: &[Single],
    k: u64,
    zeros: ZeroPolicy,
) -> Result<Chosen, String> {
    let start = primary(system, k, zeros);
    let costs = Costs::new(system);
    // What each table alone needs, every pattern safe for the dataset needs too (an attacker who
    // knows only that table knows less): each table's own cuts, and its own pattern when its
    // master found one that passed, in the dataset's cells. The tables on their own cores: since
    // HiGHS 1.16 each thread that solves has a task scheduler of its own, and each table's search
    // is bounded by nodes and rounds, not time, so its result does not depend on the cores.
    let learnt: Vec<Learnt> = singles
        .par_iter()
        .map(|single| {
            let own = Costs::new(&single.system);
            let start = primary(&single.system, k, zeros);
            let found = super::master::search(
                &single.system,
                &single.cover,
                k,
                &start,
                own.prices(),
                &[],
                super::master::TABLE_PATIENCE,
            );
            // Both grids are the table's own categories: position by position the same cells.
            let ours = &system.tables[single.table].cells;
            let theirs = &single.system.tables[0].cells;
            let mut map: Vec<Option<CellId>> = vec![None; single.system.cells.len()];
            for (&a, &b) in theirs.iter().zip(ours) {
                debug_assert!(
                    map[a as usize].map_or(true, |m| m == b),
                    "one cell per cell"
                );
                map[a as usize] = Some(b);
            }
            let Some(found) = found else {
                return (Vec::new(), None);
            };
            let cuts = found
                .cuts
                .into_iter()
                .filter_map(|cut| {
                    Some(Cut {
                        terms: cut
                            .terms
                            .iter()
                            .map(|&(c, w)| map[c as usize].map(|c| (c, w)))
                            .collect::<Option<_>>()?,
                        rhs: cut.rhs,
                        minus: match cut.minus {
                            Some(c) => Some(map[c as usize]?),
                            None => None,
                        },
                    })
                })
                .collect();
            let pattern = found.passed.map(|status| {
                status
                    .iter()
                    .enumerate()
                    .filter_map(|(c, &s)| map[c].map(|c| (c, s)))
                    .collect()
            });
            (cuts, pattern)
        })
        .collect();
    let seeds: Vec<Cut> = learnt.iter().flat_map(|(cuts, _)| cuts.clone()).collect();
    let found = super::master::search(
        system,
        cover,
        k,
        &start,
        costs.prices(),
        &seeds,
        if singles.is_empty() {
            super::master::TABLE_PATIENCE
        } else {
            super::master::DATASET_PATIENCE
        },
    );
    let mut candidates: Vec<Chosen> = Vec::new();
    match found {
        // The master's optimum, when it passed: the cheapest safe pattern there is.
        Some(found) if found.optimal && found.passed.is_some() => {
            return Ok(Chosen {
                status: found.passed.expect("a pattern that passed"),
                points: found.points,
            });
        }
        // Safe, but perhaps not the cheapest (the master ran out of nodes).
        Some(found) => candidates.extend(found.passed.map(|status| Chosen {
            status,
            points: found.points,
        })),
        None => {}
    }
    // The greedy search, from the primary cells and from the tables' own patterns put together
    // (as τ-Argus's modular method starts from each table's), whichever costs less: never worse
    // than the greedy search alone. (From the master's last pattern it hides more: that pattern
    // is a lower bound's, thin where the cuts are still missing.) A start that cannot be repaired
    // is left out; only when none can is it an error.
    let mut starts = vec![start.clone()];
    if learnt.iter().any(|(_, p)| p.is_some()) {
        let mut union = start;
        for (c, status) in learnt.iter().flat_map(|(_, p)| p.iter().flatten()) {
            if *status == Status::Secondary && union[*c as usize] == Status::Published {
                union[*c as usize] = Status::Secondary;
            }
        }
        starts.push(union);
    }
    // Each start on its own core: the searches share nothing, so the patterns are the same
    // whatever the number of cores.
    let searched: Vec<Result<Chosen, String>> = starts
        .into_par_iter()
        .map(|from| {
            let (mut status, mut witness) = repair(system, cover, k, &costs, from)?;
            publish_again(system, cover, k, &costs, &mut status, &mut witness);
            let mut held = std::collections::HashSet::new();
            let points = witness
                .into_iter()
                .flatten()
                .flatten()
                .filter(|w| held.insert(w.moves().as_ptr()))
                .collect();
            Ok(Chosen { status, points })
        })
        .collect();
    let mut failure = None;
    for result in searched {
        match result {
            Ok(chosen) => candidates.push(chosen),
            Err(reason) => failure = Some(reason),
        }
    }
    let spent = |status: &[Status]| -> u64 {
        (0..status.len())
            .filter(|&c| status[c] == Status::Secondary)
            .map(|c| costs.cost[c])
            .sum()
    };
    // The cheapest; on a tie the first (the master's).
    let mut best: Option<(u64, Chosen)> = None;
    for chosen in candidates {
        let cost = spent(&chosen.status);
        if best.as_ref().map_or(true, |b| cost < b.0) {
            best = Some((cost, chosen));
        }
    }
    match best {
        Some((_, chosen)) => Ok(chosen),
        None => Err(failure.unwrap_or_default()),
    }
}

/// The pattern chosen, and points of the attacker's LP the search found on the way (the audit of
/// record checks each before it counts one).
pub(crate) struct Chosen {
    pub status: Vec<Status>,
    pub points: Vec<Witness>,
}

/// The greedy search from `status` (holding every primary cell) until every suppressed cell is
/// safe: rounds of lines, attack and openings.
fn repair(
    system: &CellSystem,
    cover: &Cover,
    k: u64,
    costs: &Costs,
    mut status: Vec<Status>,
) -> Result<Points, String> {
    let n = system.cells.len();
    let mut lines_of: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (l, line) in system.lines.iter().enumerate() {
        for &c in line {
            lines_of[c as usize].push(l as u32);
        }
    }
    let mut proven = vec![false; n];
    let mut witness: Vec<[Option<Witness>; 2]> = vec![[None, None]; n];
    let cost: Vec<f64> = costs.cost.iter().map(|&c| c as f64).collect();
    let value: Vec<f64> = system.cells.iter().map(|c| c.value as f64).collect();
    loop {
        close_lines(system, &mut status, k, costs);
        let todo: Vec<CellId> = (0..n as CellId)
            .filter(|&c| {
                status[c as usize] != Status::Published
                    && system.cells[c as usize].value > 0
                    && !proven[c as usize]
            })
            .collect();
        if todo.is_empty() {
            break;
        }
        let lp = AttackerLp::new(system, cover, &status, k);
        let bounds = lp.bounds(system, &status, &todo, Depth::Search { k }, &[]);
        let mut failing = Vec::new();
        for (&c, found) in todo.iter().zip(bounds) {
            let value = system.cells[c as usize].value;
            match verdict(status[c as usize], value, found.interval, k) {
                None => {
                    proven[c as usize] = true;
                    witness[c as usize] = found.witness;
                }
                Some(reason) => failing.push((c, found, reason)),
            }
        }
        if failing.is_empty() {
            break;
        }
        // The cheapest openings that let each failing cell move as far as it must.
        let moves: Vec<Move> = failing
            .iter()
            .map(|(c, found, _)| {
                let value = system.cells[*c as usize].value;
                let (lo, hi) = (found.interval.lo_int(), found.interval.hi_int());
                let amount = match status[*c as usize] {
                    Status::Primary if hi < k => k - value,
                    Status::Primary => (lo + k).saturating_sub(value).max(1),
                    _ => 1,
                };
                Move {
                    cell: *c,
                    amount: amount as f64,
                }
            })
            .collect();
        let openings = lp.openings(&moves, &cost, &value, &costs.choosable);
        let mut added = false;
        let mut first_reason = None;
        for ((cell, found, reason), opened) in failing.into_iter().zip(openings) {
            let mut opened_any = false;
            for c in opened {
                if status[c as usize] == Status::Published {
                    status[c as usize] = Status::Secondary;
                    opened_any = true;
                }
            }
            if opened_any {
                added = true;
                continue;
            }
            let need = shortfall(status[cell as usize], found.interval, k);
            let on_lines = |c: CellId| {
                lines_of[c as usize]
                    .iter()
                    .flat_map(|&l| system.lines[l as usize].iter().copied())
            };
            let in_tables = |c: CellId| {
                system.cells[c as usize]
                    .appearances
                    .iter()
                    .flat_map(|&(t, _)| system.tables[t].cells.iter().copied())
            };
            let all = || 0..n as CellId;
            let candidate = costs
                .cheapest(system, &status, found.binding.iter().copied(), need)
                .or_else(|| costs.cheapest(system, &status, on_lines(cell), need))
                .or_else(|| costs.cheapest(system, &status, in_tables(cell), need))
                .or_else(|| costs.cheapest(system, &status, all(), need))
                .or_else(|| costs.largest(system, &status, found.binding.iter().copied()))
                .or_else(|| costs.largest(system, &status, on_lines(cell)))
                .or_else(|| costs.largest(system, &status, all()));
            match candidate {
                Some(c) => {
                    status[c as usize] = Status::Secondary;
                    added = true;
                }
                None => {
                    first_reason.get_or_insert(reason);
                }
            }
        }
        if !added {
            return Err(first_reason.unwrap_or_default());
        }
    }
    Ok((status, witness))
}

/// What one table on its own taught: its cuts and, when its master found it, its cheapest
/// pattern, in the dataset's cells.
type Learnt = (Vec<Cut>, Option<Vec<(CellId, Status)>>);

/// A pattern, and per cell the points that show it safe (reaching its low and its high end).
type Points = (Vec<Status>, Vec<[Option<Witness>; 2]>);

/// How many secondary cells, costliest first, [`publish_again`] tries: the first ones hold most of
/// the cases, and each try bounds again every suppressed cell whose points moved it.
const PUBLISH_AGAIN: usize = 64;

/// How many cells [`publish_again`] may bound in LPs of their own, per suppressed cell of the
/// pattern: a fixed amount of work, so that it stays fast and the same input gives the same
/// pattern on any machine.
const AGAIN_BUDGET: usize = 2;

/// Tries publishing each secondary cell again (the [`PUBLISH_AGAIN`] costliest), and keeps it published when every
/// suppressed cell is still shown safe. A cell whose points leave the candidate's sums unchanged
/// needs no new LP (they are still points once it is published); only the others are bounded
/// again. Greedy searches overshoot; this takes back what the final pattern does not need.
fn publish_again(
    system: &CellSystem,
    cover: &Cover,
    k: u64,
    costs: &Costs,
    status: &mut [Status],
    witness: &mut [[Option<Witness>; 2]],
) {
    let n = system.cells.len();
    let mut order: Vec<CellId> = (0..n as CellId)
        .filter(|&c| status[c as usize] == Status::Secondary)
        .collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(costs.cost[c as usize]), c));
    order.truncate(PUBLISH_AGAIN);
    let hidden = (0..n)
        .filter(|&c| status[c] != Status::Published && system.cells[c].value > 0)
        .count();
    let mut budget = AGAIN_BUDGET * hidden;
    for candidate in order {
        status[candidate as usize] = Status::Published;
        let value = system.cells[candidate as usize].value;
        let expressions = &cover.expressions[candidate as usize];
        let recheck: Vec<CellId> = (0..n as CellId)
            .filter(|&c| {
                status[c as usize] != Status::Published
                    && system.cells[c as usize].value > 0
                    && witness[c as usize]
                        .iter()
                        .flatten()
                        .any(|w| !w.keeps(expressions, value))
            })
            .collect();
        if recheck.is_empty() {
            continue;
        }
        // The points that still hold (they keep the candidate's sums) may show a cell safe
        // without an LP of its own.
        // The points of the cells still suppressed (a published cell's are stale: they moved
        // it), in cell order, each shared point once (ties go to the first: the same on every
        // run).
        let mut seen = std::collections::HashSet::new();
        let valid: Vec<&Witness> = (0..n)
            .filter(|&c| status[c] != Status::Published)
            .flat_map(|c| witness[c].iter().flatten())
            .filter(|w| seen.insert(w.moves().as_ptr()) && w.keeps(expressions, value))
            .collect();
        let mut users: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, &c) in recheck.iter().enumerate() {
            for &v in &cover.expressions[c as usize][0] {
                users.entry(v).or_default().push(i);
            }
        }
        let truth = |i: usize| system.cells[recheck[i] as usize].value as f64;
        let mut reach: Vec<[(f64, Option<&Witness>); 2]> = (0..recheck.len())
            .map(|i| [(truth(i), None), (truth(i), None)])
            .collect();
        for &w in &valid {
            let mut moved: HashMap<usize, f64> = HashMap::new();
            for (v, d) in w.moves() {
                for &i in users.get(v).into_iter().flatten() {
                    *moved.entry(i).or_default() += d;
                }
            }
            for (i, d) in moved {
                let at = truth(i) + d;
                if at < reach[i][0].0 {
                    reach[i][0] = (at, Some(w));
                }
                if at > reach[i][1].0 {
                    reach[i][1] = (at, Some(w));
                }
            }
        }
        let pooled_safe = |i: usize| {
            let interval = Interval {
                lo: reach[i][0].0,
                hi: reach[i][1].0,
            };
            verdict(status[recheck[i] as usize], truth(i) as u64, interval, k).is_none()
        };
        let still: Vec<CellId> = (0..recheck.len())
            .filter(|&i| !pooled_safe(i))
            .map(|i| recheck[i])
            .collect();
        let found: Vec<(CellId, [Option<Witness>; 2])> = (0..recheck.len())
            .filter(|&i| pooled_safe(i))
            .map(|i| (recheck[i], reach[i].map(|(_, w)| w.cloned())))
            .collect();
        if still.is_empty() {
            for (c, w) in found {
                witness[c as usize] = w;
            }
            continue;
        }
        if still.len() > budget {
            status[candidate as usize] = Status::Secondary;
            break;
        }
        budget -= still.len();
        let recheck = still;
        let lp = AttackerLp::new(system, cover, status, k);
        let bounds = lp.bounds(system, status, &recheck, Depth::Search { k }, &[]);
        let safe = recheck.iter().zip(&bounds).all(|(&c, found)| {
            let value = system.cells[c as usize].value;
            verdict(status[c as usize], value, found.interval, k).is_none()
        });
        if safe {
            for (&c, found) in recheck.iter().zip(bounds) {
                witness[c as usize] = found.witness;
            }
            for (c, w) in found {
                witness[c as usize] = w;
            }
        } else {
            status[candidate as usize] = Status::Secondary;
        }
    }
}

/// Suppresses a partner on every line that has exactly one suppressed nonzero cell, until none
/// has. (A suppressed zero alone on a line needs none: it hides no case.)
fn close_lines(system: &CellSystem, status: &mut [Status], k: u64, costs: &Costs) {
    loop {
        let mut changed = false;
        for line in &system.lines {
            let mut hidden = line
                .iter()
                .copied()
                .filter(|&c| status[c as usize] != Status::Published);
            let (Some(alone), None) = (hidden.next(), hidden.next()) else {
                continue;
            };
            let value = system.cells[alone as usize].value;
            if value == 0 {
                continue;
            }
            let need = match status[alone as usize] {
                Status::Primary => k.saturating_sub(value).max(1),
                _ => 1,
            };
            let partner = costs
                .cheapest(system, status, line.iter().copied(), need)
                .or_else(|| costs.largest(system, status, line.iter().copied()));
            if let Some(p) = partner {
                status[p as usize] = Status::Secondary;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// How many more cases of room a failing cell needs: a primary cell `k` more than its interval
/// spans (and at least up to `k`), a secondary cell one.
fn shortfall(status: Status, interval: Interval, k: u64) -> u64 {
    let (lo, hi) = (interval.lo_int(), interval.hi_int());
    match status {
        Status::Primary => k
            .saturating_sub(hi.saturating_sub(lo))
            .max(k.saturating_sub(hi))
            .max(1),
        _ => 1,
    }
}
