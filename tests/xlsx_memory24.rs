//! The `.xlsx` input of a flat sheet streamed as a text sheet is (issues 27/28, session 24): the
//! target the xlsx reader is to meet, written down as a test before the reader meets it.
//!
//! A generated sheet (varied actuals, so nothing repeats) is written as a text sheet and as a
//! one-sheet `.xlsx` of the same cells, as a bureau's export holds them (text in the
//! shared-string table, figures as numbers, `0.00` where written so, a merged title row after
//! `<sheetData>`), its **sheet part before `sharedStrings.xml` in the zip** (the order Excel
//! does not promise: a streaming reader must still read it, bounded). `jixiao evaluate
//! BOOK.xlsx --format jsonl` runs as a process on two sizes, its peak resident memory taken
//! from the kernel (`wait4`'s `ru_maxrss` of that one child: `support/evaluate_peak.rs`), and
//! what is asserted is how the peak grows with the indicators (a slope, never a time): at
//! most [`BYTES_AN_INDICATOR`], where a text sheet streamed grows by some 30. Its report must
//! be the text sheet's, line for line, but for each line's `source` (a workbook's cells are
//! named by sheet, row and column: `"cell":"F4","sheet":…`).
//!
//! **Ignored: the reader does not meet it yet.** An `.xlsx` is read whole (its cells laid out
//! as one synthetic text, every row built at once for the layout readers, the document held
//! through evaluation): measured on the release build of `8737cee` (H173, benches/README.md),
//! 1,058 bytes an indicator between 163,579 and 327,160 indicators (184 → 353 MB; the text
//! sheet 44 → 46 MB). This build is the same. Run it with
//! `cargo test --release --test xlsx_memory24 -- --ignored --nocapture`; `XLSX_MEMORY24_BIN`
//! measures another build. What streaming needs is in benches/README.md (H173).

#![cfg(target_os = "linux")]

use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::synth::Spec;

#[path = "support/evaluate_peak.rs"]
mod evaluate_peak;
use evaluate_peak::{evaluate_peak_kb, generated_sheet};

/// Indicators of the smaller sheet.
const SMALL: usize = 20_000;
/// Indicators of the larger sheet.
const LARGE: usize = 100_000;
/// Bytes of peak memory an indicator may add between the two sizes: a small multiple of the
/// text sheet's streamed growth (some 30 bytes), far below a document held whole (some 1,000).
const BYTES_AN_INDICATOR: f64 = 150.0;

/// The directory under `target/` the sheets and books are written to.
const DIR: &str = "xlsx-memory24";

/// A generated text sheet of about `indicators` indicators whose actuals rarely repeat.
fn sheet(indicators: usize) -> PathBuf {
    let spec = Spec {
        projects: usize::MAX,
        indicators: Some(indicators),
        projects_per_unit: 7,
        seed: 24,
        varied_actuals: true,
    };
    generated_sheet(DIR, &format!("varied-{indicators}.tsv"), spec)
}

/// The A1 letters of 0-based column `k`.
fn column(k: usize) -> String {
    let (mut k, mut s) = (k + 1, Vec::new());
    while k > 0 {
        let r = (k - 1) % 26;
        s.push(b'A' + r as u8);
        k = (k - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// Whether `text` reads as a plain decimal (a number cell), and whether it shows two places.
fn number(text: &str) -> Option<bool> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match digits.split_once('.') {
        Some((whole, places)) => (plain(whole) && plain(places)).then_some(places.len() == 2),
        None => plain(digits).then_some(false),
    }
}

/// XML text escaped.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The text sheet `tsv` as a one-sheet `.xlsx` beside it (`benches/tsv_to_xlsx.py` in Rust):
/// its sheet part written first, as its rows are read, then the shared strings.
fn book_of(tsv: &Path) -> PathBuf {
    let path = tsv.with_extension("xlsx");
    let tmp = tempfile::NamedTempFile::new_in(tsv.parent().expect("dir")).expect("book file");
    let mut z = zip::ZipWriter::new(std::io::BufWriter::new(tmp));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    z.start_file("xl/worksheets/sheet1.xml", o).expect("sheet");
    z.write_all(SHEET_HEAD.as_bytes()).expect("sheet head");
    let (mut strings, mut order) = (HashMap::<String, usize>::new(), Vec::<String>::new());
    let mut width = 1;
    let lines = std::io::BufReader::new(std::fs::File::open(tsv).expect("sheet")).lines();
    for (r, line) in (1..).zip(lines) {
        let line = line.expect("a line");
        let mut row = format!("<row r=\"{r}\">");
        let cells: Vec<&str> = line.split('\t').collect();
        width = width.max(cells.len());
        for (c, text) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            let at = format!("{}{r}", column(c));
            row += &match number(text) {
                Some(two) => {
                    let style = if two { " s=\"1\"" } else { "" };
                    format!("<c r=\"{at}\"{style}><v>{text}</v></c>")
                }
                None => {
                    let next = order.len();
                    let i = *strings.entry((*text).to_owned()).or_insert(next);
                    if i == next {
                        order.push((*text).to_owned());
                    }
                    format!("<c r=\"{at}\" t=\"s\"><v>{i}</v></c>")
                }
            };
        }
        row += "</row>";
        z.write_all(row.as_bytes()).expect("row");
    }
    let merge = format!(
        "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:{}1\"/></mergeCells></worksheet>",
        column(width - 1)
    );
    z.write_all(merge.as_bytes()).expect("sheet tail");
    z.start_file("xl/sharedStrings.xml", o).expect("strings");
    let head = format!("{SST_HEAD} count=\"{0}\" uniqueCount=\"{0}\">", order.len());
    z.write_all(head.as_bytes()).expect("strings head");
    for s in &order {
        z.write_all(format!("<si><t>{}</t></si>", escape(s)).as_bytes())
            .expect("a string");
    }
    z.write_all(b"</sst>").expect("strings tail");
    for (name, bytes) in PARTS {
        z.start_file(name, o).expect("part");
        z.write_all(bytes.as_bytes()).expect("part written");
    }
    let out = z.finish().expect("book written");
    let tmp = out.into_inner().map_err(|e| e.into_error()).expect("flush");
    tmp.persist(&path).expect("book in place");
    path
}

/// The sheet's XML before its rows.
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;

/// The shared-string table's start tag, before its counts.
const SST_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#;

/// The workbook's parts but its sheet and shared strings.
const PARTS: [(&str, &str); 5] = [
    (
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="绩效自评表" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    ),
    (
        "xl/styles.xml",
        r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#,
    ),
];

/// The binary measured: this build's, or `XLSX_MEMORY24_BIN`.
fn binary() -> PathBuf {
    std::env::var_os("XLSX_MEMORY24_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_jixiao")))
}

/// The jsonl report of `jixiao evaluate INPUT`, each line without its `source` object.
fn report_without_sources(input: &Path) -> Vec<String> {
    let out = Command::new(binary())
        .args([OsStr::new("evaluate"), input.as_os_str()])
        .args(["--format", "jsonl"])
        .output()
        .expect("runs jixiao");
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
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
#[ignore = "the .xlsx input is still read whole (H173): run with --ignored to see how far"]
fn a_flat_xlsx_sheet_streams_in_memory_flat_in_its_indicators_as_its_text_sheet_reads() {
    let (small, large) = (sheet(SMALL), sheet(LARGE));
    let (small_book, large_book) = (book_of(&small), book_of(&large));
    // the report is the text sheet's, but for where each row is
    let (book, text) = (
        report_without_sources(&small_book),
        report_without_sources(&small),
    );
    assert!(
        text.len() > SMALL,
        "{} lines for {SMALL} indicators",
        text.len()
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
    let peak = |book: &Path| match std::env::var_os("XLSX_MEMORY24_BIN") {
        Some(_) => other_build_peak_kb(book),
        None => evaluate_peak_kb(book, &["--format", "jsonl", "-o", "/dev/null"]),
    };
    let (s, l) = (peak(&small_book), peak(&large_book));
    let grows = (l as f64 - s as f64) * 1024.0 / (LARGE - SMALL) as f64;
    eprintln!("xlsx jsonl: {SMALL} indicators {s} kB, {LARGE} {l} kB: {grows:.0} B an indicator");
    assert!(
        grows <= BYTES_AN_INDICATOR,
        "the peak grows by {grows:.0} bytes an indicator ({s} → {l} kB), bound {BYTES_AN_INDICATOR}"
    );
}

/// Peak resident memory (kB) of `XLSX_MEMORY24_BIN evaluate BOOK --format jsonl` (another
/// build), output discarded; the run must not fail.
fn other_build_peak_kb(book: &Path) -> u64 {
    use std::os::unix::process::ExitStatusExt;
    let child = Command::new(binary())
        .args([OsStr::new("evaluate"), book.as_os_str()])
        .args(["--format", "jsonl", "-o", "/dev/null"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("runs the other build");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data the kernel fills; the child is ours and not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(got, pid, "wait4");
    std::mem::forget(child); // waited for above
    let code = std::process::ExitStatus::from_raw(status).code();
    assert!(code.is_some_and(|c| c <= 1), "exit {code:?}");
    usage.ru_maxrss as u64
}
