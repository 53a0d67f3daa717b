//! Where a report's memory goes (a measuring helper, issue 27): a counting allocator around the
//! steps of `jixiao evaluate SHEET --format F` — the table read whole, the report built, and each
//! whole-document format rendered to a sink — printing the bytes each step holds and the peak
//! each render adds above what was held before it.
//!
//! `cargo run --example report_memory -- SHEET [FORMAT…]` (every format when none is named).
//!
//! First, on a text self-evaluation sheet, what the command line does now for the
//! whole-document formats (issue 27, H54): the sheet evaluated a block at a time
//! (`eval::blocks`), each project written to a spool as it is scored (`report::sections`),
//! the head, the projects and the tail written at the end.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(n, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        NOW.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                let n = NOW.fetch_add(new - l.size(), Relaxed) + new - l.size();
                PEAK.fetch_max(n, Relaxed);
            } else {
                NOW.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

use jixiao::eval::{Methodology, Options, evaluate};
use jixiao::report::{self, ReportFormat};
use jixiao::rules::RuleSet;

fn mb(b: usize) -> String {
    format!("{:.1} MB", b as f64 / 1e6)
}

/// The blocks' run of `format` on `path`: its peak, and what its report holds at the end.
fn in_blocks(
    path: &str,
    name: &str,
    format: ReportFormat,
    m: &Methodology,
    rules: &RuleSet,
    input: usize,
) {
    use jixiao::table::stream::{Opened, open};
    let base = NOW.load(Relaxed);
    PEAK.store(base, Relaxed);
    let Ok(Opened::Stream(stream)) = open(path.as_ref(), &Default::default()) else {
        println!("{name:>8}, in blocks: not a text sheet");
        return;
    };
    let sections = report::sections::of_format(format, &m.bands.value, None).expect("text");
    let mut spool = report::sections::Spool::new(sections).expect("a spool");
    let opts = Options::new(m, rules);
    let report =
        jixiao::eval::blocks::evaluate_blocks(*stream, None, None, &opts, |p| spool.project(p));
    let Some(report) = report else {
        println!("{name:>8}, in blocks: read whole after all");
        return;
    };
    let held = NOW.load(Relaxed) - base;
    spool
        .finish(&report, &mut std::io::sink())
        .expect("written");
    println!(
        "{name:>8}, in blocks: peak {} ({:.1}× input), the report's headlines held at the end {}",
        mb(PEAK.load(Relaxed) - base),
        (PEAK.load(Relaxed) - base) as f64 / input.max(1) as f64,
        mb(held)
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a sheet");
    let named: Vec<String> = args.collect();
    let formats = [
        ("table", ReportFormat::Table),
        ("markdown", ReportFormat::Markdown),
        ("json", ReportFormat::Json),
        ("jsonl", ReportFormat::Jsonl),
        ("csv", ReportFormat::Csv),
        ("html", ReportFormat::Html),
        ("xlsx", ReportFormat::Xlsx),
    ];
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let base = NOW.load(Relaxed);
    let input = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as usize;
    for (name, f) in formats {
        if (named.is_empty() || named.iter().any(|n| n == name))
            && matches!(
                f,
                ReportFormat::Table
                    | ReportFormat::Markdown
                    | ReportFormat::Json
                    | ReportFormat::Html
            )
        {
            in_blocks(&path, name, f, &m, rules, input);
        }
    }
    PEAK.store(base, Relaxed);
    let doc = jixiao::inputs::read_path(path.as_ref(), &Default::default()).expect("a table");
    let after_read = NOW.load(Relaxed);
    println!(
        "input {}; document held {} (peak while reading {})",
        mb(input),
        mb(after_read - base),
        mb(PEAK.load(Relaxed) - base)
    );
    PEAK.store(after_read, Relaxed);
    let report = evaluate(&doc, None, &Options::new(&m, rules));
    let after_eval = NOW.load(Relaxed);
    println!(
        "report {} indicators: held {} (peak while evaluating {})",
        report.summary.indicators,
        mb(after_eval - after_read),
        mb(PEAK.load(Relaxed) - after_read)
    );
    drop(doc);
    let held = NOW.load(Relaxed);
    println!(
        "report alone (document dropped) {} = {:.0} bytes an indicator",
        mb(held - base),
        (held - base) as f64 / report.summary.indicators.max(1) as f64
    );
    println!(
        "an indicator's report {} bytes, a project's {} bytes, a source {} bytes (without their texts)",
        std::mem::size_of::<jixiao::report::model::IndicatorReport>(),
        std::mem::size_of::<jixiao::report::model::ProjectReport>(),
        std::mem::size_of::<jixiao::report::model::SourceRef>(),
    );
    for (name, f) in formats {
        if !named.is_empty() && !named.iter().any(|n| n == name) {
            continue;
        }
        PEAK.store(NOW.load(Relaxed), Relaxed);
        let before = NOW.load(Relaxed);
        let mut sink = std::io::sink();
        let r = report::write(&report, f, &m.bands.value, &mut sink);
        println!(
            "{name:>8}: render peak +{} ({:.1}× input with the report){}",
            mb(PEAK.load(Relaxed) - before),
            (PEAK.load(Relaxed) - base) as f64 / input.max(1) as f64,
            if r.is_err() { " (refused)" } else { "" }
        );
    }
}
