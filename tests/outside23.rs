//! The twenty-second outside probe of forms (issue 27, H163): families of published forms never
//! shown before, made by hand from their descriptions (`tests/hostile/probe23_forms.py`; the
//! inputs in `tests/fixtures/outside23/`), each read quietly wrong or refused at the session's
//! start (`b31814a`), with the form's printed sums as the test of each reading.

use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{codes, run, streamed_fields, whole_fields};
use serde_json::Value;

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outside23")
}

/// `evaluate FILE --format json`, which must succeed: the report.
fn whole(file: &str) -> Value {
    reports::report_in(&fixtures(), file, &[])
}

/// Each project's `(project, score, published_score, status)`, `""` where null.
fn totals(v: &Value) -> Vec<[String; 4]> {
    let s = |p: &Value, k: &str| p[k].as_str().unwrap_or("").to_owned();
    v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            [
                s(p, "project"),
                s(p, "score"),
                s(p, "published_score"),
                s(p, "status"),
            ]
        })
        .collect()
}

fn row<const N: usize>(fields: [&str; N]) -> [String; N] {
    fields.map(str::to_owned)
}

/// `目标：≥1000人次 实际：900人次` in the 指标值 column of a form with no 实际完成值 column.
/// At `b31814a` the whole cell was the target, no actual was read, and each row was 达成 by its
/// printed 得分 (服务人次, 900 of a ≥1000 target, passed; the report counted 5 达标, 0 未达标)
/// under a total shown as confirmed. Now the cell is split by its labels (said once,
/// `table.form-target-and-actual`): 服务人次 未达标, and the printed sums still decide the
/// total (97.5 agrees: 已核对; 99.5 in the csv: 未核对).
#[test]
fn a_target_cell_that_labels_its_actual_is_split_on_a_form() {
    let v = whole("onecell.html");
    let got = whole_fields(
        &v.to_string(),
        ["indicator", "target", "actual", "verdict", "score"],
    );
    assert_eq!(
        got[..2],
        [
            row(["服务人次", "≥1000人次", "900人次", "fail", "18.00"]),
            row(["设施验收合格率", "≥95%", "96%", "pass", "20.00"]),
        ],
        "{v}"
    );
    assert_eq!(
        totals(&v),
        [row(["社区养老服务", "97.50", "97.5", "scored"])]
    );
    assert!(
        codes(&v).contains(&"table.form-target-and-actual".to_owned()),
        "{v}"
    );

    let v = whole("onecell-off.csv");
    assert_eq!(totals(&v), [row(["社区养老服务", "", "99.5", "unchecked"])]);
    let got = whole_fields(&v.to_string(), ["indicator", "actual", "verdict"]);
    assert_eq!(got[0], row(["服务人次", "900人次", "fail"]), "{v}");
}

/// The same cells on two lines (`目标值：≥1000人次` / `完成值：900人次`) in a flat sheet of two
/// projects with a 指标值 column and no 实际完成值: at `b31814a` every row was 达成 by its
/// printed 得分; now each is split, the whole report and the streamed one alike.
#[test]
fn a_target_cell_that_labels_its_actual_is_split_in_a_flat_sheet_whole_and_streamed() {
    let fields = ["project", "indicator", "actual", "verdict", "score"];
    let w = run(
        &fixtures(),
        &["evaluate", "onecellflat.xlsx", "--format", "json"],
    );
    assert_eq!(w.code, 0, "{}", w.stderr);
    let s = run(
        &fixtures(),
        &["evaluate", "onecellflat.xlsx", "--format", "jsonl"],
    );
    assert_eq!(s.code, 0, "{}", s.stderr);
    let got = whole_fields(&w.stdout, fields);
    assert_eq!(got, streamed_fields(&s.stdout, fields), "json and jsonl");
    let one = |p: &str| {
        [
            row([p, "服务人次", "900人次", "fail", "18.00"]),
            row([p, "设施验收合格率", "96%", "pass", "20.00"]),
        ]
    };
    assert_eq!(got, [one("社区养老服务"), one("困难群众救助")].concat());
}

/// A form's grid printed transposed (the roles down the first column, an indicator a column)
/// on a web page. At `b31814a` the page was refused (网页中没有表单, exit 2) while the same
/// form in a workbook was read; now the page's table is read turned as the workbook's is, and
/// its printed 合计 checks it (96 agrees; 99 leaves it 未核对).
#[test]
fn a_transposed_form_on_a_web_page_is_read_as_in_a_workbook() {
    let v = whole("years.html");
    assert_eq!(totals(&v), [row(["社区养老服务", "96.00", "96", "scored"])]);
    let got = whole_fields(&v.to_string(), ["indicator", "actual", "verdict", "score"]);
    assert_eq!(
        got,
        [
            row(["服务人次", "900人次", "fail", "36.00"]),
            row(["设施验收合格率", "96%", "pass", "30.00"]),
            row(["老人满意度", "92%", "pass", "30.00"]),
        ]
    );
    assert!(
        codes(&v).contains(&"table.form-transposed".to_owned()),
        "{v}"
    );

    let v = whole("years-off.html");
    assert_eq!(totals(&v), [row(["社区养老服务", "", "99", "unchecked"])]);
}

/// Target columns naming years (`2023年指标值 | 2023年实际完成值 | 2024年指标值`) and no
/// 年度指标值. At `b31814a` every such header was refused (the form: 找不到表头行; the flat sheet:
/// 没有找到年度指标值列). Now the target is the column of the actuals' year (2023), never the
/// latest (2024 is next year's target): the form's printed 总分 checks it (97.5 agrees; 99.5
/// leaves it 未核对), and the flat sheet's projects are read. Where the actuals name no year
/// and two targets do, nothing tells which: the sheet is refused as before, with `--columns`
/// offered, and `--year 2023` names the column.
#[test]
fn a_target_column_naming_the_year_is_read_never_the_next_years() {
    let v = whole("yearsacross.html");
    assert_eq!(
        totals(&v),
        [row(["社区养老服务", "97.50", "97.5", "scored"])]
    );
    let got = whole_fields(&v.to_string(), ["indicator", "target", "verdict"]);
    assert_eq!(got[0], row(["服务人次", "≥1000人次", "fail"]), "{v}");
    let v = whole("yearsacross-off.xlsx");
    assert_eq!(totals(&v), [row(["社区养老服务", "", "99.5", "unchecked"])]);

    let v = whole("yearsflat.csv");
    let got = whole_fields(&v.to_string(), ["project", "target", "actual", "verdict"]);
    let one = |p: &str| {
        [
            row([p, "≥1000人次", "900人次", "fail"]),
            row([p, "≥95%", "96%", "pass"]),
        ]
    };
    assert_eq!(got, [one("社区养老服务"), one("困难群众救助")].concat());

    let r = run(&fixtures(), &["evaluate", "yearsflat-unsaid.csv"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("没有找到年度指标值列"), "{}", r.stderr);
    let r = run(
        &fixtures(),
        &[
            "evaluate",
            "yearsflat-unsaid.csv",
            "--year",
            "2023",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let got = whole_fields(&r.stdout, ["project", "target", "actual", "verdict"]);
    assert_eq!(got, [one("社区养老服务"), one("困难群众救助")].concat());
}
