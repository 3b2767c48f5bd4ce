"""The summary of benches/office-tables.sh, from the files it left in WORK/results.

    python summarize.py WORK
"""

from __future__ import annotations

import json
import re
from collections import Counter
import sys
from pathlib import Path


def median(values):
    v = sorted(values)
    if not v:
        return None
    n = len(v)
    return (v[(n - 1) // 2] + v[n // 2]) / 2


def read_times(path: Path):
    """Median wall seconds and median peak RSS in MB of `/usr/bin/time -f "%e %M"` lines."""
    if not path.exists():
        return None, None, 0
    rows = [line.split() for line in path.read_text().splitlines() if line.strip()]
    if not rows:
        return None, None, 0
    return (median(float(r[0]) for r in rows), median(float(r[1]) / 1024 for r in rows), len(rows))


def first_lines(path: Path, n=3) -> str:
    lines = [line for line in path.read_text().splitlines()
             if line.strip() and not line.startswith("Command exited")]
    return " | ".join(lines[:n])


def describe(failures) -> str:
    """Failures by kind, from safestat's reasons (src/privacy/attacker/mod.rs, verdict)."""
    kinds = Counter()
    for f in failures:
        r = f.get("reason", "")
        m = re.search(r"\[(\d+), (\d+)\]", r)
        if "confine" in r:
            kinds["primary max < k" + (", pinned" if m and m[1] == m[2] else "")] += 1
        elif "narrow" in r:
            kinds["primary range < k"] += 1
        elif "recompute" in r:
            kinds["secondary pinned"] += 1
        elif "published count" in r:
            kinds["published below k"] += 1
        else:
            kinds[r[:60]] += 1
    return ", ".join(f"{n} {k}" for k, n in kinds.most_common()) or "none"


def fmt(v, spec="{:,}"):
    return "-" if v is None else spec.format(v)


def main() -> None:
    work = Path(sys.argv[1])
    res = work / "results"
    meta = dict(line.split("=", 1) for line in (res / "meta").read_text().splitlines() if "=" in line)
    runs = int(meta["runs"])
    sizes = meta["sizes"].split()
    notes: list[str] = []

    print(f"\nOffice tables: 10 tables of `cases`, k = 11; medians of {runs} run(s); "
          f"binary {meta['binary']}")
    header = (f"{'rows':>9}  {'tool':<34} {'wall s':>7} {'engine s':>8} {'peak MB':>8} "
              f"{'primary':>7} {'secondary':>9} {'cases hidden (sec.)':>19} {'margins':>7}")
    print(header)
    print("-" * len(header))
    check_lines = []
    for rows in sizes:
        out = res / rows
        n = f"{int(rows):,}"
        if (out / "safestat.failed").exists():
            print(f"{n:>9}  {'safestat audit':<34} FAILED: {first_lines(out / 'safestat.failed')}")
            continue
        wall, rss, got = read_times(out / "safestat.times")
        report = json.loads((out / "safestat.json").read_text())
        t = report["totals"]
        print(f"{n:>9}  {'safestat audit':<34} {fmt(wall, '{:.2f}'):>7} {'-':>8} "
              f"{fmt(rss, '{:.0f}'):>8} {t['primary']:>7,} {t['secondary']:>9,} "
              f"{t['cases_hidden_secondary']:>19,} {t['margins_suppressed']:>7,}")
        tool = "τ-Argus MOD, per table (pytauargus)"
        if (out / "tau.skipped").exists():
            print(f"{'':>9}  {tool:<34} skipped: {(out / 'tau.skipped').read_text().strip()}")
            continue
        if (out / "tau.failed").exists():
            print(f"{'':>9}  {tool:<34} FAILED: {first_lines(out / 'tau.failed')}")
            continue
        _, rss, got = read_times(out / "tau.times")
        timings = [line.split() for line in (out / "tau.engine").read_text().splitlines() if line.strip()]
        engine = median(float(t[0]) for t in timings)
        wall = median(float(t[3]) for t in timings)
        tau = json.loads((out / "tau.json").read_text())
        tt = tau["totals"]
        print(f"{'':>9}  {tool:<34} {fmt(wall, '{:.2f}'):>7} {fmt(engine, '{:.2f}'):>8} "
              f"{fmt(rss, '{:.0f}'):>8} {tt['primary']:>7,} {tt['secondary']:>9,} "
              f"{tt['cases_hidden_secondary']:>19,} {tt['margins_suppressed']:>7,}")
        inc = tau["inconsistent"]
        own = tau.get("own_audit") or {}
        line = (f"  {n} rows, τ-Argus: {tau['pattern_rows']} suppressed cells written to "
                f"{work}/tauargus-pattern-{rows}.csv; its own audit (protection levels of "
                f"FREQ(11,10)): {own.get('under_protected', '-')} of {own.get('cells_audited', '-')} "
                f"cells under-protected; cells suppressed in one table but published in another: "
                f"{inc['cells']} ({inc['cases']:,} cases)")
        check_lines.append(line)
        if (out / "check.json").exists():
            check = json.loads((out / "check.json").read_text())
            failures = check.get("pattern_failures", [])
            check_lines.append(f"    safestat audit --check-pattern (all 10 tables, linked): "
                               f"{len(failures)} cells break safestat's guarantee; "
                               f"{describe(failures)}")
            per_table = Counter(f["table"] for f in failures)
            alone = {}
            for path in sorted((out / "check-alone").glob("*.json")):
                alone[path.stem] = json.loads(path.read_text()).get("pattern_failures", [])
            for table in sorted(set(per_table) | set(alone)):
                a = alone.get(table)
                check_lines.append(f"      {table:<30} linked {per_table.get(table, 0):>4}   "
                                   f"the table alone {'-' if a is None else len(a):>4}"
                                   + ("" if not a else f"  ({describe(a)})"))
            for path in sorted((out / "check-alone").glob("*.failed")):
                check_lines.append(f"      {path.stem}: alone check FAILED: {first_lines(path)}")
        elif (out / "check.failed").exists():
            check_lines.append(f"    safestat audit --check-pattern FAILED: {first_lines(out / 'check.failed')}")
        elif meta.get("check_pattern_flag") != "1":
            check_lines.append("    not audited by safestat: this binary has no "
                               "`safestat audit --check-pattern` yet")
    print()
    print("wall s: safestat, the whole `safestat audit` process (ingest, pooling, protection, audit "
          "of record); τ-Argus, from loading pytauargus to the protected tables read back (Python CSV "
          "read and recode, pytauargus writing the fixed-width microdata, the native run).")
    print("engine s: τ-Argus's native batch run alone (read microdata, count, protect, write tables).")
    print("peak MB: the whole process (τ-Argus's includes the Python lists of the microdata).")
    print("primary/secondary/cases/margins: over distinct cells (a cell in several tables counted once).")
    for line in check_lines:
        print(line)

    alone = res / "20000" / "alone"
    if alone.exists():
        print("\nExact reference, 20,000 rows, each two-way table protected alone: cases hidden by "
              "secondary suppression")
        h2 = (f"  {'table':<30} {'cells':>5} {'primary':>7} {'safestat sec.':>13} {'safestat cases':>14} "
              f"{'optimum sec.':>12} {'optimum cases':>13} {'gap':>7} {'MIP s':>6}")
        print(h2)
        print("  " + "-" * (len(h2) - 2))
        for f in sorted(alone.glob("*.safestat.json")):
            table = f.name[: -len(".safestat.json")]
            s = next(t for t in json.loads(f.read_text())["tables"] if t["id"] == table)
            mip_path = alone / f"{table}.mip.json"
            if not mip_path.exists():
                why = first_lines(alone / f"{table}.mip.failed") if (alone / f"{table}.mip.failed").exists() else "not run"
                print(f"  {table:<30} {s['cells']:>5} {s['primary']:>7} {s['secondary']:>13} "
                      f"{s['cases_hidden_secondary']:>14,}  MIP: {why}")
                continue
            m = json.loads(mip_path.read_text())
            opt = m["optimum_cases_hidden_secondary"]
            gap = "-" if not opt else f"{s['cases_hidden_secondary'] / opt:.2f}x"
            if opt == 0 and s["cases_hidden_secondary"] == 0:
                gap = "="
            print(f"  {table:<30} {s['cells']:>5} {s['primary']:>7} {s['secondary']:>13} "
                  f"{s['cases_hidden_secondary']:>14,} {m['secondary'] if opt is not None else '-':>12} "
                  f"{fmt(opt):>13} {gap:>7} {m['seconds']:>6.2f}"
                  + ("" if m["status"] == "optimal" else f"  ({m['status']})"))
        for f in sorted(alone.glob("*.safestat.failed")):
            print(f"  {f.name[: -len('.safestat.failed')]:<30} safestat audit FAILED: {first_lines(f)}")
        ga = alone / "victims-by-gender-age.mip.json"
        if ga.exists():
            m = json.loads(ga.read_text())
            cells = ", ".join(f"{p['cell']} ({p['value']})" for p in m["pattern"] if p["kind"] == "secondary")
            print(f"  victims-by-gender-age optimum: {m['optimum_cases_hidden_secondary']} cases in "
                  f"{m['secondary']} secondary cells: {cells}; {m['iterations']} master solve(s), "
                  f"{m['cuts']} cuts")
        full = res / "20000" / "safestat.json"
        if full.exists():
            t = next(t for t in json.loads(full.read_text())["tables"] if t["id"] == "victims-by-gender-age")
            print(f"  (in the full 10-table site, linked to exploitation-by-gender-age, safestat "
                  f"hides {t['cases_hidden_secondary']:,} cases by secondary suppression in "
                  f"victims-by-gender-age: {t['secondary']} secondary cells)")
    if meta.get("tau_skip"):
        print(f"\nτ-Argus skipped: {meta['tau_skip']}")
    if meta.get("mip_skip"):
        print(f"\nexact MIP skipped: {meta['mip_skip']}")
    for n in notes:
        print(n)


if __name__ == "__main__":
    main()
