//! Memory of the xlsx report of one long project read from a workbook (issue 27, session 23).
//!
//! `jixiao evaluate BOOK.xlsx --format xlsx -o OUT.xlsx` runs as a process on two workbooks
//! written here (one project, [`SMALL`] and [`LARGE`] indicator rows, each row's cells as a
//! bureau's export holds them), its peak resident memory taken from the kernel (`wait4`'s
//! `ru_maxrss` of that one child, mimalloc's freed pages given back at once). What is asserted
//! is how the peak grows with the rows: at most [`BYTES_A_ROW`] a row between the two sizes (a
//! slope, never a time; the fixed cost of the process cancels out).
//!
//! The project's sheet of the report is packed (assembled as XML and deflated) once its cells
//! are all written. Before, its whole XML (some 370 bytes a row) was assembled in memory beside
//! the cells; now a sheet reckoned to make 8 MB of XML or more is written to a temporary file as
//! it is assembled, each row's cells dropped once written, and read back once they are gone
//! (`Workbook::set_pack_scratch`, `vendor/rust_xlsxwriter`): the same bytes.
//!
//! `XLSX_MEMORY23_BIN=/path/to/jixiao` runs the same measure on another build (the anchor).

#![cfg(target_os = "linux")]

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Indicator rows of the smaller workbook.
const SMALL: u32 = 20_000;
/// Indicator rows of the larger workbook.
const LARGE: u32 = 60_000;
/// Bytes of peak memory a row may add between the two sizes. Measured: the anchor `b31814a`
/// (release) grows by 2,022 bytes a row; this build by 1,532 (release) and 1,520 (debug), the
/// XML it no longer holds (some 360 bytes a row) and the cells dropped as they are written
/// (benches/README.md, H160).
const BYTES_A_ROW: f64 = 1_800.0;

/// A one-sheet workbook of one project of `rows` indicator rows (its unit and project named
/// on the first row only, filled down as a bureau's export leaves them), in
/// `target/xlsx-memory23`. The sheet's XML (inline strings) is written into the zip as it is
/// made: the test process stays small (the child's peak as the kernel counts it starts from
/// the size of the process that starts it).
fn long_project_book(rows: u32) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/xlsx-memory23");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(format!("one-project-{rows}.xlsx"));
    // written beside it and renamed into place: the tests of this binary run at once
    let tmp = tempfile::NamedTempFile::new_in(&dir).expect("book file");
    let mut z = zip::ZipWriter::new(std::io::BufWriter::new(tmp));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, bytes) in PARTS {
        z.start_file(name, o).expect("part");
        z.write_all(bytes.as_bytes()).expect("part written");
    }
    z.start_file("xl/worksheets/sheet1.xml", o).expect("sheet");
    z.write_all(SHEET_HEAD.as_bytes()).expect("sheet head");
    let head = [
        "单位名称",
        "项目名称",
        "一级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
    ];
    write_row(&mut z, 1, &head.map(String::from));
    for i in 0..rows {
        let (unit, project) = match i {
            0 => ("某某单位", "某某项目"),
            _ => ("", ""),
        };
        let level = ["产出指标", "效益指标"][(i / 1_000 % 2) as usize];
        let cells = [
            unit.to_owned(),
            project.to_owned(),
            level.to_owned(),
            format!("培训{i}"),
            "≥100人".to_owned(),
            format!("{}人", 100 + i % 50),
        ];
        write_row(&mut z, i + 2, &cells);
    }
    z.write_all(b"</sheetData></worksheet>")
        .expect("sheet tail");
    let out = z.finish().expect("book written");
    let tmp = out.into_inner().map_err(|e| e.into_error()).expect("flush");
    tmp.persist(&path).expect("book in place");
    path
}

/// Sheet row `r` (from 1) of `cells`, the empty ones left out, as inline strings.
fn write_row(z: &mut impl Write, r: u32, cells: &[String]) {
    let mut row = format!("<row r=\"{r}\">");
    for (c, text) in (b'A'..).zip(cells) {
        if !text.is_empty() {
            let c = char::from(c);
            row += &format!("<c r=\"{c}{r}\" t=\"inlineStr\"><is><t>{text}</t></is></c>");
        }
    }
    row += "</row>";
    z.write_all(row.as_bytes()).expect("row");
}

/// The workbook's parts but its sheet.
const PARTS: [(&str, &str); 4] = [
    (
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    ),
];

/// The sheet's XML before its rows.
const SHEET_HEAD: &str = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;

/// The binary measured: this build's, or `XLSX_MEMORY23_BIN`.
fn binary() -> PathBuf {
    std::env::var_os("XLSX_MEMORY23_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_jixiao")))
}

/// Peak resident memory (kB) and exit code of `jixiao ARGS…`, output discarded.
fn peak_kb(args: &[&OsStr]) -> (u64, i32) {
    let child = Command::new(binary())
        .args(args)
        .env("MIMALLOC_PURGE_DELAY", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("runs jixiao");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data the kernel fills; the child is ours and not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(got, pid, "wait4");
    assert!(libc::WIFEXITED(status), "jixiao ended by a signal");
    std::mem::forget(child); // waited for above
    (usage.ru_maxrss as u64, libc::WEXITSTATUS(status))
}

/// The lowest of two peaks (bytes) of `jixiao evaluate BOOK --format xlsx -o OUT`, and the
/// report written.
fn xlsx_peak(book: &Path) -> f64 {
    let out = book.with_extension("report.xlsx");
    let args: Vec<&OsStr> = vec![
        "evaluate".as_ref(),
        book.as_os_str(),
        "--format".as_ref(),
        "xlsx".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    let peak = (0..2)
        .map(|_| {
            let (kb, code) = peak_kb(&args);
            assert!(code <= 1, "exit {code} on {}", book.display());
            kb as f64 * 1024.0
        })
        .fold(f64::MAX, f64::min);
    let written = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    assert!(written > 0, "no report written for {}", book.display());
    peak
}

#[test]
fn the_xlsx_report_of_a_long_project_grows_by_its_cells_not_its_xml_too() {
    let (small, large) = (long_project_book(SMALL), long_project_book(LARGE));
    let (a, b) = (xlsx_peak(&small), xlsx_peak(&large));
    let slope = (b - a) / f64::from(LARGE - SMALL);
    eprintln!(
        "peak {:.1} MB at {SMALL} rows, {:.1} MB at {LARGE}: {slope:.0} bytes a row",
        a / 1e6,
        b / 1e6
    );
    assert!(
        slope <= BYTES_A_ROW,
        "the xlsx report's peak grows by {slope:.0} bytes a row (at most {BYTES_A_ROW})"
    );
}
