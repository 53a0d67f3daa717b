//! The eighteenth probe of workbooks (H122, issue 27): cells read as something other than what
//! the form shows, or not read at all, without a word.
//!
//! - An `.xlsb` cell stored in a record calamine's reader skips (a rich string kept in its cell,
//!   `BrtCellRString`; a formula's cached error, `BrtFmlaError`) was not read: its row lost its
//!   actual (`missing`, 0 points) or its target. The hand-made workbook is
//!   `tests/fixtures/formats/cell-records.xlsb` (`cell_records_binary.py` says how); a row
//!   header past Excel's rows ended calamine's read of the sheet: now refused by name.
//! - A shared string or a Word text run far past the cell limit (deflated ~1000:1) was held
//!   whole, several times over, to be refused as `table.cell-too-long`: now cut one byte past
//!   the limit before it is read (`xml_cut`), its peak measured.

use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{inspect_peak_in, run, streamed_fields, whole_fields};
#[path = "support/books.rs"]
#[allow(dead_code)]
mod books;
use books::zip_of;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

/// Each indicator of `file`'s report in `format` (json or jsonl) as `[indicator, target,
/// actual, verdict, score]`.
fn indicators(file: &str, format: &str) -> Vec<[String; 5]> {
    let r = run(&fixtures(), &["evaluate", file, "--format", format]);
    assert_eq!(r.code, 0, "{file}: {}", r.stderr);
    let fields = ["indicator", "target", "actual", "verdict", "score"];
    if format == "json" {
        whole_fields(&r.stdout, fields)
    } else {
        streamed_fields(&r.stdout, fields)
    }
}

fn rows(rows: &[[&str; 5]]) -> Vec<[String; 5]> {
    rows.iter().map(|r| r.map(str::to_owned)).collect()
}

#[test]
fn an_xlsb_cell_calamine_skips_is_read_in_its_place() {
    let expected = rows(&[
        // a rich string in its cell, its runs in plain fonts
        ["培训人数", "≥500人", "520人", "pass", "20.00"],
        // the same with a raised footnote mark: to a person, never 801人
        ["受益人数", "≥500人", "80¹人", "review", ""],
        // the indicator's name and its target rich in their cells
        ["培训场次", "≥10次", "12次", "pass", "20.00"],
        // a formula's error is shown as Excel shows it, never an empty actual
        ["完成率", "100%", "#DIV/0!", "review", ""],
        // a formula's string (read by calamine: the control)
        ["满意度", "≥90%", "95%", "pass", "20.00"],
    ]);
    for format in ["json", "jsonl"] {
        assert_eq!(
            indicators("cell-records.xlsb", format),
            expected,
            "{format}"
        );
    }
}

/// An xlsx of one sheet whose cells name the shared strings `strings` by index (`rows`, each
/// a row's string indices), the shared strings part deflated.
fn xlsx_of_shared(strings: &[String], rows: &[&[usize]]) -> Vec<u8> {
    let mut sst = String::from(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    for s in strings {
        sst.push_str(&format!("<si><t>{s}</t></si>"));
    }
    sst.push_str("</sst>");
    let mut sheet = String::from(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, i) in row.iter().enumerate() {
            let col = char::from(b'A' + c as u8);
            sheet.push_str(&format!(r#"<c r="{col}{}" t="s"><v>{i}</v></c>"#, r + 1));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts: [(&str, &str); 6] = [
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
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        ),
        ("xl/sharedStrings.xml", &sst),
        ("xl/worksheets/sheet1.xml", &sheet),
    ];
    zip_of(&parts)
}

#[cfg(target_os = "linux")]
#[test]
fn a_shared_string_far_past_the_cell_limit_is_refused_on_its_row_holding_little_of_it() {
    // 40 MB of text deflated ~1000:1: the cell is refused anyway (`table.cell-too-long`), the
    // other row read; calamine held the string three times over and the cell twice (about
    // 190 MB at 40 MB, 1.4 GB at 300 MB)
    let strings: Vec<String> = [
        "项目名称",
        "指标名称",
        "年度指标值",
        "实际完成值",
        "甲",
        "培训人数",
        "≥100人",
        "120人",
        "说明",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(std::iter::once("a".repeat(40 << 20)))
    .collect();
    let bytes = xlsx_of_shared(&strings, &[&[0, 1, 2, 3], &[4, 5, 6, 7], &[4, 8, 6, 9]]);
    assert!(bytes.len() < 200_000, "{}", bytes.len());
    let d = reports::dir("probe18-workbooks", "long-shared");
    std::fs::write(d.join("long.xlsx"), bytes).unwrap();
    let (stdout, stderr, peak_kb) = inspect_peak(&d, "long.xlsx");
    // the process and a few copies of the limit (1 MB), never the string's 40 MB
    assert!(peak_kb < 40 * 1024, "peak {peak_kb} kB");
    // the size it gives is what was held of it: "at least"
    assert!(stderr.contains("单元格有 至少 1048577 字节"), "{stderr}");
    assert!(stdout.contains("培训人数"), "{stdout}\n{stderr}");
    assert!(stderr.contains("table.cell-too-long"), "{stderr}");
    std::fs::remove_dir_all(&d).ok();
}

/// A Word document whose body is `body` (the inside of `<w:body>`).
fn docx_of(body: &str) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let parts: [(&str, &str); 3] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", &doc),
    ];
    zip_of(&parts)
}

/// `inspect` of `file` in `d`: its stdout, stderr and peak resident memory in kB.
#[cfg(target_os = "linux")]
fn inspect_peak(d: &Path, file: &str) -> (String, String, u64) {
    inspect_peak_in(d, file)
}

#[cfg(target_os = "linux")]
#[test]
fn a_word_paragraph_far_past_the_cell_limit_is_read_holding_little_of_it() {
    // a paragraph of 40 MB of text before the form's table (deflated ~1000:1): quick-xml
    // buffered the run whole, and the reader held it again (about 1.2 GB at 400 MB)
    let row = books::word_row;
    let body = format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p><w:tbl>{}{}</w:tbl>",
        "a".repeat(40 << 20),
        row(&["项目名称", "指标名称", "年度指标值", "实际完成值"]),
        row(&["甲", "培训人数", "≥100人", "120人"]),
    );
    let d = reports::dir("probe18-workbooks", "long-word");
    std::fs::write(d.join("long.docx"), docx_of(&body)).unwrap();
    let (stdout, stderr, peak_kb) = inspect_peak(&d, "long.docx");
    assert!(peak_kb < 40 * 1024, "peak {peak_kb} kB\n{stdout}\n{stderr}");
    assert!(stdout.contains("培训人数"), "{stdout}\n{stderr}");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn an_xlsb_sheet_whose_cells_calamine_would_stop_before_is_refused_by_name() {
    // a row header past Excel's 1,048,576 rows before the last two rows: calamine's reader
    // ended the sheet there, and those rows were not read, without a word
    let r = run(&fixtures(), &["inspect", "cell-records-past-rows.xlsb"]);
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("行数上限"), "{}", r.stderr);
    // the same workbook without that header reads every row
    let r = run(&fixtures(), &["inspect", "cell-records.xlsb"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("满意度"), "{}", r.stdout);
}
