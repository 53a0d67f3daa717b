//! The `.xlsx` flat sheet's first pass (issue 28, session 27, H190; H188's plan, step 1):
//! `jixiao inspect BOOK --reading` says how `evaluate --format jsonl` / `csv` reads a table, a
//! block at a time or whole, and why, with a stable code. Hand-made one-sheet books (H188's
//! writer, `h188:tests/xlsx_stream26.rs`): a merged title row over a flat table (certainly flat,
//! its width and header row; still read whole, said so), a far stray cell (`XFD4`: the width
//! stays the table's, as `grid::row_widths` pads), a nearer one (`AZ9`: the width reaches it),
//! a hidden row, a hidden column, a merge below the header, a formula with no saved value, a
//! hidden sheet; and a text sheet, streamed. The anchor has no `--reading`: every test here
//! fails on it (a usage error, exit 2).

#![cfg(target_os = "linux")]

use std::ffi::OsStr;
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// The binary run: this build's, or `XLSX_STREAM27_BIN`.
fn binary() -> PathBuf {
    std::env::var_os("XLSX_STREAM27_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_jixiao")))
}

/// XML text escaped.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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

/// A cell of a hand-made sheet.
enum V<'a> {
    /// Text in the shared strings.
    S(&'a str),
    /// Text inline (`t="inlineStr"`).
    Inline(&'a str),
    /// A number, and its style (0 general, 1 `0.00`, 2 `0.00%`, 3 a date).
    N(&'a str, u32),
    /// A formula and no saved value (a workbook a script wrote, never calculated).
    F(&'a str),
}

/// A hand-made one-sheet workbook: its rows' XML, its shared strings, its merges.
#[derive(Default)]
struct Book {
    strings: Vec<String>,
    rows: Vec<String>,
    merges: Vec<String>,
    /// Whether the shared strings come before the sheet part in the zip (most writers' order;
    /// the other is the one a streamed reader must read bounded).
    strings_first: bool,
    /// The sheet's `<cols>` (hidden columns), before its rows.
    cols: String,
}

/// The styles of a hand-made book: general, `0.00`, `0.00%` and a date (`yyyy-mm-dd`).
const STYLES: &str = r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

impl Book {
    /// Row `r` (1-based) of `cells` (column letters, value), with the row's own attributes.
    fn row(&mut self, r: u32, attrs: &str, cells: &[(&str, V<'_>)]) {
        let mut xml = format!("<row r=\"{r}\"{attrs}>");
        for (col, v) in cells {
            let at = format!("{col}{r}");
            xml += &match v {
                V::S(t) => {
                    let i = match self.strings.iter().position(|s| s == t) {
                        Some(i) => i,
                        None => {
                            self.strings.push((*t).to_owned());
                            self.strings.len() - 1
                        }
                    };
                    format!("<c r=\"{at}\" t=\"s\"><v>{i}</v></c>")
                }
                V::Inline(t) => format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    escape(t)
                ),
                V::F(f) => format!("<c r=\"{at}\"><f>{f}</f></c>"),
                V::N(n, 0) => format!("<c r=\"{at}\"><v>{n}</v></c>"),
                V::N(n, s) => format!("<c r=\"{at}\" s=\"{s}\"><v>{n}</v></c>"),
            };
        }
        xml += "</row>";
        self.rows.push(xml);
    }

    /// An empty row `r` as Excel writes one it formatted (`<row r="…"/>`).
    fn empty_row(&mut self, r: u32) {
        self.rows.push(format!("<row r=\"{r}\"/>"));
    }

    /// The header at row `r` and two projects of three indicators below it (texts inline where
    /// `inline`); the row after the last.
    fn table(&mut self, r: u32, inline: bool) -> u32 {
        self.table_with_gap(r, inline, 0)
    }

    /// [`Book::table`] with `gap` empty rows (`<row r="…"/>`) after the first project.
    fn table_with_gap(&mut self, r: u32, inline: bool, gap: u32) -> u32 {
        let t = |s: &'static str| if inline { V::Inline(s) } else { V::S(s) };
        let head = [
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
        ];
        let cols = ["A", "B", "C", "D", "E", "F", "G"];
        let cells: Vec<(&str, V<'_>)> = cols.iter().zip(head).map(|(c, h)| (*c, t(h))).collect();
        self.row(r, "", &cells);
        let data = [
            ("社区服务经费", "完成培训期数", "≥12期", "13"),
            ("社区服务经费", "覆盖人数", "≥500人", "480"),
            ("社区服务经费", "投诉件数", "≤3件", "2"),
            ("道路养护资金", "养护里程", "≥40公里", "41.5"),
            ("道路养护资金", "按时完工率", "≥95%", "0.93"),
            ("道路养护资金", "群众满意度", "≥90%", "92"),
        ];
        let mut row = r;
        for (k, (project, name, target, actual)) in data.into_iter().enumerate() {
            row += 1;
            if k == 3 {
                for _ in 0..gap {
                    self.empty_row(row);
                    row += 1;
                }
            }
            self.row(
                row,
                "",
                &[
                    ("A", t(project)),
                    ("B", t("产出指标")),
                    ("C", t("数量指标")),
                    ("D", t(name)),
                    ("E", t(target)),
                    ("F", V::N(actual, 0)),
                    ("G", V::N("10", 0)),
                ],
            );
        }
        row + 1
    }

    /// The book's bytes: the sheet part, then the shared strings (or first, `strings_first`),
    /// then the other parts.
    fn bytes(&self) -> Vec<u8> {
        let merges = match self.merges.is_empty() {
            true => String::new(),
            false => format!(
                "<mergeCells count=\"{}\">{}</mergeCells>",
                self.merges.len(),
                self.merges
                    .iter()
                    .map(|m| format!("<mergeCell ref=\"{m}\"/>"))
                    .collect::<String>()
            ),
        };
        let sheet = format!(
            "{}{}</sheetData>{merges}</worksheet>",
            SHEET_HEAD.replace("<sheetData>", &format!("{}<sheetData>", self.cols)),
            self.rows.concat()
        );
        let strings = format!(
            "{SST_HEAD} count=\"{0}\" uniqueCount=\"{0}\">{1}</sst>",
            self.strings.len(),
            self.strings
                .iter()
                .map(|s| format!("<si><t xml:space=\"preserve\">{}</t></si>", escape(s)))
                .collect::<String>()
        );
        let (sheet, strings) = (
            ("xl/worksheets/sheet1.xml", sheet.as_str()),
            ("xl/sharedStrings.xml", strings.as_str()),
        );
        let mut parts = match self.strings_first {
            true => vec![strings, sheet],
            false => vec![sheet, strings],
        };
        parts.extend(PARTS.iter().filter(|(n, _)| *n != "xl/styles.xml").copied());
        parts.push(("xl/styles.xml", STYLES));
        zip_of(&parts)
    }
}

/// A zip of `parts` (name, text), each deflated, in the order given.
fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        z.start_file(*name, o).expect("part");
        z.write_all(text.as_bytes()).expect("part written");
    }
    z.finish().expect("zip");
    buf.into_inner()
}

/// The `r` of a row's XML.
fn row_number(row: &str) -> u32 {
    let at = row.find("r=\"").expect("a row number") + 3;
    let end = row[at..].find('"').expect("its end") + at;
    row[at..end].parse().expect("a number")
}

/// `jixiao inspect FILE --reading` (and `--format json`) on `bytes` written as `name` in a
/// temporary directory: the table line's text, and the JSON answer.
fn reading(name: &str, bytes: &[u8]) -> (String, serde_json::Value) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("the file written");
    let run = |args: &[&str]| {
        let out = Command::new(binary())
            .args([
                OsStr::new("inspect"),
                path.as_os_str(),
                OsStr::new("--reading"),
            ])
            .args(args)
            .output()
            .expect("runs jixiao");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(0), "exit: {err}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let table = run(&[]);
    let json = run(&["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("one JSON object");
    (table, json)
}

/// [`reading`] of `book`: its JSON answer's code and reason, checked against the table's.
fn book_reading(book: &Book) -> (String, String) {
    let (table, json) = reading("自评表.xlsx", &book.bytes());
    let code = json["code"].as_str().expect("a code").to_owned();
    let reason = json["reason"].as_str().expect("a reason").to_owned();
    assert_eq!(json["reading"], "whole", "{json}");
    assert!(
        table.starts_with(&format!("读取方式：整表读取（{code}）\n")),
        "{table}"
    );
    assert!(table.contains(&format!("原因：{reason}\n")), "{table}");
    (code, reason)
}

#[test]
fn a_flat_book_is_named_flat_with_its_width_and_header_row_and_still_read_whole() {
    let mut b = Book::default();
    b.row(1, "", &[("A", V::S("2025年度项目支出绩效自评表"))]);
    b.merges.push("A1:G1".into());
    b.table(2, false);
    let (code, reason) = book_reading(&b);
    assert_eq!(code, "read.whole.book-not-streamed");
    assert!(
        reason.contains("工作表「绩效自评表」是平表（宽 7 列，表头从第 2 行起）"),
        "{reason}"
    );
    assert!(reason.contains("内存随行数增长"), "{reason}");
}

#[test]
fn a_far_stray_cell_widens_its_own_row_only_a_near_one_the_sheet() {
    let mut b = Book::default();
    let end = b.table(1, false);
    b.row(4, "", &[("XFD", V::S("备注"))]);
    b.rows.sort_by_key(|r| row_number(r));
    let (code, reason) = book_reading(&b);
    assert_eq!(code, "read.whole.book-not-streamed");
    assert!(reason.contains("（宽 7 列，表头从第 1 行起）"), "{reason}");
    b.row(end + 1, "", &[("AZ", V::S("填表人：张三"))]);
    let (_, reason) = book_reading(&b);
    assert!(
        reason.contains("（宽 52 列，"),
        "AZ is the 52nd column: {reason}"
    );
}

#[test]
fn a_hidden_row_or_column_is_read_whole_and_named() {
    let mut b = Book::default();
    b.table(1, false);
    b.rows[3] = b.rows[3].replacen("<row r=\"4\"", "<row r=\"4\" hidden=\"1\"", 1);
    let (code, reason) = book_reading(&b);
    assert_eq!(code, "read.whole.hidden-row");
    assert_eq!(reason, "第 4 行是隐藏行");

    let mut b = Book::default();
    b.table(1, false);
    b.cols = "<cols><col min=\"3\" max=\"3\" width=\"0\" hidden=\"1\"/></cols>".into();
    let (code, reason) = book_reading(&b);
    assert_eq!(code, "read.whole.hidden-column");
    assert_eq!(reason, "第 3 列（C）是隐藏列");
}

#[test]
fn a_merge_below_the_header_is_read_whole_and_named() {
    let mut b = Book::default();
    b.table(1, false);
    b.merges.push("A2:A4".into());
    let (code, reason) = book_reading(&b);
    assert_eq!(code, "read.whole.merge");
    assert_eq!(reason, "表头或其下有合并单元格 A2:A4");
}

#[test]
fn a_formula_without_a_value_is_read_whole_and_named() {
    let mut b = Book::default();
    let end = b.table(1, false);
    b.row(
        end,
        "",
        &[
            ("A", V::S("道路养护资金")),
            ("B", V::S("产出指标")),
            ("C", V::S("数量指标")),
            ("D", V::S("新增里程")),
            ("E", V::S("≥5公里")),
            ("F", V::F("SUM(F5:F6)")),
            ("G", V::N("10", 0)),
        ],
    );
    let (code, reason) = book_reading(&b);
    assert_eq!(code, "read.whole.formula-without-value");
    assert_eq!(reason, format!("单元格 F{end} 是没有保存结果的公式"));
}

#[test]
fn a_text_sheet_is_streamed() {
    let text = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n\
                社区服务经费\t产出指标\t数量指标\t完成培训期数\t≥12期\t13\t10\n";
    let (table, json) = reading("自评表.tsv", text.as_bytes());
    assert_eq!(json["reading"], "streamed", "{json}");
    assert_eq!(json["code"], "read.streamed", "{json}");
    assert!(
        table.starts_with("读取方式：按块流式读取（read.streamed）\n"),
        "{table}"
    );
}
