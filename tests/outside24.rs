//! The twenty-fourth outside probe of forms (issue 27, H171): the page families left open last
//! session and those a fresh probe found read wrong, made by hand from their descriptions
//! (`tests/hostile/probe24_forms.py`; the inputs in `tests/fixtures/outside24/`), each read
//! quietly wrong, dropped or refused at the session's start (`8737cee`), with the form's
//! printed sums as the test of each reading. The project of every form: budget 100, spent 95
//! (10 points, 9.5 scored); indicators 90 points, 88 scored; total 97.5 (the `-off` variants
//! print another total, so the sums disagree).

use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{codes, row, run, whole_fields};
use serde_json::Value;

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outside24")
}

/// `evaluate FILE --format json [MORE]`, which must succeed: the report.
fn whole(file: &str, more: &[&str]) -> Value {
    reports::report_in(&fixtures(), file, more)
}

/// Each project's `(project, score, published_score, status, indicators)`, `""` where null.
fn totals(v: &Value) -> Vec<[String; 5]> {
    reports::projects_counted(v, ["project", "score", "published_score", "status"])
}

/// The form's head (title, 项目名称, the funds block) in a table whose last row is one cell
/// holding the indicator grid as a nested `<table>` (a page's layout table around the form),
/// or as an ARIA grid (`<div role="table">`). At `8737cee` each table was a sheet of its own:
/// the grid was read without its head, as 未命名项目 with no budget line, its printed 97.5
/// against 88 (未核对); a page of two such forms in a layout table gave one 未命名项目, the
/// second form dropped. Now the nested grid is read as the rows the browser shows in its
/// place: 社区养老服务, 97.50, confirmed by its printed total (99.5 leaves it 未核对), and
/// the two forms two projects.
#[test]
fn a_grid_nested_in_the_head_table_is_read_as_the_table_shown() {
    let one = |score: &str, printed: &str, status: &str| {
        row(["社区养老服务", score, printed, status, "5"])
    };
    assert_eq!(
        totals(&whole("nested.html", &[])),
        [one("97.50", "97.5", "scored")]
    );
    assert_eq!(
        totals(&whole("aria-in-td.html", &[])),
        [one("97.50", "97.5", "scored")]
    );
    assert_eq!(
        totals(&whole("nested-off.mht", &[])),
        [one("", "99.5", "unchecked")]
    );
    let v = whole("nested.html", &[]);
    assert_eq!(v["projects"][0]["budget_score"], "9.50", "{v}");
    let v = whole("nestedtwo.html", &[]);
    assert_eq!(
        totals(&v),
        [
            one("97.50", "97.5", "scored"),
            row(["困难群众救助", "97.50", "97.5", "scored", "5"])
        ]
    );
}

/// A table written in HTML 4's order, `<thead>`, then `<tfoot>` (the 总分 row), then
/// `<tbody>` (the indicators): a browser shows the foot last. At `8737cee` the rows were read
/// in the markup's order, the grid ended at the 总分 row and its five indicators vanished: the
/// project was 9.50 (the budget line alone), shown as scored. Now the foot is read below the
/// body: five indicators, 97.50 confirmed (99.5 leaves it 未核对).
#[test]
fn a_foot_written_before_the_body_is_read_below_it() {
    let v = whole("tfoot.html", &[]);
    assert_eq!(
        totals(&v),
        [row(["社区养老服务", "97.50", "97.5", "scored", "5"])]
    );
    let got = whole_fields(&v.to_string(), ["indicator", "verdict", "score"]);
    assert_eq!(got[0], row(["服务人次", "fail", "18.00"]));
    assert_eq!(
        totals(&whole("tfoot-off.mht", &[])),
        [row(["社区养老服务", "", "99.5", "unchecked", "5"])]
    );
}

/// Scores with a remark in brackets (`18（扣2分）`) and the total `97.5分（优）`. At `8737cee`
/// each was "not a number" and unread: the printed total was lost, so a form printing 99.5
/// was shown scored 97.50 as if its sums had been checked. Now the figure before the remark
/// is read (said in `inspect`, `table.form-reading`) and the total checks the reading: 97.5 agrees, 99.5
/// leaves it 未核对.
#[test]
fn a_score_with_a_remark_in_brackets_is_read_and_checked() {
    let v = whole("scorenote.xlsx", &[]);
    assert_eq!(
        totals(&v),
        [row(["社区养老服务", "97.50", "97.5", "scored", "5"])]
    );
    assert_eq!(
        totals(&whole("scorenote-off.html", &[])),
        [row(["社区养老服务", "", "99.5", "unchecked", "5"])]
    );
}

/// A transposed form (the indicators across) with one row a year's targets: `2023年指标值`,
/// `2024年指标值`. At `8737cee` every such form was refused (找不到表头行 / 网页中没有表单).
/// Now the year read is the actuals' row's (`2023年实际完成值`), else the year asked
/// (`--year`), never simply the latest (2024's is next year's target); with neither, nothing
/// tells which, and the form is still refused.
#[test]
fn years_down_the_rows_read_the_year_asked_or_the_actuals() {
    let v = whole("yearsnamed.xlsx", &[]);
    assert_eq!(
        totals(&v),
        [row(["社区养老服务", "96.00", "96", "scored", "3"])]
    );
    let got = whole_fields(&v.to_string(), ["indicator", "target", "verdict"]);
    assert_eq!(got[0], row(["服务人次", "≥1000人次", "fail"]), "{v}");
    assert!(
        codes(&v).contains(&"table.form-transposed".to_owned()),
        "{v}"
    );
    assert_eq!(
        totals(&whole("yearsnamed-off.html", &[])),
        [row(["社区养老服务", "", "99", "unchecked", "3"])]
    );

    let v = whole("yearsdown.html", &["--year", "2023"]);
    let got = whole_fields(&v.to_string(), ["indicator", "target"]);
    assert_eq!(got[0], row(["服务人次", "≥1000人次"]), "{v}");
    let v = whole("yearsdown.html", &["--year", "2024"]);
    let got = whole_fields(&v.to_string(), ["indicator", "target"]);
    assert_eq!(got[0], row(["服务人次", "≥1200人次"]), "{v}");
    let r = run(&fixtures(), &["evaluate", "yearsdown.html"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
}

/// A 部门整体 form whose 项目名称 column names two projects (each row; and one cell merged down
/// each project's rows). At `8737cee` the column was passed over without a word: the form was
/// one project, the department's, and the two projects it lists appeared nowhere. Session 24
/// said the projects at its header (`table.form-projects-column`); since session 25 (H182,
/// `tests/forms25.rs`) the form is read apart, a project a name (48 of 50, 36 of 40), its 合计
/// (84) checked over every row first, and the reading said (`table.form-projects-apart`).
#[test]
fn a_department_form_naming_projects_in_a_column_says_them() {
    for file in ["dept.html", "deptmerged.xlsx"] {
        let v = whole(file, &[]);
        assert_eq!(
            totals(&v),
            [
                row(["社区养老服务", "48.00", "", "scored", "3"]),
                row(["困难群众救助", "36.00", "", "scored", "2"])
            ],
            "{file}"
        );
        let said: Vec<&str> = v["projects"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "table.form-projects-apart")
            .filter_map(|f| f["message"].as_str())
            .collect();
        assert_eq!(said.len(), 1, "{file}: {v}");
        assert!(
            said[0].contains("2 个项目（社区养老服务、困难群众救助）"),
            "{file}: {}",
            said[0]
        );
    }
}
