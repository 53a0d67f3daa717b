//! The twenty-first outside probe (issue 27, H154): families of forms and phrasings never shown
//! before, made by hand from their descriptions (`tests/hostile/probe22_forms.py`,
//! `tests/hostile/probe22_pairs.py`; the inputs in `tests/fixtures/probe22/`), each read quietly
//! wrong at the session's start (`07b007e`): a form's printed sums passed over, or a confident
//! verdict where the text allows two.

use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{run, streamed_fields, whole_fields};
use serde_json::Value;

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/probe22")
}

/// `evaluate ARGS --format json`, which must succeed: the report and the run's stderr.
fn whole(args: &[&str]) -> (Value, String) {
    let mut all = vec!["evaluate"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let r = run(&fixtures(), &all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (serde_json::from_str(&r.stdout).unwrap(), r.stderr)
}

/// The one project's `(score, published_score)` of a report, `""` where null.
fn totals(v: &Value) -> (String, String) {
    let p = &v["projects"][0];
    let s = |k: &str| p[k].as_str().unwrap_or("").to_owned();
    (s("score"), s("published_score"))
}

/// A province's form with its total printed in the head as a label and its value in two cells
/// (`项目名称 | 乡村道路养护 | 自评得分 | 97.67`), none under the grid. At `07b007e` the head's
/// total was passed over (`published_score` null): the form was checked against no total, and
/// where the head said 99 against rows adding to 97.67 the project was scored 87.67 (良) without
/// a word. Now the head's total is the printed total, checked like a 总分 row; and where a form
/// prints both and they differ (the head 99, the 总分 row 97.67) the project is 未核对.
#[test]
fn a_total_printed_beside_its_label_above_the_grid_is_checked() {
    // (its 完成时间 `≤11月` with the actual `10`, 10月, is on time since H161: the recomputed
    // total is the printed one; before it was 无法比较 and the total 87.67)
    let (v, _) = whole(&["head-total.html"]);
    assert_eq!(totals(&v), ("97.67".into(), "97.67".into()), "{v}");

    let (v, err) = whole(&["head-total-off.html"]);
    assert_eq!(totals(&v).0, "", "the sums disagree: no total, {v}");
    assert!(
        err.contains("原表总分 99 与表中各项得分之和 97.67 不一致"),
        "{err}"
    );

    let (v, err) = whole(&["two-totals.html"]);
    assert_eq!(totals(&v).0, "", "two totals printed: no total, {v}");
    assert!(
        err.contains("表头所写总分 99 与总分行的 97.67 不一致"),
        "{err}"
    );
}

/// `一级指标 | 分值 | 二级指标 | 三级指标 | … | 分值 | 得分`: the category's points in a column of
/// their own (产出指标 60, merged over its three rows), each indicator's in the 分值 after the
/// targets (30, 10, 20). At `07b007e` the first 分值 column was read: 60 shared out as 20 a row
/// (a warning said so, but the total 95.13 was shown as checked), and the indicators' own 分值
/// never read. Now the second is the indicators' 分值 and the first the category's points,
/// checked against them: 30 + 10 + 20 = 60 agrees; 30 + 10 + 25 against 60 is 未核对. The same
/// for a 二级指标's own 分值 column (数量指标 40 = 30 + 10), in the page and in the workbook.
#[test]
fn a_labels_own_points_column_is_not_read_as_its_indicators_points() {
    let weights = |v: &Value| -> Vec<String> {
        v["projects"][0]["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["weight"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    for file in ["category-points.html", "sub-points.html", "sub-points.xlsx"] {
        let (v, err) = whole(&[file]);
        assert_eq!(
            weights(&v),
            vec!["30.00", "10.00", "20.00", "30.00"],
            "{file}: {err}"
        );
        assert_eq!(totals(&v).0, "93.53", "{file}: {err}");
        assert!(!err.contains("table.form-points-merged"), "{file}: {err}");
    }
    let (v, err) = whole(&["category-points-off.html"]);
    assert_eq!(totals(&v).0, "", "{v}");
    assert!(
        err.contains("「产出指标」标明 60 分，其下各指标分值之和 65 分"),
        "{err}"
    );
}

/// `[indicator, verdict, score]` of each row, whole (json) and streamed (jsonl) alike, and the
/// whole run's stdout (its findings).
fn verdicts(file: &str, extra: &[&str]) -> (Vec<[String; 3]>, String) {
    let fields = ["indicator", "verdict", "score"];
    let mut args = vec!["evaluate", file];
    args.extend_from_slice(extra);
    let mut json = args.clone();
    json.extend_from_slice(&["--format", "json"]);
    let w = run(&fixtures(), &json);
    assert_eq!(w.code, 0, "{}", w.stderr);
    let mut jsonl = args;
    jsonl.extend_from_slice(&["--format", "jsonl"]);
    let s = run(&fixtures(), &jsonl);
    assert_eq!(s.code, 0, "{}", s.stderr);
    let got = whole_fields(&w.stdout, fields);
    assert_eq!(got, streamed_fields(&s.stdout, fields), "json and jsonl");
    (got, w.stdout)
}

fn row(n: &str, v: &str, s: &str) -> [String; 3] {
    [n.into(), v.into(), s.into()]
}

/// `2023年第三季度前`: before the third quarter begins, or by its end? The parser reads the end
/// (`<= 2023-09`), as offices often mean; `12月前` of a month, read the same two ways, already
/// waits for a person where the date falls in that month. At `07b007e` a date inside the
/// quarter (2023年8月) passed with full points, and `下半年以前` against 2023年9月 likewise. Now
/// both wait for a person (`eval.period-before`, both readings named); a date before the
/// quarter (5月) or after it (11月), and a quarter's end said (`第三季度末前`), are scored.
#[test]
fn a_date_inside_a_period_due_before_waits_for_a_person() {
    let (got, out) = verdicts("quarter.tsv", &["--year", "2023"]);
    assert_eq!(
        got,
        vec![
            row("完成时间", "review", ""),
            row("验收时间", "pass", "10.00"),
            row("交付时间", "fail", "0.00"),
            row("投用时间", "pass", "10.00"),
            row("上线时间", "review", ""),
        ],
        "{out}"
    );
    assert_eq!(out.matches("eval.period-before").count(), 2, "{out}");
    assert!(
        out.contains("可读作第三季度开始之前（7月前），也可读作第三季度结束之前（9月底前）"),
        "{out}"
    );
}

/// Scores written with their scale: `≥4.5分（5分制）` was a qualitative target at `07b007e`, and
/// `4.6分` against it read as 4.6 of the row's 10 points (46 %: 未达标, 4.60); `≥80分（满分100分）`
/// against `78分` passed with full points. The scale in brackets is a remark now: 4.6 ≥ 4.5
/// passes, 78 < 80 fails. A qualitative target that writes its own figure in 分
/// (`测评得分4.5分以上且逐年提高`) against `4.6分` was 未达成 (4.60): the 分 may be the
/// figure measured or the points earned, so a person decides (`eval.points-or-figure`). A
/// target with no figure of its own (`明显提升`) still reads `8分` as 8 of its 10 points.
#[test]
fn a_score_written_with_its_scale_is_compared_never_read_as_points_earned() {
    let (got, out) = verdicts("points.tsv", &[]);
    assert_eq!(
        got,
        vec![
            row("群众测评得分", "pass", "10.00"),
            row("专家评分", "fail", "9.75"),
            row("服务评价", "review", ""),
            row("社会效益", "pass", "8.00"),
        ],
        "{out}"
    );
    assert!(out.contains("eval.points-or-figure"), "{out}");
}

/// A 部门整体支出绩效自评表 whose funds block lists only its parts, by income (`其中：一般公共
/// 预算` 1050) and by spending (`其中：基本支出` 820, `项目支出` 280), with no 年度资金总额 row.
/// At `07b007e` the first part was read as the whole (budget 1050, executed 1000, 95.24 %): the
/// department's budget is 1100. Now no part is taken for the whole: the budget is not read, a
/// finding says why, and the 总分 that counted the budget's points cannot be checked (未核对).
#[test]
fn a_funds_block_of_parts_alone_gives_no_budget_never_its_first_part() {
    let (v, err) = whole(&["funds-parts-only.html"]);
    let p = &v["projects"][0];
    assert_eq!(p["budget"], Value::Null, "{p}");
    assert!(
        err.contains("预算资金只列出其中各项（「其中：一般公共预算」等），没有年度资金总额"),
        "{err}"
    );
    assert_eq!(totals(&v).0, "", "{v}");
}

/// A form that prints 总分 97.67 and, under it, `自评等级 | 良`: 97.67 is 优 by the method's
/// bands (and by the national ones). At `07b007e` the report showed `原表总分 97.67（良）` beside
/// its own `97.67（优）` without a word. Now a warning names the printed grade, the printed
/// total and the grade the total gives (`eval.grade-printed`); a form whose grade agrees gets
/// none.
#[test]
fn a_printed_grade_its_printed_total_does_not_give_is_named() {
    let (v, _) = whole(&["grade-off.xlsx"]);
    let text = v.to_string();
    assert!(text.contains("eval.grade-printed"), "{text}");
    assert!(
        text.contains("原表等级「良」与原表总分 97.67 不符：按评分方法，97.67 分为优"),
        "{text}"
    );
    assert_eq!(totals(&v), ("97.67".into(), "97.67".into()), "{text}");
    let (v, _) = whole(&["grade-agrees.xlsx"]);
    assert!(!v.to_string().contains("eval.grade-printed"), "{v}");
}
