//! Text set raised or lowered inside a workbook's cell (issue 27, H98): a footnote mark set as a
//! superscript after a figure (`80` + a raised `1` + `人`) read `801人`, 达标 against ≥500人, in
//! an `.xlsx` (shared and inline strings), an `.xls` (an SST string's formatting runs) and an
//! `.ods` (a `text:span` of a raised style) alike. Read as shown, `80¹人`, as the page, Word
//! and `.doc` readers read it: the figure goes to a person. The hand-made workbooks are
//! `tests/fixtures/formats/raised-runs.*` (`raised_runs.py` says how each was made; the
//! `.xlsb` and the Excel 5 `-biff5.xls`, H115: `raised_runs_binary.py`).

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

/// What every workbook of the fixture reads: the raised and lowered digits as shown, the plain
/// `801人` beside them (a string of the same joined text) untouched.
fn expected() -> Vec<[String; 5]> {
    [
        ["培训人数", "≥500人", "80¹人", "review", ""],
        ["受益人数", "≥500人", "801人", "pass", "20.00"],
        ["培训场次", "≥10次", "8₂次", "review", ""],
        ["改造面积", "≥100m²", "120m²", "pass", "20.00"],
        ["参训人数", "≥100人", "90¹人", "review", ""],
    ]
    .iter()
    .map(|r| r.map(str::to_owned))
    .collect()
}

#[test]
fn a_footnote_mark_set_raised_in_an_xlsx_is_not_read_into_the_figure() {
    // shared strings and an inline string; whole and streamed
    for format in ["json", "jsonl"] {
        assert_eq!(
            indicators("raised-runs.xlsx", format),
            expected(),
            "{format}"
        );
    }
}

#[test]
fn a_footnote_mark_in_a_raised_font_of_an_xls_string_is_not_read_into_the_figure() {
    // LibreOffice's BIFF8 copy: the SST strings' formatting runs name FONT records of
    // superscript and subscript escapement
    for format in ["json", "jsonl"] {
        assert_eq!(
            indicators("raised-runs.xls", format),
            expected(),
            "{format}"
        );
    }
}

#[test]
fn a_footnote_mark_in_a_raised_span_of_an_ods_cell_is_not_read_into_the_figure() {
    // LibreOffice's OpenDocument copy: `<text:span>`s of text styles whose
    // `style:text-position` is `33% 58%` (raised) and `-8% 58%` (lowered)
    for format in ["json", "jsonl"] {
        assert_eq!(
            indicators("raised-runs.ods", format),
            expected(),
            "{format}"
        );
    }
}

#[test]
fn a_footnote_mark_in_a_raised_font_of_an_xlsb_shared_string_is_not_read_into_the_figure() {
    // hand-made BIFF12 (`raised_runs_binary.py`): `BrtSSTItem` rich strings whose `StrRun`s
    // name `BrtFont`s of superscript and subscript escapement, cells naming them by index
    // (`BrtCellIsst`); the plain `801人` is a string of its own
    for format in ["json", "jsonl"] {
        assert_eq!(
            indicators("raised-runs.xlsb", format),
            expected(),
            "{format}"
        );
    }
}

#[test]
fn a_footnote_mark_in_a_raised_font_of_a_biff5_rstring_cell_is_not_read_into_the_figure() {
    // hand-made Excel 5 workbook (`raised_runs_binary.py`): RSTRING cells, GBK byte strings
    // with runs naming FONT records of superscript and subscript escapement; the plain
    // `801人` is a LABEL cell
    for format in ["json", "jsonl"] {
        assert_eq!(
            indicators("raised-runs-biff5.xls", format),
            expected(),
            "{format}"
        );
    }
}
