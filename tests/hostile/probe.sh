#!/usr/bin/env bash
# Runs every file of DIR (from probe.py) through BIN with a time and memory cap, one line each:
#   name  bytes  exit  seconds  peak-RSS-MB  last line of stderr
# usage: tests/hostile/probe.sh BIN DIR [verb] [cap-GB]
set -u
bin=$1; dir=$2; verb=${3:-inspect}; cap=${4:-6}
for f in "$dir"/*; do
  n=$(basename "$f")
  case "$n" in
    rules-*) args=(rules check "$f") ;;
    actuals-*) args=(evaluate "$(dirname "$0")/../../samples/guangzhou-hpf-2023/targets.tsv" --actuals "$f" --format jsonl) ;;
    *) args=("$verb" "$f") ;;
  esac
  /usr/bin/time -o /tmp/probe-time -f '%e %M' prlimit --as=$((cap * 1024 * 1024 * 1024)) \
      timeout 60 "$bin" "${args[@]}" >/dev/null 2>/tmp/probe-err
  code=$?
  t=$(tail -1 /tmp/probe-time)
  msg=$(grep -v '^\s*$' /tmp/probe-err | grep -m1 -E '×|panicked|memory|error|错误|Error' | cut -c1-150)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$(stat -c %s "$f")" "$code" "${t% *}" "$(( ${t#* } / 1024 ))" "$msg"
done
