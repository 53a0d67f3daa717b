//! Points a label prints (`产出指标（50分）`) shared evenly by two rows or more that print no
//! 分值: a guess, never silent. Each row's 分值 is marked as guessed beside it
//! (`table.form-points-guessed`, a 提示 at the row: `inspect` lists them), the total as resting
//! on guesses (the label's `table.form-points-shared`, then a warning in the report, beside the
//! total); the rows' printed 得分 are
//! checked against the label's points (their sum may not pass them) and against the guess
//! (a row scoring more than its share shows the even share is wrong: the form's scores then
//! cannot be checked, the project is 未核对 with the reason).

use rust_decimal::Decimal;

use crate::finding::{Severity, codes};
use crate::table::model::IndicatorRow;

use super::FormReader;
use super::grid::half_unit;

impl FormReader<'_, '_, '_> {
    /// The rows `open` of `members` (the rows under `label`, which prints `points`) were each
    /// given `each`: each marked, and the printed 得分 checked.
    /// Returns the sums that cannot hold.
    pub(super) fn guessed_points(
        &mut self,
        indicators: &[IndicatorRow],
        members: &[usize],
        open: &[usize],
        (label, points, each): (&str, Decimal, Decimal),
    ) -> Vec<String> {
        let mut mismatches = Vec::new();
        let scores: Vec<Decimal> = members
            .iter()
            .filter_map(|&k| indicators[k].published_score)
            .collect();
        let tol = scores.iter().map(half_unit).sum::<Decimal>();
        let sum = scores
            .iter()
            .try_fold(Decimal::ZERO, |s, p| s.checked_add(*p));
        if let Some(sum) = sum
            && sum > points + tol
        {
            mismatches.push(format!(
                "「{label}」标明 {} 分，其下各指标得分之和 {} 分",
                points.normalize(),
                sum.normalize()
            ));
        }
        if open.len() < 2 {
            // one row takes what the label leaves: no guess
            return mismatches;
        }
        let shown = each.round_dp(2).normalize();
        for &k in open {
            let row = &indicators[k];
            let over = row
                .published_score
                .filter(|s| *s > each + half_unit(s) + Decimal::new(5, 3));
            let message = match over {
                Some(s) => {
                    mismatches.push(format!(
                        "「{label}」的分值平均分配给 {} 个指标为每个 {shown} 分，小于「{}」的得分 {}：各指标分值无法推定",
                        open.len(),
                        row.name,
                        s.normalize()
                    ));
                    format!(
                        "分值无法推定：原表没有逐项分值，「{label}」的分值平均分配为每个 {shown} 分，而本行得分 {} 超过它",
                        s.normalize()
                    )
                }
                None => format!(
                    "分值 {shown} 为推定：原表没有逐项分值，「{label}」的分值由 {} 个指标平均分配；本行得分和总分按此计算，请核对原表的逐项分值",
                    open.len()
                ),
            };
            let f = self
                .ctx
                .finding(
                    codes::FORM_POINTS_GUESSED,
                    Severity::Info,
                    row.at.item(),
                    message,
                )
                .label("推定的分值")
                .help("在分值列逐项填写各指标的分值");
            self.ctx.findings.push(f);
        }
        mismatches
    }
}
