//! Published per-project forms (contract §4.4): the Ministry's 项目支出绩效自评表 and 绩效目标申报表
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
//! This file finds the forms and reads each one's title area into a project; inside: `words`
//! (the forms' vocabulary as tables, and small readings of a cell's text), `grid` (the
//! indicator grid and the 总分 row), `funds` (the funds block).
//!
//! ## Decisions where the contract is silent
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
//! - **Points**: where the 分值 column is empty for a whole category that prints its points (in
//!   its label or on a heading row of its own: `points_heading`), the points are shared evenly
//!   by its indicators, each share of two rows or more marked as a guess (`guessed`).
//! - **Unit and department**: the unit is 实施单位 (else 单位名称 / `部门:` above the form, else
//!   主管部门); the department is 主管部门. Forms of one unit in a row share one unit. A transfer
//!   payment's `转移支付(项目)名称` names the project; its department is 地方主管部门 (中央主管部门
//!   is the ministry, not read).
//!
//! ## Families (issue 24): general rules, not layouts
//! - **Points in labels bound the rows under them**: `(40分)`, `40 分`, `40分` in a block row
//!   across the grid (`年度绩效目标1(40分)`, `项目绩效 85分`, just above the header or in the header
//!   row's own label cell), a category or a subcategory (`数量指标 15 分`). Rows with no 分值 share
//!   what their innermost label leaves after the rows that print theirs (a finding); where every
//!   row prints its 分值, their sum must be the label's points.
//! - **A header printed again** inside the grid (each 湖北 block repeats it) is a header.
//! - **Breakdowns**: a `其中…` row with no 分值 and no 得分 under an indicator is kept in
//!   [`FormFacts::breakdowns`](crate::table::model::FormFacts), shown, never scored; its parts are
//!   checked against the whole where both are plain amounts in one unit.
//! - **A block scored without targets** (`评价内容 | 分值 | 自评分 | 复核分`, the 湖北 county 项目决策 /
//!   项目管理 block) is read as indicators with empty targets before the grid, its unlabelled left
//!   column the 一级指标.
//! - **A total printed anywhere** (`自评总分: 95` above the form) is the published total where no
//!   总分 row gives one.
//! - **The funds row** may have no 年度资金总额 label: the row under a funds header holding an amount
//!   (`预算数(A) | 执行数(B)`); points named in the header (`预算执行情况(万元)(20分)`) are its 分值.
//!   Amounts written `3359.62万` are in 万元.
//! - **Shortened labels**: one character left of a vertical label (`产`, `效`, `满`, `总`) and
//!   levels named with 值 (`产出值`, `数量值`) are read in full, with a finding.
//! - **The reading the sums confirm**: 总分 against the 得分 (budget row included, or — where only
//!   that agrees — not: [`FormFacts::budget_outside`](crate::table::model::FormFacts)), the total
//!   分值 against the 分值, labels' points, 折算得分 against 得分 × 权重 ÷ 100. What no reading
//!   makes agree is [`FormFacts::unchecked`](crate::table::model::FormFacts): the project is 未核对,
//!   with no total or grade. Sums are compared within the rounding of what is printed.

pub(crate) mod beside;
mod budget_row;
mod carried;
mod continued;
mod funds;
pub(crate) use funds::{money_unit_named, money_unit_of, yuan_in};
pub(crate) use words::is_placeholder;
mod grid;
mod guessed;
pub(crate) mod pair;
mod points_heading;
mod projects_column;
mod reason_column;
mod rows;
mod subtotal;
pub(crate) mod target_beside;
mod title;
pub(crate) mod transposed;
mod words;

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::Ctx;
use crate::table::grid::{Cell, Merge, Row};
use crate::table::model::{
    Amounts, Breakdown, BudgetLine, FormFacts, FormKind, FormTotal, IndicatorRow, Project, Text,
    UnitRow,
};
use crate::table::source::Location;

use grid::{GridHeader, GridRead, Scope, block_row, grid_header};
use title::TitleArea;
use words::*;

/// Whether `n` (normalized) names a column of a form's indicator grid.
pub(crate) fn is_grid_name(n: &str) -> bool {
    GRID.iter().any(|(_, names)| names.contains(&n))
}

/// The rows where forms start (their first title line), or `None` when `rows` hold no form:
/// a label row `项目名称 | value` (or `部门名称 | value` under a 部门整体 title) followed by an
/// indicator grid without a 项目 column.
pub(crate) fn starts(rows: &[Row]) -> Option<Vec<usize>> {
    let Scan::Labels {
        mut anchors,
        grids,
        titled,
        headed,
        first_grid,
    } = scan(rows)
    else {
        return None;
    };
    if grids == 0 {
        return None;
    }
    if anchors.is_empty() {
        // grids with no project label: one form from the top, and another at each title line
        // between two grids (`A项目绩效自评表`, its grid, `B项目绩效自评表`, its grid: read as
        // one form, B's rows were scored as A's)
        return Some(std::iter::once(0).chain(titled).collect());
    }
    // a form named by a heading among labelled ones (`【B项目】` over its grid, no label since
    // the grid above): it starts there too (read with the form above, B's rows were A's)
    if !headed.is_empty() {
        anchors.extend(headed);
        anchors.sort_unstable();
        anchors.dedup();
    }
    // each form starts at its title lines; rows above the first label that hold a grid are a
    // form of their own (a headed form before the labelled ones)
    let mut out = Vec::with_capacity(anchors.len() + 1);
    let shared = first_grid.is_some_and(|g| g < anchors[0] && shared_header(rows, g, anchors[0]));
    if first_grid.is_some_and(|g| g < anchors[0]) && !shared {
        out.push(0);
    }
    let mut floor = 0;
    for &a in &anchors {
        let mut s = a;
        while s > floor && (rows[s - 1].is_blank() || is_title_line(&rows[s - 1])) {
            s -= 1;
        }
        while s < a && rows[s].is_blank() {
            s += 1;
        }
        out.push(if out.is_empty() && !shared { 0 } else { s });
        floor = a + 1;
    }
    Some(out)
}

/// Whether row `i` of `rows` heads a form's indicator grid (an indicator and a target column,
/// on it or with the row below it): [`starts`] finds a form only where a row does (or answers
/// `None` at a flat sheet's header, which the header search finds).
pub(crate) fn heads_grid(rows: &[Row], i: usize) -> bool {
    grid_header(rows, i).is_some()
}

/// Rows a form's indicator grid header may be stacked on at most (its first included).
pub(crate) const HEADER_ROWS: usize = grid::STACKED;

/// Whether [`starts`] answers `None` because `rows` reach a flat sheet's header (a grid header
/// with a 项目 column) before any form's label row: no row after that header matters to it,
/// so the first rows of a sheet tell it (the whole-table reader of a text sheet asks so before
/// reading the rest straight from the text).
pub(crate) fn flat_header_first(rows: &[Row]) -> bool {
    matches!(scan(rows), Scan::FlatHeader)
}

/// What [`starts`] finds going down the rows.
enum Scan {
    /// A flat sheet's header before any form's label row.
    FlatHeader,
    /// The label rows that start forms, and how many indicator grids; `titled`: the first
    /// title line of each run of them between one grid and the next (where no label row starts
    /// the forms, each starts one).
    Labels {
        anchors: Vec<usize>,
        grids: usize,
        titled: Vec<usize>,
        /// Heading rows naming a project (`【B项目】`) directly above a grid that no label row
        /// has started a form for since the grid before it.
        headed: Vec<usize>,
        /// The first grid header's row.
        first_grid: Option<usize>,
    },
}

fn scan(rows: &[Row]) -> Scan {
    let mut anchors = Vec::new();
    let mut grids = 0;
    let mut whole_title = false;
    // a grid header since the last anchor (kept as the rows go: looking back over them for
    // each label row made a sheet of 20 000 `项目名称` rows take minutes)
    let mut grid_since_anchor = false;
    let mut titled = Vec::new();
    // the first title line since the last grid, if any
    let mut title_after_grid: Option<usize> = None;
    // the row before this one that is not blank
    let mut above: Option<usize> = None;
    let mut headed = Vec::new();
    let mut first_grid = None;
    for (i, row) in rows.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        let row_above = above.replace(i);
        if row.filled().count() <= 2
            && row
                .filled()
                .any(|(_, c)| c.text.contains("整体") && c.text.contains("表"))
        {
            whole_title = true;
        }
        if grid_header(rows, i).is_some() {
            if anchors.is_empty()
                && (crate::table::columns::detect(row).is_some()
                    || rows.get(i + 1).is_some_and(|next| {
                        crate::table::columns::detect_two_rows(row, next).is_some()
                    }))
            {
                // a flat sheet's header (it has a 项目 column), on one row or two
                return Scan::FlatHeader;
            }
            // `【B项目】` or `（二）B项目` over a later grid: another form (read as one with the
            // form above, two grids gave one 未命名项目 of 200 points)
            let heading = (grids > 0)
                .then_some(row_above)
                .flatten()
                .filter(|&k| name_heading(&rows[k]).is_some());
            if let Some(t) = title_after_grid.take() {
                titled.push(t);
            } else if let Some(k) = heading {
                titled.push(k);
            }
            if let Some(k) = heading
                && grid_since_anchor
            {
                headed.push(k);
            }
            first_grid.get_or_insert(i);
            grids += 1;
            grid_since_anchor = true;
            continue;
        }
        if grids > 0 && title_after_grid.is_none() && is_title_line(row) {
            title_after_grid = Some(i);
        }
        if crate::table::columns::detect(row).is_some() {
            continue;
        }
        let short = row.filled().count() <= 6;
        if short
            && (label_value(row, PROJECT_LABELS).is_some_and(|v| v.is_some())
                || (whole_title && label_value(row, UNIT_LABELS).is_some_and(|v| v.is_some())))
        {
            // a second label row of the same form (部门名称 after 项目名称) is not a new form;
            // the same label again under a header printed once above every form (a page's
            // `<thead>` over one `<tbody>` a project) is
            let new_form = anchors.is_empty()
                || grid_since_anchor
                || (first_grid.is_some_and(|g| anchors.first().is_some_and(|&a| g < a))
                    && anchors.last().is_some_and(|&a| same_label(&rows[a], row)));
            if new_form {
                anchors.push(i);
                whole_title = false;
                grid_since_anchor = false;
            }
        }
    }
    Scan::Labels {
        anchors,
        grids,
        titled,
        headed,
        first_grid,
    }
}

/// Whether the grid header at `rows[g]` has only blank rows under it before the first label
/// row (`first`): a header printed once above every form (a page's `<thead>`), carried by
/// each form below, not a form of its own (before, a 未命名项目 with no indicators).
fn shared_header(rows: &[Row], g: usize, first: usize) -> bool {
    grid_header(rows, g).is_some_and(|h| rows[h.last_row + 1..first].iter().all(Row::is_blank))
}

/// Whether two label rows start with the same label (`项目名称` and `项目名称`).
fn same_label(a: &Row, b: &Row) -> bool {
    let first = |r: &Row| {
        r.filled()
            .next()
            .map(|(_, c)| crate::table::columns::normalize(&c.text))
    };
    first(a).is_some() && first(a) == first(b)
}

/// Where merged cells send an empty cell: the merge's first cell. Indexed by row (each row of
/// `rows` lists the merges that span it, in the sheet's order), so finding a cell's merge looks
/// at that row's merges only: a linear search of every merge for each empty cell made a form of
/// 20,000 merges quadratic. A sheet whose merges would list more than [`MERGE_ENTRIES`] row
/// entries (merges spanning the whole sheet, stacked) is read as if it had none, as one of more
/// than [`MAX_MERGES`] merges is (fill-down still applies).
struct Merges<'m> {
    merges: &'m [Merge],
    /// Index of `rows[0]` among the grid's rows (merges are in grid rows).
    base: usize,
    /// The merges spanning each row of `rows` (indices into `merges`, ascending): row `r`'s
    /// are `spanning[starts[r]..starts[r + 1]]`.
    starts: Vec<u32>,
    spanning: Vec<u32>,
}

/// Merges of one sheet past which they are not used.
const MAX_MERGES: usize = 20_000;

/// Row entries of the merge index past which a sheet's merges are not used (a real form's
/// merges span a few rows each).
const MERGE_ENTRIES: usize = 4_000_000;

impl<'m> Merges<'m> {
    /// The index of `merges` over `rows` rows from grid row `base`.
    fn new(merges: &'m [Merge], base: usize, rows: usize) -> Self {
        let none = Merges {
            merges: &[],
            base,
            starts: Vec::new(),
            spanning: Vec::new(),
        };
        if merges.is_empty() || merges.len() > MAX_MERGES {
            return none;
        }
        let end = base.saturating_add(rows);
        let clipped = |m: &Merge| m.rows.start.max(base)..m.rows.end.min(end);
        let entries: usize = merges.iter().map(|m| clipped(m).len()).sum();
        if entries > MERGE_ENTRIES {
            return none;
        }
        // counted, then placed: each row's merges in the sheet's order
        let mut starts = vec![0u32; rows + 1];
        for m in merges {
            for gr in clipped(m) {
                starts[gr - base + 1] += 1;
            }
        }
        for r in 0..rows {
            starts[r + 1] += starts[r];
        }
        let mut next = starts.clone();
        let mut spanning = vec![0u32; entries];
        for (i, m) in merges.iter().enumerate() {
            for gr in clipped(m) {
                let at = &mut next[gr - base];
                spanning[*at as usize] = i as u32;
                *at += 1;
            }
        }
        Merges {
            merges,
            base,
            starts,
            spanning,
        }
    }

    /// The row (relative to `rows`) and column of the cell whose value `(r, c)` shows.
    fn anchor(&self, r: usize, c: usize) -> Option<(usize, usize)> {
        let gr = r + self.base;
        let (from, to) = (*self.starts.get(r)?, *self.starts.get(r + 1)?);
        self.spanning[from as usize..to as usize]
            .iter()
            .map(|&i| &self.merges[i as usize])
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
    // a sheet of very many merges is read as if it had none (fill-down still applies), and
    // the report says so: a cell that showed a merged value may read empty
    let given = merges.len();
    let merges = Merges::new(merges, base, rows.len());
    if given > 0
        && merges.merges.is_empty()
        && let Some(first) = rows.first()
    {
        let f = ctx
            .finding(
                codes::FORM_MERGES_IGNORED,
                Severity::Warning,
                ctx.row_location(first),
                format!("本表有 {given} 处合并单元格，超过读取上限，按未合并读取"),
            )
            .label("这张表");
        ctx.findings.push(f);
    }
    let mut units: Vec<UnitRow> = Vec::new();
    let mut unit_hint: Option<String> = None;
    // a header printed once above every form (`shared_header`): the first form carries it
    let above = starts.first().map_or(0, |&s| s);
    let mut carried = (0..above).find_map(|i| grid_header(rows, i));
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(rows.len());
        let mut reader = FormReader {
            ctx,
            rows,
            merges: &merges,
            unit_hint: &mut unit_hint,
            carried: &mut carried,
            skip: 0..0,
            scoped: Vec::new(),
        };
        let Some((unit, projects)) = reader.form(s..end) else {
            continue;
        };
        match units.last_mut() {
            Some(u) if u.name == unit.text => u.projects.extend(projects),
            _ => units.push(UnitRow {
                name: unit.text,
                name_at: unit.at,
                amounts: Amounts::default(),
                projects,
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
    /// The grid header of the last form read, for a form with none of its own (`carried`).
    carried: &'c mut Option<GridHeader>,
    /// Rows inside the grid's span that are not the grid's: a funds block printed below the
    /// indicators (`TitleArea::funds_below`).
    skip: std::ops::Range<usize>,
    /// Each 小计 whose sums disagree: its unchecked sum as said, and the places (offset, line)
    /// of the indicator rows it sums; a form read apart by its projects leaves each such sum
    /// only to the project of those rows (`projects_column`).
    scoped: Vec<(String, Vec<(usize, u32)>)>,
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

impl FormReader<'_, '_, '_> {
    /// Reads one form: its title area down to the grid, the grid under it, the form's own sums
    /// checked, then the project with its unit, name, kind, budget line and facts (or the
    /// projects a 项目名称 column reads it apart into: `projects_column`).
    fn form(&mut self, span: std::ops::Range<usize>) -> Option<(Text, Vec<Project>)> {
        let rows = self.rows;
        let form_at = rows[span.clone()]
            .iter()
            .find(|r| !r.is_blank())
            .map(|r| self.ctx.row_location(r))?;
        let mut area = self.title_area(span.clone());
        // a title area with no grid: not a form (its rows are not data), unless its rows go
        // on under the grid header of the form above (`carried`)
        let (mut grid, from) = match area.grid.take() {
            Some(grid) => {
                *self.carried = Some(grid.clone());
                let from = grid.last_row + 1;
                (grid, from)
            }
            None => {
                let grid = self.carried.clone()?;
                let first = self.carried_start(&grid, span.clone())?;
                area = self.title_area(span.start..first);
                self.carried_note(first, &grid);
                (grid, first)
            }
        };
        for text in [&mut area.goal, &mut area.goal_actual] {
            if let Some(t) = text
                && is_template_text(&t.text)
            {
                self.template_text(t.at);
                *text = None;
            }
        }
        self.actual_year(&mut grid, area.year);
        let grid = grid.with_figures(rows);
        if grid.figures != [None; 2] {
            self.header_units(&grid);
        }
        self.skip = self.funds_below(&mut area, from, span.end).unwrap_or(0..0);
        let block = area.money_unit.as_deref().and_then(money_unit_of);
        self.reconcile_funds(&mut area.funds, &area.parts, block);
        self.funds_units(&mut area, form_at);
        self.check_rate(&area.funds);
        let outer = (from > grid.last_row && grid.first_row >= span.start)
            .then(|| self.outer_scope(&grid, span.start))
            .flatten();
        let column = self.projects_column(&grid, from..span.end);
        let mut read = self.grid(&grid, from..span.end, outer);
        // the grid's own budget row, else a label above the grid with its rate
        if let Some(b) = read.budget_row.take().or(area.budget_label.take()) {
            self.budget_into_funds(&mut area.funds, b);
        }
        let listed = area.first_block.indicators.iter().chain(&read.indicators);
        self.budget_points_from_total(&mut area.funds, listed, read.total.as_ref());
        let body = self.join_blocks(&mut area, read);
        let budget_outside = self.budget_outside(&area, &body, form_at);
        let unit = self.unit_of(&mut area, form_at);
        let project = self.project_name(&mut area, &unit, form_at);
        let has_actuals = grid.col(Col::Actual).is_some() || grid.col(Col::Score).is_some();
        let kind = form_kind(area.title.as_deref(), has_actuals);
        let funds = &area.funds;
        // the budget the line states (the initial one where no other is given) and its cell
        let (budget_figure, budget_cell) = match funds.budget {
            Some(b) => (Some(b), funds.cells[1]),
            None => (funds.initial, funds.cells[0]),
        };
        // no amounts, but points and a printed rate: budget execution scored from the rate
        let rate_only = budget_figure.is_none() && funds.spent.is_none() && funds.weight.is_some();
        let rate = rate_only
            .then(|| funds.rate.as_deref().and_then(budget_row::share))
            .flatten();
        let rate_doubt = rate_only
            && rate.is_none()
            && self.rate_doubt(funds.rate.as_deref(), funds.at.unwrap_or(form_at));
        let budget = (funds.budget.is_some()
            || funds.spent.is_some()
            || funds.weight.is_some()
            || funds.score.is_some())
        .then(|| BudgetLine {
            budget: budget_figure,
            spent: funds.spent,
            rate,
            rate_doubt,
            weight: funds.weight,
            published_score: funds.score,
            at: funds.at.unwrap_or(form_at),
            // each read from one cell, not the 其中 rows' sum
            cells: match funds.from_parts {
                true => [None; 2],
                false => [budget_cell, funds.cells[2]],
            },
        });
        // no year in the title: the year the project is named for (`2018年市级专项扶贫资金…`)
        let year = area.year.or_else(|| year_in(&project.text));
        let facts = FormFacts {
            kind,
            title: area.title,
            year,
            department: area.department.map(|d| d.text),
            money_unit: area.money_unit,
            budget_initial: area.funds.initial,
            execution_rate: area.funds.rate,
            goal_actual: area.goal_actual,
            category_points: body.category_points,
            total: body.total,
            breakdowns: body.breakdowns,
            unchecked: body.unchecked,
            budget_outside,
        };
        let whole = Project {
            name: project.text,
            name_at: project.at,
            amounts: Amounts::default(),
            goal: area.goal,
            indicators: body.indicators,
            budget,
            at: form_at,
            form: Some(Box::new(facts)),
        };
        Some((unit, self.apart(whole, column)))
    }

    /// The funds' amounts in one money unit: where 年初预算数, 全年预算数 and 全年执行数 are in
    /// different units (one written `2,000,000元` in a 万元 block, a column headed
    /// `全年执行数（元）`), each stated unit is converted to the block's (else the budget's, else
    /// 万元), with a finding: read as printed, 2,000,000 元 of a 300 万元 budget was an execution
    /// of 666,666 % and full points. Where they agree, as [`Self::funds_in_wan`].
    fn funds_units(&mut self, area: &mut TitleArea, form_at: Location) {
        let f = &area.funds;
        let block = area.money_unit.as_deref().and_then(money_unit_of);
        let present = [f.initial, f.budget, f.spent].map(|v| v.is_some());
        let units: Vec<&str> = (0..3)
            .filter(|&k| present[k])
            .filter_map(|k| f.stated[k].or(block))
            .collect();
        if units.windows(2).all(|w| w[0] == w[1]) {
            return self.funds_in_wan(area, form_at);
        }
        let target = block.or(f.stated[1]).unwrap_or("万元");
        let (Some(into), at) = (yuan_in(target), f.at.unwrap_or(form_at)) else {
            return;
        };
        let mut told = Vec::new();
        let f = &mut area.funds;
        let names = ["年初预算数", "全年预算数", "全年执行数"];
        for (k, v) in [&mut f.initial, &mut f.budget, &mut f.spent]
            .into_iter()
            .enumerate()
        {
            let (Some(x), Some(unit)) = (*v, f.stated[k]) else {
                continue;
            };
            let converted = yuan_in(unit).and_then(|y| x.checked_mul(y)?.checked_div(into));
            if unit == target || converted.is_none() {
                continue;
            }
            *v = converted;
            told.push(format!(
                "{} {} {unit} 按 {target} 读作 {}",
                names[k],
                x.normalize(),
                converted.unwrap_or_default().normalize()
            ));
        }
        area.money_unit = Some(target.to_owned());
        let message = format!("资金金额的单位不一致，换算为{target}：{}", told.join("；"));
        let finding = self
            .ctx
            .finding(codes::FORM_AMOUNT_UNITS, Severity::Warning, at, message)
            .label("金额单位不一")
            .help("资金各栏用同一金额单位填写");
        self.ctx.findings.push(finding);
    }

    /// Amounts written `3359.62万` are in 万元, whatever the block's unit says (a finding where
    /// it says another).
    fn funds_in_wan(&mut self, area: &mut TitleArea, form_at: Location) {
        if !area.funds.wan {
            return;
        }
        match area.money_unit.as_deref() {
            None => area.money_unit = Some("万元".to_owned()),
            Some("万元") => {}
            Some(other) => {
                let at = area.funds.at.unwrap_or(form_at);
                self.reading(
                    at,
                    format!("资金金额写作“…万”，按万元读取（表头金额单位为{other}）"),
                );
                area.money_unit = Some("万元".to_owned());
            }
        }
    }

    /// A block label with points just above the grid header, bounding the grid's first rows
    /// (or a label with points in the header row itself: `年度绩效目标(80分) | 一级指标 | …`).
    fn outer_scope(&self, grid: &GridHeader, start: usize) -> Option<Scope> {
        let rows = self.rows;
        let header_label = rows[grid.first_row]
            .filled()
            .filter(|(j, _)| !grid.cols.iter().any(|(_, k)| k == j))
            .find_map(|(_, c)| {
                let (p, label) = points_in(&c.text);
                p.filter(|_| label.chars().count() <= 16)
                    .map(|p| (label, p, c.location(self.ctx.source)))
            });
        rows[start..grid.first_row]
            .iter()
            .rev()
            .find(|r| !r.is_blank())
            .and_then(|r| {
                block_row(r).map(|(label, points)| (label, points, self.ctx.row_location(r)))
            })
            .or(header_label)
            .map(|(label, points, at)| Scope {
                label,
                points,
                depth: 0,
                members: Vec::new(),
                at,
                score: None,
            })
    }

    /// A total printed above the grid (`自评得分 | 95`) and the 总分 row's that differ: the
    /// form says two totals, a finding and a mismatch (the project is 未核对; the one above
    /// was dropped without a word).
    fn two_totals(&mut self, row: &FormTotal, top: &FormTotal) -> Option<String> {
        let (Some(a), Some(b)) = (row.score, top.score) else {
            return None;
        };
        if a == b {
            return None;
        }
        let (a, b) = (a.normalize(), b.normalize());
        let f = self
            .ctx
            .finding(
                codes::FORM_TOTAL_MISMATCH,
                Severity::Warning,
                top.at,
                format!("表头所写总分 {b} 与总分行的 {a} 不一致"),
            )
            .label("表头所写总分")
            .help("核对表头的得分与表末的总分");
        self.ctx.findings.push(f);
        Some(format!("表头所写总分 {b} ≠ 总分行 {a}"))
    }

    /// The block scored without targets and the grid as one body of indicators (the grid's
    /// numbered after the block's), its total (the 总分 row, else a total printed above the
    /// grid), and the sums checked against it.
    fn join_blocks(&mut self, area: &mut TitleArea, read: GridRead) -> FormBody {
        let first = std::mem::take(&mut area.first_block);
        let mut indicators = first.indicators;
        let offset = indicators.len() as u32;
        for mut row in read.indicators {
            row.seq += offset;
            indicators.push(row);
        }
        let mut category_points = first.category_points;
        category_points.extend(read.category_points);
        let mut unchecked = first.mismatches;
        unchecked.extend(read.mismatches);
        let total = match (read.total, area.top_total.take()) {
            (Some(mut t), Some(top)) => {
                unchecked.extend(self.two_totals(&t, &top));
                t.score = t.score.or(top.score);
                Some(t)
            }
            (t, top) => t.or(top),
        };
        let (mismatches, outside) = self.check_total(
            total.as_ref(),
            area.funds.weight,
            area.funds.score.or(area.funds.implied_score),
            &indicators,
        );
        unchecked.extend(mismatches);
        let mut breakdowns = read.breakdowns;
        breakdowns.iter_mut().for_each(|b| b.parent += offset);
        FormBody {
            indicators,
            category_points,
            total,
            unchecked,
            breakdowns,
            outside,
        }
    }

    /// Whether the budget row is outside the total: where the sums agree only without it, or
    /// where it has no points and the indicators' 分值 make the whole (a finding says so). A
    /// form whose sums no reading makes agree is 未核对 (a finding).
    fn budget_outside(&mut self, area: &TitleArea, body: &FormBody, form_at: Location) -> bool {
        let funds = &area.funds;
        let has_funds = funds.budget.is_some() || funds.spent.is_some();
        let weights: Option<Decimal> = body.indicators.iter().map(|i| i.weight).sum();
        // a reading is taken only where the form's sums then agree
        let mut budget_outside = body.outside && body.unchecked.is_empty();
        if body.outside {
            // the sums agree only without the budget row: shown as printed, not scored
        } else if has_funds
            && body.unchecked.is_empty()
            && funds.weight.is_none()
            && !body.indicators.is_empty()
            && weights
                == Some(
                    body.total
                        .as_ref()
                        .and_then(|t| t.weight)
                        .unwrap_or(Decimal::ONE_HUNDRED),
                )
        {
            // no points for the budget and the indicators' 分值 make the whole: not scored
            budget_outside = true;
            let at = funds.at.unwrap_or(form_at);
            self.reading(
                at,
                format!(
                    "预算执行没有分值，各指标分值之和 {} 即总分值：预算执行不计分",
                    weights.unwrap_or_default().normalize()
                ),
            );
        }
        if !body.unchecked.is_empty() {
            let at = body.total.as_ref().map(|t| t.at).unwrap_or(form_at);
            let f = self
                .ctx
                .finding(
                    codes::FORM_UNCHECKED,
                    Severity::Warning,
                    at,
                    format!("表内加总不符，未核对：{}", body.unchecked.join("；")),
                )
                .label("未核对")
                .help("核对原表的分值与得分；jixiao 不为该项目给出总分和等级");
            self.ctx.findings.push(f);
        }
        budget_outside
    }

    /// The form's unit: 实施单位, else a `部门：…` above the form, else 主管部门, else empty.
    fn unit_of(&self, area: &mut TitleArea, form_at: Location) -> Text {
        area.unit
            .take()
            .or_else(|| {
                self.unit_hint.clone().map(|t| Text {
                    text: t,
                    at: form_at.with_len(0),
                })
            })
            .or_else(|| area.department.clone())
            .unwrap_or(Text {
                text: String::new(),
                at: form_at.with_len(0),
            })
    }

    /// The project's name: its 项目名称, else one made from the title or the unit (a finding).
    fn project_name(&mut self, area: &mut TitleArea, unit: &Text, form_at: Location) -> Text {
        if let Some(p) = area.project.take().filter(|p| !p.text.is_empty()) {
            return p;
        }
        if let Some(h) = area.heading.take() {
            let f = self
                .ctx
                .finding(
                    codes::FORM_NAME_FROM_HEADING,
                    Severity::Info,
                    h.at,
                    format!("表单没有“项目名称”一栏，按标题行读作「{}」，请核对", h.text),
                )
                .label("项目名称");
            self.ctx.findings.push(f);
            return h;
        }
        let name = match (&area.title, unit.text.is_empty()) {
            (Some(t), _) if t.contains("整体") => {
                format!("{}部门整体支出", unit.text)
            }
            (Some(t), true) => t.clone(),
            (_, false) => unit.text.clone(),
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
}

/// The indicators of a form (a block scored without targets and the grid) with what their sums
/// say.
struct FormBody {
    indicators: Vec<IndicatorRow>,
    category_points: Vec<(std::sync::Arc<str>, Decimal)>,
    total: Option<FormTotal>,
    /// The sums no reading makes agree.
    unchecked: Vec<String>,
    breakdowns: Vec<Breakdown>,
    /// Whether the sums agree only without the budget row.
    outside: bool,
}

/// A target form (申报表, 目标表, or a grid with no actual and no score column) or a
/// self-evaluation form.
fn form_kind(title: Option<&str>, has_actuals: bool) -> FormKind {
    match title {
        Some(t) if t.contains("申报") || (t.contains("目标表") && !t.contains("自评")) => {
            FormKind::Target
        }
        _ if !has_actuals => FormKind::Target,
        _ => FormKind::SelfEvaluation,
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

#[cfg(test)]
mod tests {
    use super::{Merge, Merges};

    /// The anchor as the linear search before the index found it: the first merge in the
    /// sheet's order holding the cell.
    fn searched(merges: &[Merge], base: usize, r: usize, c: usize) -> Option<(usize, usize)> {
        let gr = r + base;
        merges
            .iter()
            .find(|m| m.rows.contains(&gr) && m.cols.contains(&c))
            .filter(|m| m.rows.start != gr || m.cols.start != c)
            .and_then(|m| Some((m.rows.start.checked_sub(base)?, m.cols.start)))
    }

    #[test]
    fn the_row_index_finds_what_the_search_of_every_merge_found() {
        // overlapping merges (the first wins), one starting above `base`, one past the rows,
        // one cell wide, and a pseudo-random scatter
        let mut merges = vec![
            Merge {
                rows: 0..4,
                cols: 0..2,
            },
            Merge {
                rows: 2..9,
                cols: 1..5,
            },
            Merge {
                rows: 5..6,
                cols: 3..4,
            },
            Merge {
                rows: 7..40,
                cols: 0..1,
            },
        ];
        let mut x: usize = 7;
        for _ in 0..200 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let (r, c) = ((x >> 20) % 30, (x >> 40) % 8);
            let (h, w) = (1 + (x >> 8) % 4, 1 + (x >> 12) % 3);
            merges.push(Merge {
                rows: r..r + h,
                cols: c..c + w,
            });
        }
        for base in [0, 3] {
            let rows = 25;
            let index = Merges::new(&merges, base, rows);
            for r in 0..rows {
                for c in 0..10 {
                    assert_eq!(
                        index.anchor(r, c),
                        searched(&merges, base, r, c),
                        "base {base}, ({r}, {c})"
                    );
                }
            }
            // past the rows given, nothing
            assert_eq!(index.anchor(rows, 0), None);
        }
    }
}
