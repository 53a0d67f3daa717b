//! Memory of the xlsx report (issue 27): a workbook past its limits is refused at the cost of
//! reading the table, before its report is made and held; a workbook within them holds its
//! project sheets' deflated parts in a temporary file, not in memory.
//!
//! `jixiao evaluate SHEET --format xlsx` runs as a process on generated sheets, its peak
//! resident memory taken from the kernel (`wait4`'s `ru_maxrss` of that one child, with
//! mimalloc's freed pages given back at once: what the code holds). One run's peak moves by
//! some hundreds of kB with the machine's load: a run past a bound is repeated (at most three
//! rounds, the lowest peak of each kept).

#![cfg(target_os = "linux")]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use jixiao::synth::Spec;

// the support module's other helpers are for the other memory tests
#[allow(dead_code)]
#[path = "support/evaluate_peak.rs"]
mod evaluate_peak;
use evaluate_peak::{generated_sheet, jixiao_peak_kb_with};

/// A generated self-evaluation sheet of `projects` projects.
fn sheet(projects: usize) -> PathBuf {
    let spec = Spec {
        projects,
        indicators: None,
        projects_per_unit: 7,
        seed: 59,
        varied_actuals: false,
    };
    generated_sheet("xlsx-memory-tests", &format!("sheet-{projects}.tsv"), spec)
}

/// The lowest of `rounds` peaks (bytes) and the exit code of `jixiao evaluate SHEET ARGS…`
/// with `envs`, its output to `OUT` in the sheet's folder.
fn peak(sheet: &Path, args: &[&str], envs: &[(&str, &str)], rounds: usize) -> (f64, i32) {
    let out = sheet.with_extension("out");
    let mut all: Vec<&OsStr> = vec!["evaluate".as_ref(), sheet.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    all.extend(["-o".as_ref(), out.as_os_str()]);
    let mut envs = envs.to_vec();
    envs.push(("MIMALLOC_PURGE_DELAY", "0"));
    (0..rounds)
        .map(|_| jixiao_peak_kb_with(&all, &envs))
        .map(|(kb, code)| (kb as f64 * 1024.0, code))
        .fold((f64::MAX, 0), |(low, _), (kb, code)| (low.min(kb), code))
}

#[test]
fn an_xlsx_past_its_limits_is_refused_before_its_report_is_made() {
    let s = sheet(3_000);
    let input = std::fs::metadata(&s).expect("sheet").len() as f64;
    let limit = [("JIXIAO_MAX_XLSX_PROJECTS", "10")];
    // the floor: the table read whole, evaluated, its report held (the lines written as they go)
    let (floor, code) = peak(&s, &["--format", "jsonl", "--no-streaming"], &[], 2);
    assert!(code <= 1, "exit {code}");
    for args in [
        &["--format", "xlsx"][..],
        &["--format", "xlsx", "--form-only"],
    ] {
        let (refused, code) = peak(&s, args, &limit, 2);
        assert_eq!(code, 2, "{args:?} refused");
        // the report of 3 000 projects holds some 6 bytes an input byte; refused after it was
        // made (as before), the run cost the floor or more (a621d67's debug build: 42.2 MB
        // against a floor of 37.2 MB, 4 bytes an input byte above it; `--form-only` was not
        // refused at all, and wrote its 57 MB-peak workbook). Now 28.6 MB against 35.4 MB
        // (5.3 bytes an input byte below)
        let below = (floor - refused) / input;
        assert!(
            below > 3.0,
            "{args:?}: refused at {:.1} MB, the floor {:.1} MB: {below:.1} bytes an input byte below it",
            refused / 1e6,
            floor / 1e6
        );
    }
}
