//! The twentieth outside probe (issue 27, H145): actuals files read quietly wrong, each made by
//! hand (`tests/fixtures/probe20/`); each test here failed on the session's start (`9c7862a`).

use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{run, streamed_fields, whole_fields};

/// The folder of the hand-made inputs.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/probe20")
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
