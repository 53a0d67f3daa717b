//! A grid row that names a category in its 一级指标 (or 二级指标) column and prints points in
//! its 分值 column, with no indicator, target or actual (`产出指标 | | | | 30`, a heading row over
//! its block): the category's points, bounding the rows under it as `产出指标（30分）` does
//! (shared where they print no 分值, checked where they do, and against its 得分 where it
//! prints one). Read as a row without a name before, its points were dropped with a
//! `table.missing-name` and the rows' blank 分值 made up from the form's total.

use crate::finding::{Severity, codes};

use super::FormReader;
use super::grid::{GridHeader, Scope};
use super::rows::Walk;
use super::words::{Col, tidy};

impl FormReader<'_, '_, '_> {
    /// Whether row `r` is such a heading row: its category taken (the rows under it read in
    /// it) and its points opened as the category's scope, said.
    pub(super) fn points_heading(&mut self, w: &mut Walk, h: &GridHeader, r: usize) -> bool {
        let row = &self.rows[r];
        let own = |c: Col| {
            h.col(c)
                .and_then(|k| row.cell(k))
                .filter(|x| !x.text.trim().is_empty())
        };
        let figures = [
            Col::Indicator,
            Col::Target,
            Col::Nature,
            Col::Measure,
            Col::Actual,
        ];
        if figures.iter().any(|&c| own(c).is_some()) || own(Col::Weight).is_none() {
            return false;
        }
        let (depth, cell) = match (own(Col::Level1), own(Col::Level2)) {
            (Some(c), None) => (1u8, c),
            (None, Some(c)) => (2u8, c),
            _ => return false,
        };
        let (weight, score) = self.weight_and_score(h, row);
        let Some(points) = weight else {
            return false;
        };
        let _ = match depth {
            1 => self.category(w, h, r),
            _ => self.subcategory(w, h, r),
        };
        let label = match depth {
            1 => w.level1(),
            _ => w.level2(),
        }
        .unwrap_or_default()
        .to_owned();
        let at = cell.location(self.ctx.source);
        match w.open[usize::from(depth)] {
            // the label printed its points too (`产出指标（30分）`): those stand, checked
            Some(k) => w.scopes[k].score = w.scopes[k].score.or(score),
            None => {
                if depth == 1 && !label.is_empty() {
                    w.points.push((label.as_str().into(), points));
                }
                w.scopes.push(Scope {
                    label: label.clone(),
                    points,
                    depth,
                    members: Vec::new(),
                    at,
                    score,
                });
                w.open[usize::from(depth)] = Some(w.scopes.len() - 1);
            }
        }
        let f = self
            .ctx
            .finding(
                codes::FORM_CATEGORY_ROW,
                Severity::Info,
                at,
                format!(
                    "「{}」是指标类别「{label}」的标题行，分值 {} 分属于其下各指标（没有三级指标和指标值，不作为指标计分）；其下各指标的分值、得分与之核对",
                    tidy(&cell.text),
                    points.normalize()
                ),
            )
            .label("类别标题行");
        self.ctx.rows_skipped += 1;
        self.ctx.findings.push(f);
        true
    }
}
