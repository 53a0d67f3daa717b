//! Published per-project forms (SPEC §4.4): the Ministry's 项目支出绩效自评表 and 绩效目标申报表
//! and their provincial variants, one project a form, into the same model as the other layouts.
//!
//! A form is found by its label row `项目名称 | value` (or `部门名称 | value` under a 部门整体支出
//! title) followed by an indicator grid whose header names 三级指标 and a target column but no
//! 项目 column. Forms may be stacked in one sheet: each runs from its title rows to the next
//! form's. Inside a form, in any order: label–value rows (主管部门, 实施单位, …), the funds block
//! (a header of 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, or their Sichuan names
//! 调整后预算数 / 预算执行数 / 权重, and the 年度资金总额 row under it), the goal block (预期目标 |
//! 实际完成情况), the indicator grid (one or two header rows; split 指标性质 | 指标值 | 度量单位
//! columns joined), and the 总分 / 合计 row with the published total and grade.
//!
//! ## Decisions where the SPEC is silent
//! - **Categories**: 一级/二级指标 fill down from the row above (merged cells read as empty, and a
//!   CSV saved by Excel keeps a merged value in its first cell only); a new 一级指标 clears the
//!   二级指标 carried. `(50分)` beside or instead of a category is its points; a category printed
//!   only as points is told from its 二级指标 (数量指标 → 产出指标, 社会效益指标 → 效益指标, …)
//!   with a finding. Line breaks inside names are dropped between Chinese characters.
//! - **Placeholder rows** (`指标2:`, `……`, `/`, a name that is only its number) and rows naming a
//!   category but no indicator are not indicators: counted as skipped, each with an info finding.
//! - **Funds**: the budget is 全年预算数 (or 调整后预算数, else 年初预算数), the amount spent
//!   全年执行数 (or 预算执行数), in the block's money unit as printed (`(万元)`, `(元)`), not
//!   converted (budget execution is their ratio). A cell of words around an amount
//!   (`854万(高标准农田建设400万元,…)`) gives its leading number, with a finding.
//! - **Template text** left in a cell (`（100字以内）`) is read as empty, with a finding.
//! - **Points**: where the 分值 column is empty for a whole category that prints its points, the
//!   points are shared evenly by its indicators, with a finding.
//! - **Unit and department**: the unit is 实施单位 (else 单位名称 / `部门:` above the form, else
//!   主管部门); the department is 主管部门. Forms of one unit in a row share one unit.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::Ctx;
use crate::table::amount::parse_number;
use crate::table::columns::normalize;
use crate::table::grid::{Cell, Merge, Row};
use crate::table::model::{
    Amounts, BudgetLine, FormFacts, FormKind, FormTotal, IndicatorRow, IndicatorSource, Project,
    Text, UnitRow,
};
use crate::table::self_eval::join_target;
use crate::table::source::Location;

/// What a column of the indicator grid holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Level1,
    Level2,
    Indicator,
    Target,
    Nature,
    Measure,
    Actual,
    Weight,
    Score,
    Deviation,
    Plan,
}

/// Header names of the indicator grid, normalized (brackets and spaces dropped).
const GRID: &[(Col, &[&str])] = &[
    (Col::Level1, &["一级指标"]),
    (Col::Level2, &["二级指标"]),
    (
        Col::Indicator,
        &[
            "三级指标",
            "指标内容",
            "指标名称",
            "绩效指标名称",
            "三级指标名称",
        ],
    ),
    (
        Col::Target,
        &[
            "年度指标值",
            "指标值",
            "年初目标值",
            "目标值",
            "年度目标值",
            "预期指标值",
            "预期目标值",
            "计划指标值",
            "年度计划值",
        ],
    ),
    (Col::Nature, &["指标性质", "计算符号", "符号", "运算符号"]),
    (Col::Measure, &["度量单位", "计量单位"]),
    (
        Col::Actual,
        &[
            "实际完成值",
            "完成值",
            "全年实际值",
            "实际值",
            "全年完成值",
            "实际完成情况",
            "全年实际完成值",
            "实际完成指标值",
        ],
    ),
    (Col::Weight, &["分值", "权重", "指标分值", "权重分"]),
    (
        Col::Plan,
        &[
            "计划数",
            "计划值",
            "全年计划数",
            "上年实际",
            "上年实际值",
            "上年完成值",
        ],
    ),
    (Col::Score, &["得分", "自评得分", "评分", "实际得分"]),
    (
        Col::Deviation,
        &[
            "偏差原因分析及改进措施",
            "偏差原因分析及下一步改进措施",
            "偏差原因",
            "偏差原因分析",
            "偏差原因及改进措施",
            "未完成原因分析",
            "未完成原因",
            "未完成原因及拟采取的改进措施",
            "未完成原因分析及改进措施",
            "原因分析及改进措施",
            "原因分析",
        ],
    ),
];

/// Label–value names of the title area, normalized.
const PROJECT_LABELS: &[&str] = &["项目名称", "项目全称"];
const DEPARTMENT_LABELS: &[&str] = &["主管部门", "主管部门及代码", "预算部门"];
const UNIT_LABELS: &[&str] = &[
    "实施单位",
    "项目实施单位",
    "项目单位",
    "单位名称",
    "预算单位",
    "部门名称",
    "资金使用单位",
];
const OTHER_LABELS: &[&str] = &[
    "项目负责人",
    "项目负责人及电话",
    "联系电话",
    "联系人",
    "填报人",
    "项目类型",
    "项目属性",
    "项目期限",
    "实施期限",
    "资金用途",
    "填报日期",
];

/// Funds-block header names: what each column gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fund {
    Initial,
    Budget,
    Spent,
    Weight,
    Rate,
    Score,
}

const FUNDS: &[(Fund, &[&str])] = &[
    (Fund::Initial, &["年初预算数", "年初预算", "年初预算金额"]),
    (
        Fund::Budget,
        &[
            "全年预算数",
            "调整后预算数",
            "调整后预算",
            "全年预算",
            "预算数",
            "全年预算金额",
        ],
    ),
    (
        Fund::Spent,
        &[
            "全年执行数",
            "预算执行数",
            "执行数",
            "全年执行金额",
            "实际支出",
        ],
    ),
    (Fund::Weight, &["分值", "权重"]),
    (Fund::Rate, &["执行率", "预算执行率", "资金执行率"]),
    (Fund::Score, &["得分"]),
];

/// Row labels of the funds block's total row, normalized.
const FUNDS_TOTAL: &[&str] = &[
    "年度资金总额",
    "合计",
    "资金总额",
    "总额",
    "年度资金合计",
    "项目资金总额",
    "预算资金总额",
];

/// First cells of a form's total row, normalized.
const TOTAL_ROW: &[&str] = &[
    "总分",
    "合计",
    "总计",
    "综合得分",
    "总得分",
    "自评总分",
    "得分合计",
    "自评得分",
];

/// First cells of the rows after a form's indicators (conclusions, signatures).
const TRAILER: &[&str] = &[
    "其他需要说明事项",
    "其他需要说明的事项",
    "评价结论",
    "存在问题",
    "改进措施",
    "项目负责人",
    "财务负责人",
    "填表人",
    "单位负责人",
    "自评结论",
];

/// Labels of a grade printed in a row of its own.
const GRADE_LABELS: &[&str] = &[
    "等级",
    "自评等级",
    "评价等级",
    "评价等次",
    "绩效等级",
    "自评结果",
    "评价结果",
];

/// Words a grade is printed in.
const GRADES: &[&str] = &[
    "优",
    "良",
    "中",
    "差",
    "优秀",
    "良好",
    "合格",
    "不合格",
    "一般",
    "较差",
];

/// 二级指标 → 一级指标, for categories printed only as their points.
const LEVEL2_TO_LEVEL1: &[(&str, &str)] = &[
    ("数量", "产出指标"),
    ("质量", "产出指标"),
    ("时效", "产出指标"),
    ("成本", "产出指标"),
    ("经济效益", "效益指标"),
    ("社会效益", "效益指标"),
    ("生态效益", "效益指标"),
    ("可持续影响", "效益指标"),
    ("满意度", "满意度指标"),
];

/// The text of a cell with its line breaks dropped between Chinese characters (a space
/// elsewhere) and spaces around it trimmed.
fn tidy(text: &str) -> String {
    if !text.contains(['\n', '\r']) {
        return text.trim().to_owned();
    }
    let lines: Vec<&str> = text
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = String::new();
    for l in lines {
        let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
        let joins = wide(out.chars().next_back()) && wide(l.chars().next());
        if !out.is_empty() && !joins {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// A name with all spaces dropped (`经济效益\n指标` → `经济效益指标`).
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

fn is_one_of(text: &str, names: &[&str]) -> bool {
    text.len() <= 96 && names.contains(&normalize(text).as_str())
}

/// `(50分)` in a text: the points, and the text without them and without spaces.
fn points_in(text: &str) -> (Option<Decimal>, String) {
    let t = compact(text);
    let Some(open) = t.find(['(', '（']) else {
        return (None, t);
    };
    let inner_start = open + t[open..].chars().next().map_or(1, char::len_utf8);
    let rest = &t[inner_start..];
    let Some(close) = rest.find([')', '）']) else {
        return (None, t);
    };
    let inner = &rest[..close];
    let Some(number) = inner.strip_suffix('分') else {
        return (None, t);
    };
    match parse_number(number) {
        Ok(Some(p)) => {
            let after =
                inner_start + close + rest[close..].chars().next().map_or(1, char::len_utf8);
            (Some(p), format!("{}{}", &t[..open], &t[after..]))
        }
        _ => (None, t),
    }
}

/// The indicator grid's header: the column of each role, and its last row.
#[derive(Debug, Clone)]
struct GridHeader {
    cols: Vec<(Col, usize)>,
    last_row: usize,
}

impl GridHeader {
    fn col(&self, c: Col) -> Option<usize> {
        self.cols.iter().find(|(x, _)| *x == c).map(|(_, i)| *i)
    }
}

/// The grid roles named by a row's cells (the first column of a role wins).
fn grid_roles(row: &Row) -> Vec<(Col, usize)> {
    let mut roles: Vec<(Col, usize)> = Vec::new();
    for (i, cell) in row.filled() {
        if cell.text.len() > 96 {
            continue;
        }
        let n = normalize(&cell.text);
        if let Some((c, _)) = GRID.iter().find(|(_, names)| names.contains(&n.as_str()))
            && !roles.iter().any(|(x, _)| x == c)
        {
            roles.push((*c, i));
        }
    }
    roles
}

/// Reads the indicator grid's header at `rows[i]` (with a second header row under it).
fn grid_header(rows: &[Row], i: usize) -> Option<GridHeader> {
    let upper = grid_roles(&rows[i]);
    if upper.len() < 2 {
        return None;
    }
    let mut cols = upper;
    let mut last_row = i;
    if let Some(next) = rows.get(i + 1) {
        let lower = grid_roles(next);
        let filled = next.filled().count();
        if !lower.is_empty() && lower.len() == filled {
            for (c, at) in lower {
                cols.retain(|(x, _)| *x != c);
                cols.push((c, at));
            }
            last_row = i + 1;
        }
    }
    let has = |c: Col| cols.iter().any(|(x, _)| *x == c);
    (has(Col::Indicator) && has(Col::Target)).then_some(GridHeader { cols, last_row })
}

/// A value found beside a label: its cell and the bytes of the cell's text it takes.
#[derive(Clone, Copy)]
struct Value<'r, 'a> {
    cell: &'r Cell<'a>,
    start: usize,
    end: usize,
}

impl Value<'_, '_> {
    fn text(&self) -> &str {
        &self.cell.text[self.start..self.end]
    }
}

/// The value of a label–value pair in `row`: the first filled cell after the label, unless
/// that is a label itself; or, in one cell, what follows `项目名称：`.
fn label_value<'r, 'a>(row: &'r Row<'a>, labels: &[&str]) -> Option<Option<Value<'r, 'a>>> {
    let mut cells = row.filled().peekable();
    while let Some((_, cell)) = cells.next() {
        if is_one_of(&cell.text, labels) {
            return Some(
                cells
                    .peek()
                    .map(|(_, c)| Value {
                        cell: c,
                        start: 0,
                        end: c.text.len(),
                    })
                    .filter(|v| !is_any_label(v.text())),
            );
        }
        if let Some(colon) = cell.text.find([':', '：'])
            && colon > 0
            && is_one_of(&cell.text[..colon], labels)
        {
            let after = colon + cell.text[colon..].chars().next().map_or(1, char::len_utf8);
            let rest = &cell.text[after..];
            let start = after + (rest.len() - rest.trim_start().len());
            let end = after + rest.trim_end().len();
            return Some((end > start).then_some(Value { cell, start, end }));
        }
    }
    None
}

fn is_any_label(text: &str) -> bool {
    [PROJECT_LABELS, DEPARTMENT_LABELS, UNIT_LABELS, OTHER_LABELS]
        .iter()
        .any(|l| is_one_of(text, l))
}

/// Whether a row is a title-area line above a form: a title, the year, `部门：…`, a form
/// number (one or two filled cells).
fn is_title_line(row: &Row) -> bool {
    let filled: Vec<&str> = row.filled().map(|(_, c)| &*c.text).collect();
    if filled.is_empty() || filled.len() > 2 || label_value(row, PROJECT_LABELS).is_some() {
        return false;
    }
    filled.iter().all(|t| {
        t.contains("绩效")
            || t.contains("年度")
            || t.starts_with("部门")
            || t.starts_with("单位")
            || t.contains("报表编号")
            || t.contains("公开")
            || t.contains("金额单位")
            || t.contains("填报")
    })
}

/// The rows where forms start (their first title line), or `None` when `rows` hold no form:
/// a label row `项目名称 | value` (or `部门名称 | value` under a 部门整体 title) followed by an
/// indicator grid without a 项目 column.
pub(crate) fn starts(rows: &[Row]) -> Option<Vec<usize>> {
    let mut anchors = Vec::new();
    let mut grids = 0;
    let mut whole_title = false;
    for (i, row) in rows.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        if row.filled().count() <= 2
            && row
                .filled()
                .any(|(_, c)| c.text.contains("整体") && c.text.contains("表"))
        {
            whole_title = true;
        }
        if grid_header(rows, i).is_some() {
            if anchors.is_empty() && crate::table::columns::detect(row).is_some() {
                // a flat sheet's header (it has a 项目 column)
                return None;
            }
            grids += 1;
            continue;
        }
        if crate::table::columns::detect(row).is_some() {
            continue;
        }
        let short = row.filled().count() <= 6;
        if short
            && (label_value(row, PROJECT_LABELS).is_some_and(|v| v.is_some())
                || (whole_title && label_value(row, UNIT_LABELS).is_some_and(|v| v.is_some())))
        {
            // a second label row of the same form (部门名称 after 项目名称) is not a new form
            let new_form = match anchors.last() {
                Some(&a) => rows[a..i]
                    .iter()
                    .enumerate()
                    .any(|(k, _)| grid_header(rows, a + k).is_some()),
                None => true,
            };
            if new_form {
                anchors.push(i);
                whole_title = false;
            }
        }
    }
    if grids == 0 {
        return None;
    }
    if anchors.is_empty() {
        // a grid with no project label: one form from the top
        return Some(vec![0]);
    }
    // each form starts at its title lines
    let mut out = Vec::with_capacity(anchors.len());
    let mut floor = 0;
    for &a in &anchors {
        let mut s = a;
        while s > floor && (rows[s - 1].is_blank() || is_title_line(&rows[s - 1])) {
            s -= 1;
        }
        while s < a && rows[s].is_blank() {
            s += 1;
        }
        out.push(if out.is_empty() { 0 } else { s });
        floor = a + 1;
    }
    Some(out)
}

/// Where merged cells send an empty cell: the merge's first cell.
struct Merges<'m> {
    merges: &'m [Merge],
    /// Index of `rows[0]` among the grid's rows (merges are in grid rows).
    base: usize,
}

impl Merges<'_> {
    /// The row (relative to `rows`) and column of the cell whose value `(r, c)` shows.
    fn anchor(&self, r: usize, c: usize) -> Option<(usize, usize)> {
        let gr = r + self.base;
        self.merges
            .iter()
            .find(|m| m.rows.contains(&gr) && m.cols.contains(&c))
            .filter(|m| m.rows.start != gr || m.cols.start != c)
            .and_then(|m| Some((m.rows.start.checked_sub(self.base)?, m.cols.start)))
    }
}

/// Reads every form in `rows` (a sheet, a Word document or a text file). `merges` are the
/// sheet's merged ranges, in grid rows counted from `base`.
pub(crate) fn read(
    ctx: &mut Ctx<'_>,
    rows: &[Row],
    starts: &[usize],
    merges: &[Merge],
    base: usize,
) -> Vec<UnitRow> {
    let merges = Merges {
        // a sheet of very many merges is read as if it had none (fill-down still applies)
        merges: if merges.len() > 20_000 { &[] } else { merges },
        base,
    };
    let mut units: Vec<UnitRow> = Vec::new();
    let mut unit_hint: Option<String> = None;
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(rows.len());
        let mut reader = FormReader {
            ctx,
            rows,
            merges: &merges,
            unit_hint: &mut unit_hint,
        };
        let Some((unit, project)) = reader.form(s..end) else {
            continue;
        };
        match units.last_mut() {
            Some(u) if u.name == unit.text => u.projects.push(project),
            _ => units.push(UnitRow {
                name: unit.text,
                name_at: unit.at,
                amounts: Amounts::default(),
                projects: vec![project],
                incomplete: false,
                implicit: false,
            }),
        }
    }
    units
}

/// Reads one form.
struct FormReader<'c, 'a, 'r> {
    ctx: &'c mut Ctx<'a>,
    rows: &'r [Row<'r>],
    merges: &'c Merges<'c>,
    /// `部门：…` / `单位名称：…` seen above a form, carried to the next forms.
    unit_hint: &'c mut Option<String>,
}

/// The text of a cell and where it is.
fn text_of(ctx: &Ctx<'_>, cell: &Cell) -> Text {
    Text {
        text: tidy(&cell.text),
        at: cell.location(ctx.source),
    }
}

/// The text of a label's value and where it is.
fn value_text(ctx: &Ctx<'_>, v: Value) -> Text {
    Text {
        text: tidy(v.text()),
        at: v.cell.locate(ctx.source, v.start..v.end),
    }
}

/// Template instructions left in a cell.
fn is_template_text(t: &str) -> bool {
    t.contains("字以内") || t.contains("字左右）") || t.contains("字左右)")
}

impl FormReader<'_, '_, '_> {
    fn form(&mut self, span: std::ops::Range<usize>) -> Option<(Text, Project)> {
        let rows = self.rows;
        let form_at = rows[span.clone()]
            .iter()
            .find(|r| !r.is_blank())
            .map(|r| self.ctx.row_location(r))?;
        let mut title: Option<String> = None;
        let mut year: Option<i32> = None;
        let mut project: Option<Text> = None;
        let mut department: Option<Text> = None;
        let mut unit: Option<Text> = None;
        let mut money_unit: Option<String> = None;
        let mut goal: Option<Text> = None;
        let mut goal_actual: Option<Text> = None;
        let mut funds_header: Option<Vec<(Fund, usize)>> = None;
        let mut funds = FundsRow::default();
        // the sums of the 其中 rows (本年财政拨款, 上年结转资金, 其他资金)
        let mut parts = FundsRow::default();
        let mut grid: Option<GridHeader> = None;
        let mut i = span.start;
        // the title area, funds and goal blocks: up to the grid header
        while i < span.end {
            let row = &rows[i];
            if row.is_blank() {
                i += 1;
                continue;
            }
            if let Some(h) = grid_header(rows, i) {
                grid = Some(h);
                break;
            }
            for (_, c) in row.filled() {
                if money_unit.is_none() {
                    money_unit = money_unit_in(&c.text);
                }
            }
            if row.filled().count() <= 2 && is_title_line(row) && project.is_none() {
                for (_, c) in row.filled() {
                    let t = tidy(&c.text);
                    if year.is_none() {
                        year = year_in(&t);
                    }
                    if t.contains("表") && t.contains("绩效") && title.is_none() {
                        title = Some(t.clone());
                    }
                    if let Some(v) = prefixed(&t, &["部门", "单位名称", "单位", "填报单位"])
                    {
                        *self.unit_hint = Some(v);
                    }
                }
                i += 1;
                continue;
            }
            if let Some(v) = label_value(row, PROJECT_LABELS) {
                project = v.map(|v| value_text(self.ctx, v));
            }
            if let Some(Some(v)) = label_value(row, DEPARTMENT_LABELS) {
                department = Some(value_text(self.ctx, v));
            }
            if let Some(Some(v)) = label_value(row, UNIT_LABELS) {
                unit = Some(value_text(self.ctx, v));
            }
            // the funds block
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
            if found.len() >= 2 {
                funds_header = Some(found);
                i += 1;
                continue;
            }
            let label = row.filled().find(|(_, c)| is_one_of(&c.text, FUNDS_TOTAL));
            if let Some((j, _)) = label
                && funds.at.is_none()
            {
                match &funds_header {
                    Some(h) => self.funds_row(row, h, &mut funds),
                    None => {
                        // `年度资金总额: | 854万…` without a header: the budget
                        if let Some((_, c)) = row.filled().find(|(k, _)| *k > j) {
                            funds.budget = self.amount(c);
                        }
                    }
                }
                funds.at = Some(self.ctx.row_location(row));
                i += 1;
                continue;
            }
            // the 其中 rows under the total: their amounts add up to it
            if let Some(h) = &funds_header
                && funds.at.is_some()
                && row
                    .filled()
                    .next()
                    .is_some_and(|(_, c)| is_funds_part(&c.text))
            {
                let mut part = FundsRow::default();
                self.funds_row(row, h, &mut part);
                for (sum, v) in [
                    (&mut parts.initial, part.initial),
                    (&mut parts.budget, part.budget),
                    (&mut parts.spent, part.spent),
                ] {
                    if let Some(v) = v {
                        *sum = Some(sum.unwrap_or_default() + v);
                    }
                }
                i += 1;
                continue;
            }
            // the goal block: a row of 预期目标 | 实际完成情况, its texts in the next row
            if let Some((g, a)) = goal_columns(row)
                && let Some(next) = rows[i + 1..span.end].iter().position(|r| !r.is_blank())
            {
                {
                    let next_row = &rows[i + 1 + next];
                    if grid_header(rows, i + 1 + next).is_none() {
                        let in_cols = |lo: usize, hi: usize| {
                            next_row
                                .filled()
                                .find(|(k, _)| *k >= lo && *k < hi)
                                .map(|(_, c)| c)
                        };
                        let hi = a.unwrap_or(usize::MAX);
                        goal = in_cols(g, hi).map(|c| text_of(self.ctx, c));
                        if let Some(a) = a {
                            goal_actual = in_cols(a, usize::MAX).map(|c| text_of(self.ctx, c));
                        }
                        i += 1 + next + 1;
                        continue;
                    }
                }
            }
            i += 1;
        }
        for text in [&mut goal, &mut goal_actual].into_iter() {
            if let Some(t) = text
                && is_template_text(&t.text)
            {
                self.template_text(t.at);
                *text = None;
            }
        }
        let Some(grid) = grid else {
            // a title area with no grid: not a form (its rows are not data)
            return None;
        };
        self.reconcile_funds(&mut funds, &parts);
        let (indicators, total, category_points) = self.grid(&grid, grid.last_row + 1..span.end);
        self.check_total(total.as_ref(), funds.score, &indicators);
        let unit_text = unit
            .or_else(|| {
                self.unit_hint.clone().map(|t| Text {
                    text: t,
                    at: form_at.with_len(0),
                })
            })
            .or_else(|| department.clone())
            .unwrap_or(Text {
                text: String::new(),
                at: form_at.with_len(0),
            });
        let project = match project.filter(|p| !p.text.is_empty()) {
            Some(p) => p,
            None => {
                let name = match (&title, unit_text.text.is_empty()) {
                    (Some(t), _) if t.contains("整体") => {
                        format!("{}部门整体支出", unit_text.text)
                    }
                    (Some(t), true) => t.clone(),
                    (_, false) => unit_text.text.clone(),
                    (None, true) => "未命名项目".to_owned(),
                };
                let f = self
                    .ctx
                    .finding(
                        codes::FORM_NO_PROJECT,
                        Severity::Info,
                        form_at,
                        format!("表单没有填写项目名称，按「{name}」读取"),
                    )
                    .label("这张表单");
                self.ctx.findings.push(f);
                Text {
                    text: name,
                    at: form_at.with_len(0),
                }
            }
        };
        let has_actuals = grid.col(Col::Actual).is_some() || grid.col(Col::Score).is_some();
        let kind = match &title {
            Some(t) if t.contains("申报") || (t.contains("目标表") && !t.contains("自评")) => {
                FormKind::Target
            }
            _ if !has_actuals => FormKind::Target,
            _ => FormKind::SelfEvaluation,
        };
        let budget = (funds.budget.is_some()
            || funds.spent.is_some()
            || funds.weight.is_some()
            || funds.score.is_some())
        .then(|| BudgetLine {
            budget: funds.budget.or(funds.initial),
            spent: funds.spent,
            weight: funds.weight,
            published_score: funds.score,
            at: funds.at.unwrap_or(form_at),
        });
        let facts = FormFacts {
            kind,
            title,
            year,
            department: department.map(|d| d.text),
            money_unit,
            budget_initial: funds.initial,
            execution_rate: funds.rate,
            goal_actual,
            category_points,
            total,
        };
        let unit_name = unit_text;
        Some((
            unit_name,
            Project {
                name: project.text,
                name_at: project.at,
                amounts: Amounts::default(),
                goal,
                indicators,
                budget,
                at: form_at,
                form: Some(Box::new(facts)),
            },
        ))
    }

    /// The 年度资金总额 row against the sum of its 其中 rows: a difference is a finding; a total
    /// left empty or 0 while its parts hold amounts takes their sum (with that finding), never
    /// a budget of 0 that drops budget execution.
    fn reconcile_funds(&mut self, funds: &mut FundsRow, parts: &FundsRow) {
        let Some(at) = funds.at else {
            return;
        };
        let mut differs = Vec::new();
        for (what, total, part) in [
            ("年初预算数", &mut funds.initial, parts.initial),
            ("全年预算数", &mut funds.budget, parts.budget),
            ("全年执行数", &mut funds.spent, parts.spent),
        ] {
            let Some(part) = part else {
                continue;
            };
            match *total {
                Some(t) if t == part => {}
                Some(t) if !t.is_zero() => differs.push(format!(
                    "{what}：总额 {} ≠ 其中各项之和 {}",
                    t.normalize(),
                    part.normalize()
                )),
                _ if part.is_zero() => {}
                _ => {
                    differs.push(format!(
                        "{what}：总额为空或为 0，按其中各项之和 {} 读取",
                        part.normalize()
                    ));
                    *total = Some(part);
                }
            }
        }
        if !differs.is_empty() {
            let f = self
                .ctx
                .finding(
                    codes::FORM_FUNDS_MISMATCH,
                    Severity::Warning,
                    at,
                    format!("年度资金总额与其中各项不一致（{}）", differs.join("；")),
                )
                .label("年度资金总额")
                .help("核对资金总额与本年财政拨款、上年结转、其他资金的加总");
            self.ctx.findings.push(f);
        }
    }

    /// The office's own arithmetic: its 总分 against the sum of the 得分 it prints (the budget
    /// row's included), where it prints both.
    fn check_total(
        &mut self,
        total: Option<&FormTotal>,
        budget_score: Option<Decimal>,
        indicators: &[IndicatorRow],
    ) {
        let Some((t, printed)) = total.and_then(|t| t.score.map(|s| (t, s))) else {
            return;
        };
        let scores: Vec<Decimal> = indicators
            .iter()
            .filter_map(|i| i.published_score)
            .collect();
        if scores.is_empty() {
            return;
        }
        let sum: Decimal =
            scores.iter().copied().sum::<Decimal>() + budget_score.unwrap_or_default();
        // within the rounding of the total as printed
        let tol = Decimal::new(5, printed.normalize().scale() + 1);
        if (sum - printed).abs() > tol {
            let f = self
                .ctx
                .finding(
                    codes::FORM_TOTAL_MISMATCH,
                    Severity::Warning,
                    t.at,
                    format!(
                        "原表总分 {} 与表中各项得分之和 {} 不一致",
                        printed.normalize(),
                        sum.normalize()
                    ),
                )
                .label("原表总分")
                .help("核对各项得分与总分的加总");
            self.ctx.findings.push(f);
        }
    }

    /// An amount cell: a number, or words around a leading number (with a finding).
    fn amount(&mut self, cell: &Cell) -> Option<Decimal> {
        match parse_number(&cell.text) {
            Ok(v) => v,
            Err(()) => {
                let lead: String = cell
                    .text
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '，'))
                    .collect();
                let at = cell.location(self.ctx.source);
                match parse_number(&lead) {
                    Ok(Some(v)) => {
                        let f = self
                            .ctx
                            .finding(
                                codes::FORM_AMOUNT_PROSE,
                                Severity::Info,
                                at,
                                format!("金额单元格含说明文字，读取开头的数 {v}"),
                            )
                            .label("金额与说明写在一起")
                            .help("金额单元格只填数字，说明写在备注中");
                        self.ctx.findings.push(f);
                        Some(v)
                    }
                    _ => {
                        let f = self
                            .ctx
                            .finding(
                                codes::BAD_AMOUNT,
                                Severity::Warning,
                                at,
                                format!("「{}」不是金额，未读取", tidy(&cell.text)),
                            )
                            .label("不是数字");
                        self.ctx.findings.push(f);
                        None
                    }
                }
            }
        }
    }

    /// A 分值 / 得分 cell: a number, possibly ending in `分`; `-` or `/` is empty.
    fn points(&mut self, cell: Option<&Cell>) -> Option<Decimal> {
        let cell = cell?;
        let t = cell.text.trim();
        let t = t.strip_suffix('分').unwrap_or(t);
        match parse_number(t) {
            Ok(v) => v,
            Err(()) => {
                let at = cell.location(self.ctx.source);
                let f = self
                    .ctx
                    .finding(
                        codes::BAD_NUMBER,
                        Severity::Warning,
                        at,
                        format!("「{}」不是分数，未读取", tidy(&cell.text)),
                    )
                    .label("不是数字");
                self.ctx.findings.push(f);
                None
            }
        }
    }

    fn template_text(&mut self, at: Location) {
        let f = self
            .ctx
            .finding(
                codes::FORM_TEMPLATE_TEXT,
                Severity::Info,
                at,
                "单元格仍是模板的填写说明，按空白读取",
            )
            .label("模板说明文字");
        self.ctx.findings.push(f);
    }

    /// The 年度资金总额 row under the funds header.
    fn funds_row(&mut self, row: &Row, h: &[(Fund, usize)], funds: &mut FundsRow) {
        for &(f, col) in h {
            let Some(cell) = row.cell(col).filter(|c| !c.text.trim().is_empty()) else {
                continue;
            };
            match f {
                Fund::Initial => funds.initial = self.amount(cell),
                Fund::Budget => funds.budget = self.amount(cell),
                Fund::Spent => funds.spent = self.amount(cell),
                Fund::Weight => funds.weight = self.points(Some(cell)),
                Fund::Score => funds.score = self.points(Some(cell)),
                Fund::Rate => funds.rate = Some(tidy(&cell.text)).filter(|t| t != "-"),
            }
        }
    }

    /// The indicator rows of the grid, the total row, and the points printed by category.
    #[allow(clippy::type_complexity)]
    fn grid(
        &mut self,
        h: &GridHeader,
        span: std::ops::Range<usize>,
    ) -> (
        Vec<IndicatorRow>,
        Option<FormTotal>,
        Vec<(Arc<str>, Decimal)>,
    ) {
        let rows = self.rows;
        let mut out: Vec<IndicatorRow> = Vec::new();
        let mut total = None;
        let mut level1: Option<(Arc<str>, bool)> = None; // (name, inferred)
        let mut level1_points_only = false;
        let mut no_category = false;
        let mut level1_raw: Option<String> = None;
        let mut level2: Option<Arc<str>> = None;
        let mut points: Vec<(Arc<str>, Decimal)> = Vec::new();
        let mut inferred_reported: Vec<String> = Vec::new();
        let mut after_indicators = false;
        let col = |c: Col| h.col(c);
        for r in span {
            let row = &rows[r];
            if row.is_blank() {
                continue;
            }
            let first = row.filled().next().map(|(_, c)| normalize(&c.text));
            let first = first.as_deref().unwrap_or("");
            if TOTAL_ROW.contains(&first) || first.starts_with("总分") {
                let weight = self.points(col(Col::Weight).and_then(|c| row.cell(c)));
                let score = self.points(col(Col::Score).and_then(|c| row.cell(c)));
                let grade = row
                    .filled()
                    .map(|(_, c)| compact(&c.text))
                    .find(|t| GRADES.contains(&t.as_str()));
                total = Some(FormTotal {
                    weight,
                    score,
                    grade,
                    at: self.ctx.row_location(row),
                });
                after_indicators = true;
                continue;
            }
            // `自评等级 | 优` in a row of its own below the total
            if let (Some(t), Some(Some(v))) = (total.as_mut(), label_value(row, GRADE_LABELS))
                && t.grade.is_none()
                && GRADES.contains(&compact(v.text()).as_str())
            {
                t.grade = Some(compact(v.text()));
                continue;
            }
            if after_indicators || TRAILER.contains(&first) || first.starts_with('注') {
                // conclusions, signatures and notes: the total row may still follow
                after_indicators = true;
                continue;
            }
            self.ctx.rows_read += 1;
            // categories: own text, merged, or carried from the row above
            let l1_cell = col(Col::Level1)
                .and_then(|c| shown(rows, self.merges, r, c))
                .or_else(|| block_header(row, col(Col::Indicator)));
            let l1_text = l1_cell.map(|c| compact(&c.text));
            if l1_text.is_some() && l1_text != level1_raw {
                level1_raw = l1_text.clone();
                let (p, name) = points_in(l1_text.as_deref().unwrap_or(""));
                // `—` (or `-`, `/`) says the form gives no category: none, not the one above
                no_category = is_placeholder(&name) && !name.is_empty();
                let name = if no_category { String::new() } else { name };
                let name = name.trim_start_matches(|c: char| {
                    matches!(c, '一' | '二' | '三' | '四' | '五' | '、' | '.' | '．')
                        || c.is_ascii_digit()
                });
                level1_points_only = name.is_empty();
                level1 = (!name.is_empty()).then(|| (Arc::from(name), false));
                level2 = None;
                if let (Some(p), Some((n, _))) = (p, &level1) {
                    points.push((n.clone(), p));
                } else if let Some(p) = p {
                    // points alone: the category is told from the 二级指标 below
                    points.push((Arc::from(format!("#{}", r)), p));
                }
            }
            if let Some(c) = col(Col::Level2).and_then(|c| shown(rows, self.merges, r, c)) {
                let (_, name) = points_in(&c.text);
                if is_placeholder(&name) {
                    level2 = None;
                } else {
                    level2 = Some(Arc::from(name));
                }
            }
            let open = !no_category
                && (level1.is_none() || level1.as_ref().is_some_and(|(_, inferred)| *inferred));
            let told = level2.as_ref().filter(|_| open).and_then(|l2| {
                // in simplified characters (`數量指標` is 数量指标)
                let simple: String = l2.chars().map(crate::lang::lexicon::simplify).collect();
                LEVEL2_TO_LEVEL1
                    .iter()
                    .find(|(k, _)| simple.starts_with(k))
                    .map(|(_, l1)| (l2.clone(), *l1))
            });
            {
                if let Some((l2, l1)) = told {
                    let l1: Arc<str> = Arc::from(l1);
                    // the points printed alone belong to this category
                    if level1_points_only
                        && let Some(p) = points.iter_mut().find(|(n, _)| n.starts_with('#'))
                    {
                        p.0 = l1.clone();
                    }
                    if !inferred_reported.iter().any(|x| **x == *l1) {
                        inferred_reported.push(l1.to_string());
                        let at = col(Col::Level2)
                            .and_then(|c| shown(rows, self.merges, r, c))
                            .map(|c| c.location(self.ctx.source))
                            .unwrap_or_else(|| self.ctx.row_location(row));
                        let f = self
                            .ctx
                            .finding(
                                codes::FORM_CATEGORY_INFERRED,
                                Severity::Info,
                                at,
                                format!("一级指标未写明，按二级指标「{l2}」读作「{l1}」"),
                            )
                            .label("由此推断一级指标");
                        self.ctx.findings.push(f);
                    }
                    level1 = Some((l1, true));
                }
            }
            // the indicator
            let name_cell = col(Col::Indicator).and_then(|c| row.cell(c));
            let name = name_cell.map(|c| tidy(&c.text)).unwrap_or_default();
            let get = |c: Col| {
                col(c)
                    .and_then(|k| row.cell(k))
                    .filter(|x| !x.text.trim().is_empty())
            };
            if is_placeholder(&name) {
                let at = name_cell
                    .filter(|c| !c.text.trim().is_empty())
                    .map(|c| c.location(self.ctx.source))
                    .unwrap_or_else(|| self.ctx.first_filled_location(row));
                let has_values = [Col::Target, Col::Actual, Col::Weight, Col::Score]
                    .iter()
                    .any(|&c| get(c).is_some_and(|x| !is_placeholder(&x.text)));
                let (code, message) = if name.is_empty() && has_values {
                    (
                        codes::MISSING_NAME,
                        "这一行有指标值或分数，但没有三级指标名称，不计为指标".to_owned(),
                    )
                } else if name.is_empty() {
                    (
                        codes::FORM_CATEGORY_ROW,
                        "这一行只有指标类别，没有三级指标，不计为指标".to_owned(),
                    )
                } else {
                    (
                        codes::FORM_PLACEHOLDER,
                        format!("「{name}」是表单模板的占位行，不计为指标"),
                    )
                };
                let severity = if code == codes::MISSING_NAME {
                    Severity::Warning
                } else {
                    Severity::Info
                };
                let f = self
                    .ctx
                    .finding(code, severity, at, message)
                    .label("不是指标");
                self.ctx.rows_skipped += 1;
                self.ctx.findings.push(f);
                continue;
            }
            let name_cell = name_cell.expect("a named indicator has its cell");
            let target_value = get(Col::Target);
            let nature = get(Col::Nature);
            let measure = get(Col::Measure);
            let target = if nature.is_none() && measure.is_none() {
                target_value.map(|c| tidy(&c.text)).unwrap_or_default()
            } else {
                join_target(
                    nature.map(|c| c.text.trim()),
                    target_value.map(|c| c.text.trim()),
                    measure.map(|c| c.text.trim()),
                )
            };
            let target_at = target_value
                .or(nature)
                .or(measure)
                .map(|c| c.location(self.ctx.source));
            let actual_cell = get(Col::Actual);
            let weight = self.points(get(Col::Weight));
            let published_score = self.points(get(Col::Score));
            let deviation = get(Col::Deviation)
                .map(|c| tidy(&c.text))
                .filter(|t| !is_template_text(t));
            let name_at = name_cell.location(self.ctx.source);
            out.push(IndicatorRow {
                seq: out.len() as u32 + 1,
                category: level1.as_ref().map(|(n, _)| n.clone()),
                subcategory: level2.clone(),
                name: Arc::from(name),
                target: Arc::from(target),
                actual: actual_cell.map(|c| Arc::from(tidy(&c.text))),
                plan: get(Col::Plan).map(|c| Arc::from(tidy(&c.text))),
                weight,
                published_score,
                deviation_note: deviation,
                terminator: String::new(),
                at: IndicatorSource {
                    item: self.ctx.row_location(row),
                    category: l1_cell.map(|c| c.location(self.ctx.source)),
                    name: name_at,
                    target: target_at.unwrap_or(name_at.with_len(0)),
                    actual: actual_cell.map(|c| c.location(self.ctx.source)),
                    terminator: None,
                },
            });
        }
        points.retain(|(n, _)| !n.starts_with('#'));
        self.share_points(&mut out, &points);
        (out, total, points)
    }

    /// Where no indicator of a category has a 分值 and the category prints its points, the
    /// points are shared evenly (with a finding).
    fn share_points(&mut self, indicators: &mut [IndicatorRow], points: &[(Arc<str>, Decimal)]) {
        if indicators.iter().any(|i| i.weight.is_some()) {
            return;
        }
        for (cat, p) in points {
            let members: Vec<usize> = indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| i.category.as_deref() == Some(&**cat))
                .map(|(k, _)| k)
                .collect();
            if members.is_empty() {
                continue;
            }
            let each = *p / Decimal::from(members.len());
            for &k in &members {
                indicators[k].weight = Some(each);
            }
            let at = indicators[members[0]]
                .at
                .category
                .unwrap_or(indicators[members[0]].at.item);
            let f = self
                .ctx
                .finding(
                    codes::FORM_POINTS_SHARED,
                    Severity::Info,
                    at,
                    format!(
                        "表单没有填写分值：「{cat}」的 {p} 分由其 {} 个指标平均分配",
                        members.len()
                    ),
                )
                .label("一级指标的分值");
            self.ctx.findings.push(f);
        }
    }
}

/// The cell a grid position shows: its own, else the merged range's first cell.
fn shown<'r>(rows: &'r [Row<'r>], merges: &Merges, r: usize, c: usize) -> Option<&'r Cell<'r>> {
    let own = rows[r].cell(c).filter(|x| !x.text.trim().is_empty());
    own.or_else(|| {
        let (ar, ac) = merges.anchor(r, c)?;
        rows.get(ar)?.cell(ac).filter(|x| !x.text.trim().is_empty())
    })
}

/// A row across the grid that heads a block of indicators (`产出指标(50分)`, `年度绩效目标1(40分)`):
/// its one filled cell, where the indicator column is empty and the text names a category or
/// carries points.
fn block_header<'r>(row: &'r Row<'r>, indicator: Option<usize>) -> Option<&'r Cell<'r>> {
    let mut filled = row.filled();
    let (col, cell) = filled.next()?;
    if filled.next().is_some() || Some(col) == indicator {
        return None;
    }
    let (points, name) = points_in(&cell.text);
    (points.is_some() || (name.ends_with("指标") && name.chars().count() <= 12)).then_some(cell)
}

/// What the 年度资金总额 row gives.
#[derive(Debug, Default)]
struct FundsRow {
    initial: Option<Decimal>,
    budget: Option<Decimal>,
    spent: Option<Decimal>,
    weight: Option<Decimal>,
    score: Option<Decimal>,
    rate: Option<String>,
    at: Option<Location>,
}

/// The label of a 其中 row of the funds block (`其中:本年财政拨款`, `上年结转资金`, `其他资金`).
fn is_funds_part(text: &str) -> bool {
    let t = compact(text);
    let t = t
        .strip_prefix("其中")
        .map(|r| r.trim_start_matches([':', '：']))
        .unwrap_or(&t);
    [
        "本年财政拨款",
        "当年财政拨款",
        "财政拨款",
        "财政资金",
        "上年结转资金",
        "上年结转",
        "其他资金",
        "财政专户管理资金",
        "单位资金",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// A name that is a template placeholder: empty, only its number (`指标2:`), or dots.
fn is_placeholder(name: &str) -> bool {
    let t = name.trim();
    let rest = t
        .strip_prefix("指标")
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace()))
        .filter(|r| r.len() < t.len())
        .map(|r| r.trim_start_matches([':', '：', '.', '、', ' ']))
        .unwrap_or(t);
    rest.trim().chars().all(|c| {
        matches!(
            c,
            '…' | '.' | '。' | '/' | '／' | '-' | '—' | '无' | '略' | '*'
        )
    })
}

/// The goal block's column labels: the 预期目标 column and the 实际完成情况 column.
fn goal_columns(row: &Row) -> Option<(usize, Option<usize>)> {
    const GOAL: &[&str] = &[
        "预期目标",
        "年度目标",
        "项目年度目标",
        "年度总体目标",
        "总体目标",
        "年度绩效目标",
    ];
    const ACTUAL: &[&str] = &[
        "实际完成情况",
        "年度目标完成情况",
        "目标实际完成情况",
        "全年实际完成情况",
        "实际完成",
    ];
    let mut goal = None;
    let mut actual = None;
    for (j, c) in row.filled() {
        if is_one_of(&c.text, GOAL) {
            goal = Some(j);
        } else if is_one_of(&c.text, ACTUAL) {
            actual = Some(j);
        }
    }
    goal.map(|g| (g, actual))
}

/// `(万元)`, `（元）`, `单位：万元` in a text.
fn money_unit_in(text: &str) -> Option<String> {
    let t = compact(text);
    for unit in ["亿元", "万元", "千元", "元"] {
        for open in ['(', '（'] {
            for close in [')', '）'] {
                if t.contains(&format!("{open}{unit}{close}")) {
                    return Some(unit.to_owned());
                }
            }
        }
        for lead in ["单位：", "单位:"] {
            if t.contains(&format!("{lead}{unit}")) {
                return Some(unit.to_owned());
            }
        }
    }
    None
}

/// The year of `(2022年度)` or `2022年度…`.
fn year_in(text: &str) -> Option<i32> {
    let i = text.find("年")?;
    let digits: String = text[..i]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let y: i32 = digits.parse().ok()?;
    (digits.len() == 4 && (1990..=2100).contains(&y)).then_some(y)
}

/// The value of `部门：…` (a title-area line).
fn prefixed(text: &str, keys: &[&str]) -> Option<String> {
    // the label before the colon, loosely (`单位名称（盖章）：…` is `单位名称：…`)
    let colon = text.find([':', '：'])?;
    let key = normalize(&text[..colon]);
    if !keys.contains(&key.as_str()) {
        return None;
    }
    let rest = &text[colon..];
    let rest = &rest[rest.chars().next().map_or(1, char::len_utf8)..];
    // `部门：某局   公开14表`: the first word
    let v = rest.split_whitespace().next()?.to_owned();
    (!v.is_empty()).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_told_from_names() {
        for p in ["", "指标2:", "指标1:/", "……", "...", "/", "指标 3：", "无"] {
            assert!(is_placeholder(p), "{p:?}");
        }
        for n in [
            "指标1:完成中型灌区节水改造项目数量",
            "学生满意度",
            "指标体系完善率",
        ] {
            assert!(!is_placeholder(n), "{n:?}");
        }
    }

    #[test]
    fn points_beside_a_category() {
        assert_eq!(
            points_in("(50分)"),
            (Some(Decimal::from(50)), String::new())
        );
        assert_eq!(
            points_in("满意度指标\n(10分)"),
            (Some(Decimal::from(10)), "满意度指标".into())
        );
        assert_eq!(
            points_in("产出指标（50分）"),
            (Some(Decimal::from(50)), "产出指标".into())
        );
        assert_eq!(points_in("经济效益\n指标"), (None, "经济效益指标".into()));
    }

    #[test]
    fn money_units_and_years() {
        assert_eq!(money_unit_in("项目资金\n(万元)").as_deref(), Some("万元"));
        assert_eq!(money_unit_in("项目资金\n(元)").as_deref(), Some("元"));
        assert_eq!(money_unit_in("年度预算数(万元)").as_deref(), Some("万元"));
        assert_eq!(money_unit_in("资金情况 (万元)").as_deref(), Some("万元"));
        assert_eq!(money_unit_in("年初预算数"), None);
        assert_eq!(year_in("(2022年度)"), Some(2022));
        assert_eq!(year_in("部门预算项目支出绩效自评表(2023年度)"), Some(2023));
        assert_eq!(year_in("12年"), None);
    }

    #[test]
    fn labels_above_a_form() {
        let keys = ["部门", "单位名称"];
        assert_eq!(
            prefixed("部门:临沧市永德县明朗中学        公开14表", &keys).as_deref(),
            Some("临沧市永德县明朗中学")
        );
        assert_eq!(
            prefixed("单位名称（盖章）：某局", &keys).as_deref(),
            Some("某局")
        );
        assert_eq!(prefixed("部门预算项目支出绩效自评表", &keys), None);
    }

    #[test]
    fn line_breaks_inside_names() {
        assert_eq!(tidy("可持续影\n响指标"), "可持续影响指标");
        assert_eq!(tidy(" 项目资金\n(万元)"), "项目资金 (万元)");
        assert_eq!(tidy("GDP\ngrowth"), "GDP growth");
    }
}
