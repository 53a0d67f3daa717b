//! The indicator grid of a form: its header (one row, or up to four stacked; split target columns), the rows
//! below it with categories filled down or merged, placeholder and category rows set aside, the
//! 总分 row, points printed in block, category and subcategory labels shared where no 分值 is
//! given (innermost first), repeated headers skipped, `其中…` breakdowns kept aside, a 指标分值
//! column of words set aside for another points column, and the office's own sums checked (the
//! reading they agree with taken, or the mismatch returned for 未核对).

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::columns::{ActualYears, figure_unit_named, normalize};
use crate::table::grid::{Cell, Row};
use crate::table::half_unit_at;
use crate::table::layouts::actual_unit::ActualUnit;
use crate::table::layouts::periods;
use crate::table::model::{Breakdown, FormTotal, IndicatorRow};
use crate::table::source::Location;

use super::FormReader;
use super::pair::{Pair, pair_column};
use super::rows::{Walk, is_header_again};

use super::words::*;

/// The indicator grid's header: the column of each role, and its last row.
#[derive(Debug, Clone)]
pub(super) struct GridHeader {
    pub cols: Vec<(Col, usize)>,
    /// Further columns named for a role another column took first (河北 `指标分值` before
    /// `权重占比(%)`): the one read where the first holds words, not numbers.
    pub alt: Vec<(Col, usize)>,
    pub first_row: usize,
    pub last_row: usize,
    /// The unit the 年度指标值 and 实际完成值 header cells state (`年度指标值（%）`,
    /// `实际完成值（万元）`), with the header row of the cell: a bare figure under it is read
    /// in it, as under a flat sheet's (`Header::figures`).
    pub figures: [Option<(&'static str, usize)>; 2],
    /// One column headed with both 分值 and 得分 (`分值/得分`, each cell `10/9.5`) where the
    /// header has neither column: the column, and whether the 得分 is written first
    /// (`得分/分值`). Each cell is split in two ([`FormReader::points_pair`]).
    pub both: Option<(usize, bool)>,
    /// The 度量单位 column after the 实际完成值: the actuals' unit ([`actual_unit`]).
    pub actual_unit: Option<ActualUnit>,
    /// One column holding both the target and the actual, the grid having no 实际完成值
    /// column ([`super::pair`]): it is the target's column too, each cell split in two.
    pub pair: Option<Pair>,
    /// Two or more actual columns each naming a year (`2022年完成值 | 2023年完成值`) where the
    /// grid has no 实际完成值: the one read is the title's year's, else the latest
    /// ([`FormReader::actual_year`]).
    pub actual_years: Option<Box<ActualYears>>,
    /// A 分值 column right after the 一级指标 (`[0]`) or the 二级指标 (`[1]`) where another
    /// follows the indicators ([`label_points`]): the label's points, not the indicators'.
    pub label_points: [Option<usize>; 2],
    /// The 实际完成值 column's header names a reason too (`完成情况及偏差原因`): each cell the
    /// actual and its reason ([`super::reason_column`]).
    pub actual_with_reason: bool,
}

impl GridHeader {
    pub fn col(&self, c: Col) -> Option<usize> {
        self.cols.iter().find(|(x, _)| *x == c).map(|(_, i)| *i)
    }

    /// The header's cell in column `col` (its first row's, else its second's): where a
    /// finding about the column is said.
    pub fn cell<'r>(&self, rows: &'r [Row<'r>], col: usize) -> Option<&'r Cell<'r>> {
        (self.first_row..=self.last_row).find_map(|r| rows[r].cell(col))
    }
}

/// Every grid role named by a row's cells, in column order (a role may appear twice).
pub(super) fn grid_roles_all(row: &Row) -> Vec<(Col, usize)> {
    let mut roles: Vec<(Col, usize)> = Vec::new();
    for (i, cell) in row.filled() {
        if cell.text.len() > 96 {
            continue;
        }
        let n = crate::table::columns::alias(normalize(&cell.text));
        if let Some((c, _)) = GRID.iter().find(|(_, names)| names.contains(&n.as_str())) {
            roles.push((*c, i));
        }
    }
    roles
}

/// The grid roles named by a row's cells (the first column of a role wins).
pub(super) fn grid_roles(row: &Row) -> Vec<(Col, usize)> {
    let mut roles: Vec<(Col, usize)> = Vec::new();
    for (c, i) in grid_roles_all(row) {
        if !roles.iter().any(|(x, _)| *x == c) {
            roles.push((c, i));
        }
    }
    roles
}

/// Reads the indicator grid's header at `rows[i]` (with a second header row under it).
pub(super) fn grid_header(rows: &[Row], i: usize) -> Option<GridHeader> {
    let h = any_header(rows, i)?;
    (h.col(Col::Indicator).is_some() && h.col(Col::Target).is_some()).then_some(h)
}

/// The header of a block scored without targets (湖北 county `评价内容 | 分值 | 自评分 | …`):
/// an indicator column, 分值 and 得分, no target column. A column left of the indicators with
/// no header holds the block's labels (`项目决策 2分`) and is read as the 一级指标.
pub(super) fn scored_block_header(rows: &[Row], i: usize) -> Option<GridHeader> {
    let mut h = any_header(rows, i)?;
    let ind = h.col(Col::Indicator)?;
    if h.col(Col::Target).is_some() || h.col(Col::Weight).is_none() || h.col(Col::Score).is_none() {
        return None;
    }
    if h.col(Col::Level1).is_none()
        && ind > 0
        && rows[i]
            .cell(ind - 1)
            .is_none_or(|c| c.text.trim().is_empty())
    {
        h.cols.push((Col::Level1, ind - 1));
    }
    Some(h)
}

/// `一级指标 | 分值 | 二级指标 | 三级指标 | … | 分值 | 得分`: a 分值 column right after a
/// label column and another after the indicators. The first holds the label's points (`产出指标`
/// 60, merged over its rows), the second each indicator's: it was the first that was read, the
/// category's 60 shared out as 20 a row and the indicators' own 分值 passed over. The second is
/// the 分值 column; the first's index is returned for its label (`[0]` the 一级指标's, `[1]` the
/// 二级指标's), whose points its indicators' 分值 are checked against.
fn label_points(cols: &mut [(Col, usize)], alt: &mut Vec<(Col, usize)>) -> [Option<usize>; 2] {
    let mut out = [None; 2];
    let at = |cols: &[(Col, usize)], c: Col| cols.iter().find(|(x, _)| *x == c).map(|&(_, i)| i);
    let (Some(ind), Some(k)) = (
        at(cols, Col::Indicator),
        cols.iter().position(|(c, _)| *c == Col::Weight),
    ) else {
        return out;
    };
    let first = cols[k].1;
    let Some(j) = alt
        .iter()
        .position(|&(c, i)| c == Col::Weight && i > ind)
        .filter(|_| first < ind)
    else {
        return out;
    };
    let slot = match (at(cols, Col::Level1), at(cols, Col::Level2)) {
        (Some(l1), Some(l2)) if l1 < first && first < l2 => 0,
        (Some(l1), None) if l1 < first => 0,
        (_, Some(l2)) if l2 < first => 1,
        _ => return out,
    };
    cols[k].1 = alt.remove(j).1;
    out[slot] = Some(first);
    out
}

fn any_header(rows: &[Row], i: usize) -> Option<GridHeader> {
    let all = grid_roles_all(&rows[i]);
    let mut cols: Vec<(Col, usize)> = Vec::new();
    let mut alt: Vec<(Col, usize)> = Vec::new();
    for (c, at) in all {
        if cols.iter().any(|(x, _)| *x == c) {
            alt.push((c, at));
        } else {
            cols.push((c, at));
        }
    }
    if cols.len() < 2 {
        return None;
    }
    let last_row = stacked_heads(rows, i, &mut cols);
    prefer_whole_year(&rows[i], &mut cols, &mut alt);
    fourth_level(&rows[last_row], &mut cols);
    target_of_years(&rows[i], &mut cols);
    let actual_years = actual_of_years(&rows[i], &mut cols);
    // the column holding both is the target's: the one named so, else it becomes so
    let target = cols
        .iter()
        .find(|(c, _)| *c == Col::Target)
        .map(|&(_, at)| at);
    let pair = pair_column(&rows[i], &cols).filter(|p| target.is_none_or(|at| at == p.col));
    if let (Some(p), None) = (pair, target) {
        cols.push((Col::Target, p.col));
    }
    let label_points = label_points(&mut cols, &mut alt);
    let actual_with_reason = cols
        .iter()
        .find(|(c, _)| *c == Col::Actual)
        .is_some_and(|&(_, k)| {
            (i..=last_row).any(|r| rows[r].cell(k).is_some_and(|c| c.text.contains("原因")))
        });
    let both = both_column(&rows[i], &cols);
    let actual_unit = actual_unit(&mut cols, &alt);
    Some(GridHeader {
        cols,
        alt,
        first_row: i,
        last_row,
        // found for the grid a form reads (`GridHeader::with_figures`), not for each row tried
        figures: [None; 2],
        both,
        actual_unit,
        label_points,
        pair,
        actual_years,
        actual_with_reason,
    })
}

/// Header rows stacked under `rows[i]` (up to [`STACKED`] in all): each row below whose every
/// filled cell names a role (`一级指标 | 二级指标 | 三级指标 | 指标值`, then `年度指标值 |
/// 实际完成值` under a merged `指标值`) gives its roles their columns, the lowest naming a role
/// winning; a row of `中期 | 年度` under the target's column makes the annual one the target's
/// and ends the header. A row naming no column alone ([`middle_row`]: one that only repeats a
/// merged group's name, or is blank but for a word or two) is stacked too where a row naming
/// roles in every cell comes after it within the header: before, it ended the header there and
/// the form was refused, its 实际完成值 unread. The header's last row.
fn stacked_heads(rows: &[Row], i: usize, cols: &mut Vec<(Col, usize)>) -> usize {
    let mut last_row = i;
    let mut middle = 0;
    for (k, next) in rows.iter().enumerate().skip(i + 1).take(STACKED - 1) {
        let lower = grid_roles(next);
        let filled = next.filled().count();
        if !lower.is_empty() && lower.len() == filled {
            // the middle rows' roles, then this row's: the lowest naming a role wins
            for row in &rows[k - middle..=k] {
                for (c, at) in grid_roles(row) {
                    cols.retain(|(x, _)| *x != c);
                    cols.push((c, at));
                }
            }
            middle = 0;
            last_row = k;
        } else if middle == 0
            && lower.is_empty()
            && let Some(annual) = annual_under(next, cols)
        {
            // `指标值` over `中期 | 年度`: the annual column is the target's
            cols.retain(|(x, _)| *x != Col::Target);
            cols.push((Col::Target, annual));
            last_row = k;
            break;
        } else if middle_row(next, lower.len(), filled) {
            middle += 1;
        } else {
            break;
        }
    }
    last_row
}

/// Whether a header `row` of `filled` cells, `roles` of them naming a column, may sit between
/// header rows without naming columns alone: at most two words that name none, and no figure
/// among them (an indicator's row holds its 分值 and figures).
fn middle_row(row: &Row, roles: usize, filled: usize) -> bool {
    let words = filled - roles.min(filled);
    let figure = |t: &str| t.chars().any(|ch| ch.is_ascii_digit() || ch == '%');
    (1..=2).contains(&words) && !row.filled().any(|(_, c)| figure(&c.text))
}

/// Rows a grid's header is read from at most (its first and those stacked under it).
pub(super) const STACKED: usize = 4;

/// A `四级指标` column right of the 三级指标 one (a province that groups its indicators under a
/// 三级 heading): the 四级 cells name the indicators, the 三级 cells their group (not read).
/// Before, every row was named by its group (`养老服务` five times), its own name passed over.
fn fourth_level(row: &Row, cols: &mut [(Col, usize)]) {
    let Some(k) = cols.iter().position(|(c, _)| *c == Col::Indicator) else {
        return;
    };
    let fourth = row.filled().find(|(i, c)| {
        *i > cols[k].1
            && c.text.contains("四级")
            && matches!(normalize(&c.text).as_str(), "四级指标" | "四级指标名称")
    });
    if let Some((i, _)) = fourth {
        cols[k].1 = i;
    }
}

/// A target column naming the year (`2023年指标值`, beside `2024年指标值`) in a grid header
/// `row` with no 年度指标值: the one `periods::target_column` tells, by the year asked or the
/// actuals' column's (`2023年实际完成值`). Before, the grid was no grid and the form refused
/// (找不到表头行); the other years' columns stay unread.
fn target_of_years(row: &Row, cols: &mut Vec<(Col, usize)>) {
    if cols.iter().any(|(c, _)| *c == Col::Target) {
        return;
    }
    let of = |f: fn(&str) -> Option<i32>| -> Vec<(usize, i32)> {
        let free = |i: &usize| !cols.iter().any(|(_, k)| k == i);
        let named = |(i, c): (usize, &Cell)| Some((i, f(&c.text)?));
        row.filled()
            .filter(|(i, _)| free(i))
            .filter_map(named)
            .collect()
    };
    let targets = of(periods::target_year);
    if targets.is_empty() {
        return;
    }
    let actual = match cols.iter().any(|(c, _)| *c == Col::Actual) {
        true => None,
        false => periods::year_column(&of(periods::actual_year), None, periods::asked_year())
            .map(|(_, y, _)| y),
    };
    if let Some(col) = periods::target_column(&targets, actual) {
        cols.push((Col::Target, col));
    }
}

/// Columns of actuals each naming a year (`2022年完成值 | 2023年完成值`) in a grid header `row`
/// with no 实际完成值: the latest is the actual (until the title's year says otherwise); where
/// there are two or more, which they are. Both went unread before, every indicator 缺实际值.
fn actual_of_years(row: &Row, cols: &mut Vec<(Col, usize)>) -> Option<Box<ActualYears>> {
    if cols.iter().any(|(c, _)| *c == Col::Actual) {
        return None;
    }
    let years: Vec<(usize, i32)> = row
        .filled()
        .filter(|(i, _)| !cols.iter().any(|(_, k)| k == i))
        .filter_map(|(i, c)| Some((i, periods::actual_year(&c.text)?)))
        .collect();
    let (col, year, _) = periods::year_column(&years, None, None)?;
    cols.push((Col::Actual, col));
    (years.len() > 1).then(|| Box::new(ActualYears::latest(years, (col, year))))
}

impl FormReader<'_, '_, '_> {
    /// The actual among two years' columns (`grid.actual_years`): the year asked (`--year`),
    /// else the year of the form's `title`, where a column names it, else the latest; said at
    /// the column read.
    pub(super) fn actual_year(&mut self, grid: &mut GridHeader, title: Option<i32>) {
        let Some(years) = grid.actual_years.as_mut() else {
            return;
        };
        let Some(col) = years.settle(title) else {
            return;
        };
        for (c, at) in grid.cols.iter_mut() {
            if *c == Col::Actual {
                *at = col;
            }
        }
        let rows = self.rows;
        let header = |i: usize| grid.cell(rows, i).map_or(String::new(), |c| tidy(&c.text));
        let (Some(cell), Some(years)) = (grid.cell(rows, col), grid.actual_years.as_deref()) else {
            return;
        };
        let f = periods::year_noted(self.ctx, years, cell, header);
        self.ctx.findings.push(f);
    }
}

/// Where the 实际完成值 column names a part of the year (`实际完成值（1-6月）`) and a second
/// 实际完成值 column (`alt`) the whole year (`实际完成值（全年）`): the year's is the actual (the
/// half year's 90户 was scored against the year's ≥200户, 78.00 中 where the form printed 96).
fn prefer_whole_year(row: &Row, cols: &mut [(Col, usize)], alt: &mut [(Col, usize)]) {
    use crate::table::layouts::periods::whole_year;
    let text = |i: usize| row.cell(i).map_or("", |c| &*c.text);
    let Some(slot) = cols.iter_mut().find(|(c, _)| *c == Col::Actual) else {
        return;
    };
    if whole_year(text(slot.1)) != Some(false) {
        return;
    }
    if let Some(other) = alt
        .iter_mut()
        .find(|(c, at)| *c == Col::Actual && whole_year(text(*at)) == Some(true))
    {
        std::mem::swap(&mut slot.1, &mut other.1);
    }
}

/// The column of the year's target where the row under a grid header (`next`) names only
/// periods, the year's and a longer one's, one of them under the header's target column
/// (`指标值` merged over `中期 | 年度`): read as it stood, the second row was a nameless data
/// row and the target column the mid-term one's (≥600户 for the year's ≥200户: 72.00 中 where
/// the form printed 96).
fn annual_under(next: &Row, cols: &[(Col, usize)]) -> Option<usize> {
    let target = cols.iter().find(|(c, _)| *c == Col::Target)?.1;
    let mut annual = None;
    let mut longer = None;
    for (at, cell) in next.filled() {
        match crate::table::layouts::periods::period(&cell.text)? {
            true => annual = annual.or(Some(at)),
            false => longer = longer.or(Some(at)),
        }
    }
    let (annual, longer) = (annual?, longer?);
    (target == annual || target == longer).then_some(annual)
}

/// The grid's actuals' unit column (`实际完成值 | 度量单位`, or a second 度量单位 after the
/// 实际完成值: [`crate::table::layouts::actual_unit`]); where it is the grid's only unit column it
/// is no longer read as the target's (`≥40000人` joined with `万人` read `≥40000人万人`).
fn actual_unit(cols: &mut Vec<(Col, usize)>, alt: &[(Col, usize)]) -> Option<ActualUnit> {
    let at = |c: Col| cols.iter().find(|(x, _)| *x == c).map(|&(_, i)| i);
    let (target, actual) = (at(Col::Target)?, at(Col::Actual)?);
    let mut measures: Vec<usize> = cols
        .iter()
        .chain(alt)
        .filter(|(c, _)| *c == Col::Measure)
        .map(|&(_, i)| i)
        .collect();
    measures.sort_unstable();
    let u = crate::table::layouts::actual_unit::find(target, actual, &measures)?;
    cols.retain(|&(c, i)| !(c == Col::Measure && i == u.col));
    Some(u)
}

/// The header cell of `row` that names both 分值 (or 权重) and 得分 (`分值/得分`, `得分/分值`),
/// where `cols` has neither a 分值 nor a 得分 column: its column, and whether 得分 comes
/// first.
fn both_column(row: &Row, cols: &[(Col, usize)]) -> Option<(usize, bool)> {
    if cols
        .iter()
        .any(|(c, _)| matches!(c, Col::Weight | Col::Score))
    {
        return None;
    }
    row.filled().find_map(|(i, cell)| {
        if cell.text.len() > 96 || cols.iter().any(|(_, at)| *at == i) {
            return None;
        }
        let t = compact(&cell.text);
        let weight = t.find("分值").or_else(|| t.find("权重"))?;
        let score = t.find("得分")?;
        Some((i, score < weight))
    })
}

impl GridHeader {
    /// The header with the units its 年度指标值 and 实际完成值 cells state ([`figure_units`]).
    pub fn with_figures(mut self, rows: &[Row]) -> Self {
        self.figures = figure_units(rows, self.first_row..=self.last_row, &self.cols);
        self
    }
}

/// The unit each of the 年度指标值 and 实际完成值 header cells states in brackets, in the
/// header rows `header` (a money unit or `%`: [`figure_unit_named`]), and the row of the cell.
fn figure_units(
    rows: &[Row],
    header: std::ops::RangeInclusive<usize>,
    cols: &[(Col, usize)],
) -> [Option<(&'static str, usize)>; 2] {
    [Col::Target, Col::Actual].map(|role| {
        let (_, col) = cols.iter().find(|(c, _)| *c == role)?;
        header.clone().find_map(|r| {
            let cell = rows[r].cell(*col)?;
            figure_unit_named(&cell.text).map(|u| (u, r))
        })
    })
}

/// A target and an actual under a 年度指标值 / 实际完成值 header that states a unit
/// ([`GridHeader::figures`]): each written as a bare figure (ending in a digit: `≥90`, `0.95`)
/// takes the unit, as a flat sheet's do. An actual under `（%）` beside a target in % is left
/// bare: it is read in the target's unit all the same, and a fraction of 1 (`0.95` against
/// `≥90%`) still goes to a person rather than count as 0.95 %.
pub(super) fn with_header_units(h: &GridHeader, target: &mut String, actual: &mut Option<String>) {
    use crate::table::layouts::actual_unit::bare;
    if let Some((unit, _)) = h.figures[0]
        && bare(target)
    {
        target.truncate(target.trim_end().len());
        target.push_str(unit);
    }
    if let (Some((unit, _)), Some(a)) = (h.figures[1], actual.as_mut())
        && bare(a)
        && !(unit == "%" && target.contains(['%', '％']))
    {
        a.truncate(a.trim_end().len());
        a.push_str(unit);
    }
}

/// Points printed in a label, bounding the indicators under it: a block (`年度绩效目标1(40分)`,
/// `项目绩效 85分`), a category (`产出指标(50分)`) or a subcategory (`数量指标 15 分`).
#[derive(Debug, Clone)]
pub(super) struct Scope {
    pub label: String,
    pub points: Decimal,
    /// 0 a block, 1 a category, 2 a subcategory: the innermost is shared first.
    pub depth: u8,
    pub members: Vec<usize>,
    pub at: Location,
    /// The 得分 the label's row prints for its indicators (a heading row's subtotal): their
    /// 得分 must add up to it.
    pub score: Option<Decimal>,
}

/// What a grid gives: its indicators, its total row, the points printed by category, the
/// breakdown rows kept beside their indicators, and the sums that do not agree.
#[derive(Debug, Default)]
pub(super) struct GridRead {
    pub indicators: Vec<IndicatorRow>,
    pub total: Option<FormTotal>,
    pub category_points: Vec<(Arc<str>, Decimal)>,
    pub breakdowns: Vec<Breakdown>,
    pub mismatches: Vec<String>,
    /// The budget-execution row printed in the grid (`budget_row`).
    pub budget_row: Option<super::budget_row::BudgetRow>,
}

/// A one-cell row across the grid that opens a block of indicators with its points and is not
/// itself a category (`年度绩效目标1(40分)`, `项目绩效 85分`): its label and points.
pub(super) fn block_row(row: &Row) -> Option<(String, Decimal)> {
    let mut filled = row.filled();
    let (_, cell) = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    let (points, name) = points_in(&cell.text);
    let points = points?;
    let category = name.ends_with("指标") || expand_level(&name).is_some() || name.is_empty();
    // a label, not a sentence that ends in points (`…得分达到90分`)
    let label = name.chars().count() <= 16 && !name.contains(['。', '，', ',', '；']);
    (!category && label).then_some((name, points))
}

impl FormReader<'_, '_, '_> {
    /// The 分值 and 得分 of `row` (an indicator's or the 总分 row): from their columns, or
    /// split from the one `分值/得分` column ([`GridHeader::both`], [`Self::points_pair`]).
    pub(super) fn weight_and_score(
        &mut self,
        h: &GridHeader,
        row: &Row,
    ) -> (Option<Decimal>, Option<Decimal>) {
        let cell = |c: Col| {
            h.col(c)
                .and_then(|k| row.cell(k))
                .filter(|x| !x.text.trim().is_empty())
        };
        match h.both {
            Some(both) => self.points_pair(both.1, row.cell(both.0)),
            None => {
                let weight = self.weight_points(cell(Col::Weight));
                let score = match cell(Col::Score) {
                    // `满分`: the row's 分值, said (a bad number before, the form 未核对)
                    Some(c) if weight.is_some() && c.text.trim() == "满分" => {
                        self.full_marks(c, weight);
                        weight
                    }
                    c => self.points(c),
                };
                (weight, score)
            }
        }
    }

    /// `table.form-reading` at a 得分 cell written `满分`: read as the row's 分值 `weight`.
    #[cold]
    #[inline(never)]
    fn full_marks(&mut self, cell: &Cell, weight: Option<Decimal>) {
        let weight = weight.unwrap_or_default().normalize();
        let f = self
            .ctx
            .finding(
                codes::FORM_READING,
                Severity::Info,
                cell.location(self.ctx.source),
                format!("得分写作「满分」：按这一行的分值 {weight} 读取"),
            )
            .label("满分");
        self.ctx.findings.push(f);
    }

    /// One cell of a `分值/得分` column split in two: `10/9.5` (either may end in 分; `／` as
    /// well), or a 分值 alone before an empty 得分 (`10/`, a form not scored yet); the two
    /// the other way round where the header writes 得分 first (`score_first`). A cell that
    /// does not split so (`10`, `10/九`, `10/9/8`) is named on its row
    /// (`table.weight-and-score-unsplit`) and gives neither: never passed over without a word.
    fn points_pair(
        &mut self,
        score_first: bool,
        cell: Option<&Cell>,
    ) -> (Option<Decimal>, Option<Decimal>) {
        let Some(cell) = cell.filter(|c| !c.text.trim().is_empty()) else {
            return (None, None);
        };
        match crate::table::layouts::columns::split_points(&cell.text, score_first) {
            // both, or a 分值 before an empty 得分 (a form not scored yet)
            Some((weight, score)) => (Some(weight), score),
            None => {
                self.unsplit(cell);
                (None, None)
            }
        }
    }

    /// `table.weight-and-score-unsplit` at a `分值/得分` cell that does not split in two.
    fn unsplit(&mut self, cell: &Cell) {
        let f = self
            .ctx
            .finding(
                codes::WEIGHT_AND_SCORE_UNSPLIT,
                Severity::Warning,
                cell.location(self.ctx.source),
                format!(
                    "「{}」不能拆成分值和得分两个数（这一列每格写作“分值/得分”，如 10/9.5）：这一行的分值和得分未读取",
                    tidy(&cell.text)
                ),
            )
            .label("分值/得分")
            .help("把这一格写成“分值/得分”两个数，或把这一列拆成「分值」「得分」两列");
        self.ctx.findings.push(f);
    }

    /// `table.form-weight-and-score` at the header cell of a `分值/得分` column, once: its
    /// cells are read split in two.
    fn both_noted(&mut self, h: &GridHeader) {
        let Some((col, _)) = h.both else {
            return;
        };
        let Some(cell) = h.cell(self.rows, col) else {
            return;
        };
        let f = self
            .ctx
            .finding(
                codes::FORM_WEIGHT_AND_SCORE,
                Severity::Info,
                cell.location(self.ctx.source),
                format!(
                    "「{}」一列同时写分值和得分：每格拆成分值和得分两个数读取，原表得分照常与复核得分核对",
                    tidy(&cell.text)
                ),
            )
            .label("分值与得分同列");
        self.ctx.findings.push(f);
    }

    /// `table.header-unit` at each 年度指标值 / 实际完成值 header cell of the grid that states a
    /// unit ([`GridHeader::figures`]), as at a flat sheet's: said once, at the header.
    pub(super) fn header_units(&mut self, h: &GridHeader) {
        let names = [(Col::Target, "年度指标值"), (Col::Actual, "实际完成值")];
        for (k, (role, name)) in names.into_iter().enumerate() {
            let (Some((unit, r)), Some(col)) = (h.figures[k], h.col(role)) else {
                continue;
            };
            let Some(cell) = self.rows[r].cell(col) else {
                continue;
            };
            let f = self
                .ctx
                .finding(
                    codes::HEADER_UNIT,
                    Severity::Info,
                    cell.location(self.ctx.source),
                    format!(
                        "「{}」写明单位{unit}：该列未写单位的{name}按{unit}读",
                        tidy(&cell.text)
                    ),
                )
                .label("表头写明的单位");
            self.ctx.findings.push(f);
        }
    }

    /// The indicator rows of the grid, its total row, the points printed by category, its
    /// breakdown rows, and the sums of points that do not agree. `outer` is a block label with
    /// points just above the header (`年度绩效目标1(40分)`), bounding the rows until the next.
    pub(super) fn grid(
        &mut self,
        h: &GridHeader,
        span: std::ops::Range<usize>,
        outer: Option<Scope>,
    ) -> GridRead {
        let rows = self.rows;
        // a header whose rows run past the block's end (a stray quote or a cut file can leave a
        // two-row header as the block's last line) leaves no grid rows, never a reversed range
        let span = span.start.min(span.end)..span.end;
        let h = &self.weight_column(h, span.clone());
        self.both_noted(h);
        self.pair_noted(h);
        let mut w = Walk::new(outer);
        // the grid row of each indicator read (for the 分值 and 得分 merged down over rows)
        let mut at: Vec<usize> = Vec::new();
        for r in span {
            let row = &rows[r];
            if row.is_blank()
                || self.skip.contains(&r)
                || self.trailer_row(&mut w, h, row)
                || self.subtotal_row(&mut w, h, row)
                || is_header_again(row)
                || self.block_opened(&mut w, row)
            {
                continue;
            }
            self.ctx.rows_read += 1;
            if self.budget_row(h, row, &mut w.budget_row) {
                continue;
            }
            if self.heading(&mut w, h, r) || self.points_heading(&mut w, h, r) {
                continue;
            }
            let l1_cell = self.category(&mut w, h, r);
            let l2_cell = self.subcategory(&mut w, h, r);
            self.category_told(&mut w, row, l2_cell);
            w.row = r;
            self.indicator(&mut w, h, row, l1_cell);
            at.resize(w.out.len(), r);
        }
        w.points.retain(|(n, _)| !n.starts_with('#'));
        self.check_breakdowns(&w.out, &w.breakdowns);
        self.merged_points(h, &mut w.out, &at);
        if w.scopes.is_empty() {
            let whole = w.total.as_ref().and_then(|t| t.weight);
            self.level2_points(&mut w.out, whole);
        }
        w.mismatches
            .extend(self.share_points(&mut w.out, &mut w.scopes));
        let subtotals = std::mem::take(&mut w.subtotals);
        w.mismatches
            .extend(self.check_subtotals(&w.out, &subtotals));
        self.points_missing(&w.out);
        GridRead {
            indicators: w.out,
            total: w.total,
            category_points: w.points,
            breakdowns: w.breakdowns,
            mismatches: w.mismatches,
            budget_row: w.budget_row,
        }
    }

    /// The grid header with its 分值 column checked: a column headed 指标分值 whose cells are
    /// words (definitions, as the 河北 form prints) holds no points; another column of points
    /// (`权重占比(%)`) is read instead, and a finding says so.
    fn weight_column(&mut self, h: &GridHeader, span: std::ops::Range<usize>) -> GridHeader {
        let Some(wc) = h.col(Col::Weight) else {
            return h.clone();
        };
        let (mut numbers, mut words) = (0usize, 0usize);
        let mut first_word: Option<Location> = None;
        for row in &self.rows[span] {
            let Some(c) = row.cell(wc).filter(|c| !c.text.trim().is_empty()) else {
                continue;
            };
            let t = c.text.trim();
            let t = t.strip_suffix(['分', '%', '％']).unwrap_or(t);
            match crate::table::amount::parse_number(t) {
                Ok(_) => numbers += 1,
                Err(()) => {
                    words += 1;
                    first_word.get_or_insert_with(|| c.location(self.ctx.source));
                }
            }
        }
        if words <= numbers {
            return h.clone();
        }
        let mut out = h.clone();
        out.cols.retain(|(c, _)| *c != Col::Weight);
        let instead = h
            .alt
            .iter()
            .find(|(c, _)| *c == Col::Weight)
            .map(|(_, i)| *i);
        if let Some(i) = instead {
            out.cols.push((Col::Weight, i));
        }
        if let Some(at) = first_word {
            let header = self.rows[h.first_row].text(wc).to_owned();
            let f = self
                .ctx
                .finding(
                    codes::FORM_WEIGHT_WORDS,
                    Severity::Info,
                    at,
                    match instead {
                        Some(i) => format!(
                            "「{}」列写的是指标说明，不是分值；分值按「{}」列读取",
                            tidy(&header),
                            tidy(self.rows[h.first_row].text(i))
                        ),
                        None => format!(
                            "「{}」列写的是指标说明，不是分值，未作分值读取",
                            tidy(&header)
                        ),
                    },
                )
                .label("指标说明");
            self.ctx.findings.push(f);
        }
        out
    }

    /// 其中 rows against the row they break down: where the parent's target or actual and
    /// every breakdown's are plain numbers in one unit, their sum must equal the parent's.
    ///
    /// A breakdown's parent is the row read last before it, so each parent's breakdowns are
    /// one run of the list, and a row's sequence is its place in `out` plus one: each run and
    /// its parent are found in constant time (a search of every row and every breakdown for
    /// each parent was quadratic: 32,000 indicators each with a 其中 row, minutes).
    fn check_breakdowns(&mut self, out: &[IndicatorRow], breakdowns: &[Breakdown]) {
        for parts in breakdowns.chunk_by(|a, b| a.parent == b.parent) {
            let seq = parts[0].parent;
            let Some(parent) = (seq as usize)
                .checked_sub(1)
                .and_then(|k| out.get(k))
                .filter(|i| i.seq == seq)
                .or_else(|| out.iter().find(|i| i.seq == seq))
            else {
                continue;
            };
            let parts: Vec<&Breakdown> = parts.iter().collect();
            for (what, whole, each) in [
                (
                    "指标值",
                    Some(parent.target.to_string()),
                    parts
                        .iter()
                        .map(|b| Some(b.target.clone()))
                        .collect::<Vec<_>>(),
                ),
                (
                    "实际完成值",
                    parent.actual.as_deref().map(str::to_owned),
                    parts.iter().map(|b| b.actual.clone()).collect(),
                ),
            ] {
                let Some(whole) = whole.as_deref().and_then(amount_with_unit) else {
                    continue;
                };
                let each: Option<Vec<(Decimal, String)>> = each
                    .iter()
                    .map(|t| t.as_deref().and_then(amount_with_unit))
                    .collect();
                let Some(each) = each else {
                    continue;
                };
                if each.iter().any(|(_, u)| *u != whole.1) {
                    continue;
                }
                // checked: parts past the decimal range cannot add up to any whole
                let sum = each
                    .iter()
                    .try_fold(Decimal::ZERO, |s, (v, _)| s.checked_add(*v));
                if sum != Some(whole.0) {
                    let (name, unit) = (&parent.name, &whole.1);
                    let whole = whole.0.normalize();
                    let message = match sum {
                        Some(sum) => format!(
                            "「{name}」的{what} {whole}{unit} 不等于其中各项之和 {}{unit}",
                            sum.normalize()
                        ),
                        None => format!(
                            "「{name}」的{what} {whole}{unit} 不等于其中各项之和：各项之和超出精确计算范围"
                        ),
                    };
                    let f = self
                        .ctx
                        .finding(
                            codes::FORM_BREAKDOWN_MISMATCH,
                            Severity::Warning,
                            parts[0].at,
                            message,
                        )
                        .label("其中各项")
                        .help("核对其中各项与总数的加总");
                    self.ctx.findings.push(f);
                }
            }
        }
    }

    /// A 分值 or 得分 cell merged down over several indicator rows (a published form's one 分值
    /// for a group, an xlsx merge or an html `rowspan`): its value is shared evenly by the rows
    /// it spans, with a finding. Read as the merge's first row's alone, the rows under it took
    /// no points and were scored 0 without a word. `at` is each indicator's row in `rows`.
    fn merged_points(&mut self, h: &GridHeader, out: &mut [IndicatorRow], at: &[usize]) {
        for col in [Col::Weight, Col::Score] {
            let Some(c) = h.col(col) else {
                continue;
            };
            let value = |i: &IndicatorRow| match col {
                Col::Weight => i.weight,
                _ => i.published_score,
            };
            let mut k = 0;
            while k < out.len() {
                let mut end = k + 1;
                if let Some(v) = value(&out[k]) {
                    while end < out.len()
                        && value(&out[end]).is_none()
                        && self.merges.anchor(at[end], c) == Some((at[k], c))
                    {
                        end += 1;
                    }
                    if end - k > 1 {
                        self.share_merged(col, v, &mut out[k..end]);
                    }
                }
                k = end;
            }
        }
    }

    /// A 分值 given once for each 二级指标 (on its first row; the rows under it of the same
    /// 一级 and 二级指标 blank in 分值 and 得分), where only so do the printed 分值 add up to the
    /// form's points (its 合计's 分值, else 100): a merge lost in a text copy, or a form that
    /// prints its points per 二级指标. Each group's 分值 and 得分 are shared evenly by its rows,
    /// with a finding, as a merged cell's are. Read as the first row's alone, the rows under
    /// it took the method's points and the form scored 114.5 of 122.5.
    fn level2_points(&mut self, out: &mut [IndicatorRow], whole: Option<Decimal>) {
        if out.first().is_none_or(|i| i.weight.is_none()) || out.iter().all(|i| i.weight.is_some())
        {
            return;
        }
        let printed = out
            .iter()
            .filter_map(|i| i.weight)
            .try_fold(Decimal::ZERO, |a, w| a.checked_add(w));
        if printed != Some(whole.unwrap_or(Decimal::ONE_HUNDRED)) {
            return;
        }
        let same_group = |a: &IndicatorRow, b: &IndicatorRow| {
            a.subcategory.is_some() && a.subcategory == b.subcategory && a.category == b.category
        };
        let mut groups = Vec::new();
        let mut k = 0;
        while k < out.len() {
            let mut end = k + 1;
            while end < out.len()
                && out[end].weight.is_none()
                && out[end].published_score.is_none()
                && same_group(&out[k], &out[end])
            {
                end += 1;
            }
            if out[k].weight.is_none() {
                // a blank 分值 that continues no group: not this shape
                return;
            }
            if end - k > 1 {
                groups.push(k..end);
            }
            k = end;
        }
        for g in groups {
            let group = &mut out[g];
            let (w, score) = (group[0].weight, group[0].published_score);
            let n = Decimal::from(group.len());
            for i in group.iter_mut() {
                i.weight = w.map(|w| w / n);
                i.published_score = score.map(|s| s / n);
            }
            let names: Vec<&str> = group.iter().map(|i| &*i.name).collect();
            let level2 = group[0].subcategory.as_deref().unwrap_or("");
            let each = |v: Decimal| (v / n).round_dp(4).normalize();
            let mut message = format!(
                "二级指标「{level2}」的分值只填在第一行（{}）：各行分值之和只在按二级指标计时为 {}，{} 分按每个指标 {} 分平均分配",
                names.join("、"),
                whole.unwrap_or(Decimal::ONE_HUNDRED).normalize(),
                w.unwrap_or_default().normalize(),
                each(w.unwrap_or_default()),
            );
            if let Some(s) = score {
                message.push_str(&format!(
                    "；得分 {} 同样按每个指标 {} 分",
                    s.normalize(),
                    each(s)
                ));
            }
            let f = self
                .ctx
                .finding(
                    codes::FORM_POINTS_MERGED,
                    Severity::Warning,
                    group[0].at.item(),
                    message,
                )
                .label("按二级指标填写的分值")
                .help("如原表另有分法，请逐项填写分值与得分");
            self.ctx.findings.push(f);
        }
    }

    /// The merged value `v` of column `col` shared evenly by `group`, with its finding.
    fn share_merged(&mut self, col: Col, v: Decimal, group: &mut [IndicatorRow]) {
        let each = v / Decimal::from(group.len());
        for i in group.iter_mut() {
            match col {
                Col::Weight => i.weight = Some(each),
                _ => i.published_score = Some(each),
            }
        }
        let what = if col == Col::Weight {
            "分值"
        } else {
            "得分"
        };
        let message = crate::table::layouts::sheet_merges::merged_message(
            what,
            group.iter().map(|i| &*i.name),
            v,
            each,
        );
        let f = self
            .ctx
            .finding(
                codes::FORM_POINTS_MERGED,
                Severity::Warning,
                group[0].at.item(),
                message,
            )
            .label("合并的单元格");
        self.ctx.findings.push(f);
    }

    /// Indicators left with no 分值 where the form gives others theirs (no merge, no label's
    /// points to share): each is named, its points being the method's share of its category,
    /// which the 分值 printed may have used up (0 points). A row whose `其中…` rows below carry
    /// the points (a ★ heading of scored parts) is not named.
    fn points_missing(&mut self, out: &[IndicatorRow]) {
        if out.iter().all(|i| i.weight.is_none()) {
            return;
        }
        let parts_below = |k: usize| out.get(k + 1).is_some_and(|n| is_breakdown_name(&n.name));
        let missing = out
            .iter()
            .enumerate()
            .filter(|(k, i)| i.weight.is_none() && !parts_below(*k));
        for (_, i) in missing {
            let f = self
                .ctx
                .finding(
                    codes::FORM_WEIGHT_MISSING,
                    Severity::Warning,
                    i.at.item(),
                    format!(
                        "指标「{}」没有填写分值，而本表其他指标都填了：其分值按评分方法由所属类别补足，类别的分值已被其他指标用尽时为 0 分",
                        &*i.name
                    ),
                )
                .label("分值为空")
                .help("核对原表，给这一行填写分值");
            self.ctx.findings.push(f);
        }
    }

    /// Points printed in labels shared by the rows under them, innermost label first: the
    /// points left after the rows that print their own 分值 are shared evenly by the rest (with
    /// a finding). Returns the labels whose points the rows' 分值 do not add up to.
    pub(super) fn share_points(
        &mut self,
        indicators: &mut [IndicatorRow],
        scopes: &mut [Scope],
    ) -> Vec<String> {
        let mut mismatches = Vec::new();
        scopes.sort_by_key(|s| std::cmp::Reverse(s.depth));
        for scope in scopes.iter() {
            if scope.members.is_empty() {
                continue;
            }
            let given: Decimal = scope
                .members
                .iter()
                .filter_map(|&k| indicators[k].weight)
                .sum();
            let open: Vec<usize> = scope
                .members
                .iter()
                .copied()
                .filter(|&k| indicators[k].weight.is_none())
                .collect();
            let label = if scope.label.is_empty() {
                indicators[scope.members[0]]
                    .category
                    .as_deref()
                    .unwrap_or("")
                    .to_owned()
            } else {
                scope.label.clone()
            };
            let tol = scope
                .members
                .iter()
                .filter_map(|&k| indicators[k].weight)
                .map(|w| half_unit(&w).min(Decimal::new(5, 3)))
                .sum::<Decimal>()
                + Decimal::new(1, 9);
            if let Some(m) = scope_score_mismatch(scope, &label, indicators) {
                mismatches.push(m);
            }
            if open.is_empty() || given > scope.points + tol {
                if (given - scope.points).abs() > tol {
                    mismatches.push(format!(
                        "「{label}」标明 {} 分，其下各指标分值之和 {} 分",
                        scope.points.normalize(),
                        given.normalize()
                    ));
                }
                continue;
            }
            let each = (scope.points - given) / Decimal::from(open.len());
            for &k in &open {
                indicators[k].weight = Some(each);
            }
            mismatches.extend(self.guessed_points(
                indicators,
                &scope.members,
                &open,
                (&label, scope.points, each),
            ));
            // two rows or more sharing evenly: a guess, marked at each row (`guessed`)
            let (severity, marked) = match open.len() {
                1 => (Severity::Info, ""),
                _ => (
                    Severity::Warning,
                    "：各指标的分值为推定，得分和总分按此计算",
                ),
            };
            let message = if open.len() == scope.members.len() {
                format!(
                    "表单没有填写分值：「{label}」的 {} 分由其 {} 个指标平均分配{marked}",
                    scope.points.normalize(),
                    open.len()
                )
            } else {
                format!(
                    "表单没有填写分值：「{label}」的 {} 分减去已填分值 {} 分，余下由其 {} 个指标平均分配{marked}",
                    scope.points.normalize(),
                    given.normalize(),
                    open.len()
                )
            };
            let f = self
                .ctx
                .finding(codes::FORM_POINTS_SHARED, severity, scope.at, message)
                .label("标明的分值");
            self.ctx.findings.push(f);
        }
        mismatches
    }

    /// The form's own sums (contract §4.4): its 总分 against the 得分 it prints and its total 分值
    /// against the 分值, the budget row's included or — where only that reading agrees — not
    /// (a finding says which was taken). Returns the sums no reading makes agree, exactly, and
    /// whether the budget row is read as outside the total.
    pub(super) fn check_total(
        &mut self,
        total: Option<&FormTotal>,
        budget_weight: Option<Decimal>,
        budget_score: Option<Decimal>,
        indicators: &[IndicatorRow],
    ) -> (Vec<String>, bool) {
        let mut sums = Sums::default();
        if let Some(t) = total {
            if let Some(printed) = t.score {
                self.scores_against_total(t.at, printed, budget_score, indicators, &mut sums);
            }
            if let Some(printed) = t.weight {
                sums.points_against_total(t.at, printed, budget_weight, indicators);
            }
        }
        // the reading is told only where it stands after both sums
        if sums.outside {
            for (at, message) in sums.readings {
                self.reading(at, message);
            }
        }
        (sums.mismatches, sums.outside)
    }

    /// The 得分 against the printed 总分, within the rounding of what is printed: with the budget
    /// row's 得分, or — where only that agrees — without it (the budget row read as outside);
    /// otherwise a `table.form-total-mismatch` finding and a mismatch.
    fn scores_against_total(
        &mut self,
        at: Location,
        printed: Decimal,
        budget_score: Option<Decimal>,
        indicators: &[IndicatorRow],
        sums: &mut Sums,
    ) {
        let scores: Vec<Decimal> = indicators
            .iter()
            .filter_map(|i| i.published_score)
            .collect();
        if scores.is_empty() {
            return;
        }
        let own: Decimal = scores.iter().copied().sum();
        let tol = half_unit_at(printed.normalize().scale())
            + scores.iter().map(half_unit).sum::<Decimal>();
        let with_budget = own + budget_score.unwrap_or_default();
        let agrees = |x: Decimal, extra: Decimal| (x - printed).abs() <= tol + extra;
        let budget_tol = budget_score.as_ref().map(half_unit).unwrap_or_default();
        if agrees(with_budget, budget_tol) {
            // the 总分 counts the budget row's 得分, and only that reading makes it agree
            sums.inside = budget_score.is_some_and(|b| !b.is_zero()) && !agrees(own, Decimal::ZERO);
            return;
        }
        if budget_score.is_some_and(|b| !b.is_zero()) && agrees(own, Decimal::ZERO) {
            sums.outside = true;
            sums.readings.push((
                at,
                format!(
                    "原表总分 {} 等于各指标得分之和，不含预算执行得分 {}：按预算执行不计入总分的读法核对",
                    printed.normalize(),
                    budget_score.unwrap_or_default().normalize()
                ),
            ));
            return;
        }
        let f = self
            .ctx
            .finding(
                codes::FORM_TOTAL_MISMATCH,
                Severity::Warning,
                at,
                format!(
                    "原表总分 {} 与表中各项得分之和 {} 不一致",
                    printed.normalize(),
                    with_budget.normalize()
                ),
            )
            .label("原表总分")
            .help("核对各项得分与总分的加总");
        self.ctx.findings.push(f);
        sums.mismatches.push(format!(
            "原表总分 {} ≠ 各项得分之和 {}",
            printed.normalize(),
            with_budget.normalize()
        ));
    }

    /// A reading taken because the form's sums agree with it, and only with it.
    pub(super) fn reading(&mut self, at: Location, message: String) {
        let f = self
            .ctx
            .finding(codes::FORM_READING, Severity::Info, at, message)
            .label("按表内加总选定的读法");
        self.ctx.findings.push(f);
    }
}

/// What the form's two sums decide together (`FormReader::check_total`).
#[derive(Default)]
struct Sums {
    /// The sums no reading makes agree.
    mismatches: Vec<String>,
    /// Whether the budget row is read as outside the total.
    outside: bool,
    /// Whether the printed 总分 agrees only with the budget row's 得分 counted (a total 分值
    /// that agrees only without its 分值 then contradicts it).
    inside: bool,
    /// The findings that say so, told only where that reading still stands after both sums.
    readings: Vec<(Location, String)>,
}

impl Sums {
    /// The 分值 against the printed total 分值, where every row has its points: with the budget
    /// row's 分值, or — where only that agrees — without it (the budget row read as outside);
    /// points that count the budget row contradict a 总分 read without its 得分.
    fn points_against_total(
        &mut self,
        at: Location,
        printed: Decimal,
        budget_weight: Option<Decimal>,
        indicators: &[IndicatorRow],
    ) {
        if indicators.is_empty() || indicators.iter().any(|i| i.weight.is_none()) {
            return;
        }
        let own: Decimal = indicators.iter().filter_map(|i| i.weight).sum();
        let with_budget = own + budget_weight.unwrap_or_default();
        // within the rounding of what is printed (a cell's 15 digits, a shown 33.33)
        let tol = indicators
            .iter()
            .filter_map(|i| i.weight)
            .chain(budget_weight)
            .map(|w| half_unit(&w).min(Decimal::new(5, 3)))
            .sum::<Decimal>()
            + half_unit(&printed)
            + Decimal::new(1, 9);
        let near = |x: Decimal| (x - printed).abs() <= tol;
        let budget_counts = budget_weight.is_some_and(|b| !b.is_zero());
        if near(with_budget) {
            // the points count the budget row: a 总分 without its 得分 contradicts them
            if self.outside && budget_counts && !near(own) {
                self.outside = false;
                self.mismatches.push(format!(
                    "原表总分不含预算执行得分，而分值合计 {} 含预算执行分值 {}",
                    printed.normalize(),
                    budget_weight.unwrap_or_default().normalize()
                ));
            }
        } else if budget_counts && near(own) && self.inside {
            // the 总分 counts the budget row's 得分, the 分值合计 leaves its points out: the
            // form's two sums read it two ways (a total of 90 分值 and 100 得分 was scored
            // 90 of 90, 优, beside the printed 100)
            self.mismatches.push(format!(
                "原表总分含预算执行得分，而分值合计 {} 不含预算执行分值 {}",
                printed.normalize(),
                budget_weight.unwrap_or_default().normalize()
            ));
        } else if budget_counts && near(own) {
            self.outside = true;
            self.readings.push((
                at,
                format!(
                    "原表分值合计 {} 等于各指标分值之和，不含预算执行分值 {}",
                    printed.normalize(),
                    budget_weight.unwrap_or_default().normalize()
                ),
            ));
        } else {
            self.mismatches.push(format!(
                "原表分值合计 {} ≠ 各项分值之和 {}",
                printed.normalize(),
                with_budget.normalize()
            ));
        }
    }
}

/// A row across the grid that heads a block of indicators (`产出指标(50分)`, `年度绩效目标1(40分)`):
/// its one filled cell, where the indicator column is empty and the text names a category or
/// carries points.
pub(super) fn block_header<'r>(row: &'r Row<'r>, indicator: Option<usize>) -> Option<&'r Cell<'r>> {
    let mut filled = row.filled();
    let (col, cell) = filled.next()?;
    if filled.next().is_some() || Some(col) == indicator {
        return None;
    }
    let (points, name) = points_in(&cell.text);
    (points.is_some() || (name.ends_with("指标") && name.chars().count() <= 12)).then_some(cell)
}

/// A heading row's 得分 (`Scope::score`) against the 得分 of the indicators under it, where
/// each prints one: the mismatch, if they disagree beyond the rounding of what is printed.
fn scope_score_mismatch(scope: &Scope, label: &str, indicators: &[IndicatorRow]) -> Option<String> {
    let printed = scope.score?;
    let parts: Option<Vec<Decimal>> = scope
        .members
        .iter()
        .map(|&k| indicators[k].published_score)
        .collect();
    let parts = parts?;
    let sum = parts
        .iter()
        .try_fold(Decimal::ZERO, |s, p| s.checked_add(*p))?;
    let tol = parts.iter().map(half_unit).sum::<Decimal>() + half_unit(&printed);
    ((sum - printed).abs() > tol).then(|| {
        format!(
            "「{label}」行的得分 {}，其下各指标得分之和 {}",
            printed.normalize(),
            sum.normalize()
        )
    })
}

/// Half a unit of the last printed decimal (`9.48` may be 9.475 to 9.485); 0 for an integer.
pub(super) fn half_unit(d: &Decimal) -> Decimal {
    match d.scale() {
        0 => Decimal::ZERO,
        s => half_unit_at(s),
    }
}

/// A plain amount with its unit (`560户` → 560, `户`; `≥600户` → 600, `户`).
fn amount_with_unit(text: &str) -> Option<(Decimal, String)> {
    let t = compact(text);
    let t = t.trim_start_matches(['≥', '≤', '>', '<', '=', '＞', '＜', '≧', '≦']);
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v: Decimal = digits.parse().ok()?;
    Some((v, t[digits.len()..].to_owned()))
}
