//! The eighteenth probe of workbooks (H122, issue 27): cells read as something other than what
//! the form shows, or not read at all, without a word.
//!
//! - An `.xlsb` cell stored in a record calamine's reader skips (a rich string kept in its cell,
//!   `BrtCellRString`; a formula's cached error, `BrtFmlaError`) was not read: its row lost its
//!   actual (`missing`, 0 points) or its target. The hand-made workbook is
//!   `tests/fixtures/formats/cell-records.xlsb` (`cell_records_binary.py` says how).

use std::path::{Path, PathBuf};

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::{run, streamed_fields, whole_fields};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

/// Each indicator of `file`'s report in `format` (json or jsonl) as `[indicator, target,
/// actual, verdict, score]`.
fn indicators(file: &str, format: &str) -> Vec<[String; 5]> {
    let r = run(&fixtures(), &["evaluate", file, "--format", format]);
    assert_eq!(r.code, 0, "{file}: {}", r.stderr);
    let fields = ["indicator", "target", "actual", "verdict", "score"];
    if format == "json" {
        whole_fields(&r.stdout, fields)
    } else {
        streamed_fields(&r.stdout, fields)
    }
}

fn rows(rows: &[[&str; 5]]) -> Vec<[String; 5]> {
    rows.iter().map(|r| r.map(str::to_owned)).collect()
}

#[test]
fn an_xlsb_cell_calamine_skips_is_read_in_its_place() {
    let expected = rows(&[
        // a rich string in its cell, its runs in plain fonts
        ["培训人数", "≥500人", "520人", "pass", "20.00"],
        // the same with a raised footnote mark: to a person, never 801人
        ["受益人数", "≥500人", "80¹人", "review", ""],
        // the indicator's name and its target rich in their cells
        ["培训场次", "≥10次", "12次", "pass", "20.00"],
        // a formula's error is shown as Excel shows it, never an empty actual
        ["完成率", "100%", "#DIV/0!", "review", ""],
        // a formula's string (read by calamine: the control)
        ["满意度", "≥90%", "95%", "pass", "20.00"],
    ]);
    for format in ["json", "jsonl"] {
        assert_eq!(
            indicators("cell-records.xlsb", format),
            expected,
            "{format}"
        );
    }
}
