//! The attacker: what someone who knows every published cell can infer about each suppressed one.
//!
//! The attacker of τ-Argus and sdcTable: they know every published cell of every table of the
//! dataset exactly, that the tables add up (a margin is the sum of its cells; the same cases
//! counted in two tables are the same cases), that counts are non-negative, and every published
//! zero. They do not know which finest combinations of the columns occur. Their unknowns are the
//! cells of the *cover table* (every combination of every used column); their knowledge is a
//! linear program over it, and a suppressed cell's interval is its minimum and maximum there.
//!
//! [`cover`] builds that LP without writing the cover table down (the cliques of the triangulated
//! columns graph, exact); [`lp`] solves it for a pattern.

pub(crate) mod cover;
mod cuts;
pub(crate) mod lp;
mod moves;

pub(crate) use cover::Cover;
pub(crate) use cuts::Cut;
pub(crate) use lp::{unmoved, AttackerLp, Depth, Witness};
pub(crate) use moves::Move;

/// A HiGHS model of `problem`, quiet, on one thread. Every model of the privacy stage is made
/// here. One thread: the stage runs its LPs and integer programs side by side on rayon's threads,
/// and since HiGHS 1.16 each thread that solves has a task scheduler of its own, whose workers
/// would otherwise spin beside it (about 5 % of the stage's time, measured at 20,000 rows).
pub(crate) fn solver(problem: highs::RowProblem, sense: highs::Sense) -> highs::Model {
    let mut model = problem.optimise(sense);
    model.make_quiet();
    model.set_option("threads", 1);
    model
}

/// Disjoint sets of indices (union by the smallest, path halving): the variables one LP must hold
/// together, the cliques a junction tree has joined.
pub(crate) struct Components(Vec<u32>);

impl Components {
    pub fn new(n: usize) -> Components {
        Components((0..n as u32).collect())
    }

    /// The smallest variable of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            self.0[x as usize] = self.0[self.0[x as usize] as usize];
            x = self.0[x as usize];
        }
        x
    }

    /// Puts every variable of `vars` in one set.
    pub fn join(&mut self, mut vars: impl Iterator<Item = u32>) {
        if let Some(first) = vars.next() {
            for v in vars {
                let (a, b) = (self.find(first), self.find(v));
                if a != b {
                    self.0[a.max(b) as usize] = a.min(b);
                }
            }
        }
    }
}

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

/// Slack allowed when rounding bounds to integers.
const ROUNDING: f64 = 1e-6;

impl Interval {
    /// The smallest integer the attacker cannot rule out.
    pub fn lo_int(self) -> u64 {
        (self.lo - ROUNDING).ceil().max(0.0) as u64
    }

    /// The largest integer the attacker cannot rule out.
    pub fn hi_int(self) -> u64 {
        (self.hi + ROUNDING).floor().max(0.0) as u64
    }
}

/// Why a suppressed cell with interval `interval` breaks the guarantee, if it does.
pub(crate) fn verdict(status: Status, value: u64, interval: Interval, k: u64) -> Option<String> {
    if value == 0 || status == Status::Published {
        return None;
    }
    let (lo, hi) = (interval.lo_int(), interval.hi_int());
    match status {
        Status::Primary if hi < k => Some(format!(
            "the attacker can confine this cell to [{lo}, {hi}], below k = {k}"
        )),
        Status::Primary if hi.saturating_sub(lo) < k => Some(format!(
            "the attacker can narrow this cell to [{lo}, {hi}], fewer than k + 1 = {} values",
            k + 1
        )),
        Status::Secondary if hi <= lo => Some(format!(
            "the attacker can recompute this cell exactly ({lo})"
        )),
        _ => None,
    }
}
