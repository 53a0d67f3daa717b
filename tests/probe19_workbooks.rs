//! The nineteenth probe of workbooks (H135, issue 27): number formats that change what a cell
//! means, read the same in `.xlsx`, `.xls`, `.ods` and `.xlsb`.
//!
//! The fixtures `tests/fixtures/formats/formats19.*` are `tests/hostile/probe19_workbooks.py`'s:
//! a flat self-evaluation sheet, one actual a format, written by hand (`.xlsx`, `.xlsb`) and
//! converted by LibreOffice (`.xls`, `.ods`).
//!
//! - A percent format on a value that cannot be a fraction (`96` in `0.0%` shows `9600.0%`:
//!   someone typed the percentage itself) is read as shown, with a
//!   `table.percent-format-whole-number` warning at the cell naming the value held.
//! - A literal point among the integer digits (`0!.0000"万"`, `0"."0,"万"`: the Chinese
//!   forms' ten-thousands) shows 150000 as `15.0000万`: read so, with `table.display-scaled`.

use std::path::Path;

use jixiao::table::{self, Document, ReadOptions};

#[path = "support/books.rs"]
#[allow(dead_code)]
mod books;
#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use books::{actual, zip_of};

const BOOKS: [&str; 4] = [
    "formats19.xlsx",
    "formats19.xls",
    "formats19.ods",
    "formats19.xlsb",
];

fn read(name: &str) -> Document {
    books::read_fixture(name)
}

/// The cells of the findings of `code`, and their messages.
fn found(doc: &Document, code: &str) -> Vec<(String, String)> {
    doc.findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| (f.cell().unwrap_or("").to_owned(), f.message.to_string()))
        .collect()
}

#[test]
fn a_percent_format_on_a_whole_percentage_is_read_as_shown_with_a_warning() {
    for book in BOOKS {
        let doc = read(book);
        assert_eq!(actual(&doc, "完成率"), "9600.0%", "{book}");
        assert_eq!(actual(&doc, "偏差率"), "300.0%", "{book}");
        // a literal percent sign does not scale: 96 in `0"%"` is 96%, no warning
        assert_eq!(actual(&doc, "满意度"), "96%", "{book}");
        let whole = found(&doc, "table.percent-format-whole-number");
        let cells: Vec<&str> = whole.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(cells, ["F5", "F6"], "{book}: {whole:?}");
        assert!(
            whole[0]
                .1
                .starts_with("单元格存 96，其百分比格式显示为 9600.0%"),
            "{book}: {}",
            whole[0].1
        );
    }
}

#[test]
fn a_literal_point_among_the_digits_shows_ten_thousands_and_is_read_as_shown() {
    // the Chinese forms' 万: `0!.0000"万"` shows 150000 as 15.0000万, `0"."0,"万"` as 15.0万;
    // read as the digits held (150000.0000, no unit) or with the format's 万 after them
    // (`150000.0000万`: 15 亿, a pass of ≥20万元) before
    for book in BOOKS {
        let doc = read(book);
        assert_eq!(actual(&doc, "配套资金"), "15.0万", "{book}");
        // (LibreOffice's `.xls` and `.ods` write `0\!.0000\万`: read as the Excel format it
        // copies since the twentieth probe, `probe20_workbooks`)
        assert_eq!(actual(&doc, "筹集资金"), "15.0000万", "{book}");
        if book.ends_with(".xls") || book.ends_with(".ods") {
            continue;
        }
        let scaled = found(&doc, "table.display-scaled");
        let at = |cell: &str| {
            scaled
                .iter()
                .find(|(c, _)| c == cell)
                .map(|(_, m)| m.clone())
                .unwrap_or_else(|| panic!("{book}: no warning at {cell}: {scaled:?}"))
        };
        assert_eq!(
            at("F9"),
            "单元格存 150000，其数字格式以万为单位显示为 15.0000万；按显示值读取，请核对单位",
            "{book}"
        );
        assert!(at("F10").contains("以万为单位显示为 15.0万"), "{book}");
    }
}

/// An `.xlsx` of one sheet whose cells are `rows` of inline strings (`t="inlineStr"`).
fn xlsx_of_inline(rows: &[&[&str]]) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, text) in row.iter().enumerate() {
            let at = format!("{}{}", char::from(b'A' + c as u8), r + 1);
            sheet.push_str(&format!(
                r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", &sheet),
    ])
}

/// A Word document whose body is `body` (the inside of `<w:body>`).
fn docx_of(body: &str) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", &doc),
    ])
}

/// `inspect` of `bytes` written as `file`: its stdout, stderr and peak resident memory in kB.
#[cfg(target_os = "linux")]
fn inspect_peak(file: &str, bytes: &[u8]) -> (String, String, u64) {
    let d = std::env::temp_dir().join(format!("jixiao-probe19-{}-{file}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join(file), bytes).unwrap();
    let got = reports::inspect_peak_in(&d, file);
    std::fs::remove_dir_all(&d).ok();
    got
}

#[cfg(target_os = "linux")]
#[test]
fn an_inline_string_far_past_the_cell_limit_is_refused_on_its_row_holding_little_of_it() {
    // 40 MB of text in a sheet's own cell (`<c t="inlineStr"><is><t>`), deflated ~1000:1:
    // refused anyway (`table.cell-too-long`); calamine held it whole, and the cell again
    let long = "a".repeat(40 << 20);
    let bytes = xlsx_of_inline(&[
        &["项目名称", "指标名称", "年度指标值", "实际完成值"],
        &["甲", "培训人数", "≥100人", "120人"],
        &["甲", &long, "≥100人", "说明"],
    ]);
    assert!(bytes.len() < 200_000, "{}", bytes.len());
    let (stdout, stderr, peak_kb) = inspect_peak("inline.xlsx", &bytes);
    assert!(peak_kb < 40 * 1024, "peak {peak_kb} kB\n{stderr}");
    assert!(stderr.contains("单元格有 至少 1048577 字节"), "{stderr}");
    assert!(stderr.contains("table.cell-too-long"), "{stderr}");
    assert!(stdout.contains("培训人数"), "{stdout}\n{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_word_paragraph_of_many_runs_past_the_cell_limit_is_read_holding_little_of_it() {
    // 40 runs of 1,000,000 bytes each (each under the 1 MB limit, 40 MB in all) in one
    // paragraph before the form's table: the paragraph was held whole before it was refused
    let run = format!("<w:r><w:t>{}</w:t></w:r>", "a".repeat(1_000_000));
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let row = books::word_row;
    let body = format!(
        // and a table cell of as many runs
        "<w:p>{}</w:p><w:tbl>{}{}<w:tr>{}<w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl>",
        run.repeat(40),
        row(&["项目名称", "指标名称", "年度指标值", "实际完成值"]),
        row(&["甲", "培训人数", "≥100人", "120人"]),
        cell("甲"),
        run.repeat(40),
    );
    let (stdout, stderr, peak_kb) = inspect_peak("runs.docx", &docx_of(&body));
    assert!(peak_kb < 40 * 1024, "peak {peak_kb} kB\n{stdout}\n{stderr}");
    assert!(stdout.contains("培训人数"), "{stdout}\n{stderr}");
    assert!(stderr.contains("至少 1048577"), "{stderr}");
}

/// `bytes` with the first local file header's name (the first entry's) changed at its last
/// byte to `to`: the central directory still names the part as before.
fn local_name_changed(bytes: &[u8], to: u8) -> Vec<u8> {
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    let name_len = usize::from(u16::from_le_bytes([bytes[26], bytes[27]]));
    let mut out = bytes.to_vec();
    out[30 + name_len - 1] = to;
    out
}

#[test]
fn a_zip_whose_local_header_names_another_part_is_refused_by_name() {
    // the central directory is followed (it names `[Content_Types].xml`); a reader that goes by
    // the local headers would find `[Content_Types].xmk` and read the file otherwise
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/formats19.xlsx");
    let bytes = std::fs::read(path).unwrap();
    let changed = local_name_changed(&bytes, b'k');
    let err = table::read_bytes("f.xlsx", &changed, &ReadOptions::default()).unwrap_err();
    let said = format!("{err}");
    assert!(
        said.contains("本地文件头") && said.contains("[Content_Types].xml"),
        "{said}"
    );
    // the same bytes with the name as the directory has it are read
    let same = local_name_changed(&bytes, b'l');
    assert!(table::read_bytes("f.xlsx", &same, &ReadOptions::default()).is_ok());
}
