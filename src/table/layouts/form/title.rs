//! The rows of a form above its indicator grid, read in one pass down to the grid header: title
//! lines (the form's title, year, and a `部门：…` carried to the next forms), label–value rows
//! (项目名称, 主管部门, 实施单位), the funds block (its header, the 年度资金总额 row or the row
//! under the header holding an amount, the 其中 rows), the goal block (预期目标 | 实际完成情况
//! over their texts), a total printed above the grid, and a block scored without targets
//! before the grid (湖北 county 项目决策 / 项目管理). Which step reads a row is tried in that order;
//! the first that takes the row ends it, as the contract's §4.4 reading has it.

use crate::finding::{Severity, codes};
use crate::table::columns::normalize;
use crate::table::grid::Row;
use crate::table::model::{FormTotal, Text};

use super::funds::{FundsRow, money_unit_named};
use super::grid::{GridHeader, GridRead, block_row, grid_header, scored_block_header};
use super::words::*;
use super::{FormReader, text_of, value_text};

/// What a form's rows above its indicator grid say.
#[derive(Default)]
pub(super) struct TitleArea {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub project: Option<Text>,
    /// The project named in a heading row (`【A项目】`, `（一）A项目`), where no label names it.
    pub heading: Option<Text>,
    pub department: Option<Text>,
    pub unit: Option<Text>,
    pub money_unit: Option<String>,
    pub goal: Option<Text>,
    pub goal_actual: Option<Text>,
    funds_header: Option<Vec<(Fund, usize)>>,
    /// The money units the funds header names for its amount columns (`全年执行数（元）`).
    funds_units: Vec<(usize, &'static str)>,
    pub funds: FundsRow,
    /// The 其中 rows (本年财政拨款, 上年结转资金, 其他资金), each with the money units it states.
    pub parts: Vec<FundsRow>,
    /// The indicator grid's header, where the form has one.
    pub grid: Option<GridHeader>,
    /// A total printed above the grid (`自评总分: 95`).
    pub top_total: Option<FormTotal>,
    /// Where the funds block began with a 其中 row, no 年度资金总额 above it: its rows are parts,
    /// none of them the budget.
    parts_only: Option<crate::table::source::Location>,
    /// A block scored without targets before the grid (湖北 county 项目决策 / 项目管理).
    pub first_block: GridRead,
    /// A budget-execution label with its rate above the grid (`预算执行率（10分）` | `95%`).
    pub budget_label: Option<super::budget_row::BudgetRow>,
}

impl FormReader<'_, '_, '_> {
    /// Reads the rows of `span` down to the indicator grid's header (the form's title area,
    /// funds and goal blocks).
    pub(super) fn title_area(&mut self, span: std::ops::Range<usize>) -> TitleArea {
        let rows = self.rows;
        let mut area = TitleArea::default();
        let mut i = span.start;
        while i < span.end {
            let row = &rows[i];
            if row.is_blank() {
                i += 1;
                continue;
            }
            if let Some(h) = grid_header(rows, i) {
                area.grid = Some(h);
                break;
            }
            if let Some(h) = scored_block_header(rows, i) {
                i = self.scored_block(&mut area, &h, span.end);
                continue;
            }
            self.printed_in_cells(&mut area, row);
            if row.filled().count() <= 2 && is_title_line(row) && area.project.is_none() {
                self.title_line(&mut area, row);
                i += 1;
                continue;
            }
            if area.heading.is_none()
                && area.funds.at.is_none()
                && area.funds_header.is_none()
                && area.goal.is_none()
                && let Some(v) = name_heading(row)
            {
                area.heading = Some(value_text(self.ctx, v));
            }
            if area.budget_label.is_none()
                && let Some((label, next)) = self.budget_label(i, span.end)
            {
                area.budget_label = Some(label);
                i = next;
                continue;
            }
            self.labels(&mut area, row);
            if self.funds_block_row(&mut area, row) {
                i += 1;
                continue;
            }
            i = self.goal_block(&mut area, i, span.end).unwrap_or(i + 1);
        }
        area
    }

    /// A block scored without targets before the grid: its rows run to the next block label
    /// or grid header. Returns the row after it.
    fn scored_block(&mut self, area: &mut TitleArea, h: &GridHeader, end: usize) -> usize {
        let rows = self.rows;
        let end = (h.last_row + 1..end)
            .find(|&k| block_row(&rows[k]).is_some() || grid_header(rows, k).is_some())
            .unwrap_or(end);
        let read = self.grid(h, h.last_row + 1..end, None);
        let block = &mut area.first_block;
        block.indicators.extend(read.indicators);
        block.mismatches.extend(read.mismatches);
        block.category_points.extend(read.category_points);
        end
    }

    /// The money unit (`单位：万元`) and a total (`自评总分: 95`, or `自评得分 | 95` in two
    /// cells) printed in a row above the grid, in a title line or not: the first of each.
    fn printed_in_cells(&mut self, area: &mut TitleArea, row: &Row) {
        for (_, c) in row.filled() {
            if area.money_unit.is_none() {
                area.money_unit = money_unit_in(&c.text);
            }
            if area.top_total.is_none()
                && let Some(t) = printed_total(&c.text)
            {
                area.top_total = Some(FormTotal {
                    weight: None,
                    score: Some(t),
                    grade: None,
                    at: c.location(self.ctx.source),
                });
            }
        }
        // `自评得分 | 97.67`: the label in one cell, the total in the next (it was passed over,
        // and the form checked against no total)
        if area.top_total.is_none()
            && let Some((t, c)) = printed_total_beside(row)
        {
            area.top_total = Some(FormTotal {
                weight: None,
                score: Some(t),
                grade: None,
                at: c.location(self.ctx.source),
            });
        }
    }

    /// A title line: the form's title, its year, and a `部门：…` / `单位名称：…` carried to the
    /// next forms.
    fn title_line(&mut self, area: &mut TitleArea, row: &Row) {
        for (_, c) in row.filled() {
            let t = tidy(&c.text);
            // the year of the form, not of the day it was filled in (`填报日期:2021年4月22日`)
            if area.year.is_none() && !t.contains("日期") && !t.contains("时间") {
                area.year = year_in(&t);
            }
            if t.contains("表")
                && (t.contains("绩效") || t.ends_with("自评表") || t.ends_with("申报表"))
                && area.title.is_none()
            {
                area.title = Some(t.clone());
            }
            if let Some(v) = prefixed(&t, &["部门", "单位名称", "单位", "填报单位"]) {
                *self.unit_hint = Some(v);
            }
        }
    }

    /// Label–value rows: 项目名称, 主管部门, 实施单位 (a row may hold several).
    fn labels(&mut self, area: &mut TitleArea, row: &Row) {
        if let Some(v) = label_value(row, PROJECT_LABELS) {
            area.project = v.map(|v| value_text(self.ctx, v));
        }
        if let Some(Some(v)) = label_value(row, DEPARTMENT_LABELS) {
            area.department = Some(value_text(self.ctx, v));
        }
        if let Some(Some(v)) = label_value(row, UNIT_LABELS) {
            area.unit = Some(value_text(self.ctx, v));
        }
    }

    /// A row of the funds block (its header, its total row, a 其中 row): whether it was one.
    fn funds_block_row(&mut self, area: &mut TitleArea, row: &Row) -> bool {
        self.funds_header_row(area, row)
            || self.funds_unlabelled_row(area, row)
            || self.funds_total_row(area, row)
            || self.funds_part_row(area, row)
    }

    /// A funds block printed below the indicator grid (rows `from..end`), where none was
    /// above it: its header and the rows under it read as the funds block, said. Returns its
    /// rows, which the grid then passes over. Before, its header and amounts were read as two
    /// indicators (`全年执行数` a target, 95 a 分值) and the budget line was missing.
    pub(super) fn funds_below(
        &mut self,
        area: &mut TitleArea,
        from: usize,
        end: usize,
    ) -> Option<std::ops::Range<usize>> {
        if area.funds.at.is_some() || area.funds_header.is_some() || from >= end {
            return None;
        }
        let rows = self.rows;
        let k = (from..end).find(|&k| funds_header_names(&rows[k]))?;
        let mut j = k;
        while j < end && self.funds_block_row(area, &rows[j]) {
            self.printed_in_cells(area, &rows[j]);
            j += 1;
        }
        area.funds.at?;
        let f = self
            .ctx
            .finding(
                codes::FORM_READING,
                Severity::Info,
                self.ctx.row_location(&rows[k]),
                "项目资金表印在指标表下方：按资金表读取预算数、执行数和分值，不作为指标",
            )
            .label("指标表下方的资金表");
        self.ctx.findings.push(f);
        Some(k..j)
    }

    /// The funds block's header: two cells or more naming its columns.
    fn funds_header_row(&mut self, area: &mut TitleArea, row: &Row) -> bool {
        let found: Vec<(Fund, usize)> = row
            .filled()
            .filter_map(|(j, c)| {
                let n = normalize(&c.text);
                FUNDS
                    .iter()
                    .find(|(_, names)| names.contains(&n.as_str()))
                    .map(|(f, _)| (*f, j))
            })
            .collect();
        if found.len() < 2 {
            return false;
        }
        // a task list's header (`年度主要任务 | 任务名称 | 主要内容 | 预算数 | 执行数`, a
        // 部门整体支出 form): each row a task with its own amounts, not the funds block (its first
        // task was read as the department's budget, and the 年度资金总额 below it passed over)
        if row
            .filled()
            .any(|(_, c)| TASK_LIST.contains(&normalize(&c.text).as_str()))
        {
            return false;
        }
        // `预算执行情况(万元)(20分)`, `得分(20分*执行率)`: the budget row's points
        if area.funds.weight.is_none() {
            area.funds.weight = row.filled().find_map(|(_, c)| points_mentioned(&c.text));
        }
        area.funds_units = found
            .iter()
            .filter(|(f, _)| matches!(f, Fund::Initial | Fund::Budget | Fund::Spent))
            .filter_map(|&(_, j)| Some((j, money_unit_named(&row.cell(j)?.text)?)))
            .collect();
        area.funds_header = Some(found);
        true
    }

    /// The row under a funds header with no 年度资金总额 label (湖北: `预算数(A) | 执行数(B)`
    /// over the amounts): the funds row, where it holds an amount.
    fn funds_unlabelled_row(&mut self, area: &mut TitleArea, row: &Row) -> bool {
        let Some(h) = &area.funds_header else {
            return false;
        };
        let holds_amount = area.funds.at.is_none()
            && h.iter().any(|&(f, c)| {
                matches!(f, Fund::Budget | Fund::Spent)
                    && row.cell(c).is_some_and(|x| {
                        crate::table::amount::parse_number(x.text.trim()).is_ok_and(|v| v.is_some())
                    })
            });
        if !holds_amount || area.parts_only.is_some() {
            return false;
        }
        // `其中：一般公共预算 | 1000 | 1050 | 1000` with no 年度资金总额 above it: a part, not the
        // whole (it was read as the budget, 1050 of 1100), and the rows after it parts too
        // (`项目支出` under `其中：基本支出`): no budget is read, and a finding says why
        if let Some((_, c)) = row.filled().next()
            && compact(&c.text).starts_with("其中")
        {
            area.parts_only = Some(c.location(self.ctx.source));
            let f = self
                .ctx
                .finding(
                    codes::FORM_FUNDS_MISMATCH,
                    Severity::Warning,
                    c.location(self.ctx.source),
                    format!(
                        "预算资金只列出其中各项（「{}」等），没有年度资金总额：不以其中一项作为预算数，预算执行率未读取",
                        tidy(&c.text)
                    ),
                )
                .label("其中一项")
                .help("在表中填写年度资金总额（全年预算数、全年执行数）");
            self.ctx.findings.push(f);
            return true;
        }
        let weight = area.funds.weight;
        self.funds_row(row, h, &area.funds_units, &mut area.funds);
        area.funds.weight = area.funds.weight.or(weight);
        area.funds.at = Some(self.ctx.row_location(row));
        true
    }

    /// The 年度资金总额 row: under the funds header, or `年度资金总额: | 854万…` without one
    /// (the budget).
    fn funds_total_row(&mut self, area: &mut TitleArea, row: &Row) -> bool {
        let label = row.filled().find(|(_, c)| is_one_of(&c.text, FUNDS_TOTAL));
        let Some((j, _)) = label else {
            return false;
        };
        if area.funds.at.is_some() {
            return false;
        }
        match &area.funds_header {
            Some(h) => {
                let weight = area.funds.weight;
                self.funds_row(row, h, &area.funds_units, &mut area.funds);
                area.funds.weight = area.funds.weight.or(weight);
            }
            None => {
                if let Some((_, c)) = row.filled().find(|(k, _)| *k > j) {
                    let (v, wan) = self.amount_in(c);
                    area.funds.budget = v;
                    area.funds.wan |= wan;
                }
            }
        }
        area.funds.at = Some(self.ctx.row_location(row));
        true
    }

    /// A 其中 row under the total: its amounts add up to it.
    fn funds_part_row(&mut self, area: &mut TitleArea, row: &Row) -> bool {
        let Some(h) = &area.funds_header else {
            return false;
        };
        let is_part = area.funds.at.is_some()
            && row
                .filled()
                .next()
                .is_some_and(|(_, c)| is_funds_part(&c.text));
        if !is_part {
            return false;
        }
        let mut part = FundsRow::default();
        self.funds_row(row, h, &area.funds_units, &mut part);
        area.parts.push(part);
        true
    }

    /// The goal block at `rows[i]`: a row of 预期目标 | 实际完成情况, its texts in the next row
    /// that is not blank (unless that is the grid header). Returns the row after the texts.
    fn goal_block(&mut self, area: &mut TitleArea, i: usize, end: usize) -> Option<usize> {
        let rows = self.rows;
        let (g, a) = goal_columns(&rows[i])?;
        let next = i + 1 + rows[i + 1..end].iter().position(|r| !r.is_blank())?;
        if grid_header(rows, next).is_some() {
            return None;
        }
        let next_row = &rows[next];
        let in_cols = |lo: usize, hi: usize| {
            next_row
                .filled()
                .find(|(k, _)| *k >= lo && *k < hi)
                .map(|(_, c)| c)
        };
        let hi = a.unwrap_or(usize::MAX);
        area.goal = in_cols(g, hi).map(|c| text_of(self.ctx, c));
        if let Some(a) = a {
            area.goal_actual = in_cols(a, usize::MAX).map(|c| text_of(self.ctx, c));
        }
        Some(next + 1)
    }
}

/// Whether `row` names two columns of a funds block or more and is no task list's header.
fn funds_header_names(row: &Row) -> bool {
    let named = row
        .filled()
        .filter(|(_, c)| {
            let n = normalize(&c.text);
            FUNDS.iter().any(|(_, names)| names.contains(&n.as_str()))
        })
        .count();
    named >= 2
        && !row
            .filled()
            .any(|(_, c)| TASK_LIST.contains(&normalize(&c.text).as_str()))
}
