//! 预算执行率 as a row of the indicator grid (some provinces print it so, with its own 分值,
//! usually 10, in the 一级指标 column and no 三级指标): the budget-execution row, not an
//! indicator without a name. Its 分值 and 得分 are the budget line's where the funds block gives
//! none, and its 实际完成值 (`95%`) the execution rate where the block gives no amounts (budget
//! execution is then scored from the printed rate, said). Before, the row was "没有三级指标名称"
//! and the form's sums short by its points: 未核对.

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::amount::parse_number;
use crate::table::grid::Row;
use crate::table::model::{FormTotal, IndicatorRow};
use crate::table::source::Location;

use super::FormReader;
use super::funds::FundsRow;
use super::grid::GridHeader;
use super::words::*;

/// The names of a budget-execution row, its points aside (`预算执行率（10分）`).
const NAMES: &[&str] = &[
    "预算执行率",
    "预算执行情况",
    "预算执行",
    "资金执行率",
    "预算资金执行率",
    "项目资金执行率",
    "资金执行情况",
];

/// A budget-execution row read from the grid.
#[derive(Debug)]
pub(super) struct BudgetRow {
    pub weight: Option<Decimal>,
    pub score: Option<Decimal>,
    /// Its 实际完成值 as printed (`95%`).
    pub actual: Option<String>,
    pub at: Location,
    /// Printed above the grid, a label and its rate (`预算执行率（10分）` | `95%`), not a row of it.
    pub above: bool,
}

/// Whether `text` (a 一级 or 二级指标 cell) names the budget-execution row.
fn names_budget(text: &str) -> bool {
    if !text.contains("执行") {
        return false;
    }
    let (_, name) = points_in(&compact(text));
    NAMES.contains(&name.as_str())
}

/// The largest bare figure that may be a rate written as a fraction of 1 (`1.5` for 150 %),
/// as the funds block's check of a printed rate reads one.
const FRACTION_UP_TO: Decimal = Decimal::from_parts(15, 0, 0, false, 1);

/// A rate as printed (`95%`, `95`, `100.00%`) as a share (0.95); `None` where it is no rate
/// or either of two: a bare figure up to 1.5 (`0.95`, `1`, `1.5`: a fraction of 1 — 95 %,
/// 100 %, 150 % — as readily as a percentage without its sign — 0.95 %, 1 %, 1.5 %) is not
/// taken ([`doubtful`] says so). A bare figure above it is a percentage (`95` is 95 %).
pub(super) fn share(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let (digits, percent) = match t.strip_suffix(['%', '％']) {
        Some(d) => (d.trim_end(), true),
        None => (t, false),
    };
    let v = parse_number(digits).ok().flatten()?;
    if v.is_sign_negative() || (!percent && v <= FRACTION_UP_TO) {
        return None;
    }
    v.checked_div(Decimal::ONE_HUNDRED)
}

/// The two readings of a bare rate [`share`] does not take (`1.5`: 150 % or 1.5 %), as a
/// message says them; `None` for any other text.
pub(super) fn doubtful(text: &str) -> Option<String> {
    let t = text.trim();
    let v = parse_number(t).ok().flatten()?;
    (v > Decimal::ZERO && v <= FRACTION_UP_TO).then(|| {
        format!(
            "执行率 {t} 没有百分号，可能是 1 的分数（{}%），也可能是 {t}%",
            (v * Decimal::ONE_HUNDRED).normalize()
        )
    })
}

impl FormReader<'_, '_, '_> {
    /// A warning where budget execution is to be scored from a printed rate alone and the rate
    /// is a bare figure of two readings ([`doubtful`]): it is not scored, its points wait for a
    /// person; whether it is such a rate.
    pub(super) fn rate_doubt(&mut self, rate: Option<&str>, at: Location) -> bool {
        let Some(two) = rate.and_then(doubtful) else {
            return false;
        };
        let f = self
            .ctx
            .finding(
                codes::FORM_RATE_DOUBT,
                Severity::Warning,
                at,
                format!("{two}；没有全年预算数和执行数可以核对，预算执行的分值待评定，请人工核对"),
            )
            .label("执行率读法不定")
            .help("在执行率中写明百分号（如 150% 或 1.5%），或填写全年预算数和全年执行数");
        self.ctx.findings.push(f);
        true
    }

    /// Whether `row` is the budget-execution row (its 一级 or 二级指标 names it, its 三级指标 is
    /// empty): kept in `found` (the first; a second is a row without a name, as before).
    pub(super) fn budget_row(
        &mut self,
        h: &GridHeader,
        row: &Row,
        found: &mut Option<BudgetRow>,
    ) -> bool {
        if found.is_some() {
            return false;
        }
        let own = |c: Col| h.col(c).and_then(|i| row.cell(i)).map(|c| c.text.trim());
        let named = [Col::Level1, Col::Level2]
            .into_iter()
            .filter_map(own)
            .find(|t| !t.is_empty());
        if !named.is_some_and(names_budget) {
            return false;
        }
        // (a 三级指标 of its own, 预算执行率 too, is an indicator as before)
        if own(Col::Indicator).is_some_and(|n| !n.is_empty()) {
            return false;
        }
        let (weight, score) = self.weight_and_score(h, row);
        // `预算执行率（10分）` with its 分值 cell empty: the label's points
        let weight = weight.or_else(|| named.and_then(|t| points_in(&compact(t)).0));
        let actual = h
            .col(Col::Actual)
            .and_then(|i| row.cell(i))
            .map(|c| tidy(&c.text))
            .filter(|t| !t.is_empty());
        // a heading alone (`预算执行情况` over indicators of its own): a category, as before
        if weight.is_none() && score.is_none() && actual.is_none() {
            return false;
        }
        *found = Some(BudgetRow {
            weight,
            score,
            actual,
            at: self.ctx.row_location(row),
            above: false,
        });
        true
    }

    /// A budget-execution label above the grid (`预算执行率（10分）`, no grid row of it) with
    /// its rate printed beside it (the row's one other cell) or alone on the next row that is
    /// not blank (`95%`): the budget line's 分值 (the label's points) and 执行率, as a grid's
    /// budget row gives them ([`Self::budget_into_funds`]), and the row after those read; `None`
    /// where the row is no such label or no rate goes with it. It was 未核对, the form's sums
    /// short by the budget's points.
    pub(super) fn budget_label(&self, i: usize, end: usize) -> Option<(BudgetRow, usize)> {
        let rows = self.rows;
        let mut cells = rows[i].filled();
        let (_, label) = cells.next()?;
        let label = tidy(&label.text);
        if !names_budget(&label) {
            return None;
        }
        let beside = cells.next().map(|(_, c)| tidy(&c.text));
        if cells.next().is_some() {
            return None;
        }
        let (rate, next) = match beside {
            Some(rate) => (rate, i + 1),
            None => {
                let k = (i + 1..end).find(|&k| !rows[k].is_blank())?;
                let mut below = rows[k].filled();
                let rate = tidy(&below.next()?.1.text);
                if below.next().is_some() {
                    return None;
                }
                (rate, k + 1)
            }
        };
        share(&rate)?;
        let row = BudgetRow {
            weight: points_in(&compact(&label)).0,
            score: None,
            actual: Some(rate),
            at: self.ctx.row_location(&rows[i]),
            above: true,
        };
        Some((row, next))
    }

    /// The grid's budget-execution row into the funds block: its 分值 and 得分 where the block
    /// gives none, its 实际完成值 as the 执行率 where the block prints none (checked against the
    /// amounts where given), said (`table.form-reading`); points the block prints otherwise
    /// are kept, with a warning naming both (`table.form-funds-mismatch`).
    pub(super) fn budget_into_funds(&mut self, funds: &mut FundsRow, row: BudgetRow) {
        let mut told = Vec::new();
        let mut against = Vec::new();
        for (slot, got, what) in [
            (&mut funds.weight, row.weight, "分值"),
            (&mut funds.score, row.score, "得分"),
        ] {
            match (*slot, got) {
                (None, Some(v)) => {
                    *slot = Some(v);
                    told.push(format!("{what} {}", v.normalize()));
                }
                (Some(a), Some(b)) if a != b => {
                    against.push(format!(
                        "资金表{what} {}，表中预算执行率行{what} {}",
                        a.normalize(),
                        b.normalize()
                    ));
                }
                _ => {}
            }
        }
        let rate_taken = funds.rate.is_none() && row.actual.is_some();
        if rate_taken {
            funds.rate = row.actual.clone();
            told.push(format!("执行率 {}", row.actual.as_deref().unwrap_or("")));
        }
        if funds.at.is_none() {
            funds.at = Some(row.at);
        }
        let amounts = funds.budget.or(funds.initial).is_some() || funds.spent.is_some();
        let rate = funds.rate.as_deref().and_then(share);
        // a label above the grid prints no 得分: the one its 分值 and rate give is what the
        // form's 总分 holds, checked against it there, never shown as printed
        if let (true, false, None, Some(w), Some(r)) =
            (row.above, amounts, funds.score, funds.weight, rate)
        {
            funds.implied_score = Some(w * r.min(Decimal::ONE));
        }
        let place = match row.above {
            true => "指标表上方的「预算执行率」标签",
            false => "指标表中的「预算执行率」行",
        };
        let message = match (amounts, rate.filter(|_| funds.weight.is_some())) {
            (true, _) => format!(
                "{place}是预算执行一栏（{}），按资金表的金额计分",
                told.join("，")
            ),
            (false, Some(_)) => format!(
                "{place}是预算执行一栏（{}）：没有预算数和执行数，按原表执行率计分",
                told.join("，")
            ),
            (false, None) => format!(
                "{place}是预算执行一栏（{}）：没有预算数和执行数，{}，预算执行不计分",
                told.join("，"),
                match (rate, funds.rate.as_deref().and_then(doubtful)) {
                    (None, Some(two)) => format!("{two}，无法确定，请人工核对"),
                    (None, None) => "执行率不可读".to_owned(),
                    (Some(_), _) => "也没有分值".to_owned(),
                }
            ),
        };
        self.reading(row.at, message);
        if rate_taken && amounts {
            self.check_rate(funds);
        }
        if !against.is_empty() {
            let f = self
                .ctx
                .finding(
                    codes::FORM_FUNDS_MISMATCH,
                    Severity::Warning,
                    row.at,
                    format!(
                        "预算执行的分值或得分两处不一：{}；按资金表读取",
                        against.join("；")
                    ),
                )
                .label("预算执行率");
            self.ctx.findings.push(f);
        }
    }

    /// The budget row's 分值 where the funds block gives amounts and no points, and the 总分
    /// row's sums exceed the indicators' (`listed`) by what budget execution would give: its
    /// 分值 minus theirs `d` > 0, its 得分 minus theirs `d` × the execution rate (capped at
    /// 100 %) within the printed rounding. The form counts budget execution with `d` points no
    /// cell prints (indicators of 90, 总分 100; 86 and 94 at 80 %): read so, said. It was
    /// 未核对 (each sum short by the budget's).
    pub(super) fn budget_points_from_total<'i>(
        &mut self,
        funds: &mut FundsRow,
        listed: impl Iterator<Item = &'i IndicatorRow>,
        total: Option<&FormTotal>,
    ) {
        let (Some(t), None, None) = (total, funds.weight, funds.score) else {
            return;
        };
        let (Some(w), Some(s), Some(budget), Some(spent)) = (
            t.weight,
            t.score,
            funds.budget.or(funds.initial),
            funds.spent,
        ) else {
            return;
        };
        let mut sums = (Decimal::ZERO, Decimal::ZERO);
        for i in listed {
            let (Some(iw), Some(is)) = (i.weight, i.published_score) else {
                return;
            };
            sums = (sums.0 + iw, sums.1 + is);
        }
        let d = w - sums.0;
        let Some(rate) = (budget > Decimal::ZERO && d > Decimal::ZERO)
            .then(|| spent.checked_div(budget))
            .flatten()
        else {
            return;
        };
        let expected = d * rate.min(Decimal::ONE).max(Decimal::ZERO);
        let tol = crate::table::half_unit_at(s.normalize().scale()).max(Decimal::new(5, 3));
        if ((s - sums.1) - expected).abs() > tol {
            return;
        }
        funds.weight = Some(d);
        funds.implied_score = Some(s - sums.1);
        let at = funds.at.unwrap_or(t.at);
        self.reading(
            at,
            format!(
                "预算执行没有填写分值：原表分值合计 {} 减去各指标分值之和 {}，余下 {} 分是预算执行的分值（原表总分 {} 含预算执行得分 {}，与执行率相符）",
                w.normalize(),
                sums.0.normalize(),
                d.normalize(),
                s.normalize(),
                (s - sums.1).normalize()
            ),
        );
    }
}
