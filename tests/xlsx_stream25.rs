//! A workbook's JSON lines written as its projects are scored (issues 27/28, session 25, H184).
//!
//! A workbook is read whole (it is not streamed as a text sheet is: benches/README.md, H173 and
//! H184), but its JSON lines no longer wait in a temporary file until the last project is
//! scored: the format has nothing to write before its projects, so each project's lines go
//! straight to the output. Before, a workbook of 163,579 indicators spooled 98 MB to a
//! temporary file, and the shared disk made 4 s of a run of 1.3 s of CPU.
//!
//! The test runs `jixiao evaluate BOOK.xlsx --format jsonl` with standard output a pipe and the
//! process allowed no file larger than [`FILE_LIMIT`] (`RLIMIT_FSIZE`, its signal ignored so
//! that a write past it fails instead of killing the process): a report of some hundreds of KB
//! must arrive whole, and be the same sheet's report as a text sheet (streamed), line for line
//! but for each line's `source` (a workbook's cells are named by sheet and address).
//! `XLSX_STREAM25_BIN` runs another build (the anchor spools, its write fails, and the test
//! fails).

#![cfg(target_os = "linux")]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The largest file the process may write (bytes): far less than the report.
const FILE_LIMIT: u64 = 16 * 1024;
/// Projects of the generated sheet, and indicators in each.
const PROJECTS: usize = 300;
const PER_PROJECT: usize = 5;

/// The binary run: this build's, or `XLSX_STREAM25_BIN`.
fn binary() -> PathBuf {
    std::env::var_os("XLSX_STREAM25_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_jixiao")))
}

/// The header and the rows of a flat self-evaluation sheet of [`PROJECTS`] projects, the actual
/// of each indicator a figure (written as a number in the workbook) that differs from row to
/// row, some under their targets.
fn rows() -> (Vec<&'static str>, Vec<[String; 7]>) {
    let head = vec![
        "单位",
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
    ];
    let mut rows = Vec::new();
    for p in 0..PROJECTS {
        for i in 0..PER_PROJECT {
            let k = p * PER_PROJECT + i;
            rows.push([
                format!("专项资金{p:03}"),
                "产出指标".to_owned(),
                "数量指标".to_owned(),
                format!("完成第{i}项任务数"),
                format!("≥{}个", 40 + i),
                (35 + k % 17).to_string(),
                "20".to_owned(),
            ]);
        }
    }
    (head, rows)
}

/// The unit every row names.
const UNIT: &str = "市财政局";

/// The sheet as a text sheet (`.tsv`) and as a one-sheet workbook (figures as numbers) in `dir`.
fn sheets(dir: &Path) -> (PathBuf, PathBuf) {
    let (head, rows) = rows();
    let mut text = head.join("\t") + "\n";
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("header cell");
    }
    for (r, row) in rows.iter().enumerate() {
        text += UNIT;
        let r = r as u32 + 1;
        ws.write_string(r, 0, UNIT).expect("unit cell");
        for (c, cell) in row.iter().enumerate() {
            text.push('\t');
            text += cell;
            let c = c as u16 + 1;
            match cell.parse::<f64>() {
                Ok(n) => ws.write_number(r, c, n),
                Err(_) => ws.write_string(r, c, cell),
            }
            .expect("cell");
        }
        text.push('\n');
    }
    let (tsv, xlsx) = (dir.join("sheet.tsv"), dir.join("sheet.xlsx"));
    std::fs::write(&tsv, text).expect("text sheet");
    wb.save(&xlsx).expect("workbook");
    (tsv, xlsx)
}

/// `jixiao evaluate INPUT --format jsonl` to a pipe, allowed no file past [`FILE_LIMIT`] where
/// `limited`.
fn jsonl(input: &Path, limited: bool) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(binary());
    cmd.args([OsStr::new("evaluate"), input.as_os_str()])
        .args(["--format", "jsonl"])
        .current_dir(input.parent().expect("dir"))
        .stdin(Stdio::null());
    if limited {
        // SAFETY: setrlimit and signal are async-signal-safe; the closure runs in the forked
        // child before exec and allocates nothing
        unsafe {
            cmd.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: FILE_LIMIT,
                    rlim_max: FILE_LIMIT,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                Ok(())
            });
        }
    }
    cmd.output().expect("runs jixiao")
}

/// The lines of a report, each without its `source` object.
fn without_sources(out: &Output) -> Vec<String> {
    let text = std::str::from_utf8(&out.stdout).expect("UTF-8");
    text.lines()
        .map(|line| match line.find(",\"source\":{") {
            Some(at) => {
                let end = line[at..].find('}').map_or(line.len(), |e| at + e + 1);
                format!("{}{}", &line[..at], &line[end..])
            }
            None => line.to_owned(),
        })
        .collect()
}

#[test]
fn a_workbooks_json_lines_reach_the_output_with_no_file_written_beside_it() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (tsv, xlsx) = sheets(dir.path());
    let limited = jsonl(&xlsx, true);
    let stderr = String::from_utf8_lossy(&limited.stderr);
    assert!(
        limited.status.code().is_some_and(|c| c <= 1),
        "the run allowed no file past {FILE_LIMIT} bytes failed: {:?}\n{stderr}",
        limited.status
    );
    assert!(
        limited.stdout.len() as u64 > 8 * FILE_LIMIT,
        "a report of {} bytes is too small to tell",
        limited.stdout.len()
    );
    // the bytes of a run free to write files
    let free = jsonl(&xlsx, false);
    assert_eq!(
        String::from_utf8_lossy(&limited.stdout),
        String::from_utf8_lossy(&free.stdout),
        "the report differs from a run free to write files"
    );
    // and the text sheet's report, but for where each row is
    let (book, text) = (
        without_sources(&limited),
        without_sources(&jsonl(&tsv, false)),
    );
    assert!(
        text.len() > PROJECTS * PER_PROJECT,
        "{} lines for {} indicators",
        text.len(),
        PROJECTS * PER_PROJECT
    );
    let first_apart = book.iter().zip(&text).position(|(b, t)| b != t);
    assert_eq!(
        first_apart, None,
        "the book's report and the text sheet's part"
    );
    assert_eq!(
        book.len(),
        text.len(),
        "the book's report and the text sheet's lines"
    );
    assert!(
        book.last().is_some_and(|l| l.contains("\"summary\"")),
        "the last line is not the summary: {:?}",
        book.last()
    );
}
