//! The eighteenth probe of forms (issue 27, H123): layouts and phrasings of 项目支出绩效自评表 the
//! readers had not met, each made by hand from its description (`tests/fixtures/hostile/probe18/`;
//! the probe itself is `tests/hostile/probe18.py`), every figure checked against the form and its
//! printed sums: each test here failed on the session's start (`9f9a8e7`) with a score, a verdict
//! or a silence the form contradicts.

use std::path::PathBuf;

use serde_json::Value;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{findings_of, report_in, run, score, whole_fields};

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    reports::fixtures("hostile/probe18")
}

/// `evaluate FILE --format json` of a fixture: the report, after checking the run succeeded.
fn report(file: &str) -> Value {
    report_in(&fixtures(), file, &[])
}

/// Each indicator of a report as `[project, indicator, target, actual, verdict, score]`.
fn rows(v: &Value) -> Vec<[String; 6]> {
    let fields = [
        "project",
        "indicator",
        "target",
        "actual",
        "verdict",
        "score",
    ];
    whole_fields(&v.to_string(), fields)
}

#[test]
fn a_forms_subtotal_rows_are_checked_against_the_rows_they_sum() {
    // 丙项目: 救助人次 36 + 救助准确率 30 under a 小计 of 70 / 66, 群众知晓率 30 under 30 / 30,
    // 合计 100 / 96. Every sum agreeing: 96.00, and the 小计 rows are no nameless rows
    let v = report("subtotals.tsv");
    assert_eq!(score(&v), "96.00", "{v}");
    assert!(findings_of(&v, "table.missing-name").is_empty(), "{v}");
    assert!(
        findings_of(&v, "table.form-total-mismatch").is_empty(),
        "{v}"
    );
    // the first 小计 printing 得分 70 over rows making 66 (the 合计 still 96): 未核对, both
    // figures named (was 96.00 优, "与复核总分一致", the 小计 only a row without a name)
    let v = report("subtotal-wrong.tsv");
    assert_eq!(score(&v), "", "{v}");
    let found = findings_of(&v, "table.form-total-mismatch");
    assert_eq!(
        found,
        ["原表小计得分 70 与其上 2 项指标的得分之和 66 不一致"],
        "{v}"
    );
    assert!(
        findings_of(&v, "eval.total-unchecked")[0].contains("小计得分 70 ≠ 其上各项得分之和 66"),
        "{v}"
    );
    assert_eq!(rows(&v).len(), 3, "{v}");
}

/// `[indicator, target, actual, verdict, score]` of each row, for comparing with a list.
fn read(v: &Value) -> Vec<[String; 5]> {
    rows(v)
        .into_iter()
        .map(|[_, i, t, a, v, s]| [i, t, a, v, s])
        .collect()
}

#[test]
fn target_and_actual_in_one_cell_are_read_as_two_where_the_cell_says_which_is_which() {
    // 丁项目: 培训人次 270 of ≥300 (36 of 40), 培训合格率 97% of ≥95%, 就业率 85% of ≥80%:
    // 96, as printed. `年度指标值/实际完成值`, `指标值及完成情况` with labels (either order, a
    // space between them) and `年度目标值（实际值）` read alike (the first two were refused
    // whole, 找不到表头行; the third read `≥300人次（270人次）` as a target 达成 by its printed score)
    let want = [
        ["培训人次", "≥300人次", "270人次", "fail", "36.00"],
        ["培训合格率", "≥95%", "97%", "pass", "30.00"],
        ["培训后就业率", "≥80%", "85%", "pass", "30.00"],
    ];
    for file in [
        "target-actual-slash.tsv",
        "target-actual-labelled.tsv",
        "target-actual-bracket.tsv",
    ] {
        let v = report(file);
        assert_eq!(read(&v), want, "{file}: {v}");
        assert_eq!(score(&v), "96.00", "{file}: {v}");
        let noted = findings_of(&v, "table.form-target-and-actual");
        assert_eq!(noted.len(), 1, "{file}: {v}");
        assert!(
            noted[0].contains("一列同时写指标值和实际完成值"),
            "{file}: {noted:?}"
        );
    }
}

#[test]
fn a_target_and_actual_cell_that_does_not_split_refuses_its_row_only() {
    // `≤1500元/人`: one value with a slash in its unit, no actual: that row is no indicator,
    // named; the other two read; the project 未核对 (its printed sums cannot be confirmed)
    let v = report("target-actual-slash-unsplit.tsv");
    assert_eq!(
        read(&v),
        [
            ["培训人次", "≥300人次", "270人次", "fail", "36.00"],
            ["培训合格率", "≥95%", "97%", "pass", "30.00"],
        ],
        "{v}"
    );
    assert_eq!(score(&v), "", "{v}");
    let refused = findings_of(&v, "table.target-and-actual-unsplit");
    assert_eq!(refused.len(), 1, "{v}");
    assert!(
        refused[0].contains("「人均培训成本」的「≤1500元/人」分不出哪是指标值、哪是实际完成值"),
        "{refused:?}"
    );
}

#[test]
fn an_indicator_printed_over_two_rows_is_read_as_one() {
    // 戊项目: `新建村级` with 40 / 32 and no target, the row under it `文化活动室数量 ≥10个 8个`
    // with no points: one indicator, 8 of ≥10 个, 32 of 40 (was two: `新建村级` 达成 with no
    // target by its share of the printed score, `文化活动室数量` given the other half)
    let v = report("continued.tsv");
    assert_eq!(
        read(&v),
        [
            ["新建村级文化活动室数量", "≥10个", "8个", "fail", "32.00"],
            ["验收合格率", "100%", "100%", "pass", "30.00"],
            ["村民满意度", "≥90%", "95%", "pass", "30.00"],
        ],
        "{v}"
    );
    assert_eq!(score(&v), "92.00", "{v}");
    let said = findings_of(&v, "table.form-row-continued");
    assert_eq!(said.len(), 1, "{v}");
    assert!(
        said[0].contains("按同一个指标「新建村级文化活动室数量」的两行读取"),
        "{said:?}"
    );
}

#[test]
fn a_forms_grid_printed_transposed_is_read_turned_and_said() {
    // 己项目: the roles down the first column, one indicator a column, a 合计 column of 100 /
    // 94.5 (was refused whole: 找不到表头行)
    let v = report("transposed.tsv");
    assert_eq!(
        read(&v),
        [
            ["设备采购数量", "≥50台", "45台", "fail", "45.00"],
            ["设备完好率", "≥95%", "98%", "pass", "30.00"],
            ["使用人员满意度", "≥90%", "88%", "fail", "19.56"],
        ],
        "{v}"
    );
    let p = &v["projects"][0];
    assert_eq!(p["published_score"], "94.5", "{v}");
    assert_eq!(p["weights"], "100.00", "{v}");
    assert_eq!(findings_of(&v, "table.form-transposed").len(), 1, "{v}");
    // a finding at a turned cell points at the form's own cell: 设备完好率's target, line 5
    let at = &p["indicators"][1]["source"];
    assert_eq!(
        (at["line"].as_u64(), at["column"].as_u64()),
        (Some(5), Some(12)),
        "{v}"
    );
    // several projects across (a flat sheet turned) stay unread, as before
    let r = run(&fixtures(), &["evaluate", "transposed-projects.tsv"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("table.no-header"), "{}", r.stderr);
}

#[test]
fn a_total_row_under_a_transposed_grid_is_its_printed_total() {
    // `总分 | 97` under the turned grid, whose 得分 make 94.5: the total is checked (its figure
    // moved under the 得分 column), the form 未核对 (was refused whole: 找不到表头行)
    let v = report("transposed-total.tsv");
    assert_eq!(read(&v).len(), 3, "{v}");
    assert_eq!(v["projects"][0]["published_score"], "97", "{v}");
    assert_eq!(score(&v), "", "{v}");
    assert_eq!(
        findings_of(&v, "table.form-total-mismatch"),
        ["原表总分 97 与表中各项得分之和 94.5 不一致"],
        "{v}"
    );
}
