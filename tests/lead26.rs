//! A text table saved under a `.csv` name but separated by tabs (Excel's "Unicode text", UTF-16
//! with a byte-order mark, and many exports) is read with tabs, whole and streamed (issue 27,
//! session 26; H186's probe). At the session's start (`b3d7e46`) each was refused with
//! `table.no-header` ("找不到表头行"), the wrong reason: read with commas it was one column.

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;

/// A one-project self-evaluation sheet, tab-separated: two indicators, one met and one not.
const SHEET: &str = "项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\r\n\
甲\t产出指标\t数量指标\t培训期数\t≥10期\t12期\t10\r\n\
甲\t满意度指标\t服务对象满意度指标\t满意度\t≥95%\t90%\t10\r\n";

/// Each indicator as `[indicator, actual, verdict, score]`, the whole report's (`json`, read
/// whole) and the streamed one's (`jsonl`), which must agree.
fn scored(d: &std::path::Path, file: &str) -> Vec<[String; 4]> {
    let fields = ["indicator", "actual", "verdict", "score"];
    let whole = reports::report_in(d, file, &["--no-streaming"]);
    let whole = reports::whole_fields(&whole.to_string(), fields);
    let r = reports::run(d, &["evaluate", file, "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{file}: {}", r.stderr);
    assert_eq!(whole, reports::streamed_fields(&r.stdout, fields), "{file}");
    whole
}

#[test]
fn a_csv_named_table_separated_by_tabs_is_read_with_tabs() {
    let d = reports::dir("lead26", "csv-tabs");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(SHEET.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(d.join("unicode.csv"), utf16).unwrap();
    std::fs::write(d.join("tabs.csv"), SHEET).unwrap();
    // a title line with neither, above the tab-separated header
    std::fs::write(
        d.join("titled.csv"),
        format!("2023年度项目支出绩效自评表\r\n{SHEET}"),
    )
    .unwrap();
    let want = [
        ["培训期数", "12期", "pass", "10.00"],
        ["满意度", "90%", "fail", "9.47"],
    ]
    .map(|r| r.map(str::to_owned))
    .to_vec();
    for file in ["unicode.csv", "tabs.csv", "titled.csv"] {
        assert_eq!(scored(&d, file), want, "{file}");
        let r = reports::run(&d, &["inspect", file]);
        assert!(r.stdout.contains("制表符分隔"), "{file}: {}", r.stdout);
    }
}

#[test]
fn a_comma_separated_csv_with_a_tab_in_a_cell_stays_comma_separated() {
    let d = reports::dir("lead26", "csv-commas");
    let sheet = SHEET
        .replace('\t', ",")
        .replace("培训期数", "\"培训\t期数\"");
    std::fs::write(d.join("commas.csv"), sheet).unwrap();
    let rows = scored(&d, "commas.csv");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0][0], "培训\t期数");
    assert_eq!(rows[1][2], "fail");
    let r = reports::run(&d, &["inspect", "commas.csv"]);
    assert!(r.stdout.contains("逗号分隔"), "{}", r.stdout);
}
