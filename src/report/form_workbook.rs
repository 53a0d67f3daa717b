//! The fill-in workbook of `jixiao template --format xlsx`: the Ministry's 项目支出绩效自评表, one
//! project a sheet, targets filled in and the cells a unit fills at year end left open.
//!
//! Laid out by `form_layout` (shared with the scored xlsx report) as the forms reader
//! (`table::form`) reads it back, so a filled workbook dropped on `jixiao evaluate` (or the
//! page) scores as the same actuals written in YAML would: title and year; 项目名称, 主管部门, 实施单位; the funds block (全年预算数 from the table, 全年执行数 to
//! fill); the goal block (实际完成情况 to fill); the indicator grid with 一级 and 二级指标 merged
//! over their rows, 年度指标值 filled, a 计划数 column where the project has plan targets, and
//! 实际完成值 and 偏差原因 to fill (a list of 达成 / 部分达成 / 未达成 on qualitative rows, which
//! also accept a share such as `85%`). 分值 and 得分 stay empty: jixiao computes them by the
//! method (the scored report is the form to file). Cells to fill are yellow and unlocked.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Workbook,
    Worksheet, XlsxError,
};

use super::form_layout::{self as layout, Columns, Funds, GridRow, Put, Styles, Total};

/// What an empty category cell holds in the form: read back as no category (`table::form`).
pub use super::form_layout::NONE;

pub use crate::report_model::{FillForm, FillRow};

/// The template's own formats: cells to fill (yellow, unlocked), cells jixiao computes (grey),
/// the note under the form.
struct Formats {
    form: Styles,
    fill: Format,
    computed: Format,
    note: Format,
    /// 年度指标值 as written (`20000` a number cell, `95%以上` text).
    target: layout::AsWritten,
    /// 计划数 and 实际完成值 already known, as written, in the cells to fill.
    filled: layout::AsWritten,
}

impl Formats {
    fn new() -> Self {
        let form = Styles::new();
        let fill = layout::cell()
            .set_background_color("#FFF8D6")
            .set_unlocked();
        Formats {
            target: layout::AsWritten::new(&form.text),
            filled: layout::AsWritten::new(&fill),
            form,
            fill,
            computed: layout::cell().set_background_color("#EEEEEE"),
            note: Format::new().set_font_color("#666666").set_text_wrap(),
        }
    }
}

/// Why the workbook of forms could not be written, in Chinese (with the way forward: the
/// actuals file in YAML, which has no such limits).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{0}")]
#[diagnostic(code("output.xlsx"))]
pub struct WorkbookError(String);

impl From<XlsxError> for WorkbookError {
    fn from(e: XlsxError) -> Self {
        let why = match e {
            XlsxError::MaxStringLengthExceeded => {
                "有单元格（目标表中的指标名或指标值等）超过 Excel 每格 32767 个字符的上限"
                    .to_owned()
            }
            XlsxError::RowColumnLimitError => {
                "有项目的指标超过 Excel 工作表 1048576 行的上限".to_owned()
            }
            other => format!("生成工作簿时出错（{other}）"),
        };
        WorkbookError(format!(
            "{why}，无法生成填报用的自评表（xlsx）；请改用实际值文件（YAML）填报：jixiao template 不加 --format xlsx"
        ))
    }
}

/// The workbook of forms to fill, one project a sheet; refused past the xlsx report's limits
/// ([`crate::limits::XLSX_PROJECTS`], [`crate::limits::XLSX_INDICATORS`]: each sheet kept
/// deflated until the workbook is saved in memory, about 25 KB a project).
pub fn workbook(forms: &[FillForm]) -> Result<Vec<u8>, WorkbookError> {
    checked(forms)?;
    Ok(build(forms, true, None)?.save_to_buffer()?)
}

/// [`workbook`] saved into `out` instead of a buffer (issue 27): the finished workbook is never
/// held in memory beside its sheets (`out` seeks, as the zip writer goes back to each part's
/// header); the same bytes (tested). `spill`, where given (a temporary file), keeps each
/// packed sheet's deflated part until the workbook is saved instead of memory
/// (`Workbook::spill_packed_worksheets_to`).
pub fn write_workbook<W: std::io::Write + std::io::Seek + Send>(
    forms: &[FillForm],
    out: W,
    spill: Option<std::fs::File>,
) -> Result<(), WorkbookError> {
    checked(forms)?;
    Ok(build(forms, true, spill)?.save_to_writer(out)?)
}

/// The forms within the xlsx limits, or why not.
fn checked(forms: &[FillForm]) -> Result<(), WorkbookError> {
    let rows: usize = forms.iter().map(|f| f.rows.len()).sum();
    if let Some((n, what, limit)) = super::xlsx::past_limits(forms.len(), rows) {
        return Err(WorkbookError(format!(
            "表中有 {n} 个{what}，超过{}的上限 {}，不生成填报用的自评表（xlsx）；请改用实际值文件（YAML）填报：jixiao template 不加 --format xlsx，或按单位拆分表格。{}",
            limit.what,
            limit.shown(),
            limit.help()
        )));
    }
    Ok(())
}

/// The workbook; each sheet after the first assembled as it is built where `pack`
/// (`Workbook::push_worksheet_packed`, the fork named in `vendor/rust_xlsxwriter/FORK.md`: a
/// sheet's cells are not held until the workbook is saved; the same bytes, tested), else held.
fn build(
    forms: &[FillForm],
    pack: bool,
    spill: Option<std::fs::File>,
) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    if let Some(spill) = spill {
        wb.spill_packed_worksheets_to(spill);
    }
    wb.reserve_worksheets(forms.len().max(1));
    // a fixed creation date: the same table gives the same bytes
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let f = Formats::new();
    let mut taken = std::collections::HashSet::new();
    for (n, form) in forms.iter().enumerate() {
        let name = layout::sheet_name(n + 1, &form.project, &mut taken);
        if n == 0 || !pack {
            let ws = wb.add_worksheet();
            ws.set_name(name)?;
            sheet(ws, form, &f)?;
        } else {
            let mut ws = Worksheet::new();
            ws.set_name(name)?;
            sheet(&mut ws, form, &f)?;
            wb.push_worksheet_packed(ws)?;
        }
    }
    if forms.is_empty() {
        wb.add_worksheet();
    }
    Ok(wb)
}

/// An amount as the unit would type it, in a cell to fill (or an empty one).
fn amount<'a>(v: Option<Decimal>, f: &'a Format) -> Put<'a> {
    match v {
        Some(d) => Put::text(d.normalize().to_string(), f),
        None => Put::blank(f),
    }
}

/// A figure the unit fills in: what it gave, else an empty yellow cell.
fn filled<'a>(text: &'a Option<String>, f: &'a Formats) -> Put<'a> {
    Put::maybe(text.as_deref(), &f.fill)
}

fn sheet(ws: &mut Worksheet, form: &FillForm, f: &Formats) -> Result<(), XlsxError> {
    let cols = Columns {
        plan: form.rows.iter().any(|r| r.plan),
        baseline: form.rows.iter().any(|r| r.baseline),
        notes: false,
    };
    let s = &f.form;
    layout::setup(ws, &cols)?;
    layout::title_area(
        ws,
        &cols,
        s,
        form.year,
        &form.project,
        form.department.as_deref(),
        &form.unit,
    )?;
    layout::funds(
        ws,
        &cols,
        s,
        &form.money_unit,
        &Funds {
            initial: Put::blank(&s.text),
            budget: amount(form.budget, &f.fill),
            spent: amount(form.spent, &f.fill),
            weight: Put::blank(&f.computed),
            rate: Put::blank(&f.computed),
            score: Put::blank(&f.computed),
            notes: None,
        },
    )?;
    layout::goal(
        ws,
        &cols,
        s,
        &Put::maybe(form.goal.as_deref(), &s.text),
        &filled(&form.goal_actual, f),
    )?;
    layout::grid_head(ws, &cols, s)?;
    let grades = DataValidation::new()
        .allow_list_strings(&["达成", "部分达成", "未达成", "不适用"])?
        .set_error_style(DataValidationErrorStyle::Information)
        .set_input_message("定性指标：选择 达成 / 部分达成 / 未达成，或写得分比例（如 85%）；本年不适用的指标写 不适用")?;
    let mut r = layout::GRID_TOP + 1;
    for row in &form.rows {
        // a category the table does not give is written `—`, never left to fill down
        let plan = match (cols.plan, row.plan) {
            (false, _) => None,
            (true, true) => Some(f.filled.maybe(row.plan_value.as_deref())),
            (true, false) => Some(Put::blank(&f.computed)),
        };
        layout::grid_row(
            ws,
            &cols,
            r,
            &GridRow {
                category: Put::text(row.category.as_deref().unwrap_or(NONE), &s.text),
                subcategory: Put::text(row.subcategory.as_deref().unwrap_or(NONE), &s.text),
                name: Put::text(&*row.name, &s.text),
                target: f.target.put(&row.target),
                plan,
                actual: f.filled.maybe(row.actual.as_deref()),
                weight: Put::blank(&f.computed),
                score: Put::blank(&f.computed),
                deviation: filled(&row.note, f),
                notes: None,
            },
        )?;
        if row.qualitative {
            ws.add_data_validation(r, cols.actual(), r, cols.actual(), &grades)?;
        }
        r += 1;
    }
    let keys: Vec<(Option<&str>, Option<&str>)> = form
        .rows
        .iter()
        .map(|row| (row.category.as_deref(), row.subcategory.as_deref()))
        .collect();
    layout::merge_categories(ws, &keys, &s.text)?;
    layout::total_row(
        ws,
        &cols,
        s,
        r,
        &Total {
            weight: Put::blank(&f.computed),
            score: Put::blank(&f.computed),
            grade: Put::blank(&f.computed),
            notes: None,
        },
    )?;
    ws.merge_range(
        r + 1,
        0,
        r + 1,
        cols.last(),
        "注：填写黄色单元格（全年执行数、实际完成情况、实际完成值、偏差原因，计划类指标的计划数）后，运行 jixiao evaluate 本文件 或拖到 jixiao 网页上；分值、得分和总分由 jixiao 按评分方法计算。",
        &f.note,
    )?;
    ws.set_row_height(r + 1, 32)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_packed_as_they_are_built_give_the_bytes_of_sheets_held_until_saved() {
        // qualitative rows (a list to choose from), plans, two units, forty projects
        let mut text = String::from(
            "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t计划数\t全年预算数\n",
        );
        for k in 0..40 {
            let unit = ["甲单位", "乙单位"][k % 2];
            text += &format!("{unit}\t项目{k}\t\t\t\t\t\t{}.00\n", 100 + k);
            text += &format!(
                "\t\t产出指标\t数量指标\t培训人次\t≥{}人次\t{}\t\n",
                50 + k,
                40 + k
            );
            text += "\t\t效益指标\t社会效益指标\t群众满意\t较好\t\t\n";
        }
        let opts = crate::table::ReadOptions::default();
        let doc = crate::table::read_str("t.tsv", &text, &opts).expect("read");
        let forms = crate::eval::actuals_file::fill_forms(&doc, Some(2024));
        assert_eq!(forms.len(), 40);
        let packed = build(&forms, true, None)
            .and_then(|mut wb| wb.save_to_buffer())
            .expect("packed");
        let held = build(&forms, false, None)
            .and_then(|mut wb| wb.save_to_buffer())
            .expect("held");
        assert!(packed == held);
        // saved into a file (what `template --format xlsx` writes): the same bytes
        let mut file = tempfile::tempfile().expect("a temporary file");
        write_workbook(&forms, &mut file, None).expect("written");
        let mut written = Vec::new();
        std::io::Seek::rewind(&mut file).expect("rewind");
        std::io::Read::read_to_end(&mut file, &mut written).expect("read back");
        assert!(written == packed);
        // its packed sheets' parts kept in a file until it is saved: the same bytes
        let parts = tempfile::tempfile().expect("a temporary file");
        let spilled = build(&forms, true, Some(parts))
            .and_then(|mut wb| wb.save_to_buffer())
            .expect("spilled");
        assert!(spilled == packed);
    }
}
