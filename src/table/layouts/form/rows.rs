//! The rows under a form's grid header, one step a kind of row, in the order `grid` tries
//! them: the rows after the indicators (the 总分 row, a 自评等级 row under it, conclusions,
//! signatures, notes), a header printed again, a block label with points, then on an indicator
//! row its 一级指标 (own, merged, carried, or told from the 二级指标) and 二级指标, and the
//! indicator itself — or why the row is none (an approval row, a placeholder, a category
//! alone, a `其中…` breakdown).

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::columns::normalize;
use crate::table::grid::{Cell, Row};
use crate::table::model::{Breakdown, FormTotal, IndicatorRow, RowText, SourceParts};
use crate::table::self_eval::join_target;
use crate::table::sheet_headings::{Level, level_of};
use crate::table::source::Location;

use super::continued::Rest;
use super::grid::{
    GridHeader, Scope, block_header, block_row, grid_roles, half_unit, with_header_units,
};
use super::pair::Paired;
use super::words::*;
use super::{FormReader, shown};

/// What the walk down a grid carries from row to row.
#[derive(Default)]
pub(super) struct Walk {
    pub out: Vec<IndicatorRow>,
    pub total: Option<FormTotal>,
    /// The 一级指标 carried, and whether it was told from a 二级指标.
    level1: Option<(Arc<str>, bool)>,
    level1_points_only: bool,
    no_category: bool,
    level1_raw: Option<String>,
    level2: Option<Arc<str>>,
    level2_raw: Option<String>,
    /// Points printed by category (`#row` for points printed alone, until the category is told).
    pub points: Vec<(Arc<str>, Decimal)>,
    inferred_reported: Vec<String>,
    after_indicators: bool,
    pub breakdowns: Vec<Breakdown>,
    pub mismatches: Vec<String>,
    /// The scopes with points, and which are open: block, category, subcategory.
    pub scopes: Vec<Scope>,
    pub open: [Option<usize>; 3],
    /// The `小计` rows read, each with the indicators it sums (`subtotal`).
    pub subtotals: Vec<crate::table::layouts::sheet_total::Subtotal>,
    /// The grid row being read, and the row of the indicator read last (`continued`).
    pub row: usize,
    last_at: Option<usize>,
    /// The budget-execution row, where the grid prints one (`budget_row`).
    pub budget_row: Option<super::budget_row::BudgetRow>,
    /// Whether a target cell that labels its actual too was split and said (`pair::labelled_both`).
    labelled_said: bool,
}

impl Walk {
    /// A walk inside `outer`, a block label with points above the header.
    pub fn new(outer: Option<Scope>) -> Self {
        let mut w = Walk::default();
        if let Some(o) = outer {
            w.scopes.push(o);
            w.open[0] = Some(0);
        }
        w
    }

    /// The 一级指标 carried.
    pub fn level1(&self) -> Option<&str> {
        self.level1.as_ref().map(|(n, _)| &**n)
    }

    /// The 二级指标 carried.
    pub fn level2(&self) -> Option<&str> {
        self.level2.as_deref()
    }

    /// Whether the indicator read last is on the row directly above the one being read.
    pub fn last_row_is_above(&self) -> bool {
        self.last_at.is_some_and(|k| k + 1 == self.row)
    }

    /// The indicator about to be pushed joins every scope with points that is open.
    fn enter_open_scopes(&mut self) {
        for k in self.open.iter().flatten() {
            self.scopes[*k].members.push(self.out.len());
        }
    }
}

/// The non-empty cell of `row` in the column of role `c`.
fn filled_in<'r>(h: &GridHeader, row: &'r Row<'r>, c: Col) -> Option<&'r Cell<'r>> {
    h.col(c)
        .and_then(|k| row.cell(k))
        .filter(|x| !x.text.trim().is_empty())
}

/// A header printed again inside the grid (each 湖北 block repeats it).
pub(super) fn is_header_again(row: &Row) -> bool {
    let roles = grid_roles(row);
    roles.len() >= 2
        && (roles.iter().any(|(c, _)| *c == Col::Indicator) || roles.len() == row.filled().count())
}

impl<'r> FormReader<'_, '_, 'r> {
    /// The rows after the indicators: the 总分 row, a `自评等级 | 优` row of its own below it,
    /// conclusions, signatures and notes (the total row may still follow). Whether `row` is one.
    pub(super) fn trailer_row(&mut self, w: &mut Walk, h: &GridHeader, row: &Row) -> bool {
        let first = row.filled().next().map(|(_, c)| normalize(&c.text));
        let first = first.as_deref().unwrap_or("");
        if TOTAL_ROW.contains(&first) || first.starts_with("总分") {
            let (weight, score) = self.weight_and_score(h, row);
            let grade = row.filled().map(|(_, c)| compact(&c.text)).find_map(|t| {
                // `97.5分（优）`: the grade in the total's remark
                let remark = super::funds::remarked(&t).map(|(_, r)| r.to_owned());
                [Some(t), remark]
                    .into_iter()
                    .flatten()
                    .find(|t| GRADES.contains(&t.as_str()))
            });
            w.total = Some(FormTotal {
                weight,
                score,
                grade,
                at: self.ctx.row_location(row),
            });
            w.after_indicators = true;
            return true;
        }
        if let (Some(t), Some(Some(v))) = (w.total.as_mut(), label_value(row, GRADE_LABELS))
            && t.grade.is_none()
            && GRADES.contains(&compact(v.text()).as_str())
        {
            t.grade = Some(compact(v.text()));
            return true;
        }
        if w.after_indicators || TRAILER.contains(&first) || first.starts_with('注') {
            w.after_indicators = true;
            return true;
        }
        false
    }

    /// A block with its points (`年度绩效目标2(40分)`): it bounds the rows under it and clears
    /// the categories carried. Whether `row` is one.
    pub(super) fn block_opened(&mut self, w: &mut Walk, row: &Row) -> bool {
        let Some((label, p)) = block_row(row) else {
            return false;
        };
        w.scopes.push(Scope {
            label,
            points: p,
            depth: 0,
            members: Vec::new(),
            at: self.ctx.row_location(row),
            score: None,
        });
        w.open = [Some(w.scopes.len() - 1), None, None];
        w.level1 = None;
        w.level1_raw = None;
        w.level2 = None;
        w.level2_raw = None;
        true
    }

    /// The points of label `level` (0 the 一级指标, 1 the 二级指标) printed in its own 分值
    /// column on row `r` (merged over its rows or not), where the grid has one
    /// ([`super::grid::GridHeader::label_points`]).
    fn label_points(&self, h: &GridHeader, level: usize, r: usize) -> Option<Decimal> {
        let c = shown(self.rows, self.merges, r, h.label_points[level]?)?;
        let t = compact(&c.text);
        crate::table::amount::parse_number(t.strip_suffix('分').unwrap_or(&t))
            .ok()
            .flatten()
    }

    /// The 一级指标 of row `r`: its own text, merged, or a block header across the grid; a new
    /// one clears the 二级指标 carried and opens its scope where it prints points (a category
    /// printed only as points is told later from its 二级指标). Returns its cell.
    pub(super) fn category(
        &mut self,
        w: &mut Walk,
        h: &GridHeader,
        r: usize,
    ) -> Option<&'r Cell<'r>> {
        let rows = self.rows;
        let row = &rows[r];
        let l1_cell = h
            .col(Col::Level1)
            .and_then(|c| shown(rows, self.merges, r, c))
            .or_else(|| block_header(row, h.col(Col::Indicator)));
        let l1_text = l1_cell.map(|c| compact(&c.text));
        if l1_text.is_none() || l1_text == w.level1_raw {
            return l1_cell;
        }
        w.level1_raw = l1_text.clone();
        let (p, name) = points_in(l1_text.as_deref().unwrap_or(""));
        let p = p.or_else(|| self.label_points(h, 0, r));
        // `—` (or `-`, `/`) says the form gives no category: none, not the one above
        w.no_category = is_placeholder(&name) && !name.is_empty();
        let name = if w.no_category { String::new() } else { name };
        let name = name.trim_start_matches(|c: char| {
            matches!(c, '一' | '二' | '三' | '四' | '五' | '、' | '.' | '．') || c.is_ascii_digit()
        });
        let name = match expand_level(name) {
            Some(full) => {
                self.expanded(l1_cell, name, &full);
                full
            }
            None => name.to_owned(),
        };
        w.level1_points_only = name.is_empty();
        w.level1 = (!name.is_empty()).then(|| (Arc::from(name.as_str()), false));
        w.level2 = None;
        w.level2_raw = None;
        w.open[2] = None;
        w.open[1] = None;
        if let (Some(p), Some((n, _))) = (p, &w.level1) {
            w.points.push((n.clone(), p));
        } else if let Some(p) = p {
            // points alone: the category is told from the 二级指标 below
            w.points.push((Arc::from(format!("#{}", r)), p));
        }
        if let Some(p) = p {
            w.scopes.push(Scope {
                label: w
                    .level1
                    .as_ref()
                    .map(|(n, _)| n.to_string())
                    .unwrap_or_default(),
                points: p,
                depth: 1,
                members: Vec::new(),
                at: l1_cell
                    .map(|c| c.location(self.ctx.source))
                    .unwrap_or_else(|| self.ctx.row_location(row)),
                score: None,
            });
            w.open[1] = Some(w.scopes.len() - 1);
        }
        l1_cell
    }

    /// The 二级指标 of row `r` (own or merged; a placeholder is none); a new one opens its scope
    /// where it prints points. Returns its cell.
    pub(super) fn subcategory(
        &mut self,
        w: &mut Walk,
        h: &GridHeader,
        r: usize,
    ) -> Option<&'r Cell<'r>> {
        let l2_cell = h
            .col(Col::Level2)
            .and_then(|c| shown(self.rows, self.merges, r, c));
        let c = l2_cell?;
        let raw = compact(&c.text);
        if w.level2_raw.as_deref() == Some(raw.as_str()) {
            return l2_cell;
        }
        w.level2_raw = Some(raw);
        let (p, name) = points_in(&c.text);
        let p = p.or_else(|| self.label_points(h, 1, r));
        let name = match expand_level(&name) {
            Some(full) => {
                self.expanded(Some(c), &name, &full);
                full
            }
            None => name,
        };
        if is_placeholder(&name) {
            w.level2 = None;
        } else {
            w.level2 = Some(Arc::from(name.as_str()));
        }
        w.open[2] = None;
        if let Some(p) = p {
            w.scopes.push(Scope {
                label: name,
                points: p,
                depth: 2,
                members: Vec::new(),
                at: c.location(self.ctx.source),
                score: None,
            });
            w.open[2] = Some(w.scopes.len() - 1);
        }
        l2_cell
    }

    /// A 一级指标 not written (or itself told before) is told from the 二级指标 (数量指标 →
    /// 产出指标), with a finding the first time: the points printed alone and an unnamed
    /// category scope take its name.
    pub(super) fn category_told(&mut self, w: &mut Walk, row: &Row, l2_cell: Option<&Cell>) {
        let open_l1 = !w.no_category
            && (w.level1.is_none() || w.level1.as_ref().is_some_and(|(_, inferred)| *inferred));
        let told = w.level2.as_ref().filter(|_| open_l1).and_then(|l2| {
            // in simplified characters (`數量指標` is 数量指标)
            let simple: String = l2.chars().map(crate::traditional::simplify).collect();
            LEVEL2_TO_LEVEL1
                .iter()
                .find(|(k, _)| simple.starts_with(k))
                .map(|(_, l1)| (l2.clone(), *l1))
        });
        let Some((l2, l1)) = told else {
            return;
        };
        let l1: Arc<str> = Arc::from(l1);
        // the points printed alone belong to this category
        if w.level1_points_only
            && let Some(p) = w.points.iter_mut().find(|(n, _)| n.starts_with('#'))
        {
            p.0 = l1.clone();
        }
        if let Some(k) = w.open[1]
            && w.scopes[k].label.is_empty()
        {
            w.scopes[k].label = l1.to_string();
        }
        if !w.inferred_reported.iter().any(|x| **x == *l1) {
            w.inferred_reported.push(l1.to_string());
            let at = l2_cell
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
        w.level1 = Some((l1, true));
    }

    /// A category named alone in the indicator column (`一、产出指标`, `　　数量指标` indented,
    /// `一级指标：产出指标`), no target and no actual, in a grid with no column of its own for
    /// that level (the provinces' forms that keep 一级 / 二级 / 三级 in one column): a heading,
    /// not an indicator. The rows under it take its category; its 分值 and 得分, where printed,
    /// bound theirs as a label's points do ([`Scope`]; 得分 too). Read as indicators, a form of
    /// 100 points with two levels of headings was 270 / 300 and each heading 达标 without a
    /// target. `成本指标` (a 一级指标 since 2021, a 二级指标 under 产出 before) is a 一级 one where
    /// the next heading is a 二级 one. Whether row `r` is one.
    pub(super) fn heading(&mut self, w: &mut Walk, h: &GridHeader, r: usize) -> bool {
        let row = &self.rows[r];
        let Some(cell) = filled_in(h, row, Col::Indicator) else {
            return false;
        };
        if [Col::Target, Col::Nature, Col::Measure, Col::Actual]
            .iter()
            .any(|&c| filled_in(h, row, c).is_some())
        {
            return false;
        }
        let Some((level, name)) = heading_level(&cell.text) else {
            return false;
        };
        let (no_one, no_two) = (h.col(Col::Level1).is_none(), h.col(Col::Level2).is_none());
        let depth: u8 = match level {
            Level::One if no_one => 1,
            Level::Two if no_two => 2,
            Level::Either if no_one && self.next_heading_is_two(h, r) => 1,
            Level::Either if no_two => 2,
            _ => return false,
        };
        let (weight, score) = self.weight_and_score(h, row);
        let at = cell.location(self.ctx.source);
        let label: Arc<str> = Arc::from(name.as_str());
        if depth == 1 {
            w.level1 = Some((label.clone(), false));
            w.level1_points_only = false;
            w.no_category = false;
            w.level2 = None;
            w.level2_raw = None;
            w.open[1] = None;
        }
        w.level2 = (depth == 2).then(|| label.clone());
        w.open[2] = None;
        if let Some(p) = weight {
            if depth == 1 {
                w.points.push((label.clone(), p));
            }
            w.scopes.push(Scope {
                label: name.clone(),
                points: p,
                depth,
                members: Vec::new(),
                at,
                score,
            });
            w.open[usize::from(depth)] = Some(w.scopes.len() - 1);
        }
        let sums = if weight.is_some() || score.is_some() {
            "；其分值、得分与其下各指标之和核对"
        } else {
            ""
        };
        let f = self
            .ctx
            .finding(
                codes::FORM_CATEGORY_ROW,
                Severity::Info,
                at,
                format!(
                    "「{}」是指标类别「{name}」的标题行（没有年度指标值和实际完成值），不作为指标计分{sums}",
                    tidy(&cell.text)
                ),
            )
            .label("类别标题行");
        self.ctx.rows_skipped += 1;
        self.ctx.findings.push(f);
        true
    }

    /// Whether the next heading row below `r` (the next row whose indicator cell names a
    /// category) names a 二级指标.
    fn next_heading_is_two(&self, h: &GridHeader, r: usize) -> bool {
        self.rows[r + 1..]
            .iter()
            .filter_map(|row| filled_in(h, row, Col::Indicator))
            .find_map(|c| heading_level(&c.text))
            .is_some_and(|(l, _)| l == Level::Two)
    }

    /// The indicator of `row`, with the categories carried; or, where the row has none, the
    /// finding that says why (an approval row, a placeholder or a category alone), or the
    /// The target and actual of `row` read from one cell: the column of both's
    /// ([`super::pair`]), or, where the grid has no 实际完成值 column, a target cell that labels
    /// both (`pair::labelled_both`, said once a form) — with the cell. `Err` where the column
    /// of both's cell does not split (the row refused, said); `None` where no cell gives both.
    #[allow(clippy::type_complexity)]
    fn one_cell_both(
        &mut self,
        w: &mut Walk,
        h: &GridHeader,
        row: &'r Row<'r>,
        name: &str,
    ) -> Result<Option<(String, String, &'r Cell<'r>)>, ()> {
        let cell = filled_in(h, row, Col::Target);
        if let Some(pair) = &h.pair {
            return match self.paired(pair, cell, name, &mut w.mismatches) {
                Paired::Split(t, a) => Ok(cell.map(|c| (t, a, c))),
                Paired::Empty => Ok(None),
                Paired::Refused => Err(()),
            };
        }
        if h.col(Col::Actual).is_some() {
            return Ok(None);
        }
        let Some((cell, (t, a))) =
            cell.and_then(|c| Some((c, super::pair::labelled_both(&c.text)?)))
        else {
            return Ok(None);
        };
        if !std::mem::replace(&mut w.labelled_said, true) {
            let at = cell.location(self.ctx.source);
            let f = super::pair::labelled_noted(self.ctx, at, name, &cell.text);
            self.ctx.findings.push(f);
        }
        Ok(Some((t, a, cell)))
    }

    /// `其中…` breakdown it is.
    pub(super) fn indicator(
        &mut self,
        w: &mut Walk,
        h: &GridHeader,
        row: &'r Row<'r>,
        l1_cell: Option<&Cell>,
    ) {
        let name_cell = h.col(Col::Indicator).and_then(|c| row.cell(c));
        let name = name_cell.map(|c| tidy(&c.text)).unwrap_or_default();
        if self.set_aside(h, row, name_cell, &name) {
            return;
        }
        let name_cell = name_cell.expect("a named indicator has its cell");
        let get = |c: Col| filled_in(h, row, c);
        let (mut target, target_at) = self.target(h, row, &name);
        let mut actual_cell = get(Col::Actual);
        // one cell of both (`≥200户/180户`, `目标：≥95% 实际：96%`): split, or the row refused
        let mut paired = None;
        match self.one_cell_both(w, h, row, &name) {
            Err(()) => return,
            Ok(Some((t, a, cell))) => {
                target = t;
                paired = Some(a);
                actual_cell = Some(cell);
            }
            Ok(None) => {}
        }
        let (weight, published_score) = self.weight_and_score(h, row);
        let (name, weight) = match named_points(h, &name) {
            Some((points, bare)) => (bare, weight.or(Some(points))),
            None => (name, weight),
        };
        let raw_score = self.points(get(Col::RawScore));
        let name_at = name_cell.location(self.ctx.source);
        let actual = paired.or_else(|| actual_cell.map(|c| tidy(&c.text)));
        let (mut actual, reason) = self.actual_and_reason(h, actual);
        // `其中…` with no points of its own under a scored row: a breakdown, never scored
        if is_breakdown_name(&name)
            && weight.is_none()
            && published_score.is_none()
            && !w.out.is_empty()
        {
            self.breakdown(w, name, target, actual, name_at);
            return;
        }
        if h.figures != [None; 2] {
            with_header_units(h, &mut target, &mut actual);
        }
        // (an empty one changes nothing: `apply`)
        if let Some(u) = h.actual_unit
            && let Some(m) = row.cell(u.col)
        {
            if let Some(a) = actual_cell
                && let Some((own, column)) =
                    crate::table::layouts::actual_unit::conflict(&m.text, &a.text)
            {
                let at = a.location(self.ctx.source);
                let f = crate::table::layouts::self_eval::actual_unit_conflict(
                    self.ctx, at, &name, &a.text, own, column,
                );
                self.ctx.findings.push(f);
            }
            let (t, a) = crate::table::layouts::actual_unit::apply(
                &m.text,
                u.shared,
                &target,
                actual.as_deref(),
            );
            target = t.unwrap_or(target);
            actual = a.or(actual);
        }
        // the rest of the indicator on the row above (its name's end, its target; no points)
        if weight.is_none() && published_score.is_none() && raw_score.is_none() {
            let rest = Rest {
                name: &name,
                target: &target,
                actual: actual.as_deref(),
                target_at,
                actual_at: actual_cell.map(|c| c.location(self.ctx.source)),
                row_at: self.ctx.row_location(row),
            };
            if self.continued(w, rest) {
                w.last_at = Some(w.row);
                return;
            }
        }
        let published_score = weighted_score(w, &name, raw_score, weight, published_score);
        let deviation = get(Col::Deviation)
            .map(|c| tidy(&c.text))
            .filter(|t| !is_template_text(t))
            .or(reason);
        w.enter_open_scopes();
        w.last_at = Some(w.row);
        w.out.push(IndicatorRow {
            seq: w.out.len() as u32 + 1,
            category: w.level1.as_ref().map(|(n, _)| n.clone()),
            subcategory: w.level2.clone().map(RowText::from),
            name: RowText::from(name),
            target: RowText::from(target),
            actual: actual.map(RowText::from),
            plan: get(Col::Plan).map(|c| Arc::from(tidy(&c.text))),
            weight,
            published_score,
            deviation_note: deviation,
            terminator: String::new(),
            at: SourceParts {
                item: self.ctx.row_location(row),
                category: l1_cell.map(|c| c.location(self.ctx.source)),
                name: name_at,
                target: target_at.unwrap_or(name_at.with_len(0)),
                actual: actual_cell.map(|c| c.location(self.ctx.source)),
                terminator: None,
            }
            .into(),
        });
    }

    /// Whether `row` is no indicator and was told so: an approval row (its finding), or a
    /// placeholder or a category alone (`not_an_indicator`).
    fn set_aside(
        &mut self,
        h: &GridHeader,
        row: &Row,
        name_cell: Option<&Cell>,
        name: &str,
    ) -> bool {
        if name.is_empty()
            && let Some((_, cell)) = row.filled().next()
            && is_approval_row(&cell.text)
        {
            self.approval_row(cell);
            return true;
        }
        if is_placeholder(name) {
            self.not_an_indicator(h, row, name_cell, name);
            return true;
        }
        false
    }

    /// The target of an indicator row and where it is: the 指标值 cell, or the target joined from
    /// split columns (性质 | 值 | 计量单位) where the form splits it.
    fn target(&mut self, h: &GridHeader, row: &Row, name: &str) -> (String, Option<Location>) {
        let original = self.joined(h, row, filled_in(h, row, Col::Target));
        let Some(adjusted) = filled_in(h, row, Col::Adjusted) else {
            return original;
        };
        // a 调整后指标值 other than the 年度指标值 is scored, said (`table.target-adjusted`)
        let (target, at) = self.joined(h, row, Some(adjusted));
        if target.trim() == original.0.trim() {
            return original;
        }
        let f = crate::table::layouts::self_eval::target_adjusted(
            self.ctx,
            adjusted.location(self.ctx.source),
            name,
            &target,
            &original.0,
        );
        self.ctx.findings.push(f);
        (target, at)
    }

    /// The target of `row` with `target_value` as its 指标值, joined with the row's 指标性质,
    /// 度量单位 and 指标方向 where the grid has them, and where it is.
    fn joined(
        &self,
        h: &GridHeader,
        row: &Row,
        target_value: Option<&Cell>,
    ) -> (String, Option<Location>) {
        let get = |c: Col| filled_in(h, row, c);
        let nature = get(Col::Nature);
        let measure = get(Col::Measure);
        let direction = get(Col::Direction);
        let target = if nature.is_none() && measure.is_none() && direction.is_none() {
            target_value.map(|c| tidy(&c.text)).unwrap_or_default()
        } else {
            join_target(
                nature.map(|c| c.text.trim()),
                target_value.map(|c| c.text.trim()),
                measure.map(|c| c.text.trim()),
                direction.map(|c| c.text.trim()),
            )
        };
        let at = target_value
            .or(nature)
            .or(measure)
            .map(|c| c.location(self.ctx.source));
        (target, at)
    }

    /// A shortened category label read as its full name, with a finding.
    fn expanded(&mut self, cell: Option<&Cell>, short: &str, full: &str) {
        let Some(cell) = cell else {
            return;
        };
        let at = cell.location(self.ctx.source);
        let f = self
            .ctx
            .finding(
                codes::FORM_LABEL_EXPANDED,
                Severity::Info,
                at,
                format!("指标类别「{short}」按「{full}」读取"),
            )
            .label("简写的类别");
        self.ctx.findings.push(f);
    }

    /// A `其中…` row under the indicator read last: kept beside it, with a finding.
    fn breakdown(
        &mut self,
        w: &mut Walk,
        name: String,
        target: String,
        actual: Option<String>,
        at: Location,
    ) {
        let Some(parent) = w.out.last() else {
            return;
        };
        let f = self
            .ctx
            .finding(
                codes::FORM_BREAKDOWN,
                Severity::Info,
                at,
                format!(
                    "「{name}」是「{}」的分项（其中…，没有分值和得分），列出但不单独计分",
                    parent.name
                ),
            )
            .label("分项");
        self.ctx.findings.push(f);
        w.breakdowns.push(Breakdown {
            parent: parent.seq,
            name,
            target,
            actual,
            at,
        });
    }

    /// A department's opinion and seal: neither a category nor an indicator.
    fn approval_row(&mut self, cell: &Cell) {
        let f = self
            .ctx
            .finding(
                codes::FORM_APPROVAL_ROW,
                Severity::Info,
                cell.location(self.ctx.source),
                format!("「{}」是审核意见栏，不计为指标", tidy(&cell.text)),
            )
            .label("审核意见栏");
        self.ctx.rows_skipped += 1;
        self.ctx.findings.push(f);
    }

    /// A row whose indicator name is empty or a placeholder: values without a name (a
    /// warning), a category alone, or a template's placeholder row; skipped.
    fn not_an_indicator(
        &mut self,
        h: &GridHeader,
        row: &Row,
        name_cell: Option<&Cell>,
        name: &str,
    ) {
        let at = name_cell
            .filter(|c| !c.text.trim().is_empty())
            .map(|c| c.location(self.ctx.source))
            .unwrap_or_else(|| self.ctx.first_filled_location(row));
        let has_values = [Col::Target, Col::Actual, Col::Weight, Col::Score]
            .iter()
            .any(|&c| filled_in(h, row, c).is_some_and(|x| !is_placeholder(&x.text)));
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
    }
}

/// The category a heading cell names and its level ([`level_of`]), a `一级指标：` /
/// `二级指标：` label before it aside.
fn heading_level(text: &str) -> Option<(Level, String)> {
    let t = text.trim();
    let t = ["一级指标", "二级指标"]
        .iter()
        .find_map(|l| t.strip_prefix(l))
        .and_then(|rest| rest.trim_start().strip_prefix([':', '：']))
        .unwrap_or(t);
    level_of(t)
}

/// 河北: 单项指标折算得分 = 单项指标得分 × 权重占比 ÷ 100. The score printed, else the one
/// computed; a printed one that differs beyond its rounding is a mismatch.
fn weighted_score(
    w: &mut Walk,
    name: &str,
    raw: Option<Decimal>,
    weight: Option<Decimal>,
    published: Option<Decimal>,
) -> Option<Decimal> {
    let (Some(raw), Some(weight)) = (raw, weight) else {
        return published;
    };
    let weighted = raw * weight / Decimal::ONE_HUNDRED;
    match published {
        None => return Some(weighted),
        Some(p) if (p - weighted).abs() > half_unit(&p) => w.mismatches.push(format!(
            "「{name}」折算得分 {} ≠ 单项得分 {} × 权重 {} ÷ 100 = {}",
            p.normalize(),
            raw.normalize(),
            weight.normalize(),
            weighted.normalize()
        )),
        Some(_) => {}
    }
    published
}

/// The points an indicator's name gives in brackets at its end (`服务人次（20分）`) in a grid
/// with no 分值 column, and the name without them. Before, the points were left in the name and
/// the weights guessed (产出 50 shared, 效益 30, 满意度 10): every indicator scored against
/// points the form never gave it.
fn named_points(h: &GridHeader, name: &str) -> Option<(Decimal, String)> {
    if h.col(Col::Weight).is_some() || !name.ends_with([')', '）']) {
        return None;
    }
    match points_in(name) {
        (Some(p), bare) if !bare.is_empty() && p > Decimal::ZERO => Some((p, bare)),
        _ => None,
    }
}
