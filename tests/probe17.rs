//! The seventeenth probe of forms (issue 27, H111): what the sixteenth left and families of
//! 项目支出绩效自评表 the readers had not met, each made by hand from its description
//! (`tests/fixtures/hostile/probe17/`; the probe itself is `tests/hostile/probe17.py`), every
//! figure checked against the form: each test here failed on the session's start (`114b3f7`)
//! with a score, a verdict or a silence the form contradicts.

use std::path::PathBuf;

use serde_json::Value;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{dir, findings_fields, report_in, run, whole_fields};

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    reports::fixtures("hostile/probe17")
}

/// `evaluate FILE --format json` of a fixture: the report, after checking the run succeeded.
fn report(file: &str) -> Value {
    report_in(&fixtures(), file, &[])
}

/// Each indicator of a report as `[project, target, actual, verdict, score]`.
fn rows(v: &Value) -> Vec<[String; 5]> {
    let fields = ["project", "target", "actual", "verdict", "score"];
    whole_fields(&v.to_string(), fields)
}

/// `evaluate FILE --format json` of a fixture, its indicators checked to be `want` (as
/// [`rows`] gives them): the report.
fn rows_are<const N: usize>(file: &str, want: [[&str; 5]; N]) -> Value {
    let v = report(file);
    assert_eq!(rows(&v), want, "{file}: {v}");
    v
}

#[test]
fn a_count_given_as_a_bound_or_an_approximate_figure_is_scored_only_where_certain() {
    let v = report("approximate.tsv");
    let fields = ["project", "verdict", "score", "note"];
    let got = whole_fields(&v.to_string(), fields);
    let want = [
        // more than 100 against ≥100: certain (was 无法比较: the unit read as `余人`)
        ("甲项目", "pass", "100.00", "达标"),
        // more than 100 against ≥120: not known (was 未达标 83.33, "照抄了目标的比较符")
        ("乙项目", "review", "", "只给出界限（>100人）"),
        ("丙项目", "review", "", "只给出界限（>100人）"),
        // about 100 against ≥100: 90 to 110 straddles it (was 达标, full points, no word)
        ("丁项目", "review", "", "约数（约100人）"),
        // about 100 against ≥120: short whatever it is within ±10 %, scored by its figure
        ("戊项目", "fail", "83.33", "实际值是约数"),
        // the target `100余人` is `>100人` (was 无法比较 for any actual in 人)
        ("己项目", "pass", "100.00", "达标"),
        // `逾` is `超过` (was 无法读取)
        ("庚项目", "pass", "100.00", "达标"),
        ("辛项目", "review", "", "只给出界限（≥100人）"),
        // a bound against a band (约100人 is 90 to 110): past it or not, unknown
        ("壬项目", "review", "", "只给出界限（>100人）"),
    ];
    assert_eq!(got.len(), want.len(), "{v}");
    for ([p, v, s, note], (project, verdict, score, says)) in got.iter().zip(want) {
        assert_eq!([p, v, s], [project, verdict, score], "{note}");
        assert!(note.contains(says), "{p} {v} {s}: {note}");
    }
}

/// The report's findings of `code` (the report's and its projects'), as `(indicator, message)`.
fn findings_of(v: &Value, code: &str) -> Vec<(String, String)> {
    let found = findings_fields(v, code, ["indicator", "message"]);
    found.into_iter().map(|[i, m]| (i, m)).collect()
}

#[test]
fn an_actual_writing_another_unit_than_its_unit_column_is_read_as_written_and_said() {
    // `5万人` beside `人`, `96%` beside `个`: read as the cell writes them (as before), now
    // with a warning naming both units; `120人` beside `人` is no conflict
    for file in ["unit-conflict.tsv", "unit-conflict-form.tsv"] {
        let v = report(file);
        let got = rows(&v);
        assert!(got.iter().all(|r| r[3] == "pass"), "{file}: {got:?}");
        let found = findings_of(&v, "table.actual-unit-conflict");
        // `96%` beside `%` in the form: the same unit, no conflict
        let expected = if file == "unit-conflict.tsv" { 2 } else { 1 };
        assert_eq!(found.len(), expected, "{file}: {found:?}");
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert!(
            messages[0].contains("「5万人」自带单位“万人”，与其度量单位列的“人”不同"),
            "{file}: {found:?}"
        );
        assert_eq!(found[0].0, "受益人数", "{file}: {found:?}");
        if expected == 2 {
            assert!(messages[1].contains("「96%」自带单位“%”，与其度量单位列的“个”不同"));
        }
    }
}

#[test]
fn a_flat_sheets_budget_amounts_shown_rounded_are_read_held() {
    // A: 全年执行数 99.6 in the format `0` (shows 100) of 100; B: 全年预算数 100.4 shown 100,
    // 100 spent. Held, each is 99.6 %: 9.96 of the budget row's 10 points, 99.96 in all (read
    // as shown: 100 %, the full 10, 100.00, only the cell's note)
    let v = report("flat-budget-rounded.xlsx");
    let s = |v: &Value| v.as_str().unwrap_or("").to_owned();
    let got: Vec<(String, String, String)> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (s(&p["project"]), s(&p["score"]), s(&p["budget_score"])))
        .collect();
    assert_eq!(
        got,
        [
            ("A项目".to_owned(), "99.96".to_owned(), "9.96".to_owned()),
            ("B项目".to_owned(), "99.96".to_owned(), "9.96".to_owned())
        ],
        "{v}"
    );
    let warned: Vec<String> = findings_of(&v, "table.display-rounded")
        .into_iter()
        .map(|(_, m)| m)
        .filter(|m| m.contains("按存值计算预算执行率为 99.6%；按显示值将为 100%"))
        .collect();
    assert_eq!(warned.len(), 2, "{v}");
}

#[test]
fn two_forms_side_by_side_on_one_sheet_are_both_read() {
    // A in columns A–G (80 of ≥100 人: 40, 满意度 50: 90), B in I–O (100 人: 50 + 50: 100); B
    // was not read at all
    for file in ["side-by-side.tsv", "side-by-side.xlsx"] {
        let v = report(file);
        let s = |v: &Value| v.as_str().unwrap_or("").to_owned();
        let got: Vec<(String, String, usize)> = v["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let n = p["indicators"].as_array().unwrap().len();
                (s(&p["project"]), s(&p["score"]), n)
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A项目".to_owned(), "90.00".to_owned(), 2),
                ("B项目".to_owned(), "100.00".to_owned(), 2)
            ],
            "{file}: {v}"
        );
        // said where the forms' notes are
        let r = run(&fixtures(), &["inspect", file]);
        assert!(
            r.stdout.contains("table.form-side-by-side")
                && r.stdout.contains("第 9 列（I 列）起是另一张"),
            "{file}: {}",
            r.stdout
        );
    }
}

#[test]
fn forms_side_by_side_under_a_column_map_are_cut_as_the_grid_reads_its_header() {
    // the side-by-side test reads the header's names as the grid header does, a `--columns`
    // map included: its copy of the names without the map saw no target on either side, and
    // B's form was again not read, without a word
    let d = dir("probe17", "side-by-side-columns");
    let text = std::fs::read_to_string(fixtures().join("side-by-side.tsv")).unwrap();
    assert!(text.matches("年度指标值").count() == 2, "{text}");
    std::fs::write(d.join("sheet.tsv"), text.replace("年度指标值", "本年目标")).unwrap();
    let r = run(
        &d,
        &[
            "evaluate",
            "sheet.tsv",
            "--columns",
            "年度指标值=本年目标",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let got: Vec<(&str, &str)> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["project"].as_str().unwrap(), p["score"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [("A项目", "90.00"), ("B项目", "100.00")], "{v}");
}

#[test]
fn an_adjusted_target_column_is_scored_where_filled_and_said() {
    // 培训人数 ≥120 adjusted to ≥100, 100 done: 达标 50 on the adjusted target (was 41.67 of
    // 50 on the original, the column ignored); 培训场次 not adjusted: ≥4次, 3 done, 15 of 20;
    // 满意度 adjusted to the same target: no warning
    for file in ["adjusted-form.tsv", "adjusted-flat.tsv"] {
        let v = rows_are(
            file,
            [
                ["A项目", "≥100人", "100人", "pass", "50.00"],
                ["A项目", "≥4次", "3次", "fail", "15.00"],
                ["A项目", "≥90%", "95%", "pass", "30.00"],
            ],
        );
        let said = findings_of(&v, "table.target-adjusted");
        assert_eq!(said.len(), 1, "{file}: {said:?}");
        assert_eq!(said[0].0, "培训人数", "{file}: {said:?}");
        assert!(
            said[0]
                .1
                .contains("按调整后指标值「≥100人」计分，年度指标值为「≥120人」"),
            "{file}: {said:?}"
        );
    }
}

#[test]
fn a_count_unit_in_the_target_and_actual_headers_reads_their_bare_figures() {
    // 年度指标值（人） over `≥40000`, 实际完成值（万人） over `5`: 5万人 of ≥40000人, 达标 50;
    // `0.08` is 800 人 of ≥1000, 24 of 30 — as the form prints (read bare, 5 against 40000 was
    // 0.01 of 50 without a word)
    for file in ["header-units-form.tsv", "header-units-flat.tsv"] {
        let v = rows_are(
            file,
            [
                ["A项目", "≥40000人", "5万人", "pass", "50.00"],
                ["A项目", "≥1000人", "0.08万人", "fail", "24.00"],
                ["A项目", "≥90%", "95%", "pass", "20.00"],
            ],
        );
        assert_eq!(v["projects"][0]["score"], "94.00", "{file}: {v}");
    }
}

#[test]
fn a_forms_weights_written_as_percentages_are_its_points() {
    // 权重（%） over `50%`, `50%`: 50 points each, 80 of ≥100 人 40, 满意度 50: 90, as printed
    // (the column was set aside as "words" and the method's weights scored 87.50)
    let v = rows_are(
        "weight-percent-form.tsv",
        [
            ["A项目", "≥100人", "80人", "fail", "40.00"],
            ["A项目", "≥90%", "95%", "pass", "50.00"],
        ],
    );
    assert_eq!(v["projects"][0]["score"], "90.00", "{v}");
}
