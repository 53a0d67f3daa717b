//! A form (a 部门整体 one, as published) whose indicator grid has a 项目名称 column naming two
//! projects or more (each row its project, or one cell merged down its rows): the form's own
//! sums (its 合计, the 小计 rows) are checked over every row as one form's, then the form is
//! read apart, a project for each name the column gives, where every indicator row says (or is
//! under a row that says) which project it is; each project keeps its own indicators, points and
//! printed scores, and the department's funds block is a project of the form's own name with
//! the budget line alone. Where a row before the first name says none, the form stays one
//! (the department's). Either reading is said (`table.form-projects-apart`,
//! `table.form-projects-column`), never silently.

use std::collections::HashMap;

use crate::finding::{Severity, codes};
use crate::source::Location;
use crate::table::columns::{Role, is_sheet_header_name, normalize};
use crate::table::layouts::sheet_total::names_subtotal;
use crate::table::model::{FormFacts, Project};

use super::FormReader;
use super::grid::GridHeader;
use super::words::TOTAL_ROW;

/// Projects named at most in a message (the rest counted).
const NAMED: usize = 4;

/// The 项目名称 column of a form's grid, as the grid's rows fill it.
pub(super) struct ProjectsColumn {
    /// The header cell's text and place.
    head: String,
    head_at: Location,
    /// Each name in the order of first appearance, with the place of its first cell.
    names: Vec<(String, Location)>,
    /// A body row's name (an index of `names`), by the row's `(offset, line)`: the cell's own,
    /// else the one above it (a merged cell reads empty below its first row).
    by_row: HashMap<(usize, u32), usize>,
}

impl FormReader<'_, '_, '_> {
    /// The grid header's 项目 column whose cells in `body` (the grid's rows) name two projects
    /// or more, with each row's project; `None` where there is no such column.
    pub(super) fn projects_column(
        &mut self,
        grid: &GridHeader,
        body: std::ops::Range<usize>,
    ) -> Option<ProjectsColumn> {
        let rows = self.rows;
        let (col, head) = rows[grid.first_row..=grid.last_row]
            .iter()
            .flat_map(|r| r.filled())
            .find(|(_, c)| c.text.len() <= 48 && is_sheet_header_name(Role::Project, &c.text))?;
        let mut column = ProjectsColumn {
            head: head.text.trim().to_owned(),
            head_at: head.location(self.ctx.source),
            names: Vec::new(),
            by_row: HashMap::new(),
        };
        let mut current: Option<usize> = None;
        for row in &rows[body] {
            let name = row.cell(col).map_or("", |c| c.text.trim());
            let n = normalize(name);
            if TOTAL_ROW.contains(&n.as_str()) || name.starts_with("总分") || names_subtotal(name)
            {
                // a total or subtotal row: not a project, and the project above goes on
            } else if !name.is_empty() {
                let at = row.cell(col).map(|c| c.location(self.ctx.source));
                current = Some(match column.names.iter().position(|(n, _)| n == name) {
                    Some(k) => k,
                    None => {
                        column
                            .names
                            .push((name.to_owned(), at.unwrap_or(column.head_at)));
                        column.names.len() - 1
                    }
                });
            }
            if let Some(k) = current {
                let at = self.ctx.row_location(row);
                column.by_row.insert((at.offset, at.line), k);
            }
        }
        (column.names.len() >= 2).then_some(column)
    }

    /// The form's `project` read apart by `column` (see the module's doc), or kept whole where
    /// an indicator row names no project; the reading taken is said.
    pub(super) fn apart(
        &mut self,
        project: Project,
        column: Option<ProjectsColumn>,
    ) -> Vec<Project> {
        let Some(column) = column else {
            return vec![project];
        };
        let owner: Option<Vec<usize>> = project
            .indicators
            .iter()
            .map(|i| {
                let at = i.at.item();
                column.by_row.get(&(at.offset, at.line)).copied()
            })
            .collect();
        let listed = listed(&column);
        let Some(owner) = owner else {
            let f = self
                .ctx
                .finding(
                    codes::FORM_PROJECTS_COLUMN,
                    Severity::Warning,
                    column.head_at,
                    format!(
                        "指标表的「{}」列列出 {listed}，但有指标行在第一个项目名称之前、不属于任何项目：按一张表（部门整体）读取和评分，合计按全表核对，各指标所属的项目没有分开",
                        column.head
                    ),
                )
                .label("多个项目")
                .help("在每个指标行（或合并的单元格）写明所属项目，这张表即按项目分开读取");
            self.ctx.findings.push(f);
            return vec![project];
        };
        let whole_total = project.form.as_deref().and_then(|f| f.total.as_ref());
        let whole_total = whole_total.and_then(|t| t.score);
        let budget_note = match project.budget.is_some() {
            true => format!("；部门的资金（预算执行）单列为「{}」", project.name),
            false => String::new(),
        };
        let f = self
            .ctx
            .finding(
                codes::FORM_PROJECTS_APART,
                Severity::Warning,
                column.head_at,
                format!(
                    "指标表的「{}」列列出 {listed}：按项目分开读取和评分，各项目只含写明属于它的指标行{budget_note}；表内合计{}按全表核对（不符时各项目都未核对），不作为任何一个项目的总分；小计不符时只有它所加总的指标所属的项目未核对",
                    column.head,
                    total_shown(whole_total)
                ),
            )
            .label("分项目读取");
        self.ctx.findings.push(f);
        let scoped = std::mem::take(&mut self.scoped);
        split(project, &column, &owner, &scoped)
    }
}

/// ` 84 分` of a printed total, or nothing.
fn total_shown(score: Option<rust_decimal::Decimal>) -> String {
    score.map_or(String::new(), |s| format!(" {} 分", s.normalize()))
}

/// `2 个项目（A、B）`, the first [`NAMED`] names shown.
fn listed(column: &ProjectsColumn) -> String {
    let shown: Vec<&str> = column
        .names
        .iter()
        .take(NAMED)
        .map(|(n, _)| n.as_str())
        .collect();
    let more = match column.names.len() > NAMED {
        true => format!("等 {} 个", column.names.len()),
        false => String::new(),
    };
    format!(
        "{} 个项目（{}{more}）",
        column.names.len(),
        shown.join("、")
    )
}

/// The projects `column` names, each with the indicators `owner` gives it, and the department's
/// budget line (where the form has one) as a project of the form's name. Each keeps the form's
/// facts but its total (the 合计 is the whole form's) and the 其中 rows of other projects, and
/// its unchecked sums but those of a 小计 over other projects' rows alone (`scoped`: each such
/// sum with the places of the rows it sums).
fn split(
    mut whole: Project,
    column: &ProjectsColumn,
    owner: &[usize],
    scoped: &[(String, Vec<(usize, u32)>)],
) -> Vec<Project> {
    let facts = whole.form.take();
    let facts_for = |seqs: &[u32], budget: bool, places: &[(usize, u32)]| {
        facts.as_deref().map(|f| {
            let theirs = |m: &String| {
                scoped
                    .iter()
                    .any(|(s, rows)| s == m && !rows.iter().any(|r| places.contains(r)))
            };
            Box::new(FormFacts {
                total: None,
                unchecked: f.unchecked.iter().filter(|m| !theirs(m)).cloned().collect(),
                breakdowns: f
                    .breakdowns
                    .iter()
                    .filter(|b| seqs.contains(&b.parent))
                    .cloned()
                    .collect(),
                budget_outside: budget && f.budget_outside,
                ..f.clone()
            })
        })
    };
    let mut parts: Vec<Project> = Vec::new();
    if let Some(budget) = whole.budget.take() {
        parts.push(Project {
            name: whole.name.clone(),
            name_at: whole.name_at,
            amounts: whole.amounts.clone(),
            goal: whole.goal.take(),
            indicators: Vec::new(),
            budget: Some(budget),
            at: whole.at,
            form: facts_for(&[], true, &[]),
        });
    }
    let mut groups: Vec<Vec<_>> = column.names.iter().map(|_| Vec::new()).collect();
    for (ind, &k) in whole.indicators.into_iter().zip(owner) {
        groups[k].push(ind);
    }
    for ((name, at), indicators) in column.names.iter().zip(groups) {
        if indicators.is_empty() {
            continue;
        }
        let seqs: Vec<u32> = indicators.iter().map(|i| i.seq).collect();
        let places: Vec<(usize, u32)> = indicators
            .iter()
            .map(|i| super::subtotal::place(i.at.item()))
            .collect();
        parts.push(Project {
            name: name.clone(),
            name_at: *at,
            amounts: Default::default(),
            goal: None,
            // the first project read holds the form's head (and the findings made there)
            at: match parts.is_empty() {
                true => whole.at,
                false => indicators[0].at.item(),
            },
            indicators,
            budget: None,
            form: facts_for(&seqs, false, &places),
        });
    }
    parts
}
