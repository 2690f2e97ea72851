#!/usr/bin/env bash
# Batch throughput, scaling and peak memory, as reported in BENCHMARKS.md.
#
#   cargo build --release --bin rapporteur --example make_corpus
#   benches/batch.sh [FORMATS] [WORK_DIR] [OUT_ROOT]
#
# FORMATS defaults to md,txt,json (pdf,docx,md,txt,json once those renderers are merged).
# OUT_ROOT defaults to /dev/shm, to measure the converter rather than the disk: on a slow disk,
# creating output files dominates (see BENCHMARKS.md). Each configuration runs REPEAT times,
# one after another; the best wall time is reported, as other load on the machine only slows runs down.
set -euo pipefail
cd "$(dirname "$0")/.."
FORMATS=${1:-md,txt,json}
WORK=${2:-/tmp/rapporteur-bench}
OUT_ROOT=${3:-/dev/shm}
REPEAT=${REPEAT:-3}
BIN=target/release/rapporteur
mkdir -p "$WORK"
for n in 1000 10000; do
  [ -d "$WORK/corpus-$n" ] || target/release/examples/make_corpus "$n" "$WORK/corpus-$n"
done

printf '| documents | threads | best wall s | docs/s | peak RSS MB | user s | sys s |\n|---|---|---|---|---|---|---|\n'
for n in 1000 10000; do
  for jobs in 1 2; do
    best=""
    for _ in $(seq "$REPEAT"); do
      rm -rf "$OUT_ROOT/rapporteur-bench-out"
      /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" \
        "$BIN" convert "$WORK/corpus-$n" -o "$OUT_ROOT/rapporteur-bench-out" --to "$FORMATS" --jobs "$jobs" -q || true
      read -r wall rss user sys < "$WORK/time.txt"
      if [ -z "$best" ] || awk "BEGIN{exit !($wall < ${best%% *})}"; then best="$wall $rss $user $sys"; fi
    done
    read -r wall rss user sys <<< "$best"
    awk -v n="$n" -v j="$jobs" -v w="$wall" -v r="$rss" -v u="$user" -v s="$sys" \
      'BEGIN{printf "| %d | %d | %.2f | %.0f | %.1f | %.2f | %.2f |\n", n, j, w, n/w, r/1024, u, s}'
  done
done
rm -rf "$OUT_ROOT/rapporteur-bench-out"

if command -v pandoc >/dev/null && [ "${PANDOC:-1}" = 1 ]; then
  # pandoc on the same 1,000 documents, as Markdown (rapporteur's own Markdown versions), one
  # process per document and format, two at a time (two cores).
  md="$WORK/markdown-1000"
  rm -rf "$md" && "$BIN" convert "$WORK/corpus-1000" -o "$md" --to md -q
  find "$md" -name '*.md' | sort > "$WORK/markdown-list.txt"
  printf '\n| pandoc 1,000 docs, 2 processes | wall s | docs/s |\n|---|---|---|\n'
  for to in docx plain markdown; do
    start=$(date +%s.%N)
    # docx is binary: pandoc refuses to write it to a terminal, not to a file such as /dev/null.
    xargs -P 2 -I{} pandoc -f markdown -t "$to" -o /dev/null {} < "$WORK/markdown-list.txt"
    end=$(date +%s.%N)
    awk -v t="$to" -v s="$start" -v e="$end" 'BEGIN{printf "| %s | %.1f | %.1f |\n", t, e-s, 1000/(e-s)}'
  done
fi
