//! A form that goes on under the grid header of the form above it: a second project's label row
//! (`项目名称 | 丙项目`) after the first's grid and total, then its indicator rows with no header
//! of their own, as sheets that stack projects print them. Read as its own project under the
//! grid header above (its columns), with `table.form-grid-carried` saying so. Before, a form with
//! no grid header was "not a form": its project and every indicator under it vanished without a
//! word, the sheet reporting only the first.
//!
//! The grid starts at the first row under the labels whose cells under the carried header's
//! indicator and target columns are both filled, the indicator's not a bare figure (a funds row
//! of amounts is none), and that names no project label itself.

use crate::finding::{Severity, codes};
use crate::table::grid::Row;

use super::FormReader;
use super::grid::GridHeader;
use super::words::{Col, PROJECT_LABELS, TOTAL_ROW, label_value};

/// Whether `row` reads as an indicator row of the grid `header` heads.
fn continues(row: &Row, header: &GridHeader) -> bool {
    let (Some(ind), Some(target)) = (header.col(Col::Indicator), header.col(Col::Target)) else {
        return false;
    };
    let (name, value) = (row.text(ind).trim(), row.text(target).trim());
    if name.is_empty() || value.is_empty() || row.filled().count() < 3 {
        return false;
    }
    // a bare figure is a funds row's amount, never an indicator's name
    let figure = name
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '-'));
    let total = TOTAL_ROW.contains(&crate::table::columns::normalize(name).as_str());
    !figure && !total && label_value(row, PROJECT_LABELS).is_none()
}

impl FormReader<'_, '_, '_> {
    /// The first row of `span` that reads as an indicator row of `header` (the grid header of
    /// the form above), for a form with no grid header of its own; `None` where none does.
    pub(super) fn carried_start(
        &self,
        header: &GridHeader,
        span: std::ops::Range<usize>,
    ) -> Option<usize> {
        span.into_iter()
            .find(|&k| !self.rows[k].is_blank() && continues(&self.rows[k], header))
    }

    /// `table.form-grid-carried` at row `first`, the first indicator row of a form read under
    /// the grid header of the form above.
    pub(super) fn carried_note(&mut self, first: usize, header: &GridHeader) {
        let f = self
            .ctx
            .finding(
                codes::FORM_GRID_CARRIED,
                Severity::Warning,
                self.ctx.row_location(&self.rows[first]),
                format!(
                    "这一项目的指标没有自己的表头：按上一个项目的指标表头（第 {} 行）的各列读取",
                    self.ctx.row_location(&self.rows[header.first_row]).line
                ),
            )
            .label("沿用上方表头")
            .help("核对读出的各指标；最好在每个项目的指标前印出表头");
        self.ctx.findings.push(f);
    }
}
