//! The Ministry's 项目支出绩效自评表 laid out on a worksheet, one project a sheet: the layout the
//! fill-in template (`form_workbook`) and the scored report (`xlsx`) share, so both read back
//! through the forms reader (`table::form`) the same way.
//!
//! Rows, top down: the title and the year; 项目名称; 主管部门 | 实施单位; the funds block (a head
//! row 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, the 年度资金总额 row and its 其中
//! rows 本年财政拨款 / 上年结转资金 / 其他资金); the goal block (预期目标 | 实际完成情况 and their
//! texts); the indicator grid (一级指标, 二级指标, 三级指标, 年度指标值, a 计划数 column where some
//! row has a plan figure, 实际完成值, 分值, 得分, 偏差原因分析及改进措施, and in the report a 说明
//! column) with 一级 and 二级指标 merged over their runs; and the 总分 row. This file owns where each thing goes and how the sheet prints;
//! what a cell holds (a figure to fill, a computed score) is its caller's.
//!
//! **Figures as written** ([`AsWritten`], issue 29): in the 年度指标值, 计划数 and 实际完成值
//! columns a plain number (`20000`, `95.0`, `0.90`, `-3`) or a plain percentage (`95%`, `98.5%`)
//! is a number cell whose number format shows the same digits (`0.0`, `0.00%`): Excel shows no
//! green "number stored as text" triangle, sums and sorts them, and the forms reader gives back
//! exactly the text written (checked against the reader itself before a number is written).
//! Everything else stays text, as written: a comparison or a word (`≥98%`, `95%以上`, `达成`), a
//! number with a unit (`12500平方米`), a date, leading zeros (`0012`), a thousands separator
//! (`20,000`: the reader would give it back as `20000`), more than 15 digits or 6 decimals.
//! Names, categories and 偏差原因 are always text.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// What an empty category cell holds in the form: read back as no category (`table::form`).
pub const NONE: &str = "—";

/// The funds block's head row (the 年度资金总额 row under it, then the 其中 rows).
const FUNDS_TOP: u32 = 4;

/// The 其中 rows under 年度资金总额, as the form prints them.
const FUNDS_PARTS: [&str; 3] = ["其中：本年财政拨款", "上年结转资金", "其他资金"];

/// The goal block's head row (its texts in the row under it).
pub(crate) const GOAL_TOP: u32 = FUNDS_TOP + 2 + FUNDS_PARTS.len() as u32;

/// The sheet's first row of the indicator grid's head.
pub(crate) const GRID_TOP: u32 = GOAL_TOP + 2;

/// The columns of one form: the indicator grid's, which the blocks above share.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    /// A 计划数 column (some row compares with a plan figure or a baseline).
    pub plan: bool,
    /// Its head names the baseline of relative targets as well (`计划数（上年实际）`).
    pub baseline: bool,
    /// A 说明 column after 偏差原因 (the report's calculation).
    pub notes: bool,
}

impl Columns {
    /// The heads of the indicator grid, left to right.
    pub fn heads(&self) -> Vec<&'static str> {
        let mut h = vec!["一级指标", "二级指标", "三级指标", "年度指标值"];
        if self.plan {
            // read back as 计划数 (what the brackets say is dropped)
            h.push(if self.baseline {
                "计划数（上年实际）"
            } else {
                "计划数"
            });
        }
        h.extend(["实际完成值", "分值", "得分", "偏差原因分析及改进措施"]);
        if self.notes {
            h.push("说明");
        }
        h
    }

    /// Column widths, in Excel's character units, in the order of [`Columns::heads`].
    pub fn widths(&self) -> Vec<f64> {
        let mut w = vec![12.0, 14.0, 28.0, 18.0];
        if self.plan {
            w.push(12.0);
        }
        w.extend([18.0, 9.0, 9.0, 30.0]);
        if self.notes {
            w.push(48.0);
        }
        w
    }

    pub fn last(&self) -> u16 {
        self.heads().len() as u16 - 1
    }
    pub fn plan_col(&self) -> Option<u16> {
        self.plan.then_some(4)
    }
    pub fn actual(&self) -> u16 {
        4 + u16::from(self.plan)
    }
    pub fn weight(&self) -> u16 {
        self.actual() + 1
    }
    pub fn score(&self) -> u16 {
        self.actual() + 2
    }
    pub fn deviation(&self) -> u16 {
        self.actual() + 3
    }
    pub fn notes_col(&self) -> Option<u16> {
        self.notes.then_some(self.actual() + 4)
    }
}

/// One cell's content and format.
pub(crate) enum Value<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    Blank,
}

/// A cell to write: its value in a format.
pub(crate) struct Put<'a> {
    pub value: Value<'a>,
    pub format: &'a Format,
}

impl<'a> Put<'a> {
    pub fn text(text: impl Into<Cow<'a, str>>, format: &'a Format) -> Self {
        Put {
            value: Value::Text(text.into()),
            format,
        }
    }
    pub fn number(n: f64, format: &'a Format) -> Self {
        Put {
            value: Value::Number(n),
            format,
        }
    }
    pub fn blank(format: &'a Format) -> Self {
        Put {
            value: Value::Blank,
            format,
        }
    }
    /// Text, or a blank cell where there is none.
    pub fn maybe(text: Option<&'a str>, format: &'a Format) -> Self {
        match text {
            Some(t) => Put::text(t, format),
            None => Put::blank(format),
        }
    }

    fn write(&self, ws: &mut Worksheet, row: u32, col: u16) -> Result<(), XlsxError> {
        match &self.value {
            Value::Text(t) => ws.write_string_with_format(row, col, t.as_ref(), self.format)?,
            Value::Number(n) => ws.write_number_with_format(row, col, *n, self.format)?,
            Value::Blank => ws.write_blank(row, col, self.format)?,
        };
        Ok(())
    }

    /// Over `first..=last` of `row` (a merge where that is more than one cell).
    fn write_across(
        &self,
        ws: &mut Worksheet,
        row: u32,
        first: u16,
        last: u16,
    ) -> Result<(), XlsxError> {
        if first >= last {
            return self.write(ws, row, first);
        }
        let text = match &self.value {
            Value::Text(t) => t.as_ref(),
            _ => "",
        };
        ws.merge_range(row, first, row, last, text, self.format)?;
        if let Value::Number(_) = self.value {
            self.write(ws, row, first)?;
        }
        Ok(())
    }
}

/// The most decimals a figure keeps as a number cell (more stay text, as written).
const WRITTEN_DECIMALS: usize = 6;

/// A figure's cell, text or number as written (see the module docs): the number formats
/// `0` … `0.000000` and `0%` … `0.000000%` on one base format.
pub(crate) struct AsWritten {
    text: Format,
    plain: Vec<Format>,
    percent: Vec<Format>,
}

impl AsWritten {
    /// Figures in cells of `base` (its borders, fill, protection).
    pub fn new(base: &Format) -> Self {
        let code = |dp: usize| {
            if dp == 0 {
                "0".to_owned()
            } else {
                format!("0.{}", "0".repeat(dp))
            }
        };
        AsWritten {
            text: base.clone(),
            plain: (0..=WRITTEN_DECIMALS)
                .map(|dp| base.clone().set_num_format(code(dp)))
                .collect(),
            percent: (0..=WRITTEN_DECIMALS)
                .map(|dp| base.clone().set_num_format(format!("{}%", code(dp))))
                .collect(),
        }
    }

    /// `text` as a number cell where it is a plain figure, else as text.
    pub fn put<'a>(&'a self, text: &'a str) -> Put<'a> {
        match written_number(text) {
            Some(n) => Put::number(
                n.value,
                if n.percent {
                    &self.percent[n.decimals]
                } else {
                    &self.plain[n.decimals]
                },
            ),
            None => Put::text(text, &self.text),
        }
    }

    /// [`AsWritten::put`], or a blank cell where there is nothing.
    pub fn maybe<'a>(&'a self, text: Option<&'a str>) -> Put<'a> {
        match text {
            Some(t) => self.put(t),
            None => Put::blank(&self.text),
        }
    }
}

/// A figure written as a plain number or percentage: the cell's value and its format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WrittenNumber {
    pub value: f64,
    pub decimals: usize,
    pub percent: bool,
}

/// `text` as a number cell that shows it as written, or `None` where it stays text (see the
/// module docs). The cell is read back through the forms reader's own rendering before it is
/// accepted: what Excel shows and jixiao reads is the text written, digit for digit.
pub(crate) fn written_number(text: &str) -> Option<WrittenNumber> {
    use crate::table::formats::workbook::{NumberShape, shown};
    let (digits, percent) = match text.strip_suffix('%') {
        Some(d) => (d, true),
        None => (text, false),
    };
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let plain = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'))
        && frac.is_empty() != unsigned.contains('.')
        && int.len() <= 15
        && frac.len() <= WRITTEN_DECIMALS;
    if !plain {
        return None;
    }
    let mut value: rust_decimal::Decimal = digits.parse().ok()?;
    if percent {
        value /= rust_decimal::Decimal::ONE_HUNDRED;
    }
    let value: f64 = value.normalize().to_string().parse().ok()?;
    let code = match (frac.len(), percent) {
        (0, false) => "0".to_owned(),
        (0, true) => "0%".to_owned(),
        (dp, p) => format!("0.{}{}", "0".repeat(dp), if p { "%" } else { "" }),
    };
    let back = shown(&calamine::Data::Float(value), NumberShape::of(&code));
    (back == text).then_some(WrittenNumber {
        value,
        decimals: frac.len(),
        percent,
    })
}

/// The formats of the form's fixed parts: title, labels, heads, plain cells.
pub(crate) struct Styles {
    pub title: Format,
    pub year: Format,
    pub label: Format,
    pub head: Format,
    pub text: Format,
}

impl Styles {
    pub fn new() -> Self {
        let text = cell();
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            year: Format::new().set_align(FormatAlign::Center),
            label: text.clone().set_bold().set_align(FormatAlign::Center),
            head: text
                .clone()
                .set_bold()
                .set_background_color("#F0F3F6")
                .set_align(FormatAlign::Center),
            text,
        }
    }
}

/// A bordered cell, text wrapped, centred vertically: every cell of the form starts from it.
pub(crate) fn cell() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
}

/// Column widths and print setup: A4 landscape, one page wide, the grid's head repeated on
/// every page, page numbers in the footer.
pub(crate) fn setup(ws: &mut Worksheet, cols: &Columns) -> Result<(), XlsxError> {
    for (c, w) in cols.widths().into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_footer("&C第 &P 页，共 &N 页");
    ws.set_repeat_rows(GRID_TOP, GRID_TOP)?;
    Ok(())
}

/// The title area (rows 0–3): title, year, 项目名称, 主管部门 and 实施单位.
pub(crate) fn title_area(
    ws: &mut Worksheet,
    cols: &Columns,
    s: &Styles,
    year: Option<i32>,
    project: &str,
    department: Option<&str>,
    unit: &str,
) -> Result<(), XlsxError> {
    let last = cols.last();
    ws.merge_range(0, 0, 0, last, "项目支出绩效自评表", &s.title)?;
    let year = year
        .map(|y| format!("({y}年度)"))
        .unwrap_or_else(|| "(    年度)".to_owned());
    ws.merge_range(1, 0, 1, last, &year, &s.year)?;
    ws.write_string_with_format(2, 0, "项目名称", &s.label)?;
    ws.merge_range(2, 1, 2, last, project, &s.text)?;
    ws.write_string_with_format(3, 0, "主管部门", &s.label)?;
    ws.merge_range(3, 1, 3, 2, department.unwrap_or(""), &s.text)?;
    ws.write_string_with_format(3, 3, "实施单位", &s.label)?;
    ws.merge_range(3, 4, 3, last, unit, &s.text)?;
    Ok(())
}

/// The funds block's cells of the 年度资金总额 row, in the order of its heads.
pub(crate) struct Funds<'a> {
    pub initial: Put<'a>,
    pub budget: Put<'a>,
    pub spent: Put<'a>,
    pub weight: Put<'a>,
    pub rate: Put<'a>,
    pub score: Put<'a>,
    /// After the six, to the last column (the report's 说明); an empty cell where `None`.
    pub notes: Option<Put<'a>>,
}

/// The funds block (rows 4–8): `项目资金（money_unit）` beside a head row, the 年度资金总额 row and
/// its 其中 rows (their amounts left empty, 分值 and 得分 `—` as the form prints them).
pub(crate) fn funds(
    ws: &mut Worksheet,
    cols: &Columns,
    s: &Styles,
    money_unit: &str,
    cells: &Funds,
) -> Result<(), XlsxError> {
    let last = cols.last();
    let (top, total) = (FUNDS_TOP, FUNDS_TOP + 1);
    let bottom = total + FUNDS_PARTS.len() as u32;
    ws.merge_range(
        top,
        0,
        bottom,
        0,
        &format!("项目资金\n({money_unit})"),
        &s.label,
    )?;
    ws.write_blank(top, 1, &s.head)?;
    ws.write_string_with_format(total, 1, "年度资金总额", &s.text)?;
    let heads = [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ];
    for (k, h) in heads.iter().enumerate() {
        ws.write_string_with_format(top, 2 + k as u16, *h, &s.head)?;
    }
    let values = [
        &cells.initial,
        &cells.budget,
        &cells.spent,
        &cells.weight,
        &cells.rate,
        &cells.score,
    ];
    for (k, v) in values.into_iter().enumerate() {
        v.write(ws, total, 2 + k as u16)?;
    }
    for (row, label) in (total + 1..).zip(FUNDS_PARTS) {
        ws.write_string_with_format(row, 1, label, &s.text)?;
        for (k, _) in heads.iter().enumerate() {
            // 分值 and 得分 belong to the total alone
            if matches!(k, 3 | 5) {
                ws.write_string_with_format(row, 2 + k as u16, "—", &s.text)?;
            } else {
                ws.write_blank(row, 2 + k as u16, &s.text)?;
            }
        }
    }
    let after = 2 + heads.len() as u16;
    if after <= last {
        let head = if cols.notes { "说明" } else { "" };
        Put::text(head, &s.head).write_across(ws, top, after, last)?;
        match &cells.notes {
            Some(n) => n.write_across(ws, total, after, last)?,
            None => Put::blank(&s.text).write_across(ws, total, after, last)?,
        }
        for row in total + 1..=bottom {
            Put::blank(&s.text).write_across(ws, row, after, last)?;
        }
    }
    Ok(())
}

/// The goal block (rows 9–10): 预期目标 | 实际完成情况 and their texts, each over half the width.
pub(crate) fn goal(
    ws: &mut Worksheet,
    cols: &Columns,
    s: &Styles,
    goal: &Put,
    actual: &Put,
) -> Result<(), XlsxError> {
    let last = cols.last();
    let mid = (last / 2).max(2);
    let (top, text) = (GOAL_TOP, GOAL_TOP + 1);
    ws.merge_range(top, 0, text, 0, "年度总体目标", &s.label)?;
    ws.merge_range(top, 1, top, mid, "预期目标", &s.head)?;
    ws.merge_range(top, mid + 1, top, last, "实际完成情况", &s.head)?;
    goal.write_across(ws, text, 1, mid)?;
    actual.write_across(ws, text, mid + 1, last)?;
    Ok(())
}

/// The indicator grid's head (row [`GRID_TOP`]).
pub(crate) fn grid_head(ws: &mut Worksheet, cols: &Columns, s: &Styles) -> Result<(), XlsxError> {
    for (c, h) in cols.heads().iter().enumerate() {
        ws.write_string_with_format(GRID_TOP, c as u16, *h, &s.head)?;
    }
    Ok(())
}

/// One indicator row's cells, left to right as [`Columns::heads`] (the 计划数 cell only where
/// the form has that column, the 说明 cell only where it has that one).
pub(crate) struct GridRow<'a> {
    pub category: Put<'a>,
    pub subcategory: Put<'a>,
    pub name: Put<'a>,
    pub target: Put<'a>,
    pub plan: Option<Put<'a>>,
    pub actual: Put<'a>,
    pub weight: Put<'a>,
    pub score: Put<'a>,
    pub deviation: Put<'a>,
    pub notes: Option<Put<'a>>,
}

/// Writes an indicator row at `row`.
pub(crate) fn grid_row(
    ws: &mut Worksheet,
    cols: &Columns,
    row: u32,
    cells: &GridRow,
) -> Result<(), XlsxError> {
    cells.category.write(ws, row, 0)?;
    cells.subcategory.write(ws, row, 1)?;
    cells.name.write(ws, row, 2)?;
    cells.target.write(ws, row, 3)?;
    if let (Some(c), Some(p)) = (cols.plan_col(), &cells.plan) {
        p.write(ws, row, c)?;
    }
    cells.actual.write(ws, row, cols.actual())?;
    cells.weight.write(ws, row, cols.weight())?;
    cells.score.write(ws, row, cols.score())?;
    cells.deviation.write(ws, row, cols.deviation())?;
    if let (Some(c), Some(n)) = (cols.notes_col(), &cells.notes) {
        n.write(ws, row, c)?;
    }
    Ok(())
}

/// Merges 一级 and 二级指标 over their runs, as the form prints them: `keys` are the rows'
/// (一级, 二级) texts from the grid's first row down; a run of one row, or of no category, is
/// left as written.
pub(crate) fn merge_categories<'k>(
    ws: &mut Worksheet,
    keys: &[(Option<&'k str>, Option<&'k str>)],
    format: &Format,
) -> Result<(), XlsxError> {
    type Key<'k> = (Option<&'k str>, Option<&'k str>);
    let first_row = GRID_TOP + 1;
    for col in [0u16, 1] {
        let key = |k: &Key<'k>| -> Key<'k> {
            match col {
                0 => (k.0, None),
                _ => *k,
            }
        };
        let mut start = 0;
        while start < keys.len() {
            let k = key(&keys[start]);
            let mut end = start;
            while end + 1 < keys.len() && key(&keys[end + 1]) == k {
                end += 1;
            }
            let text = if col == 0 { k.0 } else { k.1 };
            if let Some(t) = text.filter(|_| end > start) {
                let (a, b) = (first_row + start as u32, first_row + end as u32);
                ws.merge_range(a, col, b, col, t, format)?;
            }
            start = end + 1;
        }
    }
    Ok(())
}

/// The 总分 row's cells after its label.
pub(crate) struct Total<'a> {
    pub weight: Put<'a>,
    pub score: Put<'a>,
    /// Under 偏差原因: the grade word alone (`优`), as published forms print it.
    pub grade: Put<'a>,
    pub notes: Option<Put<'a>>,
}

/// The 总分 row at `row`: its label over the columns up to 实际完成值.
pub(crate) fn total_row(
    ws: &mut Worksheet,
    cols: &Columns,
    s: &Styles,
    row: u32,
    cells: &Total,
) -> Result<(), XlsxError> {
    ws.merge_range(row, 0, row, cols.actual(), "总分", &s.label)?;
    cells.weight.write(ws, row, cols.weight())?;
    cells.score.write(ws, row, cols.score())?;
    cells.grade.write(ws, row, cols.deviation())?;
    if let (Some(c), Some(n)) = (cols.notes_col(), &cells.notes) {
        n.write(ws, row, c)?;
    }
    Ok(())
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book
/// (`taken` holds the names given so far, lower-cased: Excel compares them without case; a set,
/// so that a book of many projects is named in linear time), numbered `n.` in front of the
/// project's name.
pub(crate) fn sheet_name(
    n: usize,
    project: &str,
    taken: &mut std::collections::HashSet<String>,
) -> String {
    let clean: String = project
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let base: String = format!("{n}.{clean}").chars().take(31).collect();
    // a name may not end in an apostrophe
    let base = base.trim_end_matches('\'').to_owned();
    let mut name = base.clone();
    let mut k = 2;
    while taken.contains(&name.to_lowercase()) {
        let suffix = format!("({k})");
        name = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        k += 1;
    }
    taken.insert(name.to_lowercase());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_unique_short_and_valid() {
        let mut taken = std::collections::HashSet::new();
        let long = "广州住房公积金管理中心2023年数字化转型建设项目（第一期）";
        let a = sheet_name(1, long, &mut taken);
        assert_eq!(a.chars().count(), 31);
        assert!(a.starts_with("1.广州"));
        assert_eq!(
            sheet_name(2, "a/b[c]:d*e?f\\g", &mut taken),
            "2.a_b_c__d_e_f_g"
        );
        assert_eq!(sheet_name(3, "x'", &mut taken), "3.x");
        // the same name again (Excel compares without case): numbered
        let mut taken = std::collections::HashSet::from(["1.abc".to_owned()]);
        assert_eq!(sheet_name(1, "abc", &mut taken), "1.abc(2)");
        let mut taken = std::collections::HashSet::from([format!(
            "1.{}",
            long.chars().take(29).collect::<String>()
        )]);
        let b = sheet_name(1, long, &mut taken);
        assert!(b.ends_with("(2)") && b.chars().count() <= 31, "{b}");
    }

    #[test]
    fn a_book_of_many_projects_is_named_in_linear_time() {
        // each name was checked against every name before it, lower-cased each time: 50 000
        // projects took over a billion comparisons
        let start = std::time::Instant::now();
        let mut taken = std::collections::HashSet::new();
        for n in 1..=50_000 {
            let name = sheet_name(n, "广州住房公积金管理中心业务用房物业管理费", &mut taken);
            assert!(name.starts_with(&format!("{n}.")));
        }
        assert_eq!(taken.len(), 50_000);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn figures_written_as_numbers_read_back_as_written() {
        let n = |t: &str| written_number(t).map(|n| (n.value, n.decimals, n.percent));
        assert_eq!(n("20000"), Some((20000.0, 0, false)));
        assert_eq!(n("95.0"), Some((95.0, 1, false)));
        assert_eq!(n("0.90"), Some((0.9, 2, false)));
        assert_eq!(n("-3"), Some((-3.0, 0, false)));
        assert_eq!(n("95%"), Some((0.95, 0, true)));
        assert_eq!(n("98.50%"), Some((0.985, 2, true)));
        assert_eq!(n("100%"), Some((1.0, 0, true)));
        assert_eq!(n("0.5%"), Some((0.005, 1, true)));
        // text, as written
        for t in [
            "95%以上",
            "≥98%",
            ">=98%",
            "12500平方米",
            "20,000",
            "0012",
            ".5",
            "5.",
            "-0",
            "+5",
            " 5",
            "5 ",
            "1e5",
            "达成",
            "",
            "%",
            "1234567890123456",
            "0.1234567",
            "2018年9月28日",
        ] {
            assert_eq!(n(t), None, "{t}");
        }
    }

    #[test]
    fn the_grid_columns_follow_the_plan_and_notes_columns() {
        let plain = Columns {
            plan: false,
            baseline: false,
            notes: false,
        };
        assert_eq!(plain.heads().len(), 8);
        assert_eq!((plain.actual(), plain.deviation(), plain.last()), (4, 7, 7));
        let full = Columns {
            plan: true,
            baseline: true,
            notes: true,
        };
        assert_eq!(full.heads()[4], "计划数（上年实际）");
        assert_eq!(full.heads()[full.last() as usize], "说明");
        assert_eq!(full.notes_col(), Some(full.last()));
        assert_eq!(full.widths().len(), full.heads().len());
    }
}
