//! Memory per report format (issue 27): the whole-document formats (`table`, `markdown`,
//! `json`, `html`) are written as they are rendered, so a run costs what reading and
//! evaluating the table cost, and the rendering nothing that grows with the document.
//!
//! `jixiao evaluate SHEET --format F` runs as a process on two generated sheets (1 000 and
//! 3 000 projects: 0.4 and 1.2 MB), its peak resident memory taken from the kernel (`wait4`'s
//! `ru_maxrss` of that one child). The floor is the same run as `--format jsonl --no-streaming`
//! (the lines written as they go; since the ninth session a block at a time as the others,
//! `eval::blocks`: before, the table read whole and its report held). Two bounds:
//!
//! - **the render's own cost**: at the larger sheet each format's peak is within one byte per
//!   input byte of the floor. Before (d95a257, debug build) the document built as one `String`
//!   cost 10 bytes per input byte above the floor for `table`, 5.6 for `markdown`, 23.7 for
//!   `html`; now within a few hundred kB of the floor either way.
//! - **the growth per input byte** between the sheets, at most [`GROWTH`] for every format: what
//!   reading the table whole and holding its report cost (about 22 in a debug build, 17 of them
//!   the whole-table reader's `Document`; see benches/README.md, 2026-12-05 H41). Before,
//!   `table` grew by 30.5 a byte and `html` by 36.9.
//!
//! `--explain` (its rules after a table or Markdown report) is held to the same bounds: before
//! (edbb804) it held the whole report for them.
//!
//! One run's peak moves by some hundreds of kB with the machine's load: a run past a bound is
//! repeated (at most three rounds, the lowest peak of each kept). The runs take about 10 s in a
//! debug build.

#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};

use jixiao::synth::Spec;

/// Bytes of peak memory a byte of input may add, from the smaller sheet to the larger.
const GROWTH: f64 = 28.0;

#[path = "support/evaluate_peak.rs"]
mod evaluate_peak;
use evaluate_peak::{evaluate_peak_kb, generated_sheet};

/// A generated self-evaluation sheet of `projects` projects.
fn sheet(projects: usize) -> PathBuf {
    let spec = Spec {
        projects,
        indicators: None,
        projects_per_unit: 7,
        seed: 27,
        varied_actuals: false,
    };
    generated_sheet(
        "report-memory-tests",
        &format!("sheet-{projects}.tsv"),
        spec,
    )
}

/// Peak resident memory (bytes) of `jixiao evaluate SHEET ARGS…`, output discarded.
fn peak(sheet: &Path, args: &[&str]) -> f64 {
    evaluate_peak_kb(sheet, args) as f64 * 1024.0
}

const FLOOR: &[&str] = &["--format", "jsonl", "--no-streaming"];
const FORMATS: [&str; 4] = ["table", "markdown", "json", "html"];
/// `--explain`'s rules after a table or Markdown report: noted as each project is written
/// (`report::explain`, issue 27, H65). Before (edbb804) the whole report was held for them:
/// a release build's 20,000-project sheet (8.1 MB) took 125 MB with `--explain`, 43 MB without.
const EXPLAINED: [&[&str]; 2] = [
    &["--format", "table", "--explain"],
    &["--format", "markdown", "--explain"],
];

#[test]
fn whole_document_formats_cost_no_more_than_reading_and_evaluating() {
    let (small, large) = (sheet(1_000), sheet(3_000));
    let bytes = |p: &Path| std::fs::metadata(p).expect("sheet").len() as f64;
    let (small_bytes, large_bytes) = (bytes(&small), bytes(&large));
    let runs: Vec<Vec<&str>> = std::iter::once(FLOOR.to_vec())
        .chain(FORMATS.iter().map(|f| vec!["--format", *f]))
        .chain(EXPLAINED.iter().map(|a| a.to_vec()))
        .collect();
    // the lowest peak of each run over the rounds so far
    let mut peaks = vec![(f64::MAX, f64::MAX); runs.len()];
    let mut failures = Vec::new();
    for _round in 0..3 {
        for (run, low) in runs.iter().zip(peaks.iter_mut()) {
            low.0 = low.0.min(peak(&small, run));
            low.1 = low.1.min(peak(&large, run));
        }
        failures.clear();
        let floor = peaks[0];
        for (run, &(s, l)) in runs.iter().zip(&peaks) {
            let growth = (l - s) / (large_bytes - small_bytes);
            if growth > GROWTH {
                failures.push(format!(
                    "{run:?}: {growth:.1} bytes of memory per input byte (bound {GROWTH})"
                ));
            }
            let over = (l - floor.1) / large_bytes;
            if over > 1.0 {
                failures.push(format!(
                    "{run:?}: rendering costs {over:.1} bytes per input byte above reading and \
                     evaluating ({:.1} MB against {:.1} MB)",
                    l / 1e6,
                    floor.1 / 1e6
                ));
            }
        }
        if failures.is_empty() {
            break;
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
