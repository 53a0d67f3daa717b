//! Evaluation speed: the bundled sample (29 projects, 77 indicators, with its illustrative
//! actuals) read once, then evaluated and rendered in a loop; and the streaming path per
//! indicator: a generated sheet (`jixiao::synth`, 2000 projects) cut into its blocks once, then
//! each block read, evaluated and written as JSON lines in a loop, on one core. Figures go into
//! benches/README.md. The allocator is the binary's (mimalloc).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jixiao::eval::{self, ActualsFile, Methodology};
use jixiao::report::json;
use jixiao::rules::RuleSet;
use jixiao::table::{self, ReadOptions};

#[cfg(not(windows))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let opts = eval::Options::new(&m, rules);
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
    forms(c);
    streaming(c, false);
    streaming(c, true);
}

/// One core's work per indicator in streaming evaluation: read a block, evaluate, write lines;
/// on a sheet whose actuals repeat (synth's default) and, `varied`, on one whose actuals rarely
/// do (every actual a different figure, as in real tables: the memos of scoring seldom serve).
fn streaming(c: &mut Criterion, varied: bool) {
    use jixiao::eval::evaluate::{ParseCache, Taken, evaluate_each};
    use jixiao::synth::{Rng, Spec, Vocabulary, write_sheet};
    use jixiao::table::stream::{FillDown, Opened, open, read_block};

    let spec = Spec {
        projects: 2000,
        varied_actuals: varied,
        ..Spec::default()
    };
    let mut sheet = Vec::new();
    write_sheet(
        &Vocabulary::bundled(&mut Rng::new(spec.seed)),
        spec,
        &mut sheet,
    )
    .unwrap();
    let name = if varied { "varied" } else { "repeating" };
    let path = format!("target/bench-synth-2000-{name}.tsv");
    let path = Path::new(&path);
    std::fs::write(path, &sheet).unwrap();
    let Ok(Opened::Stream(mut stream)) = open(path, &ReadOptions::default()) else {
        panic!("the generated sheet streams")
    };
    let head = stream.head();
    let mut blocks = Vec::new();
    while let Some(b) = stream.next_block().unwrap() {
        blocks.push(b);
    }
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let opts = eval::Options::new(&m, rules);
    let mut cache = ParseCache::default();
    let mut lines = Vec::with_capacity(sheet.len() * 8);
    let mut writer = json::LineWriter::default();
    // as a streaming worker does: each project written as soon as it is scored
    let mut run = |cache: &mut ParseCache, lines: &mut Vec<u8>| {
        lines.clear();
        let mut state = FillDown::default();
        let mut n = 0;
        for block in &blocks {
            let read = read_block(&head, block, state).unwrap();
            state = read.end.clone();
            let taken: Vec<Taken<'_>> = read.doc.projects().map(|(_, p)| Taken::none(p)).collect();
            let mut differences = Vec::new();
            let each = |p: jixiao::report::model::ProjectReport| {
                n += p.counts.indicators;
                writer.append_project(&p, lines);
            };
            evaluate_each(
                &read.doc,
                taken,
                None,
                None,
                &opts,
                cache,
                &mut differences,
                each,
            );
        }
        n
    };
    let indicators = run(&mut cache, &mut lines);
    let mut group = c.benchmark_group("stream");
    group.throughput(Throughput::Elements(indicators as u64));
    group.bench_function(
        format!("{name}_sheet_{indicators}_indicators_read_evaluate_write"),
        |b| b.iter(|| black_box(run(&mut cache, &mut lines))),
    );
    group.finish();
}

/// Reading published forms (contract §4.4): the real form of `samples/yongde-2022-form` as xlsx and
/// as Word, one form in every other format (xls, Word 97–2003, a Word-style web page in GBK,
/// LibreOffice's web page, `.mhtml`, a GBK CSV, a site's page holding two forms), the stacked
/// workbook of two forms, and a workbook of fifty forms (the sample table's
/// template, 29 forms, written by `jixiao template`), each from its bytes in memory.
fn forms(c: &mut Criterion) {
    let mut group = c.benchmark_group("forms");
    let read = |name: &str, bytes: &[u8]| table::read_bytes(name, bytes, &ReadOptions::default());
    for (label, path) in [
        (
            "form_xlsx_9_indicators",
            "samples/yongde-2022-form/selfeval.xlsx",
        ),
        (
            "form_docx_9_indicators",
            "samples/yongde-2022-form/selfeval.docx",
        ),
        (
            "two_forms_stacked_xlsx",
            "tests/fixtures/forms/variants/v01-stacked.xlsx",
        ),
        // one form in every other format (tests/fixtures/formats/make.py made them)
        (
            "form_xls_9_indicators",
            "tests/fixtures/forms/f03-yongde-minglang-school-2022-selfeval.xls",
        ),
        (
            "form_doc_9_indicators",
            "tests/fixtures/formats/f03-yongde-minglang-school-2022-selfeval.doc",
        ),
        (
            "form_word_html_gbk_9_indicators",
            "tests/fixtures/formats/f03-yongde-minglang-school-2022-selfeval.word-gbk.htm",
        ),
        (
            "form_calc_html_9_indicators",
            "tests/fixtures/formats/f03-yongde-minglang-school-2022-selfeval.calc.html",
        ),
        (
            "form_mhtml_9_indicators",
            "tests/fixtures/formats/f01.mhtml",
        ),
        (
            "form_csv_gbk_9_indicators",
            "tests/fixtures/forms/f01-tianchang-water-2022-selfeval-gbk.csv",
        ),
        (
            "site_page_two_forms_html",
            "tests/fixtures/formats/two-forms-site.html",
        ),
    ] {
        let bytes = std::fs::read(path).unwrap();
        read(path, &bytes).expect("form reads");
        group.bench_function(label, |b| {
            b.iter(|| black_box(read(path, black_box(&bytes))))
        });
    }
    let doc = table::read_path(
        Path::new("samples/guangzhou-hpf-2023/targets.tsv"),
        &ReadOptions::default(),
    )
    .unwrap();
    let bytes =
        jixiao::report::form_workbook::workbook(&eval::actuals_file::fill_forms(&doc, Some(2023)))
            .unwrap();
    group.throughput(Throughput::Elements(29));
    group.bench_function("workbook_of_29_forms", |b| {
        b.iter(|| black_box(read("forms.xlsx", black_box(&bytes))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
