#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600), two at a time; logs to fuzz/logs/.
# Targets may be named after SECONDS to run only those (two at a time).
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
export RUSTC_BOOTSTRAP=1
mkdir -p logs
[ -d corpus ] || ./seed.sh
cargo fuzz build -s none --release 2>&1 | tail -3
run() {
  local t=$1
  cargo fuzz run -s none --release "$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -max_len=65536 \
    >"logs/$t.log" 2>&1
  echo "$t exit $? at $(date -u +%H:%M:%S)" >> logs/summary
}
echo "start $(date -u +%H:%M:%S)" >> logs/summary
shift || true
set -- "${@:-target_parse table_read rules_load actuals_parse page_read doc_read xls_read docx_read sheet_formats}"
set -- $*
while [ $# -gt 0 ]; do
  run "$1" &
  [ $# -gt 1 ] && run "$2" &
  wait
  shift; shift || true
done
