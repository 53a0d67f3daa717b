//! Web pages whose form is laid out with `<div>`s and CSS, as a CMS or a front-end framework
//! writes them (`tests/fixtures/pages/`, written by hand from how those pages are built): read
//! as tables where their rows and columns are certain — a CSS grid of a known column count
//! with its spans, flex rows of equal counts (`flex: 2` is a width, not a span), Bootstrap's
//! `row` / `col-md-N`, floated list items, Element UI's header and body tables — and refused
//! with why (`table.page-layout-unsure`) where they are not (issue 27, sixteenth session).

use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{run, streamed_fields};

/// The fields each indicator is checked by.
const FIELDS: [&str; 5] = ["project", "indicator", "target", "actual", "verdict"];

/// Evaluates a page of `tests/fixtures/pages` (streamed report): its indicators' fields.
fn evaluate(page: &str) -> Vec<[String; 5]> {
    let d = folder(page);
    let r = run(&d, &["evaluate", page, "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{page}: {}", r.stderr);
    streamed_fields(&r.stdout, FIELDS)
}

/// A folder holding a copy of the page.
fn folder(page: &str) -> PathBuf {
    let d = reports::dir("page-layouts", page);
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    std::fs::copy(from.join(page), d.join(page)).unwrap();
    d
}

fn row(fields: [&str; 5]) -> [String; 5] {
    fields.map(str::to_owned)
}

#[test]
fn a_css_grid_of_known_columns_is_read_with_its_row_and_column_spans() {
    // `.perf-table { display: grid; grid-template-columns: repeat(8, minmax(60px, 1fr)) }`:
    // the project and 产出指标 cells span two rows (`grid-row: span 2`), so the second row's
    // first cell is the third column's; a note spans all eight columns
    assert_eq!(
        evaluate("grid-class.html"),
        [
            row(["农村劳动力培训", "培训人数", "≥100人", "80人", "fail"]),
            row(["农村劳动力培训", "满意度", "≥90%", "95%", "pass"]),
        ]
    );
    // an inline style (`120px 1fr …`, eight tracks), a title spanning them, three cells
    // spanning two rows
    assert_eq!(
        evaluate("grid-inline.html"),
        [
            row(["道路养护", "养护里程", "≥50公里", "52公里", "pass"]),
            row(["道路养护", "修补面积", "≥2000平方米", "1500平方米", "fail"]),
        ]
    );
}

#[test]
fn a_table_written_a_grid_a_row_is_read_as_one_table() {
    // `.list .tr { display: grid; grid-template-columns: 2fr repeat(3, 1fr) 2fr 2fr 1fr 1fr }`:
    // each row its own grid of eight tracks under one parent; read a table each, the first
    // (the header) took the second as its body and the other rows were left out
    assert_eq!(
        evaluate("grid-per-row.html"),
        [
            row(["垃圾分类", "覆盖小区数", "≥40个", "36个", "fail"]),
            row(["垃圾分类", "分类准确率", "≥85%", "88%", "pass"]),
            row(["垃圾分类", "居民满意度", "≥90%", "86%", "fail"]),
        ]
    );
}

/// The two indicators of the flex-row pages (`flex-rows.html`, `flex-p-cells.html`).
fn flex_form() -> Vec<[String; 5]> {
    vec![
        row([
            "高标准农田",
            "新建高标准农田面积",
            "≥1000亩",
            "800亩",
            "fail",
        ]),
        row(["高标准农田", "农户满意度", "≥90%", "93%", "pass"]),
    ]
}

#[test]
fn flex_rows_of_equal_counts_are_read_in_order_whatever_their_widths() {
    // `.name { flex: 2 }` is a wider cell, not two columns: 实际完成值 stays the sixth cell
    assert_eq!(evaluate("flex-rows.html"), flex_form());
}

#[test]
fn a_block_ends_an_open_paragraph_cell_as_a_browser_ends_it() {
    // flex rows whose cells are `<p>`s left open: a `<pre>` or an `<address>` cell ends the
    // `<p>` before it, as a browser ends it (it is a cell of its own, not a part of that `<p>`:
    // the rows were 7 and 8 cells, refused)
    assert_eq!(evaluate("flex-p-cells.html"), flex_form());
}

#[test]
fn a_grid_past_the_column_limit_is_refused_as_a_table_is() {
    // a form of six columns and two empty ones after them, as a grid of eight tracks and as a
    // `<table>`, under a limit of six columns: the same refusal (the grid's empty cells were
    // not counted, and it was read past the limit)
    let cells = |open: &str, close: &str| {
        [
            "项目",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "",
            "",
            "道路养护",
            "养护里程",
            "≥50公里",
            "52公里",
            "60",
            "60",
            "",
            "",
        ]
        .map(|t| format!("{open}{t}{close}"))
    };
    let grid = format!(
        "<html><body><div style=\"display:grid;grid-template-columns:repeat(8, 1fr)\">{}</div>\
        </body></html>",
        cells("<div>", "</div>").concat()
    );
    let td = cells("<td>", "</td>");
    let table = format!(
        "<html><body><table><tr>{}</tr><tr>{}</tr></table></body></html>",
        td[..8].concat(),
        td[8..].concat()
    );
    let refusal = |page: &str, kind: &str| {
        let d = reports::dir("page-layouts-columns", kind);
        std::fs::write(d.join("page.html"), page).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["evaluate", "page.html", "--format", "jsonl"])
            .current_dir(&d)
            .env("NO_COLOR", "1")
            .env("JIXIAO_MAX_COLUMNS", "6")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{kind}: {stderr}");
        assert!(out.stdout.is_empty(), "{kind}");
        assert!(
            stderr.contains("table.too-many-columns") && stderr.contains("JIXIAO_MAX_COLUMNS"),
            "{kind}: {stderr}"
        );
        stderr
    };
    assert_eq!(refusal(&grid, "grid"), refusal(&table, "table"));
}

#[test]
fn a_layout_a_later_style_block_may_change_is_refused_with_why() {
    // a grid styled inline, and a `<style>` block with a layout rule: given before the grid
    // the page is read; given after it (a browser lays the page out again) it is refused
    let style = "<style>.cell { display: flex }</style>";
    let grid = "<div style=\"display:grid;grid-template-columns:repeat(6, 1fr)\">\
        <div>项目</div><div>三级指标</div><div>年度指标值</div><div>实际完成值</div><div>分值</div>\
        <div>得分</div><div>道路养护</div><div>养护里程</div><div>≥50公里</div><div>52公里</div>\
        <div>60</div><div>60</div></div>";
    let page = |head: &str, tail: &str| {
        format!("<html><head><meta charset=\"utf-8\">{head}</head><body>{grid}{tail}</body></html>")
    };
    let d = reports::dir("page-layouts", "late-style");
    std::fs::write(d.join("early.html"), page(style, "")).unwrap();
    std::fs::write(d.join("late.html"), page("", style)).unwrap();
    let r = run(&d, &["evaluate", "early.html", "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        streamed_fields(&r.stdout, FIELDS),
        [row(["道路养护", "养护里程", "≥50公里", "52公里", "pass"])]
    );
    let r = run(&d, &["evaluate", "late.html", "--format", "jsonl"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains("table.page-layout-unsure")
            && r.stderr
                .contains("区块1：网页在它之后才给出样式表（<style>），布局可能因此改变"),
        "{}",
        r.stderr
    );
}

#[test]
fn bootstrap_rows_floated_list_items_and_split_header_tables_are_read() {
    assert_eq!(
        evaluate("bootstrap.html"),
        [
            row(["校舍维修", "完工及时率", "100%", "90%", "fail"]),
            row(["校舍维修", "受益学生人数", "≥500人", "620人", "pass"]),
        ]
    );
    // `.zwgk-list li { float: left }`: each `<ul>` a row, each `<li>` a cell (the menu's
    // list, not floated, is not)
    assert_eq!(
        evaluate("ul-rows.html"),
        [
            row(["村级公益事业", "建设村数", "≥12个", "12个", "pass"]),
            row(["村级公益事业", "受益人口", "≥3000人", "2600人", "fail"]),
        ]
    );
    // Element UI: `el-table__header` and `el-table__body` are two `<table>`s; with a fixed
    // column, `el-table__fixed` holds a whole copy of both (read, each indicator was twice)
    for page in ["element-ui.html", "element-ui-fixed.html"] {
        assert_eq!(
            evaluate(page),
            [
                row(["污水管网改造", "改造管网长度", "≥8公里", "6公里", "fail"]),
                row(["污水管网改造", "居民满意度", "≥85%", "90%", "pass"]),
            ],
            "{page}"
        );
    }
}

#[test]
fn a_frameworks_header_and_body_tables_are_joined_under_their_own_code() {
    // Element UI's header-only table and its body table: one table, an info note of its own
    // (it was told with the code of a guessed continuation after a page break, a warning's)
    let page = "element-ui.html";
    let d = folder(page);
    let r = run(&d, &["inspect", "--format", "json", page]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let codes: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    // (the page links its framework's style sheet by an absolute address: not read, noted)
    assert_eq!(
        codes,
        [
            ("table.page-header-body-joined", "info"),
            ("table.page-stylesheet", "info")
        ],
        "{}",
        r.stdout
    );
}

#[test]
fn a_layout_whose_columns_are_not_certain_is_refused_with_why() {
    for (page, why) in [
        // rows of 8 and 7 cells, one `flex: 2`: which column each cell stands in is a guess
        ("flex-uneven.html", "各行的单元格数不同（7 至 8 个）"),
        // `repeat(auto-fill, …)`: the column count is the screen's
        ("grid-auto-fill.html", "网格的列数随屏幕宽度而定"),
    ] {
        let d = folder(page);
        let r = run(&d, &["evaluate", page, "--format", "jsonl"]);
        assert_eq!(r.code, 2, "{page}: {}", r.stdout);
        assert!(r.stdout.is_empty(), "{page}: {}", r.stdout);
        assert!(
            r.stderr.contains("table.page-layout-unsure") && r.stderr.contains(why),
            "{page}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("区块1"), "{}", r.stderr);
    }
}
