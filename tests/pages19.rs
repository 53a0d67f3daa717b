//! Web pages not read before the nineteenth session (issue 27, H136): tables inside frames
//! (`<iframe srcdoc>`, an `<iframe src>` naming a file saved beside the page or an `.mhtml`'s
//! part) and pages made by PDF converters (`tests/fixtures/pages19/`, each written by hand from
//! its description): each test here failed on the session's start (`1a4c419`).

use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{evaluate_in, run};

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages19")
}

fn row(fields: [&str; 4]) -> [String; 4] {
    fields.map(str::to_owned)
}

/// The form's two indicators as the frame's document holds them.
fn the_form() -> Vec<[String; 4]> {
    vec![
        row(["培训人数", "≥100人", "80人", "fail"]),
        row(["满意度", "≥90%", "95%", "pass"]),
    ]
}

#[test]
fn a_table_in_a_frame_is_read_and_where_it_came_from_is_said() {
    // the document in `srcdoc` (HTML-escaped), a srcdoc inside a srcdoc, a later `text/html`
    // part of an `.mhtml` named by the frame's `src`, a file saved beside the page in its
    // `NAME_files` folder (percent-encoded): before, "网页中没有表格" (only the menu table)
    for (page, from) in [
        ("frame-srcdoc.html", "框架1（srcdoc）"),
        ("frame-nested.html", "框架1·框架1（srcdoc）"),
        (
            "frame.mhtml",
            "框架1（src=\"https://www.example.gov.cn/jx/form.html\"）",
        ),
        (
            "saved/页面.html",
            "框架1（src=\"./%E9%A1%B5%E9%9D%A2_files/form.html\"）",
        ),
    ] {
        let (rows, stderr) = evaluate_in(&fixtures(), page);
        assert_eq!(rows, the_form(), "{page}");
        assert!(stderr.contains("table.page-frame-read"), "{page}: {stderr}");
        assert!(stderr.contains(from), "{page}: {stderr}");
    }
}

#[test]
fn a_frame_not_read_is_named_with_why_never_fetched() {
    // out of the page's folder, on the network, missing, hidden, deeper than three frames:
    // before, "网页中有 1 个表格，但没有一个是目标表" (the cause unnamed)
    for (page, why) in [
        ("saved/outside.html", "在网页所在文件夹之外"),
        ("saved/outside.html", "是网址，jixiao 不联网读取"),
        ("saved/missing.html", "找不到这个文件"),
        ("frame-hidden.html", "框架在网页中不显示"),
        ("frame-deep.html", "框架套框架超过 3 层"),
    ] {
        let r = run(&fixtures(), &["evaluate", page, "--format", "jsonl"]);
        assert_eq!(r.code, 2, "{page}: {}", r.stderr);
        assert!(
            r.stderr.contains("table.page-frame"),
            "{page}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(why), "{page}: {}", r.stderr);
    }
    // beside a table read, a map from the network: read as before, the frame noted
    let (rows, stderr) = evaluate_in(&fixtures(), "frame-map.html");
    assert_eq!(rows, the_form());
    assert!(
        stderr.contains("框架1（src=\"https://map.example.com/embed?x=1\"）：是网址"),
        "{stderr}"
    );
}

#[test]
fn a_page_a_pdf_converter_made_is_refused_with_why_and_the_way_forward() {
    // no `<table>`, every piece of text at its coordinates: pdf2htmlEX (named by its
    // `<meta name="generator">`, and not), pdftohtml's `position:absolute; top; left`, a PDF
    // viewer's text layer saved: before, "网页中没有表格" (nothing said of what the page is)
    for (page, how) in [
        ("pdf2htmlex.html", "网页写明由 pdf2htmlEX 生成"),
        ("pdf2htmlex-unnamed.html", "按坐标（left、top）摆放"),
        ("pdftohtml.html", "按坐标（left、top）摆放"),
        ("pdfjs-text-layer.html", "按坐标（left、top）摆放"),
    ] {
        let r = run(&fixtures(), &["evaluate", page, "--format", "jsonl"]);
        assert_eq!(r.code, 2, "{page}: {}", r.stderr);
        assert!(r.stderr.contains("table.page-pdf"), "{page}: {}", r.stderr);
        assert!(
            r.stderr.contains("由 PDF 转换成的网页"),
            "{page}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(how), "{page}: {}", r.stderr);
        assert!(
            r.stderr.contains("Excel 或 Word 原件"),
            "{page}: {}",
            r.stderr
        );
    }
}
