#!/usr/bin/env bash
# Runs the fuzz targets of tests/it/fuzz_inputs.rs longer than `cargo test` does: every parser a
# user's file reaches (config.toml, front matter and Markdown with shortcodes, dataset schemas,
# tables.toml, CSV ingest), fed arbitrary bytes, token soups and mutations of the example's files.
#
#   benches/fuzz-long.sh [CASES]      # CASES per target and strategy (default 5000)
#
# A failure prints the minimal failing input and is kept in tests/proptest-regressions/fuzz_inputs.txt,
# so that `cargo test` tries it first from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-5000}"
start=$(date +%s)
PROPTEST_CASES="$cases" cargo test --test it fuzz_ -- --test-threads=2
echo "fuzz: $cases cases per target and strategy in $(( $(date +%s) - start )) s"
