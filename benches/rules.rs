//! How long the bundled rule set takes to decide for one indicator: the 77 seed indicators,
//! targets parsed beforehand, every decision evaluation asks for (direction, category,
//! subcategory, category weight, formula, not-applicable, checks). Figures: benches/README.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jixiao::lang::Parsed;
use jixiao::rules::{Facts, RuleSet};

fn seed() -> Vec<(String, String, Parsed)> {
    let text = include_str!("../samples/guangzhou-hpf-2023/indicators.tsv");
    let rules = RuleSet::bundled();
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(i, t)| {
            let p = rules.parse_target(t, Some(i), None, None, Some(2023));
            (i.to_owned(), t.to_owned(), p)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::bundled();
    let seed = seed();
    c.bench_function("rules/all decisions, 77 seed indicators", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for (indicator, text, parsed) in &seed {
                let on = rules.apply(Facts {
                    indicator: Some(indicator),
                    target_text: Some(text),
                    target: Some(&parsed.target),
                    ..Facts::default()
                });
                n += usize::from(on.direction().is_some());
                n += usize::from(on.category().is_some());
                n += usize::from(on.subcategory().is_some());
                n += usize::from(on.category_weight().is_some());
                n += usize::from(on.formula().is_some());
                n += usize::from(on.not_applicable().is_some());
                n += on.checks().len();
            }
            black_box(n)
        })
    });
    c.bench_function("rules/direction of a bare value, 77 seed indicators", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for (indicator, _, _) in &seed {
                let on = rules.apply(Facts {
                    indicator: Some(indicator),
                    ..Facts::default()
                });
                n += usize::from(on.direction().is_some());
            }
            black_box(n)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
