//! The fill-in workbook of `jixiao template --format xlsx`: the Ministry's 项目支出绩效自评表, one
//! project a sheet, targets filled in and the cells a unit fills at year end left open.
//!
//! Laid out as the forms reader (`table::form`) reads it back, so a filled workbook dropped on
//! `jixiao evaluate` (or the page) scores as the same actuals written in YAML would: title and
//! year; 项目名称, 主管部门, 实施单位; the funds block (全年预算数 from the table, 全年执行数 to
//! fill); the goal block (实际完成情况 to fill); the indicator grid with 一级 and 二级指标 merged
//! over their rows, 年度指标值 filled, a 计划数 column where the project has plan targets, and
//! 实际完成值 and 偏差原因 to fill (a list of 达成 / 部分达成 / 未达成 on qualitative rows, which
//! also accept a share such as `85%`). 分值 and 得分 stay empty: jixiao computes them by the
//! method (the scored report is the form to file). Cells to fill are yellow and unlocked.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, Worksheet, XlsxError,
};

/// What an empty category cell holds in the form: read back as no category (`table::form`).
pub const NONE: &str = "—";

/// One indicator of a form to fill.
#[derive(Debug, Clone)]
pub struct FillRow {
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub name: String,
    pub target: String,
    /// A person grades it (达成 / 部分达成 / 未达成).
    pub qualitative: bool,
    /// It compares with a figure the unit gives: a plan value, or the baseline (上年实际) of a
    /// relative target (`baseline`).
    pub plan: bool,
    pub baseline: bool,
    /// What the unit has filled in (empty in a new template): 实际完成值, 计划数, 偏差原因.
    pub actual: Option<String>,
    pub plan_value: Option<String>,
    pub note: Option<String>,
}

/// One project's form to fill.
#[derive(Debug, Clone)]
pub struct FillForm {
    pub unit: String,
    pub project: String,
    pub department: Option<String>,
    pub year: Option<i32>,
    /// The money unit of the funds block (万元 unless the table says otherwise).
    pub money_unit: String,
    pub budget: Option<Decimal>,
    /// 全年执行数, where filled.
    pub spent: Option<Decimal>,
    pub goal: Option<String>,
    /// 实际完成情况 of the goal, where filled.
    pub goal_actual: Option<String>,
    pub rows: Vec<FillRow>,
}

struct Formats {
    title: Format,
    label: Format,
    head: Format,
    text: Format,
    fill: Format,
    computed: Format,
    note: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            label: cell.clone().set_bold().set_align(FormatAlign::Center),
            head: cell
                .clone()
                .set_bold()
                .set_background_color("#F0F3F6")
                .set_align(FormatAlign::Center),
            text: cell.clone(),
            fill: cell.clone().set_background_color("#FFF8D6").set_unlocked(),
            computed: cell.set_background_color("#EEEEEE"),
            note: Format::new().set_font_color("#666666").set_text_wrap(),
        }
    }
}

/// Column widths: 一级, 二级, 三级, 年度指标值, [计划数], 实际完成值, 分值, 得分, 偏差原因.
fn widths(plan: bool) -> Vec<f64> {
    let mut w = vec![12.0, 14.0, 28.0, 18.0];
    if plan {
        w.push(12.0);
    }
    w.extend([18.0, 8.0, 8.0, 36.0]);
    w
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn sheet_name(n: usize, project: &str, taken: &mut Vec<String>) -> String {
    let clean: String = project
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let base: String = format!("{n}.{clean}").chars().take(31).collect();
    let mut name = base.clone();
    let mut k = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!("({k})");
        name = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        k += 1;
    }
    taken.push(name.clone());
    name
}

/// The workbook of forms to fill, one project a sheet.
pub fn workbook(forms: &[FillForm]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // a fixed creation date: the same table gives the same bytes
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let f = Formats::new();
    let mut taken = Vec::new();
    for (n, form) in forms.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(n + 1, &form.project, &mut taken))?;
        sheet(ws, form, &f)?;
    }
    if forms.is_empty() {
        wb.add_worksheet();
    }
    wb.save_to_buffer()
}

fn sheet(ws: &mut Worksheet, form: &FillForm, f: &Formats) -> Result<(), XlsxError> {
    let plan = form.rows.iter().any(|r| r.plan);
    let widths = widths(plan);
    let last = widths.len() as u16 - 1;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_footer("&C第 &P 页，共 &N 页");
    let (c_actual, c_weight, c_score, c_note) = (last - 3, last - 2, last - 1, last);
    ws.merge_range(0, 0, 0, last, "项目支出绩效自评表", &f.title)?;
    let year = form
        .year
        .map(|y| format!("({y}年度)"))
        .unwrap_or_else(|| "(    年度)".to_owned());
    ws.merge_range(
        1,
        0,
        1,
        last,
        &year,
        &Format::new().set_align(FormatAlign::Center),
    )?;
    // label rows
    ws.write_string_with_format(2, 0, "项目名称", &f.label)?;
    ws.merge_range(2, 1, 2, last, &form.project, &f.text)?;
    ws.write_string_with_format(3, 0, "主管部门", &f.label)?;
    ws.merge_range(
        3,
        1,
        3,
        2,
        form.department.as_deref().unwrap_or(""),
        &f.text,
    )?;
    ws.write_string_with_format(3, 3, "实施单位", &f.label)?;
    ws.merge_range(3, 4, 3, last, &form.unit, &f.text)?;
    // the funds block
    ws.merge_range(
        4,
        0,
        5,
        0,
        &format!("项目资金\n({})", form.money_unit),
        &f.label,
    )?;
    let heads = ["全年预算数", "全年执行数", "分值", "执行率", "得分"];
    for (k, h) in heads.iter().enumerate() {
        ws.write_string_with_format(4, 2 + k as u16, *h, &f.head)?;
    }
    ws.write_string_with_format(5, 1, "年度资金总额", &f.text)?;
    match form.budget {
        Some(b) => ws.write_string_with_format(5, 2, b.normalize().to_string(), &f.fill)?,
        None => ws.write_blank(5, 2, &f.fill)?,
    };
    match form.spent {
        Some(b) => ws.write_string_with_format(5, 3, b.normalize().to_string(), &f.fill)?,
        None => ws.write_blank(5, 3, &f.fill)?,
    };
    for c in 4..=6 {
        ws.write_blank(5, c, &f.computed)?;
    }
    // the goal block
    let mid = (last / 2).max(2);
    ws.merge_range(6, 0, 7, 0, "年度总体目标", &f.label)?;
    ws.merge_range(6, 1, 6, mid, "预期目标", &f.head)?;
    ws.merge_range(6, mid + 1, 6, last, "实际完成情况", &f.head)?;
    ws.merge_range(7, 1, 7, mid, form.goal.as_deref().unwrap_or(""), &f.text)?;
    ws.merge_range(
        7,
        mid + 1,
        7,
        last,
        form.goal_actual.as_deref().unwrap_or(""),
        &f.fill,
    )?;
    // the indicator grid
    let mut heads = vec!["一级指标", "二级指标", "三级指标", "年度指标值"];
    // one column for both figures: its name read back as 计划数 (what the brackets say is
    // dropped)
    if plan {
        heads.push(if form.rows.iter().any(|r| r.baseline) {
            "计划数（上年实际）"
        } else {
            "计划数"
        });
    }
    heads.extend(["实际完成值", "分值", "得分", "偏差原因分析及改进措施"]);
    let top = 8u32;
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, *h, &f.head)?;
    }
    let grades = DataValidation::new()
        .allow_list_strings(&["达成", "部分达成", "未达成", "不适用"])?
        .set_error_style(DataValidationErrorStyle::Information)
        .set_input_message("定性指标：选择 达成 / 部分达成 / 未达成，或写得分比例（如 85%）；本年不适用的指标写 不适用")?;
    let mut r = top + 1;
    for row in &form.rows {
        // a category the table does not give is written `—`, never left to fill down
        ws.write_string_with_format(r, 0, row.category.as_deref().unwrap_or(NONE), &f.text)?;
        ws.write_string_with_format(r, 1, row.subcategory.as_deref().unwrap_or(NONE), &f.text)?;
        ws.write_string_with_format(r, 2, &row.name, &f.text)?;
        ws.write_string_with_format(r, 3, &row.target, &f.text)?;
        let filled = |ws: &mut Worksheet, col: u16, text: &Option<String>| match text {
            Some(t) => ws.write_string_with_format(r, col, t, &f.fill).map(|_| ()),
            None => ws.write_blank(r, col, &f.fill).map(|_| ()),
        };
        if plan {
            if row.plan {
                filled(ws, 4, &row.plan_value)?;
            } else {
                ws.write_blank(r, 4, &f.computed)?;
            }
        }
        filled(ws, c_actual, &row.actual)?;
        if row.qualitative {
            ws.add_data_validation(r, c_actual, r, c_actual, &grades)?;
        }
        ws.write_blank(r, c_weight, &f.computed)?;
        ws.write_blank(r, c_score, &f.computed)?;
        filled(ws, c_note, &row.note)?;
        r += 1;
    }
    // 一级 and 二级指标 merged over their runs, as the form prints them
    for col in [0u16, 1] {
        let key = |row: &FillRow| match col {
            0 => (row.category.clone(), None),
            _ => (row.category.clone(), row.subcategory.clone()),
        };
        let text = |row: &FillRow| match col {
            0 => row.category.clone(),
            _ => row.subcategory.clone(),
        };
        let mut start = 0;
        while start < form.rows.len() {
            let k = key(&form.rows[start]);
            let mut end = start;
            while end + 1 < form.rows.len() && key(&form.rows[end + 1]) == k {
                end += 1;
            }
            if let Some(t) = text(&form.rows[start]).filter(|_| end > start) {
                let (first, last_row) = (top + 1 + start as u32, top + 1 + end as u32);
                ws.merge_range(first, col, last_row, col, &t, &f.text)?;
            }
            start = end + 1;
        }
    }
    ws.merge_range(r, 0, r, c_actual, "总分", &f.label)?;
    ws.write_blank(r, c_weight, &f.computed)?;
    ws.write_blank(r, c_score, &f.computed)?;
    ws.write_blank(r, c_note, &f.computed)?;
    ws.merge_range(
        r + 1,
        0,
        r + 1,
        last,
        "注：填写黄色单元格（全年执行数、实际完成情况、实际完成值、偏差原因，计划类指标的计划数）后，运行 jixiao evaluate 本文件 或拖到 jixiao 网页上；分值、得分和总分由 jixiao 按评分方法计算。",
        &f.note,
    )?;
    ws.set_row_height(r + 1, 32)?;
    Ok(())
}
