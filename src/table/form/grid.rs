//! The indicator grid of a form: its header (one or two rows; split target columns), the rows
//! below it with categories filled down or merged, placeholder and category rows set aside, the
//! 总分 row, points printed beside a category shared where no 分值 is given, and the office's
//! total checked against the 得分 it prints.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::columns::normalize;
use crate::table::grid::{Cell, Row};
use crate::table::model::{FormTotal, IndicatorRow, IndicatorSource};
use crate::table::self_eval::join_target;

use super::words::*;
use super::{FormReader, shown};

/// The indicator grid's header: the column of each role, and its last row.
#[derive(Debug, Clone)]
pub(super) struct GridHeader {
    pub cols: Vec<(Col, usize)>,
    pub last_row: usize,
}

impl GridHeader {
    pub fn col(&self, c: Col) -> Option<usize> {
        self.cols.iter().find(|(x, _)| *x == c).map(|(_, i)| *i)
    }
}

/// The grid roles named by a row's cells (the first column of a role wins).
pub(super) fn grid_roles(row: &Row) -> Vec<(Col, usize)> {
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
pub(super) fn grid_header(rows: &[Row], i: usize) -> Option<GridHeader> {
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

impl FormReader<'_, '_, '_> {
    /// The indicator rows of the grid, the total row, and the points printed by category.
    #[allow(clippy::type_complexity)]
    pub(super) fn grid(
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
    pub(super) fn share_points(
        &mut self,
        indicators: &mut [IndicatorRow],
        points: &[(Arc<str>, Decimal)],
    ) {
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

    /// The office's own arithmetic: its 总分 against the sum of the 得分 it prints (the budget
    /// row's included), where it prints both, within the rounding of what it prints.
    pub(super) fn check_total(
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
        // within the rounding of what is printed: the total's, and half a unit of each 得分
        // printed with decimals (`9.48` may be 9.475 to 9.485)
        let half = |d: &Decimal| match d.scale() {
            0 => Decimal::ZERO,
            s => Decimal::new(5, s + 1),
        };
        let tol = Decimal::new(5, printed.normalize().scale() + 1)
            + scores
                .iter()
                .chain(budget_score.iter())
                .map(half)
                .sum::<Decimal>();
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
