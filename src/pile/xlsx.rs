//! The roll-up of a pile as an xlsx workbook ([`render_xlsx`]): `汇总` first — the summary
//! line, 各表 with a link from each form to its 自评表, 按单位, 按主管部门, the files not read, the
//! copies and 复核意见 — then each table's scored 自评表 on its own sheet.
//!
//! Decisions where the spec is silent:
//! - Past [`MAX_FORM_SHEETS`] tables, one `明细` sheet holds every table's 自评表 one under
//!   another (a workbook of thousands of sheets is slow to open and its tab bar unusable); each
//!   link then points at the row where that table starts.
//! - A table's sheet is named `表N` (N its place among the tables, by file), never the file's
//!   name: sheet names are at most 31 characters, unique and without `[]:*?/\`, and two files
//!   may share a name in different folders. The file is the sheet's first line.
//! - Figures are numbers (printed and recomputed totals, the difference, counts), shown with the
//!   decimals they have; a missing figure is an empty cell, never 0. Words (未核对, 待评定) stay
//!   in the text columns beside them.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Url, Workbook, Worksheet, XlsxError};

use crate::report::model::Report;
use crate::report::selfeval_table as st;

use super::render::summary;
use super::rollup::{FormCounts, Rollup};

/// Past this many tables, one `明细` sheet instead of a sheet per table.
pub const MAX_FORM_SHEETS: usize = 250;

/// The detail sheet's name past [`MAX_FORM_SHEETS`].
pub const DETAIL_SHEET: &str = "明细";

/// The first sheet's name.
pub const SUMMARY_SHEET: &str = "汇总";

struct Formats {
    head: Format,
    title: Format,
    link: Format,
}

fn formats() -> Formats {
    Formats {
        head: Format::new().set_bold().set_background_color("#E7F0FD"),
        title: Format::new().set_bold().set_font_size(12),
        link: Format::new()
            .set_font_color("#0563C1")
            .set_underline(rust_xlsxwriter::FormatUnderline::Single),
    }
}

/// A number with as many decimals as it has (99.80 shows 99.80).
fn number_format(d: Decimal) -> Format {
    match d.scale() {
        0 => Format::new().set_num_format("0"),
        s => Format::new().set_num_format(format!("0.{}", "0".repeat(s.min(10) as usize))),
    }
}

fn write_dec(ws: &mut Worksheet, row: u32, col: u16, d: Option<Decimal>) -> Result<(), XlsxError> {
    if let Some(d) = d
        && let Some(f) = d.to_f64()
    {
        ws.write_number_with_format(row, col, f, &number_format(d))?;
    }
    Ok(())
}

fn write_row(
    ws: &mut Worksheet,
    row: u32,
    cells: &[&str],
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    for (c, v) in cells.iter().enumerate() {
        match format {
            Some(f) => ws.write_string_with_format(row, c as u16, *v, f)?,
            None => ws.write_string(row, c as u16, *v)?,
        };
    }
    Ok(())
}

/// The sheet each table's 自评表 is on and the row it starts at (0-based).
fn places(r: &Rollup, max_sheets: usize) -> Vec<(String, u32)> {
    if r.reports.len() <= max_sheets {
        (0..r.reports.len())
            .map(|i| (format!("表{}", i + 1), 0))
            .collect()
    } else {
        let mut row = 0;
        r.reports
            .iter()
            .map(|(_, rep)| {
                let at = row;
                row += detail_height(rep) + 1;
                (DETAIL_SHEET.to_owned(), at)
            })
            .collect()
    }
}

fn link(sheet: &str, row: u32) -> String {
    format!("internal:'{}'!A{}", sheet.replace('\'', "''"), row + 1)
}

fn write_group(
    ws: &mut Worksheet,
    row: u32,
    name: &str,
    c: &FormCounts,
    f: Option<&Format>,
) -> Result<(), XlsxError> {
    match f {
        Some(f) => ws.write_string_with_format(row, 0, name, f)?,
        None => ws.write_string(row, 0, name)?,
    };
    for (i, n) in super::render::group_counts(c).into_iter().enumerate() {
        ws.write_number(row, i as u16 + 1, n as f64)?;
    }
    Ok(())
}

/// The `汇总` sheet: the summary line, then its sections one under another (each after a
/// blank row): the tables, by unit and by department, the files not read, the copies read once
/// and the review opinions.
fn summary_sheet(ws: &mut Worksheet, r: &Rollup, at: &[(String, u32)]) -> Result<(), XlsxError> {
    let f = formats();
    ws.set_name(SUMMARY_SHEET)?;
    ws.write_string_with_format(0, 0, summary(r), &f.title)?;
    let mut row = form_rows(ws, 2, r, at, &f)?;
    for (title, groups) in [("按单位", &r.units), ("按主管部门", &r.departments)] {
        row = section_head(ws, row + 2, title, &super::render::GROUP_HEADER, &f)?;
        for g in groups.iter() {
            row += 1;
            write_group(ws, row, &g.name, &g.counts, None)?;
        }
        row += 1;
        write_group(ws, row, "合计", &r.totals.counts, Some(&f.head))?;
    }
    if !r.unread.is_empty() {
        let head = ["文件", "代码", "原因", "帮助"];
        row = section_head(ws, row + 2, "未能读取的文件", &head, &f)?;
        for u in &r.unread {
            row += 1;
            let help = u.help.as_deref().unwrap_or_default();
            write_row(ws, row, &[&u.file, &u.code, &u.reason, help], None)?;
        }
    }
    if !r.copies.is_empty() {
        let title = "同一张表的副本（只读取一次）";
        row = section_head(ws, row + 2, title, &["读取", "副本"], &f)?;
        for c in &r.copies {
            row += 1;
            write_row(ws, row, &[&c.file, &c.copies.join("、")], None)?;
        }
    }
    opinion_rows(ws, row + 2, r, &f)?;
    ws.set_column_width(1, 36)?;
    ws.set_column_width(4, 20)?;
    ws.set_column_width(5, 28)?;
    ws.set_freeze_panes(4, 0)?;
    Ok(())
}

/// A section's title at `row` and its header under it; returns the header's row.
fn section_head(
    ws: &mut Worksheet,
    row: u32,
    title: &str,
    head: &[&str],
    f: &Formats,
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(row, 0, title, &f.title)?;
    write_row(ws, row + 1, head, Some(&f.head))?;
    Ok(row + 1)
}

/// The `各表` section from `row`: a row a table, linked to its sheet or its place in `明细`;
/// returns the last row written.
fn form_rows(
    ws: &mut Worksheet,
    row: u32,
    r: &Rollup,
    at: &[(String, u32)],
    f: &Formats,
) -> Result<u32, XlsxError> {
    let mut head = super::render::FORM_HEADER.to_vec();
    head.push("自评表");
    let mut row = section_head(ws, row, "各表", &head, f)?;
    let index = r.report_index();
    for (i, form) in r.forms.iter().enumerate() {
        row += 1;
        ws.write_number(row, 0, (i + 1) as f64)?;
        ws.write_string(row, 1, &form.file)?;
        ws.write_string(row, 2, form.sheet.as_deref().unwrap_or_default())?;
        ws.write_string(row, 3, &form.department)?;
        ws.write_string(row, 4, &form.unit)?;
        ws.write_string(row, 5, &form.project)?;
        write_dec(ws, row, 6, form.printed_total)?;
        ws.write_string(row, 7, form.printed_grade.as_deref().unwrap_or_default())?;
        match form.total {
            Some(t) => write_dec(ws, row, 8, Some(t))?,
            None => {
                ws.write_string(row, 8, form.status.zh().unwrap_or_default())?;
            }
        }
        let grade = form
            .grade
            .as_deref()
            .or_else(|| form.status.zh())
            .unwrap_or_default();
        ws.write_string(row, 9, grade)?;
        write_dec(ws, row, 10, form.difference)?;
        ws.write_number(row, 11, form.rows_differing as f64)?;
        write_dec(ws, row, 12, Some(form.pending))?;
        ws.write_string(row, 13, form.check.zh())?;
        ws.write_string(row, 14, form.vetoes.join("；"))?;
        if let Some((sheet, start)) = index.get(form.file.as_str()).and_then(|i| at.get(*i)) {
            let text = if *start == 0 && sheet != DETAIL_SHEET {
                sheet.clone()
            } else {
                format!("{sheet} 第 {} 行", start + 1)
            };
            ws.write_url_with_format(
                row,
                15,
                Url::new(link(sheet, *start)).set_text(text),
                &f.link,
            )?;
        }
    }
    Ok(row)
}

/// The `复核意见` section from `row`: an opinion a row, numbered.
fn opinion_rows(ws: &mut Worksheet, row: u32, r: &Rollup, f: &Formats) -> Result<(), XlsxError> {
    let head = [
        "序号", "文件", "单位", "项目", "项", "位置", "原表", "重算", "原因",
    ];
    let mut row = section_head(ws, row, "复核意见", &head, f)?;
    for (i, o) in r.opinions.iter().enumerate() {
        row += 1;
        ws.write_number(row, 0, (i + 1) as f64)?;
        write_row_from(
            ws,
            row,
            1,
            &[
                &o.file,
                &o.unit,
                &o.project,
                &o.item,
                o.at.as_deref().unwrap_or_default(),
                &o.printed,
                &o.recomputed,
                &o.reason,
            ],
        )?;
    }
    Ok(())
}

fn write_row_from(
    ws: &mut Worksheet,
    row: u32,
    from: u16,
    cells: &[&str],
) -> Result<(), XlsxError> {
    for (c, v) in cells.iter().enumerate() {
        ws.write_string(row, from + c as u16, *v)?;
    }
    Ok(())
}

/// How many rows [`write_report`] writes for `r`.
fn detail_height(r: &Report) -> u32 {
    let mut rows = 2; // the file, a blank line
    for p in &r.projects {
        rows += 1 + u32::from(st::goal_line(p).is_some()) + 1 + 1 + p.indicators.len() as u32 + 1;
    }
    rows + 1 // the closing line
}

/// One table's scored 自评表 from `row` on; returns the row after it.
fn write_report(
    ws: &mut Worksheet,
    mut row: u32,
    name: &str,
    r: &Report,
) -> Result<u32, XlsxError> {
    let f = formats();
    ws.write_string_with_format(row, 0, name, &f.title)?;
    row += 2;
    for p in &r.projects {
        ws.write_string_with_format(row, 0, st::heading(p), &f.title)?;
        row += 1;
        if let Some(g) = st::goal_line(p) {
            ws.write_string(row, 0, g)?;
            row += 1;
        }
        write_row(ws, row, &st::COLUMNS, Some(&f.head))?;
        row += 1;
        for cells in
            std::iter::once(st::budget_row(p)).chain(p.indicators.iter().map(st::indicator_row))
        {
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            write_row(ws, row, &refs, None)?;
            row += 1;
        }
        row += 1;
    }
    ws.write_string(row, 0, st::summary_line(r))?;
    Ok(row + 1)
}

/// The roll-up as an xlsx workbook: `汇总` first, then a sheet per table (or one `明细` sheet
/// past [`MAX_FORM_SHEETS`] tables).
pub fn render_xlsx(r: &Rollup) -> Result<Vec<u8>, XlsxError> {
    render_xlsx_within(r, MAX_FORM_SHEETS)
}

/// [`render_xlsx`] with a sheet per table up to `max_sheets` tables, one `明细` sheet past it.
pub fn render_xlsx_within(r: &Rollup, max_sheets: usize) -> Result<Vec<u8>, XlsxError> {
    let at = places(r, max_sheets);
    let mut wb = Workbook::new();
    summary_sheet(wb.add_worksheet(), r, &at)?;
    if r.reports.len() <= max_sheets {
        for (i, (name, report)) in r.reports.iter().enumerate() {
            let ws = wb.add_worksheet();
            ws.set_name(format!("表{}", i + 1))?;
            write_report(ws, 0, name, report)?;
            ws.set_column_width(3, 36)?;
        }
    } else if !r.reports.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(DETAIL_SHEET)?;
        let mut row = 0;
        for ((name, report), (_, start)) in r.reports.iter().zip(&at) {
            debug_assert_eq!(row, *start);
            row = write_report(ws, row, name, report)? + 1;
        }
        ws.set_column_width(3, 36)?;
    }
    wb.save_to_buffer()
}
