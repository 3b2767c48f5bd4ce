"""Shared helpers of benches/office-tables.sh: read a scratch site the way safestat does.

Reads `data/cases.toml` (the schema), `data/tables.toml` (the tables) and `data/cases.csv`, and
gives each case's category *code* per column exactly as safestat publishes it: the schema's
`recode` applied, a missing value counted as `unknown`, and the categories that safestat pooled
(listed by label in the `pooling` section of `safestat audit --json`) counted as `other`.
"""

from __future__ import annotations

import csv
import json
import sys
import tomllib
from pathlib import Path

UNKNOWN = "unknown"  # safestat's code for missing values (src/data/schema.rs, UNKNOWN_CODE)
OTHER = "other"  # safestat's code for the pooled category (src/privacy/pooling.rs, other_code)
TOTAL = "Total"  # a margin, in τ-Argus's output and in the `--check-pattern` file


def load_site(site: Path):
    """(schema columns by id, dataset section, tables) of the `cases` dataset of a site."""
    schema = tomllib.loads((site / "data" / "cases.toml").read_text())
    tables = tomllib.loads((site / "data" / "tables.toml").read_text())["table"]
    columns = {c["id"]: c for c in schema["column"]}
    return columns, schema["dataset"], [t for t in tables if t.get("dataset", "cases") == "cases"]


def pooled_codes(report_path: Path, columns) -> dict[str, set[str]]:
    """Per column id, the codes safestat pooled into `other`, from its JSON report's labels."""
    report = json.loads(report_path.read_text())
    out: dict[str, set[str]] = {}
    for dataset in report.get("pooling", []):
        if dataset["dataset"] != "cases":
            continue
        for dim in dataset["dimensions"]:
            column = columns[dim["dimension"]]
            by_label: dict[str, list[str]] = {}
            for code, label in column.get("values", {}).items():
                by_label.setdefault(label, []).append(code)
            codes = set()
            for label in dim["pooled_labels"]:
                found = by_label.get(label)
                if found is None and column.get("kind") == "year":
                    found = [label]
                if not found or len(found) != 1:
                    sys.exit(f"cannot map pooled label {label!r} of {dim['dimension']} to one code")
                codes.add(found[0])
            out[dim["dimension"]] = codes
    return out


def read_cases(site: Path, columns, dataset, wanted: list[str], pooled: dict[str, set[str]]):
    """Column id -> list of codes (recoded, `unknown`, and `other` where pooled); also the codes
    before pooling (for filters), and how many values were outside the schema's domain."""
    missing = set(dataset.get("missing", [""]))
    delimiter = dataset.get("delimiter", ",")
    path = site / "data" / dataset.get("file", "cases.csv")
    raw: dict[str, list[str]] = {c: [] for c in wanted}
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header = next(reader)
        index = [header.index(c) for c in wanted]
        appends = [raw[c].append for c in wanted]
        for row in reader:
            for i, append in zip(index, appends):
                append(row[i])
    published: dict[str, list[str]] = {}
    unpooled: dict[str, list[str]] = {}
    outside = 0
    for c in wanted:
        column = columns[c]
        recode = column.get("recode", {})
        if column.get("kind") == "year":
            domain = {str(y) for y in range(column["from"], column["to"] + 1)}
        else:
            domain = set(column.get("values", {}))
        cache: dict[str, str] = {}
        for v in set(raw[c]):
            code = UNKNOWN if v in missing else recode.get(v, v)
            if code != UNKNOWN and domain and code not in domain:
                outside += 1
            cache[v] = code
        before = [cache[v] for v in raw[c]]
        unpooled[c] = before
        pool = pooled.get(c, set())
        published[c] = [OTHER if code in pool else code for code in before] if pool else before
    return published, unpooled, outside


def table_rows(table, unpooled, n):
    """Indices of the cases a table counts (its filter applied), or None for all of them."""
    flt = table.get("filter")
    if not flt:
        return None
    tests = [(unpooled[c], set(codes)) for c, codes in flt.items()]
    return [i for i in range(n) if all(col[i] in codes for col, codes in tests)]


def key_text(dims, codes) -> str:
    """`dim=code;dim=code`, `Total` for a margin (the `--check-pattern` key)."""
    return ";".join(f"{d}={c}" for d, c in zip(dims, codes))
