//! The twentieth look at workbooks read quietly wrong (H143, issue 27), on
//! `tests/fixtures/formats/formats20.*` (`tests/hostile/probe20_workbooks.py`'s: a flat
//! self-evaluation sheet written by hand as an `.xlsx`, and LibreOffice's `.xls` and `.ods` of
//! it). Each test here failed on the session's start (`9c7862a`).
//!
//! - `General` shows a float in at most 11 characters (`0.95999999999` shows `0.96`): the
//!   figure shown is named beside the value held, a warning where the verdict would differ.
//! - LibreOffice writes Excel's `0!.0000"万"` as `0\!.0000\万`: read as the Excel format it
//!   copies (`15.0000万`), as the `.xlsx` is, the note saying so.

use std::path::Path;

use jixiao::table::{self, Document, ReadOptions};

const BOOKS: [&str; 3] = ["formats20.xlsx", "formats20.xls", "formats20.ods"];

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

/// The message of the finding of `code` at `cell`.
fn found_at(doc: &Document, code: &str, cell: &str) -> Option<String> {
    doc.findings
        .iter()
        .find(|f| f.code == code && f.cell() == Some(cell))
        .map(|f| f.message.to_string())
}

#[test]
fn a_float_general_shows_rounded_is_named_beside_the_value_held() {
    // `0.95999999999` in General shows `0.96` (11 characters), π `3.141592654`: read held
    // (an actual is scored on the value its cell holds), the figure shown named; before, no word
    for book in BOOKS {
        let doc = read(book);
        assert_eq!(actual(&doc, "达标率"), "0.95999999999", "{book}");
        let said = found_at(&doc, "table.display-rounded", "F7")
            .unwrap_or_else(|| panic!("{book}: no note at F7"));
        assert!(
            said.contains("实际完成值显示为 0.96，单元格存值 0.95999999999"),
            "{book}: {said}"
        );
        let said = found_at(&doc, "table.display-rounded", "F8")
            .unwrap_or_else(|| panic!("{book}: no note at F8"));
        assert!(said.contains("显示为 3.141592654"), "{book}: {said}");
    }
}

#[test]
fn libreoffices_copy_of_a_wan_format_is_read_as_the_excel_format_it_copies() {
    // LibreOffice (7.4) takes Excel's escape `!` for a literal `!` and writes `0\!.0000\万`,
    // `0\!.0,\万`, `#,##0\!.0,"万元"` (an `.ods`: the text `!` embedded before the point); read
    // before as the digits (`150000.0000`) or scaled by the comma alone (`150.0`, "以千为单位")
    for book in BOOKS {
        let doc = read(book);
        assert_eq!(actual(&doc, "筹集资金"), "15.0000万", "{book}");
        assert_eq!(actual(&doc, "配套资金"), "15.0万", "{book}");
        assert_eq!(actual(&doc, "带动投资"), "25.0万元", "{book}");
        for cell in ["F9", "F10", "F11"] {
            let said = found_at(&doc, "table.display-scaled", cell)
                .unwrap_or_else(|| panic!("{book}: no note at {cell}"));
            assert!(said.contains("以万为单位"), "{book} {cell}: {said}");
            assert_eq!(
                said.contains("LibreOffice"),
                !book.ends_with(".xlsx"),
                "{book} {cell}: {said}"
            );
        }
    }
}
