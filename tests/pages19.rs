//! Web pages not read before the nineteenth session (issue 27, H136): tables inside frames
//! (`<iframe srcdoc>`, an `<iframe src>` naming a file saved beside the page or an `.mhtml`'s
//! part) and pages made by PDF converters (`tests/fixtures/pages19/`, each written by hand from
//! its description): each test here failed on the session's start (`1a4c419`).

use std::path::PathBuf;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{evaluate_in, row, run};

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    reports::fixtures("pages19")
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

/// The form printed over two pages: 培训人数 on page 1; 结业率, 满意度 and 总分 on page 2.
fn the_paged_form() -> Vec<[String; 4]> {
    vec![
        row(["培训人数", "≥100人", "80人", "fail"]),
        row(["结业率", "≥90%", "95%", "pass"]),
        row(["满意度", "≥90%", "92%", "pass"]),
    ]
}

#[test]
fn a_form_saved_a_page_a_file_is_read_whole_from_any_of_its_pages() {
    // `第1页 共2页` / `第2页 共2页` in files of any names (`a.html`, `b.html`), page 2
    // repeating the form's title and header or not; no page marks but `表_1.html`,
    // `表_2.html` with no header on page 2: before, page 1 scored alone as the form (40 / 50,
    // 80.00 or 87.50, with a warning at best) and page 2 refused ("没有一个是目标表")
    for (folder, page, other) in [
        ("repeated", "p1.html", "第 2 页：p2.html"),
        ("repeated", "p2.html", "第 1 页：p1.html"),
        ("names", "表_1.html", "第 2 页：表_2.html"),
        ("names", "表_2.html", "第 1 页：表_1.html"),
    ] {
        let (rows, stderr) = evaluate_in(&fixtures().join(folder), page);
        assert_eq!(rows, the_paged_form(), "{folder}/{page}");
        assert!(
            stderr.contains("table.page-files-joined"),
            "{folder}/{page}: {stderr}"
        );
        assert!(stderr.contains(other), "{folder}/{page}: {stderr}");
        assert!(
            !stderr.contains("table.page-form-part"),
            "{folder}/{page}: {stderr}"
        );
        assert!(
            !stderr.contains("total-mismatch"),
            "{folder}/{page}: {stderr}"
        );
        let r = run(
            &fixtures().join(folder),
            &["evaluate", page, "--format", "json"],
        );
        assert!(
            r.stdout.contains("\"score\": \"90.00\""),
            "{folder}/{page}: {}",
            r.stdout
        );
    }
}

#[test]
fn the_printed_total_is_checked_over_the_joined_form() {
    // page 2 (`b.html`) prints 总分 95 where the three indicators' points sum to 90: found
    // over the joined form (before: page 1 scored 80.00 alone, page 2 refused)
    for page in ["a.html", "b.html"] {
        let r = run(
            &fixtures().join("marks"),
            &["evaluate", page, "--format", "jsonl"],
        );
        assert!(
            r.stderr
                .contains("原表总分 95 与表中各项得分之和 90 不一致"),
            "{page}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("table.page-files-joined"),
            "{page}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_missing_page_or_another_projects_page_stays_a_finding() {
    // three pages, page 3 not saved: pages 1 and 2 joined, the form still said to be a part
    let (rows, stderr) = evaluate_in(&fixtures().join("three"), "自评表_1.html");
    assert_eq!(rows, the_paged_form()[..2].to_vec());
    assert!(stderr.contains("第 2 页：自评表_2.html"), "{stderr}");
    assert!(
        stderr.contains("写明共 3 页，这个网页中只有第 1 页、第 2 页"),
        "{stderr}"
    );
    // page 2 beside it is another project's: not joined, page 1 said to be a part
    let (rows, stderr) = evaluate_in(&fixtures().join("other"), "p1.html");
    assert_eq!(rows, the_paged_form()[..1].to_vec());
    assert!(!stderr.contains("table.page-files-joined"), "{stderr}");
    assert!(stderr.contains("table.page-form-part"), "{stderr}");
    // a folder of two forms printed over two pages, `甲1.html` / `甲2.html` and `乙1.html` /
    // `乙2.html`, pages 2 naming no project: which page 2 is 甲's cannot be told, so none is
    // joined and page 1 stays a part (joining by name order scored 乙's page as 甲's)
    let (rows, stderr) = evaluate_in(&fixtures().join("many"), "甲1.html");
    assert_eq!(rows, the_paged_form()[..1].to_vec());
    assert!(!stderr.contains("table.page-files-joined"), "{stderr}");
    assert!(stderr.contains("table.page-form-part"), "{stderr}");
    // two whole forms numbered `_1`, `_2` (each its own header): each read alone
    let (rows, stderr) = evaluate_in(&fixtures().join("two-forms"), "表_1.html");
    assert_eq!(rows, the_paged_form());
    assert!(!stderr.contains("table.page-files-joined"), "{stderr}");
}
