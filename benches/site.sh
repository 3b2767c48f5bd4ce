#!/usr/bin/env bash
# Benchmark: build a generated site of N press releases and report the median wall time and peak
# memory of `safestat build` over several runs.
#
#   benches/site.sh [PAGES] [RUNS]        (defaults: 10000 pages, 5 runs)
#   SEARCH=on benches/site.sh …           the same site with `[search] enabled = true` (the index)
#   SEARCH=off benches/site.sh …          `[search] enabled = false`; unset, no `[search]` at all
#                                         (the default, off)
#
# Each page has ~600 words, 1–4 tags (of 40) and 1–3 countries (of 20); tag and country pages are
# paginated by 10. The site and its output live on tmpfs (/dev/shm) when available, so the numbers
# measure safestat rather than the disk. CPU seconds are printed too: on a shared machine they say
# more than wall time. Requires GNU time (/usr/bin/time) and awk.
set -euo pipefail

pages=${1:-10000}
runs=${2:-5}
cd "$(dirname "$0")/.."

# SAFESTAT_BIN: a binary to time instead (e.g. a copy, where several worktrees share one target
# folder and another build may replace target/release/safestat during the runs).
if [ -n "${SAFESTAT_BIN:-}" ]; then
  bin=$SAFESTAT_BIN
else
  cargo build --release --quiet
  bin="${CARGO_TARGET_DIR:-$PWD/target}/release/safestat"
fi
search=${SEARCH:-default}
case "$search" in on) enabled=true ;; off) enabled=false ;; default) enabled= ;; *) echo "SEARCH=$search: expected on or off" >&2; exit 2 ;; esac

base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
site="$base/safestat-bench-$pages"
rm -rf "$site"
mkdir -p "$site/content/news"

cat > "$site/config.toml" <<'TOML'
title = "Benchmark — Counter-Trafficking"
description = "A generated site for timing safestat."
base_url = "https://example.org/bench/"
organisation = "Benchmark Office"

[[taxonomies]]
name = "tags"
paginate_by = 10

[[taxonomies]]
name = "countries"
paginate_by = 10
TOML
[ -z "$enabled" ] || printf '\n[search]\nenabled = %s\n' "$enabled" >> "$site/config.toml"
printf '+++\ntitle = "Home"\n+++\nWelcome.\n' > "$site/content/_index.md"
printf '+++\ntitle = "News"\nsort_by = "date"\npaginate_by = 10\n+++\n' > "$site/content/news/_index.md"

awk -v n="$pages" -v dir="$site/content/news" 'BEGIN {
  srand(42)
  split("migrants victims trafficking officers training protection shelter referral identification border labour exploitation recruitment assistance return reintegration community awareness survivors children women men government partners ministry police prosecution law court support health psychosocial legal documents case management outreach hotline data statistics report region province district city village family employer agency debt bondage passport forced domestic work construction agriculture fishing hospitality coordination network national mechanism standard procedures interview screening indicators risk vulnerability displacement crisis emergency response funding donor project activity workshop session participants frontline inspectors consular staff social workers lawyers judges prosecutors journalists students teachers volunteers leaders", w, " ")
  nw = length(w)
  split("Training Protection Victim-identification Labour-migration Border-management Awareness Shelter Referral Legal-aid Reintegration Return Health Psychosocial Children Women Data Statistics Research Policy Law-enforcement Prosecution Partnerships Funding Emergency Displacement Labour-inspection Recruitment Forced-labour Domestic-work Agriculture Fishing Construction Hotline Community Outreach Capacity-building Coordination Prevention Survivors Youth", tags, " ")
  split("Lebanon Syria Jordan Iraq Egypt Türkiye Sudan Ethiopia Kenya Nigeria Bangladesh Nepal Philippines Sri-Lanka Pakistan Yemen Libya Tunisia Morocco Côte-d-Ivoire", countries, " ")
  for (i = 1; i <= n; i++) {
    day = (i % 28) + 1; month = (int(i / 28) % 12) + 1; year = 2000 + int(i / 336)
    file = sprintf("%s/%04d-%02d-%02d-press-release-%05d.md", dir, year, month, day, i)
    print "+++" > file
    printf "title = \"Press release %d: %s %s\"\n", i, w[int(rand()*nw)+1], w[int(rand()*nw)+1] > file
    print "description = \"A generated press release for the benchmark.\"" > file
    print "location = \"Beirut, Lebanon\"" > file
    print "[taxonomies]" > file
    nt = int(rand()*4)+1; s = ""
    for (t = 1; t <= nt; t++) s = s (t > 1 ? ", " : "") "\"" tags[int(rand()*40)+1] "\""
    print "tags = [" s "]" > file
    nc = int(rand()*3)+1; s = ""
    for (c = 1; c <= nc; c++) s = s (c > 1 ? ", " : "") "\"" countries[int(rand()*20)+1] "\""
    print "countries = [" s "]" > file
    print "[[contacts]]\nname = \"Press Officer\"\noffice = \"Media Unit\"\nphone = \"+961 1 000 000\"\nemail = \"press@example.org\"" > file
    print "+++" > file
    for (p = 1; p <= 6; p++) {
      if (p == 2) print "<!-- more -->\n" > file
      if (p == 4) print "## Background\n" > file
      line = ""
      for (k = 1; k <= 100; k++) line = line (k > 1 ? " " : "") w[int(rand()*nw)+1]
      print line ".\n" > file
    }
    close(file)
  }
}'

out="$base/safestat-bench-$pages-public"
times=$(mktemp)
for run in $(seq "$runs"); do
  /usr/bin/time -f "%e %M %U %S" -o "$times" -a "$bin" build --root "$site" --output-dir "$out" > /dev/null
done
html=$(find "$out" -name '*.html' | wc -l)
echo "pages: $pages   html files: $html   runs: $runs   search: $search"
sort -n -k1 "$times" | awk '{ w[NR] = $1 } END { printf "wall seconds: median %s (min %s, max %s)\n", w[int((NR+1)/2)], w[1], w[NR] }'
awk '{ print $3 + $4 }' "$times" | sort -n | awk '{ c[NR] = $1 } END { printf "CPU seconds (user+sys): median %.2f\n", c[int((NR+1)/2)] }'
sort -n -k2 "$times" | awk '{ m[NR] = $2 } END { printf "peak RSS: median %.0f MB (max %.0f MB)\n", m[int((NR+1)/2)]/1024, m[NR]/1024 }'
rm -f "$times"
if [ -d "$out/pagefind" ]; then
  echo "search index: $(find "$out/pagefind" -type f | wc -l) files, $(du -sb "$out/pagefind" | cut -f1) bytes (of the site's $(du -sb "$out" | cut -f1))"
fi
[ -n "${KEEP:-}" ] || rm -rf "$site" "$out" "$base/.safestat-bench-$pages-public.staging"
