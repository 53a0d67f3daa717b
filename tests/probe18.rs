//! The eighteenth probe of forms (issue 27, H123): layouts and phrasings of 项目支出绩效自评表 the
//! readers had not met, each made by hand from its description (`tests/fixtures/hostile/probe18/`;
//! the probe itself is `tests/hostile/probe18.py`), every figure checked against the form and its
//! printed sums: each test here failed on the session's start (`9f9a8e7`) with a score, a verdict
//! or a silence the form contradicts.

use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{run, whole_fields};

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/probe18")
}

/// `evaluate FILE --format json` of a fixture: the report, after checking the run succeeded.
fn report(file: &str) -> Value {
    let r = run(&fixtures(), &["evaluate", file, "--format", "json"]);
    assert_eq!(r.code, 0, "{file}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
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

/// The report's findings of `code` (the report's and its projects'), as messages.
fn findings_of(v: &Value, code: &str) -> Vec<String> {
    let projects = v["projects"].as_array().unwrap().iter();
    std::iter::once(&v["findings"])
        .chain(projects.map(|p| &p["findings"]))
        .filter_map(Value::as_array)
        .flatten()
        .filter(|f| f["code"] == code)
        .map(|f| f["message"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// The first project's `score` (`""` where null: 未核对 or 待评定).
fn score(v: &Value) -> String {
    v["projects"][0]["score"].as_str().unwrap_or("").to_owned()
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
