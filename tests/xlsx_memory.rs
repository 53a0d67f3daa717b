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

/// The lowest of `rounds` peaks (bytes) and the exit code of `jixiao VERB SHEET ARGS…` with
/// `envs`, its output to a file in the sheet's folder.
fn peak(
    verb: &str,
    sheet: &Path,
    args: &[&str],
    envs: &[(&str, &str)],
    rounds: usize,
) -> (f64, i32) {
    // an output of this call's own: the tests run at once on one sheet, and `template` refuses
    // to replace an output the other test's `evaluate` just wrote
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let out = sheet.with_extension(format!("{verb}-{call}.out"));
    let mut all: Vec<&OsStr> = vec![verb.as_ref(), sheet.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    all.extend(["-o".as_ref(), out.as_os_str()]);
    let mut envs = envs.to_vec();
    envs.push(("MIMALLOC_PURGE_DELAY", "0"));
    (0..rounds)
        .map(|_| {
            // `template` does not overwrite its output
            let _ = std::fs::remove_file(&out);
            jixiao_peak_kb_with(&all, &envs)
        })
        .map(|(kb, code)| (kb as f64 * 1024.0, code))
        .fold((f64::MAX, 0), |(low, _), (kb, code)| (low.min(kb), code))
}

/// The whole table's JSON report: the floor a text sheet's xlsx report is measured above.
const JSON_WHOLE: &[&str] = &["--format", "json", "--no-streaming"];

#[test]
fn an_xlsx_past_its_limits_is_refused_before_its_report_is_made() {
    let s = sheet(3_000);
    let input = std::fs::metadata(&s).expect("sheet").len() as f64;
    let limit = [("JIXIAO_MAX_XLSX_PROJECTS", "10")];
    // the floor: the table read whole and evaluated, its JSON report written (what every
    // whole-table format does before its own part; `template`, the floor until H141, now reads
    // a text sheet a block at a time)
    let (floor, code) = peak("evaluate", &s, JSON_WHOLE, &[], 2);
    assert!(code <= 1, "json exit {code}");
    for args in [
        &["--format", "xlsx"][..],
        &["--format", "xlsx", "--form-only"],
    ] {
        let (refused, code) = peak("evaluate", &s, args, &limit, 2);
        assert_eq!(code, 2, "{args:?} refused");
        // the report of 3 000 projects holds some 6 bytes an input byte; refused after it was
        // made (as before), the run cost more than reading (a621d67's debug build: 41.3 MB
        // against 34.6 MB, 5.3 bytes an input byte above; `--form-only` was not refused at
        // all, and wrote its workbook). Then 28.4 MB against `template`'s 33.7 MB; against the
        // whole JSON report's run (the floor since `template` reads a block at a time), 32.6
        // against 31.1 MB in the twentieth session's debug build (1.2 bytes an input byte;
        // release: 9c7862a 1.5, now 1.1–1.5), where the workbook made would add some 6
        let above = (refused - floor) / input;
        assert!(
            above < 2.5,
            "{args:?}: refused at {:.1} MB, the JSON report's run {:.1} MB: {above:.1} bytes an input byte above it",
            refused / 1e6,
            floor / 1e6
        );
    }
}

#[test]
fn an_xlsx_report_holds_its_sheets_parts_out_of_memory() {
    let s = sheet(3_000);
    let input = std::fs::metadata(&s).expect("sheet").len() as f64;
    let (floor, code) = peak("evaluate", &s, JSON_WHOLE, &[], 2);
    assert!(code <= 1, "json exit {code}");
    let (xlsx, code) = peak("evaluate", &s, &["--format", "xlsx"], &[], 2);
    assert!(code <= 1, "exit {code}");
    // above reading the table: its report and the workbook being built. a621d67's debug build:
    // 58.0 MB against 34.6 MB, 18.9 bytes an input byte (each project sheet's deflated part,
    // some 1.5 KB, held until the workbook was saved, and the sheet list's room beside the
    // 汇总 being built); then 51.1 MB against `template`'s 33.7 MB, 14.0; in the twentieth
    // session 49.2 MB against the whole JSON report's run, 31.1 MB (the floor since `template`
    // reads a text sheet a block at a time): 14.6
    let above = (xlsx - floor) / input;
    assert!(
        above < 16.0,
        "the xlsx report at {:.1} MB, the JSON report's run {:.1} MB: {above:.1} bytes an input byte above it",
        xlsx / 1e6,
        floor / 1e6
    );
}

/// A self-evaluation sheet of `projects` projects of one indicator each (about 110 bytes a
/// project: `reproduce27.py`'s `projects_sheet`, where the workbook's list of sheets weighs
/// most), written once into `target/`.
fn one_indicator_projects(projects: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("xlsx-memory-tests");
    std::fs::create_dir_all(&dir).expect("target dir");
    let path = dir.join(format!("one-indicator-{projects}.csv"));
    let mut text = String::from(
        "2023年度项目支出绩效自评表\n单位名称：示例街道办事处\n项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,得分,偏差原因,全年预算数,全年执行数\n",
    );
    for i in 0..projects {
        text.push_str(&format!(
            "项目{i},,,,,,,,10,9,,100,90\n项目{i},产出指标,数量指标,服务人次,≥,5000,人次,5230,20,20,,,\n"
        ));
    }
    // written beside it and renamed into place (the tests of this binary run at once)
    let tmp = tempfile::NamedTempFile::new_in(&dir).expect("sheet file");
    std::fs::write(tmp.path(), text).expect("writes the sheet");
    tmp.persist(&path).expect("sheet in place");
    path
}

#[test]
fn an_xlsx_report_of_many_small_projects_holds_a_small_record_a_packed_sheet() {
    // issue 27 (reproduce27's xlsx at the 10,000-project limit: 88.9 MB for a 1.1 MB sheet):
    // each packed project sheet was held by value in the workbook's list until it was saved,
    // 2.6 KB a sheet of fields no saving step reads (rust_xlsxwriter's `Worksheet`); the fork
    // now drops all but the few that saving reads when a sheet is packed
    let projects = 4_000;
    let s = one_indicator_projects(projects);
    // the floor: the whole JSON report's run, as above (`template` holds a project's names
    // once since H141, so it fell below the table the report holds: 5.7 KB a project above it
    // in the twentieth session's debug build; above the JSON report's run, release builds:
    // 4,630 bytes at 9c7862a, 4,638 after)
    let (floor, code) = peak("evaluate", &s, JSON_WHOLE, &[], 2);
    assert!(code <= 1, "json exit {code}");
    let (xlsx, code) = peak("evaluate", &s, &["--format", "xlsx"], &[], 2);
    assert!(code <= 1, "exit {code}");
    let per_project = (xlsx - floor) / projects as f64;
    assert!(
        per_project < BOUND_PER_PROJECT,
        "the xlsx report at {:.1} MB, the JSON report's run {:.1} MB: {per_project:.0} bytes a project above it",
        xlsx / 1e6,
        floor / 1e6
    );
}

/// Bytes a project the xlsx report of one-indicator projects may hold above reading its table
/// (debug build, `MIMALLOC_PURGE_DELAY=0`): a621d67's 6,044 (the sheet list's 2.6 KB a sheet
/// among them).
const BOUND_PER_PROJECT: f64 = 5_000.0;
