//! The twentieth look at workbooks read quietly wrong (H143, issue 27), on
//! `tests/fixtures/formats/formats20.*` (`tests/hostile/probe20_workbooks.py`'s: a flat
//! self-evaluation sheet written by hand as an `.xlsx`, and LibreOffice's `.xls` and `.ods` of
//! it). Each test here failed on the session's start (`9c7862a`).
//!
//! - `General` shows a float in at most 11 characters (`0.95999999999` shows `0.96`): the
//!   figure shown is named beside the value held, a warning where the verdict would differ.
//! - LibreOffice writes Excel's `0!.0000"万"` as `0\!.0000\万`: read as the Excel format it
//!   copies (`15.0000万`), as the `.xlsx` is, the note saying so.
//! - A time-only cell (`h:mm`, `[h]:mm`, `mm:ss`) reads as the time it shows (`12:00`, not
//!   `1899-12-31T12:00`), and as the duration it shows where the target is a time (`12小时`
//!   against `≥8小时`).
//! - A percent cell past 150 %: a real rate (`1.6` in `0%` against `≥90%`) is told from a whole
//!   number typed (`96` in `0.0%` against `≥90%`) by the indicator's target; where either may
//!   be meant (`2.5` against `≥10%`) the warning says it is a doubt.

use jixiao::finding::Severity;
use jixiao::table::Document;

#[path = "support/books.rs"]
#[allow(dead_code)]
mod books;
use books::actual;

const BOOKS: [&str; 3] = ["formats20.xlsx", "formats20.xls", "formats20.ods"];

fn read(name: &str) -> Document {
    books::read_fixture(name)
}

/// The message of the finding of `code` at `cell`.
fn found_at(doc: &Document, code: &str, cell: &str) -> Option<String> {
    said_at(doc, code, cell).map(|(_, m)| m)
}

/// The severity and message of the finding of `code` at `cell`.
fn said_at(doc: &Document, code: &str, cell: &str) -> Option<(Severity, String)> {
    doc.findings
        .iter()
        .find(|f| f.code == code && f.cell() == Some(cell))
        .map(|f| (f.severity, f.message.to_string()))
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

#[test]
fn a_real_rate_past_150_percent_is_told_from_a_whole_number_typed_by_its_target() {
    // before, each of the four had the same warning: "像是在百分比格式中填了百分数本身"
    const CODE: &str = "table.percent-format-whole-number";
    for book in BOOKS {
        let doc = read(book);
        // 执行率 1.6 in `0%` (160%) against ≥90%: a real rate, a note and no warning
        assert_eq!(actual(&doc, "执行率"), "160%", "{book}");
        let (severity, said) = said_at(&doc, CODE, "F12").unwrap();
        assert_eq!(severity, Severity::Info, "{book}: {said}");
        assert!(said.contains("是实际比率"), "{book}: {said}");
        // 96 in `0.0%` against ≥90%, 3 against ≤5%: typed whole, the warning as before
        for cell in ["F13", "F14"] {
            let (severity, said) = said_at(&doc, CODE, cell).unwrap();
            assert_eq!(severity, Severity::Warning, "{book} {cell}");
            assert!(
                said.contains("像是在百分比格式中填了百分数本身"),
                "{book}: {said}"
            );
        }
        // 2.5 in `0%` (250%) against ≥10%: either may be meant, said as a doubt
        let (severity, said) = said_at(&doc, CODE, "F15").unwrap();
        assert_eq!(severity, Severity::Warning, "{book}");
        assert!(
            said.contains("可能是实际比率 250%，也可能是在百分比格式中填了百分数本身"),
            "{book}: {said}"
        );
    }
}

#[test]
fn a_time_only_cell_reads_as_the_duration_it_shows_where_the_target_is_a_time() {
    // before: `1899-12-31T12:00` (待评定), `[h]:mm` in an `.xls` or `.xlsx` `1.5` (1.5 小时
    // against ≤48小时, a pass on a figure the sheet does not show), `mm:ss` in an `.xls`
    // `1899-12-31T00:00` (its seconds lost), an `.ods` `PT12H00M00S`
    for book in BOOKS {
        let doc = read(book);
        for (name, read) in [
            ("服务时长", "12小时"),
            ("累计时长", "36小时"),
            ("响应时间", "4秒"),
            ("办结时限", "25分钟"),
            // a target that is no time: the time as shown
            ("开馆时间", "8:15"),
        ] {
            assert_eq!(actual(&doc, name), read, "{book} {name}");
        }
        let (severity, said) = said_at(&doc, "table.display-time", "F2").unwrap();
        assert_eq!(severity, Severity::Info, "{book}");
        assert!(
            said.contains("实际完成值显示为 12:00（单元格存 0.5，以天计的时间），指标值 ≥8小时 是时长：按显示的时长读取为 12小时"),
            "{book}: {said}"
        );
        assert!(
            found_at(&doc, "table.display-time", "F6").is_some(),
            "{book}"
        );
    }
    // 1.5 days in `h:mm` shows 12:00 (Excel drops the whole day): read as shown, a warning
    // naming the 36 hours held (an `.ods`'s time style is not read: its 36:00 as held)
    for book in ["formats20.xlsx", "formats20.xls"] {
        let doc = read(book);
        assert_eq!(actual(&doc, "通行时长"), "12小时", "{book}");
        let (severity, said) = said_at(&doc, "table.display-time", "F16").unwrap();
        assert_eq!(severity, Severity::Warning, "{book}");
        assert!(said.contains("按存的值为 36小时"), "{book}: {said}");
    }
}
