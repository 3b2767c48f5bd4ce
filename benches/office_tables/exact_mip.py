"""The exact reference for one two-way table: the fewest cases hidden by secondary suppression.

    python exact_mip.py SITE REPORT.json TABLE_ID OUT.json [--k 11] [--time-limit 300]

The table (two dimensions, filter applied) is counted from `SITE/data/cases.csv` the way safestat
publishes it (recodes, `unknown`, the pooling listed in REPORT.json). The rules are safestat's
(src/privacy/mod.rs), for this table alone:

* every primary cell (1 <= n < k) is suppressed, and the attacker's interval [lo, hi] for it has
  hi >= k and hi - lo >= k;
* no secondary cell is pinned (hi > lo);
* the attacker: the LP over the table's interior cells >= 0 with every published cell (margins
  included) fixed at its value, so every cell lies in [0, N] (N, the grand total, is published);
  lo and hi are the LP's minimum and maximum rounded inward (a two-way table's LP is totally
  unimodular, so they are whole numbers anyway);
* the grand total is never suppressed, and published zeros stay published (as in safestat).

Method: Fischetti and Salazar's. A master MIP over one binary `y_i` per cell (suppressed or not)
minimises the cases in the secondary cells; for the master's pattern, each primary and
secondary cell's attacker LPs (max and min of its deviation `d_i`, with `d_j` in
`[-n_j y_j, (N - n_j) y_j]` and the table's equations `E d = 0`) are solved, and a failing
requirement adds a cut from the LP's duals: with reduced costs `r`, the maximum over any pattern
`y'` is at most `sum_j y'_j (r_j^+ n_j + r_j^- (N - n_j))` (weak duality), so e.g. an
upper-protection failure of primary p adds `sum_j w_j y_j >= k - n_p`, a range failure adds the
max and min LPs' weights `>= k`, and a pinned secondary s adds `sum_j w_j y_j >= y_s`
(coefficients capped at the right-hand side, valid for binary y). Each cut removes the current
pattern; when the master's pattern passes every check it is optimal, since every cut is valid
for every safe pattern. Also seeded with the line cuts: every suppressed cell needs another
suppressed cell in each equation it is in.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import TOTAL, load_site, pooled_codes, read_cases, table_rows  # noqa: E402


@contextlib.contextmanager
def quiet():
    """HiGHS prints a banner on stdout when a solver object is made: keep stdout for results."""
    saved = os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def new_highs(highspy):
    with quiet():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("report", type=Path)
    ap.add_argument("table")
    ap.add_argument("out", type=Path)
    ap.add_argument("--k", type=int, default=11)
    ap.add_argument("--time-limit", type=float, default=300.0)
    args = ap.parse_args()
    import highspy
    import numpy as np

    t_start = time.perf_counter()
    k = args.k
    columns, dataset, tables = load_site(args.site)
    spec = next((t for t in tables if t["id"] == args.table), None)
    if spec is None or len(spec["dimensions"]) != 2:
        sys.exit(f"{args.table}: not a two-way table of the site")
    rdim, cdim = spec["dimensions"]
    used = sorted(set(spec["dimensions"]) | set(spec.get("filter", {})))
    cols, unpooled, _ = read_cases(args.site, columns, dataset, used, pooled_codes(args.report, columns))
    n_all = len(cols[rdim])
    rows = table_rows(spec, unpooled, n_all)
    idx = range(n_all) if rows is None else rows
    counts = Counter((cols[rdim][i], cols[cdim][i]) for i in idx)
    rcats = sorted({r for r, _ in counts})
    ccats = sorted({c for _, c in counts})
    R, C = len(rcats), len(ccats)

    # Cells: interior (r, c), row margins (r, T), column margins (T, c), grand total (T, T).
    cells, value = [], []
    pos = {}
    for r in rcats + [TOTAL]:
        for c in ccats + [TOTAL]:
            if r != TOTAL and c != TOTAL:
                v = counts.get((r, c), 0)
            elif r != TOTAL:
                v = sum(counts.get((r, x), 0) for x in ccats)
            elif c != TOTAL:
                v = sum(counts.get((x, c), 0) for x in rcats)
            else:
                v = sum(counts.values())
            pos[(r, c)] = len(cells)
            cells.append((r, c))
            value.append(v)
    n_cells = len(cells)
    N = value[pos[(TOTAL, TOTAL)]]
    ub = [N - v for v in value]  # the deviation's upper bound when suppressed
    equations = []  # each a list of (cell, coefficient), = 0
    for r in rcats + [TOTAL]:
        equations.append([(pos[(r, TOTAL)], 1.0)] + [(pos[(r, c)], -1.0) for c in ccats])
    for c in ccats + [TOTAL]:
        equations.append([(pos[(TOTAL, c)], 1.0)] + [(pos[(r, c)], -1.0) for r in rcats])
    primary = [i for i in range(n_cells) if 1 <= value[i] < k]
    grand = pos[(TOTAL, TOTAL)]
    candidate = [i for i in range(n_cells) if i != grand and value[i] > 0]

    # The attacker's LP over deviations; bounds set per pattern.
    lp = new_highs(highspy)
    for i in range(n_cells):
        lp.addCol(0.0, 0.0, 0.0, 0, np.array([], dtype=np.int32), np.array([], dtype=np.float64))
    for eq in equations:
        lp.addRow(0.0, 0.0, len(eq), np.array([j for j, _ in eq], dtype=np.int32),
                  np.array([a for _, a in eq], dtype=np.float64))
    all_idx = np.arange(n_cells, dtype=np.int32)

    def deviation(y, i, sense):
        """min (sense=+1) or max (sense=-1) of d_i under pattern y: (value, weights w with
        |value| <= sum_j y'_j w_j for every pattern y', tight at y)."""
        lo = np.array([-value[j] if y[j] else 0.0 for j in range(n_cells)], dtype=np.float64)
        hi = np.array([ub[j] if y[j] else 0.0 for j in range(n_cells)], dtype=np.float64)
        lp.changeColsBounds(n_cells, all_idx, lo, hi)
        cost = np.zeros(n_cells)
        cost[i] = float(sense)
        lp.changeColsCost(n_cells, all_idx, cost)
        lp.run()
        status = lp.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            sys.exit(f"attacker LP: {lp.modelStatusToString(status)}")
        objective = lp.getInfo().objective_function_value
        rc = lp.getSolution().col_dual
        # minimise s·d_i: optimum = sum over bounds, -sum_j y_j (r_j^+ n_j + r_j^- ub_j)
        w = [max(rc[j], 0.0) * value[j] + max(-rc[j], 0.0) * ub[j] for j in range(n_cells)]
        bound = -sum(w[j] for j in range(n_cells) if y[j])
        if abs(bound - objective) > 1e-6 * max(1.0, abs(objective)):
            sys.exit(f"attacker LP duals do not certify the optimum ({bound} vs {objective})")
        return sense * objective, w  # the min (sense 1) or the max (sense -1) of d_i

    def interval(y, i):
        top, w_up = deviation(y, i, -1)
        bottom, w_down = deviation(y, i, +1)
        hi_v = math.floor(value[i] + top + 1e-7)
        lo_v = math.ceil(value[i] + bottom - 1e-7)
        return lo_v, hi_v, w_up, w_down

    # Master MIP.
    master = new_highs(highspy)
    master.setOptionValue("mip_rel_gap", 0.0)
    master.setOptionValue("mip_abs_gap", 0.0)
    for i in range(n_cells):
        fixed_one = i in primary
        allowed = i in candidate
        lo_b = 1.0 if fixed_one else 0.0
        hi_b = 1.0 if (allowed or fixed_one) else 0.0
        cost = float(value[i]) if not fixed_one else 0.0
        master.addCol(cost, lo_b, hi_b, 0, np.array([], dtype=np.int32), np.array([], dtype=np.float64))
    master.changeColsIntegrality(n_cells, all_idx,
                                 np.array([highspy.HighsVarType.kInteger] * n_cells))
    n_cuts = 0

    def add_cut(coef: dict[int, float], lower: float):
        nonlocal n_cuts
        items = [(j, a) for j, a in coef.items() if abs(a) > 1e-9]
        master.addRow(lower, highspy.kHighsInf, len(items),
                      np.array([j for j, _ in items], dtype=np.int32),
                      np.array([a for _, a in items], dtype=np.float64))
        n_cuts += 1

    for eq in equations:
        members = [j for j, _ in eq]
        for i in members:
            coef = {j: 1.0 for j in members if j != i}
            coef[i] = coef.get(i, 0.0) - 1.0
            add_cut(coef, 0.0)

    def capped(w, rhs, y_extra=None):
        coef = {j: min(w[j], rhs) for j in range(n_cells) if w[j] > 1e-9}
        if y_extra is not None:
            coef[y_extra] = coef.get(y_extra, 0.0) - 1.0
        return coef

    iterations = 0
    status = "optimal"
    while True:
        iterations += 1
        if time.perf_counter() - t_start > args.time_limit:
            status = "time limit"
            break
        master.run()
        if master.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            status = master.modelStatusToString(master.getModelStatus())
            break
        y = [v > 0.5 for v in master.getSolution().col_value]
        failures = 0
        for i in range(n_cells):
            if not y[i] or value[i] == 0:
                continue
            lo_v, hi_v, w_up, w_down = interval(y, i)
            if i in primary:
                if hi_v < k:
                    add_cut(capped(w_up, k - value[i]), k - value[i])
                    failures += 1
                if hi_v - lo_v < k:
                    both = [a + b for a, b in zip(w_up, w_down)]
                    add_cut(capped(both, k), k)
                    failures += 1
            elif hi_v <= lo_v:
                both = [a + b for a, b in zip(w_up, w_down)]
                add_cut(capped(both, 1.0, y_extra=i), 0.0)
                failures += 1
        if failures == 0:
            break

    def name(i):
        r, c = cells[i]
        return f"{rdim}={r};{cdim}={c}"

    pattern = []
    if status == "optimal":
        for i in range(n_cells):
            if y[i]:
                lo_v, hi_v, _, _ = interval(y, i)
                pattern.append({"cell": name(i), "value": value[i],
                                "kind": "primary" if i in primary else "secondary",
                                "interval": [lo_v, hi_v]})
    out = {
        "table": args.table,
        "rows": R, "columns": C, "cells": n_cells, "cases": N,
        "primary": len(primary),
        "candidates": len(candidate),
        "status": status,
        "optimum_cases_hidden_secondary": (sum(p["value"] for p in pattern if p["kind"] == "secondary")
                                           if status == "optimal" else None),
        "secondary": sum(1 for p in pattern if p["kind"] == "secondary"),
        "pattern": pattern,
        "iterations": iterations,
        "cuts": n_cuts,
        "seconds": time.perf_counter() - t_start,
    }
    args.out.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
