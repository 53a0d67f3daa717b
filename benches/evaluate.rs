//! Evaluation speed: the bundled sample (29 projects, 77 indicators, with its illustrative
//! actuals) read once, then evaluated and rendered in a loop. Figures go into benches/README.md.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jixiao::eval::{self, ActualsFile, Methodology};
use jixiao::report::json;
use jixiao::rules::RuleSet;
use jixiao::table::{self, ReadOptions};

fn bench(c: &mut Criterion) {
    let doc = table::read_path(
        Path::new("samples/guangzhou-hpf-2023/targets.tsv"),
        &ReadOptions::default(),
    )
    .expect("sample reads");
    let text = std::fs::read_to_string("samples/guangzhou-hpf-2023/actuals.yaml").unwrap();
    let actuals = ActualsFile::parse("actuals.yaml", &text).unwrap();
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let opts = eval::Options {
        methodology: &m,
        rules,
        year: None,
        progress: None,
    };
    let mut group = c.benchmark_group("evaluate");
    group.throughput(Throughput::Elements(77));
    group.bench_function("sample_77_indicators", |b| {
        b.iter(|| black_box(eval::evaluate(black_box(&doc), Some(&actuals), &opts)))
    });
    let report = eval::evaluate(&doc, Some(&actuals), &opts);
    group.bench_function("render_json_77_indicators", |b| {
        b.iter(|| black_box(json::render(black_box(&report))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
