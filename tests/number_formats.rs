//! Issue 27 (the fifth probe's quiet readings): a workbook cell is read as its number format
//! shows it. A format ending in commas (`#,##0,`, `0.0,,`) shows the figure in thousands or
//! millions: it is read as shown, with a `table.display-scaled` warning at the cell giving the
//! value held. Literal text of a format (`0"人"`, `0"%"`, `0\%`, `0.00"万元"`, `@"万元"`) is part
//! of the text read, so an actual carries the unit the sheet shows instead of taking the
//! target's.
//!
//! The workbook is made here (rust_xlsxwriter), one indicator a format, from the description
//! of each format, not from a real file.

use jixiao::eval::{self, Methodology};
use jixiao::rules::RuleSet;
use jixiao::table::{self, Document, ReadOptions};
use rust_xlsxwriter::{Format, Workbook};

/// How an actual is written: a number in a format, or a string in a format.
enum Actual {
    Number(f64, &'static str),
    Text(&'static str, &'static str),
}

/// The header row of a flat self-evaluation sheet, then `extra` columns.
fn head(ws: &mut rust_xlsxwriter::Worksheet, extra: &[&str]) {
    let head = [
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "实际完成值",
        "分值",
    ];
    for (c, h) in head.iter().chain(extra).enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
}

/// A flat self-evaluation sheet: one project, one indicator a row (name, target, actual).
fn sheet(rows: &[(&str, &str, Actual)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    head(ws, &[]);
    for (i, (name, target, actual)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, v) in ["社区服务经费", "产出指标", "数量指标", name, target]
            .iter()
            .enumerate()
        {
            ws.write_string(r, c as u16, *v).unwrap();
        }
        match actual {
            Actual::Number(n, code) => {
                ws.write_number_with_format(r, 5, *n, &Format::new().set_num_format(*code))
            }
            Actual::Text(s, code) => {
                ws.write_string_with_format(r, 5, *s, &Format::new().set_num_format(*code))
            }
        }
        .unwrap();
        ws.write_number(r, 6, 10).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

fn read(bytes: &[u8]) -> Document {
    table::read_bytes("f.xlsx", bytes, &ReadOptions::default()).unwrap()
}

/// The actuals read, in order.
fn actuals(doc: &Document) -> Vec<String> {
    let (_, p) = doc.projects().next().unwrap();
    p.indicators
        .iter()
        .map(|i| i.actual.as_deref().unwrap_or("").to_owned())
        .collect()
}

/// The verdicts of the bundled rules, in order.
fn verdicts(doc: &Document) -> Vec<String> {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let r = eval::evaluate(doc, None, &eval::Options::new(&m, rules));
    let v = serde_json::to_value(&r.projects).unwrap();
    v[0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["verdict"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn a_figure_scaled_by_its_format_is_read_as_shown_with_a_warning_naming_the_value_held() {
    let bytes = sheet(&[
        ("培训人次", "≥1000人次", Actual::Number(1234567.0, "#,##0,")),
        (
            "投入资金",
            "≥1万元",
            Actual::Number(1234567.0, "0.0,,\"百万元\""),
        ),
        ("覆盖户数", "≥1000户", Actual::Number(1234567.0, "#,##0")),
    ]);
    let doc = read(&bytes);
    assert_eq!(actuals(&doc), ["1235", "1.2百万元", "1234567"]);
    let scaled: Vec<_> = doc
        .findings
        .iter()
        .filter(|f| f.code == "table.display-scaled")
        .collect();
    assert_eq!(scaled.len(), 2, "{:?}", doc.findings);
    assert_eq!(scaled[0].cell(), Some("F2"));
    assert_eq!(
        &*scaled[0].message,
        "单元格存 1234567，其数字格式以千为单位显示为 1235；按显示值读取，请核对单位"
    );
    assert_eq!(scaled[1].cell(), Some("F3"));
    assert!(
        scaled[1].message.contains("以百万为单位"),
        "{}",
        scaled[1].message
    );
    assert_eq!(scaled[0].severity, jixiao::finding::Severity::Warning);
}

#[test]
fn literal_text_of_a_format_is_read_with_the_figure() {
    let bytes = sheet(&[
        ("培训人数", "≥10人", Actual::Number(12.0, "0\"人\"")),
        ("满意度", "≥95%", Actual::Number(96.0, "0\"%\"")),
        ("合格率", "≥95%", Actual::Number(96.0, "0\\%")),
        ("投入资金", "≥10万元", Actual::Number(12.5, "0.00\"万元\"")),
        ("配套资金", "≥10万元", Actual::Text("12", "@\"万元\"")),
        ("完成率", "≥95%", Actual::Number(95.5, "0\"%\"")),
    ]);
    let doc = read(&bytes);
    assert_eq!(
        actuals(&doc),
        ["12人", "96%", "96%", "12.50万元", "12万元", "95.5%"]
    );
    // the literal % keeps the digits the cell holds, as a % format does, with the same note
    let rounded: Vec<_> = doc
        .findings
        .iter()
        .filter(|f| f.code == "table.display-rounded")
        .collect();
    assert_eq!(rounded.len(), 1, "{:?}", doc.findings);
    assert_eq!(rounded[0].cell(), Some("F7"));
    assert!(
        doc.findings
            .iter()
            .all(|f| f.code != "table.display-scaled")
    );
    assert_eq!(
        verdicts(&doc),
        ["pass", "pass", "pass", "pass", "pass", "pass"]
    );
}

#[test]
fn a_unit_a_format_shows_is_compared_with_the_targets_not_replaced_by_it() {
    // 12 shown as 12人 against a target in 万元: units that do not convert, not a reading of
    // 12 in the target's unit; 12 shown as 12.00万元 is compared as 万元
    let bytes = sheet(&[
        ("投入资金", "≥10万元", Actual::Number(12.0, "0\"人\"")),
        ("配套资金", "≥10万元", Actual::Number(12.0, "0.00\"万元\"")),
    ]);
    let doc = read(&bytes);
    assert_eq!(actuals(&doc), ["12人", "12.00万元"]);
    assert_eq!(verdicts(&doc), ["invalid", "pass"]);
}

/// The actuals and the cells of the notes of a fixture of `tests/fixtures/formats`.
fn fixture(name: &str) -> (Vec<String>, Vec<(String, String)>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    let doc = table::read_path(&path, &ReadOptions::default()).unwrap();
    let notes = doc
        .findings
        .iter()
        .map(|f| (f.code.to_string(), f.cell().unwrap_or_default().to_owned()))
        .collect();
    (actuals(&doc), notes)
}

#[test]
fn an_xls_and_an_ods_are_read_through_their_number_formats_as_an_xlsx_is() {
    // LibreOffice's .xls of the same sheet: its FORMAT and XF records read as the walk goes
    let xlsx = fixture("number-formats.xlsx");
    assert_eq!(
        xlsx.0,
        [
            "1235",
            "1.2百万元",
            "12人",
            "96%",
            "96%",
            "12.50万元",
            "12万元",
            "96%"
        ]
    );
    assert_eq!(
        xlsx.1,
        [
            ("table.display-scaled".to_string(), "F2".to_string()),
            ("table.display-scaled".to_string(), "F3".to_string())
        ]
    );
    assert_eq!(fixture("number-formats.xls"), xlsx);
    // and its .ods: its number styles read beside calamine
    assert_eq!(fixture("number-formats.ods"), xlsx);
}

#[test]
fn a_target_tables_amounts_formatted_in_wanyuan_are_read_as_amounts() {
    // amounts formatted `0.00"万元"` read as shown (`30.00万元`): 万元 is the unit a target
    // table's amounts are in, so they are amounts; one formatted `0"元"` is not read (the row
    // is skipped with table.bad-amount naming the cell), never taken for 万元
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "单位：万元").unwrap();
    let head = [
        "项目名称（资金使用单位）",
        "总计",
        "财政拨款",
        "财政专户拨款",
        "其他资金",
        "绩效目标",
        "绩效指标",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let wan = Format::new().set_num_format("0.00\"万元\"");
    let yuan = Format::new().set_num_format("0\"元\"");
    for (r, name, f) in [
        (2u32, "合计", &wan),
        (3, "示例单位", &wan),
        (4, "甲项目", &wan),
        (5, "乙项目", &yuan),
    ] {
        ws.write_string(r, 0, name).unwrap();
        ws.write_number_with_format(r, 1, 30.0, f).unwrap();
        ws.write_number_with_format(r, 2, 30.0, f).unwrap();
        if r >= 4 {
            ws.write_string(r, 5, "目标").unwrap();
            ws.write_string(r, 6, "1、产出指标：培训人次，年度指标值：≥100人次。")
                .unwrap();
        }
    }
    let doc = read(&wb.save_to_buffer().unwrap());
    let projects: Vec<(&str, Option<String>)> = doc
        .projects()
        .map(|(_, p)| {
            (
                p.name.as_ref(),
                p.amounts.total.as_ref().map(|a| a.value.to_string()),
            )
        })
        .collect();
    assert_eq!(
        projects,
        [("甲项目", Some("30.00".to_string()))],
        "{:?}",
        doc.findings
    );
    let bad: Vec<_> = doc
        .findings
        .iter()
        .filter(|f| f.code == "table.bad-amount")
        .collect();
    assert_eq!(bad.len(), 1, "{:?}", doc.findings);
    assert_eq!(bad[0].cell(), Some("B6"));
}

#[test]
fn a_self_evaluation_budget_row_formatted_in_wanyuan_is_read_as_amounts() {
    // 全年预算数 / 全年执行数 formatted `0.00"万元"` read as shown (`120.50万元`): the budget
    // row's amounts, in 万元 as the row's are
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    head(ws, &["全年预算数", "全年执行数"]);
    let wan = Format::new().set_num_format("0.00\"万元\"");
    ws.write_string(1, 0, "社区服务经费").unwrap();
    ws.write_number(1, 6, 10).unwrap();
    ws.write_number_with_format(1, 7, 120.5, &wan).unwrap();
    ws.write_number_with_format(1, 8, 114.2, &wan).unwrap();
    for (c, v) in [
        "社区服务经费",
        "产出指标",
        "数量指标",
        "服务人次",
        "≥5000人次",
        "5230人次",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *v).unwrap();
    }
    ws.write_number(2, 6, 90).unwrap();
    let doc = read(&wb.save_to_buffer().unwrap());
    let (_, p) = doc.projects().next().unwrap();
    let budget = p.budget.as_ref().expect("a budget row");
    assert_eq!(
        (
            budget.budget.map(|d| d.to_string()),
            budget.spent.map(|d| d.to_string())
        ),
        (Some("120.50".to_string()), Some("114.20".to_string())),
        "{:?}",
        doc.findings
    );
    assert!(doc.findings.iter().all(|f| f.code != "table.bad-amount"));
}

/// The actuals and the findings (code, cell, message) of a fixture of `tests/fixtures/formats`.
fn fixture_notes(name: &str) -> (Vec<String>, Vec<(String, String, String)>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    let doc = table::read_path(&path, &ReadOptions::default()).unwrap();
    let notes = doc
        .findings
        .iter()
        .filter(|f| f.code.to_string().starts_with("table.display-"))
        .map(|f| {
            (
                f.code.to_string(),
                f.cell().unwrap_or_default().to_owned(),
                f.message.to_string(),
            )
        })
        .collect();
    (actuals(&doc), notes)
}

#[test]
fn a_formats_negative_zero_text_and_conditional_sections_are_followed_in_every_workbook() {
    // `tests/fixtures/formats/number_sections.py`: a negative in `0;0` (shown without its
    // minus), `0.0;[Red]-0.0`, `0;(0)`; a zero in `0;-0;"-"`; 96.5 in `;;;`; 已完成 in
    // `0;0;0;"文本"@`; 150000 and 50 in `[>100]0.0,"万";0`. Only the first section was applied:
    // -5, -5.0, -5, 0 (no note), 96.5, 文本已完成, 150000 → 150.0万 and 50 → 0.1万 (scaled)
    let xlsx = fixture_notes("number-sections.xlsx");
    assert_eq!(
        xlsx.0,
        ["5", "-5.0", "-5", "0", "", "文本已完成", "150.0万", "50"]
    );
    let codes: Vec<(&str, &str)> = xlsx
        .1
        .iter()
        .map(|(c, at, _)| (c.as_str(), at.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("table.display-unsigned", "F2"),
            ("table.display-literal", "F5"),
            ("table.display-hidden", "F6"),
            ("table.display-scaled", "F8"),
        ]
    );
    // each names what the cell holds
    assert!(xlsx.1[0].2.contains("单元格存 -5"), "{:?}", xlsx.1[0]);
    assert!(xlsx.1[1].2.contains("“-”"), "{:?}", xlsx.1[1]);
    assert!(xlsx.1[2].2.contains("单元格存 96.5"), "{:?}", xlsx.1[2]);
    assert!(xlsx.1[3].2.contains("单元格存 150000"), "{:?}", xlsx.1[3]);
    // LibreOffice's .xls (FORMAT records) and .ods (number styles and their style:maps)
    assert_eq!(fixture_notes("number-sections.xls"), xlsx);
    assert_eq!(fixture_notes("number-sections.ods"), xlsx);
}

#[test]
fn a_hidden_or_unsigned_actual_is_not_taken_for_the_value_held() {
    // 96.5% hidden by `;;;` is not filled in, not a pass; −5 shown as 5 is read as 5 with a
    // warning beside it (what the sheet shows)
    let bytes = sheet(&[
        ("满意度", "≥95%", Actual::Number(96.5, ";;;")),
        ("净增人数", "≥1人", Actual::Number(-5.0, "0\"人\";0\"人\"")),
        (
            "投诉件数",
            "≤1件",
            Actual::Number(0.0, "0\"件\";-0\"件\";\"-\""),
        ),
    ]);
    let doc = read(&bytes);
    assert_eq!(actuals(&doc), ["", "5人", "0"]);
    let v = verdicts(&doc);
    assert_ne!(v[0], "pass", "{v:?}");
    assert_eq!(v[1], "pass", "{v:?}");
    assert_eq!(v[2], "pass", "{v:?}");
}

/// An `.ods` of a flat self-evaluation sheet whose actual row (`0.96`) has no style of its
/// own, in a row whose `table:default-cell-style-name` is a `0%` style; its column's default
/// is `column` (a style name) where given.
fn ods_with_a_row_default(column: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    let column = column.map_or(String::new(), |c| {
        format!(r#" table:default-cell-style-name="{c}""#)
    });
    let cell = |s: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
        )
    };
    let head: String = [
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "实际完成值",
        "分值",
    ]
    .iter()
    .map(|s| cell(s))
    .collect();
    let row: String = ["社区服务经费", "产出指标", "质量指标", "验收合格率", "≥95%"]
        .iter()
        .map(|s| cell(s))
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2">
<office:automatic-styles>
<number:percentage-style style:name="NPCT"><number:number number:decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<number:number-style style:name="NTHOU"><number:number number:decimal-places="0" number:min-integer-digits="1" number:display-factor="1000"/></number:number-style>
<style:style style:name="cePct" style:family="table-cell" style:data-style-name="NPCT"/>
<style:style style:name="ceThou" style:family="table-cell" style:data-style-name="NTHOU"/>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="T">
<table:table-column table:number-columns-repeated="5"/><table:table-column{column}/><table:table-column/>
<table:table-row>{head}</table:table-row>
<table:table-row table:default-cell-style-name="cePct">{row}<table:table-cell office:value-type="float" office:value="0.96"/><table:table-cell office:value-type="float" office:value="10" table:style-name="Default"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_ods_cell_without_a_style_takes_its_rows_default_style_and_says_so() {
    // 0.96 in a row whose default cell style is `0%` (ODF 1.2 §9.1.3: the cell's style, else
    // the row's default, else the column's) was read as 0.96: as the row shows it, 96%, with a
    // note that LibreOffice (which takes the column's) shows it otherwise
    for column in [None, Some("ceThou")] {
        let doc = table::read_bytes(
            "f.ods",
            &ods_with_a_row_default(column),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(actuals(&doc), ["96%"], "{column:?}: {:?}", doc.findings);
        let notes: Vec<_> = doc
            .findings
            .iter()
            .filter(|f| f.code == "table.display-unfollowed")
            .collect();
        assert_eq!(notes.len(), 1, "{column:?}: {:?}", doc.findings);
        assert_eq!(notes[0].cell(), Some("F2"));
        assert!(
            notes[0].message.contains("行的默认"),
            "{}",
            notes[0].message
        );
        assert_eq!(verdicts(&doc), ["pass"]);
    }
    // the column's default agreeing with the row's: nothing to say
    let doc = table::read_bytes(
        "f.ods",
        &ods_with_a_row_default(Some("cePct")),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(actuals(&doc), ["96%"]);
    assert!(
        doc.findings
            .iter()
            .all(|f| f.code != "table.display-unfollowed"),
        "{:?}",
        doc.findings
    );
}

/// One BIFF12 record of an `.xlsb` ([MS-XLSB] 2.1.4): its type and size as variable-length
/// integers (7 bits a byte), then its body.
fn xlsb_record(typ: u16, body: &[u8]) -> Vec<u8> {
    let mut out = if typ < 0x80 {
        vec![typ as u8]
    } else {
        vec![(typ & 0x7F) as u8 | 0x80, (typ >> 7) as u8]
    };
    let mut n = body.len();
    loop {
        let b = (n & 0x7F) as u8;
        n >>= 7;
        out.push(if n > 0 { b | 0x80 } else { b });
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(body);
    out
}

/// An `XLWideString`: its length in UTF-16 units (4 bytes), then the units.
fn xlsb_text(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    out
}

/// A cell of a hand-made `.xlsb`: a string, or a number in the cell style (`BrtXF`) given.
enum XlsbCell {
    Text(&'static str),
    Number(f64, u32),
}

/// A hand-made `.xlsb` (LibreOffice cannot write one), built from [MS-XLSB]: `formats` are
/// its `BrtFmt` records (index, code), `xfs` its cell styles' format indexes (`BrtXF` in
/// `BrtBeginCellXFs`), `rows` its one sheet's cells by row (`BrtRowHdr`; `BrtCellSt` and
/// `BrtCellReal`, each naming its column and style).
fn xlsb_book(formats: &[(u16, &str)], xfs: &[u16], rows: &[Vec<XlsbCell>]) -> Vec<u8> {
    use std::io::Write;
    let mut styles = xlsb_record(0x267, &(formats.len() as u32).to_le_bytes()); // BrtBeginFmts
    for (i, code) in formats {
        let mut b = i.to_le_bytes().to_vec();
        b.extend(xlsb_text(code));
        styles.extend(xlsb_record(0x2C, &b)); // BrtFmt
    }
    styles.extend(xlsb_record(0x268, &[])); // BrtEndFmts
    styles.extend(xlsb_record(0x269, &(xfs.len() as u32).to_le_bytes())); // BrtBeginCellXFs
    for f in xfs {
        let mut xf = vec![0u8; 16];
        xf[2..4].copy_from_slice(&f.to_le_bytes());
        styles.extend(xlsb_record(0x2F, &xf)); // BrtXF
    }
    styles.extend(xlsb_record(0x26A, &[])); // BrtEndCellXFs
    let mut book = [0u32.to_le_bytes(), 1u32.to_le_bytes()].concat();
    book.extend(xlsb_text("rId1"));
    book.extend(xlsb_text("S"));
    let mut wb = xlsb_record(0x9C, &book); // BrtBundleSh
    wb.extend(xlsb_record(0x90, &[])); // BrtEndBundleShs
    wb.extend(xlsb_record(0x84, &[])); // BrtEndBook
    let mut sh = xlsb_record(0x94, &[0u8; 16]); // BrtWsDim
    sh.extend(xlsb_record(0x91, &[])); // BrtBeginSheetData
    for (r, row) in rows.iter().enumerate() {
        let mut hdr = (r as u32).to_le_bytes().to_vec();
        hdr.extend([0u8; 8]);
        sh.extend(xlsb_record(0x00, &hdr)); // BrtRowHdr
        for (c, cell) in row.iter().enumerate() {
            let (typ, style, value) = match cell {
                XlsbCell::Text(s) => (0x06, 0, xlsb_text(s)), // BrtCellSt
                XlsbCell::Number(n, xf) => (0x05, *xf, n.to_le_bytes().to_vec()), // BrtCellReal
            };
            let mut b = [(c as u32).to_le_bytes(), style.to_le_bytes()].concat();
            b.extend(value);
            sh.extend(xlsb_record(typ, &b));
        }
    }
    sh.extend(xlsb_record(0x92, &[])); // BrtEndSheetData
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.to_vec()),
        ("xl/workbook.bin", wb),
        ("xl/styles.bin", styles),
        ("xl/_rels/workbook.bin.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#.to_vec()),
        ("xl/worksheets/sheet1.bin", sh),
    ] {
        zip.start_file(name, o).unwrap();
        zip.write_all(&body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_xlsb_is_read_through_its_number_formats_as_an_xlsx_is() {
    // calamine's .xlsb reader keeps only whether a format is a date: a `0%` cell was read as
    // 0.96, `#,##0,` as 1234567, -5 in `0;0` as -5, `0.00"万元"` as 12.5
    use XlsbCell::{Number, Text};
    let head = [
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "实际完成值",
        "分值",
    ];
    let mut rows = vec![head.iter().map(|h| Text(h)).collect::<Vec<_>>()];
    for (name, target, value, xf) in [
        ("完成率", "≥95%", 0.96, 1),
        ("培训人次", "≥1000人次", 1234567.0, 2),
        ("净增人数", "≥1人", -5.0, 3),
        ("投入资金", "≥10万元", 12.5, 4),
    ] {
        rows.push(vec![
            Text("社区服务经费"),
            Text("产出指标"),
            Text("数量指标"),
            Text(name),
            Text(target),
            Number(value, xf),
            Number(10.0, 0),
        ]);
    }
    let formats = [(164, "#,##0,"), (165, "0;0"), (166, "0.00\"万元\"")];
    // style 1 is the built-in `0%` (index 9, no BrtFmt of its own)
    let bytes = xlsb_book(&formats, &[0, 9, 164, 165, 166], &rows);
    let doc = table::read_bytes("f.xlsb", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(actuals(&doc), ["96%", "1235", "5", "12.50万元"]);
    let notes: Vec<(String, Option<String>)> = doc
        .findings
        .iter()
        .filter(|f| f.code.to_string().starts_with("table.display-"))
        .map(|f| (f.code.to_string(), f.cell().map(str::to_owned)))
        .collect();
    assert_eq!(
        notes,
        [
            ("table.display-scaled".to_string(), Some("F3".to_string())),
            ("table.display-unsigned".to_string(), Some("F4".to_string())),
        ]
    );
    // the same sheet as an .xlsx reads the same
    let same = sheet(&[
        ("完成率", "≥95%", Actual::Number(0.96, "0%")),
        ("培训人次", "≥1000人次", Actual::Number(1234567.0, "#,##0,")),
        ("净增人数", "≥1人", Actual::Number(-5.0, "0;0")),
        ("投入资金", "≥10万元", Actual::Number(12.5, "0.00\"万元\"")),
    ]);
    assert_eq!(actuals(&read(&same)), actuals(&doc));
}

#[test]
fn an_xlsbs_styles_that_do_not_read_leave_its_cells_as_their_values() {
    // a style index past the styles, a styles part of a torn record: the value, never a panic
    use XlsbCell::{Number, Text};
    let head = [
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "实际完成值",
        "分值",
    ];
    let rows = vec![
        head.iter().map(|h| Text(h)).collect::<Vec<_>>(),
        vec![
            Text("社区服务经费"),
            Text("产出指标"),
            Text("数量指标"),
            Text("完成率"),
            Text("≥95%"),
            Number(0.96, 7),
            Number(10.0, 0),
        ],
    ];
    let bytes = xlsb_book(&[], &[0, 9], &rows);
    let doc = table::read_bytes("f.xlsb", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(actuals(&doc), ["0.96"]);
}

#[test]
fn a_figure_shown_with_fewer_decimals_than_it_holds_is_named_with_the_value_held() {
    // the fourteenth probe: only a percentage was read at the digits it holds, with a note; any
    // other figure was read as its format rounds it without a word: `99.6` in `0` (and
    // `#,##0`) shows `100` and met `≥100人`, full points, for 99.6 people. It was then read as
    // shown and named at the cell with the value held; since the fifteenth session an actual
    // (and a target) is read as the value held (`table::held`, `tests/held_figures.rs`), the
    // note naming both. A figure whose held digits are those shown keeps its shown decimals
    // and has no note
    let bytes = sheet(&[
        ("培训人数", "≥100人", Actual::Number(99.6, "0")),
        ("覆盖人数", "≥100人", Actual::Number(99.6, "#,##0")),
        ("建设里程", "≥12公里", Actual::Number(11.96, "0.0\"公里\"")),
        (
            "投入资金",
            "≥800万元",
            Actual::Number(857.6, "0.00\"万元\""),
        ),
        ("服务次数", "≥3次", Actual::Number(0.1 + 2.9, "0.00")),
    ]);
    let doc = read(&bytes);
    assert_eq!(
        actuals(&doc),
        ["99.6", "99.6", "11.96公里", "857.60万元", "3.00"]
    );
    let rounded: Vec<_> = doc
        .findings
        .iter()
        .filter(|f| f.code == "table.display-rounded")
        .map(|f| {
            (
                f.cell().unwrap_or_default().to_owned(),
                f.message.to_string(),
            )
        })
        .collect();
    let note = |cell: &str, held: &str, shown: &str| {
        (
            cell.to_owned(),
            format!("实际完成值显示为 {shown}，单元格存值 {held}，按存值评分"),
        )
    };
    assert_eq!(
        rounded,
        [
            note("F2", "99.6", "100"),
            note("F3", "99.6", "100"),
            note("F4", "11.96公里", "12.0公里"),
        ]
    );
    assert_eq!(verdicts(&doc), ["fail", "fail", "fail", "pass", "pass"]);
}
