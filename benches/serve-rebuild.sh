#!/usr/bin/env bash
# Benchmark: how long a press officer waits in `safestat serve` between saving a page and seeing
# it. Serves a copy of the example site with the release binary, appends a line to one content
# file RUNS times, and reports the median and worst of
#   - build: the rebuild time the server prints ("Built the site in N ms"), and
#   - save-to-served: from the write to the new text being served (debounce + build + swap).
#
#   benches/serve-rebuild.sh [RUNS] [FILE] [URL_PATH]
#     defaults: 10 runs, the example site's first press release and its page.
#   SAFESTAT_BIN=/path/to/safestat benches/serve-rebuild.sh
#     measures that binary (e.g. a copy built from another commit, to compare in the same run)
#     instead of building this tree's release binary.
# Requires curl and awk. Everything lives in a temporary folder, removed at the end.
set -euo pipefail

runs=${1:-10}
file=${2:-content/news/2026-03-12-frontline-officers-trained-to-identify-victims.md}
url_path=${3:-/news/frontline-officers-trained-to-identify-victims/}
cd "$(dirname "$0")/.."

if [ -n "${SAFESTAT_BIN:-}" ]; then
    bin=$SAFESTAT_BIN
else
    cargo build --release --quiet
    bin="${CARGO_TARGET_DIR:-$PWD/target}/release/safestat"
fi

work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

site="$work/site"
mkdir -p "$site"
for name in config.toml content templates static data i18n; do
    [ -e "$name" ] && cp -R "$name" "$site/"
done

"$bin" serve --root "$site" --port 0 >"$work/serve.log" 2>&1 &
server=$!
url=
for _ in $(seq 600); do
    url=$(sed -n 's/^Serving .* at \(http[^ ]*\) .*/\1/p' "$work/serve.log")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.log"; echo "serve did not start" >&2; exit 1; }
curl -sf -o /dev/null "${url%/}$url_path" || { cat "$work/serve.log"; echo "$url_path is not served" >&2; exit 1; }

: >"$work/waits"
for i in $(seq "$runs"); do
    marker="Benchmark edit $i of $$"
    start=$(date +%s%N)
    printf '\n%s\n' "$marker" >>"$site/$file"
    until curl -s "${url%/}$url_path" | grep -q "$marker"; do
        if [ $(( $(date +%s%N) - start )) -gt 10000000000 ]; then
            cat "$work/serve.log"; echo "edit $i not served within 10 s" >&2; exit 1
        fi
        sleep 0.005
    done
    echo $(( ($(date +%s%N) - start) / 1000000 )) >>"$work/waits"
    sleep 0.3
done

stats() { sort -n | awk '{ v[NR] = $1 } END { printf "median %d ms, worst %d ms (%d runs)\n", v[int((NR + 1) / 2)], v[NR], NR }'; }
echo "build:          $(sed -n 's/^Built the site in \([0-9]*\) ms\./\1/p' "$work/serve.log" | tail -n "$runs" | stats)"
echo "save-to-served: $(stats <"$work/waits")"
