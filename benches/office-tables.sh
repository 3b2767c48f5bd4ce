#!/usr/bin/env bash
# Benchmark (issue #11, "Speed and quality"): the office tables, safestat beside τ-Argus, and the
# exact optimum of a single two-way table.
#
#   benches/office-tables.sh [RUNS]          (default: 3 runs per measurement)
#
# For ROWS in 20,000, 100,000 and 1,000,000 (SIZES="20000 100000" to choose), a scratch site with
# the example's config.toml, an empty content/, the `cases` schema without its record-level
# release, the 10 office tables below, and `safestat synth --rows ROWS --seed 1` case data:
#
# 1. `safestat audit --root SITE --json FILE` (ingest, pooling, protection, the audit of record),
#    RUNS times under /usr/bin/time: median wall time and peak RSS; from the JSON report the
#    distinct secondary cells, the cases they hide, and the margins suppressed.
# 2. τ-Argus on the same tables through pytauargus (PyPI; its Linux wheel bundles the native
#    τ-Argus engine with HiGHS, so no TauArgus.exe, Java, Mono or licensed solver is needed):
#    the microdata recoded as safestat publishes them (missing -> `unknown`, the categories that
#    safestat pooled -> `other`), FREQ(11,10), Modular (MOD(n,5,1,0,0), rtauargus's default), each
#    table on its own (pytauargus runs no linked-tables protection headless). RUNS times: median
#    wall time from loading pytauargus to the protected tables read back (the benchmark's own
#    counting afterwards excluded; peak RSS is the whole process's), of the native engine alone,
#    secondary cells and cases hidden by them, counted over distinct cells as safestat does. Its
#    pattern is written as tauargus-pattern-ROWS.csv (`table,key`, key `dim=code;...`, `Total`
#    for a margin) and, when the binary has the flag, audited by `safestat audit
#    --check-pattern`: over all 10 tables, and each table's part on a site with that table alone.
# 3. At 20,000 rows, the exact reference for each two-way table protected alone (a site with only
#    that table): the fewest cases hidden by secondary suppression under safestat's rules, by
#    Fischetti and Salazar's cut generation (benches/office_tables/exact_mip.py, HiGHS), beside
#    safestat's result on the same one-table site. victims-by-gender-age is the headline row.
#
# Uses the prebuilt binary (SAFESTAT, default target/release/safestat; it is copied first, and
# nothing is built here). Scratch space: BENCH_DIR (default /tmp/bench-office-tables), replaced on
# each run; the summary is also written to BENCH_DIR/summary.txt. The Python tools go into a venv
# at BENCH_VENV (default ~/.cache/safestat-bench/venv), made once. Installs GNU time (the Debian
# package `time`) if /usr/bin/time is missing. TAU_MAX_ROWS (default 1000000) skips τ-Argus above
# that size. Report medians: the machine is shared.
set -euo pipefail
shopt -s inherit_errexit

runs=${1:-3}
sizes=${SIZES:-"20000 100000 1000000"}
tau_max_rows=${TAU_MAX_ROWS:-1000000}
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
helpers="$here/office_tables"
src_bin=$(realpath -m "${SAFESTAT:-"$here/../target/release/safestat"}")
work=${BENCH_DIR:-/tmp/bench-office-tables}
venv=${BENCH_VENV:-"$HOME/.cache/safestat-bench/venv"}
pytauargus_version=0.6.0

case "$runs" in '' | *[!0-9]* | 0) echo "RUNS must be a positive whole number" >&2; exit 2 ;; esac
if [ ! -x "$src_bin" ]; then
    echo "no safestat binary at $src_bin: build it (cargo build --release) or set SAFESTAT" >&2
    exit 1
fi
case "$work" in /tmp/?* | /dev/shm/?* | "$HOME"/?*) ;; *)
    echo "BENCH_DIR=$work: choose a folder under /tmp, /dev/shm or \$HOME (it is replaced)" >&2
    exit 2 ;;
esac
rm -rf "$work"
mkdir -p "$work"
bin="$work/safestat"
cp "$src_bin" "$bin"
log() { echo "[office-tables] $*" >&2; }
export PYTHONDONTWRITEBYTECODE=1 # keep benches/office_tables/ free of __pycache__

# GNU time, for wall time and peak RSS.
if [ ! -x /usr/bin/time ]; then
    log "installing GNU time (Debian package time)"
    sudo_=""
    [ "$(id -u)" -eq 0 ] || sudo_="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo_ apt-get install -y -qq time >/dev/null 2>&1 || {
        $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq time >/dev/null
    }
fi

# Python: a venv with pytauargus and highspy, made once. Whatever fails is said, and its part is
# skipped.
py=""
tau_skip=""
mip_skip=""
setup_python() {
    local base
    base=$(command -v python3 || true)
    if [ -z "$base" ]; then
        tau_skip="no python3 on this machine"
        mip_skip=$tau_skip
        return
    fi
    if [ ! -x "$venv/bin/python" ]; then
        log "making the venv $venv"
        mkdir -p "$(dirname "$venv")"
        if ! "$base" -m venv "$venv" >"$work/venv.log" 2>&1; then
            tau_skip="cannot make a venv with $base: $(tail -1 "$work/venv.log")"
            mip_skip=$tau_skip
            return
        fi
    fi
    py="$venv/bin/python"
    if ! "$py" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
        tau_skip="the venv's Python is older than 3.11 (tomllib; pytauargus needs >= 3.11)"
        mip_skip=$tau_skip
        py=""
        return
    fi
    if ! "$py" -c 'import highspy, numpy' 2>/dev/null; then
        log "installing highspy into $venv"
        if ! "$py" -m pip install -q highspy numpy >"$work/pip-highspy.log" 2>&1; then
            mip_skip="pip install highspy numpy failed: $(tail -1 "$work/pip-highspy.log")"
            "$py" -c 'import numpy' 2>/dev/null || tau_skip="$mip_skip (numpy is needed to count cells)"
        fi
    fi
    if ! "$py" -c "import importlib.metadata as m, sys; sys.exit(m.version('pytauargus') != '$pytauargus_version')" 2>/dev/null; then
        log "installing pytauargus==$pytauargus_version into $venv"
        if ! "$py" -m pip install -q "pytauargus==$pytauargus_version" >"$work/pip-tau.log" 2>&1; then
            tau_skip="pip install pytauargus==$pytauargus_version failed: $(tail -1 "$work/pip-tau.log")"
            return
        fi
    fi
    # The wheel must load its native engine (glibc >= 2.28, x86_64 or aarch64 Linux).
    if ! "$py" -c 'import pytauargus; pytauargus.TauArgus()' >"$work/tau-import.log" 2>&1; then
        tau_skip="pytauargus's native engine does not load here: $(tail -1 "$work/tau-import.log")"
    fi
}
setup_python
[ -z "$tau_skip" ] || log "τ-Argus skipped: $tau_skip"
[ -z "$mip_skip" ] || log "exact MIP skipped: $mip_skip"

# The scratch site's files.
write_site_files() {
    local dir=$1
    mkdir -p "$dir/content" "$dir/data"
    # The example's own settings and `cases` schema (tabulated from the case records: the
    # root example has no record-level release).
    cp "$repo/config.toml" "$dir/config.toml"
    cp "$repo/data/cases.toml" "$dir/data/cases.toml"
    cat >"$dir/data/tables.toml" <<'TOML'
[[table]]
dataset = "cases"
id = "victims-by-year"
title = "Victims by year"
description = "Victims by year."
dimensions = ["year"]

[[table]]
dataset = "cases"
id = "victims-by-citizenship"
title = "Victims by citizenship"
description = "Victims by citizenship."
dimensions = ["citizenship"]

[[table]]
dataset = "cases"
id = "victims-by-country-of-exploitation"
title = "Victims by country of exploitation"
description = "Victims by country of exploitation."
dimensions = ["country_of_exploitation"]

[[table]]
dataset = "cases"
id = "citizenship-by-year"
title = "Victims by citizenship and year"
description = "Victims by citizenship and year."
dimensions = ["citizenship", "year"]

[[table]]
dataset = "cases"
id = "citizenship-by-exploitation"
title = "Victims by citizenship and type of exploitation"
description = "Victims by citizenship and type of exploitation."
dimensions = ["citizenship", "exploitation_type"]

[[table]]
dataset = "cases"
id = "exploitation-by-year"
title = "Type of exploitation by year"
description = "Type of exploitation by year."
dimensions = ["exploitation_type", "year"]

[[table]]
dataset = "cases"
id = "victims-by-gender-age"
title = "Victims by gender and age"
description = "Victims by gender and age."
dimensions = ["gender", "age_band"]

[[table]]
dataset = "cases"
id = "exploitation-by-gender-age"
title = "Type of exploitation by gender and age"
description = "Type of exploitation by gender and age."
dimensions = ["exploitation_type", "gender", "age_band"]

[[table]]
dataset = "cases"
id = "labour-sector-by-gender"
title = "Sector of forced labour by gender"
description = "Sector of forced labour by gender."
dimensions = ["labour_sector", "gender"]
filter = { exploitation_type = ["forced_labour", "both"] }

[[table]]
dataset = "cases"
id = "recruiter-by-gender"
title = "Relationship to the recruiter by gender"
description = "Relationship to the recruiter by gender."
dimensions = ["recruiter_relationship", "gender"]

TOML
}

# A site with only the table TABLE_ID of SRC (same config, schema and data).
single_table_site() {
    local src=$1 dir=$2 table=$3
    rm -rf "$dir"
    mkdir -p "$dir/content" "$dir/data"
    cp "$src/config.toml" "$dir/"
    cp "$src/data/cases.toml" "$dir/data/"
    ln -s "$src/data/cases.csv" "$dir/data/cases.csv"
    awk -v id="$table" '
        /^\[\[table\]\]/ { if (keep) printf "%s", block; block = ""; keep = 0 }
        { block = block $0 "\n" }
        $0 == "id = \"" id "\"" { keep = 1 }
        END { if (keep) printf "%s", block }
    ' "$src/data/tables.toml" >"$dir/data/tables.toml"
    grep -q "id = \"$table\"" "$dir/data/tables.toml"
}

check_pattern_flag=0
if "$bin" audit --help 2>/dev/null | grep -q -- '--check-pattern'; then
    check_pattern_flag=1
fi

results="$work/results"
mkdir -p "$results"
{
    echo "runs=$runs"
    echo "tau_skip=$tau_skip"
    echo "mip_skip=$mip_skip"
    echo "check_pattern_flag=$check_pattern_flag"
    echo "binary=$src_bin"
    echo "sizes=$sizes"
} >"$results/meta"

for rows in $sizes; do
    site="$work/site-$rows"
    out="$results/$rows"
    mkdir -p "$out"
    write_site_files "$site"
    log "$rows rows: synth"
    "$bin" synth --rows "$rows" --seed 1 -o "$site/data/cases.csv" >/dev/null

    # 1. safestat audit.
    : >"$out/safestat.times"
    for run in $(seq "$runs"); do
        log "$rows rows: safestat audit, run $run/$runs"
        if /usr/bin/time -o "$out/time" -f "%e %M" "$bin" audit --root "$site" --json "$out/safestat.json" \
            >"$out/safestat.txt" 2>"$out/safestat.err"; then
            cat "$out/time" >>"$out/safestat.times"
        else
            log "$rows rows: safestat audit failed: $(grep -v '^Command exited' "$out/safestat.err" | head -5)"
            cp "$out/safestat.err" "$out/safestat.failed"
            break
        fi
    done
    [ ! -e "$out/safestat.failed" ] || continue

    # 2. τ-Argus.
    if [ -n "$tau_skip" ]; then
        echo "$tau_skip" >"$out/tau.skipped"
    elif [ "$rows" -gt "$tau_max_rows" ]; then
        echo "above TAU_MAX_ROWS=$tau_max_rows" >"$out/tau.skipped"
    else
        : >"$out/tau.times"
        : >"$out/tau.engine"
        for run in $(seq "$runs"); do
            log "$rows rows: τ-Argus (pytauargus MOD), run $run/$runs"
            extra=()
            [ "$run" -eq 1 ] || extra=(--no-audit) # τ-Argus's own audit once, after the timing
            if /usr/bin/time -o "$out/time" -f "%e %M" "$py" "$helpers/tauargus_run.py" "$site" \
                "$out/safestat.json" "$work/tau-$rows" "$out/tauargus-pattern.csv" "$out/tau-$run.json" \
                "${extra[@]}" >"$out/tau.log" 2>&1; then
                cat "$out/time" >>"$out/tau.times"
                "$py" -c 'import json, sys; t = json.load(open(sys.argv[1]))["time"]; print(t["engine_s"], t["write_s"], t["prepare_s"], t["total_s"])' \
                    "$out/tau-$run.json" >>"$out/tau.engine"
            else
                log "$rows rows: τ-Argus failed: $(tail -3 "$out/tau.log")"
                cp "$out/tau.log" "$out/tau.failed"
                break
            fi
        done
        if [ ! -e "$out/tau.failed" ]; then
            cp "$out/tau-1.json" "$out/tau.json"
            cp "$out/tauargus-pattern.csv" "$work/tauargus-pattern-$rows.csv"
            if [ "$check_pattern_flag" = 1 ]; then
                log "$rows rows: safestat audit --check-pattern (τ-Argus's pattern)"
                if "$bin" audit --root "$site" --check-pattern "$out/tauargus-pattern.csv" \
                    --json "$out/check.json" >"$out/check.txt" 2>"$out/check.err"; then
                    :
                else
                    cp "$out/check.err" "$out/check.failed"
                fi
                # Each table's part of the pattern on a site with only that table: what fails
                # within the table, without the links to the other tables.
                mkdir -p "$out/check-alone"
                for table in $(tail -n +2 "$out/tauargus-pattern.csv" | cut -d, -f1 | sort -u); do
                    single_table_site "$site" "$work/check-$table" "$table"
                    { echo "table,key"; grep "^$table," "$out/tauargus-pattern.csv"; } >"$out/check-alone/$table.csv"
                    "$bin" audit --root "$work/check-$table" --check-pattern "$out/check-alone/$table.csv" \
                        --json "$out/check-alone/$table.json" >/dev/null 2>"$out/check-alone/$table.err" ||
                        cp "$out/check-alone/$table.err" "$out/check-alone/$table.failed"
                    rm -rf "$work/check-$table"
                done
            fi
        fi
    fi

    # 3. The exact reference, at 20,000 rows: each two-way table alone.
    if [ "$rows" = 20000 ] && [ -z "$mip_skip" ]; then
        for table in victims-by-gender-age citizenship-by-year citizenship-by-exploitation \
            exploitation-by-year labour-sector-by-gender recruiter-by-gender; do
            log "$rows rows: $table alone: safestat, and the exact MIP"
            alone="$work/alone-$table"
            single_table_site "$site" "$alone" "$table"
            mkdir -p "$out/alone"
            if ! "$bin" audit --root "$alone" --json "$out/alone/$table.safestat.json" \
                >/dev/null 2>"$out/alone/$table.safestat.err"; then
                cp "$out/alone/$table.safestat.err" "$out/alone/$table.safestat.failed"
                continue
            fi
            "$py" "$helpers/exact_mip.py" "$alone" "$out/alone/$table.safestat.json" "$table" \
                "$out/alone/$table.mip.json" 2>"$out/alone/$table.mip.err" ||
                cp "$out/alone/$table.mip.err" "$out/alone/$table.mip.failed"
        done
    fi
done

summary_py="${py:-$(command -v python3)}"
"$summary_py" "$helpers/summarize.py" "$work" | tee "$work/summary.txt"
