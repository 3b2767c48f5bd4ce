//! The exact pattern search of Fischetti and Salazar: a *master* integer program chooses which
//! cells to suppress at the least cost, subject to cuts that every safe pattern satisfies; the
//! attacker's LP checks the master's pattern and, where a cell fails, adds the cut that rules the
//! pattern out ([`AttackerLp::cuts`]). When the master's pattern passes, it is the cheapest safe
//! pattern under the attacker's LP (every cut holds for every safe pattern, and the master found
//! the cheapest pattern that keeps them all).
//!
//! The master starts with the cuts anyone can write down from the lines (each table's, and the
//! relations across tables of [`Cover::links`](super::attacker::Cover::links)): a suppressed
//! nonzero cell needs another suppressed cell on each of its lines, and a primary cell needs
//! cells on each line that can make up the `k − value` cases it must be able to grow by.
//!
//! The work is bounded ([`ROUNDS`] checks at most, fewer when the cuts close in too slowly, and
//! [`NODES`] branch-and-bound nodes per master solve: the same on every machine, so the same
//! input gives the same pattern). What the search learnt (its cuts, and its pattern if that
//! passed) goes back to [`super::pattern`], which falls back on its greedy search when the
//! pattern did not pass. Either way the audit of record decides.

use highs::{Col, HighsModelStatus, HighsSolutionStatus, Model, RowProblem, Sense};

use super::attacker::{unmoved, verdict, AttackerLp, Cover, Cut, Depth, Interval, Status, Witness};
use super::cells::{CellId, CellSystem};

/// How many patterns of the master are checked at most.
const ROUNDS: usize = 40;

/// The search stops once `patience` rounds in a row failed no fewer cells than the best round so
/// far: the cuts are closing in too slowly (a three-way table linked to a filtered one can take
/// hundreds of rounds) and the greedy search does better in the time. One table on its own gets
/// this much patience (a three-way table alone converges in a few rounds)…
pub(crate) const TABLE_PATIENCE: usize = 3;

/// …and the dataset's tables together this much: when its tables' own cuts do not already give
/// a safe pattern, more rounds rarely do.
pub(crate) const DATASET_PATIENCE: usize = 1;

/// Branch-and-bound nodes per master solve.
const NODES: i32 = 2_000;

/// What the master search ended with.
pub(crate) struct Outcome {
    /// The last pattern that passed the attacker's LP, if one did.
    pub passed: Option<Vec<Status>>,
    /// Whether that pattern is the master's proven optimum (then it is the cheapest safe pattern
    /// there is), not only its best within its nodes.
    pub optimal: bool,
    /// Every cut the attacker's LP gave.
    pub cuts: Vec<Cut>,
    /// The points of the attacker's LP found on the way (under the master's patterns).
    pub points: Vec<Witness>,
}

/// What suppressing each cell costs, and whether the search may suppress it at all.
#[derive(Clone, Copy)]
pub(crate) struct Prices<'a> {
    pub cost: &'a [u64],
    pub choosable: &'a [bool],
}

/// Runs the master search from the primary pattern `primary`, with the cuts `seeds` known from
/// the start. `None` when the master has no pattern at all (its cuts cannot all hold: the greedy
/// search then says why).
pub(crate) fn search(
    system: &CellSystem,
    cover: &Cover,
    k: u64,
    primary: &[Status],
    prices: Prices,
    seeds: &[Cut],
    patience: usize,
) -> Option<Outcome> {
    let Prices { cost, choosable } = prices;
    let n = system.cells.len();
    let can = |c: usize| primary[c] == Status::Primary || choosable[c];
    let mut problem = RowProblem::new();
    let y: Vec<Col> = (0..n)
        .map(|c| match primary[c] {
            Status::Primary => problem.add_integer_column(0.0, 1.0..=1.0),
            _ if choosable[c] => problem.add_integer_column(cost[c] as f64, 0.0..=1.0),
            _ => problem.add_integer_column(0.0, 0.0..=0.0),
        })
        .collect();
    let cap = (system.cases + k) as f64;
    // Lines leave out zero cells; when zeros are suppressed (primary), one of them may be the
    // partner a cell needs, so the lines say nothing for sure.
    let zeros_suppressed =
        (0..n).any(|c| primary[c] == Status::Primary && system.cells[c].value == 0);
    for line in system.lines.iter().filter(|_| !zeros_suppressed) {
        let total = *line.last().expect("a line has a total");
        for &i in line.iter().filter(|&&i| can(i as usize)) {
            let value = system.cells[i as usize].value;
            if value == 0 {
                continue;
            }
            // Another suppressed cell on the line.
            let mut terms: Vec<(Col, f64)> = line
                .iter()
                .filter(|&&j| j != i && can(j as usize))
                .map(|&j| (y[j as usize], 1.0))
                .collect();
            terms.push((y[i as usize], -1.0));
            problem.add_row(0.0.., terms);
            // Room for a primary cell to grow by k − value: the total can grow, the other
            // categories shrink (or, for a total, its categories grow).
            if primary[i as usize] == Status::Primary && value < k {
                let need = (k - value) as f64;
                let terms: Vec<(Col, f64)> = line
                    .iter()
                    .filter(|&&j| j != i && can(j as usize))
                    .map(|&j| {
                        let v = system.cells[j as usize].value as f64;
                        let room = if i == total || j == total { cap - v } else { v };
                        (y[j as usize], room.min(need))
                    })
                    .filter(|t| t.1 > 0.0)
                    .collect();
                problem.add_row(need.., terms);
            }
        }
    }
    let mut model = super::attacker::solver(problem, Sense::Minimise);
    let mut learnt: Vec<Cut> = Vec::new();
    let add = |model: &mut Model, cut: &Cut| {
        let mut row: Vec<(Col, f64)> = cut
            .terms
            .iter()
            .filter(|(c, _)| can(*c as usize))
            .map(|&(c, w)| (y[c as usize], w))
            .collect();
        if let Some(s) = cut.minus {
            row.push((y[s as usize], -1.0));
        }
        model.add_row(cut.rhs.., row);
    };
    for cut in seeds {
        add(&mut model, cut);
    }
    model.set_option("mip_max_nodes", NODES);
    model.set_option("mip_rel_gap", 0.0);
    // The feasibility jump heuristic found nothing here the search did not find without it, and
    // took about a tenth of the stage's time at 20,000 rows.
    model.set_option("mip_heuristic_run_feasibility_jump", false);
    let mut pool = Pool::new(cover);
    // The fewest failing cells of any pattern so far, and how many rounds ago.
    let mut fewest = (usize::MAX, 0);
    for _ in 0..ROUNDS {
        let solved = model.try_solve().ok()?;
        let found = match solved.status() {
            HighsModelStatus::Optimal => true,
            HighsModelStatus::Infeasible => return None,
            _ => solved.primal_solution_status() == HighsSolutionStatus::Feasible,
        };
        if !found {
            break;
        }
        let x = solved.get_solution().columns().to_vec();
        let status: Vec<Status> = (0..n)
            .map(|c| match primary[c] {
                Status::Primary => Status::Primary,
                _ if x[y[c].index()] > 0.5 => Status::Secondary,
                _ => Status::Published,
            })
            .collect();
        let exact = solved.status() == HighsModelStatus::Optimal;
        model = Model::from(solved);
        let lp = AttackerLp::new(system, cover, &status, k);
        let failing = pool.failing(system, &lp, k, &status);
        if failing.is_empty() {
            return Some(Outcome {
                passed: Some(status),
                optimal: exact,
                cuts: learnt,
                points: pool.points,
            });
        }
        let cuts = lp.cuts(system, &status, &failing, k);
        fewest = if failing.len() < fewest.0 {
            (failing.len(), 0)
        } else {
            (fewest.0, fewest.1 + 1)
        };
        if cuts.is_empty() || fewest.1 >= patience {
            break;
        }
        for cut in cuts {
            add(&mut model, &cut);
            learnt.push(cut);
        }
    }
    Some(Outcome {
        passed: None,
        optimal: false,
        cuts: learnt,
        points: pool.points,
    })
}

/// The points of the attacker's LP found under the master's earlier patterns. A point of one
/// pattern is a point of another exactly when it leaves every cell published there at its value
/// (the other rows hold under every pattern), so most cells are shown safe again without an LP.
struct Pool {
    points: Vec<Witness>,
    /// The points already held (a point reaches the ends of several cells).
    held: std::collections::HashSet<*const (u32, f64)>,
    /// Per variable, the cells whose (first) expression holds it.
    users: Vec<Vec<CellId>>,
}

impl Pool {
    fn new(cover: &Cover) -> Pool {
        let mut users = vec![Vec::new(); cover.variables()];
        for (c, list) in cover.expressions.iter().enumerate() {
            if let Some(e) = list.first() {
                for &v in e {
                    users[v as usize].push(c as CellId);
                }
            }
        }
        Pool {
            points: Vec::new(),
            held: Default::default(),
            users,
        }
    }

    /// The suppressed nonzero cells that are not safe under `status`: first by the points
    /// already found that are still points, then in LPs of their own (their points join the
    /// pool).
    fn failing(
        &mut self,
        system: &CellSystem,
        lp: &AttackerLp,
        k: u64,
        status: &[Status],
    ) -> Vec<CellId> {
        let n = system.cells.len();
        let truth = |c: usize| system.cells[c].value as f64;
        let mut reach: Vec<(f64, f64)> = (0..n).map(|c| (truth(c), truth(c))).collect();
        let mut moved: std::collections::HashMap<CellId, f64> = Default::default();
        for point in &self.points {
            moved.clear();
            for &(v, d) in point.moves() {
                for &c in &self.users[v as usize] {
                    *moved.entry(c).or_default() += d;
                }
            }
            let valid = moved.iter().all(|(&c, &d)| {
                status[c as usize] != Status::Published
                    || unmoved(d, system.cells[c as usize].value)
            });
            if valid {
                for (&c, &d) in &moved {
                    let r = &mut reach[c as usize];
                    r.0 = r.0.min(truth(c as usize) + d);
                    r.1 = r.1.max(truth(c as usize) + d);
                }
            }
        }
        let unsafe_under = |c: CellId, interval: Interval| {
            let value = system.cells[c as usize].value;
            verdict(status[c as usize], value, interval, k).is_some()
        };
        let todo: Vec<CellId> = (0..n as CellId)
            .filter(|&c| {
                let (lo, hi) = reach[c as usize];
                status[c as usize] != Status::Published
                    && system.cells[c as usize].value > 0
                    && unsafe_under(c, Interval { lo, hi })
            })
            .collect();
        let bounds = lp.bounds(system, status, &todo, Depth::Search { k }, &[]);
        let mut failing = Vec::new();
        for (c, found) in todo.into_iter().zip(bounds) {
            for w in found.witness.into_iter().flatten() {
                if self.held.insert(w.moves().as_ptr()) {
                    self.points.push(w);
                }
            }
            if unsafe_under(c, found.interval) {
                failing.push(c);
            }
        }
        failing
    }
}
