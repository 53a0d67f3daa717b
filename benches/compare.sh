#!/usr/bin/env bash
# Side-by-side speed guard: the working tree against an earlier build, on the same inputs, in
# alternating runs (A B A B …), so that the machine's load falls on both alike.
#
#   benches/compare.sh REF [RUNS]        (REF: a commit, tag or branch; RUNS: pairs, default 5)
#
# Builds REF in a git worktree under target/compare/ (its own target dir, kept between runs) and
# the working tree, both `--release --locked`, then times whole processes on:
#   parse     `jixiao parse --format jsonl` on the 77 seed targets repeated 2,600 times (200,200)
#   stream    `jixiao evaluate SHEET --format jsonl` on a generated 1M-indicator sheet whose
#             actuals repeat (synth's default)
#   varied    the same on a 1M-indicator sheet whose actuals rarely repeat (--varied-actuals)
#   forms     `jixiao evaluate FORM --format json` on every published form of tests/fixtures/forms
#             (xlsx, docx, csv), the whole folder's files one after another in one timed loop
# and prints per case the median of each side, the ratio new ÷ old (below 1 is faster) and the
# load average before and after. Inputs are generated once by the working tree's synth example
# (the same bytes for both sides) under target/compare/inputs. Outputs go to /dev/null.
#
# Run it before a change lands and quote its table in the note (see benches/README.md).
#
# OLD_BIN=path uses that binary as REF's side instead of building REF (a build of REF made
# elsewhere, e.g. by another worktree: the release build takes minutes on two cores); REF then
# only names it in the output. NEW_BIN=path likewise stands for the working tree's build (a
# release build of it made before, kept aside while the tree is edited).
#
# MODE=instructions counts instructions instead of timing (valgrind's callgrind, one run a
# side: the count does not depend on the machine's load, so it holds where a quiet machine
# cannot be had). Under valgrind the runs take some fifty times longer; `SCALE=10` cuts each
# input (but forms) to its first tenth of lines to keep that short.
#
# MODE=instructions then prints a second table: each case's cache misses under cachegrind with
# one fixed cache model (I1 and D1 32 KB 8-way, LL 1 MB 16-way, 64-byte lines; not the host's,
# so the figure is the same on any machine): instruction-cache (I1), data-cache (D1) and
# last-level (LL) misses, old and new, and new ÷ old. Equal instructions can still run ~6 %
# slower where the hot code's placement makes it miss the instruction cache (benches/README.md,
# session 22, H150): quote both tables. MODE=cache prints only the second table; CACHE=no
# leaves it out of MODE=instructions.
set -euo pipefail

ref=${1:?usage: benches/compare.sh REF [RUNS]}
runs=${2:-5}
cd "$(dirname "$0")/.."
root=$(pwd)
dir="$root/target/compare"
mkdir -p "$dir/inputs"

sha=$(git rev-parse --short "$ref^{commit}")
if [ -n "${OLD_BIN:-}" ]; then
  [ -x "$OLD_BIN" ] || { echo "OLD_BIN=$OLD_BIN is not an executable" >&2; exit 2; }
  echo "using $OLD_BIN as $ref ($sha)" >&2
  old=$OLD_BIN
else
  old_tree="$dir/tree-$sha"
  if [ ! -d "$old_tree" ]; then
    git worktree add --detach -q "$old_tree" "$sha"
  fi
  echo "building $ref ($sha) in $old_tree …" >&2
  (cd "$old_tree" && CARGO_TARGET_DIR="$dir/target-old" cargo build --release --locked --quiet --bin jixiao)
  old="$dir/target-old/release/jixiao"
fi
inputs="$dir/inputs"
if [ -n "${NEW_BIN:-}" ]; then
  [ -x "$NEW_BIN" ] || { echo "NEW_BIN=$NEW_BIN is not an executable" >&2; exit 2; }
  echo "using $NEW_BIN as the working tree's side" >&2
  new=$NEW_BIN
  # synth only where an input is still to be made
  if [ ! -s "$inputs/sheet-1m.tsv" ] || [ ! -s "$inputs/sheet-1m-varied.tsv" ]; then
    cargo build --release --locked --quiet --example synth
  fi
else
  echo "building the working tree …" >&2
  cargo build --release --locked --quiet --bin jixiao --example synth
  new="$root/target/release/jixiao"
fi
cp "$new" "$dir/jixiao-new" # a stable copy: a rebuild during the run must not change one side
new="$dir/jixiao-new"

if [ ! -s "$inputs/parse-200200.tsv" ]; then
  for _ in $(seq 2600); do cat samples/guangzhou-hpf-2023/indicators.tsv; done > "$inputs/parse-200200.tsv"
fi
[ -s "$inputs/sheet-1m.tsv" ] || target/release/examples/synth --indicators 1000000 -o "$inputs/sheet-1m.tsv" 2>/dev/null
[ -s "$inputs/sheet-1m-varied.tsv" ] || target/release/examples/synth --indicators 1000000 --varied-actuals -o "$inputs/sheet-1m-varied.tsv" 2>/dev/null
forms=()
for f in tests/fixtures/forms/*.xlsx tests/fixtures/forms/*.docx tests/fixtures/forms/*.csv; do
  [ -e "$f" ] && forms+=("$f")
done
cat "$inputs"/* > /dev/null # warm the page cache

# seconds of one run of "$@" (output to /dev/null; a failing command stops the comparison)
seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > /dev/null 2> "$dir/stderr.txt" || {
    # evaluate exits 1 when findings are errors; only a crash or a usage error (2+) stops us
    local rc=$?
    if [ "$rc" -gt 1 ]; then
      cat "$dir/stderr.txt" >&2
      exit 1
    fi
  }
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{printf "%.4f", $2 - $1}'
}

run_case() { # BIN CASE
  local bin=$1
  case $2 in
  parse) seconds "$bin" parse --format jsonl "$inputs/parse-200200.tsv" ;;
  stream) seconds "$bin" evaluate "$inputs/sheet-1m.tsv" --format jsonl ;;
  varied) seconds "$bin" evaluate "$inputs/sheet-1m-varied.tsv" --format jsonl ;;
  forms)
    local t0 t1
    t0=$(date +%s.%N)
    for f in "${forms[@]}"; do
      for _ in 1 2 3 4 5 6 7 8 9 10; do "$bin" evaluate "$f" --format json > /dev/null 2>&1 || true; done
    done
    t1=$(date +%s.%N)
    echo "$t0 $t1" | awk '{printf "%.4f", $2 - $1}'
    ;;
  esac
}

# instructions of one run of "$@" under callgrind (output to /dev/null)
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" > /dev/null 2> "$dir/stderr.txt" || {
    local rc=$?
    if [ "$rc" -gt 1 ]; then
      cat "$dir/stderr.txt" >&2
      exit 1
    fi
  }
  sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$dir/stderr.txt"
}

# the cache model of the misses' table (fixed: the host's caches would make the counts differ
# between machines, and an L3 of tens of MB would hide what a 1 MB L2 sees)
cache_model=(--I1=32768,8,64 --D1=32768,8,64 --LL=1048576,16,64)

# "I1 D1 LL" misses of one run of "$@" under cachegrind (output to /dev/null; whatever the exit
# code: a refused form is counted on both sides alike)
misses() {
  valgrind --tool=cachegrind --cache-sim=yes "${cache_model[@]}" --cachegrind-out-file=/dev/null \
    "$@" > /dev/null 2> "$dir/stderr.txt" || true
  awk '/I1  misses:/ {gsub(",", "", $4); i = $4}
       /D1  misses:/ {gsub(",", "", $4); d = $4}
       /LL misses:/ {gsub(",", "", $4); l = $4}
       END {if (i == "" || d == "" || l == "") exit 1; print i, d, l}' "$dir/stderr.txt" || {
    cat "$dir/stderr.txt" >&2
    exit 1
  }
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

if [ "${MODE:-time}" = instructions ] || [ "${MODE:-time}" = cache ]; then
  scale=${SCALE:-1}
  cut_to() { # FILE: its first 1/scale of lines, under $dir/cut
    local out="$dir/cut/$(basename "$1")"
    mkdir -p "$dir/cut"
    if [ "$scale" = 1 ]; then echo "$1"; return; fi
    # written aside and renamed: a run in another worktree whose cut is a hard link of this
    # one (or a run still reading it) never sees the file half written
    head -n $(($(wc -l < "$1") / scale)) "$1" > "$out.$$"
    mv -f "$out.$$" "$out"
    echo "$out"
  }
  p=$(cut_to "$inputs/parse-200200.tsv")
  s=$(cut_to "$inputs/sheet-1m.tsv")
  v=$(cut_to "$inputs/sheet-1m-varied.tsv")
  # I1, D1 and LL misses of each case, old and new (forms: summed over the files)
  cache_table() {
    printf 'cache misses (cachegrind; I1, D1 32 KB 8-way, LL 1 MB 16-way, 64 B lines), inputs cut to 1/%s\n' "$scale"
    printf '%-7s %12s %12s %7s %12s %12s %7s %12s %12s %7s\n' \
      case I1-old I1-new ratio D1-old D1-new ratio LL-old LL-new ratio
    local c side bin m f x
    for c in parse stream varied forms; do
      local -a o n
      for side in old new; do
        bin=$old
        [ $side = new ] && bin=$new
        case $c in
        parse) m=$(misses "$bin" parse --format jsonl "$p") ;;
        stream) m=$(misses "$bin" evaluate "$s" --format jsonl) ;;
        varied) m=$(misses "$bin" evaluate "$v" --format jsonl) ;;
        forms)
          m="0 0 0"
          for f in "${forms[@]}"; do
            x=$(misses "$bin" evaluate "$f" --format json)
            m=$(echo "$m $x" | awk '{print $1 + $4, $2 + $5, $3 + $6}')
          done
          ;;
        esac
        if [ $side = old ]; then read -ra o <<< "$m"; else read -ra n <<< "$m"; fi
      done
      printf '%-7s' "$c"
      for x in 0 1 2; do
        printf ' %12s %12s %7s' "${o[$x]}" "${n[$x]}" \
          "$(awk -v a="${n[$x]}" -v b="${o[$x]}" 'BEGIN {printf "%.3f", a / b}')"
      done
      printf '\n'
    done
  }
  if [ "${MODE}" = cache ]; then
    cache_table
    exit 0
  fi
  printf 'instructions (callgrind), inputs cut to 1/%s\n' "$scale"
  printf '%-7s %15s %15s %7s\n' case old new ratio
  for c in parse stream varied forms; do
    o=0 n=0
    for side in old new; do
      bin=$old
      [ $side = new ] && bin=$new
      case $c in
      parse) k=$(instructions "$bin" parse --format jsonl "$p") ;;
      stream) k=$(instructions "$bin" evaluate "$s" --format jsonl) ;;
      varied) k=$(instructions "$bin" evaluate "$v" --format jsonl) ;;
      forms)
        k=0
        # every form's run counts, refused ones too (a target table without actuals stops early
        # on both sides alike): the count is taken whatever the exit code
        for f in "${forms[@]}"; do
          valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" evaluate "$f" --format json > /dev/null 2> "$dir/stderr.txt" || true
          x=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$dir/stderr.txt")
          k=$((k + ${x:-0}))
        done
        ;;
      esac
      if [ $side = old ]; then o=$k; else n=$k; fi
    done
    printf '%-7s %15s %15s %7s\n' "$c" "$o" "$n" "$(awk -v a="$n" -v b="$o" 'BEGIN {printf "%.3f", a / b}')"
  done
  [ "${CACHE:-yes}" = no ] || { echo; cache_table; }
  exit 0
fi

printf 'load before: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-7s %10s %10s %7s   %s\n' case "old(s)" "new(s)" ratio "old runs | new runs"
for c in parse stream varied forms; do
  o="" n=""
  for _ in $(seq "$runs"); do
    o="$o $(run_case "$old" $c)"
    n="$n $(run_case "$new" $c)"
  done
  mo=$(echo "$o" | median)
  mn=$(echo "$n" | median)
  printf '%-7s %10s %10s %7s   %s |%s\n' "$c" "$mo" "$mn" "$(awk -v a="$mn" -v b="$mo" 'BEGIN {printf "%.3f", a / b}')" "$o" "$n"
done
printf 'load after: %s (%s cores); forms: %d files × 10 runs each\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" "${#forms[@]}"
