#!/usr/bin/env bash
# Scale benchmark (issue 7): a national-size self-evaluation sheet, generated, then evaluated
# end to end in streaming jsonl mode, beside a raw pass over the same file.
#
#   benches/scale.sh [INDICATORS] [--check] [--varied]     (default 5000000)
#
# Reports in one run: indicators per second end to end, peak memory (/usr/bin/time -v), the
# ratio of jixiao's time to `wc -l` over the same file (page cache warm for both), and the
# summary line. The output goes to a new file in target/scale each run, after a `sync`. RUNS=N repeats each
# timing and keeps the fastest (this VM's neighbours make single runs vary by ±25 %). --check also evaluates the whole table's report (--no-streaming:
# one core, a block at a time, `eval::blocks`; it read the table whole, several GB at 5 M, before
# the ninth session) and compares the two outputs byte for byte. --varied generates the
# sheet with `synth --varied-actuals` (actuals that hardly ever repeat: the memos' worst case).
#
# --floor measures against the write floor instead (issue 28): RUNS alternating pairs (default 5)
# of `jixiao evaluate SHEET --format jsonl -o OUT` and of `cat OUT > COPY` (writing the same
# bytes to a file), each under `perf stat -e task-clock` (CPU time of every thread) and
# `/usr/bin/time` (wall, peak resident memory), and prints the medians, the ratios jixiao ÷
# floor (wall and CPU) and the load average before and after. Each run writes a new file after
# a `sync` (the last run's writeback is not this run's work). BIN=path runs another build.
# Needs about 0.6 × INDICATORS KB of disk for the output twice; both are deleted at the end.
#
# The floor's own time depends on the page cache's state (how much must be reclaimed for the
# new file, how much writeback is under way): FLOOR= says how each run of either side starts
# and ends, the same for both sides:
#   FLOOR=cache    (default) as above: after a `sync`, whatever the cache holds;
#   FLOOR=clean    after a `sync` and the clean pages dropped (`/proc/sys/vm/drop_caches`, root
#                  only), then the run's input read back into the cache: every run starts from
#                  the same free memory;
#   FLOOR=durable  as clean, and the timed run ends when its output is on disk (`sync FILE`,
#                  an fsync, inside the timed command): the bytes written, not only cached.
set -euo pipefail

n=5000000
check=0
floor=0
varied=""
for a in "$@"; do
  case "$a" in
    --check) check=1 ;;
    --floor) floor=1 ;;
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

# BIN=path: that build is measured, and nothing is built
[ -n "${BIN:-}" ] || cargo build --release --locked --quiet --bin jixiao --example synth
if [ ! -s "$sheet" ]; then
  echo "generating $sheet …" >&2
  target/release/examples/synth --indicators "$n" ${varied:+--varied-actuals} -o "$sheet"
fi
bytes=$(stat -c %s "$sheet")
cat "$sheet" > /dev/null # warm the page cache

if [ "$floor" = 1 ]; then
  bin=${BIN:-target/release/jixiao}
  runs=${RUNS:-5}
  copy="$dir/copy-$n$varied.jsonl"
  state=${FLOOR:-cache}
  case "$state" in
  cache | clean | durable) ;;
  *) echo "FLOOR=$state: cache, clean or durable" >&2; exit 2 ;;
  esac
  # one measured run of "$@", which writes $1 and reads $2: prints "wall_s cpu_s max_rss_kb"
  measure() {
    local target=$1 input=$2
    shift 2
    rm -f "$target"
    sync
    if [ "$state" != cache ]; then
      echo 1 > /proc/sys/vm/drop_caches || { echo "FLOOR=$state needs root (drop_caches)" >&2; exit 2; }
      cat "$input" > /dev/null
    fi
    if [ "$state" = durable ]; then
      set -- sh -c '"$@" && sync "$0"' "$target" "$@"
    fi
    perf stat -e task-clock -x, -o "$dir/perf.txt" -- /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" 2> "$dir/stderr.txt" || {
      cat "$dir/stderr.txt" >&2
      exit 1
    }
    local cpu
    cpu=$(awk -F, '/task-clock/ {printf "%.3f", $1 / 1000}' "$dir/perf.txt")
    echo "$(cut -d' ' -f1 "$dir/time.txt") $cpu $(cut -d' ' -f2 "$dir/time.txt")"
  }
  median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  : > "$dir/floor-runs.txt"
  for _ in $(seq "$runs"); do
    read -r w c m < <(measure "$out" "$sheet" "$bin" evaluate "$sheet" --format jsonl -o "$out")
    echo "jixiao $w $c $m" >> "$dir/floor-runs.txt"
    read -r w c m < <(measure "$copy" "$out" sh -c 'cat "$1" > "$2"' sh "$out" "$copy")
    echo "floor $w $c $m" >> "$dir/floor-runs.txt"
  done
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  col() { awk -v k="$1" -v c="$2" '$1 == k {print $c}' "$dir/floor-runs.txt" | median; }
  jw=$(col jixiao 2) jc=$(col jixiao 3) jm=$(awk '$1 == "jixiao" {print $4}' "$dir/floor-runs.txt" | sort -g | tail -n 1)
  fw=$(col floor 2) fc=$(col floor 3)
  outb=$(stat -c %s "$out")
  awk -v n="$n" -v bytes="$bytes" -v outb="$outb" -v jw="$jw" -v jc="$jc" -v jm="$jm" -v fw="$fw" \
    -v fc="$fc" -v runs="$runs" -v cores="$(nproc)" 'BEGIN {
    printf "input      %d indicators, %.0f MB; output %.0f MB of jsonl\n", n, bytes / 1e6, outb / 1e6
    printf "jixiao     wall %.2f s, cpu %.2f s (median of %d), peak %.0f MB (highest run)\n", jw, jc, runs, jm / 1024
    printf "floor      wall %.2f s, cpu %.2f s (cat of the output to a new file)\n", fw, fc
    printf "ratio      wall %.2f x, cpu %.2f x the floor (%d cores)\n", jw / fw, jc / fc, cores
  }'
  echo "state      FLOOR=$state"
  echo "load       before $load_before, after $load_after"
  echo "runs       (kind wall cpu peak_kb)"
  sed 's/^/           /' "$dir/floor-runs.txt"
  rm -f "$out" "$copy"
  exit 0
fi

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
