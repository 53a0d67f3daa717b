#!/usr/bin/env bash
# A profile-guided release build of jixiao (issue 28), for a maintainer who builds the binaries
# that are handed out; the ordinary `cargo build --release` does not need or use any of this.
#
#   benches/pgo.sh            (about twice a release build's time, plus a minute of training)
#
# Measured 2026-12-07 (benches/README.md, H139's section): no gain on the streamed path
# (instructions +3 %, instruction-cache misses +6 %), forms -5 %: kept as the trial's tool,
# for another training set or compiler, not as the way the release is built.
#
# 1. builds an instrumented jixiao (`-Cprofile-generate`) in its own target dir
#    (target/pgo/gen: every crate is rebuilt with the flag), and the synth example the plain
#    way (target/release: it only makes the training sheets; built with jixiao in one cargo
#    command it would unify the dev-dependencies' features into jixiao's and relink it);
# 2. runs it on the training set below, each run writing a raw profile;
# 3. merges the raw profiles with the `llvm-profdata` of rustc's own LLVM (the raw format
#    changes with LLVM's version: `/usr/bin/llvm-profdata` of another LLVM refuses them or
#    reads them wrong); it comes with `rustup component add llvm-tools`;
# 4. builds jixiao again with the profile (`-Cprofile-use`) in target/pgo/use, and copies the
#    binary to target/pgo/jixiao.
#
# The flags go through RUSTFLAGS with an explicit `--target` (the host's), so that build
# scripts and proc macros are built without them. The release profile is unchanged
# (codegen-units = 1, fat LTO, unwinding panics; no `-C target-cpu`: the binary runs on any
# x86-64). The profile is made fresh by every run and tied to the compiler that made it: it is
# not committed (a profile of another rustc's LLVM is refused or, worse, matched to functions
# that changed; `-Cprofile-use` only warns where a function's hash no longer matches).
#
# Training: what the benchmarks measure (benches/compare.sh), smaller: parse on the 77 seed
# targets repeated, streamed evaluation of a generated sheet whose actuals repeat and one whose
# actuals rarely do (jsonl and csv), the whole-table path (json), and every published form of
# tests/fixtures/forms. Code no training run reaches (other readers and report formats, the
# server) is laid out as cold: measure what you rely on (benches/README.md, H139's section).
#
# PGO_GEN / PGO_RAW / PGO_USE override the gen target dir, the raw profiles' dir (an absolute
# path: it is compiled into the instrumented binary) and the use target dir.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
host=$(rustc -vV | sed -n 's/^host: //p')
llvm=$(rustc -vV | sed -n 's/^LLVM version: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  echo "no llvm-profdata of rustc's LLVM $llvm: rustup component add llvm-tools" >&2
  exit 2
fi
# the tool must be of rustc's LLVM (same major version), or the profile is not its format
tool=$("$profdata" --version | sed -n 's/.*LLVM version \([0-9]*\).*/\1/p')
if [ "$tool" != "${llvm%%.*}" ]; then
  echo "llvm-profdata is LLVM $tool, rustc uses LLVM $llvm: they must agree" >&2
  exit 2
fi
gen=${PGO_GEN:-target/pgo/gen}
raw=${PGO_RAW:-$root/target/pgo/raw}
use=${PGO_USE:-target/pgo/use}
work=target/pgo/train
mkdir -p "$work" "$raw"
rm -f "$raw"/*.profraw

echo "1/4 instrumented build ($gen) …" >&2
RUSTFLAGS="-Cprofile-generate=$raw" cargo build --release --locked --quiet \
  --target "$host" --target-dir "$gen" --bin jixiao
bin="$gen/$host/release/jixiao"
cargo build --release --locked --quiet --example synth
synth=target/release/examples/synth

echo "2/4 training runs …" >&2
[ -s "$work/sheet.tsv" ] || "$synth" --indicators 200000 -o "$work/sheet.tsv" 2> /dev/null
[ -s "$work/varied.tsv" ] || "$synth" --indicators 200000 --varied-actuals -o "$work/varied.tsv" 2> /dev/null
[ -s "$work/whole.tsv" ] || "$synth" --indicators 20000 --varied-actuals -o "$work/whole.tsv" 2> /dev/null
if [ ! -s "$work/parse.tsv" ]; then
  for _ in $(seq 500); do cat samples/guangzhou-hpf-2023/indicators.tsv; done > "$work/parse.tsv"
fi
export LLVM_PROFILE_FILE="$raw/jixiao-%p-%m.profraw"
# evaluate exits 1 where findings are errors: a training run's exit code is not the point
run() { "$bin" "$@" > /dev/null 2>&1 || true; }
run parse --format jsonl "$work/parse.tsv"
for s in sheet varied; do
  run evaluate "$work/$s.tsv" --format jsonl
  run evaluate "$work/$s.tsv" --format jsonl -o "$work/out.jsonl"
  run evaluate "$work/$s.tsv" --format csv
done
run evaluate "$work/whole.tsv" --format json --no-streaming
for f in tests/fixtures/forms/*.xlsx tests/fixtures/forms/*.xls tests/fixtures/forms/*.docx \
  tests/fixtures/forms/*.csv; do
  [ -e "$f" ] || continue
  for _ in 1 2 3; do run evaluate "$f" --format json; done
done
unset LLVM_PROFILE_FILE
rm -f "$work/out.jsonl"

echo "3/4 merging $(ls "$raw"/*.profraw | wc -l) raw profiles …" >&2
"$profdata" merge -o target/pgo/jixiao.profdata "$raw"/*.profraw

echo "4/4 build with the profile ($use) …" >&2
RUSTFLAGS="-Cprofile-use=$root/target/pgo/jixiao.profdata" cargo build --release --locked \
  --quiet --target "$host" --target-dir "$use" --bin jixiao
cp "$use/$host/release/jixiao" target/pgo/jixiao
echo "target/pgo/jixiao ($(rustc -V), profile target/pgo/jixiao.profdata)" >&2
