//! The eighteenth probe of web pages (issue 27, H124): text a browser does not show, pages in
//! archives with their style sheets, and page families written by hand from what government
//! portals publish (`tests/fixtures/hostile/probe18/`; the probe itself is
//! `tests/hostile/probe18_pages.py`): each test here failed on the session's start
//! (`9f9a8e7`) with a reading a browser showing the page contradicts.

use std::path::PathBuf;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{evaluate_in, row, run};

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    reports::fixtures("hostile/probe18")
}

fn evaluate(file: &str) -> (Vec<[String; 4]>, String) {
    evaluate_in(&fixtures(), file)
}

/// The flat target table's two indicators, its 培训人数 actual as `actual`, `verdict`.
fn flat_rows(actual: &str, verdict: &str) -> Vec<[String; 4]> {
    vec![
        row(["培训人数", "≥100人", actual, verdict]),
        row(["满意度", "≥90%", "95%", "pass"]),
    ]
}

#[test]
fn text_a_browser_does_not_show_is_not_read_and_said() {
    // `<span style="font-size:0">1</span>80人` and its kin: a browser shows 80人, short of
    // 100 (before: 180人, 达标 with full points, without a word)
    for (page, how) in [
        ("u-fs0.html", "字号为 0"),
        ("u-fs0class.html", "字号为 0"),
        ("u-white.html", "颜色与背景色相同"),
        ("u-white-font.html", "颜色与背景色相同"),
        ("u-same-bg.html", "颜色与背景色相同"),
        ("u-transparent.html", "透明"),
        ("u-opacity-class.html", "透明"),
        ("u-offscreen.html", "屏幕之外"),
        ("u-indent.html", "屏幕之外"),
        ("u-sr-only.html", "裁剪"),
        ("u-clip-path.html", "裁剪"),
    ] {
        let (rows, stderr) = evaluate(page);
        assert_eq!(rows, flat_rows("80人", "fail"), "{page}");
        assert_eq!(
            stderr.matches("table.page-hidden-text").count(),
            1,
            "{page}: {stderr}"
        );
        assert!(stderr.contains("文字“1”"), "{page}: {stderr}");
        assert!(stderr.contains(how), "{page}: {stderr}");
    }
}

#[test]
fn a_cell_whose_text_is_all_hidden_or_struck_through_is_read_empty_and_said() {
    // `<td style="visibility:hidden">120人</td>`, a zero font size, white on white, struck
    // through by a style or by `<s>` (before: 120人 达标 for the first four; the struck `<s>`
    // read empty without a word)
    for page in [
        "u-td-vis.html",
        "u-td-fs0.html",
        "u-td-white.html",
        "u-td-strike.html",
        "u-td-s.html",
    ] {
        let (rows, stderr) = evaluate(page);
        assert_eq!(rows, flat_rows("", "missing"), "{page}");
        assert!(
            stderr.contains("文字“120人”") && stderr.contains("单元格按空读取"),
            "{page}: {stderr}"
        );
    }
}

#[test]
fn text_shown_again_inside_a_hidden_element_is_read() {
    // `visibility: visible` inside `visibility: hidden` (a span's, a whole cell's), a font size
    // inside a zero one: the inner text is shown (before: the first read empty); white text on
    // a cell's own blue is seen, read as written
    for (page, actual, verdict) in [
        ("u-visible-child.html", "80人", "fail"),
        ("u-td-visible-child.html", "80人", "fail"),
        ("u-fs-reset.html", "80人", "fail"),
        ("u-white-on-blue.html", "180人", "pass"),
    ] {
        let (rows, stderr) = evaluate(page);
        assert_eq!(rows, flat_rows(actual, verdict), "{page}");
        assert!(
            !stderr.contains("table.page-hidden-text"),
            "{page}: {stderr}"
        );
    }
}

#[test]
fn a_row_struck_through_is_read_with_a_warning() {
    // `<tr style="text-decoration:line-through">`: a browser shows the row deleted; read as a
    // hidden row is, with its warning (before: read without a word)
    let (rows, stderr) = evaluate("u-tr-strike.html");
    assert_eq!(rows, flat_rows("80人", "fail"));
    assert_eq!(stderr.matches("table.hidden-row").count(), 1, "{stderr}");
    assert!(stderr.contains("整行带删除线"), "{stderr}");
}

/// `evaluate ARCHIVE --format jsonl` of a pile: its forms as `[file, project, total]`, the
/// run's exit code and stderr.
fn pile(file: &str) -> (Vec<[String; 3]>, i32, String) {
    let r = run(&fixtures(), &["evaluate", file, "--format", "jsonl"]);
    let forms = r
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["record"] == "form")
        .map(|v| ["file", "project", "total"].map(|k| v[k].as_str().unwrap_or("").to_owned()))
        .collect();
    (forms, r.code, r.stderr)
}

#[test]
fn a_page_in_an_archive_is_laid_out_by_the_style_sheet_saved_beside_it_there() {
    // a page saved complete and zipped: `绩效/绩效.html` linking `绩效_files/main.css`, where
    // its CSS grid's columns are (before: the archive's entry was read alone, refused with
    // `table.page-stylesheet`, exit 3)
    let (forms, code, stderr) = pile("z-grid.zip");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        forms,
        [[
            "z-grid.zip!绩效/绩效.html".to_owned(),
            "农村劳动力培训".to_owned(),
            "87.50".to_owned()
        ]]
    );
    // a class the archive's sheet hides marks its row (before: read without a word)
    let (forms, code, stderr) = pile("z-hide.zip");
    assert_eq!((forms.len(), code), (1, 0), "{stderr}");
    assert_eq!(stderr.matches("table.hidden-row").count(), 1, "{stderr}");
    // out of the page's folder, or not in the archive: named, as on disk
    for (file, why) in [
        ("z-out.zip", "../main.css（在网页所在文件夹之外"),
        (
            "z-missing.zip",
            "nothere.css（压缩包中网页所在的文件夹里没有这个样式表",
        ),
    ] {
        let (forms, code, stderr) = pile(file);
        assert_eq!((forms.len(), code), (0, 3), "{file}: {stderr}");
        assert!(stderr.contains(why), "{file}: {stderr}");
    }
}

#[test]
fn an_import_inside_a_css_comment_is_not_followed() {
    // `/* 已停用：@import url("old.css"); */`: a browser loads no `old.css`, whose class would
    // hide the 培训人数 row (before: read, the row warned as hidden)
    let (rows, stderr) = evaluate_in(&fixtures().join("comment"), "c-import.html");
    assert_eq!(rows, flat_rows("80人", "fail"));
    assert!(!stderr.contains("table.hidden-row"), "{stderr}");
}

#[test]
fn a_page_holding_one_printed_page_of_a_form_says_the_rest_is_not_on_it() {
    // a portal publishing each printed page of a form as a web page: `自评表_1.html` (saved
    // without its page 2: `paged/` holds both, joined since H136, `tests/pages19.rs`) writes
    // "第1页 共2页" and holds 培训人数 (50 points) only, scored 40 / 50 (折合 80.00 良) where
    // the form is 90 (before: without a word)
    let (rows, stderr) = evaluate_in(&fixtures().join("paged-alone"), "自评表_1.html");
    assert_eq!(rows, [row(["培训人数", "≥100人", "80人", "fail"])]);
    assert_eq!(
        stderr.matches("table.page-form-part").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains("写明共 2 页，这个网页中只有第 1 页"),
        "{stderr}"
    );
    // both printed pages on one web page (the second read as the first's continuation): whole
    let (rows, stderr) = evaluate("f-paged-one.html");
    assert_eq!(
        rows,
        [
            row(["培训人数", "≥100人", "80人", "fail"]),
            row(["结业率", "≥90%", "95%", "pass"])
        ]
    );
    assert!(!stderr.contains("table.page-form-part"), "{stderr}");
}

#[test]
fn an_aria_grid_of_divs_is_read_as_the_table_its_roles_make() {
    // `<div role="table">` / `grid`, `role="row"`, `cell` / `gridcell` / `columnheader`, with
    // `rowgroup`s, `aria-colspan` and nested `<div>`s inside cells: read by its roles, as a
    // screen reader reads it (before: "网页中没有表格")
    for page in ["f-aria.html", "f-aria-grid.html", "f-aria-nested.html"] {
        let (rows, _) = evaluate(page);
        assert_eq!(rows, flat_rows("80人", "fail"), "{page}");
    }
}

#[test]
fn a_page_whose_tables_a_script_fills_says_so() {
    // the data in `<script type="application/json">` (an empty table with its header), in
    // `window.__NUXT__`, in `__NEXT_DATA__` (no table): before, "网页中没有表格", "没有一个是
    // 目标表" or `eval.no-actuals`, the cause unnamed
    for page in ["f-json.html", "f-nuxt.html", "f-next.html"] {
        let r = run(&fixtures(), &["evaluate", page, "--format", "jsonl"]);
        assert_eq!(r.code, 2, "{page}: {}", r.stderr);
        assert!(
            r.stderr.contains("table.page-script-data"),
            "{page}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("表格是打开网页时由脚本填入的"),
            "{page}: {}",
            r.stderr
        );
    }
}
