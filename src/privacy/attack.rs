//! The attacker's linear program: how far can each suppressed cell be confined by someone who knows
//! every published cell?
//!
//! Suppressed cells are grouped (they share a finest cell, or lie on a common line of some table);
//! one LP is solved per group, with the group's finest cells as variables (≥ 0) and every published
//! cell that counts any of them as an equality. Finest cells outside the group are held at their true
//! counts — that is, the attacker is granted them too. This only shrinks the feasible set of the
//! full audit LP, so every interval found here lies inside the attacker's true interval: the check is
//! conservative. Each bound is certified by the solver's own solution, which is re-checked against
//! every constraint here; when the solver fails or its point does not check out, the bound falls
//! back to the true value (the one point known to be feasible), which can only make the check fail.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use good_lp::{microlp, variable, Expression, ProblemVariables, Solution, SolverModel};

use super::cube::{CellId, CellSystem};

/// Whether a cell is published, and if not why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Published,
    Primary,
    Secondary,
}

/// A suppressed cell's feasible range as certified by the LP (before rounding to integers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Interval {
    pub lo: f64,
    pub hi: f64,
}

/// Slack allowed when checking a solver's point and when rounding bounds to integers.
const TOLERANCE: f64 = 1e-6;

impl Interval {
    /// The smallest integer the attacker cannot rule out.
    pub fn lo_int(self) -> u64 {
        (self.lo - TOLERANCE).ceil().max(0.0) as u64
    }

    /// The largest integer the attacker cannot rule out.
    pub fn hi_int(self) -> u64 {
        (self.hi + TOLERANCE).floor().max(0.0) as u64
    }
}

/// Why a suppressed cell is not safe, or `None` when it is.
///
/// A primary cell must reach `k` (`hi ≥ k`) and its interval must span at least `k`
/// (`hi − lo ≥ k`); a secondary cell must not be pinned (`hi > lo`). Cells counting no case are
/// exempt: under the attacker model the empty combinations are known.
pub(crate) fn verdict(status: Status, value: u64, interval: Interval, k: u64) -> Option<String> {
    if value == 0 || status == Status::Published {
        return None;
    }
    let (lo, hi) = (interval.lo_int(), interval.hi_int());
    match status {
        Status::Primary if hi < k => Some(format!(
            "the attacker can confine this cell to [{lo}, {hi}], below k = {k}"
        )),
        Status::Primary if hi - lo < k => Some(format!(
            "the attacker can narrow this cell to [{lo}, {hi}], fewer than k + 1 = {} values",
            k + 1
        )),
        Status::Secondary if hi <= lo => Some(format!(
            "the attacker can recompute this cell exactly ({lo})"
        )),
        _ => None,
    }
}

/// The groups of nonzero suppressed cells that are audited together: connected through a shared
/// finest cell or a common line. Each group is sorted; groups come in order of their first cell.
pub(crate) fn groups(system: &CellSystem, status: &[Status]) -> Vec<Vec<CellId>> {
    let n = system.cells.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    fn union(parent: &mut [u32], a: u32, b: u32) {
        let (a, b) = (find(parent, a), find(parent, b));
        if a != b {
            parent[a.max(b) as usize] = a.min(b);
        }
    }
    let hidden =
        |c: CellId| status[c as usize] != Status::Published && system.cells[c as usize].value > 0;
    let mut owner: Vec<u32> = vec![u32::MAX; system.finest_counts.len()];
    for c in 0..n as u32 {
        if !hidden(c) {
            continue;
        }
        for &f in &system.cells[c as usize].members {
            match owner[f as usize] {
                u32::MAX => owner[f as usize] = c,
                o => union(&mut parent, o, c),
            }
        }
    }
    for line in &system.lines {
        let mut first = None;
        for &c in line {
            if hidden(c) {
                match first {
                    None => first = Some(c),
                    Some(f) => union(&mut parent, f, c),
                }
            }
        }
    }
    let mut by_root: BTreeMap<u32, Vec<CellId>> = BTreeMap::new();
    for c in 0..n as u32 {
        if hidden(c) {
            let root = find(&mut parent, c);
            by_root.entry(root).or_default().push(c);
        }
    }
    by_root.into_values().collect()
}

/// The LP of one group: its variables (finest cells), the published cells constraining them, and
/// the true counts.
struct GroupLp<'a> {
    system: &'a CellSystem,
    /// Finest cells of the group, ascending.
    finest: Vec<u32>,
    /// Each published cell touching the group: the variable indices it counts, and its value
    /// minus the finest cells outside the group.
    rows: Vec<(Vec<usize>, f64)>,
}

impl<'a> GroupLp<'a> {
    fn new(system: &'a CellSystem, status: &[Status], group: &[CellId]) -> GroupLp<'a> {
        let mut finest: Vec<u32> = group
            .iter()
            .flat_map(|&c| system.cells[c as usize].members.iter().copied())
            .collect();
        finest.sort_unstable();
        finest.dedup();
        let mut rows: BTreeMap<CellId, Vec<usize>> = BTreeMap::new();
        for (v, &f) in finest.iter().enumerate() {
            for table in &system.tables {
                table.for_each_containing(f, |g| {
                    let cell = table.cells[g];
                    if status[cell as usize] == Status::Published {
                        rows.entry(cell).or_default().push(v);
                    }
                });
            }
        }
        let rows = rows
            .into_values()
            .map(|mut vars| {
                vars.sort_unstable();
                vars.dedup();
                let rhs: u64 = vars
                    .iter()
                    .map(|&v| system.finest_counts[finest[v] as usize])
                    .sum();
                (vars, rhs as f64)
            })
            .collect();
        GroupLp {
            system,
            finest,
            rows,
        }
    }

    fn objective_vars(&self, cell: CellId) -> Vec<usize> {
        self.system.cells[cell as usize]
            .members
            .iter()
            .map(|f| {
                self.finest
                    .binary_search(f)
                    .expect("a group holds its cells' members")
            })
            .collect()
    }

    /// Checks that `x` satisfies every constraint (within tolerance).
    fn feasible(&self, x: &[f64]) -> bool {
        x.iter().all(|&v| v >= -TOLERANCE)
            && self.rows.iter().all(|(vars, rhs)| {
                let sum: f64 = vars.iter().map(|&v| x[v]).sum();
                (sum - rhs).abs() <= TOLERANCE * rhs.max(1.0)
            })
    }

    /// The certified optimum of the cell's value in one direction, or `None` when it cannot be
    /// certified.
    fn optimise(&self, objective: &[usize], maximise: bool, cap: f64) -> Option<f64> {
        let solved = catch_unwind(AssertUnwindSafe(|| {
            let mut problem = ProblemVariables::new();
            let vars = problem.add_vector(variable().min(0.0), self.finest.len());
            let mut target = Expression::with_capacity(objective.len());
            for &v in objective {
                target.add_mul(1.0, vars[v]);
            }
            let unsolved = if maximise {
                problem.maximise(target.clone())
            } else {
                problem.minimise(target.clone())
            };
            let mut model = unsolved.using(microlp);
            for (row, rhs) in &self.rows {
                let mut e = Expression::with_capacity(row.len());
                for &v in row {
                    e.add_mul(1.0, vars[v]);
                }
                model = model.with(e.eq(*rhs));
            }
            if maximise {
                model = model.with(target.leq(cap));
            }
            model.solve().ok().map(|solution| {
                vars.iter()
                    .map(|&v| solution.value(v))
                    .collect::<Vec<f64>>()
            })
        }));
        let x = solved.ok().flatten()?;
        if !self.feasible(&x) {
            return None;
        }
        Some(objective.iter().map(|&v| x[v].max(0.0)).sum())
    }
}

/// Solves the LP of one group: the certified interval of every cell in it, in group order.
pub(crate) fn audit_group(
    system: &CellSystem,
    status: &[Status],
    group: &[CellId],
    k: u64,
) -> Vec<Interval> {
    let lp = GroupLp::new(system, status, group);
    // The largest value worth proving: no cell can need more than the dataset plus k.
    let cap = (system.cases + k) as f64;
    group
        .iter()
        .map(|&cell| {
            let truth = system.cells[cell as usize].value as f64;
            if lp.rows.is_empty() {
                return Interval { lo: 0.0, hi: cap };
            }
            let objective = lp.objective_vars(cell);
            let hi = lp
                .optimise(&objective, true, cap)
                .map_or(truth, |v| v.max(truth));
            let lo = lp
                .optimise(&objective, false, cap)
                .map_or(truth, |v| v.min(truth));
            Interval { lo, hi }
        })
        .collect()
}
