//! Formats (issue 23): every form of `tests/fixtures/forms` read from its workbook, from a web
//! page (LibreOffice's export, and Word's "save as web page" style in UTF-8 and GBK), from an
//! `.mhtml` and from a Word 97–2003 `.doc` gives the same model and the same evaluated report;
//! a site's page with two forms among its menus and footers, a page laid out as a table of
//! tables; PDF and pictures refused with the way forward; hostile pages and `.doc` files
//! stopped with a message, never a panic. The copies were made by
//! `tests/fixtures/formats/make.py` (LibreOffice; see its docstring).

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::eval::{self, Methodology};
use jixiao::finding::Severity;
use jixiao::rules::RuleSet;
use jixiao::table::{self, Document, ReadError, ReadOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> Document {
    let bytes = std::fs::read(root().join(path)).unwrap();
    table::read_bytes(path, &bytes, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{path}: {e:?}"))
}

fn read_err(name: &str, bytes: &[u8]) -> ReadError {
    match table::read_bytes(name, bytes, &ReadOptions::default()) {
        Ok(_) => panic!("{name} should not read"),
        Err(e) => e,
    }
}

fn code(e: &ReadError) -> String {
    miette::Diagnostic::code(e).unwrap().to_string()
}

fn help(e: &ReadError) -> String {
    miette::Diagnostic::help(e).unwrap().to_string()
}

/// The evaluated report's projects, without where each value came from (file names and
/// positions differ between formats by design).
fn report(doc: &Document) -> serde_json::Value {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let mut r = eval::evaluate(doc, None, &eval::Options::new(&m, rules));
    for p in &mut r.projects {
        for i in &mut p.indicators {
            i.source = jixiao::report::model::SourceRef {
                file: "".into(),
                line: 0,
                column: None,
                cell: None,
                sheet: None,
            };
        }
    }
    for d in &mut r.differences {
        d.source.file = "".into();
        d.source.line = 0;
        d.source.cell = None;
        d.source.column = None;
    }
    let mut v = serde_json::to_value(&r.projects).unwrap();
    for p in v.as_array_mut().unwrap() {
        for f in p["findings"].as_array_mut().into_iter().flatten() {
            f["file"] = "".into();
            // a reader's warning beside its project names its place in the file read: a
            // workbook's sheet is a page's 表格1, a line of the text another
            if let Some(f) = f.as_object_mut() {
                for place in ["sheet", "cell", "line", "column"] {
                    f.remove(place);
                }
            }
        }
    }
    v
}

/// The findings of a reading: code, severity, message, and the cell inside its table.
fn findings(doc: &Document) -> Vec<(String, Severity, String, Option<String>)> {
    doc.findings
        .iter()
        .filter(|f| f.code != "table.sheet-skipped")
        .map(|f| {
            (
                f.code.to_string(),
                f.severity,
                f.message.to_string(),
                f.cell().map(str::to_owned),
            )
        })
        .collect()
}

const FORMS: &[&str] = &[
    "f01-tianchang-water-2022-selfeval",
    "f03-yongde-minglang-school-2022-selfeval",
    "f06-qingshen-fagai-2023-selfeval-unscored",
    "t01-yueyang-farmland-2022-target",
    "f02-zhongjiang-water-2022-selfeval",
    "f05-district-commerce-2020-selfeval",
    "f07-tangxi-town-2022-selfeval-partial",
    "f08-xiaoxian-zhangzhuangzhai-2023-selfeval-partial",
    "f09-langfang-food-school-2019-selfeval-partial",
    "t02-nanyue-poverty-base-2018-target",
    "t03-qingshan-kejing-2021-target",
];

#[test]
fn every_form_reads_the_same_from_every_format() {
    let mut failures = Vec::new();
    for base in FORMS {
        let result = std::panic::catch_unwind(|| one_form_reads_the_same_from_every_format(base));
        if let Err(e) = result {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!(
                "{base}: {}",
                why.lines().take(12).collect::<Vec<_>>().join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn one_form_reads_the_same_from_every_format(base: &str) {
    {
        let xlsx = read(&format!("tests/fixtures/forms/{base}.xlsx"));
        let want = report(&xlsx);
        assert!(
            !xlsx.units.is_empty() && xlsx.projects().all(|(_, p)| !p.indicators.is_empty()),
            "{base}: the workbook gives indicators"
        );
        for copy in ["calc.html", "word-utf8.html", "word-gbk.htm", "doc"] {
            let path = format!("tests/fixtures/formats/{base}.{copy}");
            let doc = read(&path);
            assert_eq!(
                report(&doc),
                want,
                "{path}: the same report as the workbook"
            );
            assert_eq!(
                (doc.rows_read, doc.rows_skipped),
                (xlsx.rows_read, xlsx.rows_skipped),
                "{path}"
            );
            assert_eq!(doc.department, xlsx.department, "{path}");
            assert_eq!(doc.money_unit, xlsx.money_unit, "{path}");
            // the same findings at the same cells, named inside the page's table
            assert_eq!(findings(&doc), findings(&xlsx), "{path}");
            for f in &doc.findings {
                if f.cell().is_some() {
                    assert_eq!(f.sheet(), Some("表格1"), "{path}: {f:?}");
                }
            }
        }
    }
}

#[test]
fn the_encodings_are_told_and_said() {
    let gbk = read("tests/fixtures/formats/f01-tianchang-water-2022-selfeval.word-gbk.htm");
    assert_eq!(gbk.source.encoding, "GB18030");
    let utf8 = read("tests/fixtures/formats/f01-tianchang-water-2022-selfeval.word-utf8.html");
    assert_eq!(utf8.source.encoding, "UTF-8");
    assert_eq!(gbk.source.format, table::InputFormat::Html);
    let doc = read("tests/fixtures/formats/f01-tianchang-water-2022-selfeval.doc");
    assert_eq!(doc.source.format, table::InputFormat::Doc);
}

#[test]
fn a_doc_and_a_writer_page_read_as_their_docx() {
    let base = "f03-yongde-minglang-school-2022-selfeval";
    let docx = read(&format!("tests/fixtures/forms/{base}.docx"));
    let doc = read(&format!("tests/fixtures/formats/{base}.from-docx.doc"));
    assert_eq!(report(&doc), report(&docx));
    assert_eq!(findings(&doc), findings(&docx));
    // the .docx as Writer saves it as a web page: its title lines are paragraphs above the table
    let page = read(&format!("tests/fixtures/formats/{base}.writer.html"));
    assert_eq!(report(&page), report(&docx));
    assert_eq!(page.department, docx.department);
    assert_eq!(
        report(&doc),
        report(&read(&format!("tests/fixtures/forms/{base}.xlsx")))
    );
}

#[test]
fn a_docs_tracked_deletions_and_hidden_text_are_read_as_word_shows_them() {
    // quietly wrong before: a `.doc` keeps a tracked deletion's text and hidden text in the
    // main text, marked only by their character properties, and the reader did not look at
    // those. `12` deleted before `80人` read `1280人` (达标, full points), a deleted `9` before
    // an inserted `8` read `985%`, and a hidden old target was read into the new one. Now the
    // `.doc` reads as its `.docx` does (its changes accepted, hidden text left out)
    let docx = read("tests/fixtures/formats/tracked-changes.docx");
    let doc = read("tests/fixtures/formats/tracked-changes.doc");
    let r = report(&doc);
    assert_eq!(r, report(&docx));
    assert_eq!(findings(&doc), findings(&docx));
    let text = r.to_string();
    for shown in ["80人", "85%", "≥90%"] {
        assert!(text.contains(&format!("\"{shown}\"")), "{shown}: {text}");
    }
    for hidden in ["1280人", "985%", "原目标"] {
        assert!(!text.contains(hidden), "{hidden}: {text}");
    }
}

#[test]
fn an_mhtml_reads_as_its_page() {
    let mht = read("tests/fixtures/formats/f01.mhtml");
    let page = read("tests/fixtures/formats/f01-tianchang-water-2022-selfeval.word-gbk.htm");
    assert_eq!(report(&mht), report(&page));
    assert_eq!(mht.source.encoding, "GB18030");
}

#[test]
fn a_site_page_with_two_forms_reads_both_and_counts_the_other_tables() {
    let doc = read("tests/fixtures/formats/two-forms-site.html");
    let got = report(&doc);
    let f01 = report(&read(
        "tests/fixtures/forms/f01-tianchang-water-2022-selfeval.xlsx",
    ));
    let f06 = report(&read(
        "tests/fixtures/forms/f06-qingshen-fagai-2023-selfeval-unscored.xlsx",
    ));
    let both: Vec<serde_json::Value> = f01
        .as_array()
        .unwrap()
        .iter()
        .chain(f06.as_array().unwrap())
        .cloned()
        .collect();
    assert_eq!(got, serde_json::Value::Array(both));
    // the menu and footer tables (and the one in a script) are one info finding, not errors
    let skipped: Vec<_> = doc
        .findings
        .iter()
        .filter(|f| f.code == "table.sheet-skipped")
        .collect();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].severity, Severity::Info);
    assert!(
        skipped[0]
            .message
            .contains("共有 4 个表格，读取了其中 2 个")
    );
    // findings name the forms' tables on the page: 表格1 is the menu, 表格4 the footer
    assert!(
        doc.findings
            .iter()
            .filter_map(|f| f.sheet())
            .all(|s| s == "表格2" || s == "表格3"),
        "{:?}",
        doc.findings
    );
}

#[test]
fn a_page_laid_out_as_a_table_of_tables_reads_the_inner_form() {
    let doc = read("tests/fixtures/formats/nested-layout.html");
    let want = read("tests/fixtures/forms/f01-tianchang-water-2022-selfeval.xlsx");
    assert_eq!(report(&doc), report(&want));
    // the layout table is 表格2, its menu 表格3, the form 表格4
    assert!(
        doc.findings
            .iter()
            .filter_map(|f| f.sheet())
            .all(|s| s == "表格4")
    );
}

#[test]
fn a_page_without_a_form_says_so() {
    let e = read_err(
        "a.html",
        "<html><body><table><tr><td>首页</td><td>政务公开</td></tr></table></body></html>"
            .as_bytes(),
    );
    assert_eq!(code(&e), "table.page-no-form");
    assert!(e.to_string().contains("有 1 个表格"), "{e}");
    let e = read_err("a.html", b"<html><body><p>no table</p></body></html>");
    assert!(e.to_string().contains("没有表格"), "{e}");
}

#[test]
fn a_web_page_named_xls_is_read_as_a_page() {
    // many systems export "Excel" files that are web pages
    let bytes = std::fs::read(
        root().join("tests/fixtures/formats/f06-qingshen-fagai-2023-selfeval-unscored.calc.html"),
    )
    .unwrap();
    let doc = table::read_bytes("export.xls", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(doc.source.format, table::InputFormat::Html);
    assert_eq!(doc.projects().count(), 1);
}

#[test]
fn pdf_and_pictures_get_the_way_forward_in_chinese() {
    let pdf = read_err("自评表.pdf", b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n");
    assert_eq!(code(&pdf), "table.pdf");
    let png = read_err("扫描件.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(code(&png), "table.picture");
    assert!(png.to_string().contains("PNG"));
    for e in [&pdf, &png] {
        let h = help(e);
        assert!(h.contains("Excel 或 Word 原件"), "{h}");
        assert!(h.contains(".html"), "{h}");
        // the one list of formats, whole
        assert!(h.contains(table::formats::formats_help()), "{h}");
    }
    let jpeg = read_err("a.jpg", b"\xFF\xD8\xFF\xE0\0\x10JFIF\0");
    assert_eq!(code(&jpeg), "table.picture");
}

#[test]
fn an_ole_file_is_told_by_its_streams_never_called_a_workbook_in_english() {
    // an OLE container holding neither WordDocument nor Workbook
    let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cfb.create_stream("/PowerPoint Document")
        .unwrap()
        .write_all(b"x")
        .unwrap();
    let bytes = cfb.into_inner().into_inner();
    let e = read_err("a.doc", &bytes);
    assert_eq!(code(&e), "table.office-other");
    assert!(
        e.to_string()
            .contains("既不是 Word 文档也不是 Excel 工作簿"),
        "{e}"
    );
    // an RTF document named .doc is told as RTF
    let e = read_err(
        "a.doc",
        br"{\rtf1\ansi\deff0 {\fonttbl} \trowd\cellx1000 a\cell\row}",
    );
    assert_eq!(code(&e), "table.office-other");
    assert!(e.to_string().contains("RTF"), "{e}");
    // text under a Word name is not a Word document
    let e = read_err("a.doc", "项目\t总计\n".as_bytes());
    assert_eq!(code(&e), "table.not-workbook");
    // the binary error lists every format from the one list
    let e = read_err("a.txt", b"\x00\x01\x02\x03garbage\x00");
    assert_eq!(code(&e), "table.binary");
    for ending in [".docx", ".doc", ".xls", ".html", ".mhtml"] {
        assert!(
            help(&e).split(['（', '）', ' ', '；']).any(|w| w == ending),
            "{ending}"
        );
    }
}

/// A `.doc` whose stream `path` is replaced by what `change` makes of it.
fn doc_with(path: &str, change: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let bytes =
        std::fs::read(root().join("tests/fixtures/formats/f01-tianchang-water-2022-selfeval.doc"))
            .unwrap();
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
    let mut stream = Vec::new();
    cfb.open_stream(path)
        .unwrap()
        .read_to_end(&mut stream)
        .unwrap();
    change(&mut stream);
    cfb.create_stream(path).unwrap().write_all(&stream).unwrap();
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

#[test]
fn a_doc_with_a_broken_piece_table_is_an_error_naming_it() {
    // the FIB's fcClx/lcbClx, Word 97's fixed place
    let clx_at = |word: &[u8]| (u32_at(word, 0x1A2) as usize, u32_at(word, 0x1A6) as usize);
    // 1. the piece table claims a place far outside the table stream
    let broken = doc_with("/WordDocument", |w| {
        w[0x1A2..0x1A6].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
    });
    let e = read_err("broken.doc", &broken);
    assert_eq!(code(&e), "table.document");
    assert!(e.to_string().contains("片段表"), "{e}");
    // 2. a piece whose text lies outside the document stream
    let word = {
        let bytes = std::fs::read(
            root().join("tests/fixtures/formats/f01-tianchang-water-2022-selfeval.doc"),
        )
        .unwrap();
        let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
        let mut w = Vec::new();
        cfb.open_stream("/WordDocument")
            .unwrap()
            .read_to_end(&mut w)
            .unwrap();
        w
    };
    let (fc, lcb) = clx_at(&word);
    let table = if u16::from_le_bytes([word[0x0A], word[0x0B]]) & 0x0200 != 0 {
        "/1Table"
    } else {
        "/0Table"
    };
    let broken = doc_with(table, |t| {
        let clx = &mut t[fc..fc + lcb];
        // Pcdt: 0x02, lcb, then n+1 CPs and n PCDs (8 bytes: 2, fc, 2)
        let start = clx.iter().position(|&b| b == 0x02).unwrap();
        let plc = u32_at(clx, start + 1) as usize;
        let n = (plc - 4) / 12;
        let pcd = start + 5 + (n + 1) * 4;
        clx[pcd + 2..pcd + 6].copy_from_slice(&0x3FFF_0000u32.to_le_bytes());
    });
    let e = read_err("broken.doc", &broken);
    assert_eq!(code(&e), "table.document");
    assert!(e.to_string().contains("片段表"), "{e}");
}

#[test]
fn damaged_docs_and_pages_never_panic() {
    let doc =
        std::fs::read(root().join("tests/fixtures/formats/f01-tianchang-water-2022-selfeval.doc"))
            .unwrap();
    let page = std::fs::read(
        root().join("tests/fixtures/formats/f01-tianchang-water-2022-selfeval.word-gbk.htm"),
    )
    .unwrap();
    let mht = std::fs::read(root().join("tests/fixtures/formats/f01.mhtml")).unwrap();
    // cut short at many lengths, and bytes flipped through the streams (a fixed pattern)
    for (name, bytes) in [("a.doc", &doc), ("a.htm", &page), ("a.mhtml", &mht)] {
        for cut in (0..bytes.len()).step_by(bytes.len() / 97 + 1) {
            let _ = table::read_bytes(name, &bytes[..cut], &ReadOptions::default());
        }
        for k in 0..200usize {
            let mut b = bytes.clone();
            let at = (k * 7919 + 512) % b.len();
            b[at] ^= 0x5A ^ (k as u8);
            let _ = table::read_bytes(name, &b, &ReadOptions::default());
        }
    }
}

#[test]
fn hostile_pages_are_read_or_refused_without_panic() {
    // 10^4 tables nested in one another: each its own table, none a form
    let deep = "<table><tr><td>x".repeat(10_000);
    let e = read_err("deep.html", deep.as_bytes());
    assert_eq!(code(&e), "table.page-no-form");
    assert!(e.to_string().contains("10000 个表格"), "{e}");
    // an unclosed table holding a form: read to the end of the page
    let page = std::fs::read_to_string(
        root().join("tests/fixtures/formats/f03-yongde-minglang-school-2022-selfeval.calc.html"),
    )
    .unwrap();
    let cut = page.split("</table>").next().unwrap();
    let doc = table::read_bytes("cut.html", cut.as_bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(
        report(&doc),
        report(&read(
            "tests/fixtures/forms/f03-yongde-minglang-school-2022-selfeval.xlsx"
        ))
    );
    // a 100 MB attribute (made here, not committed) before a table
    let mut big = String::from("<html><body><div title=\"");
    big.push_str(&"a".repeat(100 * 1024 * 1024));
    big.push_str("\"></div><table><tr><td>首页</td><td>x</td></tr></table>");
    let e = read_err("big.html", big.as_bytes());
    assert_eq!(code(&e), "table.page-no-form");
    // 10^5 cells in one table: read, and not a form
    let mut wide = String::from("<table>");
    for r in 0..10_000 {
        wide.push_str("<tr>");
        for c in 0..10 {
            wide.push_str(&format!("<td>{r}-{c}"));
        }
    }
    let e = read_err("wide.html", wide.as_bytes());
    assert_eq!(code(&e), "table.page-no-form");
    // spans beyond reason are bounded as browsers bound them
    let spans = "<table><tr><td colspan=99999999 rowspan=99999999>项目名称</td></tr></table>";
    let _ = table::read_bytes("spans.html", spans.as_bytes(), &ReadOptions::default());
}

/// Runs the binary with `env`, asserting it neither panics nor takes long.
fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.args(args).env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), stderr)
}

#[test]
fn limits_stop_a_page_with_the_limits_name() {
    let dir = std::env::temp_dir().join(format!("jixiao-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cells = dir.join("cells.html");
    let mut page = String::from("<table>");
    for _ in 0..10_000 {
        page.push_str("<tr>");
        page.push_str(&"<td>1</td>".repeat(10));
    }
    std::fs::write(&cells, page).unwrap();
    let (code, err) = run(
        &["inspect", cells.to_str().unwrap()],
        &[("JIXIAO_MAX_CELLS", "50000")],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("table.too-many-cells") && err.contains("JIXIAO_MAX_CELLS"),
        "{err}"
    );
    let columns = dir.join("columns.html");
    std::fs::write(
        &columns,
        "<table><tr><td colspan=1000>a</td><td colspan=1000>b</td></tr></table>",
    )
    .unwrap();
    let (code, err) = run(
        &["inspect", columns.to_str().unwrap()],
        &[("JIXIAO_MAX_COLUMNS", "1500")],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("table.too-many-columns"), "{err}");
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}

#[test]
fn a_percentage_shown_rounded_is_read_as_the_value_it_holds_with_a_note() {
    use rust_xlsxwriter::{Format, Workbook};
    // a flat sheet whose actual holds 0.895 formatted 0%: Excel shows 90%, the target is ≥90%
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let head = [
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "实际完成值",
        "分值",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let row = [
        "社区服务经费",
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "≥90%",
    ];
    for (c, v) in row.iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    let pct = Format::new().set_num_format("0%");
    ws.write_number_with_format(1, 5, 0.895, &pct).unwrap();
    ws.write_number(1, 6, 10).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let doc = table::read_bytes("r.xlsx", &bytes, &ReadOptions::default()).unwrap();
    let (_, p) = doc.projects().next().unwrap();
    assert_eq!(p.indicators[0].actual.as_deref(), Some("89.5%"));
    let note: Vec<_> = doc
        .findings
        .iter()
        .filter(|f| f.code == "table.display-rounded")
        .collect();
    assert_eq!(note.len(), 1, "{:?}", doc.findings);
    assert_eq!(
        &*note[0].message,
        "实际完成值显示为 90%，单元格存值 89.5%，按存值评分"
    );
    assert_eq!(note[0].cell(), Some("F2"));
    // scored on the value held: 89.5% does not reach ≥90%
    let r = report(&doc);
    assert_eq!(r[0]["indicators"][0]["verdict"], "fail", "{r}");
}

#[test]
fn the_readme_lists_every_format_of_the_one_list() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme.find("### Formats").expect("a formats section");
    let section = &readme[at..at + readme[at..].find("\n\n**").unwrap_or(4000)];
    for f in table::formats::SUPPORTED {
        for ending in f.endings.iter().filter(|e| e.listed).map(|e| e.ext) {
            assert!(
                section.contains(&format!(".{ending}")),
                ".{ending} of {} is not in the README's formats table",
                f.what
            );
        }
    }
}
