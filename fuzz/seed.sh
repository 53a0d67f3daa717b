#!/usr/bin/env bash
# Builds the fuzz corpora (fuzz/corpus/<target>/, not committed) from the samples and fixtures.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mk() { mkdir -p "corpus/$1"; }
mk target_parse; mk table_read; mk rules_load; mk actuals_parse; mk page_read; mk doc_read
# target_parse: one file per line of the sample indicators and the case/corpus tables.
i=0
for f in "$root"/samples/guangzhou-hpf-2023/indicators.tsv "$root"/tests/fixtures/lang/*.tsv; do
  while IFS= read -r line; do
    i=$((i + 1))
    printf '%s' "$line" > "corpus/target_parse/line-$i"
  done < "$f"
done
# table_read: every sample table and table fixture, whole.
for f in "$root"/samples/*/*.tsv "$root"/samples/*/*.csv "$root"/samples/*/*.xlsx "$root"/tests/fixtures/table/*; do
  cp "$f" "corpus/table_read/$(basename "$(dirname "$f")")-$(basename "$f")"
done
# rules_load: the bundled rules and the rule fixtures.
cp "$root"/rules/*.yaml "$root"/tests/fixtures/rules/*.yaml corpus/rules_load/
# actuals_parse: the sample actuals and the report fixture.
cp "$root"/samples/guangzhou-hpf-2023/actuals.yaml corpus/actuals_parse/sample.yaml
cp "$root"/tests/fixtures/report/unmatched.yaml corpus/actuals_parse/unmatched.yaml
# page_read: the web pages of the format fixtures (doc_read starts from nothing: its input is
# cut into streams, which no file on disk is).
cp "$root"/tests/fixtures/formats/*.htm* "$root"/tests/fixtures/formats/*.mhtml corpus/page_read/
for t in target_parse table_read rules_load actuals_parse page_read doc_read; do
  echo "$t: $(ls "corpus/$t" | wc -l) seeds"
done
