#!/usr/bin/env bash
# Scale benchmark (issue 7): a national-size self-evaluation sheet, generated, then evaluated
# end to end in streaming jsonl mode, beside a raw pass over the same file.
#
#   benches/scale.sh [INDICATORS] [--check] [--varied]     (default 5000000)
#
# Reports in one run: indicators per second end to end, peak memory (/usr/bin/time -v), the
# ratio of jixiao's time to `wc -l` over the same file (page cache warm for both), and the
# summary line. The output goes to a new file in target/scale each run, after a `sync`. RUNS=N repeats each
# timing and keeps the fastest (this VM's neighbours make single runs vary by ±25 %). --check also evaluates the whole table at once (--no-streaming,
# several GB of memory at 5 M) and compares the two outputs byte for byte. --varied generates the
# sheet with `synth --varied-actuals` (actuals that hardly ever repeat: the memos' worst case).
set -euo pipefail

n=5000000
check=0
varied=""
for a in "$@"; do
  case "$a" in
    --check) check=1 ;;
    --varied) varied="-varied" ;;
    *) n="$a" ;;
  esac
done
runs=${RUNS:-3}
cd "$(dirname "$0")/.."
dir=${SCALE_DIR:-target/scale}
mkdir -p "$dir"
sheet="$dir/sheet-$n$varied.tsv"
out="$dir/out-$n$varied.jsonl"

cargo build --release --locked --quiet --bin jixiao --example synth
if [ ! -s "$sheet" ]; then
  echo "generating $sheet …" >&2
  target/release/examples/synth --indicators "$n" ${varied:+--varied-actuals} -o "$sheet"
fi
bytes=$(stat -c %s "$sheet")
cat "$sheet" > /dev/null # warm the page cache

# fastest of $runs runs of a command: prints "elapsed_s max_rss_kb"
fastest() {
  local best="" rss="" e m
  for _ in $(seq "$runs"); do
    # a new output file each run (truncating the last run's gigabytes is not jixiao's work),
    # and the last run's dirty pages written back first (its writeback is not this run's work)
    rm -f "$out"
    sync
    /usr/bin/time -v -o "$dir/time.txt" "$@" > /dev/null 2> "$dir/stderr.txt" || {
      cat "$dir/stderr.txt" >&2
      exit 1
    }
    e=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$dir/time.txt")
    m=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt")
    if [ -z "$best" ] || awk -v a="$e" -v b="$best" 'BEGIN {exit !(a < b)}'; then
      best=$e
      rss=$m
    fi
  done
  echo "$best $rss"
}

read -r wc_s _ < <(fastest wc -l "$sheet")
read -r jx_s jx_kb < <(fastest target/release/jixiao evaluate "$sheet" --format jsonl -o "$out")
indicators=$(tail -n 1 "$out" | sed -E 's/.*"indicators":([0-9]+).*/\1/')
lines=$(wc -l < "$sheet")

awk -v n="$indicators" -v lines="$lines" -v bytes="$bytes" -v wc="$wc_s" -v jx="$jx_s" \
  -v kb="$jx_kb" -v outb="$(stat -c %s "$out")" -v cores="$(nproc)" 'BEGIN {
  printf "input      %d lines, %.0f MB, %d indicators\n", lines, bytes / 1e6, n
  printf "wc -l      %.2f s\n", wc
  printf "jixiao     %.2f s end to end (%d cores), %.0f indicators/s, peak %.0f MB\n", jx, cores, n / jx, kb / 1024
  printf "output     %.0f MB of jsonl\n", outb / 1e6
  printf "ratio      %.0f x the time of wc -l\n", jx / wc
}'
tail -n 1 "$out"

if [ "$check" = 1 ]; then
  whole="$dir/whole-$n.jsonl"
  # the whole-table path bounds its memory with a cell limit (20 M cells): raised for the check
  JIXIAO_MAX_CELLS=200000000 JIXIAO_MAX_INPUT_MB=4096 \
    /usr/bin/time -f "whole      %e s, peak %M KB (--no-streaming)" \
    target/release/jixiao evaluate "$sheet" --format jsonl --no-streaming -o "$whole"
  if cmp -s "$out" "$whole"; then
    echo "check      streaming and whole-table outputs are identical"
  else
    echo "check      OUTPUTS DIFFER" >&2
    exit 1
  fi
fi
