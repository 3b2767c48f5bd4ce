//! The audit of record: the attacker's exact interval for every suppressed cell of the final
//! pattern, and every cell that breaks the guarantee. It decides; the search only proposes.

use super::attacker::{verdict, AttackerLp, Cover, Depth, Interval, Status, Witness};
use super::cells::{CellId, CellSystem};

/// The outcome of the audit of one dataset.
pub(crate) struct Audit {
    /// The interval of each nonzero suppressed cell (`None` for published cells and zeros).
    pub intervals: Vec<Option<Interval>>,
    /// Cells that break the guarantee, ascending, with the reason.
    pub failing: Vec<(CellId, String)>,
    /// With the integer audit: for each primary cell, whether some point of whole numbers of
    /// cases reaches `k` (`None` where the solver proved neither in its time, or not asked).
    pub integer: Vec<Option<bool>>,
}

/// How long the integer program of one cell may run.
const INTEGER_SECONDS: f64 = 20.0;

/// Bounds every nonzero suppressed cell, both ways and to optimality, in one LP over all the
/// dataset's tables, and checks each against the guarantee. `hints` (the search's points) spare
/// LPs where one of them, checked to be a point of this LP, already reaches a proven bound. With `integer`, also bounds each
/// primary cell's maximum over integer points.
pub(crate) fn of_record(
    system: &CellSystem,
    cover: &Cover,
    status: &[Status],
    k: u64,
    integer: bool,
    hints: &[Witness],
) -> Audit {
    let hidden: Vec<CellId> = (0..system.cells.len() as CellId)
        .filter(|&c| status[c as usize] != Status::Published && system.cells[c as usize].value > 0)
        .collect();
    let lp = AttackerLp::new(system, cover, status, k);
    let bounds = lp.bounds(system, status, &hidden, Depth::Exact, hints);
    let mut intervals = vec![None; system.cells.len()];
    let mut failing = Vec::new();
    for (&c, found) in hidden.iter().zip(bounds) {
        intervals[c as usize] = Some(found.interval);
        let value = system.cells[c as usize].value;
        if let Some(reason) = verdict(status[c as usize], value, found.interval, k) {
            failing.push((c, reason));
        }
    }
    let mut maxima = vec![None; system.cells.len()];
    if integer {
        let small: Vec<CellId> = hidden
            .iter()
            .copied()
            .filter(|&c| status[c as usize] == Status::Primary)
            .collect();
        for (&c, reaches) in small
            .iter()
            .zip(lp.integer_reaches(&small, k, INTEGER_SECONDS))
        {
            maxima[c as usize] = reaches;
        }
    }
    Audit {
        intervals,
        failing,
        integer: maxima,
    }
}
