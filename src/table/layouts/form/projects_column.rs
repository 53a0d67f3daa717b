//! A form (a 部门整体 one, as published) whose indicator grid has a 项目名称 column naming two projects or more (each
//! row its project, or one cell merged down its rows): the form is read and scored as the one
//! department's, its 合计 checked over every row, and the projects the column names are said
//! (`table.form-projects-column`), never dropped without a word. Which project a row belongs
//! to is not carried into the report yet: the way forward is to read the grid as a flat sheet.

use crate::finding::{Severity, codes};
use crate::table::columns::{Role, is_sheet_header_name, normalize};

use super::FormReader;
use super::grid::GridHeader;
use super::words::TOTAL_ROW;

/// Projects named at most (the rest counted).
const NAMED: usize = 4;

impl FormReader<'_, '_, '_> {
    /// `table.form-projects-column` where the grid header names a 项目 column whose cells in
    /// `body` (the grid's rows) name two projects or more.
    pub(super) fn projects_column(&mut self, grid: &GridHeader, body: std::ops::Range<usize>) {
        let rows = self.rows;
        let Some((col, head)) = rows[grid.first_row..=grid.last_row]
            .iter()
            .flat_map(|r| r.filled())
            .find(|(_, c)| c.text.len() <= 48 && is_sheet_header_name(Role::Project, &c.text))
        else {
            return;
        };
        let mut names: Vec<String> = Vec::new();
        for row in &rows[body] {
            let Some(cell) = row.cell(col) else {
                continue;
            };
            let name = cell.text.trim();
            let total = TOTAL_ROW.contains(&normalize(name).as_str()) || name.starts_with("总分");
            if !name.is_empty() && !total && !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
        if names.len() < 2 {
            return;
        }
        let shown = names
            .iter()
            .take(NAMED)
            .cloned()
            .collect::<Vec<_>>()
            .join("、");
        let more = match names.len() > NAMED {
            true => format!("等 {} 个", names.len()),
            false => String::new(),
        };
        let f = self
            .ctx
            .finding(
                codes::FORM_PROJECTS_COLUMN,
                Severity::Warning,
                head.location(self.ctx.source),
                format!(
                    "指标表的「{}」列列出 {} 个项目（{shown}{more}）：按一张表（部门整体）读取和评分，合计按全表核对，各指标所属的项目没有分开",
                    head.text.trim(),
                    names.len()
                ),
            )
            .label("多个项目")
            .help("要按项目评分：删去表头上方的部门名称等行，这张表即按每行的项目名称分项目读取");
        self.ctx.findings.push(f);
    }
}
