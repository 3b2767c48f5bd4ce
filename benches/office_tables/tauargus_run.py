"""τ-Argus (pytauargus) on the office tables of a scratch site, for benches/office-tables.sh.

    python tauargus_run.py SITE REPORT.json WORKDIR PATTERN.csv SUMMARY.json
           [--safety 'FREQ(11,10)'] [--suppress 'MOD(1,5,1,0,0)'] [--no-audit]

The microdata are `SITE/data/cases.csv` recoded the way safestat publishes them (schema recodes,
missing -> `unknown`, and the categories safestat pooled, read from REPORT.json's `pooling`
section, -> `other`), with a response `n` = 1 per case, so a cell's value is its count and its
cost (τ-Argus's default cost for Modular is the response) is the number of cases it hides.
Each table is protected on its own, as τ-Argus does without its linked-tables mode (which the
pytauargus engine does not run headless): the unfiltered tables in one batch (one microdata read),
each filtered table in a batch of its own over the cases its filter keeps.

Writes PATTERN.csv for `safestat audit --check-pattern` (header `table,key`, one row per
suppressed cell of each table, primary or secondary, key `dim=code;...` with `Total` for a
margin) and SUMMARY.json: per table and over distinct cells, and the engine's wall time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import TOTAL, key_text, load_site, pooled_codes, read_cases, table_rows  # noqa: E402

K = 11


class Signatures:
    """Which cases each cell counts, as (count, a 64-bit sum of per-case random keys): two cells
    with equal signatures count the same set of cases (safestat's "one cell, one status")."""

    def __init__(self, cols):
        import numpy as np

        self.np = np
        n = len(next(iter(cols.values())))
        self.key = np.random.default_rng(12345).integers(0, 2**63, size=n, dtype=np.uint64)
        self.codes, self.index = {}, {}
        for c, values in cols.items():
            cats, inverse = np.unique(np.asarray(values, dtype=object).astype(str), return_inverse=True)
            self.codes[c] = {str(v): i for i, v in enumerate(cats)}
            self.index[c] = inverse.astype(np.int64)

    def table(self, dims, rows):
        """Codes tuple (`Total` for a margin) -> signature, for every non-empty cell."""
        np = self.np
        sel = slice(None) if rows is None else np.asarray(rows, dtype=np.int64)
        key = self.key[sel]
        out = {}
        for mask in itertools.product((False, True), repeat=len(dims)):
            kept = [d for d, total in zip(dims, mask) if not total]
            sizes = [len(self.codes[d]) for d in kept]
            flat = np.zeros(len(key), dtype=np.int64)
            for d, size in zip(kept, sizes):
                flat = flat * size + self.index[d][sel]
            cells = int(np.prod(sizes)) if sizes else 1
            count = np.bincount(flat, minlength=cells)
            hsum = np.zeros(cells, dtype=np.uint64)
            np.add.at(hsum, flat, key)
            names = [sorted(self.codes[d], key=self.codes[d].get) for d in kept]
            for j in np.flatnonzero(count):
                rest, parts = int(j), []
                for size, nm in zip(reversed(sizes), reversed(names)):
                    parts.append(nm[rest % size])
                    rest //= size
                parts.reverse()
                it = iter(parts)
                codes = tuple(TOTAL if total else next(it) for total in mask)
                out[codes] = (int(count[j]), int(hsum[j]))
        return out


def main() -> None:
    ap = argparse.ArgumentParser()
    for name in ("site", "report", "workdir", "pattern", "summary"):
        ap.add_argument(name, type=Path)
    ap.add_argument("--safety", default=f"FREQ({K},10)")
    ap.add_argument("--suppress", default="MOD(1,5,1,0,0)")
    ap.add_argument("--no-audit", action="store_true")
    args = ap.parse_args()
    for name in ("site", "report", "workdir", "pattern", "summary"):
        setattr(args, name, getattr(args, name).resolve())
    # The native engine writes its logs (HiTaS.log, JJUit.dat, sdc.lp, ...) into the current
    # folder: keep them in the work folder.
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.chdir(args.workdir)
    logging.disable(logging.WARNING)

    t_start = time.perf_counter()
    from pytauargus import protect  # the native engine loads here
    from pytauargus.engine import run_batch
    from pytauargus.result import TableResult

    columns, dataset, tables = load_site(args.site)
    used = sorted({d for t in tables for d in t["dimensions"]}
                  | {c for t in tables for c in t.get("filter", {})})
    pooled = pooled_codes(args.report, columns)
    cols, unpooled, outside = read_cases(args.site, columns, dataset, used, pooled)
    n_cases = len(next(iter(cols.values())))
    if outside:
        print(f"warning: {outside} distinct values outside their column's domain", file=sys.stderr)

    # Batches: the unfiltered tables together, each filtered table alone.
    batches: list[tuple[list[dict], list[int] | None]] = []
    plain = [t for t in tables if not t.get("filter")]
    if plain:
        batches.append((plain, None))
    for t in tables:
        if t.get("filter"):
            batches.append(([t], table_rows(t, unpooled, n_cases)))
    t_prep = time.perf_counter()

    write_s = engine_s = 0.0
    results = []  # (table spec, rows of its .tab, engine, index in its batch, its cases)
    args.workdir.mkdir(parents=True, exist_ok=True)
    for b, (specs, rows) in enumerate(batches):
        dims = sorted({d for t in specs for d in t["dimensions"]})
        t0 = time.perf_counter()
        if rows is None:
            micro = {d: cols[d] for d in dims}
            micro["n"] = [1] * n_cases
        else:
            micro = {d: [cols[d][i] for i in rows] for d in dims}
            micro["n"] = [1] * len(rows)
        res = protect(micro, [t["dimensions"] for t in specs], response="n",
                      safety_rules=args.safety, suppress=args.suppress,
                      workdir=str(args.workdir / f"batch{b + 1}"), run=False)
        t1 = time.perf_counter()
        engine = run_batch(res.files["arb"])
        t2 = time.perf_counter()
        write_s += t1 - t0
        engine_s += t2 - t1
        for i, spec in enumerate(specs):
            tab = TableResult(path=res.files[f"tab{i + 1}"], exp_vars=spec["dimensions"],
                              response="n", is_freq=False)
            results.append((spec, tab.rows, engine, i, rows))
    t_engine = time.perf_counter()

    # Per table, and the distinct cells (two cells are one when they count the same cases: same
    # categories outside the totals, and the same filter unless it excludes none of the cell's
    # cases), as safestat counts them.
    signatures = Signatures(cols)
    per_table = []
    distinct: dict[tuple, dict] = {}
    pattern_lines = ["table,key"]
    for spec, rows, _eng, _i, subset in results:
        dims = spec["dimensions"]
        sig = signatures.table(dims, subset)
        stat = {"id": spec["id"], "cells": 0, "primary": 0, "secondary": 0,
                "margins_suppressed": 0, "cases_hidden_secondary": 0, "cases_hidden": 0}
        for r in rows:
            codes = tuple(str(r[d]).strip() for d in dims)
            value = int(round(float(r["n"])))
            status = r["status"]
            stat["cells"] += 1
            if value == 0:  # an empty cell: never suppressed; distinct by its categories
                canon = ("empty", spec["id"], codes)
            else:
                canon = sig[codes]
                if canon[0] != value:
                    sys.exit(f"{spec['id']} {codes}: τ-Argus counts {value}, the data {canon[0]}")
            entry = distinct.setdefault(canon, {"value": value, "suppressed_in": [],
                                                "published_in": [], "margin": False})
            if TOTAL in codes:
                entry["margin"] = True
            if status in ("U", "M"):
                entry["suppressed_in"].append(spec["id"])
                pattern_lines.append(f"{spec['id']},{key_text(dims, codes)}")
                stat["cases_hidden"] += value
                if status == "U":
                    stat["primary"] += 1
                else:
                    stat["secondary"] += 1
                    stat["cases_hidden_secondary"] += value
                if TOTAL in codes:
                    stat["margins_suppressed"] += 1
            else:
                entry["published_in"].append(spec["id"])
        per_table.append(stat)

    suppressed = {k: e for k, e in distinct.items() if e["suppressed_in"]}
    totals = {
        "tables": len(per_table),
        "cells": len(distinct),
        "primary": sum(1 for e in suppressed.values() if 0 < e["value"] < K),
        "secondary": sum(1 for e in suppressed.values() if e["value"] >= K),
        "margins_suppressed": sum(1 for e in suppressed.values() if e["margin"]),
        "cases_hidden_secondary": sum(e["value"] for e in suppressed.values() if e["value"] >= K),
        "cases_hidden": sum(e["value"] for e in suppressed.values()),
    }
    # A cell suppressed in one table and published in another is simply disclosed there.
    mixed = [e for e in suppressed.values() if e["published_in"]]
    inconsistent = {
        "cells": len(mixed),
        "primary": sum(1 for e in mixed if e["value"] < K),
        "cases": sum(e["value"] for e in mixed),
        "examples": [
            {"value": e["value"], "suppressed_in": e["suppressed_in"], "published_in": e["published_in"]}
            for e in mixed[:5]
        ],
    }
    args.pattern.write_text("\n".join(pattern_lines) + "\n")

    # τ-Argus's own audit of its pattern (after the timing: not part of the protection).
    own_audit = None
    if not args.no_audit:
        own_audit = {"cells_audited": 0, "under_protected": 0}
        for spec, _rows, eng, i, _subset in results:
            try:
                audited = eng.audit(i)
            except Exception as e:  # noqa: BLE001 - report, do not stop the benchmark
                own_audit.setdefault("errors", []).append(f"{spec['id']}: {e}")
                continue
            own_audit["cells_audited"] += len(audited)
            own_audit["under_protected"] += sum(1 for a in audited if a.get("unsafe"))

    summary = {
        "method": f"{args.suppress} per table, {args.safety}",
        "cases": n_cases,
        # read + recode the CSV (Python); write τ-Argus's fixed-width microdata and batch
        # (pytauargus, Python); run the batches (the native engine: read the microdata, count,
        # protect, write the tables); all of it, parsing the results too.
        "time": {"prepare_s": t_prep - t_start, "write_s": write_s, "engine_s": engine_s,
                 "total_s": t_engine - t_start},
        "tables": per_table,
        "totals": totals,
        "sum_over_tables": {k: sum(t[k] for t in per_table)
                            for k in ("primary", "secondary", "cases_hidden_secondary")},
        "inconsistent": inconsistent,
        "own_audit": own_audit,
        "pattern_rows": len(pattern_lines) - 1,
    }
    args.summary.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
