//! Choosing the [`SuppressionPattern`] of one dataset: primary suppression, then complementary
//! (secondary) suppression until the attacker's LP shows every suppressed cell safe.
//!
//! The search, in rounds:
//! 1. *Lines*: every additivity line (a total and its categories, in any table) holding exactly one
//!    suppressed cell would give it away by subtraction, so a published cell of that line is
//!    suppressed too: the cheapest with room enough (at least k minus the small count when the
//!    lone cell is primary), else the largest; repeated until no such line is left.
//! 2. *Audit*: each suppressed cell not yet shown safe is first looked up in the pool of every
//!    point found so far; only if those do not show it safe is it solved in its own restricted LPs
//!    ([`super::attack`]), starting from where its last audit ended. A cell shown safe is not
//!    solved again: more suppression only removes constraints, so its points stay feasible.
//! 3. *Repair*: for each cell still unsafe, one published cell with the room the cell still needs
//!    is suppressed: the first of the cells priced in the dual of its last LP (largest price
//!    first), else the cheapest in the nearest ring that has one: its own lines, then its
//!    neighbourhood's lines, then the tables it is in, then the whole dataset. Then back to 1.
//!
//! Once a round finds nothing unsafe, the audit of record checks every suppressed cell's points
//! against the final pattern (and audits afresh any whose points no longer hold).
//!
//! Every round suppresses at least one more cell, so the search ends; once everything is
//! suppressed no published constraint is left and every cell is safe.

use std::sync::Arc;

use rayon::prelude::*;

use super::attack::{audit_cell, verdict, Certified, Interval, Links, Point, Status, RADII};
use super::cube::{CellId, CellSystem};
use crate::config::ZeroPolicy;

/// The outcome for one dataset: the status of each distinct cell, and the certified interval of
/// each nonzero suppressed cell from the full audit of that pattern.
pub(crate) type SuppressionPattern = (Vec<Status>, Vec<Option<Interval>>);

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

/// Every point of the attacker's LP found so far, and for each cell the most any of them raises
/// and lowers it. Suppression only grows during the search, and a feasible point stays feasible
/// when constraints go, so every point stays valid: a cell whose pool interval is already safe
/// needs no LP of its own.
struct Pool {
    points: Vec<Arc<Point>>,
    /// Per cell: the largest rise, and the point reaching it.
    up: Vec<(f64, Option<u32>)>,
    /// Per cell: the largest fall (≤ 0), and the point reaching it.
    down: Vec<(f64, Option<u32>)>,
}

impl Pool {
    fn new(cells: usize) -> Pool {
        Pool {
            points: Vec::new(),
            up: vec![(0.0, None); cells],
            down: vec![(0.0, None); cells],
        }
    }

    fn add(&mut self, system: &CellSystem, point: &Arc<Point>) {
        let id = self.points.len() as u32;
        self.points.push(Arc::clone(point));
        for (c, change) in point.changes(system) {
            let c = c as usize;
            if change > self.up[c].0 {
                self.up[c] = (change, Some(id));
            }
            if change < self.down[c].0 {
                self.down[c] = (change, Some(id));
            }
        }
    }

    /// The interval the pool proves for `cell`, with its points.
    fn certified(&self, system: &CellSystem, cell: usize) -> Certified {
        let truth = system.cells[cell].value as f64;
        let point = |p: Option<u32>| p.map(|p| Arc::clone(&self.points[p as usize]));
        Certified {
            interval: Interval {
                lo: truth + self.down[cell].0,
                hi: truth + self.up[cell].0,
            },
            hi: point(self.up[cell].1),
            lo: point(self.down[cell].1),
            free: Vec::new(),
            binding: Vec::new(),
        }
    }
}

/// Cells audited in parallel between two looks at the pool.
const BATCH: usize = 32;

/// Audits the cells `todo` (ascending) under `status`: each is first looked up in the pool, and
/// only a cell the pool does not show safe gets its own LPs, in parallel batches whose points
/// then join the pool. Stores each result in `certified`.
fn audit_cells(
    system: &CellSystem,
    status: &[Status],
    k: u64,
    todo: &[usize],
    certified: &mut [Option<Certified>],
    pool: &mut Pool,
) {
    let links = Links::new(system, status);
    let safe_in_pool = |pool: &Pool, c: usize| {
        let found = pool.certified(system, c);
        verdict(status[c], system.cells[c].value, found.interval, k)
            .is_none()
            .then_some(found)
    };
    let mut rest = todo;
    while !rest.is_empty() {
        let mut batch = Vec::with_capacity(BATCH);
        while batch.len() < BATCH && !rest.is_empty() {
            let c = rest[0];
            rest = &rest[1..];
            match safe_in_pool(pool, c) {
                Some(mut found) => {
                    // Keep where its own LPs ended, should it need them again.
                    found.free = certified[c].take().map(|x| x.free).unwrap_or_default();
                    certified[c] = Some(found);
                }
                None => batch.push(c),
            }
        }
        let found: Vec<(usize, Certified)> = batch
            .par_iter()
            .map(|&c| {
                let start = certified[c].as_ref().map(|x| x.free.as_slice());
                (c, audit_cell(system, status, &links, c as CellId, k, start))
            })
            .collect();
        for (c, found) in found {
            for point in [&found.hi, &found.lo].into_iter().flatten() {
                pool.add(system, point);
            }
            certified[c] = Some(found);
        }
    }
}

/// Cells that fail the guarantee under `intervals`, ascending.
pub(crate) fn unsafe_cells(
    system: &CellSystem,
    status: &[Status],
    intervals: &[Option<Interval>],
    k: u64,
) -> Vec<(CellId, String)> {
    let mut failing = Vec::new();
    for (c, cell) in system.cells.iter().enumerate() {
        if status[c] == Status::Published || cell.value == 0 {
            continue;
        }
        let reason = match intervals[c] {
            Some(interval) => verdict(status[c], cell.value, interval, k),
            None => Some("the cell was not audited".to_string()),
        };
        if let Some(reason) = reason {
            failing.push((c as CellId, reason));
        }
    }
    failing
}

/// Chooses the suppression pattern of one dataset. Fails only if even suppressing every cell of
/// the dataset leaves a cell unsafe, which the attacker model rules out.
pub(crate) fn choose(
    system: &CellSystem,
    k: u64,
    zeros: ZeroPolicy,
) -> Result<SuppressionPattern, String> {
    let mut status = primary(system, k, zeros);
    let mut lines_of: Vec<Vec<u32>> = vec![Vec::new(); system.cells.len()];
    for (l, line) in system.lines.iter().enumerate() {
        for &c in line {
            lines_of[c as usize].push(l as u32);
        }
    }
    // A cell shown safe stays safe as suppression grows: the points that certify its interval
    // only lose constraints. So a round audits only the cells not yet shown safe. Once none
    // fails, the audit of record checks every suppressed cell's points against the final pattern
    // (and audits afresh any cell without points that hold); the search goes on if it finds
    // anything.
    let n = system.cells.len();
    let mut certified: Vec<Option<Certified>> = vec![None; n];
    let mut pool = Pool::new(n);
    let mut proven = vec![false; n];
    let mut full = false;
    loop {
        close_lines(system, &mut status, k);
        let hidden = |c: usize| status[c] != Status::Published && system.cells[c].value > 0;
        let todo: Vec<bool> = (0..n)
            .map(|c| {
                hidden(c)
                    && if full {
                        !certified[c]
                            .as_ref()
                            .is_some_and(|x| x.holds(system, &status))
                    } else {
                        !proven[c]
                    }
            })
            .collect();
        let cells: Vec<usize> = (0..n).filter(|&c| todo[c]).collect();
        audit_cells(system, &status, k, &cells, &mut certified, &mut pool);
        let mut failing = Vec::new();
        for c in (0..n).filter(|&c| hidden(c) && (full || todo[c])) {
            let interval = certified[c].as_ref().expect("audited").interval;
            match verdict(status[c], system.cells[c].value, interval, k) {
                None => proven[c] = true,
                Some(reason) => {
                    proven[c] = false;
                    failing.push((c as CellId, reason));
                }
            }
        }
        if failing.is_empty() {
            if full {
                let intervals = (0..n)
                    .map(|c| {
                        hidden(c)
                            .then(|| certified[c].as_ref().map(|x| x.interval))
                            .flatten()
                    })
                    .collect();
                return Ok((status, intervals));
            }
            full = true;
            continue;
        }
        full = false;
        let links = Links::new(system, &status);
        let mut added = false;
        for (cell, reason) in failing {
            // An earlier repair in this round may have helped already; the next audit will tell.
            let found = certified[cell as usize].as_ref();
            let need = shortfall(status[cell as usize], found.map(|x| x.interval), k);
            let binding = found.map_or(&[][..], |x| x.binding.as_slice());
            match repair_candidate(system, &status, &lines_of, &links, cell, need, binding) {
                Some(candidate) => {
                    status[candidate as usize] = Status::Secondary;
                    added = true;
                }
                None if !added => return Err(reason),
                None => {}
            }
        }
    }
}

/// Suppresses a partner on every line that has exactly one suppressed cell, until none has.
fn close_lines(system: &CellSystem, status: &mut [Status], k: u64) {
    loop {
        let mut changed = false;
        for line in &system.lines {
            let hidden = line
                .iter()
                .filter(|&&c| status[c as usize] != Status::Published)
                .count();
            if hidden != 1 {
                continue;
            }
            let alone = line
                .iter()
                .copied()
                .find(|&c| status[c as usize] != Status::Published)
                .expect("one suppressed cell");
            let need = match status[alone as usize] {
                Status::Primary => k.saturating_sub(system.cells[alone as usize].value).max(1),
                _ => 1,
            };
            let partner = sufficient(
                system,
                line.iter()
                    .copied()
                    .filter(|&c| status[c as usize] == Status::Published),
                need,
            );
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

/// The first published, nonzero cell with room `need` among those binding `cell`'s last LP
/// (`binding`, see [`Certified::binding`]), else the cheapest such cell in the nearest ring
/// around `cell`, else the largest.
///
/// A heuristic: the attacker's LP leans on the binding rows to hold the bound, so suppressing one
/// tends to relax it, where the cheapest cell on a line may not bind at all (choosing it used to
/// cascade, each cell added only to fail again). The audit decides either way.
fn repair_candidate(
    system: &CellSystem,
    status: &[Status],
    lines_of: &[Vec<u32>],
    links: &Links,
    cell: CellId,
    need: u64,
    binding: &[CellId],
) -> Option<CellId> {
    let open =
        |c: CellId| status[c as usize] == Status::Published && system.cells[c as usize].value > 0;
    let fits = |c: CellId| open(c) && system.cells[c as usize].value >= need;
    let cheapest = |candidates: &mut dyn Iterator<Item = CellId>| {
        candidates
            .filter(|&c| fits(c))
            .min_by_key(|&c| (system.cells[c as usize].value, c))
    };
    let on_lines = |c: CellId| {
        lines_of[c as usize]
            .iter()
            .flat_map(|&l| system.lines[l as usize].iter().copied())
    };
    let tables_of = |c: CellId| {
        system.cells[c as usize]
            .appearances
            .iter()
            .flat_map(|&(t, _)| system.tables[t].cells.iter().copied())
    };
    binding
        .iter()
        .copied()
        .find(|&c| fits(c))
        .or_else(|| cheapest(&mut on_lines(cell)))
        .or_else(|| {
            // The neighbourhood is searched only when the nearer rings have nothing.
            let group = links.around(system, cell, RADII[RADII.len() - 1], usize::MAX);
            cheapest(&mut group.iter().flat_map(|&g| on_lines(g)))
                .or_else(|| cheapest(&mut group.iter().flat_map(|&g| tables_of(g))))
        })
        .or_else(|| cheapest(&mut (0..system.cells.len() as CellId)))
        .or_else(|| {
            // Nothing holds enough: the largest cell nearest first.
            let largest = |candidates: &mut dyn Iterator<Item = CellId>| {
                candidates
                    .filter(|&c| open(c))
                    .max_by_key(|&c| (system.cells[c as usize].value, std::cmp::Reverse(c)))
            };
            largest(&mut on_lines(cell)).or_else(|| largest(&mut (0..system.cells.len() as CellId)))
        })
}

/// How many more cases of room a failing cell needs: a primary cell `k` more than its interval
/// spans (and at least up to `k`), a secondary cell one.
fn shortfall(status: Status, interval: Option<Interval>, k: u64) -> u64 {
    let Some(interval) = interval else {
        return 1;
    };
    let (lo, hi) = (interval.lo_int(), interval.hi_int());
    match status {
        Status::Primary => k
            .saturating_sub(hi.saturating_sub(lo))
            .max(k.saturating_sub(hi))
            .max(1),
        _ => 1,
    }
}

/// The cheapest cell among `candidates` holding at least `need` cases, else the largest.
fn sufficient(
    system: &CellSystem,
    candidates: impl Iterator<Item = CellId> + Clone,
    need: u64,
) -> Option<CellId> {
    let value = |c: CellId| system.cells[c as usize].value;
    candidates
        .clone()
        .filter(|&c| value(c) >= need)
        .min_by_key(|&c| (value(c), c))
        .or_else(|| candidates.max_by_key(|&c| (value(c), std::cmp::Reverse(c))))
}
