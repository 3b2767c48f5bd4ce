//! Cuts for the exact pattern search: what every safe pattern must suppress, learnt from the
//! attacker's LP under a pattern that is not safe (the Benders cuts of Fischetti and Salazar's
//! model of cell suppression, over the attacker's unknowns of [`super::cover`]).
//!
//! A pattern is `y`, with `y[c] = 1` when cell `c` is suppressed. Under any pattern the attacker's
//! LP, in deviations `z = x − truth` of its unknowns, is: every row of the cell's expressions
//! equals the cell's deviation `d_c`; `d_c = 0` when `c` is published and `−value ≤ d_c ≤ u_c`
//! when it is suppressed (`u_c`: what its unknowns can add, each up to `N + k`); the separator
//! and equal-expression rows hold (they hold under every pattern); `−truth ≤ z ≤ N + k − truth`.
//! For any row prices `π`, weak duality bounds how far a cell can move under *every* pattern at
//! once:
//!
//! > `max d_p ≤ R + Σ_c w_c · y[c]`, with `w_c = max(π_c · value_c, −π_c · u_c)`
//!
//! (`π_c`: the prices of `c`'s rows added up; `R`: what the bounds of `z` give). Taking `π` from the
//! LP's optimum under the current pattern makes the bound tight there, so a cell that fails now
//! yields an inequality on `y` that the current pattern breaks and every safe pattern keeps: a
//! *cut*. The rules are on whole cases (a bound is rounded inward), so what a cut asks is what
//! the rounded rule needs: a pinned secondary cell must move a whole case one way or the other.

use highs::{Col, HighsModelStatus, Model, RowProblem, Sense};
use rayon::prelude::*;

use super::super::cells::{CellId, CellSystem};
use super::lp::AttackerLp;
use super::Status;

/// An inequality over the pattern: `Σ coefficient · y[cell] ≥ rhs + y[minus]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cut {
    pub terms: Vec<(CellId, f64)>,
    pub rhs: f64,
    /// The cell whose suppression the cut is conditional on (a secondary cell must not be pinned
    /// only if it is suppressed).
    pub minus: Option<CellId>,
}

/// How far one cell can move up and down, under the current pattern and, through the weights,
/// under any other.
struct Reach {
    /// `R` of each direction (up, down): the move the current pattern already allows.
    now: [f64; 2],
    /// The weights of each direction, per published cell.
    weights: [Vec<(CellId, f64)>; 2],
}

/// A row over a component's local columns, and the published cell it states, if any.
type LocalRow = (Vec<(usize, f64)>, Option<CellId>);

/// Coefficients below this are left out of a cut (it only weakens the cut).
const SMALL: f64 = 1e-9;

/// Slack taken off a cut's right-hand side, so that rounding in the solver's prices never cuts off
/// a pattern that is safe: this much…
const SLACK: f64 = 1e-6;

/// …and this much more per case of the bounds it was computed over (`N + k`).
const SLACK_PER_CASE: f64 = 1e-9;

impl AttackerLp<'_> {
    /// The cuts that the failing cells `cells` (suppressed, nonzero, not safe under `k` in the
    /// current pattern `status`) give: for a primary cell one for its maximum (when it is below
    /// `k`) and one for its range (when it is shorter than `k`), for a secondary cell one that it
    /// is not pinned. Only cuts that the current pattern breaks.
    pub fn cuts(
        &self,
        system: &CellSystem,
        status: &[Status],
        cells: &[CellId],
        k: u64,
    ) -> Vec<Cut> {
        let parts = self.row_components(cells);
        let reaches: Vec<Vec<(usize, Reach)>> = parts
            .par_iter()
            .filter(|part| !part.requests.is_empty())
            .map(|part| self.reaches_in(system, part, cells))
            .collect();
        let mut found: Vec<(usize, Reach)> = reaches.into_iter().flatten().collect();
        found.sort_by_key(|(i, _)| *i);
        let slack = SLACK + SLACK_PER_CASE * self.cap;
        let mut cuts = Vec::new();
        for (i, reach) in found {
            let cell = cells[i];
            let value = system.cells[cell as usize].value as f64;
            let [up, down] = reach.now;
            let both = || merge(&reach.weights[0], &reach.weights[1]);
            // A suppressed cell's bounds are rounded inward to whole cases, and its value is
            // whole: it reaches `value + a` only once it can move up by `a`.
            let short = |a: f64, have: f64| (a - have).max(0.0);
            match status[cell as usize] {
                Status::Primary => {
                    let k = k as f64;
                    if value + up < k {
                        cuts.extend(cut(reach.weights[0].clone(), k - value - up, None, slack));
                    }
                    // Its range is at least k when it can move up by a and down by k − a, for
                    // some whole a: what the weights must make up is the least shortfall.
                    let need = (0..=k as u64)
                        .map(|a| short(a as f64, up) + short(k - a as f64, down))
                        .fold(f64::INFINITY, f64::min);
                    if need > 0.0 {
                        cuts.extend(cut(both(), need, None, slack));
                    }
                }
                Status::Secondary => {
                    // Not pinned: it can move a whole case up, or one down.
                    let need = short(1.0, up).min(short(1.0, down));
                    if need > 0.0 {
                        cuts.extend(cut(both(), need - 1.0, Some(cell), slack));
                    }
                }
                Status::Published => {}
            }
        }
        cuts
    }

    /// Both reaches of each requested cell of one component of the rows.
    fn reaches_in(
        &self,
        system: &CellSystem,
        part: &super::moves::Part,
        cells: &[CellId],
    ) -> Vec<(usize, Reach)> {
        let mut problem = RowProblem::new();
        let mut col = std::collections::HashMap::with_capacity(part.vars.len());
        let mut box_of: Vec<(f64, f64)> = Vec::with_capacity(part.vars.len());
        for &v in &part.vars {
            let truth = self.cover.truth[v as usize] as f64;
            let bounds = (-truth, self.cap - truth);
            col.insert(
                v,
                (problem.add_column(0.0, bounds.0..=bounds.1), box_of.len()),
            );
            box_of.push(bounds);
        }
        // Rows over local columns; the cell each prices, if any.
        let rows: Vec<LocalRow> = part
            .rows
            .iter()
            .map(|&r| {
                let row = &self.rows[r];
                let terms = row
                    .terms
                    .iter()
                    .filter_map(|&(v, a)| col.get(&v).map(|&(_, l)| (l, a)))
                    .collect();
                (terms, row.cell)
            })
            .collect();
        for (terms, _) in &rows {
            let terms: Vec<(Col, f64)> = terms
                .iter()
                .map(|&(l, a)| (col[&part.vars[l]].0, a))
                .collect();
            problem.add_row(0.0..=0.0, terms);
        }
        // How far each cell can move up at most: its unknowns each up to `N + k`.
        let room = |c: CellId| -> f64 {
            self.cover.expressions[c as usize][0]
                .iter()
                .filter(|&&v| !self.cover.void[v as usize])
                .map(|&v| self.cap - self.cover.truth[v as usize] as f64)
                .sum()
        };
        let mut model = super::solver(problem, Sense::Minimise);
        model.set_option("simplex_strategy", 4);
        let mut out = Vec::with_capacity(part.requests.len());
        let mut model = Some(model);
        for &i in &part.requests {
            let cell = cells[i];
            let objective: Vec<(Col, usize)> = self.cover.expressions[cell as usize][0]
                .iter()
                .filter_map(|v| col.get(v).copied())
                .collect();
            let mut now = [0.0; 2];
            let mut weights: [Vec<(CellId, f64)>; 2] = [Vec::new(), Vec::new()];
            let mut ok = true;
            for (direction, sign) in [(0, -1.0), (1, 1.0)] {
                let mut m = match model.take() {
                    Some(m) => m,
                    None => {
                        ok = false;
                        break;
                    }
                };
                for &(c, _) in &objective {
                    m.change_column_cost(c, sign);
                }
                let Ok(solved) = m.try_solve() else {
                    ok = false;
                    break;
                };
                let optimal = solved.status() == HighsModelStatus::Optimal;
                let priced = optimal.then(|| {
                    let prices = solved.get_solution().dual_rows().to_vec();
                    price(system, &rows, &box_of, &objective, sign, &prices, &room)
                });
                let mut m = Model::from(solved);
                for &(c, _) in &objective {
                    m.change_column_cost(c, 0.0);
                }
                model = Some(m);
                match priced.flatten() {
                    Some((r, w)) => {
                        now[direction] = r;
                        weights[direction] = w;
                    }
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                out.push((i, Reach { now, weights }));
            }
        }
        out
    }
}

/// From the row prices of one solve (minimising `sign` times the cell's deviation): the reach it
/// certifies now and the weights of the published cells, or `None` when the prices do not certify
/// the optimum (whatever the solver's sign convention: both are tried).
fn price(
    system: &CellSystem,
    rows: &[LocalRow],
    box_of: &[(f64, f64)],
    objective: &[(Col, usize)],
    sign: f64,
    prices: &[f64],
    room: &dyn Fn(CellId) -> f64,
) -> Option<(f64, Vec<(CellId, f64)>)> {
    let mut reduced = vec![0.0; box_of.len()];
    for &(_, l) in objective {
        reduced[l] += sign;
    }
    // A Lagrangian bound holds for any prices; the right sign makes it tight.
    let bound = |flip: f64| {
        let mut r = reduced.clone();
        for ((terms, _), &p) in rows.iter().zip(prices) {
            for &(l, a) in terms {
                r[l] -= a * p * flip;
            }
        }
        r.iter()
            .zip(box_of)
            .map(|(&r, &(lo, hi))| (r * lo).min(r * hi))
            .sum::<f64>()
    };
    let (flip, lagrangian) = [1.0, -1.0]
        .into_iter()
        .map(|flip| (flip, bound(flip)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    // The bound is of the minimum of `sign · d`; the reach is its negation (≥ 0 at the truth).
    let reach = -lagrangian;
    if reach < -SLACK {
        return None;
    }
    let mut per_cell: std::collections::BTreeMap<CellId, f64> = Default::default();
    for ((_, cell), &p) in rows.iter().zip(prices) {
        if let Some(c) = cell {
            *per_cell.entry(*c).or_default() += p * flip;
        }
    }
    let weights = per_cell
        .into_iter()
        .filter_map(|(c, p)| {
            let value = system.cells[c as usize].value as f64;
            let w = (p * value).max(-p * room(c));
            (w > SMALL).then_some((c, w))
        })
        .collect();
    Some((reach.max(0.0), weights))
}

/// The sum of two weight lists (each ascending by cell).
fn merge(a: &[(CellId, f64)], b: &[(CellId, f64)]) -> Vec<(CellId, f64)> {
    let mut out: std::collections::BTreeMap<CellId, f64> = a.iter().copied().collect();
    for &(c, w) in b {
        *out.entry(c).or_default() += w;
    }
    out.into_iter().collect()
}

/// `Σ w · y ≥ need (+ y[minus])`, less `slack`, coefficients capped at what the cut asks (valid
/// for whole `y`), unless it asks nothing.
fn cut(weights: Vec<(CellId, f64)>, need: f64, minus: Option<CellId>, slack: f64) -> Option<Cut> {
    let asked = need + if minus.is_some() { 1.0 } else { 0.0 } - slack;
    if asked <= 0.0 {
        return None;
    }
    let terms: Vec<(CellId, f64)> = weights
        .into_iter()
        .map(|(c, w)| (c, w.min(asked)))
        .collect();
    Some(Cut {
        terms,
        rhs: need - slack,
        minus,
    })
}
