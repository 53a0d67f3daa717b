//! The twentieth outside probe (issue 27, H145; `tests/probe20.rs` is H144's forms): actuals files read quietly wrong, each made by
//! hand (`tests/fixtures/probe20/`); each test here failed on the session's start (`9c7862a`).

use std::path::PathBuf;

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{report_in, run, streamed_fields, whole_fields};

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    reports::fixtures("probe20")
}

/// `[indicator, target, actual, verdict, score]` of each indicator of `evaluate ARGS --format
/// FORMAT` (json whole, jsonl streamed), with the run's output.
fn rows(args: &[&str], format: &str) -> (Vec<[String; 5]>, String) {
    let mut all = vec!["evaluate"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", format]);
    let r = run(&fixtures(), &all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let fields = ["indicator", "target", "actual", "verdict", "score"];
    let got = if format == "json" {
        whole_fields(&r.stdout, fields)
    } else {
        streamed_fields(&r.stdout, fields)
    };
    (got, r.stdout)
}

/// A project with two indicators of one name (`培训人数`: `≥100人` under 数量指标, `≥90%` under
/// 质量指标) and an actuals file that gives one entry of that name, repeating the second's
/// target (`≥ 90%`) without a sequence. At `9c7862a` the first row took it (`95%` against
/// `≥100人`: 无法比较; the second row 缺实际值, 0 points); with figures of one unit the first
/// would have been scored with the second's figure, without a word. Now the row whose target
/// the entry repeats takes it; an entry whose target is the only row's of that name, though
/// written otherwise (`≥60人` for `≥50人`: the table's target was changed), still takes it.
#[test]
fn an_entry_repeating_the_target_of_one_of_two_rows_of_its_name_goes_to_that_row() {
    for format in ["json", "jsonl"] {
        let (got, out) = rows(&["same-names.tsv", "same-names.yaml"], format);
        let got: Vec<[&str; 4]> = got
            .iter()
            .map(|[n, t, a, v, _]| [n.as_str(), t.as_str(), a.as_str(), v.as_str()])
            .collect();
        assert_eq!(
            got,
            vec![
                ["培训人数", "≥100人", "", "missing"],
                ["培训人数", "≥90%", "95%", "pass"],
                ["就业人数", "≥50人", "55人", "pass"],
                ["满意度", "≥90%", "92%", "pass"],
            ],
            "{format}: {out}"
        );
    }
}

/// A veto whose `total` is above what the project earned (`veto: {grade: 差, total: 59}` for a
/// method's "发生较大事故的，等级为差，得分不超过59分"): at `9c7862a` 甲项目, which earned 36.00,
/// was shown 59.00 (the veto's total set whatever the project earned), as 乙项目's 81.00 was
/// rightly brought down to 59.00. A veto never raises the grade; now it never raises the total
/// either, whole (json) and streamed (csv), and its finding says why the total stood.
#[test]
fn a_vetos_total_lowers_a_projects_total_never_raises_it() {
    let v = report_in(&fixtures(), "veto.tsv", &["--rules", "veto.yaml"]);
    let totals: Vec<(&str, &str, &str)> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["project"].as_str().unwrap(),
                p["score"].as_str().unwrap_or(""),
                p["grade"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        totals,
        vec![("甲项目", "36.00", "差"), ("乙项目", "59.00", "差")],
        "{v}"
    );
    assert!(
        v.to_string()
            .contains("所记总分 59 高于所得 36：总分不因否决而提高"),
        "{v}"
    );
    let r = run(
        &fixtures(),
        &[
            "evaluate",
            "veto.tsv",
            "--rules",
            "veto.yaml",
            "--format",
            "csv",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("项目总分 36.00（差）"), "{}", r.stdout);
    assert!(r.stdout.contains("项目总分 59.00（差）"), "{}", r.stdout);
}

/// A 分值 or 得分 written with a decimal comma (`10,5`, `89,5`: European-locale Excel, or a
/// full-width comma typed for the point): at `9c7862a` the comma was dropped as a thousands
/// separator wherever it stood, `10,5` read 105 and `89,5` 895 (a project of 2000 points, all
/// 优). A separator now groups three digits of the whole part (`1,000`, `12,748.27`): the two
/// cells are not numbers, their rows named (`table.bad-number`), never read a hundred times
/// too large.
#[test]
fn a_number_cell_with_a_decimal_comma_is_refused_never_read_as_thousands() {
    let r = run(
        &fixtures(),
        &["evaluate", "decimal-comma.tsv", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.matches("table.bad-number").count(),
        2,
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("分值「10,5」不是数字"), "{}", r.stderr);
    let weights = whole_fields(&r.stdout, ["indicator", "weight"]);
    assert_eq!(
        weights,
        vec![["受益人数".to_owned(), "1000.00".to_owned()]],
        "{}",
        r.stdout
    );
}
