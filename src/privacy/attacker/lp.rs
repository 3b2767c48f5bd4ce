//! The attacker's LP for one suppression pattern, split into independent blocks, and the bounds
//! of suppressed cells in it, solved with HiGHS.
//!
//! Rows: each published cell, in each of its expressions, equals its value; the expressions of one
//! cell equal each other (the attacker is granted that two tables count the same cases whenever
//! they do, which only narrows intervals); adjacent cliques agree on every separator cell, except
//! where both sides are published cells (their rows already pin both sides). Every variable lies
//! in `[0, N + k]` (N: the dataset's cases; any bound above N is never reached when the grand
//! total is published, and only narrows intervals when it is not).
//!
//! Presolve fixes the variables known to be empty ([`Cover::void`]) and every variable that a row
//! leaves no freedom (a row with one free variable left,
//! or a published row whose remaining value is 0 over non-negative variables); a fixed variable
//! holds its true count, the only value it can take. The remaining rows split into blocks that
//! share no variable; each bound is an LP in one block.
//!
//! Each bound is certified: the solver's point is checked here against every row of its block
//! (to 10⁻⁶ of a case, and 10⁻⁹ of the row's value) and the variable bounds, and the bound
//! reported is the point's own value, so the interval is one the attacker cannot rule out, to
//! that tolerance. A failed or unchecked solve leaves the bound at the most the points already
//! found reach (at least the true value): it can only make a cell look less safe.

use highs::{Col, HighsModelStatus, Model, RowProblem, Sense};
use rayon::prelude::*;

use super::super::cells::{CellId, CellSystem};
use super::cover::Cover;
use super::{Components, Interval, Status};

/// How many parts (one model each, solved in parallel) a block's cells are split into when there
/// are many.
const PARTS: usize = 2;

/// Slack allowed when checking a solver's point.
const TOLERANCE: f64 = 1e-6;

/// Further slack per unit of a row's right-hand side: a row of a million cases may be off by a
/// thousandth of a case, never by one.
const ROW_TOLERANCE: f64 = 1e-9;

/// A row: `Σ coefficient · x = rhs` over block-local variables.
#[derive(Debug)]
pub(super) struct Row {
    pub terms: Vec<(u32, f64)>,
    pub rhs: f64,
    /// The published cell the row states, if it is one.
    pub cell: Option<CellId>,
}

/// Variables and rows that share nothing with the other blocks.
#[derive(Debug, Default)]
pub(super) struct Block {
    /// Global variable of each local one.
    pub vars: Vec<u32>,
    pub rows: Vec<Row>,
}

/// The attacker's LP under one pattern.
pub(crate) struct AttackerLp<'a> {
    pub(super) cover: &'a Cover,
    /// The upper bound of every variable.
    pub(super) cap: f64,
    /// Every row before presolve, over global variables.
    pub(super) rows: Vec<Row>,
    /// Per global variable: its fixed value, if presolve fixed it.
    fixed: Vec<Option<u64>>,
    /// Per global variable: `(block, local index)` of a free one.
    place: Vec<Option<(u32, u32)>>,
    pub(super) blocks: Vec<Block>,
}

/// What the audit learns about one cell.
#[derive(Debug, Clone)]
pub(crate) struct Bounds {
    pub interval: Interval,
    /// The points reaching `interval.lo` and `interval.hi` (`None`: the truth).
    pub witness: [Option<Witness>; 2],
    /// The published cells whose rows price in the dual of the bound that fails, largest price
    /// first (empty when the cell is safe or only the bounds were asked for).
    pub binding: Vec<CellId>,
}

/// A point of the attacker's LP, as the variables it moves from their true counts and by how
/// much. Still a point after more cells are suppressed; after a cell is published again, one
/// exactly when it leaves that cell's sums unchanged ([`Witness::keeps`]).
#[derive(Debug, Clone)]
pub(crate) struct Witness(std::sync::Arc<Vec<(u32, f64)>>);

impl Witness {
    /// The variables the point moves, ascending, with how far.
    pub fn moves(&self) -> &[(u32, f64)] {
        &self.0
    }

    /// Whether the point leaves each of `expressions` (ascending lists of variables) at its
    /// true value, within the tolerance of a checked point.
    pub fn keeps(&self, expressions: &[Vec<u32>], value: u64) -> bool {
        expressions.iter().all(|e| {
            let moved: f64 = self
                .0
                .iter()
                .filter(|(v, _)| e.binary_search(v).is_ok())
                .map(|(_, d)| d)
                .sum();
            unmoved(moved, value)
        })
    }
}

/// Whether a point that moves a cell of `value` cases by `moved` leaves it at its value, within
/// the tolerance of a checked point.
pub(crate) fn unmoved(moved: f64, value: u64) -> bool {
    moved.abs() <= TOLERANCE + ROW_TOLERANCE * value as f64
}

/// How much of each bound to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// Both ends of every interval, each optimal: the audit of record.
    Exact,
    /// Only as far as needed to show a cell safe under `k`, reusing the points already found;
    /// the binding rows of a cell that stays unsafe.
    Search { k: u64 },
}

impl<'a> AttackerLp<'a> {
    pub fn new(system: &CellSystem, cover: &'a Cover, status: &[Status], k: u64) -> Self {
        let published = |c: CellId| status[c as usize] == Status::Published;
        let mut rows: Vec<Row> = Vec::new();
        let row = |terms: Vec<(u32, f64)>, rhs: f64, cell: Option<CellId>| Row { terms, rhs, cell };
        for (c, list) in cover.expressions.iter().enumerate() {
            let c = c as CellId;
            if published(c) {
                let value = system.cells[c as usize].value as f64;
                for e in list {
                    rows.push(row(e.iter().map(|&v| (v, 1.0)).collect(), value, Some(c)));
                }
            } else if let Some((first, rest)) = list.split_first() {
                for e in rest {
                    rows.push(row(difference(e, first), 0.0, None));
                }
            }
        }
        for sep in &cover.separators {
            if sep.cells.iter().all(|c| c.is_some_and(published)) {
                continue;
            }
            rows.push(row(difference(&sep.sides[0], &sep.sides[1]), 0.0, None));
        }

        // Presolve.
        let n = cover.variables();
        let mut fixed: Vec<Option<u64>> = cover.void.iter().map(|&v| v.then_some(0)).collect();
        let mut alive = vec![true; rows.len()];
        loop {
            let mut changed = false;
            for (r, Row { terms, rhs, .. }) in rows.iter().enumerate() {
                if !alive[r] {
                    continue;
                }
                let mut free = terms.iter().filter(|(v, _)| fixed[*v as usize].is_none());
                let first = free.next();
                let second = free.next();
                let rest: f64 = rhs
                    - terms
                        .iter()
                        .filter_map(|(v, a)| fixed[*v as usize].map(|x| a * x as f64))
                        .sum::<f64>();
                let all_plus = terms.iter().all(|(_, a)| *a > 0.0);
                match (first, second) {
                    (None, _) => alive[r] = false,
                    (Some(&(v, _)), None) => {
                        fixed[v as usize] = Some(cover.truth[v as usize]);
                        alive[r] = false;
                        changed = true;
                    }
                    _ if all_plus && rest.abs() < 0.5 => {
                        for (v, _) in terms {
                            if fixed[*v as usize].is_none() {
                                fixed[*v as usize] = Some(cover.truth[*v as usize]);
                            }
                        }
                        alive[r] = false;
                        changed = true;
                    }
                    _ => {}
                }
            }
            if !changed {
                break;
            }
        }

        // Blocks: union the free variables of every live row.
        let mut sets = Components::new(n);
        for (r, Row { terms, .. }) in rows.iter().enumerate() {
            if alive[r] {
                sets.join(
                    terms
                        .iter()
                        .map(|t| t.0)
                        .filter(|&v| fixed[v as usize].is_none()),
                );
            }
        }
        // A suppressed cell's bound is one LP, even over variables no row joins.
        for (c, list) in cover.expressions.iter().enumerate() {
            if !published(c as CellId) {
                if let Some(e) = list.first() {
                    sets.join(e.iter().copied().filter(|&v| fixed[v as usize].is_none()));
                }
            }
        }
        let mut block_of_root: Vec<Option<u32>> = vec![None; n];
        let mut place: Vec<Option<(u32, u32)>> = vec![None; n];
        let mut blocks: Vec<Block> = Vec::new();
        for v in 0..n as u32 {
            if fixed[v as usize].is_some() {
                continue;
            }
            let r = sets.find(v) as usize;
            let b = *block_of_root[r].get_or_insert_with(|| {
                blocks.push(Block::default());
                (blocks.len() - 1) as u32
            });
            let block = &mut blocks[b as usize];
            place[v as usize] = Some((b, block.vars.len() as u32));
            block.vars.push(v);
        }
        for (r, Row { terms, rhs, cell }) in rows.iter().enumerate() {
            if !alive[r] {
                continue;
            }
            let (rhs, cell) = (*rhs, *cell);
            let mut rest = rhs;
            let mut local = Vec::with_capacity(terms.len());
            let mut block = None;
            for &(v, a) in terms {
                match (fixed[v as usize], place[v as usize]) {
                    (Some(x), _) => rest -= a * x as f64,
                    (None, Some((b, l))) => {
                        block = Some(b);
                        local.push((l, a));
                    }
                    (None, None) => unreachable!("a free variable has a place"),
                }
            }
            if let Some(b) = block {
                blocks[b as usize].rows.push(Row {
                    terms: local,
                    rhs: rest,
                    cell,
                });
            }
        }
        AttackerLp {
            cover,
            cap: (system.cases + k) as f64,
            rows,
            fixed,
            place,
            blocks,
        }
    }

    /// The bounds of each cell in `cells` (suppressed, nonzero), in the same order. `hints` are
    /// points found under other patterns: each that is a point of this LP too (checked here, like
    /// the solver's) counts as found, so that fewer ends need an LP of their own.
    pub fn bounds(
        &self,
        system: &CellSystem,
        status: &[Status],
        cells: &[CellId],
        depth: Depth,
        hints: &[Witness],
    ) -> Vec<Bounds> {
        // Group the cells by block; split a large group into `PARTS`, one model per part.
        let mut work: Vec<Vec<(usize, Objective)>> = vec![Vec::new(); self.blocks.len()];
        let mut results: Vec<Option<Bounds>> = vec![None; cells.len()];
        for (i, &c) in cells.iter().enumerate() {
            let objective = self.objective(c);
            match objective.block {
                Some(b) => work[b as usize].push((i, objective)),
                None => {
                    let x = objective.constant;
                    results[i] = Some(Bounds {
                        interval: Interval { lo: x, hi: x },
                        witness: [None, None],
                        binding: Vec::new(),
                    });
                }
            }
        }
        let mut parts: Vec<(usize, Vec<(usize, Objective)>)> = Vec::new();
        for (b, list) in work.into_iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            // A fixed split, whatever the machine: each part's chain of warm starts, and so the
            // points found, must not depend on the number of cores (same input, same bytes).
            let chunk = if list.len() >= 64 {
                list.len().div_ceil(PARTS)
            } else {
                list.len()
            };
            let mut list = list;
            while !list.is_empty() {
                let rest = list.split_off(chunk.min(list.len()));
                parts.push((b, list));
                list = rest;
            }
        }
        let solved: Vec<Vec<(usize, Bounds)>> = parts
            .par_iter()
            .map(|(b, list)| self.solve_part(system, status, *b as u32, list, depth, hints))
            .collect();
        for (i, bounds) in solved.into_iter().flatten() {
            results[i] = Some(bounds);
        }
        results
            .into_iter()
            .map(|r| r.expect("every cell is bounded"))
            .collect()
    }

    pub(super) fn objective(&self, cell: CellId) -> Objective {
        let mut objective = Objective {
            block: None,
            vars: Vec::new(),
            constant: 0.0,
            cell,
        };
        let e = &self.cover.expressions[cell as usize][0];
        for &v in e {
            match (self.fixed[v as usize], self.place[v as usize]) {
                (Some(x), _) => objective.constant += x as f64,
                (None, Some((b, l))) => {
                    objective.block = Some(b);
                    objective.vars.push(l);
                }
                (None, None) => unreachable!("a free variable has a place"),
            }
        }
        objective
    }

    fn solve_part(
        &self,
        system: &CellSystem,
        status: &[Status],
        b: u32,
        list: &[(usize, Objective)],
        depth: Depth,
        hints: &[Witness],
    ) -> Vec<(usize, Bounds)> {
        let block = &self.blocks[b as usize];
        let (mut model, cols) = self.bounding_model(block);
        let limits = Ceilings::new(block);
        // The most and least each cell has been seen at, over every point found in this part, and
        // the points.
        let mut seen: Vec<(f64, f64)> = list
            .iter()
            .map(|(_, o)| {
                let truth = system.cells[o.cell as usize].value as f64;
                (truth, truth)
            })
            .collect();
        let mut points: Vec<Witness> = Vec::new();
        let mut reached: Vec<[Option<u32>; 2]> = vec![[None, None]; list.len()];
        // A point found: it moves the cells from the `from`th on.
        let see = |x: &[f64],
                   from: usize,
                   witness: Witness,
                   seen: &mut [(f64, f64)],
                   reached: &mut [[Option<u32>; 2]],
                   points: &mut Vec<Witness>| {
            let p = points.len() as u32;
            points.push(witness);
            for (jj, (_, other)) in list.iter().enumerate().skip(from) {
                let at = other.constant + other.vars.iter().map(|&l| x[l as usize]).sum::<f64>();
                if at < seen[jj].0 {
                    seen[jj].0 = at;
                    reached[jj][0] = Some(p);
                }
                if at > seen[jj].1 {
                    seen[jj].1 = at;
                    reached[jj][1] = Some(p);
                }
            }
        };
        for hint in hints {
            if let Some(x) = self.local_point(b, hint) {
                see(&x, 0, hint.clone(), &mut seen, &mut reached, &mut points);
            }
        }
        let mut out = Vec::with_capacity(list.len());
        for (j, (i, objective)) in list.iter().enumerate() {
            let value = system.cells[objective.cell as usize].value;
            let cell_status = status[objective.cell as usize];
            let safe = |interval: Interval, k: u64| {
                super::verdict(cell_status, value, interval, k).is_none()
            };
            let interval = |(lo, hi): (f64, f64)| Interval { lo, hi };
            if let Depth::Search { k } = depth {
                if safe(interval(seen[j]), k) {
                    out.push((
                        *i,
                        Bounds {
                            interval: interval(seen[j]),
                            witness: reached[j].map(|p| p.map(|p| points[p as usize].clone())),
                            binding: Vec::new(),
                        },
                    ));
                    continue;
                }
            }
            let mut binding = Vec::new();
            for maximise in [true, false] {
                if let Depth::Search { k } = depth {
                    if safe(interval(seen[j]), k) {
                        break;
                    }
                }
                // A point already at a bound no point can pass: that end is exact without an LP.
                // (The search solves on: a failing bound's duals say which cells to open.)
                let at_bound = depth == Depth::Exact
                    && if maximise {
                        limits
                            .ceiling(objective)
                            .is_some_and(|ceiling| seen[j].1 >= ceiling - ATTAINED)
                    } else {
                        seen[j].0 <= objective.constant + ATTAINED
                    };
                if at_bound {
                    continue;
                }
                // After a failed solve, a fresh model.
                let m = match model.take() {
                    Some(m) => m,
                    None => self.bounding_model(block).0.expect("a fresh model"),
                };
                let (m, point, duals) = self.solve_one(m, &cols, block, objective, maximise);
                model = m;
                if let Some(x) = point {
                    let witness = self.witness(block, &x);
                    see(&x, j, witness, &mut seen, &mut reached, &mut points);
                }
                if let (Depth::Search { k }, Some(duals)) = (depth, duals) {
                    if !safe(interval(seen[j]), k) && binding.is_empty() {
                        binding = binding_cells(block, &duals);
                    }
                }
            }
            if let Depth::Search { k } = depth {
                if safe(interval(seen[j]), k) {
                    binding.clear();
                }
            }
            out.push((
                *i,
                Bounds {
                    interval: interval(seen[j]),
                    witness: reached[j].map(|p| p.map(|p| points[p as usize].clone())),
                    binding,
                },
            ));
        }
        out
    }

    /// The part in block `b` of a point found under another pattern, block-local, if it is a
    /// point of this LP: it leaves every fixed variable at its value and meets every row of the
    /// block (checked as the solver's points are). `None` also when it moves nothing in `b`.
    fn local_point(&self, b: u32, hint: &Witness) -> Option<Vec<f64>> {
        let block = &self.blocks[b as usize];
        let mut x: Option<Vec<f64>> = None;
        for &(v, d) in hint.moves() {
            match self.place[v as usize] {
                Some((vb, l)) if vb == b => {
                    let x = x.get_or_insert_with(|| {
                        block
                            .vars
                            .iter()
                            .map(|&w| self.cover.truth[w as usize] as f64)
                            .collect()
                    });
                    x[l as usize] += d;
                }
                Some(_) => {}
                None if d.abs() <= TOLERANCE => {}
                None => return None,
            }
        }
        x.filter(|x| self.holds(block, x))
    }

    /// Block-local point `x` as a witness over global variables.
    fn witness(&self, block: &Block, x: &[f64]) -> Witness {
        let moved = block
            .vars
            .iter()
            .zip(x)
            .filter_map(|(&v, &value)| {
                let d = value - self.cover.truth[v as usize] as f64;
                (d.abs() > 1e-12).then_some((v, d))
            })
            .collect();
        Witness(std::sync::Arc::new(moved))
    }

    /// The block's LP ready for a sequence of bounds (every cost 0): each solve changes only the
    /// objective, so the last basis stays primal feasible and primal simplex goes on from it
    /// (about 25 times faster here than dual simplex).
    fn bounding_model(&self, block: &Block) -> (Option<Model>, Vec<Col>) {
        let (problem, cols) = self.problem(block, false);
        let mut model = super::solver(problem, Sense::Maximise);
        model.set_option("simplex_strategy", 4);
        (Some(model), cols)
    }

    /// The block's LP (an integer program with `integer`), every cost 0.
    fn problem(&self, block: &Block, integer: bool) -> (RowProblem, Vec<Col>) {
        let mut problem = RowProblem::new();
        let cols: Vec<Col> = (0..block.vars.len())
            .map(|_| problem.add_column_with_integrality(0.0, 0.0..=self.cap, integer))
            .collect();
        for row in &block.rows {
            let terms: Vec<(Col, f64)> = row
                .terms
                .iter()
                .map(|&(l, a)| (cols[l as usize], a))
                .collect();
            problem.add_row(row.rhs..=row.rhs, terms);
        }
        (problem, cols)
    }

    /// For each cell, whether some point of whole numbers of cases puts it at `target` or more:
    /// `Some(false)` when the integer program is proved infeasible (its integer maximum is below
    /// `target`, though the LP's may not be), `None` when the solver proved neither within
    /// `seconds`.
    pub fn integer_reaches(
        &self,
        cells: &[CellId],
        target: u64,
        seconds: f64,
    ) -> Vec<Option<bool>> {
        cells
            .par_iter()
            .map(|&c| {
                let objective = self.objective(c);
                let need = target as f64 - objective.constant;
                let Some(b) = objective.block else {
                    return Some(need <= 0.0);
                };
                let block = &self.blocks[b as usize];
                // The LP's own maximum is often a point of whole numbers (two-way tables are
                // totally unimodular): then it answers without the integer program.
                let (mut problem, cols) = self.problem(block, false);
                for &l in &objective.vars {
                    problem.change_column_cost(cols[l as usize], 1.0);
                }
                let model = super::solver(problem, Sense::Maximise);
                if let Ok(solved) = model.try_solve() {
                    if solved.status() == HighsModelStatus::Optimal {
                        let x = solved.get_solution().columns().to_vec();
                        let whole = x.iter().all(|v| (v - v.round()).abs() <= TOLERANCE);
                        let reach: f64 = objective.vars.iter().map(|&l| x[l as usize]).sum();
                        if whole && self.holds(block, &x) && reach >= need - TOLERANCE {
                            return Some(true);
                        }
                    }
                }
                let (mut problem, cols) = self.problem(block, true);
                let terms: Vec<(Col, f64)> = objective
                    .vars
                    .iter()
                    .map(|&l| (cols[l as usize], 1.0))
                    .collect();
                problem.add_row(need - TOLERANCE.., terms);
                let mut model = super::solver(problem, Sense::Maximise);
                model.set_option("time_limit", seconds);
                let solved = model.try_solve().ok()?;
                match solved.status() {
                    HighsModelStatus::Optimal => Some(true),
                    HighsModelStatus::Infeasible => Some(false),
                    _ => None,
                }
            })
            .collect()
    }

    /// One bound: returns the model for the next solve (none after a failure), the checked point
    /// (block-local values) and the row duals.
    #[allow(clippy::type_complexity)]
    fn solve_one(
        &self,
        mut model: Model,
        cols: &[Col],
        block: &Block,
        objective: &Objective,
        maximise: bool,
    ) -> (Option<Model>, Option<Vec<f64>>, Option<Vec<f64>>) {
        for &l in &objective.vars {
            model.change_column_cost(cols[l as usize], 1.0);
        }
        model.set_sense(if maximise {
            Sense::Maximise
        } else {
            Sense::Minimise
        });
        let solved = match model.try_solve() {
            Ok(solved) => solved,
            Err(_) => return (None, None, None),
        };
        let ok = solved.status() == HighsModelStatus::Optimal;
        let (point, duals) = if ok {
            let solution = solved.get_solution();
            let x = solution.columns().to_vec();
            let duals = solution.dual_rows().to_vec();
            (self.holds(block, &x).then_some(x), Some(duals))
        } else {
            (None, None)
        };
        let mut model = Model::from(solved);
        for &l in &objective.vars {
            model.change_column_cost(cols[l as usize], 0.0);
        }
        (Some(model), point, duals)
    }

    /// Whether block-local point `x` satisfies every row of the block and the variable bounds.
    fn holds(&self, block: &Block, x: &[f64]) -> bool {
        x.len() == block.vars.len()
            && x.iter()
                .all(|&v| v >= -TOLERANCE && v <= self.cap + TOLERANCE)
            && block.rows.iter().all(|row| {
                let lhs: f64 = row.terms.iter().map(|&(l, a)| a * x[l as usize]).sum();
                (lhs - row.rhs).abs() <= TOLERANCE + ROW_TOLERANCE * row.rhs.abs()
            })
    }
}

/// How close to a proven bound a checked point must come for the bound to count as reached: far
/// below the tolerance of the intervals (10⁻⁶), so a bound taken from a point is the LP's own.
const ATTAINED: f64 = 1e-9;

/// Upper bounds that follow from a block's published rows alone: a cell lying inside a published
/// cell `R` is at most `R`'s count less the counts of published cells inside `R` that share none
/// of its variables and none with each other (every variable is non-negative). A point that
/// reaches such a bound shows it is the cell's maximum, with no LP to solve.
struct Ceilings<'b> {
    block: &'b Block,
    /// Per local variable, the published rows (all coefficients 1) that hold it.
    rows_of: Vec<Vec<u32>>,
}

impl<'b> Ceilings<'b> {
    fn new(block: &'b Block) -> Ceilings<'b> {
        let mut rows_of = vec![Vec::new(); block.vars.len()];
        for (r, row) in block.rows.iter().enumerate() {
            if row.cell.is_some() && row.terms.iter().all(|&(_, a)| a == 1.0) {
                for &(l, _) in &row.terms {
                    rows_of[l as usize].push(r as u32);
                }
            }
        }
        Ceilings { block, rows_of }
    }

    /// The least such bound on `objective`, if a published row holds all its free variables.
    fn ceiling(&self, objective: &Objective) -> Option<f64> {
        let first = *objective.vars.first()?;
        let mut inside = vec![false; self.block.vars.len()];
        let mut best: Option<f64> = None;
        for &r in &self.rows_of[first as usize] {
            let outer = &self.block.rows[r as usize];
            for &(l, _) in &outer.terms {
                inside[l as usize] = true;
            }
            if objective.vars.iter().all(|&l| inside[l as usize]) {
                // The variables of `outer` still free to hold another published row.
                for &l in &objective.vars {
                    inside[l as usize] = false;
                }
                let mut bound = outer.rhs;
                for &(l, _) in &outer.terms {
                    if !inside[l as usize] {
                        continue;
                    }
                    let fits = self.rows_of[l as usize].iter().copied().find(|&s| {
                        s != r
                            && self.block.rows[s as usize]
                                .terms
                                .iter()
                                .all(|&(m, _)| inside[m as usize])
                    });
                    if let Some(s) = fits {
                        let inner = &self.block.rows[s as usize];
                        bound -= inner.rhs;
                        for &(m, _) in &inner.terms {
                            inside[m as usize] = false;
                        }
                    }
                }
                let bound = objective.constant + bound;
                best = Some(best.map_or(bound, |b: f64| b.min(bound)));
            }
            for &(l, _) in &outer.terms {
                inside[l as usize] = false;
            }
        }
        best
    }
}

/// What is bounded for one cell: its free variables in one block, plus what its fixed ones hold.
#[derive(Debug, Clone)]
pub(super) struct Objective {
    pub block: Option<u32>,
    pub vars: Vec<u32>,
    pub constant: f64,
    pub cell: CellId,
}

/// `a − b` as terms (both ascending lists of variables).
fn difference(a: &[u32], b: &[u32]) -> Vec<(u32, f64)> {
    let mut terms: Vec<(u32, f64)> = a.iter().map(|&v| (v, 1.0)).collect();
    terms.extend(b.iter().map(|&v| (v, -1.0)));
    terms.sort_by_key(|t| t.0);
    let mut merged: Vec<(u32, f64)> = Vec::with_capacity(terms.len());
    for (v, a) in terms {
        match merged.last_mut() {
            Some(last) if last.0 == v => last.1 += a,
            _ => merged.push((v, a)),
        }
    }
    merged.retain(|t| t.1 != 0.0);
    merged
}

/// The published cells whose rows price in `duals`, largest price first, each once.
fn binding_cells(block: &Block, duals: &[f64]) -> Vec<CellId> {
    let mut priced: Vec<(f64, CellId)> = block
        .rows
        .iter()
        .zip(duals)
        .filter_map(|(row, &d)| row.cell.filter(|_| d.abs() > 1e-9).map(|c| (d.abs(), c)))
        .collect();
    priced.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut seen = std::collections::HashSet::new();
    priced
        .into_iter()
        .filter(|&(_, c)| seen.insert(c))
        .map(|(_, c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(vars: &[u32], rhs: f64, published: bool) -> Row {
        Row {
            terms: vars.iter().map(|&v| (v, 1.0)).collect(),
            rhs,
            cell: published.then_some(0),
        }
    }

    fn objective(vars: &[u32], constant: f64) -> Objective {
        Objective {
            block: Some(0),
            vars: vars.to_vec(),
            constant,
            cell: 0,
        }
    }

    /// A line of four categories totalling 10, two of them published (3 and 4): each suppressed
    /// category is at most 10 − 3 − 4, plus what its fixed variables hold.
    #[test]
    fn a_ceiling_is_the_total_less_the_published_cells_beside_it() {
        let block = Block {
            vars: (0..4).collect(),
            rows: vec![
                row(&[0, 1, 2, 3], 10.0, true),
                row(&[2], 3.0, true),
                row(&[3], 4.0, true),
            ],
        };
        let ceilings = Ceilings::new(&block);
        assert_eq!(ceilings.ceiling(&objective(&[0], 0.0)), Some(3.0));
        assert_eq!(ceilings.ceiling(&objective(&[0, 1], 2.0)), Some(5.0));
        // A published cell inside the total that overlaps the bounded cell says nothing more.
        assert_eq!(ceilings.ceiling(&objective(&[2], 0.0)), Some(3.0));
    }

    /// Rows that are not published sums (a suppressed cell's two expressions, a separator)
    /// bound nothing, and a cell no published row holds has no ceiling.
    #[test]
    fn only_published_sums_give_ceilings() {
        let mut difference = row(&[0, 1], 0.0, false);
        difference.terms[1].1 = -1.0;
        let block = Block {
            vars: (0..3).collect(),
            rows: vec![difference, row(&[1, 2], 6.0, true)],
        };
        let ceilings = Ceilings::new(&block);
        assert_eq!(ceilings.ceiling(&objective(&[0], 0.0)), None);
        assert_eq!(ceilings.ceiling(&objective(&[1], 0.0)), Some(6.0));
        assert_eq!(ceilings.ceiling(&objective(&[0, 1], 0.0)), None);
    }
}
