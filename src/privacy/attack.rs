//! The attacker's linear program: how far can each suppressed cell be confined by someone who knows
//! every published cell?
//!
//! The attacker's full LP has one variable per finest cell (≥ 0) and one equality per published
//! cell. It is far too large to solve per suppressed cell on a big dataset, so each bound is found
//! in a *restricted* LP: a set of free finest cells are variables, every other finest cell is held
//! at its true count. Every point of a restricted LP is a point of the full one, so the interval it
//! yields lies inside the attacker's: the check is conservative, never optimistic.
//!
//! The free set starts from the cell's *neighbourhood*: the suppressed cells within a few links of
//! it (radius 2, then 3, then 6 while it is not yet shown safe; at most `BUDGET` finest cells; cells
//! are linked when they share a finest cell or lie on a common line), plus the finest cells of small
//! published innermost cells around them. If the cell is still not shown safe, *column generation*
//! grows the free set: the dual of the restricted LP prices every held finest cell on a row with a
//! nonzero price, and those whose reduced cost is not zero — freeing them would move the bound —
//! are freed, best first, until the cell is safe, no held cell prices out (the restricted optimum
//! is then the full LP's), or the budget (`PRICING_ROUNDS`, `MAX_COLUMNS`) is spent. So a cell is
//! failed only when the attacker can really confine it, or when the budget ran out first.
//!
//! Each bound is certified by the solver's own point, re-checked here against every constraint;
//! when the solver fails or panics, or its point does not check out, the bound falls back to the
//! true value (the one point known to be feasible), which can only make the check fail.

use std::collections::{BTreeMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

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

/// Further slack per unit of a row's right-hand side when checking a solver's point: a row of a
/// million cases may be off by a thousandth of a case, never by one.
const ROW_TOLERANCE: f64 = 1e-9;

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

/// A point of the attacker's LP: the values of some finest cells, ascending by finest cell; every
/// other finest cell holds its true count. The empty point is the truth.
#[derive(Debug, Clone, Default)]
pub(crate) struct Point(Vec<(u32, f64)>);

impl Point {
    /// How far the point moves each cell it touches from its true count, as `(cell, change)`,
    /// ascending by cell.
    pub fn changes(&self, system: &CellSystem) -> Vec<(CellId, f64)> {
        let mut change: BTreeMap<CellId, f64> = BTreeMap::new();
        let mut cells: Vec<CellId> = Vec::new();
        for &(f, x) in &self.0 {
            cells_counting(system, f, &mut cells);
            for &c in &cells {
                *change.entry(c).or_default() += x - system.finest_counts[f as usize] as f64;
            }
        }
        change.into_iter().collect()
    }

    /// Whether the point is feasible for the attacker under `status`: no finest cell below zero,
    /// and every published cell at its value (within tolerance).
    pub fn holds(&self, system: &CellSystem, status: &[Status]) -> bool {
        self.0.iter().all(|&(_, x)| x >= -TOLERANCE)
            && self.changes(system).into_iter().all(|(c, d)| {
                status[c as usize] != Status::Published
                    || d.abs() <= TOLERANCE + ROW_TOLERANCE * system.cells[c as usize].value as f64
            })
    }
}

/// A suppressed cell's interval with the points that reach its ends (`None`: the truth).
#[derive(Debug, Clone)]
pub(crate) struct Certified {
    pub interval: Interval,
    pub hi: Option<Arc<Point>>,
    pub lo: Option<Arc<Point>>,
    /// The free finest cells of the last LP solved, to start from when the cell is audited again.
    pub free: Vec<u32>,
    /// For a cell not shown safe: the published cells with a nonzero price in the last dual
    /// solved for it, largest price first (among equal prices, finest cell first). A heuristic
    /// for the repair: the LP leans on those rows to hold the bound, so suppressing one of them
    /// may relax it. (When presolve fixed every variable, the prices follow the order of its
    /// fixings rather than an LP optimum.)
    pub binding: Vec<CellId>,
}

impl Certified {
    /// Whether both points are still feasible under `status` (more suppression keeps them so).
    pub fn holds(&self, system: &CellSystem, status: &[Status]) -> bool {
        [&self.hi, &self.lo]
            .into_iter()
            .flatten()
            .all(|p| p.holds(system, status))
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

/// A restricted attacker LP: the finest cells in `free` are its variables (each ≥ 0); every other
/// finest cell is held at its true count. Each published cell counting a free finest cell is an
/// equality row over the free ones, whose right-hand side is its value less its fixed members.
///
/// Any restriction is an inner approximation of the attacker's full LP (its feasible points are
/// feasible there too), so an interval found here lies inside the attacker's. Column generation
/// ([`RestrictedLp::price`]) frees the finest cells that could still move a bound, so the result
/// tends to the full LP's bound as far as the budget allows.
struct RestrictedLp<'a> {
    system: &'a CellSystem,
    /// The free finest cells, ascending.
    free: Vec<u32>,
    /// `column[v]`: the LP column of `free[v]`, or `None` when presolve fixed it at its count.
    column: Vec<Option<usize>>,
    /// Number of LP columns.
    columns: usize,
    /// Each row: the published cell, its LP columns, and its right-hand side.
    rows: Vec<(CellId, Vec<usize>, f64)>,
    /// Every published cell counting a free finest cell, with its free variables (indices into
    /// `free`), before presolve; `kept[r]` is its index in `rows`, if presolve kept it.
    all_rows: Vec<(CellId, Vec<usize>)>,
    kept: Vec<Option<usize>>,
    /// Presolve's fixings, in order: (variable, the row that fixed it).
    fixings: Vec<(usize, usize)>,
}

impl<'a> RestrictedLp<'a> {
    /// The LP over `free`. Presolve: a row left with one free variable fixes it (at its true
    /// count, the only solution) until no such row is left; [`RestrictedLp::full_dual`] restores
    /// the prices of the rows it removed.
    fn new(system: &'a CellSystem, status: &[Status], mut free: Vec<u32>) -> RestrictedLp<'a> {
        free.sort_unstable();
        free.dedup();
        let mut by_cell: BTreeMap<CellId, Vec<usize>> = BTreeMap::new();
        for (v, &f) in free.iter().enumerate() {
            for_each_published(system, status, f, |cell| {
                by_cell.entry(cell).or_default().push(v);
            });
        }
        let all_rows: Vec<(CellId, Vec<usize>)> = by_cell
            .into_iter()
            .map(|(cell, mut vars)| {
                vars.sort_unstable();
                vars.dedup();
                (cell, vars)
            })
            .collect();
        let mut fixed = vec![false; free.len()];
        let mut fixings = Vec::new();
        loop {
            let mut changed = false;
            for (r, (_, vars)) in all_rows.iter().enumerate() {
                let mut open = vars.iter().filter(|&&v| !fixed[v]);
                if let (Some(&v), None) = (open.next(), open.next()) {
                    fixed[v] = true;
                    fixings.push((v, r));
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut column = vec![None; free.len()];
        let mut columns = 0;
        for (v, slot) in column.iter_mut().enumerate() {
            if !fixed[v] {
                *slot = Some(columns);
                columns += 1;
            }
        }
        let mut rows = Vec::new();
        let mut kept = vec![None; all_rows.len()];
        for (r, (cell, vars)) in all_rows.iter().enumerate() {
            let live: Vec<usize> = vars.iter().filter_map(|&v| column[v]).collect();
            if live.is_empty() {
                continue;
            }
            let rhs: u64 = vars
                .iter()
                .filter(|&&v| !fixed[v])
                .map(|&v| system.finest_counts[free[v] as usize])
                .sum();
            kept[r] = Some(rows.len());
            rows.push((*cell, live, rhs as f64));
        }
        RestrictedLp {
            system,
            free,
            column,
            columns,
            rows,
            all_rows,
            kept,
            fixings,
        }
    }

    /// The prices of every row before presolve, from the prices `dual` of the presolved LP: a
    /// fixed variable holds at least one case, so its reduced cost is zero, which sets the price
    /// of the row that fixed it (taken in reverse order, every other row of it is priced by then).
    /// Rows presolve emptied without fixing anything are redundant and cost nothing.
    fn full_dual(&self, cell: CellId, dual: &[f64]) -> Vec<f64> {
        let mut prices: Vec<f64> = self
            .kept
            .iter()
            .map(|k| k.map_or(0.0, |r| dual[r]))
            .collect();
        let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); self.free.len()];
        for (r, (_, vars)) in self.all_rows.iter().enumerate() {
            for &v in vars {
                rows_of[v].push(r);
            }
        }
        let target = &self.system.cells[cell as usize].members;
        for &(v, r) in self.fixings.iter().rev() {
            let cost = if target.binary_search(&self.free[v]).is_ok() {
                1.0
            } else {
                0.0
            };
            let others: f64 = rows_of[v]
                .iter()
                .filter(|&&o| o != r)
                .map(|&o| prices[o])
                .sum();
            prices[r] = cost - others;
        }
        prices
    }

    /// The LP columns of `cell`, and the count of its fixed finest cells.
    fn objective(&self, cell: CellId) -> (Vec<usize>, f64) {
        let mut columns = Vec::new();
        let mut constant = 0u64;
        for &f in &self.system.cells[cell as usize].members {
            match self
                .free
                .binary_search(&f)
                .ok()
                .and_then(|v| self.column[v])
            {
                Some(c) => columns.push(c),
                None => constant += self.system.finest_counts[f as usize],
            }
        }
        (columns, constant as f64)
    }

    /// The certified optimum of `cell` in one direction (at most `cap` above its fixed part when
    /// maximising) and the point that reaches it, or `None` when the solver cannot certify one.
    fn bound(&self, cell: CellId, maximise: bool, cap: f64) -> Option<(f64, Point)> {
        let (objective, constant) = self.objective(cell);
        if objective.is_empty() {
            return Some((constant, Point::default()));
        }
        let x = if self.rows.is_empty() {
            // Nothing published counts the cell's free cases: any value is possible.
            let mut x = vec![0.0; self.columns];
            if maximise {
                x[objective[0]] = cap;
            }
            x
        } else {
            self.solve_primal(&objective, maximise, cap)?
        };
        // Only the finest cells the point moves: every other one is at its true count.
        let mut point: Vec<(u32, f64)> = self
            .free
            .iter()
            .zip(&self.column)
            .filter_map(|(&f, c)| c.map(|c| (f, x[c])))
            .filter(|&(f, v)| (v - self.system.finest_counts[f as usize] as f64).abs() > 1e-12)
            .collect();
        point.sort_unstable_by_key(|&(f, _)| f);
        let value = objective.iter().map(|&v| x[v].max(0.0)).sum::<f64>() + constant;
        Some((value, Point(point)))
    }

    /// Checks that `x` satisfies every constraint (within tolerance).
    fn feasible(&self, x: &[f64]) -> bool {
        x.iter().all(|&v| v >= -TOLERANCE)
            && self.rows.iter().all(|(_, vars, rhs)| {
                let sum: f64 = vars.iter().map(|&v| x[v]).sum();
                (sum - rhs).abs() <= TOLERANCE + ROW_TOLERANCE * rhs
            })
    }

    /// A certified optimal point of the LP with the given objective, or `None`.
    fn solve_primal(&self, objective: &[usize], maximise: bool, cap: f64) -> Option<Vec<f64>> {
        let solved = catch_unwind(AssertUnwindSafe(|| {
            let mut problem = ProblemVariables::new();
            let vars = problem.add_vector(variable().min(0.0), self.columns);
            let target = sum_of(objective.iter().map(|&v| vars[v]));
            let unsolved = if maximise {
                problem.maximise(target.clone())
            } else {
                problem.minimise(target.clone())
            };
            let mut model = unsolved.using(microlp);
            for (_, row, rhs) in &self.rows {
                model = model.with(sum_of(row.iter().map(|&v| vars[v])).eq(*rhs));
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
        solved.ok().flatten().filter(|x| self.feasible(x))
    }

    /// An optimal dual of the LP without the cap: one price per row. For a maximisation it solves
    /// `min b·y` subject to `Σ_{rows ∋ v} y ≥ c_v` for every column `v`; for a minimisation
    /// `max b·y` subject to `≤`. Only column generation reads it, so an inexact dual can cost
    /// precision but never soundness.
    fn solve_dual(&self, objective: &[usize], maximise: bool) -> Option<Vec<f64>> {
        let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); self.columns];
        for (r, (_, vars, _)) in self.rows.iter().enumerate() {
            for &v in vars {
                rows_of[v].push(r);
            }
        }
        let mut cost = vec![0.0; self.columns];
        for &v in objective {
            cost[v] = 1.0;
        }
        let solved = catch_unwind(AssertUnwindSafe(|| {
            let mut problem = ProblemVariables::new();
            // Each price is free: the difference of two non-negative variables.
            let up = problem.add_vector(variable().min(0.0), self.rows.len());
            let down = problem.add_vector(variable().min(0.0), self.rows.len());
            let prices: Vec<Expression> = up.iter().zip(&down).map(|(&u, &d)| u - d).collect();
            let value = Expression::from_other_affine(0.0)
                + sum_of(
                    self.rows
                        .iter()
                        .zip(&prices)
                        .map(|((_, _, rhs), y)| *rhs * y.clone()),
                );
            let unsolved = if maximise {
                problem.minimise(value)
            } else {
                problem.maximise(value)
            };
            let mut model = unsolved.using(microlp);
            for (v, rows) in rows_of.iter().enumerate() {
                let lhs = sum_of(rows.iter().map(|&r| prices[r].clone()));
                model = model.with(if maximise {
                    lhs.geq(cost[v])
                } else {
                    lhs.leq(cost[v])
                });
            }
            model.solve().ok().map(|solution| {
                up.iter()
                    .zip(&down)
                    .map(|(&u, &d)| solution.value(u) - solution.value(d))
                    .collect::<Vec<f64>>()
            })
        }));
        solved.ok().flatten()
    }

    /// The published cells with a nonzero price under the presolved LP's prices `dual` (restored
    /// to every row by [`RestrictedLp::full_dual`]), with their prices, ascending by cell.
    fn priced_rows(&self, cell: CellId, dual: &[f64]) -> Vec<(CellId, f64)> {
        self.all_rows
            .iter()
            .zip(self.full_dual(cell, dual))
            .filter(|(_, y)| y.abs() > PRICE_TOLERANCE)
            .map(|((c, _), y)| (*c, y))
            .collect()
    }

    /// Column generation: the fixed finest cells whose reduced cost under the row prices `priced`
    /// ([`RestrictedLp::priced_rows`]) is not zero — moving any of them would improve the bound of
    /// `cell` — best first, at most `limit`. A fixed cell holds at least one case, so it may move
    /// either way: any nonzero reduced cost counts. None means the restricted optimum is the full
    /// LP's optimum (as far as the scan of each priced row, capped at `SCAN` members, can tell).
    fn price(&self, cell: CellId, priced: &[(CellId, f64)], limit: usize) -> Vec<u32> {
        let priced: BTreeMap<CellId, f64> = priced.iter().copied().collect();
        let target = &self.system.cells[cell as usize].members;
        let mut seen: HashSet<u32> = HashSet::new();
        let mut scored: Vec<(f64, u32)> = Vec::new();
        let mut containing: Vec<CellId> = Vec::new();
        for &row in priced.keys() {
            let members = &self.system.cells[row as usize].members;
            let step = (members.len() / SCAN).max(1);
            for &g in members.iter().step_by(step) {
                if self.free.binary_search(&g).is_ok() || !seen.insert(g) {
                    continue;
                }
                // Only published cells have prices.
                cells_counting(self.system, g, &mut containing);
                let price: f64 = containing.iter().filter_map(|c| priced.get(c)).sum();
                let cost = if target.binary_search(&g).is_ok() {
                    1.0
                } else {
                    0.0
                };
                let reduced = cost - price;
                if reduced.abs() > PRICE_TOLERANCE {
                    scored.push((reduced.abs(), g));
                }
            }
        }
        scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        scored.into_iter().map(|(_, g)| g).collect()
    }
}

/// `Σ vars` as one expression.
fn sum_of(terms: impl Iterator<Item = impl Into<Expression>>) -> Expression {
    let mut e = Expression::default();
    for t in terms {
        e += t.into();
    }
    e
}

/// Sets `cells` to the distinct cells counting finest cell `finest`, ascending.
fn cells_counting(system: &CellSystem, finest: u32, cells: &mut Vec<CellId>) {
    cells.clear();
    for table in &system.tables {
        table.for_each_containing(finest, |g| cells.push(table.cells[g]));
    }
    cells.sort_unstable();
    cells.dedup();
}

/// Calls `f` with each published cell counting finest cell `finest`, once per table it shows in
/// (a cell shown in several tables comes several times).
fn for_each_published(
    system: &CellSystem,
    status: &[Status],
    finest: u32,
    mut f: impl FnMut(CellId),
) {
    for table in &system.tables {
        table.for_each_containing(finest, |g| {
            let cell = table.cells[g];
            if status[cell as usize] == Status::Published {
                f(cell);
            }
        });
    }
}

/// Radii of the neighbourhoods tried, smallest first: 2 covers the rectangle of a 2-D table (the
/// opposite corner is two links away), 3 a 2×2×2 cube, 6 longer cycles through linked tables.
pub(crate) const RADII: [usize; 3] = [2, 3, 6];

/// The most finest cells of suppressed cells in one neighbourhood, so that every LP stays small.
const BUDGET: usize = 150;

/// A published innermost cell with at most this many finest cells is freed with the group.
const EXPANSION: usize = 12;

/// The most finest cells (LP variables) of one neighbourhood LP, expansion included.
const EXPANSION_BUDGET: usize = 500;

/// Column generation: rounds, columns added per round, and the most columns of one LP.
const PRICING_ROUNDS: usize = 24;
const COLUMNS_PER_ROUND: usize = 64;
const MAX_COLUMNS: usize = 3000;

/// The most members of one priced row scanned for columns (evenly spaced).
const SCAN: usize = 512;

/// A reduced cost or price smaller than this counts as zero.
const PRICE_TOLERANCE: f64 = 1e-7;

/// The free finest cells of a neighbourhood: the members of its cells, plus the members of the
/// small published innermost cells around them (without those, every published innermost cell
/// of another table would pin the group's finest cells).
fn neighbourhood(system: &CellSystem, status: &[Status], group: &[CellId]) -> Vec<u32> {
    let mut finest: Vec<u32> = group
        .iter()
        .flat_map(|&c| system.cells[c as usize].members.iter().copied())
        .collect();
    finest.sort_unstable();
    finest.dedup();
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
    finest
}

/// The certified interval of one nonzero suppressed cell, with the points that reach it.
///
/// First the LP of its neighbourhood, widened step by step while the cell is not yet shown safe
/// (a cell audited before, `earlier` holding the free set it ended with, starts from that set and
/// its nearest neighbourhood instead); then, if it still is not, column generation from there, each
/// direction in turn until the cell is safe, the bound is optimal, or the budget is spent.
pub(crate) fn audit_cell(
    system: &CellSystem,
    status: &[Status],
    links: &Links,
    cell: CellId,
    k: u64,
    earlier: Option<&[u32]>,
) -> Certified {
    let truth = system.cells[cell as usize].value as f64;
    // The largest value worth proving: no cell can need more than the dataset plus k.
    let cap = (system.cases + k) as f64;
    let value = system.cells[cell as usize].value;
    let safe = |i: Interval| verdict(status[cell as usize], value, i, k).is_none();
    let mut best = Certified {
        interval: Interval {
            lo: truth,
            hi: truth,
        },
        hi: None,
        lo: None,
        free: Vec::new(),
        binding: Vec::new(),
    };
    let widen = |best: &mut Certified, lp: &RestrictedLp, maximise: bool| {
        if let Some((b, point)) = lp.bound(cell, maximise, cap) {
            if maximise && b > best.interval.hi {
                best.interval.hi = b;
                best.hi = Some(Arc::new(point));
            } else if !maximise && b < best.interval.lo {
                best.interval.lo = b;
                best.lo = Some(Arc::new(point));
            }
        }
    };
    // Raising the upper bound can make any cell safe on its own (lo ≤ truth); lowering the
    // lower bound helps only a cell that already reaches k. So each LP is solved upwards first,
    // and downwards only when that could still help (and once at the start, for the report).
    let primary = status[cell as usize] == Status::Primary;
    let lower_helps = |best: Interval| !primary || best.hi_int() >= k;
    let mut previous = 0;
    let mut free = Vec::new();
    // A cell audited before starts from the free set it ended with (still a valid restriction),
    // joined with its nearest neighbourhood under the current pattern.
    let radii: &[usize] = match earlier {
        Some(_) => &RADII[..1],
        None => &RADII,
    };
    for (i, &radius) in radii.iter().enumerate() {
        let around = links.around(system, cell, radius, BUDGET);
        if around.len() == previous {
            break;
        }
        previous = around.len();
        free = neighbourhood(system, status, &around);
        if let Some(earlier) = earlier {
            if free.len() + earlier.len() <= MAX_COLUMNS {
                free.extend_from_slice(earlier);
            }
        }
        let lp = RestrictedLp::new(system, status, free.clone());
        widen(&mut best, &lp, true);
        if i == 0 || (!safe(best.interval) && lower_helps(best.interval)) {
            widen(&mut best, &lp, false);
        }
        if safe(best.interval) {
            best.free = lp.free;
            return best;
        }
    }
    // Column generation. Each round solves only the dual (its value is the restricted bound, by
    // strong duality) and prices; the primal, whose point certifies the bound, is solved when the
    // dual says the cell would be safe, and once at the end.
    let mut lp = RestrictedLp::new(system, status, free);
    // The nonzero prices of the last dual solved.
    let mut prices: Vec<(CellId, f64)> = Vec::new();
    for maximise in [true, false] {
        if !maximise && !lower_helps(best.interval) {
            break;
        }
        let mut certified = false;
        for _ in 0..PRICING_ROUNDS {
            let (objective, constant) = lp.objective(cell);
            let Some(dual) = lp.solve_dual(&objective, maximise) else {
                break;
            };
            let bound = constant
                + lp.rows
                    .iter()
                    .zip(&dual)
                    .map(|((_, _, rhs), y)| rhs * y)
                    .sum::<f64>();
            let hoped = if maximise {
                Interval {
                    hi: best.interval.hi.max(bound),
                    ..best.interval
                }
            } else {
                Interval {
                    lo: best.interval.lo.min(bound),
                    ..best.interval
                }
            };
            if safe(hoped) {
                widen(&mut best, &lp, maximise);
                certified = true;
                if safe(best.interval) {
                    best.free = lp.free;
                    return best;
                }
            }
            prices = lp.priced_rows(cell, &dual);
            let columns = lp.price(cell, &prices, COLUMNS_PER_ROUND);
            if columns.is_empty() || lp.free.len() + columns.len() > MAX_COLUMNS {
                break;
            }
            let mut free = std::mem::take(&mut lp.free);
            free.extend(columns);
            lp = RestrictedLp::new(system, status, free);
            certified = false;
        }
        if !certified {
            widen(&mut best, &lp, maximise);
            if safe(best.interval) {
                best.free = lp.free;
                return best;
            }
        }
    }
    best.free = lp.free;
    // Most binding first; among equal prices, the finest cell first (a cell inside a table before
    // the margins that hold it).
    let members = |c: CellId| system.cells[c as usize].members.len();
    prices.sort_by(|a, b| {
        b.1.abs()
            .total_cmp(&a.1.abs())
            .then(members(a.0).cmp(&members(b.0)))
            .then(a.0.cmp(&b.0))
    });
    best.binding = prices.into_iter().map(|(c, _)| c).collect();
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::PrivacyConfig;
    use crate::data::{CaseColumn, CaseTable, Category, ColumnKind, TableSpec};
    use crate::privacy::{cube, pooling};

    fn column(id: &str, codes: Vec<u32>) -> CaseColumn {
        CaseColumn {
            id: id.into(),
            label: id.into(),
            kind: ColumnKind::Category,
            categories: ["1", "2"]
                .iter()
                .map(|l| Category {
                    code: format!("{id}{l}"),
                    label: format!("{id}{l}"),
                })
                .collect(),
            unknown: None,
            pool_rare: false,
            codes,
        }
    }

    /// A × B: (a1, b1) = 3, (a1, b2) = 20, (a2, b1) = 30, (a2, b2) = 40, with the four inner
    /// cells suppressed and the margins published.
    fn square() -> (CellSystem, Vec<Status>, [CellId; 4]) {
        let counts = [((0, 0), 3), ((0, 1), 20), ((1, 0), 30), ((1, 1), 40)];
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for ((x, y), n) in counts {
            a.extend(std::iter::repeat_n(x, n));
            b.extend(std::iter::repeat_n(y, n));
        }
        let data = CaseTable {
            dataset: "d".into(),
            title: "d".into(),
            source: Default::default(),
            len: a.len(),
            columns: vec![column("a", a), column("b", b)],
        };
        let spec = TableSpec {
            id: "ab".into(),
            title: "ab".into(),
            description: String::new(),
            dataset: 0,
            dimensions: vec![0, 1],
            filters: Vec::new(),
        };
        let config = PrivacyConfig::default();
        let pooled: Vec<_> = data
            .columns
            .iter()
            .map(|c| Some(pooling::pool_column(c, &config)))
            .collect();
        let system = cube::build(&data, &[spec], &[0], &pooled).unwrap();
        let grid = &system.tables[0];
        // Row-major over 3 × 3 (categories, then the total).
        let inner = [grid.cells[0], grid.cells[1], grid.cells[3], grid.cells[4]];
        let mut status = vec![Status::Published; system.cells.len()];
        for &c in &inner {
            status[c as usize] = Status::Secondary;
        }
        status[inner[0] as usize] = Status::Primary;
        (system, status, inner)
    }

    #[test]
    fn the_interval_of_a_hidden_rectangle_is_exact_and_its_points_are_checked() {
        let (system, status, inner) = square();
        let links = Links::new(&system, &status);
        let found = audit_cell(&system, &status, &links, inner[0], 11, None);
        // (a1, b1) = t, (a1, b2) = 23 − t, (a2, b1) = 33 − t, (a2, b2) = 37 + t: t ∈ [0, 23].
        assert_eq!((found.interval.lo_int(), found.interval.hi_int()), (0, 23));
        assert!(found.holds(&system, &status));
        // Publishing (a2, b2) pins the rectangle: the point reaching 23 no longer holds.
        let mut published = status.clone();
        published[inner[3] as usize] = Status::Published;
        let hi = found.hi.as_ref().expect("a point above the truth");
        assert!(!hi.holds(&system, &published));
        let links = Links::new(&system, &published);
        let pinned = audit_cell(&system, &published, &links, inner[0], 11, Some(&found.free));
        assert_eq!((pinned.interval.lo_int(), pinned.interval.hi_int()), (3, 3));
        assert!(verdict(Status::Primary, 3, pinned.interval, 11).is_some());
        // The repair the binding cells name: the first with room (at least the 8 cases the cell
        // is short of k). The opposite corner, its row's total and the cell's column total price
        // alike; the corner is the finest of them, and suppressing it frees the cell.
        let repair = pinned
            .binding
            .iter()
            .copied()
            .find(|&c| {
                published[c as usize] == Status::Published && system.cells[c as usize].value >= 8
            })
            .expect("a binding cell with room");
        assert_eq!(repair, inner[3]);
        published[repair as usize] = Status::Secondary;
        let links = Links::new(&system, &published);
        let freed = audit_cell(
            &system,
            &published,
            &links,
            inner[0],
            11,
            Some(&pinned.free),
        );
        assert!(verdict(Status::Primary, 3, freed.interval, 11).is_none());
    }
}
