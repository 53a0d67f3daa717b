//! Parsing speed: the 77 seed targets (with their indicator names as context), the 114 corpus
//! targets and the 155 of the second corpus (issue 18), read in a loop on one core; and the
//! whole line of `jixiao parse --format jsonl` (lines read a buffer at a time, split, parse
//! with the directions' memo, JSON written into a reused buffer) on the seed's lines. Figures
//! go into benches/README.md.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jixiao::lang::{Context, parse};

fn lines(
    text: &str,
    indicator_col: usize,
    target_col: usize,
    skip: usize,
) -> Vec<(String, String)> {
    text.lines()
        .skip(skip)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[indicator_col].to_owned(), c[target_col].to_owned())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let seed = lines(
        include_str!("../samples/guangzhou-hpf-2023/indicators.tsv"),
        0,
        1,
        0,
    );
    let corpus = lines(
        include_str!("../tests/fixtures/lang/corpus_targets.tsv"),
        3,
        4,
        1,
    );
    let corpus2 = lines(
        include_str!("../tests/fixtures/lang/corpus2_targets.tsv"),
        3,
        4,
        1,
    );
    let mut group = c.benchmark_group("parse");
    for (name, set) in [
        ("seed_77", &seed),
        ("corpus_114", &corpus),
        ("corpus2_155", &corpus2),
    ] {
        group.throughput(Throughput::Elements(set.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for (indicator, target) in set.iter() {
                    let ctx = Context {
                        indicator: Some(indicator),
                        year: Some(2023),
                        ..Context::default()
                    };
                    black_box(parse(black_box(target), &ctx));
                }
            })
        });
    }
    group.finish();

    // what `jixiao parse --format jsonl` does to each line, without the writing: lines read a
    // buffer at a time (`lang::lines`), directions through a memo kept for the run (as the
    // command keeps one)
    let seed_lines = include_bytes!("../samples/guangzhou-hpf-2023/indicators.tsv");
    let rules = jixiao::rules::RuleSet::bundled();
    let directions = jixiao::lang::direction::Memo::new(rules);
    let mut group = c.benchmark_group("parse_jsonl");
    group.throughput(Throughput::Elements(
        seed_lines.split_inclusive(|b| *b == b'\n').count() as u64,
    ));
    group.bench_function("seed_77_lines", |b| {
        let mut out = Vec::with_capacity(64 * 1024);
        let mut scratch = String::new();
        b.iter(|| {
            out.clear();
            let mut lines = jixiao::lang::lines::Lines::new(&seed_lines[..], u64::MAX);
            while let Ok(Some(line)) = lines.next() {
                let (indicator, target) = jixiao::lang::record::split_line(&line.text);
                let parsed = jixiao::lang::record::parse_line(indicator, target, &directions, None);
                jixiao::lang::record::write_parsed_json(
                    &mut out,
                    &mut scratch,
                    line.number,
                    indicator,
                    target,
                    &parsed,
                );
                out.push(b'\n');
            }
            black_box(out.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
