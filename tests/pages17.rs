//! The seventeenth probe of web pages (issue 27, H112): page families the reader had not met,
//! each written by hand from what government sites publish (`tests/fixtures/hostile/probe17/`;
//! the probe itself is `tests/hostile/probe17_pages.py`): each test here failed on the
//! session's start (`114b3f7`) with a reading a browser showing the page contradicts.

use std::path::PathBuf;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{dir, evaluate_in, row, run};

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    reports::fixtures("hostile/probe17")
}

fn evaluate(file: &str) -> (Vec<[String; 4]>, String) {
    evaluate_in(&fixtures(), file)
}

#[test]
fn a_row_a_browser_does_not_show_is_read_with_a_warning_as_a_workbooks_hidden_row() {
    // last year's 培训人数 row kept under this year's and hidden: `style="display:none"`, the
    // `hidden` attribute, `visibility:hidden`, a class the page's `<style>` hides
    for page in [
        "hid-tr-none.html",
        "hid-tr-attr.html",
        "hid-tr-vis.html",
        "hid-tr-class.html",
    ] {
        let (rows, stderr) = evaluate(page);
        assert!(
            rows.contains(&row(["培训人数", "≥100人", "120人", "pass"])),
            "{page}: {rows:?}"
        );
        assert_eq!(
            stderr.matches("table.hidden-row").count(),
            1,
            "{page}: {stderr}"
        );
        assert!(stderr.contains("这一行在网页中不显示"), "{page}: {stderr}");
    }
}

#[test]
fn text_a_style_hides_or_strikes_through_is_not_the_cells() {
    // `<span style="visibility:hidden">1</span>80人`, a class hiding the `1`, and a revision
    // struck through by a style or a class (`120` struck, `80人` after it): a browser shows
    // 80人, which is short of 100
    for page in [
        "hid-span-vis.html",
        "hid-span-class.html",
        "st-style.html",
        "st-class.html",
    ] {
        let (rows, _) = evaluate(page);
        assert_eq!(
            rows,
            [row(["培训人数", "≥100人", "80人", "fail"])],
            "{page}"
        );
    }
}

/// The folder of the pages saved with their style sheets.
fn saved() -> PathBuf {
    fixtures().join("saved")
}

/// The two indicators of the grid pages of `saved/`, as a browser shows them.
fn grid_rows() -> Vec<[String; 4]> {
    vec![
        row(["培训人数", "≥100人", "80人", "fail"]),
        row(["满意度", "≥90%", "95%", "pass"]),
    ]
}

#[test]
fn a_page_saved_complete_is_laid_out_by_the_style_sheet_beside_it() {
    // "save page, complete": a CSS grid whose `display: grid` and column count are only in
    // `绩效_files/main.css`; a query (`css/a.css?v=3`), a percent-encoded folder name, an
    // `@import` in a `<style>` block; an `.mhtml` holding the sheet as a part
    for page in [
        "绩效.html",
        "query.html",
        "percent.html",
        "import.html",
        "one-file.mhtml",
    ] {
        let (rows, _) = evaluate_in(&saved(), page);
        assert_eq!(rows, grid_rows(), "{page}");
    }
    // a class the linked sheet hides (`.old { display: none }`) marks its row
    let (rows, stderr) = evaluate_in(&saved(), "hidden-row.html");
    assert_eq!(rows.len(), 3);
    assert_eq!(stderr.matches("table.hidden-row").count(), 1, "{stderr}");
    // a Bootstrap page saved with its framework's sheet (past the 256 layout rules kept): read
    // by the class conventions as without it, the sheet named as not read for layouts
    let (rows, stderr) = evaluate_in(&saved(), "bootstrap.html");
    assert_eq!(
        rows,
        [
            row(["完工及时率", "100%", "90%", "fail"]),
            row(["受益学生人数", "≥500人", "620人", "pass"]),
        ]
    );
    assert!(stderr.contains("设定布局的规则超过 256 条"), "{stderr}");
}

#[test]
fn a_report_written_over_a_style_sheet_the_page_read_is_refused_and_the_sheet_kept() {
    // a linked sheet is a file the run read, found only while reading: `-o` naming it is
    // refused as naming an input is (`output.is-input`), whole and streamed, the sheet
    // unchanged and no temporary left beside it (it was replaced by the report, exit 0)
    let d = dir("pages17", "output-over-sheet");
    std::fs::create_dir_all(d.join("hide_files")).unwrap();
    for f in ["hidden-row.html", "hide_files/site.css"] {
        std::fs::copy(saved().join(f), d.join(f)).unwrap();
    }
    let sheet = std::fs::read(d.join("hide_files/site.css")).unwrap();
    for format in ["json", "jsonl", "csv"] {
        let r = run(
            &d,
            &[
                "evaluate",
                "hidden-row.html",
                "--format",
                format,
                "-o",
                "hide_files/site.css",
            ],
        );
        assert_eq!(r.code, 2, "{format}: {}", r.stderr);
        assert!(r.stderr.contains("错误[output.is-input]"), "{}", r.stderr);
        assert!(r.stderr.contains("网页链接的样式表"), "{}", r.stderr);
        assert_eq!(std::fs::read(d.join("hide_files/site.css")).unwrap(), sheet);
        let left: Vec<_> = std::fs::read_dir(d.join("hide_files")).unwrap().collect();
        assert_eq!(left.len(), 1, "{format}: {left:?}");
    }
    // another name beside it is written
    let r = run(
        &d,
        &[
            "evaluate",
            "hidden-row.html",
            "-o",
            "hide_files/report.json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_style_sheet_outside_the_pages_folder_or_on_the_network_is_named_not_read() {
    for (page, why) in [
        ("sub/parent.html", "../css/a.css（在网页所在文件夹之外"),
        ("absolute.html", "/etc/jixiao/main.css（是绝对路径"),
        (
            "url.html",
            "https://www.example.gov.cn/css/main.css（是网址，jixiao 不联网读取",
        ),
        (
            "missing.html",
            "nothere.css（在网页所在文件夹中找不到这个文件",
        ),
    ] {
        let r = run(&saved(), &["evaluate", page, "--format", "jsonl"]);
        assert_eq!(r.code, 2, "{page}: {}", r.stderr);
        assert!(
            r.stderr.contains("table.page-stylesheet"),
            "{page}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(why), "{page}: {}", r.stderr);
    }
}

#[test]
fn an_uploaded_page_whose_layout_is_in_its_style_sheet_says_to_save_it_as_one_file() {
    // the server reads the upload alone (`read_bytes`, no folder): the sheet is not read,
    // the refusal names it and the way forward (`.mhtml`, or the command line)
    let bytes = std::fs::read(saved().join("绩效.html")).unwrap();
    let e = jixiao::table::read_bytes("绩效.html", &bytes, &Default::default()).unwrap_err();
    let code = miette::Diagnostic::code(&e).unwrap().to_string();
    let help = miette::Diagnostic::help(&e).unwrap().to_string();
    assert_eq!(code, "table.page-stylesheet", "{e}");
    assert!(e.to_string().contains("./绩效_files/main.css"), "{e}");
    assert!(help.contains(".mhtml") && help.contains("命令行"), "{help}");
    // the same page as one file is read from its part
    let one = std::fs::read(saved().join("one-file.mhtml")).unwrap();
    assert!(jixiao::table::read_bytes("one-file.mhtml", &one, &Default::default()).is_ok());
}

#[test]
fn an_excel_page_figure_shown_rounded_is_read_as_the_value_it_holds_as_the_workbook_is() {
    // Excel's "save as web page" writes the value beside what the cell shows: `x:num="99.6"`
    // shown `100` (format `0`), `x:num="999.5"` shown `1,000` (`#,##0`); the workbook itself
    // reads the actual as held with `table.display-rounded` (percentages were held already)
    for (page, actual) in [("xl-int.htm", "99.6"), ("xl-thousands.htm", "999.5")] {
        let r = run(&fixtures(), &["evaluate", page, "--format", "json"]);
        assert_eq!(r.code, 0, "{page}: {}", r.stderr);
        let rows = reports::whole_fields(&r.stdout, ["actual", "verdict", "score"]);
        assert_eq!(rows.len(), 1, "{page}");
        assert_eq!(rows[0][1], "fail", "{page}: {rows:?}");
        assert!(
            r.stderr.contains("table.display-rounded"),
            "{page}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&format!("单元格存值 {actual}")),
            "{page}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_fixed_header_in_its_own_table_above_a_target_tables_body_is_read_with_it() {
    // a CMS's fixed header: `<th scope=col>` in a `<table>` of its own, the body's cells
    // figures with their units (`≥100人`, `80人`): read as one table, as Element UI's
    // header and body are (before: the header alone, no indicator, `eval.no-actuals`)
    let (rows, stderr) = evaluate("fixed-head.html");
    assert_eq!(rows, grid_rows());
    assert!(stderr.contains("表格2 接在 表格1 之后"), "{stderr}");
}
