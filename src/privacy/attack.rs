//! The attacker's linear program: how far can each suppressed cell be confined by someone who knows
//! every published cell?
//!
//! Suppressed cells (with at least one case) are *linked* when they share a finest cell or lie on a
//! common line of some table. Each suppressed cell is solved in an LP over its *neighbourhood*: the
//! suppressed cells within a few links of it (radius 2, then 3, then 6 while it is not yet shown
//! safe; at most `BUDGET` finest cells), plus the finest cells of small published innermost cells
//! around them. Those finest cells are the variables (≥ 0); every published cell counting any of
//! them is an equality. A row that leaves a single variable free fixes it (exact presolve).
//!
//! Finest cells outside the LP are held at their true counts — the attacker is granted them too.
//! This only shrinks the feasible set of the full audit LP, so every interval found here lies
//! inside the attacker's true interval: the check is conservative, never optimistic. The price is
//! over-suppression on data with many dimensions, where a published innermost cell of another
//! table often holds just one of the LP's finest cells and so pins it.
//!
//! Each bound is certified by the solver's own point, re-checked here against every constraint;
//! when the solver fails or panics, or its point does not check out, the bound falls back to the
//! true value (the one point known to be feasible), which can only make the check fail.

use std::collections::{BTreeMap, HashSet};
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

/// Which nonzero suppressed cells are linked: they share a finest cell, or lie on a common line.
/// The attacker can only trade cases between linked cells, so a cell's LP needs the suppressed cells
/// near it in this graph.
pub(crate) struct Links {
    /// For each finest cell, the suppressed cells counting it.
    owners: Vec<Vec<CellId>>,
    /// For each line, its suppressed cells.
    hidden_on_line: Vec<Vec<CellId>>,
    /// For each cell, the lines it lies on.
    lines_of: Vec<Vec<u32>>,
}

impl Links {
    pub fn new(system: &CellSystem, status: &[Status]) -> Links {
        let n = system.cells.len();
        let hidden = |c: CellId| {
            status[c as usize] != Status::Published && system.cells[c as usize].value > 0
        };
        let mut owners: Vec<Vec<CellId>> = vec![Vec::new(); system.finest_counts.len()];
        for c in 0..n as CellId {
            if hidden(c) {
                for &f in &system.cells[c as usize].members {
                    owners[f as usize].push(c);
                }
            }
        }
        let mut lines_of: Vec<Vec<u32>> = vec![Vec::new(); n];
        let hidden_on_line = system
            .lines
            .iter()
            .enumerate()
            .map(|(l, line)| {
                let cells: Vec<CellId> = line.iter().copied().filter(|&c| hidden(c)).collect();
                for &c in &cells {
                    lines_of[c as usize].push(l as u32);
                }
                cells
            })
            .collect();
        Links {
            owners,
            hidden_on_line,
            lines_of,
        }
    }

    /// The suppressed cells linked to `cell`.
    fn adjacent<'s>(
        &'s self,
        system: &'s CellSystem,
        cell: CellId,
    ) -> impl Iterator<Item = CellId> + 's {
        let through_lines = self.lines_of[cell as usize]
            .iter()
            .flat_map(|&l| self.hidden_on_line[l as usize].iter().copied());
        let through_cases = system.cells[cell as usize]
            .members
            .iter()
            .flat_map(|&f| self.owners[f as usize].iter().copied());
        through_lines
            .chain(through_cases)
            .filter(move |&d| d != cell)
    }

    /// The cells within `radius` links of `cell` (itself included), ascending — nearest first and,
    /// within a ring, smallest first, as long as their finest cells add up to at most `budget`.
    /// Leaving a cell out only holds more finest cells at their true counts, which is conservative.
    pub fn around(
        &self,
        system: &CellSystem,
        cell: CellId,
        radius: usize,
        budget: usize,
    ) -> Vec<CellId> {
        let size = |c: CellId| system.cells[c as usize].members.len();
        let mut seen: HashSet<CellId> = HashSet::from([cell]);
        let mut used = size(cell);
        let mut frontier = vec![cell];
        for _ in 0..radius {
            let mut ring: Vec<CellId> = frontier
                .iter()
                .flat_map(|&c| self.adjacent(system, c))
                .filter(|d| !seen.contains(d))
                .collect();
            ring.sort_unstable_by_key(|&d| (size(d), d));
            ring.dedup();
            let mut next = Vec::new();
            for d in ring {
                if used + size(d) <= budget {
                    used += size(d);
                    seen.insert(d);
                    next.push(d);
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        let mut seen: Vec<CellId> = seen.into_iter().collect();
        seen.sort_unstable();
        seen
    }
}

/// The LP of one group: its variables (finest cells), the published cells constraining them, and
/// the true counts. Rows that leave one variable free fix it (exact presolve), so the LP keeps only
/// the variables the attacker cannot read off directly.
struct GroupLp<'a> {
    system: &'a CellSystem,
    /// Finest cells of the group, ascending.
    finest: Vec<u32>,
    /// `live[i]`: the LP column of `finest[i]`, or `None` when presolve fixed it at its count.
    live: Vec<Option<usize>>,
    /// Number of LP columns.
    columns: usize,
    /// Each remaining constraint: its LP columns and right-hand side.
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
        // Free the finest cells that share a published innermost cell with the group's, too:
        // without them, every published innermost cell of another table would pin the group's
        // finest cells. Bounded by `EXPANSION`, the LP stays small; what is left out stays fixed.
        let mut extra: Vec<u32> = Vec::new();
        for &f in &finest {
            for table in &system.tables {
                if let Some(g) = table.innermost(f) {
                    let cell = &system.cells[table.cells[g] as usize];
                    if status[table.cells[g] as usize] == Status::Published
                        && cell.members.len() <= EXPANSION
                        && finest.len() + extra.len() + cell.members.len() <= EXPANSION_BUDGET
                    {
                        extra.extend(&cell.members);
                    }
                }
            }
        }
        finest.extend(extra);
        finest.sort_unstable();
        finest.dedup();
        let mut by_cell: BTreeMap<CellId, Vec<usize>> = BTreeMap::new();
        for (v, &f) in finest.iter().enumerate() {
            for table in &system.tables {
                table.for_each_containing(f, |g| {
                    let cell = table.cells[g];
                    if status[cell as usize] == Status::Published {
                        by_cell.entry(cell).or_default().push(v);
                    }
                });
            }
        }
        let mut rows: Vec<Vec<usize>> = by_cell
            .into_values()
            .map(|mut vars| {
                vars.sort_unstable();
                vars.dedup();
                vars
            })
            .collect();
        rows.sort_unstable();
        rows.dedup();
        // Presolve: a row with one free variable fixes it (at its true count, the only solution).
        let mut fixed = vec![false; finest.len()];
        loop {
            let mut changed = false;
            for row in &rows {
                let mut free = row.iter().filter(|&&v| !fixed[v]);
                if let (Some(&v), None) = (free.next(), free.next()) {
                    fixed[v] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut live = vec![None; finest.len()];
        let mut columns = 0;
        for (v, slot) in live.iter_mut().enumerate() {
            if !fixed[v] {
                *slot = Some(columns);
                columns += 1;
            }
        }
        let mut reduced: Vec<(Vec<usize>, f64)> = rows
            .into_iter()
            .filter_map(|vars| {
                let cols: Vec<usize> = vars.iter().filter_map(|&v| live[v]).collect();
                if cols.is_empty() {
                    return None;
                }
                let rhs: u64 = vars
                    .iter()
                    .filter(|&&v| live[v].is_some())
                    .map(|&v| system.finest_counts[finest[v] as usize])
                    .sum();
                Some((cols, rhs as f64))
            })
            .collect();
        reduced.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        reduced.dedup_by(|a, b| a.0 == b.0);
        GroupLp {
            system,
            finest,
            live,
            columns,
            rows: reduced,
        }
    }

    /// The LP columns of a cell of the group, and the count of its fixed finest cells.
    fn objective(&self, cell: CellId) -> (Vec<usize>, f64) {
        let mut columns = Vec::new();
        let mut constant = 0u64;
        for f in &self.system.cells[cell as usize].members {
            let v = self
                .finest
                .binary_search(f)
                .expect("a group holds its cells' members");
            match self.live[v] {
                Some(c) => columns.push(c),
                None => constant += self.system.finest_counts[*f as usize],
            }
        }
        (columns, constant as f64)
    }

    /// The certified interval of `cell` (one of the group's cells).
    fn interval(&self, cell: CellId, k: u64) -> Interval {
        // The largest value worth proving: no cell can need more than the dataset plus k.
        let cap = (self.system.cases + k) as f64;
        let truth = self.system.cells[cell as usize].value as f64;
        let (objective, constant) = self.objective(cell);
        if objective.is_empty() {
            return Interval {
                lo: constant,
                hi: constant,
            };
        }
        if self.rows.is_empty() {
            return Interval {
                lo: constant,
                hi: constant + cap,
            };
        }
        let hi = self
            .optimise(&objective, true, cap)
            .map_or(truth, |v| (v + constant).max(truth));
        let lo = self
            .optimise(&objective, false, cap)
            .map_or(truth, |v| (v + constant).min(truth));
        Interval { lo, hi }
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
            let vars = problem.add_vector(variable().min(0.0), self.columns);
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

/// Radii of the neighbourhoods tried, smallest first: 2 covers the rectangle of a 2-D table (the
/// opposite corner is two links away), 3 a 2×2×2 cube, 6 longer cycles through linked tables.
pub(crate) const RADII: [usize; 3] = [2, 3, 6];

/// The most finest cells of suppressed cells in one neighbourhood, so that every LP stays small.
const BUDGET: usize = 150;

/// A published innermost cell with at most this many finest cells is freed with the group.
const EXPANSION: usize = 12;

/// The most finest cells (LP variables) of one LP, expansion included.
const EXPANSION_BUDGET: usize = 500;

/// The certified interval of one nonzero suppressed cell: the LP of its neighbourhood, widened
/// step by step while the cell is not yet shown safe.
pub(crate) fn audit_cell(
    system: &CellSystem,
    status: &[Status],
    links: &Links,
    cell: CellId,
    k: u64,
) -> Interval {
    let truth = system.cells[cell as usize].value as f64;
    let mut best = Interval {
        lo: truth,
        hi: truth,
    };
    let mut previous = 0;
    for radius in RADII {
        let around = links.around(system, cell, radius, BUDGET);
        if around.len() == previous {
            break;
        }
        previous = around.len();
        let lp = GroupLp::new(system, status, &around);
        let interval = lp.interval(cell, k);
        best = Interval {
            lo: best.lo.min(interval.lo),
            hi: best.hi.max(interval.hi),
        };
        if verdict(
            status[cell as usize],
            system.cells[cell as usize].value,
            best,
            k,
        )
        .is_none()
        {
            break;
        }
    }
    best
}
