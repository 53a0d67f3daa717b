//! The nineteenth probe of workbooks (H135, issue 27): number formats that change what a cell
//! means, read the same in `.xlsx`, `.xls`, `.ods` and `.xlsb`.
//!
//! The fixtures `tests/fixtures/formats/formats19.*` are `tests/hostile/probe19_workbooks.py`'s:
//! a flat self-evaluation sheet, one actual a format, written by hand (`.xlsx`, `.xlsb`) and
//! converted by LibreOffice (`.xls`, `.ods`).
//!
//! - A percent format on a value that cannot be a fraction (`96` in `0.0%` shows `9600.0%`:
//!   someone typed the percentage itself) is read as shown, with a
//!   `table.percent-format-whole-number` warning at the cell naming the value held.

use std::path::Path;

use jixiao::table::{self, Document, ReadOptions};

const BOOKS: [&str; 4] = [
    "formats19.xlsx",
    "formats19.xls",
    "formats19.ods",
    "formats19.xlsb",
];

fn read(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    table::read_path(&path, &ReadOptions::default()).unwrap()
}

/// The actual read of the indicator `name`.
fn actual(doc: &Document, name: &str) -> String {
    let (_, p) = doc.projects().next().unwrap();
    let i = p
        .indicators
        .iter()
        .find(|i| *i.name == *name)
        .unwrap_or_else(|| panic!("{name}"));
    i.actual.as_deref().unwrap_or("").to_owned()
}

/// The cells of the findings of `code`, and their messages.
fn found(doc: &Document, code: &str) -> Vec<(String, String)> {
    doc.findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| (f.cell().unwrap_or("").to_owned(), f.message.to_string()))
        .collect()
}

#[test]
fn a_percent_format_on_a_whole_percentage_is_read_as_shown_with_a_warning() {
    for book in BOOKS {
        let doc = read(book);
        assert_eq!(actual(&doc, "完成率"), "9600.0%", "{book}");
        assert_eq!(actual(&doc, "偏差率"), "300.0%", "{book}");
        // a literal percent sign does not scale: 96 in `0"%"` is 96%, no warning
        assert_eq!(actual(&doc, "满意度"), "96%", "{book}");
        let whole = found(&doc, "table.percent-format-whole-number");
        let cells: Vec<&str> = whole.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(cells, ["F5", "F6"], "{book}: {whole:?}");
        assert!(
            whole[0]
                .1
                .starts_with("单元格存 96，其百分比格式显示为 9600.0%"),
            "{book}: {}",
            whole[0].1
        );
    }
}
