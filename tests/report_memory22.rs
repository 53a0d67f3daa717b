//! Memory of the JSON report of one long project (issue 27, session 22): the whole-document
//! JSON is written a project at a time as the projects are scored (`report::sections`), and
//! a long project's own part is handed on a line at a time, never gathered whole; a project
//! with no total (待评定) is written an indicator at a time, never as one tree of them all.
//!
//! `jixiao evaluate SHEET --format json` runs as a process on a hand-written text sheet of one
//! project of 80,000 rows whose 1 KB unit and project names are filled down, its peak resident
//! memory taken from the kernel (`wait4`'s `ru_maxrss` of that one child, mimalloc's freed pages
//! given back at once), and compared with the streamed JSON lines of the same sheet
//! (`--format jsonl`, which never holds the project's report): a relative floor, never a time.
//! Before, the scored project's JSON part (some 50 MB) was gathered in one buffer grown by
//! doubling (1.4–1.6 times the lines' peak at 60,000 rows), and the project with no total was
//! made one `serde_json::Value` tree of every indicator (3.6–4 times).

#![cfg(target_os = "linux")]

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "support/evaluate_peak.rs"]
mod evaluate_peak;
use evaluate_peak::jixiao_peak_kb_with;

/// Rows of the one project.
const ROWS: usize = 80_000;

/// A sheet of one project of [`ROWS`] rows (target `target`, actual `actual`), its 1 KB unit
/// and project names written on the first row only (filled down), in `target/report-memory22`.
fn one_long_project(file: &str, target: &str, actual: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/report-memory22");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(file);
    let name = "某某".repeat(166);
    let tmp = tempfile::NamedTempFile::new_in(&dir).expect("sheet file");
    let mut out = std::io::BufWriter::new(tmp);
    writeln!(
        out,
        "单位名称\t项目名称\t一级指标\t三级指标\t年度指标值\t实际完成值"
    )
    .unwrap();
    for i in 0..ROWS {
        let (unit, project) = if i == 0 {
            (format!("{name}单位"), format!("{name}项目"))
        } else {
            (String::new(), String::new())
        };
        writeln!(
            out,
            "{unit}\t{project}\t效益指标\t指标{i}\t{target}\t{actual}"
        )
        .unwrap();
    }
    let tmp = out.into_inner().expect("flush");
    // renamed into place: the tests of this binary run at once
    tmp.persist(&path).expect("sheet in place");
    path
}

/// The lowest of two peaks (MB) of `jixiao evaluate SHEET --format FORMAT -o OUT`.
fn peak_mb(sheet: &Path, format: &str) -> f64 {
    let out = sheet.with_extension(format);
    let args: Vec<&OsStr> = vec![
        "evaluate".as_ref(),
        sheet.as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    (0..2)
        .map(|_| {
            let (kb, code) = jixiao_peak_kb_with(&args, &[("MIMALLOC_PURGE_DELAY", "0")]);
            assert!(code <= 1, "{format} exit {code}");
            kb as f64 / 1024.0
        })
        .fold(f64::MAX, f64::min)
}

/// The JSON report's peak on `sheet` at most `times` the streamed lines' peak (the JSON run
/// holds the project's rows and its report while it is written; the lines' run neither).
fn json_within_lines(sheet: &Path, times: f64) {
    let json = peak_mb(sheet, "json");
    let lines = peak_mb(sheet, "jsonl");
    let out = std::fs::metadata(sheet.with_extension("json"))
        .expect("json written")
        .len();
    assert!(out > 20_000_000, "the JSON report is {out} bytes");
    eprintln!(
        "json {json:.0} MB, jsonl {lines:.0} MB ({:.2}×)",
        json / lines
    );
    assert!(
        json <= times * lines,
        "json {json:.0} MB against jsonl {lines:.0} MB ({:.2}×)",
        json / lines
    );
}

#[test]
fn the_json_of_one_long_scored_project_holds_no_more_than_its_lines() {
    // 2.1× before (release; 1.24× after, 1.26× in a debug build)
    json_within_lines(&one_long_project("scored.tsv", "≥100人", "120人"), 1.5);
}

#[test]
fn the_json_of_one_long_project_with_no_total_holds_no_tree_of_its_rows() {
    // 4.9× before (release; 1.23× after, 1.31× in a debug build)
    json_within_lines(&one_long_project("pending.tsv", "群众满意", "较好"), 1.5);
}
