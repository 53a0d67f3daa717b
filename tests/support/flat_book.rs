//! A flat self-evaluation sheet of one project written as a workbook, its actuals held as
//! numbers under a number format (`tests/quiet23.rs`, `tests/review22.rs`).

/// A flat sheet of one project in a workbook: its indicators' (name, target, actual held, the
/// actual's number format).
pub fn workbook(rows: &[(&str, &str, f64, &str)]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let head = [
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (name, target, actual, code)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, text) in ["社区服务经费", "产出指标", "数量指标", name, target]
            .iter()
            .enumerate()
        {
            ws.write_string(r, c as u16, *text).unwrap();
        }
        let format = Format::new().set_num_format(*code);
        ws.write_number_with_format(r, 5, *actual, &format).unwrap();
        ws.write_number(r, 6, 50.0).unwrap();
    }
    wb.save_to_buffer().unwrap()
}
