//! The twenty-fifth probe of forms (issue 27, H182): the families left open last session and
//! those a fresh probe found read wrong, made by hand from their descriptions
//! (`tests/hostile/probe25_forms.py`; the inputs in `tests/fixtures/forms25/`), each read
//! quietly wrong or not read apart at the session's start (`663762d`), with the form's printed
//! sums as the test of each reading. The 部门整体 form: 社区养老服务 20 + 20 + 10 = 50 points,
//! 18 + 20 + 10 = 48 scored; 困难群众救助 20 + 20 = 40 points, 16 + 20 = 36; 合计 90, 84 (the
//! `-off` variants print another total or subtotal, so the sums disagree).

use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{row, run};
use serde_json::Value;

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms25")
}

/// `evaluate FILE --format json`, which must succeed: the report.
fn whole(file: &str) -> Value {
    reports::report_in(&fixtures(), file, &[])
}

/// Each project's `(project, score, weights, status, indicators)`, `""` where null.
fn totals(v: &Value) -> Vec<[String; 5]> {
    reports::projects_counted(v, ["project", "score", "weights", "status"])
}

/// The messages of the findings of code `code` in the report's projects.
fn said(v: &Value, code: &str) -> Vec<String> {
    v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["findings"].as_array().unwrap())
        .filter(|f| f["code"] == code)
        .map(|f| f["message"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// A 部门整体 form whose 项目名称 column names two projects — on each row (xlsx), merged down
/// each project's rows (ods), or on a project's first row only (a csv of a merged sheet) — is
/// read apart: 社区养老服务 48 of 50 and 困难群众救助 36 of 40, each its own indicators, the
/// form's 合计 (84) checked over every row first, and the reading said. At `663762d` each was
/// one project, the department's (84.00 of 90, 5 indicators), the two projects only named.
#[test]
fn a_department_form_is_read_apart_by_its_projects_column() {
    for file in [
        "dept-each.xlsx",
        "dept-merged.ods",
        "dept-blank.csv",
        "dept-sub.html",
    ] {
        let v = whole(file);
        assert_eq!(
            totals(&v),
            [
                row(["社区养老服务", "48.00", "50.00", "scored", "3"]),
                row(["困难群众救助", "36.00", "40.00", "scored", "2"])
            ],
            "{file}"
        );
        let apart = said(&v, "table.form-projects-apart");
        assert_eq!(apart.len(), 1, "{file}: {v}");
        assert!(
            apart[0].contains("2 个项目（社区养老服务、困难群众救助）：按项目分开读取")
                && apart[0].contains("合计 84 分"),
            "{file}: {}",
            apart[0]
        );
    }
}

/// The department's sums disagree (合计 86 over rows making 84; in the csv a 小计 of 46 over
/// 社区养老服务's 48): every project the 合计 covers is 未核对, none is given a total; a 小计
/// that disagrees leaves only its own project 未核对 (session 26, `tests/forms26.rs`). At
/// `663762d` the Word form was one project 未核对; the csv's 小计 passed as a rounding (each
/// whole number taken as rounded by half a point), its form 84.00 scored.
#[test]
fn a_department_form_whose_sums_disagree_leaves_each_project_unchecked() {
    for (file, other) in [
        ("dept-each-off.docx", ["困难群众救助", "", "unchecked"]),
        ("dept-sub-off.csv", ["困难群众救助", "36.00", "scored"]),
    ] {
        let v = whole(file);
        let status: Vec<[String; 5]> = totals(&v);
        assert_eq!(
            status
                .iter()
                .map(|t| [t[0].as_str(), t[1].as_str(), t[3].as_str()])
                .collect::<Vec<_>>(),
            [["社区养老服务", "", "unchecked"], other],
            "{file}"
        );
    }
}

/// The department's funds block is not any one project's: it is a project of the form's own
/// name with the budget line alone (9.5 of 10), the two projects their indicators. At
/// `663762d`: one project 93.50 of 100.
#[test]
fn a_department_forms_funds_are_a_project_of_their_own() {
    let v = whole("dept-funds.docx");
    assert_eq!(
        totals(&v),
        [
            row(["某区民政局部门整体支出", "9.50", "10.00", "scored", "0"]),
            row(["社区养老服务", "48.00", "50.00", "scored", "3"]),
            row(["困难群众救助", "36.00", "40.00", "scored", "2"])
        ]
    );
    assert_eq!(v["projects"][0]["budget_score"], "9.50", "{v}");
}

/// Where an indicator row comes before any row naming a project, the rows do not say which
/// project each belongs to: the form stays one (the department's), and the finding says why.
/// At `663762d` the same reading, but the finding said nothing of why it was not read apart.
#[test]
fn a_department_form_whose_first_row_names_no_project_stays_one() {
    let v = whole("dept-gap.xlsx");
    assert_eq!(
        totals(&v),
        [row([
            "某区民政局部门整体支出",
            "84.00",
            "90.00",
            "scored",
            "5"
        ])]
    );
    let one = said(&v, "table.form-projects-column");
    assert_eq!(one.len(), 1, "{v}");
    assert!(one[0].contains("第一个项目名称之前"), "{}", one[0]);
}

/// Each indicator's `(name, weight)`, the first project's.
fn weights(v: &Value) -> Vec<[String; 2]> {
    v["projects"][0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            [
                i["indicator"].as_str().unwrap_or("").to_owned(),
                i["weight"].as_str().unwrap_or("").to_owned(),
            ]
        })
        .collect()
}

/// The form whose 分值 column is blank, its points in the category heads (`产出指标（30分）` over
/// three rows, `满意度指标（30分）` over two, `效益指标（30分）` over one): the even share (10, 15)
/// is a guess, marked beside each of the five rows it was made for (`table.form-points-guessed`,
/// listed by `inspect`) and, beside the total, at each of the two heads whose points were
/// guessed apart (`table.form-points-shared`, a warning saying the total rests on it); the one
/// row that takes its label's points is no guess. At `663762d` the shares were made with one
/// hidden 提示 at each label, the rows and the total unmarked.
#[test]
fn points_shared_from_a_category_head_are_marked_as_guessed() {
    let v = whole("cathead.xlsx");
    assert_eq!(v["projects"][0]["status"], "scored", "{v}");
    let shared = said(&v, "table.form-points-shared");
    assert_eq!(shared.len(), 2, "{shared:?}");
    assert!(
        shared
            .iter()
            .all(|m| m.contains("分值为推定") && m.contains("总分按此计算")),
        "{shared:?}"
    );
    let r = run(&fixtures(), &["inspect", "cathead.xlsx"]);
    let rows = r
        .stdout
        .lines()
        .filter(|l| l.contains("table.form-points-guessed") && l.contains("为推定"))
        .count();
    assert_eq!(rows, 5, "{}", r.stdout);
}

/// The rows' printed 得分 against the head's points: 12 + 10 + 10 = 32 under `产出指标（30分）`
/// (the docx), and 14 against an even share of 10 (the html: the share cannot be right) leave
/// the form 未核对 with the reason. At `663762d` both were scored 89.17 on the even share.
#[test]
fn printed_scores_that_no_even_share_holds_leave_the_form_unchecked() {
    for (file, reason) in [
        (
            "cathead-sum.docx",
            "「产出指标」标明 30 分，其下各指标得分之和 32 分",
        ),
        (
            "cathead-over.html",
            "小于「服务人次」的得分 14：各指标分值无法推定",
        ),
    ] {
        let v = whole(file);
        let p = &v["projects"][0];
        assert_eq!(p["status"], "unchecked", "{file}: {v}");
        let why = said(&v, "eval.total-unchecked");
        assert!(why.len() == 1 && why[0].contains(reason), "{file}: {why:?}");
    }
}

/// The category as a heading row of its own (`产出指标 | | | | | 30`), its points in the 分值
/// column, the rows under it printing none: the heading's points are its rows' (10 each of 30),
/// as `产出指标（30分）` is. At `663762d` the heading rows were rows without a name
/// (`table.missing-name`), their points dropped, the rows' 分值 made up from the form's total
/// (16.67 and 5.00), scored 82.72 against the printed 97.5; the `-off` variant's total (99.5)
/// still disagrees (未核对).
#[test]
fn a_category_heading_rows_points_bound_the_rows_under_it() {
    let v = whole("cathead-rows.xlsx");
    let w: Vec<String> = weights(&v).into_iter().map(|[_, w]| w).collect();
    assert_eq!(w, ["10.00", "10.00", "10.00", "30.00", "15.00", "15.00"]);
    assert!(said(&v, "table.missing-name").is_empty(), "{v}");
    let off = whole("cathead-rows-off.docx");
    assert_eq!(off["projects"][0]["status"], "unchecked");
    let w: Vec<String> = weights(&off).into_iter().map(|[_, w]| w).collect();
    assert_eq!(w, ["10.00", "10.00", "10.00", "30.00", "15.00", "15.00"]);
}

/// A grid with a `四级指标` column right of the 三级指标 one (the 三级 a group, `养老服务`): the
/// 四级 cells name the indicators. At `663762d` every row was named by its group (`养老服务`
/// five times), the indicators' own names passed over (the scores right, the names wrong).
#[test]
fn a_fourth_level_column_names_the_indicators() {
    let v = whole("p2-level4.docx");
    let names: Vec<String> = weights(&v).into_iter().map(|[n, _]| n).collect();
    assert_eq!(
        names,
        [
            "服务人次",
            "设施验收合格率",
            "完成时间",
            "老年人生活质量",
            "老人满意度"
        ]
    );
    assert_eq!(v["projects"][0]["score"], "97.50");
}

/// The funds block printed below the indicator grid (between the last indicator and 总分): read
/// as the funds block (budget 100, spent 95, 9.5 of 10), the grid's five indicators only. At
/// `663762d` its header and amounts were two more indicators (`全年执行数` a target, 95 a 分值:
/// 185 points, 98.00 scored) and there was no budget line; the `-off` variant (总分 99.5)
/// still disagrees.
#[test]
fn a_funds_block_below_the_grid_is_the_funds_block() {
    let v = whole("p5-fundsbelow.xlsx");
    assert_eq!(
        totals(&v),
        [row(["社区养老服务", "97.50", "100.00", "scored", "5"])]
    );
    assert_eq!(v["projects"][0]["budget_score"], "9.50");
    let off = whole("p5-fundsbelow-off.docx");
    assert_eq!(
        totals(&off),
        [row(["社区养老服务", "", "100.00", "unchecked", "5"])]
    );
}

/// The actual and the reason in one column (`完成情况及偏差原因`: `实际完成900人次，生源不足`): the
/// actual read from it (900人次, 18 of 20) and the words after the comma as the 偏差原因. At
/// `663762d` the column was passed over: every row 缺实际值 (0 points), 29.50 against the
/// printed 97.5, the reasons lost.
#[test]
fn the_actual_and_the_reason_in_one_column_are_read_apart() {
    let v = whole("p6-actualinnote.csv");
    assert_eq!(
        totals(&v),
        [row(["社区养老服务", "97.50", "100.00", "scored", "5"])]
    );
    let first = &v["projects"][0]["indicators"][0];
    assert_eq!(first["actual"], "900人次", "{first}");
    assert_eq!(first["deviation_note"], "生源不足", "{first}");
}

/// `年初指标值 | 调整后指标值`: the adjusted target scored (≥900人次, 20 of 20), said
/// (`table.target-adjusted`); the `-off` variant's total (97.5) disagrees. At `663762d` the
/// form was refused (没有找到年度指标值列): `年初指标值` was no target column's name.
#[test]
fn an_initial_and_an_adjusted_target_column_score_the_adjusted() {
    let v = whole("p12-selfadjusted.ods");
    assert_eq!(
        totals(&v),
        [row(["社区养老服务", "99.50", "100.00", "scored", "5"])]
    );
    assert_eq!(v["projects"][0]["indicators"][0]["target"], "≥900人次");
    assert_eq!(said(&v, "table.target-adjusted").len(), 1, "{v}");
    let off = whole("p12-selfadjusted-off.xlsx");
    assert_eq!(off["projects"][0]["status"], "unchecked");
}
