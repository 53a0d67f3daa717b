//! One fixture per malformed case (tests/fixtures/table/), each with a snapshot of what
//! `inspect` shows: the tree that was still read, the findings, and the diagnostics as miette
//! renders them (no colour, 100 columns).

use std::path::PathBuf;

use jixiao::table::{self, ReadOptions, view};

fn snapshot_of(fixture: &str) -> String {
    let name = format!("tests/fixtures/table/{fixture}");
    let bytes = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(&name)).unwrap();
    let doc = table::read_bytes(&name, &bytes, &ReadOptions::default()).unwrap();
    let mut out = view::tree(&doc);
    for f in &doc.findings {
        out.push('\n');
        out.push_str(&f.render(&doc.source, 100));
    }
    out
}

macro_rules! fixture_snapshot {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!(stringify!($test), snapshot_of($file));
        }
    };
}

fixture_snapshot!(row_too_short, "row-too-short.tsv");
fixture_snapshot!(extra_cells, "extra-cells.tsv");
fixture_snapshot!(bad_amount, "bad-amount.tsv");
fixture_snapshot!(indicator_split, "indicator-split.tsv");
fixture_snapshot!(indicator_numbering, "indicator-numbering.tsv");
fixture_snapshot!(missing_name, "missing-name.tsv");
fixture_snapshot!(implicit_unit, "implicit-unit.tsv");
fixture_snapshot!(note_row, "note-row.tsv");
fixture_snapshot!(self_eval_bad_weight, "self-eval-split.csv");

/// Errors that stop the read render through miette with the file name.
#[test]
fn read_errors() {
    let opts = ReadOptions::default();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100);
    let mut out = String::new();
    let cases: [(&str, &[u8]); 4] = [
        ("empty.tsv", b""),
        ("garbage.tsv", b"\x00\x01\x02\x03PNG\x00\xff\xfe\x00\x00"),
        ("fake.xlsx", b"PK\x03\x04not a zip"),
        ("prose.txt", "这是一段说明文字，\n不是表格。\n".as_bytes()),
    ];
    for (name, bytes) in cases {
        let err = table::read_bytes(name, bytes, &opts).unwrap_err();
        handler.render_report(&mut out, &err).unwrap();
        out.push('\n');
    }
    insta::assert_snapshot!("read_errors", out);
}
fixture_snapshot!(two_row_header, "two-row-header.tsv");
