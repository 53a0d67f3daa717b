//! A form's `小计` rows (one under each 一级指标, as many offices print them; `产出指标小计`):
//! each sums the indicators read since the grid's last subtotal, its 分值 against their 分值
//! and its 得分 against their 得分, as a flat sheet's 小计 is (`sheet_total`). A sum that
//! disagrees beyond the rounding of what is printed is a `table.form-total-mismatch` naming both
//! figures and one of the form's unchecked sums (the project 未核对). Set aside as a row without
//! a name before, a subtotal of 70 over rows making 66 passed without a word.

use rust_decimal::Decimal;

use crate::table::grid::Row;
use crate::table::layouts::sheet_total::{Subtotal, names_subtotal, subtotal_mismatch};
use crate::table::model::IndicatorRow;

use super::FormReader;
use super::grid::{GridHeader, half_unit};
use super::rows::Walk;
use super::words::Col;

/// A row's place as the form's projects column keys it: (offset, line).
pub(super) fn place(at: crate::source::Location) -> (usize, u32) {
    (at.offset, at.line)
}

impl FormReader<'_, '_, '_> {
    /// Whether `row` is a subtotal row (its first cell or its indicator cell names one): kept
    /// with the indicators it sums (those read since the last subtotal), to be checked when
    /// the grid is read ([`Self::check_subtotals`]).
    pub(super) fn subtotal_row(&mut self, w: &mut Walk, h: &GridHeader, row: &Row) -> bool {
        let first = row.filled().next().map(|(_, c)| &*c.text);
        let name = h
            .col(Col::Indicator)
            .and_then(|k| row.cell(k))
            .map(|c| &*c.text);
        if !first.into_iter().chain(name).any(names_subtotal) {
            return false;
        }
        let (weight, score) = self.weight_and_score(h, row);
        let from = w.subtotals.last().map_or(0, |s| s.to);
        w.subtotals.push(Subtotal {
            from,
            to: w.out.len(),
            weight,
            score,
            at: self.ctx.row_location(row),
        });
        true
    }

    /// Each subtotal's 得分 and 分值 against those of the indicators it sums: the sums that
    /// disagree, each with its warning (`table.form-total-mismatch`), and kept with the rows
    /// it sums (`FormReader::scoped`).
    pub(super) fn check_subtotals(
        &mut self,
        out: &[IndicatorRow],
        subtotals: &[Subtotal],
    ) -> Vec<String> {
        let mut mismatches = Vec::new();
        for sub in subtotals {
            let Some(rows) = out.get(sub.from..sub.to).filter(|r| !r.is_empty()) else {
                continue;
            };
            let scores: Option<Vec<Decimal>> = rows.iter().map(|i| i.published_score).collect();
            let points: Option<Vec<Decimal>> = rows.iter().map(|i| i.weight).collect();
            for (what, printed, parts) in
                [("得分", sub.score, scores), ("分值", sub.weight, points)]
            {
                let (Some(printed), Some(parts)) = (printed, parts) else {
                    continue;
                };
                // checked: parts past the decimal range add up to no printed figure
                let Some(sum) = parts
                    .iter()
                    .try_fold(Decimal::ZERO, |s, p| s.checked_add(*p))
                else {
                    continue;
                };
                // within the rounding of what is printed, as the form's total is checked: a
                // whole number is exact (46 over rows of 18, 20 and 10 is no rounding)
                let tol = half_unit(&printed) + parts.iter().map(half_unit).sum::<Decimal>();
                if (sum - printed).abs() <= tol {
                    continue;
                }
                let (f, unchecked) =
                    subtotal_mismatch(self.ctx, sub.at, what, printed, parts.len(), sum);
                self.ctx.findings.push(f);
                let places = rows.iter().map(|i| place(i.at.item())).collect();
                self.scoped.push((unchecked.clone(), places));
                mismatches.push(unchecked);
            }
        }
        mismatches
    }
}
