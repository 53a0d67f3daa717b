//! Issue 29, the workbooks: a figure written as a plain number or percentage (`20000`, `95.0`,
//! `0.90`, `95%`) is a number cell showing the digits written (no green triangle in Excel), in
//! the fill-in workbook of `jixiao template` and in the scored report; anything else (`95%以上`,
//! `12500平方米`, `0012`, `20,000`) stays text as written. Checked by reading the written
//! workbooks back: the cell's type (calamine) and the text jixiao reads from it.
//!
//! `tests/fixtures/report/figures.tsv` is hand-made: one project whose targets are one of each
//! kind of writing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use jixiao::table::{self, ReadOptions};

fn fixture() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/report/figures.tsv")
        .to_string_lossy()
        .into_owned()
}

fn jixiao(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// How each target is written in the fixture, and whether it is a number cell (with its value).
const TARGETS: [(&str, Option<f64>); 8] = [
    ("20000", Some(20000.0)),
    ("95.0", Some(95.0)),
    ("0.90", Some(0.9)),
    ("95%", Some(0.95)),
    ("95%以上", None),
    ("12500平方米", None),
    ("0012", None),
    ("20,000", None),
];

/// The cells of the first project sheet, by the indicator name in column C: (target, actual).
fn grid(bytes: &[u8], sheet: usize) -> BTreeMap<String, (Data, Data)> {
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = wb.sheet_names()[sheet].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let head = rows
        .iter()
        .find(|r| r.iter().any(|c| *c == "三级指标"))
        .expect("the grid's head");
    let col = |h: &str| head.iter().position(|c| *c == h).unwrap();
    let (name_col, target_col, actual_col) =
        (col("三级指标"), col("年度指标值"), col("实际完成值"));
    rows.iter()
        .filter(|r| r.len() > actual_col)
        .map(|r| {
            (
                r[name_col].to_string(),
                (r[target_col].clone(), r[actual_col].clone()),
            )
        })
        .collect()
}

fn assert_cell(cell: &Data, written: &str, number: Option<f64>) {
    match number {
        Some(n) => assert_eq!(cell, &Data::Float(n), "{written}"),
        None => assert_eq!(cell, &Data::String(written.to_owned()), "{written}"),
    }
}

/// The targets jixiao reads back from a workbook, in order.
fn targets_read(bytes: &[u8]) -> Vec<String> {
    let doc = table::read_bytes("back.xlsx", bytes, &ReadOptions::default()).unwrap();
    doc.indicators()
        .map(|(_, _, i)| i.target.to_string())
        .collect()
}

#[test]
fn the_fill_in_workbook_keeps_numbers_as_numbers_and_text_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("自评表.xlsx");
    jixiao(&[
        "template",
        &fixture(),
        "--format",
        "xlsx",
        "-o",
        &out.to_string_lossy(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    let cells = grid(&bytes, 0);
    let doc = table::read_path(fixture().as_ref(), &ReadOptions::default()).unwrap();
    let names: Vec<String> = doc
        .indicators()
        .map(|(_, _, i)| i.name.to_string())
        .collect();
    assert_eq!(names.len(), TARGETS.len());
    for (name, (written, number)) in names.iter().zip(TARGETS) {
        let (target, actual) = &cells[name];
        assert_cell(target, written, number);
        // nothing filled yet
        assert_eq!(actual, &Data::Empty, "{name}");
    }
    // read back (as Excel shows each cell): the text written, digit for digit
    let written: Vec<&str> = TARGETS.iter().map(|t| t.0).collect();
    assert_eq!(targets_read(&bytes), written);
}

#[test]
fn the_scored_report_keeps_targets_and_actuals_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let actuals = dir.path().join("实际值.yaml");
    // the actuals as an officer types them: the same kinds of writing
    let typed = [
        "21000",
        "96.5",
        "0.95",
        "98.0%",
        "达成",
        "13000平方米",
        "0012",
        "21,000",
    ];
    let mut yaml = String::from(
        "projects:\n  - unit: 示例单位\n    project: 数字填写项目\n    spent: \"29\"\n    indicators:\n",
    );
    let doc = table::read_path(fixture().as_ref(), &ReadOptions::default()).unwrap();
    for (k, ((_, _, i), a)) in doc.indicators().zip(typed).enumerate() {
        yaml.push_str(&format!(
            "      - seq: {}\n        indicator: \"{}\"\n        actual: \"{a}\"\n",
            k + 1,
            i.name
        ));
    }
    std::fs::write(&actuals, yaml).unwrap();
    let out = dir.path().join("报告.xlsx");
    jixiao(&[
        "evaluate",
        &fixture(),
        &actuals.to_string_lossy(),
        "--format",
        "xlsx",
        "-o",
        &out.to_string_lossy(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    // the project's form is the sheet whose grid names the indicators
    let sheet = (0..wb.sheet_names().len())
        .find(|&k| {
            let name = wb.sheet_names()[k].clone();
            wb.worksheet_range(&name)
                .unwrap()
                .rows()
                .any(|r| r.iter().any(|c| *c == "三级指标"))
        })
        .unwrap();
    let cells = grid(&bytes, sheet);
    let actual_numbers = [
        Some(21000.0),
        Some(96.5),
        Some(0.95),
        Some(0.98),
        None,
        None,
        None,
        None,
    ];
    for (((_, _, i), (written, number)), (typed, typed_number)) in doc
        .indicators()
        .zip(TARGETS)
        .zip(typed.iter().zip(actual_numbers))
    {
        let (target, actual) = &cells[&*i.name];
        assert_cell(target, written, number);
        assert_cell(actual, typed, typed_number);
    }
    // the report read back gives the targets and the actuals as written
    let back = table::read_bytes("报告.xlsx", &bytes, &ReadOptions::default()).unwrap();
    let read: Vec<(String, Option<String>)> = back
        .indicators()
        .map(|(_, _, i)| {
            (
                i.target.to_string(),
                i.actual.as_ref().map(|a| a.to_string()),
            )
        })
        .collect();
    let expected: Vec<(String, Option<String>)> = TARGETS
        .iter()
        .zip(typed)
        .map(|((t, _), a)| (t.to_string(), Some(a.to_string())))
        .collect();
    assert_eq!(read, expected);
}
