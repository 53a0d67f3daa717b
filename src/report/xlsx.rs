//! The xlsx report: a workbook a finance office can file (rust_xlsxwriter).
//!
//! - `自评表`: per project a block laid out as the 项目支出绩效自评表 — a title row (unit and
//!   project), the column heads, the 预算执行率 row, one row per indicator, and a 总分/等级 row;
//! - `汇总`: the units, then the projects, with scores, grades and counts of verdicts;
//! - `复核差异`: the rows whose recomputed score differs from the sheet's own 得分 (only when
//!   there are any).
//!
//! Every sheet prints A4 landscape, one page wide, with page numbers.
//! 分值 and 得分 are number cells holding the shown (half-up) value with a `0.00` format, so a
//! sum in Excel adds what the page shows. The creation date is fixed, so the same report gives
//! the same bytes.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use unicode_width::UnicodeWidthStr;

use super::model::{Report, Shown};
use super::selfeval_table::{
    COLUMNS, budget_actual, budget_target, category_cell, project_notes, published_total, reason,
    remark, subcategory_cell, total_weight,
};

struct Formats {
    title: Format,
    head: Format,
    text: Format,
    wrap: Format,
    int: Format,
    score: Format,
    total: Format,
    total_score: Format,
}

impl Formats {
    fn new(dp: u32) -> Self {
        let num = if dp == 0 {
            "0".to_owned()
        } else {
            format!("0.{}", "0".repeat(dp as usize))
        };
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Formats {
            title: Format::new().set_bold().set_font_size(12),
            head: cell
                .clone()
                .set_bold()
                .set_background_color("#F0F3F6")
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            int: cell.clone().set_align(FormatAlign::Right),
            score: cell.clone().set_num_format(&num),
            total: cell.clone().set_bold().set_background_color("#F0F3F6"),
            total_score: cell
                .set_bold()
                .set_background_color("#F0F3F6")
                .set_num_format(num),
        }
    }
}

/// The shown value as a number (what the page shows, not the exact value).
fn number(s: &Shown) -> f64 {
    f64::try_from(s.rounded()).unwrap_or(0.0)
}

fn score_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: Option<&Shown>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match s {
        Some(s) => ws.write_number_with_format(row, col, number(s), &f.score)?,
        None => ws.write_string_with_format(row, col, "—", &f.text)?,
    };
    Ok(())
}

/// A4 landscape, as wide as one page, page numbers in the footer: how the sheet is filed.
fn print_setup(ws: &mut Worksheet) {
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_footer("&C第 &P 页，共 &N 页");
}

/// Column widths of the 自评表 sheet, in Excel's character units.
const SELFEVAL_WIDTHS: [f64; 10] = [6.0, 12.0, 12.0, 28.0, 22.0, 22.0, 8.0, 8.0, 30.0, 50.0];

/// Height of one line of text, in points.
const LINE: f64 = 15.0;

/// Set a row's height to fit its wrapped cells: neither Excel nor LibreOffice grows a row
/// for wrapped text written by a library, so the lines are counted here by display width
/// (a Chinese character is two display columns but about 1.6 of Excel's width units).
fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(usize, &str)], widths: &[f64]) {
    let lines = cells
        .iter()
        .map(|(col, text)| {
            let room = (widths[*col] - 1.0).max(1.0);
            (text.width() as f64 * 0.8 / room).ceil().max(1.0)
        })
        .fold(1.0_f64, f64::max);
    if lines > 1.0 {
        let _ = ws.set_row_height(row, LINE * lines);
    }
}

fn selfeval_sheet(ws: &mut Worksheet, r: &Report, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("自评表")?;
    print_setup(ws);
    for (col, width) in SELFEVAL_WIDTHS.into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    let last = (COLUMNS.len() - 1) as u16;
    let mut row = 0u32;
    let title = match (&r.department, r.year) {
        (Some(d), Some(y)) => format!("{y}年度项目支出绩效自评表 — {d}"),
        (Some(d), None) => format!("项目支出绩效自评表 — {d}"),
        (None, Some(y)) => format!("{y}年度项目支出绩效自评表"),
        (None, None) => "项目支出绩效自评表".to_owned(),
    };
    ws.write_string_with_format(row, 0, &title, &f.title)?;
    row += 2;
    for p in &r.projects {
        ws.merge_range(
            row,
            0,
            row,
            last,
            &if p.unit.is_empty() {
                format!("项目名称：{}", p.project)
            } else {
                format!("项目名称：{}    实施单位：{}", p.project, p.unit)
            },
            &f.title,
        )?;
        row += 1;
        for (col, head) in COLUMNS.iter().enumerate() {
            ws.write_string_with_format(row, col as u16, *head, &f.head)?;
        }
        row += 1;
        ws.write_string_with_format(row, 0, "", &f.text)?;
        ws.write_string_with_format(row, 1, "预算执行率", &f.text)?;
        ws.write_string_with_format(row, 2, "", &f.text)?;
        ws.write_string_with_format(row, 3, "", &f.text)?;
        ws.write_string_with_format(row, 4, budget_target(p), &f.text)?;
        ws.write_string_with_format(row, 5, budget_actual(p), &f.text)?;
        ws.write_number_with_format(row, 6, number(&p.budget_weight), &f.score)?;
        score_cell(ws, row, 7, p.budget_score.as_ref(), f)?;
        let budget_note = p
            .budget_published_score
            .map(|d| format!("原表得分 {}", d.normalize()))
            .unwrap_or_default();
        ws.write_string_with_format(row, 9, budget_note, &f.wrap)?;
        row += 1;
        for i in &p.indicators {
            let category = category_cell(i);
            let subcategory = subcategory_cell(i);
            let note = remark(i);
            fit_row(
                ws,
                row,
                &[
                    (1, &category),
                    (2, &subcategory),
                    (3, &i.indicator),
                    (4, &i.target),
                    (5, i.actual.as_deref().unwrap_or("")),
                    (8, reason(i)),
                    (9, &note),
                ],
                &SELFEVAL_WIDTHS,
            );
            ws.write_number_with_format(row, 0, f64::from(i.seq), &f.int)?;
            ws.write_string_with_format(row, 1, &category, &f.wrap)?;
            ws.write_string_with_format(row, 2, &subcategory, &f.wrap)?;
            ws.write_string_with_format(row, 3, &*i.indicator, &f.wrap)?;
            ws.write_string_with_format(row, 4, &*i.target, &f.wrap)?;
            ws.write_string_with_format(row, 5, i.actual.as_deref().unwrap_or(""), &f.wrap)?;
            ws.write_number_with_format(row, 6, number(&i.weight), &f.score)?;
            score_cell(ws, row, 7, i.score.as_ref(), f)?;
            ws.write_string_with_format(row, 8, reason(i), &f.wrap)?;
            ws.write_string_with_format(row, 9, &note, &f.wrap)?;
            row += 1;
        }
        ws.merge_range(row, 0, row, 5, "总分", &f.total)?;
        ws.write_number_with_format(row, 6, number(&total_weight(p)), &f.total_score)?;
        ws.write_number_with_format(row, 7, number(&p.score), &f.total_score)?;
        let pending = if p.pending.exact.is_zero() {
            String::new()
        } else {
            format!("；另有 {} 分待评定", p.pending)
        };
        ws.write_string_with_format(
            row,
            8,
            format!(
                "等级：{}{pending}{}{}",
                p.grade,
                published_total(p),
                project_notes(p)
            ),
            &f.total,
        )?;
        row += 2;
    }
    Ok(())
}

fn summary_sheet(ws: &mut Worksheet, r: &Report, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("汇总")?;
    print_setup(ws);
    ws.set_column_width(0, 30.0)?;
    ws.set_column_width(1, 30.0)?;
    let counts_head = [
        "指标",
        "达标",
        "未达标",
        "待评定",
        "缺实际值",
        "无法比较",
        "不适用",
    ];
    let mut row = 0u32;
    ws.write_string_with_format(row, 0, "单位汇总", &f.title)?;
    row += 1;
    let head: Vec<&str> = ["单位", "项目数", "平均分", "等级"]
        .into_iter()
        .chain(counts_head)
        .chain(["待评定分值"])
        .collect();
    for (col, h) in head.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, *h, &f.head)?;
    }
    row += 1;
    for u in &r.units {
        ws.write_string_with_format(row, 0, &u.unit, &f.text)?;
        ws.write_number_with_format(row, 1, u.projects as f64, &f.int)?;
        ws.write_number_with_format(row, 2, number(&u.score), &f.score)?;
        ws.write_string_with_format(row, 3, &u.grade, &f.text)?;
        counts(ws, row, 4, &u.counts, f)?;
        ws.write_number_with_format(row, 11, number(&u.pending), &f.score)?;
        row += 1;
    }
    let s = &r.summary;
    ws.write_string_with_format(row, 0, "合计", &f.total)?;
    ws.write_number_with_format(row, 1, s.projects as f64, &f.total)?;
    ws.write_number_with_format(row, 2, number(&s.score), &f.total_score)?;
    ws.write_string_with_format(row, 3, &s.grade, &f.total)?;
    for (n, v) in [
        s.indicators,
        s.pass,
        s.fail,
        s.review,
        s.missing,
        s.invalid,
        s.not_applicable,
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_number_with_format(row, 4 + n as u16, v as f64, &f.total)?;
    }
    ws.write_number_with_format(row, 11, number(&s.pending), &f.total_score)?;
    row += 2;
    ws.write_string_with_format(row, 0, "项目", &f.title)?;
    row += 1;
    // amounts in one money unit name it in the heads; mixed units get a column of their own
    let unit = r.projects.first().map_or("万元", |p| &*p.money_unit);
    let mixed = r.projects.iter().any(|p| p.money_unit != unit);
    let (budget_head, spent_head) = if mixed {
        ("全年预算数".to_owned(), "全年执行数".to_owned())
    } else {
        (
            format!("全年预算数（{unit}）"),
            format!("全年执行数（{unit}）"),
        )
    };
    let head: Vec<&str> = [
        "单位",
        "项目",
        budget_head.as_str(),
        spent_head.as_str(),
        "预算执行率（%）",
        "得分",
        "等级",
    ]
    .into_iter()
    .chain(counts_head)
    .chain(["待评定分值"])
    .chain(mixed.then_some("金额单位"))
    .collect();
    for (col, h) in head.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, *h, &f.head)?;
    }
    row += 1;
    for p in &r.projects {
        ws.write_string_with_format(row, 0, &p.unit, &f.text)?;
        ws.write_string_with_format(row, 1, &p.project, &f.text)?;
        for (col, v) in [(2u16, p.budget), (3, p.spent)] {
            match v.and_then(|d| f64::try_from(d).ok()) {
                Some(n) => ws.write_number_with_format(row, col, n, &f.text)?,
                None => ws.write_string_with_format(row, col, "", &f.text)?,
            };
        }
        score_cell(ws, row, 4, p.execution_rate.as_ref(), f)?;
        ws.write_number_with_format(row, 5, number(&p.score), &f.score)?;
        ws.write_string_with_format(row, 6, &p.grade, &f.text)?;
        counts(ws, row, 7, &p.counts, f)?;
        ws.write_number_with_format(row, 14, number(&p.pending), &f.score)?;
        if mixed {
            ws.write_string_with_format(row, 15, &*p.money_unit, &f.text)?;
        }
        row += 1;
    }
    Ok(())
}

fn counts(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    c: &super::model::VerdictCounts,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (n, v) in [
        c.indicators,
        c.pass,
        c.fail,
        c.review,
        c.missing,
        c.invalid,
        c.not_applicable,
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_number_with_format(row, col + n as u16, v as f64, &f.int)?;
    }
    Ok(())
}

/// `输入提示`: what the input said that the scores do not show — actuals that matched nothing
/// in the table (with the name they most likely meant), rows the reader skipped.
fn findings_sheet(ws: &mut Worksheet, r: &Report, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("输入提示")?;
    print_setup(ws);
    ws.set_freeze_panes(1, 0)?;
    const WIDTHS: [f64; 6] = [28.0, 6.0, 22.0, 40.0, 48.0, 40.0];
    for (col, width) in WIDTHS.into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    for (col, h) in ["位置", "级别", "代码", "单位 / 项目 / 指标", "问题", "建议"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, col as u16, *h, &f.head)?;
    }
    for (n, finding) in r.findings.iter().enumerate() {
        let row = n as u32 + 1;
        let what = finding.concerns();
        let position = finding.position();
        let help = finding.help.as_deref().unwrap_or("");
        for (col, text) in [
            (0u16, position.as_str()),
            (1, finding.severity.zh()),
            (2, &*finding.code),
            (3, what.as_str()),
            (4, finding.message.as_str()),
            (5, help),
        ] {
            ws.write_string_with_format(row, col, text, &f.wrap)?;
        }
        fit_row(
            ws,
            row,
            &[(3, &what), (4, &finding.message), (5, help)],
            &WIDTHS,
        );
    }
    Ok(())
}

fn differences_sheet(ws: &mut Worksheet, r: &Report, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("复核差异")?;
    print_setup(ws);
    ws.set_freeze_panes(1, 0)?;
    const WIDTHS: [f64; 11] = [
        24.0, 28.0, 6.0, 24.0, 16.0, 16.0, 8.0, 10.0, 10.0, 48.0, 24.0,
    ];
    for (col, width) in WIDTHS.into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    let head = [
        "单位",
        "项目",
        "序号",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "原表得分",
        "复核得分",
        "计算",
        "来源",
    ];
    for (col, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &f.head)?;
    }
    for (n, d) in r.differences.iter().enumerate() {
        let row = n as u32 + 1;
        let source = format!("{}:{}", d.source.file, d.source.line);
        fit_row(
            ws,
            row,
            &[
                (0, &d.unit),
                (1, &d.project),
                (3, &d.indicator),
                (4, &d.target),
                (5, d.actual.as_deref().unwrap_or("")),
                (9, &d.formula),
                (10, &source),
            ],
            &WIDTHS,
        );
        ws.write_string_with_format(row, 0, &d.unit, &f.wrap)?;
        ws.write_string_with_format(row, 1, &d.project, &f.wrap)?;
        ws.write_number_with_format(row, 2, f64::from(d.seq), &f.int)?;
        ws.write_string_with_format(row, 3, &d.indicator, &f.wrap)?;
        ws.write_string_with_format(row, 4, &d.target, &f.wrap)?;
        ws.write_string_with_format(row, 5, d.actual.as_deref().unwrap_or(""), &f.wrap)?;
        ws.write_number_with_format(row, 6, number(&d.weight), &f.score)?;
        match d.published_score.and_then(|p| f64::try_from(p).ok()) {
            Some(p) => ws.write_number_with_format(row, 7, p, &f.score)?,
            None => ws.write_string_with_format(row, 7, "", &f.text)?,
        };
        score_cell(ws, row, 8, d.score.as_ref(), f)?;
        ws.write_string_with_format(row, 9, &d.formula, &f.wrap)?;
        ws.write_string_with_format(row, 10, &source, &f.wrap)?;
    }
    Ok(())
}

/// The workbook as bytes.
pub fn render(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let dp = r
        .projects
        .first()
        .map(|p| p.score.dp)
        .unwrap_or(r.summary.score.dp);
    let f = Formats::new(dp);
    let mut wb = Workbook::new();
    // A fixed creation date: the same report gives the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("项目支出绩效自评表")
            .set_creation_datetime(&created),
    );
    selfeval_sheet(wb.add_worksheet(), r, &f)?;
    summary_sheet(wb.add_worksheet(), r, &f)?;
    if !r.differences.is_empty() {
        differences_sheet(wb.add_worksheet(), r, &f)?;
    }
    if !r.findings.is_empty() {
        findings_sheet(wb.add_worksheet(), r, &f)?;
    }
    wb.save_to_buffer()
}
