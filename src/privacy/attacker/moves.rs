//! What would let a suppressed cell move: the published cells whose rows must open so that the
//! attacker's LP admits a point where the cell is `amount` cases above its true count.
//!
//! For each request, one LP over the cell's block: a change `y` of every variable (keeping it in
//! `[0, cap]`), the separator and equality rows kept (`a·y = 0`), and every published row allowed
//! to change by `d⁺ − d⁻` at a price per case moved (its cost over the amount asked, or over its
//! count when that is smaller), or not at all when the cell may not be chosen. The cheapest change that moves the cell far enough
//! names the rows to open. A request opens rows for the ones after it in the same block: their
//! price drops to zero. This is the classic LP heuristic of cell suppression (the attacker's
//! subproblem of Fischetti and Salazar, relaxed); it only proposes, the audit decides.

use highs::{Col, HighsModelStatus, Model, RowProblem, Sense};
use rayon::prelude::*;

use super::super::cells::CellId;
use super::lp::AttackerLp;
use super::Components;

/// One cell to move up, and how far.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Move {
    pub cell: CellId,
    pub amount: f64,
}

impl AttackerLp<'_> {
    /// For each move, the published cells to open for it (empty when even opening every choosable
    /// cell does not let it move so far). `cost[c]` is what opening published cell `c` costs,
    /// `value[c]` its count; `choosable[c]` says whether it may be opened at all.
    ///
    /// The LP is over every row before presolve: a variable presolve fixed may move once the row
    /// that fixed it opens.
    pub fn openings(
        &self,
        moves: &[Move],
        cost: &[f64],
        value: &[f64],
        choosable: &[bool],
    ) -> Vec<Vec<CellId>> {
        let cells: Vec<CellId> = moves.iter().map(|m| m.cell).collect();
        let parts = self.row_components(&cells);
        let found: Vec<Vec<(usize, Vec<CellId>)>> = parts
            .par_iter()
            .filter(|part| !part.requests.is_empty())
            .map(|part| self.openings_in(part, moves, cost, value, choosable))
            .collect();
        let mut out = vec![Vec::new(); moves.len()];
        for (i, cells) in found.into_iter().flatten() {
            out[i] = cells;
        }
        out
    }

    fn openings_in(
        &self,
        part: &Part,
        moves: &[Move],
        cost: &[f64],
        value: &[f64],
        choosable: &[bool],
    ) -> Vec<(usize, Vec<CellId>)> {
        let mut problem = RowProblem::new();
        let mut y: std::collections::HashMap<u32, Col> = std::collections::HashMap::new();
        for &v in &part.vars {
            let truth = self.cover.truth[v as usize] as f64;
            y.insert(v, problem.add_column(0.0, -truth..=self.cap - truth));
        }
        // Per row: its cell's opening columns (d⁺, d⁻), if it may open.
        let mut openings: Vec<(CellId, Col, Col)> = Vec::new();
        let mut terms_of_rows: Vec<Vec<(Col, f64)>> = Vec::with_capacity(part.rows.len());
        for &r in &part.rows {
            let row = &self.rows[r];
            let mut terms: Vec<(Col, f64)> = row
                .terms
                .iter()
                .filter_map(|&(v, a)| y.get(&v).map(|&col| (col, a)))
                .collect();
            if let Some(c) = row.cell.filter(|&c| choosable[c as usize]) {
                let up = problem.add_column(0.0, 0.0..=self.cap);
                let down = problem.add_column(0.0, 0.0..=self.cap);
                terms.push((up, -1.0));
                terms.push((down, 1.0));
                openings.push((c, up, down));
            }
            terms_of_rows.push(terms);
        }
        let list = &part.requests;
        let mut targets: Vec<(CellId, Col)> = Vec::new();
        for &i in list {
            let cell = moves[i].cell;
            if targets.iter().any(|t| t.0 == cell) {
                continue;
            }
            let t = problem.add_column(0.0, f64::NEG_INFINITY..f64::INFINITY);
            let e = &self.cover.expressions[cell as usize][0];
            let mut terms: Vec<(Col, f64)> = e
                .iter()
                .filter_map(|v| y.get(v).map(|&col| (col, 1.0)))
                .collect();
            terms.push((t, -1.0));
            terms_of_rows.push(terms);
            targets.push((cell, t));
        }
        for terms in terms_of_rows {
            problem.add_row(0.0..=0.0, terms);
        }
        let mut model: Model = super::solver(problem, Sense::Minimise);
        let mut opened: Vec<bool> = vec![false; cost.len()];
        let mut out = Vec::with_capacity(list.len());
        for &i in list {
            let m = moves[i];
            let (_, t) = *targets.iter().find(|t| t.0 == m.cell).expect("a target");
            // Moving a cell by more than the amount asked is never needed, so opening it is priced
            // as if it moved at most that far (the relaxation of Fischetti and Salazar).
            for &(c, up, down) in &openings {
                let price = if opened[c as usize] {
                    0.0
                } else {
                    cost[c as usize] / value[c as usize].min(m.amount).max(1.0)
                };
                model.change_column_cost(up, price);
                model.change_column_cost(down, price);
            }
            model.change_column_bounds(t, m.amount..);
            let solved = match model.try_solve() {
                Ok(solved) => solved,
                Err(_) => break,
            };
            let mut cells = Vec::new();
            if solved.status() == HighsModelStatus::Optimal {
                let x = solved.get_solution().columns().to_vec();
                for &(c, up, down) in &openings {
                    if !opened[c as usize] && x[up.index()] + x[down.index()] > 1e-7 {
                        opened[c as usize] = true;
                        cells.push(c);
                    }
                }
            }
            model = Model::from(solved);
            model.change_column_bounds(t, f64::NEG_INFINITY..f64::INFINITY);
            cells.sort_unstable();
            out.push((i, cells));
        }
        out
    }
}

/// One component of the rows before presolve: its variables (those not known to be empty), its
/// rows (indices into [`AttackerLp::rows`]), and the requests (indices into the cells asked
/// about) whose cell lies in it.
pub(super) struct Part {
    pub vars: Vec<u32>,
    pub rows: Vec<usize>,
    pub requests: Vec<usize>,
}

impl AttackerLp<'_> {
    /// The components of every row before presolve, over the variables not known to be empty,
    /// each with the cells of `cells` (by index) that lie in it; a cell's own expression joins its
    /// variables too.
    pub(super) fn row_components(&self, cells: &[CellId]) -> Vec<Part> {
        let n = self.cover.variables();
        let open = |v: u32| !self.cover.void[v as usize];
        let mut sets = Components::new(n);
        for row in &self.rows {
            sets.join(row.terms.iter().map(|t| t.0).filter(|&v| open(v)));
        }
        for &c in cells {
            let e = &self.cover.expressions[c as usize][0];
            sets.join(e.iter().copied().filter(|&v| open(v)));
        }
        let mut of_root: Vec<Option<u32>> = vec![None; n];
        let mut component: Vec<Option<u32>> = vec![None; n];
        let mut parts: Vec<Part> = Vec::new();
        for v in (0..n as u32).filter(|&v| open(v)) {
            let r = sets.find(v) as usize;
            let id = *of_root[r].get_or_insert_with(|| {
                parts.push(Part {
                    vars: Vec::new(),
                    rows: Vec::new(),
                    requests: Vec::new(),
                });
                (parts.len() - 1) as u32
            });
            parts[id as usize].vars.push(v);
            component[v as usize] = Some(id);
        }
        let of = |v: u32| component[v as usize];
        for (i, &c) in cells.iter().enumerate() {
            let e = &self.cover.expressions[c as usize][0];
            if let Some(p) = e.iter().copied().find(|&v| open(v)).and_then(of) {
                parts[p as usize].requests.push(i);
            }
        }
        for (r, row) in self.rows.iter().enumerate() {
            if let Some(p) = row
                .terms
                .iter()
                .map(|t| t.0)
                .find(|&v| open(v))
                .and_then(of)
            {
                parts[p as usize].rows.push(r);
            }
        }
        parts
    }
}
